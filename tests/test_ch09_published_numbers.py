"""Where the published numbers come from: every finding, pinned to the digits of the
reference notes or to an independent computation written out again here."""
import math

import numpy as np
import pytest
import sympy as sp
from matplotlib.colors import to_rgba

from backprop import (PUBLISHED, DISCREPANCIES, TUTORIAL_PARAMS as P, TUTORIAL_EXAMPLE as EX,
                      TUTORIAL_ETA as ETA, WEIGHTS, BIAS_SLOTS, backward, flat, train, update,
                      walkthrough)
from backprop.derive import symbolic
from backprop.chapters import ch09_published_numbers as d
from backprop.display.error_histories import plot_indices
from backprop.tutorial.published import summary

from helpers import WHITE, svg


def s(x):
    return 1 / (1 + math.exp(-x))


def reference_error(w, b=(0.35, 0.35, 0.6, 0.6), ex=EX):
    """E_total written out from the tutorial's formulas, w = (w1, ..., w8)."""
    h1 = s(w[0] * ex.i1 + w[1] * ex.i2 + b[0])
    h2 = s(w[2] * ex.i1 + w[3] * ex.i2 + b[1])
    o1 = s(w[4] * h1 + w[5] * h2 + b[2])
    o2 = s(w[6] * h1 + w[7] * h2 + b[3])
    return (ex.t1 - o1) ** 2 / 2 + (ex.t2 - o2) ** 2 / 2


def reference_hidden_gradients(w, carry, ex=EX):
    """dE/dw1..dE/dw4 with the output deltas carried back through `carry` = (w5..w8)."""
    h1 = s(w[0] * ex.i1 + w[1] * ex.i2 + 0.35)
    h2 = s(w[2] * ex.i1 + w[3] * ex.i2 + 0.35)
    o1 = s(w[4] * h1 + w[5] * h2 + 0.6)
    o2 = s(w[6] * h1 + w[7] * h2 + 0.6)
    d1, d2 = (o1 - ex.t1) * o1 * (1 - o1), (o2 - ex.t2) * o2 * (1 - o2)
    dh1 = (d1 * carry[0] + d2 * carry[2]) * h1 * (1 - h1)
    dh2 = (d1 * carry[1] + d2 * carry[3]) * h2 * (1 - h2)
    return dh1 * ex.i1, dh1 * ex.i2, dh2 * ex.i1, dh2 * ex.i2, (d1, d2, h1, h2)


W = [getattr(P, w) for w in WEIGHTS]


# -- one digit in the hidden layer ---------------------------------------------------------


def test_exact_term_is_the_arithmetic_value_of_the_reference_notes():
    a, b, total = d.term_sums()["exact"]
    assert f"{b:.12f}" == "-0.019049118258"
    assert f"{a:.9f}" == PUBLISHED["dEo1_dout_h1"].text
    assert f"{b:.9f}" == "-0.019049118" != PUBLISHED["dEo2_dout_h1"].text


def test_printed_sum_agrees_with_the_exact_and_the_printed_terms_not_the_rounded_ones():
    sums = d.term_sums()
    assert f"{sums['exact'][2]:.9f}" == PUBLISHED["dE_dout_h1"].text == "0.036350306"
    assert f"{sums['printed'][2]:.9f}" == "0.036350306"
    assert sums["printed"][:2] == (0.055399425, -0.019049119)
    assert sums["rounded"][:2] == (0.055399425, -0.019049118)
    assert f"{sums['rounded'][2]:.9f}" == "0.036350307"
    assert [r[-1] for r in d.sums_table().rows] == ["yes", "yes", "no"]


def test_published_digit_lies_three_quarters_of_a_last_place_away():
    _, _, _, _, (_, d2, _, _) = reference_hidden_gradients(W, W[4:])
    exact = d2 * P.w7
    units = d.last_place_units("dEo2_dout_h1", exact)
    assert units == pytest.approx((exact + 0.019049119) * 1e9, abs=1e-9)
    assert 0.5 < units < 1  # more than correct rounding's half unit, less than one


def test_last_place_units_refuses_unpublished_keys():
    with pytest.raises(ValueError, match="^key must be a published key"):
        d.last_place_units("net_h2", 0.1)


# -- eight decimals ------------------------------------------------------------------------


def test_eight_decimal_prints_are_w2_w3_w4_short_and_three_with_a_trailing_zero():
    table = d.short_prints(flat(walkthrough()))
    reading = {r[0].strip("`"): r[-1] for r in table.rows}
    assert sorted(reading) == sorted(["out_o1", "dE_dout_o1", "w5_new", "w2_new", "w3_new",
                                      "w4_new"])
    for key in ("w2_new", "w3_new", "w4_new"):
        assert reading[key].startswith("a digit fewer")
    for key in ("out_o1", "dE_dout_o1", "w5_new"):
        assert reading[key] == "the same number: its last decimal is 0"
    assert all(r[4] == "yes" for r in table.rows)  # all match when rounded to 8
    assert d.short_keys(flat(walkthrough())) == [r[0].strip("`") for r in table.rows]


def test_eight_decimal_weights_carry_the_reference_notes_digits():
    new = walkthrough()["hidden-layer"]
    for key, twelve in (("w2_new", "0.199561432266"), ("w3_new", "0.249751143632"),
                        ("w4_new", "0.299502287265")):
        assert f"{new[key]:.12f}" == twelve
        assert PUBLISHED[key].decimals == 8 and PUBLISHED[key].matches(new[key])


def test_short_prints_refuses_zero_decimals():
    with pytest.raises(ValueError, match="^decimals must be a whole number >= 1"):
        d.short_prints({}, decimals=0)


# -- the summary numbers -------------------------------------------------------------------


def columns(described, variant):
    return {"described": {**flat(walkthrough()), **summary(described)},
            "variant": {**flat(walkthrough(hidden_deltas="updated")), **summary(variant)}}


def test_summary_numbers_match_the_variant_and_the_new_weights_the_described(described,
                                                                              variant):
    keys = ["w1_new", "w2_new", "w3_new", "w4_new", "w5_new", "E_after_1_update",
            "out_o1_after_10000", "out_o2_after_10000", "E_after_10000"]
    table = d.algorithm_table(columns(described, variant), keys)
    which = {r[0].strip("`"): r[-1] for r in table.rows}
    assert which == {"w1_new": "described", "w2_new": "described", "w3_new": "described",
                     "w4_new": "described", "w5_new": "both", "E_after_1_update": "variant",
                     "out_o1_after_10000": "variant", "out_o2_after_10000": "variant",
                     "E_after_10000": "neither"}


def test_algorithms_give_the_reference_notes_digits(described, variant):
    c = columns(described, variant)
    assert f"{c['described']['E_after_1_update']:.12f}" == "0.291027773694"
    assert f"{c['variant']['E_after_1_update']:.12f}" == "0.291027923905"
    assert f"{c['described']['out_o1_after_10000']:.12f}" == "0.015913620444"
    assert f"{c['described']['out_o2_after_10000']:.12f}" == "0.984064273515"
    assert f"{c['variant']['out_o1_after_10000']:.12f}" == "0.015912196326"
    assert f"{c['variant']['out_o2_after_10000']:.12f}" == "0.984065734486"


def test_algorithm_table_needs_columns():
    with pytest.raises(ValueError, match="^columns must be a non-empty"):
        d.algorithm_table({}, ["E_total"])


def test_error_of_the_published_outputs_contradicts_the_published_error():
    o1, o2 = PUBLISHED["out_o1_after_10000"].value, PUBLISHED["out_o2_after_10000"].value
    e = d.error_of_outputs(o1, o2)
    assert e == pytest.approx((0.01 - o1) ** 2 / 2 + (0.99 - o2) ** 2 / 2, abs=1e-18)
    assert f"{e:.5e}" == "3.50848e-05"
    assert not PUBLISHED["E_after_10000"].matches(e)


def test_error_of_outputs_refuses_non_numbers():
    with pytest.raises(ValueError, match="^out_o2 must be a finite real number"):
        d.error_of_outputs(0.5, float("nan"))


def test_printed_new_weights_give_the_described_error_not_the_published_one():
    printed = [PUBLISHED[f"{w}_new"].value for w in WEIGHTS]
    e = d.error_of_printed_weights()
    assert e == pytest.approx(reference_error(printed), abs=1e-15)
    assert f"{e:.9f}" == "0.291027774" != PUBLISHED["E_after_1_update"].text


@pytest.mark.parametrize("key, computed, expected", [
    ("E_after_10000", 3.5101877830e-05, (4, 6)),
    ("E_after_10000", 3.5108548e-05, (6, 6)),
    ("E_after_10000", 3.50848e-05, (2, 6)),
    ("dEo2_dout_h1", -0.019049118258, (7, 8)),
    ("dEo2_dout_h1", 0.019049119, (0, 8)),  # the wrong sign matches nothing
    ("out_o1_after_10000", 0.015912196326, (8, 8)),
    ("out_o2_after_10000", 0.984064273515, (5, 9)),
    ("E_total", 0.298371108760, (9, 9)),
])
def test_digits_matched_counts_leading_significant_digits(key, computed, expected):
    assert d.digits_matched(key, computed) == expected


def test_final_candidates_carry_the_reference_notes_digits():
    c = d.final_candidates()
    assert f"{c['described algorithm, 10,000 updates']['E_after_10000']:.10e}" == \
        "3.5101877830e-05"
    assert f"{c['described algorithm, 9,999 updates']['E_after_10000']:.7e}" == "3.5108548e-05"
    assert f"{c['E_total of the published outputs']['E_after_10000']:.5e}" == "3.50848e-05"
    v = c["updated-weights variant, 10,000 updates"]
    assert (f"{v['out_o1_after_10000']:.12f}", f"{v['out_o2_after_10000']:.12f}") == \
        ("0.015912196326", "0.984065734486")


def test_no_candidate_reproduces_all_three_final_numbers():
    c = d.final_candidates()
    for label, values in c.items():
        given = {k: v for k, v in values.items() if v is not None}
        if label == "E_total of the published outputs":
            given.update({k: PUBLISHED[k].value for k in d.FINAL_KEYS[1:]})
        assert not all(PUBLISHED[k].matches(v) for k, v in given.items()), label
    table = d.candidates_table(c)
    assert [r[-1] for r in table.rows[:-1]] == ["no"] * len(c)
    assert table.rows[1][1] == "0.0000351085 (6 of 6)"
    assert table.rows[2][2:4] == ["0.015912196 (8 of 8)", "0.984065734 (9 of 9)"]


def test_final_candidates_need_at_least_one_update():
    with pytest.raises(ValueError, match="^updates must be a whole number >= 1"):
        d.final_candidates(updates=0)


# -- two runs, compared --------------------------------------------------------------------


def test_relative_difference_is_the_difference_over_the_reference(described, variant):
    r = d.relative_difference(variant.errors, described.errors)
    expected = np.array([(b - a) / a for a, b in zip(described.errors, variant.errors)])
    assert np.max(np.abs(r - expected)) < 1e-15
    assert r[0] == 0  # the same starting network


def test_variant_is_behind_for_four_updates_then_ahead(described, variant):
    r = d.relative_difference(variant.errors, described.errors)
    assert np.all(r[1:5] > 0) and np.all(r[5:] < 0)
    k, value = d.largest_relative_difference(variant.errors, described.errors)
    assert k == 10_000
    assert value == pytest.approx(variant.errors[-1] / described.errors[-1] - 1, abs=1e-12)
    assert f"{value:.4e}" == "-4.8691e-04"


@pytest.mark.parametrize("errors, reference, match", [
    ([1.0, 0.5], [1.0, 0.5, 0.2], "^errors and reference must be equally long"),
    ([1.0, 0.0], [1.0, 0.5], "^errors must be a 1-D sequence"),
    ([1.0, 0.5], [1.0], "^reference must be a 1-D sequence"),
])
def test_relative_difference_refuses_bad_runs(errors, reference, match):
    with pytest.raises(ValueError, match=match):
        d.relative_difference(errors, reference)


def test_error_comparison_table_rows_and_range(described, variant):
    table = d.error_comparison_table(described.errors, variant.errors, ("a", "b"),
                                     updates=(1, 10_000))
    assert table.rows[0][1:3] == ["0.291027774", "0.291027924"]
    assert table.rows[1][1:3] == ["0.0000351019", "0.0000350848"]
    with pytest.raises(ValueError, match=r"^updates must be a whole number in \[0, 10000\]"):
        d.error_comparison_table(described.errors, variant.errors, ("a", "b"), (10_001,))


def test_weights_table_gives_each_weights_difference(described, variant):
    table = d.weights_table(described.params, variant.params, ("a", "b"))
    assert [r[0] for r in table.rows] == [f"`{w}`" for w in WEIGHTS]
    w1 = variant.params.w1 - described.params.w1
    assert table.rows[0][3] == f"{w1:+.3e}"
    assert table.rows[0][4] == f"{abs(w1) / described.params.w1:.3%}"
    gaps = d.weight_gaps(described.params, variant.params)
    assert gaps["w5"] == pytest.approx(abs(variant.params.w5 / described.params.w5 - 1),
                                       abs=1e-15)
    assert all(gaps[w] > gaps[v] for w in WEIGHTS[:4] for v in WEIGHTS[4:])


def test_relative_difference_figure_draws_the_exact_values_on_white(described, variant):
    fig = d.relative_difference_figure(variant.errors, described.errors)
    ax = fig.axes[0]
    (curve,) = [line for line in ax.lines if line.get_gid() == "relative-difference"]
    k = plot_indices(10_000)
    k = k[k >= 1]
    r = d.relative_difference(variant.errors, described.errors)
    assert np.array_equal(curve.get_xdata(), k)
    assert np.array_equal(curve.get_ydata(), 100 * r[k])
    assert ax.get_xscale() == "log"
    assert to_rgba(fig.get_facecolor()) == WHITE and to_rgba(ax.get_facecolor()) == WHITE
    for t in [*ax.texts, ax.xaxis.label, ax.yaxis.label, *ax.get_xticklabels()]:
        if t.get_text():
            assert t.get_fontsize() >= 10
    assert "-0.049% after 10,000" in [t.get_text() for t in ax.texts]


@pytest.mark.slow
def test_relative_difference_figure_is_byte_stable(described, variant):
    def draw():
        return svg(d.relative_difference_figure(variant.errors, described.errors))
    assert draw() == draw()


def test_relative_difference_alt_text_gives_the_numbers(described, variant):
    text = d.describe_relative_difference(variant.errors, described.errors)
    assert text.startswith("Line chart of the relative difference of E_total")
    assert "by at most +0.000085% (after 3), over updates 1 to 4" in text
    assert "-0.035% after 100" in text
    assert text.endswith("its largest size is -0.049% after 10,000 updates.")


# -- why the updated weights give a different gradient ------------------------------------


@pytest.mark.parametrize("name", WEIGHTS + BIAS_SLOTS)
def test_central_difference_is_the_symmetric_quotient(name):
    h = 1e-5
    vec = P.to_vector()
    i = (WEIGHTS + BIAS_SLOTS).index(name)
    up, down = list(vec), list(vec)
    up[i] += h
    down[i] -= h
    expected = (reference_error(up[:8], up[8:]) - reference_error(down[:8], down[8:])) / (2 * h)
    assert d.central_difference(P, EX, name) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("name", WEIGHTS + BIAS_SLOTS)
def test_central_difference_agrees_with_the_true_gradient(name):
    b = backward(P, EX)
    true = dict(zip(WEIGHTS + BIAS_SLOTS, b.weight_gradients() + b.bias_gradients()))
    assert d.central_difference(P, EX, name) == pytest.approx(true[name], abs=1e-10)


@pytest.mark.parametrize("kwargs, match", [({"name": "b1"}, "^name must be one of"),
                                           ({"name": "w1", "h": 0}, "^h must be a finite")])
def test_central_difference_refuses_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        d.central_difference(P, EX, **kwargs)


def test_variant_carries_the_deltas_through_the_moved_output_weights():
    b = backward(P, EX).output
    moved = [P.w5 - ETA * b.dE_dw5, P.w6 - ETA * b.dE_dw6, P.w7 - ETA * b.dE_dw7,
             P.w8 - ETA * b.dE_dw8]
    assert list(d.moved_output_weights()) == moved
    expected = reference_hidden_gradients(W, moved)[:4]
    assert d.variant_gradients()[:4] == pytest.approx(expected, abs=1e-15)
    assert d.variant_gradients()[4:] == backward(P, EX).weight_gradients()[4:]


def test_variant_matches_no_slope_of_e_total():
    # Not the slope at the current weights, nor at the network whose w5..w8 have moved.
    half = d.half_moved()
    for i, w in enumerate(WEIGHTS[:4]):
        v = d.variant_gradients()[i]
        assert abs(v - d.central_difference(P, EX, w)) > 1e-5
        assert abs(v - d.central_difference(half, EX, w)) > 1e-6
        assert d.central_difference(half, EX, w) == pytest.approx(
            backward(half, EX).weight_gradients()[i], abs=1e-10)


def test_gradient_table_agrees_with_central_differences_to_its_decimals():
    table = d.gradient_table()
    assert len(table.rows) == 6
    sympy_row, engine, fd, variant, half_engine, half_fd = table.rows
    assert sympy_row[1:] == engine[1:] == fd[1:]
    assert half_engine[1:] == half_fd[1:]
    assert variant[1:] != engine[1:] and variant[1:] != half_engine[1:]


@pytest.mark.parametrize("p", ["w1", "w2", "w3", "w4"])
def test_sympy_gap_is_minus_eta_input_out_squared_slope_and_deltas_squared(p):
    i = symbolic.i1 if p in ("w1", "w3") else symbolic.i2
    out = symbolic.out_h1 if p in ("w1", "w2") else symbolic.out_h2
    expected = (-symbolic.eta * i * out ** 2 * (1 - out)
                * (symbolic.delta_o1 ** 2 + symbolic.delta_o2 ** 2))
    assert sp.expand(d.variant_gap(p) - expected) == 0
    assert "variant" in d.variant_gap_latex(p)


@pytest.mark.parametrize("p", ["w1", "w2", "w3", "w4"])
def test_gap_formula_is_the_engines_variant_minus_true_gradient(p):
    i = WEIGHTS.index(p)
    gap = d.variant_gradients()[i] - backward(P, EX).weight_gradients()[i]
    assert d.variant_gap_value(p) == pytest.approx(gap, abs=1e-15)
    # and by hand, from the reference formulas
    _, _, _, _, (d1, d2, h1, h2) = reference_hidden_gradients(W, W[4:])
    out, x = (h1, EX.i1) if p == "w1" else (h1, EX.i2) if p == "w2" else \
        (h2, EX.i1) if p == "w3" else (h2, EX.i2)
    assert gap == pytest.approx(-ETA * x * out ** 2 * (1 - out) * (d1 ** 2 + d2 ** 2),
                                abs=1e-15)


def test_variant_gap_refuses_an_output_weight():
    with pytest.raises(ValueError, match="^p must be one of 'w1', 'w2', 'w3', 'w4'"):
        d.variant_gap("w5")


def test_relative_gap_is_proportional_to_the_learning_rate():
    table = d.eta_table((0.5, 0.05, 0.005))
    per_eta = {r[-1] for r in table.rows}
    assert len(per_eta) == 1  # the same to the 6 decimals shown
    true = backward(P, EX).hidden.dE_dw1
    v = d.variant_gradients(eta=0.05)[0]
    assert (v - true) / true / 0.05 == pytest.approx((d.variant_gradients()[0] - true)
                                                     / true / 0.5, abs=1e-12)
    with pytest.raises(ValueError, match="^eta must be a finite number greater than 0"):
        d.eta_table((0,))


def test_variant_step_angle_matches_50_digit_arithmetic():
    # acos of a cosine this close to 1 kept only about 11 of the angle's digits.
    mpmath = pytest.importorskip("mpmath")
    with mpmath.workdps(50):
        t = [mpmath.mpf(x) for x in backward(P, EX).weight_gradients()]
        v = [mpmath.mpf(x) for x in d.variant_gradients()]
        cos = mpmath.fdot(t, v) / mpmath.sqrt(mpmath.fdot(t, t) * mpmath.fdot(v, v))
        expected = float(mpmath.degrees(mpmath.acos(cos)))
    assert d.step_angle() == pytest.approx(expected, rel=1e-14)
    assert 0 < d.step_angle() < 0.2


def test_angle_of_nearly_parallel_vectors_keeps_its_digits():
    # Vectors 1e-9 rad apart: acos(cos) would give 0 or about 2e-8, both wrong.
    assert d.angle([1.0, 0.0], [1.0, 1e-9]) == pytest.approx(1e-9, rel=1e-15)
    assert d.angle([2.0, 0.0, 0.0], [0.0, 0.0, 3.0]) == pytest.approx(math.pi / 2, rel=1e-15)
    assert d.angle([1.0, 1.0], [-1.0, -1.0]) == pytest.approx(math.pi, rel=1e-15)


def test_factor_table_shows_the_variant_stepping_w1_the_wrong_way_once():
    table = d.factor_table(updates=(0, 6, 10_000))
    ratios = [float(r[3]) for r in table.rows]
    assert ratios[0] == pytest.approx(0.8316, abs=1e-4)
    assert ratios[1] < 0  # opposite signs after 6 updates
    assert ratios[2] == pytest.approx(1, abs=1e-4)


def test_both_algorithms_lower_the_error_at_every_update(described, variant):
    assert d.falls_every_update(described.errors) and d.falls_every_update(variant.errors)
    assert not d.falls_every_update([0.3, 0.2, 0.2])
    assert not d.falls_every_update([0.3, 0.2, 0.25])


# -- which finding explains which value ----------------------------------------------------


def test_every_published_value_that_differs_has_a_finding(described):
    values = {**flat(walkthrough()), **summary(described)}
    published = d.published_values(values)
    assert list(published) == [k for k in PUBLISHED if k in values]
    assert set(published) == set(PUBLISHED)  # the whole published table is covered
    differs = {k for k, v in published.items() if not PUBLISHED[k].matches(v)}
    assert differs == set(DISCREPANCIES)
    table = d.explained(values)
    explained = {r[0].strip("`"): r[-1] for r in table.rows}
    assert set(explained) == differs | {"w2_new", "w3_new", "w4_new"}
    assert all(v in d.FINDINGS.values() for v in explained.values())


def test_any_outputs_printing_as_the_published_ones_give_the_same_short_error():
    low, high = d.printed_outputs_error_range()
    o1, o2 = PUBLISHED["out_o1_after_10000"].value, PUBLISHED["out_o2_after_10000"].value
    assert low < d.error_of_outputs(o1, o2) < high
    # to first order, half a unit (5e-10) on each output times each output's gap, twice
    width = 2 * 5e-10 * (abs(o1 - EX.t1) + abs(EX.t2 - o2))
    assert high - low == pytest.approx(width, rel=1e-6)
    assert f"{low:.10f}" == f"{high:.10f}" == "0.0000350848"
    assert not PUBLISHED["E_after_10000"].matches(low)
    assert not PUBLISHED["E_after_10000"].matches(high)


def test_variant_leads_from_update_five(described, variant):
    assert d.lead_from(variant.errors, described.errors) == 5
    assert d.lead_from(described.errors, variant.errors) is None
    assert d.lead_from([1.0, 0.4, 0.2], [1.0, 0.5, 0.3]) == 1
    assert d.lead_from([0.9, 0.4, 0.2], [1.0, 0.5, 0.3]) == 0  # ahead from the start


def test_fd_gaps_separate_the_true_gradient_from_the_variant():
    true_gap, variant_gap = d.fd_gaps()
    assert true_gap < 1e-10
    fd = d.central_difference(P, EX, "w1")
    assert variant_gap <= abs(d.variant_gradients()[0] - fd)
    assert variant_gap > 1e-5


def test_variant_steps_w1_uphill_only_after_six_updates():
    assert d.opposite_signs(20) == [6]
    # independently: the sixth point of the variant's run, by repeated update()
    p = P
    for _ in range(6):
        p = update(p, EX, ETA, hidden_deltas="updated")
    assert backward(p, EX).hidden.dE_dw1 > 0 > d.variant_gradients(p)[0]
    with pytest.raises(ValueError, match="^updates must be a whole number >= 0"):
        d.opposite_signs(-1)


def test_tally_counts_the_five_known_discrepancies(described):
    values = {**flat(walkthrough()), **summary(described)}
    assert d.tally(values) == (43, 5)  # 48 published values, 5 of them known not to match


# -- floating point is not the cause ---------------------------------------------------------


@pytest.mark.parametrize("hidden_deltas", ["original", "updated"])
def test_decimal_run_agrees_with_the_float_engine(hidden_deltas):
    exact = d.decimal_run(3, hidden_deltas)
    run = train(P, EX, ETA, 3, hidden_deltas=hidden_deltas)
    assert float(exact["E_after_1_update"]) == pytest.approx(run.errors[1], rel=1e-14)
    assert float(exact["E_before_last"]) == pytest.approx(run.errors[2], rel=1e-14)
    assert float(exact["E_after_last"]) == pytest.approx(run.errors[3], rel=1e-14)
    assert float(exact["out_o1"]) == pytest.approx(run.final.out_o1, rel=1e-14)
    assert float(exact["out_o2"]) == pytest.approx(run.final.out_o2, rel=1e-14)


def test_decimal_run_carries_the_reference_notes_digits():
    exact = d.decimal_run(1)
    assert f"{exact['dEo2_dout_h1']:.12f}" == "-0.019049118258"
    assert f"{exact['E_after_1_update']:.12f}" == "0.291027773694"
    assert f"{d.decimal_run(1, 'updated')['E_after_1_update']:.12f}" == "0.291027923905"


@pytest.mark.parametrize("kwargs, match", [
    ({"updates": 0}, "^updates must be"),
    ({"digits": 10}, "^digits must be a whole number >= 17"),
    ({"hidden_deltas": "new"}, "^hidden_deltas must be one of"),
])
def test_decimal_run_refuses_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        d.decimal_run(**kwargs)


def test_agreeing_digits_counts_shared_significant_digits():
    assert d.agreeing_digits(1.0, "1.0") == math.inf
    assert d.agreeing_digits(1.0002, "1") == 3  # a relative gap of 2e-4: 3 digits
    assert d.agreeing_digits(0.29, "0.3") == 1


def test_float_and_decimal_share_at_least_twelve_digits_over_a_short_run():
    comparison = d.precision_comparison(updates=20)
    assert len(comparison) == 11
    assert d.fewest_agreeing_digits(comparison) >= 12
    table = d.precision_table(comparison)
    assert table.header[3] == "digits shared with the 40-digit decimal value"
    assert all(r[3] == "all" or int(r[3]) >= 12 for r in table.rows)


def test_the_tutorial_prints_at_most_ten_significant_digits():
    assert d.significant_digits("E_after_10000") == 6
    assert d.significant_digits("net_o1") == 10  # 1.105905967
    assert d.most_printed_digits() == 10


# -- the prose's numbers ---------------------------------------------------------------------


def test_dEo2_dout_h1_facts_give_the_prose_digits():
    engine = backward(P, EX).hidden.dEo2_dout_h1
    with_w6 = backward(P, EX, output_weights=(P.w5, P.w6, P.w6, P.w8)).hidden.dEo2_dout_h1
    facts = d.dEo2_dout_h1_facts(engine, with_w6)
    assert facts["n_published"] == len(PUBLISHED) == 48
    assert (facts["f1_matched"], facts["f1_total"], facts["f1_w6_matched"]) == (7, 8, 1)
    assert f"{facts['f1_units']:.2f}" == "0.74"
    assert f"{facts['f1_w6']:.7f}" == "-0.0171442"
    assert facts["f1_published"] == -0.019049119 and facts["f1_decimals"] == 9


def test_dE_dout_h1_sum_facts_round_the_terms_three_ways():
    facts = d.dE_dout_h1_sum_facts()
    assert [f"{facts[k]:.9f}" for k in ("f1_sum_published", "f1_sum_printed",
                                        "f1_sum_rounded")] == [
        "0.036350306", "0.036350306", "0.036350307"]
    b = backward(P, EX).hidden
    assert facts["f1_sum_exact"] == pytest.approx(b.dEo1_dout_h1 + b.dEo2_dout_h1, abs=1e-15)


def test_short_print_facts_count_six_eight_decimal_prints():
    assert d.short_print_facts(flat(walkthrough())) == {"f2_short": 8, "f2_long": 9,
                                                         "f2_count": 6}


def test_summary_facts_name_both_runs_and_the_published_numbers(described, variant):
    facts = d.summary_facts(described, variant)
    assert facts["updates"] == 10_000 and facts["f3_decimals"] == 9
    assert facts["pub_E_after_1_update"] == 0.291027924
    assert facts["described_E_after_1_update"] == pytest.approx(reference_error(
        [getattr(update(P, EX, ETA), w) for w in WEIGHTS]), abs=1e-15)
    assert f"{facts['variant_E_after_1_update']:.12f}" == "0.291027923905"
    assert f"{facts['f3_printed_weights_E']:.9f}" == "0.291027774"


def test_relative_difference_facts_place_the_lead_at_update_five(described, variant):
    facts = d.relative_difference_facts(variant.errors, described.errors)
    assert {k: facts[k] for k in ("f5_lead", "f5_behind_last", "f5_early_at",
                                  "f5_largest_at")} == {
        "f5_lead": 5, "f5_behind_last": 4, "f5_early_at": 3, "f5_largest_at": 10_000}
    assert facts["f5_rel_100"] == (variant.errors[100] - described.errors[100]) / \
        described.errors[100]
    assert f"{facts['f5_largest']:.3%}" == "-0.049%" and facts["f5_largest_abs"] == \
        -facts["f5_largest"]


def test_step_and_flip_facts_give_the_prose_numbers():
    start = backward(P, EX)
    facts = {**d.step_facts(start), **d.sign_flip_facts(20), **d.fd_gap_facts(),
             **d.w1_gap_facts(d.variant_gap_value("w1"), start)}
    assert (facts["eta"], facts["f6_flip"], facts["f6_flip_next"]) == (0.5, 6, 7)
    assert f"{facts['f6_angle']:.2f}" == "0.11" and facts["f6_h"] == 1e-5
    assert facts["f6_true_gap"] == "below 1e-10"
    assert f"{facts['f6_gap_size']:.9f}" == "0.000073845"
    assert f"{facts['f6_dE_dw5']:.9f}" == "0.082167041"


def test_tally_facts_count_the_checked_values(described):
    values = d.published_values({**flat(walkthrough()), **summary(described)})
    assert d.tally_facts(values) == {"n_checked": 48, "n_matches": 43, "n_differs": 5}
