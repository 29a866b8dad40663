"""Resolve: give the entities of one article their global keys, so that the same country,
organisation, agency or official in many articles is one resource.

Keys come from stable identifiers where the gazetteers have them (ISO 3166 code, the
gazetteer id of an organisation or agency) and, for people, from the normalised full name
plus the country they represent. A surname alone is never a key: a one-word name is kept
local to its article. Events, agreements and places of one article stay that article's.
Each entity records the key it was matched on (``Entity.match_key``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from .model import Attribute, Entity, Extraction, Relation

__all__ = ["resolve", "normalise_name"]

_HONORIFIC = re.compile(r"^(?:mr|mrs|ms|dr|sir|dame|h\.?e\.?)\.?\s+", re.IGNORECASE)


def normalise_name(name: str) -> str:
    """Case, accents, honorifics, initials and punctuation folded: "Antony J. Blinken" → "antony blinken"."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = _HONORIFIC.sub("", text)
    words = [w for w in re.split(r"[^a-z0-9]+", text) if w]
    if len(words) > 2:
        words = [w for w in words[:-1] if len(w) > 1] + words[-1:]
    return " ".join(words)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise_name(text)).strip("-") or "x"


def resolve(extraction: Extraction) -> Extraction:
    """The same extraction with global keys and ``match_key`` set on every entity."""
    aid = extraction.article.id
    countries_of: dict[str, list[str]] = {}
    for rel in extraction.relations:
        if rel.predicate in ("represents", "agencyOf") and rel.object.startswith(("country/", "organization/")):
            countries_of.setdefault(rel.subject, []).append(rel.object.split("/")[-1])
    rename: dict[str, tuple[str, str]] = {}
    used: set[str] = set()
    for ent in extraction.entities:
        key, match = _global_key(ent, aid, sorted(countries_of.get(ent.key, [])))
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
    return replace(extraction, entities=entities, relations=relations, attributes=attributes)


def _global_key(ent: Entity, aid: str, countries: list[str]) -> tuple[str, str]:
    kind, _, local = ent.key.partition("/")
    if ent.type == "Country":
        return ent.key, f"iso3166:{local}"
    if ent.type in ("Organization", "Agency") and not local.startswith("_/"):
        return ent.key, f"gazetteer:{local}"
    if ent.type in ("Organization", "Agency"):
        name = _slug(ent.name)
        if ent.type == "Agency":
            where = "-".join(c.lower() for c in countries if len(c) == 2) or "xx"
            return f"agency/{where}/{name}", f"name:{normalise_name(ent.name)}|{where.upper()}"
        return f"organization/{name}", f"name:{normalise_name(ent.name)}"
    if ent.type == "Official":
        norm = normalise_name(ent.name)
        where = "-".join(c.lower() for c in countries)
        if len(norm.split()) >= 2 and where:
            return f"official/{_slug(ent.name)}--{where}", f"name:{norm}|{where.upper()}"
        return f"official/{aid}/{_slug(ent.name)}", f"article:{aid}|name:{norm}"
    if ent.type == "Location":
        return f"location/{_slug(ent.name)}", f"name:{normalise_name(ent.name)}"
    return f"{kind}/{aid}/{_slug(ent.name)[:60]}", f"article:{aid}"
