"""JSON and JSON Lines exports: one object, a list, {"articles": [...]}, or one object per
line; a bad record is reported and the rest kept."""

from __future__ import annotations

import json
import re
import unicodedata

from ..errors import InputError
from ..model import RawArticle
from . import naming
from .base import CONTROL, FIELDS, Pending, ReadContext, Source
from .decode import decode

def read_json(src: Source, article_id: str, ctx: ReadContext) -> list[RawArticle | Pending]:
    """JSON object, list of objects, {"articles": [...]}, or JSON Lines; bad records warn."""
    name = src.name
    records: list[tuple[str, object]] = []
    problems: list[str] = []
    data = src.data
    if src.kind == "jsonl" and b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # one record with a NUL byte is a bad record, not a binary file (unless every line has one: UTF-16)
        lines = data.split(b"\n")
        nul = [n for n, line in enumerate(lines, 1) if b"\x00" in line]
        if len(nul) < len([line for line in lines if line.strip()]):
            problems += [f"{name}:{n}: binary data (a NUL byte) in the line; record skipped" for n in nul]
            data = b"\n".join(b"" if b"\x00" in line else line for line in lines)
    text = decode(data, src.name, ctx.warnings)
    if src.kind == "jsonl":
        for n, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                records.append((f"line {n}", json.loads(line)))
            except (ValueError, RecursionError) as exc:
                problems.append(f"{name}:{n}: malformed JSON line ({_json_problem(exc)})")
    else:
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise InputError(name, f"malformed JSON ({_json_problem(exc)})") from None
        if isinstance(data, dict) and isinstance(data.get("articles"), list):
            data = data["articles"]
        items = data if isinstance(data, list) else [data]
        records = [(f"item {n}", item) for n, item in enumerate(items, 1)]
    out: list[RawArticle | Pending] = []
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


def _json_problem(exc: Exception) -> str:
    """What is wrong with a JSON text, in a few words."""
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg.removesuffix(' at')} at line {exc.lineno}"
    if "digits" in str(exc):
        return "a number too long to read"
    return str(exc).split("\n", 1)[0][:80]


def _article_from_record(obj: object, where: str, article_id: str, name: str) -> RawArticle:
    if not isinstance(obj, dict):
        raise InputError(where, "expected a JSON object with a 'text' field")

    def field_(key: str) -> str | None:
        for alias in FIELDS[key]:
            value = obj.get(alias)
            if isinstance(value, dict) and key == "source":
                value = value.get("name") or value.get("title")
            if isinstance(value, (int, float)) and key == "published" and not isinstance(value, bool):
                from datetime import datetime, timezone

                try:
                    return datetime.fromtimestamp(value, timezone.utc).isoformat()
                except (OverflowError, OSError, ValueError):
                    return str(value)
            if isinstance(value, str) and value.strip():
                return value if key == "text" else " ".join(value.split())
        return None

    text = field_("text")
    if text is None:
        raise InputError(where, "missing or empty 'text' field")
    text = CONTROL.sub("", unicodedata.normalize("NFC", text.replace("\r\n", "\n")))
    if "<" in text and re.search(r"</?(p|div|br|span|a)\b", text, re.I):
        from .webpage import fragment_text

        text = fragment_text(text)
    if not text.strip():
        raise InputError(where, "'text' holds no readable characters")
    published = field_("published")
    url = field_("url")
    outlet = naming.user_outlet(field_("source"), naming.host_of(url))
    return RawArticle(
        id=article_id,
        text=text,
        title=naming.choose_title([field_("title")], outlets=[outlet] if outlet else [])
        or naming.headline_from_text(text),
        source=outlet,
        url=url,
        published=published,
        path=name,
        date_source="json" if published else None,
    )
