"""Themes: load theme files (`load`), and find a theme's keywords in a sentence in the sense
they were written in (`forms`: the inflections a keyword matches; `match`: where it occurs,
with the case rules that keep names out)."""

from __future__ import annotations

from .load import DEFAULT_THEMES, SCOPE, ThemeFile, default_themes_text, load_theme_file, load_themes, parse_theme_file, parse_themes
from .match import HEADLINE, INITIAL, INSIDE, Match, ThemeMatcher, Words, matcher_for

__all__ = [
    "DEFAULT_THEMES", "HEADLINE", "INITIAL", "INSIDE", "Match", "SCOPE", "ThemeFile", "ThemeMatcher",
    "Words", "default_themes_text", "load_theme_file", "load_themes", "matcher_for", "parse_theme_file",
    "parse_themes",
]
