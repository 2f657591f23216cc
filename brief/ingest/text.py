"""Plain text and Markdown files: front matter read, Markdown syntax off; the title is the
front matter's, else a headline-like line near the top, else the lead cut to a headline."""

from __future__ import annotations

import re

from ..errors import InputError
from ..model import RawArticle
from . import naming
from .base import CLOSING, FIELDS, Pending, ReadContext, Source
from .decode import decode

def is_headline(line: str) -> bool:
    """A first line that reads as a headline: short and without closing punctuation."""
    line = line.strip()
    return bool(line) and len(line.split()) <= 30 and not line.endswith(CLOSING)


def headline_line(lines: list[str]) -> tuple[str | None, list[str]]:
    """The headline of a text whose front matter gives none, and the lines after it: the
    first line that reads as one, looking past a breadcrumb, byline or date line above it
    (those go with it). A line that runs on into the next one starts a paragraph."""
    looked = 0
    for i, line in enumerate(lines):
        text = " ".join(line[: naming.LEAD_CHARS].split())
        if not text:
            continue
        looked += 1
        if looked > 4:
            break
        if naming.is_breadcrumb(text) or naming.is_byline(text) or naming.is_dateline(text):
            continue
        following = next((" ".join(x[: naming.LEAD_CHARS].split()) for x in lines[i + 1 : i + 2]), "")
        if _reads_as_headline(text, following) and naming.usable_title(text):
            return text, lines[i + 1 :]
        break
    return None, lines


def _reads_as_headline(line: str, following: str) -> bool:
    """A headline: no closing punctuation, or a question, exclamation or quotation standing
    on its own line; not the first line of a hard-wrapped paragraph."""
    last_word = line.split()[-1].casefold()
    if following and (following[:1].islower() or last_word in ("a", "an", "the", "of", "to", "and", "in", "on")):
        return False
    if is_headline(line):
        return True
    return not following and len(line.split()) <= 20 and bool(re.search(r"[?!]$|[^.,;:][”’\"'»)\]]$", line))


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


# Markup pasted into a text or Markdown file ("<p><em>By …</em></p>"): read as HTML, as a
# JSON record's `text` is, so no tag is ever shown as words.
HTML_MARKUP = re.compile(r"</?(?:p|div|br|span|a|em|strong|b|i|h[1-6]|li|ul|ol|blockquote|figure|img)\b[^>]*>", re.I)
# "date 2026-01-29", "Published 29 January 2026", "Posted: 10.06.2013": a line near the top
# that only says when the article was published.
_DATE_LINE = re.compile(r"^(?:(?:date|dated|published|posted|updated|last updated)\b\s*(?:on\s+)?[:\-–—]?\s*)?(?P<date>.+)$",
                        re.I)


# "Montag, 3. März 2025", "29 January 2026": a day, a month word and a year, nothing else
_WRITTEN_DAY = re.compile(r"(?:[^\W\d]+\.?,?\s+)?\d{1,2}\.?\s+[^\W\d]+\.?,?\s+\d{4}|[^\W\d]+\.?\s+\d{1,2},?\s+\d{4}")


def _dated(line: str, date: str) -> bool:
    """Worth asking the date parser (whose first call costs a second): the line has a date
    label, or has the shape of a date alone."""
    return date != line or naming.is_dateline(line) or bool(_WRITTEN_DAY.fullmatch(line))


def date_line(lines: list[str], looked: int = 4) -> tuple[str | None, list[str]]:
    """The publication date a text gives on its own line among its first `looked` lines,
    and the lines without it; (None, lines) when there is none. Only a line that is a full
    date (day, month and year, in any language dateparser reads) counts."""
    from datetime import timezone

    from ..dates import parse_published

    seen = 0
    for i, line in enumerate(lines):
        text = " ".join(line[:200].split())
        if not text:
            continue
        seen += 1
        if seen > looked:
            break
        m = _DATE_LINE.match(text)
        if (m and len(text) <= 60 and re.search(r"\d", text) and _dated(text, m.group("date"))
                and parse_published(m.group("date"), timezone.utc)):
            return m.group("date"), lines[:i] + lines[i + 1 :]
    return None, lines


def read_text(src: Source, article_id: str, ctx: ReadContext) -> list[RawArticle | Pending]:
    """Plain text or Markdown: front matter read, pasted HTML turned into paragraphs, a
    date line near the top read as the date, a headline-like line as the title."""
    text = decode(src.data, src.name, ctx.warnings)
    meta, text = front_matter(text, src.name, ctx.warnings)
    if HTML_MARKUP.search(text):
        from .webpage import fragment_text

        text = fragment_text(text)
    if src.kind == "markdown":
        text = strip_markdown(text)
    lines = text.split("\n")
    dated, lines = date_line(lines)
    url = _meta(meta, "url") or src.url
    outlet = naming.user_outlet(_meta(meta, "source"), naming.host_of(url))
    title = naming.choose_title([_meta(meta, "title")], outlets=[outlet] if outlet else [])
    if title is None:
        title, lines = headline_line(lines)
    body = "\n".join(lines)
    if not body.strip():
        raise InputError(src.name, "no article text after the headline")
    published = _meta(meta, "published") or dated
    return [
        RawArticle(
            id=article_id,
            text=body,
            title=title or naming.headline_from_text(body),
            source=outlet,
            url=url,
            published=published,
            path=src.name,
            date_source=("front matter" if _meta(meta, "published") else "date line") if published else None,
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
