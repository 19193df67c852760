"""Property tests: no query string and no file content gets past the tool as a crash."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from caucasus_cli.cli import app
from caucasus_cli.index.sync import prepare_file
from caucasus_cli.ingest.reader import FoundFile, SkippedFile

QUERY_PIECES = st.sampled_from(
    [
        "peace", "Aliyev", "Qarabağ", '"', "(", ")", "AND", "OR", "NOT", "title:", "body:",
        "date:", "date:[2020 to", "foo:", "*", "?", "~", "~2", "^", "[", "]", "{", "}", "-",
        "+", "\\", "/", ":", "'", "«", "»", "“", "”", "\u0000", "𝔄", "ə", " ", "TO",
    ]
)  # fmt: skip
QUERIES = st.one_of(
    st.text(max_size=60),
    st.lists(QUERY_PIECES, max_size=12).map(" ".join),
    st.lists(QUERY_PIECES, max_size=12).map("".join),
    st.text(alphabet=string.ascii_letters + ' ():"*~', min_size=500, max_size=3000),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query=QUERIES)
def test_any_query_gives_an_answer_or_a_clean_error(seed_index, query):
    if query.startswith("-"):
        query = " " + query  # otherwise Click reads it as an option, rightly a usage error
    result = CliRunner().invoke(
        app, ["search", query, "--format", "jsonl"], env={"CAUCASUS_INDEX": str(seed_index)}
    )
    assert result.exit_code in (0, 1, 2), result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.stderr
    if result.exit_code == 2:
        assert result.stderr.count("\n") == 1


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=2000),
        st.text(max_size=3000).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.lists(
            st.sampled_from(
                ["“", "”", '"', "«", "»", "’", "\n\n", ", he said.", " said that ", ":", "By ",
                 "Aliyev", "According to", "\r\n", "\u00a0", "—", "...", "Home / news / "]
            ),
            max_size=80,
        ).map(lambda parts: "".join(parts).encode("utf-8")),
    )
)  # fmt: skip
def test_any_file_content_is_read_or_skipped_never_crashes(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "article.txt"
    path.write_bytes(data)
    try:
        prepared = prepare_file(FoundFile(path.parent, path), "article")
    except SkippedFile as skipped:
        assert skipped.reason
        return
    (one,) = prepared.articles  # a text file is one article
    for quote in one.quotes:
        assert one.article.text[quote.start : quote.end] == quote.text
