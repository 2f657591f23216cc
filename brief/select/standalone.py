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

from ..clean.scrub import CAPTION as _CAPTION
from ..clean.scrub import CREDIT as _CREDIT
from ..model import Sentence
from ..segment import SPEECH_VERBS, is_bare_quote, leans_back

MIN_WORDS = 8

# Who says it: the speech verbs of attributions, and those that name a speaker without
# being a bare attribution ("Our sources say …", "he tweeted").
_SPEECH = re.compile(
    rf"\b(?:{SPEECH_VERBS}|say|tell|announced|declared|tweeted|quipped|admitted|recalled|acknowledged"
    r"|according to|quoted|quoting|in a statement)\b",
    re.I,
)
_FIRST_PERSON_OPENING = re.compile(r"(?:I|I'm|I’m|I've|I’ve|I'd|I’d|We|We're|We’re|We've|We’ve|Our|My)\b")
# A label glued to the front of a sentence by the page ("CLOSE", "EXCLUSIVE:", "WATCH:").
_LABEL = re.compile(r"^(?:CLOSE|EXCLUSIVE|WATCH|VIDEO|PHOTOS?|LISTEN|UPDATED?|BREAKING|LIVE|OPINION|ANALYSIS)\b[:\s—–-]")
_CONTACT = re.compile(
    r"\b\d{3}[-.)\s]\s?\d{3}[-.\s]\d{4}\b|\bwww\.|https?://|\b[\w.+-]+@[\w-]+\.[\w.]+\b"
    r"|\b(?:call|phone|text|email|e-mail|contact)\s+(?:us|\d)"
    r"|\b(?:sign up|subscribe|newsletter|click here|tap here|follow us|follow him|follow her|download (?:the|our) app"
    r"|for more information|more information is available|meeting times|register (?:at|online|here)|buy tickets"
    r"|push notifications|copy this code|autoplay"
    r"|tickets are|read more|read this|watch live|listen live|all rights reserved|terms of use|privacy policy)\b",
    re.I,
)
# Site text speaks to the reader ("You can add location information to your Tweets …",
# "When you tweet with a location, …"); news speaks about someone.
_TO_THE_READER = re.compile(r"(?:(?:when|if|once|before|after)\s+)?(?:you|your)\b(?!['’]?\w*”)", re.I)
_CUT_OFF = re.compile(r"(?:\.\.\.|…|\[…\]|\[\.\.\.\]|\(…\)|\(\.\.\.\))[\s\"”’')\]]*$")
_HOLE = re.compile(r"\s[.,;:!?](?:\s|$)|\(\s*\)")
_LIST_MARK = re.compile(r"^\s*(?:[-–—•*·▪►]|\d+[.)]\s)")
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
# Function words that a sentence writes in lower case and a heading capitalises.
_FUNCTION = frozenset("a an the of and or for to in on at by with from as after before into over under about".split())


def unfit_reason(text: str, one_sentence: bool = False, own_voice: bool = False) -> str | None:
    """The first rule `text` breaks as a line of a briefing, or None when it stands alone.

    A pick may be several sentences (one that leans on the sentence before is shown with
    it): whether it points back or quotes someone unnamed is asked of its first sentence,
    the rest of the whole text. `one_sentence`: `text` is known to be one sentence;
    `own_voice`: its first sentence is in the article's own voice (`Sentence.own_voice`).
    """
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
    if _CONTACT.search(text) or _TO_THE_READER.match(text):
        return "contact line or promotion"
    if _title_case(text) or _LABEL.match(text):
        return "listing or heading"
    first = text if one_sentence else _first_sentence(text)
    if leans_back(first) and not (is_bare_quote(first) and _SPEECH.search(text)):
        return "points back"  # (a bare quote is fine when the pick goes on to name who said it)
    if unattributed_quote(first, own_voice) and (first is text or not _SPEECH.search(text)):
        return "quotation without its speaker"  # (a quote whose speaker a joined sentence names is fine)
    return None


def fit(sentence: Sentence) -> bool:
    """True when the sentence may be picked: it stands alone, or only points back or
    quotes without naming the speaker (it is joined to the sentence before, or to the one
    after that names the speaker, when picked; `picking`)."""
    reason = unfit_reason(sentence.text, one_sentence=True, own_voice=sentence.own_voice)
    return reason in (None, "points back", "quotation without its speaker")


def _first_sentence(text: str) -> str:
    from ..segment import split_sentences

    found = split_sentences(text)
    return found[0] if found else text


def _title_case(text: str) -> bool:
    """Written like a heading ("Surviving After Suicide support group For family and
    friends."): function words capitalised inside it, or every word capitalised. Names
    alone do not count: "Russian President Vladimir Putin met US envoy …" is a sentence."""
    words = _WORD.findall(text)[1:]
    capital_function = sum(1 for w in words if w[0].isupper() and w.lower() in _FUNCTION)
    return capital_function >= 2 or (len(words) >= 5 and all(w[0].isupper() for w in words))


def unattributed_quote(text: str, own_voice: bool = False) -> bool:
    """Someone's words with nobody named as saying them: a sentence that is a quotation
    (it opens with a quotation mark that closes only at its end, or never) with no speech
    verb, or one that opens with "I" or "We" outside quotation marks and names no speaker
    ("We came here for a fair deal." is a quote cut from its speaker) — unless it is in
    its article's own voice (an essay, a letter, a statement: the citation names who)."""
    if _SPEECH.search(text):
        return False
    stripped = text.strip()
    if stripped[:1] in "“\"‘":
        closing = max(stripped.rfind("”", 1), stripped.rfind('"', 1), stripped.rfind("’", 1))
        return closing == -1 or closing >= len(stripped) - 3
    return not own_voice and bool(_FIRST_PERSON_OPENING.match(stripped))


def names_speaker(text: str) -> bool:
    """A sentence that says who is speaking: a speech verb, or a colon announcing a quote."""
    return bool(_SPEECH.search(text)) or text.rstrip().endswith(":")


def quote_attributed(text: str) -> bool:
    """A sentence that closes a quotation and names who said it (`…,” the minister said.`)."""
    return bool(re.search(r"[”\"]", text)) and bool(_SPEECH.search(text))


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
