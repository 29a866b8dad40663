"""Turn the mentions of one article into entities, relations and attributes.

The rules follow how diplomatic news is written: a title before or after a name, "X and Y
met in Z to co-chair W", "the leaders signed a memorandum between A and B", "the dialogue"
pointing back to the last dialogue. Keys made here are local to the article; ``resolve``
turns them into global ones.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..model import Article, Attribute, Entity, Extraction, Relation, Span
from .dates import find_dates
from .gazetteer import Gazetteer
from .spans import Mention

__all__ = ["build_extraction", "slug"]

_GROUP_RE = re.compile(r"\b(?:the\s+)?(?:two|both)\s+(?:leaders|sides|ministers|dignitaries|co-chairs|officials|delegations)\b"
                       r"|\bthe\s+(?:leaders|co-chairs)\b", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"^\s*(?:to|until|till|through|and|-|–|—)\s*$", re.IGNORECASE)
_NAME_PARTICLES = {"bin", "bint", "ibn", "al", "el", "de", "da", "do", "dos", "das", "van", "von", "der", "den",
                   "del", "della", "la", "le", "di", "du", "y", "ben", "abu"}
_ABSENT = re.compile(r"\b(?:did not|didn't|will not|won't|does not|do not|not to)\s+(?:attend|join|take part|travel|go)\b"
                     r"|\b(?:skipped|stayed away from|absent from|boycotted|pulled out of)\b", re.IGNORECASE)
_FUTURE = re.compile(r"\b(?:will|to be held|next|upcoming|planned|scheduled|shall)\b", re.IGNORECASE)


@functools.lru_cache(maxsize=4)
def _title_words(gaz: Gazetteer) -> frozenset[str]:
    """Every word of a known title, but words that also start names of bodies or places."""
    return frozenset(w for t in gaz.titles for w in re.split(r"[\s-]+", t)
                     if w and w not in ("of", "the", "for", "and", "state", "foreign", "affairs", "general"))


def slug(text: str) -> str:
    """A lower-case ASCII key of ``text``: "Ajay Bhalla" → "ajay-bhalla"."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


@dataclass
class _Ent:
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


class _Builder:
    def __init__(self, doc: Doc, article: Article, gaz: Gazetteer, mentions: list[Mention], inner: list[Mention]):
        self.doc, self.article, self.gaz = doc, article, gaz
        self.text = doc.text
        self.mentions, self.inner = mentions, inner
        self.sents = list(doc.sents)
        self.ents: dict[str, _Ent] = {}
        self.rels: dict[tuple, tuple] = {}
        self.attrs: dict[tuple, tuple] = {}
        self.by_mention: dict[int, str] = {}  # id(mention) → entity key
        self.sent_starts = [s.start for s in self.sents]
        self.positions: dict[str, list[int]] = {}  # token text → where it stands (one pass over the doc)
        for i, word in enumerate(t.text for t in doc):
            self.positions.setdefault(word, []).append(i)
        self.dateline_end = self._dateline_end()
        self.counter = 0

    # ---- helpers -------------------------------------------------------------------------------
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

    def entity(self, key: str, type_: str, name: str, **kw) -> _Ent:
        ent = self.ents.get(key)
        if ent is None:
            ent = self.ents[key] = _Ent(key, type_, name, **kw)
        return ent

    def link(self, m: Mention, ent: _Ent, text: str | None = None, *, alias: bool = True) -> None:
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

    def in_dateline(self, m: Mention) -> bool:
        return self.doc[m.start].idx < self.dateline_end

    def prev_word(self, m: Mention, k: int = 1) -> str:
        i = m.start - k
        return self.doc[i].lower_ if i >= 0 else ""

    # ---- stages --------------------------------------------------------------------------------
    def run(self) -> None:
        self.places: list[Mention] = []
        for m in self.mentions:
            if m.type == "Country":
                self._country(m)
            elif m.type in ("Agency", "Organization"):
                self._body(m)
            elif m.type == "Place":
                self.places.append(m)
        self._officials()
        self._title_anaphora()
        self._events()
        self._agreements()
        self._delegations()
        self._portfolios()
        self._international_officials()
        self._represents_by_pairing()
        self._propagate_participants()
        self._agencies_by_members()
        self._parties_from_signatories()

    def _country(self, m: Mention) -> None:
        code = m.ids[0]
        rec = self.gaz.record("Country", code)
        if m.role == "territory" or rec is None:
            self.places.append(m)
            return
        if m.role == "capital":
            if self.in_dateline(m):
                return
            if self.prev_word(m) in self.gaz.cue("location_preps") or self.prev_word(m) == "from":
                self.places.append(m)
                return
        ent = self.entity(f"country/{code}", "Country", rec.name)
        ent.identifiers = [("iso3166", code)] + ([("iso3166alpha3", rec.alpha3)] if rec.alpha3 else []) + (
            [("wikidata", rec.wikidata)] if rec.wikidata else [])
        self.link(m, ent)
        ent.confidence = min(ent.confidence, 0.7 if m.role == "demonym" else 0.95 if m.role == "capital" else 1.0)
        if self.prev_word(m) in ("in", "to") and not self.in_dateline(m):
            self.places.append(m)  # a country named as a venue may also be the Location

    def _qualifiers(self, m: Mention) -> list[str]:
        """Countries named inside a longer name ("India's National Police Academy")."""
        out = []
        for q in self.inner:
            if m.start <= q.start and q.end <= m.end and q.type == "Country" and q.role in ("name", "demonym"):
                out.append(q.ids[0])
        return list(dict.fromkeys(out))

    def _orgs_inside(self, m: Mention) -> list[str]:
        return [q.ids[0] for q in self.inner if m.start <= q.start and q.end <= m.end and q.type == "Organization"]

    def _body(self, m: Mention) -> None:
        span = self.doc[m.start:m.end]
        if m.ids:
            rec = self.gaz.record(m.type, m.ids[0])
            ent = self.entity(f"{m.type.lower()}/{m.ids[0]}", m.type, rec.name)
            if rec.wikidata:
                ent.identifiers = [("wikidata", rec.wikidata)]
            self.link(m, ent)
            if rec.country and self.gaz.record("Country", rec.country):
                c = self._ensure_country(rec.country)
                self.relate(ent.key, "agencyOf", c, self.tok_span(m), "gazetteer", 0.9)
            return
        countries = self._qualifiers(m)
        stripped = self._strip_qualifiers(m)
        if not stripped or stripped.lower() in self.gaz.cue("agency_heads"):
            return
        type_ = m.type
        if self._orgs_inside(m) and m.type == "Agency":
            type_ = "Organization"  # an organ of an organisation: "African Union Commission"
        ent = self.entity(f"{type_.lower()}/_/{slug(stripped)}", type_, stripped, method="rule:capitalised-head",
                          confidence=0.8)
        self.link(m, ent)
        ent.add(stripped, span.start_char, span.end_char)
        if type_ == "Agency":
            tail = re.search(r"\bof (?:the )?(.+)$", stripped)
            if tail and self.gaz.country_of(tail.group(1)):
                countries.append(self.gaz.country_of(tail.group(1)))
            for code in dict.fromkeys(countries):
                self.relate(ent.key, "agencyOf", self._ensure_country(code), self.tok_span(m), "rule:qualified-name", 0.85)

    def _strip_qualifiers(self, m: Mention) -> str:
        """A name without the states in front ("India's National Police Academy" → "National
        Police Academy"); a city stays ("Madrid Summit")."""
        toks = list(self.doc[m.start:m.end])
        while toks and (self._names_state(toks[0].text) or toks[0].text in ("'s", "’s", "-", "–", "the", "The")
                        or toks[0].lower_ in ("the",)):
            toks = toks[1:]
        return "".join(t.text_with_ws for t in toks).strip()

    def _names_state(self, word: str) -> bool:
        return any(t == "Country" and role in ("name", "demonym") for role, t, _ in self.gaz.lookup(word))

    def _ensure_country(self, code: str) -> str:
        rec = self.gaz.record("Country", code)
        key = f"country/{code}"
        if key not in self.ents and rec is not None:
            ent = self.entity(key, "Country", rec.name)
            ent.identifiers = [("iso3166", code)] + ([("iso3166alpha3", rec.alpha3)] if rec.alpha3 else []) + (
                [("wikidata", rec.wikidata)] if rec.wikidata else [])
        return key

    # ---- officials -----------------------------------------------------------------------------
    def _clean_name(self, m: Mention) -> tuple[int, int]:
        start, end = m.start, m.end
        while start > 0 and start == m.start and self._first_name(self.doc[start - 1]):
            start -= 1
        hon = self.gaz.cue("honorifics")
        heads = self.gaz.cue("title_heads")
        while start < end - 1 and (self.doc[start].lower_ in hon or self.doc[start].lower_ + "." in hon
                                   or self.doc[start].lower_.rstrip("s") in heads or self.doc[start].lower_ in heads
                                   or self.doc[start].lower_ in self.gaz.titles
                                   or self.doc[start].lower_ in self._title_words()):
            start += 1
        while end > start + 1 and self.doc[end - 1].text in ("'s", "’s", ".", ","):
            end -= 1
        return start, end

    def _officials(self) -> None:
        people = [m for m in self.mentions if m.type == "Official"]
        full: dict[str, _Ent] = {}
        for m in list(people):
            m.start, m.end = self._clean_name(m)
            if not self._name_like(m):
                self.mentions.remove(m)
                people.remove(m)
        for m in sorted(people, key=lambda m: -(m.end - m.start)):
            name = self.doc[m.start:m.end].text
            tokens = name.split()
            match = None
            for other in full.values():
                parts = other.name.split()
                if name == other.name or (len(tokens) == 1 and tokens[0] in parts) or (
                        len(tokens) > 1 and tokens[-1] == parts[-1] and
                        all(t in parts or (len(t.rstrip(".")) == 1 and any(p.startswith(t.rstrip(".")) for p in parts))
                            for t in tokens[:-1])):
                    match = other
                    break
            if match is None:
                match = self.entity(f"official/{slug(name)}", "Official", name, method=m.method, confidence=0.9)
                full[match.key] = match
            self.link(m, match, name)
        # later mentions by surname that NER did not tag ("Bhalla said")
        taken = {t for m in self.mentions for t in range(m.start, m.end)}
        for ent in list(full.values()):
            surname = ent.name.split()[-1]
            if len(ent.name.split()) < 2 or len(surname) < 3:
                continue
            for i in self.positions.get(surname, ()):
                if i not in taken:
                    mm = Mention(i, i + 1, "Official", role="surname", method="rule:surname")
                    self.mentions.append(mm)
                    self.link(mm, ent)
        self.mentions.sort(key=lambda m: (m.start, m.end))
        for m in [m for m in self.mentions if m.type == "Official"]:
            key = self.by_mention.get(id(m))
            if key:
                self._titles(m, self.ents[key])
        for key in [k for k, e in self.ents.items() if e.type == "Official" and not e.titled]:
            ent = self.ents[key]
            if len(ent.name.split()) < 2 or not self._acts_at_occasion(ent):
                del self.ents[key]  # "wrote on Twitter": one capitalised word and no post is no official

    def _title_words(self) -> set[str]:
        return _title_words(self.gaz)

    def _first_name(self, tok) -> bool:
        """A capitalised word just before a name that NER left out ("Antony" in "Antony J. Blinken")."""
        return (tok.is_alpha and tok.text[:1].isupper() and not tok.is_sent_start and tok.ent_type_ in ("", "PERSON")
                and tok.lower_ not in self._title_words() and tok.lower_ not in self.gaz.cue("title_heads")
                and not self.gaz.lookup(tok.text) and tok.pos_ == "PROPN")

    def _acts_at_occasion(self, ent: _Ent) -> bool:
        """Whether a person named without a post is the subject or object of a verb of meeting
        or signing ("Modi met Biden"), not merely named near one ("the cases of X were raised
        in the talks")."""
        verbs = self.gaz.cue("meeting_verbs") | self.gaz.cue("signing_verbs")
        for start, end in ent.spans:
            span = self.doc.char_span(start, end, alignment_mode="expand")
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
        return not self.doc.has_annotation("DEP") and any(self._has_trigger(self.sents[n]) for n in ent.sentences)

    def _title_anaphora(self) -> None:
        """"the Secretary", "the Prime Minister", "the minister": a title with no name after it
        points to the one official of the article who holds that post."""
        heads = self.gaz.cue("title_heads")
        holders: dict[str, set[str]] = {}
        for (s_, n, title) in self.attrs:
            if n == "jobTitle":
                words = title.lower().replace("-", " ").split()
                head = title.lower().replace("-", " ").split(" of ")[0].split()  # "Secretary of State" → secretary
                for size in (1, 2, 3):
                    for part in {tuple(words[-size:]), tuple(head[-size:])}:
                        if len(part) == size:
                            holders.setdefault(" ".join(part), set()).add(s_)
        taken = {t for m in self.mentions for t in range(m.start, m.end)}
        for tok in self.doc:
            if tok.lower_ != "the" or tok.i + 1 >= len(self.doc):
                continue
            k = tok.i + 1
            while k < len(self.doc) and k - tok.i <= 3 and self.doc[k].lower_.replace("-", " ") in heads | {"prime", "foreign", "home"}:
                k += 1
            if k == tok.i + 1 or any(i in taken for i in range(tok.i + 1, k)):
                continue
            if k < len(self.doc) and self.doc[k].text[:1].isupper() and self.doc[k].is_alpha:
                continue  # "the Secretary Blinken": a title before a name, read elsewhere
            phrase = " ".join(t.lower_ for t in self.doc[tok.i + 1:k]).replace("-", " ")
            owners = holders.get(phrase, set()) & set(self.ents)
            if len(owners) != 1:
                continue
            mm = Mention(tok.i + 1, k, "Official", role="title", method="rule:title-anaphor")
            self.mentions.append(mm)
            self.link(mm, self.ents[next(iter(owners))], alias=False)  # a post is no name
        self.mentions.sort(key=lambda m: (m.start, m.end))

    def _name_like(self, m: Mention) -> bool:
        """A person's name: capitalised words, none of them a head word of a body, event or agreement."""
        words = set(self.gaz.cues.get("event_heads", {})) | set(self.gaz.cues.get("agreement_heads", {})) | \
            self.gaz.cue("agency_heads") | self.gaz.cue("organization_heads") | self.gaz.cue("title_heads")
        toks = [t for t in self.doc[m.start:m.end] if not t.is_punct]
        if not toks or any(t.text in ("'s", "’s") for t in self.doc[m.start:m.end]):
            return False
        if not toks[0].text[:1].isupper() or not toks[-1].text[:1].isupper() and toks[-1].nbor(-1).text != "-":
            return False
        return all((t.text[:1].isupper() or t.lower_ in _NAME_PARTICLES or (t.i > 0 and t.nbor(-1).text == "-"))
                   and t.lower_ not in words for t in toks)

    def _title_left(self, m: Mention) -> list[tuple[int, int]]:
        """Title runs before a name: "Home Secretary Ajay Bhalla", and an apposition before
        that ("Chad's Permanent Representative to the United Nations, Ambassador Cherif Zene")."""
        floor = self.sents[self.sent_no(m)].start
        j = m.start
        honorifics = self.gaz.cue("honorifics")
        while j - 1 >= floor and (self.doc[j - 1].lower_ in honorifics or self.doc[j - 1].lower_ + "." in honorifics):
            j -= 1  # "..., Ms. Eveline Widmer-Schlumpf"
        if j - 1 >= floor and self.doc[j - 1].text == ",":  # "the President of the country, Marie-Louise ..."
            j -= 1
        first = self._title_run(m, j, floor)
        if first is None:
            return []
        runs = [first]
        if first[0] - 1 > floor and self.doc[first[0] - 1].text == ",":
            second = self._title_run(m, first[0] - 1, floor)
            if second is not None:
                runs.append(second)
        return runs

    def _title_run(self, m: Mention, j: int, floor: int) -> tuple[int, int] | None:
        """The run of title words that ends at token ``j``, if it holds a title head."""
        heads = self.gaz.cue("title_heads")
        k = j
        people = {i for mm in self.mentions if mm.type == "Official" and mm is not m for i in range(mm.start, mm.end)}
        stops = {i for mm in self.mentions if mm.type in ("Event", "Agreement") for i in range(mm.start, mm.end)}
        nouns = set(self.gaz.cues.get("event_heads", {})) | set(self.gaz.cues.get("agreement_heads", {}))
        while k - 1 >= floor:
            tok = self.doc[k - 1]
            if tok.i in people or tok.i in stops or tok.lower_ in nouns or (
                    tok.pos_ in ("VERB", "ADP", "SCONJ", "AUX") and tok.lower_ not in ("of", "for", "to", "on")
                    and tok.lower_ not in self._title_words()):
                break
            if tok.text == ")":  # "(OAS)", "(East)": a short aside inside the title
                opening = next((i for i in range(k - 2, max(floor, k - 6) - 1, -1) if self.doc[i].text == "("), None)
                inside = self.doc[opening + 1:k - 1].text if opening is not None else ""
                if opening is None or not re.fullmatch(r"[A-Z]{2,8}|[A-Z][a-z]+", inside):
                    break
                k = opening
                continue
            if tok.text == "(":
                break
            if (tok.text[:1].isupper() and not tok.is_punct) or tok.lower_ in ("of", "the", "and", "for", "-", "(", ")", "'s", "’s") \
                    or tok.lower_ in heads:
                if tok.is_sent_start and tok.lower_ in ("the", "during", "at", "on", "in", "today"):
                    break
                k -= 1
                continue
            break
        while k < j and self.doc[k].lower_ in ("of", "the", "and", "for", "-", ")", "'s", "’s"):
            k += 1
        if k >= j:
            return None
        if not any(t.lower_ in heads for t in self.doc[k:j]):
            return None
        return k, j

    def _title_right(self, m: Mention) -> list[tuple[int, int]]:
        heads = self.gaz.cue("title_heads")
        people = {i for mm in self.mentions if mm.type == "Official" for i in range(mm.start, mm.end)}
        sent = self.sents[self.sent_no(m)]
        out = []
        k = m.end
        while k < sent.end and self.doc[k].text == "," and len(out) < 3:
            seg_start = k + 1
            e = seg_start
            while e < sent.end and self.doc[e].text not in (",", ";", ":") and e - seg_start < 12:
                tok = self.doc[e]
                if tok.pos_ in ("VERB", "AUX") or tok.lower_ in ("who", "which", "that", "said", "led", "met"):
                    break
                e += 1
            if e == seg_start:
                break
            seg = self.doc[seg_start:e]
            if not out and not any(t.lower_ in heads for t in seg):
                break
            if any(t.ent_type_ == "PERSON" or t.i in people for t in seg):
                break  # "Kamala Harris, Chinese Premier Li Qiang, ...": a list of people, not a title
            out.append((seg_start, e))
            k = e
        return out

    def _titles(self, m: Mention, ent: _Ent) -> None:
        left = self._title_left(m)
        spans = left + self._title_right(m)
        for n, (a, b) in enumerate(spans):
            self._read_title(ent, a, b, first=(n == 0))
        if left:
            self._counterpart(ent, left[-1][0])

    def _counterpart(self, ent: _Ent, start: int) -> None:
        """"his Fijian counterpart, Ambassador Peter Thomson", "their Chinese co-chairs, Vice
        Premier Wang Yang and State Councilor Yang Jiechi": the state named before the role noun
        that the names stand in apposition to."""
        i = start - 1
        if i >= 2 and self.doc[i].lower_ == "and":  # the second name of such a list
            previous = [o for o in self.ents.values() if o.type == "Official" and any(
                self.doc[i - 1].idx < en <= self.doc[i - 1].idx + len(self.doc[i - 1].text) for _, en in o.spans)]
            for other in previous:
                for (s_, p, c), (ev, method, conf) in list(self.rels.items()):
                    if s_ == other.key and p == "represents" and method == "rule:country-in-apposition":
                        self.relate(ent.key, "represents", c, ev, method, conf)
            return
        if i < 2 or self.doc[i].text != "," or self.doc[i - 1].pos_ not in ("NOUN", "PROPN"):
            return
        first = i - 1
        if first >= 2 and self.doc[first - 1].text == "-":  # "co-chairs"
            first -= 2
        role = self.doc[first:i]
        if role.text.lower() not in ("counterpart", "counterparts", "colleague", "colleagues", "host", "hosts",
                                     "co-chair", "co-chairs", "chair", "envoy", "envoys", "delegate", "delegates"):
            return
        for mm in self.mentions:
            if mm.type == "Country" and mm.end in (first, first - 1) and self.by_mention.get(id(mm)) in self.ents:
                evidence = self.span_of(self.doc[mm.start].idx, role.end_char)
                self.relate(ent.key, "represents", self.by_mention[id(mm)], evidence, "rule:country-in-apposition", 0.8)
                ent.titled = True
                return

    def _read_title(self, ent: _Ent, a: int, b: int, *, first: bool) -> None:
        heads = self.gaz.cue("title_heads")
        toks = list(self.doc[a:b])
        evidence = self.span_of(toks[0].idx, toks[-1].idx + len(toks[-1].text))
        past = any(t.lower_ in self.gaz.cue("past_markers") for t in toks)
        # bodies and countries named in the title: represents / memberOf
        bodies = [mm for mm in self.mentions if a <= mm.start and mm.end <= b and mm.type in ("Agency", "Organization", "Country")]
        for mm in bodies:
            key = self.by_mention.get(id(mm))
            if not key or key not in self.ents:
                continue
            target = self.ents[key]
            if target.type == "Country":
                before = [t.lower_ for t in self.doc[a:mm.start] if t.lower_ != "the"]
                if before and before[-1] in ("to", "in") and len(before) > 1:
                    continue  # "Ambassador to India": where the post is, not whom it serves
                self.relate(ent.key, "represents", key, evidence, "rule:title-country", 0.9)
            elif target.type == "Organization":
                self.relate(ent.key, "represents", key, evidence, "rule:title-body", 0.85)
                if not past:
                    self.relate(ent.key, "memberOf", key, evidence, "rule:title-body", 0.85)
            else:
                if not past:
                    self.relate(ent.key, "memberOf", key, evidence, "rule:title-body", 0.85)
                for (s, p, o) in list(self.rels):
                    if s == key and p == "agencyOf":
                        self.relate(ent.key, "represents", o, evidence, "rule:title-agency-country", 0.8)
        if not any(t.lower_ in heads for t in toks):
            return  # a later comma segment naming a body only
        ent.titled = True
        if past:
            return
        for t in self._title_texts(toks):
            self._emit_title(ent, t, evidence)

    def _title_texts(self, toks: list) -> list[str]:
        """The posts a title run names, without the country in front or a state or
        organisation after "of": "US Deputy Secretary" → "Deputy Secretary",
        "President of Malta" → "President", "Minister of State and Minister of Foreign
        Affairs" → both posts; a body stays ("Director of the National Economic Council")."""
        heads = self.gaz.cue("title_heads")
        kind_of = {}
        for mm in self.mentions + self.inner:
            key = self.by_mention.get(id(mm))
            kind = self.ents[key].type if key in self.ents else mm.type
            for i in range(mm.start, mm.end):
                kind_of.setdefault(i, kind)
        words = list(toks)
        possessed = {t.i - 1 for t in toks if t.text in ("'s", "’s")}  # "OAS's Secretary": the owner goes
        while words and (kind_of.get(words[0].i) == "Country" or words[0].text in ("'s", "’s") or
                         (kind_of.get(words[0].i) == "Organization" and len(words) > 1
                          and words[1].lower_ in self.gaz.cue("title_heads")) or
                         (words[0].i in possessed and kind_of.get(words[0].i) in ("Organization", "Agency")) or
                         words[0].lower_ in ("of", "and", "-", "for", "to", "(", ")", "the", "a", "an")):
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
                    if self.gaz.country_of(tail) or any(r[1] == "Organization" for r in self.gaz.lookup(tail)):
                        part = part[:m.start()]
                        break
            part = re.sub(r"\s+(?:of|for|to)\s*$", "", part).strip(" ,")
            if part:
                out.append(part)
        return out

    def _emit_title(self, ent: _Ent, t: str, evidence: Span) -> None:
        t = t.strip(" ,.;:")
        if t and len(t) <= 80:
            self.attribute(ent.key, "jobTitle", t[0].upper() + t[1:], evidence, "rule:title-next-to-name", 0.85)

    # ---- events --------------------------------------------------------------------------------
    def _has_trigger(self, sent) -> bool:
        verbs = self.gaz.cue("meeting_verbs") | self.gaz.cue("signing_verbs")
        return any(t.lemma_.lower() in verbs or t.lower_ in ("met", "meets", "signed") for t in sent)

    def _new_event(self, name: str, kind: str | None, method: str, conf: float) -> _Ent:
        self.counter += 1
        return self.entity(f"event/{self.counter}", "Event", name, kind=kind, method=method, confidence=conf)

    def _mention_core(self, m: Mention) -> str:
        """The words of a name that are not the countries in it: "3rd India-New Zealand
        Foreign Office Consultations" and "3rd Foreign Office Consultations between India and
        New Zealand" share the core "3rd foreign office consultations"."""
        countries = {i for q in self.inner if q.type == "Country" and m.start <= q.start and q.end <= m.end
                     for i in range(q.start, q.end)}
        words = [t.lower_ for t in self.doc[m.start:m.end] if t.i not in countries and not t.is_punct
                 and t.lower_ not in ("the", "between", "and", "of") and not self.gaz.country_of(t.text)]
        return " ".join(words)

    def _events(self) -> None:
        event_kinds = self.gaz.cues.get("event_heads", {})
        non_events = self.gaz.cue("non_event_nouns")
        self.events_by_sent: dict[int, list[str]] = {}
        self.series: list[tuple[str, str, Span]] = []  # (occasion, earlier occasion of its series, evidence)
        self.event_order: list[str] = []
        cores: dict[str, str] = {}
        for m in [m for m in self.mentions if m.type == "Event"]:
            name = self._strip_qualifiers(m)
            core = self._mention_core(m)
            key = cores.get(core) or next((k for c, k in cores.items() if c.endswith(core) or core.endswith(c)), None)
            if key is None:
                ent = self._new_event(name, m.kind, "rule:named-event", 0.9)
                cores[core] = ent.key
            else:
                ent = self.ents[key]
                if len(name) > len(ent.name) and "between" not in name:
                    ent.name = name
            self.link(m, ent)
            span = self.doc[m.start:m.end]
            ent.add(span.text, span.start_char, span.end_char)
            self._note_event(self.sent_no(m), ent.key)
            for code in self._qualifiers(m):
                self.relate(ent.key, "participant", self._ensure_country(code), self.tok_span(m), "rule:event-name-country", 0.85)
            for q in self.inner:  # "the Madrid Summit": the city in an occasion's name is where it was held
                if q.role == "capital" and m.start <= q.start and q.end <= m.end:
                    place = self.doc[q.start:q.end]
                    loc = self.entity(f"location/{slug(place.text)}", "Location", place.text,
                                      method="rule:city-in-event-name", confidence=0.7)
                    loc.add(place.text, place.start_char, place.end_char)
                    self.relate(ent.key, "location", loc.key, self.tok_span(m), "rule:city-in-event-name", 0.7)
        # events named by a common noun ("the meeting", "an official visit", "a phone call")
        for sent_n, sent in enumerate(self.sents):
            for tok in sent:
                low = tok.lower_
                if low not in event_kinds or tok.text[:1].isupper() or self._inside_mention(tok.i):
                    continue
                phrase = self.doc[max(sent.start, tok.i - 2):tok.i + 1].text.lower()
                if any(phrase.endswith(n) for n in non_events):
                    continue
                if low in ("call", "round", "session", "assembly", "forum", "signing", "gathering") and not self._eventish(tok):
                    continue
                det = self._determiner(tok)
                before = self.doc[max(sent.start, tok.i - 3):tok.i].text.lower()
                distinct = any(w in before for w in ("previous", "last", "next", "earlier", "first", "second", "another"))
                if det in ("the", "this", "that", "poss") and not distinct:
                    target = self._recent_event(event_kinds[low], sent_n)
                    if target:
                        self._note_event(sent_n, target)
                        self.ents[target].add(tok.text, tok.idx, tok.idx + len(tok.text))
                        continue
                if "next" in before and not find_dates(sent.text, None):
                    continue  # a planned occasion without a date is not yet an event
                if self.events_by_sent.get(sent_n) and det not in ("a", "an", "owner") and not distinct:
                    continue
                start = self._modifiers_start(tok.i, sent.start)
                series = self._recent_event(event_kinds[low], sent_n) if distinct else None
                ent = self._new_event(self.doc[start:tok.i + 1].text, event_kinds[low], "rule:event-noun", 0.7)
                ent.add(self.doc[start:tok.i + 1].text, self.doc[start].idx, tok.idx + len(tok.text))
                self._note_event(sent_n, ent.key)
                ent.sentences.add(sent_n)
                if series:  # "the previous round": another occasion of the same series, between the same states
                    self.series.append((ent.key, series, self.span_of(sent.start_char, sent.end_char)))
        # events described only by a verb ("X and Y met", "spoke by phone")
        for sent_n, sent in enumerate(self.sents):
            trigger = next((t for t in sent if t.lemma_.lower() in ("meet", "visit", "host") or
                            (t.lemma_.lower() in ("hold", "speak") and any(w.lower_ in ("talks", "phone", "telephone", "call")
                                                                            for w in sent))), None)
            if trigger is None or not self._officials_in(sent_n):
                continue
            if self.events_by_sent.get(sent_n):
                if self._occasion_of_verb(trigger, sent_n):
                    continue
                # the sentence names another occasion only in passing ("to discuss ... the Summit in July")
                self.events_by_sent[sent_n] = []
            kind = "Visit" if trigger.lemma_.lower() == "visit" else "Call" if any(
                w.lower_ in ("phone", "telephone") for w in sent) else "Meeting"
            recent = self.event_order[-1] if self.event_order else None
            if recent and self.ents[recent].sentences and max(self.ents[recent].sentences) >= sent_n - 1 and \
                    set(self._officials_in(sent_n)) & self._participants(recent):
                self._note_event(sent_n, recent)
                continue
            ent = self._new_event(kind.lower(), kind, "rule:meeting-verb", 0.65)
            self._note_event(sent_n, ent.key)
        for sent_n, keys in sorted(self.events_by_sent.items()):
            for n, key in enumerate(keys):
                self._event_facts(sent_n, key, primary=(n == 0))
        for key, series, ev in self.series:
            for o in self._participant_list(series):
                if self.ents[o].type == "Country":
                    self.relate(key, "participant", o, ev, "rule:same-series", 0.55)
        for key in list(self.event_order):
            ent = self.ents[key]
            placed = any(s_ == key and p == "location" for (s_, p, _) in self.rels) and \
                any(s_ == key and n == "startDate" for (s_, n, _) in self.attrs)
            if ent.method != "rule:named-event" and not self._participants(key) and not placed:
                del self.ents[key]
                self.event_order.remove(key)
                continue
            if ent.method != "rule:named-event":
                ent.name = self._describe(key, ent)

    def _occasion_of_verb(self, trigger, sent_n: int) -> bool:
        """Whether an event named in the sentence is the occasion the verb reports: named
        before the verb, or right after it ("met in New Delhi to co-chair the Dialogue"),
        not inside what was discussed."""
        for key in self.events_by_sent.get(sent_n, []):
            for start, _ in self.ents[key].spans:
                tok = self.doc.char_span(start, start + 1, alignment_mode="expand")
                if tok is None or self.sent_of(tok.start) != sent_n:
                    continue
                i = tok.start
                lead = self.text[max(self.sents[sent_n].start_char, start - 30):start].lower()
                if re.search(r"\b(?:following|after|before|ahead of|since|prior to)\s+(?:the|this|that|their|its)?\s*"
                             r"(?:\w+\s+)?$", lead):
                    continue  # "Following the ceremony, X and Y held talks": an earlier occasion
                between = self.doc[trigger.i:i].text.lower()
                if any(w in between for w in ("discuss", "about", " on ")):
                    continue  # "met to discuss the Summit": the subject of the talks
                if i < trigger.i or i - trigger.i <= 12:
                    return True
                if self.doc.has_annotation("DEP") and trigger.is_ancestor(self.doc[i]):
                    return True  # "hosted X ... for an official visit": the verb's own occasion
        return False

    def _modifiers_start(self, i: int, floor: int) -> int:
        """Where the modifiers of a common noun begin: "bilateral meeting", "two-day meeting"."""
        start = i
        while start - 1 >= floor and not self._inside_mention(start - 1):
            prev = self.doc[start - 1]
            if prev.pos_ in ("ADJ", "NOUN", "PROPN"):
                start -= 1
            elif prev.text == "-" and start - 2 >= floor and self.doc[start - 2].pos_ in ("NUM", "ADJ", "NOUN"):
                start -= 2
            else:
                break
        return start

    def _eventish(self, tok) -> bool:
        window = self.doc[max(0, tok.i - 3):tok.i + 3].text.lower()
        return any(w in window for w in ("phone", "telephone", "video", "signing", "bilateral", "plenary", "official", "state"))

    def _determiner(self, tok) -> str:
        for t in reversed(self.doc[max(tok.sent.start, tok.i - 4):tok.i]):
            if t.lower_ in ("the", "this", "that", "a", "an"):
                return t.lower_
            if t.text in ("'s", "’s"):
                return "owner"  # "the Secretary's travel": an occasion of its own
            if t.lower_ in ("his", "her", "their", "its"):
                return "poss"
            if t.pos_ in ("VERB", "ADP") or t.is_punct:
                break
        return ""

    def _inside_mention(self, i: int) -> bool:
        return any(m.start <= i < m.end for m in self.mentions)

    def _note_event(self, sent_n: int, key: str) -> None:
        bucket = self.events_by_sent.setdefault(sent_n, [])
        if key not in bucket:
            bucket.append(key)
        if key not in self.event_order:
            self.event_order.append(key)
        self.ents[key].sentences.add(sent_n)

    def _recent_event(self, kind: str, sent_n: int) -> str | None:
        candidates = [k for k in self.event_order if k in self.ents and min(self.ents[k].sentences, default=sent_n) <= sent_n]
        same = [k for k in candidates if self.ents[k].kind == kind]
        pick = same or ([k for k in candidates] if kind in ("Meeting", "Talks", "Consultation", "Dialogue") else [])
        return pick[-1] if pick else None

    def _officials_in(self, sent_n: int) -> list[str]:
        out = []
        for m in self.mentions:
            key = self.by_mention.get(id(m))
            if key in self.ents and self.ents[key].type == "Official" and self.sent_no(m) == sent_n:
                out.append(key)
        return list(dict.fromkeys(out))

    def _participants(self, key: str) -> set[str]:
        return {o for (s, p, o) in self.rels if s == key and p == "participant"}

    def _participant_list(self, key: str) -> list[str]:
        """The participants in the order they were found, so that output does not depend on hashing."""
        return [o for (s, p, o) in self.rels if s == key and p == "participant"]

    def _event_facts(self, sent_n: int, key: str, *, primary: bool = True) -> None:
        sent = self.sents[sent_n]
        ent = self.ents[key]
        ev = self.span_of(sent.start_char, sent.end_char)
        said = any(t.lemma_ in ("say", "add", "state") and t.dep_ in ("ROOT",) for t in sent)
        officials = self._officials_in(sent_n)
        if _ABSENT.search(sent.text):
            officials = []  # "X and Y did not attend the summit"
        group = _GROUP_RE.search(sent.text)
        for o in officials:
            if said and len(officials) == 1 and not self._has_trigger(sent):
                continue
            self.relate(key, "participant", o, ev, "rule:same-sentence", 0.7)
        if self._has_chair(sent):
            for o in officials:
                self.relate(key, "chair", o, ev, "rule:chair-verb", 0.8)
            if group and not officials:
                for o in self._participant_list(key):
                    if self.ents[o].type == "Official":
                        self.relate(key, "chair", o, ev, "rule:chair-group", 0.6)
        # bodies and countries acting as the actors of a meeting verb
        for m in self.mentions:
            if self.sent_no(m) != sent_n or m.type not in ("Country", "Organization", "Agency"):
                continue
            tk = self.by_mention.get(id(m))
            if tk not in self.ents:
                continue
            tok = self.doc[m.end - 1]
            while tok.dep_ == "conj" and tok.head is not tok:
                tok = tok.head  # "India and the United States held": the first conjunct carries the role
            head = tok.head
            if tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in ("meet", "hold", "visit", "host", "co-chair",
                                                                                 "chair", "attend", "convene", "speak"):
                self.relate(key, "participant", tk, ev, "rule:subject-of-meeting-verb", 0.65)
            elif tok.dep_ == "pobj" and head.lower_ in ("between", "with") and self.ents[tk].type != "Country":
                self.relate(key, "participant", tk, ev, "rule:actor-of-meeting", 0.6)
            elif tok.dep_ == "pobj" and head.lower_ == "between" and any(
                    st <= head.head.idx < en for st, en in self.ents[key].spans):
                # "the Consultations between India and New Zealand"
                self.relate(key, "participant", tk, ev, "rule:between-countries", 0.6)
        self._event_place(sent, sent_n, key, ev)
        if primary and not any(n for (s, n, v) in self.attrs if s == key and n == "startDate"):
            dates = [d for d in find_dates(sent.text, self.article.date, future=bool(_FUTURE.search(sent.text)))
                     if sent.start_char + d.start >= self.dateline_end and self._current(d.value)]
            if dates:
                self.attribute(key, "startDate", dates[0].value.isoformat(), ev, "rule:date-in-sentence", 0.8)
                if len(dates) > 1 and _RANGE_JOIN.match(sent.text[dates[0].end:dates[1].start]) and dates[1].value > dates[0].value:
                    self.attribute(key, "endDate", dates[1].value.isoformat(), ev, "rule:date-range", 0.8)

    def _current(self, day: dt.date) -> bool:
        """A date within five years of the article's: "on the 50th anniversary of ... December 21,
        1972" dates history, not the occasion being reported."""
        return self.article.date is None or abs((day - self.article.date).days) <= 5 * 366

    def _has_chair(self, sent) -> bool:
        return any(t.lemma_.lower() in self.gaz.cue("chair_verbs") or t.lower_ in ("co-chair", "chaired", "co-chaired", "presided")
                   for t in sent) or "co-chair" in sent.text.lower()

    def _event_place(self, sent, sent_n: int, key: str, ev: Span, *, any_event: bool = False) -> None:
        for m in self.places:
            if self.sent_no(m) != sent_n or self.in_dateline(m):
                continue
            prev = self.prev_word(m)
            if prev not in self.gaz.cue("location_preps"):
                continue
            if prev == "to" and (self.ents[key].kind != "Visit" or not self._just_before(key, m)):
                continue  # "travel to Beijing": the place a visit goes to, named right after it
            if m.type == "Country" and m.role != "capital" and not (self._just_before(key, m) or self._after_venue_verb(m)):
                continue  # "invest in India" is no venue; "the summit in Panama", "held in Chile" are
            name = re.sub(r"^the\s+", "", self.doc[m.start:m.end].text, flags=re.IGNORECASE)
            loc = self.entity(f"location/{slug(name)}", "Location", name, method="rule:venue-after-preposition", confidence=0.75)
            self.link(m, loc)
            self.relate(key, "location", loc.key, ev, "rule:venue-after-preposition", 0.75)
            if m.ids and m.type == "Country" and (prev == "to" or self.ents[key].kind == "Visit"):
                # "a visit to Chile", "travel to Beijing": the host state takes part
                self.relate(key, "participant", self._ensure_country(m.ids[0]), ev, "rule:host-of-visit", 0.65)

    def _after_venue_verb(self, m: Mention) -> bool:
        """"met in", "held in", "took place in", "hosted in", "arrived in": a verb of occasions
        right before the preposition."""
        i = m.start - 2
        while i >= 0 and self.doc[i].pos_ in ("ADV", "PART"):
            i -= 1
        return i >= 0 and self.doc[i].lemma_.lower() in ("meet", "hold", "take", "host", "arrive", "gather", "convene",
                                                           "visit", "travel", "sign", "place", "stay")

    def _just_before(self, key: str, m: Mention) -> bool:
        """Whether an event's own mention ends within a few words before the mention ``m``."""
        at = self.doc[m.start].idx
        return any(0 <= at - end <= 8 for _, end in self.ents[key].spans)

    def _describe(self, key: str, ent: _Ent) -> str:
        people = [self.ents[o].name for o in sorted(self._participants(key)) if self.ents[o].type == "Official"]
        head = (ent.kind or "meeting").lower() if ent.method == "rule:meeting-verb" else ent.name
        if len(people) >= 2:
            return f"{head} of {people[0]} and {people[1]}"
        places = [self.ents[o].name for (s, p, o) in self.rels if s == key and p == "location"]
        if people and places:
            return f"{head} of {people[0]} {'to' if ent.kind == 'Visit' else 'in'} {places[0]}"
        return head

    # ---- agreements ----------------------------------------------------------------------------
    def _agreements(self) -> None:
        heads = self.gaz.cues.get("agreement_heads", {})
        signing = self.gaz.cue("signing_verbs")
        self.agreement_order: list[str] = []
        by_name: dict[str, str] = {}
        for sent_n, sent in enumerate(self.sents):
            signs = [t for t in sent if t.lemma_.lower() in signing or t.lower_ in ("signed", "signs", "inked")]
            initialled = any(t.lower_.startswith("initial") for t in sent)
            found: list[str] = []
            for m in [m for m in self.mentions if m.type == "Agreement" and self.sent_no(m) == sent_n]:
                name = self._strip_qualifiers(m)
                key = by_name.get(slug(name)) or next(
                    (k for n, k in by_name.items() if slug(name).startswith(n + "-") or n.startswith(slug(name) + "-")), None)
                if key is None:
                    self.counter += 1
                    ent = self.entity(f"agreement/{self.counter}", "Agreement", name, kind=m.kind,
                                      method="rule:named-agreement", confidence=0.85)
                    by_name[slug(name)] = key = ent.key
                    self.agreement_order.append(key)
                self.link(m, self.ents[key])
                found.append(key)
                for code in self._qualifiers(m):
                    self.relate(key, "party", self._ensure_country(code), self.tok_span(m), "rule:agreement-name-country", 0.8)
            for tok in sent:
                low = tok.lower_
                if low not in heads or tok.text[:1].isupper() or self._inside_mention(tok.i):
                    continue
                if low in ("statement", "understanding", "framework", "charter") and not (low == "statement" and tok.i and self.doc[tok.i - 1].lower_ == "joint"):
                    continue
                det = self._determiner(tok)
                between = tok.i + 1 < sent.end and self.doc[tok.i + 1].lower_ == "between"
                known_kind = any(self.ents[k].kind == heads[low] for k in self.agreement_order)
                if det in ("the", "this", "that", "poss") and self.agreement_order and (not between or known_kind):
                    same = [k for k in self.agreement_order if self.ents[k].kind == heads[low]]
                    target = (same or self.agreement_order)[-1]
                    self.ents[target].add(tok.text, tok.idx, tok.idx + len(tok.text))
                    found.append(target)
                elif between and not self._inside_mention(tok.i):
                    # "the agreement between Belgrade and Pristina": identified by its parties
                    key = self._agreement_between(tok, sent, heads[low])
                    if key:
                        found.append(key)
                elif signs and any(s.i < tok.i for s in signs) and det in ("a", "an", ""):
                    start = self._modifiers_start(tok.i, sent.start)
                    self.counter += 1
                    text = self.doc[start:tok.i + 1].text
                    ent = self.entity(f"agreement/{self.counter}", "Agreement", text, kind=heads[low], method="rule:signed-noun", confidence=0.6)
                    ent.add(text, self.doc[start].idx, tok.idx + len(tok.text))
                    self.agreement_order.append(ent.key)
                    found.append(ent.key)
            for key in dict.fromkeys(found):
                self._agreement_facts(sent_n, key, signed=bool(signs) and not initialled)

    def _agreement_between(self, tok, sent, kind: str) -> str | None:
        """An instrument named by its parties: "<modifiers> agreement between A and B", with at
        least two states or bodies after "between"; the same parties name the same instrument."""
        stop = re.search(r"[.;:]|\b(?:to|on|in|which|that|who|was|were|is|has|have)\b",
                         self.text[tok.idx + len(tok.text):sent.end_char])
        hi = tok.idx + len(tok.text) + (stop.start() if stop else sent.end_char - tok.idx)
        parties = [self.by_mention[id(m)] for m in self.mentions if tok.idx < self.doc[m.start].idx < hi
                   and self.by_mention.get(id(m)) in self.ents
                   and self.ents[self.by_mention[id(m)]].type in ("Country", "Agency", "Organization")]
        parties = list(dict.fromkeys(parties))
        if len(parties) < 2:
            return None
        names = " and ".join(self.ents[k].name for k in parties)
        for key in self.agreement_order:
            if {o for (s_, p, o) in self.rels if s_ == key and p == "party"} == set(parties):
                self.ents[key].add(None, tok.idx, tok.idx + len(tok.text))
                return key
        start = self._modifiers_start(tok.i, sent.start)
        name = f"{self.doc[start:tok.i + 1].text} between {names}"
        self.counter += 1
        ent = self.entity(f"agreement/{self.counter}", "Agreement", name, kind=kind, method="rule:instrument-between",
                          confidence=0.6)
        ent.add(self.doc[start:tok.i + 1].text, self.doc[start].idx, tok.idx + len(tok.text))
        self.agreement_order.append(ent.key)
        ev = self.span_of(sent.start_char, sent.end_char)
        for k in parties:
            self.relate(ent.key, "party", k, ev, "rule:between", 0.75)
        return ent.key

    def _agreement_facts(self, sent_n: int, key: str, *, signed: bool) -> None:
        sent = self.sents[sent_n]
        ev = self.span_of(sent.start_char, sent.end_char)
        ent = self.ents[key]
        text = sent.text
        # parties: "<instrument> between A and B", "<instrument> with B", right after its mention
        ends = [en for st, en in ent.spans if sent.start_char <= st < sent.end_char]
        for found in re.finditer(r"\b(between|with)\b", text):
            lo = sent.start_char + found.start()
            if not any(0 <= lo - en <= 12 for en in ends):
                continue  # "between" belongs to another noun ("collaboration between A and B")
            stop = re.search(r"[.;:]|\b(?:to|on|in|which|that|who)\b", text[found.end():found.end() + 160])
            hi = sent.start_char + found.end() + (stop.start() if stop else 160)
            for m in self.mentions:
                k = self.by_mention.get(id(m))
                if k in self.ents and self.ents[k].type in ("Country", "Agency", "Organization") and \
                        lo <= self.doc[m.start].idx < hi:
                    self.relate(key, "party", k, ev, f"rule:{found.group(1)}", 0.8)
        if signed:
            for m in self.mentions:  # "The United Kingdom and Rwanda signed a treaty"
                k = self.by_mention.get(id(m))
                if self.sent_no(m) != sent_n or k not in self.ents or self.ents[k].type not in ("Country", "Organization"):
                    continue
                tok = self.doc[m.end - 1]
                while tok.dep_ == "conj" and tok.head is not tok:
                    tok = tok.head
                if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in self.gaz.cue("signing_verbs"):
                    self.relate(key, "party", k, ev, "rule:subject-of-signing", 0.75)
            witnessed = re.search(r"\b(?:in the presence of|witnessed by|attended by)\b", text, re.IGNORECASE)
            limit = sent.start_char + witnessed.start() if witnessed else sent.end_char
            signers = [o for o in self._officials_in(sent_n)
                       if any(sent.start_char <= st < limit for st, _ in self.ents[o].spans)]
            if not signers and _GROUP_RE.search(text):
                event = self._sentence_event(sent_n)
                if event:
                    signers = [o for o in self._participant_list(event) if self.ents[o].type == "Official"]
            for o in signers:
                self.relate(key, "signatory", o, ev, "rule:signing-verb", 0.75)
            event = self._signing_occasion(sent_n, key, signers)
            if event:
                self.relate(key, "signedAt", event, ev, "rule:signed-during", 0.7)
            dates = [d for d in find_dates(text, self.article.date) if sent.start_char + d.start >= self.dateline_end]
            if dates:
                self.attribute(key, "date", dates[0].value.isoformat(), ev, "rule:date-in-sentence", 0.8)
            elif event:
                ends = [v for (s, n, v) in self.attrs if s == event and n == "endDate"] or \
                       [v for (s, n, v) in self.attrs if s == event and n == "startDate"]
                if ends:
                    self.attribute(key, "date", ends[0], ev, "rule:date-of-occasion", 0.7)
        if ent.kind in ("JointStatement", "Declaration", "Communique") and sent_n == 0 and self.article.date:
            self.attribute(key, "date", self.article.date.isoformat(), ev, "rule:issued-on-publication", 0.6)
            for o in self._officials_in(sent_n):
                for (s, p, c) in list(self.rels):
                    if s == o and p == "represents":
                        self.relate(key, "party", c, ev, "rule:issuers", 0.6)

    def _signing_occasion(self, sent_n: int, agreement: str, signers: list[str]) -> str | None:
        """The occasion of a signing: a ceremony the story names, an occasion the sentence ties
        the signing to ("at the conclusion of the dialogue", "on the sidelines of the summit"),
        or else a signing event of its own."""
        sent = self.sents[sent_n]
        here = [k for k in self.events_by_sent.get(sent_n, []) if k in self.ents]
        before = [k for k in self.events_by_sent.get(sent_n - 1, []) if k in self.ents] if sent_n else []
        ceremonies = [k for k in here + before if self.ents[k].kind == "SigningCeremony"]
        tied = re.search(r"\b(?:at the (?:conclusion|end|close) of|during|on the (?:sidelines|margins) of|"
                         r"in the (?:margins|course) of|at)\s+(?:the|this|their)\b", sent.text, re.IGNORECASE)
        earlier = [o for (s_, p, o) in self.rels if s_ == agreement and p == "signedAt"]
        if ceremonies:
            key = ceremonies[0]
        elif here and tied:
            return here[0]
        elif earlier:
            key = earlier[0]
        else:
            name = "signing of the " + self.ents[agreement].name
            key = self._new_event(name, "SigningCeremony", "rule:signing-occasion", 0.6).key
        if self.ents[key].kind == "SigningCeremony":
            # each sentence that reports the signing may add who was there, where and when
            self._note_event(sent_n, key)
            ev = self.span_of(sent.start_char, sent.end_char)
            for o in signers + [o for o in self._officials_in(sent_n) if o not in signers]:
                self.relate(key, "participant", o, ev, "rule:signing-occasion", 0.6)
            self._event_place(sent, sent_n, key, ev, any_event=True)
            dates = [d for d in find_dates(sent.text, self.article.date) if sent.start_char + d.start >= self.dateline_end]
            if dates and not any(s_ == key and n == "startDate" for (s_, n, _) in self.attrs):
                self.attribute(key, "startDate", dates[0].value.isoformat(), ev, "rule:date-in-sentence", 0.7)
        return key

    def _sentence_event(self, sent_n: int) -> str | None:
        here = [k for k in self.events_by_sent.get(sent_n, []) if k in self.ents]
        if here:
            return here[0]
        earlier = [k for k in self.event_order if k in self.ents and min(self.ents[k].sentences) < sent_n]
        return earlier[-1] if earlier else None

    # ---- fallbacks -----------------------------------------------------------------------------
    def _delegations(self) -> None:
        """"X led the Indian delegation while the New Zealand side was led by Y": each clause
        that has an official, a country and a verb of leading or representing says whom the
        official stands for, and that the official took part in the occasion at hand."""
        for sent_n, sent in enumerate(self.sents):
            if not re.search(r"\b(?:led|leads|lead|headed|heads|represented|represents)\b", sent.text):
                continue
            bounds = [sent.start_char] + [sent.start_char + m.start() for m in
                                           re.finditer(r"\bwhile\b|\bwhereas\b|;|, and\b", sent.text)] + [sent.end_char]
            for lo, hi in zip(bounds, bounds[1:]):
                clause = self.text[lo:hi]
                if not re.search(r"\b(?:led|leads|lead|headed|heads|represented|represents)\b", clause):
                    continue
                inside = [self.by_mention.get(id(m)) for m in self.mentions
                          if lo <= self.doc[m.start].idx < hi and self.by_mention.get(id(m)) in self.ents]
                officials = [k for k in dict.fromkeys(inside) if self.ents[k].type == "Official"]
                countries = [k for k in dict.fromkeys(inside) if self.ents[k].type == "Country"]
                if len(countries) != 1 or not officials:
                    continue
                ev = self.span_of(sent.start_char, sent.end_char)
                event = self._sentence_event(sent_n)
                for o in officials:
                    if not any(s == o and p == "represents" for (s, p, _) in self.rels):
                        self.relate(o, "represents", countries[0], ev, "rule:leads-delegation", 0.75)
                    if event and not any(p == "participant" and ob == o for (_, p, ob) in self.rels):
                        self.relate(event, "participant", o, ev, "rule:leads-delegation", 0.65)


    def _represents_by_pairing(self) -> None:
        """In a two-country occasion or instrument, an official with no country stands for the other one."""
        for key in self.event_order + self.agreement_order:
            if key not in self.ents:
                continue
            parts = {o for (s_, p, o) in self.rels if s_ == key and p in ("participant", "party", "signatory")}
            countries = {o for o in parts if self.ents[o].type == "Country"}
            officials = [o for o in parts if self.ents[o].type == "Official"]
            if len(countries) != 2:
                continue
            taken = {c for (s, p, c) in self.rels if p == "represents" and s in officials}
            loose = [o for o in officials if not any(s == o and p == "represents" for (s, p, _) in self.rels)]
            if len(loose) == 1 and len(taken) == 1:
                (other,) = countries - taken
                ev = next((v[0] for (s_, p, o), v in self.rels.items() if s_ == key and o == loose[0]), None)
                self.relate(loose[0], "represents", other, ev, "rule:two-sided-occasion", 0.6)

    def _portfolios(self) -> None:
        """"Secretary of State" works in the "Department of State", "Treasury Secretary" in the
        "Department of the Treasury", when the article names that body: the title's portfolio
        words all stand in the body's name, and no other body of the article matches."""
        plain = {"of", "the", "for", "and", "on", "to", "special", "deputy", "under", "assistant", "vice", "senior",
                 "chief", "permanent", "general", "principal", "acting", "first", "second", "state's"}
        heads = self.gaz.cue("title_heads") | self.gaz.cue("agency_heads")
        agencies = {k: {w for w in re.split(r"[\s\-()]+", e.name.lower()) if w and w not in plain and w not in heads}
                    | ({"state"} if "state" in e.name.lower().split() else set())
                    for k, e in self.ents.items() if e.type == "Agency"}
        for (s_, n, title), (ev, _, _) in list(self.attrs.items()):
            if n != "jobTitle":
                continue
            words = {w for w in re.split(r"[\s\-()]+", title.lower()) if w and w not in plain and w not in heads}
            if "secretary of state" in title.lower() or title.lower() == "state secretary":
                words = {"state"}
            if not words:
                continue
            matches = [k for k, names in agencies.items() if words <= names]
            if len(matches) != 1:
                continue
            agency = matches[0]
            countries = {o for (a, p, o) in self.rels if a == agency and p == "agencyOf"}
            own = {o for (a, p, o) in self.rels if a == s_ and p == "represents" and self.ents[o].type == "Country"}
            if own and countries and not own & countries:
                continue  # the body of another state
            self.relate(s_, "memberOf", agency, ev, "rule:title-portfolio", 0.6)
            for c in sorted(countries) if not own else ():
                self.relate(s_, "represents", c, ev, "rule:title-portfolio", 0.6)

    def _international_officials(self) -> None:
        """A "Secretary-General" or "Special Envoy" of the only international organisation the
        article names acts for it (a UN readout's "the Secretary-General")."""
        records = [(k, self.gaz.record("Organization", k.split("/", 1)[1])) for k, e in self.ents.items()
                   if e.type == "Organization"]
        tops = [k for k, rec in records if rec is not None and rec.parent is None]
        if len(tops) != 1:
            return
        for (s_, n, title), (ev, _, _) in list(self.attrs.items()):
            if n == "jobTitle" and self.gaz.title_categories.get(title.lower()) == "international_official" and \
                    not any(a == s_ and p == "represents" for (a, p, _) in self.rels):
                self.relate(s_, "represents", tops[0], ev, "rule:sole-organisation", 0.6)
                self.relate(s_, "memberOf", tops[0], ev, "rule:sole-organisation", 0.6)

    def _propagate_participants(self) -> None:
        """Officials take part for the countries and organisations they represent."""
        for key in self.event_order:
            if key not in self.ents:
                continue
            for o in self._participant_list(key):
                for (s, p, c), val in list(self.rels.items()):
                    if s == o and p == "represents":
                        self.relate(key, "participant", c, val[0], "rule:participant-represents", 0.75)

    def _agencies_by_members(self) -> None:
        """A body with no country of its own belongs to the country its members represent."""
        for (s, p, o), val in list(self.rels.items()):
            if p == "memberOf" and self.ents[o].type == "Agency" and not any(
                    s2 == o and p2 == "agencyOf" for (s2, p2, _) in self.rels):
                for (s3, p3, c) in list(self.rels):
                    if s3 == s and p3 == "represents" and self.ents[c].type == "Country":
                        self.relate(o, "agencyOf", c, val[0], "rule:member-country", 0.6)

    def _parties_from_signatories(self) -> None:
        """An instrument with no party named binds the states its signatories represent."""
        for key in self.agreement_order:
            if key not in self.ents or any(s == key and p == "party" for (s, p, _) in self.rels):
                continue
            for (s, p, o), val in list(self.rels.items()):
                if s == key and p == "signatory":
                    for (s2, p2, c), val2 in list(self.rels.items()):
                        if s2 == o and p2 == "represents":
                            self.relate(key, "party", c, val[0], "rule:signatory-represents", 0.6)

    # ---- output --------------------------------------------------------------------------------
    def extraction(self) -> Extraction:
        entities = []
        for ent in self.ents.values():
            aliases = tuple(a for a in ent.aliases if a and a != ent.name)
            spans = tuple(self.span_of(s, e) for s, e in sorted(ent.spans))
            entities.append(Entity(key=ent.key, type=ent.type, name=ent.name, aliases=aliases, mentions=spans,
                                   kind=ent.kind, identifiers=tuple(ent.identifiers), method=ent.method,
                                   confidence=ent.confidence))
        keys = {e.key for e in entities}
        relations = tuple(Relation(s, p, o, ev, method, conf) for (s, p, o), (ev, method, conf) in self.rels.items()
                          if s in keys and o in keys)
        attributes = tuple(Attribute(s, n, v, ev, method, conf) for (s, n, v), (ev, method, conf) in self.attrs.items()
                           if s in keys)
        return Extraction(article=self.article, entities=tuple(entities), relations=relations, attributes=attributes)


def build_extraction(doc: Doc, article: Article, gaz: Gazetteer, mentions: list[Mention],
                     inner: list[Mention]) -> Extraction:
    """Entities, relations and attributes of one article, with article-local keys."""
    builder = _Builder(doc, article, gaz, mentions, inner)
    builder.run()
    return builder.extraction()
