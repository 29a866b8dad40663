"""The working state of one article's extraction: draft entities, relations and attributes.

Takes the spaCy ``Doc`` of an article with its mentions; gives a ``Draft`` that the rules in
``bodies``, ``people``, ``occasions`` and ``instruments`` fill in, and that ``facts`` turns
into an ``Extraction``. Holds only what every rule needs: where a token or character stands,
how an entity is made, linked to a mention and related to another. Keys made here are local
to the article; ``resolve`` turns them into global ones.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..model import Article, Span
from .gazetteer import Gazetteer
from .spans import Mention, text_of, words_of

__all__ = ["Draft", "DraftEntity", "slug", "inside_mention", "determiner", "modifiers_start"]


def slug(text: str) -> str:
    """A lower-case ASCII key of ``text``: "Ajay Bhalla" → "ajay-bhalla"."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


@dataclass
class DraftEntity:
    """An entity while the rules still add to it: names, mentions, kind, confidence."""

    key: str
    type: str
    name: str
    aliases: dict = field(default_factory=dict)  # ordered set
    spans: list = field(default_factory=list)  # (start_char, end_char)
    kind: str | None = None
    identifiers: list = field(default_factory=list)
    method: str = "gazetteer"
    confidence: float = 1.0
    titled: bool = False
    sentences: set = field(default_factory=set)

    def add(self, text: str | None, start: int, end: int) -> None:
        """A mention at ``start:end``; ``text`` becomes an alias unless None ("the Secretary")."""
        if text is not None:
            self.aliases.setdefault(text.strip(), None)
        if (start, end) not in self.spans:
            self.spans.append((start, end))


class Draft:
    """What the rules have found in one article so far, and where its words stand.

    Relations and attributes are dicts keyed by the fact, so the first evidence found for a
    fact is kept and the order of finding is the order of output.
    """

    def __init__(self, doc: Doc, article: Article, gaz: Gazetteer, mentions: list[Mention], inner: list[Mention]):
        self.doc, self.article, self.gaz = doc, article, gaz
        self.text = text_of(doc)
        self.mentions, self.inner = mentions, inner
        self._starts: tuple[tuple, list[int]] | None = None
        self.sents = list(doc.sents)
        self.ents: dict[str, DraftEntity] = {}
        self.rels: dict[tuple, tuple] = {}
        self.attrs: dict[tuple, tuple] = {}
        self.by_mention: dict[int, str] = {}  # id(mention) → entity key
        self.sent_starts = [s.start for s in self.sents]
        self.positions: dict[str, list[int]] = {}  # token text → where it stands (one pass over the doc)
        words = words_of(doc)  # read once: the rules scan every sentence several times
        for i, word in enumerate(words.text):
            self.positions.setdefault(word, []).append(i)
        self.lower, self.lemma = words.lower, words.lemma
        self.dateline_end = self._dateline_end()
        self.counter = 0
        self.places: list[Mention] = []  # mentions that may name a venue
        self.events_by_sent: dict[int, list[str]] = {}
        self.verb_events: dict[int, str] = {}  # sentence → the occasion its meeting verb reports
        self.counterparts: list[tuple[str, int, Span]] = []  # (official, the token owning "counterpart", evidence)
        self.series: list[tuple[str, str, Span]] = []  # (occasion, earlier occasion of its series, evidence)
        self.event_order: list[str] = []
        self.agreement_order: list[str] = []

    def _dateline_end(self) -> int:
        m = re.match(r"\s*[^\n]{0,120}?(?:\[[^\]]{1,40}\])?[^\n]{0,40}?\s(?::|—|–|-{1,2})\s", self.text)
        if self.article.dateline and self.text.startswith(self.article.dateline) and m:
            return m.end()
        return 0

    def span_of(self, start: int, end: int) -> Span:
        sent = self.doc.char_span(start, end, alignment_mode="expand")
        s = sent.sent if sent is not None else None
        if s is None:
            return Span(start, end, self.text[start:end], start, end)
        return Span(start, end, self.text[start:end], s.start_char, s.end_char)

    def tok_span(self, m: Mention) -> Span:
        span = self.doc[m.start:m.end]
        return self.span_of(span.start_char, span.end_char)

    def sent_no(self, m: Mention) -> int:
        return self.sent_of(m.start)

    def sent_of(self, token_index: int) -> int:
        """The number of the sentence holding a token (sentences are contiguous and ordered)."""
        return max(bisect.bisect_right(self.sent_starts, token_index) - 1, 0)

    def entity(self, key: str, type_: str, name: str, **kw) -> DraftEntity:
        ent = self.ents.get(key)
        if ent is None:
            ent = self.ents[key] = DraftEntity(key, type_, name, **kw)
        return ent

    def link(self, m: Mention, ent: DraftEntity, text: str | None = None, *, alias: bool = True) -> None:
        span = self.doc[m.start:m.end]
        ent.add((text or span.text) if alias else None, span.start_char, span.end_char)
        ent.sentences.add(self.sent_no(m))
        self.by_mention[id(m)] = ent.key

    def relate(self, s: str, p: str, o: str, ev: Span | None, method: str, conf: float) -> None:
        if s == o or s not in self.ents or o not in self.ents:
            return
        self.rels.setdefault((s, p, o), (ev, method, conf))

    def attribute(self, s: str, name: str, value: str, ev: Span | None, method: str, conf: float) -> None:
        self.attrs.setdefault((s, name, value), (ev, method, conf))

    def merge(self, old: str, into: str) -> None:
        """Fold entity ``old`` into ``into``: mentions, sentences and every fact move over."""
        src, dst = self.ents.pop(old), self.ents[into]
        for alias in src.aliases:
            dst.aliases.setdefault(alias, None)
        for start, end in src.spans:
            dst.add(None, start, end)
        dst.sentences |= src.sentences

        def swap(k: str) -> str:
            return into if k == old else k

        self.rels = {(swap(s), p, swap(o)): v for (s, p, o), v in reversed(self.rels.items()) if swap(s) != swap(o)}
        self.rels = dict(reversed(self.rels.items()))
        self.attrs = dict(reversed({(swap(s), n, v): val for (s, n, v), val in reversed(self.attrs.items())}.items()))
        self.by_mention = {m: swap(k) for m, k in self.by_mention.items()}
        self.events_by_sent = {n: list(dict.fromkeys(swap(k) for k in keys)) for n, keys in self.events_by_sent.items()}
        self.verb_events = {n: swap(k) for n, k in self.verb_events.items()}
        self.event_order = [k for k in self.event_order if k != old]

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """The mentions that begin in tokens ``start:end`` (mentions are kept sorted by start)."""
        key = (len(self.mentions), id(self.mentions[0]) if self.mentions else 0, id(self.mentions[-1]) if self.mentions else 0)
        if self._starts is None or self._starts[0] != key:
            self._starts = (key, [m.start for m in self.mentions])  # read again only when mentions changed
        starts = self._starts[1]
        return self.mentions[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]

    def mention_at(self, i: int, types: tuple[str, ...] | None = None) -> Mention | None:
        """The mention (of one of ``types``, if given) that covers token ``i``."""
        for m in self.mentions_in(max(0, i - 40), i + 1):
            if m.start <= i < m.end and (types is None or m.type in types):
                return m
        return None

    def in_dateline(self, m: Mention) -> bool:
        return self.doc[m.start].idx < self.dateline_end

    def prev_word(self, m: Mention, k: int = 1) -> str:
        i = m.start - k
        return self.doc[i].lower_ if i >= 0 else ""


# ---- noun phrases shared by occasions and instruments ----------------------------------------
def inside_mention(draft: Draft, i: int) -> bool:
    """Whether token ``i`` is part of a mention: a common noun there belongs to a name."""
    return any(m.start <= i < m.end for m in draft.mentions)


def determiner(draft: Draft, tok, *, through_hyphens: bool = False) -> str:
    """The word that tells a new occasion or instrument ("a", "an") from one already named
    ("the", "this", "poss"), or one owned by someone ("owner")."""
    for t in reversed(draft.doc[max(tok.sent.start, tok.i - 4):tok.i]):
        if t.lower_ in ("the", "this", "that", "a", "an"):
            return t.lower_
        if t.lower_ in ("these", "those"):
            return "this" if t.lower_ == "these" else "that"  # "following these talks": the talks told
        if t.text in ("'s", "’s"):
            return "owner"  # "the Secretary's travel": an occasion of its own
        if t.lower_ in ("his", "her", "their", "its"):
            return "poss"
        if through_hyphens and t.text == "-" and not t.whitespace_ and t.i and not draft.doc[t.i - 1].whitespace_:
            continue  # "the two-day meeting": a hyphen inside the modifier
        if t.pos_ in ("VERB", "ADP") or t.is_punct:
            break
    return ""


def modifiers_start(draft: Draft, i: int, floor: int) -> int:
    """Where the modifiers of a common noun begin: "bilateral meeting", "two-day meeting"."""
    start = i
    while start - 1 >= floor and not inside_mention(draft, start - 1):
        prev = draft.doc[start - 1]
        if prev.lemma_.lower() in draft.gaz.cue("signing_verbs") | draft.gaz.cue("meeting_verbs"):
            break  # a headline's verb the tagger took for a noun: "Ruritania, Freedonia sign deal"
        if prev.pos_ in ("ADJ", "NOUN", "PROPN"):
            start -= 1
        elif prev.text == "-" and start - 2 >= floor and draft.doc[start - 2].pos_ in ("NUM", "ADJ", "NOUN"):
            start -= 2
        else:
            break
    return start
