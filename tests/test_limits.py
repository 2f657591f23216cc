"""Pathological sizes end in bounded time with a clear warning (issue 18): a run of words
with no sentence end is never picked, and titles and outlets are cut to a sensible length."""

from __future__ import annotations

import json
import random
import time

from conftest import EXAMPLES

from brief.pipeline import build
from brief.render import render_html
from brief.segment import MAX_SENTENCE_WORDS


def _words(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    vocab = "talks gas pipeline border minister Kyiv Moscow energy grid convoy port grain".split()
    return " ".join(rng.choice(vocab) for _ in range(n))


def test_a_megabyte_without_a_sentence_end_is_context_never_a_pick(tmp_path):
    run = tmp_path / "run.txt"
    run.write_text("Russia Ukraine talks\n\n" + _words(180_000), encoding="utf-8")
    started = time.monotonic()
    b = build([str(run), str(EXAMPLES)], topic=False)
    html = render_html(b)
    assert time.monotonic() - started < 120  # a hang guard; it takes seconds
    shown = [p.text for p in b.key_points] + [p.text for s in b.sections for p in s.picks]
    assert shown and max(len(t.split()) for t in shown) <= MAX_SENTENCE_WORDS
    assert len(html) < 2_000_000
    assert any(w.startswith(f"{run}: 1 run(s) of over {MAX_SENTENCE_WORDS} words") for w in b.warnings), b.warnings


def test_huge_titles_and_outlet_names_are_cut(tmp_path):
    export = tmp_path / "export.json"
    export.write_text(json.dumps({"title": "Talks " * 100_000, "source": "Harbour Post " * 50,
                                  "text": "Delegations met in Geneva on Monday for a third round of talks."}))
    b = build([str(export)], topic=False)
    (article,) = b.articles
    assert len(article.title) <= 300 and len(article.source) <= 120
    assert any("outlet name too long; cut to 300 / 120 characters" in w for w in b.warnings)


def test_control_and_bidi_characters_never_reach_titles_and_outlets(tmp_path):
    from brief.render import render_markdown, render_text

    export = tmp_path / "export.json"
    export.write_text(json.dumps({"title": "Talks\x1b[31m resume\x07 in \u202eGeneva", "source": "Harbour\u2066 Post\x9b",
                                  "url": "https://harbour.example/talks",
                                  "text": "Delegations met in Geneva on Monday for a third round of talks, officials said."}))
    b = build([str(export)], topic=False)
    (article,) = b.articles
    assert article.title == "Talks resume in Geneva" and article.source == "Harbour Post"
    html, md, txt = render_html(b), render_markdown(b), render_text(b)
    for shown in (html, md, txt):
        assert not any(ch in shown for ch in "\x1b\x07\x9b\u202e\u2066")
    assert "<bdi>Talks resume in Geneva</bdi>" in html and "<bdi>Harbour Post</bdi>" in html


def test_a_file_name_cannot_forge_a_line_or_retitle_the_terminal(tmp_path):
    import subprocess
    import sys

    pile = tmp_path / "pile"
    pile.mkdir()
    (pile / "story.txt").write_text("Delegations met in Geneva on Monday for a third round of talks, officials said.")
    evil = pile / "x\nbrief: error: forged\x1b]0;pwned\x07.txt"
    evil.write_bytes(b"")  # empty: warned about, by name
    result = subprocess.run([sys.executable, "-m", "brief", "build", str(pile), "--no-scope", "--format", "json",
                             "--out", str(tmp_path / "out")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert not any(line.startswith("brief: error: forged") for line in lines), lines
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert any("x\\nbrief: error: forged\\x1b]0;pwned\\x07.txt: empty file" in line for line in lines), lines


def _brief(*args: str):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "brief", *args], capture_output=True, text=True, timeout=120)


def test_a_theme_file_nested_10000_deep_or_with_10000_themes_is_refused_in_one_line(tmp_path):
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 10_000 + "]" * 10_000)
    many = tmp_path / "many.toml"
    many.write_text("\n".join(f'[theme{i}]\nkeywords = ["word{i}"]' for i in range(10_000)))
    for path, message in ((deep, "nested too deeply to be a theme file"),
                          (many, "10,000 themes; a briefing takes at most 200")):
        started = time.monotonic()
        result = _brief("build", str(EXAMPLES), "--themes", str(path), "--out", str(tmp_path / "out"))
        assert result.returncode == 2 and time.monotonic() - started < 60
        assert result.stderr.strip().splitlines() == [f"brief: error: {path}: {message} (split it into several)"
                                                      if "themes;" in message else f"brief: error: {path}: {message}"]


def test_a_run_config_nested_10000_deep_is_refused_in_one_line(tmp_path):
    config = tmp_path / "brief.toml"
    config.write_text('title = "x"\nextra = ' + "{a = " * 10_000 + "1" + "}" * 10_000)
    result = _brief("run", "--config", str(config))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [f"brief: error: {config}: nested too deeply to be a configuration"]


def test_a_20_mb_single_line_with_pdf_ends_in_seconds(tmp_path):
    big = tmp_path / "line.txt"
    text = "Russia Ukraine talks " + _words(3_300_000, seed=2)
    big.write_text(text[:19_900_000], encoding="utf-8")
    started = time.monotonic()
    result = _brief("build", str(big), str(EXAMPLES), "--no-scope", "--format", "json,html,pdf",
                    "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 90  # a hang guard: about 5 s here (35 s before the text cap)
    assert f"{big}: 19,900,000 characters of text; only the first 2,000,000 are read" in result.stderr
    assert next((tmp_path / "out").glob("*.pdf")).stat().st_size < 2_000_000
