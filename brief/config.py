"""The `brief run` configuration: everything a scheduled job needs, in one TOML file.

Validated with pydantic, so every mistake is reported with the key it is about
("brief.toml: window.ends_at: …"); unknown keys are errors too, because a misspelt key
silently ignored is how a cron job goes wrong for months. Relative paths are relative to
the configuration file, not to wherever cron happens to start.
"""

from __future__ import annotations

import os
import re
import tomllib
from datetime import time as Time
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import ConfigError

Format = Literal["json", "html", "md", "txt", "pdf"]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class InputSection(_Section):
    paths: list[str] = Field(min_length=1, description="files, folders, globs and http(s) URLs")
    fetch: bool = False
    fetch_timeout: float = Field(15.0, gt=0, le=300)
    fetch_workers: int = Field(4, ge=1, le=32)
    fetch_private: bool = False
    max_bytes: int = Field(20 * 1024 * 1024, ge=1)
    drop_undated: bool = False


class WindowSection(_Section):
    hours: float = Field(24.0, ge=0, le=24 * 31)  # 0: no window, every input counts
    ends_at: Time = Time(6, 0)

    @field_validator("ends_at", mode="before")
    @classmethod
    def _clock(cls, value: object) -> object:
        if isinstance(value, str):
            m = re.fullmatch(r"(\d{1,2}):(\d{2})", value.strip())
            if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
                raise ValueError(f"{value!r} is not a local time like \"06:00\"")
            return Time(int(m.group(1)), int(m.group(2)))
        return value


class OutputSection(_Section):
    dir: str = "out"
    formats: list[Format] = Field(default_factory=lambda: ["html", "pdf", "json"], min_length=1)
    template_dir: str | None = None  # templates overriding brief's (brief templates export DIR)


class EmailSection(_Section):
    to: list[str] = Field(min_length=1)
    sender: str
    host: str = "localhost"
    port: int | None = Field(None, ge=1, le=65535)
    security: Literal["none", "starttls", "ssl"] = "starttls"
    username: str | None = None
    password_env: str = "BRIEF_SMTP_PASSWORD"
    password_file: str | None = None
    subject: str = "{title} — {date}"
    timeout: float = Field(30.0, gt=0, le=600)
    attach_pdf: bool = True
    ca_file: str | None = None  # a CA bundle to trust besides the system's (an internal mail relay)

    @field_validator("to", "sender")
    @classmethod
    def _address(cls, value: str | list[str]) -> str | list[str]:
        for address in [value] if isinstance(value, str) else value:
            if not re.fullmatch(r"[^@\s<>,;\"]+@[^@\s<>,;\"]+", address):
                raise ValueError(f"{address!r} is not an email address like desk@example.org")
        return value


class RunConfig(_Section):
    title: str = Field("Daily briefing", min_length=1)
    timezone: str | None = None
    themes: str | None = None
    languages: tuple[str, ...] | None = None  # the briefing's languages; None: the theme file's, else English
    sentences: int = Field(5, ge=1, le=50)
    key_points: int = Field(5, ge=0, le=20)
    history_days: int = Field(7, ge=0, le=366)
    history_wait: float = Field(60.0, ge=0, le=3600)  # seconds to wait for a history another process has locked
    jobs: int | None = Field(None, ge=1)  # processes for reading, cleaning, splitting; None: one per CPU
    input: InputSection
    window: WindowSection = WindowSection()
    output: OutputSection = OutputSection()
    email: EmailSection | None = None
    path: Path = Field(Path("brief.toml"), exclude=True)  # the file it came from

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        if value is not None:
            from .dates import zone_named

            try:
                zone_named(value)
            except ConfigError as exc:
                raise ValueError(str(exc)) from None
        return value

    @field_validator("languages", mode="before")
    @classmethod
    def _languages(cls, value: object) -> object:
        if value is None:
            return value
        from .language import parse_languages

        return parse_languages(value)  # its ValueError names the problem

    @property
    def base(self) -> Path:
        return self.path.parent

    def resolve(self, value: str) -> str:
        """A path from the file, relative to the file's folder; URLs and absolute paths as they are."""
        if re.match(r"^[a-z][a-z0-9+.-]*://", value, re.I) or Path(value).is_absolute():
            return value
        return os.path.normpath(self.base / Path(value).expanduser())


def _message(path: Path, exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "(top level)"
    text = first["msg"].removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        text = "unknown key"
    elif first["type"] == "missing":
        text = "required key is missing"
    more = len(exc.errors()) - 1
    return f"{path}: {where}: {text}" + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else "")


def load_config(path: str | Path) -> RunConfig:
    """The configuration in `path`; any problem is a ConfigError naming the file and key."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found (brief init {path} writes an example)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration ({exc})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    except RecursionError:
        raise ConfigError(f"{path}: nested too deeply to be a configuration") from None
    if "path" in data:
        raise ConfigError(f"{path}: path: unknown key")
    try:
        return RunConfig.model_validate({**data, "path": path.resolve()})
    except ValidationError as exc:
        raise ConfigError(_message(path, exc)) from None
    except RecursionError:
        raise ConfigError(f"{path}: nested too deeply to be a configuration") from None


EXAMPLE = """\
# brief run configuration. Relative paths are relative to this file.
# Run it from cron, e.g. every morning:  brief run --config /path/to/brief.toml

title = "Morning briefing"
timezone = "Europe/Brussels"        # IANA zone for the window and for dates without an offset
# themes = "themes.toml"            # your own themes (brief's defaults when left out)
# languages = ["en"]                # the briefing's languages: articles in others are left out
#                                   # (default: the theme file's languages, else English)
# sentences = 5                     # most sentences per theme
# key_points = 5                    # sentences in the opening Key points section (0: none)
# history_days = 7                  # leave out what the last 7 briefings reported; mark the rest new (0: off)
# history_wait = 60                 # seconds to wait when another process has the history locked (then exit 75)

[input]
paths = ["articles/"]               # files, folders, globs ("feeds/*.xml") and http(s) URLs of pages or feeds
# fetch = false                     # fetch the linked page of feed entries that carry only a summary
# fetch_timeout = 15
# drop_undated = false              # articles with no date of their own take their file's modification time

[window]
hours = 24                          # the briefing covers the 24 hours ...
ends_at = "06:00"                   # ... ending at the last 06:00 (local time, see timezone)

[output]
dir = "out"                         # writes out/<YYYY-MM-DD>/briefing.<ext> and out/latest.<ext>
formats = ["html", "pdf", "json"]   # also "md" and "txt"
# template_dir = "templates"        # your own templates (brief templates export templates)

# [email]                           # uncomment to mail each new briefing
# to = ["desk@example.org"]
# sender = "brief@example.org"
# host = "smtp.example.org"
# port = 587
# security = "starttls"             # or "ssl" (port 465) or "none" (local relay only)
# username = "brief@example.org"
# password_env = "BRIEF_SMTP_PASSWORD"   # the password comes from this environment variable ...
# password_file = "smtp-password"        # ... or from a file only you can read (chmod 600)
"""
