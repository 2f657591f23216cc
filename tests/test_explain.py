"""`brief.explain`: the plain-text "why was this picked" view of a briefing JSON.

One briefing is written by hand (including an escape sequence, an older pick without
score parts and a pick from an unknown part name); one is made by running the library
on three short articles written here. Nothing is read from ../shared.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone

import pytest

from brief.errors import InputError
from brief.explain import OLDER, explain_lines, explain_text, load_briefing

THEME_PARTS = ("keywords", "context", "article", "density", "lead", "corroboration", "standalone", "redundancy")
KEY_PARTS = ("typical", "lead", "corroboration", "standalone", "redundancy")

ARTICLES = {
    "pipeline.txt": (
        "---\nsource: Harbour Gazette\n---\n"
        "Baltic gas pipeline reopens after repairs\n\n"
        "Engineers reopened the Baltic gas pipeline on Thursday after three weeks of repairs to a "
        "damaged section of the seabed line, the operator said. Gas flows to the northern terminal "
        "resumed at half capacity and should reach full pressure by the weekend. The operator said "
        "divers found no sign of sabotage but that NATO ships would keep patrolling near the pipeline. "
        "Heating companies in the region had warned that a longer outage would raise winter gas prices.\n"
    ),
    "nato.txt": (
        "---\nsource: Northern Ledger\n---\n"
        "NATO allies agree to guard undersea energy lines\n\n"
        "NATO defence ministers agreed on Thursday to step up naval patrols around undersea gas "
        "pipelines and power cables in the Baltic Sea. The alliance will send four more frigates "
        "and a group of drones to watch the seabed, a spokesman for the allies said. Several member "
        "states pushed for the plan after the recent damage to a gas pipeline. Ministers also "
        "discussed how quickly allied forces could reach the region in a crisis.\n"
    ),
    "prices.txt": (
        "---\nsource: Market Wire\n---\n"
        "Gas prices fall as pipeline flows resume\n\n"
        "European gas prices fell sharply on Thursday as flows through the repaired Baltic pipeline "
        "resumed and traders bet on a calm winter. Utilities said the return of the pipeline eased "
        "fears of shortages for heating. Analysts noted that NATO patrols near the seabed line had "
        "reassured the market after weeks of worry.\n"
    ),
}


def pick(text: str, article: str, **extra: object) -> dict:
    base = {"text": text, "article": article, "position": 0, "score": 1.0, "also_in": [], "reported_by": []}
    return {**base, **extra}


def hand_briefing() -> dict:
    return {
        "schema": "brief/1",
        "title": "Hand-made briefing",
        "date": "2026-11-21",
        "articles": [
            {"id": "a1", "title": "Pipeline talks stall", "source": "Harbour Gazette"},
            {"id": "a2", "title": "Allies meet", "source": None},
            {"id": "a3", "title": None, "source": None},
        ],
        "key_points": [
            pick(
                "Talks on the northern gas pipeline stalled again on Friday.",
                "a1",
                score=2.24,
                also_in=["a2", "a3"],
                parts={"typical": 0.49, "lead": 0.5, "corroboration": 1.0, "standalone": 1.0, "redundancy": 0.0},
            )
        ],
        "themes": [
            {
                "id": "energy",
                "title": "Energy",
                "candidates": 7,
                "summary": [
                    pick(
                        "The operator said gas would flow again\x1b[2J by Monday\x07 once repairs end.",
                        "a1",
                        score=3.9,
                        matched=["gas", "pipeline"],
                        related=["operator", "repairs"],
                        parts={
                            "keywords": 2.0, "context": 0.31, "article": 1.0, "density": 1.7, "lead": 1.5,
                            "corroboration": 1.0, "standalone": 1.0, "redundancy": 0.12, "joined previous": 1.0,
                            "mystery": 0.123,
                        },
                    ),
                ],
            },
            {
                "id": "nato",
                "title": "NATO and the alliance",
                "candidates": 3,
                "summary": [pick("Allies agreed to send more frigates to the Baltic.", "a2", matched=["allies"])],
            },
        ],
    }


@pytest.fixture(scope="module")
def real_briefing(tmp_path_factory) -> dict:
    from brief.pipeline import build
    from brief.render import to_dict

    folder = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    now = datetime(2026, 11, 21, 8, 0, tzinfo=timezone.utc)
    return to_dict(build([str(folder)], date=date(2026, 11, 21), now=now, topic=False))


def blocks(lines: list[str]) -> list[list[str]]:
    """Each pick's lines: its numbered line and the indented lines under it."""
    out: list[list[str]] = []
    current: list[str] | None = None
    for line in lines:
        if re.match(r"^ *\d+\. ", line):
            current = [line]
            out.append(current)
        elif current is not None and line.startswith("     "):
            current.append(line)
        else:
            current = None
    return out


def shown(sentence_line: str, text: str) -> bool:
    """The numbered line shows `text`, whole or shortened with an ellipsis."""
    body = sentence_line[5:]
    if body.endswith("…"):
        return " ".join(text.split()).startswith(body[:-1].rstrip())
    return body == " ".join(text.split())


def all_picks(doc: dict) -> list[tuple[dict, bool]]:
    return [(p, True) for p in doc.get("key_points", [])] + [
        (p, False) for t in doc["themes"] for p in t["summary"]
    ]


def check_every_pick_explained(doc: dict, width: int) -> list[str]:
    lines = explain_lines(doc, width=width)
    assert all(len(line) <= width for line in lines)
    picks = all_picks(doc)
    found = blocks(lines)
    assert len(found) == len(picks)
    for (p, is_key), block in zip(picks, found):
        assert shown(block[0], p["text"].replace("\x1b", " ").replace("\x07", " "))
        under = "\n".join(block[1:])
        for word in p.get("matched", []):
            assert word in under
        for name in p.get("parts", {}):
            assert name in under
        if is_key:
            assert "matched: — (generic key point)" in under
    return lines


def test_hand_briefing_explains_every_pick_with_its_parts():
    doc = hand_briefing()
    lines = check_every_pick_explained(doc, 100)
    text = "\n".join(lines)
    assert "Key points — 1 picked" in text
    assert "Energy — 1 picked of 7 candidates" in text
    assert "Harbour Gazette · Pipeline talks stall — also in 2 other articles" in text
    assert "related: operator, repairs" in text
    # the numbers of the parts, with the key-point weights from SelectOptions
    assert "typical 0.49 + lead 0.5×0.50 + corroboration" in text
    assert "× standalone 1.00" in text
    assert "keywords 2.00 + context 0.5×0.31 + article 0.3×1.00 + density 1.70, × lead 1.50" in text
    assert "redundancy 0.12" in text
    assert "mystery 0.12" in text  # an unknown part is still shown, at the end
    assert text.index("mystery") > text.index("redundancy 0.12")


def section_titles(lines: list[str]) -> list[str]:
    return [line.split(" — ")[0] for line in lines if re.search(r" — \d+ picked", line) and not line.startswith(" ")]


def test_key_points_come_first(real_briefing):
    assert section_titles(explain_lines(hand_briefing())) == ["Key points", "Energy", "NATO and the alliance"]
    titles = section_titles(explain_lines(real_briefing))
    assert titles == ["Key points"] + [t["title"] for t in real_briefing["themes"]]


def test_escape_sequences_and_control_characters_do_not_reach_the_output():
    doc = hand_briefing()
    doc["articles"][0]["title"] = "Pipeline\x1b]0;pwned\x07 talks\r\nstall\u202e"
    doc["themes"][0]["summary"][0]["matched"].append("gas\x1b[31m")
    out = explain_text(doc)
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out and "\u202e" not in out
    assert "\x1b[2J" not in out
    assert "gas would flow again [2J by Monday once repairs end." in out  # the text around it stays
    assert all(line == line.strip("\n") for line in out.splitlines())


def test_long_sentences_are_shortened_to_the_width():
    doc = hand_briefing()
    long = "Gas " + "pipeline repairs continued through the night " * 10 + "end."
    doc["themes"][0]["summary"][0]["text"] = long
    lines = check_every_pick_explained(doc, 60)
    sentence = next(line for line in lines if line.startswith("  1. Gas pipeline"))
    assert sentence.endswith("…") and len(sentence) <= 60
    assert explain_text(doc, width=60).endswith("\n")


def test_a_score_its_parts_do_not_give_is_flagged(real_briefing):
    doc = json.loads(json.dumps(real_briefing))
    assert "built with other weights" not in explain_text(doc)
    theme = next(t for t in doc["themes"] if t["summary"])
    theme["summary"][0]["score"] = 99.0
    text = explain_text(doc)
    assert "score 99.00 = keywords" in text
    assert text.count("built with other weights") == 1


def test_older_briefing_without_parts_gets_the_note():
    doc = hand_briefing()
    del doc["key_points"]
    for p in doc["themes"][0]["summary"]:
        del p["parts"], p["related"]
    text = explain_text(doc)
    assert "Key points" not in text
    assert text.count(OLDER) == 2  # both theme picks
    assert "no score parts recorded (briefing made by an older brief)" in text
    narrow = " ".join(explain_text(doc, width=40).split())
    assert narrow.count(OLDER) == 2  # wrapped, never cut
    assert "matched: gas, pipeline" in text and "related:" not in text
    assert "Energy — 1 picked of 7 candidates" in text


def test_real_briefing_from_the_library(real_briefing):
    doc = real_briefing
    assert doc["key_points"] and any(t["summary"] for t in doc["themes"])
    lines = check_every_pick_explained(doc, 100)
    text = "\n".join(lines)
    assert text.index("Key points") < min(text.index(t["title"]) for t in doc["themes"])
    for p, is_key in all_picks(doc):
        assert set(p["parts"]) >= set(KEY_PARTS if is_key else THEME_PARTS)
    # the parts shown multiply back to the recorded score under the current weights
    assert "built with other weights" not in text
    themed = [t for t in doc["themes"] if t["summary"]]
    for theme in themed:
        assert f"{theme['title']} — {len(theme['summary'])} picked of {theme['candidates']} candidate" in text
    assert any(source in text for source in ("Harbour Gazette", "Northern Ledger", "Market Wire"))


def test_load_briefing_reads_a_written_briefing(tmp_path, real_briefing):
    path = tmp_path / "briefing.json"
    path.write_text(json.dumps(real_briefing, ensure_ascii=False), encoding="utf-8")
    assert load_briefing(path) == real_briefing
    assert load_briefing(str(path)) == real_briefing


@pytest.mark.parametrize(
    "name, content, problem",
    [
        ("missing.json", None, "no such file"),
        ("broken.json", '{"themes": [', "not JSON"),
        ("latin1.json", b"\xff\xfe\x00garbage", "not JSON"),
        ("list.json", "[1, 2]", "not a briefing"),
        ("other.json", '{"title": "x", "themes": {}}', "not a briefing"),
    ],
)
def test_load_briefing_errors_name_the_file(tmp_path, name, content, problem):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_briefing(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and problem in message
    assert "\n" not in message
    assert caught.value.source == str(path)


def test_load_briefing_on_a_directory(tmp_path):
    with pytest.raises(InputError) as caught:
        load_briefing(tmp_path)
    assert str(tmp_path) in str(caught.value)


def test_a_sumy_centrality_part_is_added_to_the_sum(tmp_path):
    from brief.pipeline import build
    from brief.render import to_dict
    from brief.select import SelectOptions

    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    doc = to_dict(build([str(tmp_path)], date=date(2026, 11, 21), options=SelectOptions(algorithm="lexrank"), topic=False))
    text = explain_text(doc)
    assert "+ lexrank " in text and "built with other weights" not in text
    check_every_pick_explained(doc, 100)


def test_cli_explain_and_build_explain_agree(tmp_path):
    from click.testing import CliRunner

    from brief.cli import cli
    from conftest import EXAMPLES

    out = tmp_path / "out"
    built = CliRunner().invoke(cli, ["build", str(EXAMPLES), "-o", str(out), "-f", "json", "--date", "2026-11-21", "--explain"])
    assert built.exit_code == 0, built.output
    shown = CliRunner().invoke(cli, ["explain", str(out / "briefing-2026-11-21.json")])
    assert shown.exit_code == 0 and shown.output == built.output
    assert "Key points" in shown.output and "built with other weights" not in shown.output
    missing = CliRunner().invoke(cli, ["explain", str(tmp_path / "none.json")])
    assert missing.exit_code == 1 and "none.json" in missing.output
