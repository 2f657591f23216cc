"""Giving memory a stage freed back to the system before the next stage.

glibc's malloc keeps what a process frees in its heap for reuse, and raises its mmap
threshold each time a big block is freed, so later pile-sized numpy arrays come from the
heap too: the raw text let go during cleaning and the temporary arrays of building the
vectors stayed in the process for the rest of a build (about 100 MB at 10,000 articles,
measured with bench/scale.py). `malloc_trim(0)` hands the free pages back; there is no
Python or library call for it, hence ctypes. Elsewhere than glibc it does nothing.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from functools import cache


@cache
def _trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim  # the C library this process already runs on
    except (AttributeError, OSError):  # not glibc (musl, macOS, Windows)
        return None


def release() -> None:
    """Return the free memory at the heap's top and inside it to the system (a few ms)."""
    trim = _trim()
    if trim is not None:
        trim(0)
