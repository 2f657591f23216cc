"""A small HTTP server on 127.0.0.1 for the URL and --fetch tests (no test touches the internet).

It serves `tests/fixtures/site/` (with `__BASE__` replaced by its own address) and a few
misbehaving routes that real servers produce: error statuses, redirect chains and loops,
redirects to file://, slow and endless bodies, gzip bombs, HTML error pages sent as feeds,
and servers that trickle (a body or the headers a byte or a line at a time, so that no
single read ever times out).
Every request is logged with its headers so tests can assert what was (not) fetched.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SITE = Path(__file__).resolve().parent / "fixtures" / "site"
TYPES = {
    ".html": "text/html",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".xml": "application/xml",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
}


class LocalSite:
    def __init__(self) -> None:
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.extra: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.in_flight = 0
        self.most_in_flight = 0
        self._lock = threading.Lock()
        self.closed = threading.Event()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep pytest output clean
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server API
                site.requests.append((self.path, dict(self.headers)))
                try:
                    site.route(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: object, client_address: object) -> None:
                """A client hanging up early (as the fetcher does on errors and size caps) is
                normal here; anything else is kept for the test to see, not printed."""
                import sys

                exc = sys.exc_info()[1]
                if not isinstance(exc, ConnectionError):
                    site.server_errors.append(repr(exc))

        self.server_errors: list[str] = []
        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"{self.base}/{path.lstrip('/')}"

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]

    def add(self, path: str, body: bytes | str, content_type: str = "text/html", status: int = 200) -> str:
        """Serve `body` at `path` (for pages written inside a test)."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.extra["/" + path.lstrip("/")] = (status, {"Content-Type": content_type}, data)
        return self.url(path)

    def close(self) -> None:
        self.closed.set()
        self.server.shutdown()
        self.server.server_close()

    # --- routes ---

    def route(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path.split("?", 1)[0]
        if path in self.extra:
            status, headers, body = self.extra[path]
            return self.send(h, status, body, headers)
        if path.startswith("/status/"):
            code = int(path.rsplit("/", 1)[1])
            return self.send(h, code, f"<html><body><h1>Error {code}</h1></body></html>".encode())
        if path.startswith("/redirect/"):
            n = int(path.rsplit("/", 1)[1])
            target = f"/redirect/{n - 1}" if n > 1 else "/ledger-grid.html"
            return self.send(h, 302, b"", {"Location": target})
        if path == "/hold":  # a slow page that counts how many requests overlap
            with self._lock:
                self.in_flight += 1
                self.most_in_flight = max(self.most_in_flight, self.in_flight)
            time.sleep(0.3)
            with self._lock:
                self.in_flight -= 1
            return self.send(h, 200, b"<html><body><p>Held.</p></body></html>")
        if path == "/redirect-loop":
            return self.send(h, 301, b"", {"Location": "/redirect-loop"})
        if path == "/redirect-file":
            return self.send(h, 302, b"", {"Location": "file:///etc/passwd"})
        if path == "/slow":
            time.sleep(3)
            return self.send(h, 200, b"<html><body><p>Too late.</p></body></html>")
        if path == "/endless":
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.end_headers()
            chunk = b"<p>" + b"x" * 65536 + b"</p>"
            for _ in range(2000):  # about 128 MB unless the client stops reading
                h.wfile.write(chunk)
            return None
        if path.startswith("/trickle-body"):  # promises 100,000 bytes, sends one a second
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.send_header("Content-Length", "100000")
            h.end_headers()
            return self.trickle(h, (b"<" if n == 0 else b"p" for n in range(100_000)))
        if path.startswith("/trickle-headers"):  # a status line, then a header line a second
            h.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
            return self.trickle(h, (f"X-Wait-{n}: {'w' * 20}\r\n".encode() for n in range(100_000)))
        if path == "/huge-declared":
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.send_header("Content-Length", str(10**10))
            h.end_headers()
            return None
        if path == "/gzip-bomb":
            body = gzip.compress(b"<p>" + b"a" * (64 * 1024 * 1024) + b"</p>")
            return self.send(h, 200, body, {"Content-Encoding": "gzip"})
        if path == "/error-page.rss":
            page = b"<!DOCTYPE html><html><head><title>Service unavailable</title></head><body><h1>Try again later</h1></body></html>"
            return self.send(h, 200, page, {"Content-Type": "application/rss+xml"})
        if path == "/image.png":
            return self.send(h, 200, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, {"Content-Type": "image/png"})
        file = (SITE / path.lstrip("/")).resolve()
        if file.parent == SITE and file.is_file():
            data = file.read_bytes().replace(b"__BASE__", self.base.encode())
            return self.send(h, 200, data, {"Content-Type": TYPES.get(file.suffix, "application/octet-stream")})
        return self.send(h, 404, b"<html><body><h1>Not found</h1></body></html>")

    TRICKLE_EVERY = 1.0  # seconds between the pieces a trickling route sends

    def trickle(self, h: BaseHTTPRequestHandler, pieces: Iterable[bytes]) -> None:
        """Send `pieces` one at a time, `TRICKLE_EVERY` apart, until the client hangs up
        (the write then fails) or the site is closed."""
        h.close_connection = True
        for piece in pieces:
            h.wfile.write(piece)
            h.wfile.flush()
            if self.closed.wait(self.TRICKLE_EVERY):
                return

    @staticmethod
    def send(h: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        h.send_response(status)
        headers = {"Content-Type": "text/html", **(headers or {})}
        for key, value in headers.items():
            h.send_header(key, value)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)
