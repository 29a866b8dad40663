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
    from kg.store import Store

__all__ = ["BuildReport", "Progress", "build", "extract_article_graphs"]

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
    same content hash. ``failures`` lists every input (file, JSONL line or article) that did
    not land; ``notes`` what the extractor said of articles that did (another language, a
    very long text read in pieces). ``entities`` (distinct entity keys by type), ``relations`` and ``attributes``
    count the facts of the articles written in this run.
    """

    read: int = 0
    written: int = 0
    unchanged: int = 0
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
) -> BuildReport:
    """Read ``paths``, extract and map every new or edited article, and write it to ``store``.

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

    notify = progress or _quiet
    articles, failures = _split(read_articles(paths))
    known = store.article_hashes()
    sources = _stored_sources(store)
    total = len(articles)
    notify(0, total, "read")
    todo: list[Article] = []
    unchanged = 0
    for article in articles:
        if known.get(str(graph_iri(article.id))) == article.sha256:
            log.info("%s: unchanged (content hash already in the store), skipped", article.source)
            unchanged += 1
        else:
            todo.append(article)
    done = unchanged
    if unchanged:
        notify(done, total, f"{unchanged} unchanged")

    entities: dict[str, set[str]] = {}
    notes: list[str] = []
    relations = attributes = written = 0
    for article, outcome in zip(todo, _extract_each(extractor, todo), strict=True):
        done += 1
        notify(done, total, article.id)
        if isinstance(outcome, Exception):
            failures.append(_failure(article, "extraction", outcome))
            continue
        try:
            resolved, graphs = _to_store_graphs(outcome)
        except Exception as error:  # one bad article must not stop the batch
            failures.append(_failure(article, "mapping to RDF", error))
            continue
        earlier = sources.get(str(graph_iri(article.id)))
        if earlier is not None and os.path.abspath(earlier) != os.path.abspath(article.source):
            notes.append(f"{article.source}: replaces article {article.id!r} read earlier from {earlier} "
                         f"(same id); rename one of the files to keep both")
        store.write_articles([graphs])
        written += 1
        for entity in resolved.entities:
            entities.setdefault(entity.type, set()).add(entity.key)
        relations += len(resolved.relations)
        attributes += len(resolved.attributes)
        notes.extend(resolved.notes)
        log.info("%s: wrote graph %s (%d triples, %d shared)", article.source, graphs.name, len(graphs.article),
                 len(graphs.entity))

    return BuildReport(
        read=total,
        written=written,
        unchanged=unchanged,
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


_SOURCES = """
PREFIX dip: <https://w3id.org/diplokg/ontology#>
SELECT ?g ?source WHERE { GRAPH ?g { ?article a dip:Article ; dip:sourceFile ?source } }
"""


def _stored_sources(store: Store) -> dict[str, str]:
    """{graph IRI: the file its article was read from}, to notice an id taken by another file."""
    return {str(g): str(source) for g, source in store.query(_SOURCES).rows}


def _to_store_graphs(extraction: Extraction) -> tuple[Extraction, StoreGraphs]:
    """Resolve and map for the store: the article's graph and its share of the entity graph."""
    from kg.mapping import to_store_graphs
    from kg.resolve import resolve

    resolved = resolve(extraction)
    return resolved, to_store_graphs(resolved)


def _failure(article: Article, stage: str, error: Exception) -> Failure:
    log.debug("%s failed in %s", article.source, stage, exc_info=error)
    message = f"article {article.id!r}: {stage} failed ({type(error).__name__}: {error})"
    return Failure(source=article.source, message=message)
