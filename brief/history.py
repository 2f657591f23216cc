"""What earlier briefings reported: a small SQLite file next to the outputs.

It lets a daily briefing mark what is new since the last one and keep out a sentence that
only repeats what was already reported (the DUC 2007 "update summary" idea). It is a
cache, not a record of truth: a missing, unreadable or foreign file means a fresh start
(with one warning), never a failed run. The schema is versioned with `PRAGMA user_version`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .model import Briefing

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS reported (
    day TEXT NOT NULL,          -- the briefing's date, YYYY-MM-DD
    section TEXT NOT NULL,      -- "key points" or a theme id
    article TEXT NOT NULL,
    text TEXT NOT NULL,
    stems TEXT NOT NULL         -- content stems, space-separated: what "the same news" is judged on
);
CREATE INDEX IF NOT EXISTS reported_day ON reported(day);
CREATE TABLE IF NOT EXISTS seen_articles (
    day TEXT NOT NULL,
    key TEXT NOT NULL,          -- canonical URL, else the article id
    title TEXT,
    PRIMARY KEY (day, key)
);
CREATE TABLE IF NOT EXISTS deliveries (
    day TEXT NOT NULL,
    channel TEXT NOT NULL,      -- e.g. "email:desk@example.org"
    digest TEXT NOT NULL,       -- what was sent, so a changed briefing can be told apart
    sent_at TEXT NOT NULL,
    PRIMARY KEY (day, channel)
);
"""


@dataclass(frozen=True)
class Reported:
    day: str
    text: str
    stems: frozenset[str]


class History:
    """The history file; every method is safe to call on a fresh or unusable file."""

    def __init__(self, path: str | Path, warnings: list[str] | None = None) -> None:
        self.path = Path(path)
        self.warnings = warnings if warnings is not None else []
        self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        try:
            return self._connect()
        except sqlite3.DatabaseError as exc:
            aside = self.path.with_name(self.path.name + ".unreadable")
            self.warnings.append(f"{self.path}: unreadable history ({exc}); moved aside to {aside.name}, starting afresh")
            self.path.replace(aside)
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=10)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise sqlite3.DatabaseError(f"written by a newer brief (schema {version})")
            db.executescript(_SCHEMA)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.commit()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def close(self) -> None:
        self.db.close()

    def reported_before(self, day: str, days: int) -> list[Reported]:
        """Sentences reported in the `days` briefings before `day` (not `day` itself, so a
        re-run of the same day sees what the first run saw)."""
        rows = self.db.execute(
            "SELECT day, text, stems FROM reported WHERE day < ? AND day IN "
            "(SELECT DISTINCT day FROM reported WHERE day < ? ORDER BY day DESC LIMIT ?) ORDER BY day, rowid",
            (day, day, days),
        ).fetchall()
        return [Reported(d, t, frozenset(s.split())) for d, t, s in rows]

    def coverage_before(self, day: str, days: int) -> list[tuple[str, dict[str, int]]]:
        """(day, theme id -> sentences shown) for the `days` briefings before `day`, oldest
        first; Key points are not a theme and are left out."""
        rows = self.db.execute(
            "SELECT day, section, COUNT(*) FROM reported WHERE section != 'key points' AND day < ? AND day IN "
            "(SELECT DISTINCT day FROM reported WHERE day < ? ORDER BY day DESC LIMIT ?) GROUP BY day, section "
            "ORDER BY day, section",
            (day, day, days),
        ).fetchall()
        out: dict[str, dict[str, int]] = {}
        for d, section, n in rows:
            out.setdefault(d, {})[section] = n
        return list(out.items())

    def last_day_before(self, day: str) -> str | None:
        row = self.db.execute("SELECT MAX(day) FROM reported WHERE day < ?", (day,)).fetchone()
        return row[0] if row else None

    def record(self, b: Briefing, stems_of: Iterable[tuple[str, str, str, Sequence[str]]]) -> None:
        """Replace `b.date`'s records with this briefing's sentences and articles."""
        with self.db:
            self.db.execute("DELETE FROM reported WHERE day = ?", (b.date,))
            self.db.execute("DELETE FROM seen_articles WHERE day = ?", (b.date,))
            self.db.executemany(
                "INSERT INTO reported(day, section, article, text, stems) VALUES (?, ?, ?, ?, ?)",
                [(b.date, section, article, text, " ".join(sorted(set(stems)))) for section, article, text, stems in stems_of],
            )
            self.db.executemany(
                "INSERT OR IGNORE INTO seen_articles(day, key, title) VALUES (?, ?, ?)",
                [(b.date, a.url or a.id, a.title) for a in b.articles],
            )

    def delivered(self, day: str, channel: str) -> str | None:
        """The digest of what was sent on `channel` for `day`, if anything was."""
        row = self.db.execute("SELECT digest FROM deliveries WHERE day = ? AND channel = ?", (day, channel)).fetchone()
        return row[0] if row else None

    def mark_delivered(self, day: str, channel: str, digest: str, sent_at: str) -> None:
        with self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO deliveries(day, channel, digest, sent_at) VALUES (?, ?, ?, ?)",
                (day, channel, digest, sent_at),
            )


def open_history(path: str | Path, warnings: list[str]) -> History | None:
    """The history at `path`, or None when it cannot be used at all; problems are added
    to `warnings` (one line each), never raised: a briefing matters more than its history."""
    try:
        return History(path, warnings)
    except (sqlite3.Error, OSError) as exc:
        warnings.append(f"{path}: cannot use the history ({exc}); this briefing marks nothing as new")
        return None
