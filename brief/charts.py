"""Charts: small inline SVGs (pygal) for the HTML, the PDF and the mail.

Why pygal: it is pure Python and imports in ~40 ms (matplotlib costs ~0.4 s and a font
cache); its SVG is drawn the same by browsers and by WeasyPrint. Why these settings:
no JavaScript (its tooltips load a script from the web, and it
embeds its configuration as a script, which is removed), a fixed element id instead of a
random one (the same briefing gives the same file), no comments (pygal dates them), and
text that stays text, and the data as one sentence in `aria-label` (HTML) and `<title>`
(the PDF figure's alternative text).
Labels are article data (theme titles, outlet names) and pygal writes them through an XML
library, so they arrive escaped. pygal sizes a bar chart's label column from the longest
label's length and never shortens it, so a long title squeezed the bars to nothing and ran
into them; brief lays the labels out itself (`label_lines`): a column at most LABEL_COLUMN
wide, each label wrapped into at most MAX_LABEL_LINES lines, the rest cut with "…". The
full label stays in the chart's `aria-label` and `<title>`, and as the label's tooltip.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from .model import Briefing
from .plaintext import plain_text

MAX_BARS = 8  # outlets beyond this many are summed as "others"
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"<[^<>]*>")
_ACTIVE_ATTRIBUTE = re.compile(r"\s(?:on[a-z]+|(?:xlink:)?href|src)\s*=", re.I)
_TITLE = re.compile(r"<title>.*?</title>", re.S)
_SCRIPT = re.compile(r"<script\b[^>]*?(?:/>|>.*?</script>)", re.S)  # pygal adds its config as a script even with js=[]
INK, MUTED, BAR = "#1b1f24", "#59636e", "#a9c2e8"  # light bars: dark value labels stay readable, prints light
PALETTE = ("#1d4f91", "#c2571a", "#2e7d4f", "#8a3ffc", "#b8860b", "#5f6b7a", "#0f7c8c", "#a3336b")
WIDTH = 320  # a chart's viewBox width; the page scales it
FONT = 11  # px, the labels' font size (the style's label_font_size)
LINE = 13  # px from one label line to the next
LABEL_COLUMN = 150  # px of WIDTH for bar labels at most: the bars keep 150 px (47 %)
MAX_LABEL_LINES = 3  # a longer label is cut with "…" (the full one is in the summary)
BAR_THICKNESS = 21  # px of a row a bar fills at most (rows of one line: as pygal draws them)
GAP = 8  # px between a label's end and the bars (a value centred in a 1 px bar pokes out ~4 px)
ELLIPSIS = "\u2026"
_JOINERS = frozenset("\u200d\u034f\u2060\ufe0e\ufe0f")
# Printable ASCII advances in em: the wider of DejaVu Sans and Noto Sans (the fonts the
# charts name), rounded up into a few steps.
_ASCII = {ch: em for em, chars in (
    (0.3, "'ijlJ ,."), (0.34, ":;I"), (0.42, "f-/\\()[]t!r"), (0.5, '"_`szc?'), (0.58, "*L|Fk"),
    (0.62, "vxyPTYaeo"), (0.64, "$0123456789ESbdghnpqu{}"), (0.7, "KABVXZCR"), (0.79, "UHN&DGOQ"),
    (0.84, "w#+<=>^~"), (1.0, "M%mW@"),
) for ch in chars}
_BROAD = frozenset("\u2013\u2014\u2026")


@dataclass(frozen=True)
class Chart:
    """One chart: the SVG to inline, and the same data as one sentence for screen readers."""

    id: str
    title: str
    svg: str
    summary: str


def theme_counts(b: Briefing) -> list[tuple[str, int]]:
    """Sentences shown per theme section, in section order."""
    return [(s.theme.title, len(s.picks)) for s in b.sections]


def outlet_counts(b: Briefing, limit: int = MAX_BARS) -> list[tuple[str, int]]:
    """Articles per outlet, counting syndicated copies under each outlet that carried them;
    the largest first, ties by name, the tail summed as "n other outlets"."""
    counts: Counter[str] = Counter()
    for a in b.articles:
        names = a.outlets or ("(no outlet named)",)
        for name in names:
            counts[name] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
    if len(ranked) > limit:
        rest = ranked[limit - 1:]
        ranked = ranked[: limit - 1] + [(f"{len(rest)} other outlets", sum(n for _, n in rest))]
    return ranked


def text_width(text: str, size: float = FONT) -> float:
    """Estimated width in px, on the wide side (a label must not run past the chart's left
    edge): ASCII from the fonts' own advances, East Asian wide characters one em, other
    letters a broad guess."""
    em = 0.0
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0]  # é as e
        if base in _ASCII:
            em += _ASCII[base]
        elif unicodedata.category(ch)[0] == "M" or unicodedata.category(ch) == "Cf" or ch in _JOINERS:
            continue
        elif unicodedata.east_asian_width(ch) in "WF" or ch in _BROAD:
            em += 1.0
        else:
            em += 0.86 if ch.isupper() else 0.7
    return em * size


def _clusters(word: str) -> list[str]:
    """Characters with their combining marks and joined neighbours: a line never starts
    with a mark or splits an emoji sequence."""
    out: list[str] = []
    for ch in word:
        if out and (unicodedata.category(ch)[0] == "M" or ch in _JOINERS or out[-1][-1] == "\u200d"):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def label_lines(label: str, width: float = LABEL_COLUMN, lines: int = MAX_LABEL_LINES) -> list[str]:
    """`label` in at most `lines` lines no wider than `width`: broken at spaces, inside a word
    only when the word alone is too wide (titles with no spaces, CJK), the last line ending
    in "…" when text is left over."""
    out: list[str] = []
    current = ""
    for word in label.split():
        joined = f"{current} {word}" if current else word
        if text_width(joined) <= width:
            current = joined
            continue
        if current:
            out.append(current)
        current = ""
        for cluster in _clusters(word):
            if current and text_width(current + cluster) > width:
                out.append(current)
                current = ""
            current += cluster
    if current:
        out.append(current)
    if len(out) <= lines:
        return out
    last = _clusters(out[lines - 1])
    while last and text_width("".join(last) + ELLIPSIS) > width:
        last.pop()
    return [*out[: lines - 1], "".join(last).rstrip(" .,:;-") + ELLIPSIS]


@lru_cache(maxsize=1)
def _bars_class() -> type:
    """pygal's horizontal bars with brief's label column (pygal imported on first use)."""
    import pygal

    class LabelledBars(pygal.HorizontalBar):
        """The label column is `label_width` wide whatever the labels' length, each label is
        drawn as its `label_lines` (one <text> a line, right-aligned GAP before the bars) with
        the full label as its tooltip. These are pygal's internal hooks: tests/test_charts.py
        measures the drawn chart, so a pygal release that changes them fails there."""

        label_width: float = 0.0
        lines: dict[str, list[str]] = {}
        row: float = 24.0  # px per bar

        @property
        def _series_margin(self) -> float:  # pygal's share of a row left blank each side of a bar
            return max(0.06, 0.5 - BAR_THICKNESS / 2 / self.row)  # rows of 3-line labels keep slim bars

        def _compute_margin(self) -> None:
            super()._compute_margin()
            self.margin_box.left = self.margin + self.label_width + GAP  # pygal's guess ignored

        def _y_axis(self) -> None:
            axis = self.svg.node(self.nodes["plot"], class_="axis y")
            for label, position in self._y_labels:
                y = self.view.y(position)
                if y is None:
                    continue
                shown = self.lines.get(label) or [label]
                top = y + 0.35 * FONT - (len(shown) - 1) * LINE / 2
                group = self.svg.node(axis, class_="guides")
                for i, part in enumerate(shown):
                    self.svg.node(group, "text", attrib={"text-anchor": "end"}, x=-GAP, y=round(top + i * LINE, 2),
                                  class_="label-line").text = part
                self.svg.node(group, "title").text = label

    return LabelledBars


def _style(colors: Sequence[str] = (BAR,)):  # noqa: ANN202 - pygal imported lazily
    from pygal.style import Style

    return Style(
        background="transparent", plot_background="transparent", foreground=INK, foreground_strong=INK,
        foreground_subtle=MUTED, colors=tuple(colors), opacity="1", opacity_hover="1", transition="none",
        font_family="'Noto Sans', 'DejaVu Sans', Arial, sans-serif",
        label_font_size=11, major_label_font_size=11, value_font_size=11, title_font_size=12,
        legend_font_size=11, tooltip_font_size=11,
    )


def _finish(chart, chart_id: str, summary: str) -> str:  # noqa: ANN001 - a pygal graph
    """Render with a stable id, without comments, labelled as one image for assistive tech."""
    from markupsafe import escape

    chart.uuid = chart_id  # pygal's default is a random uuid4
    svg = _SCRIPT.sub("", _COMMENT.sub("", chart.render(is_unicode=True)))
    if _active(svg):  # a pygal upgrade changed its output: refuse rather than ship it
        raise RuntimeError(f"chart {chart_id}: pygal output has a script or link; brief needs updating")
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(summary)}" ', 1)
    # the SVG's <title> becomes the PDF figure's alternative text (WeasyPrint): give it the data too
    return _TITLE.sub(lambda _: f"<title>{escape(summary)}</title>", svg, count=1)


def _active(svg: str) -> bool:
    """Whether any tag is a script or has an event handler or link (quoted values, which hold
    escaped article text, are not looked at)."""
    for tag in _TAG.findall(svg):
        bare = re.sub(r'"[^"]*"', '""', tag)
        if bare.lower().startswith("<script") or _ACTIVE_ATTRIBUTE.search(bare):
            return True
    return False


def _common() -> dict[str, object]:
    return {
        "js": [], "disable_xml_declaration": True, "explicit_size": False, "show_legend": False,
        "print_values": True, "show_y_guides": False, "show_x_guides": False, "truncate_label": 34,
        "margin": 6, "spacing": 6, "tooltip_border_radius": 0,
    }


def bar_chart(chart_id: str, title: str, rows: Sequence[tuple[str, int]]) -> Chart | None:
    """A horizontal bar chart, first row on top; None when there is nothing to draw."""
    if not rows or not any(n for _, n in rows):
        return None

    rows = [(plain_text(label), n) for label, n in rows][::-1]  # XML takes no control characters; pygal draws
    # the first row at the bottom
    lines = {label: label_lines(label) for label, _ in rows}
    row = max(24, LINE * max(len(x) for x in lines.values()) + 11)
    chart = _bars_class()(style=_style(), width=WIDTH, height=34 + row * len(rows), title=title,
                          show_x_labels=False, **_common())
    chart.lines, chart.row = lines, row
    chart.label_width = min(LABEL_COLUMN, max((text_width(x) for ls in lines.values() for x in ls), default=0.0))
    chart.x_labels = [label for label, _ in rows]
    chart.add(title, [n for _, n in rows])
    summary = f"{title}: " + ", ".join(f"{label} {n}" for label, n in reversed(rows))
    return Chart(chart_id, title, _finish(chart, chart_id, summary), summary)


def coverage_chart(days: Sequence[tuple[str, dict[str, int]]], titles: dict[str, str]) -> Chart | None:
    """Sentences per theme over the last days (from the history store): one line per theme."""
    if len(days) < 2:
        return None
    import pygal

    themes = [t for t in titles if any(counts.get(t) for _, counts in days)]
    if not themes:
        return None
    title = "Sentences per theme, last days"
    chart = pygal.Line(style=_style(PALETTE), width=320, height=150 + 18 * len(themes), title=title,
                       **{**_common(), "show_legend": True, "legend_at_bottom": True, "legend_at_bottom_columns": 1,
                          "truncate_legend": 40, "print_values": False, "dots_size": 2.5, "stroke_style": {"width": 2},
                          "min_scale": 2, "max_scale": 6})
    chart.x_labels = [day[5:] for day, _ in days]  # MM-DD
    for theme in themes:
        chart.add(plain_text(titles[theme]), [counts.get(theme, 0) for _, counts in days])
    summary = f"{title}: " + "; ".join(
        f"{titles[t]} " + ", ".join(f"{day} {counts.get(t, 0)}" for day, counts in days) for t in themes)
    return Chart("coverage", title, _finish(chart, "coverage", summary), summary)


def charts_for(b: Briefing) -> list[Chart]:
    """The briefing's charts, in the order they are shown."""
    made = [
        bar_chart("themes", "Sentences per theme", theme_counts(b)),
        bar_chart("outlets", "Articles per outlet", outlet_counts(b)),
        coverage_chart(b.coverage, {s.theme.id: s.theme.title for s in b.sections}),
    ]
    return [c for c in made if c is not None]
