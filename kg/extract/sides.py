"""Whom officials act for when no title next to their name says it.

Runs after ``people`` and ``occasions``: a delegation an official leads ("X led the Indian
delegation"), the officials who accompany another, the other side of a two-sided occasion, the department a title's portfolio
names, the one international organisation of a readout, and the officials gazetteer (the
post a known person held on the article's date).
"""

from __future__ import annotations

import re

from .bodies import ensure_country
from .draft import Draft, DraftEntity
from .gazetteer import Person, normalise_name
from .occasion_facts import dateline_capital, official_at, sentence_event

__all__ = ["read_delegations", "companions", "represents_by_pairing", "read_portfolios",
           "tie_international_officials", "known_officials"]


def read_delegations(draft: Draft) -> None:
    """"X led the Indian delegation while the New Zealand side was led by Y": each clause
    that has an official, a country and a verb of leading or representing says whom the
    official stands for, and that the official took part in the occasion at hand."""
    for sent_n, sent in enumerate(draft.sents):
        if not re.search(r"\b(?:led|leads|lead|headed|heads|represented|represents)\b", sent.text):
            continue
        bounds = [sent.start_char] + [sent.start_char + m.start() for m in
                                       re.finditer(r"\bwhile\b|\bwhereas\b|;|, and\b", sent.text)] + [sent.end_char]
        for lo, hi in zip(bounds, bounds[1:]):
            clause = draft.text[lo:hi]
            if not re.search(r"\b(?:led|leads|lead|headed|heads|represented|represents)\b", clause):
                continue
            inside = [draft.by_mention.get(id(m)) for m in draft.mentions
                      if lo <= draft.doc[m.start].idx < hi and draft.by_mention.get(id(m)) in draft.ents]
            officials = [k for k in dict.fromkeys(inside) if draft.ents[k].type == "Official"]
            countries = [k for k in dict.fromkeys(inside) if draft.ents[k].type == "Country"]
            if len(countries) != 1 or not officials:
                continue
            officials = [o for o in officials if _leads_for(draft, lo, hi, o, countries[0])]
            ev = draft.span_of(sent.start_char, sent.end_char)
            event = sentence_event(draft, sent_n)
            for o in officials:
                if not any(s == o and p == "represents" for (s, p, _) in draft.rels):
                    draft.relate(o, "represents", countries[0], ev, "rule:leads-delegation", 0.75)
                if event and not any(p == "participant" and ob == o for (_, p, ob) in draft.rels):
                    draft.relate(event, "participant", o, ev, "rule:leads-delegation", 0.65)


_LEADING = ("lead", "head", "represent")


def _leads_for(draft: Draft, lo: int, hi: int, official: str, country: str) -> bool:
    """Whether, in the clause ``lo:hi``, the official and the country hang on one verb of
    leading or representing ("X led the Ruritanian side", "Ruritania was represented by X").
    A state that is the subject of its own clause inside what the official says is no side
    of the official ("Ruritania leads the world in trade, X said"). Without a parse, the
    clause is enough."""
    doc = draft.doc
    if not doc.has_annotation("DEP"):
        return True
    verbs = [t for t in doc.char_span(lo, hi, alignment_mode="expand") or ()
             if t.lemma_.lower() in _LEADING and t.pos_ in ("VERB", "AUX")]

    def tokens(key: str) -> set[int]:
        out = set()
        for start, end in draft.ents[key].spans:
            if lo <= start < hi:
                span = doc.char_span(start, end, alignment_mode="expand")
                out |= {t.i for t in span} if span is not None else set()
        return out

    people, states = tokens(official), tokens(country)
    for verb in verbs:
        below = {t.i for t in verb.subtree}
        if not people & below and not (verb.dep_ in ("relcl", "acl") and verb.head.i in people):
            continue  # "X, who heads the Ruritanian side, ...": the clause hangs on the person
        country_tok = [doc[i] for i in states & below]
        if any(_subject_of(doc[i], verb) for i in states & below):
            continue  # "Ruritania leads the world ..., X said"
        if country_tok or (verb.dep_ == "acl" and states & {t.i for t in verb.head.subtree}):
            return True  # "the Ruritanian delegation, led by X": the verb hangs on the side it names
    return False


def _subject_of(tok, verb) -> bool:
    """Whether ``tok`` heads (or modifies) the active subject of ``verb``."""
    while tok.i != verb.i and tok.head.i != tok.i:
        if tok.head.i == verb.i:
            return tok.dep_ == "nsubj"
        tok = tok.head
    return False


def companions(draft: Draft) -> None:
    """"X was accompanied by A and B", "X, accompanied by A, held talks", "A and B accompanied
    X": officials who accompany another travel in that official's delegation. One with no
    state of its own stands for the state the official it accompanies represents, and takes
    part in the occasions that official takes part in in the sentence (or in the story's one
    visit of that official). Only people: "talks accompanied by protests" say nothing."""
    if not draft.doc.has_annotation("DEP"):
        return
    for tok in draft.doc:
        if tok.lemma_.lower() != "accompany" or tok.pos_ not in ("VERB", "AUX", "ADJ"):
            continue
        principal, party = _accompanied(tok)
        if principal is None or party is None:
            continue
        lead = official_at(draft, principal.i)
        if lead is None:
            continue
        sent_n = draft.sent_of(tok.i)
        sent = draft.sents[sent_n]
        ev = draft.span_of(sent.start_char, sent.end_char)
        inside = range(party.left_edge.i, party.right_edge.i + 1)
        people = [k for k in dict.fromkeys(official_at(draft, i) for i in inside) if k is not None and k != lead]
        states = [c for (s, p, c) in draft.rels if s == lead and p == "represents"]
        occasions = _occasions_of(draft, lead, sent_n)
        for person in people:
            if len(states) == 1 and not any(s == person and p == "represents" for (s, p, _) in draft.rels):
                draft.relate(person, "represents", states[0], ev, "rule:accompanies", 0.6)
            for key in occasions:
                draft.relate(key, "participant", person, ev, "rule:accompanies", 0.6)


def _accompanied(verb) -> tuple:
    """The token of whom is accompanied and the head of the party accompanying, or Nones."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:  # the passive: "X was accompanied by A", "X, accompanied by A, ..."
        party = next((c for c in agent.children if c.dep_ == "pobj"), None)
        principal = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if principal is None and verb.dep_ in ("acl", "relcl"):
            principal = verb.head
        elif principal is None and verb.dep_ == "advcl":
            principal = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return principal, party
    party = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    principal = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return principal, party


def _occasions_of(draft: Draft, official: str, sent_n: int) -> list[str]:
    """The occasions an official takes part in that sentence ``sent_n`` speaks of; else the
    story's one visit in which the official takes part."""
    said = [k for k in draft.events_by_sent.get(sent_n, []) if k in draft.ents]
    here = sentence_event(draft, sent_n)
    if here is not None:
        said.append(here)
    joined = [k for k in dict.fromkeys(said) if (k, "participant", official) in draft.rels]
    if joined:
        return joined
    visits = [k for k in draft.event_order if k in draft.ents and draft.ents[k].kind == "Visit"
              and (k, "participant", official) in draft.rels]
    return visits if len(visits) == 1 else []


def represents_by_pairing(draft: Draft) -> None:
    """In a two-country occasion or instrument, an official with no country stands for the other one.

    An agency-feed dateline ("New Delhi [India], July 8 :") names the side the story is filed
    from: when an occasion has one known state and the dateline names another, that is the
    second side ("EAM Jaishankar held talks with his Russian counterpart Lavrov").
    """
    filed_from = [k for k, e in draft.ents.items() if e.type == "Country"
                  and any(start < draft.dateline_end for start, _ in e.spans)]
    capital = dateline_capital(draft)
    if not filed_from and capital is not None:
        filed_from = [f"country/{capital[1]}"]  # "OTTAWA, May 2 (Reuters) -": Canada's capital
    for key in draft.event_order + draft.agreement_order:
        if key not in draft.ents:
            continue
        parts = {o for (s_, p, o) in draft.rels if s_ == key and p in ("participant", "party", "signatory")}
        officials = [o for o in parts if draft.ents[o].type == "Official"]
        countries = {o for o in parts if draft.ents[o].type == "Country"} | {
            c for (s_, p, c) in draft.rels if p == "represents" and s_ in officials and draft.ents[c].type == "Country"}
        if len(countries) == 1 and len(filed_from) == 1 and filed_from[0] not in countries:
            ensure_country(draft, filed_from[0].split("/")[1])
            countries = countries | set(filed_from)
        if len(countries) != 2:
            continue
        taken = {c for (s, p, c) in draft.rels if p == "represents" and s in officials}
        loose = [o for o in officials if not any(s == o and p == "represents" for (s, p, _) in draft.rels)]
        if len(loose) == 1 and len(taken) == 1:
            (other,) = countries - taken
            ev = next((v[0] for (s_, p, o), v in draft.rels.items() if s_ == key and o == loose[0]), None)
            draft.relate(loose[0], "represents", other, ev, "rule:two-sided-occasion", 0.6)


def read_portfolios(draft: Draft) -> None:
    """"Secretary of State" works in the "Department of State", "Treasury Secretary" in the
    "Department of the Treasury", when the article names that body: the title's portfolio
    words all stand in the body's name, and no other body of the article matches."""
    plain = {"of", "the", "for", "and", "on", "to", "special", "deputy", "under", "assistant", "vice", "senior",
             "chief", "permanent", "general", "principal", "acting", "first", "second", "state's"}
    heads = draft.gaz.cue("title_heads") | draft.gaz.cue("agency_heads")
    agencies = {k: {w for w in re.split(r"[\s\-()]+", e.name.lower()) if w and w not in plain and w not in heads}
                | ({"state"} if "state" in e.name.lower().split() else set())
                for k, e in draft.ents.items() if e.type == "Agency"}
    for (s_, n, title), (ev, _, _) in list(draft.attrs.items()):
        if n != "jobTitle":
            continue
        words = {w for w in re.split(r"[\s\-()]+", title.lower()) if w and w not in plain and w not in heads}
        if "secretary of state" in title.lower() or title.lower() == "state secretary":
            words = {"state"}
        if not words:
            continue
        matches = [k for k, names in agencies.items() if words <= names]
        own = {o for (a, p, o) in draft.rels if a == s_ and p == "represents" and draft.ents[o].type == "Country"}
        if len(matches) > 1 and own:  # two states' foreign ministries: the one of the official's state
            matches = [k for k in matches if {o for (a, p, o) in draft.rels if a == k and p == "agencyOf"} & own]
        if len(matches) != 1:
            continue
        agency = matches[0]
        countries = {o for (a, p, o) in draft.rels if a == agency and p == "agencyOf"}
        if len(countries) > 1 and not own:
            continue  # a body of two states says nothing of which one the official serves
        if own and countries and not own & countries:
            continue  # the body of another state
        draft.relate(s_, "memberOf", agency, ev, "rule:title-portfolio", 0.6)
        for c in sorted(countries) if not own else ():
            draft.relate(s_, "represents", c, ev, "rule:title-portfolio", 0.6)


def tie_international_officials(draft: Draft) -> None:
    """A "Secretary-General" or "Special Envoy" of the only international organisation the
    article names acts for it (a UN readout's "the Secretary-General")."""
    records = [(k, draft.gaz.record("Organization", k.split("/", 1)[1])) for k, e in draft.ents.items()
               if e.type == "Organization"]
    tops = [k for k, rec in records if rec is not None and rec.parent is None]
    if len(tops) != 1:
        return
    for (s_, n, title), (ev, _, _) in list(draft.attrs.items()):
        if n == "jobTitle" and draft.gaz.title_categories.get(title.lower()) == "international_official" and \
                not any(a == s_ and p == "represents" for (a, p, _) in draft.rels):
            draft.relate(s_, "represents", tops[0], ev, "rule:sole-organisation", 0.6)
            draft.relate(s_, "memberOf", tops[0], ev, "rule:sole-organisation", 0.6)
    # "The Secretary-General met today in Bern with ...": an unnamed holder takes the body along
    people = {i for m in draft.mentions if m.type == "Official" for i in range(m.start, m.end)}
    for sent_n, event in draft.verb_events.items():
        for tok in draft.sents[sent_n]:
            if tok.dep_ != "nsubj" or tok.head.lemma_.lower() not in ("meet", "visit", "host", "hold", "speak"):
                continue
            words = [t for t in tok.subtree if t.lower_ not in ("the", "a")]
            title = draft.doc[words[0].i:words[-1].i + 1].text.lower() if words else ""
            if draft.gaz.title_categories.get(title) == "international_official" and not people & {t.i for t in words}:
                draft.relate(event, "participant", tops[0], draft.span_of(draft.sents[sent_n].start_char,
                                                                          draft.sents[sent_n].end_char),
                             "rule:sole-organisation", 0.6)


def known_officials(draft: Draft) -> None:
    """Officials of the gazetteer (``officials.jsonl``) act for the body of the post they held
    on the article's date: "President Donald Trump" in 2019 for the United States. A full name
    or full alias is enough; a surname alone needs a title the article gives it that matches
    one of the person's posts, and one such person. Only a body the article names is used,
    and a state the text already gave the person is never overruled."""
    day = draft.article.date
    for key, ent in list(draft.ents.items()):
        if ent.type != "Official":
            continue
        person = draft.gaz.person(ent.name)
        if person is not None:
            ent.identifiers = [("officials", person.id)] + ([("wikidata", person.wikidata)] if person.wikidata else [])
            method = "gazetteer:officials-name"
        else:
            person = _by_surname_and_title(draft, key, ent)
            method = "gazetteer:officials-title"
        if person is None or any(s == key and p == "represents" for (s, p, _) in draft.rels):
            continue
        bodies = person.bodies(day)
        if len(bodies) != 1:
            continue
        (body,) = bodies
        target = f"country/{body}" if body.isupper() else f"organization/{body}"
        if target in draft.ents:
            start, end = min(ent.spans)
            draft.relate(key, "represents", target, draft.span_of(start, end), method,
                         0.8 if method.endswith("name") else 0.7)


def _by_surname_and_title(draft: Draft, key: str, ent: DraftEntity) -> Person | None:
    words = ent.name.split()
    if len(words) != 1 or draft.article.date is None:
        return None
    titles = {draft.gaz.titles.get(v.lower(), v).lower() for (s, n, v) in draft.attrs if s == key and n == "jobTitle"}
    if not titles:
        return None
    found = [draft.gaz.people[i] for i in draft.gaz.people_by_surname.get(normalise_name(words[0]), ())]
    found = [p for p in found if any(post.held_on(draft.article.date) and
                                     draft.gaz.titles.get(post.title.lower(), post.title).lower() in titles
                                     for post in p.posts)]
    return found[0] if len(found) == 1 else None
