"""Resolve date expressions in news text to ISO dates, against the article's own date.

"February 27", "27 February 2024", "Friday, October 27", "on Monday", "Thursday met",
"this Tuesday", "today", "yesterday", "on the 3rd", "from 12 to 15 May": each fixes a day
or a span of days. "last week", "early July", "recently" do not, and give nothing: a date
the text does not fix is left out, not guessed.

The day these are read against is the story's own: the date of its dateline
("BEIJING, Feb. 13 (Xinhua) --", "Riyadh, 21 October 2015 (SPA) -") when it has one, since a
page is often published or reposted a day or years after the story was filed, and else the
publication date (:func:`story_date`, :func:`story_anchor`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

__all__ = ["DateMention", "find_dates", "story_anchor", "story_date"]

_MONTHS = {name: i for i, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
_MONTHS.update({name[:3]: i for name, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_WEEKDAYS = {name: i for i, name in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}

_MONTH = r"(?P<{g}>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+(?:\()?)?"
_TO = r"\s*(?:-|–|—|to|until|till|through)\s*"
_AND = r"\s+and\s+"

# spans of days written once: "February 12-15", "Feb. 12 to 15, 2012", "12-15 May", "between 3 and 5 May"
_RANGES = [
    re.compile(r"\b" + _MONTH.format(g="m") + r"\s+" + _DAY.format(g="d") + _TO + _DAY.format(g="d2")
               + r"\b(?!\s*(?:-|–)?\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))(?:,?\s+" + _YEAR.format(g="y") + r")?"),
    re.compile(r"\b" + _DAY.format(g="d") + _TO + _DAY.format(g="d2") + r"\s+(?:of\s+)?" + _MONTH.format(g="m")
               + r"(?:,?\s+" + _YEAR.format(g="y") + r")?\b"),
    re.compile(r"(?<=\bbetween\s)" + _MONTH.format(g="m") + r"\s+" + _DAY.format(g="d") + _AND + _DAY.format(g="d2")
               + r"\b(?!\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))(?:,?\s+" + _YEAR.format(g="y") + r")?"),
    re.compile(r"(?<=\bbetween\s)" + _DAY.format(g="d") + _AND + _DAY.format(g="d2") + r"\s+(?:of\s+)?" + _MONTH.format(g="m")
               + r"(?:,?\s+" + _YEAR.format(g="y") + r")?\b"),
]
_PATTERNS = [
    # ISO
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<mn>[01]\d)-(?P<d>[0-3]\d)\b"),
    # Month D, YYYY / Month D (not "5 Jun 06", a day, a month and a short year)
    re.compile(_WEEKDAY + r"(?<!\d\s)\b" + _MONTH.format(g="m") + r"\s+" + _DAY.format(g="d")
               + r"\b(?:,?\s+" + _YEAR.format(g="y") + r")?"),
    # D Month YYYY / D Month
    re.compile(_WEEKDAY + r"\b" + _DAY.format(g="d") + r"\s+(?:of\s+)?" + _MONTH.format(g="m")
               + r"(?:,?\s+" + _YEAR.format(g="y") + r")?\b"),
]
_RELATIVE = re.compile(
    r"\b(?P<word>today|yesterday|tomorrow|tonight|last night|this morning|this afternoon|this evening"
    r"|earlier today)\b"
    r"|\b(?P<lead>on|last|this|next|coming|on last|on this|on next)\s+(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?P<wd2>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?!s\b)",
    re.IGNORECASE,
)
# a weekday inside a name is no day ("Good Friday", "Super Tuesday"), nor a habit ("every Monday")
_NAMED_DAY = re.compile(r"\b(?:every|each|Every|Each|Good|Black|Ash|Super|Cyber|Bloody|Holy|Easter|Palm|Maundy|Shrove|Whit|Low|Giving)\s+$")
# "on the 3rd", "on the 21st," : a day of the month the story is in, with no noun after it
_ORDINAL_DAY = re.compile(r"\bon the (?P<d>[1-3]?\d)(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?[A-Za-z])"
                          r"|\bon the (?P<d2>[1-3]?\d)(?:st|nd|rd|th) of (?:this|the) month\b")
# a line of its own that dates the story: "PLACE, Month D[, YYYY] (AGENCY) --", "D Month YYYY -",
# "Friday, September 4, 2015" alone on a line
_DATELINE_PREFIX = re.compile(r"^(?:\((?:[^()]|\([^()]*\))*\)\s*)?(?:[A-Z0-9][\w’'./&-]*,?\s*(?:\[[^\]]*\],?\s*)?){0,6}"
                              r"(?:(?:de|of|la|el|d[’'])\s+[A-Z][\w’'.-]*,?\s*){0,2}$")
_DATELINE_SUFFIX = re.compile(r"^\s*(?:\([^()]{1,40}\))?\s*(?:--|-|–|—|:|/|$)|^\s*\([^()]{1,40}\)")
_RANGE_JOIN = re.compile(r"^\s*(?:to|until|till|through|and|-|–|—)\s*$", re.IGNORECASE)
_RANGE_FROM = re.compile(r"\bbetween\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class DateMention:
    """A date the text fixes: ``start``/``end`` are offsets into the searched text; ``until``
    is the last day of a span ("from 12 to 15 May"), else ``None``."""

    start: int
    end: int
    text: str
    value: dt.date
    until: dt.date | None = None


def _year_for(month: int, day: int, anchor: dt.date) -> int:
    """The year of a date written without one: the article's, unless that lands far ahead.

    News reports mostly look back; a day more than four months after publication is read
    as last year's ("December 20" in a January story).
    """
    year = anchor.year
    try:
        candidate = dt.date(year, month, day)
    except ValueError:
        return year
    if (candidate - anchor).days > 120:
        return year - 1
    if (anchor - candidate).days > 240:
        return year + 1
    return year


def _weekday_near(weekday: int, anchor: dt.date, *, direction: int, strict: bool = False) -> dt.date:
    """The weekday nearest ``anchor`` on its side: on or before it (``direction`` -1: "on
    Monday" in a report), or on or after it (+1: "will meet on Friday", "next Monday").
    ``strict`` skips the anchor's own day ("last Monday" on a Monday is a week ago)."""
    if direction > 0:
        delta = (weekday - anchor.weekday()) % 7 or (7 if strict else 0)
        return anchor + dt.timedelta(days=delta)
    delta = (anchor.weekday() - weekday) % 7 or (7 if strict else 0)
    return anchor - dt.timedelta(days=delta)


def _month_of(groups: dict) -> int:
    return int(groups["mn"]) if groups.get("mn") else _MONTHS[groups["m"].lower().rstrip(".")]


def find_dates(text: str, anchor: dt.date | None, *, future: bool = False) -> list[DateMention]:
    """Every date that ``text`` fixes, resolved against ``anchor`` (the story's date).

    ``future`` says the sentence speaks of what will happen ("will meet on Friday"), which
    turns a bare weekday forwards rather than back. Two dates joined as a span ("from
    28 February to 2 March", "from Monday to Wednesday") come back as one mention with
    ``until``.

    >>> [d.value.isoformat() for d in find_dates("They met on Monday.", dt.date(2024, 3, 6))]
    ['2024-03-04']
    >>> find_dates("They met last week.", dt.date(2024, 3, 6))
    []
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, value: dt.date, until: dt.date | None = None) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(DateMention(start, end, text[start:end], value, until))

    def year_of(groups: dict, month: int, day: int) -> int | None:
        if groups.get("y"):
            return int(groups["y"])
        return _year_for(month, day, anchor) if anchor is not None else None

    for pattern in _RANGES:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            month, first, last = _month_of(groups), int(groups["d"]), int(groups["d2"])
            year = year_of(groups, month, first)
            if year is None or not first < last:
                continue
            try:
                add(m.start(), m.end(), dt.date(year, month, first), dt.date(year, month, last))
            except ValueError:
                continue
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            try:
                month, day = _month_of(groups), int(groups["d"])
                year = year_of(groups, month, day)
                if year is not None:
                    add(m.start(), m.end(), dt.date(year, month, day))
            except (KeyError, ValueError):
                continue
    if anchor is not None:
        for m in _RELATIVE.finditer(text):
            value = _relative(m, anchor, future=future)
            if value is not None and not (m.group("wd2") and _NAMED_DAY.search(text[max(0, m.start() - 12):m.start()])):
                add(m.start(), m.end(), value)
        for m in _ORDINAL_DAY.finditer(text):
            value = _ordinal_day(int(m.group("d") or m.group("d2")), anchor, future=future)
            if value is not None:
                add(m.start(), m.end(), value)
    found.sort(key=lambda d: d.start)
    return _join_spans(text, found)


def _relative(m: re.Match, anchor: dt.date, *, future: bool) -> dt.date | None:
    """"today", "yesterday", "on Monday", "this Tuesday", "last Friday", "next Monday", a bare
    "Thursday" ("X on Thursday met Y", "X Thursday met Y")."""
    word = (m.group("word") or "").lower()
    weekday = m.group("wd") or m.group("wd2")
    if word in ("today", "tonight", "this morning", "this afternoon", "this evening", "earlier today"):
        return anchor
    if word in ("yesterday", "last night"):
        return anchor - dt.timedelta(days=1)
    if word == "tomorrow":
        return anchor + dt.timedelta(days=1)
    if not weekday:
        return None
    lead = (m.group("lead") or "").lower().split()[-1:] or [""]
    lead = lead[0]
    forward = lead in ("next", "coming") or (future and lead != "last")
    return _weekday_near(_WEEKDAYS[weekday.lower()], anchor, direction=1 if forward else -1,
                         strict=lead in ("last", "next"))


def _ordinal_day(day: int, anchor: dt.date, *, future: bool) -> dt.date | None:
    """"on the 3rd": that day of the story's month; a day after the story's in a report of
    what happened is last month's ("on the 28th" in a story of the 2nd)."""
    year, month = anchor.year, anchor.month
    if day > anchor.day and not future:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    elif day < anchor.day and future:
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _join_spans(text: str, found: list[DateMention]) -> list[DateMention]:
    """"from 28 February to 2 March", "Monday to Wednesday", "between 3 May and 5 May": two
    dates joined by "to", "until", "through" or a dash, or by "and" after "between", are one
    span of at most two months."""
    out: list[DateMention] = []
    i = 0
    while i < len(found):
        first = found[i]
        if i + 1 < len(found) and first.until is None:
            second = found[i + 1]
            join = text[first.end:second.start]
            opened = _RANGE_FROM.search(text[max(0, first.start - 10):first.start])
            spans = join.strip().lower() != "and" or opened  # "and" joins a span only after "between"
            if _RANGE_JOIN.match(join) and spans and \
                    0 < (second.value - first.value).days <= 62 and second.until is None:
                out.append(DateMention(first.start, second.end, text[first.start:second.end], first.value, second.value))
                i += 2
                continue
        out.append(first)
        i += 1
    return out


def story_date(text: str, published: dt.date | None) -> DateMention | None:
    """The date of a story's dateline, if its first lines carry one: "BEIJING, Feb. 13 (Xinhua)
    --", "Addis Ababa, March 15, 2017 (FBC) -", "March 1 (ANI) -", "12 September 2012 - ",
    "Friday, September 4, 2015" alone on a line. A dateline without a year takes the year that
    puts it on or shortly before ``published``; offsets are into ``text``.

    >>> story_date("Talks end\\n\\nHAVANA, May 1 (PL) -- The ministers met.", dt.date(2024, 5, 2)).value
    datetime.date(2024, 5, 1)
    >>> story_date("The ministers met in Havana on May 1.", dt.date(2024, 5, 2)) is None
    True
    """
    offset = 0
    for number, line in enumerate(text[:1200].split("\n")):
        if number > 8:
            break
        head = line[:160]
        for pattern in _PATTERNS[1:]:
            m = pattern.search(head)
            if m is None or m.start() > 90:
                continue
            if not _DATELINE_PREFIX.match(head[:m.start()].strip()) or not _DATELINE_SUFFIX.match(head[m.end():]):
                continue
            groups = m.groupdict()
            try:
                month, day = _month_of(groups), int(groups["d"])
                year = int(groups["y"]) if groups.get("y") else _dateline_year(month, day, published)
                if year is None:
                    continue
                value = dt.date(year, month, day)
            except (KeyError, ValueError):
                continue
            return DateMention(offset + m.start(), offset + m.end(), m.group(0), value)
        offset += len(line) + 1
    return None


def _dateline_year(month: int, day: int, published: dt.date | None) -> int | None:
    """A dateline is filed on or before its page's date: "Dec. 31" on a page of 2 January is last year's."""
    if published is None:
        return None
    try:
        candidate = dt.date(published.year, month, day)
    except ValueError:
        return published.year
    return published.year - 1 if (candidate - published).days > 2 else published.year


def story_anchor(text: str, published: dt.date | None) -> dt.date | None:
    """The day relative dates are read against: the dateline's date, else the publication date.

    >>> story_anchor("Oslo, 2 June (NTB) - The envoy met the minister on Monday.", dt.date(2024, 6, 4))
    datetime.date(2024, 6, 2)
    """
    filed = _story_date(text[:1200], published)
    return filed.value if filed is not None else published


@functools.lru_cache(maxsize=256)
def _story_date(head: str, published: dt.date | None) -> DateMention | None:
    return story_date(head, published)
