"""How well interactions are read: per-type precision, recall and F1, macro-F1 over the
PLOVER types, and dyad-and-type accuracy (not a test).

Each line of a JSON Lines file is one sentence, fed as a one-sentence article to the extractor
(the real model, as ``kg extract`` does), with what it should give:
``{"text": ..., "actor": ..., "recipient": ..., "type": ...}``. ``actor`` and ``recipient`` name
the states the two sides act for, by ISO code, name, demonym or capital, or an organisation's
name; ``type`` is a PLOVER type, or null for a sentence that must give no interaction
(``not_type``, when given, only forbids that type). A null ``recipient`` accepts any.

A sentence counts once per type: a type read from it is a true positive when it is the
expected type, else a false positive; the expected type not read is a false negative. A
sentence is right on dyad and type when one interaction read from it has the expected type
and the expected states in the expected direction (either direction for CONSULT, AGREE,
SUPPORT and COOPERATE, which the text often states as "A and B ...").

Run: ``.venv/bin/python benchmarks/interactions.py [FILE.jsonl] [--misses]`` (default: the
test sentences ``tests/data/interactions.jsonl``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.extract import Extractor  # noqa: E402
from kg.model import INTERACTION_TYPES, Article, Extraction  # noqa: E402
from kg.resolve import resolve  # noqa: E402

SYMMETRIC = {"CONSULT", "AGREE", "SUPPORT", "COOPERATE"}


def read_cases(path: Path) -> list[dict]:
    """The sentences of a JSON Lines file, each with its line number."""
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            case = json.loads(line)
            case["line"] = number
            cases.append(case)
    return cases


def extract(extractor: Extractor, texts: list[str]) -> list[Extraction]:
    """Each text as a one-sentence article, extracted and resolved."""
    articles = [Article(id=f"s{n}", title="", text=text, source=f"s{n}",
                        sha256=hashlib.sha256(text.encode()).hexdigest()) for n, text in enumerate(texts)]
    return [resolve(x) for x in extractor.extract_all(articles)]


def names(extraction: Extraction, key: str, extractor: Extractor) -> set[str]:
    """What a state key may be called: its code, name and aliases, lower-case."""
    out = {key.rsplit("/", 1)[-1].lower()}
    for e in extraction.entities:
        if e.key == key:
            out.add(e.name.lower())
            out.update(a.lower() for a in e.aliases)
    return out


def same_state(expected: str | None, key: str, extraction: Extraction, extractor: Extractor) -> bool:
    if expected is None:
        return True
    called = names(extraction, key, extractor)
    if expected.lower() in called:
        return True
    code = extractor.gazetteer.country_of(expected)
    return code is not None and key == f"country/{code}"


def dyads(extraction: Extraction) -> list[tuple[str, str, str]]:
    return [(i.actor_state, i.recipient_state, i.type) for i in extraction.interactions]


def right(case: dict, extraction: Extraction, extractor: Extractor) -> bool:
    """Whether the sentence was read as expected (dyad and type, or nothing forbidden)."""
    found = dyads(extraction)
    if case.get("type") is None:
        forbidden = case.get("not_type")
        return not any(forbidden in (None, t) for _, _, t in found)
    for actor, recipient, kind in found:
        if kind != case["type"]:
            continue
        if same_state(case["actor"], actor, extraction, extractor) and \
                same_state(case["recipient"], recipient, extraction, extractor):
            return True
        if kind in SYMMETRIC and same_state(case["actor"], recipient, extraction, extractor) and \
                same_state(case["recipient"], actor, extraction, extractor):
            return True
    return False


def score(cases: list[dict], extractions: list[Extraction], extractor: Extractor) -> dict:
    tp, fp, fn = Counter(), Counter(), Counter()
    for case, x in zip(cases, extractions):
        read = {t for _, _, t in dyads(x)}
        gold = case.get("type")
        if gold is None and case.get("not_type"):  # only the forbidden type is a false positive here
            read &= {case["not_type"]}
        for kind in read:
            if kind == gold:
                tp[kind] += 1
            else:
                fp[kind] += 1
        if gold is not None and gold not in read:
            fn[gold] += 1
    rows = {}
    for kind in INTERACTION_TYPES:
        p = tp[kind] / (tp[kind] + fp[kind]) if tp[kind] + fp[kind] else 0.0
        r = tp[kind] / (tp[kind] + fn[kind]) if tp[kind] + fn[kind] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        rows[kind] = (p, r, f, tp[kind] + fn[kind])
    present = [k for k in INTERACTION_TYPES if rows[k][3]]
    positive = [(c, x) for c, x in zip(cases, extractions) if c.get("type") is not None]
    negative = [(c, x) for c, x in zip(cases, extractions) if c.get("type") is None]
    return {
        "types": rows,
        "macro_f1": sum(rows[k][2] for k in present) / len(present) if present else 0.0,
        "dyad_type": sum(right(c, x, extractor) for c, x in positive) / len(positive) if positive else 0.0,
        "counter": sum(right(c, x, extractor) for c, x in negative) / len(negative) if negative else None,
        "positive": len(positive), "negative": len(negative),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", type=Path, default=ROOT / "tests" / "data" / "interactions.jsonl")
    parser.add_argument("--misses", action="store_true", help="list the sentences read wrong")
    options = parser.parse_args()
    cases = read_cases(options.file)
    extractor = Extractor.load()
    extractions = extract(extractor, [c["text"] for c in cases])
    result = score(cases, extractions, extractor)
    print(f"{options.file}: {result['positive']} sentences with an interaction, {result['negative']} without")
    print(f"{'type':<10} {'precision':>9} {'recall':>7} {'F1':>6} {'gold':>5}")
    for kind, (p, r, f, n) in result["types"].items():
        print(f"{kind:<10} {p:>9.2f} {r:>7.2f} {f:>6.2f} {n:>5}")
    print(f"macro-F1 over types: {result['macro_f1']:.3f}")
    print(f"dyad-and-type accuracy: {result['dyad_type']:.3f}")
    if result["counter"] is not None:
        print(f"sentences without an interaction read right: {result['counter']:.3f}")
    if options.misses:
        for case, x in zip(cases, extractions):
            if not right(case, x, extractor):
                print(f"  line {case['line']}: {case['text']}\n    expected {case.get('actor')} {case.get('type')} "
                      f"{case.get('recipient')}; read {dyads(x)}")


if __name__ == "__main__":
    main()
