"""The stand-alone rules every Key point and theme pick must pass (`select.standalone`):
each rule on sentences of the kinds real pages produce, written for these tests."""

from __future__ import annotations

import pytest

from brief.segment import leans_back
from brief.select.standalone import unfit_reason

STANDS_ALONE = [
    "Russian President Vladimir Putin met US Special Envoy Steve Witkoff in Moscow on Tuesday evening.",
    "The talks in Geneva ended without a deal on territory, two officials said on Friday.",
    "Trade talks resume in Geneva next week after a pause of two months, the ministry said.",
    "“The next round starts in March and will be held in Istanbul,” the Kremlin spokesman told reporters.",
    "Then-president Obama signed the law in 2014 after a long fight with Congress over its cost.",
    "The Hague court ruled on Thursday that the seized tankers must be returned within a month.",
    "Gas prices in Europe rose for a third day as traders weighed the risk to supplies through Ukraine.",
]


@pytest.mark.parametrize("text", STANDS_ALONE)
def test_news_sentences_stand_alone(text):
    assert unfit_reason(text) is None


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("The river is rising.", "under 8 words"),
        ("Harbour towns are burning tonight.", "under 8 words"),
        ("Officials expect the pipeline to reopen once repairs to the pumping station are…", "cut off with …"),
        ("Officials expect the pipeline to reopen once repairs to the pumping station are [...]", "cut off with …"),
        ("The stakes are high for every delegation, but they are especially high for .", "a hole where words were dropped"),
        ("Young organisers are pulling for , and , as the vote nears in the capital.", "a hole where words were dropped"),
        ("- Read the numbers: there are now 400 cameras in the district's schools, officials said.", "listing"),
        ("The minister walked out of the meeting in anger at the slow progress Credit: AP/Staff", "photo caption or credit"),
        ("Maria Jensen, the Danish climate envoy, speaks during a news conference in Baku on Monday.", "photo caption or credit"),
        ("Mourners gather outside the cathedral after the service (AP Photo/Staff Photographer).", "photo caption or credit"),
        ("Family support groups meet weekly; go to www.example.org for meeting times and locations.", "contact line or promotion"),
        ("For Thursday's time and location, call 555-010-0199 or write to the parish office.", "contact line or promotion"),
        ("Sign up for our morning newsletter to get the day's top stories in your inbox.", "contact line or promotion"),
        ("Living With Loss support circle For parents and carers in the valley.", "listing or heading"),
        ("The statement followed his visit to the border region, where he met local commanders.", "points back"),
        ("The move drew sharp criticism from opposition lawmakers in the capital on Monday.", "points back"),
        ("He said the delegation would return to the capital before the end of the week.", "points back"),
        ("Seven of those were reported in the last week, according to the county health office.", "points back"),
        ("However, the ministry said no agreement had been reached on the route of the new line.", "points back"),
        ("We came to this summit for a fair deal and we will not leave without one.", "quotation without its speaker"),
        ("“The harbour will reopen when the mines are cleared and not a day before.”", "points back"),
    ],
)
def test_each_rule_names_what_it_catches(text, rule):
    assert unfit_reason(text) == rule


def test_points_back_is_what_the_splitter_marks_for_joining():
    """A sentence that only points back is joined to the one before it when picked: the
    splitter's `joins_previous` and the rule are one test."""
    assert leans_back("The decision came after weeks of pressure from the allies.")
    assert leans_back("Two of them were later released without charge, police said.")
    assert not leans_back("Theatre companies in the city reopened on Saturday.")  # "The" is not "Them"
    assert not leans_back("Thessaloniki port workers went on strike over pay.")


@pytest.mark.parametrize(
    "text",
    [
        "Our sources say the convoy was turned back at the border crossing on Sunday night.",
        "We will not give up an inch of our land, the president declared in his evening address.",
        "I have always trusted the mediators in Istanbul, the minister tweeted after the talks.",
    ],
)
def test_first_person_that_names_its_speaker_stands_alone(text):
    assert unfit_reason(text) is None


def test_first_person_in_the_articles_own_voice_is_not_a_cut_quote():
    text = "I spent the winter in Kharkiv, where the gas pipeline to my district was cut twice."
    assert unfit_reason(text) == "quotation without its speaker"
    assert unfit_reason(text, own_voice=True) is None
    # a quotation is a quotation whoever writes the article
    assert unfit_reason("“We will not restart the pumps this winter.”", own_voice=True) is not None
