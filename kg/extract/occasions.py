"""Occasions: events, where they were held, when, and who took part.

Takes a ``Draft`` with its officials; adds Event entities for named occasions ("the Madrid
Summit"), common nouns ("the meeting", "a phone call") and verbs of meeting ("X and Y met"),
with ``participant``, ``chair`` and ``location`` relations, Location entities and
``startDate``/``endDate`` attributes. "The dialogue" points back to the last dialogue.
"""

from __future__ import annotations

import datetime as dt
import re

from ..model import Span
from .bodies import ensure_country, qualifiers, strip_qualifiers
from .dates import find_dates
from .draft import Draft, DraftEntity, determiner, inside_mention, modifiers_start, slug
from .spans import Mention

__all__ = ["acts_in", "GROUP_RE", "find_events", "has_trigger", "new_event", "note_event", "officials_in", "participants",
           "participant_list", "event_place", "sentence_event", "propagate_participants"]

GROUP_RE = re.compile(r"\b(?:the\s+)?(?:two|both)\s+(?:leaders|sides|ministers|dignitaries|co-chairs|officials|delegations)\b"
                      r"|\bthe\s+(?:leaders|co-chairs)\b", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"^\s*(?:to|until|till|through|and|-|–|—)\s*$", re.IGNORECASE)
_ABSENT = re.compile(r"\b(?:did not|didn't|will not|won't|does not|do not|not to)\s+(?:attend|join|take part|travel|go)\b"
                     r"|\b(?:skipped|stayed away from|absent from|boycotted|pulled out of)\b", re.IGNORECASE)
_FUTURE = re.compile(r"\b(?:will|to be held|next|upcoming|planned|scheduled|shall)\b", re.IGNORECASE)


def has_trigger(draft: Draft, sent) -> bool:
    """Whether a sentence has a verb of meeting or signing."""
    verbs = draft.gaz.cue("meeting_verbs") | draft.gaz.cue("signing_verbs")
    return any(t.lemma_.lower() in verbs or t.lower_ in ("met", "meets", "signed") for t in sent)


def new_event(draft: Draft, name: str, kind: str | None, method: str, conf: float) -> DraftEntity:
    """An occasion of its own, numbered in the order found."""
    draft.counter += 1
    return draft.entity(f"event/{draft.counter}", "Event", name, kind=kind, method=method, confidence=conf)


def _mention_core(draft: Draft, m: Mention) -> str:
    """The words of a name that are not the countries in it: "3rd India-New Zealand
    Foreign Office Consultations" and "3rd Foreign Office Consultations between India and
    New Zealand" share the core "3rd foreign office consultations"."""
    countries = {i for q in draft.inner if q.type == "Country" and m.start <= q.start and q.end <= m.end
                 for i in range(q.start, q.end)}
    words = [t.lower_ for t in draft.doc[m.start:m.end] if t.i not in countries and not t.is_punct
             and t.lower_ not in ("the", "between", "and", "of") and not draft.gaz.country_of(t.text)]
    return " ".join(words)


_ROUND = re.compile(r"\d+(?:st|nd|rd|th)|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth")


def find_events(draft: Draft) -> None:
    """Occasions named, named by a common noun, or told by a verb of meeting, with what each
    sentence that mentions them says; an unnamed occasion with nobody taking part and no
    place and date is dropped."""
    event_kinds = draft.gaz.cues.get("event_heads", {})
    non_events = draft.gaz.cue("non_event_nouns")
    cores: dict[str, str] = {}
    for m in [m for m in draft.mentions if m.type == "Event"]:
        name = strip_qualifiers(draft, m)
        core = _mention_core(draft, m)
        key = cores.get(core) or next((k for c, k in cores.items() if c.endswith(core) or core.endswith(c)), None)
        if key is None and m.end - m.start == 1:  # "the hemispheric Summit": the summit named before
            key = next((k for k in reversed(draft.event_order) if draft.ents[k].kind == m.kind), None)
        if key is None:
            ent = new_event(draft, name, m.kind, "rule:named-event", 0.9)
            cores[core] = ent.key
        else:
            ent = draft.ents[key]
            if len(name) > len(ent.name) and "between" not in name:
                ent.name = name
        draft.link(m, ent)
        span = draft.doc[m.start:m.end]
        ent.add(span.text, span.start_char, span.end_char)
        note_event(draft, draft.sent_no(m), ent.key)
        for code in qualifiers(draft, m):
            draft.relate(ent.key, "participant", ensure_country(draft, code), draft.tok_span(m), "rule:event-name-country", 0.85)
        for q in draft.inner:  # "the Madrid Summit": the city in an occasion's name is where it was held
            if q.role == "capital" and m.start <= q.start and q.end <= m.end:
                place = draft.doc[q.start:q.end]
                loc = draft.entity(f"location/{slug(place.text)}", "Location", place.text,
                                  method="rule:city-in-event-name", confidence=0.7)
                loc.add(place.text, place.start_char, place.end_char)
                draft.relate(ent.key, "location", loc.key, draft.tok_span(m), "rule:city-in-event-name", 0.7)
    # events named by a common noun ("the meeting", "an official visit", "a phone call"); "the
    # visit" with no earlier visit waits until the verbs have been read ("X visits Washington"
    # in the headline, "during his visit" below)
    waiting = []
    event_kinds = draft.gaz.cues.get("event_heads", {})
    for sent_n, sent in enumerate(draft.sents):
        for i in range(sent.start, sent.end):
            if draft.lower[i] in event_kinds and not _noun_event(draft, sent_n, draft.doc[i], final=False):
                waiting.append((sent_n, draft.doc[i]))
    # events described only by a verb ("X and Y met", "spoke by phone")
    for sent_n, sent in enumerate(draft.sents):
        lemmas = draft.lemma[sent.start:sent.end]
        talk = any(w in ("talks", "phone", "telephone", "call") for w in draft.lower[sent.start:sent.end])
        triggers = [draft.doc[sent.start + j] for j, lemma in enumerate(lemmas)
                    if lemma in ("meet", "visit", "host") or (talk and lemma in ("hold", "speak"))]
        # "During his visit, X also met Y": the verb, not the noun, tells what happened
        trigger = next((t for t in triggers if t.pos_ in ("VERB", "AUX")), triggers[0] if triggers else None)
        if trigger is None or not officials_in(draft, sent_n):
            continue
        if _FUTURE.search(sent.text) and not [d for d in find_dates(sent.text, draft.article.date, future=True)
                                              if sent.start_char + d.start >= draft.dateline_end]:
            continue  # "Modi will visit Russia next week": a plan without a day is no occasion yet
        if draft.events_by_sent.get(sent_n):
            if _occasion_of_verb(draft, trigger, sent_n):
                continue
            if not _during(draft, sent_n):
                # the sentence names another occasion only in passing ("to discuss ... the Summit in July")
                draft.events_by_sent[sent_n] = []
        kind = "Visit" if trigger.lemma_.lower() == "visit" else "Call" if any(
            w.lower_ in ("phone", "telephone") for w in sent) else "Meeting"
        earlier = _same_meeting(draft, sent_n, kind)
        if earlier:
            note_event(draft, sent_n, earlier)  # "the Meeting of X and Y" in the headline, "X and Y met" below
            draft.verb_events[sent_n] = earlier
            continue
        ent = new_event(draft, kind.lower(), kind, "rule:meeting-verb", 0.65)
        note_event(draft, sent_n, ent.key)
        draft.verb_events[sent_n] = ent.key
    for sent_n, tok in waiting:
        _noun_event(draft, sent_n, tok, final=True)
    for sent_n, keys in sorted(draft.events_by_sent.items()):
        # the occasion a meeting verb reports comes first: "Today X and Y met in the margins of
        # the G7 Summit" dates the meeting, not the summit
        sent = draft.sents[sent_n]
        first = min(keys, key=lambda k: min((a for a, _ in draft.ents[k].spans if sent.start_char <= a < sent.end_char),
                                            default=sent.end_char), default=None)
        main = draft.verb_events.get(sent_n) or first  # else the occasion the sentence names first
        for key in keys:
            _event_facts(draft, sent_n, key, primary=(key == main))
    for key in list(draft.event_order):
        ent = draft.ents[key]
        placed = any(s_ == key and p == "location" for (s_, p, _) in draft.rels) and (
            ent.kind == "SigningCeremony" or any(s_ == key and n == "startDate" for (s_, n, _) in draft.attrs))
        in_series = any(k == key for k, _, _ in draft.series)
        if ent.method != "rule:named-event" and not participants(draft, key) and not placed and not in_series:
            del draft.ents[key]
            draft.event_order.remove(key)
            continue
        if ent.method != "rule:named-event":
            ent.name = _describe(draft, key, ent)
    venues = {o for (s_, p, o) in draft.rels if p == "location" and s_ in draft.ents}
    for key in [k for k, e in draft.ents.items() if e.type == "Location" and k not in venues]:
        del draft.ents[key]  # the venue of an occasion that was dropped


def _during(draft: Draft, sent_n: int) -> bool:
    """"met on the sidelines of the G7 Summit": the summit is an occasion the people also attend."""
    sent = draft.sents[sent_n]
    return bool(re.search(r"\b(?:margins|sidelines|side-lines|fringes) of\b", sent.text))


def _same_meeting(draft: Draft, sent_n: int, kind: str) -> str | None:
    """A meeting named in the sentence before whose name holds the people of this sentence.
    A meeting is not the visit it was held during ("X visits Washington", then "X met Y")."""
    people = [draft.ents[o] for o in officials_in(draft, sent_n)]
    kinds = ("Meeting", "Talks", "Call", "Visit") if kind != "Meeting" else ("Meeting", "Talks", "Call")
    for key in reversed(draft.event_order):
        ent = draft.ents[key]
        if ent.kind not in kinds or not ent.sentences or \
                not sent_n - 1 <= max(ent.sentences) <= sent_n:
            continue
        names = " ".join([ent.name, *ent.aliases])
        before = {o for n in ent.sentences if n != sent_n for o in officials_in(draft, n)}
        here = {p.key for p in people}
        words = set(re.findall(r"\w+", names))
        named = sum(any(w in words for w in p.name.split() if len(w) > 2 and w[0].isupper()) for p in people)
        if named >= 2 or len(before & here) >= 2 or (here and here <= before and not _bodies_in(draft, sent_n)):
            return key  # the same people; "X also met Z" or "X met members of the Senate" is another meeting
    return None


def _owner_of(draft: Draft, of, sent_n: int):
    """The noun an "of" belongs to; for "members of A and of B", the "members" of the first."""
    if of.dep_ != "conj":
        return of.head
    earlier = [t for t in draft.doc[draft.sents[sent_n].start:of.i] if t.lower_ == "of" and t.dep_ == "prep"]
    return earlier[-1].head if earlier else of.head


def _met_through_members(noun) -> bool:
    """"met with members of X", "held talks with a delegation of X": X takes part through people the text does not name."""
    while noun.dep_ == "conj" and noun.head is not noun:
        noun = noun.head
    return noun.lower_ in ("members", "representatives", "delegation", "delegations", "officials", "leaders",
                           "leadership") and noun.dep_ == "pobj" and noun.head.lower_ in ("with", "between")


def _bodies_in(draft: Draft, sent_n: int) -> bool:
    return any(m.type in ("Agency", "Organization") and draft.sent_no(m) == sent_n for m in draft.mentions)


def _occasion_of_verb(draft: Draft, trigger, sent_n: int) -> bool:
    """Whether an event named in the sentence is the occasion the verb reports: named
    before the verb, or right after it ("met in New Delhi to co-chair the Dialogue"),
    not inside what was discussed."""
    for key in draft.events_by_sent.get(sent_n, []):
        for start, _ in draft.ents[key].spans:
            tok = draft.doc.char_span(start, start + 1, alignment_mode="expand")
            if tok is None or draft.sent_of(tok.start) != sent_n:
                continue
            i = tok.start
            lead = draft.text[max(draft.sents[sent_n].start_char, start - 30):start].lower()
            if re.search(r"\b(?:margins|sidelines|side-lines|fringes) of\s+(?:the\s+)?$", lead):
                continue  # "met on the sidelines of the Summit": a meeting of its own, during it
            if re.search(r"\b(?:following|after|before|ahead of|since|prior to)\s+(?:the|this|that|their|its)?\s*"
                         r"(?:\w+\s+)?$", lead):
                continue  # "Following the ceremony, X and Y held talks": an earlier occasion
            between = draft.doc[trigger.i:i].text.lower()
            if any(w in between for w in ("discuss", "about", " on ")):
                continue  # "met to discuss the Summit": the subject of the talks
            if i < trigger.i or i - trigger.i <= 12:
                return True
            if draft.doc.has_annotation("DEP") and trigger.is_ancestor(draft.doc[i]):
                return True  # "hosted X ... for an official visit": the verb's own occasion
    return False


def _eventish(draft: Draft, tok) -> bool:
    window = draft.doc[max(0, tok.i - 3):tok.i + 3].text.lower()
    return any(w in window for w in ("phone", "telephone", "video", "signing", "bilateral", "plenary", "official", "state"))


def note_event(draft: Draft, sent_n: int, key: str) -> None:
    """That sentence ``sent_n`` speaks of the occasion ``key``."""
    bucket = draft.events_by_sent.setdefault(sent_n, [])
    if key not in bucket:
        bucket.append(key)
    if key not in draft.event_order:
        draft.event_order.append(key)
    draft.ents[key].sentences.add(sent_n)


def _noun_event(draft: Draft, sent_n: int, tok, *, final: bool) -> bool:
    """An occasion a common noun names: a new one, or the one it points back to. Returns False
    when a definite noun ("the visit") found nothing to point to and ``final`` is not set."""
    event_kinds = draft.gaz.cues.get("event_heads", {})
    low = tok.lower_
    if low not in event_kinds or tok.text[:1].isupper() or inside_mention(draft, tok.i):
        return True
    sent = draft.sents[sent_n]
    non_events = draft.gaz.cue("non_event_nouns")
    if draft.doc.has_annotation("TAG") and tok.pos_ == "VERB":
        return True  # "will visit Russia": the verb rules below read it
    phrase = draft.doc[max(sent.start, tok.i - 2):tok.i + 1].text.lower()
    if any(phrase.endswith(n) for n in non_events):
        return True
    if low in ("call", "round", "session", "assembly", "forum", "signing", "gathering") and not _eventish(draft, tok):
        return True
    det = determiner(draft, tok)
    before = draft.doc[max(sent.start, tok.i - 3):tok.i].text.lower()
    distinct = any(w in before for w in ("previous", "last", "next", "earlier", "first", "second", "another")) or \
        _other_round(draft, tok, sent.start)
    if det in ("the", "this", "that", "poss") and not distinct:
        target = _recent_event(draft, event_kinds[low], sent_n)
        if target:
            note_event(draft, sent_n, target)
            draft.ents[target].add(tok.text, tok.idx, tok.idx + len(tok.text))
            return True
        if not final:
            return False
        told_next = [k for k in draft.event_order if k in draft.ents and draft.ents[k].kind == event_kinds[low]
                     and min(draft.ents[k].sentences, default=-1) > sent_n and all(
                         sum(t.is_alpha for t in draft.sents[n]) < 6  # only a dateline or a date between
                         for n in range(sent_n + 1, min(draft.ents[k].sentences)))]
        told_next.sort(key=lambda k: min(draft.ents[k].sentences))
        if told_next:  # a headline's "the meeting between A and B", told in the sentences after it
            note_event(draft, sent_n, told_next[0])
            draft.ents[told_next[0]].add(tok.text, tok.idx, tok.idx + len(tok.text))
            return True
    if "next" in before and not find_dates(sent.text, None):
        return True  # a planned occasion without a date is not yet an event
    earlier_here = [k for k in draft.events_by_sent.get(sent_n, []) if k in draft.ents and any(
        sent.start_char <= a < tok.idx for a, _ in draft.ents[k].spans)]
    if earlier_here and det not in ("a", "an", "owner") and not distinct:
        return True  # "the Summit ... the meeting": the occasion named first is the one meant
    start = modifiers_start(draft, tok.i, sent.start)
    series = _recent_event(draft, event_kinds[low], sent_n) if distinct else None
    if series:  # "previous round of consultations", not a second "consultations"
        start = min(start, next((t.i for t in draft.doc[max(sent.start, tok.i - 3):tok.i]
                                 if t.lower_ in ("previous", "last", "next", "earlier", "first", "second", "another")),
                                start))
    ent = new_event(draft, draft.doc[start:tok.i + 1].text, event_kinds[low], "rule:event-noun", 0.7)
    ent.add(draft.doc[start:tok.i + 1].text, draft.doc[start].idx, tok.idx + len(tok.text))
    note_event(draft, sent_n, ent.key)
    ent.sentences.add(sent_n)
    if series:  # "the previous round": another occasion of the same series, between the same states
        draft.series.append((ent.key, series, draft.span_of(sent.start_char, sent.end_char)))
    return True


def _other_round(draft: Draft, tok, floor: int) -> bool:
    """"the 9th meeting" after "the 8th meeting": a numbered round other than those named so far."""
    number = next((t.lower_ for t in draft.doc[max(floor, tok.i - 2):tok.i] if _ROUND.fullmatch(t.lower_)), None)
    if number is None:
        return False
    named = " ".join(" ".join([e.name, *e.aliases]).lower() for k, e in draft.ents.items() if e.type == "Event")
    return not re.search(rf"\b{re.escape(number)}\b", named)


def _recent_event(draft: Draft, kind: str, sent_n: int) -> str | None:
    candidates = [k for k in draft.event_order if k in draft.ents and min(draft.ents[k].sentences, default=sent_n) <= sent_n]
    same = [k for k in candidates if draft.ents[k].kind == kind]
    pick = same or ([k for k in candidates] if kind in ("Meeting", "Talks", "Consultation", "Dialogue") else [])
    return pick[-1] if pick else None


def officials_in(draft: Draft, sent_n: int) -> list[str]:
    """The officials a sentence names, in the order named."""
    out = []
    for m in draft.mentions:
        key = draft.by_mention.get(id(m))
        if key in draft.ents and draft.ents[key].type == "Official" and draft.sent_no(m) == sent_n:
            out.append(key)
    return list(dict.fromkeys(out))


def participants(draft: Draft, key: str) -> set[str]:
    """Who took part in an occasion."""
    return {o for (s, p, o) in draft.rels if s == key and p == "participant"}


def participant_list(draft: Draft, key: str) -> list[str]:
    """The participants in the order they were found, so that output does not depend on hashing."""
    return [o for (s, p, o) in draft.rels if s == key and p == "participant"]


_REACTING = {"welcome", "congratulate", "praise", "commend", "condemn", "hail", "applaud", "deplore", "regret",
             "salute", "urge", "encourage"}


def acts_in(draft: Draft, official: str, sent_n: int) -> bool:
    """Whether an official named in the sentence takes part in what it reports: not the owner
    of someone else's post ("President Obama's Special Representatives") and not who only
    reacts to it ("the Secretary-General welcomed the signing")."""
    sent = draft.sents[sent_n]
    for start, end in draft.ents[official].spans:
        if not sent.start_char <= start < sent.end_char:
            continue
        span = draft.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return True
        after = span.end
        if after < len(draft.doc) and draft.doc[after].text in ("'s", "’s"):
            continue
        root = span.root
        while root.dep_ == "conj" and root.head is not root:
            root = root.head
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in _REACTING | _REPORTING and \
                not has_trigger(draft, sent):
            continue
        if root.dep_ == "nsubj" and root.head.lemma_.lower() in _REACTING:
            continue
        return True
    return False


def _event_facts(draft: Draft, sent_n: int, key: str, *, primary: bool = True) -> None:
    sent = draft.sents[sent_n]
    ent = draft.ents[key]
    ev = draft.span_of(sent.start_char, sent.end_char)
    said = any(t.lemma_ in ("say", "add", "state") and t.dep_ in ("ROOT",) for t in sent)
    officials = [o for o in officials_in(draft, sent_n) if acts_in(draft, o, sent_n)]
    if _ABSENT.search(sent.text):
        officials = []  # "X and Y did not attend the summit"
    group = GROUP_RE.search(sent.text)
    for o in officials:
        if said and len(officials) == 1 and not has_trigger(draft, sent):
            continue
        draft.relate(key, "participant", o, ev, "rule:same-sentence", 0.7)
    if _has_chair(draft, sent):
        for o in officials:
            draft.relate(key, "chair", o, ev, "rule:chair-verb", 0.8)
        if group and not officials:
            for o in participant_list(draft, key):
                if draft.ents[o].type == "Official":
                    draft.relate(key, "chair", o, ev, "rule:chair-group", 0.6)
    # bodies and countries acting as the actors of a meeting verb
    for m in draft.mentions:
        if draft.sent_no(m) != sent_n or m.type not in ("Country", "Organization", "Agency"):
            continue
        tk = draft.by_mention.get(id(m))
        if tk not in draft.ents:
            continue
        tok = draft.doc[m.end - 1]
        while tok.dep_ == "conj" and tok.head is not tok:
            tok = tok.head  # "India and the United States held": the first conjunct carries the role
        head = tok.head
        if tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in ("meet", "hold", "visit", "host", "co-chair",
                                                                             "chair", "attend", "convene", "speak"):
            draft.relate(key, "participant", tk, ev, "rule:subject-of-meeting-verb", 0.65)
        elif tok.dep_ == "pobj" and head.lower_ in ("between", "with") and draft.ents[tk].type != "Country":
            draft.relate(key, "participant", tk, ev, "rule:actor-of-meeting", 0.6)
        elif tok.dep_ == "pobj" and head.lower_ == "of" and _met_through_members(_owner_of(draft, head, sent_n)):
            draft.relate(key, "participant", tk, ev, "rule:members-met", 0.6)  # "met with members of the Senate"
        elif tok.dep_ == "pobj" and head.lower_ == "between" and any(
                st <= head.head.idx < en for st, en in draft.ents[key].spans):
            # "the Consultations between India and New Zealand"
            draft.relate(key, "participant", tk, ev, "rule:between-countries", 0.6)
    event_place(draft, sent, sent_n, key, ev, near_only=not primary)
    if primary and not any(n for (s, n, v) in draft.attrs if s == key and n == "startDate"):
        dates = [d for d in find_dates(sent.text, draft.article.date, future=bool(_FUTURE.search(sent.text)))
                 if sent.start_char + d.start >= draft.dateline_end and _current(draft, d.value)
                 and _dates_this(draft, sent.start_char + d.start, draft.ents[key].kind)]
        if dates:
            draft.attribute(key, "startDate", dates[0].value.isoformat(), ev, "rule:date-in-sentence", 0.8)
            if len(dates) > 1 and _RANGE_JOIN.match(sent.text[dates[0].end:dates[1].start]) and dates[1].value > dates[0].value:
                draft.attribute(key, "endDate", dates[1].value.isoformat(), ev, "rule:date-range", 0.8)


_REPORTING = {"announce", "say", "state", "tell", "add", "welcome", "release", "issue", "report", "confirm",
              "note", "declare", "inform", "write", "tweet", "post"}


def _dates_this(draft: Draft, at: int, kind: str | None) -> bool:
    """Whether the date at character ``at`` can date an occasion of ``kind``: not when it hangs
    on a verb of reporting ("today announced that the Dialogue will be held"), and a signing
    verb's date belongs to the signing ("subscribed today ... within the Official Visit")."""
    span = draft.doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None or not draft.doc.has_annotation("DEP"):
        return True
    tok = span[0]
    for _ in range(4):
        if tok.head is tok:
            break
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            lemma = tok.lemma_.lower()
            if lemma in _REPORTING:
                return False
            if lemma in draft.gaz.cue("signing_verbs"):
                return kind == "SigningCeremony"
            return True
    return True


def _current(draft: Draft, day: dt.date) -> bool:
    """A date within five years of the article's: "on the 50th anniversary of ... December 21,
    1972" dates history, not the occasion being reported."""
    return draft.article.date is None or abs((day - draft.article.date).days) <= 5 * 366


def _has_chair(draft: Draft, sent) -> bool:
    return any(t.lemma_.lower() in draft.gaz.cue("chair_verbs") or t.lower_ in ("co-chair", "chaired", "co-chaired", "presided")
               for t in sent) or "co-chair" in sent.text.lower()


def event_place(draft: Draft, sent, sent_n: int, key: str, ev: Span, *, near_only: bool = False) -> None:
    """Where an occasion was held: a place after a preposition of place in its sentence; for
    an occasion the sentence names only in passing, a place right after its name ("the
    Summit in Lima")."""
    for m in draft.places:
        if draft.sent_no(m) != sent_n or draft.in_dateline(m) or (near_only and not _just_before(draft, key, m)):
            continue
        prev = draft.prev_word(m)
        if prev in ("visit", "visits", "visited", "visiting") and draft.ents[key].kind == "Visit":
            prev = "to"  # "Secretary General visits Washington DC": the place visited
        if prev not in draft.gaz.cue("location_preps"):
            continue
        if prev == "to" and (draft.ents[key].kind != "Visit" or not _just_before(draft, key, m)):
            continue  # "travel to Beijing": the place a visit goes to, named right after it
        if m.type == "Country" and m.role != "capital" and not (_just_before(draft, key, m) or _after_venue_verb(draft, m)):
            continue  # "invest in India" is no venue; "the summit in Panama", "held in Chile" are
        name = re.sub(r"^the\s+", "", draft.doc[m.start:m.end].text, flags=re.IGNORECASE)
        loc = draft.entity(f"location/{slug(name)}", "Location", name, method="rule:venue-after-preposition", confidence=0.75)
        draft.link(m, loc)
        draft.relate(key, "location", loc.key, ev, "rule:venue-after-preposition", 0.75)
        if m.ids and m.type == "Country" and (prev == "to" or draft.ents[key].kind == "Visit"):
            # "a visit to Chile", "travel to Beijing": the host state takes part
            draft.relate(key, "participant", ensure_country(draft, m.ids[0]), ev, "rule:host-of-visit", 0.65)


def _after_venue_verb(draft: Draft, m: Mention) -> bool:
    """"met in", "held in", "took place in", "hosted in", "arrived in": a verb of occasions
    right before the preposition."""
    i = m.start - 2
    while i >= 0 and draft.doc[i].pos_ in ("ADV", "PART"):
        i -= 1
    return i >= 0 and draft.doc[i].lemma_.lower() in ("meet", "hold", "take", "host", "arrive", "gather", "convene",
                                                       "visit", "travel", "sign", "place", "stay")


def _just_before(draft: Draft, key: str, m: Mention) -> bool:
    """Whether an event's own mention (or the verb that made it) ends within a few words
    before the mention ``m``."""
    at = draft.doc[m.start].idx
    if m.start > 0 and draft.doc[m.start - 1].lemma_.lower() == "visit" and draft.ents[key].kind == "Visit":
        return True
    return any(0 <= at - end <= 8 for _, end in draft.ents[key].spans)


def _describe(draft: Draft, key: str, ent: DraftEntity) -> str:
    people = [draft.ents[o].name for o in sorted(participants(draft, key)) if draft.ents[o].type == "Official"]
    head = (ent.kind or "meeting").lower() if ent.method == "rule:meeting-verb" else ent.name
    if len(people) >= 2:
        return f"{head} of {people[0]} and {people[1]}"
    places = [draft.ents[o].name for (s, p, o) in draft.rels if s == key and p == "location"]
    bodies = [draft.ents[o].name for o in participant_list(draft, key) if draft.ents[o].type in ("Agency", "Organization")
              and not any((p_, "represents", o) in draft.rels for p_ in participants(draft, key))]
    if len(people) == 1 and bodies:
        return f"{head} of {people[0]} with {bodies[0]}"
    if people and places:
        return f"{head} of {people[0]} {'to' if ent.kind == 'Visit' else 'in'} {places[0]}"
    return head


def sentence_event(draft: Draft, sent_n: int) -> str | None:
    """The occasion a sentence speaks of: one it names, or else the last one named before it."""
    here = [k for k in draft.events_by_sent.get(sent_n, []) if k in draft.ents]
    if here:
        return here[0]
    earlier = [k for k in draft.event_order if k in draft.ents and min(draft.ents[k].sentences) < sent_n]
    return earlier[-1] if earlier else None


def propagate_participants(draft: Draft) -> None:
    """Officials take part for the countries and organisations they represent; a body whose
    meeting it is ("the 8th meeting of the Joint Working Group") takes part, and so do the
    states a joint body belongs to."""
    for key in draft.event_order:
        if key not in draft.ents:
            continue
        for body, ev in _bodies_meeting(draft, key):
            draft.relate(key, "participant", body, ev, "rule:meeting-of-body", 0.7)
            for (a, p, c) in list(draft.rels):
                if a == body and p == "agencyOf":
                    draft.relate(key, "participant", c, ev, "rule:meeting-of-body", 0.65)
        for o in participant_list(draft, key):
            for (s, p, c), val in list(draft.rels.items()):
                if s == o and p == "represents":
                    draft.relate(key, "participant", c, val[0], "rule:participant-represents", 0.75)
    for key, series, ev in draft.series:  # "the previous round": between the same states
        if key in draft.ents and series in draft.ents:
            for o in participant_list(draft, series):
                if draft.ents[o].type in ("Country", "Agency", "Organization"):
                    draft.relate(key, "participant", o, ev, "rule:same-series", 0.55)


def _bodies_meeting(draft: Draft, key: str) -> list[tuple[str, Span]]:
    """Bodies named right after an occasion's noun and "of": "meeting of the JWG", "session of the Council"."""
    found = []
    for start, end in draft.ents[key].spans:
        after = draft.doc.char_span(start, end, alignment_mode="expand")
        if after is None or after.end + 1 >= len(draft.doc) or draft.doc[after.end].lower_ != "of":
            continue
        k = after.end + 1 + (draft.doc[after.end + 1].lower_ == "the")
        for m in draft.mentions:
            body = draft.by_mention.get(id(m))
            if m.start == k and body in draft.ents and draft.ents[body].type in ("Agency", "Organization"):
                found.append((body, draft.span_of(start, draft.doc[m.end - 1].idx + len(draft.doc[m.end - 1].text))))
    return found
