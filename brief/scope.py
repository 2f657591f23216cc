"""Scope: which articles the briefing is about at all.

A real day's pile holds a few articles on the reader's topic among many on other beats.
A theme file's `[scope]` (`TopicScope`) names the topic; an article is briefed only when
enough of it names the topic — a passing mention is not enough — and the others are
read, counted and listed as left out ("out of scope"), never cited. Key points and every
theme section draw only on what is in scope.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .model import Article, LeftOut, TopicScope

HEADLINE_WEIGHT = 3  # a headline naming the topic counts as this many sentences
OUT_OF_SCOPE = "out of scope"


def in_scope(article: Article, counts: tuple[int, int, bool], scope: TopicScope) -> bool:
    """At least `scope.min_share` of the article's sentences (its headline counting as
    `HEADLINE_WEIGHT`) name the topic, in two sentences or more — unless the headline names
    it or the article has only one or two sentences (a feed summary)."""
    hits, whole, headline = counts
    total = whole + (HEADLINE_WEIGHT if article.title else 0)
    if not total:
        return False
    share = (hits + HEADLINE_WEIGHT * headline) / total
    return share >= scope.min_share and (hits >= 2 or headline or whole <= 2)


def split_by_scope(
    articles: Sequence[Article], counts: Mapping[str, tuple[int, int, bool]], scope: TopicScope | None
) -> tuple[list[Article], list[LeftOut]]:
    """The articles in scope, in order, and the others as `LeftOut` entries."""
    if scope is None:
        return list(articles), []
    kept, out = [], []
    for article in articles:
        if in_scope(article, counts[article.id], scope):
            kept.append(article)
        else:
            out.append(LeftOut(article.id, OUT_OF_SCOPE, article.title, article.source, article.url,
                               article.published, article.path))
    return kept, out
