"""The step-size figure, training with per-epoch curves, and the digits' figures and tables."""
import math

import numpy as np
import pytest
from matplotlib.colors import to_rgba

from backprop.nn import datasets
from backprop.chapters import ch13_gradient_checking as mistakes
from backprop.chapters import ch13_14_digits as dp
from backprop.nn.activations import activation
from backprop.nn.mlp import MLP

from helpers import TOL, WHITE, artist, svg


def assert_readable(fig):
    """White and opaque; every piece of text at least 10 pt and dark (or white on a dark
    square, which the confusion matrix uses on its darkest cells)."""
    assert to_rgba(fig.get_facecolor()) == WHITE
    for ax in fig.axes:
        if ax.get_visible() and ax.get_label() != "<colorbar>":
            assert to_rgba(ax.get_facecolor()) == WHITE
        legend = ax.get_legend()
        texts = [*ax.texts, ax.xaxis.label, ax.yaxis.label, ax.title, *ax.get_xticklabels(),
                 *ax.get_yticklabels(), *(legend.get_texts() if legend else [])]
        for t in texts:
            if t.get_text() and t.get_visible():
                assert t.get_fontsize() >= 10, t.get_text()
                rgb = to_rgba(t.get_color())[:3]
                assert sum(rgb) < 0.5 or rgb == (1.0, 1.0, 1.0), t.get_text()


# -- the step-size figure ------------------------------------------------------------------


@pytest.fixture(scope="module")
def sweep():
    steps = mistakes.sweep_steps()
    return mistakes.step_model("w5"), steps, mistakes.step_errors("w5", steps)


def test_step_figure_draws_the_measured_errors_and_both_model_lines(sweep):
    model, steps, errors = sweep
    ax = dp.step_size_figure(model, steps, errors).axes[0]
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    measured = artist(ax, "measured")
    assert np.array_equal(measured.get_xdata(), steps[errors > 0])
    assert np.array_equal(measured.get_ydata(), errors[errors > 0])
    assert np.allclose(artist(ax, "truncation").get_ydata(), steps ** 2 * model.third / 6,
                       rtol=TOL, atol=0)
    assert np.allclose(artist(ax, "rounding").get_ydata(), 2.0 ** -52 * model.error / steps,
                       rtol=TOL, atol=0)
    assert artist(ax, "best").get_xdata()[0] == model.best_step
    assert [t.get_text() for t in ax.texts] == ["best h ≈ 2.4e-5"]


def test_step_figure_leaves_out_exact_zeros_which_a_log_axis_cannot_show(sweep):
    model, steps, errors = sweep
    errors = errors.copy()
    errors[3] = 0.0
    ax = dp.step_size_figure(model, steps, errors).axes[0]
    assert len(artist(ax, "measured").get_xdata()) == len(steps) - 1


@pytest.mark.slow
def test_step_figure_is_readable_and_byte_stable(sweep):
    fig = dp.step_size_figure(*sweep)
    assert_readable(fig)
    assert svg(fig) == svg(dp.step_size_figure(*sweep))


def test_step_alt_text_gives_the_range_the_bottom_and_the_best_step(sweep):
    model, steps, errors = sweep
    text = dp.describe_step_size_figure(model, steps, errors)
    k = int(np.argmin(errors))
    assert "(horizontal axis, 1e-15 to 1e0)" in text
    assert f"at h = {mistakes.sci(steps[k])}" in text and "h ≈ 2.4e-5." in text
    assert text.startswith("Log-log chart of the error of the central difference for dE/dw5")


# -- training with curves ------------------------------------------------------------------

X = np.random.default_rng(0).normal(size=(30, 4))
LABELS = (X[:, 0] + X[:, 1] > 0).astype(int) + (X[:, 2] > 0.5).astype(int)
SMALL = datasets.split(X, datasets.one_hot(LABELS, 3), test_fraction=0.3, seed=1)


def small_net():
    return MLP.random([4, 5, 3], ["tanh", "softmax"], "cross_entropy", seed=2)


def test_train_with_curves_is_one_engine_train_measured_after_each_epoch():
    net, again = small_net(), small_net()
    curves = dp.train_with_curves(net, SMALL, eta=0.3, epochs=4, batch_size=5, seed=7)
    history = again.train(SMALL.X_train, SMALL.T_train, 0.3, 4, batch_size=5, seed=7)
    assert curves.train_loss.tolist() == history.epochs.tolist()
    assert all(np.array_equal(a, b) for a, b in zip(net.W + net.b, again.W + again.b))
    assert curves.test_loss[-1] == net.error(SMALL.X_test, SMALL.T_test)
    assert curves.test_accuracy[-1] == net.accuracy(SMALL.X_test, SMALL.T_test)
    assert curves.train_accuracy[0] == small_net().accuracy(SMALL.X_train, SMALL.T_train)
    assert curves.epochs == 4 and all(len(c) == 5 for c in (
        curves.train_loss, curves.test_loss, curves.train_accuracy, curves.test_accuracy))


def test_on_epoch_is_called_after_each_epoch_with_the_curves_so_far():
    seen = []
    dp.train_with_curves(small_net(), SMALL, 0.3, 3, 5, on_epoch=lambda k, c: seen.append(
        (k, c.epochs)))
    assert seen == [(1, 1), (2, 2), (3, 3)]


def test_progress_bar_follows_the_epochs():
    progress = dp.Progress(3)
    dp.train_with_curves(small_net(), SMALL, 0.3, 2, 5, on_epoch=progress)
    assert progress.bar.value == 2 and progress.bar.max == 3
    assert progress.label.value.startswith("2 of 3: test accuracy ")


@pytest.mark.slow
def test_digits_reach_95_percent_with_the_chapters_settings():
    d = datasets.digits(seed=0)
    net = MLP.random([64, 32, 10], ["tanh", "softmax"], "cross_entropy", seed=0)
    curves = dp.train_with_curves(net, d, eta=0.05, epochs=40, batch_size=16, seed=0)
    assert curves.test_accuracy[-1] >= 0.95
    assert curves.test_accuracy[-10:].min() >= 0.95
    assert curves.train_loss[-1] < curves.test_loss[-1] < curves.test_loss[0] / 10
    assert curves.train_loss[0] == pytest.approx(math.log(10), rel=0.1)


# -- curves: figure and table ----------------------------------------------------------------


def curves_example():
    return dp.Curves(np.array([2.3, 0.5, 0.2, 0.1]), np.array([2.31, 0.6, 0.3, 0.25]),
                     np.array([0.08, 0.85, 0.95, 0.99]), np.array([0.1, 0.8, 0.93, 0.96]))


def test_curves_figure_plots_loss_and_accuracy_per_epoch():
    c = curves_example()
    fig = dp.curves_figure(c)
    left, right = fig.axes
    assert left.get_yscale() == "log"
    assert artist(left, "train").get_ydata().tolist() == c.train_loss.tolist()
    assert artist(left, "test").get_ydata().tolist() == c.test_loss.tolist()
    assert np.allclose(artist(right, "test").get_ydata(), 100 * c.test_accuracy, rtol=TOL)
    assert artist(right, "target").get_ydata()[0] == 95
    assert right.get_ylim() == (dp.ACCURACY_FLOOR, 100)
    texts = [t.get_text() for t in right.texts]
    assert texts == ["95%", "epoch 0: 8% and 10%,\nbelow the chart"]
    assert_readable(fig)
    assert svg(fig) == svg(dp.curves_figure(c))


def test_curves_figure_names_one_start_when_both_round_alike():
    c = dp.Curves(*(np.array([2.3, 0.5]),) * 2, np.array([0.071, 0.9]), np.array([0.069, 0.9]))
    assert dp.curves_figure(c).axes[1].texts[1].get_text() == "epoch 0: 7%,\nbelow the chart"


def test_curves_alt_text_gives_each_curves_start_and_end():
    text = dp.describe_curves(curves_example())
    assert text.startswith("Two line charts over 3 epochs of training")
    assert "the training error falls from 2.3 to 0.1, the test error from 2.31 to 0.25" in text
    assert "training from 8.0% to 99.0%, test from 10.0% to 96.0%" in text
    assert text.endswith("with a dotted line at the 95% target.")


def test_curves_table_prints_stable_digits():
    lines = str(dp.curves_table(curves_example())).splitlines()
    assert lines[0] == "| epoch | training E | test E | training accuracy | test accuracy |"
    assert lines[2:] == ["| 0 | 2.3 | 2.31 | 8.00% | 10.00% |",
                         "| 1 | 0.5 | 0.6 | 85.00% | 80.00% |",
                         "| 2 | 0.2 | 0.3 | 95.00% | 93.00% |",
                         "| 3 | 0.1 | 0.25 | 99.00% | 96.00% |"]
    long = dp.Curves(*(np.linspace(1, 0.1, 41),) * 2, *(np.linspace(0.1, 0.9, 41),) * 2)
    epochs = [row.split(" | ")[0][2:] for row in str(dp.curves_table(long)).splitlines()[2:]]
    assert epochs == ["0", "1", "2", "5", "10", "20", "30", "40"]
    c = dp.Curves(np.array([0.123456789] * 2), np.ones(2), np.array([0.5, 0.987654]), np.ones(2))
    assert str(dp.curves_table(c, epochs=[1])).splitlines()[2] == (
        "| 1 | 0.1235 | 1 | 98.77% | 100.00% |")


def test_accuracy_check_reports_percent_count_and_verdict():
    assert dp.accuracy_check(436 / 449, 449) == (
        "test accuracy 97.10%: 436 of the 449 test images right\nat least 95%? ✓")
    assert dp.accuracy_check(0.9, 10).endswith("at least 95%? ✗ below it")


def test_significant_rounds_to_significant_digits():
    assert dp.significant(0.0679612345) == 0.06796
    assert dp.significant(2.46789, 2) == 2.5


# -- confusion and misread digits ------------------------------------------------------------

TRUE = np.array([0, 0, 1, 1, 2, 2, 2, 8, 8, 8])
SAID = np.array([0, 0, 1, 7, 2, 2, 1, 1, 1, 8])


def test_confusion_counts_true_rows_against_predicted_columns():
    counts = dp.confusion(TRUE, SAID)
    assert counts.shape == (10, 10) and counts.sum() == 10 and np.trace(counts) == 6
    assert counts[8, 1] == 2 and counts[1, 7] == 1 and counts[2, 1] == 1 and counts[0, 0] == 2
    assert dp.confusions(counts) == [(8, 1, 2), (1, 7, 1), (2, 1, 1)]
    assert dp.confusions(counts, limit=1) == [(8, 1, 2)]


def test_confusion_figure_writes_each_nonzero_count_and_outlines_the_mistakes():
    counts = dp.confusion(TRUE, SAID)
    fig = dp.confusion_figure(counts)
    ax = fig.axes[0]
    texts = sorted((round(t.get_position()[1]), round(t.get_position()[0]), t.get_text())
                   for t in ax.texts)
    assert texts == [(0, 0, "2"), (1, 1, "1"), (1, 7, "1"), (2, 1, "1"), (2, 2, "2"),
                     (8, 1, "2"), (8, 8, "1")]
    assert len(ax.patches) == 3  # one outline per kind of mistake
    assert ax.get_xlabel() == "predicted digit" and ax.get_ylabel() == "true digit"
    assert_readable(fig)
    assert svg(fig) == svg(dp.confusion_figure(counts))


def test_confusion_alt_text_gives_totals_and_the_worst_mistakes():
    text = dp.describe_confusion(dp.confusion(TRUE, SAID))
    assert "Confusion matrix of 10 test images: a 10 by 10 grid" in text
    assert "6 images sit on the diagonal, classified correctly; 4 lie off it." in text
    assert text.endswith("8 taken for 1 (2 times), 1 taken for 7 (1 time), "
                         "2 taken for 1 (1 time).")
    assert dp.describe_confusion(dp.confusion(TRUE, TRUE)).endswith("0 lie off it.")


def test_misclassified_lists_the_wrong_ones_in_order():
    assert dp.misclassified(TRUE, SAID).tolist() == [3, 6, 7, 8]
    assert dp.misclassified(TRUE, TRUE).tolist() == []
    assert dp.misclassified(TRUE, SAID, limit=2).tolist() == [3, 6]


def test_misclassified_figure_shows_each_image_with_true_and_said():
    images = np.arange(10 * 64, dtype=float).reshape(10, 64) / 640
    which = dp.misclassified(TRUE, SAID)
    fig = dp.misclassified_figure(images, TRUE, SAID, which, columns=3)
    shown = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in shown] == ["true 1\nsaid 7", "true 2\nsaid 1",
                                                "true 8\nsaid 1", "true 8\nsaid 1"]
    assert len(fig.axes) == 6  # two rows of three, the last two hidden
    assert np.array_equal(shown[0].images[0].get_array(), images[3].reshape(8, 8))
    assert_readable(fig)
    assert svg(fig) == svg(dp.misclassified_figure(images, TRUE, SAID, which, columns=3))
    text = dp.describe_misclassified(images, TRUE, SAID, which)
    assert text.startswith("4 small 8 by 8 pixel greyscale images")
    assert text.endswith("a 1 read as 7; a 2 read as 1; an 8 read as 1; an 8 read as 1.")


def test_samples_figure_titles_each_image_with_its_digit():
    images = np.zeros((10, 64))
    fig = dp.samples_figure(images, TRUE, range(4), columns=10)
    assert [ax.get_title() for ax in fig.axes] == ["0", "0", "1", "1"]
    # ten across still fit the page column, so the titles keep their size
    wide = dp.samples_figure(images, TRUE, range(10), columns=10)
    assert wide.get_figwidth() == pytest.approx(dp.GALLERY_WIDTH)
    assert dp.describe_samples(images, TRUE, range(4)).endswith("its digit: 0, 0, 1, 1.")


# -- the derivatives the chapter uses -----------------------------------------------------------


def test_output_delta_derivation_ends_in_out_minus_t():
    text = dp.output_delta_derivation(3)
    assert "&= out_{o1} - t_{1} \\qquad \\text{when } t_{1} + t_{2} + t_{3} = 1" in text
    assert "E_{total} &= - t_{1} \\log{\\left(out_{o1} \\right)}" in text


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_sympys_output_delta_is_out_minus_t_for_any_target_that_sums_to_1(seed):
    rng = np.random.default_rng(seed)
    nets = rng.normal(0, 3, 10)
    target = rng.dirichlet(np.ones(10))
    out = activation("softmax").f(nets)
    assert np.allclose(dp.output_delta_values(nets, target), out - target, rtol=0, atol=TOL)


@pytest.mark.slow  # over 1.5 s: make check stays under a minute
def test_output_deltas_of_the_engine_equal_sympys():
    d = datasets.digits(seed=0)
    net = MLP.random([64, 32, 10], ["tanh", "softmax"], "cross_entropy", seed=0)
    deltas = dp.output_deltas(net, d.X_test[0], d.T_test[0])
    assert deltas.largest_difference < TOL
    assert np.array_equal(deltas.engine, deltas.out - deltas.target)
    lines = str(deltas.table()).splitlines()
    assert len(lines) == 12 and lines[2].startswith("| 0 | ")
    assert lines[2 + d.labels_test[0]].split(" | ")[2] == "1"


def test_hidden_slopes_sympy_equals_one_minus_out_squared():
    assert dp.hidden_slope_derivation().endswith(
        "= 1 - \\tanh^{2}{\\left(net_{h} \\right)} = 1 - out_{h}^{2}")
    d = datasets.digits(seed=0)
    net = MLP.random([64, 32, 10], ["tanh", "softmax"], "cross_entropy", seed=0)
    slopes = dp.hidden_slopes(net, d.X_test[0])
    assert len(slopes.net) == 32 and slopes.largest_difference < TOL
    assert np.allclose(slopes.sympy, 1 / np.cosh(slopes.net) ** 2, rtol=TOL, atol=0)
    assert len(str(slopes.table()).splitlines()) == 2 + 5


# -- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize("call, message", [
    (lambda: dp.step_size_figure(mistakes.step_model("w5"), [1e-5], [0.1]),
     "steps must be a 1-D sequence of at least 2 finite numbers > 0"),
    (lambda: dp.step_size_figure(mistakes.step_model("w5"), [1e-5, 1e-4], [0.1]),
     r"errors must hold one finite number >= 0 per step \(2\)"),
    (lambda: dp.train_with_curves(small_net(), SMALL, eta=0, epochs=1),
     "eta must be a finite number greater than 0"),
    (lambda: dp.train_with_curves(small_net(), SMALL, 0.1, epochs=-1), "epochs must be a whole"),
    (lambda: dp.train_with_curves(small_net(), SMALL, 0.1, 1, on_epoch=3), "on_epoch must be"),
    (lambda: dp.Progress(0), "epochs must be a whole number >= 1"),
    (lambda: dp.curves_figure("curves"), "curves must be a Curves"),
    (lambda: dp.curves_figure(curves_example(), target=1.5), r"target must lie in \[0, 1\]"),
    (lambda: dp.curves_table(curves_example(), epochs=[4]),
     r"epochs must be a whole number in \[0, 3\]"),
    (lambda: dp.curves_table(dp.Curves(*(np.ones(1),) * 4)), "curves must span at least 1"),
    (lambda: dp.accuracy_check(1.2, 10), r"accuracy must lie in \[0, 1\]"),
    (lambda: dp.accuracy_check(0.9, 0), "n must be a whole number >= 1"),
    (lambda: dp.confusion([0, 10], [0, 1]), r"labels must lie in \[0, 9\]"),
    (lambda: dp.confusion([0, 1], [0, 1, 2]), r"predicted must have shape \(2,\)"),
    (lambda: dp.confusion([0.5, 1], [0, 1]), "labels must be a non-empty 1-D array of whole"),
    (lambda: dp.confusion_figure(np.ones((2, 3), dtype=int)), "counts must be a square matrix"),
    (lambda: dp.misclassified_figure(np.zeros((2, 64)), [0, 1], [1, 0], [2]),
     "which must index the 2 rows"),
    (lambda: dp.misclassified_figure(np.zeros((2, 64)), [0, 1, 1], [1, 0], [0]),
     r"labels and predicted must hold one digit per row of X \(2\)"),
    (lambda: dp.misclassified_figure(np.zeros((2, 63)), [0, 1], [1, 0], [0]),
     r"X must have shape \(examples, 64\)"),
    (lambda: dp.output_delta_derivation(1), "classes must be a whole number >= 2"),
    (lambda: dp.output_delta_values([1.0, 2.0], [1.0]), r"target_row must have shape \(2,\)"),
    (lambda: dp.significant(float("inf")), "x must be a finite real number"),
])
def test_bad_input_raises_value_error_naming_the_parameter(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_second_half_measures_each_error_from_the_middle_epoch_to_the_end():
    c = dp.Curves(np.array([4.0, 2.0, 1.0, 0.5, 0.25]), np.array([4.0, 3.0, 2.0, 1.5, 1.5]),
                  np.zeros(5), np.zeros(5))
    assert c.second_half() == {"from": 2, "train_E": (1.0, 0.25, 0.75),
                               "test_E": (2.0, 1.5, 0.25)}


# -- the numbers in the text -----------------------------------------------------------------


def test_data_network_and_training_facts_for_the_chapters_run():
    digits = datasets.digits(test_fraction=0.25, seed=0)
    assert dp.data_facts(digits) == {"n_train": 1348, "n_test": 449, "n_all": 1797,
                                     "pixels": 64}
    net = MLP.random([64, 32, 10], ["tanh", "softmax"], "cross_entropy", seed=0)
    assert dp.network_facts(net, 2410) == {"n_params": 2410, "tutorial_params": 10,
                                           "n_hidden": 32, "n_out": 10}
    assert dp.training_facts(digits, net, 40, 16, 0.05, 0.95) == {
        "epochs": 40, "batch": 16, "eta": 0.05, "target": 95.0, "chance": 10.0,
        "per_epoch": 85, "updates": 3400}  # 1,348 images: 84 batches of 16 and one of 4


def test_curves_facts_round_the_curves_as_the_text_shows_them():
    loss = np.array([2.46812, 1.0, 0.5, 0.25, 0.2])
    accuracy = np.array([0.06903, 0.70601, 0.9, 0.95, 0.96])
    facts = dp.curves_facts(dp.Curves(loss, 2 * loss, accuracy, accuracy))
    assert {k: facts[k] for k in ("train_E0", "train_E", "test_E", "acc0", "acc1", "late_min",
                                  "late_max", "half_from")} == {
        "train_E0": 2.468, "train_E": 0.2, "test_E": 0.4, "acc0": 6.9, "acc1": 70.6,
        "late_min": 6.903, "late_max": 96.0, "half_from": 2}
    assert (facts["train_E_then"], facts["train_E_end"], facts["test_E_then"]) == (0.5, 0.2, 1.0)
    assert abs(facts["train_E_fall"] - 0.6) < TOL and abs(facts["test_E_fall"] - 0.6) < TOL
    assert facts["log10"] == math.log(10)


def test_confusion_facts_count_the_wrong_answers_and_their_kinds():
    counts = np.diag([5] * 10)
    counts[3, 5], counts[8, 1], counts[2, 7] = 2, 1, 1
    assert dp.confusion_facts(counts) == {"n_wrong": 4, "top_true": 3, "top_said": 5,
                                          "top_count": 2, "n_kinds": 3}
