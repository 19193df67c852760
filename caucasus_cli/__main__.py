"""The `caucasus` script and `python -m caucasus_cli`: the command line, started with
the cyclic garbage collector off until the command begins its work.

Starting a command imports Typer, Whoosh and this package: tens of thousands of
objects (modules, classes, functions) that live as long as the process. With the
collector on, its passes walk them while they are created and again at its first
collections after, freeing nothing: ~8% of the CPU of a whole `caucasus search`
(about 10 ms of 120). `cli.command_output`, which every command calls once its
imports are done, sets them aside (`gc.freeze`) and turns the collector back on, so
the work of a long command (`index`) is collected as usual. Code that imports
`caucasus_cli.cli` as a library is not affected.
"""

import gc


def run() -> None:
    gc.disable()
    from .cli import run as run_command_line

    run_command_line()


# The guard matters: indexing workers are spawned processes, which import this module;
# they must not start the command line (nor turn the garbage collector off).
if __name__ == "__main__":
    run()
