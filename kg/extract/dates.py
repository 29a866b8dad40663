"""Resolve date expressions in news text to ISO dates, against the article's own date.

"February 27", "27 February 2024", "Friday, October 27", "on Monday", "today", "yesterday":
each fixes a day. "last week", "early July", "recently" do not, and give nothing: a date
the text does not fix is left out, not guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DateMention", "find_dates"]

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

_PATTERNS = [
    # ISO
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<mn>[01]\d)-(?P<d>[0-3]\d)\b"),
    # Month D, YYYY / Month D
    re.compile(_WEEKDAY + r"\b" + _MONTH.format(g="m") + r"\s+" + _DAY.format(g="d")
               + r"\b(?:,?\s+" + _YEAR.format(g="y") + r")?"),
    # D Month YYYY / D Month
    re.compile(_WEEKDAY + r"\b" + _DAY.format(g="d") + r"\s+(?:of\s+)?" + _MONTH.format(g="m")
               + r"(?:,?\s+" + _YEAR.format(g="y") + r")?\b"),
]
_RELATIVE = re.compile(
    r"\b(?P<word>today|yesterday|tomorrow|tonight|this morning|this afternoon|this evening)\b"
    r"|\b(?:on|last|this|next)\s+(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|^(?P<wd2>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    """A date the text fixes: ``start``/``end`` are offsets into the searched text."""

    start: int
    end: int
    text: str
    value: dt.date


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


def _weekday_near(weekday: int, anchor: dt.date, *, direction: int) -> dt.date:
    delta = (weekday - anchor.weekday()) % 7
    if direction > 0:
        return anchor + dt.timedelta(days=delta)
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def find_dates(text: str, anchor: dt.date | None, *, future: bool = False) -> list[DateMention]:
    """Every date that ``text`` fixes, resolved against ``anchor`` (the article's date).

    ``future`` says the sentence speaks of what will happen ("will meet on Friday"), which
    turns a bare weekday forwards rather than back.
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, value: dt.date) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(DateMention(start, end, text[start:end], value))

    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            try:
                month = int(groups["mn"]) if groups.get("mn") else _MONTHS[groups["m"].lower().rstrip(".")]
                day = int(groups["d"])
                if groups.get("y"):
                    year = int(groups["y"])
                elif anchor is not None:
                    year = _year_for(month, day, anchor)
                else:
                    continue
                add(m.start(), m.end(), dt.date(year, month, day))
            except (KeyError, ValueError):
                continue
    if anchor is not None:
        for m in _RELATIVE.finditer(text):
            word = (m.group("word") or "").lower()
            weekday = m.group("wd") or m.group("wd2")
            if word in ("today", "tonight", "this morning", "this afternoon", "this evening"):
                add(m.start(), m.end(), anchor)
            elif word == "yesterday":
                add(m.start(), m.end(), anchor - dt.timedelta(days=1))
            elif word == "tomorrow":
                add(m.start(), m.end(), anchor + dt.timedelta(days=1))
            elif weekday:
                lead = m.group(0).lower().split()[0]
                forward = lead == "next" or (future and lead != "last")
                add(m.start(), m.end(), _weekday_near(_WEEKDAYS[weekday.lower()], anchor,
                                                       direction=1 if forward else -1))
    found.sort(key=lambda d: d.start)
    return found
