"""What kind of input a file or a download is: from its suffix, its HTTP content type or
its first bytes."""

from __future__ import annotations

import json

from ..errors import InputError

SUFFIX_KINDS = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".rdf": "feed",
}

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
