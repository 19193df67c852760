"""`caucasus completion SHELL`: the shell's completion script.

Imported only when this command runs (or help lists every command): see `cli.COMMANDS`.
"""

import enum
from typing import Annotated

import typer

from ..cli import (
    COMPLETE_VAR,
    command,
    command_output,
    examples,
)
from ..errors import ExitStatus


class Shell(enum.StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


@command(
    "completion",
    epilog=examples(
        'eval "$(caucasus completion bash)"          # in ~/.bashrc',
        'eval "$(caucasus completion zsh)"           # in ~/.zshrc',
        "caucasus completion fish > ~/.config/fish/completions/caucasus.fish",
    ),
)
def completion_command(
    shell: Annotated[
        Shell, typer.Argument(metavar="SHELL", help="bash, zsh or fish.", case_sensitive=False)
    ],
) -> ExitStatus:
    """Print the shell script that completes commands, options, speaker names and ids."""
    from typer._completion_shared import get_completion_script

    script = get_completion_script(prog_name="caucasus", complete_var=COMPLETE_VAR, shell=shell)
    out = command_output()
    with out.results():
        out.stdout.write(script + "\n")
    return ExitStatus.FOUND
