"""`caucasus help TOPIC`: the query language explained.

Imported only when this command runs (or help lists every command): see `cli.COMMANDS`.
"""

from typing import Annotated

import typer

from ..cli import (
    PagerOption,
    command,
    command_output,
    examples,
)
from ..errors import ExitStatus
from ..render.markdown import HelpTopic, render_help


@command(
    "help",
    epilog=examples("caucasus help query", "caucasus search --help"),
)
def help_command(
    topic: Annotated[
        HelpTopic, typer.Argument(metavar="[TOPIC]", help="What to explain: query.")
    ] = HelpTopic.QUERY,
    no_pager: PagerOption = False,
) -> ExitStatus:
    """Explain the query language, with examples."""
    out = command_output(no_pager=no_pager)
    with out.results(paged=True):
        render_help(out, topic)
    return ExitStatus.FOUND
