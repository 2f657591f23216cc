"""`brief eval`: quality figures printed by the CLI, last line machine-readable."""

from __future__ import annotations

import json

from click.testing import CliRunner

from brief.cli import cli
from conftest import GOLD, eval_file


def run(*args: str):
    return CliRunner().invoke(cli, ["eval", *args])


def test_eval_sbd_scores_a_file_of_gold_sentences(tmp_path):
    gold = tmp_path / "sbd.jsonl"
    rows = [
        {"sentences": ["The U.S. envoy met Gen. Ivanov in Geneva on Monday.", "Talks resumed on Tuesday."]},
        {"sentences": ["Mr. Smith said no.", "The E.U. agreed.", "It was 5 p.m. in Kyiv."]},
    ]
    gold.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = run("sbd", str(gold))
    assert result.exit_code == 0, result.output
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("sbd F1=") and float(last.split("=")[1]) >= 0.75


def test_eval_sbd_on_the_public_sets_keeps_its_floor():
    result = run("sbd", str(eval_file("sbd-gum-wikinews.jsonl")))
    assert result.exit_code == 0, result.output
    assert float(result.output.strip().splitlines()[-1].split("=")[1]) >= 0.95


def test_eval_themes_on_the_seeds_briefing(tmp_path, seeds_dir):
    out = tmp_path / "out"
    built = CliRunner().invoke(cli, ["build", str(seeds_dir), "--format", "json", "--out", str(out), "--date", "2026-11-21"])
    assert built.exit_code == 0, built.stderr
    result = run("themes", str(out / "briefing-2026-11-21.json"), str(GOLD))
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert "junk 0; duplicates 0" in result.output
    assert lines[-1].startswith("themes precision=") and float(lines[-1].split("=")[1]) >= 0.9


def test_eval_themes_names_a_file_it_cannot_score(tmp_path):
    bad = tmp_path / "b.json"
    bad.write_text("{}", encoding="utf-8")
    gold = tmp_path / "g.jsonl"
    gold.write_text("", encoding="utf-8")
    result = run("themes", str(bad), str(gold))
    assert result.exit_code == 1 and str(bad) in result.output


def _aspect_files(tmp_path):
    item = {
        "id": "q1", "domain": "quake", "aspect": "where",
        "sentences": [
            "Officials said schools would stay closed on Monday.",
            "The earthquake struck 40 miles north of the capital near the coast.",
            "Rescue teams searched for survivors overnight.",
            "The epicenter was in a mountain region close to the border town.",
        ],
        "annotations": [[{"sent": 1, "importance": 3}, {"sent": 3, "importance": 2}]] * 5,
    }
    data = tmp_path / "aspects.jsonl"
    data.write_text(json.dumps(item) + "\n", encoding="utf-8")
    themes = tmp_path / "themes.toml"
    themes.write_text('["quake/where"]\nkeywords = ["epicenter", "miles", "north", "region", "capital", "struck"]\n',
                      encoding="utf-8")
    return data, themes


def test_eval_aspects_prints_every_system_and_dumps_our_picks(tmp_path):
    data, themes = _aspect_files(tmp_path)
    dump = tmp_path / "picks.jsonl"
    result = run("aspects", str(data), "--themes", str(themes), "--dump", str(dump))
    assert result.exit_code == 0, result.output
    out = result.output
    for system in ("brief", "LEAD", "keyword overlap", "sumy edmundson", "sumy lexrank", "sumy textrank",
                   "sumy lsa", "sumy luhn"):
        assert system in out, system
    assert float(out.strip().splitlines()[-1].removeprefix("aspects nDCG@3=")) >= 0.9
    (line,) = dump.read_text(encoding="utf-8").splitlines()
    picks = json.loads(line)
    assert picks["id"] == "q1" and set(picks["picks"][:2]) == {1, 3}


def test_eval_aspects_names_a_missing_theme(tmp_path):
    data, _ = _aspect_files(tmp_path)
    themes = tmp_path / "other.toml"
    themes.write_text('["quake/other"]\nkeywords = ["x"]\n', encoding="utf-8")
    result = run("aspects", str(data), "--themes", str(themes))
    assert result.exit_code == 1 and "no theme for quake/where" in result.output


def test_ndcg_and_p_at_1():
    from brief.aspects import ndcg, p_at_1

    gains = [0.0, 3.0, 0.0, 2.0]
    assert ndcg([1, 3, 0], gains, 3) == 1.0
    assert ndcg([0, 2, 1], gains, 3) < ndcg([1, 0, 2], gains, 3) < 1.0
    assert p_at_1([1], [0, 5, 0, 1]) == 1.0 and p_at_1([3], [0, 5, 0, 1]) == 0.0
