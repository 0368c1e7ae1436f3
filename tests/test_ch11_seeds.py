"""Many seeds: K networks trained side by side are the engine's runs, and the count of
successes is read with a margin that no run comes near."""
import io

import numpy as np
import pytest

from backprop.chapters import ch11_seeds as cs
from backprop.display.figures import save_svg
from backprop.nn import datasets
from backprop.nn.mlp import MLP

X, T = datasets.xor()


@pytest.fixture(scope="module")
def hundred():
    """The chapter's experiment: 2-2-1 on XOR, eta 2, 3,000 full-batch epochs, seeds 0-99."""
    return cs.train_seeds([2, 2, 1], X, T, 2.0, 3000, range(100))


def made(outputs, targets=(0, 1, 1, 0)):
    outputs = np.atleast_2d(np.array(outputs, dtype=float))
    k = len(outputs)
    return cs.Seeds(np.arange(k), np.full((k, 2), 0.1), outputs, np.array(targets, float),
                    [], [])


@pytest.mark.parametrize("sizes", [[2, 2, 1], [2, 3, 3, 1]])
def test_each_run_is_the_engine_run_of_its_seed(sizes):
    runs = cs.train_seeds(sizes, X, T, 2.0, 500, [0, 7, 24])
    for s in (0, 7, 24):
        net = MLP.random(sizes, "logistic", seed=s)
        history = net.train(X, T, 2.0, 500)
        i = runs.index(s)
        assert np.abs(runs.errors[i] - history.epochs).max() < 1e-9
        assert np.abs(runs.outputs[i] - net.predict(X)[:, 0]).max() < 1e-9
        for a, b in zip(runs.network(s).W, net.W):
            assert np.abs(a - b).max() < 1e-9


def test_margin_is_the_worst_examples_distance_from_one_half_on_the_right_side():
    runs = made([[0.2, 0.7, 0.9, 0.4], [0.6, 0.9, 0.9, 0.1]])
    assert runs.margins == pytest.approx([0.1, -0.1], abs=1e-15)
    assert runs.succeeded(0.05).tolist() == [True, False]
    assert runs.succeeded(0.15).tolist() == [False, False]


def test_eighty_of_a_hundred_seeds_learn_xor_with_every_run_far_from_the_margin(hundred):
    ok, failed = cs.classify_runs(hundred, 0.1, 0.05)
    assert len(ok) == 80
    assert failed == [0, 4, 9, 11, 12, 22, 24, 41, 51, 58, 61, 62, 66, 67, 68, 72, 73,
                      78, 80, 82]
    # The nearest runs to the line, on either side: the count has room to spare.
    m = np.sort(hundred.margins)
    assert m[19] < 0 and m[20] > 0.18


def test_failed_runs_miss_one_class_1_example_and_the_1_1_example(hundred):
    kinds = cs.failure_kinds(hundred, 0.1)
    assert list(kinds) == [(2, 4), (3, 4), (1, 2, 3, 4)]
    assert [len(v) for v in kinds.values()] == [13, 6, 1]
    assert kinds[(1, 2, 3, 4)] == [24]
    stuck = [hundred.index(s) for s in kinds[(2, 4)] + kinds[(3, 4)]]
    # Two outputs at one half, two right: E = (1/4)(2 x 1/8) = 1/16.
    assert np.abs(hundred.errors[stuck, -1] - 1 / 16).max() < 0.002


@pytest.mark.slow  # over 1.5 s: make check stays under a minute
def test_the_stuck_runs_stay_stuck_and_the_slow_one_escapes_given_more_epochs():
    runs = cs.train_seeds([2, 2, 1], X, T, 2.0, 10_000, [0, 4, 24])
    ok, failed = cs.classify_runs(runs, 0.1, 0.05)
    assert ok == [24] and failed == [0, 4]


def test_a_failed_runs_hidden_layer_gives_two_examples_the_same_outputs(hundred):
    table = str(cs.hidden_table(hundred, 0, X)).splitlines()
    assert table[0] == "| example | inputs | target | `out_h1` | `out_h2` | `out_o1` |"
    assert table[3] == "| 2 | (0, 1) | 1 | 0.000 | 0.002 | 0.496 |"
    assert table[5] == "| 4 | (1, 1) | 0 | 0.002 | 0.000 | 0.501 |"


def test_outputs_table_has_one_column_per_seed(hundred):
    table = str(cs.seed_outputs_table(hundred, [0, 1], X)).splitlines()
    assert table[0] == "| example | inputs | target | out, seed 0 | out, seed 1 |"
    assert table[2] == "| 1 | (0, 0) | 0 | 0.0446 | 0.0388 |"


def test_figure_draws_every_run_and_the_alt_text_counts_them(hundred):
    refs = ((1 / 8, "every output 0.5"),)
    fig = cs.seeds_figure(hundred, 0.1, refs)
    drawn = [l for l in fig.axes[0].lines if (l.get_gid() or "").startswith("seed-")]
    assert len(drawn) == 100
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [
        "succeeded (80)", "failed, examples 2 and 4 missed (13)",
        "failed, examples 3 and 4 missed (6)", "failed, all 4 examples missed (1)"]
    save_svg(fig, io.BytesIO())
    alt = cs.describe_seeds_figure(hundred, 0.1, refs)
    assert "one line for each of 100 networks" in alt
    assert "Succeeded (80): ending between 0.00058 and 0.033." in alt
    assert "A dashed line marks 0.125 (every output 0.5)." in alt


def test_classify_runs_refuses_a_count_that_rests_on_a_knife_edge(hundred):
    with pytest.raises(ValueError, match=r"gap 0.1: .*seed 39 \(0.183\)"):
        cs.classify_runs(hundred, 0.1, 0.1)


@pytest.mark.parametrize("kwargs, match", [
    (dict(seeds=[]), "seeds must list 1 to 10,000"),
    (dict(seeds=[1, 1]), "seeds must be distinct"),
    (dict(seeds=[-1]), "seeds must be a whole number >= 0"),
    (dict(epochs=0), r"epochs must be a whole number in \[1, 1000000\]"),
    (dict(eta=0), "eta must be a finite number greater than 0"),
    (dict(sizes=[2, 2, 2]), r"sizes must end in 1"),
])
def test_train_seeds_rejects_bad_input_naming_it(kwargs, match):
    args = dict(sizes=[2, 2, 1], X=X, T=T, eta=2.0, epochs=10, seeds=[0])
    args.update(kwargs)
    if "sizes" in kwargs and kwargs["sizes"][-1] == 2:
        args["T"] = np.hstack([T, T])
    with pytest.raises(ValueError, match=match):
        cs.train_seeds(**args)


def test_margin_and_seed_outside_their_range_raise(hundred):
    with pytest.raises(ValueError, match=r"margin must lie in \[0.0, 0.5\]"):
        hundred.succeeded(0.6)
    with pytest.raises(ValueError, match="seed must be one of the trained seeds"):
        hundred.network(100)
    with pytest.raises(ValueError, match="runs must be a backprop.chapters.ch11_seeds.Seeds"):
        cs.failure_kinds("runs", 0.1)


def test_the_stuck_runs_hidden_neurons_are_saturated_where_it_merges_two_examples(hundred):
    slope = cs.largest_hidden_slope(hundred, 0, X, [2, 4])
    out = hundred.network(0).forward(X[[1, 3]]).outs[0]
    assert slope == (out * (1 - out)).max()
    assert slope < 0.003  # against 0.25 at net = 0
    with pytest.raises(ValueError, match=r"examples must be a whole number in \[1, 4\]"):
        cs.largest_hidden_slope(hundred, 0, X, [5])


def test_seed_facts_count_each_kind_of_run(hundred):
    facts = cs.seed_facts(hundred, 0.1)
    assert {k: facts[k] for k in ("n_seeds", "last_seed", "n_ok", "n_failed", "n_stuck",
                                  "n_slow", "stuck_seed", "slow_seed", "ok_seed")} \
        == {"n_seeds": 100, "last_seed": 99, "n_ok": 80, "n_failed": 20, "n_stuck": 19,
            "n_slow": 1, "stuck_seed": 0, "slow_seed": 24, "ok_seed": 1}
    assert (f"{facts['closest_ok']:.2f}", f"{facts['closest_fail']:.3f}") == ("0.18", "-0.002")
    assert (facts["below"], facts["above"]) == (0.4, 0.6)
    stuck, slow = cs.stuck_and_slow(hundred, 0.1)
    assert (len(stuck), slow) == (19, [24])


@pytest.mark.slow  # over 1.5 s: make check stays under a minute
def test_rescue_facts_train_the_failures_longer_and_a_wider_network(hundred):
    failed = [int(s) for s in hundred.seeds[~hundred.succeeded(0.1)]]
    longer = cs.train_seeds([2, 2, 1], X, T, 2.0, 10_000, failed)
    wider = cs.train_seeds([2, 3, 1], X, T, 2.0, 3000, range(100))
    facts = cs.rescue_facts(hundred, longer, wider, 0.1, X)
    assert {k: facts[k] for k in ("longer_epochs", "n_rescued", "n_still", "rescued_seed",
                                  "wider_ok")} \
        == {"longer_epochs": 10_000, "n_rescued": 1, "n_still": 19, "rescued_seed": 24,
            "wider_ok": 100}
    assert [f"{facts[k]:.4f}" for k in ("still_low", "still_high", "stuck_slope")] \
        == ["0.0627", "0.0628", "0.0024"]
    # the slope out_h (1 - out_h) of seed 0's hidden neurons on examples 2 and 4
    out = hundred.network(0).forward(X[[1, 3]]).outs[0]
    assert facts["stuck_slope"] == float((out * (1 - out)).max())
