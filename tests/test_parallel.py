"""Worker processes (`--jobs`): the briefing is the same with any number of them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from brief import parallel
from brief.parallel import Workers
from brief.pipeline import build
from brief.render import to_dict
from conftest import EXAMPLES, ROOT, synthetic_pile


@pytest.fixture(scope="module")
def pile(tmp_path_factory) -> Path:
    """240 articles: enough for the pool to start."""
    return synthetic_pile(tmp_path_factory.mktemp("pile"), 240, seed=7)


def _json(out: Path) -> dict:
    (path,) = out.glob("briefing-*.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("generated_at")
    return data


def _brief(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "brief", "build", *map(str, args)], capture_output=True, text=True,
                          timeout=300, cwd=ROOT)


def test_two_jobs_give_the_same_briefing_as_one(pile, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    first = _brief(pile, "--jobs", "1", "--out", one, "--date", "2026-11-21", "--format", "json,md")
    second = _brief(pile, "--jobs", "2", "--out", two, "--date", "2026-11-21", "--format", "json,md")
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert first.stderr == second.stderr  # the same warnings, in the same order
    assert _json(one) == _json(two)
    assert (one / "briefing-2026-11-21.md").read_bytes() == (two / "briefing-2026-11-21.md").read_bytes()
    assert len(_json(one)["articles"]) > 200  # big enough for the pool to start


def test_the_pool_really_runs_and_small_piles_stay_in_process(monkeypatch):
    started: list[int] = []
    real_start = Workers._start

    def spy(self):
        started.append(self.jobs)
        return real_start(self)

    monkeypatch.setattr(Workers, "_start", spy)
    single = to_dict(build([EXAMPLES], jobs=1, date=None))
    assert started == []
    default = to_dict(build([EXAMPLES], jobs=2))  # 6 articles: below MIN_ITEMS, no processes
    assert started == []
    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)
    pooled = to_dict(build([EXAMPLES], jobs=2))
    assert started and set(started) == {2}
    for data in (single, default, pooled):
        data.pop("generated_at")
    assert single == default == pooled


def test_results_keep_input_order_and_errors_reach_the_caller():
    with Workers(2, min_items=1, chunk=3) as workers:
        assert list(workers.map(abs, range(-50, 0), 50)) == list(range(50, 0, -1))
        with pytest.raises(TypeError):
            list(workers.map(abs, ["x"], 1))


def test_preload_runs_once_before_the_workers_start_and_never_for_small_piles():
    import multiprocessing
    import threading

    forks = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    loaded: list[int] = []
    with Workers(2, min_items=10, preload=lambda: loaded.append(1)) as workers:
        assert list(workers.map(abs, [-1, -2], 2)) == [1, 2]
        assert loaded == []  # below min_items: no pool, nothing to preload for
        assert list(workers.map(abs, range(-20, 0), 20)) == list(range(20, 0, -1))
        assert list(workers.map(abs, range(-20, 0), 20)) == list(range(20, 0, -1))
    assert loaded == ([1] if forks else [])  # a spawned worker starts afresh: nothing to share


def test_jobs_must_be_positive():
    with pytest.raises(ValueError, match="at least 1"):
        Workers(0)
    result = _brief(EXAMPLES, "--jobs", "0")
    assert result.returncode == 2 and "'0' is not a positive number of processes or 'auto'" in result.stderr


def test_split_done_before_dedupe_is_reused_only_where_it_equals_a_fresh_split():
    """Workers split each article right after cleaning it; dedupe and learned boilerplate
    then drop whole blocks or add a title. The reused split must be exactly the split of
    the article as it ends up, and a block that was not there before forces a fresh split."""
    from dataclasses import replace

    from brief.model import Article, Block
    from brief.pipeline import _reuse, _segment
    from brief.select import Analyser, SelectOptions
    from brief.themes import load_themes

    analyser = Analyser(tuple(load_themes(None)), SelectOptions())
    blocks = (
        Block("Subscribe to the Morning Wire for more."),
        Block("Ukraine and Russia resumed talks on Tuesday. NATO ministers met in Brussels."),
        Block("The front line", "heading"),
        Block("Gas prices rose after the sanctions package. He added nothing."),
        Block("Read more of our coverage every day."),
    )
    early = Article(id="a", blocks=blocks)
    split = _segment(early, analyser)
    learned = replace(early, blocks=blocks[1:4], title="Talks resume as NATO meets")
    assert _reuse(learned, early, split, analyser) == _segment(learned, analyser)
    tail_only = replace(early, blocks=blocks[:4])
    assert _reuse(tail_only, early, split, analyser) == _segment(tail_only, analyser)
    assert _reuse(early, early, split, analyser) is split
    rewritten = replace(early, blocks=(Block("A block the worker never saw."), *blocks[1:]))
    assert _reuse(rewritten, early, split, analyser) is None
