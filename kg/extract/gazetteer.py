"""Load the gazetteers and the rule cues into lookup tables.

The files are found by :mod:`kg.resources` (packaged, from ``data/gazetteers`` and
``data/rules`` of the source tree, or an override folder). The JSONL records are the source
of truth (see ``data/gazetteers/README.md``); this module only indexes them: every surface
form → (type, id), plus the facts resolution needs (ISO codes, Wikidata ids, the country an
agency belongs to, the parent of an organ).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import ConfigError
from ..resources import data_dir as find_data_dir

__all__ = ["Gazetteer", "Record", "Person", "Post", "load_gazetteer", "normalise_name"]


@dataclass(frozen=True)
class Record:
    """One gazetteer entry: ``type`` is Country, Organization or Agency; ``id`` its stable key."""

    type: str
    id: str
    name: str
    wikidata: str | None = None
    alpha3: str | None = None
    country: str | None = None
    parent: str | None = None
    sovereign: bool = True
    capital: str | None = None  # a country's: "the Iraqi capital" is a place by this name
    kind: str | None = None  # an organisation's: "organ", "forum", "intergovernmental", ...


@dataclass(frozen=True)
class Post:
    """A post a known official held: ``body`` is a country code ("US") or an organisation id ("un")."""

    title: str
    body: str
    start: str | None = None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    end: str | None = None

    def held_on(self, day: dt.date) -> bool:
        """Whether the post was held on ``day``; a date known only to the year or month counts
        the whole year or month."""
        iso = day.isoformat()
        return (self.start is None or self.start[:len(iso)] <= iso[:len(self.start)]) and \
            (self.end is None or iso[:len(self.end)] <= self.end)


@dataclass(frozen=True)
class Person:
    """A well-known official of ``officials.jsonl``: heads of state and government, ministers,
    heads of international organisations."""

    id: str
    name: str
    posts: tuple[Post, ...]
    wikidata: str | None = None

    def bodies(self, day: dt.date | None) -> set[str]:
        """Whom the person acts for on ``day``: the bodies of the posts held then, or, for a
        former official, the one body all their posts belong to."""
        if day is not None:
            now = {p.body for p in self.posts if p.held_on(day)}
            if now:
                return now
        every = {p.body for p in self.posts}
        return every if len(every) == 1 else set()


_HONORIFIC = re.compile(r"^(?:(?:mr|mrs|ms|dr|sir|dame)\.?\s+|h\.\s?e\.\s*)", re.IGNORECASE)  # not "He Lifeng"


def normalise_name(name: str) -> str:
    """Case, accents, honorifics, initials and punctuation folded: "Antony J. Blinken" → "antony blinken"."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = _HONORIFIC.sub("", text)
    words = [w for w in re.split(r"[^a-z0-9]+", text) if w]
    kept = [w for w in words[:-1] if len(w) > 1] + words[-1:]
    if len(words) > 2 and len(kept) >= 2:  # "J. N. Dixit" keeps its initials: a surname alone is no name
        words = kept
    return " ".join(words)


@dataclass(eq=False)  # one loaded gazetteer is one object: hashed by identity, for caches
class Gazetteer:
    """Surface forms of known entities and the lexical cues of the rules."""

    records: dict[tuple[str, str], Record] = field(default_factory=dict)
    forms: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)  # form → [(role, type, id)]
    titles: dict[str, str] = field(default_factory=dict)  # lower-case variant → canonical title
    title_categories: dict[str, str] = field(default_factory=dict)  # lower-case variant → category
    cues: dict = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    people_by_name: dict[str, str] = field(default_factory=dict)  # normalised full name → person id
    people_by_surname: dict[str, list[str]] = field(default_factory=dict)  # normalised surname → ids
    _cue_sets: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    def add_form(self, form: str, role: str, type_: str, id_: str) -> None:
        form = form.strip()
        if not form:
            return
        entry = (role, type_, id_)
        bucket = self.forms.setdefault(form, [])
        if entry not in bucket:
            bucket.append(entry)

    def record(self, type_: str, id_: str) -> Record | None:
        return self.records.get((type_, id_))

    def lookup(self, form: str) -> list[tuple[str, str, str]]:
        """Entries whose surface form is ``form`` exactly, then ignoring a leading "the"."""
        found = self.forms.get(form.replace("’", "'"))
        if found is None and form.lower().startswith("the "):
            found = self.forms.get(form[4:].replace("’", "'"))
        return found or []

    def country_of(self, form: str) -> str | None:
        """The ISO code of the country that ``form`` names (name, alias, demonym, capital)."""
        for role, type_, id_ in self.lookup(form):
            if type_ == "Country":
                return id_
        return None

    def person(self, name: str) -> Person | None:
        """The known official whose full name (or a full alias) is ``name``."""
        found = self.people_by_name.get(normalise_name(name))
        return self.people[found] if found else None

    def cue(self, name: str) -> frozenset[str]:
        """A cue list of ``cues.json`` as a set (read once: the rules ask for them per token)."""
        found = self._cue_sets.get(name)
        if found is None:
            found = self._cue_sets[name] = frozenset(self.cues.get(name, ()))
        return found


def _read_jsonl(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise ConfigError(f"{path}:{number}: not a JSON object ({e.msg}); fix the gazetteer line") from e
    return rows


@lru_cache(maxsize=4)
def load_gazetteer(data_dir: Path | None = None) -> Gazetteer:
    """Read the gazetteers and the cue file of the packaged data, or of the folder ``data_dir``
    laid out the same way (see :mod:`kg.resources`).

    Raises
    ------
    ConfigError
        A file is missing, or a line or the cue file is not JSON; the message names the file.
    """
    data = find_data_dir(data_dir)
    cues_file = data.file("rules", "cues.json")
    gaz = Gazetteer()
    try:
        gaz.cues = json.loads(cues_file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise ConfigError(f"{cues_file}: cannot read the extraction cues ({e})") from e

    for row in _read_jsonl(data.file("gazetteers", "countries.jsonl")):
        code = row["id"]
        sovereign = bool(row.get("sovereign", True))
        gaz.records[("Country", code)] = Record("Country", code, row["name"], row.get("wikidata"),
                                                row.get("alpha3"), sovereign=sovereign,
                                                capital=row.get("seat_of_government") or row.get("capital"))
        role = "name" if sovereign else "territory"
        for form in [row["name"], row.get("official_name") or "", *row.get("aliases", [])]:
            gaz.add_form(form, role, "Country", code)
        if sovereign:
            for form in row.get("demonyms", []):
                gaz.add_form(form, "demonym", "Country", code)
            for form in [row.get("capital") or "", *row.get("capital_aliases", []),
                         row.get("seat_of_government") or ""]:
                gaz.add_form(form, "capital", "Country", code)
    for filename, type_ in (("organizations.jsonl", "Organization"), ("agencies.jsonl", "Agency")):
        for row in _read_jsonl(data.file("gazetteers", filename)):
            gaz.records[(type_, row["id"])] = Record(type_, row["id"], row["name"], row.get("wikidata"),
                                                     country=row.get("country"), parent=row.get("parent"),
                                                     kind=row.get("kind"))
            for form in [row["name"], *row.get("aliases", [])]:
                gaz.add_form(form, "name", type_, row["id"])
    for row in _read_jsonl(data.file("gazetteers", "titles.jsonl")):
        for form in [row["title"], *row.get("variants", [])]:
            gaz.titles[form.lower()] = row["title"]
            gaz.title_categories[form.lower()] = row.get("category", "")
    for row in _read_jsonl(data.file("gazetteers", "officials.jsonl")):
        posts = tuple(Post(p["title"], p["body"], p.get("start"), p.get("end")) for p in row.get("posts", []))
        person = Person(row["id"], row["name"], posts, row.get("wikidata"))
        gaz.people[person.id] = person
        for form in [row["name"], *row.get("aliases", [])]:
            gaz.people_by_name.setdefault(normalise_name(form), person.id)
        words = [w for w in normalise_name(row["name"]).split() if w not in ("jr", "sr", "ii", "iii", "iv")]
        for word in {words[0], words[-1]}:  # "President Xi", "King Abdullah", "Prime Minister Modi"
            gaz.people_by_surname.setdefault(word, []).append(person.id)
    return gaz
