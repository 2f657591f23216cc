"""The progress bar: on a terminal for long builds, never in logs, pipes or cron mail."""

from __future__ import annotations

import io
import logging
import os
import pty
import subprocess
import sys
import time

import pytest

from brief.pipeline import build
from brief.progress import BarAwareHandler, ProgressBar
from conftest import EXAMPLES, ROOT, synthetic_pile


def test_no_terminal_no_bar():
    stream = io.StringIO()
    bar = ProgressBar(stream=stream, delay=0)
    for done in range(1, 4):
        bar("clean", done, 3)
    bar.close()
    assert stream.getvalue() == ""


def test_a_short_build_draws_nothing():
    stream = io.StringIO()
    with ProgressBar(stream=stream, delay=60, force=True) as bar:
        bar("read", 1, 1)
        bar("clean", 5, 5)
    assert stream.getvalue() == ""


def test_stages_draw_counts_and_warnings_print_above_the_bar(monkeypatch):
    monkeypatch.setenv("TERM", "xterm-256color")  # a terminal that can redraw a line (rich draws nothing on "dumb")
    stream = io.StringIO()
    with ProgressBar(stream=stream, delay=0, force=True) as bar:
        handler = BarAwareHandler(bar)
        log = logging.getLogger("brief.test-progress")
        log.addHandler(handler)
        try:
            bar("clean", 1, 40)
            time.sleep(0.11)
            bar("clean", 40, 40)
            log.warning("a.html: no article text found")
            bar("select", 0, None)
        finally:
            log.removeHandler(handler)
    out = stream.getvalue()
    assert "Cleaning" in out and "40/40" in out and "Selecting" in out
    assert "a.html: no article text found\n" in out


def test_the_library_reports_every_stage_in_order():
    seen: list[tuple[str, int, int | None]] = []
    build([EXAMPLES], progress=lambda *event: seen.append(event))
    stages = list(dict.fromkeys(stage for stage, _, _ in seen))
    assert stages == ["read", "clean", "dedupe", "segment", "select"]
    read = [(done, total) for stage, done, total in seen if stage == "read"]
    assert read[-1][0] == read[-1][1] == 5  # five inputs in examples/ (four files and a JSONL export)
    clean = [done for stage, done, _ in seen if stage == "clean"]
    assert clean == sorted(clean) and clean[-1] == 6


@pytest.fixture(scope="module")
def big_pile(tmp_path_factory):
    """600 articles: a build of more than two seconds, even on a fast machine with one job."""
    return synthetic_pile(tmp_path_factory.mktemp("pile"), 600, seed=11)


def _run_in_terminal(args: list[str]) -> tuple[int, str]:
    """brief build with stdin, stdout and stderr on a pseudo-terminal, as a person runs it
    (a terminal that can move its cursor, whatever TERM the test run itself has)."""
    try:
        master, slave = pty.openpty()
    except OSError as exc:  # a container without /dev/pts
        pytest.skip(f"no pseudo-terminal available here ({exc})")
    env = {**os.environ, "TERM": "xterm-256color"}
    proc = subprocess.Popen([sys.executable, "-m", "brief", "build", *args], stdin=slave, stdout=slave,
                            stderr=slave, cwd=ROOT, close_fds=True, env=env)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    return proc.wait(timeout=300), out.decode("utf-8", "replace")


def test_a_long_build_in_a_terminal_shows_the_bar_then_clears_it(big_pile, tmp_path):
    code, out = _run_in_terminal([str(big_pile), "--jobs", "1", "--out", str(tmp_path), "--format", "json"])
    assert code == 0, out
    assert "Splitting sentences" in out and "Selecting" in out
    assert "\x1b[2K" in out  # the bar's lines are erased when the build ends (transient)
    assert (tmp_path / next(p.name for p in tmp_path.iterdir())).stat().st_size > 0


def test_the_same_build_piped_has_no_bar(big_pile, tmp_path):
    result = subprocess.run([sys.executable, "-m", "brief", "build", str(big_pile), "--jobs", "1", "--out",
                             str(tmp_path), "--format", "json"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0
    assert "\x1b" not in result.stderr and "Cleaning" not in result.stderr
