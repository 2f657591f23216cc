"""The fetcher's limits and the date/window rules, tested directly on their modules."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from brief.dates import Window, parse_duration, parse_published, resolve_window, span_of
from brief.errors import ConfigError, InputError
from brief.fetch import FetchOptions, Fetcher, is_http_url

BRUSSELS = ZoneInfo("Europe/Brussels")


# --- fetch ---


def test_downloads_in_flight_never_exceed_the_worker_limit(site):
    fetcher = Fetcher(FetchOptions(workers=2))
    urls = [site.url(f"hold?n={n}") for n in range(6)]
    results = fetcher.get_many(urls, trusted=True)
    assert all(not isinstance(r, InputError) for r in results.values())
    assert site.most_in_flight == 2


def test_fetched_response_reports_final_url_type_and_charset(site):
    site.add("latin.txt", "Caf\u00e9 news.".encode("cp1252"), "text/plain; charset=windows-1252")
    got = Fetcher().get(site.url("latin.txt"))
    assert got.url == site.url("latin.txt") and got.content_type == "text/plain" and got.charset == "windows-1252"
    redirected = Fetcher().get(site.url("redirect/2"))
    assert redirected.url == site.url("ledger-grid.html")


@pytest.mark.parametrize(
    "route, limits, message",
    [
        ("status/503", FetchOptions(), "HTTP 503"),
        ("slow", FetchOptions(timeout=0.5), "timed out"),
        ("endless", FetchOptions(max_bytes=100_000), "too large"),
        ("gzip-bomb", FetchOptions(max_bytes=1_000_000), "too large"),
        ("huge-declared", FetchOptions(), "too large"),
        ("redirect-loop", FetchOptions(max_redirects=3), "more than 3"),
        ("redirect-file", FetchOptions(), "only http and https"),
    ],
)
def test_each_failure_is_one_input_error_naming_the_url(site, route, limits, message):
    url = site.url(route)
    with pytest.raises(InputError) as caught:
        Fetcher(limits).get(url)
    assert caught.value.source == url and message in str(caught.value)


def test_connection_refused_is_reported_not_raised():
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = Fetcher().get_many([f"http://127.0.0.1:{port}/x"], trusted=True)
    (error,) = result.values()
    assert isinstance(error, InputError) and "connection refused" in str(error)


def test_untrusted_links_to_loopback_are_refused_before_connecting(site):
    with pytest.raises(InputError, match="private address"):
        Fetcher().get(site.url("ledger-grid.html"), trusted=False)
    assert site.paths() == []
    Fetcher().get(site.url("ledger-grid.html"), trusted=False, same_host="127.0.0.1")
    Fetcher(FetchOptions(allow_private=True)).get(site.url("ledger-grid.html"), trusted=False)
    assert len(site.paths()) == 2


def test_only_http_urls_are_urls():
    assert is_http_url("https://example.org/a") and is_http_url("HTTP://example.org")
    for bad in ("ftp://example.org/a", "file:///etc/passwd", "javascript:alert(1)", "https://", "example.org"):
        assert not is_http_url(bad), bad


# --- dates ---


@pytest.mark.parametrize(
    "given, expected",
    [
        ("2026-11-20", "2026-11-20"),
        ("2026-11-20T07:45:00+0100", "2026-11-20T07:45:00+01:00"),
        ("2026-11-20T07:45:00Z", "2026-11-20T07:45:00+00:00"),
        ("2026-11-20 07:45", "2026-11-20T07:45:00+01:00"),  # no offset: the briefing's zone
        ("Fri, 20 Nov 2026 08:00:00 +0200", "2026-11-20T08:00:00+02:00"),
        ("2026-11-20T00:00:00", "2026-11-20"),  # htmldate's way of saying "that day"
        ("yesterday", None),
        ("2026-13-45", None),
    ],
)
def test_publication_dates_keep_their_precision(given, expected):
    assert parse_published(given, BRUSSELS) == expected


def test_a_bare_date_is_in_a_window_when_any_part_of_its_day_is():
    window = Window(since=datetime(2026, 11, 20, 6, 0, tzinfo=BRUSSELS), until=datetime(2026, 11, 21, 6, 0, tzinfo=BRUSSELS))
    assert window.reason_out("2026-11-20", BRUSSELS) is None
    assert window.reason_out("2026-11-21", BRUSSELS) is None
    assert "before the window" in window.reason_out("2026-11-19", BRUSSELS)
    assert "after the window" in window.reason_out("2026-11-22", BRUSSELS)
    assert window.reason_out("2026-11-21T05:59:59+01:00", BRUSSELS) is None
    assert "after" in window.reason_out("2026-11-21T06:00:00+01:00", BRUSSELS)  # half-open
    assert window.reason_out("2026-11-20T05:30:00+00:00", BRUSSELS) is None  # 06:30 in Brussels
    assert window.reason_out(None, BRUSSELS) is None
    start, end = span_of("2026-11-20", BRUSSELS)
    assert (end - start).days == 1


def test_window_options_combine_as_documented():
    now = datetime(2026, 11, 21, 7, 30, tzinfo=BRUSSELS)
    rolling = resolve_window(since=None, until=None, window="24h", now=now, zone=BRUSSELS)
    assert rolling.until == now and (rolling.until - rolling.since).total_seconds() == 86400
    ending = resolve_window(since=None, until="2026-11-21T06:00", window="24h", now=now, zone=BRUSSELS)
    assert ending.since.isoformat() == "2026-11-20T06:00:00+01:00"
    starting = resolve_window(since="2026-11-20", until=None, window="2d", now=now, zone=BRUSSELS)
    assert starting.until.isoformat() == "2026-11-22T00:00:00+01:00"
    day = resolve_window(since="2026-11-20", until="2026-11-20", window=None, now=now, zone=BRUSSELS)
    assert (day.since.isoformat(), day.until.isoformat()) == ("2026-11-20T00:00:00+01:00", "2026-11-21T00:00:00+01:00")
    assert resolve_window(since=None, until=None, window=None, now=now, zone=BRUSSELS) is None
    assert parse_duration("90m").total_seconds() == 5400 and parse_duration("1w").days == 7
    with pytest.raises(ConfigError):
        parse_duration("-3h")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Seg, 24 Set 2018 10:00:00 -0300", "2018-09-24T10:00:00-03:00"),  # Portuguese RSS date
        ("lun., 24 nov. 2025 08:00:00 +0100", "2025-11-24T08:00:00+01:00"),  # French
        ("Montag, 3. März 2025", "2025-03-03"),  # German
        ("13 января 2015 г.", "2015-01-13"),  # Russian
        ("10.06.2013", "2013-06-10"),  # day first, as written outside the US
        ("29 January 2026", "2026-01-29"),
    ],
)
def test_dates_written_in_other_languages_and_orders_are_read(given, expected):
    assert parse_published(given, ZoneInfo("UTC")) == expected


@pytest.mark.parametrize("given", ["yesterday", "2 hours ago", "Nov 24", "Tuesday", "5", "not a date at all"])
def test_relative_phrases_and_partial_dates_are_not_publication_dates(given):
    assert parse_published(given, ZoneInfo("UTC")) is None


def test_a_feed_in_portuguese_keeps_its_entry_dates(tmp_path):
    from brief.ingest import read_inputs
    from brief.pipeline import build

    feed = tmp_path / "noticias.xml"
    feed.write_text(
        """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Diario</title>
<link>https://diario.example/</link><item><title>Talks resume in Geneva</title>
<link>https://diario.example/a</link><pubDate>Seg, 24 Set 2018 10:00:00 -0300</pubDate>
<description>Delegations from both sides met in Geneva on Monday for a third round of talks on the ceasefire,
officials said, and agreed to meet again next week.</description></item></channel></rss>""",
        encoding="utf-8",
    )
    raws, warnings = read_inputs([str(feed)])
    assert raws[0].published == "Seg, 24 Set 2018 10:00:00 -0300" and warnings == []
    briefing = build([str(feed)], topic=False, date=datetime(2026, 12, 2).date())
    assert briefing.articles[0].published == "2018-09-24T10:00:00-03:00"
    assert not any("unreadable publication date" in w for w in briefing.warnings)
