#!/usr/bin/env python3
"""How brief scales: synthetic piles of 10 to 10,000 articles, full builds in fresh processes.

    .venv/bin/python bench/scale.py                        # 10, 100, 1,000 and 10,000 articles
    .venv/bin/python bench/scale.py --sizes 10,100,1000    # skip the big one
    .venv/bin/python bench/scale.py --no-pdf --no-lexrank  # JSON+HTML only
    .venv/bin/python bench/scale.py --keep /tmp/piles      # keep (and reuse) the generated piles

The piles come from bench/ingest.py's generator (our own example sentences, fixed seed),
with about 30 % of ordinary words swapped for each story's own invented words, so the
vocabulary grows with the pile as in real news and sentences are not all near-copies.

For each size, in fresh processes (`python -m brief build`):
  * JSON+HTML: wall seconds, peak RSS (the child's own, from wait4), and the seconds per
    stage that `brief build --timings` reports (ingest, clean, dedupe, segment, themes,
    select, render);
  * PDF alone: wall seconds;
  * sumy's LexRank over the same sentences (brief's reading, cleaning and splitting, then
    LexRank for 10 sentences), as a reference, stopped after --lexrank-timeout seconds.
Prints a Markdown table (stdout) and progress (stderr).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("ingest", "clean", "dedupe", "segment", "themes", "select", "render")
SEED = 2026
LEXRANK = r"""
import sys, time
from brief.pipeline import build
from brief.clean import clean
from brief.ingest import read_inputs
from brief.segment import segment
raws, _ = read_inputs([sys.argv[1]])
texts = [s.text for raw in raws for s in segment(clean(raw)) if s.kind == "sentence"]
from brief.sumyrank import sumy_ratings
start = time.perf_counter()
sumy_ratings(texts, "lexrank")
print(len(texts), time.perf_counter() - start)
"""


def run_child(args: list[str], timeout: float | None = None) -> tuple[float, float, str, int]:
    """(wall seconds, peak RSS MiB, stderr, exit code) of one fresh process; killed after `timeout`."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as err, tempfile.TemporaryFile("w+") as out:
        proc = subprocess.Popen(args, stdout=out, stderr=err, text=True, cwd=ROOT)
        deadline = None if timeout is None else start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if deadline is not None and time.perf_counter() > deadline:
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        err.seek(0)
        out.seek(0)
        return wall, usage.ru_maxrss / 1024, err.read() + out.read(), proc.returncode


def pile_for(size: int, root: Path) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    from ingest import generate

    folder = root / f"pile-{size}"
    if not (folder / "done").exists():
        print(f"bench: generating {size} articles in {folder}", file=sys.stderr)
        generate(folder, size, SEED, invent=0.3)
        (folder / "done").write_text("", encoding="utf-8")
    return folder


def measure(size: int, pile: Path, out: Path, args: argparse.Namespace) -> dict:
    brief = [sys.executable, "-m", "brief", "build", str(pile), "--date", "2026-11-21", "--out", str(out), "-q"]
    extra = ["--jobs", str(args.jobs)] if args.jobs else []
    print(f"bench: {size} articles: JSON+HTML", file=sys.stderr)
    wall, rss, err, code = run_child([*brief, "--format", "json,html", "--timings", *extra])
    if code != 0:
        raise SystemExit(f"bench: brief build failed on {size} articles:\n{err}")
    found = re.search(r"timings: (\d+) articles, (\d+) sentences: (.*)", err)
    row = {"size": size, "articles": int(found.group(1)), "sentences": int(found.group(2)), "wall": wall, "rss": rss}
    row.update({name: float(sec) for name, sec in re.findall(r"(\w+) ([\d.]+) s", found.group(3))})
    if args.pdf:
        print(f"bench: {size} articles: PDF", file=sys.stderr)
        row["pdf"], row["pdf_rss"], err, code = run_child([*brief, "--format", "pdf", *extra])
        if code != 0:
            raise SystemExit(f"bench: brief build --format pdf failed on {size} articles:\n{err}")
    if args.lexrank and not args.lexrank_gave_up:
        print(f"bench: {size} articles: sumy LexRank (stopped after {args.lexrank_timeout:.0f} s)", file=sys.stderr)
        wall, rss, text, code = run_child([sys.executable, "-c", LEXRANK, str(pile)], timeout=args.lexrank_timeout)
        if code == 0:
            row["lexrank"] = float(text.split()[-1])
            row["lexrank_rss"] = rss
        else:
            row["lexrank"] = None
            args.lexrank_gave_up = True  # bigger piles will not finish either
    return row


def table(rows: list[dict], args: argparse.Namespace) -> str:
    head = ["articles", "sentences", "JSON+HTML s", "peak RSS MiB", "s / 1k sentences", *STAGES]
    if args.pdf:
        head.append("PDF s")
    if args.lexrank:
        head += ["sumy LexRank s", "LexRank / brief select+themes"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        cells = [f"{r['articles']:,}", f"{r['sentences']:,}", f"{r['wall']:.2f}", f"{r['rss']:.0f}",
                 f"{1000 * r['wall'] / max(1, r['sentences']):.2f}", *(f"{r.get(s, 0):.2f}" for s in STAGES)]
        if args.pdf:
            cells.append(f"{r['pdf']:.2f}")
        if args.lexrank:
            lex = r.get("lexrank")
            ours = r.get("themes", 0) + r.get("select", 0)
            cells += ["–" if "lexrank" not in r else (f"> {args.lexrank_timeout:.0f}" if lex is None else f"{lex:.2f}"),
                      "–" if not lex else f"{lex / max(ours, 1e-3):.0f}×"]
        lines.append("| " + " | ".join(cells) + " |")
    by_size = {r["size"]: r["wall"] for r in rows}
    if 1000 in by_size and 10000 in by_size:
        lines.append(f"\ntime(10k) / time(1k) = {by_size[10000] / by_size[1000]:.1f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000,10000", help="article counts (default 10,100,1000,10000)")
    parser.add_argument("--no-pdf", dest="pdf", action="store_false", help="skip the PDF runs")
    parser.add_argument("--no-lexrank", dest="lexrank", action="store_false", help="skip sumy LexRank")
    parser.add_argument("--lexrank-timeout", type=float, default=300, help="seconds before LexRank is stopped")
    parser.add_argument("--jobs", type=int, default=0, help="pass --jobs N to brief build (default: brief's default)")
    parser.add_argument("--keep", metavar="DIR", help="generate piles here and reuse them next time")
    args = parser.parse_args(argv)
    args.lexrank_gave_up = False
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(args.keep) if args.keep else Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        rows = [measure(size, pile_for(size, root), Path(tmp) / f"out-{size}", args) for size in sizes]
    print(f"bench/scale.py on {os.cpu_count()} CPUs, Python {sys.version.split()[0]}\n")
    print(table(rows, args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
