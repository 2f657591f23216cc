"""Plain text and Markdown files: front matter read, Markdown syntax off, a headline-like
first line as the title."""

from __future__ import annotations

import re

from ..errors import InputError
from ..model import RawArticle
from .base import CLOSING, FIELDS, Pending, ReadContext, Source
from .decode import decode

def is_headline(line: str) -> bool:
    """A first line that reads as a headline: short and without closing punctuation."""
    line = line.strip()
    return bool(line) and len(line.split()) <= 30 and not line.endswith(CLOSING)


_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_MD_QUOTE = re.compile(r"^\s*>\s?")


def strip_markdown(text: str) -> str:
    """Markdown syntax off, words kept: links keep their text, headings their words."""
    out = []
    for line in text.split("\n"):
        line = _MD_QUOTE.sub("", line)
        line = _MD_HEADING.sub("", line)
        line = _MD_BULLET.sub("", line)
        line = _MD_IMAGE.sub(r"\1", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_EMPHASIS.sub(r"\2", line)
        out.append(line)
    return "\n".join(out)


def read_text(src: Source, article_id: str, ctx: ReadContext) -> list[RawArticle | Pending]:
    """Plain text or Markdown: a headline-like first line becomes the title."""
    text = decode(src.data, src.name, ctx.warnings)
    meta, text = front_matter(text, src.name, ctx.warnings)
    if src.kind == "markdown":
        text = strip_markdown(text)
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    title = _meta(meta, "title")
    if title is None and first is not None and is_headline(lines[first]):
        title = " ".join(lines[first].split())
        lines = lines[first + 1 :]
    body = "\n".join(lines)
    if not body.strip():
        raise InputError(src.name, "no article text after the headline")
    published = _meta(meta, "published")
    return [
        RawArticle(
            id=article_id,
            text=body,
            title=title,
            source=_meta(meta, "source"),
            url=_meta(meta, "url") or src.url,
            published=published,
            path=src.name,
            date_source="front matter" if published else None,
        )
    ]


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def front_matter(text: str, name: str, warnings: list[str]) -> tuple[dict[str, object], str]:
    """YAML front matter (between '---' lines at the top, as static-site and note tools
    write it) as a dict, and the text without it. Unreadable front matter is dropped
    with a warning: it is metadata, never article text."""
    m = _FRONT_MATTER.match(text)
    if not m or len(m.group(1)) > 20_000:
        return {}, text
    import yaml

    try:
        data = yaml.safe_load(m.group(1))
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:  # 2026-02-30 is a ValueError
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        warnings.append(f"{name}: unreadable front matter{where}; its fields were ignored")
        return {}, text[m.end() :]
    if not isinstance(data, dict):
        return {}, text
    return {str(k).lower(): v for k, v in data.items()}, text[m.end() :]


def _meta(meta: dict[str, object], key: str) -> str | None:
    for alias in FIELDS[key]:
        value = meta.get(alias.lower())
        if hasattr(value, "isoformat"):
            return value.isoformat()  # YAML reads dates as date/datetime objects
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return None
