"""Per-article analysis: each sentence's stems, content words and keyword score per theme,
and the article's lead score. None of it depends on the rest of the pile, so the pipeline
works it out in its worker processes."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property

from .. import nlp
from ..model import Article, Sentence, Theme, TopicScope
from ..themes import SCOPE, ThemeMatcher, matcher_for
from .options import SelectOptions
from .relevance import ThemeScorer
from .terms import Terms
from .units import NO_KEYWORDS, KeywordScore, TextView, Unit, content_terms


Keywords = tuple[KeywordScore, ...] | None  # each theme's keyword score of a sentence; None: no keyword at all


@dataclass(frozen=True)
class ArticleAnalysis:
    """What the selector knows of one article without looking at the rest of the pile.
    Fragments have no terms and no keyword scores: only whole sentences are counted."""

    terms: Terms  # content stems of each whole sentence, in order (`Unit.terms`), as ids
    keywords: tuple[Keywords, ...]  # per whole sentence: each theme's keyword score, or None
    lead: tuple[float, ...]  # keyword score of the title and first block, per theme: is the article about it
    named: tuple[bool, ...] = ()  # per sentence: it names the briefing's scope (always False without one)
    headline_named: bool = False  # the headline names the scope

    @property
    def scope(self) -> tuple[int, int, bool]:
        """Sentences naming the scope, whole sentences, and whether the headline names it."""
        return sum(self.named), len(self.keywords), self.headline_named


ABOUT_SHARE = 0.1  # of an article's sentences naming a theme, for the article to be about it


def is_about(analysis: ArticleAnalysis, k: int) -> bool:
    """Whether the article is about theme `k`: it names the theme at full weight in two
    sentences or more, with two of the theme's concepts or more, and its headline or first
    paragraph names it or a tenth of its sentences do. One word that recurs ("company" in a
    story about a chip maker, "carbon" in one about a gas leak) is not enough."""
    hits = whole = 0
    names: set[str] = set()
    for found in analysis.keywords:
        whole += 1
        if found is not None and found[k][0] >= 1.0:
            hits += 1
            names.update(found[k][1])
    return hits >= 2 and len(names) >= 2 and (analysis.lead[k] >= 1.0 or hits >= ABOUT_SHARE * whole)


def article_names(sentences: Sequence[Sequence[str]]) -> Callable[[], frozenset[str]]:
    """The lower-cased words an article writes capitalised inside a sentence and never in
    lower case ("heat" in a story about the Miami Heat): at the start of a sentence such a
    word is a name too. `sentences`: each sentence's `nlp.surface_words`. Worked out on
    first use, as few sentences need it."""

    @cache
    def names() -> frozenset[str]:
        capital: set[str] = set()
        lower: set[str] = set()
        for words in sentences:
            for k, word in enumerate(words):
                if word.islower():
                    lower.add(word)
                elif k and word[:1].isupper() and not word.isupper():
                    capital.add(word.lower())
        return frozenset(capital - lower)

    return names


@dataclass(frozen=True)
class Analyser:
    """Works out `ArticleAnalysis`: stems, content words and each theme's keyword score of
    every sentence, and how much of the article names the scope. None of it depends on the
    rest of the pile, so the pipeline runs it per article in its worker processes; `select`
    checks that the analyser it is handed results from had its own themes and options, and
    analyses anything missing itself."""

    themes: tuple[Theme, ...]
    opts: SelectOptions
    scope: TopicScope | None = None

    @cached_property
    def scorers(self) -> list[ThemeScorer]:
        return [ThemeScorer(theme, self.opts, k) for k, theme in enumerate(self.themes)]

    @cached_property
    def scope_matcher(self) -> ThemeMatcher | None:
        if self.scope is None:
            return None
        return matcher_for(Theme(id=SCOPE, title=self.scope.title, keywords=self.scope.keywords))

    def __getstate__(self) -> dict[str, object]:
        """Sent to the workers without the matchers worked out here (they rebuild them from
        the themes; keyword forms are cached per process)."""
        return {k: v for k, v in self.__dict__.items() if k not in ("scorers", "scope_matcher")}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)

    def keywords(self, view: Callable[[], TextView], stems: Sequence[str]) -> tuple[KeywordScore, ...] | None:
        """Each theme's `keyword_score`; None when no theme has a keyword here (the usual case).
        `view`: gives the text's view, built only if some theme may match."""
        found: list[KeywordScore] = []
        for scorer in self.scorers:
            if not scorer.matcher.may_match(stems):
                found.append(NO_KEYWORDS)
                continue
            found.append(scorer.keyword_score(view()))
        return tuple(found) if any(score > 0 for score, _ in found) else None

    def names_scope(self, view: Callable[[], TextView], stems: Sequence[str]) -> bool:
        matcher = self.scope_matcher
        if matcher is None or not matcher.may_match(stems):
            return False
        v = view()
        return bool(matcher.matches(v.words, v.names))

    def _sentence(self, text: str, surface: list[str],
                  names: Callable[[], frozenset[str]]) -> tuple[tuple[str, ...], Keywords, bool]:
        """The sentence's content stems, keyword scores and whether it names the scope, with
        one view of it; `surface`: its `nlp.surface_words`."""
        stems, content = nlp.analyse_words(surface)
        view = _lazy(lambda: TextView.of(text, stems, names=names, surface=surface))
        return content_terms(stems, content), self.keywords(view, stems), self.names_scope(view, stems)

    def _title(self, article: Article) -> tuple[TextView, tuple[str, ...]]:
        title = article.title or ""
        stems = nlp.analyse(title)[0]
        return TextView.of(title, stems, headline=True), stems

    def lead(self, article: Article, names: Callable[[], frozenset[str]] = frozenset) -> tuple[float, ...]:
        """Keyword score of the title (read as a headline) or the first block, whichever is
        higher, per theme (`ArticleAnalysis.lead`)."""
        title, title_stems = self._title(article)
        block = article.blocks[0].text if article.blocks else ""
        block_stems = nlp.analyse(block)[0]
        scores = [0.0] * len(self.themes)
        for found in (self.keywords(lambda: title, title_stems),
                      self.keywords(_lazy(lambda: TextView.of(block, block_stems, names=names)), block_stems)):
            for k, (score, _) in enumerate(found or ()):
                scores[k] = max(scores[k], score)
        return tuple(scores)

    def headline_names_scope(self, article: Article) -> bool:
        if self.scope_matcher is None:
            return False
        title, title_stems = self._title(article)
        return self.names_scope(lambda: title, title_stems)

    def article(self, article: Article, sentences: Sequence[Sentence]) -> ArticleAnalysis:
        surfaces = [nlp.surface_words(s.text) for s in sentences]  # tokenised once, for both uses
        names = article_names(surfaces)
        docs: list[tuple[str, ...]] = []
        found: list[Keywords] = []
        named: list[bool] = []
        for s, surface in zip(sentences, surfaces):
            if s.kind == "sentence":
                terms, keywords, scoped = self._sentence(s.text, surface, names)
                docs.append(terms)
                found.append(keywords)
            else:
                scoped = False
            named.append(scoped)
        return ArticleAnalysis(Terms.of(docs), tuple(found), self.lead(article, names), tuple(named),
                               self.headline_names_scope(article))

    def pile(
        self,
        articles: Sequence[Article],
        sentences: Mapping[str, Sequence[Sentence]],
        analysed: Analysed | None = None,
    ) -> dict[str, ArticleAnalysis]:
        """Every article's analysis: taken from `analysed` when it came from an analyser
        with the same themes and options (its scope does not matter here), worked out here
        otherwise."""
        same = analysed is not None and (analysed.analyser.themes, analysed.analyser.opts) == (self.themes, self.opts)
        known = analysed.articles if same else {}  # type: ignore[union-attr]
        return {a.id: known.get(a.id) or self.article(a, sentences.get(a.id, ())) for a in articles}


def _lazy(make: Callable[[], TextView]) -> Callable[[], TextView]:
    """`make`, called at most once."""
    return cache(make)


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
        analysis = analyses[article.id]
        whole = (s for s in sentences.get(article.id, ()) if s.kind == "sentence")
        terms = analysis.terms
        units.extend(Unit(s, terms, k, found) for k, (s, found) in enumerate(zip(whole, analysis.keywords)))
    return units
