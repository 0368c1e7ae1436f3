"""Training, shown: the error curve, the outputs against their targets, and small tables.

    error_curve(errors)        E_total against the number of updates, log y axis; several
                               labelled runs overlaid, a faint reference run behind them
    describe_error_curve(...)  its alt text, computed from the same numbers
    plot_indices(n)            which of the n + 1 recorded errors the curve draws
    outputs_figure(...)        each output's start and end on the 0..1 scale, and its target
    describe_outputs(...)      its alt text
    summary(run)               the four numbers the tutorial prints after training
    per_update_drop, fastest_update, decades_fallen   how fast the error falls
    history_table, outputs_table, slowdown_table, published_comparison   Markdown tables
"""
import math
from collections.abc import Mapping

import numpy as np

from . import _validate
from .backward import backward
from .figures import chart
from .published import PUBLISHED
from .symbolic import factor_values
from .tables import Table, code

TUTORIAL_UPDATES = 10_000
POINTS = 400  # at most this many plotted points per curve (plus the two ends)
# Okabe-Ito colours (colour-blind safe), each run also with its own dash pattern, so
# the runs stay apart in greyscale too.
RUN_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
RUN_STYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1)), (0, (1, 1)))
INK, REFERENCE = "#1a1a1a", "#b3b3b3"
TARGET = "#D55E00"  # vermillion
FONT = 11


# -- the error curve ------------------------------------------------------------------


def plot_indices(n, points=POINTS):
    """Sorted indices into an error history of n + 1 values (updates 0..n) to draw.

    Half are log-spaced, dense at the start where the curve bends fastest; half are evenly
    spaced, so a linear x axis shows no gaps; both ends are always in. Each plotted point
    is an exact (k, errors[k]): downsampling only decides which k, it never averages.
    (Drawing, matplotlib's path simplification may still merge points that lie within a
    ninth of a pixel of a straight line; with it switched off, the SVG holds exactly these.)
    """
    n = _validate.count("n", n)
    points = _validate.count("points", points, minimum=2)
    if n + 1 <= points:
        return np.arange(n + 1)
    logs = np.geomspace(1, n, points // 2)
    even = np.linspace(0, n, points - points // 2)
    return np.unique(np.concatenate([[0, n], np.rint(logs), np.rint(even)]).astype(int))


def _history(name, errors):
    """errors as a 1-D float array of positive finite numbers, at least 2 long."""
    try:
        e = np.asarray(errors, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a sequence of numbers, got {errors!r}") from None
    if e.ndim != 1 or len(e) < 2:
        raise ValueError(f"{name} must be a 1-D sequence of at least 2 errors, "
                         f"got shape {e.shape}")
    # A log axis cannot show 0 or a negative number.
    if not (np.all(np.isfinite(e)) and np.all(e > 0)):
        raise ValueError(f"{name} must hold finite errors greater than 0")
    return e


def _runs(errors):
    """{label: history}: one history is one unlabelled run."""
    if isinstance(errors, Mapping):
        if not 1 <= len(errors) <= len(RUN_COLORS):
            raise ValueError(f"errors must hold 1 to {len(RUN_COLORS)} runs, "
                             f"got {len(errors)}")
        return {str(k): _history(f"errors[{k!r}]", v) for k, v in errors.items()}
    return {None: _history("errors", errors)}


def _short(x):
    """x > 0 with 3 significant digits in fixed point, as the tutorial prints: 0.0000351."""
    return f"{x:.{max(0, 2 - math.floor(math.log10(x)))}f}"


def error_curve(errors, reference=None, reference_label=None, annotate=True,
                points=POINTS):
    """E_total against the number of updates, on a log y axis.

    errors: one error history (errors[k] = E_total after k updates), or {label: history}
    for several runs overlaid. reference: a history drawn faint and wide behind the runs
    (e.g. another algorithm), labelled reference_label. annotate: write the first run's
    starting and final error beside its ends. Each curve draws plot_indices(...) points.
    """
    runs = _runs(errors)
    ref = None if reference is None else _history("reference", reference)
    fig, ax = chart((7.2, 3.9), yscale="log")

    if ref is not None:
        k = plot_indices(len(ref) - 1, points)
        ax.plot(k, ref[k], color=REFERENCE, linewidth=5, solid_capstyle="round",
                label=reference_label, gid="reference")
    for i, (label, e) in enumerate(runs.items()):
        k = plot_indices(len(e) - 1, points)
        ax.plot(k, e[k], color=RUN_COLORS[i], linestyle=RUN_STYLES[i], linewidth=2,
                label=label, gid=f"run-{i}")

    longest = max(len(e) for e in [*runs.values(), *([] if ref is None else [ref])]) - 1
    ax.set_xlim(0, longest)
    ax.set_xlabel("updates", fontsize=FONT, color=INK)
    ax.set_ylabel(r"$E_{total}$ (log scale)", fontsize=FONT, color=INK)
    ax.xaxis.set_major_formatter("{x:,.0f}")
    ax.tick_params(labelsize=FONT, colors=INK)

    if annotate:
        e = next(iter(runs.values()))
        n = len(e) - 1
        # The start label sits right of the curve's top, the end label under its foot.
        for k, text, xy, ha, va in ((0, f"at the start: {_short(e[0])}", (8, 6), "left",
                                     "bottom"),
                                    (n, f"after {_updates(n)}: {_short(e[n])}", (-4, -10),
                                     "right", "top")):
            ax.plot([k], [e[k]], "o", color=INK, markersize=5, clip_on=False)
            ax.annotate(text, (k, e[k]), xytext=xy, textcoords="offset points", ha=ha,
                        va=va, fontsize=FONT, color=INK)
        # Headroom above and below (a factor on a log axis), so both labels fit inside.
        low, high = ax.get_ylim()
        ax.set_ylim(low / 6, high * 3)
    if ref is not None or any(label is not None for label in runs):
        ax.legend(fontsize=FONT - 1, frameon=False, loc="upper right")
    fig.tight_layout()
    return fig


def updates_to_reach(errors, level):
    """The first k with errors[k] <= level (errors[k]: E_total after k updates), or None."""
    e = np.asarray(errors, dtype=float)
    level = _validate.positive("level", level)
    if e.ndim != 1 or not len(e):
        raise ValueError(f"errors must be a 1-D sequence of errors, got shape {e.shape}")
    hits = np.flatnonzero(e <= level)
    return int(hits[0]) if len(hits) else None


def overtakes(errors, other):
    """The first k from which errors[j] < other[j] for every j >= k (None if never):
    the update after which one run stays ahead of another."""
    a, b = np.asarray(errors, dtype=float), np.asarray(other, dtype=float)
    if a.shape != b.shape or a.ndim != 1:
        raise ValueError(f"errors and other must be 1-D histories of one length, got "
                         f"shapes {a.shape} and {b.shape}")
    behind = np.flatnonzero(a >= b)
    if not len(behind):
        return 0
    k = int(behind[-1]) + 1
    return k if k < len(a) else None


def _updates(k):
    """'1 update', '10,000 updates'."""
    return f"{k:,} update{'' if k == 1 else 's'}"


def _milestones(n):
    """0, then 10, 100, 1000, ... up to n, and n itself."""
    ks = [0] + [10 ** j for j in range(1, len(str(n))) if 10 ** j < n] + [n]
    return sorted(set(ks))


def _describe_run(e):
    n = len(e) - 1
    ks = _milestones(n)
    stops = [f"{_short(e[k])} after {_updates(k)}" for k in ks[1:]]
    path = stops[0] if len(stops) == 1 else f"{', '.join(stops[:-1])} and {stops[-1]}"
    text = f"it starts at {_short(e[0])} and falls to {path}"
    if len(e) > 10:
        split = n // 10
        early, late = decades_fallen(e, 0, split), decades_fallen(e, split, n)
        text += (f"; it falls by {early:.1f} orders of magnitude over the first "
                 f"{_updates(split)} and by {late:.1f} over the remaining {n - split:,}")
    return text


def describe_error_curve(errors, reference=None, reference_label=None):
    """Alt text for error_curve: axes, and for each run its error at 10, 100, ... updates."""
    runs = _runs(errors)
    longest = max(len(e) for e in runs.values()) - 1
    parts = [f"Line chart of the total error E_total (vertical axis, logarithmic) against "
             f"the number of updates (horizontal axis, 0 to {longest:,})."]
    for label, e in runs.items():
        body = _describe_run(e)
        parts.append(f"{label}: {body}." if label else f"{body[0].upper()}{body[1:]}.")
    if reference is not None:
        ref = _history("reference", reference)
        named = f" ({reference_label})" if reference_label else ""
        parts.append(f"A faint wide reference curve{named} goes from {_short(ref[0])} to "
                     f"{_short(ref[-1])} after {_updates(len(ref) - 1)}.")
    return " ".join(parts)


# -- the outputs against their targets ---------------------------------------------------


def outputs_figure(start, final, example, updates=TUTORIAL_UPDATES):
    """Each output on the 0..1 scale: where it started, where it ended, and its target.

    start, final: `Forward` results before training and after `updates` updates.
    """
    updates = _validate.count("updates", updates)
    fig, ax = chart((7.2, 2.6), grid="x")
    rows = (("out_o1", "t1", 1), ("out_o2", "t2", 0))
    for out, t, y in rows:
        a, b, target = getattr(start, out), getattr(final, out), getattr(example, t)
        ax.annotate("", (b, y), (a, y), arrowprops=dict(arrowstyle="-|>", color="#7a7a7a",
                                                        linewidth=1.6, shrinkA=6, shrinkB=7))
        ax.plot([a], [y], "o", markersize=9, markerfacecolor="white", markeredgecolor=INK,
                markeredgewidth=1.6, label="at the start" if y else None, gid=f"start-{out}")
        ax.plot([target], [y], "|", markersize=16, markeredgewidth=3, color=TARGET,
                label="target" if y else None, gid=f"target-{out}")
        ax.plot([b], [y], "o", markersize=9, color=RUN_COLORS[0],
                label=f"after {_updates(updates)}" if y else None, gid=f"final-{out}")
        # Start and target labelled above the row, the end below: the end sits on the target.
        ax.text(a, y + 0.22, f"{a:.3f}", ha="center", va="bottom", fontsize=FONT, color=INK)
        ax.text(target, y + 0.22, f"{t} = {target:g}", ha="center", va="bottom",
                fontsize=FONT, color=INK)
        ax.text(b, y - 0.22, f"{b:.4f}", ha="center", va="top", fontsize=FONT, color=INK)
    ax.set_yticks([y for *_, y in rows], [out for out, *_ in rows])
    ax.set_ylim(-0.75, 1.75)
    ax.set_xlim(-0.05, 1.05)  # room for the labels centred on 0.01 and 0.99
    ax.set_xlabel("output value (a logistic output lies between 0 and 1)", fontsize=FONT,
                  color=INK)
    ax.tick_params(labelsize=FONT, colors=INK)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.legend(fontsize=FONT - 1, frameon=False, loc="upper center", ncols=3,
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
            f"after {_updates(updates)}, with each output's target marked. {moves}.")


# -- the numbers, as tables --------------------------------------------------------------


def summary(run):
    """{key: value} for the tutorial's four numbers after training, from a 10,000-update run."""
    n = len(run.errors) - 1
    if n != TUTORIAL_UPDATES:
        raise ValueError(f"run must hold {TUTORIAL_UPDATES:,} updates, the tutorial's count; "
                         f"got {n:,}")
    return {"E_after_1_update": float(run.errors[1]),
            "E_after_10000": float(run.errors[n]),
            "out_o1_after_10000": run.final.out_o1,
            "out_o2_after_10000": run.final.out_o2}


def per_update_drop(errors, k):
    """The share of the error that update k (1..n) removes: 1 - errors[k] / errors[k - 1]."""
    e = _history("errors", errors)
    k = _validate.count("k", k)
    if not 1 <= k <= len(e) - 1:
        raise ValueError(f"k must be a whole number in [1, {len(e) - 1}], got {k!r}")
    return float(1 - e[k] / e[k - 1])


def fastest_update(errors):
    """(k, share): the update that removes the largest share of the error it finds."""
    e = _history("errors", errors)
    shares = 1 - e[1:] / e[:-1]
    k = int(np.argmax(shares))  # the first of equals, if any
    return k + 1, float(shares[k])


def decades_fallen(errors, start, end):
    """Orders of magnitude the error loses from update start to update end: log10 of the ratio."""
    e = _history("errors", errors)
    n = len(e) - 1
    start, end = (_validate.count(name, k) for name, k in (("start", start), ("end", end)))
    if not start <= end <= n:
        raise ValueError(f"start and end must satisfy 0 <= start <= end <= {n}, "
                         f"got {start} and {end}")
    return math.log10(e[start] / e[end])


def _fixed(x, significant=6):
    """Fixed-point, like the tutorial: 9 decimals, more when needed for 6 significant digits."""
    decimals = max(9, significant - 1 - math.floor(math.log10(abs(x))))
    return f"{x:.{decimals}f}"


def history_table(errors, updates=None):
    """E_total after each of a few update counts, and what share of the start is left."""
    e = _history("errors", errors)
    n = len(e) - 1
    ks = _milestones(n) if updates is None else [_validate.count("updates", k) for k in updates]
    for k in ks:
        if k > n:
            raise ValueError(f"updates must lie in [0, {n}], got {k!r}")
    return Table(["updates", code("E_total"), "share of the starting error"],
                 [(f"{k:,}", _fixed(e[k]), f"{e[k] / e[0]:.4%}") for k in ks])


def outputs_table(start, final, example, updates=TUTORIAL_UPDATES):
    """Each output before and after training, its target, and the gap that is left."""
    updates = _validate.count("updates", updates)
    return Table(["output", "target", "at the start", f"after {_updates(updates)}",
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


def summary_keys():
    """The published keys of the tutorial's training section, in its order."""
    return [k for k, row in PUBLISHED.items() if row.section == "training"]


def published_comparison(runs):
    """The tutorial's four training numbers beside each run's, to the published digits.

    runs: {label: Training with 10,000 updates}. Each cell is the run's value printed with
    as many decimals as the tutorial prints, marked ✓ if that is the published text, else ✗.
    """
    if not isinstance(runs, Mapping) or not runs:
        raise ValueError("runs must be a non-empty {label: Training} mapping")
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
