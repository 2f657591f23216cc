"""A process pool for the per-article stages (reading, cleaning, splitting), used when it pays.

Each article is read, cleaned and split on its own, so those stages spread over the
machine's cores; the rest (dedupe, selection) looks at the whole pile and stays in the
main process. Results come back in input order, so a build with any number of jobs
gives the same briefing as one without (a test checks it).

Processes cost a fork and the copying of their inputs and results, so the pool is
started only for a stage with at least `min_items` items, and at most `ahead` chunks are
in flight: inputs are consumed as results come back, never all held at once.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import TypeVar

from .children import child_started

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 200  # fewer items than this: the pool costs more than it saves (bench/scale.py)


def available_cpus() -> int:
    """CPUs this process may run on (a container's or taskset's limit, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _run_chunk(fn: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [fn(item) for item in chunk]


class Workers:
    """`jobs` processes, started on first use; `jobs=None` means one per available CPU.

    Use as a context manager so the processes are shut down when the build ends.
    """

    def __init__(
        self,
        jobs: int | None = None,
        min_items: int | None = None,
        chunk: int = 32,
        preload: Callable[[], object] | None = None,
    ) -> None:
        """`preload`: loads what every worker will need (models, big imports) once, in this
        process just before the workers are forked, so they share it instead of each loading
        it again; called only if the pool starts, and only when it forks."""
        if jobs is not None and jobs < 1:
            raise ValueError(f"jobs must be at least 1, not {jobs}")
        self.jobs = available_cpus() if jobs is None else jobs
        self.min_items = MIN_ITEMS if min_items is None else min_items
        self.chunk = chunk
        self.preload = preload
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def started(self) -> bool:
        """Whether the processes are running (they hold their own copies of what `preload` loaded)."""
        return self._pool is not None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def map(self, fn: Callable[[T], R], items: Iterable[T], count: int) -> Iterator[R]:
        """`fn` over `items` (about `count` of them), results in input order.

        `fn` must be a module-level function (it is sent to the workers by name). With one
        job, or fewer than `min_items` items, it runs here, lazily, like the built-in map.
        """
        if self.jobs <= 1 or count < self.min_items:
            return map(fn, items)
        return self._pooled(fn, iter(items))

    def _pooled(self, fn: Callable[[T], R], items: Iterator[T]) -> Iterator[R]:
        pool = self._start()
        ahead = 2 * self.jobs
        pending: deque[Future[list[R]]] = deque()
        while True:
            while len(pending) < ahead:
                chunk = list(islice(items, self.chunk))
                if not chunk:
                    break
                pending.append(pool.submit(_run_chunk, fn, chunk))
            if not pending:
                return
            yield from pending.popleft().result()

    def _start(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # fork shares everything already imported and loaded (stemmer, punkt model) for
            # free; it is unsafe only while other threads run, so then a fresh interpreter
            methods = multiprocessing.get_all_start_methods()
            method = "fork" if "fork" in methods and threading.active_count() == 1 else "spawn"
            if method == "fork" and self.preload is not None:
                self.preload()
            # each worker dies with this process and drops its copy of the run lock: a run
            # killed with -9 must leave no orphan holding the lock (brief/children.py)
            self._pool = ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context(method),
                                             initializer=child_started, initargs=(os.getpid(),))
        return self._pool
