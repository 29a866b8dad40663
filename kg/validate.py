"""Check a graph against the SHACL shapes of ``ontology/shapes.ttl`` (found by :mod:`kg.resources`).

Takes an rdflib graph (one article's graph from ``kg.mapping``, or any graph in the same
layout) and gives a :class:`Report`: whether it conforms, pyshacl's full text, and one short
line per violation. The ontology is passed to pyshacl as the ontology graph, so an instance of
a subclass (``dip:Memorandum``) counts as an instance of its core class (``dip:Agreement``);
by default no RDFS inference is run, because inferring types from ``rdfs:range`` would make
every wrongly-typed link look right. ``inference="rdfs"`` runs it, to check that the ontology's
entailments do not contradict the shapes.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from kg.errors import KgError
from kg.resources import data_dir as find_data_dir

if TYPE_CHECKING:
    from pathlib import Path

    from rdflib import Graph
    from rdflib.term import Node

    from kg.store import Store

__all__ = ["Report", "validate", "validate_store"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Report:
    """The outcome of one validation.

    ``violations`` holds one line per result, ``"focus node – path – message"``, sorted so that
    two runs on the same graph give the same report; ``text`` is pyshacl's own report.
    """

    conforms: bool
    text: str
    violations: tuple[str, ...] = ()


def validate(graph: Graph, *, data_dir: Path | None = None, inference: Literal["none", "rdfs"] = "none") -> Report:
    """Validate ``graph`` against the project's shapes, with the ontology for subclasses.

    The shapes and the ontology are the packaged ones, or those of ``data_dir``, a folder laid
    out like the packaged data (see :mod:`kg.resources`). The input graph is not changed. Only
    results of severity ``sh:Violation`` make ``conforms`` false and appear in ``violations``
    (every shipped shape has that severity).

    Parameters
    ----------
    graph
        The data graph.
    inference
        ``"none"`` (the default) checks the triples as written; ``"rdfs"`` first adds what the
        ontology entails under RDFS (on a copy), e.g. a ``prov:wasDerivedFrom`` for every
        ``dip:evidence``. Use it to check that ontology and shapes agree, not to accept data:
        inferring types from ranges makes a wrongly-typed link look right.

    Raises
    ------
    KgError
        When the shapes or the ontology file is missing or cannot be read.
    ValueError
        When ``inference`` is neither ``"none"`` nor ``"rdfs"``.

    Examples
    --------
    >>> from rdflib import Graph
    >>> validate(Graph()).conforms
    True
    """
    import pyshacl

    if inference not in ("none", "rdfs"):
        raise ValueError(f"inference={inference!r}: give 'none' or 'rdfs'")
    shapes, ontology = _shapes(data_dir), _ontology(data_dir)
    conforms, results, text = pyshacl.validate(
        graph, shacl_graph=shapes, ont_graph=ontology, inference=inference,
        abort_on_first=False, allow_infos=True, allow_warnings=True,
    )
    violations = tuple(sorted(set(_lines(results, graph))))
    if not conforms:
        log.info("graph %s does not conform: %d violation(s)", graph.identifier, len(violations))
    return Report(conforms=bool(conforms), text=str(text), violations=violations)


def validate_store(store: Store, *, data_dir: Path | None = None) -> tuple[Report, int]:
    """Validate the union of every article graph in ``store``; give the report and how many
    triples were checked. Entities shared by articles are checked once, with all their facts.
    ``data_dir`` is passed on to :func:`validate`.

    The store is read afresh on every call (nothing is cached), so the answer always describes
    what the store holds now, after any write."""
    from rdflib import Graph

    union = Graph()
    for s, p, o, _ in store.to_rdflib().quads((None, None, None, None)):
        union.add((s, p, o))
    return validate(union, data_dir=data_dir), len(union)


def _shapes(data_dir: Path | None) -> Graph:
    return _parse(find_data_dir(data_dir).file("ontology", "shapes.ttl"))


@functools.lru_cache(maxsize=2)
def _ontology(data_dir: Path | None) -> Graph:
    """The ontology with the PLOVER and CAMEO concept schemes it codes interactions with."""
    graph = _parse(find_data_dir(data_dir).file("ontology", "diplomacy.ttl"))
    for name in ("plover.ttl", "cameo.ttl"):
        graph += _parse(find_data_dir(data_dir).file("ontology", name))
    return graph


def _parse(path) -> Graph:
    from rdflib import Graph

    try:
        return Graph().parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as e:
        raise KgError(f"{path}: cannot read it as Turtle ({e}); fix it, or restore the file diplokg ships "
                      f"(kg info shows the data folder in force)") from e


def _lines(results: Graph, data: Graph) -> list[str]:
    """One readable line per validation result: ``focus – path – message``."""
    from rdflib.namespace import SH

    lines = []
    for result in results.subjects(SH.resultSeverity, SH.Violation):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        value = results.value(result, SH.value)
        text = str(message) if message is not None else str(results.value(result, SH.sourceConstraintComponent))
        if value is not None and value != focus:
            text += f" (value: {_short(value, data)})"
        lines.append(f"{_short(focus, data)} – {_short(path, data)} – {text}")
    return lines


def _short(node: Node | None, data: Graph) -> str:
    """A compact name for ``node``: a prefixed name where the data graph binds a prefix."""
    from rdflib import Literal, URIRef

    if node is None:
        return "-"
    if isinstance(node, URIRef):
        try:
            return data.namespace_manager.normalizeUri(node)
        except ValueError:  # no usable prefix for this IRI
            return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3(data.namespace_manager)
    return str(node)
