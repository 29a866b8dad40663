"""Turn the mentions of one article into entities, relations and attributes.

The rules follow how diplomatic news is written: a title before or after a name, "X and Y
met in Z to co-chair W", "the leaders signed a memorandum between A and B", "the dialogue"
pointing back to the last dialogue. Keys made here are local to the article; ``resolve``
turns them into global ones.

This module holds the order of the rules and the output; the rules live by subject in
``bodies``, ``people`` (names and titles), ``occasions`` (which events) and ``occasion_facts``
(who, where, when), ``instruments`` and ``sides`` (whom officials act for when no title says
it), and share a ``draft.Draft``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Article, Attribute, Entity, Extraction, Relation
from .bodies import add_body, add_country, occasions_of_bodies, agencies_by_members, joint_bodies, one_ministry_per_portfolio, the_ministry
from .draft import Draft, slug
from .gazetteer import Gazetteer
from .instruments import (find_agreements, occasions_dated_by_signing, parties_attend_their_signing,
                          parties_from_signatories, signings_at_named_ceremonies,
                          statements_of_their_occasion)
from .occasion_facts import dateline_venue, propagate_participants
from .occasions import find_events
from .people import counterparts_share_posts, find_officials, resolve_pronouns, resolve_title_anaphora
from .sides import (companions, known_officials, read_delegations, read_portfolios, represents_by_pairing,
                    tie_international_officials)
from .spans import Mention

__all__ = ["build_extraction", "slug"]


def build_extraction(doc: Doc, article: Article, gaz: Gazetteer, mentions: list[Mention],
                     inner: list[Mention]) -> Extraction:
    """Entities, relations and attributes of one article, with article-local keys."""
    draft = Draft(doc, article, gaz, mentions, inner)
    _run(draft)
    return _extraction(draft)


def _run(draft: Draft) -> None:
    """The rules in order: each later one reads what the earlier ones found (titles need the
    countries, occasions the officials, signings the occasions, fallbacks all of them)."""
    occasions_of_bodies(draft)
    for m in draft.mentions:
        if m.type == "Country":
            add_country(draft, m)
        elif m.type in ("Agency", "Organization"):
            add_body(draft, m)
        elif m.type == "Place":
            draft.places.append(m)
    one_ministry_per_portfolio(draft)
    the_ministry(draft)
    find_officials(draft)
    resolve_title_anaphora(draft)
    counterparts_share_posts(draft)
    resolve_pronouns(draft)
    find_events(draft)
    find_agreements(draft)
    signings_at_named_ceremonies(draft)
    read_delegations(draft)
    companions(draft)
    read_portfolios(draft)
    tie_international_officials(draft)
    known_officials(draft)
    represents_by_pairing(draft)
    propagate_participants(draft)
    joint_bodies(draft)
    agencies_by_members(draft)
    parties_from_signatories(draft)
    statements_of_their_occasion(draft)
    occasions_dated_by_signing(draft)
    parties_attend_their_signing(draft)
    dateline_venue(draft)


def _extraction(draft: Draft) -> Extraction:
    """The frozen records of the draft; facts about entities that were dropped are left out."""
    entities = []
    for ent in draft.ents.values():
        aliases = tuple(a for a in ent.aliases if a and a != ent.name)
        spans = tuple(draft.span_of(s, e) for s, e in sorted(ent.spans))
        entities.append(Entity(key=ent.key, type=ent.type, name=ent.name, aliases=aliases, mentions=spans,
                               kind=ent.kind, identifiers=tuple(ent.identifiers), method=ent.method,
                               confidence=ent.confidence))
    keys = {e.key for e in entities}
    relations = tuple(Relation(s, p, o, ev, method, conf) for (s, p, o), (ev, method, conf) in draft.rels.items()
                      if s in keys and o in keys)
    attributes = tuple(Attribute(s, n, v, ev, method, conf) for (s, n, v), (ev, method, conf) in draft.attrs.items()
                       if s in keys)
    return Extraction(article=draft.article, entities=tuple(entities), relations=relations, attributes=attributes)
