"""Select: pick the key sentences of each theme across all articles.

Steps, each a function below:
1. merge near-duplicate sentences across the pile (one stands, the others become `also_in`);
2. score every sentence's relevance to every theme: keyword matches (a keyword that only
   names a speaker, "a NATO official said", counts little), plus how much the rest of the
   sentence resembles the theme's other sentences today, plus whether its article is about
   the theme at all;
3. give each sentence to the one theme it fits best, if it clears the relevance threshold
   (a threshold, not a quota: a thin theme gets fewer sentences, never off-topic ones);
4. rank each theme's sentences with a sumy summarizer over that theme's pool, blended with
   relevance and small penalties for sentences that cannot stand alone;
5. take the top N, skipping any too similar to one already taken.
"""

from __future__ import annotations

import math
import re
import warnings
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from . import nlp
from .model import Article, Pick, Section, Sentence, Theme
from .themes import Match, ThemeMatcher

ALGORITHMS = ("lexrank", "textrank", "lsa", "luhn", "edmundson", "kl", "sumbasic")
DEFAULT_ALGORITHM = "textrank"

_ROLE_NOUNS = """official officials diplomat diplomats spokesperson spokesman spokeswoman source
    sources envoy envoys ambassador ambassadors minister ministers chief analyst analysts expert
    experts secretary general officer officers representative representatives""".split()
_SPEECH_VERBS = "said says told added stated noted stressed explained wrote insisted argued replied".split()


@lru_cache(maxsize=1)
def _speaker_stems() -> tuple[frozenset[str], frozenset[str]]:
    """Stems of role nouns ("official") and speech verbs ("said"): a keyword next to one names a speaker."""
    return frozenset(map(nlp.stem, _ROLE_NOUNS)), frozenset(map(nlp.stem, _SPEECH_VERBS))


@dataclass(frozen=True)
class SelectOptions:
    """Knobs of the selector; the defaults are the measured ones (see README)."""

    sentences: int = 5
    algorithm: str = DEFAULT_ALGORITHM
    threshold: float = 1.0
    speaker_weight: float = 0.3
    aside_weight: float = 0.5
    derived_weight: float = 0.5
    context_weight: float = 1.0
    article_weight: float = 0.3
    relevance_share: float = 0.6
    duplicate_jaccard: float = 0.6
    duplicate_containment: float = 0.8
    redundancy_jaccard: float = 0.5


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
    """A text's stems, with the surface form of each word and whether it is an aside."""

    stems: list[str]
    surface: list[str]
    peripheral: list[bool]

    @classmethod
    def of(cls, text: str) -> TextView:
        toks = nlp.tokens(text)
        spans = peripheral_spans(text)
        return cls(
            stems=[nlp.stem(w.lower()) for w, _ in toks],
            surface=[w for w, _ in toks],
            peripheral=[any(a <= pos < b for a, b in spans) for _, pos in toks],
        )


@dataclass
class Unit:
    """A sentence under consideration, with the word-level views the selector needs."""

    sentence: Sentence
    view: TextView
    content: frozenset[str]
    also_in: set[str] = field(default_factory=set)

    @property
    def stems(self) -> list[str]:
        return self.view.stems


@dataclass(frozen=True)
class Relevance:
    score: float
    keywords: tuple[str, ...]
    parts: tuple[tuple[str, float], ...]


# ---------------------------------------------------------------- near-duplicates


def _similar(a: frozenset[str], b: frozenset[str], opts: SelectOptions) -> bool:
    if not a or not b:
        return False
    inter = len(a & b)
    if inter / len(a | b) >= opts.duplicate_jaccard:
        return True
    return min(len(a), len(b)) >= 5 and inter / min(len(a), len(b)) >= opts.duplicate_containment


def merge_near_duplicates(units: list[Unit], opts: SelectOptions) -> tuple[list[Unit], int]:
    """Keep the first of each group of near-identical sentences; the others become `also_in`.

    Candidate pairs come from an inverted index of content-word pairs, so the work grows
    with the number of sentences that share phrasing, not with the square of the pile.
    """
    parent = list(range(len(units)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Word-for-word repeats first, in one pass: a sentence carried by hundreds of articles
    # would otherwise hide behind the frequent-pair cut-off below.
    first_of: dict[tuple[str, ...], int] = {}
    distinct: list[int] = []
    for i, unit in enumerate(units):
        key = tuple(s for s in unit.stems if s in unit.content)
        if key and key in first_of:
            parent[i] = first_of[key]
        else:
            first_of.setdefault(key, i)
            distinct.append(i)

    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i in distinct:
        unit = units[i]
        words = [s for s in unit.stems if s in unit.content]
        for pair in set(zip(words, words[1:])):
            index[pair].append(i)
    for i in distinct:
        unit = units[i]
        words = [s for s in unit.stems if s in unit.content]
        shared: Counter[int] = Counter()
        for pair in set(zip(words, words[1:])):
            postings = index[pair]
            if len(postings) <= 50:
                shared.update(j for j in postings if j > i)
        for j, count in shared.items():
            if count >= 2 and find(i) != find(j) and _similar(unit.content, units[j].content, opts):
                parent[max(find(i), find(j))] = min(find(i), find(j))
    kept: dict[int, Unit] = {}
    dropped = 0
    for i, unit in enumerate(units):
        root = find(i)
        if root == i:
            kept[i] = unit
        else:
            dropped += 1
            keeper = kept[root]
            if unit.sentence.article_id != keeper.sentence.article_id:
                keeper.also_in.add(unit.sentence.article_id)
    return list(kept.values()), dropped


# ---------------------------------------------------------------- relevance


def _derived(word: str, terms: Sequence[str]) -> bool:
    """A verb form the theme did not list: "fueling" or "fueled" for "fuel"."""
    lowered = {t.lower() for t in terms}
    if word in lowered or word.rstrip("s") in lowered or f"{word}s" in lowered:
        return False
    return word.endswith(("ing", "ed")) and not any(t.endswith(("ing", "ed")) for t in lowered)


class ThemeScorer:
    """Relevance of sentences to one theme, learned partly from today's pile."""

    def __init__(self, theme: Theme, opts: SelectOptions) -> None:
        self.theme = theme
        self.matcher = ThemeMatcher(theme)
        self.opts = opts
        self.keyword_stems = {s for phrase in self.matcher.keywords.values() for p, _ in phrase for s in p}
        self.idf: Mapping[str, float] = {}
        self.keywords_of: dict[int, tuple[float, tuple[str, ...]]] = {}
        self.counts: Counter[str] = Counter()
        self.seeds: set[int] = set()
        self.norm2 = 0.0
        self.about: set[str] = set()

    def _weight(self, m: Match, view: TextView) -> float:
        """How much one keyword occurrence says the sentence is about the theme."""
        surface = view.surface[m.start : m.start + m.length]
        if len(surface) == 1 and any(t.isupper() and len(t) > 1 for t in m.terms) and surface[0].islower():
            return 0.0  # an acronym keyword ("SWIFT") does not match the plain word ("swift")
        weight = 1.0
        after = view.stems[m.start + m.length : m.start + m.length + 3]
        roles, speech = _speaker_stems()
        if roles.intersection(after) or (after and after[0] in speech):
            weight = min(weight, self.opts.speaker_weight)  # "a NATO official said", "Rutte said"
        if all(view.peripheral[m.start : m.start + m.length]):
            weight = min(weight, self.opts.aside_weight)
        if len(surface) == 1 and _derived(surface[0].lower(), m.terms):
            weight = min(weight, self.opts.derived_weight)  # "fueling" for the keyword "fuel"
        return weight

    def keyword_score(self, view: TextView) -> tuple[float, tuple[str, ...]]:
        """Sum over distinct keywords of their best occurrence; a phrase counts a little more.

        Keywords met only in asides ("In one village in the Donetsk region, …") add up to
        at most `aside_weight` together: scene-setting is not what the sentence is about.
        """
        best: dict[tuple[str, ...], float] = {}
        aside: dict[tuple[str, ...], bool] = {}
        names: dict[tuple[str, ...], str] = {}
        for m in self.matcher.matches(view.stems):
            key = tuple(view.stems[m.start : m.start + m.length])
            weight = self._weight(m, view) * (1 + 0.25 * (m.length - 1))
            if weight > best.get(key, 0.0):
                best[key], names[key] = weight, m.keyword
                aside[key] = all(view.peripheral[m.start : m.start + m.length])
        core = sum(w for k, w in best.items() if not aside[k])
        side = min(self.opts.aside_weight, sum(w for k, w in best.items() if aside[k]))
        return core + side, tuple(names[k] for k in best if best[k] > 0)

    def learn(self, units: Sequence[Unit], articles: Sequence[Article], idf: Mapping[str, float]) -> None:
        """Profile of today's on-theme vocabulary: what co-occurs with the keywords.

        Keyword scores are kept per sentence, so `relevance` does not match twice, and the
        profile's norm is computed once, so `context` costs only the sentence's own words.
        """
        self.idf = idf
        self.keywords_of = {id(unit): self.keyword_score(unit.view) for unit in units}
        self.counts = Counter()
        self.seeds = set()
        for unit in units:
            if self.keywords_of[id(unit)][0] >= 1.0:
                self.counts.update(unit.content - self.keyword_stems)
                self.seeds.add(id(unit))
        self.norm2 = sum((c * idf.get(t, 0.0)) ** 2 for t, c in self.counts.items())
        for article in articles:
            lead = " ".join([article.title or ""] + [b.text for b in article.blocks[:1]])
            if self.keyword_score(TextView.of(lead))[0] >= 1.0:
                self.about.add(article.id)

    def context(self, unit: Unit) -> float:
        """Cosine between the sentence and the other on-theme sentences (leave-one-out)."""
        terms = unit.content - self.keyword_stems
        own = 1 if id(unit) in self.seeds else 0
        dot = s_norm2 = 0.0
        c_norm2 = self.norm2
        for t in terms:
            w2 = self.idf.get(t, 0.0) ** 2
            c = self.counts.get(t, 0)
            dot += (c - own) * w2
            s_norm2 += w2
            c_norm2 -= own * (c * c - (c - 1) ** 2) * w2  # the sentence's own share leaves the profile
        if c_norm2 <= 1e-12 or not s_norm2:
            return 0.0
        return dot / math.sqrt(c_norm2 * s_norm2)

    def relevance(self, unit: Unit) -> Relevance | None:
        kw, names = self.keywords_of[id(unit)]
        if kw <= 0 or self.matcher.excluded(unit.stems):
            return None
        ctx = self.context(unit)
        art = 1.0 if unit.sentence.article_id in self.about else 0.0
        o = self.opts
        score = kw + o.context_weight * ctx + o.article_weight * art
        parts = (("keywords", round(kw, 3)), ("context", round(ctx, 3)), ("article", art))
        return Relevance(score, names, parts)


def inverse_document_frequency(units: Sequence[Unit]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for unit in units:
        df.update(unit.content)
    n = len(units) or 1
    return {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}


# ---------------------------------------------------------------- ranking


def sumy_ratings(texts: Sequence[str], algorithm: str, bonus_words: Sequence[str] = ()) -> list[float]:
    """Rate every sentence with one of sumy's summarizers, in the input order.

    sumy only returns its top sentences; each summarizer hands its full rating to
    `_get_best_sentences`, so we intercept that call on our instance to read it.
    """
    if len(texts) < 2:
        return [1.0] * len(texts)
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    tokenizer = nlp.SumyTokenizer()
    sentences = [SumySentence(text, tokenizer) for text in texts]
    document = ObjectDocumentModel([Paragraph(sentences)])
    summarizer = _summarizer(algorithm, bonus_words)
    captured: dict[str, object] = {}

    def capture(items, count, rating, *args, **kwargs):  # noqa: ANN001 - sumy's signature
        captured["rating"], captured["args"], captured["kwargs"] = rating, args, kwargs
        return ()

    summarizer._get_best_sentences = capture  # type: ignore[method-assign]
    with warnings.catch_warnings():
        # LexRank divides by a zero norm on degenerate pools; we read the NaN as 0 below.
        warnings.simplefilter("ignore", RuntimeWarning)
        summarizer(document, len(sentences))
    rating = captured.get("rating")
    args, kwargs = captured.get("args", ()), captured.get("kwargs", {})
    out = []
    for sentence in sentences:
        if isinstance(rating, dict):
            value = rating.get(sentence, 0.0)
        elif callable(rating):
            value = rating(sentence, *args, **kwargs)  # type: ignore[arg-type]
        else:
            value = 0.0
        out.append(float(value) if value == value else 0.0)
    return out


def _summarizer(algorithm: str, bonus_words: Sequence[str]):  # noqa: ANN202 - sumy has no types
    from sumy.nlp.stemmers import Stemmer

    stemmer = Stemmer("english")
    stop = nlp.stop_words()
    if algorithm == "lexrank":
        from sumy.summarizers.lex_rank import LexRankSummarizer as cls
    elif algorithm == "textrank":
        from sumy.summarizers.text_rank import TextRankSummarizer as cls
    elif algorithm == "lsa":
        from sumy.summarizers.lsa import LsaSummarizer as cls
    elif algorithm == "luhn":
        from sumy.summarizers.luhn import LuhnSummarizer as cls
    elif algorithm == "kl":
        from sumy.summarizers.kl import KLSummarizer as cls
    elif algorithm == "sumbasic":
        from sumy.summarizers.sum_basic import SumBasicSummarizer as cls
    elif algorithm == "edmundson":
        from sumy.summarizers.edmundson import EdmundsonSummarizer

        summarizer = EdmundsonSummarizer(stemmer, cue_weight=1.0, key_weight=1.0, title_weight=0.0, location_weight=0.0)
        words = [w for phrase in bonus_words for w in nlp.words(phrase)]
        summarizer.bonus_words = words or ["news"]
        summarizer.stigma_words = ["advertisement"]
        summarizer.null_words = list(stop)
        return summarizer
    else:
        raise ValueError(f"unknown algorithm {algorithm!r} (choose from {', '.join(ALGORITHMS)})")
    summarizer = cls(stemmer)
    summarizer.stop_words = stop
    return summarizer


def _rank_normalise(values: Sequence[float]) -> list[float]:
    """Ratings to [0, 1] by rank, so summarizers with odd scales blend alike."""
    if len(values) < 2:
        return [1.0] * len(values)
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    for rank, i in enumerate(order):
        out[i] = rank / (len(values) - 1)
    return out




def standalone_factor(sentence: Sentence) -> float:
    """Sentences that cannot stand alone in a briefing rank lower (never higher)."""
    factor = 1.0
    text = sentence.text
    n_words = len(text.split())
    if sentence.joins_previous:
        factor *= 0.6
    if text.count("“") != text.count("”") or text.count('"') % 2:
        factor *= 0.7
    if n_words < 8:
        factor *= 0.7
    elif n_words > 60:
        factor *= 0.8
    if text.endswith("?"):
        factor *= 0.8
    return factor


# ---------------------------------------------------------------- the stage


def select(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    themes: Sequence[Theme],
    opts: SelectOptions = SelectOptions(),
) -> tuple[list[Section], int]:
    """Sections in theme order, and how many near-duplicate sentences were merged away."""
    units = [
        Unit(s, TextView.of(s.text), frozenset(nlp.content_stems(s.text)))
        for article in articles
        for s in sentences.get(article.id, ())
        if s.kind == "sentence"
    ]
    units, merged = merge_near_duplicates(units, opts)
    idf = inverse_document_frequency(units)
    scorers = [ThemeScorer(theme, opts) for theme in themes]
    for scorer in scorers:
        scorer.learn(units, articles, idf)

    pools: dict[str, list[tuple[Unit, Relevance]]] = {t.id: [] for t in themes}
    for unit in units:
        scored = [(scorer.theme.id, scorer.relevance(unit)) for scorer in scorers]
        passing = [(tid, rel) for tid, rel in scored if rel is not None and rel.score >= opts.threshold]
        if passing:
            tid, rel = max(passing, key=lambda item: item[1].score)
            pools[tid].append((unit, rel))

    sections = []
    for theme in themes:
        pool = pools[theme.id]
        limit = theme.sentences or opts.sentences
        sections.append(Section(theme, len(pool), tuple(_rank_pool(pool, theme, limit, opts))))
    return sections, merged


def _rank_pool(pool: list[tuple[Unit, Relevance]], theme: Theme, limit: int, opts: SelectOptions) -> list[Pick]:
    if not pool:
        return []
    ratings = _rank_normalise(sumy_ratings([u.sentence.text for u, _ in pool], opts.algorithm, theme.keywords))
    top_rel = max(rel.score for _, rel in pool)
    scored = []
    for (unit, rel), rating in zip(pool, ratings):
        relevance = rel.score / top_rel
        base = opts.relevance_share * relevance + (1 - opts.relevance_share) * rating
        factor = standalone_factor(unit.sentence)
        score = base * factor
        parts = rel.parts + (("relevance", round(relevance, 3)), (opts.algorithm, round(rating, 3)), ("standalone", round(factor, 3)))
        scored.append((score, unit, rel, parts))
    scored.sort(key=lambda item: (-item[0], item[1].sentence.article_id, item[1].sentence.position))
    picks: list[Pick] = []
    taken: list[frozenset[str]] = []
    for score, unit, rel, parts in scored:
        if len(picks) >= limit:
            break
        if any(_jaccard(unit.content, other) >= opts.redundancy_jaccard for other in taken):
            continue
        taken.append(unit.content)
        picks.append(
            Pick(
                text=unit.sentence.text,
                article_id=unit.sentence.article_id,
                position=unit.sentence.position,
                score=round(score, 4),
                also_in=tuple(sorted(unit.also_in)),
                matched=rel.keywords,
                parts=parts,
            )
        )
    return picks


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def rank_sentences(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    theme: Theme,
    opts: SelectOptions = SelectOptions(),
) -> list[int]:
    """Every sentence of `articles` ranked for one theme, best first, as positions.

    The briefing keeps only sentences above the relevance threshold; evaluation needs the
    whole order, scored the same way (relevance blended with the summarizer's rating,
    times how well the sentence stands alone). Fragments come last.
    """
    all_sentences = [s for article in articles for s in sentences.get(article.id, ())]
    units = [
        Unit(s, TextView.of(s.text), frozenset(nlp.content_stems(s.text)))
        for s in all_sentences
        if s.kind == "sentence"
    ]
    if not units:
        return [s.position for s in all_sentences]
    scorer = ThemeScorer(theme, opts)
    scorer.learn(units, articles, inverse_document_frequency(units))
    relevance = [(rel.score if (rel := scorer.relevance(u)) is not None else 0.0) for u in units]
    top = max(relevance) or 1.0
    ratings = _rank_normalise(sumy_ratings([u.sentence.text for u in units], opts.algorithm, theme.keywords))
    scores = [
        (opts.relevance_share * rel / top + (1 - opts.relevance_share) * rating) * standalone_factor(u.sentence)
        for u, rel, rating in zip(units, relevance, ratings)
    ]
    order = sorted(range(len(units)), key=lambda i: (-scores[i], units[i].sentence.position))
    ranked = [units[i].sentence.position for i in order]
    return ranked + [s.position for s in all_sentences if s.kind != "sentence"]
