"""Picking: greedy MMR over tf-idf vectors under a count or word budget; a sentence that
leans on the one before is joined to it (or passed over), a bare quote takes its attribution."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..model import Pick, Sentence
from ..segment import is_bare_quote, is_lead_in
from ..vectors import Vectors
from .options import SelectOptions
from .units import Unit


@dataclass
class Candidate:
    """A unit in a ranking, with its score and the parts `brief explain` shows."""

    unit: Unit
    row: int  # the unit's row in the Vectors
    score: float
    parts: dict[str, float]
    matched: tuple[str, ...] = ()
    related: tuple[str, ...] = ()

    @property
    def words(self) -> int:
        return len(self.unit.sentence.text.split())


def mmr_order(
    cands: Sequence[Candidate],
    vectors: Vectors,
    opts: SelectOptions,
    length_exponent: float = 0.0,
) -> Iterator[tuple[Candidate, float]]:
    """Candidates in MMR order: value = score / best score / words^exponent − penalty ×
    cosine to the closest one already yielded. A candidate at least `redundancy_max`
    similar to one yielded is dropped. The caller may stop at any time (budget)."""
    if not cands:
        return
    top = max(c.score for c in cands) or 1.0
    value = np.array([c.score / top / max(1, c.words) ** length_exponent for c in cands])
    closest = np.zeros(len(cands))
    left = np.ones(len(cands), dtype=bool)
    rows = vectors.rows[[c.row for c in cands]]
    # ties: pile order (article, then position) keeps the output deterministic
    tiebreak = np.arange(len(cands)) * 1e-12
    while left.any():
        mmr = np.where(left, value - opts.redundancy_penalty * closest - tiebreak, -np.inf)
        i = int(np.argmax(mmr))
        left[i] = False
        yield cands[i], float(closest[i])
        closest = np.maximum(closest, (rows @ vectors.rows[cands[i].row].T).toarray().ravel())
        left &= closest < opts.redundancy_max


def neighbours(sentences: Mapping[str, Sequence[Sentence]]) -> dict[tuple[str, int], Sentence]:
    return {(s.article_id, s.position): s for seq in sentences.values() for s in seq}


def _as_pick(
    cand: Candidate,
    redundancy: float,
    near: Mapping[tuple[str, int], Sentence],
    taken: set[tuple[str, int]],
    opts: SelectOptions,
) -> Pick | None:
    """The pick a candidate makes, with any sentence it cannot do without; None to pass over.

    A sentence that leans on the one before it ("He added …") is joined to it (and that one
    to its own predecessor, if it leans too) when all fit in `join_max_words` and none is
    already picked; otherwise it is passed over. A quote followed by a bare attribution
    ("Ushakov added.") takes it along.
    """
    s = cand.unit.sentence
    text, position, parts = s.text, s.position, dict(cand.parts)
    after = near.get((s.article_id, s.position + 1))
    if after is not None and after.kind == "fragment" and after.block == s.block and is_bare_quote(s.text):
        parts["joined attribution"] = 1.0
        return _make_pick(cand, f"{text} {after.text}", position, parts, redundancy)
    first = s
    while first.joins_previous:  # walk back to a sentence that stands on its own
        prev = near.get((s.article_id, first.position - 1))
        lead_in = prev is not None and prev.kind == "fragment" and is_lead_in(prev.text)
        if (
            prev is None
            or (prev.kind != "sentence" and not lead_in)
            or (prev.article_id, prev.position) in taken
            or len(prev.text.split()) + len(text.split()) > opts.join_max_words
        ):
            return None
        text, position, first = f"{prev.text} {text}", prev.position, prev
        parts["joined previous"] = parts.get("joined previous", 0.0) + 1.0
        if lead_in:  # "A senior diplomat put it plainly." introduces the quote and names its speaker
            break
    return _make_pick(cand, text, position, parts, redundancy)


def _make_pick(cand: Candidate, text: str, position: int, parts: dict[str, float], redundancy: float) -> Pick:
    parts["redundancy"] = round(redundancy, 3)
    return Pick(
        text=text,
        article_id=cand.unit.sentence.article_id,
        position=position,
        score=round(cand.score, 4),
        also_in=tuple(sorted(cand.unit.also_in)),
        matched=cand.matched,
        parts=tuple(parts.items()),
        related=cand.related,
        new=cand.unit.new,
    )


def pick(
    cands: Sequence[Candidate],
    vectors: Vectors,
    sentences: Mapping[str, Sequence[Sentence]],
    opts: SelectOptions,
    count: int,
    words: int | None = None,
    length_exponent: float = 0.0,
    near: Mapping[tuple[str, int], Sentence] | None = None,
) -> list[Pick]:
    """Greedy picks (MMR order) until `count` sentences or `words` words are taken.
    `near`: `neighbours(sentences)`, when the caller has it already."""
    near = neighbours(sentences) if near is None else near
    taken: set[tuple[str, int]] = set()
    picks: list[Pick] = []
    used = 0
    for cand, redundancy in mmr_order(cands, vectors, opts, length_exponent):
        if len(picks) >= count or (words is not None and used >= words):
            break
        s = cand.unit.sentence
        if (s.article_id, s.position) in taken:
            continue
        chosen = _as_pick(cand, redundancy, near, taken, opts)
        if chosen is None:
            continue
        taken.update((s.article_id, p) for p in range(chosen.position, s.position + 1))
        if dict(chosen.parts).get("joined attribution"):
            taken.add((s.article_id, s.position + 1))
        picks.append(chosen)
        used += len(chosen.text.split())
    return picks
