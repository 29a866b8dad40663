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
}
KEY = {"countries.jsonl": "id", "organizations.jsonl": "id", "agencies.jsonl": "id",
       "titles.jsonl": "title"}
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


@pytest.mark.parametrize("name", ["countries.jsonl", "organizations.jsonl", "agencies.jsonl"])
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
    assert by_id["XK"]["demonyms"] == ["Kosovar", "Kosovan"]
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
