"""The `caucasus` commands, one module each (`caucasus NAME` is `commands/NAME.py`).

Each registers itself with `cli.command`; `cli.COMMANDS` names them in order, and the
group imports a command's module only when that command is looked up, so a search
pays for no other command's options or imports.
"""
