"""Extraction on a Dask cluster: worker processes that each load the model once.

Takes the articles a build has to (re)extract and an :class:`ExtractorSpec`; gives one
:class:`kg.pipeline.ArticleResult` per article, in the order given, so the one writer of
:func:`kg.pipeline.build` (in the calling process) fills the store exactly as a
single-process build does. Workers ship checked N-Triples lines, not rdflib terms: text
pickles several times smaller and faster.

The cluster is Dask ``distributed``'s: a ``LocalCluster`` of worker processes (one thread
each) started for the build and stopped after it, or an existing cluster reached by its
scheduler address. Only a bounded window of chunks is in flight, and results are taken in
order, so memory does not grow with the number of articles. Nothing here schedules work
itself. ``distributed`` is imported only when a cluster is asked for (``pip install
diplokg[cluster]``).
"""

from __future__ import annotations

import functools
import logging
import os
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import ConfigError

if TYPE_CHECKING:
    from kg.extract import Extractor
    from kg.model import Article
    from kg.pipeline import ArticleResult

__all__ = ["CHUNK", "ExtractorSpec", "extract_on_cluster", "worker_count"]

log = logging.getLogger(__name__)

CHUNK = 8
"""Articles per task: enough for one ``nlp.pipe`` batch, few enough to keep workers even."""

_LOADED: dict[Any, Extractor] = {}  # per worker process: one extractor per spec
_LOCK = threading.Lock()  # a worker started with several threads still uses its model one at a time


@dataclass(frozen=True)
class ExtractorSpec:
    """What a worker needs to load the same extractor as the build: the model's name and the
    data folder (which must exist at the same path on every worker of a real cluster)."""

    model: str
    data_dir: Path | None = None

    @functools.cached_property
    def fingerprint(self) -> str:
        """The build fingerprint, from the installed model's metadata (no model load), or by
        loading the model when it is no installed package (a folder)."""
        from kg.fingerprint import installed_fingerprint

        found = installed_fingerprint(self.model, data=self.data_dir)
        return found if found is not None else self.load().fingerprint

    def load(self) -> Extractor:
        """Load the extractor this spec names (what each worker does once)."""
        from kg.extract import Extractor

        return Extractor.load(model=self.model, data_dir=self.data_dir)


def worker_count(value: str) -> int:
    """``--workers`` as a number: ``auto`` or ``0`` → every core; else a positive integer.

    Raises
    ------
    ConfigError
        Not a whole number ≥ 0, nor ``auto``.
    """
    text = value.strip().lower()
    if text == "auto":
        return os.cpu_count() or 1
    try:
        number = int(text)
    except ValueError:
        number = -1
    if number < 0:
        raise ConfigError(f"--workers {value!r}: give a number of worker processes (1 or more), "
                          "or 0 or 'auto' for one per core")
    return number or (os.cpu_count() or 1)


def extract_on_cluster(
    articles: Sequence[Article],
    *,
    spec: ExtractorSpec,
    workers: int = 2,
    scheduler: str | None = None,
    fingerprint: str | None = None,
    chunk: int = CHUNK,
) -> Iterator[ArticleResult]:
    """Yield one result per article of ``articles``, in order, computed on Dask workers.

    With ``scheduler`` (``tcp://host:8786``) the workers of that cluster are used and
    ``workers`` only sizes the window; else a local cluster of ``workers`` processes is
    started and stopped when the iterator ends. ``fingerprint`` is the build's (by default
    the spec's): every worker's extractor must have it. A chunk whose worker died is reported as a
    failure of each of its articles; the others go on.

    Raises
    ------
    ConfigError
        ``distributed`` is not installed, the scheduler cannot be reached, or a worker's
        model or data give another build fingerprint than this build's.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:
        raise ConfigError("--workers and --scheduler need Dask: pip install 'diplokg[cluster]' "
                          f"(dask and distributed) ({e})") from e
    if not articles:
        return
    cluster = None
    try:
        if scheduler is None:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
        else:
            client = Client(scheduler, timeout=30)
    except OSError as e:
        if cluster is not None:
            cluster.close()
        where = scheduler or "a local cluster"
        raise ConfigError(f"cannot reach the Dask scheduler at {where}: {e}") from e
    try:
        if scheduler is not None:
            workers = max(1, sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()))
        yield from _ordered(client, articles, spec=spec, expected=fingerprint or spec.fingerprint,
                            window=2 * workers + 1, chunk=chunk)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _ordered(client: Any, articles: Sequence[Article], *, spec: ExtractorSpec, expected: str, window: int,
             chunk: int) -> Iterator[ArticleResult]:
    """Submit chunks, at most ``window`` in flight, and yield their results in input order."""
    from kg.pipeline import ArticleResult

    starts = iter(range(0, len(articles), chunk))
    pending: deque[tuple[int, Any]] = deque()

    def submit() -> None:
        start = next(starts, None)
        if start is not None:
            part = list(articles[start:start + chunk])
            key = f"kg-extract-{start}-{part[0].id}"
            pending.append((start, client.submit(_run_chunk, spec, expected, part, key=key, pure=False)))

    for _ in range(window):
        submit()
    while pending:
        start, future = pending.popleft()
        part = articles[start:start + chunk]
        try:
            fingerprint, results = future.result()
        except ConfigError:  # a worker cannot load the model or data: no article can succeed
            for _, other in pending:
                other.cancel()
            raise
        except Exception as error:  # a worker died or the task could not run: these articles failed
            log.debug("chunk at %d failed", start, exc_info=True)
            results = [ArticleResult.failed(a, "extraction on a Dask worker", error) for a in part]
            fingerprint = expected
        finally:
            future.release()
        if fingerprint != expected:
            for _, other in pending:
                other.cancel()
            raise ConfigError(
                f"a Dask worker extracts with build fingerprint {fingerprint}, this build's is {expected}: "
                "install the same diplokg, model version and data files on every worker")
        submit()
        yield from results


def _run_chunk(spec: ExtractorSpec, expected: str, articles: list[Article]) -> tuple[str, list[ArticleResult]]:
    """On a worker: extract, resolve and map ``articles`` with this process's extractor."""
    from kg.pipeline import process_articles

    with _LOCK:
        extractor = _LOADED.get(spec)
        if extractor is None:
            extractor = _LOADED[spec] = spec.load()
        if extractor.fingerprint != expected:
            return extractor.fingerprint, []
        return expected, list(process_articles(extractor, articles, fingerprint=expected))
