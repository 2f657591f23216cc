"""Explain a briefing: why each sentence was picked, read back from its JSON.

The JSON that `brief build --format json` writes records, for every picked sentence, the
theme keywords it names (`matched`), its words that co-occur with the theme in the day's
pile (`related`) and the parts its score was made of (`parts`). This module turns that
record into plain text lines an analyst can read in a terminal, so a surprising pick can
be traced to the numbers that chose it without re-running the selector.

It reads only the JSON, so it also works on briefings made elsewhere or by an older
`brief` (missing `key_points`, `related` or `parts` are reported, not fatal). Everything
taken from the JSON is untrusted article text: control characters are replaced before a
line is returned, so a sentence cannot move the cursor or send escape sequences.
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .errors import InputError

__all__ = ["explain_lines", "explain_text", "load_briefing"]

ELLIPSIS = "…"
OLDER = "no score parts recorded (briefing made by an older brief)"
_INDENT = " " * 5  # under the text of "  1. "

# What each part means, for the legend under the sections.
_GLOSS = {
    "keywords": "theme keywords the sentence names (less for a passing mention)",
    "context": "its words that co-occur with the theme today (times the context weight)",
    "article": "1 when its article is about the theme (times the article weight)",
    "density": "content words it holds, capped (fuller sentences say more)",
    "centrality": "how much it resembles the day's sentences on the theme, 0-1, less where its article only mentions the theme (times the centrality weight)",
    "typical": "similarity to the whole day's news",
    "lead": "how early in its article it comes (themes: less where its article only mentions the theme)",
    "corroboration": "how many other articles tell the same",
    "themes": "how much the themes care about it: its best theme keyword score, up to 1 (Key points)",
    "standalone": "below 1 when it reads badly alone (short, a question, open quote)",
    "redundancy": "similarity to an earlier pick; subtracted when choosing, not in the score",
    "joined previous": "sentences before it that it leans on, joined to it",
    "joined attribution": "the attribution after the quote (\"he said.\", or the sentence that names the speaker), joined",
    "continued": "sentences after it that go on with its quotation (or lean on it), joined",
    "own voice": "1 when it speaks in its article's own first-person voice (an essay, letter or statement)",
}
_SUMY_GLOSS = "rating by this sumy summarizer, scaled to 0-1 by rank (--algorithm)"
_THEME_ADD = ("keywords", "context", "article", "density")
_THEME_MUL = ("lead", "corroboration", "standalone")
_KEY_MUL = ("standalone",)
_EXTRAS = ("redundancy", "joined previous", "joined attribution", "continued", "own voice")


def load_briefing(path: str | Path) -> dict[str, Any]:
    """The briefing JSON at `path` as a dict; an `InputError` naming the file when it is
    missing, unreadable, not JSON, or not a briefing (no "themes" list)."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory, not a briefing JSON file") from None
    except UnicodeDecodeError:
        raise InputError(name, "not JSON (not UTF-8 text)") from None
    except OSError as exc:
        raise InputError(name, f"cannot read ({exc.strerror or exc})") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(name, f"not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    except (ValueError, RecursionError) as exc:  # e.g. nested too deeply, absurd numbers
        raise InputError(name, f"not JSON ({_one_line(str(exc)) or type(exc).__name__})") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("themes"), list):
        raise InputError(name, 'not a briefing (no "themes" list); make one with `brief build --format json`')
    return doc


def explain_text(doc: Mapping[str, Any], width: int = 100) -> str:
    """`explain_lines` joined into one text with a trailing newline."""
    return "\n".join(explain_lines(doc, width)) + "\n"


def explain_lines(doc: Mapping[str, Any], width: int = 100) -> list[str]:
    """Plain text lines explaining every pick of a briefing dict: Key points first, then
    each theme; per pick its sentence (shortened to `width`), citation, matched and
    related words and the parts of its score."""
    from .select import SelectOptions  # lazy: numpy and the NLP stack are not needed to import this module
    from .sumyrank import SUMY_ALGORITHMS

    width = max(int(width), 30)
    defaults = SelectOptions()
    recorded = doc.get("selection") if isinstance(doc.get("selection"), Mapping) else {}

    def weight(name: str) -> float:
        value = recorded.get(name)
        return float(value) if _is_number(value) else float(getattr(defaults, name))

    weights = {
        "context": weight("context_weight"),
        "article": weight("article_weight"),
        "centrality": weight("centrality_weight"),
        "key lead": weight("key_lead_weight"),
        "key corroboration": weight("key_corroboration_weight"),
        "key themes": weight("key_theme_weight"),
    }
    sumy = frozenset(SUMY_ALGORITHMS)
    articles = {
        str(a.get("id")): a for a in _list(doc.get("articles")) if isinstance(a, Mapping) and a.get("id") is not None
    }
    seen_parts: dict[str, None] = {}

    title = safe_text(doc.get("title") or "Briefing")
    date = safe_text(doc.get("date") or "")
    out = [_shorten(f"{title}{', ' + date if date else ''}: why each sentence was picked", width)]

    sections: list[tuple[str, Any, list[Any], bool]] = []
    if "key_points" in doc:
        sections.append(("Key points", None, _list(doc.get("key_points")), True))
    for theme in _list(doc.get("themes")):
        if not isinstance(theme, Mapping):
            continue
        name = theme.get("title") or theme.get("id") or "Untitled theme"
        sections.append((str(name), theme.get("candidates"), _list(theme.get("summary")), False))

    for name, candidates, picks, is_key in sections:
        picks = [p for p in picks if isinstance(p, Mapping)]
        out.append("")
        count = f"{len(picks)} picked"
        if _is_number(candidates) and math.isfinite(candidates):
            count += f" of {int(candidates)} candidate{'' if candidates == 1 else 's'}"
        out.append(_shorten(f"{safe_text(name)} — {count}", width))
        if not picks:
            out.append(f"{_INDENT}(nothing picked)")
        for number, pick in enumerate(picks, 1):
            out.extend(_explain_pick(number, pick, is_key, articles, weights, sumy, width, seen_parts))

    if seen_parts:
        out.extend(_legend(seen_parts, sumy, width))
    return out


def safe_text(value: object) -> str:
    """`value` as one line of safe text: every control, format or other category-C
    character becomes a space, and runs of whitespace become one space."""
    text = value if isinstance(value, str) else str(value)
    text = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in text)
    return " ".join(text.split())


# ---------------------------------------------------------------- one pick


def _explain_pick(
    number: int,
    pick: Mapping[str, Any],
    is_key: bool,
    articles: Mapping[str, Mapping[str, Any]],
    weights: Mapping[str, float],
    sumy: frozenset[str],
    width: int,
    seen_parts: dict[str, None],
) -> list[str]:
    head = f"{number:>3}. "
    lines = [head + _shorten(safe_text(pick.get("text") or ""), width - len(head))]

    lines.append(_INDENT + _shorten(_citation(pick, articles), width - len(_INDENT)))

    matched = [safe_text(m) for m in _list(pick.get("matched"))]
    if matched:
        lines.extend(_pack([f"{m}," for m in matched[:-1]] + [matched[-1]], _INDENT + "matched: ", width))
    else:
        lines.append(_INDENT + ("matched: — (generic key point)" if is_key else "matched: —"))
    related = [safe_text(r) for r in _list(pick.get("related"))]
    if related:
        lines.extend(_pack([f"{r}," for r in related[:-1]] + [related[-1]], _INDENT + "related: ", width))

    score = pick.get("score")
    lead = f"score {_num(score)} = " if _is_number(score) else "score: "
    parts = pick.get("parts")
    if not isinstance(parts, Mapping) or not parts:
        lines.extend(_pack(f"{lead.rstrip(' =:')} — {OLDER}".split(" "), _INDENT, width))
        return lines
    parts = {safe_text(k): v for k, v in parts.items()}
    seen_parts.update(dict.fromkeys(parts))
    pieces = _score_pieces(parts, is_key, weights, sumy)
    again = _recomputed(parts, is_key, weights, sumy)
    if again is not None and _is_number(score) and abs(again - score) > 0.02 + 0.01 * abs(score):
        # An older JSON without "selection": these parts under today's defaults give another score.
        pieces += f"(today's default weights give {again:.2f}: built with other weights)".split(" ")
    lines.extend(_pack(pieces, _INDENT + lead, width))
    return lines


def _recomputed(
    parts: Mapping[str, Any], is_key: bool, weights: Mapping[str, float], sumy: frozenset[str]
) -> float | None:
    """The score these parts give under the default weights, as the selector computes it;
    None when a part it needs is missing."""
    def get(name: str) -> float | None:
        value = parts.get(name)
        return float(value) if _is_number(value) else None

    if is_key:
        need = [get(n) for n in ("typical", "lead", "corroboration", "standalone")]
        if None in need:
            return None
        typical, lead, told, stand = need
        themes = get("themes") or 0.0  # only where the themes name it (and not in older briefings)
        return (typical + weights["key lead"] * lead + weights["key corroboration"] * told
                + weights["key themes"] * themes) * stand
    need = [get(n) for n in (*_THEME_ADD, *_THEME_MUL)]
    if None in need:
        return None
    kw, ctx, art, density, lead, told, stand = need
    central = sum(float(v) for n, v in parts.items() if n in sumy and _is_number(v))
    central += weights["centrality"] * (get("centrality") or 0.0)  # not in older briefings
    return (kw + weights["context"] * ctx + weights["article"] * art + density + central) * lead * told * stand


def _citation(pick: Mapping[str, Any], articles: Mapping[str, Mapping[str, Any]]) -> str:
    """Outlet · article title (the article id when untitled), as the rendered briefing cites."""
    article_id = pick.get("article")
    article = articles.get(str(article_id)) if article_id is not None else None
    if article is None:
        label = safe_text(article_id) if article_id is not None else "unknown article"
    else:
        label = " · ".join(
            safe_text(x) for x in (article.get("source"), article.get("title") or article.get("id")) if x and safe_text(x)
        )
    others = len(_list(pick.get("also_in")))
    if others:
        label += f" — also in {others} other article{'' if others == 1 else 's'}"
    return label


def _score_pieces(
    parts: Mapping[str, Any], is_key: bool, weights: Mapping[str, float], sumy: frozenset[str]
) -> list[str]:
    """The score as a formula, one unbreakable piece per term, in a fixed order:
    the sum, then the factors, then what was not in the score (redundancy, joins, unknown)."""
    used: set[str] = set()

    def term(name: str, weight: float | None = None) -> str | None:
        if name not in parts:
            return None
        used.add(name)
        value = parts[name]
        if weight is not None and _is_number(value):
            return f"{name} {weight:g}×{_num(value)}"
        return f"{name} {_num(value)}"

    if is_key:
        add = [term("typical"), term("lead", weights["key lead"]), term("corroboration", weights["key corroboration"]),
               term("themes", weights["key themes"])]
        mul = [term(n) for n in _KEY_MUL]
    else:
        add = [term("keywords"), term("context", weights["context"]), term("article", weights["article"]), term("density"),
               term("centrality", weights["centrality"])]
        add += [term(n) for n in parts if n in sumy]
        mul = [term(n) for n in _THEME_MUL]
    extras = []
    if "redundancy" in parts:
        used.add("redundancy")
        extras.append(f"redundancy {_num(parts['redundancy'])}")
    if "joined previous" in parts:
        used.add("joined previous")
        extras.append(f"joined previous {_count(parts['joined previous'])} (the sentence before is included)")
    if "joined attribution" in parts:
        used.add("joined attribution")
        extras.append("joined attribution (the attribution after it is included)")
    if "continued" in parts:
        used.add("continued")
        extras.append(f"continued {_count(parts['continued'])} (the rest of its quotation is included)")
    if "own voice" in parts:
        used.add("own voice")
        extras.append("own voice (the article speaks in the first person)")
    extras += [f"{name} {_num(value)}" for name, value in parts.items() if name not in used]

    groups = [[t for t in add if t], [t for t in mul if t], extras]
    ops = ["+", "×", ";"]
    pieces: list[str] = []
    for g, (terms, op) in enumerate(zip(groups, ops)):
        for i, t in enumerate(terms):
            if op == "×" and (i > 0 or pieces):
                t = f"× {t}"
            elif op == "+" and i > 0:
                t = f"+ {t}"
            elif op == ";" and i < len(terms) - 1:
                t = f"{t};"
            pieces.append(t)
        if terms and any(groups[g + 1 :]):
            nxt = next(k for k in range(g + 1, 3) if groups[k])
            pieces[-1] += ";" if nxt == 2 else ","
    return pieces


def _legend(seen: Mapping[str, None], sumy: frozenset[str], width: int) -> list[str]:
    lines = [
        "",
        "Score parts. Themes: (keywords + context + article + density + centrality [or sumy]) × lead × corroboration"
        " × standalone. Key points: (typical + lead + corroboration + themes) × standalone.",
    ]
    lines = [lines[0], *_pack(lines[1].split(" "), "", width)]
    known = [n for n in (*_THEME_ADD, "typical", *_THEME_MUL, *_EXTRAS) if n in seen]
    known += [n for n in seen if n in sumy]
    pad = max((len(n) for n in known), default=0)
    for name in known:
        gloss = _GLOSS.get(name, _SUMY_GLOSS)
        lines.extend(_pack(gloss.split(" "), f"  {name:<{pad}}  ", width))
    return lines


# ---------------------------------------------------------------- helpers


def _list(value: object) -> list[Any]:
    return list(value) if isinstance(value, Sequence) and not isinstance(value, (str, bytes)) else []


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _num(value: object) -> str:
    return f"{value:.2f}" if _is_number(value) else safe_text(value)


def _count(value: object) -> str:
    return f"{value:g}" if _is_number(value) else safe_text(value)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _shorten(text: str, room: int) -> str:
    """`text` cut to `room` characters, at a word if one ends late enough, with "…"."""
    room = max(room, 10)
    if len(text) <= room:
        return text
    cut = text[: room - 1]
    space = cut.rfind(" ")
    if space > room * 2 // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + ELLIPSIS


def _pack(pieces: Sequence[str], first: str, width: int) -> list[str]:
    """Pieces joined by spaces into lines of at most `width` (a piece is never split unless
    it alone is too long), the first line after `first`, the rest under it."""
    indent = " " * len(first) if first.strip() else first
    if len(indent) > width // 2:
        indent = _INDENT
    lines: list[str] = []
    line = first
    for piece in pieces:
        if not piece:
            continue
        fresh = line == first or line == indent
        candidate = line + piece if fresh else f"{line} {piece}"
        if len(candidate) <= width or fresh:
            line = candidate
        else:
            lines.append(line)
            line = indent + piece
    lines.append(line)
    return [ln if len(ln) <= width else _shorten(ln, width) for ln in lines]
