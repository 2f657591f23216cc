"""Selection behaviour a reader of the briefing would notice."""

from brief.model import Article, Block
from brief.segment import segment
from brief.select import SelectOptions, key_points, select
from brief.sumyrank import SUMY_ALGORITHMS, sumy_ratings
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


THEMES_ONLY = SelectOptions(key_points=0)


def _pile(*texts):
    articles = [Article(id=f"a{i}", blocks=tuple(Block(p) for p in t.split("\n")), source=f"Outlet {i}") for i, t in enumerate(texts)]
    return articles, {a.id: segment(a) for a in articles}


def _run(*texts, opts=THEMES_ONLY):
    selection = select(*_pile(*texts), THEMES, opts)
    return {s.theme.id: s for s in selection.sections}, selection.merged


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
    sections, _ = _run(text, opts=SelectOptions(sentences=3, key_points=0))
    assert len(sections["nato"].picks) <= 3


def test_output_is_deterministic():
    texts = ("NATO allies met. The alliance discussed membership for Ukraine.\nGas flows through the pipeline fell.",
             "Oil prices rose as sanctions bit. Energy ministers met on Monday to discuss gas.")
    first, _ = _run(*texts)
    second, _ = _run(*texts)
    assert [(p.text, p.score) for s in first.values() for p in s.picks] == [(p.text, p.score) for s in second.values() for p in s.picks]


def test_every_sumy_algorithm_rates_every_sentence():
    texts = ["Gas flows through the pipeline fell sharply.", "Oil prices rose on Monday.", "The energy ministers met to discuss gas."]
    for algorithm in SUMY_ALGORITHMS:
        ratings = sumy_ratings(texts, algorithm, ["gas", "oil"])
        assert len(ratings) == 3 and all(isinstance(r, float) for r in ratings), algorithm


def test_a_sentence_carried_by_hundreds_of_articles_is_one_pick_with_all_of_them_in_also_in():
    from brief.model import Sentence
    from brief.select import Unit, merge_near_duplicates

    text = "Gas storage across the bloc stood at about 83 percent on Monday."
    units = [Unit.of(Sentence(f"a{i}", 0, text, 0)) for i in range(300)]
    kept, merged = merge_near_duplicates(units, SelectOptions())
    assert merged == 299 and len(kept) == 1
    assert kept[0].also_in == {f"a{i}" for i in range(1, 300)}


def test_a_sumy_algorithm_can_stand_in_for_centrality():
    sections, _ = _run("Oil prices rose as sanctions bit. Energy ministers met on Monday to discuss gas.",
                       opts=SelectOptions(key_points=0, algorithm="lexrank"))
    (pick, *_) = sections["energy"].picks
    assert ("lexrank" in dict(pick.parts)) and pick.matched


def test_sentence_leaning_on_the_previous_one_is_joined_to_it():
    text = ("Moscow halted gas deliveries through the last pipeline to Slovakia on Monday.\n"
            "The ministry gave no reason. It said gas deliveries to the pipeline and to energy customers would stay halted.")
    sections, _ = _run(text)
    texts = [p.text for p in sections["energy"].picks]
    assert "The ministry gave no reason. It said gas deliveries" in " ".join(texts)
    assert not any(t.startswith("It said") for t in texts)
    joined = next(p for p in sections["energy"].picks if p.text.startswith("The ministry"))
    assert joined.position == 1 and dict(joined.parts)["joined previous"] == 1


def test_leaning_sentence_whose_predecessor_cannot_be_joined_is_passed_over():
    long_first = "The ministry " + " ".join(["said"] * 55) + " nothing."
    text = f"{long_first} It said gas deliveries through the pipeline to energy customers would stay halted."
    sections, _ = _run(text)
    assert not any(p.text.startswith("It said") for p in sections["energy"].picks)


def test_bare_quote_keeps_its_attribution():
    text = ("“Gas will flow through the pipeline again once the energy dispute is settled in court.” "
            "Ushakov added.\nOil prices were flat on Monday in thin trading.")
    sections, _ = _run(text)
    texts = [p.text for p in sections["energy"].picks]
    assert any(t.endswith("settled in court.” Ushakov added.") for t in texts)


def test_key_points_favour_what_several_outlets_report_and_do_not_repeat_in_themes():
    shared = "Russia cut gas deliveries to Slovakia through the last transit pipeline on Monday."
    texts = (
        f"{shared} The decision surprised traders in Bratislava.\nOil prices rose slightly.",
        "Slovakia said Russia cut gas deliveries through the last transit pipeline on Monday. Officials met.",
        "Gas deliveries to Slovakia through the transit pipeline were cut by Russia on Monday, operators said. "
        "A local football club won its match.",
    )
    articles, sentences = _pile(*texts)
    points = key_points(articles, sentences, SelectOptions(), count=1)
    assert points[0].text == shared and dict(points[0].parts)["corroboration"] == 1.0
    selection = select(articles, sentences, THEMES, SelectOptions(key_points=1))
    assert [p.text for p in selection.key_points] == [shared]
    theme_texts = [p.text for s in selection.sections for p in s.picks]
    assert shared not in theme_texts


def test_key_points_keep_to_their_word_budget():
    texts = [" ".join(f"Sentence {k} of story {i} says ministers met in Brussels to talk about grain and gas." for k in range(6))
             for i in range(4)]
    articles, sentences = _pile(*texts)
    points = key_points(articles, sentences, SelectOptions(), words=40)
    words = [len(p.text.split()) for p in points]
    assert sum(words[:-1]) < 40 <= sum(words) or sum(words) < 40


def test_quote_after_a_lead_in_is_picked_with_it():
    text = ("A senior energy diplomat put it plainly. "
            "“No gas will flow through the pipeline until the energy dispute is settled in court.”\n"
            "Oil prices were flat on Monday in thin trading.")
    sections, _ = _run(text)
    texts = [p.text for p in sections["energy"].picks]
    assert "A senior energy diplomat put it plainly. “No gas will flow" in " ".join(texts)
    assert "A senior energy diplomat put it plainly." not in texts


def test_reported_sentences_stay_out_unless_they_add_something():
    from brief import nlp

    old = "Russia halted gas deliveries through the last transit pipeline to Slovakia on Monday."
    reported = [frozenset(nlp.content_stems(old))]
    texts = (old + "\nOil prices rose as energy traders weighed the pipeline halt.",
             "Russia halted gas deliveries through the last transit pipeline to Slovakia on Monday, "
             "and Hungary said its own gas pipeline deliveries would fall by a third next week.")
    selection = select(*_pile(*texts), THEMES, SelectOptions(key_points=0), reported)
    picks = {p.text: p for s in selection.sections for p in s.picks}
    assert old not in picks and selection.repeated >= 1
    update = next(p for t, p in picks.items() if t.startswith("Russia halted") and "Hungary" in t)
    assert update.new is False
    assert all(p.new for t, p in picks.items() if t.startswith("Oil prices"))


def test_a_quotation_that_goes_on_from_a_pick_is_shown_whole_with_its_speaker():
    """The rest of a quotation whose opening (with its speaker) is already picked goes on in
    the same pick, up to the sentence that closes the quotation, so no line shows a quote
    without its speaker or a quotation mark left open."""
    text = ("“The pipeline will reopen in March,” the energy minister said on Monday. "
            "“Gas deliveries through it will resume at half the old volume. "
            "Full gas deliveries to energy customers depend on the repairs at the pumping station.”\n"
            "Oil prices were flat in thin trading.")
    articles, sentences = _pile(text)
    points = key_points(articles, sentences, SelectOptions(), count=3)
    quoted = [p for p in points if "Gas deliveries through it" in p.text or "Full gas" in p.text]
    for p in quoted:
        assert p.text.startswith("“The pipeline will reopen in March,” the energy minister said")
        assert p.text.count("“") == p.text.count("”")
        assert p.span == 3
    sections, _ = _run(text)
    for p in sections["energy"].picks:
        assert p.text.count("“") == p.text.count("”"), p.text
        assert not p.text.startswith(("Gas deliveries through it", "Full gas"))


def test_the_middle_of_a_quotation_takes_the_sentences_back_to_its_speaker():
    text = ("The pipeline operator was blunt. “We will not restart the pumps this winter,” its chief executive said. "
            "“The damage to the compressor station is worse than anyone expected. "
            "Gas deliveries through the pipeline to energy customers in the south will stay halted until spring.”")
    sections, _ = _run(text)
    halted = [p for p in sections["energy"].picks if "stay halted" in p.text]
    assert halted, [p.text for p in sections["energy"].picks]
    assert all("its chief executive said" in p.text for p in halted)


def test_first_person_in_an_essay_is_its_authors_voice_but_in_a_report_a_cut_quote():
    """In an article written in the first person (an essay, a letter, a statement) "I" is
    the author the citation names; in a third-person report, a sentence opening with "We"
    is a quote cut from its speaker."""
    essay = Article(id="essay", source="Outlet", blocks=(
        Block("I spent the winter in Kharkiv, where the gas pipeline to my district was cut twice."),
        Block("I watched neighbours queue for fuel at dawn. We learned to cook on camping stoves and my son "
              "learned to read by torchlight."),
        Block("I left in March, when the energy grid finally failed for a week."),
    ))
    report = Article(id="report", source="Outlet", blocks=(
        Block("The energy minister visited Kharkiv on Monday to inspect the damaged gas pipeline."),
        Block("We will restore the gas pipeline to every district before the winter ends."),
        Block("Repair crews have worked on the pipeline since the attack in March, officials said."),
    ))
    voiced = segment(essay)
    assert all(s.own_voice for s in voiced)
    assert not any(s.own_voice for s in segment(report))
    selection = select([essay, report], {"essay": voiced, "report": segment(report)}, THEMES, SelectOptions(key_points=5))
    shown = [p for p in selection.key_points] + [p for s in selection.sections for p in s.picks]
    assert not any(p.text.startswith("We will restore") for p in shown)
    essay_picks = [p for p in shown if p.article_id == "essay" and p.text.startswith("I ")]
    assert essay_picks and all(dict(p.parts).get("own voice") == 1.0 for p in essay_picks)


def test_biased_centrality_favours_sentences_like_the_relevant_ones():
    from brief.vectors import Vectors, biased_centrality

    docs = [["gas", "pipeline", "halt"], ["gas", "pipeline", "deliveries"], ["football", "match", "goal"],
            ["football", "match", "fans"], ["lonely", "words"]]
    vectors = Vectors(docs)
    share = biased_centrality(vectors, range(5), [1.0, 0.0, 0.0, 0.0, 0.0])
    assert abs(share.sum() - 1.0) < 1e-6
    assert share[1] > share[2] and share[1] > share[3], "like the relevant sentence beats like an irrelevant one"
    even = biased_centrality(vectors, range(4), [1.0] * 4)
    assert abs(even[0] - even[2]) < 1e-9, "no bias: the two stories weigh the same"
    assert len(biased_centrality(vectors, [], [])) == 0


def _lead_of(section, article_id):
    return [dict(p.parts)["lead"] for p in section.picks if p.article_id == article_id]


def test_an_article_that_only_mentions_the_theme_gets_no_lead_bonus_for_it():
    """The opening of an article about the theme leads; the opening of an article about
    something else that names the theme in passing does not get the same lift."""
    about = ("Gas deliveries through the Druzhba pipeline were halted on Monday, the operator said.\n"
             "Gas traders said the halt of the pipeline deliveries pushed prices up in Europe.\n"
             "The operator expects the pipeline to carry gas again on Friday.")
    match = ["The visitors scored first through a header from their captain after ten minutes.",
             "Their goalkeeper kept the lead with three fine saves before half-time.",
             "The home side equalised when a long shot took a deflection off a defender.",
             "A young striker came off the bench and scored twice in the last twenty minutes.",
             "The referee sent off one of the visiting midfielders for a second yellow card.",
             "More than thirty thousand supporters filled the ground despite the rain.",
             "The manager praised the discipline of his defence at the press conference.",
             "Tickets for the next home game sold out within an hour of going on sale.",
             "The club's new training centre will open to the public next spring.",
             "Local bars near the ground stayed open late as fans celebrated the result.",
             "The league table now shows the team two points clear at the top.",
             "Next week the players travel north to face the reigning champions."]
    passing = ("Gas from the city pipeline heated the stadium as the football team won its third match in a row "
               "on Monday night.\n" + "\n".join(match))
    sections, _ = _run(about, passing)
    leads = {p.article_id: dict(p.parts)["lead"] for p in sections["energy"].picks if p.position == 0}
    assert leads["a0"] == 2.0
    assert leads["a1"] < 1.7, leads  # 1 of its 13 sentences names the theme: 1 + 0.62, not 2


def test_share_of_an_article_naming_the_theme():
    from brief.select.analysis import Analyser, make_units
    from brief.select.relevance import ThemeScorer

    articles, sentences = _pile("Gas prices rose sharply in Europe on Monday after the halt.\n"
                                "The city football team won its third match in a row.\n"
                                "Supporters celebrated the win in the old town square all night.\n"
                                "Repairs to the gas pipeline will take until Friday, the operator said.")
    energy = next(t for t in THEMES if t.id == "energy")
    opts = SelectOptions()
    units = make_units(articles, sentences, Analyser((energy,), opts).pile(articles, sentences))
    scorer = ThemeScorer(energy, opts)
    scorer.learn(units, {}, {})
    assert scorer.share("a0") == 0.5 and scorer.share("elsewhere") == 0.0


def test_contexts_worked_out_at_once_are_the_per_sentence_ones():
    """theme_pools learns every context in a few sparse products (`ThemeScorer._contexts`);
    each must be the cosine the per-sentence loop gives, with the sentence's own share
    left out of the profile."""
    from conftest import EXAMPLES

    from brief.clean import clean
    from brief.ingest import read_inputs
    from brief.select.analysis import Analyser
    from brief.select.pile import Pile
    from brief.themes import load_theme_file

    raws, _ = read_inputs([str(EXAMPLES)])
    articles = [clean(raw) for raw in raws]
    sentences = {a.id: segment(a) for a in articles}
    themes = load_theme_file(None).themes
    analyser = Analyser(tuple(themes), SelectOptions())
    analyses = analyser.pile(articles, sentences)
    pile = Pile.of(articles, sentences, SelectOptions(), (), analyses)
    leads = {a: analysis.lead for a, analysis in analyses.items()}
    checked = 0
    for scorer in analyser.scorers:
        scorer.learn(pile.units, leads, pile.vectors.idf_map(), (), pile.vectors, pile.rows)
        at_once = {id(u): scorer.context(u) for u in pile.units if scorer.found(u)[0] > 0}
        scorer._context = {}
        for unit in pile.units:
            if id(unit) in at_once:
                assert abs(at_once[id(unit)] - scorer.context(unit)) < 1e-12
                checked += at_once[id(unit)] > 0
    assert checked > 20
