"""Chapter 7 (also 9): questions readers ask about the tutorial, each answered by a
computation, and the figures for them.

    feeding(neuron)            the weights on the edges into a neuron (h1: w1, w2)
    definition(name)           an intermediate quantity's SymPy definition, as math
    h1_with(first, second)     net_h1, out_h1 if h1 were fed through two other weights
    h1_table()                 w1, w2 (the network) against w1, w3 (the text's slip)
    symbolic_factor(name)      one chain-rule factor of the SymPy derivation, by its name
    chain_lines(names)         the top line of dE_total/dp's chain rule, for several p
    carried_by(weight)         the backward pass with `weight` standing in for w7
    w7_or_w6_table()           dEo2/dout_h1 with w7 against the readers' w6, carried on
    target_comparison(targets) E_o1, E_total and the output-layer gradients for several t1
    target_table(targets)      the same as a table, with the published digits
    bias_table()               one update with the biases frozen and with them learning
    per_neuron_bias_table()    a framework's per-neuron bias gradients, summed per layer
    sympy_check(keys)          SymPy's value beside the engine's
    misnamed_factor()          what a method's name promises against what it returns
    cli_excerpt(argv, keys)    some rows of `python -m backprop ARGS`
    target_figure(targets)     grouped bars of E_o1, dE/dw5, dE/dw6 for each target t1,
                               with the tutorial's published values marked
    describe_target_figure     its alt text
    h1_slip_facts, ..., autodiff_facts   the prose's numbers, {name: value} per question
"""
import contextlib
import io
import shlex

import sympy as sp

from .. import _validate, cli
from ..derive import autodiff, symbolic
from ..derive.autodiff import bound
from ..tutorial.backward import backward
from ..tutorial.forward import forward
from ..tutorial.network import (TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, TUTORIAL_ETA, EDGES, NEURONS,
                                WEIGHTS)
from ..tutorial.published import PUBLISHED
from ..display.tables import Table, code
from ..display.style import BLUE, GREEN, INK, LARGE, ORANGE, PURPLE, SMALL, styled
from ..tutorial.walkthrough import walkthrough
from ..display.figures import chart



def feeding(neuron):
    """The weights on the edges that end in `neuron`, in label order: h1 -> (w1, w2)."""
    _validate.choice("neuron", neuron, NEURONS)
    return tuple(w for w, (_, to) in EDGES.items() if to == neuron)


def definition(name):
    """`name = its one-layer definition` as math, e.g. net_h1 = i1 w1 + i2 w2 + b1."""
    symbols = {s.name: s for s in symbolic.DEFINITIONS}
    _validate.choice("name", name, tuple(symbols))
    s = symbols[name]
    return symbolic.Latex(f"{sp.latex(s)} = {sp.latex(symbolic.DEFINITIONS[s])}")


def h1_with(first, second, params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """(net_h1, out_h1) when i1 reaches h1 through weight `first` and i2 through `second`.

    It is the engine's forward pass on a network whose w1, w2 hold those weights' values,
    so ("w1", "w2") is the network itself and ("w1", "w3") the tutorial's slip.
    """
    _validate.choice("first", first, WEIGHTS)
    _validate.choice("second", second, WEIGHTS)
    f = forward(params.with_values(w1=getattr(params, first), w2=getattr(params, second)),
                example)
    return f.net_h1, f.out_h1


def _reproduces(values):
    """'yes' if every {key: value} rounds to the tutorial's printed digits, else 'no'."""
    return "yes" if all(PUBLISHED[k].matches(v) for k, v in values.items()) else "no"


def h1_table(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """net_h1 and out_h1 from w1, w2 and from the slip's w1, w3, beside the published ones."""
    rows = []
    for pair, note in ((feeding("h1"), "the edges into h1"), (("w1", "w3"), "the slip")):
        net, out = h1_with(*pair, params, example)
        rows.append((f"{code(pair[0])}, {code(pair[1])} ({note})", f"{net:.9f}", f"{out:.9f}",
                     _reproduces({"net_h1": net, "out_h1": out})))
    rows.append(("published", PUBLISHED["net_h1"].text, PUBLISHED["out_h1"].text, ""))
    return Table(["h1 fed by", "net_h1", "out_h1", "gives the published digits"], rows)


def symbolic_factor(name):
    """The `symbolic.Factor` called `name` (e.g. dEo2_dout_h1) in some parameter's chain.

    It shows as its derivation: the factor's chain rule and the value of each piece.
    """
    for p in symbolic.PARAMETERS:
        for f in symbolic.chain(p).walk():
            if f.name == name:
                return f
    raise ValueError(f"name must be the name of a chain-rule factor such as 'dEo2_dout_h1' "
                     f"or 'delta_o1', got {name!r}")


def chain_lines(names):
    """Aligned math: for each parameter p, dE_total/dp = its chain rule = SymPy's product."""
    lines = []
    for p in names:
        top = symbolic.chain(p)
        label, _, split = top.identity().partition(" = ")
        lines.append(f"{label} &= {split} = {sp.latex(top.expr)}")
    return symbolic.aligned(lines)


def carried_by(weight, params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """The backward pass when o2's delta reaches h1 through `weight` instead of w7.

    carried_by("w7") is the true backward pass; carried_by("w6") is the readers' slip.
    Only the h1 side changes: h2 still hears o2 through w8.
    """
    _validate.choice("weight", weight, WEIGHTS)
    p = params
    return backward(p, example, output_weights=(p.w5, p.w6, getattr(p, weight), p.w8))


W7_OR_W6_KEYS = ("dEo2_dout_h1", "dE_dout_h1", "delta_h1", "dE_dw1", "dE_dw2")


def w7_or_w6_table(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """Each quantity downstream of dEo2/dout_h1, with w7 and with w6, beside the tutorial's."""
    right = carried_by("w7", params, example).as_dict()
    wrong = carried_by("w6", params, example).as_dict()
    rows = [(code(k), f"{right[k]:.9f}", f"{wrong[k]:.9f}",
             PUBLISHED[k].text if k in PUBLISHED else "")
            for k in W7_OR_W6_KEYS]
    return Table(["quantity", "with w7 (h1 → o2)", "with w6 (h2 → o1)", "published"], rows)


TARGET_KEYS = ("E_o1", "E_o2", "E_total", "dE_dw5", "dE_dw6", "dE_dw7", "dE_dw8")


def target_comparison(targets=(0.01, 0.1), params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """{t1: {key: value}} for the TARGET_KEYS, the example's t1 replaced by each target."""
    targets = tuple(targets)
    if not targets:
        raise ValueError("targets must hold at least one value of t1 in [0, 1], got none")
    out = {}
    for t1 in targets:
        values = backward(params, example.with_values(t1=t1)).as_dict()
        out[float(t1)] = {k: values[k] for k in TARGET_KEYS}
    return out


def reproducing_targets(key, comparison):
    """The targets of a target_comparison whose `key` gives the tutorial's printed digits."""
    return [t for t, values in comparison.items() if PUBLISHED[key].matches(values[key])]


def target_table(targets=(0.01, 0.1), params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """The TARGET_KEYS for each t1, the published digits, and which t1 reproduces them."""
    comparison = target_comparison(targets, params, example)
    rows = []
    for k in TARGET_KEYS:
        row = [code(k)] + [f"{v[k]:.9f}" for v in comparison.values()]
        if k in PUBLISHED:
            found = reproducing_targets(k, comparison)
            row += [PUBLISHED[k].text, ", ".join(f"t1 = {t:g}" for t in found) or "none"]
        else:
            row += ["", ""]
        rows.append(row)
    head = ["quantity", *(f"t1 = {t:g}" for t in comparison), "published", "reproduced by"]
    return Table(head, rows)


def bias_table(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, eta=TUTORIAL_ETA):
    """b1, b2 and E_total after one update, with the biases frozen and with them learning."""
    rows = []
    for biases, note in (("frozen", "the tutorial"), ("shared", "b1, b2 learn too")):
        after = walkthrough(params, example, eta, biases=biases)["training"]
        rows.append((f"{code(biases)} ({note})", f"{after['b1_new']:.9f}",
                     f"{after['b2_new']:.9f}", f"{after['E_after_1_update']:.9f}"))
    return Table(["biases", "b1 after", "b2 after", "E_total after one update"], rows)


def per_neuron_bias_table(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """Each layer's two per-neuron bias gradients (the neurons' deltas), their sum, and the
    engine's gradient of the shared bias, which that sum is."""
    b = backward(params, example)
    slots = dict(zip(("b_h1", "b_h2", "b_o1", "b_o2"), b.bias_gradients()))
    rows = []
    for shared, pair, total in (("b1", ("b_h1", "b_h2"), b.dE_db1),
                                ("b2", ("b_o1", "b_o2"), b.dE_db2)):
        rows.append((code(shared), ", ".join(f"{code(s)}: {slots[s]:.9f}" for s in pair),
                     f"{slots[pair[0]] + slots[pair[1]]:.9f}", f"{total:.9f}"))
    return Table(["layer's bias", "per-neuron gradients", "their sum",
                  f"{code('dE_db1')} / {code('dE_db2')} (shared)"], rows)


def _sympy_value(key, params, example):
    wrt = key.removeprefix("dE_d")
    if key.startswith("dE_d") and wrt in symbolic.PARAMETERS:
        # sympy.diff of the fully expanded E_total: no chain rule written by hand.
        return symbolic.derivative_value(wrt, params, example)
    for p in symbolic.PARAMETERS:
        values = symbolic.factor_values(p, params, example)
        if key in values:
            return values[key]
    raise ValueError(f"keys must name gradients such as 'dE_dw5' or chain-rule factors such "
                     f"as 'dEo2_dout_h1', got {key!r}")


def sympy_check(keys, params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """For each key, SymPy's value, the engine's (backward()), and how far apart they are."""
    engine = backward(params, example).as_dict()
    rows = []
    for key in keys:
        s = _sympy_value(key, params, example)
        rows.append((code(key), f"{s:.15f}", f"{engine[key]:.15f}",
                     bound(abs(s - engine[key]))))
    return Table(["derivative", "SymPy", "engine", r"\|difference\|"], rows)


def misnamed_factor(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """Math: the factor out(1 - out) the method returns against the one its name describes.

    The name reads "total net input with respect to input"; for o1, whose inputs are the
    hidden outputs, that is dnet_o1/dout_h1 = w5. What it returns is dout_o1/dnet_o1.
    """
    values = symbolic.factor_values("w1", params, example)
    lines = []
    for name, what in (("dout_o1_dnet_o1", "what it returns"),
                       ("dnet_o1_dout_h1", "what its name says")):
        f = symbolic_factor(name)
        lines.append(f"\\text{{{what}:}} && {f.label} &= {sp.latex(f.expr)} "
                     f"= {values[name]:.9f}")
    return symbolic.aligned(lines)


def cli_excerpt(argv, keys):
    """The command line, the heading and the rows for `keys` of `python -m backprop ARGV`.

    Runs cli.main in-process, as the command does, and keeps each kept row's section
    heading, like grep with context: the full table is long.
    """
    argv = list(argv)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(argv)
    if status != 0:
        raise ValueError(f"argv: {err.getvalue().strip()}")
    lines = out.getvalue().splitlines()
    rows = {line.split()[0]: line for line in lines if line.startswith("  ")}
    missing = [k for k in keys if k not in rows]
    if missing:
        raise ValueError(f"keys: {missing[0]!r} is not a row of the output; rows: "
                         f"{', '.join(rows)}")
    kept, heading, shown = [f"$ {shlex.join(['python', '-m', 'backprop', *argv])}",
                            lines[0]], None, None
    for line in lines[1:]:
        if line and not line.startswith("  "):
            heading = line
        elif line.startswith("  ") and line.split()[0] in keys:
            if heading != shown:
                kept += ["", heading]
                shown = heading
            kept.append(line)
    return "\n".join(kept)


# -- figures for the readers' questions, each with alt text computed from the same numbers 


SHOWN = ("E_o1", "dE_dw5", "dE_dw6")
TICK = {"E_o1": "$E_{o1}$", "dE_dw5": r"$\partial E_{total} / \partial w_5$",
        "dE_dw6": r"$\partial E_{total} / \partial w_6$"}
SPOKEN = {"E_o1": "E_o1", "dE_dw5": "dE_total/dw5", "dE_dw6": "dE_total/dw6"}
# Okabe-Ito blue, orange, bluish green, reddish purple (colour-blind safe); each target
# also has its own hatch, so the bars stay apart in greyscale.
COLORS = (BLUE, ORANGE, GREEN, PURPLE)
HATCHES = ("", "//", "..", "xx")


@styled
def target_figure(targets=(0.01, 0.1), params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """E_o1, dE_total/dw5 and dE_total/dw6 for each t1, one bar each, grouped by quantity.

    A dashed black line across a group marks the tutorial's published value, where it
    prints one, so the eye finds which target's bar it sits on.
    """
    comparison = target_comparison(targets, params, example)
    if len(comparison) > len(COLORS):
        raise ValueError(f"targets must hold 1 to {len(COLORS)} values of t1, "
                         f"got {len(comparison)}")
    fig, ax = chart((7.2, 4.0), grid="y")
    n = len(comparison)
    width = 0.8 / n
    for j, (t1, values) in enumerate(comparison.items()):
        xs = [i - 0.4 + width * (j + 0.5) for i in range(len(SHOWN))]
        heights = [values[k] for k in SHOWN]
        bars = ax.bar(xs, heights, width * 0.92, color=COLORS[j], hatch=HATCHES[j],
                      edgecolor=INK, linewidth=0.8, label=f"t1 = {t1:g}")
        for rect, k in zip(bars, SHOWN):
            rect.set_gid(f"bar-{k}-{j}")  # unique SVG ids: one per bar
        # On a white box above the published line, which may cross a label.
        for label in ax.bar_label(bars, labels=[f"{h:.4f}" for h in heights], padding=3,
                                  fontsize=SMALL, zorder=4):
            label.set_bbox(dict(facecolor="white", edgecolor="none", pad=1))
    marked = False
    for i, k in enumerate(SHOWN):
        if k in PUBLISHED:
            ax.hlines(PUBLISHED[k].value, i - 0.46, i + 0.46, colors=INK, linestyles="--",
                      linewidth=1.6, label=None if marked else "published (tutorial)",
                      zorder=3, gid=f"published-{k}")
            marked = True
    ax.set_xticks(range(len(SHOWN)), [TICK[k] for k in SHOWN])
    ax.set_ylabel("value")
    top = max(v[k] for v in comparison.values() for k in SHOWN)
    ax.set_ylim(0, top * 1.22)  # room for the value labels and the legend
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(frameon=False, loc="upper right", ncols=n + 1)
    ax.set_title("What the target t1 changes", fontsize=LARGE)
    return fig


def describe_target_figure(targets=(0.01, 0.1), params=TUTORIAL_PARAMS,
                           example=TUTORIAL_EXAMPLE):
    """Alt text for target_figure: every bar's value and where the published values sit."""
    comparison = target_comparison(targets, params, example)
    ts = " and ".join(f"t1 = {t:g}" for t in comparison)
    groups = "; ".join(
        f"{SPOKEN[k]}: " + ", ".join(f"{v[k]:.4f} for t1 = {t:g}" for t, v in comparison.items())
        for k in SHOWN)
    text = f"Grouped bar chart of three quantities for {ts}. {groups}."
    for k in SHOWN:
        if k in PUBLISHED:
            found = reproducing_targets(k, comparison)
            where = (f"level with the bar for {' and '.join(f't1 = {t:g}' for t in found)}"
                     if found else "matching no bar")
            text += (f" A dashed line marks the tutorial's published {SPOKEN[k]} = "
                     f"{PUBLISHED[k].text}, {where}.")
    return text


# -- the numbers the chapter's prose shows, one mapping per question --------------------------


def h1_slip_facts(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """out_h1 through w1, w2 and through the text's w1, w3, with w2 and w3."""
    return {"q1_out_h1": h1_with("w1", "w2", params, example)[1],
            "q1_out_h1_slip": h1_with("w1", "w3", params, example)[1],
            "q1_w2": params.w2, "q1_w3": params.w3}


def w7_or_w6_facts(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """dEo2/dout_h1 carried by w7 (right) and by w6 (the readers' slip), and the published."""
    return {"q2_right": carried_by("w7", params, example).hidden.dEo2_dout_h1,
            "q2_wrong": carried_by("w6", params, example).hidden.dEo2_dout_h1,
            "q2_published": PUBLISHED["dEo2_dout_h1"].value}


def target_facts(targets, params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """The text's and the figure's t1 (targets), E_o1 with the figure's, and the published."""
    text_t1, figure_t1 = targets
    return {"q3_t_text": text_t1, "q3_t_figure": figure_t1,
            "q3_E_o1_figure": target_comparison(targets, params, example)[figure_t1]["E_o1"],
            "q3_E_o1_published": PUBLISHED["E_o1"].value}


def bias_gradient_facts(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """The shared biases' gradients and values, beside dE_total/dw5."""
    b = backward(params, example)
    return {"q4_db1": b.dE_db1, "q4_db2": b.dE_db2, "q4_dw5": b.output.dE_dw5,
            "q4_b1": params.b1, "q4_b2": params.b2}


def bias_update_facts():
    """E_total after one update with the biases frozen and learning, and the published."""
    after = {biases: walkthrough(biases=biases)["training"]["E_after_1_update"]
             for biases in ("frozen", "shared")}
    return {"q4_E_frozen": after["frozen"], "q4_E_shared": after["shared"],
            "q4_E_published": PUBLISHED["E_after_1_update"].value}


def autodiff_facts():
    """The largest gap between the engine's gradients and autograd's in float64 and float32,
    as bounds; empty where JAX is missing."""
    if not autodiff.available():
        return {}
    return {"q6_largest": bound(autodiff.largest_difference()),
            "q6_largest32": bound(autodiff.largest_difference(dtype="float32"),
                                  autodiff.FLOAT32)}
