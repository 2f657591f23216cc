"""Find a theme's keywords in a sentence, in the sense they were written in.

A keyword matches its own inflections (`forms`), and the way it is written says what it
may match:

- in capitals ("NATO", "SWIFT", "LNG"): only the same capitals ("Taylor Swift" is not SWIFT);
- capitalised ("Kremlin", "Apple"): only a capitalised word ("apple pie" is not Apple);
- in lower case ("heating", "allies", "transit"): not a word that is part of a proper name
  ("the Miami Heat", "Ally Brooke", "Bus Rapid Transit"). A capitalised word inside a
  sentence is a name; at the start of a sentence (or of a quotation) it is a name when the
  next word is capitalised too ("Heat guard …" is not, "Energy Minister …" is) or when
  its article writes it only capitalised. In a headline capitals say nothing.

Capitalisation is the named-entity signal here because it is the one news text gives
reliably, and it costs nothing; a statistical tagger (spaCy, NLTK's, which needs a data
download) would add a model to every install for what these rules already catch.

Matching runs on every sentence that may hold a keyword, so a cheap test on Snowball
stems (`may_match`, a superset: every form's stem is indexed) rules out the rest first.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .. import nlp
from ..model import Theme
from .forms import Case, case_of, word_forms

# per token: 0 inside a sentence, 1 where a sentence (or a quotation) starts, 2 in a headline
INSIDE, INITIAL, HEADLINE = 0, 1, 2


@dataclass(frozen=True)
class Word:
    """One word of a keyword: the forms it matches and how it is written."""

    forms: frozenset[str]
    case: Case


Spelling = tuple[Word, ...]


@dataclass(frozen=True)
class Match:
    """Where a keyword of a theme occurs in a sentence's words."""

    terms: tuple[str, ...]  # the keyword as written, then the theme's other spellings of it
    start: int
    length: int

    @property
    def keyword(self) -> str:
        return self.terms[0]


@dataclass(frozen=True)
class Concept:
    """Keywords that match the same words ("sanction", "sanctions", "sanctioned"): one
    thing the theme is about, counted once however many of its spellings occur."""

    terms: tuple[str, ...]
    spellings: tuple[Spelling, ...]

    @property
    def length(self) -> int:
        return len(self.spellings[0])


def _spelling(keyword: str) -> Spelling:
    return tuple(Word(word_forms(w), case_of(w)) for w, _ in nlp.tokens(keyword))


def concepts(terms: Sequence[str]) -> list[Concept]:
    """Keywords grouped into concepts: same number of words, and at every word some form in common."""
    groups: list[tuple[list[str], list[Spelling]]] = []
    for term in terms:
        spelling = _spelling(term)
        if not spelling:
            continue
        for names, spellings in groups:
            other = spellings[0]
            if len(other) == len(spelling) and all(a.forms & b.forms for a, b in zip(other, spelling)):
                names.append(term)
                spellings.append(spelling)
                break
        else:
            groups.append(([term], [spelling]))
    return [Concept(tuple(names), tuple(spellings)) for names, spellings in groups]


def _fits(word: Word, surface: str, words: Words, i: int, names: Callable[[], Container[str]]) -> bool:
    """Whether `surface`, word `i` of `words` and one of `word`'s forms, is written as the
    keyword word allows."""
    if word.case == "any":
        return True
    if word.case == "upper":
        return surface.isupper()
    if word.case == "capital":
        return surface[:1].isupper()
    # a lower-case keyword: the word must not be part of a name
    if surface.islower() or surface.isupper():
        return True
    where = words.where(i)
    if where == HEADLINE:
        return True
    if where == INITIAL:
        following = words.surface[i + 1] if i + 1 < len(words) else None
        return not (following and following[:1].isupper()) and surface.lower() not in names()
    return False


def no_names() -> Container[str]:
    """No article context: no word is known to be only a name."""
    return ()


class ThemeMatcher:
    """Finds a theme's keywords (and exclusions) in a sentence's words."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.keywords = concepts(theme.keywords)
        self.exclude = concepts(theme.exclude)
        self._keyword_index = _index(self.keywords)
        self._exclude_index = _index(self.exclude)
        # Snowball stems of every form of a first word: a sentence with none of them
        # cannot match (a set test, so the many sentences of a big day that name no
        # keyword cost almost nothing)
        self._keyword_firsts = _first_stems(self.keywords)
        self._exclude_firsts = _first_stems(self.exclude)
        self.stems = frozenset(nlp.stem(f) for c in self.keywords for s in c.spellings for w in s for f in w.forms)

    def may_match(self, stems: Sequence[str]) -> bool:
        """False when a sentence with these stems certainly holds no keyword."""
        return not self._keyword_firsts.isdisjoint(stems)

    def may_exclude(self, stems: Sequence[str]) -> bool:
        return bool(self._exclude_firsts) and not self._exclude_firsts.isdisjoint(stems)

    def matches(self, words: Words, names: Callable[[], Container[str]] = no_names) -> list[Match]:
        """Keyword occurrences in `words`, longest phrase winning where two overlap.
        `names`: the lower-cased words the article writes only capitalised."""
        found = sorted(_find(self._keyword_index, words, names), key=lambda m: (-m.length, m.start))
        taken: set[int] = set()
        kept = []
        for m in found:
            span = set(range(m.start, m.start + m.length))
            if not span & taken:
                taken |= span
                kept.append(m)
        return sorted(kept, key=lambda m: m.start)

    def excluded(self, words: Words) -> bool:
        return bool(self.exclude) and bool(_find(self._exclude_index, words, no_names))

    def find_in(self, text: str, headline: bool = False) -> list[Match]:
        """`matches` on a text as written."""
        return self.matches(Words(text, headline))


Index = dict[str, list[tuple[Concept, Spelling]]]


def _index(found: Sequence[Concept]) -> Index:
    """Spellings by every lower-cased form of their first word: one look-up per word."""
    index: Index = {}
    for concept in found:
        for spelling in concept.spellings:
            for form in spelling[0].forms:
                index.setdefault(form, []).append((concept, spelling))
    return index


def _first_stems(found: Sequence[Concept]) -> frozenset[str]:
    return frozenset(nlp.stem(f) for c in found for s in c.spellings for f in s[0].forms)


def _find(index: Index, words: Words, names: Callable[[], Container[str]]) -> list[Match]:
    surface, lowered = words.surface, words.lowered
    hits = index.keys() & lowered  # one set operation; most sentences hold one or two first words
    if not hits:
        return []
    found = []
    for i in _positions(lowered, hits):
        word = lowered[i]
        for concept, spelling in index[word]:
            end = i + len(spelling)
            if end > len(surface) or any(lowered[i + k] not in w.forms for k, w in enumerate(spelling)):
                continue
            if all(_fits(w, surface[i + k], words, i + k, names) for k, w in enumerate(spelling)):
                found.append(Match(concept.terms, i, len(spelling)))
                break  # one match per concept here
    return found


def _positions(words: list[str], wanted: set[str]) -> list[int]:
    """Where the `wanted` words stand in `words`, in order (found with `list.index`, which
    scans in C: a sentence holds one or two of them among twenty words)."""
    found = []
    for word in wanted:
        i = -1
        try:
            while True:
                i = words.index(word, i + 1)
                found.append(i)
        except ValueError:
            pass
    return sorted(found)


_OPENERS = frozenset("“\"‘'(:—–-[)")  # ")": after a dateline, "(CNN)Rescue crews …"


class Words:
    """A text's words as written (`nlp.surface_words`), lower-cased once, and where each
    stands — inside a sentence, at its start (the first word, or one right after an
    opening quotation mark, a colon, a dash or a dateline's closing parenthesis), or in a
    headline — worked out only for the few words whose capitals matter."""

    __slots__ = ("text", "surface", "headline", "_lowered", "_offsets")

    def __init__(self, text: str, headline: bool = False, surface: list[str] | None = None) -> None:
        self.text = text
        self.surface = nlp.surface_words(text) if surface is None else surface
        self.headline = headline
        self._lowered: list[str] | None = None
        self._offsets: list[int] | None = None

    @property
    def lowered(self) -> list[str]:
        if self._lowered is None:
            self._lowered = [w.lower() for w in self.surface]
        return self._lowered

    @property
    def offsets(self) -> list[int]:
        """Each word's offset in the text."""
        if self._offsets is None:
            self._offsets = [pos for _, pos in nlp.tokens(self.text)]
        return self._offsets

    def where(self, i: int) -> int:
        if self.headline:
            return HEADLINE
        if i == 0:
            return INITIAL
        j = self.offsets[i] - 1
        while j >= 0 and self.text[j] == " ":
            j -= 1
        return INITIAL if j >= 0 and self.text[j] in _OPENERS else INSIDE

    def __len__(self) -> int:
        return len(self.surface)


@lru_cache(maxsize=256)
def matcher_for(theme: Theme) -> ThemeMatcher:
    """One matcher per theme per process: working out keyword forms is done once."""
    return ThemeMatcher(theme)
