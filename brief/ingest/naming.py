"""Names of sources: a real headline and outlet for every article, whatever the input.

A reader cites an article by its headline and outlet, so neither may be a file name, a
byline, a breadcrumb, a CMS name, a site slogan or a feed title's decoration. The readers
collect candidates in order of trust (front matter and JSON fields; the page's og:title,
og:site_name, og:url, JSON-LD and canonical link; its <title>; a headline line; the lead)
and these rules reject and clean them.

Why hand-written: no library does this well. trafilatura's metadata
(`bare_extraction(with_metadata=True)`: title, sitename, url, hostname) lets JSON-LD
override og:title (a JSON-LD headline that is the CMS name "escenic"), reads meta tags only
inside <head>, title-cases a bare Twitter handle into a site name ("timesofisrael" →
"Timesofisrael") and keeps slogans and <title> suffixes as they are ("WSVN 7News | Miami
News, Weather, Sports | Fort Lauderdale", "… | The Japan Times"). extruct (checked, not
used) extracts og, JSON-LD and microdata syntactically but chooses and cleans nothing, and
would add rdflib, mf2py and w3lib. feedparser gives a feed's title as written
("NYT > Top Stories"). So trafilatura's values are used as late candidates and lxml reads
the rest (`pagemeta`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

# Between a headline and a site name (or between a feed's name and its section): pipes,
# spaced dashes, bullets, guillemets and chevrons, colons, and the " l " some sites use.
_SEP_PATTERN = r"\s*\|\s*|\s+[-–—~·•»›>/]\s+|\s+::?\s+|:\s+|\s+l\s+"
_SEP = re.compile(f"({_SEP_PATTERN})")
_URL = re.compile(r"(?i)^(?:[a-z][a-z0-9+.-]*://|www\.)\S+$")
_DOMAIN = re.compile(r"(?i)^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/\S*)?$")
_BYLINE = re.compile(r"(?i)^(?:by|written by|words by|story by|reporting by)\s+\S")
_GLUED = re.compile(r"(?:[A-Z][a-z]{2,}){2,}[A-Z]|(?:[A-Z][a-z]{2,}){3,}")  # "HomeEuropeVILNIUS"
_DATE_WORDS = frozenset(
    "jan january feb february mar march apr april may jun june jul july aug august sep sept september "
    "oct october nov november dec december mon monday tue tues tuesday wed wednesday thu thur thurs "
    "thursday fri friday sat saturday sun sunday am pm a.m. p.m. utc gmt est edt cst cdt pst pdt cet cest "
    "bst updated published posted last first modified on at".split()
)
# Feed and site-name decorations: a part made only of these words is a section, not a name.
_GENERIC = frozenset(
    "latest top stories story news headlines headline articles article home homepage front page feed feeds "
    "rss atom all breaking recent posts post most popular read updates update world national international "
    "local politics business sport sports opinion the and & of from in on today daily edition section "
    "channel blog us u.s. uk main live entries items content new newest more".split()
)
# Content-management systems whose name ends up as a page's title or headline.
GENERATORS = frozenset(
    "escenic wordpress drupal joomla arc arcpublishing brightspot ghost wix squarespace typo3 contentful "
    "blogger hugo jekyll gatsby nextjs sitecore aem polopoly methode clickability wagtail sanity strapi "
    "hubspot weebly webflow tumblr mediawiki movabletype expressionengine craftcms umbraco liferay "
    "magnolia blox bloxcms townnews naviga atex ellington cue eznews ezpublish newspack".split()
)
_SECOND_LEVEL = frozenset("co com net org gov ac edu ne or go gob nic ltd plc".split())
_FUNCTION_END = frozenset("a an the of to in on and or for with at by from as that its their his her is are was".split())
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Sr|Jr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof|Inc|Co|Corp|Ltd|No|vs|Jan|Feb|Mar|Apr"
    r"|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mt|Ft|Ave|approx)|\b[A-Z](?:\.[A-Z])*)\.$"
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_WIRE_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]{2,40}(?:\([^)]{1,30}\))?\s*[-–—]+\s+(?=\S)")
TITLE_CHARS = 100  # a headline made from an article's lead is cut to about this many characters


def one_line(value: object) -> str | None:
    """A string as one line; None when it is not a string or is empty."""
    return " ".join(value.split()) or None if isinstance(value, str) else None


def decoded(value: object) -> str | None:
    """A page's metadata value as one line, entities decoded and tags dropped (JSON-LD
    often carries "&#8211;" and "<b>")."""
    if not isinstance(value, str):
        return None
    if "&" in value:
        value = html.unescape(value)
    return one_line(re.sub(r"</?[A-Za-z][^<>]{0,200}>", " ", value) if "<" in value else value)


def squash(text: str) -> str:
    """Letters and digits only, lower case: "The Times of Israel" → "thetimesofisrael"."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def host_of(url: str | None) -> str | None:
    """The host of an http(s) URL without "www.", lower case; None without one."""
    if not url or "://" not in url:
        return None
    try:
        name = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return None
    return name.removeprefix("www.") or None


def site_label(host: str | None) -> str:
    """The name part of a host: "kbs" for world.kbs.co.kr, "nytimes" for www.nytimes.com."""
    if not host:
        return ""
    parts = [p for p in host.lower().removeprefix("www.").split(".") if p]
    if len(parts) >= 3 and len(parts[-1]) == 2 and parts[-2] in _SECOND_LEVEL:
        return parts[-3]
    return parts[-2] if len(parts) >= 2 else (parts[0] if parts else "")


def matches_host(name: str, host: str | None) -> bool:
    """True when a name spells the site's host: "The Times of Israel" for timesofisrael.com,
    "BBC News" for bbc.com, "DW" for dw.com (never a short generic word)."""
    label, sq = site_label(host), squash(name)
    if not label or not sq:
        return False
    if sq in (label, squash(host or "")):
        return True
    if label in _GENERIC:  # news.com.au: "Breaking news" does not name the site
        return False
    initials = "".join(w[0] for w in re.findall(r"\w+", name.casefold()) if w not in ("the", "of", "and"))
    if len(initials) >= 3 and initials == label:  # "South China Morning Post" for scmp.com
        return True
    if len(label) >= 3 and (sq.startswith(label) or sq.endswith(label)) and len(sq) - len(label) <= 12:
        return len(name.split()) <= 4  # "BBC News", "The Times of Israel", "KBS WORLD"
    return len(sq) >= 4 and sq in label and len(sq) >= 0.6 * len(label)


def is_url_or_domain(text: str) -> bool:
    text = text.strip()
    return bool(_URL.match(text) or _DOMAIN.match(text))


LINE_CHARS = 400  # longer is a paragraph: never a breadcrumb or a date line (and not scanned as one)
LEAD_CHARS = 20_000  # a headline is made from the start of the text only


def is_byline(text: str) -> bool:
    """"By Jennifer Hansler, CNN" and the like: who wrote it, not what it is about."""
    return bool(_BYLINE.match(text.strip())) and len(text.split()) <= 14


def is_breadcrumb(text: str) -> bool:
    """Navigation run together into one line: "HomeEuropeVILNIUS SUMMIT : NATO welcomes…",
    "Home › World › Europe", "News : World : Europe"."""
    text = text.strip()
    if len(text) > LINE_CHARS:
        return False  # a paragraph, not a line of navigation
    if re.match(r"^Home(?:[A-Z]|\s*[›»>/|:])", text) or re.search(r"\s[›»]\s|\S[›»]\S", text):
        return True
    if text.count(" > ") >= 2 or text.count(" / ") >= 2 or text.count(" : ") >= 2:
        return True
    return bool(_GLUED.search(text)) and " : " in text


def is_dateline(text: str) -> bool:
    """A line that only says when: "Updated 10:32 AM EST, Tue November 21, 2023"."""
    if len(text) > LINE_CHARS:
        return False
    words = re.findall(r"[^\s,|·•–—-]+", text.casefold())
    if not words or len(words) > 12:
        return False
    rest = [w for w in words if w.strip(".") not in _DATE_WORDS and not re.fullmatch(r"[\d:./]+(?:st|nd|rd|th|h)?", w)]
    return not rest


def generator_names(values: Iterable[str]) -> set[str]:
    """The CMS names a page declares (meta generator "WordPress 6.4" → "wordpress")."""
    names: set[str] = set()
    for value in values:
        words = [w for w in re.split(r"[\s/;,]+", value) if w and not re.match(r"^v?\d", w)]
        if words:
            names.update({squash(words[0]), squash(" ".join(words))})
    return {n for n in names if n}


def usable_title(text: str | None, *, outlets: Sequence[str] = (), generators: Iterable[str] = (),
                 authors: Iterable[str] = ()) -> bool:
    """False for what is never a headline: a byline or author name, a breadcrumb, a CMS
    name, a bare URL or domain, the outlet's own name, a date, or a few characters."""
    if not text or len(text) < 2 or not re.search(r"[^\W\d_]", text):
        return False
    sq = squash(text)
    if is_byline(text) or is_breadcrumb(text) or is_url_or_domain(text) or is_dateline(text):
        return False
    if sq in GENERATORS or sq in set(generators) or sq in {squash(a) for a in authors if a}:
        return False
    return sq not in {squash(o) for o in outlets if o}


def title_parts(text: str) -> list[tuple[str, str]]:
    """(separator before it, part) for each part of a "Headline | Section | Site" string."""
    pieces = _SEP.split(text)
    out = [("", pieces[0])]
    for i in range(1, len(pieces) - 1, 2):
        out.append((pieces[i], pieces[i + 1]))
    return [(sep, part.strip()) for sep, part in out if part.strip()]


def _is_date(part: str) -> bool:
    return bool(re.fullmatch(r"[\d./: -]{6,}", part)) or is_dateline(part)


def _is_site(part: str, names: Sequence[str], host: str | None) -> bool:
    sq = squash(part)
    return bool(sq) and (sq in {squash(n) for n in names if n} or matches_host(part, host) or is_url_or_domain(part))


def strip_site(title: str, names: Sequence[str] = (), host: str | None = None) -> str:
    """A headline without the site name a <title> or og:title carries: " | Site", " - Site",
    " — Site", ": Site", "Site - " in front, a trailing date, and the section crumbs left
    between headline and site ("… | Education | The Guardian")."""
    text, site_cut = title, False
    for name in sorted((n for n in names if n), key=len, reverse=True):
        pattern = re.escape(name)
        cut = re.sub(rf"(?i)^(.*\S)(?:{_SEP_PATTERN})\s*{pattern}\s*$", r"\1", text)
        if cut == text:
            cut = re.sub(rf"(?i)^\s*{pattern}(?:{_SEP_PATTERN})(.*\S)$", r"\1", text)
        if cut != text and len(cut.split()) >= 2:
            text, site_cut = cut, True
    parts = title_parts(text)
    while len(parts) > 1:
        sep, last = parts[-1]
        head_words = sum(len(p.split()) for _, p in parts[:-1])
        if _is_site(last, names, host):
            site_cut = True
        elif not (_is_date(last) or (site_cut and "|" in sep and head_words >= 3 and len(last.split()) <= 8)):
            break
        parts.pop()
    if len(parts) > 1 and _is_site(parts[0][1], names, host) and sum(len(p.split()) for _, p in parts[1:]) >= 3:
        parts = [("", parts[1][1]), *parts[2:]]
    return "".join(sep + part for sep, part in parts).strip() or title


def guess_site(title: str) -> tuple[str, str | None]:
    """A <title> whose site name nothing else confirms: a short last part after " | " or a
    spaced dash is taken for the site ("Headline | Section | Site" loses both)."""
    parts = title_parts(title)
    if len(parts) < 2 or ":" in parts[-1][0]:
        return title, None
    sep, last = parts[-1]
    head = parts[:-1]
    if len(last.split()) > 5 or _is_section(last) or sum(len(p.split()) for _, p in head) < 3:
        return title, None
    if len(head) > 1 and "|" in head[-1][0] and len(head[-1][1].split()) <= 3:
        head = head[:-1]  # the section crumb before the site
    return "".join(s + p for s, p in head).strip(), last


def choose_title(candidates: Iterable[str | None], *, outlets: Sequence[str] = (), host: str | None = None,
                 generators: Iterable[str] = (), authors: Iterable[str] = ()) -> str | None:
    """The first candidate that, cleaned of its site suffix, reads as a headline."""
    generators = set(generators)
    for candidate in candidates:
        text = one_line(candidate)
        if not text:
            continue
        text = strip_site(text, outlets, host)
        if usable_title(text, outlets=outlets, generators=generators, authors=authors):
            return shorten(text, 200) if len(text) > 200 else text
    return None


def _quality(name: str, host: str | None) -> int:
    """How much an outlet name looks like a real one: 3 a proper name that spells the host,
    2 a proper name, 1 squashed or a domain written with capitals ("KnowTechie", "DW.COM"),
    0 a lower-case handle or squashed host ("nj", "barronsonline")."""
    if is_url_or_domain(name):
        return 1 if any(ch.isupper() for ch in name) else 0
    if " " not in name and not re.search(r"[^\w]", name):
        if name.islower():
            return 0
        if re.search(r"[a-z][A-Z]", name):
            return 1
    return 3 if matches_host(name, host) else 2


def clean_outlet(name: object, host: str | None = None) -> str | None:
    """An outlet name without site slogans or feed decorations: "NYT > Top Stories" → "NYT",
    "Latest articles - The Japan Times" → "The Japan Times", "News : NPR" → "NPR",
    "WSVN 7News | Miami News, Weather, Sports | Fort Lauderdale" → "WSVN 7News",
    "https://www.hawaiinewsnow.com" → "hawaiinewsnow.com"; None when nothing is a name."""
    text = one_line(name)
    if not text:
        return None
    text = text.lstrip("@").strip()
    if _URL.match(text) and "://" in text:
        return host_of(text)
    if _URL.match(text):
        return text.lower().removeprefix("www.").split("/", 1)[0]
    parts = [p for _, p in title_parts(text)]
    keep = [p for p in parts if not _is_section(p) and not _is_slogan(p) and not _is_date(p)]
    if not keep:
        return None
    matching = [p for p in keep if matches_host(p, host)]
    return (matching or keep)[0]


def _is_section(part: str) -> bool:
    words = re.findall(r"[\w.&']+", part.casefold())
    return bool(words) and all(w in _GENERIC for w in words)


def _is_slogan(part: str) -> bool:
    return ", " in part or len(part.split()) > 5


def choose_outlet(candidates: Iterable[str | None], host: str | None, *, title: str | None = None,
                  weak: Iterable[str | None] = ()) -> str | None:
    """The best of a page's outlet names (cleaned): one that spells the host, else the first
    proper one, else a squashed one, else the host itself; never the headline. `weak` names
    (a Twitter handle) count as squashed ones at best."""
    best: tuple[int, int, str] | None = None
    seen: list[str] = []
    ranked = [(c, False) for c in candidates] + [(c, True) for c in weak]
    for order, (candidate, is_weak) in enumerate(ranked):
        name = clean_outlet(candidate, host)
        if not name or (title and squash(name) == squash(title)):
            continue
        seen.append(name)
        quality = _quality(name, host)
        score = (min(quality, 1) if is_weak else quality, -order, name)
        if best is None or score[:2] > best[:2]:
            best = score
    if best is None or best[0] == 0:
        return host or (best[2] if best else None)
    name = best[2]
    if name[:1].islower():  # "the Guardian" when "The Guardian" is also given
        name = next((s for s in seen if squash(s) == squash(name) and s[:1].isupper()), name)
    return name


def user_outlet(name: object, host: str | None) -> str | None:
    """An outlet given in front matter, a JSON field or a feed, cleaned (None without one);
    a bare handle ("nj") gives way to the URL's host. The user's fields come first in
    trust, so a name the rules would reject as a whole (a slogan) is kept as given."""
    given = one_line(name)
    if not given:
        return None
    cleaned = clean_outlet(given, host)
    if cleaned and _quality(cleaned, host) == 0 and host:
        return host
    return cleaned or given


def first_sentence(paragraph: str) -> str:
    """The paragraph's first sentence (a period after "Mr" or "U.S" does not end one)."""
    for m in _SENTENCE_END.finditer(paragraph):
        if m.group().startswith(".") and _ABBREV.search(paragraph[: m.start() + 1]):
            continue
        return paragraph[: m.end()]
    return paragraph


def shorten(text: str, limit: int = TITLE_CHARS) -> str:
    """Cut at a word boundary to about `limit` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    words = text[: limit + 1].split()
    if len(words) > 1 and not text[limit : limit + 1].isspace():
        words = words[:-1]  # the last word was cut through
    while len(words) > 3 and words[-1].casefold().strip(",;:") in _FUNCTION_END:
        words.pop()
    return " ".join(words).rstrip(" ,;:–—-") + "…"


def headline_from_text(text: str | None, limit: int = TITLE_CHARS) -> str | None:
    """A headline made from the article's lead when nothing better is known: its first
    sentence (past a byline, date line or wire dateline), shortened; a closing period is
    dropped so the title never equals the paragraph it came from."""
    for block in re.split(r"\n\s*\n", (text or "")[:LEAD_CHARS]):  # paragraphs; a hard-wrapped one is rejoined
        para = " ".join(block.split())
        if len(para.split()) < 3 or is_byline(para) or is_dateline(para) or is_breadcrumb(para):
            continue
        sentence = first_sentence(_WIRE_DATELINE.sub("", para, count=1))
        if len(sentence) > limit:
            return shorten(sentence, limit)
        title = sentence[:-1] if sentence.endswith(".") and not sentence.endswith("..") else sentence
        return title if title != para else title + "…"
    return None
