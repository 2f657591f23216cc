"""Picking: greedy MMR over tf-idf vectors under a count or word budget; a sentence that
leans on the one before is joined to it (or passed over), a bare quote takes its
attribution, and a pick that does not stand alone (`standalone.unfit_reason`) is passed over."""

from __future__ import annotations

from collections.abc import Generator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..model import Pick, Sentence
from ..segment import is_bare_quote, is_lead_in
from ..vectors import Vectors
from .options import SelectOptions
from .standalone import names_speaker, quote_attributed, unattributed_quote, unfit_reason
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
) -> Generator[tuple[Candidate, float], bool | None, None]:
    """Candidates in MMR order: value = score / best score / words^exponent − penalty ×
    cosine to the closest one already taken. A candidate at least `redundancy_max` similar
    to one taken is dropped. The caller may stop at any time (budget), and may `send(True)`
    for a candidate it passes over (it then weighs on nothing after it)."""
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
        passed_over = yield cands[i], float(closest[i])
        if passed_over:
            continue
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
    ("Ushakov added.") takes it along; a quotation that names nobody takes the sentences up
    to the one that closes it and names the speaker, or else the sentence before it when
    that one names a speaker ("Cox said in a statement:").
    """
    s = cand.unit.sentence
    text, position, parts = s.text, s.position, dict(cand.parts)
    after = near.get((s.article_id, s.position + 1))
    if after is not None and after.kind == "fragment" and after.block == s.block and is_bare_quote(s.text):
        parts["joined attribution"] = 1.0
        return _make_pick(cand, f"{text} {after.text}", position, parts, redundancy)
    if not s.joins_previous and unattributed_quote(s.text):
        # the first sentence of a longer quotation: a later one closes it and names the speaker
        joined, words = [text], len(text.split())
        for step in range(1, 4):
            nxt = near.get((s.article_id, s.position + step))
            if nxt is None or nxt.block != s.block or (s.article_id, nxt.position) in taken:
                break
            words += len(nxt.text.split())
            if words > opts.join_max_words:
                break
            joined.append(nxt.text)
            if quote_attributed(nxt.text):
                parts["joined attribution"] = float(step)
                return _make_pick(cand, " ".join(joined), position, parts, redundancy)
        prev = near.get((s.article_id, s.position - 1))
        if (prev is not None and prev.kind == "sentence" and (s.article_id, prev.position) not in taken
                and names_speaker(prev.text) and len(prev.text.split()) + len(text.split()) <= opts.join_max_words):
            # the sentence before names who is speaking ("Cox said in a statement:")
            parts["joined previous"] = 1.0
            return _make_pick(cand, f"{prev.text} {text}", prev.position, parts, redundancy)
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
    order = mmr_order(cands, vectors, opts, length_exponent)
    passed_over: bool | None = None  # what the last candidate became; None before the first
    while len(picks) < count and (words is None or used < words):
        try:
            cand, redundancy = next(order) if passed_over is None else order.send(passed_over)
        except StopIteration:
            break
        s = cand.unit.sentence
        passed_over = True
        if (s.article_id, s.position) in taken:
            continue
        chosen = _as_pick(cand, redundancy, near, taken, opts)
        if chosen is None or unfit_reason(chosen.text) is not None:  # it must read on its own
            continue
        passed_over = False
        taken.update((s.article_id, p) for p in range(chosen.position, s.position + 1))
        for step in range(1, int(dict(chosen.parts).get("joined attribution", 0)) + 1):
            taken.add((s.article_id, s.position + step))
        picks.append(chosen)
        used += len(chosen.text.split())
    return picks
