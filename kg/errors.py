"""One error tree for the project; each error also subclasses the matching builtin."""

from __future__ import annotations

__all__ = ["KgError", "InputError", "StoreError", "QueryError", "ConfigError"]


class KgError(Exception):
    """Root of every error diplokg raises on purpose."""


class InputError(KgError, ValueError):
    """An input file cannot be read as an article: says which file, and which line if known."""

    def __init__(self, source: str, message: str, *, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.message = message
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")


class StoreError(KgError, RuntimeError):
    """The RDF store cannot be opened, read or written."""


class QueryError(KgError, ValueError):
    """A SPARQL query is malformed, unknown, or lacks a parameter."""


class ConfigError(KgError, ValueError):
    """A setting has a value that cannot be used."""
