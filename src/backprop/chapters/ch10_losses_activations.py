"""Other losses and activations: their derivatives by SymPy, the tutorial's example redone
with each, and the figures of the chapter "Other losses and activations".

    VARIANTS                      the networks compared: the tutorial's and five others
    network(variant)              a variant's MLP, at the tutorial's weights and biases
    values(variant)               its forward and backward pass in the tutorial's names
    variants_table()              what each variant changes
    activation_lines(name)        math: out = f(net) and dout/dnet, derived by SymPy
    loss_lines(name)              math: E_o1 and dE_total/dout_o1, derived by SymPy
    activation_check, loss_check  SymPy's derivative beside the engine's df / d_out
    bce_cancellation()            math: logistic + binary cross-entropy's delta, step by step
    bce_direct()                  math: the same delta by SymPy without a hand chain rule
    softmax_cancellation()        math: the same for softmax + cross-entropy
    softmax_check()               SymPy's Jacobian, slopes and deltas beside the engine's
    delta_lines(variant)          math: a variant's delta_o1, delta_h1, dE/dw5 and dE/dw1
    gradient_check(variant)       SymPy's dE_total/dw (E_total expanded, no chain rule by
                                  hand) beside the engine's backward pass
    comparison_table(variants)    the walkthrough's numbers, one column per variant
    output_deltas(nets, target)   a logistic output's delta with squared error and with
                                  binary cross-entropy
    train_variant(variant, n)     a `Run`: squared-error E_total and own loss per update
    updates_below, overtakes      when a run gets below a level, or ahead of another run
    training_table, end_table     the runs' numbers
    activation_figure, loss_figure, delta_figure   plain matplotlib Figures, and
    describe_activations, describe_losses, describe_deltas   their alt text
    walkthrough_facts, ..., activation_gain_facts   the prose's numbers, {name: value}
"""
import functools
from dataclasses import dataclass, field

import numpy as np
import sympy as sp
from matplotlib.figure import Figure

from .. import _validate
from ..derive import symbolic
from ..nn.activations import activation
from ..derive.autodiff import bound
from ..nn.losses import loss
from ..nn.mlp import MLP, tutorial_values
from ..tutorial.network import TUTORIAL_ETA, TUTORIAL_EXAMPLE, TUTORIAL_PARAMS, WEIGHTS
from ..display.tables import Table, code
from ..display.style import INK, RUN_COLORS, RUN_STYLES, SHADE, SMALL, styled
from ..display.error_histories import updates_text, error_curve, overtakes, updates_to_reach


# -- the variants ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Variant:
    """One network: the hidden and output layers' activations and the loss."""

    label: str
    hidden: str
    output: str
    loss: str
    options: dict = field(default_factory=dict)  # the loss's options (Huber's delta)

    def make_loss(self):
        return loss(self.loss, **self.options)


VARIANTS = {
    "tutorial": Variant("logistic + squared error (the tutorial)", "logistic", "logistic",
                        "squared_error"),
    "bce": Variant("logistic + binary cross-entropy", "logistic", "logistic",
                   "binary_cross_entropy"),
    "softmax": Variant("softmax + cross-entropy", "logistic", "softmax", "cross_entropy"),
    "tanh": Variant("tanh hidden layer", "tanh", "logistic", "squared_error"),
    "relu": Variant("ReLU hidden layer", "relu", "logistic", "squared_error"),
    "identity": Variant("identity + squared error", "logistic", "identity", "squared_error"),
    "huber": Variant("identity + Huber", "logistic", "identity", "huber", {"delta": 1.0}),
}
LOSS_LABELS = {"squared_error": "squared error", "binary_cross_entropy":
               "binary cross-entropy", "cross_entropy": "cross-entropy", "huber": "Huber"}
# The walkthrough's numbers that the tables compare, in the tutorial's order.
WALKTHROUGH_KEYS = ("net_h1", "out_h1", "out_h2", "net_o1", "out_o1", "out_o2", "E_total",
                    "delta_o1", "delta_o2", "dE_dw5", "delta_h1", "dE_dw1")


def _variant(variant):
    return VARIANTS[_validate.choice("variant", variant, tuple(VARIANTS))]


def _data(example):
    return np.array([[example.i1, example.i2]]), np.array([[example.t1, example.t2]])


def network(variant, params=TUTORIAL_PARAMS):
    """The 2-2-2 MLP of `Params` params with the variant's activations and loss."""
    v = _variant(variant)
    return MLP.from_params(params, [v.hidden, v.output], v.make_loss())


def values(variant, params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """{name: value} of one forward and backward pass, in the tutorial's names
    (E_total is the variant's own loss)."""
    return tutorial_values(network(variant, params).backward(*_data(example)))


def variants_table(variants=tuple(VARIANTS)):
    """Each variant's hidden and output activation and its loss."""
    def loss_name(v):
        options = "".join(f" (threshold {x:g})" for x in v.options.values())
        return LOSS_LABELS[v.loss] + options

    return Table(["network", "hidden layer", "output layer", "loss"],
                 [(VARIANTS[v].label, VARIANTS[v].hidden, VARIANTS[v].output,
                   loss_name(VARIANTS[v])) for v in variants])


# -- derivatives, by SymPy ------------------------------------------------------------------


def _real(name):
    """A real symbol: Abs and sign then differentiate as on the real line (Huber, ReLU)."""
    return sp.Symbol(name, real=True)


# The tutorial's names, as real symbols (they print as symbolic's do: out_{o1}, t_{1}).
NET = {n: _real(f"net_{n}") for n in symbolic.NEURONS}
OUT = {n: _real(f"out_{n}") for n in symbolic.NEURONS}
O1, T1, T2 = OUT["o1"], _real("t1"), _real("t2")
BASE = {s.name: _real(s.name) for s in symbolic.BASE}


def _d(of, wrt):
    return rf"\frac{{\partial {sp.latex(of)}}}{{\partial {sp.latex(wrt)}}}"


def _flip(e):
    """-x (x - 1) -> x (1 - x): SymPy's canonical order, turned the way the tutorial writes."""
    e = sp.factor(e)
    if e.is_Mul and e.could_extract_minus_sign():
        args = [-a if a.is_Add else a for a in (-e).args]
        if sp.Mul(*args) == -e:  # nothing to flip after all
            return e
        return sp.Mul(*args)
    return e


ELEMENTWISE = ("logistic", "tanh", "relu", "identity")  # the activations of one neuron


def _neuron(name, neuron):
    """The activation called name, and the symbols net and out of neuron."""
    a = activation(_validate.choice("name", name, ELEMENTWISE))
    neuron = _validate.choice("neuron", neuron, symbolic.NEURONS)
    return a, NET[neuron], OUT[neuron]


def slope(name, neuron="h1"):
    """(SymPy's d out/d net of the activation name, the same written through out where
    that is possible: out (1 - out) for the logistic, 1 - out^2 for tanh)."""
    a, net, out = _neuron(name, neuron)
    raw = sp.diff(a.sympy_expr(net), net)
    if name == "logistic":
        # symbolic.sigma is the same function (tests check it) whose derivative SymPy
        # writes as sigma (1 - sigma): the tutorial's out (1 - out).
        return raw, _flip(sp.diff(symbolic.sigma(net), net).xreplace(
            {symbolic.sigma(net): out}))
    return raw, raw.xreplace({a.sympy_expr(net): out})


def activation_lines(name, neuron="h1"):
    """Aligned math: out = f(net), then SymPy's d out/d net (and its form through out)."""
    a, net, out = _neuron(name, neuron)
    raw, through_out = slope(name, neuron)
    derivative = sp.latex(raw)
    if through_out != raw:
        derivative += f" = {sp.latex(through_out)}"
    return symbolic.aligned([f"{sp.latex(out)} &= {sp.latex(a.sympy_expr(net))}",
                     f"{_d(out, net)} &= {derivative}"])


def _tidy(e):
    """A sum of fractions as one fraction with its numerator expanded, if that is shorter."""
    num, den = sp.fraction(sp.together(e))
    joined = sp.expand(num) / den
    return joined if den != 1 and sp.count_ops(joined) < sp.count_ops(e) else e


def loss_lines(name, **options):
    """Aligned math: the error E_o1 of output o1, then SymPy's dE_total/dout_o1."""
    L = loss(name, **options)
    expr = L.sympy_expr(O1, T1)
    d = sp.diff(expr, O1)
    derivative = sp.latex(d)
    if (tidy := _tidy(d)) != d:
        derivative += f" = {sp.latex(tidy)}"
    return symbolic.aligned([f"E_{{o1}} &= {sp.latex(expr)}",
                     f"{_d(symbolic.E_total, O1)} &= {derivative}"])


def _exact(expr, subs):
    """expr at subs ({symbol: float}), evaluated with 40 significant digits."""
    return float(expr.subs({s: sp.Float(v, 40) for s, v in subs.items()}).evalf(40))


DEFAULT_NETS = (-2.0, -0.5, 0.0, 0.3775, 2.0)  # 0.3775: the tutorial's net_h1


def activation_check(name, nets=DEFAULT_NETS):
    """For each net: SymPy's d out/d net (the derivative of sympy_expr) and the engine's df."""
    a = activation(_validate.choice("name", name, ELEMENTWISE))
    x = sp.Symbol("x", real=True)
    derivative = sp.diff(a.sympy_expr(x), x)
    rows = []
    for net in nets:
        s = _exact(derivative, {x: _validate.finite("nets", net)})
        e = float(a.df(np.array([net]))[0])
        rows.append((f"{net:g}", f"{s:.12f}", f"{e:.12f}", bound(abs(s - e))))
    return Table(["net", "SymPy: d out/d net", "engine: df", r"\|difference\|"], rows)


def loss_check(name, pairs, **options):
    """For each (out, target): SymPy's dE/dout (the derivative of sympy_expr) and the
    engine's d_out."""
    L = loss(name, **options)
    derivative = sp.diff(L.sympy_expr(O1, T1), O1)
    rows = []
    for out, target in pairs:
        out, target = _validate.finite("out", out), _validate.finite("target", target)
        s = _exact(derivative, {O1: out, T1: target})
        e = float(L.d_out(np.array([out]), np.array([target]))[0])
        rows.append((f"{out:.9f}", f"{target:g}", f"{s:.12f}", f"{e:.12f}",
                     bound(abs(s - e))))
    return Table(["out", "target", "SymPy: dE/dout", "engine: d_out", r"\|difference\|"],
                 rows)


def bce_cancellation():
    """Aligned math, each step SymPy's: the binary cross-entropy's dE/dout, the logistic's
    dout/dnet, and their product, delta_o1 = out_o1 - t1."""
    net = NET["o1"]
    d_out = _tidy(sp.diff(loss("binary_cross_entropy").sympy_expr(O1, T1), O1))
    d_net = _flip(sp.diff(symbolic.sigma(net), net).xreplace({symbolic.sigma(net): O1}))
    product = sp.Mul(d_out, d_net, evaluate=False)
    return symbolic.aligned([
        f"{_d(symbolic.E_total, O1)} &= {sp.latex(d_out)}",
        f"{_d(O1, net)} &= {sp.latex(d_net)}",
        f"{sp.latex(symbolic.delta['o1'])} = {_d(symbolic.E_total, O1)} \\cdot {_d(O1, net)} "
        f"&= {sp.latex(product)} = {sp.latex(sp.cancel(d_out * d_net))}"])


def bce_direct():
    """Aligned math: SymPy's dE/dnet_o1 of the binary cross-entropy of sigma(net_o1), with
    no chain rule written by hand, and the same simplified: sigma(net_o1) - t1."""
    net = NET["o1"]
    raw = sp.diff(loss("binary_cross_entropy").sympy_expr(symbolic.sigma(net), T1), net)
    return symbolic.aligned([f"{_d(symbolic.E_total, net)} &= {sp.latex(raw)} = "
                     f"{sp.latex(sp.simplify(raw))}"])


_OUTS = (OUT["o1"], OUT["o2"])
_NETS = (NET["o1"], NET["o2"])
_TS = (T1, T2)


def _softmax_in_outs(e):
    """A derivative of softmax, with e^net_k / (sum of e^net) written as out_k."""
    total = sp.Symbol("Z")
    e = e.subs(sum(sp.exp(n) for n in _NETS), total)
    e = e.subs({sp.exp(n): o * total for n, o in zip(_NETS, _OUTS)})
    return _flip(sp.simplify(e))


def softmax_jacobian():
    """[[d out_k / d net_j]] for the two softmax outputs, by SymPy, written through out."""
    outs = activation("softmax").sympy_expr(_NETS)
    return [[_softmax_in_outs(sp.diff(o, n)) for n in _NETS] for o in outs]


def softmax_cancellation():
    """Aligned math, each step SymPy's: softmax's outputs and Jacobian column for net_o1,
    cross-entropy's dE/dout, their sum of products, and with t1 + t2 = 1, out_o1 - t1."""
    outs = activation("softmax").sympy_expr(_NETS)
    ce = loss("cross_entropy")
    E = sum(ce.sympy_expr(o, t) for o, t in zip(_OUTS, _TS))
    J = softmax_jacobian()
    dE = [sp.diff(E, o) for o in _OUTS]
    total = sp.expand(sum(dE[k] * J[k][0] for k in range(2)))
    gathered = sp.collect(total, O1)
    lines = [f"{sp.latex(o)} &= {sp.latex(e)}" for o, e in zip(_OUTS, outs)]
    lines.append(f"E_{{total}} &= {sp.latex(E)}")
    lines += [f"{_d(o, _NETS[0])} &= {sp.latex(J[k][0])}" for k, o in enumerate(_OUTS)]
    lines += [f"{_d(symbolic.E_total, o)} &= {sp.latex(dE[k])}" for k, o in enumerate(_OUTS)]
    chain = " + ".join(f"{_d(symbolic.E_total, o)} {_d(o, _NETS[0])}" for o in _OUTS)
    lines.append(f"{sp.latex(symbolic.delta['o1'])} = {chain} &= {sp.latex(gathered)}")
    lines.append(f"&= {sp.latex(softmax_delta())} \\quad \\text{{when }} t_{{1}} + t_{{2}} = 1")
    return symbolic.aligned(lines)


def softmax_delta():
    """SymPy's delta_o1 for softmax + cross-entropy, with t2 = 1 - t1."""
    J = softmax_jacobian()
    E = sum(loss("cross_entropy").sympy_expr(o, t) for o, t in zip(_OUTS, _TS))
    total = sum(sp.diff(E, o) * J[k][0] for k, o in enumerate(_OUTS))
    return sp.expand(total.subs(T2, 1 - T1))


def softmax_direct_gap():
    """SymPy's dE_total/dnet_o1 of the cross-entropy of softmax(net_o1, net_o2), no chain
    rule by hand, minus (out_o1 - t1), simplified with t2 = 1 - t1: 0 if the delta is right."""
    outs = activation("softmax").sympy_expr(_NETS)
    ce = loss("cross_entropy")
    E = sum(ce.sympy_expr(o, t) for o, t in zip(outs, _TS))
    gap = sp.diff(E, _NETS[0]) - (outs[0] - T1)
    return sp.simplify(gap.subs(T2, 1 - T1))


def softmax_check(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """At the softmax variant's nets: SymPy's Jacobian entries, cross-entropy slopes and
    deltas (each a derivative of the written-out expression) beside the engine's df,
    d_out and backward pass."""
    v = values("softmax", params, example)
    net = np.array([[v["net_o1"], v["net_o2"]]])
    out, T = np.array([[v["out_o1"], v["out_o2"]]]), _data(example)[1]
    at = {**dict(zip(_NETS, net[0])), **dict(zip(_TS, T[0]))}
    outs = activation("softmax").sympy_expr(_NETS)
    E = sum(loss("cross_entropy").sympy_expr(o, t) for o, t in zip(outs, _TS))
    J = activation("softmax").df(net)[0]
    d_out = loss("cross_entropy").d_out(out, T)[0]
    rows = []
    for j, n in enumerate(("o1", "o2")):
        for k, o in enumerate(("o1", "o2")):
            rows.append((f"dout_{o}_dnet_{n}", _exact(sp.diff(outs[k], _NETS[j]), at),
                         J[k, j]))
    ce = sum(loss("cross_entropy").sympy_expr(o, t) for o, t in zip(_OUTS, _TS))
    for k, o in enumerate(("o1", "o2")):
        rows.append((f"dE_dout_{o}", _exact(sp.diff(ce, _OUTS[k]),
                                            {_OUTS[k]: out[0, k], _TS[k]: T[0, k]}),
                     d_out[k]))
    for j, n in enumerate(("o1", "o2")):
        rows.append((f"delta_{n}", _exact(sp.diff(E, _NETS[j]), at), v[f"delta_{n}"]))
    return Table(["quantity", "SymPy", "engine", r"\|difference\|"],
                 [(code(k), f"{a:.12f}", f"{b:.12f}", bound(abs(a - b)))
                  for k, a, b in rows])


def output_delta(variant):
    """SymPy's delta_o1 of the variant, in out_o1 and t1 (simplified where it cancels)."""
    v = _variant(variant)
    if v.output == "softmax":
        return softmax_delta()
    d_out = sp.diff(v.make_loss().sympy_expr(O1, T1), O1)
    product = d_out * slope(v.output, "o1")[1]
    simpler = sp.simplify(product)
    return simpler if sp.count_ops(simpler) < sp.count_ops(product) else product


def _factor(e):
    """LaTeX of e as a factor of a product: a sum in parentheses."""
    return f"\\left({sp.latex(e)}\\right)" if e.is_Add else sp.latex(e)


def delta_lines(variant):
    """Aligned math: the variant's delta_o1 and delta_h1, and dE/dw5 and dE/dw1 built from
    them; the right-hand sides are SymPy's."""
    v = _variant(variant)
    s, E = symbolic, symbolic.E_total
    net_h1, out_h1, net_o1 = NET["h1"], OUT["h1"], NET["o1"]
    if v.output == "softmax":
        split = " + ".join(f"{_d(E, o)} {_d(o, net_o1)}" for o in _OUTS)
    else:
        split = f"{_d(E, O1)} \\cdot {_d(O1, net_o1)}"
    back = s.delta["o1"] * BASE["w5"] + s.delta["o2"] * BASE["w7"]
    net_o1_def = BASE["w5"] * out_h1 + BASE["w6"] * OUT["h2"] + BASE["b2"]
    net_h1_def = BASE["w1"] * BASE["i1"] + BASE["w2"] * BASE["i2"] + BASE["b1"]
    return symbolic.aligned([
        f"{sp.latex(s.delta['o1'])} = {split} &= {sp.latex(output_delta(variant))}",
        f"{sp.latex(s.delta['h1'])} = {_d(E, out_h1)} \\cdot {_d(out_h1, net_h1)} "
        f"&= {_factor(back)} {_factor(slope(v.hidden, 'h1')[1])}",
        f"{_d(E, BASE['w5'])} = {sp.latex(s.delta['o1'])} \\cdot {_d(net_o1, BASE['w5'])} "
        f"&= {sp.latex(s.delta['o1'] * sp.diff(net_o1_def, BASE['w5']))}",
        f"{_d(E, BASE['w1'])} = {sp.latex(s.delta['h1'])} \\cdot {_d(net_h1, BASE['w1'])} "
        f"&= {sp.latex(s.delta['h1'] * sp.diff(net_h1_def, BASE['w1']))}"])


@functools.lru_cache(maxsize=None)
def _error_expression(variant):
    """The variant's E_total written out down to w1..w8, b1, b2, i1, i2, t1, t2."""
    v = _variant(variant)
    w, b, i = BASE, (BASE["b1"], BASE["b2"]), (BASE["i1"], BASE["i2"])
    hidden = activation(v.hidden)
    outs_h = [hidden.sympy_expr(w["w1"] * i[0] + w["w2"] * i[1] + b[0]),
              hidden.sympy_expr(w["w3"] * i[0] + w["w4"] * i[1] + b[0])]
    nets_o = [w["w5"] * outs_h[0] + w["w6"] * outs_h[1] + b[1],
              w["w7"] * outs_h[0] + w["w8"] * outs_h[1] + b[1]]
    out = activation(v.output)
    outs_o = out.sympy_expr(nets_o) if v.output == "softmax" else [out.sympy_expr(n)
                                                                    for n in nets_o]
    L = v.make_loss()
    return sum(L.sympy_expr(o, t) for o, t in zip(outs_o, (BASE["t1"], BASE["t2"])))


def sympy_gradient(variant, weight, params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """sympy.diff(E_total, weight) of the variant's fully written-out E_total, at params."""
    _validate.choice("weight", weight, WEIGHTS)
    expr = sp.diff(_error_expression(variant), BASE[weight])
    at = {BASE[w]: getattr(params, w) for w in WEIGHTS}
    at.update({BASE["b1"]: params.b1, BASE["b2"]: params.b2})
    at.update({BASE[k]: getattr(example, k) for k in ("i1", "i2", "t1", "t2")})
    return _exact(expr, at)


def gradient_check(variant, weights=("w5", "w1"), params=TUTORIAL_PARAMS,
                   example=TUTORIAL_EXAMPLE):
    """For each weight: SymPy's dE_total/dw of the written-out E_total (no chain rule by
    hand) beside the engine's backward pass, and the gap."""
    engine = values(variant, params, example)
    rows = []
    for w in weights:
        s, e = sympy_gradient(variant, w, params, example), engine[f"dE_d{w}"]
        rows.append((code(f"dE_d{w}"), f"{s:.15f}", f"{e:.15f}", bound(abs(s - e))))
    return Table(["derivative", "SymPy", "engine", r"\|difference\|"], rows)


def comparison_table(variants, keys=WALKTHROUGH_KEYS, params=TUTORIAL_PARAMS,
                     example=TUTORIAL_EXAMPLE):
    """The walkthrough's numbers, one row per key, one column per variant (.9f)."""
    columns = [values(v, params, example) for v in variants]
    for k in keys:
        if k not in columns[0]:
            raise ValueError(f"keys must be names of tutorial_values, got {k!r}")
    rows = [(code(k), *(f"{c[k]:.9f}" for c in columns)) for k in keys]
    return Table(["value", *(VARIANTS[v].label for v in variants)], rows)


# -- training --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A variant trained online on one example with its biases frozen, as the tutorial.

    squared_errors[k]: the tutorial's E_total, 1/2 sum (t - out)^2, after k updates;
    losses[k]: the variant's own loss after k updates; outputs: out_o1, out_o2 at the end.
    """

    variant: str
    squared_errors: np.ndarray
    losses: np.ndarray
    outputs: tuple


def train_variant(variant, updates, eta, params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """Train the variant for `updates` updates, recording both errors after every one."""
    updates = _validate.count("updates", updates)
    eta = _validate.positive("eta", eta)
    net, (X, T) = network(variant, params), _data(example)
    squared_error = loss("squared_error")
    if net.loss.name == "squared_error":
        # Its own loss is the yardstick, and MLP.train records it before every update.
        h = net.train(X, T, eta, updates, batch_size=1, train_biases=False)
        squared = np.append(h.updates, h.epochs[-1])
        return Run(variant, squared, squared.copy(), tuple(net.predict(X)[0].tolist()))
    squared = []
    h = net.train(X, T, eta, updates, batch_size=1, train_biases=False,  # as the tutorial
                  on_update=lambda k, g: squared.append(
                      float(squared_error.total(g.forward.output, T)[0])))
    own = h.updates.tolist()
    out = net.forward(X).output
    squared.append(float(squared_error.total(out, T)[0]))
    own.append(float(net.loss.total(out, T)[0]))
    return Run(variant, np.array(squared), np.array(own), tuple(out[0].tolist()))


updates_below = updates_to_reach  # this chapter's word for it


def _checked_runs(runs):
    return _validate.sequence("runs", runs, Run, "list of Run (from train_variant)")


def training_table(runs, checkpoints=(100, 1_000, 10_000), level=None):
    """One row per Run: the squared-error E_total after each checkpoint and (if level is
    given) the first update count at which E_total <= level."""
    runs = _checked_runs(runs)
    rows = []
    for run in runs:
        n = len(run.squared_errors) - 1
        for k in checkpoints:
            _validate.count("checkpoints", k, maximum=n)
        row = [VARIANTS[run.variant].label,
               *(f"{run.squared_errors[k]:.3e}" for k in checkpoints)]
        if level is not None:
            k = updates_below(run.squared_errors, level)
            row.append("never" if k is None else f"{k:,}")
        rows.append(row)
    header = ["run", *(f"after {updates_text(k)}" for k in checkpoints)]
    if level is not None:
        header.append(f"first below {level:.3e}")
    return Table(header, rows)


ROUNDING_FLOOR = 1e-24  # E_total when out and t differ by 1e-12


@styled
def training_figure(runs):
    """training_plots.error_curve of each Run's squared-error E_total, labelled, with the
    legend below the axes: inside, it would hide the slow runs' curves along the top.

    Curves are drawn down to ROUNDING_FLOOR only. Below it out and t agree to about 12
    digits, and what is left of E_total is the square of their last bits' rounding, which
    differs from machine to machine by a factor, not a digit."""
    runs = _checked_runs(runs)
    fig = error_curve({VARIANTS[r.variant].label: np.maximum(r.squared_errors, ROUNDING_FLOOR)
                       for r in runs}, annotate=False)
    ax = fig.axes[0]
    ax.get_legend().remove()
    fig.set_size_inches(7.2, 3.6 + 0.25 * ((len(runs) + 1) // 2))
    ax.legend(frameon=False, loc="upper center", ncols=2,
              bbox_to_anchor=(0.5, -0.18))
    fig.tight_layout()
    return fig


def describe_training(runs, checkpoints=(100, 1_000, 10_000)):
    """Alt text for training_figure: each run's E_total at the start and at checkpoints."""
    runs = _checked_runs(runs)
    n = max(len(r.squared_errors) for r in runs) - 1
    parts = [f"Line chart of the squared-error E_total (vertical axis, logarithmic) against "
             f"the number of updates (horizontal axis, 0 to {n:,}), one line per run."]
    for r in runs:
        e = r.squared_errors
        stops = ", ".join(f"{e[k]:.2e} after {updates_text(k)}" for k in checkpoints
                          if k < len(e))
        parts.append(f"{VARIANTS[r.variant].label}: from {e[0]:.3f} to {stops}.")
    return " ".join(parts)


def loss_floor(variant, example=TUTORIAL_EXAMPLE):
    """The variant's own loss when each output equals its target: the least it can reach
    for the cross-entropies (the targets' entropy), 0 for squared error and Huber."""
    T = _data(example)[1]
    return float(_variant(variant).make_loss().total(T, T)[0])


def end_table(runs, example=TUTORIAL_EXAMPLE):
    """One row per Run: its outputs at the end, its own loss then, and the least that
    loss can be (its value with both outputs on their targets)."""
    runs = _checked_runs(runs)
    rows = [(VARIANTS[r.variant].label, *(f"{o:.9f}" for o in r.outputs),
             LOSS_LABELS[VARIANTS[r.variant].loss], f"{r.losses[-1]:.9f}",
             f"{loss_floor(r.variant, example):.9f}") for r in runs]
    return Table(["run", "out_o1", "out_o2", "its loss", "its loss at the end",
                  "when out = target"], rows)


# -- figures -----------------------------------------------------------------------------


def _axes_style(ax, xlabel, ylabel):
    ax.set_facecolor("white")
    ax.axhline(0, color=INK, linewidth=0.8)
    ax.axvline(0, color=INK, linewidth=0.8)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.tick_params(labelsize=SMALL)
    ax.grid(True)
    ax.set_axisbelow(True)


ACTIVATION_NAMES = ("logistic", "tanh", "relu")
LABELS = {"relu": "ReLU"}
NET_RANGE = (-3.0, 3.0)


@styled
def activation_figure(names=ACTIVATION_NAMES, low=NET_RANGE[0], high=NET_RANGE[1]):
    """Each activation (left) and its slope d out/d net (right) against net.

    ReLU's slope is drawn as its two flat pieces, with a filled dot at net = 0 for the
    value the engine uses there (0) and a hollow one for the value it does not (1).
    """
    names = [_validate.choice("names", n, ELEMENTWISE) for n in names]
    low, high = _validate.finite("low", low), _validate.finite("high", high)
    if not low < 0 < high:
        raise ValueError(f"low and high must satisfy low < 0 < high, got {low} and {high}")
    fig = Figure(figsize=(7.6, 3.6), facecolor="white")
    left, right = fig.subplots(1, 2)
    x = np.linspace(low, high, 601)
    for i, name in enumerate(names):
        a, style = activation(name), dict(color=RUN_COLORS[i], linestyle=RUN_STYLES[i],
                                          linewidth=2)
        left.plot(x, a.f(x), label=LABELS.get(name, name), gid=f"f-{name}", **style)
        if name == "relu":
            neg, pos = x[x < 0], x[x > 0]
            right.plot(neg, a.df(neg), gid="df-relu-left", **style)
            right.plot(pos, a.df(pos), gid="df-relu-right", **style)
            right.plot([0], [a.df(np.array([0.0]))[0]], "o", color=RUN_COLORS[i],
                       markersize=7, gid="df-relu-at-0")
            right.plot([0], [1], "o", markerfacecolor="white", markeredgecolor=RUN_COLORS[i],
                       markeredgewidth=1.6, markersize=7, gid="df-relu-not-at-0")
        else:
            right.plot(x, a.df(x), gid=f"df-{name}", **style)
    _axes_style(left, "net", "out = f(net)")
    _axes_style(right, "net", "slope  d out / d net")
    left.set_ylim(-1.15, min(high, 3.0) + 0.1)
    right.set_ylim(-0.08, 1.15)
    left.legend(frameon=False, loc="upper left")
    left.set_title("the activation")
    right.set_title("its slope")
    fig.tight_layout(w_pad=3)
    return fig


def describe_activations(names=ACTIVATION_NAMES, low=NET_RANGE[0], high=NET_RANGE[1]):
    """Alt text for activation_figure, from the same functions."""
    parts = [f"Two line charts against net, from {low:g} to {high:g}: on the left each "
             f"activation's output, on the right its slope d out / d net."]
    for name in names:
        a = activation(name)
        f = a.f(np.array([low, 0.0, high]))
        d = a.df(np.array([low, 0.0, high]))
        if name == "relu":
            parts.append(f"ReLU is 0 for negative net and equal to net for positive net "
                         f"(so {f[2]:g} at net {high:g}); its slope is 0 on the left and 1 "
                         f"on the right, and at net 0 itself the engine uses {d[1]:g}, "
                         f"drawn as a filled dot, with a hollow dot at 1.")
        else:
            parts.append(f"{name} rises from {f[0]:.3f} through {f[1]:g} at net 0 to "
                         f"{f[2]:.3f}; its slope is largest at net 0, {d[1]:g}, and falls "
                         f"to {d[2]:.3f} at net {high:g}.")
    return " ".join(parts)


OUT_RANGE = (-0.5, 2.0)
LOSS_NAMES = ("squared_error", "binary_cross_entropy", "huber")


def _loss_curves(target, delta, low, high):
    """{name: (out, E, dE/dout)}; binary cross-entropy only inside (0, 1), its domain."""
    curves = {}
    for name in LOSS_NAMES:
        L = loss(name, delta=delta) if name == "huber" else loss(name)
        lo, hi = (max(low, 1e-3), min(high, 1 - 1e-3)) if L.target_range else (low, high)
        out = np.linspace(lo, hi, 801)
        t = np.full_like(out, target)
        curves[name] = (out, L.f(out, t), L.d_out(out, t))
    return curves


@styled
def loss_figure(target=0.01, delta=1.0, mark=None, low=OUT_RANGE[0], high=OUT_RANGE[1]):
    """The error of one output against out (left) and its slope dE/dout (right), for
    squared error, binary cross-entropy (defined for out in (0, 1) only) and Huber.

    mark: an out value (the tutorial's out_o1) marked on every curve with a dot.
    """
    target = _validate.in_range("target", target, 0, 1)
    delta = _validate.positive("delta", delta)
    fig = Figure(figsize=(7.6, 3.8), facecolor="white")
    left, right = fig.subplots(1, 2)
    for ax in (left, right):
        ax.axvspan(0, 1, color=SHADE, zorder=0, linewidth=0)
    for i, (name, (out, E, slope_)) in enumerate(_loss_curves(target, delta, low,
                                                              high).items()):
        style = dict(color=RUN_COLORS[i], linestyle=RUN_STYLES[i], linewidth=2)
        left.plot(out, E, label=LOSS_LABELS[name], gid=f"E-{name}", **style)
        right.plot(out, slope_, gid=f"slope-{name}", **style)
        if mark is not None:
            L = loss(name, delta=delta) if name == "huber" else loss(name)
            m = np.array([_validate.in_range("mark", mark, low, high)])
            for ax, y in ((left, L.f(m, target)), (right, L.d_out(m, target))):
                ax.plot(m, y, "o", color=RUN_COLORS[i], markersize=6,
                        gid=f"mark-{name}")
    left.axvline(target, color=INK, linestyle=":", linewidth=1.2)
    left.annotate(f"target {target:g}", (target, 2.75), xytext=(5, 0),
                  textcoords="offset points", fontsize=SMALL, ha="left",
                  va="center")
    right.text(0.5, 5.75, "logistic\noutputs", ha="center", va="top", fontsize=SMALL)
    _axes_style(left, "out", "error of one output")
    _axes_style(right, "out", "slope  dE / dout")
    left.set_ylim(-0.2, 3)
    right.set_ylim(-3, 6)
    for ax in (left, right):
        ax.set_xlim(low, high)
    left.set_title(f"the loss, target {target:g}")
    right.set_title("its slope")
    fig.legend(*left.get_legend_handles_labels(), loc="lower center", ncols=3, frameon=False)
    fig.tight_layout(rect=(0, 0.08, 1, 1), w_pad=3)
    return fig


def _listed(words):
    """["a", "b", "c"] -> "a, b and c"."""
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def describe_losses(target=0.01, delta=1.0, mark=None, low=OUT_RANGE[0], high=OUT_RANGE[1]):
    """Alt text for loss_figure, from the same functions."""
    se, bce, hub = loss("squared_error"), loss("binary_cross_entropy"), loss("huber",
                                                                            delta=delta)
    parts = [f"Two line charts against out, from {low:g} to {high:g}, for target "
             f"{target:g}; the band from 0 to 1, where a logistic output lies, is shaded. "
             f"Left, the error of one output; right, its slope dE/dout."]
    t = np.array([target])
    at_target = {name: (float(l.f(t, target)[0]), float(l.d_out(t, target)[0]))
                 for name, l in (("squared error", se), ("Huber", hub),
                                 ("binary cross-entropy", bce))}
    slopes = sorted({f"{slope + 0.0:g}" for _, slope in at_target.values()})  # no -0
    zero = [name for name, (value, _) in at_target.items() if value == 0]
    rest = [f"{name} is {value:.4f}" for name, (value, _) in at_target.items() if value != 0]
    parts.append(f"At out = {target:g} every slope is {_listed(slopes)}; "
                 f"{_listed(zero)} {'is' if len(zero) == 1 else 'are'} 0 there"
                 + (f", while {_listed(rest)}, the least it can be for this target"
                    if rest else "") + ".")
    h = np.array([high])
    parts.append(f"Squared error is a parabola, {se.f(h, target)[0]:.3f} at out {high:g}, "
                 f"with a straight-line slope.")
    parts.append(f"Huber follows the same parabola until out is {delta:g} away from the "
                 f"target and then rises in a straight line, {hub.f(h, target)[0]:.3f} at "
                 f"out {high:g}; its slope is the same line, capped at {delta:g}.")
    near = np.array([0.99])
    parts.append(f"Binary cross-entropy exists only between 0 and 1 and climbs without "
                 f"bound as out approaches 1: {bce.f(near, target)[0]:.3f} at out 0.99, "
                 f"where its slope is {bce.d_out(near, target)[0]:.1f}.")
    if mark is not None:
        m = np.array([mark])
        slopes = ", ".join(f"{LOSS_LABELS[n]} {L.d_out(m, target)[0]:.3f}" for n, L in
                           (("squared_error", se), ("binary_cross_entropy", bce),
                            ("huber", hub)))
        parts.append(f"Dots mark out = {mark:.3f}, where the slopes are: {slopes}.")
    return " ".join(parts)


DELTA_NETS = (-4.0, 8.0)


def output_deltas(nets, target=0.01):
    """(squared error's, binary cross-entropy's) output delta of a logistic output at each
    net: (out - t) out (1 - out) and out - t."""
    nets = np.asarray(nets, dtype=float)
    target = _validate.in_range("target", target, 0, 1)
    return _deltas(target, nets)[1:]


def _deltas(target, nets):
    """(out, SE's delta, BCE's delta) of a logistic output at each net."""
    out = activation("logistic").f(nets)
    t = np.full_like(out, target)
    return (out, loss("squared_error").delta(nets, out, t),
            loss("binary_cross_entropy").delta(nets, out, t))


@styled
def delta_figure(target=0.01, mark=None, low=DELTA_NETS[0], high=DELTA_NETS[1]):
    """The output delta dE/dnet of a logistic output against its net input, for squared
    error ((out - t) out (1 - out)) and binary cross-entropy (out - t).

    mark: a net value (the tutorial's net_o1) marked on both curves.
    """
    target = _validate.in_range("target", target, 0, 1)
    nets = np.linspace(low, high, 801)
    _, se, bce = _deltas(target, nets)
    fig = Figure(figsize=(7.2, 3.6), facecolor="white")
    ax = fig.add_subplot()
    ax.plot(nets, se, color=RUN_COLORS[0], linestyle=RUN_STYLES[0], linewidth=2,
            label="squared error: (out - t) out (1 - out)", gid="delta-squared_error")
    ax.plot(nets, bce, color=RUN_COLORS[1], linestyle=RUN_STYLES[1], linewidth=2,
            label="binary cross-entropy: out - t", gid="delta-binary_cross_entropy")
    if mark is not None:
        m = np.array([_validate.in_range("mark", mark, low, high)])
        _, a, b = _deltas(target, m)
        for i, y in enumerate((a, b)):
            ax.plot(m, y, "o", color=RUN_COLORS[i], markersize=7, gid=f"mark-{i}")
    _axes_style(ax, "net of a logistic output", "delta = dE / dnet")
    ax.set_xlim(low, high)
    ax.set_ylim(-0.08, 1.1)
    ax.legend(frameon=False, loc="upper left")
    ax.set_title(f"the output delta, target {target:g}")
    fig.tight_layout()
    return fig


def se_delta_peak(target=0.01):
    """(net, delta) where squared error's output delta of a logistic output is largest
    (on a fine grid over the figure's range)."""
    nets = np.linspace(*DELTA_NETS, 120_001)
    se = _deltas(_validate.in_range("target", target, 0, 1), nets)[1]
    k = int(np.argmax(se))
    return float(nets[k]), float(se[k])


def describe_deltas(target=0.01, mark=None, low=DELTA_NETS[0], high=DELTA_NETS[1]):
    """Alt text for delta_figure, from the same functions."""
    peak_net, peak = se_delta_peak(target)
    _, se, bce = _deltas(target, np.array([high]))
    text = (f"Line chart of the output delta of a logistic output (vertical axis) against "
            f"its net input (horizontal, {low:g} to {high:g}), target {target:g}. The "
            f"binary cross-entropy delta, out - t, rises steadily and levels off near "
            f"{1 - target:g}: {bce[0]:.3f} at net {high:g}. The squared-error delta rises "
            f"to a peak of {peak:.3f} at net {peak_net:.2f} and then falls back towards 0: "
            f"{se[0]:.4f} at net {high:g}, although the output is then furthest from its "
            f"target.")
    if mark is not None:
        _, a, b = _deltas(target, np.array([mark]))
        text += (f" Dots mark net = {mark:.3f}, where the deltas are {a[0]:.3f} (squared "
                 f"error) and {b[0]:.3f} (cross-entropy).")
    return text


# -- the numbers the chapter's prose shows ---------------------------------------------------

# The prose's short name for each variant's walkthrough numbers, e.g. "soft_delta_o1".
SHORT_NAMES = {"tut": "tutorial", "bce": "bce", "soft": "softmax", "tanh": "tanh",
               "relu": "relu", "ident": "identity", "hub": "huber"}
PROSE_KEYS = ("net_h1", "net_h2", "out_h1", "net_o1", "net_o2", "out_o1", "out_o2",
              "E_total", "delta_o1", "delta_o2", "delta_h1", "dE_dw5")


def _logistic_slope(out):
    return float(activation("logistic").df(None, out))


def walkthrough_facts(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, eta=TUTORIAL_ETA):
    """Every variant's walkthrough numbers ("soft_delta_o1"), the targets, eta, w5 and w7."""
    facts = {}
    for short, variant in SHORT_NAMES.items():
        v = values(variant, params, example)
        facts.update({f"{short}_{key}": v[key] for key in PROSE_KEYS})
    return {**facts, "t1": example.t1, "t2": example.t2, "t_sum": example.t1 + example.t2,
            "eta": eta, "w5": params.w5, "w7": params.w7}


def saturated_slope_facts(target=TUTORIAL_EXAMPLE.t1):
    """dE/dout of binary cross-entropy and of squared error at out = 0.99."""
    return {"bce_slope_099": float(loss("binary_cross_entropy").d_out(0.99, target)),
            "se_slope_099": float(loss("squared_error").d_out(0.99, target))}


def output_slope_facts(tut):
    """The logistic slope at the tutorial's out_o1, as a number and as a percentage."""
    slope = _logistic_slope(tut["out_o1"])
    return {"tut_slope_o1": slope, "slope_share": slope * 100}


def bce_slope_facts(tut, target=TUTORIAL_EXAMPLE.t1):
    """dE/dout at the tutorial's out_o1 for both losses, their ratio (the inverse of the
    logistic slope), and squared error's at out = 1."""
    bce = float(loss("binary_cross_entropy").d_out(tut["out_o1"], target))
    se = float(loss("squared_error").d_out(tut["out_o1"], target))
    return {"bce_slope_o1": bce, "se_slope_o1": se, "slope_ratio": bce / se,
            "inverse_slope": 1 / _logistic_slope(tut["out_o1"]),
            "se_slope_1": float(loss("squared_error").d_out(1.0, target))}


def delta_peak_facts(target=TUTORIAL_EXAMPLE.t1):
    """Squared error's largest output delta and where it is, both deltas at the right edge
    of delta_figure, and the level binary cross-entropy's approaches."""
    peak_net, peak = se_delta_peak(target)
    far = DELTA_NETS[1]
    se_far, bce_far = output_deltas([far], target)
    return {"peak": peak, "peak_net": peak_net, "far": far, "se_far": float(se_far[0]),
            "bce_far": float(bce_far[0]), "one_minus_t1": 1 - target}


def bce_step_facts(walkthrough_values, tut, bce):
    """The tutorial's dE_total/dout_o1 and how much larger binary cross-entropy's dE/dw5 is."""
    return {"tut_dE_dout_o1": walkthrough_values["dE_dout_o1"],
            "ratio_dw5": bce["dE_dw5"] / tut["dE_dw5"]}


def activation_edge_facts():
    """The logistic and tanh slopes at the right edge of activation_figure, and the
    logistic's at 0."""
    edge = NET_RANGE[1]
    return {"edge": edge, "logistic_edge": float(activation("logistic").df(edge)),
            "tanh_edge": float(activation("tanh").df(edge)),
            "logistic_top": float(activation("logistic").df(0.0))}


def tanh_slope_facts(tut, tanh):
    """The tanh and logistic slopes at each one's out_h1, and the ratio of their delta_h1."""
    return {"tanh_slope_h1": float(activation("tanh").df(None, tanh["out_h1"])),
            "tut_slope_h1": _logistic_slope(tut["out_h1"]),
            "tanh_ratio_h1": tanh["delta_h1"] / tut["delta_h1"]}


def huber_facts(hub, example=TUTORIAL_EXAMPLE):
    """How far the identity outputs miss their targets, and Huber's threshold."""
    return {"miss_o1": hub["out_o1"] - example.t1, "miss_o2": hub["out_o2"] - example.t2,
            "threshold": loss("huber").threshold}


def loss_floor_facts():
    """The least binary cross-entropy and cross-entropy can reach."""
    return {"floor_bce": loss_floor("bce"), "floor_soft": loss_floor("softmax")}


def _end(run, updates):
    return float(run.squared_errors[updates])


def training_facts(by, updates):
    """The tutorial's squared-error E_total after `updates` (by: {variant: Run}), when the
    loss variants get below it and where they end, and the tutorial's out_o1 then with its
    logistic slope and that slope's inverse."""
    level = _end(by["tutorial"], updates)
    facts = {"updates": updates, "tut_E_end": level}
    for v in ("bce", "softmax", "huber"):
        facts[f"reach_{v}"] = updates_below(by[v].squared_errors, level)
        facts[f"end_{v}"] = _end(by[v], updates)
    out_end = by["tutorial"].outputs[0]
    slope = _logistic_slope(out_end)
    return {**facts, "tut_out_o1_end": out_end, "tut_slope_end": slope,
            "tut_shrink_end": 1 / slope}


def activation_gain_facts(by, updates):
    """For the tanh and ReLU runs: the update from which they stay ahead of the tutorial's,
    their E_total after `updates`, and how many times lower it is than the tutorial's."""
    level = _end(by["tutorial"], updates)
    facts = {}
    for v in ("tanh", "relu"):
        facts[f"ahead_{v}"] = overtakes(by[v].squared_errors, by["tutorial"].squared_errors)
        facts[f"end_{v}"] = _end(by[v], updates)
        facts[f"gain_{v}"] = level / _end(by[v], updates)
    return facts
