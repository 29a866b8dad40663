"""Resolve: give the entities of one article their global keys, so that the same country,
organisation, agency or official in many articles is one resource.

Keys come from stable identifiers where the gazetteers have them (ISO 3166 code, the
gazetteer id of an organisation or agency); for an agency the gazetteer does not know, from
its name and the state it belongs to (a state's ministry from the field it is named by, so
"Foreign Ministry" and "Ministry of Foreign Affairs" of one state are one); for people, from the normalised full name. Whom a
person represents is a fact of the graph, not part of the key: an article that does not say
it must not make a second resource of the same minister, and the IRI must not depend on
which articles were read first. A surname alone is never a key (a one-word name stays local
to its article), nor is the name of an agency whose state is unknown. Each entity records
the key it was matched on (``Entity.match_key``).

Events and agreements are keyed across articles only when the article fixes enough to
identify the occasion, from what this article alone says (no look at the store, so build
order cannot matter):

- an event by its kind, its one start date (a day), the sorted set of the states taking part
  (countries and international organisations, themselves or through the officials and
  agencies who act for them; at least two), the round when its name has an ordinal ("the
  fifth round", "17th") and the places given: ``event/summit/2024-05-14/JP+VN``. A summit or
  conference whose proper name identifies it ("the East Asia Summit") is keyed by the words
  of that name and its date instead of its participants, which reports list differently.
- an agreement by its kind, the sorted set of its parties (at least two), the content words
  of its title when it has a proper one ("Memorandum of Understanding on Fisheries
  Cooperation"; the kind's own words and the parties' names left out, so two instruments of
  one day differ) and its date when given. "An agreement" or "the memorandum" is never keyed.

Anything short of that (no kind, no date or two, a participant whose state the article does
not give, one state only) keeps the article-local key ``event/{article}/{slug}``: when unsure,
do not merge. Two reports that agree on every part share one resource, whose facts the store
keeps once in the entity graph with each article's assertions and sentences in its own graph;
a report that differs in one part (another kind, day, round, state or place) is another
resource. So two rounds, two calls on different days, a summit and a meeting on its
sidelines, or the same kind and day between other states never merge. The price: reports of
one occasion that disagree by a day (time zones), name it differently ("talks" and
"meeting"), or that one of which misses a participant's state or the place, stay two
resources; no fuzzy pass over the store joins them. An event given two start dates by one
article stays that article's, so a shared event has one date; it may carry several
``rdfs:label``s (each report's name), and named queries group by the event. A signing
ceremony is keyed with the one instrument signed at it, so two memoranda signed the same day
keep their own signings.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .extract.gazetteer import normalise_name
from .model import Attribute, Entity, Extraction, Relation

#: Kinds of event whose proper name alone (with the date) identifies the occasion.
_NAMED_KINDS = frozenset({"Summit", "Conference"})
_ORDINAL_WORDS = {w: i for i, w in enumerate(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
     "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
     "eighteenth", "nineteenth", "twentieth"], start=1)}
_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b|\b(" + "|".join(_ORDINAL_WORDS) + r")\b", re.IGNORECASE)
#: Words naming a kind of instrument: "Memorandum of Understanding" alone is no title.
_INSTRUMENT_WORDS = frozenset({"agreement", "agreements", "memorandum", "understanding", "mou", "moc", "letter",
                               "treaty", "protocol", "accord", "pact", "convention", "declaration",
                               "statement", "communique", "framework", "charter"})
_ROUND_OF = re.compile(_ORDINAL.pattern + r"\s+(?:round|session|edition|meeting)\s+of\s+(?:the\s+|their\s+|its\s+)?$",
                       re.IGNORECASE)
#: Words that say nothing of which occasion or instrument a name is.
_FILLER = frozenset({"the", "a", "an", "of", "on", "in", "for", "and", "between", "to", "with", "at", "by",
                     "round", "joint", "bilateral", "new", "annual", "s", "cooperation"})

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
    keys = {ent.key: _global_key(ent, aid, homes.get(ent.key)) for ent in extraction.entities}
    occasions = _occasion_keys(extraction, {k: v[0] for k, v in keys.items()})
    keys.update(occasions)
    rename: dict[str, tuple[str, str]] = {}
    used: set[str] = set()
    for ent in extraction.entities:
        key, match = keys[ent.key]
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
        field = re.match(r"_/ministry-of-([a-z0-9-]+)@", local)
        if home and field:  # "Foreign Ministry" and "Ministry of Foreign Affairs": one body of a state
            return f"agency/{home}/ministry-of-{field.group(1)}", f"ministry:{field.group(1)}|{home.upper()}"
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


def _occasion_keys(extraction: Extraction, keys: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Global keys of the events and agreements this article identifies (see the module
    docstring); an occasion two of whose entities would get one key keeps its local key,
    since the extractor told them apart."""
    facts = _Facts(extraction, keys)
    out: dict[str, tuple[str, str]] = {}
    for ent in extraction.entities:
        found = _agreement_key(ent, facts) if ent.type == "Agreement" else None
        if found is not None:
            out[ent.key] = found
    signed: dict[str, list[str | None]] = {}  # a signing is keyed by the one instrument signed at it
    for rel in extraction.relations:
        if rel.predicate == "signedAt":
            instrument = out.get(rel.subject)
            signed.setdefault(rel.object, []).append(instrument[0].split("/")[3] if instrument else None)
    for ent in extraction.entities:
        found = _event_key(ent, facts) if ent.type == "Event" else None
        if found is not None and ent.kind == "SigningCeremony":
            of = signed.get(ent.key, [None])
            one = of[0] if len(of) == 1 else None
            found = (f"{found[0]}/of-{one}", f"{found[1]}|instrument:{one}") if one else None
        if found is not None:
            out[ent.key] = found
    seen: dict[str, int] = {}
    for key, _ in out.values():
        seen[key] = seen.get(key, 0) + 1
    return {k: v for k, v in out.items() if seen[v[0]] == 1}


class _Facts:
    """The article's relations and attributes by subject, and the global keys of its other
    entities, looked up once (an article may hold thousands of facts)."""

    def __init__(self, extraction: Extraction, keys: dict[str, str]) -> None:
        self.text = extraction.article.text
        self.ents = {e.key: e for e in extraction.entities}
        self.keys = keys
        self.relations: dict[str, list[Relation]] = {}
        for rel in extraction.relations:
            self.relations.setdefault(rel.subject, []).append(rel)
        self.attributes: dict[tuple[str, str], set[str]] = {}
        for att in extraction.attributes:
            self.attributes.setdefault((att.subject, att.name), set()).add(att.value)

    def states(self, key: str) -> set[str]:
        """The states (country codes, organisation ids) ``key`` is or acts for: a country or
        organisation itself; an official's ``represents`` (or its agency's state); an agency's
        ``agencyOf``. Empty when the article does not say."""
        ent = self.ents[key]
        if ent.type in ("Country", "Organization"):
            return {_code(self.keys[key])}
        found: set[str] = set()
        for rel in self.relations.get(key, ()):
            other = self.ents[rel.object]
            if (ent.type == "Official" and rel.predicate == "represents") or \
                    (ent.type == "Agency" and rel.predicate == "agencyOf"):
                if other.type in ("Country", "Organization"):
                    found.add(_code(self.keys[rel.object]))
            elif ent.type == "Official" and rel.predicate == "memberOf" and other.type == "Agency":
                found |= self.states(rel.object)
        return found

    def name_words(self, key: str, predicates: tuple[str, ...]) -> set[str]:
        """The words of the names of what ``key`` links to by ``predicates`` (its parties, the
        officials taking part): a title made of them names no occasion of its own."""
        words: set[str] = set()
        for rel in self.relations.get(key, ()):
            other = self.ents[rel.object]
            if rel.predicate in predicates and other.type in ("Country", "Organization", "Official"):
                if rel.predicate == "party" or other.type == "Official":
                    for name in (other.name, *other.aliases):
                        words.update(w.lower() for w in re.findall(r"[^\W_]+", name))
        return words


def _code(key: str) -> str:
    """``country/IN`` gives ``IN``, ``organization/asean`` gives ``asean``."""
    return key.split("/", 1)[1]


def _round(ent: Entity, text: str) -> str | None:
    """The round of an occasion: the ordinal in its name ("17th summit"), or in the words just
    before a mention of it ("the fifth round of their dialogue"); "5th" and "fifth" are one.
    "?" when two rounds are named."""
    found = list(_ORDINAL.finditer(ent.name))
    for span in ent.mentions:
        m = _ROUND_OF.search(text[max(0, span.start - 40):span.start])
        if m:
            found.append(m)
    rounds = {int(m.group(1)) if m.group(1) else _ORDINAL_WORDS[m.group(2).lower()] for m in found}
    return str(rounds.pop()) if len(rounds) == 1 else ("?" if rounds else None)


def _name_words(ent: Entity, drop: set[str]) -> list[str] | None:
    """The sorted content words of a title, without fillers, ordinals and ``drop``. None
    unless the name is a title: its first word (after "the") capitalised, a word left. A
    name made up from the participants ("summit of A and B") is no title: their words are
    in ``drop``."""
    words = re.findall(r"[^\W_]+", ent.name)
    first = words[1] if words and words[0].lower() == "the" and len(words) > 1 else (words or [""])[0]
    if not first[:1].isupper():
        return None
    content = [w for w in words if w.lower() not in _FILLER and w.lower() not in drop
               and not _ORDINAL.fullmatch(w)]
    return sorted({normalise_name(w) for w in content}) or None


def _event_key(ent: Entity, facts: _Facts) -> tuple[str, str] | None:
    dates = facts.attributes.get((ent.key, "startDate"), set())
    if ent.kind is None or len(dates) != 1:
        return None
    date = next(iter(dates))
    kind = ent.kind.lower()
    states: set[str] = set()
    places: set[str] = set()
    for rel in facts.relations.get(ent.key, ()):
        if rel.predicate in ("participant", "chair"):
            acting_for = facts.states(rel.object)
            if not acting_for:  # someone whose state the article does not give
                return None
            states |= acting_for
        elif rel.predicate == "location":
            places.add(_slug(facts.keys[rel.object].split("/", 1)[1]))
    rnd = _round(ent, facts.text)
    if rnd == "?":  # two rounds named: which one is unclear
        return None
    parts = [f"kind:{ent.kind}", f"date:{date}"]
    words = _name_words(ent, {kind, kind + "s"} | facts.name_words(ent.key, ("participant", "chair"))) \
        if ent.kind in _NAMED_KINDS else None
    if words:
        ident = "name-" + "-".join(words)
        parts.append("name:" + " ".join(words))
    elif len(states) >= 2:
        ident = "+".join(sorted(states))
        parts.append("states:" + ident)
    else:
        return None
    key = f"event/{kind}/{date}/{ident}"
    if rnd:
        key += f"/round-{rnd}"
        parts.append(f"round:{rnd}")
    if places:
        key += "/at-" + "+".join(sorted(places))
        parts.append("places:" + "+".join(sorted(places)))
    return key, "|".join(parts)


def _agreement_key(ent: Entity, facts: _Facts) -> tuple[str, str] | None:
    parties: set[str] = set()
    for rel in facts.relations.get(ent.key, ()):
        if rel.predicate in ("party", "signatory"):
            parties |= facts.states(rel.object)
    if len(parties) < 2:
        return None
    kind = (ent.kind or "Agreement").lower()
    drop = {kind, kind + "s", *_INSTRUMENT_WORDS} | facts.name_words(ent.key, ("party", "signatory"))
    words = _name_words(ent, drop)
    dates = facts.attributes.get((ent.key, "date"), set())
    if not words or len(dates) > 1:
        return None
    sides = "+".join(sorted(parties))
    key = f"agreement/{kind}/{sides}/{'-'.join(words)}"
    match = f"kind:{ent.kind or 'Agreement'}|parties:{sides}|name:{' '.join(words)}"
    if dates:
        date = next(iter(dates))
        key += f"/{date}"
        match += f"|date:{date}"
    return key, match
