"""Figures and helpers for two chapters beyond the one example.

"Gradient checking four ways":
    step_size_figure(model, steps, errors)     the finite difference's error against its
    describe_step_size_figure(...)             step h, log-log: the V, and its alt text

"A real data set" (handwritten digits, datasets.digits, trained with mlp.MLP):
    train_with_curves(net, data, ...)  MLP.train, measuring the training and the test set
                                       after each epoch (its on_epoch hook): a `Curves`
    Progress(epochs)                   a progress bar (ipywidgets) to pass as on_epoch
    curves_figure / describe_curves    loss and accuracy per epoch, training and test
    confusion(labels, predicted)       the 10 x 10 count matrix
    confusion_figure / describe_confusion
    misclassified(labels, predicted)   the test images the network gets wrong
    misclassified_figure / describe_misclassified
    samples_figure / describe_samples  a few digits with their labels
    accuracy_check(accuracy, n)        "test accuracy 97.10%: 436 of the 449 ... ✓"
    output_delta_derivation(classes)   SymPy: softmax + cross-entropy gives delta = out - t
    output_deltas(net, x, t)           that delta from SymPy beside the engine's, per digit
    hidden_slope_derivation()          SymPy: tanh' = 1 - out^2; hidden_slopes(net, x) checks it
    curves_table(curves, epochs)       loss and accuracy at a few epochs, in stable digits
    significant(x, digits)             x to a few significant digits, for glue
    data_facts, network_facts, training_facts, curves_facts, confusion_facts
                                       the chapter's numbers for its text, {name: value}

Figures are plain matplotlib Figures: white, fonts >= 10 pt, Okabe-Ito colours.
"""
import math
from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure

from .. import _validate
from ..derive import symbolic
from ..display.figures import chart
from ..display.style import BLUE, GREEN, GREY, INK, VERMILLION, styled
from ..display.tables import Table
from ..display.numbers import sci, significant
from ..tutorial.network import PARAMETERS

DIGITS = 10
ACCURACY_FLOOR = 80  # percent: the accuracy panel's lower edge
GALLERY_WIDTH = 7.4  # inches: a row of digit images is never wider than the page column


def _figure(width, height):
    return Figure(figsize=(width, height), facecolor="white")


def _style(ax):
    ax.set_facecolor("white")
    ax.grid(True, which="major")
    ax.set_axisbelow(True)


def _steps_and_errors(steps, errors):
    steps = np.asarray(steps, dtype=float)
    errors = np.asarray(errors, dtype=float)
    if steps.ndim != 1 or len(steps) < 2 or not np.all(np.isfinite(steps) & (steps > 0)):
        raise ValueError("steps must be a 1-D sequence of at least 2 finite numbers > 0")
    if errors.shape != steps.shape or not np.all(np.isfinite(errors) & (errors >= 0)):
        raise ValueError(f"errors must hold one finite number >= 0 per step "
                         f"({len(steps)}), got shape {errors.shape}")
    return steps, errors


# -- the finite difference's step ------------------------------------------------------------


@styled
def step_size_figure(model, steps, errors):
    """|finite difference - exact| against h on log-log axes, with the two model terms.

    model: a mistakes.StepModel (truncation h^2 |E'''| / 6, rounding eps |E| / h, best
    step). steps, errors: mistakes.sweep_steps() and mistakes.step_errors(). An error of
    exactly 0 (a lucky rounding) cannot sit on a log axis and is left out.
    """
    steps, errors = _steps_and_errors(steps, errors)
    fig, ax = chart((7.2, 4.2), "log", "log")
    shown = errors > 0
    ax.plot(steps[shown], errors[shown], "o-", color=BLUE, markersize=3.5, linewidth=1.4,
            label="measured error", gid="measured")
    ax.plot(steps, model.truncation(steps), "--", color=VERMILLION, linewidth=1.6,
            label=r"truncation $h^2\,|E'''|\,/\,6$", gid="truncation")
    ax.plot(steps, model.rounding(steps), ":", color=GREEN, linewidth=2.0,
            label=r"rounding $\varepsilon\,|E|\,/\,h$", gid="rounding")
    best = model.best_step
    ax.axvline(best, color=GREY, linewidth=1.2, gid="best")
    # Right of the line, above the V: only the truncation line passes there, further right.
    ax.annotate(f"best h ≈ {sci(best)}", (best, 0.8), xycoords=("data", "axes fraction"),
                xytext=(6, 0), textcoords="offset points",
                ha="left", va="center")
    low = max(errors[shown].min(), 1e-18) / 10
    high = errors.max() * 10
    ax.set_ylim(low, high)
    ax.set_xlim(steps.min(), steps.max())
    ax.set_xlabel("step h")
    ax.set_ylabel(f"|error| of dE/d{model.p}")
    ax.legend(frameon=False, loc="upper center", ncols=3,
              bbox_to_anchor=(0.5, 1.14))
    fig.tight_layout()
    return fig


def describe_step_size_figure(model, steps, errors):
    """Alt text: the axes, the two arms of the V, where the measured error is smallest."""
    steps, errors = _steps_and_errors(steps, errors)
    k = int(np.argmin(np.where(errors > 0, errors, np.inf)))
    return (f"Log-log chart of the error of the central difference for dE/d{model.p} "
            f"(vertical axis) against the step h (horizontal axis, {sci(steps.min())} to "
            f"{sci(steps.max())}). The measured error traces a V: on the right it falls "
            f"along the truncation line h squared times |E'''| / 6 as h shrinks, on the left "
            f"it rises, jagged, along the rounding line eps |E| / h. It is smallest, "
            f"{sci(errors[k])}, at h = {sci(steps[k])}; a vertical line marks the "
            f"best step the two lines predict, h ≈ {sci(model.best_step)}.")


# -- training with curves --------------------------------------------------------------------


@dataclass(frozen=True)
class Curves:
    """Per epoch k = 0 (before training), 1, ..., epochs: E and accuracy of both sets."""

    train_loss: np.ndarray
    test_loss: np.ndarray
    train_accuracy: np.ndarray
    test_accuracy: np.ndarray

    @property
    def epochs(self):
        return len(self.train_loss) - 1

    def second_half(self):
        """How the two errors move over the second half of training:
        {"from": its first epoch, "train_E"/"test_E": (E then, E at the end, the fraction
        E fell by)}."""
        start = self.epochs // 2
        return {"from": start, **{
            name: (float(e[start]), float(e[-1]), float(1 - e[-1] / e[start]))
            for name, e in (("train_E", self.train_loss), ("test_E", self.test_loss))}}


def train_with_curves(net, data, eta, epochs, batch_size=32, seed=0, on_epoch=None):
    """Train `MLP` net on data (a datasets.Split) for epochs, measuring after each one.

    One net.train(X_train, T_train, eta, epochs, batch_size, seed=seed) call, whose on_epoch
    hook measures the error and the accuracy on both sets after every epoch.
    on_epoch(k, curves_so_far) is called after each epoch (for a progress bar).
    Returns a `Curves`; net is trained in place.
    """
    if on_epoch is not None and not callable(on_epoch):
        raise ValueError(f"on_epoch must be a function (k, curves) or None, got {on_epoch!r}")
    rows = [_measure(net, data, net.error(data.X_train, data.T_train))]

    def measured(k, train_error):
        rows.append(_measure(net, data, train_error))
        if on_epoch is not None:
            on_epoch(k, _curves(rows))

    net.train(data.X_train, data.T_train, eta, epochs, batch_size=batch_size, seed=seed,
              on_epoch=measured)
    return _curves(rows)


def _measure(net, data, train_error):
    return (train_error, net.error(data.X_test, data.T_test),
            net.accuracy(data.X_train, data.T_train), net.accuracy(data.X_test, data.T_test))


def _curves(rows):
    return Curves(*(np.array(column) for column in zip(*rows)))


class Progress:
    """An ipywidgets progress bar for train_with_curves(on_epoch=...), with a short label."""

    def __init__(self, epochs):
        import ipywidgets as widgets  # only the live notebook needs it

        self.epochs = _validate.count("epochs", epochs, minimum=1)
        self.bar = widgets.IntProgress(value=0, min=0, max=self.epochs, description="epochs:")
        self.label = widgets.Label(f"0 of {self.epochs}")
        self.widget = widgets.HBox([self.bar, self.label])

    def __call__(self, k, curves):
        self.bar.value = k
        self.label.value = (f"{k} of {self.epochs}: test accuracy "
                            f"{100 * curves.test_accuracy[-1]:.1f}%")

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def _check_curves(curves):
    if not isinstance(curves, Curves):
        raise ValueError(f"curves must be a Curves (from train_with_curves), "
                         f"got {type(curves).__name__}")
    if curves.epochs < 1:
        raise ValueError("curves must span at least 1 epoch")
    return curves


@styled
def curves_figure(curves, target=0.95):
    """Left: the loss per epoch (log scale); right: the accuracy in percent, with target."""
    curves = _check_curves(curves)
    target = _validate.in_range("target", target, 0, 1)
    k = np.arange(curves.epochs + 1)
    fig = _figure(7.6, 3.6)
    left, right = fig.subplots(1, 2)
    for ax in (left, right):
        _style(ax)
        ax.set_xlabel("epoch")
        ax.set_xlim(0, curves.epochs)
    for ax, train, test in ((left, curves.train_loss, curves.test_loss),
                            (right, 100 * curves.train_accuracy, 100 * curves.test_accuracy)):
        ax.plot(k, train, "-", color=BLUE, linewidth=2, label="training set", gid="train")
        ax.plot(k, test, "--", color=VERMILLION, linewidth=2, marker="o", markersize=3.5,
                label="test set", gid="test")
    left.set_yscale("log")
    left.set_ylabel("cross-entropy E (log scale)")
    right.axhline(100 * target, color=GREY, linewidth=1.2, linestyle=":", gid="target")
    right.annotate(f"{100 * target:g}%", (curves.epochs, 100 * target), xytext=(-4, -4),
                   textcoords="offset points", ha="right", va="top")
    right.set_ylabel("accuracy (%)")
    # The start (a guess among ten digits, about 10%) would squash the part that matters.
    floor = ACCURACY_FLOOR
    right.set_ylim(floor, 100)
    low = [100 * a for a in (curves.train_accuracy[0], curves.test_accuracy[0])]
    if min(low) < floor:
        start = (f"{low[0]:.0f}%" if f"{low[0]:.0f}" == f"{low[1]:.0f}"
                 else f"{low[0]:.0f}% and {low[1]:.0f}%")
        right.annotate(f"epoch 0: {start},\nbelow the chart",
                       (curves.epochs, floor), xytext=(-4, 4), textcoords="offset points",
                       ha="right", va="bottom")
    left.legend(frameon=False, loc="upper right")
    fig.tight_layout()
    return fig


def describe_curves(curves, target=0.95):
    """Alt text: both panels, where each curve starts and ends."""
    c = _check_curves(curves)
    n = c.epochs
    return (f"Two line charts over {n} epochs of training, the training set as a solid line "
            f"and the test set dashed. Left, the cross-entropy error on a log scale: the "
            f"training error falls from {c.train_loss[0]:.3g} to {c.train_loss[-1]:.3g}, the "
            f"test error from {c.test_loss[0]:.3g} to {c.test_loss[-1]:.3g}. Right, the "
            f"accuracy in percent: training from {100 * c.train_accuracy[0]:.1f}% to "
            f"{100 * c.train_accuracy[-1]:.1f}%, test from {100 * c.test_accuracy[0]:.1f}% to "
            f"{100 * c.test_accuracy[-1]:.1f}%, with a dotted line at the "
            f"{100 * target:g}% target.")


def accuracy_check(accuracy, n, target=0.95):
    """One line: the accuracy in percent (2 decimals) and whether it reaches the target."""
    accuracy = _validate.in_range("accuracy", accuracy, 0, 1)
    n = _validate.count("n", n, minimum=1)
    target = _validate.in_range("target", target, 0, 1)
    right = round(accuracy * n)
    verdict = "✓" if accuracy >= target else "✗ below it"
    return (f"test accuracy {100 * accuracy:.2f}%: {right} of the {n:,} test images right\n"
            f"at least {100 * target:g}%? {verdict}")


def curves_table(curves, epochs=None):
    """Loss and accuracy at a few epochs (default 0, 1, 2, 5, every 10th, the last), printed to
    digits that survive another machine's rounding: losses to 4 significant digits,
    accuracies in percent to 2 decimals."""
    c = _check_curves(curves)
    if epochs is None:
        epochs = sorted({0, 1, 2, 5, *range(10, c.epochs, 10), c.epochs}
                        & set(range(c.epochs + 1)))
    rows = []
    for k in epochs:
        k = _validate.count("epochs", k, maximum=c.epochs)
        rows.append((f"{k}", f"{c.train_loss[k]:.4g}", f"{c.test_loss[k]:.4g}",
                     f"{100 * c.train_accuracy[k]:.2f}%", f"{100 * c.test_accuracy[k]:.2f}%"))
    return Table(["epoch", "training E", "test E", "training accuracy", "test accuracy"], rows)


# -- which digits it gets wrong -----------------------------------------------------------------


def _labels(name, labels, classes=DIGITS):
    labels = np.asarray(labels)
    if labels.ndim != 1 or labels.size == 0 or not np.issubdtype(labels.dtype, np.integer):
        raise ValueError(f"{name} must be a non-empty 1-D array of whole numbers")
    if labels.min() < 0 or labels.max() >= classes:
        raise ValueError(f"{name} must lie in [0, {classes - 1}], got values in "
                         f"[{labels.min()}, {labels.max()}]")
    return labels


def confusion(labels, predicted, classes=DIGITS):
    """counts[i, j]: how many examples of class i were predicted as class j."""
    classes = _validate.count("classes", classes, minimum=2)
    labels = _labels("labels", labels, classes)
    predicted = _labels("predicted", predicted, classes)
    if predicted.shape != labels.shape:
        raise ValueError(f"predicted must have shape {labels.shape}, one per label, "
                         f"got {predicted.shape}")
    counts = np.zeros((classes, classes), dtype=int)
    np.add.at(counts, (labels, predicted), 1)
    return counts


def _counts(counts):
    counts = np.asarray(counts)
    if (counts.ndim != 2 or counts.shape[0] != counts.shape[1] or counts.shape[0] < 2
            or not np.issubdtype(counts.dtype, np.integer) or counts.min() < 0):
        raise ValueError("counts must be a square matrix of whole numbers >= 0 (from confusion)")
    return counts


def confusions(counts, limit=3):
    """The largest off-diagonal counts, [(true, predicted, count), ...], largest first."""
    counts = _counts(counts)
    off = [(int(c), i, j) for (i, j), c in np.ndenumerate(counts) if i != j and c > 0]
    off.sort(key=lambda x: (-x[0], x[1], x[2]))
    return [(i, j, c) for c, i, j in off[:_validate.count("limit", limit)]]


@styled
def confusion_figure(counts):
    """The count matrix as a grid of shaded squares, true digit down, predicted across.

    Correct answers sit on the diagonal; every other non-zero square is a kind of mistake,
    outlined so that a single count stands out against the white.
    """
    counts = _counts(counts)
    n = counts.shape[0]
    fig = _figure(5.6, 5.0)
    ax = fig.add_subplot()
    image = ax.imshow(counts, cmap="Blues", vmin=0, vmax=counts.max(), gid="counts")
    for (i, j), c in np.ndenumerate(counts):
        if c == 0:
            continue
        dark = c > 0.55 * counts.max()
        ax.text(j, i, str(c), ha="center", va="center",
                color="white" if dark else INK, fontweight="bold" if i != j else "normal")
        if i != j:
            ax.add_patch(_square(j, i))
    ax.set_xticks(range(n))
    ax.set_yticks(range(n))
    # Room between each axis label and its tick labels (the figure's text is drawn as
    # outlines, wider than the bounding boxes the default gaps allow for).
    ax.set_xlabel("predicted digit", labelpad=8)
    ax.set_ylabel("true digit", labelpad=8)
    ax.xaxis.set_label_position("top")
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_color(GREY)
    bar = fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    bar.set_label("test images", labelpad=10)
    fig.tight_layout()
    return fig


def _square(x, y):
    from matplotlib.patches import Rectangle
    return Rectangle((x - 0.5, y - 0.5), 1, 1, fill=False, edgecolor=VERMILLION, linewidth=2)


def describe_confusion(counts):
    """Alt text: the totals, the diagonal, the most frequent confusions."""
    counts = _counts(counts)
    total, right = int(counts.sum()), int(np.trace(counts))
    worst = confusions(counts, limit=3)
    text = (f"Confusion matrix of {total} test images: a {counts.shape[0]} by "
            f"{counts.shape[1]} grid, the true digit down the side and the predicted digit "
            f"across the top, each square shaded by its count. {right} images sit on the "
            f"diagonal, classified correctly; {total - right} lie off it.")
    if worst:
        parts = [f"{i} taken for {j} ({c} time{'s' if c > 1 else ''})" for i, j, c in worst]
        text += f" The most frequent mistakes: {', '.join(parts)}."
    return text


def misclassified(labels, predicted, limit=None):
    """Indices of the examples whose prediction is wrong, in order (the first `limit`)."""
    labels = _labels("labels", labels)
    predicted = _labels("predicted", predicted)
    if predicted.shape != labels.shape:
        raise ValueError(f"predicted must have shape {labels.shape}, got {predicted.shape}")
    wrong = np.flatnonzero(labels != predicted)
    return wrong if limit is None else wrong[:_validate.count("limit", limit)]


def _images(X, labels, predicted, which):
    X = _validate.array("X", X, ("examples", 64))
    labels, predicted = _labels("labels", labels), _labels("predicted", predicted)
    which = np.asarray(which, dtype=int)
    if which.ndim != 1 or which.size == 0:
        raise ValueError("which must be a non-empty 1-D list of example indices")
    if len(labels) != len(X) or len(predicted) != len(X):
        raise ValueError(f"labels and predicted must hold one digit per row of X ({len(X)}), "
                         f"got {len(labels)} and {len(predicted)}")
    if which.min() < 0 or which.max() >= len(X):
        raise ValueError(f"which must index the {len(X)} rows of X, labels and predicted")
    return X, labels, predicted, which


@styled
def _gallery(X, which, titles, columns):
    """The 8 x 8 images X[which] in a grid, each under its title."""
    columns = _validate.count("columns", columns, minimum=1)
    columns = min(columns, len(which))
    rows = -(-len(which) // columns)
    lines = max(t.count("\n") + 1 for t in titles)
    # At most the page column's width (about 7.4 in), so that the 11 pt titles stay 11 pt.
    side = min(1.2, GALLERY_WIDTH / columns)
    fig = _figure(side * columns, (side + 0.15 + 0.25 * lines) * rows)
    axes = np.atleast_1d(fig.subplots(rows, columns)).ravel()
    for ax in axes[len(which):]:
        ax.set_visible(False)
    for ax, n, title in zip(axes, which, titles):
        ax.imshow(X[n].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1,
                  interpolation="nearest", gid=f"digit-{n}")
        ax.set_title(title, linespacing=1.1)
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_color(GREY)
    fig.tight_layout()
    return fig


@styled
def samples_figure(X, labels, which, columns=10):
    """The 8 x 8 images at indices which, each titled with its digit."""
    X, labels, _, which = _images(X, labels, labels, which)
    return _gallery(X, which, [f"{labels[n]}" for n in which], columns)


def describe_samples(X, labels, which):
    X, labels, _, which = _images(X, labels, labels, which)
    digits = ", ".join(str(labels[n]) for n in which)
    return (f"{len(which)} handwritten digits as 8 by 8 pixel greyscale images, dark ink on "
            f"white, each titled with its digit: {digits}.")


@styled
def misclassified_figure(X, labels, predicted, which, columns=7):
    """The 8 x 8 images at indices which, each titled with its true and predicted digit."""
    X, labels, predicted, which = _images(X, labels, predicted, which)
    return _gallery(X, which, [f"true {labels[n]}\nsaid {predicted[n]}" for n in which],
                    columns)


def _a(digit):
    """The article before a digit read aloud: "an 8", "a 7"."""
    return "an" if int(digit) == 8 else "a"


def describe_misclassified(X, labels, predicted, which):
    """Alt text: how many images, and each one's true and predicted digit."""
    X, labels, predicted, which = _images(X, labels, predicted, which)
    pairs = "; ".join(f"{_a(labels[n])} {labels[n]} read as {predicted[n]}" for n in which)
    return (f"{len(which)} small 8 by 8 pixel greyscale images of handwritten digits that "
            f"the network classified wrongly, each titled with its true and predicted "
            f"digit: {pairs}.")


# -- the output layer's delta ---------------------------------------------------------------------


def _softmax_cross_entropy(classes):
    import sympy as sp
    from ..nn.activations import activation
    from ..nn.losses import loss

    nets = sp.symbols(f"net_o1:{classes + 1}")
    targets = sp.symbols(f"t1:{classes + 1}")
    outs = activation("softmax").sympy_expr(nets)
    error = sp.Add(*(loss("cross_entropy").sympy_expr(o, t) for o, t in zip(outs, targets)))
    return sp, nets, targets, outs, error


def output_delta_derivation(classes=3):
    """LaTeX: E_total = -sum t_k log out_k of a softmax layer, SymPy's dE_total/dnet_o1,
    and that it equals out_o1 - t1 when the targets add up to 1 (SymPy checks the last
    step: the difference simplifies to 0, or this raises)."""
    classes = _validate.count("classes", classes, minimum=2)
    sp, nets, targets, outs, error = _softmax_cross_entropy(classes)
    derivative = sp.cancel(sp.diff(error, nets[0]))  # one fraction over the common sum
    one = {targets[-1]: 1 - sp.Add(*targets[:-1])}
    if sp.cancel(derivative.xreplace(one) - (outs[0] - targets[0]).xreplace(one)) != 0:
        raise ArithmeticError("SymPy does not reduce the delta to out - t")  # never, if right
    out_sym = sp.symbols(f"out_o1:{classes + 1}")
    total = " + ".join(sp.latex(t) for t in targets)
    lines = [
        f"{sp.latex(out_sym[0])} &= {sp.latex(outs[0])}",
        f"E_{{total}} &= {sp.latex(sp.Add(*(-t * sp.log(o) for t, o in zip(targets, out_sym))))}",
        f"\\frac{{\\partial E_{{total}}}}{{\\partial {sp.latex(nets[0])}}} &= "
        f"{sp.latex(derivative)}",
        f"&= {sp.latex(out_sym[0])} - {sp.latex(targets[0])} "
        f"\\qquad \\text{{when }} {total} = 1",
    ]
    return symbolic.aligned(lines)


def output_delta_values(net_row, target_row):
    """SymPy's dE_total/dnet_o for each output of one example, evaluated at its net inputs
    (the derivative as SymPy takes it, without the out - t shortcut)."""
    net_row = _validate.array("net_row", net_row, ("outputs",))
    target_row = _validate.array("target_row", target_row, (len(net_row),))
    classes = len(net_row)
    sp, nets, targets, _, error = _softmax_cross_entropy(classes)
    derivatives = [sp.diff(error, n) for n in nets]
    fn = sp.lambdify((*nets, *targets), derivatives, modules="math")
    # Shifting every net by the same amount leaves the softmax alone; it keeps exp small.
    shifted = net_row - net_row.max()
    return np.array(fn(*shifted, *target_row), dtype=float)


def hidden_slope_derivation():
    """LaTeX: SymPy's derivative of a tanh neuron's out = tanh(net), and that it is
    1 - out^2 (SymPy checks this step too, or this raises)."""
    import sympy as sp
    from ..nn.activations import activation
    from ..derive.symbolic import Latex

    net, out = sp.symbols("net_h out_h")
    f = activation("tanh").sympy_expr(net)
    slope = sp.diff(f, net)
    if sp.simplify(slope - (1 - f ** 2)) != 0:
        raise ArithmeticError("SymPy does not reduce tanh' to 1 - tanh^2")  # never, if right
    return Latex(f"\\frac{{\\partial {sp.latex(out)}}}{{\\partial {sp.latex(net)}}} = "
                 f"\\frac{{d}}{{d {sp.latex(net)}}} {sp.latex(f)} = {sp.latex(slope)} = "
                 f"{sp.latex(1 - out ** 2)}")


@dataclass(frozen=True)
class HiddenSlopes:
    """One example's hidden neurons: net, out, SymPy's dout/dnet and the engine's df."""

    net: np.ndarray
    out: np.ndarray
    sympy: np.ndarray
    engine: np.ndarray

    @property
    def largest_difference(self):
        return float(np.max(np.abs(self.sympy - self.engine)))

    def table(self, neurons=5):
        """The first `neurons` hidden neurons."""
        neurons = _validate.count("neurons", neurons, minimum=1)
        rows = [(f"{j + 1}", f"{self.net[j]:+.6f}", f"{self.out[j]:+.6f}",
                 f"{self.sympy[j]:.6f}", f"{self.engine[j]:.6f}")
                for j in range(min(neurons, len(self.net)))]
        return Table(["hidden neuron", "`net`", "`out`", "SymPy's dout/dnet",
                      "engine's 1 - out²"], rows)


def hidden_slopes(net, x):
    """The first layer's slopes for one example x: SymPy's derivative of tanh evaluated at
    each net, beside the engine's activation df (written through out: 1 - out^2)."""
    import sympy as sp

    x = np.asarray(x, dtype=float).reshape(1, -1)
    p = net.forward(x)
    act = net.activations[0]
    s = sp.Symbol("net")
    slope = sp.lambdify(s, sp.diff(act.sympy_expr(s), s), modules="math")
    nets, outs = p.nets[0][0], p.outs[0][0]
    return HiddenSlopes(nets, outs, np.array([float(slope(v)) for v in nets]),
                        act.df(nets, outs))


@dataclass(frozen=True)
class OutputDeltas:
    """One example's output layer: out, t, SymPy's dE_total/dnet and the engine's delta."""

    out: np.ndarray
    target: np.ndarray
    sympy: np.ndarray
    engine: np.ndarray

    @property
    def largest_difference(self):
        return float(np.max(np.abs(self.sympy - self.engine)))

    def table(self):
        rows = [(f"{k}", f"{self.out[k]:.6f}", f"{self.target[k]:g}", f"{self.sympy[k]:+.6f}",
                 f"{self.engine[k]:+.6f}") for k in range(len(self.out))]
        return Table(["digit", "`out`", "`t`", "SymPy's dE_total/dnet", "engine's delta"], rows)


def output_deltas(net, x, t):
    """The output deltas of `MLP` net for one example x (inputs) with target row t, from
    SymPy's derivative and from the engine's backward pass."""
    x = np.asarray(x, dtype=float).reshape(1, -1)
    t = np.asarray(t, dtype=float).reshape(1, -1)
    g = net.backward(x, t)
    return OutputDeltas(g.forward.output[0], t[0],
                        output_delta_values(g.forward.nets[-1][0], t[0]), g.deltas[-1][0])


# -- the numbers in "A real data set" -----------------------------------------------------------


def data_facts(data):
    """How many training and test images (datasets.digits' split), and their pixels."""
    n_train, n_test = len(data.X_train), len(data.X_test)
    return {"n_train": n_train, "n_test": n_test, "n_all": n_train + n_test,
            "pixels": data.X_train.shape[1]}


def network_facts(net, n_params):
    """The 64-n_hidden-n_out network's n_params weights and biases beside the tutorial's."""
    return {"n_params": n_params, "tutorial_params": len(PARAMETERS),
            "n_hidden": net.sizes[1], "n_out": net.sizes[2]}


def training_facts(data, net, epochs, batch, eta, target):
    """The training run's settings, the accuracy it aims at (target) and chance's, in
    percent, and its updates: batches of `batch` of the training images, per epoch."""
    per_epoch = -(-len(data.X_train) // batch)
    return {"epochs": epochs, "batch": batch, "eta": eta, "target": 100 * target,
            "chance": 100 / net.sizes[-1], "per_epoch": per_epoch,
            "updates": per_epoch * epochs}


def curves_facts(curves):
    """The curves' first and last losses and accuracies, and the second half's fall, to the
    digits a training result keeps on every machine (significant)."""
    curves = _check_curves(curves)
    late = 100 * curves.test_accuracy[-10:]
    half = curves.second_half()
    facts = {"train_E0": significant(curves.train_loss[0]), "log10": math.log(10),
             "train_E": significant(curves.train_loss[-1]),
             "test_E": significant(curves.test_loss[-1]),
             "acc0": significant(100 * curves.test_accuracy[0], 3),
             "acc1": significant(100 * curves.test_accuracy[1], 3),
             "late_min": significant(late.min(), 4), "late_max": significant(late.max(), 4),
             "half_from": half["from"]}
    for name in ("train_E", "test_E"):
        facts.update({f"{name}_{key}": value
                      for key, value in zip(("then", "end", "fall"), half[name])})
    return facts


def confusion_facts(counts):
    """How many test images are wrong, the most common confusion, and how many kinds."""
    counts = _counts(counts)
    (i, j, c), *_ = confusions(counts, limit=1)
    return {"n_wrong": int(counts.sum() - counts.trace()), "top_true": i, "top_said": j,
            "top_count": c, "n_kinds": len(confusions(counts, limit=counts.size))}
