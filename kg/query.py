"""The query stage: named SPARQL queries with bound parameters, and their output as text.

Takes a :class:`kg.store.Store` and a query — a name from ``kg/queries/*.rq``, a ``.rq`` file or
SPARQL text — and gives a :class:`kg.store.QueryResult`, which :func:`format_result` renders as
a table, CSV or JSON. Parameters arrive as strings (``--param country=India``): a value written
``<…>`` or starting with ``http://``/``https://`` is bound as an IRI, anything else as a plain
literal. Values are bound by the store, never pasted into the query text.

A query file starts with a header of comment lines; a line indented after ``#`` continues the
previous field::

    # name: officials
    # description: Officials of a country, with their job titles.
    # params: country (the country's name, alias or ISO code; or its IRI)
    # columns: official, name, job_title

``params`` lists ``name (what it is)`` items separated by commas, or ``none``. Every declared
parameter is required, and no other may be passed. The named queries project their
parameters, so they come back as their last columns, as they were given.

An optional ``# lookup: country`` line names the parameters that stand for an entity. A
name, alias or ISO code given for one is first looked up (``kg/queries/lookup.rq``, then
without case ``lookup-any-case.rq``), and the
query runs with the entity's IRI bound, once per entity of that name: the query then starts
from that IRI instead of comparing every label in the store, which keeps it fast however many
articles the store holds. ``# bind: values`` asks the embedded store to bind the parameters
as a VALUES block rather than pyoxigraph substitutions, for a query it plans better that way
(see :mod:`kg.store`). Imports no NLP library.
"""

from __future__ import annotations

import itertools
import json
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from kg.errors import ConfigError, QueryError
from kg.formats import RESULT_FORMATS, rdf_choices
from kg.ontology import PREFIXES
from kg.sparql_text import is_update, query_form, with_page
from kg.store import QueryResult, Store

__all__ = ["QUERIES_DIR", "RESULT_FORMATS", "NamedQuery", "list_queries", "load_query", "run", "format_result",
           "text_table"]

log = logging.getLogger(__name__)

QUERIES_DIR = Path(__file__).resolve().parent / "queries"

_HEADER_FIELD = re.compile(r"#\s?(name|description|params|columns|lookup|bind)\s*:\s*(.*)$", re.IGNORECASE)
_PARAM = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*\(([^()]*)\)")
_SHORT = {namespace: f"{prefix}:" for prefix, namespace in PREFIXES.items()}


@dataclass(frozen=True)
class NamedQuery:
    """A SPARQL query with its header: ``params`` are ``(name, what it is)`` pairs."""

    name: str
    description: str
    params: tuple[tuple[str, str], ...]
    columns: tuple[str, ...]
    text: str
    path: Path | None = None
    lookup: tuple[str, ...] = ()
    inline_values: bool = False

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.params)


#: Queries the library runs itself; not listed among the named queries.
_INTERNAL = frozenset({"lookup", "lookup-any-case"})


def list_queries() -> list[NamedQuery]:
    """The named queries shipped in ``kg/queries``, sorted by name."""
    return [_read_file(path) for path in sorted(QUERIES_DIR.glob("*.rq")) if path.stem not in _INTERNAL]


def load_query(name_or_path_or_text: str) -> NamedQuery:
    """A query by name (``officials``), by ``.rq`` file path, or from literal SPARQL text.

    Raises
    ------
    QueryError
        The name is unknown (the message lists the known ones) or the file cannot be read.
    """
    given = name_or_path_or_text.strip()
    known = {path.stem: path for path in QUERIES_DIR.glob("*.rq")}
    if given in known:
        return _read_file(known[given])
    if given.endswith(".rq") or ("{" not in given and Path(given).is_file()):
        path = Path(given).expanduser()
        if not path.is_file():
            raise QueryError(f"no query file {path}: check the path, or use a named query ({_offered(known)})")
        return _read_file(path)
    if "{" in given:
        return _parse(name_or_path_or_text, default_name="<inline query>", path=None)
    raise QueryError(
        f"unknown query {given!r}: use one of {_offered(known)}, a .rq file, or SPARQL text"
    )


def _offered(known: Mapping[str, Path]) -> str:
    return ", ".join(sorted(name for name in known if name not in _INTERNAL))


def run(store: Store, query: NamedQuery | str, *, params: Mapping[str, str] | None = None,
        limit: int | None = None, offset: int = 0) -> QueryResult:
    """Run ``query`` on ``store`` with ``params`` bound to the variables of the same names.

    ``limit`` and ``offset`` page a SELECT answer: at most ``limit`` rows (None: all of them)
    after skipping ``offset``. They reach the engine as ``LIMIT``/``OFFSET``, so it can stop
    early; consecutive pages are disjoint when the query orders its rows completely, as every
    named query does. A query with its own LIMIT, OFFSET or final VALUES, or a named query
    whose looked-up name stands for several entities, is run whole and its rows sliced.

    Examples
    --------
    >>> from kg.store import open_store
    >>> with open_store("memory") as store:                       # doctest: +SKIP
    ...     result = run(store, "officials", params={"country": "India"})

    Raises
    ------
    QueryError
        A parameter is missing or unknown (the message lists the expected ones), the query
        is malformed, or ``limit``/``offset`` is not a whole number of 0 or more, or is given
        for a query that is not a SELECT.
    """
    named = query if isinstance(query, NamedQuery) else load_query(query)
    _check_page(named, limit, offset)
    if is_update(named.text):
        raise QueryError(f"query {named.name!r} changes the graph: kg query only reads (SELECT, ASK, CONSTRUCT, "
                         "DESCRIBE); to change the graph, edit the articles and run kg build again")
    given = dict(params or {})
    missing = [name for name in named.param_names if name not in given]
    unknown = [name for name in given if name not in named.param_names]
    if missing or unknown:
        problems = []
        if missing:
            problems.append(f"missing parameter(s) {', '.join(missing)}")
        if unknown:
            problems.append(f"unknown parameter(s) {', '.join(unknown)}")
        expected = "; ".join(f"{name} ({doc})" for name, doc in named.params) or "none"
        hint = "" if named.path else " (declare parameters in a '# params:' header line)"
        raise QueryError(f"query {named.name!r}: {' and '.join(problems)}; expected: {expected}{hint}")
    bindings = {name: _term(value) for name, value in given.items()}
    log.debug("running query %s with %s", named.name, bindings)
    paging = limit is not None or offset > 0
    paged = with_page(named.text, limit, offset) if paging else None
    try:
        if not named.lookup:
            result = store.query(paged or named.text, bindings=bindings, inline_values=named.inline_values)
            return result if paged or not paging else _slice(result, limit, offset)
        return _run_looked_up(store, named, bindings, paged=paged, limit=limit, offset=offset)
    except QueryError as e:
        where = named.path if named.path is not None else named.name
        raise QueryError(f"query {where}: {e}") from e


def _run_looked_up(store: Store, named: NamedQuery, bindings: dict[str, Identifier], *, paged: str | None,
                   limit: int | None, offset: int) -> QueryResult:
    """Run ``named`` once per combination of the entities its lookup parameters name, with
    their IRIs bound; the rows come back with each parameter as it was given. One
    combination runs the ``paged`` text; several run whole, and their rows are sliced."""
    choices: list[list[tuple[str, Identifier]]] = []
    for name in named.lookup:
        value = bindings[name]
        iris = [value] if isinstance(value, URIRef) else lookup(store, str(value))
        choices.append([(name, iri) for iri in iris])
    single = all(len(iris) <= 1 for iris in choices)
    text = paged if paged and single else named.text
    variables: tuple[str, ...] = ()
    rows: dict[tuple, None] = {}
    for combination in itertools.product(*choices):
        result = store.query(text, bindings={**bindings, **dict(combination)}, inline_values=named.inline_values)
        variables = result.variables
        given = [(result.variables.index(name), bindings[name]) for name, _ in combination
                 if name in result.variables]
        for row in result.rows:
            cells = list(row)
            for index, value in given:
                cells[index] = value
            rows.setdefault(tuple(cells), None)
    if not variables:  # nothing matched a lookup: the query's columns, no rows
        variables = store.query(text, bindings={**bindings, **{n: URIRef("urn:x-diplokg:none") for n in named.lookup}},
                                inline_values=named.inline_values).variables
    result = QueryResult("select", variables=variables, rows=list(rows))
    return result if text is paged or (limit is None and not offset) else _slice(result, limit, offset)


def _check_page(named: NamedQuery, limit: object, offset: object) -> None:
    """A clear error for a page that is not whole numbers of 0 or more, or not of a SELECT."""
    for name, value in (("limit", limit), ("offset", offset)):
        if value is None and name == "limit":
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise QueryError(f"{name} {value!r}: give a whole number of 0 or more")
    if (limit is not None or offset) and query_form(named.text) not in ("SELECT", None):
        raise QueryError(f"query {named.name!r} is a {query_form(named.text)}: limit and offset page the rows of "
                         "a SELECT answer")


def _slice(result: QueryResult, limit: int | None, offset: int) -> QueryResult:
    """One page of the rows of a SELECT answer the engine could not page itself."""
    if result.kind != "select":
        return result
    end = None if limit is None else offset + limit
    return QueryResult("select", variables=result.variables, rows=list(result.rows)[offset:end])


def lookup(store: Store, name: str) -> list[URIRef]:
    """The entities whose label, alias or ISO code is ``name`` (any case), sorted.

    An exact match is found through the store's index; only when there is none are the
    labels compared without case.
    """
    for file in ("lookup.rq", "lookup-any-case.rq"):
        query = _read_file(QUERIES_DIR / file)
        found = {row[0] for row in store.query(query.text, bindings={"name": Literal(name)}).rows}
        if found:
            return sorted(iri for iri in found if isinstance(iri, URIRef))
    return []


def format_result(result: QueryResult, *, fmt: str = "table") -> str:
    """Render ``result`` as text.

    SELECT and ASK results: ``table`` (aligned text, IRIs shortened, for people) or one of
    the SPARQL 1.1 results formats ``json``, ``csv``, ``tsv``, ``xml``, written by
    pyoxigraph's serializers so other SPARQL tools read them. CONSTRUCT and DESCRIBE results
    are RDF: any format of :mod:`kg.formats` (``table`` gives Turtle, ``json`` JSON-LD and
    ``xml`` RDF/XML).

    Raises
    ------
    QueryError
        ``fmt`` does not fit the result: the message lists what does.
    """
    import pyoxigraph as ox

    from kg.formats import rdf_format

    if result.kind == "graph":
        if fmt in ("csv", "tsv"):
            raise QueryError(f"a CONSTRUCT or DESCRIBE query gives RDF, not a table: use --format with an RDF "
                             f"format ({rdf_choices()})")
        try:
            rdf = rdf_format(_RDF_FOR_RESULT_FORMAT.get(fmt, fmt))
        except ConfigError as e:
            raise QueryError(str(e)) from e
        triples = [ox.Triple(*(_ox_term(term) for term in triple)) for triple in sorted(result.graph or (),
                                                                                        key=_n3_key)]
        prefixes = {p: PREFIXES[p] for p in _RDF_PREFIXES} if rdf.name in ("turtle", "trig", "rdfxml") else None
        return ox.serialize(triples, format=rdf.ox, prefixes=prefixes).decode("utf-8")
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"unknown result format {fmt!r}: use one of {', '.join(RESULT_FORMATS)} "
                         "(RDF formats only for CONSTRUCT and DESCRIBE)")
    if fmt == "table":
        if result.kind == "ask":
            return ("true" if result.boolean else "false") + "\n"
        return text_table(result.variables, [[_short(term) for term in row] for row in result.rows])
    if result.kind == "ask":
        document = {"head": {}, "boolean": bool(result.boolean)}
    else:
        bindings = [{var: _json_term(term) for var, term in zip(result.variables, row) if term is not None}
                    for row in result.rows]
        document = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    parsed = ox.parse_query_results(json.dumps(document).encode("utf-8"), format=ox.QueryResultsFormat.JSON)
    results_format = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV,
                      "tsv": ox.QueryResultsFormat.TSV, "xml": ox.QueryResultsFormat.XML}[fmt]
    return parsed.serialize(format=results_format).decode("utf-8")


#: What a results format name means for a CONSTRUCT or DESCRIBE result.
_RDF_FOR_RESULT_FORMAT = {"table": "turtle", "json": "jsonld", "xml": "rdfxml"}
_RDF_PREFIXES = ("dip", "id", "nif", "itsrdf", "prov", "rdf", "rdfs", "schema", "skos", "xsd")


def _n3_key(triple: tuple) -> tuple:
    return tuple(term.n3() for term in triple)


def _ox_term(term: Identifier):
    """An rdflib term as a pyoxigraph term, for pyoxigraph's serializers."""
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


# -- helpers ---------------------------------------------------------------------------------


def _read_file(path: Path) -> NamedQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise QueryError(f"cannot read query file {path}: {e}") from e
    return _parse(text, default_name=path.stem, path=path)


def _parse(text: str, *, default_name: str, path: Path | None) -> NamedQuery:
    """Read the header comment block at the top of ``text``."""
    fields: dict[str, str] = {}
    current: str | None = None
    for line in text.lstrip().splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        match = _HEADER_FIELD.match(stripped)
        if match:
            current = match.group(1).lower()
            fields[current] = match.group(2).strip()
        elif current is not None and stripped.lstrip("#").strip():
            fields[current] += " " + stripped.lstrip("#").strip()
    raw_params = fields.get("params", "")
    params = tuple((name, doc.strip()) for name, doc in _PARAM.findall(raw_params))
    if raw_params and raw_params.lower() != "none" and not params:
        where = path or default_name
        raise QueryError(f"{where}: cannot read '# params: {raw_params}': write 'name (what it is), …' or 'none'")
    columns = tuple(c.strip() for c in fields.get("columns", "").split(",") if c.strip())
    lookup = tuple(n.strip() for n in fields.get("lookup", "").split(",") if n.strip())
    unknown = [n for n in lookup if n not in {name for name, _ in params}]
    if unknown:
        raise QueryError(f"{path or default_name}: '# lookup:' names {', '.join(unknown)}, which '# params:' does not declare")
    return NamedQuery(
        name=fields.get("name") or default_name,
        description=fields.get("description", ""),
        params=params,
        columns=columns,
        text=text,
        path=path,
        lookup=lookup,
        inline_values=fields.get("bind", "").lower().split()[:1] == ["values"],
    )


def _term(value: str) -> Identifier:
    """A parameter string as an RDF term: ``<…>``, ``http(s)://…`` or a known prefix as results
    print it (``id:country/IN``) is an IRI, anything else a literal."""
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    if text.startswith(("http://", "https://")):
        return URIRef(text)
    prefix, colon, rest = text.partition(":")
    if colon and prefix in PREFIXES and rest and " " not in rest:
        return URIRef(PREFIXES[prefix] + rest)
    return Literal(value)


def _json_term(term: Identifier) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None:
            out["datatype"] = str(term.datatype)
        return out
    return {"type": "literal", "value": str(term)}


def _short(term: Identifier | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for namespace, prefix in _SHORT.items():
            if term.startswith(namespace):
                return prefix + term[len(namespace):]
        return f"<{term}>"
    return " ".join(str(term).split())


def text_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """``rows`` under ``headers`` as aligned plain text, with a row count (what ``--format table`` prints)."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows)
    lines.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(lines) + "\n"
