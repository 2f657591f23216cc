"""Charts and citations at volume: what the reader sees when many outlets carry the same news."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from brief.charts import MAX_BARS, charts_for, outlet_counts
from brief.pipeline import build
from brief.render import MAX_CITATIONS, render_html, render_markdown, render_text
from conftest import EXAMPLES

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
