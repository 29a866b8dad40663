"""The store stage on real backends: pyoxigraph in memory and in a folder, and ``oxigraph serve``."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS

from conftest import as_stored, free_port
from kg.errors import QueryError, StoreError
from kg.ontology import DIP, GRAPH, ID
from kg.formats import RDF_FORMATS
from kg.store import QueryResult, RemoteStore, default_location, open_store

G1 = GRAPH["in-bd-talks"]
G2 = GRAPH["in-jp-summit"]
INDIA = ID["country/IN"]


def _quads(store) -> set[tuple]:
    return {(s, p, o, g) for s, p, o, g in store.to_rdflib().quads((None, None, None, None))}


def _small_graph(label: str) -> list[tuple]:
    thing = ID["organization/test"]
    return [(thing, RDF.type, DIP.Organization), (thing, RDFS.label, Literal(label))]


# -- all backends ----------------------------------------------------------------------------


def test_loaded_store_holds_exactly_the_fixture_quads(loaded_store, fixture_quads):
    assert _quads(loaded_store) == fixture_quads
    assert loaded_store.count_quads() == len(fixture_quads)
    assert loaded_store.graphs() == [G1, G2]


def test_replace_graph_replaces_only_that_graph(loaded_store, fixture_graphs):
    before_g2 = {q for q in _quads(loaded_store) if q[3] == G2}
    loaded_store.replace_graph(G1, _small_graph("replacement"))
    after = _quads(loaded_store)
    assert {q for q in after if q[3] == G1} == {(s, p, o, G1) for s, p, o in _small_graph("replacement")}
    assert {q for q in after if q[3] == G2} == before_g2


def test_replace_graph_with_no_triples_empties_it(loaded_store):
    loaded_store.replace_graph(G1, [])
    assert loaded_store.graphs() == [G2]


def test_iterator_failing_midway_leaves_previous_graph_intact(loaded_store):
    before = _quads(loaded_store)

    def triples_then_failure():
        yield from _small_graph("half written")
        raise RuntimeError("mapping failed on the third triple")

    with pytest.raises(RuntimeError, match="third triple"):
        loaded_store.replace_graph(G1, triples_then_failure())
    assert _quads(loaded_store) == before


def test_unstorable_term_is_a_store_error_and_writes_nothing(loaded_store):
    before = _quads(loaded_store)
    bad = [*_small_graph("fine"), (URIRef("http://example.org/has space"), RDFS.label, Literal("x"))]
    with pytest.raises(StoreError, match="triple 3 .*nothing was written"):
        loaded_store.replace_graph(G1, bad)
    with pytest.raises(StoreError, match="graph name"):
        loaded_store.replace_graph("not a URIRef", _small_graph("x"))  # type: ignore[arg-type]
    assert _quads(loaded_store) == before


def test_building_twice_gives_identical_quads(empty_store, fixture_graphs):
    empty_store.replace_graphs(fixture_graphs)
    first = io.BytesIO()
    empty_store.export(first, format="nquads")
    for graph, triples in fixture_graphs.items():
        empty_store.replace_graph(graph, triples)
    second = io.BytesIO()
    empty_store.export(second, format="nquads")
    assert sorted(first.getvalue().splitlines()) == sorted(second.getvalue().splitlines())
    assert len(first.getvalue().splitlines()) == sum(len(t) for t in fixture_graphs.values())


def test_remove_graph(loaded_store):
    loaded_store.remove_graph(G1)
    loaded_store.remove_graph(GRAPH["never-there"])
    assert loaded_store.graphs() == [G2]


def test_article_hashes(loaded_store):
    assert loaded_store.article_hashes() == {
        str(G1): "61713a3f307ef054d9be6548cbaea59e0d3dc8131f60486b98c6ece3cb4192dd",
        str(G2): "0be3fb94c77b0dd5d0b91e0fe8d5562538d640d23a5b079cc99b0f23c2a1efb9",
    }


def test_query_sees_the_union_of_all_graphs(loaded_store):
    # India's label is in both graphs; a pattern outside GRAPH must find the official of each.
    result = loaded_store.query(
        "SELECT DISTINCT ?o ?c WHERE { ?o <https://w3id.org/diplokg/ontology#represents> ?c }",
        bindings={"c": INDIA},
    )
    assert result.kind == "select"
    assert {row[0] for row in result.rows} == {ID["official/ajay-bhalla--in"], ID["official/s-jaishankar--in"]}


def test_select_rows_are_rdflib_terms_with_none_for_unbound(loaded_store):
    result = loaded_store.query(
        "PREFIX dip: <https://w3id.org/diplokg/ontology#> "
        "SELECT ?e ?date WHERE { ?e a dip:Event . OPTIONAL { ?e dip:startDate ?date } } ORDER BY ?e"
    )
    assert result.variables == ("e", "date")
    dates = dict(result.rows)
    assert dates[ID["event/in-jp-summit/visit-to-new-delhi"]] is None
    assert dates[ID["event/in-bd-talks/home-secretary-level-talks"]].toPython().isoformat() == "2024-03-01"
    assert result.records()[0].keys() == {"e", "date"}


def test_ask_and_construct(loaded_store):
    ask = loaded_store.query("ASK { ?c <http://www.w3.org/2000/01/rdf-schema#label> ?label }", bindings={
        "label": Literal("Japan")})
    assert ask == QueryResult("ask", boolean=True)
    construct = loaded_store.query(
        "CONSTRUCT { ?c <http://www.w3.org/2000/01/rdf-schema#label> ?name } "
        "WHERE { ?c <https://w3id.org/diplokg/ontology#iso3166Alpha2> ?code ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?name }",
        bindings={"code": Literal("JP")},
    )
    assert construct.kind == "graph"
    assert set(construct.graph) == {(ID["country/JP"], RDFS.label, Literal("Japan"))}


def test_stored_literals_are_normalised_by_oxigraph(empty_store):
    # A known oxigraph behaviour (its issue #526) that SHACL shapes on stored data must allow for.
    offset = Literal("12", datatype=URIRef("http://www.w3.org/2001/XMLSchema#nonNegativeInteger"))
    confidence = Literal("1.0", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))
    empty_store.replace_graph(G1, [(ID["x"], RDFS.label, offset), (ID["x"], RDFS.comment, confidence)])
    stored = {o for _, _, o, _ in _quads(empty_store)}
    assert stored == {Literal(12), Literal("1", datatype=confidence.datatype)}
    assert stored == {as_stored(offset), as_stored(confidence)}


@pytest.mark.parametrize(
    "hostile",
    [
        'India" } ; DROP ALL ; #',
        '"} } INSERT DATA { <http://x> <http://y> <http://z> } #',
        "India' } UNION { ?c ?p ?label",
        "back\\slash\nnew line } {",
        "<http://example.org/not-an-iri-here>",
    ],
)
def test_bindings_with_injection_attempts_stay_values(empty_store, hostile):
    thing = ID["organization/hostile"]
    empty_store.replace_graph(GRAPH["hostile"], [(thing, RDFS.label, Literal(hostile)),
                                                 (ID["organization/other"], RDFS.label, Literal("India"))])
    sparql = "SELECT ?c ?label WHERE { ?c <http://www.w3.org/2000/01/rdf-schema#label> ?label }"
    assert empty_store.query(sparql, bindings={"label": Literal(hostile)}).rows == [(thing, Literal(hostile))]
    assert empty_store.query(sparql, bindings={"label": Literal(hostile + "x")}).rows == []
    assert empty_store.count_quads() == 2


def test_binding_an_invalid_iri_or_variable_name_is_a_query_error(loaded_store):
    with pytest.raises(QueryError, match="cannot bind"):
        loaded_store.query("SELECT ?c WHERE { ?c ?p ?o }", bindings={"c": URIRef("http://x/> } DROP ALL {")})
    with pytest.raises(QueryError, match="variable name"):
        loaded_store.query("SELECT ?c WHERE { ?c ?p ?o }", bindings={"c) {": INDIA})


def test_malformed_query_is_a_query_error_with_position(loaded_store):
    with pytest.raises(QueryError, match=r"1:\d+"):
        loaded_store.query("SELECT ?s WHERE { ?s ?p }")


@pytest.mark.parametrize("fmt", [f.name for f in RDF_FORMATS] + ["nq", "ttl"])
def test_export_reads_back_as_the_same_data(loaded_store, fixture_quads, fmt):
    buffer = io.BytesIO()
    loaded_store.export(buffer, format=fmt)
    data = buffer.getvalue()
    fmt = {"nq": "nquads", "ttl": "turtle"}.get(fmt, fmt)
    if fmt in ("turtle", "ntriples", "rdfxml"):
        graph = Graph().parse(data=data, format={"ntriples": "nt", "rdfxml": "xml"}.get(fmt, fmt))
        assert set(graph) == {(s, p, o) for s, p, o, _ in fixture_quads}
        return
    dataset = Dataset()
    dataset.parse(data=data, format={"trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}[fmt])
    assert set(dataset.quads((None, None, None, None))) == fixture_quads
    for graph_iri in (G1, G2):
        expected = Graph()
        for s, p, o, g in fixture_quads:
            if g == graph_iri:
                expected.add((s, p, o))
        assert isomorphic(dataset.graph(graph_iri), expected)


def test_unknown_export_format_is_a_store_error(loaded_store):
    with pytest.raises(StoreError, match="unknown export format 'yaml'.*trig"):
        loaded_store.export(io.BytesIO(), format="yaml")


def test_closed_store_refuses_work(empty_store):
    empty_store.close()
    with pytest.raises(StoreError, match="closed"):
        empty_store.query("ASK {}")


# -- embedded folder -------------------------------------------------------------------------


def test_folder_store_persists_across_close_and_reopen(tmp_path, fixture_graphs, fixture_quads):
    folder = tmp_path / "kg-store"
    with open_store(folder) as store:
        store.replace_graphs(fixture_graphs)
    assert (folder / "CURRENT").is_file()
    with open_store(str(folder)) as store:
        assert _quads(store) == fixture_quads
        assert store.location == str(folder)
        assert store.article_hashes().keys() == {str(G1), str(G2)}


def test_folder_store_keeps_old_graph_when_a_replace_fails(tmp_path, fixture_graphs, fixture_quads):
    folder = tmp_path / "kg-store"

    def failing():
        yield from fixture_graphs[G2]
        raise ValueError("extraction broke")

    with open_store(folder) as store:
        store.replace_graphs(fixture_graphs)
        with pytest.raises(ValueError, match="extraction broke"):
            store.replace_graph(G1, failing())
        store.replace_graph(G2, fixture_graphs[G2])  # the same content again changes nothing
    with open_store(folder) as store:
        assert _quads(store) == fixture_quads


def test_memory_store_starts_empty_each_time(fixture_graphs):
    with open_store("memory") as store:
        store.replace_graphs(fixture_graphs)
        assert store.count_quads() > 0
    with open_store("memory") as store:
        assert store.count_quads() == 0
        assert store.graphs() == []


def test_folder_holding_other_files_is_refused_untouched(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "todo.txt").write_text("not a store")
    with pytest.raises(StoreError, match=r"notes exists and is not an oxigraph store"):
        open_store(folder)
    assert sorted(p.name for p in folder.iterdir()) == ["todo.txt"]
    with pytest.raises(StoreError, match="is a file"):
        open_store(folder / "todo.txt")


def test_folder_locked_by_another_process_is_a_store_error(tmp_path):
    folder = tmp_path / "busy"
    open_store(folder).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, pyoxigraph
            store = pyoxigraph.Store({str(folder)!r})
            store.update("INSERT DATA {{ GRAPH <urn:g> {{ <urn:s> <urn:p> 'written by the holder' }} }}")
            print("ready", flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match=r"busy is being written by another process.*can run meanwhile"):
            open_store(folder)
        with open_store(folder, read_only=True) as reader:  # readers share the folder with the writer
            assert reader.count_quads() == 1
            with pytest.raises(StoreError, match=r"open for reading only"):
                reader.remove_graph(GRAPH["x"])
    finally:
        holder.communicate("", timeout=10)


def test_default_location_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("KG_STORE", raising=False)
    assert default_location() == ".kg/store"
    monkeypatch.setenv("KG_STORE", str(tmp_path / "from-env"))
    assert default_location() == str(tmp_path / "from-env")
    with open_store(None) as store:
        assert store.location == str(tmp_path / "from-env")
    assert (tmp_path / "from-env" / "CURRENT").is_file()


def test_embedded_binding_needs_a_projected_variable():
    with open_store("memory") as store, pytest.raises(QueryError, match=r"add them to it"):
        store.query("SELECT ?s WHERE { ?s ?p ?o FILTER(?o = ?x) }", bindings={"x": Literal("v")})


def test_inline_values_bind_on_every_store_even_unprojected(loaded_store):
    """``inline_values``: a VALUES block first in the WHERE group, as a remote store always gets."""
    rows = loaded_store.query("SELECT DISTINCT ?c WHERE { ?c <http://www.w3.org/2000/01/rdf-schema#label> ?name }",
                              bindings={"name": Literal("India")}, inline_values=True).rows
    assert rows == [(ID["country/IN"],)]


# -- remote endpoint -------------------------------------------------------------------------


def test_remote_base_url_maps_to_the_oxigraph_endpoints(oxigraph_server, fixture_graphs):
    store = open_store(oxigraph_server + "/")
    assert isinstance(store, RemoteStore)
    assert (store.query_url, store.update_url, store.store_url) == (
        f"{oxigraph_server}/query", f"{oxigraph_server}/update", f"{oxigraph_server}/store")
    assert store.location == oxigraph_server
    store.replace_graph(G2, fixture_graphs[G2])
    assert store.graphs() == [G2]


def test_remote_explicit_endpoints_write_with_sparql_update(remote_url, fixture_graphs, fixture_quads):
    store = open_store(f"{remote_url}/query", update_url=f"{remote_url}/update")
    assert store.store_url is None
    store.replace_graphs(fixture_graphs)
    store.replace_graph(G1, fixture_graphs[G1])
    assert _quads(store) == fixture_quads
    # another client sees the data, through the server's union default graph
    reader = open_store(remote_url)
    assert reader.query("SELECT ?l WHERE { ?c <http://www.w3.org/2000/01/rdf-schema#label> ?l }",
                        bindings={"l": Literal("Japan")}).rows == [(Literal("Japan"),)]


def test_remote_read_only_endpoint_refuses_writes(remote_url):
    store = RemoteStore(f"{remote_url}/query")
    with pytest.raises(StoreError, match="read-only"):
        store.replace_graph(G1, _small_graph("x"))


def test_remote_bindings_skip_braces_in_comments_strings_and_templates(remote_url):
    store = open_store(remote_url)
    store.replace_graph(G1, _small_graph("Test {org}"))
    sparql = textwrap.dedent("""
        # a comment with a { brace
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        CONSTRUCT { ?x rdfs:comment "made {here}" }
        WHERE { ?x rdfs:label ?label . FILTER(?label != "}{") }
    """)
    result = store.query(sparql, bindings={"label": Literal("Test {org}")})
    assert set(result.graph) == {(ID["organization/test"], RDFS.comment, Literal("made {here}"))}


def test_server_not_running_is_a_store_error_naming_the_url():
    url = f"http://127.0.0.1:{free_port()}"
    store = open_store(url, timeout=5)
    with pytest.raises(StoreError, match=rf"cannot reach the SPARQL endpoint {url}/query.*server running") as info:
        store.query("ASK {}")
    assert not isinstance(info.value, OSError)


def test_http_error_status_is_a_store_error(remote_url):
    store = open_store(remote_url, store_url=None, update_url=f"{remote_url}/no-such-endpoint")
    with pytest.raises(StoreError, match=r"HTTP 404"):
        store.remove_graph(G1)


def test_module_does_not_import_pyoxigraph_at_import_time():
    code = "import sys, kg.store, kg.query; print('pyoxigraph' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path.cwd())
    assert out.stdout.strip() == "False"


def test_a_server_that_does_not_query_the_union_of_graphs_is_named(oxigraph_server_without_union, fixture_graphs):
    with open_store(oxigraph_server_without_union) as store:
        store.replace_graphs(fixture_graphs)
        assert store.count_quads() > 0  # the quads are there, in named graphs
        with pytest.raises(StoreError, match=r"default graph only.*--union-default-graph"):
            store.query("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1")


def test_update_runs_sparql_update_as_one_transaction(empty_store):
    empty_store.update("INSERT DATA { GRAPH <urn:g> { <urn:s> <urn:p> 'one' } } ; "
                       "INSERT DATA { GRAPH <urn:g> { <urn:s> <urn:p> 'two' } }")
    assert empty_store.count_quads() == 2
    with pytest.raises(StoreError):  # a bad second operation: nothing of the request lands
        empty_store.update("INSERT DATA { GRAPH <urn:g> { <urn:s> <urn:p> 'three' } } ; NOT SPARQL")
    assert empty_store.count_quads() == 2
