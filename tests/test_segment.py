import pytest

from brief.evaluate import score_sbd_file, score_seeds_sbd
from brief.segment import is_fragment, leans_back, segment, split_sentences
from brief.model import Article, Block

from conftest import EXAMPLES, GOLD, eval_file


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. delegation met Putin in Moscow on Tuesday.",
        "The E.U. plan is to ban Russian gas imports next year.",
        "Mr. Witkoff and Gen. Smith flew to Moscow on Monday.",
        "Peskov said the exchange [ . . . ] was a normal working process.",
        "U.S. Senator John Smith issued a statement on Monday.",
        "Talks with U.S.-Russian envoys went on for five hours.",
        "Dr. Jones met Sen. Brown at 5 p.m. on Friday.",
    ],
)
def test_no_split_inside_abbreviations(text):
    assert len(split_sentences(text)) == 1


def test_real_boundaries_are_split():
    text = 'He left for Moscow. "No compromise has been found yet," he said. Talks will go on!'
    assert split_sentences(text) == ["He left for Moscow.", '"No compromise has been found yet," he said.', "Talks will go on!"]


def test_sentence_ending_in_initialism_before_a_new_sentence():
    assert split_sentences("I live in the U.S. How about you?") == ["I live in the U.S.", "How about you?"]


def test_bracketed_ellipsis_is_normalised_not_split():
    assert split_sentences("It was [ . . . ] normal.") == ["It was […] normal."]


def test_attribution_fragments():
    for text in ["Ushakov added.", "Rubio said on Fox News.", "Pastukhov added in his Telegram blog post.", "He told journalists in Brussels."]:
        assert is_fragment(text), text
    for text in ["European diplomats said core issues remain unresolved.", "The Ukrainian military has said fierce fighting is still underway."]:
        assert not is_fragment(text), text


def test_sentences_that_lean_on_the_previous_one():
    assert leans_back("He added the Kremlin found some proposals acceptable.")
    assert leans_back("They are on the side of war,” he said.")
    assert leans_back("“That’s the best way to change Putin’s calculus.”")
    assert not leans_back("Ushakov said the talks were useful.")


def test_segment_skips_headings_and_numbers_sentences():
    article = Article(id="a", blocks=(Block("A heading", "heading"), Block("One here. Two here."), Block("Three is here.")))
    sentences = segment(article)
    assert [(s.position, s.text, s.block) for s in sentences] == [(0, "One here.", 1), (1, "Two here.", 1), (2, "Three is here.", 2)]


# Boundary F1 floors, measured 2026-11 (README "Sentence splitting"): a change that makes
# splitting worse fails here. Golden rules are adversarial (lists, ellipses) on purpose.
SBD_FLOORS = {"sbd-gum-wikinews.jsonl": 0.95, "sbd-golden-rules-en.jsonl": 0.58}


@pytest.mark.parametrize("name", sorted(SBD_FLOORS))
def test_boundary_f1_on_public_sets(name):
    score = score_sbd_file(eval_file(name), split_sentences)
    assert score.f1 >= SBD_FLOORS[name], str(score)


def test_boundary_f1_on_seeds(seeds_dir):
    score = score_seeds_sbd(seeds_dir, GOLD, split_sentences)
    assert score.f1 >= 0.98, str(score)


def test_lead_in_to_a_quote_is_a_fragment_and_quotes_that_go_on_lean_back():
    from brief.segment import is_fragment, leans_back

    assert is_fragment("A senior European diplomat following the talks put it plainly.")
    assert is_fragment("One official summed it up:")
    assert not is_fragment("Ushakov said the talks in Moscow had been useful but unfinished.")
    assert leans_back("“We will not sign anything that weakens the embargo,” the minister added.")
    assert leans_back("“No deal yet,” he said.")
    assert leans_back("“The president did not hide our view.”")
    assert not leans_back("“No deal yet,” Peskov said on Tuesday in Moscow.")


def test_fast_punkt_patterns_split_exactly_as_nltks_guarded_ones():
    """Splitting uses Punkt's own patterns without NLTK's per-call regex timer; the
    splits must be the ones NLTK's stock tokenizer makes with the same parameters."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from brief.segment import _tokenizer

    fast = _tokenizer()
    stock = PunktSentenceTokenizer()
    stock._params = fast._params
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*")))
    text += ' He paid $1,200.50 on Jan. 3... "Really?" she asked. (It rained.) Then -- abruptly -- 4.5 p.m. came. U.S. officials left.'
    paragraphs = [" ".join(p.split()) for p in text.split("\n") if p.strip()]
    assert len(paragraphs) > 20
    assert fast._lang_vars.period_context_re() is not stock._lang_vars.period_context_re()
    assert [fast.tokenize(p) for p in paragraphs] == [stock.tokenize(p) for p in paragraphs]
