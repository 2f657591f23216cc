"""Command line: parse options, call the library, map errors to messages and exit codes.

Exit codes: 0 a briefing was written (warnings allowed), 1 none could be, 2 usage or
configuration error. Nothing is printed on stdout; warnings go to stderr, one line each.
"""

from __future__ import annotations

import logging
import sys
from datetime import date as Date

import click

from . import __version__

from .render import FORMATS
from .select import ALGORITHMS, DEFAULT_ALGORITHM  # light module: sumy loads only when ranking
log = logging.getLogger("brief")


class _OneLine(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        level = "" if record.levelno < logging.WARNING else f"{record.levelname.lower()}: "
        return f"brief: {level}{record.getMessage()}"


def _setup_logging(verbose: int, quiet: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLine())
    root = logging.getLogger("brief")
    root.handlers[:] = [handler]
    root.propagate = False
    root.setLevel(logging.ERROR if quiet else logging.INFO if verbose else logging.WARNING)


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> list[str]:
    chosen = [v.strip().lower() for v in value.split(",") if v.strip()]
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="brief")
def cli() -> None:
    """Turn a day's news articles into a cited briefing organised by theme."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("-f", "--format", "formats", default="json,html", show_default=True, callback=_formats,
              help=f"Comma-separated output formats: {', '.join(FORMATS)}.")
@click.option("-o", "--out", "out_dir", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Folder for briefing-<date>.<ext> files (created if missing).")
@click.option("--date", "day", callback=_date, metavar="YYYY-MM-DD", help="Date of the briefing [default: today].")
@click.option("--themes", "themes_file", type=click.Path(dir_okay=False),
              help="Theme file (TOML) replacing the default themes.")
@click.option("-n", "--sentences", default=5, show_default=True, type=click.IntRange(1, 50),
              help="Most sentences per theme (a theme may set its own).")
@click.option("--algorithm", default=DEFAULT_ALGORITHM, show_default=True, type=click.Choice(ALGORITHMS),
              help="sumy summarizer used to rank each theme's sentences.")
@click.option("--title", default="Daily briefing", show_default=True, help="Title of the briefing.")
@click.option("--max-bytes", default=20 * 1024 * 1024, show_default=True, type=click.IntRange(1),
              help="Skip input files larger than this.")
@click.option("-v", "--verbose", count=True, help="Also report what was read and written.")
@click.option("-q", "--quiet", is_flag=True, help="Report errors only, no warnings.")
def build(paths: tuple[str, ...], formats: list[str], out_dir: str, day: Date | None, themes_file: str | None,
          sentences: int, algorithm: str, title: str, max_bytes: int, verbose: int, quiet: bool) -> None:
    """Build a briefing from PATH... (text/Markdown files, JSON/JSONL, or folders of them).

    Example: brief build articles/ --format json,html,pdf --out out/ --date 2026-11-21
    """
    _setup_logging(verbose, quiet)
    from .deliver import write_outputs
    from .errors import BriefError
    from .pipeline import build as run_build
    from .select import SelectOptions

    try:
        briefing = run_build(
            list(paths),
            themes=themes_file,
            options=SelectOptions(sentences=sentences, algorithm=algorithm),
            title=title,
            date=day,
            max_bytes=max_bytes,
        )
        written = write_outputs(briefing, out_dir, formats)
    except BriefError as exc:
        log.error("%s", exc)
        sys.exit(exc.exit_code)
    except OSError as exc:
        log.error("%s: %s", exc.filename or out_dir, exc.strerror or exc)
        sys.exit(1)
    for path in written:
        log.info("wrote %s", path)


def main() -> None:
    cli(prog_name="brief")


if __name__ == "__main__":
    main()
