"""Select: pick the day's key points and the key sentences of each theme, across all articles.

Steps, each a function below:
1. merge near-duplicate sentences across the pile (one stands, the others' articles become
   `also_in`), and give every sentence a tf-idf vector (`vectors.Vectors`);
2. Key points, a generic summary of the day: sentences typical of the whole pile (cosine to
   its centroid), told by several articles (corroboration) and early in their article
   (lead prior), picked greedily under a word budget with redundancy control (MMR);
3. relevance of every sentence to every theme: keyword matches (a keyword that only names a
   speaker, "a NATO official said", counts little), how much the rest of the sentence
   resembles today's other on-theme sentences (terms that co-occur with the keywords),
   whether its article is about the theme at all; each sentence goes to the one theme it
   fits best if it clears the threshold (a threshold, not a quota);
4. rank each theme's pool: relevance plus content density, times the lead prior, times
   corroboration, times how well the sentence stands alone; pick greedily (MMR) up to the
   theme's budget. A sentence that leans on the previous one ("He added …") is joined to
   it or passed over; a bare quote takes its attribution ("Ushakov added.") along.

The weights are the measured ones: `brief eval aspects` and `brief eval mds` (README,
"Evaluation") print the figures they were chosen on.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np

from . import nlp
from .model import Article, Pick, Section, Sentence, Theme
from .segment import is_bare_quote, is_lead_in
from .sumyrank import DEFAULT_ALGORITHM
from .themes import Match, ThemeMatcher
from .vectors import TermIds, Vectors, take_docs, term_ids
from .timing import Stopwatch, stage


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
    """Knobs of the selector; the defaults are the measured ones (see the module docstring)."""

    sentences: int = 5
    algorithm: str = DEFAULT_ALGORITHM  # "brief", or a sumy summarizer as the centrality part
    threshold: float = 1.0
    # relevance to a theme
    speaker_weight: float = 0.3
    aside_weight: float = 0.5
    derived_weight: float = 0.5
    context_weight: float = 0.5
    article_weight: float = 0.3
    density_weight: float = 0.1  # per content word, up to density_cap: fuller sentences say more
    density_cap: int = 25
    lead_weight: float = 1.0  # score × (1 + lead_weight · e^(−lead_decay · position))
    lead_decay: float = 0.7
    corroboration_weight: float = 0.5
    corroboration_min: float = 0.2  # cosine at which another article's sentence tells the same
    # redundancy
    duplicate_jaccard: float = 0.6
    duplicate_containment: float = 0.8
    redundancy_penalty: float = 0.3  # MMR: value − penalty × cosine to the closest pick
    redundancy_max: float = 0.6  # cosine at which a sentence repeats a pick and is passed over
    join_max_words: int = 60
    # earlier briefings (history)
    reported_overlap: float = 0.5  # share of a sentence's content words in one reported sentence: old news
    update_words: int = 3  # new content words that make old news an update worth showing
    # Key points (generic summary of the day)
    key_points: int = 5
    key_points_words: int = 150
    key_lead_weight: float = 0.5
    key_lead_decay: float = 0.1
    key_corroboration_weight: float = 0.75
    key_length_exponent: float = 0.3  # value per word^exponent, so a budget holds more news
    key_pool: int = 600  # candidates compared with the whole pile for corroboration
    theme_pool: int = 600  # per theme: the best by the cheap parts, compared with the pile for corroboration


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
    def of(cls, text: str, stems: Sequence[str] | None = None) -> TextView:
        """The view of `text`; `stems`, when the caller has them, must be `nlp.analyse(text)[0]`."""
        spans = peripheral_spans(text)
        if spans:
            toks = nlp.tokens(text)
            surface = [w for w, _ in toks]
            peripheral = [any(a <= pos < b for a, b in spans) for _, pos in toks]
        else:
            surface = nlp.surface_words(text)
            peripheral = [False] * len(surface)
        if stems is None:
            stems = [nlp.stem(w.lower()) for w in surface]
        return cls(stems=list(stems), surface=surface, peripheral=peripheral)


@dataclass(eq=False, slots=True)
class Unit:
    """A sentence under consideration: its stems and content stems, computed once.

    The surface forms and asides (`view`) are only needed where a theme keyword occurs,
    so they are worked out on first use: on a big day most sentences never need them.
    """

    sentence: Sentence
    stems: tuple[str, ...]
    content: frozenset[str]
    terms: tuple[str, ...]  # the stems that are content words, in order, repeats kept: tf-idf's terms
    keywords: tuple[KeywordScore, ...] | None = None  # per theme of the Analyser; None: no keyword at all
    also_in: set[str] = field(default_factory=set)
    new: bool = True  # False: mostly reported in an earlier briefing, but adds something
    _view: TextView | None = None

    @classmethod
    def of(cls, sentence: Sentence) -> Unit:
        """A unit without keyword scores (for steps that do not look at themes)."""
        stems, content = nlp.analyse(sentence.text)
        return cls(sentence, stems, content, content_terms(stems, content))

    @property
    def view(self) -> TextView:
        if self._view is None:
            self._view = TextView.of(self.sentence.text, self.stems)
        return self._view


def content_terms(stems: Sequence[str], content: frozenset[str]) -> tuple[str, ...]:
    """Every stem that is a content stem, in order, repeats kept (`Unit.terms`)."""
    return tuple(t for t in stems if t in content)


KeywordScore = tuple[float, tuple[str, ...]]  # summed keyword weight, keywords named
NO_KEYWORDS: KeywordScore = (0.0, ())


@dataclass(frozen=True)
class Relevance:
    score: float
    keywords: tuple[str, ...]
    parts: tuple[tuple[str, float], ...]
    related: tuple[str, ...] = ()  # the sentence's words that co-occur most with the theme today


# ---------------------------------------------------------------- near-duplicates


def _similar(a: frozenset[str], b: frozenset[str], opts: SelectOptions) -> bool:
    if not a or not b:
        return False
    inter = len(a & b)
    if inter / len(a | b) >= opts.duplicate_jaccard:
        return True
    return min(len(a), len(b)) >= 5 and inter / min(len(a), len(b)) >= opts.duplicate_containment


_MAX_POSTINGS = 50  # a word pair in more sentences than this is stock phrasing, not a sign of a copy


def _sharing_pairs(terms: np.ndarray, lengths: np.ndarray, n_terms: int) -> Iterator[tuple[int, int]]:
    """Pairs (i < j, in order) of docs that share at least two adjacent-word pairs, counting
    only word pairs found in at most `_MAX_POSTINGS` docs. The docs are given as term ids
    (below `n_terms`), end to end, and each doc's length.

    An inverted index, done in numpy: every (word pair, doc) once, sorted by word pair;
    each pair's docs give their pairs of docs, which are counted. The work grows with the
    number of docs that share phrasing, not with the square of the pile.
    """
    if len(terms) < 2:
        return
    owner = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    same = owner[:-1] == owner[1:]
    pair = terms[:-1][same] * n_terms + terms[1:][same]
    owner = owner[:-1][same]
    order = np.lexsort((owner, pair))
    pair, owner = pair[order], owner[order]
    fresh = np.r_[True, (pair[1:] != pair[:-1]) | (owner[1:] != owner[:-1])]  # a pair twice in one doc counts once
    pair, owner = pair[fresh], owner[fresh]
    starts = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]])
    sizes = np.diff(np.r_[starts, len(pair)])
    n = len(lengths)
    keys: list[np.ndarray] = []
    for size in range(2, _MAX_POSTINGS + 1):
        group_starts = starts[sizes == size]
        if not len(group_starts):
            continue
        upper = np.triu_indices(size, 1)
        step = max(1, 2_000_000 // len(upper[0]))  # a few million pairs at a time
        for lo in range(0, len(group_starts), step):
            members = owner[group_starts[lo : lo + step, None] + np.arange(size)]
            keys.append((members[:, upper[0]] * n + members[:, upper[1]]).ravel())
    if not keys:
        return
    found, counts = np.unique(np.concatenate(keys), return_counts=True)
    for key in found[counts >= 2].tolist():
        yield divmod(key, n)


def merge_near_duplicates(
    units: list[Unit], opts: SelectOptions, ids: TermIds | None = None, rows: Sequence[int] | None = None
) -> tuple[list[Unit], int]:
    """Keep the first of each group of near-identical sentences; the others become `also_in`.

    Candidate pairs are sentences sharing at least two content-word pairs (`_sharing_pairs`);
    a candidate is merged if its content words are near-identical (`_similar`). `ids`: the
    units' terms as ids, if already worked out (`term_ids` over a list of which unit k is
    item `rows[k]`).
    """
    parent = list(range(len(units)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Word-for-word repeats first, in one pass: a sentence carried by hundreds of articles
    # would otherwise hide behind the frequent-pair cut-off below.
    words = [unit.terms for unit in units]
    first_of: dict[tuple[str, ...], int] = {}
    distinct: list[int] = []
    for i, key in enumerate(words):
        if key and key in first_of:
            parent[i] = first_of[key]
        else:
            first_of.setdefault(key, i)
            distinct.append(i)

    if ids is None:
        ids, rows = term_ids(words), range(len(units))
    assert rows is not None
    vocabulary, flat, lengths = ids
    for i, j in _sharing_pairs(*take_docs(flat, lengths, [rows[i] for i in distinct]), len(vocabulary)):
        a, b = distinct[i], distinct[j]
        if find(a) != find(b) and _similar(units[a].content, units[b].content, opts):
            parent[max(find(a), find(b))] = min(find(a), find(b))
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

    def __init__(self, theme: Theme, opts: SelectOptions, index: int = 0) -> None:
        self.theme = theme
        self.index = index  # the theme's place in the Analyser's themes (Unit.keywords)
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

    def learn(self, units: Sequence[Unit], leads: Mapping[str, tuple[float, ...]], idf: Mapping[str, float]) -> None:
        """Profile of today's on-theme vocabulary: what co-occurs with the keywords.

        Keyword scores come with the units (`Analyser`) and are kept here for those with
        any, so `relevance` does not match again; the profile's norm is computed once, so
        `context` costs only the sentence's own words. `leads`: each article's lead
        keyword score per theme (`ArticleAnalysis.lead`).
        """
        self.idf = idf
        self.keywords_of = {}
        self.counts = Counter()
        self.seeds = set()
        for unit in units:
            if unit.keywords is None:
                continue
            found = unit.keywords[self.index]
            if found[0] > 0:
                self.keywords_of[id(unit)] = found
            if found[0] >= 1.0:
                self.counts.update(unit.content - self.keyword_stems)
                self.seeds.add(id(unit))
        self.norm2 = sum((c * idf.get(t, 0.0)) ** 2 for t, c in self.counts.items())
        self.about = {article_id for article_id, lead in leads.items() if lead[self.index] >= 1.0}

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

    def related_if_any(self, unit: Unit) -> tuple[str, ...]:
        """`related_terms` where the sentence shares words with the profile at all."""
        return self.related_terms(unit) if self.context(unit) > 0 else ()

    def related_terms(self, unit: Unit, k: int = 3) -> tuple[str, ...]:
        """The sentence's words that weigh most in today's on-theme profile, as written."""
        own = 1 if id(unit) in self.seeds else 0
        weights = {
            t: (self.counts.get(t, 0) - own) * self.idf.get(t, 0.0) ** 2
            for t in unit.content - self.keyword_stems
        }
        best = [t for t, w in sorted(weights.items(), key=lambda item: (-item[1], item[0])) if w > 0][:k]
        surface = {}
        for stem, word in zip(unit.view.stems, unit.view.surface):
            surface.setdefault(stem, word)
        return tuple(surface.get(t, t) for t in best)

    def relevance(self, unit: Unit, require_keyword: bool = True, related: bool = True) -> Relevance | None:
        """Relevance parts; None when the sentence names no keyword (unless not required)
        or names an excluded term. `related=False` leaves out the related terms (see
        `related_terms`), which only the sentences that end up in a pool need."""
        kw, names = self.keywords_of.get(id(unit), (0.0, ()))
        if (require_keyword and kw <= 0) or self.matcher.excluded(unit.stems):
            return None
        ctx = self.context(unit)
        art = 1.0 if unit.sentence.article_id in self.about else 0.0
        o = self.opts
        score = kw + o.context_weight * ctx + o.article_weight * art
        parts = (("keywords", round(kw, 3)), ("context", round(ctx, 3)), ("article", art))
        return Relevance(score, names, parts, self.related_terms(unit) if related and ctx > 0 else ())


# ---------------------------------------------------------------- per-article analysis


SentenceAnalysis = tuple[tuple[str, ...], tuple[str, ...], "tuple[KeywordScore, ...] | None"]


@dataclass(frozen=True)
class ArticleAnalysis:
    """What the selector knows of one article without looking at the rest of the pile."""

    sentences: tuple[SentenceAnalysis | None, ...]  # per sentence: stems, terms, keywords; None: fragment
    lead: tuple[float, ...]  # keyword score of the title and first block, per theme: is the article about it


@dataclass(frozen=True)
class Analyser:
    """Works out `ArticleAnalysis`: stems, content words and each theme's keyword score of
    every sentence. None of it depends on the rest of the pile, so the pipeline runs it
    per article in its worker processes; `select` checks that the analyser it is handed
    results from had its own themes and options, and analyses anything missing itself."""

    themes: tuple[Theme, ...]
    opts: SelectOptions

    @cached_property
    def scorers(self) -> list[ThemeScorer]:
        return [ThemeScorer(theme, self.opts, k) for k, theme in enumerate(self.themes)]

    def keywords(self, text: str, stems: Sequence[str]) -> tuple[KeywordScore, ...] | None:
        """Each theme's `keyword_score`; None when no theme has a keyword here (the usual case)."""
        found: list[KeywordScore] = []
        view = None
        for scorer in self.scorers:
            if not scorer.matcher.may_match(stems):
                found.append(NO_KEYWORDS)
                continue
            view = view or TextView.of(text, stems)
            found.append(scorer.keyword_score(view))
        return tuple(found) if any(score > 0 for score, _ in found) else None

    def sentence(self, text: str) -> SentenceAnalysis:
        stems, content = nlp.analyse(text)
        return stems, content_terms(stems, content), self.keywords(text, stems)

    def lead(self, article: Article) -> tuple[float, ...]:
        """Keyword score of the title and first block, per theme (`ArticleAnalysis.lead`)."""
        lead_text = " ".join([article.title or ""] + [b.text for b in article.blocks[:1]])
        found = self.keywords(lead_text, nlp.analyse(lead_text)[0])
        return tuple(score for score, _ in found) if found else (0.0,) * len(self.themes)

    def article(self, article: Article, sentences: Sequence[Sentence]) -> ArticleAnalysis:
        return ArticleAnalysis(
            tuple(self.sentence(s.text) if s.kind == "sentence" else None for s in sentences), self.lead(article)
        )

    def pile(
        self,
        articles: Sequence[Article],
        sentences: Mapping[str, Sequence[Sentence]],
        analysed: Analysed | None = None,
    ) -> dict[str, ArticleAnalysis]:
        """Every article's analysis: taken from `analysed` when it came from an equal
        analyser, worked out here otherwise."""
        known = analysed.articles if analysed is not None and analysed.analyser == self else {}
        return {a.id: known.get(a.id) or self.article(a, sentences.get(a.id, ())) for a in articles}


@dataclass(frozen=True)
class Analysed:
    """Analyses worked out ahead (by the pipeline's workers), with the analyser that made them."""

    analyser: Analyser
    articles: Mapping[str, ArticleAnalysis]


def make_units(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    analyses: Mapping[str, ArticleAnalysis],
) -> list[Unit]:
    """Whole sentences of every article, in pile order; fragments are never candidates."""
    units = []
    for article in articles:
        done = analyses[article.id].sentences
        for s, analysis in zip(sentences.get(article.id, ()), done):
            if analysis is not None:
                stems, terms, keywords = analysis
                units.append(Unit(s, stems, frozenset(terms), terms, keywords))  # the terms are the content
    return units


# ---------------------------------------------------------------- shared pieces


def lead_prior(position: int, decay: float) -> float:
    """News puts the news first: e^(−decay · position), 1 for an article's first sentence."""
    return math.exp(-decay * position)


def _scaled(values: np.ndarray) -> np.ndarray:
    top = float(values.max()) if len(values) else 0.0
    return values / top if top > 0 else np.zeros_like(values)


@dataclass
class Candidate:
    """A unit in a ranking, with its score and the parts `brief explain` shows."""

    unit: Unit
    row: int  # the unit's row in the Vectors
    score: float
    parts: dict[str, float]
    matched: tuple[str, ...] = ()
    related: tuple[str, ...] = ()

    @property
    def words(self) -> int:
        return len(self.unit.sentence.text.split())


def _greedy(
    cands: Sequence[Candidate],
    vectors: Vectors,
    opts: SelectOptions,
    length_exponent: float = 0.0,
) -> Iterator[tuple[Candidate, float]]:
    """Candidates in MMR order: value = score / best score / words^exponent − penalty ×
    cosine to the closest one already yielded. A candidate at least `redundancy_max`
    similar to one yielded is dropped. The caller may stop at any time (budget)."""
    if not cands:
        return
    top = max(c.score for c in cands) or 1.0
    value = np.array([c.score / top / max(1, c.words) ** length_exponent for c in cands])
    closest = np.zeros(len(cands))
    left = np.ones(len(cands), dtype=bool)
    rows = vectors.rows[[c.row for c in cands]]
    # ties: pile order (article, then position) keeps the output deterministic
    tiebreak = np.arange(len(cands)) * 1e-12
    while left.any():
        mmr = np.where(left, value - opts.redundancy_penalty * closest - tiebreak, -np.inf)
        i = int(np.argmax(mmr))
        left[i] = False
        yield cands[i], float(closest[i])
        closest = np.maximum(closest, (rows @ vectors.rows[cands[i].row].T).toarray().ravel())
        left &= closest < opts.redundancy_max


def _neighbours(sentences: Mapping[str, Sequence[Sentence]]) -> dict[tuple[str, int], Sentence]:
    return {(s.article_id, s.position): s for seq in sentences.values() for s in seq}


def _as_pick(
    cand: Candidate,
    redundancy: float,
    near: Mapping[tuple[str, int], Sentence],
    taken: set[tuple[str, int]],
    opts: SelectOptions,
) -> Pick | None:
    """The pick a candidate makes, with any sentence it cannot do without; None to pass over.

    A sentence that leans on the one before it ("He added …") is joined to it (and that one
    to its own predecessor, if it leans too) when all fit in `join_max_words` and none is
    already picked; otherwise it is passed over. A quote followed by a bare attribution
    ("Ushakov added.") takes it along.
    """
    s = cand.unit.sentence
    text, position, parts = s.text, s.position, dict(cand.parts)
    after = near.get((s.article_id, s.position + 1))
    if after is not None and after.kind == "fragment" and after.block == s.block and is_bare_quote(s.text):
        parts["joined attribution"] = 1.0
        return _make_pick(cand, f"{text} {after.text}", position, parts, redundancy)
    first = s
    while first.joins_previous:  # walk back to a sentence that stands on its own
        prev = near.get((s.article_id, first.position - 1))
        lead_in = prev is not None and prev.kind == "fragment" and is_lead_in(prev.text)
        if (
            prev is None
            or (prev.kind != "sentence" and not lead_in)
            or (prev.article_id, prev.position) in taken
            or len(prev.text.split()) + len(text.split()) > opts.join_max_words
        ):
            return None
        text, position, first = f"{prev.text} {text}", prev.position, prev
        parts["joined previous"] = parts.get("joined previous", 0.0) + 1.0
        if lead_in:  # "A senior diplomat put it plainly." introduces the quote and names its speaker
            break
    return _make_pick(cand, text, position, parts, redundancy)


def _make_pick(cand: Candidate, text: str, position: int, parts: dict[str, float], redundancy: float) -> Pick:
    parts["redundancy"] = round(redundancy, 3)
    return Pick(
        text=text,
        article_id=cand.unit.sentence.article_id,
        position=position,
        score=round(cand.score, 4),
        also_in=tuple(sorted(cand.unit.also_in)),
        matched=cand.matched,
        parts=tuple(parts.items()),
        related=cand.related,
        new=cand.unit.new,
    )


def _pick(
    cands: Sequence[Candidate],
    vectors: Vectors,
    sentences: Mapping[str, Sequence[Sentence]],
    opts: SelectOptions,
    count: int,
    words: int | None = None,
    length_exponent: float = 0.0,
    near: Mapping[tuple[str, int], Sentence] | None = None,
) -> list[Pick]:
    """Greedy picks (MMR order) until `count` sentences or `words` words are taken.
    `near`: `_neighbours(sentences)`, when the caller has it already."""
    near = _neighbours(sentences) if near is None else near
    taken: set[tuple[str, int]] = set()
    picks: list[Pick] = []
    used = 0
    for cand, redundancy in _greedy(cands, vectors, opts, length_exponent):
        if len(picks) >= count or (words is not None and used >= words):
            break
        s = cand.unit.sentence
        if (s.article_id, s.position) in taken:
            continue
        pick = _as_pick(cand, redundancy, near, taken, opts)
        if pick is None:
            continue
        taken.update((s.article_id, p) for p in range(pick.position, s.position + 1))
        if dict(pick.parts).get("joined attribution"):
            taken.add((s.article_id, s.position + 1))
        picks.append(pick)
        used += len(pick.text.split())
    return picks


# ---------------------------------------------------------------- Key points


def key_point_candidates(
    units: Sequence[Unit], rows: Sequence[int], vectors: Vectors, group: Sequence[str], opts: SelectOptions
) -> list[Candidate]:
    """Units (rows of `vectors`) scored for a generic summary of the pile.

    typical (cosine to the pile's centroid) + lead prior + corroboration (other articles
    that tell the same), each scaled to its best; the sentence's standalone factor last.
    Corroboration compares a bounded pool (the best `key_pool` by the cheap parts) with
    the whole pile, so a big day never needs the full similarity matrix.
    """
    if not units:
        return []
    o = opts
    typical = _scaled(np.asarray(vectors.centroid_cosine(rows)))
    lead = np.array([lead_prior(u.sentence.position, o.key_lead_decay) for u in units])
    cheap = typical + o.key_lead_weight * lead
    pool = sorted(np.argsort(-cheap, kind="stable")[: o.key_pool].tolist())  # ties: pile order
    told = _scaled(vectors.corroboration([rows[i] for i in pool], group, o.corroboration_min))
    cands = []
    for k, i in enumerate(pool):
        unit = units[i]
        stand = standalone_factor(unit.sentence)
        score = (typical[i] + o.key_lead_weight * lead[i] + o.key_corroboration_weight * told[k]) * stand
        parts = {
            "typical": round(float(typical[i]), 3),
            "lead": round(float(lead[i]), 3),
            "corroboration": round(float(told[k]), 3),
            "standalone": round(stand, 3),
        }
        cands.append(Candidate(unit, rows[i], float(score), parts))
    return cands


@dataclass
class Pile:
    """Every whole sentence of the pile as a vector, and the near-duplicate-merged units
    that can be picked. Similarities (corroboration, redundancy) look at every sentence,
    so a story told by five outlets counts five times even though one copy stands."""

    units: list[Unit]
    rows: list[int]  # each unit's row in `vectors`
    vectors: Vectors
    group: list[str]  # article of every row
    merged: int
    repeated: int = 0  # units left out because an earlier briefing reported them already

    @classmethod
    def of(
        cls,
        articles: Sequence[Article],
        sentences: Mapping[str, Sequence[Sentence]],
        opts: SelectOptions,
        reported: Sequence[frozenset[str]] = (),
        analyses: Mapping[str, ArticleAnalysis] | None = None,
    ) -> Pile:
        """`analyses`: as `Analyser.pile` gives; without, units carry no keyword scores."""
        if analyses is None:
            analyses = Analyser((), opts).pile(articles, sentences)
        every = make_units(articles, sentences, analyses)
        row_of = {id(u): i for i, u in enumerate(every)}
        ids = term_ids(u.terms for u in every)
        vectors = Vectors(ids=ids)
        fresh = mark_reported(every, reported, opts)  # before merging, so an update is not merged into a repeat
        units, merged = merge_near_duplicates(fresh, opts, ids, [row_of[id(u)] for u in fresh])
        group = [u.sentence.article_id for u in every]
        return cls(units, [row_of[id(u)] for u in units], vectors, group, merged, len(every) - len(fresh))


def mark_reported(units: Sequence[Unit], reported: Sequence[frozenset[str]], opts: SelectOptions) -> list[Unit]:
    """Units that do not merely repeat an earlier briefing, with `new` set on each.

    A unit whose content words are mostly (`reported_overlap`) in one earlier sentence
    is old news: left out, unless it adds at least `update_words` content words that
    sentence did not have (an update: kept, marked not new).
    """
    if not reported:
        return list(units)
    index: dict[str, list[int]] = defaultdict(list)
    for k, words in enumerate(reported):
        for word in words:
            index[word].append(k)
    kept = []
    for unit in units:
        shared = Counter(k for word in unit.content for k in index.get(word, ()))
        best = min(shared.items(), key=lambda kv: (-kv[1], kv[0]), default=None)
        if best is not None and unit.content and best[1] / len(unit.content) >= opts.reported_overlap:
            if len(unit.content - reported[best[0]]) < opts.update_words:
                continue
            unit.new = False
        kept.append(unit)
    return kept


def key_points(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    opts: SelectOptions = SelectOptions(),
    words: int | None = None,
    count: int | None = None,
) -> list[Pick]:
    """A generic summary of the whole pile: at most `count` sentences and about `words`
    words (the last pick may run over). What `brief eval mds` measures."""
    pile = Pile.of(articles, sentences, opts)
    cands = key_point_candidates(pile.units, pile.rows, pile.vectors, pile.group, opts)
    limit = count if count is not None else (10_000 if words is not None else opts.key_points)
    return _pick(cands, pile.vectors, sentences, opts, limit, words, opts.key_length_exponent)


# ---------------------------------------------------------------- themes


def theme_candidates(
    scored: Sequence[tuple[int, Unit, Relevance]],
    vectors: Vectors,
    theme: Theme,
    opts: SelectOptions,
    group: Sequence[str],
    related: Callable[[Unit], tuple[str, ...]] | None = None,
) -> list[Candidate]:
    """A theme's pool scored: (relevance + density [+ sumy centrality]) × lead × corroboration × standalone.

    At most `theme_pool` sentences are scored in full (see below), so corroboration (and a
    sumy rating) never compares a whole big day's pool with the whole pile. `related`
    gives the related terms of the sentences scored in full (else the pool's are kept)."""
    if not scored:
        return []
    o = opts
    # the cheap parts of every sentence: density, lead prior, standalone factor
    cheap = [(o.density_weight * min(len(unit.content), o.density_cap),
              1 + o.lead_weight * lead_prior(unit.sentence.position, o.lead_decay),
              standalone_factor(unit.sentence)) for _, unit, _ in scored]
    if len(scored) > o.theme_pool:
        # A big day's pool: only the best by the cheap parts (corroboration can at most
        # multiply a score by 1 + corroboration_weight) are compared with the whole pile.
        base = [(rel.score + density) * lead * stand for (_, _, rel), (density, lead, stand) in zip(scored, cheap)]
        keep = sorted(sorted(range(len(scored)), key=lambda k: (-base[k], k))[: o.theme_pool])
        scored, cheap = [scored[k] for k in keep], [cheap[k] for k in keep]
    rows = [row for row, _, _ in scored]
    told = _scaled(vectors.corroboration(rows, group, o.corroboration_min))
    central = None
    if o.algorithm != DEFAULT_ALGORITHM:
        from .sumyrank import sumy_ratings

        central = _rank_scaled(sumy_ratings([u.sentence.text for _, u, _ in scored], o.algorithm, theme.keywords))
    cands = []
    for k, ((row, unit, rel), (density, lead, stand)) in enumerate(zip(scored, cheap)):
        mass = rel.score + density + (central[k] if central is not None else 0.0)
        corroboration = 1 + o.corroboration_weight * told[k]
        parts = dict(rel.parts)
        parts["density"] = round(density, 3)
        if central is not None:
            parts[o.algorithm] = round(float(central[k]), 3)
        parts.update(lead=round(lead, 3), corroboration=round(float(corroboration), 3), standalone=round(stand, 3))
        terms = related(unit) if related is not None else rel.related
        cands.append(Candidate(unit, row, mass * lead * corroboration * stand, parts, rel.keywords, terms))
    return cands


def _rank_scaled(values: Sequence[float]) -> np.ndarray:
    """Ratings to [0, 1] by rank, so summarizers with odd scales blend alike."""
    if len(values) < 2:
        return np.ones(len(values))
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = np.zeros(len(values))
    for rank, i in enumerate(order):
        out[i] = rank / (len(values) - 1)
    return out


def standalone_factor(sentence: Sentence) -> float:
    """Sentences that read badly alone in a briefing rank lower (never higher).

    A sentence that leans on the one before is not penalised here: it is joined to it
    when picked (see `_as_pick`), so it stands alone by then.
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


# ---------------------------------------------------------------- the stage


@dataclass(frozen=True)
class Selection:
    key_points: tuple[Pick, ...]
    sections: tuple[Section, ...]
    merged: int  # near-duplicate sentences merged away
    repeated: int = 0  # sentences left out as already reported


def select(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    themes: Sequence[Theme],
    opts: SelectOptions = SelectOptions(),
    reported: Sequence[frozenset[str]] = (),
    timings: Stopwatch | None = None,
    analysed: Analysed | None = None,
) -> Selection:
    """Key points, then one section per theme in theme order; no sentence appears twice.
    `reported`: content stems of sentences earlier briefings showed (see `mark_reported`).
    `analysed`: the articles' analyses, if worked out ahead (the pipeline's workers).
    `timings` gets "themes" (relevance to each theme) and "select" (everything else)."""
    with stage(timings, "select"):
        analyser = Analyser(tuple(themes), opts)
        analyses = analyser.pile(articles, sentences, analysed)
        pile = Pile.of(articles, sentences, opts, reported, analyses)
        units, vectors = pile.units, pile.vectors
        near = _neighbours(sentences)

        points: list[Pick] = []
        if opts.key_points > 0:
            cands = key_point_candidates(units, pile.rows, vectors, pile.group, opts)
            points = _pick(cands, vectors, sentences, opts, opts.key_points, opts.key_points_words,
                           opts.key_length_exponent, near)
    with stage(timings, "themes"):
        scorers = analyser.scorers  # this selection's own: learning today's pile changes them
        pools = _theme_pools(scorers, analyses, opts, pile, points)
    with stage(timings, "select"):
        sections = []
        for scorer in scorers:
            theme = scorer.theme
            cands = theme_candidates(pools[theme.id], vectors, theme, opts, pile.group, scorer.related_if_any)
            picks = _pick(cands, vectors, sentences, opts, theme.sentences or opts.sentences, near=near)
            sections.append(Section(theme, len(pools[theme.id]), tuple(picks)))
    return Selection(tuple(points), tuple(sections), pile.merged, pile.repeated)


def _theme_pools(scorers: Sequence[ThemeScorer], analyses: Mapping[str, ArticleAnalysis], opts: SelectOptions,
                 pile: Pile, points: Sequence[Pick]) -> dict[str, list[tuple[int, Unit, Relevance]]]:
    """Each sentence (not already a key point) in the pool of the theme it fits best, if any.
    The pools' related terms are left for `theme_candidates` to fill in."""
    units, vectors = pile.units, pile.vectors
    used = {
        (p.article_id, position)
        for p in points
        for position in range(p.position, p.position + 1 + int(dict(p.parts).get("joined previous", 0)))
    }

    idf = vectors.idf_map()
    leads = {article_id: analysis.lead for article_id, analysis in analyses.items()}
    for scorer in scorers:
        scorer.learn(units, leads, idf)
    pools: dict[str, list[tuple[int, Unit, Relevance]]] = {s.theme.id: [] for s in scorers}
    for row, unit in zip(pile.rows, units):
        if unit.keywords is None or (unit.sentence.article_id, unit.sentence.position) in used:
            continue
        best: tuple[ThemeScorer, Relevance] | None = None
        for scorer in scorers:
            rel = scorer.relevance(unit, related=False)
            if rel is not None and rel.score >= opts.threshold and (best is None or rel.score > best[1].score):
                best = scorer, rel
        if best is not None:
            pools[best[0].theme.id].append((row, unit, best[1]))
    return pools


def rank_sentences(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    theme: Theme,
    opts: SelectOptions = SelectOptions(),
) -> list[int]:
    """Every sentence of `articles` ranked for one theme, best first, as positions.

    The briefing keeps only sentences that clear the relevance threshold; evaluation needs
    the whole order, scored and ordered the same way (MMR). Sentences that repeat a better
    one, and fragments, come last.
    """
    all_sentences = [s for article in articles for s in sentences.get(article.id, ())]
    analyses = Analyser((theme,), opts).pile(articles, sentences)
    units = make_units(articles, sentences, analyses)
    if not units:
        return [s.position for s in all_sentences]
    vectors = Vectors([u.terms for u in units])
    scorer = ThemeScorer(theme, opts)
    scorer.learn(units, {a: analysis.lead for a, analysis in analyses.items()}, vectors.idf_map())
    scored = [
        (row, unit, scorer.relevance(unit, require_keyword=False) or Relevance(0.0, (), ()))
        for row, unit in enumerate(units)
    ]
    cands = theme_candidates(scored, vectors, theme, opts, [u.sentence.article_id for u in units])
    ranked = [c.unit.sentence.position for c, _ in _greedy(cands, vectors, opts)]
    seen = set(ranked)
    return ranked + [s.position for s in all_sentences if s.position not in seen]
