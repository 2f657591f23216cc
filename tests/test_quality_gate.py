"""Quality gate: on the public dev sets, brief's selector reaches the floors in
tests/quality.toml and beats every baseline on the same sentences and budget.

The data is read from ../shared/eval (research-only licences, never copied here); each
test skips cleanly when its file is absent. Missing a target (as opposed to a floor) is
an expected failure, so it shows in every test run until it is met.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from conftest import eval_file

GATE = tomllib.loads((Path(__file__).parent / "quality.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def aspects():
    from brief.aspects import BASELINES, evaluate, load_items, ours
    from brief.themes import load_themes

    cfg = GATE["aspects"]
    items = load_items(eval_file(cfg["file"]))
    themes = {t.id: t for t in load_themes(eval_file(cfg["themes"]))}
    table, _ = evaluate(items, themes, {"brief": ours, **BASELINES}, cfg["k"])
    return table


@pytest.fixture(scope="module")
def mds():
    from brief.mds import BASELINES, evaluate, load_clusters, ours

    cfg = GATE["mds"]
    table, _ = evaluate(load_clusters(eval_file(cfg["file"])), {"brief": ours, **BASELINES}, cfg["words"])
    return table


@pytest.fixture(scope="module")
def topics():
    from brief.topics import BASELINES, evaluate_topics, load_topic_items, ours

    cfg = GATE["topics"]
    table, _ = evaluate_topics(load_topic_items(eval_file(cfg["file"])), {"brief": ours, **BASELINES}, cfg["words"])
    return table


@pytest.mark.parametrize("aspect", sorted(GATE["aspects"]["floor"]))
def test_aspects_floor_and_every_baseline(aspects, aspect):
    ours = aspects["brief"][aspect].ndcg
    assert ours >= GATE["aspects"]["floor"][aspect], f"{aspect}: nDCG@3 {ours:.3f}"
    for name, cells in aspects.items():
        if name != "brief":
            assert ours > cells[aspect].ndcg, f"{aspect}: {name} {cells[aspect].ndcg:.3f} ≥ brief {ours:.3f}"


@pytest.mark.parametrize("aspect", sorted(GATE["aspects"]["target"]))
def test_aspects_target(aspects, aspect):
    ours, target = aspects["brief"][aspect].ndcg, GATE["aspects"]["target"][aspect]
    if ours < target:
        pytest.xfail(f"{aspect}: nDCG@3 {ours:.3f} below the target {target} (see the issue 4 note)")


def test_mds_floor_and_every_baseline(mds):
    ours = mds["brief"].rouge2
    assert ours >= GATE["mds"]["floor"], f"ROUGE-2 {ours:.2f}"
    for name, cell in mds.items():
        if name != "brief":
            assert ours > cell.rouge2 and mds["brief"].rouge1 > cell.rouge1, f"{name} R1/R2 {cell.rouge1:.2f}/{cell.rouge2:.2f}"


def test_mds_target(mds):
    if mds["brief"].rouge2 < GATE["mds"]["target"]:
        pytest.xfail(f"ROUGE-2 {mds['brief'].rouge2:.2f} below the target {GATE['mds']['target']}")


def test_topics_floor_and_every_baseline(topics):
    ours = topics["brief"].rouge2
    assert ours >= GATE["topics"]["floor"], f"ROUGE-2 {ours:.2f}"
    for name, cell in topics.items():
        if name != "brief":
            assert ours > cell.rouge2 and topics["brief"].rouge1 > cell.rouge1, f"{name} R1/R2 {cell.rouge1:.2f}/{cell.rouge2:.2f}"


def test_topics_target_lead_plus_one(topics):
    ours, lead = topics["brief"].rouge2, topics["LEAD"].rouge2
    margin = GATE["topics"]["target_over_lead"]
    if ours < lead + margin:
        pytest.xfail(f"ROUGE-2 {ours:.2f} below LEAD {lead:.2f} + {margin} (see README, Evaluation)")
