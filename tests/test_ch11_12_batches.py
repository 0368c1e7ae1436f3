"""Batches and depth: per-example gradients, the three regimes, shuffling, the matrix form,
and the decision-boundary pictures, each checked against an independent computation."""
import math

import numpy as np
import pytest
import sympy as sp
from matplotlib.colors import to_rgba

from backprop import (TUTORIAL_PARAMS as P, TUTORIAL_EXAMPLE as EX, Example, PUBLISHED,
                      backward, flat, forward, walkthrough)
from backprop.nn import datasets, gradcheck
from backprop.derive import symbolic
from backprop.chapters import ch11_12_batches as bp
from backprop.nn.mlp import MLP
from backprop.tutorial.published import check

from helpers import TOL, WHITE, lines, svg

X_XOR, T_XOR = datasets.xor()


@pytest.fixture(scope="module")
def moons():
    return datasets.moons(200, noise=0.1, seed=0)


@pytest.fixture(scope="module")
def runs():
    return bp.train_regimes(bp.tutorial_without_o2, X_XOR, T_XOR, 2.0, 60,
                            {"online": 1, "mini-batch": 2, "full batch": None})


@pytest.fixture(scope="module")
def circle_nets():
    X, T = datasets.circles(60, noise=0.05, factor=0.5, seed=0)
    return bp.train_networks([[2, 2, 1], [2, 3, 1]], X, T, 2.0, 20, batch_size=10), X, T


# -- names and the 2-2-1 network ---------------------------------------------------------------


def test_tutorial_without_o2_computes_the_tutorials_o1():
    net = bp.tutorial_without_o2()
    assert net.sizes == [2, 2, 1]
    assert net.W[0].tolist() == [[P.w1, P.w2], [P.w3, P.w4]]
    assert net.W[1].tolist() == [[P.w5, P.w6]]
    assert net.b[0].tolist() == [P.b1, P.b1] and net.b[1].tolist() == [P.b2]
    f = forward(P, EX)
    out = net.predict([[EX.i1, EX.i2]])[0, 0]
    assert out == pytest.approx(f.out_o1, rel=TOL)  # o2 never fed o1


def test_parameter_labels_follow_the_tutorials_edges():
    labels = bp.parameter_labels(MLP.from_tutorial())
    slots = {name: (kind, l, index) for name, kind, l, index in labels}
    assert slots["w7"] == ("W", 1, (1, 0))  # w7: h1 -> o2, row o2, column h1
    assert slots["w2"] == ("W", 0, (0, 1))  # w2: i2 -> h1
    assert slots["b_o2"] == ("b", 1, (1,))
    assert [n for n, *_ in bp.parameter_labels(bp.tutorial_without_o2())] == \
        ["w1", "w2", "w3", "w4", "b_h1", "b_h2", "w5", "w6", "b_o1"]
    assert [n for n, *_ in bp.parameter_labels(MLP.random([2, 1], "logistic"))] == \
        ["w1", "w2", "b"]
    generic = [n for n, *_ in bp.parameter_labels(MLP.random([3, 2, 1], "logistic"))]
    assert generic[:3] == ["W1[1,1]", "W1[1,2]", "W1[1,3]"] and generic[-1] == "b2[1]"
    assert len(generic) == 3 * 2 + 2 + 2 + 1


# -- the gradient of a batch -----------------------------------------------------------------


def test_per_example_gradients_are_the_scalar_engines_and_leave_net_alone():
    # Independent: the scalar engine's backward pass, one example at a time.
    X = np.array([[0.05, 0.10], [0.9, -0.3], [-0.5, 0.4]])
    T = np.array([[0.01, 0.99], [0.5, 0.2], [1.0, 0.0]])
    net = MLP.from_tutorial()
    singles = bp.per_example_gradients(net, X, T)
    assert net.grads is None
    for g, x, t in zip(singles, X, T):
        b = backward(P, Example(*x, *t))
        assert g.dE_dW[1][0, 0] == pytest.approx(b.output.dE_dw5, rel=TOL)
        assert g.dE_dW[0][1, 1] == pytest.approx(b.hidden.dE_dw4, rel=TOL)
        assert g.dE_db[0][0] == pytest.approx(b.hidden.delta_h1, rel=TOL)


def test_batch_gradient_is_the_mean_of_the_scalar_engines_gradients():
    X = np.array([[0.05, 0.10], [0.9, -0.3], [-0.5, 0.4], [0.2, 0.7]])
    T = np.array([[0.01, 0.99], [0.5, 0.2], [1.0, 0.0], [0.3, 0.6]])
    g = MLP.from_tutorial().backward(X, T)
    scalar = [backward(P, Example(*x, *t)).weight_gradients() for x, t in zip(X, T)]
    mean = np.mean(scalar, axis=0)
    mine = [*g.dE_dW[0].ravel(), *g.dE_dW[1].ravel()]
    assert np.allclose(mine, mean, rtol=TOL, atol=1e-17)
    assert bp.largest_mean_gap(MLP.from_tutorial(), X, T) <= TOL


def test_mean_check_table_shows_each_example_the_mean_and_a_passing_check():
    net = bp.tutorial_without_o2()
    table = bp.mean_check_table(net, X_XOR, T_XOR)
    assert table.header == ["parameter", "(0, 0)", "(0, 1)", "(1, 0)", "(1, 1)", "mean", "batch",
                            "agree to 1e-12"]
    assert len(table.rows) == 9 and all(r[-1] == "✓" for r in table.rows)
    w1 = table.rows[0]
    # dE/dw1 = delta_h1 * i1: nothing from the two examples whose i1 is 0
    assert w1[0] == "`w1`" and w1[1] == w1[2] == "0.00000"
    singles = [net.copy().backward(X_XOR[[n]], T_XOR[[n]]).dE_dW[1][0, 0] for n in range(4)]
    assert table.rows[6][5] == f"{np.mean(singles):.5f}"


def test_mean_check_table_refuses_the_sum_and_large_batches(moons):
    summed = MLP(bp.tutorial_without_o2().W, bp.tutorial_without_o2().b, "logistic",
                 reduction="sum")
    with pytest.raises(ValueError, match="^net must use reduction='mean'"):
        bp.mean_check_table(summed, X_XOR, T_XOR)
    with pytest.raises(ValueError, match=r"^X must hold 1 to 6 examples"):
        bp.mean_check_table(MLP.random([2, 8, 1], "logistic"), *moons)


def test_mean_rule_is_sympys_derivative_of_a_mean_and_of_a_sum():
    text = bp.mean_rule()
    assert text._repr_latex_().startswith("$\\displaystyle \\begin{aligned}")
    assert (r"= \frac{\sum_{n=1}^{N} \frac{\partial}{\partial w} E_{total}^{(n)}}{N}"
            in text)
    assert r"= \sum_{n=1}^{N} \frac{\partial}{\partial w} E_{total}^{(n)} && \text{(sum)}" in text


# -- one neuron on XOR -----------------------------------------------------------------------


def test_line_sum_of_a_single_neuron_is_zero_for_any_weights():
    text = bp.line_sum_lines()
    assert r"net(1, 1) &= b + w_{1} + w_{2}" in text
    assert text.rstrip().endswith(
        "net(0, 1) + net(1, 0) - net(0, 0) - net(1, 1) &= 0\n\\end{aligned}")


def test_single_neuron_derivatives_vanish_where_every_output_is_one_half():
    text = bp.single_neuron_lines(X_XOR, T_XOR)
    assert text.rstrip().endswith(
        r"\text{at } w_{1} = w_{2} = b = 0: \quad & \frac{\partial E}{\partial w_{1}} = 0,"
        r"\quad \frac{\partial E}{\partial w_{2}} = 0,\quad \frac{\partial E}{\partial b} = 0"
        "\n\\end{aligned}")
    assert r"out_{(x_1,x_2)} &= \sigma(w_1 x_1 + w_2 x_2 + b)" in text
    assert r"E &= \frac{out_{(0,0)}^{2}}{8}" in text
    zero = MLP([[[0.0, 0.0]]], [[0.0]], "logistic")
    g = zero.backward(X_XOR, T_XOR)
    assert g.dE_dW[0].tolist() == [[0.0, 0.0]] and g.dE_db[0].tolist() == [0.0]
    assert g.error == 0.125


def test_single_neuron_check_agrees_with_the_engine_and_finite_differences():
    net = MLP.random([2, 1], "logistic", seed=0)
    table = bp.single_neuron_check(net, X_XOR, T_XOR)
    assert [r[0] for r in table.rows] == ["`dE_dw1`", "`dE_dw2`", "`dE_db`"]
    assert all(r[-1] == "✓ below 1e-12" for r in table.rows)
    numerical = dict(gradcheck.numerical_gradients(net, X_XOR, T_XOR))
    assert float(table.rows[0][1]) == pytest.approx(numerical["W1"][0, 0], abs=1e-9)
    assert float(table.rows[2][1]) == pytest.approx(numerical["b1"][0], abs=1e-9)


def test_single_neuron_check_refuses_other_networks():
    with pytest.raises(ValueError, match=r"^net must be one logistic neuron"):
        bp.single_neuron_check(bp.tutorial_without_o2(), X_XOR, T_XOR)


def test_single_neurons_best_on_the_grid_is_one_eighth():
    assert bp.single_neuron_grid_min(X_XOR, T_XOR, 20, 21) == 0.125
    # an even count leaves 0 off the grid: every setting is then strictly worse
    assert bp.single_neuron_grid_min(X_XOR, T_XOR, 20, 20) > 0.125
    with pytest.raises(ValueError, match="^span must be a finite number greater than 0"):
        bp.single_neuron_grid_min(X_XOR, T_XOR, -1)


def test_training_one_neuron_ends_where_it_answers_one_half():
    net = MLP.random([2, 1], "logistic", seed=0)
    history = net.train(X_XOR, T_XOR, 2.0, 3000)
    assert history.epochs[-1] == pytest.approx(0.125, abs=1e-9)
    assert np.allclose(net.predict(X_XOR), 0.5, atol=1e-6)


def test_examples_and_outputs_tables():
    assert str(bp.examples_table(X_XOR, T_XOR)).splitlines()[2] == "| 1 | 0 | 0 | 0 |"
    net = bp.tutorial_without_o2()
    table = bp.outputs_table({"start": net}, X_XOR, T_XOR)
    assert table.header == ["inputs", "target", "out, start"]
    assert table.rows[0] == ["(0, 0)", "0", f"{net.predict(X_XOR[:1])[0, 0]:.4f}"]


# -- mean against sum --------------------------------------------------------------------------


def test_gradient_lengths_sum_is_b_times_the_mean(moons):
    X, T = moons
    net = MLP.random([2, 8, 1], "logistic", seed=0)
    found = bp.gradient_lengths(net, X, T, [1, 10, 200])
    for B, mean, total in found:
        assert total == pytest.approx(B * mean, rel=TOL)
    # independent: the full batch's mean gradient, by finite differences
    numerical = gradcheck.numerical_gradients(net, X, T)
    length = math.sqrt(sum(float(np.sum(g ** 2)) for _, g in numerical))
    assert found[-1][1] == pytest.approx(length, rel=1e-7)
    table = bp.gradient_lengths_table(found)
    assert table.rows[1][3] == "10.000000"


def test_first_step_with_the_sum_is_a_step_b_times_longer(moons):
    X, T = moons
    net = MLP.random([2, 8, 1], "logistic", seed=0)
    steps = bp.first_step(net, X, T, 0.5)
    assert steps["before"][0] == net.error(X, T)
    longer = net.copy()
    longer.train(X, T, 0.5 * len(X), 1)  # independent: the mean with eta times N
    assert steps["sum"][0] == pytest.approx(longer.error(X, T), rel=TOL)
    assert steps["sum"][1] == pytest.approx(longer.predict(X).min(), rel=TOL)
    assert steps["mean"][0] < steps["before"][0] < steps["sum"][0]
    assert bp.first_step_table(steps).rows[0][1] == f"{steps['before'][0]:#.4g}"


@pytest.mark.parametrize("reduction", ["mean", "sum"])
def test_one_example_update_is_the_tutorials_update(reduction):
    values = bp.one_example_update(reduction)
    reference = flat(walkthrough())
    for key, value in values.items():
        assert value == pytest.approx(reference[key], rel=TOL), key
    assert all(check(k, v)[1] == "matches" for k, v in values.items()
               if k != "E_after_1_update")
    assert bp.one_example_update("sum") == bp.one_example_update("mean")


# -- three regimes --------------------------------------------------------------------------


def test_train_regimes_are_the_engines_runs(runs):
    assert [r.updates_per_epoch for r in runs.values()] == [4, 2, 1]
    assert [r.batch_size for r in runs.values()] == [1, 2, 4]
    for run, size in zip(runs.values(), (1, 2, None)):
        net = bp.tutorial_without_o2()
        history = net.train(X_XOR, T_XOR, 2.0, 60, batch_size=size, seed=0)
        assert np.array_equal(run.history.epochs, history.epochs)
        assert len(run.history.updates) == 60 * run.updates_per_epoch
        assert all(np.array_equal(a, b) for a, b in zip(run.net.W, net.W))


def test_epochs_to_reach():
    assert bp.epochs_to_reach([0.3, 0.2, 0.1, 0.05], 0.1) == 2
    assert bp.epochs_to_reach([0.3, 0.2], 0.1) is None
    with pytest.raises(ValueError, match="^level must be a finite number greater than 0"):
        bp.epochs_to_reach([0.3], 0)


def test_regime_table_counts_epochs_and_updates(runs):
    table = bp.regime_table(runs, X_XOR, T_XOR, 0.13)
    for row, run in zip(table.rows, runs.values()):
        k = bp.epochs_to_reach(run.history.epochs, 0.13)
        assert row[:5] == [run.label, f"{run.batch_size}", f"{run.updates_per_epoch}",
                           f"{k:,}", f"{k * run.updates_per_epoch:,}"]
        assert row[5] == f"{run.history.epochs[-1]:#.4g}"
    assert bp.regime_table(runs, X_XOR, T_XOR, 1e-9).rows[0][3] == "never"


@pytest.mark.slow  # over 1.5 s: make check stays under a minute
def test_regime_figure_draws_the_same_errors_on_both_axes(runs):
    fig = bp.regime_figure(runs, 0.125, "one neuron")
    top, bottom = fig.axes
    for i, run in enumerate(runs.values()):
        (a,), (b,) = lines(top, f"epochs-{i}"), lines(bottom, f"updates-{i}")
        assert np.array_equal(a.get_ydata(), b.get_ydata())
        assert np.array_equal(b.get_xdata(), a.get_xdata() * run.updates_per_epoch)
        assert np.array_equal(a.get_ydata(), run.history.epochs[a.get_xdata()])
    assert len(lines(top, "reference")) == 1 and top.get_yscale() == "log"
    assert to_rgba(fig.get_facecolor()) == WHITE
    assert svg(fig) == svg(bp.regime_figure(runs, 0.125, "one neuron"))


def test_describe_regime_figure_says_when_each_run_gets_there(runs):
    text = bp.describe_regime_figure(runs, 0.13, 0.125, "one neuron")
    online = runs["online"]
    k = bp.epochs_to_reach(online.history.epochs, 0.13)
    assert f"first reaches 0.13 after {k:,} epochs, which is {4 * k:,} updates" in text
    assert "(1 update per epoch)" in text and "(one neuron)" in text


# -- shuffling ---------------------------------------------------------------------------------


@pytest.mark.parametrize("shuffle, batch_size", [(True, 1), (False, 1), (True, 3)])
def test_error_trace_makes_the_engines_updates(moons, shuffle, batch_size):
    X, T = moons[0][:30], moons[1][:30]
    traced = MLP.random([2, 4, 1], "logistic", seed=2)
    trace = bp.error_trace(traced, X, T, 0.5, 2, batch_size=batch_size, shuffle=shuffle,
                           seed=5)
    trained = MLP.random([2, 4, 1], "logistic", seed=2)
    history = trained.train(X, T, 0.5, 2, batch_size=batch_size, shuffle=shuffle, seed=5)
    per_epoch = math.ceil(30 / batch_size)
    assert len(trace) == 2 * per_epoch + 1
    assert np.array_equal(trace[::per_epoch], history.epochs)
    assert all(np.array_equal(a, b) for a, b in zip(traced.W + traced.b, trained.W + trained.b))


def test_label_blocks_find_the_sorted_classes(moons):
    assert bp.label_blocks(moons[1]) == [(0, 100, 0), (100, 200, 1)]
    assert bp.label_blocks(T_XOR) == [(0, 1, 0), (1, 3, 1), (3, 4, 0)]


def test_trace_figure_shades_the_class_1_rows_of_every_epoch(moons):
    X, T = moons
    traces = {"a": np.linspace(0.2, 0.1, 401), "b": np.full(401, 0.15)}
    fig = bp.trace_figure(traces, T)
    ax = fig.axes[0]
    spans = [p for p in ax.patches if (p.get_gid() or "").startswith("class-1")]
    assert len(spans) == 2
    assert list(ax.get_xticks()) == [0, 200, 400]
    (a,) = lines(ax, "trace-0")
    assert np.array_equal(a.get_ydata(), traces["a"])
    text = bp.describe_trace_figure(traces, T)
    assert "after each of 400 online updates" in text
    assert "a: starts at 0.200 and ends at 0.100" in text
    assert "0.150 to 0.200, 0.100 to 0.150" in text


def test_shuffle_table_rows_are_the_engines_runs(moons):
    X, T = moons[0][::4], moons[1][::4]
    make = lambda: MLP.random([2, 3, 1], "logistic", seed=0)
    table = bp.shuffle_table(make, X, T, 0.5, 3, seeds=[0, 7])
    assert [r[0] for r in table.rows] == ["file order, every epoch", "shuffled, seed 0",
                                          "shuffled, seed 7"]
    net = make()
    h = net.train(X, T, 0.5, 3, batch_size=1, shuffle=True, seed=7)
    assert table.rows[2][1:] == [f"{h.epochs[1]:#.4g}", f"{h.epochs[-1]:#.4g}",
                                 f"{net.accuracy(X, T):.1%}"]


# -- the matrix form ---------------------------------------------------------------------------


def test_matrix_lines_carry_the_tutorials_hidden_delta():
    text = bp.matrix_lines()
    assert (r"W_2^T \delta_o &= \left[\begin{matrix}w_{5} & w_{7}\\w_{6} & w_{8}\end{matrix}"
            r"\right]") in text
    assert r"\delta_{o1} w_{5} + \delta_{o2} w_{7}\\\delta_{o1} w_{6} + \delta_{o2} w_{8}" in text
    assert r"\delta_{o1} out_{h1} & \delta_{o1} out_{h2}" in text


def test_matrix_form_equals_the_tutorials_chain_rule_for_every_entry():
    table = bp.matrix_vs_chain()
    assert len(table.rows) == 4 + 8
    assert all(r[2] == "0" for r in table.rows)
    assert table.rows[2][:2] == ["`delta_h1`", r"entry 1 of $\delta_h$"]
    # w7: h1 -> o2, so row o2, column h1
    assert table.rows[10][:2] == [
        "`dE_dw7`", r"row 2, column 1 of $\partial E_{total} / \partial W_2$"]


def test_matrix_vs_chain_would_catch_a_wrong_weight():
    # Independent of the table: with w6 where w7 belongs, the hidden delta differs.
    from backprop.derive import symbolic as s
    m = bp._matrix_form()
    wrong = m["delta_h_value"][0].xreplace({s.w7: s.w6})
    at = dict(zip(s.BASE, np.random.default_rng(3).uniform(0.1, 0.9, len(s.BASE))))
    difference = s.expanded(wrong - s.DEFINITIONS[s.delta_h1]).subs(at)
    assert abs(float(difference.rewrite(sp.exp).evalf())) > 1e-6


def test_tutorial_table_agrees_with_the_scalar_engine():
    table = bp.tutorial_table()
    assert len(table.rows) == 8 + 1 + 4 + 8
    assert all(r[-1] == "✓" for r in table.rows)
    row = {r[0]: r for r in table.rows}
    assert row["`delta_o1`"][1:4] == ["0.138498562", "0.138498562", "0.138498562"]
    sympy = bp._sympy_values()  # SymPy's matrix form against symbolic's own chain rule
    assert sympy["dE_dw1"] == pytest.approx(symbolic.derivative_value("w1", P, EX), rel=TOL)
    assert sympy["out_o2"] == pytest.approx(forward(P, EX).out_o2, rel=TOL)


def test_engine_slot_points_at_the_value():
    g = MLP.from_tutorial().backward(*datasets.tutorial())
    b = backward(P, EX)
    assert bp.engine_slot("delta_o1") == "g.deltas[1][0, 0]"
    assert bp.engine_slot("dE_dw7") == "g.dE_dW[1][1, 0]"  # w7: h1 -> o2
    assert bp.engine_slot("out_h2") == "g.forward.outs[0][0, 1]"
    for name, value in (("delta_o1", b.output.delta_o1), ("dE_dw7", b.output.dE_dw7),
                        ("out_h2", b.fwd.out_h2), ("E_total", b.fwd.E_total)):
        assert eval(bp.engine_slot(name), {"g": g}) == pytest.approx(value, rel=TOL)
    with pytest.raises(ValueError, match="^name must be one of net_h1"):
        bp.engine_slot("w5")


def test_matrix_form_published_matches_every_printed_digit():
    values = bp.matrix_form_published()
    assert len(values) == 20
    for key, value in values.items():
        assert PUBLISHED[key].matches(value), key


def test_gradcheck_table(moons):
    net = MLP.random([2, 8, 8, 1], "logistic", seed=0)
    table = bp.gradcheck_table(gradcheck.check(net, *moons))
    assert [r[:2] for r in table.rows] == [["`W1`", "8 × 2"], ["`b1`", "8"], ["`W2`", "8 × 8"],
                                           ["`b2`", "8"], ["`W3`", "1 × 8"], ["`b3`", "1"]]
    assert all(r[2] == "✓ below 1e-7" for r in table.rows)


def test_shapes_table_and_parameter_count():
    net = MLP.random([2, 8, 8, 1], "logistic")
    assert bp.parameter_count(net) == 2 * 8 + 8 + 8 * 8 + 8 + 8 + 1
    assert bp.parameter_count(MLP.from_tutorial()) == 12
    rows = bp.shapes_table(net, 10).rows
    assert rows[1] == ["2", "8 → 8", "8 × 8", "8", "10 × 8", "8 × 8"]


# -- what a network draws ----------------------------------------------------------------------


def test_decision_grid_is_the_networks_output_at_each_point():
    net = MLP.random([2, 3, 1], "logistic", seed=4)
    xs, ys, Z = bp.decision_grid(net, (-1, 2), (0, 1), steps=5)
    assert xs.tolist() == [-1, -0.25, 0.5, 1.25, 2] and ys.tolist() == [0, 0.25, 0.5, 0.75, 1]
    assert Z[3, 1] == pytest.approx(net.predict([[xs[1], ys[3]]])[0, 0], rel=TOL)


def test_first_layer_lines_are_where_each_net_input_is_zero():
    net = MLP.random([2, 3, 1], "logistic", seed=4)
    net.b[0] = np.array([0.3, -0.2, 0.1])
    for j, (a, b, c) in enumerate(bp.first_layer_lines(net)):
        x = 0.7
        y = -(a * x + c) / b
        assert net.forward([[x, y]]).nets[0][0, j] == pytest.approx(0, abs=1e-12)


def test_plot_limits():
    assert bp.plot_limits(X_XOR, 0.5) == ((-0.5, 1.5), (-0.5, 1.5))


def test_train_networks_and_networks_table(circle_nets):
    nets, X, T = circle_nets
    assert list(nets) == ["2-2-1", "2-3-1"]
    again = MLP.random([2, 3, 1], "logistic", seed=0)
    again.train(X, T, 2.0, 20, batch_size=10, seed=0)
    assert all(np.array_equal(a, b) for a, b in zip(again.W, nets["2-3-1"].W))
    rows = bp.networks_table(nets, X, T).rows
    assert rows[1] == ["2-3-1", "1", "13", f"{again.error(X, T):#.4g}",
                       f"{again.accuracy(X, T):.1%}"]


def test_decision_figure_panels_and_reproducible_svg(circle_nets):
    nets, X, T = circle_nets
    fig = bp.decision_figure(nets, X, T, steps=40)
    assert len(fig.axes) == 2
    assert [ax.get_title() for ax in fig.axes] == [
        f"{name}\naccuracy {net.accuracy(X, T):.1%}" for name, net in nets.items()]
    assert len(lines(fig.axes[1], "line-1")) == 3  # one dashed line per first-layer neuron
    assert to_rgba(fig.get_facecolor()) == WHITE
    assert svg(fig) == svg(bp.decision_figure(nets, X, T, steps=40))


def test_describe_decision_figure_tells_closed_from_open_regions():
    X, T = datasets.circles(40, noise=0.0, factor=0.5, seed=0)
    # out = sigma(4 - 8 (x^2 + y^2)) cannot be built exactly, so use two hand-made nets:
    # a half-plane (open) and a narrow bump around the origin from four lines (closed).
    half = MLP([[[1.0, 0.0]], [[10.0]]], [[0.0], [0.0]], "logistic")
    bump = MLP([[[1.0, 0.0], [-1.0, 0.0], [0.0, 1.0], [0.0, -1.0]], [[10.0] * 4]],
               [[1.0] * 4, [-35.0]], "logistic")
    text = bp.describe_decision_figure({"half": half, "bump": bump}, X, T, steps=41)
    assert text.startswith("2 pictures of the plane side by side, each with the 40 data")
    assert "half: 1 dashed first-layer lines" in text
    assert "a region that reaches the edge of the picture. bump" in text
    assert text.endswith("a region that is closed, not touching the edge of the picture.")


# -- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize("call, message", [
    (lambda: bp.parameter_labels("net"), "^net must be a backprop.nn.mlp.MLP"),
    (lambda: bp.per_example_gradients(bp.tutorial_without_o2(), [[1, 2, 3]], [[0]]),
     r"^X must have shape \(examples, 2\)"),
    (lambda: bp.gradient_lengths(bp.tutorial_without_o2(), X_XOR, T_XOR, [5]),
     r"^batch_sizes must be a whole number in \[1, 4\]"),
    (lambda: bp.one_example_update("median"), "^reduction must be one of"),
    (lambda: bp.train_regimes(bp.tutorial_without_o2, X_XOR, T_XOR, 1, 1, [1, 2]),
     "^batch_sizes must map 1 to 6 labels"),
    (lambda: bp.regime_table({}, X_XOR, T_XOR, 0.1), "^runs must be a non-empty"),
    (lambda: bp.error_trace(bp.tutorial_without_o2(), X_XOR, T_XOR, 1, 1, batch_size=5),
     r"^batch_size must be a whole number in \[1, 4\]"),
    (lambda: bp.error_trace(bp.tutorial_without_o2(), X_XOR, T_XOR, -1, 1),
     "^eta must be a finite number greater than 0"),
    (lambda: bp.trace_figure({"a": [0.1]}, T_XOR), r"^traces\['a'\] must be a 1-D sequence"),
    (lambda: bp.shuffle_table(bp.tutorial_without_o2, X_XOR, T_XOR, 1, 1, [-1]),
     "^seeds must be a whole number >= 0"),
    (lambda: bp.gradcheck_table(None, tol=0), "^tol must be a finite number greater than 0"),
    (lambda: bp.plot_limits(X_XOR, -1), "^margin must be a finite number >= 0"),
    (lambda: bp.decision_grid(MLP.from_tutorial(), (0, 1), (0, 1)),
     r"^net must take 2 inputs and give 1 output"),
    (lambda: bp.decision_grid(bp.tutorial_without_o2(), (1, 0), (0, 1)),
     "^xlim and ylim must each be"),
    (lambda: bp.decision_grid(bp.tutorial_without_o2(), (0, 1), (0, 1), steps=1),
     "^steps must be a whole number >= 2"),
    (lambda: bp.train_networks([], X_XOR, T_XOR, 1, 1), "^shapes must be a non-empty list"),
    (lambda: bp.networks_table({}, X_XOR, T_XOR), "^nets must be a non-empty"),
    (lambda: bp.decision_figure({}, X_XOR, T_XOR), "^panels must map 1 to 4 titles"),
    (lambda: bp.shapes_table(bp.tutorial_without_o2(), 0), "^examples must be a whole number"),
    (lambda: bp.outputs_table({}, X_XOR, T_XOR), "^nets must be a non-empty"),
])
def test_bad_input_raises_value_error_naming_the_parameter(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# -- the numbers in the text -------------------------------------------------------------------


def test_example_and_start_facts_are_the_tutorials_example_and_xors_start():
    assert bp.example_facts() == {"ex_i1": 0.05, "ex_i2": 0.10, "ex_t1": 0.01, "ex_t2": 0.99}
    facts = bp.start_facts(bp.tutorial_without_o2(), X_XOR, T_XOR)
    assert facts["n_xor"] == 4 and f"{facts['E_start']:.4f}" == "0.1583"


def test_single_neuron_facts_read_its_run_and_the_grid():
    net = MLP.random([2, 1], "logistic", seed=0)
    history = net.train(X_XOR, T_XOR, 2.0, 3000)
    facts = bp.single_neuron_facts(history, X_XOR, T_XOR, 2.0, 3000)
    assert (facts["eta_ratio"], facts["grid_count"], facts["grid_low"], facts["grid_high"]) \
        == (4.0, 531_441, -20, 20)
    assert [f"{facts[k]:.4f}" for k in ("single_E0", "single_E", "grid_min")] \
        == ["0.1293", "0.1250", "0.1250"]


def test_first_step_and_trace_facts_pick_their_numbers():
    steps = {"before": (0.3, 0.1, 0.9), "mean": (0.2, 0.1, 0.9), "sum": (0.25, 0.99, 1.0)}
    assert bp.first_step_facts(steps, 0.5) == {"tutorial_eta": 0.5, "step_before": 0.3,
                                               "step_mean": 0.2, "step_sum": 0.25,
                                               "step_sum_low": 0.99}
    T = np.array([[0.0], [0.0], [0.0], [1.0]])
    assert bp.trace_facts(T, 3) == {"class0_rows": 3, "class1_rows": 1, "trace_epochs": 3}


def test_plateau_facts_start_from_the_tutorials_w5_and_w6():
    facts = bp.plateau_facts(X_XOR, T_XOR, 2.0)
    assert (facts["start_w5"], facts["start_w6"], facts["plateau_epochs"]) == (P.w5, P.w6, 100)
    assert (f"{facts['plateau_w5']:.2f}", f"{facts['plateau_w6']:.2f}") == ("0.01", "0.06")


def test_regime_facts_count_updates_as_epochs_times_batches(runs):
    level = 0.2
    facts = bp.regime_facts(runs, level)
    for label, key, per_epoch in (("online", "online", 4), ("mini-batch", "mini_batch", 2),
                                  ("full batch", "full_batch", 1)):
        reached = int(np.argmax(runs[label].history.epochs <= level))
        assert (facts[f"{key}_epochs"], facts[f"{key}_updates"]) == (reached, reached * per_epoch)
    assert facts["level"] == level and len(facts) == 7


def test_one_example_facts_find_mean_and_sum_equal_for_one_example():
    assert bp.one_example_facts() == {"n_checked": 12, "n_same": 12}


def test_parameter_and_accuracy_facts(circle_nets):
    assert bp.parameter_facts(MLP.random([2, 8, 8, 1], "logistic", seed=0)) \
        == {"deep_params": 2 * 8 + 8 + 8 * 8 + 8 + 8 + 1, "tutorial_params": 10}
    nets, X, T = circle_nets
    facts = bp.accuracy_facts(nets, X, T)
    assert set(facts) == {"acc_2_2_1", "acc_2_3_1"}
    net = nets["2-3-1"]
    assert facts["acc_2_3_1"] == np.mean((net.predict(X)[:, 0] >= 0.5) == (T[:, 0] >= 0.5))
