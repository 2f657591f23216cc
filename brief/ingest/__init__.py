"""Ingest: turn the inputs a user names (files, folders, URLs) into `RawArticle`s.

An input is read (or fetched, with limits) into bytes once (`walk`), its kind is decided
from its suffix, its HTTP content type or its first bytes (`kinds`), and one reader per
kind turns the bytes into articles: plain text and Markdown (`text`), JSON/JSONL exports
(`records`), HTML pages (`webpage`, trafilatura) and RSS/Atom feeds (`feeds`,
feedparser). A bad input raises `InputError` inside its reader; `read_inputs` turns that
into a one-line warning and goes on with the rest. Feed entries without full text are
fetched in one bounded batch at the end (`--fetch`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from ..errors import UNPRINTABLE_CHARS, InputError, printable
from ..fetch import FetchOptions, Fetcher, is_http_url
from ..model import RawArticle
from .base import DEFAULT_MAX_BYTES, FULL_TEXT_WORDS, IngestOptions, Pending, ReadContext, Reader, Source
from .decode import decode
from . import naming
from .feeds import read_feed
from .kinds import SUFFIX_KINDS, kind_of_response, sniff_kind
from .records import read_json
from .text import front_matter, is_headline, read_text, strip_markdown
from .walk import expand, sources, unique_id
from .webpage import read_html

if TYPE_CHECKING:
    from ..parallel import Workers

__all__ = [
    "DEFAULT_MAX_BYTES", "FULL_TEXT_WORDS", "READERS", "SUFFIX_KINDS", "IngestOptions", "Source", "decode",
    "front_matter", "is_headline", "kind_of_response", "read_inputs", "sniff_kind", "strip_markdown",
]

READERS: dict[str, Reader] = {
    "text": read_text,
    "markdown": read_text,
    "json": read_json,
    "jsonl": read_json,
    "html": read_html,
    "feed": read_feed,
}

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


def _parse(job: tuple[Source | InputError, str, IngestOptions]) -> tuple[list[RawArticle | Pending], list[str]]:
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

    found: list[RawArticle | Pending] = []
    taken: set[str] = set()
    try:
        items = list(expand(list(paths), warnings))

        def jobs() -> Iterator[tuple[Source | InputError, str, IngestOptions]]:
            for src in sources(items, ctx, fetcher):
                article_id = "" if isinstance(src, InputError) else unique_id(src.stem, taken)
                yield src, article_id, options

        parse = workers.map if workers is not None else lambda fn, jobs, count: map(fn, jobs)
        for done, (raws, problems) in enumerate(parse(_parse, jobs(), len(items)), 1):
            found.extend(raws)
            warnings.extend(problems)
            if progress is not None:
                progress(done, len(items))
        pending = [item for item in found if isinstance(item, Pending)]
        pages = _fetch_pending(pending, fetcher(), ctx) if pending else {}
    finally:
        for c in client:
            c.close()

    articles: list[RawArticle] = []
    ids: set[str] = set()
    for item in found:
        raw = pages.get(id(item)) if isinstance(item, Pending) else item
        if raw is None:
            continue
        if raw.id in ids:  # "feed.rss" entry 1 and a file "feed-1.txt" would both be feed-1
            raw = replace(raw, id=unique_id(raw.id, ids))
        ids.add(raw.id)
        raw = _valid_unicode(raw)
        url = _safe_url(raw.url, raw.path or raw.id, warnings)
        articles.append(_capped(_named(replace(_bounded(raw, warnings), url=url)), warnings))
    return articles, warnings


MAX_TEXT_CHARS = 2_000_000  # an article's text: ten times a long feature; past it a file is a dump, not news
MAX_TITLE_CHARS = 300  # a headline, not a paragraph (a 500 KB "title" once took minutes to lay out)
MAX_OUTLET_CHARS = 120


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else (text[: limit - 1].rsplit(" ", 1)[0] or text[: limit - 1]) + "…"


# Terminal escape sequences, control characters and bidirectional overrides: in a title or
# an outlet name they could recolour a terminal or flip the fields beside them.
_UNSHOWABLE = re.compile("\x1b\\[[0-9;?]*[ -/]*[@-~]|\x1b\\][^\x07\x1b]*(?:\x07|\x1b\\\\)?|" + UNPRINTABLE_CHARS)


def _showable(text: str | None) -> str | None:
    return " ".join(_UNSHOWABLE.sub(" ", text).split()) or None if text else text


def _bounded(raw: RawArticle, warnings: list[str]) -> RawArticle:
    """The article's text cut to `MAX_TEXT_CHARS` (at a paragraph or word end), with a
    warning: every later stage then costs a bounded time, whatever the file holds."""
    if len(raw.text) <= MAX_TEXT_CHARS:
        return raw
    head = raw.text[:MAX_TEXT_CHARS]
    cut = max(head.rfind("\n\n"), head.rfind(" "))
    warnings.append(f"{printable(raw.path or raw.id)}: {len(raw.text):,} characters of text; "
                    f"only the first {MAX_TEXT_CHARS:,} are read")
    return replace(raw, text=head[:cut] if cut > MAX_TEXT_CHARS // 2 else head)


def _capped(raw: RawArticle, warnings: list[str]) -> RawArticle:
    """Titles and outlets without control or bidi-override characters, cut to a sensible
    length (with a warning naming the input)."""
    title, source = _showable(raw.title), _showable(raw.source)
    fields = (("title", title, MAX_TITLE_CHARS), ("outlet name", source, MAX_OUTLET_CHARS))
    long = [what for what, value, limit in fields if value and len(value) > limit]
    if long:
        warnings.append(f"{printable(raw.path or raw.id)}: {' and '.join(long)} too long; cut to "
                        f"{MAX_TITLE_CHARS} / {MAX_OUTLET_CHARS} characters")
    title = _cut(title, MAX_TITLE_CHARS) if title else title
    source = _cut(source, MAX_OUTLET_CHARS) if source else source
    return raw if (title, source) == (raw.title, raw.source) else replace(raw, title=title, source=source)


def _named(raw: RawArticle) -> RawArticle:
    """Every article leaves ingest with a title and, when it has a URL, an outlet: a reader
    is never shown a file name instead (the readers choose better ones when they can)."""
    title = raw.title or naming.headline_from_text(raw.text)
    source = raw.source or naming.host_of(raw.url)
    return raw if (title, source) == (raw.title, raw.source) else replace(raw, title=title, source=source)


def _fetch_pending(pending: list[Pending], fetcher: Fetcher, ctx: ReadContext) -> dict[int, RawArticle | None]:
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
