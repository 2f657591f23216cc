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


def test_html_pasted_into_text_and_markdown_files_becomes_paragraphs(tmp_path):
    from brief.clean import clean

    for name in ("story.txt", "story.md"):
        path = tmp_path / name
        path.write_text("<p><em>By Jane Roe</em></p>\n<p>Delegations met on Monday in <a href='https://x.example'>"
                        "Geneva</a> for a third round of talks.</p><p>Both sides said the mood was better.</p>")
        (raw,), warnings = read_inputs([str(path)])
        assert warnings == []
        texts = [b.text for b in clean(raw).blocks]
        assert texts == ["Delegations met on Monday in Geneva for a third round of talks.",
                         "Both sides said the mood was better."], texts  # the byline is dropped by clean
        assert "<" not in raw.text and "em>" not in (raw.title or "")


@pytest.mark.parametrize(
    ("top", "published"),
    [
        ("date 2024-02-26", "2024-02-26"),
        ("Published 29 January 2026", "29 January 2026"),
        ("Posted: 10.06.2013", "10.06.2013"),
        ("Montag, 3. März 2025", "Montag, 3. März 2025"),
    ],
)
def test_a_date_line_at_the_top_of_a_text_file_is_its_date_not_its_text(tmp_path, top, published):
    path = tmp_path / "story.txt"
    path.write_text(f"{top}\nTalks resume in Geneva\n\nDelegations met on Monday for a third round of talks.")
    (raw,), _ = read_inputs([str(path)])
    assert raw.published == published and raw.date_source == "date line"
    assert raw.title == "Talks resume in Geneva"
    assert top not in raw.text and raw.text.strip() == "Delegations met on Monday for a third round of talks."


def test_a_sentence_with_a_year_is_not_a_date_line(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("In 2013 the talks began in Geneva.\n\nDelegations met on Monday for a third round of talks.")
    (raw,), _ = read_inputs([str(path)])
    assert raw.published is None and raw.text.startswith("In 2013 the talks began")


def test_feed_teasers_are_kept_as_sentences_and_cut_ones_are_never_picked(tmp_path):
    from brief.pipeline import build

    items = [
        ("Talks resume", "Delegations from both sides met in Geneva on Monday for a third round of ceasefire talks"),
        ("Grain ships sail", "Grain ships left Odesa on Monday under navy escort. Port officials said the next "
                             "convoy would sail once the channel…"),
        ("Gas prices", "Gas prices in Europe rose for a third day as traders weighed the ceasefire talks [&#8230;]"),
        ("Power grid", "Engineers restored power to most of Kharkiv overnight after the strikes. Read more"),
    ]
    entries = "".join(f"<item><title>{t}</title><link>https://wire.example/{i}</link>"
                      f"<description>{d}</description></item>" for i, (t, d) in enumerate(items))
    feed = tmp_path / "wire.rss"
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
                    f"<link>https://wire.example/</link>{entries}</channel></rss>", encoding="utf-8")
    raws, warnings = read_inputs([str(feed)])
    assert [r.text for r in raws] == [
        "Delegations from both sides met in Geneva on Monday for a third round of ceasefire talks.",
        "Grain ships left Odesa on Monday under navy escort.",
        "Gas prices in Europe rose for a third day as traders weighed the ceasefire talks […]",
        "Engineers restored power to most of Kharkiv overnight after the strikes.",
    ]
    briefing = build([str(feed)], topic=False)
    assert len(briefing.articles) == 4 and not any("no article text" in w for w in briefing.warnings)
    shown = [p.text for p in briefing.key_points] + [p.text for s in briefing.sections for p in s.picks]
    assert not any(t.rstrip().endswith(("…", "...", "[…]")) for t in shown), shown


def test_a_page_title_ending_in_its_date_beats_a_teasers_date(tmp_path):
    page = tmp_path / "wine.html"
    page.write_text(
        "<html><head><title>Old vines along the Danube | Culture | 10.06.2013</title>"
        '<meta property="og:title" content="Old vines along the Danube | 10.06.2013"></head><body><article>'
        "<h1>Old vines along the Danube</h1>"
        "<p>Winemakers along the river have kept vines older than a century, growers said on Monday.</p>"
        "<p>The harvest was smaller than last year but the quality was high, the cooperative said.</p>"
        "</article><aside><h2>More</h2><div><h3>Frost hits orchards</h3>"
        '<span class="date">01.08.2019</span><p>Orchards lost most of their blossom.</p></div></aside>'
        "</body></html>", encoding="utf-8")
    (raw,), _ = read_inputs([str(page)])
    assert raw.published == "2013-06-10"


def test_a_few_broken_bytes_in_utf8_text_are_replaced_not_read_as_another_encoding(tmp_path):
    text = "Переговоры возобновились в понедельник в Женеве, сообщили делегации. " * 12
    data = text.encode("utf-8")
    path = tmp_path / "talks.txt"
    path.write_bytes(data[:301] + b"\xff\xfe" + data[301:])  # the cut lands inside a Cyrillic letter
    (raw,), warnings = read_inputs([str(path)])
    assert "Переговоры возобновились в понедельник" in raw.text and "Ð" not in raw.text and "Р\u045f" not in raw.text
    assert len(warnings) == 1 and "invalid UTF-8 byte sequence(s) replaced by U+FFFD" in warnings[0]
    path.write_bytes("Café au lait — naïve résumé, the minister said in Brussels.".encode("cp1252"))
    (raw,), warnings = read_inputs([str(path)])
    assert raw.text.startswith("Café au lait — naïve résumé") and warnings == []


def test_one_nul_byte_in_a_jsonl_file_costs_one_record_not_the_file(tmp_path):
    records = [json.dumps({"title": f"Talks {i}", "text": f"Delegations met in Geneva on day {i} of the talks."})
               .encode() for i in range(4)]
    records[2] = records[2][:12] + b"\x00" + records[2][12:]
    path = tmp_path / "export.jsonl"
    path.write_bytes(b"\n".join(records))
    articles, warnings = read_inputs([str(path)])
    assert [a.title for a in articles] == ["Talks 0", "Talks 1", "Talks 3"]
    assert warnings == [f"{path}:3: binary data (a NUL byte) in the line; record skipped"]
