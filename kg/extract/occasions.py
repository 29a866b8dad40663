"""Occasions: the events an article tells of, one per occasion however many sentences speak of it.

Takes a ``Draft`` with its officials; adds Event entities for named occasions ("the Madrid
Summit"), common nouns ("the meeting", "a phone call") and verbs of meeting ("X and Y met"),
with ``participant``, ``chair`` and ``location`` relations, Location entities and
``startDate``/``endDate`` attributes. "The dialogue" points back to the last dialogue.
"""

from __future__ import annotations

import re

from .bodies import ensure_country, qualifiers, strip_qualifiers
from .dates import find_dates
from .draft import Draft, DraftEntity, determiner, inside_mention, modifiers_start, slug
from .occasion_facts import FUTURE, event_facts, lead_sentence, on_sidelines, presents_credentials, officials_in, participant_list, participants, sentence_dates
from .spans import CALENDAR_WORDS, Mention

__all__ = ["find_events", "negated", "new_event", "note_event"]


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


_TOLD_BY = {"Meeting": ("meet", "gather", "convene"), "Visit": ("visit",), "Call": ("phone", "call", "telephone")}
_ANOTHER = ("previous", "last", "next", "earlier", "first", "second", "another")  # "the previous round"
_ROUND = re.compile(r"\d+(?:st|nd|rd|th)|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth")


def find_events(draft: Draft) -> None:
    """Occasions named, named by a common noun, or told by a verb of meeting, with what each
    sentence that mentions them says; an unnamed occasion with nobody taking part and no
    place and date is dropped."""
    event_kinds = draft.gaz.cues.get("event_heads", {})
    cores: dict[str, str] = {}
    for m in [m for m in draft.mentions if m.type == "Event"]:
        name = m.extra.get("name") or strip_qualifiers(draft, m)
        core = slug(m.extra["name"]) if m.extra.get("name") else _mention_core(draft, m)
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
    # events described only by a verb ("X and Y met", "spoke by phone", "X summoned Y's envoy")
    summons = set(draft.gaz.cues.get("summons_verbs", ()))
    for sent_n, sent in enumerate(draft.sents):
        lemmas = draft.lemma[sent.start:sent.end]
        talk = any(w in ("talks", "phone", "telephone", "call") for w in draft.lower[sent.start:sent.end])
        triggers = [draft.doc[sent.start + j] for j, lemma in enumerate(lemmas)
                    if (lemma in ("meet", "visit", "host", "gather", "convene") or lemma in summons or (talk and lemma in ("hold", "speak"))
                        or _received_official(draft, draft.doc[sent.start + j])
                        or _phoned(draft, draft.doc[sent.start + j])
                        or _pair_discussed(draft, draft.doc[sent.start + j])
                        or presents_credentials(draft, draft.doc[sent.start + j]))
                    and draft.doc[sent.start + j].dep_ != "amod"]  # "the visiting minister met": not a visit
        # "During his visit, X also met Y": the verb, not the noun, tells what happened
        trigger = next((t for t in triggers if t.pos_ in ("VERB", "AUX")), triggers[0] if triggers else None)
        if trigger is None or not (officials_in(draft, sent_n) or _states_as_subject(draft, trigger)):
            continue
        if negated(trigger):
            continue  # "X did not meet Y", "X refused to meet Y": no occasion
        if trigger.lemma_.lower() == "host" and any(c.dep_ == "dobj" and c.lower_ in event_kinds for c in trigger.children):
            continue  # "hosted a welcome ceremony", "hosted talks": the noun tells the occasion
        if _pair_discussed(draft, trigger) and any(min(draft.ents[k].sentences, default=sent_n) < sent_n
                                                   for k in draft.event_order):
            continue  # "The leaders also discussed ...": the talks told before, not another occasion
        if (FUTURE.search(sent.text) or _intended(trigger)) and not sentence_dates(draft, sent, future=True):
            continue  # "Modi will visit Russia next week", "invited him to visit": a plan without a day
        if draft.events_by_sent.get(sent_n):
            if _occasion_of_verb(draft, trigger, sent_n):
                continue
            if not on_sidelines(draft, sent_n):
                # the sentence names another occasion only in passing ("to discuss ... the Summit in July")
                draft.events_by_sent[sent_n] = []
        kind = "Visit" if trigger.lemma_.lower() == "visit" else "Call" if _phoned(draft, trigger) or any(
            w.lower_ in ("phone", "telephone") for w in sent) else "Meeting"
        summoned = trigger.lemma_.lower() in summons
        if presents_credentials(draft, trigger):
            earlier = next((k for k in draft.event_order if draft.ents[k].method == "rule:credentials"), None)
            if earlier:  # "After accepting his letter of credence, the ambassador said": the same ceremony
                note_event(draft, sent_n, earlier)
                draft.verb_events[sent_n] = earlier
                continue
            ent = new_event(draft, "presentation of credentials", "Meeting", "rule:credentials", 0.7)
            note_event(draft, sent_n, ent.key)
            draft.verb_events[sent_n] = ent.key
            continue
        welcomed = _welcomed_visitor(draft, trigger, sent_n)
        if welcomed == _NO_OCCASION:
            continue
        earlier = _same_meeting(draft, sent_n, kind) or welcomed
        if earlier:
            note_event(draft, sent_n, earlier)  # "the Meeting of X and Y" in the headline, "X and Y met" below
            draft.verb_events[sent_n] = earlier
            continue
        kind = "Summons" if summoned else kind
        ent = new_event(draft, "summons" if summoned else kind.lower(), kind,
                        "rule:summons" if summoned else "rule:meeting-verb", 0.65)
        note_event(draft, sent_n, ent.key)
        draft.verb_events[sent_n] = ent.key
    for sent_n, tok in waiting:
        _noun_event(draft, sent_n, tok, final=True)
    _attendance_lists(draft)
    for sent_n, keys in sorted(draft.events_by_sent.items()):
        # the occasion a meeting verb reports comes first: "Today X and Y met in the margins of
        # the G7 Summit" dates the meeting, not the summit
        sent = draft.sents[sent_n]
        first = min(keys, key=lambda k: min((a for a, _ in draft.ents[k].spans if sent.start_char <= a < sent.end_char),
                                            default=sent.end_char), default=None)
        main = draft.verb_events.get(sent_n) or first  # else the occasion the sentence names first
        for key in keys:
            event_facts(draft, sent_n, key, primary=(key == main))
    _headline_told_in_the_lead(draft)
    _dated_by_the_lead(draft)
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


def _attendance_lists(draft: Draft) -> None:
    """"Also in attendance were X, Y and Z", "Also present was X", "A and B were represented by
    their envoys": a sentence that names no occasion but lists who attended one belongs to the
    occasion told just before it."""
    phrases = draft.gaz.cue("attendance_phrases")
    if not phrases:
        return
    cue = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")\b",
                     re.IGNORECASE)
    for sent_n, sent in enumerate(draft.sents):
        if draft.events_by_sent.get(sent_n) or not (cue.search(sent.text) or _attended(sent)):
            continue
        if not officials_in(draft, sent_n) and not any(
                m.type in ("Country", "Organization") and draft.sent_no(m) == sent_n for m in draft.mentions):
            continue
        told = [(max(n for n in draft.ents[k].sentences if n < sent_n), k) for k in draft.event_order
                if k in draft.ents and any(n < sent_n for n in draft.ents[k].sentences)]
        if told:
            note_event(draft, sent_n, max(told)[1])


def _headline_told_in_the_lead(draft: Draft) -> None:
    """"Ruritania summons Freedonian envoy" above "Ruritania's foreign ministry summoned
    Freedonia's ambassador on Monday ...": an occasion a verb of the headline tells is the one
    the lead tells, when the kind is the same and they share a participant."""
    lead = lead_sentence(draft)
    if lead is None:
        return
    told = [k for k in draft.verb_events.values() if k in draft.ents and draft.ents[k].sentences
            and min(draft.ents[k].sentences) == lead]
    for key in [k for k in dict.fromkeys(draft.verb_events.values()) if k in draft.ents]:
        ent = draft.ents[key]
        if not ent.sentences or max(ent.sentences) >= lead:
            continue
        same = [k for k in told if draft.ents[k].kind == ent.kind and participants(draft, k) & participants(draft, key)]
        if len(same) == 1:
            draft.merge(key, same[0])


_INTENDING = {"invite", "invitation", "hope", "want", "wish", "seek", "propose", "offer", "ask", "urge", "look",
              "agree", "decide", "promise", "pledge"}
# not "plan" or "expect": "is expected to visit Iraq in April" is a schedule, and counts when dated


def _intended(verb) -> bool:
    """Whether a verb of meeting is only wished for: "invited him to visit", "an invitation to
    visit", "hopes to meet", "looks forward to meeting"."""
    head = verb.head if verb.dep_ in ("xcomp", "acl", "advcl", "pcomp", "ccomp") else None
    if head is not None and head.lower_ == "to" and head.dep_ == "prep":
        head = head.head  # "looks forward to meeting"
    return head is not None and head.i != verb.i and head.lemma_.lower() in _INTENDING


def _phoned(draft: Draft, tok) -> bool:
    """"X called Y", "X telephoned Y", "X phoned Y": a call, when whom the verb reaches is a
    person or a state named by the story; not "called for talks", "called on Y to", "called
    it a mistake"."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in ("call", "phone", "telephone", "ring"):
        return False
    def named(o) -> bool:
        return draft.mention_at(o.i, ("Official", "Country")) is not None

    if any(c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "oprd" and not named(c)) or (c.dep_ == "prt" and c.lower_ != "up")
           for c in tok.children):
        return False  # "called it a mistake", "called off the talks"
    # the parser may take the person called for a predicate ("called President X" as "called it X")
    return any(named(c) for c in tok.children if c.dep_ in ("dobj", "oprd"))


def _attended(sent) -> bool:
    """"Presidents A of X and B of Y attended.": a verb of attending with nothing attended named."""
    root = sent.root
    return root.lemma_.lower() in ("attend", "participate") and not any(
        c.dep_ in ("dobj", "prep", "ccomp", "xcomp") for c in root.children)


def _states_as_subject(draft: Draft, verb) -> bool:
    """Whether states or bodies are the subject of a verb of meeting, themselves or through
    unnamed people: "Kenya and Uganda met", "officials from Kenya and Uganda met"."""
    passive = verb.lemma_.lower() in draft.gaz.cue("summons_verbs")  # "Freedonia's envoy was summoned"
    subjects = [c for c in verb.children if c.dep_ == "nsubj" or passive and c.dep_ == "nsubjpass"]
    inside = {t.i for subject in subjects for t in subject.subtree}
    return any(m.type in ("Country", "Organization", "Agency") and m.start in inside for m in draft.mentions)


_REFUSING = {"refuse", "decline", "fail", "cancel", "postpone", "reject", "deny", "avoid", "call off"}


def negated(verb) -> bool:
    """Whether a verb of meeting or signing is denied: "did not meet", "never signed",
    "refused to sign", "declined to meet", "failed to sign", "no agreement was signed"."""
    if any(c.dep_ == "neg" or c.lower_ in ("never", "neither", "nor") for c in verb.children):
        return True
    if verb.dep_ == "xcomp" and (verb.head.lemma_.lower() in _REFUSING
                                 or any(c.dep_ == "neg" for c in verb.head.children)):
        return True  # "refused to sign", "did not want to meet"
    return any(c.dep_ in ("nsubjpass", "nsubj", "dobj") and any(d.lower_ == "no" for d in c.children)
               for c in verb.children)  # "no agreement was signed"


def _welcomed_visitor(draft: Draft, trigger, sent_n: int) -> str | None:
    """"Officials received the minister at the airport": greeting a visitor, named by the post
    alone, is part of the visit under way, not a meeting of its own."""
    if trigger.lemma_.lower() not in ("receive", "welcome", "greet"):
        return None
    objects = [c for c in trigger.children if c.dep_ == "dobj"]
    named = any(draft.by_mention.get(id(m)) in draft.ents and o.left_edge.i <= m.start <= o.right_edge.i
                for o in objects for m in draft.mentions)
    airport = any(t.lower_ in ("airport", "airbase", "tarmac") for t in draft.sents[sent_n])
    if named and not airport:
        return None
    visit = next((k for k in reversed(draft.event_order) if draft.ents[k].kind == "Visit"
                  and min(draft.ents[k].sentences, default=sent_n) <= sent_n), None)
    return visit or (_NO_OCCASION if airport else None)


_NO_OCCASION = ""  # a greeting at the airport with no visit found: no meeting of its own either


def _received_official(draft: Draft, tok) -> bool:
    """"President X received Minister Y": a head of state or minister receives a visitor. Only
    with a named official or a delegation as the object ("received a letter" is no occasion)."""
    if tok.lemma_.lower() != "receive" or tok.pos_ not in ("VERB", "AUX"):
        return False
    for obj in (c for c in tok.children if c.dep_ == "dobj"):
        if obj.lower_ in ("delegation", "envoy", "envoys", "ambassador", "ambassadors", "minister", "counterpart"):
            return True
        if any(draft.ents[k].type == "Official" and m.start <= obj.i < m.end  # the person, not "a letter from X"
               for m in draft.mentions if (k := draft.by_mention.get(id(m))) in draft.ents):
            return True
    return False


def _pair_discussed(draft: Draft, tok) -> bool:
    """"X and his counterpart Y discussed trade": two officials who discuss together have met
    (or spoken by phone); one official "discussing" something is no occasion."""
    if tok.lemma_.lower() not in ("discuss", "talk", "confer") or tok.pos_ != "VERB" or negated(tok):
        return False
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    people = set()
    for subj in subjects:
        lo, hi = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text)
        people |= {k for m in draft.mentions if (k := draft.by_mention.get(id(m))) in draft.ents
                   and draft.ents[k].type == "Official" and lo <= draft.doc[m.start].idx < hi}
    return len(people) >= 2


def _dated_by_the_lead(draft: Draft) -> None:
    """News tells what happened and when in the lead and names the occasion in the sentence
    after it: "Foreign ministers of the region met in the capital on Tuesday. The fifth
    Ministerial Meeting was chaired by ...", "X presented his credentials on Monday. The
    ceremony took place at ...". An occasion first named there, with "the", and undated
    takes the date of the lead's own verb, when the lead reports no occasion of its own."""
    lead = lead_sentence(draft)
    if lead is None or lead + 1 >= len(draft.sents) or draft.events_by_sent.get(lead):
        return
    sent = draft.sents[lead]
    if FUTURE.search(sent.text):
        return
    dates = [d for d in sentence_dates(draft, sent) if _lead_verb_date(draft, sent, d)]
    nxt = draft.sents[lead + 1]
    for key in draft.events_by_sent.get(lead + 1, [])[:1]:
        ent = draft.ents.get(key)
        if ent is None or not dates or min(ent.sentences) != lead + 1 or any(
                s_ == key and n in ("startDate", "endDate") for (s_, n, _) in draft.attrs):
            continue
        first = min((a for a, _ in ent.spans if nxt.start_char <= a < nxt.end_char), default=None)
        if first is None:
            continue  # told there by a verb, not named
        if not re.search(r"\bthe\s+(?:\w+\s+){0,2}$", draft.text[max(nxt.start_char, first - 30):first], re.IGNORECASE):
            continue
        ev = draft.span_of(sent.start_char, sent.end_char)
        draft.attribute(key, "startDate", dates[0].value.isoformat(), ev, "rule:date-of-lead", 0.65)
        if dates[0].until is not None:
            draft.attribute(key, "endDate", dates[0].until.isoformat(), ev, "rule:date-of-lead", 0.65)


def _lead_verb_date(draft: Draft, sent, d) -> bool:
    """Whether a date of the lead belongs to its main clause ("met ... on Tuesday"), not to a
    verb of saying or to a clause of its own ("who arrived on Monday", "said on Monday")."""
    span = draft.doc.char_span(sent.start_char + d.start, sent.start_char + d.end, alignment_mode="expand")
    if span is None or not draft.doc.has_annotation("DEP"):
        return False
    for tok in [span.root, *span.root.ancestors]:
        if tok.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp", "pcomp") or tok.lemma_.lower() in _SAYING:
            return False
    return True


_SAYING = {"say", "announce", "state", "tell", "add", "report", "confirm", "note", "declare", "write", "tweet", "post"}


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
            between = " ".join(t.lower_ for t in draft.doc[trigger.i:i] if t.lower_ not in CALENDAR_WORDS
                               and not (t.lower_ == "on" and t.i + 1 < i and draft.doc[t.i + 1].lower_ in CALENDAR_WORDS))
            if any(w in f" {between} " for w in ("discuss", "about", " on ")):  # not "met on Saturday for a summit"
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
    kind = event_kinds[low]
    before_two = [t.lower_ for t in draft.doc[max(0, tok.i - 2):tok.i]]
    if any(w in ("phone", "telephone", "telephonic", "video") for w in before_two):
        kind = "Call"  # "phone talks", "a telephone conversation", "video talks"
    if low == "ceremony" and any(w in draft.gaz.cue("ceremonies_of_no_signing") for w in before_two):
        if any(w in ("welcome", "welcoming", "arrival") for w in before_two):
            visit = _recent_event(draft, "Visit", sent_n)
            if visit and draft.ents[visit].kind == "Visit":  # "a welcome ceremony for the visitor": the visit
                note_event(draft, sent_n, visit)
                draft.ents[visit].add(tok.text, tok.idx, tok.idx + len(tok.text))
                return True
            if not final and "visit" in draft.lemma[:tok.i]:
                return False  # the visit told before may be read later ("during the visit of X")
        kind = "Meeting"  # "a wreath-laying ceremony": a ceremony, but no signing
    sent = draft.sents[sent_n]
    non_events = draft.gaz.cue("non_event_nouns")
    if draft.doc.has_annotation("TAG") and tok.pos_ == "VERB":
        return True  # "will visit Russia": the verb rules below read it
    phrase = draft.doc[max(sent.start, tok.i - 2):tok.i + 1].text.lower()
    if any(phrase.endswith(n) for n in non_events):
        return True
    if low in ("call", "round", "session", "assembly", "forum", "signing", "gathering", "conversation") \
            and not _eventish(draft, tok):
        return True
    if _purpose_of_visit(tok):
        return True  # "will visit Baghdad for talks with ...": the talks are the visit, read by its verb
    det = determiner(draft, tok)
    if det == "" and determiner(draft, tok, through_hyphens=True) == "the":
        same = [k for k in draft.event_order if k in draft.ents and draft.ents[k].kind == kind
                and min(draft.ents[k].sentences, default=sent_n) < sent_n]
        if same:  # "the two-day meeting" after the meeting was told
            note_event(draft, sent_n, same[-1])
            draft.ents[same[-1]].add(tok.text, tok.idx, tok.idx + len(tok.text))
            return True
        verbs = _TOLD_BY.get(kind, ())
        if not final and any(draft.lemma[i] in verbs and draft.doc[i].pos_ == "VERB"
                             for i in range(draft.sents[0].start, sent.start)):
            return False  # the meeting an earlier verb tells ("met"): look again after the verbs
    if det in ("owner", ""):
        target = _owners_occasion(draft, tok, kind, sent_n)
        if target:  # "X arrived for a visit ... X's visit": the same visit
            note_event(draft, sent_n, target)
            draft.ents[target].add(tok.text, tok.idx, tok.idx + len(tok.text))
            return True
    before = draft.doc[max(sent.start, tok.i - 3):tok.i].text.lower()
    distinct = any(w in before for w in _ANOTHER) or \
        _other_round(draft, tok, sent.start)
    if det in ("the", "this", "that", "poss") and not distinct:
        target = _recent_event(draft, kind, sent_n) or (
            low == "ceremony" and final and "sign" not in draft.doc[max(0, tok.i - 2):tok.i].text.lower()
            and _recent_event(draft, "Meeting", sent_n))  # "during the ceremony": the one told before, of any kind
        if target:
            note_event(draft, sent_n, target)
            draft.ents[target].add(tok.text, tok.idx, tok.idx + len(tok.text))
            return True
        if not final:
            return False
        met_for = draft.verb_events.get(sent_n)
        if met_for in draft.ents and tok.dep_ == "pobj" and tok.head.lower_ == "for" and \
                tok.head.head.lemma_.lower() in draft.gaz.cue("meeting_verbs"):
            if draft.ents[met_for].kind == "Meeting":  # "gathered in Astana for their annual summit"
                draft.ents[met_for].kind = kind
            note_event(draft, sent_n, met_for)
            draft.ents[met_for].add(tok.text, tok.idx, tok.idx + len(tok.text))
            return True
        told_next = [k for k in draft.event_order if k in draft.ents and draft.ents[k].kind == kind
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
    series = _recent_event(draft, kind, sent_n) if distinct else None
    if series:  # "previous round of consultations", not a second "consultations"
        start = min(start, next((t.i for t in draft.doc[max(sent.start, tok.i - 3):tok.i]
                                 if t.lower_ in _ANOTHER),
                                start))
    ent = new_event(draft, draft.doc[start:tok.i + 1].text, kind, "rule:event-noun", 0.7)
    ent.add(draft.doc[start:tok.i + 1].text, draft.doc[start].idx, tok.idx + len(tok.text))
    note_event(draft, sent_n, ent.key)
    ent.sentences.add(sent_n)
    if series:  # "the previous round": another occasion of the same series, between the same states
        draft.series.append((ent.key, series, draft.span_of(sent.start_char, sent.end_char)))
    return True


def _purpose_of_visit(tok) -> bool:
    """"visits Lima for talks", "a visit to Lima for consultations": talks that are what a visit
    is for are the visit itself (one occasion), not a second one."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "for" or tok.lower_ not in ("talks", "consultations", "meetings"):
        return False
    return tok.head.head.lemma_.lower() == "visit"


def _other_round(draft: Draft, tok, floor: int) -> bool:
    """"the 9th meeting" after "the 8th meeting": a numbered round other than those named so far."""
    number = next((t.lower_ for t in draft.doc[max(floor, tok.i - 2):tok.i] if _ROUND.fullmatch(t.lower_)), None)
    if number is None:
        return False
    named = " ".join(" ".join([e.name, *e.aliases]).lower() for k, e in draft.ents.items() if e.type == "Event")
    return not re.search(rf"\b{re.escape(number)}\b", named)


def _owners_occasion(draft: Draft, tok, kind: str, sent_n: int) -> str | None:
    """The occasion of that kind told before in a sentence that names its owner: "the
    President's visit" after "the President arrived for a state visit"."""
    sent = draft.sents[sent_n]
    mark = modifiers_start(draft, tok.i, sent.start) - 1  # "X's one-day working visit"
    if mark < sent.start or draft.doc[mark].text not in ("'s", "’s"):
        return None
    owner = next((draft.by_mention.get(id(m)) for m in draft.mentions if m.end == mark), None)
    if owner not in draft.ents:
        return None
    told = {n for m in draft.mentions if draft.by_mention.get(id(m)) == owner for n in (draft.sent_no(m),)}
    earlier = [k for k in draft.event_order if k in draft.ents and draft.ents[k].kind == kind
               and any(n < sent_n and n in told for n in draft.ents[k].sentences)]
    return earlier[-1] if earlier else None


def _recent_event(draft: Draft, kind: str, sent_n: int) -> str | None:
    candidates = [k for k in draft.event_order if k in draft.ents and min(draft.ents[k].sentences, default=sent_n) <= sent_n]
    same = [k for k in candidates if draft.ents[k].kind == kind]
    pick = same or ([k for k in candidates] if kind in ("Meeting", "Talks", "Consultation", "Dialogue") else [])
    return pick[-1] if pick else None


_ENVOY = re.compile(r"ambassador|envoy|charg|high commissioner|consul|nuncio", re.IGNORECASE)


def _describe(draft: Draft, key: str, ent: DraftEntity) -> str:
    people = [draft.ents[o].name for o in sorted(participants(draft, key)) if draft.ents[o].type == "Official"]
    head = (ent.kind or "meeting").lower() if ent.method == "rule:meeting-verb" else ent.name
    if ent.method == "rule:summons":  # named after the envoy called in, not who called them
        people = [o for o in participant_list(draft, key) if draft.ents[o].type == "Official"]
        envoys = [o for o in people if any(s == o and n == "jobTitle" and _ENVOY.search(v) for (s, n, v) in draft.attrs)]
        return f"summoning of {draft.ents[(envoys or people)[-1]].name}" if people else head
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


