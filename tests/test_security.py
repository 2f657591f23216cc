"""Hostile article text must come out of every format as inert text.

Article text is untrusted (scraped pages, wire feeds). The payloads below sit inside
on-theme sentences so they are really picked into the briefing, then every format is
checked: no markup, script, link or fetch comes out of them, and their text is still
there for the reader to see.
"""

from __future__ import annotations

import http.server
import io
import json
import re
import shutil
import subprocess
import threading
from html.parser import HTMLParser
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from brief.cli import cli
from brief.pipeline import build as build_briefing
from brief.render import refuse_fetch, render_pdf

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DATE = "2026-11-21"
STEM = f"briefing-{DATE}"

SCRIPT = "<script>alert(1)</script>"
IMG = '<img src="file:///etc/passwd">'
MD_LINK = "[click](javascript:alert(1))"
ONERROR = '<b onerror="alert(1)">bold</b>'
STYLE = "</style>"
JINJA = "{{ 7*7 }}"
RAW = "{% raw %}"

HOSTILE_SENTENCES = {
    SCRIPT: f"NATO allies discussed membership {SCRIPT} at the summit in Brussels on Tuesday.",
    IMG: f"Gas pipeline operators warned that transit {IMG} fees would rise sharply this winter.",
    MD_LINK: f"New sanctions on the shadow fleet were announced {MD_LINK} by the European Union.",
    ONERROR: f"The alliance said NATO membership for Ukraine {ONERROR} remained a distant goal.",
    STYLE: f"Energy ministers said the gas pipeline deal {STYLE} could collapse if sanctions are tightened.",
    JINJA: f"Sanctions envoys said the price cap {JINJA} on Russian oil would be lowered again.",
    RAW: f"NATO allies agreed the accession plan {RAW} would wait until after the ceasefire talks.",
}
PLAIN_SENTENCES = [
    "Officials said NATO allies would increase support for Ukraine's air defences this winter.",
    "Gas prices in Europe rose after the pipeline transit deal was suspended by Kyiv.",
    "The European Union said new sanctions against Russian banks would take effect next month.",
]
HOSTILE_RECORD = {
    "title": f"NATO {SCRIPT} {JINJA} summit {IMG}",
    "source": f'Evil <img src=x onerror="alert(1)"> Wire {STYLE} {MD_LINK}',
    "url": "javascript:alert(1)",
    "text": "\n\n".join([*HOSTILE_SENTENCES.values(), *PLAIN_SENTENCES]),
}
BENIGN_RECORD = {
    "title": "Pipeline repairs finish early",
    "source": "Plain Wire",
    "url": "https://example.com/news/pipeline-repairs",
    "text": "Engineers finished repairs to the gas pipeline compressor station two days early, "
    "the operator said on Thursday.",
}


def run_build(*args: str):
    return CliRunner().invoke(cli, ["build", "--no-scope", *args])  # these articles need not name Ukraine


def write_jsonl(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


class TagWalker(HTMLParser):
    """Every start tag with its attributes, and the visible text, as a browser would parse it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if not self._in_style:
            self.text.append(data)


def walk(html: str) -> TagWalker:
    walker = TagWalker()
    walker.feed(html)
    walker.close()
    return walker


def squash(text: str) -> str:
    """Text without whitespace, so line wrapping in a PDF does not split a payload."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """One run over the hostile article (plus a benign one with a real link), all formats."""
    tmp = tmp_path_factory.mktemp("hostile")
    feed = write_jsonl(tmp / "hostile.jsonl", HOSTILE_RECORD, BENIGN_RECORD)
    out = tmp / "out"
    result = run_build(str(feed), "--format", "json,html,md,pdf", "--out", str(out), "--date", DATE,
                       "--sentences", "20")
    assert result.exit_code == 0, result.stderr
    return {
        "result": result,
        "json": json.loads((out / f"{STEM}.json").read_text(encoding="utf-8")),
        "html": (out / f"{STEM}.html").read_text(encoding="utf-8"),
        "md": (out / f"{STEM}.md").read_text(encoding="utf-8"),
        "pdf": out / f"{STEM}.pdf",
    }


def test_hostile_sentences_are_picked(hostile):
    """Guard for the other tests: every payload really reaches the briefing."""
    doc = hostile["json"]
    picked = [p["text"] for p in doc["key_points"]] + [p["text"] for t in doc["themes"] for p in t["summary"]]
    for payload, sentence in HOSTILE_SENTENCES.items():
        assert sentence in picked, f"sentence with {payload!r} was not picked"


def test_json_drops_javascript_url_and_warns(hostile):
    by_title = {a["title"]: a for a in hostile["json"]["articles"]}
    assert by_title[HOSTILE_RECORD["title"]]["url"] is None
    assert by_title[BENIGN_RECORD["title"]]["url"] == BENIGN_RECORD["url"]
    assert any("javascript:" in w and "hostile.jsonl" in w for w in hostile["json"]["warnings"])
    assert "javascript:" in hostile["result"].stderr


CHART = re.compile(r'<figure class="chart" id="chart-[a-z]+-figure">(.*?)</figure>', re.S)
SVG_TAGS = {"svg", "defs", "style", "title", "desc", "g", "rect", "path", "text", "tspan", "circle", "line", "polyline"}


def test_charts_are_inert_svg_with_article_data_as_text(hostile):
    """The outlet chart's labels are article data (a hostile outlet name here): only drawing
    elements come out, no script, handler or link, and the name is there as text."""
    charts = CHART.findall(hostile["html"])
    assert len(charts) == 2, "sentences per theme and articles per outlet"
    for svg in charts:
        chart = walk(svg)
        assert {tag for tag, _ in chart.tags} <= SVG_TAGS
        for tag, attrs in chart.tags:
            for name, _ in attrs:
                assert not name.startswith("on") and "href" not in name and name != "src", f"{name}= on <{tag}>"
    outlets = walk(charts[1])
    assert any(HOSTILE_RECORD["source"][:30] in t for t in outlets.text)


def test_html_has_no_markup_from_articles(hostile):
    html = CHART.sub("", hostile["html"])  # the charts are checked above
    page = walk(html)
    names = [tag for tag, _ in page.tags]

    for tag in ("script", "img", "iframe", "object", "embed", "svg", "link", "base", "form", "b"):
        assert tag not in names, f"<{tag}> in the HTML"
    assert names.count("style") == 1, "article text opened or closed a <style>"
    for tag, attrs in page.tags:
        for name, value in attrs:
            assert not name.startswith("on"), f"event handler {name}= on <{tag}>"
            if name in ("href", "src", "action", "formaction", "data", "poster", "srcset", "xlink:href"):
                value = re.sub(r"\s+", "", value or "").lower()
                assert "javascript:" not in value, f"{name}={value!r} on <{tag}>"
                assert value.startswith(("#", "http://", "https://")), f"{name}={value!r} on <{tag}>"
    hrefs = [v for t, a in page.tags if t == "a" for n, v in a if n == "href"]
    assert BENIGN_RECORD["url"] in hrefs

    csp = [dict(a).get("content", "") for t, a in page.tags if t == "meta" and
           (dict(a).get("http-equiv") or "").lower() == "content-security-policy"]
    assert csp and "default-src 'none'" in csp[0]


def test_html_shows_payloads_as_escaped_text(hostile):
    html = hostile["html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;/style&gt;" in html
    visible = "".join(walk(html).text)
    for sentence in HOSTILE_SENTENCES.values():
        assert sentence in visible
    assert HOSTILE_RECORD["title"] in visible
    assert "price cap 49" not in visible and "price cap {{ 7*7 }} on Russian oil" in visible
    assert "summit 49" not in visible


def test_markdown_has_no_html_or_links_from_articles(hostile):
    md = hostile["md"]
    # Angle brackets are only allowed as escapes (\<) or around http(s) autolinks.
    for m in re.finditer(r"(?<!\\)<([^>\s]*)", md):
        assert m.group(1).lower().startswith(("http://", "https://")), f"raw {m.group(0)!r} in Markdown"
    assert not re.search(r"(?<!\\)<script", md, re.I)
    assert "](javascript:" not in md.lower()
    assert not re.search(r"\]\s*\(\s*javascript:", md, re.I)
    assert "<javascript:" not in md.lower()
    # Inline links and images cannot be formed from article text at all.
    assert not re.search(r"(?<!\\)\]\(", md)
    assert f"<{BENIGN_RECORD['url']}>" in md
    # The payload words are still there, escaped.
    assert r"\<script\>alert\(1\)\</script\>" in md
    assert "49" not in md.split("## Sources")[0].replace(DATE, "")


def test_pdf_links_are_http_or_internal_only(hostile):
    reader = pypdf.PdfReader(hostile["pdf"])
    uris, internal = [], 0
    for page in reader.pages:
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            action = annot.get("/A")
            if action is not None:
                action = action.get_object()
                assert action.get("/S") in ("/URI", "/GoTo"), f"PDF action {action.get('/S')}"
                if action.get("/S") == "/URI":
                    uris.append(str(action["/URI"]))
                else:
                    internal += 1
            elif annot.get("/Dest") is not None:
                internal += 1
    assert uris == [BENIGN_RECORD["url"]] * len(uris) and uris, uris
    assert internal > 0
    assert not reader.attachments
    root = reader.trailer["/Root"]
    assert "/OpenAction" not in root and "/AA" not in root
    assert "/JavaScript" not in (root.get("/Names") or {})


def test_pdf_shows_payloads_as_text(hostile):
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(hostile["pdf"]), "-"],
                          capture_output=True, check=True, timeout=60).stdout.decode("utf-8")
    flat = squash(text)
    for payload in (SCRIPT, IMG, MD_LINK, ONERROR, STYLE, JINJA, RAW):
        assert squash(payload) in flat, f"{payload!r} not visible in the PDF"
    assert "pricecap49" not in flat


# --- nothing is fetched while the PDF is made ---


@pytest.fixture
def server():
    """A local HTTP server that records every request it gets."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            body = b"p { color: red }" if self.path.endswith(".css") else b"\x89PNG\r\n\x1a\n"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("root:x:0:0:TOPSECRET-7f3a:/root:/bin/bash\n", encoding="utf-8")
    return path


def pdf_bytes_and_streams(data: bytes) -> bytes:
    """The PDF plus every stream in it decompressed, to look for embedded file contents."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    chunks = [data]
    for num in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(num)
        except Exception:  # noqa: BLE001 - free or broken xref entries
            continue
        if isinstance(obj, pypdf.generic.StreamObject):
            chunks.append(obj.get_data())
    return b"".join(chunks)


def resource_tags(base: str, secret: Path) -> list[str]:
    return [
        f'<img src="{base}/x.png">',
        f'<link rel=stylesheet href="{base}/s.css">',
        f"<style>@import url({base}/i.css); p {{ background: url({base}/bg.png) }}</style>",
        '<img src="file:///etc/passwd">',
        f'<img src="{secret.as_uri()}">',
        f'<link rel="attachment" href="{secret.as_uri()}">',
        f'<object data="{secret.as_uri()}" type="text/plain"></object>',
    ]


def test_pdf_of_article_with_resource_tags_fetches_nothing(tmp_path, server, secret):
    base, hits = server
    tags = resource_tags(base, secret)
    frames = [
        "NATO allies discussed membership {} at the summit in Brussels on Tuesday.",
        "Gas pipeline operators warned that transit {} fees would rise sharply this winter.",
        "New sanctions on the shadow fleet were announced {} by the European Union.",
        "The alliance said NATO membership for Ukraine {} remained a distant goal.",
        "Energy ministers said the oil price cap {} could collapse if the embargo is tightened.",
        "Kyiv said Russian forces {} had captured two villages near the front line in Donetsk.",
        "Refinery strikes {} cut Russian fuel exports and raised diesel prices across Europe.",
    ]
    from dataclasses import replace
    from datetime import date

    from brief.deliver import write_outputs
    from brief.select import SelectOptions

    clean = [frame.format("") for frame in frames]
    feed = write_jsonl(tmp_path / "fetch.jsonl", {"title": "Summit", "text": "\n\n".join(clean)})
    briefing = build_briefing([str(feed)], topic=False, options=SelectOptions(sentences=20), date=date(2026, 11, 21))
    picks = [*briefing.key_points, *(p for s in briefing.sections for p in s.picks)]
    assert len(picks) >= len(tags)
    # A sentence holding raw markup is never picked (it does not read as prose), so the tags
    # are put into the picked sentences here: the renderer must not fetch whatever it meets.
    tagged = {id(p): replace(p, text=f"{p.text} {tag}") for p, tag in zip(picks, tags)}
    briefing = replace(
        briefing,
        key_points=tuple(tagged.get(id(p), p) for p in briefing.key_points),
        sections=tuple(replace(s, picks=tuple(tagged.get(id(p), p) for p in s.picks)) for s in briefing.sections),
    )
    out = tmp_path / "out"
    write_outputs(briefing, out, ["json", "pdf"])
    doc = json.loads((out / f"{STEM}.json").read_text())
    picked = [p["text"] for p in doc["key_points"]] + [p["text"] for t in doc["themes"] for p in t["summary"]]
    assert all(any(tag in p for p in picked) for tag in tags), "a resource tag is not in the briefing"
    assert hits == []
    pdf = pdf_bytes_and_streams((out / f"{STEM}.pdf").read_bytes())
    assert b"root:" not in pdf and b"TOPSECRET" not in pdf


def _examples_briefing(tmp_path: Path):
    article = tmp_path / "in" / "01-talks-geneva.txt"
    article.parent.mkdir()
    shutil.copy(EXAMPLES / "01-talks-geneva.txt", article)
    return build_briefing([str(article)])


def test_render_pdf_on_raw_html_fetches_nothing(tmp_path, server, secret):
    """Even unescaped tags handed straight to render_pdf must not fetch or embed anything.

    Each tag goes in its own document so that one refused resource cannot hide the next.
    """
    base, hits = server
    briefing = _examples_briefing(tmp_path)
    for tag in resource_tags(base, secret):
        html = f"<!DOCTYPE html><html><head>{tag}</head><body><p>Briefing</p>{tag}</body></html>"
        pdf = render_pdf(briefing, html=html)
        assert hits == [], f"{tag} was fetched"
        data = pdf_bytes_and_streams(pdf)
        assert b"root:" not in data and b"TOPSECRET" not in data, f"{tag} was embedded"


def test_embedded_file_detection_works(secret):
    """Control: the check above can see a file embedded by WeasyPrint's own fetcher."""
    import weasyprint

    html = f'<link rel="attachment" href="{secret.as_uri()}"><p>x</p>'
    assert b"TOPSECRET" in pdf_bytes_and_streams(weasyprint.HTML(string=html).write_pdf())


def test_render_pdf_skips_refused_resources_and_still_renders(tmp_path, server, secret):
    base, hits = server
    tags = "".join(resource_tags(base, secret))
    pdf = render_pdf(_examples_briefing(tmp_path), html=f"<html><head>{tags}</head><body><p>Briefing</p>{tags}</body></html>")
    assert pdf.startswith(b"%PDF-")
    assert hits == []
    data = pdf_bytes_and_streams(pdf)
    assert b"root:" not in data and b"TOPSECRET" not in data


def test_refuse_fetch_refuses_every_scheme():
    for url in ("http://127.0.0.1/x.png", "https://example.com/s.css", "file:///etc/passwd",
                "data:text/plain,hello", "ftp://example.com/f"):
        with pytest.raises(ValueError):
            refuse_fetch(url)
