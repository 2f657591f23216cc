"""Themes: load them from TOML and find which theme keywords a sentence mentions.

Keywords match on Snowball stems, case-insensitively, so "sanction" finds "sanctions"
and "sanctioned"; a keyword of several words is a phrase that matches only whole.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import nlp
from .errors import ConfigError
from .model import Theme

_KEYS = {"title", "keywords", "description", "exclude", "sentences"}


DEFAULT_THEMES = Path(__file__).resolve().parent / "data" / "themes.toml"


def default_themes_text() -> str:
    return DEFAULT_THEMES.read_text(encoding="utf-8")


def load_themes(path: str | Path | None = None) -> list[Theme]:
    """Themes from `path`, or the packaged defaults; any problem is a ConfigError naming the key."""
    if path is None:
        name, text = "default themes", default_themes_text()
    else:
        name = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ConfigError(f"{name}: theme file not found") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{name}: cannot read theme file ({exc})") from None
    return parse_themes(text, name)


def parse_themes(text: str, name: str = "themes") -> list[Theme]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{name}: not valid TOML ({exc})") from None
    themes = []
    for theme_id, table in data.items():
        where = f"{name}: [{theme_id}]"
        if not isinstance(table, dict):
            raise ConfigError(f"{where} must be a table with at least 'keywords'")
        unknown = set(table) - _KEYS
        if unknown:
            raise ConfigError(f"{where}: unknown key {sorted(unknown)[0]!r} (allowed: {', '.join(sorted(_KEYS))})")
        keywords = _string_list(table.get("keywords"), f"{where}.keywords", required=True)
        exclude = _string_list(table.get("exclude", []), f"{where}.exclude")
        title = table.get("title", theme_id)
        if not isinstance(title, str) or not title.strip():
            raise ConfigError(f"{where}.title must be a non-empty string")
        description = table.get("description")
        if description is not None and not isinstance(description, str):
            raise ConfigError(f"{where}.description must be a string")
        limit = table.get("sentences")
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
            raise ConfigError(f"{where}.sentences must be a whole number of at least 1")
        unusable = [k for k in keywords if not nlp.stems(k)]
        if unusable:
            raise ConfigError(f"{where}.keywords: {unusable[0]!r} has no words to match")
        themes.append(
            Theme(
                id=theme_id,
                title=title.strip(),
                keywords=tuple(keywords),
                description=description,
                exclude=tuple(exclude),
                sentences=limit,
            )
        )
    if not themes:
        raise ConfigError(f"{name}: no themes defined (one [table] per theme)")
    return themes


def _string_list(value: object, where: str, required: bool = False) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where} must be a list of non-empty strings")
    if required and not value:
        raise ConfigError(f"{where} must name at least one keyword")
    return [v.strip() for v in value]


PhraseIndex = dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]


def _phrases(terms: Sequence[str]) -> PhraseIndex:
    """Stemmed phrases indexed by their first stem, so matching is one lookup per word.

    Spellings that share a stem ("sanction", "sanctions") are one phrase with several terms.
    """
    grouped: dict[tuple[str, ...], list[str]] = {}
    for term in terms:
        phrase = tuple(nlp.stems(term))
        if phrase:
            grouped.setdefault(phrase, []).append(term)
    index: PhraseIndex = {}
    for phrase, spellings in grouped.items():
        index.setdefault(phrase[0], []).append((phrase, tuple(spellings)))
    return index


@dataclass(frozen=True)
class Match:
    """Where a keyword of a theme occurs in a sentence's stem sequence."""

    terms: tuple[str, ...]
    start: int
    length: int

    @property
    def keyword(self) -> str:
        return self.terms[0]


class ThemeMatcher:
    """Finds a theme's keywords (and exclusions) in stemmed sentences."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.keywords = _phrases(theme.keywords)
        self.exclude = _phrases(theme.exclude)
        # first stems of the phrases: a sentence with none of them cannot match (a set test,
        # so the many sentences of a big day that name no keyword cost almost nothing)
        self._keyword_firsts = frozenset(self.keywords)
        self._exclude_firsts = frozenset(self.exclude)

    def may_match(self, seq: Sequence[str]) -> bool:
        """False when `seq` certainly holds no keyword."""
        return not self._keyword_firsts.isdisjoint(seq)

    @staticmethod
    def _find(index: PhraseIndex, seq: Sequence[str]) -> list[Match]:
        found = []
        for i, word in enumerate(seq):
            for phrase, terms in index.get(word, ()):
                if tuple(seq[i : i + len(phrase)]) == phrase:
                    found.append(Match(terms, i, len(phrase)))
        return found

    def matches(self, seq: Sequence[str]) -> list[Match]:
        """Keyword occurrences, longest phrase winning where two overlap."""
        if self._keyword_firsts.isdisjoint(seq):
            return []
        found = sorted(self._find(self.keywords, seq), key=lambda m: (-m.length, m.start))
        taken: set[int] = set()
        kept = []
        for m in found:
            span = set(range(m.start, m.start + m.length))
            if not span & taken:
                taken |= span
                kept.append(m)
        return sorted(kept, key=lambda m: m.start)

    def excluded(self, seq: Sequence[str]) -> bool:
        return not self._exclude_firsts.isdisjoint(seq) and bool(self._find(self.exclude, seq))
