"""Chapter 5, the hidden layer: the computational graph, why backprop is fast, and a bug.

The computational graph of the 2-2-2 network (the biases, which the tutorial does not
train, left out):

    graph(params, example)     a Graph: its nodes in forward order, and its edges, each
                               with its local gradient d(child)/d(parent)
    adjoints(g)                dE_total/d(node) for every node, by one backward sweep that
                               multiplies along each edge and adds where edges meet
    graph_figure(...), describe_graph(...)   the graph drawn, each node's adjoint under it

The cost of a gradient, counted (one operation per +, -, * and per logistic):

    operation_counts(sizes)    a Counts for a logistic MLP with squared error: one forward
                               pass, one backward pass, and finite differences
    cost_sizes(), cost_figure(...), describe_costs(...)   the counts as the network grows
    time_gradients(sizes)      measured seconds, backprop against finite differences
                               (machine-dependent: never in a stored output)

    gradients_changed(output_weights)   which weight gradients a wrong weight in the hidden
                                        layer's blame spoils

    hidden_layer_facts, graph_facts, cost_facts   the numbers the prose names, as {name: value}
"""
import time
from dataclasses import dataclass

import numpy as np

from .. import _validate
from ..display.figures import chart
from ..display.numbers import four_decimals
from ..display.style import (BLUE, DARK_GREY, DENSE, DENSE_SMALL, FILL, GREY, HIGHLIGHT,
                             HIGHLIGHT_FILL, INK, VERMILLION, styled)
from ..display.tables import Table
from ..nn.gradcheck import numerical_gradients
from ..nn.mlp import MLP
from ..tutorial.backward import backward
from ..tutorial.forward import forward
from ..tutorial.network import TUTORIAL_EXAMPLE, TUTORIAL_PARAMS, WEIGHTS
from ..tutorial.published import PUBLISHED
from ..tutorial.walkthrough import flat, walkthrough

# -- the computational graph -------------------------------------------------------------


@dataclass(frozen=True)
class Graph:
    """nodes: names in forward order, E_total last. edges: (parent, child, local), in the
    order of their child, local = d(child)/d(parent) at the forward pass's values."""

    nodes: tuple
    edges: tuple
    values: dict  # each node's value in the forward pass


def graph(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """The 2-2-2 network as a computational graph, every local gradient evaluated."""
    f, p, ex = forward(params, example), params, example
    v = {**f.as_dict(), "i1": ex.i1, "i2": ex.i2, **{w: getattr(p, w) for w in WEIGHTS}}
    edges = []
    for net, ws, ins in (("net_h1", ("w1", "w2"), ("i1", "i2")),
                         ("net_h2", ("w3", "w4"), ("i1", "i2")),
                         ("net_o1", ("w5", "w6"), ("out_h1", "out_h2")),
                         ("net_o2", ("w7", "w8"), ("out_h1", "out_h2"))):
        for w, x in zip(ws, ins):  # net = w x + ...: d net/d x = w, d net/d w = x
            edges += [(x, net, v[w]), (w, net, v[x])]
        out = "out_" + net[4:]
        edges.append((net, out, v[out] * (1 - v[out])))  # the logistic's slope
    for k in "12":
        edges.append((f"out_o{k}", f"E_o{k}", v[f"out_o{k}"] - getattr(ex, f"t{k}")))
    edges += [("E_o1", "E_total", 1.0), ("E_o2", "E_total", 1.0)]
    # In order of the child, as the forward pass computes them.
    order = ("net_h1", "out_h1", "net_h2", "out_h2", "net_o1", "out_o1", "net_o2", "out_o2",
             "E_o1", "E_o2", "E_total")
    edges.sort(key=lambda e: order.index(e[1]))
    nodes = ("i1", "i2", *WEIGHTS, *order)
    return Graph(nodes, tuple(edges), {n: v[n] for n in nodes})


def adjoints(g):
    """dE_total/d(node) for every node of `Graph` g, in one sweep backwards.

    Each edge is visited once, from the last to the first: it multiplies the adjoint of
    its child by its local gradient and adds the product into its parent's. A node with
    two children (out_h1 feeds net_o1 and net_o2) collects two products: the sum.
    """
    _validate.instance("g", g, Graph)
    adjoint = {node: 0.0 for node in g.nodes}
    adjoint["E_total"] = 1.0
    for parent, child, local in reversed(g.edges):
        adjoint[parent] += local * adjoint[child]
    return adjoint


# Layout of the graph figure, in data units: one column per stage, weights beside their net.
_X = {"i": 0.0, "net_h": 2.6, "out_h": 4.9, "net_o": 7.5, "out_o": 9.9, "E_o": 12.3,
      "E_total": 14.1}
_TOP, _BOTTOM = 3.4, 0.0
FORK = "out_h1"  # the node whose two routes chapter 5 follows


def _position(node):
    if node in ("i1", "i2"):
        return _X["i"], _TOP if node == "i1" else _BOTTOM
    if node == "E_total":
        return _X["E_total"], (_TOP + _BOTTOM) / 2
    if node in WEIGHTS:  # above the top net, below the bottom one, two side by side
        k = WEIGHTS.index(node)
        net = ("net_h1", "net_h2", "net_o1", "net_o2")[k // 2]
        x, y = _position(net)
        return x + (-1.05 if k % 2 == 0 else 1.05), y + (1.7 if y == _TOP else -1.7)
    stage, neuron = node.rsplit("_", 1)
    return _X[f"{stage}_{neuron[0]}"], _TOP if neuron[1] == "1" else _BOTTOM


def _tex(node):
    """Mathtext of a node's name: net_h1 -> net_{h1}, w5 -> w_5, E_total -> E_{total}."""
    if node in WEIGHTS or node in ("i1", "i2"):
        return f"${node[0]}_{node[1]}$"
    head, sub = node.split("_", 1)
    return rf"${head}_{{{sub}}}$"


def _number(x):
    return four_decimals(x).replace("-", "\u2212")  # a typeset minus in the figure


@styled
def graph_figure(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """The computational graph: each edge with its local gradient, each node with its
    adjoint dE_total/d(node) under it; out_h1 and its two outgoing edges highlighted."""
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyArrowPatch

    g = graph(params, example)
    adj = adjoints(g)
    fig = Figure(figsize=(9.6, 4.8), facecolor="white")
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-0.6, 14.8)
    ax.set_ylim(_BOTTOM - 2.3, _TOP + 2.7)
    ax.set_aspect("equal")
    ax.axis("off")
    boxes = {}
    for node in g.nodes:
        x, y = _position(node)
        lit = node == FORK
        face = HIGHLIGHT_FILL if lit else (FILL if node in WEIGHTS else "white")
        # The node's name, and under it its adjoint dE_total/d(node), in one box; drawn
        # below the edges, as a box is only placed when drawn and the arrows stop at it.
        text = ax.text(x, y, f"{_tex(node)}\n{_number(adj[node])}", ha="center",
                       va="center", fontsize=DENSE, zorder=0.5, linespacing=1.4,
                       bbox=dict(boxstyle="round,pad=0.3", facecolor=face,
                                 edgecolor=HIGHLIGHT if lit else INK,
                                 linewidth=2.4 if lit else 1.1))
        boxes[node] = text.get_bbox_patch()
    for parent, child, local in g.edges:
        lit = parent == FORK
        (xa, ya), (xb, yb) = _position(parent), _position(child)
        ax.add_patch(FancyArrowPatch((xa, ya), (xb, yb), patchA=boxes[parent],
                                     patchB=boxes[child], arrowstyle="-|>",
                                     mutation_scale=11, color=HIGHLIGHT if lit else GREY,
                                     linewidth=2.4 if lit else 1.0, zorder=2 if lit else 1))
        crossing = ya != yb and parent not in WEIGHTS and "E_total" != child
        t = 0.24 if crossing else 0.5
        ax.text(xa + t * (xb - xa), ya + t * (yb - ya), _number(local), ha="center",
                va="center", fontsize=DENSE_SMALL, color=HIGHLIGHT if lit else INK, zorder=4,
                bbox=dict(boxstyle="round,pad=0.15", facecolor="white",
                          edgecolor=HIGHLIGHT if lit else "none"))
    ax.text(-0.6, _TOP + 2.65, "On each edge: its local gradient d(child)/d(parent).   "
            "In each node, under its name: dE_total/d(node).", ha="left", va="top",
            fontsize=DENSE)
    return fig


def describe_graph(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """Alt text for graph_figure, its numbers included."""
    g = graph(params, example)
    adj = adjoints(g)
    into = {}
    for parent, child, local in g.edges:
        into.setdefault(child, []).append(f"{parent} ({local:.4f})")
    parts = "; ".join(f"{child} from {', '.join(ps)}" for child, ps in into.items())
    onward = [(c, local) for p, c, local in g.edges if p == FORK]
    fork = " and ".join(f"{c} (local gradient {local:.4f}, adjoint {adj[c]:.4f})"
                        for c, local in onward)
    return (f"The computational graph of the 2-2-2 network, read left to right: {parts}. "
            f"Each node carries its adjoint dE_total/d(node), from 1 at E_total down to the "
            f"weights, e.g. w1 {adj['w1']:.4f} and w5 {adj['w5']:.4f}. Highlighted: "
            f"{FORK}, which feeds {fork}; its adjoint {adj[FORK]:.4f} is the sum of the two "
            f"products.")


# -- the cost of a gradient ---------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """Operations for one gradient of a logistic MLP with squared error, one example."""

    sizes: tuple
    parameters: int  # weights and one bias per neuron
    forward: int     # one forward pass and its error E
    backward: int    # one backward pass, given the forward pass's values

    @property
    def backprop(self):
        """The whole gradient by backpropagation: a forward and a backward pass."""
        return self.forward + self.backward

    @property
    def finite_differences(self):
        """Central differences: two forward passes (E at p + h and p - h) per parameter."""
        return 2 * self.parameters * self.forward


def operation_counts(sizes):
    """Counts for layer sizes [n_in, n_1, ..., n_out] (at least two sizes, each >= 1).

    One operation per +, -, * and per logistic. A layer of m neurons fed by n values:
    forward n m products, n m sums (bias included) and m logistics; backward, its deltas
    (out - t, then out (1 - out): 3 operations and 1 product per output neuron; for a
    hidden neuron the blame sum_o delta_o w, n m products and n (m - 1) sums for the n
    neurons fed, then the slope) and its gradients dE/dw = delta out, n m products (dE/db
    is the delta itself). The error 1/2 sum (t - out)^2: 3 per output, and the sums.
    """
    if not isinstance(sizes, (list, tuple)) or len(sizes) < 2:
        raise ValueError(f"sizes must list at least 2 layer sizes [inputs, ..., outputs], "
                         f"got {sizes!r}")
    sizes = tuple(_validate.count(f"sizes[{i}]", n, minimum=1) for i, n in enumerate(sizes))
    pairs = list(zip(sizes, sizes[1:]))
    parameters = sum(n * m + m for n, m in pairs)
    out = sizes[-1]
    forward_ops = sum(2 * n * m + m for n, m in pairs) + 3 * out + (out - 1)
    backward_ops = 4 * out  # out - t, out (1 - out), and their product
    for n, m in pairs[1:]:  # blame carried back into the n neurons feeding this layer
        backward_ops += n * m + n * (m - 1) + 3 * n  # sum_o delta_o w, then slope, delta
    backward_ops += sum(n * m for n, m in pairs)  # dE/dW = delta * out, one product each
    return Counts(sizes, parameters, forward_ops, backward_ops)


def cost_sizes():
    """The networks of the cost figure: [n, n, n] for n = 2, 4, ..., 256 (12 to 131,584
    parameters)."""
    return [[n, n, n] for n in (2, 4, 8, 16, 32, 64, 128, 256)]


def cost_table(sizes_list):
    """A Table: each network's parameters, operations by backprop (forward + backward),
    the backward pass over the forward, and finite differences over backprop."""
    rows = []
    for sizes in sizes_list:
        c = operation_counts(sizes)
        rows.append(("-".join(map(str, c.sizes)), f"{c.parameters:,}", f"{c.forward:,}",
                     f"{c.backward:,}", f"{c.finite_differences:,}",
                     f"{c.finite_differences / c.backprop:,.0f}"))
    return Table(["network", "parameters", "forward pass", "backward pass",
                  "finite differences", "finite differences \u00f7 backprop"], rows)


@styled
def cost_figure(sizes_list):
    """Operations per gradient against the number of parameters, both axes logarithmic."""
    counts = [operation_counts(s) for s in sizes_list]
    P = [c.parameters for c in counts]
    fig, ax = chart((7.2, 4.4), xscale="log", yscale="log")
    series = (("finite differences (2 forward passes per parameter)",
               [c.finite_differences for c in counts], VERMILLION, "s", "-"),
              ("backprop (one forward + one backward pass)",
               [c.backprop for c in counts], BLUE, "o", "-"),
              ("one forward pass", [c.forward for c in counts], DARK_GREY, None, ":"))
    for label, ys, color, marker, style in series:
        ax.plot(P, ys, color=color, marker=marker, linestyle=style, linewidth=2,
                markersize=5, label=label)
    ax.set_xlabel("parameters of the network (weights and biases)")
    ax.set_ylabel("operations for one gradient")
    ax.legend(loc="upper left", frameon=False)
    return fig


def describe_costs(sizes_list):
    """Alt text for cost_figure, from the counts it plots."""
    first, last = operation_counts(sizes_list[0]), operation_counts(sizes_list[-1])

    def slope(cost):  # decades of operations per decade of parameters, end to end
        return (np.log10(cost(last) / cost(first))
                / np.log10(last.parameters / first.parameters))

    def at(c):
        return (f"at {c.parameters:,} parameters backprop takes {c.backprop:,} operations "
                f"and finite differences {c.finite_differences:,}, "
                f"{c.finite_differences / c.backprop:,.0f} times as many")
    return (f"Log-log chart of the operations for one gradient against the number of "
            f"parameters, for networks from {'-'.join(map(str, first.sizes))} to "
            f"{'-'.join(map(str, last.sizes))}: {at(first)}; {at(last)}. On these axes "
            f"backprop's line has slope {slope(lambda c: c.backprop):.1f}, just above one "
            f"forward pass, and finite differences rise with slope "
            f"{slope(lambda c: c.finite_differences):.1f}.")


def time_gradients(sizes, repeats=3, seed=0):
    """Median seconds for one gradient of MLP.random(sizes) on one example: (backprop,
    finite differences). Measured on this machine, so never the same twice."""
    repeats = _validate.count("repeats", repeats, minimum=1)
    net = MLP.random(list(sizes), "logistic", seed=seed)
    rng = np.random.default_rng(_validate.count("seed", seed))
    X = rng.uniform(0, 1, (1, net.sizes[0]))
    T = rng.uniform(0, 1, (1, net.sizes[-1]))
    results = []
    for work in (lambda: net.backward(X, T), lambda: numerical_gradients(net, X, T)):
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            work()
            times.append(time.perf_counter() - start)
        results.append(float(np.median(times)))
    return tuple(results)


def timing_table(sizes_list, repeats=3):
    """Measured times (machine-dependent) for each network: backprop, finite differences,
    and their ratio."""
    rows = []
    for sizes in sizes_list:
        bp, fd = time_gradients(sizes, repeats)
        rows.append(("-".join(map(str, sizes)), f"{operation_counts(sizes).parameters:,}",
                     f"{bp * 1e6:,.0f} \u00b5s", f"{fd * 1e3:,.1f} ms", f"{fd / bp:,.0f}"))
    return Table(["network", "parameters", "backprop", "finite differences",
                  "ratio"], rows)


# -- a bug to find -----------------------------------------------------------------------


def gradients_changed(output_weights, params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """The weights whose gradient changes when the hidden layer carries the output deltas
    back through output_weights (w5, w6, w7, w8) instead of the network's own: what a
    wrong weight in `hidden_layer` would spoil."""
    if not isinstance(output_weights, (list, tuple)) or len(output_weights) != 4:
        raise ValueError(f"output_weights must hold 4 values (w5, w6, w7, w8), "
                         f"got {output_weights!r}")
    values = [_validate.finite(f"output_weights[{i}]", x) for i, x in enumerate(output_weights)]
    right = backward(params, example).weight_gradients()
    wrong = backward(params, example, output_weights=values).weight_gradients()
    return tuple(w for w, a, b in zip(WEIGHTS, right, wrong) if a != b)


# -- the numbers the prose names ---------------------------------------------------------


def hidden_layer_facts(engine, sympy_values):
    """The tutorial's walkthrough values, the backward pass's (engine: Backward.as_dict()),
    SymPy's factors of dE/dw1 as sympy_<name>, and how many decimals the tutorial prints
    w1_new and w2_new with."""
    return {**flat(walkthrough()), **engine,
            **{f"sympy_{name}": value for name, value in sympy_values.items()},
            "decimals_w1_new": PUBLISHED["w1_new"].decimals,
            "decimals_w2_new": PUBLISHED["w2_new"].decimals}


def graph_facts(g, adjoint):
    """Two local gradients out of out_h1 in the Graph g, and three adjoints (from adjoints(g))."""
    local = {(parent, child): value for parent, child, value in g.edges}
    return {"local_w5": local["out_h1", "net_o1"], "local_w7": local["out_h1", "net_o2"],
            **{f"adjoint_{node}": adjoint[node] for node in ("net_o1", "net_o2", "out_h1")}}


def cost_facts(sizes_list):
    """Operation counts of the smallest and the largest network in sizes_list."""
    small, large = operation_counts(sizes_list[0]), operation_counts(sizes_list[-1])
    return {"forward_small": small.forward, "backward_small": small.backward,
            "parameters_large": large.parameters, "forward_large": large.forward,
            "backward_large": large.backward,
            "fd_over_bp_large": large.finite_differences / large.backprop}
