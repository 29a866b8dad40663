"""The gazetteers in data/gazetteers/ are well-formed, consistent and unambiguous.

They are data the extractor trusts: a duplicated id, an alias shared by two countries or a
parent that does not exist would silently mislabel entities, so each rule is checked here
and a failure names the offending records.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pycountry
import pytest

GAZETTEERS = Path(__file__).resolve().parents[1] / "data" / "gazetteers"
WIKIDATA_ID = re.compile(r"^Q[1-9][0-9]*$")

REQUIRED = {
    "countries.jsonl": {"id": str, "name": str, "sovereign": bool, "aliases": list, "demonyms": list},
    "organizations.jsonl": {"id": str, "name": str, "aliases": list, "kind": str},
    "agencies.jsonl": {"id": str, "name": str, "aliases": list, "country": str},
    "titles.jsonl": {"title": str, "variants": list, "category": str},
    "officials.jsonl": {"id": str, "name": str, "aliases": list, "posts": list},
}
KEY = {"countries.jsonl": "id", "organizations.jsonl": "id", "agencies.jsonl": "id",
       "titles.jsonl": "title", "officials.jsonl": "id"}
ORG_KINDS = {"intergovernmental", "organ", "forum", "court", "agency"}
TITLE_CATEGORIES = {"head_of_state", "head_of_government", "minister", "deputy_minister",
                    "secretary", "diplomat", "envoy", "international_official", "military",
                    "spokesperson", "legislator", "official"}


def _load(name: str) -> list[dict[str, Any]]:
    records = []
    for number, line in enumerate((GAZETTEERS / name).read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"{name}:{number}: blank line"
        record = json.loads(line)
        assert isinstance(record, dict), f"{name}:{number}: not a JSON object"
        records.append(record)
    return records


def _norm(text: str) -> str:
    # Matching is case-insensitive and ignores curly apostrophes, so the checks are too.
    return " ".join(text.replace("\u2019", "'").casefold().split())


def _collisions(owners: dict[str, set[str]]) -> list[str]:
    return sorted(f"{form!r} -> {sorted(keys)}" for form, keys in owners.items() if len(keys) > 1)


@pytest.fixture(scope="module")
def countries() -> list[dict[str, Any]]:
    return _load("countries.jsonl")


@pytest.fixture(scope="module")
def organizations() -> list[dict[str, Any]]:
    return _load("organizations.jsonl")


@pytest.fixture(scope="module")
def agencies() -> list[dict[str, Any]]:
    return _load("agencies.jsonl")


@pytest.fixture(scope="module")
def titles() -> list[dict[str, Any]]:
    return _load("titles.jsonl")


@pytest.fixture(scope="module")
def officials() -> list[dict[str, Any]]:
    return _load("officials.jsonl")


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_file_has_required_fields_unique_sorted_keys(name: str) -> None:
    records = _load(name)
    assert len(records) > 0
    for record in records:
        for field, kind in REQUIRED[name].items():
            assert isinstance(record.get(field), kind), f"{name}: {record.get(KEY[name])}: {field}"
        for field in ("aliases", "variants", "demonyms", "capital_aliases"):
            values = record.get(field, [])
            assert all(isinstance(v, str) and v.strip() == v and v for v in values), record
            assert len(values) == len(set(values)), f"{name}: repeated {field} in {record}"
    keys = [r[KEY[name]] for r in records]
    duplicated = sorted({k for k in keys if keys.count(k) > 1})
    assert not duplicated, f"{name}: duplicate keys {duplicated}"
    assert keys == sorted(keys), f"{name}: not sorted by {KEY[name]}"


@pytest.mark.parametrize("name", ["countries.jsonl", "organizations.jsonl", "agencies.jsonl", "officials.jsonl"])
def test_wikidata_ids_are_well_formed_and_unique(name: str) -> None:
    ids = [r["wikidata"] for r in _load(name) if "wikidata" in r]
    assert ids, f"{name}: no wikidata ids at all"
    bad = [i for i in ids if not WIKIDATA_ID.match(i)]
    assert not bad, f"{name}: malformed wikidata ids {bad}"
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    assert not repeated, f"{name}: wikidata ids used twice {repeated}"


def test_every_iso_3166_country_is_present_with_matching_codes(countries) -> None:
    by_id = {c["id"]: c for c in countries}
    for iso in pycountry.countries:
        record = by_id.get(iso.alpha_2)
        assert record is not None, f"ISO 3166-1 {iso.alpha_2} ({iso.name}) missing"
        assert record["alpha3"] == iso.alpha_3, iso.alpha_2
        assert record["numeric"] == iso.numeric, iso.alpha_2
    extra = sorted(set(by_id) - {c.alpha_2 for c in pycountry.countries})
    assert extra == ["XK"]


def test_sovereign_states_have_capital_and_wikidata(countries) -> None:
    sovereign = [c for c in countries if c["sovereign"]]
    # 193 UN members, the two observer states, Kosovo and Taiwan.
    assert len(sovereign) == 197
    lacking = [c["id"] for c in sovereign if not c.get("capital") or "wikidata" not in c]
    assert not lacking, f"sovereign states without capital or wikidata: {lacking}"
    territories = {"PR", "GU", "GL", "HK", "MO", "BM"}
    assert not [c["id"] for c in countries if c["id"] in territories and c["sovereign"]]


def test_country_surface_forms_belong_to_one_country(countries) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for country in countries:
        forms = [country["name"], *country["aliases"], *country["demonyms"],
                 country.get("capital", ""), *country.get("capital_aliases", []),
                 country.get("seat_of_government", "")]
        for form in filter(None, forms):
            owners[_norm(form)].add(country["id"])
    collisions = _collisions(owners)
    assert not collisions, "forms shared by countries:\n" + "\n".join(collisions)


def test_ambiguous_country_forms_are_left_out(countries) -> None:
    forms = {_norm(f) for c in countries for f in [c["name"], *c["aliases"], *c["demonyms"]]}
    for ambiguous in ("congo", "congolese", "korea", "korean", "dominican", "holland"):
        assert ambiguous not in forms, ambiguous


def test_organization_forms_are_unique_and_parents_exist(organizations) -> None:
    ids = {o["id"] for o in organizations}
    owners: dict[str, set[str]] = defaultdict(set)
    for org in organizations:
        assert org["kind"] in ORG_KINDS, org
        assert org.get("parent", org["id"]) in ids, f"{org['id']}: unknown parent {org.get('parent')}"
        assert org.get("parent") != org["id"], org
        for form in [org["name"], *org["aliases"]]:
            owners[_norm(form)].add(org["id"])
    collisions = _collisions(owners)
    assert not collisions, "forms shared by organisations:\n" + "\n".join(collisions)


def test_agency_countries_exist_and_forms_are_unique(agencies, countries) -> None:
    codes = {c["id"] for c in countries}
    owners: dict[str, set[str]] = defaultdict(set)
    for agency in agencies:
        assert agency["country"] in codes, agency
        prefix = agency["id"].split("/", 1)[0]
        assert prefix == agency["country"].lower(), f"{agency['id']}: id prefix is not its country"
        for form in [agency["name"], *agency["aliases"]]:
            owners[_norm(form)].add(agency["id"])
    collisions = _collisions(owners)
    assert not collisions, "forms shared by agencies:\n" + "\n".join(collisions)


def test_titles_have_known_category_org_and_unique_forms(titles, organizations) -> None:
    org_ids = {o["id"] for o in organizations}
    owners: dict[str, set[str]] = defaultdict(set)
    for title in titles:
        assert title["category"] in TITLE_CATEGORIES, title
        assert title.get("org", "un") in org_ids, title
        for form in [title["title"], *title["variants"]]:
            owners[_norm(form)].add(title["title"])
    collisions = _collisions(owners)
    assert not collisions, "forms shared by titles:\n" + "\n".join(collisions)


def test_no_form_names_two_kinds_of_thing(countries, organizations, agencies) -> None:
    # A string that is both a country alias and an organisation alias cannot be typed.
    owners: dict[str, set[str]] = defaultdict(set)
    for country in countries:
        for form in [country["name"], *country["aliases"]]:
            owners[_norm(form)].add(f"country:{country['id']}")
    for kind, records in (("org", organizations), ("agency", agencies)):
        for record in records:
            for form in [record["name"], *record["aliases"]]:
                owners[_norm(form)].add(f"{kind}:{record['id']}")
    collisions = _collisions(owners)
    assert not collisions, "forms shared across files:\n" + "\n".join(collisions)


@pytest.mark.parametrize(("code", "wikidata"), [
    ("IN", "Q668"), ("US", "Q30"), ("CN", "Q148"), ("GB", "Q145"), ("FR", "Q142"),
    ("RU", "Q159"), ("DE", "Q183"), ("JP", "Q17"), ("XK", "Q1246"), ("RS", "Q403"),
    ("FJ", "Q712"), ("TD", "Q657"), ("CL", "Q298"), ("MT", "Q233"),
])
def test_known_country_wikidata_ids(countries, code: str, wikidata: str) -> None:
    assert {c["id"]: c.get("wikidata") for c in countries}[code] == wikidata


def test_spot_checks_of_well_known_facts(countries, organizations, agencies, titles) -> None:
    by_id = {c["id"]: c for c in countries}
    india = by_id["IN"]
    assert (india["name"], india["capital"], india["alpha3"]) == ("India", "New Delhi", "IND")
    assert "Indian" in india["demonyms"]
    assert {"U.S.", "US", "USA", "America"} <= set(by_id["US"]["aliases"])
    assert by_id["US"]["capital"] == "Washington, D.C."
    assert {"UK", "Britain"} <= set(by_id["GB"]["aliases"])
    assert "Turkey" in by_id["TR"]["aliases"] and by_id["TR"]["name"] == "Türkiye"
    assert by_id["NL"]["seat_of_government"] == "The Hague"
    assert by_id["BO"]["seat_of_government"] == "La Paz"
    assert by_id["PR"]["sovereign"] is False and by_id["TW"]["sovereign"] is True
    assert by_id["XK"]["demonyms"] == ["Kosovar", "Kosovan", "Kosovars", "Kosovans"]
    assert {"Armenians", "Georgians", "Americans"} <= {*by_id["AM"]["demonyms"], *by_id["GE"]["demonyms"],
                                                      *by_id["US"]["demonyms"]}  # plural people forms too
    orgs = {o["id"]: o for o in organizations}
    assert orgs["unsc"]["parent"] == "un" and "Security Council" in orgs["unsc"]["aliases"]
    assert orgs["au-commission"]["parent"] == "au"
    assert {"UN", "U.N."} <= set(orgs["un"]["aliases"])
    mea = {a["id"]: a for a in agencies}["in/ministry-of-external-affairs"]
    assert mea["country"] == "IN" and "MEA" in mea["aliases"]
    by_title = {t["title"]: t for t in titles}
    assert by_title["Home Secretary"]["category"] == "secretary"
    assert "org" not in by_title["Secretary-General"]
    assert by_title["UN Secretary-General"]["org"] == "un"


def test_build_script_reproduces_committed_countries() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_countries", GAZETTEERS / "build_countries.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build_records() == _load("countries.jsonl")


# ---- officials.jsonl ---------------------------------------------------------------------------
OFFICIAL_FIELDS = {"id", "name", "aliases", "posts", "wikidata"}
POST_FIELDS = {"title", "body", "start", "end"}
PARTIAL_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Words an alias may not start with: titles and honorifics belong to the title, not to the name.
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "lord", "lady", "baroness",
              "h.e.", "president", "premier", "prime", "minister", "chancellor", "king", "queen", "prince",
              "princess", "emir", "sultan", "general", "gen.", "secretary", "senator", "sen.", "ambassador"}
_ASCII_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ı": "i", "đ": "d", "Đ": "D", "ß": "ss",
                             "æ": "ae", "Æ": "AE", "œ": "oe"})


def _slug(name: str) -> str:
    import unicodedata

    folded = unicodedata.normalize("NFKD", name.translate(_ASCII_FOLD))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", folded.replace("'", "").replace("\u2019", "")).strip("-")


def _nulls(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, dict):
        return any(_nulls(v) for v in value.values())
    if isinstance(value, list):
        return any(_nulls(v) for v in value)
    return False


def _date(text: str, name: str) -> str:
    import datetime as dt

    assert PARTIAL_DATE.match(text), f"{name}: {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError as e:  # month 13, 31 February
        raise AssertionError(f"{name}: {text!r} is not a date ({e})") from e
    return text


def test_official_records_are_slugged_and_free_of_nulls(officials) -> None:
    for person in officials:
        assert set(person) <= OFFICIAL_FIELDS, f"{person['id']}: unknown fields {set(person) - OFFICIAL_FIELDS}"
        assert not _nulls(person), f"{person['id']}: null value (leave optional fields out instead)"
        assert SLUG.match(person["id"]) and person["id"] == _slug(person["name"]), \
            f"{person['id']}: id is not the slug of {person['name']!r}"
        assert person["name"].strip() == person["name"] and person["posts"], person["id"]
        assert person["name"] not in person["aliases"], f"{person['id']}: alias repeats the name"


def test_official_posts_have_known_bodies_and_plain_titles(officials, countries, organizations) -> None:
    codes = {c["id"] for c in countries}
    org_ids = {o["id"] for o in organizations}
    # A title names the post, not the state: "President", never "US President" or "Indian Foreign Minister".
    national = {_norm(f) for c in countries for f in [c["name"], *c["aliases"], *c["demonyms"]]}
    for person in officials:
        for post in person["posts"]:
            where = f"{person['id']}: {post}"
            assert set(post) <= POST_FIELDS and {"title", "body"} <= set(post), where
            body = post["body"]
            assert body in codes if body.isupper() else body in org_ids, f"{where}: unknown body {body!r}"
            title = post["title"]
            assert isinstance(title, str) and title.strip() == title and title, where
            words = _norm(title).split()
            starts = {" ".join(words[:n]) for n in range(1, len(words) + 1)}
            assert not starts & national, f"{where}: title starts with a country name or demonym"


def test_official_post_dates_are_iso_and_ordered(officials) -> None:
    for person in officials:
        for post in person["posts"]:
            start, end = post.get("start"), post.get("end")
            if start is not None:
                _date(start, person["id"])
            if end is not None:
                _date(end, person["id"])
            if start is not None and end is not None:
                n = min(len(start), len(end))  # compare at the coarser of the two precisions
                assert start[:n] <= end[:n], f"{person['id']}: {post} ends before it starts"


def test_official_aliases_are_full_names(officials) -> None:
    for person in officials:
        for alias in person["aliases"]:
            words = alias.split()
            assert len(words) >= 2, f"{person['id']}: alias {alias!r} is one word (a surname never matches alone)"
            assert words[0].lower() not in HONORIFICS, f"{person['id']}: alias {alias!r} starts with a title"


def test_official_names_and_aliases_belong_to_one_person(officials) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for person in officials:
        for form in {person["name"], *person["aliases"]}:
            owners[_norm(form)].add(person["id"])
    collisions = _collisions(owners)
    assert not collisions, "forms shared by officials:\n" + "\n".join(collisions)


def test_official_names_stay_distinct_after_the_extractors_normalisation(officials) -> None:
    # The extractor looks people up by normalise_name(form), which drops initials: "J. N. Dixit"
    # would become "dixit", a bare surname. Every multi-word form must keep two words and one owner.
    from kg.extract.gazetteer import normalise_name

    owners: dict[str, set[str]] = defaultdict(set)
    for person in officials:
        for form in {person["name"], *person["aliases"]}:
            key = normalise_name(form)
            owners[key].add(person["id"])
            if len(form.split()) > 1:
                assert len(key.split()) >= 2, f"{person['id']}: {form!r} normalises to the single word {key!r}"
    collisions = _collisions(owners)
    assert not collisions, "normalised forms shared by officials:\n" + "\n".join(collisions)


def test_official_forms_do_not_name_places_or_bodies(officials, countries, organizations, agencies) -> None:
    taken = {_norm(f) for c in countries for f in [c["name"], *c["aliases"], *c["demonyms"]]}
    taken |= {_norm(f) for r in (*organizations, *agencies) for f in [r["name"], *r["aliases"]]}
    clashes = sorted(f"{p['id']}: {f!r}" for p in officials for f in [p["name"], *p["aliases"]] if _norm(f) in taken)
    assert not clashes, "official forms that also name a country or body:\n" + "\n".join(clashes)


def _posts(officials, person_id: str) -> list[tuple[str, str, str | None, str | None]]:
    person = {p["id"]: p for p in officials}[person_id]
    return [(p["title"], p["body"], p.get("start"), p.get("end")) for p in person["posts"]]


def test_spot_checks_of_well_known_officials(officials) -> None:
    by_id = {p["id"]: p for p in officials}
    assert ("Prime Minister", "IN", "2014-05-26", None) in _posts(officials, "narendra-modi")
    assert ("Secretary-General", "un", "2017-01-01", None) in _posts(officials, "antonio-guterres")
    assert ("Prime Minister", "PT", "1995-10-28", "2002-04-06") in _posts(officials, "antonio-guterres")
    trump = _posts(officials, "donald-trump")
    assert ("President", "US", "2017-01-20", "2021-01-20") in trump and ("President", "US", "2025-01-20", None) in trump
    assert ("Secretary-General", "un", "2007-01-01", "2016-12-31") in _posts(officials, "ban-ki-moon")
    assert any(b == "KR" and t == "Foreign Minister" for t, b, _, _ in _posts(officials, "ban-ki-moon"))
    assert ("Chancellor", "DE", "2005-11-22", "2021-12-08") in _posts(officials, "angela-merkel")
    assert ("External Affairs Minister", "IN", "2019-05-30", None) in _posts(officials, "s-jaishankar")
    assert ("Secretary-General", "nato", "2014-10-01", "2024-10-01") in _posts(officials, "jens-stoltenberg")
    assert ("President", "european-commission", "2019-12-01", None) in _posts(officials, "ursula-von-der-leyen")
    assert by_id["barack-obama"]["wikidata"] == "Q76"
    assert "Donald J. Trump" in by_id["donald-trump"]["aliases"]
    # Surnames alone are never aliases.
    aliases = {a for p in officials for a in p["aliases"]}
    assert not {"Modi", "Trump", "Guterres", "Putin", "Xi"} & aliases


def test_the_extractor_reads_the_officials(officials) -> None:
    import datetime as dt

    from kg.extract.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    assert len(gaz.people) == len(officials)
    modi = gaz.person("Narendra Modi")
    assert modi is not None and modi.bodies(dt.date(2020, 1, 1)) == {"IN"}
    lagarde = gaz.person("Christine Lagarde")
    assert lagarde is not None
    assert lagarde.bodies(dt.date(2015, 6, 1)) == {"imf"} and lagarde.bodies(dt.date(2021, 6, 1)) == {"ecb"}
    assert gaz.person("Modi") is None  # a surname is not a name
