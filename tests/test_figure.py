"""The pictures as a reader sees them: no label on another, no edge through a node it does
not join, a title, a French legend; on the timeline, months and intervals as bars and
labels apart. Checked on the boxes matplotlib draws (renderer window extents)."""
from __future__ import annotations

import itertools
import math

import matplotlib

matplotlib.use("Agg")

import networkx as nx  # noqa: E402
import pytest  # noqa: E402


def crowded_graph():
    """A graph that a plain spring layout draws with edges through nodes: a hub with many
    partners, a chain along it and a dense corner."""
    from newsgraph.graph import GraphData
    from newsgraph.records import BuildInfo

    g = nx.MultiDiGraph()
    names = ["Mali", "Niger", "Burkina Faso", "Tchad", "Sénégal", "Guinée", "Bénin", "Togo", "Ghana",
             "Union africaine", "CEDEAO", "Nations unies", "Mahamat Idriss Déby", "Bola Tinubu"]
    kinds = ["Country"] * 9 + ["Organization"] * 3 + ["Person"] * 2
    for n, k in zip(names, kinds):
        g.add_node(n, kind="actor", label=n, type=k)
    pairs = [("CEDEAO", x) for x in names[:9]] + [("Mali", "Niger"), ("Niger", "Burkina Faso"),
             ("Burkina Faso", "Mali"), ("Union africaine", "Nations unies"), ("Tchad", "Mahamat Idriss Déby"),
             ("Bola Tinubu", "CEDEAO"), ("Niger", "CEDEAO"), ("Ghana", "Togo"), ("Togo", "Bénin")]
    for i, (u, v) in enumerate(pairs):
        g.add_edge(u, v, key=f"interacts:{i}", relation="interacts", type=["SANCTION", "CONSULT", "ACCUSE"][i % 3])
    return GraphData(documents=[], manifest=[], graph=g, info=BuildInfo(version="0", base_iri="https://ex.org/",
                                                                              model="m"))


@pytest.fixture(params=["seed", "crowded"])
def network(request, seed_build):
    import matplotlib.pyplot as plt

    from newsgraph.export.figure import draw_network

    kg = seed_build[0] if request.param == "seed" else crowded_graph()
    fig, ax = plt.subplots(figsize=(11, 7.5))
    draw_network(kg, ax=ax)
    fig.canvas.draw()
    yield ax, fig.canvas.get_renderer()
    plt.close(fig)


def boxes(texts, renderer):
    return [(t.get_text(), t.get_window_extent(renderer)) for t in texts if t.get_text()]


def test_no_two_labels_overlap(network):
    ax, renderer = network
    drawing = ax.newsgraph
    texts = [*drawing.node_labels.values(), *drawing.edge_labels, ax.title, *ax.get_legend().get_texts()]
    for (a, box_a), (b, box_b) in itertools.combinations(boxes(texts, renderer), 2):
        assert not box_a.overlaps(box_b), (a, b)
    assert set(drawing.node_labels) == set(drawing.centre)  # every actor is named


def test_labels_sit_on_no_node(network):
    ax, renderer = network
    drawing = ax.newsgraph
    for name, box in boxes([*drawing.node_labels.values(), *drawing.edge_labels], renderer):
        for n, (x, y) in drawing.centre.items():
            cx, cy = ax.transData.transform((x, y))
            r = ax.transData.transform((x + drawing.radius[n], y))[0] - cx
            nearest = (min(max(cx, box.x0), box.x1), min(max(cy, box.y0), box.y1))
            assert math.dist(nearest, (cx, cy)) >= r - 0.5, (name, n)


def test_no_edge_passes_through_an_unrelated_node(network):
    ax, renderer = network
    drawing = ax.newsgraph
    assert drawing.edges
    for u, v, points, _ in drawing.edges:
        path = ax.transData.transform(points)
        for n, (x, y) in drawing.centre.items():
            if n in (u, v):
                continue
            cx, cy = ax.transData.transform((x, y))
            r = ax.transData.transform((x + drawing.radius[n], y))[0] - cx
            for (x0, y0), (x1, y1) in zip(path, path[1:]):
                dx, dy = x1 - x0, y1 - y0
                t = max(0.0, min(1.0, ((cx - x0) * dx + (cy - y0) * dy) / (dx * dx + dy * dy or 1)))
                assert math.hypot(cx - x0 - t * dx, cy - y0 - t * dy) > r, (u, v, n)


def test_title_and_a_french_legend(network):
    ax, _ = network
    assert ax.get_title().startswith("Réseau des acteurs")
    assert {t.get_text() for t in ax.get_legend().get_texts()} <= {"Personne", "Organisation", "Pays"}
    assert {t.get_text() for t in ax.get_legend().get_texts()} >= {"Pays"}


def test_the_seed_picture_is_written(seed_build, tmp_path):
    from PIL import Image

    from newsgraph.export.figure import write_network_figure

    write_network_figure(seed_build[0], tmp_path / "g.png")
    img = Image.open(tmp_path / "g.png")
    assert img.size[0] > 1000 and len(img.convert("RGB").getcolors(1 << 20) or []) > 20


def test_timeline_draws_spans_and_keeps_labels_apart(seed_build):
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    from newsgraph.export.figure import draw_timeline, event_span

    ax = draw_timeline(seed_build[0])
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    labels = [t for t in ax.texts if t.get_gid() == "timeline-label"]
    texts = {t.get_text() for t in labels}
    assert "demander → France (janv. 2022)" in texts and "sanctionner → France (janv. 2022)" in texts
    for (a, box_a), (b, box_b) in itertools.combinations(boxes(labels, renderer), 2):
        assert not box_a.overlaps(box_b), (a, b)
    months = [p for p in ax.patches if p.get_gid() == "mark:month"]
    intervals = [p for p in ax.patches if p.get_gid() == "mark:interval"]
    january = event_span("2022-01")
    assert any(abs(p.get_x() - mdates.date2num(january.start)) < 0.01 and abs(p.get_width() - 31) < 0.01
               for p in months)  # the whole month, not its first day
    assert any(abs(p.get_width() - 2) < 0.01 for p in intervals)  # 6-7 January: two days
    assert [line for line in ax.lines if line.get_gid() == "mark:day"]  # 10 November 2022: a point
    legend = {t.get_text() for t in ax.get_legend().get_texts()}
    assert legend == {"jour", "mois", "année", "intervalle"}
    plt.close(fig)


def hundred_articles_graph():
    """What a hundred articles give: a core of states dealing with each other and many
    pairs met once, more actors than a page can name."""
    from newsgraph.graph import GraphData
    from newsgraph.records import BuildInfo

    g = nx.MultiDiGraph()
    core = [f"État {i}" for i in range(24)]
    pairs = [(f"Personne {i}", f"Groupe {i}") for i in range(36)]
    for n in core:
        g.add_node(n, kind="actor", label=n, type="Country")
    for a, b in pairs:
        g.add_node(a, kind="actor", label=a, type="Person")
        g.add_node(b, kind="actor", label=b, type="Organization")
    edges = [(core[i], core[(i * 7 + k) % 24]) for i in range(24) for k in (1, 3) if i != (i * 7 + k) % 24]
    edges += [(core[0], core[i]) for i in range(2, 12)] + pairs
    for i, (u, v) in enumerate(edges):
        g.add_edge(u, v, key=f"interacts:{i}", relation="interacts", type="CONSULT")
    return GraphData(documents=[], manifest=[], graph=g, info=BuildInfo(version="0", base_iri="https://ex.org/", model="m"))


def test_a_hundred_articles_picture_spreads_its_core_and_says_what_it_leaves_out():
    import matplotlib.pyplot as plt

    from newsgraph.export.figure import ASPECT, MAX_ACTORS, draw_network

    fig, ax = plt.subplots(figsize=(11, 7.5))
    draw_network(hundred_articles_graph(), ax=ax)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    drawing = ax.newsgraph
    assert len(drawing.centre) <= MAX_ACTORS and "les plus reliés sur 96" in ax.get_title()
    core = [xy for n, xy in drawing.centre.items() if n.startswith("État")]
    xs, ys = [x for x, _ in core], [y for _, y in core]
    assert max(xs) - min(xs) >= 0.6 * ASPECT and max(ys) - min(ys) >= 0.6  # not squashed in a column
    texts = [*drawing.node_labels.values(), *drawing.edge_labels]
    for (a, box_a), (b, box_b) in itertools.combinations(boxes(texts, renderer), 2):
        assert not box_a.overlaps(box_b), (a, b)
    assert len(drawing.node_labels) >= 0.9 * len(drawing.centre)
    plt.close(fig)
