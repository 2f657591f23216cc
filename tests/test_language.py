"""The briefing's languages: an article surely written in another language is read, counted
and left out ("in another language: German (de)"), with one warning line for all of them;
texts too short to tell are kept. The articles here are written for these tests."""

from __future__ import annotations

import json
import logging

import pytest
from click.testing import CliRunner

from brief import build, language
from brief.cli import cli
from brief.config import load_config
from brief.errors import ConfigError
from brief.model import Article, Block
from brief.themes import parse_theme_file

THEMES = """
[harbour]
title = "The harbour"
keywords = ["Velmora", "Ostrand", "harbour", "port", "tanker", "tankers"]
"""

EN = """---
title: Velmora reopens the northern channel to tankers
source: Coast Wire
---
Velmora reopened the northern channel on Friday after a week of talks with Ostrand.

The first tankers left the port within an hour, carrying grain that had waited since Monday.

Harbour officials said traffic would be back to normal by the middle of next week.

Shipping agents welcomed the decision but warned that insurers had already raised their prices.
"""

DE = """---
title: Velmora öffnet den Nordkanal wieder für Tanker
source: Küstenblatt
---
Velmora hat den nördlichen Kanal am Freitag nach einer Woche der Gespräche mit Ostrand wieder geöffnet.

Die ersten Tanker verließen den Hafen innerhalb einer Stunde, beladen mit Getreide, das seit Montag gewartet hatte.

Die Hafenbehörde erklärte, der Verkehr werde bis zur Mitte der kommenden Woche wieder normal laufen.

Reedereien begrüßten die Entscheidung, warnten aber, dass die Versicherer ihre Preise bereits erhöht hätten.
"""

PT = """---
title: Velmora reabre o canal norte aos petroleiros
source: Jornal da Costa
---
Velmora reabriu o canal norte na sexta-feira, depois de uma semana de conversações com Ostrand.

Os primeiros petroleiros saíram do porto em menos de uma hora, carregados de cereais que esperavam desde segunda-feira.

As autoridades portuárias disseram que o tráfego voltará ao normal até meados da próxima semana.
"""

RU = """---
title: Вельмора вновь открыла северный канал для танкеров
source: Береговой вестник
---
В пятницу Вельмора вновь открыла северный канал после недели переговоров с Острандом.

Первые танкеры покинули порт в течение часа, они везли зерно, которое ждало отправки с понедельника.

Портовые власти заявили, что движение судов вернётся в обычный режим к середине следующей недели.
"""

QUOTING = """---
title: Ostrand's minister answers Velmora at the harbour
source: Coast Wire
---
Ostrand's transport minister visited the harbour on Saturday and spoke to reporters at the port.

"Wir lassen uns von Velmora nicht erpressen", she said, repeating a line from her speech in the capital.

She added that Ostrand would keep its patrol boats away from the channel as long as the tankers could pass.

Velmora's government said it had noted the remarks and that the talks would go on next week.
"""

SHORT_DE = """---
title: Velmora
---
Hafen wieder offen.
"""


def _write(tmp_path, **articles: str):
    (tmp_path / "themes.toml").write_text(THEMES, encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in articles.items():
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    return folder


def _picked(briefing) -> set[str]:
    return {p.article_id for p in [*briefing.key_points, *(p for s in briefing.sections for p in s.picks)]}


def _language_warnings(records) -> list[str]:
    return [r.getMessage() for r in records if r.levelno == logging.WARNING and "left out as not in" in r.getMessage()]


def _body(text: str) -> str:
    return text.split("---\n", 2)[2]


@pytest.mark.parametrize(("text", "code"), [(EN, "en"), (DE, "de"), (PT, "pt"), (RU, "ru")])
def test_each_text_is_told_apart_surely(text, code):
    found = language.detect(_body(text))
    assert found is not None and found[0] == code and found[1] >= language.MIN_CONFIDENCE


def test_the_codes_brief_knows_are_the_models():
    assert language.CODES | {language.NO_LANGUAGE} == set(language.identifier().labels)


def test_an_article_in_german_is_read_but_never_cited_in_an_english_briefing(tmp_path, caplog):
    folder = _write(tmp_path, harbour=EN, hafen=DE)
    with caplog.at_level(logging.WARNING, logger="brief"):
        briefing = build([folder], themes=tmp_path / "themes.toml")
    assert [a.id for a in briefing.articles] == ["harbour"]
    assert [(x.id, x.reason) for x in briefing.left_out] == [("hafen", "in another language: German (de)")]
    assert _picked(briefing) == {"harbour"}
    warned = _language_warnings(caplog.records)
    assert len(warned) == 1 and warned[0].startswith("1 article(s) left out as not in English (1 German; first: ")
    assert list(briefing.warnings) == warned


def test_many_articles_in_other_languages_make_one_warning_line_with_the_count(tmp_path, caplog):
    folder = _write(tmp_path, harbour=EN, hafen=DE, porto=PT, port_ru=RU, quoting=QUOTING)
    with caplog.at_level(logging.WARNING, logger="brief"):
        briefing = build([folder], themes=tmp_path / "themes.toml")
    # a German quotation does not make an article German
    assert sorted(a.id for a in briefing.articles) == ["harbour", "quoting"]
    assert {x.id: x.reason for x in briefing.left_out} == {
        "hafen": "in another language: German (de)",
        "porto": "in another language: Portuguese (pt)",
        "port_ru": "in another language: Russian (ru)",
    }
    assert _picked(briefing) <= {"harbour", "quoting"}
    warned = _language_warnings(caplog.records)
    assert len(warned) == 1, warned
    assert warned[0].startswith("3 article(s) left out as not in English (1 German, 1 Portuguese, 1 Russian; ")


def test_the_json_lists_the_german_article_left_out_and_stderr_has_one_line(tmp_path):
    folder = _write(tmp_path, harbour=EN, hafen=DE)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(folder), "--themes", str(tmp_path / "themes.toml"),
                                      "-f", "json", "--out", str(out), "--date", "2026-11-21"])
    assert result.exit_code == 0, result.output
    doc = json.loads((out / "briefing-2026-11-21.json").read_text(encoding="utf-8"))
    assert [(x["id"], x["reason"], x["title"]) for x in doc["left_out"]] == [
        ("hafen", "in another language: German (de)", "Velmora öffnet den Nordkanal wieder für Tanker")]
    assert [a["id"] for a in doc["articles"]] == ["harbour"]
    warned = [line for line in result.stderr.splitlines() if "left out as not in English" in line]
    assert len(warned) == 1 and warned[0].startswith("brief: warning: 1 article(s)")


def test_languages_in_the_theme_file_keep_both(tmp_path):
    folder = _write(tmp_path, harbour=EN, hafen=DE)
    (tmp_path / "both.toml").write_text('languages = ["en", "de"]\n' + THEMES, encoding="utf-8")
    briefing = build([folder], themes=tmp_path / "both.toml")
    assert sorted(a.id for a in briefing.articles) == ["hafen", "harbour"]
    assert not briefing.left_out and not briefing.warnings


def test_the_build_and_the_command_line_take_the_same_setting(tmp_path):
    folder = _write(tmp_path, harbour=EN, hafen=DE)
    briefing = build([folder], themes=tmp_path / "themes.toml", languages=["en", "de"])
    assert sorted(a.id for a in briefing.articles) == ["hafen", "harbour"]
    # the build's setting replaces the theme file's
    (tmp_path / "german.toml").write_text('languages = ["de"]\n' + THEMES, encoding="utf-8")
    assert [a.id for a in build([folder], themes=tmp_path / "german.toml").articles] == ["hafen"]
    assert [a.id for a in build([folder], themes=tmp_path / "german.toml", languages=["en"]).articles] == ["harbour"]
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(folder), "--themes", str(tmp_path / "themes.toml"), "-f", "json",
                                      "--out", str(out), "--date", "2026-11-21", "--language", "en,de"])
    assert result.exit_code == 0, result.output
    doc = json.loads((out / "briefing-2026-11-21.json").read_text(encoding="utf-8"))
    assert sorted(a["id"] for a in doc["articles"]) == ["hafen", "harbour"] and not doc["left_out"]


def test_a_few_words_are_kept_whatever_they_look_like(tmp_path):
    folder = _write(tmp_path, harbour=EN, kurz=SHORT_DE)
    briefing = build([folder], themes=tmp_path / "themes.toml")
    assert sorted(a.id for a in briefing.articles) == ["harbour", "kurz"] and not briefing.left_out
    assert language.other_language(Article("x", (Block("Brücke gesperrt, Preise steigen wieder."),)), ["en"]) is None


def test_an_english_article_opening_with_a_foreign_quotation_stays():
    quote = Block('"Wir werden diese Entscheidung nicht hinnehmen, und wir prüfen jetzt alle rechtlichen Schritte, '
                  'die uns bleiben", sagte die Ministerin am Donnerstag vor dem Parlament in der Hauptstadt.')
    rest = tuple(Block(p) for p in _body(EN).split("\n\n") if p.strip())
    article = Article("q", (quote, *rest), title="Minister vows to fight the court's ruling")
    assert language.other_language(article, ["en"]) is None
    assert language.other_language(Article("d", tuple(Block(p) for p in _body(DE).split("\n\n"))), ["en"]) == "de"


def test_with_the_default_themes_a_russian_article_is_left_out_for_its_language(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "kyiv.md").write_text(
        "---\ntitle: Kyiv and Moscow agree on a prisoner exchange\n---\n"
        "Ukraine and Russia exchanged two hundred prisoners of war on Sunday, officials in Kyiv said.\n\n"
        "The exchange followed weeks of talks brokered by the United Arab Emirates, the Ukrainian side added.\n\n"
        "The Kremlin confirmed the exchange and said more talks on the matter were planned.\n", encoding="utf-8")
    (folder / "obmen.md").write_text(
        "---\ntitle: Россия и Украина провели обмен пленными\n---\n"
        "В воскресенье Россия и Украина обменялись двумя сотнями военнопленных, сообщили в Киеве.\n\n"
        "Обмен стал возможен после нескольких недель переговоров при посредничестве Объединённых Арабских Эмиратов.\n\n"
        "В Кремле подтвердили обмен и сообщили, что переговоры по этому вопросу продолжатся.\n", encoding="utf-8")
    briefing = build([folder])
    assert [a.id for a in briefing.articles] == ["kyiv"]
    assert [(x.id, x.reason) for x in briefing.left_out] == [("obmen", "in another language: Russian (ru)")]


def test_the_default_themes_state_english():
    from brief.themes import load_theme_file

    assert load_theme_file().languages == ("en",)


@pytest.mark.parametrize(
    ("setting", "needle"),
    [
        ('languages = ["xx"]', "'xx' is not a language code"),
        ('languages = ["German"]', "write its code, 'de'"),
        ("languages = []", "at least one language"),
        ("languages = [1]", "must be a list of language codes"),
        ("languages = 3", "must be a list of language codes"),
        ("[languages]\nen = true", "must be a list of language codes"),
        ('language = ["en"]', "[language] must be a table with at least 'keywords' (the one setting outside "
                              "a table is languages)"),
    ],
)
def test_a_bad_languages_setting_is_one_line_naming_the_file(setting, needle):
    with pytest.raises(ConfigError) as exc:
        parse_theme_file(setting + "\n[t]\nkeywords = ['b']\n", "my.toml")
    message = str(exc.value)
    assert message.startswith("my.toml: ") and "language" in message and needle in message and "\n" not in message


def test_a_setting_is_read_as_codes_in_order_without_repeats():
    assert parse_theme_file('languages = ["EN", "de", "en"]\n[t]\nkeywords = ["b"]\n').languages == ("en", "de")
    assert language.parse_languages("en, pt") == ("en", "pt")


def _config(tmp_path, extra: str = "") -> object:
    config = tmp_path / "brief.toml"
    config.write_text(
        f'title = "Harbour"\nthemes = "themes.toml"\n{extra}[input]\npaths = ["in"]\n[window]\nhours = 0\n'
        '[output]\ndir = "out"\nformats = ["json"]\n', encoding="utf-8")
    return config


def test_brief_run_takes_languages_from_its_config(tmp_path):
    _write(tmp_path, harbour=EN, hafen=DE)
    for extra, kept in (("", ["harbour"]), ('languages = ["en", "de"]\n', ["hafen", "harbour"])):
        result = CliRunner().invoke(cli, ["run", "--config", str(_config(tmp_path, extra)), "--at", "2026-11-21T07:00"])
        assert result.exit_code == 0, result.output
        doc = json.loads(next((tmp_path / "out").glob("*/briefing.json")).read_text(encoding="utf-8"))
        assert sorted(a["id"] for a in doc["articles"]) == kept


@pytest.mark.parametrize(("extra", "needle"), [('languages = ["xx"]\n', "'xx' is not a language code"),
                                               ("languages = []\n", "at least one language")])
def test_a_bad_languages_setting_in_the_config_names_the_file_and_key(tmp_path, extra, needle):
    config = _config(tmp_path, extra)
    with pytest.raises(ConfigError) as exc:
        load_config(config)
    assert str(exc.value).startswith(f"{config}: languages: ") and needle in str(exc.value)


def test_a_bad_language_on_the_command_line_is_a_usage_error(tmp_path):
    folder = _write(tmp_path, harbour=EN)
    result = CliRunner().invoke(cli, ["build", str(folder), "--language", "en,klingon", "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "'klingon' is not a language code" in result.stderr
    with pytest.raises(ConfigError, match="languages: 'xx' is not a language code"):
        build([folder], themes=tmp_path / "themes.toml", languages=["xx"])
