"""Gradient checking four ways, the step trade-off, and the mistakes a check must catch."""
import numpy as np
import pytest

from backprop import (TUTORIAL_PARAMS as P, TUTORIAL_EXAMPLE as EX, TUTORIAL_ETA as ETA,
                      PUBLISHED, backward, forward, update)
from backprop.derive import autodiff, symbolic
from backprop.nn import datasets, gradcheck
from backprop.chapters import ch13_gradient_checking as mistakes
from backprop.nn.mlp import MLP
from backprop.tutorial.training import reproducible_error

from helpers import TOL

KEYS = mistakes.KEYS


def engine():
    b = backward(P, EX)
    return dict(zip(KEYS, (*b.weight_gradients(), b.dE_db1, b.dE_db2)))


def scaled(gradients, factor):
    return {k: factor * v for k, v in gradients.items()}


def assert_close(a, b, rel=TOL):
    assert set(a) == set(b) == set(KEYS)
    for k in KEYS:
        assert a[k] == pytest.approx(b[k], rel=rel, abs=1e-15), k


# -- finite differences -----------------------------------------------------------------


def test_central_difference_is_the_two_sided_quotient_of_forward_passes():
    h = 1e-3
    up = forward(P.with_values(w5=P.w5 + h), EX).E_total
    down = forward(P.with_values(w5=P.w5 - h), EX).E_total
    assert mistakes.central_difference("w5", h=h) == (up - down) / (2 * h)


def test_central_difference_of_a_shared_bias_moves_both_of_its_slots():
    h = 1e-3
    up = forward(P.with_values(b_h1=P.b1 + h, b_h2=P.b1 + h), EX).E_total
    down = forward(P.with_values(b_h1=P.b1 - h, b_h2=P.b1 - h), EX).E_total
    assert mistakes.central_difference("b1", h=h) == (up - down) / (2 * h)


def test_numerical_gradients_agree_with_backward_to_1e_10():
    numerical = mistakes.numerical_gradients()
    for k, v in engine().items():
        assert abs(numerical[k] - v) < 1e-10, k


# -- four ways ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def four():
    return mistakes.four_ways()


def test_four_ways_hold_sympy_the_engine_and_central_differences(four):
    assert_close(four.values["chain rule"], engine())
    sympy_ = {k: symbolic.derivative_value(p, P, EX) for k, p in zip(KEYS, mistakes.PARAMETERS)}
    assert four.values["SymPy"] == sympy_
    assert four.values["finite differences"] == mistakes.numerical_gradients(h=four.h)
    assert four.h == mistakes.STEP == 1e-5


def test_the_four_ways_agree_within_their_expected_bounds(four):
    assert four.largest_difference("chain rule") < 1e-16
    assert four.largest_difference("finite differences") < 1e-10
    if autodiff.available():
        assert four.largest_difference("autograd") < 1e-16


def test_four_ways_table_prints_nine_decimals_and_bounds(four):
    lines = str(four.table()).splitlines()
    assert lines[0] == ("| gradient | SymPy | chain rule | finite differences (h = 1e-5) | "
                        "autograd |")
    assert lines[2].startswith("| `dE_dw1` | 0.000438568 | 0.000438568 | 0.000438568 |")
    assert "| `dE_dw5` | 0.082167041 |" in lines[6]
    last = lines[-1].split(" | ")
    assert last[0] == "| largest \\|difference\\| from SymPy" and last[1] == "(the reference)"
    assert last[2] == four.bound("chain rule") == "below 1e-14"
    assert last[3] == four.bound("finite differences") == "below 1e-10"
    assert len(lines) == 2 + 10 + 1


def test_four_ways_report_autograd_as_not_installed_when_absent(monkeypatch):
    monkeypatch.setattr(autodiff, "available", lambda: False)
    four = mistakes.four_ways()
    assert four.values["autograd"] is None and four.largest_difference("autograd") is None
    table = str(four.table())
    assert table.splitlines()[2].endswith("| not installed |")
    assert table.splitlines()[-1].endswith("| not installed |")
    assert mistakes.autograd_status().startswith("autograd is not installed: pip install")


# -- the step size --------------------------------------------------------------------------


def test_series_shows_the_h_squared_over_6_term_and_the_forward_h_over_2():
    text = mistakes.central_difference_series()
    central, one_sided = text.split("\\\\\n")
    assert "\\frac{h^{2} \\frac{d^{3}}{d p^{3}} E{\\left(p \\right)}}{6}" in central
    assert "O\\left(h^{6}\\right)" in central
    assert "\\frac{h \\frac{d^{2}}{d p^{2}} E{\\left(p \\right)}}{2}" in one_sided


def test_third_derivative_matches_a_second_difference_of_sympys_gradient():
    h = 1e-4
    g = [symbolic.derivative_value("w5", P.with_values(w5=P.w5 + d), EX) for d in (-h, 0, h)]
    assert mistakes.third_derivative("w5") == pytest.approx((g[0] - 2 * g[1] + g[2]) / h ** 2,
                                                            rel=1e-6)


def test_third_derivative_formula_in_the_tutorials_names_gives_the_same_value():
    f = forward(P, EX)
    o, h1, t1 = f.out_o1, f.out_h1, EX.t1
    value = h1 ** 3 * o * (o - 1) * (-12 * o ** 3 + 6 * o ** 2 * t1 + 15 * o ** 2 - 6 * o * t1
                                     - 4 * o + t1)
    assert mistakes.third_derivative("w5") == pytest.approx(value, rel=TOL)
    # long, so broken before its longest factor
    assert mistakes.derivative_formula("w5", 3) == (
        "\\begin{aligned}\n"
        "\\frac{\\partial^3 E_{total}}{\\partial w_{5}^3} &= out_{h1}^{3} out_{o1} "
        "\\left(out_{o1} - 1\\right) \\\\\n"
        "&\\quad \\cdot \\left(- 12 out_{o1}^{3} + 6 out_{o1}^{2} t_{1} + 15 out_{o1}^{2} "
        "- 6 out_{o1} t_{1} - 4 out_{o1} + t_{1}\\right)\n"
        "\\end{aligned}")


def test_first_derivative_formula_is_the_tutorials_three_factors():
    assert mistakes.derivative_formula("w5") == (
        "\\frac{\\partial E_{total}}{\\partial w_{5}} = - out_{h1} out_{o1} "
        "\\left(1 - out_{o1}\\right) \\left(- out_{o1} + t_{1}\\right)")
    w1 = mistakes.derivative_formula("w1")
    assert w1.count("i_{1}") == 2  # one term per path, one line per term
    assert w1.startswith("\\begin{aligned}\n\\frac{\\partial E_{total}}{\\partial w_{1}} &= "
                         "- i_{1} out_{h1} out_{o1} w_{5}")
    assert "\\\\\n&\\quad - i_{1} out_{h1} out_{o2} w_{7}" in w1


def test_check_ratios_say_how_far_off_each_flagged_gradient_is():
    assert mistakes.check("none").ratios() == {}
    c = mistakes.check("missing-half")
    assert all(r == pytest.approx(0.5, rel=1e-7) for r in c.ratios().values())
    stale = mistakes.check("updated-hidden-deltas").ratios()
    assert list(stale) == ["dE_dw1", "dE_dw2", "dE_dw3", "dE_dw4", "dE_db1"]
    assert all(0.8 < r < 0.9 for r in stale.values())


def test_step_model_terms_and_best_step_minimise_their_sum():
    m = mistakes.step_model("w5")
    assert m.error == forward(P, EX).E_total
    assert m.third == abs(mistakes.third_derivative("w5"))
    assert m.truncation(1e-2) == pytest.approx(1e-4 * m.third / 6, rel=TOL)
    assert m.rounding(1e-8) == pytest.approx(mistakes.EPS * m.error / 1e-8, rel=TOL)
    total = lambda h: m.truncation(h) + m.rounding(h)
    best = m.best_step
    assert best == pytest.approx((3 * 2.0 ** -52 * m.error / m.third) ** (1 / 3), rel=TOL)
    assert total(best) < total(best * 1.01) and total(best) < total(best / 1.01)
    assert mistakes.sci(best) == "2.4e-5"


def test_step_model_table_names_the_inputs_and_the_result():
    text = str(mistakes.step_model("w5").table())
    assert "| \\|E_total\\| | 0.298371109 | the engine's forward pass |" in text
    assert "| best step h* | 2.4e-5 |" in text and "| ε^(1/3) | 6.1e-6 |" in text


def test_measured_error_draws_a_v_with_its_bottom_near_the_best_step():
    steps = mistakes.sweep_steps()
    errors = mistakes.step_errors("w5", steps)
    m = mistakes.step_model("w5")
    assert len(steps) == 15 * 8 + 1 and steps[0] == 1e-15 and steps[-1] == 1.0
    bottom = steps[np.argmin(errors)]
    assert m.best_step / 10 < bottom < m.best_step * 10
    # the right arm is truncation: the model within 1% where rounding is negligible
    right = (steps >= 1e-3) & (steps <= 1e-1)
    assert np.allclose(errors[right], m.truncation(steps[right]), rtol=0.01)
    # the left arm is rounding: far above truncation, within a factor 30 of eps |E| / h
    left = (steps >= 1e-12) & (steps <= 1e-8)
    assert np.all(errors[left] > 100 * m.truncation(steps[left]))
    assert np.all(errors[left] < 30 * m.rounding(steps[left]))


def test_sweep_steps_are_log_spaced_per_decade():
    steps = mistakes.sweep_steps(-2, 0, 2)
    assert steps == pytest.approx([1e-2, 10 ** -1.5, 1e-1, 10 ** -0.5, 1.0], rel=TOL)


# -- a bigger network ----------------------------------------------------------------------


def test_check_table_lists_each_array_with_its_size_and_order_of_magnitude():
    d = datasets.digits(seed=0)
    net = MLP.random([64, 16, 10], ["tanh", "softmax"], "cross_entropy", seed=0)
    result = gradcheck.check(net, d.X_train[:10], d.T_train[:10], h=mistakes.STEP)
    lines = str(mistakes.check_table(result)).splitlines()
    assert lines[0] == "| array | shape | parameters | relative error | at most 1e-6? |"
    assert lines[2].startswith("| `W1` | 16 x 64 | 1,024 | about 1e-")
    assert lines[3].startswith("| `b1` | 16 | 16 |") and lines[5].startswith("| `b2` | 10 | 10 |")
    assert all(line.endswith("| ✓ |") for line in lines[2:])
    assert result.worst < 1e-8


def test_about_is_the_nearest_power_of_ten():
    assert mistakes.about(1.5e-10) == "about 1e-10"
    assert mistakes.about(6.6e-11) == "about 1e-10"
    assert mistakes.about(3.0e-11) == "about 1e-11"


def test_sci_writes_short_exponents():
    assert [mistakes.sci(x) for x in (1e-5, 6.055e-6, 2.39e-5, 1.0)] == [
        "1e-5", "6.1e-6", "2.4e-5", "1e0"]
    assert mistakes.sci(2.220446e-16, 3) == "2.22e-16"


# -- the mistakes ----------------------------------------------------------------------------


def test_correct_gradients_are_the_engines_and_pass_the_check():
    assert_close(mistakes.correct(P, EX), engine())
    c = mistakes.check("none")
    assert not c.caught and c.flagged == []
    assert max(c.errors.values()) < 1e-7


def test_updated_hidden_deltas_implies_the_gradient_through_the_moved_weights():
    implied = mistakes.updated_hidden_deltas(P, EX, ETA)
    o = backward(P, EX).output
    moved = [getattr(P, w) - ETA * getattr(o, f"dE_d{w}") for w in ("w5", "w6", "w7", "w8")]
    stale = backward(P, EX, output_weights=moved)  # an independent route to the same numbers
    expected = dict(zip(KEYS, (*stale.weight_gradients(), stale.dE_db1, stale.dE_db2)))
    assert_close(implied, expected, rel=1e-9)  # (p - p_new) / eta loses a few bits
    for k in ("dE_dw5", "dE_dw6", "dE_dw7", "dE_dw8", "dE_db2"):
        assert implied[k] == pytest.approx(engine()[k], rel=1e-9)


def test_updated_hidden_deltas_is_caught_in_the_hidden_layer_only():
    c = mistakes.check("updated-hidden-deltas")
    assert c.flagged == ["dE_dw1", "dE_dw2", "dE_dw3", "dE_dw4", "dE_db1"]
    assert c.flagged_parameters() == ["w1", "w2", "w3", "w4", "b1"]
    # Independently: the implied gradient against the true one, |a - b| / (|a| + |b|) and
    # 1 - a / b; the finite differences stand in for b to about 1e-8.
    implied, true = mistakes.updated_hidden_deltas(P, EX, ETA), engine()
    errors = [abs(implied[k] - true[k]) / (abs(implied[k]) + abs(true[k])) for k in c.flagged]
    short = [1 - implied[k] / true[k] for k in c.flagged]
    assert c.error_range() == pytest.approx((min(errors), max(errors)), abs=1e-7)
    assert c.shortfall_range() == pytest.approx((min(short), max(short)), abs=1e-7)


def test_error_range_of_the_sign_the_half_and_the_frozen_biases():
    assert mistakes.check("flipped-sign").error_range() == pytest.approx((1, 1), abs=1e-12)
    assert mistakes.check("missing-half").error_range() == pytest.approx((1 / 3, 1 / 3),
                                                                         abs=1e-7)
    frozen = mistakes.check("frozen-biases")
    assert frozen.flagged_parameters() == ["b1", "b2"]
    assert frozen.error_range() == (1.0, 1.0)
    with pytest.raises(ValueError, match="mistake 'none' has no flagged gradient"):
        mistakes.check("none").error_range()
    # it is the variant behind the tutorial's first published error
    stale = update(P, EX, ETA, hidden_deltas="updated")
    assert PUBLISHED["E_after_1_update"].matches(forward(stale, EX).E_total)


def test_flipped_sign_negates_every_gradient_and_every_one_is_flagged_at_1():
    assert_close(mistakes.flipped_delta_sign(P, EX), scaled(engine(), -1))
    c = mistakes.check("flipped-sign")
    assert c.flagged == list(KEYS)
    assert all(e == pytest.approx(1.0, abs=1e-7) for e in c.errors.values())


def test_frozen_biases_report_zero_and_only_the_biases_are_flagged():
    g = mistakes.frozen_biases(P, EX)
    assert g["dE_db1"] == 0.0 and g["dE_db2"] == 0.0
    assert {k: g[k] for k in KEYS[:8]} == {k: engine()[k] for k in KEYS[:8]}
    c = mistakes.check("frozen-biases")
    assert c.flagged == ["dE_db1", "dE_db2"] and c.errors["dE_db1"] == 1.0


def test_missing_half_doubles_the_error_and_shows_a_relative_error_of_one_third():
    assert_close(mistakes.missing_half(P, EX), engine())
    assert mistakes.missing_half_error(P, EX) == pytest.approx(2 * forward(P, EX).E_total,
                                                               rel=TOL)
    c = mistakes.check("missing-half")
    assert c.flagged == list(KEYS)
    assert all(e == pytest.approx(1 / 3, abs=1e-7) for e in c.errors.values())
    assert_close(c.numerical, scaled(engine(), 2), rel=1e-6)


@pytest.mark.parametrize("values", [dict(w1=0.9, w6=-1.2, b2=0.1), dict(w5=-2.0, b1=-0.5)])
def test_every_mistake_is_caught_at_other_parameters_too(values):
    p = P.with_values(**values)
    assert not mistakes.check("none", p).caught
    for name in ("updated-hidden-deltas", "flipped-sign", "frozen-biases", "missing-half"):
        assert mistakes.check(name, p).caught, name


def test_relative_formats_bugs_with_two_digits_and_passes_as_bounds():
    assert [mistakes.relative(x) for x in (0.0804, 1.0, 1 / 3)] == ["0.080", "1.0", "0.33"]
    assert mistakes.relative(5.8e-9) == "below 1e-6"  # the threshold, THRESHOLD
    assert mistakes.relative(0.0) == "below 1e-6"


def test_mistakes_table_marks_each_parameter_under_each_mistake():
    lines = str(mistakes.mistakes_table()).splitlines()
    assert lines[0] == ("| gradient | no mistake | w5..w8 updated before the hidden deltas | "
                        "the delta's sign flipped | biases frozen: dE/db = 0 | "
                        "the 1/2 missing from the error |")
    assert lines[2] == "| `dE_dw1` | ✓ | 0.092 ✗ | 1.0 ✗ | ✓ | 0.33 ✗ |"
    assert lines[6] == "| `dE_dw5` | ✓ | ✓ | 1.0 ✗ | ✓ | 0.33 ✗ |"
    assert lines[10] == "| `dE_db1` | ✓ | 0.086 ✗ | 1.0 ✗ | 1.0 ✗ | 0.33 ✗ |"
    assert lines[-1] == "| flagged | 0 of 10 | 5 of 10 | 10 of 10 | 2 of 10 | 10 of 10 |"


def test_check_table_shows_reported_beside_finite_differences():
    lines = str(mistakes.check("frozen-biases").table()).splitlines()
    assert lines[0] == "| gradient | reported | finite differences | relative error | verdict |"
    assert lines[-2] == "| `dE_db1` | 0.000000000 | 0.018725609 | 1.0 | ✗ flagged |"
    assert lines[6].startswith("| `dE_dw5` | 0.082167041 | 0.082167041 | below 1e-")
    assert lines[6].endswith("| ✓ |")


def test_lab_has_a_pane_per_mistake_switched_by_the_buttons_in_the_page(monkeypatch):
    import ipywidgets as widgets

    links, jslink = [], widgets.jslink
    monkeypatch.setattr(widgets, "jslink", lambda *ends: links.append(ends) or jslink(*ends))
    lab = mistakes.lab()
    buttons, shown = lab.children
    assert [value for _, value in buttons.options] == list(mistakes.MISTAKES)
    assert buttons.value == "none" and shown.selected_index == 0
    for pane, name in zip(shown.children, mistakes.MISTAKES, strict=True):
        assert pane.value.endswith(f'<div style="overflow-x: auto; contain: inline-size">'
                                   f'{mistakes.check(name).table().html()}</div>')
    assert shown.children[0].value.startswith("<p><b>nothing flagged: every gradient passes")
    assert shown.children[3].value.startswith("<p><b>caught: 2 of 10 gradients flagged")
    # The front end (the page's widget manager) keeps the pane on the chosen button.
    assert links == [((buttons, "index"), (shown, "selected_index"))]


def test_check_uses_the_mistakes_own_error():
    assert mistakes.mistake("missing-half").error is mistakes.missing_half_error
    assert all(m.error is mistakes.total_error for name, m in mistakes.MISTAKES.items()
               if name != "missing-half")


# -- bad input ---------------------------------------------------------------------------------

SPLIT = P.with_values(b_h1=0.1)


@pytest.mark.parametrize("call, message", [
    (lambda: mistakes.central_difference("w9"), r"p must be one of 'w1', .*'b2'; got 'w9'"),
    (lambda: mistakes.central_difference("w5", h=0), "h must be a finite number greater than 0"),
    (lambda: mistakes.central_difference("w5", SPLIT), "b1 is not shared any more"),
    (lambda: mistakes.four_ways(h=-1e-5), "h must be a finite number greater than 0"),
    (lambda: mistakes.correct(SPLIT, EX), "b1 is not shared any more"),
    (lambda: mistakes.third_derivative("b_h1"), r"p must be one of"),
    (lambda: mistakes.derivative_formula("w5", 0), "order must be a whole number >= 1"),
    (lambda: mistakes.step_errors("w5", []), "steps must be a non-empty 1-D sequence"),
    (lambda: mistakes.step_errors("w5", [1e-5, 0.0]), "steps must be a non-empty 1-D sequence"),
    (lambda: mistakes.sweep_steps(0, -3), "low must be smaller than high, got 0 and -3"),
    (lambda: mistakes.sweep_steps(per_decade=0), "per_decade must be a whole number >= 1"),
    (lambda: mistakes.check("typo"), r"mistake must be one of 'none', .*; got 'typo'"),
    (lambda: mistakes.check("none", threshold=0), "threshold must be a finite number greater"),
    (lambda: mistakes.updated_hidden_deltas(P, EX, eta=0), "eta must be a finite number greater"),
    (lambda: mistakes.relative(-0.1), r"error must be a relative error >= 0, got -0.1"),
    (lambda: mistakes.relative(float("nan")), "error must be a finite real number"),
    (lambda: mistakes.about(0), "x must be a finite number greater than 0"),
    (lambda: mistakes.sci(-1.0), "x must be a finite number greater than 0"),
    (lambda: mistakes.check_table(None, threshold=-1), "threshold must be a finite number"),
])
def test_bad_input_raises_value_error_naming_the_parameter(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_sweep_steps_are_correctly_rounded_powers_of_ten():
    # numpy.logspace's vectorised power gives other last bits on other CPUs.
    mpmath = pytest.importorskip("mpmath")
    steps = mistakes.sweep_steps(-15, 0, 8)
    with mpmath.workdps(40):
        assert steps.tolist() == [float(mpmath.mpf(10) ** (mpmath.mpf(k) / 8))
                                  for k in range(-120, 1)]
    assert steps[0] == 1e-15 and steps[64] == 1e-7 and steps[-1] == 1.0


def test_step_errors_use_the_reproducible_error():
    h = 1e-12
    expected = abs(mistakes.central_difference("w5", P, EX, h, reproducible_error)
                   - symbolic.derivative_value("w5", P, EX))
    assert mistakes.step_errors("w5", [h]).tolist() == [expected]


# -- the numbers in the text -------------------------------------------------------------------


def test_four_ways_and_step_model_facts_as_the_text_shows_them():
    assert mistakes.four_ways_facts(mistakes.four_ways()) == {
        "h_table": "1e-5", "bound_chain": "below 1e-14", "bound_fd": "below 1e-10",
        "bound_auto": "below 1e-14"}
    facts = mistakes.step_model_facts(mistakes.step_model("w5"))
    assert (facts["eps"], facts["eps_cbrt"], facts["best_h"], facts["sweep_low"],
            facts["sweep_high"], facts["per_decade"]) \
        == (2.0 ** -52, "6.1e-6", "2.4e-5", "1e-15", "1e0", 8)
    assert (f"{facts['E_total']:.6f}", f"{facts['third_w5']:.4f}") == ("0.298371", "0.0145")


def test_sweep_facts_read_the_best_and_the_smallest_step():
    steps = mistakes.sweep_steps()
    facts = mistakes.sweep_facts(steps, mistakes.step_errors("w5", steps), mistakes.four_ways())
    assert {k: facts[k] for k in ("h_measured", "err_best", "err_tiny", "h_tiny")} == {
        "h_measured": "1.8e-5", "err_best": "about 1e-12", "err_tiny": "about 1e-2",
        "h_tiny": "1e-15"}
    assert abs(facts["dw5"] - backward(P, EX).output.dE_dw5) < TOL  # SymPy's, and the chain rule's


def test_network_check_facts_count_two_passes_per_parameter():
    X, T = datasets.xor()
    net = MLP.random([2, 3, 1], "logistic", seed=0)
    result = gradcheck.check(net, X, T)
    facts = mistakes.network_check_facts(net, len(X), 13, result)
    assert {k: facts[k] for k in ("tutorial_params", "n_in", "n_hidden", "n_out", "n_images",
                                  "n_params", "n_passes", "threshold")} == {
        "tutorial_params": 10, "n_in": 2, "n_hidden": 3, "n_out": 1, "n_images": 4,
        "n_params": 13, "n_passes": 26, "threshold": "1e-6"}


def test_mistake_facts_as_the_text_shows_them():
    facts = mistakes.mistake_facts()
    assert facts == {
        "worst_correct": "about 1e-8", "sign_error": "1.0", "frozen_error": "1.0",
        "frozen_flagged": "b1 and b2", "half_error": "0.33",
        "stale_flagged": "w1, w2, w3, w4 and b1", "stale_low": "0.080", "stale_high": "0.092",
        "stale_times": 80_408, "short_low": facts["short_low"], "short_high": facts["short_high"]}
    assert (f"{facts['short_low']:.0f}", f"{facts['short_high']:.0f}") == ("15", "17")
