"""Bad input end to end through ``kg build``: one clear line per bad file, the rest lands.

One batch holds every bad file of ``tests/fixtures/bad`` beside good articles, and a file
whose earlier good version is already in the store; the build runs once (module fixture)
and each case checks its own line. Bad ``--store`` locations end with exit code 2.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.ontology import graph_iri
from kg.store import Store, open_store

REPO = Path(__file__).resolve().parent.parent
BAD = Path(__file__).resolve().parent / "fixtures" / "bad"
SEED = REPO / "data" / "articles" / "seed-india-us-hsd.txt"
GOOD_LATER = (
    "date 2024-05-06\n"
    "France and Germany hold talks\n\n"
    "The foreign ministers of France and Germany met in Berlin on Monday to discuss Ukraine.\n"
)
WAS_GOOD = (
    "date 2024-04-02\n"
    "India and Japan hold consultations\n\n"
    "India and Japan held foreign office consultations in Tokyo on Tuesday.\n"
)

# (file in tests/fixtures/bad or None for a missing path, line expected in the message, words expected)
CASES = {
    "empty": ("empty.txt", None, ("empty file",)),
    "binary": ("binary.txt", 2, ("binary file", "NUL")),
    "undecodable": ("undecodable.txt", 4, ("not UTF-8", "0xED")),
    "truncated-json": ("truncated.json", 5, ("invalid JSON",)),
    "jsonl-line-not-an-object": ("not-an-object.jsonl", 2, ("JSON object", "list")),
    "no-date": ("no-date.txt", 1, ("no date line",)),
    "html-without-text": ("no-text.html", None, ("no article text",)),
    "missing-path": (None, None, ("no such file",)),
}


def _quads(store: Store, article_id: str) -> set[str]:
    result = store.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", bindings={"g": graph_iri(article_id)})
    return {" ".join(term.n3() for term in row) for row in result.rows}


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Build a good batch, then break one of its files and add every bad file: build again."""
    work = tmp_path_factory.mktemp("bad-input")
    batch = work / "batch"
    batch.mkdir()
    store = str(work / "store")
    runner = CliRunner()

    shutil.copy(SEED, batch / SEED.name)
    (batch / "was-good.txt").write_text(WAS_GOOD, encoding="utf-8")
    first = runner.invoke(app, ["build", str(batch), "--store", store, "--model", "blank"])
    assert first.exit_code == 0, first.output
    with open_store(store) as opened:
        before = {aid: _quads(opened, aid) for aid in ("seed-india-us-hsd", "was-good")}
    assert all(before.values())

    for fixture, _, _ in CASES.values():
        if fixture is not None:
            shutil.copy(BAD / fixture, batch / fixture)
    (batch / "was-good.txt").write_bytes(b"\x00\x00 overwritten by a broken copy")  # its old graph must stay
    (batch / "good-later.txt").write_text(GOOD_LATER, encoding="utf-8")
    missing = batch / "missing-folder" / "gone.txt"
    second = runner.invoke(app, ["build", str(batch), str(missing), "--store", store, "--model", "blank"])
    with open_store(store) as opened:
        after = {aid: _quads(opened, aid) for aid in ("seed-india-us-hsd", "was-good", "good-later", "jsonl-good-1")}
    return {"batch": batch, "missing": missing, "result": second, "before": before, "after": after}


def _lines_about(outcome: dict, path: Path) -> list[str]:
    return [line for line in outcome["result"].stderr.splitlines() if line.startswith(str(path))]


@pytest.mark.parametrize("case", list(CASES))
def test_each_bad_input_gives_one_clear_line_naming_the_file(outcome: dict, case: str) -> None:
    fixture, line, words = CASES[case]
    path = outcome["missing"] if fixture is None else outcome["batch"] / fixture
    lines = _lines_about(outcome, path)
    assert len(lines) == 1, f"expected one line about {path}, stderr was:\n{outcome['result'].stderr}"
    where = f"{path}:{line}: " if line is not None else f"{path}: "
    assert lines[0].startswith(where), lines[0]
    for word in words:
        assert word in lines[0], (word, lines[0])


def test_partial_failure_exits_1_without_traceback(outcome: dict) -> None:
    result = outcome["result"]
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert "failures" in result.stdout  # the summary is still printed


def test_the_rest_of_the_batch_lands(outcome: dict) -> None:
    assert outcome["after"]["good-later"], "the good article of the bad batch is not in the store"
    assert outcome["after"]["jsonl-good-1"], "the good line of the JSONL file is not in the store"


def test_articles_built_before_are_unchanged(outcome: dict) -> None:
    assert outcome["after"]["seed-india-us-hsd"] == outcome["before"]["seed-india-us-hsd"]
    assert outcome["after"]["was-good"] == outcome["before"]["was-good"], "a file that became bad lost its graph"
    assert _lines_about(outcome, outcome["batch"] / "was-good.txt")


def test_every_failure_is_counted_in_the_summary(outcome: dict) -> None:
    stdout = outcome["result"].stdout
    row = next(line for line in stdout.splitlines() if "failures" in line)
    assert row.split("│")[-2].strip() == str(len(CASES) + 1)  # every case plus the broken was-good.txt


@pytest.mark.parametrize("kind", ["a-file", "not-a-store-folder"])
def test_a_bad_store_location_exits_2_with_one_line(kind: str, tmp_path: Path) -> None:
    location = tmp_path / kind
    if kind == "a-file":
        location.write_text("this is a file, not a store folder\n", encoding="utf-8")
    else:
        location.mkdir()
        (location / "notes.txt").write_text("someone else's folder\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(SEED), "--store", str(location), "--model", "blank"])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and str(location) in lines[0], result.stderr
    assert "Traceback" not in result.output
    if kind == "not-a-store-folder":
        assert sorted(p.name for p in location.iterdir()) == ["notes.txt"]  # left as it was


def test_an_unreachable_remote_store_exits_2_with_one_line() -> None:
    import socket

    with socket.socket() as sock:  # a port the OS just gave out and nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    result = CliRunner().invoke(app, ["build", str(SEED), "--store", url, "--model", "blank"])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and url in lines[0], result.stderr
