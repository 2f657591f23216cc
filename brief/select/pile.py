"""The pile as the selector sees it: every sentence's vector, and the near-duplicate-merged
units that can be picked."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..memory import release
from ..model import Article, Sentence
from ..vectors import Vectors
from .analysis import Analyser, ArticleAnalysis, make_units
from .duplicates import mark_reported, merge_near_duplicates
from .options import SelectOptions
from .terms import joined
from .units import Unit


@dataclass
class Pile:
    """Every whole sentence of the pile as a vector, and the near-duplicate-merged units
    that can be picked. Similarities (corroboration, redundancy) look at every sentence,
    so a story told by five outlets counts five times even though one copy stands."""

    units: list[Unit]
    rows: list[int]  # each unit's row in `vectors`
    vectors: Vectors
    group: list[str]  # article of every row
    merged: int
    repeated: int = 0  # units left out because an earlier briefing reported them already

    @classmethod
    def of(
        cls,
        articles: Sequence[Article],
        sentences: Mapping[str, Sequence[Sentence]],
        opts: SelectOptions,
        reported: Sequence[frozenset[str]] = (),
        analyses: Mapping[str, ArticleAnalysis] | None = None,
    ) -> Pile:
        """`analyses`: as `Analyser.pile` gives; without, units carry no keyword scores."""
        if analyses is None:
            analyses = Analyser((), opts).pile(articles, sentences)
        every = make_units(articles, sentences, analyses)  # in row order
        # the units' terms end to end are the articles' id arrays joined: no pass over strings
        ids = joined([analyses[a.id].terms for a in articles])
        if len(ids[2]) != len(every):
            raise ValueError("an article's analysis does not match its sentences")
        vectors = Vectors(ids=ids)
        release()  # building the vectors' arrays took three times what they hold
        fresh = mark_reported(every, reported, opts)  # before merging, so an update is not merged into a repeat
        fresh_rows = _rows(fresh, every)
        units, merged = merge_near_duplicates(fresh, opts, ids, fresh_rows)
        release()
        group = [u.sentence.article_id for u in every]
        kept = [fresh_rows[k] for k in _rows(units, fresh)]
        return cls(units, kept, vectors, group, merged, len(every) - len(fresh))


def _rows(some: Sequence[Unit], every: Sequence[Unit]) -> list[int]:
    """Where each of `some` stands in `every`, of which it is a subsequence (one pass; no
    dictionary of a big day's units)."""
    out: list[int] = []
    walk = iter(enumerate(every))
    for unit in some:
        for i, other in walk:
            if other is unit:
                out.append(i)
                break
    return out
