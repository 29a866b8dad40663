"""The serving stage: the store over HTTP — a SPARQL 1.1 Protocol endpoint, the views, a query page.

Takes an open :class:`kg.store.Store` (a folder opened read-only by default, so a ``kg build``
may write to it meanwhile) and gives a ``ThreadingHTTPServer`` from the standard library:

* ``GET /sparql?query=…`` and ``POST /sparql`` (an ``application/sparql-query`` body, or a
  form with ``query=``): SELECT and ASK answers as SPARQL results JSON, XML, CSV or TSV;
  CONSTRUCT and DESCRIBE as Turtle, N-Triples or JSON-LD, chosen by the ``Accept`` header
  (or a ``format=`` parameter, for links). Every query runs over the union of the article
  graphs, as ``kg query`` does.
* ``GET /queries/NAME?param=value`` runs a named query (:func:`kg.query.list_queries`) with
  its parameters bound, every row unless ``limit=N`` (and ``offset=N``) asks for a page, which
  the store stops at; ``GET /`` is a page listing them, with a form per query.
* ``GET /view?around=…&hops=…`` gives the HTML view of :mod:`kg.views`; ``view=countries`` (with
  ``country``, ``since``, ``until``) the view of the interactions between countries.
* ``POST /update`` only when the server was made with ``allow_updates=True`` and a token:
  the request must carry ``Authorization: Bearer TOKEN``.

Limits: a query that runs longer than ``timeout_s`` is answered with 503, and one whose
answer holds more than ``max_rows`` rows (triples, for a graph) with 413, each with a one-line
message saying which limit and what to do. pyoxigraph cannot interrupt a running query: after
the time limit the answer is refused, but the query finishes in its worker thread (at most
``workers`` of them at once; later queries wait for a free one, and the wait counts towards
their limit). Errors are one line of ``text/plain``; a malformed query is a 400.

Text from articles is untrusted: the pages are Jinja templates with autoescape on, carry no
script, and their Content-Security-Policy forbids any. Imports no NLP library; writes to
the store only through ``/update``.
"""

from __future__ import annotations

import concurrent.futures
import hmac
import logging
import os
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import ConfigError, KgError, QueryError, StoreError
from kg.sparql_text import is_update, strip_prologue

if TYPE_CHECKING:
    from kg.store import QueryResult, Store

__all__ = ["ServeOptions", "DEFAULT_PORT", "make_server", "negotiate"]

log = logging.getLogger(__name__)

DEFAULT_PORT = 7879
_ASSETS = Path(__file__).resolve().parent / "serve_assets"
_RETRIES = 25  # tries of a query on a read-only folder whose files a writer moved (about 3 s in all)
_MAX_BODY = 1_000_000  # bytes of a POSTed query or update
_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; img-src data:"

#: Result formats by media type: (format name for kg.query.format_result, Content-Type sent).
_TABLE_TYPES: dict[str, tuple[str, str]] = {
    "application/sparql-results+json": ("json", "application/sparql-results+json"),
    "application/json": ("json", "application/sparql-results+json"),
    "application/sparql-results+xml": ("xml", "application/sparql-results+xml"),
    "application/xml": ("xml", "application/sparql-results+xml"),
    "text/xml": ("xml", "application/sparql-results+xml"),
    "text/csv": ("csv", "text/csv"),
    "text/tab-separated-values": ("tsv", "text/tab-separated-values"),
    "text/html": ("html", "text/html"),
}
_GRAPH_TYPES: dict[str, tuple[str, str]] = {
    "text/turtle": ("turtle", "text/turtle"),
    "application/x-turtle": ("turtle", "text/turtle"),
    "application/n-triples": ("ntriples", "application/n-triples"),
    "text/plain": ("ntriples", "application/n-triples"),
    "application/ld+json": ("jsonld", "application/ld+json"),
    "application/rdf+xml": ("rdfxml", "application/rdf+xml"),
    "text/html": ("html", "text/html"),
}
#: What a ``format=`` parameter may name, per kind of answer.
_TABLE_NAMES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values", "html": "text/html"}
_GRAPH_NAMES = {"turtle": "text/turtle", "ttl": "text/turtle", "ntriples": "application/n-triples",
                "nt": "application/n-triples", "jsonld": "application/ld+json", "json-ld": "application/ld+json",
                "json": "application/ld+json", "rdfxml": "application/rdf+xml", "xml": "application/rdf+xml",
                "html": "text/html"}


@dataclass(frozen=True)
class ServeOptions:
    """How :func:`make_server` serves: where, with which limits, and whether updates are taken.

    ``port=0`` lets the system pick a free port (``server.server_address`` tells which).
    ``token`` is required when ``allow_updates`` is set (at least 16 characters).
    """

    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    timeout_s: float = 30.0
    max_rows: int = 100_000
    workers: int = 4
    allow_updates: bool = False
    token: str | None = None

    def __post_init__(self) -> None:
        if self.timeout_s <= 0 or self.max_rows < 1 or self.workers < 1:
            raise ConfigError(f"timeout ({self.timeout_s} s) must be positive, max_rows ({self.max_rows}) and "
                              f"workers ({self.workers}) at least 1")
        if not 0 <= self.port <= 65535:
            raise ConfigError(f"port {self.port} is not a TCP port: use 1-65535, or 0 for any free one")
        if self.allow_updates and (self.token is None or len(self.token) < 16):
            raise ConfigError("updates need a token of at least 16 characters: set KG_SERVE_TOKEN (or --token) "
                              "to a long random string, e.g. from 'python -c \"import secrets; "
                              "print(secrets.token_urlsafe())\"'")


class _HttpError(Exception):
    """An answer other than 200: its status and one line saying what went wrong and what to do."""

    def __init__(self, status: HTTPStatus, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = " ".join(message.split())
        self.headers = headers or {}


def negotiate(accept: str | None, kind: str, fmt: str | None = None) -> tuple[str, str]:
    """The format of an answer of ``kind`` (``select``, ``ask`` or ``graph``) for an ``Accept`` header.

    ``fmt`` (a ``format=`` parameter) wins over the header. A header naming nothing that fits
    falls back to the default (SPARQL results JSON, or Turtle) only when it also accepts
    ``*/*``; ``text/html`` is given only when named.

    Returns
    -------
    tuple[str, str]
        The format name for :func:`kg.query.format_result` (or ``html``) and the Content-Type.

    Raises
    ------
    _HttpError
        406: nothing acceptable fits the answer; the message lists what does.

    Examples
    --------
    >>> negotiate("text/csv, */*;q=0.1", "select")
    ('csv', 'text/csv')
    >>> negotiate("application/n-triples", "graph")
    ('ntriples', 'application/n-triples')
    """
    types, names = (_GRAPH_TYPES, _GRAPH_NAMES) if kind == "graph" else (_TABLE_TYPES, _TABLE_NAMES)
    if fmt:
        media = names.get(fmt.strip().lower())
        if media is None:
            raise _HttpError(HTTPStatus.BAD_REQUEST, f"unknown format {fmt!r} for this answer: use one of "
                             f"{', '.join(sorted(set(names)))}")
        return types[media]
    offered = _parse_accept(accept or "*/*")
    for media, _ in offered:
        if media in types:
            return types[media]
        if media in ("*/*", "application/*", "text/*"):
            default = "text/turtle" if kind == "graph" else "application/sparql-results+json"
            if media == "text/*" and kind != "graph":
                default = "text/csv"
            return types[default]
    listed = ", ".join(sorted({content for _, content in types.values()}))
    raise _HttpError(HTTPStatus.NOT_ACCEPTABLE, f"cannot answer a {kind.upper()} query in {accept!r}: "
                     f"accept one of {listed}")


def _parse_accept(header: str) -> list[tuple[str, float]]:
    """Media types of an Accept header, best first (stable among equals), without q=0 ones."""
    entries = []
    for position, part in enumerate(header.split(",")):
        media, *options = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for option in options:
            key, _, value = option.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            entries.append((media.lower(), quality, position))
    entries.sort(key=lambda entry: (-entry[1], entry[2]))
    return [(media, quality) for media, quality, _ in entries]


class _Server(ThreadingHTTPServer):
    """The HTTP server: holds the store, the options, the query workers and the page templates."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # the default 5 drops connections when 20 clients connect at once

    def __init__(self, store: Store, options: ServeOptions) -> None:
        import jinja2

        self.store = store
        self.options = options
        self.workers = concurrent.futures.ThreadPoolExecutor(max_workers=options.workers,
                                                             thread_name_prefix="kg-query")
        self.templates = jinja2.Environment(
            loader=jinja2.FileSystemLoader(_ASSETS), autoescape=True, undefined=jinja2.StrictUndefined,
        )
        self.update_lock = threading.Lock()
        self._reopen_lock = threading.Lock()
        self._seen = self._folder_state()
        super().__init__((options.host, options.port), _Handler)

    def _folder_state(self) -> tuple[int, int] | None:
        """What the folder of a read-only store looks like now (newest change, files), else None."""
        path = getattr(self.store, "path", None)
        if path is None or not getattr(self.store, "read_only", False):
            return None
        newest, count = 0, 0
        for entry in os.scandir(path):
            try:  # a writer may delete a file between the listing and its stat
                newest, count = max(newest, entry.stat().st_mtime_ns), count + 1
            except FileNotFoundError:
                continue
        return newest, count

    def read(self, work, *args: Any, **kwargs: Any) -> Any:
        """``work(store, *args, **kwargs)`` on the current store, in a worker, within the time limit.

        A read-only folder may lose a file to the writer's compaction under a query that
        opened it late ("Corruption: ... No such file"): the query is then run again
        (for about 3 s at most, within the time limit) on the store reopened at the writer's latest state.
        """
        def attempt() -> Any:
            for tries in range(_RETRIES):
                store = self.current_store(fresh=tries > 0)
                try:
                    return work(store, *args, **kwargs)
                except (QueryError, ConfigError):
                    raise  # the request's own fault: the same again would fail the same way
                except Exception as e:  # noqa: BLE001 - pyoxigraph raises its "Corruption" outside the OSError tree
                    if self._seen is None or tries == _RETRIES - 1:
                        raise
                    log.info("a query on %s failed beside the writer (%s: %s); running it again", store.location,
                             type(e).__name__, e)
                    time.sleep(min(0.02 * (tries + 1), 0.15))  # let the compaction that moved the file finish
            raise AssertionError("unreachable")

        return self.within_limit("query", attempt)

    def current_store(self, *, fresh: bool = False) -> Store:
        """The store to answer from: a read-only folder is reopened once a writer has changed it.

        pyoxigraph's read-only store keeps the state it was opened at, so without this a
        server started before a ``kg build`` would never show what the build wrote. Each query
        runs on one opened store, so it sees one committed state; a store replaced here is left
        to the garbage collector, as queries still running on it need it.
        """
        if self._seen is None:
            return self.store
        state = self._folder_state()
        if fresh or state != self._seen:
            with self._reopen_lock:
                if fresh or state != self._seen:
                    from kg.store import open_store

                    try:
                        self.store = open_store(self.store.path, read_only=True)
                    except Exception as e:  # noqa: BLE001 - opened mid-compaction ("Corruption", outside the
                        # OSError tree, so not a StoreError): the files moved; keep the last state
                        log.info("kept the last state of %s, will reopen later: %s", self.store.location, e)
                        return self.store
                    self._seen = state
                    log.info("reopened %s: a writer changed it", self.store.location)
        return self.store

    def server_close(self) -> None:
        super().server_close()
        self.workers.shutdown(wait=False, cancel_futures=True)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def within_limit(self, what: str, work, *args: Any, **kwargs: Any) -> Any:
        """Run ``work`` in a query worker; refuse the answer after the time limit."""
        future = self.workers.submit(work, *args, **kwargs)
        try:
            return future.result(timeout=self.options.timeout_s)
        except concurrent.futures.TimeoutError:
            future.cancel()  # only a query still waiting for a worker stops; a running one finishes unseen
            raise _HttpError(HTTPStatus.SERVICE_UNAVAILABLE,
                             f"the {what} took longer than the time limit of {self.options.timeout_s:g} s and its "
                             "answer was refused: narrow it (a LIMIT, a more specific pattern), or restart "
                             "kg serve with a larger --timeout", {"Retry-After": "5"}) from None


def make_server(store: Store, options: ServeOptions = ServeOptions()) -> _Server:
    """A server bound to ``options.host:options.port`` over ``store``; call ``serve_forever()``.

    The caller keeps the store open while the server runs, and closes both after
    ``shutdown()`` and ``server_close()``. ``/update`` writes only when
    ``options.allow_updates`` is set and the store was opened for writing.

    Raises
    ------
    ConfigError
        The address cannot be bound (in use, or not an address of this machine).

    Examples
    --------
    >>> from kg.store import open_store
    >>> with open_store("memory") as store:
    ...     server = make_server(store, ServeOptions(port=0))
    ...     server.url.startswith("http://127.0.0.1:")
    ...     server.server_close()
    True
    """
    try:
        return _Server(store, options)
    except OSError as e:
        raise ConfigError(f"cannot listen on {options.host}:{options.port}: {e.strerror or e}; pick another "
                          "--port (0 for any free one) or --host") from e


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"  # keep-alive: clients reuse their connection
    server_version = "diplokg"
    timeout = 60  # seconds a connection may sit idle or half-sent before it is dropped

    # -- routing -----------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        self._answer(self._route_get)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(self._route_get, body=False)

    def do_POST(self) -> None:  # noqa: N802
        self._answer(self._route_post)

    def _route_get(self) -> tuple[int, str, bytes, dict[str, str]]:
        url = urllib.parse.urlsplit(self.path)
        fields = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if url.path == "/sparql":
            if "update" in fields:
                raise _HttpError(HTTPStatus.BAD_REQUEST, "updates are sent by POST to /update, not by GET")
            return self._sparql(_one(fields, "query"), fields)
        if url.path == "/":
            return self._query_page()
        if url.path.startswith("/queries/"):
            return self._named(urllib.parse.unquote(url.path.removeprefix("/queries/")), fields)
        if url.path == "/view":
            return self._view(fields)
        raise _HttpError(HTTPStatus.NOT_FOUND, f"nothing at {url.path}: use /sparql, /queries/NAME, /view or / "
                         "(the query page)")

    def _route_post(self) -> tuple[int, str, bytes, dict[str, str]]:
        url = urllib.parse.urlsplit(self.path)
        fields = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if url.path == "/sparql":
            body = self._body()
            kind = self._content_type()
            if kind == "application/sparql-query":
                return self._sparql(body.decode("utf-8", errors="replace"), fields)
            if kind == "application/x-www-form-urlencoded":
                form = urllib.parse.parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
                if "update" in form:
                    raise _HttpError(HTTPStatus.BAD_REQUEST, "updates are sent to /update, not to /sparql")
                return self._sparql(_one(form, "query"), {**fields, **form})
            raise _HttpError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"a query is POSTed as application/sparql-query or "
                             f"application/x-www-form-urlencoded (query=…), not {kind or 'no Content-Type'}")
        if url.path == "/update":
            return self._update()
        raise _HttpError(HTTPStatus.NOT_FOUND, f"nothing to POST to at {url.path}: use /sparql or /update")

    # -- answers -----------------------------------------------------------------------

    def _sparql(self, text: str, fields: dict[str, list[str]]) -> tuple[int, str, bytes, dict[str, str]]:
        for unsupported in ("default-graph-uri", "named-graph-uri"):
            if any(value for value in fields.get(unsupported, ())):
                raise _HttpError(HTTPStatus.BAD_REQUEST, f"{unsupported} is not supported: the default graph is "
                                 "the union of every article graph; use GRAPH in the query to pick one")
        if is_update(text):
            word = strip_prologue(text).split(None, 1)[0].upper()
            raise _HttpError(HTTPStatus.BAD_REQUEST, f"this is a SPARQL update ({word}): /sparql only "
                             "reads; updates go by POST to /update when kg serve runs with --allow-updates")
        result = self.server.read(lambda store: store.query(text))
        return self._result(result, fields, title="SPARQL query")

    def _named(self, name: str, fields: dict[str, list[str]]) -> tuple[int, str, bytes, dict[str, str]]:
        from kg.query import list_queries, run

        known = {query.name: query for query in list_queries()}
        if name not in known:
            raise _HttpError(HTTPStatus.NOT_FOUND, f"no named query {name!r}: use one of {', '.join(sorted(known))}")
        params = {key: _one(fields, key) for key in fields if key not in _PAGE_FIELDS}
        limit, offset = _whole_number(fields, "limit"), _whole_number(fields, "offset") or 0
        result = self.server.read(run, known[name], params=params, limit=limit, offset=offset)
        following = None
        if limit is not None and len(result.rows) == limit:  # a full page: offer the next one
            following = "?" + urllib.parse.urlencode({**{k: v[0] for k, v in fields.items()}, "offset": offset + limit})
        return self._result(result, fields, title=f"{name}: {known[name].description}", following=following,
                            page_hint="limit=N (and offset=N to page)")

    def _result(self, result: QueryResult, fields: dict[str, list[str]], *, title: str,
                following: str | None = None, page_hint: str = "a LIMIT (and OFFSET to page)",
                ) -> tuple[int, str, bytes, dict[str, str]]:
        from kg.query import format_result

        size = len(result.graph or ()) if result.kind == "graph" else len(result.rows)
        if size > self.server.options.max_rows:
            unit = "triples" if result.kind == "graph" else "rows"
            raise _HttpError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                             f"the answer holds {size} {unit}, more than the limit of {self.server.options.max_rows}: "
                             f"add {page_hint}, or restart kg serve with a larger --max-rows")
        fmt, content_type = negotiate(self.headers.get("Accept"), result.kind, _one(fields, "format", required=False))
        if fmt == "html":
            return self._page("results.html.j2", title=title, result=result, rows=_cells(result), following=following)
        text = format_result(result, fmt=fmt)
        return 200, f"{content_type}; charset=utf-8", text.encode("utf-8"), {}

    def _query_page(self) -> tuple[int, str, bytes, dict[str, str]]:
        from kg.query import list_queries

        return self._page("index.html.j2", queries=list_queries(), updates=self.server.options.allow_updates)

    def _view(self, fields: dict[str, list[str]]) -> tuple[int, str, bytes, dict[str, str]]:
        from kg.views import Selection, countries_view, view, write_view

        def number(name: str, default: int) -> int:
            found = _whole_number(fields, name)
            return default if found is None else found

        text = {name: (_one(fields, name, required=False) or None) for name in ("around", "country", "since", "until")}
        types = tuple(t.strip() for t in (_one(fields, "types", required=False) or "").split(",") if t.strip())
        isolated = (_one(fields, "isolated", required=False) or "").lower() in ("1", "true", "yes", "on")
        selection = Selection(hops=number("hops", 1), min_reports=number("min_reports", 0),
                              limit=number("limit", 1500), types=types, isolated=isolated, **text)

        kind = _one(fields, "view", required=False) or "entities"
        if kind not in ("entities", "countries"):
            raise _HttpError(HTTPStatus.BAD_REQUEST, f"view={kind!r}: use entities or countries")

        def draw(store: Store) -> bytes:
            if kind == "countries":
                chosen = countries_view(store, country=text["country"], since=text["since"], until=text["until"])
                title = "diplokg: relations between countries"
            else:
                chosen, title = view(store, selection), "diplokg"
            with tempfile.TemporaryDirectory(prefix="kg-serve-") as folder:
                path = write_view(chosen.graph, Path(folder) / "view.html", format="html", title=title,
                                  note=chosen.note)
                return path.read_bytes()

        return 200, "text/html; charset=utf-8", self.server.read(draw), {}

    def _update(self) -> tuple[int, str, bytes, dict[str, str]]:
        options = self.server.options
        if not options.allow_updates:
            raise _HttpError(HTTPStatus.FORBIDDEN, "this server is read-only: start kg serve with --allow-updates "
                             "(and a token) to take updates")
        given = self.headers.get("Authorization", "")
        scheme, _, token = given.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), (options.token or "").encode()):
            raise _HttpError(HTTPStatus.UNAUTHORIZED, "updates need the header 'Authorization: Bearer TOKEN' with the "
                             "token kg serve was started with", {"WWW-Authenticate": 'Bearer realm="kg serve"'})
        body = self._body()
        kind = self._content_type()
        if kind == "application/sparql-update":
            text = body.decode("utf-8", errors="replace")
        elif kind == "application/x-www-form-urlencoded":
            text = _one(urllib.parse.parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True), "update")
        else:
            raise _HttpError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "an update is POSTed as application/sparql-update or "
                             f"application/x-www-form-urlencoded (update=…), not {kind or 'no Content-Type'}")
        with self.server.update_lock:  # one transaction per request
            self.server.within_limit("update", self.server.store.update, text)
        log.info("update applied from %s", self.client_address[0])
        return 204, "text/plain; charset=utf-8", b"", {}

    # -- plumbing ----------------------------------------------------------------------

    def _answer(self, route, *, body: bool = True) -> None:
        try:
            status, content_type, payload, headers = route()
        except _HttpError as e:
            status, content_type, payload, headers = e.status, "text/plain; charset=utf-8", (e.message + "\n").encode(), e.headers
        except (QueryError, ConfigError) as e:
            status, content_type, payload, headers = 400, "text/plain; charset=utf-8", _line(e), {}
        except StoreError as e:
            status, content_type, payload, headers = 500, "text/plain; charset=utf-8", _line(e), {}
        except KgError as e:
            status, content_type, payload, headers = 400, "text/plain; charset=utf-8", _line(e), {}
        except Exception as e:  # noqa: BLE001 - one line to the client, the trace to the log
            log.exception("error answering %s %s", self.command, self.path)
            status, content_type, payload, headers = 500, "text/plain; charset=utf-8", _line(e), {}
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if body and payload:
            self.wfile.write(payload)

    def _page(self, template: str, **values: Any) -> tuple[int, str, bytes, dict[str, str]]:
        page = self.server.templates.get_template(template).render(**values)
        return 200, "text/html; charset=utf-8", page.encode("utf-8"), {"Content-Security-Policy": _PAGE_CSP}

    def _body(self) -> bytes:
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            raise _HttpError(HTTPStatus.BAD_REQUEST, "the Content-Length header is not a number") from None
        if length > _MAX_BODY:
            self.close_connection = True
            raise _HttpError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the request body holds {length} bytes, more "
                             f"than the limit of {_MAX_BODY}")
        return self.rfile.read(length) if length > 0 else b""

    def _content_type(self) -> str:
        return (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's signature
        log.debug("%s %s", self.address_string(), format % args)


def _one(fields: dict[str, list[str]], name: str, *, required: bool = True) -> str | None:
    values = fields.get(name, [])
    if len(values) > 1:
        raise _HttpError(HTTPStatus.BAD_REQUEST, f"{name} is given {len(values)} times: give it once")
    if not values:
        if required:
            raise _HttpError(HTTPStatus.BAD_REQUEST, f"the request has no {name!r} parameter: send "
                             f"{name}=… in the URL or the form")
        return None
    return values[0]


#: Fields of ``/queries/NAME`` that are not the query's parameters.
_PAGE_FIELDS = frozenset({"format", "limit", "offset"})


def _whole_number(fields: dict[str, list[str]], name: str) -> int | None:
    """A field as a whole number of 0 or more, such as ``limit=`` (None when not given)."""
    value = _one(fields, name, required=False)
    if value in (None, ""):
        return None
    if not value.strip().isdigit():
        raise _HttpError(HTTPStatus.BAD_REQUEST, f"{name}={value!r} is not a whole number of 0 or more")
    return int(value)


def _line(error: BaseException) -> bytes:
    return (" ".join(str(error).split()) + "\n").encode("utf-8")


def _cells(result: QueryResult) -> list[list[str]]:
    """The answer as rows of strings for the results page (a graph as subject, predicate, object)."""
    if result.kind == "graph":
        return sorted([[term.n3() for term in triple] for triple in result.graph or ()])
    if result.kind == "ask":
        return [["true" if result.boolean else "false"]]
    return [["" if term is None else str(term) for term in row] for row in result.rows]
