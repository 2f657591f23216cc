"""Score parts shared by Key points and theme sections: the lead prior and scaling."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np


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
