"""A real SMTP server for tests: aiosmtpd on 127.0.0.1, a free port, optional STARTTLS or
implicit TLS (certificates from a trustme test CA) and AUTH. It keeps what it received."""

from __future__ import annotations

import socket
import ssl
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER, PASSWORD = "brief", "s3cret-for-tests"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201 - aiosmtpd's hook
        msg = message_from_bytes(envelope.original_content or envelope.content, policy=policy.SMTP)
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), msg))
        return "250 OK"


def _authenticator(server, session, envelope, mechanism, auth_data):  # noqa: ANN001, ANN201
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)


class SMTPServer:
    """`security`: "none", "starttls" (required, with AUTH) or "ssl" (implicit TLS, with AUTH)."""

    def __init__(self, tmp: Path, security: str = "none") -> None:
        self.inbox = Inbox()
        self.port = free_port()
        self.security = security
        self.ca = trustme.CA()
        self.ca_file = tmp / "test-ca.pem"
        self.ca.cert_pem.write_to_path(str(self.ca_file))
        server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.ca.issue_cert("127.0.0.1", "localhost").configure_cert(server_ctx)
        kwargs: dict = {}
        if security == "starttls":
            kwargs = dict(tls_context=server_ctx, require_starttls=True, authenticator=_authenticator, auth_required=True)
        elif security == "ssl":
            kwargs = dict(ssl_context=server_ctx, authenticator=_authenticator, auth_required=True, auth_require_tls=False)
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port, server_hostname="127.0.0.1", **kwargs)
        self.controller.start()

    @property
    def received(self):  # noqa: ANN201
        return self.inbox.received

    def stop(self) -> None:
        self.controller.stop()
