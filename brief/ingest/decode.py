"""Bytes to text: UTF-8 or UTF-16 first, then Windows-1252, then charset detection; binary
files refused."""

from __future__ import annotations

import logging
import re
import unicodedata

from ..errors import InputError
from .base import CONTROL

log = logging.getLogger("brief.ingest")

def decode(data: bytes, name: str, warnings: list[str] | None = None) -> str:
    """Bytes to text: UTF-8 (or UTF-16, with or without a BOM), then cp1252, then charset
    detection. A file cut short inside its last character loses that character, with a
    warning, instead of being misread as another encoding."""
    if not data.strip():
        raise InputError(name, "empty file")
    cut = False
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        if len(data) % 2:
            data, cut = data[:-1], True
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data[:8192]:
        text = _utf16_without_bom(data) or ""
        if not text:
            raise InputError(name, "binary file, not text")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            if exc.reason == "unexpected end of data" and exc.end == len(data) and len(data) - exc.start < 4:
                text, cut = data[: exc.start].decode("utf-8-sig", errors="replace"), True
            else:
                text = _mostly_utf8(data, name, warnings) or _western(data) or _detected(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _looks_binary(text):
        raise InputError(name, "binary file, not text")
    text = CONTROL.sub("", unicodedata.normalize("NFC", text))
    if not text.strip():
        raise InputError(name, "empty file")
    if cut and warnings is not None:
        warnings.append(f"{name}: ends in the middle of a character (cut short?); the partial character was dropped")
    return text


def _mostly_utf8(data: bytes, name: str, warnings: list[str] | None) -> str | None:
    """UTF-8 text with a few broken byte sequences (a bad copy, a truncated download spliced
    in): read as UTF-8, each broken sequence a U+FFFD, with a warning. A legacy encoding
    (cp1252, cp1251) has no valid multi-byte UTF-8 sequences at all, so it is not taken for
    this; a text whose bad sequences are more than a twentieth of its good ones is not either."""
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for ch in text if ord(ch) > 127) - bad - data.count("\ufffd".encode())
    if good < 3 or bad > max(2, good // 20):
        return None
    if warnings is not None:
        warnings.append(f"{name}: {bad} invalid UTF-8 byte sequence(s) replaced by U+FFFD (the rest is valid UTF-8)")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark: NULs in every other byte give it away."""
    sample = data[:4096]
    pairs = max(1, len(sample) // 2)
    even = sum(1 for i in range(0, len(sample) - 1, 2) if sample[i] == 0)
    odd = sum(1 for i in range(1, len(sample), 2) if sample[i] == 0)
    if odd >= 0.3 * pairs and even <= 0.02 * pairs:
        encoding = "utf-16-le"
    elif even >= 0.3 * pairs and odd <= 0.02 * pairs:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data[: len(data) // 2 * 2].decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if _looks_binary(text) else text


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


# letters, digits, "_", spaces and printable ASCII ("<p>", "$5", "a+b") are never binary
_NOT_WORD = re.compile(r"[^\w \x21-\x7e]")


def _looks_binary(text: str) -> bool:
    """Text whose characters are more than a tenth controls or symbols (not letters, digits,
    punctuation or spaces). Only the characters a regex finds outside letters, digits and
    spaces are looked up, a few percent of ordinary text."""
    sample = text[:4096]
    odd = sum(1 for ch in _NOT_WORD.findall(sample) if unicodedata.category(ch)[0] in "CS" and ch not in "\n\t")
    return odd > 0.1 * len(sample)
