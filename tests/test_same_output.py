"""The briefing stays the same when the code only gets faster.

Each case builds a briefing from a fixed pile and compares it with the one recorded in
tests/fixtures/golden/ when the selection last changed on purpose: the picks (theme,
article, position) for a readable difference, then a digest of the whole JSON (scores,
citations, coverage, warnings; the build time and the input folder left out). The
fixtures hold no article text: only ids, positions and digests.

After a change meant to alter the selection, record the new briefings with
`BRIEF_RECORD_GOLDEN=1 pytest tests/test_same_output.py` and say why in the commit.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from brief.pipeline import build
from brief.render import render_json
from conftest import EXAMPLES, SEEDS, SHARED, synthetic_pile

GOLDEN = Path(__file__).parent / "fixtures" / "golden"
DATE = "2026-11-21"
REAL_PAGES = SHARED / "eval" / "realworld-dev" / "pages"


def _record(briefing_json: str, root: Path) -> dict:
    """What is compared: the picks, and a digest of the JSON with the build's own time and
    the input folder (which differs from machine to machine) taken out."""
    data = json.loads(briefing_json.replace(str(root), "<input>"))
    data.pop("generated_at", None)
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False)
    picks = [[t["id"], p["article"], p["position"]] for t in data["themes"] for p in t["summary"]]
    keys = [[p["article"], p["position"]] for p in data["key_points"]]
    return {"picks": picks, "key_points": keys, "articles": len(data["articles"]),
            "sha256": hashlib.sha256(canonical.encode("utf-8")).hexdigest()}


def _check(name: str, root: Path, **options: object) -> None:
    from datetime import date

    briefing = build([root], date=date.fromisoformat(DATE), **options)
    got = _record(render_json(briefing), root)
    path = GOLDEN / f"{name}.json"
    if os.environ.get("BRIEF_RECORD_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(got, indent=1) + "\n", encoding="utf-8")
        return
    want = json.loads(path.read_text(encoding="utf-8"))
    assert got["articles"] == want["articles"], f"{name}: articles briefed"
    assert got["picks"] == want["picks"], f"{name}: the sections picked other sentences"
    assert got["key_points"] == want["key_points"], f"{name}: other key points"
    assert got["sha256"] == want["sha256"], f"{name}: same picks, but the JSON differs (scores, citations, …)"


def test_examples_briefing_unchanged() -> None:
    _check("examples", EXAMPLES)


def test_seeds_briefing_unchanged(seeds_dir: Path) -> None:
    _check("seeds", seeds_dir)


def test_real_pile_briefing_unchanged(tmp_path: Path) -> None:
    """The seeds among 47 real pages from other beats (HTML through the page extractor)."""
    if not SEEDS.is_dir() or not REAL_PAGES.is_dir():
        pytest.skip("../shared seeds or realworld-dev pages not available")
    for path in [*SEEDS.iterdir(), *REAL_PAGES.glob("*.html")]:
        shutil.copy(path, tmp_path / path.name)
    _check("real-pile", tmp_path)


@pytest.mark.parametrize("jobs", [1, 2])
def test_thousand_article_briefing_unchanged(tmp_path: Path, jobs: int) -> None:
    """1,000 generated articles of every kind: the pile-wide stages and, with two jobs, the workers."""
    _check("pile-1000", synthetic_pile(tmp_path / "pile", 1000, seed=2026), jobs=jobs)


def test_the_compiled_stemmer_stems_as_nltks_snowball_did() -> None:
    """brief.nlp stems with PyStemmer (C); every word of the examples and seeds gets the
    stem NLTK's pure-Python Snowball gave it, so stems stored by earlier code still match."""
    from nltk.stem.snowball import SnowballStemmer

    from brief import nlp

    texts = [p.read_text(encoding="utf-8") for p in EXAMPLES.iterdir() if p.is_file()]
    if SEEDS.is_dir():
        texts += [p.read_text(encoding="utf-8", errors="replace") for p in SEEDS.iterdir()]
    words = sorted({w for text in texts for w in nlp.words(text)})
    assert len(words) > 1000
    nltk_stem = SnowballStemmer("english").stem
    assert [w for w in words if nlp.stem(w) != nltk_stem(w)] == []
