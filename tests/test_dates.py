"""Dates in news text: each way news writes a day, read against the story's own date.

Sentences are written for these tests (invented people, generic places). Each rule has
paraphrases that must give the same day and a counter-example that must give none.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from kg.extract import Extractor
from kg.extract.dates import find_dates, story_anchor, story_date
from kg.model import Article
from kg.resolve import resolve

WED = dt.date(2024, 3, 6)  # a Wednesday


def _days(text: str, anchor: dt.date = WED, **kw) -> list[tuple[str, str | None]]:
    return [(d.value.isoformat(), d.until.isoformat() if d.until else None) for d in find_dates(text, anchor, **kw)]


# ---- weekdays: the most recent such day on or before the story's day -------------------------
@pytest.mark.parametrize("text", [
    "The envoy on Monday met the minister.",
    "The envoy met the minister Monday in the capital.",
    "On Monday, the envoy met the minister.",
    "The government Monday lodged a protest with the envoy.",
    "The envoy met the minister this Monday.",
])
def test_dates_a_weekday_is_the_last_such_day(text):
    assert _days(text) == [("2024-03-04", None)]


def test_dates_a_weekday_on_the_story_day_is_that_day():
    assert _days("The talks opened on Wednesday.") == [("2024-03-06", None)]


@pytest.mark.parametrize("text", [
    "The ministers will meet again on Friday.",
    "The ministers are scheduled to meet Friday.",
    "The envoy arrives next Friday.",
])
def test_dates_a_weekday_of_a_plan_is_the_next_such_day(text):
    assert _days(text, future=True) == [("2024-03-08", None)]


@pytest.mark.parametrize("text", [
    "Offices close on Good Friday.",
    "The committee meets every Monday.",
    "Crowds marched on Mondays in the spring.",
])
def test_dates_a_weekday_in_a_name_or_a_habit_is_no_day(text):
    assert _days(text) == []


def test_dates_last_weekday_skips_the_story_day():
    assert _days("The envoy left last Wednesday.") == [("2024-02-28", None)]


# ---- today, yesterday; last week fixes no day --------------------------------------------------
@pytest.mark.parametrize(("text", "day"), [
    ("The ministers met today in the capital.", "2024-03-06"),
    ("The ministers met yesterday in the capital.", "2024-03-05"),
    ("The ministers met late last night in the capital.", "2024-03-05"),
    ("Earlier today the ministers met in the capital.", "2024-03-06"),
])
def test_dates_today_and_yesterday(text, day):
    assert _days(text) == [(day, None)]


@pytest.mark.parametrize("text", [
    "The ministers met last week.",
    "The ministers met earlier this month.",
    "The ministers met recently in the capital.",
])
def test_dates_what_fixes_no_day_gives_nothing(text):
    assert _days(text) == []


# ---- "on the 3rd": a day of the story's month ------------------------------------------------
@pytest.mark.parametrize("text", [
    "The accord was signed on the 3rd.",
    "The accord was signed on the 3rd, officials said.",
    "The accord was signed on the 3rd of this month.",
])
def test_dates_an_ordinal_day_is_in_the_story_month(text):
    assert _days(text) == [("2024-03-03", None)]


def test_dates_an_ordinal_day_after_the_story_day_is_last_month():
    assert _days("The talks were held on the 28th.") == [("2024-02-28", None)]


@pytest.mark.parametrize("text", [
    "The talks were held on the 3rd floor of the ministry.",
    "The envoy spoke on the 3rd day of the talks.",
    "The vote came on the 3rd attempt.",
])
def test_dates_an_ordinal_before_a_noun_is_no_day(text):
    assert _days(text) == []


# ---- day and month without a year ---------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "The ministers met on 2 March.",
    "The ministers met on March 2.",
    "The ministers met on Mar. 2.",
    "The ministers met on the 2nd of March.",
])
def test_dates_day_and_month_take_the_story_year(text):
    assert _days(text) == [("2024-03-02", None)]


def test_dates_a_month_alone_is_no_day():
    assert _days("The ministers may meet in March.") == []


def test_dates_a_short_year_is_not_a_day():
    assert _days("Sofia, 5 Jun 06") == [("2024-06-05", None)]


# ---- spans of days ------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "span"), [
    ("The visit lasts from 28 February to 2 March.", ("2024-02-28", "2024-03-02")),
    ("The minister is on a visit from Feb. 12 to 15.", ("2024-02-12", "2024-02-15")),
    ("The forum was held 12-15 February.", ("2024-02-12", "2024-02-15")),
    ("The forum was held between 12 and 15 February.", ("2024-02-12", "2024-02-15")),
    ("The forum was held February 12-15, 2023.", ("2023-02-12", "2023-02-15")),
    ("The talks ran from Monday to Wednesday.", ("2024-03-04", "2024-03-06")),
])
def test_dates_a_span_gives_its_first_and_last_day(text, span):
    assert _days(text) == [span]


def test_dates_two_days_joined_by_and_are_not_a_span():
    assert _days("The ministers met on 3 and 5 March.") == [("2024-03-05", None)]


# ---- the dateline's date ------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "day"), [
    ("Talks end\n\nLAKEVILLE, Feb. 13 (Wire) -- The ministers met on Monday.", "2024-02-13"),
    ("Talks end\n\nLakeville, 21 October 2015 (XNA) - The ministers met.", "2015-10-21"),
    ("March 1 (ANI) - The ministers met.", "2024-03-01"),
    ("Talks end\n\nLakeville\nFriday, September 4, 2015\n\nThe ministers met.", "2015-09-04"),
    ("(Feed- Some News Agency (SNA)) LAKEVILLE, April 21 (SNA) -- The ministers met.", "2024-04-21"),
    ("Lakeville [Country], March 1 : The ministers met.", "2024-03-01"),
])
def test_dates_the_dateline_date(text, day):
    found = story_date(text, dt.date(2024, 4, 22))
    assert found is not None and found.value.isoformat() == day


@pytest.mark.parametrize("text", [
    "The ministers met in Lakeville on May 1.",
    "Talks end\n\nThe ministers met on May 1 (local time) - and agreed.",
    "A story without any date at all.",
])
def test_dates_a_date_in_the_body_is_no_dateline(text):
    assert story_date(text, dt.date(2024, 5, 2)) is None


def test_dates_a_dateline_without_a_year_is_on_or_before_the_page():
    assert story_date("LAKEVILLE, Dec. 31 (Wire) -- Talks.", dt.date(2025, 1, 2)).value == dt.date(2024, 12, 31)


def test_dates_relative_days_are_read_against_the_dateline_not_the_page():
    # the page is dated a day after the story was filed, and years after in a repost
    assert story_anchor("LAKEVILLE, March 4 (Wire) -- Talks.", dt.date(2024, 3, 5)) == dt.date(2024, 3, 4)
    assert story_anchor("Lakeville, 21 October 2015 (XNA) - Talks.", dt.date(2023, 5, 2)) == dt.date(2015, 10, 21)
    assert story_anchor("The ministers met on Monday.", dt.date(2024, 3, 5)) == dt.date(2024, 3, 5)


# ---- through the extractor: occasions and agreements --------------------------------------------
@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.load()


def _facts(extractor: Extractor, text: str, date: str) -> set[tuple[str, str, str]]:
    article = Article(id="t", title=text[:40], text=text, source="t.txt", date=dt.date.fromisoformat(date),
                      sha256=hashlib.sha256(text.encode()).hexdigest())
    x = resolve(extractor.extract(article))
    names = {e.key: (e.type, e.name) for e in x.entities}
    return {(names[a.subject][0], a.name, a.value) for a in x.attributes if a.name != "jobTitle"}


@pytest.mark.parametrize("text", [
    "Envoys meet\n\nLAKEVILLE, March 4 (Wire) -- Foreign Minister Arno Velt met Foreign Minister Lena Moss "
    "yesterday in Lakeville.",
    "Envoys meet\n\nLAKEVILLE, March 4 (Wire) -- Foreign Minister Arno Velt on Sunday held talks with "
    "Foreign Minister Lena Moss.",
    "Envoys meet\n\nLakeville, 4 March 2024 (Wire) - Foreign Minister Arno Velt and Foreign Minister Lena Moss "
    "met on Sunday in Lakeville.",
])
def test_dates_an_occasion_is_dated_from_the_dateline_day(extractor, text):
    # the page is dated the day after the dateline: "yesterday" and "Sunday" are 3 March
    facts = _facts(extractor, text, "2024-03-05")
    assert ("Event", "startDate", "2024-03-03") in facts
    assert ("Event", "startDate", "2024-03-04") not in facts  # not the dateline's own day


@pytest.mark.parametrize("text", [
    "Foreign Minister Arno Velt paid an official visit to Norway from 12 to 15 February.",
    "Foreign Minister Arno Velt paid an official visit to Norway from February 12 to 15.",
    "Foreign Minister Arno Velt paid an official visit to Norway from 12 February to 15 February.",
])
def test_dates_an_occasion_over_a_span_gets_its_end(extractor, text):
    facts = _facts(extractor, text, "2024-02-16")
    assert {("Event", "startDate", "2024-02-12"), ("Event", "endDate", "2024-02-15")} <= facts


def test_dates_a_weekday_in_a_quoted_plan_does_not_date_the_occasion(extractor):
    text = ("Foreign Minister Arno Velt met Foreign Minister Lena Moss in Lakeville. "
            "\"We will meet again on Friday to finish the work,\" Velt said.")
    facts = _facts(extractor, text, "2024-03-06")
    assert not any(name == "startDate" and value == "2024-03-08" for _, name, value in facts)


def test_dates_last_week_leaves_the_occasion_undated(extractor):
    text = ("Envoys meet\n\nLAKEVILLE, March 4 (Wire) -- Foreign Minister Arno Velt met Foreign Minister "
            "Lena Moss last week in Lakeville.")
    facts = _facts(extractor, text, "2024-03-05")
    assert not any(name in ("startDate", "endDate") for _, name, _ in facts)


@pytest.mark.parametrize("text", [
    "Envoys sign\n\nLAKEVILLE, March 4 (Wire) -- Norway and Sweden on Sunday signed a Memorandum of "
    "Understanding on trade.",
    "Envoys sign\n\nLAKEVILLE, March 4 (Wire) -- Norway and Sweden signed a Memorandum of Understanding on "
    "trade yesterday.",
    "Envoys sign\n\nLAKEVILLE, March 4 (Wire) -- Norway and Sweden signed a Memorandum of Understanding on "
    "trade on the 3rd.",
])
def test_dates_an_agreement_is_dated_from_the_dateline_day(extractor, text):
    facts = _facts(extractor, text, "2024-03-05")
    assert ("Agreement", "date", "2024-03-03") in facts


@pytest.mark.parametrize(("text", "day"), [
    ("Ministers meet\n\nLAKEVILLE, June 8 (Wire) -- Foreign ministers of the river states met in Lakeville on "
     "Tuesday to discuss trade. The fifth River States Ministerial Meeting was chaired by Foreign Minister "
     "Arno Velt.", "2021-06-08"),
    ("Ministers meet\n\nLAKEVILLE, June 8 (Wire) -- Foreign ministers of the river states gathered in Lakeville "
     "yesterday for two hours of talks. The River States Ministerial Meeting was chaired by Foreign Minister "
     "Arno Velt.", "2021-06-07"),
    ("Envoy accredited\n\nLakeville, June 9 (Wire) The new ambassador of Norway presented her credentials to "
     "the President this Tuesday in Lakeville. The ceremony took place at the presidential palace, where "
     "Foreign Minister Arno Velt was present.", "2021-06-08"),
])
def test_dates_an_occasion_named_after_the_lead_takes_the_lead_date(extractor, text, day):
    facts = _facts(extractor, text, "2021-06-09")
    assert ("Event", "startDate", day) in facts


@pytest.mark.parametrize("text", [
    # the lead's day belongs to the saying, not to the occasion
    "Ministers meet\n\nLAKEVILLE, June 8 (Wire) -- Foreign ministers of the river states said on Tuesday that "
    "trade must grow. The fifth River States Ministerial Meeting was chaired by Foreign Minister Arno Velt.",
    # a day inside a clause of its own
    "Ministers meet\n\nLAKEVILLE, June 8 (Wire) -- Foreign ministers of the river states, who arrived on "
    "Tuesday, discussed trade. The fifth River States Ministerial Meeting was chaired by Foreign Minister "
    "Arno Velt.",
])
def test_dates_the_lead_date_of_another_verb_does_not_date_the_named_occasion(extractor, text):
    facts = _facts(extractor, text, "2021-06-09")
    assert not any(t == "Event" and name == "startDate" for t, name, _ in facts)
