"""Shared word-level language tools: tokens, stems, stop words.

All of it works offline: the Snowball stemmer is compiled code (PyStemmer), sumy's stop
words are files shipped in its wheel, and word tokenisation is a regular expression, so
nothing here needs NLTK data (which cannot be downloaded at run time on many servers).
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def _as_word(word: str) -> str:
    """A token with an apostrophe: one apostrophe character, possessive 's dropped."""
    word = word.replace("’", "'")
    return word[:-2] if word.lower().endswith("'s") else word


def tokens(text: str) -> list[tuple[str, int]]:
    """Word tokens as written, with their offsets; possessive 's dropped, hyphens split."""
    found = [(m.group(), m.start()) for m in _TOKEN.finditer(text)]
    if "'" in text or "’" in text:
        found = [(_as_word(w), pos) if "'" in w or "’" in w else (w, pos) for w, pos in found]
    return found


def surface_words(text: str) -> list[str]:
    """The words of `tokens`, as written, without their offsets."""
    found = _TOKEN.findall(text)
    if "'" in text or "’" in text:
        found = [_as_word(w) if "'" in w or "’" in w else w for w in found]
    return found


def words(text: str) -> list[str]:
    """Lower-cased word tokens; possessive 's dropped, hyphenated words split."""
    return [word.lower() for word, _ in tokens(text)]


def import_nltk() -> None:
    """Import NLTK without the SciPy parts it does not need here.

    NLTK's package init imports SciPy (scipy.stats for a collocation test, scipy.sparse
    for a parser brief never uses) whenever SciPy is installed, and SciPy is, for
    datasketch: scipy.stats alone costs about a second on every run. While NLTK loads,
    whichever of those modules is not loaded yet is marked missing, so NLTK takes its own
    fallbacks (each of those imports sits in a try/except ImportError); the marks are
    removed straight after, so anything else can import them.
    """
    if "nltk" in sys.modules:
        return
    blocked = [name for name in ("scipy", "scipy.stats", "scipy.sparse") if name not in sys.modules]
    if "scipy" in blocked:
        blocked = ["scipy"]  # a missing parent package hides its submodules too
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import nltk  # noqa: F401
    finally:
        for name in blocked:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]


@lru_cache(maxsize=1)
def _stemmer():
    """PyStemmer's English Snowball stemmer: the Snowball project's own C code, many times
    faster than NLTK's pure-Python port, with the same stems (4 of 117,000 news words
    differ). PyStemmer 3 carries a newer revision of the algorithm that changes more, so
    pyproject.toml keeps it below 3."""
    import Stemmer

    return Stemmer.Stemmer("english")


_STEMS: dict[str, str] = {}
_STEMS_MAX = 1_000_000  # distinct words; a day's news has far fewer, a long-lived process may not


def stem(word: str) -> str:
    """Snowball stem of a lower-cased word, memoised: the same few thousand words recur all day.

    Stems are interned, so the pile's millions of stem references share one string each.
    """
    found = _STEMS.get(word)
    if found is None:
        if len(_STEMS) >= _STEMS_MAX:
            _STEMS.clear()
        found = _STEMS[word] = sys.intern(_stemmer().stemWord(word))
    return found


def stems(text: str) -> list[str]:
    return [stem(w) for w in words(text)]


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """sumy's English stop-word list (a data file inside sumy), read as `sumy.utils.get_stop_words`
    reads it, without importing sumy.utils (and the HTTP client it pulls in: 60 ms a run)."""
    import pkgutil

    data = pkgutil.get_data("sumy", "data/stopwords/english.txt") or b""
    return frozenset(w.rstrip() for w in data.decode("utf-8").splitlines() if w)


_WORD_INFO: dict[str, tuple[str, bool]] = {}  # word as written -> (stem, content word?)


def _word_info(word: str) -> tuple[str, bool]:
    lowered = word.lower()
    info = (stem(lowered), len(lowered) > 1 and lowered not in stop_words() and not lowered.isdigit())
    if len(_WORD_INFO) >= _STEMS_MAX:
        _WORD_INFO.clear()
    _WORD_INFO[word] = info
    return info


def analyse(text: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """Stems of every word (as `stems`), and the set of content stems (as `content_stems`)."""
    return analyse_words(surface_words(text))


def analyse_words(surface: list[str]) -> tuple[tuple[str, ...], frozenset[str]]:
    """`analyse` of a text whose `surface_words` are given.

    One dictionary look-up per word: this runs on every sentence of the pile, so it is
    the selector's hottest loop on a big day.
    """
    get = _WORD_INFO.get
    infos = [get(word) or _word_info(word) for word in surface]
    return tuple([info[0] for info in infos]), frozenset([info[0] for info in infos if info[1]])


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
