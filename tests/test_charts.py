"""Charts and citations at volume: what the reader sees when many outlets carry the same news."""

from __future__ import annotations

import html as html_lib
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from brief.charts import LABEL_COLUMN, MAX_BARS, MAX_LABEL_LINES, charts_for, label_lines, outlet_counts, text_width
from brief.pipeline import build
from brief.render import MAX_CITATIONS, render_html, render_markdown, render_pdf, render_text
from conftest import EXAMPLES, pdf_figure_alts

WIRE = ("Russia and Ukraine agreed on Tuesday to extend the ceasefire line talks in Geneva by another week, "
        "officials from both delegations said.")


LOCAL = [
    "Farmers near the river said the autumn harvest was the smallest in a decade.",
    "A regional court postponed hearings on property claims until the spring.",
    "Railway engineers reopened a bridge that had been closed since the summer floods.",
    "Teachers in the border towns returned to classrooms after months of online lessons.",
    "The city council voted to rebuild the market hall with money from private donors.",
    "Hospital staff reported a shortage of winter medicines in three districts.",
    "Fishing crews complained that new port fees would cut their earnings by a third.",
    "Volunteers opened a shelter for families displaced from villages near the coast.",
    "A museum reopened its galleries with an exhibition of restored icons.",
    "Bus services between the two largest cities resumed after a week of repairs.",
    "Students protested against a plan to merge two universities in the capital.",
    "Mining unions called for talks on pensions and safety rules.",
]


def _syndicated(tmp_path: Path, outlets: int = 12) -> Path:
    """One wire sentence printed by `outlets` outlets, each with a sentence of its own."""
    records = []
    for i in range(outlets):
        records.append({
            "title": f"Talks extended, report {i}",
            "source": f"Outlet {chr(65 + i)}",
            "url": f"https://news{i}.example/talks",
            "published": "2026-11-20",
            "text": f"{WIRE}\n\n" + " ".join(LOCAL[(i + k) % len(LOCAL)] for k in range(3)),
        })
    path = tmp_path / "wire.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_charts_are_the_same_every_time_with_no_script_comment_or_random_id():
    b = build([EXAMPLES])
    first, second = charts_for(b), charts_for(b)
    assert [c.svg for c in first] == [c.svg for c in second]
    assert [c.id for c in first] == ["themes", "outlets"]
    for chart in first:
        assert "<script" not in chart.svg and "<!--" not in chart.svg
        assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", chart.svg), "no uuid"
        assert chart.svg.startswith('<svg role="img" aria-label="')
        assert f"<title>{chart.summary}</title>" in chart.svg


def test_outlets_count_every_outlet_that_carried_an_article_and_sum_the_tail(tmp_path):
    b = build([_syndicated(tmp_path)], topic=False)  # these articles need not name Ukraine
    rows = outlet_counts(b)
    assert len(rows) == MAX_BARS
    assert rows[-1][0] == f"{12 - MAX_BARS + 1} other outlets"
    assert sum(n for _, n in rows) == sum(len(a.outlets) for a in b.articles)


def test_a_sentence_many_outlets_carried_gets_a_few_marks_and_the_source_list_only_cited_articles(tmp_path):
    b = build([_syndicated(tmp_path)], topic=False)  # these articles need not name Ukraine
    picks = [*b.key_points, *(p for s in b.sections for p in s.picks)]
    wire = next(p for p in picks if p.text == WIRE)
    assert len(wire.also_in) >= MAX_CITATIONS, "the near-duplicates were found"
    text = render_text(b)
    line = next(x for x in text.splitlines() if WIRE in x)
    marks = re.findall(r"\[(\d+)\]", line)
    assert len(marks) == MAX_CITATIONS and len(set(marks)) == MAX_CITATIONS
    assert "(reported by 12 outlets)" in line
    sources = [x for x in text.split("SOURCES", 1)[1].splitlines() if x.startswith("[")]
    numbers = [int(x[1:x.index("]")]) for x in sources]
    assert numbers == list(range(1, len(numbers) + 1)), "numbered in order of first citation"
    cited = {m for x in text.splitlines() for m in re.findall(r"\[(\d+)\]", x) if not x.startswith("[")}
    assert {str(n) for n in numbers} == cited, "every listed source is cited and every citation listed"
    more = len(b.articles) - len(numbers)
    assert more > 0 and f"({more} more articles read but not cited)" in text
    assert f"{more} more articles were read but not cited" in render_html(b)
    assert f"_{more} more articles read but not cited._" in render_markdown(b)


def test_pdf_falls_back_to_dejavu_without_noto(tmp_path):
    """A machine without fonts-noto-core still gets a PDF with embedded fonts (DejaVu)."""
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        "<dir>/usr/share/fonts/truetype/dejavu</dir>"
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>", encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "FONTCONFIG_FILE": str(conf)}
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "brief", "build", str(EXAMPLES), "--format", "pdf", "--out",
                             str(out), "--date", "2026-11-21"], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    fonts = subprocess.run(["pdffonts", str(out / "briefing-2026-11-21.pdf")], capture_output=True, text=True,
                           check=True).stdout
    assert "DejaVu" in fonts and "Noto" not in fonts


# ---------------------------------------------------------------- long theme titles

LONG_TITLES = [
    "Climate finance goals",  # seen on a real briefing as "Climate finance goa5"
    "Negotiations between the delegations about the ceasefire line and what each side would give up before the "
    "winter arrives",  # 120 characters
    "Gastransitthroughtheoldpipelinesandwhoeverpaysforitwhenthecontractendsattheendoftheyearandnobodyhasagreedonit",
    "天然气过境运输与管道合同到期后的供应安排以及欧洲各国政府对冬季能源安全的担忧和应急计划的讨论",
    "العقوبات الاقتصادية وسقف الأسعار والأصول المجمدة",
    '<script>alert("x")</script> & <img src=x onerror=alert(1)> "quoted"',
    "Ukraïna — пере́мир'я і лінія фронту в регіоні",
    "Sanctions",
    "NATO and the alliance: membership, accession, Article Five and what the allies said about the eastern flank",
    "Territory",
]
KEYWORDS = [("ceasefire", "talks", "Geneva"), ("gas", "transit", "pipeline"), ("sanctions", "price cap"),
            ("front line", "territory", "region"), ("NATO", "alliance")]


@pytest.fixture(scope="module")
def long_titled(tmp_path_factory) -> dict:
    """The examples briefed under ten themes with long, unspaced, non-Latin and hostile titles."""
    from brief.model import Theme

    themes = [Theme(id=f"t{i}", title=t, keywords=KEYWORDS[i % len(KEYWORDS)]) for i, t in enumerate(LONG_TITLES)]
    b = build([EXAMPLES], themes=themes, topic=False)
    html = tmp_path_factory.mktemp("long-titles") / "briefing.html"
    html.write_text(render_html(b), encoding="utf-8")
    return {"briefing": b, "html": html, "counts": {s.theme.title: len(s.picks) for s in b.sections}}


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _bare(text: str) -> str:
    """Without spaces and combining marks."""
    return "".join(ch for ch in _squash(text) if not unicodedata.category(ch).startswith("M"))


@pytest.mark.parametrize("title", LONG_TITLES)
def test_a_label_is_at_most_three_lines_of_the_column_and_only_shortened_with_an_ellipsis(title):
    lines = label_lines(title)
    assert 1 <= len(lines) <= MAX_LABEL_LINES
    assert all(text_width(x) <= LABEL_COLUMN for x in lines)
    assert not any(unicodedata.category(x[0]).startswith("M") for x in lines), "no line starts with a mark"
    shown = _squash("".join(lines))
    if shown.endswith("…"):
        assert _squash(title).startswith(shown[:-1]) and len(shown) > 20
    else:
        assert shown == _squash(title), "nothing lost when it fits"
    if text_width(title) <= LABEL_COLUMN:
        assert lines == [title]


def test_long_titles_in_chromium_sit_beside_their_own_bars_and_clear_the_numbers(long_titled):
    """Measured in the browser, phone and desktop: every label line inside the chart and left
    of the bars and numbers, labels not overlapping each other, each label centred on the row
    of its own bar, the bars not squeezed, and every full title in the chart's text alternative."""
    from browser import open_page

    measure = """() => {
      const svg = document.querySelector('#chart-themes-figure svg');
      const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
      return {svg: box(svg), aria: svg.getAttribute('aria-label'), title: svg.querySelector('title').textContent,
        labels: [...svg.querySelectorAll('.axis.y .guides')].map(g => ({full: g.querySelector('title').textContent,
          lines: [...g.querySelectorAll('text')].map(t => ({text: t.textContent, box: box(t)}))})),
        bars: [...svg.querySelectorAll('.bar')].map(g => ({n: +g.querySelector('desc.value').textContent,
          box: box(g.querySelector('rect'))})),
        values: [...svg.querySelectorAll('.text-overlay text.value')].map(box),
        scripts: document.querySelectorAll('script, figure img').length};
    }"""
    counts = long_titled["counts"]
    for width in (1000, 375):
        with open_page(long_titled["html"], width=width) as visit:
            chart = visit.page.evaluate(measure)
        left, top, right, bottom = chart["svg"]
        assert chart["scripts"] == 0, "hostile titles stay text"
        assert chart["aria"] == chart["title"]
        assert all(title in chart["aria"] for title in LONG_TITLES), "full titles in the text alternative"
        assert sorted(x["full"] for x in chart["labels"]) == sorted(LONG_TITLES), "full title as each label's tooltip"
        plot = min(b["box"][0] for b in chart["bars"])
        ink = [line for label in chart["labels"] for line in label["lines"]]
        assert all(x["box"][0] >= left - 0.5 and x["box"][1] >= top - 0.5 and x["box"][3] <= bottom + 0.5 for x in ink)
        assert max(x["box"][2] for x in ink) < plot - 1, "labels end before the bars"
        assert max(x["box"][2] for x in ink) < min(v[0] for v in chart["values"]), "and before the numbers"
        assert max(b["box"][2] - b["box"][0] for b in chart["bars"]) >= 0.4 * (right - left), "bars not squeezed"
        assert any("<script>" in x["text"] for x in ink), "the hostile title is shown as its characters"
        rows = sorted((min(x["box"][1] for x in g["lines"]), max(x["box"][3] for x in g["lines"]), g)
                      for g in chart["labels"])
        for (_, end, _), (start, _, _) in zip(rows, rows[1:]):
            assert end <= start + 0.5, "labels do not run into each other"
        for first, last, label in rows:
            middle = (first + last) / 2
            own = [b for b in chart["bars"] if b["box"][1] <= middle <= b["box"][3]]
            assert len(own) == 1 and own[0]["n"] == counts[label["full"]], f"{label['full'][:30]} is beside its bar"


def _pdf_words(pdf: Path) -> list[list[dict]]:
    """pdftotext's words with their boxes, page by page."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in re.findall(r"<page width=\"([\d.]+)\" height=\"([\d.]+)\">(.*?)</page>", out, re.S):
        words = [{"box": tuple(map(float, m[:4])), "text": html_lib.unescape(m[4])}
                 for m in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
                                     page[2])]
        pages.append([{**w, "page": (float(page[0]), float(page[1]))} for w in words])
    return pages


def test_long_titles_in_the_pdf_read_back_as_their_words_clear_of_the_numbers(long_titled, tmp_path):
    """The PDF as pdftotext reads it: in the theme chart every word is a count or a word of a
    (wrapped, shortened) title — never a merge like "goa5" — the counts stand clear of the
    labels, and the figure's alternative text has every title in full."""
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(render_pdf(long_titled["briefing"]))
    for words in _pdf_words(pdf):
        texts = [w["text"] for w in words]
        at = next((i for i in range(len(texts) - 2) if texts[i:i + 3] == ["Sentences", "per", "theme"]), None)
        if at is not None:
            break
    else:
        raise AssertionError("no page has the theme chart")
    width, height = words[0]["page"]
    below = words[at]["box"][3]  # the charts sit side by side (print CSS): the theme chart is the left half
    chart = [w for w in words if w["box"][1] > below and w["box"][2] < width / 2 and w["box"][3] < height - 60]
    numbers = [w for w in chart if w["text"].isdigit()]
    labels = [w for w in chart if not w["text"].isdigit()]
    assert sorted(int(w["text"]) for w in numbers) == sorted(long_titled["counts"].values())
    shown = [_bare("".join(label_lines(t))) for t in LONG_TITLES]  # WeasyPrint sets a combining mark apart
    for w in labels:
        assert any(_bare(w["text"]) in x for x in shown), f"{w['text']!r} is not part of a title: merged with a number?"
    assert ["Climate", "finance", "goals"] == [w["text"] for w in labels[:3]], "the short title reads whole"
    for n in numbers:
        for w in labels:
            (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = n["box"], w["box"]
            assert ax1 <= bx0 or bx1 <= ax0 or ay1 <= by0 or by1 <= ay0, f"{w['text']!r} overlaps {n['text']}"
    assert max(w["box"][2] for w in labels) < min(n["box"][0] for n in numbers), "the counts stand right of every label"

    alts = pdf_figure_alts(pdf)
    assert alts[0].startswith("Sentences per theme: ")
    for title, n in long_titled["counts"].items():
        assert f"{title} {n}" in alts[0]
