"""Relations between countries over time: their interactions month by month, and the evidence.

Part of the query stage. Takes a :class:`kg.store.Store` holding interactions
(``dip:Interaction`` with ``dip:actorState``, ``dip:recipientState`` and a PLOVER
``dip:eventType``) and gives records: :func:`relations` for one pair (both directions),
:func:`all_relations` for every pair, :func:`rollup` to sum them by quad class, direction or month,
and :func:`evidence` for the sentences behind one month. The counting is done by the named queries
``relations``, ``relations-all`` and ``relations-evidence`` (``kg/queries``); this module
resolves the names, checks the period and turns rows into records. Imports no NLP library.

The *net cooperation score* of a set of interactions is the sum of the cooperation weights of
their PLOVER types (:data:`WEIGHTS`, the project's own Goldstein-like scale from -10 to +10).
An interaction's month is that of its ``dip:date``, or of its article's date when the text
fixes none (``undated`` when neither is known).
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING
from urllib.parse import unquote

from kg.errors import ConfigError
from kg.ontology import PREFIXES

if TYPE_CHECKING:
    from kg.store import Store

__all__ = ["WEIGHTS", "DIRECTIONS", "FORMATS", "RelationRow", "Evidence", "Party", "parties", "resolve_party",
           "relations", "all_relations", "rollup", "evidence", "format_relations", "format_evidence", "month_in_period",
           "article_id"]

#: The cooperation weight of each PLOVER type (what ``dip:cooperationWeight`` states in
#: ``ontology/plover.ttl`` and the relations queries repeat): the project's own scale.
WEIGHTS: dict[str, float] = {
    "AGREE": 4.0, "CONSULT": 3.0, "SUPPORT": 3.5, "CONCEDE": 5.0, "COOPERATE": 6.0, "AID": 7.0,
    "RETREAT": 5.0, "REQUEST": 1.0, "ACCUSE": -2.0, "REJECT": -4.0, "THREATEN": -6.0, "PROTEST": -5.0,
    "SANCTION": -7.0, "MOBILIZE": -7.5, "COERCE": -8.0, "ASSAULT": -10.0,
}

#: ``a->b``: the first party acted and the second received; ``b->a`` the other way.
DIRECTIONS = ("a->b", "b->a")

_DIP = PREFIXES["dip"]
_MONTH = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")
_ACTORS = f"""PREFIX dip: <{_DIP}>
PREFIX rdfs: <{PREFIXES['rdfs']}>
SELECT ?entity ?class ?label WHERE {{
  VALUES ?class {{ dip:Country dip:Organization }}
  ?entity a ?class .
  OPTIONAL {{ ?entity rdfs:label ?label }}
}}"""
_NAMES = f"""PREFIX dip: <{_DIP}>
PREFIX rdfs: <{PREFIXES['rdfs']}>
PREFIX skos: <{PREFIXES['skos']}>
SELECT ?name WHERE {{
  VALUES ?class {{ dip:Country dip:Organization }}
  ?entity a ?class ; rdfs:label|skos:altLabel|dip:iso3166Alpha2|dip:iso3166Alpha3 ?name .
}}"""


@dataclass(frozen=True)
class Party:
    """A country or international organisation as the store names it (``kind``: Country or Organization)."""

    iri: str
    label: str
    kind: str = "Country"


@dataclass(frozen=True)
class RelationRow:
    """Interactions of one month, direction and PLOVER type (or their sum, see :func:`rollup`).

    ``direction`` is ``a->b`` or ``b->a`` for a pair (:func:`relations`), empty for
    :func:`all_relations`; ``actor`` and ``recipient`` are the acting and receiving states'
    IRIs. ``score`` is the net cooperation score: the sum of the types' weights.
    """

    month: str
    direction: str
    type: str
    quad_class: str
    interactions: int
    score: float
    actor: str
    recipient: str


@dataclass(frozen=True)
class Evidence:
    """One sentence an interaction was read from, with its article (``url`` empty when unknown)."""

    month: str
    date: str
    direction: str
    type: str
    cameo: str
    mode: str
    label: str
    sentence: str
    article_id: str
    title: str
    url: str
    interaction: str


def resolve_party(store: Store, name: str) -> Party:
    """The country (or international organisation) ``name`` names: label, alias, ISO code or IRI.

    Raises
    ------
    ConfigError
        Nothing of that name is a country or organisation in the store (the message offers
        the closest names), or the name is ambiguous.
    """
    from kg.query import lookup

    actors = parties(store)
    given = name.strip()
    iri = given[1:-1] if given.startswith("<") and given.endswith(">") else given
    prefix, colon, rest = iri.partition(":")
    if colon and prefix in PREFIXES and not rest.startswith("//"):
        iri = PREFIXES[prefix] + rest
    found = [iri] if iri in actors else [str(e) for e in lookup(store, given) if str(e) in actors]
    countries = [e for e in found if actors[e].kind == "Country"]
    found = countries or found
    if not found:
        names = sorted({str(row[0]) for row in store.query(_NAMES).rows})
        close = difflib.get_close_matches(given, names, n=5, cutoff=0.6)
        close += [n for n in names if given.casefold() in n.casefold() and n not in close][: 5 - len(close)]
        hint = (f"; close names: {', '.join(close)}" if close
                else "; kg query lookup --param name=... lists what matches")
        raise ConfigError(f"no country or international organisation called {name!r} in the store{hint}")
    if len(found) > 1:
        listed = ", ".join(f"{actors[e].label} <{e}>" for e in sorted(found))
        raise ConfigError(f"{name!r} names {len(found)} countries or organisations ({listed}): give an ISO code or IRI")
    return actors[found[0]]


def parties(store: Store) -> dict[str, Party]:
    """Every country and international organisation of ``store``, by IRI (first label in order)."""
    kinds: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, set[str]] = defaultdict(set)
    for entity, cls, label in store.query(_ACTORS).rows:
        kinds[str(entity)].add(str(cls).rsplit("#", 1)[-1])
        if label is not None:
            labels[str(entity)].add(str(label))
    return {iri: Party(iri, min(labels[iri]) if labels.get(iri) else iri.rstrip("/").rsplit("/", 1)[-1],
                       "Country" if "Country" in kind else "Organization")
            for iri, kind in sorted(kinds.items())}


def _period(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    for flag, value in (("since", since), ("until", until)):
        if value is not None and not _MONTH.match(value):
            raise ConfigError(f"{flag} {value!r} is not a month: write YYYY-MM (e.g. 2024-03) or a year (2024)")
    if since is not None and until is not None and until < since[: len(until)]:
        raise ConfigError(f"the period ends ({until}) before it starts ({since})")
    return since, until


def month_in_period(month: str, since: str | None, until: str | None) -> bool:
    """True when ``month`` (``YYYY-MM`` or ``undated``) lies in [since, until]; undated only without a period."""
    if since is None and until is None:
        return True
    if month == "undated":
        return False
    return (since is None or month >= since[:7]) and (until is None or month[: len(until)] <= until)


def _number(term) -> float:
    return float(Decimal(str(term))) if term is not None else 0.0


def _text(term) -> str:
    return "" if term is None else str(term)


def relations(store: Store, a: str, b: str, *, since: str | None = None,
              until: str | None = None) -> list[RelationRow]:
    """The interactions between ``a`` and ``b`` per month, direction and PLOVER type.

    Parameters
    ----------
    store : kg.store.Store
    a, b : str
        Countries (or international organisations): label, alias, ISO code or IRI.
    since, until : str, optional
        First and last month kept, ``YYYY-MM`` or a year; undated interactions are then left out.

    Returns
    -------
    list of RelationRow
        Oldest month first; in a month ``a->b`` before ``b->a``, the most cooperative type first.

    Raises
    ------
    ConfigError
        A name is unknown or ambiguous (see :func:`resolve_party`), ``a`` and ``b`` are the
        same, or the period is not written as months.

    Examples
    --------
    >>> from kg.store import open_store
    >>> with open_store("memory") as store:                       # doctest: +SKIP
    ...     rows = relations(store, "India", "United States", since="2024-01")
    """
    from kg.query import run

    since, until = _period(since, until)
    first, second = _pair(store, a, b)
    result = run(store, "relations", params={"a": f"<{first.iri}>", "b": f"<{second.iri}>"})
    rows = []
    for record in result.records():
        month = _text(record["month"])
        if not month_in_period(month, since, until):
            continue
        direction = str(record["direction"])
        actor, recipient = (first, second) if direction == "a->b" else (second, first)
        rows.append(RelationRow(month, direction, _text(record["type"]), _text(record["quad_class"]),
                                int(record["interactions"].toPython()), _number(record["score"]),
                                actor.iri, recipient.iri))
    return rows


def _pair(store: Store, a: str, b: str) -> tuple[Party, Party]:
    first, second = resolve_party(store, a), resolve_party(store, b)
    if first.iri == second.iri:
        raise ConfigError(f"both names give {first.label}: give two different countries")
    return first, second


def all_relations(store: Store, *, since: str | None = None, until: str | None = None) -> list[RelationRow]:
    """The interactions of every pair per month, acting state, receiving state and PLOVER type.

    ``direction`` is empty: ``actor`` acted on ``recipient``. Raises :class:`ConfigError` for a
    period not written as months.
    """
    from kg.query import run

    since, until = _period(since, until)
    rows = []
    for record in run(store, "relations-all").records():
        month = _text(record["month"])
        if month_in_period(month, since, until):
            rows.append(RelationRow(month, "", _text(record["type"]), _text(record["quad_class"]),
                                    int(record["interactions"].toPython()), _number(record["score"]),
                                    str(record["actor"]), str(record["recipient"])))
    return rows


def rollup(rows: list[RelationRow], *, by: str = "quad_class") -> list[RelationRow]:
    """Sum ``rows`` by quad class (``type`` left empty), by direction (``type`` and
    ``quad_class`` empty) or by month (both directions together: ``direction``, ``actor`` and
    ``recipient`` empty too).

    Counts and scores add up: the net score of a month is the sum of its rows' scores.
    """
    if by not in ("quad_class", "direction", "month"):
        raise ConfigError(f"cannot sum relations by {by!r}: use quad_class, direction or month")
    sums: dict[tuple, list] = defaultdict(lambda: [0, 0.0])
    for row in rows:
        if by == "month":
            key = (row.month, "", "", "", "")
        else:
            key = (row.month, row.direction, row.actor, row.recipient, row.quad_class if by == "quad_class" else "")
        sums[key][0] += row.interactions
        sums[key][1] += row.score
    out = [RelationRow(month, direction, "", quad, count, score, actor, recipient)
           for (month, direction, actor, recipient, quad), (count, score) in sums.items()]
    return sorted(out, key=lambda r: (r.month, r.direction, r.actor, r.recipient, -r.score, r.quad_class))


def evidence(store: Store, a: str, b: str, month: str) -> list[Evidence]:
    """The sentences behind one month of :func:`relations`: each interaction of ``a`` and ``b``
    in ``month`` (``YYYY-MM`` or ``undated``), with its sentence and article, oldest first.

    Raises
    ------
    ConfigError
        As :func:`relations`, or ``month`` is not a month.
    """
    from kg.query import run

    if month != "undated" and not re.match(r"^\d{4}-(0[1-9]|1[0-2])$", month):
        raise ConfigError(f"evidence month {month!r}: write it as YYYY-MM (e.g. 2024-03), or undated")
    first, second = _pair(store, a, b)
    result = run(store, "relations-evidence",
                 params={"a": f"<{first.iri}>", "b": f"<{second.iri}>", "month": month})
    found = []
    for record in result.records():
        article = _text(record["article"])
        found.append(Evidence(
            month=month, date=_text(record["date"]), direction=str(record["direction"]), type=_text(record["type"]),
            cameo=_text(record["cameo"]), mode=_text(record["mode"]), label=_text(record["label"]),
            sentence=" ".join(_text(record["sentence"]).split()), article_id=article_id(article),
            title=_text(record["title"]), url=_text(record["url"]), interaction=str(record["interaction"]),
        ))
    return found


def article_id(article_iri: str) -> str:
    """The article id from its IRI (``…/id/article/{id}``, the id percent-encoded)."""
    marker = PREFIXES["id"] + "article/"
    return unquote(article_iri[len(marker):]) if article_iri.startswith(marker) else article_iri


#: The output formats of :func:`format_relations` and :func:`format_evidence`.
FORMATS = ("table", "csv", "json")


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def _signed(score: float) -> str:
    return f"{score:+.1f}"


def format_relations(rows: list[RelationRow], a: Party, b: Party, *, fmt: str = "table") -> str:
    """Render :func:`relations` (or :func:`rollup`) rows of the pair ``a``, ``b`` as text.

    ``table`` is for people: directions as names (``India → China``), then the net score of
    each month; ``csv`` and ``json`` hold the same records with the parties' labels (JSON
    also their IRIs).
    """
    import csv
    import io
    import json

    _check_format(fmt)
    names = {a.iri: a.label, b.iri: b.label}
    records = [{"month": r.month, "direction": r.direction, "actor": names.get(r.actor, r.actor),
                "recipient": names.get(r.recipient, r.recipient), "type": r.type, "quad_class": r.quad_class,
                "interactions": r.interactions, "score": r.score} for r in rows]
    if fmt == "json":
        document = {"a": {"label": a.label, "iri": a.iri}, "b": {"label": b.label, "iri": b.iri},
                    "score": "sum of the cooperation weights of the interactions' PLOVER types", "rows": records}
        return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(records[0]) if records else
                                ["month", "direction", "actor", "recipient", "type", "quad_class", "interactions",
                                 "score"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
        return out.getvalue()
    from kg.query import text_table

    table = text_table(("month", "direction", "type", "quad class", "interactions", "score"),
                       [[r["month"], f"{r['actor']} \u2192 {r['recipient']}" if r["direction"] else "both",
                         r["type"], r["quad_class"], str(r["interactions"]), _signed(r["score"])] for r in records])
    months = rollup(rows, by="month")
    if not months:
        return table
    total = sum(m.score for m in months)
    count = sum(m.interactions for m in months)
    net = ", ".join(f"{m.month} {_signed(m.score)}" for m in months)
    return table + f"net cooperation score {_signed(total)} over {count} interaction{'s' * (count != 1)}; " \
                   f"by month: {net}\n"


def format_evidence(items: list[Evidence], a: Party, b: Party, *, fmt: str = "table") -> str:
    """Render :func:`evidence` as text: ``table`` (one block per sentence), ``csv`` or ``json``."""
    import csv
    import dataclasses
    import io
    import json

    _check_format(fmt)
    actors = {"a->b": (a.label, b.label), "b->a": (b.label, a.label)}
    records = [{**dataclasses.asdict(item), "actor": actors[item.direction][0],
                "recipient": actors[item.direction][1]} for item in items]
    if fmt == "json":
        return json.dumps({"a": {"label": a.label, "iri": a.iri}, "b": {"label": b.label, "iri": b.iri},
                           "evidence": records}, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        fields = [field.name for field in dataclasses.fields(Evidence)] + ["actor", "recipient"]
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
        return out.getvalue()
    blocks = []
    for r in records:
        how = ", ".join(part for part in (r["mode"], f"CAMEO {r['cameo']}" if r["cameo"] else "") if part)
        head = f"{r['date'] or r['month']}  {r['actor']} \u2192 {r['recipient']}  {r['type']}"
        head += f" ({how})" if how else ""
        source = " \u2014 ".join(part for part in (r["article_id"], r["title"]) if part)
        source += f" <{r['url']}>" if r["url"] else ""
        blocks.append(f"{head}\n  \u201c{r['sentence']}\u201d\n  article: {source}\n")
    blocks.append(f"({len(records)} sentence{'s' * (len(records) != 1)})\n")
    return "\n".join(blocks)
