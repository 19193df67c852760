"""The Markdown table, the notes and the unexpected verdicts printed after a run."""

from __future__ import annotations

from typing import Any

from benchmarks.sqlite_utils_peer import (
    TOKENIZE,
)


def optional(value: float | None, spec: str, mark: str = "") -> str:
    return "—" if value is None else f"{value:{spec}}{mark}"


def markdown_table(
    sizes: list[dict[str, Any]], with_rg: bool, with_sqlite_utils: bool = False
) -> str:
    header = [
        "articles",
        "corpus",
        "index s",
        "articles/s",
        "index CPU ms/article",
        "index ÷ FTS5 build",
        "same in CPU time",
        "quotes",
        "peak MiB: RSS tree / PSS tree / largest",
        "index kB/article",
        "grouping s",
        "grouping kB/article",
        "query p50 ms",
        "query p95 ms",
        "e2e caucasus ms",
        "e2e grep ms",
        "grep ÷ caucasus",
    ]
    if with_rg:
        header += ["e2e rg ms", "rg ÷ caucasus"]
    if with_sqlite_utils:
        header += ["e2e sqlite-utils ms", "sqlite-utils ÷ caucasus"]
    header += ["check e2e ms (found / not found)", "spread e2e s"]
    header += ["FTS5 p50 ms", "FTS5 p95 ms", "FTS5 ÷ caucasus", "FTS5 build s"]
    if with_sqlite_utils:
        header += ["sqlite-utils build s"]
    rows = [header, ["---:" if i != 1 else "---" for i in range(len(header))]]
    for size in sizes:
        indexing, e2e, fts = size["indexing"], size["end_to_end"], size["fts5"]
        mark = "*" if indexing["reused"] else ""
        fmark = "*" if fts["reused"] else ""
        row = [
            f"{size['articles']:,}",
            size["origin"],
            f"{indexing['seconds']:.1f}{mark}",
            f"{indexing['articles_per_s']:.0f}{mark}",
            optional(indexing.get("cpu_ms_per_article"), ".1f", mark),
            optional(indexing["ratio_to_fts5_build"], ".1f", mark or fmark),
            optional(indexing["cpu_ratio_to_fts5_build"], ".1f", mark or fmark),
            f"{indexing['quotes'] or 0:,}",
            f"{indexing['peak_rss_tree_mib']:.0f} / {indexing.get('peak_pss_tree_mib', 0):.0f}"
            f" / {indexing['peak_rss_single_mib']:.0f}{mark}",
            f"{size['index_size']['kb_per_article']:.2f}",
            f"{size['grouping']['seconds']:.2f}",
            grouping_cell(size["grouping"]),
            f"{size['in_process']['p50_ms']:.1f}",
            f"{size['in_process']['p95_ms']:.1f}",
            f"{e2e['caucasus']['p50_ms']:.0f}",
            f"{e2e['grep']['p50_ms']:.0f}",
            f"{e2e['grep']['ratio_to_caucasus']:.2f}",
        ]
        if with_rg:
            rg = e2e.get("rg")
            row += [f"{rg['p50_ms']:.0f}", f"{rg['ratio_to_caucasus']:.2f}"] if rg else ["—"] * 2
        su_e2e, su_build = e2e.get("sqlite-utils"), size.get("sqlite_utils")
        if with_sqlite_utils:
            row += (
                [f"{su_e2e['p50_ms']:.0f}", f"{su_e2e['ratio_to_caucasus']:.2f}"]
                if su_e2e
                else ["—"] * 2
            )
        row += [check_cell(size["check"]), f"{size['spread']['p50_s']:.2f}"]
        row += [
            f"{fts['p50_ms']:.2f}",
            f"{fts['p95_ms']:.2f}",
            f"{fts['ratio_to_caucasus']:.3f}",
            f"{fts['build_seconds']:.2f}{fmark}",
        ]
        if with_sqlite_utils:
            smark = "*" if su_build and su_build["reused"] else ""
            row += [f"{su_build['build_seconds']:.2f}{smark}" if su_build else "—"]
        rows.append(row)
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def grouping_cell(grouping: dict[str, Any]) -> str:
    value = grouping["kb_per_article"]
    return "not measured" if value is None else f"{value:.2f} ({grouping['pct_of_index']:.1f}%)"


def check_cell(check: dict[str, Any]) -> str:
    """p50 of the claims taken from the index / of those in no article."""
    found, missing = check["found"], check["not_found"]
    return " / ".join("—" if part is None else f"{part['p50_ms']:.0f}" for part in (found, missing))


def sqlite_utils_note(settings: dict[str, Any]) -> str:
    if settings["sqlite_utils"]:
        return f"{settings['sqlite_utils']} (`search`, FTS5 tokenize={TOKENIZE})"
    return "not installed, its columns are left out (pip install -e '.[bench]')"


def notes_text(result: dict[str, Any]) -> str:
    settings = result["settings"]
    reused = any(
        s["indexing"]["reused"] or s["fts5"]["reused"] or (s["sqlite_utils"] or {}).get("reused")
        for s in result["sizes"]
    )
    lines = [
        f"caucasus run as: {settings['command']}; {settings['rounds']} end-to-end rounds, "
        f"{3 * settings['rounds']} in-process runs per query; "
        f"rg: {'yes' if settings['rg'] else 'not installed'}; "
        f"sqlite-utils: {sqlite_utils_note(settings)}.",
        "index ÷ FTS5 build: caucasus's indexing wall time (a subprocess: start-up and"
        " quote extraction included) over the FTS5 database's build (in process, parsing"
        " included); the same in CPU time (user + system of the indexer and its workers"
        " over this process's CPU time for the FTS5 build) is steadier on a loaded machine.",
        "check e2e ms: p50 of the claims taken from the index / of those in no article;"
        " grouping s: linking a first build's wordings in process; grouping kB/article:"
        " the groups' tables and indexes in quotes.sqlite and the wording keys (their"
        " share of the index folder in brackets).",
        f"Load average at start {result['machine']['load_average_start']}, "
        f"after each size {[s['load_average_after'] for s in result['sizes']]}.",
    ]
    lines += unexpected_verdicts(result["sizes"])
    if reused:
        lines.append(
            "* from the run that built the index / database (reused; --fresh re-measures)."
        )
    return "\n".join(lines)


def unexpected_verdicts(sizes: list[dict[str, Any]]) -> list[str]:
    """A claim taken from the index that `check` did not find, or one in no article that
    it did: the found / not found figures then time something else than they say."""
    lines = []
    for size in sizes:
        for claim in size["check"]["claims"]:
            if claim["from_index"] == (claim["verdict"] == "not_found"):
                lines.append(
                    f"Unexpected at {size['articles']:,}: `check` said {claim['verdict']}"
                    f" (exit {claim['exit']}) for {claim['claim'][:60]!r}."
                )
    return lines
