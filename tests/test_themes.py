import pytest

from brief import nlp
from brief.errors import ConfigError
from brief.themes import ThemeMatcher, load_themes, parse_themes


def test_default_themes_ship_with_the_package():
    themes = load_themes()
    assert [t.id for t in themes] == ["territory", "nato", "sanctions", "energy"]
    assert all(t.title and t.keywords for t in themes)


def test_theme_file_with_optional_keys(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text('[ai]\ntitle = "AI"\nkeywords = ["chip", "export controls"]\ndescription = "d"\nexclude = ["potato"]\nsentences = 2\n')
    (theme,) = load_themes(path)
    assert (theme.id, theme.title, theme.sentences, theme.exclude) == ("ai", "AI", 2, ("potato",))


@pytest.mark.parametrize(
    "text, needle",
    [
        ("[x]\ntitle = 'X'\n", "[x].keywords"),
        ("[x]\nkeywords = []\n", "[x].keywords"),
        ("[x]\nkeywords = ['a']\ncolour = 'red'\n", "'colour'"),
        ("[x]\nkeywords = ['a']\nsentences = 0\n", "[x].sentences"),
        ("x = 1\n", "[x]"),
        ("[x\nkeywords=", "not valid TOML"),
        ("", "no themes"),
    ],
)
def test_bad_theme_files_name_the_problem(text, needle):
    with pytest.raises(ConfigError) as exc:
        parse_themes(text, "my.toml")
    assert "my.toml" in str(exc.value) and needle in str(exc.value)


def test_missing_theme_file():
    with pytest.raises(ConfigError, match="not found"):
        load_themes("/nonexistent/themes.toml")


def _matcher(keywords, exclude=()):
    (theme,) = parse_themes(f"[t]\nkeywords = {list(keywords)!r}\nexclude = {list(exclude)!r}\n")
    return ThemeMatcher(theme)


def test_stems_match_inflections_case_insensitively():
    m = _matcher(["sanction"])
    assert [x.keyword for x in m.matches(nlp.stems("New SANCTIONS were sanctioned."))] == ["sanction", "sanction"]


def test_phrase_matches_only_whole():
    m = _matcher(["price cap"])
    assert m.matches(nlp.stems("They agreed a lower price cap."))
    assert not m.matches(nlp.stems("The cap on the price was lowered."))
    assert m.matches(nlp.stems("The price-cap coalition met."))


def test_exclude_terms():
    m = _matcher(["gas"], exclude=["tear gas"])
    assert m.excluded(nlp.stems("Police fired tear gas."))
    assert not m.excluded(nlp.stems("Gas prices rose."))
