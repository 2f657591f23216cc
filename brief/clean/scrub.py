"""Scrub: what a page glues onto the news inside a paragraph is cut off, and the sentence
kept — a wire dateline or tag at its start ("VILNIUS, (Reuters) – ", "(CNN) — ",
"Nov 25 (Interfax) - ", "THE HAGUE: ", "Baku, Nov 24 "), a lead-in label ("Why it
matters:", "Details:"), a photo credit at its end ("… Credit: AP/Staff"). A paragraph
that is all caption ("Maria Jensen, the Danish climate envoy, speaks during a news
conference …", "Photo: …", "FILE - In this photo …") is left out.

Hand-written: these are newsroom conventions, not language. trafilatura keeps figure
captions out of the text but not a credit or dateline inside a paragraph, and no other
extraction library removes them from the text it keeps.
"""

from __future__ import annotations

import re

from .paragraphs import FUNCTION_WORDS

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = rf"{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?"
# Wire services and broadcasters that tag the first paragraph: "(Reuters)", "(CNN Business)".
_WIRE = (
    r"Reuters|AP|AFP|CNN|Interfax|TASS|Xinhua|Bloomberg|UPI|dpa|ANSA|EFE|Ukrinform|RIA Novosti|PTI|IANS|"
    r"Yonhap|Kyodo|BBC|Sputnik|Anadolu|AA|IRNA|WAM|SPA|RFE/RL|CNBC|ABC|NBC|CBS|AP Photo|Interfax-Ukraine|UNIAN"
)
# "(Reuters)", "(CNN Business)", and a local station's call sign: "(KXAN)", "(WSVN)".
_TAG = rf"\((?:(?:{_WIRE})(?:\s+[A-Z][\w]+)?|[A-Z][A-Z0-9&/.-]{{1,11}})\)"
_DASH = r"\s*(?:[-—–]{1,2}|:)\s*"
_PLACE_CAPS = r"[A-Z][A-Z.'’ -]{1,}[A-Z.]"  # KYIV, THE HAGUE, ST. PETERSBURG
_PLACE = r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2}"  # Baku, New Delhi
_NEXT = r"(?=[A-Z“\"‘'])"
_DATELINES = [
    # "KYIV - ", "GENEVA, Nov. 18 - ", "VILNIUS, (Reuters) – ", "THE HAGUE: ", "LONDON, Nov 24 (Reuters) -"
    re.compile(rf"^{_PLACE_CAPS}(?:,\s+[A-Z][\w.’' ]{{1,30}}?){{0,2}}(?:,?\s*{_TAG})?{_DASH}{_NEXT}"),
    # "(CNN) — ", "(CNN)Top Russian negotiator …"
    re.compile(rf"^{_TAG}\s*(?:[-—–]{{1,2}}\s*)?{_NEXT}"),
    # "Nov 25 (Interfax) - "
    re.compile(rf"^{_DATE}\s*(?:{_TAG})?{_DASH}{_NEXT}"),
    # "Baku, Nov 24 The presidency …", "Baku, Nov 24 (Reuters) - "
    re.compile(rf"^{_PLACE},\s+{_DATE}\s*(?:{_TAG})?(?:{_DASH}|\s+){_NEXT}"),
    # "Moscow (Reuters) - ", "Washington (CNN) — "
    re.compile(rf"^{_PLACE}\s*{_TAG}{_DASH}{_NEXT}"),
]
# Lead-in labels of explainer formats: "Why it matters: The vote …".
_LABEL = re.compile(
    r"^(?:Why it matters|The big picture|Big picture|Details|The details|Driving the news|What's next|What’s next|"
    r"Between the lines|The bottom line|Bottom line|Zoom in|Zoom out|Flashback|Catch up quick|Yes, but|The latest|"
    r"Context|Background|What they're saying|What they’re saying|By the numbers|The other side|State of play|"
    r"Reality check|Be smart|The backstory|Key quote|The intrigue|Where it stands|What we're watching|"
    r"What we’re watching|The catch|Go deeper|Our thought bubble|Threat level|The stakes)\s*:\s+(?=\S)"
    # a page's label in capitals glued to the front: "EXCLUSIVE: ", "WATCH - ", "CLOSE Pete …"
    r"|^(?:CLOSE|EXCLUSIVE|WATCH|VIDEO|PHOTOS?|LISTEN|UPDATED?|BREAKING(?: NEWS)?|LIVE|OPINION|ANALYSIS)"
    r"(?:\s*[:—–-]\s*|\s+(?=[A-Z“\"]))"
)
# A photo credit glued to the end of a paragraph: "… progress Credit: AP/Staff", "(AP Photo/…)".
CREDIT = re.compile(
    r"\b(?:Credits?|Photo(?:graph)?s?|Image|Picture|Illustration|Video|Caption|Source)\s*:"
    r"|\((?:AP|AFP|Reuters|Getty|EPA|PA)(?: Photo)?[^)]*\)"
    r"|\b(?:AP|AFP|Reuters|EPA)\s*/\s*\w"
    r"|\b(?:Getty Images|Shutterstock|AP Photo|AFP via Getty|File photo|Photo by|Photographer)\b"
    r"|\((?:Associated Press|Agence France-Presse)\)"
    r"|^(?:Starring|Directed by|Screenplay by|Written and directed by)\b|\bpresents a (?:film|production) (?:directed )?by\b",
    re.I,
)
_TRAILING_CREDIT = re.compile(
    r"(?:(?<=[\w.!?”’\"')])\s*(?:Credits?|Photo(?:graph)?s?|Image|Picture|Illustration)\s*:\s*[^.!?]{1,80}"
    r"|(?<=[\w.!?”’\"')])\s*\((?:AP|AFP|Reuters|Getty Images|EPA|PA)(?: Photo)?(?:/[^)]{0,60})?\)"
    r"|(?<=[.!?”’\"])\s*(?:AP|AFP|Reuters|EPA|Getty Images|Shutterstock)(?:\s*/\s*[\w .'’-]{1,40})?"
    r")\s*$"
)
# "John Podesta, US climate envoy, speaks during a news conference …": a caption describes
# a picture in the present tense, a name first.
_NAME = r"(?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.'’-]*"
CAPTION = re.compile(
    rf"^(?!(?:The|A|An|This|That|These|Those|Some|Many)\b)(?:{_NAME},[^,]{{2,80}},|(?:[A-Z][\w.'’-]*\s+){{1,4}}[A-Z][\w.'’-]*)"
    r"\s+(?:\(?(?:L|R|C|left|right|centre|center)\)?,?\s+)?"
    r"(?:speaks|talks|gestures|attends|arrives|arrive|walks|walk|looks on|look on|poses|pose|listens|waves|addresses|delivers"
    r"|holds|sits|stands|is seen|are seen|shakes hands|shake hands|meets|meet|reacts|react|smiles|greets|greet|leaves|leave|"
    r"enters|departs|applauds|applaud|prays|pray|salutes|casts)\b",
)
_CAPTION_OPENING = re.compile(
    r"^(?:Photo|Image|Picture|Pictured|Caption|Above|Top|Left|Right|Main picture|FILE PHOTO|File photo)\s*:|^FILE\s*[-—–]\s",
)
CAPTION_MAX_WORDS = 60
CREDIT_TAIL = 160  # characters at a paragraph's end where a glued credit can be
_ENDS = re.compile(r"[.!?…:;][\"'”’»)\]]*$")


def strip_dateline(paragraph: str) -> str:
    """The paragraph without a wire dateline or tag at its start; not part of the news."""
    for pattern in _DATELINES:
        stripped = pattern.sub("", paragraph, count=1)
        if stripped is not paragraph and stripped != paragraph:
            return stripped
    return paragraph


def is_caption(paragraph: str) -> bool:
    """A short paragraph that describes a picture ("Photo: …", "X speaks during …")."""
    if len(paragraph.split()) > CAPTION_MAX_WORDS:
        return False
    return bool(_CAPTION_OPENING.match(paragraph) or CAPTION.match(paragraph))


# A space before punctuation: after a word that can end a phrase it is only spacing
# ("Chevron Corp ."), after "for", "and", "the"… a word was dropped (a hole, never shown).
_SPACED_MARK = re.compile(r"(?<=[^\W\d_])(\w*) +([.,;:!?])(?=\s|$)")


_SPACE_BEFORE_MARK = re.compile(r" [.,;:!?]")  # the cheap test first: most paragraphs have none


def _close_up(text: str) -> str:
    def repair(m: re.Match[str]) -> str:
        word = (text[: m.start()].rsplit(None, 1) or [""])[-1] + m.group(1)
        return m.group(0) if word.lower() in FUNCTION_WORDS else m.group(1) + m.group(2)

    return _SPACED_MARK.sub(repair, text) if _SPACE_BEFORE_MARK.search(text) else text


def scrub(paragraph: str) -> str | None:
    """A prose paragraph without its dateline, lead-in label and trailing credit, and
    without stray spaces before punctuation; None when the whole paragraph is a caption."""
    if is_caption(paragraph):
        return None
    text = _close_up(strip_dateline(paragraph))
    text = _LABEL.sub("", text, count=1)
    head, tail = text[:-CREDIT_TAIL], text[-CREDIT_TAIL:]  # a credit ends the paragraph: look at its end only
    uncredited = (head + _TRAILING_CREDIT.sub("", tail, count=1)).rstrip()
    if uncredited != text and uncredited and not _ENDS.search(uncredited):
        uncredited += "."  # the credit was glued on where the sentence's full stop belonged
    return uncredited or None
