#!/usr/bin/env python3
"""What a briefing costs to render and how long it gets: pages and seconds for the HTML and PDF.

    .venv/bin/python bench/render.py                   # seeds (if ../shared is there), examples, 200 synthetic articles
    .venv/bin/python bench/render.py --articles 1000   # a bigger synthetic pile
    .venv/bin/python bench/render.py --runs 5          # more repetitions (the median is printed)

For each corpus: `brief build --format json,html,pdf` in a fresh process (wall seconds,
median of --runs), then in this process the stages after reading: build (read to select),
HTML, PDF; the PDF's pages and size. The synthetic pile comes from bench/ingest.py's
generator (our own example sentences, fixed seed). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


def whole_process(corpus: Path, out: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "brief", "build", str(corpus), "--format", "json,html,pdf", "--out",
                        str(out), "--date", "2026-11-21", "-q"], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def stages(corpus: Path) -> dict[str, float]:
    from pypdf import PdfReader

    from brief.pipeline import build
    from brief.render import render_html, render_pdf

    build([corpus])  # warm: imports, the sentence splitter
    start = time.perf_counter()
    b = build([corpus])
    built = time.perf_counter()
    html = render_html(b)
    rendered = time.perf_counter()
    pdf = render_pdf(b, html)
    done = time.perf_counter()
    import io

    return {"articles": len(b.articles), "build": built - start, "html": rendered - built, "pdf": done - rendered,
            "pages": len(PdfReader(io.BytesIO(pdf)).pages), "kb": len(pdf) / 1024}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200, help="synthetic articles (default 200)")
    parser.add_argument("--runs", type=int, default=3, help="fresh-process runs per corpus (median; default 3)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "bench"))
    from ingest import generate

    with tempfile.TemporaryDirectory() as tmp:
        corpora: list[tuple[str, Path]] = []
        if SEEDS.is_dir():
            corpora.append(("seeds", SEEDS))
        corpora.append(("examples", ROOT / "examples"))
        pile = Path(tmp) / "pile"
        generate(pile, args.articles, seed=7)
        corpora.append((f"synthetic {args.articles}", pile))
        print("| corpus | articles | pages | PDF KiB | whole process json+html+pdf (s) | build (s) | HTML (s) | PDF (s) |")
        print("|---|---|---|---|---|---|---|---|")
        for name, corpus in corpora:
            print(f"bench: {name}", file=sys.stderr)
            wall = whole_process(corpus, Path(tmp) / "out", args.runs)
            s = stages(corpus)
            print(f"| {name} | {s['articles']} | {s['pages']} | {s['kb']:.0f} | {wall:.2f} | {s['build']:.2f} | "
                  f"{s['html']:.2f} | {s['pdf']:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
