"""The briefing's scope: a theme file's `[scope]` says what the whole briefing is about;
articles not substantially about it are read, counted and left out, never cited. The
articles here are written for these tests."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from brief import build
from brief.cli import cli
from brief.errors import ConfigError
from brief.model import Article, Block, TopicScope
from brief.scope import in_scope
from brief.themes import load_theme_file, parse_theme_file

THEMES = """
[scope]
title = "the harbour dispute"
keywords = ["Velmora", "Ostrand", "harbour dispute"]
min_share = 0.25

[shipping]
title = "Shipping"
keywords = ["tanker", "port", "cargo"]
"""

ON_TOPIC = """---
title: Velmora and Ostrand trade blame over blocked harbour
source: Coast Wire
---
Velmora closed the northern channel on Monday after Ostrand moved two patrol boats into the bay.

Ostrand's foreign ministry called the closure illegal and demanded that Velmora reopen the port at once.

Three tankers carrying grain to Ostrand have been waiting outside the port since Tuesday morning.

Shipping agents said the cargo delay was already costing owners about 40,000 euros a day.
"""

PASSING_MENTION = """---
title: Grain prices climb on the world markets
source: Market Daily
---
Wheat futures rose for a fifth day in Chicago as dry weather hurt the southern harvest.

Traders said the rally was driven by buyers in Asia, who booked record volumes this week.

Freight rates for bulk carriers also rose, lifting the shares of the large shipping groups.

Analysts expect prices to ease once the first tankers of the new crop leave the port of Santos.

One broker noted in passing that delays near Velmora had added a little to the costs of some cargo.

Storage in the main export hubs is close to full, the industry body said on Thursday.
"""


@pytest.fixture()
def pile(tmp_path):
    (tmp_path / "themes.toml").write_text(THEMES, encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "harbour.md").write_text(ON_TOPIC, encoding="utf-8")
    (tmp_path / "in" / "grain.md").write_text(PASSING_MENTION, encoding="utf-8")
    return tmp_path


def test_an_article_that_only_mentions_the_scope_is_read_but_never_cited(pile):
    briefing = build([pile / "in"], themes=pile / "themes.toml")
    assert [a.id for a in briefing.articles] == ["harbour"]
    assert [(x.id, x.reason) for x in briefing.left_out] == [("grain", "out of scope")]
    assert briefing.read == 2 and briefing.topic.title == "the harbour dispute"
    picks = [*briefing.key_points, *(p for s in briefing.sections for p in s.picks)]
    assert picks and all(p.article_id == "harbour" for p in picks)


def test_json_and_header_say_how_many_were_read_and_in_scope(pile):
    out = pile / "out"
    result = CliRunner().invoke(cli, ["build", str(pile / "in"), "--themes", str(pile / "themes.toml"),
                                      "-f", "json,md,txt,html", "--out", str(out), "--date", "2026-11-21"])
    assert result.exit_code == 0, result.output
    doc = json.loads((out / "briefing-2026-11-21.json").read_text(encoding="utf-8"))
    assert doc["scope"]["read"] == 2 and doc["scope"]["in_scope"] == 1
    assert doc["scope"]["title"] == "the harbour dispute"
    assert {x["id"]: x["reason"] for x in doc["left_out"]} == {"grain": "out of scope"}
    for ext in ("md", "txt", "html"):
        text = (out / f"briefing-2026-11-21.{ext}").read_text(encoding="utf-8")
        assert "2 articles read, 1 about the harbour dispute" in text, ext
        assert "Grain prices climb" not in text, ext


def test_without_a_scope_every_article_is_briefed(pile):
    (pile / "plain.toml").write_text(THEMES.split("[shipping]")[1].join(["[shipping]", ""]), encoding="utf-8")
    briefing = build([pile / "in"], themes=pile / "plain.toml")
    assert sorted(a.id for a in briefing.articles) == ["grain", "harbour"]
    assert briefing.topic is None and not briefing.left_out


def test_a_day_with_nothing_in_scope_still_makes_a_briefing_that_says_so(pile):
    (pile / "in" / "harbour.md").unlink()
    briefing = build([pile / "in"], themes=pile / "themes.toml")
    assert not briefing.articles and not briefing.key_points
    assert all(not s.picks for s in briefing.sections)
    assert briefing.read == 1


def test_the_default_themes_declare_a_russia_ukraine_scope():
    scope = load_theme_file().scope
    assert scope is not None and "Ukraine" in scope.keywords and "Kremlin" in scope.keywords


def _article(title, n):
    return Article("a", tuple(Block(f"Sentence {i} of the story goes on here.") for i in range(n)), title=title)


@pytest.mark.parametrize(
    ("title", "counts", "expected"),
    [
        ("A story", (1, 20, False), False),  # a passing mention
        ("A story", (6, 20, False), True),  # a quarter of the sentences
        ("A story", (1, 4, False), False),  # one sentence in five is still a passing mention
        (None, (1, 1, False), True),  # a one-sentence feed summary about it
        ("Topic in the headline", (0, 1, True), True),
        ("Topic in the headline", (2, 30, True), False),  # the body hardly names it
    ],
)
def test_how_much_of_an_article_must_name_the_scope(title, counts, expected):
    assert in_scope(_article(title, counts[1]), counts, TopicScope("t", ("x",), 0.2)) is expected


@pytest.mark.parametrize(
    ("table", "needle"),
    [
        ("[scope]\ntitle = 'x'\n", "[scope].keywords"),
        ("[scope]\nkeywords = ['a']\nmin_share = 0\n", "[scope].min_share"),
        ("[scope]\nkeywords = ['a']\nmin_share = 1.5\n", "[scope].min_share"),
        ("[scope]\nkeywords = ['a']\nshare = 0.2\n", "'share'"),
        ("scope = 3\n", "[scope]"),
    ],
)
def test_a_bad_scope_table_names_the_problem(table, needle):
    with pytest.raises(ConfigError) as exc:
        parse_theme_file(table + "[t]\nkeywords = ['b']\n", "my.toml")
    assert "my.toml" in str(exc.value) and needle in str(exc.value)


def test_brief_run_takes_the_same_theme_file(pile):
    config = pile / "brief.toml"
    config.write_text(
        'title = "Harbour"\nthemes = "themes.toml"\n[input]\npaths = ["in"]\n[window]\nhours = 0\n'
        '[output]\ndir = "out"\nformats = ["json"]\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", "--config", str(config), "--at", "2026-11-21T07:00"])
    assert result.exit_code == 0, result.output
    doc = json.loads(next((pile / "out").glob("*/briefing.json")).read_text(encoding="utf-8"))
    assert doc["scope"]["in_scope"] == 1 and [x["reason"] for x in doc["left_out"]] == ["out of scope"]
