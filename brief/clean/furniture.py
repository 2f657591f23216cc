"""Furniture: what a site prints around the news — bylines, credits, footers, navigation
words, promotions — by rule, and lines an outlet repeats under many stories, learned."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from ..model import Article
from .paragraphs import END, norm

_BOILERPLATE = [
    re.compile(p, re.I)
    for p in (
        r"^(additional )?(reporting|writing|editing|research|compiled) by\b",
        r"\bcontributed (reporting )?to this (report|story|article)\.?$",
        r"^by [\w.'’-]+(?: [\w.'’-]+){0,4}$",
        r"^(read|see) (more|also)\b",
        r"^(share|tweet|email|print|subscribe|advertisement|related|comments?|news|menu|home)( this)?( article| story)?$",
        r"^(sign up|subscribe)( now)? (for|to)\b",
        r"^follow (us|\w+) on\b",
        r"^(click|tap) here\b",
        r"^(copyright|©|\(c\))\s",
        r"\ball rights reserved\.?$",
        r"^this (article|story) (was|has been) (updated|corrected)\b",
    )
]
_APPEARED_FIRST = re.compile(r"^the post .+ appeared first on (?P<outlet>.+?)\.?$", re.I | re.S)
_WORD = re.compile(r"[^\W\d_]{2,}")


def boilerplate_outlet(line: str) -> str | None:
    """The outlet named by a "The post … appeared first on X." footer, if the line is one."""
    m = _APPEARED_FIRST.match(line.strip())
    return m.group("outlet").strip() if m else None


# A site speaking to its reader about the site: subscriptions, newsletters, apps, comments,
# letters to the editor ("Never miss the latest news by signing up to our newsletter
# today!", "To view the full story, please subscribe …", "We want to hear what you think
# about this article."). A word like "subscribers" alone is news ("Netflix added 5 million
# subscribers"); it counts as a promotion only with the reader addressed or told to act.
_SITE_WORDS = re.compile(
    r"\b(?:sign(?:ing)? up|subscrib\w*|unsubscrib\w*|newsletters?|log ?in|sign in|letters? to the editor|"
    r"push notifications|inbox|this (?:article|story|page)|the full story|our (?:standards|apps?|journalism|"
    r"website|site|podcasts?|newsletters?)|apps? for (?:iOS|Android)|comments? (?:section|below)|"
    r"support (?:our|independent) journalism|become a (?:member|subscriber)|trust principles)\b",
    re.I,
)
_TO_READER = re.compile(
    r"\b(?:you|your|you['’](?:re|ll|ve))\b|\bplease\b|^(?:Sign|Subscribe|Download|Follow|Click|Tap|Submit|Join|Get|"
    r"Never miss|Don['’]t miss|Read|Watch|Listen|Support|Become|Register|Log|Share|Send|Email|Tell|Our)\b",
    re.I,
)
# Cookie and consent notices ("We use cookies to improve your experience.").
_CONSENT = re.compile(r"\bcookies?\b.{0,80}\b(?:experience|consent|accept|agree|settings|preferences|privacy)\b"
                      r"|\b(?:accept|manage|reject)(?: all)? cookies\b", re.I)
_APP_PROMO = re.compile(r"\b(?:download|get|install) (?:the|our) [\w' ]{0,30}\bapps?\b", re.I)
PROMOTION_MAX_WORDS = 60


def is_promotion(paragraph: str) -> bool:
    """A short paragraph where the site promotes itself to the reader (see `_SITE_WORDS`)."""
    if len(paragraph.split()) > PROMOTION_MAX_WORDS:
        return False
    if _APP_PROMO.search(paragraph) or _CONSENT.search(paragraph):
        return True
    return bool(_SITE_WORDS.search(paragraph) and _TO_READER.search(paragraph))


def is_boilerplate(line: str) -> bool:
    """Site furniture and credits: bylines, footers, navigation words, lines with no prose."""
    text = line.strip()
    if boilerplate_outlet(text):
        return True
    words = _WORD.findall(text)
    if not words:
        return True
    if len(words) < 4 and not END.search(text):
        return True
    return any(p.search(text) for p in _BOILERPLATE) or is_promotion(text)


def outlet_key(article: Article) -> str | None:
    """Who published an article, for grouping: its outlet name, else its URL's host."""
    if article.source:
        return norm(article.source)
    if article.url:
        from urllib.parse import urlsplit

        host = (urlsplit(article.url).hostname or "").lower().removeprefix("www.")
        return host or None
    return None


def _line_digest(text: str) -> bytes:
    return hashlib.blake2b(norm(text).encode(), digest_size=16).digest()


def learn_boilerplate(articles: list[Article], min_articles: int = 3) -> tuple[list[Article], int]:
    """Drop paragraphs an outlet repeats across `min_articles` or more different articles.

    Footers, promos ("Your guide to what … means for you") and stock background lines
    change from site to site, so no rule list can name them all; a line the same outlet
    prints word for word under several different stories is furniture, not news. Only
    lines repeated within one outlet count — a statement quoted verbatim by several
    outlets is news. Run after `dedupe`, so copies of one story do not count as several.
    """
    # A line is known by a digest of its normalised text: one normalisation per block, and
    # no second copy of the pile's text held as dictionary keys.
    keys: list[list[tuple[str, bytes]] | None] = []
    seen: dict[tuple[str, bytes], set[str]] = {}
    for article in articles:
        outlet = outlet_key(article)
        if outlet is None:
            keys.append(None)
            continue
        mine = [(outlet, _line_digest(block.text)) for block in article.blocks]
        keys.append(mine)
        for key in mine:
            seen.setdefault(key, set()).add(article.id)
    furniture = {key for key, ids in seen.items() if len(ids) >= min_articles}
    if not furniture:
        return list(articles), 0
    out: list[Article] = []
    dropped = 0
    for article, mine in zip(articles, keys):
        if mine is None:
            out.append(article)
            continue
        blocks = tuple(b for b, key in zip(article.blocks, mine) if key not in furniture)
        removed = len(article.blocks) - len(blocks)
        if removed:
            dropped += removed
            stats = replace(article.stats, learned_boilerplate=article.stats.learned_boilerplate + removed)
            article = replace(article, blocks=blocks, stats=stats)
        out.append(article)
    return out, dropped
