"""Real-world inputs end to end: HTML pages, RSS/Atom feeds, URLs from a local server,
dates and windows, duplicates across the pile and boilerplate learned from it.

Pages and feeds are our own text in tests/fixtures/site/; URLs are served by a real HTTP
server on 127.0.0.1 (tests/localsite.py). No test touches the internet.
"""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from brief.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "tests" / "fixtures" / "site"
EXAMPLES = ROOT / "examples"


def run(*args: str):
    return CliRunner().invoke(cli, ["build", "--no-scope", *args])  # these articles need not name Ukraine


def warnings_of(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("brief: warning: ")]


def load(out: Path) -> dict:
    (path,) = out.glob("briefing-*.json")
    return json.loads(path.read_text(encoding="utf-8"))


def picked(doc: dict) -> list[str]:
    """Every sentence the briefing shows: Key points and theme sections."""
    return [p["text"] for p in doc["key_points"]] + [p["text"] for t in doc["themes"] for p in t["summary"]]


def by_title(doc: dict) -> dict[str, dict]:
    return {a["title"]: a for a in doc["articles"]}


def copy_examples(tmp_path: Path) -> Path:
    folder = tmp_path / "folder"
    shutil.copytree(EXAMPLES, folder)
    return folder


# --- files of every kind in one briefing ---


def test_page_feed_and_folder_merge_into_one_briefing(tmp_path):
    out = tmp_path / "out"
    folder = copy_examples(tmp_path)
    result = run(str(SITE / "ledger-grid.html"), str(SITE / "atom-wire.atom"), str(folder),
                 "--format", "json", "--out", str(out), "--timezone", "Europe/Brussels")
    assert result.exit_code == 0, result.stderr
    assert warnings_of(result) == []
    doc = load(out)
    articles = by_title(doc)

    page = articles["Grid operator warns of winter shortfall after substation strikes"]
    assert page["source"] == "Northern Ledger"
    assert page["url"] == "https://ledger.example/energy/2026/11/20/grid-winter-shortfall"
    assert page["published"] == "2026-11-20T07:45:00+01:00" and page["date_source"] == "html"

    nato = articles["NATO defence ministers agree on air defence plan for Ukraine"]
    assert nato["source"] == "Baltic Wire"
    assert nato["url"] == "https://wire.example/2026/11/20/nato-air-defence"
    assert nato["published"] == "2026-11-20T08:00:00+01:00" and nato["date_source"] == "feed"
    assert nato["sentences"] >= 5, "the Atom entry's full content is used, not its one-line summary"
    finland = articles["Finland extends closure of its border crossings with Russia"]
    assert finland["published"] == "2026-11-20T07:10:00+00:00"

    assert {"Geneva talks stall over ceasefire line as delegations trade draft maps",
            "NATO envoys debate guarantees for Ukraine as Geneva talks grind on"} <= set(articles)
    assert len(doc["articles"]) == 2 + 6 + 1  # atom entries, example articles, the page
    assert all(t["summary"] for t in doc["themes"]), "every default theme has something to say"


def test_page_chrome_never_reaches_the_article(tmp_path):
    out = tmp_path / "out"
    result = run(str(SITE / "ledger-grid.html"), str(SITE / "observer-front.html"), "--format", "json,md",
                 "--out", str(out))
    assert result.exit_code == 0, result.stderr
    text = (next(out.glob("*.md"))).read_text(encoding="utf-8") + json.dumps(load(out))
    for chrome in ("cookie", "Accept all", "Subscribe", "Share this", "Facebook", "Read more", "Related",
                   "Great reporting", "reader_1984", "Comments", "All rights reserved", "newsletter",
                   "Most read", "Log in", "Never miss", "Tags:", "Ten things to know"):
        assert chrome not in text, chrome
    observer = by_title(load(out))["Villages near Pokrovsk change hands twice in a week"]
    assert observer["published"] == "2026-11-19"  # the page gives only a day
    assert observer["url"] == "https://observer.example/news/pokrovsk-villages"
    # og:site_name given as name= (not property=) and as the <title>'s "Steppe Observer - …"
    assert observer["source"] == "Steppe Observer"
    from brief.ingest import read_inputs

    (raw,), _ = read_inputs([str(SITE / "observer-front.html")])
    assert "Russia’s defence ministry" in raw.text, "the page's windows-1252 bytes are decoded as such"


# --- URLs through a real local server ---


def test_page_and_feed_urls_with_fetch(tmp_path, site):
    out = tmp_path / "out"
    result = run(site.url("ledger-grid.html"), site.url("harbour-post.rss"), "--fetch", "--format", "json",
                 "--out", str(out))
    assert result.exit_code == 0, result.stderr
    doc = load(out)
    articles = by_title(doc)

    full = articles["Black Sea ports keep grain moving despite drone attacks"]
    assert full["source"] == "Harbour Post" and full["date_source"] == "feed"
    assert full["published"] == "2026-11-20T06:30:00+02:00"
    assert full["sentences"] >= 7, "content:encoded is the full text"
    fetched = articles["Energy ministers meet on winter gas storage"]
    assert fetched["sentences"] >= 4, "the summary-only entry's page was fetched and extracted"
    old = articles["Old story from last week"]
    assert old["sentences"] == 1, "the entry whose page is missing keeps its summary"
    (warning,) = warnings_of(result)
    assert site.url("old-story.html") in warning and "HTTP 404" in warning and "feed summary" in warning

    assert "/grain-ports.html" not in site.paths(), "an entry with full text is not fetched again"
    assert all(headers.get("User-Agent", "").startswith("brief/") for _, headers in site.requests)
    assert not any("evil.example" in s for s in picked(doc))


def test_without_fetch_summaries_are_used_and_nothing_is_fetched(tmp_path, site):
    out = tmp_path / "out"
    result = run(site.url("harbour-post.rss"), "--format", "json", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert site.paths() == ["/harbour-post.rss"]
    assert by_title(load(out))["Energy ministers meet on winter gas storage"]["sentences"] == 1


def test_feed_links_to_private_addresses_need_permission(tmp_path, site):
    site.add("secret.html", "<html><body><article><p>" + "Intranet text about the gas grid and NATO plans. " * 20
             + "</p></article></body></html>")
    feed = tmp_path / "hostile.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile</title>'
        f"<item><title>Bait</title><link>{site.url('secret.html')}</link>"
        "<description>Ministers met to discuss the gas pipeline and the sanctions package.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    refused = run(str(feed), "--fetch", "--format", "json", "--out", str(out))
    assert refused.exit_code == 0, refused.stderr
    (warning,) = warnings_of(refused)
    assert site.url("secret.html") in warning and "private address" in warning and "--fetch-private" in warning
    assert site.paths() == []
    assert "Intranet" not in json.dumps(load(out))

    allowed = run(str(feed), "--fetch", "--fetch-private", "--format", "json", "--out", str(out))
    assert allowed.exit_code == 0, allowed.stderr
    assert site.paths() == ["/secret.html"]


def test_redirects_are_followed_within_limits(tmp_path, site):
    out = tmp_path / "out"
    result = run(site.url("redirect/3"), site.url("redirect-loop"), "--format", "json", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    (warning,) = warnings_of(result)
    assert site.url("redirect-loop") in warning and "too many redirects" in warning
    (article,) = load(out)["articles"]
    assert article["title"] == "Grid operator warns of winter shortfall after substation strikes"


# --- dates and windows ---


def test_window_leaves_out_old_articles_and_says_why(tmp_path, site):
    out = tmp_path / "out"
    result = run(site.url("harbour-post.rss"), str(SITE / "observer-front.html"), str(SITE / "atom-wire.atom"),
                 "--since", "2026-11-20", "--until", "2026-11-20", "--timezone", "Europe/Brussels",
                 "--format", "json", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    doc = load(out)
    assert doc["date"] == "2026-11-20", "the briefing is dated by the day its window ends on"
    assert doc["window"] == {"since": "2026-11-20T00:00:00+01:00", "until": "2026-11-21T00:00:00+01:00",
                             "timezone": "Europe/Brussels"}
    left = {x["title"]: x["reason"] for x in doc["left_out"]}
    assert set(left) == {"Old story from last week", "Villages near Pokrovsk change hands twice in a week"}
    assert "before the window starts" in left["Old story from last week"]
    assert "2026-11-12T10:00:00+02:00" in left["Old story from last week"]
    titles = set(by_title(doc))
    assert "NATO defence ministers agree on air defence plan for Ukraine" in titles
    assert "Old story from last week" not in titles


def test_rolling_window_and_undated_articles(tmp_path):
    folder = copy_examples(tmp_path)  # four undated text files, two dated JSON records
    out = tmp_path / "out"
    kept = run(str(folder), "--window", "24h", "--until", "2026-11-20T12:00", "--timezone", "Europe/Brussels",
               "--format", "json", "--out", str(out))
    assert kept.exit_code == 0, kept.stderr
    (warning,) = warnings_of(kept)
    assert "4 article(s) have no publication date" in warning
    doc = load(out)
    assert doc["window"]["since"] == "2026-11-19T12:00:00+01:00"
    assert len(doc["articles"]) == 6 and doc["left_out"] == []

    dropped = run(str(folder), "--window", "24h", "--until", "2026-11-20T12:00", "--timezone", "Europe/Brussels",
                  "--drop-undated", "--format", "json", "--out", str(out))
    assert dropped.exit_code == 0, dropped.stderr
    doc = load(out)
    assert len(doc["articles"]) == 2 and len(doc["left_out"]) == 4
    assert all("no publication date" in x["reason"] for x in doc["left_out"])

    assumed = run(str(folder), "--window", "6h", "--until", "2026-11-20T12:00", "--timezone", "Europe/Brussels",
                  "--assume-date", "2026-11-20T09:00", "--format", "json", "--out", str(out))
    assert assumed.exit_code == 0, assumed.stderr
    doc = load(out)
    dates = {a["id"]: (a["published"], a["date_source"]) for a in doc["articles"]}
    assert dates["01-talks-geneva"] == ("2026-11-20T09:00:00+01:00", "assumed")
    assert [x["id"] for x in doc["left_out"]] == ["wire-1"], "the record from the day before is out"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--since", "last tuesday"], "is not a date"),
        (["--window", "fortnight"], "not a duration"),
        (["--window", "0h"], "longer than zero"),
        (["--since", "2026-11-20", "--until", "2026-11-19"], "window is empty"),
        (["--since", "2026-11-20", "--until", "2026-11-21", "--window", "24h"], "at most two"),
        (["--timezone", "Mars/Olympus_Mons"], "unknown timezone"),
        (["--assume-date", "soon"], "--assume-date"),
    ],
    ids=["since", "window", "zero-window", "empty", "three", "timezone", "assume-date"],
)
def test_bad_dates_and_windows_are_usage_errors(tmp_path, args, message):
    result = run(str(EXAMPLES / "01-talks-geneva.txt"), *args, "--out", str(tmp_path / "out"))
    assert result.exit_code == 2, result.stderr
    assert message in result.stderr
    assert not (tmp_path / "out").exists()


# --- duplicates across the pile ---


def _syndicated_copy(page: Path) -> str:
    """The Ledger story as another outlet republishes it: new headline, one word changed,
    last paragraph cut, different chrome."""
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(page.read_bytes())
    paras = [p.text_content() for p in tree.xpath("//article/p")][1:-2]  # no byline, no last para, no read-more
    paras[0] = paras[0].replace("said on Thursday", "said Thursday")
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
    return (
        '<html><head><meta charset="utf-8"><title>Ukraine grid faces winter import limits</title>'
        '<meta property="og:site_name" content="Danube Daily">'
        '<link rel="canonical" href="https://danube.example/world/ukraine-grid-limits"></head><body>'
        '<nav><a href="/">Danube Daily</a> <a href="/world">World</a></nav>'
        f"<article><h1>Ukraine grid faces winter import limits</h1>{body}</article>"
        "<footer>Danube Daily, all the news from the river towns.</footer></body></html>"
    )


def test_syndicated_and_identical_copies_collapse_with_every_outlet_kept(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SITE / "ledger-grid.html", inputs / "ledger.html")
    (inputs / "danube.html").write_text(_syndicated_copy(SITE / "ledger-grid.html"), encoding="utf-8")
    shutil.copy(SITE / "ledger-grid.html", inputs / "ledger-saved-again.html")
    shutil.copy(SITE / "atom-wire.atom", inputs / "wire.atom")
    out = tmp_path / "out"
    result = run(str(inputs), "--format", "json,html", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    doc = load(out)
    grid = [a for a in doc["articles"] if "grid" in (a["title"] or "").lower() or "Grid" in (a["title"] or "")]
    assert len(grid) == 1, [a["title"] for a in doc["articles"]]
    (story,) = grid
    relations = {Path(c["path"]).name: c["relation"] for c in story["copies"]}
    assert {Path(story["path"]).name, *relations} == {"ledger.html", "danube.html", "ledger-saved-again.html"}
    assert relations["danube.html"] == "near-duplicate"
    assert set(story["outlets"]) == {"Northern Ledger", "Danube Daily"}
    assert doc["dropped"]["duplicate_articles"] == 2
    from_story = [p for t in doc["themes"] for p in t["summary"] if p["article"] == story["id"]]
    assert from_story and all({"Northern Ledger", "Danube Daily"} <= set(p["reported_by"]) for p in from_story)
    page = next(out.glob("*.html")).read_text(encoding="utf-8")
    assert "reported by 2 outlets" in page and "Also published by" in page


def test_same_url_with_different_text_is_kept_apart_with_a_warning(tmp_path):
    records = [
        {"title": "Gas deal", "url": "https://outlet.example/", "source": "Outlet",
         "text": "Energy ministers agreed a gas price cap after talks in Brussels on Friday."},
        {"title": "Front line", "url": "https://outlet.example/", "source": "Outlet",
         "text": "Russian forces captured a village near the front line in Donetsk on Monday."},
    ]
    feed = tmp_path / "export.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    out = tmp_path / "out"
    result = run(str(feed), "--format", "json", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    (warning,) = warnings_of(result)
    assert "share the URL https://outlet.example/" in warning and "all kept" in warning
    assert len(load(out)["articles"]) == 2


# --- boilerplate learned from the pile ---

PROMO = "The Harbour Post has reported on the port and its energy markets since 1998 from its newsroom on the quay."
STORIES = [
    "Energy ministers agreed on Friday to extend the gas price cap until the end of March.",
    "NATO allies pledged four more air defence systems for Ukraine at a meeting in Brussels.",
    "The European Union prepared a new sanctions package aimed at Russian liquefied gas shipments.",
    "Russian troops advanced near Pokrovsk as Ukrainian forces held the road to Kramatorsk.",
]


def test_lines_an_outlet_repeats_are_dropped_but_quotes_shared_by_outlets_stay(tmp_path):
    quote = "“We will not give up any territory,” the Ukrainian president said in his nightly address."
    records = [
        {"title": f"Story {i}", "source": "Harbour Post", "url": f"https://harbour.example/{i}",
         "text": f"{story} Officials gave no further details.\n\n{PROMO}"}
        for i, story in enumerate(STORIES)
    ]
    records += [
        {"title": f"Quote {i}", "source": outlet, "url": f"https://{outlet.split()[0].lower()}.example/q",
         "text": f"{STORIES[i]} Talks continue next week.\n\n{quote}"}
        for i, outlet in enumerate(["Danube Daily", "Baltic Wire", "Steppe Observer"])
    ]
    feed = tmp_path / "export.jsonl"
    feed.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    out = tmp_path / "out"
    result = run(str(feed), "--format", "json,md", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    doc = load(out)
    assert doc["dropped"]["learned_boilerplate"] == 4
    text = json.dumps(doc, ensure_ascii=False) + next(out.glob("*.md")).read_text(encoding="utf-8")
    assert "from its newsroom on the quay" not in text
    assert any("We will not give up any territory" in s for s in picked(doc)), "a shared quote is news"


# --- the seeds plus seed 004 saved as a web page ---

CHROME = {
    "nav": "World Europe Politics Business Opinion Newsletters",
    "cookie": "We and our partners use cookies to personalise content and ads about NATO and energy news.",
    "promo": "Your guide to what the new administration means for Washington, business and the world",
    "related": "NATO allies weigh new sanctions on Russian gas as the winter energy crunch nears",
    "related2": "Ukraine and Russia trade accusations over territory in the Donbas after talks stall",
    "share": "Share this story on social media",
    "comment": "The sanctions against Russia will never work and the energy crisis proves it every winter.",
    "footer": "Copyright 2026 The Daily Example. All rights reserved.",
}


def _seed_page(seed: Path) -> str:
    lines = [line.strip() for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()]
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>Putin and US envoys end talks without a compromise | The Daily Example</title>"
        '<meta property="og:site_name" content="The Daily Example">'
        '<link rel="canonical" href="https://daily.example/world/2026/12/03/putin-envoys-talks"></head><body>'
        f'<div class="cookie-banner"><p>{CHROME["cookie"]}</p><button>Accept</button></div>'
        f'<header><nav><ul>{"".join(f"<li><a href=/{w}>{w}</a></li>" for w in CHROME["nav"].split())}</ul></nav></header>'
        f'<div class="promo"><a href="/trump">{CHROME["promo"]}</a></div>'
        f"<main><article><h1>Putin and US envoys end talks without a compromise</h1>{body}"
        f'<div class="share">{CHROME["share"]}</div></article>'
        f'<aside class="related"><h2>Related</h2><ul><li><a href="/r1">{CHROME["related"]}</a></li>'
        f'<li><a href="/r2">{CHROME["related2"]}</a></li></ul></aside>'
        f'<section class="comments" id="comments"><h2>Comments</h2><div class="comment"><p>{CHROME["comment"]}</p></div></section>'
        f"</main><footer><p>{CHROME['footer']}</p></footer></body></html>"
    )


def test_seed_saved_as_a_web_page_is_the_same_article_and_its_chrome_is_never_picked(tmp_path, seeds_dir):
    inputs = tmp_path / "in"
    shutil.copytree(seeds_dir, inputs / "seeds")
    seed = next(seeds_dir.glob("004_*.txt"))
    (inputs / "daily-example-004.html").write_text(_seed_page(seed), encoding="utf-8")
    out = tmp_path / "out"
    result = run(str(inputs), "--format", "json", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    doc = load(out)
    assert len(doc["articles"]) == 5, [a["id"] for a in doc["articles"]]
    copies = [(a["id"], c) for a in doc["articles"] for c in a["copies"]]
    assert len(copies) == 1
    keeper, copy = copies[0]
    assert {keeper, copy["id"]} == {seed.stem, "daily-example-004"}
    assert copy["relation"] in ("same text", "near-duplicate") and copy["similarity"] >= 0.9
    text = json.dumps(doc["themes"], ensure_ascii=False)
    for name, chrome in CHROME.items():
        assert chrome[:40] not in text, name
