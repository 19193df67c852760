"""Shell habits (issue 13): counting, listing, sorting, dates, one field vocabulary,
index status, help, completion, pager and colour, id prefixes, citations."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from terminal import caucasus_script, run_in_pty, user_env
from typer.testing import CliRunner

from caucasus_cli.cli import app
from caucasus_cli.models import Quote
from caucasus_cli.render import Format, Output
from caucasus_cli.render.quotes import render_quotes

ALIYEV_DOC = "001_7e16cc46a88fe3df"  # JAMnews, Sept 25 2021
TREND_2020_DOC = "003_c2fa5512a1292afa"  # Trend, 2020-10-31
PARTIAL_DATE_DOC = "000_6ceba82ccbfec31b"  # Trend, "Nov.25": no year, so no date


@pytest.fixture
def run(seed_index):
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None, index: Path = seed_index):
        return runner.invoke(app, list(args), env={"CAUCASUS_INDEX": str(index), **(env or {})})

    return invoke


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


# --- counting and listing ------------------------------------------------------------


def test_count_is_the_exact_number_of_matching_articles(run):
    for query in ("peace agreement", "Armenia", "Lavrov OR Bayramov"):
        every = jsonl(run("search", query, "--limit", "1000", "-f", "jsonl").stdout)
        counted = run("search", query, "--count")
        assert counted.exit_code == 0
        assert counted.stdout == f"{len(every)}\n"
    # 004 speaks of a ceasefire but never of an agreement: 4 of the 5 seed articles
    assert run("search", "peace agreement", "--count").stdout == "4\n"


def test_count_in_json_sits_beside_the_hits_and_the_footer_is_exact(run):
    result = run("search", "peace agreement", "--count", "--limit", "2", "-f", "json")
    payload = json.loads(result.stdout)
    assert payload["total"] == 4
    assert [hit["rank"] for hit in payload["hits"]] == [1, 2]
    table = run("search", "peace agreement", "--limit", "2", "-f", "table")
    assert "caucasus: 1–2 of 4 matching articles" in table.stderr
    assert "at most" not in table.stderr


def test_a_page_past_the_last_hit_finds_nothing_but_the_count_stays(run):
    past = run("search", "peace agreement", "--offset", "50", "-f", "jsonl")
    assert (past.exit_code, past.stdout) == (1, "")
    counted = run("search", "peace agreement", "--offset", "50", "--count")
    assert (counted.exit_code, counted.stdout) == (0, "4\n")


def test_files_lists_every_matching_path_once(run):
    result = run("search", "Armenia", "-l")
    assert result.exit_code == 0
    paths = result.stdout.splitlines()
    assert len(paths) == len(set(paths)) == int(run("search", "Armenia", "--count").stdout)
    assert all(Path(path).is_file() for path in paths)
    assert run("search", "Eurovision", "--files").exit_code == 1


def test_quotes_count_matches_the_listing(run):
    for args in (["--speaker", "Aliyev"], ["--kind", "all"], ["withdrawal", "--kind", "all"]):
        listed = jsonl(run("quotes", *args, "-f", "jsonl").stdout)
        assert run("quotes", *args, "--count").stdout == f"{len(listed)}\n"
    nobody = run("quotes", "--speaker", "Lavrov", "--since", "2022", "--count")
    assert (nobody.exit_code, nobody.stdout) == (1, "0\n")


# --- sorting and dates ---------------------------------------------------------------


def _dates_in_order(records: list[dict]) -> list[str | None]:
    return [record["date"] for record in records]


@pytest.mark.parametrize("order", ["date", "-date"])
def test_sort_by_date_puts_undated_articles_last(run, order):
    hits = jsonl(run("search", "Armenia", "--sort", order, "--limit", "100", "-f", "jsonl").stdout)
    dates = _dates_in_order(hits)
    dated = [d for d in dates if d]
    assert dates == dated + [None] * (len(dates) - len(dated))
    assert dated == sorted(dated, reverse=order == "-date")
    assert len(dated) == 2 and len(dates) == 5
    assert all(hit["score"] is None for hit in hits)  # not ranked, so no score


def test_quotes_sorted_newest_first(run):
    quotes = jsonl(run("quotes", "--kind", "all", "--sort", "-date", "-f", "jsonl").stdout)
    dates = _dates_in_order(quotes)
    dated = [d for d in dates if d]
    assert dated and dated == sorted(dated, reverse=True)
    assert dates == dated + [None] * (len(dates) - len(dated))
    assert quotes[0]["doc"] == ALIYEV_DOC


@pytest.mark.parametrize(
    ("since", "until", "docs"),
    [
        ("2021", None, {ALIYEV_DOC}),
        ("2021-09", "2021-09", {ALIYEV_DOC}),
        (None, "2020-10", {TREND_2020_DOC}),  # up to the last day of October
        ("2020", "2020", {TREND_2020_DOC}),
        ("2020-10-31", "2021-09-25", {ALIYEV_DOC, TREND_2020_DOC}),
    ],
)
def test_since_and_until_take_years_and_months(run, since, until, docs):
    args = ["search", "Armenia", "-f", "jsonl"]
    args += ["--since", since] if since else []
    args += ["--until", until] if until else []
    assert {hit["doc"] for hit in jsonl(run(*args).stdout)} == docs


@pytest.mark.parametrize(
    "dates",
    [["--since", "2021", "--until", "2020"], ["--since", "2021-13"], ["--until", "25/09/2021"]],
)
def test_impossible_dates_are_usage_errors(run, dates):
    for command in (["search", "Armenia"], ["quotes"], ["check", "peace"]):
        result = run(*command, *dates)
        assert result.exit_code == 2, (command, dates)
        assert result.stdout == ""


# --- one field vocabulary ------------------------------------------------------------


def test_every_record_carries_path_and_date_text(run):
    records = [
        *jsonl(run("search", "peace", "-f", "jsonl").stdout),
        *jsonl(run("quotes", "--kind", "all", "-f", "jsonl").stdout),
        *json.loads(
            run(
                "check", "The Nagorno-Karabakh conflict is a thing of the past.", "-f", "json"
            ).stdout
        ),
    ]
    for record in records:
        assert "path" in record and "date_text" in record
        assert Path(record["path"]).is_file()


def test_check_names_the_quote_id_and_role_as_everywhere_else(run):
    (verdict,) = json.loads(
        run("check", "The Nagorno-Karabakh conflict is a thing of the past.", "-f", "json").stdout
    )
    assert "quote_id" not in verdict  # the old name, given for one release, is gone
    shown = json.loads(run("quote", verdict["id"], "-f", "json").stdout)
    assert shown["speaker"] == verdict["quote_speaker"] == "Ilham Aliyev"
    assert verdict["speaker_role"] == shown["speaker_role"]
    assert verdict["date_text"] == shown["date_text"] == "Sept 25 2021"
    assert verdict["evidence"][0]["id"] == verdict["id"]


def test_speakers_carry_speaker_role_as_every_record_does(run):
    speakers = jsonl(run("speakers", "-f", "jsonl").stdout)
    bayramov = next(s for s in speakers if s["speaker"] == "Jeyhun Bayramov")
    assert bayramov["speaker_role"] == "Azerbaijani Foreign Minister"
    assert "role" not in bayramov  # the old name, given for one release, is gone


def test_a_partial_date_shows_the_same_way_in_every_table(run):
    wide = {"NO_COLOR": "1", "COLUMNS": "200"}
    search = run("search", "Bayramov", "--source", "Trend", "-f", "table", env=wide).stdout
    quotes = run("quotes", "--speaker", "Bayramov", "-f", "table", env=wide).stdout
    check = run("check", "We want a peaceful settlement of the conflict", "-f", "table", env=wide)
    for shown in (search, quotes, check.stdout):
        assert "(Nov.25)" in shown


# --- index management ----------------------------------------------------------------


def test_status_reports_what_the_index_holds(run, seed_index, seed_corpus):
    status = json.loads(run("status", "-f", "json").stdout)
    assert status["index"] == str(seed_index)
    assert status["articles"] == 5
    assert status["quotes"] == int(run("quotes", "--kind", "all", "--count").stdout)
    assert status["speakers"] == len(jsonl(run("speakers", "-f", "jsonl").stdout))
    assert status["roots"] == [str(seed_corpus)]
    assert status["missing_roots"] == []
    assert status["bundled_corpus"] is True
    assert status["size"] > 0 and status["last_sync"]
    plain = run("status").stdout
    assert f"index: {seed_index}" in plain and "articles: 5" in plain


def test_status_names_a_missing_folder_and_rebuild_keeps_only_the_given_paths(
    tmp_path, corpus_copy
):
    runner = CliRunner()
    env = {"CAUCASUS_INDEX": str(tmp_path / "index")}
    second = tmp_path / "more"
    second.mkdir()
    (corpus_copy / f"{ALIYEV_DOC}.txt").rename(second / f"{ALIYEV_DOC}.txt")
    assert runner.invoke(app, ["index", str(corpus_copy), str(second)], env=env).exit_code == 0
    status = json.loads(runner.invoke(app, ["status", "-f", "json"], env=env).stdout)
    assert status["articles"] == 5 and sorted(status["roots"]) == sorted(
        [str(corpus_copy), str(second)]
    )

    rebuilt = runner.invoke(app, ["index", "--rebuild", str(second)], env=env)
    assert rebuilt.exit_code == 0, rebuilt.stderr
    status = json.loads(runner.invoke(app, ["status", "-f", "json"], env=env).stdout)
    assert status["articles"] == 1
    assert status["roots"] == [str(second)]
    assert status["bundled_corpus"] is False
    resync = runner.invoke(app, ["index"], env=env)  # the old folder does not come back
    assert "0 added" in resync.stderr

    second.rename(tmp_path / "moved")
    status = json.loads(runner.invoke(app, ["status", "-f", "json"], env=env).stdout)
    assert status["missing_roots"] == [str(second)]
    assert "(missing)" in runner.invoke(app, ["status"], env=env).stdout


def test_status_without_an_index_says_so_and_builds_none(tmp_path):
    result = CliRunner().invoke(app, ["status"], env={"CAUCASUS_INDEX": str(tmp_path / "none")})
    assert result.exit_code == 1
    assert "no index at" in result.stderr
    assert not (tmp_path / "none").exists()


# --- help ----------------------------------------------------------------------------

COMMANDS = ["index", "status", "search", "speakers", "quotes", "quote", "show", "check"]


@pytest.mark.parametrize("command", [[], *[[c] for c in COMMANDS], ["help"], ["completion"]])
def test_every_help_ends_with_examples_that_run_caucasus(command):
    helped = CliRunner().invoke(app, [*command, "--help"])
    assert helped.exit_code == 0
    tail = helped.stdout.rstrip().split("Examples:\n")[-1].splitlines()
    assert "Examples:" in helped.stdout
    assert 2 <= len(tail) <= 4
    assert all("caucasus" in line for line in tail)


def test_help_uses_readable_placeholders_and_offers_no_useless_negations():
    usage = {c: CliRunner().invoke(app, [c, "--help"]).stdout for c in COMMANDS}
    assert "caucasus search [OPTIONS] QUERY\n" in usage["search"]
    assert "caucasus quote [OPTIONS] ID\n" in usage["quote"]
    assert "caucasus show [OPTIONS] ID\n" in usage["show"]
    assert "--since YYYY-MM-DD" in usage["search"] and "--until YYYY-MM-DD" in usage["quotes"]
    for text in usage.values():
        negations = {word for word in text.split() if word.startswith("--no-")}
        assert negations <= {"--no-pager"}
        assert "{" not in text.splitlines()[0]


def test_help_query_explains_the_language_with_examples(run):
    result = run("help", "query")
    assert result.exit_code == 0
    for taught in (
        "AND",
        " OR ",
        "NOT",
        '"thing of the past"',
        "title:",
        "Lavr*",
        "~",
        "--literal",
    ):
        assert taught in result.stdout
    assert "variants" in result.stdout and "stop words" in result.stdout.casefold()


def test_stop_words_alone_say_so_without_suggesting_literal(run):
    for args in (["the"], ["the of"], ["the", "--literal"]):
        result = run("search", *args)
        assert result.exit_code == 2
        assert "stop words" in result.stderr
        assert "--literal" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert "--literal" in run("search", "Lavrov (Moscow").stderr  # where it does help


# --- shell completion ----------------------------------------------------------------


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_for_each_shell(run, shell):
    result = run("completion", shell)
    assert result.exit_code == 0
    assert "_CAUCASUS_COMPLETE" in result.stdout and "caucasus" in result.stdout


def _complete(index: Path, words: str, shell: str = "bash") -> list[str]:
    env = user_env(index, _CAUCASUS_COMPLETE=f"complete_{shell}")
    if shell == "bash":
        env.update(COMP_WORDS=words, COMP_CWORD=str(len(words.split()) - 1))
    else:
        env.update(_TYPER_COMPLETE_ARGS=words)
    result = subprocess.run(
        [caucasus_script()], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_completion_of_commands_speakers_and_ids_in_a_real_shell_request(seed_index):
    assert "search" in _complete(seed_index, "caucasus se")
    assert "--speaker" in _complete(seed_index, "caucasus quotes --sp")
    assert "bayramov" in _complete(seed_index, "caucasus quotes --speaker bay")
    assert _complete(seed_index, "caucasus show 001") == [ALIYEV_DOC]
    assert any(
        "Bayramov" in line for line in _complete(seed_index, "caucasus quotes --speaker Jey", "zsh")
    )


# --- pager, colour, empty results on a terminal --------------------------------------

# A pager that shows it was used: a marker line, then its input.
MARKING_PAGER = (
    f"{sys.executable} -c \"import sys; print('PAGER>'); sys.stdout.write(sys.stdin.read())\""
)


def test_long_output_on_a_terminal_goes_through_the_pager(seed_index):
    env = user_env(seed_index, CAUCASUS_PAGER=MARKING_PAGER)
    code, screen = run_in_pty(["quotes", "--kind", "all"], env, rows=20)
    assert code == 0, screen
    assert "PAGER>" in screen
    assert screen.index("PAGER>") < screen.index("┏")  # all of the table went to the pager
    assert "caucasus: 39 of 39 quotes" in screen.split("┘")[-1]  # the footer after it


def test_short_output_and_no_pager_and_pipes_skip_the_pager(seed_index):
    env = user_env(seed_index, CAUCASUS_PAGER=MARKING_PAGER)
    _, short = run_in_pty(["search", "Lavrov", "--limit", "1"], env, rows=60)
    assert "PAGER>" not in short and "Lavrov" in short
    _, no_pager = run_in_pty(["quotes", "--kind", "all", "--no-pager"], env, rows=20)
    assert "PAGER>" not in no_pager and "39 of 39 quotes" in no_pager
    piped = subprocess.run(
        [caucasus_script(), "quotes", "--kind", "all"], env=env, capture_output=True, text=True
    )
    assert "PAGER>" not in piped.stdout


def test_quitting_the_pager_early_ends_the_command_quietly(seed_index):
    env = user_env(seed_index, CAUCASUS_PAGER="head -n 3")  # a reader that quits at once
    code, screen = run_in_pty(["quotes", "--kind", "all"], env, rows=20)
    assert code == 0, screen
    assert "Traceback" not in screen and "error" not in screen
    assert screen.count("\n") < 10


def test_pager_variables_in_order(seed_index):
    for variables, expected in [
        ({"PAGER": MARKING_PAGER}, True),
        ({"CAUCASUS_PAGER": "", "PAGER": MARKING_PAGER}, False),  # "" turns paging off
        ({"CAUCASUS_PAGER": "cat", "PAGER": MARKING_PAGER}, False),
    ]:
        _, screen = run_in_pty(
            ["quotes", "--kind", "all"], user_env(seed_index, **variables), rows=20
        )
        assert ("PAGER>" in screen) == expected, variables


def test_colour_on_a_terminal_and_as_asked(seed_index):
    env = user_env(seed_index, CAUCASUS_PAGER="cat")
    _, coloured = run_in_pty(["search", "Lavrov"], env)
    assert "\x1b[" in coloured
    _, no_color = run_in_pty(
        ["search", "Lavrov"], user_env(seed_index, CAUCASUS_PAGER="cat", NO_COLOR="1")
    )
    assert "\x1b[" not in no_color
    _, never = run_in_pty(["search", "Lavrov", "--color", "never"], env)
    assert "\x1b[" not in never and "Lavrov" in never

    def piped(*args: str, **extra: str) -> str:
        return subprocess.run(
            [caucasus_script(), "search", "Lavrov", "-f", "table", *args],
            env=user_env(seed_index, **extra), capture_output=True, text=True,
        ).stdout  # fmt: skip

    assert "\x1b[" not in piped()
    assert "\x1b[" in piped("--color", "always")
    assert "\x1b[" in piped(FORCE_COLOR="1")
    assert "\x1b[" not in piped(FORCE_COLOR="1", NO_COLOR="1")


def test_an_empty_result_on_a_terminal_says_no_matches(seed_index, run):
    env = user_env(seed_index, CAUCASUS_PAGER="cat")
    for args in (["quotes", "--speaker", "Lavrov", "--since", "2022"], ["search", "Eurovision"]):
        code, screen = run_in_pty(args, env)
        assert code == 1
        assert "┏" not in screen  # no empty table frame
    code, screen = run_in_pty(["quotes", "--speaker", "Lavrov", "--since", "2022"], env)
    assert "caucasus: no matches" in screen
    result = run("quotes", "--speaker", "Lavrov", "--since", "2022", "-f", "table")
    assert (result.exit_code, result.stdout) == (1, "")
    assert "no matches" in result.stderr


def test_quotes_are_written_while_they_are_read(capsys):
    """Each quote reaches stdout before the next one is read from the index."""

    def quote(number: int) -> Quote:
        return Quote(
            text=f"Words number {number}", start=0, end=10, paragraph=1, kind="direct",
            id=f"q{number}", doc="d", path="/d.txt",
        )  # fmt: skip

    seen_before_second: list[str] = []

    def reading():
        yield quote(1)
        seen_before_second.append(capsys.readouterr().out)
        yield quote(2)

    class Listing:
        quotes = reading()
        total = 2

    assert render_quotes(Output(), Listing, Format.JSONL) == 2
    assert '"id": "q1"' in seen_before_second[0]


def test_json_listing_is_still_one_array(run):
    as_json = json.loads(run("quotes", "--kind", "all", "-f", "json").stdout)
    assert as_json == jsonl(run("quotes", "--kind", "all", "-f", "jsonl").stdout)
    assert (
        json.loads(run("quotes", "--speaker", "Lavrov", "--since", "2022", "-f", "json").stdout)
        == []
    )


# --- ids and citations ---------------------------------------------------------------


def test_quote_and_show_take_a_unique_prefix_and_list_ambiguous_ones(run):
    whole = json.loads(run("quote", "bae15baa254c", "-f", "json").stdout)
    assert json.loads(run("quote", "bae15", "-f", "json").stdout) == whole
    for command, prefix, candidates in [
        ("quote", "b", ["b2ee4e1555a4", "bae15baa254c"]),
        ("show", "00", [ALIYEV_DOC, TREND_2020_DOC]),
    ]:
        result = run(command, prefix)
        assert result.exit_code == 1
        assert "ambiguous" in result.stderr
        assert all(candidate in result.stderr for candidate in candidates)
    missing = run("quote", "zzz")
    assert missing.exit_code == 1 and "no quote 'zzz'" in missing.stderr


def test_citations_name_seed_articles_by_a_stable_name(run):
    line = run("quote", "bae15baa254c", "--cite").stdout
    assert "caucasus-corpus/002_555f5ba2ef349d98.txt:13" in line
    assert "site-packages" not in line and str(Path.cwd()) not in line


def test_cite_honours_the_format(run):
    record = json.loads(run("quote", "bae15baa254c", "--cite", "-f", "json").stdout)
    assert record["citation"] == run("quote", "bae15baa254c", "--cite").stdout.strip()
    assert record["id"] == "bae15baa254c" and record["warning"] is None
    assert Path(record["path"]).is_file()
    assert record["doc"] == "002_555f5ba2ef349d98" and "date_text" in record


def test_cite_of_a_changed_file_exits_3_with_the_warning(tmp_path, corpus_copy):
    runner = CliRunner()
    env = {"CAUCASUS_INDEX": str(tmp_path / "index")}
    assert runner.invoke(app, ["index", str(corpus_copy)], env=env).exit_code == 0
    article = corpus_copy / "002_555f5ba2ef349d98.txt"
    article.write_text("Correction: " + article.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["quote", "bae15baa254c", "--cite"], env=env)
    assert result.exit_code == 3
    assert "file changed since it was indexed" in result.stderr
    assert "[quote bae15baa254c]" in result.stdout  # still printed, but flagged
    as_json = runner.invoke(app, ["quote", "bae15baa254c", "--cite", "-f", "json"], env=env)
    assert as_json.exit_code == 3
    assert "changed" in json.loads(as_json.stdout)["warning"]
