"""Picking: greedy MMR over tf-idf vectors under a count or word budget; a sentence that
leans on the one before is joined to it (or passed over), a bare quote takes its
attribution, and a pick that does not stand alone (`standalone.unfit_reason`) is passed over."""

from __future__ import annotations

from collections.abc import Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

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


class Neighbours(Mapping[tuple[str, int], Sentence]):
    """Every sentence by (article id, position), looked up in the articles' own lists
    rather than copied into a dict: a big day has hundreds of thousands of sentences,
    and picking looks up a few dozen of them."""

    def __init__(self, sentences: Mapping[str, Sequence[Sentence]]) -> None:
        self._sentences = sentences

    def __getitem__(self, key: tuple[str, int]) -> Sentence:
        article_id, position = key
        seq = self._sentences.get(article_id, ())
        if 0 <= position < len(seq) and seq[position].position == position:
            return seq[position]  # positions count the article's sentences from 0: the usual case
        for s in seq:
            if s.position == position:
                return s
        raise KeyError(key)

    def __iter__(self) -> Iterator[tuple[str, int]]:
        return ((s.article_id, s.position) for seq in self._sentences.values() for s in seq)

    def __len__(self) -> int:
        return sum(len(seq) for seq in self._sentences.values())


def neighbours(sentences: Mapping[str, Sequence[Sentence]]) -> Mapping[tuple[str, int], Sentence]:
    return Neighbours(sentences)


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
    if not s.joins_previous and unattributed_quote(s.text, s.own_voice):
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
        before = _speaker_before(s, near, taken, opts)
        if before:
            # a sentence before names who is speaking ("Cox said in a statement:", or the
            # opening of the same quotation: `“I am honoured,” Cox said. “When I think …`)
            parts["joined previous"] = float(len(before))
            return _make_pick(cand, " ".join([*(b.text for b in before), text]), before[0].position, parts, redundancy)
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
    if first is not s and unattributed_quote(first.text, first.own_voice):
        # the end of a quotation walked back to its opening: on to the sentence naming the speaker
        before = _speaker_before(first, near, taken, opts, len(text.split()))
        if before:
            parts["joined previous"] += len(before)
            text, position = " ".join([*(b.text for b in before), text]), before[0].position
    return _make_pick(cand, text, position, parts, redundancy)


def _speaker_before(
    s: Sentence, near: Mapping[tuple[str, int], Sentence], taken: set[tuple[str, int]], opts: SelectOptions,
    words: int | None = None,
) -> list[Sentence]:
    """The sentences from the nearest one before `s` that names a speaker up to `s`, when
    those between are the same unattributed quotation (at most 3 back, one paragraph,
    none picked, all within `join_max_words` with the `words` of the pick so far, else
    of `s`); [] when there is none."""
    run: list[Sentence] = []
    words = len(s.text.split()) if words is None else words
    for step in range(1, 4):
        prev = near.get((s.article_id, s.position - step))
        if prev is None or prev.kind != "sentence" or prev.block != s.block or (s.article_id, prev.position) in taken:
            return []
        words += len(prev.text.split())
        if words > opts.join_max_words:
            return []
        run.insert(0, prev)
        if names_speaker(prev.text):
            return run
        if not unattributed_quote(prev.text, prev.own_voice):
            return []
    return []


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
    ends: dict[tuple[str, int], int] = {}  # (article, last sentence of a pick) -> its index in picks
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
        k, run = _continuation(s, picks, ends, near, taken, opts)
        if k is not None:
            # the rest of a quotation (or a sentence leaning on one) already picked: the
            # pick goes on, rather than the rest being lost or shown without its speaker
            went_on = dict(picks[k].parts).get("continued", 0.0) + len(run)
            parts = tuple((n, v) for n, v in picks[k].parts if n != "continued") + (("continued", went_on),)
            text = " ".join([picks[k].text, *(r.text for r in run)])
            picks[k] = replace(picks[k], text=text, span=picks[k].span + len(run), parts=parts)
            taken.update((s.article_id, r.position) for r in run)
            del ends[(s.article_id, run[0].position - 1)]
            ends[(s.article_id, run[-1].position)] = k
            used += sum(len(r.text.split()) for r in run)
            passed_over = False
            continue
        chosen = _as_pick(cand, redundancy, near, taken, opts)
        if chosen is None:
            continue
        first = near.get((s.article_id, chosen.position), s)
        if unfit_reason(chosen.text, own_voice=first.own_voice) is not None:  # it must read on its own
            continue
        passed_over = False
        last = s.position + int(dict(chosen.parts).get("joined attribution", 0))
        own_voice = (("own voice", 1.0),) if first.own_voice and unattributed_quote(first.text) else ()
        chosen = replace(chosen, span=last - chosen.position + 1, parts=(*chosen.parts, *own_voice))
        taken.update((s.article_id, p) for p in range(chosen.position, last + 1))
        ends[(s.article_id, last)] = len(picks)
        picks.append(chosen)
        used += len(chosen.text.split())
    return picks


def _continuation(
    s: Sentence, picks: Sequence[Pick], ends: Mapping[tuple[str, int], int],
    near: Mapping[tuple[str, int], Sentence], taken: set[tuple[str, int]], opts: SelectOptions,
) -> tuple[int | None, list[Sentence]]:
    """The pick `s` goes on from, and the sentences it takes: when `s` (and up to two
    sentences before it, none picked) is the rest of a quotation or leans on what came
    before, back to the end of a pick in the same paragraph, the run is those sentences
    and on to the one that closes any quotation left open, all within `quote_max_words`
    with the pick; (None, []) when `s` goes on from no pick, or it cannot be shown whole."""
    run = [s]
    for _ in range(3):
        first = run[0]
        prev = near.get((s.article_id, first.position - 1))
        if (prev is None or prev.block != s.block
                or not (first.joins_previous or unattributed_quote(first.text, first.own_voice))):
            return None, []
        k = ends.get((s.article_id, prev.position))
        if k is not None:
            break
        if (s.article_id, prev.position) in taken:
            return None, []
        run.insert(0, prev)
    else:
        return None, []
    text = " ".join([picks[k].text, *(r.text for r in run)])
    while _open_quote(text):
        nxt = near.get((s.article_id, run[-1].position + 1))
        if nxt is None or nxt.block != s.block or (s.article_id, nxt.position) in taken:
            return None, []
        run.append(nxt)
        text = f"{text} {nxt.text}"
    return (k, run) if len(text.split()) <= opts.quote_max_words else (None, [])


def _open_quote(text: str) -> bool:
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1
