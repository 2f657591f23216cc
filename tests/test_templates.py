"""Custom templates: overriding files and blocks, exporting the defaults, clear errors."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner
from conftest import EXAMPLES

from brief.cli import cli

DATE = "2026-11-21"


def build(tmp_path, *extra):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(EXAMPLES), "-o", str(out), "--date", DATE, *extra])
    return result, out


def test_exported_templates_render_exactly_like_the_defaults(tmp_path):
    folder = tmp_path / "mine"
    assert CliRunner().invoke(cli, ["templates", "export", str(folder)]).exit_code == 0
    assert {p.name for p in folder.iterdir()} == {"briefing.html.j2", "briefing.md.j2", "briefing.txt.j2", "briefing.css"}
    again = CliRunner().invoke(cli, ["templates", "export", str(folder)])
    assert again.exit_code == 1 and "exists" in again.output
    plain, out_a = build(tmp_path / "a", "-f", "html,md,txt")
    custom, out_b = build(tmp_path / "b", "-f", "html,md,txt", "--template-dir", str(folder))
    assert plain.exit_code == 0 and custom.exit_code == 0
    def text(path):  # the generation time is the only thing that may differ
        return re.sub(r"T\d\d:\d\d:\d\d[+-]\d\d:\d\d", "T<time>", path.read_text(encoding="utf-8"))

    for ext in ("html", "md", "txt"):
        assert text(out_a / f"briefing-{DATE}.{ext}") == text(out_b / f"briefing-{DATE}.{ext}")


def test_a_block_override_changes_every_sentence_and_stays_escaped(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "briefing.html.j2").write_text(
        '{% extends "default/briefing.html.j2" %}\n'
        '{% block sentence %}<li class="mine">{{ p.text }} — <b>{{ cite_label(p.article_id) }}</b>'
        '<span data-x="{{ "<script>" }}"></span></li>{% endblock %}\n',
        encoding="utf-8",
    )
    (folder / "briefing.css").write_text("li.mine { color: #123456; }\n", encoding="utf-8")
    result, out = build(tmp_path, "-f", "html,json", "--template-dir", str(folder))
    assert result.exit_code == 0, result.output
    html = (out / f"briefing-{DATE}.html").read_text(encoding="utf-8")
    doc = json.loads((out / f"briefing-{DATE}.json").read_text(encoding="utf-8"))
    shown = len(doc["key_points"]) + sum(len(t["summary"]) for t in doc["themes"])
    assert html.count('<li class="mine">') == shown
    assert "#123456" in html and "&lt;script&gt;" in html and "<script>" not in html
    assert 'id="sources"' in html, "blocks not overridden stay as they were"


def test_template_errors_name_the_template_and_line(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "briefing.md.j2").write_text("# {{ b.title }}\n\n{% for x in %}\n", encoding="utf-8")
    result, _ = build(tmp_path, "-f", "md", "--template-dir", str(folder))
    assert result.exit_code == 2
    assert "briefing.md.j2, line 3" in result.output and result.output.count("\n") == 1

    (folder / "briefing.md.j2").write_text("# {{ b.title }}\n{{ b.no_such_field }}\n", encoding="utf-8")
    result, _ = build(tmp_path, "-f", "md", "--template-dir", str(folder))
    assert result.exit_code == 2
    assert "briefing.md.j2, line 2" in result.output and "no_such_field" in result.output


def test_plain_text_rendering_has_every_pick_and_no_control_characters(tmp_path):
    from brief.render import plain_text

    result, out = build(tmp_path, "-f", "txt,json")
    assert result.exit_code == 0, result.output
    text = (out / f"briefing-{DATE}.txt").read_text(encoding="utf-8")
    doc = json.loads((out / f"briefing-{DATE}.json").read_text(encoding="utf-8"))
    for pick in doc["key_points"] + [p for t in doc["themes"] for p in t["summary"]]:
        assert pick["text"] in text
    assert "KEY POINTS" in text and "SOURCES" in text
    assert plain_text("a\x1b[2Jb\nc") == "a [2Jb c"


def test_warnings_stay_out_of_the_readers_copy_but_are_counted_and_kept_in_the_json(tmp_path):
    """A forwarded briefing shows no technical warnings: HTML, PDF, Markdown and text count
    them in the colophon at most; the JSON keeps the list."""
    from pypdf import PdfReader

    from brief.pipeline import build
    from brief.render import render_html, render_json, render_markdown, render_pdf, render_text

    pile = tmp_path / "pile"
    pile.mkdir()
    for path in sorted(EXAMPLES.iterdir()):
        if path.is_file():
            (pile / path.name).write_bytes(path.read_bytes())
    (pile / "broken.json").write_text("{not json")
    (pile / "empty.txt").write_text("")
    b = build([str(pile)])
    assert len(b.warnings) >= 2
    problems = [w.split(": ", 1)[1] for w in b.warnings]
    html, md, txt = render_html(b), render_markdown(b), render_text(b)
    pdf_text = " ".join(page.extract_text() for page in PdfReader(__import__("io").BytesIO(render_pdf(b, html))).pages)
    for shown in (html, md, txt, " ".join(pdf_text.split())):
        assert "Inputs skipped or repaired" not in shown
        assert "broken.json" not in shown and "empty.txt" not in shown
        assert not any(p in shown for p in problems)
    assert f"{len(b.warnings)} input problem(s) were reported" in html
    assert f"{len(b.warnings)} input problem(s) were reported" in md
    assert json.loads(render_json(b))["warnings"] == list(b.warnings)
