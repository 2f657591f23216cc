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
