"""Property tests (hypothesis): arbitrary text and bytes through ingest → clean → segment →
build → render.

Two properties, over every input kind (text, Markdown, JSON, JSON Lines, HTML page, RSS,
Atom, and a file with an unknown suffix that is sniffed):

1. Nothing raises. `read_inputs` never raises for any file content, YAML front matter
   included (a bad input is a warning); `brief.pipeline.build` raises only `BriefError`
   subclasses; `clean` and `segment` take any text; a briefing that was built always
   renders as HTML, Markdown and JSON, and the result can be written as UTF-8 (what
   `deliver.write_atomic` does).
2. Nothing from an input becomes markup. Inputs carry hostile payloads (script tags, event
   handlers, attribute breakouts, `javascript:`/`data:`/`file:` URLs, `</style>`, Jinja
   syntax, Markdown links) in every field a reader takes (text, title, outlet, URL, date:
   for text and Markdown through YAML front matter, for pages the <title>, og:site_name,
   canonical link and published-time meta, for feeds the channel title, item title,
   description, content:encoded and link), mixed with realistic on-theme sentences so that
   they survive cleaning and are really picked. The HTML, parsed as a browser would
   (tinyhtml5, the HTML5 parser WeasyPrint uses), holds only the template's own elements,
   no event handler, no link that is not http(s) or an in-page anchor, one untouched
   <style>; every picked sentence, title and outlet is visible verbatim (so no Jinja was
   evaluated: no "49" where "{{ 7*7 }}" was). The Markdown has no unescaped `<` but the
   template's own `<https://…>` autolinks to the articles' safe URLs, and no link syntax
   but the `[n]` citations.

`test_security.py` checks fixed payloads through every format (PDF included) and the
refusing URL fetcher; this file generalises the escaping and robustness checks to
generated inputs of every kind. Failures hypothesis found once are pinned with `@example`
so they stay fixed.
"""

from __future__ import annotations

import html as htmllib
import json
import re
import tempfile
import unicodedata
from datetime import date, datetime, timezone
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import pytest
import tinyhtml5
from hypothesis import HealthCheck, Phase, event, example, given, note, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from brief.clean import clean
from brief.errors import BriefError
from brief.ingest import SUFFIX_KINDS, read_inputs
from brief.model import Briefing, RawArticle
from brief.pipeline import build
from brief.render import (cited_articles, md_escape, render_html, render_json, render_markdown, safe_url, source_title,
                          templates_dir)
from brief.segment import segment, split_sentences
from brief.select import SelectOptions
from brief.themes import load_themes

THEMES = load_themes(None)
DATE = date(2026, 11, 21)
NOW = datetime(2026, 11, 21, 8, 0, tzinfo=timezone.utc)
OPTIONS = SelectOptions(sentences=3)

SETTINGS = settings(
    deadline=None,
    max_examples=50,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],  # no slow "explain"
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)

# --- what the template may produce -------------------------------------------------------

XHTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"
TEMPLATE_TAGS = frozenset(
    "html head meta title style body header p time h1 nav ul li a span main section h2 ol footer div figure bdi".split()
) | {SVG + name for name in "svg defs style title desc g rect path text tspan circle line polyline".split()}
URL_ATTRIBUTES = frozenset(
    "href src action formaction data poster srcset xlink:href background cite longdesc ping".split()
)
CSS = (templates_dir() / "briefing.css").read_text(encoding="utf-8")

# --- hostile material --------------------------------------------------------------------

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<img src="file:///etc/passwd">',
    '"><svg onload=alert(1)>',
    "'><svg/onload=alert(1)>",
    '" onmouseover="alert(1)',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    "javascript:alert(1)",
    "</style><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
    "<style>body{background:url(http://evil.example/x)}</style>",
    "{{ 7*7 }}",
    "{% raw %}{{ 7*7 }}{% endraw %}",
    "{{ config.items() }}",
    "{{ ''.__class__.__mro__ }}",
    "{# comment #}",
    "[click](javascript:alert(1))",
    "![x](file:///etc/passwd)",
    "[x]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "<https://evil.example/x>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "\\<script>alert(1)\\</script>",
    "`<b>code</b>`",
    "<!-- x -->",
    "<![CDATA[<script>alert(1)</script>]]>",
]
HOSTILE_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file:///etc/passwd",
    "vbscript:msgbox(1)",
    'https://example.com/"><script>alert(1)</script>',
    "https://example.com/a?q=<script>alert(1)</script>",
    "http://example.com/x' onmouseover='alert(1)",
    "//evil.example/x",
    "https://example.com/news/story-1",
    "http://example.org/world/2026/11/20/talks",
]
SUBJECTS = [
    "NATO allies", "The European Union", "Gas pipeline operators", "Ukraine's energy ministry",
    "Russian forces", "Sanctions envoys", "Officials in Kyiv", "The alliance",
]
VERBS = ["said", "warned", "agreed", "announced", "discussed", "confirmed"]
OBJECTS = [
    "new sanctions on the shadow fleet", "NATO membership for Ukraine", "the oil price cap",
    "transit fees for gas through the pipeline", "the front line near Pokrovsk",
    "the accession plan for the alliance", "an embargo on Russian crude", "repairs to the power grid",
]
TAILS = ["on Tuesday", "this winter", "at the summit in Brussels", "after talks in Geneva", ""]

payloads = st.sampled_from(PAYLOADS)
# Printable-ish text (no surrogates: files are UTF-8); arbitrary code points otherwise.
junk = st.text(max_size=24)
injections = st.one_of(
    payloads,
    st.builds("{} {}".format, payloads, payloads),
    st.builds("{}{}".format, payloads, junk),
    junk,
    st.just(""),
)


def _sentence(subject: str, verb: str, obj: str, inject: str, tail: str) -> str:
    return " ".join(f"{subject} {verb} {obj} {inject} {tail}".split()) + "."


sentences = st.builds(
    _sentence, st.sampled_from(SUBJECTS), st.sampled_from(VERBS), st.sampled_from(OBJECTS),
    injections, st.sampled_from(TAILS),
)
paragraphs = st.lists(
    st.one_of(
        st.lists(sentences, min_size=1, max_size=3).map(" ".join),
        st.builds("{} {}".format, sentences, st.text(max_size=120)),
        st.text(max_size=200),
    ),
    min_size=1,
    max_size=5,
)
fields = st.one_of(
    payloads,
    st.builds("{} {} {}".format, st.sampled_from(["Kyiv", "Wire", "Summit", "NATO"]), payloads, junk),
    junk,
)
urls = st.one_of(st.sampled_from(HOSTILE_URLS), st.builds("https://example.com/{}".format, junk), junk)
dates = st.one_of(
    st.sampled_from(["2026-11-20", "2026-11-20T08:00:00+02:00", "Fri, 20 Nov 2026 08:00:00 GMT", "2026-02-30", "1e400"]),
    fields,
)


@st.composite
def articles(draw) -> list[dict]:
    """One or two articles; the second is sometimes a copy of the first under another
    outlet, so that "Also published by" is rendered too."""
    first = {
        "title": draw(fields),
        "source": draw(fields),
        "url": draw(urls),
        "published": draw(dates),
        "paragraphs": draw(paragraphs),
        "markup": draw(st.booleans()),  # HTML-ish kinds: payloads as real markup, or as text
        "front": draw(st.booleans()),  # text and Markdown: metadata in YAML front matter
    }
    out = [first]
    second = draw(st.sampled_from(["none", "copy", "other"]))
    if second != "none":
        out.append(
            {
                "title": draw(fields),
                "source": draw(fields),
                "url": draw(urls),
                "published": draw(dates),
                "paragraphs": first["paragraphs"] if second == "copy" else draw(paragraphs),
                "markup": draw(st.booleans()),
                "front": draw(st.booleans()),
            }
        )
    return out


# --- writers: articles as files of each kind ---------------------------------------------

_XML_INVALID = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    """Text a feed generator would emit: XML-invalid characters dropped, then escaped."""
    return xml_escape(_XML_INVALID.sub("", text))


def _xml_attr(text: str) -> str:
    return quoteattr(_XML_INVALID.sub("", text))


def _cdata(text: str) -> str:
    return "<![CDATA[" + _XML_INVALID.sub("", text).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _body_html(a: dict) -> str:
    return "".join(f"<p>{p if a['markup'] else htmllib.escape(p)}</p>\n" for p in a["paragraphs"])


def _front_matter(a: dict) -> str:
    """YAML front matter carrying the metadata (a JSON string is a YAML double-quoted scalar)."""
    if not a["front"]:
        return ""
    fields_ = (("title", a["title"]), ("source", a["source"]), ("url", a["url"]), ("published", a["published"]))
    return "---\n" + "".join(f"{key}: {json.dumps(value)}\n" for key, value in fields_) + "---\n"


def write_text(arts: list[dict]) -> list[tuple[str, bytes]]:
    return [
        (
            f"article-{n}.txt",
            (_front_matter(a) + a["title"] + "\n\n" + "\n\n".join(a["paragraphs"]) + "\n").encode("utf-8"),
        )
        for n, a in enumerate(arts, 1)
    ]


def write_markdown(arts: list[dict]) -> list[tuple[str, bytes]]:
    out = []
    for n, a in enumerate(arts, 1):
        body = "\n\n".join(
            (f"> {p}" if i % 3 == 1 else f"- **{p}**" if i % 3 == 2 else p) for i, p in enumerate(a["paragraphs"])
        )
        doc = f"{_front_matter(a)}# {a['title']}\n\n{body}\n\n[{a['source']}]({a['url']}) ![{a['title']}]({a['url']})\n"
        out.append((f"article-{n}.md", doc.encode("utf-8")))
    return out


def _record(a: dict) -> dict:
    text = _body_html(a) if a["markup"] else "\n\n".join(a["paragraphs"])
    return {"title": a["title"], "source": a["source"], "url": a["url"], "published": a["published"], "text": text}


def write_json(arts: list[dict]) -> list[tuple[str, bytes]]:
    doc = {"articles": [_record(a) for a in arts]} if len(arts) > 1 else _record(arts[0])
    return [("export.json", json.dumps(doc, ensure_ascii=arts[0]["markup"]).encode("utf-8"))]


def write_jsonl(arts: list[dict]) -> list[tuple[str, bytes]]:
    return [("export.jsonl", "".join(json.dumps(_record(a)) + "\n" for a in arts).encode("utf-8"))]


def write_html(arts: list[dict]) -> list[tuple[str, bytes]]:
    out = []
    for n, a in enumerate(arts, 1):
        e = htmllib.escape
        doc = (
            "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>\n"
            f"<title>{e(a['title'])}</title>\n"
            f'<meta property="og:site_name" content="{e(a["source"])}">\n'
            f'<meta property="og:title" content="{e(a["title"])}">\n'
            f'<link rel="canonical" href="{e(a["url"])}">\n'
            f'<meta property="article:published_time" content="{e(a["published"])}">\n'
            "</head><body><nav><a href=/>Home</a></nav>\n"
            f"<article><h1>{e(a['title'])}</h1>\n{_body_html(a)}</article>\n"
            "<footer><p>Copyright 2026 Example Media.</p></footer></body></html>\n"
        )
        out.append((f"page-{n}.html", doc.encode("utf-8")))
    return out


def write_rss(arts: list[dict]) -> list[tuple[str, bytes]]:
    items = []
    for n, a in enumerate(arts):
        content = _body_html(a)
        source = f"<source url=\"https://example.com/\">{_xml(a['source'])}</source>" if n else ""
        items.append(
            f"<item><title>{_xml(a['title'])}</title><link>{_xml(a['url'])}</link>"
            f"<description>{_xml(content)}</description>"
            f"<content:encoded>{_cdata(content)}</content:encoded>{source}"
            f"<pubDate>{_xml(a['published'])}</pubDate></item>\n"
        )
    doc = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>\n'
        f"<title>{_xml(arts[0]['source'])}</title><link>{_xml(arts[0]['url'])}</link>"
        f"<description>{_xml(arts[0]['title'])}</description>\n{''.join(items)}</channel></rss>\n"
    )
    return [("feed.rss", doc.encode("utf-8"))]


def write_atom(arts: list[dict]) -> list[tuple[str, bytes]]:
    entries = []
    for n, a in enumerate(arts):
        content = _body_html(a)
        source = f"<source><title>{_xml(a['source'])}</title></source>" if n else ""
        entries.append(
            f"<entry><title type=\"html\">{_xml(a['title'])}</title>"
            f"<link rel=\"alternate\" href={_xml_attr(a['url'])}/><id>urn:brief:{n}</id>"
            f"<published>{_xml(a['published'])}</published><updated>2026-11-20T08:00:00Z</updated>"
            f"<summary type=\"html\">{_xml(content)}</summary>"
            f"<content type=\"html\">{_xml(content)}</content>{source}</entry>\n"
        )
    doc = (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{_xml(arts[0]['source'])}</title><id>urn:brief:feed</id>"
        f"<updated>2026-11-20T08:00:00Z</updated>\n{''.join(entries)}</feed>\n"
    )
    return [("feed.atom", doc.encode("utf-8"))]


WRITERS = {
    "text": write_text,
    "markdown": write_markdown,
    "json": write_json,
    "jsonl": write_jsonl,
    "html": write_html,
    "rss": write_rss,
    "atom": write_atom,
}
# Which fields of the generated article each kind carries into the briefing (text and
# Markdown: outlet and URL through YAML front matter).
CARRIES = {
    "text": {"text", "title", "source", "url"},
    "markdown": {"text", "title", "source", "url"},
    "json": {"text", "title", "source", "url"},
    "jsonl": {"text", "title", "source", "url"},
    "html": {"text", "title", "source", "url"},
    "rss": {"text", "title", "source", "url"},
    "atom": {"text", "title", "source", "url"},
}

# --- running the pipeline -----------------------------------------------------------------


def _event(value: str) -> None:
    if currently_in_test_context():  # the guard tests below run without hypothesis
        event(value)


def run(paths: list[Path], title: str = "Daily briefing") -> Briefing | None:
    """build() on the paths: a Briefing, or None when it raised a BriefError. Anything
    else propagates and fails the test."""
    try:
        return build([str(p) for p in paths], themes=THEMES, options=OPTIONS, title=title, date=DATE, now=NOW)
    except BriefError as exc:
        _event(f"build raised {type(exc).__name__}")
        return None


def render_all(b: Briefing) -> tuple[str, str, str]:
    """HTML, Markdown and JSON; each must be writable as UTF-8, as deliver.write_atomic does."""
    html, md, js = render_html(b), render_markdown(b), render_json(b)
    for doc in (html, md, js):
        doc.encode("utf-8")
    return html, md, js


def write_files(folder: Path, files: list[tuple[str, bytes]]) -> list[Path]:
    for old in folder.iterdir():
        old.unlink()
    paths = []
    for name, data in files:
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


# --- checks on the outputs ----------------------------------------------------------------


def norm(text: str) -> str:
    """Whitespace collapsed; controls, surrogates and U+FFFD (which an HTML parser rewrites)
    dropped on both sides of a comparison."""
    kept = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cs") and ch != "\ufffd")
    return " ".join(kept.split())


def _local(tag: object) -> str:
    return tag.removeprefix(XHTML) if isinstance(tag, str) else "#comment"


def _text_without(element, skip) -> str:
    """All text under `element`, leaving out subtrees for which `skip(el)` is true."""
    parts: list[str] = []

    def walk(el) -> None:
        if skip(el):
            if el.tail:
                parts.append(el.tail)
            return
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if el.tail and el is not element:
            parts.append(el.tail)

    walk(element)
    return " ".join(parts)


def _url_value(value: str) -> str:
    """A URL attribute as a browser reads it: outer whitespace/controls stripped, tabs and
    newlines inside removed, lower case."""
    return re.sub(r"[\t\n\r]", "", value.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f"
                                                 "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")).lower()


def article_urls(b: Briefing) -> set[str]:
    found = {safe_url(a.url) for a in b.articles} | {safe_url(c.url) for a in b.articles for c in a.copies}
    return {u for u in found if u}


def check_html(html: str, b: Briefing, *, folder: Path, inputs: str | None) -> None:
    low = html.lower()
    assert "<script" not in low, "a <script> tag in the HTML"
    # Every real tag (attribute values are quoted and escaped, so none holds < or >):
    # no event handler once the quoted values are taken out.
    for tag in re.findall(r"<[^<>]*>", html):
        bare = re.sub(r'"[^"]*"', '""', tag)
        assert not re.search(r"[\s/\"']on[a-z]+\s*=", bare, re.I), f"event handler in {tag[:120]!r}"
        assert not re.search(r"(?:javascript|vbscript|data|file):", bare, re.I), f"URL scheme in {tag[:120]!r}"

    root = tinyhtml5.parse(html)
    elements = list(root.iter())
    names = [_local(el.tag) for el in elements]
    stray = set(names) - TEMPLATE_TAGS
    assert not stray, f"elements not in the template: {sorted(stray)}"
    styles = [el for el in elements if _local(el.tag) == "style"]
    assert len(styles) == 1 and styles[0].text == CSS, "article text opened, closed or changed a <style>"
    links = article_urls(b)
    for el in elements:
        for name, value in el.attrib.items():
            name = str(name).lower()
            assert not name.startswith("on"), f"event handler {name}= on <{_local(el.tag)}>"
            if name in URL_ATTRIBUTES:
                url = _url_value(value)
                assert not url.startswith(("javascript:", "vbscript:", "data:", "file:")), f"{name}={value!r}"
                assert url.startswith(("#", "http://", "https://")), f"{name}={value!r}"
                if not url.startswith("#"):
                    # (an HTML parser reads a NUL as U+FFFD)
                    assert value in {u.replace("\x00", "\ufffd") for u in links}, f"link {value!r} is not an article's safe URL"

    body = root.find(f"{XHTML}body")
    assert body is not None
    visible = norm(_text_without(body, lambda el: False))
    for section in b.sections:
        for pick in section.picks:
            assert norm(pick.text) in visible, f"picked sentence not shown verbatim: {pick.text!r}"
    cited = set(cited_articles(b))  # the source list holds the cited articles
    for article in (a for a in b.articles if a.id in cited):
        shown = source_title(article)  # its title, else its lead cut to one, else its outlet: never its id
        assert norm(shown) in visible, f"title not shown verbatim: {shown!r}"
        if article.source:
            assert norm(article.source) in visible, f"outlet not shown verbatim: {article.source!r}"
    title = root.find(f"{XHTML}head/{XHTML}title")
    assert title is not None and norm(title.text or "") == norm(f"{b.title} — {b.date}")
    if inputs is not None:
        _check_not_evaluated(
            # (the charts hold numbers of their own: counts, coordinates)
            _text_without(body, lambda el: (el.get("class") or "") in ("warnings", "glance")
                          or _local(el.tag) == "footer"),
            inputs, folder,
        )


def _check_not_evaluated(shown: str, inputs: str, folder: Path) -> None:
    """Jinja syntax in article text stays text: no "49" unless an input carried one."""
    if "{{" in inputs and "49" not in re.sub(r"[\s\x00-\x1f\x7f-\x9f]", "", inputs):
        shown = norm(shown).replace(norm(str(folder)), "")
        assert "49" not in shown, "Jinja syntax in the input was evaluated ('49' in the output)"


def _unescaped(md: str):
    """(index, char) of every Markdown character not escaped by a backslash."""
    i = 0
    while i < len(md):
        if md[i] == "\\":
            i += 2
            continue
        yield i, md[i]
        i += 1


def check_markdown(md: str, b: Briefing, *, folder: Path, inputs: str | None) -> None:
    """Outside the template's own `<https://…>` autolinks, every `<`, `` ` `` and `!` is
    escaped and `[`/`]` only form `[n]` citations: no raw HTML, code span, image, inline
    link or reference definition can come from article text. (`[1][2]` would be a
    reference link only if a `[2]: url` definition existed, which nothing can write.)"""
    links = article_urls(b)
    skip_to = 0
    for i, ch in _unescaped(md):
        if i < skip_to:
            continue
        rest = md[i : i + 4096]
        if ch == "<":
            m = re.match(r"<(https?://[^\s<>]+)>", rest)
            assert m, f"raw HTML or a non-http autolink in the Markdown: {rest[:80]!r}"
            assert m.group(1) in links, f"autolink {m.group(1)!r} is not an article's safe URL"
            skip_to = i + m.end()
        elif ch == "[":
            assert re.match(r"\[\d+\](?!\(|:)", rest), f"link syntax in the Markdown: {rest[:80]!r}"
        elif ch == "]":
            assert not rest.startswith(("](", "]:")), f"link syntax in the Markdown: {rest[:80]!r}"
        elif ch in "`!":
            raise AssertionError(f"unescaped {ch!r} in the Markdown: {rest[:80]!r}")
    assert not re.search(r"^\s{0,3}<(?!https?://)", md, re.M), "a line opening with raw HTML"
    for section in b.sections:
        for pick in section.picks:
            assert md_escape(pick.text) in md, f"picked sentence not shown escaped: {pick.text!r}"
    if inputs is not None:
        _check_not_evaluated(md.split("\n## Inputs skipped or repaired")[0], inputs, folder)


def check_json(js: str, b: Briefing) -> None:
    data = json.loads(js)
    assert data["schema"] == "brief/1"
    every = [*data["articles"], *(c for a in data["articles"] for c in a["copies"]), *data["left_out"]]
    for item in every:
        url = item["url"]
        assert url is None or re.match(r"^https?://[^\s<>\"'`]+$", url, re.I), f"unsafe url in JSON: {url!r}"
    picked = [p["text"] for t in data["themes"] for p in t["summary"]]
    assert picked == [p.text for s in b.sections for p in s.picks]


def check_all(b: Briefing, *, folder: Path, inputs: str | None) -> None:
    html, md, js = render_all(b)
    check_html(html, b, folder=folder, inputs=inputs)
    check_markdown(md, b, folder=folder, inputs=inputs)
    check_json(js, b)
    picks = sum(len(s.picks) for s in b.sections)
    _event("rendered, with picks" if picks else "rendered, no picks")


def all_input_text(arts: list[dict], title: str) -> str:
    return "\n".join([title, *(str(v) for a in arts for k, v in a.items() if k != "paragraphs"),
                      *(p for a in arts for p in a["paragraphs"])])


# --- 1. clean and segment take any text ----------------------------------------------------

any_text = st.text(alphabet=st.characters(exclude_categories=()), max_size=400)
texty = st.one_of(
    any_text,
    st.lists(st.one_of(sentences, st.sampled_from(["", "\n", "\n\n", " . . . ", "[ . . . ]", "U.S.", "Gen.",
                                                    "KYIV - ", "By John Smith", "“", "”", "\"", "…"]), any_text),
             max_size=12).map(" ".join),
    st.lists(st.one_of(sentences, any_text), max_size=8).map("\n".join),
)


@settings(SETTINGS, max_examples=80)
@given(text=texty, title=st.one_of(st.none(), any_text), source=st.one_of(st.none(), any_text))
def test_clean_and_segment_take_any_text(text, title, source):
    article = clean(RawArticle(id="a", text=text, title=title, source=source))
    assert all(block.text.strip() for block in article.blocks)
    sentences = segment(article)
    assert [s.position for s in sentences] == list(range(len(sentences)))
    for s in sentences:
        assert s.text.strip() and s.kind in ("sentence", "fragment")
        assert article.blocks[s.block].kind == "prose"
    assert all(part.strip() for part in split_sentences(text))


# --- 2. read_inputs never raises, whatever the bytes -----------------------------------------


def _valid_document(kind: str):
    return articles().map(lambda arts: WRITERS[kind](arts)[0][1])


def _mutate(doc: bytes, cut: int, splice: bytes, at: int) -> bytes:
    """A real document truncated and/or with bytes spliced in: a broken download."""
    doc = doc[: max(1, cut % (len(doc) + 1))] if cut else doc
    at = at % (len(doc) + 1)
    return doc[:at] + splice + doc[at:]


PREFIXES = [
    b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"<?xml version='1.0'?>", b'<?xml version="1.0" encoding="utf-16"?>',
    b"<rss version='2.0'><channel><item><title>", b'<feed xmlns="http://www.w3.org/2005/Atom"><entry>',
    b"<rdf:RDF>", b"<!DOCTYPE html><html><body><p>", b"<html>", b"<body>", b"{", b"[", b'{"text": "',
    b'{"articles": [', b'{"text": "x"}\n{', b"# ",
]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1", "koi8-r", "shift_jis", "gb18030"]


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="ignore")


any_bytes = st.one_of(
    st.binary(max_size=3000),
    st.builds(_encode, st.one_of(st.text(max_size=800), paragraphs.map("\n\n".join)), st.sampled_from(ENCODINGS)),
    st.builds(lambda p, b: p + b, st.sampled_from(PREFIXES), st.one_of(st.binary(max_size=800), st.text(max_size=400).map(str.encode))),
    st.sampled_from(list(WRITERS)).flatmap(
        lambda kind: st.builds(_mutate, _valid_document(kind), st.integers(0, 10**6), st.binary(max_size=40), st.integers(0, 10**6))
    ),
)

def check_read(path: Path, raws: list, warnings: list) -> None:
    assert isinstance(raws, list) and isinstance(warnings, list)
    for raw in raws:
        assert isinstance(raw, RawArticle) and isinstance(raw.text, str) and raw.text.strip()
        assert raw.url is None or re.match(r"^https?://[^\s<>\"'`]+$", raw.url, re.I), raw.url
    for line in warnings:
        assert isinstance(line, str) and str(path) in line, f"warning does not name the input: {line!r}"
        assert "\n" not in line, f"warning is not one line: {line!r}"


# Found by hypothesis (now fixed): a feed whose HTML held a C0 control character made
# lxml raise ValueError out of read_inputs. Pinned on every suffix that reaches the
# feed reader (".dat" is sniffed as one).
FEED_WITH_CONTROL = b"<rss><channel><item><description><![CDATA[<p>\x0b</p>]]></description></item></channel></rss>"
# Every suffix a reader is chosen by; ".dat" is sniffed from the first bytes.
@settings(SETTINGS, max_examples=40)
@pytest.mark.parametrize("suffix", [".txt", ".md", ".json", ".jsonl", ".html", ".xml", ".rss", ".atom", ".dat"])
@example(data=FEED_WITH_CONTROL)
@given(data=any_bytes)
def test_read_inputs_never_raises(suffix, data):
    with tempfile.TemporaryDirectory(prefix="brief-prop-") as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        raws, warnings = read_inputs([str(path)])
        check_read(path, raws, warnings)
        event("articles read" if raws else "no article")


def read_and_build(name: str, text: str) -> None:
    """Write one input file, read it (never raising), build from it and check every output."""
    with tempfile.TemporaryDirectory(prefix="brief-prop-") as tmp:
        folder = Path(tmp)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        raws, warnings = read_inputs([str(path)])
        check_read(path, raws, warnings)
        b = run([path])
        if b is not None:
            check_all(b, folder=folder, inputs=None)


# JSON-shaped documents: any JSON value, records with the field names readers look for
# holding values of any JSON type.
FIELD_NAMES = ["text", "body", "content", "article", "title", "headline", "source", "outlet", "site", "publisher",
               "url", "link", "published", "date", "pubDate", "time", "articles", "name"]
json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=40), sentences)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=6)), inner, max_size=5),
    ),
    max_leaves=16,
)
json_records = st.dictionaries(st.sampled_from(FIELD_NAMES), st.one_of(json_values, sentences), max_size=7)
json_docs = st.one_of(
    json_values,
    json_records,
    st.lists(json_records, max_size=4),
    st.lists(json_records, max_size=4).map(lambda rs: {"articles": rs}),
)


@settings(SETTINGS, max_examples=60)
@given(
    docs=st.lists(json_docs, min_size=1, max_size=4),
    suffix=st.sampled_from([".json", ".jsonl", ".ndjson", ".dat"]),
    ascii_=st.booleans(),
    garbage=st.lists(st.text(max_size=30), max_size=2),
)
def test_json_shaped_inputs_build_or_raise_brief_error(docs, suffix, ascii_, garbage):
    lines = [json.dumps(d, ensure_ascii=ascii_) for d in docs]
    body = "\n".join(lines + garbage) if suffix != ".json" else lines[0]
    read_and_build(f"export{suffix}", body)


# Found by this file while read_json caught only JSONDecodeError; fixed in 81c3184. The
# pinned examples are the minimal failures it found.
@settings(SETTINGS, max_examples=20)
@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
@example(data=b"1" * 4301)
@example(data=b"[" * 10_000 + b"]" * 10_000)
@given(
    data=st.one_of(
        st.integers(4301, 8000).map(lambda n: b'{"text": "NATO allies met.", "n": ' + b"7" * n + b"}"),
        st.integers(4301, 8000).map(lambda n: b"-" + b"9" * n),
        st.integers(20_000, 200_000).map(lambda n: b"[" * n + b"]" * n),
        st.integers(20_000, 200_000).map(lambda n: b'{"a":' * n + b"1" + b"}" * n),
    )
)
def test_read_inputs_survives_json_number_and_depth_limits(suffix, data):
    """Numbers past Python's int-conversion limit and nesting past the recursion limit are
    malformed input like any other: a warning, not an exception."""
    with tempfile.TemporaryDirectory(prefix="brief-prop-") as tmp:
        path = Path(tmp) / f"export{suffix}"
        path.write_bytes(data)
        raws, warnings = read_inputs([str(path)])
        check_read(path, raws, warnings)


# YAML front matter in text and Markdown files: typed scalars (dates and times, some of
# them impossible), tags, anchors, deep nesting, plain junk.
_years, _months, _days = st.integers(0, 9999), st.integers(0, 19), st.integers(0, 39)
yaml_values = st.one_of(
    st.builds("{:04d}-{:02d}-{:02d}".format, _years, _months, _days),
    st.builds("{:04d}-{:02d}-{:02d} {:02d}:{:02d}:{:02d}".format, _years, _months, _days,
              st.integers(0, 29), st.integers(0, 69), st.integers(0, 69)),
    st.integers(1, 3000).map(lambda n: "[" * n + "]" * n),
    st.sampled_from(["!!binary aGVsbG8=", "!!timestamp 2026-11-20", "!!float .nan", "!!python/object:os.system x",
                     "&a [*a]", "*missing", "{a: [b, {c: d}]}", "[a, b]: c", "|\n  block\n  text", "~", "yes",
                     ".inf", "0x1F", "2026-11-20T08:00:00Z", '"{{ 7*7 }}"', "<script>alert(1)</script>"]),
    st.text(max_size=40),
)
front_matters = st.lists(
    st.tuples(st.sampled_from(["title", "source", "url", "published", "date", "headline", "outlet", "link", "tags"]),
              yaml_values),
    max_size=5,
)


@settings(SETTINGS, max_examples=30)
@pytest.mark.parametrize("suffix", [".md", ".txt"])
@example(front=[("title", "0000-00-00")])  # hypothesis's minimal failure
@example(front=[("date", "2026-02-30")])  # the everyday one: a typo in a note's date
@given(front=front_matters)
def test_front_matter_never_raises(suffix, front):
    """Front matter is metadata: whatever it holds, the article is read (a warning at worst)."""
    doc = ("---\n" + "".join(f"{key}: {value}\n" for key, value in front) + "---\n"
           "NATO allies discussed membership for Ukraine at the summit in Brussels on Tuesday.\n")
    read_and_build(f"note{suffix}", doc)


# --- 3. build raises only BriefError; what it builds renders -------------------------------


SUFFIX_GROUPS = {
    "text-md-html": [".txt", ".md", ".html", ".htm"],
    "json": [".json", ".jsonl", ".ndjson"],
    "feeds": [".xml", ".rss", ".atom"],
    "sniffed": [".dat", "", ".log", ".bin"],  # unknown suffixes: the kind comes from the first bytes
}
assert {x for group in SUFFIX_GROUPS.values() for x in group} - set(SUFFIX_GROUPS["sniffed"]) <= set(SUFFIX_KINDS)


@settings(SETTINGS, max_examples=25)
@pytest.mark.parametrize("group", ["text-md-html", "json", "feeds", "sniffed"])
@example(files=[(0, FEED_WITH_CONTROL)])
@given(files=st.lists(st.tuples(st.integers(0, 3), any_bytes), min_size=1, max_size=3))
def test_build_on_arbitrary_files_raises_only_brief_errors(group, files):
    suffixes = SUFFIX_GROUPS[group]
    with tempfile.TemporaryDirectory(prefix="brief-prop-") as tmp:
        folder = Path(tmp)
        paths = write_files(folder, [(f"input-{n}{suffixes[i % len(suffixes)]}", data) for n, (i, data) in enumerate(files)])
        b = run(paths)
        if b is not None:
            check_all(b, folder=folder, inputs=None)


@settings(SETTINGS, max_examples=20)
@pytest.mark.parametrize("kind", ["json", "rss", "atom"])
@example(bad="\ufffe")
@given(bad=st.sampled_from([*(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"), "\ufffe", "\uffff"]))
def test_markup_with_control_characters_is_read(kind, bad):
    """HTML in a JSON "text" field or a feed entry, with a stray control character or
    noncharacter (a Word paste, a broken CMS export): a warning at worst, never an exception."""
    html = f"<p>NATO allies discussed membership at the summit in Brussels on Tuesday.{bad}</p>"
    doc = {
        "json": json.dumps({"title": "Summit", "text": html}, ensure_ascii=False),
        "rss": f"<rss version=\"2.0\"><channel><title>Wire</title><item><title>Summit</title>"
               f"<description><![CDATA[{html}]]></description></item></channel></rss>",
        "atom": f'<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><entry><title>Summit</title>'
                f'<content type="html">{htmllib.escape(html)}</content></entry></feed>',
    }[kind]
    read_and_build(f"input.{kind}", doc)


# Found by this file (outputs raised UnicodeEncodeError in deliver.write_atomic); fixed in
# 81c3184 (lone surrogates become U+FFFD at ingest). The pinned example is the minimal one.
@settings(SETTINGS, max_examples=20)
@example(record={"title": "\ud800", "text": "NATO allies discussed membership at the summit in Brussels on Tuesday."})
@given(
    record=st.fixed_dictionaries(
        {"text": st.builds("{} {}".format, sentences, st.text(st.characters(categories=["Cs"]), min_size=1, max_size=3))},
        optional={"title": st.text(st.characters(categories=["Cs", "L"]), min_size=1, max_size=10),
                  "source": st.text(st.characters(categories=["Cs", "L"]), min_size=1, max_size=10)},
    )
)
def test_json_string_escapes_to_lone_surrogates_still_render(record):
    """JSON may spell any code point, "\\ud83d" (half an emoji, from a truncated post)
    included; a briefing built from it must still be writable."""
    with tempfile.TemporaryDirectory(prefix="brief-prop-") as tmp:
        folder = Path(tmp)
        path = folder / "export.json"
        path.write_text(json.dumps(record), encoding="ascii")
        b = run([path])
        if b is not None:
            check_all(b, folder=folder, inputs=None)


# --- 4. hostile fields in every kind come out as inert text ---------------------------------


@settings(SETTINGS, max_examples=45)
@pytest.mark.parametrize("kind", list(WRITERS))
@given(arts=articles(), title=st.one_of(st.just("Daily briefing"), fields))
def test_hostile_inputs_render_as_inert_text(kind, arts, title):
    with tempfile.TemporaryDirectory(prefix="brief-prop-") as tmp:
        folder = Path(tmp)
        paths = write_files(folder, WRITERS[kind](arts))
        raws, _ = read_inputs([str(p) for p in paths])
        for raw in raws:
            assert raw.url is None or safe_url(raw.url), raw.url
        b = run(paths, title=title)
        if b is None:
            return
        note(f"picks: {[p.text for s in b.sections for p in s.picks]}")
        check_all(b, folder=folder, inputs=all_input_text(arts, title))


# Guard for the property above: with each writer, hostile fields really reach the
# briefing (picked sentences with payloads, hostile titles and outlets in the sources), so
# the checks are not passing vacuously on empty briefings.
GUARD = [
    {
        "title": "NATO <script>alert(1)</script> {{ 7*7 }} summit",
        "source": 'Evil Wire "><svg onload=alert(1)> </style>',
        "url": "javascript:alert(1)",
        "published": "{{ 7*7 }}",
        "paragraphs": [
            "NATO allies discussed membership for Ukraine <img src=x onerror=alert(1)> at the summit in Brussels on Tuesday.",
            "Sanctions envoys said the oil price cap {{ 7*7 }} on Russian crude would be lowered again this winter.",
            "Gas pipeline operators warned that transit fees [click](javascript:alert(1)) would rise sharply this winter.",
            "The European Union announced new sanctions on the shadow fleet </style><script>alert(1)</script> after talks in Geneva.",
        ],
        "markup": False,
        "front": True,
    },
    {
        "title": "Pipeline repairs finish early",
        "source": "Plain Wire",
        "url": "https://example.com/news/pipeline-repairs",
        "published": "2026-11-20T08:00:00+01:00",
        "paragraphs": [
            "Engineers finished repairs to the gas pipeline compressor station two days early, the operator said on Thursday.",
            "Officials in Kyiv said the repairs to the power grid would hold through the winter despite new attacks.",
            "The alliance confirmed that NATO membership for Ukraine remained on the agenda for the next summit.",
        ],
        "markup": False,
        "front": True,
    },
]


@pytest.mark.parametrize("kind", list(WRITERS))
def test_hostile_fields_reach_the_briefing(kind, tmp_path):
    paths = write_files(tmp_path, WRITERS[kind](GUARD))
    b = run(paths)
    assert b is not None, "the guard articles did not make a briefing"
    picks = [p.text for s in b.sections for p in s.picks]
    assert any("onerror=" in p or "{{ 7*7 }}" in p or "javascript:" in p or "<script>" in p for p in picks), picks
    html, _, _ = render_all(b)
    if "title" in CARRIES[kind]:
        assert any(a.title and "{{ 7*7 }}" in a.title for a in b.articles), [a.title for a in b.articles]
    if "source" in CARRIES[kind]:
        assert any(a.source and "Evil Wire" in a.source for a in b.articles), [a.source for a in b.articles]
    if "url" in CARRIES[kind]:
        assert "https://example.com/news/pipeline-repairs" in {a.url for a in b.articles}
    check_all(b, folder=tmp_path, inputs=all_input_text(GUARD, "Daily briefing"))
    assert "&lt;script&gt;" in html or "&lt;img" in html
