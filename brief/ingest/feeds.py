"""Feeds: RSS and Atom entries via feedparser, always parsed from bytes.

feedparser will happily open a path or fetch a URL if handed a string; `brief` never
lets it: the bytes are read (or fetched with limits) first and passed as a stream. An
HTML page where a feed was expected (a 404 or login page) and XML that is not a feed are
reported as such; a truncated feed keeps the entries read before the break, with a
warning.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

from ..errors import InputError
from ..fetch import is_http_url
from ..model import RawArticle
from . import naming
from .base import FULL_TEXT_WORDS, Pending, ReadContext, Source, host
from .webpage import fragment_text, looks_like_html


@dataclass(frozen=True)
class Entry:
    """One feed item: its full content if the feed carries it, and its summary."""

    title: str | None
    link: str | None
    published: str | None
    content: str
    summary: str
    outlet: str | None


@dataclass(frozen=True)
class Feed:
    title: str | None
    link: str | None
    entries: tuple[Entry, ...]
    problem: str | None = None


def looks_like_feed(data: bytes) -> bool:
    """True when the first kilobytes hold an <rss>, <feed> or <rdf:RDF> root."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf").lower()
    return any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf"))


def parse_feed(data: bytes, name: str, base_url: str | None = None) -> Feed:
    """Entries of an RSS/Atom document; `InputError` if it is not a usable feed.

    Relative links resolve against the feed's xml:base, else `base_url` (the URL it was
    fetched from), which feedparser takes as the Content-Location of a response it did
    not fetch itself."""
    import feedparser

    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(name, "binary file, not a feed")
    if not data.strip():
        raise InputError(name, "empty file")
    try:
        # (a content type too: headers without one make feedparser call the feed malformed
        # and guess Latin-1; application/xml keeps its reading of the bytes as without headers)
        headers = {"content-location": base_url, "content-type": "application/xml"} if base_url else None
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers, resolve_relative_uris=False,
                                  sanitize_html=True)
    except Exception as exc:  # noqa: BLE001 - third-party parser on hostile input
        raise InputError(name, f"malformed feed ({type(exc).__name__})") from None
    if not parsed.get("version") and not parsed.entries:
        if looks_like_html(data):
            title = _title_of_html(data)
            raise InputError(name, f"is an HTML page, not an RSS/Atom feed{f' ({title!r})' if title else ''}")
        if parsed.get("bozo"):
            reason = _reason(parsed.get("bozo_exception"))
            raise InputError(name, f"malformed XML, not a readable feed ({reason})")
        raise InputError(name, "not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> root)")
    info = parsed.feed
    outlet = _text(info.get("title"))
    entries = []
    for item in parsed.entries:
        source = item.get("source") or {}
        entries.append(
            Entry(
                title=_text(item.get("title")),
                link=_text(item.get("link")),
                published=_published(item),
                content=_content(item),
                summary=fragment_text(item.get("summary") or ""),
                outlet=_text(source.get("title")) if isinstance(source, dict) else None,
            )
        )
    problem = None
    if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
        exc = parsed["bozo_exception"]
        if type(exc).__name__ not in ("CharacterEncodingOverride",):
            problem = f"malformed feed XML ({_reason(exc)})"
    return Feed(title=outlet, link=_text(info.get("link")), entries=tuple(entries), problem=problem)


def _content(item) -> str:  # noqa: ANN001 - feedparser dict
    """The longest html/text content block of an entry, as plain text ('' if none)."""
    best = ""
    for block in item.get("content") or []:
        kind = (block.get("type") or "text/html").lower()
        if "html" in kind or "text" in kind:
            text = fragment_text(block.get("value") or "")
            if len(text) > len(best):
                best = text
    return best


def _published(item) -> str | None:  # noqa: ANN001
    """The entry's own date with its UTC offset when given, else feedparser's UTC reading;
    an unreadable date is passed on as given, so the pipeline can warn about it."""
    unreadable = None
    for key in ("published", "updated", "created"):
        raw = dict.get(item, key)  # plain dict access: no feedparser fallback mapping (and its warning)
        if not isinstance(raw, str) or not raw.strip():
            continue
        for parse in (_iso, parsedate_to_datetime):
            try:
                value = parse(raw.strip())
            except (TypeError, ValueError, IndexError):
                continue
            if value is not None:
                return value.isoformat()
        parsed = dict.get(item, f"{key}_parsed")
        if parsed:
            return datetime(*parsed[:6], tzinfo=timezone.utc).isoformat()
        unreadable = unreadable or raw.strip()
    return unreadable


def _iso(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = fragment_text(value) if "<" in value or "&" in value else value
    return " ".join(text.split()) or None


def _reason(exc: object) -> str:
    text = str(exc or "parse error").strip()
    return text.split("\n", 1)[0][:120]


def _title_of_html(data: bytes) -> str | None:
    m = re.search(rb"<title[^>]*>(.*?)</title>", data[:65536], re.I | re.S)
    if not m:
        return None
    title = " ".join(m.group(1).decode("utf-8", "replace").split())
    return title[:80] or None


# What a feed appends to a teaser: "… Read more", "Continue reading »", "[…]", "The post …".
_MORE = re.compile(r"\s*(?:\[?(?:read|see) (?:more|the full (?:story|article))\]?|continue reading\b.*)\s*[»›→>]*\s*$",
                   re.I)
_CUT = re.compile(r"(?:…|\.\.\.|\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\))\s*$")
_SENTENCE_END = re.compile(r"[.!?][\"'”’»)\]]*(?=\s)")


def teaser_text(text: str) -> str:
    """A feed summary as article text: "Read more" and "[…]" off; a summary cut off mid-
    sentence ("… officials said the next round …") loses the cut sentence when a whole one
    comes before it (a cut one alone stays, and the stand-alone rules never pick it); a
    whole one-sentence summary without its full stop gets one, so it reads as a sentence
    and not as a heading."""
    text = text.strip()
    while True:
        trimmed = _MORE.sub("", text).rstrip()
        if trimmed == text:
            break
        text = trimmed
    if _CUT.search(text):
        ends = list(_SENTENCE_END.finditer(text))
        return text[: ends[-1].end()].strip() if ends else text
    if text and "\n" not in text and len(text.split()) >= 6 and text[-1].isalnum():
        return text + "."
    return text


def _absolute_link(link: str | None, site: str | None) -> str | None:
    """An entry's link as an absolute http(s) URL: as given (feedparser has applied xml:base
    and the fetched URL), else against the feed's own link; None when it cannot be one."""
    if not link:
        return None
    try:
        if not re.match(r"(?i)^[a-z][a-z0-9+.-]*:", link) and site and is_http_url(site):
            link = urljoin(site, link)
        return link if is_http_url(link) else None
    except ValueError:  # "http://[broken" and the like
        return None


def read_feed(src: Source, article_id: str, ctx: ReadContext) -> list[RawArticle | Pending]:
    """RSS/Atom: full content when the feed carries it, else the linked page (with
    --fetch), else the summary. Entries without any text are reported and skipped."""
    feed = parse_feed(src.data, src.name, src.url)
    entries = list(feed.entries)
    site = feed.link if feed.link and is_http_url(feed.link) else src.url
    outlet = naming.user_outlet(feed.title, naming.host_of(site)) if feed.title else None
    unlinked: list[str] = []
    if feed.problem and entries and not (entries[-1].content or entries[-1].summary).strip():
        entries.pop()  # the entry the file was cut in
    out: list[RawArticle | Pending] = []
    no_text = 0
    for n, entry in enumerate(entries, 1):
        # Many feeds put the whole article in <description>; whichever is longer is the text.
        text = entry.content if len(entry.content) >= len(entry.summary) else entry.summary
        full = len(text.split()) >= FULL_TEXT_WORDS
        if not full:
            text = teaser_text(text)
        link = _absolute_link(entry.link, site)
        if entry.link and link is None:
            unlinked.append(entry.link)
        raw = RawArticle(
            id=f"{article_id}-{n}",
            text=text,
            title=naming.choose_title([entry.title], outlets=[o for o in (outlet, feed.title) if o]),
            source=naming.user_outlet(entry.outlet, naming.host_of(link)) or outlet or host(site or link),
            url=link,
            published=entry.published,
            path=f"{src.name} entry {n}",
            date_source="feed" if entry.published else None,
        )
        if not full and ctx.options.fetch and link:
            out.append(Pending(raw=raw, link=link, feed_host=src.host))
        elif text.strip():
            out.append(raw)
        else:
            no_text += 1
    if unlinked:  # one line for the feed, not one per entry
        more = f" and {len(unlinked) - 1} more" if len(unlinked) > 1 else ""
        ctx.warnings.append(f"{src.name}: ignoring url {unlinked[0][:60]!r}{more} (only absolute http and https "
                            f"links are kept; the entr{'ies are' if more else 'y is'} kept without a link)")
    skipped = f"{no_text} entr{'y' if no_text == 1 else 'ies'} with no text" if no_text else ""
    hint = "" if ctx.options.fetch else " (--fetch would read the linked pages)"
    if not out:
        if feed.problem:
            raise InputError(src.name, f"{feed.problem}; no entry with text was read before the error")
        if not entries:
            raise InputError(src.name, "feed has no entries")
        raise InputError(src.name, f"no feed entry has any text ({skipped}){hint}")
    if feed.problem:
        also = f"; skipped {skipped}" if skipped else ""
        kept = f"{len(out)} entr{'y' if len(out) == 1 else 'ies'}"
        ctx.warnings.append(f"{src.name}: {feed.problem}; kept the {kept} read before the error{also}")
    elif skipped:
        ctx.warnings.append(f"{src.name}: skipped {skipped}{hint}")
    return out
