#!/usr/bin/env python3
"""Hostile servers and sizes: wall time and peak memory of `brief build` on each case.

    .venv/bin/python bench/bounds.py                    # every case, each stopped after 240 s
    .venv/bin/python bench/bounds.py --cases clean,copies --limit 60

The inputs are tests/test_bounds.py's generators at the sizes the tests use; the
trickling servers are tests/localsite.py's routes on 127.0.0.1. Each build runs in a
fresh process (`python -m brief build … --timings`): wall seconds from the parent, peak
RSS from `wait4` on the child, the clean and dedupe stage times from `--timings`, and what
came out (articles, copies merged, warnings). Prints a Markdown table on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import test_bounds as gen  # noqa: E402 - the generators live with the tests
from localsite import LocalSite  # noqa: E402

FETCH = ["--fetch-timeout", "2"]


def run_child(args: list[str], limit: float) -> tuple[float, float, str, int | None]:
    """(wall seconds, peak RSS MiB, stderr, exit code or None if killed after `limit`)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=err, text=True, cwd=ROOT)
        killed = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > limit:
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                killed = True
                break
            time.sleep(0.02)
        wall = time.perf_counter() - start
        err.seek(0)
        code = None if killed else os.waitstatus_to_exitcode(status)
        return wall, usage.ru_maxrss / 1024, err.read(), code


def cases(site: LocalSite, tmp: Path) -> dict[str, Callable[[], list[str]]]:
    """Each case: the `brief build` arguments (its inputs written on demand)."""

    def write(name: str, text: str) -> str:
        path = tmp / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    return {
        "body-trickle": lambda: [site.url("trickle-body"), str(gen.EXAMPLE), *FETCH],
        "header-trickle": lambda: [site.url("trickle-headers"), str(gen.EXAMPLE), *FETCH],
        "feed-fetch-trickle": lambda: [gen.trickling_feed(site), str(gen.EXAMPLE), "--fetch", *FETCH],
        "clean-20k-lines": lambda: [write("lines.txt", gen.short_lines()), str(gen.EXAMPLE)],
        "templated-5k": lambda: [write("notices.rss", gen.templated_feed(5_000))],
        "templated-10k": lambda: [write("notices10k.rss", gen.templated_feed(10_000))],
        "copies-3k": lambda: [write("copies.jsonl", gen.copies_jsonl(3_000))],
    }


def outcome(out: Path, err: str, code: int | None) -> str:
    if code is None:
        return "killed"
    warnings = [line for line in err.splitlines() if line.startswith(gen.WARNING)]
    found = list(out.glob("briefing-*.json"))
    if not found:
        last = err.strip().splitlines()[-1] if err.strip() else ""
        return f"exit {code}: {last[:80]}"
    doc = json.loads(found[0].read_text(encoding="utf-8"))
    copies = sum(len(a.get("copies", [])) for a in doc["articles"])
    said = "; ".join(w.removeprefix(gen.WARNING)[:70] for w in warnings[:3])
    return f"{len(doc['articles'])} articles, {copies} copies, {len(warnings)} warnings" + (f" ({said})" if said else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", help="comma-separated case names (default: all)")
    parser.add_argument("--limit", type=float, default=240.0, help="stop a build after this many seconds")
    args = parser.parse_args(argv)
    site = LocalSite()
    rows = ["| case | wall s | peak RSS MiB | clean s | dedupe s | outcome |", "|---|---|---|---|---|---|"]
    try:
        with tempfile.TemporaryDirectory() as tmpdir:
            tmp = Path(tmpdir)
            table = cases(site, tmp)
            for name in args.cases.split(",") if args.cases else table:
                out = tmp / f"out-{name}"
                print(f"bench: {name}", file=sys.stderr)
                brief = [sys.executable, "-m", "brief", "build", "--no-scope", "--date", "2026-11-21", "--format",
                         "json", "--out", str(out), "--timings", *table[name]()]
                wall, rss, err, code = run_child(brief, args.limit)
                stages = dict(re.findall(r"(\w+) ([\d.]+) s", err.split("timings:", 1)[-1])) if "timings:" in err else {}
                rows.append(f"| {name} | {'> ' if code is None else ''}{wall:.1f} | {rss:.0f} | "
                            f"{stages.get('clean', '–')} | {stages.get('dedupe', '–')} | {outcome(out, err, code)} |")
                print(rows[-1], file=sys.stderr)
    finally:
        site.close()
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
