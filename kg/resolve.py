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
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from .model import Attribute, Entity, Extraction, Relation

__all__ = ["resolve", "normalise_name", "Registry"]

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


class Registry:
    """What the other articles of a build (and the store) say about people and bodies.

    An article may name "Wang Yi" without saying whom he stands for; the state most other
    articles give that full name is lent to it (a tie lends nothing). Fed with
    :meth:`learn` (extractions) and :meth:`learn_match_keys` (``dip:matchKey`` values already in
    the store).
    """

    def __init__(self) -> None:
        self._homes: dict[tuple[str, str], Counter[str]] = {}

    def learn(self, extraction: Extraction) -> None:
        homes = _homes(extraction)
        for ent in extraction.entities:
            home = homes.get(ent.key)
            if home and ent.type in ("Official", "Agency") and len(normalise_name(ent.name).split()) >= 2:
                self._homes.setdefault((ent.type, normalise_name(ent.name)), Counter())[home] += 1

    def learn_match_keys(self, type_: str, match_keys: Iterable[str]) -> None:
        for key in match_keys:
            name, _, home = key.removeprefix("name:").partition("|")
            if key.startswith("name:") and home and home != "XX" and "(" not in home:
                self._homes.setdefault((type_, name), Counter())[home.lower()] += 1

    def home(self, type_: str, name: str) -> str | None:
        """The affiliation most articles give this name, or None if none or a tie."""
        ranked = self._homes.get((type_, normalise_name(name)), Counter()).most_common(2)
        if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
            return None
        return ranked[0][0]


def _homes(extraction: Extraction) -> dict[str, str]:
    """Each official's or agency's affiliation in this article: the state or organisation an
    official represents most surely (by confidence, then order), the state(s) of an agency."""
    best: dict[str, tuple[float, str]] = {}
    agencies: dict[str, list[str]] = {}
    for rel in extraction.relations:
        target = rel.object.split("/")[-1].lower()
        if rel.predicate == "represents" and rel.object.startswith(("country/", "organization/")):
            if rel.subject not in best or rel.confidence > best[rel.subject][0]:
                best[rel.subject] = (rel.confidence, target)
        elif rel.predicate == "agencyOf" and rel.object.startswith("country/"):
            agencies.setdefault(rel.subject, []).append(target)
    homes = {k: v for k, (_, v) in best.items()}
    homes.update({k: "-".join(sorted(set(v))) for k, v in agencies.items()})
    return homes


def resolve(extraction: Extraction, *, registry: Registry | None = None) -> Extraction:
    """The same extraction with global keys and ``match_key`` set on every entity.

    ``registry`` lends the affiliations other articles give a name, for people and bodies
    this article names without one.
    """
    aid = extraction.article.id
    homes = _homes(extraction)
    rename: dict[str, tuple[str, str]] = {}
    used: set[str] = set()
    for ent in extraction.entities:
        home, lent = homes.get(ent.key), False
        if home is None and registry is not None and ent.type in ("Official", "Agency"):
            home = registry.home(ent.type, ent.name)
            lent = home is not None
        key, match = _global_key(ent, aid, home)
        if lent:
            match += " (affiliation from other articles)"
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


def _global_key(ent: Entity, aid: str, home: str | None) -> tuple[str, str]:
    kind, _, local = ent.key.partition("/")
    if ent.type == "Country":
        return ent.key, f"iso3166:{local}"
    if ent.type in ("Organization", "Agency") and not local.startswith("_/"):
        return ent.key, f"gazetteer:{local}"
    norm = normalise_name(ent.name)
    if ent.type == "Agency":
        where = home or "xx"
        return f"agency/{where}/{_slug(ent.name)}", f"name:{norm}|{where.upper()}"
    if ent.type == "Organization":
        return f"organization/{_slug(ent.name)}", f"name:{norm}"
    if ent.type == "Official":
        if len(norm.split()) < 2:  # a surname alone is never a key beyond its article
            return f"official/{aid}/{_slug(ent.name)}", f"article:{aid}|name:{norm}"
        if home:
            return f"official/{_slug(ent.name)}--{home}", f"name:{norm}|{home.upper()}"
        return f"official/{_slug(ent.name)}", f"name:{norm}"
    if ent.type == "Location":
        return f"location/{_slug(ent.name)}", f"name:{norm}"
    return f"{kind}/{aid}/{_slug(ent.name)[:60]}", f"article:{aid}"
