"""`caucasus speakers`: everyone quoted.

Imported only when this command runs (or help lists every command): see `cli.COMMANDS`.
"""

from ..cli import (
    ColourOption,
    FormatOption,
    IndexOption,
    PagerOption,
    command,
    command_output,
    examples,
    found_if,
    open_index,
)
from ..errors import ExitStatus
from ..render import ColourMode


@command(
    "speakers",
    epilog=examples(
        "caucasus speakers",
        "caucasus speakers --format csv > speakers.csv",
        "caucasus speakers --format jsonl | jq -r 'select(.quotes > 5) | .speaker'",
    ),
)
def speakers_command(
    index: IndexOption = None,
    output: FormatOption = None,
    colour: ColourOption = ColourMode.AUTO,
    no_pager: PagerOption = False,
) -> ExitStatus:
    """Everyone quoted: role, number of quotes and articles, aliases."""
    from ..render.quotes import render_speakers
    from ..search.quotes import list_speakers

    out = command_output(colour, no_pager)
    with open_index(out, index) as corpus:
        speakers = list_speakers(corpus)
    code = found_if(speakers)
    with out.results(code, paged=True):
        render_speakers(out, speakers, out.format(output))
    return code


# `--kind`: the core's quote kinds, and `all` of them.
