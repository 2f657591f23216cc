"""Paragraphs: rebuild them from lines. Scraped and exported text arrives hard-wrapped
(e-mail, wire copy, text exports) or one paragraph per line; a line that stops
mid-sentence continues on the next."""

from __future__ import annotations

import re

END = re.compile(r"[.!?…](?:[\"'”’»)\]]+)?$")
_CONTINUES = re.compile(r"[,;:—–\-(“‘«\"]$")

def norm(text: str) -> str:
    return " ".join(text.casefold().split())


FUNCTION_WORDS = frozenset(
    """a an the of in on at to for from by with and or but nor as than that which who whose
    whom is are was were be been has have had its their his her our your this these those""".split()
)


def _ends_mid_phrase(text: str) -> bool:
    """A line ending on "the", "of", "and"… stops mid-phrase: the next line continues it."""
    last = text.rsplit(None, 1)[-1].lower() if text.split() else ""
    return last in FUNCTION_WORDS


def _unclosed_quote(text: str) -> bool:
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


_DOTTED_END = re.compile(r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sen|Rep|Gov|St|No|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.)$")


def _hard_wrapped(lines: list[str]) -> int:
    """The wrap width if these lines were hard-wrapped (e-mail, wire copy, text exports), else 0.

    Wrapped text has lines of nearly the same length, well under a paragraph's, that often
    stop mid-sentence; one paragraph per line (the usual case) has long, ragged lines.
    """
    if len(lines) < 2:
        return 0
    width = max(len(line) for line in lines)
    if not 50 <= width <= 100:
        return 0
    body = lines[:-1]
    full = [line for line in body if len(line) >= 0.7 * width]
    open_ended = [line for line in full if not END.search(line)]
    return width if len(full) >= 0.6 * len(body) and open_ended else 0


def _join_lines(lines: list[str]) -> list[str]:
    """Rebuild paragraphs from lines: a line that stops mid-sentence continues on the next.

    In hard-wrapped text a full-width line always continues on the next one (whatever the
    next starts with: "the Ukrainian / Foreign Minister"); a short line ends a paragraph.
    """
    lines = [" ".join(line.split()) for line in lines]
    lines = [line for line in lines if line]
    width = _hard_wrapped(lines)
    out: list[str] = []
    for line in lines:
        if out:
            prev = out[-1]
            last_line_len = len(prev) - len(prev.rsplit("\n", 1)[0]) if "\n" in prev else len(prev)
            starts_lower = line[0].islower() or line[0] in "”’»),;:—–"
            # the classic reflow test: the next word would not have fitted on this line
            wrapped_on = width and last_line_len >= 0.7 * width and last_line_len + len(line.split()[0]) > width - 3
            if wrapped_on or (starts_lower and _DOTTED_END.search(prev)):
                out[-1] = f"{prev}\n{line}"
                continue
            if not END.search(prev) and (
                starts_lower or _CONTINUES.search(prev) or _unclosed_quote(prev) or _ends_mid_phrase(prev)
            ):
                out[-1] = f"{prev}\n{line}"
                continue
        out.append(line)
    return [" ".join(p.split()) for p in out]


def paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; within one, hard-wrapped lines are rejoined."""
    out: list[str] = []
    for chunk in re.split(r"\n\s*\n", text):
        out.extend(_join_lines(chunk.split("\n")))
    return out
