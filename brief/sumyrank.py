"""sumy's summarizers as sentence raters: the baselines `brief eval` compares against, and
the optional `--algorithm` centrality for theme sections.

sumy only returns its top sentences; each summarizer hands its full rating to
`_get_best_sentences`, so we intercept that call on our instance to read every rating.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

from . import nlp

SUMY_ALGORITHMS = ("lexrank", "textrank", "lsa", "luhn", "edmundson", "kl", "sumbasic")
DEFAULT_ALGORITHM = "brief"  # brief's own scoring; a sumy name adds that summarizer's rating
ALGORITHMS = (DEFAULT_ALGORITHM, *SUMY_ALGORITHMS)


def sumy_ratings(texts: Sequence[str], algorithm: str, bonus_words: Sequence[str] = ()) -> list[float]:
    """Rate every sentence with one of sumy's summarizers, in the input order."""
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
        raise ValueError(f"unknown algorithm {algorithm!r} (choose from {', '.join(SUMY_ALGORITHMS)})")
    summarizer = cls(stemmer)
    summarizer.stop_words = stop
    return summarizer
