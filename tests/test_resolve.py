"""One entity across articles: the same country, organisation, agency or official is one resource.

Builds the sample data and, where it is laid beside the checkout, the shared development
corpus into one in-memory store, then asks the store with SPARQL.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import Extractor
from kg.pipeline import build
from kg.resolve import normalise_name
from kg.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval" / "articles"

PREFIXES = """
PREFIX dip: <https://w3id.org/diplokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


@pytest.fixture(scope="module")
def store():
    ours = ROOT / "data" / "articles"
    # the founding article is in both; one copy is enough (a second would be a duplicate id)
    shared = sorted(p for p in SHARED.glob("*.txt") if not (ours / p.name).exists()) if SHARED.is_dir() else []
    paths = [ours, *shared]
    with open_store("memory") as kg_store:
        report = build(paths, store=kg_store, extractor=Extractor.load())
        assert report.ok, report.failures
        yield kg_store


def _rows(store, sparql: str, **bindings) -> list[tuple]:
    from rdflib import Literal

    return store.query(PREFIXES + sparql, bindings={k: Literal(v) for k, v in bindings.items()}).rows


@pytest.mark.parametrize("kind", ["Country", "Organization", "Official", "Location"])
def test_no_two_resources_of_a_merged_type_share_a_label(store, kind):
    rows = _rows(store, f"""
        SELECT ?label (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a dip:{kind} ; rdfs:label ?label }}
        GROUP BY ?label HAVING (COUNT(DISTINCT ?x) > 1)""")
    assert rows == [], f"{kind} labels held by several resources: {[(str(r[0]), int(r[1])) for r in rows]}"


def test_no_two_agencies_of_one_state_share_a_label(store):
    """Agencies the gazetteer does not know are keyed by name and state: each state's
    "Foreign Ministry" is its own body, but one state has one body of a name."""
    rows = _rows(store, """
        SELECT ?label ?state (COUNT(DISTINCT ?x) AS ?n)
        WHERE { ?x a dip:Agency ; rdfs:label ?label ; dip:agencyOf ?state }
        GROUP BY ?label ?state HAVING (COUNT(DISTINCT ?x) > 1)""")
    assert rows == [], f"agencies of one state sharing a label: {[(str(r[0]), str(r[1])) for r in rows]}"


def test_a_country_is_one_resource_with_its_codes(store):
    rows = _rows(store, """
        SELECT DISTINCT ?c ?wd WHERE { ?c a dip:Country ; dip:iso3166Alpha2 "IN" ; dip:wikidataId ?wd }""")
    assert [(str(c), str(wd)) for c, wd in rows] == [("https://w3id.org/diplokg/id/country/IN", "Q668")]


@pytest.mark.parametrize("name", ["Wang Yi", "Antony Blinken"])
def test_an_official_in_several_articles_is_one_resource(store, name):
    rows = _rows(store, """
        SELECT DISTINCT ?o ?g WHERE { GRAPH ?g { ?o a dip:Official ; rdfs:label ?label } }""")
    wanted = normalise_name(name)
    resources = {str(o) for o, g in rows if wanted in {normalise_name(str(lbl)) for (lbl,) in
                                                     _rows(store, f"SELECT ?l WHERE {{ <{o}> rdfs:label ?l }}")}}
    graphs = {str(g) for o, g in rows if str(o) in resources}
    assert len(resources) == 1, resources
    assert len(graphs) >= 2, f"{name} should appear in several articles of the sample data"


def test_every_merged_entity_records_what_it_was_matched_on(store):
    rows = _rows(store, """
        SELECT ?x WHERE { VALUES ?t { dip:Country dip:Organization dip:Agency dip:Official }
                          ?x a ?t . FILTER NOT EXISTS { ?x dip:matchKey ?k } }""")
    assert rows == []


def test_the_whole_build_conforms_to_the_shapes(store):
    from kg.validate import validate_store

    report, checked = validate_store(store)
    assert checked > 10_000
    assert report.conforms, "\n".join(report.violations[:20])


def test_keys_do_not_depend_on_what_was_built_before(store):
    """An article built alone, then again among all the others, mints the same IRIs."""
    one = ROOT / "data" / "articles" / "biden-modi-phone-call-2021.txt"
    with open_store("memory") as alone:
        build([one], store=alone, extractor=Extractor.load())
        query = PREFIXES + "SELECT DISTINCT ?x WHERE { GRAPH ?g { ?x a dip:Official } }"
        assert {r[0] for r in alone.query(query).rows} <= {r[0] for r in store.query(query).rows}


def test_named_queries_answer_on_real_extractions(store):
    """The named queries run on what the pipeline writes, not only on hand-made fixtures."""
    from kg.query import run

    timeline = run(store, "timeline", params={"entity": "India"})
    dates = [str(row[0]) for row in timeline.rows]
    assert len(dates) >= 4 and dates == sorted(dates)
    meetings = run(store, "meetings", params={"a": "India", "b": "United States"})
    assert len(meetings.rows) >= 3
    officials = run(store, "officials", params={"country": "IN"})
    assert any(str(row[1]) == "Ajay Bhalla" for row in officials.rows)
