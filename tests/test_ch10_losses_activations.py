"""Other losses and activations: SymPy's derivations, the variants' numbers, runs, figures."""
import math

import numpy as np
import pytest
import sympy as sp

from backprop import (TUTORIAL_PARAMS as P, TUTORIAL_EXAMPLE as EX, TUTORIAL_ETA as ETA,
                      backward, forward, train)
from backprop.derive import symbolic
from backprop.chapters import ch10_losses_activations as lp
from backprop.nn.activations import activation

from helpers import TOL, svg


def logistic(x):
    return 1 / (1 + math.exp(-x))


@pytest.fixture(scope="module")
def short_runs():
    """Every variant trained for 300 updates (enough to pass their fast phases)."""
    return {v: lp.train_variant(v, 300, ETA) for v in lp.VARIANTS}


# -- the variants' numbers ------------------------------------------------------------------


def test_the_tutorial_variant_is_the_scalar_engines_walkthrough():
    mine, theirs = lp.values("tutorial"), backward(P, EX).as_dict()
    for key in lp.WALKTHROUGH_KEYS:
        assert mine[key] == pytest.approx(theirs[key], rel=TOL, abs=TOL), key


def test_binary_cross_entropy_delta_is_out_minus_target_and_forward_is_unchanged():
    tut, bce = lp.values("tutorial"), lp.values("bce")
    assert bce["delta_o1"] == tut["out_o1"] - EX.t1
    assert bce["delta_o2"] == tut["out_o2"] - EX.t2
    assert bce["dE_dw5"] == pytest.approx(bce["delta_o1"] * tut["out_h1"], rel=1e-15)
    assert [bce[k] for k in ("out_o1", "out_o2")] == [tut[k] for k in ("out_o1", "out_o2")]
    expected = -sum(t * math.log(o) + (1 - t) * math.log(1 - o)
                    for o, t in ((tut["out_o1"], EX.t1), (tut["out_o2"], EX.t2)))
    assert bce["E_total"] == pytest.approx(expected, rel=1e-15)


def test_softmax_outputs_are_the_logistic_of_the_net_difference():
    v = lp.values("softmax")
    gap = v["net_o1"] - forward(P, EX).net_o2
    assert v["out_o1"] == pytest.approx(logistic(gap), rel=1e-15)
    assert v["out_o1"] + v["out_o2"] == pytest.approx(1, abs=1e-15)
    assert v["delta_o1"] == v["out_o1"] - EX.t1
    assert v["delta_o2"] == pytest.approx(-v["delta_o1"], abs=1e-15)  # the targets add to 1


def test_tanh_and_relu_change_the_hidden_outputs_only_through_the_activation():
    net_h1 = EX.i1 * P.w1 + EX.i2 * P.w2 + P.b1
    assert lp.values("tanh")["out_h1"] == pytest.approx(math.tanh(net_h1), rel=1e-15)
    relu = lp.values("relu")
    assert relu["out_h1"] == relu["net_h1"] == pytest.approx(0.3775, rel=1e-15)
    # Both hidden nets are positive, so ReLU's slope is 1: delta_h1 is dE/dout_h1 itself.
    assert relu["delta_h1"] == pytest.approx(
        relu["delta_o1"] * P.w5 + relu["delta_o2"] * P.w7, rel=1e-15)


def test_huber_clips_the_far_output_and_leaves_the_near_one_alone():
    ident, hub = lp.values("identity"), lp.values("huber")
    assert hub["out_o1"] == hub["net_o1"] == pytest.approx(1.105905967, abs=1e-9)
    assert ident["delta_o1"] == pytest.approx(hub["out_o1"] - EX.t1, rel=1e-15)
    assert hub["delta_o1"] == 1.0                      # |out_o1 - t1| > 1: clipped
    assert hub["delta_o2"] == ident["delta_o2"] == hub["out_o2"] - EX.t2  # < 1: as squared
    r1, r2 = hub["out_o1"] - EX.t1, hub["out_o2"] - EX.t2
    assert hub["E_total"] == pytest.approx((r1 - 0.5) + r2 ** 2 / 2, rel=1e-15)


def test_comparison_table_has_one_column_per_variant():
    table = lp.comparison_table(["tutorial", "bce"], keys=("out_o1", "delta_o1"))
    assert table.header == ["value", lp.VARIANTS["tutorial"].label, lp.VARIANTS["bce"].label]
    assert table.rows == [["`out_o1`", "0.751365070", "0.751365070"],
                          ["`delta_o1`", "0.138498562", "0.741365070"]]


def test_variants_table_names_what_each_network_changes():
    rows = {r[0]: r[1:] for r in lp.variants_table().rows}
    assert rows[lp.VARIANTS["tutorial"].label] == ["logistic", "logistic", "squared error"]
    assert rows[lp.VARIANTS["softmax"].label] == ["logistic", "softmax", "cross-entropy"]
    assert rows[lp.VARIANTS["huber"].label] == ["logistic", "identity", "Huber (threshold 1)"]


# -- derivatives by SymPy -------------------------------------------------------------------


def test_sigma_is_the_engines_logistic_expression():
    x = sp.Symbol("x", real=True)
    assert sp.simplify(symbolic.sigma(x).rewrite(sp.exp)
                       - activation("logistic").sympy_expr(x)) == 0


@pytest.mark.parametrize("name, through_out", [
    ("logistic", "out_h1*(1 - out_h1)"), ("tanh", "1 - out_h1**2"), ("identity", "1")])
def test_slope_is_written_through_out_where_the_tutorial_would(name, through_out):
    raw, mine = lp.slope(name)
    assert mine == sp.sympify(through_out, locals={"out_h1": lp.OUT["h1"]})
    # The raw derivative and the out-form agree once out = f(net) is put back.
    f = activation(name).sympy_expr(lp.NET["h1"])
    assert sp.simplify((raw - mine.xreplace({lp.OUT["h1"]: f})).rewrite(sp.exp)) == 0


def test_relu_slope_keeps_the_engines_zero_at_the_kink():
    raw, mine = lp.slope("relu")
    assert raw == mine
    assert raw.subs(lp.NET["h1"], 0) == 0 and raw.subs(lp.NET["h1"], sp.Rational(1, 10)) == 1


def test_activation_lines_show_the_function_and_its_derivative():
    lines = lp.activation_lines("tanh").splitlines()
    assert lines[1:-1] == [
        r"out_{h1} &= \tanh{\left(net_{h1} \right)} \\",
        r"\frac{\partial out_{h1}}{\partial net_{h1}} &= 1 - \tanh^{2}{\left(net_{h1} \right)}"
        r" = 1 - out_{h1}^{2}"]
    assert lp.activation_lines("identity").splitlines()[2].endswith("&= 1")


def test_loss_lines_join_the_cross_entropy_derivative_into_one_fraction():
    last = lp.loss_lines("binary_cross_entropy").splitlines()[2]
    assert last.endswith(r"= \frac{out_{o1} - t_{1}}{out_{o1} \left(1 - out_{o1}\right)}")
    assert lp.loss_lines("squared_error").splitlines()[2].endswith("&= out_{o1} - t_{1}")
    huber = lp.loss_lines("huber").splitlines()[2]
    assert r"\operatorname{sign}{\left(out_{o1} - t_{1} \right)}" in huber


def test_activation_check_puts_sympy_beside_the_engine():
    table = lp.activation_check("logistic", nets=(0.0, 2.0))
    assert [r[1] for r in table.rows] == ["0.250000000000",
                                          f"{logistic(2) * (1 - logistic(2)):.12f}"]
    assert [r[2] for r in table.rows] == [r[1] for r in table.rows]
    relu = lp.activation_check("relu", nets=(-1.0, 0.0, 1.0))
    assert [r[1:] for r in relu.rows] == [["0.000000000000", "0.000000000000", "below 1e-14"],
                                          ["0.000000000000", "0.000000000000", "below 1e-14"],
                                          ["1.000000000000", "1.000000000000", "below 1e-14"]]


def test_loss_check_covers_both_huber_branches():
    table = lp.loss_check("huber", [(1.5, 0.01), (0.5, 0.01), (-2.0, 0.01)])
    assert [r[3] for r in table.rows] == ["1.000000000000", "0.490000000000",
                                          "-1.000000000000"]
    assert [r[2] for r in table.rows] == [r[3] for r in table.rows]
    bce = lp.loss_check("binary_cross_entropy", [(0.75, 0.01)])
    assert bce.rows[0][3] == f"{0.74 / (0.75 * 0.25):.12f}"


def test_bce_cancellation_ends_in_out_minus_target():
    lines = lp.bce_cancellation().splitlines()
    assert lines[1].endswith(r"\frac{out_{o1} - t_{1}}{out_{o1} \left(1 - out_{o1}\right)} \\")
    assert lines[2].endswith(r"&= out_{o1} \left(1 - out_{o1}\right) \\")
    assert lines[3].endswith("= out_{o1} - t_{1}")
    direct = lp.bce_direct().splitlines()[1]
    assert direct.endswith(r"= - t_{1} + \sigma{\left(net_{o1} \right)}")


def test_softmax_check_agrees_with_the_engine_at_the_tutorials_nets():
    table = lp.softmax_check()
    v = lp.values("softmax")
    rows = {r[0]: r[1:] for r in table.rows}
    # Two outputs: every Jacobian entry is +-out_o1 out_o2.
    assert rows["`dout_o2_dnet_o1`"][1] == f"{-v['out_o1'] * v['out_o2']:.12f}"
    assert rows["`dE_dout_o2`"][1] == f"{-EX.t2 / v['out_o2']:.12f}"
    assert rows["`delta_o1`"][1] == f"{v['out_o1'] - EX.t1:.12f}"
    for row in table.rows:
        assert row[1] == row[2] or abs(float(row[1]) - float(row[2])) < 1e-14
        assert row[3] == "0" or row[3].startswith("below 1e-1")


def test_softmax_jacobian_and_delta():
    o1, o2 = lp.OUT["o1"], lp.OUT["o2"]
    assert lp.softmax_jacobian() == [[o1 * (1 - o1), -o1 * o2], [-o1 * o2, o2 * (1 - o2)]]
    assert lp.softmax_delta() == o1 - lp.T1
    assert lp.softmax_direct_gap() == 0
    lines = lp.softmax_cancellation().splitlines()
    assert lines[-3].endswith(r"out_{o1} \left(t_{1} + t_{2}\right) - t_{1} \\")
    assert lines[-2] == r"&= out_{o1} - t_{1} \quad \text{when } t_{1} + t_{2} = 1"


@pytest.mark.parametrize("variant, expected", [
    ("tutorial", "out_o1*(1 - out_o1)*(out_o1 - t1)"), ("bce", "out_o1 - t1"),
    ("softmax", "out_o1 - t1"), ("identity", "out_o1 - t1")])
def test_output_delta_per_variant(variant, expected):
    names = {"out_o1": lp.O1, "t1": lp.T1}
    assert sp.expand(lp.output_delta(variant) - sp.sympify(expected, locals=names)) == 0


def test_huber_output_delta_is_the_clipped_residual():
    d = lp.output_delta("huber")
    at = {lp.O1: sp.Rational(3, 2), lp.T1: 0}
    assert d.subs(at) == 1 and d.subs({lp.O1: sp.Rational(1, 4), lp.T1: 0}) == sp.Rational(1, 4)


def test_delta_lines_show_the_hidden_slope_of_the_variant():
    tanh = lp.delta_lines("tanh").splitlines()
    assert tanh[2].endswith(r"&= \left(\delta_{o1} w_{5} + \delta_{o2} w_{7}\right) "
                            r"\left(1 - out_{h1}^{2}\right) \\")
    assert tanh[3].endswith(r"&= \delta_{o1} out_{h1} \\")
    assert tanh[4].endswith(r"&= \delta_{h1} i_{1}")
    assert r"\begin{cases}" in lp.delta_lines("relu").splitlines()[2]
    assert "out_{o2}" in lp.delta_lines("softmax").splitlines()[1]


@pytest.mark.parametrize("variant", list(lp.VARIANTS))
def test_sympy_gradient_of_the_written_out_error_equals_the_engine(variant):
    engine = lp.values(variant)
    for w in ("w1", "w4", "w5", "w8"):
        assert lp.sympy_gradient(variant, w) == pytest.approx(engine[f"dE_d{w}"], rel=TOL,
                                                              abs=1e-15), w


def test_gradient_check_table():
    table = lp.gradient_check("bce")
    v = lp.values("bce")
    assert [r[0] for r in table.rows] == ["`dE_dw5`", "`dE_dw1`"]
    assert [r[2] for r in table.rows] == [f"{v['dE_dw5']:.15f}", f"{v['dE_dw1']:.15f}"]
    for row in table.rows:
        assert row[3] == "0" or row[3].startswith("below 1e-1")


# -- training -------------------------------------------------------------------------------


def test_tutorial_run_is_the_scalar_engines_training(short_runs):
    run, scalar = short_runs["tutorial"], train(P, EX, ETA, 300)
    assert np.allclose(run.squared_errors, scalar.errors, rtol=TOL, atol=0)
    assert np.array_equal(run.losses, run.squared_errors)
    assert run.outputs == pytest.approx((scalar.final.out_o1, scalar.final.out_o2), rel=TOL)


def test_squared_error_runs_take_the_same_steps_as_the_recording_loop():
    # The squared-error variants use MLP.train; the loop the others use must agree.
    fast = lp.train_variant("tanh", 50, ETA)
    net, X, T = lp.network("tanh"), np.array([[EX.i1, EX.i2]]), np.array([[EX.t1, EX.t2]])
    errors = []
    for _ in range(50):
        g = net.backward(X, T)
        errors.append(g.error)
        net.step(ETA, g, train_biases=False)
    errors.append(net.error(X, T))
    assert fast.squared_errors.tolist() == errors
    assert fast.outputs == tuple(net.predict(X)[0].tolist())


def test_runs_record_both_errors_from_the_start(short_runs):
    bce = short_runs["bce"]
    assert len(bce.squared_errors) == len(bce.losses) == 301
    assert bce.losses[0] == lp.values("bce")["E_total"]
    assert bce.squared_errors[0] == pytest.approx(lp.values("tutorial")["E_total"], rel=TOL)
    o1, o2 = bce.outputs
    assert bce.squared_errors[-1] == pytest.approx(((o1 - EX.t1) ** 2 + (o2 - EX.t2) ** 2)
                                                   / 2, rel=1e-12, abs=1e-300)


def test_cross_entropy_pairings_beat_the_tutorial_and_huber_is_fastest(short_runs):
    end = {v: r.squared_errors[-1] for v, r in short_runs.items()}
    assert end["softmax"] < end["bce"] < end["tutorial"]
    assert end["huber"] < 1e-30


def test_loss_floor_is_the_targets_entropy_for_cross_entropy():
    h = -(0.01 * math.log(0.01) + 0.99 * math.log(0.99))
    assert lp.loss_floor("bce") == pytest.approx(2 * h, rel=1e-15)
    assert lp.loss_floor("softmax") == pytest.approx(h, rel=1e-15)
    assert lp.loss_floor("tutorial") == lp.loss_floor("huber") == 0.0


def test_updates_below():
    assert lp.updates_below([0.3, 0.2, 0.1, 0.05], 0.1) == 2
    assert lp.updates_below([0.3, 0.2], 0.01) is None


def test_overtakes_finds_where_one_run_stays_ahead():
    assert lp.overtakes([3, 2, 1, 0.5, 0.2], [2, 2, 0.9, 0.6, 0.3]) == 3
    assert lp.overtakes([1, 1], [2, 2]) == 0
    assert lp.overtakes([1, 3], [2, 2]) is None
    with pytest.raises(ValueError, match="errors and other must be 1-D histories"):
        lp.overtakes([1, 2], [1, 2, 3])


def test_output_deltas_of_a_logistic_output():
    se, bce = lp.output_deltas([0.0, 8.0], 0.01)
    s8 = logistic(8)
    assert se.tolist() == pytest.approx([0.49 * 0.25, (s8 - 0.01) * s8 * (1 - s8)], rel=1e-15)
    assert bce.tolist() == pytest.approx([0.49, s8 - 0.01], rel=1e-15)


def test_training_tables(short_runs):
    runs = [short_runs["tutorial"], short_runs["huber"]]
    table = lp.training_table(runs, checkpoints=(1, 300), level=1e-3)
    assert table.header == ["run", "after 1 update", "after 300 updates",
                            "first below 1.000e-03"]
    tut = short_runs["tutorial"]
    assert table.rows[0][1:3] == [f"{tut.squared_errors[k]:.3e}" for k in (1, 300)]
    assert table.rows[0][-1] == "never"  # the tutorial's run is not there after 300
    assert table.rows[1][-1] == f"{lp.updates_below(short_runs['huber'].squared_errors, 1e-3):,}"
    end = lp.end_table(runs)
    assert end.rows[1][1:5] == [f"{o:.9f}" for o in short_runs["huber"].outputs] + [
        "Huber", f"{short_runs['huber'].losses[-1]:.9f}"]
    assert end.rows[0][-1] == "0.000000000"


# -- figures and alt text ----------------------------------------------------------------------


def gids(fig):
    return {a.get_gid() for ax in fig.axes for a in ax.lines}


def test_activation_figure_marks_relus_kink_with_the_engines_value():
    fig = lp.activation_figure()
    assert {"f-logistic", "f-tanh", "f-relu", "df-relu-at-0", "df-relu-not-at-0"} <= gids(fig)
    (at0,) = [a for a in fig.axes[1].lines if a.get_gid() == "df-relu-at-0"]
    assert list(at0.get_xydata()[0]) == [0.0, 0.0]
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == [
        "logistic", "tanh", "ReLU"]
    assert fig.get_facecolor() == (1.0, 1.0, 1.0, 1.0)


def test_describe_activations_quotes_the_slopes():
    text = lp.describe_activations()
    assert f"to {logistic(3):.3f}" in text and "largest at net 0, 0.25" in text
    assert f"falls to {1 - math.tanh(3) ** 2:.3f} at net 3" in text
    assert "the engine uses 0" in text


def test_loss_figure_marks_out_on_every_curve():
    fig = lp.loss_figure(mark=0.75)
    assert {"E-squared_error", "E-binary_cross_entropy", "E-huber", "slope-huber",
            "mark-huber"} <= gids(fig)
    (bce,) = [a for a in fig.axes[1].lines if a.get_gid() == "slope-binary_cross_entropy"]
    x = bce.get_xdata()
    assert x.min() > 0 and x.max() < 1  # only where it is defined
    (huber,) = [a for a in fig.axes[1].lines if a.get_gid() == "slope-huber"]
    assert huber.get_ydata().max() == 1.0


def test_describe_losses_quotes_the_slopes_at_the_mark():
    text = lp.describe_losses(mark=0.75)
    assert f"binary cross-entropy {0.74 / (0.75 * 0.25):.3f}" in text
    assert "squared error 0.740" in text and "capped at 1" in text


def test_se_delta_peak_solves_the_quadratic():
    # d/dnet of (s - t) s (1 - s) is 0 where -3 s^2 + (2 + 2t) s - t = 0.
    t = 0.01
    s = ((2 + 2 * t) + math.sqrt((2 + 2 * t) ** 2 - 12 * t)) / 6
    net, delta = lp.se_delta_peak(t)
    assert net == pytest.approx(math.log(s / (1 - s)), abs=1e-4)
    assert delta == pytest.approx((s - t) * s * (1 - s), abs=1e-9)


def test_delta_figure_and_its_alt_text():
    fig = lp.delta_figure(mark=1.105905967)
    assert {"delta-squared_error", "delta-binary_cross_entropy", "mark-0", "mark-1"} <= gids(fig)
    text = lp.describe_deltas(mark=1.105905967)
    assert "peak of 0.146" in text and f"{logistic(8) - 0.01:.3f} at net 8" in text


def test_training_figure_and_its_alt_text(short_runs):
    runs = [short_runs[v] for v in ("tutorial", "bce")]
    fig = lp.training_figure(runs)
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels == [lp.VARIANTS["tutorial"].label, lp.VARIANTS["bce"].label]
    text = lp.describe_training(runs, checkpoints=(100, 300))
    e = short_runs["bce"].squared_errors
    assert f"{lp.VARIANTS['bce'].label}: from {e[0]:.3f} to {e[100]:.2e} after 100 updates, " \
           f"{e[300]:.2e} after 300 updates." in text


@pytest.mark.slow
def test_figures_are_byte_reproducible():
    assert svg(lp.activation_figure()) == svg(lp.activation_figure())
    assert svg(lp.loss_figure(mark=0.75)) == svg(lp.loss_figure(mark=0.75))


# -- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize("call, message", [
    (lambda: lp.values("sigmoid"), "variant must be one of 'tutorial', 'bce'"),
    (lambda: lp.activation_lines("softmax"), "name must be one of 'logistic', 'tanh'"),
    (lambda: lp.slope("tanh", neuron="i1"), "neuron must be one of 'h1', 'h2', 'o1', 'o2'"),
    (lambda: lp.activation_check("relu", nets=(float("nan"),)), "nets must be a finite"),
    (lambda: lp.loss_check("huber", [(1.0, "x")]), "target must be a finite real number"),
    (lambda: lp.sympy_gradient("bce", "w9"), "weight must be one of 'w1'"),
    (lambda: lp.comparison_table(["bce"], keys=("out_o3",)), "keys must be names"),
    (lambda: lp.train_variant("bce", 10, 0), "eta must be a finite number greater than 0"),
    (lambda: lp.train_variant("bce", -1, 0.5), "updates must be a whole number >= 0"),
    (lambda: lp.training_table([]), "runs must be a non-empty list of Run"),
    (lambda: lp.updates_below([0.1], -1), "level must be a finite number greater than 0"),
    (lambda: lp.loss_figure(target=1.5), r"target must lie in \[0, 1\]"),
    (lambda: lp.loss_figure(delta=0), "delta must be a finite number greater than 0"),
    (lambda: lp.loss_figure(mark=5.0), r"mark must lie in \[-0.5, 2.0\]"),
    (lambda: lp.activation_figure(low=1.0), "low and high must satisfy low < 0 < high"),
    (lambda: lp.delta_figure(target=-0.1), r"target must lie in \[0, 1\]"),
])
def test_bad_input_raises_value_error_naming_the_parameter(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_training_table_refuses_checkpoints_beyond_the_run(short_runs):
    with pytest.raises(ValueError,
                       match=r"checkpoints must be a whole number in \[0, 300\], got 1000"):
        lp.training_table([short_runs["tutorial"]], checkpoints=(1000,))


def test_training_figure_stops_at_the_rounding_floor():
    # Below the floor E_total is the square of last-bit rounding: it must not move the figure.
    import dataclasses
    from backprop.display.figures import Image
    run = lp.train_variant("bce", 300, 0.5)
    noisy = dataclasses.replace(run, squared_errors=np.where(
        run.squared_errors < lp.ROUNDING_FLOOR, run.squared_errors * 0.7, run.squared_errors))
    assert Image(lp.training_figure([run]), "").svg == Image(lp.training_figure([noisy]), "").svg


def test_describe_losses_gives_cross_entropy_its_floor_at_the_target():
    # Binary cross-entropy at out = t = 0.01 is the target's entropy, not 0.
    entropy = -(0.01 * math.log(0.01) + 0.99 * math.log(0.99))
    text = lp.describe_losses(target=0.01)
    assert (f"At out = 0.01 every slope is 0; squared error and Huber are 0 there, while "
            f"binary cross-entropy is {entropy:.4f}, the least it can be for this target."
            in text)
    assert "0.0560" in text
    assert f"binary cross-entropy is {math.log(2):.4f}, the least" in lp.describe_losses(
        target=0.5)


# -- the prose's numbers ---------------------------------------------------------------------


def test_walkthrough_facts_name_each_variants_numbers():
    facts = lp.walkthrough_facts()
    assert len(facts) == len(lp.SHORT_NAMES) * len(lp.PROSE_KEYS) + 6
    assert f"{facts['tut_out_o1']:.9f}" == "0.751365070"  # the tutorial's published out_o1
    assert f"{facts['soft_delta_o2']:.9f}" == "-0.460281212"
    assert facts["hub_out_o1"] == facts["soft_net_o1"]  # identity output: out = net
    assert (facts["t_sum"], facts["eta"], facts["w5"], facts["w7"]) == (1.0, 0.5, 0.4, 0.5)


def test_slope_facts_are_the_logistic_slope_and_the_losses_derivatives():
    o = lp.values("tutorial")["out_o1"]
    facts = {**lp.output_slope_facts(lp.values("tutorial")),
             **lp.bce_slope_facts(lp.values("tutorial")), **lp.saturated_slope_facts()}
    assert facts["tut_slope_o1"] == pytest.approx(o * (1 - o), abs=1e-15)
    assert facts["bce_slope_o1"] == pytest.approx((o - EX.t1) / (o * (1 - o)), abs=1e-12)
    assert facts["se_slope_o1"] == pytest.approx(o - EX.t1, abs=1e-15)
    assert f"{facts['slope_ratio']:.6f}" == f"{facts['inverse_slope']:.6f}" == "5.352872"
    assert (f"{facts['bce_slope_099']:.2f}", f"{facts['se_slope_099']:.2f}",
            facts["se_slope_1"]) == ("98.99", "0.98", pytest.approx(0.99, abs=1e-15))


def test_delta_peak_facts_give_the_figures_numbers():
    facts = lp.delta_peak_facts()
    assert (f"{facts['peak']:.3f}", f"{facts['peak_net']:.2f}", facts["far"]) == (
        "0.146", "0.70", 8.0)
    assert facts["bce_far"] == pytest.approx(logistic(8.0) - EX.t1, abs=1e-15)
    assert facts["one_minus_t1"] == pytest.approx(0.99, abs=1e-15)


def test_activation_facts_are_the_slopes():
    tut, tanh = lp.values("tutorial"), lp.values("tanh")
    facts = {**lp.activation_edge_facts(), **lp.tanh_slope_facts(tut, tanh),
             **lp.loss_floor_facts(), **lp.huber_facts(lp.values("huber"))}
    assert facts["logistic_top"] == 0.25
    assert facts["tanh_edge"] == pytest.approx(1 - math.tanh(3.0) ** 2, abs=1e-15)
    assert facts["tanh_slope_h1"] == pytest.approx(1 - tanh["out_h1"] ** 2, abs=1e-15)
    assert f"{facts['tanh_ratio_h1']:.2f}" == "3.14" and facts["threshold"] == 1.0
    assert f"{facts['floor_bce']:.6f}" == "0.112003"
    assert f"{facts['miss_o2']:.9f}" == "0.234921404"


def test_training_facts_follow_the_runs(short_runs):
    facts = {**lp.training_facts(short_runs, 300), **lp.activation_gain_facts(short_runs, 300)}
    level = short_runs["tutorial"].squared_errors[300]
    assert facts["tut_E_end"] == level and facts["updates"] == 300
    for v in ("bce", "softmax", "huber"):
        below = [k for k, e in enumerate(short_runs[v].squared_errors) if e <= level]
        assert facts[f"reach_{v}"] == below[0]
    o = short_runs["tutorial"].outputs[0]
    assert facts["tut_shrink_end"] == pytest.approx(1 / (o * (1 - o)), rel=1e-12)
    for v in ("tanh", "relu"):
        assert facts[f"gain_{v}"] == level / short_runs[v].squared_errors[300]
