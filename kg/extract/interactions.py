"""Who did what to whom: interactions read from the parse and the entities already found.

Takes a spaCy ``Doc`` and the ``Extraction`` the other rules made from it; gives
``Interaction`` records coded in PLOVER (type, mode) and CAMEO, each between two states
(or international organisations) and with its sentence. The words that signal an act live
in ``data/rules/interactions.json``; this module reads a clause the way wire news writes it:
subject and object in the active voice, the ``by`` phrase in the passive, the envoy's state
for a summoned envoy, the governed clause for "urged X to" and "threatened to impose ... on Y",
the noun phrase for "the expulsion of two diplomats by X". An act that is denied ("did not
sign"), only possible ("could impose") or only intended ("plans to visit") is no interaction;
neither is one whose actor or recipient cannot be tied to a state. Occasions the extractor
read as events give CONSULT between their states, and signed agreements SUPPORT between
their parties. A title-cased headline is parsed again in sentence case ("Estonia summons Latvian
envoy over flights").

Pure functions: nothing here writes to the ``Doc`` or the extraction (the headline is parsed
as a new ``Doc``).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..errors import ConfigError
from ..model import Article, Extraction, Interaction, Span
from ..resources import data_dir as find_data_dir
from .dates import find_dates, story_anchor
from .spans import headline_end, text_of, words_of

__all__ = ["Lexicon", "load_lexicon", "read_interactions"]

_ARG_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod"})
_STATE_TYPES = frozenset({"Country", "Organization"})
_ACTOR_TYPES = frozenset({"Country", "Agency", "Organization", "Official"})
_SYMMETRIC = frozenset({"CONSULT", "AGREE", "SUPPORT", "COOPERATE"})
_RANK = {"Official": 0, "Agency": 1, "Organization": 2, "Country": 3, "Location": 4}
_GOVERNED_PREPS = ("on", "against", "with", "to", "from", "of", "for", "between")


@dataclass(frozen=True)
class Lexicon:
    """The cue lexicon of ``data/rules/interactions.json``, read once per extractor."""

    verbs: dict
    nouns: dict
    default_preps: tuple[str, ...]
    modal_aux: frozenset[str]
    intent_verbs: frozenset[str]
    negators: frozenset[str]
    conditions: frozenset[str]
    event_consult: dict
    signing: dict
    forms: dict
    place_nouns: frozenset[str]
    reason_types: frozenset[str] = frozenset()
    reason_preps: frozenset[str] = frozenset()
    reason_nouns: frozenset[str] = frozenset()
    allegations: frozenset[str] = frozenset()


def load_lexicon(data_dir: Path | None = None) -> Lexicon:
    """Read the interaction cues of the packaged data, or of ``data_dir`` (see :mod:`kg.resources`).

    Raises
    ------
    ConfigError
        The file is missing, is not JSON, or lacks a section; the message names the file.
    """
    path = find_data_dir(data_dir).file("rules", "interactions.json")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return Lexicon(verbs=raw["verbs"], nouns=raw["nouns"], default_preps=tuple(raw["default_preps"]),
                       modal_aux=frozenset(raw["modal_aux"]), intent_verbs=frozenset(raw["intent_verbs"]),
                       negators=frozenset(raw["negators"]), conditions=frozenset(raw["conditions"]),
                       event_consult=raw["event_consult"], signing=raw["signing"], forms=raw["forms"],
                       place_nouns=frozenset(raw["place_nouns"]),
                       reason_types=frozenset(raw["reasons"]["types"]), reason_preps=frozenset(raw["reasons"]["preps"]),
                       reason_nouns=frozenset(raw["reasons"]["nouns"]), allegations=frozenset(raw["allegations"]))
    except (OSError, json.JSONDecodeError) as e:
        raise ConfigError(f"{path}: cannot read the interaction cues ({e}); fix the file or restore it") from e
    except (KeyError, TypeError) as e:
        raise ConfigError(f"{path}: the interaction cues lack the section {e}; restore the file") from e


def read_interactions(doc: Doc, extraction: Extraction, lexicon: Lexicon,
                      country_of=None, nlp: Language | None = None) -> tuple[Interaction, ...]:
    """The interactions of one text (a whole article or one piece of it), with the entity keys
    of ``extraction`` (article-local, as the other rules give them).

    ``country_of`` maps a place name to an ISO code (the gazetteer's), so "visited Beijing"
    reaches China when the country is among the entities. ``nlp`` (the extractor's pipeline)
    reads a title-cased headline again as a sentence when the text's own parse finds nothing
    in it (see :func:`_headline`); without it the headline is read as parsed in the text."""
    reader = _Reader(doc, extraction, lexicon, country_of)
    found = reader.occasions() + reader.signings()
    body = reader.clauses()
    headline = _headline(doc, extraction, reader) if nlp is not None else None
    if headline is not None:
        end, text = headline
        if not any(i.evidence is not None and i.evidence.start < end for i in body):
            parsed = nlp(text, disable=[name for name in ("ner",) if name in nlp.pipe_names])
            found += reader.reading(parsed, end).clauses()
    return _dedupe(found + body)


def _headline(doc: Doc, extraction: Extraction, reader: _Reader) -> tuple[int, str] | None:
    """The title-cased headline of the text, rewritten so the parser reads it as a sentence:
    its end and the new text (as long as the headline, plus a full stop), or None.

    The headline is the article's title at the start of the text, on a line of its own. The
    parser takes a title-cased one ("Estonia Summons Latvian Envoy Over Flights") for one long name;
    in sentence case, its words lower-cased except names (states, bodies, known officials,
    acronyms) and ended with a full stop, it reads it as wire news writes sentences. A headline
    in sentence case, verbless or not ("Seoul protest at Tokyo's move"), the text's own parse
    reads as well. The rewrite keeps every character's place, so entity mentions still fit."""
    title = extraction.article.title.strip()
    text = text_of(doc)
    end = headline_end(text, title)
    if not end or end != len(title) or end == len(text):
        return None  # no headline line at the start of this text
    heading = doc.char_span(0, end, alignment_mode="contract")
    if heading is None or not _has_cue(heading, reader.lex):
        return None  # no cue word at all: a second parse could find nothing (and costs ~8 ms)
    words = [t for t in heading if t.is_alpha and len(t.text) > 3]
    titled = len(words) >= 3 and sum(t.text[0].isupper() for t in words) >= 2 * len(words) / 3
    if not titled:
        return None  # a headline in sentence case: the text's own parse reads it as well
    chars = list(text[:end])
    for tok in heading:
        acronym = tok.is_upper and len(tok.text) > 1
        if tok.idx == 0 or not tok.text[:1].isupper() or acronym or reader.names_state(tok):
            continue
        lower = tok.text.lower()
        if len(lower) == len(tok.text):
            chars[tok.idx:tok.idx + len(lower)] = lower
    rewritten = "".join(chars)
    if rewritten.rstrip()[-1:] not in (".", "!", "?"):
        rewritten += "."
    return end, rewritten


def _has_cue(heading, lex: Lexicon) -> bool:
    """Whether a word of the headline, in any inflection, is a cue verb or noun of the lexicon."""
    cues = lex.verbs.keys() | lex.nouns.keys()
    for tok in heading:
        low = tok.lower_
        forms = {low, tok.lemma_.lower(), lex.forms.get(low, low), low[:-1], low[:-2], low[:-3]}
        if forms & cues:
            return True
    return False


def _dateline(text: str, article: Article) -> tuple[int, int]:
    """Where the dateline's place stands in ``text``: first in the body, after the title."""
    place, title = article.dateline, article.title.strip()
    if not place:
        return (0, 0)
    at = len(title) if title and text.startswith(title) else 0
    at += len(text[at:]) - len(text[at:].lstrip())
    return (at, at + len(place)) if text.startswith(place, at) else (0, 0)


class _Reader:
    def __init__(self, doc: Doc, extraction: Extraction, lexicon: Lexicon, country_of) -> None:
        self.doc, self.x, self.lex, self.country_of = doc, extraction, lexicon, country_of
        self.sentence_end: int | None = None
        self.text = text_of(doc)
        self.types = {e.key: e.type for e in extraction.entities}
        self.names = {e.key: e.name for e in extraction.entities}
        self.kinds = {e.key: e.kind for e in extraction.entities}
        self.token_key: dict[int, str] = {}
        self.first_seen: dict[str, int] = {}
        for e in extraction.entities:
            for m in e.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None:
                    continue
                self.first_seen[e.key] = min(self.first_seen.get(e.key, m.start), m.start)
                for tok in span:
                    self.token_key.setdefault(tok.i, e.key)
        self.rels: dict[str, dict[str, list]] = {}
        for r in extraction.relations:
            self.rels.setdefault(r.predicate, {}).setdefault(r.subject, []).append(r)
        self.attrs = {(a.subject, a.name): a.value for a in extraction.attributes}
        self.countries = {k for k, t in self.types.items() if t == "Country"}
        anchor = story_anchor(extraction.article.text, extraction.article.date)
        self.anchor = anchor
        self.used: set[int] = set()
        self.dateline = _dateline(self.text, extraction.article)

    def reading(self, doc: Doc, end: int) -> _Reader:
        """This reader on ``doc``, the first ``end`` characters of the text parsed again: the
        same entities and facts, the words' entity keys found anew, the evidence quoted from
        the text as written and ending at ``end``."""
        again = copy.copy(self)
        again.doc, again.sentence_end, again.used = doc, end, set()
        again.token_key = {}
        for e in self.x.entities:
            for m in e.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand") if m.end <= end else None
                for tok in span or ():
                    again.token_key.setdefault(tok.i, e.key)
        return again

    # --- states ---------------------------------------------------------------------------

    def state(self, key: str) -> str | None:
        """The country (or international organisation) an actor acts for."""
        kind = self.types.get(key)
        if kind == "Country" or kind == "Organization" and not key.startswith("organization/_/"):
            return key  # an organisation the gazetteer knows (international) acts for itself
        if kind == "Official":
            for pred in ("represents",):
                for r in self.rels.get(pred, {}).get(key, ()):
                    if self.types.get(r.object) in _STATE_TYPES and self.state(r.object) == r.object:
                        return r.object
            return None
        if kind == "Agency":
            for r in self.rels.get("agencyOf", {}).get(key, ()):
                if self.types.get(r.object) == "Country":
                    return r.object
            return None
        if kind == "Location" and self.country_of is not None:
            code = self.country_of(self.names[key])
            if code and f"country/{code}" in self.countries:
                return f"country/{code}"
        return None

    def names_state(self, tok: Token) -> bool:
        """Whether a word is (part of) the name of a state, organisation or body, or a known
        official: a word a headline keeps capitalised."""
        key = self.token_key.get(tok.i)
        if key is not None and self.types.get(key) in ("Country", "Organization", "Agency", "Location"):
            return True
        if key is not None and self.types.get(key) == "Official" and not tok.is_stop:
            return True
        return self.country_of is not None and self.country_of(tok.text) is not None

    def named_state(self, tok: Token) -> str | None:
        """The country a word names when no entity mention covers it ("the Pakistan High
        Commission" read as no body), if that country is among the article's entities."""
        if self.country_of is None or tok.pos_ not in ("PROPN", "ADJ"):
            return None
        code = self.country_of(tok.text)
        return f"country/{code}" if code and f"country/{code}" in self.countries else None

    def actor_of(self, key: str) -> str | None:
        """The key to record as actor or recipient: the entity itself, or for a place standing
        for its state, the country."""
        if self.types.get(key) in _ACTOR_TYPES:
            return key
        return self.state(key) if self.types.get(key) == "Location" else None

    # --- occasions and signings ----------------------------------------------------------

    def occasions(self) -> list[Interaction]:
        """CONSULT between the states taking part in each event, one per unordered pair."""
        out = []
        conf = self.lex.event_consult
        for key, kind in self.types.items():
            if kind != "Event" or self.kinds.get(key) in conf.get("skip_kinds", ()):
                continue
            parts = self.rels.get("participant", {}).get(key, [])
            sides: dict[str, tuple[str, Span | None]] = {}
            for r in sorted(parts, key=lambda r: self.first_seen.get(r.object, 1 << 30)):
                who = r.object
                state = self.state(who)
                if state is None:
                    continue
                if state not in sides or _RANK[self.types[who]] < _RANK[self.types[sides[state][0]]]:
                    sides[state] = (who, r.evidence)  # the person who took part, rather than their state
            if not 2 <= len(sides) <= conf.get("max_states", 6) or self._only_planned(key):
                continue
            host = self._host(key, set(sides))
            order = sorted(sides, key=lambda s: (s != host, list(sides).index(s)))
            ev_kind = self.kinds.get(key)
            code = conf.get(ev_kind) or (conf["host"] if host else conf["default"])
            date = self.attrs.get((key, "startDate"))
            for i, a in enumerate(order):
                for b in order[i + 1:]:
                    evidence = sides[a][1] or sides[b][1]
                    out.append(Interaction(actor=sides[a][0], recipient=sides[b][0], type="CONSULT",
                                           actor_state=a, recipient_state=b, cameo=code["cameo"],
                                           mode=code.get("mode"), date=date, during=key, evidence=evidence,
                                           method="rule:interaction-occasion", confidence=0.8))
        return out

    def _only_planned(self, event: str) -> bool:
        """Whether every sentence naming the event only plans or expects it ("will be held",
        "is expected to visit"): a meeting not yet held is no consultation."""
        verbs = []
        for e in self.x.entities:
            if e.key != event:
                continue
            for m in e.mentions:
                span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None:
                    continue
                tok = span.root
                while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
                    tok = tok.head
                verbs.append(tok)
        return bool(verbs) and all(v.pos_ in ("VERB", "AUX") and self._blocked(v) for v in verbs)

    def _host(self, event: str, states: set[str]) -> str | None:
        """The state an event took place in, when it is one of the sides."""
        for r in self.rels.get("location", {}).get(event, ()):
            state = self.state(r.object)
            if state in states:
                return state
        return None

    def signings(self) -> list[Interaction]:
        """SUPPORT between the parties of an agreement the text says was signed."""
        out = []
        for key, kind in self.types.items():
            if kind != "Agreement":
                continue
            signed = (self.rels.get("signatory", {}).get(key) or self.rels.get("signedAt", {}).get(key))
            if not signed:
                continue
            sides: dict[str, tuple[str, Span | None]] = {}
            for pred in ("party", "signatory"):  # the parties first; the signatories' states when they say more
                for r in sorted(self.rels.get(pred, {}).get(key, []), key=lambda r: self.first_seen.get(r.object, 1 << 30)):
                    state = self.state(r.object)
                    if state is not None:
                        sides.setdefault(state, (r.object, r.evidence))
            if len(sides) < 2 or len(sides) > self.lex.event_consult.get("max_states", 6):
                continue
            during = next((r.object for r in self.rels.get("signedAt", {}).get(key, ())), None)
            date = self.attrs.get((key, "date"))
            evidence = signed[0].evidence
            order = list(sides)
            for i, a in enumerate(order):
                for b in order[i + 1:]:
                    out.append(Interaction(actor=sides[a][0], recipient=sides[b][0], type=self.lex.signing["type"],
                                           actor_state=a, recipient_state=b, cameo=self.lex.signing["cameo"],
                                           mode=None, date=date, during=during, evidence=evidence or sides[a][1],
                                           method="rule:interaction-signing", confidence=0.8))
        return out

    # --- clauses --------------------------------------------------------------------------

    def clauses(self) -> list[Interaction]:
        """The interactions the verbs and nouns of acts state."""
        out: list[Interaction] = []
        verbs, nouns = self.lex.verbs, self.lex.nouns
        forms = self.lex.forms
        words = words_of(self.doc)  # lemmas read once as arrays; a Token is made only for a cue word
        named = [(i, forms.get(lower) or lemma.lower()) for i, (lower, lemma) in enumerate(zip(words.lower, words.lemma))
                 if forms.get(lower) or lemma.lower() in verbs or lemma.lower() in nouns]
        later = []
        for i, lemma in named:
            tok = self.doc[i]
            if tok.pos_ in ("VERB", "AUX") and lemma in verbs:
                out.extend(self._verb(tok, verbs[lemma]))
            elif tok.pos_ in ("NOUN", "PROPN") and lemma in verbs and tok.dep_ == "ROOT" and \
                    any(c.dep_ == "nsubj" for c in tok.children):
                out.extend(self._verb(tok, verbs[lemma]))  # tagged a noun, parsed a predicate: "Dhaka summons ..."
            elif tok.pos_ == "NOUN" and lemma in nouns:
                later.append((tok, nouns[lemma]))
        for tok, entry in later:
            if tok.i not in self.used:  # not the object of a verb read above ("imposed sanctions")
                out.extend(self._noun(tok, entry))
        return out

    def _blocked(self, verb: Token) -> bool:
        """Denied, only possible, only intended, or a condition: not an act that happened."""
        lex = self.lex
        for child in verb.children:
            if child.dep_ == "neg" or child.lower_ in lex.negators and child.dep_ in ("neg", "advmod", "det"):
                return True
            if child.dep_ == "aux" and child.lower_ in lex.modal_aux:
                return True
            if child.dep_ == "mark" and child.lower_ in lex.conditions:
                return True
        if verb.dep_ == "ROOT" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return True  # headline future: "Kenya, Uganda to sign trade pact"
        if verb.dep_ in ("xcomp", "ccomp", "advcl", "acomp") and verb.head.i != verb.i:
            head = verb.head
            if head.lemma_.lower() in lex.intent_verbs or head.lower_ in lex.intent_verbs:
                return True
            if verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
                return True  # "summoned the envoy to protest": purpose, not a second act
        if verb.dep_ == "conj" and verb.head.i != verb.i:
            return self._blocked(verb.head) if verb.head.pos_ in ("VERB", "AUX") else False
        if verb.dep_ in ("amod", "compound") or verb.tag_ == "VBG" and verb.dep_ in ("pobj", "acl", "amod"):
            return True
        if verb.dep_ == "pcomp" and verb.head.lower_ in lex.conditions | {"without", "instead", "against"}:
            return True  # "without imposing", "before signing"
        if verb.dep_ == "pcomp" and verb.head.lower_ in ("of", "for") and verb.head.head.lemma_.lower() in lex.allegations:
            return True  # "accused of seizing a tanker": alleged by the accuser, not reported as done
        host = self._reason_host(verb) if verb.dep_ == "pcomp" else None
        if host is not None and self._blocked(host):
            return True  # "will act in response to X's tests by imposing ...": only intended
        return False

    def _subjects(self, verb: Token) -> tuple[list[Token], bool]:
        """The subject tokens of ``verb`` and whether it is passive (then they are the patients)."""
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if not subj and verb.dep_ == "conj":
            head_subj, head_passive = self._subjects(verb.head)
            return head_subj, passive or head_passive
        if not subj and verb.dep_ in ("xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
            return self._subjects(verb.head)[0], passive
        if not subj and verb.dep_ == "pcomp" and verb.head.head.pos_ in ("VERB", "AUX"):  # "acted by imposing"
            found = self._subjects(verb.head.head)[0]
            host = self._reason_host(verb) if not found else None
            return (self._subjects(host)[0] if host is not None else found), passive
        if not subj and verb.dep_ == "acl" and verb.tag_ == "VBN":
            return [verb.head], True
        return subj, passive

    def _verb(self, verb: Token, entries: list[dict]) -> list[Interaction]:
        dobj = next((c for c in verb.children if c.dep_ in ("dobj", "attr")), None)
        if dobj is None and verb.pos_ in ("NOUN", "PROPN"):  # its object hangs on it as an apposition
            dobj = next((c for c in verb.children if c.dep_ == "appos"), None)
        particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
        entry = None
        for candidate in entries:
            if candidate.get("particle") and candidate["particle"] != particle:
                continue
            objects = candidate.get("objects")
            if objects is not None:
                nouns = self._object_nouns(verb, dobj)
                if not any(n in objects for n in nouns):
                    continue
                if candidate.get("with_modifier") and not any(
                        c.lower_ in candidate["with_modifier"] for n in nouns_tokens(verb, dobj) for c in n.children):
                    continue
            if candidate.get("objects_not") and dobj is not None and dobj.lemma_.lower() in candidate["objects_not"]:
                continue
            if candidate.get("need_object") and dobj is None:
                continue
            if candidate.get("prep_objects") and not self._prep_object(verb, candidate["prep_objects"]):
                continue
            if candidate.get("object_types") and not (
                    dobj is not None and any(self.types.get(self._raw_key(t)) in candidate["object_types"]
                                             for t in (dobj, *dobj.children) if t.dep_ in ("dobj", *_ARG_DEPS))):
                continue
            entry = candidate
            break
        if entry is None or self._blocked(verb):
            return []
        if dobj is not None:
            self.used.add(dobj.i)
        subjects, passive = self._subjects(verb)
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if passive:
            actors = self._keys(agent, pobj=True) if agent is not None else []
            patients = [k for s in subjects for k in self._keys(s)]
        else:
            actors = [k for s in subjects for k in self._keys(s)]
            patients = []
        recipients = patients or self._recipients(verb, dobj, entry)
        if not recipients and entry["type"] in self.lex.reason_types:
            recipients = self._reason(verb)
        if not recipients and entry.get("symmetric") and len(actors) >= 2:
            actors, recipients = actors[:1], actors[1:]
        if not actors or not recipients:
            return []
        return self._make(actors[:1], recipients, entry, verb, method="rule:interaction-verb", confidence=0.8)

    @staticmethod
    def _prep_object(verb: Token, wanted: dict) -> bool:
        """Whether the verb has a prepositional phrase of one of the wanted nouns, alone or
        with a word in front: "put on its blacklist", "added to the sanctions list"."""
        for c in verb.children:
            if c.dep_ != "prep" or c.lower_ not in wanted:
                continue
            for g in c.children:
                if g.dep_ != "pobj":
                    continue
                noun = g.lemma_.lower()
                named = {noun} | {f"{m.lower_} {noun}" for m in g.children if m.dep_ in ("compound", "amod", "nmod")}
                if named & set(wanted[c.lower_]):
                    return True
        return False

    def _reason_host(self, verb: Token) -> Token | None:
        """The verb a reason phrase hangs on, when the parser put the act inside that phrase:
        "acted in response to Ruritanian attempts to sway the vote by imposing sanctions" (the
        "by" phrase hung on "sway"). A measure cannot be part of what it answers."""
        for node in list(verb.ancestors)[:8]:
            if node.dep_ == "pobj" and node.lemma_.lower() in self.lex.reason_nouns and node.head.lower_ == "in" \
                    and node.head.head.pos_ in ("VERB", "AUX"):
                return node.head.head
        return None

    def _reason(self, verb: Token) -> list[str]:
        """The state a measure answers when its own target names none: "imposed sanctions on
        four companies in response to Russian interference", "... on two firms over Ruritania's
        missile tests". Read on the verb, its target and the clauses above it."""
        targets = [t for t in verb.subtree if t.dep_ == "pobj" and t.head.lower_ in ("on", "against")]
        for node in [verb, *targets]:
            for c in node.children:
                if c.dep_ == "prep" and c.lower_ in self.lex.reason_preps:
                    return self._keys(c, pobj=True)
        for node in [verb, *list(verb.ancestors)[:6]]:
            if node.dep_ == "pobj" and node.lemma_.lower() in self.lex.reason_nouns and node.head.lower_ == "in":
                inner = next((g for g in node.children if g.dep_ == "prep"), None)
                return self._keys(inner, pobj=True) if inner is not None else []
            for c in node.children:
                if c.dep_ == "prep" and c.lower_ == "in":  # "in response to", "in retaliation for"
                    noun = next((g for g in c.children if g.dep_ == "pobj"
                                 and g.lemma_.lower() in self.lex.reason_nouns), None)
                    inner = next((g for g in noun.children if g.dep_ == "prep"), None) if noun is not None else None
                    if inner is not None:
                        return self._keys(inner, pobj=True)
        return []

    def _raw_key(self, tok: Token) -> str | None:
        return self.token_key.get(tok.i)

    def _object_nouns(self, verb: Token, dobj: Token | None) -> list[str]:
        return [t.lemma_.lower() for t in nouns_tokens(verb, dobj)] + [t.lower_ for t in nouns_tokens(verb, dobj)]

    def _recipients(self, verb: Token, dobj: Token | None, entry: dict) -> list[str]:
        preps = entry.get("preps", list(self.lex.default_preps))
        found: list[str] = []
        if dobj is not None and entry.get("object_recipient", True) and not entry.get("need_recipient_prep"):
            found.extend(self._keys(dobj))
        if entry.get("dative"):
            for c in verb.children:
                if c.dep_ == "dative":
                    found.extend(self._keys(c, pobj=c.pos_ == "ADP"))
        holders = [verb] + ([dobj] if dobj is not None else [])
        for holder in holders:
            for c in holder.children:
                if c.dep_ == "prep" and c.lower_ in preps:
                    found.extend(self._keys(c, pobj=True))
                if c.dep_ == "prep" and c.lower_ in ("close", "next") and "close" in preps:
                    for p in c.children:
                        if p.dep_ == "prep":
                            found.extend(self._keys(p, pobj=True))
        if not found and entry.get("object_place") and dobj is None:
            for c in verb.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "on", "against"):
                    found.extend(self._keys(c, pobj=True))
        if not found and entry.get("governs"):
            found.extend(self._governed(verb, 0))
        return list(dict.fromkeys(found))

    def _governed(self, verb: Token, depth: int) -> list[str]:
        """The recipient in the clause a verb governs: "urged X to ...", "pledged to help X
        rebuild ...", "threatened to impose sanctions on X", "demanded that X ..."."""
        found: list[str] = []
        for c in verb.children:
            if c.dep_ not in ("xcomp", "ccomp"):
                continue
            subject = next((g for g in c.children if g.dep_ == "nsubj"), None)
            if subject is not None and c.dep_ == "ccomp":
                found.extend(self._keys(subject))
            dobj = next((g for g in c.children if g.dep_ == "dobj"), None)
            found.extend(self._recipients(c, dobj, {"preps": list(_GOVERNED_PREPS), "object_recipient": True}))
            if not found and depth < 2:
                found.extend(self._governed(c, depth + 1))
        return found

    def _keys(self, tok: Token, *, pobj: bool = False, depth: int = 0) -> list[str]:
        """The entity keys a noun phrase names (its head, its modifiers, "of" phrases, conjuncts)."""
        if tok is None or depth > 3 or self.dateline[0] <= tok.idx < self.dateline[1]:
            return []  # the dateline's place says where the story was filed, not who acted
        if pobj:
            return [k for c in tok.children if c.dep_ == "pobj" for k in self._keys(c, depth=depth + 1)]
        out: list[str] = []
        key = self.token_key.get(tok.i) or self.named_state(tok)
        if key is not None and self.actor_of(key):
            out.append(self.actor_of(key))
        else:
            modifier = self._modifier_key(tok)
            if modifier is not None:
                out.append(modifier)
            else:
                place = tok.lemma_.lower() in self.lex.place_nouns
                for c in tok.children:
                    if c.dep_ == "prep" and (c.lower_ in ("of", "from", "between") or place and c.lower_ == "with"):
                        out.extend(self._keys(c, pobj=True, depth=depth + 1))
                        break
                    if c.dep_ == "appos":
                        out.extend(self._keys(c, depth=depth + 1))
                        break
                    if c.dep_ == "acl" and c.tag_ == "VBN":  # "the summit hosted by Ukraine"
                        agent = next((g for g in c.children if g.dep_ == "agent"), None)
                        if agent is not None:
                            out.extend(self._keys(agent, pobj=True, depth=depth + 1))
                            break
        for c in tok.children:
            if c.dep_ == "conj":
                out.extend(self._keys(c, depth=depth + 1))
        return list(dict.fromkeys(out))

    def _modifier_key(self, tok: Token) -> str | None:
        """The state a modifier of a noun names, also inside a compound in front of it: "a
        Venezuelan state oil company", "Russian businessman Oleg Ivanov"."""
        for c in tok.children:
            if c.dep_ not in _ARG_DEPS:
                continue
            key = self.token_key.get(c.i) or self.named_state(c)
            if key is not None and self.actor_of(key):
                return self.actor_of(key)
            if c.dep_ == "compound" and key is None:
                inner = self._modifier_key(c)
                if inner is not None:
                    return inner
        return None

    def _noun(self, noun: Token, entry: dict) -> list[Interaction]:
        """A nominal act: "the expulsion of two diplomats by Canada", "Canada's expulsion of ..."."""
        if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX") and self._blocked(noun.head):
            return []
        if any(c.dep_ == "neg" or c.lower_ in self.lex.negators for c in noun.children):
            return []
        actors: list[str] = []
        recipients: list[str] = []
        by = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"]
        by += [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"  # "of two envoys by X"
               for o in c.children if o.dep_ == "pobj" for g in o.children if g.dep_ == "prep" and g.lower_ == "by"]
        for c in by:
            actors.extend(self._keys(c, pobj=True))
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == "by":
                continue
            elif c.dep_ in ("poss", "compound", "amod", "nmod") and self.token_key.get(c.i):
                key = self.actor_of(self.token_key[c.i])
                if key:
                    actors.append(key)
            elif c.dep_ == "prep" and c.lower_ in entry.get("preps", ()):
                recipients.extend(self._keys(c, pobj=True))
        if actors and not recipients and entry["type"] in self.lex.reason_types:
            recipients = [k for c in noun.children if c.dep_ == "prep" and c.lower_ in self.lex.reason_preps
                          for k in self._keys(c, pobj=True)]  # "Seoul's protest over Tokyo's textbooks"
        if not actors or not recipients:
            return []
        return self._make(actors[:1], recipients, entry, noun, method="rule:interaction-noun", confidence=0.7)

    def _make(self, actors: list[str], recipients: list[str], entry: dict, tok: Token, *, method: str,
              confidence: float) -> list[Interaction]:
        out = []
        sent = tok.sent
        end = sent.end_char if self.sentence_end is None else min(sent.end_char, self.sentence_end)
        word = self.text[tok.idx:tok.idx + len(tok.text)]
        evidence = Span(tok.idx, tok.idx + len(tok.text), word, sent.start_char, end)
        date = self._date(sent)
        for actor in actors:
            a_state = self.state(actor)
            if a_state is None:
                continue
            for recipient in recipients:
                r_state = self.state(recipient)
                if r_state is None or r_state == a_state:
                    continue
                recipient_key = recipient
                if self.types.get(recipient) == "Agreement":
                    continue
                out.append(Interaction(actor=actor, recipient=recipient_key, type=entry["type"], actor_state=a_state,
                                       recipient_state=r_state, cameo=entry.get("cameo"), mode=entry.get("mode"),
                                       date=date, during=None, evidence=evidence, method=method,
                                       confidence=confidence))
        return out

    def _date(self, sent) -> str | None:
        """The one day the sentence fixes, if it fixes exactly one."""
        if self.anchor is None and not any(ch.isdigit() for ch in sent.text):
            return None
        found = find_dates(sent.text, self.anchor)
        days = {d.value for d in found if d.until is None}
        if len(days) == 1 and len(found) == 1:
            return next(iter(days)).isoformat()
        return None


def nouns_tokens(verb: Token, dobj: Token | None) -> list[Token]:
    """The object noun of a verb and, for "a package of aid" or "$1 billion in aid", the noun it
    is about; also a passive verb's subject ("sanctions were imposed")."""
    heads = [dobj] if dobj is not None else [c for c in verb.children if c.dep_ == "nsubjpass"]
    out = []
    for head in heads:
        out.append(head)
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "in"):
                out.extend(g for g in c.children if g.dep_ == "pobj")
            if c.dep_ in ("compound", "conj"):
                out.append(c)
    return out


def _dedupe(found: Iterable[Interaction]) -> tuple[Interaction, ...]:
    """One interaction per act: the same states, type and sentence read twice (by an occasion
    and by its verb, say) are one, the first kept; symmetric types ignore the direction."""
    seen: dict[tuple, int] = {}
    out: list[Interaction] = []
    for i in found:
        pair = (i.actor_state, i.recipient_state)
        if i.type in _SYMMETRIC:
            pair = tuple(sorted(pair))
        sentence = i.evidence.sentence_start if i.evidence is not None else None
        keys = [(pair, i.type, sentence)]
        if i.during is not None:
            keys.append((pair, i.type, "event", i.during))
        kept = next((seen[k] for k in keys if k in seen), None)
        if kept is not None:
            if out[kept].mode is None and i.mode is not None:  # "X hosted Y": the verb knows who hosted
                out[kept] = replace(out[kept], actor=i.actor, recipient=i.recipient, actor_state=i.actor_state,
                                    recipient_state=i.recipient_state, mode=i.mode, cameo=i.cameo)
            continue
        for k in keys:
            seen[k] = len(out)
        out.append(i)
    return tuple(out)
