"""Gradient checking on the tutorial's network, four ways, and the classic mistakes it catches.

Every dE_total/dp of the tutorial's network (p in w1..w8 and the shared biases b1, b2):

    SymPy               symbolic.derivative_value: the derivative of the fully expanded E_total
    the chain rule      backward(): the engine's numbers, the tutorial's own method
    finite differences  central_difference(): (E(p + h) - E(p - h)) / 2h, from forward() alone
    autodiff            autodiff.gradients(): HIPS autograd, when it is installed

    central_difference("w5", ...)     one gradient by central differences; numerical_gradients
                                      all ten
    four_ways(params, example, h)     a FourWays: the four sets of values, side by side
    derivative_formula("w5", order)   SymPy's d^order E_total / dw5^order, in the tutorial's names
    central_difference_series()       SymPy's Taylor series of the central and forward quotients
    step_errors("w5", steps)          |finite difference - SymPy| for each step h (sweep_steps())
    step_model("w5")                  the truncation and rounding terms and the best step
    check_table(gradcheck result)     a bigger network's check, array by array
    sci(x), about(x), relative(e)     numbers for the text, to digits stable across machines
    four_ways_facts, step_model_facts, sweep_facts, network_check_facts, mistake_facts
                                      the text's numbers, {name: value}

The step trade-off. Taylor's series gives (E(p + h) - E(p - h)) / 2h = E' + h^2 E''' / 6 + ...,
a truncation error of about h^2 |E'''| / 6. Each E is also rounded, by about eps |E| (eps =
2^-52), and the quotient divides that by 2h: a rounding error of about eps |E| / h. Their sum
is smallest at h* = (3 eps |E| / |E'''|)^(1/3), near eps^(1/3) ~ 6e-6 when E and E''' are of
similar size.

The mistakes. Each is a function (params, example) -> {"dE_dw1": ..., "dE_db2": ...}: the
gradients a buggy implementation reports, built from the engine's own pieces.

    updated_hidden_deltas   w5..w8 moved before the hidden deltas are computed
                            (training.update's hidden_deltas="updated"), read off the step
    flipped_delta_sign      the output delta with the wrong sign, carried back as usual
    frozen_biases           dE/db reported as 0
    missing_half            the error written without its 1/2, the derivative left as it was

MISTAKES holds them (with correct(), the engine's gradients) as `Mistake`s, each with the
error its implementation computes; check(name) compares a mistake's gradients with central
differences of that error, parameter by parameter, and flags a relative error above
THRESHOLD. mistakes_table() shows every mistake's check at once; lab() is a widget that
switches between them.
"""
import functools
from dataclasses import dataclass
from typing import Callable

import mpmath
import numpy as np
import sympy as sp

from .. import _validate
from ..derive import autodiff, symbolic
from ..tutorial.backward import backward
from ..tutorial import gradcheck
from ..tutorial.forward import logistic
from ..tutorial.gradcheck import total_error  # E_total: the error every mistake but one computes
from ..nn.gradcheck import relative_error
from ..nn.losses import SquaredError
from ..nn.mlp import MLP, tutorial_values
from ..tutorial.network import TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, TUTORIAL_ETA, WEIGHTS
from ..display.tables import Table, code
from ..tutorial.training import bias_gradients, reproducible_error, update
from ..display.numbers import about, sci
from ..explorers.controls import EXPLORER_CLASS

PARAMETERS = autodiff.PARAMETERS  # w1..w8, b1, b2
KEYS = autodiff.KEYS              # dE_dw1..dE_dw8, dE_db1, dE_db2
EPS = float(np.finfo(float).eps)  # 2^-52: the gap between 1 and the next float64
STEP = 1e-5       # the power of ten nearest eps^(1/3): the central difference's usual step
THRESHOLD = 1e-6  # a relative error above this is flagged: a correct gradient gives ~1e-8
SWEEP_LOW, SWEEP_HIGH, SWEEP_PER_DECADE = -15, 0, 8  # steps 1e-15 .. 1, 8 per decade
LINE = 120        # characters of LaTeX that fit one displayed line of the page column
METHODS = ("SymPy", "chain rule", "finite differences", "autograd")


def _parameter(name):
    return _validate.choice("p", name, PARAMETERS)


def _shared(params):
    """params itself; its b1 and b2 raise unless each layer shares one bias, as here they must."""
    for bias in ("b1", "b2"):
        getattr(params, bias)
    return params


def central_difference(p, params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, h=STEP,
                       error=total_error):
    """(E(p + h) - E(p - h)) / 2h, every other parameter held still.

    A shared bias moves for both neurons it feeds (with_values(b1=...)), as its own
    derivative requires. error: the E to differentiate, (params, example) -> float.
    """
    p = _parameter(p)
    h = _validate.positive("h", h)
    return gradcheck.central_difference(_shared(params), example, p, h, error)


def numerical_gradients(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, h=STEP,
                        error=total_error):
    """{dE_dw1: ..., dE_db2: ...} by central differences."""
    return {key: central_difference(p, params, example, h, error)
            for key, p in zip(KEYS, PARAMETERS)}


def _from_backward(b, biases):
    """The ten gradients of a `Backward`, the biases' under a training.bias_gradients option."""
    b_h1, _, b_o1, _ = bias_gradients(b, biases)
    return dict(zip(KEYS, (*b.weight_gradients(), b_h1, b_o1)))


# -- four ways ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FourWays:
    """Each method's ten gradients, {method: {key: value}}; autograd's is None when absent."""

    values: dict
    h: float

    def largest_difference(self, method):
        """max over the ten parameters of |method - SymPy| (None if the method is absent)."""
        found = self.values[method]
        if found is None:
            return None
        sympy_ = self.values["SymPy"]
        return max(abs(found[k] - sympy_[k]) for k in KEYS)

    def bound(self, method):
        """largest_difference(method) as the bound it stays below: rounding for the exact
        methods; for finite differences their own, whose truncation error (h^2 times the
        third derivative, over 6) adds to their rounding."""
        return autodiff.bound(self.largest_difference(method),
                              autodiff.FINITE_DIFFERENCES if method == "finite differences"
                              else autodiff.ROUNDING)

    def table(self, decimals=9):
        """The four columns, then each method's largest difference from SymPy as a bound.

        Values are printed to `decimals` places, differences as the bound they stay below
        (see `bound`): the digits that would follow depend on how a machine rounds.
        """
        absent = "not installed"
        header = ["gradient", *(f"{m} (h = {sci(self.h)})" if m == "finite differences" else m
                                for m in METHODS)]

        def value(m, k):
            return absent if self.values[m] is None else f"{self.values[m][k]:.{decimals}f}"

        rows = [[code(k), *(value(m, k) for m in METHODS)] for k in KEYS]
        rows.append(["largest \\|difference\\| from SymPy", "(the reference)",
                     *(absent if self.values[m] is None else self.bound(m)
                       for m in METHODS[1:])])
        return Table(header, rows)


def four_ways(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, h=STEP):
    """All ten gradients by SymPy, the chain rule, central differences and autograd."""
    _shared(params)
    values = {
        "SymPy": {k: symbolic.derivative_value(p, params, example)
                  for k, p in zip(KEYS, PARAMETERS)},
        "chain rule": _from_backward(backward(params, example), "shared"),
        "finite differences": numerical_gradients(params, example, h),
        "autograd": autodiff.gradients(params, example) if autodiff.available() else None,
    }
    return FourWays(values, _validate.positive("h", h))


def autograd_status():
    """One line saying whether the autograd column could be filled in."""
    if autodiff.available():
        return "autograd is installed: its column is computed by automatic differentiation."
    return autodiff.MISSING + "; its column is left empty."


# -- the step size -----------------------------------------------------------------------


def central_difference_series():
    """LaTeX: SymPy's Taylor series of the central and of the forward difference quotient."""
    h, p = sp.Symbol("h", positive=True), sp.Symbol("p")
    E = sp.Function("E")
    central = sp.series((E(p + h) - E(p - h)) / (2 * h), h, 0, 6).doit()
    forward_ = sp.series((E(p + h) - E(p)) / h, h, 0, 3).doit()
    return symbolic.aligned([f"\\frac{{E(p + h) - E(p - h)}}{{2h}} &= {sp.latex(central)}",
                             f"\\frac{{E(p + h) - E(p)}}{{h}} &= {sp.latex(forward_)}"])


def _in_names(expr):
    """expr with sigma(w1 i1 + w2 i2 + b1) written out_h1, and so on: SymPy differentiates
    the fully expanded E_total; the names only make the result readable."""
    names = {symbolic.sigma(symbolic.expanded(symbolic.net[n])): symbolic.out[n]
             for n in symbolic.NEURONS}
    return expr.xreplace(names)


@functools.lru_cache(maxsize=None)
def _third(p):
    expr = sp.diff(symbolic.full_derivative(p), symbolic.PARAMETERS[p], 2)
    return sp.lambdify(symbolic.BASE, expr, modules=[{"sigma": logistic}, "math"])


def third_derivative(p, params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """d^3 E_total / dp^3 at params, from SymPy: the truncation error's coefficient."""
    fn = _third(_parameter(p))
    _shared(params)
    w = [getattr(params, x) for x in WEIGHTS]
    return float(fn(*w, params.b1, params.b2, example.i1, example.i2, example.t1, example.t2))


def derivative_formula(p, order=1):
    """LaTeX: d^order E_total / dp^order as SymPy finds it, factored, in the tutorial's names.

    order 1 is symbolic.full_derivative(p) as SymPy leaves it; higher orders are factored
    (order 3 is the truncation error's coefficient).
    """
    p = _parameter(p)
    order = _validate.count("order", order, minimum=1)
    expr = sp.diff(symbolic.full_derivative(p), symbolic.PARAMETERS[p], order - 1)
    sym = sp.latex(symbolic.PARAMETERS[p])
    lhs = (r"\frac{\partial E_{total}}{\partial %s}" % sym if order == 1 else
           r"\frac{\partial^%d E_{total}}{\partial %s^%d}" % (order, sym, order))
    expr = _in_names(expr)
    return symbolic.Latex(_broken(lhs, expr if order == 1 else sp.factor(expr)))


def _broken(lhs, expr, width=LINE):
    """lhs = expr, over several aligned lines when its LaTeX is longer than width: a sum one
    term per line, a product before its longest factor. Narrow pages then show it whole."""
    text = sp.latex(expr)
    if len(text) <= width:
        return f"{lhs} = {text}"
    if isinstance(expr, sp.Add):
        terms = [sp.latex(t) for t in expr.as_ordered_terms()]
        rest = [t if t.startswith("-") else f"+ {t}" for t in terms[1:]]
        lines = [f"{lhs} &= {terms[0]}", *(f"&\\quad {t}" for t in rest)]
    elif isinstance(expr, sp.Mul):
        factors = expr.as_ordered_factors()
        longest = max(factors, key=lambda f: len(sp.latex(f)))
        head = sp.Mul(*(f for f in factors if f is not longest))
        lines = [f"{lhs} &= {sp.latex(head)}",
                 f"&\\quad \\cdot \\left({sp.latex(longest)}\\right)"]
    else:
        return f"{lhs} = {text}"
    return str(symbolic.aligned(lines))


def step_errors(p, steps, params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """|central_difference(p, h) - SymPy's dE_total/dp| for each h in steps (an array).

    E_total is training.reproducible_error: at small h the difference is rounding noise,
    and this way the noise is the same on every machine.
    """
    steps = np.asarray(steps, dtype=float)
    if steps.ndim != 1 or steps.size == 0 or not np.all(np.isfinite(steps) & (steps > 0)):
        raise ValueError("steps must be a non-empty 1-D sequence of finite numbers > 0")
    exact = symbolic.derivative_value(_parameter(p), params, example)
    return np.array([abs(central_difference(p, params, example, h, reproducible_error)
                         - exact) for h in steps])


@dataclass(frozen=True)
class StepModel:
    """The two error terms of a central difference for one parameter, and where they meet."""

    p: str
    error: float   # |E_total|, whose rounding the quotient divides by 2h
    third: float   # |d^3 E_total / dp^3|, the truncation error's coefficient

    def truncation(self, h):
        return np.asarray(h, dtype=float) ** 2 * self.third / 6

    def rounding(self, h):
        return EPS * self.error / np.asarray(h, dtype=float)

    @property
    def best_step(self):
        """h* = (3 eps |E| / |E'''|)^(1/3), where truncation + rounding is smallest."""
        return (3 * EPS * self.error / self.third) ** (1 / 3)

    def table(self):
        """The numbers that go into the best step, and the step itself."""
        return Table(["quantity", "value", "from"], [
            ("\\|E_total\\|", f"{self.error:.9f}", "the engine's forward pass"),
            (f"\\|d³E_total/d{self.p}³\\|", f"{self.third:.9f}", "SymPy's third derivative"),
            ("ε", sci(EPS, 3), "the float64 format: 2^-52"),
            ("best step h*", sci(self.best_step), "(3 ε \\|E\\| / \\|E'''\\|)^(1/3)"),
            ("ε^(1/3)", sci(EPS ** (1 / 3)), "the rule of thumb")])


def step_model(p, params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    return StepModel(_parameter(p), abs(total_error(params, example)),
                     abs(third_derivative(p, params, example)))


def sweep_steps(low=SWEEP_LOW, high=SWEEP_HIGH, per_decade=SWEEP_PER_DECADE):
    """Steps 10^low .. 10^high, per_decade of them in each power of ten (log-spaced).

    Each is 10^(k / per_decade) rounded once, from 30 digits: numpy.logspace's power is
    vectorised and rounds differently on different CPUs, and at h = 1e-12 one unit in the
    last place of h changes the central difference in its first digit.
    """
    low, high = int(low), int(high)
    if not low < high:
        raise ValueError(f"low must be smaller than high, got {low} and {high}")
    per_decade = _validate.count("per_decade", per_decade, minimum=1)
    with mpmath.workdps(30):
        return np.array([float(mpmath.power(10, mpmath.mpf(k) / per_decade))
                         for k in range(low * per_decade, high * per_decade + 1)])


# -- a bigger network ----------------------------------------------------------------------


def check_table(result, threshold=THRESHOLD):
    """A gradcheck.GradCheck per parameter array: its size, relative error, verdict."""
    threshold = _validate.positive("threshold", threshold)
    rows = []
    for name, error in result.errors.items():
        shape = result.analytic[name].shape
        rows.append((code(name), " x ".join(map(str, shape)), f"{int(np.prod(shape)):,}",
                     about(error) if error > 0 else "0",
                     "✓" if error <= threshold else "✗ flagged"))
    return Table(["array", "shape", "parameters", "relative error",
                  f"at most {sci(threshold)}?"], rows)


# -- the mistakes -----------------------------------------------------------------------------


class _FlippedSquaredError(SquaredError):
    """The tutorial's error, but its derivative written t - out instead of -(t - out)."""

    name = "squared_error_flipped"

    def d_out(self, out, target):
        return np.asarray(target, dtype=float) - out


class _HalfMissingSquaredError(SquaredError):
    """(t - out)^2 without the 1/2, while the derivative stays the tutorial's -(t - out)."""

    name = "squared_error_without_half"

    def f(self, out, target):
        return (np.asarray(target, dtype=float) - out) ** 2


def _mlp(params, example, loss):
    X = [[example.i1, example.i2]]
    T = [[example.t1, example.t2]]
    return MLP.from_params(_shared(params), loss=loss), X, T


def _mlp_gradients(params, example, loss):
    """The ten gradients the matrix engine reports with `loss`; a shared bias's is the sum
    of the per-neuron ones (the neurons it feeds)."""
    net, X, T = _mlp(params, example, loss)
    v = tutorial_values(net.backward(X, T))
    return {**{k: v[k] for k in KEYS[:8]},
            "dE_db1": v["dE_db_h1"] + v["dE_db_h2"], "dE_db2": v["dE_db_o1"] + v["dE_db_o2"]}


def correct(params, example):
    """The engine's gradients: backward(), every factor at the current weights."""
    return _from_backward(backward(_shared(params), example), "shared")


def updated_hidden_deltas(params, example, eta=TUTORIAL_ETA):
    """The gradient implied by a step that moved w5..w8 before computing the hidden deltas.

    training.update(..., hidden_deltas="updated") carries the output deltas back through
    the already moved w5..w8 (the variant behind the tutorial's summary numbers). A step
    p <- p - eta g implies g = (p - p_new) / eta; w5..w8 and b2 come out right, w1..w4 and
    b1 do not.
    """
    eta = _validate.positive("eta", eta)
    new = update(_shared(params), example, eta, biases="shared", hidden_deltas="updated")
    slots = (*WEIGHTS, "b_h1", "b_o1")  # a shared bias's value sits in both of its slots
    return {k: (getattr(params, s) - getattr(new, s)) / eta for k, s in zip(KEYS, slots)}


def flipped_delta_sign(params, example):
    """The output deltas with the wrong sign, (t - out) out (1 - out), carried back as usual.

    The hidden deltas are built from the output deltas, so every gradient flips: a step
    along them climbs the error instead of descending it.
    """
    return _mlp_gradients(params, example, _FlippedSquaredError())


def frozen_biases(params, example):
    """dE/db reported as 0 (training.bias_gradients's "frozen"), as if the biases had no
    effect on the error. The weights' gradients are right."""
    return _from_backward(backward(_shared(params), example), "frozen")


def missing_half(params, example):
    """The gradients of an implementation whose error is (t - out)^2, without the 1/2.

    Its backward pass keeps the tutorial's delta, derived with the 1/2, so its gradients
    are the tutorial's; the error it computes is twice E_total, and so is that error's
    true gradient. Paired with missing_half_error in MISTAKES.
    """
    return _mlp_gradients(params, example, _HalfMissingSquaredError())


def missing_half_error(params, example):
    """The error that implementation computes: sum (t - out)^2, twice E_total."""
    net, X, T = _mlp(params, example, _HalfMissingSquaredError())
    return net.error(X, T)


@dataclass(frozen=True)
class Mistake:
    """An implementation: the gradients it reports and the error it computes."""

    name: str
    label: str
    gradients: Callable  # (params, example) -> {key: value}
    error: Callable      # (params, example) -> float


MISTAKES = {m.name: m for m in (
    Mistake("none", "no mistake", correct, total_error),
    Mistake("updated-hidden-deltas", "w5..w8 updated before the hidden deltas",
            updated_hidden_deltas, total_error),
    Mistake("flipped-sign", "the delta's sign flipped", flipped_delta_sign, total_error),
    Mistake("frozen-biases", "biases frozen: dE/db = 0", frozen_biases, total_error),
    Mistake("missing-half", "the 1/2 missing from the error", missing_half,
            missing_half_error),
)}


@dataclass(frozen=True)
class Check:
    """One mistake checked: per parameter the reported and numerical gradient, their
    relative error, and whether it is above the threshold."""

    mistake: Mistake
    reported: dict
    numerical: dict
    errors: dict
    threshold: float

    @property
    def flagged(self):
        """The keys whose relative error is above the threshold, in order."""
        return [k for k in KEYS if self.errors[k] > self.threshold]

    @property
    def caught(self):
        return bool(self.flagged)

    def ratios(self):
        """{key: reported / numerical} for the flagged keys: how far off, as a factor."""
        return {k: self.reported[k] / self.numerical[k] for k in self.flagged}

    def flagged_parameters(self):
        """The flagged gradients' parameters by name: ["w1", ..., "b1"]."""
        return [k.removeprefix("dE_d") for k in self.flagged]

    def error_range(self):
        """(smallest, largest) relative error among the flagged gradients."""
        if not self.caught:
            raise ValueError(f"mistake {self.mistake.name!r} has no flagged gradient")
        errors = [self.errors[k] for k in self.flagged]
        return min(errors), max(errors)

    def shortfall_range(self):
        """(smallest, largest) share by which a flagged gradient falls short of the finite
        difference, 1 - reported / numerical."""
        short = [1 - r for r in self.ratios().values()]
        return min(short), max(short)

    def table(self):
        """Per parameter: reported, finite differences, relative error, verdict."""
        rows = [(code(k), f"{self.reported[k]:.9f}", f"{self.numerical[k]:.9f}",
                 relative(self.errors[k], self.threshold),
                 "✗ flagged" if self.errors[k] > self.threshold else "✓")
                for k in KEYS]
        return Table(["gradient", "reported", "finite differences", "relative error",
                       "verdict"], rows)


def mistake(name):
    """The `Mistake` called name (see MISTAKES)."""
    return MISTAKES[_validate.choice("mistake", name, tuple(MISTAKES))]


def check(name, params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, h=STEP,
          threshold=THRESHOLD):
    """Mistake name's gradients against central differences of its own error."""
    m = mistake(name)
    threshold = _validate.positive("threshold", threshold)
    reported = m.gradients(params, example)
    numerical = numerical_gradients(params, example, h, m.error)
    errors = {k: relative_error(reported[k], numerical[k]) for k in KEYS}
    return Check(m, reported, numerical, errors, threshold)


def relative(error, threshold=THRESHOLD):
    """A relative error for print: above the threshold with 2 significant digits (a bug's
    size is stable), below it as "below" the threshold (rounding's digits are not)."""
    error = _validate.finite("error", error)
    if error < 0:
        raise ValueError(f"error must be a relative error >= 0, got {error!r}")
    if error > _validate.positive("threshold", threshold):
        return f"{error:#.2g}"
    return autodiff.bound(error, threshold)


def mistakes_table(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, h=STEP,
                   threshold=THRESHOLD):
    """Every mistake's relative error per parameter: ✓ at or below the threshold, else the
    error and ✗; a last row says how many parameters each check flags."""
    checks = [check(name, params, example, h, threshold) for name in MISTAKES]
    rows = [[code(k), *("✓" if c.errors[k] <= threshold else f"{c.errors[k]:#.2g} ✗"
                        for c in checks)] for k in KEYS]
    rows.append(["flagged", *(f"{len(c.flagged)} of {len(KEYS)}" for c in checks)])
    return Table(["gradient", *(c.mistake.label for c in checks)], rows)


def lab(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, h=STEP, threshold=THRESHOLD):
    """A widget: buttons to pick a mistake, and its check's table below them.

    The lab has no input but the choice among five, so every check is computed here and
    each table is a pane of a Stack; jslink ties the buttons' index to the pane shown, in
    the page's widget manager. So the buttons switch the table on the static site, with no
    kernel and no JavaScript of the book's own, as in JupyterLab.
    """
    import ipywidgets as widgets  # only the live lab needs it

    buttons = widgets.ToggleButtons(options=[(m.label, m.name) for m in MISTAKES.values()],
                                    value="none", description="mistake:",
                                    style={"button_width": "auto"})
    panes = []
    for name in MISTAKES:
        c = check(name, params, example, h, threshold)
        verdict = (f"caught: {len(c.flagged)} of {len(KEYS)} gradients flagged"
                   if c.caught else "nothing flagged: every gradient passes")
        # On a phone the table scrolls sideways in a box as wide as the column, rather
        # than spill out of it (contain: the table does not widen the box).
        panes.append(widgets.HTML(f'<p><b>{verdict}</b></p><div style="overflow-x: auto; '
                                  f'contain: inline-size">{c.table().html()}</div>',
                                  layout=widgets.Layout(width="100%", min_width="0")))
    shown = widgets.Stack(panes, selected_index=buttons.index)
    widgets.jslink((buttons, "index"), (shown, "selected_index"))
    return widgets.VBox([buttons, shown]).add_class(EXPLORER_CLASS)


# -- the numbers in the text -------------------------------------------------------------------


def four_ways_facts(four):
    """The step four_ways() used and the bound each method stays below SymPy's values."""
    four = _validate.instance("four", four, FourWays)
    return {"h_table": sci(four.h), "bound_chain": four.bound("chain rule"),
            "bound_fd": four.bound("finite differences"),
            "bound_auto": ("not installed" if four.values["autograd"] is None
                           else four.bound("autograd"))}


def step_model_facts(model):
    """w5's step model (step_model("w5")): eps, E_total, the third derivative, the best step,
    and the sweep of steps."""
    model = _validate.instance("model", model, StepModel)
    return {"eps": EPS, "eps_cbrt": sci(EPS ** (1 / 3)), "E_total": model.error,
            f"third_{model.p}": model.third, "best_h": sci(model.best_step),
            "sweep_low": sci(10.0 ** SWEEP_LOW), "sweep_high": sci(10.0 ** SWEEP_HIGH),
            "per_decade": SWEEP_PER_DECADE}


def sweep_facts(steps, errors, four):
    """The sweep (step_errors(steps)) at its best step and at its smallest, and dE/dw5."""
    best = int(np.argmin(errors))
    return {"h_measured": sci(steps[best]), "err_best": about(errors[best]),
            "err_tiny": about(errors[0]), "h_tiny": sci(steps[0]),
            "dw5": four.values["SymPy"]["dE_dw5"]}


def network_check_facts(net, examples, n_params, result):
    """A bigger network's check (nn.gradcheck.check on `examples` rows): its sizes and
    n_params weights and biases, two forward passes per parameter, and its worst error."""
    n_in, n_hidden, n_out = net.sizes
    return {"tutorial_params": len(PARAMETERS), "n_in": n_in, "n_hidden": n_hidden,
            "n_out": n_out, "n_images": examples, "n_params": n_params,
            "n_passes": 2 * n_params, "threshold": sci(THRESHOLD),
            "worst_big": about(result.worst)}


def mistake_facts(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, h=STEP,
                  threshold=THRESHOLD):
    """What each mistake's check finds: the relative errors, the parameters flagged, and
    by how much the stale hidden deltas fall short."""
    checks = {name: check(name, params, example, h, threshold) for name in MISTAKES}
    stale = checks["updated-hidden-deltas"]
    *first, last = stale.flagged_parameters()
    stale_low, stale_high = stale.error_range()
    short_low, short_high = stale.shortfall_range()
    return {
        "worst_correct": about(max(checks["none"].errors.values())),
        "sign_error": f"{checks['flipped-sign'].error_range()[1]:.1f}",
        "frozen_error": f"{checks['frozen-biases'].error_range()[1]:.1f}",
        "frozen_flagged": " and ".join(checks["frozen-biases"].flagged_parameters()),
        "half_error": f"{checks['missing-half'].error_range()[1]:.2f}",
        "stale_flagged": f"{', '.join(first)} and {last}",
        "stale_low": relative(stale_low, threshold), "stale_high": relative(stale_high, threshold),
        # Rounded: digits beyond these come from the finite differences' rounding.
        "stale_times": round(stale_low / threshold),
        "short_low": round(100 * short_low, 1), "short_high": round(100 * short_high, 1)}
