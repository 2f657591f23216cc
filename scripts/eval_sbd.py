#!/usr/bin/env python3
"""Print sentence-boundary precision/recall/F1 of brief's splitter.

Usage: python scripts/eval_sbd.py [SHARED_DIR]   (default ../shared next to the repo)
Reads eval/sbd-*.jsonl and corpus/seeds (+ seeds-gold.jsonl); skips what is absent.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from brief.evaluate import score_sbd_file, score_seeds_sbd
from brief.segment import split_sentences


def main() -> int:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1].parent / "shared"
    rows = []
    for path in sorted((shared / "eval").glob("sbd-*.jsonl")):
        start = time.perf_counter()
        rows.append((path.name, score_sbd_file(path, split_sentences), time.perf_counter() - start))
    seeds, gold = shared / "corpus" / "seeds", shared / "corpus" / "seeds-gold.jsonl"
    if seeds.is_dir() and gold.is_file():
        start = time.perf_counter()
        rows.append(("seeds", score_seeds_sbd(seeds, gold, split_sentences), time.perf_counter() - start))
    if not rows:
        print(f"no evaluation data under {shared}", file=sys.stderr)
        return 1
    for name, score, seconds in rows:
        print(f"{name:28} {score}  {seconds:.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
