"""The RDF and result formats every command offers, under one set of names.

``kg extract``, ``kg export`` and ``kg query`` (for CONSTRUCT and DESCRIBE) take the same RDF
format names, each with the short forms people type (``ttl``, ``nt``, ``nq``, ``json-ld``);
``kg query`` takes the result formats for SELECT and ASK. Commands show :func:`rdf_choices`
in ``--help`` and resolve a name with :func:`rdf_format`. pyoxigraph is imported only when a
format's serializer is asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kg.errors import ConfigError

__all__ = ["RdfFormat", "RDF_FORMATS", "RESULT_FORMATS", "rdf_format", "rdf_choices"]


@dataclass(frozen=True)
class RdfFormat:
    """One RDF serialization: its name, the short forms accepted for it, the file extension,
    whether it keeps named graphs, and the name rdflib's serializer knows it by."""

    name: str
    aliases: tuple[str, ...]
    extension: str
    datasets: bool
    rdflib_name: str

    @property
    def ox(self) -> Any:
        """The pyoxigraph ``RdfFormat`` for this format."""
        import pyoxigraph as ox

        return {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
                "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}[self.name]


#: Every RDF format, in the order ``--help`` lists them.
RDF_FORMATS: tuple[RdfFormat, ...] = (
    RdfFormat("turtle", ("ttl",), ".ttl", False, "turtle"),
    RdfFormat("trig", (), ".trig", True, "trig"),
    RdfFormat("nquads", ("nq",), ".nq", True, "nquads"),
    RdfFormat("ntriples", ("nt",), ".nt", False, "nt"),
    RdfFormat("jsonld", ("json-ld",), ".jsonld", True, "json-ld"),
    RdfFormat("rdfxml", ("xml", "rdf"), ".rdf", False, "xml"),
)

#: Formats of SELECT and ASK results: an aligned table for people, and the SPARQL 1.1 results formats.
RESULT_FORMATS: tuple[str, ...] = ("table", "json", "csv", "tsv", "xml")

_BY_NAME = {form: fmt for fmt in RDF_FORMATS for form in (fmt.name, *fmt.aliases)}


def rdf_choices() -> str:
    """The RDF format names with their short forms, for ``--help`` and error messages."""
    return ", ".join(f"{f.name} ({'/'.join(f.aliases)})" if f.aliases else f.name for f in RDF_FORMATS)


def rdf_format(name: str) -> RdfFormat:
    """The RDF format called ``name`` or one of its short forms, in any case.

    Raises
    ------
    ConfigError
        No format has that name; the message lists them.
    """
    found = _BY_NAME.get(name.strip().lower())
    if found is None:
        raise ConfigError(f"unknown RDF format {name!r}: use one of {rdf_choices()}")
    return found
