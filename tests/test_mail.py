"""Email through a real SMTP server (aiosmtpd on 127.0.0.1): plain, STARTTLS and SMTPS with
AUTH and a test CA; what the server received is what is asserted."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime
from email import message_from_bytes, policy

import pytest
from conftest import EXAMPLES
from smtpserver import PASSWORD, USER, SMTPServer, free_port

AT = ("--at", "2026-11-21T07:30")
# implicit TLS: aiosmtpd only counts STARTTLS as TLS when it checks AUTH, and says so
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")


def config_text(port: int, security: str = "none", extra: str = "", title: str = "Morning briefing") -> str:
    return f"""
title = "{title}"
timezone = "Europe/Brussels"
[input]
paths = ["articles/"]
[output]
dir = "out"
formats = ["html", "pdf", "json"]
[email]
to = ["desk@example.org", "chief@example.org"]
sender = "brief@example.org"
host = "127.0.0.1"
port = {port}
security = "{security}"
timeout = 5
{extra}
"""


def setup(tmp_path, text):
    (tmp_path / "articles").mkdir(exist_ok=True)
    for src in sorted(EXAMPLES.glob("*.txt")):
        dest = tmp_path / "articles" / src.name
        shutil.copy(src, dest)
        stamp = datetime.fromisoformat("2026-11-20T22:00:00+01:00").timestamp()
        os.utime(dest, (stamp, stamp))
    config = tmp_path / "brief.toml"
    config.write_text(text, encoding="utf-8")
    return config


def brief(*args, env=None):
    return subprocess.run([sys.executable, "-m", "brief", *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, **(env or {})})


@pytest.fixture()
def server(tmp_path, request):
    smtp = SMTPServer(tmp_path, getattr(request, "param", "none"))
    yield smtp
    smtp.stop()


def _parts(msg):
    text = msg.get_body(preferencelist=("plain",)).get_content()
    html = msg.get_body(preferencelist=("html",)).get_content()
    pdfs = [p for p in msg.iter_attachments() if p.get_content_type() == "application/pdf"]
    return text, html, pdfs


def test_run_mails_the_briefing_once_with_text_html_and_pdf(tmp_path, server):
    from pypdf import PdfReader

    config = setup(tmp_path, config_text(server.port))
    result = brief("run", "--config", config, *AT)
    assert result.returncode == 0 and result.stdout == "" and result.stderr == "", result.stderr
    (sender, recipients, msg), = server.received
    assert sender == "brief@example.org" and recipients == ["desk@example.org", "chief@example.org"]
    assert msg["Subject"] == "Morning briefing — 2026-11-21" and msg["Message-ID"] and msg["Date"]
    text, html, pdfs = _parts(msg)
    import json

    doc = json.loads((tmp_path / "out" / "2026-11-21" / "briefing.json").read_text(encoding="utf-8"))
    first = doc["key_points"][0]["text"]
    assert first in text and "SOURCES" in text
    assert " ".join(first.split()[:6]) in html and 'style="' in html and "<link" not in html
    svg = re.search(r"<svg [^>]*>", html)
    assert svg and 'aria-label="Sentences per theme: ' in svg.group(0), "the charts travel inline in the mail"
    assert "<script" not in html
    (pdf,) = pdfs
    assert pdf.get_filename() == "briefing-2026-11-21.pdf"
    data = pdf.get_content()
    assert data.startswith(b"%PDF")
    pages = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages)
    assert " ".join(first.split()[:5]) in pages

    again = brief("run", "--config", config, *AT, "-v")
    assert again.returncode == 0 and len(server.received) == 1, "a re-run sends nothing new"
    assert "already sent" in again.stderr
    assert brief("run", "--config", config, *AT, "--resend").returncode == 0
    assert len(server.received) == 2


@pytest.mark.parametrize("server", ["starttls"], indirect=True)
def test_starttls_with_a_verified_certificate_and_login_from_the_environment(tmp_path, server):
    extra = f'username = "{USER}"\nca_file = "{server.ca_file}"'
    config = setup(tmp_path, config_text(server.port, "starttls", extra))
    result = brief("run", "--config", config, *AT, env={"BRIEF_SMTP_PASSWORD": PASSWORD})
    assert result.returncode == 0, result.stderr
    assert len(server.received) == 1
    wrong = brief("run", "--config", config, *AT, "--resend", env={"BRIEF_SMTP_PASSWORD": "nope"})
    assert wrong.returncode == 1 and "login refused" in wrong.stderr


@pytest.mark.parametrize("server", ["starttls"], indirect=True)
def test_an_untrusted_certificate_is_refused(tmp_path, server):
    config = setup(tmp_path, config_text(server.port, "starttls", f'username = "{USER}"'))
    result = brief("run", "--config", config, *AT, env={"BRIEF_SMTP_PASSWORD": PASSWORD, "SSL_CERT_FILE": "/nonexistent"})
    assert result.returncode == 1 and "certificate" in result.stderr and server.received == []


@pytest.mark.parametrize("server", ["ssl"], indirect=True)
def test_smtps_with_a_password_file_only_its_owner_can_read(tmp_path, server):
    secret = tmp_path / "smtp-password"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    secret.chmod(0o644)
    extra = f'username = "{USER}"\nca_file = "{server.ca_file}"\npassword_file = "smtp-password"'
    config = setup(tmp_path, config_text(server.port, "ssl", extra))
    env = {"BRIEF_SMTP_PASSWORD": ""}
    loose = brief("run", "--config", config, *AT, env=env)
    assert loose.returncode == 2 and "email.password_file" in loose.stderr and "chmod 600" in loose.stderr
    secret.chmod(0o600)
    result = brief("run", "--config", config, *AT, env=env)
    assert result.returncode == 0, result.stderr
    assert len(server.received) == 1


def test_server_down_exits_75_keeps_the_message_and_sends_it_next_time(tmp_path):
    port = free_port()
    config = setup(tmp_path, config_text(port))
    result = brief("run", "--config", config, *AT)
    assert result.returncode == 75, result.stderr
    assert result.stderr.count("\n") == 1 and "outbox" in result.stderr
    assert (tmp_path / "out" / "2026-11-21" / "briefing.pdf").is_file(), "the briefing itself is written"
    (kept,) = (tmp_path / "out" / "outbox").glob("*.eml")
    assert message_from_bytes(kept.read_bytes(), policy=policy.SMTP)["Subject"] == "Morning briefing — 2026-11-21"

    up = SMTPServer(tmp_path, "none")
    try:
        config.write_text(config_text(up.port), encoding="utf-8")
        retry = brief("run", "--config", config, *AT)
        assert retry.returncode == 0, retry.stderr
        assert len(up.received) == 1, "the kept message goes, and the same day is not sent twice"
        assert list((tmp_path / "out" / "outbox").glob("*.eml")) == []
    finally:
        up.stop()


def test_eml_file_and_headers_safe_from_article_text(tmp_path):
    config = setup(tmp_path, config_text(free_port(), title="Brief\\r\\nBcc: evil@example.net"))
    assert brief("run", "--config", config, *AT, "--no-email").returncode == 0
    eml = tmp_path / "out.eml"
    result = brief("email", "--config", config, "--eml", eml)
    assert result.returncode == 0, result.stderr
    msg = message_from_bytes(eml.read_bytes(), policy=policy.SMTP)
    assert msg["Bcc"] is None and "\n" not in msg["Subject"] and msg["Subject"].startswith("Brief Bcc: evil")
    assert msg["To"] == "desk@example.org, chief@example.org"


def test_readme_example_config_twice_one_folder_one_mail(tmp_path):
    from conftest import ROOT

    server = SMTPServer(tmp_path, "none")
    try:
        text = (ROOT / "docs" / "brief.example.toml").read_text(encoding="utf-8")
        text = text.replace("../examples/", f"{EXAMPLES}/").replace("../out/example", str(tmp_path / "out"))
        config = tmp_path / "brief.toml"
        config.write_text(text.replace("port = 8025", f"port = {server.port}"), encoding="utf-8")
        first = brief("run", "--config", config)
        assert first.returncode == 0 and first.stderr == "", first.stderr
        second = brief("run", "--config", config, "-v")
        assert second.returncode == 0 and "already sent" in second.stderr
        folders = [p for p in (tmp_path / "out").iterdir() if p.is_dir() and not p.is_symlink() and p.name != "outbox"]
        assert len(folders) == 1 and len(server.received) == 1
        assert (folders[0] / "briefing.pdf").is_file()
    finally:
        server.stop()


def test_a_mail_is_made_even_when_only_pdf_is_configured(tmp_path, server):
    config = setup(tmp_path, config_text(server.port).replace('formats = ["html", "pdf", "json"]', 'formats = ["pdf"]'))
    result = brief("run", "--config", config, *AT)
    assert result.returncode == 0, result.stderr
    (_, _, msg), = server.received
    text, html, pdfs = _parts(msg)
    assert "KEY POINTS" in text and "<html" in html and len(pdfs) == 1


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda text: text[: len(text) // 2], "not valid JSON at line"),  # cut short
        (lambda text: "[1, 2, 3]", 'not a briefing (expected a JSON object with a "themes" list)'),
        (lambda text: '{"themes": [], "title": 5}', "not a briefing ('title' is not text)"),
    ],
)
def test_email_on_a_damaged_briefing_json_says_so_in_one_line(tmp_path, damage, message):
    config = setup(tmp_path, config_text(free_port()))
    assert brief("run", "--config", config, *AT, "--no-email").returncode == 0
    target = (tmp_path / "out" / "latest" / "briefing.json").resolve()
    target.write_text(damage(target.read_text(encoding="utf-8")), encoding="utf-8")
    result = brief("email", "--config", config, "--eml", tmp_path / "out.eml")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "briefing.json: " in result.stderr and message in result.stderr
    assert not (tmp_path / "out.eml").exists()
