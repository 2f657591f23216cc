"""Selection behaviour a reader of the briefing would notice."""

from brief.model import Article, Block
from brief.segment import segment
from brief.select import SelectOptions, select, sumy_ratings, ALGORITHMS
from brief.themes import parse_themes

THEMES = parse_themes(
    """
[nato]
title = "NATO"
keywords = ["NATO", "alliance", "accession", "membership", "Article 5"]
[energy]
title = "Energy"
keywords = ["gas", "oil", "pipeline", "energy", "fuel"]
[sanctions]
title = "Sanctions"
keywords = ["sanctions", "SWIFT"]
"""
)


def _run(*texts, opts=SelectOptions()):
    articles = [Article(id=f"a{i}", blocks=tuple(Block(p) for p in t.split("\n")), source=f"Outlet {i}") for i, t in enumerate(texts)]
    sentences = {a.id: segment(a) for a in articles}
    sections, merged = select(articles, sentences, THEMES, opts)
    return {s.theme.id: s for s in sections}, merged


def test_on_theme_sentences_are_picked_and_cited():
    sections, _ = _run("Ukraine's NATO membership bid dominated the alliance summit.\nThe weather was mild.")
    (pick,) = sections["nato"].picks
    assert pick.article_id == "a0" and pick.position == 0
    assert set(pick.matched) == {"NATO", "membership", "alliance"}


def test_theme_without_coverage_is_empty_not_filled():
    sections, _ = _run("Ukraine's NATO membership bid dominated the summit.")
    assert sections["sanctions"].picks == () and sections["sanctions"].candidates == 0


def test_keyword_only_naming_a_speaker_is_not_enough():
    sections, _ = _run("A senior NATO official said the city of Pokrovsk was nearly surrounded.")
    assert sections["nato"].picks == ()


def test_keyword_in_a_scene_setting_aside_is_not_enough():
    sections, _ = _run("Speaking on the sidelines of a NATO summit, the minister discussed grain exports to Egypt.")
    assert sections["nato"].picks == ()


def test_verb_form_of_a_noun_keyword_is_not_enough():
    sections, _ = _run("Rubio skipped the meeting, fueling unease among diplomats in Brussels.")
    assert sections["energy"].picks == ()


def test_acronym_keyword_does_not_match_the_plain_word():
    sections, _ = _run("The swift end to the conflict that Washington wanted is not near.")
    assert sections["sanctions"].picks == ()


def test_sentence_appears_once_in_the_section_it_fits_best():
    sections, _ = _run("NATO allies discussed gas, oil and pipeline security with the alliance's energy ministers.")
    placed = [tid for tid, s in sections.items() if s.picks]
    assert placed == ["energy"]


def test_near_duplicate_quote_from_two_outlets_appears_once_with_also_in():
    quote = "“NATO membership for Ukraine is not on the table this year,” the alliance's chief told reporters in Brussels."
    sections, merged = _run(quote, quote.replace("this year", "this year at all"))
    (pick,) = sections["nato"].picks
    assert pick.also_in == ("a1",)
    assert merged == 1


def test_sentence_limit_and_per_theme_limit():
    text = "\n".join(f"NATO allies discussed membership plan number {n} for {w} at the alliance meeting." for n, w in
                     enumerate(["Kyiv", "Tbilisi", "Chisinau", "Helsinki", "Stockholm", "Oslo", "Riga", "Vilnius"]))
    sections, _ = _run(text, opts=SelectOptions(sentences=3))
    assert len(sections["nato"].picks) <= 3


def test_output_is_deterministic():
    texts = ("NATO allies met. The alliance discussed membership for Ukraine.\nGas flows through the pipeline fell.",
             "Oil prices rose as sanctions bit. Energy ministers met on Monday to discuss gas.")
    first, _ = _run(*texts)
    second, _ = _run(*texts)
    assert [(p.text, p.score) for s in first.values() for p in s.picks] == [(p.text, p.score) for s in second.values() for p in s.picks]


def test_every_sumy_algorithm_rates_every_sentence():
    texts = ["Gas flows through the pipeline fell sharply.", "Oil prices rose on Monday.", "The energy ministers met to discuss gas."]
    for algorithm in ALGORITHMS:
        ratings = sumy_ratings(texts, algorithm, ["gas", "oil"])
        assert len(ratings) == 3 and all(isinstance(r, float) for r in ratings), algorithm


def test_a_sentence_carried_by_hundreds_of_articles_is_one_pick_with_all_of_them_in_also_in():
    from brief import nlp
    from brief.model import Sentence
    from brief.select import TextView, Unit, merge_near_duplicates

    text = "Gas storage across the bloc stood at about 83 percent on Monday."
    units = [Unit(Sentence(f"a{i}", 0, text, 0), TextView.of(text), frozenset(nlp.content_stems(text))) for i in range(300)]
    kept, merged = merge_near_duplicates(units, SelectOptions())
    assert merged == 299 and len(kept) == 1
    assert kept[0].also_in == {f"a{i}" for i in range(1, 300)}
