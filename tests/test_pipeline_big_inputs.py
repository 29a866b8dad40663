"""Big inputs end to end through ``kg.pipeline.build``: each lands, and what was cut is said.

One build (module fixture, blank model: the size handling does not depend on the model) of
three inputs written for these tests: a 1 MB article on one line, an article longer than
``kg.ingest.MAX_ARTICLE_CHARS`` and an HTML page larger than ``kg.ingest.MAX_HTML_BYTES``.
Time and memory are measured by ``benchmarks/big_inputs.py``, not here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import CHUNK_CHARS, Extractor
from kg.ingest import MAX_ARTICLE_CHARS, MAX_HTML_BYTES
from kg.ontology import graph_iri
from kg.pipeline import BuildReport, build
from kg.store import Store, open_store

SENTENCES = (
    "The foreign ministers of Chile and Peru met in Lima to talk about fishing rights.",
    "Officials said the talks had been long but useful.",
    "Kenya and Ghana agreed to open a trade office in Accra next year.",
    "Both sides want the new rules in force before the harvest season starts.",
    "Norway offered to host the next round of talks in Oslo.",
    "Neither side gave a date for the next meeting of the working group.",
)
FILLER = "The delegates went through the draft line by line and left the harder points for later."
FEED_PREFIX = "date 2024-05-01 "


def _prose(chars: int, *, separator: str, sentences: tuple[str, ...] = SENTENCES) -> str:
    """Our own sentences, repeated to about ``chars`` characters, joined by ``separator``."""
    parts, size, n = [], 0, 0
    while size < chars:
        parts.append(sentences[n % len(sentences)])
        size += len(parts[-1]) + len(separator)
        n += 1
    return separator.join(parts)


def _page(size: int) -> str:
    """A news page of about ``size`` bytes: a short article, then the page's state as a very
    long inline script (as some sites ship it)."""
    article = "".join(f"<p>{s}</p>\n" for s in SENTENCES)
    head = ("<!DOCTYPE html>\n<html><head><title>Talks in Lima</title>"
            '<meta property="article:published_time" content="2024-05-03"></head>\n<body>\n'
            f"<article><h1>Talks in Lima</h1>\n{article}</article>\n<script>window.state = [\n")
    item = '{{"id": {n}, "kind": "teaser", "href": "/archive/{n}"}},\n'
    parts, total, n = [head], len(head), 0
    while total < size:
        parts.append(item.format(n=n))
        total += len(parts[-1])
        n += 1
    parts.append("];</script>\n</body></html>\n")
    return "".join(parts)


@pytest.fixture(scope="module")
def big_build(tmp_path_factory: pytest.TempPathFactory):
    """Build the three big inputs into one in-memory store; yields (folder, report, store)."""
    folder = tmp_path_factory.mktemp("big")
    # 1 MB in all, on the date line itself: no line break anywhere in the text
    spread = tuple(s for named in SENTENCES[::2] for s in (named, *(FILLER,) * 4))  # names in every piece
    (folder / "one-line.txt").write_text(FEED_PREFIX + _prose(1_000_000 - 100, separator=" ", sentences=spread),
                                         encoding="utf-8")
    (folder / "over-cap.txt").write_text(
        "date 2024-05-02\n\nA long record of talks\n\n"
        + _prose(MAX_ARTICLE_CHARS + 200_000, separator="\n\n", sentences=(SENTENCES[0],) + (FILLER,) * 19),
        encoding="utf-8")
    (folder / "huge-page.html").write_text(_page(MAX_HTML_BYTES + 2_000_000), encoding="utf-8")
    with open_store("memory") as store:
        report = build([folder], store=store, extractor=Extractor.load(model="blank"))
        yield folder, report, store


def _notes(report: BuildReport, name: str) -> list[str]:
    return [note for note in report.notes if name in note]


def _mentions(store: Store, article_id: str) -> list[tuple[int, int, str]]:
    sparql = """
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT ?g ?b ?e ?a WHERE { GRAPH ?g { ?m a nif:Phrase ; nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?a } }
    """
    rows = store.query(sparql, bindings={"g": graph_iri(article_id)}).rows
    return [(int(b), int(e), str(a)) for _, b, e, a in rows]


def test_every_big_input_lands(big_build):
    _, report, store = big_build
    assert report.ok, [str(f) for f in report.failures]
    assert report.written == 3
    assert {str(graph_iri(name)) for name in ("one-line", "over-cap", "huge-page")} <= {str(g) for g in store.graphs()}


def test_a_one_line_megabyte_article_is_read_whole_with_offsets_into_its_text(big_build):
    folder, report, store = big_build
    original = (folder / "one-line.txt").read_text(encoding="utf-8")
    assert "\n" not in original.strip() and len(original.encode()) <= 1_000_000
    text = original[len(FEED_PREFIX):].strip()  # the article's text: what every offset refers to
    assert not [n for n in _notes(report, "one-line.txt") if "cut" in n]
    assert [n for n in _notes(report, "one-line.txt") if "pieces" in n]
    mentions = _mentions(store, "one-line")
    assert len(mentions) > 1000
    assert max(end for _, end, _ in mentions) > len(text) - 1000  # read to its end
    assert all(text[begin:end] == anchor for begin, end, anchor in mentions)
    assert {anchor for _, _, anchor in mentions} >= {"Chile", "Peru", "Kenya", "Ghana", "Norway"}
    pieces = {begin // CHUNK_CHARS for begin, _, _ in mentions}
    assert len(pieces) >= len(text) // CHUNK_CHARS  # mentions from every piece


def test_an_article_over_the_limit_lands_cut_with_a_note(big_build):
    _, report, store = big_build
    (note,) = [n for n in _notes(report, "over-cap.txt") if "cut" in n]
    assert f"{MAX_ARTICLE_CHARS:,} characters" in note and "split the article" in note
    mentions = _mentions(store, "over-cap")
    assert mentions and max(end for _, end, _ in mentions) <= MAX_ARTICLE_CHARS


def test_a_huge_html_page_lands_with_a_note(big_build):
    _, report, store = big_build
    notes = _notes(report, "huge-page.html")
    assert any(f"first {MAX_HTML_BYTES:,} bytes" in n for n in notes), notes
    assert {anchor for _, _, anchor in _mentions(store, "huge-page")} >= {"Chile", "Peru", "Kenya", "Norway"}
