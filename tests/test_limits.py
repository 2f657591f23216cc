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
