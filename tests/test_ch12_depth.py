"""Vanishing gradients: each layer's error signal at the start of training, measured for
logistic, tanh and ReLU hidden layers of the same deep network."""
import io

import numpy as np
import pytest

from backprop.chapters import ch12_depth as cd
from backprop.display.figures import save_svg
from backprop.nn import datasets
from backprop.nn.mlp import MLP

ACTS = ["logistic", "tanh", "relu"]


@pytest.fixture(scope="module")
def signals():
    """The chapter's measurement: six hidden layers of 16 on the moons, seeds 0-9."""
    X, T = datasets.moons(200, noise=0.1, seed=0)
    return cd.layer_signals(cd.deep_sizes(6, 16), ACTS, X, T, range(10))


def test_deep_sizes_stacks_equal_hidden_layers():
    assert cd.deep_sizes(3, 5) == [2, 5, 5, 5, 1]
    assert cd.deep_sizes(1, 4, n_in=3, n_out=2) == [3, 4, 2]


def test_signals_are_the_engines_deltas_and_gradients_of_each_seed():
    X, T = datasets.xor()
    s = cd.layer_signals([2, 3, 1], ["tanh"], X, T, [5])
    g = MLP.random([2, 3, 1], ["tanh", "logistic"], seed=5).backward(X, T)
    assert s.delta["tanh"][0] == pytest.approx([np.abs(d).mean() for d in g.deltas], abs=0)
    assert s.gradient["tanh"][0] == pytest.approx(
        [np.sqrt((w ** 2).mean()) for w in g.dE_dW], abs=0)


def test_logistic_signal_shrinks_about_fourfold_or_more_per_layer(signals):
    factors = cd.shrink_factors(signals, "logistic")
    assert len(factors) == 6
    assert factors.min() > 3.5  # each logistic layer: out (1 - out) <= 1/4 and weights ~1
    assert cd.ratio(signals, "logistic", "delta", 1, 7) < 1e-4


def test_tanh_and_relu_keep_the_signal_within_a_factor_of_about_ten(signals):
    for name in ("tanh", "relu"):
        assert cd.ratio(signals, name, "delta", 1, 7) > 0.05
        # Hidden layer to hidden layer, the signal barely changes at the start.
        assert cd.shrink_factors(signals, name)[:-1].max() < 1.5


def test_the_smallest_logistic_gradient_is_in_the_first_layer(signals):
    assert cd.smallest_layer(signals, "logistic") == 1
    assert cd.smallest_layer(signals, "logistic", "delta") == 1


def test_table_shows_two_significant_digits_per_layer(signals):
    rows = str(cd.signals_table(signals)).splitlines()
    assert rows[0] == ("| layer | neurons | logistic hidden layers | tanh hidden layers "
                       "| relu hidden layers |")
    assert rows[2] == "| 1 | 2 → 16 | 3.5 × 10⁻⁶ | 0.014 | 0.0087 |"
    assert rows[-1] == "| 7 (output) | 16 → 1 | 0.12 | 0.12 | 0.11 |"


def test_figure_has_a_line_per_activation_and_measure_and_alt_text_from_the_medians(signals):
    fig = cd.signals_figure(signals)
    gids = sorted(l.get_gid() for ax in fig.axes for l in ax.lines)
    assert gids == sorted(f"{m}-{a}" for m in ("delta", "gradient") for a in ACTS)
    assert all(ax.get_yscale() == "log" for ax in fig.axes)
    save_svg(fig, io.BytesIO())
    alt = cd.describe_signals_figure(signals)
    assert "for 2-16-16-16-16-16-16-1 networks" in alt
    assert "mean |δ|, logistic: 0.12 at the output layer, 3.5e-06 at layer 1." in alt


@pytest.mark.parametrize("call, match", [
    (lambda: cd.deep_sizes(0, 16), r"depth must be a whole number in \[1, 50\]"),
    (lambda: cd.deep_sizes(3, 2000), r"width must be a whole number in \[1, 1024\]"),
    (lambda: cd.layer_signals([2, 1], ["tanh"], *datasets.xor(), [0]), "sizes must list at"),
    (lambda: cd.layer_signals([2, 2, 1], ["sine"], *datasets.xor(), [0]), "hidden must be"),
    (lambda: cd.layer_signals([2, 2, 1], "tanh", *datasets.xor(), [0]), "hidden must list"),
    (lambda: cd.layer_signals([2, 2, 1], ["tanh"], *datasets.xor(), []), "seeds must list"),
])
def test_bad_input_raises_naming_the_parameter(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_unknown_activation_or_layer_in_a_question_raises(signals):
    with pytest.raises(ValueError, match="hidden must be one of"):
        cd.shrink_factors(signals, "softmax")
    with pytest.raises(ValueError, match=r"first must be a whole number in \[1, 7\]"):
        cd.ratio(signals, "tanh", "delta", 0, 7)
    with pytest.raises(ValueError, match="measure must be one of"):
        signals.median("weights")


def test_seed_spread_is_the_widest_band_of_the_figure(signals):
    v = signals.gradient["logistic"]
    assert cd.seed_spread(signals, "gradient") >= (v.max(axis=0) / v.min(axis=0)).max()
    assert round(cd.seed_spread(signals, "delta"), 6) == round(max(
        (d.max(axis=0) / d.min(axis=0)).max() for d in signals.delta.values()), 6)
    assert cd.seed_spread(signals, "delta") < 100  # far below the 10,000-fold gap between
    assert cd.ratio(signals, "logistic", "delta", 1, 7) < 1e-4  # logistic's ends


def test_signal_facts_read_the_slopes_shape_and_ratios(signals):
    facts = cd.signal_facts(signals, 200)
    assert {k: facts[k] for k in ("logistic_max_slope", "tanh_slope_0", "relu_slope", "depth",
                                  "width", "deep_shape", "moons_n", "n_depth_seeds")} \
        == {"logistic_max_slope": 0.25, "tanh_slope_0": 1.0, "relu_slope": 1.0, "depth": 6,
            "width": 16, "deep_shape": "2-16-16-16-16-16-16-1", "moons_n": 200,
            "n_depth_seeds": 10}
    # the last layer's median signal over the first's, to the 2 digits the text shows
    last_over_first = np.median(signals.delta["tanh"][:, -1]) / np.median(signals.delta["tanh"][:, 0])
    assert facts["tanh_delta_ratio"] == float(f"{last_over_first:.2g}") == 8.7
    assert (facts["logistic_delta_ratio"], facts["logistic_grad_ratio"]) == (33_000, 7_500)
    assert (facts["logistic_shrink_low"], facts["logistic_shrink_high"]) == (3.6, 5.6)
