"""Biases that learn: their derivatives, their values over training, and three runs compared.

    net_input_lines(neuron)      math: net_n, and its derivative by each of its parameters
    gradient_lines(names)        math: dE_total/db = its chain rule = SymPy's result
    gradient_check(names, p, ex) SymPy's bias gradients beside the engine's
    trained_count(biases)        how many parameters one update moves: 8, 10 or 12
    squared_gradient(p, ex, biases)   sum of (dE_total/dp)^2 over the parameters that move
    first_step_table(p, ex, eta) each option's first-order drop beside its actual first drop
    bias_terms_table(p, ex)      per layer: the shared bias's (delta + delta)^2 against the
                                 own biases' delta^2 + delta^2
    bias_history(p, ex, eta, n, biases)   each bias after k updates, at the plotted k
    bias_figure(histories)       the biases against the number of updates, one panel a layer
    describe_bias_figure(...)    its alt text, from the same numbers
    deltas_table(p, ex, eta, ks, biases, layer)   a layer's two deltas and their sum after
                                 each of the update counts ks
    updates_to_reach(errors, level)   the first update count whose error is at most level
    runs_table(runs)             each run's error after 1 and after all updates, and outputs
    final_biases_table(start, runs)   the four biases at the start and after each run
    published_by_run(runs)       the tutorial's four training numbers, one row per run
    output_bias_facts, ..., learned_bias_facts   the prose's numbers, {name: value}
"""
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import sympy as sp
from matplotlib.figure import Figure

from .. import _validate
from ..derive import symbolic
from ..derive.autodiff import bound
from ..tutorial.backward import backward
from ..tutorial.forward import forward
from ..tutorial.network import BIAS_SLOTS, EDGES, NEURONS, WEIGHTS
from ..tutorial.published import PUBLISHED, summary, summary_keys
from ..display.tables import Table, code
from ..display.style import RUN_COLORS, RUN_STYLES, SMALL, styled
from ..display.numbers import fixed_decimals
from ..tutorial.training import BIASES, Training, train, update
from ..display.error_histories import (POINTS, decades_fallen, updates_text, plot_indices,
                                       updates_to_reach)

LAYERS = (("hidden layer", "h1", "h2", "b1"), ("output layer", "o1", "o2", "b2"))


# -- the derivatives ----------------------------------------------------------------------


def net_input_lines(neuron):
    """Aligned math: net_n's definition, then SymPy's derivative of it by each parameter.

    For h1: net_h1 = b1 + i1 w1 + i2 w2, dnet_h1/dw1 = i1, dnet_h1/dw2 = i2, dnet_h1/db1 = 1.
    A weight's derivative is the input on its wire; the bias's is 1, an input always on.
    """
    _validate.choice("neuron", neuron, NEURONS)
    net = symbolic.net[neuron]
    definition = symbolic.DEFINITIONS[net]
    bias = symbolic.b1 if neuron[0] == "h" else symbolic.b2
    params = [symbolic.PARAMETERS[w] for w, (_, to) in EDGES.items() if to == neuron]
    lines = [f"{sp.latex(net)} &= {sp.latex(definition)}"]
    for p in (*params, bias):
        label = rf"\frac{{\partial {sp.latex(net)}}}{{\partial {sp.latex(p)}}}"
        lines.append(f"{label} &= {sp.latex(sp.diff(definition, p))}")
    return symbolic.aligned(lines)


def _chain(name):
    """The SymPy chain for a shared bias (b1, b2) or a neuron's own one (b_h1, ...)."""
    if name in symbolic.BIAS_FEEDS:
        return symbolic.chain(name)
    if name in symbolic.PER_NEURON_BIASES:
        return symbolic.per_neuron_chain(name)
    raise ValueError(f"names must be biases: b1, b2, {', '.join(BIAS_SLOTS)}; got {name!r}")


def gradient_lines(names):
    """Aligned math, one line per bias: dE_total/db = its chain rule = SymPy's product."""
    lines = []
    for name in names:
        top = _chain(name)
        label, _, split = top.identity().partition(" = ")
        lines.append(f"{label} &= {split} = {sp.latex(top.expr)}")
    return symbolic.aligned(lines)


def _values(name, params, example):
    """(SymPy's dE_total/d<name>, the engine's) at params."""
    b = backward(params, example)
    if name in symbolic.BIAS_FEEDS:
        engine = b.dE_db1 if name == "b1" else b.dE_db2
        return symbolic.derivative_value(name, params, example), engine
    _chain(name)  # refuses anything that is not a bias
    engine = dict(zip(BIAS_SLOTS, b.bias_gradients()))[name]
    return symbolic.per_neuron_value(name, params, example), engine


def gradient_check(names, params, example):
    """For each bias, SymPy's dE_total/db (sympy.diff of the expanded E_total) beside the
    engine's (a sum of deltas for b1, b2; one delta for b_h1 ... b_o2), and the gap.

    b1 and b2 need params whose biases are still shared; the per-neuron ones take any.
    """
    rows = []
    for name in names:
        s, e = _values(name, params, example)
        rows.append((code(f"dE_d{name}"), f"{s:.15f}", f"{e:.15f}", bound(abs(s - e))))
    return Table(["derivative", "SymPy", "engine", r"\|difference\|"], rows)


# -- the runs -----------------------------------------------------------------------------


def trained_count(biases):
    """How many numbers one update moves: the 8 weights, plus 0, 2 or 4 biases."""
    _validate.choice("biases", biases, BIASES)
    return len(WEIGHTS) + {"frozen": 0, "shared": 2, "per-neuron": 4}[biases]


def squared_gradient(params, example, biases):
    """The sum of (dE_total/dp)^2 over the parameters p one update moves.

    A shared bias is one parameter, so it counts once, with its gradient delta + delta.
    A step p <- p - eta dE/dp lowers E_total by about eta times this sum (to first order).
    """
    _validate.choice("biases", biases, BIASES)
    b = backward(params, example)
    grads = list(b.weight_gradients())
    if biases == "shared":
        grads += [b.dE_db1, b.dE_db2]
    elif biases == "per-neuron":
        grads += list(b.bias_gradients())
    return sum(g * g for g in grads)


def first_step_table(params, example, eta):
    """For each bias option: parameters trained, the first-order drop eta * squared_gradient,
    and the drop one update actually makes, E_total before minus E_total after."""
    eta = _validate.positive("eta", eta)
    before = forward(params, example).E_total
    rows = []
    for biases in BIASES:
        after = forward(update(params, example, eta, biases), example).E_total
        rows.append((code(biases), trained_count(biases),
                     f"{eta * squared_gradient(params, example, biases):.9f}",
                     f"{before - after:.9f}"))
    return Table(["biases", "parameters trained", "η × sum of squared gradients",
                  "actual drop in one update"], rows)


def bias_terms_table(params, example):
    """What the biases add to squared_gradient, layer by layer: a shared bias adds
    (delta + delta)^2, two own biases add delta^2 + delta^2. The first is larger when the
    two deltas have the same sign and smaller when they pull against each other."""
    b = backward(params, example)
    deltas = dict(zip(NEURONS, b.bias_gradients()))
    rows = []
    for _, first, second, shared in LAYERS:
        d1, d2 = deltas[first], deltas[second]
        rows.append((f"{code(shared)}: {code('delta_' + first)}, {code('delta_' + second)}",
                     f"{d1:.9f}", f"{d2:.9f}", f"{(d1 + d2) ** 2:.9f}",
                     f"{d1 ** 2 + d2 ** 2:.9f}"))
    return Table(["layer", "first δ", "second δ", "shared: (δ + δ)²",
                  "own: δ² + δ²"], rows)


@dataclass(frozen=True)
class BiasHistory:
    """updates: the update counts k recorded; values[slot][j]: that bias after updates[j]."""

    updates: np.ndarray
    values: dict


def bias_history(params, example, eta, updates, biases, hidden_deltas="original",
                 points=POINTS):
    """Each bias b_h1, b_h2, b_o1, b_o2 after k updates, for the k that plot_indices draws.

    One run of `train`, cut at those k: each piece starts from the parameters the last one
    ended with, and the parameters are all the state there is, so the pieces add up to
    the uncut run bit for bit.
    """
    ks = plot_indices(updates, points)
    p, done, seen = params, 0, [params]
    for k in ks[1:]:
        p = train(p, example, eta, int(k - done), biases, hidden_deltas).params
        done = k
        seen.append(p)
    return BiasHistory(ks, {s: np.array([getattr(q, s) for q in seen]) for s in BIAS_SLOTS})


def deltas_table(params, example, eta, updates, biases, layer, hidden_deltas="original"):
    """One layer's two deltas after each of the update counts `updates` of one run, and
    their sum, the gradient of the layer's shared bias: where they reinforce or cancel."""
    _validate.choice("layer", layer, ("hidden", "output"))
    ks = [_validate.count("updates", k) for k in updates]
    if ks != sorted(set(ks)):
        raise ValueError(f"updates must be increasing update counts, got {updates!r}")
    _, first, second, shared = LAYERS[layer == "output"]
    p, done, rows = params, 0, []
    for k in ks:
        if k > done:
            p = train(p, example, eta, k - done, biases, hidden_deltas).params
            done = k
        d = dict(zip(NEURONS, backward(p, example).bias_gradients()))
        rows.append((f"{k:,}", *(f"{x:+.3e}" for x in (d[first], d[second],
                                                       d[first] + d[second]))))
    return Table(["updates", code(f"delta_{first}"), code(f"delta_{second}"),
                  f"sum: {code(f'dE_d{shared}')}"], rows)


def _histories(histories):
    if not isinstance(histories, Mapping) or not 1 <= len(histories) <= len(RUN_COLORS):
        raise ValueError(f"histories must be a {{label: BiasHistory}} mapping of 1 to "
                         f"{len(RUN_COLORS)} runs, got {histories!r}")
    for label, h in histories.items():
        if not isinstance(h, BiasHistory):
            raise ValueError(f"histories[{label!r}] must be a BiasHistory, got {h!r}")
    return histories


def _curves(h, first, second, shared):
    """[(name, values)]: one curve named for the shared bias while both neurons' are equal."""
    a, b = h.values[f"b_{first}"], h.values[f"b_{second}"]
    if np.array_equal(a, b):
        return [(shared, a)]
    return [(f"b_{first}", a), (f"b_{second}", b)]


def _math(name):
    """b1 -> $b_1$, b_h1 -> $b_{h1}$, for figure text."""
    return f"${sp.latex(sp.Symbol(name))}$"


def _spread(ys, gap):
    """ys moved apart, in order, so neighbours are at least gap apart: label positions."""
    order = np.argsort(ys, kind="stable")
    placed = np.array(ys, dtype=float)
    for i in range(1, len(order)):
        below, here = order[i - 1], order[i]
        placed[here] = max(placed[here], placed[below] + gap)
    return placed


@styled
def bias_figure(histories):
    """The biases against the number of updates: hidden layer left, output layer right.

    histories: {label: BiasHistory}, one colour and dash pattern per run, as in the error
    curve. A layer whose two biases stayed equal draws one curve, named b1 or b2; the
    second neuron's own bias adds hollow markers. Each curve ends in its name and value.
    """
    histories = _histories(histories)
    fig = Figure(figsize=(7.6, 3.8), facecolor="white")
    axes = fig.subplots(1, 2, sharex=True)
    for ax, (title, first, second, shared) in zip(axes, LAYERS):
        ax.set_facecolor("white")
        ends = []
        for i, (label, h) in enumerate(histories.items()):
            for j, (name, v) in enumerate(_curves(h, first, second, shared)):
                ax.plot(h.updates, v, color=RUN_COLORS[i], linestyle=RUN_STYLES[i],
                        linewidth=2, marker="o" if j else None, markevery=0.1,
                        markerfacecolor="white", markersize=5,
                        label=label if ax is axes[0] and j == 0 else None,
                        gid=f"{shared}-run-{i}-{name}")
                ends.append((v[-1], f"{_math(name)} = {v[-1]:.2f}", RUN_COLORS[i],
                             h.updates[-1]))
        low, high = ax.get_ylim()
        for (y, text, color, x), at in zip(ends, _spread([e[0] for e in ends],
                                                        (high - low) * 0.075)):
            # A little right of the curve's end, moved up if it would touch another label.
            ax.annotate(text, (x, y), xytext=(x * 1.02, at), ha="left", va="center",
                        fontsize=SMALL, color=color, annotation_clip=False)
        ax.set_title(title)
        longest = max(h.updates[-1] for h in histories.values())
        ax.set_xlim(0, longest)
        ax.set_xticks([0, longest // 2, longest])
        ax.set_xlabel("updates")
        ax.xaxis.set_major_formatter("{x:,.0f}")
        ax.tick_params(labelsize=SMALL)
        ax.grid(True)
        ax.set_axisbelow(True)
    axes[0].set_ylabel("bias value")
    fig.legend(loc="lower center", ncols=len(histories), frameon=False)
    fig.tight_layout(rect=(0, 0.1, 0.92, 1), w_pad=5)
    return fig


def _path(v, ks):
    """'rises from 0.350 to 2.324', or with a first dip (or peak) the other way on the way."""
    start, end = v[0], v[-1]
    if np.all(v == start):
        return f"stays at {start:.3f}"
    rises = end > start
    j = int(np.argmin(v) if rises else np.argmax(v))
    if (v[j] < start) if rises else (v[j] > start):
        return (f"starts at {start:.3f}, {'dips' if rises else 'climbs'} to {v[j]:.3f} "
                f"after {updates_text(int(ks[j]))}, then {'rises' if rises else 'falls'} to "
                f"{end:.3f}")
    return f"{'rises' if rises else 'falls'} from {start:.3f} to {end:.3f}"


def describe_bias_figure(histories):
    """Alt text for bias_figure: for each panel and run, where each bias goes."""
    histories = _histories(histories)
    longest = max(h.updates[-1] for h in histories.values())
    parts = [f"Two line charts of the bias values (vertical axis) against the number of "
             f"updates (horizontal axis, 0 to {longest:,}): the hidden layer's biases on "
             f"the left, the output layer's on the right."]
    for title, first, second, shared in LAYERS:
        runs = []
        for label, h in histories.items():
            moves = [f"{name} {_path(v, h.updates)}"
                     for name, v in _curves(h, first, second, shared)]
            runs.append(f"{label}: {' and '.join(moves)}")
        parts.append(f"{title.capitalize()}. {'; '.join(runs)}.")
    return " ".join(parts)



def _runs(runs):
    _validate.mapping("runs", runs, Training, "{biases: Training} mapping")
    for biases in runs:
        _validate.choice("biases", biases, BIASES)
    return runs


def runs_table(runs):
    """One row per run ({biases: Training}): E_total after 1 and after all updates, and
    the two outputs at the end."""
    runs = _runs(runs)
    n = {len(r.errors) - 1 for r in runs.values()}
    if len(n) != 1:
        raise ValueError(f"runs must all make the same number of updates, got {sorted(n)}")
    (n,) = n
    rows = [(code(b), fixed_decimals(r.errors[1]), fixed_decimals(r.errors[n]), f"{r.final.out_o1:.9f}",
             f"{r.final.out_o2:.9f}") for b, r in runs.items()]
    return Table(["biases", "E_total after 1 update", f"E_total after {updates_text(n)}",
                  "out_o1", "out_o2"], rows)


def final_biases_table(start, runs):
    """The four biases of `Params` start, then after each run ({biases: Training})."""
    runs = _runs(runs)
    rows = [("at the start", *(f"{getattr(start, s):.9f}" for s in BIAS_SLOTS))]
    rows += [(f"after {updates_text(len(r.errors) - 1)}, {code(b)}",
              *(f"{getattr(r.params, s):.9f}" for s in BIAS_SLOTS)) for b, r in runs.items()]
    return Table(["when", *(code(s) for s in BIAS_SLOTS)], rows)


SHORT = {"E_after_1_update": "E after 1 update", "E_after_10000": "E after 10,000",
         "out_o1_after_10000": "out_o1 after 10,000",
         "out_o2_after_10000": "out_o2 after 10,000"}


def published_by_run(runs):
    """training_plots.published_comparison on its side, so three runs fit: a row of the
    tutorial's digits, then a row per run ({biases: Training} of 10,000 updates), each
    value printed to the published decimals and marked ✓ if it is that text, else ✗."""
    runs = _runs(runs)
    keys = summary_keys()
    rows = [("published", *(PUBLISHED[k].text for k in keys))]
    for biases, run in runs.items():
        values = summary(run)
        cells = []
        for k in keys:
            printed = PUBLISHED[k].rounded(values[k])
            cells.append(f"{printed} {'✓' if printed == PUBLISHED[k].text else '✗'}")
        rows.append((code(biases), *cells))
    return Table(["biases", *(SHORT.get(k, k) for k in keys)], rows)


# -- the numbers the chapter's prose shows ---------------------------------------------------


def _name(biases):
    return biases.replace("-", "_")  # "per-neuron" -> "per_neuron", a name's part


def output_bias_facts(params, example):
    """The output deltas and the shared output bias's gradient, their sum."""
    start = backward(params, example)
    return {"delta_o1": start.output.delta_o1, "delta_o2": start.output.delta_o2,
            "dE_db2": start.dE_db2}


def run_facts(runs, updates, eta):
    """Each run's ({biases: Training}) E_total after 1 and `updates` updates, how many times
    lower than the frozen run's it ends, when it gets below that, and how many numbers it
    trains; with updates and eta."""
    runs = _runs(runs)
    frozen_end = float(runs["frozen"].errors[updates])
    facts = {"updates": updates, "eta": eta}
    for biases, run in runs.items():
        name, end = _name(biases), float(run.errors[updates])
        facts |= {f"E1_{name}": float(run.errors[1]), f"E_{name}": end,
                  f"ratio_{name}": frozen_end / end,
                  f"reach_{name}": updates_to_reach(run.errors, frozen_end),
                  f"count_{name}": trained_count(biases)}
    return facts


def late_fall_facts(runs, updates):
    """The orders of magnitude each run's E_total falls over its last nine tenths."""
    tenth = updates // 10
    return {**{f"late_{_name(biases)}": decades_fallen(run.errors, tenth, updates)
               for biases, run in _runs(runs).items()}, "tenth": tenth}


def learned_bias_facts(start, runs):
    """b2 at the start (`Params` start), the shared run's b1 and b2 and the per-neuron run's
    output biases after training."""
    runs = _runs(runs)
    return {"b2_start": start.b2, "b1_shared": runs["shared"].params.b1,
            "b2_shared": runs["shared"].params.b2,
            **{f"{slot}_per_neuron": getattr(runs["per-neuron"].params, slot)
               for slot in ("b_o1", "b_o2")}}
