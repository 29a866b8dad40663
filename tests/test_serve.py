"""Tests for kg serve: a real ``kg serve`` process on 127.0.0.1 answering real clients
(urllib, SPARQLWrapper, rdflib's SPARQLStore, headless Chromium), its limits and updates, a
bounded load on loopback, and serving while ``kg build`` writes to the same store."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import free_port, stop_process
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from kg.serve import negotiate
from kg.store import open_store

ROOT = Path(__file__).resolve().parents[1]
KG = Path(sys.executable).parent / "kg"
ARTICLES = ROOT / "data" / "articles"
CHROMIUM = "/usr/bin/chromium"
TOKEN = "a-test-token-of-enough-length"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
TYPES = "CONSTRUCT { ?s a ?o } WHERE { ?s a ?o }"
EVIL = '<script>window.__xss=1</script>Evil "name"'


class Served:
    """A running ``kg serve`` process: its base URL and a way to send requests."""

    def __init__(self, store: Path, *extra: str, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [str(KG), "serve", "--store", str(store), "--port", str(self.port), *extra]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                        env={**_env(), **(env or {})})
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"kg serve exited with {self.process.returncode}: {self.process.stderr.read().decode()}")
            try:
                self.get("/sparql?query=ASK%7B%7D")
                return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("kg serve did not answer within 30 s")

    def request(self, path: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
                method: str | None = None) -> tuple[int, dict[str, str], bytes]:
        request = urllib.request.Request(self.url + path, data=data, headers=headers or {}, method=method)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()

    def get(self, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
        return self.request(path, headers={k.replace("_", "-"): v for k, v in headers.items()})

    def stop(self) -> int:
        return stop_process(self.process, timeout=10)


def _env() -> dict[str, str]:
    import os

    return {key: value for key, value in os.environ.items() if key != "KG_SERVE_TOKEN"}


def _fill(folder: Path) -> None:
    """The view tests' fixture articles (a hostile title among them), in a store folder."""
    from test_views import _dataset

    dataset = _dataset()
    with open_store(folder) as store:
        store.replace_graphs({graph.identifier: list(graph) for graph in dataset.graphs() if len(graph)})


@pytest.fixture(scope="module")
def store_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("served") / "store"
    _fill(folder)
    return folder


@pytest.fixture(scope="module")
def served(store_folder: Path) -> Iterator[Served]:
    server = Served(store_folder)
    yield server
    server.stop()


def _count(store_folder: Path) -> int:
    with open_store(store_folder, read_only=True) as store:
        return int(store.query(COUNT).rows[0][0])


# ---------------------------------------------------------------- the protocol


def test_serve_get_answers_sparql_results_json(served: Served, store_folder: Path) -> None:
    status, headers, body = served.get("/sparql?" + urllib.parse.urlencode({"query": COUNT}))
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    answer = json.loads(body)
    assert int(answer["results"]["bindings"][0]["n"]["value"]) == _count(store_folder) > 0


@pytest.mark.parametrize("content_type, body", [
    ("application/sparql-query", COUNT.encode()),
    ("application/x-www-form-urlencoded", urllib.parse.urlencode({"query": COUNT}).encode()),
])
def test_serve_post_takes_a_query_body_or_a_form(served: Served, content_type: str, body: bytes) -> None:
    status, headers, answer = served.request("/sparql", data=body, headers={
        "Content-Type": content_type, "Accept": "text/csv"})
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert answer.decode().splitlines()[0] == "n"


@pytest.mark.parametrize("accept, content_type, first", [
    ("application/sparql-results+xml", "application/sparql-results+xml", "<?xml"),
    ("text/csv", "text/csv", "n"),
    ("text/tab-separated-values", "text/tab-separated-values", "?n"),
    ("application/json;q=0.5, text/csv;q=0.9", "text/csv", "n"),
])
def test_serve_negotiates_the_results_format(served: Served, accept: str, content_type: str, first: str) -> None:
    status, headers, body = served.get("/sparql?" + urllib.parse.urlencode({"query": COUNT}), Accept=accept)
    assert status == 200 and headers["Content-Type"].startswith(content_type)
    assert body.decode().startswith(first)


@pytest.mark.parametrize("accept, rdflib_format", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
])
def test_serve_gives_construct_answers_in_each_rdf_format(served: Served, store_folder: Path, accept: str,
                                                          rdflib_format: str) -> None:
    status, headers, body = served.get("/sparql?" + urllib.parse.urlencode({"query": TYPES}), Accept=accept)
    assert status == 200 and headers["Content-Type"].startswith(accept)
    with open_store(store_folder, read_only=True) as store:
        expected = store.query(TYPES).graph
    assert isomorphic(Graph().parse(data=body, format=rdflib_format), expected)


@pytest.mark.parametrize("path, status, words", [
    ("/sparql?query=SELEC", 400, "malformed SPARQL query"),
    ("/sparql", 400, "no 'query' parameter"),
    ("/sparql?" + urllib.parse.urlencode({"query": "DROP ALL"}), 400, "only reads"),
    ("/sparql?" + urllib.parse.urlencode({"query": COUNT, "default-graph-uri": "urn:x"}), 400, "not supported"),
    ("/queries/officials", 400, "missing parameter(s) country"),
    ("/queries/nothing", 404, "no named query 'nothing'"),
    ("/elsewhere", 404, "nothing at /elsewhere"),
])
def test_serve_errors_are_one_line_saying_what(served: Served, path: str, status: int, words: str) -> None:
    got, headers, body = served.get(path)
    assert got == status and headers["Content-Type"].startswith("text/plain")
    text = body.decode()
    assert words in text and text.count("\n") == 1


def test_serve_refuses_a_format_that_does_not_fit() -> None:
    from kg.serve import _HttpError

    with pytest.raises(_HttpError, match="accept one of") as caught:
        negotiate("text/turtle", "select")
    assert caught.value.status == 406
    assert negotiate(None, "graph") == ("turtle", "text/turtle")
    assert negotiate("text/html,*/*;q=0.8", "select", "csv") == ("csv", "text/csv")


def test_serve_named_query_binds_its_parameters(served: Served) -> None:
    status, _, body = served.get("/queries/officials?" + urllib.parse.urlencode({"country": "India"}),
                                 Accept="application/sparql-results+json")
    assert status == 200
    names = {row["name"]["value"] for row in json.loads(body)["results"]["bindings"]}
    assert "Ajay Bhalla" in names


def test_serve_named_query_gives_a_page_when_asked(served: Served) -> None:
    def names(query: str) -> list[str]:
        status, _, body = served.get(f"/queries/counts{query}", Accept="text/csv")
        assert status == 200, body
        return body.decode().splitlines()[1:]

    whole = names("")
    assert len(whole) == 7
    pages = [names(f"?limit=3&offset={offset}") for offset in (0, 3, 6)]
    assert [len(page) for page in pages] == [3, 3, 1] and [row for page in pages for row in page] == whole
    assert names("?offset=5") == whole[5:]
    status, _, body = served.get("/queries/counts?limit=3&format=html")
    assert status == 200 and b'id="next" href="?limit=3&amp;format=html&amp;offset=3"' in body
    for bad in ("limit=-1", "limit=ten", "offset=1.5"):
        status, _, body = served.get(f"/queries/counts?{bad}")
        assert status == 400 and b"is not a whole number of 0 or more" in body, bad


def test_serve_view_is_the_html_page(served: Served) -> None:
    status, headers, body = served.get("/view?around=India&hops=1")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b'id="kg-data"' in body and b"<script>window.__xss" not in body
    assert served.get("/view?hops=many")[0] == 400


def test_serve_is_read_only_by_default(served: Served, store_folder: Path) -> None:
    before = _count(store_folder)
    status, _, body = served.request("/update", data=b"DROP ALL", headers={
        "Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"})
    assert status == 403 and b"--allow-updates" in body
    assert _count(store_folder) == before


# ---------------------------------------------------------------- limits and updates


def test_serve_refuses_answers_over_the_row_and_time_limits(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    _fill(folder)
    server = Served(folder, "--max-rows", "5", "--timeout", "0.5")
    try:
        status, _, body = server.get("/sparql?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"}))
        assert status == 413 and b"more than the limit of 5" in body and b"LIMIT" in body
        status, _, body = server.get("/queries/counts")  # 7 rows: a named query is told how to page
        assert status == 413 and b"add limit=N (and offset=N to page)" in body
        assert server.get("/queries/counts?limit=5")[0] == 200
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        status, _, body = server.get("/sparql?" + urllib.parse.urlencode({"query": slow}))
        assert status == 503 and b"time limit of 0.5 s" in body
    finally:
        server.stop()


def test_serve_takes_updates_only_with_the_flag_and_the_token(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    _fill(folder)
    insert = b"INSERT DATA { GRAPH <urn:x-test:g> { <urn:x-test:s> <urn:x-test:p> 'added' } }"
    ask = "/sparql?" + urllib.parse.urlencode({"query": "ASK { <urn:x-test:s> ?p 'added' }"})
    refused = subprocess.run([str(KG), "serve", "--store", str(folder), "--allow-updates"], capture_output=True,
                             text=True, timeout=60, env=_env())
    assert refused.returncode == 2 and "token" in refused.stderr
    server = Served(folder, "--allow-updates", env={"KG_SERVE_TOKEN": TOKEN})
    try:
        headers = {"Content-Type": "application/sparql-update"}
        assert server.request("/update", data=insert, headers=headers)[0] == 401
        assert server.request("/update", data=insert, headers={**headers, "Authorization": "Bearer wrong"})[0] == 401
        assert json.loads(server.get(ask)[2])["boolean"] is False
        status, _, _ = server.request("/update", data=insert, headers={**headers, "Authorization": f"Bearer {TOKEN}"})
        assert status == 204
        assert json.loads(server.get(ask)[2])["boolean"] is True
    finally:
        assert server.stop() == 0  # stops cleanly on SIGTERM, the store closed
    with open_store(folder, read_only=True) as store:
        assert store.query("ASK { <urn:x-test:s> ?p 'added' }").boolean


# ---------------------------------------------------------------- real clients


def test_serve_answers_sparqlwrapper(served: Served) -> None:
    from SPARQLWrapper import CSV, JSON, POST, TURTLE, SPARQLWrapper

    client = SPARQLWrapper(served.url + "/sparql")
    client.setQuery("SELECT ?name WHERE { ?c a <https://w3id.org/diplokg/ontology#Country> ; "
                    "<http://www.w3.org/2000/01/rdf-schema#label> ?name } ORDER BY ?name")
    client.setReturnFormat(JSON)
    names = [row["name"]["value"] for row in client.queryAndConvert()["results"]["bindings"]]
    assert "India" in names and names == sorted(names)
    client.setMethod(POST)
    client.setReturnFormat(CSV)
    assert client.queryAndConvert().decode().splitlines()[0] == "name"
    client.setQuery(TYPES)
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.queryAndConvert(), format="turtle")
    assert len(graph) > 0


def test_serve_answers_rdflib_sparqlstore(served: Served, store_folder: Path) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(store=SPARQLStore(served.url + "/sparql", returnFormat="xml"))
    rows = list(graph.query("SELECT ?c WHERE { ?c a <https://w3id.org/diplokg/ontology#Country> }"))
    assert URIRef("https://w3id.org/diplokg/id/country/IN") in {row[0] for row in rows}
    assert graph.query("ASK { ?s ?p ?o }").askAnswer is True
    with open_store(store_folder, read_only=True) as store:
        expected = store.query(TYPES).graph
    assert isomorphic(graph.query(TYPES).graph, expected)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        pytest.skip(f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' package")
    from playwright.sync_api import sync_playwright
    from test_views import CHROMIUM_ARGS

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


def test_serve_query_page_runs_a_named_query_in_chromium(browser, served: Served) -> None:
    from kg.query import list_queries

    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served.url + "/")
    for query in list_queries():  # every named query is offered, with a field per parameter
        section = page.locator(f"#query-{query.name}")
        assert section.count() == 1
        for name, _ in query.params:
            assert section.locator(f"input[name={name}]").count() == 1
    officials = page.locator("#query-officials")
    officials.locator("input[name=country]").fill("India")
    officials.locator("button").click()
    page.wait_for_selector("#results")
    assert "/queries/officials?" in page.url
    cells = page.locator("#results td").all_text_contents()
    assert "Ajay Bhalla" in cells
    # hostile text from an article stays text: its label is shown, never run
    page.goto(served.url + "/sparql?" + urllib.parse.urlencode({
        "query": "SELECT ?l WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#label> ?l }", "format": "html"}))
    labels = page.locator("#results td").all_text_contents()
    assert any("<script>" in label for label in labels)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("#results script").count() == 0 and errors == []
    page.close()


# ---------------------------------------------------------------- load and a concurrent build


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample articles built with the blank model (quick), in a store folder."""
    folder = tmp_path_factory.mktemp("sample") / "store"
    done = subprocess.run([str(KG), "build", str(ARTICLES), "--store", str(folder), "--model", "blank"],
                          capture_output=True, text=True, timeout=300, env=_env())
    assert done.returncode == 0, done.stderr
    return folder


def test_serve_load_twenty_clients_without_error(sample_store: Path) -> None:
    """benchmarks/serve_load.py, bounded (20 clients, 3 s), on loopback: no error."""
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "serve_load.py"), "--store", str(sample_store),
                           "--clients", "20", "--seconds", "3"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "errors    0" in done.stdout and "p99" in done.stdout


def test_serve_keeps_answering_while_kg_build_writes(tmp_path: Path) -> None:
    """Readers see whole articles (each with its hash), never fewer than before, and no error."""
    folder = tmp_path / "store"
    first, *rest = sorted(ARTICLES.glob("*.txt"))
    seeded = subprocess.run([str(KG), "build", str(first), "--store", str(folder), "--model", "blank"],
                            capture_output=True, text=True, timeout=300, env=_env())
    assert seeded.returncode == 0, seeded.stderr
    whole = ("SELECT (COUNT(DISTINCT ?a) AS ?articles) (COUNT(DISTINCT ?h) AS ?hashed) WHERE { "
             "?a a <https://w3id.org/diplokg/ontology#Article> "
             "OPTIONAL { ?a <https://w3id.org/diplokg/ontology#contentHash> ?h } }")
    server = Served(folder)
    seen: list[tuple[int, int]] = []
    problems: list[str] = []
    building = threading.Event()

    def read() -> None:
        while building.is_set():
            status, _, body = server.get("/sparql?" + urllib.parse.urlencode({"query": whole}))
            if status != 200:
                problems.append(f"{status}: {body[:200]!r}")
                continue
            row = json.loads(body)["results"]["bindings"][0]
            seen.append((int(row["articles"]["value"]), int(row["hashed"]["value"])))

    building.set()
    readers = [threading.Thread(target=read) for _ in range(4)]
    for reader in readers:
        reader.start()
    try:
        build = subprocess.run([str(KG), "build", *map(str, rest), "--store", str(folder), "--model", "blank"],
                               capture_output=True, text=True, timeout=300, env=_env())
        time.sleep(0.5)  # a few answers after the build's last commit
    finally:
        building.clear()
        for reader in readers:
            reader.join(timeout=60)
    try:
        assert build.returncode == 0, build.stderr
        assert problems == []
        assert seen and all(articles == hashed for articles, hashed in seen)
        final = server.get("/sparql?" + urllib.parse.urlencode({"query": whole}))[2]
        served_articles = int(json.loads(final)["results"]["bindings"][0]["articles"]["value"])
    finally:
        assert server.stop() == 0
    with open_store(folder) as store:  # opens for writing: the folder is whole
        stored = int(store.query(whole).rows[0][0])
    assert served_articles == stored > 1  # the server shows what the build wrote after it started
    assert [a for a, _ in seen] == sorted(a for a, _ in seen)  # never an older state after a newer one


def test_serve_help_has_an_example_and_binds_loopback_by_default() -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0 and "Example: kg serve" in result.stdout and "127.0.0.1" in result.stdout
