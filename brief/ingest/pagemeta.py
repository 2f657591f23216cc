"""A web page's own statements about its headline, outlet and address, read with lxml.

trafilatura folds these into one value each (and reads meta tags only inside <head>, and
lets JSON-LD override og:title); `brief` wants each source kept apart so `naming` can weigh
them in order of trust: og:title / og:site_name / og:url, JSON-LD (headline,
publisher.name, url / mainEntityOfPage), the canonical link, then <title>; trafilatura's
own title, site name and URL come after these.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from . import naming

_ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "blogposting", "liveblogposting", "socialmediaposting",
    "report", "scholarlyarticle", "techarticle", "creativework",
}
_SITE_TYPES = {"organization", "newsmediaorganization", "website", "corporation"}


@dataclass
class PageMeta:
    """What a page says about itself, each list in order of trust."""

    titles: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    named_outlets: list[str] = field(default_factory=list)  # application-name, meta publisher: after the title's
    weak_outlets: list[str] = field(default_factory=list)  # a Twitter handle: a last resort
    urls: list[str] = field(default_factory=list)
    html_title: str | None = None
    generators: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)


def _meta(tree) -> dict[str, list[str]]:  # noqa: ANN001 - lxml element
    """Every <meta> anywhere in the page (some put og tags in <body>), by property or name."""
    found: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        value = naming.decoded(element.get("content"))
        if key and value:
            found.setdefault(key, []).append(value)
    return found


def _types(item: dict) -> set[str]:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.lower() for k in kinds if isinstance(k, str)}


def _items(data: object, depth: int = 0) -> list[dict]:
    """The JSON-LD objects of one script: a list, an @graph, or one object."""
    if depth > 3:
        return []
    if isinstance(data, list):
        return [i for d in data for i in _items(d, depth + 1)]
    if isinstance(data, dict):
        graph = data.get("@graph")
        return [data, *(_items(graph, depth + 1) if graph else [])]
    return []


def _name(value: object) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return naming.decoded(value) if isinstance(value, str) else None


def _ld_url(value: object) -> str | None:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    return value.strip() if isinstance(value, str) and value.strip() else None


def read_meta(tree) -> PageMeta:  # noqa: ANN001 - lxml element
    """The candidates for headline, outlet and URL the page states."""
    meta = _meta(tree)
    page = PageMeta()

    page.titles.extend(meta.get("og:title", [])[:1])
    page.outlets.extend(meta.get("og:site_name", [])[:1])
    page.urls.extend(meta.get("og:url", [])[:1])
    ld_titles: list[str] = []
    ld_sites: list[str] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text, strict=False)
        except (ValueError, RecursionError):
            continue
        for item in _items(data):
            kinds = _types(item)
            if kinds & _ARTICLE_TYPES:
                ld_titles.extend(t for t in (naming.decoded(item.get("headline")),) if t)
                publisher = _name(item.get("publisher"))
                if publisher:
                    page.outlets.append(publisher)
                url = _ld_url(item.get("url")) or _ld_url(item.get("mainEntityOfPage"))
                if url:
                    page.urls.append(url)
                page.authors.extend(a for a in (_name(item.get("author")),) if a)
            elif kinds & _SITE_TYPES and _name(item):
                ld_sites.append(_name(item) or "")
    page.titles.extend(ld_titles)
    page.outlets.extend(ld_sites)
    page.titles.extend(meta.get("twitter:title", [])[:1])
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            page.urls.append(link.get("href").strip())
            break
    title = tree.find(".//title")
    page.html_title = naming.decoded(title.text_content()) if title is not None else None
    page.named_outlets.extend(v for key in ("application-name", "publisher", "dc.publisher") for v in meta.get(key, [])[:1])
    page.weak_outlets.extend(meta.get("twitter:site", [])[:1])
    page.generators = meta.get("generator", [])
    page.authors.extend(meta.get("author", [])[:1])
    return page


def _absolute(url: str, base: str | None) -> str | None:
    """`url` as an absolute http(s) URL (a relative one against `base`), else None."""
    try:
        if url.startswith("//"):
            url = "https:" + url
        if base and "://" not in url:
            url = urljoin(base, url)
        parts = urlsplit(url)
        return url if parts.scheme in ("http", "https") and parts.hostname else None
    except ValueError:  # "http://[broken" and the like
        return None


def choose_url(page: PageMeta, fetched: str | None, extracted: str | None) -> str | None:
    """The article's own address: og:url, JSON-LD, canonical, trafilatura's, the fetched URL;
    a site's front page ("/") only when nothing names the article itself."""
    base = fetched or next((u for u in page.urls if "://" in u), None)
    found = [a for a in (_absolute(u, base) for u in [*page.urls, *(x for x in (extracted, fetched) if x)]) if a]
    return next((u for u in found if urlsplit(u).path.strip("/")), found[0] if found else None)


def choose_names(page: PageMeta, *, fetched: str | None, extracted_title: str | None,
                 extracted_site: str | None, extracted_url: str | None, text: str) -> tuple[str | None, str | None, str | None]:
    """(headline, outlet, URL) for a page, each chosen and cleaned by `naming`."""
    url = choose_url(page, fetched, extracted_url)
    host = naming.host_of(url) or naming.host_of(fetched)
    generators = naming.generator_names(page.generators)
    # trafilatura title-cases a bare handle ("Timesofisrael"): its site name counts only
    # when it reads as a name (a space, an inner capital, a dot).
    site = extracted_site if extracted_site and (" " in extracted_site or "." in extracted_site
                                                 or not extracted_site[1:].islower()) else None
    heads = [*page.titles, page.html_title]
    from_titles = []  # "… | The Times of Israel": the part of a title that spells the host
    for head in heads:
        parts = [p for _, p in naming.title_parts(head or "")]
        if len(parts) > 1:
            from_titles += [p for p in [*parts[:0:-1], parts[0]] if naming.matches_host(p, host)
                            and not naming.is_url_or_domain(p)]
    guessed = None
    if page.html_title and naming.strip_site(page.html_title, page.outlets, host) == page.html_title:
        head, guessed = naming.guess_site(page.html_title)  # "… | The Delta Gazette" with no og or host to say so
        heads = [*page.titles, head] if guessed else heads
    headlines = {naming.squash(h) for h in heads if h}
    candidates = [c for c in [*page.outlets, *from_titles, *page.named_outlets, *(x for x in (site, guessed) if x)]
                  if naming.squash(c) not in headlines]  # an application-name that is the headline
    names = [n for n in dict.fromkeys([*candidates, *(naming.clean_outlet(c, host) for c in candidates)]) if n]
    title = naming.choose_title([*heads, extracted_title], outlets=names, host=host, generators=generators,
                                authors=page.authors)
    title = title or naming.headline_from_text(text)
    outlet = naming.choose_outlet(candidates, host, title=title, weak=page.weak_outlets)
    return title, outlet, url
