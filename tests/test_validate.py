"""kg.validate: mapped graphs and a real build conform, with and without RDFS entailment; each
hand-made invalid graph is rejected for its problem; a store is validated as it is now."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import PROV

from kg.mapping import to_graph, to_triples
from kg.ontology import DIP, entity_iri, graph_iri
from kg.validate import Report, validate, validate_store
from test_mapping import founding_extraction

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"


def _load(path: Path) -> Graph:
    """A fixture's graph: a Turtle file, or the one named graph of a TriG file."""
    if path.suffix == ".trig":
        dataset = Dataset()
        dataset.parse(path, format="trig")
        named = [g for g in dataset.graphs() if g.identifier != dataset.default_graph.identifier and len(g)]
        assert len(named) == 1, f"{path.name} should hold exactly one named graph"
        return named[0]
    return Graph().parse(path, format="turtle")


def test_mapped_founding_article_conforms():
    report = validate(to_graph(founding_extraction()))
    assert isinstance(report, Report)
    assert report.conforms, "\n".join(report.violations)
    assert report.violations == ()
    assert "Conforms: True" in report.text


def test_instances_typed_with_a_subclass_only_conform():
    assert validate(_load(FIXTURES / "valid-subclass-only.trig")).conforms


# fixture → (text every violation line must hold, text one of the lines must hold)
INVALID = {
    "country-without-iso-code.ttl": ("dip:iso3166Alpha2", "exactly one dip:iso3166Alpha2"),
    "country-lowercase-iso-code.ttl": ("dip:iso3166Alpha2", '(value: "in")'),
    "country-bad-wikidata-id.ttl": ("dip:wikidataId", '(value: "668")'),
    "official-represents-event.ttl": ("dip:represents", "must point to a dip:Country or a dip:Organization"),
    "official-without-label.ttl": ("rdfs:label", "needs an rdfs:label"),
    "official-numeric-job-title.ttl": ("dip:jobTitle", "plain string"),
    "event-date-not-xsd-date.ttl": ("dip:startDate", 'is an xsd:date (YYYY-MM-DD) (value: "27 February 2024")'),
    "event-ends-before-it-starts.ttl": ("dip:startDate", "must be no later than dip:endDate"),
    "event-chair-is-a-country.ttl": ("dip:chair", "must point to a dip:Official"),
    "agreement-date-is-datetime.ttl": ("dip:date", "xsd:dateTime"),
    "agreement-party-is-a-location.ttl": ("dip:party", "(value: id:new-delhi)"),
    "agency-of-an-organization.ttl": ("dip:agencyOf", "must point to a dip:Country"),
    "mention-without-taidentref.ttl": ("itsrdf:taIdentRef", "exactly one itsrdf:taIdentRef"),
    "sentence-begin-after-end.ttl": ("nif:beginIndex", "must be no greater than nif:endIndex"),
    "assertion-confidence-above-one.ttl": ("dip:confidence", '(value: "1.5"^^xsd:decimal)'),
    "assertion-without-sentence.ttl": ("prov:wasDerivedFrom", "nif:Sentence"),
    "assertion-evidence-without-sentence.ttl": ("prov:wasDerivedFrom", "must name the nif:Sentence"),
    "article-bad-content-hash.trig": ("dip:contentHash", "SHA-256"),
}


def test_every_fixture_is_checked():
    on_disk = {p.name for p in FIXTURES.iterdir() if p.suffix in (".ttl", ".trig")}
    assert on_disk == set(INVALID) | {"valid-subclass-only.trig"}


@pytest.mark.parametrize(("name", "path_text", "message_text"),
                         [(name, *expected) for name, expected in sorted(INVALID.items())])
def test_invalid_graph_is_rejected_for_its_problem(name, path_text, message_text):
    report = validate(_load(FIXTURES / name))
    assert not report.conforms
    assert report.violations, report.text
    # the fixture has this one problem and no other
    assert all(f" – {path_text} – " in line for line in report.violations), report.violations
    assert any(message_text in line for line in report.violations), report.violations


def test_violation_names_the_focus_node_path_and_value():
    graph = to_graph(founding_extraction())
    bhalla, delhi = entity_iri("official/ajay-bhalla--in"), entity_iri("location/new-delhi")
    graph.add((bhalla, DIP.represents, delhi))
    report = validate(graph)
    assert not report.conforms
    assert report.violations == (
        f"<{bhalla}> – dip:represents – dip:represents must point to a dip:Country or a dip:Organization"
        f" (value: <{delhi}>)",
    )


def test_validate_leaves_the_graph_unchanged():
    graph = to_graph(founding_extraction())
    graph.add((entity_iri("country/IN"), DIP.iso3166Alpha2, Literal("India")))
    before = set(graph)
    first, second = validate(graph), validate(graph)
    assert set(graph) == before
    assert first == second
    # two values (maxCount) and one of them malformed (pattern)
    assert len(first.violations) == 2
    assert all(" – dip:iso3166Alpha2 – " in line for line in first.violations)
    assert any(line.endswith('(value: "India")') for line in first.violations)


# ---------------------------------------------------------------- RDFS entailment


@pytest.mark.parametrize("inference", ["none", "rdfs"])
def test_the_sample_build_conforms_with_and_without_rdfs_entailment(sample_build_graph, inference):
    """Ontology and shapes agree: what the ontology entails of a real build (every dip:evidence
    mention is a prov:wasDerivedFrom value too) breaks no shape."""
    assert len(sample_build_graph) > 5_000
    assert any(sample_build_graph.triples((None, DIP.evidence, None)))  # the entailment has work to do
    report = validate(sample_build_graph, inference=inference)
    assert report.conforms, "\n".join(report.violations[:20])


def test_validation_with_rdfs_entailment_leaves_the_graph_unchanged(sample_build_graph):
    assertion, mention = next(sample_build_graph.subject_objects(DIP.evidence))
    before = len(sample_build_graph)
    validate(sample_build_graph, inference="rdfs")
    assert len(sample_build_graph) == before
    assert (assertion, PROV.wasDerivedFrom, mention) not in sample_build_graph  # entailed on a copy only


@pytest.mark.parametrize("inference", ["none", "rdfs"])
def test_an_assertion_whose_only_source_is_its_evidence_mention_is_rejected(inference):
    """Accepting the entailed mention does not let an assertion go without its sentence."""
    report = validate(_load(FIXTURES / "assertion-evidence-without-sentence.ttl"), inference=inference)
    assert not report.conforms
    assert all(" – prov:wasDerivedFrom – " in line for line in report.violations), report.violations


def test_an_assertion_may_name_its_mention_as_a_source_but_not_an_entity():
    graph = to_graph(founding_extraction())
    assertion, mention = next(graph.subject_objects(DIP.evidence))
    graph.add((assertion, PROV.wasDerivedFrom, mention))  # what RDFS entails, written out
    assert validate(graph).conforms
    graph.add((assertion, PROV.wasDerivedFrom, entity_iri("country/IN")))
    report = validate(graph)
    assert not report.conforms
    assert all(" – prov:wasDerivedFrom – " in line for line in report.violations), report.violations


def test_unknown_inference_is_refused():
    with pytest.raises(ValueError, match="owlrl"):
        validate(Graph(), inference="owlrl")


# ---------------------------------------------------------------- stores


def test_validating_a_store_again_sees_the_writes_made_since(empty_store):
    """No stale answer: a store that conformed and was then given a graph that breaks a shape
    no longer conforms."""
    founding = founding_extraction()
    empty_store.replace_graph(graph_iri(founding.article.id), to_triples(founding))
    first, checked = validate_store(empty_store)
    assert first.conforms, "\n".join(first.violations)

    broken = Graph().parse(FIXTURES / "country-without-iso-code.ttl", format="turtle")
    empty_store.replace_graph(graph_iri("country-without-iso-code"), list(broken))
    second, checked_now = validate_store(empty_store)
    assert not second.conforms
    assert checked_now == checked + len(broken)
    assert any("dip:iso3166Alpha2" in line for line in second.violations), second.violations

    empty_store.remove_graph(graph_iri("country-without-iso-code"))
    assert validate_store(empty_store)[0].conforms
