"""Biases that learn: derivatives as math, bias histories, the figure, alt text and tables."""
import math

import numpy as np
import pytest

from backprop import (BIASES, BIAS_SLOTS, TUTORIAL_PARAMS as P, TUTORIAL_EXAMPLE as EX,
                      TUTORIAL_ETA as ETA, backward, train, update)
from backprop.chapters import ch08_biases as bp
from backprop.display.error_histories import plot_indices

from helpers import WHITE, lines, svg

LABELS = {"frozen": "frozen", "shared": "shared", "per-neuron": "per neuron"}


@pytest.fixture(scope="module")
def runs():
    return {b: train(P, EX, ETA, 10_000, biases=b) for b in BIASES}


@pytest.fixture(scope="module")
def histories():
    return {LABELS[b]: bp.bias_history(P, EX, ETA, 10_000, b) for b in BIASES}


# -- the derivatives ----------------------------------------------------------------------


def test_net_input_lines_show_a_bias_as_a_weight_on_an_input_of_one():
    lines = bp.net_input_lines("h1").splitlines()
    assert lines[1:-1] == [r"net_{h1} &= b_{1} + i_{1} w_{1} + i_{2} w_{2} \\",
                           r"\frac{\partial net_{h1}}{\partial w_{1}} &= i_{1} \\",
                           r"\frac{\partial net_{h1}}{\partial w_{2}} &= i_{2} \\",
                           r"\frac{\partial net_{h1}}{\partial b_{1}} &= 1"]
    assert r"\frac{\partial net_{o2}}{\partial w_{7}} &= out_{h1}" in bp.net_input_lines("o2")


def test_gradient_lines_give_the_sum_of_deltas_for_shared_and_one_delta_per_neuron():
    lines = bp.gradient_lines(["b2", "b_o1"]).splitlines()
    assert lines[1].endswith(r"= \delta_{o1} + \delta_{o2} \\")
    assert lines[2] == (r"\frac{\partial E_{total}}{\partial b_{o1}} &= "
                        r"\frac{\partial E_{total}}{\partial net_{o1}} \cdot "
                        r"\frac{\partial net_{o1}}{\partial b_{o1}} = \delta_{o1}")
    assert bp.gradient_lines(["b1"])._repr_latex_().startswith("$\\displaystyle ")


def test_gradient_check_puts_sympy_beside_the_engines_deltas():
    table = bp.gradient_check(["b1", "b_h2", "b_o2"], P, EX)
    b = backward(P, EX)
    assert [r[0] for r in table.rows] == ["`dE_db1`", "`dE_db_h2`", "`dE_db_o2`"]
    assert [r[2] for r in table.rows] == [f"{b.dE_db1:.15f}", f"{b.hidden.delta_h2:.15f}",
                                          f"{b.output.delta_o2:.15f}"]
    for row in table.rows:
        assert abs(float(row[1]) - float(row[2])) < 1e-14
        assert row[3] == "0" or row[3].startswith("below 1e-1")


def test_gradient_check_works_once_the_biases_differ(runs):
    trained = runs["per-neuron"].params
    engine = dict(zip(BIAS_SLOTS, backward(trained, EX).bias_gradients()))
    table = bp.gradient_check(BIAS_SLOTS, trained, EX)
    assert [r[2] for r in table.rows] == [f"{engine[s]:.15f}" for s in BIAS_SLOTS]
    assert [math.isclose(float(r[1]), engine[s], rel_tol=0, abs_tol=1e-12)
            for r, s in zip(table.rows, BIAS_SLOTS)] == [True] * 4


@pytest.mark.parametrize("fn", [bp.gradient_lines,
                                lambda names: bp.gradient_check(names, P, EX)])
def test_bias_functions_refuse_names_that_are_not_biases(fn):
    with pytest.raises(ValueError, match=r"^names must be biases: b1, b2, b_h1.*'w5'"):
        fn(["w5"])


def test_net_input_lines_refuse_an_input_neuron():
    with pytest.raises(ValueError, match=r"^neuron must be one of 'h1', 'h2', 'o1', 'o2'"):
        bp.net_input_lines("i1")


# -- the runs -----------------------------------------------------------------------------


def test_trained_count_adds_two_shared_or_four_own_biases_to_eight_weights():
    assert [bp.trained_count(b) for b in BIASES] == [8, 10, 12]
    with pytest.raises(ValueError, match="^biases must be one of 'frozen', 'shared'"):
        bp.trained_count("none")


def test_squared_gradient_adds_the_square_of_each_moving_parameters_gradient():
    g = backward(P, EX).as_dict()
    weights = sum(g[f"dE_dw{i}"] ** 2 for i in range(1, 9))
    assert math.isclose(bp.squared_gradient(P, EX, "frozen"), weights, rel_tol=1e-15)
    assert math.isclose(bp.squared_gradient(P, EX, "shared"),
                        weights + g["dE_db1"] ** 2 + g["dE_db2"] ** 2, rel_tol=1e-15)
    own = sum(g[d] ** 2 for d in ("delta_h1", "delta_h2", "delta_o1", "delta_o2"))
    assert math.isclose(bp.squared_gradient(P, EX, "per-neuron"), weights + own,
                        rel_tol=1e-15)


def test_first_step_table_sets_the_first_order_drop_beside_the_actual_one():
    table = bp.first_step_table(P, EX, ETA)
    before = backward(P, EX).fwd.E_total
    for row, b in zip(table.rows, BIASES):
        actual = before - train(P, EX, ETA, 1, biases=b).errors[1]
        assert row[3] == f"{actual:.9f}"
        assert row[2] == f"{ETA * bp.squared_gradient(P, EX, b):.9f}"
        assert abs(float(row[2]) / actual - 1) < 0.05  # first order, so close, not equal
    assert [r[3] for r in table.rows] == sorted(r[3] for r in table.rows)  # more, faster


def test_first_step_table_refuses_a_learning_rate_that_is_not_positive():
    with pytest.raises(ValueError, match="^eta must be a finite number greater than 0"):
        bp.first_step_table(P, EX, -0.5)


def test_bias_terms_table_squares_the_sum_for_shared_and_sums_the_squares_for_own():
    b = backward(P, EX)
    h, o = b.hidden, b.output
    rows = bp.bias_terms_table(P, EX).rows
    assert rows[0][:3] == ["`b1`: `delta_h1`, `delta_h2`", f"{h.delta_h1:.9f}",
                           f"{h.delta_h2:.9f}"]
    assert rows[0][3:] == [f"{b.dE_db1 ** 2:.9f}", f"{h.delta_h1 ** 2 + h.delta_h2 ** 2:.9f}"]
    assert rows[1][3:] == [f"{b.dE_db2 ** 2:.9f}", f"{o.delta_o1 ** 2 + o.delta_o2 ** 2:.9f}"]
    # Same-sign hidden deltas favour the shared bias; opposite-sign output deltas do not.
    assert float(rows[0][3]) > float(rows[0][4]) and float(rows[1][3]) < float(rows[1][4])


def test_engine_reproduces_the_reference_runs(runs):
    # The reference notes' numbers (discrepancies.md), to the digits they give.
    shared, own = runs["shared"], runs["per-neuron"]
    assert f"{shared.errors[-1]:.9e}" == "4.355321066e-06"
    assert (f"{shared.final.out_o1:.9f}", f"{shared.final.out_o2:.9f}") == ("0.012102159",
                                                                           "0.987928390")
    assert f"{own.errors[-1]:.9e}" == "2.447562236e-06"
    assert (f"{own.final.out_o1:.9f}", f"{own.final.out_o2:.9f}") == ("0.011587527",
                                                                     "0.988458935")


def test_history_is_recorded_at_the_plotted_updates_and_ends_where_train_ends(runs, histories):
    for b in BIASES:
        h = histories[LABELS[b]]
        assert np.array_equal(h.updates, plot_indices(10_000))
        for s in BIAS_SLOTS:
            assert h.values[s][0] == getattr(P, s)
            assert h.values[s][-1] == getattr(runs[b].params, s)  # bit for bit


@pytest.mark.parametrize("biases", ["shared", "per-neuron"])
def test_history_matches_repeated_single_updates(biases):
    h = bp.bias_history(P, EX, ETA, 30, biases, points=8)
    p, by_hand = P, {0: P}
    for k in range(1, 31):
        p = update(p, EX, ETA, biases)
        by_hand[k] = p
    for j, k in enumerate(h.updates):
        for s in BIAS_SLOTS:
            assert math.isclose(h.values[s][j], getattr(by_hand[int(k)], s),
                                rel_tol=0, abs_tol=1e-12)


def test_frozen_history_stays_at_the_tutorials_biases(histories):
    h = histories["frozen"]
    assert set(h.values["b_h1"]) == {0.35} and set(h.values["b_o2"]) == {0.6}


@pytest.mark.parametrize("layer", ["hidden", "output"])
def test_deltas_table_gives_a_layers_deltas_and_their_sum_after_k_updates(layer):
    table = bp.deltas_table(P, EX, ETA, [0, 3, 20], "shared", layer)
    assert [r[0] for r in table.rows] == ["0", "3", "20"]
    shared = "b1" if layer == "hidden" else "b2"
    assert table.header[-1] == f"sum: `dE_d{shared}`"
    for row, k in zip(table.rows, (0, 3, 20)):
        b = backward(train(P, EX, ETA, k, biases="shared").params, EX)
        d1, d2 = b.bias_gradients()[:2] if layer == "hidden" else b.bias_gradients()[2:]
        total = b.dE_db1 if layer == "hidden" else b.dE_db2
        assert row[1:] == [f"{x:+.3e}" for x in (d1, d2, total)]


def test_deltas_table_refuses_update_counts_out_of_order_and_unknown_layers():
    with pytest.raises(ValueError, match="^updates must be increasing"):
        bp.deltas_table(P, EX, ETA, [10, 5], "shared", "output")
    with pytest.raises(ValueError, match="^updates must be a whole number"):
        bp.deltas_table(P, EX, ETA, [-1], "shared", "output")
    with pytest.raises(ValueError, match="^layer must be one of 'hidden', 'output'"):
        bp.deltas_table(P, EX, ETA, [0], "shared", "input")


def test_updates_to_reach_finds_the_first_update_at_or_below_the_level():
    e = [0.5, 0.3, 0.2, 0.2, 0.1]
    assert bp.updates_to_reach(e, 0.2) == 2
    assert bp.updates_to_reach(e, 0.25) == 2
    assert bp.updates_to_reach(e, 0.6) == 0
    assert bp.updates_to_reach(e, 0.05) is None


def test_updates_to_reach_refuses_a_level_that_is_not_positive():
    with pytest.raises(ValueError, match="^level must be a finite number greater than 0"):
        bp.updates_to_reach([0.5, 0.1], 0)


def test_per_neuron_run_reaches_the_frozen_runs_final_error_first(runs):
    level = runs["frozen"].errors[-1]
    k_shared = bp.updates_to_reach(runs["shared"].errors, level)
    k_own = bp.updates_to_reach(runs["per-neuron"].errors, level)
    assert k_own < k_shared < 10_000
    assert runs["per-neuron"].errors[k_own] <= level < runs["per-neuron"].errors[k_own - 1]


# -- the figure ---------------------------------------------------------------------------


def lines_by_gid(fig):
    return {l.get_gid(): l for l in lines(fig)}


def test_figure_draws_one_curve_per_shared_bias_and_two_per_layer_otherwise(histories):
    fig = bp.bias_figure(histories)
    assert sorted(lines_by_gid(fig)) == sorted([
        "b1-run-0-b1", "b1-run-1-b1", "b1-run-2-b_h1", "b1-run-2-b_h2",
        "b2-run-0-b2", "b2-run-1-b2", "b2-run-2-b_o1", "b2-run-2-b_o2"])


def test_figure_curves_are_the_recorded_bias_values(histories):
    drawn = lines_by_gid(bp.bias_figure(histories))
    h = histories["per neuron"]
    assert np.array_equal(drawn["b2-run-2-b_o1"].get_xdata(), h.updates)
    assert np.array_equal(drawn["b2-run-2-b_o1"].get_ydata(), h.values["b_o1"])
    assert np.array_equal(drawn["b1-run-1-b1"].get_ydata(), histories["shared"].values["b_h2"])


def test_figure_labels_each_curve_with_its_final_value_readably(histories):
    fig = bp.bias_figure(histories)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert texts == ["$b_{1}$ = 0.35", "$b_{1}$ = 2.32", "$b_{h1}$ = 1.00", "$b_{h2}$ = 0.98",
                     "$b_{2}$ = 0.60", "$b_{2}$ = -0.34", "$b_{o1}$ = -2.34",
                     "$b_{o2}$ = 2.17"]
    # Labels at least a little apart, even where two curves end close together.
    ys = sorted(t.get_position()[1] for t in fig.axes[0].texts)
    assert min(np.diff(ys)) > 0.1
    sizes = [t.get_fontsize() for ax in fig.axes
             for t in ax.texts + ax.get_xticklabels() + ax.get_yticklabels()]
    assert min(sizes) >= 10
    assert [t.get_text() for t in fig.legends[0].get_texts()] == list(histories)
    assert fig.get_facecolor() == WHITE


@pytest.mark.slow
def test_figure_svg_is_byte_reproducible(histories):
    assert svg(bp.bias_figure(histories)) == svg(bp.bias_figure(histories))


def test_alt_text_follows_each_bias_from_start_to_end(histories):
    alt = bp.describe_bias_figure(histories)
    assert alt.startswith("Two line charts of the bias values")
    assert "Hidden layer. frozen: b1 stays at 0.350;" in alt
    assert ("shared: b1 starts at 0.350, dips to 0.319 after 6 updates, then rises to "
            "2.324") in alt
    assert ("per neuron: b_o1 falls from 0.600 to -2.341 and b_o2 rises from 0.600 to "
            "2.166.") in alt


@pytest.mark.parametrize("bad", [{}, [], {"x": 1}])
def test_figure_refuses_anything_but_labelled_histories(bad):
    with pytest.raises(ValueError, match=r"^histories"):
        bp.bias_figure(bad)


def test_spread_moves_close_labels_apart_and_leaves_far_ones():
    assert list(bp._spread([1.0, 0.98, 0.35], 0.1)) == [pytest.approx(1.08), 0.98, 0.35]


# -- the tables ---------------------------------------------------------------------------


def test_runs_table_gives_each_runs_count_errors_and_outputs(runs):
    table = bp.runs_table(runs)
    assert table.header[2] == "E_total after 10,000 updates"
    assert [r[0] for r in table.rows] == ["`frozen`", "`shared`", "`per-neuron`"]
    assert table.rows[1][1:] == ["0.285750887", "0.00000435532", "0.012102159",
                                 "0.987928390"]
    assert table.rows[2][2] == "0.00000244756"


def test_runs_table_refuses_unknown_options_and_unequal_runs(runs):
    with pytest.raises(ValueError, match="^biases must be one of"):
        bp.runs_table({"some": runs["frozen"]})
    short = train(P, EX, ETA, 10, biases="shared")
    with pytest.raises(ValueError, match="same number of updates"):
        bp.runs_table({"frozen": runs["frozen"], "shared": short})


def test_final_biases_table_starts_from_the_tutorial_and_ends_with_each_run(runs):
    table = bp.final_biases_table(P, runs)
    assert table.rows[0] == ["at the start", "0.350000000", "0.350000000", "0.600000000",
                             "0.600000000"]
    assert table.rows[2][0] == "after 10,000 updates, `shared`"
    assert table.rows[2][1] == table.rows[2][2] == f"{runs['shared'].params.b_h1:.9f}"
    assert table.rows[3][3:] == [f"{runs['per-neuron'].params.b_o1:.9f}",
                                 f"{runs['per-neuron'].params.b_o2:.9f}"]


def test_published_by_run_is_the_published_comparison_on_its_side(runs):
    from backprop.chapters.ch06_training import published_comparison
    side = bp.published_by_run(runs)
    upright = published_comparison(runs)
    assert side.rows[0][1:] == [row[1] for row in upright.rows]  # the published digits
    for j, biases in enumerate(BIASES, start=1):
        assert side.rows[j][0] == f"`{biases}`"
        assert side.rows[j][1:] == [row[1 + j] for row in upright.rows]
    assert side.header == ["biases", "E after 1 update", "E after 10,000", "out_o1 after 10,000",
                           "out_o2 after 10,000"]
    assert side.rows[1][1] == "0.291027774 ✗"


def test_published_by_run_refuses_unknown_options(runs):
    with pytest.raises(ValueError, match="^biases must be one of"):
        bp.published_by_run({"tutorial": runs["frozen"]})


# -- the prose's numbers ---------------------------------------------------------------------


def test_output_bias_facts_sum_the_output_deltas():
    facts = bp.output_bias_facts(P, EX)
    assert facts["dE_db2"] == pytest.approx(facts["delta_o1"] + facts["delta_o2"], abs=1e-15)
    assert [f"{facts[k]:.6f}" for k in ("delta_o1", "delta_o2", "dE_db2")] == [
        "0.138499", "-0.038098", "0.100400"]


def test_run_facts_give_the_prose_numbers(runs):
    facts = {**bp.run_facts(runs, 10_000, ETA), **bp.late_fall_facts(runs, 10_000),
             **bp.learned_bias_facts(P, runs)}
    assert (facts["updates"], facts["eta"], facts["tenth"]) == (10_000, 0.5, 1_000)
    assert [facts[f"count_{b}"] for b in ("frozen", "shared", "per_neuron")] == [8, 10, 12]
    assert (facts["reach_shared"], facts["reach_per_neuron"]) == (4_020, 3_371)
    assert facts["ratio_shared"] == runs["frozen"].errors[10_000] / runs["shared"].errors[10_000]
    assert f"{facts['E1_per_neuron']:.9f}" == "0.280471447"
    assert facts["late_frozen"] == pytest.approx(
        math.log10(runs["frozen"].errors[1_000] / runs["frozen"].errors[10_000]), abs=1e-12)
    assert [f"{facts[k]:.2f}" for k in ("b_o1_per_neuron", "b_o2_per_neuron", "b1_shared",
                                        "b2_shared", "b2_start")] == [
        "-2.34", "2.17", "2.32", "-0.34", "0.60"]
