import json

from brief.ingest import decode, is_headline, read_inputs, strip_markdown
from brief.errors import InputError

import pytest


def test_text_file_headline_becomes_title(tmp_path):
    (tmp_path / "a.txt").write_text("Talks stall in Geneva\n\nThe talks stalled on Monday. Both sides left.\n")
    (articles, warnings) = read_inputs([str(tmp_path / "a.txt")])
    assert warnings == []
    assert articles[0].title == "Talks stall in Geneva"
    assert "Talks stall" not in articles[0].text
    assert articles[0].path == str(tmp_path / "a.txt")


def test_first_line_that_is_a_sentence_is_not_a_title(tmp_path):
    (tmp_path / "a.txt").write_text("The talks stalled on Monday.\nBoth sides left.\n")
    (articles, _) = read_inputs([str(tmp_path / "a.txt")])
    assert articles[0].title == "The talks stalled on Monday", "the lead stands in for the headline"
    assert articles[0].text.startswith("The talks stalled"), "and stays in the text"


def test_headline_rule():
    assert is_headline("Russia says no deal reached in talks with US on Ukraine")
    assert not is_headline("Russia says no deal was reached.")
    assert not is_headline("“No compromise has been found yet,” he said.")


def test_markdown_syntax_is_removed_words_kept():
    text = strip_markdown("# Big news\n\nSee [the report](https://x.org) and **this** _now_.\n## Part two\n- item")
    assert text.splitlines()[0] == "Big news"
    assert "See the report and this now." in text
    assert "Part two" in text and "#" not in text and "](" not in text


def test_markdown_file(tmp_path):
    (tmp_path / "a.md").write_text("# Headline here\n\nBody with a [link](https://e.org).\n")
    (articles, _) = read_inputs([str(tmp_path)])
    assert articles[0].title == "Headline here"
    assert "Body with a link." in articles[0].text


def test_json_and_jsonl_records(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"title": "T1", "text": "Body one.", "url": "https://a.org/1",
                                                   "source": "Outlet A", "published": "2026-11-20T08:00:00+01:00"}))
    (tmp_path / "many.jsonl").write_text(
        json.dumps({"title": "T2", "text": "Body two."}) + "\n\n" + json.dumps({"title": "T3", "text": "Body three."}) + "\n"
    )
    (articles, warnings) = read_inputs([str(tmp_path)])
    assert warnings == []
    by_title = {a.title: a for a in articles}
    assert set(by_title) == {"T1", "T2", "T3"}
    assert by_title["T1"].source == "Outlet A" and by_title["T1"].url == "https://a.org/1"
    assert by_title["T1"].published == "2026-11-20T08:00:00+01:00"
    assert len({a.id for a in articles}) == 3


def test_json_list_and_articles_wrapper(tmp_path):
    (tmp_path / "l.json").write_text(json.dumps([{"text": "A."}, {"text": "B."}]))
    (tmp_path / "w.json").write_text(json.dumps({"articles": [{"text": "C."}]}))
    (articles, _) = read_inputs([str(tmp_path)])
    assert sorted(a.text for a in articles) == ["A.", "B.", "C."]


def test_folder_walk_is_sorted_and_skips_hidden_and_unknown(tmp_path):
    for name in ["b.txt", "a.txt", ".hidden.txt", "notes.pdf"]:
        (tmp_path / name).write_text("Some text here.")
    (articles, warnings) = read_inputs([str(tmp_path)])
    assert [a.id for a in articles] == ["a", "b"]
    assert warnings == []


def test_duplicate_file_stems_get_distinct_ids(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "a.txt").write_text("One.")
    (tmp_path / "y" / "a.txt").write_text("Two.")
    (articles, _) = read_inputs([str(tmp_path)])
    assert len({a.id for a in articles}) == 2


def test_decode_other_encodings():
    assert "Zürich café" in decode("Talks in Zürich café went on.".encode("cp1252"), "x")
    assert decode("\ufeffHello there.".encode("utf-8"), "x") == "Hello there."
    assert "Kyiv" in decode("Kyiv said no.".encode("utf-16"), "x")


@pytest.mark.parametrize("data, problem", [(b"", "empty"), (b"  \n\t ", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary")])
def test_decode_refuses_empty_and_binary(data, problem):
    with pytest.raises(InputError, match=problem):
        decode(data, "f.txt")


def test_oversized_file_skipped_with_warning(tmp_path):
    (tmp_path / "big.txt").write_text("word " * 1000)
    (articles, warnings) = read_inputs([str(tmp_path / "big.txt")], max_bytes=100)
    assert articles == []
    assert len(warnings) == 1 and "too large" in warnings[0] and "big.txt" in warnings[0]


def test_yaml_front_matter_gives_title_date_outlet_and_url(tmp_path):
    (tmp_path / "note.md").write_text(
        "---\ntitle: \"Kyiv seeks more air defence: NATO meets\"\ndate: 2026-11-20 09:30:00+01:00\n"
        "source: Steppe Observer\nurl: https://observer.example/x\ntags: [nato]\n---\n\n"
        "NATO ministers met in Brussels on Friday to discuss more air defence for Ukraine.\n",
        encoding="utf-8",
    )
    (tmp_path / "broken.md").write_text("---\ntitle: [unclosed\n---\nText of the article goes here.\n", encoding="utf-8")
    (articles, warnings) = read_inputs([str(tmp_path / "note.md"), str(tmp_path / "broken.md")])
    note, broken = articles
    assert (note.title, note.source, note.url) == ("Kyiv seeks more air defence: NATO meets", "Steppe Observer",
                                                   "https://observer.example/x")
    assert note.published == "2026-11-20T09:30:00+01:00" and note.date_source == "front matter"
    assert "title:" not in note.text and "---" not in note.text
    assert broken.text.strip() == "Text of the article goes here."
    assert broken.title == "Text of the article goes here", "no title field: the lead stands in"
    assert warnings == [f"{tmp_path / 'broken.md'}: unreadable front matter at line 3; its fields were ignored"]


def test_article_ids_stay_unique_across_files_and_records(tmp_path):
    (tmp_path / "wire.jsonl").write_text('{"text": "First record text here."}\n{"text": "Second record text."}\n',
                                         encoding="utf-8")
    (tmp_path / "wire-1.txt").write_text("A text file whose name looks like a record id.\n", encoding="utf-8")
    (articles, _) = read_inputs([str(tmp_path / "wire.jsonl"), str(tmp_path / "wire-1.txt")])
    ids = [a.id for a in articles]
    assert len(ids) == len(set(ids)) == 3


class _Lines(list):
    """Messages logged under "brief" (the CLI may have made that logger stop propagating)."""


@pytest.fixture
def logged():
    import logging

    lines = _Lines()
    handler = logging.Handler()
    handler.emit = lambda record: lines.append(record.getMessage())
    logger = logging.getLogger("brief")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield lines
    logger.removeHandler(handler)
    logger.setLevel(old_level)


def test_verbose_folder_walk_names_every_skipped_file_and_why(tmp_path, logged):

    (tmp_path / "story.txt").write_text("Talks resumed in Geneva on Monday after a pause.")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "notes").write_text("no suffix")
    (tmp_path / ".draft.txt").write_text("hidden")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.txt").write_text("x")
    articles, warnings = read_inputs([str(tmp_path)])
    assert [a.id for a in articles] == ["story"] and warnings == []
    lines = logged
    assert any("scan.pdf: skipped (not an article file (.pdf;" in line for line in lines)
    assert any(line.endswith("notes: skipped (not an article file (no suffix; read: .atom, .htm, .html, .json, "
                              ".jsonl, .markdown, .md, .ndjson, .rdf, .rss, .shtml, .text, .txt, .xhtml, .xml))")
               for line in lines)
    assert any(".draft.txt: skipped (hidden file)" in line for line in lines)
    assert any(line.endswith(".git: skipped (hidden folder)") for line in lines)
    assert not any("config.txt" in line for line in lines)  # a hidden folder is not walked


def test_a_named_pipe_is_refused_not_read(tmp_path):
    import os

    fifo = tmp_path / "feed.xml"
    os.mkfifo(fifo)
    (tmp_path / "story.txt").write_text("Talks resumed in Geneva on Monday after a pause.")
    articles, warnings = read_inputs([str(fifo), str(tmp_path / "story.txt")])  # would block for ever if opened
    assert [a.id for a in articles] == ["story"]
    assert warnings == [f"{fifo}: not a regular file (a pipe, socket or device); only files and folders are read"]
    articles, warnings = read_inputs([str(tmp_path)])
    assert [a.id for a in articles] == ["story"]


def test_file_names_with_control_characters_are_printed_escaped(tmp_path, logged):
    (tmp_path / "evil\x1b[2Jname\n.pdf").write_bytes(b"x")
    (tmp_path / "story.txt").write_text("Talks resumed in Geneva on Monday after a pause.")
    read_inputs([str(tmp_path)])
    line = next(m for m in logged if "evil" in m)
    assert "\x1b" not in line and "\n" not in line and "evil\\x1b[2Jname\\n.pdf" in line
