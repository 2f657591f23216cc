"""Sentence vectors for the selector: tf-idf rows, cosine similarity and corroboration.

Rows are sparse (scipy CSR) and L2-normalised, so a cosine is a dot product and nothing
ever needs the full sentence-by-sentence matrix: similarities are computed for a bounded
set of candidates against the pile, in column blocks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import chain

import numpy as np

_BLOCK = 4096  # columns per block when comparing candidates with the whole pile
_BEST_CELLS = 1 << 22  # candidate × article cells of corroboration's best-per-article table (32 MB)


# the words ids stand for (id -> term), all docs' ids end to end, each doc's length
TermIds = tuple[Sequence[str], np.ndarray, "Sequence[int] | np.ndarray"]


def term_ids(docs: Iterable[Iterable[str]]) -> TermIds:
    """Every doc's terms as ids (first seen, first numbered), all docs end to end, and each
    doc's length: one dictionary pass, so the rest can be done in numpy."""
    docs = [doc if isinstance(doc, (tuple, list)) else list(doc) for doc in docs]
    every = list(chain.from_iterable(docs))  # references to the terms, no new objects
    ids = {t: i for i, t in enumerate(dict.fromkeys(every))}
    # straight into an array: a list of millions of Python ints first would cost 36 bytes each
    flat = np.fromiter(map(ids.__getitem__, every), dtype=np.int64, count=len(every))
    return list(ids), flat, list(map(len, docs))


def take_docs(flat: np.ndarray, lengths: Sequence[int], rows: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """Some of `term_ids`' docs (by index, in the order given): their ids end to end, and lengths."""
    sizes = np.asarray(lengths, dtype=np.int64)
    picked = np.asarray(rows, dtype=np.int64)
    starts = np.r_[0, np.cumsum(sizes)][picked]
    taken = sizes[picked]
    before = np.r_[0, np.cumsum(taken)[:-1]] if len(taken) else taken
    return flat[np.repeat(starts - before, taken) + np.arange(int(taken.sum()))], taken


class Vectors:
    """tf-idf vectors of a list of token lists (content stems), one row per item."""

    def __init__(self, docs: Iterable[Iterable[str]] = (), ids: TermIds | None = None) -> None:
        """`ids`: `term_ids(docs)`, if the caller has it (then `docs` is not needed)."""
        from scipy.sparse import csr_matrix

        # Term ids in sorted term order (so rows, and every sum over them, come out the same
        # on every run), found with one dictionary pass; counting, df and weighting in numpy.
        words, flat, lengths = ids if ids is not None else term_ids(docs)
        # only the terms the docs use (a pile's vocabulary also holds those of articles
        # dropped as copies or out of scope), renumbered in sorted order
        present = np.zeros(len(words), dtype=bool)
        present[flat] = True
        used = np.flatnonzero(present)
        names = [words[i] for i in used.tolist()]
        order = sorted(range(len(names)), key=names.__getitem__)
        terms = [names[i] for i in order]
        self.vocab = {t: i for i, t in enumerate(terms)}
        rank = np.zeros(len(words), dtype=np.int64)
        rank[used[order]] = np.arange(len(terms))
        n_docs, n_terms = len(lengths), len(terms)
        # each (doc, term) once with its count, sorted by doc then term: the CSR's arrays
        # straight away, sorted in place (a COO triple first would be three pile-sized
        # arrays more; this step set a big build's peak memory)
        cells = np.repeat(np.arange(n_docs, dtype=np.int64), lengths)
        cells *= max(n_terms, 1)
        cells += rank[flat]
        del rank
        cells.sort()
        firsts = np.flatnonzero(np.r_[True, cells[1:] != cells[:-1]]) if len(cells) else np.zeros(0, np.int64)
        tf = np.diff(np.r_[firsts, len(cells)]).astype(np.float64)
        cells = cells[firsts]
        del firsts
        indptr = np.zeros(n_docs + 1, dtype=np.int64)
        np.cumsum(np.bincount(cells // max(n_terms, 1), minlength=n_docs), out=indptr[1:])
        cells %= max(n_terms, 1)
        counts = csr_matrix((tf, cells.astype(np.int32), indptr), shape=(n_docs, n_terms))
        del cells, tf
        df = np.bincount(counts.indices, minlength=len(terms))
        n = n_docs or 1
        self.idf = np.log((n + 1) / (df + 0.5))
        counts.data = counts.data * self.idf[counts.indices]
        norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        self.rows = _scale_rows(counts, 1.0 / norms)
        self._group_of: Sequence[int] | None = None
        self._group_cache: tuple[np.ndarray, np.ndarray] = (np.zeros(0), np.zeros(0, dtype=np.int64))

    def idf_map(self) -> dict[str, float]:
        """Inverse document frequency per term, ln((n + 1) / (df + 0.5)), sentences as documents."""
        return dict(zip(self.vocab, self.idf.tolist()))

    def __len__(self) -> int:
        return self.rows.shape[0]

    def centroid_cosine(self, rows: Sequence[int] | None = None) -> np.ndarray:
        """Cosine of each row with the pile's centroid: how typical of the pile it is."""
        centre = np.asarray(self.rows.sum(axis=0)).ravel()
        norm = np.linalg.norm(centre)
        if norm == 0:
            return np.zeros(len(self) if rows is None else len(rows))
        picked = self.rows if rows is None else self.rows[list(rows)]
        return picked @ (centre / norm)

    def corroboration(self, candidates: Sequence[int], group: Sequence[int], minimum: float) -> np.ndarray:
        """For each candidate, the summed best similarity of every other group (article)
        whose closest sentence is at least `minimum` similar: how many others tell it too.

        Similarities stay sparse: only those of at least `minimum` are looked at (a big
        day's candidate-by-pile product is mostly small values), each kept as its group's
        best if it beats it; then the groups' bests are summed per candidate.
        """
        out = np.zeros(len(candidates))
        if not candidates or len(set(group)) < 2:
            return out
        group_ids, column_group = self._groups(group)
        own = np.searchsorted(group_ids, np.asarray(group)[list(candidates)])
        step = max(1, min(512, _BEST_CELLS // len(group_ids)))  # rows of `best` at a time, bounded memory
        # the pile's rows in blocks, sliced once for this call (a copy of the matrix while it
        # runs, let go of after), not for every few candidates, nor kept between calls
        blocks = [(c0, self.rows[c0 : c0 + _BLOCK]) for c0 in range(0, len(self), _BLOCK)]
        for lo in range(0, len(candidates), step):
            chunk = list(candidates[lo : lo + step])
            best = np.zeros((len(chunk), len(group_ids)))
            right = self.rows[chunk].T.tocsr()  # terms × candidates, converted once, not per block
            for c0, block in blocks:
                # a block of the pile's rows against the candidates: the same products, summed
                # over the shared terms in the same (term) order as candidate-by-pile would be
                sims = (block @ right).tocoo()
                keep = sims.data >= minimum
                if not keep.any():
                    continue
                np.maximum.at(best, (sims.col[keep], column_group[c0 + sims.row[keep]]), sims.data[keep])
            best[np.arange(len(chunk)), own[lo : lo + len(chunk)]] = 0.0  # a candidate's own article
            out[lo : lo + len(chunk)] = best.sum(axis=1)
        return out

    def _groups(self, group: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """The sorted group ids, and each row's index among them (made once per grouping:
        corroboration runs for the key points and for every theme)."""
        if self._group_of is not group:
            self._group_cache = np.unique(np.asarray(group), return_inverse=True)
            self._group_of = group  # kept, so the identity test above cannot be fooled
        return self._group_cache


def _scale_rows(matrix, factors: np.ndarray):  # noqa: ANN001, ANN202 - scipy has no types
    from scipy.sparse import diags

    return (diags(factors) @ matrix).tocsr()


def biased_centrality(vectors: Vectors, rows: Sequence[int], bias: Sequence[float],
                      damping: float = 0.85, tolerance: float = 1e-9) -> np.ndarray:
    """Topic-biased centrality (Otterbacher, Erkan & Radev 2005, "biased LexRank") of `rows`.

    The stationary share of a walk over the rows' cosine graph that, with probability
    1 − `damping`, jumps to a row in proportion to its `bias` (its relevance to a theme):
    a sentence ranks high when it resembles sentences that are themselves relevant. Rows
    with no neighbour jump by the bias too. Hand-written because sumy's LexRank and
    TextRank take no bias; the graph is dense, so callers keep `rows` to a bounded pool.
    """
    n = len(rows)
    if n == 0:
        return np.zeros(0)
    jump = np.maximum(np.asarray(bias, dtype=float), 0.0) + 1e-6  # every row reachable
    jump /= jump.sum()
    picked = vectors.rows[list(rows)]
    similar = (picked @ picked.T).toarray()
    np.fill_diagonal(similar, 0.0)
    out = similar.sum(axis=1)
    step = np.divide(similar, out[:, None], out=np.zeros_like(similar), where=out[:, None] > 0)
    dangling = out <= 0
    share = jump.copy()
    for _ in range(200):
        walked = share @ step + share[dangling].sum() * jump
        after = (1 - damping) * jump + damping * walked
        done = float(np.abs(after - share).sum()) < tolerance
        share = after
        if done:
            break
    return share
