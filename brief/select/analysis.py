"""Per-article analysis: each sentence's stems, content words and keyword score per theme,
and the article's lead score. None of it depends on the rest of the pile, so the pipeline
works it out in its worker processes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from .. import nlp
from ..model import Article, Sentence, Theme
from .options import SelectOptions
from .relevance import ThemeScorer
from .units import NO_KEYWORDS, KeywordScore, TextView, Unit, content_terms


SentenceAnalysis = tuple[tuple[str, ...], tuple[str, ...], "tuple[KeywordScore, ...] | None"]


@dataclass(frozen=True)
class ArticleAnalysis:
    """What the selector knows of one article without looking at the rest of the pile."""

    sentences: tuple[SentenceAnalysis | None, ...]  # per sentence: stems, terms, keywords; None: fragment
    lead: tuple[float, ...]  # keyword score of the title and first block, per theme: is the article about it


@dataclass(frozen=True)
class Analyser:
    """Works out `ArticleAnalysis`: stems, content words and each theme's keyword score of
    every sentence. None of it depends on the rest of the pile, so the pipeline runs it
    per article in its worker processes; `select` checks that the analyser it is handed
    results from had its own themes and options, and analyses anything missing itself."""

    themes: tuple[Theme, ...]
    opts: SelectOptions

    @cached_property
    def scorers(self) -> list[ThemeScorer]:
        return [ThemeScorer(theme, self.opts, k) for k, theme in enumerate(self.themes)]

    def keywords(self, text: str, stems: Sequence[str]) -> tuple[KeywordScore, ...] | None:
        """Each theme's `keyword_score`; None when no theme has a keyword here (the usual case)."""
        found: list[KeywordScore] = []
        view = None
        for scorer in self.scorers:
            if not scorer.matcher.may_match(stems):
                found.append(NO_KEYWORDS)
                continue
            view = view or TextView.of(text, stems)
            found.append(scorer.keyword_score(view))
        return tuple(found) if any(score > 0 for score, _ in found) else None

    def sentence(self, text: str) -> SentenceAnalysis:
        stems, content = nlp.analyse(text)
        return stems, content_terms(stems, content), self.keywords(text, stems)

    def lead(self, article: Article) -> tuple[float, ...]:
        """Keyword score of the title and first block, per theme (`ArticleAnalysis.lead`)."""
        lead_text = " ".join([article.title or ""] + [b.text for b in article.blocks[:1]])
        found = self.keywords(lead_text, nlp.analyse(lead_text)[0])
        return tuple(score for score, _ in found) if found else (0.0,) * len(self.themes)

    def article(self, article: Article, sentences: Sequence[Sentence]) -> ArticleAnalysis:
        return ArticleAnalysis(
            tuple(self.sentence(s.text) if s.kind == "sentence" else None for s in sentences), self.lead(article)
        )

    def pile(
        self,
        articles: Sequence[Article],
        sentences: Mapping[str, Sequence[Sentence]],
        analysed: Analysed | None = None,
    ) -> dict[str, ArticleAnalysis]:
        """Every article's analysis: taken from `analysed` when it came from an equal
        analyser, worked out here otherwise."""
        known = analysed.articles if analysed is not None and analysed.analyser == self else {}
        return {a.id: known.get(a.id) or self.article(a, sentences.get(a.id, ())) for a in articles}


@dataclass(frozen=True)
class Analysed:
    """Analyses worked out ahead (by the pipeline's workers), with the analyser that made them."""

    analyser: Analyser
    articles: Mapping[str, ArticleAnalysis]


def make_units(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    analyses: Mapping[str, ArticleAnalysis],
) -> list[Unit]:
    """Whole sentences of every article, in pile order; fragments are never candidates."""
    units = []
    for article in articles:
        done = analyses[article.id].sentences
        for s, analysis in zip(sentences.get(article.id, ()), done):
            if analysis is not None:
                stems, terms, keywords = analysis
                units.append(Unit(s, stems, frozenset(terms), terms, keywords))  # the terms are the content
    return units
