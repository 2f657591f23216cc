"""Typed errors. The CLI maps them to exit codes; the library never exits."""

from __future__ import annotations


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
