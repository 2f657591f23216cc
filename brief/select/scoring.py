"""Score parts shared by Key points and theme sections: the lead prior, scaling, and how
well a sentence reads on its own."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from ..model import Sentence


def lead_prior(position: int, decay: float) -> float:
    """News puts the news first: e^(−decay · position), 1 for an article's first sentence."""
    return math.exp(-decay * position)


def scaled(values: np.ndarray) -> np.ndarray:
    top = float(values.max()) if len(values) else 0.0
    return values / top if top > 0 else np.zeros_like(values)


def rank_scaled(values: Sequence[float]) -> np.ndarray:
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
