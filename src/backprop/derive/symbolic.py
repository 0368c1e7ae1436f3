"""The network in SymPy: every chain-rule factor of the tutorial, derived rather than typed.

Symbols carry the tutorial's names and print as it writes them (w_5, out_{o1}, E_{total}).
Each intermediate quantity is a symbol with a one-layer definition (net_o1 = w5 out_h1 +
w6 out_h2 + b2); each chain-rule factor is SymPy's derivative of one such definition.
Multiplying the factors along the paths from E_total to a parameter and comparing the
result with sympy.diff of the fully expanded E_total checks the chain rule itself.

    chain("w5")            the factor tree of dE_total/dw5; shows as math in Jupyter
    factors("w5")          [(name, expression), ...] in the tutorial's order
    full_derivative("w5")  sympy.diff(E_total, w5), E_total expanded down to w, b, i, t
    expanded(expr)         replace intermediate symbols by their definitions
    identity("w5")         LaTeX of the chain-rule identity; derivation("w5") adds values
    factor_values / derivative_value   the same, as numbers at a Params and Example
    per_neuron_chain("b_h1"), ...      the same for the network with one bias per neuron
                                       (see the end of the module)

Names match backward(): dE_dout_o1 is dE_total/dout_o1, dEo1_dout_h1 is dE_o1/dout_h1.
"""
import functools
from dataclasses import dataclass
from types import MappingProxyType

import sympy as sp

from .plaintext import plain
from ..tutorial.forward import logistic
from ..tutorial.network import EDGES, NEURONS, WEIGHTS


class sigma(sp.Function):
    r"""The logistic function 1 / (1 + e^{-x}), printed \sigma.

    Left unevaluated so that its derivative reads sigma (1 - sigma), the tutorial's
    out (1 - out), and the long derivatives stay legible. .rewrite(sp.exp) gives the formula.
    """

    def fdiff(self, argindex=1):
        s = sigma(self.args[0])
        return s * (1 - s)

    def _eval_rewrite_as_exp(self, x, **kwargs):
        return 1 / (1 + sp.exp(-x))

    def _eval_evalf(self, prec):
        return self.rewrite(sp.exp).evalf(sp.core.evalf.prec_to_dps(prec))


# The tutorial's base symbols; Symbol("w5") prints w_{5}, Symbol("out_o1") out_{o1}.
w1, w2, w3, w4, w5, w6, w7, w8 = sp.symbols(WEIGHTS)
b1, b2 = sp.symbols("b1 b2")
i1, i2, t1, t2 = sp.symbols("i1 i2 t1 t2")
eta = sp.Symbol("eta")
PARAMETERS = {s.name: s for s in (w1, w2, w3, w4, w5, w6, w7, w8, b1, b2)}
BASE = (*PARAMETERS.values(), i1, i2, t1, t2)

# The intermediate quantities, by neuron, as symbols.
net = {n: sp.Symbol(f"net_{n}") for n in NEURONS}
out = {n: sp.Symbol(f"out_{n}") for n in NEURONS}
delta = {n: sp.Symbol(f"delta_{n}") for n in NEURONS}  # dE_total/dnet_n
net_h1, net_h2, net_o1, net_o2 = net.values()
out_h1, out_h2, out_o1, out_o2 = out.values()
delta_h1, delta_h2, delta_o1, delta_o2 = delta.values()
E_o1, E_o2, E_total = sp.symbols("E_o1 E_o2 E_total")
BIAS_FEEDS = {"b1": ("h1", "h2"), "b2": ("o1", "o2")}

# Each intermediate symbol in terms of the layer before it, as the tutorial writes it.
# E_total is spelled out (not E_o1 + E_o2) because the tutorial differentiates it so.
# DEFINITIONS (below) adds the deltas, once the factors that define them exist.
_BY_LAYER = {
    net_h1: w1 * i1 + w2 * i2 + b1,
    net_h2: w3 * i1 + w4 * i2 + b1,
    out_h1: sigma(net_h1),
    out_h2: sigma(net_h2),
    net_o1: w5 * out_h1 + w6 * out_h2 + b2,
    net_o2: w7 * out_h1 + w8 * out_h2 + b2,
    out_o1: sigma(net_o1),
    out_o2: sigma(net_o2),
    E_o1: (t1 - out_o1) ** 2 / 2,
    E_o2: (t2 - out_o2) ** 2 / 2,
    E_total: (t1 - out_o1) ** 2 / 2 + (t2 - out_o2) ** 2 / 2,
}
# sigma(net_o1) -> out_o1, to write derivatives in the tutorial's out (1 - out) form.
_AS_OUT = {sigma(net[n]): out[n] for n in NEURONS}


def expanded(expr):
    """expr with every intermediate symbol replaced, down to w1..w8, b1, b2, i1, i2, t1, t2."""
    expr = sp.sympify(expr)
    while names := expr.free_symbols & DEFINITIONS.keys():
        expr = expr.xreplace({s: DEFINITIONS[s] for s in names})
    return expr


class Latex(str):
    """A displayed expression: its TeX renders as math (text/latex), and its plain-text view
    (text/plain, repr) reads as math too, not as a Python string of backslashes."""

    def _repr_latex_(self):
        return f"$\\displaystyle {self}$"

    def __repr__(self):
        return plain(self)


def aligned(lines):
    """Equations one per line, lined up at their & (LaTeX's aligned environment)."""
    return Latex("\\begin{aligned}\n" + " \\\\\n".join(lines) + "\n\\end{aligned}")


def _name(of, wrt):
    short = {E_total: "E", E_o1: "Eo1", E_o2: "Eo2"}.get(of, of.name)
    return f"d{short}_d{wrt.name}"


@dataclass(frozen=True, eq=False, repr=False)
class Factor:
    """The partial derivative d(of)/d(wrt), named as in backward(), and its value expr.

    terms: if the chain rule splits this factor further, the products of factors that add
    up to it (one product along a single path, several where paths meet: out_h1 reaches
    E_total through o1 and o2). symbol: the name it goes by in other factors (delta_o1).
    """

    name: str
    of: sp.Symbol
    wrt: sp.Symbol
    expr: sp.Expr
    terms: tuple = ()
    symbol: sp.Symbol = None

    @property
    def label(self):
        return rf"\frac{{\partial {sp.latex(self.of)}}}{{\partial {sp.latex(self.wrt)}}}"

    def _split(self):
        return " + ".join(r" \cdot ".join(f.label for f in t) for t in self.terms)

    def identity(self):
        """The chain-rule identity, dE_total/dw5 = dE_total/dout_o1 * ...; a leaf: its value."""
        return Latex(f"{self.label} = {self._split() if self.terms else sp.latex(self.expr)}")

    def walk(self):
        """This factor and every factor inside it, zooming in level by level, each once."""
        seen, level = set(), [self]
        while level:
            for f in level:
                if (f.of, f.wrt) not in seen:
                    seen.add((f.of, f.wrt))
                    yield f
            level = [g for f in level for t in f.terms for g in t]

    def derivation(self):
        """Aligned lines: this identity, then every factor's split and symbolic value."""
        lines = []
        for f in self.walk():
            named = f"{sp.latex(f.symbol)} = " if f.symbol is not None else ""
            split = f"{f._split()} = " if f.terms else ""
            lines.append(f"{named}{f.label} &= {split}{sp.latex(f.expr)}")
        return aligned(lines)

    def _repr_latex_(self):
        return self.derivation()._repr_latex_()

    def __repr__(self):
        return repr(self.derivation())


def _leaf(of, wrt):
    """d(of)/d(wrt) from of's own definition: one step of the chain rule."""
    return Factor(_name(of, wrt), of, wrt, sp.diff(_BY_LAYER[of], wrt).xreplace(_AS_OUT))


def _sum_of_products(of, wrt, *terms, name=None, symbol=None):
    # Inner factors that have a symbol appear by it, so delta_o1 w5 stays readable.
    value = sp.Add(*(sp.Mul(*(f.expr if f.symbol is None else f.symbol for f in t))
                     for t in terms))
    return Factor(name or _name(of, wrt), of, wrt, value, terms, symbol)


def _output_delta(o, of=E_total):
    """delta_o = dE/dout_o * dout_o/dnet_o (the hidden layer calls it dE_o1/dnet_o1)."""
    return _sum_of_products(of, net[o], (_leaf(of, out[o]), _leaf(out[o], net[o])),
                            name=f"delta_{o}", symbol=delta[o])


def _dE_dout_hidden(h):
    """dE_total/dout_h = dE_o1/dout_h + dE_o2/dout_h, each delta_o * the weight h -> o."""
    paths = [_sum_of_products(E_o, out[h], (_output_delta(o, of=E_o), _leaf(net[o], out[h])))
             for o, E_o in (("o1", E_o1), ("o2", E_o2))]
    return _sum_of_products(E_total, out[h], *((p,) for p in paths))


def _hidden_delta(h):
    return _sum_of_products(E_total, net[h], (_dE_dout_hidden(h), _leaf(out[h], net[h])),
                            name=f"delta_{h}", symbol=delta[h])


# Every intermediate symbol's definition, the deltas' included; read-only.
DEFINITIONS = MappingProxyType(
    _BY_LAYER | {delta[n]: (_output_delta if n[0] == "o" else _hidden_delta)(n).expr
                 for n in NEURONS})


def _named(kind, x, names):
    """The name of x (a string or a SymPy symbol), which must be one of names."""
    name = getattr(x, "name", x)
    if not isinstance(name, str) or name not in names:
        raise ValueError(f"unknown {kind} {x!r}; accepted: {', '.join(names)}")
    return name


def _parameter(p):
    return _named("parameter", p, PARAMETERS)


@functools.lru_cache(maxsize=None)
def _chain(name):
    p = PARAMETERS[name]
    if name in BIAS_FEEDS:  # a shared bias: one path through each neuron it feeds
        first = _output_delta if name == "b2" else _hidden_delta
        return _sum_of_products(E_total, p, *((first(n), _leaf(net[n], p))
                                              for n in BIAS_FEEDS[name]))
    n = EDGES[name][1]
    dE_dout = _leaf(E_total, out[n]) if n[0] == "o" else _dE_dout_hidden(n)
    return _sum_of_products(E_total, p, (dE_dout, _leaf(out[n], net[n]), _leaf(net[n], p)))


def chain(p):
    """dE_total/dp as a `Factor` tree, for p in w1..w8, b1, b2 (a name or the symbol)."""
    return _chain(_parameter(p))


def factors(p):
    """[(name, expr)] of the factors multiplied along each path (all paths, for b1, b2)."""
    return [(f.name, f.expr) for t in chain(p).terms for f in t]


@functools.lru_cache(maxsize=None)
def _full_derivative(name):
    return sp.diff(expanded(E_total), PARAMETERS[name])


def full_derivative(p):
    """sympy.diff(E_total, p) with E_total fully expanded: no chain rule by hand."""
    return _full_derivative(_parameter(p))


def identity(p):
    r"""LaTeX of the chain-rule identity for p: \frac{\partial E_{total}}{\partial w_{5}} = ..."""
    return chain(p).identity()


def derivation(p):
    """LaTeX (aligned) of the identity for p and every factor's symbolic value."""
    return chain(p).derivation()


@functools.lru_cache(maxsize=None)
def _compiled(name):
    # One lambdify per parameter, evaluating sigma with the engine's own logistic.
    found = list(_chain(name).walk())
    exprs = [expanded(f.expr) for f in found] + [_full_derivative(name)]
    fn = sp.lambdify(BASE, exprs, modules=[{"sigma": logistic}, "math"])
    return [f.name for f in found], fn


def _evaluate(p, params, example):
    names, fn = _compiled(_parameter(p))
    # params.b1 / .b2 raise if the network no longer shares its biases, as here they must.
    w = [getattr(params, x) for x in WEIGHTS]
    return names, fn(*w, params.b1, params.b2, example.i1, example.i2, example.t1, example.t2)


def factor_values(p, params, example):
    """{name: value} of dE_total/dp and every factor inside it at `Params`, `Example`."""
    names, values = _evaluate(p, params, example)
    return {name: float(value) for name, value in zip(names, values)}


def derivative_value(p, params, example):
    """full_derivative(p) at `Params` params and `Example` example."""
    return float(_evaluate(p, params, example)[1][-1])


# -- one bias per neuron ------------------------------------------------------------------
# Everything above is the tutorial's network, with b1 shared by h1 and h2 and b2 by o1 and
# o2. Most libraries give each neuron a bias of its own. That network differs from the
# tutorial's in the four net inputs only: net_h1 gets b_h1 where it had b1, and so on. It
# lives beside the shared one, in its own definitions, so nothing above changes.
#
#     per_neuron_chain("b_h1")             dE_total/db_h1 as a `Factor` tree: delta_h1 * 1
#     per_neuron_full_derivative("b_h1")   sympy.diff of the per-neuron E_total, expanded
#     per_neuron_value("b_h1", p, ex)      that derivative's value at `Params` p (any biases)
#     per_neuron_sum("b1")                 the per-neuron derivatives of the neurons sharing
#                                          b1, added, with their own biases set back to b1
#     sum_rule("b1")                       LaTeX: dE/db1 minus that sum, simplified (to 0)

OWN_BIAS = {n: sp.Symbol(f"b_{n}") for n in NEURONS}  # Symbol("b_h1") prints b_{h1}
b_h1, b_h2, b_o1, b_o2 = OWN_BIAS.values()
PER_NEURON_BIASES = {s.name: s for s in OWN_BIAS.values()}
SHARED_BIAS = {own.name: shared for shared, ns in BIAS_FEEDS.items() for own in
               (OWN_BIAS[n] for n in ns)}  # b_h1 -> b1, ..., b_o2 -> b2
PER_NEURON_BASE = (w1, w2, w3, w4, w5, w6, w7, w8, *OWN_BIAS.values(), i1, i2, t1, t2)


def _per_neuron_definitions():
    """DEFINITIONS with each neuron's shared bias in its net input replaced by its own."""
    definitions = dict(DEFINITIONS)
    for n, own in OWN_BIAS.items():
        shared = PARAMETERS[SHARED_BIAS[own.name]]
        definitions[net[n]] = DEFINITIONS[net[n]].xreplace({shared: own})
    return definitions


PER_NEURON_DEFINITIONS = _per_neuron_definitions()


def _expanded_in(expr, definitions):
    """expr with every intermediate symbol replaced from `definitions`, down to the base."""
    expr = sp.sympify(expr)
    while names := expr.free_symbols & definitions.keys():
        expr = expr.xreplace({s: definitions[s] for s in names})
    return expr


def _own_bias(b):
    return _named("per-neuron bias", b, PER_NEURON_BIASES)


def _shared_bias(b):
    return _named("shared bias", b, BIAS_FEEDS)


@functools.lru_cache(maxsize=None)
def _per_neuron_chain(name):
    own = PER_NEURON_BIASES[name]
    n = name.removeprefix("b_")
    delta_n = (_output_delta if n[0] == "o" else _hidden_delta)(n)
    # One path only: b_h1 reaches E_total through net_h1 alone, and dnet_h1/db_h1 = 1.
    dnet_db = Factor(_name(net[n], own), net[n], own,
                     sp.diff(PER_NEURON_DEFINITIONS[net[n]], own))
    return _sum_of_products(E_total, own, (delta_n, dnet_db))


def per_neuron_chain(b):
    """dE_total/db as a `Factor` tree for a neuron's own bias b in b_h1, b_h2, b_o1, b_o2."""
    return _per_neuron_chain(_own_bias(b))


@functools.lru_cache(maxsize=None)
def _per_neuron_full_derivative(name):
    return sp.diff(_expanded_in(E_total, PER_NEURON_DEFINITIONS), PER_NEURON_BIASES[name])


def per_neuron_full_derivative(b):
    """sympy.diff(E_total, b) in the per-neuron network, E_total expanded to w, b_n, i, t."""
    return _per_neuron_full_derivative(_own_bias(b))


@functools.lru_cache(maxsize=None)
def _per_neuron_compiled(name):
    return sp.lambdify(PER_NEURON_BASE, _per_neuron_full_derivative(name),
                       modules=[{"sigma": logistic}, "math"])


def per_neuron_value(b, params, example):
    """per_neuron_full_derivative(b) at `Params` params, whose biases need not be shared."""
    fn = _per_neuron_compiled(_own_bias(b))
    values = [getattr(params, s.name) for s in PER_NEURON_BASE[:12]]
    return float(fn(*values, example.i1, example.i2, example.t1, example.t2))


def per_neuron_sum(b):
    """The per-neuron dE_total/db_n of the neurons that share b, added, on the network whose
    own biases equal the shared ones again (b_h1 = b_h2 = b1, b_o1 = b_o2 = b2)."""
    shared = PARAMETERS[_shared_bias(b)]
    owns = [OWN_BIAS[n] for n in BIAS_FEEDS[shared.name]]
    # All four back, not only this layer's: the other layer's share again as well.
    back = {own: PARAMETERS[SHARED_BIAS[name]] for name, own in PER_NEURON_BIASES.items()}
    return sp.Add(*(_per_neuron_full_derivative(own.name).xreplace(back) for own in owns))


def sum_rule(b):
    r"""LaTeX: dE_total/db minus the sum of the per-neuron derivatives = SymPy's simplified
    difference, which is 0: a shared bias's gradient is the sum over the neurons it feeds."""
    shared = PARAMETERS[_shared_bias(b)]
    owns = [OWN_BIAS[n] for n in BIAS_FEEDS[shared.name]]
    difference = sp.expand(full_derivative(shared) - per_neuron_sum(shared))
    total = " + ".join(per_neuron_chain(own).label for own in owns)
    # b_{h1} = b_{h2} = b_{1},\ b_{o1} = b_{o2} = b_{2}: where the sum is taken
    where = r",\ ".join(" = ".join(sp.latex(s) for s in (*(OWN_BIAS[n] for n in ns),
                                                          PARAMETERS[name]))
                          for name, ns in BIAS_FEEDS.items())
    evaluated = rf"\left.\left({total}\right)\right|_{{{where}}}"
    return Latex(f"{chain(shared).label} - {evaluated} = {sp.latex(difference)}")
