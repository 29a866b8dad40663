"""Graph views: the RDF graph as a networkx projection and as an offline HTML page.

Takes an rdflib ``Graph`` or ``Dataset`` in the project's RDF layout (what ``kg.mapping``
writes, or what a query returned). Gives a ``networkx.MultiDiGraph`` whose nodes are the
entities (the seven core types) and whose edges are the nine relations, each edge carrying
the sentences it was read from; and from that, a single self-contained HTML page drawn with
vis-network through pyvis, which works with no network at all.

Text from articles is untrusted. The page receives it only through two doors: JSON inside a
script element (escaped by Jinja's ``tojson``), and tooltip HTML built by ``_tooltip``, the one
place HTML is assembled from values, which escapes every one of them. Node labels are drawn on
a canvas, never parsed as HTML, so they stay as written.

This module reads RDF and writes files; it never touches a store, spaCy or the network.
"""

from __future__ import annotations

import html
import json
import logging
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import ConfigError
from kg.model import ENTITY_TYPES, RELATIONS
from kg.ontology import DIP, NIF, SCHEMA

if TYPE_CHECKING:
    import networkx
    import rdflib

__all__ = ["LARGE_GRAPH", "TYPE_STYLES", "to_networkx", "write_html", "most_connected", "summary"]

log = logging.getLogger(__name__)

LARGE_GRAPH = 300
"""Above this many nodes the page is drawn with physics off, at positions computed here."""

TYPE_STYLES: dict[str, dict[str, str]] = {
    "Country": {"color": "#1f77b4", "shape": "dot", "glyph": "\u25cf"},
    "Agency": {"color": "#ff7f0e", "shape": "square", "glyph": "\u25a0"},
    "Organization": {"color": "#2ca02c", "shape": "hexagon", "glyph": "\u2b22"},
    "Official": {"color": "#d62728", "shape": "triangle", "glyph": "\u25b2"},
    "Agreement": {"color": "#9467bd", "shape": "diamond", "glyph": "\u25c6"},
    "Event": {"color": "#8c564b", "shape": "star", "glyph": "\u2605"},
    "Location": {"color": "#e377c2", "shape": "triangleDown", "glyph": "\u25bc"},
}
"""Colour and vis-network shape of each entity type: distinct in both, so either tells them apart."""

_DATE_ATTRIBUTES = ("startDate", "endDate", "date")
_MAX_EVIDENCE_SHOWN = 3
_MAX_LABEL = 48
_LAYOUT_SEED = 42
_DENSE_LAYOUT_LIMIT = 500
_TEMPLATE = "page.html.j2"
_ASSETS = Path(__file__).resolve().parent / "viz_assets"

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
    if type not in TYPE_STYLES:
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


# --------------------------------------------------------------------------- HTML page


def _tooltip(heading: str, rows: Iterable[tuple[str, Iterable[str]]], *, quotes: Iterable[str] = (),
             footer: str = "") -> str:
    """The one place tooltip HTML is assembled: every value passes through ``html.escape``."""
    parts = [f"<b>{html.escape(heading)}</b>"]
    for name, values in rows:
        shown = [html.escape(str(value)) for value in values]
        if shown:
            parts.append(f"<br><span class=\"muted\">{html.escape(name)}:</span> {', '.join(shown)}")
    parts.extend(f"<blockquote>{html.escape(text)}</blockquote>" for text in quotes)
    if footer:
        parts.append(f"<span class=\"muted\">{html.escape(footer)}</span>")
    return "".join(parts)


def _node_tooltip(data: dict[str, Any]) -> str:
    node_type = data.get("type", "")
    kind = data.get("kind")
    rows = [
        ("type", [f"{node_type} ({kind})" if kind else node_type]),
        ("also known as", data.get("aliases", ())),
        ("job title", data.get("job_titles", ())),
        *((name, values) for name, values in sorted(data.get("dates", {}).items())),
    ]
    return _tooltip(str(data.get("label", "")), rows)


def _edge_tooltip(data: dict[str, Any], source: str, target: str) -> str:
    sentences = list(data.get("evidence", ()))
    more = len(sentences) - _MAX_EVIDENCE_SHOWN
    return _tooltip(
        str(data.get("relation", "")),
        [("from", [source]), ("to", [target]), ("articles", data.get("articles", ()))],
        quotes=sentences[:_MAX_EVIDENCE_SHOWN],
        footer=f"and {more} more sentence(s)" if more > 0 else "",
    )


def _short(label: str) -> str:
    return label if len(label) <= _MAX_LABEL else label[: _MAX_LABEL - 1] + "\u2026"


def _positions(graph: networkx.MultiDiGraph) -> dict[Any, tuple[int, int]]:
    """Seeded force layout scaled to vis-network pixels, so a drawing without physics is readable.

    Below ``_DENSE_LAYOUT_LIMIT`` nodes this is networkx's ``spring_layout``; above, networkx
    switches to a sparse solver that took minutes on 2,000 nodes here, so ``_local_force_layout``
    does the same Fruchterman-Reingold steps with repulsion from near neighbours only.
    """
    import importlib.util

    import networkx as nx

    count = graph.number_of_nodes()
    if count == 0:
        return {}
    scale = 60 * math.sqrt(count) + 150
    if count < _DENSE_LAYOUT_LIMIT:
        layout = nx.spring_layout(graph, seed=_LAYOUT_SEED, scale=scale)
        return {node: (round(float(x)), round(float(y))) for node, (x, y) in layout.items()}
    if importlib.util.find_spec("scipy") is None:
        log.warning("scipy is not installed: %d nodes are placed at random; install scipy for a force layout", count)
        layout = nx.random_layout(graph, seed=_LAYOUT_SEED)
        return {node: (round(float(x) * 2 * scale - scale), round(float(y) * 2 * scale - scale))
                for node, (x, y) in layout.items()}
    nodes = list(graph.nodes)
    number = {node: position for position, node in enumerate(nodes)}
    pairs = [(number[s], number[o]) for s, o in graph.edges() if s != o]
    coordinates = _local_force_layout(len(nodes), pairs)
    low, high = coordinates.min(axis=0), coordinates.max(axis=0)
    span = float(max((high - low).max(), 1e-9))
    centred = (coordinates - (low + high) / 2) * (2 * scale / span)
    return {node: (round(float(x)), round(float(y))) for node, (x, y) in zip(nodes, centred)}


def _local_force_layout(count: int, pairs: list[tuple[int, int]], *, iterations: int = 50,
                        neighbours: int = 16) -> Any:
    """Fruchterman-Reingold in the unit square, each node repelled by its nearest neighbours only.

    The neighbours come from a k-d tree each step, so a step costs about ``count`` times
    ``neighbours`` whatever the shape of the graph (hubs included). Seeded: the same graph
    gives the same positions.
    """
    import numpy as np
    from scipy.spatial import cKDTree

    rng = np.random.default_rng(_LAYOUT_SEED)
    position = rng.random((count, 2))
    ideal_squared = 1.0 / count
    ideal = math.sqrt(ideal_squared)
    edges = np.array(pairs, dtype=np.intp).reshape(-1, 2)
    nearest = min(neighbours + 1, count)
    temperature = 0.1
    cooling = temperature / (iterations + 1)

    def scatter(index: Any, vectors: Any) -> Any:
        return np.stack([np.bincount(index, weights=vectors[:, axis], minlength=count) for axis in (0, 1)], axis=1)

    for _ in range(iterations):
        _, close = cKDTree(position).query(position, k=nearest)
        delta = position[:, None, :] - position[close]  # (count, nearest, 2); a node's own row is zero
        squared = (delta**2).sum(axis=2)
        weight = np.where(squared > 0, ideal_squared / np.maximum(squared, 1e-12), 0.0)
        shift = (delta * weight[:, :, None]).sum(axis=1)
        delta = position[edges[:, 0]] - position[edges[:, 1]]
        pull = delta * (np.sqrt((delta**2).sum(axis=1)) / ideal)[:, None]
        shift += scatter(edges[:, 1], pull) - scatter(edges[:, 0], pull)
        length = np.maximum(np.sqrt((shift**2).sum(axis=1)), 1e-12)
        position += shift * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    return position


def _network_data(graph: networkx.MultiDiGraph, *, physics: bool, height: str) -> tuple[list, list, dict]:
    """vis-network nodes, edges and options, assembled by pyvis."""
    from pyvis.network import Network

    net = Network(height=height, width="100%", directed=True, cdn_resources="in_line")
    positions = {} if physics else _positions(graph)
    for node, data in graph.nodes(data=True):
        style = TYPE_STYLES.get(data.get("type", ""), {"color": "#999999", "shape": "dot"})
        extra = {"x": positions[node][0], "y": positions[node][1]} if node in positions else {}
        net.add_node(
            str(node),
            label=_short(str(data.get("label", node))),
            title=_node_tooltip(data),
            color=style["color"],
            shape=style["shape"],
            size=12 + min(graph.degree(node), 40) * 0.5,
            **extra,
        )
    for number, (source, target, data) in enumerate(graph.edges(data=True)):
        net.add_edge(
            str(source), str(target),
            id=f"e{number}",
            label=str(data.get("relation", "")),
            title=_edge_tooltip(data, str(graph.nodes[source].get("label", source)),
                                str(graph.nodes[target].get("label", target))),
        )
    net.toggle_physics(physics)
    nodes, edges, _, _, _, options_json = net.get_network_data()
    options = json.loads(options_json)
    options["edges"].update({
        "color": {"color": "#9a9a9a", "highlight": "#333333", "inherit": False},
        "font": {"size": 10, "align": "middle", "color": "#555555"},
        "smooth": {"enabled": physics, "type": "dynamic"},
    })
    options["interaction"].update({"hover": True, "tooltipDelay": 150})
    options["nodes"] = {"font": {"size": 13}}
    return nodes, edges, options


def write_html(graph: networkx.MultiDiGraph, path: str | Path, *, title: str = "diplokg",
               physics: bool | None = None, height: str = "800px") -> Path:
    """Write ``graph`` (from :func:`to_networkx`) as one HTML file that works offline.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        Nodes with ``label``/``type``/... attributes and edges with ``relation``/``evidence``.
    path : str or Path
        Where to write; parent folders are created.
    title : str
        Page title and heading (escaped).
    physics : bool or None
        Let vis-network lay the graph out live. None means: on up to ``LARGE_GRAPH`` nodes,
        off above, where positions come from a seeded networkx spring layout instead, so the
        first draw is instant. The same input always gives the same file.
    height : str
        CSS height of the drawing area.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ConfigError
        If ``path`` is an existing folder.
    """
    import jinja2
    import pyvis

    target = Path(path)
    if target.is_dir():
        raise ConfigError(f"{target} is a folder: give a file name for the graph page, e.g. {target / 'graph.html'}")
    if physics is None:
        physics = graph.number_of_nodes() <= LARGE_GRAPH
    nodes, edges, options = _network_data(graph, physics=physics, height=height)

    vis_dir = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"
    vis_js = (vis_dir / "vis-network.min.js").read_text(encoding="utf-8")
    if "</script" in vis_js.lower():
        raise ConfigError(f"{vis_dir / 'vis-network.min.js'} contains '</script' and cannot be inlined; reinstall pyvis==0.3.2")
    counts = Counter(data.get("type") for _, data in graph.nodes(data=True))
    legend = [{"type": name, "count": counts.get(name, 0), **TYPE_STYLES[name]} for name in ENTITY_TYPES]

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_ASSETS), autoescape=True, undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    page = environment.get_template(_TEMPLATE).render(
        title=title, height=height, physics=physics, legend=legend,
        node_count=len(nodes), edge_count=len(edges), nodes=nodes, edges=edges, options=options,
        vis_js=vis_js, vis_css=(vis_dir / "vis-network.css").read_text(encoding="utf-8"),
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    log.info("wrote %s: %d nodes, %d edges, physics %s", target, len(nodes), len(edges), "on" if physics else "off")
    return target
