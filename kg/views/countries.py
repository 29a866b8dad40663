"""The country view's projection: countries (and international organisations) joined by the
interactions between them, with the months, scores and sentences the page needs.

Takes a :class:`kg.store.Store` and gives a ``networkx.MultiDiGraph`` marked
``graph.graph["view"] == "countries"``, which :func:`kg.views.write_view` draws with edges
coloured from conflict (red) to cooperation (green) by their net cooperation score and a
period filter over the interactions. Counts and scores come from :func:`kg.relations.all_relations`
(the ``relations-all`` query); the sentences from one query anchored on the interaction class.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from kg.ontology import PREFIXES

if TYPE_CHECKING:
    import networkx

    from kg.store import Store
    from kg.views.project import Chosen

__all__ = ["interaction_graph", "countries_view"]

# The same month rule as the relations queries: the interaction's date, else its article's.
_SENTENCES = f"""PREFIX dip: <{PREFIXES['dip']}>
PREFIX rdf: <{PREFIXES['rdf']}>
PREFIX prov: <{PREFIXES['prov']}>
PREFIX nif: <{PREFIXES['nif']}>
PREFIX schema: <{PREFIXES['schema']}>
SELECT DISTINCT ?i ?actor ?recipient ?event_type ?date ?mode ?cameo ?sentence ?article ?title ?url WHERE {{
  ?i a dip:Interaction ; dip:actorState ?actor ; dip:recipientState ?recipient ; dip:eventType ?event_type .
  OPTIONAL {{ ?i dip:date ?own_date }}
  OPTIONAL {{ GRAPH ?g {{ ?i a dip:Interaction . ?context a dip:Article ; schema:datePublished ?published }} }}
  BIND(COALESCE(?own_date, ?published) AS ?date)
  OPTIONAL {{ ?i dip:mode ?mode }}
  OPTIONAL {{ ?i dip:cameoCode ?cameo }}
  # every interaction has its assertions; a path from ?i is followed per interaction, where a
  # join on ?assertion (or an OPTIONAL around it) read every assertion of the store
  ?i ^rdf:subject/prov:wasDerivedFrom ?source .
  ?source nif:anchorOf ?sentence ; nif:referenceContext ?article .
  OPTIONAL {{ ?article schema:headline ?title }}
  OPTIONAL {{ ?article schema:url ?url }}
}}"""


def _tail(iri: Any, *, after: str = "/") -> str:
    return "" if iri is None else str(iri).rsplit(after, 1)[-1]


def interaction_graph(store: Store, *, since: str | None = None, until: str | None = None,
                      per_edge: int = 60) -> networkx.MultiDiGraph:
    """Countries and international organisations joined by their interactions.

    Parameters
    ----------
    store : kg.store.Store
    since, until : str, optional
        First and last month (``YYYY-MM``) or year kept; undated interactions are then left out.
    per_edge : int
        Most interactions (with their sentences) an edge lists for the page, newest first.

    Returns
    -------
    networkx.MultiDiGraph
        One node per party (``label``, ``type`` Country or Organization, ``iri``,
        ``reports``: its interactions) and one edge per pair, keyed ``interactions``, from the
        smaller IRI to the larger, with ``interactions`` (count), ``score`` (net cooperation
        score), ``months`` (``{month, actor, recipient, type, quad_class, interactions,
        score}`` rows) and ``items`` (``{month, date, actor, recipient, type, mode, cameo,
        sentences, article_id, title, url}``). ``graph.graph["view"]`` is ``"countries"``.

    Raises
    ------
    ConfigError
        The period is not written as months.
    """
    import networkx as nx

    from kg.relations import all_relations, article_id, month_in_period, parties

    rows = all_relations(store, since=since, until=until)
    names = parties(store)
    graph = nx.MultiDiGraph(view="countries")

    def node(iri: str) -> None:
        if iri not in graph:
            party = names.get(iri)
            graph.add_node(iri, label=party.label if party else _tail(iri), iri=iri, reports=0,
                           type=party.kind if party else "Country", kind=None, aliases=[], job_titles=[], dates={})

    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        node(row.actor)
        node(row.recipient)
        key = tuple(sorted((row.actor, row.recipient)))
        pair = pairs.setdefault(key, {"months": [], "items": {}})
        pair["months"].append({"month": row.month, "actor": row.actor, "recipient": row.recipient, "type": row.type,
                               "quad_class": row.quad_class, "interactions": row.interactions, "score": row.score})
        graph.nodes[row.actor]["reports"] += row.interactions
        graph.nodes[row.recipient]["reports"] += row.interactions
    sentences: dict[str, dict[str, None]] = defaultdict(dict)
    for i, actor, recipient, event_type, date, mode, cameo, sentence, article, title, url in \
            store.query(_SENTENCES).rows:
        key = tuple(sorted((str(actor), str(recipient))))
        month = "undated" if date is None else str(date)[:7]
        if key not in pairs or not month_in_period(month, since, until):
            continue
        items = pairs[key]["items"]
        if str(i) not in items:
            items[str(i)] = {"month": month, "date": "" if date is None else str(date), "actor": str(actor),
                             "recipient": str(recipient), "type": _tail(event_type),
                             "mode": _tail(mode).removeprefix("mode-"), "cameo": _tail(cameo),
                             "sentences": [], "article_id": article_id(str(article)) if article is not None else "",
                             "title": "" if title is None else str(title), "url": "" if url is None else str(url)}
        if sentence is not None:
            sentences[str(i)].setdefault(" ".join(str(sentence).split()), None)
    for (a, b), pair in sorted(pairs.items()):
        items = sorted(pair["items"].items(), key=lambda item: (item[1]["date"], item[0]), reverse=True)
        listed = [{**item, "sentences": sorted(sentences.get(iri, ()))} for iri, item in items[:per_edge]]
        count = sum(m["interactions"] for m in pair["months"])
        graph.add_edge(a, b, key="interactions", relation="interactions", interactions=count,
                       score=sum(m["score"] for m in pair["months"]), reports=count,
                       months=sorted(pair["months"], key=lambda m: (m["month"], m["actor"], m["type"])),
                       items=listed, evidence=[], articles=[])
    return graph


def countries_view(store: Store, *, country: str | None = None, since: str | None = None,
                   until: str | None = None) -> Chosen:
    """The graph ``kg viz --view countries`` draws: :func:`interaction_graph`, kept to the pairs
    of ``country`` (label, alias, ISO code or IRI) when given, with one line saying what it shows.

    Raises
    ------
    ConfigError
        ``country`` names no country or organisation, or the period is not written as months.
    """
    from kg.relations import resolve_party
    from kg.views.project import Chosen

    graph = interaction_graph(store, since=since, until=until)
    if country is not None:
        party = resolve_party(store, country).iri
        graph = graph.edge_subgraph([(s, o, k) for s, o, k in graph.edges(keys=True) if party in (s, o)]).copy()
    pairs = graph.number_of_edges()
    note = (f"showing {graph.number_of_nodes()} countries and organisations joined by the interactions of "
            f"{pairs} pair{'s' * (pairs != 1)}")
    if pairs == 0:
        note += ": the store holds no interaction" + (" in that period" if since or until else "")
    return Chosen(graph, note)
