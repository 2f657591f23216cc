"""Evaluation helpers: sentence-boundary F1 and theme precision against hand labels.

Used by the tests and by `scripts/eval_sbd.py`; the evaluation data itself lives outside
the repository (research licences) and is read from paths given by the caller.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

Splitter = Callable[[str], list[str]]


@dataclass
class BoundaryScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: Sequence[str], predicted: Sequence[str]) -> None:
        g, p = _boundaries(gold), _boundaries(predicted)
        self.tp += len(g & p)
        self.fp += len(p - g)
        self.fn += len(g - p)

    def __str__(self) -> str:
        return f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} (fp={self.fp}, fn={self.fn})"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", _canon(text))


def _canon(text: str) -> str:
    """Compare text as the splitter writes it: ellipses in one spelling."""
    from .segment import normalize

    return normalize(unicodedata.normalize("NFKC", text)).replace("...", "…")


def _boundaries(sentences: Sequence[str]) -> set[int]:
    """Inner boundaries as offsets into the text with all white space removed."""
    out, n = set(), 0
    for sentence in sentences[:-1]:
        n += len(squash(sentence))
        out.add(n)
    return out


def score_sbd_file(path: str | Path, split: Splitter) -> BoundaryScore:
    """Boundary scores on one `sbd-*.jsonl` file (pysbd golden rules or GUM paragraphs)."""
    score = BoundaryScore()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        if "paragraphs" in item:
            for para in item["paragraphs"]:
                score.add(para, split(" ".join(para)))
        else:
            text = item.get("text") or " ".join(item["sentences"])
            score.add(item["sentences"], split(text))
    return score


def score_seeds_sbd(seed_dir: str | Path, gold_path: str | Path, split: Splitter) -> BoundaryScore:
    """Boundary scores on the seeds; a gold sentence starts where its labelled row starts.

    Rows are located in file order, each after the previous one. Rows labelled
    "fragment" (an attribution tail such as "Ushakov added." after a quote) are not counted
    as sentence starts: brief keeps a quote and its attribution together on purpose.
    """
    rows = load_gold(gold_path)
    by_file: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_file[row["file"]].append(row)
    score = BoundaryScore()
    for name, file_rows in by_file.items():
        text = _canon((Path(seed_dir) / name).read_text(encoding="utf-8"))
        starts = [squash(r["starts_with"]) for r in file_rows if r["kind"] != "fragment"]
        cursor = 0
        for line in text.split("\n"):
            squashed = squash(line)
            if not squashed:
                continue
            cuts: list[int] = []
            while cursor < len(starts):
                found = squashed.find(starts[cursor], cuts[-1] + 1 if cuts else 0)
                if found < 0 or (not cuts and found != 0):
                    break
                cuts.append(found)
                cursor += 1
            if not cuts:  # a repeated line (seed 000 holds its body twice): rewind
                continue
            bounds = cuts[1:] + [len(squashed)]
            score.add([squashed[a:b] for a, b in zip(cuts, bounds)], split(line))
    return score


# ---------------------------------------------------------------- theme precision


def load_gold(path: str | Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


@dataclass
class ThemeReport:
    picked: Counter = field(default_factory=Counter)
    correct: Counter = field(default_factory=Counter)
    junk: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    wrong: list[tuple[str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        total = sum(self.picked.values())
        return sum(self.correct.values()) / total if total else 0.0

    def lines(self) -> list[str]:
        out = [f"{t}: {self.correct[t]}/{n}" for t, n in sorted(self.picked.items())]
        out.append(f"precision {self.precision:.3f}; junk {len(self.junk)}; duplicates {len(self.duplicates)}; unmatched {len(self.unmatched)}")
        return out


def gold_row(text: str, rows: Iterable[Mapping]) -> Mapping | None:
    key = squash(text).lstrip("“\"‘'")
    best = None
    for row in rows:
        start = squash(row["starts_with"]).lstrip("“\"‘'")
        if key.startswith(start) and (best is None or len(start) > len(squash(best["starts_with"]))):
            best = row
    return best


def theme_precision(briefing: Mapping, gold: Sequence[Mapping]) -> ThemeReport:
    """Per theme: picks whose gold label includes the theme. Junk and repeats are counted
    over everything the briefing shows, Key points included."""
    by_file: dict[str, list[Mapping]] = defaultdict(list)
    for row in gold:
        by_file[row["file"]].append(row)
    paths = {a["id"]: Path(a["path"]).name if a.get("path") else None for a in briefing["articles"]}
    report = ThemeReport()
    seen: set[str] = set()
    shown = [(None, p) for p in briefing.get("key_points", [])]
    shown += [(theme["id"], p) for theme in briefing["themes"] for p in theme["summary"]]
    for theme_id, pick in shown:
        key = squash(pick["text"])
        if key in seen:
            report.duplicates.append(pick["text"])
        seen.add(key)
        row = gold_row(pick["text"], by_file.get(paths.get(pick["article"]) or "", []))
        if theme_id is not None:
            report.picked[theme_id] += 1
        if row is None:
            report.unmatched.append(pick["text"])
            continue
        if row["kind"] != "sentence":
            report.junk.append(pick["text"])
        if theme_id is None:
            continue
        if theme_id in row["themes"]:
            report.correct[theme_id] += 1
        else:
            report.wrong.append((theme_id, pick["text"]))
    return report
