"""The order of the stages: files → articles → extractions → RDF graphs → the store.

Takes input paths, an opened :class:`kg.store.Store` and a loaded
:class:`kg.extract.Extractor` (or the :class:`kg.parallel.ExtractorSpec` that Dask workers
load); gives a :class:`BuildReport`. Bad input never raises here: an
unreadable file, or an article whose extraction or mapping fails, becomes a
:class:`kg.model.Failure` and the rest of the batch still lands. Each article's named graph is
replaced in one store transaction, so an article lands whole or not at all, and an article
whose content hash is already in the store is skipped; a large build into an empty store
folder bulk-loads its new articles instead (same quads, no transaction). Extraction may run on
worker processes; the store is always written here, in input order. Only a store that cannot
be written (:class:`kg.errors.StoreError`) stops the build.

This module only orders calls to the stage modules: it imports no spaCy and writes no triple.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.model import Article, Extraction, Failure
from kg.ontology import graph_iri

if TYPE_CHECKING:
    from rdflib import Graph

    from kg.extract import Extractor
    from kg.mapping import StoreGraphs
    from kg.parallel import ExtractorSpec
    from kg.store import ArticleLines, BulkLoader, Store, StoredArticle

__all__ = ["ArticleResult", "BULK_MIN_ARTICLES", "BuildReport", "Progress", "build", "extract_article_graphs",
           "older_builds", "process_articles", "remove"]

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
"""``progress(done, total, what)``: called once when the articles are read (``done`` 0), then
after each article is written, skipped as unchanged, or failed."""

_PathLike = str | os.PathLike[str]

BULK_MIN_ARTICLES = 200
"""A build that writes at least this many articles into an empty store folder loads them with
the bulk loader (unless told otherwise): several times faster, and a smaller folder."""


@dataclass(frozen=True)
class ArticleResult:
    """What extracting, resolving and mapping one article gave: its graphs as checked lines
    (None if it failed), the failure message, and what the build report counts."""

    lines: ArticleLines | None
    failure: str | None = None
    entities: tuple[tuple[str, str], ...] = ()
    relations: int = 0
    attributes: int = 0
    notes: tuple[str, ...] = ()

    @classmethod
    def failed(cls, article: Article, stage: str, error: BaseException) -> ArticleResult:
        """The result of an article that failed in ``stage``."""
        log.debug("%s failed in %s", article.source, stage, exc_info=error)
        return cls(None, f"article {article.id!r}: {stage} failed ({type(error).__name__}: {error})")


@dataclass(frozen=True)
class BuildReport:
    """What a build did.

    ``read`` counts the articles read from the inputs; ``written`` those whose graph was
    (re)placed in the store, ``unchanged`` those skipped because the store already holds the
    same content hash and build fingerprint; ``reextracted`` counts those of ``written`` whose
    text was unchanged but whose graph came from another build fingerprint (or ``force``).
    ``pruned`` lists the sources of the articles removed by ``prune``. ``failures`` lists every
    input (file, JSONL line or article) that did not land; ``notes`` what the extractor said of articles that did (another language, a
    very long text read in pieces). ``entities`` (distinct entity keys by type), ``relations`` and ``attributes``
    count the facts of the articles written in this run.
    """

    read: int = 0
    written: int = 0
    unchanged: int = 0
    reextracted: int = 0
    pruned: tuple[str, ...] = ()
    failures: tuple[Failure, ...] = ()
    entities: dict[str, int] = field(default_factory=dict)
    relations: int = 0
    attributes: int = 0
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when every input landed (or was already in the store)."""
        return not self.failures


def build(
    paths: Iterable[_PathLike],
    *,
    store: Store,
    extractor: Extractor | ExtractorSpec,
    progress: Progress | None = None,
    force: bool = False,
    prune: bool = False,
    workers: int = 1,
    scheduler: str | None = None,
    bulk: bool | None = None,
) -> BuildReport:
    """Read ``paths``, extract and map every new or edited article, and write it to ``store``.

    An article is re-extracted when the store holds no graph for it, or its stored content
    hash differs (an edited text), or its stored build fingerprint differs from
    ``extractor.fingerprint`` (another model, edited data files, another diplokg; see
    :mod:`kg.fingerprint`); else it is skipped as unchanged.

    Parameters
    ----------
    paths
        Files or folders (folders are read recursively, see :func:`kg.ingest.read_articles`).
    store
        An opened store; each article goes to its own named graph ``graph_iri(article.id)``.
    extractor
        A loaded extractor, used for the whole batch; or, with ``workers`` > 1 or a
        ``scheduler``, an :class:`kg.parallel.ExtractorSpec` that each worker loads once (a
        loaded extractor is taken as its spec).
    progress
        Optional ``progress(done, total, what)`` callback, e.g. for a progress bar.
    force
        Re-extract every article read, whatever the store holds.
    prune
        After the build, remove the graphs of stored articles whose source file lies under one
        of ``paths`` (a folder, or that file) but which were not read in this build: a deleted
        file, or an article gone from a JSONL file. Articles read from other paths are never
        touched, nor are those of a file that failed to be read this time (a read error is not
        a deletion).
    workers
        Extract on this many worker processes of a local Dask cluster (see
        :mod:`kg.parallel`); 1 extracts in this process. The store is written here either
        way, in input order, so it ends the same.
    scheduler
        The address of an existing Dask scheduler to extract on instead of a local cluster.
    bulk
        Load the new articles with the bulk loader of an embedded store
        (:meth:`kg.store.EmbeddedStore.bulk_loader`) instead of one transaction each;
        articles already stored are still replaced in a transaction. ``None`` chooses bulk
        for a build of at least :data:`BULK_MIN_ARTICLES` articles into an empty store
        folder. The store ends holding the same quads either way.

    Returns
    -------
    BuildReport
        Counts and failures; a build with failures still writes every good article.

    Raises
    ------
    StoreError
        The store cannot be read or written; articles written before the error stay.
    ConfigError
        ``bulk=True`` on a store that is not embedded, or the Dask cluster cannot be used.

    Examples
    --------
    >>> from kg.extract import Extractor
    >>> from kg.store import open_store
    >>> with open_store("memory") as store:                      # doctest: +SKIP
    ...     report = build(["data/articles"], store=store, extractor=Extractor.load())
    """
    from kg.ingest import read_articles

    roots = [os.fspath(p) for p in paths]
    paths = roots
    notify = progress or _quiet
    articles, failures = _split(read_articles(paths))
    stored = store.stored_articles()
    current = extractor.fingerprint
    total = len(articles)
    notify(0, total, "read")
    todo: list[Article] = []
    same_text: set[str] = set()  # ids re-extracted although their text did not change
    unchanged = 0
    for article in articles:
        earlier = stored.get(str(graph_iri(article.id)))
        if earlier is None or earlier.content_hash != article.sha256:
            todo.append(article)
        elif force or earlier.fingerprint != current:
            log.info("%s: built by another fingerprint (%s, now %s) or --force, re-extracted", article.source,
                     earlier.fingerprint, current)
            same_text.add(article.id)
            todo.append(article)
        else:
            log.info("%s: unchanged (same content hash and build fingerprint), skipped", article.source)
            unchanged += 1
    done = unchanged
    if unchanged:
        notify(done, total, f"{unchanged} unchanged")

    writer = _Writer(store, bulk=_use_bulk(store, bulk, stored=stored, todo=len(todo)))
    entities: dict[str, set[str]] = {}
    notes: list[str] = []
    relations = attributes = written = reextracted = 0
    results = _results(extractor, todo, fingerprint=current, workers=workers, scheduler=scheduler)
    try:
        for article, result in zip(todo, results, strict=True):
            done += 1
            notify(done, total, article.id)
            if result.lines is None:
                failures.append(Failure(source=article.source, message=result.failure or "failed"))
                continue
            earlier = stored.get(str(graph_iri(article.id)))
            writer.write(result.lines, replaces=earlier is not None)
            earlier = earlier.source if earlier is not None else None
            if earlier is not None and os.path.abspath(earlier) != os.path.abspath(article.source):
                notes.append(f"{article.source}: replaces article {article.id!r} read earlier from {earlier} "
                             f"(same id); rename one of the files to keep both")
            written += 1
            reextracted += article.id in same_text
            for kind, key in result.entities:
                entities.setdefault(kind, set()).add(key)
            relations += result.relations
            attributes += result.attributes
            notes.extend(result.notes)
            log.info("%s: wrote graph %s (%d triples, %d shared)", article.source, result.lines.name,
                     len(result.lines.article), len(result.lines.entity))
    finally:
        getattr(results, "close", lambda: None)()  # stops a local Dask cluster now, not at garbage collection
        writer.close()  # what was gathered lands, even if the build stops

    pruned: tuple[str, ...] = ()
    if prune:
        pruned = _prune(store, stored, roots=roots, read={str(graph_iri(a.id)) for a in articles},
                        failed=[f.source for f in failures])
    return BuildReport(
        read=total,
        written=written,
        reextracted=reextracted,
        unchanged=unchanged,
        pruned=pruned,
        failures=tuple(failures),
        entities={kind: len(keys) for kind, keys in sorted(entities.items())},
        relations=relations,
        attributes=attributes,
        notes=tuple(notes),
    )


def process_articles(extractor: Extractor, articles: Sequence[Article], *,
                     fingerprint: str) -> Iterator[ArticleResult]:
    """Extract, resolve and map each article for the store: one result per article, in order.

    What a build does with each new or edited article before writing it, in this process or
    on a worker (:mod:`kg.parallel`); an article that fails becomes a failed result.
    """
    from kg.store import article_lines

    for article, outcome in zip(articles, _extract_each(extractor, articles), strict=True):
        if isinstance(outcome, Exception):
            yield ArticleResult.failed(article, "extraction", outcome)
            continue
        try:
            resolved, graphs = _to_store_graphs(outcome, fingerprint=fingerprint)
            lines = article_lines(graphs)
        except Exception as error:  # one bad article must not stop the batch
            yield ArticleResult.failed(article, "mapping to RDF", error)
            continue
        yield ArticleResult(
            lines,
            entities=tuple(sorted({(e.type, e.key) for e in resolved.entities})),
            relations=len(resolved.relations),
            attributes=len(resolved.attributes),
            notes=tuple(resolved.notes),
        )


def _results(extractor: Extractor | ExtractorSpec, todo: Sequence[Article], *, fingerprint: str, workers: int,
             scheduler: str | None) -> Iterator[ArticleResult]:
    """The results of ``todo`` in order: from this process, or from Dask workers."""
    from kg.parallel import ExtractorSpec

    if not todo:
        return iter(())  # nothing to extract: no model to load, no cluster to start
    if workers <= 1 and scheduler is None:
        if isinstance(extractor, ExtractorSpec):
            extractor = extractor.load()
        return process_articles(extractor, todo, fingerprint=fingerprint)
    from kg.parallel import extract_on_cluster

    if not isinstance(extractor, ExtractorSpec):
        extractor = ExtractorSpec(extractor.model, extractor.data_dir)
    return extract_on_cluster(todo, spec=extractor, workers=workers, scheduler=scheduler, fingerprint=fingerprint)


def _use_bulk(store: Store, bulk: bool | None, *, stored: dict[str, StoredArticle], todo: int) -> bool:
    """Whether new articles go through the bulk loader (see :func:`build`'s ``bulk``)."""
    from kg.errors import ConfigError
    from kg.store import EmbeddedStore

    embedded = isinstance(store, EmbeddedStore)
    if bulk and not embedded:
        raise ConfigError(f"--bulk loads an embedded store folder; {store.location} is not one "
                          "(write it without --bulk)")
    if bulk is None:
        return embedded and store.location != "memory" and not stored and todo >= BULK_MIN_ARTICLES
    return bulk


class _Writer:
    """The build's one writer: an article already stored is replaced in its own transaction;
    in bulk mode new ones are fed to one bulk load that lasts the whole build."""

    def __init__(self, store: Store, *, bulk: bool) -> None:
        self.store = store
        self.bulk = bulk
        self.loader: BulkLoader | None = None

    def write(self, lines: ArticleLines, *, replaces: bool) -> None:
        if not self.bulk or replaces:
            self.store.write_articles([lines])
            return
        if self.loader is None:
            self.loader = self.store.bulk_loader()  # type: ignore[attr-defined]  # bulk implies EmbeddedStore
        self.loader.add(lines)

    def close(self) -> None:
        if self.loader is not None:
            self.loader.close()


def extract_article_graphs(
    paths: Iterable[_PathLike], *, extractor: Extractor
) -> Iterator[tuple[Article, Graph] | Failure]:
    """Yield ``(article, graph)`` for every article in ``paths``, or a Failure, in input order.

    The graphs are what :func:`build` would store, but nothing is written anywhere: this
    serves ``kg extract`` and notebooks that want to look at one article's triples.
    """
    from kg.ingest import read_articles

    items = list(read_articles(paths))
    articles = [item for item in items if isinstance(item, Article)]
    outcomes = _extract_each(extractor, articles)
    for item in items:
        if isinstance(item, Failure):
            yield item
            continue
        outcome = next(outcomes)
        if isinstance(outcome, Exception):
            yield _failure(item, "extraction", outcome)
            continue
        try:
            _, graph = _to_graph(outcome)
        except Exception as error:  # reported as this article's failure, the others go on
            yield _failure(item, "mapping to RDF", error)
            continue
        yield item, graph


def remove(targets: Iterable[_PathLike], *, store: Store) -> list[str]:
    """Remove the articles named by ``targets`` from ``store``; give their sources, sorted.

    A target is an article id (``seed-india-us-hsd``), or the path of the file (or a folder
    holding the files) the articles were read from, compared as absolute paths. Every target
    is looked up before anything is removed, so a mistake removes nothing.

    Raises
    ------
    ConfigError
        Some target names no article of the store; the message lists them.
    """
    from rdflib import URIRef

    from kg.errors import ConfigError

    stored = store.stored_articles()
    found: dict[str, str] = {}
    missing: list[str] = []
    for target in map(os.fspath, targets):
        graph = str(graph_iri(target))
        matches = {graph: stored[graph].source} if graph in stored else {
            g: a.source for g, a in stored.items() if _under(a.source, [target])}
        if not matches:
            missing.append(target)
        found.update(matches)
    if missing:
        raise ConfigError(f"no article with id or source {', '.join(map(repr, missing))} in the store, so "
                          f"nothing was removed: 'kg query articles' lists the stored articles")
    store.remove_articles([URIRef(g) for g in sorted(found)])
    return sorted(found.values())


def older_builds(store: Store, fingerprint: str) -> int:
    """How many article graphs of ``store`` were built with another fingerprint than
    ``fingerprint`` (or before fingerprints were recorded): those a build would re-extract."""
    return sum(1 for article in store.stored_articles().values() if article.fingerprint != fingerprint)


def _under(source: str, roots: Iterable[str]) -> bool:
    """Whether the file ``source`` is one of ``roots`` or lies in a folder among them."""
    path = os.path.abspath(source)
    for root in map(os.path.abspath, roots):
        if path == root or path.startswith(root.rstrip(os.sep) + os.sep):
            return True
    return False


def _prune(store: Store, stored: dict[str, StoredArticle], *, roots: list[str], read: set[str],
           failed: list[str]) -> tuple[str, ...]:
    """Remove the stored articles under ``roots`` not read in this build; give their sources."""
    from rdflib import URIRef

    gone = {graph: article.source for graph, article in stored.items()
            if graph not in read and _under(article.source, roots) and not _under(article.source, failed)}
    if gone:
        store.remove_articles([URIRef(graph) for graph in sorted(gone)])
        for source in sorted(gone.values()):
            log.info("%s: no longer among the inputs, its graph was removed (--prune)", source)
    return tuple(sorted(gone.values()))


def _quiet(done: int, total: int, what: str) -> None:
    """The progress callback used when the caller gives none."""


def _split(items: Iterable[Article | Failure]) -> tuple[list[Article], list[Failure]]:
    articles: list[Article] = []
    failures: list[Failure] = []
    for item in items:
        if isinstance(item, Failure):
            log.info("%s", item)
            failures.append(item)
        else:
            articles.append(item)
    return articles, failures


def _extract_each(extractor: Extractor, articles: Sequence[Article]) -> Iterator[Extraction | Exception]:
    """One outcome per article, in order: its Extraction, or the exception it raised.

    The batch path (``extract_all``, one ``nlp.pipe``) is fast; if it raises, the batch it
    was in is lost, so the remaining articles are retried one by one to find the culprit.
    """
    done = 0
    try:
        for extraction in extractor.extract_all(articles):
            done += 1
            yield extraction
    except Exception as error:  # fall back to one article at a time, below
        log.warning("batch extraction stopped after %d articles (%s); retrying one by one", done, error)
    for article in articles[done:]:
        try:
            yield extractor.extract(article)
        except Exception as error:  # reported as this article's failure by the caller
            log.debug("extraction of %s failed", article.source, exc_info=True)
            yield error


def _to_graph(extraction: Extraction) -> tuple[Extraction, Graph]:
    from kg.mapping import to_graph
    from kg.resolve import resolve

    resolved = resolve(extraction)
    return resolved, to_graph(resolved)


def _to_store_graphs(extraction: Extraction, *, fingerprint: str) -> tuple[Extraction, StoreGraphs]:
    """Resolve and map for the store: the article's graph and its share of the entity graph."""
    from kg.mapping import to_store_graphs
    from kg.resolve import resolve

    resolved = resolve(extraction)
    return resolved, to_store_graphs(resolved, fingerprint=fingerprint)


def _failure(article: Article, stage: str, error: Exception) -> Failure:
    log.debug("%s failed in %s", article.source, stage, exc_info=error)
    message = f"article {article.id!r}: {stage} failed ({type(error).__name__}: {error})"
    return Failure(source=article.source, message=message)
