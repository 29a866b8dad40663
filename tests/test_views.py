"""Tests for kg.views: projections read from a store, the chosen views, exports, and every
control of the page in real headless Chromium."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Literal
from rdflib import namespace as rdfns
from test_viz import BHALLA, DELHI, DIALOGUE, EVIL, EVIL_NAME, EVIL_SENTENCE, EXPECTED_EDGES, IN, MOU, US
from test_viz import _ArticleGraph, _build_dataset

from kg.errors import ConfigError
from kg.ontology import DIP, SCHEMA, entity_iri
from kg.store import open_store
from kg.views import (
    Selection, add_evidence, country_graph, entity_graph, local_graph, select, timeline, to_networkx, view, write_html, write_view,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
TYPE_NAMES = ["Country", "Agency", "Organization", "Official", "Agreement", "Event", "Location"]

OLD_TALKS = entity_iri("event/a3/old-talks")
FR = entity_iri("country/FR")
LONER = entity_iri("organization/loner")
EVIL_TITLE = '<script>window.__xss=5</script>Hostile headline'
EVIL_URL = "javascript:window.__xss=4"


def _dataset() -> Dataset:
    """The shared fixture, plus an older event with France and an article with a hostile title and URL."""
    dataset = _build_dataset()
    three = _ArticleGraph(dataset, "a3", EVIL_TITLE)
    three.graph.remove((three.article, SCHEMA.headline, None))
    three.graph.add((three.article, SCHEMA.headline, Literal(EVIL_TITLE)))
    three.graph.add((three.article, SCHEMA.url, Literal(EVIL_URL)))
    u1 = three.sentence("Officials of France and India held talks in 2019.")
    three.entity(FR, (DIP.Country,), "France")
    three.entity(IN, (DIP.Country,), "India")
    three.entity(EVIL, (DIP.Official,), EVIL_NAME)
    three.entity(OLD_TALKS, (DIP.Event, DIP.Talks), "old talks")
    three.entity(LONER, (DIP.Organization,), "Lonely Organisation")
    three.fact(OLD_TALKS, DIP.date, Literal("2019-05-02", datatype=rdfns.XSD.date), u1)
    three.fact(OLD_TALKS, DIP.party, FR, u1)
    three.fact(OLD_TALKS, DIP.party, IN, u1)
    three.fact(OLD_TALKS, DIP.participant, EVIL, u1)
    return dataset


@pytest.fixture(scope="module")
def store():
    with open_store("memory") as kg_store:
        dataset = _dataset()
        kg_store.replace_graphs({graph.identifier: list(graph) for graph in dataset.graphs() if len(graph)})
        yield kg_store


@pytest.fixture(scope="module")
def graph(store) -> nx.MultiDiGraph:
    return entity_graph(store)


# --------------------------------------------------------------------------- projections


def test_entity_graph_reads_the_store_like_the_rdflib_projection(store, graph) -> None:
    from_rdflib = to_networkx(_dataset())
    assert sorted(graph.nodes) == sorted(from_rdflib.nodes)
    for node, data in from_rdflib.nodes(data=True):
        assert {k: v for k, v in graph.nodes[node].items() if k != "reports"} == data
    assert set(graph.edges(keys=True)) == set(from_rdflib.edges(keys=True))
    assert (str(DIALOGUE), str(DELHI), "location") in set(graph.edges(keys=True))


def test_entity_graph_counts_the_articles_that_report_a_fact(graph) -> None:
    assert graph.edges[str(MOU), str(IN), "party"]["reports"] == 2
    assert graph.edges[str(MOU), str(US), "party"]["reports"] == 1
    assert graph.nodes[str(IN)]["reports"] == 0  # the fixture writes no mentions


def test_evidence_is_filled_for_the_kept_edges(store, graph) -> None:
    chosen = graph.copy()
    add_evidence(store, chosen, per_edge=1)
    party = chosen.edges[str(MOU), str(IN), "party"]
    assert len(party["evidence"]) == 1
    assert [a["title"] for a in party["articles"]] == ["Cyber MoU takes effect",
                                                       "India and US hold homeland security dialogue"]
    talks = chosen.edges[str(OLD_TALKS), str(FR), "party"]
    assert talks["articles"][0] == {"title": EVIL_TITLE, "url": EVIL_URL, "iri": talks["articles"][0]["iri"]}


@pytest.mark.parametrize(("selection", "expected"), [
    (Selection(), {IN, US, BHALLA, EVIL, DIALOGUE, MOU, DELHI, OLD_TALKS, FR}),
    (Selection(isolated=True), {IN, US, BHALLA, EVIL, DIALOGUE, MOU, DELHI, OLD_TALKS, FR, LONER}),
    (Selection(around="France"), {FR, OLD_TALKS}),
    (Selection(around=str(FR), hops=2), {FR, OLD_TALKS, IN, EVIL}),
    (Selection(around="FRANCE", hops=0, isolated=True), {FR}),  # a label in any case
    (Selection(country="United States"), {US, MOU, DIALOGUE, IN, EVIL, BHALLA, DELHI, OLD_TALKS, FR}),
    (Selection(country="France"), {FR, OLD_TALKS, IN, EVIL, US}),
    (Selection(since="2020"), {DIALOGUE, BHALLA, EVIL, DELHI, IN, US}),
    (Selection(until="2019-12"), {OLD_TALKS, FR, IN, EVIL, US}),
    (Selection(types=("Country", "Agreement")), {IN, US, MOU}),
])
def test_select_narrows_the_view(store, graph, selection, expected) -> None:
    assert set(select(store, graph, selection).graph.nodes) == {str(node) for node in expected}


def test_select_says_what_it_left_out_and_how_to_see_it(store, graph) -> None:
    assert "1 unconnected entity (--isolated shows them)" in select(store, graph).note
    capped = select(store, graph, Selection(limit=3))
    assert capped.graph.number_of_nodes() == 3
    assert "over the cap of 3 (--limit N raises it" in capped.note
    assert select(store, graph, Selection(isolated=True)).note == "showing 10 of 10 entities"
    with pytest.raises(ConfigError, match="no entity called 'Atlantis'"):
        select(store, graph, Selection(around="Atlantis"))
    with pytest.raises(ConfigError, match="unknown entity type"):
        Selection(types=("Nation",))


@pytest.mark.parametrize("selection", [
    Selection(around="France"), Selection(around=str(FR), hops=2), Selection(around="FRANCE", hops=0, isolated=True),
    Selection(country="United States"), Selection(country="France", until="2019-12"),
    Selection(around="India", country="France"), Selection(nodes=(str(BHALLA), str(LONER)), isolated=True),
])
def test_the_part_read_for_a_selection_gives_the_same_view(store, graph, selection) -> None:
    whole, part = select(store, graph, selection), select(store, local_graph(store, selection), selection)
    assert part.note == whole.note
    assert dict(part.graph.nodes(data=True)) == dict(whole.graph.nodes(data=True))
    assert sorted(part.graph.edges(keys=True, data=True)) == sorted(whole.graph.edges(keys=True, data=True))
    with pytest.raises(ConfigError, match="no entity called 'Atlantis'"):
        local_graph(store, Selection(around="Atlantis"))
    with pytest.raises(ConfigError, match="no entity called"):  # a name is never SPARQL text
        local_graph(store, Selection(around=f"{FR}> ?p ?o }} UNION {{ ?s ?p <{FR}"))


@pytest.fixture(scope="module")
def sample_store():
    """The sample build (every article of ``data/articles``, real model) in an in-memory store."""
    from kg.extract import Extractor
    from kg.pipeline import build

    with open_store("memory") as built:
        report = build([Path(__file__).resolve().parents[1] / "data" / "articles"], store=built,
                       extractor=Extractor.load())
        assert report.ok, report.failures
        yield built


def test_a_neighbourhood_read_alone_matches_the_whole_graph_on_the_sample_build(sample_store) -> None:
    whole = entity_graph(sample_store)
    countries = sorted((n for n, d in whole.nodes(data=True) if d["type"] == "Country"),
                       key=lambda n: (-whole.degree(n), n))
    assert len(countries) >= 3
    selections = [Selection(around=countries[0]), Selection(around=countries[1], hops=2, limit=40),
                  Selection(country=countries[2], since="2023"), Selection(country=countries[0], isolated=True)]
    for selection in selections:
        expected = select(sample_store, whole, selection)
        add_evidence(sample_store, expected.graph)
        got = select(sample_store, local_graph(sample_store, selection), selection)
        add_evidence(sample_store, got.graph)
        assert got.graph.number_of_nodes() > 1
        assert got.note == expected.note
        assert dict(got.graph.nodes(data=True)) == dict(expected.graph.nodes(data=True))
        assert sorted(got.graph.edges(keys=True, data=True)) == sorted(expected.graph.edges(keys=True, data=True))


def test_view_by_query_keeps_what_the_answer_names(store) -> None:
    chosen = view(store, query="officials", params={"country": "India"})
    assert set(chosen.graph.nodes) == {str(BHALLA)}


def test_country_graph_joins_countries_by_meetings_and_agreements(graph) -> None:
    countries = country_graph(graph)
    assert sorted(countries.nodes) == sorted(map(str, (FR, IN, US)))
    india_us = countries.edges[str(IN), str(US)]
    # the dialogue and the old talks (through the US official in them), and the MoU
    assert (india_us["meetings"], india_us["agreements"], india_us["weight"]) == (2, 1, 3)
    assert countries.edges[str(FR), str(IN)]["meetings"] == 1  # the talks: India a party, France too
    assert countries.edges[str(FR), str(US)]["meetings"] == 1  # through the US official


def test_timeline_lists_an_entitys_dated_items_oldest_first(graph) -> None:
    assert [(row["date"], row["label"]) for row in timeline(graph, str(IN))] == [
        ("2019-05-02", "old talks"), ("2024-03-01", "Homeland Security Dialogue")]
    with pytest.raises(ConfigError, match="not a node"):
        timeline(graph, "India")


# --------------------------------------------------------------------------- files


def test_exports_read_back_in_networkx(store, tmp_path: Path) -> None:
    chosen = view(store)
    nodes, edges = chosen.graph.number_of_nodes(), chosen.graph.number_of_edges()
    graphml = nx.read_graphml(write_view(chosen.graph, tmp_path / "v.graphml", format="graphml"))
    assert (graphml.number_of_nodes(), graphml.number_of_edges()) == (nodes, edges)
    assert graphml.nodes[str(IN)]["label"] == "India" and "x" in graphml.nodes[str(IN)]
    gexf = nx.read_gexf(write_view(chosen.graph, tmp_path / "v.gexf", format="gexf"))
    assert (gexf.number_of_nodes(), gexf.number_of_edges()) == (nodes, edges)
    data = json.loads(write_view(chosen.graph, tmp_path / "v.json", format="json").read_text(encoding="utf-8"))
    back = nx.node_link_graph(data, edges="edges")
    assert back.nodes[str(EVIL)]["label"] == EVIL_NAME
    assert back.number_of_edges() == edges
    with pytest.raises(ConfigError, match="unknown view format 'svg'"):
        write_view(chosen.graph, tmp_path / "v.svg", format="svg")
    with pytest.raises(ConfigError, match="is a folder"):
        write_view(chosen.graph, tmp_path)


def test_page_is_the_same_for_the_same_graph(store, tmp_path: Path) -> None:
    first = write_html(view(store).graph, tmp_path / "a.html").read_bytes()
    assert write_html(view(store).graph, tmp_path / "b.html").read_bytes() == first


# --------------------------------------------------------------------------- in the browser


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        pytest.skip(f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' package to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


class _Visit:
    """One page opened from a file:// URL, with every request and console error recorded."""

    def __init__(self, browser, path: Path) -> None:
        self.url = path.resolve().as_uri()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(self.url)
        self.page.wait_for_function("() => window.kgDrawn !== undefined")

    def drawn(self) -> int:
        return self.page.evaluate("network.body.nodeIndices.length")

    def point(self, node: str) -> dict[str, float]:
        return self.page.evaluate(
            "id => { const p = network.canvasToDOM(network.getPositions([id])[id]);"
            " const r = document.getElementById('kg-network').getBoundingClientRect();"
            " return {x: p.x + r.left, y: p.y + r.top}; }", node)

    def clean(self) -> None:
        assert self.page.evaluate("typeof window.__xss") == "undefined"
        assert self.page.locator("#kg-panel script, #kg-panel img, #kg-panel a[href^='javascript']").count() == 0
        assert self.errors == []
        assert [url for url in self.requests if url != self.url and not url.startswith("data:")] == []


@pytest.fixture
def visit(browser, store, tmp_path: Path):
    chosen = view(store, Selection(isolated=True))
    path = write_html(chosen.graph, tmp_path / "graph.html", title="Test <b>graph</b>", note=chosen.note)
    opened = _Visit(browser, path)
    yield opened
    opened.page.close()


def test_page_draws_at_once_at_fixed_positions(visit) -> None:
    page = visit.page
    assert visit.drawn() == 10
    assert page.evaluate("network.body.data.edges.length") == len(EXPECTED_EDGES) + 3
    assert page.locator("#kg-legend li .name").all_inner_texts() == TYPE_NAMES
    assert page.title() == "Test <b>graph</b>"  # the title is text, not markup
    given = page.evaluate("network.body.data.nodes.get().map(n => [n.id, n.x, n.y])")
    assert len({(x, y) for _, x, y in given}) == 10
    page.wait_for_timeout(200)
    drawn = page.evaluate("network.getPositions()")
    assert all((drawn[node]["x"], drawn[node]["y"]) == (x, y) for node, x, y in given)
    assert page.evaluate("network.physics.physicsEnabled") is False
    visit.clean()


def test_legend_filters_by_type(visit) -> None:
    page = visit.page
    page.locator("#kg-legend input[value=Official]").uncheck()
    assert visit.drawn() == 8
    page.locator("#kg-legend input[value=Country]").uncheck()
    assert visit.drawn() == 5
    assert page.locator("#kg-status").inner_text() == "5 of 10 entities drawn"
    page.locator("#kg-legend input[value=Official]").check()
    assert visit.drawn() == 7
    visit.clean()


def test_period_filter_hides_events_and_agreements_outside_it(visit) -> None:
    page = visit.page
    page.locator("#kg-since").fill("2020")
    assert visit.drawn() == 8  # the 2019 talks and the undated MoU go
    page.locator("#kg-until").fill("2019")
    assert visit.drawn() == 7
    page.locator("#kg-since").fill("")
    page.locator("#kg-until").fill("2019-05")
    assert visit.drawn() == 8  # the talks of May 2019 are back; the dialogue and the undated MoU are not
    visit.clean()


def test_search_focuses_and_selects_the_node(visit) -> None:
    page = visit.page
    page.locator("#kg-search").fill("bhalla")
    page.locator("#kg-search").press("Enter")
    assert page.evaluate("network.getSelectedNodes()") == [str(BHALLA)]
    centre = page.evaluate("network.getViewPosition()")
    spot = page.evaluate("id => network.getPositions([id])[id]", str(BHALLA))
    assert abs(centre["x"] - spot["x"]) < 1 and abs(centre["y"] - spot["y"]) < 1
    assert page.locator("#kg-panel h2").inner_text() == "Ajay Bhalla"
    page.locator("#kg-search").fill("no such thing")
    page.locator("#kg-find").click()
    assert page.locator("#kg-status").inner_text() == "no entity matches"
    visit.clean()


def test_clicking_a_node_shows_its_facts_and_evidence(visit) -> None:
    page = visit.page
    spot = visit.point(str(MOU))
    page.mouse.click(spot["x"], spot["y"])
    panel = page.locator("#kg-panel")
    assert panel.locator("h2").inner_text() == "MoU on cyber security"
    text = panel.inner_text()
    assert "Agreement (Memorandum)" in text
    assert "India and the United States signed an MoU on cyber security." in text
    assert panel.locator("a", has_text="Cyber MoU takes effect").count() == 1
    # a relation in the panel leads to the other node
    panel.locator("button", has_text="New Delhi").click()
    assert page.locator("#kg-panel h2").inner_text() == "New Delhi"
    visit.clean()


def test_hostile_labels_sentences_and_urls_stay_text(visit) -> None:
    page = visit.page
    spot = visit.point(str(EVIL))
    page.mouse.move(spot["x"], spot["y"])
    page.locator("div.vis-tooltip").wait_for(state="visible", timeout=5000)
    assert page.locator("div.vis-tooltip").inner_text().startswith('<img src=x onerror="window.__xss=1">')
    page.mouse.click(spot["x"], spot["y"])
    panel = page.locator("#kg-panel")
    assert panel.locator("h2").inner_text() == EVIL_NAME
    text = panel.inner_text()
    assert "Deputy <b>Secretary</b>" in text and EVIL_SENTENCE in text and EVIL_TITLE in text
    assert panel.locator("a", has_text="Hostile headline").count() == 0  # a javascript: URL is no link
    page.locator("#kg-search").fill("<img")
    page.locator("#kg-search").press("Enter")
    assert page.evaluate("network.getSelectedNodes()") == [str(EVIL)]
    visit.clean()


_LABELS = """() => Object.values(network.body.nodes).filter(n => n.labelModule.visible()).map(n => {
  const s = n.labelModule.size; return [n.id, s.left, s.top, s.left + s.width, s.top + s.height]; })"""
_READABLE = "() => Object.values(network.body.nodes).filter(n => n.labelModule.fontOptions.size * network.getScale() >= 6).length"


def test_overview_labels_do_not_overlap_and_zooming_shows_more(browser, sample_store, tmp_path: Path) -> None:
    chosen = view(sample_store, Selection(isolated=True))
    assert chosen.graph.number_of_nodes() > 100
    visit = _Visit(browser, write_html(chosen.graph, tmp_path / "sample.html", note=chosen.note))
    try:
        page = visit.page
        page.wait_for_timeout(300)
        boxes = page.evaluate(_LABELS)
        assert len(boxes) >= 8
        overlapping = [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                       if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]]
        assert overlapping == []
        at_overview = page.evaluate(_READABLE)
        assert at_overview == len(boxes)
        page.evaluate("network.moveTo({scale: network.getScale() * 4})")
        page.wait_for_timeout(300)
        assert page.evaluate(_READABLE) > 2 * at_overview
        visit.clean()
    finally:
        visit.page.close()
