"""The library entry point: run every stage and return a `Briefing`.

ingest → dates and window → clean → dedupe → learned boilerplate → segment → select.
Clocks are passed in (`date`, `now`), never read inside a stage, so the same inputs and
options always produce the same briefing.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial
from datetime import date as Date
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import TypeVar

from . import language
from .clean import clean, learn_boilerplate
from .dates import Window, parse_published, zone_named
from .dedupe import DedupeOptions, Fingerprint, dedupe, fingerprint
from .errors import ConfigError, NothingToBrief
from .ingest import DEFAULT_MAX_BYTES, IngestOptions, read_inputs
from .memory import release
from .timing import Stopwatch, stage
from .model import Article, Briefing, Dropped, LeftOut, RawArticle, Sentence, Span, Theme, TopicScope
from .parallel import Workers
from .scope import split_by_scope
from .segment import MAX_SENTENCE_WORDS, segment, too_long
from .select import Analysed, Analyser, ArticleAnalysis, Keywords, SelectOptions, Vocabulary, select
from .themes import ThemeFile, load_theme_file

log = logging.getLogger(__name__)
T = TypeVar("T")
Progress = Callable[[str, int, "int | None"], None]  # (stage, items done, items in all)


def _quiet(stage: str, done: int, total: int | None) -> None:
    pass


@dataclass(frozen=True)
class Scope:
    """Which articles belong in this briefing: the window, the timezone naive dates are
    read in, a date for undated articles, and whether undated ones are kept."""

    window: Window | None = None
    timezone: str | None = None
    assume_date: str | None = None
    drop_undated: bool = False
    file_dates: bool = False  # an undated article read from a file takes the file's modification time
    min_boilerplate_articles: int = 3


def build(
    paths: Sequence[str | Path],
    *,
    themes: Sequence[Theme] | ThemeFile | str | Path | None = None,
    topic: TopicScope | bool = True,
    options: SelectOptions = SelectOptions(),
    title: str = "Daily briefing",
    date: Date | None = None,
    now: datetime | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    ingest: IngestOptions | None = None,
    scope: Scope = Scope(),
    dedupe_options: DedupeOptions = DedupeOptions(),
    reported: Sequence[frozenset[str]] = (),
    since: str | None = None,
    timings: Stopwatch | None = None,
    jobs: int | None = 1,
    progress: Progress | None = None,
    languages: Sequence[str] | None = None,
) -> Briefing:
    """Read, date, filter, clean, dedupe, segment and select; raise `NothingToBrief` if no
    article was usable. `reported` (content stems of sentences earlier briefings showed)
    and `since` (the last such briefing's date) come from `brief.history`.

    `themes` is a list of `Theme`s, a `ThemeFile`, a path to a theme TOML file, or None for
    the defaults. `topic`: what the whole briefing is about (articles not substantially
    about it are left out, `brief.scope`): True (the default) takes the theme file's
    `[scope]` (a list of themes has none), False briefs every article, a `TopicScope`
    replaces the file's.
    `languages`: the languages the briefing is in (ISO 639-1 codes, its own first); an article
    surely written in another is left out (`brief.language`). None takes the theme file's
    `languages`, else English.
    `jobs`: processes for the per-article stages (reading, cleaning, splitting); None for
    one per available CPU. They are started only for a pile big enough to gain from them,
    and the briefing is the same whatever the number. `progress` is called with (stage,
    items done, items in all or None) as the build goes (`brief.progress.ProgressBar`).
    """
    *resolved, of_file = _resolve_themes(themes, topic, options)
    analyser = Analyser(*resolved)
    languages = _languages(languages, of_file)
    with Workers(jobs, preload=partial(_preload, dedupe_options, analyser)) as workers:
        return _build(paths, analyser=analyser, options=options, title=title, date=date, now=now, max_bytes=max_bytes,
                      ingest=ingest, scope=scope, dedupe_options=dedupe_options, reported=reported, since=since,
                      timings=timings, workers=workers, progress=progress or _quiet, languages=languages)


def _build(
    paths: Sequence[str | Path],
    *,
    analyser: Analyser,
    options: SelectOptions,
    title: str,
    date: Date | None,
    now: datetime | None,
    max_bytes: int,
    ingest: IngestOptions | None,
    scope: Scope,
    dedupe_options: DedupeOptions,
    reported: Sequence[frozenset[str]],
    since: str | None,
    timings: Stopwatch | None,
    workers: Workers,
    progress: Progress,
    languages: tuple[str, ...],
) -> Briefing:
    """`build`'s body, run inside its worker pool's context."""
    themes, about = analyser.themes, analyser.scope
    zone = zone_named(scope.timezone)
    now = now or datetime.now(zone)  # the reader's "today"
    if date is None and scope.window is not None and scope.window.until is not None:
        date = (scope.window.until.astimezone(zone) - timedelta(microseconds=1)).date()  # the day the window ends on
    date = date or now.date()
    ingest = ingest or IngestOptions(max_bytes=max_bytes)

    with stage(timings, "ingest"):
        raws, warnings = read_inputs([str(p) for p in paths], options=ingest, workers=workers,  # Paths welcome
                                     progress=partial(progress, "read"))
        raws, left_out = _in_scope(raws, scope, zone, warnings)

    # Cleaning, dedupe fingerprints and splitting (with each sentence's word and keyword
    # analysis) are all per-article work, so a worker does them in one go: articles cross
    # to the workers once. Dedupe and learned boilerplate then change some articles by
    # whole blocks, so their splits are reused block by block (`_reuse`); duplicates were
    # split for nothing, a small price on any real day.
    with stage(timings, "clean"):
        articles, prints, done_early = [], [], {}
        clean_one = partial(_clean, options=dedupe_options, minhash=len(raws) > dedupe_options.exact_up_to,
                            analyser=analyser, languages=languages)
        total = len(raws)
        foreign: list[tuple[str, str]] = []  # (language, path or id) of articles in another language
        vocabulary, seen = Vocabulary(), {}  # the pile's terms; one copy of each set of keyword scores
        for done, (article, print_, split, problem, other) in enumerate(
                workers.map(clean_one, _consumed(raws), total), 1):
            progress("clean", done, total)
            if problem:
                warnings.append(problem)
            elif other:
                assert article is not None
                foreign.append((other, article.path or article.id))
                left_out.append(LeftOut(article.id, language.reason(other), article.title, article.source,
                                        article.url, article.published, article.path))
            else:
                articles.append(article)
                prints.append(print_)
                done_early[article.id] = _shared(split, vocabulary, seen)
        if foreign:
            warnings.append(language.warning(foreign, languages))
        if workers.started:
            language.identifier.cache_clear()  # only the workers told languages: 70 MB back
        release()  # the raw text, let go of article by article
    with stage(timings, "dedupe"):
        progress("dedupe", 0, None)
        cleaned = {a.id: a for a in articles}
        articles, duplicate_articles = dedupe(articles, dedupe_options, warnings, prints)
        del prints
        articles, learned = learn_boilerplate(articles, scope.min_boilerplate_articles)
    usable = []
    for article in articles:
        if any(b.kind == "prose" for b in article.blocks):
            usable.append(article)
        else:
            warnings.append(f"{article.path or article.id}: only lines this outlet repeats in other articles")
    articles = usable
    for line in warnings:
        log.warning("%s", line)
    if not articles:
        why = f" ({len(left_out)} left out, e.g. {left_out[0].reason})" if left_out else ""
        raise NothingToBrief(f"no usable articles in the input; nothing to brief{why}")

    with stage(timings, "segment"):
        sentences: dict[str, list[Sentence]] = {}
        analyses: dict[str, ArticleAnalysis] = {}
        reused = {a.id: _reuse(a, cleaned[a.id], done_early[a.id], analyser) for a in articles}
        del cleaned, done_early
        changed = [a for a in articles if reused[a.id] is None]  # a block dedupe or learning made anew
        split_one = partial(_segment, analyser=analyser)
        reused.update(zip((a.id for a in changed), workers.map(split_one, changed, len(changed))))
        for done, article in enumerate(articles, 1):
            sentences[article.id], analyses[article.id] = reused.pop(article.id)  # type: ignore[misc]
            runs = sum(1 for s in sentences[article.id] if too_long(s.text))
            if runs:
                warnings.append(f"{article.path or article.id}: {runs} run(s) of over {MAX_SENTENCE_WORDS} words "
                                "with no sentence end; kept as context, never picked")
            progress("segment", done, len(articles))
    release()  # the splits of duplicates, the cleaned copies before dedupe
    read = len(articles)
    articles, out_of_scope = split_by_scope(articles, {a.id: analyses[a.id].scope for a in articles}, about)
    left_out.extend(out_of_scope)
    progress("select", 0, None)
    selection = select(articles, sentences, list(themes), options, reported, timings=timings,
                       analysed=Analysed(analyser, analyses), topic=about)
    window = scope.window
    return Briefing(
        title=title,
        date=date.isoformat(),
        generated_at=now.isoformat(timespec="seconds"),
        articles=tuple(articles),
        sentence_counts={a.id: sum(1 for s in sentences[a.id] if s.kind == "sentence") for a in articles},
        sections=selection.sections,
        key_points=selection.key_points,
        selection=dataclasses.asdict(options),
        since=since,
        dropped=Dropped(
            duplicate_paragraphs=sum(a.stats.duplicate_paragraphs for a in articles),
            boilerplate_lines=sum(a.stats.boilerplate_lines for a in articles),
            near_duplicate_sentences=selection.merged,
            already_reported=selection.repeated,
            learned_boilerplate=learned,
            duplicate_articles=duplicate_articles,
        ),
        warnings=tuple(warnings),
        algorithm=options.algorithm,
        left_out=tuple(left_out),
        topic=about,
        read=read,
        window=Span(
            since=window.since.isoformat() if window and window.since else None,
            until=window.until.isoformat() if window and window.until else None,
            timezone=str(getattr(zone, "key", None) or zone),
        )
        if window
        else None,
    )


def _resolve_themes(
    themes: Sequence[Theme] | ThemeFile | str | Path | None, topic: TopicScope | bool, options: SelectOptions
) -> tuple[tuple[Theme, ...], SelectOptions, TopicScope | None, tuple[str, ...] | None]:
    """The build's themes, options and scope (see `build`'s `themes` and `topic`), and the
    theme file's languages (None: it names none)."""
    if themes is None or isinstance(themes, (str, Path)):
        themes = load_theme_file(themes)
    scope_of_file, languages_of_file = None, None
    if isinstance(themes, ThemeFile):
        scope_of_file, languages_of_file, themes = themes.scope, themes.languages, themes.themes
    return tuple(themes), options, scope_of_file if topic is True else (topic or None), languages_of_file


def _languages(given: Sequence[str] | None, of_file: tuple[str, ...] | None) -> tuple[str, ...]:
    """`build`'s `languages`, checked (a bad code is a ConfigError), else the theme file's, else English."""
    if given is None:
        return of_file or language.DEFAULT_LANGUAGES
    try:
        return language.parse_languages(given if isinstance(given, str) else list(given))
    except ValueError as exc:
        raise ConfigError(f"languages: {exc}") from None


def _preload(dedupe_options: DedupeOptions, analyser: Analyser) -> None:
    """What every worker of a big build needs: NLTK with the Punkt model, the stemmer, the
    stop words, datasketch's MinHash, the themes' keyword matchers (LemmInflect's tables);
    this process needs most of it later anyway; py3langid's model."""
    from . import nlp
    from .dedupe import _minhash_prototype
    from .segment import _tokenizer

    _tokenizer()
    nlp._stemmer()
    nlp.stop_words()
    _minhash_prototype(dedupe_options.num_perm)
    language.identifier()
    analyser.scorers, analyser.scope_matcher  # noqa: B018 - built here, found again by `matcher_for` in the workers


def _consumed(items: list[T]) -> Iterator[T]:
    """The items of a list in order, each let go of as it is handed out (one copy of the
    pile's text at a time: a raw article is dropped as its cleaned article arrives)."""
    items.reverse()
    while items:
        yield items.pop()


Split = tuple[list[Sentence], ArticleAnalysis]


def _clean(
    raw: RawArticle, options: DedupeOptions, minhash: bool, analyser: Analyser, languages: Sequence[str]
) -> tuple[Article | None, Fingerprint | None, Split | None, str | None, str | None]:
    """One article cleaned, fingerprinted for dedupe and split (`_segment`); or the warning
    why nothing is left; or the article alone with the language it is in when that is none
    of `languages` (not split: it is left out). Run in a worker on a big day."""
    article = clean(raw)
    if not any(block.kind == "prose" for block in article.blocks):
        return None, None, None, f"{raw.path or raw.id}: no article text left after removing boilerplate", None
    other = language.other_language(article, languages)
    if other:
        return article, None, None, None, other
    return article, fingerprint(article, options, minhash), _segment(article, analyser), None, None


def _segment(article: Article, analyser: Analyser) -> Split:
    """One article's sentences and their analysis (words, theme keywords), run in a worker on a big day."""
    split = segment(article)
    return split, analyser.article(article, split)


def _shared(split: Split, vocabulary: Vocabulary, seen: dict[Keywords, Keywords]) -> Split:
    """A split as it comes from a worker, made part of the pile: its terms renumbered by
    the pile's `vocabulary` (a worker numbers them by the article's own words), and its
    keyword scores shared with the equal ones of earlier sentences (`seen`): most
    on-topic sentences score the same few ways, and each set is then held once."""
    sentences, analysis = split
    keywords = tuple(None if found is None else seen.setdefault(found, found) for found in analysis.keywords)
    return sentences, replace(analysis, terms=analysis.terms.renumbered(vocabulary), keywords=keywords)


def _reuse(article: Article, early: Article, split: Split, analyser: Analyser) -> Split | None:
    """`_segment(article)` worked out from `early`'s split, `early` being the same article
    before dedupe and learned boilerplate; None if a block of `article` is not `early`'s.

    Both steps work on whole blocks (learned boilerplate drops some, dedupe may give the
    article a title) and every block is split on its own, so the blocks left have the
    same sentences and analyses: only their positions and block numbers move. The lead
    (title and first block) is analysed again only if one of those changed.
    """
    if article.blocks is early.blocks and article.title == early.title:
        return split
    where = {id(block): index for index, block in enumerate(early.blocks)}
    if any(id(block) not in where for block in article.blocks):
        return None
    sentences, analysis = split
    by_block: dict[int, list[tuple[Sentence, int | None, bool]]] = {}
    whole = 0
    for sentence, named in zip(sentences, analysis.named):
        k = None
        if sentence.kind == "sentence":
            k, whole = whole, whole + 1
        by_block.setdefault(sentence.block, []).append((sentence, k, named))
    out: list[Sentence] = []
    kept: list[int] = []  # the whole sentences left, by their index in `analysis`
    names: list[bool] = []
    for index, block in enumerate(article.blocks):
        for sentence, k, named in by_block.get(where[id(block)], ()):
            if sentence.position != len(out) or sentence.block != index:
                sentence = replace(sentence, position=len(out), block=index)
            out.append(sentence)
            if k is not None:
                kept.append(k)
            names.append(named)
    same_lead = article.title == early.title and article.blocks[:1] == early.blocks[:1]
    lead = analysis.lead if same_lead else analyser.lead(article)
    headline = analysis.headline_named if article.title == early.title else analyser.headline_names_scope(article)
    return out, ArticleAnalysis(analysis.terms.take(kept), tuple(analysis.keywords[k] for k in kept), lead,
                                tuple(names), headline)


def _in_scope(
    raws: list[RawArticle], scope: Scope, zone: tzinfo, warnings: list[str]
) -> tuple[list[RawArticle], list[LeftOut]]:
    """Give every article a normalised date (or the assumed one) and keep those in the window."""
    assumed = None
    if scope.assume_date:
        assumed = parse_published(scope.assume_date, zone)
        if assumed is None:
            raise ConfigError(f"--assume-date {scope.assume_date!r} is not a date like 2026-11-21 or 2026-11-21T06:00")
    kept: list[RawArticle] = []
    left_out: list[LeftOut] = []
    undated: list[str] = []
    for raw in raws:
        published = parse_published(raw.published, zone) if raw.published else None
        source = raw.date_source if published else None
        if raw.published and published is None:
            warnings.append(f"{raw.path or raw.id}: ignoring unreadable publication date {raw.published[:40]!r}")
        if published is None and scope.file_dates and raw.path and Path(raw.path).is_file():
            mtime = datetime.fromtimestamp(Path(raw.path).stat().st_mtime, zone)
            published, source = mtime.isoformat(timespec="seconds"), "file"
        if published is None and assumed is not None:
            published, source = assumed, "assumed"
        raw = replace(raw, published=published, date_source=source)
        reason = scope.window.reason_out(published, zone) if scope.window else None
        if reason is None and published is None and scope.window is not None:
            if scope.drop_undated:
                reason = "no publication date, and undated articles are dropped (--drop-undated)"
            else:
                undated.append(raw.path or raw.id)
        if reason:
            left_out.append(LeftOut(raw.id, reason, raw.title, raw.source, raw.url, published, raw.path))
        else:
            kept.append(raw)
    if undated:
        warnings.append(
            f"{len(undated)} article(s) have no publication date and were kept although a window is set "
            f"(first: {undated[0]}); use --assume-date or --drop-undated"
        )
    return kept, left_out
