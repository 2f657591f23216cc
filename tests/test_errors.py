"""How `brief build` behaves when its inputs, options or configuration are bad.

The contract (brief/cli.py): exit 0 when a briefing was written (warnings allowed),
1 when none could be, 2 for usage or configuration errors; nothing on stdout; one
stderr line per problem, naming the input it is about. Every input is generated here
in tmp_path; the only files read from the repository are the example articles.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import brief.render
from brief.cli import cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DATE = "2026-11-21"
STEM = f"briefing-{DATE}"

FAKE_PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"
LATIN1_ARTICLE = (
    "Café owners in Zürich fear gas prices\n\n"
    "Café owners in Zürich said the gas pipeline deal and new sanctions would raise their "
    "heating bills this winter. The café association in Zürich asked the canton for help.\n"
)


def build(*args: str):
    """`brief build ARGS` in-process; stdout and stderr are kept apart (click >= 8.2)."""
    return CliRunner().invoke(cli, ["build", "--no-scope", *args])  # these articles need not name Ukraine


def lines(stream: str) -> list[str]:
    return [line for line in stream.splitlines() if line.strip()]


def warnings_on(stderr: str) -> list[str]:
    return [line for line in lines(stderr) if line.startswith("brief: warning: ")]


def good_article(tmp_path: Path, name: str = "01-talks-geneva.txt") -> Path:
    target = tmp_path / "in" / name
    target.parent.mkdir(exist_ok=True)
    shutil.copy(EXAMPLES / name, target)
    return target


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def record(**fields: str) -> dict[str, str]:
    base = {
        "title": "Gas pipeline talks resume in Vienna",
        "source": "Test Wire",
        "url": "https://example.com/gas",
        "text": "Gas pipeline operators met in Vienna on Monday to discuss transit fees. "
        "NATO allies said the sanctions on Russian oil would stay in place.",
    }
    base.update(fields)
    return base


def briefing_json(out: Path) -> dict:
    return json.loads((out / f"{STEM}.json").read_text(encoding="utf-8"))


def out_files(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir()) if out.exists() else []


# --- one bad input next to a good one: the run goes on, one warning names the input ---


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"   \n\t\n \r\n  ", "empty file"),
        ("photo.png", FAKE_PNG, "binary file"),
        ("nul.txt", b"Headline\n\nSome text\x00\x00\x00 with NUL bytes in it.\n", "binary file"),
        ("broken.json", b'{"title": "Half a record", "text": ', "malformed JSON"),
    ],
    ids=["empty", "whitespace-only", "binary-png", "binary-nul", "malformed-json"],
)
def test_bad_file_is_skipped_with_one_warning(tmp_path, name, data, problem):
    good = good_article(tmp_path)
    bad = write(tmp_path / "in" / name, data)
    out = tmp_path / "out"

    result = build(str(good), str(bad), "--out", str(out), "--date", DATE)

    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    warned = warnings_on(result.stderr)
    assert len(warned) == 1, result.stderr
    assert str(bad) in warned[0] and problem in warned[0]
    doc = briefing_json(out)
    assert [a["path"] for a in doc["articles"]] == [str(good)]
    assert len(doc["warnings"]) == 1 and str(bad) in doc["warnings"][0]


def test_missing_path_is_named_in_a_warning(tmp_path):
    good = good_article(tmp_path)
    missing = tmp_path / "in" / "no-such-article.txt"
    out = tmp_path / "out"

    result = build(str(good), str(missing), "--out", str(out), "--date", DATE)

    assert result.exit_code == 0, result.stderr
    assert lines(result.stderr) == [f"brief: warning: {missing}: no such file or folder"]
    assert briefing_json(out)["warnings"] == [f"{missing}: no such file or folder"]


def test_latin1_file_is_decoded_not_skipped(tmp_path):
    latin = write(tmp_path / "in" / "zurich.txt", LATIN1_ARTICLE.encode("latin-1"))
    out = tmp_path / "out"

    result = build(str(latin), "--out", str(out), "--date", DATE)

    assert result.exit_code == 0, result.stderr
    assert warnings_on(result.stderr) == []
    doc = briefing_json(out)
    assert [a["title"] for a in doc["articles"]] == ["Café owners in Zürich fear gas prices"]
    assert doc["articles"][0]["sentences"] >= 2
    assert doc["warnings"] == []


@pytest.mark.parametrize(
    ("encoding", "title", "body"),
    [
        ("latin-1", "Café in Zürich", "The café owners said gas prices rose again this week."),
        (
            "cp1252",
            "Café owners fear “gas” prices – sanctions",
            "The café owners in Zürich said “the gas pipeline” deal – and sanctions – would cost €5 more.",
        ),
    ],
    ids=["short-latin1", "cp1252-quotes-euro"],
)
def test_short_western_text_is_decoded_correctly(tmp_path, encoding, title, body):
    path = write(tmp_path / "in" / "cafe.txt", f"{title}\n\n{body}\n".encode(encoding))
    out = tmp_path / "out"

    result = build(str(path), "--out", str(out), "--date", DATE)

    assert result.exit_code == 0, result.stderr
    assert briefing_json(out)["articles"][0]["title"] == title


# --- JSON and JSON Lines records ---


def test_jsonl_bad_line_warns_with_file_and_line_and_keeps_good_records(tmp_path):
    feed = write(
        tmp_path / "in" / "feed.jsonl",
        "\n".join(
            [
                json.dumps(record()),
                '{"title": "cut off mid-record", "text": ',
                json.dumps(record(title="Energy ministers meet", url="https://example.com/energy", text="Energy ministers said the gas "
                                  "pipeline would reopen next week after repairs to a compressor station.")),
            ]
        )
        + "\n",
    )
    out = tmp_path / "out"

    result = build(str(feed), "--out", str(out), "--date", DATE)

    assert result.exit_code == 0, result.stderr
    warned = warnings_on(result.stderr)
    assert len(warned) == 1, result.stderr
    assert f"{feed}:2:" in warned[0] and "malformed JSON" in warned[0]
    doc = briefing_json(out)
    assert [a["title"] for a in doc["articles"]] == ["Gas pipeline talks resume in Vienna", "Energy ministers meet"]
    assert len(doc["warnings"]) == 1 and f"{feed}:2:" in doc["warnings"][0]


def test_record_without_text_is_skipped_with_one_warning(tmp_path):
    path = write(tmp_path / "in" / "items.json", json.dumps([record(), {"title": "Only a headline"}]))
    out = tmp_path / "out"

    result = build(str(path), "--out", str(out), "--date", DATE)

    assert result.exit_code == 0, result.stderr
    warned = warnings_on(result.stderr)
    assert len(warned) == 1, result.stderr
    assert f"{path} item 2" in warned[0] and "'text'" in warned[0]
    doc = briefing_json(out)
    assert [a["title"] for a in doc["articles"]] == ["Gas pipeline talks resume in Vienna"]
    assert doc["warnings"] == [warned[0].removeprefix("brief: warning: ")]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("headline-only.json", json.dumps({"title": "Only a headline"})),
        ("garbage.jsonl", "not json\n"),
    ],
    ids=["json-record-without-text", "jsonl-all-lines-bad"],
)
def test_json_file_with_no_usable_record_gets_exactly_one_line(tmp_path, name, data):
    good = good_article(tmp_path)
    bad = write(tmp_path / "in" / name, data)

    result = build(str(good), str(bad), "--out", str(tmp_path / "out"), "--date", DATE)

    assert result.exit_code == 0, result.stderr
    warned = warnings_on(result.stderr)
    assert len(warned) == 1, result.stderr
    assert str(bad) in warned[0] and "no usable articles" in warned[0]
    assert len(briefing_json(tmp_path / "out")["warnings"]) == 1


def test_javascript_url_is_dropped_with_a_warning(tmp_path):
    path = write(tmp_path / "in" / "js.jsonl", json.dumps(record(url="javascript:alert(1)")) + "\n")
    out = tmp_path / "out"

    result = build(str(path), "--out", str(out), "--date", DATE, "--format", "json,html,md")

    assert result.exit_code == 0, result.stderr
    warned = warnings_on(result.stderr)
    assert len(warned) == 1 and str(path) in warned[0] and "javascript:" in warned[0]
    doc = briefing_json(out)
    assert doc["articles"][0]["url"] is None
    assert doc["warnings"] == [warned[0].removeprefix("brief: warning: ")]
    assert 'href="javascript:' not in (out / f"{STEM}.html").read_text(encoding="utf-8").lower()
    assert "<javascript:" not in (out / f"{STEM}.md").read_text(encoding="utf-8").lower()


# --- configuration and usage errors: exit 2, one line, nothing written ---


@pytest.mark.parametrize(
    ("toml", "named"),
    [
        ("[nato\nkeywords = [\"NATO\"]\n", "TOML"),
        ('[nato]\ntitle = "NATO"\n', "[nato].keywords"),
        ('[nato]\nkeywords = ["NATO"]\ncolour = "blue"\n', "'colour'"),
    ],
    ids=["invalid-toml", "missing-keywords", "unknown-key"],
)
def test_bad_theme_file_is_a_usage_error(tmp_path, toml, named):
    themes = write(tmp_path / "my themes.toml", toml)
    out = tmp_path / "out"

    result = build(str(good_article(tmp_path)), "--themes", str(themes), "--out", str(out), "--date", DATE)

    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""
    err = lines(result.stderr)
    assert len(err) == 1, result.stderr
    assert err[0].startswith("brief: error: ")
    assert str(themes) in err[0] and named in err[0]
    assert not out.exists()


def test_missing_theme_file_is_a_usage_error(tmp_path):
    themes = tmp_path / "nope.toml"
    result = build(str(good_article(tmp_path)), "--themes", str(themes), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert len(lines(result.stderr)) == 1 and str(themes) in result.stderr


@pytest.mark.parametrize("formats", ["xml", "json,docx", ","])
def test_unknown_format_is_a_usage_error(tmp_path, formats):
    out = tmp_path / "out"
    result = build(str(good_article(tmp_path)), "--format", formats, "--out", str(out), "--date", DATE)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--format" in result.stderr
    for name in ("xml", "docx"):
        if name in formats:
            assert name in result.stderr
    assert not out.exists()


def test_repeated_format_options_add_up(tmp_path):
    out = tmp_path / "out"
    result = build(str(good_article(tmp_path)), "-f", "json", "--format", "md,txt", "--out", str(out), "--date", DATE)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.suffix for p in out.iterdir()) == [".json", ".md", ".txt"]


@pytest.mark.parametrize("day", ["2026-13-01", "21/11/2026", "yesterday", ""])
def test_bad_date_is_a_usage_error(tmp_path, day):
    out = tmp_path / "out"
    result = build(str(good_article(tmp_path)), "--date", day, "--out", str(out))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--date" in result.stderr and repr(day) in result.stderr
    assert not out.exists()


# --- nothing usable: exit 1, nothing written, old outputs untouched ---


def bad_inputs(tmp_path: Path) -> list[Path]:
    d = tmp_path / "bad"
    return [
        d / "missing.txt",
        write(d / "empty.txt", b""),
        write(d / "blank.md", b"  \n\n\t  \n"),
        write(d / "image.png", FAKE_PNG),
        write(d / "broken.json", b"{not json"),
    ]


def test_only_bad_inputs_exit_1_and_write_nothing(tmp_path):
    bad = bad_inputs(tmp_path)
    out = tmp_path / "out"

    result = build(*map(str, bad), "--out", str(out), "--date", DATE, "--format", "json,html,md,pdf")

    assert result.exit_code == 1
    assert result.stdout == ""
    err = lines(result.stderr)
    assert err[-1].startswith("brief: error: ") and "no usable articles" in err[-1]
    warned = warnings_on(result.stderr)
    assert len(warned) == len(bad)
    for path in bad:
        assert sum(str(path) in line for line in warned) == 1, (path, warned)
    assert out_files(out) == []


def test_failed_run_leaves_existing_briefing_untouched(tmp_path):
    out = tmp_path / "out"
    sentinels = {
        write(out / f"{STEM}.json", '{"sentinel": true}\n'): '{"sentinel": true}\n',
        write(out / f"{STEM}.html", "<p>yesterday's run</p>\n"): "<p>yesterday's run</p>\n",
    }

    result = build(*map(str, bad_inputs(tmp_path)), "--out", str(out), "--date", DATE)

    assert result.exit_code == 1
    for path, content in sentinels.items():
        assert path.read_text(encoding="utf-8") == content
    assert out_files(out) == sorted(p.name for p in sentinels)


def test_render_failure_leaves_existing_briefing_untouched(tmp_path, monkeypatch):
    """A format that fails to render must not leave the other formats half-replaced."""
    out = tmp_path / "out"
    old_json = write(out / f"{STEM}.json", '{"sentinel": true}\n')

    def broken_pdf(*args, **kwargs):
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(brief.render, "pdf_from_html", broken_pdf)  # in the helper process too (forked after this)
    result = build(str(good_article(tmp_path)), "--format", "json,html,pdf", "--out", str(out), "--date", DATE)

    assert result.exit_code != 0
    assert old_json.read_text(encoding="utf-8") == '{"sentinel": true}\n'
    assert out_files(out) == [old_json.name]


# --- good and bad together ---


def test_mixed_inputs_write_a_briefing_and_one_line_per_bad_input(tmp_path):
    good = good_article(tmp_path)
    good2 = good_article(tmp_path, "04-sanctions-package.txt")
    latin = write(tmp_path / "in" / "zurich.txt", LATIN1_ARTICLE.encode("cp1252"))
    d = tmp_path / "bad"
    feed = write(d / "feed.jsonl", "\n".join([json.dumps(record()), "{oops", json.dumps(record(title="Second"))]))
    bad = [
        d / "missing.txt",
        write(d / "empty.txt", b""),
        write(d / "blank.txt", b"\n   \n"),
        write(d / "image.png", FAKE_PNG),
        write(d / "broken.json", b'[{"title": "x", "text": "y"'),
        feed,
        write(d / "headless.json", json.dumps([record(title="Third"), {"title": "No text"}])),
        write(d / "js.jsonl", json.dumps(record(title="Fourth", url="javascript:alert(document.cookie)"))),
    ]
    out = tmp_path / "out"

    result = build(str(good), *map(str, bad), str(good2), str(latin), "--out", str(out), "--date", DATE,
                   "--format", "json,md")

    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    err = lines(result.stderr)
    assert err == warnings_on(result.stderr), "only warnings, no errors"
    assert len(err) == len(bad), result.stderr
    for path in bad:
        assert sum(str(path) in line for line in err) == 1, (path, err)
    assert out_files(out) == [f"{STEM}.json", f"{STEM}.md"]
    doc = briefing_json(out)
    assert doc["warnings"] == [line.removeprefix("brief: warning: ") for line in err]
    titles = [a["title"] for a in doc["articles"]]
    assert "Café owners in Zürich fear gas prices" in titles
    # the four good JSON records carry one identical text: one article, three copies
    wire = next(a for a in doc["articles"] if a["title"] == "Gas pipeline talks resume in Vienna")
    assert sorted(c["title"] for c in wire["copies"]) == ["Fourth", "Second", "Third"]
    assert {c["relation"] for c in wire["copies"]} <= {"same text", "same url"}
    assert sum(a["path"] in (str(good), str(good2)) for a in doc["articles"]) == 2
    assert any(s["summary"] for s in doc["themes"])


# --- successful runs ---


def test_success_writes_every_format_and_leaves_no_temp_files(tmp_path):
    out = tmp_path / "out"
    result = build(str(EXAMPLES), "--format", "json,html,md,pdf", "--out", str(out), "--date", DATE)

    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""
    assert out_files(out) == [f"{STEM}.{ext}" for ext in ("html", "json", "md", "pdf")]
    assert not [name for name in out_files(out) if name.startswith(".")]
    assert (out / f"{STEM}.pdf").read_bytes().startswith(b"%PDF-")

    # A second run over the same folder replaces the files in place, still no leftovers.
    again = build(str(EXAMPLES), "--format", "json,html,md,pdf", "--out", str(out), "--date", DATE)
    assert again.exit_code == 0, again.stderr
    assert out_files(out) == [f"{STEM}.{ext}" for ext in ("html", "json", "md", "pdf")]


def run_brief(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "brief", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_subprocess_success_prints_nothing_on_stdout(tmp_path):
    good = good_article(tmp_path)
    done = run_brief(tmp_path, "build", str(good), "--format", "json,md", "--out", "out", "--date", DATE)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert done.stderr == ""
    assert out_files(tmp_path / "out") == [f"{STEM}.json", f"{STEM}.md"]

    verbose = run_brief(tmp_path, "build", str(good), "-v", "--format", "json", "--out", "out", "--date", DATE)
    assert verbose.returncode == 0, verbose.stderr
    assert verbose.stdout == ""
    assert f"wrote {Path('out') / f'{STEM}.json'}" in verbose.stderr


def test_subprocess_exit_codes(tmp_path):
    good = good_article(tmp_path)
    empty = write(tmp_path / "empty.txt", b"")

    mixed = run_brief(tmp_path, "build", str(good), str(empty), "--format", "json", "--out", "a", "--date", DATE)
    assert (mixed.returncode, mixed.stdout) == (0, "")
    assert lines(mixed.stderr) == [f"brief: warning: {empty}: empty file"]

    nothing = run_brief(tmp_path, "build", str(empty), "--out", "b", "--date", DATE)
    assert (nothing.returncode, nothing.stdout) == (1, "")
    assert "no usable articles" in nothing.stderr
    assert not (tmp_path / "b").exists()

    usage = run_brief(tmp_path, "build", str(good), "--format", "xml", "--out", "c")
    assert (usage.returncode, usage.stdout) == (2, "")
    assert not (tmp_path / "c").exists()

    no_args = run_brief(tmp_path, "build")
    assert (no_args.returncode, no_args.stdout) == (2, "")
