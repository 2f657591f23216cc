"""Content stems as compact arrays: an article's sentences' terms as uint32 ids end to end,
with where each sentence ends, and the pile's vocabulary that numbers them.

A big day holds millions of term occurrences. As tuples of strings they cost a reference
(8 bytes) each plus 56 bytes a sentence, cross from the workers as pickled strings and are
walked again to number them for the vectors; as ids they cost 4 bytes, cross as two arrays
an article, and the pile's id array is their concatenation. A worker numbers an article's
terms by its own small vocabulary; the main process renumbers them by the pile's
(`Vocabulary`) as each article arrives, so no stage holds the pile's terms as strings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ..vectors import Vocabulary, take_docs

ID = np.uint32  # 4 billion distinct terms is far beyond any pile

__all__ = ["Terms", "Vocabulary", "joined"]


@dataclass(frozen=True, eq=False)
class Terms:
    """The content stems of some sentences (`Unit.terms`), in order, repeats kept: sentence
    k's ids are `ids[ends[k-1]:ends[k]]`, each an index into `words` (the article's own
    list, or the pile's `Vocabulary`)."""

    words: Sequence[str]
    ids: np.ndarray  # every sentence's ids end to end: uint32 (uint16 by an article's own words)
    ends: np.ndarray  # int64, where each sentence's ids end

    @classmethod
    def of(cls, docs: Iterable[Sequence[str]]) -> Terms:
        """Terms of token lists, numbered by their own vocabulary (first seen, first numbered)."""
        local: dict[str, int] = {}
        flat: list[int] = []
        ends: list[int] = []
        for doc in docs:
            flat.extend(local.setdefault(t, len(local)) for t in doc)
            ends.append(len(flat))
        small = np.uint16 if len(local) <= 1 << 16 else ID  # an article's own words: two bytes a term
        return cls(tuple(local), np.array(flat, dtype=small), np.array(ends, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.ends)

    def docs(self) -> list[tuple[str, ...]]:
        return [self.doc(k) for k in range(len(self))]

    def __eq__(self, other: object) -> bool:
        """The same terms, sentence by sentence, however each side numbers them."""
        return isinstance(other, Terms) and self.docs() == other.docs()

    def __hash__(self) -> int:
        return hash(tuple(self.docs()))

    def span(self, k: int) -> tuple[int, int]:
        return (int(self.ends[k - 1]) if k else 0), int(self.ends[k])

    def doc_ids(self, k: int) -> np.ndarray:
        a, b = self.span(k)
        return self.ids[a:b]

    def doc(self, k: int) -> tuple[str, ...]:
        """Sentence k's terms as strings."""
        words = self.words.words if isinstance(self.words, Vocabulary) else self.words  # a list: indexed in C
        return tuple([words[i] for i in self.doc_ids(k).tolist()])

    @property
    def lengths(self) -> np.ndarray:
        return np.diff(self.ends, prepend=0)

    def take(self, ks: Sequence[int]) -> Terms:
        """Some of the sentences (by index, in the order given), with the same vocabulary."""
        flat, lengths = take_docs(self.ids, self.lengths, ks)
        return Terms(self.words, flat, np.cumsum(lengths, dtype=np.int64))

    def renumbered(self, vocabulary: Vocabulary) -> Terms:
        """The same terms numbered by `vocabulary` (which learns the new ones)."""
        if self.words is vocabulary:
            return self
        table = vocabulary.add(self.words)
        return Terms(vocabulary, table[self.ids], self.ends)


def joined(parts: Sequence[Terms]) -> tuple[Sequence[str], np.ndarray, np.ndarray]:
    """Every part's sentences end to end, numbered by one vocabulary: (words, ids, lengths).
    Parts already numbered by the pile's vocabulary are taken as they are; others are
    renumbered into it (or into a new one if none is)."""
    piles = [p.words for p in parts if isinstance(p.words, Vocabulary)]
    vocabulary = piles[0] if piles else Vocabulary()
    parts = [p.renumbered(vocabulary) for p in parts]
    if not parts:
        return vocabulary, np.zeros(0, dtype=ID), np.zeros(0, dtype=np.int64)
    return (vocabulary, np.concatenate([p.ids for p in parts]),
            np.concatenate([p.lengths for p in parts]))
