"""The man page, `caucasus.1`, written from the commands' own help.

Every command's synopsis, description, options and examples come from the Click
command tree Typer builds (the same text `caucasus COMMAND --help` prints), so the
page cannot say something the help does not. What the help has no place for (exit
codes, environment, files) is written here, next to the code it describes.

The page is committed at `caucasus_cli/man/caucasus.1` and installed with the package
as `share/man/man1/caucasus.1`. Regenerate it after changing any help text:

    python -m caucasus_cli.render.manpage

(`tests/test_manpage.py` fails while the committed page is out of date.)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

MAN_PAGE = Path(__file__).resolve().parent.parent / "man" / "caucasus.1"

# Why each exit code is returned: a code the package adds must be described here
# (tests/test_manpage.py checks every ExitStatus member).
EXIT_CODES = {
    "FOUND": "Something was found: matching articles or quotes; a claim confirmed.",
    "NOTHING_FOUND": "Nothing matched; a claim not found in any article.",
    "USAGE_ERROR": "A usage, query or input error (a bad option, an unreadable file, "
    "a damaged index), said in one line on standard error with a hint.",
    "DIFFERS": "Found, but not as claimed: check's misquoted, misattributed and "
    "not_quoted verdicts; quote --cite when the file changed since it was indexed.",
    "INTERRUPTED": "Interrupted (Ctrl-C); the index is as it was before the run.",
}

# Every variable the package reads (tests/test_manpage.py finds them in the source).
ENVIRONMENT = {
    "CAUCASUS_INDEX": "The index folder, when --index is not given.",
    "XDG_DATA_HOME": "The default index is $XDG_DATA_HOME/caucasus/index "
    "(~/.local/share/caucasus/index when unset).",
    "XDG_CONFIG_HOME": "The user's data files are read from $XDG_CONFIG_HOME/caucasus/ "
    "(~/.config/caucasus/ when unset).",
    "CAUCASUS_PEOPLE": "More people files (TOML, like people.toml), separated by colons, "
    "read after the bundled and the user's own.",
    "CAUCASUS_PAGER": "The pager for output longer than the screen; empty or cat for none.",
    "PAGER": "The pager when CAUCASUS_PAGER is unset; the default is less -FRX.",
    "NO_COLOR": "When set and not empty, no colour (unless --color always).",
    "FORCE_COLOR": "When set and not empty, colour even when not on a terminal.",
    "TERM": "dumb: no colour.",
}


def _files() -> list[tuple[str, str]]:
    """The index, and the user's data files: each adds to the bundled file of its name."""
    from ..config import bundled_data_path

    folder = bundled_data_path("people.toml").parent
    return [
        ("~/.local/share/caucasus/index/", "The index (see XDG_DATA_HOME and CAUCASUS_INDEX)."),
        *(
            (
                f"~/.config/caucasus/{path.name}",
                f"Read after the bundled {path.name}, adding to it.",
            )
            for path in sorted(folder.iterdir())
            if path.is_file()
        ),
    ]


# --- roff -------------------------------------------------------------------------------


def escape(text: str) -> str:
    """Text for roff: backslashes and hyphens escaped, other non-ASCII characters as
    \\[uXXXX] (so plain `groff -man -Tutf8` needs no preprocessor)."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "".join(c if ord(c) < 128 else f"\\[u{ord(c):04X}]" for c in text)


def _line(text: str) -> str:
    """One input line: a leading . or ' would be read as a request."""
    escaped = escape(text)
    return "\\&" + escaped if escaped[:1] in (".", "'") else escaped


def _paragraphs(text: str) -> list[str]:
    """A help text as roff: paragraphs filled, a Click `\\b` block kept as written."""
    lines: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        if lines:
            lines.append(".PP")
        if block.startswith("\b"):
            lines += [".nf", *(_line(b) for b in block[1:].strip("\n").splitlines()), ".fi"]
        else:
            lines += [_line(b.strip()) for b in block.splitlines() if b.strip()]
    return lines


def _bold(text: str) -> str:
    return f"\\fB{escape(text)}\\fR"


def _option_lines(command, ctx) -> list[str]:
    lines: list[str] = []
    params = [*command.params]
    help_option = command.get_help_option(ctx)
    if help_option is not None:
        params.append(help_option)
    for param in params:
        record = param.get_help_record(ctx)
        if record is None:
            continue
        names, help_text = record
        lines += [".TP", _bold(names), *(_paragraphs(help_text) if help_text else [])]
    return lines


def _command_section(group, ctx, name: str) -> list[str]:
    import typer

    command = group.get_command(ctx, name)
    sub = typer.Context(command, info_name=name, parent=ctx)
    usage = " ".join(command.collect_usage_pieces(sub))
    lines = [".SS " + _line(name), _bold(f"caucasus {name}") + " " + escape(usage), ".PP"]
    lines += _paragraphs(command.help or "")
    lines += _option_lines(command, sub)
    if command.epilog:
        lines += [".PP", *_paragraphs(command.epilog)]
    return lines


def render_manpage() -> str:
    """The whole page, as roff."""
    import typer

    from .. import __version__
    from ..cli import app
    from ..errors import ExitStatus

    group = typer.main.get_command(app)
    ctx = typer.Context(group, info_name="caucasus", **group.context_settings)  # -h, --help
    summary = (group.help or "").strip().splitlines()[0]
    lines = [
        ".\\\" Generated by python -m caucasus_cli.render.manpage from the commands' help.",
        '.\\" Do not edit: change the help text and regenerate.',
        f'.TH CAUCASUS 1 "" "caucasus {escape(__version__)}" "User Commands"',
        ".SH NAME",
        "caucasus \\- " + escape(summary[0].lower() + summary[1:]),
        ".SH SYNOPSIS",
        _bold("caucasus") + " [\\fB\\-V\\fR] [\\fB\\-h\\fR] \\fICOMMAND\\fR [\\fIOPTIONS\\fR]",
        ".SH DESCRIPTION",
        *_paragraphs(group.help or ""),
        ".PP",
        "Results go to standard output; notes, warnings and errors to standard error. "
        "On a terminal results are a table, paged when longer than the screen; in a pipe "
        "they are plain text, one record a line.",
        ".SH OPTIONS",
        *_option_lines(group, ctx),
        ".SH COMMANDS",
    ]
    for name in group.list_commands(ctx):
        lines += _command_section(group, ctx, name)
    if group.epilog:
        lines += [".SH EXAMPLES", *_paragraphs(group.epilog.replace("Examples:\n", "", 1))]
    lines.append(".SH EXIT STATUS")
    for status in ExitStatus:
        lines += [".TP", _bold(str(int(status))), _line(EXIT_CODES[status.name])]
    lines.append(".SH ENVIRONMENT")
    for variable, meaning in ENVIRONMENT.items():
        lines += [".TP", _bold(variable), _line(meaning)]
    lines.append(".SH FILES")
    for path, meaning in _files():
        lines += [".TP", _bold(path), _line(meaning)]
    lines += [
        ".SH SEE ALSO",
        "\\fBcaucasus help query\\fR for the query language; "
        "\\fBcaucasus completion\\fR \\fISHELL\\fR for tab completion; the README.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the page to `caucasus_cli/man/caucasus.1`, or to the file given."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else MAN_PAGE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_manpage(), encoding="ascii")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
