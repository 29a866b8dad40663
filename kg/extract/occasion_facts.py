"""What the sentences that speak of an occasion say of it: who took part and who chaired,
where it was held, when.

``occasions`` finds the occasions and hands each sentence to :func:`event_facts`; the
agreement rules use the same readers for signing ceremonies.
"""

from __future__ import annotations

import datetime as dt
import re

from ..model import Span
from .bodies import capital_named, ensure_country
from .dates import DateMention, find_dates, story_anchor, story_date
from .draft import Draft, slug
from .spans import Mention, headline_end

__all__ = ["GROUP_RE", "FUTURE", "acts_in", "dateline_capital", "official_at", "sentence_dates", "event_facts", "event_place", "has_trigger", "officials_in", "participants",
           "participant_list", "presents_credentials", "propagate_participants", "sentence_event"]

GROUP_RE = re.compile(r"\b(?:the\s+)?(?:two|both)\s+(?:leaders|sides|ministers|dignitaries|co-chairs|officials|delegations)\b"
                      r"|\bthe\s+(?:leaders|co-chairs)\b", re.IGNORECASE)


_ABSENT = re.compile(r"\b(?:did not|didn't|will not|won't|does not|do not|not to)\s+(?:attend|join|take part|travel|go)\b"
                     r"|\b(?:skipped|stayed away from|absent from|boycotted|pulled out of)\b", re.IGNORECASE)


FUTURE = re.compile(r"\b(?:will|to be held|next|upcoming|planned|scheduled|shall)\b", re.IGNORECASE)


_CREDENTIALS = re.compile(r"\b(?:credentials|credence|letters? of credence|credential letters?)\b", re.IGNORECASE)


def presents_credentials(draft: Draft, tok) -> bool:
    """An envoy "presented (copies of) his credentials to" a head of state, who "received" or
    "accepted" them, or "handed" the letter of credence: a credentials ceremony."""
    if tok.lemma_.lower() not in ("present", "submit", "hand", "receive", "accept", "deliver") or tok.pos_ != "VERB":
        return False
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(_CREDENTIALS.search(draft.doc[o.left_edge.i:o.right_edge.i + 1].text) for o in objects)


def has_trigger(draft: Draft, sent) -> bool:
    """Whether a sentence has a verb of meeting or signing."""
    verbs = draft.gaz.cue("meeting_verbs") | draft.gaz.cue("signing_verbs")
    return any(t.lemma_.lower() in verbs or t.lower_ in ("met", "meets", "signed") for t in sent)


def _owner_of(draft: Draft, of, sent_n: int):
    """The noun an "of" belongs to; for "members of A and of B", the "members" of the first."""
    if of.dep_ != "conj":
        return of.head
    earlier = [t for t in draft.doc[draft.sents[sent_n].start:of.i] if t.lower_ == "of" and t.dep_ == "prep"]
    return earlier[-1].head if earlier else of.head


def _met_through_members(noun) -> bool:
    """"met with members of X", "held talks with a delegation of X": X takes part through people the text does not name."""
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    return noun.lower_ in ("members", "representatives", "delegation", "delegations", "officials", "leaders",
                           "leadership") and noun.dep_ == "pobj" and noun.head.lower_ in ("with", "between")


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
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head
        if any(c.dep_ == "relcl" and c.lemma_.lower() in draft.gaz.cue("meeting_verbs") | draft.gaz.cue("chair_verbs")
               for c in span.root.children):
            return True  # "X, who chaired the meeting, urged ...": X took part, whatever X said
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in draft.gaz.cue("reacting_verbs") | draft.gaz.cue("statement_verbs") and \
                not has_trigger(draft, sent):
            continue
        if root.dep_ == "nsubj" and root.head.lemma_.lower() in draft.gaz.cue("reacting_verbs"):
            continue
        return True
    return False


def event_facts(draft: Draft, sent_n: int, key: str, *, primary: bool = True) -> None:
    """What sentence ``sent_n`` says of occasion ``key``; only the sentence's main occasion is dated by it."""
    sent = draft.sents[sent_n]
    ev = draft.span_of(sent.start_char, sent.end_char)
    said = any(t.lemma_ in ("say", "add", "state") and t.dep_ in ("ROOT",) for t in sent)
    addressed = _addressed(draft, sent, key)
    officials = [o for o in officials_in(draft, sent_n) if addressed or acts_in(draft, o, sent_n)]
    if _ABSENT.search(sent.text):
        officials = []  # "X and Y did not attend the summit"
    if draft.ents[key].method == "rule:credentials" and any(presents_credentials(draft, t) for t in sent):
        officials = [o for o in officials if _hands_credentials(draft, o, sent_n)]
    group = GROUP_RE.search(sent.text)
    for o in officials:
        if said and len(officials) == 1 and not has_trigger(draft, sent) and not addressed and not any(
                t.lemma_.lower() in draft.gaz.cue("summons_verbs") for t in sent):
            continue  # "X said": a speaker, unless the sentence tells the occasion ("summoned X, Y said")
        draft.relate(key, "participant", o, ev, "rule:same-sentence", 0.7)
    if primary and not _ABSENT.search(sent.text):
        for state in _unnamed_envoys(draft, sent):
            draft.relate(key, "participant", state, ev, "rule:unnamed-envoy", 0.65)
    if _has_chair(draft, sent):
        for o in chairs_named(draft, sent, officials):
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
        tok = draft.doc[m.start:m.end].root  # "the Group of 20": the name's head, not its last word
        while (tok.dep_ == "conj" or tok.dep_ == "appos" and draft.mention_at(tok.head.i, ("Country",))) \
                and tok.head.i != tok.i:
            tok = tok.head  # "India and the United States held": the first conjunct carries the role
        head = tok.head
        if tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in (
                "meet", "hold", "visit", "host", "co-chair", "chair", "attend", "convene", "speak"):
            draft.relate(key, "participant", tk, ev, "rule:subject-of-meeting-verb", 0.65)
        elif summons_side(draft, m):
            draft.relate(key, "participant", tk, ev, "rule:summons-side", 0.65)
            for (a, p, c) in list(draft.rels):
                if a == tk and p == "agencyOf":  # "Ruritania's foreign ministry summoned ...": its state too
                    draft.relate(key, "participant", c, ev, "rule:summons-side", 0.6)
        elif draft.ents[tk].type in ("Country", "Organization") and _leaders_of(draft, tok):
            draft.relate(key, "participant", tk, ev, "rule:leaders-of", 0.6)  # "the leaders of A, B and C met"
        elif draft.ents[tk].type == "Country" and _unnamed_party(draft, tok):
            draft.relate(key, "participant", tk, ev, "rule:unnamed-counterpart", 0.6)  # "met his French counterpart"
        elif tok.dep_ == "nsubjpass" and head.lemma_.lower() == "represent" and draft.ents[tk].type == "Country":
            draft.relate(key, "participant", tk, ev, "rule:represented-at", 0.6)  # "A and B are represented by ..."
        elif _attended_by(tok):
            draft.relate(key, "participant", tk, ev, "rule:attended-by", 0.6)
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
        dates = [d for d in sentence_dates(draft, sent, future=bool(FUTURE.search(sent.text)))
                 if _current(draft, d.value) and _dates_this(draft, sent.start_char + d.start, draft.ents[key].kind)]
        days = _days_concluded(draft, sent, key)
        if dates and days and dates[0].until is None:  # "concluded a two-day visit on Tuesday"
            end = dates[0].value
            draft.attribute(key, "startDate", (end - dt.timedelta(days=days - 1)).isoformat(), ev,
                            "rule:visit-concluded", 0.7)
            draft.attribute(key, "endDate", end.isoformat(), ev, "rule:visit-concluded", 0.7)
        elif dates:
            draft.attribute(key, "startDate", dates[0].value.isoformat(), ev, "rule:date-in-sentence", 0.8)
            if dates[0].until is not None:
                draft.attribute(key, "endDate", dates[0].until.isoformat(), ev, "rule:date-range", 0.8)


_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_LASTING = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten)[- ]day\b", re.IGNORECASE)


def _days_concluded(draft: Draft, sent, key: str) -> int | None:
    """How many days an occasion lasted when the sentence tells its end: "concluded a two-day
    visit on Tuesday", "wrapped up his three-day trip". None when it tells no end."""
    ends = draft.gaz.cue("ending_verbs")
    for a, b in draft.ents[key].spans:
        if not sent.start_char <= a < sent.end_char:
            continue
        span = draft.doc.char_span(a, b, alignment_mode="expand")
        if span is None or span.root.dep_ != "dobj" or span.root.head.lemma_.lower() not in ends:
            continue
        lasting = _LASTING.search(draft.text[a:b]) or _LASTING.search(
            draft.doc[max(sent.start, span.start - 3):span.end].text)
        if lasting:
            word = lasting.group(1).lower()
            return int(word) if word.isdigit() else _NUMBERS[word]
    return None


def summons_side(draft: Draft, m: Mention) -> bool:
    """Whether a state or body is a side of a summons its sentence tells: who summoned ("Ruritania
    summoned", "Ruritania's foreign ministry summoned", "summoned by Ruritania"), whose envoy was
    summoned ("summoned Freedonia's ambassador", "Freedonia's envoy was summoned") or where to
    ("was summoned to the Ruritanian foreign ministry")."""
    verbs = draft.gaz.cue("summons_verbs")
    tok = draft.doc[m.start:m.end].root
    for _ in range(6):
        if tok.head is tok:
            return False
        if tok.head.lemma_.lower() in verbs and (tok.head.pos_ in ("VERB", "AUX") or tok.dep_ == "nsubj"):
            return tok.dep_ in ("nsubj", "nsubjpass", "dobj", "agent", "prep") and (
                tok.dep_ != "prep" or tok.lower_ in ("to", "by"))
        if tok.dep_ not in ("poss", "compound", "conj", "pobj", "appos", "amod") and not (
                tok.dep_ == "prep" and tok.lower_ in ("to", "by")):
            return False
        tok = tok.head
    return False


def _leaders_of(draft: Draft, tok) -> bool:
    """Whether a state is one of those whose unnamed leaders or ministers met: "the leaders of
    Brazil, Argentina and Uruguay met", "officials from Kenya and Uganda met", "a summit of the
    presidents of A and B"."""
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("of", "from"):
        return False
    noun = tok.head.head
    if noun.lower_ not in draft.gaz.cue("party_nouns") and noun.lemma_.lower() not in draft.gaz.cue("title_heads"):
        return False
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ in draft.gaz.cues.get("event_heads", {}):
        return True  # "the meeting of the foreign ministers of A, B and C"
    return noun.dep_ == "nsubj" and noun.head.lemma_.lower() in draft.gaz.cue("meeting_verbs")


def _unnamed_party(draft: Draft, tok) -> bool:
    """Whether a state's adjective marks an unnamed party to a meeting: "met his French
    counterpart", "held talks with the Chinese delegation", "the Polish side met ..."."""
    noun = tok.head
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    if tok.dep_ not in ("amod", "compound") or noun.lower_ not in draft.gaz.cue("party_nouns"):
        return False
    if noun.dep_ in ("dobj", "nsubj"):
        return noun.head.lemma_.lower() in draft.gaz.cue("meeting_verbs")
    return noun.dep_ == "pobj" and noun.head.lower_ in ("with", "between")


def _addressed(draft: Draft, sent, key: str) -> bool:
    """Whether the sentence has someone address the occasion: "X said, addressing the Forum"."""
    spans = [(a, b) for a, b in draft.ents[key].spans if sent.start_char <= a < sent.end_char]
    return any(t.lemma_.lower() == "address" and any(
        c.dep_ == "dobj" and any(a <= c.idx < b for a, b in spans) for c in t.children) for t in sent)


def _attended_by(tok) -> bool:
    """Whether a state or body is among those an occasion "is attended by": "attended by the
    presidents of A, B and C", "attended by representatives of the UN and the EU"."""
    for anc in tok.ancestors:
        if anc.dep_ == "agent":
            return anc.head.lemma_.lower() in ("attend", "join")
        if anc.pos_ in ("VERB", "AUX"):
            return False
    return False


def _hands_credentials(draft: Draft, official: str, sent_n: int) -> bool:
    """Whether the official is who presents or who receives the credentials in the sentence:
    the subject, object or "to"/"from" of the verb, not someone named in what was said."""
    verbs = [t for t in draft.sents[sent_n] if presents_credentials(draft, t)]
    for start, end in draft.ents[official].spans:
        span = draft.doc.char_span(start, end, alignment_mode="expand")
        if span is None or draft.sent_of(span.start) != sent_n:
            continue
        tok = span.root
        while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
            tok = tok.head  # the nearest verb above the name: its subject, object, "to X", "credentials of X"
        if tok in verbs:
            return True
    return False


def sentence_dates(draft: Draft, sent, *, future: bool = False) -> list[DateMention]:
    """The dates a sentence fixes, read against the story's own day (its dateline's date, else
    the publication date), offsets into the sentence.

    Left out: the dateline itself, which says when the story was filed, not when what it
    reports happened; and a date inside a quotation, where someone speaks of a plan or of
    the past in words of their own ("'We will meet again on Friday,' she said").
    """
    anchor = story_anchor(draft.article.text, draft.article.date)
    filed = story_date(draft.article.text[:1200], draft.article.date)
    first_piece = draft.article.text.startswith(draft.text[:200])
    out = []
    for d in find_dates(sent.text, anchor, future=future):
        at = sent.start_char + d.start
        if at < draft.dateline_end or (first_piece and filed is not None and filed.start <= at < filed.end):
            continue
        if _quoted(sent.text, d.start):
            continue
        out.append(d)
    return out


def _quoted(text: str, at: int) -> bool:
    """Whether offset ``at`` falls inside a quotation opened earlier in ``text``."""
    before = text[:at]
    opens, closes = before.count("“"), before.count("”")
    if opens or closes:
        return opens > closes
    return before.count('"') % 2 == 1




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
            if lemma in draft.gaz.cue("statement_verbs"):
                return False
            if lemma in draft.gaz.cue("signing_verbs"):
                return kind == "SigningCeremony"
            return True
    return True


def _current(draft: Draft, day: dt.date) -> bool:
    """A date within five years of the article's: "on the 50th anniversary of ... December 21,
    1972" dates history, not the occasion being reported."""
    return draft.article.date is None or abs((day - draft.article.date).days) <= 5 * 366




def _chair_word(draft: Draft, tok) -> bool:
    return tok.lemma_.lower() in draft.gaz.cue("chair_verbs") or tok.lower_ in (
        "chaired", "co-chaired", "presided", *draft.gaz.cue("chair_nouns"))


def chairs_named(draft: Draft, sent, officials: list[str]) -> list[str]:
    """Who of a sentence's officials chaired: the subject of "chaired" (also of "met to
    co-chair"), the agent of "was chaired by", the owner of "under the chairmanship of", "X was
    the co-chair"; not everyone the sentence names ("A and B attended the summit, which C
    chaired"). Where the parse ties no official to the chairing, a sentence of one official
    still names its chair, and so do those named before a main verb of chairing."""
    reach, agents, listed = [], [], []
    for w in sent:
        if w.lower_ in draft.gaz.cue("chairing_nouns"):
            reach += [c for c in w.children if c.lower_ == "of"]
            continue
        if not _chair_word(draft, w):
            continue
        holder = w.head if (w.dep_ in ("xcomp", "advcl") or (w.dep_ == "attr" and w.head.lemma_ == "be")) else w
        reach += [c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass") and holder is not w or c.dep_ == "nsubj"]
        if w.pos_ in ("NOUN", "PROPN"):
            reach += [c for c in w.children if c.dep_ == "appos"]  # "the co-chairs, A and B"
            if w.i + 2 < sent.end and draft.doc[w.i + 1].text == ",":  # the same, where the parse hangs them elsewhere
                end = next((t for t in draft.doc[w.i + 2:sent.end] if t.text in (";", ".") or t.text == ","
                            and t.i + 1 < sent.end and draft.doc[t.i + 1].is_lower), None)
                listed.append((draft.doc[w.i + 2].idx, end.idx if end is not None else sent.end_char))
            if any(c.lower_ in ("their", "his", "her") for c in w.children) and w.dep_ == "dobj":
                reach += [c for c in w.head.children if c.dep_ == "nsubj"]  # "A met his co-chair B": both
        agents += [c for c in w.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")]
    ranges = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in reach] + listed
    for by in agents:  # "chaired by A and B's minister C": to the end of the clause, past a broken parse
        end = next((t for t in draft.doc[by.right_edge.i + 1:sent.end]
                    if t.text in (",", ";", ".") or t.pos_ in ("VERB", "AUX")), None)
        ranges.append((by.idx, end.idx if end is not None else sent.end_char))
    found = [o for o in officials if any(lo <= start < hi for start, _ in draft.ents[o].spans for lo, hi in ranges)]
    if found:
        return found
    word = next((t for t in sent if _chair_word(draft, t)), None)
    if word is None:
        return []
    if word.dep_ in ("relcl", "acl") or word.pos_ != "VERB":
        return officials if len(officials) == 1 else []
    return [o for o in officials  # a parse broken by "co-chaired": who is named before the verb
            if all(start < word.idx for start, _ in draft.ents[o].spans if sent.start_char <= start < sent.end_char)]


def _has_chair(draft: Draft, sent) -> bool:
    return any(t.lemma_.lower() in draft.gaz.cue("chair_verbs") or t.lower_ in (
        "co-chair", "chaired", "co-chaired", "presided") for t in sent) or "co-chair" in sent.text.lower() or any(
        t.lower_ in draft.gaz.cue("chairing_nouns") and t.dep_ == "pobj" and t.head.lower_ == "under" for t in sent)


def event_place(draft: Draft, sent, sent_n: int, key: str, ev: Span, *, near_only: bool = False) -> None:
    """Where an occasion was held: a place after a preposition of place in its sentence; for
    an occasion the sentence names only in passing, a place right after its name ("the
    Summit in Lima")."""
    planned = _planned_occasion_at(draft, sent)
    for m in draft.places:
        if draft.sent_no(m) != sent_n or draft.in_dateline(m) or (near_only and not _just_before(draft, key, m)):
            continue
        if planned is not None and m.start > planned:
            continue  # "agreed to hold the next round in Santiago": the plan's place, not this occasion's
        prev = draft.prev_word(m)
        capital = capital_named(draft, m)
        if capital and prev == "the":
            prev = draft.prev_word(m, 2)  # "in the Ruritanian capital"
        if _visited(draft, key, m):
            prev = "to"  # "Secretary General visits Washington DC": the place visited
        if prev not in draft.gaz.cue("location_preps"):
            continue
        if prev == "to" and (draft.ents[key].kind != "Visit" or not _just_before(draft, key, m)) and \
                not _went_there_for(draft, key, m):
            continue  # "travel to Beijing": the place a visit goes to, named right after it
        if m.type == "Country" and m.role != "capital" and not capital and \
                not (_just_before(draft, key, m) or _after_venue_verb(draft, m) or _went_there_for(draft, key, m)):
            continue  # "invest in India" is no venue; "the summit in Panama", "held in Chile" are
        name = capital or re.sub(r"^the\s+", "", draft.doc[m.start:m.end].text, flags=re.IGNORECASE)
        loc = draft.entity(f"location/{slug(name)}", "Location", name, method="rule:venue-after-preposition", confidence=0.75)
        if capital:  # "the Ruritanian capital": the city, named as the text names it
            span = draft.doc[m.start:m.end + 1]
            loc.add(span.text, span.start_char, span.end_char)
            loc.sentences.add(sent_n)
        else:
            draft.link(m, loc)
        draft.relate(key, "location", loc.key, ev, "rule:venue-after-preposition", 0.75)
        if m.ids and m.type == "Country" and (prev == "to" or draft.ents[key].kind == "Visit"):
            # "a visit to Chile", "travel to Beijing": the host state takes part
            draft.relate(key, "participant", ensure_country(draft, m.ids[0]), ev, "rule:host-of-visit", 0.65)




def _went_there_for(draft: Draft, key: str, m: Mention) -> bool:
    """"flew to Lome for talks with X", "travelled to Lome on Tuesday for consultations": the
    place someone went to for an occasion is where it was held."""
    to = draft.doc[m.start - 1] if m.start else None
    if to is None or to.lower_ != "to" or to.head.lemma_.lower() not in draft.gaz.cue("travel_verbs"):
        return False
    verb = to.head
    for start, end in draft.ents[key].spans:
        span = draft.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and span.root.dep_ == "pobj" and span.root.head.lower_ == "for" and \
                span.root.head.head.i == verb.i:
            return True
    return False




def _planned_occasion_at(draft: Draft, sent) -> int | None:
    """Where a sentence names an occasion still to come ("the next round", "the upcoming
    summit"), if it does."""
    kinds = draft.gaz.cues.get("event_heads", {})
    for tok in sent:
        if tok.lower_ in kinds and any(t.lower_ in draft.gaz.cue("plan_words") for t in draft.doc[max(sent.start, tok.i - 3):tok.i]):
            return tok.i
    return None


def _after_venue_verb(draft: Draft, m: Mention) -> bool:
    """"met in", "held in", "took place in", "hosted in", "arrived in": a verb of occasions
    right before the preposition."""
    i = m.start - 2
    while i >= 0 and draft.doc[i].pos_ in ("ADV", "PART"):
        i -= 1
    return i >= 0 and draft.doc[i].lemma_.lower() in ("meet", "hold", "take", "host", "arrive", "gather", "convene",
                                                       "visit", "travel", "sign", "place", "stay")


def _visited(draft: Draft, key: str, m: Mention) -> bool:
    """Whether ``m`` is the object of a verb or noun of visiting and ``key`` is a visit: "visits
    Lima", "the visit of the President to Lima"."""
    if draft.ents[key].kind != "Visit" or m.start == 0:
        return False
    if draft.lemma[m.start - 1] == "visit":
        return True
    to = draft.doc[m.start - 1]
    return to.lower_ == "to" and to.head.lemma_.lower() == "visit" and any(
        a <= to.head.idx < b for a, b in draft.ents[key].spans)




def _unnamed_envoys(draft: Draft, sent) -> list[str]:
    """"The Cuban ambassador presented his credentials", "Chinese diplomats held talks with X":
    the state of an envoy or delegation the sentence leaves unnamed takes part through them."""
    heads = draft.gaz.cue("title_heads")
    found = []
    for m in draft.mentions_in(sent.start, sent.end):
        if m.type != "Country" or m.role != "demonym":
            continue
        j = m.end
        while j < sent.end and draft.doc[j].lower_ in ("new", "visiting", "incoming", "outgoing", "top", "senior"):
            j += 1
        if j >= sent.end:
            continue
        noun = draft.doc[j]
        named = j + 1 < sent.end and _cap_name(draft.doc[j + 1]) or \
            j + 2 < sent.end and draft.doc[j + 1].text == "," and _cap_name(draft.doc[j + 2])
        if noun.text.islower() and (noun.lower_ in draft.gaz.cue("envoy_nouns") or noun.lower_ in heads) and not named and \
                draft.by_mention.get(id(m)) in draft.ents:
            found.append(draft.by_mention[id(m)])
    return list(dict.fromkeys(found))


def _cap_name(tok) -> bool:
    return tok.text[:1].isupper() and tok.is_alpha


def _just_before(draft: Draft, key: str, m: Mention) -> bool:
    """Whether an event's own mention (or the verb that made it) ends within a few words
    before the mention ``m``."""
    at = draft.doc[m.start].idx
    if _visited(draft, key, m):
        return True
    return any(0 <= at - end <= 8 for _, end in draft.ents[key].spans)


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
    hosts_join_visits(draft)
    officials_dealing_with_each_other(draft)
    for key in draft.event_order:
        if key not in draft.ents:
            continue
        for body, ev in _bodies_meeting(draft, key):
            draft.relate(key, "participant", body, ev, "rule:meeting-of-body", 0.7)
            for (a, p, c) in list(draft.rels):
                if a == body and p == "agencyOf":
                    draft.relate(key, "participant", c, ev, "rule:meeting-of-body", 0.65)
        for body, ev in _organisations_naming(draft, key):
            draft.relate(key, "participant", body, ev, "rule:occasion-of-organisation", 0.7)
        for o in participant_list(draft, key):
            for (s, p, c), val in list(draft.rels.items()):
                if s == o and p == "represents":
                    draft.relate(key, "participant", c, val[0], "rule:participant-represents", 0.75)
    for key, series, ev in draft.series:  # "the previous round": between the same states
        if key in draft.ents and series in draft.ents:
            for o in participant_list(draft, series):
                if draft.ents[o].type in ("Country", "Agency", "Organization"):
                    draft.relate(key, "participant", o, ev, "rule:same-series", 0.55)


_REMOTE = re.compile(r"\b(?:phone|telephone|video|virtual|virtually|online)\b", re.IGNORECASE)


def dateline_venue(draft: Draft) -> None:
    """"NAIROBI, May 2 (Reuters) - Kenya's foreign minister met his Ugandan counterpart on
    Tuesday": an occasion the lead reports with no place of its own was held in the dateline's
    city when that city is the capital of a state taking part; a visit, when that state is the
    host (the visitor stands for another). Not a call, not an occasion told later in the story."""
    lead = lead_sentence(draft)
    capital = dateline_capital(draft)
    if lead is None or capital is None:
        return
    name, state, (start, end) = capital
    sent = draft.sents[lead]
    if _REMOTE.search(sent.text) or on_sidelines(draft, lead):
        return
    for key in draft.event_order:
        ent = draft.ents.get(key)
        if ent is None or min(ent.sentences, default=-1) != lead or ent.kind == "Call" or \
                any(s_ == key and p == "location" for (s_, p, _) in draft.rels):
            continue
        if f"country/{state}" not in participant_list(draft, key):
            continue
        if ent.kind == "Visit" and not _visitor_from_elsewhere(draft, key, f"country/{state}"):
            continue  # a visit goes from one capital to another: filed from the visitor's, it was not held there
        loc = draft.entity(f"location/{slug(name)}", "Location", name, method="rule:dateline-venue", confidence=0.55)
        loc.add(draft.text[start:end], start, end)
        draft.relate(key, "location", loc.key, draft.span_of(sent.start_char, sent.end_char), "rule:dateline-venue", 0.55)


def _visitor_from_elsewhere(draft: Draft, visit: str, host: str) -> bool:
    """Whether the first official of a visit (its visitor, as the visit was told) stands for a
    state other than ``host``."""
    officials = [o for o in participant_list(draft, visit) if draft.ents[o].type == "Official"]
    if not officials:
        return False
    states = {c for (s, p, c) in draft.rels if s == officials[0] and p == "represents"}
    return bool(states) and host not in states


def dateline_capital(draft: Draft) -> tuple[str, str, tuple[int, int]] | None:
    """The capital a story is filed from, its state and where the dateline names it: "NEW DELHI"
    or "New Delhi [India]" at the start of the story's first lines."""
    place = re.sub(r"\s*\[[^\]]*\]", "", (draft.article.dateline or "").split(",")[0]).strip()
    if not place:
        return None
    for form in (place, place.title()):
        for role, type_, code in draft.gaz.lookup(form):
            if role == "capital" and type_ == "Country":
                at = draft.text.find(place, 0, 600)
                return (form, code, (at, at + len(place))) if at >= 0 else None
    return None


def lead_sentence(draft: Draft) -> int | None:
    """The number of the lead sentence: the first of the body with a few words (not the title,
    not a dateline or date alone on its line)."""
    after = headline_end(draft.text, draft.article.title)
    for n, sent in enumerate(draft.sents):
        if sent.start_char >= after and sum(t.is_alpha for t in sent) >= 6:
            return n
    return None


def on_sidelines(draft: Draft, sent_n: int) -> bool:
    """"met on the sidelines of the G7 Summit": the summit is an occasion the people also attend."""
    return bool(re.search(r"\b(?:margins|sidelines|side-lines|fringes) of\b", draft.sents[sent_n].text))


def hosts_join_visits(draft: Draft) -> None:
    """"X arrived in Y on a visit ... X also met President Z": whoever the visitor meets while
    there takes part in the visit, whether or not the meeting is an occasion of its own. Not a
    meeting dated outside the visit, held elsewhere, on the sidelines of something else, or by
    telephone."""
    visits = [k for k in draft.event_order if k in draft.ents and draft.ents[k].kind == "Visit"]
    if len(visits) != 1:
        return  # two visits in one story: which meeting belongs to which is not read here
    visit = visits[0]
    visitors = {o for o in participant_list(draft, visit) if draft.ents[o].type == "Official"}
    first = min(draft.ents[visit].sentences, default=0)
    for key in draft.event_order:
        ent = draft.ents.get(key)
        if key == visit or ent is None or ent.kind not in ("Meeting", "Talks") or not ent.sentences:
            continue
        people = [o for o in participant_list(draft, key) if draft.ents[o].type == "Official"]
        if not visitors & set(people) or min(ent.sentences) < first or \
                any(on_sidelines(draft, n) for n in ent.sentences) or \
                not _within(draft, key, visit) or not _same_place(draft, key, visit):
            continue
        for o in people:
            ev = draft.rels[(key, "participant", o)][0]
            draft.relate(visit, "participant", o, ev, "rule:met-during-visit", 0.6)




def officials_dealing_with_each_other(draft: Draft) -> None:
    """"The ambassador was handed a protest note by Director General X", "X briefed his
    counterpart Y on ...": two officials who deal with each other in a sentence that tells no
    occasion of its own, right after one was told, took part in that occasion."""
    if not draft.doc.has_annotation("DEP"):
        return
    for sent_n, sent in enumerate(draft.sents):
        if draft.events_by_sent.get(sent_n) or sent_n in draft.verb_events:
            continue
        key = sentence_event(draft, sent_n)
        if key is None or max(n for n in draft.ents[key].sentences if n < sent_n) < sent_n - 2:
            continue  # only the sentences that follow an occasion's telling
        for verb in (t for t in sent if t.lemma_.lower() in draft.gaz.cue("dealing_verbs") and t.pos_ == "VERB"):
            people = [k for k in dict.fromkeys(official_at(draft, arg.i) for arg in _arguments(verb)) if k]
            if len(people) < 2:
                continue
            ev = draft.span_of(sent.start_char, sent.end_char)
            for o in people:
                draft.relate(key, "participant", o, ev, "rule:officials-dealing", 0.6)
            if verb.lemma_.lower() in _HOSTING and len(people) == 2:
                _other_side(draft, key, people, ev)


_HOSTING = {"welcome", "greet", "receive"}


def _other_side(draft: Draft, key: str, people: list[str], ev: Span) -> None:
    """"The minister was welcomed by Deputy Foreign Minister X": at an occasion between two
    states, who welcomes or receives someone of one state stands for the other."""
    def states(o: str) -> set[str]:
        return {c for (s, p, c) in draft.rels if s == o and p == "represents" and draft.ents[c].type == "Country"}

    taking_part = participant_list(draft, key)
    sides = {o for o in taking_part if draft.ents[o].type == "Country"}.union(
        *(states(o) for o in taking_part if draft.ents[o].type == "Official"))
    known, loose = (people if states(people[0]) else people[::-1])
    if len(sides) == 2 and len(states(known)) == 1 and not states(loose) and states(known) <= sides:
        (other,) = sides - states(known)
        draft.relate(loose, "represents", other, ev, "rule:host-side", 0.55)


def _arguments(verb) -> list:
    """The subject, objects and agent of a verb, with their conjuncts; "to" or "with" may hang
    on the object ("conveyed the protest to X")."""
    out = []
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "iobj"):
            out.append(c)
        elif c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in ("to", "with")):
            out.extend(g for g in c.children if g.dep_ == "pobj")
        if c.dep_ == "dobj":
            out.extend(g for p in c.children if p.dep_ == "prep" and p.lower_ in ("to", "with")
                       for g in p.children if g.dep_ == "pobj")
    return out + [d for a in out for d in a.conjuncts]


def official_at(draft: Draft, i: int) -> str | None:
    """The official a mention covering token ``i`` stands for, if any."""
    m = draft.mention_at(i)
    key = draft.by_mention.get(id(m)) if m is not None else None
    return key if key in draft.ents and draft.ents[key].type == "Official" else None


def _dates(draft: Draft, key: str) -> list[dt.date]:
    return sorted(dt.date.fromisoformat(v) for (s, n, v) in draft.attrs
                  if s == key and n in ("startDate", "endDate") and len(v) == 10)


def _within(draft: Draft, key: str, visit: str) -> bool:
    """Whether an occasion's dates, if any, fall within the visit's (or a week of its start)."""
    days, span = _dates(draft, key), _dates(draft, visit)
    if not days or not span:
        return True
    last = span[-1] if len(span) > 1 else span[0] + dt.timedelta(days=7)
    return span[0] <= days[0] and days[-1] <= last


def _same_place(draft: Draft, key: str, visit: str) -> bool:
    """Whether an occasion may be held where the visit is: no place said, the same place, or
    places of the same country ("a visit to Peru", "talks in Lima")."""
    where = {o for (s, p, o) in draft.rels if s == key and p == "location"}
    there = {o for (s, p, o) in draft.rels if s == visit and p == "location"}
    if not where or not there or where & there:
        return True
    states = {draft.gaz.country_of(draft.ents[o].name) for o in where}
    hosts = {draft.gaz.country_of(draft.ents[o].name) for o in there}
    return None in states or None in hosts or bool(states & hosts)


def _organisations_naming(draft: Draft, key: str) -> list[tuple[str, Span]]:
    """"the NATO summit", "the 33rd African Union Summit", "the OAS's General Assembly": an
    organisation whose occasion it is takes part in it. Only an organisation the story also
    names by itself (an entity already), as the guidelines ask of names inside names."""
    found = []
    for start, end in draft.ents[key].spans:
        span = draft.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        first = span.start - 1 if span.start and draft.doc[span.start - 1].text in ("'s", "’s") else span.start
        for m in [*draft.mentions, *draft.inner]:
            if m.type != "Organization" or not m.ids or not (span.start <= m.start and m.end <= span.end or m.end == first):
                continue
            body = f"organization/{m.ids[0]}"
            if body in draft.ents:
                found.append((body, draft.span_of(min(start, draft.doc[m.start].idx), end)))
    return found


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
