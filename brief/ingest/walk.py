"""The inputs a user names: URLs as given, files as given, folders walked; each read into
memory once (URLs fetched together, with limits) as a `Source`."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import InputError, printable
from ..fetch import Fetcher, is_http_url
from .base import ReadContext, Source
from .kinds import SUFFIX_KINDS, kind_of_response, sniff_kind

log = logging.getLogger("brief.ingest")

def _read_bytes(path: Path, name: str, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(name, f"file too large ({size:,} bytes; the limit is {max_bytes:,})")
        with path.open("rb") as handle:
            # read what stat promised, not max_bytes at once: a read of n bytes sets aside n
            # bytes first, and 20 MB for each of 10,000 small files costs more than the reading
            data = handle.read(min(size, max_bytes) + 1)
            if len(data) == size + 1 and size < max_bytes:  # the file grew while we read it
                data += handle.read(max_bytes - size)
        if len(data) > max_bytes:
            raise InputError(name, f"file too large (over {max_bytes:,} bytes)")
        return data
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except OSError as exc:
        raise InputError(name, f"cannot read ({exc.strerror or exc})") from None


def expand(paths: Sequence[str], warnings: list[str]) -> Iterator[tuple[Path | None, str]]:
    """URLs as given; named files as given; folders walked in sorted order for files of a
    known kind (hidden files and folders skipped)."""
    for given in paths:
        if re.match(r"(?i)^[a-z][a-z0-9+.-]*://", given):
            if is_http_url(given):
                yield None, given
            else:
                warnings.append(f"{given}: not an http(s) URL; only http and https are fetched")
            continue
        path = Path(given)
        if path.is_dir():
            found = False
            for child in _walk(path):
                found = True
                yield child, str(child)
            if not found:
                kinds = ", ".join(sorted(SUFFIX_KINDS))
                warnings.append(f"{given}: folder holds no article files ({kinds})")
        elif path.is_file():
            yield path, given
        elif path.exists():
            warnings.append(f"{given}: not a regular file (a pipe, socket or device); only files and folders are read")
        else:
            warnings.append(f"{given}: no such file or folder")


def _walk(folder: Path) -> list[Path]:
    """The article files under `folder`, sorted by path. Hidden files and folders, files of
    an unknown kind and anything that is not a regular file are skipped, each named with
    the reason at INFO level (`-v`); a hidden folder is named once, not walked."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        for name in sorted(d for d in dirs if d.startswith(".")):
            log.info("%s: skipped (hidden folder)", printable(str(here / name)))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            child = here / name
            if name.startswith("."):
                why = "hidden file"
            elif child.suffix.lower() not in SUFFIX_KINDS:
                why = f"not an article file ({child.suffix or 'no suffix'}; read: {', '.join(sorted(SUFFIX_KINDS))})"
            elif not child.is_file():
                why = "not a regular file"
            else:
                found.append(child)
                continue
            log.info("%s: skipped (%s)", printable(str(child)), why)
    return sorted(found)


def unique_id(stem: str, taken: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-")[:60] or "article"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _url_stem(url: str) -> str:
    parts = urlsplit(url)
    segment = next((s for s in reversed(parts.path.split("/")) if s), "")
    segment = re.sub(r"\.(html?|php|aspx?|xml|rss|atom|rdf)$", "", segment, flags=re.I)
    return segment or (parts.hostname or "page")


def sources(
    items: Sequence[tuple[Path | None, str]], ctx: ReadContext, fetcher: Callable[[], Fetcher]
) -> Iterator[Source | InputError]:
    """Each input (from `expand`) read into memory, one at a time (URLs fetched together
    first, with bounded concurrency)."""
    urls = [name for path, name in items if path is None]
    fetched = fetcher().get_many(urls, trusted=True) if urls else {}
    for path, name in items:
        if path is None:
            result = fetched[name]
            if isinstance(result, InputError):
                yield result
                continue
            try:
                kind = kind_of_response(result.data, result.content_type, name)
            except InputError as exc:
                yield exc
                continue
            yield Source(name, result.data, kind, _url_stem(result.url), url=result.url, host=urlsplit(result.url).hostname)
            continue
        try:
            data = _read_bytes(path, name, ctx.max_bytes)
        except InputError as exc:
            yield exc
            continue
        kind = SUFFIX_KINDS.get(path.suffix.lower()) or sniff_kind(data)
        yield Source(name, data, kind, path.stem)
