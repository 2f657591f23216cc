"""`brief run` configuration: what a cron job's author gets right and wrong."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from brief.cli import cli
from brief.config import EXAMPLE, load_config
from brief.errors import ConfigError

ISSUE_SHAPE = """
title = "Morning briefing"
timezone = "Europe/Brussels"
[input]
paths = ["articles/"]
[window]
hours = 24
ends_at = "06:00"
[output]
dir = "out"
formats = ["html", "pdf", "json"]
[email]
to = ["desk@example.org"]
sender = "brief@example.org"
host = "127.0.0.1"
port = 8025
security = "none"
"""


def write(tmp_path, text, name="brief.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_documented_shape_loads_with_paths_relative_to_the_file(tmp_path, monkeypatch):
    monkeypatch.chdir("/")
    cfg = load_config(write(tmp_path, ISSUE_SHAPE))
    assert cfg.title == "Morning briefing" and cfg.window.hours == 24 and cfg.window.ends_at.hour == 6
    assert cfg.output.formats == ["html", "pdf", "json"] and cfg.email.security == "none" and cfg.email.port == 8025
    assert cfg.resolve(cfg.input.paths[0]) == str(tmp_path.resolve() / "articles")
    assert cfg.resolve("https://example.org/feed.xml") == "https://example.org/feed.xml"
    assert cfg.resolve("/srv/news") == "/srv/news"


def test_brief_init_writes_an_example_that_loads_and_never_overwrites(tmp_path):
    target = tmp_path / "brief.toml"
    result = CliRunner().invoke(cli, ["init", str(target)])
    assert result.exit_code == 0 and target.read_text(encoding="utf-8") == EXAMPLE
    cfg = load_config(target)
    assert cfg.email is None and cfg.input.paths == ["articles/"]
    again = CliRunner().invoke(cli, ["init", str(target)])
    assert again.exit_code == 1 and "exists" in again.output
    assert CliRunner().invoke(cli, ["init", str(target), "--force"]).exit_code == 0


@pytest.mark.parametrize(
    "change, key",
    [
        (('hours = 24', 'hours = -1'), "window.hours"),
        (('ends_at = "06:00"', 'ends_at = "25:00"'), "window.ends_at"),
        (('ends_at = "06:00"', 'ends_at = "six"'), "window.ends_at"),
        (('timezone = "Europe/Brussels"', 'timezone = "Europe/Atlantis"'), "timezone"),
        (('formats = ["html", "pdf", "json"]', 'formats = ["docx"]'), "output.formats.0"),
        (('to = ["desk@example.org"]', 'to = ["desk"]'), "email.to"),
        (('security = "none"', 'security = "tls"'), "email.security"),
        (('port = 8025', 'port = "smtp"'), "email.port"),
        (('[window]', '[window]\nhour = 3'), "window.hour"),
        (('paths = ["articles/"]', ''), "input.paths"),
    ],
)
def test_a_config_error_names_the_file_and_the_key(tmp_path, change, key):
    path = write(tmp_path, ISSUE_SHAPE.replace(*change))
    with pytest.raises(ConfigError) as err:
        load_config(path)
    message = str(err.value)
    assert message.startswith(f"{path}: {key}:"), message
    assert "\n" not in message


def test_missing_and_broken_files_are_one_line_config_errors(tmp_path):
    with pytest.raises(ConfigError, match="not found.*brief init"):
        load_config(tmp_path / "none.toml")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(write(tmp_path, "title = \n"))
    with pytest.raises(ConfigError, match="input: required key is missing"):
        load_config(write(tmp_path, 'title = "x"\n'))
