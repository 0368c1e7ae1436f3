"""Where the published numbers come from: the computations behind each finding.

    decimal_run, precision_comparison, precision_table, fewest_agreeing_digits,
    significant_digits, most_printed_digits
                                  the findings' numbers again in 40-digit decimal arithmetic
    term_sums / sums_table        dE_total/dout_h1 added up from exact, printed, rounded terms
    last_place_units(key, x)      how far a value lies from the printed one, in last places
    short_keys, short_prints      the values printed with 8 decimals, read at 9
    algorithm_table(columns)      published values beside several algorithms', which match
    error_of_outputs, error_of_printed_weights   E_total implied by printed numbers
    printed_outputs_error_range   E_total of any outputs that print as the published ones
    digits_matched(key, x)        how many of the printed significant digits x reproduces
    final_candidates / candidates_table          every candidate for the three final numbers
    relative_difference, error_comparison_table, weight_gaps, weights_table   two runs
    falls_every_update(errors)    whether a run lowered its error at every update
    lead_from(errors, reference)  the update from which one run stays below the other
    relative_difference_figure / describe_relative_difference    the same, as a figure
    moved_output_weights, variant_gradients, central_difference, gradient_table
                                  the variant's "gradient" against the true one; fd_gaps
    variant_gap(p)                SymPy: the variant's value minus the true gradient
    eta_table, step_angle, factor_table, opposite_signs   how the variant's step compares
    FINDINGS, explained(values)   which finding accounts for each published value that differs
    tally(values)                 how many published values match and how many differ
    precision_facts, ..., tally_facts   the prose's numbers, {name: value} per finding

"original" is the algorithm the tutorial's text describes (every gradient at the current
weights); "updated" is the variant that carries the output deltas back through the already
updated w5..w8 (training.update's hidden_deltas option).
"""
import decimal
import math

import numpy as np
import sympy as sp

from .. import _validate
from ..derive import symbolic
from ..derive.autodiff import FINITE_DIFFERENCES, bound
from ..tutorial import gradcheck
from ..tutorial.backward import backward
from ..display.figures import chart
from ..display.style import INK, RUN_COLORS, SMALL, styled
from ..tutorial.forward import forward, squared_error
from ..tutorial.network import (TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, TUTORIAL_ETA, WEIGHTS,
                                BIAS_SLOTS)
from ..tutorial.published import PUBLISHED, TUTORIAL_UPDATES, summary, summary_keys
from ..display.tables import Table, code
from ..tutorial.training import train, update
from ..display.error_histories import updates_text, overtakes, plot_indices
from ..display.numbers import fixed_decimals

DECIMAL_DIGITS = 40  # significant digits of the decimal re-run
FD_STEP = 1e-5  # central differences: the h^2 error and rounding / h balance near here
HIDDEN = WEIGHTS[:4]
OUTPUT = WEIGHTS[4:]
# The output-layer weights on the wires leaving each hidden neuron (to o1, to o2).
LEAVING = {"h1": ("w5", "w7"), "h2": ("w6", "w8")}
INTO = {"w1": "h1", "w2": "h1", "w3": "h2", "w4": "h2"}


def _published(key):
    if key not in PUBLISHED:
        raise ValueError(f"key must be a published key such as 'dE_dw5', got {key!r}")
    return PUBLISHED[key]


# -- floating point is not the cause --------------------------------------------------------


def decimal_run(updates=TUTORIAL_UPDATES, hidden_deltas="original", digits=DECIMAL_DIGITS,
                params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, eta=TUTORIAL_ETA):
    """The example trained in decimal arithmetic with `digits` significant digits.

    Written out again, not shared with the engine, so that agreement is a check. Returns
    {key: Decimal}: dEo2_dout_h1 at the start, E_total after 1, updates - 1 and `updates`
    updates (E_after_1_update, E_before_last, E_after_last), and the final outputs.
    """
    updates = _validate.count("updates", updates, minimum=1)
    digits = _validate.count("digits", digits, minimum=17)
    _validate.choice("hidden_deltas", hidden_deltas, ("original", "updated"))
    with decimal.localcontext() as ctx:
        ctx.prec = digits
        # repr() gives the shortest text that is the float, e.g. 0.15 -> "0.15".
        w1, w2, w3, w4, w5, w6, w7, w8 = (decimal.Decimal(repr(getattr(params, w)))
                                          for w in WEIGHTS)
        bh1, bh2, bo1, bo2 = (decimal.Decimal(repr(getattr(params, b))) for b in BIAS_SLOTS)
        i1, i2, t1, t2 = (decimal.Decimal(repr(getattr(example, x)))
                          for x in ("i1", "i2", "t1", "t2"))
        eta = decimal.Decimal(repr(_validate.positive("eta", eta)))
        one, half = decimal.Decimal(1), decimal.Decimal("0.5")

        def sigma(x):
            return one / (one + (-x).exp())

        errors, found = [], {}
        for k in range(updates + 1):
            h1, h2 = sigma(w1 * i1 + w2 * i2 + bh1), sigma(w3 * i1 + w4 * i2 + bh2)
            o1, o2 = sigma(w5 * h1 + w6 * h2 + bo1), sigma(w7 * h1 + w8 * h2 + bo2)
            errors.append(half * (t1 - o1) ** 2 + half * (t2 - o2) ** 2)
            if k == updates:
                break
            d1, d2 = (o1 - t1) * o1 * (one - o1), (o2 - t2) * o2 * (one - o2)
            if k == 0:
                found["dEo2_dout_h1"] = +(d2 * w7)
            new = (w5 - eta * d1 * h1, w6 - eta * d1 * h2, w7 - eta * d2 * h1,
                   w8 - eta * d2 * h2)
            c5, c6, c7, c8 = new if hidden_deltas == "updated" else (w5, w6, w7, w8)
            dh1 = (d1 * c5 + d2 * c7) * h1 * (one - h1)
            dh2 = (d1 * c6 + d2 * c8) * h2 * (one - h2)
            w1, w2 = w1 - eta * dh1 * i1, w2 - eta * dh1 * i2
            w3, w4 = w3 - eta * dh2 * i1, w4 - eta * dh2 * i2
            w5, w6, w7, w8 = new
    return {**found, "E_after_1_update": errors[1], "E_before_last": errors[-2],
            "E_after_last": errors[-1], "out_o1": o1, "out_o2": o2}


def agreeing_digits(x, exact):
    """How many significant digits x shares with `exact`: floor(-log10 |x - exact| / |exact|)."""
    exact = decimal.Decimal(exact)
    gap = abs(decimal.Decimal(_validate.finite("x", x)) - exact)
    if gap == 0:
        return math.inf
    return math.floor(-(gap / abs(exact)).log10())


def precision_comparison(updates=TUTORIAL_UPDATES, digits=DECIMAL_DIGITS,
                         params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, eta=TUTORIAL_ETA):
    """[(quantity, algorithm, float64 value, decimal value)] for every number the findings
    rest on, from the engine (float64) and from decimal_run."""
    rows = []
    for hidden_deltas in ("original", "updated"):
        exact = decimal_run(updates, hidden_deltas, digits, params, example, eta)
        run = train(params, example, eta, updates, hidden_deltas=hidden_deltas)
        floats = {"E_after_1_update": run.errors[1], "E_before_last": run.errors[-2],
                  "E_after_last": run.errors[-1], "out_o1": run.final.out_o1,
                  "out_o2": run.final.out_o2}
        if hidden_deltas == "original":
            floats = {"dEo2_dout_h1": backward(params, example).hidden.dEo2_dout_h1,
                      **floats}
        names = {"E_before_last": f"{code('E_total')} after {updates_text(updates - 1)}",
                 "E_after_last": f"{code('E_total')} after {updates_text(updates)}",
                 "out_o1": f"{code('out_o1')} after {updates_text(updates)}",
                 "out_o2": f"{code('out_o2')} after {updates_text(updates)}"}
        rows += [(names.get(k, code(k)), hidden_deltas, float(v), exact[k])
                 for k, v in floats.items()]
    return rows


def precision_table(comparison, digits=DECIMAL_DIGITS):
    """The comparison as a table: each float64 value and the significant digits it shares
    with the decimal one."""
    rows = []
    for q, algorithm, x, y in comparison:
        shared = agreeing_digits(x, y)
        rows.append((q, code(algorithm), f"{x:.15g}",
                     "all" if math.isinf(shared) else str(shared)))
    return Table(["quantity", "algorithm", "float64",
                  f"digits shared with the {digits}-digit decimal value"], rows)


def significant_digits(key):
    """How many significant digits the tutorial prints for `key`: 0.0000351085 has 6."""
    return len(_published(key).text.lstrip("-").replace(".", "").lstrip("0"))


def most_printed_digits():
    """The most significant digits the tutorial prints for any one value."""
    return max(significant_digits(k) for k in PUBLISHED)


def fewest_agreeing_digits(comparison):
    """The smallest number of significant digits any float64 value shares with its decimal."""
    return min(agreeing_digits(x, y) for _, _, x, y in comparison)


# -- one digit in the hidden layer ---------------------------------------------------------


def term_sums(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """{how: (dEo1_dout_h1, dEo2_dout_h1, their sum)} for three sets of terms.

    exact: the arithmetic's values. printed: the tutorial's two printed terms. rounded:
    each exact term rounded to the decimals the tutorial prints it with.
    """
    h = backward(params, example).hidden
    exact = (h.dEo1_dout_h1, h.dEo2_dout_h1)
    printed = tuple(PUBLISHED[k].value for k in ("dEo1_dout_h1", "dEo2_dout_h1"))
    rounded = tuple(float(PUBLISHED[k].rounded(v))
                    for k, v in zip(("dEo1_dout_h1", "dEo2_dout_h1"), exact))
    return {how: (a, b, a + b) for how, (a, b) in
            (("exact", exact), ("printed", printed), ("rounded", rounded))}


SUM_LABELS = {"exact": "exact", "printed": "as printed",
              "rounded": "exact, each rounded to {} decimals first"}


def sums_table(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """The sum dE_total/dout_h1 from each set of terms, and whether it prints as published."""
    row = PUBLISHED["dE_dout_h1"]
    rows = []
    for how, (a, b, total) in term_sums(params, example).items():
        shown = row.rounded(total)
        rows.append((SUM_LABELS[how].format(row.decimals), f"{a:.12f}".rstrip("0"),
                     f"{b:.12f}".rstrip("0"), f"{total:.12f}".rstrip("0"), shown,
                     "yes" if shown == row.text else "no"))
    return Table(["terms", code("dEo1_dout_h1"), code("dEo2_dout_h1"), "sum",
                  f"sum to {row.decimals} decimals", "as published?"], rows)


def last_place_units(key, computed):
    """(computed - published) in units of the published value's last printed decimal.

    A correctly rounded printout lies within half a unit of the value it prints.
    """
    row = _published(key)
    return (_validate.finite("computed", computed) - row.value) * 10 ** row.decimals


# -- eight decimals ------------------------------------------------------------------------


def short_keys(values, decimals=8):
    """The keys of `values` whose published text has exactly `decimals` decimals."""
    decimals = _validate.count("decimals", decimals, minimum=1)
    return [k for k in values if k in PUBLISHED and PUBLISHED[k].decimals == decimals]


def short_prints(values, decimals=8):
    """Each published value printed with `decimals` decimals, read at one decimal more.

    If the computed value at decimals + 1 ends in 0, the short text is the same number
    with its last zero left off; otherwise a digit is missing.
    """
    rows = []
    for key in short_keys(values, decimals):
        row, computed = PUBLISHED[key], values[key]
        longer = f"{computed:.{decimals + 1}f}"
        reading = ("the same number: its last decimal is 0" if longer.endswith("0")
                   else f"a digit fewer: the {_ordinal(decimals + 1)} decimal, "
                        f"{longer[-1]}, is not printed")
        rows.append((code(key), row.text, longer, row.rounded(computed),
                     "yes" if row.matches(computed) else "no", reading))
    return Table(["quantity", "published", f"computed, {decimals + 1} decimals",
                  f"computed, {decimals} decimals", "match", "reading"], rows)


def _ordinal(n):
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th")


# -- the summary numbers -------------------------------------------------------------------


def algorithm_table(columns, keys):
    """Published values beside each column's, and which columns reproduce the printed digits.

    columns: {label: {key: value}}, e.g. one per algorithm. Values show to 12 decimals.
    """
    if not columns:
        raise ValueError("columns must be a non-empty {label: {key: value}} mapping")
    rows = []
    for key in keys:
        row = _published(key)
        found = [label for label, values in columns.items() if row.matches(values[key])]
        if len(found) == len(columns) > 1:
            which = "both" if len(columns) == 2 else "all"
        else:
            which = ", ".join(found) or ("neither" if len(columns) == 2 else "none")
        rows.append((code(key), row.text, *(f"{v[key]:.12f}" for v in columns.values()),
                     which))
    return Table(["quantity", "published", *columns, "reproduced by"], rows)


def error_of_outputs(out_o1, out_o2, example=TUTORIAL_EXAMPLE):
    """E_total of two given outputs: 1/2 (t1 - out_o1)^2 + 1/2 (t2 - out_o2)^2."""
    out_o1 = _validate.finite("out_o1", out_o1)
    out_o2 = _validate.finite("out_o2", out_o2)
    return squared_error(example.t1, out_o1) + squared_error(example.t2, out_o2)


def printed_outputs_error_range(example=TUTORIAL_EXAMPLE):
    """(lowest, highest) E_total of any two outputs that print as the published final ones.

    Each printed output stands for an interval half a unit of its last decimal wide; E_total
    is monotonic in each output away from its target, so the extremes lie at the corners.
    """
    intervals = []
    for key in ("out_o1_after_10000", "out_o2_after_10000"):
        row = PUBLISHED[key]
        half = 0.5 * 10.0 ** -row.decimals
        intervals.append((row.value - half, row.value + half))
    corners = [error_of_outputs(a, b, example) for a in intervals[0] for b in intervals[1]]
    return min(corners), max(corners)


def error_of_printed_weights(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """E_total of the network with the tutorial's printed new weights w1+..w8+."""
    printed = params.with_values(**{w: PUBLISHED[f"{w}_new"].value for w in WEIGHTS})
    return forward(printed, example).E_total


def digits_matched(key, computed):
    """(matched, total): of the published text's significant digits, how many lead the
    computed value's, when that is printed with as many decimals as the tutorial prints."""
    row = _published(key)
    printed = row.rounded(_validate.finite("computed", computed))
    total = significant_digits(key)
    if printed.startswith("-") != row.text.startswith("-"):
        return 0, total
    pub, got = (s.lstrip("-").replace(".", "") for s in (row.text, printed))
    lead = len(pub) - total  # the zeros before the first significant digit
    if len(got) != len(pub) or got[:lead] != pub[:lead]:
        return 0, total
    matched = 0
    for a, b in zip(pub[lead:], got[lead:]):
        if a != b:
            break
        matched += 1
    return matched, total


FINAL_KEYS = ("E_after_10000", "out_o1_after_10000", "out_o2_after_10000")


def final_candidates(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, eta=TUTORIAL_ETA,
                     updates=TUTORIAL_UPDATES):
    """{label: {key: value or None}}: every candidate for the tutorial's three final numbers.

    Each algorithm after `updates` and after one update fewer, and the error of the
    published outputs themselves (which have no outputs of their own to offer).
    """
    updates = _validate.count("updates", updates, minimum=1)
    found = {}
    for hidden_deltas, name in (("original", "described algorithm"),
                                ("updated", "updated-weights variant")):
        for n in (updates, updates - 1):
            run = train(params, example, eta, n, hidden_deltas=hidden_deltas)
            found[f"{name}, {n:,} updates"] = dict(zip(FINAL_KEYS, (
                float(run.errors[n]), run.final.out_o1, run.final.out_o2)))
    published = [PUBLISHED[k].value for k in FINAL_KEYS[1:]]
    found["E_total of the published outputs"] = {
        FINAL_KEYS[0]: error_of_outputs(*published, example),
        FINAL_KEYS[1]: None, FINAL_KEYS[2]: None}
    return found


def candidates_table(candidates):
    """Each candidate's three final numbers as the tutorial would print them, with how many
    of the published significant digits each reproduces, and whether all three match."""
    rows = []
    for label, values in candidates.items():
        cells, complete = [], True
        for key in FINAL_KEYS:
            v = values[key]
            if v is None:
                cells.append("(the published value)")
                continue
            matched, total = digits_matched(key, v)
            complete &= matched == total
            cells.append(f"{PUBLISHED[key].rounded(v)} ({matched} of {total})")
        rows.append((label, *cells, "yes" if complete else "no"))
    rows.append(("published", *(PUBLISHED[k].text for k in FINAL_KEYS), ""))
    return Table(["candidate", *(code(k) for k in FINAL_KEYS), "all three?"], rows)


# -- two runs, compared --------------------------------------------------------------------


def _errors(name, errors):
    e = np.asarray(errors, dtype=float)
    if e.ndim != 1 or len(e) < 2 or not np.all(np.isfinite(e)) or not np.all(e > 0):
        raise ValueError(f"{name} must be a 1-D sequence of at least 2 finite errors "
                         f"greater than 0")
    return e


def relative_difference(errors, reference):
    """(errors[k] - reference[k]) / reference[k] for every k: how far one run lies from another."""
    e, r = _errors("errors", errors), _errors("reference", reference)
    if len(e) != len(r):
        raise ValueError(f"errors and reference must be equally long, got {len(e)} and "
                         f"{len(r)}")
    return (e - r) / r


def largest_relative_difference(errors, reference):
    """(k, value) where the relative difference is largest in size."""
    d = relative_difference(errors, reference)
    k = int(np.argmax(np.abs(d)))
    return k, float(d[k])


def error_comparison_table(reference, errors, labels, updates=(1, 3, 5, 10, 100, 1_000,
                                                                  10_000)):
    """E_total of two runs after a few update counts, their difference and relative difference.

    labels: (reference's label, errors' label).
    """
    d = relative_difference(errors, reference)
    n = len(d) - 1
    rows = []
    for k in updates:
        k = _validate.count("updates", k, maximum=n)
        rows.append((f"{k:,}", fixed_decimals(reference[k]), fixed_decimals(errors[k]),
                     f"{errors[k] - reference[k]:+.2e}", f"{d[k]:+.2e}"))
    a, b = labels
    return Table(["updates", f"E_total, {a}", f"E_total, {b}", "difference",
                  "relative difference"], rows)


def weight_gaps(reference, other):
    """{w: |other.w - reference.w| / |reference.w|} for w1..w8 of two `Params`."""
    return {w: abs(getattr(other, w) - getattr(reference, w)) / abs(getattr(reference, w))
            for w in WEIGHTS}


def weights_table(reference, other, labels):
    """Each weight in two `Params`, and how far apart they are."""
    a, b = labels
    gaps = weight_gaps(reference, other)
    rows = [(code(w), f"{getattr(reference, w):.9f}", f"{getattr(other, w):.9f}",
             f"{getattr(other, w) - getattr(reference, w):+.3e}", f"{gaps[w]:.3%}")
            for w in WEIGHTS]
    return Table(["weight", a, b, "difference", "difference / size"], rows)


def lead_from(errors, reference):
    """The first update k from which errors[j] < reference[j] for every j >= k (None if the
    last update does not have it)."""
    return overtakes(_errors("errors", errors), _errors("reference", reference))


def falls_every_update(errors):
    """True if every update lowered the error: errors[k + 1] < errors[k] for every k."""
    return bool(np.all(np.diff(_errors("errors", errors)) < 0))


def _log_indices(n):
    # The plotted updates, from 1: a log axis has no room for update 0.
    k = plot_indices(n)
    return k[k >= 1]


@styled
def relative_difference_figure(errors, reference, label="variant", reference_label="described"):
    """The relative difference of E_total between two runs, in percent, over a log axis of
    updates; shaded above zero where the first run's error is the larger one."""
    d = relative_difference(errors, reference)
    n = len(d) - 1
    k = _log_indices(n)
    fig, ax = chart((7.2, 3.9), xscale="log")
    ax.axhline(0, color=INK, linewidth=1)
    ax.plot(k, 100 * d[k], color=RUN_COLORS[1], linewidth=2, gid="relative-difference")
    at, value = largest_relative_difference(errors, reference)
    ax.plot([at], [100 * value], "o", color=INK, markersize=5, clip_on=False)
    ax.annotate(f"{100 * value:+.3f}% after {at:,}", (at, 100 * value), xytext=(-6, 8),
                textcoords="offset points", ha="right", va="bottom")
    low = 100 * min(d.min(), 0)
    ax.set_ylim(low * 1.15, -low * 0.35)
    ax.set_xlim(1, n)
    # Which run is ahead, written into the two halves of the plot.
    ax.text(1.3, -low * 0.17, f"{label} has the larger error", fontsize=SMALL, va="center")
    ax.text(1.3, low * 0.5, f"{label} has the smaller error", fontsize=SMALL, va="center")
    ax.set_xlabel("updates (log scale)")
    ax.set_ylabel(f"({label} − {reference_label})\n/ {reference_label}, in %")
    ax.xaxis.set_major_formatter("{x:,.0f}")
    fig.tight_layout()
    return fig


def describe_relative_difference(errors, reference, label="variant",
                                 reference_label="described"):
    """Alt text for relative_difference_figure, from the same numbers."""
    d = relative_difference(errors, reference)
    n = len(d) - 1
    at, value = largest_relative_difference(errors, reference)
    above = [k for k in range(1, n + 1) if d[k] > 0]
    parts = [f"Line chart of the relative difference of E_total between the {label} and the "
             f"{reference_label} run, in percent (vertical axis), against the number of "
             f"updates (horizontal axis, logarithmic, 1 to {n:,})."]
    if above:
        top = max(above, key=lambda k: d[k])
        parts.append(f"It lies above zero, by at most {100 * d[top]:+.6f}% (after "
                     f"{top:,}), over updates {above[0]:,} to {above[-1]:,}.")
    stops = ", ".join(f"{100 * d[j]:+.3f}% after {j:,}"
                      for j in (10, 100, 1_000) if j < n)
    parts.append(f"Below zero it reaches {stops}; its largest size is {100 * value:+.3f}% "
                 f"after {at:,} updates.")
    return " ".join(parts)


# -- why the updated weights give a different gradient ------------------------------------


def moved_output_weights(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, eta=TUTORIAL_ETA):
    """(w5+, w6+, w7+, w8+): the output-layer weights after this update's step."""
    eta = _validate.positive("eta", eta)
    o = backward(params, example).output
    return tuple(getattr(params, w) - eta * getattr(o, f"dE_d{w}") for w in OUTPUT)


def variant_gradients(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, eta=TUTORIAL_ETA):
    """The eight numbers the variant steps by: the output deltas carried through w5+..w8+."""
    moved = moved_output_weights(params, example, eta)
    return backward(params, example, output_weights=moved).weight_gradients()


def central_difference(params, example, name, h=FD_STEP):
    """(E_total(p + h) - E_total(p - h)) / 2h, p the parameter `name`: a slope of E_total
    measured without any chain rule. Its error is of order h^2 (and rounding / h)."""
    _validate.choice("name", name, WEIGHTS + BIAS_SLOTS)
    return gradcheck.central_difference(params, example, name, h)


def fd_gaps(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, eta=TUTORIAL_ETA):
    """(largest |true - central difference|, smallest |variant - central difference|) over
    dE/dw1..dE/dw4: how close the true gradient and the variant come to the measured slope."""
    fd = [central_difference(params, example, w) for w in HIDDEN]
    true = backward(params, example).weight_gradients()[:4]
    variant = variant_gradients(params, example, eta)[:4]
    return (max(abs(a - b) for a, b in zip(true, fd)),
            min(abs(a - b) for a, b in zip(variant, fd)))


def half_moved(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, eta=TUTORIAL_ETA):
    """The network whose w5..w8 have taken this update's step and whose w1..w4 have not."""
    return params.with_values(**dict(zip(OUTPUT, moved_output_weights(params, example, eta))))


def gradient_table(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, eta=TUTORIAL_ETA):
    """dE/dw1..dE/dw4 six ways: SymPy, the engine and central differences at the current
    weights; the variant's numbers; the engine and central differences at the network whose
    w5..w8 have already moved. Values to 10 decimals."""
    half = half_moved(params, example, eta)
    rows = [
        ("SymPy, current weights",
         [symbolic.derivative_value(w, params, example) for w in HIDDEN]),
        ("engine, current weights", backward(params, example).weight_gradients()[:4]),
        ("central differences, current weights",
         [central_difference(params, example, w) for w in HIDDEN]),
        ("**the variant**, current weights", variant_gradients(params, example, eta)[:4]),
        ("engine, w5..w8 moved", backward(half, example).weight_gradients()[:4]),
        ("central differences, w5..w8 moved",
         [central_difference(half, example, w) for w in HIDDEN]),
    ]
    return Table(["computed by, at", *(code(f"dE_d{w}") for w in HIDDEN)],
                 [(how, *(f"{v:.10f}" for v in values)) for how, values in rows])


def _hidden_weight(p):
    name = getattr(p, "name", p)
    if name not in INTO:
        raise ValueError(f"p must be one of 'w1', 'w2', 'w3', 'w4', got {p!r}")
    return name


def variant_gap(p):
    """SymPy: the variant's number for dE_total/dp minus the true gradient, for p in w1..w4.

    The variant replaces each weight w leaving p's hidden neuron by w - eta dE_total/dw,
    and each dE_total/dw is the delta rule's delta_o out_h.
    """
    p = _hidden_weight(p)
    true = symbolic.chain(p).expr
    moved = {}
    for w in LEAVING[INTO[p]]:
        o = "o1" if w in ("w5", "w6") else "o2"
        grad = symbolic.chain(w).expr.subs(symbolic.DEFINITIONS[symbolic.delta[o]],
                                           symbolic.delta[o])
        moved[symbolic.PARAMETERS[w]] = symbolic.PARAMETERS[w] - symbolic.eta * grad
    return sp.factor(true.xreplace(moved) - true)


def variant_gap_latex(p):
    """The gap as an equation: variant minus true = SymPy's factored difference."""
    p = _hidden_weight(p)
    gap = variant_gap(p)
    # SymPy writes (out_h - 1); the tutorial's slope reads out_h (1 - out_h). Same value,
    # kept unevaluated for display, and checked to be SymPy's result.
    i = symbolic.i1 if p in ("w1", "w3") else symbolic.i2
    out = symbolic.out[INTO[p]]
    shown = (-symbolic.eta * i * out ** 2 * sp.UnevaluatedExpr(1 - out)
             * (symbolic.delta_o1 ** 2 + symbolic.delta_o2 ** 2))
    if sp.expand(gap - shown.doit()) != 0:
        raise AssertionError(f"the displayed gap for {p} is not SymPy's")
    name = sp.latex(symbolic.PARAMETERS[p])
    label = rf"\frac{{\partial E_{{total}}}}{{\partial {name}}}"
    return symbolic.Latex(rf"{label}\Big|_{{\text{{variant}}}} - {label} = "
                          f"{sp.latex(shown)}")


def variant_gap_value(p, params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, eta=TUTORIAL_ETA):
    """variant_gap(p) evaluated with the engine's forward and backward values."""
    p = _hidden_weight(p)
    eta = _validate.positive("eta", eta)
    b = backward(params, example)
    f, o = b.fwd, b.output
    values = {symbolic.eta: eta, symbolic.i1: example.i1, symbolic.i2: example.i2,
              symbolic.out_h1: f.out_h1, symbolic.out_h2: f.out_h2,
              symbolic.delta_o1: o.delta_o1, symbolic.delta_o2: o.delta_o2}
    return float(variant_gap(p).xreplace(values))


def eta_table(etas=(0.5, 0.05, 0.005), params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """dE/dw1, true and the variant's, for several learning rates: the gap shrinks with eta."""
    true = backward(params, example).hidden.dE_dw1
    rows = []
    for eta in etas:
        eta = _validate.positive("eta", eta)
        v = variant_gradients(params, example, eta)[0]
        rows.append((f"{eta:g}", f"{true:.12f}", f"{v:.12f}", f"{(v - true) / true:+.4%}",
                     f"{(v - true) / true / eta:+.6f}"))
    return Table(["eta", f"true {code('dE_dw1')}", "the variant's", "relative gap",
                  "relative gap / eta"], rows)


def step_angle(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, eta=TUTORIAL_ETA):
    """The angle, in degrees, between the true gradient of all eight weights and the
    variant's eight numbers. Below 90 degrees, a short enough step is still downhill."""
    return math.degrees(angle(backward(params, example).weight_gradients(),
                              variant_gradients(params, example, eta)))


def angle(a, b):
    """The angle in radians between two vectors, accurate even when it is tiny.

    acos of the cosine is not: near 0 the cosine is 1 - angle^2 / 2, so an angle of 0.002
    rad keeps only half of the cosine's digits, and which half depends on how a machine
    rounds the dot product. Kahan's form, 2 atan2(|u - w|, |u + w|) with u and w the unit
    vectors, loses nothing.
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    u, w = a / math.hypot(*a), b / math.hypot(*b)
    return 2 * math.atan2(math.hypot(*(u - w)), math.hypot(*(u + w)))


def factor_table(updates=(0, 1, 5, 6, 7, 10, 100, 1_000, 10_000), params=TUTORIAL_PARAMS,
                 example=TUTORIAL_EXAMPLE, eta=TUTORIAL_ETA):
    """Along the variant's own run: true dE/dw1, the variant's, their ratio, and the angle
    between the full eight-weight steps, after a few update counts."""
    rows = []
    for k in updates:
        k = _validate.count("updates", k)
        p = train(params, example, eta, k, hidden_deltas="updated").params
        true = backward(p, example).hidden.dE_dw1
        v = variant_gradients(p, example, eta)[0]
        rows.append((f"{k:,}", f"{true:+.9f}", f"{v:+.9f}", f"{v / true:+.4f}",
                     f"{step_angle(p, example, eta):.4f}°"))
    return Table(["updates", f"true {code('dE_dw1')}", "the variant's", "variant / true",
                  "angle between the 8-weight steps"], rows)


def opposite_signs(updates=20, params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE,
                   eta=TUTORIAL_ETA):
    """The update counts k <= updates along the variant's run at which its number for
    dE/dw1 and the true gradient have opposite signs: where it steps w1 uphill."""
    updates = _validate.count("updates", updates)
    found, p = [], params
    for k in range(updates + 1):
        if backward(p, example).hidden.dE_dw1 * variant_gradients(p, example, eta)[0] < 0:
            found.append(k)
        p = update(p, example, eta, hidden_deltas="updated")
    return found


# -- which finding explains which value ----------------------------------------------------

FINDINGS = {
    "dEo2_dout_h1": "One digit in the hidden layer",
    "w2_new": "Eight decimals instead of nine",
    "w3_new": "Eight decimals instead of nine",
    "w4_new": "Eight decimals instead of nine",
    "E_after_1_update": "The summary numbers",
    "out_o1_after_10000": "The summary numbers",
    "out_o2_after_10000": "The summary numbers",
    "E_after_10000": "The final error",
}


def published_values(values):
    """The published keys of `values`, in the published table's order."""
    return {k: values[k] for k in PUBLISHED if k in values}


def explained(values):
    """The values whose printed digits are not the arithmetic's, or are printed short, each
    with the finding of this chapter that accounts for it."""
    rows = []
    for key, computed in published_values(values).items():
        row = PUBLISHED[key]
        if row.matches(computed) and key not in FINDINGS:
            continue
        verdict = "matches" if row.matches(computed) else "differs"
        rows.append((code(key), row.text, verdict,
                     FINDINGS.get(key, "none: not a known finding")))
    return Table(["quantity", "published", "check", "explained in"], rows)


def tally(values):
    """(matches, differs): how many published values of `values` the arithmetic reproduces."""
    published = published_values(values)
    matches = sum(PUBLISHED[k].matches(v) for k, v in published.items())
    return matches, len(published) - matches


# -- the numbers the chapter's prose shows, one mapping per finding ---------------------------


def precision_facts(comparison):
    """The decimal re-run's precision, the fewest digits float64 shares with it, and the most
    significant digits any published value prints."""
    return {"precision_digits": DECIMAL_DIGITS,
            "fewest_digits": fewest_agreeing_digits(comparison),
            "most_printed": most_printed_digits()}


def dEo2_dout_h1_facts(engine_value, with_w6):
    """The published dEo2_dout_h1 against the engine's, and against the value with w6 in
    place of w7 (`with_w6`)."""
    row = _published("dEo2_dout_h1")
    matched, total = digits_matched("dEo2_dout_h1", engine_value)
    return {"n_published": len(PUBLISHED), "f1_exact": engine_value, "f1_published": row.value,
            "f1_decimals": row.decimals,
            "f1_units": last_place_units("dEo2_dout_h1", engine_value),
            "f1_matched": matched, "f1_total": total, "f1_w6": with_w6,
            "f1_w6_matched": digits_matched("dEo2_dout_h1", with_w6)[0]}


def dE_dout_h1_sum_facts():
    """The published dE_total/dout_h1 and the sums of exact, printed and rounded terms."""
    sums = term_sums()
    return {"f1_sum_published": _published("dE_dout_h1").value,
            **{f"f1_sum_{how}": sums[how][2] for how in ("exact", "printed", "rounded")}}


def short_print_facts(values):
    """The decimals of the short and the long prints, and how many values print short."""
    short = _published("w2_new").decimals
    return {"f2_short": short, "f2_long": _published("w1_new").decimals,
            "f2_count": len(short_keys(values, short))}


def summary_facts(described, variant):
    """The training section's numbers: both runs' (described_*, variant_*), the published
    ones (pub_*), and E_total of the printed weights after one update."""
    facts = {"updates": len(described.errors) - 1}
    for label, run in (("described", described), ("variant", variant)):
        facts.update({f"{label}_{key}": value for key, value in summary(run).items()})
    facts.update({f"pub_{key}": PUBLISHED[key].value for key in summary_keys()})
    return {**facts, "f3_decimals": _published("E_after_1_update").decimals,
            "f3_printed_weights_E": error_of_printed_weights()}


def final_error_facts(candidates, variant_errors, updates=TUTORIAL_UPDATES):
    """The candidates for the final E_total: one update fewer, the published outputs' error
    and its range, and the digits the variant matches."""
    low, high = printed_outputs_error_range()
    return {"one_fewer": updates - 1,
            "f4_E_9999": candidates[f"described algorithm, {updates - 1:,} updates"][
                "E_after_10000"],
            "f4_E_outputs": candidates["E_total of the published outputs"]["E_after_10000"],
            "f4_low": low, "f4_high": high,
            "f4_variant_matched": digits_matched("E_after_10000", variant_errors[updates])[0]}


def relative_difference_facts(errors, reference):
    """Where `errors` takes the lead over `reference` for good, and their relative difference:
    the largest before the lead, after 100 updates, and the largest of all."""
    lead = lead_from(errors, reference)
    early_at, early = largest_relative_difference(errors[:lead], reference[:lead])
    largest_at, largest = largest_relative_difference(errors, reference)
    return {"f5_lead": lead, "f5_behind_last": lead - 1, "f5_early": early,
            "f5_early_at": early_at,
            "f5_rel_100": float(relative_difference(errors, reference)[100]),
            "f5_largest": largest, "f5_largest_abs": abs(largest), "f5_largest_at": largest_at}


def weight_gap_facts(reference, other):
    """The relative gaps of w1 and w5 between two runs' final weights."""
    gaps = weight_gaps(reference, other)
    return {"f5_w1_gap": gaps["w1"], "f5_w5_gap": gaps["w5"]}


def fd_gap_facts():
    """The central differences' step, their largest gap to the true gradient (as a bound) and
    to the variant's numbers."""
    true_gap, moved_gap = fd_gaps()
    return {"f6_h": FD_STEP, "f6_true_gap": bound(true_gap, FINITE_DIFFERENCES),
            "f6_variant_gap": moved_gap}


def w1_gap_facts(gap, start):
    """The size of the variant's gap in dE_dw1 and the true dE_dw1 (`start`: backward at the
    tutorial's weights)."""
    return {"f6_gap_size": -gap, "f6_dE_dw1": start.hidden.dE_dw1}


def step_facts(start):
    """The learning rate, the true dE_dw5 and the angle between the variant's step and the
    true one."""
    return {"eta": TUTORIAL_ETA, "f6_dE_dw5": start.output.dE_dw5, "f6_angle": step_angle()}


def sign_flip_facts(updates=20):
    """The first update at which the variant steps w1 uphill, and the one after it."""
    first = opposite_signs(updates)[0]
    return {"f6_flip": first, "f6_flip_next": first + 1}


def tally_facts(values):
    """How many published values were checked, match and differ."""
    matches, differs = tally(values)
    return {"n_checked": len(values), "n_matches": matches, "n_differs": differs}
