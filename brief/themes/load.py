"""Load and check a theme file: one TOML table per theme, an optional `[scope]` table
saying what the whole briefing is about, and an optional top-level `languages` (before the
tables, as TOML wants: the briefing's languages, `brief.language`). Every mistake is a
ConfigError naming the file and key."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .. import language, nlp
from ..errors import ConfigError
from ..model import Theme, TopicScope

_KEYS = {"title", "keywords", "description", "exclude", "sentences"}
_SCOPE_KEYS = {"title", "keywords", "min_share"}
SCOPE = "scope"  # the table that holds the briefing's scope; no theme may take this id
LANGUAGES = "languages"  # the top-level setting naming the briefing's languages

DEFAULT_THEMES = Path(__file__).resolve().parent.parent / "data" / "themes.toml"


@dataclass(frozen=True)
class ThemeFile:
    """A theme file's themes, in file order, its scope (None: every article is in scope) and
    its languages (None: it names none, so English unless the build says otherwise)."""

    themes: tuple[Theme, ...]
    scope: TopicScope | None = None
    languages: tuple[str, ...] | None = None


def default_themes_text() -> str:
    return DEFAULT_THEMES.read_text(encoding="utf-8")


def load_themes(path: str | Path | None = None) -> list[Theme]:
    """Themes from `path`, or the packaged defaults; any problem is a ConfigError naming the key."""
    return list(load_theme_file(path).themes)


def load_theme_file(path: str | Path | None = None) -> ThemeFile:
    """Themes and scope from `path`, or the packaged defaults (with their Russia–Ukraine scope)."""
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
    return parse_theme_file(text, name)


# A briefing with more themes than this is no briefing (and 1,000 took 43 s to lay out as PDF).
MAX_THEMES = 200


def parse_themes(text: str, name: str = "themes") -> list[Theme]:
    return list(parse_theme_file(text, name).themes)


def parse_theme_file(text: str, name: str = "themes") -> ThemeFile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{name}: not valid TOML ({exc})") from None
    except RecursionError:
        raise ConfigError(f"{name}: nested too deeply to be a theme file") from None
    count = len(data) - (SCOPE in data) - (LANGUAGES in data)
    if count > MAX_THEMES:
        raise ConfigError(f"{name}: {count:,} themes; a briefing takes at most {MAX_THEMES} (split it into several)")
    scope = _scope(data.pop(SCOPE), f"{name}: [{SCOPE}]") if SCOPE in data else None
    languages = _languages(data.pop(LANGUAGES), f"{name}: {LANGUAGES}") if LANGUAGES in data else None
    themes = []
    for theme_id, table in data.items():
        where = f"{name}: [{theme_id}]"
        _check_table(table, where, _KEYS, f"must be a table with at least 'keywords' (the one setting outside "
                                          f"a table is {LANGUAGES})")
        keywords = _keywords(table, where)
        exclude = _string_list(table.get("exclude", []), f"{where}.exclude")
        title = _title(table, where, theme_id)
        description = table.get("description")
        if description is not None and not isinstance(description, str):
            raise ConfigError(f"{where}.description must be a string")
        limit = table.get("sentences")
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
            raise ConfigError(f"{where}.sentences must be a whole number of at least 1")
        themes.append(
            Theme(
                id=theme_id,
                title=title,
                keywords=tuple(keywords),
                description=description,
                exclude=tuple(exclude),
                sentences=limit,
            )
        )
    if not themes:
        raise ConfigError(f"{name}: no themes defined (one [table] per theme)")
    return ThemeFile(tuple(themes), scope, languages)


def _languages(value: object, where: str) -> tuple[str, ...]:
    """`languages = ["en", "de"]`: the briefing's languages, its own first."""
    try:
        return language.parse_languages(value)
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def _scope(table: object, where: str) -> TopicScope:
    """The `[scope]` table: what the briefing is about, and how much of an article must be."""
    _check_table(table, where, _SCOPE_KEYS, "must be a table with 'keywords' (what the whole briefing is about)")
    assert isinstance(table, dict)
    keywords = _keywords(table, where)
    title = _title(table, where, "scope")
    share = table.get("min_share", TopicScope.min_share)
    if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 < share <= 1:
        raise ConfigError(f"{where}.min_share must be a number above 0 and at most 1 (a share of the article's sentences)")
    return TopicScope(title=title, keywords=tuple(keywords), min_share=float(share))


def _check_table(table: object, where: str, allowed: set[str], shape: str) -> None:
    if not isinstance(table, dict):
        raise ConfigError(f"{where} {shape}")
    unknown = set(table) - allowed
    if unknown:
        raise ConfigError(f"{where}: unknown key {sorted(unknown)[0]!r} (allowed: {', '.join(sorted(allowed))})")


def _keywords(table: dict, where: str) -> list[str]:
    keywords = _string_list(table.get("keywords"), f"{where}.keywords", required=True)
    unusable = [k for k in keywords if not nlp.stems(k)]
    if unusable:
        raise ConfigError(f"{where}.keywords: {unusable[0]!r} has no words to match")
    return keywords


def _title(table: dict, where: str, default: str) -> str:
    title = table.get("title", default)
    if not isinstance(title, str) or not title.strip():
        raise ConfigError(f"{where}.title must be a non-empty string")
    return title.strip()


def _string_list(value: object, where: str, required: bool = False) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where} must be a list of non-empty strings")
    if required and not value:
        raise ConfigError(f"{where} must name at least one keyword")
    return [v.strip() for v in value]
