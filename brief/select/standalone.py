"""Does a sentence read on its own in a briefing? The rules every Key point and theme pick
must pass, and the soft factor that ranks the readable ones.

A briefing is forwarded: each line is read out of its article, so a line that points
back ("The statement followed …"), quotes someone without naming them, is a photo
caption, a listing, a contact line or a promotion, is cut off with "…", has a hole where
link text was dropped, or is a scrap under 8 words, cannot be shown. No library tells
these apart (they are news-page conventions, not grammar), so they are written out here,
each as a named rule `brief eval pile` reports.

A sentence that only points back (`points back`) can still be used when it is joined to
the sentence before it (`picking`); the other rules rule a sentence out.
"""

from __future__ import annotations

import re

from ..model import Sentence
from ..segment import SPEECH_VERBS, leans_back

MIN_WORDS = 8

_SPEECH = re.compile(rf"\b(?:{SPEECH_VERBS}|according to|quoted|quoting)\b", re.I)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|we|we're|we’re|we've|we’ve|us|our|ours|my|me)\b")
_CREDIT = re.compile(
    r"\b(?:Credits?|Photo(?:graph)?s?|Image|Picture|Illustration|Video|Caption|Source)\s*:"
    r"|\((?:AP|AFP|Reuters|Getty|EPA|PA)(?: Photo)?[^)]*\)"
    r"|\b(?:AP|AFP|Reuters|EPA)\s*/\s*\w"
    r"|\b(?:Getty Images|Shutterstock|AP Photo|AFP via Getty|File photo|Photo by|Photographer)\b",
    re.I,
)
# "John Podesta, US climate envoy, speaks during a news conference …": a caption describes a
# picture in the present tense, a name first.
_NAME = r"(?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.'’-]*"
_CAPTION = re.compile(
    rf"^(?!(?:The|A|An|This|That|These|Those|Some|Many)\b)(?:{_NAME},[^,]{{2,80}},|(?:[A-Z][\w.'’-]*\s+){{1,4}}[A-Z][\w.'’-]*)"
    r"\s+(?:\(?(?:L|R|C|left|right|centre|center)\)?,?\s+)?"
    r"(?:speaks|talks|gestures|attends|arrives|arrive|walks|walk|looks on|look on|poses|pose|listens|waves|addresses|delivers"
    r"|holds|sits|stands|is seen|are seen|shakes hands|shake hands|meets|meet|reacts|react|smiles|greets|greet|leaves|leave|"
    r"enters|departs|applauds|applaud|prays|pray|salutes|casts)\b",
)
_CONTACT = re.compile(
    r"\b\d{3}[-.)\s]\s?\d{3}[-.\s]\d{4}\b|\bwww\.|https?://|\b[\w.+-]+@[\w-]+\.[\w.]+\b"
    r"|\b(?:call|phone|text|email|e-mail|contact)\s+(?:us|\d)"
    r"|\b(?:sign up|subscribe|newsletter|click here|tap here|follow us|follow him|follow her|download (?:the|our) app"
    r"|for more information|more information is available|meeting times|register (?:at|online|here)|buy tickets"
    r"|tickets are|read more|read this|watch live|listen live|all rights reserved|terms of use|privacy policy)\b",
    re.I,
)
_CUT_OFF = re.compile(r"(?:\.\.\.|…|\[…\]|\[\.\.\.\]|\(…\)|\(\.\.\.\))[\s\"”’')\]]*$")
_HOLE = re.compile(r"\s[.,;:!?](?:\s|$)|\(\s*\)")
_LIST_MARK = re.compile(r"^\s*(?:[-–—•*·▪►]|\d+[.)]\s)")
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
# Function words that a sentence writes in lower case and a heading capitalises.
_FUNCTION = frozenset("a an the of and or for to in on at by with from as after before into over under about".split())


def unfit_reason(text: str) -> str | None:
    """The first rule `text` breaks as a line of a briefing, or None when it stands alone."""
    words = text.split()
    if len(words) < MIN_WORDS:
        return "under 8 words"
    if _CUT_OFF.search(text):
        return "cut off with …"
    if _HOLE.search(text):
        return "a hole where words were dropped"
    if _LIST_MARK.match(text):
        return "listing"
    if _CREDIT.search(text) or _CAPTION.match(text):
        return "photo caption or credit"
    if _CONTACT.search(text):
        return "contact line or promotion"
    if _title_case(text):
        return "listing or heading"
    if leans_back(text):
        return "points back"
    if _unattributed_quote(text):
        return "quotation without its speaker"
    return None


def fit(sentence: Sentence) -> bool:
    """True when the sentence may be picked: it stands alone, or only points back (and is
    joined to the sentence before it when picked)."""
    reason = unfit_reason(sentence.text)
    return reason is None or reason == "points back"


def _title_case(text: str) -> bool:
    """Written like a heading ("Surviving After Suicide support group For family and
    friends."): function words capitalised inside it, or every word capitalised. Names
    alone do not count: "Russian President Vladimir Putin met US envoy …" is a sentence."""
    words = _WORD.findall(text)[1:]
    capital_function = sum(1 for w in words if w[0].isupper() and w.lower() in _FUNCTION)
    return capital_function >= 2 or (len(words) >= 5 and all(w[0].isupper() for w in words))


def _unattributed_quote(text: str) -> bool:
    """Someone's words with nobody named as saying them: an opening quotation mark with no
    speech verb, or "we"/"I" outside quotation marks with no speech verb ("We came here for
    a fair deal." is a quote cut from its speaker)."""
    if _SPEECH.search(text):
        return False
    if text.lstrip()[:1] in "“\"‘":
        return True
    return bool(_FIRST_PERSON.search(_QUOTED.sub(" ", text)))


def standalone_factor(sentence: Sentence) -> float:
    """Sentences that read badly alone in a briefing rank lower (never higher).

    A sentence that leans on the one before is not penalised here: it is joined to it
    when picked (see `picking`), so it stands alone by then.
    """
    factor = 1.0
    text = sentence.text
    n_words = len(text.split())
    if text.count("“") != text.count("”") or text.count('"') % 2:
        factor *= 0.7
    if n_words < 8:
        factor *= 0.7
    elif n_words > 60:
        factor *= 0.8
    if text.endswith("?"):
        factor *= 0.8
    elif text.endswith(":"):
        factor *= 0.5  # introduces a list or a quote that is not part of it
    return factor
