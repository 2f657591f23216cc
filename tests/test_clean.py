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
