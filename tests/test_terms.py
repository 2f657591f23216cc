"""Content stems as compact id arrays (brief.select.terms): what crosses from the workers
and what the pile's vectors are built from must be the same terms as the sentences'."""

from __future__ import annotations

import pickle
import sys

import numpy as np

from brief.memory import release
from brief.model import Article, Block
from brief.pipeline import _segment, _shared
from brief.select import Analyser, SelectOptions, Terms, Vocabulary
from brief.select.terms import joined
from brief.themes import load_themes
from brief.vectors import Vectors, term_ids

def shared_size(terms: Terms) -> int:
    return terms.ids.nbytes + terms.ends.nbytes


DOCS = [("ukrain", "talk", "resum"), (), ("gas", "price", "gas", "rose"), ("talk", "nato")]


def test_terms_keep_every_sentence_in_order_with_repeats() -> None:
    terms = Terms.of(DOCS)
    assert terms.ids.dtype == np.uint16  # an article's own words: two bytes a term
    assert terms.docs() == DOCS
    assert terms.take([3, 0]).docs() == [DOCS[3], DOCS[0]]
    assert terms.take([]).docs() == []


def test_renumbering_into_a_pile_vocabulary_keeps_the_terms() -> None:
    vocabulary = Vocabulary()
    first = Terms.of(DOCS[:2]).renumbered(vocabulary)
    second = Terms.of(DOCS[2:]).renumbered(vocabulary)
    assert first.words is vocabulary and second.words is vocabulary
    assert first.docs() + second.docs() == DOCS
    assert len(vocabulary) == len({t for doc in DOCS for t in doc})  # each word numbered once
    assert first == Terms.of(DOCS[:2])  # equal: the same terms, however numbered
    words, flat, lengths = joined([first, Terms.of(DOCS[2:])])  # a part numbered apart is renumbered
    assert words is vocabulary
    assert [tuple(words[i] for i in flat[a - n:a]) for a, n in zip(np.cumsum(lengths), lengths)] == DOCS


def test_vectors_from_joined_ids_equal_vectors_from_strings() -> None:
    parts = [Terms.of(DOCS[:2]), Terms.of(DOCS[2:])]
    from_ids = Vectors(ids=joined(parts))
    from_strings = Vectors(DOCS)
    assert (from_ids.rows != from_strings.rows).nnz == 0
    assert np.array_equal(from_ids.rows.indices, from_strings.rows.indices)
    assert np.array_equal(from_ids.idf, from_strings.idf)
    idf = from_ids.idf_map()
    assert set(idf) == {t for doc in DOCS for t in doc} and "absent" not in idf
    assert idf.get("absent", 0.0) == 0.0 and idf["gas"] == from_strings.idf_map()["gas"]
    # a vocabulary that also numbers words no doc uses (articles left out) changes nothing
    vocabulary, flat, lengths = term_ids([("dropped", "words"), *DOCS])
    wider = Vectors(ids=(vocabulary, flat[2:], lengths[1:]))
    assert (wider.rows != from_strings.rows).nnz == 0 and wider.column("dropped") == -1


def test_worker_results_join_the_pile_as_ids_with_shared_keyword_scores() -> None:
    analyser = Analyser(tuple(load_themes(None)), SelectOptions())
    text = "Ukraine and Russia resumed talks on Tuesday. NATO ministers met in Brussels. Gas prices rose."
    splits = [_segment(Article(id=name, blocks=(Block(text),)), analyser) for name in "ab"]
    as_strings = [[tuple(doc) for doc in split[1].terms.docs()] for split in splits]
    # what the pile holds per sentence: a few bytes of ids, not a tuple of references
    held = sum(sys.getsizeof(doc) for doc in as_strings[0])
    assert shared_size(splits[0][1].terms) < held
    vocabulary, seen = Vocabulary(), {}
    shared = [_shared(pickle.loads(pickle.dumps(split)), vocabulary, seen) for split in splits]
    for (sentences, analysis), strings in zip(shared, as_strings):
        assert analysis.terms.words is vocabulary and analysis.terms.ids.dtype == np.uint32
        assert analysis.terms.docs() == strings
    one, two = (analysis.keywords for _, analysis in shared)
    assert one == two and all(a is b for a, b in zip(one, two) if a is not None)  # held once
    release()  # hands free memory back; harmless anywhere
