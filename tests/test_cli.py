"""The ``kg`` command line on real parts: real model, a real embedded store in a temp folder."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from typer.testing import CliRunner

from kg.cli import app
from kg.ontology import DIP, ENTITY_GRAPH
from kg.ontology import GRAPH as DIP_GRAPH
from kg.store import open_store

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO / "data" / "articles"
SEED = ARTICLES / "seed-india-us-hsd.txt"
FEED = ARTICLES / "feeds" / "sample-feed.jsonl"
TALKS = (
    "date 2024-05-06\n"
    "France and Germany hold talks\n\n"
    "The foreign ministers of France and Germany met in Berlin on Monday to discuss Ukraine.\n"
)
COMMANDS = ("build", "extract", "query", "relations", "export", "validate", "viz", "info")


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    shutil.copy(SEED, folder / SEED.name)
    (folder / "talks.txt").write_text(TALKS, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(runner: CliRunner, articles: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, object]:
    """A store built once by ``kg build`` with the real model; yields (location, first result)."""
    store = str(tmp_path_factory.mktemp("kg") / "store")
    result = runner.invoke(app, ["build", str(articles), "--store", store])
    return store, result


def _invoke(runner: CliRunner, *args: str):
    return runner.invoke(app, list(args))


def _no_traceback(result) -> None:
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


# ---------------------------------------------------------------- help


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(runner: CliRunner, command: str) -> None:
    result = _invoke(runner, command, "--help")
    assert result.exit_code == 0, result.output
    assert "Example: kg " in result.stdout
    assert "Usage: kg " + command in result.stdout


def test_top_level_help_lists_every_command(runner: CliRunner) -> None:
    result = _invoke(runner, "--help")
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.stdout


# ---------------------------------------------------------------- build


def test_build_prints_a_summary_and_exits_0(built) -> None:
    _, result = built
    assert result.exit_code == 0, result.output
    out = result.stdout
    for row in ("articles read", "articles written", "entities: Country", "entities: Official",
                "relations", "attributes", "articles unchanged", "failures", "quads in store"):
        assert row in out, row
    assert _row(out, "articles read") == "2" and _row(out, "articles written") == "2"
    assert _row(out, "failures") == "0"


def test_build_again_reports_unchanged_and_keeps_the_quads(runner: CliRunner, built, articles: Path) -> None:
    store, _ = built
    before = _export(runner, store, "nquads")
    result = _invoke(runner, "build", str(articles), "--store", store)  # the model it was built with
    assert result.exit_code == 0, result.output
    assert _row(result.stdout, "articles unchanged") == "2" and _row(result.stdout, "articles written") == "0"
    assert sorted(_export(runner, store, "nquads").splitlines()) == sorted(before.splitlines())


def test_build_with_view_writes_the_html_page(runner: CliRunner, articles: Path, tmp_path: Path) -> None:
    view = tmp_path / "views" / "graph.html"
    result = _invoke(runner, "build", str(articles / "talks.txt"), "--store", "memory", "--model", "blank",
                     "--view", str(view))
    assert result.exit_code == 0, result.output
    page = view.read_text(encoding="utf-8")
    # the blank model finds the three states but no occasion linking them: unconnected, left out and said so
    assert "<html" in page.lower() and "left out: 3 unconnected entities (--isolated shows them)" in page


def test_store_comes_from_the_environment(runner: CliRunner, articles: Path, tmp_path: Path) -> None:
    location = tmp_path / "from-env"
    result = runner.invoke(app, ["build", str(articles / "talks.txt"), "--model", "blank"],
                           env={"KG_STORE": str(location)})
    assert result.exit_code == 0, result.output
    assert f"store: {location}\n" in result.stdout
    with open_store(location) as store:
        assert store.count_quads() > 0


# ---------------------------------------------------------------- extract


def test_extract_out_dir_writes_one_file_per_article(runner: CliRunner, articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _invoke(runner, "extract", str(articles / "talks.txt"), str(SEED), str(FEED),
                     "--out-dir", str(out), "--model", "blank")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    feed_ids = [json.loads(line)["id"] for line in FEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert names == sorted(["talks.ttl", "seed-india-us-hsd.ttl", *(f"{i}.ttl" for i in feed_ids)])
    graph = Graph().parse(out / "talks.ttl", format="turtle")
    assert len(list(graph.subjects(predicate=None, object=DIP.Article))) == 1


@pytest.mark.parametrize(("fmt", "suffix", "rdflib_format"),
                         [("turtle", ".ttl", "turtle"), ("trig", ".trig", "trig"),
                          ("nt", ".nt", "nt"), ("jsonld", ".jsonld", "json-ld")])
def test_extract_formats_parse_back(runner: CliRunner, articles: Path, tmp_path: Path,
                                    fmt: str, suffix: str, rdflib_format: str) -> None:
    result = _invoke(runner, "extract", str(articles / "talks.txt"), "--format", fmt, "--model", "blank",
                     "--out-dir", str(tmp_path))
    assert result.exit_code == 0, result.output
    dataset = Dataset().parse(tmp_path / f"talks{suffix}", format=rdflib_format)
    quads = list(dataset.quads((None, None, None, None)))
    assert any(o == DIP.Article for _, _, o, _ in quads)
    if fmt == "trig":
        assert {str(g) for *_, g in quads} == {"https://w3id.org/diplokg/graph/talks"}


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("turtle", "turtle"), ("jsonld", "json-ld")])
def test_extract_several_articles_to_stdout(runner: CliRunner, articles: Path, fmt: str, rdflib_format: str) -> None:
    result = _invoke(runner, "extract", str(articles / "talks.txt"), str(SEED), "--format", fmt, "--model", "blank")
    assert result.exit_code == 0, result.output
    if fmt == "jsonld":
        json.loads(result.stdout)  # one JSON document, not two glued together
    graph = Graph().parse(data=result.stdout, format=rdflib_format)
    assert len(set(graph.subjects(predicate=None, object=DIP.Article))) == 2


def test_extract_unknown_format_exits_2(runner: CliRunner, articles: Path) -> None:
    result = _invoke(runner, "extract", str(articles / "talks.txt"), "--format", "yaml")
    assert result.exit_code == 2
    assert result.stderr.strip() == ("error: unknown RDF format 'yaml': use one of turtle (ttl), trig, nquads (nq), "
                                     "ntriples (nt), jsonld (json-ld), rdfxml (xml/rdf)")


@pytest.mark.parametrize("short", ["ttl", "nt", "nq", "json-ld", "xml"])
def test_every_command_takes_the_short_format_names(runner: CliRunner, articles: Path, built, short: str) -> None:
    store, _ = built
    extracted = _invoke(runner, "extract", str(articles / "talks.txt"), "--model", "blank", "--format", short)
    exported = _invoke(runner, "export", "--format", short, "--store", store)
    constructed = _invoke(runner, "query", "CONSTRUCT { ?c a dip:Country } WHERE { ?c a dip:Country }",
                          "--format", short, "--store", store)
    rdflib_name = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "json-ld": "json-ld", "xml": "xml"}[short]
    for result in (extracted, exported, constructed):
        assert result.exit_code == 0, result.output
        data = Dataset().parse(data=result.stdout, format=rdflib_name)
        assert len(data) > 0 or len(list(data.quads())) > 0


def test_extract_never_touches_the_store(runner: CliRunner, articles: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(articles / "talks.txt"), "--model", "blank"],
                           env={"KG_STORE": str(tmp_path / "untouched")})
    assert result.exit_code == 0
    assert not (tmp_path / "untouched").exists()


# ---------------------------------------------------------------- query


def test_query_named_with_param_as_table(runner: CliRunner, built) -> None:
    store, _ = built
    result = _invoke(runner, "query", "officials", "--param", "country=India", "--store", store)
    assert result.exit_code == 0, result.output
    assert "Ajay Bhalla" in result.stdout and "Home Secretary" in result.stdout


def test_query_csv(runner: CliRunner, built) -> None:
    store, _ = built
    result = _invoke(runner, "query", "officials", "-p", "country=IN", "--format", "csv", "--store", store)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert "Ajay Bhalla" in {row["name"] for row in rows}


def test_query_json(runner: CliRunner, built) -> None:
    store, _ = built
    result = _invoke(runner, "query", "counts", "--format", "json", "--store", store)
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    counts = {b["type"]["value"]: int(b["count"]["value"]) for b in answer["results"]["bindings"]}
    assert counts["Country"] >= 4 and counts["Official"] >= 2


def test_query_from_rq_file_and_sparql_text(runner: CliRunner, built, tmp_path: Path) -> None:
    store, _ = built
    text = "PREFIX dip: <https://w3id.org/diplokg/ontology#>\nSELECT (COUNT(?a) AS ?n) WHERE { ?a a dip:Article }"
    rq = tmp_path / "articles-count.rq"
    rq.write_text(text, encoding="utf-8")
    for query in (str(rq), text):
        result = _invoke(runner, "query", query, "--format", "csv", "--store", store)
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines() == ["n", "2"]


TRIPLES = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"


def test_query_table_shows_a_first_page_and_says_how_to_see_more(runner: CliRunner, built) -> None:
    store, _ = built
    result = _invoke(runner, "query", TRIPLES, "--store", store)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines[2:-1]) == 100 and lines[-1] == "(100 rows)"  # after the header and its rule
    assert "rows 1-100; more follow: --offset 100 for the next page, --limit all" in result.stderr
    whole = _invoke(runner, "query", TRIPLES, "--limit", "all", "--store", store)
    assert len(whole.stdout.splitlines()[2:-1]) > 100 and "more follow" not in whole.stderr


def test_query_pages_are_disjoint_and_make_up_the_whole_answer(runner: CliRunner, built) -> None:
    store, _ = built

    def csv_rows(*args: str) -> tuple[list[list[str]], str]:
        result = _invoke(runner, "query", *args, "--format", "csv", "--store", store)
        assert result.exit_code == 0, result.output
        return list(csv.reader(io.StringIO(result.stdout)))[1:], result.stderr

    rows, note = csv_rows(TRIPLES)  # csv: every row by default
    assert len(rows) > 300 and "more follow" not in note
    pages = []
    for offset in range(0, len(rows) + 150, 150):
        page, note = csv_rows(TRIPLES, "--limit", "150", "--offset", str(offset))
        pages.append(page)
        assert ("more follow" in note) == (offset + 150 < len(rows))
    assert [len(page) for page in pages[:-2]] == [150] * (len(pages) - 2) and pages[-1] == []
    assert [row for page in pages for row in page] == rows
    # a named query pages the same way
    counts, _ = csv_rows("counts")
    first, note = csv_rows("counts", "-n", "3")
    rest, _ = csv_rows("counts", "--offset", "3")
    assert len(counts) == 7 and len(first) == 3 and first + rest == counts and "--offset 3" in note


def test_query_help_tells_how_to_page(runner: CliRunner) -> None:
    result = _invoke(runner, "query", "--help")
    assert result.exit_code == 0
    text = " ".join(result.stdout.replace("│", " ").split())  # the help as one line, without its boxes
    for words in ("--limit -n N|all", "--offset N", "Default: 100 rows for the table", "--limit all every row",
                  "--offset 100 (the second page of 100 rows)"):
        assert words in text


def test_query_list_names_the_queries_and_params(runner: CliRunner) -> None:
    result = _invoke(runner, "query", "--list")
    assert result.exit_code == 0
    for name in ("officials", "meetings", "agreements", "timeline", "evidence", "counts"):
        assert name in result.stdout
    assert "country" in result.stdout


@pytest.mark.parametrize(("args", "needle"), [
    (["query", "no-such-query"], "unknown query 'no-such-query'"),
    (["query", "officials"], "missing parameter(s) country"),
    (["query", "officials", "-p", "country=India", "-p", "colour=red"], "unknown parameter(s) colour"),
    (["query", "officials", "-p", "country"], "bad --param 'country'"),
    (["query", "SELECT * WHERE { ?s ?p }"], "malformed SPARQL"),
    (["query", "counts", "--format", "yaml"], "unknown result format 'yaml'"),
    (["query", "missing-file.rq"], "missing-file.rq"),
    (["query"], "give a QUERY"),
    (["query", "counts", "--limit", "-1"], "bad --limit '-1': give a whole number of 0 or more or all"),
    (["query", "counts", "--limit", "ten"], "bad --limit 'ten'"),
    (["query", "counts", "--offset", "2.5"], "bad --offset '2.5': give a whole number of 0 or more"),
    (["query", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "--limit", "5"], "page the rows of a SELECT answer"),
])
def test_query_mistakes_give_one_line_and_exit_2(runner: CliRunner, built, args: list[str], needle: str) -> None:
    store, _ = built
    result = _invoke(runner, *args, "--store", store)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and needle in lines[0], result.stderr
    _no_traceback(result)


def test_reading_commands_refuse_a_store_that_does_not_exist(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here"
    for command in (["query", "counts"], ["export"], ["validate"], ["viz", "-o", str(tmp_path / "v.html")]):
        result = _invoke(runner, *command, "--store", str(missing))
        assert result.exit_code == 2, (command, result.output)
        assert f"no store at {missing}" in result.stderr
        assert not missing.exists()


# ---------------------------------------------------------------- export, validate, viz, info


@pytest.mark.parametrize(("fmt", "rdflib_format"),
                         [("trig", "trig"), ("nquads", "nquads"), ("turtle", "turtle"), ("jsonld", "json-ld")])
def test_export_formats_parse_back(runner: CliRunner, built, tmp_path: Path, fmt: str, rdflib_format: str) -> None:
    store, _ = built
    target = tmp_path / f"export.{fmt}"
    result = _invoke(runner, "export", "--format", fmt, "-o", str(target), "--store", store)
    assert result.exit_code == 0, result.output
    dataset = Dataset().parse(target, format=rdflib_format)
    quads = [q for q in dataset.quads((None, None, None, None))]
    with open_store(store) as opened:
        expected_quads = opened.count_quads()
        distinct_triples = len({q[:3] for q in opened.to_rdflib().quads((None, None, None, None))})
    if fmt in ("trig", "nquads"):
        assert len(quads) == expected_quads
        # one named graph per article, and the entity graph their shared facts are kept in
        assert {q[3] for q in quads} == {*(DIP_GRAPH[a] for a in ("seed-india-us-hsd", "talks")), ENTITY_GRAPH}
    else:
        assert len({q[:3] for q in quads}) == distinct_triples


def test_export_to_stdout(runner: CliRunner, built) -> None:
    store, _ = built
    result = _invoke(runner, "export", "--format", "nquads", "--store", store)
    assert result.exit_code == 0
    assert len(Dataset().parse(data=result.stdout, format="nquads")) >= 0
    assert result.stdout.count("\n") > 100


def test_export_unknown_format_exits_2(runner: CliRunner, built) -> None:
    store, _ = built
    result = _invoke(runner, "export", "--format", "yaml", "--store", store)
    assert result.exit_code == 2
    assert "unknown RDF format 'yaml': use one of turtle (ttl), trig, nquads (nq)" in result.stderr


def test_validate_conforms_on_built_data(runner: CliRunner, built) -> None:
    store, _ = built
    result = _invoke(runner, "validate", "--store", store)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("conforms")


def test_validate_exits_1_on_violations(runner: CliRunner, tmp_path: Path) -> None:
    location = _store_breaking_a_shape(tmp_path / "bad-store")
    result = _invoke(runner, "validate", "--store", str(location))
    assert result.exit_code == 1
    assert "country/XX" in result.stdout
    assert "does not conform" in result.stderr


def _store_breaking_a_shape(location: Path) -> Path:
    """An embedded store holding a Country without its ISO code, which breaks a shape."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF, RDFS

    country = URIRef("https://w3id.org/diplokg/id/country/XX")
    with open_store(location) as store:
        store.replace_graph(URIRef("https://w3id.org/diplokg/graph/bad"),
                            [(country, RDF.type, DIP.Country), (country, RDFS.label, Literal("Nowhere"))])
    return location


def test_viz_writes_the_view(runner: CliRunner, built, tmp_path: Path) -> None:
    store, _ = built
    target = tmp_path / "graph.html"
    result = _invoke(runner, "viz", "-o", str(target), "--store", store)
    assert result.exit_code == 0, result.output
    assert "Ajay Bhalla" in target.read_text(encoding="utf-8")


def test_info_shows_versions_settings_and_counts(runner: CliRunner, built) -> None:
    store, _ = built
    result = runner.invoke(app, ["info", "--store", store], env={"KG_MODEL": "blank"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    for needle in ("diplokg", "python", "spacy", "rdflib", "pyoxigraph", "pyvis", "quads", "articles",
                   "entities: Country", "embedded", store):
        assert needle in out, needle
    assert _row(out, "model") == "blank" and _row(out, "articles") == "2"


def test_info_without_a_store_yet(runner: CliRunner, tmp_path: Path) -> None:
    result = _invoke(runner, "info", "--store", str(tmp_path / "later"))
    assert result.exit_code == 0
    assert "none yet" in result.stdout and not (tmp_path / "later").exists()


def test_version(runner: CliRunner) -> None:
    result = _invoke(runner, "--version")
    assert result.exit_code == 0 and result.stdout.startswith("diplokg ")


# ---------------------------------------------------------------- settings


def test_settings_precedence_defaults_env_flags() -> None:
    from kg.config import DEFAULT_MODEL, DEFAULT_STORE, Settings

    defaults = Settings.from_env(environ={})
    assert (defaults.store, defaults.model) == (DEFAULT_STORE, DEFAULT_MODEL)
    assert defaults.data_dir is None and defaults.describe()["data_dir"] == "packaged"
    assert defaults.view == Path(".kg/graph.html")
    env = {"KG_STORE": "/srv/kg", "KG_MODEL": "blank", "KG_DATA_DIR": "/srv/kg-data"}
    assert Settings.from_env(environ=env).store == "/srv/kg"
    assert Settings.from_env(environ=env).data_dir == Path("/srv/kg-data")
    assert Settings.from_env(environ=env, store=None, model=None).model == "blank"  # flag not given
    flags = Settings.from_env(environ=env, store="memory", view="out/v.html", data_dir="mine")
    assert (flags.store, flags.model, flags.view, flags.data_dir) == ("memory", "blank", Path("out/v.html"),
                                                                      Path("mine"))


@pytest.mark.parametrize(("environ", "overrides", "needle"), [
    ({"KG_STORE": ""}, {}, "setting 'store' is empty"),
    ({}, {"model": " "}, "setting 'model' is empty"),
    ({"KG_DATA_DIR": ""}, {}, "setting 'data_dir' is empty (''): give a value with --data-dir or $KG_DATA_DIR"),
    ({}, {"colour": "red"}, "unknown setting(s) colour"),
])
def test_settings_reject_unusable_values(environ: dict, overrides: dict, needle: str) -> None:
    from kg.config import Settings
    from kg.errors import ConfigError

    with pytest.raises(ConfigError, match=re.escape(needle)):
        Settings.from_env(environ=environ, **overrides)


def test_an_unknown_model_exits_2_with_one_line(runner: CliRunner, articles: Path) -> None:
    result = runner.invoke(app, ["build", str(articles / "talks.txt"), "--store", "memory"],
                           env={"KG_MODEL": "no_such_spacy_model"})
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no_such_spacy_model" in lines[0], result.stderr
    _no_traceback(result)


def test_an_empty_store_setting_exits_2(runner: CliRunner) -> None:
    result = runner.invoke(app, ["query", "counts"], env={"KG_STORE": ""})
    assert result.exit_code == 2
    assert "setting 'store' is empty" in result.stderr


# ---------------------------------------------------------------- the data folder

ZORBIAN_KEY = '"gazetteer:zorbian-league"'  # the dip:matchKey of an organisation the gazetteer knows
LEAGUE = " date 2024-03-01 Geneva [Switzerland], March 1 : India and Brazil joined the Zorbian League on Friday.\n"


@pytest.fixture(scope="module")
def my_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the packaged data whose organisations include a made-up one."""
    from kg.resources import data_dir

    folder = tmp_path_factory.mktemp("data") / "my-data"
    shutil.copytree(data_dir().root, folder)  # follows the checkout's symlinks: real files
    with (folder / "gazetteers" / "organizations.jsonl").open("a", encoding="utf-8") as handle:
        handle.write('{"id": "zorbian-league", "name": "Zorbian League", "aliases": ["ZL"]}\n')
    return folder


@pytest.mark.parametrize("how", ["--data-dir", "KG_DATA_DIR"])
def test_data_dir_replaces_the_packaged_data(runner: CliRunner, my_data: Path, tmp_path: Path, how: str) -> None:
    article = tmp_path / "league.txt"
    article.write_text(LEAGUE, encoding="utf-8")
    packaged = ["extract", str(article), "--model", "blank", "--format", "nt"]
    if how == "--data-dir":
        result = runner.invoke(app, [*packaged, "--data-dir", str(my_data)])
    else:
        result = runner.invoke(app, packaged, env={"KG_DATA_DIR": str(my_data)})
    assert result.exit_code == 0, result.output
    assert ZORBIAN_KEY in result.stdout
    assert ZORBIAN_KEY not in runner.invoke(app, packaged).stdout  # found by its capitals alone


def test_validate_reads_the_shapes_of_the_data_dir(runner: CliRunner, tmp_path: Path) -> None:
    from kg.resources import data_dir

    lenient = tmp_path / "no-shapes"
    shutil.copytree(data_dir().root, lenient)
    (lenient / "ontology" / "shapes.ttl").write_text("# no shapes\n", encoding="utf-8")
    location = str(_store_breaking_a_shape(tmp_path / "bad-store"))
    assert _invoke(runner, "validate", "--store", location).exit_code == 1
    result = _invoke(runner, "validate", "--store", location, "--data-dir", str(lenient))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("conforms")


@pytest.mark.parametrize("command", ["build", "extract", "validate", "info"])
@pytest.mark.parametrize("how", ["--data-dir", "KG_DATA_DIR"])
def test_a_missing_data_dir_exits_2_with_one_line(runner: CliRunner, tmp_path: Path, command: str,
                                                  how: str) -> None:
    missing = tmp_path / "no-such-data"
    store = tmp_path / "store"
    args = {"build": ["build", str(SEED), "--store", str(store)], "extract": ["extract", str(SEED)],
            "validate": ["validate", "--store", str(store)], "info": ["info", "--store", str(store)]}[command]
    if how == "--data-dir":
        result = runner.invoke(app, [*args, "--data-dir", str(missing)])
    else:
        result = runner.invoke(app, args, env={"KG_DATA_DIR": str(missing)})
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"data folder {missing} does not exist" in lines[0], result.stderr
    assert result.stdout == "" and not store.exists()  # stopped before any work
    _no_traceback(result)


def test_info_shows_which_data_is_in_force(runner: CliRunner, my_data: Path) -> None:
    wide = {"COLUMNS": "400"}  # one line per row, however long the path
    packaged = runner.invoke(app, ["info", "--store", "memory"], env=wide)
    assert packaged.exit_code == 0, packaged.output
    assert _row(packaged.stdout, "data_dir").startswith("packaged: ")
    override = runner.invoke(app, ["info", "--store", "memory", "--data-dir", str(my_data)], env=wide)
    assert _row(override.stdout, "data_dir") == f"override: {my_data}"


# ---------------------------------------------------------------- a real process


def test_real_kg_process(built, tmp_path: Path) -> None:
    store, _ = built
    kg = Path(sys.executable).parent / "kg"
    env = {**os.environ, "KG_STORE": store}
    done = subprocess.run([str(kg), "query", "counts", "--format", "json"], capture_output=True, text=True,
                          env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["head"]["vars"] == ["type", "count"]

    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("not a store", encoding="utf-8")
    failed = subprocess.run([str(kg), "query", "counts", "--store", str(not_a_folder)], capture_output=True,
                            text=True, timeout=120, check=False)
    assert failed.returncode == 2
    assert "Traceback" not in failed.stderr
    lines = failed.stderr.strip().splitlines()
    assert len(lines) == 1 and str(not_a_folder) in lines[0]


# ---------------------------------------------------------------- helpers


def _row(table: str, label: str) -> str:
    """The value next to ``label`` in a rich two-column table printed as text."""
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.strip("│┃ ").split("│")]
        if cells and cells[0] == label and len(cells) > 1:
            return cells[-1]
    raise AssertionError(f"no row {label!r} in:\n{table}")


def _export(runner: CliRunner, store: str, fmt: str) -> str:
    result = _invoke(runner, "export", "--format", fmt, "--store", store)
    assert result.exit_code == 0, result.output
    return result.stdout


# ---------------------------------------------------------------- mistakes found in review


def test_query_may_use_the_project_prefixes_without_declaring_them(runner, built) -> None:
    store, _ = built
    result = _invoke(runner, "query", "SELECT DISTINCT ?c WHERE { ?c a dip:Country ; rdfs:label 'India' }",
                     "--store", store, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "https://w3id.org/diplokg/id/country/IN" in result.stdout


def test_query_refuses_updates_with_a_clear_line(runner, built) -> None:
    store, _ = built
    result = _invoke(runner, "query", "DELETE WHERE { ?s ?p ?o }", "--store", store)
    assert result.exit_code == 2
    assert "only reads" in result.stderr
    _no_traceback(result)
    again = _invoke(runner, "query", "counts", "--store", store, "--format", "csv")
    assert "Country" in again.stdout  # nothing was deleted


def test_query_parameter_may_be_written_as_results_print_it(runner, built) -> None:
    store, _ = built
    by_label = _invoke(runner, "query", "officials", "-p", "country=India", "--store", store, "--format", "csv")
    by_curie = _invoke(runner, "query", "officials", "-p", "country=id:country/IN", "--store", store, "--format", "csv")
    assert by_curie.exit_code == 0 and by_curie.stdout.splitlines()[1:]
    assert sorted(line.rsplit(",", 1)[0] for line in by_curie.stdout.splitlines()[1:]) == \
        sorted(line.rsplit(",", 1)[0] for line in by_label.stdout.splitlines()[1:])


def test_build_with_no_existing_input_stops_before_making_a_store(runner, tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = _invoke(runner, "build", str(tmp_path / "missing.txt"), "--store", str(store))
    assert result.exit_code == 2 and "none of the inputs exist" in result.stderr
    assert not store.exists()


def test_export_into_a_missing_folder_names_the_users_path(runner, built, tmp_path: Path) -> None:
    store, _ = built
    target = tmp_path / "nowhere" / "kg.trig"
    result = _invoke(runner, "export", "--store", store, "-o", str(target))
    assert result.exit_code == 2 and str(target.parent) in result.stderr and ".partial" not in result.stderr


def test_extract_out_dir_that_is_a_file_is_refused(runner, tmp_path: Path) -> None:
    afile = tmp_path / "file"
    afile.write_text("x")
    result = _invoke(runner, "extract", str(SEED), "--out-dir", str(afile))
    assert result.exit_code == 2 and "is a file" in result.stderr
    assert afile.read_text() == "x"


def test_an_article_id_taken_by_another_file_is_reported(runner, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(SEED, tmp_path / "a" / "talks.txt")
    (tmp_path / "b" / "talks.txt").write_text(TALKS, encoding="utf-8")
    store = str(tmp_path / "store")
    assert _invoke(runner, "build", str(tmp_path / "a"), "--store", store).exit_code == 0
    second = _invoke(runner, "build", str(tmp_path / "b"), "--store", store)
    assert second.exit_code == 0
    assert "replaces article 'talks'" in second.stderr and "a/talks.txt" in second.stderr
