"""Plain text: article text reduced to one printable line.

Its own module because both `render` (the text template's filter) and `charts` (SVG
labels: XML takes no control characters) need it, and `render` imports `charts`.
"""

from __future__ import annotations


def plain_text(text: object) -> str:
    """One line of printable text: article text cannot move a terminal's cursor or add lines."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in str(text)).split())
