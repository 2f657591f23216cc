"""Hostile sizes and servers end in bounded time: every case here once ran for minutes.

A server that trickles (a big Content-Length, then a byte a second; or a header line a
second) must not hold `brief build` past the overall fetch deadline; 20,000 short lines
with no punctuation must clean in linear time; thousands of near-identical or identical
articles must dedupe without comparing every pair. The inputs are generated here from
our own sentences; bench/bounds.py times the same cases at the same sizes.

Each test guards against a hang with a wall-time limit far above what it needs (a
subprocess `timeout=`, or a worker thread joined with a timeout), and checks the result.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "01-talks-geneva.txt"
EXAMPLE_TITLE = "Geneva talks stall over ceasefire line as delegations trade draft maps"
WARNING = "brief: warning: "
T = TypeVar("T")

# --- generated inputs (our own words; bench/bounds.py uses the same) ---

SHORT_WORDS = ("grid gas port oil grain ship envoy drone border winter price cap talks troops pipe "
               "the of and tanker depot storm fuel coal wheat rail").split()


def short_lines(count: int = 20_000, seed: int = 7) -> str:
    """`count` lines of one short lowercase word each, no punctuation anywhere: every line
    continues the one before, so they all join into one paragraph (about 104 KB)."""
    rng = random.Random(seed)
    return "\n".join(rng.choice(SHORT_WORDS) for _ in range(count)) + "\n"


TEMPLATES = (
    ("Road notice for {town}",
     "The highway office in {town} said on {day} that the northern ring road will close for {n} nights while crews "
     "replace the expansion joints on the river bridge. Drivers heading to the port are asked to follow the yellow "
     "diversion signs through the industrial estate, which adds about {m} minutes to the journey at night. Buses on "
     "routes {n} and {m} will stop at temporary shelters beside the old grain silos. The office said the work had "
     "been planned for two years and could not wait for spring, because frost had already widened the cracks in "
     "the concrete deck. Residents near the bridge were warned about noise from cutting machines between ten in "
     "the evening and five in the morning. A helpline will stay open every night until the road reopens, and "
     "updates will be posted on the boards at both ends of the bridge before each closure begins."),
    ("Harbour bulletin {n}",
     "Harbour master {name} reported on {day} that {n} cargo ships were waiting at anchor outside the breakwater, "
     "most of them loaded with fertiliser, timber and steel coils. Pilots resumed work at dawn after a storm "
     "forced the port to suspend all movements for {m} hours. The grain terminal expects to load three bulk "
     "carriers before the weekend if the wind stays below gale force. Tug crews have been asked to work double "
     "shifts, and the customs hall will open an extra lane for lorries arriving from the rail yard. Insurance "
     "brokers said premiums for the route had not changed this month despite the bad weather. The bulletin added "
     "that the dredger working near the oil jetty would move to the outer channel next week, keeping the berths "
     "for tankers clear while the survey of the seabed continues along the eastern quay."),
)
TOWNS = "Alden Brask Corvel Dunmore Eskby Falmouth Garrow Hollin Ivel Jarrow".split()
DAYS = "Monday Tuesday Wednesday Thursday Friday".split()
NAMES = "Okafor Lindqvist Moreau Novak Pereira Sato Walsh Yilmaz".split()


def _entry(title: str, text: str, link: str) -> str:
    return f"<item><title>{title}</title><link>{link}</link><description>{text}</description></item>"


def templated_feed(count: int = 5_000, seed: int = 11) -> str:
    """An RSS feed of `count` entries filled in from two templates with a few words
    changed: near-identical within a template, unrelated across them."""
    rng = random.Random(seed)
    items = []
    for k in range(count):
        title, text = TEMPLATES[k % len(TEMPLATES)]
        slots = {"town": rng.choice(TOWNS), "day": rng.choice(DAYS), "name": rng.choice(NAMES),
                 "n": str(rng.randint(2, 40)), "m": str(rng.randint(10, 90))}
        items.append(_entry(title.format(**slots), text.format(**slots), f"https://notices.example/{k}"))
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Notice Board</title>'
            "<link>https://notices.example/</link>" + "".join(items) + "</channel></rss>")


def copies_jsonl(count: int = 3_000) -> str:
    """A JSONL export holding one article `count` times, from different outlets and URLs."""
    title, text = TEMPLATES[1]
    body = text.format(name="Novak", day="Friday", n="12", m="30")
    return "".join(json.dumps({"title": "Harbour bulletin", "text": body, "source": f"Outlet {k % 40}",
                               "url": f"https://outlet{k % 40}.example/bulletin/{k}"}) + "\n" for k in range(count))


def trickling_feed(site) -> str:  # noqa: ANN001 - tests/localsite.LocalSite
    """A feed whose summary-only entries link to the two trickling routes and one good page."""
    summary = "Ministers met on {} to discuss the gas pipeline and the sanctions package."
    items = [_entry(f"Entry {n}", summary.format(DAYS[n]), site.url(path)) for n, path in
             enumerate(("trickle-body?feed=1", "trickle-headers?feed=1", "ledger-grid.html"), 1)]
    return site.add("trickle.rss", '<?xml version="1.0"?><rss version="2.0"><channel><title>Trickle Wire</title>'
                    + "".join(items) + "</channel></rss>", "application/rss+xml")


def bounded(seconds: float, work: Callable[[], T]) -> tuple[T, float]:
    """`work()` and its wall time, run in a daemon thread: a hang fails the test after
    `seconds` instead of holding the suite (the generous limit is a guard, not a benchmark)."""
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test below
            box["error"] = exc

    start = time.monotonic()
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    elapsed = time.monotonic() - start
    assert not thread.is_alive(), f"still running after {seconds:.0f} s"
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"], elapsed  # type: ignore[return-value]


def build(tmp_path: Path, *args: str, timeout: float = 90) -> tuple[subprocess.CompletedProcess, dict, dict[str, float]]:
    """`brief build` in a fresh process, stopped after `timeout` (a hang guard): the
    process, its JSON briefing and the seconds per stage from `--timings`."""
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "brief", "build", "--no-scope", "--date", "2026-11-21", "--format", "json",
         "--out", str(out), "--timings", "-j", "1", *args],
        capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=env,
    )
    found = list(out.glob("briefing-*.json"))
    doc = json.loads(found[0].read_text(encoding="utf-8")) if found else {}
    timings = done.stderr.split("timings:", 1)[-1]
    return done, doc, {name: float(sec) for name, sec in re.findall(r"(\w+) ([\d.]+) s", timings)}


def warnings_of(done: subprocess.CompletedProcess) -> list[str]:
    return [line.removeprefix(WARNING) for line in done.stderr.splitlines() if line.startswith(WARNING)]


# --- 1. the fetch deadline holds whatever the server sends ---


@pytest.mark.parametrize("route", ["trickle-body", "trickle-headers"])
def test_a_trickling_server_is_cut_off_at_the_overall_deadline(site, route):
    from brief.errors import InputError
    from brief.fetch import FetchOptions, Fetcher

    url = site.url(route)

    def fetch() -> InputError:
        with pytest.raises(InputError) as caught:
            Fetcher(FetchOptions(timeout=1.5)).get(url)  # longer than the 1 s between pieces
        return caught.value

    error, took = bounded(30, fetch)
    assert error.source == url and "timed out" in error.problem
    assert 2.9 <= took < 4.5, f"the deadline is twice the timeout (3 s); took {took:.1f} s"


def test_many_trickling_fetches_at_once_all_end_at_their_deadline(site):
    from brief.errors import InputError
    from brief.fetch import FetchOptions, Fetcher

    fetcher = Fetcher(FetchOptions(timeout=1.5, workers=8))
    slow = [site.url(f"trickle-body?n={n}") for n in range(4)] + [site.url(f"trickle-headers?n={n}") for n in range(3)]
    good = site.url("ledger-grid.html")
    results, took = bounded(30, lambda: fetcher.get_many([*slow, good], trusted=True))
    assert all(isinstance(results[u], InputError) and "timed out" in str(results[u]) for u in slow)
    assert not isinstance(results[good], InputError)
    assert took < 5, f"seven trickling servers in parallel end together at the 3 s deadline; took {took:.1f} s"
    again, _ = bounded(30, lambda: fetcher.get(good))  # the pool is still usable afterwards
    assert again.data == results[good].data


@pytest.mark.parametrize("route", ["trickle-body", "trickle-headers"])
def test_build_ends_by_the_deadline_with_one_warning_and_the_other_input_used(tmp_path, site, route):
    url = site.url(route)
    done, doc, took = build(tmp_path, url, str(EXAMPLE), "--fetch-timeout", "2")
    assert done.returncode == 0, done.stderr
    (warning,) = warnings_of(done)
    assert warning.startswith(f"{url}: timed out"), warning
    assert [a["title"] for a in doc["articles"]] == [EXAMPLE_TITLE]
    assert took["ingest"] < 4 + 2.5, f"--fetch-timeout 2 allows 4 s per request; ingest took {took['ingest']} s"


def test_feed_links_that_trickle_time_out_and_keep_their_summaries(tmp_path, site):
    feed = trickling_feed(site)
    done, doc, took = build(tmp_path, feed, str(EXAMPLE), "--fetch", "--fetch-timeout", "2")
    assert done.returncode == 0, done.stderr
    warnings = warnings_of(done)
    assert len(warnings) == 2, warnings
    for route, warning in zip(("trickle-body?feed=1", "trickle-headers?feed=1"), sorted(warnings)):
        assert warning.startswith(f"{site.url(route)}: timed out") and "used the feed summary" in warning
    titles = {a["title"] for a in doc["articles"]}
    assert {"Entry 1", "Entry 2", "Entry 3", EXAMPLE_TITLE} <= titles, titles
    assert took["ingest"] < 4 + 3, f"the links are fetched in parallel, 4 s each at most; ingest took {took['ingest']} s"


# --- 3a. clean is linear in the number of lines ---


def test_twenty_thousand_short_lines_clean_in_linear_time():
    from brief.clean import clean, paragraphs
    from brief.model import RawArticle

    text = short_lines(20_000)
    assert len(text.encode()) > 100_000
    paras, took = bounded(30, lambda: paragraphs(text))
    assert took < 5, f"paragraphs took {took:.1f} s"
    assert len(paras) == 1 and len(paras[0].split()) == 20_000, "every line continues the one before"
    article, took = bounded(30, lambda: clean(RawArticle(id="lines", text=text)))
    assert took < 5, f"clean took {took:.1f} s"
    assert [b.kind for b in article.blocks] == ["prose"] and article.blocks[0].text == paras[0]


def test_a_file_of_twenty_thousand_short_lines_gives_a_briefing(tmp_path):
    lines = tmp_path / "lines.txt"
    lines.write_text(short_lines(20_000), encoding="utf-8")
    done, doc, took = build(tmp_path, str(lines), str(EXAMPLE))
    assert done.returncode == 0, done.stderr
    assert took["clean"] < 10, took
    assert EXAMPLE_TITLE in {a["title"] for a in doc["articles"]}
    assert any(a["path"] == str(lines) for a in doc["articles"]), "the long file is read and kept"


# --- 3b. dedupe compares a bounded number of pairs, however alike the pile ---


def _articles(tmp_path: Path, name: str, text: str) -> list:
    from brief.clean import clean
    from brief.ingest import read_inputs

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    raws, warnings = read_inputs([str(path)])
    assert warnings == []
    return [clean(raw) for raw in raws]


def _groups(kept: list) -> set[frozenset[str]]:
    return {frozenset([a.id, *(c.id for c in a.copies)]) for a in kept}


def test_five_thousand_templated_entries_merge_per_template_without_comparing_every_pair(tmp_path):
    from brief.dedupe import dedupe

    articles = _articles(tmp_path, "notices.rss", templated_feed(5_000))
    assert len(articles) == 5_000
    (kept, merged), took = bounded(60, lambda: dedupe(articles))
    assert took < 15, f"dedupe took {took:.1f} s"
    assert merged == 4_998 and len(kept) == 2, "one article per template, the other entries its copies"
    assert sorted(len(a.copies) for a in kept) == [2_499, 2_499]
    assert {a.title.split()[0] for a in kept} == {"Road", "Harbour"}
    assert {c.relation for a in kept for c in a.copies} == {"near-duplicate", "same text"}  # a few slots agree
    assert min(c.similarity for a in kept for c in a.copies) >= 0.7


def test_capped_buckets_find_the_same_groups_as_comparing_every_pair(tmp_path):
    """Where every pair can still be compared (600 entries), the bounded path agrees."""
    from brief.dedupe import DedupeOptions, dedupe

    articles = _articles(tmp_path, "notices.rss", templated_feed(600, seed=5))
    every, _ = dedupe(articles, DedupeOptions(bucket_cap=10**9))
    capped, _ = bounded(60, lambda: dedupe(articles))
    assert _groups(capped[0]) == _groups(every) and len(every) == 2


def test_three_thousand_copies_of_one_article_become_one_with_2999_copies(tmp_path):
    copies = tmp_path / "copies.jsonl"
    copies.write_text(copies_jsonl(3_000), encoding="utf-8")
    done, doc, took = build(tmp_path, str(copies))
    assert done.returncode == 0, done.stderr
    (article,) = doc["articles"]
    assert len(article["copies"]) == 2_999
    assert {c["relation"] for c in article["copies"]} == {"same text"}
    assert took["dedupe"] < 10, took


def test_no_fetch_thread_outlives_the_fetches(site):
    """The worker pool and the PDF helper fork only from a single-threaded process: once
    the fetches are over, the deadline watchdog is gone."""
    import threading

    from brief.fetch import FetchOptions, Fetcher

    fetcher = Fetcher(FetchOptions(timeout=2))
    try:
        fetcher.get_many([site.url("trickle-body"), site.url("ledger-grid.html")], trusted=True)
    finally:
        fetcher.close()
    deadline = time.monotonic() + 5
    while any(t.name == "brief-fetch-watchdog" for t in threading.enumerate()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(t.name == "brief-fetch-watchdog" for t in threading.enumerate())
