"""Shared fixtures. Data from ../shared (seeds, gold labels, eval sets) is read in place,
never copied into the repo; tests that need it skip cleanly when it is absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "corpus" / "seeds-gold.jsonl"
EVAL = SHARED / "eval"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir() or not GOLD.is_file():
        pytest.skip("../shared/corpus (seeds and gold labels) not available")
    return SEEDS


@pytest.fixture(scope="session")
def gold() -> list[dict]:
    if not GOLD.is_file():
        pytest.skip("../shared/corpus/seeds-gold.jsonl not available")
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def synthetic_pile(root: Path, articles: int, seed: int) -> Path:
    """A pile of every input kind (text, Markdown, HTML, RSS, JSONL), with copies and
    invented words: bench/ingest.py's generator on our own example sentences."""
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from ingest import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    generate(root, articles, seed=seed, invent=0.3)
    return root


def eval_file(name: str) -> Path:
    path = EVAL / name
    if not path.is_file():
        pytest.skip(f"../shared/eval/{name} not available")
    return path


@pytest.fixture()
def site():
    """A local HTTP server on 127.0.0.1 serving tests/fixtures/site and misbehaving routes."""
    from localsite import LocalSite

    server = LocalSite()
    yield server
    server.close()


def pdf_figure_alts(pdf: object) -> list[str]:
    """The alternative texts of a tagged PDF's figures, in reading order (pikepdf)."""
    import pikepdf

    alts: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
        elif isinstance(node, pikepdf.Dictionary):
            if str(node.get("/S", "")) == "/Figure":
                alts.append(str(node.get("/Alt", "")))
            if "/K" in node:
                walk(node.K)

    with pikepdf.open(pdf) as doc:
        walk(doc.Root.StructTreeRoot.K)
    return alts
