"""Child processes (the build's worker pool, the PDF helper) must not outlive their parent.

A run killed with `kill -9` gets no chance to end its children. Forked children also
hold copies of every file descriptor the parent had, among them the run's `flock` on
`<dir>/.brief.lock`: an orphan would keep that lock, and every later run would give up
with "another brief run is writing here". So each child calls `child_started` first:
on Linux it asks the kernel to SIGKILL it when the parent dies (`PR_SET_PDEATHSIG`), and
everywhere it closes the descriptors the parent marked with `keep_from_children`.
"""

from __future__ import annotations

import os
import signal
import sys

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>

# descriptors (the run lock) no child may keep open, with the file each one was open on:
# a number reused after the parent closed it (without `forget`) is someone else's, a pipe
# to the child perhaps, and must not be closed
_private_fds: dict[int, tuple[int, int]] = {}


def _identity(fd: int) -> tuple[int, int] | None:
    try:
        info = os.fstat(fd)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def keep_from_children(fd: int) -> None:
    """Mark `fd` as the parent's alone: children started later close their copy."""
    identity = _identity(fd)
    if identity is not None:
        _private_fds[fd] = identity


def forget(fd: int) -> None:
    """`fd` is about to be closed: a later descriptor with the same number is not private."""
    _private_fds.pop(fd, None)


def die_with_parent(parent: int | None) -> bool:
    """Have the kernel SIGKILL this process when its parent dies (Linux; elsewhere False).

    `parent` is the pid the child was forked from: if it is already gone (it died between
    the fork and this call, and the request came too late to fire), exit now.
    """
    if not sys.platform.startswith("linux"):
        return False
    import ctypes  # here: most runs never start a child

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            return False
    except (OSError, AttributeError):
        return False
    if parent is not None and os.getppid() != parent:
        os._exit(1)
    return True


def child_started(parent: int | None = None) -> None:
    """First thing in every child: die with the parent, drop the parent's private descriptors."""
    die_with_parent(parent)
    for fd, identity in list(_private_fds.items()):
        if _identity(fd) != identity:
            continue  # closed and reused since: not the lock any more
        try:
            os.close(fd)
        except OSError:
            pass
    _private_fds.clear()


def pid_alive(pid: int) -> bool:
    """Whether process `pid` is running here (a zombie, dead but not yet reaped, is not)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rpartition(b")")[2].split()[0] not in (b"Z", b"X")
    except (OSError, IndexError):  # no /proc (not Linux): kill(0) said it is there
        return True
