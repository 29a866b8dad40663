"""The order of the stages: files → articles → extractions → RDF graphs → the store.

Takes input paths, an opened :class:`kg.store.Store` and a loaded
:class:`kg.extract.Extractor`; gives a :class:`BuildReport`. Bad input never raises here: an
unreadable file, or an article whose extraction or mapping fails, becomes a
:class:`kg.model.Failure` and the rest of the batch still lands. Each article's named graph is
replaced in one store transaction, so an article lands whole or not at all, and an article
whose content hash is already in the store is skipped. Only a store that cannot be written
(:class:`kg.errors.StoreError`) stops the build.

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
    from kg.store import Store, StoredArticle

__all__ = ["BuildReport", "Progress", "build", "extract_article_graphs", "older_builds", "remove"]

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
"""``progress(done, total, what)``: called once when the articles are read (``done`` 0), then
after each article is written, skipped as unchanged, or failed."""

_PathLike = str | os.PathLike[str]


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
    extractor: Extractor,
    progress: Progress | None = None,
    force: bool = False,
    prune: bool = False,
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
        A loaded extractor; the model is used for the whole batch.
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

    Returns
    -------
    BuildReport
        Counts and failures; a build with failures still writes every good article.

    Raises
    ------
    StoreError
        The store cannot be read or written; articles written before the error stay.

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

    entities: dict[str, set[str]] = {}
    notes: list[str] = []
    relations = attributes = written = reextracted = 0
    for article, outcome in zip(todo, _extract_each(extractor, todo), strict=True):
        done += 1
        notify(done, total, article.id)
        if isinstance(outcome, Exception):
            failures.append(_failure(article, "extraction", outcome))
            continue
        try:
            resolved, graphs = _to_store_graphs(outcome, fingerprint=current)
        except Exception as error:  # one bad article must not stop the batch
            failures.append(_failure(article, "mapping to RDF", error))
            continue
        earlier = stored.get(str(graph_iri(article.id)))
        earlier = earlier.source if earlier is not None else None
        if earlier is not None and os.path.abspath(earlier) != os.path.abspath(article.source):
            notes.append(f"{article.source}: replaces article {article.id!r} read earlier from {earlier} "
                         f"(same id); rename one of the files to keep both")
        store.write_articles([graphs])
        written += 1
        reextracted += article.id in same_text
        for entity in resolved.entities:
            entities.setdefault(entity.type, set()).add(entity.key)
        relations += len(resolved.relations)
        attributes += len(resolved.attributes)
        notes.extend(resolved.notes)
        log.info("%s: wrote graph %s (%d triples, %d shared)", article.source, graphs.name, len(graphs.article),
                 len(graphs.entity))

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
