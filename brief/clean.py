"""Clean: from raw article text to ordered prose paragraphs and headings.

Real scraped text arrives with hard-wrapped lines, copy-paste duplicates, bylines,
site footers and stray navigation words. This stage rebuilds paragraphs, drops what is
not prose, and keeps headings apart so that they give context but are never picked.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import replace

from .model import Article, Block, CleanStats, RawArticle

_END = re.compile(r"[.!?…](?:[\"'”’»)\]]+)?$")
_CONTINUES = re.compile(r"[,;:—–\-(“‘«\"]$")
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
# "KYIV - ", "GENEVA, Nov. 18 - ", "KRAMATORSK, Ukraine, Nov. 19 — ": place (and date) in capitals.
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]{2,}[A-Z.](?:,\s+[A-Z][\w.’' ]{1,30}?){0,2}(?:\s*\([^)]{1,30}\))?\s+[-—–]\s+(?=[A-Z“\"])"
)


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


_FUNCTION_WORDS = frozenset(
    """a an the of in on at to for from by with and or but nor as than that which who whose
    whom is are was were be been has have had its their his her our your this these those""".split()
)


def _ends_mid_phrase(text: str) -> bool:
    """A line ending on "the", "of", "and"… stops mid-phrase: the next line continues it."""
    last = text.rsplit(None, 1)[-1].lower() if text.split() else ""
    return last in _FUNCTION_WORDS


def _unclosed_quote(text: str) -> bool:
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


_DOTTED_END = re.compile(r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sen|Rep|Gov|St|No|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.)$")


def _hard_wrapped(lines: list[str]) -> int:
    """The wrap width if these lines were hard-wrapped (e-mail, wire copy, text exports), else 0.

    Wrapped text has lines of nearly the same length, well under a paragraph's, that often
    stop mid-sentence; one paragraph per line (the usual case) has long, ragged lines.
    """
    if len(lines) < 2:
        return 0
    width = max(len(line) for line in lines)
    if not 50 <= width <= 100:
        return 0
    body = lines[:-1]
    full = [line for line in body if len(line) >= 0.7 * width]
    open_ended = [line for line in full if not _END.search(line)]
    return width if len(full) >= 0.6 * len(body) and open_ended else 0


def _join_lines(lines: list[str]) -> list[str]:
    """Rebuild paragraphs from lines: a line that stops mid-sentence continues on the next.

    In hard-wrapped text a full-width line always continues on the next one (whatever the
    next starts with: "the Ukrainian / Foreign Minister"); a short line ends a paragraph.
    """
    lines = [" ".join(line.split()) for line in lines]
    lines = [line for line in lines if line]
    width = _hard_wrapped(lines)
    out: list[str] = []
    for line in lines:
        if out:
            prev = out[-1]
            last_line_len = len(prev) - len(prev.rsplit("\n", 1)[0]) if "\n" in prev else len(prev)
            starts_lower = line[0].islower() or line[0] in "”’»),;:—–"
            # the classic reflow test: the next word would not have fitted on this line
            wrapped_on = width and last_line_len >= 0.7 * width and last_line_len + len(line.split()[0]) > width - 3
            if wrapped_on or (starts_lower and _DOTTED_END.search(prev)):
                out[-1] = f"{prev}\n{line}"
                continue
            if not _END.search(prev) and (
                starts_lower or _CONTINUES.search(prev) or _unclosed_quote(prev) or _ends_mid_phrase(prev)
            ):
                out[-1] = f"{prev}\n{line}"
                continue
        out.append(line)
    return [" ".join(p.split()) for p in out]


def paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; within one, hard-wrapped lines are rejoined."""
    out: list[str] = []
    for chunk in re.split(r"\n\s*\n", text):
        out.extend(_join_lines(chunk.split("\n")))
    return out


def boilerplate_outlet(line: str) -> str | None:
    """The outlet named by a "The post … appeared first on X." footer, if the line is one."""
    m = _APPEARED_FIRST.match(line.strip())
    return m.group("outlet").strip() if m else None


def is_boilerplate(line: str) -> bool:
    """Site furniture and credits: bylines, footers, navigation words, lines with no prose."""
    text = line.strip()
    if boilerplate_outlet(text):
        return True
    words = _WORD.findall(text)
    if not words:
        return True
    if len(words) < 4 and not _END.search(text):
        return True
    return any(p.search(text) for p in _BOILERPLATE)


def is_heading(line: str) -> bool:
    """A short line with no closing punctuation reads as a heading, not a sentence."""
    return not _END.search(line.strip()) and len(line.split()) <= 20


def strip_dateline(paragraph: str) -> str:
    """Drop a wire-style dateline from the start of a paragraph; it is not part of the news."""
    return _DATELINE.sub("", paragraph, count=1)


def clean(raw: RawArticle) -> Article:
    """Drop duplicates and boilerplate; classify what remains as prose or heading."""
    seen: set[str] = set()
    if raw.title:
        seen.add(_norm(raw.title))
    blocks: list[Block] = []
    duplicates = boilerplate = 0
    source = raw.source
    for para in paragraphs(raw.text):
        key = _norm(para)
        if key in seen:
            duplicates += 1
            continue
        outlet = boilerplate_outlet(para)
        if outlet:
            source = source or outlet
        if is_boilerplate(para):
            boilerplate += 1
            continue
        seen.add(key)
        kind = "heading" if is_heading(para) else "prose"
        blocks.append(Block(strip_dateline(para) if kind == "prose" else para, kind))
    return Article(
        id=raw.id,
        blocks=tuple(blocks),
        title=raw.title,
        source=source,
        url=raw.url,
        published=raw.published,
        path=raw.path,
        stats=CleanStats(duplicate_paragraphs=duplicates, boilerplate_lines=boilerplate),
        date_source=raw.date_source,
    )


def clean_all(raws: Iterable[RawArticle]) -> list[Article]:
    return [clean(raw) for raw in raws]


def outlet_key(article: Article) -> str | None:
    """Who published an article, for grouping: its outlet name, else its URL's host."""
    if article.source:
        return _norm(article.source)
    if article.url:
        from urllib.parse import urlsplit

        host = (urlsplit(article.url).hostname or "").lower().removeprefix("www.")
        return host or None
    return None


def _line_digest(text: str) -> bytes:
    return hashlib.blake2b(_norm(text).encode(), digest_size=16).digest()


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
