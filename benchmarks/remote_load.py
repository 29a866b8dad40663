"""How fast a remote store takes the sample build, by batch size, measured on demand (not a test).

Extracts the sample articles (``data/articles``, the real model) once, then writes them with
:class:`kg.store.RemoteStore` to each server given, one ``write_articles`` call per article as
``kg build`` does, for each batch size (the most triples in one update request; an article
bigger than that is staged). Each server is emptied of the project's graphs first. Prints the
seconds and quads per second of each run (median of three).

Start the servers yourself, e.g. ``oxigraph serve --location DIR --union-default-graph`` and a
Virtuoso with ``GRANT SPARQL_UPDATE TO "SPARQL"`` (see the README), then run
``.venv/bin/python benchmarks/remote_load.py http://127.0.0.1:7878 http://127.0.0.1:8890/sparql``
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _store_graphs() -> list:
    from kg.extract import Extractor
    from kg.ingest import read_articles
    from kg.mapping import to_store_graphs
    from kg.model import Article
    from kg.resolve import resolve

    articles = [a for a in read_articles([ROOT / "data" / "articles"]) if isinstance(a, Article)]
    return [to_store_graphs(resolve(x)) for x in Extractor.load().extract_all(articles)]


def _empty(store) -> None:
    rows = store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                       "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/diplokg/') || STRSTARTS(STR(?g), 'urn:')) }").rows
    if rows:
        store.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for (g,) in rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="+", help="remote stores, as kg build --store takes them")
    parser.add_argument("--batches", type=int, nargs="+", default=[1000, 100_000])
    args = parser.parse_args()

    from kg.store import RemoteStore

    graphs = _store_graphs()
    print(f"{len(graphs)} articles")
    for url in args.urls:
        for batch in args.batches:
            times, quads = [], 0
            for _ in range(3):
                store = RemoteStore.from_url(url, batch_triples=batch)
                _empty(store)
                started = time.perf_counter()
                for article in graphs:
                    store.write_articles([article])
                times.append(time.perf_counter() - started)
                quads = int(store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                                        "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/diplokg/')) }").rows[0][0])
                store.close()
            seconds = statistics.median(times)
            print(f"{url}  batch {batch:>7}: {seconds:6.2f} s, {quads} quads, {quads / seconds:8.0f} quads/s")


if __name__ == "__main__":
    main()
