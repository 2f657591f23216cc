"""Dates: read publication dates in the shapes news comes with, and the briefing window.

A date is kept at the precision it was given: "2026-11-20" stays a whole day (it is in
a window when any part of that day is), a date with a time becomes an aware datetime,
and a time without an offset is read in the briefing's timezone. Windows are half-open
[since, until) and timezone-aware.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from email.utils import parsedate_to_datetime

from .errors import ConfigError

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(m|min|mins|minutes?|h|hrs?|hours?|d|days?|w|weeks?)\s*$", re.I)
_UNIT = {"m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def local_zone() -> tzinfo:
    """The machine's local timezone (what "today" means to the person reading)."""
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone


def zone_named(name: str | None) -> tzinfo:
    """An IANA timezone by name ("Europe/Brussels", "UTC"), or the local zone for None."""
    if not name:
        return local_zone()
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"unknown timezone {name!r} (use an IANA name such as Europe/Brussels or UTC)") from None


def parse_duration(text: str) -> timedelta:
    """'24h', '2d', '90m', '1w' to a timedelta; `ConfigError` otherwise."""
    m = _DURATION.match(text)
    if not m:
        raise ConfigError(f"window {text!r} is not a duration like 24h, 2d or 90m")
    seconds = float(m.group(1)) * _UNIT[m.group(2)[0].lower()]
    if seconds <= 0:
        raise ConfigError(f"window {text!r} must be longer than zero")
    return timedelta(seconds=seconds)


def parse_published(value: str, zone: tzinfo) -> str | None:
    """A publication date as ISO text: 'YYYY-MM-DD' for a bare date, else an aware datetime.

    Accepts ISO 8601 (with 'Z', '+0100' or no offset), RFC 2822 ("Fri, 20 Nov 2026 08:00:00
    +0100") and a bare date; returns None when the value is not a date.
    """
    text = " ".join(value.split())
    if not text:
        return None
    if _DATE_ONLY.match(text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            parsed = written_date(text)
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        if parsed.time() == time(0, 0):
            return parsed.date().isoformat()  # htmldate's way of saying "this day"
        parsed = parsed.replace(tzinfo=zone)
    return parsed.isoformat()


# Languages whose written dates are tried when a date is neither ISO 8601 nor RFC 2822
# ("Seg, 24 Set 2018", "Montag, 3. März 2025", "13 января 2015 г."). A short list keeps
# dateparser's first call under a second (all of its 200 locales take about six).
WRITTEN_DATE_LANGUAGES = (
    "en", "pt", "es", "fr", "de", "it", "nl", "pl", "ru", "uk", "tr", "ro", "cs", "sv", "da", "nb", "fi", "el", "hu",
)
_WRITTEN_DATE_SETTINGS = {
    "PARSERS": ["absolute-time", "custom-formats"],  # no "yesterday", "2 hours ago" or bare timestamps
    "REQUIRE_PARTS": ["day", "month", "year"],  # "Nov 24" alone is not a publication date
    "PREFER_DAY_OF_MONTH": "first",
    "DATE_ORDER": "DMY",  # "10.06.2013" is 10 June, as written outside the US
}


def written_date(text: str) -> datetime | None:
    """A date written out in words or in day-first digits, in one of `WRITTEN_DATE_LANGUAGES`,
    read with dateparser (what feedparser and htmldate leave unparsed); None otherwise.

    dateparser, not a table of month names: it knows the abbreviations, weekday names and
    word orders of each language ("Seg, 24 Set", "lun., 24 nov.", "3. März"). Only absolute
    dates with a day, month and year count, so relative phrases and bare numbers never do.
    """
    if len(text) > 80 or not re.search(r"\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2}", text):
        return None
    import dateparser

    try:
        return dateparser.parse(text, languages=list(WRITTEN_DATE_LANGUAGES), settings=_WRITTEN_DATE_SETTINGS)
    except (ValueError, OverflowError, TypeError, RecursionError):
        return None


def parse_moment(text: str, zone: tzinfo, *, end_of_day: bool = False) -> datetime:
    """A --since/--until value: a date (start of that day, or the next day's start for an
    inclusive --until) or a datetime; naive values are in `zone`."""
    value = text.strip()
    if _DATE_ONLY.match(value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise ConfigError(f"{text!r} is not a date like 2026-11-21") from None
        start = datetime.combine(day, time(0, 0), zone)
        return start + timedelta(days=1) if end_of_day else start
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ConfigError(f"{text!r} is not a date or time like 2026-11-21 or 2026-11-21T06:00") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


@dataclass(frozen=True)
class Window:
    """The half-open span [since, until) whose articles make the day's briefing."""

    since: datetime | None
    until: datetime | None

    def reason_out(self, published: str | None, zone: tzinfo) -> str | None:
        """Why an article dated `published` falls outside, or None if it is inside (or undated)."""
        if published is None:
            return None
        start, end = span_of(published, zone)
        if self.until is not None and start >= self.until:
            return f"published {published}, after the window ends ({self.until.isoformat()})"
        if self.since is not None and end <= self.since:
            return f"published {published}, before the window starts ({self.since.isoformat()})"
        return None


def span_of(published: str, zone: tzinfo) -> tuple[datetime, datetime]:
    """The instant (or the whole day, for a bare date) an ISO publication date stands for."""
    if _DATE_ONLY.match(published):
        start = datetime.combine(date.fromisoformat(published), time(0, 0), zone)
        return start, start + timedelta(days=1)
    moment = datetime.fromisoformat(published)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment, moment + timedelta(microseconds=1)


def resolve_window(
    *, since: str | None, until: str | None, window: str | None, now: datetime, zone: tzinfo
) -> Window | None:
    """The window from --since/--until/--window; None when none is given.

    --window alone ends now; with --until it ends there; with --since it starts there.
    Giving all three is contradictory and a usage error.
    """
    if since is None and until is None and window is None:
        return None
    if since is not None and until is not None and window is not None:
        raise ConfigError("give at most two of --since, --until and --window")
    start = parse_moment(since, zone) if since else None
    end = parse_moment(until, zone, end_of_day=True) if until else None
    if window is not None:
        span = parse_duration(window)
        if start is not None:
            end = start + span
        else:
            end = end or now.astimezone(zone)
            start = end - span
    if start is not None and end is not None and start >= end:
        raise ConfigError(f"the window is empty: --since {start.isoformat()} is not before --until {end.isoformat()}")
    return Window(since=start, until=end)
