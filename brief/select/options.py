"""The selector's knobs, in one frozen dataclass; the defaults are the measured ones."""

from __future__ import annotations

from dataclasses import dataclass

from ..sumyrank import DEFAULT_ALGORITHM


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
    centrality_weight: float = 2.0  # topic-biased centrality, scaled to 0-1 in the pool (vectors.biased_centrality)
    centrality_share: float = 0.25  # share of an article's sentences naming the theme at which its centre counts in full
    density_weight: float = 0.1  # per content word, up to density_cap: fuller sentences say more
    density_cap: int = 25
    lead_weight: float = 1.0  # score × (1 + lead_weight · e^(−lead_decay · position))
    lead_decay: float = 0.65
    lead_share: float = 0.125  # share of an article's sentences naming the theme at which its lead counts in full
    corroboration_weight: float = 0.5
    corroboration_min: float = 0.2  # cosine at which another article's sentence tells the same
    # redundancy
    duplicate_jaccard: float = 0.6
    duplicate_containment: float = 0.8
    redundancy_penalty: float = 0.3  # MMR: value − penalty × cosine to the closest pick
    redundancy_max: float = 0.6  # cosine at which a sentence repeats a pick and is passed over
    join_max_words: int = 60
    quote_max_words: int = 90  # a quotation that goes on from a pick is shown whole, up to this
    # earlier briefings (history)
    reported_overlap: float = 0.5  # share of a sentence's content words in one reported sentence: old news
    update_words: int = 3  # new content words that make old news an update worth showing
    # Key points (generic summary of the day)
    key_points: int = 5
    key_points_words: int = 150
    key_lead_weight: float = 0.5
    key_lead_decay: float = 0.1
    key_corroboration_weight: float = 0.75
    key_theme_weight: float = 0.5  # a Key point the themes care about (its best keyword score, up to 1)
    key_length_exponent: float = 0.3  # value per word^exponent, so a budget holds more news
    key_pool: int = 600  # candidates compared with the whole pile for corroboration
    theme_pool: int = 600  # per theme: the best by the cheap parts, compared with the pile for corroboration
