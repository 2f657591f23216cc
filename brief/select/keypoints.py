"""Key points: a generic summary of the whole pile, sentences typical of it, told by several
articles and early in their article, picked under a word budget."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from ..model import Article, Pick, Sentence
from ..vectors import Vectors
from .options import SelectOptions
from .picking import Candidate, pick
from .pile import Pile
from .scoring import lead_prior, scaled
from .standalone import fit, standalone_factor
from .units import Unit


def key_point_candidates(
    units: Sequence[Unit], rows: Sequence[int], vectors: Vectors, group: Sequence[str], opts: SelectOptions
) -> list[Candidate]:
    """Units (rows of `vectors`) scored for a generic summary of the pile.

    typical (cosine to the pile's centroid) + lead prior + corroboration (other articles
    that tell the same) + what the themes care about (its best theme keyword score, up to
    1; none without themes), each scaled to its best; the sentence's standalone factor last.
    Only sentences that can stand alone (`standalone.fit`) are candidates. Corroboration
    compares a bounded pool (the best `key_pool` by the cheap parts) with the whole pile,
    so a big day never needs the full similarity matrix.
    """
    if not units:
        return []
    o = opts
    typical = scaled(np.asarray(vectors.centroid_cosine(rows)))
    lead = np.array([lead_prior(u.sentence.position, o.key_lead_decay) for u in units])
    themes = np.array([min(1.0, max(score for score, _ in u.keywords)) if u.keywords else 0.0 for u in units])
    cheap = typical + o.key_lead_weight * lead + o.key_theme_weight * themes
    pool = []
    for i in np.argsort(-cheap, kind="stable").tolist():  # ties: pile order
        if fit(units[i].sentence):
            pool.append(i)
            if len(pool) == o.key_pool:
                break
    pool.sort()
    told = scaled(vectors.corroboration([rows[i] for i in pool], group, o.corroboration_min))
    cands = []
    for k, i in enumerate(pool):
        unit = units[i]
        stand = standalone_factor(unit.sentence)
        mass = typical[i] + o.key_lead_weight * lead[i] + o.key_corroboration_weight * told[k]
        parts = {
            "typical": round(float(typical[i]), 3),
            "lead": round(float(lead[i]), 3),
            "corroboration": round(float(told[k]), 3),
        }
        if themes[i] > 0:
            mass += o.key_theme_weight * themes[i]
            parts["themes"] = round(float(themes[i]), 3)
        parts["standalone"] = round(stand, 3)
        cands.append(Candidate(unit, rows[i], float(mass * stand), parts))
    return cands


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
    return pick(cands, pile.vectors, sentences, opts, limit, words, opts.key_length_exponent)
