"""Named queries on the hand-written fixture articles, on the embedded and the remote store."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kg.errors import QueryError
from kg.ontology import ID
from kg.query import (QUERIES_DIR, RESULT_FORMATS, NamedQuery, format_result, list_queries, load_query, lookup,
                      run)
from kg.store import QueryResult, open_store

INDIA = str(ID["country/IN"])


def _cell(value) -> object:
    """A result cell as plain text; GROUP_CONCAT cells ("a; b") as sets, whose order is free."""
    if value is None:
        return None
    text = str(value)
    return frozenset(text.split("; ")) if "; " in text else text


def _rows(result: QueryResult, columns: tuple[str, ...]) -> list[tuple]:
    index = [result.variables.index(c) for c in columns]
    return [tuple(_cell(row[i]) for i in index) for row in result.rows]


def _set(*items: str) -> frozenset:
    return frozenset(items)


# (query name, params, columns to check, expected rows in order)
QUERY_CASES = [
    pytest.param(
        "officials", {"country": "India"}, ("official", "name", "job_title", "agency", "country"),
        [(str(ID["official/ajay-bhalla--in"]), "Ajay Bhalla", "Union Home Secretary", None, "India"),
         (str(ID["official/s-jaishankar--in"]), "S. Jaishankar", "External Affairs Minister", None, "India")],
        id="officials-india",
    ),
    pytest.param(
        "officials", {"country": "bd"}, ("name", "job_title", "agency"),
        [("Jahangir Alam", "Senior Secretary", "Ministry of Home Affairs")],
        id="officials-through-agency-by-iso-code",
    ),
    pytest.param(
        "meetings", {"a": "india", "b": "BANGLADESH"}, ("event", "name", "kind", "date", "place"),
        [(str(ID["event/in-bd-talks/home-secretary-level-talks"]), "home secretary level talks", "Talks",
          "2024-03-01", "New Delhi")],
        id="meetings-india-bangladesh",
    ),
    pytest.param(
        "meetings", {"a": "Japan", "b": f"<{INDIA}>"}, ("name", "kind", "date", "place"),
        [("annual summit", "Summit", "2024-05-10", "Tokyo")],
        id="meetings-label-and-iri",
    ),
    pytest.param("meetings", {"a": "Japan", "b": "Bangladesh"}, ("name",), [], id="meetings-none"),
    pytest.param(
        "agreements", {}, ("agreement", "name", "kind", "date", "parties", "signatories", "place"),
        [(str(ID["agreement/in-bd-talks/mou-on-border-management"]),
          "memorandum of understanding on border management", "Memorandum", "2024-03-01",
          _set("India", "Bangladesh"), _set("Ajay Bhalla", "Jahangir Alam"), "New Delhi"),
         (str(ID["agreement/in-jp-summit/joint-statement-on-maritime-security"]),
          "joint statement on maritime security", "JointStatement", "2024-05-10",
          _set("India", "Japan"), _set("S. Jaishankar", "Yoko Kamikawa"), "Tokyo")],
        id="agreements",
    ),
    pytest.param(
        "timeline", {"entity": "India"}, ("date", "name", "type", "kind", "place"),
        [("2024-03-01", "home secretary level talks", "Event", "Talks", "New Delhi"),
         ("2024-03-01", "memorandum of understanding on border management", "Agreement", "Memorandum", "New Delhi"),
         ("2024-05-10", "annual summit", "Event", "Summit", "Tokyo"),
         ("2024-05-10", "joint statement on maritime security", "Agreement", "JointStatement", "Tokyo")],
        id="timeline-country",
    ),
    pytest.param(
        "timeline", {"entity": "kamikawa"}, ("date", "name"),
        [("2024-05-10", "annual summit"), ("2024-05-10", "joint statement on maritime security")],
        id="timeline-official-by-alias-skips-undated-visit",
    ),
    pytest.param(
        "timeline", {"entity": INDIA}, ("date", "name"),
        [("2024-03-01", "home secretary level talks"),
         ("2024-03-01", "memorandum of understanding on border management"),
         ("2024-05-10", "annual summit"), ("2024-05-10", "joint statement on maritime security")],
        id="timeline-by-iri",
    ),
    pytest.param(
        "evidence", {"subject": "home secretary level talks", "predicate": "participant", "object": "Ajay Bhalla"},
        ("sentence", "article", "title", "mention", "method", "confidence"),
        [("Union Home Secretary Ajay Bhalla and Senior Secretary Jahangir Alam of the Ministry of Home Affairs "
          "co-chaired the talks.", str(ID["article/in-bd-talks"]),
          "India and Bangladesh hold home secretary level talks", "Ajay Bhalla", "rule:co-chair", "0.9")],
        id="evidence-relation",
    ),
    pytest.param(
        "evidence", {"subject": "Jaishankar", "predicate": "jobTitle", "object": "external affairs minister"},
        ("sentence", "mention", "method"),
        [("External Affairs Minister S. Jaishankar met Foreign Minister Yoko Kamikawa.", "External Affairs Minister",
          "rule:title-before-name")],
        id="evidence-attribute",
    ),
    pytest.param(
        "evidence", {"subject": "Bhalla", "predicate": "type", "object": "Official"}, ("mention", "method"),
        [("Ajay Bhalla", "ner:PERSON")],
        id="evidence-type",
    ),
    pytest.param(
        "evidence", {"subject": "Ajay Bhalla", "predicate": "chair", "object": "India"}, ("sentence",), [],
        id="evidence-no-such-fact",
    ),
    pytest.param(
        "counts", {}, ("type", "count"),
        [("Official", "4"), ("Country", "3"), ("Event", "3"), ("Agreement", "2"), ("Location", "2"),
         ("Agency", "1"), ("Organization", "0")],
        id="counts",
    ),
    pytest.param(
        "articles", {}, ("article", "title", "date", "facts"),
        [(str(ID["article/in-bd-talks"]), "India and Bangladesh hold home secretary level talks", "2024-03-01", "20"),
         (str(ID["article/in-jp-summit"]), "India and Japan hold annual summit in Tokyo", "2024-05-10", "6")],
        id="articles",
    ),
    pytest.param(
        "posts", {"person": "Jaishankar"}, ("as_of", "title", "body", "article", "person"),
        [("2024-05-10", "External Affairs Minister", "India", str(ID["article/in-jp-summit"]), "Jaishankar")],
        id="posts-by-alias",
    ),
    pytest.param(
        "posts", {"person": "Jahangir Alam"}, ("title", "body"),
        [("Senior Secretary", "Ministry of Home Affairs")],
        id="posts-body-is-the-agency",
    ),
    pytest.param("posts", {"person": "India"}, ("title",), [], id="posts-of-a-country-none"),
    pytest.param(
        "officials-at", {"country": "India", "date": "2024-04-01"},
        ("official", "name", "job_title", "body", "as_of", "country", "date"),
        [(str(ID["official/ajay-bhalla--in"]), "Ajay Bhalla", "Union Home Secretary", "India", "2024-03-01",
          "India", "2024-04-01")],
        id="officials-at-leaves-out-posts-known-only-later",
    ),
    pytest.param(
        "officials-at", {"country": "IN", "date": "2024-05-10"}, ("name", "job_title", "as_of"),
        [("Ajay Bhalla", "Union Home Secretary", "2024-03-01"),
         ("S. Jaishankar", "External Affairs Minister", "2024-05-10")],
        id="officials-at-on-the-day",
    ),
    pytest.param("officials-at", {"country": "India", "date": "2024-02-29"}, ("name",), [],
                 id="officials-at-before-any-article"),
    pytest.param("lookup", {"name": "IN"}, ("entity",), [(INDIA,)], id="lookup-by-iso-code"),
    pytest.param("lookup", {"name": "india"}, ("entity",), [], id="lookup-is-exact"),
    pytest.param("lookup-any-case", {"name": "india"}, ("entity",), [(INDIA,)], id="lookup-ignoring-case"),
    # the fixture articles hold no interactions: these check the columns (tests/test_relations.py the rows)
    pytest.param("relations", {"a": "India", "b": "Bangladesh"}, ("month",), [], id="relations-none"),
    pytest.param("relations-all", {}, ("month",), [], id="relations-all-none"),
    pytest.param("relations-evidence", {"a": "India", "b": "Japan", "month": "2024-05"}, ("sentence",), [],
                 id="relations-evidence-none"),
]


@pytest.mark.parametrize(("name", "params", "columns", "expected"), QUERY_CASES)
def test_named_query_gives_expected_rows(loaded_store, name, params, columns, expected):
    named = load_query(name)
    result = run(loaded_store, named, params=params)
    assert result.variables == named.columns  # the header documents the real columns
    assert _rows(result, columns) == expected


def test_every_query_file_has_a_header_and_a_test():
    tested = {case.values[0] for case in QUERY_CASES}
    files = sorted(QUERIES_DIR.glob("*.rq"))
    assert files, "no named queries found"
    for path in files:
        named = load_query(str(path))
        assert named.name == path.stem, f"{path}: '# name:' must equal the file name"
        assert named.description, f"{path}: needs a '# description:' line"
        assert named.columns, f"{path}: needs a '# columns:' line"
        assert re.search(r"^#\s?params:", named.text, re.MULTILINE), f"{path}: needs '# params:' (or 'none')"
        for param, doc in named.params:
            assert doc, f"{path}: parameter {param} needs a description"
            assert re.search(rf"\?{param}\b", named.text), f"{path}: parameter {param} is not used"
        assert path.stem in tested, f"{path.name} has no case in QUERY_CASES of tests/test_query.py"
    internal = {"lookup", "lookup-any-case"}  # run by kg.query itself, not offered to users
    assert [q.name for q in list_queries()] == [p.stem for p in files if p.stem not in internal]


def test_a_query_may_ask_for_its_values_inline():
    assert load_query("evidence").inline_values and not load_query("meetings").inline_values


def test_lookup_finds_an_entity_by_exact_name_first_then_ignoring_case(loaded_store):
    assert lookup(loaded_store, "India") == [URIRef(INDIA)]
    assert lookup(loaded_store, "iNDIA") == [URIRef(INDIA)]
    assert lookup(loaded_store, "Atlantis") == []


def test_a_named_query_whose_entity_is_unknown_gives_its_columns_and_no_rows(loaded_store):
    result = run(loaded_store, "officials", params={"country": "Atlantis"})
    assert result.rows == [] and result.variables == load_query("officials").columns


def test_load_query_by_name_path_and_text(tmp_path):
    by_name = load_query("officials")
    assert by_name.path == QUERIES_DIR / "officials.rq"
    assert by_name.param_names == ("country",)
    own = tmp_path / "mine.rq"
    own.write_text("# description: labels\n# params: thing (an IRI),\n#   other (a label)\n"
                   "SELECT ?thing ?other WHERE { ?thing ?p ?other }\n")
    by_path = load_query(str(own))
    assert (by_path.name, by_path.description, by_path.param_names) == ("mine", "labels", ("thing", "other"))
    inline = load_query("SELECT * WHERE { ?s ?p ?o }")
    assert (inline.name, inline.params, inline.path) == ("<inline query>", (), None)


def test_load_query_unknown_name_lists_known_ones(tmp_path):
    with pytest.raises(QueryError, match=r"unknown query 'oficials'.*officials"):
        load_query("oficials")
    with pytest.raises(QueryError, match=r"no query file .*missing\.rq"):
        load_query(str(tmp_path / "missing.rq"))


def test_missing_or_unknown_params_name_query_param_and_expected():
    with open_store("memory") as store:
        with pytest.raises(QueryError, match=r"query 'meetings': missing parameter\(s\) b; expected: a \(.*\); b \("):
            run(store, "meetings", params={"a": "India"})
        with pytest.raises(QueryError, match=r"query 'counts': unknown parameter\(s\) country; expected: none"):
            run(store, "counts", params={"country": "India"})


def test_param_values_bind_as_terms_never_as_text(loaded_store):
    # a literal that looks like SPARQL finds nothing and harms nothing
    result = run(loaded_store, "officials", params={"country": 'India" } } ; DROP ALL ; #'})
    assert result.rows == []
    assert run(loaded_store, "counts").rows[0][1] == Literal(4)
    # "<…>" and "http…" become IRIs, the rest literals
    by_iri = run(loaded_store, "officials", params={"country": f"<{INDIA}>"})
    assert by_iri.rows[0][-1] == URIRef(INDIA)
    assert run(loaded_store, "officials", params={"country": "India"}).rows[0][-1] == Literal("India")


def test_malformed_inline_query_error_names_the_query(loaded_store):
    with pytest.raises(QueryError, match=r"query <inline query>: malformed SPARQL"):
        run(loaded_store, "SELECT ?x WHERE { ?x ?y }")


def _officials_result() -> QueryResult:
    return QueryResult(
        "select", variables=("official", "name", "title"),
        rows=[(ID["official/ajay-bhalla--in"], Literal("Ajay Bhalla"), None),
              (URIRef("http://example.org/x"), Literal("S. \"Jai\", shankar", lang="en"), Literal(3))],
    )


def test_format_table_shortens_iris_and_aligns():
    text = format_result(_officials_result(), fmt="table")
    lines = text.splitlines()
    assert lines[0].split() == ["official", "name", "title"]
    assert lines[2].startswith("id:official/ajay-bhalla--in  Ajay Bhalla")
    assert lines[3].startswith("<http://example.org/x>")
    assert lines[-1] == "(2 rows)"
    assert lines[0].index("name") == lines[2].index("Ajay Bhalla") == lines[3].index('S. "Jai", shankar')


def test_format_csv_gives_full_values():
    rows = list(csv.reader(io.StringIO(format_result(_officials_result(), fmt="csv"))))
    assert rows == [["official", "name", "title"], [str(ID["official/ajay-bhalla--in"]), "Ajay Bhalla", ""],
                    ["http://example.org/x", 'S. "Jai", shankar', "3"]]


def test_format_json_is_sparql_results_json():
    data = json.loads(format_result(_officials_result(), fmt="json"))
    assert data["head"] == {"vars": ["official", "name", "title"]}
    first, second = data["results"]["bindings"]
    assert first == {"official": {"type": "uri", "value": str(ID["official/ajay-bhalla--in"])},
                     "name": {"type": "literal", "value": "Ajay Bhalla"}}
    assert second["name"] == {"type": "literal", "value": 'S. "Jai", shankar', "xml:lang": "en"}
    assert second["title"] == {"type": "literal", "value": "3",
                               "datatype": "http://www.w3.org/2001/XMLSchema#integer"}


def test_format_ask_and_construct(loaded_store):
    ask = loaded_store.query("ASK { ?s ?p ?o }")
    assert format_result(ask, fmt="table") == "true\n"
    assert json.loads(format_result(ask, fmt="json")) == {"head": {}, "boolean": True}
    graph = loaded_store.query(
        "CONSTRUCT { ?c <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE { ?c a "
        "<https://w3id.org/diplokg/ontology#Country> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }")
    for fmt in ("table", "ttl", "nt", "json", "xml", "trig"):  # CONSTRUCT gives RDF, read back as RDF
        text = format_result(graph, fmt=fmt)
        parsed = Graph().parse(data=text, format={"table": "turtle", "ttl": "turtle", "nt": "nt", "json": "json-ld",
                                                  "xml": "xml", "trig": "trig"}[fmt])
        assert sorted(str(o) for o in parsed.objects()) == ["Bangladesh", "India", "Japan"], fmt
    with pytest.raises(QueryError, match=r"gives RDF, not a table.*turtle \(ttl\)"):
        format_result(graph, fmt="csv")


def test_describe_gives_the_facts_about_an_entity(loaded_store):
    graph = loaded_store.query(f"DESCRIBE <{INDIA}>")
    assert graph.kind == "graph"
    assert (URIRef(INDIA), RDFS.label, Literal("India")) in graph.graph


def test_tsv_and_xml_results_come_from_the_sparql_results_writers():
    tsv = format_result(_officials_result(), fmt="tsv").splitlines()
    assert tsv[0] == "?official\t?name\t?title"
    assert tsv[1].startswith(f"<{ID['official/ajay-bhalla--in']}>\t\"Ajay Bhalla\"")
    xml = format_result(_officials_result(), fmt="xml")
    assert xml.startswith("<?xml") and "<literal xml:lang=\"en\">S. &quot;Jai&quot;, shankar</literal>" in xml
    ask = format_result(QueryResult("ask", boolean=False), fmt="csv")
    assert ask.strip() == "false"


def test_unknown_format_is_a_query_error():
    with pytest.raises(QueryError, match=r"unknown result format 'yaml'"):
        format_result(_officials_result(), fmt="yaml")
    assert RESULT_FORMATS == ("table", "json", "csv", "tsv", "xml")


def test_named_query_is_frozen():
    named = load_query("counts")
    assert isinstance(named, NamedQuery)
    with pytest.raises(AttributeError):
        named.name = "other"  # type: ignore[misc]


def test_hand_written_fixtures_follow_the_shapes(fixture_graphs):
    """The query fixtures must look like what the pipeline writes, or the queries are tested
    against data that never occurs (an event with dip:date, a signing 'at' a place)."""
    from rdflib import Graph

    from kg.validate import validate

    for name, triples in fixture_graphs.items():
        graph = Graph()
        for triple in triples:
            graph.add(triple)
        report = validate(graph)
        assert report.conforms, f"{name}:\n" + "\n".join(report.violations)


def _post_article(article_id: str, date: str, text: str, title: str):
    """A made-up article in which one official of a made-up state holds ``title``."""
    import datetime as dt

    from kg.model import Article, Attribute, Entity, Extraction, Relation, Span

    def span(words: str) -> Span:
        start = text.index(words)
        return Span(start, start + len(words), words, 0, len(text))

    article = Article(id=article_id, title=f"Ruritania news {date}", text=text, source=f"{article_id}.txt",
                      sha256=article_id[-1] * 64, date=dt.date.fromisoformat(date))
    official, country = "official/lena-aram--xr", "country/XR"
    return Extraction(
        article=article,
        entities=(Entity(country, "Country", "Ruritania", mentions=(span("Ruritania"),),
                         identifiers=(("iso3166", "XR"),), match_key="iso:XR"),
                  Entity(official, "Official", "Lena Aram", mentions=(span("Lena Aram"),),
                         match_key="name:lena aram|XR")),
        relations=(Relation(official, "represents", country, span("Ruritania")),),
        attributes=(Attribute(official, "jobTitle", title, span(title)),),
    )


POST_ARTICLES = (
    _post_article("posts-2015", "2015-06-01", "Deputy Foreign Minister Lena Aram of Ruritania opened the fair.",
                  "Deputy Foreign Minister"),
    _post_article("posts-2023", "2023-09-12", "Foreign Minister Lena Aram of Ruritania opened the fair.",
                  "Foreign Minister"),
)


def test_posts_read_a_person_in_time_and_leave_with_their_article(empty_store):
    from kg.mapping import to_store_graphs
    from kg.validate import validate_store

    early, late = POST_ARTICLES
    empty_store.write_articles([to_store_graphs(x) for x in POST_ARTICLES])
    posts = run(empty_store, "posts", params={"person": "Lena Aram"})
    assert _rows(posts, ("as_of", "title", "body", "article")) == [
        ("2015-06-01", "Deputy Foreign Minister", "Ruritania", str(ID["article/posts-2015"])),
        ("2023-09-12", "Foreign Minister", "Ruritania", str(ID["article/posts-2023"]))]
    for date, expected in (("2015-05-31", []), ("2015-06-01", [("Deputy Foreign Minister", "2015-06-01")]),
                           ("2019-01-01", [("Deputy Foreign Minister", "2015-06-01")]),
                           ("2024-01-01", [("Foreign Minister", "2023-09-12")])):
        at = run(empty_store, "officials-at", params={"country": "Ruritania", "date": date})
        assert _rows(at, ("job_title", "as_of")) == expected, date
    # the plain titles stay, undated, for the scorer and the officials query
    titles = run(empty_store, "officials", params={"country": "XR"}).rows[0][2]
    assert set(str(titles).split("; ")) == {"Deputy Foreign Minister", "Foreign Minister"}
    report, _ = validate_store(empty_store)
    assert report.conforms, "\n".join(report.violations)

    empty_store.remove_articles([to_store_graphs(late).name])
    posts = run(empty_store, "posts", params={"person": "Lena Aram"})
    assert _rows(posts, ("as_of", "title")) == [("2015-06-01", "Deputy Foreign Minister")]
    holdings = empty_store.query("SELECT ?p WHERE { ?p a <https://w3id.org/diplokg/ontology#PostHolding> }").rows
    assert [str(row[0]).rsplit("/post/", 1)[0] for row in holdings] == [str(ID["article/posts-2015"])]


# -- paging -----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 2, 3])
def test_pages_of_every_named_query_are_disjoint_and_make_up_the_whole_answer(loaded_store, size):
    for case in QUERY_CASES:
        name, params = case.values[0], case.values[1]
        whole = run(loaded_store, name, params=params)
        pages = [run(loaded_store, name, params=params, limit=size, offset=offset).rows
                 for offset in range(0, len(whole.rows) + size, size)]
        assert all(len(page) == size for page in pages[:-2]) and pages[-1] == [], (name, params)
        assert [row for page in pages for row in page] == whole.rows, (name, params)


def test_the_store_is_asked_for_the_page_only():
    from kg.sparql_text import with_page

    text = load_query("timeline").text
    assert with_page(text, 10, 20).endswith("ORDER BY ?date ?name ?item ?type\nLIMIT 10\nOFFSET 20\n")
    assert with_page(text, None, 5).endswith("\nOFFSET 5\n")
    # a query that pages itself, ends with VALUES, or is not a SELECT is run whole and then sliced
    assert with_page("SELECT * WHERE { ?s ?p ?o } LIMIT 3", 10, 0) is None
    assert with_page("SELECT * WHERE { ?s ?p ?o } VALUES ?s { <urn:x> }", 10, 0) is None
    assert with_page("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", 10, 0) is None
    # a LIMIT inside the group, or a variable named ?limit, is no page of its own
    nested = 'SELECT ?limit WHERE { { SELECT ?limit WHERE { ?limit ?p "LIMIT }" } LIMIT 2 } } ORDER BY ?limit # LIMIT'
    assert with_page(nested, 1, 0) == nested + "\nLIMIT 1\n"


def test_a_query_with_its_own_limit_is_paged_within_it(loaded_store):
    own = "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 5"
    whole = run(loaded_store, own).rows
    assert run(loaded_store, own, limit=2, offset=4).rows == whole[4:] and len(whole) == 5


@pytest.mark.parametrize(("limit", "offset", "words"), [
    (-1, 0, "limit -1: give a whole number of 0 or more"),
    ("5", 0, "limit '5': give a whole number"),
    (2.5, 0, "limit 2.5"),
    (None, -3, "offset -3: give a whole number"),
    (True, 0, "limit True"),
])
def test_bad_page_values_are_a_clear_query_error(loaded_store, limit, offset, words):
    with pytest.raises(QueryError, match=re.escape(words)):
        run(loaded_store, "counts", limit=limit, offset=offset)


def test_only_select_answers_are_paged(loaded_store):
    with pytest.raises(QueryError, match="is a CONSTRUCT: limit and offset page the rows of a SELECT answer"):
        run(loaded_store, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", limit=2)
    assert run(loaded_store, "ASK { ?s ?p ?o }").boolean is True


def test_a_name_of_several_entities_is_paged_over_all_their_rows():
    """Two countries share a name: the query runs once per entity, and the pages cut the
    answer they make together."""
    dip = "https://w3id.org/diplokg/ontology#"
    rdf_type = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    triples = []
    for code, people in (("QA", ["Amal Quoro"]), ("QB", ["Bela Quoro", "Cato Quoro"])):
        country = URIRef(ID[f"country/{code}"])
        triples += [(country, rdf_type, URIRef(dip + "Country")), (country, RDFS.label, Literal("Quoria"))]
        for person in people:
            official = URIRef(ID[f"official/{person.lower().replace(' ', '-')}"])
            triples += [(official, rdf_type, URIRef(dip + "Official")), (official, RDFS.label, Literal(person)),
                        (official, URIRef(dip + "represents"), country)]
    with open_store("memory") as store:
        store.replace_graphs({URIRef("urn:x-test:quoria"): triples})
        whole = run(store, "officials", params={"country": "Quoria"}).rows
        pages = [run(store, "officials", params={"country": "Quoria"}, limit=2, offset=offset).rows
                 for offset in (0, 2, 4)]
    assert sorted(str(row[1]) for row in whole) == ["Amal Quoro", "Bela Quoro", "Cato Quoro"]
    assert [len(page) for page in pages] == [2, 1, 0] and pages[0] + pages[1] == whole
