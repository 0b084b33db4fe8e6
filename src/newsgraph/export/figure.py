"""Pictures with matplotlib: the actor network and the timeline of dated events.

``newsgraph figure INPUT... --out OUT.png`` builds INPUT and draws its network with
:func:`write_network_figure` (``make docs`` draws ``docs/seed-graph.png`` this way).
"""
from __future__ import annotations

from collections import Counter

import networkx as nx

from ..graph import KnowledgeGraph

COLOURS = {"Person": "#e15759", "Organization": "#4e79a7", "Country": "#59a14f"}


def actor_network(kg: KnowledgeGraph) -> nx.MultiDiGraph:
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


def draw_network(kg: KnowledgeGraph, ax=None, seed: int = 7):
    """The actor network: nodes coloured by type and sized by degree, edges labelled with
    the event type."""
    import matplotlib.pyplot as plt

    g = actor_network(kg)
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 7))
    pos = nx.spring_layout(nx.Graph(g), seed=seed, k=1.2)
    deg = dict(g.degree())
    simple = nx.DiGraph()  # one arrow per ordered pair, labelled with all its event types
    simple.add_nodes_from(g.nodes(data=True))
    for u, v, d in g.edges(data=True):
        types = simple.edges[u, v]["types"] if simple.has_edge(u, v) else set()
        simple.add_edge(u, v, types=types | {d["type"]})
    sizes = [300 + 250 * deg[n] for n in simple]
    nx.draw_networkx_nodes(simple, pos, ax=ax, node_color=[COLOURS[simple.nodes[n]["type"]] for n in simple],
                           node_size=sizes, alpha=0.9)
    nx.draw_networkx_labels(simple, pos, ax=ax, labels={n: simple.nodes[n]["label"] for n in simple}, font_size=10)
    nx.draw_networkx_edges(simple, pos, ax=ax, edge_color="#888", arrows=True, arrowsize=14,
                           connectionstyle="arc3,rad=0.12", node_size=sizes)
    nx.draw_networkx_edge_labels(simple, pos, ax=ax, font_size=8, connectionstyle="arc3,rad=0.12",
                                 edge_labels={(u, v): ", ".join(sorted(d["types"]))
                                              for u, v, d in simple.edges(data=True)})
    for t, c in COLOURS.items():
        ax.scatter([], [], color=c, label=t)
    ax.legend(loc="lower left", frameon=False)
    ax.set_axis_off()
    return ax


def draw_timeline(kg: KnowledgeGraph, ax=None):
    """Dated events in time order, one row per source actor."""
    import datetime as dt

    import matplotlib.pyplot as plt

    rows = []
    for rec in kg.documents:
        name = {a.id: a.name for a in rec.actors}
        for e in rec.events:
            if e.date and e.date[:4].isdigit():
                start = e.date.split("/")[0]
                parts = [int(x) for x in start.split("-")] + [1, 1]
                rows.append((dt.date(parts[0], parts[1], parts[2]), name.get(e.source, "?"),
                             f"{e.type} → {name.get(e.target, '…')}"))
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 1 + 0.5 * max(1, len({r[1] for r in rows}))))
    who = {w: i for i, w in enumerate(sorted({r[1] for r in rows}))}
    for when, src, label in rows:
        ax.scatter([when], [who[src]], color="#4e79a7")
        ax.annotate(label, (when, who[src]), textcoords="offset points", xytext=(5, 5), fontsize=8)
    ax.set_yticks(list(who.values()), list(who.keys()))
    ax.set_title("Événements datés")
    return ax


def write_network_figure(kg: KnowledgeGraph, path) -> None:
    """Draw the actor network of ``kg`` into a PNG file (``newsgraph figure``, ``make docs``)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = draw_network(kg)
    counts = Counter(d.get("type") for _, d in actor_network(kg).nodes(data=True))
    ax.set_title(f"{kg.documents[0].article.title if len(kg.documents) == 1 else 'newsgraph'}\n"
                 f"({sum(counts.values())} acteurs reliés)", fontsize=10)
    plt.tight_layout()
    plt.savefig(path, dpi=110)
    plt.close(ax.figure)
