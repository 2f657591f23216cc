"""`brief run` when things go wrong underneath it: a damaged, locked or full-disk history,
a run killed with -9 (its children, its lock, its temporary files) and a `latest` that is
a real folder. Real components throughout: sqlite files, a real full file system (tmpfs),
real processes killed with SIGKILL."""

from __future__ import annotations

import fcntl
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, synthetic_pile
from smtpserver import SMTPServer
from test_run import AT, CONFIG
from test_run import setup as setup_run

from brief.children import pid_alive
from brief.history import History

DAY = "2026-11-21"
TIMEOUT = 60  # seconds: a hung run fails its test instead of hanging the suite
LINUX = sys.platform.startswith("linux")


def brief(*args: object, timeout: float = TIMEOUT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "brief", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd="/")


@pytest.fixture(scope="module")
def day_one(tmp_path_factory) -> Path:
    """The output folder of a real first run (briefing, history with rows), made once."""
    root = tmp_path_factory.mktemp("day-one")
    result = brief("run", "--config", setup_run(root), *AT)
    assert result.returncode == 0, result.stderr
    return root / "out"


def after_day_one(tmp_path: Path, day_one: Path, text: str = CONFIG) -> Path:
    """A config in `tmp_path` whose `out/` holds what the first run left (saves a run per test)."""
    config = setup_run(tmp_path)
    config.write_text(text, encoding="utf-8")
    shutil.copytree(day_one, tmp_path / "out", symlinks=True, dirs_exist_ok=True)
    return config


def _rows(history: Path, day: str = DAY) -> int:
    db = sqlite3.connect(history)
    try:
        return db.execute("SELECT COUNT(*) FROM reported WHERE day = ?", (day,)).fetchone()[0]
    finally:
        db.close()


def _corrupt(path: Path, start: int, bump: bool = False) -> bytes:
    """Overwrite `path` from byte `start` to the end with noise, keeping the 100-byte header
    (with `bump`, its change counter moves on, as a writer's would, so an open connection
    re-reads the pages instead of trusting its cache). Returns the damaged bytes."""
    data = bytearray(path.read_bytes())
    data[start:] = random.Random(start).randbytes(len(data) - start)
    if bump:
        data[24:28] = (int.from_bytes(data[24:28], "big") + 1).to_bytes(4, "big")
    path.write_bytes(bytes(data))
    return bytes(data)


# --- 7: damaged pages under a valid header ---------------------------------------------

@pytest.mark.parametrize("start", [4096, 100], ids=["page 2 onwards", "schema page after the header"])
def test_a_damaged_history_is_moved_aside_under_a_new_name_each_time(tmp_path, day_one, start):
    config = after_day_one(tmp_path, day_one)
    history = tmp_path / "out" / "history.sqlite3"
    damaged = _corrupt(history, start)

    result = brief("run", "--config", config, *AT)
    assert result.returncode == 0 and result.stdout == "", result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "unreadable history" in result.stderr and "history.sqlite3.unreadable" in result.stderr
    first = tmp_path / "out" / "history.sqlite3.unreadable"
    assert first.read_bytes() == damaged, "the damaged file is kept as it was, for a post-mortem"
    assert _rows(history) > 0, "the run went on and recorded today in a fresh history"

    again = _corrupt(history, start)
    result = brief("run", "--config", config, *AT)
    assert result.returncode == 0 and "history.sqlite3.unreadable.2" in result.stderr, result.stderr
    assert first.read_bytes() == damaged, "an earlier copy is never overwritten"
    assert (tmp_path / "out" / "history.sqlite3.unreadable.2").read_bytes() == again
    assert _rows(history) > 0


def test_a_history_damaged_while_open_is_set_aside_not_raised(tmp_path, day_one):
    after_day_one(tmp_path, day_one)
    path = tmp_path / "out" / "history.sqlite3"
    warnings: list[str] = []
    history = History(path, warnings)
    assert history.reported_before("2026-11-22", 7), "a good history reads"
    _corrupt(path, 4096, bump=True)
    assert history.reported_before("2026-11-22", 7) == [], "damaged mid-run: a fresh start, no sqlite3 error"
    history.mark_delivered("2026-11-22", "email:desk@example.org", "abc", "now")
    assert history.delivered("2026-11-22", "email:desk@example.org") == "abc", "the fresh file is in use"
    history.close()
    assert len(warnings) == 1 and "unreadable history" in warnings[0] and "moved aside" in warnings[0]
    assert (tmp_path / "out" / "history.sqlite3.unreadable").exists()


# --- 9: a full disk ----------------------------------------------------------------------

@pytest.fixture()
def small_disk(tmp_path):
    """A real 2 MB file system (tmpfs) mounted at `tmp_path/out`, unmounted afterwards."""
    mount = tmp_path / "out"
    mount.mkdir()
    if not LINUX or os.geteuid() != 0:
        pytest.skip("a full disk is made by mounting a small tmpfs: needs Linux and root")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
                          capture_output=True, text=True, timeout=10)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({made.stderr.strip()}), so no real full disk to test on")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True, timeout=10)


def _fill(disk: Path) -> Path:
    """Write to `disk` until it is full (ENOSPC); the filler file is returned, to free it."""
    filler = disk / "filler"
    with open(filler, "wb", buffering=0) as handle:
        for size in (1 << 16, 4096, 512):
            try:
                while True:
                    handle.write(b"\0" * size)
            except OSError as exc:
                assert exc.errno == 28, exc  # ENOSPC, the real thing
    return filler


def test_a_full_disk_leaves_the_history_untouched_and_names_the_file(tmp_path, day_one, small_disk):
    config = after_day_one(tmp_path, day_one)  # out/ is the small disk
    history = small_disk / "history.sqlite3"
    before = history.read_bytes()
    filler = _fill(small_disk)

    for _ in range(2):  # the second run used to overwrite the first one's "unreadable" copy
        result = brief("run", "--config", config, *AT)
        assert result.returncode == 1, result.stderr
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert "No space left on device" in result.stderr
        assert f"{small_disk / DAY / 'briefing.'}" in result.stderr and "brief.toml" not in result.stderr
        assert history.read_bytes() == before, "a full disk is not a damaged history"
        assert not list(small_disk.glob("history.sqlite3?*")), "nothing moved aside, no journal left"
        assert not list(small_disk.rglob(".*.tmp")), "no temporary file left behind"

    filler.unlink()
    result = brief("run", "--config", config, *AT)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert _rows(history) > 0


def test_history_writes_on_a_full_disk_warn_and_change_nothing(tmp_path, day_one, small_disk):
    after_day_one(tmp_path, day_one)
    path = small_disk / "history.sqlite3"
    before = path.read_bytes()
    warnings: list[str] = []
    history = History(path, warnings)
    _fill(small_disk)
    history.mark_delivered(DAY, "email:desk@example.org", "x" * 200_000, "now")  # needs new pages
    assert history.reported_before("2026-11-22", 7), "reading a history needs no space"
    history.close()
    assert len(warnings) == 1 and warnings[0].startswith(f"{path}: No space left on device;"), warnings
    assert path.read_bytes() == before
    assert not list(small_disk.glob("history.sqlite3?*"))


# --- 10: a history another process has locked --------------------------------------------

def _waiting_config(tmp_path: Path, day_one: Path, seconds: float) -> Path:
    return after_day_one(tmp_path, day_one, CONFIG.replace('timezone = "Europe/Brussels"\n',
                                                           f'timezone = "Europe/Brussels"\nhistory_wait = {seconds}\n'))


def _hold(history: Path) -> sqlite3.Connection:
    """An exclusive lock on `history`, as a writer in another process holds it."""
    holder = sqlite3.connect(history, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    return holder


def test_a_locked_history_is_waited_for_then_exit_75_and_kept(tmp_path, day_one):
    config = _waiting_config(tmp_path, day_one, 1)
    history = tmp_path / "out" / "history.sqlite3"
    before = history.read_bytes()
    holder = _hold(history)
    try:
        started = time.monotonic()
        result = brief("run", "--config", config, *AT)
        took = time.monotonic() - started
    finally:
        holder.close()
    assert result.returncode == 75, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert str(history) in result.stderr and "locked by another process" in result.stderr
    assert "waited 1 s" in result.stderr and took >= 1
    assert history.read_bytes() == before and _rows(history) > 0
    assert not list(history.parent.glob("history.sqlite3.*")), "a locked history is never discarded"


def test_a_history_locked_for_a_moment_is_waited_for_and_the_run_goes_through(tmp_path, day_one):
    config = _waiting_config(tmp_path, day_one, 20)
    history = tmp_path / "out" / "history.sqlite3"
    holder = _hold(history)
    release = threading.Timer(2.0, holder.close)
    release.start()
    try:
        started = time.monotonic()
        result = brief("run", "--config", config, *AT)
        took = time.monotonic() - started
    finally:
        release.join()
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert took >= 2, "it waited for the lock rather than failing or discarding the file"
    assert not list(history.parent.glob("history.sqlite3.*"))


# --- 11: kill -9 of the run: children die with it, its lock is not left held ------------

BIG = """
title = "Big day"
timezone = "Europe/Brussels"
jobs = 2
[input]
paths = ["{pile}"]
[window]
hours = 0
[output]
dir = "out"
formats = ["html", "json", "pdf"]
"""


@pytest.fixture(scope="module")
def pile(tmp_path_factory) -> Path:
    """240 articles: enough for the worker pool to start."""
    return synthetic_pile(tmp_path_factory.mktemp("pile"), 240, seed=7)


def _children(pid: int) -> set[int]:
    out = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_bytes()
            except OSError:
                continue
            if int(stat.rpartition(b")")[2].split()[1]) == pid:
                out.add(int(entry))
    return out


def _wait_for(test, seconds: float) -> bool:  # noqa: ANN001 - a callable returning bool
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if test():
            return True
        time.sleep(0.05)
    return test()


@pytest.mark.skipif(not LINUX, reason="children are found in /proc, and die with their parent by prctl: Linux")
def test_kill_9_of_a_run_takes_its_pool_and_pdf_helper_with_it(tmp_path, pile):
    big = tmp_path / "big.toml"
    big.write_text(BIG.format(pile=pile), encoding="utf-8")
    small = setup_run(tmp_path)  # the same out/: the next run must get the lock
    run = subprocess.Popen([sys.executable, "-m", "brief", "run", "--config", str(big), *AT],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd="/")
    children: set[int] = set()
    try:
        # the PDF helper starts first; the two pool workers once the build reads the pile
        assert _wait_for(lambda: len(_children(run.pid)) >= 3, 25), "the pool never started"
        children = _children(run.pid)
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=10)
        killed = time.monotonic()
        assert _wait_for(lambda: not any(pid_alive(c) for c in children), 5), "children outlived the run"
        assert time.monotonic() - killed < 5
        result = brief("run", "--config", small, *AT)
        assert result.returncode == 0, result.stderr
    finally:
        if run.poll() is None:
            run.kill()
        for child in children:
            if pid_alive(child):
                os.kill(child, signal.SIGKILL)


_ORPHAN = """
import os, sys, time
from pathlib import Path
from brief.run import day_lock
with day_lock(Path(sys.argv[1])):
    child = os.fork()  # a plain fork: it keeps the lock's descriptor, as a pre-fix worker did
    if child == 0:
        time.sleep(60)
        os._exit(0)
    print(child, flush=True)
    time.sleep(60)
"""


def test_a_lock_held_by_the_orphan_of_a_killed_run_does_not_block_for_ever(tmp_path):
    config = setup_run(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    run = subprocess.Popen([sys.executable, "-c", _ORPHAN, str(out)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    orphan = 0
    try:
        orphan = int(run.stdout.readline())
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=10)
        with open(out / ".brief.lock") as probe:  # the fault: the dead run's lock is still held
            with pytest.raises(BlockingIOError):
                fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = brief("run", "--config", config, *AT)
        assert result.returncode == 0, result.stderr
        assert result.stderr.count("\n") == 1 and "now gone, left behind" in result.stderr
        assert brief("run", "--config", config, *AT).returncode == 0, "and the new lock is a normal one"
    finally:
        if run.poll() is None:
            run.kill()
        if orphan and pid_alive(orphan):
            os.kill(orphan, signal.SIGKILL)


# --- 12: temporary files left by kill -9 --------------------------------------------------

_KILLED_WRITER = """
import os, sys, time
from pathlib import Path
from brief import deliver, run

def stuck(*args):
    print("stuck", flush=True)
    time.sleep(60)

if sys.argv[1] == "file":
    os.fsync = stuck  # killed after the temporary file is written, before it is moved into place
    deliver.write_atomic(Path(sys.argv[2]) / "briefing.html", "<html>" + "half a briefing " * 1000)
else:
    os.replace = stuck  # killed after the temporary link is made
    run.point_latest(Path(sys.argv[2]), "2026-11-21")
"""


def _killed_writer(mode: str, folder: Path) -> int:
    writer = subprocess.Popen([sys.executable, "-c", _KILLED_WRITER, mode, str(folder)], stdout=subprocess.PIPE,
                              text=True, cwd=ROOT)
    try:
        assert writer.stdout.readline() == "stuck\n"
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=10)
    return writer.pid


def test_temporary_files_left_by_kill_9_are_removed_by_the_next_run(tmp_path):
    config = setup_run(tmp_path)
    out = tmp_path / "out"
    today, earlier = out / DAY, out / "2026-11-19"
    today.mkdir(parents=True)
    earlier.mkdir()
    dead = _killed_writer("file", today)
    dead_link = _killed_writer("link", out)
    left = {p for p in (*today.iterdir(), *out.iterdir()) if p.name.endswith(".tmp")}
    assert {p.name.split(".")[1] for p in left} == {"briefing", "latest"}, left
    assert any(f".{dead}." in p.name for p in left) and (out / f".latest.{dead_link}.tmp").is_symlink()
    old = time.time() - 3600
    gone = [earlier / ".briefing.json.abcd1234.tmp"]  # the old name, without a pid: by age
    kept = [today / ".briefing.md.zyxw9876.tmp",  # as young, and no pid: it may be being written
            today / f".briefing.txt.{os.getpid()}.abcdefgh.tmp",  # its writer is alive
            today / ".notes.abcdefgh.tmp", today / ".briefing.html.tmp", out / "mine.tmp"]  # not brief's
    for path in gone + kept:
        path.write_text("x", encoding="utf-8")
    for path in gone + kept[2:]:
        os.utime(path, (old, old))

    result = brief("run", "--config", config, *AT)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert not any(p.exists() or p.is_symlink() for p in left | set(gone)), "stale temporary files removed"
    assert all(p.exists() for p in kept), "only brief's own, stale, temporary files are touched"
    assert os.readlink(out / "latest") == DAY


# --- 13: `latest` that is a real folder ----------------------------------------------------

def test_latest_as_a_real_folder_is_one_warning_and_the_run_goes_on(tmp_path):
    server = SMTPServer(tmp_path)
    try:
        config = setup_run(tmp_path)
        config.write_text(CONFIG + f"""
[email]
to = ["desk@example.org"]
sender = "brief@example.org"
host = "127.0.0.1"
port = {server.port}
security = "none"
timeout = 5
""", encoding="utf-8")
        latest = tmp_path / "out" / "latest"
        latest.mkdir(parents=True)
        (latest / "notes.txt").write_text("someone's own folder", encoding="utf-8")
        for _ in range(2):
            result = brief("run", "--config", config, *AT)
            assert result.returncode == 0, result.stderr
            assert result.stderr.count("\n") == 1 and f"{latest}: is a folder, not a link" in result.stderr
            assert not list((tmp_path / "out").glob(".latest.*")), "no temporary link left behind"
        assert latest.is_dir() and not latest.is_symlink() and (latest / "notes.txt").exists()
        assert _rows(tmp_path / "out" / "history.sqlite3") > 0, "the history was written"
        assert len(server.received) == 1, "the briefing was mailed, once"
        assert (tmp_path / "out" / DAY / "briefing.json").exists()
    finally:
        server.stop()
