"""A sentence as the selector sees it: its stems and content words (`Unit`), and, where a
theme keyword occurs, its surface words and which of them sit in a scene-setting aside."""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterator, Sequence
from dataclasses import dataclass

from .. import nlp
from ..model import Sentence
from ..themes.match import Words, no_names
from .terms import Terms


_INTRO = re.compile(
    r"^[“\"‘']?(?:after|before|during|at|on|in|speaking|following|ahead|amid|despite|while|as|"
    r"when|with|under|since|according)\b",
    re.I,
)
_ASIDE = re.compile(r",\s*(?:which|who|whose|where|while|including|such as)\b[^,;.]*|\([^)]*\)", re.I)


def peripheral_spans(text: str) -> list[tuple[int, int]]:
    """Character spans that set the scene rather than say the news.

    A leading adverbial ("Speaking at a NATO summit, …"), a relative clause or aside
    (", where …", "(…)"): a keyword there is mentioned in passing.
    """
    spans = [(m.start(), m.end()) for m in _ASIDE.finditer(text)]
    if _INTRO.match(text):
        comma = text.find(",")
        if 0 < comma < 0.6 * len(text):
            spans.append((0, comma))
    return spans


@dataclass(frozen=True)
class TextView:
    """A text's stems, with its words as written (`themes.Words`: where each stands is
    worked out when asked) and whether each is in an aside."""

    stems: list[str]
    words: Words
    peripheral: list[bool]
    names: Callable[[], Container[str]] = no_names  # words its article writes only capitalised

    @property
    def surface(self) -> list[str]:
        return self.words.surface

    @classmethod
    def of(
        cls,
        text: str,
        stems: Sequence[str] | None = None,
        headline: bool = False,
        names: Callable[[], Container[str]] = no_names,
        surface: list[str] | None = None,
    ) -> TextView:
        """The view of `text`; `stems` and `surface`, when the caller has them, must be
        `nlp.analyse(text)[0]` and `nlp.surface_words(text)`."""
        words = Words(text, headline, surface)
        spans = peripheral_spans(text)
        if spans:
            peripheral = [any(a <= pos < b for a, b in spans) for pos in words.offsets]
        else:
            peripheral = [False] * len(words)
        if stems is None:
            stems = [nlp.stem(w) for w in words.lowered]
        return cls(stems=list(stems), words=words, peripheral=peripheral, names=names)


@dataclass(eq=False, slots=True)
class Unit:
    """A sentence under consideration: its content stems (sentence `index` of `source`,
    its article's `Terms`, shared by the article's units) and keyword scores, computed once.

    The surface forms and asides (`view`) are only needed where a theme keyword occurs,
    so they are worked out on first use: on a big day most sentences never need them.
    """

    sentence: Sentence
    source: Terms  # content stems of its article's whole sentences (or of itself alone)
    index: int  # its sentence in `source`
    keywords: tuple[KeywordScore, ...] | None = None  # per theme of the Analyser; None: no keyword at all
    also_in: set[str] | frozenset[str] = frozenset()  # a set of its own once a copy is merged in
    new: bool = True  # False: mostly reported in an earlier briefing, but adds something
    _view: TextView | None = None

    @classmethod
    def of(cls, sentence: Sentence) -> Unit:
        """A unit without keyword scores (for steps that do not look at themes)."""
        stems, content = nlp.analyse(sentence.text)
        return cls(sentence, Terms.of([content_terms(stems, content)]), 0)

    @property
    def terms(self) -> tuple[str, ...]:
        """The stems that are content words, in order, repeats kept: tf-idf's terms. Read
        from the article's id arrays on each use: kept as strings, a big day's would cost
        a reference a word and a tuple a sentence."""
        return self.source.doc(self.index)

    @property
    def stems(self) -> Sequence[str]:
        """Every word's stem (`nlp.analyse`), worked out again when asked: few sentences need
        them after their analysis, and keeping them costs about 200 bytes a sentence."""
        if self._view is not None:
            return self._view.stems
        return nlp.analyse(self.sentence.text)[0]

    @property
    def content(self) -> frozenset[str]:
        """The distinct content stems. Made on each use, not kept: a set costs five times
        the tuple of `terms`, and a big day holds hundreds of thousands of units."""
        return frozenset(self.terms)

    @property
    def distinct(self) -> Iterator[str]:
        """The distinct content stems in the order the sentence first uses them."""
        return iter(dict.fromkeys(self.terms))

    @property
    def view(self) -> TextView:
        if self._view is None:
            self._view = TextView.of(self.sentence.text)
        return self._view


def content_terms(stems: Sequence[str], content: frozenset[str]) -> tuple[str, ...]:
    """Every stem that is a content stem, in order, repeats kept (`Unit.terms`)."""
    return tuple(t for t in stems if t in content)


KeywordScore = tuple[float, tuple[str, ...]]  # summed keyword weight, keywords named
NO_KEYWORDS: KeywordScore = (0.0, ())
