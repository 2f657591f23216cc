"""Sentence vectors for the selector: tf-idf rows, cosine similarity and corroboration.

Rows are sparse (scipy CSR) and L2-normalised, so a cosine is a dot product and nothing
ever needs the full sentence-by-sentence matrix: similarities are computed for a bounded
set of candidates against the pile, in column blocks.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

_BLOCK = 4096  # columns per block when comparing candidates with the whole pile


class Vectors:
    """tf-idf vectors of a list of token lists (content stems), one row per item."""

    def __init__(self, docs: Sequence[Iterable[str]]) -> None:
        from scipy.sparse import csr_matrix

        counts = [Counter(d) for d in docs]
        df: Counter[str] = Counter()
        for c in counts:
            df.update(c.keys())
        n = len(counts) or 1
        self.vocab = {t: i for i, t in enumerate(sorted(df))}
        self.idf = np.array([math.log((n + 1) / (df[t] + 0.5)) for t in sorted(df)])
        indptr, indices, data = [0], [], []
        for c in counts:
            for t, k in sorted(c.items()):
                j = self.vocab[t]
                indices.append(j)
                data.append(k * self.idf[j])
            indptr.append(len(indices))
        matrix = csr_matrix(
            (np.array(data, dtype=np.float64), np.array(indices, dtype=np.int64), np.array(indptr, dtype=np.int64)),
            shape=(len(counts), len(self.vocab)),
        )
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        self.rows = _scale_rows(matrix, 1.0 / norms)

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
        whose closest sentence is at least `minimum` similar: how many others tell it too."""
        out = np.zeros(len(candidates))
        if not candidates or len(set(group)) < 2:
            return out
        order = np.argsort(np.asarray(group), kind="stable")
        sorted_groups = np.asarray(group)[order]
        starts = np.flatnonzero(np.r_[True, sorted_groups[1:] != sorted_groups[:-1]])
        own = np.asarray(group)[list(candidates)]
        for lo in range(0, len(candidates), 256):
            chunk = list(candidates[lo : lo + 256])
            best = np.zeros((len(chunk), len(starts)))
            left = self.rows[chunk]
            for c0 in range(0, len(order), _BLOCK):
                cols = order[c0 : c0 + _BLOCK]
                sims = (left @ self.rows[cols].T).toarray()
                # per group: max over the group's columns that fall in this block
                block_groups = sorted_groups[c0 : c0 + _BLOCK]
                b_starts = np.flatnonzero(np.r_[True, block_groups[1:] != block_groups[:-1]])
                maxima = np.maximum.reduceat(sims, b_starts, axis=1)
                where = np.searchsorted(sorted_groups[starts], block_groups[b_starts])
                best[:, where] = np.maximum(best[:, where], maxima)
            group_ids = sorted_groups[starts]
            mask = group_ids[None, :] != own[lo : lo + len(chunk), None]
            out[lo : lo + len(chunk)] = np.where((best >= minimum) & mask, best, 0.0).sum(axis=1)
        return out


def _scale_rows(matrix, factors: np.ndarray):  # noqa: ANN001, ANN202 - scipy has no types
    from scipy.sparse import diags

    return (diags(factors) @ matrix).tocsr()
