"""Every cited source gets a real title and outlet; relative feed links resolve; no local
path or file id is ever shown as a source.

Pages, feeds and text files are our own, in tests/fixtures/naming/ (and one feed in
tests/fixtures/site/, served by the loopback server in tests/localsite.py).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from brief.cli import cli
from brief.ingest import naming, read_inputs

ROOT = Path(__file__).resolve().parents[1]
NAMING = ROOT / "tests" / "fixtures" / "naming"


def read(*names: str) -> dict[str, object]:
    raws, _ = read_inputs([str(NAMING / n) for n in names])
    return {r.id: r for r in raws}


def build(tmp_path: Path, *inputs: str, formats: str = "json,html,md,txt"):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", "--no-scope", *inputs, "--format", formats, "--out", str(out),
                                      "--date", "2026-11-20"])
    assert result.exit_code == 0, result.stderr
    return result, out


def outputs(out: Path) -> dict[str, str]:
    return {p.suffix: p.read_text(encoding="utf-8") for p in out.glob("briefing-*") if p.suffix != ".json"}


# --- the rules, one shape at a time ---


@pytest.mark.parametrize("given, expected", [
    ("NYT > Top Stories", "NYT"),
    ("Latest articles - The Japan Times", "The Japan Times"),
    ("News : NPR", "NPR"),
    ("WSVN 7News | Miami News, Weather, Sports | Fort Lauderdale", "WSVN 7News"),
    ("https://www.hawaiinewsnow.com", "hawaiinewsnow.com"),
    ("@harbourpost", "harbourpost"),
    ("Baltic Wire", "Baltic Wire"),
])
def test_outlet_decorations_are_cleaned(given, expected):
    assert naming.clean_outlet(given) == expected


@pytest.mark.parametrize("names, host, expected", [
    (["U.S.", "Reuters"], "reuters.com", "Reuters"),  # a section as og:site_name loses to the publisher
    (["nj", "NJ Ledger"], "nj.com", "NJ Ledger"),
    (["barronsonline"], "barrons.com", "barrons.com"),  # a squashed handle and nothing better: the host
    (["BarronsOnline", "Barron's"], "barrons.com", "Barron's"),
    (["DW.COM", "DW"], "dw.com", "DW"),
    (["বৃটেনে আমরা প্রথম, আমরাই শীর্ষে", "UKBDNEWS"], "ukbdnews.com", "UKBDNEWS"),  # a slogan is no name
    ([], "world.kbs.co.kr", "world.kbs.co.kr"),
])
def test_outlet_prefers_a_proper_name_that_spells_the_host(names, host, expected):
    assert naming.choose_outlet(names, host) == expected


@pytest.mark.parametrize("title", [
    "Ferry crossings suspended | The Island Courier",
    "Ferry crossings suspended - The Island Courier",
    "Ferry crossings suspended — The Island Courier",
    "Ferry crossings suspended: The Island Courier",
    "Ferry crossings suspended | Travel | The Island Courier",
    "Ferry crossings suspended | The Island Courier | 19.11.2026",
    "The Island Courier - Ferry crossings suspended",
])
def test_site_suffix_is_cut_from_titles(title):
    assert naming.strip_site(title, ["The Island Courier"], "island-courier.example") == "Ferry crossings suspended"


def test_a_title_with_its_own_separators_keeps_them():
    letters = "Letters: Grid repairs | Ferry fares | Bridge tolls"
    assert naming.strip_site(letters, ["The Island Courier"], "island-courier.example") == letters


@pytest.mark.parametrize("text", [
    "By Jennifer Hansler, CNN",
    "HomeEuropeVILNIUS SUMMIT : NATO welcomes new members",
    "Home › World › Europe",
    "escenic",
    "WordPress",
    "https://island-courier.example/news",
    "island-courier.example",
    "Updated 10:32 AM EST, Tue November 21, 2026",
    "21",
])
def test_bylines_breadcrumbs_generators_and_addresses_are_never_titles(text):
    assert not naming.usable_title(text)
    assert naming.choose_title([text, "Ferry crossings suspended"]) == "Ferry crossings suspended"


def test_lead_is_shortened_to_a_headline_at_a_word_boundary():
    lead = ("Engineers working through the night restored power to most of the eastern districts of Kharkiv on "
            "Wednesday after a drone strike on a substation. The operator agreed.")
    title = naming.headline_from_text(lead)
    assert title.endswith("…") and len(title) <= naming.TITLE_CHARS + 1
    assert lead.startswith(title[:-1]) and lead[len(title) - 1] == " ", "cut between words"
    assert naming.headline_from_text("Mr. Smith met NATO envoys in Brussels. They talked.") == "Mr. Smith met NATO envoys in Brussels"


# --- text files ---


def test_text_titles_from_headline_line_or_lead_never_from_byline_or_breadcrumb():
    raws = read("no-title-front-matter.md", "000_e0d70e1f92116212.txt", "21.txt", "18.txt", "question.txt")
    front = raws["no-title-front-matter"]
    assert front.title == "Gas storage holds at 80 percent as the first cold week arrives", "front matter without title"
    assert front.source == "The Harbour Ledger", "the front matter's outlet, cleaned of its decoration"
    assert "Gas storage holds at 80 percent" not in front.text

    lead = raws["000_e0d70e1f92116212"].title
    assert lead.startswith("Engineers working through the night restored power") and lead.endswith("…")

    byline = raws["21"].title
    assert "Kovac" not in byline and byline.startswith("NATO defence ministers agreed on Tuesday")
    crumb = raws["18"].title
    assert "Home" not in crumb and crumb.startswith("Foreign ministers of the European Union")
    assert raws["question"].title == "Is the ceasefire line holding?"


# --- web pages ---


def test_page_with_og_title_and_og_url_in_the_body_is_cited_by_them():
    page = read("og-page.html")["og-page"]
    assert page.title == "Ferry operator suspends winter crossings to the outer islands", "not the CMS name 'escenic'"
    assert page.url == "https://island-courier.example/news/2026/11/20/ferry-winter-crossings"
    assert page.source == "The Island Courier"


def test_page_titles_lose_site_suffix_and_outlets_lose_slogans():
    raws = read("suffix-page.html", "slogan-page.html", "handle-page.html")
    suffix = raws["suffix-page"]
    assert (suffix.title, suffix.source) == ("Grain exports rise for a third month", "The Delta Gazette")
    assert suffix.url is None, "a relative canonical link with nothing to resolve it against is dropped"
    slogan = raws["slogan-page"]
    assert (slogan.title, slogan.source) == ("Bridge closed after barge strike", "KXRV 9News")
    handle = raws["handle-page"]
    assert (handle.title, handle.source) == ("Harbour cranes back in service after storm", "NJ Ledger")


# --- feeds ---


def test_relative_feed_links_resolve_against_xml_base_and_the_feeds_link():
    raws = read("based.atom", "channel-link.rss")
    assert raws["based-1"].url == "https://ledger.example/edblog/2026/11/20/grid-repairs"
    assert raws["based-2"].url == "https://ledger.example/edblog/2026/11/20/gas-transit"
    assert raws["based-1"].source == "Ledger", "'Ledger > Top Stories' is the feed's title"
    assert raws["channel-link-1"].url == "https://river-radio.example/news/2026/11/20/oil-price-cap"
    assert raws["channel-link-1"].source == "River Radio"


def test_relative_feed_links_resolve_against_the_url_fetched(tmp_path, site):
    result, out = build(tmp_path, site.url("relative-links.atom"), formats="json,md")
    assert [line for line in result.stderr.splitlines() if "warning" in line] == []
    doc = json.loads(next(out.glob("*.json")).read_text(encoding="utf-8"))
    urls = {a["title"]: a["url"] for a in doc["articles"]}
    assert urls == {
        "Villages change hands twice near the railway line": site.url("edblog/2026/11/20/villages-railway"),
        "Front line moves less than two kilometres this month": site.url("edblog/2026/11/20/front-line-month"),
    }
    assert {a["source"] for a in doc["articles"]} == {"The Steppe Observer"}
    assert site.url("edblog/2026/11/20/villages-railway") in next(out.glob("*.md")).read_text(encoding="utf-8")


def test_unresolvable_feed_link_is_dropped_and_the_entry_kept(tmp_path):
    feed = tmp_path / "tpm.atom"  # the suffix says Atom; the bytes are RSS, sniffed as a feed anyway
    shutil.copy(NAMING / "unresolvable.rss", feed)
    result, out = build(tmp_path, str(feed), str(NAMING / "000_e0d70e1f92116212.txt"))
    (warning,) = [line for line in result.stderr.splitlines() if "warning" in line]
    assert "ignoring url '/edblog/2026/11/20/transit-fees'" in warning and "kept without a link" in warning
    doc = json.loads(next(out.glob("*.json")).read_text(encoding="utf-8"))
    entry = next(a for a in doc["articles"] if a["id"] == "tpm-1")
    assert entry["url"] is None and entry["title"] == "Pipeline operators warn of higher transit fees"
    assert entry["path"] == f"{feed} entry 1", "the JSON keeps where it came from, for debugging"
    for kind, text in outputs(out).items():
        sources = _sources_part(kind, text)
        assert "/edblog/" not in sources and "tpm.atom" not in sources and "entry 1" not in sources, kind
        assert "Pipeline operators warn of higher transit fees" in sources, kind
        assert "Talking Points Wire" in sources, kind


# --- what a reader sees ---


def _sources_part(kind: str, text: str) -> str:
    """The source list of a rendered briefing (and, in HTML, the citation marks' labels)."""
    if kind == ".html":
        labels = " ".join(re.findall(r'class="cite"[^>]*title="([^"]*)"', text))
        return text.split('id="sources"', 1)[1].split("</section>", 1)[0] + labels
    return re.split(r"\n(?:## )?Sources\n", text, maxsplit=1)[1] if kind == ".md" else text.split("SOURCES", 1)[-1]


def test_rendered_briefing_never_shows_a_local_path_or_file_stem(tmp_path):
    pile = tmp_path / "pile"
    shutil.copytree(NAMING, pile, ignore=shutil.ignore_patterns("*.html", "unresolvable.rss"))
    result, out = build(tmp_path, str(pile))
    assert [line for line in result.stderr.splitlines() if "warning" in line] == []
    doc = json.loads(next(out.glob("*.json")).read_text(encoding="utf-8"))
    cited = {aid for t in doc["themes"] for p in t["summary"] for aid in p["cites"]}
    cited |= {aid for p in doc["key_points"] for aid in p["cites"]}
    stems = {"000_e0d70e1f92116212", "21", "18", "question", "no-title-front-matter"}
    assert len(cited & stems) >= 3, cited  # the stems that would have been shown are really cited
    rendered = outputs(out)
    assert set(rendered) == {".html", ".md", ".txt"}
    for kind, text in rendered.items():
        assert str(tmp_path) not in text and "e0d70e1f" not in text, kind
        sources = _sources_part(kind, text)
        for article in doc["articles"]:
            if article["id"] in cited:
                shown = article["title"].replace("'", "&#39;") if kind == ".html" else article["title"]
                assert shown.rstrip("…")[:40] in sources.replace("\\", ""), (kind, article["title"])
        for stem in stems:  # never a bare file stem as a source's label
            assert not re.search(rf"(?:\[\d+\]|^\d+\.|>)\s*{re.escape(stem)}\s*(?:·|<|$)", sources, re.M), (kind, stem)


def test_untitled_articles_built_elsewhere_are_still_shown_by_title_not_path(tmp_path):
    """Render's own guard: an Article with no title (made by a library user, or an older
    history) is shown by its lead and outlet, never by its id or path."""
    from dataclasses import replace

    from brief.pipeline import build as build_briefing
    from brief.render import render_html, render_markdown, render_text

    pile = tmp_path / "pile"
    shutil.copytree(NAMING, pile, ignore=shutil.ignore_patterns("*.html", "*.rss", "*.atom"))
    b = build_briefing([str(pile)], topic=False)
    b = replace(b, articles=tuple(replace(a, title=None) for a in b.articles))
    for render in (render_html, render_markdown, render_text):
        text = render(b)
        assert str(tmp_path) not in text and "e0d70e1f" not in text, render.__name__
        assert "Engineers working through the night restored power" in text, render.__name__
        assert not re.search(r"(?:\[\d+\]|^\d+\.|>)\s*(?:21|18|question)\s*(?:·|<|$)", text, re.M), render.__name__
