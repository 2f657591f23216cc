#!/usr/bin/env python3
"""Ingest + clean throughput of brief on a synthetic pile of articles.

    .venv/bin/python bench/ingest.py                  # 1,000 articles (the default)
    .venv/bin/python bench/ingest.py --articles 100   # quick run
    .venv/bin/python bench/ingest.py --keep /tmp/pile # keep the generated corpus

The corpus is generated at run time, deterministically (fixed seed), by recombining
sentences taken from the repository's own example texts (examples/*.txt, *.md,
wire.jsonl and the <p> text of tests/fixtures/site/*.html); no other text is used.
Place names, weekdays and numbers are swapped from small lists so that stories differ.

Kinds, roughly: 40% .txt (some hard-wrapped, some with a duplicated paragraph), 10% .md,
25% .html pages with site chrome (cookie banner, nav, share box, related list, comments,
newsletter box, footer), 10% entries of a few RSS feeds with content:encoded, 15% records
of a few .jsonl exports. About 10 outlets. Planted on purpose:
  * ~5% syndicated copies: the same story under another outlet, headline changed, last
    paragraph trimmed -> `dedupe` should merge each into its original;
  * one promo line per outlet, repeated in ~70% of that outlet's articles, worded so that
    no static rule in brief/clean.py matches it -> `learn_boilerplate` should drop it.

Each stage is timed in-process with time.perf_counter (read_inputs, clean, dedupe,
learn_boilerplate, segment); then `brief build DIR --format json` runs in a fresh
subprocess and its wall time is reported. The generator keeps the ground truth (story,
outlet, expected paragraphs, chrome strings), so the script also checks what came out:
copies merged, promos dropped, chrome that survived, paragraphs broken by cleaning.

Output: Markdown tables on stdout (paste into a README); progress on stderr.
"""

from __future__ import annotations

import argparse
import glob
import html
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SEED = 20261121
KIND_SHARES = (("txt", 0.40), ("md", 0.10), ("html", 0.25), ("rss", 0.10), ("jsonl", 0.15))
COPY_SHARE = 0.05
PROMO_SHARE = 0.70

# ---------------------------------------------------------------- vocabulary (our own words)

OUTLETS = [
    # name, domain, promo line (one per outlet, repeated in many of its articles)
    ("Harbour Post", "harbourpost.example",
     "The Harbour Post morning briefing lands in your inbox at six, with the five stories that matter before you leave home."),
    ("Northern Ledger", "ledger.example",
     "Northern Ledger journalism is paid for by readers like you, and a digital pass costs less than a cup of coffee a week."),
    ("Alpine Dispatch", "alpinedispatch.example",
     "Alpine Dispatch readers can now listen to every article in our app, read aloud while you commute."),
    ("Meridian Post", "meridianpost.example",
     "Meridian Post members get early access to our investigations and a monthly call with the editors."),
    ("Baltic Wire", "balticwire.example",
     "Baltic Wire is free to read because our partners and members fund it, and you can join them from three euros a month."),
    ("Steppe Observer", "observer.example",
     "The Steppe Observer podcast goes behind the headlines every Friday, wherever you get your podcasts."),
    ("Lakeside Courier", "lakesidecourier.example",
     "Got a tip for the Lakeside Courier newsroom? Our secure contact page explains how to reach a reporter safely."),
    ("Riverside Chronicle", "chronicle.example",
     "Riverside Chronicle print subscribers also get unlimited digital access at no extra cost this winter."),
    ("Eastern Gazette", "easterngazette.example",
     "The Eastern Gazette weekend edition brings long reads, maps and analysis to your door every Saturday morning."),
    ("Coastal Herald", "coastalherald.example",
     "Coastal Herald is running a reader survey this month, and every answer helps us decide what we cover next."),
]
VENUES_IN_SOURCE = ["Geneva", "Brussels", "Vienna", "Rome", "Oslo", "Warsaw"]
VENUES = ["Geneva", "Brussels", "Vienna", "Rome", "Oslo", "Warsaw", "Helsinki", "Istanbul", "Riga", "Prague",
          "Tallinn", "Vilnius", "Bratislava", "Budapest", "Copenhagen", "Stockholm", "Lisbon", "Madrid", "Bern", "Dublin"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
AUTHORS = ["Anna Berg", "Tomas Lind", "Clara Voss", "Milan Horak", "Sofia Reyes", "Jonas Mertens", "Eva Novak",
           "Piet de Wit", "Laura Kask", "Nils Ekman", "Irena Dvorak", "Marek Zielinski"]
CITIES_OF_AUTHORS = ["Warsaw", "Vienna", "Kyiv", "Brussels", "Riga", "Prague"]
SUBJECTS = ["Negotiators", "Energy ministers", "NATO envoys", "EU diplomats", "Grid operator", "Port officials",
            "Gas traders", "Mediators", "Defence ministers", "Aid groups", "Shipping firms", "Analysts"]
VERBS = ["stall over", "weigh", "push for", "warn of", "agree on", "clash over", "delay decision on", "revisit"]
OBJECTS = ["ceasefire line", "winter gas storage", "new sanctions package", "security guarantees", "energy truce",
           "grain corridor insurance", "substation repairs", "frozen reserves", "air defence plan", "transit fees"]
TAILS = ["in {venue}", "as talks resume in {venue}", "after long {day} session", "ahead of winter", "",
         "amid power cuts", "as deadline nears"]
SUBHEADS = ["What the draft says about {venue}", "Why the talks in {venue} matter now", "How the winter could change things",
            "What comes after the {day} session", "The view from the front line", "Where the money would come from",
            "What officials in {venue} want next", "A familiar dispute returns to the table"]

# Site chrome of our own wording (HTML pages): category -> strings. Only strings of 5+
# words are searched for in the cleaned articles (shorter ones are nav words).
CHROME = {
    "cookie banner": ["This site uses cookies to measure traffic and to personalise the adverts you see.",
                      "You can change your choice at any time from the privacy link at the foot of every page."],
    "nav": ["Subscribe today for full access to every story and the daily puzzle"],
    "share box": ["Share this article with a friend or colleague"],
    "related list": ["Five charts that explain the winter energy outlook", "How a cold snap could test the power network again",
                     "What the shadow fleet means for oil prices this year", "Inside the lakeside hotel where the talks are held",
                     "Opinion: a ceasefire needs more than a line on a map", "Explainer: who pays for repairs to the grid"],
    "comments": ["Thanks for a clear and balanced report, this is why I keep my subscription going.",
                 "I have family near the border and the power cuts there are much worse than described here.",
                 "Does anyone know when the next round of talks is actually scheduled to start?",
                 "Another article that quotes officials and nobody who actually lives with the blackouts.",
                 "Good to see the numbers on gas storage, most outlets never bother to check them.",
                 "Totally agree with the comment above, the transformer shortage is the real story here."],
    "newsletter box": ["Never miss a story from our newsroom, delivered to you every single morning."],
    "caption": ["A repair crew works on a damaged power line outside the city earlier this month."],
    "most read": ["Ten things to know about the heating season before it starts",
                  "Why ferry prices have doubled on the northern routes since spring"],
    "footer": ["Registered office and contact details are listed on our about page.",
               "is an independent newsroom funded by its readers and advertisers."],
}
COMMENT_AUTHORS = ["northwind", "M. Keller", "quietharbour", "Jan_from_Gdansk", "reader1987", "Lotta S."]


def norm(text: str) -> str:
    return " ".join(text.casefold().split())


# ---------------------------------------------------------------- sentence pool from the repo


def sentence_pool() -> list[str]:
    """Sentences of the repo's example texts (prose only), de-duplicated, in file order."""
    import lxml.html

    from brief.clean import is_boilerplate, is_heading, paragraphs, strip_dateline
    from brief.ingest import strip_markdown
    from brief.segment import split_sentences

    paras: list[str] = []
    for path in sorted(glob.glob(str(REPO / "examples" / "*.txt"))) + sorted(glob.glob(str(REPO / "examples" / "*.md"))):
        text = Path(path).read_text(encoding="utf-8")
        if path.endswith(".md"):
            text = strip_markdown(text)
        paras += paragraphs(text.split("\n", 1)[1] if "\n" in text else text)  # first line is the headline
    for line in (REPO / "examples" / "wire.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            paras += paragraphs(json.loads(line).get("text", ""))
    chrome_marks = re.compile(r"cookie|comment|newsletter|footer|related|most-read|share|tags|byline|read-more|top-bar")
    for path in sorted(glob.glob(str(REPO / "tests" / "fixtures" / "site" / "*.html"))):
        root = lxml.html.fromstring(Path(path).read_bytes())
        for p in root.iter("p"):
            chain = [p, *p.iterancestors()]
            if any(el.tag in ("footer", "aside", "nav", "header") for el in chain):
                continue
            if any(chrome_marks.search(f"{el.get('class', '')} {el.get('id', '')}") for el in chain):
                continue
            paras.append(" ".join(p.text_content().split()))
    out: list[str] = []
    seen: set[str] = set()
    for para in paras:
        if is_boilerplate(para) or is_heading(para):
            continue
        for s in split_sentences(strip_dateline(para)):
            words = s.split()
            balanced = s.count("“") == s.count("”") and s.count('"') % 2 == 0
            if (6 <= len(words) <= 60 and balanced and re.search(r"[.!?][\"”’']?$", s)
                    and (s[0].isupper() or s[0] in "“\"") and norm(s) not in seen):
                seen.add(norm(s))
                out.append(s)
    return out


# ---------------------------------------------------------------- the generated pile


@dataclass
class Story:
    sid: int
    outlet: int
    title: str
    venue: str
    day: str
    published: datetime
    slug: str
    paragraphs: list[str]
    subheads: dict[int, str]  # paragraph index -> heading placed before it
    sentences: list[list[str]]  # each paragraph's sentences


@dataclass
class Item:
    """One generated article and what brief should make of it."""

    aid: str  # the id brief will give it
    kind: str
    outlet: int | None  # index into OUTLETS; None: nothing in the file says who published it
    story: Story
    title: str
    paragraphs: list[str]
    subheads: dict[int, str]
    copy_of: str | None = None
    promo: bool = False
    dup_paragraph: bool = False
    wrapped: bool = False
    path: str = ""


@dataclass
class Pile:
    root: Path
    items: list[Item] = field(default_factory=list)
    files: Counter = field(default_factory=Counter)
    bytes_by_kind: Counter = field(default_factory=Counter)


SYLLABLES = [c + v for c in "bdgklmnprstvz" for v in ("a", "e", "i", "o", "u", "ar", "en", "or")]


def _protected() -> frozenset[str]:
    """Words the vocabulary variation leaves alone: theme keywords (so stories stay on theme)
    and stop words."""
    import tomllib

    from brief.nlp import stop_words

    themes = tomllib.loads((REPO / "brief" / "data" / "themes.toml").read_text(encoding="utf-8"))
    words = {w.lower() for t in themes.values() if isinstance(t, dict) for kw in t.get("keywords", [])
             for w in re.findall(r"\w+", kw)}
    names = {"russia", "russian", "ukraine", "ukrainian", "moscow", "kyiv", "europe", "european", "union"}
    return frozenset(words | names | stop_words())


class Generator:
    def __init__(self, pool: list[str], seed: int, invent: float = 0.0) -> None:
        self.pool = pool
        self.rng = random.Random(seed)
        self.used_paragraphs: set[str] = set()
        self.invent = invent  # share of ordinary words replaced by a story's own invented words
        self.lexicon: dict[str, str] = {}
        self.protected = _protected() if invent else frozenset()

    def invented(self, word: str) -> str:
        """The story's stand-in for `word`: a made-up word, the same every time in one story."""
        if word not in self.lexicon:
            made = "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 4)))
            self.lexicon[word] = made.capitalize() if word[0].isupper() else made
        return self.lexicon[word]

    def new_words(self, sentence: str) -> str:
        """Vary the vocabulary: a pile of thousands of stories uses far more words than our examples."""
        def swap(m: re.Match) -> str:
            word = m.group(0)
            if word.lower() in self.protected or self.rng.random() >= self.invent:
                return word
            return self.invented(word)

        return re.sub(r"(?<![\w'’-])[A-Za-z]{5,}(?![\w'’-])", swap, sentence)

    def substitutions(self) -> tuple[dict[str, str], int, dict[str, str]]:
        rng = self.rng
        places = {v: rng.choice(VENUES) for v in VENUES_IN_SOURCE}
        shift = rng.randrange(len(WEEKDAYS))
        days = {d: WEEKDAYS[(i + shift) % len(WEEKDAYS)] for i, d in enumerate(WEEKDAYS)}
        return places, shift, days

    def vary(self, sentence: str, places: dict[str, str], days: dict[str, str]) -> str:
        rng = self.rng
        if self.invent:
            sentence = self.new_words(sentence)
        out = re.sub(r"\b(" + "|".join(VENUES_IN_SOURCE) + r")\b", lambda m: places[m.group(1)], sentence)
        out = re.sub(r"\b(" + "|".join(WEEKDAYS) + r")\b", lambda m: days[m.group(1)], out)

        def number(m: re.Match) -> str:
            before = out[max(0, m.start() - 8) : m.start()]
            after = out[m.end() : m.end() + 10]
            if before.endswith("Article ") or re.match(r"\s*p\.m\.", after):
                return m.group(0)
            n = int(m.group(0))
            new = rng.randint(2, 9) if n < 10 else max(10, round(n * rng.uniform(0.7, 1.3)))
            if after.lstrip().startswith("percent"):
                new = min(new, 99)
            return str(new)

        return re.sub(r"(?<![\d.,])\b\d{1,3}\b(?![\d.,]\d)", number, out)

    def headline(self, venue: str, day: str) -> str:
        rng = self.rng
        tail = rng.choice(TAILS).format(venue=venue, day=day)
        return " ".join(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {tail}".split())

    def story(self, sid: int, outlet: int) -> Story:
        rng = self.rng
        places, _, days = self.substitutions()
        self.lexicon = {}
        venue = places["Geneva"]
        n_paras = rng.randint(5, 8)
        while True:
            picked = rng.sample(self.pool, k=min(len(self.pool), n_paras * 4))
            paras: list[str] = []
            sents: list[list[str]] = []
            i = 0
            for _ in range(n_paras):
                size = rng.choice((2, 3, 3, 3, 4))
                chunk = [self.vary(s, places, days) for s in picked[i : i + size]]
                i += size
                if chunk:
                    paras.append(" ".join(chunk))
                    sents.append(chunk)
            # every paragraph unique across the pile: only planted lines repeat
            if all(norm(p) not in self.used_paragraphs for p in paras) and len(set(map(norm, paras))) == len(paras):
                break
        self.used_paragraphs.update(map(norm, paras))
        day = days["Wednesday"]
        subheads = {}
        if rng.random() < 0.35:
            subheads[rng.randrange(2, n_paras)] = rng.choice(SUBHEADS).format(venue=venue, day=day)
        published = datetime(2026, 11, 19, 5, 0, tzinfo=timezone(timedelta(hours=1))) + timedelta(minutes=rng.randrange(0, 48 * 60))
        title = self.headline(venue, day)
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]
        return Story(sid, outlet, title, venue, day, published, slug, paras, subheads, sents)


def _plan_kinds(n: int, rng: random.Random, shares: tuple[tuple[str, float], ...] = KIND_SHARES) -> list[str]:
    counts = {kind: int(n * share) for kind, share in shares}
    counts.setdefault("txt", 0)
    counts["txt"] += n - sum(counts.values())
    kinds = [kind for kind, c in counts.items() for _ in range(c)]
    rng.shuffle(kinds)
    return kinds


def generate(root: Path, n_articles: int, seed: int, invent: float = 0.0,
             shares: tuple[tuple[str, float], ...] = KIND_SHARES) -> Pile:
    """Write a pile of `n_articles` under `root`; `invent` > 0 varies the vocabulary and
    `shares` gives each kind's share (`(("txt", 1.0),)`: plain text only; bench/scale.py)."""
    pool = sentence_pool()
    gen = Generator(pool, seed, invent)
    rng = gen.rng
    pile = Pile(root)
    kinds = _plan_kinds(n_articles, rng, shares)
    n_rss = kinds.count("rss")
    n_jsonl = kinds.count("jsonl")
    n_feeds = max(1, min(5, round(n_rss / 20))) if n_rss else 0
    n_exports = max(1, min(3, round(n_jsonl / 50))) if n_jsonl else 0
    feed_outlets = rng.sample(range(len(OUTLETS)), n_feeds)
    n_copies = round(n_articles * COPY_SHARE)
    copy_slots = set(rng.sample(range(n_articles), n_copies))

    # slot -> outlet (feeds fix theirs); the first pass makes originals, the second copies
    slot_outlet: list[int] = []
    slot_feed: list[int | None] = []
    rss_seen = 0
    for kind in kinds:
        if kind == "rss":
            f = rss_seen % n_feeds
            rss_seen += 1
            slot_feed.append(f)
            slot_outlet.append(feed_outlets[f])
        else:
            slot_feed.append(None)
            slot_outlet.append(rng.randrange(len(OUTLETS)))

    items: list[Item | None] = [None] * n_articles
    originals: list[Item] = []
    for slot, kind in enumerate(kinds):
        if slot in copy_slots:
            continue
        story = gen.story(slot, slot_outlet[slot])
        item = Item(aid="", kind=kind, outlet=slot_outlet[slot], story=story, title=story.title,
                    paragraphs=list(story.paragraphs), subheads=dict(story.subheads))
        items[slot] = item
        originals.append(item)
    available = list(originals)
    rng.shuffle(available)
    for slot in sorted(copy_slots):
        outlet = slot_outlet[slot]
        source = next(o for o in available if o.story.outlet != outlet and len(o.paragraphs) >= 5)
        available.remove(source)
        story = source.story
        title = gen.headline(story.venue, story.day)
        while norm(title) == norm(source.title):
            title = gen.headline(story.venue, story.day)
        items[slot] = Item(aid="", kind=kinds[slot], outlet=outlet, story=story, title=title,
                           paragraphs=list(story.paragraphs[:-1]),  # the ending trimmed
                           subheads={k: v for k, v in story.subheads.items() if k < len(story.paragraphs) - 1},
                           copy_of=f"slot{source.story.sid}")
    # furniture: who says who published it, the promo, wrapped lines, a duplicated paragraph
    for item in items:
        assert item is not None
        if item.kind == "txt" and item.copy_of is None and rng.random() < 0.15:
            item.outlet = None  # no footer: nothing names the outlet
        item.promo = item.outlet is not None and rng.random() < PROMO_SHARE
        if item.kind == "txt":
            item.wrapped = rng.random() < 0.5
            item.dup_paragraph = rng.random() < 0.3

    write_pile(pile, [i for i in items if i is not None], kinds, slot_feed, feed_outlets, n_exports, rng)
    slot_aid = {f"slot{i}": item.aid for i, item in enumerate(items) if item is not None}
    for item in pile.items:
        if item.copy_of:
            item.copy_of = slot_aid[item.copy_of]
    return pile


# ---------------------------------------------------------------- writers, one per kind


def _promo_position(item: Item, rng: random.Random) -> int:
    return rng.randrange(1, len(item.paragraphs) + 1)  # after paragraph k-1; never first


def _url(item: Item) -> str:
    domain = OUTLETS[item.outlet if item.outlet is not None else item.story.outlet][1]
    day = item.story.published.strftime("%Y/%m/%d")
    slug = re.sub(r"[^a-z0-9]+", "-", item.title.lower()).strip("-")[:60]
    return f"https://www.{domain}/news/{day}/{slug}-{item.story.sid}"


def _dateline(item: Item) -> str:
    return f"{item.story.venue.upper()}, Nov. {item.story.published.day} - "


def body_blocks(item: Item, rng: random.Random) -> list[tuple[str, str]]:
    """(kind, text) in reading order: prose, heading, promo. Shared by every writer."""
    blocks: list[tuple[str, str]] = []
    promo_at = _promo_position(item, rng) if item.promo else -1
    for i, para in enumerate(item.paragraphs):
        if i == promo_at:
            blocks.append(("promo", OUTLETS[item.outlet][2]))  # type: ignore[index]
        if i in item.subheads:
            blocks.append(("heading", item.subheads[i]))
        blocks.append(("prose", para))
    if promo_at == len(item.paragraphs):
        blocks.append(("promo", OUTLETS[item.outlet][2]))  # type: ignore[index]
    return blocks


def write_txt(item: Item, path: Path, rng: random.Random) -> None:
    blocks = body_blocks(item, rng)
    wrap_width = rng.randint(60, 78)

    def fmt(text: str) -> str:
        return textwrap.fill(text, width=wrap_width, break_long_words=False, break_on_hyphens=False) if item.wrapped else text

    lines = [item.title, ""]
    if rng.random() < 0.3:
        lines += [f"By {rng.choice(AUTHORS)}", ""]
    dup = rng.randrange(len(item.paragraphs)) if item.dup_paragraph else -1
    first = True
    prose_i = 0
    for kind, text in blocks:
        if kind == "prose" and first and rng.random() < 0.6:
            text = _dateline(item) + text
        if kind == "prose":
            first = False
        lines += [fmt(text) if kind != "heading" else text, ""]
        if kind == "prose":
            if prose_i == dup:
                lines += [fmt(text), ""]
            prose_i += 1
    if rng.random() < 0.15:
        lines += [f"Additional reporting by {rng.choice(AUTHORS)} in {rng.choice(CITIES_OF_AUTHORS)}", ""]
    if item.outlet is not None:
        lines += [f"The post {item.title} appeared first on {OUTLETS[item.outlet][0]}.", ""]
    if rng.random() < 0.1:
        lines += ["Comments", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def write_md(item: Item, path: Path, rng: random.Random) -> None:
    blocks = body_blocks(item, rng)
    out = [f"# {item.title}", ""]
    if rng.random() < 0.5:
        out += [f"*By {rng.choice(AUTHORS)}*", ""]
    for n, (kind, text) in enumerate(blocks):
        if kind == "heading":
            out += [f"## {text}", ""]
            continue
        if kind == "prose":
            venue = item.story.venue
            if venue in text and rng.random() < 0.5:  # a link on the venue
                text = text.replace(venue, f"[{venue}](https://en.wikipedia.org/wiki/{venue})", 1)
            words = text.split(" ")
            if len(words) > 8 and rng.random() < 0.4:  # some emphasis on a plain word
                k = rng.randrange(1, len(words) - 1)
                if re.fullmatch(r"[A-Za-z]{4,}", words[k]):
                    words[k] = f"**{words[k]}**"
                text = " ".join(words)
            if n > 0 and text.startswith(("“", '"')) and rng.random() < 0.5:
                text = f"> {text}"
        out += [text, ""]
    name, domain, _ = OUTLETS[item.outlet] if item.outlet is not None else ("", "", "")
    if item.outlet is not None:
        out += [f"The post [{item.title}]({_url(item)}) appeared first on [{name}](https://www.{domain}/).", ""]
    path.write_text("\n".join(out), encoding="utf-8")


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def write_html(item: Item, path: Path, rng: random.Random) -> None:
    """A page in one of three layouts, with chrome around the article."""
    assert item.outlet is not None
    name = OUTLETS[item.outlet][0]
    blocks = body_blocks(item, rng)
    url = _url(item)
    when = item.story.published.isoformat()
    author = rng.choice(AUTHORS)
    layout = item.outlet % 3
    comments = rng.sample(CHROME["comments"], k=rng.randint(0, 3))
    related = rng.sample(CHROME["related list"], k=3)
    body: list[str] = []
    share_at = rng.randrange(1, max(2, len(blocks)))
    for n, (kind, text) in enumerate(blocks):
        if n == share_at:
            body.append(f'<div class="share-tools"><span>{_h(CHROME["share box"][0])}</span> <a href="#">Facebook</a> '
                        '<a href="#">X</a> <a href="#">Email</a> <a href="#">Copy link</a></div>')
        if kind == "heading":
            body.append(f"<h2>{_h(text)}</h2>")
        else:
            body.append(f"<p>{_h(text)}</p>")
    comment_html = "".join(
        f'<div class="comment"><p class="comment-author">{_h(rng.choice(COMMENT_AUTHORS))}</p><p>{_h(c)}</p></div>'
        for c in comments)
    head = (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{_h(item.title)} | {_h(name)}</title>\n"
            f'<meta property="og:site_name" content="{_h(name)}">\n'
            f'<meta property="og:title" content="{_h(item.title)}">\n'
            f'<link rel="canonical" href="{url}">\n'
            f'<meta property="article:published_time" content="{when}">\n'
            f'<meta name="author" content="{_h(author)}">\n'
            '<link rel="stylesheet" href="/static/site.css">\n<script src="/static/consent.js" defer></script>\n</head>\n')
    cookie = (f'<div class="cookie-banner" id="cookie-consent"><p>{_h(CHROME["cookie banner"][0])} '
              f'{_h(CHROME["cookie banner"][1])}</p><button>Accept all</button><button>Manage preferences</button></div>\n')
    nav = (f'<header class="site-header"><a href="/" class="logo">{_h(name)}</a>\n<nav class="main-nav"><ul>'
           '<li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/europe">Europe</a></li>'
           '<li><a href="/energy">Energy</a></li><li><a href="/opinion">Opinion</a></li>'
           f'<li><a href="/subscribe">{_h(CHROME["nav"][0])}</a></li></ul></nav></header>\n')
    footer = (f'<footer><p>{_h(name)} {_h(CHROME["footer"][1])} {_h(CHROME["footer"][0])}</p>'
              f'<p>&copy; 2026 {_h(name)} Media. All rights reserved.</p><ul><li><a href="/privacy">Privacy</a></li>'
              '<li><a href="/terms">Terms</a></li><li><a href="/contact">Contact us</a></li></ul></footer>\n')
    related_html = ('<aside class="related"><h2>Related articles</h2><ul>'
                    + "".join(f'<li><a href="/r/{i}">{_h(r)}</a></li>' for i, r in enumerate(related)) + "</ul></aside>\n")
    most_read = ('<div class="most-read"><h3>Most read</h3><ol>'
                 + "".join(f'<li><a href="/m/{i}">{_h(r)}</a></li>' for i, r in enumerate(CHROME["most read"])) + "</ol></div>\n")
    newsletter = (f'<div class="newsletter-box"><h3>Never miss a story</h3><p>{_h(CHROME["newsletter box"][0])}</p>'
                  '<form><input type="email" placeholder="Your email"><button>Sign up</button></form></div>\n')
    caption = (f'<figure><img src="/img/{item.story.sid}.jpg" alt="">'
               f'<figcaption>{_h(CHROME["caption"][0])} Photo: Staff photographer</figcaption></figure>\n')
    if layout == 0:  # like a newspaper CMS: <article> in <main>, aside and comments after
        page = (head + "<body>\n" + cookie + nav + "<main>\n<article>\n"
                f"<h1>{_h(item.title)}</h1>\n<p class=\"byline\">By {_h(author)}, staff reporter</p>\n"
                + (caption if rng.random() < 0.5 else "") + "\n".join(body) + "\n"
                '<p class="read-more"><a href="/energy">Read more: Energy coverage</a></p>\n</article>\n'
                + related_html
                + f'<section id="comments" class="comments"><h2>Comments ({len(comments)})</h2>\n{comment_html}</section>\n'
                "</main>\n" + footer + "</body>\n</html>\n")
    elif layout == 1:  # div soup, no <article>
        page = (head + '<body>\n<div id="top-bar"><a href="/login">Log in</a> | <a href="/register">Register</a> | '
                '<a href="/newsletter">Newsletters</a></div>\n' + cookie
                + '<div class="wrapper"><div class="content">\n'
                f"<h1>{_h(item.title)}</h1>\n<div class=\"dateline\">{item.story.published:%d %B %Y}</div>\n"
                '<div class="story-body">\n' + "\n".join(body) + "\n</div>\n" + newsletter
                + '<div class="tags">Tags: <a href="/t/war">war</a> <a href="/t/energy">energy</a> <a href="/t/diplomacy">diplomacy</a></div>\n'
                + most_read + (f'<div class="comments"><h3>Reader comments</h3>{comment_html}</div>\n' if comments else "")
                + "</div></div>\n" + f'<div class="footer">{_h(name)} &copy; 2026 &middot; {_h(CHROME["footer"][0])} '
                '&middot; <a href="/about">About us</a></div>\n</body></html>\n')
    else:  # HTML5 with <time>, figure, JSON-LD
        ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": item.title,
                         "datePublished": when, "publisher": {"@type": "Organization", "name": name}})
        page = (head.replace("</head>", f'<script type="application/ld+json">{ld}</script>\n</head>') + "<body>\n" + nav + cookie
                + '<main id="content"><article class="story">\n'
                f'<header><h1>{_h(item.title)}</h1><p class="meta">By <a rel="author" href="/authors/x">{_h(author)}</a> '
                f'<time datetime="{when}">{item.story.published:%d %b %Y, %H:%M}</time></p></header>\n'
                + caption + '<div class="article-body">\n' + "\n".join(body) + "\n</div>\n</article>\n"
                + related_html + newsletter
                + (f'<section class="comments"><h2>Join the conversation</h2>{comment_html}</section>\n' if comments else "")
                + "</main>\n" + footer + "</body></html>\n")
    path.write_text(page, encoding="utf-8")


def _rfc822(moment: datetime) -> str:
    return moment.strftime("%a, %d %b %Y %H:%M:%S %z")


def write_feed(path: Path, outlet: int, entries: list[Item], rng: random.Random) -> None:
    name, domain, _ = OUTLETS[outlet]
    parts = [('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
              'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
              f"<channel>\n<title>{_h(name)}</title>\n<link>https://www.{domain}/</link>\n"
              f"<description>Latest news from the {_h(name)}</description>\n<language>en</language>\n")]
    for item in entries:
        url = _url(item)
        blocks = body_blocks(item, rng)
        content = "".join(f"<h3>{_h(t)}</h3>" if k == "heading" else f"<p>{_h(t)}</p>" for k, t in blocks)
        content += (f'<p>The post <a href="{url}">{_h(item.title)}</a> appeared first on '
                    f'<a href="https://www.{domain}/">{_h(name)}</a>.</p>')
        teaser = item.paragraphs[0].split(". ")[0].rstrip(".") + "."
        parts.append(f"<item>\n<title>{_h(item.title)}</title>\n<link>{url}</link>\n<guid isPermaLink=\"true\">{url}</guid>\n"
                     f"<pubDate>{_rfc822(item.story.published)}</pubDate>\n<dc:creator>{_h(rng.choice(AUTHORS))}</dc:creator>\n"
                     f"<description>{_h(teaser)}</description>\n"
                     f"<content:encoded><![CDATA[{content}]]></content:encoded>\n</item>\n")
    parts.append("</channel>\n</rss>\n")
    path.write_text("".join(parts), encoding="utf-8")


def write_export(path: Path, records: list[Item], rng: random.Random) -> None:
    lines = []
    for item in records:
        blocks = body_blocks(item, rng)
        as_html = rng.random() < 0.25
        texts = []
        for n, (kind, text) in enumerate(blocks):
            if n == 0 and kind == "prose" and rng.random() < 0.5:
                text = _dateline(item) + text
            texts.append((f"<h3>{_h(text)}</h3>" if kind == "heading" else f"<p>{_h(text)}</p>") if as_html else text)
        record = {"title": item.title, "text": ("\n" if as_html else "\n\n").join(texts), "url": _url(item),
                  "source": OUTLETS[item.outlet][0],  # type: ignore[index]
                  "published": (int(item.story.published.timestamp()) if rng.random() < 0.3
                                else item.story.published.isoformat())}
        lines.append(json.dumps(record, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_pile(pile: Pile, items: list[Item], kinds: list[str], slot_feed: list[int | None],
               feed_outlets: list[int], n_exports: int, rng: random.Random) -> None:
    root = pile.root
    for sub in ("txt", "md", "html", "feeds", "jsonl"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    feeds: dict[int, list[Item]] = defaultdict(list)
    exports: dict[int, list[Item]] = defaultdict(list)
    jsonl_seen = 0
    for slot, item in enumerate(items):
        item.path = ""
        if item.kind == "txt":
            item.aid = f"a{slot:04d}"
            write_txt(item, root / "txt" / f"{item.aid}.txt", rng)
        elif item.kind == "md":
            item.aid = f"a{slot:04d}"
            write_md(item, root / "md" / f"{item.aid}.md", rng)
        elif item.kind == "html":
            item.aid = f"a{slot:04d}"
            write_html(item, root / "html" / f"{item.aid}.html", rng)
        elif item.kind == "rss":
            feeds[slot_feed[slot]].append(item)  # type: ignore[index]
        else:
            exports[jsonl_seen % n_exports].append(item)
            jsonl_seen += 1
        pile.items.append(item)
    for f, entries in feeds.items():
        stem = re.sub(r"[^a-z0-9]+", "-", OUTLETS[feed_outlets[f]][0].lower())
        for n, item in enumerate(entries, 1):
            item.aid = f"{stem}-{n}"
        write_feed(root / "feeds" / f"{stem}.rss", feed_outlets[f], entries, rng)
    for e, records in exports.items():
        for n, item in enumerate(records, 1):
            item.aid = f"export-{e + 1}-{n}"
        write_export(root / "jsonl" / f"export-{e + 1}.jsonl", records, rng)
    for sub, kind in (("txt", "txt"), ("md", "md"), ("html", "html"), ("feeds", "rss"), ("jsonl", "jsonl")):
        for p in (root / sub).iterdir():
            pile.files[kind] += 1
            pile.bytes_by_kind[kind] += p.stat().st_size


# ---------------------------------------------------------------- measuring


def peak_rss_mib(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def run(args: argparse.Namespace) -> int:
    t_start = time.perf_counter()
    t = time.perf_counter()
    # parsers loaded before anything is timed
    import datasketch  # noqa: F401
    import feedparser  # noqa: F401
    import trafilatura  # noqa: F401

    import brief.ingest.feeds
    import brief.ingest.webpage  # noqa: F401
    from brief.segment import _tokenizer

    _tokenizer()  # Punkt parameters, built once per process
    t_imports = time.perf_counter() - t

    tmp = None
    if args.keep:
        root = Path(args.keep)
        if root.exists() and any(root.iterdir()):
            print(f"bench: {root} exists and is not empty; choose an empty or new folder", file=sys.stderr)
            return 2
        root.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.mkdtemp(prefix="brief-bench-")
        root = Path(tmp)
    try:
        t = time.perf_counter()
        pile = generate(root / "pile", args.articles, args.seed)
        t_generate = time.perf_counter() - t
        print(f"bench: generated {len(pile.items)} articles in {sum(pile.files.values())} files "
              f"({sum(pile.bytes_by_kind.values()) / 1e6:.2f} MB) in {t_generate:.1f}s under {pile.root}", file=sys.stderr)
        report = measure(pile)
        report["t_imports"] = t_imports
        report["t_generate"] = t_generate
        if not args.no_build:
            report.update(run_cli(pile.root, root / "out", args.build_timeout))
        report["t_total"] = time.perf_counter() - t_start
        print_report(pile, report, args)
        return 1 if report["problems"] and args.strict else 0
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


def _instant(value: str | None) -> datetime | None:
    if not value or len(value) <= 10:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else None


def measure(pile: Pile) -> dict:
    from brief.clean import clean, learn_boilerplate, outlet_key
    from brief.dedupe import DedupeOptions, dedupe
    from brief.ingest import IngestOptions, read_inputs
    from brief.segment import segment

    root = pile.root
    by_aid = {item.aid: item for item in pile.items}
    # one read_inputs call per kind folder, in the order a walk of the whole pile takes
    kind_dirs = (("rss", "feeds"), ("html", "html"), ("jsonl", "jsonl"), ("md", "md"), ("txt", "txt"))
    r: dict = {"problems": [], "examples": defaultdict(list)}

    def example(key: str, text: str) -> None:
        if len(r["examples"][key]) < 3:
            r["examples"][key].append(text)

    # ---- ingest
    raws = []
    warnings: list[str] = []
    r["t_ingest"] = {}
    for kind, sub in kind_dirs:
        t = time.perf_counter()
        got, warns = read_inputs([str(root / sub)], options=IngestOptions())
        r["t_ingest"][kind] = time.perf_counter() - t
        raws += got
        warnings += warns
    kind_of = {raw.id: by_aid[raw.id].kind if raw.id in by_aid else "?" for raw in raws}

    # ---- clean, one article at a time (as brief.pipeline: no prose left -> left out)
    r["t_clean"] = Counter()
    articles = []
    no_prose = []
    cleaned = []
    for raw in raws:
        t = time.perf_counter()
        article = clean(raw)
        r["t_clean"][kind_of[raw.id]] += time.perf_counter() - t
        cleaned.append(article)
        (articles if any(b.kind == "prose" for b in article.blocks) else no_prose).append(article)

    # ---- dedupe, learned boilerplate, segment
    t = time.perf_counter()
    kept, merged = dedupe(articles, DedupeOptions(), warnings)
    r["t_dedupe"] = time.perf_counter() - t
    t = time.perf_counter()
    learned_articles, learned = learn_boilerplate(kept, 3)
    r["t_learn"] = time.perf_counter() - t
    usable = [a for a in learned_articles if any(b.kind == "prose" for b in a.blocks)]
    t = time.perf_counter()
    sentences = {a.id: segment(a) for a in usable}
    r["t_segment"] = time.perf_counter() - t
    r["peak_rss"] = peak_rss_mib()
    r.update(raws=len(raws), articles_by_kind=Counter(kind_of.values()), bytes=sum(pile.bytes_by_kind.values()),
             merged=merged, learned=learned, kept=len(kept), usable=len(usable), warnings=warnings,
             sentences=sum(len(v) for v in sentences.values()))

    # ---- checks against the ground truth ------------------------------------------------
    ids = {raw.id for raw in raws}
    missing = [aid for aid in by_aid if aid not in ids]
    for aid in missing:
        example("articles not read", f"{aid} ({by_aid[aid].kind})")
    for aid in sorted(ids - by_aid.keys()):
        example("unexpected article ids", aid)
    for a in no_prose:
        example("no prose left after clean", a.id)
    r["missing"] = len(missing)

    # metadata read by ingest: title, date (where the input states one), outlet (after clean)
    r["meta"] = defaultdict(Counter)
    for raw, article in zip(raws, cleaned, strict=True):
        item = by_aid.get(raw.id)
        if item is None:
            continue
        m = r["meta"][item.kind]
        m["title ok"] += norm(raw.title or "") == norm(item.title)
        if norm(raw.title or "") != norm(item.title):
            example(f"title differs ({item.kind})", f"{raw.id}: {raw.title!r}")
        if item.kind in ("html", "rss", "jsonl"):
            m["dated"] += 1
            got = _instant(raw.published)
            m["date ok"] += got is not None and got == item.story.published
            if got != item.story.published:
                example(f"date differs ({item.kind})", f"{raw.id}: {raw.published!r} want {item.story.published.isoformat()}")
        if item.outlet is not None:
            m["with outlet"] += 1
            ok = article.source is not None and norm(article.source) == norm(OUTLETS[item.outlet][0])
            m["outlet ok"] += ok
            if not ok:
                example(f"outlet not found ({item.kind})", f"{raw.id}: source={article.source!r} key={outlet_key(article)!r}")

    # duplicated paragraphs: planted in .txt, dropped by clean (elsewhere: titles repeated in the body)
    dup = Counter()
    for a in articles + no_prose:
        item = by_aid.get(a.id)
        if item is None:
            continue
        tag = "txt-wrapped" if item.wrapped else item.kind
        dup[f"{tag} dropped"] += a.stats.duplicate_paragraphs
        dup[f"{tag} planted"] += item.dup_paragraph
    r["dup"] = dup

    # syndicated copies
    group_of = {m: a.id for a in kept for m in (a.id, *(c.id for c in a.copies))}
    planted = [(i.aid, i.copy_of) for i in pile.items if i.copy_of]
    found = [(c, o) for c, o in planted if c in group_of and group_of[c] == group_of.get(o)]
    r["copies_planted"], r["copies_found"] = len(planted), len(found)
    for c, o in sorted(set(planted) - set(found)):
        example("planted copy not merged", f"{c} ({by_aid[c].kind}) is a copy of {o} ({by_aid[o].kind})")
    r["wrong_merges"] = 0
    for a in kept:
        for c in a.copies:
            sa, sc = by_aid.get(a.id), by_aid.get(c.id)
            if sa and sc and sa.story.sid != sc.story.sid:
                r["wrong_merges"] += 1
                example("different stories merged", f"{c.id} into {a.id} (similarity {c.similarity})")

    # promos and what learn_boilerplate dropped
    promo_norms = {norm(o[2]) for o in OUTLETS}
    carriers = Counter((outlet_key(a), norm(b.text)) for a in kept for b in a.blocks if norm(b.text) in promo_norms)
    r["promos_planted"] = sum(1 for i in pile.items if i.promo)
    r["promos_reaching"] = sum(carriers.values())
    r["promos_learnable"] = sum(n for n in carriers.values() if n >= 3)
    after = {a.id: a for a in learned_articles}
    lk = Counter()
    for a in kept:
        item = by_aid.get(a.id)
        want = {norm(p) for p in item.paragraphs} if item else set()
        remaining = Counter(norm(b.text) for b in after[a.id].blocks)
        for b in a.blocks:
            key = norm(b.text)
            if remaining[key] > 0:
                remaining[key] -= 1
                continue
            if key in promo_norms:
                what = "promo"
            elif item and key in {norm(h) for h in item.subheads.values()}:
                what = "subheading"
            elif any(key in p for p in promo_norms):
                what = "promo fragment"
            elif key in want:
                what = "news paragraph"
            elif any(key in p for p in want):
                what = "news fragment"
            else:
                what = "other"
            lk[what] += 1
            if what in ("news paragraph", "news fragment", "other"):
                wrapped = " (hard-wrapped)" if item and item.wrapped else ""
                example(f"learned boilerplate dropped a {what}", f"{a.id}{wrapped}: {b.text[:70]!r}")
    r["learned_kinds"] = lk
    survivors = Counter()
    for a in learned_articles:
        for b in a.blocks:
            if norm(b.text) in promo_norms:
                survivors["learnable" if carriers[(outlet_key(a), norm(b.text))] >= 3 else "rare"] += 1
                if carriers[(outlet_key(a), norm(b.text))] >= 3:
                    example("promo survived", f"{a.id}: {b.text[:60]!r}")
    r["promo_survivors"] = survivors

    # site chrome left in articles, and paragraphs as written vs blocks after cleaning
    chrome = [(cat, norm(s)) for cat, strings in CHROME.items() for s in strings if len(s.split()) >= 5]

    def chrome_hits(arts: list, by_kind: Counter | None = None) -> Counter:
        hits: Counter = Counter()
        for a in arts:
            for b in a.blocks:
                key = norm(b.text)
                for cat, c in chrome:
                    if c in key or (len(key.split()) >= 5 and key in c):
                        hits[cat] += 1
                        if by_kind is not None:
                            by_kind[kind_of.get(a.id, "?")] += 1
                            example("chrome in a cleaned article", f"{a.id} ({kind_of.get(a.id)}) [{cat}]: {b.text[:70]!r}")
                        break
        return hits

    r["chrome_by_kind"] = Counter()
    r["chrome_after_clean"] = chrome_hits(articles, r["chrome_by_kind"])
    r["chrome_after_learn"] = chrome_hits(learned_articles)

    integrity: dict[str, Counter] = defaultdict(Counter)
    for a in learned_articles:
        item = by_aid.get(a.id)
        if item is None:
            continue
        tag = "txt-wrapped" if item.wrapped else item.kind
        want = [norm(p) for p in item.paragraphs]
        got = {norm(b.text) for b in a.blocks}
        got_prose = [norm(b.text) for b in a.blocks if b.kind == "prose"]
        allowed = set(want) | promo_norms | {norm(h) for h in item.subheads.values()}
        strays = [b for b in a.blocks if norm(b.text) not in allowed]
        c = integrity[tag]
        c["articles"] += 1
        c["paragraphs"] += len(want)
        c["intact"] += sum(1 for p in want if p in got)
        for sentence_list in item.story.sentences[: len(item.paragraphs)]:
            for sentence in sentence_list:
                key = norm(sentence)
                c["sentences"] += 1
                whole = any(key in g for g in got_prose)
                c["sentences intact"] += whole
                if not whole:
                    example(f"sentence cut ({tag})", f"{a.id}: {sentence[:70]!r}")
        c["stray blocks"] += len(strays)
        c["articles with strays"] += bool(strays)
        c["stray headings"] += sum(1 for b in strays if b.kind == "heading")
        for b in strays[:1]:
            example(f"paragraph broken or altered ({tag})", f"{a.id}: {b.kind} {b.text[:80]!r}")
    r["integrity"] = integrity

    # ---- verdicts
    P = r["problems"]
    if missing:
        P.append(f"{len(missing)} generated article(s) not read")
    if no_prose:
        P.append(f"{len(no_prose)} article(s) with no prose left after clean")
    if r["copies_found"] < r["copies_planted"]:
        P.append(f"dedupe merged {r['copies_found']} of {r['copies_planted']} planted syndicated copies")
    if r["wrong_merges"]:
        P.append(f"dedupe merged {r['wrong_merges']} article(s) into a different story")
    if survivors["learnable"]:
        P.append(f"{survivors['learnable']} promo line(s) repeated by their outlet 3+ times survived learn_boilerplate")
    if lk["news paragraph"] or lk["other"]:
        P.append(f"learn_boilerplate dropped {lk['news paragraph']} whole news paragraph(s) and {lk['other']} other line(s)")
    if lk["news fragment"] or lk["promo fragment"]:
        P.append(f"learn_boilerplate dropped {lk['news fragment']} news fragment(s) and {lk['promo fragment']} promo "
                 "fragment(s): pieces of hard-wrapped paragraphs that clean did not rejoin, identical across articles")
    if sum(r["chrome_after_clean"].values()):
        P.append(f"{sum(r['chrome_after_clean'].values())} line(s) of site chrome in cleaned articles")
    for kind, m in sorted(r["meta"].items()):
        if m["with outlet"] and m["outlet ok"] < m["with outlet"]:
            P.append(f"{kind}: outlet not found for {m['with outlet'] - m['outlet ok']} of {m['with outlet']} articles")
        if m["title ok"] < r["articles_by_kind"][kind]:
            P.append(f"{kind}: title differs for {r['articles_by_kind'][kind] - m['title ok']} article(s)")
        if m["dated"] and m["date ok"] < m["dated"]:
            P.append(f"{kind}: publication time differs for {m['dated'] - m['date ok']} of {m['dated']} article(s)")
    for tag, c in sorted(integrity.items()):
        if c["intact"] < c["paragraphs"] or c["stray blocks"]:
            what = " (clean does not rejoin the lines)" if tag == "txt-wrapped" else ""
            P.append(f"{tag}: {c['paragraphs'] - c['intact']} of {c['paragraphs']} paragraphs not intact after clean "
                     f"({c['sentences'] - c['sentences intact']} of {c['sentences']} sentences cut in two), "
                     f"{c['stray blocks']} stray block(s) ({c['stray headings']} taken for headings) in "
                     f"{c['articles with strays']} of {c['articles']} articles{what}")
    for tag in ("txt", "md"):
        if dup[f"{tag} dropped"] < dup[f"{tag} planted"]:
            P.append(f"{tag}: clean dropped {dup[f'{tag} dropped']} of {dup[f'{tag} planted']} duplicated paragraphs")
    return r


def run_cli(pile_dir: Path, out_dir: Path, timeout: float) -> dict:
    exe = Path(sys.executable).with_name("brief")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "brief"]
    cmd += ["build", str(pile_dir), "--format", "json", "-o", str(out_dir), "--date", "2026-11-21"]
    limit = f" (stopped after {timeout:.0f} s)" if timeout else ""
    print(f"bench: running `brief build {pile_dir} --format json` in a fresh process{limit.replace('stopped', 'stop')}",
          file=sys.stderr)
    t = time.perf_counter()
    out: dict = {"cli_timeout": None}
    try:
        proc = subprocess.run(cmd, check=False, capture_output=True, text=True, cwd=REPO, timeout=timeout or None)
    except subprocess.TimeoutExpired:  # subprocess.run kills and reaps the child
        out.update(cli_wall=time.perf_counter() - t, cli_rc=None, cli_timeout=timeout,
                   cli_rss=peak_rss_mib(resource.RUSAGE_CHILDREN))
        return out
    out.update(cli_wall=time.perf_counter() - t, cli_rc=proc.returncode, cli_rss=peak_rss_mib(resource.RUSAGE_CHILDREN))
    path = out_dir / "briefing-2026-11-21.json"
    if proc.returncode == 0 and path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
        out.update(cli_articles=len(data.get("articles", [])), cli_dropped=data.get("dropped", {}),
                   cli_warnings=len(data.get("warnings", [])),
                   cli_candidates=sum(t.get("candidates", 0) for t in data.get("themes", [])))
    else:
        out["cli_error"] = proc.stderr.strip().splitlines()[-3:]
    return out


# ---------------------------------------------------------------- report


def print_report(pile: Pile, r: dict, args: argparse.Namespace) -> None:
    n = r["raws"]
    mb = r["bytes"] / 1e6
    t_ing = sum(r["t_ingest"].values())
    t_cln = sum(r["t_clean"].values())

    def rate(count: float, secs: float) -> str:
        return f"{count / secs:,.0f}" if secs > 0 else "–"

    def mbs(secs: float) -> str:
        return f"{mb / secs:.2f}" if secs > 0 else "–"

    print(f"### brief ingest + clean: {n:,} synthetic articles, {mb:.2f} MB "
          f"(`bench/ingest.py --articles {args.articles}`, seed {args.seed}, {os.cpu_count()} CPUs, "
          f"Python {sys.version.split()[0]})\n")
    print("| stage | seconds | articles/s | MB/s |")
    print("|---|---:|---:|---:|")
    print(f"| ingest: `read_inputs` (trafilatura, feedparser, JSON, text) | {t_ing:.2f} | {rate(n, t_ing)} | {mbs(t_ing)} |")
    print(f"| clean: `clean`, per article | {t_cln:.2f} | {rate(n, t_cln)} | {mbs(t_cln)} |")
    print(f"| **ingest + clean** | **{t_ing + t_cln:.2f}** | **{rate(n, t_ing + t_cln)}** | **{mbs(t_ing + t_cln)}** |")
    print(f"| `dedupe` ({n:,} → {r['kept']:,} articles) | {r['t_dedupe']:.2f} | {rate(n, r['t_dedupe'])} | |")
    print(f"| `learn_boilerplate` | {r['t_learn']:.2f} | {rate(r['kept'], r['t_learn'])} | |")
    print(f"| `segment` ({r['sentences']:,} sentences) | {r['t_segment']:.2f} | {rate(r['usable'], r['t_segment'])} | |")
    if "cli_wall" in r:
        if r["cli_timeout"]:
            print(f"| `brief build DIR --format json`, fresh process, wall | > {r['cli_timeout']:.0f} (stopped) | < {rate(n, r['cli_timeout'])} | |")
        else:
            bad = "" if r["cli_rc"] == 0 else f" (exit {r['cli_rc']})"
            print(f"| `brief build DIR --format json`, fresh process, wall{bad} | {r['cli_wall']:.2f} | {rate(n, r['cli_wall'])} | {mbs(r['cli_wall'])} |")
    print()
    print("| figure | value |")
    print("|---|---:|")
    print(f"| bytes read | {r['bytes']:,} |")
    print(f"| files / articles read | {sum(pile.files.values()):,} / {n:,} |")
    print(f"| peak RSS, this process (ingest → segment) | {r['peak_rss']:.0f} MiB |")
    if "cli_rss" in r:
        print(f"| peak RSS, `brief build` process | {r['cli_rss']:.0f} MiB |")
    wrong = f", {r['wrong_merges']} wrong" if r["wrong_merges"] else ""
    print(f"| syndicated copies planted / merged by `dedupe` | {r['copies_planted']} / {r['copies_found']}"
          f" ({r['merged']} merges in all{wrong}) |")
    lk = r["learned_kinds"]
    sv = r["promo_survivors"]
    print(f"| promo lines planted / reaching `learn_boilerplate` (3+ per outlet) / dropped by it | {r['promos_planted']} / "
          f"{r['promos_reaching']} ({r['promos_learnable']}) / {lk['promo']} |")
    extra = ", ".join(f"{v} {k}" for k, v in lk.items() if k != "promo" and v)
    print(f"| `learned_boilerplate` lines dropped | {r['learned']} ({lk['promo']} promo{', ' + extra if extra else ''}) |")
    d = r["dup"]
    print(f"| duplicated paragraphs planted / dropped: .txt, .txt hard-wrapped | {d['txt planted']} / {d['txt dropped']}, "
          f"{d['txt-wrapped planted']} / {d['txt-wrapped dropped']} |")
    if d["html dropped"]:
        print(f"| .html: headline repeated in the body, dropped by `clean` | {d['html dropped']} |")
    print(f"| lines of site chrome in cleaned articles (after clean / after learned boilerplate) | "
          f"{sum(r['chrome_after_clean'].values())} / {sum(r['chrome_after_learn'].values())} |")
    tot = sum(c["paragraphs"] for c in r["integrity"].values())
    intact = sum(c["intact"] for c in r["integrity"].values())
    print(f"| story paragraphs intact after cleaning (kept articles) | {intact:,} / {tot:,} ({100 * intact / max(1, tot):.1f}%) |")
    s_tot = sum(c["sentences"] for c in r["integrity"].values())
    s_ok = sum(c["sentences intact"] for c in r["integrity"].values())
    print(f"| story sentences whole in one prose block (kept articles) | {s_ok:,} / {s_tot:,} ({100 * s_ok / max(1, s_tot):.1f}%) |")
    if "cli_articles" in r:
        dd = r["cli_dropped"]
        print(f"| `brief build`: articles / duplicate_articles / learned_boilerplate / theme candidates | "
              f"{r['cli_articles']:,} / {dd.get('duplicate_articles')} / {dd.get('learned_boilerplate')} / {r['cli_candidates']:,} |")
    elif "cli_error" in r:
        print(f"| `brief build` failed | {' / '.join(r['cli_error'])} |")
    print(f"| not in the stage times: imports + Punkt set-up / corpus generation | {r['t_imports']:.1f} s / {r['t_generate']:.1f} s |")
    print()
    print("| kind | files | articles | MB | ingest s | articles/s | clean ms | titles ok | dates ok | outlets ok | paragraphs intact | sentences whole | chrome lines |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for kind in ("txt", "md", "html", "rss", "jsonl"):
        count = r["articles_by_kind"].get(kind, 0)
        t_k = r["t_ingest"].get(kind, 0.0)
        m = r["meta"].get(kind, Counter())
        c = r["integrity"].get(kind, Counter()) + (r["integrity"].get("txt-wrapped", Counter()) if kind == "txt" else Counter())
        dates = f"{m['date ok']}/{m['dated']}" if m["dated"] else "–"
        print(f"| {kind} | {pile.files[kind]} | {count} | {pile.bytes_by_kind[kind] / 1e6:.2f} | {t_k:.2f} | "
              f"{rate(count, t_k)} | {1000 * r['t_clean'].get(kind, 0.0):.0f} | {m['title ok']}/{count} | {dates} | "
              f"{m['outlet ok']}/{m['with outlet']} | {c['intact']}/{c['paragraphs']} | {c['sentences intact']}/{c['sentences']} | {r['chrome_by_kind'].get(kind, 0)} |")
        if kind == "txt":
            w = r["integrity"].get("txt-wrapped", Counter())
            print(f"| ↳ hard-wrapped .txt only | | {w['articles']} | | | | | | | | {w['intact']}/{w['paragraphs']} | {w['sentences intact']}/{w['sentences']} | |")
    print()
    print(f"Ingest warnings: {len(r['warnings'])}. Promo lines left after learn_boilerplate: {sv['learnable']} "
          f"(+{sv['rare']} whose outlet printed them fewer than 3 times, kept by design). "
          f"Total run time of this script: {r['t_total']:.1f} s.")
    if r["problems"]:
        print("\n**Problems found:**\n")
        for p in r["problems"]:
            print(f"- {p}")
        print()
        for key, examples in r["examples"].items():
            if examples:
                print(f"- e.g. {key}: " + "; ".join(examples))
    else:
        print("\nNo problems found: every planted copy merged, every repeated promo dropped, no chrome left, "
              "paragraphs intact.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles to generate (default 1000)")
    parser.add_argument("--keep", metavar="DIR", help="write the corpus (DIR/pile) and the CLI output (DIR/out) here and keep them")
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed (default {SEED})")
    parser.add_argument("--build-timeout", type=float, default=60, metavar="SECONDS",
                        help="stop `brief build` after this long and report it as slower (0: no limit; default 60)")
    parser.add_argument("--no-build", action="store_true", help="skip the `brief build` subprocess")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a correctness check fails")
    args = parser.parse_args(argv)
    if args.articles < 20:
        parser.error("--articles must be at least 20")
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
