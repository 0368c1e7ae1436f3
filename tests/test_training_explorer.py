"""The training explorer, driven as a reader would drive it."""
import numpy as np
import pytest

from backprop import TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, TUTORIAL_ETA, train
from backprop.explorers.training_explorer import TrainingExplorer, MAX_UPDATES, TWINS


@pytest.fixture
def explorer():
    return TrainingExplorer(updates=500)


def test_default_state_is_the_tutorials_run():
    e = TrainingExplorer()
    expected = train(TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, TUTORIAL_ETA, 10_000)
    assert np.array_equal(e.run.errors, expected.errors)
    assert e.values["E_after_10000"] == expected.errors[-1]
    assert f"{expected.final.out_o1:.9f}" in e.outputs.value


def test_moving_a_weight_retrains_from_the_new_start(explorer):
    before = explorer.chart.value
    explorer.sliders["w5"].value = -1.0
    expected = train(TUTORIAL_PARAMS.with_values(w5=-1.0), TUTORIAL_EXAMPLE, TUTORIAL_ETA, 500)
    assert explorer.values["out_o1"] == expected.final.out_o1
    assert explorer.values["w5"] == expected.params.w5
    assert f"{expected.params.w5:.6f}" in explorer.parameters.value
    assert explorer.chart.value != before


def test_options_reach_the_engine(explorer):
    with explorer.hold():
        explorer.eta.value = 2.0
        explorer.updates.value = 300
        explorer.biases.value = "per-neuron"
        explorer.hidden_deltas.value = "updated"
    expected = train(TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, 2.0, 300, "per-neuron", "updated")
    assert np.array_equal(explorer.run.errors, expected.errors)
    assert explorer.values["b_h1"] == expected.params.b_h1
    assert "<code>b_o2</code>" in explorer.parameters.value


def test_reset_restores_the_tutorial(explorer):
    default = explorer.run.errors.copy(), explorer.chart.value
    explorer.sliders["b1"].value = 1.0
    explorer.eta.value = 5.0
    explorer.reset_button.click()
    assert explorer.sliders["b1"].value == TUTORIAL_PARAMS.b1 and explorer.eta.value == 0.5
    assert np.array_equal(explorer.run.errors, default[0]) and explorer.chart.value == default[1]


def test_slider_bounds_are_the_accepted_ranges(explorer):
    assert (explorer.eta.min, explorer.eta.max) == (-2, 1)  # 10^-2 .. 10^1
    assert (explorer.updates.min, explorer.updates.max) == (1, MAX_UPDATES)
    explorer.sliders["w1"].value = 99
    assert explorer.sliders["w1"].value == explorer.sliders["w1"].max == 3.0


@pytest.mark.parametrize("kwargs, message", [
    ({"eta": 50}, r"eta must lie in \[0.01, 10.0\]"),
    ({"updates": 0}, r"updates must be a whole number in \[1, 20000\]"),
    ({"updates": MAX_UPDATES + 1}, r"updates must be a whole number in \[1, 20000\]"),
    ({"biases": "some"}, "biases must be one of"),
    ({"hidden_deltas": "new"}, "hidden_deltas must be one of"),
])
def test_bad_options_raise_value_error(kwargs, message):
    with pytest.raises(ValueError, match=message):
        TrainingExplorer(**kwargs)


def test_static_figure_is_the_live_chart_with_alt_text(explorer):
    svg = explorer.figure()._repr_svg_()
    assert svg == explorer.chart.value
    assert 'aria-label="Line chart of the total error' in svg


def test_absurd_typed_values_are_clamped_to_the_sliders_range(explorer):
    # A reader can type any number into a slider's readout; the slider clamps it, and the
    # explorer retrains with the clamped value instead of raising or running for hours.
    with explorer.hold():
        explorer.eta.value = 1e300
        explorer.updates.value = 10 ** 12
        explorer.sliders["w5"].value = -1e308
    assert (explorer.eta.value, explorer.updates.value, explorer.sliders["w5"].value) == (
        10.0, MAX_UPDATES, -3.0)
    expected = train(TUTORIAL_PARAMS.with_values(w5=-3.0), TUTORIAL_EXAMPLE, 10.0, MAX_UPDATES)
    assert np.array_equal(explorer.run.errors, expected.errors)
    explorer.eta.value, explorer.updates.value = 1e-300, -5
    assert (explorer.eta.value, explorer.updates.value) == (0.01, 1)
    assert len(explorer.run.errors) == 2


def test_twins_button_makes_h2_h1s_twin_and_they_train_as_twins(explorer):
    explorer.sliders["w1"].value = -0.7
    explorer.twins.click()
    s = explorer.sliders
    assert [s[n].value for n in ("w3", "w4", "w6", "w8")] == [-0.7, 0.2, 0.4, 0.5]
    p = explorer.run.params
    assert (p.w1, p.w2, p.w5, p.w7) == (p.w3, p.w4, p.w6, p.w8)  # exactly, after 500 updates
    expected = train(TUTORIAL_PARAMS.with_values(w1=-0.7, w3=-0.7, w4=0.2, w6=0.4, w8=0.5),
                     TUTORIAL_EXAMPLE, TUTORIAL_ETA, 500)
    assert np.array_equal(explorer.run.errors, expected.errors)
    # The page does the same where no kernel answers the button (static/controls.js).
    assert explorer.display.data["copies"] == {"twins": TWINS}
    assert explorer.display.controls["twins"] is explorer.twins
