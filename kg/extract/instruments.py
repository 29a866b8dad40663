"""Instruments: agreements, their parties, signatories and signing occasions.

Takes a ``Draft`` with its officials and occasions; adds Agreement entities for named
instruments, "a memorandum" after a verb of signing and "the agreement between A and B", with
``party``, ``signatory`` and ``signedAt`` relations and the ``date`` of signing.
"""

from __future__ import annotations

import re

from .bodies import ensure_country, qualifiers, strip_qualifiers
from .dates import story_anchor
from .draft import Draft, determiner, inside_mention, modifiers_start, slug
from .occasion_facts import GROUP_RE, acts_in, lead_sentence, event_place, officials_in, participant_list, sentence_dates, sentence_event
from .occasions import negated, new_event, note_event

__all__ = ["find_agreements", "occasions_dated_by_signing", "parties_attend_their_signing", "parties_from_signatories",
           "signings_at_named_ceremonies", "statements_of_their_occasion"]


def find_agreements(draft: Draft) -> None:
    """Instruments named, signed ("signed a memorandum") or named by their parties, with what
    each sentence that mentions them says of parties, signatories, occasion and date."""
    heads = dict(draft.gaz.cues.get("agreement_heads", {}))
    signed_only = draft.gaz.cues.get("signed_instrument_heads", {})  # "signed a plan of consultations"
    heads.update(signed_only)
    signing = draft.gaz.cue("signing_verbs")
    by_name: dict[str, str] = {}
    for sent_n, sent in enumerate(draft.sents):
        signs = [draft.doc[i] for i in range(sent.start, sent.end)
                 if (draft.lemma[i] in signing or draft.lower[i] in ("signed", "signs", "inked"))
                 and not _unsigned(draft.doc[i]) and not _signed_long_ago(draft, draft.doc[i])]
        initialled = any(w.startswith("initial") for w in draft.lower[sent.start:sent.end])
        found: list[str] = []
        for m in [m for m in draft.mentions if m.type == "Agreement" and draft.sent_no(m) == sent_n]:
            name = strip_qualifiers(draft, m)
            # the same instrument: a longer form of the name, or its words in another order
            # ("Political Consultation Agreement", "Agreement of Political Consultation")
            key = by_name.get(slug(name)) or next(
                (k for n, k in by_name.items() if slug(name).startswith(n + "-") or n.startswith(slug(name) + "-")
                 or _words(n) == _words(slug(name))), None)
            short = _acronym_after(draft, m)
            if key is None and short and slug(short) in by_name:
                # "sign MoU" in the headline, "a Memorandum of Understanding (MoU)" below: one instrument
                key = by_name[slug(short)]
                draft.ents[key].name = name
                by_name[slug(name)] = key
            if key is None:
                draft.counter += 1
                ent = draft.entity(f"agreement/{draft.counter}", "Agreement", name, kind=m.kind,
                                  method="rule:named-agreement", confidence=0.85)
                by_name[slug(name)] = key = ent.key
                draft.agreement_order.append(key)
            draft.link(m, draft.ents[key])
            found.append(key)
            for code in qualifiers(draft, m):
                draft.relate(key, "party", ensure_country(draft, code), draft.tok_span(m), "rule:agreement-name-country", 0.8)
        for tok in (draft.doc[i] for i in range(sent.start, sent.end) if draft.lower[i] in heads):
            low = tok.lower_
            if tok.text[:1].isupper() or inside_mention(draft, tok.i):
                continue
            if low in signed_only and not (tok.dep_ in ("dobj", "nsubjpass") and tok.head in signs):
                continue  # a plan only talked of is no instrument
            if low in ("statement", "understanding", "framework", "charter") and not (low == "statement" and tok.i and draft.doc[tok.i - 1].lower_ == "joint"):
                continue
            det = determiner(draft, tok)
            between = tok.i + 1 < sent.end and draft.doc[tok.i + 1].lower_ == "between"
            known_kind = any(draft.ents[k].kind == heads[low] for k in draft.agreement_order)
            one = tok.tag_ not in ("NNS", "NNPS")  # "agreements were signed": which ones, the text does not say
            signed_here = [s for s in signs if s.i < tok.i or one and (s.dep_ == "acl" and s.head.i == tok.i)
                           or one and (tok.dep_ == "nsubjpass" and tok.head.i == s.i)]  # "a memorandum was signed by"
            described = [c for c in tok.children if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in signing
                         and _signed_long_ago(draft, c)]
            if one and det in ("the", "a", "an", "") and described:
                det, signed_here = "", described  # "the treaty signed in 1929": its own, not one told before
            issuer = tok.head if tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in _ISSUING and \
                heads[low] in ("JointStatement", "Declaration", "Communique") and not _unsigned(tok.head) else None
            if issuer is not None and det in ("a", "an", ""):
                start = modifiers_start(draft, tok.i, sent.start)
                text = draft.doc[start:tok.i + 1].text
                told = next((k for k in draft.agreement_order if draft.ents[k].method == "rule:issued-noun"
                             and draft.ents[k].kind == heads[low]), None)  # the headline's, told again
                if told is None:
                    draft.counter += 1  # "A and B issued a joint statement on Thursday": issued, not signed
                    told = draft.entity(f"agreement/{draft.counter}", "Agreement", text, kind=heads[low],
                                        method="rule:issued-noun", confidence=0.6).key
                    draft.agreement_order.append(told)
                draft.ents[told].add(text, draft.doc[start].idx, tok.idx + len(tok.text))
                _issued_facts(draft, sent_n, told, issuer)
                continue
            if det == "the" and not draft.agreement_order and signed_here and not between:
                # "X and Y signed the agreement", "the agreement, signed by X and Y,": the first
                # instrument the story names
                det = ""
            if det in ("the", "this", "that", "poss") and draft.agreement_order and (not between or known_kind):
                same = [k for k in draft.agreement_order if draft.ents[k].kind == heads[low]]
                target = (same or draft.agreement_order)[-1]
                together = [] if one else _told_last(draft, sent_n)  # "the agreements": all those just told
                for k in together or [target]:
                    draft.ents[k].add(tok.text, tok.idx, tok.idx + len(tok.text))
                    found.append(k)
            elif between and not inside_mention(draft, tok.i):
                # "the agreement between Belgrade and Pristina": identified by its parties
                key = _agreement_between(draft, tok, sent, heads[low])
                if key:
                    found.append(key)
            elif signed_here and det in ("a", "an", "") and _headline_instrument(draft, sent_n, heads[low]):
                # "Ruritania, Freedonia sign deal" above "... signed an agreement on Monday": one instrument
                target = _headline_instrument(draft, sent_n, heads[low])
                draft.ents[target].add(tok.text, tok.idx, tok.idx + len(tok.text))
                found.append(target)
            elif signed_here and det in ("a", "an", ""):
                start = modifiers_start(draft, tok.i, sent.start)
                draft.counter += 1
                end = tok.i + 1
                if low in signed_only and end + 1 < sent.end and draft.lower[end] == "of" \
                        and draft.doc[end + 1].pos_ == "NOUN":
                    end += 2  # "a plan of consultations", "a programme of cooperation": the kind is in the "of"
                text = draft.doc[start:end].text
                ent = draft.entity(f"agreement/{draft.counter}", "Agreement", text, kind=heads[low], method="rule:signed-noun", confidence=0.6)
                ent.add(text, draft.doc[start].idx, draft.doc[end - 1].idx + len(draft.doc[end - 1].text))
                draft.agreement_order.append(ent.key)
                found.append(ent.key)
        if not found and len(draft.agreement_order) == 1 and any(_signed_bare(v) for v in signs):
            found.append(draft.agreement_order[0])  # "X signed for Ruritania": the story's one instrument
        if not found and any(_signed_together(v) for v in signs):
            found.extend(_told_last(draft, sent_n))  # "The documents were signed by X and Y"
        for key in dict.fromkeys(found):
            _agreement_facts(draft, sent_n, key, signed=bool(signs) and not initialled)


def _signed_bare(verb) -> bool:
    """Whether a verb of signing names nothing signed, or only "it" or "the document": "X signed
    for Ruritania", "it was signed by X and Y"."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return verb.pos_ in ("VERB", "AUX") and verb.dep_ not in ("acl", "amod") and \
        all(o.lower_ in ("it", "document", "text") for o in objects)  # not "the document signed in X"


_ISSUING = frozenset({"issue", "adopt", "release", "publish"})


def _issued_facts(draft: Draft, sent_n: int, key: str, verb) -> None:
    """Who issued a joint statement and when: the states or bodies that are the verb's subject
    ("Ruritania and Freedonia issued a joint statement on Thursday")."""
    sent = draft.sents[sent_n]
    ev = draft.span_of(sent.start_char, sent.end_char)
    inside = {t.i for c in verb.children if c.dep_ == "nsubj" for t in c.subtree}
    for m in draft.mentions_in(sent.start, sent.end):
        k = draft.by_mention.get(id(m))
        if m.start in inside and k in draft.ents and draft.ents[k].type in ("Country", "Organization", "Agency"):
            draft.relate(key, "party", k, ev, "rule:issuers", 0.7)
    dates = sentence_dates(draft, sent)
    if dates:
        draft.attribute(key, "date", dates[0].value.isoformat(), ev, "rule:date-in-sentence", 0.8)


_TOGETHER = ("documents", "agreements", "deals", "pacts", "accords", "instruments", "memoranda", "texts", "mous")


def _signed_together(verb) -> bool:
    """Whether a verb of signing has the instruments just told as its object, named together:
    "the documents were signed by", "both agreements were signed by", "X and Y signed the deals"."""
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ in _TOGETHER and any(
        d.lower_ in ("the", "these", "both", "all", "those") for d in c.children) for c in verb.children)


def _told_last(draft: Draft, sent_n: int) -> list[str]:
    """The instruments named in the latest sentence before ``sent_n`` that names any."""
    for n in range(sent_n - 1, -1, -1):
        here = [k for k in draft.agreement_order if k in draft.ents and any(
            draft.sents[n].start_char <= a < draft.sents[n].end_char for a, _ in draft.ents[k].spans)]
        if here:
            return here
    return []


def _acronym_after(draft: Draft, m: Mention) -> str | None:
    """The short form in brackets right after a name: "Memorandum of Understanding (MoU)"."""
    doc = draft.doc
    if m.end + 2 < len(doc) and doc[m.end].text == "(" and doc[m.end + 2].text == ")" and doc[m.end + 1].text[:1].isupper():
        return doc[m.end + 1].text
    return None


def _headline_instrument(draft: Draft, sent_n: int, kind: str) -> str | None:
    """The one unnamed instrument the headline says was signed, when ``sent_n`` is the lead."""
    lead = lead_sentence(draft)
    if lead is None or sent_n != lead:
        return None
    start = draft.sents[lead].start_char
    above = [k for k in draft.agreement_order if (draft.ents[k].method == "rule:signed-noun"
                                                  or len(draft.ents[k].name.split()) == 1)  # "MoU", "pact"
             and all(a < start for a, _ in draft.ents[k].spans)]
    if len(above) != 1 or draft.ents[above[0]].kind not in (kind, "Agreement") and kind != "Agreement":
        return None
    return above[0]


_PLANNING = {"expect", "plan", "agree", "hope", "set", "schedule", "want", "intend", "aim", "prepare", "seek",
             "decide", "propose", "wish", "would", "be"}


_AGO = re.compile(r"\b(?:last|previous|past) (?:year|decade|century)\b|\b(?:years|decades) (?:ago|earlier)\b")


def _signed_long_ago(draft: Draft, verb) -> bool:
    """"the treaty signed in 1929", "the accord, which was signed two decades ago": a signing
    that only describes an instrument the story talks about, not one it reports."""
    if verb.dep_ not in ("acl", "relcl"):
        return False
    told = " ".join(t.text for t in verb.subtree if t.i > verb.i).lower()
    year = draft.article.date.year if draft.article.date else None
    years = [int(y) for y in re.findall(r"\b(1[89]\d\d|20\d\d)\b", told)]
    return bool(_AGO.search(told)) or any(y != year for y in years)


def _unsigned(verb) -> bool:
    """Whether a verb of signing tells of no signing that took place: denied ("did not sign",
    "refused to sign", "no agreement was signed") or planned ("will sign", "is expected to
    sign", "agreed to sign", "to be signed next week")."""
    if negated(verb):
        return True
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("will", "shall", "would", "'ll", "to", "may", "might",
                                                           "could", "should", "can")
           for c in verb.children):
        return True  # "will sign", "to be signed"
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _PLANNING  # "agreed to sign"


def _words(name_slug: str) -> frozenset[str]:
    return frozenset(name_slug.split("-")) - {"of", "the", "on", "for", "and", "in", "a", "an"}


def _agreement_between(draft: Draft, tok, sent, kind: str) -> str | None:
    """An instrument named by its parties: "<modifiers> agreement between A and B", with at
    least two states or bodies after "between"; the same parties name the same instrument."""
    stop = re.search(r"[.;:]|\b(?:to|on|in|which|that|who|was|were|is|has|have)\b",
                     draft.text[tok.idx + len(tok.text):sent.end_char])
    hi = tok.idx + len(tok.text) + (stop.start() if stop else sent.end_char - tok.idx)
    parties = [draft.by_mention[id(m)] for m in draft.mentions if tok.idx < draft.doc[m.start].idx < hi
               and draft.by_mention.get(id(m)) in draft.ents
               and draft.ents[draft.by_mention[id(m)]].type in ("Country", "Agency", "Organization")]
    parties = list(dict.fromkeys(parties))
    if len(parties) < 2:
        return None
    names = " and ".join(draft.ents[k].name for k in parties)
    for key in draft.agreement_order:
        if {o for (s_, p, o) in draft.rels if s_ == key and p == "party"} == set(parties):
            draft.ents[key].add(None, tok.idx, tok.idx + len(tok.text))
            return key
    start = modifiers_start(draft, tok.i, sent.start)
    name = f"{draft.doc[start:tok.i + 1].text} between {names}"
    draft.counter += 1
    ent = draft.entity(f"agreement/{draft.counter}", "Agreement", name, kind=kind, method="rule:instrument-between",
                      confidence=0.6)
    ent.add(draft.doc[start:tok.i + 1].text, draft.doc[start].idx, tok.idx + len(tok.text))
    draft.agreement_order.append(ent.key)
    ev = draft.span_of(sent.start_char, sent.end_char)
    for k in parties:
        draft.relate(ent.key, "party", k, ev, "rule:between", 0.75)
    return ent.key


def _agreement_facts(draft: Draft, sent_n: int, key: str, *, signed: bool) -> None:
    sent = draft.sents[sent_n]
    ev = draft.span_of(sent.start_char, sent.end_char)
    ent = draft.ents[key]
    text = sent.text
    # parties: "<instrument> between A and B", "<instrument> with B", right after its mention
    ends = [en for st, en in ent.spans if sent.start_char <= st < sent.end_char]
    for found in re.finditer(r"\b(between|with)\b", text):
        lo = sent.start_char + found.start()
        if not any(0 <= lo - en <= 12 for en in ends):
            continue  # "between" belongs to another noun ("collaboration between A and B")
        stop = re.search(r"[.;:]|\b(?:to|on|in|which|that|who)\b", text[found.end():found.end() + 160])
        hi = sent.start_char + found.end() + (stop.start() if stop else 160)
        for m in draft.mentions:
            k = draft.by_mention.get(id(m))
            if k in draft.ents and draft.ents[k].type in ("Country", "Agency", "Organization") and \
                    lo <= draft.doc[m.start].idx < hi:
                draft.relate(key, "party", k, ev, f"rule:{found.group(1)}", 0.8)
    if signed:
        for verb in _verbs_signing(draft, key, sent_n):  # "... was signed on Monday between A and B"
            for prep in (c for c in draft.doc[verb].children if c.dep_ == "prep" and c.lower_ == "between"):
                inside = {t.i for t in prep.subtree}
                for m in draft.mentions:
                    k = draft.by_mention.get(id(m))
                    if m.start in inside and k in draft.ents and draft.ents[k].type in ("Country", "Agency", "Organization"):
                        draft.relate(key, "party", k, ev, "rule:signed-between", 0.8)
        for m in draft.mentions:  # "The United Kingdom and Rwanda signed a treaty"
            k = draft.by_mention.get(id(m))
            if draft.sent_no(m) != sent_n or k not in draft.ents or draft.ents[k].type not in ("Country", "Organization"):
                continue
            tok = draft.doc[m.start:m.end].root  # "the Federation of X's Chambers": the name's own head
            while tok.dep_ in ("conj", "compound", "poss") and tok.head.i != tok.i:
                tok = tok.head  # "NATO Ambassadors signed", "India's envoy signed": the body behind the signers
                holder = draft.mention_at(tok.i, ("Country", "Organization", "Agency"))
                if holder is not None and holder is not m:
                    tok = draft.doc[holder.start:holder.end].root  # a conjunct the parser hung inside a long name
            if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in draft.gaz.cue("signing_verbs"):
                draft.relate(key, "party", k, ev, "rule:subject-of-signing", 0.75)
            elif _in_signing_agent(draft, draft.doc[m.end - 1]):
                draft.relate(key, "party", k, ev, "rule:agent-of-signing", 0.7)  # "signed by Kenyan and Ethiopian officials"
        witnessed = re.search(r"\b(?:in the presence of|witnessed by|attended by)\b", text, re.IGNORECASE)
        limit = sent.start_char + witnessed.start() if witnessed else sent.end_char
        signers = [o for o in officials_in(draft, sent_n)
                   if any(sent.start_char <= st < limit for st, _ in draft.ents[o].spans)]
        verbs = _verbs_signing(draft, key, sent_n)
        subjects = [o for o in signers if _signs(draft, o, sent_n, verbs)]
        every = verbs or {t.i for t in sent if t.lemma_.lower() in draft.gaz.cue("signing_verbs") and t.pos_ == "VERB"}
        if subjects or every and not _signed_by_people(draft, every):
            # "X subscribed an agreement ... of the President of the country, Y": X signed;
            # "A and B signed a treaty during talks between X and Y": no one named signed it
            signers = subjects
        if not signers and GROUP_RE.search(draft.text[sent.start_char:limit]):
            event = sentence_event(draft, sent_n)
            if event:
                signers = [o for o in participant_list(draft, event) if draft.ents[o].type == "Official"]
        signers += [o for o in _signing_for(draft, sent_n) if o not in signers]
        for o in signers:
            draft.relate(key, "signatory", o, ev, "rule:signing-verb", 0.75)
        event = _signing_occasion(draft, sent_n, key, signers)
        if event:
            draft.relate(key, "signedAt", event, ev, "rule:signed-during", 0.7)
        dates = sentence_dates(draft, sent)
        if dates:
            draft.attribute(key, "date", dates[0].value.isoformat(), ev, "rule:date-in-sentence", 0.8)
        elif event:
            ends = [v for (s, n, v) in draft.attrs if s == event and n == "endDate"] or \
                   [v for (s, n, v) in draft.attrs if s == event and n == "startDate"]
            if ends:
                draft.attribute(key, "date", ends[0], ev, "rule:date-of-occasion", 0.7)
    issued = story_anchor(draft.article.text, draft.article.date)  # the dateline's day, else the page's
    if ent.kind in ("JointStatement", "Declaration", "Communique") and sent_n == 0 and issued:
        draft.attribute(key, "date", issued.isoformat(), ev, "rule:issued-on-publication", 0.6)
        for o in officials_in(draft, sent_n):
            for (s, p, c) in list(draft.rels):
                if s == o and p == "represents":
                    draft.relate(key, "party", c, ev, "rule:issuers", 0.6)


def _signing_for(draft: Draft, sent_n: int) -> list[str]:
    """", with Minister A signing for Ruritania and Minister B for Freedonia": who signed, and
    for which state, in the absolute construction news uses after the signing it reports."""
    sent = draft.sents[sent_n]
    marks = [t.i for t in sent if t.lower_ == "signing" and t.i + 1 < sent.end and draft.lower[t.i + 1] == "for"]
    if not marks:
        return []
    found = []
    for m in draft.mentions_in(sent.start, sent.end):
        key = draft.by_mention.get(id(m))
        if key not in draft.ents or draft.ents[key].type != "Official" or m.start < marks[0] - 8:
            continue
        after = m.end + (m.end in marks)  # "A signing for X" or, later in the list, "B for Y"
        if after + 1 >= sent.end or draft.lower[after] != "for":
            continue
        state = draft.mention_at(after + 1, ("Country",))
        if state is None or draft.by_mention.get(id(state)) not in draft.ents:
            continue
        found.append(key)
        if not any(s_ == key and p == "represents" for (s_, p, _) in draft.rels):
            evidence = draft.span_of(draft.doc[m.start].idx, draft.doc[state.end - 1].idx + len(draft.doc[state.end - 1]))
            draft.relate(key, "represents", draft.by_mention[id(state)], evidence, "rule:signing-for", 0.75)
    return found


def _signs(draft: Draft, official: str, sent_n: int, only: set[int] | None = None) -> bool:
    """Whether the parse makes the official the subject (or agent) of a verb of signing in the
    sentence (of one of the verbs ``only``, when given)."""
    verbs = draft.gaz.cue("signing_verbs")
    for start, end in draft.ents[official].spans:
        span = draft.doc.char_span(start, end, alignment_mode="expand")
        if span is None or draft.sent_of(span.start) != sent_n:
            continue
        tok = span.root
        while tok.dep_ in ("conj", "appos", "compound") and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in verbs and (
                not only or tok.head.i in only):
            return True
        if any(t.dep_ == "agent" and t.head.lemma_.lower() in verbs and (not only or t.head.i in only)
               for t in span.root.ancestors):
            return True  # "signed by X", "signed by X and Y's minister Z", however the names hang below "by"
    return False


def _verbs_signing(draft: Draft, key: str, sent_n: int) -> set[int]:
    """The verbs of signing whose object (or passive subject) is this instrument in the
    sentence: "the memorandum was signed by X, while the agreement was signed by Y"."""
    verbs = draft.gaz.cue("signing_verbs")
    sent = draft.sents[sent_n]
    found = set()
    for start, end in draft.ents[key].spans:
        span = draft.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not sent.start <= span.start < sent.end:
            continue
        tok = span.root
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in verbs:
            found.add(tok.head.i)
    return found


def _signed_by_people(draft: Draft, verbs: set[int]) -> bool:
    """Whether one of these verbs of signing has people, not states or bodies, as its subject or
    agent (or no subject named at all)."""
    for i in verbs:
        verb = draft.doc[i]
        actors = [c for c in verb.children if c.dep_ in ("nsubj", "agent")]
        if not actors:
            return True
        for actor in actors:
            if actor.dep_ == "agent":  # "signed by X": X is the agent's object
                actor = next((c for c in actor.children if c.dep_ == "pobj"), actor)
            if not any(m.type in ("Country", "Agency", "Organization") and m.start <= actor.i < m.end
                       for m in draft.mentions):
                return True
    return False


def _signing_occasion(draft: Draft, sent_n: int, agreement: str, signers: list[str]) -> str | None:
    """The occasion of a signing: a ceremony the story names, an occasion the sentence ties
    the signing to ("at the conclusion of the dialogue", "on the sidelines of the summit"),
    or else a signing event of its own."""
    sent = draft.sents[sent_n]
    here = [k for k in draft.events_by_sent.get(sent_n, []) if k in draft.ents]
    before = [k for k in draft.events_by_sent.get(sent_n - 1, []) if k in draft.ents] if sent_n else []
    after = [k for k in draft.events_by_sent.get(sent_n + 1, []) if k in draft.ents]  # "At the signing ceremony, ..."
    ceremonies = [k for k in here + before + after if draft.ents[k].kind == "SigningCeremony"]
    tied = re.search(r"\b(?:at the (?:conclusion|end|close) of|during|on the (?:sidelines|margins) of|"
                     r"in the (?:margins|course) of|at|following|after)\s+(?:the|this|these|their)\b", sent.text,
                     re.IGNORECASE) or re.search(r"\b(?:[Dd]uring|in the course of)\s+(?:his|her|[A-Z])", sent.text)
    # "during Prime Minister X's visit", "during his visit": the visit the sentence names
    sides = GROUP_RE.search(sent.text)
    earlier = [o for (s_, p, o) in draft.rels if s_ == agreement and p == "signedAt"]
    if ceremonies:
        key = ceremonies[0]
    elif here and tied:
        return here[0]  # "Following the talks, the two ministers signed": signed at the talks' close
    elif sides and not here and not earlier and _occasion_before(draft, sent_n):
        return _occasion_before(draft, sent_n)  # "X and Y held talks. The two sides signed ...": at those talks
    elif earlier:
        key = earlier[0]
    else:
        name = "signing of the " + draft.ents[agreement].name
        key = new_event(draft, name, "SigningCeremony", "rule:signing-occasion", 0.6).key
    if draft.ents[key].kind == "SigningCeremony":
        # each sentence that reports the signing may add who was there, where and when
        note_event(draft, sent_n, key)
        ev = draft.span_of(sent.start_char, sent.end_char)
        for o in signers + [o for o in officials_in(draft, sent_n) if o not in signers and acts_in(draft, o, sent_n)]:
            draft.relate(key, "participant", o, ev, "rule:signing-occasion", 0.6)
        event_place(draft, sent, sent_n, key, ev)
        dates = sentence_dates(draft, sent)
        if dates and not any(s_ == key and n == "startDate" for (s_, n, _) in draft.attrs):
            draft.attribute(key, "startDate", dates[0].value.isoformat(), ev, "rule:date-in-sentence", 0.7)
    return key


def _in_signing_agent(draft: Draft, tok) -> bool:
    """Whether a state or body is among those an instrument "was signed by", themselves or
    through their officials ("signed by Kenyan and Ethiopian officials")."""
    for anc in tok.ancestors:
        if anc.dep_ == "agent":
            return anc.head.lemma_.lower() in draft.gaz.cue("signing_verbs")
        if anc.pos_ in ("VERB", "AUX"):
            return False
    return False


def _occasion_before(draft: Draft, sent_n: int) -> str | None:
    """The occasion of the sentence before, when it told of a single one other than a signing."""
    keys = [k for k in draft.events_by_sent.get(sent_n - 1, []) if k in draft.ents] if sent_n else []
    if len(keys) == 1 and draft.ents[keys[0]].kind not in ("SigningCeremony", "Visit"):
        return keys[0]
    return None


def signings_at_named_ceremonies(draft: Draft) -> None:
    """"X and Y today signed a letter ... At the signing ceremony, held in Guatemala City, ...":
    the signing the rules made up for an instrument is the one ceremony the story names."""
    named = [k for k in draft.event_order if k in draft.ents and draft.ents[k].kind == "SigningCeremony"
             and draft.ents[k].method != "rule:signing-occasion"
             and not any(p == "signedAt" and o == k for (_, p, o) in draft.rels)]
    made = list(dict.fromkeys(o for (s, p, o) in draft.rels if p == "signedAt" and o in draft.ents
                              and draft.ents[o].method == "rule:signing-occasion"))
    if len(named) == 1 and len(made) == 1:
        draft.merge(made[0], named[0])
    for key in list(draft.agreement_order):  # "X, Y sign MoU" above "... at the ceremony in Z"
        at = [o for (s, p, o) in draft.rels if s == key and p == "signedAt" and o in draft.ents]
        ours = [o for o in at if draft.ents[o].method == "rule:signing-occasion"]
        told = [o for o in at if o not in ours and draft.ents[o].kind == "SigningCeremony"]
        if len(told) == 1 and len(ours) == 1:
            draft.merge(ours[0], told[0])
    for event in [k for k in draft.event_order if k in draft.ents and draft.ents[k].kind == "SigningCeremony"]:
        signed = [s for (s, p, o) in draft.rels if p == "signedAt" and o == event]
        if len(signed) == 1 and len(draft.ents[event].name.split()) < 3:
            draft.ents[event].name = f"signing of the {draft.ents[signed[0]].name}"  # not "signing" or "ceremony"


def parties_from_signatories(draft: Draft) -> None:
    """An instrument with no party named binds the states its signatories represent; with no
    signatory named either ("Kenya and Peru held talks ... The two sides signed an
    agreement"), the two states that took part in the occasion it was signed at."""
    for key in draft.agreement_order:
        if key not in draft.ents:
            continue
        parties = {o for (s, p, o) in draft.rels if s == key and p == "party"}
        signers = {c: val for (s, p, o), val in draft.rels.items() if s == key and p == "signatory"
                   for (s2, p2, c) in draft.rels if s2 == o and p2 == "represents" and draft.ents[c].type == "Country"}
        if parties and len(signers) == 2 and len(parties & set(signers)) == 1 and parties <= set(signers):
            for c in set(signers) - parties:  # "Ghana's minister and his Togolese counterpart inked an accord"
                draft.relate(key, "party", c, signers[c][0], "rule:signatory-represents", 0.6)
        if parties:
            continue
        for (s, p, o), val in list(draft.rels.items()):
            if s == key and p == "signatory":
                for (s2, p2, c), val2 in list(draft.rels.items()):
                    if s2 == o and p2 == "represents":
                        draft.relate(key, "party", c, val[0], "rule:signatory-represents", 0.6)
        if any(s == key and p in ("party", "signatory") for (s, p, _) in draft.rels):
            continue
        for (s, p, event), val in list(draft.rels.items()):
            states = [o for o in participant_list(draft, event) if draft.ents[o].type == "Country"] \
                if s == key and p == "signedAt" and event in draft.ents else []
            if len(states) == 2:  # two sides: with more, which of them are bound the text must say
                for o in states:
                    draft.relate(key, "party", o, val[0], "rule:states-of-signing-occasion", 0.6)


def statements_of_their_occasion(draft: Draft) -> None:
    """A joint statement with no party named is the statement of the states that took part in
    the occasion named beside it ("Joint Statement following the Meeting of X and Y")."""
    for key in draft.agreement_order:
        ent = draft.ents.get(key)
        if ent is None or ent.kind != "JointStatement" or any(s == key and p == "party" for (s, p, _) in draft.rels):
            continue
        sents = {draft.sent_of(draft.doc.char_span(a, b, alignment_mode="expand").start) for a, b in ent.spans}
        for event in [k for n in sorted(sents) for k in draft.events_by_sent.get(n, []) if k in draft.ents][:1]:
            for (s, p, c), (ev, _, _) in list(draft.rels.items()):
                if s == event and p == "participant" and draft.ents[c].type == "Country":
                    draft.relate(key, "party", c, ev, "rule:statement-of-occasion", 0.6)


def occasions_dated_by_signing(draft: Draft) -> None:
    """"India and Japan on Tuesday signed a memorandum during the Dialogue": an occasion with
    no date of its own is dated by what was signed at it (not a visit, which spans days)."""
    for key in draft.agreement_order:
        dates = [(v, val) for (s, n, v), val in draft.attrs.items() if s == key and n == "date"]
        for (s, p, event), _ in list(draft.rels.items()):
            if s != key or p != "signedAt" or not dates or draft.ents[event].kind == "Visit":
                continue
            if not any(s2 == event and n == "startDate" for (s2, n, _) in draft.attrs):
                value, (ev, _, _) = dates[0]
                draft.attribute(event, "startDate", value, ev, "rule:dated-by-signing", 0.6)


def parties_attend_their_signing(draft: Draft) -> None:
    """The states and organisations an instrument binds take part in the ceremony of its signing."""
    for key in draft.agreement_order:
        for (s, p, event), (ev, _, _) in list(draft.rels.items()):
            if s != key or p != "signedAt" or draft.ents[event].kind != "SigningCeremony":
                continue
            for (s2, p2, party), (ev2, _, _) in list(draft.rels.items()):
                if s2 == key and p2 == "party":
                    draft.relate(event, "participant", party, ev2 or ev, "rule:party-at-signing", 0.6)
