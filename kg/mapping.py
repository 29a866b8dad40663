"""Map one article's records to RDF: ``Extraction`` in, one rdflib ``Graph`` (or its triples) out.

This is the only module that writes triples. It takes the frozen records of ``kg.model``
(already resolved: entity keys are global) and gives a graph named
``https://w3id.org/diplokg/graph/{article id}`` that follows the layout of
``ontology/README.md``: the article as a ``nif:Context``, its sentences and mentions as NIF
strings, the entities with their names and identifiers, every relation and attribute as a
direct triple, and every fact (types included) once more as a reified ``dip:Assertion`` with
its sentence, mention, method and confidence.

The output is deterministic and has no blank nodes, so mapping the same records twice gives
the same triples. :func:`to_graph` and :func:`to_triples` give everything one article says
(``kg extract``); :func:`to_store_graphs` gives the same facts split the way the store keeps
them: facts about entities that many articles share (countries, organisations, agencies,
officials, places, and events and agreements ``kg.resolve`` identifies across reports: those
with a global key) go once into the entity graph
(:data:`kg.ontology.ENTITY_GRAPH`), each as its triple and its reification (a ``fact/…``
node with ``rdf:subject``/``rdf:predicate``/``rdf:object``); the article's graph keeps the
article, its sentences, mentions and assertions, the facts about the events and agreements
only it reports, and one ``dip:statesFact`` link per shared fact. A triple repeated in many article
graphs would be matched once per graph by a query over their union; this way it is stored
once. spaCy is never imported here.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import re
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import URIRef

from kg.errors import KgError
from kg.model import (ATTRIBUTES, ENTITY_TYPES, INTERACTION_TYPES, RELATIONS, Attribute, Entity, Extraction,
                      Interaction, Relation, Span)
from kg.ontology import (CAMEO, DIP, ENTITY_GRAPH, ITSRDF, NIF, PLOVER, PREFIXES, SCHEMA, article_iri, entity_iri,
                         graph_iri, interaction_iri)

if TYPE_CHECKING:
    from rdflib import Graph, Literal
    from rdflib.term import Node

__all__ = ["AGREEMENT_KINDS", "EVENT_KINDS", "StoreGraphs", "to_graph", "to_triples", "to_store_graphs",
           "serialize"]

log = logging.getLogger(__name__)

#: Subclasses of dip:Agreement and dip:Event an ``Entity.kind`` may name (kept equal to the
#: ontology by tests/test_ontology.py).
AGREEMENT_KINDS: frozenset[str] = frozenset({
    "Memorandum", "Treaty", "Protocol", "JointStatement", "Declaration", "Communique", "Accord",
    "Framework", "Charter", "LetterOfUnderstanding",
})
EVENT_KINDS: frozenset[str] = frozenset({
    "Meeting", "Dialogue", "Consultation", "Summit", "Visit", "Call", "Talks", "Conference",
    "Session", "SigningCeremony", "Summons",
})
_KINDS_OF = {"Agreement": AGREEMENT_KINDS, "Event": EVENT_KINDS}

_PREFIXES = ("dip", "nif", "itsrdf", "prov", "skos", "schema", "xsd", "rdf", "rdfs", "owl", "plover", "cameo", "quad")

_WIKIDATA = "http://www.wikidata.org/entity/"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Characters kept as they are in an IRI path segment: RFC 3987 iunreserved, sub-delims, ':',
# '@' and '/' (keys are paths such as "agency/in/national-police-academy").
_SAFE_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/")


def to_graph(extraction: Extraction) -> Graph:
    """Give the named graph of one article, following the shared RDF layout.

    Parameters
    ----------
    extraction
        The records read from one article, with resolved entity keys.

    Returns
    -------
    rdflib.Graph
        A graph whose ``identifier`` is ``graph_iri(article.id)``, with the project's
        prefixes bound. The same input always gives the same triples; there are no blank nodes.

    Raises
    ------
    KgError
        When a relation or attribute names an entity key the extraction does not hold, a
        predicate the ontology does not have, a date that is not ``YYYY-MM-DD``, a confidence
        outside [0, 1], or a span that lies outside the article's text.

    Examples
    --------
    >>> from kg.model import Article, Extraction
    >>> art = Article(id="a1", title="T", text="Hello.", source="a1.txt", sha256="0" * 64)
    >>> str(to_graph(Extraction(article=art)).identifier)
    'https://w3id.org/diplokg/graph/a1'
    """
    from rdflib import Graph

    builder = _Builder(extraction)
    graph = Graph(identifier=builder.name, bind_namespaces="core")
    _bind(graph)
    _fill(graph, builder.build())
    return graph


def to_triples(extraction: Extraction) -> list[tuple[Node, Node, Node]]:
    """Give the triples of :func:`to_graph` without building a graph.

    Building an rdflib graph costs more than making its triples, so a caller that only
    passes them on (to :meth:`kg.store.Store.replace_graph`, say) should use this.

    Returns
    -------
    list of (subject, predicate, object)
        rdflib terms, each triple once, in the order they were made: the same input always
        gives the same list. ``set(to_triples(x)) == set(to_graph(x))``. The graph they
        belong in is ``graph_iri`` of the article id with unsafe characters percent-encoded
        (``to_graph(x).identifier``).

    Raises
    ------
    KgError
        As :func:`to_graph`.

    Examples
    --------
    >>> from kg.model import Article, Extraction
    >>> art = Article(id="a1", title="T", text="Hello.", source="a1.txt", sha256="0" * 64)
    >>> len(to_triples(Extraction(article=art)))
    6
    """
    return list(_Builder(extraction).build())


@dataclass(frozen=True)
class StoreGraphs:
    """One article's triples as the store keeps them (see the module docstring).

    ``article`` goes into the article's named graph ``name``; ``entity`` is merged into
    ``entity_graph``, where each triple is kept once however many articles state it.
    """

    name: URIRef
    article: list[tuple[Node, Node, Node]]
    entity: list[tuple[Node, Node, Node]]
    entity_graph: URIRef = ENTITY_GRAPH


def to_store_graphs(extraction: Extraction, *, fingerprint: str | None = None) -> StoreGraphs:
    """Give the triples of :func:`to_triples` split between the article's graph and the
    entity graph, with the bookkeeping that lets the store drop a shared fact once no
    article states it any more.

    ``fingerprint`` (see :mod:`kg.fingerprint`), when given, is recorded on the article node
    as ``dip:buildFingerprint``, so a later build knows what this graph was built with.

    An entity is shared when resolution gave it a global key (its ``match_key`` does not
    start with ``article:``); facts whose subject is a shared entity go to the entity graph.

    Raises
    ------
    KgError
        As :func:`to_graph`.
    """
    builder = _Builder(extraction, fingerprint=fingerprint)
    triples = builder.build()
    shared = builder.shared_nodes()
    t = builder.t
    article: list[tuple[Node, Node, Node]] = []
    entity: list[tuple[Node, Node, Node]] = []
    for triple in triples:
        if triple[0] not in shared:
            article.append(triple)
            continue
        fact = entity_iri("fact/" + builder.digest(*triple))
        article.append((builder.context, t.dip["statesFact"], fact))
        entity.append(triple)
        entity.extend(((fact, t.subject, triple[0]), (fact, t.predicate, triple[1]), (fact, t.object, triple[2])))
    return StoreGraphs(name=builder.name, article=article, entity=entity)


def serialize(graph: Graph, *, format: str) -> str:
    """Write ``graph`` as text in an RDF format of :mod:`kg.formats` (a name or short form).

    ``trig`` and ``nquads`` keep the graph's name (its ``identifier``), so that loading the
    text into a store puts the triples back into the article's named graph; the others
    give the triples alone (JSON-LD compacted with the project's prefixes). Turtle, TriG
    and the line-based formats (sorted) give the same text for the same triples.

    Raises
    ------
    KgError
        When ``format`` names no RDF format of :mod:`kg.formats`.
    """
    from rdflib import Dataset, Graph
    from rdflib.namespace import NamespaceManager

    from kg.formats import rdf_format

    fmt = rdf_format(format)
    format = fmt.name
    if not fmt.datasets or format == "jsonld":
        out = Graph(bind_namespaces="core")
        _bind(out)
        for triple in graph:
            out.add(triple)
        if format == "jsonld":
            # Compact IRIs with the same prefixes the other formats use.
            context = {prefix: str(ns) for prefix, ns in out.namespaces() if prefix in _PREFIXES}
            return out.serialize(format="json-ld", context=context, auto_compact=True)
        return _sorted_lines(out.serialize(format=fmt.rdflib_name), format)
    with warnings.catch_warnings():
        # rdflib's TriG code path still touches its deprecated ConjunctiveGraph API.
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset = Dataset()
        dataset.namespace_manager = NamespaceManager(dataset, bind_namespaces="core")
        _bind(dataset)
        named = dataset.graph(graph.identifier)
        for triple in graph:
            named.add(triple)
        return _sorted_lines(dataset.serialize(format=fmt.rdflib_name), format)


def _fill(graph: Graph, triples: dict[tuple[Node, Node, Node], None]) -> None:
    """Put ``triples`` into ``graph``. Callers that only pass triples on to a store use
    :func:`to_triples` instead, which skips the cost of rdflib's indexes."""
    add = graph.add
    for triple in triples:
        add(triple)


def _sorted_lines(text: str, format: str) -> str:
    """Sort line-based output so that the same graph always gives the same text (diffable)."""
    if format not in ("ntriples", "nquads"):
        return text
    return "".join(sorted(line + "\n" for line in text.splitlines() if line.strip()))


def _bind(graph: Graph) -> None:
    from rdflib import Namespace

    for prefix in _PREFIXES:
        graph.bind(prefix, Namespace(PREFIXES[prefix]), override=True, replace=True)


def _segment(text: str, *, slash: bool = True) -> str:
    """Percent-encode what may not stand in an IRI path (spaces, '#', '?', '%', quotes, ...).

    ``slash=False`` encodes '/' too, for a value that must stay one path segment.
    """
    out = []
    for char in text:
        if (char in _SAFE_ASCII and (slash or char != "/")) or (ord(char) > 127 and char.isalnum()):
            out.append(char)
        else:
            out.extend(f"%{byte:02X}" for byte in char.encode("utf-8"))
    return "".join(out)


class _Terms:
    """The IRIs the builder writes, made once.

    Every ``RDF.type`` or ``DIP[name]`` lookup goes through rdflib's namespace machinery and
    builds a new URIRef; the mapping writes hundreds of triples per article, so it looks
    each term up once here instead.
    """

    def __init__(self) -> None:
        from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

        self.type, self.subject, self.predicate, self.object = RDF.type, RDF.subject, RDF.predicate, RDF.object
        self.label, self.alt_label, self.exact_match = RDFS.label, SKOS.altLabel, SKOS.exactMatch
        self.derived_from = PROV.wasDerivedFrom
        self.date, self.any_uri, self.offset, self.decimal = (XSD.date, XSD.anyURI, XSD.nonNegativeInteger,
                                                              XSD.decimal)
        self.context, self.sentence_cls, self.phrase = NIF.Context, NIF.Sentence, NIF.Phrase
        self.begin, self.end, self.anchor = NIF.beginIndex, NIF.endIndex, NIF.anchorOf
        self.reference_context, self.sentence = NIF.referenceContext, NIF.sentence
        self.ident_ref = ITSRDF.taIdentRef
        self.headline, self.date_published, self.url = SCHEMA.headline, SCHEMA.datePublished, SCHEMA.url
        names = (*ENTITY_TYPES, *RELATIONS, *ATTRIBUTES, *sorted(AGREEMENT_KINDS), *sorted(EVENT_KINDS),
                 "Article", "Assertion", "sourceFile", "contentHash", "method", "confidence", "evidence",
                 "matchKey", "iso3166Alpha2", "iso3166Alpha3", "wikidataId", "statesFact", "buildFingerprint",
                 "PostHolding", "holder", "body", "title", "asOf", "Interaction", "actor", "recipient",
                 "actorState", "recipientState", "eventType", "quadClass", "cameoCode", "mode", "during")
        self.dip: dict[str, URIRef] = {name: DIP[name] for name in names}


@functools.cache
def _terms() -> _Terms:
    return _Terms()


_CONCEPT_FACTS = frozenset(URIRef(iri) for iri in (
    "http://www.w3.org/2004/02/skos/core#notation", "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2004/02/skos/core#inScheme", DIP._NS + "quadClass", DIP._NS + "cooperationWeight"))
"""What the store keeps of a concept: enough to group, label and weigh (every shared triple
costs the article a link and the entity graph a reification, so definitions stay in the files)."""


@functools.cache
def _schemes() -> dict[URIRef, tuple[tuple[URIRef, Node], ...]]:
    """What the PLOVER and CAMEO schemes say of each concept (``ontology/plover.ttl``,
    ``cameo.ttl``), read once. An article that codes an interaction with a concept states these
    facts too, so the store can sum weights and group by quad class without the ontology files."""
    from rdflib import Graph

    from kg.resources import data_dir

    graph = Graph()
    for name in ("plover.ttl", "cameo.ttl"):
        graph.parse(data_dir().file("ontology", name), format="turtle")
    facts: dict[URIRef, list[tuple[URIRef, Node]]] = {}
    for s, p, o in sorted(graph):
        if p in _CONCEPT_FACTS:
            facts.setdefault(s, []).append((p, o))
    return {s: tuple(po) for s, po in facts.items()}


@functools.lru_cache(maxsize=4096)
def _entity_node(key: str) -> URIRef:
    """The IRI minted from an entity key; the same keys recur in article after article."""
    return entity_iri(_segment(key))


@functools.lru_cache(maxsize=8192, typed=True)
def _literal(value: str | int, datatype: URIRef | None = None) -> Literal:
    """A (cached) literal: methods, confidences, labels and offsets repeat across facts."""
    from rdflib import Literal

    return Literal(value) if datatype is None else Literal(value, datatype=datatype)


class _Builder:
    """Holds the state of one mapping: the triples so far, the article node and the nodes made.

    Triples go into an insertion-ordered dict (a set that keeps the order they were made in);
    nothing reads a graph while building.
    """

    def __init__(self, extraction: Extraction, *, fingerprint: str | None = None) -> None:
        self.extraction = extraction
        self.fingerprint = fingerprint
        self.article = extraction.article
        self.aid = self.article.id
        self.name = graph_iri(self.aid)
        self.context = article_iri(self.aid)
        self.prefix = f"{self.context}/"
        self.t = _terms()
        self.triples: dict[tuple[Node, Node, Node], None] = {}
        self.add = self.triples.setdefault  # add((s, p, o)): a set's add that keeps the order
        self.entity_nodes = {e.key: _entity_node(e.key) for e in extraction.entities}
        if len(self.entity_nodes) < len(extraction.entities):
            log.warning("article %s: some entity keys occur twice; resolve should merge them",
                        self.article.id)
        self.strings: dict[tuple[str, int, int], URIRef] = {}
        self.mentions: dict[tuple[int, int], URIRef] = {}
        self.mention_owner: dict[tuple[int, int], str] = {}
        self.assertions: set[URIRef] = set()
        self.n3: dict[Node, str] = {}
        self.concepts: set[URIRef] = set()
        self.names = {e.key: e.name for e in extraction.entities}

    def build(self) -> dict[tuple[Node, Node, Node], None]:
        """The triples, each once, in the order they were made (a dict used as an ordered set)."""
        self._article()
        for entity in self.extraction.entities:
            self._entity(entity)
        for relation in self.extraction.relations:
            self._relation(relation)
        for attribute in self.extraction.attributes:
            self._attribute(attribute)
        for number, interaction in enumerate(self.extraction.interactions, start=1):
            self._interaction(number, interaction)
        self._posts()
        return self.triples

    def shared_nodes(self) -> set[URIRef]:
        """The IRIs of the entities with a global key: those many articles may describe."""
        return {self.entity_nodes[e.key] for e in self.extraction.entities
                if e.match_key is not None and not e.match_key.startswith("article:")} | self.concepts

    def digest(self, s: Node, p: Node, o: Node) -> str:
        """A short hash of one triple: the same fact gets the same digest in every article."""
        n3 = self.n3  # the same nodes recur in many facts; n3() checks each IRI character by character
        key = f"{n3.get(s) or n3.setdefault(s, s.n3())} {n3.get(p) or n3.setdefault(p, p.n3())} " \
              f"{n3.get(o) or n3.setdefault(o, o.n3())}"
        return hashlib.sha1(key.encode()).hexdigest()[:16]

    # --- the article, its sentences and mentions ---------------------------------------------

    def _article(self) -> None:
        from rdflib import Literal

        art, node, add, t = self.article, self.context, self.add, self.t
        add((node, t.type, t.dip["Article"]))
        add((node, t.type, t.context))
        if art.title:
            add((node, t.label, _literal(art.title)))
            add((node, t.headline, _literal(art.title)))
        if art.date is not None:
            add((node, t.date_published, Literal(art.date.isoformat(), datatype=t.date)))
        if art.url:
            add((node, t.url, Literal(art.url, datatype=t.any_uri)))
        add((node, t.dip["sourceFile"], _literal(art.source)))
        add((node, t.dip["contentHash"], _literal(art.sha256)))
        if self.fingerprint is not None:
            add((node, t.dip["buildFingerprint"], _literal(self.fingerprint)))

    def _check_span(self, start: int, end: int, what: str) -> None:
        if not 0 <= start <= end <= len(self.article.text):
            raise KgError(f"article {self.article.id!r} ({self.article.source}): {what} has offsets "
                          f"{start}-{end} outside its text of {len(self.article.text)} characters; "
                          "the extractor must give offsets into Article.text")

    def _string(self, kind: str, start: int, end: int) -> URIRef:
        """Add the NIF string node (sentence or mention) for ``start``-``end`` once; return its IRI."""
        from rdflib import Literal, URIRef

        node = self.strings.get((kind, start, end))
        if node is not None:
            return node
        t, add = self.t, self.add
        node = self.strings[(kind, start, end)] = URIRef(f"{self.prefix}{kind}/{start}-{end}")
        add((node, t.type, t.sentence_cls if kind == "sentence" else t.phrase))
        add((node, t.begin, _literal(start, t.offset)))
        add((node, t.end, _literal(end, t.offset)))
        add((node, t.anchor, Literal(self.article.text[start:end])))
        add((node, t.reference_context, self.context))
        return node

    def _sentence(self, span: Span) -> URIRef:
        node = self.strings.get(("sentence", span.sentence_start, span.sentence_end))
        if node is not None:  # made (and its offsets checked) before
            return node
        self._check_span(span.sentence_start, span.sentence_end, f"the sentence around {span.text!r}")
        return self._string("sentence", span.sentence_start, span.sentence_end)

    def _mention(self, span: Span, key: str) -> URIRef:
        self._check_span(span.start, span.end, f"the mention {span.text!r}")
        where = (span.start, span.end)
        owner = self.mention_owner.get(where)
        if owner is not None:
            if owner != key:
                # One span cannot name two entities; keep the first so the graph stays valid.
                # This is expected when a country is named as a venue ("Official Visit to
                # Chile" gives a Country and a Location from one span), hence debug only.
                log.debug("article %s: span %d-%d %r names both %s and %s; linked to %s only",
                          self.article.id, span.start, span.end, span.text, owner, key, owner)
            return self.mentions[where]
        actual = self.article.text[span.start:span.end]
        if actual != span.text:
            log.warning("article %s: mention %r at %d-%d reads %r in the text; using the text",
                        self.article.id, span.text, span.start, span.end, actual)
        node = self._string("mention", span.start, span.end)
        self.add((node, self.t.sentence, self._sentence(span)))
        self.add((node, self.t.ident_ref, self.entity_nodes[key]))
        self.mentions[where] = node
        self.mention_owner[where] = key
        return node

    # --- entities ------------------------------------------------------------------------------

    def _entity(self, entity: Entity) -> None:
        from rdflib import URIRef

        if entity.type not in ENTITY_TYPES:
            raise KgError(f"article {self.article.id!r}: entity {entity.key!r} has type "
                          f"{entity.type!r}; use one of {', '.join(ENTITY_TYPES)}")
        node, add, t = self.entity_nodes[entity.key], self.add, self.t
        mentions = [self._mention(span, entity.key) for span in entity.mentions]
        first = entity.mentions[0] if entity.mentions else None
        evidence = mentions[0] if mentions else None

        types = [t.dip[entity.type]]
        if entity.kind is not None:
            if entity.kind in _KINDS_OF.get(entity.type, ()):
                types.append(t.dip[entity.kind])
            else:
                log.debug("article %s: kind %r of %s is no subclass of dip:%s; not typed with it",
                          self.article.id, entity.kind, entity.key, entity.type)
        for cls in types:
            add((node, t.type, cls))
            self._assert(node, t.type, cls, span=first, evidence=evidence,
                         method=entity.method, confidence=entity.confidence, what=f"entity {entity.key!r}")

        add((node, t.label, _literal(entity.name)))
        for alias in entity.aliases:
            add((node, t.alt_label, _literal(alias)))
        if entity.match_key:
            add((node, t.dip["matchKey"], _literal(entity.match_key)))
        for scheme, value in entity.identifiers:
            if scheme == "iso3166":
                add((node, t.dip["iso3166Alpha2"], _literal(value)))
            elif scheme == "iso3166alpha3":
                add((node, t.dip["iso3166Alpha3"], _literal(value)))
            elif scheme == "wikidata":
                add((node, t.dip["wikidataId"], _literal(value)))
                add((node, t.exact_match, URIRef(_WIKIDATA + _segment(value, slash=False))))
            else:
                log.debug("article %s: identifier scheme %r of %s has no property; left out",
                          self.article.id, scheme, entity.key)

    # --- facts -----------------------------------------------------------------------------------

    def _node_of(self, key: str, fact: str) -> URIRef:
        node = self.entity_nodes.get(key)
        if node is None:
            raise KgError(f"article {self.article.id!r}: {fact} names entity {key!r}, which is not "
                          "among the extraction's entities; resolve must keep every key it links")
        return node

    def _relation(self, relation: Relation) -> None:
        fact = f"relation ({relation.subject} {relation.predicate} {relation.object})"
        if relation.predicate not in RELATIONS:
            raise KgError(f"article {self.article.id!r}: {fact} uses predicate {relation.predicate!r}; "
                          f"use one of {', '.join(RELATIONS)}")
        s = self._node_of(relation.subject, fact)
        o = self._node_of(relation.object, fact)
        p = self.t.dip[relation.predicate]
        self.add((s, p, o))
        self._assert(s, p, o, span=relation.evidence, evidence=self._evidence(relation.evidence),
                     method=relation.method, confidence=relation.confidence, what=fact)

    def _attribute(self, attribute: Attribute) -> None:
        fact = f"attribute ({attribute.subject} {attribute.name} {attribute.value!r})"
        if attribute.name not in ATTRIBUTES:
            raise KgError(f"article {self.article.id!r}: {fact} has name {attribute.name!r}; "
                          f"use one of {', '.join(ATTRIBUTES)}")
        s = self._node_of(attribute.subject, fact)
        if attribute.name == "jobTitle":
            value = _literal(attribute.value)
        else:
            value = _literal(_iso_date(attribute.value, where=f"article {self.article.id!r}: {fact}"),
                             self.t.date)
        p = self.t.dip[attribute.name]
        self.add((s, p, value))
        self._assert(s, p, value, span=attribute.evidence, evidence=self._evidence(attribute.evidence),
                     method=attribute.method, confidence=attribute.confidence, what=fact)

    def _interaction(self, number: int, interaction: Interaction) -> None:
        """Add one ``dip:Interaction`` in the article's graph: who did what to whom, the states
        they act for, the PLOVER type, quad class, CAMEO code and mode, its date and occasion, and
        the assertion of its type with the sentence, rule and confidence. The concepts it is coded
        with are described too (see :func:`_schemes`)."""
        from rdflib import Literal

        i, t, add = interaction, self.t, self.add
        fact = f"interaction ({i.actor} {i.type} {i.recipient})"
        if i.type not in INTERACTION_TYPES:
            raise KgError(f"article {self.article.id!r}: {fact} has type {i.type!r}; "
                          f"use one of {', '.join(INTERACTION_TYPES)}")
        node = interaction_iri(self.aid, number)
        schemes = _schemes()
        kind = PLOVER[i.type]
        actor, recipient = self._node_of(i.actor, fact), self._node_of(i.recipient, fact)
        actor_state, recipient_state = self._node_of(i.actor_state, fact), self._node_of(i.recipient_state, fact)
        source = self._sentence(i.evidence) if i.evidence is not None else self.context
        add((node, t.type, t.dip["Interaction"]))
        add((node, t.dip["actor"], actor))
        add((node, t.dip["recipient"], recipient))
        add((node, t.dip["eventType"], kind))
        # one assertion per interaction, of what was done: the node holds who did it to whom
        self._assert(node, t.dip["eventType"], kind, span=i.evidence, evidence=None, method=i.method,
                     confidence=i.confidence, what=fact)
        names = self.names
        add((node, t.label, _literal(f"{names[i.actor_state]} {i.type} {names[i.recipient_state]}")))
        add((node, t.dip["actorState"], actor_state))
        add((node, t.dip["recipientState"], recipient_state))
        used = [kind]
        for p, o in schemes.get(kind, ()):
            if p == t.dip["quadClass"]:
                add((node, p, o))
                used.append(o)
        for prop, concept in (("cameoCode", CAMEO[i.cameo] if i.cameo else None),
                              ("mode", PLOVER[f"mode-{i.mode}"] if i.mode else None)):
            if concept is None:
                continue
            if concept not in schemes:
                raise KgError(f"article {self.article.id!r}: {fact} names {prop} {concept}, which the PLOVER and "
                              "CAMEO schemes of ontology/ do not define; add it there or fix the cue")
            add((node, t.dip[prop], concept))
            used.append(concept)
        if i.date is not None:
            add((node, t.dip["date"], Literal(_iso_date(i.date, where=f"article {self.article.id!r}: {fact}"),
                                              datatype=t.date)))
        if i.during is not None:
            add((node, t.dip["during"], self._node_of(i.during, fact)))
        add((node, t.derived_from, source))
        for concept in used:
            if concept in self.concepts:
                continue
            self.concepts.add(concept)
            for p, o in schemes.get(concept, ()):
                add((concept, p, o))

    def _posts(self) -> None:
        """Add one ``dip:PostHolding`` per official, title as written and body the article states.

        The body is the official's ``memberOf`` (the agency is nearer the post than the state),
        else what the official ``represents``; an official linked to two bodies gets a holding in
        each, one with none a holding without. The holding is dated with the article
        (``dip:asOf``) and its IRI lies under the article's, so it stays in the article's graph
        and leaves with it.
        """
        from rdflib import Literal, URIRef

        x, t, add = self.extraction, self.t, self.add
        officials = {e.key for e in x.entities if e.type == "Official"}
        bodies: dict[str, dict[str, list[URIRef]]] = {"memberOf": {}, "represents": {}}
        for relation in x.relations:
            if relation.predicate in bodies and relation.subject in officials:
                found = bodies[relation.predicate].setdefault(relation.subject, [])
                node = self.entity_nodes[relation.object]
                if node not in found:
                    found.append(node)
        as_of = Literal(self.article.date.isoformat(), datatype=t.date) if self.article.date is not None else None
        for attribute in x.attributes:
            if attribute.name != "jobTitle" or attribute.subject not in officials:
                continue
            holder, title = self.entity_nodes[attribute.subject], _literal(attribute.value)
            source = self._sentence(attribute.evidence) if attribute.evidence is not None else self.context
            in_bodies = (bodies["memberOf"].get(attribute.subject) or bodies["represents"].get(attribute.subject)
                         or [None])
            for body in in_bodies:
                node = URIRef(f"{self.prefix}post/{self.digest(holder, title, body or self.context)}")
                add((node, t.type, t.dip["PostHolding"]))
                add((node, t.dip["holder"], holder))
                add((node, t.dip["title"], title))
                if body is not None:
                    add((node, t.dip["body"], body))
                if as_of is not None:
                    add((node, t.dip["asOf"], as_of))
                add((node, t.derived_from, source))

    def _evidence(self, span: Span | None) -> URIRef | None:
        """The mention node of ``span`` when it is the mention of an entity, else None."""
        if span is None:
            return None
        return self.mentions.get((span.start, span.end))

    def _assert(self, s: Node, p: URIRef, o: Node, *, span: Span | None, evidence: URIRef | None,
                method: str, confidence: float, what: str) -> None:
        """Add the reified ``dip:Assertion`` of one fact with where, how and how surely it was read."""
        from rdflib import URIRef

        if not 0.0 <= confidence <= 1.0:
            raise KgError(f"article {self.article.id!r}: {what} has confidence {confidence!r}; "
                          "it must lie between 0 and 1")
        node = URIRef(f"{self.prefix}assertion/{self.digest(s, p, o)}")
        add, t = self.add, self.t
        source = self._sentence(span) if span is not None else self.context
        if node in self.assertions:
            # The same fact read again: keep the first method and confidence, add the sentence.
            add((node, t.derived_from, source))
            return
        self.assertions.add(node)
        add((node, t.type, t.dip["Assertion"]))
        add((node, t.subject, s))
        add((node, t.predicate, p))
        add((node, t.object, o))
        add((node, t.derived_from, source))
        if evidence is not None:
            add((node, t.dip["evidence"], evidence))
        add((node, t.dip["method"], _literal(method)))
        add((node, t.dip["confidence"], _literal(_decimal(confidence), t.decimal)))


def _decimal(number: float) -> str:
    """``number`` as an xsd:decimal lexical form (no exponent), rounded to six places."""
    text = f"{number:.6f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def _iso_date(value: str, *, where: str) -> str:
    """Check that ``value`` is a calendar date written ``YYYY-MM-DD``; return it."""
    message = f"{where}: {value!r} is not a date; write it as YYYY-MM-DD (e.g. 2024-03-01)"
    if not _DATE.match(value):
        raise KgError(message)
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as e:  # e.g. 2024-02-30
        raise KgError(message) from e
