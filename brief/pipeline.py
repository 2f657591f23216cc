"""The library entry point: run every stage and return a `Briefing`.

Clocks are passed in (`date`, `now`), never read inside a stage, so the same inputs and
options always produce the same briefing.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date as Date
from datetime import datetime
from pathlib import Path

from .clean import clean
from .errors import NothingToBrief
from .ingest import DEFAULT_MAX_BYTES, read_inputs
from .model import Briefing, Dropped, Theme
from .segment import segment
from .select import SelectOptions, select
from .themes import load_themes

log = logging.getLogger(__name__)


def build(
    paths: Sequence[str],
    *,
    themes: Sequence[Theme] | str | Path | None = None,
    options: SelectOptions = SelectOptions(),
    title: str = "Daily briefing",
    date: Date | None = None,
    now: datetime | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Briefing:
    """Read, clean, segment and select; raise `NothingToBrief` if no article was usable.

    `themes` is a list of `Theme`s, a path to a theme TOML file, or None for the defaults.
    """
    if themes is None or isinstance(themes, (str, Path)):
        themes = load_themes(themes)
    now = now or datetime.now().astimezone()  # local time: "today" is the reader's today
    date = date or now.date()

    raws, warnings = read_inputs(paths, max_bytes=max_bytes)
    articles = []
    for raw in raws:
        article = clean(raw)
        if not any(block.kind == "prose" for block in article.blocks):
            warnings.append(f"{raw.path or raw.id}: no article text left after removing boilerplate")
            continue
        articles.append(article)
    for line in warnings:
        log.warning("%s", line)
    if not articles:
        raise NothingToBrief("no usable articles in the input; nothing to brief")

    sentences = {article.id: segment(article) for article in articles}
    sections, merged = select(articles, sentences, list(themes), options)
    return Briefing(
        title=title,
        date=date.isoformat(),
        generated_at=now.isoformat(timespec="seconds"),
        articles=tuple(articles),
        sentence_counts={a.id: sum(1 for s in sentences[a.id] if s.kind == "sentence") for a in articles},
        sections=tuple(sections),
        dropped=Dropped(
            duplicate_paragraphs=sum(a.stats.duplicate_paragraphs for a in articles),
            boilerplate_lines=sum(a.stats.boilerplate_lines for a in articles),
            near_duplicate_sentences=merged,
        ),
        warnings=tuple(warnings),
        algorithm=options.algorithm,
    )
