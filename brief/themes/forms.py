"""The word forms a theme keyword matches: its inflections, not words derived from it.

A keyword is written in the sense its author means. Stemming ("heating" → "heat",
"accession" → "access", "allies" → "alli") reaches past inflection into other words and
other meanings: the Miami Heat, access to Facebook, the singer Ally Brooke. So a keyword
matches the inflected forms of itself (plural, verb endings) and nothing else, taken from
LemmInflect's English dictionaries (shipped inside its wheel, no download): a word that is
a lemma matches its own inflections in each part of speech it is a lemma of ("vote":
votes, voted, voting; "heating", a noun: heatings — not "heated"; a participle used as an
adjective, "injured", also its verb's: injures, injuring); a word that is itself
inflected ("allies", "captured") matches the inflections of its lemma, the noun's first
("shares": share, shares — not "shared"); a verb form keeps to the verb ("struck": not
"strike" or "strikes", which are also nouns of another sense). Words the dictionary does not know (names,
"frontline", "covid") match themselves, with or without a plural s.

Why LemmInflect rather than a stemmer or a lemmatizer: a lemmatizer maps text to lemmas,
which merges "heating" and "heated" just as a stemmer does; what is needed is the other
direction, a keyword's own inflection table, and LemmInflect gives exactly that, offline.
(NLTK's WordNet lemmatizer would also need a data download.)
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

Case = Literal["upper", "capital", "lower", "any"]

_NOUN_FIRST = ("NOUN", "PROPN", "VERB", "ADJ", "ADV", "AUX")


def case_of(word: str) -> Case:
    """How a keyword word is written, which says what it may match: "NATO" only capitals,
    "Kremlin" a capitalised word, "heating" a word that is not part of a name, "iPhone" or
    "5" anything spelled the same."""
    if len(word) > 1 and word.isupper():
        return "upper"
    if word[:1].isupper() and word[1:] == word[1:].lower():
        return "capital"
    if word.islower():
        return "lower"
    return "any"


@lru_cache(maxsize=4096)
def word_forms(word: str) -> frozenset[str]:
    """Lower-cased forms of one keyword word (see the module docstring)."""
    lowered = word.lower()
    if case_of(word) == "upper" or not lowered.isalpha():
        return frozenset({lowered})
    import lemminflect

    lemmas = lemminflect.getAllLemmas(lowered)
    if not lemmas:
        forms = {lowered}
        if len(lowered) > 3 and word.islower():
            forms.add(lowered[:-1] if lowered.endswith("s") and not lowered.endswith("ss") else lowered + "s")
        return frozenset(forms)
    base = [pos for pos, found in lemmas.items() if lowered in found]
    if base:
        wanted = [(pos, lowered) for pos in base]
        if "ADJ" in base and "VERB" in lemmas and lowered.endswith(("ed", "en")):
            # a participle used as an adjective ("injured", "occupied", "frozen") means what
            # its verb means: "injuring", "occupies" match too (a noun such as "heating" does not)
            wanted += [("VERB", lemma) for lemma in lemmas["VERB"]]
    else:  # an inflected keyword: its lemma's table, the noun's if it is a noun form
        pos = next(p for p in _NOUN_FIRST + tuple(lemmas) if p in lemmas)
        wanted = [(pos, lemma) for lemma in lemmas[pos]]
    forms = {lowered}
    for pos, lemma in wanted:
        table = {lemma} | {s.lower() for found in lemminflect.getAllInflections(lemma, upos=pos).values() for s in found}
        if pos == "VERB" and "VERB" not in base:
            # a verb form written as the keyword ("struck", "injured"): its verb's other forms,
            # but not those that are also nouns or adjectives of their own ("strike", "strikes",
            # "striking" — a strike is something else than a quake that struck)
            table = {f for f in table if not {"NOUN", "ADJ"} & set(lemminflect.getAllLemmas(f))}
        forms |= table
    return frozenset(forms)
