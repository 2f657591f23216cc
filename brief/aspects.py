"""Aspect-focused evaluation: rank one article's sentences for a theme and score the top K
against annotator importance (AspectNews format), next to the usual baselines.

Every system ranks the same given sentences (the data's own split), so the comparison is
fair; ties break by position. Metrics: nDCG@K with gain = mean annotator importance
(0 when an annotator did not pick the sentence), and P@1 = the top pick was chosen by at
least 3 of the 5 annotators.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .model import Article, Block, Sentence, Theme

Ranker = Callable[[Sequence[str], Theme], list[int]]


@dataclass(frozen=True)
class Item:
    id: str
    key: str  # "<domain>/<aspect>": the theme table that goes with it
    sentences: tuple[str, ...]
    gains: tuple[float, ...]
    votes: tuple[int, ...]


def load_items(path: str | Path) -> list[Item]:
    items = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        sentences = tuple(row["sentences"])
        total = [0.0] * len(sentences)
        votes = [0] * len(sentences)
        annotators = row["annotations"]
        for marks in annotators:
            for mark in marks:
                i = int(mark["sent"])
                if 0 <= i < len(sentences):
                    total[i] += float(mark["importance"])
                    votes[i] += 1
        count = max(1, len(annotators))
        items.append(Item(str(row.get("id", n)), f"{row['domain']}/{row['aspect']}", sentences,
                          tuple(t / count for t in total), tuple(votes)))
    return items


def ndcg(ranking: Sequence[int], gains: Sequence[float], k: int) -> float:
    dcg = sum(gains[i] / math.log2(r + 2) for r, i in enumerate(ranking[:k]))
    ideal = sum(g / math.log2(r + 2) for r, g in enumerate(sorted(gains, reverse=True)[:k]))
    return dcg / ideal if ideal else 0.0


def p_at_1(ranking: Sequence[int], votes: Sequence[int]) -> float:
    return 1.0 if ranking and votes[ranking[0]] >= 3 else 0.0


def _order(scores: Sequence[float]) -> list[int]:
    return sorted(range(len(scores)), key=lambda i: (-scores[i], i))


def lead(sentences: Sequence[str], theme: Theme) -> list[int]:
    return list(range(len(sentences)))


def keyword_overlap(sentences: Sequence[str], theme: Theme) -> list[int]:
    from . import nlp

    keys = {s for k in theme.keywords for s in nlp.stems(k)}
    return _order([sum(1 for s in nlp.stems(text) if s in keys) for text in sentences])


def sumy_ranker(algorithm: str) -> Ranker:
    def rank(sentences: Sequence[str], theme: Theme) -> list[int]:
        from .sumyrank import sumy_ratings

        return _order(sumy_ratings(list(sentences), algorithm, theme.keywords))

    rank.__name__ = f"sumy {algorithm}"
    return rank


def ours(sentences: Sequence[str], theme: Theme) -> list[int]:
    """brief's selector on one article, ranking every sentence (no relevance threshold)."""
    from .select import SelectOptions, rank_sentences

    article = Article(id="a", blocks=tuple(Block(s) for s in sentences))
    units = [Sentence("a", i, s, i) for i, s in enumerate(sentences)]
    return rank_sentences([article], {"a": units}, theme, SelectOptions())


BASELINES: dict[str, Ranker] = {
    "LEAD": lead,
    "keyword overlap": keyword_overlap,
    "sumy edmundson": sumy_ranker("edmundson"),
    "sumy lexrank": sumy_ranker("lexrank"),
    "sumy textrank": sumy_ranker("textrank"),
    "sumy lsa": sumy_ranker("lsa"),
    "sumy luhn": sumy_ranker("luhn"),
}


@dataclass
class Scores:
    ndcg: float = 0.0
    p1: float = 0.0
    n: int = 0


def evaluate(
    items: Sequence[Item], themes: Mapping[str, Theme], systems: Mapping[str, Ranker], k: int = 3
) -> tuple[dict[str, dict[str, Scores]], dict[str, list[list[int]]]]:
    """Per system and aspect: mean nDCG@k and P@1; also each system's rankings per item."""
    table: dict[str, dict[str, Scores]] = {name: {} for name in systems}
    rankings: dict[str, list[list[int]]] = {name: [] for name in systems}
    for item in items:
        theme = themes[item.key]
        for name, ranker in systems.items():
            ranking = ranker(item.sentences, theme)
            rankings[name].append(ranking)
            cell = table[name].setdefault(item.key, Scores())
            cell.ndcg += ndcg(ranking, item.gains, k)
            cell.p1 += p_at_1(ranking, item.votes)
            cell.n += 1
    for per_aspect in table.values():
        for cell in per_aspect.values():
            cell.ndcg /= max(1, cell.n)
            cell.p1 /= max(1, cell.n)
    return table, rankings
