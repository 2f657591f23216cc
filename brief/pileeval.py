"""`brief eval pile`: how trustworthy a briefing built from a mixed pile of real articles is.

A real day mixes a few articles on the reader's topic with many on other beats. Given
the briefing's JSON and what is known about its articles — line labels for some
(`seeds-gold.jsonl` format: which themes each sentence is about) and article labels for
others (`{file, themes, ru_ua | in_scope}` per line: which themes the article is
substantially about, whether it is in the briefing's scope) — this counts per theme how
many picks are right, lists every wrong pick, every pick and Key point from an article
outside the scope, every line that fails the stand-alone rules (`select.standalone`) with
the rule, and every cited source shown without a real title.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .evaluate import gold_row, squash, load_gold
from .select.standalone import unfit_reason


@dataclass
class PileReport:
    picked: Counter = field(default_factory=Counter)  # theme -> scored picks
    correct: Counter = field(default_factory=Counter)
    wrong: list[tuple[str, str, str]] = field(default_factory=list)  # theme, text, why
    out_of_scope: list[tuple[str, str]] = field(default_factory=list)  # section ("Key points" or theme), text
    unfit: list[tuple[str, str, str]] = field(default_factory=list)  # section, rule, text
    junk: list[tuple[str, str]] = field(default_factory=list)  # section, text labelled as not a sentence
    untitled: list[tuple[str, str]] = field(default_factory=list)  # article id, what the reader sees
    unlabelled: int = 0  # picks from articles no label file knows
    scope_known: bool = False

    @property
    def scored(self) -> int:
        return sum(self.picked.values())

    @property
    def precision(self) -> float | None:
        return sum(self.correct.values()) / self.scored if self.scored else None

    @property
    def wrong_count(self) -> int:
        """Wrong theme picks, plus Key points from out-of-scope articles (a theme pick
        from such an article is already a wrong pick)."""
        return len(self.wrong) + sum(1 for section, _ in self.out_of_scope if section == "Key points")


@dataclass(frozen=True)
class Labels:
    """What is known of the pile's articles, by file name."""

    lines: Mapping[str, Sequence[Mapping]]  # file -> line labels (seeds-gold format)
    articles: Mapping[str, Mapping]  # file -> article label

    @classmethod
    def load(cls, gold: str | Path | None = None, labels: str | Path | None = None) -> Labels:
        lines: dict[str, list[Mapping]] = {}
        for row in load_gold(gold) if gold else []:
            lines.setdefault(row["file"], []).append(row)
        articles = {}
        if labels:
            for row in load_gold(labels):
                articles[Path(row["file"]).name] = row
        return cls(lines, articles)


def _file(article: Mapping) -> str:
    return Path(article.get("path") or "").name


def _in_scope(article: Mapping, labels: Labels, scope_key: str | None) -> bool | None:
    """True/False when a label says whether the article is in the briefing's scope; None
    when nothing says. Line-labelled articles (the topic's own articles) are in scope."""
    name = _file(article)
    if name in labels.lines:
        return True
    row = labels.articles.get(name)
    if row is None:
        return None
    if "in_scope" in row:
        return bool(row["in_scope"])
    if scope_key and scope_key in row:
        return bool(row[scope_key])
    return None


def _rows_in(text: str, rows: Sequence[Mapping]) -> list[Mapping]:
    """The line labels of the sentences a pick shows: its first sentence's (`gold_row`),
    then those of any sentence joined after it (a pick that leans on the sentence before
    shows both; it is right when one of them is labelled with its theme)."""
    first = gold_row(text, rows)
    if first is None:
        return []
    squashed = squash(text)
    found = [first]
    for row in rows:
        start = squash(row["starts_with"])
        if row is not first and len(start) >= 12 and squashed.find(start, 1) > 0:
            found.append(row)
    return found


def _untitled(article: Mapping) -> str | None:
    """What the source list shows instead of a title, when it shows no real title."""
    title = (article.get("title") or "").strip()
    stem = Path(article.get("path") or "").stem
    if not title:
        return article["id"]
    if title in {article["id"], stem, Path(article.get("path") or "").name} or title == article.get("source"):
        return title
    return None


def score_pile(briefing: Mapping, labels: Labels, scope_key: str | None = "ru_ua") -> PileReport:
    """Score one briefing (its JSON as a dict). `scope_key`: the article labels' field that
    says an article is in scope, read when the briefing declares a scope (`scope` in the
    JSON) or always when the labels carry `in_scope`."""
    articles = {a["id"]: a for a in briefing["articles"]}
    scoped = bool(briefing.get("scope"))
    report = PileReport(scope_known=scoped)
    key = scope_key if scoped else None
    shown = [("Key points", None, p) for p in briefing.get("key_points", [])]
    shown += [(t["title"], t["id"], p) for t in briefing["themes"] for p in t["summary"]]
    cited: list[str] = []
    for section, theme_id, pick in shown:
        text = pick["text"]
        article = articles.get(pick["article"], {"id": pick["article"]})
        cited.extend(pick.get("cites") or [pick["article"]])
        rule = unfit_reason(text, own_voice=bool((pick.get("parts") or {}).get("own voice")))
        if rule is not None:
            report.unfit.append((section, rule, text))
        if _in_scope(article, labels, key) is False:
            report.out_of_scope.append((section, text))
        name = _file(article)
        rows = _rows_in(text, labels.lines[name]) if name in labels.lines else []
        row = rows[0] if rows else None
        if row is not None and row["kind"] != "sentence":
            report.junk.append((section, text))
        if theme_id is None:
            continue
        if name in labels.lines:
            report.picked[theme_id] += 1
            if row is None:
                report.wrong.append((theme_id, text, "not found in the line labels"))
            elif any(theme_id in r["themes"] for r in rows):
                report.correct[theme_id] += 1
            else:
                report.wrong.append((theme_id, text, f"line labelled {list(row['themes']) or 'no theme'}"))
        elif name in labels.articles:
            report.picked[theme_id] += 1
            themes = list(labels.articles[name].get("themes") or [])
            if theme_id in themes:
                report.correct[theme_id] += 1
            else:
                report.wrong.append((theme_id, text, f"{name} is about {themes or 'none of the themes'}"))
        else:
            report.unlabelled += 1
    for article_id in dict.fromkeys(cited):
        shown_as = _untitled(articles.get(article_id, {"id": article_id}))
        if shown_as is not None:
            report.untitled.append((article_id, shown_as))
    return report


def report_lines(report: PileReport, width: int = 110) -> list[str]:
    """The report as printed by `brief eval pile`; the last line is machine-readable."""

    def cut(text: str) -> str:
        return text if len(text) <= width else text[: width - 1] + "…"

    out = [f"{'theme':16} {'correct':>8} {'picked':>7}"]
    for theme, n in sorted(report.picked.items()):
        out.append(f"{theme:16} {report.correct[theme]:8} {n:7}")
    if report.unlabelled:
        out.append(f"({report.unlabelled} pick(s) from articles no label file knows: not scored)")
    out.append(f"wrong picks: {len(report.wrong)}")
    out += [f"  [{theme}] {cut(text)}  ({why})" for theme, text, why in report.wrong]
    keys = sum(1 for section, _ in report.out_of_scope if section == "Key points")
    out.append(f"from out-of-scope articles: {len(report.out_of_scope) - keys} pick(s), {keys} Key point(s)")
    out += [f"  [{section}] {cut(text)}" for section, text in report.out_of_scope]
    out.append(f"unfit to stand alone: {len(report.unfit)}")
    out += [f"  [{section}] ({rule}) {cut(text)}" for section, rule, text in report.unfit]
    if report.junk:
        out.append(f"lines labelled as not sentences: {len(report.junk)}")
        out += [f"  [{section}] {cut(text)}" for section, text in report.junk]
    out.append(f"cited sources without a real title: {len(report.untitled)}")
    out += [f"  {article_id}: shown as {shown!r}" for article_id, shown in report.untitled]
    precision = "n/a" if report.precision is None else f"{report.precision:.3f}"
    out.append(f"junk={len(report.junk)} out_of_scope={len(report.out_of_scope)} untitled={len(report.untitled)}")
    out.append(f"pile precision={precision} wrong={report.wrong_count} unfit={len(report.unfit)}")
    return out


def load_briefing(path: str | Path) -> dict:
    doc = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(doc, dict) or "themes" not in doc or "articles" not in doc:
        raise ValueError("not a briefing JSON (no 'themes' or 'articles')")
    return doc
