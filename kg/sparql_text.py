"""SPARQL text for a remote endpoint, which has neither a substitution nor a prefix API.

:func:`inject_values` takes a query and {variable: pyoxigraph term} and gives the query with a
``VALUES`` block first inside its WHERE group. Terms are written in their escaped N-Triples form, so no user text
enters the query unescaped; a small scanner skips strings, IRIs, comments and a CONSTRUCT
template to find the group. :func:`declare_prefixes` declares the project's prefixes a query
uses without declaring them, on its first line, so the server's line numbers stay right.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from kg.errors import QueryError

__all__ = ["inject_values", "declare_prefixes", "strip_prologue", "is_update", "query_form", "with_page"]

_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_FORM = re.compile(r"(SELECT|CONSTRUCT|DESCRIBE|ASK)\b", re.IGNORECASE)


def inject_values(sparql: str, bindings: Mapping[str, Any]) -> str:
    """Put ``VALUES (?a ?b) { (t1 t2) }`` first inside the query's WHERE group.

    A VALUES block at the start of the group joins the bound terms with everything in it,
    which gives the same rows as pyoxigraph's substitutions for the project's queries
    (a variable used only inside a sub-SELECT is not reached). The terms are pyoxigraph's
    N-Triples forms, so no user text enters the query unescaped.
    """
    import pyoxigraph as ox

    for name, term in bindings.items():
        if isinstance(term, ox.BlankNode):
            raise QueryError(f"cannot bind ?{name} to a blank node on a remote endpoint: use an IRI")
    position = _where_group_start(sparql)
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(str(term) for term in bindings.values())
    block = f" VALUES ({names}) {{ ({values}) }} "
    return sparql[:position] + block + sparql[position:]


def _where_group_start(sparql: str) -> int:
    """The index just after the ``{`` opening the WHERE group, skipping strings, IRIs and comments."""
    return _form_and_group(sparql)[1]


def query_form(sparql: str) -> str | None:
    """``SELECT``, ``CONSTRUCT``, ``DESCRIBE`` or ``ASK``: the form of the query (None when
    the text has no WHERE group to find it by)."""
    try:
        return _form_and_group(sparql)[0]
    except QueryError:
        return None


_MODIFIER = re.compile(r"(LIMIT|OFFSET|VALUES)\b", re.IGNORECASE)


def with_page(sparql: str, limit: int | None, offset: int) -> str | None:
    """The SELECT query with ``LIMIT``/``OFFSET`` appended, so that the engine itself stops
    after the page; None when it cannot take them (not a SELECT, or it already ends with a
    LIMIT, an OFFSET or a VALUES block of its own), and the caller slices the rows instead."""
    try:
        form, start = _form_and_group(sparql)
    except QueryError:
        return None
    if form != "SELECT":
        return None
    depth = 0
    for i, char in _code(sparql, _group_end(sparql, start)):
        if char in "{(":
            depth += 1
        elif char in "})":
            depth -= 1
        elif depth == 0 and _MODIFIER.match(sparql, i) and not _word_char_before(sparql, i):
            return None
    page = "" if limit is None else f"\nLIMIT {int(limit)}"
    if offset:
        page += f"\nOFFSET {int(offset)}"
    return sparql.rstrip() + page + "\n"


def _group_end(sparql: str, start: int) -> int:
    """The index just after the ``}`` that closes the group opened just before ``start``."""
    depth = 1
    for i, char in _code(sparql, start):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(sparql)


def _code(sparql: str, start: int):
    """Each character of the query from ``start`` on that is code: comments, strings and IRIs
    are passed over (their braces and keywords are no part of the query's shape)."""
    i = start
    while i < len(sparql):
        char = sparql[i]
        if char == "#":
            newline = sparql.find("\n", i)
            i = len(sparql) if newline < 0 else newline + 1
            continue
        if char in "\"'":
            i = _string_end(sparql, i)
            continue
        if char == "<" and (match := _IRIREF.match(sparql, i)):
            i = match.end()
            continue
        yield i, char
        i += 1


def _form_and_group(sparql: str) -> tuple[str | None, int]:
    """The query's form and the index just after the ``{`` opening its WHERE group."""
    form: str | None = None
    skip_template = False
    depth = 0
    after_form = 0
    for i, char in _code(sparql, 0):
        if i < after_form:
            continue
        if depth == 0 and form is None and (match := _FORM.match(sparql, i)) and not _word_char_before(sparql, i):
            form = match.group(1).upper()
            rest = sparql[match.end():].lstrip()
            skip_template = form == "CONSTRUCT" and rest.startswith("{")
            after_form = match.end()
            continue
        if char == "{":
            if depth == 0 and form is not None and not skip_template:
                return form, i + 1
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0 and skip_template:
                skip_template = False
    raise QueryError("cannot bind values: the query has no WHERE { … } group")


def _string_end(text: str, start: int) -> int:
    quote = text[start]
    if text.startswith(quote * 3, start):
        end = start + 3
        while end < len(text) and not text.startswith(quote * 3, end):
            end += 2 if text[end] == "\\" else 1
        return end + 3
    end = start + 1
    while end < len(text) and text[end] != quote:
        end += 2 if text[end] == "\\" else 1
    return end + 1


def _word_char_before(text: str, index: int) -> bool:
    return index > 0 and (text[index - 1].isalnum() or text[index - 1] in "_?$:")



def strip_prologue(text: str) -> str:
    """The query without its comments and PREFIX/BASE lines: what it does."""
    lines = [line.split("#", 1)[0] if not line.lstrip().startswith("#") else "" for line in text.splitlines()]
    return re.sub(r"(?is)^\s*(?:(?:PREFIX\s+\S*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*", "", "\n".join(lines))


def declare_prefixes(text: str, prefixes: Mapping[str, str]) -> str:
    """``text`` with the ``prefixes`` it uses but does not declare, declared before its first
    line (on that line, so that line numbers in a server's error messages stay right)."""
    declared = {m.group(1) for m in re.finditer(r"(?i)PREFIX\s+([A-Za-z][\w-]*)?:", text)}
    body = strip_prologue(text)
    needed = [p for p in prefixes if p not in declared and re.search(rf"(?<![\w<]){p}:", body)]
    return "".join(f"PREFIX {p}: <{prefixes[p]}> " for p in needed) + text


_UPDATE = re.compile(r"^\s*(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)


def is_update(text: str) -> bool:
    """Whether ``text`` is a SPARQL Update (its first operation after the prologue changes data)."""
    return _UPDATE.match(strip_prologue(text)) is not None
