"""Select: pick the day's key points and the key sentences of each theme, across all articles.

Steps, each a function below:
1. merge near-duplicate sentences across the pile (one stands, the others' articles become
   `also_in`), and give every sentence a tf-idf vector (`vectors.Vectors`);
2. Key points, a generic summary of the day: sentences typical of the whole pile (cosine to
   its centroid), told by several articles (corroboration) and early in their article
   (lead prior), picked greedily under a word budget with redundancy control (MMR);
3. relevance of every sentence to every theme: keyword matches (a keyword that only names a
   speaker, "a NATO official said", counts little), how much the rest of the sentence
   resembles today's other on-theme sentences (terms that co-occur with the keywords),
   whether its article is about the theme at all; each sentence goes to the one theme it
   fits best if it clears the threshold (a threshold, not a quota);
4. rank each theme's pool: relevance plus content density, times the lead prior, times
   corroboration, times how well the sentence stands alone; pick greedily (MMR) up to the
   theme's budget. A sentence that leans on the previous one ("He added …") is joined to
   it or passed over; a bare quote takes its attribution ("Ushakov added.") along.

The weights are the measured ones: `brief eval aspects` and `brief eval mds` (README,
"Evaluation") print the figures they were chosen on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..memory import release
from ..model import Article, Pick, Section, Sentence, Theme, TopicScope
from ..timing import Stopwatch, stage
from .analysis import Analysed, Analyser, ArticleAnalysis, Keywords, make_units
from .duplicates import mark_reported, merge_near_duplicates
from .keypoints import key_point_candidates, key_points
from .options import SelectOptions
from .picking import neighbours, pick
from .pile import Pile
from .relevance import Relevance, ThemeScorer
from .standalone import standalone_factor
from .sections import rank_sentences, theme_candidates, theme_pools
from .terms import Terms, Vocabulary
from .units import TextView, Unit

__all__ = [
    "Analysed", "Analyser", "ArticleAnalysis", "Keywords", "Pile", "Relevance", "SelectOptions", "Selection", "Terms",
    "TextView", "ThemeScorer", "Unit", "Vocabulary", "key_point_candidates", "key_points", "make_units",
    "mark_reported", "merge_near_duplicates", "rank_sentences", "select", "standalone_factor", "theme_candidates",
]


@dataclass(frozen=True)
class Selection:
    key_points: tuple[Pick, ...]
    sections: tuple[Section, ...]
    merged: int  # near-duplicate sentences merged away
    repeated: int = 0  # sentences left out as already reported


def select(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    themes: Sequence[Theme],
    opts: SelectOptions = SelectOptions(),
    reported: Sequence[frozenset[str]] = (),
    timings: Stopwatch | None = None,
    analysed: Analysed | None = None,
    topic: TopicScope | None = None,
) -> Selection:
    """Key points, then one section per theme in theme order; no sentence appears twice.
    `reported`: content stems of sentences earlier briefings showed (see `mark_reported`).
    `analysed`: the articles' analyses, if worked out ahead (the pipeline's workers).
    `timings` gets "themes" (relevance to each theme) and "select" (everything else).
    `topic`: the briefing's scope, which a sentence naming it can use as evidence that its
    keyword has the theme's sense (`ThemeScorer.evidence`)."""
    if not articles:  # nothing in scope today: every section says so
        return Selection((), tuple(Section(theme, 0, ()) for theme in themes), 0)
    with stage(timings, "select"):
        analyser = Analyser(tuple(themes), opts, topic)
        analyses = analyser.pile(articles, sentences, analysed)
        pile = Pile.of(articles, sentences, opts, reported, analyses)
        units, vectors = pile.units, pile.vectors
        near = neighbours(sentences)

        points: list[Pick] = []
        if opts.key_points > 0:
            cands = key_point_candidates(units, pile.rows, vectors, pile.group, opts)
            points = pick(cands, vectors, sentences, opts, opts.key_points, opts.key_points_words,
                           opts.key_length_exponent, near)
            release()  # corroboration's pile-sized products, so the next step starts from less
    with stage(timings, "themes"):
        scorers = analyser.scorers  # this selection's own: learning today's pile changes them
        names_scope = None
        if topic is not None:
            def names_scope(unit: Unit) -> bool:
                return analyser.names_scope(lambda: unit.view, unit.stems)
        pools = theme_pools(scorers, analyses, opts, pile, points, names_scope)
    with stage(timings, "select"):
        sections = []
        for scorer in scorers:
            theme = scorer.theme
            cands = theme_candidates(pools[theme.id], vectors, theme, opts, pile.group, scorer.related_if_any,
                                     scorer.share)
            picks = pick(cands, vectors, sentences, opts, theme.sentences or opts.sentences, near=near)
            release()
            sections.append(Section(theme, len(pools[theme.id]), tuple(picks)))
    return Selection(tuple(points), tuple(sections), pile.merged, pile.repeated)
