"""The offline HTML page of a view, and its exports for other tools (GraphML, GEXF, JSON).

Takes a graph from :mod:`kg.views.project` and writes one file. The page is drawn by
vis-network (the copy shipped inside pyvis, inlined) with physics off, at positions computed
ahead by :mod:`kg.views.layout`, so it appears at once and the same graph always looks the
same. Label and node sizes are chosen for the overview zoom: the most reported nodes carry
labels readable when the whole graph fits the window, picked so that no two labels overlap;
every label shows on zooming in.

Text from articles is untrusted. It reaches the page only as JSON inside a
``<script type="application/json">`` element (Jinja's ``tojson`` escapes ``< > & '``), and the
page script puts it on screen only through ``textContent`` and ``href`` of http(s) URLs,
never as HTML. The Content-Security-Policy forbids any request.
"""

from __future__ import annotations

import json
import logging
import math
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import ConfigError
from kg.model import ENTITY_TYPES

if TYPE_CHECKING:
    import networkx

__all__ = ["FORMATS", "TYPE_STYLES", "write_view", "write_html", "page_data"]

log = logging.getLogger(__name__)

FORMATS: tuple[str, ...] = ("html", "graphml", "gexf", "json")

TYPE_STYLES: dict[str, dict[str, str]] = {
    "Country": {"color": "#1f77b4", "shape": "dot", "glyph": "\u25cf"},
    "Agency": {"color": "#ff7f0e", "shape": "square", "glyph": "\u25a0"},
    "Organization": {"color": "#2ca02c", "shape": "hexagon", "glyph": "\u2b22"},
    "Official": {"color": "#d62728", "shape": "triangle", "glyph": "\u25b2"},
    "Agreement": {"color": "#9467bd", "shape": "diamond", "glyph": "\u25c6"},
    "Event": {"color": "#8c564b", "shape": "star", "glyph": "\u2605"},
    "Location": {"color": "#e377c2", "shape": "triangleDown", "glyph": "\u25bc"},
}
"""Colour and vis-network shape of each entity type: distinct in both, so either tells them apart."""

_ASSETS = Path(__file__).resolve().parent.parent / "viz_assets"
_VIEWPORT = (1000.0, 640.0)  # the drawing area the overview is planned for, in CSS pixels
_MAX_LABEL = 48
_LABEL_PX = 14.0  # on-screen size of the main labels at the overview
_SMALL_FONT = 12.0  # other labels, in canvas units: they appear when zoomed in
_HIDDEN_PX = 4.5  # and at most this on screen at the overview, under vis-network's threshold of 6
_CHAR_EM = 0.62  # a label's width per character, in font sizes (generous for Arial capitals)
_STROKE = 3.0  # the white outline drawn round each label, in canvas units


def _label_box(x: float, y: float, node_size: float, font: float, text: str) -> tuple[float, float, float, float]:
    """Where vis-network draws a label under its node: (left, top, right, bottom) in canvas units."""
    width = _CHAR_EM * font * len(text) + 2 * _STROKE
    top = y + node_size + 2.0
    return (x - width / 2, top, x + width / 2, top + font * 1.3 + 2 * _STROKE)


def _overview_labels(graph: networkx.MultiDiGraph, ranked: list[Any], spots: dict[Any, tuple[int, int]],
                     size: dict[Any, float], share: dict[Any, float], overview: float, *,
                     budget: int) -> dict[Any, float]:
    """The labels drawn at the overview and their font sizes: the most important first, skipping
    any whose box would overlap one already kept, so dense spots show one readable label
    instead of a smudge. The others are too small to draw until the user zooms in.
    """
    kept: dict[Any, float] = {}
    boxes: list[tuple[float, float, float, float]] = []
    pad = 2.0 / overview
    for node in ranked:
        if len(kept) >= budget:
            break
        font = _LABEL_PX / overview * (1.0 + 0.4 * share[node])
        x, y = spots.get(node, (0, 0))
        left, top, right, bottom = _label_box(x, y, size[node], font, _short(str(graph.nodes[node].get("label", node))))
        if any(left < b[2] + pad and b[0] < right + pad and top < b[3] + pad and b[1] < bottom + pad for b in boxes):
            continue
        boxes.append((left, top, right, bottom))
        kept[node] = font
    return kept


def _short(label: str) -> str:
    return label if len(label) <= _MAX_LABEL else label[: _MAX_LABEL - 1] + "\u2026"


def _weight(graph: networkx.MultiDiGraph, node: Any) -> float:
    """How much a node matters: the articles that mention it, else its relations."""
    data = graph.nodes[node]
    return float(max(data.get("reports", 0), 1)) + graph.degree(node) / 4


def page_data(graph: networkx.MultiDiGraph) -> dict[str, Any]:
    """What the page script receives: vis-network nodes and edges, the facts behind them, options.

    Deterministic: the same graph gives the same data (node order, positions, sizes).
    """
    from kg.views.layout import positions

    spots = positions(graph)
    count = graph.number_of_nodes()
    if spots:
        xs = [x for x, _ in spots.values()]
        ys = [y for _, y in spots.values()]
        extent = (max(xs) - min(xs) + 80, max(ys) - min(ys) + 80)
        overview = min(1.0, _VIEWPORT[0] / extent[0], _VIEWPORT[1] / extent[1])
    else:
        overview = 1.0
    ranked = sorted(graph.nodes, key=lambda n: (-_weight(graph, n), str(n)))
    top = _weight(graph, ranked[0]) if ranked else 1.0
    share = {node: math.sqrt(_weight(graph, node) / top) for node in ranked}
    size = {node: round(max((3.0 + 9.0 * share[node]) / overview, 6.0), 1) for node in ranked}
    main = _overview_labels(graph, ranked, spots, size, share, overview,
                            budget=max(20, min(60, 10 + count // 25)))
    small = min(_SMALL_FONT, _HIDDEN_PX / overview)

    nodes, facts = [], {}
    for node in sorted(graph.nodes, key=str):
        data = graph.nodes[node]
        style = TYPE_STYLES.get(data.get("type", ""), {"color": "#999999", "shape": "dot"})
        label = _short(str(data.get("label", node)))
        font = main.get(node, small)
        x, y = spots.get(node, (0, 0))
        nodes.append({
            "id": str(node), "label": label, "x": x, "y": y, "shape": style["shape"], "color": style["color"],
            "size": size[node], "font": {"size": round(font, 1)},
            "title": f"{label} \u2014 {data.get('type', '')}", "type": data.get("type", ""),
        })
        facts[str(node)] = {
            "label": str(data.get("label", node)), "type": data.get("type", ""), "kind": data.get("kind"),
            "aliases": list(data.get("aliases", ())), "job_titles": list(data.get("job_titles", ())),
            "dates": dict(data.get("dates", {})), "reports": data.get("reports", 0), "iri": str(data.get("iri", node)),
        }
    edges, edge_facts = [], {}
    line = 0.6 / overview
    countries = graph.graph.get("view") == "countries"
    for number, (s, o, key, data) in enumerate(sorted(graph.edges(keys=True, data=True),
                                                       key=lambda e: (str(e[0]), str(e[1]), str(e[2])))):
        reports = max(int(data.get("reports", 1) or 1), 1)
        edge_id = f"e{number}"
        label = "" if countries else str(data.get("relation", key))
        edges.append({"id": edge_id, "from": str(s), "to": str(o), "label": label,
                      "width": round(line * (1 + math.log2(reports)), 2)})
        edge_facts[edge_id] = {
            "relation": str(data.get("relation", key)), "reports": reports,
            "evidence": [str(text) for text in data.get("evidence", ())],
            "articles": [dict(article) if isinstance(article, dict) else {"title": str(article), "url": "", "iri": ""}
                         for article in data.get("articles", ())],
        }
        if countries:  # the page recomputes width, colour and tooltip from these for the period shown
            edge_facts[edge_id].update(months=list(data.get("months", ())), items=list(data.get("items", ())))
    options = {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "nodes": {"borderWidth": 0, "scaling": {"label": {"drawThreshold": 7, "maxVisible": 200}},
                  "font": {"color": "#222222", "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"smooth": False, "arrows": {"to": {"enabled": True, "scaleFactor": 0.4}},
                  "color": {"color": "#b0b0b0", "highlight": "#333333", "opacity": 0.6, "inherit": False},
                  "font": {"size": 9, "align": "middle", "color": "#555555"},
                  "selectionWidth": 2},
        "interaction": {"hover": count <= 2000, "tooltipDelay": 150, "hideEdgesOnDrag": count > 1000,
                        "hideEdgesOnZoom": count > 1000},
    }
    if countries:
        options["edges"]["arrows"] = {"to": {"enabled": False}}
        options["edges"]["color"]["opacity"] = 0.9
    return {"nodes": nodes, "edges": edges, "facts": facts, "edge_facts": edge_facts, "options": options,
            "line": round(line, 3), "interactions": countries}


def write_html(graph: networkx.MultiDiGraph, path: str | Path, *, title: str = "diplokg", note: str = "",
               height: str = "82vh") -> Path:
    """Write ``graph`` as one HTML file that works offline, drawn at once.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        From :func:`kg.views.entity_graph` or :func:`kg.views.select` (with evidence filled
        by :func:`kg.views.add_evidence` for the side panel to show it).
    path : str or Path
        Where to write; parent folders are created.
    title : str
        Page title and heading (shown as text).
    note : str
        One line under the heading, e.g. what the view left out.
    height : str
        CSS height of the drawing area.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ConfigError
        ``path`` is an existing folder.
    """
    import jinja2
    import pyvis

    target = _target(path)
    vis_dir = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"
    vis_js = (vis_dir / "vis-network.min.js").read_text(encoding="utf-8")
    script = (_ASSETS / "page.js.j2").read_text(encoding="utf-8")
    for name, text in (("vis-network.min.js", vis_js), ("page.js", script)):
        if "</script" in text.lower():
            raise ConfigError(f"{name} contains '</script' and cannot be inlined; reinstall pyvis==0.3.2")
    counts = Counter(data.get("type") for _, data in graph.nodes(data=True))
    countries = graph.graph.get("view") == "countries"
    legend = [{"type": name, "count": counts.get(name, 0), **TYPE_STYLES[name]} for name in ENTITY_TYPES
              if not countries or name in ("Country", "Organization")]
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_ASSETS), autoescape=True, undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    data = page_data(graph)
    page = environment.get_template("page.html.j2").render(
        title=title, note=note, height=height, legend=legend, data=data, vis_js=vis_js, script=script,
        summary=("Edge colour: the pair's net cooperation score, red at \u221210 or less, grey at 0, green at +10 or "
                 "more; width: its number of interactions" if countries else
                 f"{len(data['nodes'])} entities, {len(data['edges'])} relations"),
        period_label="Interactions from" if countries else "Events and agreements from",
        vis_css=(vis_dir / "vis-network.css").read_text(encoding="utf-8"),
    )
    target.write_text(page, encoding="utf-8")
    log.info("wrote %s: %d nodes, %d edges", target, len(data["nodes"]), len(data["edges"]))
    return target


def _target(path: str | Path) -> Path:
    target = Path(path)
    if target.is_dir():
        raise ConfigError(f"{target} is a folder: give a file name for the view, e.g. {target / 'graph.html'}")
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def _flat(graph: networkx.MultiDiGraph) -> networkx.MultiDiGraph:
    """A copy whose attributes are strings and numbers (what GraphML and GEXF can hold), with positions."""
    from kg.views.layout import positions

    spots = positions(graph)
    flat = type(graph)()
    for node, data in graph.nodes(data=True):
        x, y = spots.get(node, (0, 0))
        flat.add_node(node, **{key: _scalar(value) for key, value in data.items()}, x=float(x), y=float(y))
    for s, o, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(s, o, key=key, **{name: _scalar(value) for name, value in data.items()})
    return flat


def _scalar(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return " | ".join(json.dumps(v, sort_keys=True, ensure_ascii=False) if isinstance(v, dict) else str(v)
                      for v in value)


def write_view(graph: networkx.MultiDiGraph, path: str | Path, *, format: str = "html", title: str = "diplokg",
               note: str = "") -> Path:
    """Write ``graph`` as ``html`` (the page), ``graphml``, ``gexf`` (Gephi) or ``json`` (node-link).

    GraphML and GEXF hold strings and numbers only: lists become ``" | "``-joined text, and
    each node carries its computed ``x`` and ``y``; GEXF also the type's colour.

    Raises
    ------
    ConfigError
        ``format`` is not one of :data:`FORMATS`, or ``path`` is a folder.
    """
    import networkx as nx

    if format not in FORMATS:
        raise ConfigError(f"unknown view format {format!r}: use one of {', '.join(FORMATS)}")
    if format == "html":
        return write_html(graph, path, title=title, note=note)
    target = _target(path)
    if format == "json":
        data = nx.node_link_data(graph, edges="edges")
        target.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, default=str), encoding="utf-8")
    elif format == "graphml":
        nx.write_graphml(_flat(graph), target)
    else:
        flat = _flat(graph)
        for node, data in flat.nodes(data=True):
            colour = TYPE_STYLES.get(str(data.get("type")), {"color": "#999999"})["color"]
            red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
            data["viz"] = {"position": {"x": data["x"], "y": -data["y"], "z": 0.0},
                           "color": {"r": red, "g": green, "b": blue, "a": 1.0}}
        nx.write_gexf(flat, target)
    log.info("wrote %s (%s)", target, format)
    return target
