"""The engine's own code beside the equations it computes: each line, and SymPy's identity.

    listing(fn)            fn's real source (inspect.getsource) as a Markdown code block
    computed(fn)           [(name, code)] of every quantity fn computes, in its order: each
                           `name = ...` line, and each computed argument of the dataclass
                           it returns, named by that dataclass's field (dE_dw5)
    equation(name)         LaTeX of the chain-rule identity behind an engine name
    against_equations(fn)  a Table: each computed line of fn, and its equation
    key(names)             a Table: engine names, the symbols they stand for, and values

Engine names are the tutorial's (backprop.tutorial.backward): dE_dout_o1 is
dE_total/dout_o1, dEo2_dout_h1 is dE_o2/dout_h1, delta_o1 is dE_total/dnet_o1. The
equations come from backprop.derive.symbolic, which derives every factor, so a line of
code and its equation are two spellings of one derivative, not two things typed twice.
"""
import ast
import functools
import inspect
import textwrap

import sympy as sp

from . import symbolic
from ..display.tables import Table, code
from ..tutorial import backward as engine
from ..tutorial.network import EDGES, WEIGHTS

FUNCTIONS = ("output_layer", "hidden_layer")  # the engine's two readable layers


def _function(fn):
    """fn itself, if it is one of the engine's layer functions."""
    names = {getattr(engine, n): n for n in FUNCTIONS}
    if fn not in names:
        raise ValueError(f"fn must be one of backprop.tutorial.backward's "
                         f"{', '.join(FUNCTIONS)}; got {fn!r}")
    return fn


def listing(fn):
    """The source of fn, as Python prints it, in a Markdown code block."""
    return _Markdown("```python\n" + inspect.getsource(_function(fn)).rstrip() + "\n```")


class _Markdown(str):
    def _repr_markdown_(self):
        return str(self)


def computed(fn):
    """[(name, code)]: what each line of fn computes, named as the engine names it.

    An assignment `delta_o1 = ...` gives ("delta_o1", "delta_o1 = ..."); a product passed
    straight to the returned dataclass, such as `delta_o1 * f.out_h1` in OutputLayer's
    dE_dw5 slot, gives ("dE_dw5", "dE_dw5 = delta_o1 * f.out_h1").
    """
    tree = ast.parse(textwrap.dedent(inspect.getsource(_function(fn))))
    rows = []
    for node in tree.body[0].body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            rows.append((node.targets[0].id, ast.unparse(node)))
        elif isinstance(node, ast.Return) and isinstance(node.value, ast.Call):
            # The engine's dataclasses are built by keyword: the keyword names the field.
            for arg in node.value.keywords:
                if isinstance(arg.value, ast.BinOp):
                    rows.append((arg.arg, f"{arg.arg} = {ast.unparse(arg.value)}"))
    return rows


@functools.lru_cache(maxsize=None)
def _factors():
    """{engine name: symbolic.Factor}, the first of each name met walking every chain."""
    found = {}
    # The biases first: their chains hold delta_o1 as dE_total/dnet_o1, as the engine means
    # it; the hidden chains meet it as dE_o1/dnet_o1, the same number by another name.
    for p in ("b2", "b1", *symbolic.PARAMETERS):
        for f in symbolic.chain(p).walk():
            found.setdefault(f.name, f)
    return found


def _label(f, inline):
    """d(of)/d(wrt) of a Factor: a fraction for display, slashed for a line of text."""
    if not inline:
        return f.label
    return rf"\partial {sp.latex(f.of)} / \partial {sp.latex(f.wrt)}"


def _delta_rule(w, inline):
    """dE_total/dw = delta * dnet/dw, checked by SymPy against the derived chain."""
    n = EDGES[w][1]
    net, delta, wsym = symbolic.net[n], symbolic.delta[n], symbolic.PARAMETERS[w]
    local = sp.diff(symbolic.DEFINITIONS[net], wsym)
    whole = symbolic.chain(w).expr
    if sp.simplify(symbolic.expanded(delta * local) - symbolic.expanded(whole)) != 0:
        raise AssertionError(f"the delta rule does not give the chain of {w}")  # never
    return f"{_label(symbolic.chain(w), inline)} = {sp.latex(delta)} \\, {sp.latex(local)}"


_AT_HAND = set(symbolic.delta.values()) | {symbolic.PARAMETERS[w] for w in WEIGHTS}


def equation(name, inline=False):
    """LaTeX of the identity behind engine name `name` (without $ signs).

    A leaf is SymPy's derivative of one definition; dE_dw1..dE_dw8 are the delta rule. A
    factor the chain rule splits is shown split, then as SymPy's product. inline=True
    (for a table row): derivatives slashed, and a split factor either split or, when its
    product needs only deltas and weights (delta_o1 w5), as that product, not both.
    """
    factors = _factors()
    weight = name[4:] if name.startswith("dE_d") else None
    if weight in WEIGHTS:
        return _delta_rule(weight, inline)
    if name not in factors:
        raise ValueError(f"name must be one of the engine's chain-rule names "
                         f"({', '.join(sorted(factors))}), got {name!r}")
    f = factors[name]
    label, value = _label(f, inline), sp.latex(f.expr)
    if not f.terms:
        return f"{label} = {value}"  # SymPy's derivative of one definition
    named = f"{sp.latex(f.symbol)} = " if f.symbol is not None else ""
    split = " + ".join(r" \cdot ".join(_label(g, inline) for g in t) for t in f.terms)
    if not inline:
        return f"{named}{label} = {split} = {value}"
    if f.expr.free_symbols <= _AT_HAND:
        return f"{named}{label} = {value}"
    return f"{named}{label} = {split}"


def against_equations(fn):
    """Each line that fn computes, beside the equation it implements (inline form)."""
    return Table(["the engine's line", "the equation"],
                 [(code(text), f"${equation(name, inline=True)}$")
                  for name, text in computed(fn)])


def key(names, values=None):
    """Engine names, the derivative each stands for, and (if values given) its value.

    values: {name: number}, e.g. backward(params, example).as_dict(); shown to 9 decimals.
    """
    factors = _factors()
    rows = []
    for name in names:
        equation(name)  # raises on an unknown name
        weight = name[4:] if name.startswith("dE_d") else None
        f = symbolic.chain(weight) if weight in WEIGHTS else factors[name]
        # Slashed, not \frac: a fraction inside a table row shrinks to a footnote's size.
        label = rf"\partial {sp.latex(f.of)} / \partial {sp.latex(f.wrt)}"
        symbol = factors[name].symbol if name in factors else None
        shown = f"${sp.latex(symbol)} = {label}$" if symbol is not None else f"${label}$"
        row = [code(name), shown]
        if values is not None:
            if name not in values:
                raise ValueError(f"values must hold every name; {name!r} is missing")
            row.append(f"{values[name]:.9f}")
        rows.append(row)
    return Table(["in the code", "in the equations"] + (["value"] if values else []), rows)
