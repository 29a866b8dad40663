"""ontology/diplomacy.ttl and shapes.ttl: parse, match kg.ontology.DIP, say what the issue asks."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import FOAF, OWL, PROV, RDF, RDFS, SH

from kg.mapping import AGREEMENT_KINDS, EVENT_KINDS
from kg.model import ATTRIBUTES, ENTITY_TYPES, RELATIONS
from kg.ontology import DIP, ORG, SCHEMA
from kg.resources import data_dir

NS = str(DIP._NS)
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
TERM_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
DIP_NAMES = set(DIP.__annotations__)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(data_dir().file("ontology", "diplomacy.ttl"), format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(data_dir().file("ontology", "shapes.ttl"), format="turtle")


def _declared(onto: Graph) -> set[str]:
    return {str(s)[len(NS):] for kind in TERM_KINDS for s in onto.subjects(RDF.type, kind)
            if str(s).startswith(NS)}


def _used(graph: Graph) -> set[str]:
    return {str(t)[len(NS):] for triple in graph for t in triple
            if isinstance(t, URIRef) and str(t).startswith(NS)}


def test_ontology_header(onto):
    ont = URIRef("https://w3id.org/diplokg/ontology")
    assert (ont, RDF.type, OWL.Ontology) in onto
    assert onto.value(ont, OWL.versionInfo) == Literal("0.2.0")
    assert onto.value(ont, OWL.versionIRI) == URIRef("https://w3id.org/diplokg/ontology/0.2.0")


def test_declared_terms_equal_the_closed_namespace(onto):
    declared = _declared(onto)
    assert declared - DIP_NAMES == set(), "declared in the ontology but missing from kg.ontology.DIP"
    assert DIP_NAMES - declared == set(), "in kg.ontology.DIP but not declared in the ontology"


def test_no_undeclared_term_is_used(onto, shapes):
    assert _used(onto) <= DIP_NAMES
    assert _used(shapes) <= DIP_NAMES


@pytest.mark.parametrize("name", sorted(DIP_NAMES))
def test_every_term_has_a_label_and_a_comment(onto, name):
    term = DIP[name]
    assert isinstance(onto.value(term, RDFS.label), Literal)
    assert len(str(onto.value(term, RDFS.comment))) > 10


@pytest.mark.parametrize(("names", "kind"), [
    (ENTITY_TYPES + ("Article", "Assertion"), OWL.Class),
    (RELATIONS + ("evidence",), OWL.ObjectProperty),
    (ATTRIBUTES + ("iso3166Alpha2", "iso3166Alpha3", "wikidataId", "matchKey", "sourceFile", "contentHash",
                   "method", "confidence"), OWL.DatatypeProperty),
])
def test_core_terms_have_their_kind(onto, names, kind):
    for name in names:
        assert (DIP[name], RDF.type, kind) in onto, name


@pytest.mark.parametrize(("parent", "kinds"), [("Agreement", AGREEMENT_KINDS), ("Event", EVENT_KINDS)])
def test_kinds_are_the_subclasses_the_mapping_knows(onto, parent, kinds):
    subclasses = {str(s)[len(NS):] for s in onto.subjects(RDFS.subClassOf, DIP[parent])}
    assert subclasses == set(kinds)


def _class_set(onto: Graph, node) -> set[str]:
    """The local names of a class or of the members of an owl:unionOf class."""
    if isinstance(node, BNode):
        return {str(m)[len(NS):] for m in Collection(onto, onto.value(node, OWL.unionOf))}
    return {str(node)[len(NS):] if str(node).startswith(NS) else str(node)}


@pytest.mark.parametrize(("prop", "domain", "range_"), [
    ("participant", {"Event"}, {"Country", "Agency", "Organization", "Official"}),
    ("chair", {"Event"}, {"Official"}),
    ("location", {"Event"}, {"Location"}),
    ("party", {"Agreement"}, {"Country", "Agency", "Organization"}),
    ("signatory", {"Agreement"}, {"Official"}),
    ("signedAt", {"Agreement"}, {"Event"}),
    ("represents", {"Official"}, {"Country", "Organization"}),
    ("memberOf", {"Official"}, {"Agency", "Organization"}),
    ("agencyOf", {"Agency"}, {"Country"}),
    ("jobTitle", {"Official"}, {"http://www.w3.org/2001/XMLSchema#string"}),
    ("startDate", {"Event"}, {"http://www.w3.org/2001/XMLSchema#date"}),
    ("endDate", {"Event"}, {"http://www.w3.org/2001/XMLSchema#date"}),
    ("date", {"Agreement"}, {"http://www.w3.org/2001/XMLSchema#date"}),
    ("confidence", {"Assertion"}, {"http://www.w3.org/2001/XMLSchema#decimal"}),
])
def test_domains_and_ranges(onto, prop, domain, range_):
    assert _class_set(onto, onto.value(DIP[prop], RDFS.domain)) == domain
    assert _class_set(onto, onto.value(DIP[prop], RDFS.range)) == range_


def test_the_core_classes_are_pairwise_disjoint(onto):
    groups = [set(Collection(onto, onto.value(node, OWL.members)))
              for node in onto.subjects(RDF.type, OWL.AllDisjointClasses)]
    core = {DIP[name] for name in ENTITY_TYPES}
    assert any(core <= group for group in groups)


@pytest.mark.parametrize(("sub", "axiom", "sup"), [
    (DIP.Country, RDFS.subClassOf, SCHEMA.Country),
    (DIP.Official, RDFS.subClassOf, SCHEMA.Person),
    (DIP.Official, RDFS.subClassOf, FOAF.Person),
    (DIP.Event, RDFS.subClassOf, SCHEMA.Event),
    (DIP.Event, RDFS.subClassOf, SEM.Event),
    (DIP.Agreement, RDFS.subClassOf, SCHEMA.CreativeWork),
    (DIP.Agency, RDFS.subClassOf, ORG.Organization),
    (DIP.Organization, RDFS.subClassOf, FOAF.Organization),
    (DIP.Location, RDFS.subClassOf, SCHEMA.Place),
    (DIP.Article, RDFS.subClassOf, SCHEMA.NewsArticle),
    (DIP.Article, RDFS.subClassOf, PROV.Entity),
    (DIP.Assertion, RDFS.subClassOf, PROV.Entity),
    (DIP.Assertion, RDFS.subClassOf, RDF.Statement),
    (DIP.location, RDFS.subPropertyOf, SCHEMA.location),
    (DIP.location, RDFS.subPropertyOf, SEM.hasPlace),
    (DIP.participant, RDFS.subPropertyOf, SEM.hasActor),
    (DIP.jobTitle, RDFS.subPropertyOf, SCHEMA.jobTitle),
    (DIP.startDate, RDFS.subPropertyOf, SCHEMA.startDate),
    (DIP.endDate, RDFS.subPropertyOf, SCHEMA.endDate),
    (DIP.memberOf, RDFS.subPropertyOf, ORG.memberOf),
    (DIP.agencyOf, RDFS.subPropertyOf, ORG.subOrganizationOf),
    (DIP.evidence, RDFS.subPropertyOf, PROV.wasDerivedFrom),
    (DIP.Country, RDFS.seeAlso, URIRef("http://www.wikidata.org/entity/Q6256")),
])
def test_alignment_axioms(onto, sub, axiom, sup):
    assert (sub, axiom, sup) in onto


def test_alignment_stays_outside_the_core_types(onto):
    """No dip class is a subclass of two core types (the scorer counts only dip: types)."""
    core = {DIP[name] for name in ENTITY_TYPES}
    for cls in onto.subjects(RDF.type, OWL.Class):
        assert len(set(onto.objects(cls, RDFS.subClassOf)) & core) <= 1, cls


def test_every_property_shape_explains_itself(shapes):
    props = set(shapes.subjects(SH.path, None))
    assert props
    for prop in props:
        assert isinstance(shapes.value(prop, SH.message), Literal), prop
