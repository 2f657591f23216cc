"""`brief eval …`: quality figures on evaluation data the user names (nothing is bundled).

Each command prints a table and ends with one machine-readable line (`sbd F1=…`,
`aspects nDCG@3=…`, `mds R2=…`, `topics R2=…`, `themes precision=…`, `pile precision=… wrong=… unfit=…`,
`extract kept=… leaked=… holes=…`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

T = TypeVar("T")


def _load_rows(file: str, load: Callable[[str], list[T]], what: str) -> list[T]:
    """An evaluation file read by `load`; a bad line, bad encoding or no rows is a one-line error."""
    from .errors import BriefError

    try:
        rows = load(file)
    except BriefError as exc:
        raise click.ClickException(str(exc)) from None
    except UnicodeDecodeError:
        raise click.ClickException(f"{file}: not UTF-8 text") from None
    if not rows:
        raise click.ClickException(f"{file}: no {what}")
    return rows


@click.group("eval")
def eval_group() -> None:
    """Measure quality on evaluation data (paths as arguments; nothing is bundled)."""


@eval_group.command("sbd")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False), metavar="FILE...")
def eval_sbd(files: tuple[str, ...]) -> None:
    """Sentence-boundary precision/recall/F1 of brief's splitter on FILE... (JSON Lines with
    `sentences`, or `paragraphs` of gold sentences, per line).

    Last line: `sbd F1=<micro-averaged F1 over all files>`.
    """
    from .evaluate import BoundaryScore, score_sbd_file
    from .segment import split_sentences

    total = BoundaryScore()
    click.echo(f"{'file':32} {'P':>6} {'R':>6} {'F1':>6} {'fp':>5} {'fn':>5}")
    for path in files:
        try:
            score = score_sbd_file(path, split_sentences)
        except (ValueError, KeyError, TypeError) as exc:
            raise click.ClickException(f"{path}: not an SBD file ({exc})") from None
        total.tp, total.fp, total.fn = total.tp + score.tp, total.fp + score.fp, total.fn + score.fn
        name = Path(path).name
        click.echo(f"{name:32} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f} {score.fp:5} {score.fn:5}")
    click.echo(f"sbd F1={total.f1:.3f}")


@eval_group.command("aspects")
@click.argument("file", type=click.Path(exists=True, dir_okay=False), metavar="FILE.jsonl")
@click.option("--themes", "themes_file", required=True, type=click.Path(exists=True, dir_okay=False),
              help='Theme file with one table per "<domain>/<aspect>".')
@click.option("--k", default=3, show_default=True, type=click.IntRange(1, 20), help="Sentences picked per item.")
@click.option("--dump", type=click.Path(dir_okay=False), help='Write {"id", "picks"} per item (JSON Lines).')
def eval_aspects(file: str, themes_file: str, k: int, dump: str | None) -> None:
    """Aspect-focused selection (AspectNews format): nDCG@K and P@1 per aspect for brief's
    selector and the baselines, on the same sentence split. Last line:
    `aspects nDCG@3=<ours, mean over aspects>`."""
    import json

    from .aspects import BASELINES, evaluate, load_items, ours
    from .errors import BriefError
    from .themes import load_themes

    try:
        themes = {t.id: t for t in load_themes(themes_file)}
        items = load_items(file)
    except BriefError as exc:
        raise click.ClickException(str(exc)) from None
    except (ValueError, KeyError, TypeError) as exc:
        raise click.ClickException(f"{file}: not in the AspectNews format ({exc})") from None
    missing = sorted({i.key for i in items} - set(themes))
    if missing:
        raise click.ClickException(f"{themes_file} has no theme for {', '.join(missing)}")
    systems = {"brief": ours, **BASELINES}
    table, rankings = evaluate(items, themes, systems, k)
    aspects = sorted({i.key for i in items})
    header = f"{'system':18}" + "".join(f" {a.split('/')[-1][:12]:>12} nDCG  P@1" for a in aspects)
    click.echo(header)
    for name in systems:
        cells = "".join(f" {'':>12} {table[name][a].ndcg:.3f} {table[name][a].p1:.2f}" for a in aspects)
        click.echo(f"{name:18}{cells}")
    if dump:
        from .deliver import write_atomic

        lines = [json.dumps({"id": item.id, "picks": ranking[:k]}) for item, ranking in zip(items, rankings["brief"])]
        write_atomic(Path(dump), ("\n".join(lines) + "\n").encode("utf-8"))
    mean = sum(table["brief"][a].ndcg for a in aspects) / len(aspects)
    click.echo(f"aspects nDCG@{k}={mean:.3f}")


@eval_group.command("mds")
@click.argument("file", type=click.Path(exists=True, dir_okay=False), metavar="FILE.jsonl")
@click.option("--words", default=200, show_default=True, type=click.IntRange(10, 2000),
              help="Word budget of every summary (the last sentence is cut to fit).")
@click.option("--dump", type=click.Path(dir_okay=False), help='Write {"cluster_id", "summary"} per cluster (JSON Lines).')
def eval_mds(file: str, words: int, dump: str | None) -> None:
    """Generic multi-document summaries (Multi-News or MultiLing shape): ROUGE-1/2/L F1
    (rouge-score, stemmed) of brief's Key points and the baselines, same sentence split
    and word budget. Last line: `mds R2=<ours>`."""
    import json

    from .mds import BASELINES, evaluate, load_clusters, ours

    clusters = _load_rows(file, load_clusters, "clusters")
    systems = {"brief": ours, **BASELINES}
    table, summaries = evaluate(clusters, systems, words)
    click.echo(f"{'system':18} {'R1':>6} {'R2':>6} {'RL':>6}   ({len(clusters)} clusters, {words} words)")
    for name in systems:
        cell = table[name]
        click.echo(f"{name:18} {cell.rouge1:6.2f} {cell.rouge2:6.2f} {cell.rougeL:6.2f}")
    if dump:
        from .deliver import write_atomic

        lines = [json.dumps({"cluster_id": c.id, "summary": s}, ensure_ascii=False) for c, s in zip(clusters, summaries["brief"])]
        write_atomic(Path(dump), ("\n".join(lines) + "\n").encode("utf-8"))
    click.echo(f"mds R2={table['brief'].rouge2:.2f}")


@eval_group.command("topics")
@click.argument("file", type=click.Path(exists=True, dir_okay=False), metavar="FILE.jsonl")
@click.option("--words", default=70, show_default=True, type=click.IntRange(10, 2000),
              help="Word budget of every summary (the last sentence is cut to fit).")
@click.option("--phrases", is_flag=True, help="Add each topic's phrases (phrases1/phrases2) to its keywords.")
@click.option("--dump", type=click.Path(dir_okay=False),
              help='Write brief\'s {"docId", "topic", "summary"} per article and topic (JSON Lines).')
def eval_topics(file: str, words: int, phrases: bool, dump: str | None) -> None:
    """Topic-focused summaries (NEWTS format): each article summarised for each of its two
    topics, the topic's words as a theme's keywords; ROUGE-1/2/L F1 (rouge-score, stemmed)
    against that topic's summary for brief's theme ranking, LEAD, topic-word overlap and
    sumy's summarizers, same sentence split and word budget. Last line: `topics R2=<ours>`."""
    import json

    from .topics import BASELINES, evaluate_topics, load_topic_items, ours

    items = _load_rows(file, load_topic_items, "articles")
    systems = {"brief": ours, **BASELINES}
    table, summaries = evaluate_topics(items, systems, words, phrases)
    pairs = table["brief"].n
    click.echo(f"{'system':18} {'R1':>6} {'R2':>6} {'RL':>6}   ({len(items)} articles, {pairs} topics, {words} words)")
    for name in systems:
        cell = table[name]
        click.echo(f"{name:18} {cell.rouge1:6.2f} {cell.rouge2:6.2f} {cell.rougeL:6.2f}")
    if dump:
        from .deliver import write_atomic

        lines = [json.dumps({"docId": doc, "topic": number, "summary": text}, ensure_ascii=False)
                 for doc, number, text in summaries["brief"]]
        write_atomic(Path(dump), ("\n".join(lines) + "\n").encode("utf-8"))
    click.echo(f"topics R2={table['brief'].rouge2:.2f}")


@eval_group.command("themes")
@click.argument("briefing", type=click.Path(exists=True, dir_okay=False), metavar="BRIEFING.json")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False), metavar="GOLD.jsonl")
def eval_themes(briefing: str, gold: str) -> None:
    """Per-theme precision of a briefing's picks against line labels (seeds-gold.jsonl
    format), plus junk lines picked and duplicates. Last line: `themes precision=<p>`."""
    import json

    from .evaluate import load_gold, theme_precision

    try:
        doc = json.loads(Path(briefing).read_text(encoding="utf-8"))
        rows = load_gold(gold)
        report = theme_precision(doc, rows)
    except (ValueError, KeyError, TypeError) as exc:
        raise click.ClickException(f"cannot score {briefing} against {gold}: {exc}") from None
    click.echo(f"{'theme':16} {'correct':>8} {'picked':>7}")
    for theme, n in sorted(report.picked.items()):
        click.echo(f"{theme:16} {report.correct[theme]:8} {n:7}")
    click.echo(f"junk {len(report.junk)}; duplicates {len(report.duplicates)}; not in the labels {len(report.unmatched)}")
    for text in report.junk:
        click.echo(f"  junk: {text[:100]}")
    for theme, text in report.wrong:
        click.echo(f"  off-theme ({theme}): {text[:100]}")
    click.echo(f"themes precision={report.precision:.3f}")


@eval_group.command("pile")
@click.argument("briefing", type=click.Path(exists=True, dir_okay=False), metavar="BRIEFING.json")
@click.option("--gold", type=click.Path(exists=True, dir_okay=False), metavar="FILE",
              help="Line labels (seeds-gold.jsonl format: file, starts_with, kind, themes).")
@click.option("--labels", type=click.Path(exists=True, dir_okay=False), metavar="FILE",
              help="Article labels, JSON Lines: file, themes, and in_scope (or the --scope-label field).")
@click.option("--scope-label", default="ru_ua", show_default=True, metavar="KEY",
              help="Article labels' field saying an article is in the briefing's scope (read when the briefing has one).")
@click.option("--width", default=110, show_default=True, type=click.IntRange(30, 1000), help="Line width.")
def eval_pile(briefing: str, gold: str | None, labels: str | None, scope_label: str, width: int) -> None:
    """Score a briefing built from a mixed pile of real articles: per-theme precision
    against line and article labels, every wrong pick, picks and Key points from
    out-of-scope articles, lines that do not stand alone (with the rule each breaks), and
    cited sources shown without a real title. Last line:
    `pile precision=<p> wrong=<n> unfit=<n>`."""
    from .pileeval import Labels, load_briefing, report_lines, score_pile

    if not gold and not labels:
        raise click.UsageError("give --gold or --labels (or both): nothing to score the picks against")
    try:
        doc = load_briefing(briefing)
    except (ValueError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"{briefing}: {exc}") from None
    try:
        known = Labels.load(gold, labels)
        report = score_pile(doc, known, scope_label)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise click.ClickException(f"cannot score {briefing} against the labels: {exc.__class__.__name__}: {exc}") from None
    for line in report_lines(report, width):
        click.echo(line)



@eval_group.command("extract")
@click.argument("pages", type=click.Path(exists=True, file_okay=False), metavar="PAGES_DIR")
@click.option("--snippets", required=True, type=click.Path(exists=True, dir_okay=False), metavar="FILE",
              help='Text each page must and must not keep: {key: {"file", "with": [...], "without": [...]}}.')
def eval_extract(pages: str, snippets: str) -> None:
    """How well real pages are read: must-keep snippets found in the sentences brief
    considers (after ingest, clean and segment), must-not-keep snippets that leaked, and
    sentences with a hole where words were dropped; each miss, leak and hole is listed.
    Last line: `extract kept=<k>/<n> leaked=<l>/<m> holes=<h>`."""
    from .errors import InputError
    from .extracteval import load_snippets, report_lines, score_pages

    try:
        rows = load_snippets(snippets)
    except InputError as exc:
        raise click.ClickException(str(exc)) from None
    for line in report_lines(score_pages(pages, rows)):
        click.echo(line)
