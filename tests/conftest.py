"""Shared test fixtures: a real ``oxigraph serve`` process, and stores holding the TriG fixtures."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef

FIXTURES = Path(__file__).resolve().parent / "fixtures"
STORE_FIXTURES = FIXTURES / "store"
OXIGRAPH = Path(sys.executable).parent / "oxigraph"
BACKENDS = ("memory", "remote")  # the folder store shares the memory code path; tested on its own
_XSD = "http://www.w3.org/2001/XMLSchema#"  # not rdflib's XSD: pytest probes conftest globals
_INTEGER_TYPES = {_XSD + name for name in (
    "integer", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger", "long", "int",
    "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}


def free_port() -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_answering(base: str, process: subprocess.Popen, *, deadline_s: float = 15.0) -> None:
    stop = time.monotonic() + deadline_s
    while time.monotonic() < stop:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph serve exited with {process.returncode}: {process.stderr.read().decode()}")
        try:
            with urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1) as response:
                response.read()
                return
        except urllib.error.HTTPError:
            return  # it answers, even if it dislikes the request
        except OSError:
            time.sleep(0.02)
    raise RuntimeError(f"oxigraph serve did not answer at {base} within {deadline_s} s")


def _serve(location: Path, *, union: bool = True) -> Iterator[str]:
    if not OXIGRAPH.is_file():
        pytest.skip(f"the oxigraph server binary is not installed at {OXIGRAPH} (pip install oxigraph)")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [str(OXIGRAPH), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    if union:
        command.append("--union-default-graph")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_until_answering(base, process)
        yield base
    finally:
        stop_process(process, timeout=5)


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[str]:
    """A fresh, empty ``oxigraph serve --union-default-graph`` on 127.0.0.1; yields its base URL."""
    yield from _serve(tmp_path / "oxigraph-server")


@pytest.fixture
def oxigraph_server_without_union(tmp_path: Path) -> Iterator[str]:
    """A fresh ``oxigraph serve`` whose default graph is its own (not the union of the named graphs)."""
    yield from _serve(tmp_path / "oxigraph-plain", union=False)


@pytest.fixture(scope="session")
def _shared_oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serve(tmp_path_factory.mktemp("oxigraph-shared"))


@pytest.fixture
def remote_url(_shared_oxigraph_server: str) -> str:
    """The base URL of one server shared by the session, emptied for each test (faster)."""
    request = urllib.request.Request(
        f"{_shared_oxigraph_server}/update", data=b"DROP ALL", method="POST",
        headers={"Content-Type": "application/sparql-update"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()
    return _shared_oxigraph_server


@pytest.fixture(scope="session")
def fixture_graphs() -> dict[URIRef, list[tuple]]:
    """The hand-written article graphs of ``tests/fixtures/store``: {graph IRI: triples}."""
    graphs: dict[URIRef, list[tuple]] = {}
    for path in sorted(STORE_FIXTURES.glob("*.trig")):
        dataset = Dataset()
        dataset.parse(path, format="trig")
        for graph in dataset.graphs():
            if len(graph):
                graphs[graph.identifier] = sorted(graph)
    return graphs


@pytest.fixture
def fixture_quads(fixture_graphs: dict[URIRef, list[tuple]]) -> set[tuple]:
    """The fixture quads as oxigraph gives them back (see :func:`as_stored`)."""
    return {(s, p, o, g) for g, triples in fixture_graphs.items() for s, p, o in (map(as_stored, t) for t in triples)}


def as_stored(term):
    """A term as oxigraph stores it: it normalises literals on load (oxigraph issue #526), so
    derived integer types such as xsd:nonNegativeInteger come back as xsd:integer and
    xsd:decimal in canonical form ("1.0" -> "1")."""
    if isinstance(term, Literal) and term.datatype is not None:
        if str(term.datatype) in _INTEGER_TYPES:
            return Literal(str(int(str(term))), datatype=URIRef(_XSD + "integer"))
        if str(term.datatype) == _XSD + "decimal":
            return Literal(format(Decimal(str(term)).normalize(), "f"), datatype=term.datatype)
    return term


@pytest.fixture(params=BACKENDS)
def empty_store(request: pytest.FixtureRequest):
    """An empty store of each kind in ``BACKENDS``: in memory, or behind a real oxigraph server."""
    from kg.store import open_store

    if request.param == "memory":
        location = "memory"
    else:
        location = request.getfixturevalue("remote_url")
    store = open_store(location)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def loaded_store(empty_store, fixture_graphs):
    """A store of each kind holding the fixture articles, one named graph each."""
    empty_store.replace_graphs(fixture_graphs)
    return empty_store


@pytest.fixture(scope="session")
def sample_build_graph():
    """The sample build: every article of ``data/articles`` built with the real model into an
    in-memory store, as one rdflib graph (the union of the article graphs)."""
    from rdflib import Graph

    from kg.extract import Extractor
    from kg.pipeline import build
    from kg.store import open_store

    articles = Path(__file__).resolve().parents[1] / "data" / "articles"
    union = Graph()
    with open_store("memory") as store:
        report = build([articles], store=store, extractor=Extractor.load())
        assert report.ok, report.failures
        for s, p, o, _ in store.to_rdflib().quads((None, None, None, None)):
            union.add((s, p, o))
    return union


def stop_process(process: subprocess.Popen, *, timeout: float) -> int:
    """Stop a server the tests started: terminate, then kill after ``timeout`` s; its exit code."""
    process.terminate()
    try:
        code = process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        code = process.wait()
    if process.stderr is not None:
        process.stderr.close()
    return code
