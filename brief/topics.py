"""Topic-focused evaluation (NEWTS format): summarise one article for each of two topics
under a word budget and score it with ROUGE-1/2/L F1 against the summary written for that
topic, next to LEAD, topic-word overlap and sumy's summarizers.

A topic becomes a theme the way a user would write one: its keywords are the topic's
words (`words1`/`words2`), with `phrases=True` its phrases too. Every system picks from the
same sentences (brief's cleaning and splitting, once per article) and every summary is cut
at the same budget (`mds.fill`), so only the choice of sentences differs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .mds import METRICS, Cluster, Prepared, Rouge, _scorer, fill, jsonl_rows, prepare
from .model import Sentence, Theme


@dataclass(frozen=True)
class Topic:
    number: int  # 1 or 2: which of the item's topics
    words: tuple[str, ...]
    phrases: tuple[str, ...]
    summary: str


@dataclass(frozen=True)
class TopicItem:
    id: str
    article: str
    topics: tuple[Topic, ...]


def _terms(value: object) -> tuple[str, ...]:
    """A comma-separated list ("snow, weather, cold,") as its terms."""
    if isinstance(value, list):
        parts = [str(v) for v in value]
    elif isinstance(value, str):
        parts = value.split(",")
    else:
        parts = []
    return tuple(dict.fromkeys(p.strip() for p in parts if p.strip()))


def load_topic_items(path: str | Path) -> list[TopicItem]:
    """Items from a NEWTS JSON Lines file; a malformed line is an InputError naming it."""
    items = []
    for n, where, row in jsonl_rows(path):
        if not isinstance(row, dict) or not isinstance(row.get("article"), str) or not row["article"].strip():
            raise InputError(where, "expected an object with a non-empty 'article'")
        topics = []
        for k in (1, 2):
            summary, words = row.get(f"summary{k}"), _terms(row.get(f"words{k}"))
            if isinstance(summary, str) and summary.strip() and words:
                topics.append(Topic(k, words, _terms(row.get(f"phrases{k}")), summary))
        if not topics:
            raise InputError(where, "no topic with 'words1'/'summary1' or 'words2'/'summary2'")
        items.append(TopicItem(str(row.get("docId", n)), row["article"], tuple(topics)))
    return items


def topic_theme(topic: Topic, phrases: bool = False) -> Theme:
    """The theme a user would write for the topic: its words (and phrases) as keywords."""
    keywords = topic.words + (tuple(p for p in topic.phrases if p not in topic.words) if phrases else ())
    return Theme(id=f"topic{topic.number}", title=f"Topic {topic.number}", keywords=keywords)


# A system returns the article's sentences best first for the theme; the harness fills the budget.
TopicSystem = Callable[[Prepared, Theme], list[Sentence]]


def lead(prepared: Prepared, theme: Theme) -> list[Sentence]:
    return prepared.candidates()


def _ordered(candidates: Sequence[Sentence], ratings: Sequence[float]) -> list[Sentence]:
    return [candidates[i] for i in sorted(range(len(candidates)), key=lambda i: (-ratings[i], i))]


def topic_overlap(prepared: Prepared, theme: Theme) -> list[Sentence]:
    """Sentences by how many stems they share with the topic's words; ties by position."""
    from . import nlp

    keys = {s for k in theme.keywords for s in nlp.stems(k)}
    candidates = prepared.candidates()
    return _ordered(candidates, [sum(1 for s in nlp.stems(c.text) if s in keys) for c in candidates])


def sumy_topic_system(algorithm: str) -> TopicSystem:
    def run(prepared: Prepared, theme: Theme) -> list[Sentence]:
        from .sumyrank import sumy_ratings

        candidates = prepared.candidates()
        return _ordered(candidates, sumy_ratings([c.text for c in candidates], algorithm, theme.keywords))

    run.__name__ = f"sumy {algorithm}"
    return run


def ours(prepared: Prepared, theme: Theme) -> list[Sentence]:
    """brief's theme ranking of the article (`select.rank_sentences`, as `brief eval aspects`)."""
    from .select import rank_sentences

    candidates = prepared.candidates()
    by_position = {s.position: s for s in candidates}
    order = rank_sentences(list(prepared.articles), prepared.sentences, theme)
    return [by_position[p] for p in order if p in by_position]


BASELINES: dict[str, TopicSystem] = {
    "LEAD": lead,
    "topic-word overlap": topic_overlap,
    "sumy edmundson": sumy_topic_system("edmundson"),
    "sumy lexrank": sumy_topic_system("lexrank"),
    "sumy textrank": sumy_topic_system("textrank"),
    "sumy lsa": sumy_topic_system("lsa"),
    "sumy luhn": sumy_topic_system("luhn"),
}


def evaluate_topics(
    items: Sequence[TopicItem], systems: Mapping[str, TopicSystem], words: int = 70, phrases: bool = False
) -> tuple[dict[str, Rouge], dict[str, list[tuple[str, int, str]]]]:
    """Mean ROUGE F1 ×100 per system over every (article, topic), and each system's
    summaries as (docId, topic number, summary)."""
    scorer = _scorer()
    table = {name: Rouge() for name in systems}
    summaries: dict[str, list[tuple[str, int, str]]] = {name: [] for name in systems}
    for item in items:
        prepared = prepare(Cluster(item.id, (item.article,), (None,), tuple(t.summary for t in item.topics)))
        for topic in item.topics:
            theme = topic_theme(topic, phrases)
            for name, system in systems.items():
                summary = "\n".join(fill(system(prepared, theme), words))
                summaries[name].append((item.id, topic.number, summary))
                scores = scorer.score(topic.summary, summary)
                cell = table[name]
                for metric in METRICS:
                    setattr(cell, metric, getattr(cell, metric) + 100 * scores[metric].fmeasure)
                cell.n += 1
    for cell in table.values():
        for metric in METRICS:
            setattr(cell, metric, getattr(cell, metric) / max(1, cell.n))
    return table, summaries
