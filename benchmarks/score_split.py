"""Extraction quality on the parts of the shared corpus, honestly split (not a test).

Extracts every article of ``../shared/eval`` once (``kg extract --out-dir``) and scores the
graphs with the corpus's own ``score.py`` on four parts: the official texts, the news stories
rules may be written from, the news stories held out (``benchmarks/held-out.txt``: only their
summary line is printed, never their misses), and all articles together.

Run: ``.venv/bin/python benchmarks/score_split.py [--eval ../shared/eval] [--misses N]``
(``--misses`` lists misses of the official texts and the development news only.)
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def held_out() -> set[str]:
    """The stems of the held-out news stories."""
    lines = (ROOT / "benchmarks" / "held-out.txt").read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def score(eval_dir: Path, graphs: Path, stems: list[str], *, misses: int) -> str:
    """score.py's output for the gold files of ``stems``."""
    with tempfile.TemporaryDirectory() as gold:
        for stem in stems:
            shutil.copy(eval_dir / "gold" / f"{stem}.json", gold)
        done = subprocess.run(
            [sys.executable, str(eval_dir / "score.py"), "--gold-dir", gold, "--graph-dir", str(graphs),
             "--ontology", str(ROOT / "ontology" / "diplomacy.ttl"), "--misses", str(misses)],
            capture_output=True, text=True, check=True)
        return done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--misses", type=int, default=0)
    options = parser.parse_args()
    kg = Path(sys.executable).parent / "kg"
    stems = sorted(p.stem for p in (options.eval / "gold").glob("*.json"))
    held = held_out()
    parts = {
        "official texts": [s for s in stems if not s.startswith("n")],
        "news, development": [s for s in stems if s.startswith("n") and s not in held],
        "news, held out": [s for s in stems if s in held],
        "all articles": stems,
    }
    with tempfile.TemporaryDirectory() as out:
        articles = [str(options.eval / "articles" / f"{s}.txt") for s in stems]
        subprocess.run([str(kg), "extract", *articles, "--out-dir", out, "--format", "turtle"],
                       check=True, capture_output=True)
        for name, part in parts.items():
            # misses of the development parts only: the held-out stories are in "all articles" too
            development = name in ("official texts", "news, development")
            text = score(options.eval, Path(out), part, misses=options.misses if development else 0)
            if not development or not options.misses:
                text = text.strip().splitlines()[-1]
            print(f"{name} ({len(part)} articles): {text}", flush=True)


if __name__ == "__main__":
    main()
