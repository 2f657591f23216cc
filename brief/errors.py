"""Typed errors. The CLI maps them to exit codes; the library never exits."""

from __future__ import annotations

import re

# Control characters (C0, DEL, C1) and bidirectional controls: a file name holding them
# could rewrite the terminal line or forge a "brief: error:" line when printed raw.
UNPRINTABLE_CHARS = "[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
_UNPRINTABLE = re.compile(UNPRINTABLE_CHARS)


def printable(name: str) -> str:
    """`name` with control and bidi characters shown as escapes (`\\x1b`, `\\n`, `\\u202e`)."""
    if not _UNPRINTABLE.search(name):
        return name
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), name)


class BriefError(Exception):
    """Base class for errors `brief` reports to its user."""

    exit_code = 1


class ConfigError(BriefError):
    """Bad options, theme file or other configuration: a usage error (exit 2)."""

    exit_code = 2


class TemplateError(BriefError):
    """A template could not be read or rendered: the message names the template and line (exit 2)."""

    exit_code = 2


class InputError(BriefError):
    """One input could not be used; the run goes on without it."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class NothingToBrief(BriefError):
    """No input produced any usable article, so no briefing can be written."""

    exit_code = 1


class TemporaryFailure(BriefError):
    """Worth retrying later (exit 75): another run holds the lock, the mail server is down."""

    exit_code = 75


class DeliveryError(BriefError):
    """The mail server refused the message for good (bad login, bad recipient): exit 1."""
