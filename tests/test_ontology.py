"""ontology/diplomacy.ttl and shapes.ttl: parse, match kg.ontology.DIP, say what the issue asks."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import FOAF, OWL, PROV, RDF, RDFS, SH, SKOS

from kg.mapping import AGREEMENT_KINDS, EVENT_KINDS
from kg.model import ATTRIBUTES, ENTITY_TYPES, INTERACTION_TYPES, RELATIONS
from kg.ontology import CAMEO, DIP, ORG, PLOVER, QUAD, SCHEMA
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
    assert onto.value(ont, OWL.versionInfo) == Literal("0.4.0")
    assert onto.value(ont, OWL.versionIRI) == URIRef("https://w3id.org/diplokg/ontology/0.4.0")


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
    ("date", {"Agreement", "Interaction"}, {"http://www.w3.org/2001/XMLSchema#date"}),
    ("actor", {"Interaction"}, {"Country", "Agency", "Organization", "Official"}),
    ("recipient", {"Interaction"}, {"Country", "Agency", "Organization", "Official"}),
    ("actorState", {"Interaction"}, {"Country", "Organization"}),
    ("recipientState", {"Interaction"}, {"Country", "Organization"}),
    ("during", {"Interaction"}, {"Event"}),
    ("cooperationWeight", {"http://www.w3.org/2004/02/skos/core#Concept"}, {"http://www.w3.org/2001/XMLSchema#decimal"}),
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
    (DIP.Interaction, RDFS.subClassOf, SEM.Event),
    (DIP.Interaction, RDFS.subClassOf, PROV.Entity),
    (DIP.actor, RDFS.subPropertyOf, SEM.hasActor),
    (DIP.eventType, RDFS.subPropertyOf, SEM.eventType),
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


# ---- interactions: the PLOVER and CAMEO schemes (issue 9) -------------------------------------

DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
WEIGHTS = {"AGREE": 4.0, "CONSULT": 3.0, "SUPPORT": 3.5, "CONCEDE": 5.0, "COOPERATE": 6.0, "AID": 7.0,
           "RETREAT": 5.0, "REQUEST": 1.0, "ACCUSE": -2.0, "REJECT": -4.0, "THREATEN": -6.0, "PROTEST": -5.0,
           "SANCTION": -7.0, "MOBILIZE": -7.5, "COERCE": -8.0, "ASSAULT": -10.0}


@pytest.fixture(scope="module")
def schemes() -> Graph:
    graph = Graph()
    for name in ("plover.ttl", "cameo.ttl"):
        graph.parse(data_dir().file("ontology", name), format="turtle")
    return graph


def test_interaction_is_no_event(onto):
    assert (DIP.Interaction, RDFS.subClassOf, DIP.Event) not in onto
    assert any({DIP.Interaction, DIP.Event} <= set(Collection(onto, onto.value(node, OWL.members)))
               for node in onto.subjects(RDF.type, OWL.AllDisjointClasses))


def test_plover_scheme_has_the_sixteen_types_with_quad_class_and_weight(schemes):
    types = {str(schemes.value(c, SKOS.notation)) for c in schemes.subjects(SKOS.topConceptOf, PLOVER.scheme)}
    assert types == set(INTERACTION_TYPES) == set(WEIGHTS)
    quads = {schemes.value(c, SKOS.notation).value for c in schemes.subjects(SKOS.inScheme, QUAD.scheme)}
    assert quads == {"1", "2", "3", "4"}
    for name, weight in WEIGHTS.items():
        concept = PLOVER[name]
        assert (concept, SKOS.inScheme, PLOVER.scheme) in schemes
        assert schemes.value(concept, DIP.cooperationWeight) == Literal(str(weight), datatype=DECIMAL)
        assert (schemes.value(concept, DIP.quadClass), SKOS.inScheme, QUAD.scheme) in schemes
        assert len(str(schemes.value(concept, SKOS.definition))) > 30
    assert schemes.value(PLOVER["mode-phone"], SKOS.notation) == Literal("phone")


def test_cameo_scheme_has_the_twenty_roots_and_the_published_crosswalk(schemes):
    roots = {str(schemes.value(c, SKOS.notation)) for c in schemes.subjects(SKOS.topConceptOf, CAMEO.scheme)}
    assert roots == {f"{n:02d}" for n in range(1, 21)}
    assert schemes.value(CAMEO["036"], DIP.ploverType) == PLOVER.AGREE
    assert schemes.value(CAMEO["041"], SKOS.relatedMatch) == PLOVER["mode-phone"]
    assert schemes.value(CAMEO["166"], DIP.ploverType) == PLOVER.SANCTION
    assert schemes.value(CAMEO["01"], DIP.ploverType) is None  # PLOVER dropped public statements
    for code in schemes.subjects(DIP.ploverType, None):
        assert (schemes.value(code, DIP.ploverType), SKOS.inScheme, PLOVER.scheme) in schemes


def test_every_cue_codes_with_concepts_the_schemes_define(schemes):
    import json

    cues = json.loads(data_dir().file("rules", "interactions.json").read_text(encoding="utf-8"))
    entries = [e for entries in cues["verbs"].values() for e in entries] + list(cues["nouns"].values())
    for entry in entries:
        assert entry["type"] in INTERACTION_TYPES, entry
        assert (CAMEO[entry["cameo"]], SKOS.inScheme, CAMEO.scheme) in schemes, entry
        if entry.get("mode"):
            assert (PLOVER["mode-" + entry["mode"]], SKOS.inScheme, PLOVER.scheme) in schemes, entry
