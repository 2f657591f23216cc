"""Command line: parse options, call the library, map errors to messages and exit codes.

Exit codes: 0 a briefing was written (warnings allowed), 1 none could be, 2 usage or
configuration error. `build` prints nothing on stdout unless asked (`--explain`); warnings
go to stderr, one line each.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date as Date
from pathlib import Path

import click

from . import __version__
from .cli_eval import eval_group
from .errors import printable
from .render import FORMATS
from .sumyrank import ALGORITHMS, DEFAULT_ALGORITHM  # light module: sumy loads only when ranking
log = logging.getLogger("brief")


def _say(line: str) -> None:
    """One line on stderr, with control characters escaped (names come from the inputs)."""
    click.echo(printable(line), err=True)


class _OneLine(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        level = "" if record.levelno < logging.WARNING else f"{record.levelname.lower()}: "
        return printable(f"brief: {level}{record.getMessage()}")  # a file name cannot forge a line


def _setup_logging(verbose: int, quiet: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLine())
    root = logging.getLogger("brief")
    root.handlers[:] = [handler]
    root.propagate = False
    root.setLevel(logging.ERROR if quiet else logging.INFO if verbose else logging.WARNING)


def _progress_bar(quiet: bool):  # noqa: ANN202 - a ProgressBar, imported late (start-up time)
    """A progress bar on stderr when it is a terminal (and not --quiet) and the build runs
    over two seconds; warnings are printed above it."""
    from .progress import BarAwareHandler, ProgressBar

    bar = ProgressBar(delay=2.0)
    bar.enabled = bar.enabled and not quiet
    if bar.enabled:
        handler = BarAwareHandler(bar)
        handler.setFormatter(_OneLine())
        logging.getLogger("brief").handlers[:] = [handler]
    return bar


def _formats(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> list[str]:
    """`-f json,html` and `-f json -f html` alike (a repeated option must not silently win alone)."""
    chosen = [v.strip().lower() for given in value for v in given.split(",") if v.strip()]
    unknown = [v for v in chosen if v not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(f"{', '.join(unknown) or 'nothing'} (choose from {', '.join(FORMATS)})")
    return list(dict.fromkeys(chosen))


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> Date | None:
    if value is None:
        return None
    try:
        return Date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2026-11-21") from None


def _jobs(ctx: click.Context, param: click.Parameter, value: str) -> int | None:
    """"auto" (None: one process per CPU) or a positive number of processes."""
    if value.strip().lower() == "auto":
        return None
    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise click.BadParameter(f"{value!r} is not a positive number of processes or 'auto'")
    return jobs


def _languages(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
    """`--language en,de`: the briefing's languages, checked as the theme file's are."""
    if value is None:
        return None
    from .language import parse_languages

    try:
        return parse_languages(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="brief")
def cli() -> None:
    """Turn a day's news articles into a cited briefing organised by theme."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("-f", "--format", "formats", default=("json,html",), show_default=True, callback=_formats, multiple=True,
              help=f"Output formats, comma-separated or repeated: {', '.join(FORMATS)}.")
@click.option("-o", "--out", "out_dir", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Folder for briefing-<date>.<ext> files (created if missing).")
@click.option("--date", "day", callback=_date, metavar="YYYY-MM-DD", help="Date of the briefing [default: today].")
@click.option("--themes", "themes_file", type=click.Path(dir_okay=False),
              help="Theme file (TOML) replacing the default themes (and their Russia–Ukraine scope).")
@click.option("--no-scope", is_flag=True,
              help="Brief every article, ignoring the theme file's [scope] (what the briefing is about).")
@click.option("--language", "languages", metavar="CODES", callback=_languages,
              help="The briefing's languages, e.g. en,de: articles in others are left out "
                   "[default: the theme file's, else en].")
@click.option("-n", "--sentences", default=5, show_default=True, type=click.IntRange(1, 50),
              help="Most sentences per theme (a theme may set its own).")
@click.option("--key-points", default=5, show_default=True, type=click.IntRange(0, 20),
              help="Sentences in the opening Key points section (0 leaves it out).")
@click.option("--algorithm", default=DEFAULT_ALGORITHM, show_default=True, type=click.Choice(ALGORITHMS),
              help="Theme ranking: brief's own, or brief's plus a sumy summarizer's rating (slower).")
@click.option("--title", default="Daily briefing", show_default=True, help="Title of the briefing.")
@click.option("--max-bytes", default=20 * 1024 * 1024, show_default=True, type=click.IntRange(1),
              help="Skip input files and downloads larger than this.")
@click.option("--since", metavar="WHEN", help="Leave out articles published before WHEN (2026-11-20 or 2026-11-20T06:00).")
@click.option("--until", metavar="WHEN", help="Leave out articles published at or after WHEN (a bare date includes that day).")
@click.option("--window", metavar="SPAN", help="Only articles from this span (24h, 2d, 90m) ending at --until or now.")
@click.option("--timezone", "tz", metavar="ZONE", envvar="BRIEF_TIMEZONE", show_envvar=True,
              help="IANA timezone for dates without an offset and for the window [default: the machine's].")
@click.option("--assume-date", metavar="WHEN", help="Publication date for articles that carry none.")
@click.option("--drop-undated", is_flag=True, help="With a window, leave out articles with no date instead of keeping them.")
@click.option("--fetch", is_flag=True, help="Fetch the linked page of feed entries that carry only a summary.")
@click.option("--fetch-timeout", default=15.0, show_default=True, type=click.FloatRange(0.5, 300),
              help="Seconds to wait for a server (connect and each read).")
@click.option("--fetch-workers", default=4, show_default=True, type=click.IntRange(1, 32),
              help="Most downloads in flight at once.")
@click.option("--fetch-private", is_flag=True,
              help="Let links found in feeds lead to local or private addresses (refused by default).")
@click.option("--template-dir", type=click.Path(file_okay=False, exists=True),
              help="Folder of templates overriding brief's (see brief templates export).")
@click.option("--explain", is_flag=True, help="Also print on stdout why each sentence was picked (as brief explain).")
@click.option("--timings", is_flag=True, help="Report seconds per stage (ingest, clean, dedupe, segment, themes, select, render) on stderr.")
@click.option("-j", "--jobs", default="auto", show_default=True, callback=_jobs, metavar="N|auto",
              help="Processes for reading, cleaning and splitting; auto: one per CPU, for piles of 200+ articles.")
@click.option("-v", "--verbose", count=True, help="Also report what was read and written.")
@click.option("-q", "--quiet", is_flag=True, help="Report errors only, no warnings.")
def build(paths: tuple[str, ...], formats: list[str], out_dir: str, day: Date | None, themes_file: str | None,
          no_scope: bool, languages: tuple[str, ...] | None, sentences: int, key_points: int, algorithm: str,
          title: str, max_bytes: int, since: str | None, until: str | None, window: str | None, tz: str | None,
          assume_date: str | None, drop_undated: bool, fetch: bool, fetch_timeout: float, fetch_workers: int,
          fetch_private: bool, template_dir: str | None, explain: bool, timings: bool, jobs: int | None, verbose: int,
          quiet: bool) -> None:
    """Build a briefing from PATH... : text/Markdown, JSON/JSONL, HTML pages, RSS/Atom
    feeds, folders of them, or http(s) URLs of pages and feeds.

    Example: brief build articles/ https://example.org/feed.xml --window 24h --format json,html,pdf
    """
    # first of all, so WeasyPrint loads in a helper process while the build runs
    pdf = click.get_current_context().with_resource(_pdf_helper("pdf" in formats))
    _setup_logging(verbose, quiet)
    from .deliver import write_outputs
    from .errors import BriefError
    from datetime import datetime

    from .dates import resolve_window, zone_named
    from .fetch import FetchOptions
    from .ingest import IngestOptions
    from .pipeline import Scope
    from .pipeline import build as run_build
    from .select import SelectOptions

    from .timing import Stopwatch, stage

    watch = Stopwatch() if timings else None
    with _progress_bar(quiet) as bar:
        try:
            zone = zone_named(tz)
            span = resolve_window(since=since, until=until, window=window, now=datetime.now(zone), zone=zone)
            fetch_options = FetchOptions(timeout=fetch_timeout, workers=fetch_workers, allow_private=fetch_private,
                                         max_bytes=max_bytes)
            briefing = run_build(
                list(paths),
                themes=themes_file,
                topic=False if no_scope else True,
                options=SelectOptions(sentences=sentences, key_points=key_points, algorithm=algorithm),
                title=title,
                date=day,
                ingest=IngestOptions(max_bytes=max_bytes, fetch=fetch, fetch_options=fetch_options),
                scope=Scope(window=span, timezone=tz, assume_date=assume_date, drop_undated=drop_undated),
                timings=watch,
                jobs=jobs,
                progress=bar,
                languages=languages,
            )
            bar("render", 0, None)
            with stage(watch, "render"):
                written = write_outputs(briefing, out_dir, formats, template_dir=template_dir, pdf=pdf)
        except BriefError as exc:
            log.error("%s", exc)
            sys.exit(exc.exit_code)
        except OSError as exc:
            log.error("%s: %s", exc.filename or out_dir, exc.strerror or exc)
            sys.exit(1)
    for path in written:
        log.info("wrote %s", path)
    if watch is not None:
        sentences = sum(briefing.sentence_counts.values())
        _say(f"brief: timings: {len(briefing.articles)} articles, {sentences} sentences: {watch.line()}")
    if explain:
        from .explain import explain_text
        from .render import to_dict

        click.echo(explain_text(to_dict(briefing)), nl=False)


@contextmanager
def _pdf_helper(wanted: bool) -> Iterator[Callable[[str], bytes] | None]:
    """A `PdfHelper` when a PDF will be written (None otherwise), closed when the command ends."""
    if not wanted:
        yield None
        return
    from .pdfhelper import PdfHelper

    with PdfHelper() as helper:
        yield helper


@contextmanager
def _one_line_errors(config_path: str) -> Iterator[None]:
    """For scheduled commands: a BriefError or OSError is one line on stderr and its exit code."""
    from .errors import BriefError

    try:
        yield
    except BriefError as exc:
        _say(f"brief: error: {exc}")
        sys.exit(exc.exit_code)
    except OSError as exc:
        _say(f"brief: error: {exc.filename or config_path}: {exc.strerror or exc}")
        sys.exit(1)


@cli.command("run")
@click.option("-c", "--config", "config_path", default="brief.toml", show_default=True,
              type=click.Path(dir_okay=False), help="The configuration file (brief init writes one).")
@click.option("--at", "at", metavar="WHEN", help="Run as if it were WHEN (2026-11-21T07:00), e.g. to re-make a past day.")
@click.option("--dry-run", is_flag=True, help="Show what would be read, written and sent, and do nothing.")
@click.option("--resend", is_flag=True, help="Mail the briefing even if this day's was already sent.")
@click.option("--no-email", is_flag=True, help="Write the briefing but do not mail it.")
@click.option("-v", "--verbose", count=True, help="Report every warning and every file written.")
@click.option("-q", "--quiet", is_flag=True, help="Report errors only.")
def run_command(config_path: str, at: str | None, dry_run: bool, resend: bool, no_email: bool, verbose: int,
                quiet: bool) -> None:
    """The scheduled briefing described by a configuration file, for cron or a systemd timer.

    Silent when all went well; one summary line when inputs had problems.
    Exit codes: 0 written, 1 failed, 2 configuration or usage error, 75 temporary failure
    (another run holds the lock, the network or mail server is down): try again later.
    """
    _setup_logging(verbose, quiet=quiet or not verbose)
    from .config import load_config
    from .run import formats_for, run

    with _one_line_errors(config_path):
        cfg = load_config(config_path)
        pdf = click.get_current_context().with_resource(_pdf_helper("pdf" in formats_for(cfg) and not dry_run))
        now = None
        if at:
            from .dates import parse_moment, zone_named

            now = parse_moment(at, zone_named(cfg.timezone))
        result = run(cfg, now=now, dry_run=dry_run, send_email=not no_email, resend=resend, pdf=pdf)
    if dry_run:
        for line in result.planned:
            click.echo(line)
        return
    if verbose:
        for line in result.warnings:
            _say(f"brief: warning: {line}")
        for path in result.written:
            _say(f"brief: wrote {path}")
        if result.delivery is not None:
            for sent in result.delivery.sent:
                _say(f"brief: mailed {sent}")
            if result.delivery.skipped:
                _say(f"brief: {result.delivery.skipped}")
    elif result.warnings and not quiet:
        first = result.warnings[0][:160]
        click.echo(f"brief: {len(result.warnings)} warning(s) for {result.day}, first: {first}; "
                   f"all are in {result.folder / 'briefing.json'} (-v lists them)", err=True)


@cli.group("templates")
def templates_group() -> None:
    """The Jinja templates the briefing is rendered with."""


@templates_group.command("export")
@click.argument("folder", type=click.Path(file_okay=False), metavar="DIR")
@click.option("--force", is_flag=True, help="Overwrite files already in DIR.")
def templates_export(folder: str, force: bool) -> None:
    """Copy brief's templates (HTML, Markdown, CSS) to DIR to start your own; use them
    with --template-dir DIR (or [output] template_dir). Files you delete fall back to
    brief's; a template can also `{% extends "default/briefing.html.j2" %}` and override
    single blocks: header, section, sentence, sources, warnings, footer."""
    from .deliver import write_atomic
    from .render import TEMPLATES, template_source

    target = Path(folder)
    existing = [n for n in TEMPLATES if (target / n).exists()]
    if existing and not force:
        raise click.ClickException(f"{target / existing[0]} exists; use --force to overwrite")
    try:
        for name in TEMPLATES:
            write_atomic(target / name, template_source(name).encode("utf-8"))
    except OSError as exc:
        raise click.ClickException(f"{exc.filename or target}: {exc.strerror or exc}") from None
    click.echo(f"wrote {', '.join(TEMPLATES)} to {target}", err=True)


@cli.command("email")
@click.option("-c", "--config", "config_path", default="brief.toml", show_default=True,
              type=click.Path(dir_okay=False), help="The configuration file with an [email] table.")
@click.option("--day", metavar="YYYY-MM-DD", callback=_date, help="The day's briefing to send [default: the latest].")
@click.option("--eml", type=click.Path(dir_okay=False), help="Write the message to this .eml file instead of sending it.")
@click.option("--resend", is_flag=True, help="Send even if this day's briefing was already sent.")
def email_command(config_path: str, day: Date | None, eml: str | None, resend: bool) -> None:
    """Mail a briefing that `brief run` wrote: plain text, HTML and the PDF attached.
    Exit codes as for brief run (75: the server is unreachable; the message waits in the outbox)."""
    from .config import load_config
    from .errors import ConfigError
    from .history import open_history
    from .mail import deliver
    from .run import HISTORY_NAME

    with _one_line_errors(config_path):
        cfg = load_config(config_path)
        if cfg.email is None:
            raise ConfigError(f"{config_path}: email: no [email] table")
        out_dir = Path(cfg.resolve(cfg.output.dir))
        folder = out_dir / (day.isoformat() if day else "latest")
        if not (folder / "briefing.json").is_file():
            raise ConfigError(f"{folder}: no briefing.json there (brief run writes it)")
        folder = folder.resolve()
        problems: list[str] = []
        history = None if eml else open_history(out_dir / HISTORY_NAME, problems)
        try:
            result = deliver(cfg, folder, folder.name, history, resend, Path(eml) if eml else None)
        finally:
            if history:
                history.close()
    for line in problems:
        _say(f"brief: warning: {line}")
    if result.skipped:
        _say(f"brief: {result.skipped}")


@cli.command()
@click.argument("path", default="brief.toml", type=click.Path(dir_okay=False), metavar="[PATH]")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(path: str, force: bool) -> None:
    """Write a commented example configuration for `brief run` to PATH (default brief.toml)."""
    from .config import EXAMPLE
    from .deliver import write_atomic

    target = Path(path)
    if target.exists() and not force:
        raise click.ClickException(f"{target} exists; use --force to overwrite it")
    try:
        write_atomic(target, EXAMPLE.encode("utf-8"))
    except OSError as exc:
        raise click.ClickException(f"{target}: {exc.strerror or exc}") from None
    click.echo(f"wrote {target}: edit [input].paths, then run: brief run --config {target}", err=True)


@cli.command()
@click.argument("briefing", type=click.Path(dir_okay=False), metavar="BRIEFING.json")
@click.option("--width", default=100, show_default=True, type=click.IntRange(30, 1000), help="Line width.")
def explain(briefing: str, width: int) -> None:
    """Show why each sentence of BRIEFING.json was picked: the theme keywords it names, the
    words it shares with the theme's other sentences today, and the parts of its score."""
    from .errors import BriefError
    from .explain import explain_text, load_briefing

    try:
        doc = load_briefing(briefing)
    except BriefError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(explain_text(doc, width), nl=False)


cli.add_command(eval_group)  # the `eval` commands live in brief/cli_eval.py


def main() -> None:
    # A build allocates millions of small, long-lived objects (tokens, stems, sentences)
    # and makes little cyclic garbage: with the default thresholds the collector rescans
    # the growing heap again and again (about 15 % of a 10,000-article build). A command
    # is one short process, so collect rarely; the library leaves the host's settings alone.
    import gc

    gc.set_threshold(100_000, 50, 100)
    cli(prog_name="brief")


if __name__ == "__main__":
    main()
