"""Chapter 6b, the learning rate: the figure of the learning-rate sweep.

    sweep_figure(sweep), describe_sweep(sweep)   final error against eta, and its alt text
    run_facts, sweep_facts, landscape_facts       the numbers the prose names, as {name: value}

The sweep itself (train_many, best, too_large, unmoved) is in backprop.tutorial.sweep.
"""

import numpy as np

from .. import _validate
from ..display.error_histories import updates_text
from ..display.figures import chart
from ..display.numbers import three_digits
from ..display.style import BLUE, GREY, INK, ORANGE, styled
from ..explorers import landscape_explorer as lx
from ..tutorial.backward import backward
from ..tutorial.forward import forward
from ..tutorial.network import TUTORIAL_ETA
from ..tutorial.sweep import PER_DECADE, Sweep, best, by_eta, too_large, unmoved
from ..tutorial.training import train


# -- the learning-rate sweep ---------------------------------------------------------------


CURVE, MARK, START = BLUE, ORANGE, GREY


def _check_sweep(sweep):
    _validate.instance("sweep", sweep, Sweep)
    if len(sweep) < 2 or not np.all(sweep.final_errors > 0):
        raise ValueError("sweep must hold at least 2 networks, each with a final error "
                         "greater than 0 (a log axis cannot show 0)")
    return sweep


@styled
def sweep_figure(sweep, marked=TUTORIAL_ETA):
    """E_total after the last update against the learning rate, both axes logarithmic.

    A dashed line marks the error before training (the first network's), and a dot the
    network whose eta is `marked` (the tutorial's, by default).
    """
    _check_sweep(sweep)
    m = sweep.index(marked, "marked")
    etas, final, _ = by_eta(sweep)
    fig, ax = chart((7.2, 4.2), "log", "log")
    start = float(sweep.errors[0, 0])
    ax.axhline(start, color=START, linestyle="--", linewidth=1.2, gid="start")
    ax.annotate(f"before training: {three_digits(start)}", (etas[0], start), xytext=(4, 5),
                textcoords="offset points", va="bottom")
    ax.plot(etas, final, color=CURVE, linewidth=2, gid="final-errors")
    eta_m, e_m = float(sweep.etas[m]), float(sweep.final_errors[m])
    ax.plot([eta_m], [e_m], "o", color=MARK, markeredgecolor=INK, markersize=9, zorder=3,
            gid="marked")
    ax.annotate(f"the tutorial's \u03b7 = {eta_m:g}:\n{three_digits(e_m)}", (eta_m, e_m),
                xytext=(-12, -14), textcoords="offset points", ha="right", va="top")
    ax.set_xlim(etas[0], etas[-1])
    low, high = ax.get_ylim()
    ax.set_ylim(low / 10, max(high, start) * 20)
    ax.set_xlabel("learning rate \u03b7 (log scale)")
    ax.set_ylabel(f"$E_{{total}}$ after {sweep.updates:,} updates\n(log scale)")
    fig.tight_layout()
    return fig


def describe_sweep(sweep, marked=TUTORIAL_ETA):
    """Alt text for sweep_figure, computed from the same numbers."""
    _check_sweep(sweep)
    m = sweep.index(marked, "marked")
    etas, final, _ = by_eta(sweep)
    n = sweep.updates
    _, eta_best, e_best = best(sweep)
    parts = [
        f"Line chart, both axes logarithmic: the total error E_total after {updates_text(n)} "
        f"against the learning rate eta, for {len(sweep):,} networks trained at once, "
        f"eta from {etas[0]:g} to {etas[-1]:g}.",
        f"A dashed line marks the error before training, "
        f"{three_digits(float(sweep.errors[0, 0]))}.",
        f"At eta = {etas[0]:g} the error ends at {three_digits(final[0])}; the lowest, "
        f"{three_digits(e_best)}, is reached at eta = {eta_best:.3g}.",
        f"A dot marks the tutorial's eta = {float(sweep.etas[m]):g}, where the error ends "
        f"at {three_digits(float(sweep.final_errors[m]))}.",
    ]
    worse = too_large(sweep, float(sweep.final_errors[m]))
    if worse is not None:
        tail = final[etas >= worse[1]]
        parts.append(f"From eta = {worse[1]:.3g} upward the curve jumps back up: every "
                     f"network ends with a larger error than the tutorial's, between "
                     f"{three_digits(float(tail.min()))} and {three_digits(float(tail.max()))}.")
    return " ".join(parts)


# -- the numbers the prose names -------------------------------------------------------------


def run_facts(params, example, eta, errors):
    """The tutorial's run: its eta, out_o1 and its slope at the start, and how many updates
    and errors it recorded."""
    start = forward(params, example)
    return {"eta": eta, "t1": example.t1, "out_o1_start": start.out_o1,
            "slope_start": backward(params, example).output.dout_o1_dnet_o1,
            "updates": len(errors) - 1, "n_errors": len(errors)}


def sweep_facts(sweep, params, example, eta):
    """The sweep of networks started at params: its range of etas, the best eta and its
    error, and the eta from which the error jumps back above the one at the tutorial's eta."""
    final = sweep.final_errors
    best_row, best_eta, best_error = best(sweep)
    best_out = forward(sweep.network(best_row), example)
    stall_row, stall_eta = too_large(sweep, final[sweep.index(eta)])
    stall_first = train(params, example, stall_eta, 1)
    beyond = final[sweep.etas >= stall_eta]
    low = float(sweep.etas.min())
    return {"sweep_n": len(sweep), "sweep_per_decade": PER_DECADE,
            "sweep_low": low, "sweep_high": float(sweep.etas.max()),
            "sweep_E_low": float(final[sweep.index(low)]),
            "sweep_E_tutorial": float(final[sweep.index(eta)]),
            "sweep_best_eta": best_eta, "sweep_best_E": best_error,
            "sweep_best_gap": max(abs(best_out.out_o1 - example.t1),
                                  abs(best_out.out_o2 - example.t2)),
            "sweep_unmoved_n": len(unmoved(sweep.network(best_row), example, best_eta)),
            "sweep_stall_eta": stall_eta,
            "sweep_stall_min": float(beyond.min()), "sweep_stall_max": float(beyond.max()),
            "sweep_stall_o1_first": stall_first.final.out_o1,
            "sweep_stall_slope": backward(stall_first.params, example).output.dout_o1_dnet_o1,
            "sweep_stall_o1_end": forward(sweep.network(stall_row), example).out_o1}


WILD_ETA = 30.0  # a rate beyond the landscape explorer's slider, where the path goes wild


def landscape_facts(params, example, eta):
    """Gradient descent on the landscape explorer's default map (w5 across, b2 up): at eta,
    where b2 turns back, and at the slider's largest rate and one beyond it."""
    pair, updates = lx.DEFAULT_PAIR, lx.DEFAULT_UPDATES
    slow = lx.descend(params, example, pair, eta, updates)
    turn = lx.turns(slow, "b2")[0]
    big_eta = lx.ETA_RANGE[1]
    big = lx.descend(params, example, pair, big_eta, updates)
    wild = lx.descend(params, example, pair, WILD_ETA, updates)
    return {"land_updates": updates, "land_eta": eta, "land_b2_start": params.b2,
            "land_turn": turn, "land_b2_turn": float(slow.points[turn, 1]),
            "land_E_start": float(slow.errors[0]), "land_E_end": float(slow.errors[updates]),
            "land_big_eta": big_eta, "land_big_ratio": big_eta / eta,
            "land_big_b2": float(big.points[1, 1]), "land_big_trend": lx.error_trend(big),
            "land_big_E_end": float(big.errors[updates]),
            "land_wild_eta": WILD_ETA, "land_wild_trend": lx.error_trend(wild),
            "land_i1": example.i1}
