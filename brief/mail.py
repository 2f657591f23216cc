"""Email delivery: a briefing as an RFC 5322 message, sent over SMTP or kept in an outbox.

The message has the plain-text briefing as its body, the HTML briefing as an alternative (CSS inlined with
css-inline, because most mail clients ignore <style>), and the PDF attached. Sending uses
a verified TLS context (STARTTLS or SMTPS); the password comes from an environment
variable or a file only its owner can read, never from the command line. A message that
cannot be sent is written to `<dir>/outbox/` and sent first on the next run. Headers are
built from article-derived text only after control characters are removed, so a title
cannot add headers.
"""

from __future__ import annotations

import hashlib
import json
import os
import smtplib
import ssl
import stat
from dataclasses import dataclass, field
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any

from .config import EmailSection, RunConfig
from .errors import BriefError, ConfigError, DeliveryError, TemporaryFailure

OUTBOX = "outbox"


def header_text(value: str, limit: int = 200) -> str:
    """One line, no control characters, at most `limit` characters: safe in a header."""
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------- the message


def inline_css(html: str) -> str:
    import css_inline

    return css_inline.CSSInliner(keep_style_tags=True, load_remote_stylesheets=False).inline(html)


def briefing_doc(folder: Path) -> dict:
    """The briefing.json in `folder` as a dict; a `BriefError` naming the file when it is
    missing, unreadable, cut short or not a briefing (never a traceback)."""
    path = folder / "briefing.json"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BriefError(f"{path}: no briefing here (brief run writes it; re-run that day)") from None
    except OSError as exc:
        raise BriefError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise BriefError(f"{path}: not UTF-8 text, so not a briefing brief wrote") from None
    except (ValueError, RecursionError) as exc:
        where = f" at line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise BriefError(f"{path}: not valid JSON{where} (cut short?); re-run that day") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("themes"), list):
        raise BriefError(f"{path}: not a briefing (expected a JSON object with a \"themes\" list)")
    for key in ("title", "date"):
        if not isinstance(doc.get(key, ""), str):
            raise BriefError(f"{path}: not a briefing ({key!r} is not text)")
    return doc


def build_message(email: EmailSection, folder: Path) -> EmailMessage:
    """The message for the briefing in `folder` (briefing.json, and .html/.pdf if written)."""
    doc = briefing_doc(folder)
    subject = email.subject.replace("{title}", doc.get("title", "Briefing")).replace("{date}", doc.get("date", ""))
    msg = EmailMessage(policy=policy.SMTP)
    msg["Subject"] = header_text(subject)
    msg["From"] = email.sender
    msg["To"] = ", ".join(email.to)
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=email.sender.rpartition("@")[2])
    text = folder / "briefing.txt"
    if not text.is_file():
        raise ConfigError(f"{folder}: no briefing.txt to make the mail from (brief run writes it; re-run that day)")
    msg.set_content(text.read_text(encoding="utf-8"))
    html = folder / "briefing.html"
    if html.is_file():
        msg.add_alternative(inline_css(html.read_text(encoding="utf-8")), subtype="html")
    pdf = folder / "briefing.pdf"
    if email.attach_pdf and pdf.is_file():
        msg.add_attachment(pdf.read_bytes(), maintype="application", subtype="pdf", filename=f"briefing-{doc.get('date')}.pdf")
    return msg


def digest(folder: Path) -> str:
    """What was sent, independent of when the briefing was generated."""
    doc = briefing_doc(folder)
    doc.pop("generated_at", None)
    return hashlib.sha256(json.dumps(doc, sort_keys=True).encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- sending


def password_for(email: EmailSection, base: Path) -> str | None:
    """The SMTP password from the environment variable, else from a 0600 file."""
    if not email.username:
        return None
    value = os.environ.get(email.password_env)
    if value:
        return value
    if email.password_file:
        path = Path(email.password_file) if Path(email.password_file).is_absolute() else base / email.password_file
        try:
            info = path.stat()
        except OSError as exc:
            raise ConfigError(f"email.password_file: {path}: {exc.strerror}") from None
        if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise ConfigError(f"email.password_file: {path} can be read by others; chmod 600 it")
        return path.read_text(encoding="utf-8").strip()
    raise ConfigError(f"email.username is set but neither ${email.password_env} nor email.password_file gives a password")


def tls_context(email: EmailSection, base: Path) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if email.ca_file:
        context.load_verify_locations(cafile=str(base / email.ca_file))
    return context


def send(msg: EmailMessage, email: EmailSection, base: Path) -> None:
    """Send over SMTP; TemporaryFailure when worth retrying, DeliveryError when not."""
    password = password_for(email, base)
    try:
        if email.security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(email.host, email.port or 465, timeout=email.timeout,
                                                     context=tls_context(email, base))
        else:
            client = smtplib.SMTP(email.host, email.port or (587 if email.security == "starttls" else 25),
                                  timeout=email.timeout)
        with client:
            if email.security == "starttls":
                client.starttls(context=tls_context(email, base))
            if email.username:
                client.login(email.username, password or "")
            client.send_message(msg, from_addr=email.sender, to_addrs=list(email.to))
    except smtplib.SMTPAuthenticationError as exc:
        raise DeliveryError(f"{email.host}: login refused ({exc.smtp_code})") from None
    except smtplib.SMTPRecipientsRefused as exc:
        raise DeliveryError(f"{email.host}: recipients refused: {', '.join(exc.recipients)}") from None
    except smtplib.SMTPResponseException as exc:
        if 400 <= exc.smtp_code < 500:
            raise TemporaryFailure(f"{email.host}: temporary refusal ({exc.smtp_code})") from None
        raise DeliveryError(f"{email.host}: refused ({exc.smtp_code} {exc.smtp_error[:80]!r})") from None
    except ssl.SSLCertVerificationError as exc:
        raise DeliveryError(f"{email.host}: TLS certificate not trusted ({exc.verify_message})") from None
    except (smtplib.SMTPException, OSError) as exc:
        raise TemporaryFailure(f"{email.host}:{email.port or ''} unreachable ({exc.__class__.__name__}: {exc})") from None


# ---------------------------------------------------------------- the delivery step


@dataclass
class Delivery:
    sent: list[str] = field(default_factory=list)  # outbox files or days sent
    skipped: str | None = None  # why nothing was sent
    kept: Path | None = None  # the outbox file of a message that could not go


def channel(email: EmailSection) -> str:
    return "email:" + ",".join(sorted(email.to))


def deliver(cfg: RunConfig, folder: Path, day: str, history: Any = None, resend: bool = False,
            eml: Path | None = None) -> Delivery:
    """Send the day's briefing per `cfg.email` (first anything left in the outbox), once per
    day unless `resend`; with `eml`, write the message there instead of sending."""
    from .deliver import write_atomic

    assert cfg.email is not None
    email, base = cfg.email, cfg.base
    result = Delivery()
    msg = build_message(email, folder)
    if eml is not None:
        write_atomic(eml, msg.as_bytes())
        result.kept = eml
        return result
    outbox = Path(cfg.resolve(cfg.output.dir)) / OUTBOX
    key, fingerprint = channel(email), digest(folder)
    for waiting in sorted(outbox.glob("*.eml")) if outbox.is_dir() else []:
        old = message_from_bytes(waiting.read_bytes(), policy=policy.SMTP)
        send(old, email, base)  # raises: the newer message waits behind it
        if history is not None:
            history.mark_delivered(waiting.name[:10], key, "outbox", _now())
        waiting.unlink()
        result.sent.append(waiting.name)
    if history is not None and not resend and history.delivered(day, key):
        result.skipped = f"{day} was already sent to {', '.join(email.to)} (--resend sends it again)"
        return result
    try:
        send(msg, email, base)
    except TemporaryFailure:
        kept = outbox / f"{day}-{hashlib.sha1(key.encode()).hexdigest()[:8]}.eml"
        write_atomic(kept, msg.as_bytes())
        result.kept = kept
        raise
    if history is not None:
        history.mark_delivered(day, key, fingerprint, _now())
    result.sent.append(day)
    return result


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")
