"""Ingest: turn the paths a user names into `RawArticle`s.

Each input format is one reader function registered in `READERS` by file suffix, so
HTML pages and feeds can slot in later without touching the rest of the pipeline.
A bad input raises `InputError` inside its reader; `read_inputs` turns that into a
one-line warning and goes on with the other inputs.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .errors import InputError
from .model import RawArticle

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
_CLOSING = tuple(".!?…:;\"'”’»)]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")



@dataclass
class ReadContext:
    """What every reader needs besides its file: the size cap and a place for warnings."""

    max_bytes: int = DEFAULT_MAX_BYTES
    warnings: list[str] = field(default_factory=list)


Reader = Callable[[Path, str, str, ReadContext], list[RawArticle]]


def decode(data: bytes, name: str) -> str:
    """Bytes to text: UTF-8 (or UTF-16 with a BOM), then cp1252, then charset detection."""
    if not data.strip():
        raise InputError(name, "empty file")
    has_bom16 = data[:2] in (b"\xff\xfe", b"\xfe\xff")
    if b"\x00" in data[:8192] and not has_bom16:
        raise InputError(name, "binary file, not text")
    try:
        text = data.decode("utf-16" if has_bom16 else "utf-8-sig")
    except UnicodeDecodeError:
        text = _western(data) or _detected(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", unicodedata.normalize("NFC", text))
    if not text.strip():
        raise InputError(name, "empty file")
    if _looks_binary(text):
        raise InputError(name, "binary file, not text")
    return text


_WESTERN_MARKS = set("“”‘’–—…€•«»°£\u00a0")


def _western(data: bytes) -> str | None:
    """Windows-1252/Latin-1 text, if the bytes read as plausible Western European text.

    Detectors guess badly on short texts ("Café" came back as Baltic cp775), and most
    non-UTF-8 news text is cp1252, so it is tried first and accepted only when every
    non-ASCII character is a Latin-1 letter or common typography and such letters are rare.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [c for c in text if c.isalpha()]
    accented = [c for c in letters if ord(c) > 127]
    odd = [c for c in text if ord(c) > 127 and c not in _WESTERN_MARKS and not ("\u00c0" <= c <= "\u00ff" and c.isalpha())]
    return text if not odd and len(accented) <= 0.2 * max(1, len(letters)) else None


def _detected(data: bytes, name: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(name, "unreadable text encoding (not UTF-8, and no other encoding fits)")
    log.info("%s: decoded as %s", name, best.encoding)
    return str(best)


def _looks_binary(text: str) -> bool:
    """Text whose characters are mostly not letters, digits, punctuation or spaces."""
    sample = text[:4096]
    odd = sum(1 for ch in sample if unicodedata.category(ch)[0] in "CS" and ch not in "\n\t")
    return odd > 0.1 * len(sample)


def is_headline(line: str) -> bool:
    """A first line that reads as a headline: short and without closing punctuation."""
    line = line.strip()
    return bool(line) and len(line.split()) <= 30 and not line.endswith(_CLOSING)


_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_MD_QUOTE = re.compile(r"^\s*>\s?")


def strip_markdown(text: str) -> str:
    """Markdown syntax off, words kept: links keep their text, headings their words."""
    out = []
    for line in text.split("\n"):
        line = _MD_QUOTE.sub("", line)
        line = _MD_HEADING.sub("", line)
        line = _MD_BULLET.sub("", line)
        line = _MD_IMAGE.sub(r"\1", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_EMPHASIS.sub(r"\2", line)
        out.append(line)
    return "\n".join(out)


def read_text_file(path: Path, name: str, article_id: str, ctx: ReadContext) -> list[RawArticle]:
    text = decode(_read_bytes(path, name, ctx.max_bytes), name)
    if path.suffix.lower() in {".md", ".markdown"}:
        text = strip_markdown(text)
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    title = None
    if first is not None and is_headline(lines[first]):
        title = " ".join(lines[first].split())
        lines = lines[first + 1 :]
    body = "\n".join(lines)
    if not body.strip():
        raise InputError(name, "no article text after the headline")
    return [RawArticle(id=article_id, text=body, title=title, path=name)]


def read_json_file(path: Path, name: str, article_id: str, ctx: ReadContext) -> list[RawArticle]:
    """JSON object, list of objects, {"articles": [...]}, or JSON Lines; bad records warn."""
    text = decode(_read_bytes(path, name, ctx.max_bytes), name)
    records: list[tuple[str, object]] = []
    problems: list[str] = []
    if path.suffix.lower() in {".jsonl", ".ndjson"}:
        for n, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                records.append((f"line {n}", json.loads(line)))
            except json.JSONDecodeError as exc:
                problems.append(f"{name}:{n}: malformed JSON line ({exc.msg})")
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(name, f"malformed JSON ({exc.msg} at line {exc.lineno})") from None
        if isinstance(data, dict) and isinstance(data.get("articles"), list):
            data = data["articles"]
        items = data if isinstance(data, list) else [data]
        records = [(f"item {n}", item) for n, item in enumerate(items, 1)]
    out = []
    for n, (where, obj) in enumerate(records, 1):
        try:
            out.append(_article_from_record(obj, f"{name} {where}", f"{article_id}-{n}", name))
        except InputError as exc:
            problems.append(str(exc))
    if not out:
        detail = f"; first problem: {problems[0].removeprefix(name).lstrip(': ')}" if problems else ""
        raise InputError(name, f"no usable articles in JSON ({len(problems)} bad record(s){detail})")
    ctx.warnings.extend(problems)
    return out



def _article_from_record(obj: object, where: str, article_id: str, name: str) -> RawArticle:
    if not isinstance(obj, dict):
        raise InputError(where, "expected a JSON object with a 'text' field")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, "missing or empty 'text' field")

    def field(key: str) -> str | None:
        value = obj.get(key)
        return " ".join(value.split()) if isinstance(value, str) and value.strip() else None

    text = _CONTROL.sub("", unicodedata.normalize("NFC", text.replace("\r\n", "\n")))
    return RawArticle(
        id=article_id,
        text=text,
        title=field("title"),
        source=field("source"),
        url=field("url"),
        published=field("published"),
        path=name,
    )


READERS: dict[str, Reader] = {
    **{suffix: read_text_file for suffix in TEXT_SUFFIXES},
    **{suffix: read_json_file for suffix in JSON_SUFFIXES},
}

def _read_bytes(path: Path, name: str, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(name, f"file too large ({size:,} bytes; the limit is {max_bytes:,})")
        return path.read_bytes()
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except OSError as exc:
        raise InputError(name, f"cannot read ({exc.strerror or exc})") from None


def _expand(paths: Sequence[str], warnings: list[str]) -> Iterator[tuple[Path, str]]:
    """Named files as given; folders walked in sorted order for files of a known kind."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = False
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if any(part.startswith(".") for part in rel) or not child.is_file():
                    continue
                if child.suffix.lower() in READERS:
                    found = True
                    yield child, str(child)
            if not found:
                warnings.append(f"{given}: folder holds no article files ({', '.join(sorted(READERS))})")
        elif path.exists():
            yield path, given
        else:
            warnings.append(f"{given}: no such file or folder")


def _unique_id(stem: str, taken: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-") or "article"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _safe_url(url: str | None, where: str, warnings: list[str]) -> str | None:
    if url is None:
        return None
    if re.match(r"(?i)^https?://[^\s/]+", url):
        return url
    warnings.append(f"{where}: ignoring url {url[:60]!r} (only http and https links are kept)")
    return None


def _safe_published(value: str | None, where: str, warnings: list[str]) -> str | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError:
        warnings.append(f"{where}: ignoring unreadable 'published' date {value[:40]!r}")
        return None


def read_inputs(
    paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[RawArticle], list[str]]:
    """Read every input; return the articles and one warning line per input problem."""
    ctx = ReadContext(max_bytes=max_bytes)
    warnings = ctx.warnings
    articles: list[RawArticle] = []
    taken: set[str] = set()
    for path, name in _expand(list(paths), warnings):
        reader = READERS.get(path.suffix.lower(), read_text_file)
        try:
            found = reader(path, name, _unique_id(path.stem, taken), ctx)
        except InputError as exc:
            warnings.append(str(exc))
            continue
        for raw in found:
            if raw.id not in taken:
                taken.add(raw.id)
            url = _safe_url(raw.url, raw.path or raw.id, warnings)
            published = _safe_published(raw.published, raw.path or raw.id, warnings)
            articles.append(
                RawArticle(raw.id, raw.text, raw.title, raw.source, url, published, raw.path)
            )
    return articles, warnings
