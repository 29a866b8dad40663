"""Relations between countries over time (kg.relations, the relations queries, kg relations) on
hand-written interactions in real stores: in memory, behind a real oxigraph server, in a folder."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from interactions import CN, IN, UN, US, HOSTILE_SENTENCE, load
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import ConfigError
from kg.query import QUERIES_DIR
from kg.relations import WEIGHTS, all_relations, evidence, relations, resolve_party, rollup
from kg.store import open_store

REPO = Path(__file__).resolve().parent.parent
PLOVER_TTL = REPO / "ontology" / "plover.ttl"
INDIA, USA, CHINA, UNITED_NATIONS = str(IN), str(US), str(CN), str(UN)

# (month, direction, type, quad class, interactions, score) of India (a) and the United States (b)
INDIA_US = [
    ("2024-03", "a->b", "CONSULT", "verbal-cooperation", 2, 6.0),
    ("2024-03", "b->a", "AGREE", "verbal-cooperation", 1, 4.0),
    ("2024-04", "a->b", "REJECT", "verbal-conflict", 1, -4.0),
    ("2024-04", "b->a", "ACCUSE", "verbal-conflict", 1, -2.0),
    ("2024-05", "a->b", "COOPERATE", "material-cooperation", 1, 6.0),
    ("undated", "b->a", "SANCTION", "material-conflict", 1, -7.0),
]


def _plain(rows) -> list[tuple]:
    return [(r.month, r.direction, r.type, r.quad_class, r.interactions, r.score) for r in rows]


@pytest.fixture(scope="module")
def store():
    with open_store("memory") as kg_store:
        load(kg_store)
        yield kg_store


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> str:
    location = str(tmp_path_factory.mktemp("relations") / "store")
    with open_store(location) as kg_store:
        load(kg_store)
    return location


# --------------------------------------------------------------------------- the library


def test_a_pair_month_by_month_in_both_directions_on_every_backend(empty_store) -> None:
    load(empty_store)
    rows = relations(empty_store, "India", "United States")
    assert _plain(rows) == INDIA_US
    assert {(r.direction, r.actor, r.recipient) for r in rows} == {("a->b", INDIA, USA), ("b->a", USA, INDIA)}
    # the other order swaps the directions, not the facts
    swapped = relations(empty_store, "U.S.", "india")
    assert [(r.month, r.direction, r.type) for r in swapped][:2] == [("2024-03", "a->b", "AGREE"),
                                                                     ("2024-03", "b->a", "CONSULT")]


def test_the_score_is_the_sum_of_the_types_weights(store) -> None:
    rows = relations(store, "India", "United States")
    assert all(r.score == r.interactions * WEIGHTS[r.type] for r in rows)
    by_month = [(r.month, r.interactions, r.score) for r in rollup(rows, by="month")]
    assert by_month == [("2024-03", 3, 10.0), ("2024-04", 2, -6.0), ("2024-05", 1, 6.0), ("undated", 1, -7.0)]
    by_quad = [(r.month, r.direction, r.quad_class, r.score) for r in rollup(rows, by="quad_class")][:2]
    assert by_quad == [("2024-03", "a->b", "verbal-cooperation", 6.0), ("2024-03", "b->a", "verbal-cooperation", 4.0)]
    assert sum(r.score for r in rows) == 3.0


@pytest.mark.parametrize(("since", "until", "months"), [
    ("2024-04", None, ["2024-04", "2024-04", "2024-05"]),
    (None, "2024-03", ["2024-03", "2024-03"]),
    ("2024-04", "2024-04", ["2024-04", "2024-04"]),
    ("2024", "2024", ["2024-03", "2024-03", "2024-04", "2024-04", "2024-05"]),
    ("2025-01", None, []),
])
def test_a_period_keeps_its_months_and_leaves_out_the_undated(store, since, until, months) -> None:
    assert [r.month for r in relations(store, "IN", "US", since=since, until=until)] == months


def test_every_pair_at_once_with_organisations_as_actors(store) -> None:
    rows = {(r.month, r.actor, r.recipient, r.type): (r.interactions, r.score) for r in all_relations(store)}
    assert rows[("2024-05", CHINA, INDIA, "THREATEN")] == (1, -6.0)
    assert rows[("2024-05", INDIA, CHINA, "PROTEST")] == (1, -5.0)  # dated by its article
    assert rows[("2024-05", UNITED_NATIONS, INDIA, "AID")] == (1, 7.0)
    assert rows[("2024-03", INDIA, USA, "CONSULT")] == (2, 6.0)
    assert len(rows) == 9  # the six of India and the United States, and these three
    assert [r.month for r in all_relations(store, since="2024-05", until="2024-05")] == ["2024-05"] * 4


def test_evidence_of_a_month_gives_sentences_and_articles(store) -> None:
    found = evidence(store, "India", "United States", "2024-03")
    assert [(e.date, e.direction, e.type, e.mode, e.cameo) for e in found] == [
        ("2024-03-02", "a->b", "CONSULT", "visit", "036"),
        ("2024-03-02", "b->a", "AGREE", "", "030"),
        ("2024-03-20", "a->b", "CONSULT", "phone", ""),
    ]
    first = found[0]
    assert first.sentence == "Foreign Minister Sunita Rao held talks with US officials in Washington on Saturday."
    assert (first.article_id, first.title, first.url) == ("talks", "India and US open talks",
                                                          "https://news.example/talks")
    assert first.label == "India CONSULT United States"
    undated = evidence(store, "India", "United States", "undated")
    assert [(e.type, e.article_id, e.url) for e in undated] == [("SANCTION", "undated", "")]
    april = evidence(store, "United States", "India", "2024-04")
    assert [(e.direction, e.type, e.date) for e in april] == [("b->a", "REJECT", "2024-04-09"),
                                                            ("a->b", "ACCUSE", "2024-04-10")]
    assert evidence(store, "India", "United States", "2024-07") == []


@pytest.mark.parametrize(("call", "message"), [
    (lambda s: relations(s, "India", "Indai"), "no country or international organisation called 'Indai' in the "
                                              "store; close names: India"),
    (lambda s: relations(s, "Atlantis", "India"), "called 'Atlantis'"),
    (lambda s: relations(s, "India", "Republic of India"), "both names give India: give two different countries"),
    (lambda s: relations(s, "India", "China", since="2024-13"), "since '2024-13' is not a month"),
    (lambda s: relations(s, "India", "China", since="2024-05", until="2024-04"), "ends (2024-04) before it starts"),
    (lambda s: evidence(s, "India", "China", "May 2024"), "write it as YYYY-MM"),
    (lambda s: rollup([], by="week"), "cannot sum relations by 'week'"),
])
def test_mistakes_are_named(store, call, message) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        call(store)


def test_a_party_is_found_by_label_alias_code_or_iri(store) -> None:
    assert {resolve_party(store, name).iri for name in ("India", "republic of india", "IN", INDIA, "id:country/IN",
                                                        f"<{INDIA}>")} == {INDIA}
    un = resolve_party(store, "UN")
    assert (un.iri, un.label, un.kind) == (UNITED_NATIONS, "United Nations", "Organization")


# --------------------------------------------------------------------------- the weights


def _values_block(path: Path) -> dict[str, float]:
    block = re.search(r"VALUES \(\?event_type \?weight\) \{(.*?)\}", path.read_text(encoding="utf-8"), re.S)
    assert block, f"{path.name} has no VALUES block of weights"
    return {name: float(weight) for name, weight in re.findall(r"\(plover:(\w+)\s+(-?[\d.]+)\)", block.group(1))}


@pytest.mark.parametrize("name", ["relations.rq", "relations-all.rq"])
def test_the_queries_weigh_the_16_types_as_the_library_says(name) -> None:
    assert _values_block(QUERIES_DIR / name) == WEIGHTS
    assert len(WEIGHTS) == 16


def test_the_weights_mirror_the_plover_scheme() -> None:
    from rdflib import Graph, Namespace
    from rdflib.namespace import SKOS

    dip = Namespace("https://w3id.org/diplokg/ontology#")
    scheme = Graph().parse(PLOVER_TTL, format="turtle")
    stated = {str(scheme.value(concept, SKOS.notation)): float(weight)
              for concept, weight in scheme.subject_objects(dip.cooperationWeight)}
    assert stated == WEIGHTS


# --------------------------------------------------------------------------- kg relations


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def _run(runner: CliRunner, folder: str, *args: str):
    return runner.invoke(app, ["relations", *args, "--store", folder])


def test_cli_table_names_the_directions_and_sums_the_months(runner, folder) -> None:
    result = _run(runner, folder, "India", "United States")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["month", "direction", "type", "quad", "class", "interactions", "score"]
    assert lines[2].split() == ["2024-03", "India", "\u2192", "United", "States", "CONSULT", "verbal-cooperation", "2",
                                "+6.0"]
    assert lines[3].split()[:5] == ["2024-03", "United", "States", "\u2192", "India"]
    assert lines[-1] == ("net cooperation score +3.0 over 7 interactions; by month: 2024-03 +10.0, 2024-04 -6.0, "
                         "2024-05 +6.0, undated -7.0")


def test_cli_csv_and_json_hold_the_same_records(runner, folder) -> None:
    result = _run(runner, folder, "IN", "US", "--format", "csv", "--since", "2024-04")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["month"], r["actor"], r["recipient"], r["type"], r["score"]) for r in rows] == [
        ("2024-04", "India", "United States", "REJECT", "-4.0"),
        ("2024-04", "United States", "India", "ACCUSE", "-2.0"),
        ("2024-05", "India", "United States", "COOPERATE", "6.0")]
    document = json.loads(_run(runner, folder, "India", "US", "-f", "json", "--by", "month").stdout)
    assert (document["a"]["iri"], document["b"]["label"]) == (INDIA, "United States")
    assert [(r["month"], r["interactions"], r["score"]) for r in document["rows"]] == [
        ("2024-03", 3, 10.0), ("2024-04", 2, -6.0), ("2024-05", 1, 6.0), ("undated", 1, -7.0)]
    by_quad = json.loads(_run(runner, folder, "India", "US", "-f", "json", "--by", "quad_class").stdout)
    assert {r["quad_class"] for r in by_quad["rows"]} == {"verbal-cooperation", "verbal-conflict",
                                                          "material-cooperation", "material-conflict"}


def test_cli_evidence_of_a_month(runner, folder) -> None:
    result = _run(runner, folder, "India", "US", "--evidence", "2024-05")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:3] == [
        "2024-05-01  India \u2192 United States  COOPERATE",
        f"  \u201c{HOSTILE_SENTENCE}\u201d",
        "  article: border \u2014 <script>window.__xss=8</script>Data deal <javascript:window.__xss=9>",
    ]
    records = json.loads(_run(runner, folder, "China", "India", "--evidence", "2024-05", "-f", "json").stdout)
    assert [(e["actor"], e["type"], e["article_id"]) for e in records["evidence"]] == [
        ("China", "THREATEN", "border"), ("India", "PROTEST", "border")]
    rows = list(csv.DictReader(io.StringIO(_run(runner, folder, "India", "US", "--evidence", "2024-03", "-f",
                                                "csv").stdout)))
    assert [(r["date"], r["mode"], r["url"]) for r in rows] == [
        ("2024-03-02", "visit", "https://news.example/talks"), ("2024-03-02", "", "https://news.example/talks"),
        ("2024-03-20", "phone", "https://news.example/talks")]


def test_cli_says_when_there_is_nothing(runner, folder) -> None:
    result = _run(runner, folder, "China", "United States")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "(0 rows)"
    assert result.stderr.strip() == "no interactions between China and United States in the store"
    later = _run(runner, folder, "India", "China", "--evidence", "2023-01")
    assert later.stderr.strip() == "no interactions between India and China in 2023-01 in the store"


@pytest.mark.parametrize(("args", "message"), [
    (("India", "Chna"), "error: no country or international organisation called 'Chna' in the store; close names: "
                        "China"),
    (("India", "India"), "error: both names give India: give two different countries"),
    (("India", "US", "--format", "xml"), "error: unknown format 'xml': use one of table, csv, json"),
    (("India", "US", "--by", "week"), "error: unknown --by 'week'"),
    (("India", "US", "--since", "March"), "error: since 'March' is not a month"),
    (("India", "US", "--evidence", "2024-03", "--since", "2024"), "error: --evidence shows one month"),
    (("India", "US", "--evidence", "2024-3"), "error: evidence month '2024-3': write it as YYYY-MM"),
])
def test_cli_mistakes_are_one_line_and_exit_2(runner, folder, args, message) -> None:
    result = _run(runner, folder, *args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), result.stderr
    assert "Traceback" not in result.output


def test_cli_help_explains_the_score(runner) -> None:
    result = runner.invoke(app, ["relations", "--help"], terminal_width=200)
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "net cooperation score" in text and "sum of the cooperation weights" in text
    assert "ASSAULT" in text and "AID +7" in text and "Example: kg relations" in text


# --------------------------------------------------------------------------- the country view


def test_the_country_view_joins_parties_by_their_interactions(store) -> None:
    from kg.views import interaction_graph

    graph = interaction_graph(store)
    assert graph.graph["view"] == "countries"
    assert sorted(graph.nodes) == sorted([CHINA, INDIA, UNITED_NATIONS, USA])
    assert (graph.nodes[UNITED_NATIONS]["type"], graph.nodes[UNITED_NATIONS]["label"]) == ("Organization",
                                                                                           "United Nations")
    india_us = graph.edges[INDIA, USA, "interactions"]
    assert (india_us["interactions"], india_us["score"]) == (7, 3.0)
    assert [item["type"] for item in india_us["items"]] == ["COOPERATE", "ACCUSE", "REJECT", "CONSULT", "AGREE",
                                                             "CONSULT", "SANCTION"]  # newest first, undated last
    assert india_us["items"][3]["sentences"] == ["Rao spoke by telephone with her US counterpart on March 20."]
    china = graph.edges[CHINA, INDIA, "interactions"]
    assert (china["interactions"], china["score"]) == (2, -11.0)
    may = interaction_graph(store, since="2024-05", until="2024-05")
    assert {(s, o): d["score"] for s, o, d in may.edges(data=True)} == {
        (INDIA, USA): 6.0, (CHINA, INDIA): -11.0, (INDIA, UNITED_NATIONS): 7.0}
    assert interaction_graph(store, since="2025").number_of_nodes() == 0


def test_the_country_view_exports_for_other_tools(store, tmp_path: Path) -> None:
    import networkx as nx

    from kg.views import interaction_graph, write_view

    graph = interaction_graph(store)
    back = nx.read_gexf(write_view(graph, tmp_path / "c.gexf", format="gexf"))
    assert (back.number_of_nodes(), back.number_of_edges()) == (4, 3)
    assert nx.read_graphml(write_view(graph, tmp_path / "c.graphml", format="graphml")).number_of_edges() == 3


def test_kg_viz_view_countries_writes_the_page(runner, folder, tmp_path: Path) -> None:
    target = tmp_path / "countries.html"
    result = runner.invoke(app, ["viz", "--view", "countries", "--country", "China", "--store", folder,
                                 "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "showing 2 countries and organisations joined by the interactions of 1 pair" in result.stderr
    assert target.read_text(encoding="utf-8").count('"from": ') == 1
    wrong = runner.invoke(app, ["viz", "--view", "countries", "--around", "India", "--store", folder])
    assert wrong.exit_code == 2
    assert wrong.stderr.strip() == "error: --view countries takes --country, --since and --until, not --around"
    assert runner.invoke(app, ["viz", "--view", "maps", "--store", folder]).exit_code == 2


class _CountryVisit:
    """The country view opened in Chromium (through test_views' _Visit), with its edges by pair."""

    def __init__(self, visit) -> None:
        self.visit, self.page = visit, visit.page
        self.edges = {tuple(sorted((e["from"], e["to"]))): e["id"]
                      for e in self.page.evaluate("network.body.data.edges.get()")}

    def edge(self, a: str, b: str) -> dict:
        return self.page.evaluate("id => network.body.data.edges.get(id)", self.edges[tuple(sorted((a, b)))])

    def click_edge(self, a: str, b: str) -> None:
        edge_id = self.edges[tuple(sorted((a, b)))]
        spot = self.page.evaluate(
            "id => { const e = network.body.edges[id];"
            " const mid = {x: (e.from.x + e.to.x) / 2, y: (e.from.y + e.to.y) / 2};"
            " network.moveTo({position: mid, scale: 4, animation: false});"
            " const p = network.canvasToDOM(mid); const r = document.getElementById('kg-network').getBoundingClientRect();"
            " return {x: p.x + r.left, y: p.y + r.top}; }", edge_id)
        self.page.mouse.click(spot["x"], spot["y"])


@pytest.fixture
def country_page(store, tmp_path: Path):
    from test_views import _Visit

    from kg.views import interaction_graph, write_view

    browser = _browser()
    path = write_view(interaction_graph(store), tmp_path / "countries.html", title="Relations")
    visit = _Visit(browser, path)
    yield _CountryVisit(visit)
    visit.page.close()


_BROWSER: dict = {}


def _browser():
    """One headless Chromium for this module's page tests (skipped without Debian's chromium)."""
    import shutil

    from test_views import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        pytest.skip(f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' package to run the browser tests")
    if "browser" not in _BROWSER:
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        _BROWSER["playwright"] = playwright
        _BROWSER["browser"] = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    return _BROWSER["browser"]


@pytest.fixture(scope="module", autouse=True)
def _close_browser():
    yield
    if "browser" in _BROWSER:
        _BROWSER.pop("browser").close()
        _BROWSER.pop("playwright").stop()


def test_country_page_colours_pairs_from_conflict_to_cooperation(country_page) -> None:
    page = country_page.page
    assert country_page.visit.drawn() == 4
    assert page.locator("#kg-legend li .name").all_inner_texts() == ["Country", "Organization"]
    assert country_page.edge(CHINA, INDIA)["color"]["color"] == "rgb(214,39,40)"  # -11: full red
    assert country_page.edge(INDIA, UNITED_NATIONS)["color"]["color"] == "rgb(78,159,78)"  # +7: mostly green
    assert country_page.edge(INDIA, USA)["color"]["color"] == "rgb(124,159,124)"  # +3: greyish green
    assert country_page.edge(INDIA, USA)["title"] == (
        "India \u2014 United States: 7 interactions, net cooperation score +3.0 "
        "(ACCUSE 1, AGREE 1, CONSULT 2, COOPERATE 1, REJECT 1, SANCTION 1)")
    country_page.visit.clean()


def test_country_page_period_filter_recounts_pairs_and_hides_parties(country_page) -> None:
    page = country_page.page
    page.locator("#kg-until").fill("2024-04")
    assert country_page.visit.drawn() == 2  # only India and the United States dealt with each other by April
    assert page.locator("#kg-status").inner_text() == "2 of 4 countries and organisations drawn"
    assert country_page.edge(INDIA, USA)["title"].startswith("India \u2014 United States: 5 interactions, net "
                                                             "cooperation score +4.0")
    assert country_page.edge(CHINA, INDIA)["hidden"] is True
    page.locator("#kg-since").fill("2024-04")
    assert country_page.edge(INDIA, USA)["color"]["color"] == "rgb(192,87,87)"  # -6: a month of conflict
    page.locator("#kg-until").fill("")
    page.locator("#kg-since").fill("2024-05")
    assert country_page.visit.drawn() == 4
    country_page.visit.clean()


def test_country_page_lists_a_pairs_interactions_with_evidence_and_links(country_page) -> None:
    page = country_page.page
    page.locator("#kg-since").fill("2024-03")
    page.locator("#kg-until").fill("2024-03")
    country_page.click_edge(INDIA, USA)
    panel = page.locator("#kg-panel")
    assert panel.locator("h2").inner_text() == "India \u2014 United States"
    assert [t.strip() for t in panel.locator(".interaction strong").all_inner_texts()] == [
        "2024-03-20 \u00b7 India \u2192 United States \u00b7 CONSULT (phone)",
        "2024-03-02 \u00b7 United States \u2192 India \u00b7 AGREE (CAMEO 030)",
        "2024-03-02 \u00b7 India \u2192 United States \u00b7 CONSULT (visit, CAMEO 036)"]
    assert "net cooperation score\n+10.0" in panel.inner_text()
    links = panel.locator("a", has_text="India and US open talks")
    assert links.count() == 3 and links.first.get_attribute("href") == "https://news.example/talks"
    country_page.visit.clean()


def test_country_page_keeps_hostile_text_as_text(country_page) -> None:
    page = country_page.page
    country_page.click_edge(INDIA, USA)
    panel = page.locator("#kg-panel")
    text = panel.inner_text()
    assert HOSTILE_SENTENCE in text and "<script>window.__xss=8</script>Data deal" in text
    assert panel.locator("a", has_text="Data deal").count() == 0  # a javascript: URL is no link
    # a node's panel sums its pairs and leads to them
    page.locator("#kg-search").fill("China")
    page.locator("#kg-search").press("Enter")
    assert "2 interactions, net \u221211.0 with India" in " ".join(panel.inner_text().split())
    page.locator("#kg-panel button", has_text="list them").click()
    assert panel.locator("h2").inner_text() == "China \u2014 India"
    country_page.visit.clean()


def test_kg_serve_draws_the_country_view(folder) -> None:
    from test_serve import Served

    server = Served(Path(folder))
    try:
        status, headers, body = server.get("/view?view=countries&since=2024-05")
        assert status == 200 and headers["Content-Type"].startswith("text/html")
        assert b'"interactions": true' in body and b"<script>window.__xss" not in body
        assert server.get("/view?view=countries&country=Atlantis")[0] == 400
        assert server.get("/view?view=maps")[0] == 400
    finally:
        server.stop()
