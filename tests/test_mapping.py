"""kg.mapping: records of the founding article → one named graph in the shared layout."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic, to_isomorphic
from rdflib import namespace as rns
from rdflib.namespace import RDF, RDFS, SKOS

from kg.errors import KgError
from kg.formats import RDF_FORMATS
from kg.mapping import serialize, to_graph, to_triples
from kg.model import Article, Attribute, Entity, Extraction, Relation, Span
from kg.ontology import DIP, ITSRDF, NIF, article_iri, entity_iri, graph_iri

TEXT = (
    "Washington, March 1: The India-US Homeland Security Dialogue deepened the partnership. "
    "From February 27 to February 29, US Deputy Secretary Kristie Canegallo and Home Secretary "
    "Ajay Bhalla met in New Delhi to co-chair the India-US Homeland Security Dialogue. "
    "At the conclusion of the dialogue, Canegallo and Bhalla signed a Memorandum of Cooperation "
    "between the United States and India."
)


def _span(text: str, *, nth: int = 0) -> Span:
    """The span of the nth occurrence of ``text`` in TEXT, with its sentence."""
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    end = start + len(text)
    s_start = TEXT.rfind(". ", 0, start)
    s_start = 0 if s_start < 0 else s_start + 2
    s_end = TEXT.find(". ", end)
    s_end = len(TEXT) if s_end < 0 else s_end + 1
    return Span(start, end, text, s_start, s_end)


def founding_extraction() -> Extraction:
    """The facts of the founding article (India-US Homeland Security Dialogue), by hand."""
    article = Article(id="seed-india-us-hsd", title="India-US Homeland Security Dialogue", text=TEXT,
                      source="data/articles/seed-india-us-hsd.txt", sha256="ab" * 32,
                      date=dt.date(2024, 3, 1), url="https://example.org/hsd")
    hsd, moc = "event/seed-india-us-hsd/india-us-homeland-security-dialogue", \
        "agreement/seed-india-us-hsd/memorandum-of-cooperation"
    entities = (
        Entity("country/US", "Country", "United States", aliases=("US", "United States"),
               mentions=(_span("US", nth=1), _span("United States")),
               identifiers=(("iso3166", "US"), ("iso3166alpha3", "USA"), ("wikidata", "Q30")),
               match_key="iso:US", method="gazetteer:country"),
        Entity("country/IN", "Country", "India", aliases=("India",), mentions=(_span("India", nth=2),),
               identifiers=(("iso3166", "IN"), ("wikidata", "Q668")), match_key="iso:IN"),
        Entity("official/kristie-canegallo--us", "Official", "Kristie Canegallo", aliases=("Canegallo",),
               mentions=(_span("Kristie Canegallo"), _span("Canegallo", nth=1)),
               match_key="name:kristie canegallo|US", confidence=0.9),
        Entity("official/ajay-bhalla--in", "Official", "Ajay Bhalla", aliases=("Bhalla",),
               mentions=(_span("Ajay Bhalla"), _span("Bhalla", nth=1)), match_key="name:ajay bhalla|IN"),
        Entity("location/new-delhi", "Location", "New Delhi", mentions=(_span("New Delhi"),)),
        Entity(hsd, "Event", "India-US Homeland Security Dialogue", kind="Dialogue",
               mentions=(_span("India-US Homeland Security Dialogue"),
                         _span("India-US Homeland Security Dialogue", nth=1))),
        Entity(moc, "Agreement", "Memorandum of Cooperation", kind="Memorandum",
               mentions=(_span("Memorandum of Cooperation"),)),
    )
    co_chair = _span("co-chair")
    relations = (
        Relation("official/kristie-canegallo--us", "represents", "country/US", _span("US", nth=1),
                 method="rule:country-adjective-before-title", confidence=0.8),
        Relation("official/ajay-bhalla--in", "represents", "country/IN", None, method="rule:default-country"),
        Relation(hsd, "participant", "official/kristie-canegallo--us", co_chair, method="rule:met-in"),
        Relation(hsd, "participant", "official/ajay-bhalla--in", co_chair, method="rule:met-in"),
        Relation(hsd, "chair", "official/kristie-canegallo--us", co_chair, method="rule:co-chair"),
        Relation(hsd, "chair", "official/ajay-bhalla--in", co_chair, method="rule:co-chair"),
        Relation(hsd, "location", "location/new-delhi", _span("New Delhi"), method="rule:met-in"),
        Relation(moc, "party", "country/US", _span("United States"), method="rule:between"),
        Relation(moc, "party", "country/IN", _span("India", nth=2), method="rule:between"),
        Relation(moc, "signatory", "official/kristie-canegallo--us", _span("signed"), method="rule:signed"),
        Relation(moc, "signatory", "official/ajay-bhalla--in", _span("signed"), method="rule:signed"),
        Relation(moc, "signedAt", hsd, _span("At the conclusion of the dialogue"), method="rule:at-the-conclusion"),
    )
    attributes = (
        Attribute("official/kristie-canegallo--us", "jobTitle", "Deputy Secretary", _span("Deputy Secretary"),
                  method="rule:title-before-name", confidence=0.9),
        Attribute("official/ajay-bhalla--in", "jobTitle", "Home Secretary", _span("Home Secretary"),
                  method="rule:title-before-name", confidence=0.9),
        Attribute(hsd, "startDate", "2024-02-27", _span("February 27"), method="rule:from-to"),
        Attribute(hsd, "endDate", "2024-02-29", _span("February 29"), method="rule:from-to"),
        Attribute(moc, "date", "2024-02-29", None, method="rule:event-end-date", confidence=0.6),
    )
    return Extraction(article=article, entities=entities, relations=relations, attributes=attributes)


@pytest.fixture(scope="module")
def graph() -> Graph:
    return to_graph(founding_extraction())


def _ask(graph: Graph, query: str, **bindings) -> bool:
    prefixes = ("PREFIX dip: <https://w3id.org/diplokg/ontology#>\n"
                "PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>\n"
                "PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>\n"
                "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
                "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
                "PREFIX schema: <https://schema.org/>\n")
    return bool(graph.query(prefixes + query, initBindings=bindings).askAnswer)


HSD = entity_iri("event/seed-india-us-hsd/india-us-homeland-security-dialogue")
MOC = entity_iri("agreement/seed-india-us-hsd/memorandum-of-cooperation")
CANEGALLO = entity_iri("official/kristie-canegallo--us")
BHALLA = entity_iri("official/ajay-bhalla--in")
US, IN = entity_iri("country/US"), entity_iri("country/IN")
DELHI = entity_iri("location/new-delhi")


def test_graph_is_named_after_the_article(graph):
    assert graph.identifier == graph_iri("seed-india-us-hsd")
    assert str(graph.identifier) == "https://w3id.org/diplokg/graph/seed-india-us-hsd"


@pytest.mark.parametrize(("s", "p", "o"), [
    (CANEGALLO, DIP.represents, US),
    (BHALLA, DIP.represents, IN),
    (HSD, DIP.participant, CANEGALLO),
    (HSD, DIP.participant, BHALLA),
    (HSD, DIP.chair, CANEGALLO),
    (HSD, DIP.chair, BHALLA),
    (HSD, DIP.location, DELHI),
    (MOC, DIP.party, US),
    (MOC, DIP.party, IN),
    (MOC, DIP.signatory, CANEGALLO),
    (MOC, DIP.signatory, BHALLA),
    (MOC, DIP.signedAt, HSD),
    (BHALLA, DIP.jobTitle, Literal("Home Secretary")),
    (CANEGALLO, DIP.jobTitle, Literal("Deputy Secretary")),
    (HSD, DIP.startDate, Literal("2024-02-27", datatype=rns.XSD.date)),
    (HSD, DIP.endDate, Literal("2024-02-29", datatype=rns.XSD.date)),
    (MOC, DIP.date, Literal("2024-02-29", datatype=rns.XSD.date)),
])
def test_fact_is_stated_directly_and_as_an_assertion(graph, s, p, o):
    assert (s, p, o) in graph
    assert _ask(graph, """ASK { ?a a dip:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                                  dip:method ?m ; dip:confidence ?c ; prov:wasDerivedFrom ?src .
                               FILTER(isLiteral(?m) && datatype(?c) = xsd:decimal && ?c >= 0 && ?c <= 1) }""",
                s=s, p=p, o=o)


@pytest.mark.parametrize(("node", "types"), [
    (US, {DIP.Country}), (IN, {DIP.Country}), (BHALLA, {DIP.Official}), (DELHI, {DIP.Location}),
    (HSD, {DIP.Event, DIP.Dialogue}), (MOC, {DIP.Agreement, DIP.Memorandum}),
])
def test_entity_types_include_the_kind_and_each_is_asserted(graph, node, types):
    assert set(graph.objects(node, RDF.type)) == types
    for cls in types:
        assert _ask(graph, "ASK { ?a a dip:Assertion ; rdf:subject ?s ; rdf:predicate rdf:type ; rdf:object ?o ;"
                           " dip:evidence ?m . ?m itsrdf:taIdentRef ?s }", s=node, o=cls)


def test_entity_names_identifiers_and_match_key(graph):
    assert graph.value(US, RDFS.label) == Literal("United States")
    assert set(graph.objects(US, SKOS.altLabel)) == {Literal("US"), Literal("United States")}
    assert graph.value(US, DIP.iso3166Alpha2) == Literal("US")
    assert graph.value(US, DIP.iso3166Alpha3) == Literal("USA")
    assert graph.value(IN, DIP.wikidataId) == Literal("Q668")
    assert graph.value(IN, SKOS.exactMatch) == URIRef("http://www.wikidata.org/entity/Q668")
    assert graph.value(BHALLA, DIP.matchKey) == Literal("name:ajay bhalla|IN")


def test_article_node(graph):
    art = article_iri("seed-india-us-hsd")
    assert set(graph.objects(art, RDF.type)) == {DIP.Article, NIF.Context}
    assert _ask(graph, """ASK { ?art rdfs:label "India-US Homeland Security Dialogue" ;
                           schema:headline "India-US Homeland Security Dialogue" ;
                           schema:datePublished "2024-03-01"^^xsd:date ;
                           schema:url "https://example.org/hsd"^^xsd:anyURI ;
                           dip:sourceFile "data/articles/seed-india-us-hsd.txt" ;
                           dip:contentHash ?h . FILTER(strlen(?h) = 64) }""", art=art)


def test_evidence_sentence_text_is_retrievable_with_sparql(graph):
    rows = list(graph.query(
        """PREFIX dip: <https://w3id.org/diplokg/ontology#>
           PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
           PREFIX prov: <http://www.w3.org/ns/prov#>
           SELECT ?text ?method ?begin WHERE {
             ?a rdf:subject ?s ; rdf:predicate dip:location ; rdf:object ?o ; dip:method ?method ;
                prov:wasDerivedFrom ?sentence .
             ?sentence a nif:Sentence ; nif:anchorOf ?text ; nif:beginIndex ?begin ;
                nif:referenceContext ?article .
             ?article a dip:Article .
           }""", initBindings={"s": HSD, "o": DELHI}))
    assert len(rows) == 1
    text, method, begin = rows[0]
    assert str(method) == "rule:met-in"
    assert str(text).startswith("From February 27") and str(text).endswith("Homeland Security Dialogue.")
    assert TEXT[int(begin):].startswith(str(text))


def test_mentions_point_to_their_entity_and_sentence(graph):
    mention = URIRef(f"{article_iri('seed-india-us-hsd')}/mention/{TEXT.index('Ajay Bhalla')}-"
                     f"{TEXT.index('Ajay Bhalla') + len('Ajay Bhalla')}")
    assert graph.value(mention, ITSRDF.taIdentRef) == BHALLA
    assert graph.value(mention, NIF.anchorOf) == Literal("Ajay Bhalla")
    assert (mention, RDF.type, NIF.Phrase) in graph
    sentence = graph.value(mention, NIF.sentence)
    assert str(sentence).rsplit("/", 2)[1] == "sentence"
    assert int(graph.value(sentence, NIF.beginIndex)) <= int(graph.value(mention, NIF.beginIndex))
    assert graph.value(mention, NIF.beginIndex).datatype == rns.XSD.nonNegativeInteger
    # every mention span of every entity has its node
    spans = sum(len(e.mentions) for e in founding_extraction().entities)
    assert len(set(graph.subjects(RDF.type, NIF.Phrase))) == spans


def test_fact_without_evidence_is_derived_from_the_article(graph):
    rows = list(graph.query(
        "PREFIX prov: <http://www.w3.org/ns/prov#> SELECT ?src WHERE { ?a rdf:subject ?s ; "
        "rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?src }",
        initBindings={"s": BHALLA, "p": DIP.represents, "o": IN}))
    assert [row[0] for row in rows] == [article_iri("seed-india-us-hsd")]


def test_mapping_is_deterministic_and_has_no_blank_nodes(graph):
    again = to_graph(founding_extraction())
    assert isomorphic(graph, again)
    assert set(graph) == set(again)
    assert to_isomorphic(graph) == to_isomorphic(again)
    assert not any(isinstance(term, BNode) for triple in graph for term in triple)


def test_repeated_fact_makes_one_assertion_with_both_sentences():
    base = founding_extraction()
    twice = Relation(base.relations[6].subject, "location", base.relations[6].object,
                     _span("India-US Homeland Security Dialogue"), method="rule:other")
    graph = to_graph(dataclasses.replace(base, relations=base.relations + (twice,)))
    rows = list(graph.query("SELECT ?a ?m ?src WHERE { ?a rdf:subject ?s ; rdf:predicate ?p ; "
                            "<https://w3id.org/diplokg/ontology#method> ?m ; "
                            "<http://www.w3.org/ns/prov#wasDerivedFrom> ?src }",
                            initBindings={"s": HSD, "p": DIP.location}))
    assert len({row[0] for row in rows}) == 1
    assert {str(row[1]) for row in rows} == {"rule:met-in"}
    assert len({row[2] for row in rows}) == 2


@pytest.mark.parametrize("fmt", [f.name for f in RDF_FORMATS] + ["ttl", "nt", "nq", "json-ld"])
def test_serialize_round_trips(graph, fmt):
    text = serialize(graph, format=fmt)
    fmt = {"ttl": "turtle", "nt": "ntriples", "nq": "nquads", "json-ld": "jsonld"}.get(fmt, fmt)
    assert "@prefix dip:" in text or fmt in ("ntriples", "nquads", "jsonld", "rdfxml")
    if fmt in ("trig", "nquads"):
        dataset = Dataset()
        dataset.parse(data=text, format=fmt)
        back = dataset.graph(graph.identifier)
        assert str(graph.identifier) in text
    else:
        back = Graph().parse(data=text, format={"jsonld": "json-ld", "ntriples": "nt", "rdfxml": "xml"}.get(fmt, fmt))
    assert isomorphic(back, graph)
    assert set(back) == set(graph)


def test_serialize_rejects_an_unknown_format(graph):
    with pytest.raises(KgError, match="unknown RDF format 'yaml'.*turtle \\(ttl\\)"):
        serialize(graph, format="yaml")


def test_unsafe_key_characters_are_percent_encoded():
    ext = founding_extraction()
    odd = dataclasses.replace(ext.entities[4], key="location/são paulo#1?x")
    graph = to_graph(dataclasses.replace(ext, entities=ext.entities[:4] + (odd,), relations=(), attributes=()))
    nodes = {str(s) for s in graph.subjects(RDF.type, DIP.Location)}
    assert nodes == {"https://w3id.org/diplokg/id/location/são%20paulo%231%3Fx"}


def test_article_id_stays_one_path_segment():
    article = dataclasses.replace(founding_extraction().article, id="2024/03 hsd")
    graph = to_graph(Extraction(article=article))
    assert str(graph.identifier) == "https://w3id.org/diplokg/graph/2024%2F03%20hsd"
    assert set(graph.subjects()) == {URIRef("https://w3id.org/diplokg/id/article/2024%2F03%20hsd")}


@pytest.mark.parametrize(("confidence", "lexical"), [(0.9, "0.9"), (1.0, "1.0"), (0, "0.0"), (1 / 3, "0.333333")])
def test_confidence_is_a_plain_decimal(confidence, lexical):
    ext = founding_extraction()
    rel = dataclasses.replace(ext.relations[0], confidence=confidence)
    graph = to_graph(dataclasses.replace(ext, relations=(rel,), attributes=()))
    values = {str(o) for o in graph.objects(None, DIP.confidence) if o.datatype == rns.XSD.decimal}
    assert lexical in values


def _break(**changes) -> Extraction:
    return dataclasses.replace(founding_extraction(), **changes)


@pytest.mark.parametrize(("extraction", "message"), [
    (_break(relations=(Relation("official/ajay-bhalla--in", "represents", "country/FR"),)),
     "names entity 'country/FR', which is not among the extraction's entities"),
    (_break(relations=(Relation("official/nobody", "represents", "country/IN"),)), "'official/nobody'"),
    (_break(relations=(Relation("official/ajay-bhalla--in", "likes", "country/IN"),)),
     "uses predicate 'likes'"),
    (_break(attributes=(Attribute("official/ajay-bhalla--in", "birthday", "x"),)), "has name 'birthday'"),
    (_break(attributes=(Attribute("location/new-delhi", "date", "1 March 2024"),)),
     "'1 March 2024' is not a date; write it as YYYY-MM-DD"),
    (_break(attributes=(Attribute("location/new-delhi", "date", "2024-02-30"),)), "'2024-02-30' is not a date"),
    (_break(relations=(Relation("official/ajay-bhalla--in", "represents", "country/IN", confidence=1.5),)),
     "confidence 1.5"),
    (_break(entities=(Entity("location/x", "Location", "X", mentions=(Span(5, 9999, "X", 0, 9999),)),)),
     "outside its text"),
])
def test_bad_records_raise_a_clear_error(extraction, message):
    with pytest.raises(KgError, match=message.replace("(", r"\(").replace("?", r"\?")):
        to_graph(extraction)


def test_empty_extraction_gives_only_the_article():
    graph = to_graph(Extraction(article=founding_extraction().article))
    assert set(graph.subjects()) == {article_iri("seed-india-us-hsd")}


def test_to_triples_gives_the_graph_triples_once_in_a_fixed_order():
    extraction = founding_extraction()
    triples = to_triples(extraction)
    assert set(triples) == set(to_graph(extraction))
    assert len(triples) == len(set(triples)) == len(to_graph(extraction))
    assert triples == to_triples(founding_extraction())
    assert all(isinstance(term, (URIRef, Literal)) for triple in triples for term in triple)


def test_to_triples_of_an_empty_extraction_is_the_article_alone():
    triples = to_triples(Extraction(article=founding_extraction().article))
    assert {s for s, _, _ in triples} == {article_iri("seed-india-us-hsd")}
    assert set(triples) == set(to_graph(Extraction(article=founding_extraction().article)))


def test_graph_can_be_changed_after_mapping():
    graph = to_graph(founding_extraction())
    size = len(graph)
    extra = (HSD, RDFS.comment, Literal("added later"))
    graph.add(extra)
    assert extra in graph and len(graph) == size + 1
    graph.remove((HSD, None, None))
    assert not list(graph.triples((HSD, None, None)))
    assert not list(graph.triples((None, None, Literal("added later"))))
    assert (MOC, DIP.signedAt, HSD) in graph
    assert set(graph.subjects(DIP.signedAt, None)) == {MOC}


def test_country_named_as_a_venue_links_the_span_once_and_logs_at_debug(caplog):
    base = founding_extraction()
    venue = Entity("location/new-delhi-venue", "Location", "New Delhi", mentions=(_span("New Delhi"),))
    extraction = dataclasses.replace(base, entities=base.entities + (venue,))
    with caplog.at_level(logging.DEBUG, logger="kg.mapping"):
        graph = to_graph(extraction)
    mention = URIRef(f"{article_iri('seed-india-us-hsd')}/mention/{TEXT.index('New Delhi')}-"
                     f"{TEXT.index('New Delhi') + len('New Delhi')}")
    assert set(graph.objects(mention, ITSRDF.taIdentRef)) == {DELHI}
    records = [r for r in caplog.records if "names both" in r.getMessage()]
    assert records and all(r.levelno == logging.DEBUG for r in records)
    assert "location/new-delhi-venue" in records[0].getMessage()


def _posts(graph: Graph) -> set[tuple]:
    """(holder, title, body, as of, sentence start) of every dip:PostHolding in ``graph``."""
    rows = graph.query("""
        PREFIX dip: <https://w3id.org/diplokg/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT ?holder ?title ?body ?as_of ?begin WHERE {
          ?post a dip:PostHolding ; dip:holder ?holder ; dip:title ?title ; prov:wasDerivedFrom ?source .
          OPTIONAL { ?post dip:body ?body } OPTIONAL { ?post dip:asOf ?as_of }
          OPTIONAL { ?source nif:beginIndex ?begin }
        }""")
    return {tuple(v.toPython() if isinstance(v, Literal) else v for v in row) for row in rows}


def test_a_job_title_gives_a_post_holding_as_of_the_article_date(graph):
    sentence = TEXT.index("From February")
    assert _posts(graph) == {
        (CANEGALLO, "Deputy Secretary", US, dt.date(2024, 3, 1), sentence),
        (BHALLA, "Home Secretary", IN, dt.date(2024, 3, 1), sentence),
    }
    # the plain title the scorer reads is still there, and the holding lives under the article
    assert (CANEGALLO, DIP.jobTitle, Literal("Deputy Secretary")) in graph
    assert all(str(post).startswith(f"{article_iri('seed-india-us-hsd')}/post/")
               for post in graph.subjects(RDF.type, DIP.PostHolding))


def test_a_post_holding_prefers_the_agency_and_needs_no_date_or_body():
    base = founding_extraction()
    agency = Entity("agency/in/ministry-of-home-affairs", "Agency", "Ministry of Home Affairs",
                    match_key="name:ministry of home affairs|IN")
    member = Relation("official/ajay-bhalla--in", "memberOf", agency.key, None, method="rule:of-the")
    undated = dataclasses.replace(base, article=dataclasses.replace(base.article, date=None),
                                  entities=base.entities + (agency,), relations=base.relations + (member,))
    posts = _posts(to_graph(undated))
    assert (BHALLA, "Home Secretary", entity_iri(agency.key), None, TEXT.index("From February")) in posts
    alone = dataclasses.replace(base, relations=(), attributes=base.attributes[1:2])
    assert _posts(to_graph(alone)) == {(BHALLA, "Home Secretary", None, dt.date(2024, 3, 1),
                                        TEXT.index("From February"))}


def test_post_holdings_stay_in_the_article_graph():
    from kg.mapping import to_store_graphs

    graphs = to_store_graphs(founding_extraction())
    holdings = {s for s, p, o in graphs.article if p == RDF.type and o == DIP.PostHolding}
    assert len(holdings) == 2
    assert not any(s in holdings for s, _, _ in graphs.entity)
