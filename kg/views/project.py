"""Projections of the store onto networkx graphs, read with a few anchored SPARQL queries.

Takes a :class:`kg.store.Store` and gives ``networkx`` graphs: :func:`entity_graph` (the
entities and the nine relations, with how many articles report each), :func:`country_graph`
(countries joined by the events and agreements they share), :func:`timeline` (an entity's
dated events and agreements) and :func:`select` (the part of an entity graph a view shows);
:func:`local_graph` reads only the part of the entity graph a neighbourhood, country or
query view needs, so those views cost what they show, not what the store holds.

Nothing is copied into rdflib: each query asks for one kind of fact with its predicate or
class bound (pyoxigraph plans those well), and the joins happen here in Python, where they
are dictionary look-ups. The query texts hold only ontology IRIs; user values are bound.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rdflib import Literal

from kg.errors import ConfigError
from kg.model import ENTITY_TYPES, RELATIONS

if TYPE_CHECKING:
    import networkx

    from kg.store import Store

__all__ = ["DEFAULT_LIMIT", "ITEM_TYPES", "Selection", "Chosen", "entity_graph", "local_graph", "add_evidence", "select",
           "country_graph", "timeline", "resolve_entity"]

log = logging.getLogger(__name__)

DEFAULT_LIMIT = 1500
"""Most nodes a view draws unless told otherwise: readable, and drawn in about a second."""

ITEM_TYPES = ("Event", "Agreement")
"""The dated types: the period filter keeps or drops these, by their date or start date."""

_DIP = "https://w3id.org/diplokg/ontology#"
_PREFIXES = """PREFIX dip: <https://w3id.org/diplokg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
PREFIX schema: <https://schema.org/>
"""
_TYPES = " ".join(f"dip:{name}" for name in ENTITY_TYPES)
_RELATIONS = " ".join(f"dip:{name}" for name in RELATIONS)
_DATES = ("date", "startDate", "endDate")

# Each query binds its class or predicate through VALUES, so every pattern starts from an
# index on a bound term; none joins two big unanchored patterns.
_NODES = _PREFIXES + f"""SELECT DISTINCT ?e ?class ?label WHERE {{
  VALUES ?class {{ {_TYPES} }}
  ?e a ?class .
  OPTIONAL {{ ?e rdfs:label ?label }}
}}"""
_KINDS = _PREFIXES + """SELECT DISTINCT ?e ?kind WHERE {
  VALUES ?class { dip:Event dip:Agreement }
  ?e a ?class ; a ?kind .
  FILTER(?kind != ?class && STRSTARTS(STR(?kind), STR(dip:)))
}"""
_ATTRIBUTES = _PREFIXES + """SELECT DISTINCT ?e ?p ?v WHERE {
  VALUES ?p { skos:altLabel dip:jobTitle dip:date dip:startDate dip:endDate }
  ?e ?p ?v .
}"""
_EDGES = _PREFIXES + f"""SELECT DISTINCT ?s ?p ?o WHERE {{
  VALUES ?p {{ {_RELATIONS} }}
  ?s ?p ?o .
}}"""
# An article reports a fact when its graph holds an assertion of it.
_EDGE_REPORTS = _PREFIXES + f"""SELECT ?s ?p ?o (COUNT(DISTINCT ?g) AS ?n) WHERE {{
  VALUES ?p {{ {_RELATIONS} }}
  GRAPH ?g {{ ?a rdf:predicate ?p ; rdf:subject ?s ; rdf:object ?o }}
}} GROUP BY ?s ?p ?o"""
# An article reports an entity when one of its mentions names it.
_NODE_REPORTS = _PREFIXES + """SELECT ?e (COUNT(DISTINCT ?g) AS ?n) WHERE {
  GRAPH ?g { ?m itsrdf:taIdentRef ?e }
} GROUP BY ?e"""
_LOOKUP = _PREFIXES + """SELECT DISTINCT ?e ?name WHERE {
  { ?e rdfs:label ?name } UNION { ?e skos:altLabel ?name }
  UNION { ?e dip:iso3166Alpha2 ?name } UNION { ?e dip:iso3166Alpha3 ?name }
}"""


# The same two for the statements about some subjects, bound first: pyoxigraph starts each
# from the subject index (a VALUES of whole triples, or of predicates too, made it scan).
_SUBJECT_REPORTS = """SELECT ?s ?p ?o (COUNT(DISTINCT ?g) AS ?n) WHERE {
  VALUES ?s { {values} }
  GRAPH ?g { ?a rdf:subject ?s . ?a rdf:predicate ?p . ?a rdf:object ?o }
} GROUP BY ?s ?p ?o"""
_SUBJECT_EVIDENCE = """SELECT ?s ?p ?o ?text ?article ?title ?url WHERE {
  VALUES ?s { {values} }
  GRAPH ?g {
    ?a rdf:subject ?s . ?a rdf:predicate ?p . ?a rdf:object ?o . ?a prov:wasDerivedFrom ?sentence .
    ?sentence nif:anchorOf ?text ; nif:referenceContext ?article .
    OPTIONAL { ?article schema:headline ?title }
    OPTIONAL { ?article schema:url ?url }
  }
}"""
_NAMES = _PREFIXES + """SELECT DISTINCT ?e ?p ?name WHERE {
  VALUES ?p { rdfs:label skos:altLabel }
  ?e ?p ?name .
}"""
_IRI = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|^`\\]+")


def _text(term: Any) -> str:
    return "" if term is None else str(term)


def _local(iri: Any) -> str:
    return str(iri).rsplit("#", 1)[-1]


def entity_graph(store: Store) -> networkx.MultiDiGraph:
    """The entities of ``store`` and the relations between them, without evidence.

    Parameters
    ----------
    store : kg.store.Store
        Any store in the project layout (embedded, in memory or remote).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed by IRI, in IRI order, with ``label``, ``type``, ``kind`` (or None),
        ``aliases``, ``job_titles``, ``dates`` (``{"date": [...], ...}``, only those present),
        ``iri`` and ``reports`` (articles that mention it). Edges keyed by relation name, with
        ``relation``, ``reports`` (articles that state it), and empty ``evidence`` and
        ``articles``, which :func:`add_evidence` fills for the edges a view keeps.

    Examples
    --------
    >>> from kg.store import open_store
    >>> with open_store("memory") as store:
    ...     entity_graph(store).number_of_nodes()
    0
    """
    return _build(store, None)


def local_graph(store: Store, selection: Selection) -> networkx.MultiDiGraph:
    """The part of the entity graph :func:`select` needs for ``selection``, read without the rest.

    When the selection names its nodes, a neighbourhood or a country, only those candidates
    (found hop by hop with their IRIs bound) are read, with every relation that touches one;
    :func:`select` then gives the same view as on the whole graph, since every node it may
    keep has all its relations (hence its degree) here. Otherwise this is :func:`entity_graph`.
    ``graph.graph["entities"]`` holds the number of entities in the whole store.
    """
    core = _core(store, selection)
    graph = _build(store, core)
    if core is not None:
        rows = store.query(_PREFIXES + f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?c {{ {_TYPES} }} "
                           "?e a ?c }").rows
        graph.graph["entities"] = int(rows[0][0].toPython()) if rows and rows[0][0] is not None else 0
    return graph


def _iris(terms: Iterable[str]) -> str:
    return " ".join(f"<{iri}>" for iri in terms)


def _chunks(items: Iterable[Any], size: int = 400) -> Iterable[list[Any]]:
    items = sorted(items)
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _rows(store: Store, template: str, values: Iterable[Any]) -> list[tuple]:
    """``template`` run once per chunk of ``values``, with ``{values}`` replaced by the chunk's IRIs."""
    rows: list[tuple] = []
    for chunk in _chunks(values):
        rows.extend(store.query(_PREFIXES + template.replace("{values}", _iris(chunk))).rows)
    return rows


def _entities(store: Store, candidates: Iterable[str]) -> set[str]:
    """Those of ``candidates`` that are entities (have one of the entity classes); not-IRIs are none."""
    candidates = {iri for iri in candidates if _IRI.fullmatch(iri)}
    return {str(e) for (e,) in _rows(store, f"SELECT DISTINCT ?e WHERE {{ VALUES ?e {{ {{values}} }} "
                                            f"VALUES ?c {{ {_TYPES} }} ?e a ?c }}", candidates)}


def _linked(store: Store, nodes: set[str], predicates: str = _RELATIONS, *, outgoing: bool = True,
            incoming: bool = True) -> list[tuple[str, str, str]]:
    """Relations (``predicates``) from or to ``nodes``, as (subject, relation, object)."""
    found: list[tuple] = []
    if outgoing:
        found += _rows(store, f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?s {{ {{values}} }} "
                              f"VALUES ?p {{ {predicates} }} ?s ?p ?o }}", nodes)
    if incoming:
        found += _rows(store, f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?o {{ {{values}} }} "
                              f"VALUES ?p {{ {predicates} }} ?s ?p ?o }}", nodes)
    return sorted({(str(s), _local(p), str(o)) for s, p, o in found})


def _core(store: Store, selection: Selection) -> set[str] | None:
    """Every node :func:`select` may keep or must see the relations of, or None for all of them."""
    if selection.nodes is None and selection.around is None and selection.country is None:
        return None
    core: set[str] = set()
    if selection.nodes is not None:
        core |= _entities(store, selection.nodes)
    if selection.around is not None:
        near = frontier = set(_resolve(store, selection.around))
        for _ in range(selection.hops):
            ends = {end for s, _, o in _linked(store, frontier) for end in (s, o)} - near
            frontier = _entities(store, ends)
            near = near | frontier
            if not frontier:
                break
        core |= near
    if selection.country is not None:
        countries = set(_resolve(store, selection.country))
        members = countries | {s for s, _, _ in _linked(store, countries, "dip:represents", outgoing=False)}
        items = _entities(store, {s for s, _, _ in _linked(store, members, "dip:participant dip:chair dip:party "
                                                           "dip:signatory", outgoing=False)})
        touched = countries | items | _entities(store, {o for _, _, o in _linked(store, items, incoming=False)})
        touched |= _entities(store, {o for _, _, o in _linked(store, touched, "dip:represents", incoming=False)})
        core |= members | touched
    return core


def _resolve(store: Store, name: str) -> list[str]:
    """The entities ``name`` names, found in the store as :func:`resolve_entity` finds them in a graph."""
    if _entities(store, [name]):
        return [name]
    found = [str(row[0]) for row in store.query(_LOOKUP, bindings={"name": Literal(name)}).rows]
    if not found:
        wanted = name.casefold()
        labels: dict[str, list[str]] = defaultdict(list)
        aliases: dict[str, set[str]] = defaultdict(set)
        for e, p, value in store.query(_NAMES).rows:
            if _local(p) == "label":
                labels[str(e)].append(str(value))
            else:
                aliases[str(e)].add(str(value))
        for e in set(labels) | set(aliases):
            label = min(labels[e]) if labels.get(e) else e.rstrip("/").rsplit("/", 1)[-1]
            if label.casefold() == wanted or wanted in (a.casefold() for a in aliases.get(e, set()) - {label}):
                found.append(e)
    found = sorted(_entities(store, found))
    if not found:
        raise ConfigError(f"no entity called {name!r} in the store: give a label, alias, ISO code or IRI "
                          "(kg query lookup --param name=... lists what matches)")
    return found


def _bound(query: str) -> str:
    """One of the whole-store queries above, for the entities of a ``{values}`` list only."""
    return query.replace(_PREFIXES, "").replace("WHERE {\n", "WHERE {\n  VALUES ?e { {values} }\n", 1)


def _build(store: Store, core: set[str] | None) -> networkx.MultiDiGraph:
    """The entity graph, or (``core`` given) its nodes in ``core`` with every relation touching one."""
    import networkx as nx

    if core is None:
        node_rows = store.query(_NODES).rows
        kind_rows = store.query(_KINDS).rows
        attribute_rows = store.query(_ATTRIBUTES).rows
        report_rows = store.query(_NODE_REPORTS).rows
        edge_rows = [(str(s), _local(p), str(o)) for s, p, o in store.query(_EDGES).rows]
        edge_report_rows = store.query(_EDGE_REPORTS).rows
    else:
        edge_rows = _linked(store, core)
        ends = {end for s, _, o in edge_rows for end in (s, o)} | core
        node_rows, kind_rows, attribute_rows, report_rows = (
            _rows(store, _bound(query), ends) for query in (_NODES, _KINDS, _ATTRIBUTES, _NODE_REPORTS))
        edge_report_rows = _rows(store, _SUBJECT_REPORTS, {s for s, _, _ in edge_rows})
    nodes: dict[str, dict[str, Any]] = {}
    for e, cls, label in node_rows:
        type_name = _local(cls)
        node = nodes.get(str(e))
        if node is None or ENTITY_TYPES.index(type_name) < ENTITY_TYPES.index(node["type"]):
            node = nodes[str(e)] = {"type": type_name, "labels": set(), "iri": str(e)}
        if label is not None:
            node["labels"].add(str(label))
    kinds: dict[str, set[str]] = defaultdict(set)
    for e, kind in kind_rows:
        kinds[str(e)].add(_local(kind))
    values: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e, p, v in attribute_rows:
        values[(str(e), _local(p))].add(str(v))
    node_reports = {str(e): int(n.toPython()) for e, n in report_rows if n is not None}

    graph = nx.MultiDiGraph()
    for iri in sorted(nodes):
        node = nodes[iri]
        labels = sorted(node["labels"])
        label = labels[0] if labels else iri.rstrip("/").rsplit("/", 1)[-1]
        dates = {name: sorted(values[(iri, name)]) for name in _DATES if values.get((iri, name))}
        graph.add_node(
            iri, label=label, type=node["type"], kind=min(kinds[iri]) if kinds.get(iri) else None,
            aliases=sorted(values.get((iri, "altLabel"), set()) - {label}),
            job_titles=sorted(values.get((iri, "jobTitle"), ())), dates=dates, iri=iri,
            reports=node_reports.get(iri, 0),
        )
    edge_reports = {(str(s), _local(p), str(o)): int(n.toPython())
                    for s, p, o, n in edge_report_rows if n is not None}
    pairs = sorted((s, p, o) for s, p, o in set(edge_rows) if s in nodes and o in nodes)
    for s, relation, o in pairs:
        graph.add_edge(s, o, key=relation, relation=relation, reports=edge_reports.get((s, relation, o), 1),
                       evidence=[], articles=[])
    log.debug("projected %d entities and %d relations", graph.number_of_nodes(), graph.number_of_edges())
    return graph


def add_evidence(store: Store, graph: networkx.MultiDiGraph, *, per_edge: int = 3) -> None:
    """Fill each edge's ``evidence`` (up to ``per_edge`` sentences) and ``articles`` in place.

    ``articles`` lists ``{"title", "url", "iri"}`` of every article that states the fact;
    ``url`` is the article's own address when the store has one, else empty.
    """
    wanted = {(s, key, o) for s, o, key in graph.edges(keys=True)}
    sentences: dict[tuple, dict[str, None]] = defaultdict(dict)
    articles: dict[tuple, dict[str, dict[str, str]]] = defaultdict(dict)
    rows = _rows(store, _SUBJECT_EVIDENCE, {s for s, _, _ in wanted})
    for s, p, o, text, article, title, url in rows:
        edge = (str(s), _local(p), str(o))
        if edge not in wanted:
            continue
        sentences[edge].setdefault(str(text), None)
        articles[edge].setdefault(str(article), {"title": _text(title), "url": _text(url), "iri": str(article)})
    for s, o, key, data in graph.edges(keys=True, data=True):
        edge = (s, key, o)
        data["evidence"] = sorted(sentences.get(edge, ()))[:per_edge]
        data["articles"] = sorted(articles.get(edge, {}).values(), key=lambda a: (a["title"], a["iri"]))


def resolve_entity(store: Store, graph: networkx.MultiDiGraph, name: str) -> list[str]:
    """The nodes of ``graph`` that ``name`` names: an IRI, or a label, alias or ISO code (any case).

    Raises
    ------
    ConfigError
        Nothing in the graph goes by that name.
    """
    if name in graph:
        return [name]
    found = [str(row[0]) for row in store.query(_LOOKUP, bindings={"name": Literal(name)}).rows]
    if not found:
        wanted = name.casefold()
        found = [node for node, data in graph.nodes(data=True)
                 if data["label"].casefold() == wanted or wanted in (a.casefold() for a in data["aliases"])]
    found = sorted({iri for iri in found if iri in graph})
    if not found:
        raise ConfigError(f"no entity called {name!r} in the store: give a label, alias, ISO code or IRI "
                          "(kg query lookup --param name=... lists what matches)")
    return found


# --------------------------------------------------------------------------- choosing a view


@dataclass(frozen=True)
class Selection:
    """What a view shows: every field narrows the entity graph; the defaults keep all of it.

    ``around`` and ``country`` name entities (label, alias, ISO code or IRI); ``since`` and
    ``until`` are ISO dates (or their prefixes, ``2024`` or ``2024-03``) compared with the
    dates of events and agreements; ``types`` keeps those entity types; ``min_reports`` keeps
    entities that at least that many articles mention; ``limit`` caps the nodes (the most
    reported are kept); ``isolated`` keeps entities with no relation in the view.
    """

    around: str | None = None
    hops: int = 1
    country: str | None = None
    since: str | None = None
    until: str | None = None
    types: tuple[str, ...] = ()
    min_reports: int = 0
    limit: int = DEFAULT_LIMIT
    isolated: bool = False
    nodes: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        unknown = [name for name in self.types if name not in ENTITY_TYPES]
        if unknown:
            raise ConfigError(f"unknown entity type(s) {', '.join(unknown)}: use {', '.join(ENTITY_TYPES)}")
        if self.hops < 0 or self.limit < 1 or self.min_reports < 0:
            raise ConfigError(f"hops ({self.hops}) and min_reports ({self.min_reports}) must be 0 or more, "
                              f"limit ({self.limit}) at least 1")


@dataclass(frozen=True)
class Chosen:
    """A chosen view: the graph to draw and one line saying what was left out and how to see it."""

    graph: Any
    note: str


def _item_dates(data: Mapping[str, Any]) -> list[str]:
    dates = data.get("dates", {})
    return dates.get("date", []) + dates.get("startDate", [])


def _in_period(data: Mapping[str, Any], since: str | None, until: str | None) -> bool:
    """True when a date of the item falls in [since, until]; a prefix such as 2024 covers the year."""
    for date in _item_dates(data):
        if (since is None or date[: len(since)] >= since) and (until is None or date[: len(until)] <= until):
            return True
    return False


def _country_items(graph: networkx.MultiDiGraph, countries: Iterable[str]) -> set[str]:
    """Events and agreements a country takes part in, itself or through an official of it."""
    members = set(countries)
    for node in list(members):
        members.update(s for s, _, key in graph.in_edges(node, keys=True) if key == "represents")
    return {s for member in members for s, _, key in graph.in_edges(member, keys=True)
            if key in ("participant", "chair", "party", "signatory")}


def select(store: Store | None, graph: networkx.MultiDiGraph, selection: Selection = Selection()) -> Chosen:
    """The part of ``graph`` (from :func:`entity_graph`) that ``selection`` asks for.

    Steps, in order: the given nodes, the neighbourhood, the country, the period, the types,
    the reports; then entities with no relation left are dropped (unless ``isolated``), and
    the most reported ``limit`` are kept. ``store`` resolves names; it may be None when
    ``around`` and ``country`` are IRIs.

    Returns
    -------
    Chosen
        The subgraph (a copy) and a one-line note of what was left out, empty when nothing was.
    """
    import networkx as nx

    def names(name: str) -> list[str]:
        if store is None:
            if name not in graph:
                raise ConfigError(f"{name!r} is not a node of the graph: give its IRI")
            return [name]
        return resolve_entity(store, graph, name)

    keep = set(graph.nodes) if selection.nodes is None else set(selection.nodes) & set(graph.nodes)
    reasons: list[str] = []
    if selection.around is not None:
        start = names(selection.around)
        undirected = graph.to_undirected(as_view=True)
        near: set[str] = set()
        for node in start:
            near.update(nx.single_source_shortest_path_length(undirected, node, cutoff=selection.hops))
        keep &= near
    if selection.country is not None:
        countries = names(selection.country)
        items = _country_items(graph, countries)
        touched = set(countries) | items
        for item in items:
            touched.update(graph.successors(item))
        touched.update(o for node in list(touched) for _, o, key in graph.out_edges(node, keys=True)
                       if key == "represents")
        keep &= touched
    if selection.since is not None or selection.until is not None:
        items = {n for n in keep if graph.nodes[n]["type"] in ITEM_TYPES}
        outside = {n for n in items if not _in_period(graph.nodes[n], selection.since, selection.until)}
        keep -= outside
        # entities known only through the dropped items go with them
        linked = {m for n in keep if graph.nodes[n]["type"] in ITEM_TYPES for m in nx.all_neighbors(graph, n)}
        linked |= {o for n in linked for _, o, key in graph.out_edges(n, keys=True) if key == "represents"}
        keep = {n for n in keep if graph.nodes[n]["type"] in ITEM_TYPES or n in linked}
    if selection.types:
        keep = {n for n in keep if graph.nodes[n]["type"] in selection.types}
    if selection.min_reports:
        keep = {n for n in keep if graph.nodes[n]["reports"] >= selection.min_reports}
    view = graph.subgraph(keep)
    if not selection.isolated:
        alone = [n for n in view if view.degree(n) == 0]
        if alone:
            reasons.append(f"{len(alone)} unconnected entit{'y' if len(alone) == 1 else 'ies'} (--isolated shows them)")
            keep -= set(alone)
    if len(keep) > selection.limit:
        ranked = sorted(keep, key=lambda n: (-graph.nodes[n]["reports"], -graph.degree(n), n))
        reasons.insert(0, f"{len(keep) - selection.limit:,} less reported entities over the cap of "
                          f"{selection.limit:,} (--limit N raises it; --around, --country, --since, --types "
                          "or --min-reports narrow the view)")
        keep = set(ranked[: selection.limit])
    chosen = graph.subgraph(sorted(keep)).copy()
    chosen.graph.pop("entities", None)
    total = graph.graph.get("entities", graph.number_of_nodes())
    note = f"showing {chosen.number_of_nodes():,} of {total:,} entities"
    note += "; left out: " + "; ".join(reasons) if reasons else ""
    return Chosen(chosen, note)


# --------------------------------------------------------------------------- other projections


def country_graph(graph: networkx.MultiDiGraph) -> networkx.Graph:
    """Countries as nodes, joined when they meet (events) or agree (agreements).

    A country takes part in an item itself (``party``, ``participant``…) or through an official
    who represents it. Edge attributes: ``meetings`` and ``agreements`` (how many),
    ``weight`` (their sum) and ``items`` (the IRIs, sorted). Node attributes are the
    country's from ``graph``.
    """
    import networkx as nx

    result = nx.Graph()
    countries = sorted(n for n, data in graph.nodes(data=True) if data["type"] == "Country")
    for country in countries:
        result.add_node(country, **graph.nodes[country])
    by_item: dict[str, set[str]] = defaultdict(set)
    for country in countries:
        for item in _country_items(graph, [country]):
            by_item[item].add(country)
    for item in sorted(by_item):
        members = sorted(by_item[item])
        kind = "agreements" if graph.nodes[item]["type"] == "Agreement" else "meetings"
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if not result.has_edge(a, b):
                    result.add_edge(a, b, meetings=0, agreements=0, weight=0, items=[])
                data = result.edges[a, b]
                data[kind] += 1
                data["weight"] += 1
                data["items"].append(item)
    return result


def timeline(graph: networkx.MultiDiGraph, entity: str) -> list[dict[str, Any]]:
    """The dated events and agreements ``entity`` (an IRI) took part in, oldest first.

    An entity takes part itself or, for a country, through an official who represents it.
    Each row: ``date``, ``item``, ``label``, ``type``, ``kind``.
    """
    if entity not in graph:
        raise ConfigError(f"{entity!r} is not a node of the graph: give an IRI (resolve_entity finds it by name)")
    items = _country_items(graph, [entity])
    rows = [{"date": date, "item": item, "label": graph.nodes[item]["label"], "type": graph.nodes[item]["type"],
             "kind": graph.nodes[item]["kind"]}
            for item in items for date in sorted(set(_item_dates(graph.nodes[item])))[:1]]
    return sorted(rows, key=lambda row: (row["date"], row["label"], row["item"]))
