"""The network diagram: its labels, its highlighting, and its byte-stable SVG."""
import os
import re
import subprocess
import sys

import matplotlib
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba

from backprop import TUTORIAL_PARAMS, TUTORIAL_EXAMPLE
from backprop.display.diagram import (draw_network, describe_network, error_path, label_anchor,
                                      LABEL_AT)
from backprop.display.figures import RC, setup

from helpers import WHITE, artist, svg

# The tutorial's givens, as the figure prints them.
GIVENS = ["w1 = 0.15", "w2 = 0.20", "w3 = 0.25", "w4 = 0.30", "w5 = 0.40", "w6 = 0.45",
          "w7 = 0.50", "w8 = 0.55", "b1 = 0.35", "b2 = 0.60", "i1 = 0.05", "i2 = 0.10",
          "t1 = 0.01", "t2 = 0.99"]


def text_artists(fig):
    """The texts the diagram draws (not the hidden axes' tick labels)."""
    (ax,) = fig.axes
    return [t for t in [*ax.texts, ax.title] if t.get_text()]


def texts(fig):
    return [t.get_text() for t in text_artists(fig)]


def test_every_given_is_labelled_with_its_tutorial_value():
    labels = texts(draw_network())
    for text in GIVENS:
        assert labels.count(text) == 1, text


def test_labels_follow_the_params_not_typed_in():
    p = TUTORIAL_PARAMS.with_values(w5=0.35891648, b_h1=0.3456)
    labels = texts(draw_network(p, TUTORIAL_EXAMPLE.with_values(t1=0.2)))
    assert {"w5 = 0.3589", "t1 = 0.20", "b_h1 = 0.3456\nb_h2 = 0.35"} <= set(labels)
    assert "w5 = 0.40" not in labels


def test_callers_replace_labels():
    labels = texts(draw_network(edge_labels={"w5": "dnet_o1/dw5 = 0.5933"},
                                node_labels={"o1": "out_o1 = 0.7514", "i1": ""}))
    assert {"dnet_o1/dw5 = 0.5933", "out_o1 = 0.7514"} <= set(labels)
    assert "w5 = 0.40" not in labels and "i1 = 0.05" not in labels


def test_text_is_at_least_10pt_and_dark():
    for t in text_artists(draw_network(title="The network")):
        assert t.get_fontsize() >= 10
        assert sum(to_rgba(t.get_color())[:3]) < 0.5, t.get_text()


def test_highlighted_edges_and_nodes_stand_out():
    fig = draw_network(highlight=error_path("w1"))
    lit = [artist(fig, f"edge-{w}") for w in ("w1", "w5", "w7")]
    plain = [artist(fig, f"edge-{w}") for w in ("w2", "w3", "w4", "w6", "w8")]
    for a in lit:
        for b in plain:
            assert a.get_linewidth() > b.get_linewidth()
            assert a.get_edgecolor() != b.get_edgecolor()
    assert artist(fig, "node-h1").get_facecolor() != artist(fig, "node-h2").get_facecolor()


def test_error_path_follows_the_chain_rule():
    assert error_path("w5") == {"w5", "o1", "E_o1", "E_total"}
    assert error_path("w1") == {"w1", "h1", "w5", "w7", "o1", "o2", "E_o1", "E_o2",
                                "E_total"}


def test_background_is_opaque_white():
    fig = draw_network()
    assert to_rgba(fig.get_facecolor()) == WHITE
    assert to_rgba(fig.axes[0].get_facecolor()) == WHITE
    # The saved file paints the white page itself: its first shape is a white rectangle.
    first = re.search(rb'<path d="M 0 [^"]*"\s+style="([^"]*)"', svg(fig)).group(1)
    assert b"fill: #ffffff" in first and b"opacity" not in first


@pytest.mark.slow
def test_svg_is_byte_identical_across_renders_and_processes():
    data = svg(draw_network(highlight={"w5", "o1"}))
    assert svg(draw_network(highlight={"w5", "o1"})) == data
    # A fresh interpreter draws with a fresh random state: the fixed salt must win.
    code = ("import sys; from backprop.display.diagram import draw_network; "
            "from backprop.display.figures import save_svg; "
            "save_svg(draw_network(highlight={'w5', 'o1'}), sys.stdout.buffer)")
    fresh = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True,
                           env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert fresh.stdout == data


def test_svg_has_no_date():
    data = svg(draw_network())
    assert b"<dc:date>" not in data and b"Date" not in data


def test_setup_outside_ipython_sets_the_book_rcparams():
    with matplotlib.rc_context():
        setup()
        for key, value in RC.items():
            assert matplotlib.rcParams[key] == value, key


@pytest.mark.parametrize("kwargs, what, accepted", [
    ({"highlight": {"w5", "w9"}}, "highlight", ("'w1'", "'E_total'", "'b_h1'")),
    ({"highlight": "x1"}, "highlight", ("'i1'",)),
    ({"edge_labels": {"w0": "?"}}, "edge_labels", ("'w1'", "'E_o1'")),
    ({"edge_labels": {"b_h1": "?"}}, "edge_labels", ("'w8'",)),
    ({"node_labels": {"E": "?"}}, "node_labels", ("'h1'", "'E_total'")),
])
def test_unknown_names_are_refused_with_the_accepted_ones(kwargs, what, accepted):
    with pytest.raises(ValueError, match=what) as e:
        draw_network(**kwargs)
    assert all(name in str(e.value) for name in accepted)


def test_describe_network_gives_every_value():
    text = describe_network(highlight={"w5", "o1"})
    for given in GIVENS:
        assert given in text
    assert "w5 = 0.40 (h1 to o1)" in text and text.endswith("Highlighted: o1, w5.")
    with pytest.raises(ValueError, match="highlight"):
        describe_network(highlight={"w9"})


def extents(fig):
    """Display-space boxes of every text (with its box) and every neuron circle."""
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)  # places the text boxes
    boxes = {}
    for i, t in enumerate(text_artists(fig)):
        patch = t.get_bbox_patch()
        boxes[f"{t.get_text()!r}#{i}"] = (patch or t).get_window_extent(renderer)
    for a in fig.findobj():
        if str(a.get_gid()).startswith("node-") and a.get_gid()[5] in "iho":
            boxes[a.get_gid()] = a.get_window_extent(renderer)
    return boxes


@pytest.mark.parametrize("kwargs", [
    {},
    {"highlight": error_path("w1"), "title": "dE/dw1"},
    {"params": TUTORIAL_PARAMS.with_values(w1=0.14978072, b_h1=0.3456, b_o2=0.6190)},
    {"node_labels": {n: f"out_{n} = 0.5933" for n in ("h1", "h2", "o1", "o2")}
     | {"E_total": "E_total = 0.2984"},
     "edge_labels": {w: f"dE/d{w} = -0.0822" for w in ("w1", "w2", "w3", "w4", "w5", "w6",
                                                       "w7", "w8")}},
])
def test_no_two_labels_overlap(kwargs):
    boxes = extents(draw_network(**kwargs))
    names = sorted(boxes)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            # A neuron's name sits inside its own circle; nothing else may touch.
            inside = a.startswith("node-") and b.startswith(repr(a[5:]))
            inside |= b.startswith("node-") and a.startswith(repr(b[5:]))
            assert inside or not boxes[a].overlaps(boxes[b]), (a, b)


def test_label_anchor_is_where_draw_network_puts_each_label():
    nodes = {n: f"{n} label" for n in ("i1", "i2", "h1", "h2", "o1", "o2", "b1", "b2",
                                       "E_total")}
    edges = {e: f"{e} label" for e in LABEL_AT}
    fig = draw_network(node_labels=nodes, edge_labels=edges)
    placed = {t.get_text(): (*t.get_position(), t.get_ha(), t.get_va())
              for t in text_artists(fig)}
    for name, text in (nodes | edges).items():
        assert label_anchor(name) == placed[text], name
    assert label_anchor("h1")[3] == "bottom" and label_anchor("h2")[3] == "top"
    with pytest.raises(ValueError, match="name must be one of"):
        label_anchor("b_h1")  # a bias edge carries no label
