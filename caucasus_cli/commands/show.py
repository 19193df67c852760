"""`caucasus show ID`: one article with its metadata.

Imported only when this command runs (or help lists every command): see `cli.COMMANDS`.
"""

from typing import Annotated

import typer

from ..cli import (
    ColourOption,
    FormatOption,
    IndexOption,
    PagerOption,
    command,
    command_output,
    examples,
    index_for_completion,
    one_id,
    open_index,
)
from ..errors import ExitStatus
from ..render import ColourMode


@command(
    "show",
    epilog=examples(
        "caucasus show 001_7e16cc46a88fe3df",
        "caucasus show 001                        # a unique prefix is enough",
        "caucasus show 001 --format json | jq -r .body",
    ),
)
def show_command(
    doc: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="Document id (or a unique prefix of one).",
            autocompletion=lambda incomplete: complete_docs(incomplete),
        ),
    ],
    index: IndexOption = None,
    output: FormatOption = None,
    colour: ColourOption = ColourMode.AUTO,
    no_pager: PagerOption = False,
) -> ExitStatus:
    """Show one article with its metadata."""
    from ..render.articles import render_article
    from ..search.show import find_article

    out = command_output(colour, no_pager)
    with open_index(out, index) as corpus:
        lookup = find_article(corpus, doc)
    if lookup.record is None:
        one_id(lookup.candidates, doc, "article", "caucasus search")  # raises: none, or several
    with out.results(ExitStatus.FOUND, paged=True):
        render_article(out, lookup.record, out.format(output))
    return ExitStatus.FOUND


def complete_docs(incomplete: str) -> list[str]:
    """Ids for `show <TAB>`, from the index, which is never built for it."""
    from ..search.show import find_article

    with index_for_completion() as corpus:
        if corpus is None:
            return []
        lookup = find_article(corpus, incomplete)
        return [lookup.record.doc] if lookup.record else lookup.candidates
