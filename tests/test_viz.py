"""Tests for the rdflib projection (kg.views.rdf; the views read from a store: tests/test_views.py).

The fixture builder here is shared with tests/test_views.py."""

from __future__ import annotations

import hashlib
import warnings

import networkx as nx
import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib import namespace as rdfns
from rdflib.namespace import PROV, SKOS

from kg.errors import ConfigError
from kg.ontology import DIP, NIF, SCHEMA, article_iri, entity_iri, graph_iri
from kg.views import most_connected, summary, to_networkx

EVIL_NAME = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> Smith'
EVIL_SENTENCE = 'Smith said <img src=x onerror="window.__xss=3"> & left.'

IN, US = entity_iri("country/IN"), entity_iri("country/US")
BHALLA, EVIL = entity_iri("official/ajay-bhalla--in"), entity_iri("official/evil--us")
DIALOGUE = entity_iri("event/a1/homeland-security-dialogue")
MOU = entity_iri("agreement/a1/mou-on-cyber-security")
DELHI = entity_iri("location/new-delhi")


# --------------------------------------------------------------------------- fixtures


class _ArticleGraph:
    """Writes one article's named graph in the shared layout, with reified assertions."""

    def __init__(self, dataset: Dataset, aid: str, title: str) -> None:
        self.aid = aid
        self.graph = dataset.graph(graph_iri(aid))
        self.article = article_iri(aid)
        self.graph.add((self.article, RDF.type, DIP.Article))
        self.graph.add((self.article, RDF.type, NIF.Context))
        self.graph.add((self.article, RDFS.label, Literal(title)))
        self.graph.add((self.article, SCHEMA.headline, Literal(title)))
        self.offset = 0

    def sentence(self, text: str) -> URIRef:
        start, end = self.offset, self.offset + len(text)
        self.offset = end + 1
        node = URIRef(f"{self.article}/sentence/{start}-{end}")
        self.graph.add((node, RDF.type, NIF.Sentence))
        self.graph.add((node, NIF.beginIndex, Literal(start, datatype=rdfns.XSD.nonNegativeInteger)))
        self.graph.add((node, NIF.endIndex, Literal(end, datatype=rdfns.XSD.nonNegativeInteger)))
        self.graph.add((node, NIF.anchorOf, Literal(text)))
        self.graph.add((node, NIF.referenceContext, self.article))
        return node

    def entity(self, iri: URIRef, types: tuple[URIRef, ...], label: str, *aliases: str) -> None:
        for rdf_type in types:
            self.graph.add((iri, RDF.type, rdf_type))
        self.graph.add((iri, RDFS.label, Literal(label)))
        for alias in aliases:
            self.graph.add((iri, SKOS.altLabel, Literal(alias)))

    def fact(self, s: URIRef, p: URIRef, o, sentence: URIRef) -> None:
        self.graph.add((s, p, o))
        digest = hashlib.sha1(f"{s} {p} {o}".encode()).hexdigest()[:16]
        assertion = URIRef(f"{self.article}/assertion/{digest}")
        self.graph.add((assertion, RDF.type, DIP.Assertion))
        self.graph.add((assertion, RDF.subject, s))
        self.graph.add((assertion, RDF.predicate, p))
        self.graph.add((assertion, RDF.object, o))
        self.graph.add((assertion, PROV.wasDerivedFrom, sentence))
        self.graph.add((assertion, DIP.method, Literal("rule:test")))
        self.graph.add((assertion, DIP.confidence, Literal("0.9", datatype=rdfns.XSD.decimal)))


def _build_dataset() -> Dataset:
    dataset = Dataset()
    one = _ArticleGraph(dataset, "a1", "India and US hold homeland security dialogue")
    s1 = one.sentence("Home Secretary Ajay Bhalla and Smith co-chaired the Homeland Security Dialogue in New Delhi.")
    s2 = one.sentence("India and the United States signed an MoU on cyber security.")
    s3 = one.sentence(EVIL_SENTENCE)
    one.entity(IN, (DIP.Country,), "India", "Bharat")
    one.entity(US, (DIP.Country,), "United States", "US", "U.S.")
    one.entity(BHALLA, (DIP.Official,), "Ajay Bhalla", "Bhalla")
    one.entity(EVIL, (DIP.Official,), EVIL_NAME)
    one.entity(DIALOGUE, (DIP.Event, DIP.Dialogue), "Homeland Security Dialogue")
    one.entity(MOU, (DIP.Agreement, DIP.Memorandum), "MoU on cyber security")
    one.entity(DELHI, (DIP.Location,), "New Delhi")
    one.fact(BHALLA, DIP.jobTitle, Literal("Home Secretary"), s1)
    one.fact(EVIL, DIP.jobTitle, Literal("Deputy <b>Secretary</b>"), s3)
    one.fact(DIALOGUE, DIP.date, Literal("2024-03-01", datatype=rdfns.XSD.date), s1)
    one.fact(BHALLA, DIP.represents, IN, s1)
    one.fact(EVIL, DIP.represents, US, s3)
    one.fact(DIALOGUE, DIP.participant, BHALLA, s1)
    one.fact(DIALOGUE, DIP.participant, EVIL, s1)
    one.fact(DIALOGUE, DIP.chair, BHALLA, s1)
    one.fact(DIALOGUE, DIP.location, DELHI, s1)
    one.fact(MOU, DIP.party, IN, s2)
    one.fact(MOU, DIP.party, US, s2)
    one.fact(MOU, DIP.signatory, EVIL, s3)
    one.fact(MOU, DIP.signedAt, DELHI, s2)
    # a relation to something that is not an entity is not an edge
    one.fact(DIALOGUE, DIP.location, one.article, s1)
    # the second article repeats India (as every article graph does) and one fact, with new evidence
    two = _ArticleGraph(dataset, "a2", "Cyber MoU takes effect")
    t1 = two.sentence("The memorandum between India and the US took effect on Monday.")
    two.entity(IN, (DIP.Country,), "India", "Republic of India")
    two.entity(US, (DIP.Country,), "United States")
    two.entity(MOU, (DIP.Agreement, DIP.Memorandum), "MoU on cyber security")
    two.fact(MOU, DIP.party, IN, t1)
    return dataset


EXPECTED_EDGES = {
    (str(BHALLA), str(IN), "represents"), (str(EVIL), str(US), "represents"),
    (str(DIALOGUE), str(BHALLA), "participant"), (str(DIALOGUE), str(EVIL), "participant"),
    (str(DIALOGUE), str(BHALLA), "chair"), (str(DIALOGUE), str(DELHI), "location"),
    (str(MOU), str(IN), "party"), (str(MOU), str(US), "party"),
    (str(MOU), str(EVIL), "signatory"), (str(MOU), str(DELHI), "signedAt"),
}


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return _build_dataset()


@pytest.fixture(scope="module")
def projection(dataset: Dataset) -> nx.MultiDiGraph:
    return to_networkx(dataset)


# --------------------------------------------------------------------------- projection


def test_projection_has_the_entities_with_their_attributes(projection: nx.MultiDiGraph) -> None:
    assert sorted(projection.nodes) == sorted(map(str, (IN, US, BHALLA, EVIL, DIALOGUE, MOU, DELHI)))
    india = projection.nodes[str(IN)]
    assert india["label"] == "India"
    assert india["type"] == "Country" and india["kind"] is None
    assert india["aliases"] == ["Bharat", "Republic of India"]  # merged across both article graphs
    assert india["iri"] == str(IN)
    bhalla = projection.nodes[str(BHALLA)]
    assert bhalla["type"] == "Official" and bhalla["job_titles"] == ["Home Secretary"]
    assert bhalla["aliases"] == ["Bhalla"]
    dialogue = projection.nodes[str(DIALOGUE)]
    assert (dialogue["type"], dialogue["kind"]) == ("Event", "Dialogue")
    assert dialogue["dates"] == {"date": ["2024-03-01"]}
    assert projection.nodes[str(MOU)]["kind"] == "Memorandum"
    assert projection.nodes[str(EVIL)]["label"] == EVIL_NAME  # kept as written; escaping is the page's job


def test_projection_edges_carry_relation_and_evidence(projection: nx.MultiDiGraph) -> None:
    edges = {(s, o, key) for s, o, key in projection.edges(keys=True)}
    assert edges == EXPECTED_EDGES  # the location pointing at the article is dropped
    chair = projection.edges[str(DIALOGUE), str(BHALLA), "chair"]
    assert chair["relation"] == "chair"
    assert chair["evidence"] == [
        "Home Secretary Ajay Bhalla and Smith co-chaired the Homeland Security Dialogue in New Delhi."
    ]
    assert chair["articles"] == ["India and US hold homeland security dialogue"]
    party = projection.edges[str(MOU), str(IN), "party"]
    assert len(party["evidence"]) == 2
    assert party["articles"] == ["Cyber MoU takes effect", "India and US hold homeland security dialogue"]


def test_projection_of_plain_graph_equals_union_of_dataset(dataset: Dataset, projection: nx.MultiDiGraph) -> None:
    merged = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        merged.add((s, p, o))
    plain = to_networkx(merged)
    assert list(plain.nodes(data=True)) == list(projection.nodes(data=True))
    assert list(plain.edges(keys=True, data=True)) == list(projection.edges(keys=True, data=True))


def test_projection_of_dataset_raises_no_deprecation_warning(dataset: Dataset) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        to_networkx(dataset)
    assert not [w for w in caught if issubclass(w.category, DeprecationWarning)]


def test_most_connected_and_summary(projection: nx.MultiDiGraph) -> None:
    assert most_connected(projection, type="Country") == [("India", 2), ("United States", 2)]
    assert most_connected(projection, type="Official", n=1) == [(EVIL_NAME, 3)]
    stats = summary(projection)
    assert (stats["nodes"], stats["edges"]) == (7, 10)
    assert stats["types"] == {"Country": 2, "Agency": 0, "Organization": 0, "Official": 2,
                              "Agreement": 1, "Event": 1, "Location": 1}
    assert stats["relations"]["participant"] == 2 and stats["relations"]["memberOf"] == 0
    with pytest.raises(ConfigError, match="unknown entity type 'Nation'"):
        most_connected(projection, type="Nation")
