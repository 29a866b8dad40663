"""Frozen records that cross the stage boundaries.

No spaCy object and no rdflib term appears here: ``extract`` produces these records from
text, ``resolve`` gives entities their global keys, ``mapping`` turns them into RDF.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "ENTITY_TYPES",
    "RELATIONS",
    "ATTRIBUTES",
    "EntityType",
    "Article",
    "Failure",
    "Span",
    "Entity",
    "Relation",
    "Attribute",
    "Interaction",
    "INTERACTION_TYPES",
    "Extraction",
]

EntityType = Literal["Country", "Agency", "Organization", "Official", "Agreement", "Event", "Location"]
ENTITY_TYPES: tuple[str, ...] = ("Country", "Agency", "Organization", "Official", "Agreement", "Event", "Location")
RELATIONS: tuple[str, ...] = (
    "represents", "memberOf", "agencyOf", "participant", "chair", "location", "party", "signatory", "signedAt",
)
ATTRIBUTES: tuple[str, ...] = ("jobTitle", "startDate", "endDate", "date")
INTERACTION_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
"""The sixteen PLOVER event types, in PLOVER's order (``ontology/plover.ttl`` defines them)."""


@dataclass(frozen=True)
class Article:
    """One news article as read from a file.

    ``text`` is the body the character offsets of every mention refer to; ``id`` is stable
    across runs (derived from the file name or the record's own id), ``sha256`` is the hash of
    ``title`` and ``text`` so an edited article is noticed. ``notes`` says what reading left
    out (a text cut at the size limit); they reach the build report with the extractor's.
    """

    id: str
    title: str
    text: str
    source: str
    sha256: str
    date: dt.date | None = None
    url: str | None = None
    dateline: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Failure:
    """An input that could not be read; ``line`` is 1-based where the format has lines."""

    source: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Span:
    """Where a fact was read: character offsets into ``Article.text`` and the sentence around it."""

    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True)
class Entity:
    """One thing the article speaks of.

    ``key`` is global after resolution ("country/IN", "official/ajay-bhalla--in",
    "event/ARTICLE/slug"): the IRI of the entity is minted from it. ``kind`` names a subclass
    of the type ("Memorandum", "Dialogue", "Summit", ...). ``identifiers`` holds stable
    identifiers such as ("iso3166", "IN") or ("wikidata", "Q668"); ``match_key`` says what the
    entity was merged on across articles.
    """

    key: str
    type: EntityType
    name: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()
    kind: str | None = None
    identifiers: tuple[tuple[str, str], ...] = ()
    match_key: str | None = None
    method: str = "rule"
    confidence: float = 1.0


@dataclass(frozen=True)
class Relation:
    """``subject predicate object`` between two entity keys, with its evidence."""

    subject: str
    predicate: str
    object: str
    evidence: Span | None = None
    method: str = "rule"
    confidence: float = 1.0


@dataclass(frozen=True)
class Attribute:
    """``subject name value``: a job title (text) or a date (ISO ``YYYY-MM-DD``)."""

    subject: str
    name: str
    value: str
    evidence: Span | None = None
    method: str = "rule"
    confidence: float = 1.0


@dataclass(frozen=True)
class Interaction:
    """One actor doing something to another: ``type`` is a PLOVER type ("CONSULT"), ``cameo``
    a CAMEO code ("041"), ``mode`` a PLOVER mode ("phone") where the text makes it clear.

    ``actor`` and ``recipient`` are entity keys as read (a country, agency, organisation or
    official); ``actor_state`` and ``recipient_state`` the country each acts for, or the
    international organisation itself: an interaction is only made when both are known.
    ``date`` is ISO ``YYYY-MM-DD`` where the text fixes it, ``during`` the key of the event it
    happened at; ``evidence`` the word or phrase that signals it, in its sentence.
    """

    actor: str
    recipient: str
    type: str
    actor_state: str
    recipient_state: str
    cameo: str | None = None
    mode: str | None = None
    date: str | None = None
    during: str | None = None
    evidence: Span | None = None
    method: str = "rule"
    confidence: float = 1.0

    def rekeyed(self, key) -> Interaction:
        """The same interaction with every entity key passed through ``key`` (resolution, merging)."""
        from dataclasses import replace

        return replace(self, actor=key(self.actor), recipient=key(self.recipient), actor_state=key(self.actor_state),
                       recipient_state=key(self.recipient_state),
                       during=key(self.during) if self.during is not None else None)


@dataclass(frozen=True)
class Extraction:
    """Everything read from one article."""

    article: Article
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    attributes: tuple[Attribute, ...] = ()
    notes: tuple[str, ...] = field(default=())
    interactions: tuple[Interaction, ...] = ()
