"""The run lock: an `flock` on `<dir>/.brief.lock`, held for the whole of `brief run`.

Two overlapping runs must not write the same output folder: the second gives up at once
with a temporary failure (exit 75). The kernel drops an `flock` when the last descriptor
on it closes, so a run killed with -9 frees it, unless a child still has a copy; brief's
own children close theirs and die with the run (brief/children.py). For leftovers that
do not (a build before that fix, a child started some other way), the lock file names
the run that holds it (`<pid> <host>`): when that run is gone, the lock is stale and the
file is replaced by a fresh one, so a lock held by orphans never blocks for ever.
Taking and breaking the lock happens under a brief `flock` on the folder itself, so two
runs cannot both decide a lock is stale and both go on.
"""

from __future__ import annotations

import fcntl
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .children import forget, keep_from_children, pid_alive
from .errors import TemporaryFailure

LOCK_NAME = ".brief.lock"
GUARD_WAIT = 5.0  # seconds; the folder lock is held only while the run lock is taken


@contextmanager
def day_lock(folder: Path, warnings: list[str] | None = None) -> Iterator[None]:
    """Hold an exclusive lock on `<folder>/.brief.lock` for the run, or fail at once
    (TemporaryFailure); breaking a stale lock adds one line to `warnings`."""
    folder.mkdir(parents=True, exist_ok=True)
    with _folder_guard(folder):
        fd = _take(folder / LOCK_NAME, warnings if warnings is not None else [])
    keep_from_children(fd)
    try:
        yield
    finally:
        forget(fd)
        os.close(fd)


def _busy(folder: Path, holder: tuple[int, str] | None) -> TemporaryFailure:
    who = f" (pid {holder[0]} on {holder[1]})" if holder else ""
    return TemporaryFailure(f"{folder}: another brief run{who} is writing here; try again later")


def _take(path: Path, warnings: list[str]) -> int:
    """The locked descriptor of `path`, stamped with this run's pid and host."""
    for attempt in (1, 2):
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            if attempt == 2 or holder is None or _alive(holder):
                raise _busy(path.parent, holder) from None
            # the run that took it is dead, processes it left hold it: a new file, a new lock
            os.unlink(path)
            warnings.append(f"{path}: held by processes that run {holder[0]}, now gone, left behind; "
                            "replaced by a new lock file")
            continue
        except BaseException:
            os.close(fd)
            raise
        _stamp(fd)
        return fd
    raise _busy(path.parent, None)  # not reached: attempt 2 returns or raises


def _holder(fd: int) -> tuple[int, str] | None:
    """(pid, host) written by the run holding the lock, or None if it wrote none."""
    try:
        pid, host = os.pread(fd, 300, 0).decode("utf-8", "replace").split()
        return int(pid), host
    except (OSError, ValueError):
        return None


def _alive(holder: tuple[int, str]) -> bool:
    """Whether the run that wrote `holder` may still be running (on another host: assume so)."""
    pid, host = holder
    return host != socket.gethostname() or pid_alive(pid)


def _stamp(fd: int) -> None:
    """Name this run in the lock file; best effort (a full disk may refuse even that)."""
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {socket.gethostname()}\n".encode(), 0)
    except OSError:
        pass


@contextmanager
def _folder_guard(folder: Path) -> Iterator[None]:
    """A short `flock` on the folder, so only one run at a time takes or breaks the lock."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        deadline = time.monotonic() + GUARD_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise _busy(folder, None) from None
                time.sleep(0.01)
            except OSError:  # no flock on folders here: the run lock alone must do
                break
        yield
    finally:
        os.close(fd)
