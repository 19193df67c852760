"""What a plain `caucasus search` loads: every module imported is start-up time paid on
each search, so the reading path stays clear of the indexer, the quote store, the
query-parser plugins a query does not use, and the extras.

Each check runs the real command in a fresh interpreter and lists `sys.modules` at exit.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Modules a plain word or phrase search has no use for, and why each would be there.
NOT_ON_A_PLAIN_SEARCH = {
    "caucasus_cli.index.sync": "the indexer (only when there is no index to read)",
    "caucasus_cli.index.workers": "the indexer's process pool",
    "caucasus_cli.index.quotestore": "the quote store (an article search reads Whoosh only)",
    "caucasus_cli.index.statements": "quote grouping",
    "caucasus_cli.quotes.extract": "quote extraction",
    "caucasus_cli.ingest.formats": "file readers",
    "caucasus_cli.ingest.reader": "the file reader (a search prints stored paths only)",
    "multiprocessing": "the indexer's process pool",
    "concurrent.futures": "the indexer's process pool",
    "sqlite3": "the quote store",
    "whoosh.writing": "Whoosh's index writer",
    "whoosh.qparser.dateparse": "the date: plugin (a query naming date: only)",
    "rapidfuzz": "fuzzy matching of claims and names",
    "trafilatura": "the HTML reader",
    "lxml": "the HTML reader",
    "whoosh.lang.morph_en": "English word variations (150 regexes; search/__init__.py defers them)",
    "whoosh.lang.porter": "Whoosh's default stemmer (caucasus names its own; deferred too)",
    "caucasus_cli.render.markdown": "help topics and evidence reports (`help`, --format markdown)",
    "caucasus_cli.index.rows": "quote store rows (made when indexing)",
    "caucasus_cli.index.spelling": "'did you mean' (only when nothing is found)",
    "rich": "tables and colour (a pipe gets plain text)",
}
# Every command but search is built only when it runs (cli.COMMANDS).
NOT_ON_A_PLAIN_SEARCH |= {
    f"caucasus_cli.commands.{name}": "another command's module"
    for name in ("index", "status", "speakers", "quotes", "quote", "show", "check", "help")
}

_LIST_MODULES = """
import atexit, runpy, sys
out = sys.argv[1]
def dump():
    with open(out, "w") as handle:
        # A stand-in that defers a module (caucasus_cli/search/__init__.py) is not it.
        names = [n for n, m in sys.modules.items() if not vars(m).get("deferred")]
        handle.write("\\n".join(sorted(names)))
atexit.register(dump)
sys.argv = ["caucasus", *sys.argv[2:]]
runpy.run_module("caucasus_cli", run_name="__main__")
"""


def _modules_of(tmp_path: Path, *args: str) -> set[str]:
    listing = tmp_path / "modules.txt"
    env = {name: value for name, value in os.environ.items() if name != "CAUCASUS_INDEX"}
    env |= {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    run = subprocess.run(
        [sys.executable, "-c", _LIST_MODULES, str(listing), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert run.returncode in (0, 1), run.stderr
    return set(listing.read_text().split())


@pytest.mark.parametrize("query", ["peace", '"peace agreement"', "Karabakh OR Lachin"])
def test_a_plain_search_loads_no_indexer_store_or_unused_plugin(tmp_path, seed_index, query):
    loaded = _modules_of(tmp_path, "search", query, "--index", str(seed_index))
    assert "caucasus_cli.search.articles" in loaded  # the search did run
    returned = {
        name: why
        for name, why in NOT_ON_A_PLAIN_SEARCH.items()
        if name in loaded or any(m.startswith(name + ".") for m in loaded)
    }
    assert returned == {}


def test_a_date_query_still_loads_the_date_plugin(tmp_path, seed_index):
    loaded = _modules_of(tmp_path, "search", "peace date:2021", "--index", str(seed_index))
    assert "whoosh.qparser.dateparse" in loaded


def _python(code: str) -> str:
    """What a fresh interpreter prints running `code` (which must succeed)."""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_the_deferred_word_variations_still_answer_when_asked():
    """Whoosh's `variations` (behind its Variations query) loads the real tables on
    first use and gives what they give."""
    deferred = _python(
        "import caucasus_cli.search, sys\n"
        "from whoosh import query\n"
        "import whoosh.query.terms as terms\n"
        "assert vars(sys.modules['whoosh.lang.morph_en']).get('deferred')\n"
        "print(sorted(terms.variations('negotiate')))\n"
        "assert not vars(sys.modules['whoosh.lang.morph_en']).get('deferred')\n"
        "print(query.Variations('body', 'talk').text)\n"
    )
    direct = _python(
        "from whoosh.lang.morph_en import variations; print(sorted(variations('negotiate')))"
    )
    assert deferred.splitlines()[0] == direct.strip()
    assert "negotiated" in direct


def test_the_deferred_porter_stemmer_still_stems_when_asked():
    """Whoosh's StemFilter, built with its default stemmer after caucasus deferred the
    module, stems as the real Porter stemmer does, and pickles as it."""
    words = "('negotiations', 'ceasefire', 'talked')"
    deferred = _python(
        "import caucasus_cli.search, pickle, sys\n"
        "from whoosh.analysis import StemFilter\n"
        "assert vars(sys.modules['whoosh.lang.porter']).get('deferred')\n"
        "stemmer = StemFilter()\n"
        "print(pickle.dumps(stemmer.stemfn, 2).count(b'whoosh.lang.porter'))\n"
        f"print([stemmer.stemfn(w) for w in {words}])\n"
        "assert not vars(sys.modules['whoosh.lang.porter']).get('deferred')\n"
    )
    direct = _python(f"from whoosh.lang.porter import stem; print([stem(w) for w in {words}])")
    pickled, stems = deferred.splitlines()
    assert pickled == "1"
    assert stems == direct.strip()
    assert "negoti" in stems


@pytest.mark.parametrize("query", ["peace", '"peace agreement"', "the peace talks"])
def test_plain_words_and_phrases_do_not_load_whoosh_query_parser(tmp_path, seed_index, query):
    loaded = _modules_of(tmp_path, "search", query, "--index", str(seed_index))
    assert "caucasus_cli.search.articles" in loaded
    assert "whoosh.qparser" not in loaded


def test_a_query_with_operators_still_loads_whoosh_query_parser(tmp_path, seed_index):
    loaded = _modules_of(tmp_path, "search", "Karabakh OR Lachin", "--index", str(seed_index))
    assert "whoosh.qparser" in loaded


_GARBAGE_COLLECTOR_AT_EXIT = """
import atexit, gc, runpy, sys
out = sys.argv[1]
atexit.register(lambda: open(out, "w").write(f"{gc.isenabled()} {len(gc.get_objects())}"))
sys.argv = ["caucasus", *sys.argv[2:]]
runpy.run_module("caucasus_cli", run_name="__main__")
"""


@pytest.mark.parametrize("command", ["search", "status", "index"])
def test_the_garbage_collector_is_on_for_the_commands_work(tmp_path, seed_corpus, command):
    """The script starts with the collector off (__main__.py); every command turns it back
    on once its imports are done, so a long one (index) never runs without it, and
    sets aside (freezes) what start-up built."""
    args = {"search": ["search", "peace"], "status": ["status"], "index": ["index", seed_corpus]}
    report = tmp_path / "gc.txt"
    env = {name: value for name, value in os.environ.items() if name != "CAUCASUS_INDEX"}
    env |= {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    run = subprocess.run(
        [sys.executable, "-c", _GARBAGE_COLLECTOR_AT_EXIT, report, *args[command]],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert run.returncode in (0, 1), run.stderr
    enabled, tracked = report.read_text().split()
    assert enabled == "True"
    bare = _python("import gc, typer, whoosh.index; print(len(gc.get_objects()))")
    assert int(tracked) < int(bare)
