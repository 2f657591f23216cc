"""A progress bar for long builds, on a terminal only (rich).

The pipeline reports (stage, items done, items in all) to any callable it is given; this
one draws a bar on stderr once a build has run for `delay` seconds (short builds stay
quiet), and nothing at all when stderr is not a terminal (cron, pipes, CI logs). It draws
only when called (no refresh thread), so worker processes can still be forked safely.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import IO, Any

LABELS = {
    "read": "Reading inputs",
    "clean": "Cleaning",
    "dedupe": "Finding copies",
    "segment": "Splitting sentences",
    "select": "Selecting",
    "render": "Writing",
}


class ProgressBar:
    """Call with (stage, done, total); use as a context manager so the bar is cleared."""

    def __init__(self, stream: IO[str] | None = None, delay: float = 2.0, force: bool = False) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = force or self.stream.isatty()
        self.delay = delay
        self.started = time.monotonic()
        self._progress: Any = None  # rich.progress.Progress, once shown
        self._tasks: dict[str, Any] = {}
        self._drawn = 0.0

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if self._progress is None:
            if now - self.started < self.delay:
                return
            self._show()
        task = self._tasks.get(stage)
        if task is None:
            for other in self._progress.tasks:  # the stages before are over
                self._progress.update(other.id, total=other.total or 1, completed=other.total or 1)
            task = self._tasks[stage] = self._progress.add_task(LABELS.get(stage, stage), total=total)
        self._progress.update(task, completed=done, total=total)
        if now - self._drawn >= 0.1 or (total is not None and done >= total):
            self._progress.refresh()
            self._drawn = now

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        console = Console(file=self.stream, force_terminal=True if self.enabled else None)
        self._progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=console, transient=True, auto_refresh=False, redirect_stdout=False, redirect_stderr=False,
        )
        self._progress.start()

    def write(self, line: str) -> None:
        """A line for stderr: above the bar while it shows, straight out otherwise."""
        if self._progress is not None:
            self._progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
            self._progress.refresh()
        else:
            self.stream.write(line + "\n")
            self.stream.flush()

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


class BarAwareHandler(logging.Handler):
    """Logging that prints above the progress bar instead of through it."""

    def __init__(self, bar: ProgressBar) -> None:
        super().__init__()
        self.bar = bar

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.bar.write(self.format(record))
        except Exception:  # noqa: BLE001 - logging must never break the build
            self.handleError(record)
