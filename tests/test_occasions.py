"""One occasion from many reports: articles that report the same event or the same signing
share one resource, with each article's evidence; reports of different occasions do not.

Every article here was written for these tests, in the agency-feed text format. They are
built with the real spaCy model into the real embedded store by ``kg.pipeline.build``, and
the store is asked with SPARQL.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rdflib import URIRef

from kg.config import Settings
from kg.extract import Extractor
from kg.pipeline import build, remove
from kg.store import Store, open_store

PREFIXES = """
PREFIX dip: <https://w3id.org/diplokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""

ARTICLES = {
    # one summit, two wires, filed on two days
    "summit-a": """date 2024-05-14

Hanoi [Vietnam], May 14 : Vietnamese Prime Minister Pham Minh Chinh and Japanese Prime Minister Fumio Kishida held a summit in Hanoi on Tuesday and agreed to deepen cooperation on semiconductors and clean energy.

The two leaders also discussed maritime security, a government spokesman said after the talks.
""",
    "summit-b": """date 2024-05-15

TOKYO, May 15 (Kyodo) -- Japanese Prime Minister Fumio Kishida met Vietnamese Prime Minister Pham Minh Chinh at a summit in Hanoi on May 14, where the two men pledged closer ties in chip supply chains.

Kishida told reporters that the summit had been "frank and useful".
""",
    # a week later, the summit mentioned without its date
    "summit-followup": """date 2024-05-21

Tokyo [Japan], May 21 : Japanese companies announced new chip plants in northern Vietnam on Tuesday, a week after Prime Minister Fumio Kishida and his Vietnamese counterpart Pham Minh Chinh held a summit in Hanoi.

Trade officials said the summit had opened the way for the investments.
""",
    # two rounds of one series; the fourth reported twice
    "round-4": """date 2023-03-02

Canberra [Australia], March 2 : Australia and Indonesia held the fourth round of their maritime cooperation dialogue in Canberra on Thursday, the Australian foreign ministry said.

Officials of the two countries reviewed joint patrols during the dialogue.
""",
    "round-4-other-wire": """date 2023-03-02

Jakarta [Indonesia], March 2 : Indonesia and Australia held the 4th round of their maritime security dialogue in Canberra on Thursday, the Indonesian foreign ministry said.

Officials of the two countries also spoke about fisheries during the dialogue.
""",
    "round-5": """date 2024-03-07

Jakarta [Indonesia], March 7 : Indonesia and Australia held the fifth round of their maritime cooperation dialogue in Jakarta on Thursday, the Indonesian foreign ministry said.

Officials of the two countries discussed fisheries enforcement during the dialogue.
""",
    # two calls between the same ministers, three days apart, and one with another minister
    "call-monday": """date 2022-10-03

Ottawa [Canada], October 3 : Canadian Foreign Minister Melanie Joly spoke by phone with German Foreign Minister Annalena Baerbock on Monday about energy supplies for the winter.

The two ministers agreed to stay in close contact, officials said.
""",
    "call-thursday": """date 2022-10-06

Berlin [Germany], October 6 : German Foreign Minister Annalena Baerbock spoke by phone with Canadian Foreign Minister Melanie Joly on Thursday about support for Ukraine.

The two ministers agreed to stay in close contact, officials said.
""",
    "call-monday-italy": """date 2022-10-03

Rome [Italy], October 3 : Italian Foreign Minister Luigi Di Maio spoke by phone with German Foreign Minister Annalena Baerbock on Monday about energy supplies for the winter.

The two ministers agreed to stay in close contact, officials said.
""",
    # a summit, and a meeting on its sidelines the same day
    "apec-summit": """date 2023-11-16

San Francisco [US], November 16 : Leaders of the Pacific Rim met at the APEC Summit in San Francisco on Wednesday.

On the sidelines of the summit, Chinese President Xi Jinping held a meeting with Mexican President Andres Manuel Lopez Obrador on Wednesday, and the two presidents discussed trade and migration.
""",
    "apec-sideline": """date 2023-11-16

Mexico City [Mexico], November 16 : Mexican President Andres Manuel Lopez Obrador held a meeting with Chinese President Xi Jinping on Wednesday on the sidelines of the APEC Summit in San Francisco.

The two presidents talked about fentanyl and trade, the Mexican foreign ministry said.
""",
    # one memorandum, two wires; another memorandum the same day; two vague "agreements"
    "mou-a": """date 2024-02-20

New Delhi [India], February 20 : India and Greece signed a Memorandum of Understanding on Migration and Mobility in New Delhi on Tuesday, during talks between Prime Minister Narendra Modi and Greek Prime Minister Kyriakos Mitsotakis.

The memorandum is meant to ease the movement of students and workers between the two countries.
""",
    "mou-b": """date 2024-02-21

ATHENS, Feb 21 (ANA) -- Greece and India signed a Memorandum of Understanding on Migration and Mobility in New Delhi on February 20, as Greek Prime Minister Kyriakos Mitsotakis held talks with Indian Prime Minister Narendra Modi.

The memorandum sets rules for Greek and Indian students and seasonal workers.
""",
    "mou-other": """date 2024-02-20

New Delhi [India], February 20 : India and Greece also signed a Memorandum of Understanding on Agricultural Research in New Delhi on Tuesday, during talks between Prime Minister Narendra Modi and Greek Prime Minister Kyriakos Mitsotakis.

The memorandum covers farm research and trade in fruit.
""",
    "vague-a": """date 2021-06-08

Nairobi [Kenya], June 8 : Kenya and Tanzania signed an agreement on Tuesday after talks between their trade ministers in Nairobi.

The two countries did not publish the text of the agreement.
""",
    "vague-b": """date 2021-06-08

Dar es Salaam [Tanzania], June 8 : Tanzania and Kenya signed an agreement on Tuesday in Nairobi, the Tanzanian trade ministry said.

It gave no details of what the agreement covers.
""",
}


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.load(model=Settings().model)


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("occasions")
    paths = {}
    for name, text in ARTICLES.items():
        paths[name] = folder / f"{name}.txt"
        paths[name].write_text(text, encoding="utf-8")
    return paths


@pytest.fixture
def built(files, extractor):
    """Build the named articles, one build each in the order given, into a fresh store."""
    stores: list[Store] = []

    def _build(*names: str) -> Store:
        store = open_store("memory")
        stores.append(store)
        for name in names:
            report = build([files[name]], store=store, extractor=extractor)
            assert report.ok, report.failures
        return store

    yield _build
    for store in stores:
        store.close()


def _rows(store: Store, sparql: str, **bindings: URIRef) -> list[tuple]:
    """Rows of ``sparql``, with each ``?name`` of ``bindings`` fixed by a VALUES clause."""
    values = "".join(f" VALUES ?{name} {{ {term.n3()} }}" for name, term in bindings.items())
    return store.query(PREFIXES + sparql.replace("WHERE {", "WHERE {" + values, 1)).rows


def _events(store: Store, kind: str) -> list[str]:
    return sorted(str(e) for (e,) in _rows(store, f"SELECT DISTINCT ?e WHERE {{ ?e a dip:{kind} }}"))


def _reporting_graphs(store: Store, entity: str) -> set[str]:
    """The article graphs that mention ``entity`` and hold an assertion about it."""
    node = URIRef(entity)
    mentions = {str(g) for (g,) in _rows(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?m itsrdf:taIdentRef ?e } }",
                                         e=node)}
    asserted = {str(g) for (g,) in _rows(store, """SELECT DISTINCT ?g WHERE {
        GRAPH ?g { ?a a dip:Assertion ; rdf:subject ?e } }""", e=node)}
    return mentions & asserted


def _graph(name: str) -> str:
    return f"https://w3id.org/diplokg/graph/{name}"


def _nquads(store: Store) -> list[str]:
    out = io.BytesIO()
    store.export(out, format="nquads")
    return sorted(line for line in out.getvalue().decode().splitlines() if line.strip())


def test_two_wires_reporting_one_summit_give_one_event_with_both_articles_evidence(built):
    store = built("summit-a", "summit-b")
    summits = _events(store, "Summit")
    assert len(summits) == 1, summits
    summit = summits[0]
    assert _reporting_graphs(store, summit) == {_graph("summit-a"), _graph("summit-b")}
    (key,), = _rows(store, "SELECT ?k WHERE { ?e dip:matchKey ?k }", e=URIRef(summit))
    assert str(key) == "kind:Summit|date:2024-05-14|states:JP+VN|places:hanoi"
    dates = _rows(store, "SELECT ?d WHERE { ?e dip:startDate ?d }", e=URIRef(summit))
    assert [str(d) for (d,) in dates] == ["2024-05-14"]
    countries = _rows(store, """SELECT DISTINCT ?code WHERE {
        ?e dip:participant/dip:represents? ?c . ?c dip:iso3166Alpha2 ?code }""", e=URIRef(summit))
    assert sorted(str(c) for (c,) in countries) == ["JP", "VN"]


def test_the_meetings_query_gives_one_row_for_the_summit_both_wires_report(built):
    from kg.query import run

    store = built("summit-a", "summit-b")
    rows = run(store, "meetings", params={"a": "Japan", "b": "Vietnam"}).rows
    assert len(rows) == 1
    assert str(rows[0][3]) == "2024-05-14" and str(rows[0][4]) == "Hanoi"


def test_a_follow_up_story_does_not_give_the_summit_a_second_date(built):
    store = built("summit-a", "summit-b", "summit-followup")
    merged = [e for e in _events(store, "Summit") if "/summit/2024-05-14/" in e]
    assert len(merged) == 1
    assert _reporting_graphs(store, merged[0]) == {_graph("summit-a"), _graph("summit-b")}
    dates = _rows(store, "SELECT DISTINCT ?e ?d WHERE { ?e a dip:Summit ; dip:startDate ?d }")
    assert {(str(e), str(d)) for e, d in dates} == {(merged[0], "2024-05-14")}


def test_two_rounds_of_a_series_are_two_events_and_two_reports_of_one_round_one(built):
    store = built("round-4", "round-5", "round-4-other-wire")
    dialogues = _events(store, "Dialogue")
    assert len(dialogues) == 2, dialogues
    keys = {str(k) for (k,) in _rows(store, "SELECT ?k WHERE { ?e a dip:Dialogue ; dip:matchKey ?k }")}
    assert keys == {"kind:Dialogue|date:2023-03-02|states:AU+ID|round:4|places:canberra",
                    "kind:Dialogue|date:2024-03-07|states:AU+ID|round:5|places:jakarta"}
    fourth = next(e for e in dialogues if "/round-4/" in e)
    assert _reporting_graphs(store, fourth) == {_graph("round-4"), _graph("round-4-other-wire")}


def test_calls_on_different_days_or_with_another_state_are_different_events(built):
    store = built("call-monday", "call-thursday", "call-monday-italy")
    calls = _rows(store, "SELECT ?e ?d WHERE { ?e a dip:Call ; dip:startDate ?d }")
    assert len({e for e, _ in calls}) == 3
    assert sorted(str(d) for _, d in calls) == ["2022-10-03", "2022-10-03", "2022-10-06"]


def test_a_summit_and_a_meeting_on_its_sidelines_are_not_merged(built):
    store = built("apec-summit", "apec-sideline")
    both = _rows(store, "SELECT ?e WHERE { ?e a dip:Summit , dip:Meeting }")
    assert both == []
    summits, meetings = _events(store, "Summit"), _events(store, "Meeting")
    assert summits and meetings and not set(summits) & set(meetings)
    # the sideline meeting with its date is keyed; the summit the second story names is its own
    dated = _rows(store, "SELECT ?e WHERE { ?e a dip:Meeting ; dip:startDate ?d }")
    assert len(dated) == 1


def test_the_build_order_does_not_change_the_store(built):
    names = ("summit-a", "summit-b", "mou-a", "mou-b")
    forward = _nquads(built(*names))
    backward = _nquads(built(*reversed(names)))
    assert forward == backward


def test_removing_one_of_two_reports_keeps_the_event_with_the_others_facts(built, files):
    store = built("summit-a", "summit-b")
    remove(["summit-a"], store=store)
    alone = built("summit-b")
    assert _nquads(store) == _nquads(alone)
    summit, = _events(store, "Summit")
    assert _reporting_graphs(store, summit) == {_graph("summit-b")}
    facts = _rows(store, "SELECT ?d ?place WHERE { ?e dip:startDate ?d ; dip:location/rdfs:label ?place }",
                  e=URIRef(summit))
    assert [(str(d), str(p)) for d, p in facts] == [("2024-05-14", "Hanoi")]


def test_one_signing_reported_by_two_wires_is_one_agreement(built):
    store = built("mou-a", "mou-b", "mou-other")
    agreements = _rows(store, "SELECT ?a ?k WHERE { ?a a dip:Agreement ; dip:matchKey ?k }")
    keys = sorted(str(k) for _, k in agreements)
    assert keys == ["kind:Memorandum|parties:GR+IN|name:agricultural research|date:2024-02-20",
                    "kind:Memorandum|parties:GR+IN|name:migration mobility|date:2024-02-20"]
    migration = next(str(a) for a, k in agreements if "migration" in str(k))
    assert _reporting_graphs(store, migration) == {_graph("mou-a"), _graph("mou-b")}
    signings = _rows(store, "SELECT DISTINCT ?s WHERE { ?a dip:signedAt ?s }")
    assert len(signings) == 2  # one ceremony per instrument, the migration one shared


def test_a_vague_agreement_is_never_merged(built):
    store = built("vague-a", "vague-b")
    agreements = _rows(store, "SELECT ?a ?k WHERE { ?a a dip:Agreement ; dip:matchKey ?k }")
    assert len(agreements) == 2
    assert all(str(k).startswith("article:") for _, k in agreements)


def test_two_labels_of_one_event_stay_and_queries_still_give_one_row(built):
    """Two reports may name one occasion differently: the event keeps both labels."""
    store = built("round-4", "round-4-other-wire")
    dialogue, = _events(store, "Dialogue")
    labels = {str(label) for (label,) in _rows(store, "SELECT ?l WHERE { ?e rdfs:label ?l }", e=URIRef(dialogue))}
    assert labels == {"maritime cooperation dialogue", "maritime security dialogue"}
    from kg.query import run

    rows = run(store, "meetings", params={"a": "Australia", "b": "Indonesia"}).rows
    assert [str(r[0]) for r in rows] == [dialogue]


def test_an_event_key_names_only_its_own_article_when_it_lacks_a_date(built):
    store = built("summit-followup")
    keys = [str(k) for (k,) in _rows(store, "SELECT ?k WHERE { ?e a dip:Summit ; dip:matchKey ?k }")]
    assert keys == ["article:summit-followup"]


def test_every_report_built_together_conforms_to_the_shapes(built):
    """A shared event or agreement has one dip:matchKey and whatever labels its reports give."""
    from kg.validate import validate_store

    store = built(*ARTICLES)
    report, _ = validate_store(store)
    assert report.conforms, "\n".join(report.violations[:20])
    keys = _rows(store, """SELECT ?x (COUNT(DISTINCT ?k) AS ?n) WHERE { ?x dip:matchKey ?k }
                           GROUP BY ?x HAVING (COUNT(DISTINCT ?k) > 1)""")
    assert keys == []
