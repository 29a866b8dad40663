"""Extraction on sentences written for these tests: what a reader of diplomatic news expects.

Each case is a short text, the facts it must yield and, where it matters, facts it must not.
Facts are compared by the names of their ends, so the tests do not depend on key formats.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace

import pytest

from kg.extract import CHUNK_CHARS, MAX_MENTIONS, Extractor, _batches, _few_mentions, _pieces
from kg.model import Article, Entity, Extraction, Relation, Span
from kg.resolve import resolve


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.load()


@pytest.fixture(scope="module")
def blank() -> Extractor:
    return Extractor.load(model="blank")


def _article(text: str, *, date: str = "2024-03-01", dateline: str | None = None, aid: str = "t",
             title: str | None = None) -> Article:
    return Article(id=aid, title=text[:40] if title is None else title, text=text, source=f"{aid}.txt",
                   sha256=hashlib.sha256(text.encode()).hexdigest(), date=dt.date.fromisoformat(date),
                   dateline=dateline)


def _facts(extractor: Extractor, text: str, **kw) -> tuple[set, set, set]:
    x = resolve(extractor.extract(_article(text, **kw)))
    names = {e.key: e.name for e in x.entities}
    entities = {(e.type, e.name) for e in x.entities}
    relations = {(names[r.subject], r.predicate, names[r.object]) for r in x.relations}
    attributes = {(names[a.subject], a.name, a.value) for a in x.attributes}
    return entities, relations, attributes


SEED = ("Washington, DC [US], March 1 : From February 27 to February 29, the senior official performing the "
        "duties of US Deputy Secretary Kristie Canegallo and Home Secretary Ajay Bhalla met in New Delhi to "
        "co-chair the India-US Homeland Security Dialogue. At the conclusion of the dialogue, the leaders signed "
        "a Memorandum of Cooperation between the United States and India.")


def test_founding_sentences_give_officials_event_and_agreement(extractor):
    entities, relations, attributes = _facts(extractor, SEED, dateline="Washington, DC")
    assert {("Official", "Kristie Canegallo"), ("Official", "Ajay Bhalla"), ("Location", "New Delhi"),
            ("Country", "India"), ("Country", "United States"), ("Agreement", "Memorandum of Cooperation")} <= entities
    assert ("Kristie Canegallo", "represents", "United States") in relations
    assert ("Ajay Bhalla", "represents", "India") in relations  # the other side of a two-country dialogue
    assert ("Kristie Canegallo", "jobTitle", "Deputy Secretary") in attributes
    assert ("Ajay Bhalla", "jobTitle", "Home Secretary") in attributes
    event = next(n for t, n in entities if t == "Event")
    assert {(event, "chair", "Kristie Canegallo"), (event, "chair", "Ajay Bhalla"),
            (event, "location", "New Delhi"), (event, "participant", "India"),
            (event, "participant", "United States")} <= relations
    assert {(event, "startDate", "2024-02-27"), (event, "endDate", "2024-02-29")} <= attributes
    assert {("Memorandum of Cooperation", "signatory", "Ajay Bhalla"),
            ("Memorandum of Cooperation", "signedAt", event),
            ("Memorandum of Cooperation", "party", "India")} <= relations
    assert ("Memorandum of Cooperation", "date", "2024-02-29") in attributes
    # the dateline's city is where the story was filed, not a venue
    assert ("Location", "Washington, DC") not in entities


@pytest.mark.parametrize(("text", "official", "title", "country"), [
    ("Foreign Minister Wang Yi met visiting delegates in Beijing on Monday.", "Wang Yi", "Foreign Minister", None),
    ("The talks were held by Wang Yi, China's foreign minister, and his guests.", "Wang Yi", "foreign minister", "China"),
    ("Chinese Foreign Minister Wang Yi met Australian Foreign Minister Penny Wong in Beijing.",
     "Penny Wong", "Foreign Minister", "Australia"),
    ("Indian Prime Minister Narendra Modi held talks with the visiting delegation.", "Narendra Modi",
     "Prime Minister", "India"),
    ("Eric Garcetti, the US Ambassador to India, met officials in Mumbai.", "Eric Garcetti", "Ambassador",
     "United States"),
])
def test_title_before_or_after_a_name_without_the_country(extractor, text, official, title, country):
    entities, relations, attributes = _facts(extractor, text)
    assert ("Official", official) in entities
    assert any(s == official and a == "jobTitle" and v.lower() == title.lower() for s, a, v in attributes)
    if country:
        assert (official, "represents", country) in relations


def test_ambassador_to_a_country_does_not_represent_it(extractor):
    _, relations, _ = _facts(extractor, "Eric Garcetti, the US Ambassador to India, met officials in Mumbai.")
    assert ("Eric Garcetti", "represents", "India") not in relations


def test_list_of_people_gives_each_their_own_title(extractor):
    text = ("The summit brought together US Vice President Kamala Harris, Chinese Premier Li Qiang and "
            "Japanese Prime Minister Fumio Kishida in Jakarta.")
    _, relations, attributes = _facts(extractor, text)
    titles = {(s, v) for s, a, v in attributes if a == "jobTitle"}
    assert {("Kamala Harris", "Vice President"), ("Li Qiang", "Premier"), ("Fumio Kishida", "Prime Minister")} <= titles
    assert not any(s == "Kamala Harris" and "Li Qiang" in v for s, v in titles)
    assert ("Li Qiang", "represents", "China") in relations
    assert ("Kamala Harris", "represents", "China") not in relations


def test_surname_later_is_the_same_official(extractor):
    text = "Home Secretary Ajay Bhalla met the delegation in New Delhi. Bhalla said the talks were useful."
    entities, _, _ = _facts(extractor, text)
    assert [n for t, n in entities if t == "Official"] == ["Ajay Bhalla"]


@pytest.mark.parametrize(("text", "country"), [
    ("Washington and New Delhi agreed to expand cooperation.", "United States"),
    ("The Chinese side said it would continue the talks.", "China"),
    ("The India-US partnership was discussed.", "United States"),
])
def test_countries_by_capital_demonym_or_hyphenated_pair(extractor, text, country):
    entities, _, _ = _facts(extractor, text)
    assert ("Country", country) in entities
    assert not any(t == "Location" for t, _ in entities)


def test_capital_after_in_is_a_venue_beside_the_country(extractor):
    text = "Foreign Minister Penny Wong and Foreign Minister Wang Yi met in Beijing on Wednesday."
    entities, relations, attributes = _facts(extractor, text)
    assert ("Location", "Beijing") in entities
    event = next(n for t, n in entities if t == "Event")
    assert (event, "location", "Beijing") in relations
    assert (event, "startDate", "2024-02-28") in attributes  # the Wednesday before a Friday 1 March


def test_agency_of_a_country_named_in_front(extractor):
    entities, relations, _ = _facts(extractor, "The memorandum was signed with India's National Police Academy.")
    assert ("Agency", "National Police Academy") in entities
    assert ("National Police Academy", "agencyOf", "India") in relations


def test_bilateral_working_group_belongs_to_both(extractor):
    entities, relations, _ = _facts(extractor, "The US-India Counternarcotics Working Group met in Washington.")
    agency = next(n for t, n in entities if t == "Agency")
    assert {(agency, "agencyOf", "India"), (agency, "agencyOf", "United States")} <= relations


def test_organ_beside_its_organisation(extractor):
    entities, _, _ = _facts(extractor, "The United Nations Security Council met after the UN Secretary-General spoke.")
    organisations = {n for t, n in entities if t == "Organization"}
    assert len(organisations) == 2


def test_signing_without_a_named_occasion_gets_its_own_event(extractor):
    text = ("Chilean Foreign Minister Heraldo Munoz and Maltese Foreign Minister Carmelo Abela signed an "
            "Agreement on Political Consultations in Santiago on Monday.")
    entities, relations, attributes = _facts(extractor, text, date="2017-07-18")
    agreement = next(n for t, n in entities if t == "Agreement")
    event = next(n for t, n in entities if t == "Event")
    assert {(agreement, "signatory", "Heraldo Munoz"), (agreement, "signatory", "Carmelo Abela"),
            (agreement, "signedAt", event), (agreement, "party", "Chile"), (agreement, "party", "Malta")} <= relations
    assert (agreement, "date", "2017-07-17") in attributes


def test_witnesses_are_not_signatories(extractor):
    text = ("NATO ambassadors signed the Accession Protocols at NATO Headquarters, in the presence of "
            "Finnish Foreign Minister Pekka Haavisto.")
    _, relations, _ = _facts(extractor, text)
    assert not any(p == "signatory" and o == "Pekka Haavisto" for _, p, o in relations)


def test_initialling_is_not_signing(extractor):
    text = "Prime Minister Ivica Dacic and Prime Minister Hashim Thaci initialled the Agreement on Normalization."
    _, relations, attributes = _facts(extractor, text)
    assert not any(p in ("signatory", "signedAt") for _, p, _ in relations)
    assert not any(a == "date" for _, a, _ in attributes)


def test_delegation_leaders_represent_their_side(extractor):
    text = ("The consultations were held in New Delhi on 5 May. Secretary Riva Das led the Indian delegation "
            "while the New Zealand side was led by Deputy Secretary Mark Sinclair.")
    _, relations, _ = _facts(extractor, text)
    assert ("Mark Sinclair", "represents", "New Zealand") in relations


@pytest.mark.parametrize(("text", "expected"), [
    ("Foreign Minister Penny Wong met Foreign Minister Wang Yi today.", "2024-03-01"),
    ("Foreign Minister Penny Wong met Foreign Minister Wang Yi yesterday.", "2024-02-29"),
    ("Foreign Minister Penny Wong met Foreign Minister Wang Yi on 25 May, 2021.", "2021-05-25"),
])
def test_dates_fixed_against_the_publication_date(extractor, text, expected):
    _, _, attributes = _facts(extractor, text)
    assert any(a == "startDate" and v == expected for _, a, v in attributes)


def test_a_date_the_text_does_not_fix_is_left_out(extractor):
    _, _, attributes = _facts(extractor, "Foreign Minister Penny Wong met Foreign Minister Wang Yi last week.")
    assert not any(a in ("startDate", "endDate") for _, a, _ in attributes)


def test_every_fact_carries_method_confidence_and_evidence(extractor):
    x = extractor.extract(_article(SEED, dateline="Washington, DC"))
    for fact in x.relations + x.attributes:
        assert fact.method and 0 < fact.confidence <= 1
        if fact.evidence is not None:
            assert SEED[fact.evidence.start:fact.evidence.end] == fact.evidence.text
    for entity in x.entities:
        for span in entity.mentions:
            assert SEED[span.start:span.end] == span.text


def test_same_official_in_two_articles_is_one_key(extractor):
    a = resolve(extractor.extract(_article("Chinese Foreign Minister Wang Yi met Penny Wong.", aid="a")))
    b = resolve(extractor.extract(_article("Wang Yi, China's foreign minister, visited Canberra.", aid="b")))
    key_a = {e.key for e in a.entities if e.name == "Wang Yi"}
    key_b = {e.key for e in b.entities if e.name == "Wang Yi"}
    assert key_a == key_b and len(key_a) == 1


def test_a_surname_alone_is_never_merged_across_articles(extractor):
    a = resolve(extractor.extract(_article("Secretary Blinken met the press.", aid="a")))
    b = resolve(extractor.extract(_article("Secretary Blinken met the press.", aid="b")))
    assert {e.key for e in a.entities if e.type == "Official"}.isdisjoint(
        {e.key for e in b.entities if e.type == "Official"})


def test_blank_pipeline_still_finds_gazetteer_facts(blank):
    entities, relations, _ = _facts(blank, SEED, dateline="Washington, DC")
    assert {("Country", "India"), ("Country", "United States")} <= entities
    assert ("Official", "Ajay Bhalla") in entities  # a name after a known title, without NER


def test_article_in_another_language_gets_a_note(extractor):
    text = ("Le ministre des Affaires étrangères a rencontré son homologue à Paris pour discuter de la "
            "coopération entre les deux pays et de la situation régionale. ") * 4
    x = extractor.extract(_article(text))
    assert any("does not look like English" in n for n in x.notes)


@pytest.mark.parametrize("text", [
    " ".join(["India and the United States discussed cooperation"] * 400),  # no sentence punctuation
    "| country | capital |\n|---|---|\n" + "| India | New Delhi |\n| Chile | Santiago |\n" * 200,  # only a table
])
def test_odd_texts_do_not_crash(extractor, text):
    x = extractor.extract(_article(text))
    assert any(e.name == "India" for e in x.entities)


def test_very_long_article_is_read_in_pieces_with_offsets_kept(extractor):
    paragraph = SEED + "\n\n"
    text = paragraph * (3 * CHUNK_CHARS // len(paragraph) + 1)
    x = extractor.extract(_article(text, dateline="Washington, DC"))
    assert any("pieces" in n for n in x.notes)
    officials = [e for e in x.entities if e.type == "Official"]
    assert sorted(e.name for e in officials) == ["Ajay Bhalla", "Kristie Canegallo"]
    last = max(s.end for e in officials for s in e.mentions)
    assert last > 2 * CHUNK_CHARS and all(text[s.start:s.end] == s.text for e in officials for s in e.mentions)


UNBROKEN = {
    # name: (text without a single line break, what every piece but the last must end with)
    "sentences": ("Chile and Peru met in Lima. " * 40, ". "),
    "no punctuation": ("talks between Chile and Peru went on " * 40, " "),
    "full-width": ("日本と韓国の外相が会談した。" * 80, "。"),
}


@pytest.mark.parametrize("name", sorted(UNBROKEN))
def test_text_without_line_breaks_is_cut_at_sentence_ends_or_spaces(name):
    text, ending = UNBROKEN[name]
    pieces = _pieces(text, 300)
    assert len(pieces) > 3
    assert "".join(piece for _, piece in pieces) == text
    assert all(text[offset:offset + len(piece)] == piece for offset, piece in pieces)
    assert all(len(piece) <= 300 for _, piece in pieces)
    assert all(piece.endswith(ending) for _, piece in pieces[:-1])


def test_text_without_any_break_is_cut_at_the_limit():
    assert [len(piece) for _, piece in _pieces("x" * 700, 300)] == [300, 300, 100]


@pytest.mark.parametrize(("sizes", "batches"), [
    ([1000] * 20, [16, 4]),  # short articles: sixteen to a batch, as before
    ([20_000] * 5, [2, 2, 1]),  # pieces of a long article: bounded by characters
    ([50_000, 10, 10], [1, 2]),  # a text longer than the bound goes alone
    ([], []),
])
def test_batches_are_bounded_by_texts_and_characters(sizes, batches):
    texts = ["x" * n for n in sizes]
    got = list(_batches(iter(texts), max_texts=16, max_chars=40_000))
    assert [len(b) for b in got] == batches
    assert [t for b in got for t in b] == texts


def test_docstring_examples():
    import doctest

    import kg.extract

    result = doctest.testmod(kg.extract)
    assert result.attempted > 0 and result.failed == 0


def test_a_long_article_on_one_line_keeps_its_offsets(blank):
    sentence = "The ministers of Chile and Peru met in Lima to talk about fishing. "
    text = sentence * (3 * CHUNK_CHARS // len(sentence) + 1)
    assert "\n" not in text
    x = blank.extract(_article(text))
    assert any("pieces" in n for n in x.notes)
    mentions = [m for e in x.entities for m in e.mentions]
    assert max(m.end for m in mentions) > 2 * CHUNK_CHARS
    assert all(text[m.start:m.end] == m.text for m in mentions)
    assert all(m.sentence_start <= m.start < m.end <= m.sentence_end for m in mentions)


def _spans(text: str, word: str) -> tuple[Span, ...]:
    found, at = [], text.find(word)
    while at >= 0:
        found.append(Span(at, at + len(word), word, 0, len(text)))
        at = text.find(word, at + 1)
    return tuple(found)


def test_a_text_of_names_keeps_every_fact_and_its_evidence_but_fewer_mentions():
    text = "Chile, Peru. " * 50 + "Chile and Peru signed."
    chile, peru = _spans(text, "Chile"), _spans(text, "Peru")
    cited = chile[-1]  # the evidence of the relation: late in the text, beyond the limit
    x = Extraction(article=_article(text), entities=(
        Entity("country/CL", "Country", "Chile", mentions=chile), Entity("country/PE", "Country", "Peru", mentions=peru)),
        relations=(Relation("country/CL", "participant", "country/PE", evidence=cited),))
    few = _few_mentions(x, 10)
    kept = {m for e in few.entities for m in e.mentions}
    assert cited in kept and chile[0] in kept and peru[0] in kept
    assert len(kept) == 11  # the first ten in the text and the cited one
    assert few.relations == x.relations and [e.key for e in few.entities] == [e.key for e in x.entities]
    assert "102 entity mentions found; 11 are kept" in few.notes[-1]
    assert _few_mentions(x, 200) is x  # under the limit: untouched


def test_a_text_of_nothing_but_names_keeps_at_most_the_mention_limit(blank):
    text = "Chile, Peru, Kenya and Ghana met. " * (MAX_MENTIONS // 4 + 500)
    x = blank.extract(_article(text))
    assert sum(len(e.mentions) for e in x.entities) <= MAX_MENTIONS + len(x.relations) + len(x.attributes) + len(x.entities)
    assert any("entity mentions found" in n for n in x.notes)
    assert all(text[m.start:m.end] == m.text for e in x.entities for m in e.mentions)


def test_notes_of_ingest_reach_the_extraction(blank):
    article = _article("Chile and Peru met in Lima.")
    noted = replace(article, notes=("t.txt: cut short",))
    assert blank.extract(noted).notes[0] == "t.txt: cut short"


@pytest.mark.parametrize(("text", "event"), [
    ("India and the United States held the fifth round of their 2+2 Ministerial Dialogue in New Delhi.",
     "2+2 Ministerial Dialogue"),
    ("Prime Minister Narendra Modi chaired the two-day meeting at the convention centre.", "two-day meeting"),
])
def test_event_names_keep_their_numbers_and_compounds(extractor, text, event):
    entities, _, _ = _facts(extractor, text)
    assert ("Event", event) in entities


def test_one_capitalised_word_without_a_post_is_no_official(extractor):
    text = "Prime Minister Narendra Modi met President Joe Biden. Modi later wrote on Twitter that the talks went well."
    entities, _, _ = _facts(extractor, text)
    assert not any(t == "Official" and n == "Twitter" for t, n in entities)


def test_those_who_did_not_attend_are_not_participants(extractor):
    text = ("Leaders ended the summit in New Delhi on Sunday. Chinese President Xi Jinping and Russian President "
            "Vladimir Putin did not attend the summit.")
    _, relations, _ = _facts(extractor, text)
    assert not any(p == "participant" and o in ("Xi Jinping", "Vladimir Putin") for _, p, o in relations)


def test_names_in_apposition_to_a_countrys_co_chairs_represent_it(extractor):
    text = ("Treasury Secretary Jacob Lew will join his Chinese co-chairs, Vice Premier Wang Yang and "
            "State Councilor Yang Jiechi, in Beijing.")
    _, relations, attributes = _facts(extractor, text)
    assert {("Wang Yang", "represents", "China"), ("Yang Jiechi", "represents", "China")} <= relations
    assert ("Yang Jiechi", "jobTitle", "State Councilor") in attributes


def test_an_instrument_named_by_its_parties(extractor):
    text = "The Secretary-General welcomes the agreement between Belgrade and Pristina reached in Brussels."
    entities, relations, _ = _facts(extractor, text)
    agreement = next(n for t, n in entities if t == "Agreement")
    assert {(agreement, "party", "Serbia"), (agreement, "party", "Kosovo")} <= relations


def test_the_city_in_an_occasions_name_is_where_it_was_held(extractor):
    entities, relations, _ = _facts(extractor, "Allied leaders met at the Madrid Summit last week.")
    assert ("Location", "Madrid") in entities
    assert ("Madrid Summit", "location", "Madrid") in relations
    assert ("Country", "Spain") not in entities  # the capital names the place, not the state


def test_a_post_without_a_name_points_to_its_holder(extractor):
    text = ("Secretary of State Antony Blinken hosted Foreign Minister Wang Yi in Washington. "
            "The Secretary then met Foreign Minister Penny Wong in Canberra.")
    x = resolve(extractor.extract(_article(text)))
    blinken = next(e for e in x.entities if e.name == "Antony Blinken")
    assert len(blinken.mentions) == 2 and "Secretary" not in blinken.aliases  # a post is no alias


def test_a_title_portfolio_names_the_department_the_official_works_in(extractor):
    text = ("The U.S. Department of State announced that Secretary of State John Kerry will travel to Beijing "
            "for talks with Chinese officials.")
    _, relations, _ = _facts(extractor, text)
    assert ("John Kerry", "memberOf", "Department of State") in relations
    assert ("John Kerry", "represents", "United States") in relations


def test_the_previous_round_is_another_occasion_between_the_same_states(extractor):
    text = ("The 3rd Foreign Office Consultations between India and New Zealand were held in Wellington on "
            "25 May 2021. The previous round of consultations took place on 5 February 2019 in New Delhi.")
    entities, relations, attributes = _facts(extractor, text, date="2021-05-25")
    events = sorted(n for t, n in entities if t == "Event")
    assert len(events) == 2
    previous = next(n for n in events if n != "3rd Foreign Office Consultations")
    assert previous == "previous round of consultations"
    assert {(previous, "participant", "India"), (previous, "participant", "New Zealand"),
            (previous, "location", "New Delhi")} <= relations
    assert (previous, "startDate", "2019-02-05") in attributes


def test_a_date_years_before_the_article_dates_no_occasion(extractor):
    text = ("Foreign Minister Penny Wong held talks with Foreign Minister Wang Yi on the anniversary of the "
            "establishment of relations on December 21, 1972.")
    _, _, attributes = _facts(extractor, text, date="2022-12-21")
    assert not any(a == "startDate" and v.startswith("1972") for _, a, v in attributes)


def test_agency_feed_abbreviations_counterparts_and_the_dateline_side(extractor):
    text = ("New Delhi [India], July 8 : EAM S Jaishankar on Monday held talks with his Russian counterpart "
            "Sergey Lavrov in Moscow. PM Narendra Modi will visit Russia next week.")
    entities, relations, attributes = _facts(extractor, text, date="2024-07-08", dateline="New Delhi")
    assert ("S Jaishankar", "jobTitle", "External Affairs Minister") in attributes  # "EAM" spelled out
    assert ("Narendra Modi", "jobTitle", "Prime Minister") in attributes
    assert ("Sergey Lavrov", "represents", "Russia") in relations  # counterpart without a comma
    assert ("S Jaishankar", "represents", "India") in relations  # the side the story is filed from
    events = [n for t, n in entities if t == "Event"]
    assert len(events) == 1  # "will visit ... next week" is a plan without a day, not an occasion


def test_the_dateline_side_is_not_lent_when_it_is_the_other_side(extractor):
    text = ("Moscow [Russia], July 8 : EAM S Jaishankar on Monday held talks with his Russian counterpart "
            "Sergey Lavrov in Moscow.")
    _, relations, _ = _facts(extractor, text, date="2024-07-08", dateline="Moscow")
    assert ("S Jaishankar", "represents", "Russia") not in relations


@pytest.mark.parametrize(("text", "undated"), [
    ("The State Department today announced that the Strategic Dialogue will be held in Beijing in July.",
     "Strategic Dialogue"),
    ("Foreign Minister Heraldo Munoz signed today an Agreement on Consultations, within the context of the "
     "Official Visit of President Marie-Louise Coleiro Preca.", "Official Visit"),
])
def test_a_date_that_hangs_on_another_verb_does_not_date_the_occasion(extractor, text, undated):
    _, _, attributes = _facts(extractor, text)
    assert not any(s == undated and a == "startDate" for s, a, _ in attributes)


@pytest.mark.parametrize("text", [
    "Treasury Secretary Jacob Lew, as President Barack Obama's Special Representative, met Vice Premier Wang Yang.",
    "Secretary-General Ban Ki-moon today welcomed the signing of the Declaration by the two leaders in Pyongyang.",
])
def test_owners_of_posts_and_those_who_react_are_not_participants(extractor, text):
    _, relations, _ = _facts(extractor, text)
    assert not any(p == "participant" and o in ("Barack Obama", "Ban Ki-moon") for _, p, o in relations)


def test_an_occasion_is_dated_by_what_was_signed_at_it(extractor):
    text = ("New Delhi [India], March 5 : India and Japan on Tuesday signed a Memorandum of Cooperation during the "
            "15th India-Japan Foreign Ministers' Strategic Dialogue in New Delhi, co-chaired by External Affairs "
            "Minister S Jaishankar and Japanese Foreign Minister Yoko Kamikawa.")
    entities, relations, attributes = _facts(extractor, text, date="2024-03-05", dateline="New Delhi")
    event = next(n for t, n in entities if t == "Event")
    assert event == "15th India-Japan Foreign Ministers' Strategic Dialogue"
    assert ("Memorandum of Cooperation", "signedAt", event) in relations
    assert (event, "startDate", "2024-03-05") in attributes
    assert {(event, "chair", "S Jaishankar"), (event, "chair", "Yoko Kamikawa")} <= relations


def test_a_meeting_on_the_sidelines_of_a_summit_is_its_own_occasion(extractor):
    text = ("Joint Statement Following the Meeting of President Donald Trump and Prime Minister Boris Johnson\n\n"
            "Today, President Donald Trump and Prime Minister Boris Johnson met in the margins of the G7 Summit "
            "in Biarritz, France.")
    entities, relations, attributes = _facts(extractor, text, date="2019-08-25")
    summit = "G7 Summit"
    meeting = next(n for t, n in entities if t == "Event" and n != summit)
    assert {(meeting, "location", "Biarritz"), (summit, "location", "Biarritz"),
            (summit, "participant", "Boris Johnson"), (meeting, "participant", "Boris Johnson")} <= relations
    assert (meeting, "startDate", "2019-08-25") in attributes
    assert (summit, "startDate", "2019-08-25") not in attributes


def test_the_parties_of_an_instrument_take_part_in_its_signing(extractor):
    text = ("Chilean Foreign Minister Heraldo Munoz and Maltese Foreign Minister Carmelo Abela signed an "
            "Agreement on Political Consultations in Santiago on Monday. UN Secretary-General Ban Ki-moon "
            "welcomed the signing.")
    entities, relations, _ = _facts(extractor, text, date="2017-07-18")
    event = next(n for t, n in entities if t == "Event")
    assert {(event, "participant", "Chile"), (event, "participant", "Malta")} <= relations
    assert (event, "participant", "Ban Ki-moon") not in relations


@pytest.mark.parametrize(("text", "official", "title", "country"), [
    ("The Secretary General received the Minister of State and Minister of Foreign Affairs of Norway, "
     "Jonas Sigurd Gahr Store, at headquarters.", "Jonas Sigurd Gahr Store", "Minister of Foreign Affairs", "Norway"),
    ("The Commission thanks H.E. Hakainde Mwila Kabwe Hichilema, President of the Republic of Zambia, "
     "and the mediator.", "Hakainde Mwila Kabwe Hichilema", "President", "Zambia"),
    ("Ms. Ruchira Kamboj Varma, Secretary (West), led the Indian delegation.", "Ruchira Kamboj Varma",
     "Secretary (West)", "India"),
])
def test_the_shape_of_an_apposition_names_a_person_ner_misses(extractor, text, official, title, country):
    entities, relations, attributes = _facts(extractor, text)
    assert ("Official", official) in entities
    assert (official, "jobTitle", title) in attributes
    assert (official, "represents", country) in relations


def test_the_next_person_of_a_list_lends_no_title(extractor):
    text = ("The Chairperson commends H.E. Juan Carlos Varela Rodriguez, President of the Republic of Panama, "
            "and the appointed Mediator, H.E. Anibal Garcia Lopez, Vice President of the Republic of Peru.")
    entities, relations, attributes = _facts(extractor, text)
    assert ("Juan Carlos Varela Rodriguez", "jobTitle", "President") in attributes
    assert ("Juan Carlos Varela Rodriguez", "jobTitle", "Mediator") not in attributes
    assert ("Anibal Garcia Lopez", "represents", "Peru") in relations


def test_places_and_bodies_before_a_comma_are_no_people(extractor):
    entities, _, _ = _facts(extractor, "Speaking at Harvard University, President Joe Biden praised the "
                                        "Ministry of External Affairs, Prime Minister Modi said.")
    people = {n for t, n in entities if t == "Official"}
    assert "Harvard University" not in people and "Ministry of External Affairs" not in people


def test_a_delegation_leader_without_a_post_is_still_an_official(extractor):
    text = "The talks were held in Nairobi on 5 May. The Kenyan delegation was led by Peter Kamau Njoroge."
    entities, relations, _ = _facts(extractor, text)
    assert ("Official", "Peter Kamau Njoroge") in entities
    assert ("Peter Kamau Njoroge", "represents", "Kenya") in relations


@pytest.fixture(scope="module")
def with_officials(tmp_path_factory) -> Extractor:
    """The real data with a registry of made-up officials instead of the real one (a --data-dir
    folder), so the rule is tested apart from the data."""
    import shutil
    from kg.resources import data_dir
    folder = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(data_dir().root, folder)  # follows the checkout's symlinks: real files
    (folder / "gazetteers" / "officials.jsonl").write_text(
        '{"id": "anna-kovacs", "name": "Anna Kovacs", "aliases": ["Anna Maria Kovacs"], "posts": '
        '[{"title": "Foreign Minister", "body": "HU", "start": "2015-03", "end": "2019-06-30"}, '
        '{"title": "Secretary-General", "body": "osce", "start": "2020-01-01"}]}\n'
        '{"id": "tomas-kovacs", "name": "Tomas Kovacs", "aliases": [], "posts": '
        '[{"title": "President", "body": "SK", "start": "2010", "end": "2018"}]}\n'
        '{"id": "zhao-lirong", "name": "Zhao Lirong", "aliases": [], "posts": '
        '[{"title": "Vice Premier", "body": "CN", "start": "2018-03"}]}\n', encoding="utf-8")
    return Extractor.load(data_dir=folder)


def test_a_known_official_acts_for_the_body_of_the_post_held_that_day(with_officials):
    text = "Anna Maria Kovacs met officials of Hungary and of the OSCE in Vienna on Monday."
    entities, relations, _ = _facts(with_officials, text, date="2017-05-10")
    assert ("Anna Maria Kovacs", "represents", "Hungary") in relations
    assert ("Anna Maria Kovacs", "represents", "Organization for Security and Co-operation in Europe") not in relations
    _, relations, _ = _facts(with_officials, text, date="2022-05-10")
    assert ("Anna Maria Kovacs", "represents", "Organization for Security and Co-operation in Europe") in relations
    assert ("Anna Maria Kovacs", "represents", "Hungary") not in relations


def test_a_surname_needs_a_matching_post_to_be_a_known_official(with_officials):
    text = "President Kovacs met the Slovak and Hungarian delegations in Bratislava on Monday."
    _, relations, _ = _facts(with_officials, text, date="2016-05-10")
    assert ("Kovacs", "represents", "Slovakia") in relations  # Tomas was President; Anna never was
    _, relations, _ = _facts(with_officials, text, date="2021-05-10")
    assert not any(s == "Kovacs" and p == "represents" for s, p, _ in relations)  # no President Kovacs then


def test_the_text_outranks_the_registry(with_officials):
    text = "Slovak envoy Anna Kovacs met officials in Budapest on Monday."
    _, relations, _ = _facts(with_officials, text, date="2017-05-10")
    assert ("Anna Kovacs", "represents", "Slovakia") in relations
    assert ("Anna Kovacs", "represents", "Hungary") not in relations


def test_a_known_officials_full_forms_are_one_key_across_articles(with_officials):
    keys = set()
    for aid, name in (("a1", "Anna Maria Kovacs"), ("a2", "Anna Kovacs")):
        x = resolve(with_officials.extract(_article(f"Foreign Minister {name} met officials of Hungary in Paris "
                                                    "on Monday.", date="2017-05-10", aid=aid)))
        keys |= {(e.key, e.match_key) for e in x.entities if e.type == "Official"}
    assert keys == {("official/anna-kovacs", "gazetteer:officials/anna-kovacs")}


def test_a_headline_visit_by_a_post_is_the_visit_the_story_tells(extractor):
    text = ("OSCE Secretary General visits Ottawa\n\nOSCE Secretary General Thomas Greminger met with Canadian "
            "Foreign Minister Chrystia Freeland on Thursday (13 September 2018). During his visit, the Secretary "
            "General also met Senator Peter Harder.")
    entities, relations, _ = _facts(extractor, text, date="2018-09-13")
    events = {n for t, n in entities if t == "Event"}
    visit = next(n for n in events if n.startswith("visit"))
    assert {(visit, "location", "Ottawa"), (visit, "participant", "Canada"),
            (visit, "participant", "Thomas Greminger")} <= relations
    # each meeting the story tells on its own is an occasion of its own, with its own counterpart
    meetings = {n for n in events if n.startswith("meeting")}
    assert len(events) == 3 and len(meetings) == 2
    with_freeland = next(n for n in meetings if (n, "participant", "Chrystia Freeland") in relations)
    assert (with_freeland, "participant", "Peter Harder") not in relations


def test_a_meeting_told_by_a_verb_is_the_meeting_held_somewhere_later(extractor):
    text = ("The Secretary General of the OSCE, Thomas Greminger, met today with the Foreign Minister of Malta, "
            "Carmelo Abela. The meeting, held at OSCE headquarters in Vienna, covered migration.")
    entities, relations, _ = _facts(extractor, text)
    events = [n for t, n in entities if t == "Event"]
    assert len(events) == 1
    assert (events[0], "location", "Vienna") in relations


def test_a_numbered_round_is_not_the_round_before_it(extractor):
    text = ("The 4th meeting of the India-Kenya Joint Commission was held on 3 March 2022 in Nairobi. "
            "The 5th meeting of the Joint Commission will be held in New Delhi in 2023.")
    entities, relations, _ = _facts(extractor, text, date="2022-03-04")
    events = sorted(n for t, n in entities if t == "Event")
    assert len(events) == 2
    fifth = next(n for n in events if "5th" in n)
    assert {(fifth, "location", "New Delhi"), (fifth, "participant", "India"), (fifth, "participant", "Kenya")} <= relations
    assert not any(s != fifth and o == "New Delhi" for s, p, o in relations if p == "location")


def test_a_title_with_to_keeps_its_whole_post(extractor):
    _, _, attributes = _facts(extractor, "The envoy met the Assistant to the President and National Security "
                                         "Advisor, Ambassador John Hartley, in Washington on Monday.")
    assert ("John Hartley", "jobTitle", "Assistant to the President") in attributes
    assert ("John Hartley", "jobTitle", "President") not in attributes


def test_a_body_whose_meeting_it_is_takes_part_with_its_states(extractor):
    text = "The 4th meeting of the India-Kenya Joint Commission was held on 3 March 2022 in Nairobi."
    entities, relations, _ = _facts(extractor, text, date="2022-03-04")
    event = next(n for t, n in entities if t == "Event")
    assert {(event, "participant", "Joint Commission"), (event, "participant", "India"),
            (event, "participant", "Kenya")} <= relations


def test_a_post_at_an_organisation_does_not_serve_it(extractor):
    text = ("Kenya's Permanent Representative to the United Nations, Ambassador Martin Kimani, met the Secretary "
            "General in New York on Monday.")
    _, relations, _ = _facts(extractor, text)
    assert ("Martin Kimani", "represents", "Kenya") in relations
    assert not any(s == "Martin Kimani" and o == "United Nations" for s, _, o in relations)


def test_a_known_official_is_kept_without_a_post(with_officials):
    entities, relations, _ = _facts(with_officials, "Remarks on migration\n\nAnna Kovacs\n\nThe OSCE thanks Hungary.",
                                    date="2021-02-01")
    assert ("Official", "Anna Kovacs") in entities
    assert ("Anna Kovacs", "represents", "Organization for Security and Co-operation in Europe") in relations


def test_a_joint_statement_binds_the_states_of_its_meeting(extractor):
    text = ("Joint Statement Following the Meeting of Prime Minister Narendra Modi and President Lula\n\n"
            "Indian Prime Minister Narendra Modi and Brazilian President Luiz Inacio Lula da Silva met in Brasilia "
            "on Monday.")
    entities, relations, _ = _facts(extractor, text)
    assert len([n for t, n in entities if t == "Event"]) == 1  # the headline's meeting is the one told below
    assert {("Joint Statement", "party", "India"), ("Joint Statement", "party", "Brazil")} <= relations


def test_the_subject_of_signing_signs_not_everyone_in_the_sentence(extractor):
    text = ("The Minister of Foreign Affairs, Jorge Taiana, signed today an Agreement on Cultural Cooperation with "
            "Portugal during the state visit of the President of Portugal, Marcelo Rebelo de Sousa.")
    _, relations, _ = _facts(extractor, text)
    signatories = {o for s, p, o in relations if p == "signatory"}
    assert signatories == {"Jorge Taiana"}


def test_one_instrument_under_two_word_orders(extractor):
    text = ("Foreign Minister Jorge Taiana signs Cultural Cooperation Agreement with Portugal\n\n"
            "The Minister of Foreign Affairs, Jorge Taiana, signed today an Agreement of Cultural Cooperation with "
            "Portugal.")
    entities, _, _ = _facts(extractor, text)
    assert len([n for t, n in entities if t == "Agreement"]) == 1


def test_a_bodys_envoys_signing_make_the_body_a_party(extractor):
    text = "EU Ambassadors signed the Association Protocol for Moldova in Brussels on Tuesday."
    _, relations, _ = _facts(extractor, text)
    assert any(s.startswith("Association Protocol") and p == "party" and o == "European Union"
               for s, p, o in relations)


def test_the_ceremony_named_later_is_where_the_instrument_was_signed(extractor):
    text = ("Secretary General Luis Almagro and Foreign Minister Ramon Martinez today signed a Letter of Understanding "
            "for the Ninth Summit of the Americas. At the signing ceremony, which was held in Lima, Secretary General "
            "Almagro praised the preparations for the Summit.")
    entities, relations, _ = _facts(extractor, text)
    ceremonies = [n for t, n in entities if t == "Event" and n.lower().startswith("signing")]
    assert len(ceremonies) == 1
    assert (ceremonies[0], "location", "Lima") in relations
    assert any(p == "signedAt" and o == ceremonies[0] for _, p, o in relations)
    summits = [n for t, n in entities if t == "Event" and "Summit" in n and n not in ceremonies]
    assert len(summits) == 1  # "the Summit" is the one named


def test_two_instruments_signed_together_share_their_ceremony(extractor):
    text = ("Chad and Fiji established diplomatic relations at a ceremony in New York today. Ambassador Cherif Zene "
            "and Ambassador Peter Thomson signed a protocol and a joint communiqué.")
    _, relations, _ = _facts(extractor, text)
    occasions = {o for _, p, o in relations if p == "signedAt"}
    assert len(occasions) == 1 and len({s for s, p, _ in relations if p == "signedAt"}) == 2


def test_a_body_named_after_one_state_is_that_states_agency(extractor):
    text = "Secretary General Mark Rutte met members of the Canada Senate Arctic Observer Group in Ottawa on Monday."
    entities, relations, _ = _facts(extractor, text)
    assert ("Agency", "Senate Arctic Observer Group") in entities
    assert ("Senate Arctic Observer Group", "agencyOf", "Canada") in relations


def test_a_family_name_written_first_matches_with_its_title(with_officials):
    text = "Vice Premier Zhao met the Chinese and Kenyan trade delegations in Beijing on Monday."
    _, relations, _ = _facts(with_officials, text, date="2024-05-10")
    assert ("Zhao", "represents", "China") in relations


def test_a_readouts_headline_meeting_is_the_one_its_body_tells(extractor):
    text = ("Readout of the meeting between the Secretary-General and the Prime Minister of Norway\n\nOslo, Norway\n\n"
            "3 May 2023\n\nThe Secretary-General met today in Oslo with the Prime Minister of Norway, Jonas Gahr "
            "Store. They discussed the situation in the Arctic and the work of the United Nations.")
    entities, relations, _ = _facts(extractor, text, date="2023-05-03")
    events = [n for t, n in entities if t == "Event"]
    assert len(events) == 1
    # the unnamed Secretary-General of the one organisation the readout names brings it along
    assert {(events[0], "participant", "United Nations"), (events[0], "participant", "Norway"),
            (events[0], "location", "Oslo")} <= relations


def test_bodies_met_through_unnamed_members_take_part(extractor):
    text = ("Secretary General Mark Rutte met Prime Minister Mark Carney in Ottawa on Monday. Mr Rutte then met "
            "with members of the Canada Senate Defence Committee and of the Foreign Affairs Committee.")
    entities, relations, _ = _facts(extractor, text)
    events = [n for t, n in entities if t == "Event"]
    assert len(events) == 2  # a new counterpart is a new meeting
    second = next(n for n in events if (n, "participant", "Senate Defence Committee") in relations)
    assert (second, "participant", "Foreign Affairs Committee") in relations
    assert (second, "participant", "Mark Carney") not in relations
