"""The pipeline end to end on real parts: real model, real gazetteers, real pyoxigraph stores."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kg.config import Settings
from kg.extract import Extractor
from kg.model import Article, Extraction, Failure, Relation
from kg.ontology import DIP, ENTITY_GRAPH, ID, graph_iri
from kg.pipeline import BuildReport, build, extract_article_graphs
from kg.store import Store, open_store

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO / "data" / "articles"
SEED = ARTICLES / "seed-india-us-hsd.txt"
TALKS = (
    "date 2024-05-06\n"
    "France and Germany hold talks\n\n"
    "The foreign ministers of France and Germany met in Berlin on Monday to discuss Ukraine.\n"
)
EDITED = (
    "date 2024-05-06\n"
    "France and Japan hold talks\n\n"
    "The foreign ministers of France and Japan met in Tokyo on Monday to discuss trade.\n"
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    """The real pipeline, loaded once for the module (loading takes a few seconds)."""
    return Extractor.load(model=Settings().model)


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """A folder with the founding article and a short one written for these tests."""
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    (folder / "talks.txt").write_text(TALKS, encoding="utf-8")
    return folder


def _quads(store: Store) -> set[str]:
    result = store.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    return {" ".join(term.n3() for term in row) for row in result.rows}


def _graph_quads(store: Store, article_id: str) -> set[str]:
    result = store.query(
        "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", bindings={"g": graph_iri(article_id)}
    )
    return {" ".join(term.n3() for term in row[1:]) for row in result.rows}


def _article_graphs(store: Store) -> set:
    """The named graphs of articles (beside them is the entity graph of their shared facts)."""
    return set(store.graphs()) - {ENTITY_GRAPH}


def test_build_writes_one_graph_per_article_and_reports_counts(batch: Path, extractor: Extractor) -> None:
    with open_store("memory") as store:
        report = build([batch], store=store, extractor=extractor)
        assert isinstance(report, BuildReport)
        assert (report.read, report.written, report.unchanged, report.failures) == (2, 2, 0, ())
        assert report.ok
        assert _article_graphs(store) == {graph_iri("seed-india-us-hsd"), graph_iri("talks")}
        assert report.entities["Country"] >= 4  # India, US, France, Germany
        assert report.entities["Official"] >= 2  # Kristie Canegallo, Ajay Bhalla
        assert report.relations > 0 and report.attributes > 0
        hashes = store.article_hashes()
        assert len(hashes[str(graph_iri("talks"))]) == 64


def test_build_twice_leaves_the_same_quads(batch: Path, extractor: Extractor, tmp_path: Path) -> None:
    with open_store(tmp_path / "store") as store:
        build([batch], store=store, extractor=extractor)
        first = _quads(store)
        again = build([batch], store=store, extractor=extractor)
        assert (again.read, again.written, again.unchanged) == (2, 0, 2)
        assert again.entities == {} and again.relations == 0
        assert _quads(store) == first
    with open_store(tmp_path / "store") as reopened:
        assert _quads(reopened) == first
    with open_store("memory") as fresh:  # an independent rebuild mints the same IRIs: no blank nodes
        build([batch], store=fresh, extractor=extractor)
        assert _quads(fresh) == first


def test_edited_article_replaces_its_graph(batch: Path, extractor: Extractor) -> None:
    with open_store("memory") as store:
        build([batch], store=store, extractor=extractor)
        seed_before = _graph_quads(store, "seed-india-us-hsd")
        talks_before = _graph_quads(store, "talks")
        germany = f"<{ID['country/DE']}>"
        assert any(germany in quad for quad in talks_before)

        (batch / "talks.txt").write_text(EDITED, encoding="utf-8")
        report = build([batch], store=store, extractor=extractor)

        assert (report.written, report.unchanged) == (1, 1)
        talks_after = _graph_quads(store, "talks")
        assert not any(germany in quad for quad in talks_after), "old facts of the edited article remain"
        assert any(f"<{ID['country/JP']}>" in quad for quad in talks_after)
        assert not any("Berlin" in quad for quad in talks_after)
        assert _graph_quads(store, "seed-india-us-hsd") == seed_before


class _DanglingRelationExtractor(Extractor):
    """The real extractor, except that one article's extraction names an entity it lacks.

    Such an extraction cannot be resolved or mapped; it stands for any article whose
    processing raises, so the test sees the pipeline isolate it.
    """

    def __init__(self, real: Extractor, *, bad_id: str) -> None:
        super().__init__(real.nlp, real.gazetteer, model=real.model, data_dir=real.data_dir)
        self.bad_id = bad_id

    def extract_all(self, articles, **options):
        for extraction in super().extract_all(articles, **options):
            if extraction.article.id == self.bad_id:
                dangling = Relation(subject="country/XX-missing", predicate="participant", object="country/YY-missing")
                extraction = replace(extraction, relations=(*extraction.relations, dangling))
            yield extraction


def test_an_article_that_fails_to_map_is_a_failure_and_the_others_land(batch: Path, extractor: Extractor) -> None:
    faulty = _DanglingRelationExtractor(extractor, bad_id="talks")
    with open_store("memory") as store:
        report = build([batch], store=store, extractor=faulty)
        assert (report.read, report.written) == (2, 1)
        assert len(report.failures) == 1
        failure = report.failures[0]
        assert failure.source.endswith("talks.txt")
        assert "talks" in str(failure) and "failed" in failure.message
        assert _article_graphs(store) == {graph_iri("seed-india-us-hsd")}


class _RaisingBatchExtractor(Extractor):
    """The real extractor whose batch path breaks on one article, as a model bug would."""

    def __init__(self, real: Extractor, *, bad_id: str) -> None:
        super().__init__(real.nlp, real.gazetteer, model=real.model, data_dir=real.data_dir)
        self.bad_id = bad_id

    def extract_all(self, articles, **options):
        for article in articles:
            if article.id == self.bad_id:
                raise ValueError(f"cannot process {article.id}")
            yield from super().extract_all([article], **options)


def test_a_batch_error_is_narrowed_down_to_the_article_that_raised(batch: Path, extractor: Extractor) -> None:
    (batch / "another.txt").write_text(EDITED.replace("France and Japan", "Spain and Italy"), encoding="utf-8")
    faulty = _RaisingBatchExtractor(extractor, bad_id="seed-india-us-hsd")
    with open_store("memory") as store:
        report = build([batch], store=store, extractor=faulty)
        assert [f.source for f in report.failures] == [str(batch / "seed-india-us-hsd.txt")]
        assert "cannot process seed-india-us-hsd" in report.failures[0].message
        assert _article_graphs(store) == {graph_iri("another"), graph_iri("talks")}


def test_unreadable_inputs_are_failures_not_errors(batch: Path, extractor: Extractor) -> None:
    (batch / "empty.txt").write_bytes(b"")
    missing = batch / "missing.txt"
    with open_store("memory") as store:
        report = build([batch, missing], store=store, extractor=extractor)
        assert report.written == 2
        sources = sorted(f.source for f in report.failures)
        assert sources == sorted([str(batch / "empty.txt"), str(missing)])
        assert not report.ok


def test_progress_reports_every_article(batch: Path, extractor: Extractor) -> None:
    calls: list[tuple[int, int, str]] = []
    with open_store("memory") as store:
        build([batch], store=store, extractor=extractor, progress=lambda *call: calls.append(call))
        build([batch], store=store, extractor=extractor, progress=lambda *call: calls.append(call))
    first, second = calls[:3], calls[3:]
    assert [c[:2] for c in first] == [(0, 2), (1, 2), (2, 2)]
    assert [c[:2] for c in second] == [(0, 2), (2, 2)]  # both unchanged, reported at once


def test_build_into_a_remote_sparql_store(batch: Path, extractor: Extractor, oxigraph_server: str) -> None:
    with open_store(oxigraph_server) as remote, open_store("memory") as local:
        report = build([batch], store=remote, extractor=extractor)
        build([batch], store=local, extractor=extractor)
        assert report.written == 2
        assert _quads(remote) == _quads(local)
        assert build([batch], store=remote, extractor=extractor).unchanged == 2


def test_extract_article_graphs_keeps_input_order_and_writes_nothing(batch: Path, extractor: Extractor) -> None:
    empty = batch / "aaa-empty.txt"
    empty.write_bytes(b"")
    results = list(extract_article_graphs([empty, batch / "talks.txt", SEED], extractor=extractor))
    assert isinstance(results[0], Failure) and results[0].source == str(empty)
    (talks, talks_graph), (seed, seed_graph) = results[1], results[2]
    assert isinstance(talks, Article) and isinstance(talks_graph, Graph)
    assert talks_graph.identifier == graph_iri("talks") and seed_graph.identifier == graph_iri("seed-india-us-hsd")
    article = URIRef(str(ID) + "article/talks")
    assert (article, DIP.contentHash, None) in talks_graph
    assert seed.title and isinstance(seed, Article)


def test_report_counts_distinct_entities_across_articles(batch: Path, extractor: Extractor) -> None:
    """An entity named in two articles (France, Germany) counts once in the report."""
    (batch / "talks-again.txt").write_text(TALKS.replace("Monday", "Tuesday"), encoding="utf-8")
    with open_store("memory") as store:
        report = build([batch], store=store, extractor=extractor)
    keys: dict[str, set[str]] = {}
    relations = 0
    for path in sorted(batch.iterdir()):
        extraction = _resolved(extractor, path)
        relations += len(extraction.relations)
        for entity in extraction.entities:
            keys.setdefault(entity.type, set()).add(entity.key)
    assert report.written == 3
    assert report.entities == {kind: len(found) for kind, found in sorted(keys.items())}
    assert report.relations == relations
    assert {"country/FR", "country/DE"} <= keys["Country"]


def _resolved(extractor: Extractor, path: Path) -> Extraction:
    from kg.ingest import read_file
    from kg.resolve import resolve

    (article,) = read_file(path)
    return resolve(extractor.extract(article))


def test_a_store_that_refuses_writes_stops_the_build_with_its_reason(extractor, remote_url, tmp_path):
    """A write the store refuses ends the build with the store's own reason."""
    from kg.errors import StoreError
    from kg.store import RemoteStore

    for n in range(3):
        (tmp_path / f"talks-{n}.txt").write_text(TALKS, encoding="utf-8")
    read_only = RemoteStore(f"{remote_url}/query", update_url=None, store_url=None)
    with pytest.raises(StoreError, match="read-only"):
        build([tmp_path], store=read_only, extractor=extractor)
