"""Chapter 12's vanishing gradients: how big the error signal is, layer by layer.

    deep_sizes(depth, width, n_in, n_out)   [n_in, width, ..., width, n_out]
    layer_signals(sizes, hidden, X, T, seeds)   each layer's mean |delta| and rms dE/dW at
                                             the start of training, one row per seed -> Signals
    Signals.median(measure)                  the typical value per layer, over the seeds
    signals_table(signals)                   mean |delta| per layer, one column per activation
    signals_figure(signals), describe_signals_figure(signals)   both measures, log y axis
    shrink_factors(signals, hidden)          each layer's median mean |delta| over the next's
    signal_facts(signals, examples)          the numbers in the text

Every network is MLP.random(sizes, [hidden] * (layers - 1) + ["logistic"], seed=s): the
hidden layers all use one activation, the output neuron is the tutorial's logistic with
squared error, and init="auto" gives the logistic and tanh layers Xavier weights and the
ReLU layers He weights. Nothing is trained: the numbers are those of the first backward
pass, where the difference between activations is pure arithmetic (the recursion for delta
multiplies by f'(net) once per layer), not the outcome of a training run.
"""
from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure

from .. import _validate
from ..display.numbers import significant
from ..display.tables import Table
from ..display.style import RUN_COLORS, RUN_STYLES, SMALL, styled
from ..nn.activations import ACTIVATIONS, activation
from ..nn.mlp import MLP

MEASURES = ("delta", "gradient")
MARKERS = ("o", "s", "^")
MAX_DEPTH, MAX_WIDTH = 50, 1024


def deep_sizes(depth, width, n_in=2, n_out=1):
    """[n_in, width, ..., width, n_out] with `depth` hidden layers (1 to 50) of `width`
    neurons (1 to 1024)."""
    depth = _validate.count("depth", depth, minimum=1, maximum=MAX_DEPTH)
    width = _validate.count("width", width, minimum=1, maximum=MAX_WIDTH)
    n_in = _validate.count("n_in", n_in, minimum=1)
    n_out = _validate.count("n_out", n_out, minimum=1)
    return [n_in] + [width] * depth + [n_out]


@dataclass(frozen=True)
class Signals:
    """The first backward pass of one network shape, per hidden activation and seed.

    delta[name][s, l]: the mean |delta| of layer l (over its neurons and the examples)
    for the network of seed seeds[s] whose hidden layers use activation `name`;
    gradient[name][s, l]: the root mean square of the entries of dE/dW[l] (the typical
    size of one weight's gradient in layer l). Layers count from 0 here; the book's
    layer l + 1.
    """

    sizes: list
    seeds: list
    delta: dict
    gradient: dict

    @property
    def activations(self):
        return list(self.delta)

    @property
    def layers(self):
        return len(self.sizes) - 1

    def median(self, measure):
        """{activation: per-layer median over the seeds} of "delta" or "gradient"."""
        _validate.choice("measure", measure, MEASURES)
        values = self.delta if measure == "delta" else self.gradient
        return {name: np.median(v, axis=0) for name, v in values.items()}


def layer_signals(sizes, hidden, X, T, seeds):
    """Signals: each hidden activation in `hidden` (names, at most 3), each seed, one
    backward pass over X, T of MLP.random(sizes, [act, ..., act, "logistic"], seed)."""
    if not isinstance(sizes, (list, tuple)) or len(sizes) < 3:
        raise ValueError(f"sizes must list at least 3 layer sizes (one hidden layer or "
                         f"more), got {sizes!r}")
    if isinstance(hidden, str) or not isinstance(hidden, (list, tuple)) \
            or not 1 <= len(hidden) <= len(MARKERS):
        raise ValueError(f"hidden must list 1 to {len(MARKERS)} activation names, "
                         f"got {hidden!r}")
    for name in hidden:
        _validate.choice("hidden", name, ACTIVATIONS)
    if isinstance(seeds, (str, bytes)) or not list(seeds):
        raise ValueError("seeds must list at least one whole number")
    seeds = [_validate.count("seeds", s) for s in seeds]
    delta, gradient = {}, {}
    for name in hidden:
        d, g = [], []
        for s in seeds:
            net = MLP.random(sizes, [name] * (len(sizes) - 2) + ["logistic"], seed=s)
            grads = net.backward(X, T)
            d.append([float(np.mean(np.abs(x))) for x in grads.deltas])
            g.append([float(np.sqrt(np.mean(x ** 2))) for x in grads.dE_dW])
        delta[name], gradient[name] = np.array(d), np.array(g)
    return Signals(list(sizes), seeds, delta, gradient)


def _signals(signals):
    return _validate.instance("signals", signals, Signals)


SUPERSCRIPT = str.maketrans("-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075"
                                           "\u2076\u2077\u2078\u2079")


def _sig(x, digits=2):
    """x to `digits` significant digits as a reader writes it: 0.12, 0.0014, 3.5 × 10⁻⁶."""
    if x != 0 and (abs(x) < 1e-4 or abs(x) >= 1e4):
        mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
        return f"{mantissa} × 10{str(int(exponent)).translate(SUPERSCRIPT)}"
    return f"{x:#.{digits}g}".rstrip(".")


def shrink_factors(signals, hidden):
    """Per layer 1 .. L-1 (book numbering): the median mean |delta| of the next layer over
    this layer's, for hidden activation `hidden`: by what factor the signal shrinks on
    its way back through this layer."""
    signals = _signals(signals)
    _validate.choice("hidden", hidden, signals.activations)
    d = signals.median("delta")[hidden]
    return d[1:] / d[:-1]


def signals_table(signals):
    """Layer by layer (book numbering, the output last): the median over the seeds of
    the mean |delta|, one column per hidden activation, 2 significant digits."""
    signals = _signals(signals)
    med = signals.median("delta")
    rows = []
    for l in range(signals.layers):
        what = " (output)" if l == signals.layers - 1 else ""
        rows.append((f"{l + 1}{what}", f"{signals.sizes[l]} → {signals.sizes[l + 1]}",
                     *(_sig(med[name][l]) for name in signals.activations)))
    return Table(["layer", "neurons", *(f"{name} hidden layers"
                                        for name in signals.activations)], rows)


_TITLES = {"delta": "mean |δ| of the layer", "gradient": "typical |∂E/∂w| in the layer"}


@styled
def signals_figure(signals):
    """Two panels, layer on x (1 = first hidden layer), log y: the mean |delta| and the
    rms dE/dW per layer, one line per hidden activation (median over the seeds, markers)
    with a band from the smallest to the largest seed."""
    signals = _signals(signals)
    fig = Figure(figsize=(7.6, 3.9), facecolor="white")
    axes = fig.subplots(1, 2, sharey=True)
    layers = np.arange(1, signals.layers + 1)
    for ax, measure in zip(axes, MEASURES):
        values = signals.delta if measure == "delta" else signals.gradient
        for i, name in enumerate(signals.activations):
            v = values[name]
            ax.fill_between(layers, v.min(axis=0), v.max(axis=0), color=RUN_COLORS[i],
                            alpha=0.15, linewidth=0, gid=f"{measure}-band-{name}")
            ax.plot(layers, np.median(v, axis=0), color=RUN_COLORS[i],
                    linestyle=RUN_STYLES[i], marker=MARKERS[i], linewidth=1.8,
                    label=f"{name} hidden layers", gid=f"{measure}-{name}")
        ax.set_facecolor("white")
        ax.set_yscale("log")
        ax.set_xticks(layers)
        ax.set_xticklabels([f"{l}" if l < signals.layers else f"{l}\nout" for l in layers])
        ax.grid(True, which="major")
        ax.set_axisbelow(True)
        ax.set_xlabel("layer (1 = first hidden layer)")
        ax.set_title(_TITLES[measure])
        ax.tick_params(labelsize=SMALL)
    axes[0].set_ylabel("size (log scale)")
    fig.legend(*axes[0].get_legend_handles_labels(), loc="upper center",
               ncols=len(signals.activations), frameon=False)
    fig.tight_layout(rect=(0, 0, 1, 0.9))
    return fig


def describe_signals_figure(signals):
    """Alt text for signals_figure, from the same medians."""
    signals = _signals(signals)
    shape = "-".join(map(str, signals.sizes))
    parts = [f"Two line charts with a logarithmic vertical axis, layer 1 to "
             f"{signals.layers} on the horizontal axis, for {shape} networks at their "
             f"random start (median of {len(signals.seeds)} seeds, with a band from the "
             f"smallest to the largest). Left: the mean size of the deltas in each layer. "
             f"Right: the typical size of one weight's gradient in each layer."]
    for measure, what in (("delta", "mean |δ|"), ("gradient", "typical gradient")):
        med = signals.median(measure)
        for name in signals.activations:
            v = med[name]
            parts.append(f"{what}, {name}: {_plain(v[-1])} at the output layer, "
                         f"{_plain(v[0])} at layer 1.")
    return " ".join(parts)


def _plain(x):
    """2 significant digits in plain text (alt text has no superscripts)."""
    return f"{x:.1e}" if x != 0 and abs(x) < 1e-4 else f"{x:#.2g}".rstrip(".")


def ratio(signals, hidden, measure, first, last):
    """The median `measure` of book layer `first` over that of book layer `last`."""
    signals = _signals(signals)
    _validate.choice("hidden", hidden, signals.activations)
    first = _validate.count("first", first, minimum=1, maximum=signals.layers)
    last = _validate.count("last", last, minimum=1, maximum=signals.layers)
    v = signals.median(measure)[hidden]
    return float(v[first - 1] / v[last - 1])


def smallest_layer(signals, hidden, measure="gradient"):
    """The book layer (1 = first hidden) with the smallest median `measure`."""
    signals = _signals(signals)
    _validate.choice("hidden", hidden, signals.activations)
    return int(np.argmin(signals.median(measure)[hidden])) + 1



def seed_spread(signals, measure):
    """The largest ratio, over activations and layers, of the largest `measure` among the
    seeds to the smallest: how far the random start moves a layer's number."""
    signals = _signals(signals)
    _validate.choice("measure", measure, MEASURES)
    values = signals.delta if measure == "delta" else signals.gradient
    return float(max((v.max(axis=0) / v.min(axis=0)).max() for v in values.values()))


def signal_facts(signals, examples):
    """{name: value} for the text: the activations' slopes, the deep shape, the spread
    over the seeds, and per activation how much the first layer's signal falls short of
    the last's (over `examples` rows)."""
    signals = _signals(signals)
    factors = shrink_factors(signals, "logistic")[:-1]  # hidden layer to hidden layer
    facts = {"logistic_max_slope": float(activation("logistic").df(0.0)),
             "tanh_slope_0": float(activation("tanh").df(0.0)),
             "relu_slope": float(activation("relu").df(1.0)),
             "depth": len(signals.sizes) - 2, "width": signals.sizes[1],
             "deep_shape": "-".join(map(str, signals.sizes)), "moons_n": examples,
             "n_depth_seeds": len(signals.seeds),
             "delta_spread": significant(seed_spread(signals, "delta"), 2),
             "grad_spread": significant(seed_spread(signals, "gradient"), 2),
             "logistic_shrink_low": significant(factors.min(), 2),
             "logistic_shrink_high": significant(factors.max(), 2)}
    for name in signals.activations:
        for measure, key in (("delta", "delta"), ("gradient", "grad")):
            facts[f"{name}_{key}_ratio"] = significant(
                1 / ratio(signals, name, measure, 1, signals.layers), 2)
    return facts
