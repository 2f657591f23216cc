"""Theme sections: each sentence goes to the pool of the one theme it fits best (if it clears
the threshold), each pool is ranked and picked from."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from ..model import Article, Pick, Sentence, Theme
from ..sumyrank import DEFAULT_ALGORITHM
from ..vectors import Vectors, biased_centrality
from .analysis import Analyser, ArticleAnalysis, is_about, make_units
from .options import SelectOptions
from .picking import Candidate, mmr_order
from .pile import Pile
from .relevance import Relevance, ThemeScorer
from .scoring import lead_prior, rank_scaled, scaled
from .standalone import standalone_factor
from .units import Unit


def theme_candidates(
    scored: Sequence[tuple[int, Unit, Relevance]],
    vectors: Vectors,
    theme: Theme,
    opts: SelectOptions,
    group: Sequence[str],
    related: Callable[[Unit], tuple[str, ...]] | None = None,
    share: Callable[[str], float] | None = None,
) -> list[Candidate]:
    """A theme's pool scored: (relevance + density + centrality) × lead × corroboration × standalone.

    Centrality is topic-biased (`vectors.biased_centrality`, the walk jumping by relevance),
    or a sumy summarizer's rating with `--algorithm`. How much an article's lead and its
    centre count is learned from the pile: in full for an article at least `lead_share`
    (`centrality_share`) of whose sentences name the theme (`share`, per article), in
    proportion below — the opening and the centre of an article about the theme are on
    theme, those of an article that mentions it in passing are about something else.

    At most `theme_pool` sentences are scored in full (see below), so corroboration and
    centrality never compare a whole big day's pool with the whole pile. `related` gives
    the related terms of the sentences scored in full (else the pool's are kept)."""
    if not scored:
        return []
    o = opts
    shares = {a: share(a) for a in dict.fromkeys(u.sentence.article_id for _, u, _ in scored)} if share else {}

    def strength(unit: Unit, full: float) -> float:
        """1 for an article at least `full` of whose sentences name the theme, less below."""
        return min(1.0, shares.get(unit.sentence.article_id, full) / max(full, 1e-9))

    # the cheap parts of every sentence: density, lead prior, standalone factor
    cheap = [(o.density_weight * min(len(unit.content), o.density_cap),
              1 + o.lead_weight * strength(unit, o.lead_share) * lead_prior(unit.sentence.position, o.lead_decay),
              standalone_factor(unit.sentence)) for _, unit, _ in scored]
    if len(scored) > o.theme_pool:
        # A big day's pool: only the best by the cheap parts (corroboration can at most
        # multiply a score by 1 + corroboration_weight) are compared with the whole pile.
        base = [(rel.score + density) * lead * stand for (_, _, rel), (density, lead, stand) in zip(scored, cheap)]
        keep = sorted(sorted(range(len(scored)), key=lambda k: (-base[k], k))[: o.theme_pool])
        scored, cheap = [scored[k] for k in keep], [cheap[k] for k in keep]
    rows = [row for row, _, _ in scored]
    told = scaled(vectors.corroboration(rows, group, o.corroboration_min))
    if o.algorithm != DEFAULT_ALGORITHM:
        from ..sumyrank import sumy_ratings

        central = rank_scaled(sumy_ratings([u.sentence.text for _, u, _ in scored], o.algorithm, theme.keywords))
    else:
        central = scaled(biased_centrality(vectors, rows, [rel.score for _, _, rel in scored]))
        central *= np.array([strength(u, o.centrality_share) for _, u, _ in scored])
    weight = o.centrality_weight if o.algorithm == DEFAULT_ALGORITHM else 1.0
    cands = []
    for k, ((row, unit, rel), (density, lead, stand)) in enumerate(zip(scored, cheap)):
        mass = rel.score + density + weight * central[k]
        corroboration = 1 + o.corroboration_weight * told[k]
        parts = dict(rel.parts)
        parts["density"] = round(density, 3)
        parts["centrality" if o.algorithm == DEFAULT_ALGORITHM else o.algorithm] = round(float(central[k]), 3)
        parts.update(lead=round(lead, 3), corroboration=round(float(corroboration), 3), standalone=round(stand, 3))
        terms = related(unit) if related is not None else rel.related
        cands.append(Candidate(unit, row, mass * lead * corroboration * stand, parts, rel.keywords, terms))
    return cands


def theme_pools(scorers: Sequence[ThemeScorer], analyses: Mapping[str, ArticleAnalysis], opts: SelectOptions,
                 pile: Pile, points: Sequence[Pick],
                 names_scope: Callable[[Unit], bool] | None = None) -> dict[str, list[tuple[int, Unit, Relevance]]]:
    """Each sentence (not already a key point) in the pool of the theme it fits best among
    those it clears the threshold of with evidence (`ThemeScorer.evidence`), if any. The
    pools' related terms are left for `theme_candidates` to fill in. `names_scope`: whether
    a sentence names the briefing's scope (None: the briefing has none)."""
    units, vectors = pile.units, pile.vectors
    used = {
        (p.article_id, position)
        for p in points
        for position in range(p.position, p.position + p.span)
    }

    idf = vectors.idf_map()
    leads = {a: analysis.lead for a, analysis in analyses.items()}
    for scorer in scorers:
        about = {a for a, analysis in analyses.items() if is_about(analysis, scorer.index)}
        scorer.learn(units, leads, idf, about, vectors, pile.rows)
    pools: dict[str, list[tuple[int, Unit, Relevance]]] = {s.theme.id: [] for s in scorers}
    for row, unit in zip(pile.rows, units):
        if unit.keywords is None or (unit.sentence.article_id, unit.sentence.position) in used:
            continue
        best: tuple[ThemeScorer, Relevance] | None = None
        for scorer in scorers:
            bound = scorer.best_possible(unit)
            if bound < opts.threshold or (best is not None and bound <= best[1].score):
                continue  # it cannot clear the threshold, or beat the theme found so far
            rel = scorer.relevance(unit, related=False)
            if (rel is not None and rel.score >= opts.threshold and (best is None or rel.score > best[1].score)
                    and scorer.evidence(unit, rel, names_scope) is not None):
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
        (row, unit, scorer.relevance(unit, require_keyword=False) or Relevance(0.0, ()))
        for row, unit in enumerate(units)
    ]
    cands = theme_candidates(scored, vectors, theme, opts, [u.sentence.article_id for u in units], share=scorer.share)
    ranked = [c.unit.sentence.position for c, _ in mmr_order(cands, vectors, opts)]
    seen = set(ranked)
    return ranked + [s.position for s in all_sentences if s.position not in seen]
