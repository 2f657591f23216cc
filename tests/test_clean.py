from brief.clean import clean, is_boilerplate, paragraphs, strip_dateline
from brief.model import RawArticle


def _clean(text, **kw):
    return clean(RawArticle(id="a", text=text, **kw))


def test_exact_duplicate_paragraphs_dropped():
    body = "First paragraph here.\nSecond paragraph here.\n"
    article = _clean(body + body)
    assert [b.text for b in article.blocks] == ["First paragraph here.", "Second paragraph here."]
    assert article.stats.duplicate_paragraphs == 2


def test_title_repeated_in_body_is_dropped():
    article = _clean("Big headline\n\nBig headline\n\nThe body says something.", title="Big headline")
    assert [b.text for b in article.blocks] == ["The body says something."]


def test_non_prose_lines_and_credits_are_boilerplate():
    for line in [".", "upstairs", "Comments", "News", "Share this article", "Additional reporting by Jane Roe",
                 "Jane Roe and John Doe contributed to this report.", "By Jane Roe", "Read more: other things",
                 "© 2026 Some Outlet Ltd. All rights reserved."]:
        assert is_boilerplate(line), line
    for line in ["The talks ended without a deal.", "Ukraine rejected the plan on Monday, officials said."]:
        assert not is_boilerplate(line), line


def test_appeared_first_footer_fills_outlet_and_is_dropped():
    article = _clean("The talks ended.\nThe post Talks end appeared first on Washington Post.\n")
    assert article.source == "Washington Post"
    assert [b.text for b in article.blocks] == ["The talks ended."]
    assert article.stats.boilerplate_lines == 1


def test_known_outlet_is_not_overwritten_by_footer():
    article = _clean("The talks ended.\nThe post X appeared first on Other Site.\n", source="Wire")
    assert article.source == "Wire"


def test_headings_are_kept_apart_from_prose():
    article = _clean("Intro sentence here.\nHistorical context and roots of the crisis\nMore prose follows here.")
    kinds = [(b.kind, b.text[:10]) for b in article.blocks]
    assert kinds == [("prose", "Intro sent"), ("heading", "Historical"), ("prose", "More prose")]


def test_quote_split_over_two_lines_is_rejoined():
    text = '"We will not give up our land,\nnot now and not later," the minister said.\nNext paragraph here.'
    assert paragraphs(text) == ['"We will not give up our land, not now and not later," the minister said.',
                                "Next paragraph here."]


def test_hard_wrapped_sentence_is_rejoined_but_heading_is_not():
    text = "The delegations met in\nGeneva on Monday.\nSticking points\nThe map is hard."
    assert paragraphs(text) == ["The delegations met in Geneva on Monday.", "Sticking points", "The map is hard."]


def test_datelines_are_stripped():
    assert strip_dateline("KYIV - Ukraine's grid operator said so.") == "Ukraine's grid operator said so."
    assert strip_dateline("GENEVA, Nov. 18 - Negotiators met.") == "Negotiators met."
    assert strip_dateline("KRAMATORSK, Ukraine, Nov. 19 — Artillery fell.") == "Artillery fell."
    assert strip_dateline("NATO - the alliance - said no.") == "NATO - the alliance - said no."


def test_seed_000_duplicated_body_is_dropped(seeds_dir):
    from brief.ingest import read_inputs

    (raws, _) = read_inputs([str(seeds_dir / "000_e0d70e1f92116212.txt")])
    article = clean(raws[0])
    texts = [b.text for b in article.blocks]
    assert len(texts) == len(set(texts))
    assert article.stats.duplicate_paragraphs >= 8


def test_hard_wrapped_text_is_reflowed_even_where_the_next_line_starts_with_a_capital():
    import textwrap

    first = ("Negotiators met the Ukrainian Foreign Minister on Monday to go over a draft that would freeze "
             "the front line. \"We are not there yet,\" one of them said. The talks with U.S. and E.U. "
             "mediators ran late into the night in Geneva.")
    second = "A second round is planned for next week, officials said."
    text = "Talks run late in Geneva\n" + textwrap.fill(first, 72) + "\n" + textwrap.fill(second, 72)
    assert paragraphs(text) == ["Talks run late in Geneva", first, second]
    # one paragraph per line (the usual case) is left alone, headings stay apart
    assert paragraphs("Talks resume in Geneva\nDelegations met on Monday.") == ["Talks resume in Geneva",
                                                                              "Delegations met on Monday."]


# Sentences written for these tests, in the shapes real pages produce.
import pytest  # noqa: E402

from brief.clean import scrub  # noqa: E402
from brief.segment import segment  # noqa: E402


@pytest.mark.parametrize(
    ("paragraph", "news"),
    [
        ("VILNIUS, (Reuters) – NATO leaders agreed on a new plan for the eastern flank.",
         "NATO leaders agreed on a new plan for the eastern flank."),
        ("THE HAGUE: NATO leaders met for a second day to discuss defence spending.",
         "NATO leaders met for a second day to discuss defence spending."),
        ("(CNN) — Top Russian negotiator said talks would resume next week in Istanbul.",
         "Top Russian negotiator said talks would resume next week in Istanbul."),
        ("(CNN)Top Russian negotiator said talks would resume next week in Istanbul.",
         "Top Russian negotiator said talks would resume next week in Istanbul."),
        ("Baku, Nov 24 The presidency released a new draft text of the finance deal.",
         "The presidency released a new draft text of the finance deal."),
        ("Nov 25 (Interfax) - The foreign ministry summoned the ambassador on Monday.",
         "The foreign ministry summoned the ambassador on Monday."),
        ("GENEVA, Nov. 18 - Delegations from both sides arrived for a third round.",
         "Delegations from both sides arrived for a third round."),
        ("HARBOUR CITY, Calif. (KXYZ) -- A plan to rebuild the old pier moved a step closer.",
         "A plan to rebuild the old pier moved a step closer."),
        ("Odesa (Reuters) - Port officials said grain ships left on schedule.",
         "Port officials said grain ships left on schedule."),
        ("Why it matters: The vote opens the way for a ceasefire in the east.",
         "The vote opens the way for a ceasefire in the east."),
        ("Details: The package includes air defence systems and artillery shells.",
         "The package includes air defence systems and artillery shells."),
        ("EXCLUSIVE: The ministry prepared a new list of sanctions targets for the summit.",
         "The ministry prepared a new list of sanctions targets for the summit."),
        ("The minister walked out of the finance meeting in anger at the slow progress Credit: AP/Staff",
         "The minister walked out of the finance meeting in anger at the slow progress."),
        ("Rescuers searched the rubble through the night. (AP Photo/Staff Photographer)",
         "Rescuers searched the rubble through the night."),
    ],
)
def test_datelines_wire_tags_labels_and_credits_are_cut_off_and_the_sentence_kept(paragraph, news):
    assert scrub(paragraph) == news


@pytest.mark.parametrize(
    "paragraph",
    [
        "Maria Jensen, the Danish climate envoy, speaks during a news conference in Baku on Monday.",
        "Photo: Delegates queue outside the conference hall on the second day of talks.",
        "FILE - In this photo, soldiers march through the main square of the capital.",
    ],
)
def test_a_paragraph_that_is_all_caption_is_left_out(paragraph):
    article = _clean(f"The talks resumed on Monday after a pause of two weeks.\n\n{paragraph}")
    assert [b.text for b in article.blocks] == ["The talks resumed on Monday after a pause of two weeks."]


@pytest.mark.parametrize(
    "paragraph",
    [
        "The talks ended without a deal, the ministry told Reuters.",
        "NATO said it would send more troops to the Baltic states this spring.",
        "Kyiv, the capital, was hit by drones overnight, officials said.",
        "Details of the package were not made public, the ministry said.",
        "Zelensky: We will not give up our land, he told parliament on Tuesday.",
    ],
)
def test_news_that_only_looks_like_a_dateline_or_label_is_untouched(paragraph):
    assert scrub(paragraph) == paragraph


@pytest.mark.parametrize(
    "line",
    [
        "Never miss the latest news by signing up to our newsletter today! You can unsubscribe at any time.",
        "To view the full story, please subscribe to The Harbour Times.",
        "We want to hear what you think about this article.",
        "Our Standards: The Harbour Times Trust Principles.",
        "Submit your letter to the editor via this form.",
        "For the latest stories and breaking news updates download the Harbour News apps for iOS and Android.",
    ],
)
def test_the_site_promoting_itself_to_the_reader_is_furniture(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "The streaming service added five million subscribers in the quarter, the company said.",
        "The newsletter, which has 200,000 subscribers, was sold to a media group on Friday.",
        "If you want peace, prepare for war, the general told the audience in Kyiv.",
    ],
)
def test_news_about_subscribers_or_addressed_to_an_audience_is_not(line):
    assert not is_boilerplate(line)


def test_no_sentence_keeps_a_dateline_after_cleaning():
    article = _clean("KYIV, Nov 24 (Reuters) - Drones hit the power grid overnight, officials said. "
                     "Repairs began at dawn.\n\nWhy it matters: Winter is coming and the grid is already strained.")
    texts = [s.text for s in segment(article)]
    assert texts == ["Drones hit the power grid overnight, officials said.", "Repairs began at dawn.",
                     "Winter is coming and the grid is already strained."]


def test_a_space_before_a_full_stop_is_closed_up_but_a_dropped_word_stays_a_hole():
    assert scrub("Microsoft signed a cloud deal with the energy giant Chevron Corp .") == (
        "Microsoft signed a cloud deal with the energy giant Chevron Corp.")
    assert scrub("The stakes are high for every delegation, but especially high for .") == (
        "The stakes are high for every delegation, but especially high for .")
