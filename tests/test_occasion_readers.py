"""Occasion readers of news writing (issue 8), read on sentences written for these tests.

Each construction gets paraphrases that must give the facts and a counter-example that must
not. People and places are invented or generic; facts are compared by the names of their ends.
"""

from __future__ import annotations

import pytest

from kg.extract import Extractor
from test_extract import _facts as extract_facts


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.load()


def _facts(extractor: Extractor, text: str) -> tuple[set, set]:
    """The entities and relations of ``text`` (test_extract's reading, without attributes)."""
    entities, relations, _ = extract_facts(extractor, text)
    return entities, relations


def _took_part(relations: set, *names: str) -> bool:
    """Whether one occasion has all of ``names`` as participants."""
    events: dict[str, set] = {}
    for s, p, o in relations:
        if p == "participant":
            events.setdefault(s, set()).add(o)
    return any(set(names) <= people for people in events.values())


def _events(entities: set) -> set:
    return {n for t, n in entities if t == "Event"}


# ---- "X received Y", "X and his counterpart Y discussed" -------------------------------------
@pytest.mark.parametrize("text", [
    "Kenyan President Karl Moser received Peruvian Foreign Minister Paul Dorn on Tuesday.",
    "On Tuesday Kenyan President Karl Moser received Peruvian Foreign Minister Paul Dorn at State House.",
    "Kenyan Foreign Minister Karl Moser and his Peruvian counterpart Paul Dorn discussed trade in Nairobi.",
    "Kenyan Foreign Minister Karl Moser and Peruvian Foreign Minister Paul Dorn discussed fisheries on Monday.",
])
def test_receiving_or_discussing_together_is_an_occasion(extractor, text):
    _, relations = _facts(extractor, text)
    assert _took_part(relations, "Karl Moser", "Paul Dorn", "Kenya", "Peru")


@pytest.mark.parametrize("text", [
    "Kenyan President Karl Moser received a letter from Peruvian President Paul Dorn on Tuesday.",
    "Kenyan Foreign Minister Karl Moser discussed the report of Peruvian economist Paul Dorn.",
])
def test_a_letter_received_or_one_person_discussing_is_no_occasion(extractor, text):
    entities, _ = _facts(extractor, text)
    assert not _events(entities)


# ---- credentials ----------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Peruvian Ambassador Paul Dorn presented his credentials to Kenyan President Karl Moser on Tuesday.",
    "Kenyan President Karl Moser received the credentials of the new Peruvian Ambassador Paul Dorn on Tuesday.",
    "The Peruvian ambassador, Paul Dorn, handed his letter of credence to Kenyan President Karl Moser in Nairobi.",
])
def test_presenting_credentials_is_a_ceremony_of_envoy_and_head_of_state(extractor, text):
    entities, relations = _facts(extractor, text)
    assert any("credentials" in n for n in _events(entities))
    assert _took_part(relations, "Karl Moser", "Paul Dorn")


def test_credentials_named_in_passing_are_no_ceremony(extractor):
    # counter-example: a person named in what was said at the ceremony did not take part in it
    _, relations = _facts(extractor, "Peruvian Ambassador Paul Dorn presented his credentials to Kenyan President "
                                     "Karl Moser. After accepting his letter of credence, Moser said he admired "
                                     "Chilean President Ana Ruiz.")
    assert _took_part(relations, "Karl Moser", "Paul Dorn")
    assert not any(o == "Ana Ruiz" for _, p, o in relations if p == "participant")


# ---- denied occasions -----------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Kenyan Foreign Minister Karl Moser did not meet Peruvian Foreign Minister Paul Dorn on Tuesday.",
    "Kenyan Foreign Minister Karl Moser refused to meet Peruvian Foreign Minister Paul Dorn on Tuesday.",
    "Kenyan Foreign Minister Karl Moser never met Peruvian Foreign Minister Paul Dorn.",
])
def test_a_denied_meeting_is_no_occasion(extractor, text):
    entities, relations = _facts(extractor, text)
    assert not _events(entities)
    assert not any(p == "participant" for _, p, _ in relations)


def test_a_meeting_that_took_place_is_read(extractor):
    # counter-example to the denials: the same sentence without the negation
    _, relations = _facts(extractor, "Kenyan Foreign Minister Karl Moser met Peruvian Foreign Minister Paul Dorn "
                                     "on Tuesday.")
    assert _took_part(relations, "Karl Moser", "Paul Dorn")


# ---- greeting at the airport ----------------------------------------------------------------
def test_a_greeting_at_the_airport_invents_no_meeting(extractor):
    entities, _ = _facts(extractor, "Kenyan Foreign Minister Karl Moser arrived late on Monday. "
                                    "Kenyan Ambassador Ruth Wanjiru received the minister at the airport.")
    assert not any("Ruth Wanjiru" in n for n in _events(entities))


# ---- signing: who signed, which states, which occasion ------------------------------------
@pytest.mark.parametrize("text", [
    "Kenyan Foreign Minister Karl Moser and Peruvian Foreign Minister Paul Dorn signed the agreement on Tuesday.",
    "Kenyan Foreign Minister Karl Moser and Peruvian Foreign Minister Paul Dorn signed an agreement on fisheries.",
    "On Tuesday Kenyan Foreign Minister Karl Moser and Peruvian Foreign Minister Paul Dorn signed a memorandum "
    "on trade.",
])
def test_officials_who_signed_are_signatories_and_their_states_parties(extractor, text):
    _, relations = _facts(extractor, text)
    signed = {(s, o) for s, p, o in relations if p == "signatory"}
    assert {o for _, o in signed} == {"Karl Moser", "Paul Dorn"}
    agreement = next(iter(signed))[0]
    assert {o for s, p, o in relations if s == agreement and p == "party"} == {"Kenya", "Peru"}


@pytest.mark.parametrize("text", [
    "Kenya and Peru held talks in Lima on Tuesday. The two sides signed an agreement on fisheries.",
    "Kenya and Peru held talks in Lima on Tuesday. Both sides signed a memorandum on trade.",
    "Kenya and Peru held talks in Lima on Tuesday. Following the talks, the two sides signed an agreement on ports.",
])
def test_the_two_sides_signed_at_their_occasion_for_their_states(extractor, text):
    _, relations = _facts(extractor, text)
    parties = {o for _, p, o in relations if p == "party"}
    assert parties == {"Kenya", "Peru"}
    at = {o for _, p, o in relations if p == "signedAt"}
    assert len(at) == 1 and _took_part({r for r in relations if r[0] in at}, "Kenya", "Peru")


def test_witnesses_are_no_signatories(extractor):
    _, relations = _facts(extractor, "Kenyan Foreign Minister Karl Moser and Peruvian Foreign Minister Paul Dorn "
                                     "signed a memorandum in the presence of Chilean President Ana Ruiz.")
    assert {o for _, p, o in relations if p == "signatory"} == {"Karl Moser", "Paul Dorn"}
    assert _took_part(relations, "Ana Ruiz")  # present at the ceremony


@pytest.mark.parametrize("text", [
    "Kenyan Foreign Minister Karl Moser refused to sign the agreement with Peruvian Foreign Minister Paul Dorn.",
    "Kenyan Foreign Minister Karl Moser and Peruvian Foreign Minister Paul Dorn will sign an agreement next week.",
    "Kenyan Foreign Minister Karl Moser and Peruvian Foreign Minister Paul Dorn are expected to sign a memorandum.",
    "Kenyan Foreign Minister Karl Moser and Peruvian Foreign Minister Paul Dorn did not sign the memorandum.",
])
def test_a_denied_or_planned_signing_has_no_signatory_and_no_ceremony(extractor, text):
    entities, relations = _facts(extractor, text)
    assert not any(p in ("signatory", "signedAt") for _, p, _ in relations)
    assert not any("signing" in n for n in _events(entities))
