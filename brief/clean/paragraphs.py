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


def _ends_mid_phrase(line: str) -> bool:
    """A line ending on "the", "of", "and"… stops mid-phrase: the next line continues it."""
    return line.rsplit(None, 1)[-1].lower() in FUNCTION_WORDS if line else False


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


class _Paragraph:
    """A paragraph being rebuilt: its lines and what the joining rules ask of it, kept up
    to date line by line. Every rule looks at the end of the paragraph (its last line) or
    at quote counts, so nothing is rescanned: 20,000 short lines without punctuation once
    took minutes, each joined onto a growing string that regexes ran over again."""

    __slots__ = ("lines", "opened", "closed", "straight")

    def __init__(self, line: str) -> None:
        self.lines = [line]
        self.opened, self.closed, self.straight = line.count("“"), line.count("”"), line.count('"')

    def add(self, line: str) -> None:
        self.lines.append(line)
        self.opened += line.count("“")
        self.closed += line.count("”")
        self.straight += line.count('"')

    def last_line_len(self) -> int:
        # as measured when paragraphs were joined strings: a continued line counts its "\n"
        return len(self.lines[-1]) + (len(self.lines) > 1)

    def unclosed_quote(self) -> bool:
        return self.opened > self.closed or self.straight % 2 == 1

    def text(self) -> str:
        return " ".join(self.lines)


def _join_lines(lines: list[str]) -> list[str]:
    """Rebuild paragraphs from lines: a line that stops mid-sentence continues on the next.

    In hard-wrapped text a full-width line always continues on the next one (whatever the
    next starts with: "the Ukrainian / Foreign Minister"); a short line ends a paragraph.
    Linear in the text: see `_Paragraph`.
    """
    lines = [" ".join(line.split()) for line in lines]
    lines = [line for line in lines if line]
    width = _hard_wrapped(lines)
    out: list[_Paragraph] = []
    for line in lines:
        if out:
            para = out[-1]
            last = para.lines[-1]  # the end of the paragraph so far: what END and the rest look at
            last_line_len = para.last_line_len()
            starts_lower = line[0].islower() or line[0] in "”’»),;:—–"
            # the classic reflow test: the next word would not have fitted on this line
            wrapped_on = width and last_line_len >= 0.7 * width and last_line_len + len(line.split()[0]) > width - 3
            if wrapped_on or (starts_lower and _DOTTED_END.search(last)):
                para.add(line)
                continue
            if not END.search(last) and (
                starts_lower or _CONTINUES.search(last) or para.unclosed_quote() or _ends_mid_phrase(last)
            ):
                para.add(line)
                continue
        out.append(_Paragraph(line))
    return [para.text() for para in out]


def paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; within one, hard-wrapped lines are rejoined."""
    out: list[str] = []
    for chunk in re.split(r"\n\s*\n", text):
        out.extend(_join_lines(chunk.split("\n")))
    return out
