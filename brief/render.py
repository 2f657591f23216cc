"""Render: a `Briefing` as JSON, HTML, Markdown or PDF.

Article text is hostile until escaped: HTML goes through Jinja with autoescape on and
`StrictUndefined`, Markdown through an escaping filter, links are kept only when they are
http(s), and WeasyPrint gets a URL fetcher that refuses everything, so nothing named by
article content is ever fetched while the PDF is made.
"""

from __future__ import annotations

import json
import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import __version__
from .errors import BriefError
from .model import Briefing, Pick

log = logging.getLogger(__name__)

FORMATS = ("json", "html", "md", "pdf")
SCHEMA = "brief/1"
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`]+$", re.I)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) link, else None (no javascript:, data:, file:)."""
    return url if url and _SAFE_URL.match(url) else None


def md_escape(text: str) -> str:
    """Markdown punctuation escaped, so article text cannot become links, HTML or headings."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def templates_dir() -> Path:
    """Default templates: `brief/templates/` in an installed wheel, `templates/` in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / "briefing.html.j2").is_file():
            return candidate
    raise BriefError(f"default templates not found next to {here} (is brief installed completely?)")


@lru_cache(maxsize=4)
def _environment(kind: str):  # noqa: ANN202 - jinja2 imported lazily
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=(kind == "html"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["md_url"] = lambda url: str(url).replace(">", "%3E").replace("<", "%3C")
    env.globals["safe_url"] = safe_url
    return env


def reported_by(b: Briefing, pick: Pick) -> list[str]:
    """Who carried a picked sentence: the outlets (or, unnamed, the articles) of its article,
    the articles it also appeared in, and their copies — each once, in citation order."""
    by_id = {a.id: a for a in b.articles}
    names: list[str] = []
    for article_id in (pick.article_id, *pick.also_in):
        article = by_id.get(article_id)
        if article is None:
            continue
        names.extend(article.outlets or (article.id,))
        names.extend(c.id for c in article.copies if not c.source)
    return list(dict.fromkeys(names))


def to_dict(b: Briefing) -> dict[str, Any]:
    """The stable JSON contract (schema brief/1, documented in README)."""
    return {
        "schema": SCHEMA,
        "title": b.title,
        "date": b.date,
        "generated_at": b.generated_at,
        "articles": [
            {
                "id": a.id,
                "title": a.title,
                "source": a.source,
                "url": safe_url(a.url),
                "published": a.published,
                "date_source": a.date_source,
                "path": a.path,
                "sentences": b.sentence_counts.get(a.id, 0),
                "outlets": list(a.outlets),
                "copies": [
                    {
                        "id": c.id,
                        "relation": c.relation,
                        "similarity": c.similarity,
                        "title": c.title,
                        "source": c.source,
                        "url": safe_url(c.url),
                        "published": c.published,
                        "path": c.path,
                    }
                    for c in a.copies
                ],
            }
            for a in b.articles
        ],
        "window": None
        if b.window is None
        else {"since": b.window.since, "until": b.window.until, "timezone": b.window.timezone},
        "left_out": [
            {
                "id": x.id,
                "reason": x.reason,
                "title": x.title,
                "source": x.source,
                "url": safe_url(x.url),
                "published": x.published,
                "path": x.path,
            }
            for x in b.left_out
        ],
        "selection": dict(b.selection),
        "since": b.since,
        "key_points": [pick_dict(b, p) for p in b.key_points],
        "themes": [
            {
                "id": s.theme.id,
                "title": s.theme.title,
                "candidates": s.candidates,
                "summary": [pick_dict(b, p) for p in s.picks],
            }
            for s in b.sections
        ],
        "dropped": {
            "duplicate_paragraphs": b.dropped.duplicate_paragraphs,
            "boilerplate_lines": b.dropped.boilerplate_lines,
            "near_duplicate_sentences": b.dropped.near_duplicate_sentences,
            "learned_boilerplate": b.dropped.learned_boilerplate,
            "duplicate_articles": b.dropped.duplicate_articles,
            "already_reported": b.dropped.already_reported,
        },
        "warnings": list(b.warnings),
    }


def pick_dict(b: Briefing, p: Pick) -> dict[str, Any]:
    """One picked sentence in the JSON: where it is from, who else reported it, and why
    it was picked (`matched` keywords, `related` co-occurring words, score `parts`)."""
    return {
        "text": p.text,
        "article": p.article_id,
        "position": p.position,
        "score": p.score,
        "also_in": list(p.also_in),
        "reported_by": reported_by(b, p),
        "matched": list(p.matched),
        "related": list(p.related),
        "new": p.new,
        "parts": dict(p.parts),
    }


def render_json(b: Briefing) -> str:
    return json.dumps(to_dict(b), ensure_ascii=False, indent=2) + "\n"


def _context(b: Briefing) -> dict[str, Any]:
    number = {a.id: i for i, a in enumerate(b.articles, 1)}
    by_id = {a.id: a for a in b.articles}

    def cite_label(article_id: str) -> str:
        a = by_id[article_id]
        return " · ".join(x for x in (a.source, a.title or a.id) if x)

    def other_outlets(article):  # noqa: ANN001, ANN202
        """One copy per outlet other than the article's own: who else published it."""
        seen = {article.source}
        out = []
        for c in article.copies:
            if c.source and c.source not in seen:
                seen.add(c.source)
                out.append(c)
        return out

    outlets = sorted({name for a in b.articles for name in a.outlets})
    return {
        "other_outlets": other_outlets,
        "reported_by": lambda pick: reported_by(b, pick),
        "b": b,
        "sections": b.sections,
        "number": number,
        "cite_label": cite_label,
        "outlets": outlets,
        "version": __version__,
        "lang": "en",
    }


def render_html(b: Briefing) -> str:
    from markupsafe import Markup

    css = (templates_dir() / "briefing.css").read_text(encoding="utf-8")
    return _environment("html").get_template("briefing.html.j2").render(css=Markup(css), **_context(b))


def render_markdown(b: Briefing) -> str:
    return _environment("md").get_template("briefing.md.j2").render(**_context(b))


def refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Fetch nothing: no files, no network, whatever the HTML says."""
    raise ValueError(f"brief does not fetch resources while rendering a PDF ({url[:80]})")


def _refusing_fetcher():  # noqa: ANN202 - weasyprint imported lazily
    """A WeasyPrint fetcher whose every fetch is refused; the resource is skipped, not fatal.

    WeasyPrint 68+ expects a `URLFetcher` object (it reads its settings when a fetch
    fails); older releases take a plain callable.
    """
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:
        return refuse_fetch

    class RefusingFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            return refuse_fetch(url)

    return RefusingFetcher(allowed_protocols=(), allow_redirects=False, fail_on_errors=False)


def render_pdf(b: Briefing, html: str | None = None) -> bytes:
    import weasyprint

    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    document = weasyprint.HTML(string=html or render_html(b), base_url=None, url_fetcher=_refusing_fetcher())
    return document.write_pdf()
