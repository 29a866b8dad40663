"""Builds on Dask worker processes and the bulk write path, on real parts: the real model in
every worker, a real local Dask cluster that the test starts, real pyoxigraph store folders."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_pipeline import _RaisingBatchExtractor
from typer.testing import CliRunner

from kg.cli import app
from kg.config import Settings
from kg.extract import Extractor
from kg.parallel import ExtractorSpec
from kg.pipeline import build
from kg.store import Store, open_store

distributed = pytest.importorskip("distributed")

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO / "data" / "articles"
KG = Path(sys.executable).parent / "kg"
CHANGED = (
    "date 2024-09-12\n"
    "Chile and Peru sign a fisheries memorandum\n\n"
    "The foreign ministers of Chile and Peru signed a memorandum on fisheries in Lima on Thursday.\n"
)


class FaultySpec(ExtractorSpec):
    """The real extractor, loaded on each worker, whose batch path breaks on one article (as a
    model bug would). Workers import it from this module: the cluster's processes are spawned
    with the test's import path."""

    def load(self) -> Extractor:
        return _RaisingBatchExtractor(super().load(), bad_id="seed-india-us-hsd")


@pytest.fixture(scope="module")
def spec() -> ExtractorSpec:
    return ExtractorSpec(Settings().model)


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A local Dask cluster of two worker processes, one thread each; yields its address."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c.scheduler_address


@pytest.fixture(scope="module")
def one_process(spec: ExtractorSpec, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The sample articles built by one process, one transaction per article: sorted N-Quads."""
    folder = tmp_path_factory.mktemp("serial") / "store"
    with open_store(folder) as store:
        report = build([ARTICLES], store=store, extractor=spec.load(), bulk=False)
        assert report.ok and report.written > 10
        return _nquads(store)


def _nquads(store: Store) -> list[str]:
    out = io.BytesIO()
    store.export(out, format="nquads")
    return sorted(out.getvalue().decode("utf-8").splitlines())


def _dump(location: Path) -> list[str]:
    with open_store(location, read_only=True) as store:
        return _nquads(store)


def test_two_worker_processes_give_the_same_store_as_one_process(one_process: list[str], tmp_path: Path) -> None:
    store = tmp_path / "store"
    done = subprocess.run([str(KG), "build", str(ARTICLES), "--store", str(store), "--workers", "2", "--no-bulk"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "failures" in done.stdout and "Traceback" not in done.stderr
    assert _dump(store) == one_process


def test_a_failing_article_is_reported_with_its_file_and_the_others_land(cluster: str, spec: ExtractorSpec,
                                                                        tmp_path: Path) -> None:
    with open_store(tmp_path / "store") as store:
        report = build([ARTICLES], store=store, extractor=FaultySpec(spec.model), scheduler=cluster)
        assert [f.source for f in report.failures] == [str(ARTICLES / "seed-india-us-hsd.txt")]
        assert "cannot process seed-india-us-hsd" in report.failures[0].message
        stored = store.stored_articles()
    assert report.written == report.read - 1 == len(stored)
    assert not any(graph.endswith("/seed-india-us-hsd") for graph in stored)


def test_scheduler_address_builds_on_that_cluster_the_same_store(cluster: str, one_process: list[str],
                                                                tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = CliRunner().invoke(app, ["build", str(ARTICLES), "--store", str(store), "--scheduler", cluster])
    assert result.exit_code == 0, result.output
    assert _dump(store) == one_process
    with distributed.Client(cluster) as client:  # the model was loaded in each worker process that extracted
        loaded = client.run(lambda: "spacy" in sys.modules)
    assert any(loaded.values())


def test_a_bulk_build_holds_exactly_the_quads_of_the_transactional_one(spec: ExtractorSpec, one_process: list[str],
                                                                       tmp_path: Path) -> None:
    with open_store(tmp_path / "bulk") as store:
        report = build([ARTICLES], store=store, extractor=spec.load(), bulk=True)
        assert report.ok
        assert _nquads(store) == one_process


def test_bulk_into_a_store_that_holds_articles_replaces_them_as_transactions_do(spec: ExtractorSpec,
                                                                                tmp_path: Path) -> None:
    """An edited article's old shared facts leave the entity graph, a new one's are merged once."""
    extractor = spec.load()
    first = tmp_path / "first"
    shutil.copytree(ARTICLES, first, ignore=shutil.ignore_patterns("feeds", "pages"))
    second = tmp_path / "second"
    shutil.copytree(first, second)
    (second / "seed-india-us-hsd.txt").write_text(CHANGED, encoding="utf-8")  # edited: other facts
    (second / "chile-peru.txt").write_text(CHANGED.replace("fisheries", "mining"), encoding="utf-8")  # new
    dumps = []
    for bulk in (False, True):
        with open_store(tmp_path / f"store-{bulk}") as store:
            build([first], store=store, extractor=extractor, bulk=bulk)
            report = build([second], store=store, extractor=extractor, bulk=bulk)
            assert (report.written, report.failures) == (2, ())
            dumps.append(_nquads(store))
    assert dumps[0] == dumps[1]
    assert not any("Ajay Bhalla" in line for line in dumps[1])  # the edited article's official is gone


@pytest.mark.parametrize(("option", "value", "says"), [
    ("--workers", "-1", "--workers '-1'"),
    ("--workers", "many", "--workers 'many'"),
    ("--scheduler", " ", "--scheduler needs the address"),
])
def test_bad_cluster_options_are_one_clear_line(option: str, value: str, says: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["build", str(ARTICLES), "--store", str(tmp_path / "s"), option, value])
    assert result.exit_code == 2
    assert says in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "s").exists()


def test_bulk_needs_an_embedded_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["build", str(ARTICLES / "seed-india-us-hsd.txt"), "--model", "blank",
                                      "--store", "http://127.0.0.1:9/", "--bulk"])
    assert result.exit_code == 2
    assert "--bulk" in result.stderr and "Traceback" not in result.stderr
