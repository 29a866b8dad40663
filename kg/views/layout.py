"""Positions for a view, computed ahead so the page is drawn at once and looks the same each time.

Takes a networkx graph and gives ``{node: (x, y)}`` in vis-network pixels. Communities
(Louvain, seeded) are laid out each on its own, then placed as discs that do not overlap,
with the communities that share most edges placed nearest; so a group reads as a group at
the overview, whatever the size. Everything is seeded: the same graph, the same picture.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx

__all__ = ["SEED", "positions", "communities"]

SEED = 42
_SMALL = 400  # networkx's dense spring layout is quick up to here; above, the local solver
_SPACING = 38.0  # pixels per sqrt(node): the distance between neighbours in the drawing


def communities(graph: networkx.Graph) -> list[list[Any]]:
    """Louvain communities of ``graph`` (as undirected, weighted by parallel edges), largest first."""
    import networkx as nx

    simple = _simple(graph)
    if simple.number_of_edges() == 0:
        return [[node] for node in simple.nodes]
    found = nx.community.louvain_communities(simple, weight="weight", seed=SEED)
    return sorted((sorted(group, key=str) for group in found), key=lambda group: (-len(group), str(group[0])))


def _simple(graph: networkx.Graph) -> networkx.Graph:
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes, key=str))
    for s, o in graph.edges():
        if s != o:
            weight = simple.edges[s, o]["weight"] + 1 if simple.has_edge(s, o) else 1
            simple.add_edge(s, o, weight=weight)
    return simple


def positions(graph: networkx.Graph) -> dict[Any, tuple[int, int]]:
    """Seeded, community-aware positions in pixels, centred on the origin.

    Examples
    --------
    >>> import networkx as nx
    >>> spots = positions(nx.path_graph(3))
    >>> spots == positions(nx.path_graph(3)) and len(set(spots.values())) == 3
    True
    """
    import numpy as np

    groups = communities(graph)
    if not groups:
        return {}
    simple = _simple(graph)
    group_of = {node: number for number, group in enumerate(groups) for node in group}
    radius = np.array([_SPACING * math.sqrt(len(group)) * 0.9 + _SPACING * 0.6 for group in groups])
    centres = _place_groups(simple, group_of, radius)
    result: dict[Any, tuple[int, int]] = {}
    for number, group in enumerate(groups):
        inner = _unit_layout(simple.subgraph(group))
        for node in group:
            x, y = centres[number] + inner[node] * radius[number] * 0.92
            result[node] = (round(float(x)), round(float(y)))
    return result


def _unit_layout(graph: networkx.Graph) -> dict[Any, Any]:
    """Positions inside the unit disc for one community."""
    import networkx as nx
    import numpy as np

    nodes = sorted(graph.nodes, key=str)
    if len(nodes) == 1:
        return {nodes[0]: np.zeros(2)}
    if len(nodes) <= _SMALL:
        raw = nx.spring_layout(graph, seed=SEED, weight="weight", iterations=80)
        coordinates = np.array([raw[node] for node in nodes])
    else:
        number = {node: i for i, node in enumerate(nodes)}
        coordinates = _local_force_layout(len(nodes), [(number[s], number[o]) for s, o in graph.edges()])
    coordinates = coordinates - coordinates.mean(axis=0)
    reach = float(np.sqrt((coordinates**2).sum(axis=1)).max()) or 1.0
    return {node: coordinates[i] / reach for i, node in enumerate(nodes)}


def _place_groups(simple: networkx.Graph, group_of: dict[Any, int], radius: Any) -> Any:
    """Centres for the community discs: linked groups near each other, no two discs overlapping."""
    import networkx as nx
    import numpy as np

    count = len(radius)
    if count == 1:
        return np.zeros((1, 2))
    between = nx.Graph()
    between.add_nodes_from(range(count))
    for s, o, data in simple.edges(data=True):
        a, b = group_of[s], group_of[o]
        if a != b:
            weight = between.edges[a, b]["weight"] + data["weight"] if between.has_edge(a, b) else data["weight"]
            between.add_edge(a, b, weight=weight)
    if count <= _SMALL:
        raw = nx.spring_layout(between, seed=SEED, weight="weight")
        centres = np.array([raw[number] for number in range(count)])
    else:
        centres = _local_force_layout(count, list(between.edges()))
    centres = centres - centres.mean(axis=0)
    reach = float(np.sqrt((centres**2).sum(axis=1)).max()) or 1.0
    centres = centres / reach * math.sqrt(float((radius**2).sum())) * 1.2
    # push overlapping discs apart, larger discs moving less
    gap = _SPACING * 0.8
    for _ in range(200):
        delta = centres[:, None, :] - centres[None, :, :]
        distance = np.sqrt((delta**2).sum(axis=2)) + np.eye(count)
        overlap = radius[:, None] + radius[None, :] + gap - distance
        np.fill_diagonal(overlap, 0.0)
        overlap = np.maximum(overlap, 0.0)
        if not overlap.any():
            break
        share = radius[None, :] / (radius[:, None] + radius[None, :])
        push = (delta / distance[:, :, None]) * (overlap * share)[:, :, None] * 0.5
        centres = centres + push.sum(axis=1)
        # and draw everything a little to the middle, so the discs stay packed
        centres = centres * 0.995
    return centres


def _local_force_layout(count: int, pairs: list[tuple[int, int]], *, iterations: int = 60,
                        neighbours: int = 16) -> Any:
    """Fruchterman-Reingold in the unit square, each node repelled by its nearest neighbours only.

    networkx's own solver above a few hundred nodes took minutes on 2,000 here; the
    neighbours come from a k-d tree each step, so a step costs about ``count`` times
    ``neighbours`` whatever the graph's shape. Seeded: the same graph gives the same positions.
    """
    import numpy as np
    from scipy.spatial import cKDTree

    rng = np.random.default_rng(SEED)
    position = rng.random((count, 2))
    ideal_squared = 1.0 / count
    ideal = math.sqrt(ideal_squared)
    edges = np.array(pairs, dtype=np.intp).reshape(-1, 2)
    nearest = min(neighbours + 1, count)
    temperature = 0.1
    cooling = temperature / (iterations + 1)

    def scatter(index: Any, vectors: Any) -> Any:
        return np.stack([np.bincount(index, weights=vectors[:, axis], minlength=count) for axis in (0, 1)], axis=1)

    for _ in range(iterations):
        _, close = cKDTree(position).query(position, k=nearest)
        delta = position[:, None, :] - position[close]  # a node's own row is zero
        squared = (delta**2).sum(axis=2)
        weight = np.where(squared > 0, ideal_squared / np.maximum(squared, 1e-12), 0.0)
        shift = (delta * weight[:, :, None]).sum(axis=1)
        delta = position[edges[:, 0]] - position[edges[:, 1]]
        pull = delta * (np.sqrt((delta**2).sum(axis=1)) / ideal)[:, None]
        shift += scatter(edges[:, 1], pull) - scatter(edges[:, 0], pull)
        length = np.maximum(np.sqrt((shift**2).sum(axis=1)), 1e-12)
        position += shift * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    return position
