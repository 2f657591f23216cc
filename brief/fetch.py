"""Fetch: get pages and feeds over HTTP(S) with hard limits, for ingest.

Anything fetched is hostile: only http and https, a connect/read timeout and an overall
deadline per request, a size cap enforced while streaming (so a gzip bomb or endless
body is cut off), a bounded number of redirects each re-checked, a clear user agent, and
a bounded thread pool. Links found inside feeds are less trusted than the URLs a user
names: they may not lead to loopback, private or link-local addresses (unless allowed or
on the feed's own host), so a hostile feed cannot make `brief` read an intranet page into
a briefing. Every failure is an `InputError` naming the URL; nothing here exits.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
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

    def get(self, url: str, *, trusted: bool = True, same_host: str | None = None) -> Fetched:
        """GET `url` within the limits; raise `InputError(url, problem)` on any failure.

        `trusted` is True for URLs the user named; links found inside content pass False,
        and then only public addresses (or `same_host`, the host of the feed that named
        them) may be fetched.
        """
        current = url.strip()
        deadline = time.monotonic() + self.options.timeout * 2
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
                if complete:
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
