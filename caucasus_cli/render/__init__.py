"""All terminal and machine output, by what it shows: `articles` (search, show, status,
index runs), `quotes` (listings, speakers, one quote, groups), `check` (verdicts),
`markdown` (evidence reports, help topics); `writers` (the machine formats and shared
cells) and `output` (the `Output` object: streams, colour, pager, and `visible`, which
every writer uses to keep text from articles and file names from driving the terminal).

Rich is imported only when something is drawn with it, to keep start-up cheap.
"""

from .output import ColourMode, Format, Output, visible

__all__ = ["ColourMode", "Format", "Output", "visible"]
