"""`brief run`: the scheduled briefing, driven as cron drives it (a real process)."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

from conftest import EXAMPLES

from brief.config import load_config
from brief.run import window_for

CONFIG = """
title = "Morning briefing"
timezone = "Europe/Brussels"
[input]
paths = ["articles/", "more/*.txt"]
[window]
hours = 24
ends_at = "06:00"
[output]
dir = "out"
formats = ["html", "json", "md"]
"""
BRUSSELS = ZoneInfo("Europe/Brussels")


def setup(tmp_path, when="2026-11-20T22:00:00+01:00"):
    (tmp_path / "articles").mkdir()
    (tmp_path / "more").mkdir()
    for i, src in enumerate(sorted(EXAMPLES.glob("*.txt"))):
        dest = tmp_path / ("articles" if i % 2 else "more") / src.name
        shutil.copy(src, dest)
        stamp = datetime.fromisoformat(when).timestamp()
        os.utime(dest, (stamp, stamp))
    config = tmp_path / "brief.toml"
    config.write_text(CONFIG, encoding="utf-8")
    return config


AT = ("--at", "2026-11-21T07:30")  # the morning after the articles' file times


def brief(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "brief", *map(str, args)], capture_output=True, text=True, cwd=cwd)


def test_window_is_the_hours_before_the_last_ends_at_in_local_time(tmp_path):
    cfg = load_config(setup(tmp_path))
    after = window_for(cfg, datetime(2026, 11, 21, 7, 30, tzinfo=BRUSSELS))
    assert after.until == datetime(2026, 11, 21, 6, 0, tzinfo=BRUSSELS)
    assert after.since == datetime(2026, 11, 20, 6, 0, tzinfo=BRUSSELS)
    before = window_for(cfg, datetime(2026, 11, 21, 5, 59, tzinfo=BRUSSELS))
    assert before.until == datetime(2026, 11, 20, 6, 0, tzinfo=BRUSSELS)
    # the night the clocks go back: 06:00 local is 05:00 UTC, the window is 25 hours of wall time
    dst = window_for(cfg, datetime(2026, 10, 25, 9, 0, tzinfo=BRUSSELS))
    assert dst.until.utcoffset().total_seconds() == 3600 and dst.until.hour == 6


def test_run_is_silent_writes_the_dated_folder_and_points_latest_at_it(tmp_path):
    config = setup(tmp_path)
    result = brief("run", "--config", config, *AT, cwd="/")
    assert result.returncode == 0 and result.stdout == "" and result.stderr == "", result.stderr
    out = tmp_path / "out"
    day = sorted(p.name for p in out.iterdir() if p.is_dir() and not p.is_symlink())
    assert day == ["2026-11-21"]
    folder = out / day[0]
    assert {p.name for p in folder.iterdir()} == {"briefing.html", "briefing.json", "briefing.md"}
    assert os.readlink(out / "latest") == day[0]
    doc = json.loads((out / "latest" / "briefing.json").read_text(encoding="utf-8"))
    assert doc["title"] == "Morning briefing" and doc["key_points"]
    assert len(doc["articles"]) >= 3 and all(a["date_source"] == "file" for a in doc["articles"] if a["path"].endswith(".txt"))
    assert doc["window"]["until"].endswith("06:00:00+01:00")


def test_dry_run_says_what_it_would_do_and_writes_nothing(tmp_path):
    config = setup(tmp_path)
    result = brief("run", "--config", config, "--dry-run", *AT)
    assert result.returncode == 0, result.stderr
    assert "window 2026-11-20T06:00:00+01:00 to 2026-11-21T06:00:00+01:00" in result.stdout
    assert "read " in result.stdout and "briefing.pdf" not in result.stdout and "briefing.json" in result.stdout
    assert not (tmp_path / "out").exists()


def test_a_second_run_while_the_first_holds_the_lock_exits_75_at_once(tmp_path):
    config = setup(tmp_path)
    (tmp_path / "out").mkdir()
    with open(tmp_path / "out" / ".brief.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        result = brief("run", "--config", config, *AT)
    assert result.returncode == 75
    assert result.stderr.count("\n") == 1 and "another brief run" in result.stderr
    assert not any(p.is_dir() for p in (tmp_path / "out").iterdir())


def test_config_error_exits_2_naming_the_key(tmp_path):
    config = setup(tmp_path)
    config.write_text(CONFIG.replace('ends_at = "06:00"', 'ends_at = "6am"'), encoding="utf-8")
    result = brief("run", "--config", config)
    assert result.returncode == 2 and "window.ends_at" in result.stderr and str(config) in result.stderr


def test_articles_outside_the_window_by_file_time_are_left_out(tmp_path):
    config = setup(tmp_path, when="2026-11-19T12:00:00+01:00")
    result = brief("run", "--config", config, *AT)
    assert result.returncode == 1
    assert "nothing to brief" in result.stderr and "before the window" in result.stderr


def _doc(tmp_path, day="latest"):
    return json.loads((tmp_path / "out" / day / "briefing.json").read_text(encoding="utf-8"))


def _next_day(tmp_path, config, copy_of: str):
    """Day two: one article of day one comes back under another name, plus a new one."""
    src = next((tmp_path / "articles").glob("*.txt"), None) or next((tmp_path / "more").glob("*.txt"))
    again = tmp_path / "articles" / f"again-{copy_of}.txt"
    shutil.copy(src, again)
    fresh = tmp_path / "articles" / "day-two.txt"
    fresh.write_text(
        "Grain ships left Odesa on Saturday under a new insurance scheme backed by three European governments.\n\n"
        "The scheme covers war risk for vessels carrying wheat and maize to ports in Egypt and Turkey.\n",
        encoding="utf-8",
    )
    for path in (again, fresh):
        stamp = datetime.fromisoformat("2026-11-21T22:00:00+01:00").timestamp()
        os.utime(path, (stamp, stamp))
    return brief("run", "--config", config, "--at", "2026-11-22T07:30")


def test_the_next_day_leaves_out_what_was_reported_and_marks_the_rest_new(tmp_path):
    config = setup(tmp_path)
    assert brief("run", "--config", config, *AT).returncode == 0
    first = _doc(tmp_path, "2026-11-21")
    assert first["since"] is None and first["dropped"]["already_reported"] == 0
    shown_before = {p["text"] for p in first["key_points"]} | {p["text"] for t in first["themes"] for p in t["summary"]}

    result = _next_day(tmp_path, config, "copy")
    assert result.returncode == 0, result.stderr
    second = _doc(tmp_path)
    assert second["date"] == "2026-11-22" and second["since"] == "2026-11-21"
    assert second["dropped"]["already_reported"] > 0
    shown = [p for p in second["key_points"]] + [p for t in second["themes"] for p in t["summary"]]
    assert shown and not {p["text"] for p in shown} & shown_before, "yesterday's sentences are not shown again"
    assert all(isinstance(p["new"], bool) for p in shown)
    html = (tmp_path / "out" / "latest" / "briefing.html").read_text(encoding="utf-8")
    assert 'class="new"' in html


def test_a_history_written_with_other_stems_still_knows_what_was_reported(tmp_path):
    """Stems are worked out again from each recorded sentence's text: a history written by
    an older brief (another stemmer, other stems) must not make yesterday's news look new."""
    import sqlite3

    config = setup(tmp_path)
    assert brief("run", "--config", config, *AT).returncode == 0
    with sqlite3.connect(tmp_path / "out" / "history.sqlite3") as db:
        db.execute("UPDATE reported SET stems = 'stale stems of another stemmer'")
    db.close()
    result = _next_day(tmp_path, config, "copy")
    assert result.returncode == 0, result.stderr
    assert _doc(tmp_path)["dropped"]["already_reported"] > 0


def test_with_history_the_briefing_charts_theme_coverage_over_the_days(tmp_path):
    config = setup(tmp_path)
    assert brief("run", "--config", config, *AT).returncode == 0
    first = _doc(tmp_path, "2026-11-21")
    assert first["coverage"] == [], "one day is not a trend"
    assert _next_day(tmp_path, config, "copy").returncode == 0
    second = _doc(tmp_path)
    days = [c["day"] for c in second["coverage"]]
    assert days == ["2026-11-21", "2026-11-22"]
    assert second["coverage"][0]["sentences"] == {t["id"]: len(t["summary"]) for t in first["themes"]
                                                  if t["summary"]}
    assert second["coverage"][1]["sentences"] == {t["id"]: len(t["summary"]) for t in second["themes"]}
    html = (tmp_path / "out" / "latest" / "briefing.html").read_text(encoding="utf-8")
    assert 'id="chart-coverage"' in html and 'aria-label="Sentences per theme, last days: ' in html
    assert "11-21" in html and "11-22" in html


def test_rerunning_a_day_gives_the_same_briefing(tmp_path):
    config = setup(tmp_path)
    assert brief("run", "--config", config, *AT).returncode == 0
    first = _doc(tmp_path)
    assert brief("run", "--config", config, *AT).returncode == 0
    second = _doc(tmp_path)
    assert first == second
    assert len([p for p in (tmp_path / "out").iterdir() if p.is_dir() and not p.is_symlink()]) == 1


def test_a_deleted_or_broken_history_is_a_fresh_start(tmp_path):
    config = setup(tmp_path)
    assert brief("run", "--config", config, *AT).returncode == 0
    (tmp_path / "out" / "history.sqlite3").write_bytes(b"this is not a database" * 100)
    result = _next_day(tmp_path, config, "copy")
    assert result.returncode == 0 and result.stdout == ""
    assert "unreadable history" in result.stderr and result.stderr.count("\n") == 1
    assert (tmp_path / "out" / "history.sqlite3.unreadable").exists()
    doc = _doc(tmp_path)
    assert doc["since"] is None and doc["dropped"]["already_reported"] == 0


def test_history_schema_is_versioned(tmp_path):
    import sqlite3

    config = setup(tmp_path)
    assert brief("run", "--config", config, *AT).returncode == 0
    db = sqlite3.connect(tmp_path / "out" / "history.sqlite3")
    assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    days = {d for (d,) in db.execute("SELECT day FROM reported")}
    assert days == {"2026-11-21"}


def test_kill_9_at_any_moment_leaves_whole_files(tmp_path):
    import signal
    import time

    config = setup(tmp_path)
    config.write_text(CONFIG.replace('formats = ["html", "json", "md"]', 'formats = ["html", "json", "pdf"]'), encoding="utf-8")
    assert brief("run", "--config", config, *AT).returncode == 0
    folder = tmp_path / "out" / "2026-11-21"

    def whole() -> None:
        json.loads((folder / "briefing.json").read_text(encoding="utf-8"))
        assert (folder / "briefing.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
        pdf = (folder / "briefing.pdf").read_bytes()
        assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")
        assert os.readlink(tmp_path / "out" / "latest") == "2026-11-21"

    for delay in (0.2, 0.5, 0.8, 1.1, 1.4, 1.7, 2.0):
        proc = subprocess.Popen([sys.executable, "-m", "brief", "run", "--config", str(config), *AT],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        whole()
    # the lock dies with the process: the next run goes through
    assert brief("run", "--config", config, *AT).returncode == 0
    whole()


def test_two_overlapping_runs_one_gives_way_with_one_message(tmp_path):
    import time

    config = setup(tmp_path)
    config.write_text(CONFIG.replace('formats = ["html", "json", "md"]', 'formats = ["html", "json", "pdf"]'), encoding="utf-8")
    lock = tmp_path / "out" / ".brief.lock"
    first = subprocess.Popen([sys.executable, "-m", "brief", "run", "--config", str(config), *AT],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    held = False
    for _ in range(200):  # wait until the first run holds the lock
        if lock.exists():
            with open(lock) as probe:
                try:
                    fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    fcntl.flock(probe, fcntl.LOCK_UN)
                except BlockingIOError:
                    held = True
                    break
        time.sleep(0.02)
    assert held, "the first run never took the lock"
    second = brief("run", "--config", config, *AT)
    out, err = first.communicate(timeout=120)
    assert first.returncode == 0 and err == ""
    assert second.returncode == 75 and second.stderr.count("\n") == 1 and "another brief run" in second.stderr


def test_nothing_to_brief_from_the_network_is_temporary(tmp_path, site):
    config = tmp_path / "brief.toml"
    config.write_text(CONFIG.replace('paths = ["articles/", "more/*.txt"]', f'paths = ["{site.url("/status/503")}"]'),
                      encoding="utf-8")
    result = brief("run", "--config", config, *AT)
    assert result.returncode == 75 and "try again later" in result.stderr
