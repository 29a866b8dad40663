"""Resolve: give the entities of one article their global keys, so that the same country,
organisation, agency or official in many articles is one resource.

Keys come from stable identifiers where the gazetteers have them (ISO 3166 code, the
gazetteer id of an organisation or agency); for an agency the gazetteer does not know, from
its name and the state it belongs to; for people, from the normalised full name. Whom a
person represents is a fact of the graph, not part of the key: an article that does not say
it must not make a second resource of the same minister, and the IRI must not depend on
which articles were read first. A surname alone is never a key (a one-word name stays local
to its article), nor is the name of an agency whose state is unknown. Events, agreements
and places of one article stay that article's. Each entity records the key it was matched
on (``Entity.match_key``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .extract.gazetteer import normalise_name
from .model import Attribute, Entity, Extraction, Relation

__all__ = ["resolve", "normalise_name"]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise_name(text)).strip("-") or "x"


def _homes(extraction: Extraction) -> dict[str, str]:
    """The state(s) each agency of the article belongs to, as one key part ("in-us")."""
    agencies: dict[str, list[str]] = {}
    for rel in extraction.relations:
        if rel.predicate == "agencyOf" and rel.object.startswith("country/"):
            agencies.setdefault(rel.subject, []).append(rel.object.split("/")[-1].lower())
    return {k: "-".join(sorted(set(v))) for k, v in agencies.items()}


def resolve(extraction: Extraction) -> Extraction:
    """The same extraction with global keys and ``match_key`` set on every entity.

    A key depends only on what the entity is (its ISO code, gazetteer id, normalised full
    name, and for an agency the state it belongs to), never on the order articles are read
    in, so ``kg extract`` and ``kg build`` mint the same IRIs, whatever was built before.
    """
    aid = extraction.article.id
    homes = _homes(extraction)
    rename: dict[str, tuple[str, str]] = {}
    used: set[str] = set()
    for ent in extraction.entities:
        key, match = _global_key(ent, aid, homes.get(ent.key))
        base, n = key, 2
        while key in used:  # two events of one article with the same description
            key, n = f"{base}-{n}", n + 1
        used.add(key)
        rename[ent.key] = (key, match)
    entities = tuple(replace(e, key=rename[e.key][0], match_key=rename[e.key][1]) for e in extraction.entities)
    relations = tuple(Relation(rename[r.subject][0], r.predicate, rename[r.object][0], r.evidence, r.method, r.confidence)
                      for r in extraction.relations)
    attributes = tuple(Attribute(rename[a.subject][0], a.name, a.value, a.evidence, a.method, a.confidence)
                       for a in extraction.attributes)
    interactions = tuple(i.rekeyed(lambda k: rename[k][0]) for i in extraction.interactions)
    return replace(extraction, entities=entities, relations=relations, attributes=attributes, interactions=interactions)


def _global_key(ent: Entity, aid: str, home: str | None) -> tuple[str, str]:
    kind, _, local = ent.key.partition("/")
    if ent.type == "Country":
        return ent.key, f"iso3166:{local}"
    if ent.type in ("Organization", "Agency") and not local.startswith("_/"):
        return ent.key, f"gazetteer:{local}"
    norm = normalise_name(ent.name)
    if ent.type == "Agency":
        if home:  # "Ministry of Foreign Affairs" is one body per state
            return f"agency/{home}/{_slug(ent.name)}", f"name:{norm}|{home.upper()}"
        return f"agency/{aid}/{_slug(ent.name)}", f"article:{aid}|name:{norm}"
    if ent.type == "Organization":
        return f"organization/{_slug(ent.name)}", f"name:{norm}"
    if ent.type == "Official":
        known = dict(ent.identifiers).get("officials")
        if known:  # "Narendra Damodardas Modi" and "Narendra Modi": one person of the gazetteer
            return f"official/{known}", f"gazetteer:officials/{known}"
        if len(norm.split()) < 2:  # a surname alone is never a key beyond its article
            return f"official/{aid}/{_slug(ent.name)}", f"article:{aid}|name:{norm}"
        return f"official/{_slug(ent.name)}", f"name:{norm}"
    if ent.type == "Location":
        return f"location/{_slug(ent.name)}", f"name:{norm}"
    return f"{kind}/{aid}/{_slug(ent.name)[:60]}", f"article:{aid}"
