"""Many networks at once: each must train exactly as `train` trains it alone."""
import math
import warnings

import numpy as np
import pytest
from matplotlib.figure import Figure

from backprop import (TUTORIAL_PARAMS as P, TUTORIAL_EXAMPLE as EX, TUTORIAL_ETA as ETA,
                      BIASES, HIDDEN_DELTAS, Example, Params, backward, forward, logistic,
                      train, update)
from backprop.tutorial import sweep as sw
from backprop.chapters import ch06b_learning_rate

from helpers import TOL


def random_starts(k, seed=0):
    rng = np.random.default_rng(seed)
    return [Params(*rng.uniform(-1.5, 1.5, 12)) for _ in range(k)]


def assert_matches_train(s, starts, etas, updates, biases="frozen", hidden_deltas="original"):
    for n, (p, eta) in enumerate(zip(starts, etas)):
        alone = train(p, EX, eta, updates, biases, hidden_deltas)
        np.testing.assert_allclose(s.errors[n], alone.errors, rtol=0, atol=TOL)
        np.testing.assert_allclose(s.params[n], alone.params.to_vector(), rtol=0, atol=TOL)


@pytest.fixture(scope="module")
def chapter_sweep():
    return sw.learning_rate_sweep()


@pytest.mark.parametrize("biases", BIASES)
@pytest.mark.parametrize("hidden_deltas", HIDDEN_DELTAS)
def test_every_network_trains_as_train_trains_it_alone(biases, hidden_deltas):
    starts, etas = random_starts(5), [0.05, 0.5, 2.0, 7.0, 30.0]
    s = sw.train_many(starts, EX, etas, 300, biases, hidden_deltas)
    assert s.errors.shape == (5, 301) and s.params.shape == (5, 12)
    assert_matches_train(s, starts, etas, 300, biases, hidden_deltas)


def test_the_chapters_run_at_the_tutorials_eta_is_trains_to_1e12(chapter_sweep):
    n = chapter_sweep.index(ETA)
    alone = train(P, EX, ETA, 10_000)
    assert chapter_sweep.updates == 10_000
    np.testing.assert_allclose(chapter_sweep.errors[n], alone.errors, rtol=0, atol=TOL)
    np.testing.assert_allclose(chapter_sweep.params[n], alone.params.to_vector(), rtol=0,
                               atol=TOL)
    assert forward(chapter_sweep.network(n), EX).E_total == pytest.approx(
        alone.errors[-1], abs=TOL)


def test_one_start_is_shared_by_every_learning_rate():
    etas = [0.1, 1.0, 10.0]
    s = sw.train_many(P, EX, etas, 50)
    assert list(s.etas) == etas
    assert np.all(s.errors[:, 0] == s.errors[0, 0])
    assert_matches_train(s, [P] * 3, etas, 50)


def test_one_learning_rate_is_shared_by_every_start():
    starts = random_starts(4, seed=1)
    s = sw.train_many(starts, EX, 0.5, 50)
    assert list(s.etas) == [0.5] * 4
    assert_matches_train(s, starts, [0.5] * 4, 50)


def test_an_array_of_starts_is_the_same_as_a_list_of_params():
    starts = random_starts(3, seed=2)
    array = np.array([p.to_vector() for p in starts])
    a = sw.train_many(starts, EX, [0.3, 0.6, 0.9], 40)
    b = sw.train_many(array, EX, [0.3, 0.6, 0.9], 40)
    assert np.array_equal(a.errors, b.errors) and np.array_equal(a.params, b.params)


def test_zero_updates_record_only_the_starting_error():
    s = sw.train_many(P, EX, [0.5, 1.0], 0)
    assert s.errors.shape == (2, 1)
    assert s.errors[0, 0] == pytest.approx(forward(P, EX).E_total, abs=1e-17)
    assert np.array_equal(s.params, np.array([P.to_vector()] * 2))


def test_an_overflowing_neuron_takes_the_logistics_limit_instead_of_raising():
    # net_o1 far below -709: math.exp(-net_o1) overflows; train() and train_many() both
    # take out_o1 = 0.
    huge = P.with_values(w5=-2000.0, w6=-2000.0)
    run = train(huge, EX, ETA, 1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = sw.train_many(huge, EX, ETA, 1)
    out_h1, out_h2 = logistic(P.w1 * EX.i1 + P.w2 * EX.i2 + P.b_h1), logistic(
        P.w3 * EX.i1 + P.w4 * EX.i2 + P.b_h2)
    out_o2 = logistic(P.w7 * out_h1 + P.w8 * out_h2 + P.b_o2)
    expected = 0.5 * (EX.t1 - 0.0) ** 2 + 0.5 * (EX.t2 - out_o2) ** 2  # out_o1 = 0
    assert s.errors[0, 0] == pytest.approx(expected, abs=TOL)
    assert np.all(np.isfinite(s.params))
    assert run.errors[0] == expected
    assert np.allclose(s.params[0], run.params.to_vector(), rtol=0, atol=TOL)


@pytest.mark.parametrize("kwargs, message", [
    ({"etas": [0.5, -1.0]}, "etas must be"),
    ({"etas": [[0.5, 1.0]]}, "etas must be"),
    ({"etas": []}, "etas must be"),
    ({"etas": "fast"}, "etas must be"),
    ({"params": [P, P], "etas": [0.1, 0.2, 0.3]}, "params must hold 1 or 3 networks"),
    ({"params": [P] * 3, "etas": [0.1, 0.2]}, "etas must hold 1 or 3 learning rates"),
    ({"params": np.zeros((2, 11))}, r"params must have shape \(networks, 12\)"),
    ({"params": [[math.inf] * 12]}, "params must hold finite numbers"),
    ({"example": (0.05, 0.1, 0.01, 0.99)}, "example must be a backprop.tutorial.network.Example"),
    ({"updates": -1}, r"updates must be a whole number in \[0, 100000000\]"),
    ({"biases": "some"}, "biases must be one of"),
    ({"hidden_deltas": "new"}, "hidden_deltas must be one of"),
])
def test_bad_input_is_refused_naming_the_parameter(kwargs, message):
    args = {"params": P, "example": EX, "etas": [0.5, 1.0], "updates": 3, **kwargs}
    with pytest.raises(ValueError, match=message):
        sw.train_many(**args)


def test_learning_rates_are_log_spaced_with_both_ends_and_the_tutorials_eta():
    etas = sw.learning_rates(0.01, 1000, 40)
    assert len(etas) == 5 * 40 + 1 + 1  # 201 on the grid, plus 0.5
    assert etas[0] == 0.01 and etas[-1] == 1000 and ETA in etas
    grid = etas[etas != ETA]
    np.testing.assert_allclose(grid[1:] / grid[:-1], 10 ** (1 / 40), rtol=1e-12)
    assert list(sw.learning_rates(1, 10, 1, include=())) == [1, 10]


@pytest.mark.parametrize("kwargs, message", [
    ({"low": 0}, "low must be a finite number greater than 0"),
    ({"low": 10, "high": 1}, "high must be greater than low"),
    ({"per_decade": 0}, "per_decade must be a whole number >= 1"),
    ({"include": (-1,)}, r"include\[0\] must be"),
])
def test_learning_rates_refuse_bad_ranges(kwargs, message):
    with pytest.raises(ValueError, match=message):
        sw.learning_rates(**kwargs)


def synthetic(final):
    """A Sweep with the given final errors at etas 1, 2, 3, ... (start error 1)."""
    final = np.array(final, dtype=float)
    errors = np.column_stack([np.ones_like(final), final])
    return sw.Sweep(etas=np.arange(1.0, len(final) + 1), params=np.zeros((len(final), 12)),
                    errors=errors)


def test_best_is_the_lowest_final_error():
    assert sw.best(synthetic([1e-1, 1e-3, 1e-5, 1e-2])) == (2, 3.0, 1e-5)


@pytest.mark.parametrize("final, than, expected", [
    ([1e-1, 1e-3, 1e-5, 1e-2, 1e-1], 1e-3, (3, 4.0)),    # every rate past 3 is worse
    ([1e-1, 1e-3, 1e-5, 1e-2, 1e-4, 1e-1], 1e-3, (5, 6.0)),  # 5 dips back: only 6 on
    ([1e-1, 1e-3, 1e-5, 1e-2, 1e-4], 1e-3, None),        # the largest rate is not worse
    ([1e-1, 1e-3, 1e-5], 1e-3, None),                    # the best is the largest rate
])
def test_too_large_is_where_every_larger_rate_ends_worse(final, than, expected):
    assert sw.too_large(synthetic(final), than) == expected


def test_index_finds_a_learning_rate_or_names_the_parameter(chapter_sweep):
    assert chapter_sweep.etas[chapter_sweep.index(ETA)] == ETA
    with pytest.raises(ValueError, match="marked must be one of the sweep's learning rates"):
        chapter_sweep.index(0.123, "marked")


def test_the_chapters_sweep_falls_to_rounding_level_then_stalls_past_eta_100(chapter_sweep):
    n, eta_best, e_best = sw.best(chapter_sweep)
    assert eta_best == pytest.approx(10 ** (1 + 38 / 40), rel=1e-12)  # the grid's 40/decade
    assert e_best < 1e-30
    tutorial_error = chapter_sweep.final_errors[chapter_sweep.index(ETA)]
    j, eta = sw.too_large(chapter_sweep, tutorial_error)
    assert eta == pytest.approx(105.925372517729, rel=1e-12)  # 10 ** (2 + 1/40)
    # The first step throws out_o1 far below its target onto the logistic's flat tail.
    assert train(P, EX, eta, 1).final.out_o1 < 1e-4 < EX.t1


def test_at_the_bottom_the_output_weights_steps_round_away(chapter_sweep):
    n, eta, _ = sw.best(chapter_sweep)
    best = chapter_sweep.network(n)
    stuck = sw.unmoved(best, EX, eta)
    assert stuck == ("w5", "w6", "w7", "w8")
    steps = update(best, EX, eta)
    for w in stuck:  # each step is under half the spacing of floats at the weight
        g = getattr(backward(best, EX).output, f"dE_d{w}")
        assert 0 < abs(eta * g) < math.ulp(getattr(best, w)) / 2
        assert getattr(steps, w) == getattr(best, w)
    assert sw.unmoved(P, EX, ETA) == ()


def test_figure_draws_every_final_error_and_marks_the_tutorials_eta(chapter_sweep):
    fig = ch06b_learning_rate.sweep_figure(chapter_sweep)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    lines = {line.get_gid(): line for line in ax.lines}
    curve, dot = lines["final-errors"], lines["marked"]
    order = np.argsort(chapter_sweep.etas)
    assert np.array_equal(curve.get_xdata(), chapter_sweep.etas[order])
    assert np.array_equal(curve.get_ydata(), chapter_sweep.final_errors[order])
    n = chapter_sweep.index(ETA)
    assert list(dot.get_xdata()) == [ETA]
    assert list(dot.get_ydata()) == [chapter_sweep.final_errors[n]]
    assert ax.get_xscale() == ax.get_yscale() == "log"
    with pytest.raises(ValueError, match="marked must be one of"):
        ch06b_learning_rate.sweep_figure(chapter_sweep, marked=0.123)


def test_alt_text_gives_the_numbers_the_figure_shows(chapter_sweep):
    text = ch06b_learning_rate.describe_sweep(chapter_sweep)
    n = chapter_sweep.index(ETA)
    _, eta_best, e_best = sw.best(chapter_sweep)
    for part in ("E_total after 10,000 updates", "for 202 networks trained at once",
                 "eta from 0.01 to 1000", "before training, 0.298",
                 f"the lowest, {e_best:.2e}, is reached at eta = {eta_best:.3g}",
                 f"eta = 0.5, where the error ends at "
                 f"{chapter_sweep.final_errors[n]:.2e}",
                 "From eta = 106 upward"):
        assert part in text
    assert "3.51e-05" in text  # the tutorial's eta after 10,000 updates, as chapter 6b


def test_sweep_facts_give_chapter_6b_its_digits(chapter_sweep):
    f = ch06b_learning_rate.sweep_facts(chapter_sweep, P, EX, ETA)
    assert (f["sweep_n"], f["sweep_per_decade"], f["sweep_low"], f["sweep_high"]) == (
        202, 40, 0.01, 1000.0)
    assert (f"{f['sweep_E_low']:.3g}", f"{f['sweep_E_tutorial']:.3g}") == ("0.00838", "3.51e-05")
    assert f["sweep_E_tutorial"] == train(P, EX, ETA, 10_000).errors[-1]
    assert (f"{f['sweep_best_eta']:.0f}", f"{f['sweep_stall_eta']:.0f}") == ("89", "106")
    assert f["sweep_unmoved_n"] == 4
    assert (f"{f['sweep_stall_min']:.2e}", f"{f['sweep_stall_max']:.2e}") == ("4.59e-05", "1.00e-04")
    assert (f"{f['sweep_stall_o1_first']:.1e}", f"{f['sweep_stall_slope']:.1e}",
            f"{f['sweep_stall_o1_end']:.1e}") == ("9.8e-05", "9.8e-05", "4.2e-04")


@pytest.mark.parametrize("bad", [None, "sweep"])
def test_figure_functions_refuse_anything_but_a_sweep(bad):
    with pytest.raises(ValueError, match="sweep must be a backprop.tutorial.sweep.Sweep"):
        ch06b_learning_rate.sweep_figure(bad)
    with pytest.raises(ValueError, match="sweep must be a backprop.tutorial.sweep.Sweep"):
        ch06b_learning_rate.describe_sweep(bad)


def test_example_other_than_the_tutorials_trains_too():
    ex = Example(0.3, -0.2, 0.8, 0.1)
    s = sw.train_many(P, ex, [0.5, 2.0], 30)
    for n, eta in enumerate([0.5, 2.0]):
        np.testing.assert_allclose(s.errors[n], train(P, ex, eta, 30).errors, atol=TOL,
                                   rtol=0)
