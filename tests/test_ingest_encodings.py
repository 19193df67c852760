"""Russian-language sources and legacy code pages, read as a user of TASS or Interfax needs.

The articles in inputs/encodings/ were written for these tests in the style of the wire
agencies, each saved in the encoding its name says (see its SOURCE.md).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from caucasus_cli.cli import app
from caucasus_cli.ingest.dates import DayOrder, find_date, parse_date_value
from caucasus_cli.ingest.encodings import decode_bytes
from caucasus_cli.ingest.formats import articles_from_file
from caucasus_cli.ingest.reader import read_article_file

ENCODINGS = Path(__file__).parent / "inputs" / "encodings"


def read(name: str):
    [article] = articles_from_file(read_article_file(ENCODINGS / name), Path(name).stem).articles
    return article


@pytest.mark.parametrize(
    ("name", "encoding", "title", "place", "date", "date_text"),
    [
        (
            "tass_aliyev_utf8.txt",
            "utf-8",
            "Алиев заявил о готовности Баку к переговорам с Ереваном",
            "БАКУ",
            None,  # TASS gives no year: the day and month are kept as text, no date made up
            "25 сентября",
        ),
        (
            "interfax_lavrov_cp1251.txt",
            "cp1251",
            "Лавров: Россия готова содействовать урегулированию в Карабахе",
            "Москва",
            dt.date(2020, 11, 10),
            "10 ноября 2020 года",
        ),
        (
            "ria_pashinyan_koi8r.txt",
            "koi8-r",
            "Пашинян: Армения не откажется от переговоров",
            "ЕРЕВАН",
            dt.date(2021, 9, 25),
            "25.09.2021",
        ),
        (
            "regional_shusha_cp1251.html",  # no charset declared: detected
            "cp1251",
            "Шуша: жители возвращаются домой",
            "Шуша",
            dt.date(2021, 5, 4),
            "4 мая 2021 года",
        ),
    ],
)
def test_russian_wire_articles_read_right(name, encoding, title, place, date, date_text):
    if name.endswith(".html"):
        pytest.importorskip("trafilatura")
    article = read(name)
    assert article.encoding == encoding
    assert article.title == title
    assert (article.place, article.date, article.date_text) == (place, date, date_text)
    assert article.source is None  # `/ТАСС/`, `Интерфакс`: never a place taken for an outlet


def test_an_english_cp1252_file_still_reads_as_cp1252():
    article = read("reuters_geneva_cp1252.txt")
    assert article.encoding == "cp1252"
    assert "\u201cWe are ready to continue,\u201d one official said \u2014 a café" in article.text


def test_a_windows_1251_article_is_found_and_shown_with_its_code_page(tmp_path):
    runner = CliRunner()
    env = {"CAUCASUS_INDEX": str(tmp_path / "index")}
    result = runner.invoke(app, ["index", str(ENCODINGS)], env=env)
    assert result.exit_code == 0, result.stderr
    assert "interfax_lavrov_cp1251.txt: not UTF-8; decoded as cp1251" in result.stderr
    found = runner.invoke(app, ["search", "миротворцы", "-f", "jsonl"], env=env)
    assert [json.loads(line)["doc"] for line in found.stdout.splitlines()] == [
        "interfax_lavrov_cp1251"
    ]
    shown = json.loads(
        runner.invoke(app, ["show", "ria_pashinyan_koi8r", "-f", "json"], env=env).stdout
    )
    assert shown["encoding"] == "koi8-r"
    assert "Никол Пашинян" in shown["body"]


def test_utf8_text_is_never_run_through_detection(tmp_path, seed_corpus):
    """Plain UTF-8 costs only its decode: the detector is not even imported."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from caucasus_cli.index.sync import sync_index\n"
        f"sync_index(Path({str(tmp_path / 'index')!r}), [Path({str(seed_corpus)!r})], workers=1)\n"
        "print('charset_normalizer' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False"


def test_search_does_not_import_the_html_reader(tmp_path, seed_index):
    script = (
        "import sys\n"
        "from caucasus_cli.cli import main\n"
        "sys.argv = ['caucasus', 'search', 'ceasefire', '-f', 'jsonl']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as done:\n"
        "    code = done.code\n"
        "print('trafilatura' in sys.modules, file=sys.stderr)\n"
    )
    env = {**os.environ, "CAUCASUS_INDEX": str(seed_index)}
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert run.stdout.strip(), run.stderr  # the search answered
    assert run.stderr.strip().splitlines()[-1] == "False"


def test_the_html_reader_is_a_dependency_of_the_package():
    from importlib.metadata import requires

    required = {re.match(r"[\w.-]+", requirement).group(0) for requirement in requires("caucasus")}
    assert {"trafilatura", "charset-normalizer"} <= required


# --- decoding --------------------------------------------------------------------------


def test_a_declared_charset_the_bytes_do_not_fit_is_not_believed():
    # Declared UTF-8 (as a template says) but saved in windows-1251: detection decides.
    data = "Переговоры в Москве продолжались более десяти часов.".encode("cp1251")
    assert decode_bytes(data, declared="utf-8").encoding == "cp1251"


def test_a_feed_whose_legacy_lines_are_cyrillic_is_decoded_line_by_line():
    lines = [
        '{"text": "Qarabağ"}'.encode(),
        '{"text": "Министр заявил журналистам о переговорах"}'.encode("cp1251"),
    ]
    decoded = decode_bytes(b"\n".join(lines), per_line=True)
    assert decoded.text.splitlines() == [
        '{"text": "Qarabağ"}',
        '{"text": "Министр заявил журналистам о переговорах"}',
    ]
    assert decoded.encoding == "cp1251 on line 2 (the rest utf-8)"


# --- dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Баку, 25 сентября 2021", dt.date(2021, 9, 25)),
        ("25 сентябрь 2021", dt.date(2021, 9, 25)),  # nominative, as some sites write it
        ("10 ноября 2020 года", dt.date(2020, 11, 10)),
        ("1 мая 2020 г.", dt.date(2020, 5, 1)),
        ("25 СЕНТЯБРЯ 2021 ГОДА", dt.date(2021, 9, 25)),
        ("суббота, 25 сентября 2021", dt.date(2021, 9, 25)),
        ("пятница, 25 сентября 2021", None),  # the 25th was a Saturday: one of them is wrong
        ("25 сен 2021", dt.date(2021, 9, 25)),
        ("25.09.2021", dt.date(2021, 9, 25)),
        ("Ереван, 04.05.2021", dt.date(2021, 5, 4)),  # Cyrillic writing is day-first
        ("25 сентября", None),  # no year: kept as text, never guessed
    ],
)
def test_russian_dates(text, date):
    found = find_date(text)
    assert found is not None
    assert found.date == date


def test_an_ambiguous_numeric_date_in_latin_text_is_still_not_guessed():
    assert find_date("On 04.05.2021 they met").date is None
    assert find_date("On 04.05.2021 they met", DayOrder.DAY_FIRST).date == dt.date(2021, 5, 4)


def test_a_month_and_year_alone_is_no_date():
    assert find_date("сентябрь 2021") is None
    assert parse_date_value("25 сентября 2021 года").date == dt.date(2021, 9, 25)


@pytest.mark.parametrize(
    ("lede", "place", "date_text"),
    [
        (
            "БАКУ, 25 сентября. /ТАСС/. Министр заявил журналистам о переговорах.",
            "БАКУ",
            "25 сентября",
        ),
        ("ЕРЕВАН, 7 марта — РИА Новости. Армения готова подписать договор.", "ЕРЕВАН", "7 марта"),
        (
            "Москва. 20 сентября. ИНТЕРФАКС - Пресс-секретарь заявил журналистам.",
            "Москва",
            "20 сентября",
        ),
    ],
)
def test_a_wire_dateline_gives_place_and_date_never_an_outlet(lede, place, date_text):
    from caucasus_cli.ingest.metadata import parse_article

    article = parse_article("d", "d.txt", f"Заголовок новости агентства\n\n{lede}\n")
    assert (article.place, article.date_text, article.date) == (place, date_text, None)
    assert article.source is None
