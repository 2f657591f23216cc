"""Fetch: get pages and feeds over HTTP(S) with hard limits, for ingest.

Anything fetched is hostile: only http and https, a connect/read timeout and an overall
deadline per request, a size cap enforced while streaming (so a gzip bomb or endless
body is cut off), a bounded number of redirects each re-checked, a clear user agent, and
a bounded thread pool. The deadline is kept by a watchdog thread that shuts down the
socket of a request still running when it passes, so a server that trickles (a byte or
a header line at a time, each read inside the read timeout) cannot hold a run open. Links found inside feeds are less trusted than the URLs a user
names: they may not lead to loopback, private or link-local addresses (unless allowed or
on the feed's own host), so a hostile feed cannot make `brief` read an intranet page into
a briefing. Every failure is an `InputError` naming the URL; nothing here exits.
"""

from __future__ import annotations

import heapq
import ipaddress
import itertools
import os
import socket
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from . import __version__
from .errors import InputError

USER_AGENT = f"brief/{__version__} (news briefing tool; +https://pypi.org/project/brief/)"
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,application/json;q=0.8,text/plain;q=0.7,*/*;q=0.1"
)


@dataclass(frozen=True)
class FetchOptions:
    """Limits for every request; the defaults suit a daily run over a few hundred links."""

    timeout: float = 15.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    workers: int = 4
    user_agent: str = USER_AGENT
    allow_private: bool = False


@dataclass(frozen=True)
class Fetched:
    """A successful response: where it finally came from, its body and declared type."""

    url: str
    data: bytes
    content_type: str
    charset: str | None


def is_http_url(value: str) -> bool:
    parts = urlsplit(value.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def _refuses_private(host: str, port: int | None) -> str | None:
    """Why `host` must not be fetched for an untrusted link, or None if it is public."""
    try:
        infos = socket.getaddrinfo(host, port or 80, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return f"cannot resolve host {host!r}"
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if not address.is_global:
            return f"link leads to a local or private address ({address}); pass --fetch-private to allow"
    return None


class _Watch:
    """One request's overall deadline and the socket it is reading from.

    When the deadline passes the watchdog shuts the socket down: that wakes a read
    blocked in the fetching thread (at once, with end-of-file), whatever the server is
    sending. Shutting down, not closing: closing a socket another thread is using could
    hand its file descriptor to some other connection. The fetching thread closes it.
    """

    __slots__ = ("deadline", "fired", "done", "_sock", "_lock")

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.fired = False
        self.done = False
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()

    def attach(self, sock: socket.socket | None) -> None:
        """Watch `sock` from now on (a request's connection, new or from the pool)."""
        with self._lock:
            if self.done or sock is None:
                return
            self._sock = sock
            if self.fired:
                _shut(sock)

    def fire(self) -> None:
        with self._lock:
            if self.done:
                return
            self.fired = True
            if self._sock is not None:
                _shut(self._sock)

    def finish(self) -> bool:
        """Stop watching (the request is over); whether the deadline had fired by then."""
        with self._lock:
            self.done = True
            self._sock = None
            return self.fired


def _shut(sock: socket.socket) -> None:
    try:  # the plain socket's shutdown, also for a TLS socket: its TLS state stays with its thread
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:  # closed already or never connected: nothing to wake
        pass


class _Watchdog:
    """One daemon thread for every fetch in the process: a heap of deadlines, each fired
    when it passes (finished requests are skipped), so many concurrent fetches cost one
    thread, not one timer each."""

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._heap: list[tuple[float, int, _Watch]] = []
        self._wake = threading.Condition()
        self._order = itertools.count()
        self._thread: threading.Thread | None = None

    def watch(self, seconds: float) -> _Watch:
        watch = _Watch(time.monotonic() + seconds)
        with self._wake:
            heapq.heappush(self._heap, (watch.deadline, next(self._order), watch))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="brief-fetch-watchdog", daemon=True)
                self._thread.start()
            self._wake.notify()
        return watch

    def finished(self) -> None:
        """A request is over: the thread looks again, and ends when nothing is in flight."""
        with self._wake:
            self._wake.notify()

    def _run(self) -> None:
        """Fire deadlines as they pass; end when no request is in flight, so a build that
        fetched starts its worker pool and PDF helper with no other thread alive (they
        fork only from a single-threaded process)."""
        with self._wake:
            while True:
                self._heap = [item for item in self._heap if not item[2].done]
                heapq.heapify(self._heap)
                if not self._heap:
                    self._thread = None
                    return
                left = self._heap[0][0] - time.monotonic()
                if left > 0:
                    self._wake.wait(left)
                    continue
                heapq.heappop(self._heap)[2].fire()


_WATCHDOG = _Watchdog()
if hasattr(os, "register_at_fork"):  # a forked worker has no watchdog thread and maybe a held lock
    os.register_at_fork(after_in_child=_WATCHDOG._reset)
_current = threading.local()  # the `_Watch` of the request this thread is making


def _attach(sock: socket.socket | None) -> None:
    watch = getattr(_current, "watch", None)
    if watch is not None:
        watch.attach(sock)


@lru_cache(maxsize=1)
def _watched_pools() -> dict[str, type]:
    """urllib3's connection pools, with connections that hand each socket they connect
    (and each pooled socket they reuse) to the current request's watch."""
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    class Watched:
        def connect(self) -> None:  # (the TLS handshake inside has only the read timeout)
            super().connect()  # type: ignore[misc]
            _attach(self.sock)  # type: ignore[attr-defined] - a new connection's socket

        def request(self, *args: object, **kwargs: object) -> None:
            _attach(self.sock)  # type: ignore[attr-defined] - a reused connection's socket
            super().request(*args, **kwargs)  # type: ignore[misc]

    http = type("WatchedHTTPConnection", (Watched, HTTPConnection), {})
    https = type("WatchedHTTPSConnection", (Watched, HTTPSConnection), {})
    return {
        "http": type("WatchedHTTPConnectionPool", (HTTPConnectionPool,), {"ConnectionCls": http}),
        "https": type("WatchedHTTPSConnectionPool", (HTTPSConnectionPool,), {"ConnectionCls": https}),
    }


class Fetcher:
    """A small HTTP client with the limits above; safe to share between threads."""

    def __init__(self, options: FetchOptions = FetchOptions()) -> None:
        import urllib3

        self.options = options
        self._urllib3 = urllib3
        self._pool = urllib3.PoolManager(
            num_pools=16,
            maxsize=max(1, options.workers),
            retries=False,
            timeout=urllib3.Timeout(connect=min(10.0, options.timeout), read=options.timeout),
            headers={"User-Agent": options.user_agent, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"},
        )
        self._pool.pool_classes_by_scheme = _watched_pools()

    def get(self, url: str, *, trusted: bool = True, same_host: str | None = None) -> Fetched:
        """GET `url` within the limits; raise `InputError(url, problem)` on any failure.

        `trusted` is True for URLs the user named; links found inside content pass False,
        and then only public addresses (or `same_host`, the host of the feed that named
        them) may be fetched. The whole request, redirects included, ends by the overall
        deadline (twice the timeout), whatever the server does.
        """
        limit = self.options.timeout * 2
        watch = _WATCHDOG.watch(limit)
        _current.watch = watch
        try:
            result = self._follow(url, trusted, same_host, watch)
        except InputError:
            if not watch.finish():
                raise
            result = None
        finally:
            fired = watch.finish()
            _current.watch = None
            _WATCHDOG.finished()
        if fired:  # what was read after the socket was shut down proves nothing
            raise InputError(url, f"timed out after {limit:.0f} s (the overall deadline)")
        return result  # type: ignore[return-value] - not None unless the watch fired

    def _follow(self, url: str, trusted: bool, same_host: str | None, watch: _Watch) -> Fetched:
        """`get` within the watch: each hop of the redirect chain, then the body."""
        current = url.strip()
        deadline = watch.deadline
        for _hop in range(self.options.max_redirects + 1):
            parts = urlsplit(current)
            if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
                where = "redirected to" if current != url.strip() else "not an http(s) URL:"
                raise InputError(url, f"{where} {current[:80]!r}; only http and https are fetched")
            if not trusted and not self.options.allow_private and parts.hostname != same_host:
                problem = _refuses_private(parts.hostname, parts.port)
                if problem:
                    raise InputError(url, problem)
            response = self._request(url, current)
            complete = False
            try:
                if response.status in (301, 302, 303, 307, 308):
                    location = response.headers.get("Location")
                    if not location:
                        raise InputError(url, f"HTTP {response.status} redirect without a Location")
                    current = urljoin(current, location)
                    continue
                if response.status >= 400:
                    reason = response.reason or "error"
                    raise InputError(url, f"HTTP {response.status} {reason}")
                data = self._read_capped(url, response, deadline)
                complete = True
            finally:
                # A body left unread must not go back to the pool: the next request on
                # that connection would read its leftovers.
                if complete and not watch.fired:
                    response.release_conn()
                else:
                    response.close()
            content_type = response.headers.get("Content-Type", "")
            mime, _, params = content_type.partition(";")
            charset = None
            for param in params.split(";"):
                key, _, value = param.partition("=")
                if key.strip().lower() == "charset":
                    charset = value.strip().strip('"') or None
            return Fetched(url=current, data=data, content_type=mime.strip().lower(), charset=charset)
        raise InputError(url, f"too many redirects (more than {self.options.max_redirects})")

    def _request(self, url: str, current: str):  # noqa: ANN202 - urllib3 response
        exceptions = self._urllib3.exceptions
        try:
            return self._pool.request("GET", current, redirect=False, preload_content=False)
        except exceptions.MaxRetryError as exc:
            raise InputError(url, _describe(exc.reason)) from None
        except (exceptions.HTTPError, OSError, ValueError) as exc:
            raise InputError(url, _describe(exc)) from None

    def _read_capped(self, url: str, response, deadline: float) -> bytes:  # noqa: ANN001
        limit = self.options.max_bytes
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise InputError(url, f"response too large ({int(declared):,} bytes; the limit is {limit:,})")
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.stream(64 * 1024, decode_content=True):
                size += len(chunk)
                if size > limit:
                    raise InputError(url, f"response too large (over {limit:,} bytes)")
                if time.monotonic() > deadline:
                    raise InputError(url, f"timed out after {self.options.timeout * 2:.0f} s reading the response")
                chunks.append(chunk)
        except self._urllib3.exceptions.HTTPError as exc:
            raise InputError(url, _describe(exc)) from None
        return b"".join(chunks)

    def get_many(
        self, urls: Iterable[str], *, trusted: bool = False, same_host: dict[str, str | None] | None = None
    ) -> dict[str, Fetched | InputError]:
        """Fetch several URLs with at most `workers` in flight; failures come back as values."""
        unique = list(dict.fromkeys(urls))
        hosts = same_host or {}

        def one(url: str) -> Fetched | InputError:
            try:
                return self.get(url, trusted=trusted, same_host=hosts.get(url))
            except InputError as exc:
                return exc

        if len(unique) <= 1:
            return {url: one(url) for url in unique}
        with ThreadPoolExecutor(max_workers=max(1, self.options.workers)) as pool:
            return dict(zip(unique, pool.map(one, unique)))

    def close(self) -> None:
        self._pool.clear()


def _describe(exc: BaseException | None) -> str:
    """A one-line reason for a network failure, without urllib3's nested repr noise."""
    name = type(exc).__name__ if exc else "error"
    text = str(exc) if exc else ""
    lowered = f"{name} {text}".lower()
    if "timeout" in lowered or "timed out" in lowered:
        return "timed out"
    if "refused" in lowered:
        return "connection refused"
    if "name or service not known" in lowered or "nodename nor servname" in lowered or "resolution" in lowered:
        return "host name could not be resolved"
    if "ssl" in lowered or "certificate" in lowered:
        return f"TLS error ({text.split(':')[-1].strip() or name})"
    return f"network error ({name})"
