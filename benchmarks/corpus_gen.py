"""A seeded generator of agency-feed articles about diplomacy, for scale benchmarks (not a test).

The world is built once from the seed: the states of ``data/gazetteers/countries.jsonl``
(sovereign, with a capital), weighted so that a few dozen appear often and the rest now and
then, as in real news; for each state a line of holders of each post (head of state, head of
government, foreign, defence, trade and finance ministers, and ambassadors between the most
reported states) from 2012 to 2026. Officials get made-up names (given names × surnames of
``templates/shapes.json``, none of them a name of ``officials.jsonl``), keep their state and
post for a term of two to six years, and sometimes move to another post of the same state.

Article ``i`` depends only on the seed and ``i``: a date between 2015 and 2025, a shape of
``templates/shapes.json`` (talks, calls, visits, summits, memoranda, credentials, summonses,
expulsions, sanctions, statements), the states in it and the officials who held the posts on
that date. Each is a ``.txt`` file in the agency-feed shape ``kg`` reads: a ``date`` line, the
headline, then paragraphs, the first opening with a dateline ``CITY, Month D (AGENCY) --``.

Use: ``World.build(seed=7).write(folder, n)`` or ``World.build().article(i)``.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

__all__ = ["Article", "World"]

ROOT = Path(__file__).resolve().parents[1]
GAZETTEERS = ROOT / "data" / "gazetteers"
TEMPLATES = Path(__file__).resolve().parent / "templates" / "shapes.json"

FIRST_DAY = dt.date(2015, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)
_POSTS_FROM = dt.date(2012, 1, 1)
_POSTS_UNTIL = dt.date(2026, 6, 30)
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# The states most reported first (the rest follow in a seeded order); summits, credentials,
# summonses and expulsions use states of this head, between which ambassadors are generated.
_HEAD = ["US", "CN", "IN", "RU", "GB", "FR", "DE", "JP", "BR", "TR", "SA", "IR", "ZA", "AU", "CA",
         "KR", "ID", "MX", "IT", "EG", "NG", "PK", "UA", "IL", "AE"]
_MONARCHIES = {"GB": "King", "SA": "King", "JP": "Emperor", "MA": "King", "JO": "King", "QA": "Emir",
               "KW": "Emir", "OM": "Sultan", "BN": "Sultan", "TH": "King", "ES": "King", "NL": "King",
               "BE": "King", "SE": "King", "NO": "King", "DK": "King", "BH": "King"}
# Presidential states: the president leads the government, no prime minister is generated.
_NO_PM = {"US", "BR", "MX", "ID", "NG", "AR", "CL", "CO", "PH", "KE", "GH", "IR", "ZA", "AE", "SA", "QA",
          "KW", "OM", "BN", "CN", "JP"}
# States whose posts carry their own title (titles of data/gazetteers/titles.jsonl).
_OWN_TITLES = {
    ("US", "fm"): "Secretary of State", ("US", "dm"): "Defense Secretary", ("US", "tm"): "Commerce Secretary",
    ("US", "fin"): "Treasury Secretary", ("IN", "fm"): "External Affairs Minister",
    ("GB", "fm"): "Foreign Secretary", ("DE", "hog"): "Chancellor", ("CN", "hog"): "Premier",
}
_POSTS = {"hos": "President", "hog": "Prime Minister", "fm": "Foreign Minister", "dm": "Defence Minister",
          "tm": "Trade Minister", "fin": "Finance Minister"}
# Names read with an article ("the United States", "the Philippines").
_THE = re.compile(r"^(United|Republic|Central African|Dominican) |(Netherlands|Philippines|Bahamas|Maldives|Comoros|Islands)$")
_MOVE = 0.2  # chance that a post goes to an official of the same state who has just left another


@dataclasses.dataclass(frozen=True)
class Article:
    """One generated article: its file stem, date, shape, the two states it is about (ISO codes)
    and the text of its ``.txt`` file."""

    id: str
    date: dt.date
    shape: str
    states: tuple[str, str]
    text: str


@dataclasses.dataclass(frozen=True)
class _Term:
    start: dt.date
    end: dt.date
    person: str


@dataclasses.dataclass
class World:
    """States, their officials' terms and the article templates, all fixed by ``seed``."""

    seed: int
    countries: dict[str, dict]
    order: list[str]
    weights: list[float]
    terms: dict[tuple[str, str], list[_Term]]
    ministries: dict[str, str]
    agencies: dict[str, list[str]]
    organizations: list[str]
    shapes: dict[str, dict]
    lists: dict[str, list[str]]

    @classmethod
    def build(cls, seed: int = 7) -> World:
        rng = random.Random(f"world:{seed}")
        data = json.loads(TEMPLATES.read_text(encoding="utf-8"))
        countries = {c["id"]: c for c in _jsonl(GAZETTEERS / "countries.jsonl") if c.get("sovereign") and c.get("capital")}
        rest = sorted(set(countries) - set(_HEAD))
        rng.shuffle(rest)
        order = [c for c in _HEAD if c in countries] + rest
        weights = [1.0 / (rank + 4) for rank in range(len(order))]
        taken = {n.lower() for o in _jsonl(GAZETTEERS / "officials.jsonl") for n in [o["name"], *o.get("aliases", [])]}
        names = [f"{g} {s}" for g in data["given_names"] for s in data["surnames"] if f"{g} {s}".lower() not in taken]
        rng.shuffle(names)
        pool = iter(names)
        terms: dict[tuple[str, str], list[_Term]] = {}
        for code in order:
            posts = [p for p in _POSTS if not (p == "hog" and code in _NO_PM)]
            if code in _HEAD:
                posts += [f"amb:{other}" for other in _HEAD if other != code]
            terms.update(_careers(rng, code, posts, pool))
        ministries: dict[str, str] = {}
        agencies: dict[str, list[str]] = {}
        for agency in _jsonl(GAZETTEERS / "agencies.jsonl"):
            code = agency["country"]
            agencies.setdefault(code, []).append(agency["name"])
            if re.search(r"foreign-affairs|external-affairs|department-of-state|foreign-office|foreign-commonwealth",
                         agency["id"]):
                ministries.setdefault(code, agency["name"])
        organizations = [o["name"] for o in _jsonl(GAZETTEERS / "organizations.jsonl")
                         if o.get("kind") in ("intergovernmental", "forum")]
        lists = {k: v for k, v in data.items() if isinstance(v, list)}
        return cls(seed, countries, order, weights, terms, ministries, agencies, organizations, data["shapes"], lists)

    @property
    def officials(self) -> set[tuple[str, str]]:
        """Every generated official as (name, state code)."""
        return {(t.person, key[0]) for key, line in self.terms.items() for t in line}

    def holder(self, code: str, post: str, day: dt.date) -> str | None:
        """Who held ``post`` of state ``code`` on ``day``."""
        line = self.terms.get((code, post))
        if not line:
            return None
        i = bisect.bisect_right([t.start for t in line], day) - 1
        return line[i].person if i >= 0 and line[i].end >= day else None

    def title(self, code: str, post: str) -> str:
        if post == "hos":
            return _MONARCHIES.get(code, "President")
        return _OWN_TITLES.get((code, post), _POSTS.get(post, "Ambassador"))

    def article(self, i: int) -> Article:
        """Article number ``i`` (the same for the same seed and ``i``)."""
        rng = random.Random(f"article:{self.seed}:{i}")
        day = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
        names = list(self.shapes)
        shape_name = rng.choices(names, weights=[self.shapes[n]["weight"] for n in names])[0]
        shape = self.shapes[shape_name]
        head = [c for c in self.order if c in _HEAD]
        if shape.get("pair") == "ambassador" or shape_name == "summit":
            a, b = rng.sample(head, 2)
        else:
            a = self._state(rng)
            b = self._state(rng, other_than={a})
        c = self._state(rng, other_than={a, b})
        fill = self._fill(rng, day, a, b, c, shape_name == "summit", head)
        where = a if shape["dateline"] == "a" else b
        fill["city"] = self.countries[where]["capital"]
        headline = _capital_first(rng.choice(shape["headlines"]).format_map(fill))
        paragraphs = [rng.choice(shape["leads"])]
        paragraphs += rng.sample(shape["body"], rng.randint(2, min(4, len(shape["body"]))))
        paragraphs.append(rng.choice(shape["closings"]))
        paragraphs = [_capital_first(p.format_map(fill)) for p in paragraphs]
        agency = rng.choice(self.lists["agencies"])
        paragraphs[0] = f"{fill['city'].upper()}, {day:%B} {day.day} ({agency}) -- {paragraphs[0]}"
        text = f"date {day.isoformat()}\n\n{headline}\n\n" + "\n\n".join(paragraphs) + "\n"
        slug = re.sub(r"[^a-z0-9]+", "-", f"{shape_name} {a} {b}".lower()).strip("-")
        return Article(id=f"{i:06d}-{day.isoformat()}-{slug}", date=day, shape=shape_name, states=(a, b), text=text)

    def articles(self, n: int, *, start: int = 0) -> Iterator[Article]:
        for i in range(start, start + n):
            yield self.article(i)

    def write(self, folder: Path, n: int) -> list[Path]:
        """Write articles 0 … n-1 as ``folder/ID.txt``; give their paths."""
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for article in self.articles(n):
            path = folder / f"{article.id}.txt"
            path.write_text(article.text, encoding="utf-8")
            paths.append(path)
        return paths

    def _state(self, rng: random.Random, other_than: set[str] = frozenset()) -> str:
        while True:
            code = rng.choices(self.order, weights=self.weights)[0]
            if code not in other_than:
                return code

    def _fill(self, rng: random.Random, day: dt.date, a: str, b: str, c: str, summit: bool,
              head: list[str]) -> dict[str, str]:
        fill: dict[str, str] = {}
        for side, code in (("a", a), ("b", b)):
            country = self.countries[code]
            fill[side] = _name(country)
            fill[f"{side}_dem"] = (country.get("demonyms") or [country["name"]])[0]
            demonym = fill[f"{side}_dem"]
            fill[f"{side}_ministry"] = self.ministries.get(code, f"{demonym} Foreign Ministry")
            fill[f"{side}_agency"] = rng.choice(self.agencies.get(code) or [f"{demonym} Trade Ministry"])
            for post in _POSTS:
                real = "hos" if post == "hog" and code in _NO_PM else post
                person = self.holder(code, real, day) or "the acting minister"
                fill[f"{side}_{post}"] = person
                fill[f"{side}_{post}_title"] = self.title(code, real)
                fill[f"{side}_{post}_surname"] = person.split()[-1]
        ambassador = self.holder(a, f"amb:{b}", day) or "the acting ambassador"
        fill["a_amb"], fill["a_amb_surname"] = ambassador, ambassador.split()[-1]
        fill["c_capital"] = self.countries[c]["capital"]
        topics = rng.sample(self.lists["topics"], 2)
        fill.update(topic=topics[0], topic2=topics[1], mou_topic=rng.choice(self.lists["mou_topics"]),
                    grievance=rng.choice(self.lists["grievances"]), region=rng.choice(self.lists["regions"]),
                    org=rng.choice(self.organizations), weekday=_WEEKDAYS[day.weekday()],
                    weekday2=_WEEKDAYS[(day.weekday() + 2) % 7], days=str(rng.randint(2, 5)),
                    n=str(rng.randint(2, 12)), trade=str(rng.randint(2, 150)),
                    month_before=f"{(day - dt.timedelta(days=rng.randint(60, 300))):%B}")
        if summit:
            others = rng.sample([x for x in head if x not in (a, b)], rng.randint(3, 6)) + [b]
            leaders = [f"{self.title(x, 'hos')} {self.holder(x, 'hos', day)} of {_name(self.countries[x])}"
                       for x in others]
            fill["leaders"] = ", ".join(leaders[:-1]) + " and " + leaders[-1]
        else:
            fill["leaders"] = ""
        return fill


def _careers(rng: random.Random, code: str, posts: list[str], names: Iterator[str]) -> dict[tuple[str, str], list[_Term]]:
    """Terms of each post of one state, in date order; a post may go to someone who just left another."""
    lines: dict[tuple[str, str], list[_Term]] = {(code, p): [] for p in posts}
    next_start = {p: _POSTS_FROM - dt.timedelta(days=rng.randrange(1500)) for p in posts}
    last_end: dict[str, dt.date] = {}
    while True:
        post = min(posts, key=lambda p: (next_start[p], p))
        start = next_start[post]
        if start > _POSTS_UNTIL:
            return lines
        free = sorted(p for p, end in last_end.items() if end < start and (start - end).days < 730)
        if free and not post.startswith("amb:") and rng.random() < _MOVE:
            person = rng.choice(free)
        else:
            person = next(names)
        end = start + dt.timedelta(days=rng.randint(730, 2190))
        lines[(code, post)].append(_Term(start, end, person))
        last_end[person] = end
        next_start[post] = end + dt.timedelta(days=1)


def _name(country: dict) -> str:
    return f"the {country['name']}" if _THE.search(country["name"]) else country["name"]


def _capital_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)
