"""Officials: names, titles, title anaphora and counterparts.

Takes a ``Draft`` whose countries and bodies are in place; adds Official entities, their
``jobTitle`` attributes and the ``represents`` and ``memberOf`` relations that titles and
appositions say ("Home Secretary Ajay Bhalla", "his Fijian counterpart, Ambassador X").
What the text says elsewhere of whom an official acts for is read in ``sides``.
"""

from __future__ import annotations

import functools
import re

from ..model import Span
from .draft import Draft, DraftEntity, slug
from .gazetteer import Gazetteer
from .occasion_facts import has_trigger
from .spans import CALENDAR_WORDS, Mention, headline_end, title_words

__all__ = ["find_officials", "resolve_title_anaphora", "counterparts_share_posts", "resolve_pronouns"]

@functools.lru_cache(maxsize=4)
def _title_words(gaz: Gazetteer) -> frozenset[str]:
    """Every word of a known title, but words that also start names of bodies or places."""
    return frozenset(w for t in gaz.titles for w in re.split(r"[\s-]+", t)
                     if w and w not in ("of", "the", "for", "and", "state", "foreign", "affairs", "general"))


# ---- names and titles -------------------------------------------------------------------------
def _clean_name(draft: Draft, m: Mention) -> tuple[int, int]:
    start, end = m.start, m.end
    hon = draft.gaz.cue("honorifics")
    heads = draft.gaz.cue("title_heads")
    # "State Councilor Li Wenhai" with NER's span starting at "Councilor": the word before is
    # part of the title, not a first name left out
    titled = draft.doc[start].lower_ in heads or draft.doc[start].lower_ in _title_words(draft.gaz)
    while start > 0 and start == m.start and not titled and _first_name(draft, draft.doc[start - 1]):
        start -= 1
    while start < end - 1 and (draft.doc[start].lower_ in hon or draft.doc[start].lower_ + "." in hon
                               or draft.doc[start].lower_.rstrip("s") in heads or draft.doc[start].lower_ in heads
                               or draft.doc[start].lower_ in draft.gaz.titles
                               or draft.doc[start].lower_ in title_words(draft.gaz)):
        start += 1  # "Affairs Jane Roe": NER took in the end of "Minister of Foreign Affairs"
    while end > start + 1 and (draft.doc[end - 1].text in ("'s", "’s", ".", ",")
                               or draft.doc[end - 1].lower_ in CALENDAR_WORDS):
        end -= 1  # "Jane Roe Thursday met ...": a weekday glued to the name is no part of it
    return start, end


def find_officials(draft: Draft) -> None:
    """People by name: one entity per person ("Ajay Bhalla", "Bhalla", "A. Bhalla"), with the
    titles next to their names; a person with no post is kept only with a full name and when
    meeting or signing."""
    people = [m for m in draft.mentions if m.type == "Official"]
    full: dict[str, DraftEntity] = {}
    for m in list(people):
        m.start, m.end = _clean_name(draft, m)
        if not _name_like(draft, m):
            draft.mentions.remove(m)
            people.remove(m)
    _title_case_headline_people(draft, people)
    for m in sorted(people, key=lambda m: -(m.end - m.start)):
        name = draft.doc[m.start:m.end].text
        tokens = name.split()
        match = None
        for other in full.values():
            parts = other.name.split()
            lowered = [p.lower() for p in parts]  # "Van Klaveren" opening a sentence is "Alberto van Klaveren"
            if name == other.name or (len(tokens) == 1 and tokens[0] in parts) or (
                    len(tokens) > 1 and tokens[-1] == parts[-1] and
                    all(t.lower() in lowered or (len(t.rstrip(".")) == 1 and any(p.startswith(t.rstrip(".")) for p in parts))
                        for t in tokens[:-1])):
                match = other
                break
        if match is None:
            match = draft.entity(f"official/{slug(name)}", "Official", name, method=m.method, confidence=0.9)
            full[match.key] = match
        draft.link(m, match, name)
    # later mentions by surname that NER did not tag ("Bhalla said")
    guessed = {m.start: m for m in draft.mentions if m.method == "model:ner-place" and m.end == m.start + 1}
    taken = {t for m in draft.mentions for t in range(m.start, m.end)} - set(guessed)
    for ent in list(full.values()):
        parts = re.split(r"[\s.]+", ent.name)  # "Kh.Battsetseg" is called "Battsetseg" after
        surname = parts[-1]
        if len(parts) < 2 or len(surname) < 3:
            continue
        for i in draft.positions.get(surname, ()):
            if i in guessed:  # "signed by Kishi": the model took the known person's name for a place
                draft.mentions.remove(guessed[i])
                draft.places.remove(guessed.pop(i))
            if i not in taken:
                mm = Mention(i, i + 1, "Official", role="surname", method="rule:surname")
                draft.mentions.append(mm)
                draft.link(mm, ent)
    _family_name_first(draft, list(full.values()), taken)
    draft.mentions.sort(key=lambda m: (m.start, m.end))
    for m in [m for m in draft.mentions if m.type == "Official"]:
        key = draft.by_mention.get(id(m))
        if key:
            _titles(draft, m, draft.ents[key])
    _plural_posts(draft)
    for key in [k for k, e in draft.ents.items() if e.type == "Official" and not e.titled]:
        ent = draft.ents[key]
        listed = any(s_ == key and p == "represents" for (s_, p, _) in draft.rels)  # "John Doe for Ruritania, ..."
        if draft.gaz.person(ent.name) is None and not listed and (
                len(ent.name.split()) < 2 or not _acts_at_occasion(draft, ent)):
            del draft.ents[key]  # "wrote on Twitter": one capitalised word and no post is no official


def _family_name_first(draft: Draft, people: list[DraftEntity], taken: set[int]) -> None:
    """"Wang Yi ... Wang arrived": where a two-part name's first part, never its last, is used
    alone as a person is ("Wang said", "Wang's visit"), it is that person's family name. Not a
    word the gazetteers know or two people's first part."""
    firsts: dict[str, list[DraftEntity]] = {}
    for ent in people:
        parts = ent.name.split()
        if len(parts) == 2 and len(parts[0]) >= 2 and parts[0][:1].isupper():
            firsts.setdefault(parts[0], []).append(ent)
    taken = taken | {t for m in draft.mentions for t in range(m.start, m.end)}
    for first, owners in firsts.items():
        if len(owners) != 1 or draft.gaz.lookup(first) or first.lower() in title_words(draft.gaz):
            continue
        last = owners[0].name.split()[1]
        if any(i not in taken for i in draft.positions.get(last, ())):
            continue  # "Yi" alone too: the usual order, read above
        for i in draft.positions.get(first, ()):
            tok = draft.doc[i]
            if i in taken or tok.dep_ not in ("nsubj", "nsubjpass", "poss", "dobj", "pobj"):
                continue
            mm = Mention(i, i + 1, "Official", role="surname", method="rule:family-name-first")
            draft.mentions.append(mm)
            draft.link(mm, owners[0])


def _title_case_headline_people(draft: Draft, people: list[Mention]) -> None:
    """In a headline Written In Title Case every word looks like a name: a person found there
    counts only as far as the story's body names them ("Minister Meets Counterpart Jane Roe"
    → "Jane Roe"); the rest ("Meets") is no one."""
    end = headline_end(draft.text, draft.article.title)
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", draft.article.title) if w.lower() not in _SMALL_WORDS]
    if not end or len(words) < 4 or sum(w[0].isupper() for w in words) < 0.8 * len(words):
        return
    body = {draft.doc[m.start:m.end].text for m in people if draft.doc[m.start].idx >= end}
    surnames = {name.split()[-1] for name in body}
    for m in [m for m in people if draft.doc[m.start].idx < end]:
        toks = draft.doc[m.start:m.end]
        keep = next((k for k in range(m.start, m.end) if draft.doc[k:m.end].text in body), None)
        if keep is None and toks[-1].text in surnames and m.end - m.start > 1:
            keep = m.end - 1
        if keep is None:
            draft.mentions.remove(m)
            people.remove(m)
        else:
            m.start = keep


_SMALL_WORDS = frozenset({"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "by", "with", "as", "from"})


def _plural_head(draft: Draft, tok) -> bool:
    """"ministers", "Presidents": a title head in the plural."""
    low = tok.lower_
    return tok.tag_ in ("NNS", "NNPS") or (low.endswith("s") and low[:-1] in draft.gaz.cue("title_heads"))


def _plural_posts(draft: Draft) -> None:
    """"Foreign Ministers Jane Roe and John Doe", "the two presidents, Jane Roe of Ruritania and
    John Doe of Freedonia", "Ruritanian and Freedonian trade ministers Jane Roe and John Doe": a
    post in the plural before a list of names is each one's post; a state after a name ("of",
    "for") is that person's, and states before the post go to the names in turn when there
    are as many of them."""
    heads = draft.gaz.cue("title_heads")
    people = [m for m in draft.mentions if m.type == "Official" and draft.by_mention.get(id(m)) in draft.ents]
    starts = {m.start: m for m in people}
    done: set[int] = set()
    for m in people:
        if m.start in done:
            continue
        floor = draft.sents[draft.sent_no(m)].start
        j = m.start - (m.start - 1 >= floor and draft.doc[m.start - 1].text == ",")
        run = _title_run(draft, m, j, floor)
        if run is None:
            continue
        toks = list(draft.doc[run[0]:run[1]])
        head = [t for t in toks if t.lower_ in heads or t.lower_[:-1] in heads]
        if not head or not _plural_head(draft, head[-1]):
            continue
        names, states = _name_list(draft, m, starts)
        if len(names) < 2:
            continue
        done.update(n.start for n in names)
        countries = {i: mm for mm in draft.mentions if mm.type == "Country" and draft.by_mention.get(id(mm)) in draft.ents
                     for i in range(mm.start, mm.end)}
        first = head[0].i
        while first - 1 >= floor and first - 1 not in countries and draft.doc[first - 1].pos_ in ("ADJ", "PROPN", "NOUN"):
            first -= 1  # "foreign ministers", "Deputy Foreign Ministers"
        post = "".join(t.text_with_ws for t in draft.doc[first:head[-1].i]) + head[-1].text[:-1]
        before, k = [], first - 1  # "Ruritanian and Freedonian trade ministers"
        while k >= floor and (k in countries or draft.doc[k].lower_ in ("and", ",")):
            if k in countries and (not before or before[-1] is not countries[k]):
                before.append(countries[k])
            k -= 1
        before.reverse()
        evidence = draft.span_of(draft.doc[min(first, run[0])].idx, draft.doc[names[-1].end - 1].idx + len(draft.doc[names[-1].end - 1].text))
        for n, (name, state) in enumerate(zip(names, states)):
            ent = draft.ents[draft.by_mention[id(name)]]
            ent.titled = True
            _emit_title(draft, ent, post, evidence)
            if state is None and len(before) == len(names):
                state = draft.by_mention[id(before[n])]
            elif state is None and len({draft.by_mention[id(b)] for b in before}) == 1:
                state = draft.by_mention[id(before[0])]
            if state is not None:
                draft.relate(ent.key, "represents", state, evidence, "rule:plural-post", 0.75)


def _name_list(draft: Draft, m: Mention, starts: dict) -> tuple[list[Mention], list[str | None]]:
    """The names listed from ``m`` on ("A of X, B of Y and C"), each with the state after it."""
    names, states = [], []
    doc = draft.doc
    while m is not None:
        names.append(m)
        k, state = m.end, None
        if k + 1 < len(doc) and doc[k].lower_ in ("of", "for"):
            country = next((c for c in draft.mentions if c.type == "Country" and c.start == k + 1 + (doc[k + 1].lower_ == "the")
                            and c.role != "demonym" and draft.by_mention.get(id(c)) in draft.ents), None)
            if country is not None:
                state, k = draft.by_mention[id(country)], country.end
        states.append(state)
        while k < len(doc) and doc[k].lower_ in (",", "and"):
            k += 1
        m = starts.get(k) if k > names[-1].end else None
    return names, states


def _first_name(draft: Draft, tok) -> bool:
    """A capitalised word just before a name that NER left out ("Antony" in "Antony J. Blinken")."""
    return (tok.is_alpha and tok.text[:1].isupper() and not tok.is_sent_start and tok.ent_type_ in ("", "PERSON")
            and tok.lower_ not in _title_words(draft.gaz) and tok.lower_ not in draft.gaz.cue("title_heads")
            and not draft.gaz.lookup(tok.text) and tok.pos_ == "PROPN")


def _acts_at_occasion(draft: Draft, ent: DraftEntity) -> bool:
    """Whether a person named without a post is the subject or object of a verb of meeting
    or signing ("Modi met Biden"), not merely named near one ("the cases of X were raised
    in the talks")."""
    verbs = draft.gaz.cue("meeting_verbs") | draft.gaz.cue("signing_verbs")
    for start, end in ent.spans:
        span = draft.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        for _ in range(3):
            if tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "prep", "appos", "compound",
                                "npadvmod", "attr", "dative", "agent") \
                    or tok.head is tok:
                break
            tok = tok.head
            if tok.pos_ == "VERB" and tok.lemma_.lower() in verbs:
                return True
            if tok.pos_ == "VERB" and tok.lemma_.lower() in ("lead", "head") and any(
                    t.lower_ in ("delegation", "side", "team") for t in tok.subtree):
                return True  # "the Kenyan delegation was led by Peter Kamau"
    return not draft.doc.has_annotation("DEP") and any(has_trigger(draft, draft.sents[n]) for n in ent.sentences)


def resolve_title_anaphora(draft: Draft) -> None:
    """"the Secretary", "the Prime Minister", "the minister": a title with no name after it
    points to the one official of the article who holds that post."""
    heads = draft.gaz.cue("title_heads")
    holders: dict[str, set[str]] = {}
    for (s_, n, title) in draft.attrs:
        if n == "jobTitle":
            words = title.lower().replace("-", " ").split()
            head = title.lower().replace("-", " ").split(" of ")[0].split()  # "Secretary of State" → secretary
            for size in (1, 2, 3):
                for part in {tuple(words[-size:]), tuple(head[-size:])}:
                    if len(part) == size:
                        holders.setdefault(" ".join(part), set()).add(s_)
    taken = {t for m in draft.mentions for t in range(m.start, m.end)}
    owner_of = {m.end - 1: draft.by_mention.get(id(m)) for m in draft.mentions
                if m.type in ("Country", "Organization") and draft.by_mention.get(id(m)) in draft.ents}
    words = heads | {"prime", "foreign", "home"}
    lower = draft.lower
    for i in [i for i, w in enumerate(lower[:-1])
              if (w == "the" or i in owner_of) and lower[i + 1].replace("-", " ") in words]:
        tok = draft.doc[i]  # "the Secretary", or "NATO Secretary General visits Washington"
        k = tok.i + 1
        while k < len(draft.doc) and k - tok.i <= 3 and lower[k].replace("-", " ") in words:
            k += 1
        if k == tok.i + 1 or any(i in taken for i in range(tok.i + 1, k)):
            continue
        if k < len(draft.doc) and draft.doc[k].text[:1].isupper() and draft.doc[k].is_alpha:
            continue  # "the Secretary Blinken": a title before a name, read elsewhere
        phrase = " ".join(t.lower_ for t in draft.doc[tok.i + 1:k]).replace("-", " ")
        owners = holders.get(phrase, set()) & set(draft.ents)
        if tok.i in owner_of:
            owners = {o for o in owners if (o, "represents", owner_of[tok.i]) in draft.rels}
        if len(owners) != 1:
            continue
        mm = Mention(tok.i + 1, k, "Official", role="title", method="rule:title-anaphor")
        draft.mentions.append(mm)
        draft.link(mm, draft.ents[next(iter(owners))], alias=False)  # a post is no name
    draft.mentions.sort(key=lambda m: (m.start, m.end))


def _name_like(draft: Draft, m: Mention) -> bool:
    """A person's name: capitalised words, none of them a head word of a body, event or agreement."""
    words = set(draft.gaz.cues.get("event_heads", {})) | set(draft.gaz.cues.get("agreement_heads", {})) | \
        draft.gaz.cue("agency_heads") | draft.gaz.cue("organization_heads") | draft.gaz.cue("title_heads")
    toks = [t for t in draft.doc[m.start:m.end] if not t.is_punct]
    if not toks or any(t.text in ("'s", "’s") for t in draft.doc[m.start:m.end]):
        return False
    if not toks[0].text[:1].isupper() or not toks[-1].text[:1].isupper() and toks[-1].nbor(-1).text != "-":
        return False
    particles = draft.gaz.cue("name_particles")
    return all((t.text[:1].isupper() or t.lower_ in particles or (t.i > 0 and t.nbor(-1).text == "-"))
               and (t.lower_ not in words or _hyphened(t)) for t in toks)


def _hyphened(tok) -> bool:
    """Whether a word is one part of a hyphenated name ("Amir-Abdollahian"), not a word on its own."""
    after = tok.i + 1 < len(tok.doc) and not tok.whitespace_ and tok.doc[tok.i + 1].text == "-"
    before = tok.i > 0 and tok.doc[tok.i - 1].text == "-" and not tok.doc[tok.i - 1].whitespace_
    return after or before


def _title_left(draft: Draft, m: Mention) -> list[tuple[int, int]]:
    """Title runs before a name: "Home Secretary Ajay Bhalla", and an apposition before
    that ("Chad's Permanent Representative to the United Nations, Ambassador Cherif Zene")."""
    floor = draft.sents[draft.sent_no(m)].start
    j = m.start
    honorifics = draft.gaz.cue("honorifics")
    while j - 1 >= floor and (draft.doc[j - 1].lower_ in honorifics or draft.doc[j - 1].lower_ + "." in honorifics):
        j -= 1  # "..., Ms. Eveline Widmer-Schlumpf"
    if j - 1 >= floor and draft.doc[j - 1].text == ",":  # "the President of the country, Marie-Louise ..."
        j -= 1
    first = _title_run(draft, m, j, floor)
    if first is None:
        return []
    runs = [first]
    if first[0] - 1 > floor and draft.doc[first[0] - 1].text == ",":
        second = _title_run(draft, m, first[0] - 1, floor)
        if second is not None:
            runs.append(second)
    return runs


def _title_run(draft: Draft, m: Mention, j: int, floor: int) -> tuple[int, int] | None:
    """The run of title words that ends at token ``j``, if it holds a title head."""
    heads = draft.gaz.cue("title_heads")
    k = j
    people = {i for mm in draft.mentions if mm.type == "Official" and mm is not m for i in range(mm.start, mm.end)}
    stops = {i for mm in draft.mentions if mm.type in ("Event", "Agreement") for i in range(mm.start, mm.end)}
    nouns = set(draft.gaz.cues.get("event_heads", {})) | set(draft.gaz.cues.get("agreement_heads", {}))
    while k - 1 >= floor:
        tok = draft.doc[k - 1]
        if tok.text in ("-", "—", "–", "--") and (tok.whitespace_ or k - 2 >= floor and draft.doc[k - 2].whitespace_):
            break  # "ANKARA, March 3 (Reuters) - Turkish Foreign Minister": a dateline's dash, not "Vice-President"
        field = k - 3 >= floor and draft.doc[k - 2].lower_ == "of" and draft.doc[k - 3].lower_ in heads
        if tok.i in people or tok.i in stops or (tok.lower_ in nouns and not field) or (
                tok.pos_ in ("VERB", "ADP", "SCONJ", "AUX") and tok.lower_ not in ("of", "for", "to", "on")
                and tok.lower_ not in _title_words(draft.gaz) and not _post_in(draft, k - 1, floor)):
            break
        if tok.text == ")":  # "(OAS)", "(East)": a short aside inside the title
            opening = next((i for i in range(k - 2, max(floor, k - 6) - 1, -1) if draft.doc[i].text == "("), None)
            inside = draft.doc[opening + 1:k - 1].text if opening is not None else ""
            if opening is None or not re.fullmatch(r"[A-Z]{2,8}|[A-Z][a-z]+", inside):
                break
            k = opening
            continue
        if tok.text == "(":
            break
        if (tok.text[:1].isupper() and not tok.is_punct) or tok.lower_ in ("of", "the", "and", "for", "-", "(", ")", "'s", "’s") \
                or _lower_case_post(draft, k - 1, j) or (tok.lower_ in _NOT_THE_POST and k < j) \
                or tok.lower_ in heads or (tok.lower_ == "to" and k - 2 >= floor and draft.doc[k - 2].text[:1].isupper()) \
                or _post_in(draft, k - 1, floor):
            if tok.is_sent_start and tok.lower_ in ("the", "during", "at", "on", "in", "today"):
                break
            k -= 1
            continue
        known = next((n for n in (2, 3) if k - n >= floor and
                      " ".join(t.lower_ for t in draft.doc[k - n:k]) in draft.gaz.titles), None)
        if known:
            k -= known  # a post of several words with one in lower case: "Chargé d'affaires"
            continue
        break
    while k < j and draft.doc[k].lower_ in ("of", "the", "and", "for", "-", ")", "'s", "’s"):
        k += 1
    if k >= j:
        return None
    if not any(t.lower_ in heads for t in draft.doc[k:j]):
        return None
    return k, j


def _post_in(draft: Draft, i: int, floor: int) -> bool:
    """Whether "in" at token ``i`` ties a post to its seat: "High Commissioner in Nairobi"."""
    return draft.doc[i].lower_ == "in" and i - 1 >= floor and draft.doc[i - 1].lower_ in draft.gaz.cue("title_heads")


def _lower_case_post(draft: Draft, i: int, j: int) -> bool:
    """Whether tokens ``i:j`` spell a known post in lower case, as news writes them before a
    name ("the visiting foreign minister Jane Roe", "deputy prime minister John Doe")."""
    words = " ".join(t.lower_ for t in draft.doc[i:j])
    return not draft.doc[i].text[:1].isupper() and words in draft.gaz.titles




def _title_right(draft: Draft, m: Mention) -> list[tuple[int, int]]:
    heads = draft.gaz.cue("title_heads")
    people = {i for mm in draft.mentions if mm.type == "Official" for i in range(mm.start, mm.end)}
    sent = draft.sents[draft.sent_no(m)]
    out = []
    k = m.end
    while k < sent.end and draft.doc[k].text == "," and len(out) < 3:
        seg_start = k + 1
        while seg_start < sent.end and draft.doc[seg_start].lower_ in ("also", "now", "currently"):
            seg_start += 1  # "X, also vice chairman of ...": the post without the adverb
        e = seg_start
        while e < sent.end and draft.doc[e].text not in (",", ";", ":") and e - seg_start < 12:
            tok = draft.doc[e]
            if tok.pos_ in ("VERB", "AUX") or tok.lower_ in ("who", "which", "that", "said", "led", "met"):
                break
            e += 1
        body = next((mm for mm in draft.mentions if mm.type in ("Agency", "Organization") and mm.start < e < mm.end
                     and mm.end <= sent.end), None)
        if body is not None:
            e = body.end  # a long body's name ends the post, not a count of words
        if e == seg_start or draft.doc[seg_start].lower_ in ("and", "or", "but", "while") or \
                draft.doc[seg_start].pos_ == "ADP":  # "..., at the State House": where, not a post
            break  # "..., and the AU-appointed Mediator, Y": the next person of a list
        seg = draft.doc[seg_start:e]
        if not out and not any(t.lower_ in heads for t in seg):
            break
        if e < sent.end and draft.doc[e].lemma_.lower() in draft.gaz.cue("reporting_verbs") and draft.doc[seg_start].lower_ in ("a", "an"):
            break  # "talks with Putin, an AU official said": who said it, not Putin's post
        if any(t.ent_type_ == "PERSON" or t.i in people for t in seg):
            break  # "Kamala Harris, Chinese Premier Li Qiang, ...": a list of people, not a title
        out.append((seg_start, e))
        k = e
    return out


def _titles(draft: Draft, m: Mention, ent: DraftEntity) -> None:
    left = _title_left(draft, m)
    spans = left + _title_right(draft, m)
    for a, b in spans:
        _read_title(draft, ent, a, b)
    _counterpart(draft, ent, left[-1][0] if left else m.start)
    if left or (m.end < len(draft.doc) and draft.doc[m.end].lower_ in ("for", "of")):
        _state_after_name(draft, m, ent, titled=bool(left))


def _state_after_name(draft: Draft, m: Mention, ent: DraftEntity, *, titled: bool = True) -> None:
    """"Foreign Minister Jane Roe of Ruritania", "President John Doe of Freedonia": a titled name
    followed by "of" and a state says whom the person acts for. Only right after the name, and
    only where the title itself names no other state. Without a title, only in a list of such
    names ("The envoys are Mr. A of Ruritania, Ms. B of Freedonia and ...")."""
    doc = draft.doc
    k = m.end
    if k + 1 >= len(doc) or doc[k].lower_ not in ("of", "for"):
        return
    listed = _people_for_states(draft, draft.sent_no(m), doc[k].lower_)
    if (doc[k].lower_ == "for" or not titled) and listed < 2:
        return  # "envoy Jane Roe for Syria" alone: a mandate, not whom she acts for
    j = k + 1 + (doc[k + 1].lower_ == "the")
    country = next((mm for mm in draft.mentions if mm.type == "Country" and mm.start == j), None)
    key = draft.by_mention.get(id(country)) if country is not None else None
    if key not in draft.ents or country.role == "demonym":
        return
    if country.end < len(doc) and doc[country.end].text in ("'s", "’s", "-"):
        return  # "X of Ruritania's Trade Ministry": the state of a body, read with the body
    if any(s_ == ent.key and p == "represents" and o != key for (s_, p, o) in draft.rels):
        return
    evidence = draft.span_of(doc[m.start].idx, doc[country.end - 1].idx + len(doc[country.end - 1].text))
    draft.relate(ent.key, "represents", key, evidence, "rule:name-of-state", 0.8)
    ent.titled = True  # one of a list of envoys or leaders, each given with a state


def _people_for_states(draft: Draft, sent_n: int, word: str = "for") -> int:
    """How many "NAME for STATE" (or "NAME of STATE") items a sentence lists: "President Jane
    Roe for Freedonia, John Doe for Ruritania and ..." names each leader with the state they stand for."""
    sent = draft.sents[sent_n]
    people_end = {mm.end for mm in draft.mentions if mm.type == "Official" and sent.start <= mm.start < sent.end}
    states = {mm.start for mm in draft.mentions if mm.type == "Country" and mm.role != "demonym"}
    return sum(1 for i in range(sent.start, sent.end - 1)
               if draft.doc[i].lower_ == word and i in people_end and i + 1 in states)


def _counterpart(draft: Draft, ent: DraftEntity, start: int) -> None:
    """"his Fijian counterpart, Ambassador Peter Thomson", "their Chinese co-chairs, Vice
    Premier Wang Yang and State Councilor Yang Jiechi": the state named before the role noun
    that the names stand in apposition to."""
    i = start - 1
    if i >= 2 and draft.doc[i].lower_ == "and":  # the second name of such a list
        previous = [o for o in draft.ents.values() if o.type == "Official" and any(
            draft.doc[i - 1].idx < en <= draft.doc[i - 1].idx + len(draft.doc[i - 1].text) for _, en in o.spans)]
        for other in previous:
            for (s_, p, c), (ev, method, conf) in list(draft.rels.items()):
                if s_ == other.key and p == "represents" and method == "rule:country-in-apposition":
                    draft.relate(ent.key, "represents", c, ev, method, conf)
        return
    if i >= 1 and draft.doc[i].text != ",":
        i += 1  # "his Russian counterpart Sergey Lavrov": no comma between role and name
    if i < 2 or draft.doc[i - 1].pos_ not in ("NOUN", "PROPN"):
        return
    first = i - 1
    if first >= 2 and draft.doc[first - 1].text == "-":  # "co-chairs"
        first -= 2
    role = draft.doc[first:i]
    if role.text.lower() not in ("counterpart", "counterparts", "colleague", "colleagues", "host", "hosts",
                                 "co-chair", "co-chairs", "chair", "envoy", "envoys", "delegate", "delegates"):
        return
    before = first
    for mm in draft.mentions:
        if mm.type == "Country" and mm.end in (first, first - 1) and draft.by_mention.get(id(mm)) in draft.ents:
            evidence = draft.span_of(draft.doc[mm.start].idx, role.end_char)
            draft.relate(ent.key, "represents", draft.by_mention[id(mm)], evidence, "rule:country-in-apposition", 0.8)
            ent.titled = True
            before = mm.start
            break
    if role.text.lower() == "counterpart" and before >= 1 and draft.doc[before - 1].lower_ in ("his", "her", "'s", "’s"):
        ent.titled = True  # someone's counterpart is an official, posted or not
        draft.counterparts.append((ent.key, before - 1, draft.span_of(draft.doc[before - 1].idx, role.end_char)))


def counterparts_share_posts(draft: Draft) -> None:
    """"Foreign Minister Jane Roe met her Kenyan counterpart John Doe": a counterpart holds the
    same post on the other side, so John Doe is a foreign minister too, unless the text gives
    him a post of his own. Only where the owner of "counterpart" is clear ("her", "Roe's") and
    holds one post; "their counterparts" is left alone."""
    for key, at, evidence in draft.counterparts:
        if key not in draft.ents or any(s_ == key and n == "jobTitle" for (s_, n, _) in draft.attrs):
            continue
        owner = _possessor(draft, at)
        posts = [(v, val) for (s_, n, v), val in draft.attrs.items() if s_ == owner and n == "jobTitle"]
        if owner is None or owner == key or len(posts) != 1:
            continue
        draft.attribute(key, "jobTitle", posts[0][0], evidence, "rule:counterpart-post", 0.6)


def _possessor(draft: Draft, at: int) -> str | None:
    """Whose counterpart: the official ending just before "'s", or for "his"/"her" the official
    who is the subject of the clause (else the last one named before in the sentence)."""
    doc = draft.doc
    officials = {m.end - 1: draft.by_mention.get(id(m)) for m in draft.mentions if m.type == "Official"
                 and draft.ents.get(draft.by_mention.get(id(m)), None) is not None}
    if doc[at].text in ("'s", "’s"):
        return officials.get(at - 1)
    if doc[at].lower_ not in ("his", "her"):
        return None
    verb = doc[at].head
    while verb.dep_ not in ("ROOT",) and verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
        verb = verb.head
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            for tok in child.subtree:
                if tok.i in officials and tok.dep_ != "conj":
                    return officials[tok.i]
    sent = draft.sents[draft.sent_of(at)]
    earlier = [k for i, k in officials.items() if sent.start <= i < at]
    return earlier[-1] if earlier else None


def _read_title(draft: Draft, ent: DraftEntity, a: int, b: int) -> None:
    heads = draft.gaz.cue("title_heads")
    a = _last_conjunct_of_a_state(draft, a, b)
    toks = list(draft.doc[a:b])
    evidence = draft.span_of(toks[0].idx, toks[-1].idx + len(toks[-1].text))
    past = any(t.lower_ in draft.gaz.cue("past_markers") for t in toks)
    # bodies and countries named in the title: represents / memberOf
    bodies = [mm for mm in draft.mentions if a <= mm.start and mm.end <= b and mm.type in ("Agency", "Organization", "Country")]
    for mm in bodies:
        key = draft.by_mention.get(id(mm))
        if not key or key not in draft.ents:
            continue
        target = draft.ents[key]
        before = [t.lower_ for t in draft.doc[a:mm.start] if t.lower_ != "the"]
        if before and before[-1] in ("to", "in", "for") and len(before) > 1 and not (
                target.type == "Agency" and before[-1] == "in") and not (
                target.type != "Country" and before[-1] == "for"):
            # "Ambassador to India", "Permanent Representative to the UN": where the post is, not
            # whom it serves; "Special Envoy for Yemen": the post's mandate
            continue
        if target.type == "Country":
            draft.relate(ent.key, "represents", key, evidence, "rule:title-country", 0.9)
        elif target.type == "Organization":
            draft.relate(ent.key, "represents", key, evidence, "rule:title-body", 0.85)
            if not past:
                draft.relate(ent.key, "memberOf", key, evidence, "rule:title-body", 0.85)
        else:
            if not past:
                draft.relate(ent.key, "memberOf", key, evidence, "rule:title-body", 0.85)
            for (s, p, o) in list(draft.rels):
                if s == key and p == "agencyOf":
                    draft.relate(ent.key, "represents", o, evidence, "rule:title-agency-country", 0.8)
    if not any(t.lower_ in heads for t in toks):
        return  # a later comma segment naming a body only
    if _plural_head(draft, [t for t in toks if t.lower_ in heads][-1]):
        return  # "their foreign ministers, A and B": a post of several people, read in ``_plural_posts``
    ent.titled = True
    if past:
        return
    for t in _title_texts(draft, toks):
        _emit_title(draft, ent, t, evidence)


def _last_conjunct_of_a_state(draft: Draft, a: int, b: int) -> int:
    """Where the person's own title starts when a run joins the posts of two states' people:
    in "the Ruritanian Deputy Premier and Freedonia's Foreign Minister Jane Roe" only the
    second conjunct is Jane Roe's (the first names someone else, unnamed), as in a list
    "John Doe for Ruritania and Prime Minister Jane Roe"."""
    countries = [mm for mm in draft.mentions if mm.type == "Country" and a <= mm.start < b]
    starts = {mm.start for mm in countries}
    # "John Doe for Ruritania and Prime Minister Jane Roe": the state ends the item before
    listed = {mm.end for mm in countries if mm.start > 0 and draft.doc[mm.start - 1].lower_ == "for"}
    cuts = [t.i + 1 for t in draft.doc[a:b - 1] if t.lower_ == "and" and (t.i + 1 in starts or t.i in listed)]
    if not cuts and a >= 2 and draft.doc[a - 1].lower_ in ("of", "for") and any(
            mm.type == "Official" and mm.end == a - 1 for mm in draft.mentions):
        # "President John Doe of Ruritania and Prime Minister Jane Roe": the run begins with the
        # state of the person before, so only what follows its "and" is Jane Roe's
        cuts = [t.i + 1 for t in draft.doc[a:b - 1] if t.lower_ == "and"][:1]
    return cuts[-1] if cuts else a


_NOT_THE_POST = frozenset({"new", "newly", "visiting", "incoming", "newly-appointed", "outgoing"})
# words news puts before a post that are no part of it: "the new Ruritanian foreign minister"


def _title_texts(draft: Draft, toks: list) -> list[str]:
    """The posts a title run names, without the country in front or a state or
    organisation after "of": "US Deputy Secretary" → "Deputy Secretary",
    "President of Malta" → "President", "Minister of State and Minister of Foreign
    Affairs" → both posts; a body stays ("Director of the National Economic Council")."""
    heads = draft.gaz.cue("title_heads")
    kind_of = {}
    for mm in draft.mentions + draft.inner:
        key = draft.by_mention.get(id(mm))
        kind = draft.ents[key].type if key in draft.ents else mm.type
        for i in range(mm.start, mm.end):
            kind_of.setdefault(i, kind)
    words = list(toks)
    possessed = {t.i - 1 for t in toks if t.text in ("'s", "’s")}  # "OAS's Secretary": the owner goes
    while words and (kind_of.get(words[0].i) == "Country" or words[0].text in ("'s", "’s") or
                     (kind_of.get(words[0].i) == "Organization" and len(words) > 1
                      and words[1].lower_ in draft.gaz.cue("title_heads")) or
                     (words[0].i in possessed and kind_of.get(words[0].i) in ("Organization", "Agency")) or
                     words[0].lower_ in ("of", "and", "-", "for", "to", "(", ")", "the", "a", "an")
                     or words[0].lower_ in _NOT_THE_POST and len(words) > 1):
        words = words[1:]
    text = "".join(t.text_with_ws for t in words).strip()  # as written: "Prime Minister's Office"
    text = re.sub(r"\s*\([A-Z]{2,8}\)", "", text)  # "(OAS)", "(CCP)": acronyms of what the title names
    parts = re.split(r"\s+and\s+", text)
    if not (len(parts) > 1 and all(any(w.lower() in heads for w in re.split(r"[\s(-]+", p)) for p in parts)):
        parts = [text]
    out = []
    for part in parts:
        part = re.sub(r"^(?:as|the|a|an)\s+", "", part, flags=re.IGNORECASE)
        spoken_for = re.match(r"^(.+?)\s+for\s+(.+)$", part)
        if spoken_for and spoken_for.group(2).split()[0].lower().replace("-", " ").split()[0] in heads:
            part = spoken_for.group(2)  # "Spokesman for Secretary-General X": X is the Secretary-General
        # drop a trailing "of <country or organisation>", "to <country>"
        for _ in range(2):
            for m in re.finditer(r"\s+(?:of|to)\s+", part):  # the longest tail first
                tail = part[m.end():]
                if draft.gaz.country_of(tail) or any(r[1] == "Organization" for r in draft.gaz.lookup(tail)):
                    part = part[:m.start()]
                    break
        part = re.sub(r"(?:\s+(?:of|for|to|and|the))+\s*$", "", part).strip(" ,")
        if part:
            out.append(part)
    return out


def _emit_title(draft: Draft, ent: DraftEntity, t: str, evidence: Span) -> None:
    t = t.strip(" ,.;:")
    if t.isupper() and t.lower() in draft.gaz.titles:
        t = draft.gaz.titles[t.lower()]  # "EAM", "PM": the post, spelled out
    if t and len(t) <= 120:  # a post may name a long body; longer runs are not posts
        draft.attribute(ent.key, "jobTitle", t[0].upper() + t[1:], evidence, "rule:title-next-to-name", 0.85)


def resolve_pronouns(draft: Draft) -> None:
    """"Kamau arrived in Lima on Monday. He met President Soto": a "he" or "she" that is the
    subject of its clause is the official last named as a subject, in its sentence or the one
    before. Nothing is linked where that official is not clear (no subject named, or the
    sentence before names two officials as subjects)."""
    if not draft.doc.has_annotation("DEP"):
        return
    taken = {t for m in draft.mentions for t in range(m.start, m.end)}
    subjects: list[tuple[int, str]] = []  # (token, official) for officials named as subjects
    for m in draft.mentions:
        key = draft.by_mention.get(id(m))
        if m.type == "Official" and key in draft.ents and m.role != "pronoun":
            root = draft.doc[m.start:m.end].root
            if root.dep_ in ("nsubj", "nsubjpass") or (root.dep_ == "conj" and root.head.dep_ in ("nsubj", "nsubjpass")):
                subjects.append((root.i, key))
    for tok in draft.doc:
        if tok.lower_ not in ("he", "she") or tok.dep_ not in ("nsubj", "nsubjpass") or tok.i in taken:
            continue
        here = draft.sent_of(tok.i)
        before = [(i, k) for i, k in subjects if i < tok.i and draft.sent_of(i) >= here - 1]
        if not before:
            continue
        last_sent = draft.sent_of(before[-1][0])
        owners = {k for i, k in before if draft.sent_of(i) == last_sent}
        if len(owners) != 1:
            continue
        mention = Mention(tok.i, tok.i + 1, "Official", role="pronoun", method="rule:pronoun")
        draft.mentions.append(mention)
        draft.link(mention, draft.ents[owners.pop()], alias=False)
    draft.mentions.sort(key=lambda m: (m.start, m.end))
