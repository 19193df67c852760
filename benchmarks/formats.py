"""What the readers of pages and exports cost: the HTML extra's size and import time,
and indexing speed for saved pages, JSON Lines and CSV exports against plain text.

    PYTHONPATH=. python benchmarks/formats.py [--articles 500] [--workdir DIR] [--json FILE]

The inputs are generated under `--workdir` (default /tmp/caucasus-bench-formats) from
one article made up here: the same paragraphs, varied per copy, written as `.txt`
files, as saved pages (navigation, related links, footer and JSON-LD around them), as
one `.jsonl` export and as one `.csv` export. Each is indexed from scratch by
`python -m caucasus_cli index` in a subprocess (interpreter start included).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

PARAGRAPHS = [
    "The foreign ministers of Armenia and Azerbaijan met in Moscow on Friday for talks "
    "that lasted more than ten hours, officials said. (copy {n})",
    '"The parties agreed on a humanitarian ceasefire for the exchange of prisoners and '
    'the bodies of the dead," Russian Foreign Minister Sergey Lavrov told reporters.',
    "The specific parameters of the ceasefire will be agreed separately, the joint "
    "statement said. Both delegations said they would report to their capitals.",
    "Residents of border villages said they hoped the truce would hold through the "
    "weekend, after days of shelling that damaged homes and schools.",
]
PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | Example Herald</title>
<meta property="og:site_name" content="Example Herald">
<link rel="canonical" href="https://herald.example/news/{n}">
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{title}",
"datePublished": "2020-10-10T03:12:00+04:00"}}</script></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/economy">Economy</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article><h1>{title}</h1>{paragraphs}</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Markets steady</a></li>
<li><a href="/b">Rain expected</a></li></ul></aside></main>
<footer><p>&copy; 2020 Example Herald. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/contact">Contact us</a></p></footer>
</body></html>"""


def article(n: int) -> tuple[str, list[str]]:
    return f"Ceasefire talks in Moscow, report {n}", [p.format(n=n) for p in PARAGRAPHS]


def write_inputs(root: Path, count: int) -> dict[str, Path]:
    folders = {kind: root / kind for kind in ("txt", "html", "jsonl", "csv")}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    records = []
    for n in range(count):
        title, paragraphs = article(n)
        (folders["txt"] / f"a{n:05}.txt").write_text(
            title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
        )
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        (folders["html"] / f"a{n:05}.html").write_text(
            PAGE.format(title=title, n=n, paragraphs=body), encoding="utf-8"
        )
        records.append(
            {
                "id": str(n),
                "url": f"https://herald.example/news/{n}",
                "title": title,
                "date": "2020-10-10",
                "source": "Example Herald",
                "text": "\n\n".join(paragraphs),
            }
        )
    with (folders["jsonl"] / "export.jsonl").open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record) + "\n")
    with (folders["csv"] / "export.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records)
    return folders


def index_seconds(folder: Path, index: Path) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "caucasus_cli", "index", str(folder), "--index", str(index)],
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - started, done.stderr.strip().splitlines()[-1]


def installed_megabytes(name: str, seen: set[str] | None = None) -> float:
    """Installed size of a distribution and everything it requires (each counted once)."""
    seen = set() if seen is None else seen
    key = name.lower().replace("_", "-")
    if key in seen:
        return 0.0
    seen.add(key)
    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return 0.0
    size = sum(
        (
            dist.locate_file(f).stat().st_size
            for f in dist.files or ()
            if dist.locate_file(f).exists()
        ),
        0,
    )
    for requirement in dist.requires or ():
        if "extra ==" in requirement:
            continue
        required = requirement.split(";")[0].split("[")[0]
        for stop in "<>=!~ (":
            required = required.split(stop)[0]
        size += installed_megabytes(required.strip(), seen) * 1e6
    return size / 1e6


def import_seconds(module: str, rounds: int = 5) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/caucasus-bench-formats"))
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    figures: dict[str, object] = {"articles": args.articles}
    bare = import_seconds("sys")
    figures["python_start_s"] = round(bare, 3)
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        print("trafilatura not installed: pip install trafilatura to measure the HTML reader")
        have_html = False
    else:
        have_html = True
        figures["html_extra_installed_mb"] = round(installed_megabytes("trafilatura"), 1)
        figures["trafilatura_import_s"] = round(import_seconds("trafilatura") - bare, 3)
    figures["cli_imports_trafilatura"] = (
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys, caucasus_cli.cli, caucasus_cli.index.sync, caucasus_cli.search.quotes;"
                "print('trafilatura' in sys.modules)",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        == "True"
    )
    folders = write_inputs(args.workdir / f"n{args.articles}", args.articles)
    for kind, folder in folders.items():
        if kind == "html" and not have_html:
            continue
        index = args.workdir / f"index-{kind}-{os.getpid()}"
        seconds, summary = index_seconds(folder, index)
        figures[f"index_{kind}_s"] = round(seconds, 2)
        figures[f"index_{kind}_articles_per_s"] = round(args.articles / seconds, 1)
        print(
            f"{kind:>5}: {seconds:6.2f} s  ({args.articles / seconds:7.1f} articles/s)  {summary}"
        )
    for name, value in figures.items():
        if not name.startswith("index_"):
            print(f"{name}: {value}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
