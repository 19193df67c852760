"""`caucasus check`: were these words really said, by whom, where and when?

Imported only when this command runs (or help lists every command): see `cli.COMMANDS`.
"""

import enum
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..cli import (
    ColourOption,
    IndexOption,
    PagerOption,
    SinceOption,
    UntilOption,
    command,
    command_output,
    examples,
    open_index,
    parse_dates,
)
from ..errors import ExitStatus, UsageError
from ..render import ColourMode, Format, Output

CheckFormat = enum.StrEnum(
    "CheckFormat", {f.name: f.value for f in Format if f is not Format.PLAIN}
)

CheckFormatOption = Annotated[
    CheckFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format; markdown writes an evidence report to paste into an article "
        "or a ticket; claimreview writes schema.org ClaimReview JSON-LD (one array) for a "
        "fact-check page. Default: table on a terminal, plain text in a pipe.",
        case_sensitive=False,
        show_default=False,
    ),
]


@command(
    "check",
    epilog=examples(
        'caucasus check "The Nagorno-Karabakh conflict is a thing of the past."',
        'caucasus check "We want a peaceful settlement" --speaker Aliyev',
        "caucasus check --file claims.txt --format jsonl",
        "caucasus check --document draft.md --format markdown > evidence.md",
    ),
)
def check_command(
    claim: Annotated[
        str | None,
        typer.Argument(
            metavar="[CLAIM]",
            help="The claimed words; - reads them from stdin.",
            show_default=False,
        ),
    ] = None,
    speaker: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="Who the claim says spoke them.", show_default=False),
    ] = None,
    claims_file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            metavar="FILE",
            help="Check one claim per line of this file.",
            show_default=False,
        ),
    ] = None,
    document: Annotated[
        Path | None,
        typer.Option(
            "--document",
            metavar="FILE",
            help="Check every quote of a draft article (.md or .txt; - for stdin) with the "
            "speaker the draft gives it.",
            show_default=False,
        ),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    index: IndexOption = None,
    output: CheckFormatOption = None,
    colour: ColourOption = ColourMode.AUTO,
    no_pager: PagerOption = False,
) -> ExitStatus:
    """Were these words really said, by whom, where and when?

    Exit code 0 confirmed, 1 not found, 3 found but different (misquoted,
    misattributed, not_quoted), 2 usage error. With --file: 0 if every claim is
    confirmed, 1 if any is not found, else 3. With --document the same, for the
    draft's quotes, and a summary line on stderr.
    """
    from ..render.check import render_verdicts
    from ..search.check import (
        check_claim,
        check_document,
        check_status,
        read_claims,
        read_draft,
        summary_line,
    )
    from ..search.groups import evidence_group

    out = command_output(colour, no_pager)
    first, last = parse_dates(since, until)
    draft = read_draft(document, sys.stdin) if document is not None else None
    claims = [] if draft is not None else read_claims(claim, claims_file, sys.stdin)
    if draft is not None and (claim is not None or claims_file is not None):
        raise UsageError("give a claim, --file FILE or --document FILE, not several", hint=None)
    with open_index(out, index) as corpus:
        if draft is not None:
            verdicts = check_document(corpus, draft, since=first, until=last)
        else:
            keys = _speaker_keys_or_none(out, corpus, speaker)
            verdicts = [
                check_claim(
                    corpus, text, speaker_keys=keys, speaker=speaker, since=first, until=last
                )
                for text in claims
            ]
        groups = [evidence_group(corpus, verdict) for verdict in verdicts]
    if draft is not None and not verdicts:
        out.note(summary_line(verdicts))
        return ExitStatus.NOTHING_FOUND
    code = check_status(verdicts)
    single = claims_file is None and draft is None
    with out.results(code, paged=True):
        render_verdicts(out, verdicts, out.format(output), single=single, groups=groups)
        if draft is not None:  # after the verdicts it sums up
            out.note(summary_line(verdicts))
    return code


def _speaker_keys_or_none(out: Output, corpus, name: str | None) -> list[str] | None:
    """For check, a speaker nobody quoted is not an error: the words may be someone else's.
    A name like a quoted speaker's is suggested, as `quotes --speaker` does."""
    if not name:
        return None
    from ..search.quotes import resolve_speaker

    match = resolve_speaker(corpus, name)
    if not match.keys and match.suggestions:
        out.note(
            f"no quoted speaker matches {name!r}; did you mean: {', '.join(match.suggestions)}"
        )
    return match.keys
