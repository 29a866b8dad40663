"""Find the mentions of an article: gazetteer names, bodies, officials, events, agreements.

Works on a spaCy ``Doc``; with a trained pipeline it also uses NER, part-of-speech tags and
the parse, and with a blank one it falls back on capitalisation and the gazetteers alone.
Nothing here decides relations: see ``facts``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span as SpacySpan

from .gazetteer import Gazetteer

__all__ = ["CALENDAR_WORDS", "Mention", "Words", "find_mentions", "phrase_matcher", "title_words", "words_of"]

_FUNCTION = {"of", "the", "and", "for", "on", "&", "de", "la", "del", "des", "du"}
_HEADLINE_VERBS = {"sign", "signs", "signed", "meet", "meets", "met", "visit", "visits", "hold", "holds", "held",
                   "welcome", "welcomes", "welcomed", "establish", "establishes", "launch", "launches", "hosts",
                   "host", "attend", "attends", "discuss", "discusses", "agree", "agrees", "announce", "announces",
                   "calls", "says", "said", "urges", "condemns", "expel", "expels", "appoint", "appoints", "names"}
_CALENDAR = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
CALENDAR_WORDS = frozenset(_CALENDAR)
"""Months and weekdays: words that end a name or a title where news glues a date to them."""
_ORDINAL = re.compile(r"^(\d+(st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                      r"eleventh|twelfth|\d+)$", re.IGNORECASE)


@dataclass
class Mention:
    """A span of the text with what it names: ``type`` and, for gazetteer hits, ``ids``."""

    start: int  # token offsets
    end: int
    type: str  # Country, Organization, Agency, Official, Event, Agreement, Place
    role: str = "name"  # name, demonym, capital, territory, generic, ...
    ids: tuple[str, ...] = ()
    kind: str | None = None
    method: str = "gazetteer"
    extra: dict = field(default_factory=dict)

    def span(self, doc: Doc) -> SpacySpan:
        return doc[self.start:self.end]


def phrase_matcher(nlp, gaz: Gazetteer) -> PhraseMatcher:
    """A matcher of every gazetteer surface form, built once per pipeline."""
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    batch = {}
    for form in gaz.forms:
        batch.setdefault(form, nlp.make_doc(form))
        if "'" in form:
            batch.setdefault(form.replace("'", "’"), nlp.make_doc(form.replace("'", "’")))
    for form, pattern in batch.items():
        patterns = [pattern]
        lowered = _lower_case_variant(form, gaz)
        if lowered:
            patterns.append(nlp.make_doc(lowered))
        matcher.add(form, patterns)
    return matcher


def _lower_case_variant(form: str, gaz: Gazetteer) -> str | None:
    """A state's body as news writes it in lower case after the state: "China's foreign
    ministry", "the Chinese foreign ministry" for the gazetteer's "China's Foreign Ministry"."""
    words = form.split(" ")
    if len(words) < 2 or not any(type_ == "Agency" for _, type_, _ in gaz.lookup(form)):
        return None
    state = re.sub(r"['’]s$", "", words[0])
    if not gaz.country_of(state) or not all(w[:1].isupper() for w in words[1:]):
        return None
    lowered = " ".join([words[0]] + [w.lower() for w in words[1:]])
    return lowered if lowered != form else None


@dataclass(frozen=True)
class Words:
    """Each token's text, lower-case form and lemma, read from spaCy once per document."""

    text: list[str]
    lower: list[str]
    lemma: list[str]


def text_of(doc: Doc) -> str:
    """The document's text, joined once and kept in ``doc.user_data`` (``doc.text`` joins every
    token each time it is read: milliseconds on a long article)."""
    found = doc.user_data.get("kg_text")
    if found is None:
        found = doc.user_data["kg_text"] = doc.text
    return found


def headline_end(text: str, title: str) -> int:
    """Where the headline ends when ``text`` holds the article's title as a line of its own (as
    ``kg.ingest`` keeps it), else 0: a title made from the first sentence is no headline."""
    title = title.strip()
    at = text.find(title) if title else -1
    end = at + len(title)
    return end if at >= 0 and text[end:end + 1] in ("\n", "") else 0


def words_of(doc: Doc) -> Words:
    """The ``Words`` of a document, made on first use and kept in ``doc.user_data``."""
    found = doc.user_data.get("kg_words")
    if found is None:
        from spacy.attrs import LEMMA, LOWER, ORTH

        strings = doc.vocab.strings
        rows = doc.to_array([ORTH, LOWER, LEMMA]).tolist()  # hashes: no Python token per word
        found = doc.user_data["kg_words"] = Words([strings[r[0]] for r in rows], [strings[r[1]] for r in rows],
                                                  [strings[r[2]].lower() for r in rows])
    return found


def _cap(tok) -> bool:
    text = tok.text
    return bool(text) and (text[0].isupper() or text[0].isdigit())


def _sentence_initial(tok) -> bool:
    return tok.is_sent_start or tok.i == 0


def _gazetteer_mentions(doc: Doc, gaz: Gazetteer, matcher: PhraseMatcher) -> list[Mention]:
    found = []
    for match_id, start, end in matcher(doc):
        form = doc.vocab.strings[match_id]
        entries = gaz.lookup(form)
        if not entries or _in_feature_name(doc, start, end, gaz):
            continue
        # one surface form may name a country and its capital ("Panama"), or two roles
        by_type: dict[str, list] = {}
        for role, type_, id_ in entries:
            by_type.setdefault(type_, []).append((role, id_))
        for type_, items in by_type.items():
            roles = {role for role, _ in items}
            role = "name" if "name" in roles else sorted(roles)[0]
            ids = tuple(dict.fromkeys(id_ for _, id_ in items))
            found.append(Mention(start, end, type_, role=role, ids=ids))
    return found


def _in_feature_name(doc: Doc, start: int, end: int, gaz: Gazetteer) -> bool:
    """A state named inside the name of a sea, a gulf or a peninsula ("the South China Sea", "the
    Gulf of Mexico", "the Korean Peninsula") is no mention of that state."""
    features = gaz.cue("feature_words")
    if end < len(doc) and doc[end].lower_ in features and _cap(doc[end]):
        return True
    return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in features and _cap(doc[start - 2])


def _extend_left_caps(doc: Doc, i: int, *, floor: int, gaz: Gazetteer) -> int:
    """Leftmost token of the capitalised name ending just before token ``i``."""
    j = i
    while j - 1 >= floor:
        tok = doc[j - 1]
        if tok.text in ("-", "–", "/") and j - 2 >= floor and _cap(doc[j - 2]):
            j -= 1
            continue
        if tok.text in ("'", "’") and j - 2 >= floor and _cap(doc[j - 2]) and doc[j - 2].lower_.endswith("s"):
            j -= 1  # "Foreign Ministers' Strategic Dialogue"
            continue
        if tok.text == "+" and j - 2 >= floor and doc[j - 2].is_digit and doc[j].is_digit:
            j -= 1  # "2+2 Ministerial Dialogue"
            continue
        if tok.text in ("'s", "’s") and j - 2 >= floor and (gaz.country_of(doc[j - 2].text) or
                                                             _possessive_in_name(doc[j - 2], gaz)):
            j -= 1  # "India's Ministry", "the Prime Minister's Office", "People's Bank"
            continue
        if _cap(tok) and not tok.is_punct:
            if tok.lower_ in _HEADLINE_VERBS:
                break  # "NATO Allies Sign Accession Protocols": a headline's verb ends the name
            if _sentence_initial(tok) and tok.pos_ in ("ADP", "DET", "ADV", "SCONJ", "PRON", "VERB", "AUX"):
                break
            if _sentence_initial(tok) and tok.lower_ in ("during", "at", "on", "in", "the", "following", "after", "before", "from", "today", "yesterday"):
                break
            j -= 1
            continue
        if tok.lower_ in ("and", "&") and j - 2 >= floor and _cap(doc[j - 2]) and j < len(doc) and _cap(doc[j]):
            # "Americas and Asia Group", but not "Training Centres and India's National Police Academy"
            heads = gaz.cue("agency_heads") | gaz.cue("organization_heads")
            if not gaz.country_of(doc[j - 2].text) and not _sentence_initial(doc[j - 2]) and \
                    doc[j - 2].lower_ not in heads and not gaz.country_of(doc[j].text):
                j -= 1
                continue
        if tok.lower_ == "of" and j - 2 >= floor and _cap(doc[j - 2]):
            j -= 1
            continue
        break
    while j < i and (doc[j].lower_ in _FUNCTION or doc[j].is_punct):
        j += 1
    return j


def _possessive_in_name(tok, gaz: Gazetteer) -> bool:
    """Whether "'s" after ``tok`` stays inside a name: "People's", or a post ("the Prime
    Minister's Office", "President's Office"), not a person's or a place's."""
    return tok.text == "People" or (_cap(tok) and tok.lower_ in gaz.cue("title_heads"))


def _extend_right_of(doc: Doc, end: int, *, limit: int, on: bool = True, gaz: Gazetteer | None = None) -> int:
    """Extend a head ("Ministry") over "of (the) Capitalised Words" ("of External Affairs");
    ``on`` also over "on ..." ("Working Group on Counter Terrorism", "Agreement on Trade").

    With ``gaz`` (the name of a body), the name never runs on into a person the NER model tags
    ("Joint Secretary in the Ministry of Trade Jane Roe": the title of a name that follows) nor
    over "and" into a state ("... of Trade and Ruritanian Ambassador X": the next item of a
    list). An occasion's name may hold people ("Meeting of President X and President Y")."""
    k = end
    joins = ("of", "for", "on") if on else ("of", "for")
    while k < limit and doc[k].lower_ in joins and k + 1 < limit:
        m = k + 1
        if doc[m].lower_ == "the" and m + 1 < limit:
            m += 1
        if not _cap(doc[m]) or not doc[m].is_alpha or doc[m].lower_ in _CALENDAR:
            break  # "Consultations on 7 July": a date, not part of the name
        while m < limit and not (gaz is not None and m > k + 1 and _starts_person(doc[m])) and not (
                gaz is not None and doc[m].lower_ == "and" and m + 1 < limit and gaz.country_of(doc[m + 1].text)) \
                and ((_cap(doc[m]) and doc[m].is_alpha and doc[m].lower_ not in _CALENDAR) or
                             (re.fullmatch(r"[A-Z]\.", doc[m].text) and m + 1 < limit and _cap(doc[m + 1])) or
                             (doc[m].lower_ in ("and", "&") and m + 1 < limit and _cap(doc[m + 1])
                              and doc[m + 1].ent_type_ != "PERSON" and doc[m + 1].lower_.rstrip(".") not in
                              ("mr", "mrs", "ms", "dr")) or
                             (doc[m].text in ("-",) and m + 1 < limit and _cap(doc[m + 1])) or
                             (doc[m].text in ("'s", "’s") and m + 1 < limit and _cap(doc[m + 1]) and
                              gaz is not None and (_possessive_in_name(doc[m - 1], gaz) or
                                                   gaz.country_of(doc[m - 1].text)))):
            m += 1
        if gaz is not None and m < limit and doc[m].text == ",":
            m = _enumeration_end(doc, m, limit, gaz) or m
        k = m
    return k


def _enumeration_end(doc: Doc, comma: int, limit: int, gaz: Gazetteer) -> int | None:
    """The end of a list of portfolios inside a body's name, from its first comma: "Ministry
    of Mines, Energy and Water" runs on to "Water". Only short capitalised items that are no
    state, post or person, ending in "and" and a last item; else None (the comma ends the name)."""
    heads = gaz.cue("title_heads")
    i, items = comma, 0
    while i < limit and doc[i].text == "," and items < 5:
        j = i + 1
        while j < limit and j - i <= 3 and _cap(doc[j]) and doc[j].is_alpha and doc[j].lower_ not in heads \
                and not gaz.lookup(doc[j].text) and doc[j].ent_type_ != "PERSON":
            j += 1
        if j == i + 1:
            return None
        items += 1
        i = j
    if i + 1 >= limit or doc[i].lower_ not in ("and", "&") or not _cap(doc[i + 1]):
        return None
    j = i + 1
    while j < limit and j - i <= 3 and _cap(doc[j]) and doc[j].is_alpha and doc[j].lower_ not in heads \
            and not gaz.lookup(doc[j].text) and doc[j].ent_type_ != "PERSON":
        j += 1
    if j < limit and (doc[j].lower_ in heads or doc[j].ent_type_ == "PERSON"):
        return None  # "Ministry of Trade, Industry and Foreign Minister Jane Roe": a list of people
    return j if j > i + 1 else None


def _starts_person(tok) -> bool:
    """Whether the NER model starts a person's name at ``tok``."""
    return tok.ent_type_ == "PERSON" and tok.ent_iob_ == "B"


def _after_title(doc: Doc, start: int, head: int, gaz: Gazetteer) -> int:
    """Skip a post in front of a body's name: "Chairperson of the African Union Commission",
    "Head of Counter Terrorism Bureau" name the body after "of"."""
    heads = gaz.cue("title_heads")
    for i in range(head - 1, start - 1, -1):
        if doc[i].lower_ == "of" and any(t.lower_ in heads for t in doc[start:i]):
            j = i + 1
            while j < head and doc[j].lower_ == "the":
                j += 1
            return j
    return start


def _headed_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """Capitalised names ending in a head noun: bodies, named events and named agreements."""
    agency_heads = gaz.cue("agency_heads")
    org_heads = gaz.cue("organization_heads")
    event_heads = gaz.cue("named_event_heads")
    agreement_heads = gaz.cues.get("agreement_heads", {})
    event_kinds = gaz.cues.get("event_heads", {})
    found = []
    lower = words_of(doc).lower
    any_head = agency_heads | org_heads | event_heads | set(agreement_heads)
    for sent in doc.sents:
        for tok in (doc[i] for i in range(sent.start, sent.end) if lower[i] in any_head):
            low = tok.lower_
            if not _cap(tok) or tok.is_punct:
                continue
            if low in agreement_heads:
                type_, kind = "Agreement", agreement_heads[low]
            elif low in event_heads:
                type_, kind = "Event", event_kinds.get(low, "Meeting")
            elif low in agency_heads:
                type_, kind = "Agency", None
            elif low in org_heads:
                type_, kind = "Organization", None
            else:
                continue
            if low == "statement" and tok.i > 0 and doc[tok.i - 1].lower_ != "joint":
                continue
            if low == "understanding" and not (tok.i > 1 and doc[tok.i - 1].lower_ == "of"):
                continue
            if type_ == "Agreement" and tok.i > 1 and doc[tok.i - 1].lower_ == "of" and \
                    doc[tok.i - 2].lower_ in gaz.cue("title_heads"):
                continue  # "Director of Protocol", "Chief of Protocol": a post's field, no instrument
            if type_ in ("Agency", "Organization") and tok.i + 1 < sent.end and \
                    doc[tok.i + 1].lower_ in gaz.cue("title_heads"):
                continue  # "Cabinet Secretary": the body is part of a title
            start = _extend_left_caps(doc, tok.i, floor=sent.start, gaz=gaz)
            on = type_ in ("Agreement", "Event") or low in gaz.cue("bilateral_agency_heads")
            end = _extend_right_of(doc, tok.i + 1, limit=sent.end, on=on,
                                   gaz=gaz if type_ in ("Agency", "Organization") else None)
            if type_ in ("Agency", "Organization"):
                start = _after_title(doc, start, tok.i, gaz)
            if type_ == "Organization" and doc[start].lower_ in ("national", "state"):
                type_ = "Agency"  # "National Security Organisation", "State Bank": a state's own body
            if end - start > 10:
                continue  # a Title Case headline, not a name
            if start == tok.i and end == tok.i + 1 and type_ != "Agreement":
                # a bare head word ("Dialogue", "Ministry") is no name
                if not (_sentence_initial(tok) is False and type_ == "Event" and tok.i > 0 and
                        doc[tok.i - 1].lower_ == "the"):
                    continue
            if type_ == "Agreement" and start == tok.i and end == tok.i + 1 and low not in ("mou", "moc"):
                continue
            found.append(Mention(start, end, type_, role="generic", kind=kind, method="rule:capitalised-head"))
    return found


def _lower_case_ministries(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """"Ruritania's foreign ministry", "the Ruritanian defence ministry", "the Chinese embassy": a
    state's ministry or mission as news writes it in lower case, named by the state before it
    (and, for a ministry, a word or two of its field)."""
    found = []
    lower = words_of(doc).lower
    for i, w in enumerate(lower):
        if w not in ("ministry", "embassy") or doc[i].text != w:
            continue
        k = i
        while w == "ministry" and k - 1 >= 0 and i - k < 2 and doc[k - 1].is_lower and \
                doc[k - 1].pos_ in ("ADJ", "NOUN", "PROPN"):
            k -= 1  # "foreign", "foreign affairs", "defence"
        if (w == "ministry" and k == i) or k == 0:
            continue
        if doc[k - 1].text in ("'s", "’s") and k >= 2 and gaz.country_of(doc[k - 2].text):
            start = k - 2
        elif any(role == "demonym" and t == "Country" for role, t, _ in gaz.lookup(doc[k - 1].text)):
            start = k - 1
        else:
            continue
        found.append(Mention(start, i + 1, "Agency", role="generic", method="rule:state-ministry"))
    return found


def _place_taken_for_a_person(ent, gaz: Gazetteer) -> bool:
    """"will travel to Sochi", "arrived in Sochi": one word the model calls a person, where
    only a place can stand."""
    if len(ent) != 1 or ent.start == 0:
        return False
    before = ent.doc[ent.start - 1]
    return before.lower_ == "in" and before.head.lemma_.lower() in gaz.cue("travel_verbs") | {"meet", "hold", "land"} or \
        before.lower_ == "to" and before.head.lemma_.lower() in gaz.cue("travel_verbs")


def _ner_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    found = []
    for ent in doc.ents:
        if ent.label_ == "PERSON" and _place_taken_for_a_person(ent, gaz):
            found.append(Mention(ent.start, ent.end, "Place", role="place", method="model:ner-place"))
        elif ent.label_ == "PERSON":
            found.append(Mention(ent.start, ent.end, "Official", role="person", method="model:ner-person"))
        elif ent.label_ in ("GPE", "LOC", "FAC"):
            found.append(Mention(ent.start, ent.end, "Place", role="place", method="model:ner-place"))
    return found


def _titled_names(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """Names right after a known title ("Home Secretary Ajay Bhalla"), found without NER."""
    found = []
    heads = gaz.cue("title_heads")
    for i, low in enumerate(words_of(doc).lower):
        if low not in heads and low != "counterpart":
            continue
        tok = doc[i]
        lower_case = not _cap(tok)  # "his Chilean counterpart Ana Soto", "foreign minister Ana Soto"
        k = tok.i + 1
        if k < len(doc) and doc[k].text == "(":  # "Secretary (East)"
            continue
        words = title_words(gaz)
        run = k
        while run < len(doc) and (_cap(doc[run]) and doc[run].lower_ in words or
                                  doc[run].lower_ == "and" and run > k and run + 1 < len(doc)
                                  and doc[run + 1].lower_ in words):
            run += 1  # "Ambassador Extraordinary and Plenipotentiary Jane Roe": the title runs on
        if run > k and (run >= len(doc) or doc[run - 1].lower_ != "and"):
            k = run
        k = _past_portfolio(doc, k, gaz)
        start = k
        particles = gaz.cue("name_particles")
        longest = 4
        while k < len(doc) and k - start < longest:
            if k > start and doc[k].lower_ in particles and doc[k].is_lower and k + 1 < len(doc) and \
                    _cap(doc[k + 1]) and doc[k + 1].is_alpha and not gaz.lookup(doc[k + 1].text) and \
                    doc[k + 1].lower_ not in heads and doc[k + 1].lower_ not in _CALENDAR:
                k, longest = k + 1, 6  # "Bendito dos Santos Freitas", "Abdullah bin Zayed Al Nahyan"
                continue
            if k > start and doc[k].text == "-" and not doc[k - 1].whitespace_ and not doc[k].whitespace_ \
                    and k + 1 < len(doc) and _cap(doc[k + 1]) and doc[k + 1].is_alpha:
                k, longest = k + 1, max(longest, 6)  # "Hossein Amir-Abdollahian"
                continue
            if not (_cap(doc[k]) and (doc[k].is_alpha or re.fullmatch(r"[A-Z]\.", doc[k].text))):
                break
            if doc[k].lower_ in heads or gaz.lookup(doc[k].text) or doc[k].lower_ in _FUNCTION \
                    or doc[k].lower_ in _CALENDAR:
                break  # "Prime Minister Jane Roe Thursday met ...": news glues the weekday to the name
            k += 1
        if lower_case and (k - start < 2 or any(doc[j].ent_type_ in ("GPE", "ORG", "NORP", "LOC", "FAC")
                                                 for j in range(start, k))):
            continue  # after a word in lower case only a full name the model does not take for a place or body
        if k - start >= 1 and (k - start >= 2 or doc[start].ent_type_ == "PERSON" or not doc.has_annotation("ENT_IOB")):
            found.append(Mention(start, k, "Official", role="person", method="rule:name-after-title"))
    return found


def _past_portfolio(doc: Doc, k: int, gaz: Gazetteer) -> int:
    """Where a name can start after a title that runs on with its portfolio or post: "Minister
    of Trade Jane Roe", "Deputy Minister for the Interior Jane Roe", "High Commissioner in
    Nairobi Jane Roe". The portfolio's words must be words of known titles and the place a
    known one; else ``k`` itself (the name must follow the title head at once)."""
    if k >= len(doc) or doc[k].lower_ not in ("of", "for", "in", "to"):
        return k
    words = title_words(gaz)
    j = k + 1
    if j < len(doc) and doc[j].lower_ == "the":
        j += 1
    first = j
    place = doc[k].lower_ in ("in", "to") or doc[k].lower_ == "of" and any(
        t == "Country" for e in range(first + 1, min(first + 4, len(doc)) + 1)
        for _, t, _ in gaz.lookup(doc[first:e].text))  # "Ambassador of Chile to Japan Jane Roe"
    if place:
        j = next((e for e in range(min(first + 4, len(doc)), first, -1)
                  if all(_cap(t) or t.text == "-" for t in doc[first:e]) and gaz.lookup(doc[first:e].text)), first)
        if j == first:
            return k
    else:
        while j < len(doc) and (_cap(doc[j]) and doc[j].lower_ in words or doc[j].lower_ in ("and", "&")):
            j += 1
        if j == first or doc[j - 1].lower_ in ("and", "&"):
            return k
    if j < len(doc) and doc[j].lower_ in ("to", "in") and j != k:
        further = _past_portfolio(doc, j, gaz)  # "Ambassador of Chile to Japan Jane Roe"
        if further != j:
            return further
    run = j
    while run < len(doc) and _cap(doc[run]) and doc[run].is_alpha and doc[run].pos_ in ("PROPN", ""):
        run += 1
    return j if run - j >= 2 else k


@functools.lru_cache(maxsize=8)
def title_words(gaz: Gazetteer) -> frozenset[str]:
    """Every word of the known titles' forms ("trade", "interior", "foreign", "affairs")."""
    return frozenset(w for form in gaz.titles for w in re.split(r"[\s-]+", form) if w.isalpha()) - _FUNCTION


def _name_runs(lo: int, hi: int, texts: list[str], lowers: list[str], caps: list[bool], particles: frozenset[str]):
    """Runs of capitalised words in tokens ``lo:hi`` that could be a person's name: "Faure
    Essozimna Gnassingbé", "Paulo Sacadura Cabral Portas", "Abdullah bin Zayed Al Nahyan",
    "Jacob J. Lew"."""
    i = lo
    while i < hi:
        if not caps[i]:
            i += 1
            continue
        k = i + 1
        while k < hi:
            if caps[k] or (len(texts[k]) == 2 and texts[k][1] == "." and texts[k][0].isupper()):
                k += 1
            elif (lowers[k] in particles or texts[k] == "-") and k + 1 < hi and texts[k + 1][:1].isupper():
                k += 1
            else:
                break
        yield i, k
        i = k


def _apposed_names(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """People whom the sentence's shape names, where a small NER model misses them or calls
    them organisations: after an honorific ("H.E. Faure Essozimna Gnassingbé", "Ms. Riva
    Ganguly Das"), between a title and a comma ("the Minister of Foreign Affairs of Portugal,
    Paulo Portas,"), or before a comma and a title ("X, President of the Republic of Angola")."""
    heads = gaz.cue("title_heads")
    honorifics = gaz.cue("honorifics")
    particles = gaz.cue("name_particles")
    not_names = heads | gaz.cue("agency_heads") | gaz.cue("organization_heads") | set(gaz.cues.get("event_heads", {})) \
        | set(gaz.cues.get("agreement_heads", {})) | _CALENDAR | _HEADLINE_VERBS
    tagged = doc.has_annotation("TAG")
    words = words_of(doc)
    texts, lowers = words.text, words.lower
    caps = [w[:1].isupper() and w.isalpha() for w in texts]
    found = []
    for sent in doc.sents:
        for start, end in _name_runs(sent.start, sent.end, texts, lowers, caps, particles):
            before = lowers[start - 1] if start > sent.start else None
            honoured = before is not None and (before in honorifics or before + "." in honorifics)
            comma_before = before == ","
            comma_after = end + 2 < sent.end + 1 and end < sent.end and texts[end] == ","
            if not (honoured or comma_before or comma_after):
                continue  # the shapes below all need an honorific or a comma next to the name
            if any(w in not_names for w in lowers[start:end]) or gaz.lookup(doc[start:end].text):
                continue
            if tagged and sum(doc[i].pos_ == "PROPN" for i in range(start, end)) * 2 < end - start:
                continue
            if honoured and (end - start >= 2 or before.rstrip(".") in ("mr", "ms", "mrs", "dr")):
                found.append(Mention(start, end, "Official", role="person", method="rule:name-after-honorific"))
                continue
            if end - start < 2 or (before is not None and not comma_before and doc[start - 1].pos_ in ("ADP", "VERB", "AUX")):
                continue
            closes = end == sent.end or texts[end] in (",", ".", ";") or lowers[end] == "and"
            after = doc[end:min(end + 3, sent.end)]
            if comma_before and closes and _title_before(doc, start - 1, sent.start, heads):
                found.append(Mention(start, end, "Official", role="person", method="rule:name-after-title"))
            elif len(after) >= 2 and comma_after and any(t.lower_ in heads and _cap(t) for t in after[1:]):
                found.append(Mention(start, end, "Official", role="person", method="rule:name-before-title"))
    return found


_INITIAL = re.compile(r"[A-Z][a-z]?")
_INITIALLED = re.compile(r"[A-Z][a-z]?\.[A-Z][a-z]+")


def _initialled_names(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """Names written with a parent's initial glued to the given name, as Mongolian news
    writes them: "Kh.Battsetseg", "L.Oyun-Erdene". NER splits them or misses them."""
    found = []
    i = 0
    while i < len(doc):
        if _INITIALLED.fullmatch(doc[i].text):
            end = i + 1
        elif (i + 2 < len(doc) and _INITIAL.fullmatch(doc[i].text) and doc[i].whitespace_ == ""
              and doc[i + 1].text == "." and doc[i + 1].whitespace_ == "" and _cap(doc[i + 2])
              and doc[i + 2].is_alpha and len(doc[i + 2]) > 2):
            end = i + 3
        else:
            i += 1
            continue
        while end + 1 < len(doc) and doc[end - 1].whitespace_ == "" and doc[end].text == "-" \
                and doc[end].whitespace_ == "" and _cap(doc[end + 1]):
            end += 2  # "Oyun-Erdene"
        if not gaz.lookup(doc[i:end].text):
            found.append(Mention(i, end, "Official", role="person", method="rule:initialled-name"))
        i = end
    return found


def _listed_for_states(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """The names of a list that gives each leader with the state they stand for: "President
    Jane Roe for Freedonia, John Doe for Ruritania and ..." (two items at least), where NER
    missed a name or took it for a place."""
    heads = gaz.cue("title_heads")
    found = []
    for sent in doc.sents:
        items = []
        for tok in sent[1:-1]:
            if tok.lower_ != "for" or not gaz.country_of(doc[tok.i + 1].text) and not (
                    tok.i + 2 < sent.end and gaz.country_of(doc[tok.i + 1:tok.i + 3].text)):
                continue
            start = tok.i
            while start - 1 >= sent.start and tok.i - start < 3 and _cap(doc[start - 1]) and doc[start - 1].is_alpha \
                    and doc[start - 1].lower_ not in heads and not gaz.lookup(doc[start - 1].text):
                start -= 1
            if start < tok.i and not doc[start].is_sent_start:
                items.append(Mention(start, tok.i, "Official", role="person", method="rule:name-for-state"))
        if len(items) >= 2:
            found.extend(items)
    return found


def _title_before(doc: Doc, comma: int, floor: int, heads: set[str]) -> bool:
    """Whether the words just before ``comma`` are a capitalised title: "the Minister of State
    and Minister of Foreign Affairs of Portugal"."""
    j = comma
    while j - 1 >= floor and (_cap(doc[j - 1]) and not doc[j - 1].is_punct or doc[j - 1].lower_ in _FUNCTION
                              or doc[j - 1].text in ("'s", "’s", "-")):
        j -= 1
    if any(t.lower_ in heads and _cap(t) for t in doc[j:comma]):
        return True
    # "Ruritania's ambassador, X", "the Ruritanian envoy, X": a post in lower case after its state
    k = comma - 1
    return k - 1 >= floor and doc[k].lower_ in heads and (doc[k - 1].text in ("'s", "’s") or _cap(doc[k - 1]))


def _overlap(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


class _Outer:
    """The outer mentions chosen so far (they never overlap one another) and the mention that
    covers each token, so that testing a mention costs its length, not a scan of all the
    others: a text dense with names has thousands of mentions in one piece."""

    def __init__(self) -> None:
        self.mentions: list[Mention] = []
        self._owner: dict[int, Mention] = {}
        self._empty = False  # a mention of no token overlaps what strictly surrounds it: scan then

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        self._empty = self._empty or m.start >= m.end
        for token in range(m.start, m.end):
            self._owner[token] = m

    def overlaps(self, m: Mention) -> bool:
        if self._empty or m.start >= m.end:
            return any(_overlap(m, k) for k in self.mentions)
        return any(token in self._owner for token in range(m.start, m.end))

    def nests(self, m: Mention) -> bool:
        """Whether ``m`` is not itself an outer mention but lies inside a generic one."""
        if self._empty or m.start >= m.end:
            return m not in self.mentions and any(
                k.start <= m.start and m.end <= k.end for k in self.mentions if k.role == "generic")
        k = self._owner.get(m.start)  # the only outer mention that can hold or equal m
        return k is not None and k != m and k.role == "generic" and m.end <= k.end


def find_mentions(doc: Doc, gaz: Gazetteer, matcher: PhraseMatcher) -> tuple[list[Mention], list[Mention]]:
    """The outer mentions of the document (overlaps settled: longer spans win) and the
    gazetteer names nested inside a body, event or agreement name ("India's National Police
    Academy", "India-US Homeland Security Dialogue"), which qualify the outer one."""
    gazetteer = _gazetteer_mentions(doc, gaz, matcher)
    headed = _headed_mentions(doc, gaz) + _lower_case_ministries(doc, gaz)
    outer = _Outer()
    for m in sorted(gazetteer + headed, key=lambda m: (-(m.end - m.start), m.role == "generic", m.start)):
        if not outer.overlaps(m):
            outer.add(m)
    inner = [m for m in gazetteer if outer.nests(m)]
    people = _ner_mentions(doc, gaz) + _titled_names(doc, gaz) + _apposed_names(doc, gaz) + _listed_for_states(doc, gaz) \
        + _initialled_names(doc, gaz)
    for p in sorted(people, key=lambda m: (m.type != "Official", -(m.end - m.start), m.start)):
        span = doc[p.start:p.end]
        if outer.overlaps(p):
            continue  # NER noise over a known name ("Home" in "Home Secretary")
        if p.type == "Official" and (gaz.lookup(span.text) or span.text.lower() in gaz.cue("title_heads")
                                     or all(t.lower_ in title_words(gaz) for t in span)):
            continue  # "Ambassador Extraordinary ...": words of a post, not a name
        outer.add(p)
    return sorted(outer.mentions, key=lambda m: (m.start, m.end)), inner
