"""Map one article's records to RDF: ``Extraction`` in, one rdflib ``Graph`` out.

This is the only module that writes triples. It takes the frozen records of ``kg.model``
(already resolved: entity keys are global) and gives a graph named
``https://w3id.org/diplokg/graph/{article id}`` that follows the layout of
``ontology/README.md``: the article as a ``nif:Context``, its sentences and mentions as NIF
strings, the entities with their names and identifiers, every relation and attribute as a
direct triple, and every fact (types included) once more as a reified ``dip:Assertion`` with
its sentence, mention, method and confidence.

The output is deterministic and has no blank nodes, so mapping the same records twice gives
the same triples. spaCy is never imported here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import warnings
from typing import TYPE_CHECKING

from kg.errors import KgError
from kg.model import ATTRIBUTES, ENTITY_TYPES, RELATIONS, Attribute, Entity, Extraction, Relation, Span
from kg.ontology import DIP, ID, ITSRDF, NIF, SCHEMA, article_iri, entity_iri, graph_iri

if TYPE_CHECKING:
    from rdflib import Graph, URIRef
    from rdflib.term import Node

__all__ = ["AGREEMENT_KINDS", "EVENT_KINDS", "FORMATS", "to_graph", "serialize"]

log = logging.getLogger(__name__)

#: Subclasses of dip:Agreement and dip:Event an ``Entity.kind`` may name (kept equal to the
#: ontology by tests/test_ontology.py).
AGREEMENT_KINDS: frozenset[str] = frozenset({
    "Memorandum", "Treaty", "Protocol", "JointStatement", "Declaration", "Communique", "Accord",
    "Framework", "Charter", "LetterOfUnderstanding",
})
EVENT_KINDS: frozenset[str] = frozenset({
    "Meeting", "Dialogue", "Consultation", "Summit", "Visit", "Call", "Talks", "Conference",
    "Session", "SigningCeremony",
})
_KINDS_OF = {"Agreement": AGREEMENT_KINDS, "Event": EVENT_KINDS}

#: Output formats of :func:`serialize` and the rdflib serializer each one uses.
FORMATS: dict[str, str] = {"turtle": "turtle", "trig": "trig", "nt": "nt", "nquads": "nquads",
                           "jsonld": "json-ld"}
_DATASET_FORMATS = frozenset({"trig", "nquads"})
_PREFIXES = ("dip", "nif", "itsrdf", "prov", "skos", "schema", "xsd", "rdf", "rdfs", "owl")

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
    return _Builder(extraction).build()


def serialize(graph: Graph, *, format: str) -> str:
    """Write ``graph`` as text in one of :data:`FORMATS`.

    ``trig`` and ``nquads`` keep the graph's name (its ``identifier``), so that loading the
    text into a store puts the triples back into the article's named graph; ``turtle``,
    ``nt`` and ``jsonld`` give the triples alone. Turtle, TriG and the line-based formats
    (sorted) give the same text for the same triples.

    Raises
    ------
    KgError
        When ``format`` is not one of :data:`FORMATS`.
    """
    from rdflib import Dataset, Graph
    from rdflib.namespace import NamespaceManager

    if format not in FORMATS:
        raise KgError(f"unknown RDF format {format!r}: use one of {', '.join(FORMATS)}")
    if format not in _DATASET_FORMATS:
        out = Graph(bind_namespaces="core")
        _bind(out)
        for triple in graph:
            out.add(triple)
        if format == "jsonld":
            # Compact IRIs with the same prefixes the other formats use.
            context = {prefix: str(ns) for prefix, ns in out.namespaces() if prefix in _PREFIXES}
            return out.serialize(format="json-ld", context=context, auto_compact=True)
        return _sorted_lines(out.serialize(format=FORMATS[format]), format)
    with warnings.catch_warnings():
        # rdflib's TriG code path still touches its deprecated ConjunctiveGraph API.
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset = Dataset()
        dataset.namespace_manager = NamespaceManager(dataset, bind_namespaces="core")
        _bind(dataset)
        named = dataset.graph(graph.identifier)
        for triple in graph:
            named.add(triple)
        return _sorted_lines(dataset.serialize(format=FORMATS[format]), format)


def _sorted_lines(text: str, format: str) -> str:
    """Sort line-based output so that the same graph always gives the same text (diffable)."""
    if format not in ("nt", "nquads"):
        return text
    return "".join(sorted(line + "\n" for line in text.splitlines() if line.strip()))


def _bind(graph: Graph) -> None:
    from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

    namespaces = {"dip": DIP._NS, "nif": NIF, "itsrdf": ITSRDF, "prov": PROV, "skos": SKOS,
                  "schema": SCHEMA, "xsd": XSD, "rdf": RDF, "rdfs": RDFS, "owl": OWL}
    for prefix in _PREFIXES:
        graph.bind(prefix, namespaces[prefix], override=True, replace=True)


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


class _Builder:
    """Holds the state of one mapping: the graph, the article node and the nodes made so far."""

    def __init__(self, extraction: Extraction) -> None:
        from rdflib import Graph

        self.extraction = extraction
        self.article = extraction.article
        self.aid = _segment(self.article.id, slash=False)
        self.graph = Graph(identifier=graph_iri(self.aid), bind_namespaces="core")
        _bind(self.graph)
        self.context = article_iri(self.aid)
        self.entity_nodes = {e.key: entity_iri(_segment(e.key)) for e in extraction.entities}
        if len(self.entity_nodes) < len(extraction.entities):
            log.warning("article %s: some entity keys occur twice; resolve should merge them",
                        self.article.id)
        self.mentions: dict[tuple[int, int], URIRef] = {}
        self.mention_owner: dict[tuple[int, int], str] = {}
        self.assertions: set[URIRef] = set()

    def build(self) -> Graph:
        self._article()
        for entity in self.extraction.entities:
            self._entity(entity)
        for relation in self.extraction.relations:
            self._relation(relation)
        for attribute in self.extraction.attributes:
            self._attribute(attribute)
        return self.graph

    # --- the article, its sentences and mentions ---------------------------------------------

    def _article(self) -> None:
        from rdflib import Literal
        from rdflib.namespace import RDF, RDFS, XSD

        art, node, add = self.article, self.context, self.graph.add
        add((node, RDF.type, DIP.Article))
        add((node, RDF.type, NIF.Context))
        if art.title:
            add((node, RDFS.label, Literal(art.title)))
            add((node, SCHEMA.headline, Literal(art.title)))
        if art.date is not None:
            add((node, SCHEMA.datePublished, Literal(art.date.isoformat(), datatype=XSD.date)))
        if art.url:
            add((node, SCHEMA.url, Literal(art.url, datatype=XSD.anyURI)))
        add((node, DIP.sourceFile, Literal(art.source)))
        add((node, DIP.contentHash, Literal(art.sha256)))

    def _check_span(self, start: int, end: int, what: str) -> None:
        if not 0 <= start <= end <= len(self.article.text):
            raise KgError(f"article {self.article.id!r} ({self.article.source}): {what} has offsets "
                          f"{start}-{end} outside its text of {len(self.article.text)} characters; "
                          "the extractor must give offsets into Article.text")

    def _string(self, kind: str, start: int, end: int) -> URIRef:
        """Add the NIF string node (sentence or mention) for ``start``-``end``; return its IRI."""
        from rdflib import Literal
        from rdflib.namespace import RDF, XSD

        node = ID[f"article/{self.aid}/{kind}/{start}-{end}"]
        add = self.graph.add
        add((node, RDF.type, NIF.Sentence if kind == "sentence" else NIF.Phrase))
        add((node, NIF.beginIndex, Literal(start, datatype=XSD.nonNegativeInteger)))
        add((node, NIF.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)))
        add((node, NIF.anchorOf, Literal(self.article.text[start:end])))
        add((node, NIF.referenceContext, self.context))
        return node

    def _sentence(self, span: Span) -> URIRef:
        self._check_span(span.sentence_start, span.sentence_end, f"the sentence around {span.text!r}")
        return self._string("sentence", span.sentence_start, span.sentence_end)

    def _mention(self, span: Span, key: str) -> URIRef:
        self._check_span(span.start, span.end, f"the mention {span.text!r}")
        where = (span.start, span.end)
        owner = self.mention_owner.get(where)
        if owner is not None:
            if owner != key:
                # One span cannot name two entities; keep the first so the graph stays valid.
                log.warning("article %s: span %d-%d %r names both %s and %s; linked to %s only",
                            self.article.id, span.start, span.end, span.text, owner, key, owner)
            return self.mentions[where]
        actual = self.article.text[span.start:span.end]
        if actual != span.text:
            log.warning("article %s: mention %r at %d-%d reads %r in the text; using the text",
                        self.article.id, span.text, span.start, span.end, actual)
        node = self._string("mention", span.start, span.end)
        self.graph.add((node, NIF.sentence, self._sentence(span)))
        self.graph.add((node, ITSRDF.taIdentRef, self.entity_nodes[key]))
        self.mentions[where] = node
        self.mention_owner[where] = key
        return node

    # --- entities ------------------------------------------------------------------------------

    def _entity(self, entity: Entity) -> None:
        from rdflib import Literal, URIRef
        from rdflib.namespace import RDF, RDFS, SKOS

        if entity.type not in ENTITY_TYPES:
            raise KgError(f"article {self.article.id!r}: entity {entity.key!r} has type "
                          f"{entity.type!r}; use one of {', '.join(ENTITY_TYPES)}")
        node, add = self.entity_nodes[entity.key], self.graph.add
        mentions = [self._mention(span, entity.key) for span in entity.mentions]
        first = entity.mentions[0] if entity.mentions else None
        evidence = mentions[0] if mentions else None

        types = [DIP[entity.type]]
        if entity.kind is not None:
            if entity.kind in _KINDS_OF.get(entity.type, ()):
                types.append(DIP[entity.kind])
            else:
                log.debug("article %s: kind %r of %s is no subclass of dip:%s; not typed with it",
                          self.article.id, entity.kind, entity.key, entity.type)
        for cls in types:
            add((node, RDF.type, cls))
            self._assert(node, RDF.type, cls, span=first, evidence=evidence,
                         method=entity.method, confidence=entity.confidence, what=f"entity {entity.key!r}")

        add((node, RDFS.label, Literal(entity.name)))
        for alias in entity.aliases:
            add((node, SKOS.altLabel, Literal(alias)))
        if entity.match_key:
            add((node, DIP.matchKey, Literal(entity.match_key)))
        for scheme, value in entity.identifiers:
            if scheme == "iso3166":
                add((node, DIP.iso3166Alpha2, Literal(value)))
            elif scheme == "iso3166alpha3":
                add((node, DIP.iso3166Alpha3, Literal(value)))
            elif scheme == "wikidata":
                add((node, DIP.wikidataId, Literal(value)))
                add((node, SKOS.exactMatch, URIRef(_WIKIDATA + _segment(value, slash=False))))
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
        p = DIP[relation.predicate]
        self.graph.add((s, p, o))
        self._assert(s, p, o, span=relation.evidence, evidence=self._evidence(relation.evidence),
                     method=relation.method, confidence=relation.confidence, what=fact)

    def _attribute(self, attribute: Attribute) -> None:
        from rdflib import Literal
        from rdflib.namespace import XSD

        fact = f"attribute ({attribute.subject} {attribute.name} {attribute.value!r})"
        if attribute.name not in ATTRIBUTES:
            raise KgError(f"article {self.article.id!r}: {fact} has name {attribute.name!r}; "
                          f"use one of {', '.join(ATTRIBUTES)}")
        s = self._node_of(attribute.subject, fact)
        if attribute.name == "jobTitle":
            value = Literal(attribute.value)
        else:
            value = Literal(_iso_date(attribute.value, where=f"article {self.article.id!r}: {fact}"),
                            datatype=XSD.date)
        p = DIP[attribute.name]
        self.graph.add((s, p, value))
        self._assert(s, p, value, span=attribute.evidence, evidence=self._evidence(attribute.evidence),
                     method=attribute.method, confidence=attribute.confidence, what=fact)

    def _evidence(self, span: Span | None) -> URIRef | None:
        """The mention node of ``span`` when it is the mention of an entity, else None."""
        if span is None:
            return None
        return self.mentions.get((span.start, span.end))

    def _assert(self, s: Node, p: URIRef, o: Node, *, span: Span | None, evidence: URIRef | None,
                method: str, confidence: float, what: str) -> None:
        """Add the reified ``dip:Assertion`` of one fact with where, how and how surely it was read."""
        from rdflib import Literal
        from rdflib.namespace import PROV, RDF, XSD

        if not 0.0 <= confidence <= 1.0:
            raise KgError(f"article {self.article.id!r}: {what} has confidence {confidence!r}; "
                          "it must lie between 0 and 1")
        digest = hashlib.sha1(f"{s.n3()} {p.n3()} {o.n3()}".encode()).hexdigest()[:16]
        node = ID[f"article/{self.aid}/assertion/{digest}"]
        add = self.graph.add
        source = self._sentence(span) if span is not None else self.context
        if node in self.assertions:
            # The same fact read again: keep the first method and confidence, add the sentence.
            add((node, PROV.wasDerivedFrom, source))
            return
        self.assertions.add(node)
        add((node, RDF.type, DIP.Assertion))
        add((node, RDF.subject, s))
        add((node, RDF.predicate, p))
        add((node, RDF.object, o))
        add((node, PROV.wasDerivedFrom, source))
        if evidence is not None:
            add((node, DIP.evidence, evidence))
        add((node, DIP.method, Literal(method)))
        add((node, DIP.confidence, Literal(_decimal(confidence), datatype=XSD.decimal)))


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
