"""What earlier briefings reported: a small SQLite file next to the outputs.

It lets a daily briefing mark what is new since the last one and keep out a sentence that
only repeats what was already reported (the DUC 2007 "update summary" idea). It is a
cache, not a record of truth: a missing, unreadable or foreign file means a fresh start
(with one warning), never a failed run. The schema is versioned with `PRAGMA user_version`.

Not every SQLite error means the file is bad, and only a bad file may be discarded:
corrupt or not a database (SQLITE_CORRUPT, SQLITE_NOTADB, a failed `quick_check`) is
moved aside under a name no earlier copy has and a fresh file started; locked by another
process (SQLITE_BUSY, SQLITE_LOCKED) after waiting `wait` seconds is a TemporaryFailure
(exit 75), the file kept; a full disk (SQLITE_FULL) or an I/O error leaves the file as
it is, with a warning naming it.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .errors import TemporaryFailure
from .model import Briefing
from .nlp import content_stems

T = TypeVar("T")

DEFAULT_WAIT = 60.0  # seconds to wait for a history another process holds locked
_CORRUPT = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
_LOCKED = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
_NO_SPACE = os.strerror(errno.ENOSPC)  # "No space left on device"

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


class Unreadable(sqlite3.DatabaseError):
    """The file is no history this brief can use: damaged, or written by a newer brief."""


def kind_of(exc: sqlite3.Error) -> str:
    """What a SQLite error means for the file: "corrupt" (may be discarded), "locked"
    (another process has it: wait, then retry later), "full" (the disk) or "io" (anything
    else: an I/O or permission error, a read-only disk). Judged on the SQLite result
    code, not the message text."""
    if isinstance(exc, Unreadable):
        return "corrupt"
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary in _CORRUPT:
        return "corrupt"
    if primary in _LOCKED:
        return "locked"
    if primary == sqlite3.SQLITE_FULL:
        return "full"
    return "io"


def move_aside(path: Path, label: str = "unreadable") -> Path:
    """Rename `path` (and its journal, if any) to `<name>.<label>`, or `.<label>.2`, `.3`…
    when that is taken: an earlier copy is never overwritten."""
    n = 1
    while True:
        aside = path.with_name(f"{path.name}.{label}" + (f".{n}" if n > 1 else ""))
        extras = [Path(f"{aside}{sfx}") for sfx in ("-journal", "-wal", "-shm")]
        if not any(p.exists() or p.is_symlink() for p in (aside, *extras)) and _rename_new(path, aside):
            break
        n += 1
    for sfx in ("-journal", "-wal", "-shm"):  # a hot journal must not be replayed into the fresh file
        if Path(f"{path}{sfx}").exists():
            os.replace(f"{path}{sfx}", f"{aside}{sfx}")
    return aside


def _rename_new(src: Path, dst: Path) -> bool:
    """Rename `src` to `dst` only if `dst` does not exist (a hard link then unlink: atomic);
    False if `dst` appeared meanwhile."""
    try:
        os.link(src, dst)
    except FileExistsError:
        return False
    except OSError:  # no hard links here (some network or FAT file systems): checked above
        os.rename(src, dst)
        return True
    os.unlink(src)
    return True


class History:
    """The history file; every method is safe to call on a fresh or unusable file: a
    problem becomes a warning (or TemporaryFailure when locked), never a SQLite error."""

    def __init__(self, path: str | Path, warnings: list[str] | None = None, wait: float = DEFAULT_WAIT) -> None:
        self.path = Path(path)
        self.warnings = warnings if warnings is not None else []
        self.wait = wait
        self.db: sqlite3.Connection | None = None
        self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        try:
            return self._connect()
        except sqlite3.Error as exc:
            if kind_of(exc) != "corrupt":
                raise self._error(exc) from None
            self._set_aside(exc)
        try:
            return self._connect()
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    def _connect(self) -> sqlite3.Connection:
        """Open, check and (only if it is new or older) create the schema: opening a current
        history writes nothing, so a full disk does not stop it being read."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=self.wait)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise Unreadable(f"written by a newer brief (schema {version})")
            # the header alone can be intact over damaged pages: look at them all now, not
            # half-way through the run
            check = db.execute("PRAGMA quick_check(1)").fetchone()[0]
            if check != "ok":
                raise Unreadable(f"damaged: {_first_problem(check)}")
            if version < SCHEMA_VERSION:
                db.executescript(_SCHEMA)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                db.commit()
        except BaseException:
            db.close()
            raise
        return db

    def _set_aside(self, exc: sqlite3.Error) -> None:
        self.close()
        aside = move_aside(self.path)
        # the news first: a summary line may cut the end (the reason can be long)
        self.warnings.append(f"{self.path}: unreadable history, moved aside to {aside.name}; starting afresh ({exc})")

    def _error(self, exc: sqlite3.Error) -> Exception:
        """The error a run should stop with for `exc` (not for a corrupt file: that is set aside)."""
        kind = kind_of(exc)
        if kind == "locked":
            return TemporaryFailure(f"{self.path}: the history is locked by another process (waited {self.wait:g} s); "
                                    "left as it is, try again later")
        if kind == "full":
            return OSError(errno.ENOSPC, _NO_SPACE, str(self.path))
        return exc

    def _use(self, work: Callable[[sqlite3.Connection], T], default: T, otherwise: str) -> T:
        """`work` on the database. Corrupt: moved aside, `work` again on a fresh file; locked:
        TemporaryFailure; full disk or I/O error: a warning ending in `otherwise`, and
        `default`, the file left as it is."""
        for attempt in (1, 2):
            if self.db is None:
                return default
            try:
                return work(self.db)
            except sqlite3.Error as exc:
                kind = kind_of(exc)
                if kind == "locked":
                    raise self._error(exc) from None
                if kind == "corrupt" and attempt == 1:
                    try:
                        self._set_aside(exc)
                        self.db = self._connect()
                        continue
                    except (sqlite3.Error, OSError) as again:
                        exc, kind = again, kind_of(again) if isinstance(again, sqlite3.Error) else "io"
                if kind == "full":
                    self.warnings.append(f"{self.path}: {_NO_SPACE}; {otherwise}")
                else:  # an I/O error: this file is no use for the rest of the run
                    self.warnings.append(f"{self.path}: cannot use the history ({exc}); {otherwise}")
                    self.close()
                return default
        return default

    def close(self) -> None:
        db, self.db = self.db, None
        if db is not None:
            db.close()

    def reported_before(self, day: str, days: int) -> list[Reported]:
        """Sentences reported in the `days` briefings before `day` (not `day` itself, so a
        re-run of the same day sees what the first run saw)."""
        rows = self._use(lambda db: db.execute(
            "SELECT day, text, stems FROM reported WHERE day < ? AND day IN "
            "(SELECT DISTINCT day FROM reported WHERE day < ? ORDER BY day DESC LIMIT ?) ORDER BY day, rowid",
            (day, day, days),
        ).fetchall(), [], "this briefing marks nothing as new")
        # stems worked out again from the text: an upgrade of the stemmer must not make
        # yesterday's sentences look new (the stored stems are for reading the file by hand)
        return [Reported(d, t, frozenset(content_stems(t))) for d, t, _ in rows]

    def coverage_before(self, day: str, days: int) -> list[tuple[str, dict[str, int]]]:
        """(day, theme id -> sentences shown) for the `days` briefings before `day`, oldest
        first; Key points are not a theme and are left out."""
        rows = self._use(lambda db: db.execute(
            "SELECT day, section, COUNT(*) FROM reported WHERE section != 'key points' AND day < ? AND day IN "
            "(SELECT DISTINCT day FROM reported WHERE day < ? ORDER BY day DESC LIMIT ?) GROUP BY day, section "
            "ORDER BY day, section",
            (day, day, days),
        ).fetchall(), [], "this briefing has no coverage chart")
        out: dict[str, dict[str, int]] = {}
        for d, section, n in rows:
            out.setdefault(d, {})[section] = n
        return list(out.items())

    def last_day_before(self, day: str) -> str | None:
        row = self._use(lambda db: db.execute("SELECT MAX(day) FROM reported WHERE day < ?", (day,)).fetchone(),
                        None, "this briefing marks nothing as new")
        return row[0] if row else None

    def record(self, b: Briefing, stems_of: Iterable[tuple[str, str, str, Sequence[str]]]) -> None:
        """Replace `b.date`'s records with this briefing's sentences and articles."""
        rows = [(b.date, section, article, text, " ".join(sorted(set(stems)))) for section, article, text, stems in stems_of]

        def work(db: sqlite3.Connection) -> None:
            with db:
                db.execute("DELETE FROM reported WHERE day = ?", (b.date,))
                db.execute("DELETE FROM seen_articles WHERE day = ?", (b.date,))
                db.executemany("INSERT INTO reported(day, section, article, text, stems) VALUES (?, ?, ?, ?, ?)", rows)
                db.executemany(
                    "INSERT OR IGNORE INTO seen_articles(day, key, title) VALUES (?, ?, ?)",
                    [(b.date, a.url or a.id, a.title) for a in b.articles],
                )

        self._use(work, None, "this briefing is not recorded, so the next one may repeat it")

    def delivered(self, day: str, channel: str) -> str | None:
        """The digest of what was sent on `channel` for `day`, if anything was."""
        row = self._use(lambda db: db.execute("SELECT digest FROM deliveries WHERE day = ? AND channel = ?",
                                              (day, channel)).fetchone(),
                        None, "cannot tell whether this day was mailed already")
        return row[0] if row else None

    def mark_delivered(self, day: str, channel: str, digest: str, sent_at: str) -> None:
        def work(db: sqlite3.Connection) -> None:
            with db:
                db.execute("INSERT OR REPLACE INTO deliveries(day, channel, digest, sent_at) VALUES (?, ?, ?, ?)",
                           (day, channel, digest, sent_at))

        self._use(work, None, f"the mail of {day} went out but is not recorded, so a re-run may send it again")


def _first_problem(check: str) -> str:
    """The first line of a `quick_check` report that names a problem."""
    lines = [line for line in check.splitlines() if line.strip() and not line.startswith("***")]
    return (lines[0] if lines else check)[:120]


def open_history(path: str | Path, warnings: list[str], wait: float = DEFAULT_WAIT) -> History | None:
    """The history at `path`, or None when it cannot be used at all; problems are added
    to `warnings` (one line each): a briefing matters more than its history. Raised, not
    warned: a history locked by another process (TemporaryFailure, after `wait` seconds)
    and a full disk (OSError ENOSPC naming the file), where no briefing could be written."""
    try:
        return History(path, warnings, wait)
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise
        warnings.append(f"{path}: cannot use the history ({exc.strerror or exc}); this briefing marks nothing as new")
        return None
    except sqlite3.Error as exc:
        warnings.append(f"{path}: cannot use the history ({exc}); this briefing marks nothing as new")
        return None
