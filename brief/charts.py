"""Charts: small inline SVGs (pygal) for the HTML, the PDF and the mail.

Why pygal: it is pure Python and imports in ~40 ms (matplotlib costs ~0.4 s and a font
cache); its SVG is drawn the same by browsers and by WeasyPrint. Why these settings:
no JavaScript (its tooltips load a script from the web, and it
embeds its configuration as a script, which is removed), a fixed element id instead of a
random one (the same briefing gives the same file), no comments (pygal dates them), and
text that stays text, and the data as one sentence in `aria-label` (HTML) and `<title>`
(the PDF figure's alternative text).
Labels are article data (outlet names) and pygal writes them through an XML library, so
they arrive escaped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from .model import Briefing
from .render import plain_text

MAX_BARS = 8  # outlets beyond this many are summed as "others"
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"<[^<>]*>")
_ACTIVE_ATTRIBUTE = re.compile(r"\s(?:on[a-z]+|(?:xlink:)?href|src)\s*=", re.I)
_TITLE = re.compile(r"<title>.*?</title>", re.S)
_SCRIPT = re.compile(r"<script\b[^>]*?(?:/>|>.*?</script>)", re.S)  # pygal adds its config as a script even with js=[]
INK, MUTED, BAR = "#1b1f24", "#59636e", "#a9c2e8"  # light bars: dark value labels stay readable, prints light
PALETTE = ("#1d4f91", "#c2571a", "#2e7d4f", "#8a3ffc", "#b8860b", "#5f6b7a", "#0f7c8c", "#a3336b")


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
    import pygal

    rows = [(plain_text(label), n) for label, n in rows][::-1]  # XML takes no control characters; pygal draws
    # the first row at the bottom
    height = 34 + 24 * len(rows)
    chart = pygal.HorizontalBar(style=_style(), width=320, height=height, title=title, show_x_labels=False,
                                **_common())
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
