"""Stage timings: where a build spends its time (`brief build --timings`, bench/scale.py)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

STAGES = ("ingest", "clean", "dedupe", "segment", "themes", "select", "render")


@dataclass
class Stopwatch:
    """Seconds per stage, summed over every time the stage runs."""

    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start

    def line(self) -> str:
        """One line: "ingest 1.23 s · clean 0.40 s · …", in pipeline order."""
        order = [s for s in STAGES if s in self.seconds] + [s for s in self.seconds if s not in STAGES]
        return " · ".join(f"{s} {self.seconds[s]:.2f} s" for s in order)


@contextmanager
def stage(watch: Stopwatch | None, name: str) -> Iterator[None]:
    """`watch.stage(name)`, or nothing when no stopwatch is given."""
    if watch is None:
        yield
    else:
        with watch.stage(name):
            yield
