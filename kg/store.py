"""The store stage: where the per-article named graphs live, and how they are read back.

Takes rdflib triples from :mod:`kg.mapping` (one named graph per article) and gives SPARQL
results as rdflib terms (:class:`QueryResult`), exports and an rdflib ``Dataset``. Three
backends sit behind one small face, chosen by :func:`open_store`:

* a folder → an embedded, persistent pyoxigraph store (one process writes to it; with
  ``read_only=True`` any number of others may read it meanwhile, each seeing what the writer
  has committed);
* ``"memory"`` → an in-memory pyoxigraph store (tests, notebooks, dry runs);
* an ``http(s)://`` URL → a remote SPARQL 1.1 endpoint over plain HTTP (stdlib ``urllib``).

Every query runs over the *union default graph*: a pattern outside ``GRAPH`` sees the triples
of all articles. The embedded store asks pyoxigraph for it per query; a remote endpoint must
be configured for it, e.g. ``oxigraph serve --location DIR --union-default-graph``. A generic
endpoint needs the same behaviour (Fuseki: ``unionDefaultGraph true`` on its TDB dataset;
GraphDB and Virtuoso query all graphs by default) or the named queries find nothing.

Values are always *bound*, never pasted into query text: pyoxigraph ``substitutions`` for the
embedded store, a ``VALUES`` block of N-Triples terms (escaped by pyoxigraph) first in the
WHERE group for a remote one. pyoxigraph binds only variables that the SELECT clause projects,
so a query with parameters projects them; the value comes back as a column. pyoxigraph 0.5
plans some queries better one way and some the other (measured at 2,000 articles: ``meetings``
0.06 s with substitutions and 0.37 s with VALUES; ``evidence`` 0.66 s and 0.30 s), so
:meth:`Store.query` takes ``inline_values=True`` for the embedded store to use the VALUES
block too.
pyoxigraph is imported only inside functions; nothing is opened at import time.

Oxigraph normalises literals when it stores them (oxigraph issue #526): derived integer types
come back as ``xsd:integer`` (``"5"^^xsd:nonNegativeInteger`` → ``"5"^^xsd:integer``) and
``xsd:decimal`` in canonical form (``"1.0"`` → ``"1"``). Compare stored data with that in mind.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.client
import io as _io
import json
import logging
import os
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal as TypingLiteral, NamedTuple

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from kg.errors import ConfigError, QueryError, StoreError
from kg.config import DEFAULT_STORE, ENV_VARS
from kg.sparql_text import declare_prefixes, inject_values
from kg.ontology import DIP, ENTITY_GRAPH, PREFIXES

if TYPE_CHECKING:
    import pyoxigraph as ox

    from kg.mapping import StoreGraphs

__all__ = [
    "ArticleLines",
    "BulkLoader",
    "DEFAULT_LOCATION",
    "ENV_VAR",
    "QueryResult",
    "Store",
    "StoredArticle",
    "EmbeddedStore",
    "article_lines",
    "RemoteStore",
    "default_location",
    "open_store",
]

log = logging.getLogger(__name__)

DEFAULT_LOCATION = DEFAULT_STORE
ENV_VAR = ENV_VARS["store"]

_XSD_STRING = str(XSD.string)
_PREFIXES = {p: PREFIXES[p] for p in ("dip", "id", "nif", "itsrdf", "prov", "rdf", "rdfs", "schema", "skos", "xsd")}
_ARTICLE_HASHES = f"SELECT ?g ?hash WHERE {{ GRAPH ?g {{ ?a a <{DIP.Article}> ; <{DIP.contentHash}> ?hash }} }}"
_STORED_ARTICLES = (
    f"SELECT ?g ?hash ?fingerprint ?source WHERE {{ GRAPH ?g {{ ?a a <{DIP.Article}> ; <{DIP.contentHash}> ?hash ; "
    f"<{DIP.sourceFile}> ?source OPTIONAL {{ ?a <{DIP.buildFingerprint}> ?fingerprint }} }} }}"
)
_VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

Row = tuple[Identifier | None, ...]


@dataclass(frozen=True)
class StoredArticle:
    """What the store says of one article graph: its content hash, the build fingerprint it
    was built with (None for a graph built before fingerprints were recorded) and its source."""

    content_hash: str
    fingerprint: str | None
    source: str


@dataclass(frozen=True)
class QueryResult:
    """The answer to one SPARQL query, in rdflib terms.

    ``kind`` says which field holds it: ``"select"`` → ``variables`` and ``rows`` (``None``
    where a variable is unbound); ``"ask"`` → ``boolean``; ``"graph"`` (CONSTRUCT and
    DESCRIBE) → ``graph``.
    """

    kind: TypingLiteral["select", "ask", "graph"]
    variables: tuple[str, ...] = ()
    rows: list[Row] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None

    def records(self) -> list[dict[str, Identifier | None]]:
        """The SELECT rows as dictionaries keyed by variable name (handy in notebooks)."""
        return [dict(zip(self.variables, row)) for row in self.rows]


@dataclass(frozen=True)
class ArticleLines:
    """One article's graphs as checked N-Triples lines: what :meth:`Store.write_articles` and
    :meth:`EmbeddedStore.load_articles` write. Text pickles small and fast, so extraction
    workers ship this rather than rdflib terms (see :mod:`kg.parallel`).

    ``name`` and ``entity_graph`` are graph IRIs in N-Triples form (``<…>``).
    """

    name: str
    entity_graph: str
    article: tuple[str, ...]
    entity: tuple[str, ...]

    @property
    def quads(self) -> int:
        """How many lines it holds (entity lines count even if already stored)."""
        return len(self.article) + len(self.entity)


def article_lines(graphs: StoreGraphs | ArticleLines) -> ArticleLines:
    """Check and convert one article's graphs (from :func:`kg.mapping.to_store_graphs`).

    Raises
    ------
    StoreError
        A term cannot be stored; the message names the triple.
    """
    if isinstance(graphs, ArticleLines):
        return graphs
    return ArticleLines(
        name=str(_ox_graph_name(graphs.name)),
        entity_graph=str(_ox_graph_name(graphs.entity_graph)),
        article=tuple(_ox_triples(graphs.name, graphs.article)),
        entity=tuple(_ox_triples(graphs.entity_graph, graphs.entity)),
    )


class _Raw(NamedTuple):
    """A backend's answer in pyoxigraph terms, before conversion to rdflib."""

    kind: str
    variables: tuple[str, ...] = ()
    rows: Sequence[tuple[Any, ...]] = ()
    boolean: bool | None = None
    triples: Sequence[Any] = ()


class Store(ABC):
    """A set of named graphs, one per article, queried through the union default graph.

    Use :func:`open_store` to get one, and close it (or use ``with``) so an embedded folder
    is released for other processes.
    """

    location: str

    def __init__(self, location: str) -> None:
        self.location = location
        self._closed = False

    # -- writing -------------------------------------------------------------------------

    def replace_graph(self, graph_iri: URIRef, triples: Iterable[tuple]) -> None:
        """Drop the named graph ``graph_iri`` and fill it with ``triples``, atomically.

        All triples are read and checked before anything is written, so an error in the
        iterator or a term that cannot be stored leaves the previous content untouched.

        Raises
        ------
        StoreError
            A term cannot be stored, or the store refused the write.
        """
        self.replace_graphs({graph_iri: triples})

    def replace_graphs(self, graphs: Mapping[URIRef, Iterable[tuple]]) -> None:
        """Replace several named graphs; one transaction on the embedded store.

        Prefer this to many :meth:`replace_graph` calls when loading many articles into a
        folder: few large transactions keep the store quick to reopen.
        """
        self._check_open()
        converted = {_ox_graph_name(g): _ox_triples(g, triples) for g, triples in graphs.items()}
        if converted:
            self._replace(converted)
            log.debug("replaced %d graph(s) in %s", len(converted), self.location)

    def write_articles(self, articles: Sequence[StoreGraphs | ArticleLines]) -> None:
        """Write each article's graphs (from :func:`kg.mapping.to_store_graphs`, or already
        converted by :func:`article_lines`), atomically.

        An article already in the store is replaced: the shared facts only it stated leave
        the entity graph, its graph is replaced, and its shared facts are merged into the
        entity graph, all in one transaction (one update request on a remote store), so
        readers see the article whole or not at all.

        Raises
        ------
        StoreError
            A term cannot be stored, or the store refused the write; nothing was written.
        """
        self._check_open()
        operations = []
        for graphs in articles:
            lines = article_lines(graphs)
            operations.append(_retract_update(lines.name, lines.entity_graph))
            operations.append(f"DROP SILENT GRAPH {lines.name}")
            if lines.article:
                operations.append(f"INSERT DATA {{ GRAPH {lines.name} {{\n{_ntriples(lines.article)}}} }}")
            if lines.entity:
                operations.append(f"INSERT DATA {{ GRAPH {lines.entity_graph} {{\n{_ntriples(lines.entity)}}} }}")
        if operations:
            self._update(" ;\n".join(operations))
            log.debug("wrote %d article(s) to %s", len(articles), self.location)

    def remove_articles(self, graph_iris: Iterable[URIRef]) -> None:
        """Remove the graphs of these articles, and the shared facts no other article states."""
        self._check_open()
        entity_graph = _ox_graph_name(ENTITY_GRAPH)
        operations = []
        for graph_iri in graph_iris:
            name = _ox_graph_name(graph_iri)
            operations.extend((_retract_update(name, entity_graph), f"DROP SILENT GRAPH {name}"))
        if operations:
            self._update(" ;\n".join(operations))

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update as one transaction (one request on a remote store).

        For callers that change the store by hand (``kg serve --allow-updates``); the build
        writes through :meth:`write_articles`, which keeps the entity graph exact. An update
        that touches article or entity graphs directly can leave that bookkeeping behind.

        Raises
        ------
        StoreError
            The store refused the update (a syntax error included) or is read-only.
        """
        self._check_open()
        self._update(sparql)

    def remove_graph(self, graph_iri: URIRef) -> None:
        """Remove the named graph ``graph_iri`` (nothing happens if it is absent)."""
        self._check_open()
        self._update(f"DROP SILENT GRAPH {_ox_graph_name(graph_iri)}")

    # -- reading -------------------------------------------------------------------------

    def query(self, sparql: str, *, bindings: Mapping[str, Identifier] | None = None,
              inline_values: bool = False) -> QueryResult:
        """Run ``sparql`` over the union default graph, with ``bindings`` bound to variables.

        ``bindings`` maps variable names (without ``?``) to rdflib terms; they are bound as
        terms, never pasted as text, so a value holding quotes or braces stays a value.
        ``inline_values`` binds them, on the embedded store too, as a VALUES block first in
        the WHERE group instead of pyoxigraph substitutions: a hint for queries that pyoxigraph
        plans better that way (a remote store always does so).

        Raises
        ------
        QueryError
            The query is malformed (the message carries the parser's line and column), or a
            binding is not a usable term.
        StoreError
            The store cannot be read.
        """
        self._check_open()
        ox_bindings = {name: _binding_term(name, value) for name, value in (bindings or {}).items()}
        self._check_union()
        return _to_result(self._query(sparql, ox_bindings, inline_values=inline_values))

    def graphs(self) -> list[URIRef]:
        """The IRIs of the named graphs that hold at least one triple, sorted."""
        raw = self._checked_query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(URIRef(row[0].value) for row in raw.rows if row[0] is not None)

    def article_hashes(self) -> dict[str, str]:
        """``{graph IRI: dip:contentHash}`` of the article in each graph, to skip unchanged ones."""
        raw = self._checked_query(_ARTICLE_HASHES)
        return {row[0].value: row[1].value for row in raw.rows if row[0] is not None and row[1] is not None}

    def stored_articles(self) -> dict[str, StoredArticle]:
        """``{graph IRI: StoredArticle}`` for every article graph, read with one query: what a
        build compares to decide what to re-extract, and what ``--prune`` and ``kg remove`` look up."""
        raw = self._checked_query(_STORED_ARTICLES)
        return {
            row[0].value: StoredArticle(row[1].value, row[2].value if row[2] is not None else None, row[3].value)
            for row in raw.rows if row[0] is not None and row[1] is not None and row[3] is not None
        }

    def count_quads(self) -> int:
        """How many quads the named graphs hold (the project writes nothing to the default graph)."""
        raw = self._checked_query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(raw.rows[0][0].value) if raw.rows else 0

    def export(self, stream: BinaryIO, *, format: str) -> None:
        """Write the store to ``stream`` in an RDF format of :mod:`kg.formats`, streamed.

        Formats with named graphs (TriG, N-Quads, JSON-LD) keep every graph: one per article
        and the entity graph. The others (Turtle, N-Triples, RDF/XML) give the union of the
        graphs as plain triples. JSON-LD carries the project's prefixes as its one
        ``@context``.

        Raises
        ------
        StoreError
            ``format`` is not an RDF format, or the store cannot be read.
        """
        from kg.formats import rdf_format
        import pyoxigraph as ox

        self._check_open()
        try:
            fmt = rdf_format(format)
        except ConfigError as e:
            raise StoreError(f"unknown export format {format!r}: {e}") from e
        prefixes = _PREFIXES if fmt.name in ("turtle", "trig", "rdfxml") else None
        if fmt.name == "jsonld":
            stream.write(b'{"@context": ' + json.dumps(_PREFIXES, sort_keys=True).encode() + b', "@graph": ')
        try:
            if fmt.datasets:
                self._dump(stream, fmt.ox)
            else:
                ox.serialize((quad.triple for quad in self._quads()), stream, fmt.ox, prefixes=prefixes)
        except OSError as e:
            raise StoreError(f"cannot export the store {self.location}: {e}") from e
        if fmt.name == "jsonld":
            stream.write(b"}\n")

    def _dump(self, stream: BinaryIO, rdf_format: Any) -> None:
        """Write every quad in ``rdf_format`` (one that keeps named graphs)."""
        import pyoxigraph as ox

        prefixes = _PREFIXES if rdf_format == ox.RdfFormat.TRIG else None
        ox.serialize(self._quads(), stream, rdf_format, prefixes=prefixes)

    def to_rdflib(self) -> Dataset:
        """All quads as an rdflib ``Dataset`` (``default_union=True``, like the store's queries)."""
        import pyoxigraph as ox

        self._check_open()
        dataset = Dataset(default_union=True)
        for quad in self._quads():
            graph = dataset.default_graph if isinstance(quad.graph_name, ox.DefaultGraph) else dataset.graph(
                _from_ox(quad.graph_name)
            )
            graph.add((_from_ox(quad.subject), _from_ox(quad.predicate), _from_ox(quad.object)))
        return dataset

    # -- life cycle ----------------------------------------------------------------------

    def close(self) -> None:
        """Release the store (an embedded folder can then be opened by another process)."""
        self._closed = True

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.location!r})"

    # -- what each backend provides ------------------------------------------------------

    @abstractmethod
    def _query(self, sparql: str, bindings: Mapping[str, Any], *, inline_values: bool = False) -> _Raw:
        """Run a query over the union default graph; raise QueryError or StoreError."""

    @abstractmethod
    def _update(self, sparql: str) -> None:
        """Run a SPARQL update as one transaction; raise StoreError."""

    @abstractmethod
    def _replace(self, graphs: Mapping[Any, list[Any]]) -> None:
        """Replace each named graph (pyoxigraph NamedNode → list of pyoxigraph Triple)."""

    def _quads(self) -> Iterator[Any]:
        import pyoxigraph as ox

        raw = self._checked_query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return (ox.Quad(s, p, o, g) for s, p, o, g in raw.rows)

    def _check_union(self) -> None:
        """Make sure a query outside GRAPH sees every named graph (a remote server may not)."""

    def _checked_query(self, sparql: str) -> _Raw:
        self._check_open()
        return self._query(sparql, {})

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"the store {self.location} is closed: open it again with kg.store.open_store")


class EmbeddedStore(Store):
    """A pyoxigraph store in a folder (persistent) or in memory (``path=None``).

    ``read_only=True`` opens a folder for reading beside a process that writes to it.
    """

    def __init__(self, path: Path | None = None, *, read_only: bool = False) -> None:
        import pyoxigraph as ox

        super().__init__("memory" if path is None else str(path))
        self.path = path
        self.read_only = read_only and path is not None
        self._store: ox.Store | None = (ox.Store() if path is None
                                        else _open_folder(path, read_only=self.read_only))

    def close(self) -> None:
        if self._store is not None and self.path is not None and not self.read_only:
            with contextlib.suppress(OSError):
                self._store.flush()
        self._store = None  # dropping the last reference releases the folder lock
        super().close()

    @property
    def _ox(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"the store {self.location} is closed: open it again with kg.store.open_store")
        return self._store

    def _query(self, sparql: str, bindings: Mapping[str, Any], *, inline_values: bool = False) -> _Raw:
        import pyoxigraph as ox

        text = inject_values(sparql, bindings) if bindings and inline_values else sparql
        substitutions = None if inline_values else {ox.Variable(name): term for name, term in bindings.items()}
        try:
            answer = self._ox.query(text, use_default_graph_as_union=True, prefixes=dict(PREFIXES),
                                    substitutions=substitutions or None)
            return _raw_from_ox(answer)
        except SyntaxError as e:
            raise QueryError(f"malformed SPARQL query: {e}") from e
        except OSError as e:
            raise StoreError(f"cannot read the store {self.location}: {e}") from e
        except RuntimeError as e:
            if not bindings:
                raise StoreError(f"the store {self.location} failed to run the query: {e}") from e
            names = ", ".join(f"?{name}" for name in bindings)
            raise QueryError(
                f"cannot bind {names}: {e}. pyoxigraph binds only variables of the SELECT clause: "
                "add them to it (and to GROUP BY when the query aggregates)"
            ) from e

    def load_articles(self, articles: Sequence[StoreGraphs | ArticleLines]) -> None:
        """Load articles that are not in the store yet with pyoxigraph's bulk loader, in one go
        (see :meth:`bulk_loader`, which a large build feeds as it goes)."""
        with self.bulk_loader() as loader:
            for graphs in articles:
                loader.add(graphs)

    def bulk_loader(self) -> BulkLoader:
        """Start one pyoxigraph bulk load that takes articles until closed (use ``with``).

        Several times faster than :meth:`write_articles`, and the folder ends the size of a
        bulk load of the same N-Quads, because the whole build is one load (many small loads
        leave a larger folder). There is no transaction: an interrupted load can leave part of
        what was given, and nothing is retracted, so an article already in the store must go
        through :meth:`write_articles`. A shared fact stated by several articles is loaded
        once (the store keeps a set of quads, so one already stored is not doubled).

        Raises
        ------
        StoreError
            The store is open for reading only.
        """
        if self.read_only:
            raise StoreError(f"the store {self.location} is open for reading only: open it without read_only "
                             "to write (one process at a time)")
        return BulkLoader(self)

    def optimize(self) -> None:
        """Compact the folder (pyoxigraph ``optimize``): smaller and quicker to reopen after
        many transactions. Not free after a bulk load: on one of 10 M quads (86 SST files) it
        took 58 s and a 2.1 GB folder grew to 3.2 GB, but the named queries ran 2-7x faster
        (README, "Named queries at 10 million quads")."""
        if self.read_only or self.path is None:
            return
        try:
            self._ox.optimize()
        except OSError as e:
            raise StoreError(f"cannot compact the store {self.location}: {e}") from e

    def _update(self, sparql: str) -> None:
        if self.read_only:
            raise StoreError(f"the store {self.location} is open for reading only: open it without read_only "
                             "to write (one process at a time)")
        try:
            self._ox.update(sparql)
        except (SyntaxError, OSError, ValueError) as e:
            raise StoreError(f"the store {self.location} refused the update: {e}") from e

    def _replace(self, graphs: Mapping[Any, list[Any]]) -> None:
        # One SPARQL update is one pyoxigraph transaction: every DROP and INSERT lands together.
        self._update(_replace_update(graphs))

    def _quads(self) -> Iterator[Any]:
        import pyoxigraph as ox

        return (q for q in self._ox.quads_for_pattern(None, None, None, None)
                if not isinstance(q.graph_name, ox.DefaultGraph))

    def _dump(self, stream: BinaryIO, rdf_format: Any) -> None:
        import pyoxigraph as ox

        prefixes = _PREFIXES if rdf_format == ox.RdfFormat.TRIG else None
        self._ox.dump(stream, rdf_format, prefixes=prefixes)


class BulkLoader:
    """One bulk load into an :class:`EmbeddedStore`, fed article by article.

    pyoxigraph's loader runs in a thread and reads N-Quads from a bounded queue that
    :meth:`add` fills, so the build's memory holds a few megabytes of text, not the corpus.
    """

    _CHUNK_CHARS = 1 << 20  # text handed to the loader at a time
    _QUEUED = 8  # chunks waiting at most: what the writer may run ahead of the loader
    _SEEN = 500_000  # shared lines remembered to skip repeats; past that, forgotten (the store dedupes)

    def __init__(self, store: EmbeddedStore) -> None:
        import queue
        import threading

        self.location = store.location
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=self._QUEUED)
        self._parts: list[str] = []
        self._chars = 0
        self._seen: set[str] = set()
        self._error: BaseException | None = None
        self._closed = False
        self.quads = 0
        self._thread = threading.Thread(target=self._load, args=(store._ox,), name="kg-bulk-load", daemon=True)
        self._thread.start()

    def add(self, graphs: StoreGraphs | ArticleLines) -> None:
        """Queue one new article's graphs for loading.

        Raises
        ------
        StoreError
            A term cannot be stored (nothing of this article is queued), or the load failed.
        """
        lines = article_lines(graphs)
        if len(self._seen) > self._SEEN:
            self._seen.clear()
        fresh = [line for line in lines.entity if line not in self._seen]
        self._seen.update(fresh)
        # " .\n" ends each N-Triples line and nothing else (a literal's line break is escaped):
        # one replacement over the joined text names the graph of every line
        for graph, group in ((lines.name, lines.article), (lines.entity_graph, fresh)):
            text = "".join(group).replace(" .\n", f" {graph} .\n")
            self._parts.append(text)
            self._chars += len(text)
        self.quads += len(lines.article) + len(fresh)
        if self._chars >= self._CHUNK_CHARS:
            self._flush()

    def close(self) -> None:
        """Load what is left and wait for the loader to finish.

        Raises
        ------
        StoreError
            The store refused the load.
        """
        if self._closed:
            return
        self._closed = True
        try:
            self._flush()
        finally:
            self._put(None)
            self._thread.join()
        if self._error is not None:
            raise StoreError(f"the store {self.location} refused the bulk load: {self._error}") from self._error

    def __enter__(self) -> BulkLoader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _flush(self) -> None:
        if self._parts:
            chunk = "".join(self._parts).encode("utf-8")
            self._parts, self._chars = [], 0
            self._put(chunk)

    def _put(self, chunk: bytes | None) -> None:
        import queue

        while True:
            if self._error is not None or not self._thread.is_alive():
                if chunk is None:
                    return
                raise StoreError(f"the store {self.location} refused the bulk load: {self._error}") from self._error
            try:
                self._queue.put(chunk, timeout=0.2)
                return
            except queue.Full:
                continue

    def _load(self, target: Any) -> None:
        import pyoxigraph as ox

        try:
            target.bulk_load(input=_io.BufferedReader(_QueueReader(self._queue), 1 << 20), format=ox.RdfFormat.N_QUADS)
        except BaseException as e:  # handed to the writer's thread, which raises it as a StoreError
            self._error = e
            with contextlib.suppress(Exception):
                while self._queue.get_nowait() is not None:
                    pass


class _QueueReader(_io.RawIOBase):
    """A binary stream over the chunks of a queue, ended by ``None``: what pyoxigraph reads."""

    def __init__(self, chunks: Any) -> None:
        self._chunks = chunks
        self._chunk = b""
        self._pos = 0
        self._ended = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while self._pos >= len(self._chunk):
            if self._ended:
                return 0
            chunk = self._chunks.get()
            if chunk is None:
                self._ended = True
                return 0
            self._chunk, self._pos = chunk, 0
        n = min(len(buffer), len(self._chunk) - self._pos)
        buffer[:n] = self._chunk[self._pos:self._pos + n]
        self._pos += n
        return n


_STAGING = "urn:diplokg:staging:"
# What graphs(), count_quads() and exports leave out: staging graphs, and the graphs a server
# keeps for itself (Virtuoso: its RDF views, LDP terms, its WebDAV folder http://HOST/DAV/ and
# the service description, which it names after its endpoint, http://HOST/sparql).
_OWN_GRAPHS = (
    f'FILTER(!STRSTARTS(STR(?g), "{_STAGING}") && !STRENDS(STR(?g), "/sparql") && !STRENDS(STR(?g), "/DAV/") '
    '&& STR(?g) NOT IN '
    '("http://www.openlinksw.com/schemas/virtrdf#", "http://www.w3.org/ns/ldp#"))'
)
_TRANSIENT_STATUS = frozenset({500, 502, 503, 504})


class _Transient(Exception):
    """A failure worth another try: the connection dropped, or the server answered 5xx."""


class RemoteStore(Store):
    """A SPARQL 1.1 endpoint reached over HTTP.

    ``query_url`` answers queries and ``update_url`` takes updates, both sent as HTML-form
    POSTs (``query=`` / ``update=``, SPARQL 1.1 Protocol): every server takes that form, while
    Virtuoso 7.2 never answers a POST with a bare ``application/sparql-query`` body. Without
    ``update_url`` the store is read-only. ``store_url``, if given, is the Graph Store
    Protocol endpoint that :meth:`replace_graphs` uses (one ``PUT`` per graph). The endpoint
    must query the union of all graphs by default (see the module docstring).

    **Batches.** No update request carries more than ``batch_triples`` triples: Virtuoso's
    SPARQL compiler runs out of memory on one ``INSERT DATA`` of about 5,000 triples
    (measured: 4,000 pass, 5,000 fail), and 1,000 keeps every request small on any server.
    Articles that fit share requests (one request may carry several whole articles). An
    article that does not fit is *staged*: its triples go in batches into two staging graphs
    (``urn:diplokg:staging:…``), and one small swap request then retracts the shared facts
    only its old version stated, replaces its graph with the staged one, merges its shared
    facts into the entity graph and drops the staging graphs.

    Why staging rather than, say, several requests that each add part of the article graph:
    the article graph only changes in the swap, so a failure while batches are sent (after
    the retries) leaves the previous version of the article as it was; and the staged graph
    lacks the ``a dip:Article`` triple (the swap adds it), so until the swap no query or
    build takes it for an article. Every step of the swap is guarded by "the staging graph
    still holds triples" and the staging graph is dropped last, so repeating a swap whose
    answer was lost (a connection reset after the server committed) changes nothing. A
    request is one transaction on Oxigraph; Virtuoso keeps the operations of a failed request
    that ran before the failing one (measured), so a small swap is the least it can be
    exposed to. While batches are sent, the staged triples (but not the article itself) are
    visible in the union default graph; an abandoned staging graph is dropped by the next
    write of that article.

    **Retries.** A dropped connection or an HTTP 5xx answer is tried again ``retries`` times,
    waiting ``backoff`` seconds and twice as long each time; after that a StoreError says
    what failed and how often. Every write the build sends is safe to repeat. A timeout is
    not retried (the server may still be working), nor a refused connection (no server
    listens there: the error says so at once).
    """

    def __init__(
        self,
        query_url: str,
        *,
        update_url: str | None = None,
        store_url: str | None = None,
        timeout: float = 60.0,
        location: str | None = None,
        batch_triples: int = 1000,
        retries: int = 3,
        backoff: float = 0.5,
    ) -> None:
        super().__init__(location or query_url)
        if batch_triples < 1 or retries < 0 or backoff < 0:
            raise ConfigError(f"a remote store needs batch_triples >= 1, retries >= 0 and backoff >= 0, not "
                              f"{batch_triples}, {retries} and {backoff}")
        self.query_url = query_url
        self.update_url = update_url
        self.store_url = store_url
        self.timeout = timeout
        self.batch_triples = batch_triples
        self.retries = retries
        self.backoff = backoff
        self._union_checked = False
        self._server = ""  # the Server header of the last answer, for dialect differences

    @classmethod
    def from_url(cls, url: str, **options: Any) -> RemoteStore:
        """The store behind ``url``: a URL whose path ends in ``/sparql`` is one endpoint for
        queries and updates (Virtuoso: ``http://HOST:8890/sparql``); any other is the base of an
        ``oxigraph serve`` server (``URL/query``, ``URL/update``, ``URL/store``; a trailing
        ``/query`` is taken off). ``options`` go to the constructor."""
        base = url.rstrip("/")
        if base.endswith("/sparql"):
            return cls(base, update_url=base, location=base, **options)
        base = base.removesuffix("/query")
        return cls(f"{base}/query", update_url=f"{base}/update", store_url=f"{base}/store", location=base,
                   **options)

    # -- writing -------------------------------------------------------------------------

    def write_articles(self, articles: Sequence[StoreGraphs | ArticleLines]) -> None:
        """Write each article whole, in requests of at most ``batch_triples`` triples (see the
        class docstring); every term is checked before anything is sent.

        Raises
        ------
        StoreError
            A term cannot be stored, or the server failed after the retries: the articles
            before the failing one are written, it and the ones after keep their old version.
        """
        self._check_open()
        planned = []
        for graphs in articles:
            converted = article_lines(graphs)
            planned.append((_named_node(converted.name[1:-1]), _named_node(converted.entity_graph[1:-1]),
                            list(converted.article), list(converted.entity)))
        batch: list[str] = []
        size = 0
        for name, entity_graph, own_lines, entity_lines in planned:
            lines = len(own_lines) + len(entity_lines)
            if batch and size + lines > self.batch_triples:
                self._update(" ;\n".join(batch))
                batch, size = [], 0
            if lines > self.batch_triples:
                self._write_staged(name, entity_graph, own_lines, entity_lines)
                continue
            batch.extend(_article_operations(name, entity_graph, own_lines, entity_lines))
            size += lines
        if batch:
            self._update(" ;\n".join(batch))
        if planned:
            log.debug("wrote %d article(s) to %s", len(planned), self.location)

    def _write_staged(self, name: Any, entity_graph: Any, article_lines: list[str], entity_lines: list[str]) -> None:
        """One article too big for a request: staging graphs filled in batches, then one swap."""
        import pyoxigraph as ox

        key = hashlib.sha256(name.value.encode("utf-8")).hexdigest()[:32]
        staging, staging_entity = ox.NamedNode(f"{_STAGING}{key}"), ox.NamedNode(f"{_STAGING}{key}-entity")
        markers = [line for line in article_lines if line.endswith(_ARTICLE_TYPE)]
        staged = [line for line in article_lines if not line.endswith(_ARTICLE_TYPE)] or markers
        try:
            self._update(f"DROP SILENT GRAPH {staging} ;\nDROP SILENT GRAPH {staging_entity}")
            for graph, lines in ((staging, staged), (staging_entity, entity_lines)):
                for start in range(0, len(lines), self.batch_triples):
                    chunk = lines[start:start + self.batch_triples]
                    self._update(f"INSERT DATA {{ GRAPH {graph} {{\n{_ntriples(chunk)}}} }}")
            self._update(_swap_update(name, entity_graph, staging, staging_entity, markers))
        except StoreError as e:
            with contextlib.suppress(StoreError):
                self._update(f"DROP SILENT GRAPH {staging_entity} ;\nDROP SILENT GRAPH {staging}", attempts=1)
            raise StoreError(f"the article graph {name.value} was not written to {self.location}, which keeps its "
                             f"previous version: {e}") from e

    def _replace(self, graphs: Mapping[Any, list[Any]]) -> None:
        if self.store_url is None:
            for name, triples in graphs.items():
                if len(triples) > self.batch_triples:
                    self._write_staged(name, None, triples, [])
                else:
                    self._update(_replace_update({name: triples}))
            return
        for name, triples in graphs.items():
            url = f"{self.store_url}?{urllib.parse.urlencode({'graph': name.value})}"
            if triples:
                headers = {"Content-Type": "application/n-triples; charset=utf-8"}
                self._http("PUT", url, body=_ntriples(triples).encode("utf-8"), headers=headers)
            else:
                self._update(f"DROP SILENT GRAPH {name}")

    def _update(self, sparql: str, *, attempts: int | None = None) -> None:
        if self.update_url is None:
            raise StoreError(f"the endpoint {self.query_url} is read-only here: pass update_url to write to it")
        body = urllib.parse.urlencode({"update": sparql}).encode("ascii")
        self._http("POST", self.update_url, body=body, headers=_FORM, attempts=attempts)

    # -- reading -------------------------------------------------------------------------

    def _query(self, sparql: str, bindings: Mapping[str, Any], *, inline_values: bool = False) -> _Raw:
        import pyoxigraph as ox

        text = declare_prefixes(sparql, PREFIXES)
        text = inject_values(text, bindings) if bindings else text
        headers = {**_FORM,
                   "Accept": "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"}
        body = urllib.parse.urlencode({"query": text}).encode("ascii")
        content_type, answer = self._http("POST", self.query_url, body=body, headers=headers)
        results_format = ox.QueryResultsFormat.from_media_type(content_type)
        try:
            if results_format is not None:
                raw = _raw_from_ox(ox.parse_query_results(answer, format=results_format))
                return _unbind_blanks(raw) if "virtuoso" in self._server else raw
            rdf_format = ox.RdfFormat.from_media_type(content_type)
            if rdf_format is None:
                raise StoreError(f"{self.query_url} answered with unexpected content type {content_type!r}")
            return _Raw("graph", triples=[q.triple for q in ox.parse(answer, format=rdf_format)])
        except SyntaxError as e:
            raise StoreError(f"cannot read the answer of {self.query_url} ({content_type}): {e}") from e

    def _check_union(self) -> None:
        """A server that answers over its own default graph (``oxigraph serve`` without
        ``--union-default-graph``) would give every named query no rows: say so instead."""
        if self._union_checked:
            return
        named = self._query("ASK { GRAPH ?g { ?s ?p ?o } }", {}).boolean
        if named and not self._query("ASK { ?s ?p ?o }", {}).boolean:
            raise StoreError(
                f"the SPARQL endpoint {self.query_url} answers queries over its default graph only, which is "
                "empty, not over the union of the article graphs: start it so that the default graph is that "
                "union (oxigraph serve --union-default-graph; Fuseki: unionDefaultGraph true)"
            )
        self._union_checked = True

    def graphs(self) -> list[URIRef]:
        raw = self._checked_query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_OWN_GRAPHS} }}")
        return sorted(URIRef(row[0].value) for row in raw.rows if row[0] is not None)

    def count_quads(self) -> int:
        raw = self._checked_query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_OWN_GRAPHS} }}")
        return int(raw.rows[0][0].value) if raw.rows else 0

    def _quads(self) -> Iterator[Any]:
        import pyoxigraph as ox

        raw = self._checked_query(f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_OWN_GRAPHS} }}")
        return (ox.Quad(s, p, o, g) for s, p, o, g in raw.rows)

    # -- HTTP ----------------------------------------------------------------------------

    def _http(self, method: str, url: str, *, body: bytes | None, headers: Mapping[str, str],
              attempts: int | None = None) -> tuple[str, bytes]:
        """Send one request, again on a transient failure (see the class docstring); give
        (content type, body) or raise a kg error naming the URL."""
        attempts = self.retries + 1 if attempts is None else attempts
        attempt = 1
        while True:
            try:
                return self._http_once(method, url, body=body, headers=headers)
            except _Transient as e:
                if attempt < attempts:
                    delay = self.backoff * 2 ** (attempt - 1)
                    log.info("%s %s failed (%s); trying again in %.1f s", method, url, e, delay)
                    time.sleep(delay)
                    attempt += 1
                    continue
                tries = f"after {attempts} attempts" if attempts > 1 else "(no retry)"
                raise StoreError(f"{method} {url} failed {tries}: {e}") from e

    def _http_once(self, method: str, url: str, *, body: bytes | None,
                   headers: Mapping[str, str]) -> tuple[str, bytes]:
        request = urllib.request.Request(url, data=body, method=method, headers=dict(headers))
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                self._server = response.headers.get("Server", "").lower()
                cut_at = response.headers.get("X-SPARQL-MaxRows")
                if cut_at is not None:
                    raise StoreError(
                        f"the endpoint {url} cut its answer at {cut_at} rows (Virtuoso's ResultSetMaxRows): raise "
                        "ResultSetMaxRows in the [SPARQL] section of its virtuoso.ini above the number of quads "
                        "and restart it, rather than read part of the store"
                    )
                return response.headers.get_content_type(), response.read()
        except urllib.error.HTTPError as e:
            detail = e.read().decode("utf-8", "replace").strip()[:500]
            if e.code in _TRANSIENT_STATUS and not _refused_by_virtuoso(detail):
                raise _Transient(f"HTTP {e.code} {e.reason}: {detail}") from e
            if e.code == 400 and url == self.query_url:
                raise QueryError(f"malformed SPARQL query (the endpoint {url} says): {detail}") from e
            hint = ""
            if "SECURITY" in detail and "permission" in detail:
                hint = ("\nOn Virtuoso, let its anonymous SPARQL user update, once, with its isql client: "
                        "GRANT SPARQL_UPDATE TO \"SPARQL\";")
            raise StoreError(f"{method} {url} failed with HTTP {e.code} {e.reason}: {detail}{hint}") from e
        except urllib.error.URLError as e:
            if isinstance(e.reason, TimeoutError):
                raise StoreError(f"{method} {url} failed: {e.reason} (timeout {self.timeout} s)") from e
            if isinstance(e.reason, (ConnectionRefusedError, socket.gaierror)):  # no server there: say so now
                raise StoreError(
                    f"cannot reach the SPARQL endpoint {url}: {e.reason}. Is the server running? Start one with "
                    "'oxigraph serve --location DIR --union-default-graph', or check the URL."
                ) from e
            raise _Transient(str(e.reason)) from e
        except TimeoutError as e:
            raise StoreError(f"{method} {url} failed: {e} (timeout {self.timeout} s)") from e
        except (ConnectionError, http.client.HTTPException) as e:
            raise _Transient(f"the connection failed: {e!r}") from e
        except OSError as e:
            raise StoreError(f"{method} {url} failed: {e}") from e


_VIRTUOSO_ERROR = re.compile(r"Virtuoso (\w{5}) Error")


def _refused_by_virtuoso(detail: str) -> bool:
    """Virtuoso answers 500 to a query or update it rejects too (an unsupported form, a
    compiler limit): that is no transient failure, unless its SQL state says deadlock or
    connection (classes 40 and 08)."""
    state = _VIRTUOSO_ERROR.search(detail)
    return state is not None and not state.group(1).startswith(("40", "08"))


def _unbind_blanks(raw: _Raw) -> _Raw:
    """Virtuoso answers an aggregate over no values (GROUP_CONCAT of nothing) with "" where
    Oxigraph leaves the variable unbound; the project stores no empty literal, so an empty
    plain literal from Virtuoso is read as unbound and both servers give the same rows."""
    import pyoxigraph as ox

    blank = ox.Literal("")
    return raw._replace(rows=[tuple(None if term == blank else term for term in row) for row in raw.rows])


_FORM = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
_ARTICLE_TYPE = f" <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{DIP.Article}> .\n"


def _article_operations(name: Any, entity_graph: Any, article_lines: list[str], entity_lines: list[str]) -> list[str]:
    """The operations that write one article (as :meth:`Store.write_articles` does)."""
    operations = [_retract_update(name, entity_graph), f"DROP SILENT GRAPH {name}"]
    if article_lines:
        operations.append(f"INSERT DATA {{ GRAPH {name} {{\n{_ntriples(article_lines)}}} }}")
    if entity_lines:
        operations.append(f"INSERT DATA {{ GRAPH {entity_graph} {{\n{_ntriples(entity_lines)}}} }}")
    return operations


def _swap_update(name: Any, entity_graph: Any | None, staging: Any, staging_entity: Any, markers: list[str]) -> str:
    """The request that puts a staged article in place; a no-op once the staging graph is gone."""
    guard = f"FILTER EXISTS {{ GRAPH {staging} {{ ?staged_s ?staged_p ?staged_o }} }}"
    operations = []
    if entity_graph is not None:
        operations.append(
            f"DELETE {{ GRAPH {entity_graph} {{ ?s ?p ?o . ?fact <{_RDF}subject> ?s ; <{_RDF}predicate> ?p ; "
            f"<{_RDF}object> ?o }} }}\n"
            f"WHERE {{ GRAPH {name} {{ ?article <{DIP.statesFact}> ?fact }}\n"
            f"  FILTER NOT EXISTS {{ GRAPH ?other {{ ?someone <{DIP.statesFact}> ?fact }} FILTER(?other != {name}) }}\n"
            f"  GRAPH {entity_graph} {{ ?fact <{_RDF}subject> ?s ; <{_RDF}predicate> ?p ; <{_RDF}object> ?o }}\n"
            f"  {guard} }}"
        )
    operations.append(f"DELETE {{ GRAPH {name} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {name} {{ ?s ?p ?o }} {guard} }}")
    operations.append(f"INSERT {{ GRAPH {name} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {staging} {{ ?s ?p ?o }} }}")
    if markers:
        operations.append(f"INSERT {{ GRAPH {name} {{\n{_ntriples(markers)}}} }} WHERE {{ {guard} }}")
    if entity_graph is not None:
        operations.append(
            f"INSERT {{ GRAPH {entity_graph} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {staging_entity} {{ ?s ?p ?o }} }}")
    operations += [f"DROP SILENT GRAPH {staging_entity}", f"DROP SILENT GRAPH {staging}"]
    return " ;\n".join(operations)


def default_location() -> str:
    """The store to use when none is given: ``$KG_STORE`` if set, else ``.kg/store``."""
    return os.environ.get(ENV_VAR) or DEFAULT_LOCATION


def open_store(
    location: str | os.PathLike[str] | None = None,
    *,
    update_url: str | None = None,
    store_url: str | None = None,
    timeout: float = 60.0,
    read_only: bool = False,
) -> Store:
    """Open the store at ``location``.

    Parameters
    ----------
    location
        A folder (an embedded store, created if missing); ``"memory"``; or an ``http(s)``
        URL. A URL ending in ``/sparql`` is one endpoint for queries and updates (Virtuoso:
        ``http://HOST:8890/sparql``). Any other bare URL is taken as the base of an
        ``oxigraph serve`` server, whose endpoints are ``URL/query``, ``URL/update`` and
        ``URL/store`` (see :meth:`RemoteStore.from_url`). For another server,
        pass its query endpoint as ``location`` together with ``update_url`` (and
        ``store_url`` for the Graph Store Protocol, if it has one). A base URL ending in
        ``/query`` is taken as that endpoint's server. ``None`` means :func:`default_location`.
    timeout
        Seconds to wait for each HTTP request of a remote store.
    read_only
        Open a store folder for reading only: it must exist, and it may be open in another
        process that writes to it (a running ``kg build``); queries see what that process has
        committed. Writing through a read-only store raises StoreError.

    Raises
    ------
    StoreError
        The folder is not a store, is locked by another process, or cannot be created.

    Examples
    --------
    >>> with open_store("memory") as store:
    ...     store.count_quads()
    0
    """
    where = os.fspath(location) if location is not None else default_location()
    if where.startswith(("http://", "https://")):
        if update_url is not None or store_url is not None:
            return RemoteStore(where, update_url=update_url, store_url=store_url, timeout=timeout)
        return RemoteStore.from_url(where, timeout=timeout)
    if where == "memory":
        return EmbeddedStore(None)
    return EmbeddedStore(Path(where).expanduser(), read_only=read_only)


# -- helpers ---------------------------------------------------------------------------------


def _open_folder(path: Path, *, read_only: bool = False) -> ox.Store:
    """Open (or create) a store folder, refusing folders that hold something else."""
    import pyoxigraph as ox

    if read_only:
        if not (path / "CURRENT").is_file():
            raise StoreError(f"no store at {path}: run 'kg build PATH --store {path}' first")
        try:
            return ox.Store.read_only(str(path))
        except OSError as e:
            raise StoreError(f"cannot open the store folder {path} for reading: {e}") from e

    if path.exists() and not path.is_dir():
        raise StoreError(f"{path} is a file, not a store folder: pass a folder path (it is created if missing)")
    if path.is_dir() and any(path.iterdir()) and not (path / "CURRENT").is_file():
        raise StoreError(
            f"{path} exists and is not an oxigraph store (it has files but no CURRENT file): "
            "pass an empty or new folder, or 'memory'"
        )
    try:
        path.mkdir(parents=True, exist_ok=True)
        store = ox.Store(str(path))
    except OSError as e:
        if "lock" in str(e).lower():
            raise StoreError(
                f"the store folder {path} is being written by another process (one writer at a time): wait "
                "for that kg build or notebook to finish, or stop it; commands that only read (kg query, info, "
                "export, validate, viz) can run meanwhile"
            ) from e
        raise StoreError(f"cannot open the store folder {path}: {e}") from e
    log.debug("opened store folder %s", path)
    return store


def _to_ox(term: Any) -> Any:
    """An rdflib term as a pyoxigraph term; ValueError if it cannot be one."""
    if isinstance(term, URIRef):
        return _named_node(str(term))
    import pyoxigraph as ox

    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=_named_node(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise ValueError(f"{term!r} is not an rdflib URIRef, BNode or Literal")


@functools.lru_cache(maxsize=65536)
def _named_node(iri: str) -> Any:
    """IRIs repeat across the triples of a build (predicates, classes, entities): convert once."""
    import pyoxigraph as ox

    return ox.NamedNode(iri)


def _from_ox(term: Any) -> Identifier:
    """A pyoxigraph term as an rdflib term (xsd:string literals become plain literals)."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    raise StoreError(f"cannot represent {term!r} as an rdflib term (RDF-star triples are not supported)")


def _ox_graph_name(graph_iri: Any) -> Any:
    if not isinstance(graph_iri, URIRef):
        raise StoreError(f"a graph name must be an rdflib URIRef, not {graph_iri!r}")
    try:
        return _to_ox(graph_iri)
    except ValueError as e:
        raise StoreError(f"invalid graph IRI {str(graph_iri)!r}: {e}") from e


def _ox_triples(graph_iri: URIRef, triples: Iterable[tuple]) -> list[str]:
    """Every triple as an N-Triples line, checked before anything is written; errors of the
    iterator pass through."""
    lines = []
    for number, triple in enumerate(triples, start=1):
        try:
            s, p, o = triple
            lines.append(f"{_nt(s)} {_nt(p)} {_nt(o)} .\n")
        except (ValueError, TypeError) as e:
            raise StoreError(
                f"triple {number} for graph {graph_iri} cannot be stored ({e}): {triple!r}; nothing was written"
            ) from e
    return lines


_LITERAL_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_LANGUAGE_TAG = re.compile(r"[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*")


def _nt(term: Any) -> str:
    """An rdflib term in N-Triples; ValueError if it cannot be stored. IRIs are checked by
    pyoxigraph (once each, cached); literals are escaped here, without making a pyoxigraph
    term for each (a build writes hundreds of thousands)."""
    if isinstance(term, URIRef):
        return f"<{_named_node(str(term)).value}>"
    if isinstance(term, Literal):
        body = '"' + str(term).translate(_LITERAL_ESCAPES) + '"'
        if term.language:
            if not _LANGUAGE_TAG.fullmatch(term.language):
                raise ValueError(f"{term.language!r} is not a language tag")
            return f"{body}@{term.language}"
        if term.datatype is not None:
            return f"{body}^^<{_named_node(str(term.datatype)).value}>"
        return body
    if isinstance(term, BNode):
        import pyoxigraph as ox

        return str(ox.BlankNode(str(term)))
    raise ValueError(f"{term!r} is not an rdflib URIRef, BNode or Literal")


def _ntriples(lines: Iterable[str]) -> str:
    """N-Triples text of lines made by :func:`_ox_triples`."""
    return "".join(lines)


def _replace_update(graphs: Mapping[Any, list[Any]]) -> str:
    """One SPARQL update that drops each graph and inserts its new triples."""
    operations = []
    for name, triples in graphs.items():
        operations.append(f"DROP SILENT GRAPH {name}")
        if triples:
            operations.append(f"INSERT DATA {{ GRAPH {name} {{\n{_ntriples(triples)}}} }}")
    return " ;\n".join(operations)


_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def _retract_update(name: Any, entity_graph: Any) -> str:
    """The update that takes out of ``entity_graph`` the facts that the article in graph
    ``name`` states and no other graph does (before that article's graph is replaced)."""
    return (
        f"DELETE {{ GRAPH {entity_graph} {{ ?s ?p ?o . ?fact <{_RDF}subject> ?s ; <{_RDF}predicate> ?p ; "
        f"<{_RDF}object> ?o }} }}\n"
        f"WHERE {{ GRAPH {name} {{ ?article <{DIP.statesFact}> ?fact }}\n"
        f"  FILTER NOT EXISTS {{ GRAPH ?other {{ ?someone <{DIP.statesFact}> ?fact }} FILTER(?other != {name}) }}\n"
        f"  GRAPH {entity_graph} {{ ?fact <{_RDF}subject> ?s ; <{_RDF}predicate> ?p ; <{_RDF}object> ?o }} }}"
    )


def _binding_term(name: str, value: Any) -> Any:
    if not _VARNAME.fullmatch(name):
        raise QueryError(f"cannot bind {name!r}: a variable name is letters, digits and _ (without '?')")
    try:
        return _to_ox(value)
    except ValueError as e:
        raise QueryError(f"cannot bind ?{name} to {value!r}: {e}") from e


def _raw_from_ox(answer: Any) -> _Raw:
    import pyoxigraph as ox

    if isinstance(answer, ox.QueryBoolean):
        return _Raw("ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = tuple(v.value for v in answer.variables)
        rows = [tuple(solution[v] for v in variables) for solution in answer]
        return _Raw("select", variables=variables, rows=rows)
    return _Raw("graph", triples=list(answer))


def _to_result(raw: _Raw) -> QueryResult:
    if raw.kind == "ask":
        return QueryResult("ask", boolean=raw.boolean)
    if raw.kind == "graph":
        graph = Graph()
        for t in raw.triples:
            graph.add((_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)))
        return QueryResult("graph", graph=graph)
    rows = [tuple(None if term is None else _from_ox(term) for term in row) for row in raw.rows]
    return QueryResult("select", variables=raw.variables, rows=rows)
