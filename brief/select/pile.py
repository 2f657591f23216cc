"""The pile as the selector sees it: every sentence's vector, and the near-duplicate-merged
units that can be picked."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..model import Article, Sentence
from ..vectors import Vectors, term_ids
from .analysis import Analyser, ArticleAnalysis, make_units
from .duplicates import mark_reported, merge_near_duplicates
from .options import SelectOptions
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
        every = make_units(articles, sentences, analyses)
        row_of = {id(u): i for i, u in enumerate(every)}
        ids = term_ids(u.terms for u in every)
        vectors = Vectors(ids=ids)
        fresh = mark_reported(every, reported, opts)  # before merging, so an update is not merged into a repeat
        units, merged = merge_near_duplicates(fresh, opts, ids, [row_of[id(u)] for u in fresh])
        group = [u.sentence.article_id for u in every]
        return cls(units, [row_of[id(u)] for u in units], vectors, group, merged, len(every) - len(fresh))
