"""Repeats: near-duplicate sentences across the pile merge into one (the others' articles
become `also_in`), and sentences an earlier briefing reported are left out or marked as updates."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence

import numpy as np

from ..vectors import TermIds, take_docs, term_ids
from .options import SelectOptions
from .units import Unit


def _similar(a: frozenset[str], b: frozenset[str], opts: SelectOptions) -> bool:
    if not a or not b:
        return False
    inter = len(a & b)
    if inter / len(a | b) >= opts.duplicate_jaccard:
        return True
    return min(len(a), len(b)) >= 5 and inter / min(len(a), len(b)) >= opts.duplicate_containment


_MAX_POSTINGS = 50  # a word pair in more sentences than this is stock phrasing, not a sign of a copy


def _sharing_pairs(terms: np.ndarray, lengths: np.ndarray, n_terms: int) -> Iterator[tuple[int, int]]:
    """Pairs (i < j, in order) of docs that share at least two adjacent-word pairs, counting
    only word pairs found in at most `_MAX_POSTINGS` docs. The docs are given as term ids
    (below `n_terms`), end to end, and each doc's length.

    An inverted index, done in numpy: every (word pair, doc) once, sorted by word pair;
    each pair's docs give their pairs of docs, which are counted. The work grows with the
    number of docs that share phrasing, not with the square of the pile.
    """
    if len(terms) < 2:
        return
    # one pile-sized array at a time where it can be (this step set a big build's peak memory)
    owner = np.repeat(np.arange(len(lengths), dtype=np.int32), lengths)
    same = owner[:-1] == owner[1:]
    owner = owner[:-1][same]
    pair = terms[:-1][same].astype(np.int64)  # pair keys need 64 bits
    pair *= n_terms
    pair += terms[1:][same]
    del same
    order = np.lexsort((owner, pair))
    pair, owner = pair[order], owner[order]
    del order
    fresh = np.r_[True, (pair[1:] != pair[:-1]) | (owner[1:] != owner[:-1])]  # a pair twice in one doc counts once
    pair, owner = pair[fresh], owner[fresh]
    del fresh
    starts = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]])
    sizes = np.diff(np.r_[starts, len(pair)])
    n = len(lengths)
    keys: list[np.ndarray] = []
    for size in range(2, _MAX_POSTINGS + 1):
        group_starts = starts[sizes == size]
        if not len(group_starts):
            continue
        upper = np.triu_indices(size, 1)
        step = max(1, 2_000_000 // len(upper[0]))  # a few million pairs at a time
        for lo in range(0, len(group_starts), step):
            members = owner[group_starts[lo : lo + step, None] + np.arange(size)].astype(np.int64)
            keys.append((members[:, upper[0]] * n + members[:, upper[1]]).ravel())
    if not keys:
        return
    found, counts = np.unique(np.concatenate(keys), return_counts=True)
    for key in found[counts >= 2].tolist():
        yield divmod(key, n)


def merge_near_duplicates(
    units: list[Unit], opts: SelectOptions, ids: TermIds | None = None, rows: Sequence[int] | None = None
) -> tuple[list[Unit], int]:
    """Keep the first of each group of near-identical sentences; the others become `also_in`.

    Candidate pairs are sentences sharing at least two content-word pairs (`_sharing_pairs`);
    a candidate is merged if its content words are near-identical (`_similar`). `ids`: the
    units' terms as ids, if already worked out (`term_ids` over a list of which unit k is
    item `rows[k]`).
    """
    parent = list(range(len(units)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Word-for-word repeats first, in one pass: a sentence carried by hundreds of articles
    # would otherwise hide behind the frequent-pair cut-off below.
    if ids is None:
        ids, rows = term_ids(unit.terms for unit in units), range(len(units))
    assert rows is not None
    vocabulary, flat, lengths = ids
    ends = np.cumsum(lengths, dtype=np.int64)
    starts, ends = (ends - np.asarray(lengths, dtype=np.int64)).tolist(), ends.tolist()
    first_of: dict[bytes, int] = {}
    distinct: list[int] = []
    for i, row in enumerate(rows):
        key = flat[starts[row] : ends[row]].tobytes()  # the same ids: the same terms in the same order
        if key and key in first_of:
            parent[i] = first_of[key]
        else:
            first_of.setdefault(key, i)
            distinct.append(i)

    for i, j in _sharing_pairs(*take_docs(flat, lengths, [rows[i] for i in distinct]), len(vocabulary)):
        a, b = distinct[i], distinct[j]
        if find(a) != find(b) and _similar(units[a].content, units[b].content, opts):
            parent[max(find(a), find(b))] = min(find(a), find(b))
    kept: dict[int, Unit] = {}
    dropped = 0
    for i, unit in enumerate(units):
        root = find(i)
        if root == i:
            kept[i] = unit
        else:
            dropped += 1
            keeper = kept[root]
            if unit.sentence.article_id != keeper.sentence.article_id:
                if not keeper.also_in:
                    keeper.also_in = set()  # units share one empty set until then: most never get a copy
                keeper.also_in.add(unit.sentence.article_id)
    return list(kept.values()), dropped


def mark_reported(units: Sequence[Unit], reported: Sequence[frozenset[str]], opts: SelectOptions) -> list[Unit]:
    """Units that do not merely repeat an earlier briefing, with `new` set on each.

    A unit whose content words are mostly (`reported_overlap`) in one earlier sentence
    is old news: left out, unless it adds at least `update_words` content words that
    sentence did not have (an update: kept, marked not new).
    """
    if not reported:
        return list(units)
    index: dict[str, list[int]] = defaultdict(list)
    for k, words in enumerate(reported):
        for word in words:
            index[word].append(k)
    kept = []
    for unit in units:
        shared = Counter(k for word in unit.content for k in index.get(word, ()))
        best = min(shared.items(), key=lambda kv: (-kv[1], kv[0]), default=None)
        if best is not None and unit.content and best[1] / len(unit.content) >= opts.reported_overlap:
            if len(unit.content - reported[best[0]]) < opts.update_words:
                continue
            unit.new = False
        kept.append(unit)
    return kept
