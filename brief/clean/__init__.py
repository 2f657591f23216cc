"""Clean: from raw article text to ordered prose paragraphs and headings.

Real scraped text arrives with hard-wrapped lines, copy-paste duplicates, bylines, site
footers, promotions, datelines, photo credits and stray navigation words. This stage
rebuilds paragraphs (`paragraphs`), drops what is not news (`furniture`), cuts off what a
page glues onto a paragraph and leaves out captions (`scrub`), and keeps headings apart
so that they give context but are never picked.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Article, Block, CleanStats, RawArticle
from .furniture import boilerplate_outlet, is_boilerplate, is_promotion, learn_boilerplate, outlet_key
from .paragraphs import END, norm, paragraphs
from .scrub import is_caption, scrub, strip_dateline

__all__ = [
    "boilerplate_outlet", "clean", "clean_all", "is_boilerplate", "is_caption", "is_heading", "is_promotion",
    "learn_boilerplate", "outlet_key", "paragraphs", "scrub", "strip_dateline",
]


def is_heading(line: str) -> bool:
    """A short line with no closing punctuation reads as a heading, not a sentence."""
    return not END.search(line.strip()) and len(line.split()) <= 20


def clean(raw: RawArticle) -> Article:
    """Drop duplicates, furniture and captions; scrub datelines, labels and credits off the
    rest; classify what remains as prose or heading."""
    seen: set[str] = set()
    if raw.title:
        seen.add(norm(raw.title))
    blocks: list[Block] = []
    duplicates = boilerplate = 0
    source = raw.source
    for para in paragraphs(raw.text):
        key = norm(para)
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
        if is_heading(para):
            blocks.append(Block(para, "heading"))
            continue
        text = scrub(para)
        if text is None:  # a caption
            boilerplate += 1
            continue
        blocks.append(Block(text, "heading" if is_heading(text) else "prose"))
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
