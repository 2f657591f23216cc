"""Relevance of a sentence to one theme: its keywords (a keyword that only names a speaker
or sits in an aside counts little), how much the rest of it resembles today's other
on-theme sentences, and whether its article is about the theme."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .. import nlp
from ..model import Theme
from ..themes import Match, matcher_for
from ..vectors import Vectors
from .options import SelectOptions
from .units import NO_KEYWORDS, KeywordScore, TextView, Unit


_ROLE_NOUNS = """official officials diplomat diplomats spokesperson spokesman spokeswoman source
    sources envoy envoys ambassador ambassadors minister ministers chief analyst analysts expert
    experts secretary general officer officers representative representatives""".split()
_SPEECH_VERBS = "said says told added stated noted stressed explained wrote insisted argued replied".split()


@lru_cache(maxsize=1)
def _speaker_stems() -> tuple[frozenset[str], frozenset[str]]:
    """Stems of role nouns ("official") and speech verbs ("said"): a keyword next to one names a speaker."""
    return frozenset(map(nlp.stem, _ROLE_NOUNS)), frozenset(map(nlp.stem, _SPEECH_VERBS))


@dataclass(frozen=True, slots=True)  # slots: a big day's pools hold one per on-theme sentence
class Relevance:
    score: float
    keywords: tuple[str, ...]
    values: tuple[float, float, float] | None = None  # the score's keyword, context and article parts
    related: tuple[str, ...] = ()  # the sentence's words that co-occur most with the theme today

    @property
    def parts(self) -> tuple[tuple[str, float], ...]:
        """The score's parts by name, rounded (for `brief explain`); made when asked, not kept."""
        if self.values is None:
            return ()
        kw, ctx, art = self.values
        return (("keywords", round(kw, 3)), ("context", round(ctx, 3)), ("article", art))


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
        self.matcher = matcher_for(theme)
        self.opts = opts
        self.keyword_stems = self.matcher.stems
        self.idf: Mapping[str, float] = {}
        self.counts: Counter[str] = Counter()
        self.seeds: set[int] = set()
        self.norm2 = 0.0
        self._context: dict[int, float] = {}  # id(unit) -> context, worked out by `learn`
        self.about: set[str] = set()  # articles about the theme (evidence)
        self.lead_about: set[str] = set()  # articles whose headline or first paragraph names it
        self.naming: Counter[str] = Counter()  # per article: sentences naming a keyword at full weight
        self.sentences: Counter[str] = Counter()  # per article: sentences

    def _weight(self, m: Match, view: TextView) -> float:
        """How much one keyword occurrence says the sentence is about the theme."""
        surface = view.surface[m.start : m.start + m.length]
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
        for m in self.matcher.matches(view.words, view.names):
            key = m.terms  # a concept counts once, whichever of its spellings occur
            weight = self._weight(m, view) * (1 + 0.25 * (m.length - 1))
            if weight > best.get(key, 0.0):
                best[key], names[key] = weight, m.keyword
                aside[key] = all(view.peripheral[m.start : m.start + m.length])
        core = sum(w for k, w in best.items() if not aside[k])
        side = min(self.opts.aside_weight, sum(w for k, w in best.items() if aside[k]))
        return core + side, tuple(names[k] for k in best if best[k] > 0)

    def learn(self, units: Sequence[Unit], leads: Mapping[str, tuple[float, ...]], idf: Mapping[str, float],
              about: Collection[str] = (), vectors: Vectors | None = None, rows: Sequence[int] = ()) -> None:
        """Profile of today's on-theme vocabulary: what co-occurs with the keywords.

        Keyword scores come with the units (`Analyser`) and are kept here for those with
        any, so `relevance` does not match again; the profile's norm is computed once, so
        `context` costs only the sentence's own words. `leads`: each article's lead keyword
        score per theme (`ArticleAnalysis.lead`; the score's `article` part); `about`: the
        articles that are about the theme (`analysis.is_about`; evidence). `vectors` and
        `rows` (each unit's row in them): the pile's vectors, when the units are the pile's;
        then every context is worked out here at once (`_contexts`), in numpy.
        """
        self.idf = idf
        self.counts = Counter()
        self.seeds = set()
        self.naming = Counter()
        self.sentences = Counter(unit.sentence.article_id for unit in units)
        k = self.index
        for unit in units:
            if unit.keywords is None:
                continue
            found = unit.keywords[k]
            if found[0] >= 1.0:
                self.counts.update(t for t in unit.distinct if t not in self.keyword_stems)
                self.seeds.add(id(unit))
                self.naming[unit.sentence.article_id] += 1
        self.norm2 = sum((c * idf.get(t, 0.0)) ** 2 for t, c in self.counts.items())
        self.lead_about = {article_id for article_id, lead in leads.items() if lead[self.index] >= 1.0}
        self.about = set(about)
        self._context = self._contexts(units, vectors, rows) if vectors is not None else {}

    def _contexts(self, units: Sequence[Unit], vectors: Vectors, rows: Sequence[int]) -> dict[int, float]:
        """`context` of every unit with a keyword of the theme, as sparse products over the
        pile's rows (their distinct terms) instead of a Python loop per unit: the same sums
        (`context`), in another order."""
        picked = [(unit, row) for unit, row in zip(units, rows) if self.found(unit)[0] > 0]
        if not picked:
            return {}
        column = vectors.column
        terms = vectors.rows[[row for _, row in picked]]  # a copy of those rows only
        terms.data = np.ones(len(terms.data))  # which terms each holds, not their weights
        w2 = vectors.idf ** 2
        w2[[c for c in map(column, self.keyword_stems) if c >= 0]] = 0.0
        counts = np.zeros(vectors.n_terms)
        for t, c in self.counts.items():
            counts[column(t)] = c
        own = np.array([1.0 if id(unit) in self.seeds else 0.0 for unit, _ in picked])
        s_norm2 = terms @ w2
        dot = terms @ (counts * w2) - own * s_norm2
        c_norm2 = self.norm2 - own * (terms @ ((2 * counts - 1) * w2))
        ok = (c_norm2 > 1e-12) & (s_norm2 > 0)
        out = np.zeros(len(picked))
        out[ok] = dot[ok] / np.sqrt(c_norm2[ok] * s_norm2[ok])
        return {id(unit): value for (unit, _), value in zip(picked, out.tolist())}

    def found(self, unit: Unit) -> KeywordScore:
        """The unit's keyword score for this theme, as its analysis found it (read from the
        unit, not copied into a dictionary per theme: a big day's would cost 50 MB each)."""
        return unit.keywords[self.index] if unit.keywords is not None else NO_KEYWORDS

    def share(self, article_id: str) -> float:
        """The share of the article's sentences that name the theme: how much of it is about it."""
        return self.naming.get(article_id, 0) / max(1, self.sentences.get(article_id, 0))

    def context(self, unit: Unit) -> float:
        """Cosine between the sentence and the other on-theme sentences (leave-one-out)."""
        known = self._context.get(id(unit))
        if known is not None:
            return known
        keyword_stems = self.keyword_stems
        own = 1 if id(unit) in self.seeds else 0
        dot = s_norm2 = 0.0
        c_norm2 = self.norm2
        for t in unit.distinct:
            if t in keyword_stems:
                continue
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
            for t in unit.distinct
            if t not in self.keyword_stems
        }
        best = [t for t, w in sorted(weights.items(), key=lambda item: (-item[1], item[0])) if w > 0][:k]
        surface = {}
        for stem, word in zip(unit.view.stems, unit.view.surface):
            surface.setdefault(stem, word)
        return tuple(surface.get(t, t) for t in best)

    def evidence(self, unit: Unit, rel: Relevance, names_scope: Callable[[Unit], bool] | None = None) -> str | None:
        """Why the sentence is about the theme and not merely naming one of its words, or
        None: two of the theme's concepts at full weight (or a phrase keyword), an article
        that is itself about the theme, or — in a briefing with a scope — the sentence
        placing its keyword in the briefing's topic by naming it ("Russian gas")."""
        score = dict(rel.parts)["keywords"]
        if score >= 2.0 - 1e-9 or (score >= 1.25 - 1e-9 and any(" " in k or "-" in k for k in rel.keywords)):
            return "keywords"
        if unit.sentence.article_id in self.about:
            return "article"
        if score >= 1.0 - 1e-9 and names_scope is not None and names_scope(unit):
            return "scope"
        return None

    def best_possible(self, unit: Unit) -> float:
        """The highest `relevance` score the sentence could have (its context at most 1),
        without working out its context; 0 when it names no keyword."""
        kw = self.found(unit)[0]
        if kw <= 0:
            return 0.0
        art = 1.0 if unit.sentence.article_id in self.lead_about else 0.0
        return kw + self.opts.context_weight + self.opts.article_weight * art + 1e-9  # rounding's margin

    def relevance(self, unit: Unit, require_keyword: bool = True, related: bool = True) -> Relevance | None:
        """Relevance parts; None when the sentence names no keyword (unless not required)
        or names an excluded term. `related=False` leaves out the related terms (see
        `related_terms`), which only the sentences that end up in a pool need."""
        kw, names = self.found(unit)
        if (require_keyword and kw <= 0) or (
            self.matcher.exclude and self.matcher.may_exclude(unit.stems) and self.matcher.excluded(unit.view.words)
        ):
            return None
        ctx = self.context(unit)
        art = 1.0 if unit.sentence.article_id in self.lead_about else 0.0
        o = self.opts
        score = kw + o.context_weight * ctx + o.article_weight * art
        return Relevance(score, names, (kw, ctx, art), self.related_terms(unit) if related and ctx > 0 else ())
