"""The views stage: chosen parts of the graph as networkx projections, pages and exports.

Takes a :class:`kg.store.Store` (or an rdflib graph, for one article or a query's answer) and
gives networkx graphs (:func:`entity_graph`, :func:`country_graph`, :func:`timeline`,
:func:`interaction_graph` for the country view of interactions), the part
a view shows (:func:`select`), and files: one offline HTML page or GraphML, GEXF and
node-link JSON (:func:`write_view`). The notebook and ``kg viz`` call the same functions.
Imports no NLP library and writes nothing to a store.

Examples
--------
>>> from kg.store import open_store
>>> with open_store("memory") as store:
...     chosen = select(store, entity_graph(store), Selection(limit=100))
>>> chosen.graph.number_of_nodes()
0
"""

from __future__ import annotations

from kg.views.countries import countries_view, interaction_graph
from kg.views.page import FORMATS, TYPE_STYLES, write_html, write_view
from kg.views.project import (
    DEFAULT_LIMIT,
    Chosen,
    Selection,
    add_evidence,
    country_graph,
    entity_graph,
    local_graph,
    resolve_entity,
    select,
    timeline,
)
from kg.views.rdf import most_connected, summary, to_networkx

__all__ = [
    "DEFAULT_LIMIT", "FORMATS", "TYPE_STYLES", "Chosen", "Selection", "add_evidence", "countries_view",
    "country_graph", "entity_graph", "interaction_graph", "local_graph", "most_connected", "resolve_entity", "select", "summary",
    "timeline", "to_networkx", "view", "write_html", "write_view",
]


def view(store, selection: Selection = Selection(), *, query=None, params=None, evidence: int = 3) -> Chosen:
    """The graph a view draws: the entity graph of ``store``, narrowed by ``selection``, with evidence.

    ``query`` (a named query, a ``.rq`` file or SPARQL text, run with ``params`` by
    :func:`kg.query.run`) first narrows the view to the entities its answer names (every IRI
    in its rows, or in the triples of a CONSTRUCT). ``evidence`` is how many sentences each
    relation keeps for the side panel.
    """
    import dataclasses

    if query is not None:
        from kg.query import run

        result = run(store, query, params=params or {})
        found = _iris(result)
        # what the query names is what was asked for: shown even when it has no relation
        selection = dataclasses.replace(selection, nodes=tuple(sorted(found)), isolated=True)
    # only the part the selection needs is read: a neighbourhood of a big store in a few seconds
    chosen = select(store, local_graph(store, selection), selection)
    add_evidence(store, chosen.graph, per_edge=evidence)
    return chosen


def _iris(result) -> set[str]:
    from rdflib import URIRef

    if result.kind == "graph" and result.graph is not None:
        return {str(term) for triple in result.graph for term in triple if isinstance(term, URIRef)}
    return {str(cell) for row in result.rows for cell in row if isinstance(cell, URIRef)}
