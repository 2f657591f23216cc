"""Look at what users get: the PDF as pages (pdftoppm) and as text (pdftotext), checked with
pdfua and pypdf; the HTML in Debian's headless Chromium, checked with axe-core.

Real tools throughout; the browser tests skip only when Chromium is not installed
(`scripts/setup.sh --test` installs it, and CI runs that).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from browser import axe_violations, open_page
from conftest import EXAMPLES, SEEDS, pdf_figure_alts

DATE = "2026-11-21"
STEM = f"briefing-{DATE}"


def _build(paths: list[Path], out: Path, *extra: str) -> None:
    result = subprocess.run([sys.executable, "-m", "brief", "build", *map(str, paths), "--format", "json,html,pdf",
                             "--out", str(out), "--date", DATE, *extra], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module", params=["seeds", "examples"])
def briefing(request, tmp_path_factory) -> dict:
    """The seeds briefing (skipped without ../shared) and the shipped examples' briefing."""
    if request.param == "seeds":
        if not SEEDS.is_dir():
            pytest.skip("../shared/corpus/seeds not available")
        src = SEEDS
    else:
        src = EXAMPLES
    out = tmp_path_factory.mktemp(f"look-{request.param}")
    _build([src], out)
    return {"name": request.param, "out": out, "pdf": out / f"{STEM}.pdf", "html": out / f"{STEM}.html",
            "json": json.loads((out / f"{STEM}.json").read_text(encoding="utf-8"))}


def _cited(b: dict) -> list[dict]:
    """The source list: cited articles in order of first citation (Key points, then themes)."""
    picks = [*b["key_points"], *(p for t in b["themes"] for p in t["summary"])]
    by_id = {a["id"]: a for a in b["articles"]}
    return [by_id[aid] for aid in dict.fromkeys(aid for p in picks for aid in p["cites"])]


def _squash(text: str) -> str:
    """Text without whitespace or soft hyphens: line wrapping must not hide a sentence."""
    return re.sub(r"[\s\u00ad]+", "", text)


def _gray_pages(pdf: Path, folder: Path, dpi: int = 72) -> list[tuple[int, int, bytes]]:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(pdf), str(folder / "page")], check=True)
    pages = []
    for pgm in sorted(folder.glob("page*.pgm")):
        data = pgm.read_bytes()
        _, size, _ = data.split(b"\n", 3)[:3]
        width, height = map(int, size.split())
        pages.append((width, height, data[data.index(b"\n255\n") + 5:]))
    return pages


# ---------------------------------------------------------------- PDF


def test_pdf_pages_are_a4_within_bounds_and_none_is_blank(briefing, tmp_path):
    pages = _gray_pages(briefing["pdf"], tmp_path)
    assert 3 <= len(pages) <= 8, f"{len(pages)} pages: a day's briefing is a cover and a few pages"
    for number, (width, height, pixels) in enumerate(pages, 1):
        assert abs(width - 595) <= 1 and abs(height - 842) <= 1, "A4 (595 x 842 pt) at 72 dpi"
        white = sum(1 for p in pixels if p > 240) / len(pixels)
        ink = sum(1 for p in pixels if p < 100) / len(pixels)
        assert white > 0.6, f"page {number} is dark on white"
        assert ink > 0.002, f"page {number} is blank"


def test_pdf_text_is_extractable_in_reading_order(briefing):
    """Cover (title, contents), then Key points, the themes in order, each sentence in the
    order the JSON lists it, then the sources: as a screen reader or copy-paste gets it."""
    text = subprocess.run(["pdftotext", str(briefing["pdf"]), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = _squash(text)
    b = briefing["json"]
    expected = [b["title"], "Ataglance", "Keypoints", *(p["text"] for p in b["key_points"])]
    for theme in b["themes"]:
        expected += [theme["title"], *(p["text"] for p in theme["summary"])]
    expected += ["Sources", *(a["title"] or a["id"] for a in _cited(b))]
    at = 0
    for item in expected:
        found = flat.find(_squash(item)[:60], at)
        assert found >= 0, f"not found in reading order after offset {at}: {item[:60]!r}"
        at = found + 1


def test_pdf_passes_pdfua_and_embeds_every_font(briefing):
    pdfua = shutil.which("pdfua") or str(Path(sys.executable).with_name("pdfua"))
    if not Path(pdfua).exists():
        pytest.skip("pdfua is not installed (pip install -e '.[test]')")
    result = subprocess.run([pdfua, "check", "--format", "json", str(briefing["pdf"])], capture_output=True, text=True)
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["findings"] == [], report["findings"]
    assert report["summary"]["rules_run"] >= 10

    fonts = subprocess.run(["pdffonts", str(briefing["pdf"])], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all("yes" in row[-5:-3] for row in rows), fonts  # "emb" column
    installed = subprocess.run(["fc-list", ":family=Noto Serif"], capture_output=True, text=True).stdout
    if installed.strip():
        assert "Noto-Serif" in fonts and "Noto-Sans" in fonts, "the installed Noto fonts are used"


def test_pdf_charts_are_figures_with_the_data_as_alternative_text(briefing):
    alts = pdf_figure_alts(briefing["pdf"])
    b = briefing["json"]
    assert len(alts) == 2
    assert alts[0].startswith("Sentences per theme: ")
    for theme in b["themes"]:
        assert f"{theme['title']} {len(theme['summary'])}" in alts[0]
    assert alts[1].startswith("Articles per outlet: ")


def test_every_pdf_link_resolves_to_the_source_list_or_an_article_url(briefing):
    """Citations jump to their entry in the source list (the page that lists that source),
    contents lines to their section; the only web links are the articles' own URLs."""
    reader = PdfReader(str(briefing["pdf"]))
    b = briefing["json"]
    urls = {a["url"] for a in _cited(b) if a["url"]}
    urls |= {c["url"] for a in _cited(b) for c in a["copies"] if c["url"]}
    texts = [_squash(page.extract_text() or "") for page in reader.pages]
    named = reader.named_destinations
    citations, external = 0, set()
    for number, page in enumerate(reader.pages, 1):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            if action is not None and action.get("/S") == "/URI":
                external.add(str(action["/URI"]))
                continue
            dest = str(annot.get("/Dest") or (action or {}).get("/D"))
            assert dest in named, f"link on page {number} to {dest!r}: no such destination"
            target = reader.get_destination_page_number(named[dest])
            if dest.startswith("src-"):
                citations += 1
                article = _cited(b)[int(dest[4:]) - 1]
                assert _squash(article["title"] or article["id"])[:40] in texts[target], (
                    f"citation {dest} on page {number} lands on page {target + 1}, not on its source")
    expected = sum(len(p["cites"]) for picks in [b["key_points"], *(t["summary"] for t in b["themes"])]
                   for p in picks)
    assert citations == expected, "every citation is a link"
    assert external == urls, "every source URL is clickable, and nothing else goes to the web"


def test_pdf_render_fetches_nothing(briefing, monkeypatch):
    """WeasyPrint's fetcher is never asked for anything: no file, no URL, no font."""
    from brief import render
    from brief.pipeline import build

    asked: list[str] = []
    real = render.refuse_fetch

    def record(url: str, *args: object, **kwargs: object) -> dict:
        asked.append(url)
        return real(url, *args, **kwargs)

    monkeypatch.setattr(render, "refuse_fetch", record)
    b = build([SEEDS if briefing["name"] == "seeds" else EXAMPLES])
    assert render.render_pdf(b).startswith(b"%PDF")
    assert asked == []


# ---------------------------------------------------------------- HTML in Chromium


def _png_is_not_blank(png: bytes) -> None:
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(png)).convert("L")
    histogram = image.histogram()
    total = sum(histogram)
    background = max(histogram)
    assert background / total < 0.97, "the screenshot is (almost) one colour"
    assert sum(histogram[:100]) / total > 0.005, "there is dark text on the light page"


def test_html_in_chromium_requests_nothing_and_is_not_blank(briefing):
    with open_page(briefing["html"]) as visit:
        png = visit.page.screenshot(full_page=True)
        assert visit.requests == [briefing["html"].resolve().as_uri()], "the HTML asked for nothing else"
        missing = visit.page.evaluate(
            "() => [...document.querySelectorAll('a[href^=\"#\"]')]"
            ".filter(a => !document.getElementById(a.getAttribute('href').slice(1))).map(a => a.href)")
        assert missing == [], "every citation and contents link has its target"
        charts = visit.page.evaluate("() => [...document.querySelectorAll('figure.chart svg')]"
                                     ".map(s => s.getBoundingClientRect().height)")
        assert len(charts) == 2 and all(h > 50 for h in charts), "the charts are drawn"
    _png_is_not_blank(png)


def test_html_has_no_accessibility_violations_light_and_dark(briefing):
    """axe-core (WCAG 2.0/2.1 A and AA, best practices): contrast, landmarks, heading order,
    link names, lang, image alternatives — in both colour schemes."""
    for dark in (False, True):
        with open_page(briefing["html"], dark=dark) as visit:
            background = visit.page.evaluate("() => getComputedStyle(document.documentElement).backgroundColor")
            assert (background == "rgb(20, 24, 29)") == dark
            violations = axe_violations(visit.page)
            assert violations == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


def test_html_fits_a_phone_without_sideways_scrolling(briefing, tmp_path):
    with open_page(briefing["html"], width=375, height=700) as visit:
        overflow = visit.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{overflow}px wider than a phone screen"
        _png_is_not_blank(visit.page.screenshot())
