"""Beyond one example: batches of examples (chapter 11) and networks of any depth (chapter 12).

More than one example
    tutorial_without_o2()        the tutorial's network with its second output removed: 2-2-1
    parameter_labels(net)        every weight and bias by name: w1 ... w6, b_h1 ... for 2-2-x
    per_example_gradients(net, X, T)   one `Gradients` per row, each from a batch of one
    mean_check_table(net, X, T)  each example's gradient, their mean, the batch's gradient
    largest_mean_gap(net, X, T)  max |mean of the examples' gradients - batch gradient|
    line_sum_lines()             SymPy: one neuron's net at the XOR corners, and why no line
    mean_rule()                  SymPy: the derivative of a mean (and of a sum) of E_total
    single_neuron_lines(X, T)    SymPy: dE/dw1, dE/dw2, dE/db of one logistic neuron on X, T
    single_neuron_check(net, X, T)   SymPy's values beside the engine's batch gradient
    gradient_lengths(net, X, T, batch_sizes, seed)   mean and summed gradient, by batch size
    examples_table(X, T), outputs_table(nets, X, T)   a small data set, and what nets say
    single_neuron_grid_min(X, T)     the lowest E of one neuron over a grid of its parameters
    first_step(net, X, T, eta)   E after one full-batch step with the mean and with the sum
    first_step_table(steps)      the same as a table
    one_example_update(reduction)    the tutorial's update, done as a batch of one example
    train_regimes(make_net, X, T, eta, epochs, batch_sizes)   one `Run` per batch size
    epochs_to_reach(errors, level)   the first epoch whose E is at most level
    regime_table, regime_figure, describe_regime_figure   the runs compared
    error_trace(net, X, T, eta, epochs, ...)   E over all examples after every update
    label_blocks(T)              the runs of one class in the file's row order
    trace_figure, describe_trace_figure   shuffled against file order, update by update
    shuffle_table(make_net, X, T, eta, epochs, seeds)   file order against shuffled orders
    example_facts, start_facts, single_neuron_facts, first_step_facts, plateau_facts,
    regime_facts, trace_facts, one_example_facts   the numbers in chapter 11's text

Any number of layers
    matrix_lines()               SymPy: the 2-2-2 backward pass in matrix form
    matrix_vs_chain()            each matrix entry minus the tutorial's chain rule (SymPy: 0)
    tutorial_table()             SymPy's, MLP.from_tutorial()'s and the scalar engine's values
    engine_slot(name)            where MLP.backward() keeps delta_o1 and the others
    matrix_form_published()      the tutorial's published quantities, from the matrix form
    gradcheck_table(result)      backprop against finite differences, array by array
    decision_grid(net, xlim, ylim, steps)   the network's output over a grid of the plane
    first_layer_lines(net)       each first-layer neuron's line net = 0, as (a, b, c)
    train_networks(shapes, X, T, eta, epochs, ...)   logistic networks of several shapes
    networks_table(nets, X, T)   size, error and accuracy of trained networks
    parameter_facts(net), accuracy_facts(nets, X, T)   numbers in chapter 12's text
    shapes_table(net, examples)  the shape of every array the passes compute, per layer
    decision_figure(panels), describe_decision_figure(panels)   what each network draws

Agreement between two computations of the same number is printed as a check against
1e-12, never as raw digits: the last bits of a float64 result may differ between machines.
For the same reason tables print training results to 4 significant digits (and Glue
stores a glued number with the digits its role shows).
"""
import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import sympy as sp
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .. import _validate
from ..nn import datasets
from ..derive import symbolic
from ..tutorial.backward import backward
from ..display.figures import chart
from ..display.style import (BLUE, DARK_GREY, GRID, INK, ORANGE, PALE_BLUE, PALE_ORANGE,
                             RUN_COLORS, RUN_STYLES, styled)
from ..tutorial.forward import logistic
from ..nn.mlp import MLP, History, tutorial_values
from ..tutorial.network import (BIAS_VECTORS, TUTORIAL_ETA, TUTORIAL_EXAMPLE, TUTORIAL_PARAMS,
                                WEIGHT_MATRICES, WEIGHTS, PARAMETERS, Example)
from ..display.tables import Table, code
from ..display.error_histories import plot_indices, updates_to_reach
from ..display.numbers import power_or_g, significant

TOL = 1e-12
# Okabe-Ito blue for class 0 and orange for class 1 (colour-blind safe); the classes
# also differ in marker shape, so they stay apart in greyscale.
CLASS_COLORS = (BLUE, ORANGE)
CLASS_MARKERS = ("o", "^")


def _plural(k, word):
    """'1 update', '4 updates'."""
    return f"{k:,} {word}{'' if k == 1 else 's'}"


def _sig(x, digits=4):
    """x to `digits` significant digits, trailing zeros kept: 0.05700, 0.0001459."""
    return f"{x:#.{digits}g}"


def _ok(difference, tol=TOL):
    """"✓ below 1e-12" when difference <= tol, else "✗" and the difference."""
    return f"✓ below {power_or_g(tol)}" if difference <= tol else f"✗ {difference:.1e}"


# -- names for the parameters ---------------------------------------------------------------



def parameter_labels(net):
    """[(label, kind, layer, index)] for every weight ("W") and bias ("b"), layer by layer.

    A 2-2-1 or 2-2-2 network uses the tutorial's labels (w5: h1 -> o1, b_o1, ...); a single
    neuron 2-1 w1, w2, b; any other shape W1[j,k] and b1[j], counted from 1 as the book does.
    """
    _net(net)
    labels = []
    for l, (W, b) in enumerate(zip(net.W, net.b)):
        for j, k in np.ndindex(W.shape):
            if net.sizes in ([2, 2, 1], [2, 2, 2]):
                name = WEIGHT_MATRICES[l][j][k]
            elif net.sizes == [2, 1]:
                name = f"w{k + 1}"
            else:
                name = f"W{l + 1}[{j + 1},{k + 1}]"
            labels.append((name, "W", l, (j, k)))
        for j in range(len(b)):
            if net.sizes in ([2, 2, 1], [2, 2, 2]):
                name = BIAS_VECTORS[l][j]
            elif net.sizes == [2, 1]:
                name = "b"
            else:
                name = f"b{l + 1}[{j + 1}]"
            labels.append((name, "b", l, (j,)))
    return labels


def _net(net):
    return _validate.instance("net", net, MLP)


def _gradient(g, kind, l, index):
    return float((g.dE_dW if kind == "W" else g.dE_db)[l][index])


# -- more than one example --------------------------------------------------------------------


def tutorial_without_o2():
    """The tutorial's network without o2: logistic 2-2-1, squared error, w1..w6, b1, b2.

    Each layer's shared bias becomes one bias per neuron with the same starting value.
    """
    p = TUTORIAL_PARAMS
    return MLP([[[p.w1, p.w2], [p.w3, p.w4]], [[p.w5, p.w6]]], [[p.b1, p.b1], [p.b2]],
               "logistic", "squared_error")


def examples_table(X, T):
    """The data set, one row per example: its inputs and its target."""
    X = _validate.array("X", X, ("examples", "inputs"))
    T = _validate.array("T", T, (len(X), "outputs"))
    ins = [code(f"i{k + 1}") for k in range(X.shape[1])]
    outs = [code(f"t{k + 1}") for k in range(T.shape[1])]
    return Table(["example", *ins, *outs],
                 [(f"{n + 1}", *(f"{v:g}" for v in x), *(f"{v:g}" for v in t))
                  for n, (x, t) in enumerate(zip(X, T))])


def outputs_table(nets, X, T):
    """Each example's target beside each network's output for it (4 decimals)."""
    if not isinstance(nets, Mapping) or not nets:
        raise ValueError("nets must be a non-empty {label: MLP} mapping")
    X = _validate.array("X", X, ("examples", "inputs"))
    T = _validate.array("T", T, (len(X), 1))
    outs = {label: _net(net).predict(X)[:, 0] for label, net in nets.items()}
    rows = [(f"({', '.join(f'{v:g}' for v in x)})", f"{t[0]:g}",
             *(f"{o[n]:.4f}" for o in outs.values())) for n, (x, t) in enumerate(zip(X, T))]
    return Table(["inputs", "target", *(f"out, {label}" for label in nets)], rows)


def single_neuron_grid_min(X, T, span=20.0, steps=81):
    """The lowest E of one logistic neuron (squared error, mean over X, T) over a grid of
    steps values from -span to span for each of w1, w2 and b: steps**3 settings."""
    X = _validate.array("X", X, ("examples", 2))
    T = _validate.array("T", T, (len(X), 1))
    span = _validate.positive("span", span)
    steps = _validate.count("steps", steps, minimum=2)
    v = np.linspace(-span, span, steps)
    w1, w2, b = np.meshgrid(v, v, v, indexing="ij")
    nets = w1[..., None] * X[:, 0] + w2[..., None] * X[:, 1] + b[..., None]
    out = 1 / (1 + np.exp(-nets))
    return float((0.5 * (T[:, 0] - out) ** 2).mean(axis=-1).min())


def per_example_gradients(net, X, T):
    """One `Gradients` per row of X, T: each a backward pass on a batch of that row alone.

    Each runs on a copy, so net's own last gradients (for step()) are left alone.
    """
    X, T = _net(net).checked(X, T)
    return [net.copy().backward(X[[n]], T[[n]]) for n in range(len(X))]


def _mean_and_batch(net, X, T):
    singles = per_example_gradients(net, X, T)
    batch = net.copy().backward(X, T)
    rows = []
    for label, kind, l, index in parameter_labels(net):
        each = [_gradient(g, kind, l, index) for g in singles]
        rows.append((label, each, float(np.mean(each)), _gradient(batch, kind, l, index)))
    return rows


def largest_mean_gap(net, X, T):
    """max over the parameters of |mean of the per-example gradients - batch gradient|."""
    return max(abs(mean - batch) for _, _, mean, batch in _mean_and_batch(net, X, T))


MAX_TABLE_EXAMPLES = 6


def mean_check_table(net, X, T, decimals=5):
    """Each parameter's gradient for every example alone, their mean, and the gradient of
    the whole batch (net.reduction must be "mean"), with a check that the two agree."""
    if _net(net).reduction != "mean":
        raise ValueError(f"net must use reduction='mean' (the mean is what is checked), "
                         f"got {net.reduction!r}")
    X, T = net.checked(X, T)
    if len(X) > MAX_TABLE_EXAMPLES:
        raise ValueError(f"X must hold 1 to {MAX_TABLE_EXAMPLES} examples to fit in a table, "
                         f"got {len(X)}")
    decimals = _validate.count("decimals", decimals, minimum=1)
    heads = [f"({', '.join(f'{x:g}' for x in row)})" for row in X]
    rows = [(code(label), *(f"{v:.{decimals}f}" for v in each), f"{mean:.{decimals}f}",
             f"{batch:.{decimals}f}", "✓" if abs(mean - batch) <= TOL else "✗")
            for label, each, mean, batch in _mean_and_batch(net, X, T)]
    return Table(["parameter", *heads, "mean", "batch", f"agree to {power_or_g(TOL)}"], rows)


def line_sum_lines():
    """Aligned math: a single neuron's net input w1 i1 + w2 i2 + b at the four XOR corners,
    then SymPy's sum of the two class-1 nets minus the two class-0 nets.

    The difference is 0 for every w1, w2, b: whatever the neuron adds to the nets of the
    class-1 corners it adds, in total, to those of the class-0 corners too.
    """
    X, T = datasets.xor()
    w1, w2, b = symbolic.w1, symbolic.w2, sp.Symbol("b")
    nets = [w1 * int(x1) + w2 * int(x2) + b for x1, x2 in X]
    names = [rf"net({int(x1)}, {int(x2)})" for x1, x2 in X]
    lines = [f"{name} &= {sp.latex(n)}" for name, n in zip(names, nets)]
    ones = [k for k in range(4) if T[k, 0] == 1]
    zeros = [k for k in range(4) if T[k, 0] == 0]
    difference = sp.expand(sum(nets[k] for k in ones) - sum(nets[k] for k in zeros))
    label = (" + ".join(names[k] for k in ones) + " - " + " - ".join(names[k] for k in zeros))
    lines.append(f"{label} &= {sp.latex(difference)}")
    return symbolic.aligned(lines)


class _ExampleError(sp.Function):
    """E_total^(n)(w, b): the error of example n, printed without its arguments."""

    def _latex(self, printer):
        return rf"E_{{total}}^{{({printer._print(self.args[0])})}}"


def mean_rule():
    """Aligned math: SymPy differentiates the mean and the sum of N examples' E_total."""
    w, b = sp.symbols("w b")
    N = sp.Symbol("N", positive=True, integer=True)
    n = sp.Symbol("n", positive=True, integer=True)
    total = sp.Sum(_ExampleError(n, w, b), (n, 1, N))
    lines = []
    for name, E in (("mean", total / N), ("sum", total)):
        lines.append(rf"\frac{{\partial}}{{\partial w}} {sp.latex(E)} &= "
                     rf"{sp.latex(sp.diff(E, w))} && \text{{({name})}}")
    return symbolic.aligned(lines)


def _single_neuron_error(X, T):
    """E of one logistic neuron out = sigma(w1 i1 + w2 i2 + b) on rows X, T: the mean over
    the rows of 1/2 (t - out)^2, with the data's numbers put in (exact rationals)."""
    X = _validate.array("X", X, ("examples", 2))
    T = _validate.array("T", T, (len(X), 1))
    w1, w2, b = symbolic.w1, symbolic.w2, sp.Symbol("b")
    terms = [(sp.nsimplify(t) - symbolic.sigma(w1 * sp.nsimplify(x1) + w2 * sp.nsimplify(x2)
                                                + b)) ** 2 / 2
             for (x1, x2), (t,) in zip(X, T)]
    return sp.Add(*terms) / len(X), (w1, w2, b)


def _outs(X, params):
    """{sigma(w1 x1 + w2 x2 + b): out_(x1,x2)} for each row: the neuron's output by name."""
    w1, w2, b = params
    return {symbolic.sigma(w1 * sp.nsimplify(x1) + w2 * sp.nsimplify(x2) + b):
            sp.Symbol(f"out_{{({x1:g},{x2:g})}}") for x1, x2 in X}


def single_neuron_lines(X, T):
    """Aligned math: E of one logistic neuron on X, T, written with its outputs
    out_(x1,x2) = sigma(w1 x1 + w2 x2 + b); SymPy's dE/dw1, dE/dw2, dE/db; and each
    derivative's exact value at w1 = w2 = b = 0, where every output is sigma(0) = 1/2."""
    E, params = _single_neuron_error(X, T)
    X = _validate.array("X", X, ("examples", 2))
    outs = _outs(X, params)
    zero = {p: 0 for p in params}
    lines = [r"out_{(x_1,x_2)} &= \sigma(w_1 x_1 + w_2 x_2 + b)",
             f"E &= {sp.latex(E.xreplace(outs))}"]
    at_zero = []
    for p in params:
        d = sp.diff(E, p)
        label = rf"\frac{{\partial E}}{{\partial {sp.latex(p)}}}"
        lines.append(f"{label} &= {sp.latex(sp.factor_terms(d.xreplace(outs)))}")
        at_zero.append(f"{label} = {sp.latex(sp.simplify(d.subs(zero).rewrite(sp.exp)))}")
    where = " = ".join(sp.latex(p) for p in params)
    lines.append(rf"\text{{at }} {where} = 0: \quad & " + r",\quad ".join(at_zero))
    return symbolic.aligned(lines)


def single_neuron_check(net, X, T, decimals=12):
    """SymPy's dE/dw1, dE/dw2, dE/db of the single neuron (its E over X, T) at net's
    weights, beside the engine's batch gradient, with a check that they agree."""
    if _net(net).sizes != [2, 1] or net.activations[0].name != "logistic" or \
            net.loss.name != "squared_error" or net.reduction != "mean":
        raise ValueError(f"net must be one logistic neuron with squared error and the mean "
                         f"(sizes [2, 1]), got {net!r}")
    E, params = _single_neuron_error(X, T)
    values = {symbolic.w1: net.W[0][0, 0], symbolic.w2: net.W[0][0, 1], params[2]: net.b[0][0]}
    g = net.copy().backward(X, T)
    rows = []
    for (label, kind, l, index), p in zip(parameter_labels(net), params):
        exact = float(sp.diff(E, p).rewrite(sp.exp).evalf(30, subs=values))
        engine = _gradient(g, kind, l, index)
        rows.append((code(f"dE_d{label}"), f"{exact:+.{decimals}f}", f"{engine:+.{decimals}f}",
                     _ok(abs(exact - engine))))
    return Table(["derivative", "SymPy", "engine", "agree?"], rows)


def _length(g):
    """The gradient's Euclidean length over every weight and bias."""
    return math.sqrt(sum(float(np.sum(a ** 2)) for a in (*g.dE_dW, *g.dE_db)))


def _with_reduction(net, reduction):
    return MLP(net.W, net.b, net.activations, net.loss, reduction)


def gradient_lengths(net, X, T, batch_sizes, seed=0):
    """[(B, length of the mean gradient, length of the summed gradient)] at net's weights,
    each over the first B examples of one shuffled order (drawn from seed)."""
    X, T = _net(net).checked(X, T)
    order = np.random.default_rng(_validate.count("seed", seed)).permutation(len(X))
    found = []
    for B in batch_sizes:
        B = _validate.count("batch_sizes", B, minimum=1, maximum=len(X))
        rows = order[:B]
        found.append((B, *(_length(_with_reduction(net, r).backward(X[rows], T[rows]))
                           for r in ("mean", "sum"))))
    return found


def gradient_lengths_table(lengths):
    """gradient_lengths() as a table, with the ratio sum / mean (B, up to rounding)."""
    return Table(["batch size B", "length of the mean gradient", "length of the summed gradient",
                  "sum / mean"],
                 [(f"{B:,}", f"{m:.6f}", f"{s:.6f}", f"{s / m:.6f}") for B, m, s in lengths])


def first_step(net, X, T, eta):
    """{"before", "mean", "sum"}: (E over all rows, lowest output, highest output) at net's
    weights, and after one full-batch step of size eta with the mean and with the summed
    gradient. E is always the mean over the rows, so the three are comparable."""
    X, T = _net(net).checked(X, T)
    found = {}
    for label, reduction in (("before", None), ("mean", "mean"), ("sum", "sum")):
        stepped = _with_reduction(net, reduction or "mean")
        if reduction:
            stepped.train(X, T, eta, 1)
        out = stepped.predict(X)
        found[label] = (_with_reduction(stepped, "mean").error(X, T), float(out.min()),
                        float(out.max()))
    return found


def first_step_table(steps):
    """first_step() as a table (E to 4 significant digits, outputs to 4 decimals)."""
    names = {"before": "before the step", "mean": "after one step with the mean",
             "sum": "after one step with the sum"}
    return Table(["when", "E over all examples", "lowest output", "highest output"],
                 [(names[k], _sig(E), f"{low:.4f}", f"{high:.4f}")
                  for k, (E, low, high) in steps.items()])


def one_example_update(reduction="mean", eta=TUTORIAL_ETA):
    """The tutorial's update as a batch of its one example: {key: value} in published keys.

    MLP.from_tutorial() takes one step of size eta with the biases frozen, as the tutorial
    does; keys: E_total, dE_dw5, dE_dw1, the eight new weights, E_after_1_update.
    """
    X, T = datasets.tutorial()
    net = MLP.from_params(TUTORIAL_PARAMS, reduction=_validate.choice(
        "reduction", reduction, ("mean", "sum")))
    g = tutorial_values(net.copy().backward(X, T))
    net.train(X, T, eta, 1, batch_size=1, train_biases=False)
    new = net.to_params()
    values = {"E_total": g["E_total"], "dE_dw5": g["dE_dw5"], "dE_dw1": g["dE_dw1"]}
    values.update({f"w{k}_new": getattr(new, f"w{k}") for k in range(1, 9)})
    values["E_after_1_update"] = net.error(X, T)
    return values


# -- three ways to walk through the examples -------------------------------------------------


@dataclass(frozen=True)
class Run:
    """One training run: its batch size, how many examples it walked, its `History`, its net."""

    label: str
    batch_size: int
    examples: int
    history: History
    net: MLP

    @property
    def updates_per_epoch(self):
        return math.ceil(self.examples / self.batch_size)

    @property
    def epochs(self):
        return len(self.history.epochs) - 1


def train_regimes(make_net, X, T, eta, epochs, batch_sizes, seed=0):
    """{label: Run}: a fresh make_net() trained for epochs on X, T with each batch size.

    batch_sizes: {label: size}, None for the full batch. Every run gets the same eta and
    seed (which fixes the order of the examples in each epoch).
    """
    if not isinstance(batch_sizes, Mapping) or not 1 <= len(batch_sizes) <= len(RUN_COLORS):
        raise ValueError(f"batch_sizes must map 1 to {len(RUN_COLORS)} labels to batch sizes")
    runs = {}
    for label, size in batch_sizes.items():
        net = make_net()
        X_, T_ = _net(net).checked(X, T)
        history = net.train(X_, T_, eta, epochs, batch_size=size, seed=seed)
        runs[label] = Run(label, len(X_) if size is None else size, len(X_), history, net)
    return runs


epochs_to_reach = updates_to_reach  # per epoch here: errors[k] after k epochs


def _runs(runs):
    return _validate.mapping("runs", runs, Run, "{label: Run} mapping, as train_regimes gives")


def regime_table(runs, X, T, level):
    """Per run: batch size, updates per epoch, the epoch and update where E first reaches
    level, and E and the accuracy after all epochs (E to 4 significant digits)."""
    rows = []
    for label, run in _runs(runs).items():
        k = epochs_to_reach(run.history.epochs, level)
        reach = ("never", "never") if k is None else (f"{k:,}", f"{k * run.updates_per_epoch:,}")
        rows.append((label, f"{run.batch_size:,}", f"{run.updates_per_epoch:,}", *reach,
                     _sig(run.history.epochs[-1]), f"{run.net.accuracy(X, T):.1%}"))
    last = max(run.epochs for run in runs.values())
    return Table(["regime", "batch size", "updates per epoch", f"epoch E first ≤ {level:g}",
                  f"update E first ≤ {level:g}", f"E after {last:,} epochs", "accuracy"], rows)


@styled
def regime_figure(runs, reference=None, reference_label=None):
    """E over all examples for each run, against epochs (top) and against updates (bottom).

    Both panels draw the same numbers, errors[k] after k epochs, placed at k epochs above
    and at k times the run's updates per epoch below. reference: a level drawn dashed.
    """
    runs = _runs(runs)
    fig = Figure(figsize=(7.2, 6.6), facecolor="white")
    top, bottom = fig.subplots(2, 1)
    for i, run in enumerate(runs.values()):
        k = plot_indices(run.epochs)
        e = run.history.epochs[k]
        style = dict(color=RUN_COLORS[i], linestyle=RUN_STYLES[i], linewidth=2)
        top.plot(k, e, label=f"{run.label} (batch of {run.batch_size:,})", gid=f"epochs-{i}",
                 **style)
        bottom.plot(k * run.updates_per_epoch, e, gid=f"updates-{i}", **style)
    for ax, xlabel in ((top, "epochs (each example used once per epoch)"),
                       (bottom, "updates (one step of gradient descent each)")):
        ax.set_yscale("log")
        ax.set_xlim(left=0)
        if reference is not None:
            ax.axhline(_validate.positive("reference", reference), color=DARK_GREY,
                       linestyle=(0, (4, 3)), linewidth=1.2,
                       label=reference_label if ax is top else None, gid="reference")
        ax.grid(True, which="major")
        ax.set_axisbelow(True)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("E (log scale)")
        ax.xaxis.set_major_formatter("{x:,.0f}")
    fig.legend(*top.get_legend_handles_labels(), loc="upper center", ncols=2,
               frameon=False)
    fig.tight_layout(rect=(0, 0, 1, 0.93))
    return fig


def describe_regime_figure(runs, level, reference=None, reference_label=None):
    """Alt text for regime_figure: each run's start, end, and when it first reaches level."""
    runs = _runs(runs)
    last = max(run.epochs for run in runs.values())
    parts = [f"Two line charts of the error E over all examples, on a logarithmic scale. "
             f"Top: against epochs, 0 to {last:,}. Bottom: the same errors against the "
             f"number of updates."]
    if reference is not None:
        parts.append(f"A dashed horizontal line marks {reference:g}"
                     f"{f' ({reference_label})' if reference_label else ''}.")
    for run in runs.values():
        e = run.history.epochs
        k = epochs_to_reach(e, level)
        when = (f"never reaches {level:g}" if k is None else
                f"first reaches {level:g} after {_plural(k, 'epoch')}, which is "
                f"{_plural(k * run.updates_per_epoch, 'update')}")
        parts.append(f"{run.label}, batch of {run.batch_size:,} "
                     f"({_plural(run.updates_per_epoch, 'update')} per epoch): starts at "
                     f"{_sig(e[0])}, {when}, and ends at {_sig(e[-1])}.")
    return " ".join(parts)


# -- shuffling ------------------------------------------------------------------------------


def error_trace(net, X, T, eta, epochs, batch_size=1, shuffle=True, seed=0):
    """E over all of X, T before training and after every update; trains net in place.

    The same updates, in the same order, as net.train(X, T, eta, epochs, batch_size,
    shuffle, seed), which it calls: only the error over the whole data set is measured
    after each one.
    """
    X, T = _net(net).checked(X, T)
    trace = [net.unchecked_error(X, T)]
    net.train(X, T, eta, epochs, batch_size=batch_size, shuffle=shuffle, seed=seed,
              on_update=lambda k, g: trace.append(net.unchecked_error(X, T)))
    return np.array(trace)


def label_blocks(T):
    """[(first row, last row + 1, label)] of the runs of equal class labels in row order."""
    labels = (T[:, 0] >= 0.5).astype(int) if T.shape[1] == 1 else T.argmax(axis=1)
    edges = [0, *(np.flatnonzero(np.diff(labels)) + 1), len(labels)]
    return [(int(a), int(b), int(labels[a])) for a, b in zip(edges, edges[1:])]


def _traces(traces):
    if not isinstance(traces, Mapping) or not 1 <= len(traces) <= len(RUN_COLORS):
        raise ValueError(f"traces must map 1 to {len(RUN_COLORS)} labels to error traces")
    found = {}
    for label, e in traces.items():
        e = np.asarray(e, dtype=float)
        if e.ndim != 1 or len(e) < 2 or not np.all(np.isfinite(e)):
            raise ValueError(f"traces[{label!r}] must be a 1-D sequence of at least 2 finite "
                             f"errors")
        found[str(label)] = e
    return found


@styled
def trace_figure(traces, T):
    """E over all examples after every update, one line per trace; the stretches where
    the file order holds class-1 rows are shaded, epoch ends marked by ticks.

    T: the targets in file order (their class blocks are what the shading shows).
    """
    traces = _traces(traces)
    T = _validate.array("T", T, ("examples", "outputs"))
    n = len(T)
    updates = max(len(e) for e in traces.values()) - 1
    fig, ax = chart((7.2, 3.9), grid="y")
    for epoch in range(math.ceil(updates / n)):
        for a, b, label in label_blocks(T):
            if label == 1:
                ax.axvspan(epoch * n + a, min(epoch * n + b, updates), color=CLASS_COLORS[1],
                           alpha=0.18, linewidth=0, gid=f"class-1-{epoch}",
                           label="class-1 rows of the file order" if epoch == 0 else None)
    for i, (label, e) in enumerate(traces.items()):
        ax.plot(np.arange(len(e)), e, color=RUN_COLORS[i], linestyle=RUN_STYLES[i],
                linewidth=1.8, label=label, gid=f"trace-{i}")
    ax.set_xlim(0, updates)
    ax.set_xticks(np.arange(0, updates + 1, n))
    ax.xaxis.set_major_formatter("{x:,.0f}")
    ax.set_ylim(bottom=0)
    ax.set_xlabel(f"updates, one example each (ticks: every {n:,}, one epoch)")
    ax.set_ylabel("E over all examples")
    # Below every curve: E over all examples stays well above 0 in any run worth showing.
    ax.legend(frameon=True, framealpha=1, edgecolor=GRID,
              loc="lower center", ncols=3)
    fig.tight_layout()
    return fig


def describe_trace_figure(traces, T):
    """Alt text for trace_figure: each trace's range, and its swings within each epoch."""
    traces = _traces(traces)
    n = len(_validate.array("T", T, ("examples", "outputs")))
    updates = max(len(e) for e in traces.values()) - 1
    parts = [f"Line chart of the error E over all {n:,} examples after each of {updates:,} "
             f"online updates, one epoch every {n:,} updates; shaded bands mark where the "
             f"file order holds the class-1 rows."]
    for label, e in traces.items():
        epochs = [e[k * n:(k + 1) * n + 1] for k in range(math.ceil((len(e) - 1) / n))]
        swings = ", ".join(f"{s.min():.3f} to {s.max():.3f}" for s in epochs)
        parts.append(f"{label}: starts at {e[0]:.3f} and ends at {e[-1]:.3f}; within each "
                     f"epoch it ranges over {swings}.")
    return " ".join(parts)


def shuffle_table(make_net, X, T, eta, epochs, seeds):
    """E after 1 and after all epochs of online training, and the accuracy: once in file
    order, then shuffled with each seed (E to 4 significant digits)."""
    seeds = [_validate.count("seeds", s) for s in seeds]
    rows = []
    for label, shuffle, seed in [("file order, every epoch", False, 0),
                                 *((f"shuffled, seed {s}", True, s) for s in seeds)]:
        net = make_net()
        h = net.train(X, T, eta, epochs, batch_size=1, shuffle=shuffle, seed=seed)
        rows.append((label, _sig(h.epochs[1]), _sig(h.epochs[-1]),
                     f"{net.accuracy(X, T):.1%}"))
    return Table(["order of the examples", "E after 1 epoch", f"E after {epochs:,} epochs",
                  "accuracy"], rows)



# -- chapter 11's numbers, for its text --------------------------------------------------------


def example_facts(example=TUTORIAL_EXAMPLE):
    """{"ex_i1", "ex_i2", "ex_t1", "ex_t2"}: the tutorial's one example."""
    example = _validate.instance("example", example, Example)
    return {f"ex_{name}": getattr(example, name) for name in ("i1", "i2", "t1", "t2")}


def start_facts(net, X, T):
    """E over X, T at net's weights, and the number of examples."""
    return {"E_start": _net(net).error(X, T), "n_xor": len(X)}


def single_neuron_facts(history, X, T, eta, epochs, span=20, steps=81):
    """One neuron trained for epochs with eta (its `History`) against the best E of a grid
    of steps values from -span to span for each of w1, w2, b (single_neuron_grid_min)."""
    return {"eta": eta, "eta_ratio": eta / TUTORIAL_ETA, "epochs": epochs,
            "single_E0": history.epochs[0], "single_E": history.epochs[-1],
            "grid_min": single_neuron_grid_min(X, T, span, steps), "grid_count": steps ** 3,
            "grid_low": -span, "grid_high": span}


def first_step_facts(steps, eta):
    """first_step()'s E before and after one step of size eta, and the summed step's
    lowest output."""
    return {"tutorial_eta": eta, "step_before": steps["before"][0],
            "step_mean": steps["mean"][0], "step_sum": steps["sum"][0],
            "step_sum_low": steps["sum"][1]}


def plateau_facts(X, T, eta, epochs=100):
    """w5 and w6 of tutorial_without_o2() at the start and after epochs of full-batch
    training with eta on X, T: the early plateau."""
    net = tutorial_without_o2()
    start_w5, start_w6 = net.W[1][0].tolist()
    net.train(X, T, eta, epochs)
    return {"plateau_epochs": epochs, "plateau_w5": net.W[1][0, 0],
            "plateau_w6": net.W[1][0, 1], "start_w5": start_w5, "start_w6": start_w6}


def regime_facts(runs, level):
    """Per run ("full batch" -> "full_batch_..."), the epochs and updates it took to reach
    E <= level."""
    facts = {"level": level}
    for name, run in _runs(runs).items():
        key = name.replace(" ", "_").replace("-", "_")
        reached = epochs_to_reach(run.history.epochs, level)
        facts[f"{key}_epochs"] = reached
        facts[f"{key}_updates"] = reached * run.updates_per_epoch
    return facts


def trace_facts(T, epochs):
    """The rows of each class in a file of two blocks (label_blocks), and the epochs traced."""
    (first, last0, _), (_, last1, _) = label_blocks(T)
    return {"class0_rows": last0 - first, "class1_rows": last1 - last0,
            "trace_epochs": epochs}


def one_example_facts():
    """How many of one_example_update()'s values there are, and how many the summed
    gradient leaves exactly as they are (a batch of one: all of them)."""
    mean, summed = one_example_update("mean"), one_example_update("sum")
    return {"n_checked": len(mean), "n_same": sum(summed[k] == v for k, v in mean.items())}

# -- any number of layers: the matrix form ------------------------------------------------------


def _matrix_form():
    """The 2-2-2 backward pass in SymPy matrices, from the tutorial's own symbols."""
    s = symbolic
    col = lambda *xs: sp.Matrix(xs)
    i, t = col(s.i1, s.i2), col(s.t1, s.t2)
    out_h, out_o = col(s.out_h1, s.out_h2), col(s.out_o1, s.out_o2)
    delta_h, delta_o = col(s.delta_h1, s.delta_h2), col(s.delta_o1, s.delta_o2)
    W1 = sp.Matrix([[s.w1, s.w2], [s.w3, s.w4]])
    W2 = sp.Matrix([[s.w5, s.w6], [s.w7, s.w8]])
    # dE_total/dout_o from E_total's definition, and each logistic's dout/dnet written,
    # as the tutorial writes it, through its out: sigma' = sigma (1 - sigma).
    dE_dout = col(*(sp.diff(s.DEFINITIONS[s.E_total], o) for o in out_o))
    slope = {n: sp.diff(s.sigma(s.net[n]), s.net[n]).xreplace({s.sigma(s.net[n]): s.out[n]})
             for n in s.NEURONS}
    f_o, f_h = col(slope["o1"], slope["o2"]), col(slope["h1"], slope["h2"])
    back = W2.T * delta_o
    return dict(i=i, t=t, out_h=out_h, out_o=out_o, delta_h=delta_h, delta_o=delta_o, W1=W1,
                W2=W2, dE_dout=dE_dout, f_o=f_o, f_h=f_h, back=back,
                delta_o_value=dE_dout.multiply_elementwise(f_o),
                delta_h_value=back.multiply_elementwise(f_h),
                dE_dW2=delta_o * out_h.T, dE_dW1=delta_h * i.T)


def matrix_lines():
    """Aligned math: delta_o, W2^T delta_o, delta_h, dE/dW2 and dE/dW1 for the tutorial's
    network, each as the matrix product and as SymPy's entries in the tutorial's symbols."""
    m = _matrix_form()
    L = sp.latex
    lines = [
        rf"\delta_o &= \frac{{\partial E_{{total}}}}{{\partial out_o}} \odot "
        rf"\sigma'(net_o) = {L(m['dE_dout'])} \odot {L(m['f_o'])}",
        rf"&= {L(m['delta_o_value'])}",
        rf"W_2^T \delta_o &= {L(m['W2'].T)} {L(m['delta_o'])} = {L(m['back'])}",
        rf"\delta_h &= \left(W_2^T \delta_o\right) \odot \sigma'(net_h) = {L(m['back'])} "
        rf"\odot {L(m['f_h'])}",
        rf"&= {L(m['delta_h_value'])}",
        rf"\frac{{\partial E_{{total}}}}{{\partial W_2}} &= \delta_o \, out_h^T = "
        rf"{L(m['delta_o'])} {L(m['out_h'].T)} = {L(m['dE_dW2'])}",
        rf"\frac{{\partial E_{{total}}}}{{\partial W_1}} &= \delta_h \, i^T = "
        rf"{L(m['delta_h'])} {L(m['i'].T)} = {L(m['dE_dW1'])}",
    ]
    return symbolic.aligned(lines)


# (tutorial name, where the matrix form holds it, in words)
_ENTRIES = (
    ("delta_o1", "delta_o_value", (0, 0), r"entry 1 of $\delta_o$"),
    ("delta_o2", "delta_o_value", (1, 0), r"entry 2 of $\delta_o$"),
    ("delta_h1", "delta_h_value", (0, 0), r"entry 1 of $\delta_h$"),
    ("delta_h2", "delta_h_value", (1, 0), r"entry 2 of $\delta_h$"),
    *((f"dE_d{w}", "dE_dW1", (j, k),
       rf"row {j + 1}, column {k + 1} of $\partial E_{{total}} / \partial W_1$")
      for (j, k), w in zip(np.ndindex(2, 2), ("w1", "w2", "w3", "w4"))),
    *((f"dE_d{w}", "dE_dW2", (j, k),
       rf"row {j + 1}, column {k + 1} of $\partial E_{{total}} / \partial W_2$")
      for (j, k), w in zip(np.ndindex(2, 2), ("w5", "w6", "w7", "w8"))),
)


def _chain_rule(name):
    """The tutorial's chain-rule expression for a delta or a dE/dw, from `symbolic`."""
    if name.startswith("delta_"):
        return symbolic.DEFINITIONS[symbolic.delta[name.removeprefix("delta_")]]
    return symbolic.chain(name.removeprefix("dE_d")).expr


def matrix_vs_chain():
    """For each delta and dE/dw: where the matrix form holds it, and SymPy's simplified
    difference between that entry and the tutorial's chain rule (fully expanded)."""
    m = _matrix_form()
    rows = []
    for name, key, index, where in _ENTRIES:
        difference = sp.simplify(symbolic.expanded(m[key][index] - _chain_rule(name)))
        rows.append((code(name), where, f"{difference}"))
    return Table(["tutorial's quantity", "in the matrix form", "matrix − chain rule"], rows)


# The tutorial's names and where MLP.backward()'s Gradients g keeps them: nets and outs in
# g.forward, the rest in g itself (Python counts layers from 0, examples are rows).
_ENGINE_SLOTS = (
    *((f"net_{n}", f"nets[{l}][0,{j}]") for l, ns in enumerate(BIAS_VECTORS)
      for j, n in enumerate(x.removeprefix("b_") for x in ns)),
    *((f"out_{n}", f"outs[{l}][0,{j}]") for l, ns in enumerate(BIAS_VECTORS)
      for j, n in enumerate(x.removeprefix("b_") for x in ns)),
    ("E_total", "error"),
    *((f"delta_{n}", f"deltas[{l}][0,{j}]") for l, ns in ((1, ("o1", "o2")),
                                                           (0, ("h1", "h2")))
      for j, n in enumerate(ns)),
    *((f"dE_d{WEIGHT_MATRICES[l][j][k]}", f"dE_dW[{l}][{j},{k}]")
      for l in range(2) for j in range(2) for k in range(2)),
)


def _scalar_values(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    return backward(params, example).as_dict()


def _sympy_values(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """Every quantity of tutorial_table() from SymPy: the forward pass from its definitions,
    the deltas and dE/dw from the matrix form's entries, expanded and evaluated."""
    s, m = symbolic, _matrix_form()
    exprs = {}
    for n in s.NEURONS:
        exprs[f"net_{n}"], exprs[f"out_{n}"] = s.net[n], s.out[n]
    exprs["E_total"] = s.E_total
    for name, key, index, _ in _ENTRIES:
        exprs[name] = m[key][index]
    names = [name for name, _ in _ENGINE_SLOTS]
    # sigma evaluates with the engine's own logistic, as symbolic's compiled values do.
    fn = sp.lambdify(s.BASE, [s.expanded(exprs[name]) for name in names],
                     modules=[{"sigma": logistic}, "math"])
    w = [getattr(params, x) for x in WEIGHTS]
    values = fn(*w, params.b1, params.b2, example.i1, example.i2, example.t1, example.t2)
    return dict(zip(names, map(float, values)))


def _three_way(name, sympy, matrix, scalar):
    """Whether SymPy, the matrix form and the scalar engine all agree to TOL."""
    values = (sympy[name], matrix[name], scalar[name])
    return "✓" if max(values) - min(values) <= TOL else "✗"


def tutorial_table():
    """Every net, out, delta and dE/dw of the tutorial three ways: SymPy's matrix form
    evaluated, MLP.from_tutorial().backward(), and the scalar engine's backward()."""
    g = MLP.from_tutorial().backward(*datasets.tutorial())
    matrix, scalar, sympy = tutorial_values(g), _scalar_values(), _sympy_values()
    rows = [(code(name), f"{sympy[name]:.9f}", f"{matrix[name]:.9f}", f"{scalar[name]:.9f}",
             _three_way(name, sympy, matrix, scalar)) for name, _ in _ENGINE_SLOTS]
    return Table(["quantity", "SymPy", "MLP", "scalar engine", f"agree to {power_or_g(TOL)}"],
                 rows)


def engine_slot(name):
    """Where MLP.backward()'s result g keeps a tutorial quantity, as code: for delta_o1
    "g.deltas[1][0, 0]" (layer 1 counted from 0, example 0, neuron 0)."""
    slots = {n: slot for n, slot in _ENGINE_SLOTS}
    if name not in slots:
        raise ValueError(f"name must be one of {', '.join(slots)}; got {name!r}")
    prefix = "g.forward." if name.startswith(("net_", "out_")) else "g."
    return prefix + slots[name].replace(",", ", ")


def matrix_form_published():
    """{published key: value} for the forward pass, the error, the two worked gradients,
    o1's delta and the eight updated weights, all from MLP.from_tutorial()."""
    X, T = datasets.tutorial()
    net = MLP.from_tutorial()
    g = tutorial_values(net.backward(X, T))
    per_output = net.loss.f(net.predict(X), T)[0]  # E_o1, E_o2
    values = {k: g[k] for k in ("net_h1", "out_h1", "out_h2", "net_o1", "out_o1", "out_o2")}
    values.update(E_o1=float(per_output[0]), E_o2=float(per_output[1]),
                  E_total=g["E_total"], dE_dw5=g["dE_dw5"], dEo1_dnet_o1=g["delta_o1"],
                  dE_dw1=g["dE_dw1"])
    net.step(TUTORIAL_ETA, train_biases=False)
    new = net.to_params()
    values.update({f"w{k}_new": getattr(new, f"w{k}") for k in range(1, 9)})
    return values


def gradcheck_table(result, tol=1e-7):
    """A gradcheck.check() result: each parameter array's relative error against tol."""
    tol = _validate.positive("tol", tol)
    return Table(["parameters", "shape", "backprop = finite differences?"],
                 [(code(name), " × ".join(map(str, np.shape(result.analytic[name]))),
                   _ok(err, tol)) for name, err in result.errors.items()])


# -- what a network can draw --------------------------------------------------------------------


def plot_limits(X, margin=0.4):
    """((x_low, x_high), (y_low, y_high)): the data's extent plus margin on every side."""
    X = _validate.array("X", X, ("examples", 2))
    margin = _validate.finite("margin", margin)
    if margin < 0:
        raise ValueError(f"margin must be a finite number >= 0, got {margin!r}")
    return tuple((float(X[:, d].min() - margin), float(X[:, d].max() + margin)) for d in (0, 1))


def decision_grid(net, xlim, ylim, steps=120):
    """(xs, ys, Z): the network's single output Z[r, c] at the point (xs[c], ys[r])."""
    if _net(net).sizes[0] != 2 or net.sizes[-1] != 1:
        raise ValueError(f"net must take 2 inputs and give 1 output, got sizes {net.sizes}")
    steps = _validate.count("steps", steps, minimum=2)
    (x0, x1), (y0, y1) = ((_validate.finite(f"{n}[0]", a), _validate.finite(f"{n}[1]", b))
                          for n, (a, b) in (("xlim", xlim), ("ylim", ylim)))
    if not (x0 < x1 and y0 < y1):
        raise ValueError(f"xlim and ylim must each be (low, high) with low < high, "
                         f"got {xlim!r} and {ylim!r}")
    xs, ys = np.linspace(x0, x1, steps), np.linspace(y0, y1, steps)
    gx, gy = np.meshgrid(xs, ys)
    Z = net.predict(np.column_stack([gx.ravel(), gy.ravel()]))[:, 0].reshape(gy.shape)
    return xs, ys, Z


def first_layer_lines(net):
    """[(a, b, c)] for each first-layer neuron: its line a x + b y + c = 0, where net = 0."""
    if _net(net).sizes[0] != 2:
        raise ValueError(f"net must take 2 inputs, got sizes {net.sizes}")
    return [(float(a), float(b), float(c)) for (a, b), c in zip(net.W[0], net.b[0])]


def train_networks(shapes, X, T, eta, epochs, batch_size=None, seed=0):
    """{"2-8-8-1": MLP, ...}: for each list of layer sizes a logistic network with squared
    error, drawn from seed and trained on X, T with the same eta, epochs and batch size."""
    if not isinstance(shapes, (list, tuple)) or not shapes:
        raise ValueError("shapes must be a non-empty list of layer-size lists")
    nets = {}
    for sizes in shapes:
        net = MLP.random(sizes, "logistic", "squared_error", seed=seed)
        net.train(X, T, eta, epochs, batch_size=batch_size, seed=seed)
        nets[_name(net)] = net
    return nets


def parameter_count(net):
    """How many weights and biases net has."""
    return int(sum(w.size + b.size for w, b in zip(_net(net).W, net.b)))



def parameter_facts(net):
    """How many weights and biases net has ("deep_params"), and the tutorial's ten."""
    return {"deep_params": parameter_count(net), "tutorial_params": len(PARAMETERS)}


def accuracy_facts(nets, X, T):
    """{"acc_2_3_1": accuracy, ...}: each of {name: MLP} nets on X, T."""
    return {"acc_" + name.replace("-", "_"): _net(net).accuracy(X, T)
            for name, net in nets.items()}

def shapes_table(net, examples):
    """Per layer, the shapes of what the passes compute for a batch of `examples` rows.

    Layers are numbered from 1 as in the book (W1 is the engine's W[0]).
    """
    examples = _validate.count("examples", examples, minimum=1)
    rows = []
    for l, W in enumerate(_net(net).W):
        n_out, n_in = W.shape
        rows.append((f"{l + 1}", f"{n_in} → {n_out}", f"{n_out} × {n_in}", f"{n_out}",
                     f"{examples} × {n_out}", f"{n_out} × {n_in}"))
    return Table(["layer", "neurons", "W", "b", "net, out, δ (one row per example)",
                  "∂E/∂W"], rows)


def _name(net):
    return "-".join(map(str, net.sizes))


def networks_table(nets, X, T):
    """Per trained network: hidden layers, parameters, E and accuracy on X, T (E to 4
    significant digits)."""
    if not isinstance(nets, Mapping) or not nets:
        raise ValueError("nets must be a non-empty {label: MLP} mapping")
    rows = [(label, f"{len(net.W) - 1}", f"{parameter_count(net):,}",
             _sig(net.error(X, T)), f"{net.accuracy(X, T):.1%}")
            for label, net in nets.items()]
    return Table(["network", "hidden layers", "weights and biases", "E", "accuracy"], rows)


def _panels(panels, X, T):
    if not isinstance(panels, Mapping) or not 1 <= len(panels) <= 4:
        raise ValueError("panels must map 1 to 4 titles to trained MLPs")
    for net in panels.values():
        _net(net)
    X = _validate.array("X", X, ("examples", 2))
    T = _validate.array("T", T, (len(X), 1))
    return panels, X, T


# Pale versions of the two class colours, through white at out = 0.5: the fill says which
# class the network leans to, and how sure it is, without drowning the points.
_FILL = LinearSegmentedColormap.from_list("classes", [PALE_BLUE, "white", PALE_ORANGE])


@styled
def decision_figure(panels, X, T, steps=120, lines=True):
    """One panel per network: its output over the plane as a filled contour (pale blue
    where it says class 0, pale orange for class 1), the line out = 0.5 where it switches,
    the data, and (lines=True) each first-layer neuron's line net = 0, dashed."""
    panels, X, T = _panels(panels, X, T)
    xlim, ylim = plot_limits(X)
    size = {1: (6.0, 4.8), 2: (7.2, 4.0)}.get(len(panels), (7.2, 3.1))
    fig = Figure(figsize=size, facecolor="white")
    axes = fig.subplots(1, len(panels), squeeze=False)[0]
    labels = T[:, 0].astype(int)
    for i, (ax, (title, net)) in enumerate(zip(axes, panels.items())):
        xs, ys, Z = decision_grid(net, xlim, ylim, steps)
        ax.contourf(xs, ys, Z, levels=np.linspace(0, 1, 11), cmap=_FILL, vmin=0, vmax=1)
        ax.contour(xs, ys, Z, levels=[0.5], colors=INK, linewidths=1.8)
        if lines:
            for a, b, c in first_layer_lines(net):
                # a x + b y + c = 0 drawn across the box (solving for whichever is steeper)
                if abs(b) >= abs(a):
                    x = np.array(xlim)
                    ax.plot(x, -(a * x + c) / b, color=DARK_GREY, linestyle=(0, (3, 2)),
                            linewidth=1.0, gid=f"line-{i}")
                else:
                    y = np.array(ylim)
                    ax.plot(-(b * y + c) / a, y, color=DARK_GREY, linestyle=(0, (3, 2)),
                            linewidth=1.0, gid=f"line-{i}")
        for label in (0, 1):
            pts = X[labels == label]
            ax.scatter(pts[:, 0], pts[:, 1], s=14, marker=CLASS_MARKERS[label],
                       color=CLASS_COLORS[label], edgecolors=INK, linewidths=0.4,
                       gid=f"class-{label}-{i}", zorder=3)
        ax.set_xlim(xlim)
        ax.set_ylim(ylim)
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(f"{title}\naccuracy {net.accuracy(X, T):.1%}")
    handles = [Line2D([], [], marker=CLASS_MARKERS[k], color=CLASS_COLORS[k],
                      markeredgecolor=INK, markeredgewidth=0.4, linestyle="", markersize=6,
                      label=f"class {k}") for k in (0, 1)]
    handles.append(Line2D([], [], color=INK, linewidth=1.8, label="out = 0.5"))
    if lines:
        handles.append(Line2D([], [], color=DARK_GREY, linestyle=(0, (3, 2)), linewidth=1.0,
                              label="first-layer net = 0"))
    fig.legend(handles=handles, loc="lower center", ncols=len(handles), frameon=False)
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    return fig


def describe_decision_figure(panels, X, T, steps=120):
    """Alt text for decision_figure: per network its accuracy, how much of the picture it
    calls class 1, and whether that region closes inside the picture."""
    panels, X, T = _panels(panels, X, T)
    xlim, ylim = plot_limits(X)
    shown = ("A picture of the plane" if len(panels) == 1 else
             f"{len(panels)} pictures of the plane side by side, each")
    parts = [f"{shown} with the {len(X):,} data points (class 0 as blue circles, class 1 "
             f"as orange triangles), shaded blue where the network's output is below 0.5 "
             f"and orange where it is above, with the line where it equals 0.5 drawn in "
             f"black."]
    for title, net in panels.items():
        _, _, Z = decision_grid(net, xlim, ylim, steps)
        edge = np.concatenate([Z[0], Z[-1], Z[:, 0], Z[:, -1]])
        region = ("reaches the edge of the picture" if np.any(edge >= 0.5) else
                  "is closed, not touching the edge of the picture")
        parts.append(f"{title}: {len(net.W[0])} dashed first-layer lines; accuracy "
                     f"{net.accuracy(X, T):.1%}; it calls {np.mean(Z >= 0.5):.0%} of the "
                     f"picture class 1, a region that {region}.")
    return " ".join(parts)
