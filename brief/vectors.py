"""Sentence vectors for the selector: tf-idf rows, cosine similarity and corroboration.

Rows are sparse (scipy CSR) and L2-normalised, so a cosine is a dot product and nothing
ever needs the full sentence-by-sentence matrix: similarities are computed for a bounded
set of candidates against the pile, in column blocks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import chain

import numpy as np

_BLOCK = 4096  # rows of the pile per block when comparing candidates with the whole pile
_BEST_CELLS = 1 << 20  # candidate × article cells of corroboration's best-per-article table (8 MB)


class Vocabulary:
    """Terms numbered as first seen (`ids`: term -> id, `words`: id -> term); a pile's is
    grown as articles arrive (`brief.select.terms`), never shrunk."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.words: list[str] = []

    def __len__(self) -> int:
        return len(self.words)

    def __getitem__(self, i: int) -> str:
        return self.words[i]

    def add(self, words: Sequence[str]) -> np.ndarray:
        """The ids of `words`, new ones numbered from the end."""
        ids, known = self.ids, self.words
        out = np.empty(len(words), dtype=np.uint32)  # `brief.select.terms.ID`
        for k, word in enumerate(words):
            n = len(known)
            i = out[k] = ids.setdefault(word, n)
            if i == n:
                known.append(word)
        return out


# the vocabulary the ids number, all docs' ids end to end, each doc's length
TermIds = tuple[Vocabulary, np.ndarray, "Sequence[int] | np.ndarray"]


def term_ids(docs: Iterable[Iterable[str]]) -> TermIds:
    """Every doc's terms as ids (first seen, first numbered), all docs end to end, and each
    doc's length: one dictionary pass, so the rest can be done in numpy."""
    docs = [doc if isinstance(doc, (tuple, list)) else list(doc) for doc in docs]
    every = list(chain.from_iterable(docs))  # references to the terms, no new objects
    vocabulary = Vocabulary()
    vocabulary.words = list(dict.fromkeys(every))
    vocabulary.ids = ids = {t: i for i, t in enumerate(vocabulary.words)}
    # straight into an array: a list of millions of Python ints first would cost 36 bytes each
    flat = np.fromiter(map(ids.__getitem__, every), dtype=np.int64, count=len(every))
    return vocabulary, flat, list(map(len, docs))


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

        # Columns in sorted term order (so rows, and every sum over them, come out the same
        # on every run and whatever numbered the ids); counting, df and weighting in numpy.
        words, flat, lengths = ids if ids is not None else term_ids(docs)
        # only the terms the docs use (a pile's vocabulary also holds those of articles
        # dropped as copies or out of scope), renumbered in sorted order; looked up through
        # the vocabulary's own dictionary (a big day's second one would cost 150 MB)
        present = np.zeros(len(words), dtype=bool)
        present[flat] = True
        used = np.flatnonzero(present)
        del present
        names = [words[i] for i in used.tolist()]
        order = np.fromiter(sorted(range(len(names)), key=names.__getitem__), dtype=np.int64, count=len(names))
        del names
        n_terms = len(order)
        rank = np.full(len(words), -1, dtype=np.int64)
        rank[used[order]] = np.arange(n_terms)
        del used, order
        self._ids = words.ids
        self._column = rank.astype(np.int32)  # vocabulary id -> column; -1: not in these docs
        n_docs = len(lengths)
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
        df = np.bincount(counts.indices, minlength=n_terms)
        n = n_docs or 1
        self.idf = np.log((n + 1) / (df + 0.5))
        counts.data *= self.idf[counts.indices]
        # each row's sum of squares, in its terms' order (as `counts.multiply(counts)` would,
        # without copying the indices)
        squares = csr_matrix((counts.data ** 2, counts.indices, counts.indptr), shape=counts.shape, copy=False)
        norms = np.sqrt(np.asarray(squares.sum(axis=1)).ravel())
        del squares
        norms[norms == 0] = 1.0
        self.rows = _scale_rows(counts, 1.0 / norms)
        del counts
        self._group_of: Sequence[int] | None = None
        self._group_cache: tuple[np.ndarray, np.ndarray] = (np.zeros(0), np.zeros(0, dtype=np.int64))

    def column(self, term: str) -> int:
        """The term's column in `rows`, -1 if no doc has it."""
        i = self._ids.get(term)
        return -1 if i is None or i >= len(self._column) else int(self._column[i])

    @property
    def n_terms(self) -> int:
        return self.rows.shape[1]

    def idf_map(self) -> Mapping[str, float]:
        """Inverse document frequency per term, ln((n + 1) / (df + 0.5)), sentences as documents."""
        return _Idf(self)

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
        own = column_group[np.asarray(candidates, dtype=np.int64)]  # each candidate's own article
        # The pile's rows a block at a time against every candidate (terms × candidates,
        # converted once): each block is sliced once and let go of, never the whole matrix
        # copied at once; only the similarities of at least `minimum` are kept. A product's
        # value sums over the shared terms in the row's term order whatever the other
        # columns, so it is the same as candidate-by-pile would give.
        right = self.rows[list(candidates)].T.tocsr()
        found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        for c0 in range(0, len(self), _BLOCK):
            sims = (self.rows[c0 : c0 + _BLOCK] @ right).tocoo()
            keep = sims.data >= minimum
            if keep.any():
                found.append((sims.col[keep], column_group[c0 + sims.row[keep]], sims.data[keep]))
        del right
        if not found:
            return out
        which, groups, values = (np.concatenate(parts) for parts in zip(*found))
        del found
        order = np.argsort(which, kind="stable")
        which, groups, values = which[order], groups[order], values[order]
        del order
        # each candidate's best per group, a bounded table of candidates at a time, summed
        # along the whole row of groups (zeros and all: the same sum every time)
        step = max(1, min(512, _BEST_CELLS // len(group_ids)))
        for lo in range(0, len(candidates), step):
            hi = min(lo + step, len(candidates))
            a, b = np.searchsorted(which, [lo, hi])
            best = np.zeros((hi - lo, len(group_ids)))
            np.maximum.at(best, (which[a:b] - lo, groups[a:b]), values[a:b])
            best[np.arange(hi - lo), own[lo:hi]] = 0.0  # a candidate's own article
            out[lo:hi] = best.sum(axis=1)
        return out

    def _groups(self, group: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """The sorted group ids, and each row's index among them (made once per grouping:
        corroboration runs for the key points and for every theme)."""
        if self._group_of is not group:
            self._group_cache = np.unique(np.asarray(group), return_inverse=True)
            self._group_of = group  # kept, so the identity test above cannot be fooled
        return self._group_cache


class _Idf(Mapping[str, float]):
    """`Vectors.idf_map`: looked up in the vectors' arrays, not a dictionary of its own."""

    def __init__(self, vectors: Vectors) -> None:
        self._vectors = vectors

    def __getitem__(self, term: str) -> float:
        col = self._vectors.column(term)
        if col < 0:
            raise KeyError(term)
        return float(self._vectors.idf[col])

    def __contains__(self, term: object) -> bool:
        return isinstance(term, str) and self._vectors.column(term) >= 0

    def __iter__(self) -> Iterator[str]:
        column = self._vectors._column
        return (t for t, i in self._vectors._ids.items() if i < len(column) and column[i] >= 0)

    def __len__(self) -> int:
        return self._vectors.n_terms


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
