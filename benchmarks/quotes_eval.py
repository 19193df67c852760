"""Score quote extraction against PolNeAR's hand annotations, and time it.

    /tmp/venv/bin/python benchmarks/quotes_eval.py [--data DIR] [--bbc DIR] [--json FILE]
                                                   [--errors N] [--no-throughput]

Data (never copied into this repository; the text belongs to its publishers):
`--data` defaults to `../shared/data/polnear-dev` beside the repository (PolNeAR
v1.0.0 dev split: `text/NAME.txt` and BRAT standoff `attributions/NAME_ANNOTATOR.ann`
with Source/Cue/Content spans tied by `E` lines), `--bbc` to `../shared/data/bbc`
(only timed). `--data ../shared/data/polnear-train` scores the train split (840
articles, same format; a covered text running over a line break is read as one
annotation). The rules were tuned on dev: report both.

What is scored
--------------
Extraction runs exactly as the application runs it: `split_paragraphs` on the file
text, every paragraph passed (PolNeAR files have no boilerplate; the first
paragraph is the headline), `load_people()` for the bundled data.

*Gold direct quotes.* An attribution whose Content contains quotation-marked
text. Its quoted runs are read from the Content span(s) alone: double marks
(“ ” " « » „) are paired left to right, curly and guillemet marks by shape and a
straight mark toggling; the outermost runs count, a run still open at the end of
a Content span ends there, and a closing mark with no opening one in the span
closes a run that starts at the span's start. Runs of one attribution separated
only by a line break, white space and marks (a quotation continued over
paragraphs) are one gold quote. The same run inside two nested attributions is one gold
quote. Single marks (‘ ’) are not quotation marks here, as in the extractor:
U+2019 is also the apostrophe. Note that this definition takes every
quotation-marked run inside a Content, including titles and nicknames in
quotation marks (“Shark Tank”, “Miss Piggy”) that the extractor deliberately
drops; they count as misses.

*Match.* A predicted direct quote matches a gold quote when their character
overlap is at least half of the *longer* of the two spans (so both cover at least
half of each other); matching is one-to-one, largest overlaps first. Precision is
over predictions, recall over gold quotes, F1 their harmonic mean. Predictions and
gold inside `Discard` spans (annotators marked embedded tweets and "Read the rest
here" lines as not part of the article) are left out of both.

*Named-speaker accuracy.* Among matched direct quotes whose gold Source is a
proper name, the share whose predicted `speaker` is the same person. The Source
is a proper name when, after dropping a parenthesis, anything after its first
comma and a home place after the name ("Sen. Ben Cardin of Maryland"), it does not
start with a lower-case word or a determiner ("the New York businessman"), is not
a pronoun, "who" or a possessive phrase ("Scott's family"),
and its last word is capitalised and not a common group noun (Police, Officials,
Democrats …). Its name is the trailing run of capitalised words up to a title word
(the title list of people.toml's [vocabulary], which the extractor also uses):
"Gov. Mike Pence (R-IN)" → "Mike Pence". A one-word name ("Caddell") stands for
the nearest full name with that last word among the annotation file's other
Sources ("Pat Caddell"), nearest earlier first. The prediction is right when
people.toml maps both to the same person, or when its last word equals the gold
name's last word (accents and case folded) and, if both names have more than one
word, the prediction's first word is one of the gold name's other words or shares
its initial with one of them when either is an initial (name particles such as
"De" in "De Blasio" are not given names). A missing speaker is wrong. Printed
with it: among those quotes, the *null rate* (no speaker given) and, among the ones
given a speaker, the *wrong rate* (a different person): for a fact-checker a wrong
speaker is worse than none.

*Indirect quotes* (informational): gold are attributions whose Content has no
quotation marks; a predicted indirect quote is correct when it matches (same
overlap rule) the Content of any attribution, quoted or not.

*Several annotators.* Two dev articles were annotated by six annotators each (the
other 82 by one). Each annotation file is scored as its own gold document, and
its counts are weighted 1/k for an article with k annotation files, so every
article weighs the same; named-speaker counts are weighted the same way. The
agreement between annotators of the same article (every pair, under the same
direct-quote rule) is printed as a ceiling reference.

*Throughput.* `extract_quotes` alone (paragraph splitting and loading people.toml
excluded), single process, wall-clock time, over all PolNeAR texts and BBC
articles, in articles per second: the best of three runs, and the first run on its
own (empty caches; parsed speaker phrases are cached across articles).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from caucasus_cli.ingest.paragraphs import split_paragraphs
from caucasus_cli.models import Quote
from caucasus_cli.quotes.extract import extract_quotes
from caucasus_cli.quotes.people import People, fold_name, load_people

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
DEFAULT_DATA = SHARED / "polnear-dev"
DEFAULT_BBC = SHARED / "bbc"

Ranges = list[tuple[int, int]]


def words(spec: str) -> list[str]:
    return spec.split()


_OPENING = "“«„"
_CLOSING = "”»"
_MARK = re.compile(r"[\"“”«»„]")
# A standoff line starts with its id and a tab; covered text may hold line breaks.
_ANN_LINE = re.compile(r"[TE]\d+\t")
_ANNOTATOR = re.compile(r"_[0-9a-f]+\.ann$")
_PARENTHESIS = re.compile(r"\([^)]*\)")
_CAPITALISED_WORD = re.compile(r"[^\W\d_][\w’'.\-]*")
_NOT_PROPER = frozenset(
    words(
        """he she they it we i you who which that this these those him her them police
    officials sources protesters critics experts analysts aides supporters democrats
    republicans officers authorities residents witnesses observers voters others some
    many both all americans people lawmakers leaders demonstrators activists"""
    )
)
_DETERMINERS = frozenset(words("""the a an his her its their our my your this that these those"""))


@dataclass(slots=True)
class GoldQuote:
    start: int
    end: int
    sources: list[str] = field(default_factory=list)  # gold Source texts (nested: several)
    names: list[str] = field(default_factory=list)  # proper names among them, resolved


@dataclass(slots=True)
class GoldDocument:
    name: str
    annotator: str
    text: str
    direct: list[GoldQuote]
    indirect: list[Ranges]  # contents without quotation marks
    contents: list[Ranges]  # all contents
    discard: Ranges


@dataclass(slots=True)
class Counts:
    """Weighted counts (an article annotated k times adds 1/k per annotation file)."""

    predicted: float = 0.0
    gold: float = 0.0
    correct_predicted: float = 0.0  # predictions that match gold
    found_gold: float = 0.0  # gold items that a prediction matches

    def add(
        self,
        predicted: float,
        gold: float,
        correct_predicted: float,
        found_gold: float,
        weight: float = 1.0,
    ) -> None:
        self.predicted += predicted * weight
        self.gold += gold * weight
        self.correct_predicted += correct_predicted * weight
        self.found_gold += found_gold * weight

    @property
    def precision(self) -> float:
        return self.correct_predicted / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Report:
    documents: int = 0
    articles: int = 0
    direct: Counts = field(default_factory=Counts)
    indirect: Counts = field(default_factory=Counts)
    named: float = 0.0
    named_correct: float = 0.0
    named_null: float = 0.0  # matched named quotes given no speaker
    annotator_agreement: Counts = field(default_factory=Counts)
    throughput_articles: int = 0
    throughput_seconds: float = 0.0  # best run
    throughput_first_seconds: float = 0.0  # first run, caches empty
    errors: list[str] = field(default_factory=list)

    @property
    def named_accuracy(self) -> float:
        return self.named_correct / self.named if self.named else 0.0

    @property
    def named_wrong(self) -> float:
        return self.named - self.named_correct - self.named_null

    @property
    def wrong_rate(self) -> float:
        """Among matched named quotes given a speaker, the share given the wrong one."""
        given = self.named - self.named_null
        return self.named_wrong / given if given else 0.0

    @property
    def null_rate(self) -> float:
        """Among matched named quotes, the share given no speaker."""
        return self.named_null / self.named if self.named else 0.0

    @property
    def articles_per_second(self) -> float:
        if not self.throughput_seconds:
            return 0.0
        return self.throughput_articles / self.throughput_seconds

    @property
    def first_run_articles_per_second(self) -> float:
        if not self.throughput_first_seconds:
            return 0.0
        return self.throughput_articles / self.throughput_first_seconds


# ------------------------------------------------------------------ gold data


def read_brat(path: Path) -> tuple[dict[str, tuple[str, Ranges]], list[dict[str, str]]]:
    """Text-bound annotations (id → kind, ranges) and events (role → id) of a .ann file."""
    spans: dict[str, tuple[str, Ranges]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not _ANN_LINE.match(line):
            continue  # the rest of a covered text that runs over a line break
        if line.startswith("T"):
            identifier, info, _covered = line.split("\t", 2)
            kind, ranges = info.split(" ", 1)
            spans[identifier] = (
                kind,
                [(int(a), int(b)) for a, b in (r.split() for r in ranges.split(";"))],
            )
        elif line.startswith("E"):
            _identifier, roles = line.split("\t", 1)
            events.append(dict(role.split(":", 1) for role in roles.split()))
    return spans, events


def quoted_runs(text: str, ranges: Ranges) -> Ranges:
    """Outermost quotation-marked runs inside the given ranges (marks excluded)."""
    runs: Ranges = []
    for start, end in ranges:
        depth = 0
        run_start = start
        for match in _MARK.finditer(text, start, end):
            mark, position = match.group(), match.start()
            opening = mark in _OPENING or (mark == '"' and depth == 0)
            if opening:
                if depth == 0:
                    run_start = position + 1
                depth += 1
            elif depth > 0:
                depth -= 1
                if depth == 0:
                    runs.append((run_start, position))
            else:
                runs.append((start, position))  # closes a run opened before the span
        if depth > 0:
            runs.append((run_start, end))
    return [_strip(text, s, e) for s, e in runs if text[s:e].strip(" \n\t,")]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \n\t":
        start += 1
    while end > start and text[end - 1] in " \n\t,":
        end -= 1
    return start, end


def _merge_continued(text: str, runs: Ranges) -> Ranges:
    """Runs separated only by a line break, white space and marks are one quotation
    continued over paragraphs."""
    merged: Ranges = []
    for start, end in sorted(runs):
        gap = text[merged[-1][1] : start] if merged else ""
        if merged and "\n" in gap and not gap.strip(' \n\t"“”«»„,'):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def gold_document(text_path: Path, ann_path: Path, people: People) -> GoldDocument:
    text = text_path.read_text(encoding="utf-8")
    spans, events = read_brat(ann_path)
    discard = [r for kind, ranges in spans.values() if kind == "Discard" for r in ranges]
    sources_by_position = _source_names(text, spans, events, people)
    direct: dict[tuple[int, int], GoldQuote] = {}
    indirect: list[Ranges] = []
    contents: list[Ranges] = []
    for event in events:
        if "Content" not in event:
            continue
        content = spans[event["Content"]][1]
        contents.append(content)
        runs = _merge_continued(text, quoted_runs(text, content))
        if not runs:
            indirect.append(content)
            continue
        source_text, source_name = None, None
        if "Source" in event:
            source_ranges = spans[event["Source"]][1]
            source_text = " ".join(text[a:b] for a, b in source_ranges)
            source_name = sources_by_position.get(source_ranges[0][0])
        for run in runs:
            quote = _same_run(direct, run) or direct.setdefault(run, GoldQuote(*run))
            if source_text is not None:
                quote.sources.append(source_text)
            if source_name:
                quote.names.append(source_name)
    return GoldDocument(
        text_path.stem,
        ann_path.stem.rsplit("_", 1)[-1],
        text,
        sorted(direct.values(), key=lambda q: q.start),
        indirect,
        contents,
        discard,
    )


def _same_run(direct: dict[tuple[int, int], GoldQuote], run: tuple[int, int]) -> GoldQuote | None:
    for (start, end), quote in direct.items():
        if _overlap_ratio([(start, end)], [run]) >= 0.5:
            return quote
    return None


def _source_names(
    text: str, spans: dict[str, tuple[str, Ranges]], events: list[dict[str, str]], people: People
) -> dict[int, str]:
    """Proper-name Sources (by start offset) → the name they stand for, one-word
    names expanded to the nearest full name among the file's Sources."""
    names: dict[int, str] = {}
    for event in events:
        if "Source" in event:
            ranges = spans[event["Source"]][1]
            name = proper_name(" ".join(text[a:b] for a, b in ranges), people)
            if name:
                names[ranges[0][0]] = name
    full = sorted((p, n) for p, n in names.items() if len(n.split()) > 1)
    for position, name in list(names.items()):
        if len(name.split()) > 1:
            continue
        same = [(p, n) for p, n in full if fold_name(n.split()[-1]) == fold_name(name)]
        earlier = [n for p, n in same if p < position]
        if earlier or same:
            names[position] = earlier[-1] if earlier else same[0][1]
    return names


def proper_name(source: str, people: People) -> str | None:
    """The name a gold Source gives, if it is a proper name (see module docstring)."""
    head = _PARENTHESIS.sub(" ", source).split(",")[0].strip()
    head = _without_home(head, people)
    words = _CAPITALISED_WORD.findall(head)
    if not words or words[0].lower() in _DETERMINERS or not words[0][:1].isupper():
        return None
    if any(re.search(r"[’']s?$", w) for w in words[:-1]):
        return None  # "Scott's family": the family speaks
    last = re.sub(r"[’']s?$", "", words[-1]).rstrip(".")
    if not last[:1].isupper() or last.lower() in _NOT_PROPER:
        return None
    name_words = [last]
    for word in reversed(words[:-1]):
        bare = word.rstrip(".")
        if not bare[:1].isupper() or people.vocabulary.is_title(word):
            break
        name_words.insert(0, bare)
    return " ".join(name_words)


_OF_PLACE = re.compile(r"^(?P<name>.*\S)\s+of\s+(?P<place>(?:[A-Z][\w.’'\-]*\s*)+)$")


def _without_home(head: str, people: People) -> str:
    """ "Sen. Ben Cardin of Maryland" is Ben Cardin: a place after a name (not
    "Secretary of State", where a title comes before "of")."""
    found = _OF_PLACE.match(head)
    if found is None:
        return head
    last = found.group("name").split()[-1]
    if not last[:1].isupper() or people.vocabulary.is_title(last):
        return head
    return found.group("name")


def same_person(predicted: str | None, gold_name: str, people: People) -> bool:
    if not predicted:
        return False
    known_gold = people.canonical(gold_name)
    if known_gold is not None and known_gold == people.canonical(predicted):
        return True
    ours, theirs = fold_name(predicted).split(), fold_name(gold_name).split()
    if not ours or not theirs or ours[-1] != theirs[-1]:
        return False
    particles = people.vocabulary.name_particles
    theirs = [w for w in theirs[:-1] if w not in particles] + theirs[-1:]  # "De Blasio"
    if len(ours) > 1 and len(theirs) > 1:
        # Given names agree, or one is an initial ("G.K." / "Gk"); a title word
        # left in the gold name ("State John F Kerry") is skipped.
        a = ours[0]
        return any(a == b or (a[0] == b[0] and min(len(a), len(b)) <= 2) for b in theirs[:-1])
    return True


# ------------------------------------------------------------------ scoring


def _overlap(a: Ranges, b: Ranges) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _length(ranges: Ranges) -> int:
    return sum(e - s for s, e in ranges)


def _overlap_ratio(a: Ranges, b: Ranges) -> float:
    longer = max(_length(a), _length(b))
    return _overlap(a, b) / longer if longer else 0.0


def match(predicted: Sequence[Ranges], gold: Sequence[Ranges]) -> list[tuple[int, int]]:
    """One-to-one pairs (predicted index, gold index) with overlap ≥ half the longer
    span, largest overlaps first."""
    candidates = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            if _overlap_ratio(p, g) >= 0.5:
                candidates.append((_overlap(p, g), i, j))
    pairs, used_p, used_g = [], set(), set()
    for _overlap_chars, i, j in sorted(candidates, reverse=True):
        if i not in used_p and j not in used_g:
            pairs.append((i, j))
            used_p.add(i)
            used_g.add(j)
    return pairs


def _outside(ranges: Ranges, discard: Ranges) -> bool:
    return not discard or _overlap(ranges, discard) * 2 < _length(ranges)


def score_document(
    document: GoldDocument,
    quotes: list[Quote],
    people: People,
    report: Report,
    errors: int,
    weight: float = 1.0,
) -> None:
    discard = document.discard
    direct = [q for q in quotes if q.kind == "direct" and _outside([(q.start, q.end)], discard)]
    gold = [g for g in document.direct if _outside([(g.start, g.end)], discard)]
    pairs = match([[(q.start, q.end)] for q in direct], [[(g.start, g.end)] for g in gold])
    report.direct.add(len(direct), len(gold), len(pairs), len(pairs), weight)
    for i, j in pairs:
        names = gold[j].names
        if names:
            report.named += weight
            if any(same_person(direct[i].speaker, name, people) for name in names):
                report.named_correct += weight
                continue
            if direct[i].speaker is None:
                report.named_null += weight
            if len(report.errors) < errors:
                report.errors.append(
                    f"SPEAKER {document.name}: ours={direct[i].speaker!r} "
                    f"gold={names[0]!r} :: {direct[i].text[:80]!r}"
                )
    if len(report.errors) < errors:
        _note_unmatched(document, direct, gold, pairs, report, errors)
    indirect = [q for q in quotes if q.kind == "indirect" and _outside([(q.start, q.end)], discard)]
    predicted_ranges = [[(q.start, q.end)] for q in indirect]
    correct = match(predicted_ranges, document.contents)
    found = match(predicted_ranges, document.indirect)
    report.indirect.add(len(indirect), len(document.indirect), len(correct), len(found), weight)


def _note_unmatched(
    document: GoldDocument,
    direct: list[Quote],
    gold: list[GoldQuote],
    pairs: list[tuple[int, int]],
    report: Report,
    errors: int,
) -> None:
    matched_p = {i for i, _ in pairs}
    matched_g = {j for _, j in pairs}
    text = document.text
    for i, quote in enumerate(direct):
        if i not in matched_p and len(report.errors) < errors:
            report.errors.append(f"EXTRA {document.name}: [{quote.speaker}] {quote.text[:90]!r}")
    for j, quote in enumerate(gold):
        if j not in matched_g and len(report.errors) < errors:
            context = text[max(0, quote.start - 50) : quote.end + 30].replace("\n", " ")
            report.errors.append(f"MISSED {document.name}: {context[:170]!r}")


def evaluate(data: Path, people: People, errors: int = 0) -> Report:
    """Score extraction over every annotation file under `data`."""
    report = Report()
    for name, ann_paths in annotation_files(data).items():
        text_path = data / "text" / f"{name}.txt"
        documents = [gold_document(text_path, path, people) for path in ann_paths]
        text = documents[0].text
        quotes = extract_quotes(text, split_paragraphs(text), people)
        for document in documents:
            score_document(document, quotes, people, report, errors, 1 / len(documents))
        report.documents += len(documents)
        report.articles += 1
        _add_agreement(report.annotator_agreement, documents)
    return report


def annotation_files(data: Path) -> dict[str, list[Path]]:
    """Annotation files by article name."""
    by_article: dict[str, list[Path]] = {}
    for ann_path in sorted((data / "attributions").glob("*.ann")):
        by_article.setdefault(_ANNOTATOR.sub("", ann_path.name), []).append(ann_path)
    return by_article


def _add_agreement(counts: Counts, documents: list[GoldDocument]) -> None:
    """Every ordered pair of annotators of one article, one as "prediction"."""
    for first in documents:
        for second in documents:
            if first is not second:
                a = [[(q.start, q.end)] for q in first.direct]
                b = [[(q.start, q.end)] for q in second.direct]
                agreed = len(match(a, b))
                counts.add(len(a), len(b), agreed, agreed)


# --------------------------------------------------------------- throughput


def article_texts(data: Path | None, bbc: Path | None) -> list[str]:
    paths: list[Path] = []
    if data is not None and (data / "text").is_dir():
        paths.extend(sorted((data / "text").glob("*.txt")))
    if bbc is not None and bbc.is_dir():
        paths.extend(sorted(bbc.glob("*/*.txt")))
    return [p.read_text(encoding="utf-8", errors="replace") for p in paths]


def measure_throughput(
    texts: Iterable[str], people: People, runs: int = 3
) -> tuple[int, float, float]:
    """(articles, seconds of the first run, best seconds) for extraction alone over
    `texts`. The first run starts with empty caches (parsed speaker phrases are
    cached across articles, as they are when indexing a corpus)."""
    prepared = [(text, split_paragraphs(text)) for text in texts]
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        for text, paragraphs in prepared:
            extract_quotes(text, paragraphs, people)
        times.append(time.perf_counter() - began)
    return len(prepared), times[0], min(times)


# --------------------------------------------------------------------- main


def print_table(report: Report, label: str = "PolNeAR") -> None:
    rows = [
        ("direct quotes", report.direct),
        ("indirect quotes (informational)", report.indirect),
        ("annotator vs annotator (direct)", report.annotator_agreement),
    ]
    print(f"{label}: {report.articles} articles, {report.documents} annotation files")
    print(f"{'':34}{'pred':>7}{'gold':>7}{'P':>7}{'R':>7}{'F1':>7}")
    for label, c in rows:
        print(
            f"{label:34}{c.predicted:>7.0f}{c.gold:>7.0f}"
            f"{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}"
        )
    print(
        f"named-speaker accuracy: {report.named_accuracy:.3f} "
        f"({report.named_correct:.0f} of {report.named:.0f} matched direct quotes "
        "with a named source)"
    )
    print(
        f"speakers given: wrong {report.wrong_rate:.3f} "
        f"({report.named_wrong:.0f} of {report.named - report.named_null:.0f} given a speaker), "
        f"null {report.null_rate:.3f} ({report.named_null:.0f} of {report.named:.0f})"
    )
    if report.throughput_articles:
        print(
            f"throughput: {report.articles_per_second:,.0f} articles/s best of 3, "
            f"{report.first_run_articles_per_second:,.0f} articles/s first run "
            f"({report.throughput_articles} articles, extraction only, one core)"
        )


def figures(report: Report) -> dict[str, object]:
    def counts(c: Counts) -> dict[str, float]:
        rounded = {key: round(value, 2) for key, value in asdict(c).items()}
        return {**rounded, "precision": c.precision, "recall": c.recall, "f1": c.f1}

    return {
        "articles": report.articles,
        "annotation_files": report.documents,
        "direct": counts(report.direct),
        "indirect": counts(report.indirect),
        "annotator_agreement_direct": counts(report.annotator_agreement),
        "named_speaker_accuracy": report.named_accuracy,
        "named_speaker": {
            "matched_named": round(report.named, 2),
            "correct": round(report.named_correct, 2),
            "wrong": round(report.named_wrong, 2),
            "null": round(report.named_null, 2),
            "wrong_rate": report.wrong_rate,
            "null_rate": report.null_rate,
        },
        "throughput_articles_per_second": report.articles_per_second,
        "throughput_first_run_articles_per_second": report.first_run_articles_per_second,
        "throughput_articles": report.throughput_articles,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PolNeAR dev folder")
    parser.add_argument("--bbc", type=Path, default=DEFAULT_BBC, help="BBC folder (timing)")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--errors", type=int, default=0, help="print up to N error examples")
    parser.add_argument("--no-throughput", action="store_true", help="skip the timing")
    args = parser.parse_args(argv)
    if not (args.data / "attributions").is_dir():
        print(f"no PolNeAR data at {args.data} (use --data)", file=sys.stderr)
        return 2
    people = load_people()
    report = evaluate(args.data, people, args.errors)
    if not args.no_throughput:
        texts = article_texts(args.data, args.bbc)
        (
            report.throughput_articles,
            report.throughput_first_seconds,
            report.throughput_seconds,
        ) = measure_throughput(texts, people)
    for line in report.errors:
        print(line)
    print_table(report, f"PolNeAR {args.data.name.removeprefix('polnear-')}")
    if args.json:
        args.json.write_text(json.dumps(figures(report), indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
