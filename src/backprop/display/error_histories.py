"""Error histories, drawn and read: the run palette, the error curve and its alt text.

    error_curve(errors)        E_total against the number of updates, log y axis; several
                               labelled runs overlaid, a faint reference run behind them
    describe_error_curve(...)  its alt text, computed from the same numbers
    plot_indices(n)            which of the n + 1 recorded errors the curve draws
    error_history, error_runs  a history (or {label: history}) checked for a log axis
    updates_to_reach, overtakes, decades_fallen   reading a history
    updates_text(k), milestones(n)                "10,000 updates"; 0, 10, 100, ..., n
"""
import math
from collections.abc import Mapping

import numpy as np

from .. import _validate
from .figures import chart
from .style import INK, REFERENCE, RUN_COLORS, RUN_STYLES, styled
from .numbers import fixed_three_significant


POINTS = 400  # at most this many plotted points per curve (plus the two ends)


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


def error_history(name, errors):
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


def error_runs(errors):
    """{label: history}: one history is one unlabelled run."""
    if isinstance(errors, Mapping):
        if not 1 <= len(errors) <= len(RUN_COLORS):
            raise ValueError(f"errors must hold 1 to {len(RUN_COLORS)} runs, "
                             f"got {len(errors)}")
        return {str(k): error_history(f"errors[{k!r}]", v) for k, v in errors.items()}
    return {None: error_history("errors", errors)}


@styled
def error_curve(errors, reference=None, reference_label=None, annotate=True,
                points=POINTS):
    """E_total against the number of updates, on a log y axis.

    errors: one error history (errors[k] = E_total after k updates), or {label: history}
    for several runs overlaid. reference: a history drawn faint and wide behind the runs
    (e.g. another algorithm), labelled reference_label. annotate: write the first run's
    starting and final error beside its ends. Each curve draws plot_indices(...) points.
    """
    runs = error_runs(errors)
    ref = None if reference is None else error_history("reference", reference)
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
    ax.set_xlabel("updates")
    ax.set_ylabel(r"$E_{total}$ (log scale)")
    ax.xaxis.set_major_formatter("{x:,.0f}")

    if annotate:
        e = next(iter(runs.values()))
        n = len(e) - 1
        # The start label sits right of the curve's top, the end label under its foot.
        for k, text, xy, ha, va in ((0, f"at the start: {fixed_three_significant(e[0])}", (8, 6), "left",
                                     "bottom"),
                                    (n, f"after {updates_text(n)}: {fixed_three_significant(e[n])}", (-4, -10),
                                     "right", "top")):
            ax.plot([k], [e[k]], "o", color=INK, markersize=5, clip_on=False)
            ax.annotate(text, (k, e[k]), xytext=xy, textcoords="offset points", ha=ha,
                        va=va)
        # Headroom above and below (a factor on a log axis), so both labels fit inside.
        low, high = ax.get_ylim()
        ax.set_ylim(low / 6, high * 3)
    if ref is not None or any(label is not None for label in runs):
        ax.legend(frameon=False, loc="upper right")
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


def updates_text(k):
    """'1 update', '10,000 updates'."""
    return f"{k:,} update{'' if k == 1 else 's'}"


def milestones(n):
    """0, then 10, 100, 1000, ... up to n, and n itself."""
    ks = [0] + [10 ** j for j in range(1, len(str(n))) if 10 ** j < n] + [n]
    return sorted(set(ks))


def _describe_run(e):
    n = len(e) - 1
    ks = milestones(n)
    stops = [f"{fixed_three_significant(e[k])} after {updates_text(k)}" for k in ks[1:]]
    path = stops[0] if len(stops) == 1 else f"{', '.join(stops[:-1])} and {stops[-1]}"
    text = f"it starts at {fixed_three_significant(e[0])} and falls to {path}"
    if len(e) > 10:
        split = n // 10
        early, late = decades_fallen(e, 0, split), decades_fallen(e, split, n)
        text += (f"; it falls by {early:.1f} orders of magnitude over the first "
                 f"{updates_text(split)} and by {late:.1f} over the remaining {n - split:,}")
    return text


def describe_error_curve(errors, reference=None, reference_label=None):
    """Alt text for error_curve: axes, and for each run its error at 10, 100, ... updates."""
    runs = error_runs(errors)
    longest = max(len(e) for e in runs.values()) - 1
    parts = [f"Line chart of the total error E_total (vertical axis, logarithmic) against "
             f"the number of updates (horizontal axis, 0 to {longest:,})."]
    for label, e in runs.items():
        body = _describe_run(e)
        parts.append(f"{label}: {body}." if label else f"{body[0].upper()}{body[1:]}.")
    if reference is not None:
        ref = error_history("reference", reference)
        named = f" ({reference_label})" if reference_label else ""
        parts.append(f"A faint wide reference curve{named} goes from {fixed_three_significant(ref[0])} to "
                     f"{fixed_three_significant(ref[-1])} after {updates_text(len(ref) - 1)}.")
    return " ".join(parts)


def decades_fallen(errors, start, end):
    """Orders of magnitude the error loses from update start to update end: log10 of the ratio."""
    e = error_history("errors", errors)
    n = len(e) - 1
    start, end = (_validate.count(name, k) for name, k in (("start", start), ("end", end)))
    if not start <= end <= n:
        raise ValueError(f"start and end must satisfy 0 <= start <= end <= {n}, "
                         f"got {start} and {end}")
    return math.log10(e[start] / e[end])
