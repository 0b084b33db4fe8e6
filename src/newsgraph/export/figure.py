"""Pictures with matplotlib: the actor network and the timeline of dated events, in French.

``newsgraph figure INPUT... --out OUT.png`` builds INPUT and draws its network with
:func:`write_network_figure` (``make docs`` draws ``docs/seed-graph.png`` this way).

Both pictures are laid out to be read: the network's layout is chosen among seeded
candidates so that no edge runs through a node it does not join (an edge that still
would is bent around it), and every label is placed where it overlaps no other label
and no node; the timeline draws a day as a point, a month, a year or an interval as a
bar over its whole span, and stacks the labels of a row so that none overlaps another.
``tests/test_figure.py`` checks both with the bounding boxes matplotlib draws.
"""
from __future__ import annotations

import calendar
import datetime as dt
import math
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..data import default_lexicons
from ..graph import GraphData
from ..vocab.plover import plover_rows

COLOURS = {"Person": "#e15759", "Organization": "#4e79a7", "Country": "#59a14f"}
LEGEND = {"Person": "Personne", "Organization": "Organisation", "Country": "Pays"}

#: width / height of the network's drawing area, in data units
ASPECT = 1.6
#: The actors drawn at most: the most connected, the others said in a note (at 100
#: articles a hundred actors and their labels do not fit a page).
MAX_ACTORS = 40
#: Small parts of the network (two or three actors) are packed in a grid of this many rows.
GRID_ROWS = 5


def _matplotlib() -> None:
    """E085 naming the extra when matplotlib is missing."""
    import importlib.util

    if importlib.util.find_spec("matplotlib") is None:
        from ..errors import Errors, NewsgraphError

        raise NewsgraphError(Errors.E085, what="Figures (newsgraph.export.figure)", package="matplotlib",
                             extra="figures")


def event_label(event_type: str) -> str:
    """The French label of a PLOVER type.

    >>> event_label("CONSULT"), event_label("UNKNOWN")
    ('consulter', 'UNKNOWN')
    """
    return next((r["label_fr"] for r in plover_rows() if r["type"] == event_type and not r["mode"]), event_type)


def actor_network(kg: GraphData) -> nx.MultiDiGraph:
    """Actors and the events between them (``interacts`` edges), for drawing."""
    g = nx.MultiDiGraph()
    for n, d in kg.graph.nodes(data=True):
        if d.get("kind") == "actor":
            g.add_node(n, **d)
    for u, v, k, d in kg.graph.edges(keys=True, data=True):
        if d.get("relation") == "interacts":
            g.add_edge(u, v, **d)
    g.remove_nodes_from([n for n in list(g) if g.degree(n) == 0])
    return g


def most_connected(g: nx.MultiDiGraph, limit: int = MAX_ACTORS) -> nx.MultiDiGraph:
    """The ``limit`` actors with the most events (ties by name) and the events between
    them; actors left without any are dropped too.

    >>> g = nx.MultiDiGraph([("a", "b"), ("a", "c"), ("a", "d"), ("e", "f")])
    >>> nx.set_node_attributes(g, {n: n for n in g}, "label")
    >>> sorted(most_connected(g, 3))
    ['a', 'b', 'c']
    """
    if g.number_of_nodes() <= limit:
        return g
    keep = sorted(g, key=lambda n: (-g.degree(n), g.nodes[n].get("label", n)))[:limit]
    sub = g.subgraph(keep).copy()
    sub.remove_nodes_from([n for n in list(sub) if sub.degree(n) == 0])
    return sub


# ---------------------------------------------------------------- geometry

def _seg_dist(p, a, b) -> float:
    """Distance from point ``p`` to the segment ``a``-``b``."""
    (px, py), (ax_, ay), (bx, by) = p, a, b
    dx, dy = bx - ax_, by - ay
    t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((px - ax_) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax_ - t * dx, py - ay - t * dy)


def _crosses(a, b, c, d) -> bool:
    def orient(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    return orient(a, b, c) * orient(a, b, d) < 0 and orient(c, d, a) * orient(c, d, b) < 0


def _curve(a, b, bend: float, n: int = 24) -> list[tuple[float, float]]:
    """Points of a quadratic curve from ``a`` to ``b`` whose middle is ``bend`` (a share
    of the length) to the left of the straight line."""
    (ax_, ay), (bx, by) = a, b
    mx, my = (ax_ + bx) / 2, (ay + by) / 2
    length = math.hypot(bx - ax_, by - ay) or 1.0
    nx_, ny = -(by - ay) / length, (bx - ax_) / length
    cx, cy = mx + 2 * bend * length * nx_, my + 2 * bend * length * ny
    return [((1 - t) ** 2 * ax_ + 2 * (1 - t) * t * cx + t * t * bx, (1 - t) ** 2 * ay + 2 * (1 - t) * t * cy + t * t * by)
            for t in (i / n for i in range(n + 1))]


def _path_dist(p, points) -> float:
    return min(_seg_dist(p, points[i], points[i + 1]) for i in range(len(points) - 1))


@dataclass
class NetworkDrawing:
    """What :func:`draw_network` drew, in data coordinates: node centres and radii, each
    edge's points (``(source, target, points, label)``), and the text artists."""

    ax: object
    centre: dict[str, tuple[float, float]] = field(default_factory=dict)
    radius: dict[str, float] = field(default_factory=dict)
    edges: list[tuple[str, str, list[tuple[float, float]], str]] = field(default_factory=list)
    node_labels: dict[str, object] = field(default_factory=dict)
    edge_labels: list[object] = field(default_factory=list)
    #: what the picture leaves out, when it leaves some actors out
    note: str = ""


def _radius(degree: int) -> float:
    return 0.024 + 0.012 * math.sqrt(degree)


def _scaled(pos: dict, nodes: list, width: float) -> dict[str, tuple[float, float]]:
    xs, ys = [pos[n][0] for n in nodes], [pos[n][1] for n in nodes]
    w, h = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return {n: ((pos[n][0] - min(xs)) / w * width, (pos[n][1] - min(ys)) / h) for n in nodes}


def _layout_cost(pos, pairs, radius) -> float:
    """Edges through unrelated nodes weigh most, then nodes too close for their labels,
    then edge crossings."""
    nodes = list(pos)
    cost = 0.0
    for u, v in pairs:
        for w in nodes:
            if w not in (u, v) and _seg_dist(pos[w], pos[u], pos[v]) < radius[w] + 0.03:
                cost += 1000
    for i, a in enumerate(nodes):
        for b in nodes[i + 1:]:
            gap = math.dist(pos[a], pos[b]) - radius[a] - radius[b]
            if gap < 0.14:
                cost += 300 * (0.14 - gap) / 0.14
    plist = list(pairs)
    for i, (a, b) in enumerate(plist):
        for c, d in plist[i + 1:]:
            if len({a, b, c, d}) == 4 and _crosses(pos[a], pos[b], pos[c], pos[d]):
                cost += 10
    return cost


def _component_layout(g: nx.Graph, radius: dict[str, float], width: float, seed: int, tries: int) -> dict:
    nodes = sorted(g)
    if len(nodes) == 1:
        return {nodes[0]: (width / 2, 0.5)}
    pairs = {tuple(sorted((u, v))) for u, v in g.edges() if u != v}
    k = 1.6 / math.sqrt(len(nodes))
    candidates = [_scaled(nx.spring_layout(g, seed=seed + i, k=k, iterations=200), nodes, width) for i in range(tries)]
    return min(candidates, key=lambda pos: _layout_cost(pos, pairs, radius))


def _grid(parts: list, g: nx.Graph, radius: dict[str, float], x0: float, seed: int, tries: int) -> dict:
    """Small parts packed in a grid of :data:`GRID_ROWS` rows from ``x0`` rightwards."""
    pos: dict = {}
    cell_w, cell_h = 0.45, 1.0 / GRID_ROWS
    for i, part in enumerate(parts):
        col, row = divmod(i, GRID_ROWS)
        layout = _component_layout(g.subgraph(part), radius, cell_w * 0.45, seed, tries)
        for n, (px, py) in layout.items():
            pos[n] = (x0 + col * cell_w + px, 1.0 - (row + 0.5) * cell_h + (py - 0.5) * cell_h * 0.3)
    return pos


def network_layout(g: nx.Graph, radius: dict[str, float], seed: int = 7, tries: int = 24) -> dict:
    """Node positions in ``[0, ASPECT] x [0, 1]`` (wider with many small parts): the
    parts of four actors or more side by side, each in a box as wide as its share of
    their nodes, laid out by the best of seeded spring layouts (:func:`_layout_cost`);
    the pairs and triples packed in a grid at their right, so that the core of the
    network keeps the room it needs. The same graph always gets the same layout."""
    parts = sorted(nx.connected_components(g), key=lambda c: (-len(c), sorted(c)))
    big = [c for c in parts if len(c) > 3] or parts[:1]
    small = parts[len(big):]
    gap = 0.12
    total = sum(len(c) for c in big)
    room = ASPECT - gap * (len(big) - 1)
    pos: dict = {}
    x = 0.0
    for part in big:
        width = max(0.05, room * len(part) / total) if len(big) > 1 else ASPECT
        for n, (px, py) in _component_layout(g.subgraph(part), radius, width, seed, tries).items():
            pos[n] = (x + px, py)
        x += width + gap
    pos.update(_grid(small, g, radius, x, seed, tries))
    return pos


def _route(a: str, b: str, pos, radius, bend0: float) -> list[tuple[float, float]]:
    """The points of the edge ``a`` -> ``b``: straight (or bent by ``bend0``), bent more
    when that keeps it off every node it does not join."""
    others = [w for w in pos if w not in (a, b)]
    for bend in (bend0, *[s * k for k in (0.08, 0.14, 0.2, 0.28, 0.36) for s in (1, -1)]):
        points = _curve(pos[a], pos[b], bend)
        if all(_path_dist(pos[w], points) > radius[w] + 0.012 for w in others):
            return points
    return _curve(pos[a], pos[b], bend0)


def _trim(points, start_r: float, end_r: float, a, b) -> list[tuple[float, float]]:
    """The points outside the two end nodes' discs."""
    kept = [p for p in points if math.dist(p, a) > start_r and math.dist(p, b) > end_r]
    return kept if len(kept) >= 2 else [points[0], points[-1]]


def _overlaps(box, boxes) -> bool:
    return any(box.overlaps(o) for o in boxes)


def _place(ax, renderer, text: str, anchor, candidates, taken, fontsize, limits, **kw):
    """A text artist at the first candidate offset whose box overlaps nothing in
    ``taken`` and stays in ``limits`` (display boxes); None when there is none."""
    for dx, dy, ha, va in candidates:
        t = ax.text(anchor[0] + dx, anchor[1] + dy, text, ha=ha, va=va, fontsize=fontsize, **kw)
        box = t.get_window_extent(renderer).expanded(1.06, 1.12)
        if limits.contains(box.x0, box.y0) and limits.contains(box.x1, box.y1) and not _overlaps(box, taken):
            taken.append(box)
            return t
        t.remove()
    return None


def _node_box(ax, centre, r):
    from matplotlib.transforms import Bbox

    (x0, y0), (x1, y1) = ax.transData.transform([(centre[0] - r, centre[1] - r), (centre[0] + r, centre[1] + r)])
    return Bbox([[x0, y0], [x1, y1]])


def draw_network(kg: GraphData, ax=None, seed: int = 7, title: str | None = None,
                 max_actors: int = MAX_ACTORS):
    """The actor network: nodes coloured by type and sized by their number of events,
    arrows labelled with the French names of the event types; returns the Axes (the
    geometry is in ``ax.newsgraph``, a :class:`NetworkDrawing`). Past ``max_actors``
    the most connected are drawn, and a note under the title says so."""
    _matplotlib()
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Circle

    whole = actor_network(kg)
    g = most_connected(whole, max_actors)
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 7.5))
    fig = ax.figure
    drawing = NetworkDrawing(ax)
    ax.newsgraph = drawing
    n_actors = g.number_of_nodes()
    if n_actors < whole.number_of_nodes():
        drawing.note = (f"(les {n_actors} acteurs les plus reliés sur {whole.number_of_nodes()} ; les autres sont "
                        "dans les tables CSV, le RDF et graph.html)")
    ax.set_title((title or f"Réseau des acteurs ({n_actors} acteur{'s' if n_actors != 1 else ''} reliés par des "
                           "événements)") + (f"\n{drawing.note}" if drawing.note else ""), fontsize=11)
    ax.set_axis_off()
    if n_actors == 0:
        ax.text(0.5, 0.5, "Aucun événement entre deux acteurs", ha="center", va="center", transform=ax.transAxes)
        return ax
    deg = dict(g.degree())
    radius = {n: _radius(deg[n]) for n in g}
    pos = network_layout(nx.Graph(g), radius, seed=seed)
    drawing.centre, drawing.radius = pos, radius
    ax.set_aspect("equal")
    ax.set_xlim(-0.22, max(ASPECT, max(x for x, _ in pos.values())) + 0.22)
    ax.set_ylim(-0.14, 1.14)
    _draw_arrows(ax, g, drawing)
    for n in g:
        ax.add_patch(Circle(pos[n], radius[n], color=COLOURS[g.nodes[n]["type"]], alpha=0.92, zorder=2,
                            gid=f"node:{n}"))
    fig.canvas.draw()
    _label_network(ax, g, drawing, deg)
    present = [t for t in LEGEND if any(g.nodes[n]["type"] == t for n in g)]
    ax.legend(handles=[Line2D([], [], marker="o", ls="", color=COLOURS[t], markersize=9, label=LEGEND[t])
                       for t in present], loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=len(present),
              frameon=False, fontsize=9)
    return ax


def _draw_arrows(ax, g: nx.MultiDiGraph, drawing: NetworkDrawing) -> None:
    """One arrow per ordered pair of actors, labelled with the types of its events; two
    arcs, one each side, when both directions have events."""
    from matplotlib.patches import FancyArrowPatch
    from matplotlib.path import Path

    pos, radius = drawing.centre, drawing.radius
    types: dict[tuple[str, str], set[str]] = {}
    for u, v, d in g.edges(data=True):
        types.setdefault((u, v), set()).add(d["type"])
    for (u, v), ts in sorted(types.items()):
        bend0 = 0.1 if (v, u) in types else 0.0  # both directions: two arcs, one each side
        points = _trim(_route(u, v, pos, radius, bend0), radius[u] + 0.004, radius[v] + 0.004, pos[u], pos[v])
        label = ", ".join(event_label(t) for t in sorted(ts))
        drawing.edges.append((u, v, points, label))
        ax.add_patch(FancyArrowPatch(path=Path(points), arrowstyle="-|>", mutation_scale=13, color="#8a8a8a",
                                     lw=1.2, zorder=1, gid=f"edge:{u}->{v}"))


def _label_network(ax, g: nx.MultiDiGraph, drawing: NetworkDrawing, deg: dict) -> None:
    """The actors' names, the busiest first, each where it overlaps nothing drawn; then
    the arrows' labels, each at the first point of its arrow where it fits."""
    import matplotlib.patheffects as pe

    pos, radius = drawing.centre, drawing.radius
    renderer = ax.figure.canvas.get_renderer()
    limits = ax.get_window_extent(renderer)
    taken = [_node_box(ax, pos[n], radius[n]) for n in g]
    stroke = [pe.withStroke(linewidth=3, foreground="white")]
    for n in sorted(g, key=lambda n: (-deg[n], g.nodes[n]["label"])):
        r = radius[n] + 0.012
        d = r * 0.72
        candidates = [(r, 0, "left", "center"), (-r, 0, "right", "center"), (0, r, "center", "bottom"),
                      (0, -r, "center", "top"), (d, d, "left", "bottom"), (-d, d, "right", "bottom"),
                      (d, -d, "left", "top"), (-d, -d, "right", "top")]
        candidates += [(dx * 2.2, dy * 2.2, ha, va) for dx, dy, ha, va in candidates]
        t = _place(ax, renderer, g.nodes[n]["label"], pos[n], candidates, taken, 10, limits,
                   zorder=4, path_effects=stroke, gid=f"label:{n}")
        if t is not None:
            drawing.node_labels[n] = t
    for u, v, points, label in drawing.edges:
        for i in (len(points) // 2, len(points) // 3, 2 * len(points) // 3, len(points) // 4, 3 * len(points) // 4):
            t = _place(ax, renderer, label, points[i], [(0, 0, "center", "center")], taken, 8, limits,
                       color="#444444", zorder=3, path_effects=stroke, gid=f"edge-label:{u}->{v}")
            if t is not None:
                drawing.edge_labels.append(t)
                break


# ---------------------------------------------------------------- timeline

@dataclass(frozen=True)
class Span:
    """When an event happened, at the precision the text gives: ``day``, ``month``,
    ``year`` or ``interval`` (its first and last day)."""

    start: dt.date
    end: dt.date
    precision: str
    text: str


def _bounds(value: str) -> tuple[dt.date, dt.date, str]:
    parts = [int(x) for x in value.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31), "year"
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        return first, first.replace(day=calendar.monthrange(parts[0], parts[1])[1]), "month"
    day = dt.date(parts[0], parts[1], parts[2])
    return day, day, "day"


def _french(day: dt.date, precision: str) -> str:
    months = default_lexicons().timex["month_short_names"]
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{months[day.month - 1]} {day.year}"
    return f"{day.day} {months[day.month - 1]} {day.year}"


def event_span(value: str | None) -> Span | None:
    """The span of an event's date (``2023``, ``2023-01``, ``2023-01-06`` or
    ``start/end``); None for an undated or relative one.

    >>> s = event_span("2022-01"); (s.start, s.end, s.precision, s.text)
    (datetime.date(2022, 1, 1), datetime.date(2022, 1, 31), 'month', 'janv. 2022')
    >>> event_span("2023-02-06/2023-02-07").text
    '6 févr. 2023 – 7 févr. 2023'
    """
    if not value or not value[:4].isdigit():
        return None
    try:
        first, _, last = value.partition("/")
        start, end, precision = _bounds(first[:10])
        text = _french(start, precision)
        if last and last[:4].isdigit():
            _, end, p2 = _bounds(last[:10])
            precision, text = "interval", f"{text} – {_french(end, p2)}"
        return Span(start, end, precision, text)
    except ValueError:
        return None


def timeline_rows(kg: GraphData) -> list[tuple[str, Span, str]]:
    """``(source name, span, label)`` of every dated event, in time order."""
    rows = []
    for rec in kg.documents:
        name = {a.id: a.name for a in rec.actors}
        for e in rec.events:
            span = event_span(e.date)
            if span is not None:
                target = name.get(e.target or "")
                rows.append((name.get(e.source or "", "?"), span,
                             f"{event_label(e.type)}{' → ' + target if target else ''} ({span.text})"))
    return sorted(rows, key=lambda r: (r[1].start, r[0], r[2]))


def draw_timeline(kg: GraphData, ax=None, title: str = "Événements datés"):
    """Dated events in time order, one row per acting actor: a day as a point, a month,
    a year or an interval as a bar over its span; labels stacked so that none overlaps."""
    _matplotlib()
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    rows = timeline_rows(kg)
    who = sorted({r[0] for r in rows})
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 1.6 + 0.9 * max(1, len(who))))
    fig = ax.figure
    ax.set_title(title, fontsize=11)
    if not rows:
        ax.text(0.5, 0.5, "Aucun événement daté", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return ax
    lo, hi = min(r[1].start for r in rows), max(r[1].end for r in rows)
    pad = dt.timedelta(days=max(15, (hi - lo).days * 0.06))
    ax.set_xlim(lo - pad, hi + pad)
    fig.canvas.draw()
    placed, lanes = _timeline_lanes(ax, rows, who)
    base, y = {}, 0.0
    for w in who:  # rows from the top, each as tall as its lanes
        base[w] = y
        y += max(1, len(lanes[w])) + 0.6
    height = 1.6 + 0.45 * y
    fig.set_size_inches(fig.get_size_inches()[0], height)
    styles: dict[str, Any] = {"day": None, "month": dict(color="#4e79a7", alpha=0.55),
              "year": dict(color="#4e79a7", alpha=0.25, hatch="//"), "interval": dict(color="#4e79a7", alpha=0.9)}
    for src, span, label, lane, start, end, left in placed:
        yy = base[src] + lane
        if span.precision == "day":
            ax.plot([start], [yy], "o", color="#4e79a7", markersize=6, gid="mark:day")
        else:
            ax.barh([yy], [end - start], left=[start], height=0.42, gid=f"mark:{span.precision}",
                    edgecolor="#4e79a7", **styles[span.precision])
        ax.text(left, yy, label, fontsize=8, va="center", gid="timeline-label")
    ax.set_ylim(y - 0.2, -0.8)
    ax.set_yticks([base[w] for w in who], who)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.grid(axis="x", color="#eeeeee")
    ax.legend(handles=[Line2D([], [], marker="o", ls="", color="#4e79a7", label="jour"),
                       Patch(label="mois", **styles["month"]), Patch(label="année", **styles["year"]),
                       Patch(label="intervalle", **styles["interval"])],
              loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=4, frameon=False, fontsize=8,
              title="Précision de la date", title_fontsize=8)
    return ax


def _timeline_lanes(ax, rows: list[tuple[str, Span, str]], who: list[str]) -> tuple[list, dict]:
    """Where each row's mark and label go: within a row, a label goes to the first lane
    where it overlaps no other; ``(placed marks, lanes of each row)``."""
    import matplotlib.dates as mdates

    renderer = ax.figure.canvas.get_renderer()
    x0, x1 = ax.get_xlim()
    px_per_day = ax.get_window_extent(renderer).width / (x1 - x0)
    lanes: dict[str, list[list[tuple[float, float]]]] = {w: [] for w in who}
    placed = []
    for src, span, label in rows:
        probe = ax.text(0, 0, label, fontsize=8)
        width_days = (probe.get_window_extent(renderer).width + 10) / px_per_day
        probe.remove()
        start = mdates.date2num(span.start)
        end = mdates.date2num(span.end) + (1 if span.precision != "day" else 0)
        left = end + 6 / px_per_day if end + width_days < x1 else start - width_days - 6 / px_per_day
        extent = (min(left, start), max(left + width_days, end))
        row = lanes[src]
        lane = next((i for i, spans in enumerate(row) if all(extent[1] < a or extent[0] > b for a, b in spans)),
                    len(row))
        if lane == len(row):
            row.append([])
        row[lane].append(extent)
        placed.append((src, span, label, lane, start, end, left))
    return placed, lanes


def write_network_figure(kg: GraphData, path) -> None:
    """Draw the actor network of ``kg`` into a PNG file (``newsgraph figure``, ``make docs``)."""
    _matplotlib()
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    counts = Counter(d.get("type") for _, d in actor_network(kg).nodes(data=True))
    heading = kg.documents[0].article.title if len(kg.documents) == 1 and kg.documents[0].article.title \
        else f"{len(kg.documents)} articles"
    title = "\n".join(textwrap.wrap(heading or "newsgraph", 110)) + \
        f"\nRéseau des acteurs : {sum(counts.values())} acteurs reliés par des événements"
    fig, ax = plt.subplots(figsize=(11, 7.5))
    fig.subplots_adjust(left=0.01, right=0.99, top=0.9, bottom=0.05)  # before the labels are placed
    draw_network(kg, ax=ax, title=title)
    fig.savefig(path, dpi=110, metadata={"Software": None})
    plt.close(fig)
