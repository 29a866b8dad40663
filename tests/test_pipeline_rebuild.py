"""What a build re-extracts: the build fingerprint, --force, --prune and removing articles.

Real parts throughout: the blank and the real spaCy pipeline, the packaged data (and a
copy of it), real pyoxigraph stores, and the ``kg`` command line through typer's runner.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Literal
from typer.testing import CliRunner

from kg.cli import app
from kg.config import Settings
from kg.errors import ConfigError
from kg.extract import Extractor
from kg.fingerprint import fingerprint, installed_fingerprint
from kg.ontology import DIP, article_iri, graph_iri
from kg.pipeline import build, older_builds, remove
from kg.resources import data_dir
from kg.store import Store, open_store
from test_cli import _row
from test_pipeline import SEED, TALKS, _quads, batch  # noqa: F401 (batch is a fixture)

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def blank() -> Extractor:
    return Extractor.load(model="blank")


@pytest.fixture(scope="module")
def real() -> Extractor:
    return Extractor.load(model=Settings().model)


def _counts(report) -> tuple[int, int, int, int]:
    return report.read, report.written, report.reextracted, report.unchanged


def test_fingerprint_is_recorded_on_the_article(batch: Path, blank: Extractor) -> None:
    with open_store("memory") as store:
        build([batch], store=store, extractor=blank)
        stored = store.stored_articles()[str(graph_iri("talks"))]
        assert stored.fingerprint == blank.fingerprint and len(blank.fingerprint) == 16
        found = store.query("SELECT ?f ?a ?p WHERE { GRAPH ?g { ?a ?p ?f } }",
                            bindings={"a": article_iri("talks"), "p": DIP.buildFingerprint})
        assert [row[0] for row in found.rows] == [Literal(blank.fingerprint)]


def test_fingerprints_differ_by_model_and_match_what_kg_info_computes(blank: Extractor, real: Extractor) -> None:
    assert blank.fingerprint != real.fingerprint
    assert installed_fingerprint("blank") == blank.fingerprint
    assert installed_fingerprint(real.model) == real.fingerprint
    assert installed_fingerprint("/no/such/model-folder") is None


def test_same_inputs_twice_are_unchanged(batch: Path, blank: Extractor, tmp_path: Path) -> None:
    with open_store(tmp_path / "store") as store:
        assert _counts(build([batch], store=store, extractor=blank)) == (2, 2, 0, 0)
        first = _quads(store)
        assert _counts(build([batch], store=store, extractor=blank)) == (2, 0, 0, 2)
        assert _quads(store) == first


def test_blank_then_real_model_re_extracts_every_article(batch: Path, blank: Extractor, real: Extractor) -> None:
    with open_store("memory") as store:
        build([batch], store=store, extractor=blank)
        assert older_builds(store, real.fingerprint) == 2
        report = build([batch], store=store, extractor=real)
        assert _counts(report) == (2, 2, 2, 0)
        assert {a.fingerprint for a in store.stored_articles().values()} == {real.fingerprint}
        assert older_builds(store, real.fingerprint) == 0


def test_an_edited_article_counts_as_new_or_edited_not_older_build(batch: Path, blank: Extractor) -> None:
    with open_store("memory") as store:
        build([batch], store=store, extractor=blank)
        (batch / "talks.txt").write_text(TALKS.replace("Ukraine", "trade"), encoding="utf-8")
        assert _counts(build([batch], store=store, extractor=blank)) == (2, 1, 0, 1)


def test_a_changed_gazetteer_in_a_data_copy_re_extracts(batch: Path, blank: Extractor, tmp_path: Path) -> None:
    copy = tmp_path / "my-data"
    shutil.copytree(data_dir().root, copy)  # follows the checkout's symlinks: real files
    same = Extractor.load(model="blank", data_dir=copy)
    assert same.fingerprint == blank.fingerprint  # the files are hashed by content, not by path
    with (copy / "gazetteers" / "organizations.jsonl").open("a", encoding="utf-8") as handle:
        handle.write('{"id": "zorbian-league", "name": "Zorbian League", "aliases": ["ZL"]}\n')
    changed = Extractor.load(model="blank", data_dir=copy)
    assert changed.fingerprint != blank.fingerprint
    assert changed.fingerprint == fingerprint(model="blank", version="", data=copy)
    with open_store("memory") as store:
        build([batch], store=store, extractor=blank)
        assert _counts(build([batch], store=store, extractor=same)) == (2, 0, 0, 2)
        assert _counts(build([batch], store=store, extractor=changed)) == (2, 2, 2, 0)


def test_force_re_extracts_all_and_gives_the_same_quads(batch: Path, blank: Extractor) -> None:
    with open_store("memory") as store:
        build([batch], store=store, extractor=blank)
        first = _quads(store)
        assert _counts(build([batch], store=store, extractor=blank, force=True)) == (2, 2, 2, 0)
        assert _quads(store) == first


def test_prune_removes_deleted_files_under_the_inputs_only(batch: Path, blank: Extractor, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "elsewhere.txt").write_text(TALKS.replace("Germany", "Italy"), encoding="utf-8")
    with open_store("memory") as store:
        build([batch, other], store=store, extractor=blank)
        (batch / "talks.txt").unlink()
        report = build([batch], store=store, extractor=blank, prune=True)
        assert report.pruned == (str(batch / "talks.txt"),)
        graphs = set(store.stored_articles())
        assert graphs == {str(graph_iri("seed-india-us-hsd")), str(graph_iri("elsewhere"))}
        # without --prune nothing is removed
        (batch / SEED.name).unlink()
        build([batch], store=store, extractor=blank)
        assert str(graph_iri("seed-india-us-hsd")) in store.stored_articles()


def test_prune_keeps_an_article_whose_file_failed_to_read(batch: Path, blank: Extractor) -> None:
    with open_store("memory") as store:
        build([batch], store=store, extractor=blank)
        (batch / "talks.txt").write_text("", encoding="utf-8")  # unreadable now, not deleted
        report = build([batch], store=store, extractor=blank, prune=True)
        assert report.failures and report.pruned == ()
        assert str(graph_iri("talks")) in store.stored_articles()


def test_remove_by_id_and_by_source(batch: Path, blank: Extractor) -> None:
    with open_store("memory") as store:
        build([batch], store=store, extractor=blank)
        before = _quads(store)
        assert remove(["talks"], store=store) == [str(batch / "talks.txt")]
        assert remove([str(batch / SEED.name)], store=store) == [str(batch / SEED.name)]
        assert store.stored_articles() == {}
        assert _quads(store) == set()  # the entity graph emptied with the last article
        assert before


def test_remove_an_unknown_article_removes_nothing(batch: Path, blank: Extractor) -> None:
    with open_store("memory") as store:
        build([batch], store=store, extractor=blank)
        with pytest.raises(ConfigError, match="'nope'"):
            remove(["talks", "nope"], store=store)
        assert len(store.stored_articles()) == 2


# ---------------------------------------------------------------- the command line


def test_cli_force_prune_remove_and_info(batch: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    store = str(tmp_path / "store")
    wide = {"COLUMNS": "300"}

    def kg(*args: str, env: dict[str, str] | None = None):
        return runner.invoke(app, list(args), env={**wide, **(env or {})})

    done = kg("build", str(batch), "--store", store, "--model", "blank")
    assert done.exit_code == 0, done.output
    assert _row(done.stdout, "new or edited") == "2"
    forced = kg("build", str(batch), "--store", store, "--model", "blank", "--force")
    assert _row(forced.stdout, "re-extracted (older build)") == "2"
    assert _row(kg("info", "--store", store, "--model", "blank").stdout, "older builds") == "0 article(s)"
    assert _row(kg("info", "--store", store, env={"KG_MODEL": Settings().model}).stdout,
                "older builds") == "2 article(s)"
    assert kg("validate", "--store", store).exit_code == 0

    (batch / "talks.txt").unlink()
    pruned = kg("build", str(batch), "--store", store, "--model", "blank", "--prune")
    assert pruned.exit_code == 0, pruned.output
    assert _row(pruned.stdout, "articles pruned") == "1"

    missing = kg("remove", "nope", "--store", store)
    assert missing.exit_code == 2
    assert missing.stderr.count("\n") == 1 and "nope" in missing.stderr and "Traceback" not in missing.output
    gone = kg("remove", "seed-india-us-hsd", "--store", store)
    assert gone.exit_code == 0, gone.output
    assert "seed-india-us-hsd.txt" in gone.stderr
    assert _row(kg("info", "--store", store, "--model", "blank").stdout, "articles") == "0"
