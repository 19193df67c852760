"""`caucasus quote ID`: one quote in its context, or one citation line.

Imported only when this command runs (or help lists every command): see `cli.COMMANDS`.
"""

import enum
from typing import Annotated

import typer

from ..cli import (
    ColourOption,
    IndexOption,
    PagerOption,
    command,
    command_output,
    examples,
    one_id,
    open_index,
)
from ..errors import ExitStatus, NothingFound
from ..render import ColourMode, Format

ReportFormat = enum.StrEnum(
    "ReportFormat",
    {f.name: f.value for f in Format if f not in (Format.PLAIN, Format.CLAIMREVIEW)},
)

ReportFormatOption = Annotated[
    ReportFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format; markdown writes an evidence report to paste into an article "
        "or a ticket. Default: table on a terminal, plain text in a pipe.",
        case_sensitive=False,
        show_default=False,
    ),
]


@command(
    "quote",
    epilog=examples(
        "caucasus quote bae15baa254c",
        "caucasus quote bae15 --cite              # a unique prefix is enough",
        "caucasus quote bae15baa254c --cite --format json",
        "caucasus quote bae15baa254c --format markdown > evidence.md",
    ),
)
def quote_command(
    quote_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="Quote id as listed by `quotes`, or a unique prefix of one.",
        ),
    ],
    cite: Annotated[
        bool,
        typer.Option(
            "--cite",
            help="Print one ready citation line (exit 3 if the file changed since indexing).",
        ),
    ] = False,
    context: Annotated[
        int, typer.Option(metavar="N", help="Paragraphs of context on each side.", min=0)
    ] = 1,
    index: IndexOption = None,
    output: ReportFormatOption = None,
    colour: ColourOption = ColourMode.AUTO,
    no_pager: PagerOption = False,
) -> ExitStatus:
    """Show one quote with speaker, source and the paragraphs around it, and where else
    the same words were published (first seen first, with how each differs)."""
    from ..render.quotes import render_citation, render_quote_view
    from ..search.groups import quote_group
    from ..search.quotes import find_quote_ids, quote_in_context

    out = command_output(colour, no_pager)
    with open_index(out, index) as corpus:
        found = find_quote_ids(corpus, quote_id)
        view = quote_in_context(corpus, one_id(found, quote_id, "quote", "caucasus quotes"))
        if view is None:  # gone between the two reads (a concurrent re-index)
            raise NothingFound(f"no quote {quote_id!r}", "list them with `caucasus quotes`")
        group = None if cite else quote_group(corpus, view.quote)
    # A citation whose offsets cannot be checked against the file is not one to print
    # silently: the words, line and offsets may no longer be those of the file.
    code = ExitStatus.DIFFERS if cite and view.warning else ExitStatus.FOUND
    with out.results(code, paged=not cite):
        if cite:
            render_citation(out, view, Format(output) if output else Format.PLAIN)
        else:
            render_quote_view(out, view, out.format(output), group)
    return code
