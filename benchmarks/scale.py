"""A whole build of a generated corpus of N articles, and what the store is like after it (not a test).

Generates N agency-feed articles (``benchmarks/corpus_gen.py``: news shapes of
``templates/shapes.json`` filled from the gazetteers and several thousand made-up officials),
builds them with ``kg build`` into a new store folder (bulk load, the default for a large new
store; ``--no-bulk`` for one transaction per article), then prints:

* build time, articles/s, the peak RSS of the ``kg build`` process and of its whole process
  tree (Dask workers included), sampled with psutil (every 0.1 s at first, then every 0.5 s);
* the store folder on disk after the build, and its peak during it (sampled), and the quads;
* every named query's latency (median of ``--repeat``, 3 by default, in this process, on the store opened read-only),
  with the parameters of ``benchmarks/queries.py`` (the ``posts`` person is a generated
  Indian foreign minister): the whole answer, and its first page of 100 rows as ``kg query``
  shows it (``limit=101``: the page and one row more, to tell whether another follows);
* a rebuild of the unchanged corpus: its time and its ratio to the first build (run before the
  queries, so that a long run stopped during them still has it);
* ``kg viz --around India --hops 1`` (median of ``--repeat``, a new process each time, as a user runs it).

Run under ``nice`` on a shared machine: ``nice -n 10 .venv/bin/python benchmarks/scale.py
--articles 1000 [--workers W] [--out DIR] [--keep] [--no-bulk] [--seed 7]``. Without
``--out`` everything goes to a temporary folder, removed at the end unless ``--keep``.
``--queries-only --out DIR`` times the named queries of the store an earlier run kept in DIR
(same ``--seed``), and nothing else. ``--repeat 1`` times each query and view once, for stores
so large that three runs of each would take longer than the build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

KG = Path(sys.executable).parent / "kg"
MB = 1024 * 1024


def folder_size(path: Path) -> int:
    total = 0
    for f in path.rglob("*"):
        try:
            if f.is_file():
                total += f.stat().st_size
        except OSError:
            pass  # a file vanished while summing: the store compacted it
    return total


class Run:
    """One command, with its time, peak RSS (own and whole tree) and the peak size of a folder."""

    def __init__(self, command: list[str], *, watch: Path | None = None, log: Path | None = None) -> None:
        self.command = command
        self.watch = watch
        self.log = log
        self.seconds = 0.0
        self.rss = 0  # the command's own process
        self.tree_rss = 0  # the command and all its children at one moment
        self.folder_peak = 0
        self.output = ""

    def __call__(self) -> Run:
        import psutil

        out = open(self.log, "w", encoding="utf-8") if self.log else subprocess.PIPE  # noqa: SIM115
        start = time.perf_counter()
        child = subprocess.Popen(self.command, stdout=out, stderr=subprocess.STDOUT, text=True)
        stop = threading.Event()

        def sample() -> None:
            proc = psutil.Process(child.pid)
            ticks = 0
            while not stop.wait(0.1 if ticks < 40 else 0.5):
                try:
                    own = proc.memory_info().rss
                    tree = own + sum(c.memory_info().rss for c in proc.children(recursive=True))
                except psutil.Error:
                    continue
                self.rss = max(self.rss, own)
                self.tree_rss = max(self.tree_rss, tree)
                ticks += 1
                if self.watch is not None and ticks % 8 == 0 and self.watch.exists():
                    self.folder_peak = max(self.folder_peak, folder_size(self.watch))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        stdout, _ = child.communicate()
        self.seconds = time.perf_counter() - start
        stop.set()
        sampler.join()
        if self.log:
            out.close()
            self.output = self.log.read_text(encoding="utf-8", errors="replace")
        else:
            self.output = stdout or ""
        if child.returncode not in (0, 1):  # 1: some articles failed, the others landed (reported)
            raise SystemExit(f"{' '.join(self.command)} failed ({child.returncode}):\n{self.output[-3000:]}")
        if self.watch is not None and self.watch.exists():
            self.folder_peak = max(self.folder_peak, folder_size(self.watch))
        return self


def query_params(world) -> dict[str, dict[str, str]]:
    """The parameters of benchmarks/queries.py, with a person that the generated corpus holds."""
    from queries import PARAMS

    params = {name: dict(values) for name, values in PARAMS.items()}
    minister = world.holder("IN", "fm", dt.date(2020, 6, 30))
    params["posts"] = {"person": minister}
    return params


#: The rows of the first page ``kg query`` shows as a table.
PAGE = 100


def time_queries(store_path: Path, params: dict[str, dict[str, str]],
                 repeat: int = 3) -> tuple[int, list[tuple[str, float, int, float, int]]]:
    """The quads, and per named query: (name, whole answer median s, rows, first page median s, rows)."""
    from kg.query import list_queries, run
    from kg.store import open_store

    def median(query, **page) -> tuple[float, int]:
        seconds = []
        rows = 0
        for _ in range(repeat):
            began = time.perf_counter()
            rows = len(run(store, query, params=params.get(query.name, {}), **page).rows)
            seconds.append(time.perf_counter() - began)
        return statistics.median(seconds), rows

    timings = []
    with open_store(store_path, read_only=True) as store:
        quads = store.count_quads()
        for query in list_queries():
            whole, rows = median(query)
            first, page_rows = median(query, limit=PAGE + 1)
            timings.append((query.name, whole, rows, first, min(page_rows, PAGE)))
            print(f"  {query.name}: {whole:.3f} s ({rows} rows), first page {first:.3f} s", file=sys.stderr, flush=True)
    return quads, timings


def print_timings(quads: int, timings: list[tuple[str, float, int, float, int]]) -> None:
    print(f"\nquads: {quads:,}\n\nnamed query        whole answer s   rows   first page s   rows", flush=True)
    for name, whole, rows, first, page_rows in timings:
        print(f"{name:<18} {whole:>14.3f} {rows:>6} {first:>14.3f} {page_rows:>6}", flush=True)


def build_command(articles: Path, store: Path, options: argparse.Namespace) -> list[str]:
    command = [str(KG), "build", str(articles), "--store", str(store)]
    if options.workers is not None:
        command += ["--workers", str(options.workers)]
    if options.no_bulk:
        command.append("--no-bulk")
    return command


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, metavar="N", help="articles to generate and build (required "
                        "unless --queries-only)")
    parser.add_argument("--workers", metavar="W", help="passed to kg build --workers (default: kg's own)")
    parser.add_argument("--out", type=Path, metavar="DIR", help="folder for the corpus, store and view")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--no-bulk", action="store_true", help="one transaction per article")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, metavar="R",
                        help="runs of each named query and of kg viz; the median is printed (default 3)")
    parser.add_argument("--queries-only", action="store_true",
                        help="only time the named queries of the store kept in --out DIR")
    options = parser.parse_args()

    from corpus_gen import World

    if options.queries_only:
        if options.out is None or not (options.out / "store").is_dir():
            raise SystemExit("--queries-only needs --out DIR holding the store of an earlier run (DIR/store)")
        print(f"# named queries of {options.out / 'store'}; load average {os.getloadavg()[0]:.1f}", flush=True)
        print_timings(*time_queries(options.out / "store", query_params(World.build(seed=options.seed)),
                                    repeat=options.repeat))
        print(f"load average at the end {os.getloadavg()[0]:.1f}", flush=True)
        return

    if options.articles is None:
        parser.error("--articles N is required (unless --queries-only)")
    out = options.out or Path(tempfile.mkdtemp(prefix="diplokg-scale-"))
    articles, store = out / "articles", out / "store"
    if store.exists():
        raise SystemExit(f"{store} exists: the benchmark builds a new store; remove it or give another --out")
    n = options.articles
    print(f"# scale: {n:,} generated articles, seed {options.seed}, workers {options.workers or 'default'}, "
          f"{'no bulk' if options.no_bulk else 'bulk by default'}; load average {os.getloadavg()[0]:.1f}; in {out}",
          flush=True)

    began = time.perf_counter()
    world = World.build(seed=options.seed)
    paths = world.write(articles, n)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"generated {n:,} articles ({words:,} words, {len(world.officials):,} officials in the world) "
          f"in {time.perf_counter() - began:.1f} s", flush=True)

    first = Run(build_command(articles, store, options), watch=store, log=out / "build.log")()
    size = folder_size(store)
    print(f"build: {first.seconds:.1f} s, {n / first.seconds:.1f} articles/s; peak RSS {first.rss / MB:,.0f} MB "
          f"(process tree {first.tree_rss / MB:,.0f} MB); folder {size / MB:,.0f} MB after, "
          f"{first.folder_peak / MB:,.0f} MB peak during", flush=True)
    print("  " + "\n  ".join(first.output.strip().splitlines()[-12:]), flush=True)

    again = Run(build_command(articles, store, options), watch=store, log=out / "rebuild.log")()
    ratio = again.seconds / first.seconds
    print(f"rebuild, nothing changed: {again.seconds:.1f} s, {ratio:.1%} of the first build; "
          f"peak RSS {again.rss / MB:,.0f} MB", flush=True)
    print("  " + "\n  ".join(again.output.strip().splitlines()[-6:]), flush=True)

    quads, timings = time_queries(store, query_params(world), repeat=options.repeat)
    print_timings(quads, timings)
    slowest = max(timings, key=lambda t: t[1])

    viz = [Run([str(KG), "viz", "--store", str(store), "--around", "India", "--hops", "1",
                "-o", str(out / "india.html")])() for _ in range(options.repeat)]
    viz_seconds = statistics.median(r.seconds for r in viz)
    print(f"\nkg viz --around India --hops 1: {viz_seconds:.2f} s (median of {options.repeat}, process start included), "
          f"{(out / 'india.html').stat().st_size / MB:.1f} MB page; peak RSS {max(r.rss for r in viz) / MB:,.0f} MB",
          flush=True)

    print("\n| articles | quads | build | articles/s | peak RSS (tree) | folder after (peak) "
          "| slowest named query | viz | rebuild |")
    print(f"| {n:,} | {quads / 1e6:.2f} M | {first.seconds:,.0f} s | {n / first.seconds:.1f} | "
          f"{first.rss / MB:,.0f} MB ({first.tree_rss / MB:,.0f}) | {size / MB:,.0f} MB ({first.folder_peak / MB:,.0f}) | "
          f"{slowest[0]} {slowest[1]:.2f} s | {viz_seconds:.1f} s | {again.seconds:.1f} s, {ratio:.1%} |")
    print(f"load average at the end {os.getloadavg()[0]:.1f}", flush=True)
    if options.out is None and not options.keep:
        shutil.rmtree(out)


if __name__ == "__main__":
    main()
