"""Build speed on worker processes, and the store's write paths, at a few corpus sizes (not a test).

1. Builds: a corpus of N copies of the sample articles (``data/articles/*.txt`` under new
   file names) is built by ``kg build`` into a new store folder with ``--workers 1`` and
   ``--workers 2``, each in its own process; prints the time, articles/s, the speed-up and the
   peak RSS of the largest process of the build (the writer, or a worker).
2. Writes alone, without spaCy: the sample articles are extracted once, their lines copied
   under N article ids, then written three ways into new folders, each in its own process:
   one transaction per article (``Store.write_articles``), the bulk path
   (``EmbeddedStore.bulk_loader``, one load fed article by article, as ``kg build --bulk``
   does), and pyoxigraph's
   own ``bulk_load`` of the N-Quads the bulk path stored (the reference). Prints quads/s, the
   ratio to the reference, the folder size after the writes (peak during them too: sampled),
   after ``optimize()``, the time to reopen the folder, and the writer's peak RSS. The time
   spent making the copies (string replacement, measured alone first) is taken out.

Run once, on a quiet machine: ``.venv/bin/python benchmarks/build_scale.py [--sizes 500 2000]
[--write-sizes 500 2000 5000] [--workers 1 2]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "data" / "articles"
KG = Path(sys.executable).parent / "kg"


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def run_measured(command: list[str], *, watch: Path | None = None) -> tuple[float, int, str]:
    """Run ``command``; give (seconds, peak size of the folder ``watch`` in bytes, stdout)."""
    peak = [0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.5):
            if watch is not None and watch.exists():
                try:
                    peak[0] = max(peak[0], folder_size(watch))
                except OSError:
                    pass  # a file vanished while summing: compaction

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    stop.set()
    sampler.join()
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return seconds, peak[0], done.stdout


def corpus(folder: Path, n: int) -> None:
    sources = sorted(ARTICLES.glob("*.txt"))
    for i in range(n):
        src = sources[i % len(sources)]
        (folder / f"{src.stem}-copy{i // len(sources)}.txt").write_bytes(src.read_bytes())


def builds(sizes: list[int], workers: list[int]) -> None:
    print("## kg build, new store folder (bulk load chosen by default), real model\n")
    print("| articles | workers | time s | articles/s | speed-up | peak RSS MB (largest process) |")
    print("|---|---|---|---|---|---|")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "articles"
            folder.mkdir()
            corpus(folder, n)
            base = None
            for w in workers:
                store = Path(tmp) / f"store-{w}"
                seconds, rss, _, _ = _measure_build(folder, store, w)
                base = base or seconds
                print(f"| {n} | {w} | {seconds:.1f} | {n / seconds:.1f} | {base / seconds:.2f} | {rss:.0f} |",
                      flush=True)
                shutil.rmtree(store)


def _measure_build(folder: Path, store: Path, workers: int) -> tuple[float, float, int, str]:
    """One build in a child process that reports its own peak RSS and its children's."""
    code = (
        "import resource, sys, subprocess\n"
        f"r = subprocess.run({[str(KG), 'build', str(folder), '--store', str(store), '--workers', str(workers)]!r},"
        " capture_output=True, text=True)\n"
        "sys.stderr.write(r.stderr[-2000:]) if r.returncode else None\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "sys.exit(r.returncode)\n"
    )
    seconds, peak, out = run_measured([sys.executable, "-c", code], watch=store)
    return seconds, int(out.split()[-1]) / 1024, peak, out


def write_one(mode: str, sample_file: Path, n: int, store_path: Path, nquads_file: Path) -> None:
    """In a child process: write ``n`` copies of the sample one way; print seconds, quads, peak RSS
    in kB. The copies are made one at a time, so the RSS is the store path's, not the input's."""
    import pickle
    import resource

    import pyoxigraph as ox

    from kg.store import open_store

    sample = pickle.loads(sample_file.read_bytes())
    start = time.perf_counter()
    for _ in copies(sample, n):
        pass
    making = time.perf_counter() - start if mode != "reference" else 0.0
    start = time.perf_counter()
    if mode == "reference":
        store = ox.Store(str(store_path))
        store.bulk_load(path=str(nquads_file), format=ox.RdfFormat.N_QUADS)
        store.flush()
        seconds = time.perf_counter() - start
        quads = len(store)
    else:
        with open_store(store_path) as kg_store:
            if mode == "transactions":
                for article in copies(sample, n):
                    kg_store.write_articles([article])
            else:
                with kg_store.bulk_loader() as loader:
                    for article in copies(sample, n):
                        loader.add(article)
            kg_store._ox.flush()
            seconds = time.perf_counter() - start - making
            quads = kg_store.count_quads()
    print(seconds, quads, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def reopen_and_optimize(path: Path) -> tuple[float, int, float]:
    """Seconds to reopen the folder (and count), size after optimize(), seconds of optimize."""
    code = (
        "import sys, time\nimport pyoxigraph as ox\n"
        "t = time.perf_counter(); s = ox.Store(sys.argv[1]); n = len(s); t1 = time.perf_counter() - t\n"
        "t = time.perf_counter(); s.optimize(); s.flush(); t2 = time.perf_counter() - t\n"
        "print(t1, t2)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True).stdout
    reopen, optimize = map(float, out.split())
    return reopen, folder_size(path), optimize


def sample_lines() -> list:
    """The sample articles' lines as the build writes them (real model, extracted once)."""
    from kg.extract import Extractor
    from kg.config import Settings
    from kg.ingest import read_articles
    from kg.pipeline import process_articles

    extractor = Extractor.load(model=Settings().model)
    articles = [a for a in read_articles([str(p) for p in sorted(ARTICLES.glob("*.txt"))]) if hasattr(a, "id")]
    results = list(process_articles(extractor, articles, fingerprint=extractor.fingerprint))
    return [(a.id, r.lines) for a, r in zip(articles, results) if r.lines is not None]


def copies(sample: list, n: int) -> Iterator:
    """``n`` articles: the sample's lines under new article ids (shared facts stay shared)."""
    from kg.store import ArticleLines

    for i in range(n):
        article_id, lines = sample[i % len(sample)]
        new_id = f"{article_id}-copy{i // len(sample)}"

        def renamed(items: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(line.replace(f"/{article_id}", f"/{new_id}") for line in items)

        yield ArticleLines(lines.name.replace(f"/{article_id}", f"/{new_id}"), lines.entity_graph,
                           renamed(lines.article), renamed(lines.entity))


def writes(sizes: list[int], modes: list[str]) -> None:
    import pickle

    print("\n## store writes alone (no spaCy): the same articles' lines written three ways\n")
    print("| articles | path | quads | s | quads/s | × bulk_load | folder MB (peak) | after optimize MB "
          "| reopen s | optimize s | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    sample = sample_lines()
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            lines_file = Path(tmp) / "sample.pickle"
            lines_file.write_bytes(pickle.dumps(sample))
            nquads = Path(tmp) / "stored.nq"
            rates = {}
            for mode in modes:
                store = Path(tmp) / mode
                command = [sys.executable, __file__, "--write-one", mode, str(lines_file), str(n), str(store), str(nquads)]
                _, peak, out = run_measured(command, watch=store)
                seconds, quads, rss = out.split()
                seconds, quads = float(seconds), int(quads)
                size = folder_size(store)
                if mode == "bulk":  # the reference loads what the bulk path stored; read after the size is taken
                    subprocess.run([str(KG), "export", "--store", str(store), "--format", "nquads", "-o", str(nquads)],
                                   check=True, capture_output=True)
                reopen, optimized, optimize = reopen_and_optimize(store)
                rates[mode] = quads / seconds
                ratio = rates[mode] / rates["reference"] if "reference" in rates else float("nan")
                print(f"| {n} | {mode} | {quads} | {seconds:.1f} | {rates[mode]:,.0f} | {ratio:.2f} | "
                      f"{size / 2**20:.0f} ({max(peak, size) / 2**20:.0f}) | {optimized / 2**20:.0f} | {reopen:.2f} "
                      f"| {optimize:.1f} | {int(rss) / 1024:.0f} |", flush=True)
                shutil.rmtree(store)
            if "bulk" in rates and "reference" in rates:
                print(f"| {n} | bulk ÷ bulk_load | | | | {rates['bulk'] / rates['reference']:.2f} | | | | | |",
                      flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[500, 2000], help="corpus sizes to build")
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--write-sizes", type=int, nargs="*", default=[500, 2000, 5000])
    parser.add_argument("--write-modes", nargs="*", default=["bulk", "reference", "transactions"],
                        help="bulk must come before reference, which loads what bulk stored")
    parser.add_argument("--write-one", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write_one:
        mode, sample, n, store, nquads = args.write_one
        write_one(mode, Path(sample), int(n), Path(store), Path(nquads))
        return
    print(f"{os.cpu_count()} cores\n")
    if args.write_sizes:
        writes(args.write_sizes, args.write_modes)
    if args.sizes:
        builds(args.sizes, args.workers)


if __name__ == "__main__":
    main()
