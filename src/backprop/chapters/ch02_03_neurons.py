"""What one neuron computes, and what one output's error looks like: chapters 2 and 3.

    worked(names)            a definition from symbolic.DEFINITIONS, then the same with the
                             numbers put in, then the engine's value; shows as math
    logistic_curve()         the logistic curve with the four neurons' (net, out) marked
    error_curves()           each output's error as a parabola in out, with its tangent
    forward_labels()         out values as node labels for diagram.draw_network
    describe_...()           alt text for each figure, from the same numbers
    forward_facts, slope_facts, error_slope_facts   the numbers the prose names, as {name: value}

Every figure is a bare matplotlib Figure; every number in it comes from forward()/backward().
"""

import sympy as sp
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .. import _validate
from ..derive import symbolic as S
from ..tutorial.backward import backward
from ..display.diagram import describe_network
from ..display.style import (BLUE, GREEN, GREY, INK, LARGE, LIGHT_GRID, PURPLE, SMALL, VERMILLION,
                             styled)
from ..tutorial.forward import forward, logistic, squared_error
from ..tutorial.network import NEURONS, TUTORIAL_PARAMS, TUTORIAL_EXAMPLE
from ..tutorial.published import PUBLISHED
from ..display.numbers import four_decimals, trimmed

OUTPUTS = ("o1", "o2")
TARGET = {"o1": "t1", "o2": "t2"}
WORKED = tuple(f"{q}_{n}" for n in NEURONS for q in ("net", "out")) + ("E_o1", "E_o2",
                                                                       "E_total")

# Okabe-Ito colours (safe for colour-blind readers), all dark enough on white; each kind of
# mark also has its own shape or dash, so the figures survive greyscale printing.
CURVE, HIDDEN, OUTPUT, TANGENT, TARGET_MARK = BLUE, GREEN, VERMILLION, PURPLE, GREEN
MARKER = {"h1": "o", "h2": "o", "o1": "s", "o2": "s"}


def _names(what, value, allowed):
    names = (value,) if isinstance(value, str) else tuple(value)
    if not names:
        raise ValueError(f"{what} must name at least one of {', '.join(allowed)}")
    for name in names:
        _validate.choice(what, name, allowed)
    return names


# ---------------------------------------------------------------------------------------
# Worked arithmetic


def _values(params, example, fwd):
    """{symbol: number} for every symbol a definition can mention."""
    p, ex = params, example
    given = {S.PARAMETERS[w]: getattr(p, w) for w in S.PARAMETERS if w[0] == "w"}
    given |= {S.b1: p.b1, S.b2: p.b2,  # p.b1 raises once a layer's bias is split
              S.i1: ex.i1, S.i2: ex.i2, S.t1: ex.t1, S.t2: ex.t2}
    return given | {S.net[n]: getattr(fwd, f"net_{n}") for n in NEURONS} \
                 | {S.out[n]: getattr(fwd, f"out_{n}") for n in NEURONS}


def _shown(x):
    # A negative number put in place of a symbol needs brackets: 0.05 \cdot (-0.15).
    return trimmed(x) if x >= 0 else rf"\left({trimmed(x)}\right)"


def _as_tutorial_writes(expr):
    """A net input in the tutorial's order, w1 i1 + w2 i2 + b1 (SymPy sorts it b1 + i1 w1 +
    i2 w2); held unevaluated, so it prints as built. Other expressions are left alone."""
    if not isinstance(expr, sp.Add):
        return expr
    terms = [sp.Mul(*reversed(t.as_ordered_factors()), evaluate=False) if t.is_Mul else t
             for t in expr.as_ordered_terms()]
    return sp.Add(*[t for t in terms if t.is_Mul], *[t for t in terms if not t.is_Mul],
                  evaluate=False)


def _lines(symbol, values, value):
    """Aligned lines: symbol = definition [= as exponentials] = with numbers = value."""
    definition = S.DEFINITIONS[symbol]
    formula = definition.rewrite(sp.exp)
    if symbol in S.net.values():
        definition = formula = _as_tutorial_writes(definition)
    steps = [sp.latex(definition, order="none")]
    if formula != definition:  # out = sigma(net) = 1 / (1 + e^-net)
        steps[0] += " = " + sp.latex(formula, order="none")
    numbers = {s: _shown(values[s]) for s in formula.free_symbols}
    steps.append(sp.latex(formula, order="none", symbol_names=numbers, mul_symbol="dot"))
    steps.append(trimmed(value))
    return [f"{sp.latex(symbol)} &= {steps[0]}"] + [f"&= {s}" for s in steps[1:]]


def worked(names, params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    r"""The definitions of `names` (net_h1, out_h1, ..., E_total) as aligned math, each
    followed by the same formula with the numbers put in and the engine's value.

    The formula is SymPy's rendering of symbolic.DEFINITIONS; the numbers, rounded to 9
    decimals as the tutorial prints them, and the value come from forward().
    """
    names = _names("names", names, WORKED)
    fwd = forward(params, example)
    values = _values(params, example, fwd)
    symbols = {**{f"net_{n}": S.net[n] for n in NEURONS},
               **{f"out_{n}": S.out[n] for n in NEURONS},
               "E_o1": S.E_o1, "E_o2": S.E_o2, "E_total": S.E_total}
    lines = [line for name in names
             for line in _lines(symbols[name], values, getattr(fwd, name))]
    return S.aligned(lines)


# ---------------------------------------------------------------------------------------
# The logistic curve


def _pair_window(a, b):
    """An x-range around two net inputs: they sit a third of its width apart, or, when they
    nearly coincide, the range is 0.06 wider than their gap."""
    lo, hi = sorted((a, b))
    pad = max(hi - lo, 0.03)
    return lo - pad, hi + pad


def _curve(ax, x0, x1, n=400):
    xs = [x0 + (x1 - x0) * k / (n - 1) for k in range(n)]
    ax.plot(xs, [logistic(x) for x in xs], color=CURVE, linewidth=2, zorder=1)


def _point(ax, fwd, n, size=8):
    color = HIDDEN if n[0] == "h" else OUTPUT
    ax.plot([getattr(fwd, f"net_{n}")], [getattr(fwd, f"out_{n}")], MARKER[n], color=color,
            markersize=size, markeredgecolor=INK, markeredgewidth=1, zorder=3,
            gid=f"point-{n}")


def _style(ax, xlabel, ylabel):
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.tick_params(labelsize=SMALL)
    ax.grid(color=LIGHT_GRID)
    ax.set_axisbelow(True)  # grid and axes at zorder 0.5, under every curve and mark
    ax.set_facecolor("white")


def _label(ax, text, xy, corner):
    """Text in a corner of ax ("upper left" / "lower right") with an arrow to xy."""
    at, ha, va = {"upper left": ((0.04, 0.95), "left", "top"),
                  "lower right": ((0.96, 0.05), "right", "bottom")}[corner]
    ax.annotate(text, xy=xy, xytext=at, textcoords="axes fraction", ha=ha, va=va,
                multialignment="left", fontsize=SMALL, zorder=4,
                bbox=dict(boxstyle="round,pad=0.3", facecolor="white", edgecolor=GREY),
                arrowprops=dict(arrowstyle="-|>", color=INK, linewidth=1, shrinkB=5))


@styled
def logistic_curve(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """The logistic function with each neuron's (net, out) marked: the whole S on top,
    and below it two close-ups, one per layer, where the neurons of a layer separate."""
    fwd = forward(params, example)
    nets = [getattr(fwd, f"net_{n}") for n in NEURONS]
    x0, x1 = min(-6.0, min(nets) - 1), max(6.0, max(nets) + 1)

    fig = Figure(figsize=(8, 7), facecolor="white", layout="constrained")
    grid = fig.add_gridspec(2, 2, height_ratios=(1, 1.1))
    top = fig.add_subplot(grid[0, :])
    _curve(top, x0, x1)
    for y in (0, 1):  # the two values the curve approaches but never reaches
        top.axhline(y, color=GREY, linewidth=1, linestyle=(0, (4, 3)), zorder=0.8)
    for n in NEURONS:
        _point(top, fwd, n, size=7)
    top.set_xlim(x0, x1)
    top.set_ylim(-0.08, 1.08)
    top.set_title(r"The logistic function $\sigma(net) = 1\,/\,(1 + e^{-net})$",
                  fontsize=LARGE)
    _style(top, "net (total net input)", r"out $= \sigma(net)$")
    for layer, corner in ((("h1", "h2"), "upper left"), (("o1", "o2"), "lower right")):
        mid = [sum(getattr(fwd, f"{q}_{n}") for n in layer) / 2 for q in ("net", "out")]
        _label(top, f"{layer[0]}, {layer[1]}", mid, corner)

    for col, (a, b), title in ((0, ("h1", "h2"), "Close-up: the hidden layer"),
                               (1, ("o1", "o2"), "Close-up: the output layer")):
        ax = fig.add_subplot(grid[1, col])
        lo, hi = _pair_window(getattr(fwd, f"net_{a}"), getattr(fwd, f"net_{b}"))
        _curve(ax, lo, hi, n=100)
        ylo, yhi = logistic(lo), logistic(hi)
        ax.set_xlim(lo, hi)
        ax.set_ylim(ylo - 0.05 * (yhi - ylo), yhi + 0.05 * (yhi - ylo))
        first, second = sorted((a, b), key=lambda n: getattr(fwd, f"net_{n}"))
        for n, corner in ((first, "upper left"), (second, "lower right")):
            _point(ax, fwd, n)
            net, out = getattr(fwd, f"net_{n}"), getattr(fwd, f"out_{n}")
            _label(ax, f"{n}\nnet_{n} = {four_decimals(net)}\nout_{n} = {four_decimals(out)}",
                   (net, out), corner)
        ax.xaxis.set_major_locator(MaxNLocator(4))
        ax.yaxis.set_major_locator(MaxNLocator(4))
        ax.set_title(title)
        _style(ax, "net", "out")
    return fig


def describe_logistic_curve(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """Alt text for logistic_curve(params, example), values included."""
    fwd = forward(params, example)
    points = "; ".join(f"{n} at net_{n} = {four_decimals(getattr(fwd, f'net_{n}'))}, "
                       f"out_{n} = {four_decimals(getattr(fwd, f'out_{n}'))}" for n in NEURONS)
    return ("Plot of the logistic function sigma(net) = 1 / (1 + e^-net): an S-shaped curve "
            "that rises from just above 0 on the left to just below 1 on the right, passing "
            f"0.5 at net = 0. The four neurons of the forward pass are marked on it: {points}. "
            "Two close-ups below separate the hidden neurons h1 and h2 (circles) and the "
            "output neurons o1 and o2 (squares), which lie too close together to tell apart "
            "in the full view.")


# ---------------------------------------------------------------------------------------
# The error of one output


def _error_panel(ax, o, out, target, error, slope):
    t = TARGET[o]
    E, out_o = rf"$E_{{{o}}}$", rf"$out_{{{o}}}$"
    xs = [k / 200 for k in range(201)]  # out runs over (0, 1): the logistic's range
    ax.plot(xs, [squared_error(target, x) for x in xs], color=CURVE, linewidth=2, zorder=1,
            label=rf"$E_{{{o}}} = \frac{{1}}{{2}}\,(t_{t[1]} - out_{{{o}}})^2$")
    # The tangent at the current output: the straight line with the curve's slope there.
    ends = [max(0.0, out - 0.22), min(1.0, out + 0.22)]
    ax.plot(ends, [error + slope * (x - out) for x in ends], color=TANGENT, linewidth=2,
            linestyle=(0, (5, 2)), zorder=2, gid=f"tangent-{o}",
            label=rf"tangent, slope $\partial E_{{{o}}}/\partial out_{{{o}}}$ = "
                  rf"{four_decimals(slope)}")
    ax.plot([target], [0], "D", color=TARGET_MARK, markersize=8, markeredgecolor=INK,
            zorder=3, gid=f"target-{o}", clip_on=False,
            label=rf"target $t_{t[1]}$ = {trimmed(target)}, where {E} = 0")
    ax.plot([out], [error], "o", color=OUTPUT, markersize=9, markeredgecolor=INK, zorder=4,
            gid=f"point-{o}", clip_on=False,
            label=f"now: {out_o} = {four_decimals(out)}, {E} = {four_decimals(error)}")
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.03, 0.55)
    ax.set_title(f"Output {o}", fontsize=LARGE)
    _style(ax, out_o, E)
    # Below the plot, where it can hide no part of the curve.
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.17), framealpha=1,
              facecolor="white", edgecolor=GREY)


@styled
def error_curves(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, outputs=OUTPUTS):
    """For each output in `outputs`, its error E_o = 1/2 (t - out_o)^2 as a function of
    out_o: the target at the bottom, the current output on the curve, and the tangent there,
    whose slope is dE_total/dout_o from backward()."""
    outputs = _names("outputs", outputs, OUTPUTS)
    b = backward(params, example)
    fig = Figure(figsize=(4.0 * len(outputs), 5.0), facecolor="white", layout="constrained")
    axes = fig.subplots(1, len(outputs), squeeze=False)[0]
    for ax, o in zip(axes, outputs):
        _error_panel(ax, o, getattr(b.fwd, f"out_{o}"), getattr(example, TARGET[o]),
                     getattr(b.fwd, f"E_{o}"), getattr(b.output, f"dE_dout_{o}"))
    return fig


def describe_error_curves(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, outputs=OUTPUTS):
    """Alt text for error_curves(params, example, outputs), values included."""
    outputs = _names("outputs", outputs, OUTPUTS)
    b = backward(params, example)
    parts = []
    for o in outputs:
        t, target = TARGET[o], getattr(example, TARGET[o])
        out, error = getattr(b.fwd, f"out_{o}"), getattr(b.fwd, f"E_{o}")
        slope = getattr(b.output, f"dE_dout_{o}")
        parts.append(
            f"For {o}: the parabola E_{o} = 1/2 ({t} - out_{o})^2 for out_{o} from 0 to 1, "
            f"touching zero at the target {t} = {trimmed(target)}. The current output "
            f"out_{o} = {four_decimals(out)} gives E_{o} = {four_decimals(error)}; the tangent "
            f"there has slope {four_decimals(slope)}, so the error {'grows' if slope > 0 else 'shrinks'} "
            f"as out_{o} grows.")
    what = "one plot" if len(outputs) == 1 else f"{len(outputs)} plots side by side"
    return f"{what[0].upper()}{what[1:]} of an output's squared error against its value. " \
           + " ".join(parts)


# ---------------------------------------------------------------------------------------
# The diagram after the forward pass


def forward_labels(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """{neuron: "net_n = ...\\nout_n = ..."}: node_labels for diagram.draw_network."""
    fwd = forward(params, example)
    return {n: f"net_{n} = {four_decimals(getattr(fwd, f'net_{n}'))}\n"
               f"out_{n} = {four_decimals(getattr(fwd, f'out_{n}'))}" for n in NEURONS}


def describe_forward_network(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """Alt text for draw_network(params, example, node_labels=forward_labels(...))."""
    labels = forward_labels(params, example)
    return (describe_network(params, example) + " Beside each hidden and output neuron, "
            "its net input and output: "
            + "; ".join(f"{n}: {labels[n].replace(chr(10), ', ')}" for n in NEURONS) + ".")


# -- the numbers the prose names ---------------------------------------------------------


def forward_facts(fwd, example):
    """Every value of the `Forward` fwd, the tutorial's text of each it publishes
    (published_<name>), and the targets."""
    values = fwd.as_dict()
    return {**values,
            **{f"published_{name}": PUBLISHED[name].text for name in values if name in PUBLISHED},
            "t1": example.t1, "t2": example.t2}


def slope_facts(output):
    """out_o1's slope dout_o1/dnet_o1 from the `OutputLayer` output, and the tutorial's text."""
    return {"slope_o1": output.dout_o1_dnet_o1,
            "published_slope_o1": PUBLISHED["dout_o1_dnet_o1"].text}


def error_slope_facts(output):
    """dE_total/dout_o1 and dE_total/dout_o2 from the `OutputLayer` output, and the
    tutorial's text of the first."""
    return {"dE_dout_o1": output.dE_dout_o1, "dE_dout_o2": output.dE_dout_o2,
            "published_dE_dout_o1": PUBLISHED["dE_dout_o1"].text}
