"""Shared word-level language tools: tokens, stems, stop words.

All of it works offline: NLTK's Snowball stemmer is code, sumy's stop words are files
shipped in its wheel, and word tokenisation is a regular expression, so nothing here
needs NLTK data (which cannot be downloaded at run time on many servers).
"""

from __future__ import annotations

import re
from functools import lru_cache

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def tokens(text: str) -> list[tuple[str, int]]:
    """Word tokens as written, with their offsets; possessive 's dropped, hyphens split."""
    out = []
    for match in _TOKEN.finditer(text):
        word = match.group().replace("’", "'")
        if word.lower().endswith("'s"):
            word = word[:-2]
        if word:
            out.append((word, match.start()))
    return out


def words(text: str) -> list[str]:
    """Lower-cased word tokens; possessive 's dropped, hyphenated words split."""
    return [word.lower() for word, _ in tokens(text)]


def import_nltk() -> None:
    """Import NLTK without the SciPy it does not need here.

    NLTK's package init imports SciPy (for a collocation test and a parser brief never
    uses) whenever SciPy is installed, and SciPy is, for datasketch: that costs about a
    second on every run. While NLTK loads, SciPy is marked missing so NLTK takes its own
    fallbacks (each of those imports sits in a try/except ImportError); the mark is
    removed straight after, so anything else can import SciPy.
    """
    import sys

    if "nltk" in sys.modules:
        return
    blocked = "scipy" not in sys.modules
    if blocked:
        sys.modules["scipy"] = None  # type: ignore[assignment]
    try:
        import nltk  # noqa: F401
    finally:
        if blocked and sys.modules.get("scipy", 0) is None:
            del sys.modules["scipy"]


@lru_cache(maxsize=1)
def _stemmer():
    import_nltk()
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _stemmer().stem(word)


def stems(text: str) -> list[str]:
    return [stem(w) for w in words(text)]


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """sumy's English stop-word list (shipped as a data file inside sumy)."""
    import_nltk()
    from sumy.utils import get_stop_words

    return frozenset(get_stop_words("english"))


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry meaning: no stop words, no bare numbers."""
    stop = stop_words()
    return [stem(w) for w in words(text) if w not in stop and not w.isdigit() and len(w) > 1]


class SumyTokenizer:
    """The duck-typed tokenizer sumy's summarizers accept, without NLTK's punkt data.

    We hand sumy sentences we have already split, so `to_sentences` only has to return
    its input; `to_words` uses the same tokens as the rest of brief.
    """

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return (paragraph,)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_TOKEN.findall(sentence))
