"""Chapter 6b, the learning rate: the figure of the learning-rate sweep.

    sweep_figure(sweep), describe_sweep(sweep)   final error against eta, and its alt text

The sweep itself (train_many, best, too_large, unmoved) is in backprop.tutorial.sweep.
"""

import numpy as np

from .. import _validate
from ..display.error_histories import updates_text
from ..display.figures import chart
from ..display.numbers import three_digits
from ..display.style import BLUE, GREY, INK, ORANGE, styled
from ..tutorial.network import TUTORIAL_ETA
from ..tutorial.sweep import Sweep, best, by_eta, too_large


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
