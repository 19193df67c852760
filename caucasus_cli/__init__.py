"""caucasus: search news on the Armenia–Azerbaijan conflict — who said what, when, where."""

__version__ = "0.1.0"
