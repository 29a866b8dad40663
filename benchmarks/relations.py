"""How long the relations queries and the country view take as interactions grow (not a test).

Writes made-up articles into an in-memory store, each with three interactions in the agreed
shape (actor and recipient states among 40 countries, a PLOVER type, a date in 2020-2024, a
sentence and the reified assertions the mapping writes), until the store holds 500 and 5,000
articles (``--sizes`` for others). On each size it runs ``relations`` for one pair,
``relations-all``, ``relations-evidence`` for one month of that pair and the country view's
projection (:func:`kg.views.interaction_graph`), and prints the median of three runs.

Run: ``.venv/bin/python benchmarks/relations.py [--sizes 500 5000]``
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

CODES = ("IN", "US", "CN", "JP", "BD", "PK", "RU", "FR", "DE", "GB", "BR", "ZA", "NG", "EG", "TR", "IR", "SA", "AE",
         "AU", "NZ", "CA", "MX", "AR", "CL", "KR", "KP", "VN", "TH", "ID", "MY", "SG", "PH", "LK", "NP", "AF", "IL",
         "UA", "PL", "IT", "ES")
TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
QUADS = ("verbal-cooperation",) * 3 + ("material-cooperation",) * 4 + ("verbal-cooperation",) + \
        ("verbal-conflict",) * 4 + ("material-conflict",) * 4


def article_graphs(start: int, stop: int, rng: random.Random) -> dict:
    """Article graphs ``start`` … ``stop - 1``: {graph IRI: triples}."""
    from rdflib import RDF, RDFS, Literal, Namespace, URIRef
    from rdflib.namespace import PROV, XSD

    from kg.ontology import NIF, PREFIXES, SCHEMA, article_iri, entity_iri, graph_iri

    dip = Namespace(PREFIXES["dip"])
    plover, quad = Namespace("https://w3id.org/diplokg/plover/"), Namespace("https://w3id.org/diplokg/quad/")
    graphs = {}
    for n in range(start, stop):
        aid = f"bench-{n}"
        article = article_iri(aid)
        published = f"{rng.randint(2020, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        triples = [(article, RDF.type, dip.Article), (article, SCHEMA.headline, Literal(f"Story {n}")),
                   (article, SCHEMA.datePublished, Literal(published, datatype=XSD.date))]
        for k in range(3):
            actor, recipient = rng.sample(CODES, 2)
            kind = rng.randrange(len(TYPES))
            node = entity_iri(f"interaction/{aid}/{k + 1}")
            sentence = URIRef(f"{article}/sentence/{k * 100}-{k * 100 + 60}")
            a, b = entity_iri(f"country/{actor}"), entity_iri(f"country/{recipient}")
            facts = [(node, RDF.type, dip.Interaction), (node, dip.actor, a), (node, dip.recipient, b),
                     (node, dip.eventType, plover[TYPES[kind]]),
                     (node, dip.date, Literal(published, datatype=XSD.date))]
            triples += facts + [(node, dip.actorState, a), (node, dip.recipientState, b),
                                (node, dip.quadClass, quad[QUADS[kind]]),
                                (node, RDFS.label, Literal(f"{actor} {TYPES[kind]} {recipient}")),
                                (sentence, NIF.anchorOf, Literal(f"{actor} and {recipient}: sentence {k} of {n}.")),
                                (sentence, NIF.referenceContext, article)]
            for i, (s, p, o) in enumerate(facts):
                assertion = URIRef(f"{article}/assertion/{k}-{i}")
                triples += [(assertion, RDF.type, dip.Assertion), (assertion, RDF.subject, s),
                            (assertion, RDF.predicate, p), (assertion, RDF.object, o),
                            (assertion, PROV.wasDerivedFrom, sentence)]
        graphs[graph_iri(aid)] = triples
    return graphs


def countries(store) -> None:
    """The countries' own facts, once, in the entity graph (as the store keeps them)."""
    from rdflib import RDF, RDFS, Literal

    from kg.ontology import DIP, ENTITY_GRAPH, entity_iri

    triples = []
    for code in CODES:
        node = entity_iri(f"country/{code}")
        triples += [(node, RDF.type, DIP.Country), (node, RDFS.label, Literal(f"Country {code}")),
                    (node, DIP.iso3166Alpha2, Literal(code))]
    store.replace_graphs({ENTITY_GRAPH: triples})


def timed(call, repeat: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - began)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    args = parser.parse_args()

    from kg.relations import all_relations, evidence, relations
    from kg.store import open_store
    from kg.views import interaction_graph

    rng = random.Random(7)
    with open_store("memory") as store:
        countries(store)
        done = 0
        print("articles  interactions  quads      write s  relations s (rows)  all s (rows)  evidence s (rows)  "
              "view s (pairs)")
        for size in sorted(args.sizes):
            began = time.perf_counter()
            for start in range(done, size, 250):
                store.replace_graphs(article_graphs(start, min(start + 250, size), rng))
            written = time.perf_counter() - began
            done = size
            pair, pair_rows = timed(lambda: relations(store, "IN", "US"))
            every, all_rows = timed(lambda: all_relations(store))
            month = pair_rows[0].month if pair_rows else "2024-01"
            behind, sentences = timed(lambda: evidence(store, "IN", "US", month))
            drawn, graph = timed(lambda: interaction_graph(store))
            print(f"{size:>8,}  {size * 3:>12,}  {store.count_quads():>9,}  {written:>7.1f}  "
                  f"{pair:>11.3f} ({len(pair_rows):>4})  {every:>5.3f} ({len(all_rows):>5})  "
                  f"{behind:>10.3f} ({len(sentences):>4})  {drawn:>6.3f} ({graph.number_of_edges()})")


if __name__ == "__main__":
    main()
