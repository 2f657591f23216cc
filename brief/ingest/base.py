"""What the readers share: options, one input read into memory, the read context, and
the field names that exports use for an article's parts."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..fetch import FetchOptions
from ..model import RawArticle

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
CLOSING = tuple(".!?…:;\"'”’»)]")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
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
class Pending:
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


Reader = Callable[[Source, str, ReadContext], "list[RawArticle | Pending]"]

# Field names seen in exports from monitoring tools (and front matter), first match wins.
FIELDS = {
    "text": ("text", "body", "content", "article", "full_text"),
    "title": ("title", "headline"),
    "source": ("source", "outlet", "site", "site_name", "publisher"),
    "url": ("url", "link", "canonical_url"),
    "published": ("published", "published_at", "date", "pubDate", "datetime", "time"),
}


def host(url: str | None) -> str | None:
    """The host of a URL without "www.", lower case; None without one."""
    if not url:
        return None
    name = (urlsplit(url).hostname or "").lower()
    return name.removeprefix("www.") or None
