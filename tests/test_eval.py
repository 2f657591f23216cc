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


def _clusters(tmp_path):
    """Two small clusters in our own words: one Multi-News shaped, one MultiLing shaped."""
    story = ("Russia halted gas deliveries to Slovakia through the last transit pipeline on Monday. "
             "The operator said the halt would last until a payment dispute is settled.")
    rows = [
        {"cluster_id": "c1", "reference": story,
         "docs": [{"text": story + "\n\nA local football club won its match on Sunday."},
                  {"text": "Gas deliveries to Slovakia through the transit pipeline were halted by Russia on Monday. "
                           "Weather in Bratislava was mild."}]},
        {"cluster_id": "c2", "references": [{"ref_id": "A", "text": "Ministers agreed on a grain corridor in Istanbul."},
                                            {"ref_id": "B", "text": "A grain corridor deal was agreed in Istanbul."}],
         "docs": [{"doc_id": "x", "title": "Grain deal", "paragraphs": ["Ministers agreed on a grain corridor in Istanbul on Friday.",
                                                                        "Ships will be inspected at sea under the plan."]},
                  {"doc_id": "y", "title": "Corridor", "paragraphs": ["A grain corridor deal was agreed in Istanbul after talks.",
                                                                      "Shipping insurers welcomed the news."]}]},
    ]
    path = tmp_path / "mds.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_eval_mds_prints_every_system_and_dumps_our_summaries(tmp_path):
    data, dump = _clusters(tmp_path), tmp_path / "dump.jsonl"
    result = run("mds", str(data), "--words", "30", "--dump", str(dump))
    assert result.exit_code == 0, result.output
    out = result.output
    for name in ("brief", "LEAD round-robin", "sumy lexrank", "sumy textrank", "sumy lsa", "sumy luhn", "sumy sumbasic"):
        assert name in out
    assert float(out.strip().splitlines()[-1].removeprefix("mds R2=")) > 40
    rows = [json.loads(line) for line in dump.read_text(encoding="utf-8").splitlines()]
    assert [r["cluster_id"] for r in rows] == ["c1", "c2"]
    assert all(0 < len(r["summary"].split()) <= 30 for r in rows)
    assert rows[0]["summary"].startswith("Russia halted gas deliveries"), "the story both documents tell comes first"


def test_every_mds_system_keeps_to_the_same_word_budget(tmp_path):
    from brief.mds import BASELINES, fill, load_clusters, ours, prepare

    for cluster in load_clusters(_clusters(tmp_path)):
        prepared = prepare(cluster)
        for system in {"brief": ours, **BASELINES}.values():
            assert len(" ".join(fill(system(prepared, 12), 12)).split()) <= 12


def test_eval_mds_names_a_malformed_line(tmp_path):
    data = tmp_path / "bad.jsonl"
    data.write_text('{"cluster_id": "c1", "docs": [{"text": "A sentence here."}]}\n', encoding="utf-8")
    result = run("mds", str(data))
    assert result.exit_code == 1 and f"{data}:1" in result.output and "reference" in result.output


def test_eval_mds_on_multinews_beats_lead(tmp_path):
    from brief.mds import evaluate, lead_round_robin, load_clusters, ours

    clusters = load_clusters(eval_file("multinews-dev.jsonl"))[:20]
    table, _ = evaluate(clusters, {"brief": ours, "lead": lead_round_robin}, 200)
    assert table["brief"].rouge2 > table["lead"].rouge2


def _pile_files(tmp_path):
    """A small briefing JSON of a mixed pile, with line labels for the on-topic article and
    article labels for the others (written for this test)."""

    def pick(article, text):
        return {"text": text, "article": article, "position": 0, "score": 1.0, "cites": [article]}

    briefing = {
        "scope": {"title": "Russia–Ukraine"},
        "articles": [
            {"id": "talks", "title": "Talks resume", "source": "Wire", "path": "in/talks.txt"},
            {"id": "team", "title": "Heat win again", "source": "Sports Desk", "path": "in/team.html"},
            {"id": "004_ab", "title": None, "source": None, "path": "in/004_ab.txt"},
        ],
        "key_points": [
            pick("talks", "Negotiators met in Geneva on Monday to discuss a ceasefire along the front line."),
            pick("team", "The Heat beat Boston on Sunday night to win their fifth game in a row."),
        ],
        "themes": [
            {"id": "energy", "title": "Energy", "summary": [
                pick("team", "The Heat found new energy after the break and pulled away late."),
                pick("talks", "Gas transit through Ukraine ends on January 1 under the current contract."),
            ]},
            {"id": "nato", "title": "NATO", "summary": [
                pick("004_ab", "He said the alliance would not discuss membership for now."),
            ]},
        ],
    }
    gold = [
        {"file": "talks.txt", "starts_with": "Negotiators met in Geneva", "kind": "sentence", "themes": ["territory"]},
        {"file": "talks.txt", "starts_with": "Gas transit through Ukraine", "kind": "sentence", "themes": ["energy"]},
        {"file": "004_ab.txt", "starts_with": "He said the alliance", "kind": "sentence", "themes": ["nato"]},
    ]
    labels = [{"file": "team.html", "themes": ["sport"], "ru_ua": False, "why": "basketball"}]
    paths = tmp_path / "b.json", tmp_path / "gold.jsonl", tmp_path / "labels.jsonl"
    paths[0].write_text(json.dumps(briefing), encoding="utf-8")
    paths[1].write_text("\n".join(json.dumps(r) for r in gold), encoding="utf-8")
    paths[2].write_text("\n".join(json.dumps(r) for r in labels), encoding="utf-8")
    return paths


def test_eval_pile_lists_wrong_out_of_scope_unfit_and_untitled(tmp_path):
    briefing, gold, labels = _pile_files(tmp_path)
    result = run("pile", str(briefing), "--gold", str(gold), "--labels", str(labels))
    assert result.exit_code == 0, result.output
    out = result.output
    # energy: 1 of 2 right (the basketball line is wrong), nato 1 of 1
    assert "energy                  1       2" in out and "nato                    1       1" in out
    assert "[energy] The Heat found new energy" in out and "team.html is about ['sport']" in out
    assert "from out-of-scope articles: 1 pick(s), 1 Key point(s)" in out
    assert "(points back) He said the alliance" in out
    assert "004_ab: shown as '004_ab'" in out
    assert out.strip().splitlines()[-1] == "pile precision=0.667 wrong=2 unfit=1"


def test_eval_pile_without_a_scope_counts_every_article_in_scope(tmp_path):
    briefing, gold, labels = _pile_files(tmp_path)
    doc = json.loads(briefing.read_text(encoding="utf-8"))
    doc.pop("scope")
    briefing.write_text(json.dumps(doc), encoding="utf-8")
    result = run("pile", str(briefing), "--gold", str(gold), "--labels", str(labels))
    assert "from out-of-scope articles: 0 pick(s), 0 Key point(s)" in result.output
    assert result.output.strip().splitlines()[-1] == "pile precision=0.667 wrong=1 unfit=1"


def test_eval_pile_needs_labels_and_names_a_bad_briefing(tmp_path):
    briefing, gold, _ = _pile_files(tmp_path)
    assert run("pile", str(briefing)).exit_code == 2
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2", encoding="utf-8")
    result = run("pile", str(bad), "--gold", str(gold))
    assert result.exit_code == 1 and str(bad) in result.output


def test_eval_extract_counts_kept_leaked_and_holes_on_pages_we_wrote(tmp_path):
    from click.testing import CliRunner

    from brief.cli import cli

    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "port.html").write_text(
        "<html><head><title>Port reopens</title></head><body><article>"
        "<p>The harbour reopened on Monday after divers cleared the last mines from the channel.</p>"
        "<p>Grain ships queued outside the breakwater for most of the afternoon, port officials said.</p>"
        "<p>Never miss a story: sign up for our newsletter today!</p>"
        "</article></body></html>", encoding="utf-8")
    snippets = tmp_path / "snippets.json"
    snippets.write_text(json.dumps({"p": {"file": "port.html",
                                          "with": ["divers cleared the last mines", "Grain ships queued"],
                                          "without": ["sign up for our newsletter", "Cookie settings"]}}))
    result = CliRunner().invoke(cli, ["eval", "extract", str(pages), "--snippets", str(snippets)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "extract kept=2/2 leaked=0/2 holes=0"
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]")
    result = CliRunner().invoke(cli, ["eval", "extract", str(pages), "--snippets", str(bad)])
    assert result.exit_code == 1 and "not a snippets file" in result.output


def _topic_items(tmp_path):
    """Two NEWTS-shaped articles (written for this test): each with two topics, their
    words, phrases and a summary focused on each."""
    weather = ("Heavy snow closed schools across the region on Monday. "
               "The city council approved a new budget for road repairs after a long debate. "
               "Forecasters warned that the cold weather and snow would last until Friday. "
               "Council members said the budget leaves little money for parks. "
               "Drivers were told to stay home while ploughs cleared the snow.")
    trade = ("The two governments signed a trade agreement on Tuesday. "
             "Farmers protested in the capital against low milk prices. "
             "Under the agreement, tariffs on steel and cars will fall over five years. "
             "Police said the farmers' protest was peaceful. "
             "Exporters welcomed the trade deal and the lower tariffs.")
    rows = [
        {"docId": "a1", "article": weather,
         "words1": "snow, weather, cold, forecast, ploughs,", "phrases1": "heavy snow, cold weather",
         "summary1": "Heavy snow and cold weather closed schools and will last until Friday.",
         "words2": "council, budget, money, parks, debate,", "phrases2": "new budget",
         "summary2": "The council approved a road repair budget that leaves little for parks."},
        {"docId": "a2", "article": trade,
         "words1": "trade, tariffs, agreement, steel, exporters,", "phrases1": "trade agreement",
         "summary1": "A trade agreement will cut tariffs on steel and cars; exporters welcomed it.",
         "words2": "farmers, protest, milk, prices, police,", "phrases2": "milk prices",
         "summary2": "Farmers protested peacefully in the capital against low milk prices."},
    ]
    path = tmp_path / "newts.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_eval_topics_prints_every_system_and_dumps_a_summary_per_topic(tmp_path):
    data, dump = _topic_items(tmp_path), tmp_path / "dump.jsonl"
    result = run("topics", str(data), "--words", "20", "--dump", str(dump))
    assert result.exit_code == 0, result.output
    for name in ("brief", "LEAD", "topic-word overlap", "sumy edmundson", "sumy lexrank", "sumy textrank", "sumy lsa", "sumy luhn"):
        assert f"\n{name} " in result.output
    assert "(2 articles, 4 topics, 20 words)" in result.output
    assert result.output.strip().splitlines()[-1].startswith("topics R2=")
    rows = [json.loads(line) for line in dump.read_text(encoding="utf-8").splitlines()]
    assert [(r["docId"], r["topic"]) for r in rows] == [("a1", 1), ("a1", 2), ("a2", 1), ("a2", 2)]
    assert all(0 < len(r["summary"].split()) <= 20 for r in rows)
    summaries = {(r["docId"], r["topic"]): r["summary"] for r in rows}
    # each topic's summary opens with a sentence about that topic, not merely the lead
    assert "budget" in summaries["a1", 2].splitlines()[0]
    assert "farmers" in summaries["a2", 2].splitlines()[0].lower()


def test_every_topic_system_keeps_to_the_same_word_budget(tmp_path):
    from brief.mds import Cluster, fill, prepare
    from brief.topics import BASELINES, load_topic_items, ours, topic_theme

    for item in load_topic_items(_topic_items(tmp_path)):
        prepared = prepare(Cluster(item.id, (item.article,), (None,), tuple(t.summary for t in item.topics)))
        for topic in item.topics:
            for system in {"brief": ours, **BASELINES}.values():
                assert len(" ".join(fill(system(prepared, topic_theme(topic, phrases=True)), 12)).split()) <= 12


def test_a_topic_with_phrases_becomes_a_theme_with_them_only_when_asked():
    from brief.topics import Topic, topic_theme

    topic = Topic(1, ("snow", "weather"), ("heavy snow",), "Snow fell.")
    assert topic_theme(topic).keywords == ("snow", "weather")
    assert topic_theme(topic, phrases=True).keywords == ("snow", "weather", "heavy snow")


def test_eval_topics_names_a_malformed_line(tmp_path):
    data = tmp_path / "bad.jsonl"
    data.write_text('{"docId": "x", "article": "One sentence here."}\n{"docId": "y"\n', encoding="utf-8")
    result = run("topics", str(data))
    assert result.exit_code == 1 and f"{data}:1" in result.output and "words1" in result.output
    data.write_text('{"docId": "x", "article": "A.", "words1": "a", "summary1": "A."}\nnot json\n', encoding="utf-8")
    result = run("topics", str(data))
    assert result.exit_code == 1 and f"{data}:2: not JSON" in result.output
