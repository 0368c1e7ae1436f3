"""The 2-2-2 network as a textbook diagram, every number taken from the parameters.

Names a caller can highlight or relabel:
    nodes  i1 i2 h1 h2 o1 o2, the bias units b1 b2, and E_total
    edges  w1..w8, the bias edges b_h1 b_h2 b_o1 b_o2 (the per-neuron bias slots),
           and E_o1, E_o2 (each output's error flowing into E_total)
"""
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch

from .. import _validate
from .style import DARK_GREY, FILL, HIGHLIGHT, HIGHLIGHT_FILL, INK, LARGE, PALE_FILL, SMALL, styled
from ..tutorial.network import TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, EDGES, WEIGHTS, BIAS_SLOTS

ROUND = ("i1", "i2", "h1", "h2", "o1", "o2")  # inputs and neurons: circles, labels outside
NODES = ROUND + ("b1", "b2", "E_total")
EDGE_ENDS = {**EDGES,
             "b_h1": ("b1", "h1"), "b_h2": ("b1", "h2"),
             "b_o1": ("b2", "o1"), "b_o2": ("b2", "o2"),
             "E_o1": ("o1", "E_total"), "E_o2": ("o2", "E_total")}
NAMES = NODES + tuple(EDGE_ENDS)

# Layout in data units (the axes keep aspect 1, so circles stay round).
X_IN, X_HID, X_OUT, X_ERR = 0.0, 3.6, 7.2, 9.4
TOP, BOTTOM = 3.6, 0.0
MID = (TOP + BOTTOM) / 2
R = 0.36  # neuron radius
XLIM, YLIM = (X_IN - 1.9, X_ERR + 1.4), (BOTTOM - 1.1, TOP + 1.1)  # room for the labels
# A bias unit sits in its layer's column, between the two neurons it feeds: no other edge
# runs there, so its two edges cross nothing and its box has room for two lines.
POS = {"i1": (X_IN, TOP), "i2": (X_IN, BOTTOM), "h1": (X_HID, TOP), "h2": (X_HID, BOTTOM),
       "o1": (X_OUT, TOP), "o2": (X_OUT, BOTTOM), "b1": (X_HID, MID), "b2": (X_OUT, MID),
       "E_total": (X_ERR, MID)}
# Edges that carry a label: (where along the edge, 0 = source .. 1 = target; side).
# Straight edges are labelled outside the network (side +1 above, -1 below), clear of
# every line; the crossing edges on the line, near their source, well before the crossing.
LABEL_AT = {"w1": (0.5, 1), "w4": (0.5, -1), "w5": (0.5, 1), "w8": (0.5, -1),
            "w2": (0.27, 0), "w3": (0.27, 0), "w6": (0.27, 0), "w7": (0.27, 0),
            "E_o1": (0.55, 0), "E_o2": (0.55, 0)}

# Artists carry gids "node-<name>" and "edge-<name>": stable SVG ids, and handles for tests.
# Okabe-Ito vermillion: distinct for colour-blind readers, and dark enough on white paper;
# highlighted lines are also thicker, so the emphasis survives greyscale printing.
# Colours and sizes come from .style; nothing in the figure is smaller than SMALL.


def _num(x):
    """A value with 2 decimals, or up to 4 when 2 would hide digits (e.g. after training)."""
    for d in (2, 3):
        if abs(x - round(x, d)) < 1e-12:
            return f"{x:.{d}f}"
    return f"{x:.4f}"


def _names(what, value, allowed):
    """The set of names in value (one name, or an iterable of them), each one allowed."""
    names = {value} if isinstance(value, str) else set(value)
    for name in sorted(names, key=str):
        _validate.choice(what, name, allowed)
    return names


def default_edge_labels(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """{edge: text}: each weight's value, and each output's target on its error edge."""
    labels = {w: f"{w} = {_num(getattr(params, w))}" for w in WEIGHTS}
    return labels | {"E_o1": f"t1 = {_num(example.t1)}", "E_o2": f"t2 = {_num(example.t2)}"}


def default_node_labels(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """{node: text}: the inputs' values, and each bias unit's value (or its two
    per-neuron values, once its neurons no longer share one)."""
    labels = {"i1": f"i1 = {_num(example.i1)}", "i2": f"i2 = {_num(example.i2)}"}
    for unit, slots in (("b1", ("b_h1", "b_h2")), ("b2", ("b_o1", "b_o2"))):
        values = [getattr(params, s) for s in slots]
        labels[unit] = (f"{unit} = {_num(values[0])}" if values[0] == values[1] else
                        "\n".join(f"{s} = {_num(v)}" for s, v in zip(slots, values)))
    return labels


def error_path(name):
    """Every name from `name` forward to E_total: the route its chain rule follows.

    error_path("w5") is {w5, o1, E_o1, E_total}; error_path("w1") also takes in h1 and
    both outputs, through w5 and w7.
    """
    _validate.choice("name", name, NAMES)
    path, todo = {name}, [EDGE_ENDS[name][1] if name in EDGE_ENDS else name]
    while todo:
        node = todo.pop()
        path.add(node)
        for edge, (a, b) in EDGE_ENDS.items():
            if a == node:
                path.add(edge)
                todo.append(b)
    return path


def label_anchor(name):
    """Where the label of a node or a labelled edge sits: (x, y, ha, va) in data units,
    with matplotlib's alignment of the text to that point.

    draw_network places its labels here; an overlay that writes live numbers onto a
    pre-rendered diagram (pass_explorer) uses the same points.
    """
    _validate.choice("name", name, NODES + tuple(LABEL_AT))
    if name in LABEL_AT:  # on or beside the edge, a fraction t of the way along it
        a, b = EDGE_ENDS[name]
        (xa, ya), (xb, yb) = POS[a], POS[b]
        t, side = LABEL_AT[name]
        return (xa + t * (xb - xa), ya + t * (yb - ya) + 0.12 * side, "center",
                {1: "bottom", 0: "center", -1: "top"}[side])
    x, y = POS[name]
    if name not in ROUND:  # bias units and E_total hold their label inside their box
        return x, y, "center", "center"
    # Beside the neuron, on the side away from the rest of the network.
    dx, dy = (-1, 0) if name in ("i1", "i2") else (0, 1 if y == TOP else -1)
    return (x + dx * (R + 0.15), y + dy * (R + 0.15), "right" if dx else "center",
            "center" if dx else ("bottom" if dy > 0 else "top"))


def _box(face, edge, lw):
    return dict(boxstyle="round,pad=0.25", facecolor=face, edgecolor=edge, linewidth=lw)


def _draw_node(ax, name, text, lit):
    x, y = POS[name]
    edge, lw = (HIGHLIGHT, 2.8) if lit else (INK, 1.3)
    if name in ROUND:
        shape = Circle((x, y), R, facecolor=HIGHLIGHT_FILL if lit else "white",
                       edgecolor=edge, linewidth=lw, zorder=4, gid=f"node-{name}")
        ax.add_patch(shape)
        ax.text(x, y, name, ha="center", va="center", fontsize=LARGE, zorder=5)
        if text:
            lx, ly, ha, va = label_anchor(name)
            ax.text(lx, ly, text, ha=ha, va=va)
    else:
        # Bias units and E_total are boxes, so they read as something other than neurons;
        # a box holds its label (a bias unit's value), as there is no free side beside it.
        face = HIGHLIGHT_FILL if lit else (PALE_FILL if name == "E_total" else FILL)
        # zorder below the edges: a text's box is only placed when the text is drawn, and
        # the edges need it placed to stop at its border.
        shape = ax.text(x, y, text or name, ha="center", va="center", zorder=0.5,
                        bbox=_box(face, edge, lw)).get_bbox_patch()
        shape.set_gid(f"node-{name}")
    return shape


def _draw_edge(ax, name, patches, text, lit):
    a, b = EDGE_ENDS[name]
    bias = name in BIAS_SLOTS
    color, lw = (HIGHLIGHT, 2.8) if lit else (DARK_GREY, 1.0 if bias else 1.4)
    ax.add_patch(FancyArrowPatch(
        POS[a], POS[b], patchA=patches[a], patchB=patches[b], arrowstyle="-|>",
        mutation_scale=12 if lit else 10, color=color, linewidth=lw, zorder=2 if lit else 1,
        linestyle=(0, (4, 2)) if bias and not lit else "solid", shrinkA=1, shrinkB=1,
        gid=f"edge-{name}"))
    if text:
        lx, ly, ha, va = label_anchor(name)
        ax.text(lx, ly, text, ha=ha, va=va, fontsize=SMALL, zorder=3,
                bbox=_box("white", HIGHLIGHT if lit else "none", 1.5))


@styled
def draw_network(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, *, ax=None,
                 highlight=(), edge_labels=None, node_labels=None, title=None):
    """Draw the network with its parameters into ax (default: a new 8-inch-wide Figure);
    return the Figure.

    highlight: names from NAMES (e.g. error_path("w5")) drawn thick in vermillion.
    edge_labels: {edge: text} for w1..w8, E_o1, E_o2; a bias edge has no label, its value
    belongs in the bias unit's node label. node_labels: {node: text}. Both replace the
    default text of the names they give; "" removes a label. A neuron's label sits beside
    it (left of an input, above the top row, below the bottom row); b1, b2 and E_total
    show theirs inside their box.
    """
    lit = _names("highlight", highlight, NAMES)
    edge_text = default_edge_labels(params, example)
    node_text = default_node_labels(params, example)
    for what, given, text, allowed in (("edge_labels", edge_labels, edge_text, tuple(LABEL_AT)),
                                       ("node_labels", node_labels, node_text, NODES)):
        _names(what, given or {}, allowed)
        text.update(given or {})

    if ax is None:
        # A bare Figure, not pyplot's: returning it displays it once, and nothing leaks
        # into pyplot's list of open figures.
        width = 8  # inches; the height follows from the limits, as the aspect is fixed
        fig = Figure(figsize=(width, width * (YLIM[1] - YLIM[0]) / (XLIM[1] - XLIM[0])),
                     facecolor="white")
        ax = fig.add_axes((0, 0, 1, 1))
    ax.set_facecolor("white")
    ax.set_aspect("equal")
    ax.set_xlim(*XLIM)
    ax.set_ylim(*YLIM)
    ax.axis("off")
    if title:
        ax.set_title(title, fontsize=LARGE)

    patches = {n: _draw_node(ax, n, node_text.get(n), n in lit) for n in NODES}
    for name in EDGE_ENDS:
        _draw_edge(ax, name, patches, edge_text.get(name), name in lit)
    return ax.figure


def describe_network(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, highlight=()):
    """One paragraph of alt text for draw_network's figure, values included."""
    lit = _names("highlight", highlight, NAMES)
    p, ex = params, example

    def weights(*ws):
        return ", ".join(f"{w} = {_num(getattr(p, w))} ({EDGES[w][0]} to {EDGES[w][1]})"
                         for w in ws)

    def bias(unit, a, b, layer):
        va, vb = getattr(p, a), getattr(p, b)
        if va == vb:
            return f"a bias {unit} = {_num(va)} feeds both {layer}"
        return f"bias {unit} feeds the {layer} with {a} = {_num(va)} and {b} = {_num(vb)}"

    text = (
        "Diagram of a neural network with two inputs, two hidden neurons and two output "
        f"neurons. Inputs i1 = {_num(ex.i1)} and i2 = {_num(ex.i2)} connect to hidden "
        f"neurons h1 and h2 through weights {weights('w1', 'w2', 'w3', 'w4')}; "
        f"{bias('b1', 'b_h1', 'b_h2', 'hidden neurons')}. The hidden neurons connect to "
        f"outputs o1 and o2 through weights {weights('w5', 'w6', 'w7', 'w8')}; "
        f"{bias('b2', 'b_o1', 'b_o2', 'outputs')}. The outputs are compared with targets "
        f"t1 = {_num(ex.t1)} and t2 = {_num(ex.t2)}, giving the errors E_o1 and E_o2 "
        "that add up to the total error E_total.")
    if lit:
        text += f" Highlighted: {', '.join(n for n in NAMES if n in lit)}."
    return text
