"""The chain rule drawn on the network: the path from a weight to E_total, each factor on it.

For an output-layer weight (w5..w8) the path is one line: weight -> output -> its error.
For a hidden-layer weight (w1..w4) it forks: the hidden neuron reaches E_total through both
outputs, which is why dE_total/dout_h1 is a sum of two products delta_o * weight.
"""
from dataclasses import dataclass

from .. import _validate
from ..tutorial.backward import backward
from .diagram import draw_network, error_path
from .style import LARGE, styled
from ..tutorial.network import TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, EDGES, WEIGHTS


def _tex(name):
    """Mathtext for a tutorial name: out_o1 -> out_{o1}, w5 -> w_{5}, E_total -> E_{total}."""
    head, _, sub = name.rpartition("_") if "_" in name else (name[0], "", name[1:])
    return f"{head}_{{{sub}}}"


@dataclass(frozen=True)
class Factor:
    at: str      # the node or edge of the diagram where it is written
    name: str    # plain text, e.g. dout_o1/dnet_o1
    tex: str     # mathtext
    value: float


def _partial(at, of, wrt, value):
    return Factor(at, f"d{of}/d{wrt}", rf"\partial {_tex(of)} / \partial {_tex(wrt)}", value)


def factors(w, params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """The factors along w's path to E_total, from E_total back to w, and dE_total/dw."""
    _validate.choice("w", w, WEIGHTS)
    b = backward(params, example)
    o, h = b.output, b.hidden
    neuron = EDGES[w][1]
    k = neuron[1]
    if neuron.startswith("o"):
        return [_partial(f"E_o{k}", "E_total", f"out_o{k}", getattr(o, f"dE_dout_o{k}")),
                _partial(neuron, f"out_o{k}", f"net_o{k}", getattr(o, f"dout_o{k}_dnet_o{k}")),
                _partial(w, f"net_o{k}", w, getattr(o, f"dnet_o{k}_d{w}"))
                ], getattr(o, f"dE_d{w}")
    onward = [v for v, (a, _) in EDGES.items() if a == neuron]  # h1: w5, w7
    return ([Factor(f"o{j}", f"delta_o{j}", rf"\delta_{{o{j}}}", getattr(o, f"delta_o{j}"))
             for j in "12"]
            + [Factor(v, v, _tex(v), getattr(params, v)) for v in onward]
            + [_partial(neuron, f"out_h{k}", f"net_h{k}", getattr(h, f"dout_h{k}_dnet_h{k}")),
               _partial(w, f"net_h{k}", w, getattr(h, f"dnet_h{k}_d{w}"))],
            getattr(h, f"dE_d{w}"))


def _formula(w, chain):
    """The product the factors form, in mathtext, e.g. (d_o1 w5 + d_o2 w7) * ... ."""
    if EDGES[w][1].startswith("o"):
        return r" \cdot ".join(f.tex for f in chain)
    d1, d2, a, b, *rest = chain
    return (rf"({d1.tex}\,{a.tex} + {d2.tex}\,{b.tex}) \cdot "
            + r" \cdot ".join(f.tex for f in rest))


@styled
def chain_rule_figure(w, params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """The network with w's path to E_total highlighted and every factor's value on it."""
    chain, total = factors(w, params, example)
    text = {f.at: f"${f.tex}$ = {f.value:.4f}" for f in chain}
    nodes = {at: t for at, t in text.items() if at[0] in "ho"}
    edges = {at: t for at, t in text.items() if at not in nodes}
    fig = draw_network(params, example, highlight=error_path(w), edge_labels=edges,
                       node_labels=nodes)
    fig.axes[0].set_title(rf"$\partial E_{{total}} / \partial {_tex(w)} = {_formula(w, chain)}$"
                          f" = {total:.6f}", fontsize=LARGE, pad=14)
    return fig


def describe_chain_rule(w, params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """Alt text for chain_rule_figure: the path and each factor's value."""
    chain, total = factors(w, params, example)
    parts = "; ".join(f"{f.name} = {f.value:.4f} (at {f.at})" for f in chain)
    return (f"The network diagram with the path from {w} to the total error highlighted, "
            f"each chain-rule factor written where it arises: {parts}. Together they give "
            f"dE_total/d{w} = {total:.6f}.")
