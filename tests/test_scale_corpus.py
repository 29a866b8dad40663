"""The generated corpus of ``benchmarks/scale.py``: the same for a seed, and read by ``kg extract``.

The benchmark's figures only mean something if its articles are ones ``kg`` reads as it reads
agency copy: these tests run the real ``kg extract`` (real model) on a few of them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from corpus_gen import World  # noqa: E402

from kg.ingest import read_articles  # noqa: E402

KG = Path(sys.executable).parent / "kg"


@pytest.fixture(scope="module")
def world() -> World:
    return World.build(seed=3)


def test_same_seed_same_articles_other_seed_others(world: World, tmp_path: Path) -> None:
    first = [p.read_bytes() for p in world.write(tmp_path / "one", 12)]
    again = [p.read_bytes() for p in World.build(seed=3).write(tmp_path / "two", 12)]
    other = [a.text.encode() for a in World.build(seed=4).articles(12)]
    assert first == again
    assert first != other
    assert world.article(11).text == first[11].decode()  # article i does not depend on the ones before


def test_thousands_of_officials_each_with_one_state(world: World) -> None:
    officials = world.officials
    names = {name for name, _ in officials}
    assert len(names) >= 3000
    assert len(names) == len(officials)  # nobody serves two states


def test_officials_change_posts_over_time_one_at_a_time(world: World) -> None:
    terms_of: dict[str, list] = {}
    for (_, post), line in world.terms.items():
        for term in line:
            terms_of.setdefault(term.person, []).append((term.start, term.end, post))
    movers = [terms for terms in terms_of.values() if len({post for _, _, post in terms}) > 1]
    assert len(movers) >= 100
    for terms in terms_of.values():
        terms.sort()
        assert all(earlier[1] < later[0] for earlier, later in zip(terms, terms[1:]))


def test_articles_are_agency_feed_copy_over_years(world: World, tmp_path: Path) -> None:
    paths = world.write(tmp_path, 40)
    read = list(read_articles([tmp_path]))
    assert [getattr(a, "message", None) for a in read] == [None] * 40
    assert len({a.date.year for a in read}) >= 6
    assert len({world.article(i).shape for i in range(40)}) >= 8
    for article, path in zip(sorted(read, key=lambda a: a.id), sorted(paths)):
        assert article.id == path.stem
        assert article.dateline and article.dateline.isupper()
        assert article.title and article.title in article.text.splitlines()[0]


def test_kg_extract_finds_the_states_and_officials_written(world: World, tmp_path: Path) -> None:
    wanted = [i for i in range(30) if world.article(i).shape in ("talks", "phone_call", "summons")][:3]
    files = [tmp_path / f"{world.article(i).id}.txt" for i in wanted]
    for i, path in zip(wanted, files):
        path.write_text(world.article(i).text, encoding="utf-8")
    done = subprocess.run([str(KG), "extract", *map(str, files), "--format", "jsonld", "--out-dir", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    for i in wanted:
        article = world.article(i)
        graph = (tmp_path / "out" / f"{article.id}.jsonld").read_text(encoding="utf-8")
        labels = {v.get("@value", v) if isinstance(v, dict) else v
                  for node in _nodes(json.loads(graph)) for v in _as_list(node.get("rdfs:label", node.get(
                      "http://www.w3.org/2000/01/rdf-schema#label", [])))}
        for code in article.states:
            assert f"https://w3id.org/diplokg/id/country/{code}" in graph, (code, article.text)
        people = [name for name, _ in world.officials if name in article.text]
        assert people, article.text
        assert set(people) & labels, (people, sorted(map(str, labels))[:40])


def _nodes(doc):
    if isinstance(doc, list):
        for item in doc:
            yield from _nodes(item)
    elif isinstance(doc, dict):
        if "@graph" in doc:
            yield from _nodes(doc["@graph"])
        yield doc


def _as_list(value):
    return value if isinstance(value, list) else [value]
