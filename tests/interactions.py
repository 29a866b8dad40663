"""Hand-written interactions in the agreed RDF shape, in article graphs of a real store.

These graphs state what the extraction writes (``dip:Interaction`` with actor, recipient, their states, a PLOVER type, quad class,
CAMEO code, mode, date, occasion, label and reified assertions with their sentence), so the
relations queries, the command and the view are tested on the shape itself. Sentences are
written for the tests.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, Dataset, Literal, URIRef
from rdflib import namespace as rdfns
from test_viz import _ArticleGraph

from kg.ontology import CAMEO, DIP, PLOVER, QUAD, SCHEMA, entity_iri

IN, US, CN = entity_iri("country/IN"), entity_iri("country/US"), entity_iri("country/CN")
UN = entity_iri("organization/un")
MINISTER = entity_iri("official/sunita-rao--in")
TREASURY = entity_iri("agency/us/treasury")
HOSTILE_SENTENCE = 'Delhi said <img src=x onerror="window.__xss=7"> & the two sides would share data.'
HOSTILE_TITLE = "<script>window.__xss=8</script>Data deal"
HOSTILE_URL = "javascript:window.__xss=9"

QUADS = {
    "AGREE": "verbal-cooperation", "CONSULT": "verbal-cooperation", "SUPPORT": "verbal-cooperation",
    "REQUEST": "verbal-cooperation", "CONCEDE": "material-cooperation", "COOPERATE": "material-cooperation",
    "AID": "material-cooperation", "RETREAT": "material-cooperation", "ACCUSE": "verbal-conflict",
    "REJECT": "verbal-conflict", "THREATEN": "verbal-conflict", "PROTEST": "verbal-conflict",
    "SANCTION": "material-conflict", "MOBILIZE": "material-conflict", "COERCE": "material-conflict",
    "ASSAULT": "material-conflict",
}
NAMES = {IN: "India", US: "United States", CN: "China", UN: "United Nations"}


class _Article(_ArticleGraph):
    """An article graph that can also hold interactions."""

    def __init__(self, dataset: Dataset, aid: str, title: str, published: str | None, url: str | None = None):
        super().__init__(dataset, aid, title)
        if published is not None:
            self.graph.add((self.article, SCHEMA.datePublished, Literal(published, datatype=rdfns.XSD.date)))
        if url is not None:
            self.graph.add((self.article, SCHEMA.url, Literal(url, datatype=rdfns.XSD.anyURI)))
        self.count = 0
        for country, code, names in ((IN, "IN", ("India", "Republic of India")), (CN, "CN", ("China",)),
                                     (US, "US", ("United States", "U.S."))):
            self.entity(country, (DIP.Country,), *names)
            self.graph.add((country, DIP.iso3166Alpha2, Literal(code)))
        self.entity(UN, (DIP.Organization,), "United Nations", "UN")

    def interaction(self, actor: URIRef, recipient: URIRef, kind: str, sentence: URIRef, *, date: str | None = None,
                    actor_state: URIRef | None = None, recipient_state: URIRef | None = None,
                    cameo: str | None = None, mode: str | None = None, during: URIRef | None = None) -> URIRef:
        self.count += 1
        node = entity_iri(f"interaction/{self.aid}/{self.count}")
        actor_state, recipient_state = actor_state or actor, recipient_state or recipient
        self.fact(node, RDF.type, DIP.Interaction, sentence)
        self.fact(node, DIP.actor, actor, sentence)
        self.fact(node, DIP.recipient, recipient, sentence)
        self.fact(node, DIP.eventType, PLOVER[kind], sentence)
        self.graph.add((node, DIP.actorState, actor_state))
        self.graph.add((node, DIP.recipientState, recipient_state))
        self.graph.add((node, DIP.quadClass, QUAD[QUADS[kind]]))
        self.graph.add((node, RDFS.label, Literal(f"{NAMES[actor_state]} {kind} {NAMES[recipient_state]}")))
        if date is not None:
            self.fact(node, DIP.date, Literal(date, datatype=rdfns.XSD.date), sentence)
        if cameo is not None:
            self.graph.add((node, DIP.cameoCode, CAMEO[cameo]))
        if mode is not None:
            self.graph.add((node, DIP.mode, PLOVER[f"mode-{mode}"]))
        if during is not None:
            self.graph.add((node, DIP.during, during))
        return node


def interactions_dataset() -> Dataset:
    """Four articles: India and the United States over three months and one undated story,
    China and India, and the United Nations and India.

    India and the United States (a = India, b = United States), month by month:
    2024-03 a->b CONSULT x2 (+6.0), b->a AGREE (+4.0); 2024-04 a->b REJECT (-4.0), b->a ACCUSE
    (-2.0, dated by its article); 2024-05 a->b COOPERATE (+6.0); undated b->a SANCTION (-7.0).
    """
    dataset = Dataset()
    one = _Article(dataset, "talks", "India and US open talks", "2024-03-04", "https://news.example/talks")
    s1 = one.sentence("Foreign Minister Sunita Rao held talks with US officials in Washington on Saturday.")
    s2 = one.sentence("Washington agreed to expand the trade framework with New Delhi.")
    s3 = one.sentence("Rao spoke by telephone with her US counterpart on March 20.")
    one.entity(MINISTER, (DIP.Official,), "Sunita Rao")
    one.fact(MINISTER, DIP.represents, IN, s1)
    event = entity_iri("event/talks/washington-talks")
    one.entity(event, (DIP.Event, DIP.Talks), "Washington talks")
    one.interaction(MINISTER, US, "CONSULT", s1, date="2024-03-02", actor_state=IN, cameo="036", mode="visit",
                    during=event)
    one.interaction(US, IN, "AGREE", s2, date="2024-03-02", cameo="030")
    one.interaction(MINISTER, US, "CONSULT", s3, date="2024-03-20", actor_state=IN, mode="phone")

    two = _Article(dataset, "rift", "Trade rift deepens", "2024-04-10")
    t1 = two.sentence("The US Treasury accused India of dumping steel.")
    t2 = two.sentence("India rejected the American request for tariff cuts on April 9.")
    two.entity(TREASURY, (DIP.Agency,), "US Treasury")
    two.fact(TREASURY, DIP.agencyOf, US, t1)
    two.interaction(TREASURY, IN, "ACCUSE", t1, actor_state=US, cameo="112")
    two.interaction(IN, US, "REJECT", t2, date="2024-04-09")

    three = _Article(dataset, "border", HOSTILE_TITLE, "2024-05-20", HOSTILE_URL)
    u1 = three.sentence("Beijing warned New Delhi of consequences over the border on Sunday.")
    u2 = three.sentence("India lodged a formal protest with China.")
    u3 = three.sentence(HOSTILE_SENTENCE)
    u4 = three.sentence("The United Nations sent flood relief to India.")
    three.interaction(CN, IN, "THREATEN", u1, date="2024-05-19")
    three.interaction(IN, CN, "PROTEST", u2)
    three.interaction(IN, US, "COOPERATE", u3, date="2024-05-01")
    three.interaction(UN, IN, "AID", u4, date="2024-05-11")

    four = _Article(dataset, "undated", "Sanctions story", None)
    v1 = four.sentence("Washington imposed sanctions on an Indian refinery.")
    four.interaction(US, IN, "SANCTION", v1)
    return dataset


def load(store) -> None:
    """Write :func:`interactions_dataset` into ``store``, one named graph per article."""
    store.replace_graphs({graph.identifier: list(graph) for graph in interactions_dataset().graphs() if len(graph)})
