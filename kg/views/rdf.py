"""The rdflib projection: an in-memory RDF graph (an article's, or a query's answer) as networkx.

Takes an rdflib ``Graph`` or ``Dataset`` in the project's layout and gives the same kind of
``networkx.MultiDiGraph`` that :func:`kg.views.entity_graph` reads from a store (without the
``reports`` counts). For a store, use :func:`kg.views.entity_graph`: it does not copy the store
into memory. Also the small statistics a notebook cell prints.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from kg.errors import ConfigError
from kg.model import ENTITY_TYPES, RELATIONS
from kg.ontology import DIP, NIF, SCHEMA

if TYPE_CHECKING:
    import networkx
    import rdflib

__all__ = ["to_networkx", "most_connected", "summary"]

log = logging.getLogger(__name__)

_DATE_ATTRIBUTES = ("startDate", "endDate", "date")
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
_PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"

# --------------------------------------------------------------------------- projection


def _triples(graph: rdflib.Graph) -> Iterator[tuple[Any, Any, Any]]:
    """All triples, across every named graph when ``graph`` is a Dataset.

    ``Dataset.triples`` reaches for the deprecated ``default_context``; ``quads`` does not.
    """
    quads = getattr(graph, "quads", None)
    if callable(quads):
        for s, p, o, _ in quads((None, None, None, None)):
            yield s, p, o
    else:
        yield from graph.triples((None, None, None))


def _index(graph: rdflib.Graph) -> dict[str, dict[Any, set[Any]]]:
    """predicate IRI → subject → objects, for the predicates the projection reads.

    Entity triples are repeated in every article's graph; the sets merge them.
    """
    wanted = {
        _RDF + "type", _RDF + "subject", _RDF + "predicate", _RDF + "object",
        _RDFS_LABEL, _SKOS_ALT, _PROV_DERIVED,
        str(DIP.jobTitle), str(NIF.anchorOf), str(NIF.referenceContext), str(SCHEMA.headline),
        *(str(DIP[name]) for name in _DATE_ATTRIBUTES),
        *(str(DIP[name]) for name in RELATIONS),
    }
    index: dict[str, dict[Any, set[Any]]] = {key: defaultdict(set) for key in wanted}
    for s, p, o in _triples(graph):
        table = index.get(str(p))
        if table is not None:
            table[s].add(o)
    return index


def _texts(values: Iterable[Any]) -> list[str]:
    return sorted({str(value) for value in values})


def _local_name(iri: Any) -> str:
    return str(iri).rsplit("#", 1)[-1]


def _node_attributes(subject: Any, types: set[Any], index: dict[str, dict[Any, set[Any]]]) -> dict[str, Any] | None:
    """The attributes of one entity node, or None when ``subject`` is not an entity."""
    type_names = {_local_name(t) for t in types if str(t).startswith(str(DIP))}
    core = [name for name in ENTITY_TYPES if name in type_names]
    if not core:
        return None
    kinds = sorted(type_names - set(ENTITY_TYPES) - {"Article", "Assertion"})
    labels = _texts(index[_RDFS_LABEL].get(subject, ()))
    dates = {name: _texts(index[str(DIP[name])].get(subject, ())) for name in _DATE_ATTRIBUTES}
    return {
        "label": labels[0] if labels else str(subject).rstrip("/").rsplit("/", 1)[-1],
        "type": core[0],
        "kind": kinds[0] if kinds else None,
        "aliases": [alias for alias in _texts(index[_SKOS_ALT].get(subject, ())) if alias not in labels[:1]],
        "job_titles": _texts(index[str(DIP.jobTitle)].get(subject, ())),
        "dates": {name: values for name, values in dates.items() if values},
        "iri": str(subject),
    }


def _evidence(index: dict[str, dict[Any, set[Any]]]) -> dict[tuple[str, str, str], tuple[set[str], set[str]]]:
    """(subject, predicate, object) → (sentence texts, article titles) from the reified assertions."""
    found: dict[tuple[str, str, str], tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    subjects, predicates, objects = (index[_RDF + part] for part in ("subject", "predicate", "object"))
    for assertion, subject_values in subjects.items():
        for s in subject_values:
            for p in predicates.get(assertion, ()):
                for o in objects.get(assertion, ()):
                    sentences, titles = found[(str(s), str(p), str(o))]
                    for sentence in index[_PROV_DERIVED].get(assertion, ()):
                        sentences.update(str(text) for text in index[str(NIF.anchorOf)].get(sentence, ()))
                        for article in index[str(NIF.referenceContext)].get(sentence, ()):
                            names = index[str(SCHEMA.headline)].get(article) or index[_RDFS_LABEL].get(article, ())
                            titles.update(str(name) for name in names)
    return found


def to_networkx(graph: rdflib.Graph) -> networkx.MultiDiGraph:
    """Project the entities and relations of an RDF graph onto a networkx multigraph.

    Parameters
    ----------
    graph : rdflib.Graph or rdflib.Dataset
        Triples in the project layout; for a Dataset, all named graphs are merged.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed by entity IRI, in IRI order, with ``label``, ``type`` (core class local
        name), ``kind`` (subclass local name or None), ``aliases``, ``job_titles``, ``dates``
        (``{"startDate": [...], ...}``, only those present) and ``iri``. Edges keyed by relation
        name, with ``relation``, ``evidence`` (sentences the fact was read from) and
        ``articles`` (their titles). Relations to resources that are not entities are dropped.

    Examples
    --------
    >>> import rdflib
    >>> to_networkx(rdflib.Graph()).number_of_nodes()
    0
    """
    import networkx as nx

    index = _index(graph)
    nodes: dict[str, dict[str, Any]] = {}
    for subject, types in index[_RDF + "type"].items():
        attributes = _node_attributes(subject, types, index)
        if attributes is not None:
            nodes[str(subject)] = attributes
    evidence = _evidence(index)

    result = nx.MultiDiGraph()
    for iri in sorted(nodes):
        result.add_node(iri, **nodes[iri])
    for relation in RELATIONS:
        predicate = str(DIP[relation])
        pairs = sorted(
            (str(s), str(o)) for s, objects in index[predicate].items() for o in objects
            if str(s) in nodes and str(o) in nodes
        )
        for s, o in pairs:
            sentences, titles = evidence.get((s, predicate, o), ((), ()))
            result.add_edge(s, o, key=relation, relation=relation,
                            evidence=sorted(sentences), articles=sorted(titles))
    log.debug("projected %d entities and %d relations", result.number_of_nodes(), result.number_of_edges())
    return result


# --------------------------------------------------------------------------- statistics


def most_connected(graph: networkx.MultiDiGraph, *, type: str = "Country", n: int = 10) -> list[tuple[str, int]]:
    """The ``n`` nodes of one type with the most relations (in and out), as (label, degree).

    Ties are broken by label so the answer is the same on every run.
    """
    if type not in ENTITY_TYPES:
        raise ConfigError(f"unknown entity type {type!r}: use one of {', '.join(ENTITY_TYPES)}")
    ranked = sorted(
        ((data.get("label", node), graph.degree(node)) for node, data in graph.nodes(data=True)
         if data.get("type") == type),
        key=lambda item: (-item[1], item[0]),
    )
    return ranked[:n]


def summary(graph: networkx.MultiDiGraph) -> dict[str, Any]:
    """Counts for a notebook cell: entities per type, relations per name, best-connected countries."""
    types = Counter(data.get("type") for _, data in graph.nodes(data=True))
    relations = Counter(data.get("relation") for _, _, data in graph.edges(data=True))
    return {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "types": {name: types.get(name, 0) for name in ENTITY_TYPES},
        "relations": {name: relations.get(name, 0) for name in RELATIONS},
        "most_connected_countries": most_connected(graph, type="Country", n=10),
    }
