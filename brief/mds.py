"""Generic multi-document evaluation: summarise each cluster of articles under a word budget
and score it against reference summaries with ROUGE-1/2/L F1 (rouge-score, stemmed).

Every system picks from the same sentences: each document goes through brief's own
cleaning and sentence splitting once, and every summary is cut at the same word budget
(the last sentence is truncated to fit), so only the choice of sentences differs.
Two input shapes are read: `{cluster_id, docs: [{text}], reference}` (Multi-News) and
`{cluster_id, docs: [{title, paragraphs}], references: [{text}]}` (MultiLing); with
several references, a system's score is the mean over them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .clean import clean
from .errors import InputError
from .model import Article, RawArticle, Sentence
from .segment import segment

METRICS = ("rouge1", "rouge2", "rougeL")


@dataclass(frozen=True)
class Cluster:
    id: str
    docs: tuple[str, ...]
    titles: tuple[str | None, ...]
    references: tuple[str, ...]


@dataclass(frozen=True)
class Prepared:
    """A cluster cleaned and split once, shared by every system."""

    cluster: Cluster
    articles: tuple[Article, ...]
    sentences: Mapping[str, Sequence[Sentence]]

    def candidates(self) -> list[Sentence]:
        """Whole sentences in document order; fragments ("Ushakov added.") are nobody's pick."""
        return [s for a in self.articles for s in self.sentences[a.id] if s.kind == "sentence"]


# A system returns sentences best first; the harness fills the budget from that order.
System = Callable[[Prepared, int], list[Sentence]]


def _doc(row: object, where: str) -> tuple[str, str | None]:
    if isinstance(row, str):
        return row, None
    if not isinstance(row, dict):
        raise InputError(where, "a document must be an object with 'text' or 'paragraphs'")
    title = row.get("title") if isinstance(row.get("title"), str) else None
    if isinstance(row.get("text"), str):
        return row["text"], title
    paragraphs = row.get("paragraphs")
    if isinstance(paragraphs, list) and all(isinstance(p, str) for p in paragraphs):
        return "\n\n".join(paragraphs), title
    raise InputError(where, "a document must have 'text' or a list of 'paragraphs'")


def jsonl_rows(path: str | Path) -> Iterator[tuple[int, str, object]]:
    """Each non-blank line of a JSON Lines file as (line number, "path:line", value); a line
    that is not JSON is an InputError naming it."""
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            yield n, where, json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(where, f"not JSON ({exc.msg})") from None


def load_clusters(path: str | Path) -> list[Cluster]:
    """Clusters from a JSON Lines file; a malformed line is an InputError naming it."""
    clusters = []
    for n, where, row in jsonl_rows(path):
        if not isinstance(row, dict) or not isinstance(row.get("docs"), list) or not row["docs"]:
            raise InputError(where, "expected an object with a non-empty 'docs' list")
        docs = [_doc(d, f"{where}: docs[{i}]") for i, d in enumerate(row["docs"])]
        if isinstance(row.get("reference"), str):
            references = [row["reference"]]
        else:
            references = [r["text"] if isinstance(r, dict) else r for r in row.get("references") or []]
        references = [r for r in references if isinstance(r, str) and r.strip()]
        if not references:
            raise InputError(where, "no 'reference' or 'references' text to score against")
        clusters.append(
            Cluster(
                id=str(row.get("cluster_id", row.get("id", n))),
                docs=tuple(text for text, _ in docs),
                titles=tuple(title for _, title in docs),
                references=tuple(references),
            )
        )
    return clusters


def prepare(cluster: Cluster) -> Prepared:
    articles = []
    for i, (text, title) in enumerate(zip(cluster.docs, cluster.titles)):
        articles.append(clean(RawArticle(id=f"d{i}", text=text, title=title)))
    return Prepared(cluster, tuple(articles), {a.id: segment(a) for a in articles})


def fill(ranked: Sequence[Sentence], words: int) -> list[str]:
    """Sentences in the given order until the budget is spent; the last is cut to fit."""
    out: list[str] = []
    left = words
    for sentence in ranked:
        if left <= 0:
            break
        tokens = sentence.text.split()
        out.append(" ".join(tokens[:left]))
        left -= min(left, len(tokens))
    return out


# ---------------------------------------------------------------- systems


def lead_round_robin(prepared: Prepared, words: int) -> list[Sentence]:
    """First sentence of every document, then every second sentence, and so on."""
    per_doc = [[s for s in prepared.sentences[a.id] if s.kind == "sentence"] for a in prepared.articles]
    longest = max((len(d) for d in per_doc), default=0)
    return [d[i] for i in range(longest) for d in per_doc if i < len(d)]


def sumy_system(algorithm: str) -> System:
    def run(prepared: Prepared, words: int) -> list[Sentence]:
        from .sumyrank import sumy_ratings

        candidates = prepared.candidates()
        ratings = sumy_ratings([s.text for s in candidates], algorithm)
        order = sorted(range(len(candidates)), key=lambda i: (-ratings[i], i))
        return [candidates[i] for i in order]

    run.__name__ = f"sumy {algorithm}"
    return run


def ours(prepared: Prepared, words: int) -> list[Sentence]:
    """brief's Key points: the same function the briefing's opening section uses."""
    from .select import SelectOptions, key_points

    picks = key_points(list(prepared.articles), prepared.sentences, SelectOptions(), words=words)
    by_place = {(s.article_id, s.position): s for s in prepared.candidates()}
    out = []
    for pick in picks:
        sentence = by_place.get((pick.article_id, pick.position))
        out.append(sentence if sentence is not None and sentence.text == pick.text else
                   Sentence(pick.article_id, pick.position, pick.text, 0))
    return out


BASELINES: dict[str, System] = {
    "LEAD round-robin": lead_round_robin,
    "sumy lexrank": sumy_system("lexrank"),
    "sumy textrank": sumy_system("textrank"),
    "sumy lsa": sumy_system("lsa"),
    "sumy luhn": sumy_system("luhn"),
    "sumy sumbasic": sumy_system("sumbasic"),
}


# ---------------------------------------------------------------- scoring


@dataclass
class Rouge:
    rouge1: float = 0.0
    rouge2: float = 0.0
    rougeL: float = 0.0
    n: int = 0


def _scorer():  # noqa: ANN202 - rouge-score has no types
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)


def evaluate(
    clusters: Sequence[Cluster], systems: Mapping[str, System], words: int = 200
) -> tuple[dict[str, Rouge], dict[str, list[str]]]:
    """Mean ROUGE F1 ×100 per system, and each system's summary per cluster."""
    scorer = _scorer()
    table = {name: Rouge() for name in systems}
    summaries: dict[str, list[str]] = {name: [] for name in systems}
    for cluster in clusters:
        prepared = prepare(cluster)
        for name, system in systems.items():
            summary = "\n".join(fill(system(prepared, words), words))
            summaries[name].append(summary)
            cell = table[name]
            for reference in cluster.references:
                scores = scorer.score(reference, summary)
                for metric in METRICS:
                    setattr(cell, metric, getattr(cell, metric) + 100 * scores[metric].fmeasure / len(cluster.references))
            cell.n += 1
    for cell in table.values():
        for metric in METRICS:
            setattr(cell, metric, getattr(cell, metric) / max(1, cell.n))
    return table, summaries
