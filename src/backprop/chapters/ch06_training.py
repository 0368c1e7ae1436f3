"""Chapter 6, training (also chapters 8 and 9): the outputs against their targets and
small tables.

    outputs_figure(...)        each output's start and end on the 0..1 scale, and its target
    describe_outputs(...)      its alt text
    per_update_drop, fastest_update   how fast the error falls
    history_table, outputs_table, slowdown_table, published_comparison   Markdown tables
    first_update_facts, history_facts, curve_facts, slowdown_facts, fastest_facts,
    end_facts, variant_facts   the numbers the prose names, as {name: value}

The error curve (error_curve, describe_error_curve, plot_indices, decades_fallen) is in
backprop.display.error_histories; the tutorial's four numbers after training (summary,
summary_keys) in backprop.tutorial.published; the learning-rate sweep's figure in
backprop.chapters.ch06b_learning_rate.
"""

import numpy as np

from .. import _validate
from ..tutorial.backward import backward
from ..display.figures import chart
from ..display.style import GREY, INK, RUN_COLORS, VERMILLION, styled
from ..tutorial.published import PUBLISHED, TUTORIAL_UPDATES, summary, summary_keys
from ..derive.symbolic import factor_values
from ..display.tables import Table, code
from ..tutorial.training import Training
from ..display.error_histories import (updates_text, error_history, milestones, decades_fallen,
                                       plot_indices)
from ..display.numbers import fixed_decimals

TARGET = VERMILLION


# -- the outputs against their targets ---------------------------------------------------


@styled
def outputs_figure(start, final, example, updates=TUTORIAL_UPDATES):
    """Each output on the 0..1 scale: where it started, where it ended, and its target.

    start, final: `Forward` results before training and after `updates` updates.
    """
    updates = _validate.count("updates", updates)
    fig, ax = chart((7.2, 2.6), grid="x")
    rows = (("out_o1", "t1", 1), ("out_o2", "t2", 0))
    for out, t, y in rows:
        a, b, target = getattr(start, out), getattr(final, out), getattr(example, t)
        ax.annotate("", (b, y), (a, y), arrowprops=dict(arrowstyle="-|>", color=GREY,
                                                        linewidth=1.6, shrinkA=6, shrinkB=7))
        ax.plot([a], [y], "o", markersize=9, markerfacecolor="white", markeredgecolor=INK,
                markeredgewidth=1.6, label="at the start" if y else None, gid=f"start-{out}")
        ax.plot([target], [y], "|", markersize=16, markeredgewidth=3, color=TARGET,
                label="target" if y else None, gid=f"target-{out}")
        ax.plot([b], [y], "o", markersize=9, color=RUN_COLORS[0],
                label=f"after {updates_text(updates)}" if y else None, gid=f"final-{out}")
        # Start and target labelled above the row, the end below: the end sits on the target.
        ax.text(a, y + 0.22, f"{a:.3f}", ha="center", va="bottom")
        ax.text(target, y + 0.22, f"{t} = {target:g}", ha="center", va="bottom")
        ax.text(b, y - 0.22, f"{b:.4f}", ha="center", va="top")
    ax.set_yticks([y for *_, y in rows], [out for out, *_ in rows])
    ax.set_ylim(-0.75, 1.75)
    ax.set_xlim(-0.05, 1.05)  # room for the labels centred on 0.01 and 0.99
    ax.set_xlabel("output value (a logistic output lies between 0 and 1)")
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.legend(frameon=False, loc="upper center", ncols=3,
              bbox_to_anchor=(0.5, 1.22))
    fig.tight_layout()
    return fig


def describe_outputs(start, final, example, updates=TUTORIAL_UPDATES):
    """Alt text for outputs_figure."""
    updates = _validate.count("updates", updates)
    moves = "; ".join(f"{out} moved from {getattr(start, out):.3f} to "
                      f"{getattr(final, out):.4f}, its target {t} being "
                      f"{getattr(example, t):g}"
                      for out, t in (("out_o1", "t1"), ("out_o2", "t2")))
    return (f"Dot chart of the two outputs on a scale from 0 to 1, before training and "
            f"after {updates_text(updates)}, with each output's target marked. {moves}.")


# -- the numbers, as tables --------------------------------------------------------------


def per_update_drop(errors, k):
    """The share of the error that update k (1..n) removes: 1 - errors[k] / errors[k - 1]."""
    e = error_history("errors", errors)
    k = _validate.count("k", k, minimum=1, maximum=len(e) - 1)
    return float(1 - e[k] / e[k - 1])


def fastest_update(errors):
    """(k, share): the update that removes the largest share of the error it finds."""
    e = error_history("errors", errors)
    shares = 1 - e[1:] / e[:-1]
    k = int(np.argmax(shares))  # the first of equals, if any
    return k + 1, float(shares[k])


def history_table(errors, updates=None):
    """E_total after each of a few update counts, and what share of the start is left."""
    e = error_history("errors", errors)
    n = len(e) - 1
    ks = (milestones(n) if updates is None
          else [_validate.count("updates", k, maximum=n) for k in updates])
    return Table(["updates", code("E_total"), "share of the starting error"],
                 [(f"{k:,}", fixed_decimals(e[k]), f"{e[k] / e[0]:.4%}") for k in ks])


def outputs_table(start, final, example, updates=TUTORIAL_UPDATES):
    """Each output before and after training, its target, and the gap that is left."""
    updates = _validate.count("updates", updates)
    return Table(["output", "target", "at the start", f"after {updates_text(updates)}",
                  "output - target"],
                 [(code(out), f"{code(t)} = {getattr(example, t):g}",
                   f"{getattr(start, out):.9f}", f"{getattr(final, out):.9f}",
                   f"{getattr(final, out) - getattr(example, t):+.9f}")
                  for out, t in (("out_o1", "t1"), ("out_o2", "t2"))])


# The factors of dE_total/dw5 and dE_total/dw8: one output-layer weight per output.
SLOWDOWN = (("w5", ("dE_dout_o1", "dout_o1_dnet_o1", "dE_dw5")),
            ("w8", ("dE_dout_o2", "dout_o2_dnet_o2", "dE_dw8")))


def slowdown_table(start, end, example, updates=TUTORIAL_UPDATES):
    """The chain-rule factors of dE/dw5 and dE/dw8 before and after training, each from
    SymPy's derivation and from the engine's backward pass, side by side.

    start, end: `Params` (their biases still shared, as SymPy's network has one per layer).
    """
    updates = _validate.count("updates", updates)
    columns = []
    for p in (start, end):
        engine = backward(p, example).as_dict()
        sympy = {}
        for w, _ in SLOWDOWN:
            sympy |= factor_values(w, p, example)
        columns.append((sympy, engine))
    rows = [(code(name), *(f"{v[name]:.9f}" for pair in columns for v in pair))
            for _, names in SLOWDOWN for name in names]
    return Table(["factor", "start: SymPy", "start: engine", f"after {updates:,}: SymPy",
                  f"after {updates:,}: engine"], rows)


def published_comparison(runs):
    """The tutorial's four training numbers beside each run's, to the published digits.

    runs: {label: Training with 10,000 updates}. Each cell is the run's value printed with
    as many decimals as the tutorial prints, marked ✓ if that is the published text, else ✗.
    """
    _validate.mapping("runs", runs, Training, "{label: Training} mapping")
    values = {label: summary(run) for label, run in runs.items()}
    rows = []
    for key in summary_keys():
        row = PUBLISHED[key]
        cells = []
        for v in values.values():
            printed = row.rounded(v[key])
            cells.append(f"{printed} {'✓' if printed == row.text else '✗'}")
        rows.append((code(key), row.text, *cells))
    return Table(["quantity", "published", *runs], rows)


# -- the numbers the prose names ---------------------------------------------------------


def first_update_facts(start, after_one, example, eta):
    """The prose's numbers about one update: start and after_one are its `Forward` results."""
    facts = {"eta": eta, "t1": example.t1, "t2": example.t2,
             "E_start": start.E_total, "E_one": after_one.E_total,
             "drop_one": start.E_total - after_one.E_total,
             "share_one": per_update_drop([start.E_total, after_one.E_total], 1)}
    for name in ("out_o1", "out_o2"):
        facts[f"{name}_start"] = getattr(start, name)
        facts[f"{name}_one"] = getattr(after_one, name)
    return facts


def history_facts(errors):
    """How far E_total falls over the run: the share left after 10, 100 and all updates."""
    e = error_history("errors", errors)
    n = len(e) - 1
    return {"updates": n, "n_errors": len(e),
            **{f"left_{k}": float(e[k] / e[0]) for k in (10, 100, n)},
            "E_end": float(e[n]), "fall_factor": float(e[0] / e[n])}


def curve_facts(errors):
    """The error curve's decades fallen in the first tenth of the run and in the rest, and
    how many points it plots."""
    n = len(error_history("errors", errors)) - 1
    return {"dec_early": decades_fallen(errors, 0, n // 10),
            "dec_late": decades_fallen(errors, n // 10, n),
            "n_plotted": len(plot_indices(n))}


def slowdown_facts(start, end, example, errors):
    """Why the error falls ever more slowly: out_o1's slope and dE/dw5 at the start and end
    `Params`, and the share of the error the first and last updates remove."""
    first, last = backward(start, example).output, backward(end, example).output
    ratio = first.dout_o1_dnet_o1 / last.dout_o1_dnet_o1
    share_first = per_update_drop(errors, 1)
    share_last = per_update_drop(errors, len(errors) - 1)
    return {"slope_start": first.dout_o1_dnet_o1, "slope_end": last.dout_o1_dnet_o1,
            "slope_ratio": ratio, "slope_ratio_sq": ratio ** 2,
            "grad_ratio": first.dE_dw5 / last.dE_dw5,
            "share_first": share_first, "share_last": share_last,
            "share_ratio": share_first / share_last}


def fastest_facts(errors, before, after):
    """The update that removes the largest share of the error, that share, and out_o1 in
    the `Forward` results before and after it."""
    fastest, share = fastest_update(errors)
    return {"fastest": fastest, "fastest_share": share,
            "out_fast_before": before.out_o1, "out_fast_after": after.out_o1}


def end_facts(final, example):
    """Each output after training (`Forward` final) and its gap to its target, both positive."""
    return {"out_o1_end": final.out_o1, "out_o2_end": final.out_o2,
            "gap_o1": final.out_o1 - example.t1, "gap_o2": example.t2 - final.out_o2}


# The tutorial's numbers after training, as it prints them, and their names in the prose.
PUBLISHED_NAMES = {"E_after_1_update": "pub_E_one", "E_after_10000": "pub_E_end",
                   "out_o1_after_10000": "pub_out_o1", "out_o2_after_10000": "pub_out_o2"}


def variant_facts(variant):
    """The variant's E_total after its last update, and the tutorial's four published texts."""
    return {"E_end_variant": float(variant.errors[-1]),
            **{name: PUBLISHED[key].text for key, name in PUBLISHED_NAMES.items()}}
