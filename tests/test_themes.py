import pytest

from brief.errors import ConfigError
from brief.themes import INITIAL, INSIDE, ThemeMatcher, Words, load_themes, parse_themes


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


def _finds(keywords, text):
    return [m.keyword for m in _matcher(keywords).find_in(text)]


def test_inflections_match_case_insensitively():
    m = _matcher(["sanction"])
    assert [x.keyword for x in m.find_in("New SANCTIONS were sanctioned.")] == ["sanction", "sanction"]


def test_phrase_matches_only_whole():
    m = _matcher(["price cap"])
    assert m.find_in("They agreed a lower price cap.")
    assert not m.find_in("The cap on the price was lowered.")
    assert m.find_in("The price-cap coalition met.")
    assert m.find_in("Both price caps were lowered.")


def test_exclude_terms():
    m = _matcher(["gas"], exclude=["tear gas"])
    assert m.excluded(Words("Police fired tear gas."))
    assert not m.excluded(Words("Gas prices rose."))


# One test per confusion seen on real pages; every sentence is written for the test.


def test_accession_is_not_access():
    assert not _finds(["accession"], "The outage cut off access to the bank's app for two hours.")
    assert _finds(["accession"], "Sweden's accession took two years; both accessions needed every vote.")


def test_heating_is_not_heated_nor_the_heat():
    assert not _finds(["heating"], "A heated council race ended with a recount on Friday.")
    assert not _finds(["heating"], "The heat wave kept schools closed for a week.")
    assert _finds(["heating"], "District heating plants were hit again overnight.")


def test_allies_is_not_a_singer_or_a_player_named_ally_or_alli():
    assert not _finds(["allies"], "The singer Ally Brooke opened the show with a new song.")
    assert not _finds(["allies"], "Alli is given time to shoot and scores from the edge of the box.")
    assert _finds(["allies"], "Western allies pledged more air defence.")
    assert _finds(["allies"], "Poland, a close ally, offered its airfields.")


def test_region_still_matches_regions():
    assert _finds(["region"], "Shelling hit three regions in the east.")


def test_capitals_keyword_matches_only_capitals():
    assert not _finds(["SWIFT"], "Taylor Swift announced a new tour date in the city.")
    assert not _finds(["SWIFT"], "The response was swift and firm.")
    assert _finds(["SWIFT"], "Two more banks were cut off from SWIFT.")
    assert _finds(["NATO", "LNG"], "NATO ministers discussed LNG terminals.") == ["NATO", "LNG"]


def test_lower_case_keyword_does_not_match_a_name():
    assert not _finds(["heat"], "The Miami Heat won their fifth game in a row.")
    assert not _finds(["transit"], "The county is spending millions on a Bus Rapid Transit line.")
    assert not _finds(["energy"], "Shares of Acme Energy Partners fell sharply on Monday.")
    assert _finds(["transit"], "Gas transit through the country ends in January.")


def test_sentence_start_is_not_a_name_unless_the_next_word_is_one():
    assert _finds(["energy"], "Energy prices rose again in December.")
    assert _finds(["energy"], "He said: “Energy is the front line now.”")
    assert not _finds(["energy"], "Energy Minister Olena Koval resigned on Friday.")


def test_an_article_that_writes_a_word_only_capitalised_makes_it_a_name(tmp_path):
    from brief.model import Article, Block
    from brief.segment import segment
    from brief.select import Analyser, SelectOptions

    (theme,) = parse_themes("[energy]\nkeywords = ['heat', 'power']\n")
    article = Article("a", (Block("Heat guard Jo Kim scored 30 points. The Miami Heat play again on Friday."),))
    sentences = segment(article)
    analysis = Analyser((theme,), SelectOptions()).article(article, sentences)
    assert all(found is None for found in analysis.keywords)  # no keyword found in either sentence


def test_capitalised_keyword_matches_only_a_capitalised_word():
    assert not _finds(["Apple"], "She baked an apple pie for the fair.")
    assert _finds(["Apple"], "Apple shares rose after the launch.")


def test_headline_capitals_say_nothing_about_names():
    m = _matcher(["heating"])
    assert m.find_in("Heating Bills Soar As Winter Nears", headline=True)


def test_words_mark_sentence_and_quotation_starts():
    words = Words('He said: "Gas is short." Then they left.')
    assert words.surface[:3] == ["He", "said", "Gas"]
    assert [words.where(i) for i in range(3)] == [INITIAL, INSIDE, INITIAL]


def test_keywords_of_one_concept_count_once():
    (theme,) = parse_themes("[s]\nkeywords = ['sanction', 'sanctions', 'sanctioned', 'embargo']\n")
    concepts = ThemeMatcher(theme).keywords
    assert [c.terms for c in concepts] == [("sanction", "sanctions", "sanctioned"), ("embargo",)]
