"""Countries, agencies and organisations named in an article.

Takes a ``Draft`` and the gazetteer mentions of states and bodies; adds Country, Agency and
Organization entities with their identifiers and the ``agencyOf`` relations their names or
the gazetteer give. A capital or country named as a venue is kept aside in ``draft.places``
for ``occasions``.
"""

from __future__ import annotations

import re

from .draft import Draft, slug
from .gazetteer import Record
from .spans import Mention

__all__ = ["add_country", "add_body", "capital_named", "qualifiers", "strip_qualifiers", "ensure_country", "agencies_by_members",
           "joint_bodies", "portfolio", "one_ministry_per_portfolio"]


def _country_identifiers(code: str, rec: Record) -> list[tuple[str, str]]:
    """ISO 3166 codes and the Wikidata id of a country, as far as the gazetteer knows them."""
    return [("iso3166", code)] + ([("iso3166alpha3", rec.alpha3)] if rec.alpha3 else []) + (
        [("wikidata", rec.wikidata)] if rec.wikidata else [])


_VISITED = {"from", "visit", "visits", "visited", "visiting"}  # "visits Washington": the city, not the government


def add_country(draft: Draft, m: Mention) -> None:
    """A state named by name, demonym or capital; a territory, or a capital after "in" or
    "from", is a place instead (a capital in the dateline is neither)."""
    code = m.ids[0]
    rec = draft.gaz.record("Country", code)
    if m.role == "territory" or rec is None:
        draft.places.append(m)
        return
    if m.role == "capital":
        if draft.in_dateline(m):
            return
        if draft.prev_word(m) in draft.gaz.cue("location_preps") | _VISITED:
            draft.places.append(m)
            return
    ent = draft.entity(f"country/{code}", "Country", rec.name)
    ent.identifiers = _country_identifiers(code, rec)
    draft.link(m, ent)
    ent.confidence = min(ent.confidence, 0.7 if m.role == "demonym" else 0.95 if m.role == "capital" else 1.0)
    if draft.prev_word(m) in {"in", "to"} | _VISITED and not draft.in_dateline(m) or capital_named(draft, m):
        draft.places.append(m)  # a country named as a venue may also be the Location


def capital_named(draft: Draft, m: Mention) -> str | None:
    """The capital "the Ruritanian capital" names (a state's demonym before "capital"), if any."""
    if m.role != "demonym" or m.end >= len(draft.doc) or draft.doc[m.end].lower_ != "capital":
        return None
    rec = draft.gaz.record("Country", m.ids[0])
    return rec.capital if rec is not None else None


def qualifiers(draft: Draft, m: Mention) -> list[str]:
    """Countries named inside a longer name ("India's National Police Academy")."""
    out = []
    for q in draft.inner:
        if m.start <= q.start and q.end <= m.end and q.type == "Country" and (
                q.role in ("name", "demonym") or q.role == "capital" and _possessive_capital(draft, q)):
            out.append(q.ids[0])
    return list(dict.fromkeys(out))


def _possessive_capital(draft: Draft, q: Mention) -> bool:
    """"Moscow's embassy", "Beijing's foreign ministry": a capital owning a body stands for its state."""
    return q.role == "capital" and q.end < len(draft.doc) and draft.doc[q.end].text in ("'s", "’s")


def _orgs_inside(draft: Draft, m: Mention) -> list[str]:
    return [q.ids[0] for q in draft.inner if m.start <= q.start and q.end <= m.end and q.type == "Organization"]


def add_body(draft: Draft, m: Mention) -> None:
    """An agency or organisation: from the gazetteer with its state, or else by its capitalised
    name without the states in front, tied to those states."""
    span = draft.doc[m.start:m.end]
    if m.ids:
        rec = draft.gaz.record(m.type, m.ids[0])
        ent = draft.entity(f"{m.type.lower()}/{m.ids[0]}", m.type, rec.name)
        if rec.wikidata:
            ent.identifiers = [("wikidata", rec.wikidata)]
        draft.link(m, ent)
        if rec.country and draft.gaz.record("Country", rec.country):
            c = ensure_country(draft, rec.country)
            draft.relate(ent.key, "agencyOf", c, draft.tok_span(m), "gazetteer", 0.9)
        return
    countries = qualifiers(draft, m)
    stripped = strip_qualifiers(draft, m)
    if stripped and stripped.lower() in draft.gaz.cue("mission_heads") and len(set(countries)) == 1:
        _state_mission(draft, m, stripped, countries[0])
        return
    if not stripped or stripped.lower() in draft.gaz.cue("agency_heads"):
        return
    if m.method == "rule:state-ministry":
        stripped = stripped.title()  # "foreign ministry" → "Foreign Ministry", the body's name
    if stripped.lower().endswith(tuple(draft.gaz.cue("not_bodies"))):
        return  # "the Saudi Press Agency reported": the wire the story came from, no actor in it
    type_ = m.type
    if _orgs_inside(draft, m) and m.type == "Agency":
        type_ = "Organization"  # an organ of an organisation: "African Union Commission"
    if len(set(countries)) == 1 and any(t == "Country" and role == "name" for role, t, _ in
                                        draft.gaz.lookup(draft.doc[m.start].text)):
        type_ = "Agency"  # "US Senate NATO Observer Group": a body of one state, whatever it is about
    tail = re.search(r"\bof (?:the )?(.+)$", stripped)
    if type_ == "Organization" and tail and draft.gaz.country_of(tail.group(1)) and not _orgs_inside(draft, m):
        type_ = "Agency"  # "Central Bank of Ruritania": a body of that state, whatever its head word
    if type_ == "Agency" and tail and draft.gaz.country_of(tail.group(1)):
        countries.append(draft.gaz.country_of(tail.group(1)))
    key = f"{type_.lower()}/_/{slug(stripped)}"
    field = portfolio(draft, stripped) if type_ == "Agency" else None
    if field and len(set(countries)) == 1:
        key = f"agency/_/ministry-of-{field}@{countries[0].lower()}"  # "Foreign Ministry", "Ministry of Foreign Affairs"
    elif type_ == "Agency" and len(set(countries)) == 1 and key in draft.ents:
        states = {o for (s_, p, o) in draft.rels if s_ == key and p == "agencyOf"}
        if states and f"country/{countries[0]}" not in states:
            key = f"{key}@{countries[0].lower()}"  # "Ruritania's Ministry of Trade" beside Freedonia's: two bodies
    ent = draft.entity(key, type_, stripped, method="rule:capitalised-head", confidence=0.8)
    draft.link(m, ent)
    ent.add(stripped, span.start_char, span.end_char)
    if type_ == "Agency":
        for code in dict.fromkeys(countries):
            draft.relate(ent.key, "agencyOf", ensure_country(draft, code), draft.tok_span(m), "rule:qualified-name", 0.85)


def _state_mission(draft: Draft, m: Mention, head: str, code: str) -> None:
    """"the Chinese Embassy", "Ruritania's embassy", "the Indian High Commission": a state's
    mission named by its state and the kind of mission alone."""
    state = draft.gaz.record("Country", code)
    name = f"{head.title()} of {state.name}" if state else head.title()
    ent = draft.entity(f"agency/_/{slug(head)}@{code.lower()}", "Agency", name, method="rule:state-mission",
                       confidence=0.75)
    draft.link(m, ent)
    span = draft.doc[m.start:m.end]
    written = re.sub(r"^the\s+", "", span.text, flags=re.IGNORECASE)
    ent.add(written, span.end_char - len(written), span.end_char)
    draft.relate(ent.key, "agencyOf", ensure_country(draft, code), draft.tok_span(m), "rule:qualified-name", 0.85)


_MINISTRY = re.compile(r"^(?:the\s+)?(?:ministry|department)\s+(?:of|for)\s+(?:the\s+)?(?P<after>.+)$"
                       r"|^(?P<before>.+?)\s+(?:ministry|department)$", re.IGNORECASE)
_NO_FIELD = {"of", "the", "and", "for", "affairs", "&"}
_SPELLINGS = {"defense": "defence", "labor": "labour"}


def portfolio(draft: Draft, name: str) -> str | None:
    """The field a state's ministry or department is named by, written one way: "Foreign
    Ministry", "Ministry of Foreign Affairs" and "Ministry of Foreign Affairs of Ruritania"
    all give "foreign"; "Defense Department" and "Ministry of Defence" give "defence". None
    for a name of another shape."""
    name = name.strip()
    tail = re.match(r"(.+)\s+of\s+(?:the\s+)?([^,]+)$", name)
    if tail and draft.gaz.country_of(tail.group(2)):
        name = tail.group(1)  # "... of Ruritania": the state, said apart
    found = _MINISTRY.match(name)
    if not found:
        return None
    field = found.group("after") or found.group("before")
    words = [w.lower() for w in re.split(r"[^\w'-]+", field) if w and w.lower() not in _NO_FIELD]
    if not words or any(draft.gaz.country_of(w) for w in words) or len(words) > 6:
        return None
    return "-".join(sorted({slug(_SPELLINGS.get(w, w)) for w in words}))


def one_ministry_per_portfolio(draft: Draft) -> None:
    """"The Ruritanian Foreign Ministry ... the Ministry of Foreign Affairs said": a ministry
    named without its state is the one ministry of that field the article ties to a state,
    when there is exactly one. With two states' ministries of one field, it stays apart."""
    stated: dict[str, list[str]] = {}
    for key in draft.ents:
        field = re.match(r"agency/_/ministry-of-(.+)@[a-z]+$", key)
        if field:
            stated.setdefault(field.group(1), []).append(key)
    for key, ent in list(draft.ents.items()):
        if ent.type != "Agency" or "@" in key or any(s == key and p == "agencyOf" for (s, p, _) in draft.rels):
            continue
        field = portfolio(draft, ent.name)
        if field and len(stated.get(field, ())) == 1:
            draft.merge(key, stated[field][0])


_SIDELINES = re.compile(r"\b(?:sidelines|side-lines|margins|fringes)\s+of\s+(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE)


def occasions_of_bodies(draft: Draft) -> None:
    """"On the sidelines of the UN General Assembly", "on the margins of the G20": an assembly or
    forum named as the occasion around which others met is that session or summit, an Event."""
    for n, m in enumerate(draft.mentions):
        if m.type != "Organization" or not m.ids:
            continue
        rec = draft.gaz.record("Organization", m.ids[0])
        lead = draft.text[max(0, draft.doc[m.start].idx - 40):draft.doc[m.start].idx]
        if rec is None or rec.kind not in ("organ", "forum") or not _SIDELINES.search(lead):
            continue
        draft.mentions[n] = Mention(m.start, m.end, "Event", role="name", kind="Session" if rec.kind == "organ"
                                    else "Summit", method="rule:occasion-of-body", extra={"name": rec.name})


def the_ministry(draft: Draft) -> None:
    """"The ministry summoned ...", "the embassy said": a body named by its head word alone,
    after the story has named exactly one body of that kind, is that body."""
    for head in ("ministry", "embassy"):
        for i in (i for i, w in enumerate(draft.lower) if w == head and draft.doc[i].text == head):
            if i == 0 or draft.lower[i - 1] != "the" or draft.mention_at(i) is not None:
                continue
            named = {draft.by_mention[id(m)] for m in draft.mentions_in(0, i - 1)
                     if m.type == "Agency" and id(m) in draft.by_mention
                     and head in draft.ents[draft.by_mention[id(m)]].name.lower()}
            if len(named) != 1:
                continue  # none named yet, or two ministries: which one, the text does not say
            m = Mention(i - 1, i + 1, "Agency", role="anaphor", method="rule:the-ministry")
            draft.mentions.append(m)
            draft.link(m, draft.ents[named.pop()])
    draft.mentions.sort(key=lambda m: (m.start, m.end))


def strip_qualifiers(draft: Draft, m: Mention) -> str:
    """A name without the states in front ("India's National Police Academy" → "National
    Police Academy"); a city stays ("Madrid Summit")."""
    toks = list(draft.doc[m.start:m.end])
    while toks and (_names_state(draft, toks[0].text) or toks[0].text in ("'s", "’s", "-", "–", "the", "The")
                    or toks[0].lower_ in ("the",) or any(q.start == toks[0].i and _possessive_capital(draft, q)
                                                         for q in draft.inner if q.type == "Country")):
        toks = toks[1:]
    return "".join(t.text_with_ws for t in toks).strip()


def _names_state(draft: Draft, word: str) -> bool:
    return any(t == "Country" and role in ("name", "demonym") for role, t, _ in draft.gaz.lookup(word))


def ensure_country(draft: Draft, code: str) -> str:
    """The key of a country, made from the gazetteer if the article did not name it."""
    rec = draft.gaz.record("Country", code)
    key = f"country/{code}"
    if key not in draft.ents and rec is not None:
        ent = draft.entity(key, "Country", rec.name)
        ent.identifiers = _country_identifiers(code, rec)
    return key


def agencies_by_members(draft: Draft) -> None:
    """A body with no country of its own belongs to the country its members represent."""
    for (s, p, o), val in list(draft.rels.items()):
        if p == "memberOf" and draft.ents[o].type == "Agency" and not any(
                s2 == o and p2 == "agencyOf" for (s2, p2, _) in draft.rels):
            for (s3, p3, c) in list(draft.rels):
                if s3 == s and p3 == "represents" and draft.ents[c].type == "Country":
                    draft.relate(o, "agencyOf", c, val[0], "rule:member-country", 0.6)


def joint_bodies(draft: Draft) -> None:
    """A joint body ("the Joint Consultative Commission", "the Intergovernmental Committee")
    whose name names no state belongs to the two states of the occasions it is told with, or
    else to the two states of the story's occasions; never when there are more or fewer."""
    words = draft.gaz.cue("joint_body_words")
    events = [k for k in draft.event_order if k in draft.ents]
    for key, ent in list(draft.ents.items()):
        if ent.type != "Agency" or not words & set(re.split(r"[\s-]+", ent.name.lower())):
            continue
        if any(s == key and p == "agencyOf" for (s, p, _) in draft.rels):
            continue
        told = {draft.sent_of(draft.doc.char_span(a, b, alignment_mode="expand").start) for a, b in ent.spans}
        near = [k for k in events if draft.ents[k].sentences & told]
        for group in (near, events):
            states = sorted({o for (s, p, o) in draft.rels if s in group and p == "participant"
                             and draft.ents[o].type == "Country"})
            if len(states) == 2:
                a, b = min(ent.spans)
                for state in states:
                    draft.relate(key, "agencyOf", state, draft.span_of(a, b), "rule:joint-body", 0.6)
                break

