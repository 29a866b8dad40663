"""The project's closed vocabulary: every term of ``ontology/diplomacy.ttl`` and its IRIs.

A misspelt term is an error at import time of the caller (``DefinedNamespace`` with
``_fail``); ``tests/test_ontology.py`` keeps this list equal to the ontology file. The file
itself ships with the package and is found through :mod:`kg.resources`.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = ["DIP", "BASE", "ID", "GRAPH", "ENTITY_GRAPH", "NIF", "ITSRDF", "OA", "SCHEMA", "ORG", "PLOVER", "CAMEO", "QUAD", "PREFIXES",
           "entity_iri", "article_iri", "graph_iri", "interaction_iri"]

BASE = "https://w3id.org/diplokg/"
ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")
#: The one named graph that holds the facts about entities shared across articles (countries,
#: organisations, agencies, officials, places), each once; outside ``GRAPH`` so that no
#: article id can name it.
ENTITY_GRAPH = URIRef(BASE + "entities")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
PLOVER = Namespace(BASE + "plover/")
CAMEO = Namespace(BASE + "cameo/")
QUAD = Namespace(BASE + "quad/")

PREFIXES: dict[str, str] = {
    "dip": BASE + "ontology#",
    "id": BASE + "id/",
    "graph": BASE + "graph/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "nif": str(NIF),
    "itsrdf": str(ITSRDF),
    "oa": str(OA),
    "org": str(ORG),
    "plover": str(PLOVER),
    "cameo": str(CAMEO),
    "quad": str(QUAD),
}
"""The prefixes users see in query results and may use in queries without declaring them."""


class DIP(DefinedNamespace):
    """diplokg ontology terms (``https://w3id.org/diplokg/ontology#``)."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")

    # the seven entity types (the scorer and every query rely on these local names)
    Country: URIRef
    Agency: URIRef
    Organization: URIRef
    Official: URIRef
    Agreement: URIRef
    Event: URIRef
    Location: URIRef
    # kinds of agreement
    Memorandum: URIRef
    Treaty: URIRef
    Protocol: URIRef
    JointStatement: URIRef
    Declaration: URIRef
    Communique: URIRef
    Accord: URIRef
    Framework: URIRef
    Charter: URIRef
    LetterOfUnderstanding: URIRef
    # kinds of event
    Meeting: URIRef
    Dialogue: URIRef
    Consultation: URIRef
    Summit: URIRef
    Visit: URIRef
    Call: URIRef
    Talks: URIRef
    Conference: URIRef
    Session: URIRef
    SigningCeremony: URIRef
    Summons: URIRef
    # provenance
    Article: URIRef
    Assertion: URIRef
    # relations between entities
    represents: URIRef
    memberOf: URIRef
    agencyOf: URIRef
    participant: URIRef
    chair: URIRef
    location: URIRef
    party: URIRef
    signatory: URIRef
    signedAt: URIRef
    # attributes
    jobTitle: URIRef
    startDate: URIRef
    endDate: URIRef
    date: URIRef
    # identifiers and resolution
    iso3166Alpha2: URIRef
    iso3166Alpha3: URIRef
    wikidataId: URIRef
    matchKey: URIRef
    # provenance of facts
    sourceFile: URIRef
    contentHash: URIRef
    method: URIRef
    confidence: URIRef
    evidence: URIRef
    statesFact: URIRef
    buildFingerprint: URIRef
    # posts in time: an official's post as of an article's date (aligned with org:Membership)
    PostHolding: URIRef
    holder: URIRef
    body: URIRef
    title: URIRef
    asOf: URIRef
    # interactions: who did what to whom, coded in PLOVER and CAMEO (ontology/plover.ttl, cameo.ttl)
    Interaction: URIRef
    actor: URIRef
    recipient: URIRef
    actorState: URIRef
    recipientState: URIRef
    eventType: URIRef
    quadClass: URIRef
    cooperationWeight: URIRef
    cameoCode: URIRef
    mode: URIRef
    during: URIRef
    ploverType: URIRef


def entity_iri(key: str) -> URIRef:
    """The IRI of the entity whose resolved key is ``key`` (e.g. ``country/IN``)."""
    return ID[key]


def _one_segment(article_id: str) -> str:
    """An article id as one IRI path segment: anything unsafe, '/' included, percent-encoded."""
    from urllib.parse import quote

    return quote(article_id, safe="-._~")


def article_iri(article_id: str) -> URIRef:
    """The resource that stands for the article itself (title, date, source, hash)."""
    return ID["article/" + _one_segment(article_id)]


def graph_iri(article_id: str) -> URIRef:
    """The named graph that holds everything read from one article."""
    return GRAPH[_one_segment(article_id)]


def interaction_iri(article_id: str, number: int) -> URIRef:
    """The ``number``-th interaction read from an article (counted from 1, in reading order)."""
    return ID[f"interaction/{_one_segment(article_id)}/{number}"]
