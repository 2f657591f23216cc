"""Web pages: main text and metadata of an HTML page, via trafilatura.

trafilatura (with htmldate) does the hard part: it finds the article body among
navigation, cookie banners, share prompts, related-article lists and comments, and reads
title, site name, canonical URL and publication date from the page's metadata. This
module only adapts it to `brief`: bytes in, a `Page` out, and an `InputError` when a
page holds no article text.

trafilatura's default balance is used, not `favor_precision`: measured on 47 real pages
(../shared/eval/realworld-dev with its must-keep / must-not-keep snippets), precision
dropped the text of inline links and left holes in three sentences ("…especially high
for .") while keeping out only one more line of chrome, a short footer that the
stand-alone rules never pick. The chrome the default lets through is removed by `clean`.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from ..errors import InputError
from ..fetch import is_http_url
from ..model import RawArticle
from .base import Pending, ReadContext, Source, host
from .pagemeta import PageMeta, choose_names, read_meta

# trafilatura and friends log parse trouble at ERROR; with no handler configured Python
# would print those on stderr. A NullHandler keeps them out of cron mail while still
# letting an application that configures logging see them.
for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

_DATE_PARAMS = {"extensive_search": True, "original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_BLOCK_TAGS = (
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section",
    "article", "header", "footer", "pre", "ul", "ol", "table", "figure", "figcaption", "hr",
)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None
    sitename: str | None
    url: str | None
    date: str | None


def looks_like_html(data: bytes) -> bool:
    """True when the bytes start like an HTML document (a doctype, <html>, <head> or <body>)."""
    return bool(_HTML_START.match(data[:4096].lstrip(b"\xef\xbb\xbf")))


def extract_page(data: bytes, name: str, url: str | None = None) -> Page:
    """The article in an HTML page; `InputError` if it is not HTML or has no main text."""
    import trafilatura

    head = data[:8192]
    if not data.strip():
        raise InputError(name, "empty response" if "://" in name else "empty file")
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(name, "binary file, not an HTML page")
    if b"<" not in head:
        raise InputError(name, "not an HTML page (no markup found)")
    try:
        from trafilatura.utils import load_html

        tree = load_html(data)
        stamps = _time_stamps(tree) if tree is not None else []
        stated = read_meta(tree) if tree is not None else PageMeta()
        doc = trafilatura.bare_extraction(
            tree if tree is not None else data,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            favor_precision=False,  # precision drops inline link text: "especially high for ."
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # noqa: BLE001 - a third-party parser on hostile input
        raise InputError(name, f"malformed HTML ({type(exc).__name__})") from None
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise InputError(name, "no article text found in the HTML page (only navigation, links or boilerplate)")
    # trafilatura puts one paragraph (or heading) per line; blank lines make that explicit
    # so `clean` does not rejoin a heading with the paragraph after it.
    paragraphs = [" ".join(line.split()) for line in text.split("\n") if line.strip()]
    title, sitename, page_url = choose_names(
        stated, fetched=url, extracted_title=_one_line(doc.title), extracted_site=_one_line(doc.sitename),
        extracted_url=_one_line(doc.url), text="\n\n".join(paragraphs),
    )
    return Page(
        text="\n\n".join(paragraphs),
        title=title,
        sitename=sitename,
        url=page_url or url,
        date=(None if stamps else _title_date(stated)) or _with_time(_one_line(doc.date), stamps),
    )


_TITLE_DATE = re.compile(r"(?:^|[|·•–—-]\s*)(\d{1,2}[./]\d{1,2}[./]\d{4}|\d{4}-\d{2}-\d{2})\s*$")


def _title_date(stated: PageMeta) -> str | None:
    """The date a page's own title ends with ("… | DW | 10.06.2013"), when its meta tags
    state none: htmldate would otherwise take the date of a teaser for another story."""
    from datetime import timezone

    from ..dates import parse_published

    for title in [*stated.titles, stated.html_title or ""]:
        m = _TITLE_DATE.search(title)
        if m:
            return parse_published(m.group(1), timezone.utc)
    return None


_TIME_KEYS = {
    "article:published_time", "og:published_time", "og:article:published_time", "datepublished",
    "pubdate", "publishdate", "publish-date", "dc.date.issued", "dcterms.created", "sailthru.date",
}
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{10,40})"')


def _time_stamps(tree) -> list[str]:  # noqa: ANN001 - lxml element
    """Publication timestamps the page states in its metadata, most specific first.

    htmldate settles on a day (and prefers a date in the URL); when the page's own meta
    tags give the time of that day as well, the time is worth keeping for windows.
    """
    found: list[str] = []
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in _TIME_KEYS and meta.get("content"):
            found.append(meta.get("content").strip())
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            found.extend(_JSONLD_DATE.findall(script.text))
    for element in tree.iter("time"):
        if element.get("datetime"):
            found.append(element.get("datetime").strip())
    return found


def _with_time(day: str | None, stamps: list[str]) -> str | None:
    """htmldate's day, refined to the first stated timestamp falling on that same day."""
    if not day:
        return day
    from datetime import datetime

    date_part = day[:10]
    if len(day) > 10 and not day.endswith("T00:00:00"):
        return day
    for stamp in stamps:
        try:
            moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        except ValueError:
            continue
        if moment.date().isoformat() == date_part and (moment.hour, moment.minute, moment.second) != (0, 0, 0):
            return moment.isoformat()
    return day


def fragment_text(markup: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), one paragraph per block.

    Feed content is already the article body, so no boilerplate detection is wanted here,
    only markup to text; scripts and styles are dropped, entities decoded.
    """
    markup = _NOT_XML.sub("", markup)  # lxml refuses control characters and U+FFFE/U+FFFF
    if "<" not in markup and "&" not in markup:
        return markup.strip()
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    for bad in root.xpath(".//script|.//style|.//noscript|.//template"):
        bad.drop_tree()
    for element in root.iter(*_BLOCK_TAGS):
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        else:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    text = root.text_content()
    blocks = [" ".join(chunk.split()) for chunk in re.split(r"\n\s*\n", text)]
    return "\n\n".join(b for b in blocks if b)


def _one_line(value: object) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def read_html(src: Source, article_id: str, ctx: ReadContext) -> list[RawArticle | Pending]:
    """A web page: trafilatura's main text and metadata (title, site, canonical URL, date)."""
    page = extract_page(src.data, src.name, src.url)
    url = page.url if page.url and is_http_url(page.url) else src.url
    return [
        RawArticle(
            id=article_id,
            text=page.text,
            title=page.title,
            source=page.sitename or host(url),
            url=url,
            published=page.date,
            path=src.name,
            date_source="html" if page.date else None,
        )
    ]
