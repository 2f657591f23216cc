"""`brief run`: one scheduled briefing from a configuration file, safe to run from cron.

The window is the `hours` before the last `ends_at` (local time in the configured zone);
the briefing is written to `<dir>/<YYYY-MM-DD>/briefing.<ext>` for the day the window ends
on, and `<dir>/latest` is re-pointed at that folder. A lock file in the output folder
(`flock`) keeps two overlapping runs from writing the same day: the second gives up at
once with a temporary failure, so cron's next run (or a retry wrapper) tries again.
"""

from __future__ import annotations

import glob
import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

from .config import RunConfig
from .dates import Window, zone_named
from .errors import TemporaryFailure
from .history import History, open_history
from .mail import Delivery
from .model import Briefing
from .runlock import LOCK_NAME, day_lock  # noqa: F401 - LOCK_NAME: part of this module's interface

log = logging.getLogger(__name__)

HISTORY_NAME = "history.sqlite3"


@dataclass
class RunResult:
    day: str
    folder: Path
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    planned: list[str] = field(default_factory=list)  # what --dry-run would do
    delivery: Delivery | None = None


def window_for(cfg: RunConfig, now: datetime) -> Window:
    """[ends_at − hours, ends_at) for the last `ends_at` at or before `now`, in the config's
    zone; with `hours = 0`, no start: the end only names the day."""
    zone = zone_named(cfg.timezone)
    local = now.astimezone(zone)
    end = local.replace(hour=cfg.window.ends_at.hour, minute=cfg.window.ends_at.minute, second=0, microsecond=0)
    if end > local:
        end = (end - timedelta(days=1)).replace(hour=cfg.window.ends_at.hour, minute=cfg.window.ends_at.minute)
    # re-attach the zone so a DST change between yesterday and today gives the right offset
    end = datetime(end.year, end.month, end.day, end.hour, end.minute, tzinfo=zone)
    return Window(since=end - timedelta(hours=cfg.window.hours) if cfg.window.hours else None, until=end)


def input_paths(cfg: RunConfig) -> list[str]:
    """The configured inputs: URLs as they are, globs expanded (sorted), paths resolved."""
    out: list[str] = []
    for entry in cfg.input.paths:
        resolved = cfg.resolve(entry)
        if "://" not in resolved and glob.has_magic(resolved):
            matches = sorted(glob.glob(resolved, recursive=True))
            if not matches:
                log.warning("%s: no file matches this pattern", entry)
            out.extend(matches)
        else:
            out.append(resolved)
    return out


def point_latest(out_dir: Path, day: str, warnings: list[str] | None = None) -> Path | None:
    """Re-point `<out_dir>/latest` at the day's folder atomically (a symlink swapped in place).

    With `warnings`, a `latest` that is not a symlink (someone's folder or file: not ours to
    replace) or a link that cannot be made is one warning and None, and the run goes on
    without it; no temporary link is left behind either way."""
    link = out_dir / "latest"
    if warnings is not None and link.exists() and not link.is_symlink():
        what = "a folder" if link.is_dir() else "a file"
        warnings.append(f"{link}: is {what}, not a link, so it is left as it is and not pointed at {day}")
        return None
    tmp = out_dir / f".latest.{os.getpid()}.tmp"
    try:
        if tmp.is_symlink() or tmp.exists():
            tmp.unlink()
        os.symlink(day, tmp)
        os.replace(tmp, link)
    except OSError as exc:
        if tmp.is_symlink():
            tmp.unlink()
        if warnings is None:
            raise
        warnings.append(f"{link}: cannot point it at {day} ({exc.strerror or exc})")
        return None
    return link


def remove_leftovers(out_dir: Path) -> None:
    """Temporary files that runs killed mid-write left in `<dir>`, its day folders and the
    outbox (brief's own temporary names only; see `deliver.remove_stale_temps`)."""
    from .deliver import remove_stale_temps

    for folder in [out_dir, out_dir / "outbox", *sorted(out_dir.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"))]:
        if folder.is_dir() and not folder.is_symlink():
            remove_stale_temps(folder)


def formats_for(cfg: RunConfig) -> list[str]:
    """The configured formats; with `[email]`, also the JSON, HTML and plain text a mail is
    made from (now, or later by `brief email`)."""
    formats = list(cfg.output.formats)
    if cfg.email is not None:
        formats += [f for f in ("json", "html", "txt") if f not in formats]
    return formats


def shown_sentences(b: Briefing) -> list[tuple[str, str, str, list[str]]]:
    """(section, article, text, content stems) of every sentence the briefing shows."""
    from .nlp import content_stems

    rows = [("key points", p.article_id, p.text, content_stems(p.text)) for p in b.key_points]
    rows += [(s.theme.id, p.article_id, p.text, content_stems(p.text)) for s in b.sections for p in s.picks]
    return rows


def with_coverage(b: Briefing, past: list[tuple[str, dict[str, int]]]) -> Briefing:
    """The briefing with its theme coverage over the earlier days plus today (for the chart)."""
    if not past:
        return b
    today = {s.theme.id: len(s.picks) for s in b.sections}
    return replace(b, coverage=(*((d, dict(c)) for d, c in past), (b.date, today)))


@contextmanager
def _network_is_temporary(paths: list[str]) -> Iterator[None]:
    """Nothing to brief while some inputs are on the network: likely the network, so retry."""
    from .errors import NothingToBrief

    try:
        yield
    except NothingToBrief as exc:
        if any(p.startswith(("http://", "https://")) for p in paths):
            raise TemporaryFailure(f"{exc}; some inputs are on the network, so try again later") from None
        raise


def mail_step(cfg: RunConfig, folder: Path, day: str, history: History | None, resend: bool) -> Delivery:
    """Send the day's briefing; a temporary failure says where the message waits."""
    from .mail import deliver

    try:
        return deliver(cfg, folder, day, history, resend)
    except TemporaryFailure as exc:
        raise TemporaryFailure(f"briefing written, but not mailed: {exc}; the message waits in "
                               f"{Path(cfg.resolve(cfg.output.dir)) / 'outbox'} and goes on the next run") from None


def run(cfg: RunConfig, now: datetime | None = None, dry_run: bool = False, send_email: bool = True,
        resend: bool = False, pdf: Callable[[str], bytes] | None = None) -> RunResult:
    """Build and write the scheduled briefing, then mail it if `[email]` is configured;
    with `dry_run`, only say what would be done. `pdf`: as for `write_outputs`."""
    from .fetch import FetchOptions
    from .ingest import IngestOptions
    from .pipeline import Scope, build
    from .select import SelectOptions

    zone = zone_named(cfg.timezone)
    now = now or datetime.now(zone)
    window = window_for(cfg, now)
    assert window.until is not None
    day = window.until.date().isoformat()
    out_dir = Path(cfg.resolve(cfg.output.dir))
    folder = out_dir / day
    paths = input_paths(cfg)
    result = RunResult(day=day, folder=folder)
    if dry_run:
        span = f"{window.since.isoformat()} to {window.until.isoformat()}" if window.since else "none: every input counts"
        result.planned = [f"window {span}"]
        result.planned += [f"read {p}" for p in paths]
        result.planned += [f"write {folder / f'briefing.{fmt}'}" for fmt in formats_for(cfg)]
        result.planned.append(f"point {out_dir / 'latest'} at {day}")
        if cfg.email is not None and send_email:
            result.planned.append(f"mail to {', '.join(cfg.email.to)} via {cfg.email.host} ({cfg.email.security})")
        return result
    themes = cfg.resolve(cfg.themes) if cfg.themes else None
    fetch = FetchOptions(timeout=cfg.input.fetch_timeout, workers=cfg.input.fetch_workers,
                         allow_private=cfg.input.fetch_private, max_bytes=cfg.input.max_bytes)
    problems: list[str] = []
    with day_lock(out_dir, problems), _network_is_temporary(paths):
        remove_leftovers(out_dir)
        history = open_history(out_dir / HISTORY_NAME, problems, cfg.history_wait) if cfg.history_days else None
        reported = [r.stems for r in history.reported_before(day, cfg.history_days)] if history else []
        briefing = build(
            paths,
            themes=themes,
            options=SelectOptions(sentences=cfg.sentences, key_points=cfg.key_points),
            title=cfg.title,
            date=window.until.date(),
            now=now,
            ingest=IngestOptions(max_bytes=cfg.input.max_bytes, fetch=cfg.input.fetch, fetch_options=fetch),
            scope=Scope(window=window if window.since else None, timezone=cfg.timezone,
                        drop_undated=cfg.input.drop_undated, file_dates=True),
            reported=reported,
            since=history.last_day_before(day) if history else None,
            jobs=cfg.jobs,
            languages=cfg.languages,
        )
        if history:
            briefing = with_coverage(briefing, history.coverage_before(day, cfg.history_days))
        from .deliver import write_outputs

        templates = cfg.resolve(cfg.output.template_dir) if cfg.output.template_dir else None
        result.written = write_outputs(briefing, folder, formats_for(cfg), stem="briefing",
                                       template_dir=templates, pdf=pdf)
        point_latest(out_dir, day, problems)
        try:
            if history:
                try:
                    history.record(briefing, shown_sentences(briefing))
                except sqlite3.Error as exc:
                    problems.append(f"{history.path}: could not record this briefing ({exc}); tomorrow may repeat it")
            if cfg.email is not None and send_email:
                result.delivery = mail_step(cfg, folder, day, history, resend)
        finally:
            if history:
                history.close()
    result.warnings = problems + list(briefing.warnings)
    return result
