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
from .errors import BriefError, ConfigError, TemplateError
from .model import Briefing, Pick
from .plaintext import plain_text
from .language import IN_ANOTHER_LANGUAGE
from .scope import OUT_OF_SCOPE

log = logging.getLogger(__name__)

FORMATS = ("json", "html", "md", "txt", "pdf")
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


TEMPLATES = ("briefing.html.j2", "briefing.md.j2", "briefing.txt.j2", "briefing.css")


@lru_cache(maxsize=8)
def _environment(kind: str, template_dir: str | None = None):  # noqa: ANN202 - jinja2 imported lazily
    """Templates from `template_dir` first, then brief's; brief's are also reachable as
    "default/<name>" so an override can `{% extends "default/briefing.html.j2" %}` and
    replace single blocks. HTML is autoescaped whoever wrote the template."""
    import jinja2

    default = jinja2.FileSystemLoader(str(templates_dir()))
    loaders: list[jinja2.BaseLoader] = [jinja2.PrefixLoader({"default": default})]
    if template_dir is not None:
        loaders.insert(0, jinja2.FileSystemLoader(template_dir))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([*loaders, default]),
        autoescape=(kind == "html"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["plain"] = plain_text
    env.filters["md_url"] = lambda url: str(url).replace(">", "%3E").replace("<", "%3C")
    env.globals["safe_url"] = safe_url
    return env


def _render(kind: str, name: str, template_dir: str | Path | None, **context: Any) -> str:
    """Render one template; any template mistake is a BriefError naming the template and line."""
    import jinja2

    folder = str(template_dir) if template_dir is not None else None
    if folder is not None and not Path(folder).is_dir():
        raise ConfigError(f"--template-dir {folder}: not a folder")
    env = _environment(kind, folder)
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"template {exc.filename or exc.name or name}, line {exc.lineno}: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template {exc.name} not found (in {folder or 'the defaults'})") from None
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError) as exc:
        where = _template_line(exc.__traceback__)
        raise TemplateError(f"template {where or name}: {exc.__class__.__name__}: {exc}") from None


def _template_line(tb: Any) -> str | None:
    """"<file>, line N" of the innermost template frame: Jinja maps its frames back to them."""
    found = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".j2", ".html", ".md", ".jinja")):
            found = f"{filename}, line {tb.tb_lineno}"
        tb = tb.tb_next
    return found


def template_source(name: str, template_dir: str | Path | None = None) -> str:
    """A template file's text as the loader finds it (the override first)."""
    env = _environment("html", str(template_dir) if template_dir is not None else None)
    source, _, _ = env.loader.get_source(env, name)
    return source


def reported_by(b: Briefing, pick: Pick, by_id: dict[str, Any] | None = None) -> list[str]:
    """Who carried a picked sentence: the outlets (or, unnamed, the articles) of its article,
    the articles it also appeared in, and their copies — each once, in citation order."""
    by_id = by_id if by_id is not None else {a.id: a for a in b.articles}
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
    by_id = {a.id: a for a in b.articles}
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
        "scope": None
        if b.topic is None
        else {"title": b.topic.title, "keywords": list(b.topic.keywords), "min_share": b.topic.min_share,
              "read": articles_read(b), "in_scope": len(b.articles)},
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
        "coverage": [{"day": day, "sentences": dict(counts)} for day, counts in b.coverage],
        "key_points": [pick_dict(b, p, by_id) for p in b.key_points],
        "themes": [
            {
                "id": s.theme.id,
                "title": s.theme.title,
                "candidates": s.candidates,
                "summary": [pick_dict(b, p, by_id) for p in s.picks],
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


def pick_dict(b: Briefing, p: Pick, by_id: dict[str, Any] | None = None) -> dict[str, Any]:
    """One picked sentence in the JSON: where it is from, who else reported it, and why
    it was picked (`matched` keywords, `related` co-occurring words, score `parts`)."""
    return {
        "text": p.text,
        "article": p.article_id,
        "position": p.position,
        "score": p.score,
        "also_in": list(p.also_in),
        "cites": citations(b, p, by_id),
        "reported_by": reported_by(b, p, by_id),
        "matched": list(p.matched),
        "related": list(p.related),
        "new": p.new,
        "parts": dict(p.parts),
    }


def render_json(b: Briefing) -> str:
    return json.dumps(to_dict(b), ensure_ascii=False, indent=2) + "\n"


MAX_CITATIONS = 3  # citation marks per sentence; "reported by N outlets" tells the rest


def citations(b: Briefing, pick: Pick, by_id: dict[str, Any] | None = None) -> list[str]:
    """The articles a sentence's citation marks point to: its own, then others that carried
    it from other outlets, at most MAX_CITATIONS. A wire sentence in 40 papers would
    otherwise trail 40 marks; the JSON keeps every one (`also_in`, `reported_by`)."""
    by_id = by_id if by_id is not None else {a.id: a for a in b.articles}
    chosen: list[str] = []
    outlets: set[str] = set()
    for aid in (pick.article_id, *pick.also_in):
        article = by_id.get(aid)
        if article is None or aid in chosen:
            continue
        outlet = article.source or aid
        if outlet in outlets:
            continue
        chosen.append(aid)
        outlets.add(outlet)
        if len(chosen) == MAX_CITATIONS:
            break
    return chosen


def cited_articles(b: Briefing, by_id: dict[str, Any] | None = None) -> list[str]:
    """Ids of the articles the briefing cites, in order of first citation: the source list
    (numbered like footnotes) holds these, not every article read — 200 articles read
    would otherwise mean ten pages of sources nobody is pointed to."""
    by_id = by_id if by_id is not None else {a.id: a for a in b.articles}
    picks = [*b.key_points, *(p for s in b.sections for p in s.picks)]
    return list(dict.fromkeys(aid for p in picks for aid in citations(b, p, by_id)))


def articles_read(b: Briefing) -> int:
    """Usable articles read, in scope or not (copies merged)."""
    return b.read if b.read is not None else len(b.articles)


def source_title(article: Any) -> str:
    """A source's title as a reader sees it: its headline, else its lead cut to one, else its
    outlet — never its file id or local path (ingest gives nearly every article a title;
    this covers articles built some other way)."""
    if article.title:
        return article.title
    from .ingest.naming import headline_from_text

    lead = next((block.text for block in article.blocks if block.kind == "prose"), "")
    return headline_from_text(lead) or article.source or "Untitled article"


def shown_source(article: Any) -> Any:
    """The article as the source lists show it: its reader-facing title and no local path,
    whatever a template prints (the JSON keeps `path`, for debugging)."""
    import dataclasses

    copies = tuple(dataclasses.replace(c, path=None) for c in article.copies)
    return dataclasses.replace(article, title=source_title(article), path=None, copies=copies)


def _context(b: Briefing) -> dict[str, Any]:
    by_id = {a.id: a for a in b.articles}
    cited = cited_articles(b, by_id)
    number = {aid: i for i, aid in enumerate(cited, 1)}

    def cite_label(article_id: str) -> str:
        a = by_id[article_id]
        return " · ".join(dict.fromkeys(x for x in (a.source, source_title(a)) if x))

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
        "reported_by": lambda pick: reported_by(b, pick, by_id),
        "b": b,
        "sections": b.sections,
        "parts": _parts(b),
        "number": number,
        "cites": lambda pick: citations(b, pick, by_id),
        "sources": [(number[aid], shown_source(by_id[aid])) for aid in cited],
        "uncited": len(b.articles) - len(cited),
        "cite_label": cite_label,
        "outlets": outlets,
        "read": articles_read(b),
        "topic": b.topic,
        "outside_window": sum(1 for x in b.left_out
                              if x.reason != OUT_OF_SCOPE and not x.reason.startswith(IN_ANOTHER_LANGUAGE)),
        "other_language": sum(1 for x in b.left_out if x.reason.startswith(IN_ANOTHER_LANGUAGE)),
        "version": __version__,
        "lang": "en",
    }


def _parts(b: Briefing) -> list[dict[str, Any]]:
    """The briefing's sections in reading order, Key points first, in one shape for the
    templates (the `section` and `sentence` blocks render them all)."""
    parts: list[dict[str, Any]] = []
    if b.key_points:
        parts.append({"key": True, "id": "key-points", "anchor": "key-points", "title": "Key points",
                      "description": None, "picks": b.key_points, "candidates": 0, "theme": None})
    for s in b.sections:
        parts.append({"key": False, "id": s.theme.id, "anchor": f"theme-{s.theme.id}", "title": s.theme.title,
                      "description": s.theme.description, "picks": s.picks, "candidates": s.candidates,
                      "theme": s.theme})
    return parts


def render_html(b: Briefing, template_dir: str | Path | None = None) -> str:
    from markupsafe import Markup

    from .charts import charts_for

    css = template_source("briefing.css", template_dir)
    charts = [{"id": c.id, "title": c.title, "summary": c.summary, "svg": Markup(c.svg)} for c in charts_for(b)]
    return _render("html", "briefing.html.j2", template_dir, css=Markup(css), charts=charts, **_context(b))


def render_text(b: Briefing, template_dir: str | Path | None = None) -> str:
    return _render("txt", "briefing.txt.j2", template_dir, **_context(b))


def render_markdown(b: Briefing, template_dir: str | Path | None = None) -> str:
    return _render("md", "briefing.md.j2", template_dir, **_context(b))


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


def render_pdf(b: Briefing, html: str | None = None, template_dir: str | Path | None = None) -> bytes:
    return pdf_from_html(html or render_html(b, template_dir))


def pdf_from_html(html: str) -> bytes:
    """The briefing's HTML (`render_html`) as a PDF; nothing outside it is fetched."""
    import weasyprint

    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=_refusing_fetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1")  # tagged, with the document language and title
