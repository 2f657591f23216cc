"""Ingest: turn the inputs a user names (files, folders, URLs) into `RawArticle`s.

An input is read (or fetched, with limits) into bytes once, its kind is decided from
its suffix, its HTTP content type or its first bytes, and one reader per kind turns the
bytes into articles: plain text and Markdown, JSON/JSONL exports, HTML pages
(trafilatura) and RSS/Atom feeds (feedparser). A bad input raises `InputError` inside
its reader; `read_inputs` turns that into a one-line warning and goes on with the rest.
Feed entries without full text are fetched in one bounded batch at the end (`--fetch`).
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .errors import InputError
from .fetch import FetchOptions, Fetcher, is_http_url
from .model import RawArticle

if TYPE_CHECKING:
    from .parallel import Workers

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
SUFFIX_KINDS = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".rdf": "feed",
}
_CLOSING = tuple(".!?…:;\"'”’»)]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
# A feed entry's text (its content or its summary, whichever is longer) counts as the
# full article from this many words; shorter text is a teaser, and --fetch reads the page.
FULL_TEXT_WORDS = 120


@dataclass(frozen=True)
class IngestOptions:
    """How inputs are read: the size cap for files and downloads, and whether feed entries
    without full text have their linked page fetched."""

    max_bytes: int = DEFAULT_MAX_BYTES
    fetch: bool = False
    fetch_options: FetchOptions | None = None


@dataclass(frozen=True)
class Source:
    """One input read into memory: display name, bytes, kind, and the URL it came from."""

    name: str
    data: bytes
    kind: str
    stem: str
    url: str | None = None
    host: str | None = None


@dataclass
class _Pending:
    """A feed entry whose linked page is to be fetched; `raw` holds the summary fallback."""

    raw: RawArticle
    link: str
    feed_host: str | None


@dataclass
class ReadContext:
    """What readers share: options, warnings, and feed entries waiting for a fetch."""

    options: IngestOptions = field(default_factory=IngestOptions)
    warnings: list[str] = field(default_factory=list)

    @property
    def max_bytes(self) -> int:
        return self.options.max_bytes


Reader = Callable[[Source, str, ReadContext], "list[RawArticle | _Pending]"]


def decode(data: bytes, name: str, warnings: list[str] | None = None) -> str:
    """Bytes to text: UTF-8 (or UTF-16, with or without a BOM), then cp1252, then charset
    detection. A file cut short inside its last character loses that character, with a
    warning, instead of being misread as another encoding."""
    if not data.strip():
        raise InputError(name, "empty file")
    cut = False
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        if len(data) % 2:
            data, cut = data[:-1], True
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data[:8192]:
        text = _utf16_without_bom(data) or ""
        if not text:
            raise InputError(name, "binary file, not text")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            if exc.reason == "unexpected end of data" and exc.end == len(data) and len(data) - exc.start < 4:
                text, cut = data[: exc.start].decode("utf-8-sig", errors="replace"), True
            else:
                text = _western(data) or _detected(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _looks_binary(text):
        raise InputError(name, "binary file, not text")
    text = _CONTROL.sub("", unicodedata.normalize("NFC", text))
    if not text.strip():
        raise InputError(name, "empty file")
    if cut and warnings is not None:
        warnings.append(f"{name}: ends in the middle of a character (cut short?); the partial character was dropped")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark: NULs in every other byte give it away."""
    sample = data[:4096]
    pairs = max(1, len(sample) // 2)
    even = sum(1 for i in range(0, len(sample) - 1, 2) if sample[i] == 0)
    odd = sum(1 for i in range(1, len(sample), 2) if sample[i] == 0)
    if odd >= 0.3 * pairs and even <= 0.02 * pairs:
        encoding = "utf-16-le"
    elif even >= 0.3 * pairs and odd <= 0.02 * pairs:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data[: len(data) // 2 * 2].decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if _looks_binary(text) else text


_WESTERN_MARKS = set("“”‘’–—…€•«»°£\u00a0")


def _western(data: bytes) -> str | None:
    """Windows-1252/Latin-1 text, if the bytes read as plausible Western European text.

    Detectors guess badly on short texts ("Café" came back as Baltic cp775), and most
    non-UTF-8 news text is cp1252, so it is tried first and accepted only when every
    non-ASCII character is a Latin-1 letter or common typography and such letters are rare.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [c for c in text if c.isalpha()]
    accented = [c for c in letters if ord(c) > 127]
    odd = [c for c in text if ord(c) > 127 and c not in _WESTERN_MARKS and not ("\u00c0" <= c <= "\u00ff" and c.isalpha())]
    return text if not odd and len(accented) <= 0.2 * max(1, len(letters)) else None


def _detected(data: bytes, name: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(name, "unreadable text encoding (not UTF-8, and no other encoding fits)")
    log.info("%s: decoded as %s", name, best.encoding)
    return str(best)


_NOT_WORD = re.compile(r"[^\w ]")  # letters, digits, "_" and spaces are never control or symbol characters


def _looks_binary(text: str) -> bool:
    """Text whose characters are more than a tenth controls or symbols (not letters, digits,
    punctuation or spaces). Only the characters a regex finds outside letters, digits and
    spaces are looked up, a few percent of ordinary text."""
    sample = text[:4096]
    odd = sum(1 for ch in _NOT_WORD.findall(sample) if unicodedata.category(ch)[0] in "CS" and ch not in "\n\t")
    return odd > 0.1 * len(sample)


def is_headline(line: str) -> bool:
    """A first line that reads as a headline: short and without closing punctuation."""
    line = line.strip()
    return bool(line) and len(line.split()) <= 30 and not line.endswith(_CLOSING)


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


def read_text(src: Source, article_id: str, ctx: ReadContext) -> list[RawArticle | _Pending]:
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
    for alias in _JSON_FIELDS[key]:
        value = meta.get(alias.lower())
        if hasattr(value, "isoformat"):
            return value.isoformat()  # YAML reads dates as date/datetime objects
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return None


def read_json(src: Source, article_id: str, ctx: ReadContext) -> list[RawArticle | _Pending]:
    """JSON object, list of objects, {"articles": [...]}, or JSON Lines; bad records warn."""
    text = decode(src.data, src.name, ctx.warnings)
    name = src.name
    records: list[tuple[str, object]] = []
    problems: list[str] = []
    if src.kind == "jsonl":
        for n, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                records.append((f"line {n}", json.loads(line)))
            except (ValueError, RecursionError) as exc:
                problems.append(f"{name}:{n}: malformed JSON line ({_json_problem(exc)})")
    else:
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise InputError(name, f"malformed JSON ({_json_problem(exc)})") from None
        if isinstance(data, dict) and isinstance(data.get("articles"), list):
            data = data["articles"]
        items = data if isinstance(data, list) else [data]
        records = [(f"item {n}", item) for n, item in enumerate(items, 1)]
    out: list[RawArticle | _Pending] = []
    for n, (where, obj) in enumerate(records, 1):
        try:
            out.append(_article_from_record(obj, f"{name} {where}", f"{article_id}-{n}", name))
        except InputError as exc:
            problems.append(str(exc))
    if not out:
        detail = f"; first problem: {problems[0].removeprefix(name).lstrip(': ')}" if problems else ""
        raise InputError(name, f"no usable articles in JSON ({len(problems)} bad record(s){detail})")
    ctx.warnings.extend(problems)
    return out


def _json_problem(exc: Exception) -> str:
    """What is wrong with a JSON text, in a few words."""
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg.removesuffix(' at')} at line {exc.lineno}"
    if "digits" in str(exc):
        return "a number too long to read"
    return str(exc).split("\n", 1)[0][:80]


# Field names seen in exports from monitoring tools, first match wins.
_JSON_FIELDS = {
    "text": ("text", "body", "content", "article", "full_text"),
    "title": ("title", "headline"),
    "source": ("source", "outlet", "site", "site_name", "publisher"),
    "url": ("url", "link", "canonical_url"),
    "published": ("published", "published_at", "date", "pubDate", "datetime", "time"),
}


def _article_from_record(obj: object, where: str, article_id: str, name: str) -> RawArticle:
    if not isinstance(obj, dict):
        raise InputError(where, "expected a JSON object with a 'text' field")

    def field_(key: str) -> str | None:
        for alias in _JSON_FIELDS[key]:
            value = obj.get(alias)
            if isinstance(value, dict) and key == "source":
                value = value.get("name") or value.get("title")
            if isinstance(value, (int, float)) and key == "published" and not isinstance(value, bool):
                from datetime import datetime, timezone

                try:
                    return datetime.fromtimestamp(value, timezone.utc).isoformat()
                except (OverflowError, OSError, ValueError):
                    return str(value)
            if isinstance(value, str) and value.strip():
                return value if key == "text" else " ".join(value.split())
        return None

    text = field_("text")
    if text is None:
        raise InputError(where, "missing or empty 'text' field")
    text = _CONTROL.sub("", unicodedata.normalize("NFC", text.replace("\r\n", "\n")))
    if "<" in text and re.search(r"</?(p|div|br|span|a)\b", text, re.I):
        from .webpage import fragment_text

        text = fragment_text(text)
    if not text.strip():
        raise InputError(where, "'text' holds no readable characters")
    published = field_("published")
    return RawArticle(
        id=article_id,
        text=text,
        title=field_("title"),
        source=field_("source"),
        url=field_("url"),
        published=published,
        path=name,
        date_source="json" if published else None,
    )


def read_html(src: Source, article_id: str, ctx: ReadContext) -> list[RawArticle | _Pending]:
    """A web page: trafilatura's main text and metadata (title, site, canonical URL, date)."""
    from .webpage import extract_page

    page = extract_page(src.data, src.name, src.url)
    url = page.url if page.url and is_http_url(page.url) else src.url
    return [
        RawArticle(
            id=article_id,
            text=page.text,
            title=page.title,
            source=page.sitename or _host(url),
            url=url,
            published=page.date,
            path=src.name,
            date_source="html" if page.date else None,
        )
    ]


def read_feed(src: Source, article_id: str, ctx: ReadContext) -> list[RawArticle | _Pending]:
    """RSS/Atom: full content when the feed carries it, else the linked page (with
    --fetch), else the summary. Entries without any text are reported and skipped."""
    from .feeds import parse_feed

    feed = parse_feed(src.data, src.name)
    entries = list(feed.entries)
    if feed.problem and entries and not (entries[-1].content or entries[-1].summary).strip():
        entries.pop()  # the entry the file was cut in
    out: list[RawArticle | _Pending] = []
    no_text = 0
    for n, entry in enumerate(entries, 1):
        # Many feeds put the whole article in <description>; whichever is longer is the text.
        text = entry.content if len(entry.content) >= len(entry.summary) else entry.summary
        full = len(text.split()) >= FULL_TEXT_WORDS
        raw = RawArticle(
            id=f"{article_id}-{n}",
            text=text,
            title=entry.title,
            source=entry.outlet or feed.title or _host(src.url),
            url=entry.link,
            published=entry.published,
            path=f"{src.name} entry {n}",
            date_source="feed" if entry.published else None,
        )
        link_ok = entry.link is not None and is_http_url(entry.link)
        if not full and ctx.options.fetch and link_ok:
            out.append(_Pending(raw=raw, link=entry.link or "", feed_host=src.host))
        elif text.strip():
            out.append(raw)
        else:
            no_text += 1
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


READERS: dict[str, Reader] = {
    "text": read_text,
    "markdown": read_text,
    "json": read_json,
    "jsonl": read_json,
    "html": read_html,
    "feed": read_feed,
}


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")
_TEXT_TYPES = ("text/plain", "text/markdown", "application/json", "application/x-ndjson", "application/jsonl")


def kind_of_response(data: bytes, content_type: str, name: str) -> str:
    """The kind of a fetched resource: its declared type, corrected by its first bytes.

    A feed URL that answers with an HTML page (an error or login page) stays a "feed", so
    the feed reader can say exactly that; images, PDFs and other binaries are refused.
    """
    from .feeds import looks_like_feed

    if content_type in _FEED_TYPES or content_type.endswith(("+xml", "/xml")):
        return "feed"
    if content_type in ("text/html", "application/xhtml+xml"):
        return "feed" if looks_like_feed(data) else "html"
    if content_type and content_type not in _TEXT_TYPES and not content_type.startswith("text/"):
        if content_type != "application/octet-stream" or b"\x00" in data[:8192]:
            raise InputError(name, f"unsupported content type {content_type} (expected a web page, feed, JSON or text)")
    return sniff_kind(data, content_type)


def sniff_kind(data: bytes, content_type: str = "") -> str:
    """The kind of an input with no telling suffix, from its first bytes."""
    from .feeds import looks_like_feed
    from .webpage import looks_like_html

    if looks_like_feed(data):
        return "feed"
    if looks_like_html(data):
        return "html"
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if content_type.endswith("json") or head.startswith((b"{", b"[")):
        lines = [line for line in data[:65536].splitlines() if line.strip()]
        many_objects = len(lines) > 1 and all(line.lstrip().startswith(b"{") for line in lines[:5])
        return "jsonl" if many_objects and not head.startswith(b"[") and _jsonl_like(lines) else "json"
    if head.startswith(b"<?xml"):
        return "feed"
    return "text"


def _jsonl_like(lines: list[bytes]) -> bool:
    try:
        json.loads(lines[0])
    except ValueError:
        return False
    return True


def _read_bytes(path: Path, name: str, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(name, f"file too large ({size:,} bytes; the limit is {max_bytes:,})")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(name, f"file too large (over {max_bytes:,} bytes)")
        return data
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except OSError as exc:
        raise InputError(name, f"cannot read ({exc.strerror or exc})") from None


def _expand(paths: Sequence[str], warnings: list[str]) -> Iterator[tuple[Path | None, str]]:
    """URLs as given; named files as given; folders walked in sorted order for files of a
    known kind (hidden files and folders skipped)."""
    for given in paths:
        if re.match(r"(?i)^[a-z][a-z0-9+.-]*://", given):
            if is_http_url(given):
                yield None, given
            else:
                warnings.append(f"{given}: not an http(s) URL; only http and https are fetched")
            continue
        path = Path(given)
        if path.is_dir():
            found = False
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if any(part.startswith(".") for part in rel) or not child.is_file():
                    continue
                if child.suffix.lower() in SUFFIX_KINDS:
                    found = True
                    yield child, str(child)
            if not found:
                kinds = ", ".join(sorted(SUFFIX_KINDS))
                warnings.append(f"{given}: folder holds no article files ({kinds})")
        elif path.exists():
            yield path, given
        else:
            warnings.append(f"{given}: no such file or folder")


def _unique_id(stem: str, taken: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-")[:60] or "article"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _url_stem(url: str) -> str:
    parts = urlsplit(url)
    segment = next((s for s in reversed(parts.path.split("/")) if s), "")
    segment = re.sub(r"\.(html?|php|aspx?|xml|rss|atom|rdf)$", "", segment, flags=re.I)
    return segment or (parts.hostname or "page")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid_unicode(raw: RawArticle) -> RawArticle:
    """Lone surrogates (from JSON escapes like \\ud800 or numeric entities) cannot be written
    as UTF-8; each becomes U+FFFD so one bad character never costs the whole briefing."""
    fields = ("text", "title", "source", "url", "published")
    bad = {f: getattr(raw, f) for f in fields if isinstance(getattr(raw, f), str) and _SURROGATE.search(getattr(raw, f))}
    return replace(raw, **{f: _SURROGATE.sub("\ufffd", v) for f, v in bad.items()}) if bad else raw


def _safe_url(url: str | None, where: str, warnings: list[str]) -> str | None:
    if url is None:
        return None
    if is_http_url(url) and not re.search(r"[\s<>\"'`]", url.strip()):
        return url.strip()
    warnings.append(f"{where}: ignoring url {url[:60]!r} (only http and https links are kept)")
    return None


def _sources(
    items: Sequence[tuple[Path | None, str]], ctx: ReadContext, fetcher: Callable[[], Fetcher]
) -> Iterator[Source | InputError]:
    """Each input (from `_expand`) read into memory, one at a time (URLs fetched together
    first, with bounded concurrency)."""
    urls = [name for path, name in items if path is None]
    fetched = fetcher().get_many(urls, trusted=True) if urls else {}
    for path, name in items:
        if path is None:
            result = fetched[name]
            if isinstance(result, InputError):
                yield result
                continue
            try:
                kind = kind_of_response(result.data, result.content_type, name)
            except InputError as exc:
                yield exc
                continue
            yield Source(name, result.data, kind, _url_stem(result.url), url=result.url, host=urlsplit(result.url).hostname)
            continue
        try:
            data = _read_bytes(path, name, ctx.max_bytes)
        except InputError as exc:
            yield exc
            continue
        kind = SUFFIX_KINDS.get(path.suffix.lower()) or sniff_kind(data)
        yield Source(name, data, kind, path.stem)


def _parse(job: tuple[Source | InputError, str, IngestOptions]) -> tuple[list[RawArticle | _Pending], list[str]]:
    """One input's articles and warnings (run in a worker process on a big day)."""
    src, article_id, options = job
    if isinstance(src, InputError):
        return [], [str(src)]
    ctx = ReadContext(options=options)
    try:
        return READERS[src.kind](src, article_id, ctx), ctx.warnings
    except InputError as exc:
        return [], [*ctx.warnings, str(exc)]


def read_inputs(
    paths: Iterable[str],
    *,
    max_bytes: int | None = None,
    options: IngestOptions | None = None,
    workers: Workers | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[RawArticle], list[str]]:
    """Read every input; return the articles and one warning line per input problem.

    With `workers`, inputs are parsed in worker processes (in input order, so the result
    is the same). `progress` is called with (inputs done, inputs in all)."""
    options = options or IngestOptions()
    if max_bytes is not None:
        options = replace(options, max_bytes=max_bytes)
    ctx = ReadContext(options=options)
    warnings = ctx.warnings
    client: list[Fetcher] = []

    def fetcher() -> Fetcher:
        if not client:
            limits = options.fetch_options or FetchOptions(max_bytes=min(options.max_bytes, FetchOptions.max_bytes))
            client.append(Fetcher(limits))
        return client[0]

    found: list[RawArticle | _Pending] = []
    taken: set[str] = set()
    try:
        items = list(_expand(list(paths), warnings))

        def jobs() -> Iterator[tuple[Source | InputError, str, IngestOptions]]:
            for src in _sources(items, ctx, fetcher):
                article_id = "" if isinstance(src, InputError) else _unique_id(src.stem, taken)
                yield src, article_id, options

        parse = workers.map if workers is not None else lambda fn, jobs, count: map(fn, jobs)
        for done, (raws, problems) in enumerate(parse(_parse, jobs(), len(items)), 1):
            found.extend(raws)
            warnings.extend(problems)
            if progress is not None:
                progress(done, len(items))
        pending = [item for item in found if isinstance(item, _Pending)]
        pages = _fetch_pending(pending, fetcher(), ctx) if pending else {}
    finally:
        for c in client:
            c.close()

    articles: list[RawArticle] = []
    ids: set[str] = set()
    for item in found:
        raw = pages.get(id(item)) if isinstance(item, _Pending) else item
        if raw is None:
            continue
        if raw.id in ids:  # "feed.rss" entry 1 and a file "feed-1.txt" would both be feed-1
            raw = replace(raw, id=_unique_id(raw.id, ids))
        ids.add(raw.id)
        raw = _valid_unicode(raw)
        url = _safe_url(raw.url, raw.path or raw.id, warnings)
        articles.append(replace(raw, url=url))
    return articles, warnings


def _fetch_pending(pending: list[_Pending], fetcher: Fetcher, ctx: ReadContext) -> dict[int, RawArticle | None]:
    """Fetch the linked pages of feed entries; on failure keep the summary, with a warning."""
    from .webpage import extract_page

    results = fetcher.get_many([p.link for p in pending], trusted=False, same_host={p.link: p.feed_host for p in pending})
    out: dict[int, RawArticle | None] = {}
    for item in pending:
        result = results[item.link]
        fallback = item.raw if item.raw.text.strip() else None
        if isinstance(result, InputError):
            ctx.warnings.append(f"{result}; {'used the feed summary' if fallback else 'entry skipped'}")
            out[id(item)] = fallback
            continue
        try:
            page = extract_page(result.data, item.link, result.url)
        except InputError as exc:
            ctx.warnings.append(f"{exc}; {'used the feed summary' if fallback else 'entry skipped'}")
            out[id(item)] = fallback
            continue
        raw = item.raw
        published = raw.published or page.date
        out[id(item)] = replace(
            raw,
            text=page.text,
            title=raw.title or page.title,
            source=raw.source or page.sitename,
            url=raw.url or page.url,
            published=published,
            date_source=raw.date_source or ("html" if page.date else None),
        )
    return out
