"""A matrix of bad inputs, each run next to one good article through `brief build`.

The contract (README "Use"): a bad input never stops the run. The briefing is still
written (exit 0), nothing is printed on stdout, no traceback appears, and the bad input
gets exactly one warning line on stderr that names it and says what is wrong with it. The
good article and its themed sentences are still in the JSON briefing.

Every bad input is generated here, in tmp_path or on the local test server (`site`
fixture, tests/localsite.py); the only file read from the repository is the example
article used as the good input. Damaged but readable text (cut inside a character, UTF-16
without a BOM, a lone surrogate) must come through correctly decoded, not be refused.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import shutil
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from brief.cli import cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DATE = "2026-11-21"
STEM = f"briefing-{DATE}"
GOOD_TITLE = "Geneva talks stall over ceasefire line as delegations trade draft maps"
WARNING = "brief: warning: "

# Our own short sentences; each article a case keeps has its own text and URL, so the
# cross-pile dedupe neither merges them nor warns about a shared URL.
GRID = (
    "Grid operators in the north said gas storage sites were ninety percent full ahead of the first "
    "cold week. The energy regulator asked households to cut their use at peak hours."
)
TANKERS = (
    "Port officials said tanker traffic fell sharply after new sanctions on Russian oil took effect. "
    "Shipping insurers raised their premiums for the northern route."
)
FARMS = (
    "Farmers near the border said the new ceasefire line would cut their fields in two. Local "
    "officials asked both delegations to publish the draft maps."
)
AIR_DEFENCE = (
    "Defence ministers of the alliance agreed to send more air defence systems before the winter. "
    "NATO officials said the first batteries would arrive within weeks."
)
TRANSIT = (
    "The pipeline operator said gas transit through the southern route would resume on Monday after "
    "repairs. Traders expected wholesale prices to ease by the end of the month."
)
RESERVES = (
    "The central bank said frozen reserves would stay blocked while the sanctions remain in force. "
    "Finance ministers discussed using the interest to pay for rebuilding schools."
)
HEATING = (
    "City engineers said the district heating plant would switch to oil if gas deliveries stopped. "
    "The mayor promised that schools and hospitals would stay warm."
)
WHEAT = (
    "Grain traders said wheat exports through the southern ports rose for a third month in a row. "
    "Insurers cut their premiums for ships using the new corridor."
)
FERRY = (
    "The ferry company said it would stop sailing to the island after the port lost power twice in a "
    "week. Fishermen asked the navy to keep the harbour open."
)
LOANS = (
    "Finance ministers agreed on a new loan to keep the power grid running through the winter. The "
    "money will pay for transformers and spare parts."
)
DRONES = (
    "Air raid sirens sounded for three hours overnight as drones crossed the border region. Officials "
    "said a power line near the river was damaged."
)
SCHOOLS = (
    "Schools in the capital reopened after a week of power cuts, with generators in every yard. "
    "Teachers said classes would end early on days with air raid alerts."
)
METRO = (
    "The metro kept running on backup generators during the blackout, the city transport office "
    "said. Stations doubled as shelters for more than ten thousand people."
)
ZURICH = (
    "Gas prices rise in Zürich\n\n"
    "Café owners in Zürich said the new gas pipeline deal would raise their heating bills this winter. "
    "The café association asked the canton for help with energy costs.\n\n"
    "Their spokesman said the owners would meet again next week in the back room of a Zürich café"
)
MOSCOW = (
    "Цены на газ растут в Вене\n\n"
    "Министры энергетики встретились в Вене, чтобы обсудить новый газопровод. "
    "Они договорились о новых ценах на газ для зимы.\n\n"
    "Следующая встреча пройдёт во вторник в небольшом кафе"
)

# A size cap above every generated input but the oversized one (about 14 kB).
SMALL_CAP = ("--max-bytes", "8000")
LANGUAGES = ("--language", "en,ru")  # the damaged files include a Russian article
FAKE_PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00" + bytes(range(256))


# --- helpers ---


def build(*args: str):
    """`brief build ARGS` in-process; stdout and stderr are kept apart (click >= 8.2)."""
    return CliRunner().invoke(cli, ["build", "--no-scope", *args])  # these articles need not name Ukraine


def lines(stream: str) -> list[str]:
    return [line for line in stream.splitlines() if line.strip()]


def warnings_on(stderr: str) -> list[str]:
    return [line for line in lines(stderr) if line.startswith(WARNING)]


def briefing_json(out: Path) -> dict:
    return json.loads((out / f"{STEM}.json").read_text(encoding="utf-8"))


def good_article(tmp_path: Path, name: str = "01-talks-geneva.txt") -> Path:
    target = tmp_path / "good" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLES / name, target)
    return target


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def rss(*items: str, title: str = "Harbour Ledger") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://harbour.example/</link>\n" + "\n".join(items) + "\n</channel></rss>\n"
    )


def item(title: str, link: str | None = None, text: str | None = None, date: str = "Fri, 20 Nov 2026 08:00:00 +0000") -> str:
    parts = [f"<title>{title}</title>"]
    if link is not None:
        parts.append(f"<link>{link}</link>")
    if date:
        parts.append(f"<pubDate>{date}</pubDate>")
    if text is not None:
        parts.append(f"<description>{text}</description>")
    return "<item>" + "".join(parts) + "</item>"


def record(title: str, text: str, url: str, **more: object) -> dict:
    return {"title": title, "text": text, "url": url, "source": "Test Wire", **more}


def closed_port() -> int:
    """A port on 127.0.0.1 with nothing listening (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def assert_clean_run(result, out: Path, good: Path) -> dict:
    """Exit 0, nothing on stdout, no traceback, only warnings on stderr, and a briefing that
    still holds the good article and at least one themed sentence."""
    assert result.exception is None, repr(result.exception)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert lines(result.stderr) == warnings_on(result.stderr), "only warnings, no errors"
    doc = briefing_json(out)
    good_ones = [a for a in doc["articles"] if a["path"] == str(good)]
    assert len(good_ones) == 1 and good_ones[0]["title"] == GOOD_TITLE
    themed = [s for theme in doc["themes"] for s in theme["summary"]]
    assert themed, "no themed sentence in the briefing"
    assert any(s["article"] == good_ones[0]["id"] for s in themed)
    assert doc["warnings"] == [line.removeprefix(WARNING) for line in warnings_on(result.stderr)]
    return doc


# --- the file kinds ---


@dataclass(frozen=True)
class Kind:
    """One kind of bad input: `make(folder)` creates it and returns the argument to pass."""

    id: str
    make: Callable[[Path], Path | str]
    fragment: str
    options: tuple[str, ...] = ()
    keeps: tuple[str, ...] = ()  # titles of articles the bad input still contributes


def _missing(d: Path) -> Path:
    return d / "no-such-article.txt"


def _dangling_symlink(d: Path) -> Path:
    d.mkdir(parents=True, exist_ok=True)
    link = d / "moved-away.txt"
    link.symlink_to(d / "deleted-long-ago.txt")
    return link


def _oversized(d: Path) -> Path:
    return write(d / "huge.txt", "Gas storage fills early\n\n" + (GRID + "\n\n") * 80)


NOTEPAD = (
    "Gas storage fills early\n\n"
    "Gas storage sites in the west of the country were almost full on Tuesday, the grid operator said. "
    "Engineers expect the reserves to last until March if the winter stays mild.\n"
)


def _utf16_no_bom(d: Path) -> Path:
    """What Windows Notepad's "Unicode" used to save: UTF-16 LE with no byte-order mark."""
    return write(d / "notepad.txt", NOTEPAD.encode("utf-16-le"))


def _folder_without_articles(d: Path) -> Path:
    box = d / "scans"
    write(box / "front-page.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    write(box / "photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    write(box / ".draft.txt", GRID)  # hidden: not an article file either
    return box


def _truncated_rss(d: Path) -> Path:
    full = rss(
        item("Grid operators brace for a cold week", "https://harbour.example/grid", GRID),
        item("Tanker traffic falls after new sanctions", "https://harbour.example/tankers", TANKERS),
        item("Border farmers fear the new line", "https://harbour.example/farms", FARMS),
    )
    return write(d / "cut-mid-entry.rss", full[: full.index("Local officials")])


def _truncated_rss_between_entries(d: Path) -> Path:
    full = rss(
        item("Wheat exports keep rising", "https://harbour.example/wheat", WHEAT),
        item("Pipeline transit to resume", "https://harbour.example/transit", TRANSIT),
        item("Alliance sends more air defence", "https://harbour.example/air", AIR_DEFENCE),
    )
    return write(d / "cut-between-entries.rss", full[: full.index("<item><title>Alliance")])


FILE_KINDS = [
    # where the input is
    Kind("missing-path", _missing, "no such file or folder"),
    Kind("dangling-symlink", _dangling_symlink, "no such file or folder"),
    Kind("folder-without-article-files", _folder_without_articles, "folder holds no article files"),
    # empty, binary, oversized
    Kind("empty-file", lambda d: write(d / "empty.txt", b""), "empty file"),
    Kind("whitespace-only", lambda d: write(d / "blank.txt", b" \n\t\r\n   \n"), "empty file"),
    Kind("utf8-bom-only", lambda d: write(d / "bom.txt", b"\xef\xbb\xbf\n"), "empty file"),
    Kind("nul-bytes-named-txt", lambda d: write(d / "dump.txt", b"Gas\x00\x00\x01\x02 storage\x00" * 40), "binary file"),
    Kind("gzip-named-txt", lambda d: write(d / "saved.txt", gzip.compress(GRID.encode(), mtime=0)), "binary file"),
    Kind("random-bytes-named-html", lambda d: write(d / "page.html", random.Random(7).randbytes(4096)), "binary file"),
    Kind("png-named-xml", lambda d: write(d / "feed.xml", FAKE_PNG), "binary file"),
    Kind("unknown-suffix-binary-junk", lambda d: write(d / "export.dat", random.Random(8).randbytes(2048)), "binary file"),
    Kind(
        "control-characters-only",
        lambda d: write(d / "terminal.txt", bytes(range(1, 9)) * 50),
        "binary file",
    ),
    Kind("oversized-file", _oversized, "file too large", options=SMALL_CAP),
    # text that holds no article
    Kind("text-headline-only", lambda d: write(d / "headline.txt", "Gas storage fills early\n"), "no article text after the headline"),
    Kind("text-punctuation-only", lambda d: write(d / "rules.txt", "....\n----\n* * *\n"), "no article text left"),
    # JSON and JSON Lines
    Kind("malformed-json", lambda d: write(d / "broken.json", '{"title": "Grid", "text": "Storage" "full"}'), "malformed JSON"),
    Kind(
        "truncated-json",
        lambda d: write(d / "cut.json", json.dumps(record("Grid", GRID, "https://a.example/1"))[:70]),
        "malformed JSON",
    ),
    Kind("json-top-level-number", lambda d: write(d / "number.json", "42\n"), "expected a JSON object"),
    Kind("json-nested-too-deeply", lambda d: write(d / "deep.json", "[" * 5_000), "nested too deeply"),
    Kind(
        "json-records-without-text",
        lambda d: write(d / "headlines.json", json.dumps([{"title": "Grid operators brace"}, {"title": "Tankers", "body": "  "}])),
        "missing or empty 'text' field",
    ),
    Kind(
        "json-integer-too-long",
        lambda d: write(d / "analytics.json", '{"title": "Metro runs on generators", "text": "' + METRO
                                              + '", "views": ' + "7" * 5000 + "}"),
        "malformed JSON",
    ),
    Kind(
        "jsonl-line-nested-too-deeply",
        lambda d: write(d / "deep.jsonl", json.dumps(record("Metro doubles as a shelter", METRO, "https://wire.example/metro"))
                                          + "\n" + "[" * 5_000 + "\n"),
        "nested too deeply",
        keeps=("Metro doubles as a shelter",),
    ),
    Kind("json-empty-article-list", lambda d: write(d / "nothing.json", '{"articles": []}'), "no usable articles in JSON"),
    Kind(
        "json-unreadable-date",
        lambda d: write(d / "dated.json", json.dumps(record("Central bank keeps reserves frozen", RESERVES,
                                                            "https://wire.example/reserves", published="sometime last week"))),
        "unreadable publication date",
        keeps=("Central bank keeps reserves frozen",),
    ),
    Kind(
        "jsonl-one-bad-line",
        lambda d: write(d / "wire.jsonl", "\n".join([
            json.dumps(record("Alliance sends more air defence", AIR_DEFENCE, "https://wire.example/air")),
            '{"title": "cut off mid-record", "text": ',
            json.dumps(record("Heating plant ready to switch fuel", HEATING, "https://wire.example/heating")),
        ]) + "\n"),
        "malformed JSON line",
        keeps=("Alliance sends more air defence", "Heating plant ready to switch fuel"),
    ),
    # HTML pages
    Kind(
        "empty-html-document",
        lambda d: write(d / "blank.html", "<!DOCTYPE html><html><head><title></title></head><body></body></html>"),
        "no article text found",
    ),
    Kind(
        "zero-byte-html-file",
        lambda d: write(d / "zero.html", b""),
        "empty file",
    ),
    Kind(
        "html-only-chrome",
        lambda d: write(d / "chrome.html", """<!DOCTYPE html><html><head><title>Home</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/energy">Energy</a></nav>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience.
<button>Accept all cookies</button></div>
<footer><p>Copyright 2026 Example Media. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""),
        "no article text",  # found by trafilatura, or left once clean drops the cookie notice
    ),
    Kind("markup-garbage", lambda d: write(d / "garbage.html", "<<<>>>"), "no article text found"),
    # feeds
    Kind(
        "html-error-page-as-rss",
        lambda d: write(d / "saved-feed.rss", "<!DOCTYPE html><html><head><title>404 Not Found</title></head>"
                                              "<body><h1>Not Found</h1><p>Nothing lives here.</p></body></html>"),
        "is an HTML page, not an RSS/Atom feed",
    ),
    Kind(
        "truncated-rss-mid-entry",
        _truncated_rss,
        "kept the 2 entries read before the error",
        keeps=("Grid operators brace for a cold week", "Tanker traffic falls after new sanctions"),
    ),
    Kind(
        "truncated-rss-between-entries",
        _truncated_rss_between_entries,
        "kept the 2 entries read before the error",
        keeps=("Wheat exports keep rising", "Pipeline transit to resume"),
    ),
    Kind(
        "xml-not-a-feed",
        lambda d: write(d / "catalog.xml", '<?xml version="1.0"?>\n<catalog><book id="1"><name>Winter grid</name>'
                                            "<pages>200</pages></book></catalog>\n"),
        "not an RSS or Atom feed",
    ),
    Kind("malformed-xml", lambda d: write(d / "garbage.xml", "<<<>>>"), "malformed XML, not a readable feed"),
    Kind("feed-zero-entries", lambda d: write(d / "quiet.rss", rss()), "feed has no entries"),
    Kind(
        "feed-titles-without-text",
        lambda d: write(d / "titles.rss", rss(item("Only a title here", "https://harbour.example/a"),
                                              item("Another bare title", "https://harbour.example/b"))),
        "no feed entry has any text",
    ),
    Kind(
        "feed-javascript-link",
        lambda d: write(d / "scripted.rss", rss(item("Ferry stops sailing to the island", "javascript:alert(document.cookie)", FERRY))),
        "ignoring url 'javascript:",
        keeps=("Ferry stops sailing to the island",),
    ),
    Kind(
        "feed-relative-link",
        lambda d: write(d / "relative.rss", rss(item("New loan for the power grid", "/news/transit", LOANS))
                        .replace("<link>https://harbour.example/</link>", "")),  # nothing to resolve it against
        "ignoring url '/news/transit'",
        keeps=("New loan for the power grid",),
    ),
    Kind(
        "feed-unreadable-date",
        lambda d: write(d / "undated.rss", rss(item("Drones cross the border at night", "https://harbour.example/sirens", DRONES,
                                                    date="the day after tomorrow"))),
        "unreadable publication date",
        keeps=("Drones cross the border at night",),
    ),
]


def _param(kind: Kind):
    return pytest.param(kind, id=kind.id)


@pytest.mark.parametrize("kind", [_param(k) for k in FILE_KINDS])
def test_bad_file_next_to_a_good_one(tmp_path, kind: Kind):
    good = good_article(tmp_path)
    bad = kind.make(tmp_path / "bad")
    out = tmp_path / "out"

    result = build(str(good), str(bad), "--out", str(out), "--date", DATE, "--format", "json", *kind.options)

    doc = assert_clean_run(result, out, good)
    warned = warnings_on(result.stderr)
    assert len(warned) == 1, result.stderr
    assert str(bad) in warned[0], warned[0]
    assert kind.fragment in warned[0], warned[0]
    titles = {a["title"] for a in doc["articles"]}
    assert set(kind.keeps) <= titles, titles
    assert len(doc["articles"]) == 1 + len(kind.keeps), titles


# --- damaged text that can be read: the article should be kept, correctly decoded ---


@dataclass(frozen=True)
class Damaged:
    id: str
    make: Callable[[Path], Path]
    title: str  # a regular expression the article's title must match whole
    forbidden: tuple[str, ...] = ("Ă", "Ã", "ÿþ", "\ufffd")  # signs of a wrong decoding


DAMAGED = [
    Damaged("utf16-without-bom", _utf16_no_bom, "Gas storage fills early"),
    Damaged(
        "utf8-cut-mid-character-western",
        lambda d: write(d / "zurich.txt", ZURICH.encode("utf-8")[:-1]),
        "Gas prices rise in Zürich",
    ),
    Damaged(
        "utf8-cut-mid-character-cyrillic",
        lambda d: write(d / "vienna.txt", MOSCOW.encode("utf-8")[:-1]),
        "Цены на газ растут в Вене",
    ),
    Damaged(
        "utf16-bom-cut-mid-code-unit",
        lambda d: write(d / "wide.txt", ZURICH.encode("utf-16")[:-1]),
        "Gas prices rise in Zürich",
    ),
    Damaged(
        "utf8-cut-after-complete-character",
        lambda d: write(d / "zurich-whole.txt", ZURICH.encode("utf-8")[:-2]),
        "Gas prices rise in Zürich",
    ),
    Damaged(
        "json-escape-to-lone-surrogate",
        lambda d: write(d / "surrogate.json", '{"title": "Schools reopen \\ud800 after the power cuts", "url": '
                                              '"https://wire.example/schools", "text": "' + SCHOOLS + '"}'),
        "Schools reopen (\ufffd )?after the power cuts",
        forbidden=("\ud800",),
    ),
]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in DAMAGED])
def test_damaged_text_is_repaired_not_garbled(tmp_path, case: Damaged):
    """A file cut short inside a multibyte character is still text, and a stray surrogate is
    one bad character: the sensible outcome is the article, correctly decoded (at most the
    bad character lost), with at most one warning naming the file; never mojibake, never the
    whole article refused, never the whole briefing lost."""
    good = good_article(tmp_path)
    damaged = case.make(tmp_path / "bad")
    out = tmp_path / "out"

    # (a Russian article is one of them: the briefing takes Russian too, this is about decoding)
    result = build(str(good), str(damaged), "--out", str(out), "--date", DATE, "--format", "json", *LANGUAGES)

    doc = assert_clean_run(result, out, good)
    warned = warnings_on(result.stderr)
    assert len(warned) <= 1 and all(str(damaged) in line for line in warned), result.stderr
    mine = [a for a in doc["articles"] if a["path"] == str(damaged)]
    assert len(mine) == 1, [a["path"] for a in doc["articles"]]
    assert re.fullmatch(case.title, mine[0]["title"] or ""), mine[0]["title"]
    assert mine[0]["sentences"] >= 2
    assert not any(mark in json.dumps(doc, ensure_ascii=False) for mark in case.forbidden)


# --- URLs, through the local test server ---


@dataclass(frozen=True)
class UrlKind:
    """`make(site)` returns the URL to pass, and the URL the warning must name (if other)."""

    id: str
    make: Callable[[object], str | tuple[str, str]]
    fragment: str
    options: tuple[str, ...] = ()
    keeps: tuple[str, ...] = ()


def _feed_with_dead_link(site) -> tuple[str, str]:
    dead = site.url("/status/404")
    feed = rss(item("Grid operators brace for a cold week", dead, GRID))
    return site.add("/dead-link.rss", feed, "application/rss+xml"), dead


URL_KINDS = [
    UrlKind("http-404", lambda s: s.url("/status/404"), "HTTP 404"),
    UrlKind("http-500", lambda s: s.url("/status/500"), "HTTP 500"),
    UrlKind("http-403", lambda s: s.url("/status/403"), "HTTP 403"),
    UrlKind("connection-refused", lambda s: f"http://127.0.0.1:{closed_port()}/feed.xml", "connection refused"),
    UrlKind("timeout", lambda s: s.url("/slow"), "timed out", options=("--fetch-timeout", "1")),
    UrlKind("redirect-loop", lambda s: s.url("/redirect-loop"), "too many redirects"),
    UrlKind("redirect-chain-too-long", lambda s: s.url("/redirect/7"), "too many redirects"),
    UrlKind("redirect-to-file-url", lambda s: s.url("/redirect-file"), "redirected to 'file:///etc/passwd'"),
    UrlKind("redirect-without-location", lambda s: s.add("/moved", b"", "text/html", 301), "redirect without a Location"),
    UrlKind("endless-body", lambda s: s.url("/endless"), "response too large", options=("--max-bytes", "100000")),
    UrlKind("gzip-bomb", lambda s: s.url("/gzip-bomb"), "response too large", options=("--max-bytes", "100000")),
    UrlKind("huge-declared-length", lambda s: s.url("/huge-declared"), "response too large"),
    UrlKind("image-content-type", lambda s: s.url("/image.png"), "unsupported content type image/png"),
    UrlKind(
        "pdf-content-type",
        lambda s: s.add("/report.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "application/pdf"),
        "unsupported content type application/pdf",
    ),
    UrlKind(
        "binary-octet-stream",
        lambda s: s.add("/download", b"\x00\x01\x02\x03" * 64, "application/octet-stream"),
        "unsupported content type application/octet-stream",
    ),
    UrlKind("feed-url-answers-html-error-page", lambda s: s.url("/error-page.rss"), "is an HTML page, not an RSS/Atom feed"),
    UrlKind(
        "page-url-with-only-navigation",
        lambda s: s.add("/menu.html", "<!DOCTYPE html><html><body><nav><a href='/'>Home</a> "
                                      "<a href='/news'>News</a></nav></body></html>"),
        "no article text",
    ),
    UrlKind(
        "empty-200-response",
        lambda s: s.add("/blank.html", b""),
        "empty",
    ),
    UrlKind("ftp-scheme", lambda s: "ftp://127.0.0.1/pub/news.txt", "not an http(s) URL"),
    UrlKind("file-scheme", lambda s: "file:///etc/hostname", "not an http(s) URL"),
    UrlKind("http-url-without-host", lambda s: "http:///news/today.html", "not an http(s) URL"),
    UrlKind(
        "feed-entry-link-404-with-fetch",
        _feed_with_dead_link,
        "HTTP 404 Not Found; used the feed summary",
        options=("--fetch",),
        keeps=("Grid operators brace for a cold week",),
    ),
]


@pytest.mark.parametrize("kind", [pytest.param(k, id=k.id) for k in URL_KINDS])
def test_bad_url_next_to_a_good_file(tmp_path, site, kind: UrlKind):
    good = good_article(tmp_path)
    made = kind.make(site)
    url, named = made if isinstance(made, tuple) else (made, made)
    out = tmp_path / "out"

    result = build(str(good), url, "--out", str(out), "--date", DATE, "--format", "json", *kind.options)

    doc = assert_clean_run(result, out, good)
    warned = warnings_on(result.stderr)
    assert len(warned) == 1, result.stderr
    assert named in warned[0], warned[0]
    assert kind.fragment in warned[0], warned[0]
    titles = {a["title"] for a in doc["articles"]}
    assert set(kind.keeps) <= titles, titles
    assert len(doc["articles"]) == 1 + len(kind.keeps), titles


# --- every file kind at once ---


def _run_all_at_once(tmp_path: Path, kinds: list[Kind], damaged: list[Damaged]) -> None:
    good = good_article(tmp_path)
    good2 = good_article(tmp_path, "04-sanctions-package.txt")
    bad = {kind.id: kind.make(tmp_path / "bad" / kind.id) for kind in kinds}
    repaired = {case.id: case.make(tmp_path / "bad" / case.id) for case in damaged}
    out = tmp_path / "out"

    result = build(str(good), *map(str, bad.values()), *map(str, repaired.values()), str(good2),
                   "--out", str(out), "--date", DATE, "--format", "json", *SMALL_CAP, *LANGUAGES)

    doc = assert_clean_run(result, out, good)
    warned = warnings_on(result.stderr)
    for kind in kinds:
        mine = [line for line in warned if str(bad[kind.id]) in line]
        assert len(mine) == 1 and kind.fragment in mine[0], (kind.id, mine)
    for case in damaged:
        assert sum(str(repaired[case.id]) in line for line in warned) <= 1, case.id
    named = [str(p) for p in (*bad.values(), *repaired.values())]
    assert all(any(p in line for p in named) for line in warned), "a warning about no bad input"
    paths = [a["path"] for a in doc["articles"]]
    assert str(good2) in paths
    titles = {a["title"] for a in doc["articles"]}
    for kind in kinds:
        assert set(kind.keeps) <= titles, (kind.id, titles)
    for case in damaged:
        assert any(re.fullmatch(case.title, t or "") for t in titles), (case.id, titles)
    assert not any(mark in json.dumps(doc, ensure_ascii=False) for mark in ("Ă", "ÿþ"))


def test_every_file_kind_at_once(tmp_path):
    """All file-based bad kinds (and the damaged-but-readable ones) with two good articles."""
    _run_all_at_once(tmp_path, FILE_KINDS, DAMAGED)
