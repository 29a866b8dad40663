"""The store keeps each fact about a shared entity once, in the entity graph, and keeps it exactly
as long as some article states it.

Real extractions of the sample articles (the real model) are written to real pyoxigraph stores
and to a real ``oxigraph serve`` process. The reference is the plain layout in which every
article's graph holds everything the article says (``kg.mapping.to_triples``): every named
query must give the same rows on both, while no triple about a shared entity is stored twice.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from rdflib import URIRef

from kg.extract import Extractor
from kg.ingest import read_articles
from kg.mapping import to_store_graphs, to_triples
from kg.model import Article
from kg.ontology import ENTITY_GRAPH
from kg.query import list_queries, run
from kg.resolve import resolve
from kg.store import open_store

ROOT = Path(__file__).resolve().parents[1]

#: Parameters of the named queries: entities of the sample articles by label, code and IRI.
PARAMS = {
    "officials": [{"country": "India"}, {"country": "US"}, {"country": "United Kingdom"}],
    "meetings": [{"a": "India", "b": "United States"}, {"a": "IN", "b": "US"}],
    "timeline": [{"entity": "India"}, {"entity": "https://w3id.org/diplokg/id/country/US"}],
    "evidence": [{"subject": "India", "predicate": "type", "object": "Country"},
                 {"subject": "United States", "predicate": "type", "object": "Country"}],
    "posts": [{"person": "Antony Blinken"}, {"person": "Blinken"}],
    "officials-at": [{"country": "US", "date": "2022-01-01"}, {"country": "India", "date": "2030-01-01"}],
    "relations": [{"a": "India", "b": "United States"}],
    "relations-evidence": [{"a": "India", "b": "United States", "month": "2024-03"}],
}


@pytest.fixture(scope="module")
def resolved() -> list:
    """The resolved extractions of every sample article, in file order."""
    articles = [a for a in read_articles([ROOT / "data" / "articles"]) if isinstance(a, Article)]
    return [resolve(x) for x in Extractor.load().extract_all(articles)]


def _quads(store) -> set[tuple]:
    rows = store.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    return set(rows)


def _rows(store) -> dict[str, list]:
    answers = {}
    for query in list_queries():
        for params in PARAMS.get(query.name, [{}]):
            result = run(store, query, params=params)
            answers[f"{query.name} {params}"] = sorted(tuple(map(repr, row)) for row in result.rows)
    return answers


def test_every_named_query_gives_the_rows_of_the_graph_per_article_layout(resolved):
    with open_store("memory") as plain, open_store("memory") as kept:
        plain.replace_graphs({to_store_graphs(x).name: to_triples(x) for x in resolved})
        kept.write_articles([to_store_graphs(x) for x in resolved])
        expected, actual = _rows(plain), _rows(kept)
    assert any(rows for rows in expected.values())
    assert actual == expected


def test_a_fact_about_a_shared_entity_is_stored_once(resolved):
    with open_store("memory") as store:
        store.write_articles([to_store_graphs(x) for x in resolved])
        repeated = store.query("""
            SELECT ?s ?p ?o (COUNT(?g) AS ?copies) WHERE { GRAPH ?g { ?s ?p ?o } }
            GROUP BY ?s ?p ?o HAVING (COUNT(?g) > 1)""").rows
        states = store.query("PREFIX dip: <https://w3id.org/diplokg/ontology#>\n"
                             "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a dip:statesFact ?f } }").rows[0][0]
    assert repeated == []
    assert int(states) > len(resolved)  # several articles state facts about the same countries


def test_removing_an_article_leaves_what_building_without_it_gives(resolved):
    """Exact bookkeeping: add all, remove some, and the store equals a build of the rest."""
    gone = {x.article.id for x in resolved[::3]}
    with open_store("memory") as store, open_store("memory") as rest:
        store.write_articles([to_store_graphs(x) for x in resolved])
        store.remove_articles([to_store_graphs(x).name for x in resolved if x.article.id in gone])
        rest.write_articles([to_store_graphs(x) for x in resolved if x.article.id not in gone])
        assert _quads(store) == _quads(rest)


def test_build_order_does_not_change_the_store(resolved):
    with open_store("memory") as forward, open_store("memory") as backward:
        for x in resolved:
            forward.write_articles([to_store_graphs(x)])
        for x in reversed(resolved):
            backward.write_articles([to_store_graphs(x)])
        assert _quads(forward) == _quads(backward)


def test_an_edited_article_takes_back_the_shared_facts_only_it_stated(resolved):
    """Replacing an article's graph with one that says less drops what nobody else says."""
    first, *others = resolved
    shrunk = dataclasses.replace(first, relations=(), attributes=())
    with open_store("memory") as store, open_store("memory") as expected:
        store.write_articles([to_store_graphs(x) for x in resolved])
        store.write_articles([to_store_graphs(shrunk)])
        expected.write_articles([to_store_graphs(x) for x in others] + [to_store_graphs(shrunk)])
        assert _quads(store) == _quads(expected)


def test_the_last_article_gone_leaves_an_empty_store(resolved):
    with open_store("memory") as store:
        store.write_articles([to_store_graphs(x) for x in resolved])
        store.remove_articles([to_store_graphs(x).name for x in resolved])
        assert store.count_quads() == 0
        assert ENTITY_GRAPH not in store.graphs()


def test_a_remote_server_keeps_the_same_quads(resolved, remote_url):
    """The bookkeeping is plain SPARQL Update, so an ``oxigraph serve`` process ends the same."""
    half = len(resolved) // 2
    with open_store(remote_url) as remote, open_store("memory") as local:
        for store in (remote, local):
            store.write_articles([to_store_graphs(x) for x in resolved])
            store.remove_articles([to_store_graphs(x).name for x in resolved[:half]])
        assert _quads(remote) == _quads(local)
        assert URIRef(ENTITY_GRAPH) in remote.graphs()
        remote.remove_articles([to_store_graphs(x).name for x in resolved])
