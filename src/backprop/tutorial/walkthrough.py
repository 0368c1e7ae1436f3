"""The whole worked example as one table of named values, in the tutorial's order.

Keys are the `key` column of the published table, plus the quantities it does not print
(net_h2, net_o2, delta_o2, ...), so every computed value can sit beside its published one.
"""
from dataclasses import asdict

from .backward import backward
from .forward import forward
from .network import TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, TUTORIAL_ETA, WEIGHTS
from .training import update

SECTIONS = {
    "overview": "The network and the training example",
    "forward-pass": "The forward pass",
    "total-error": "The total error",
    "output-layer": "The backward pass: output layer",
    "hidden-layer": "The backward pass: hidden layer",
    "training": "After the update",
}


def walkthrough(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, eta=TUTORIAL_ETA,
                biases="frozen", hidden_deltas="original"):
    """{section: {key: value}} for one forward pass, backward pass and update."""
    b = backward(params, example)
    f, o, h = b.fwd, b.output, b.hidden
    new = update(params, example, eta, biases, hidden_deltas)
    out = asdict(o)
    hid = asdict(h)
    return {
        "overview": {**asdict(example), **{w: getattr(params, w) for w in WEIGHTS},
                     **params.biases(), "eta": eta},
        "forward-pass": {k: v for k, v in f.as_dict().items() if k.startswith(("net", "out"))},
        "total-error": {"E_o1": f.E_o1, "E_o2": f.E_o2, "E_total": f.E_total},
        "output-layer": {**out, "dE_db2": b.dE_db2,
                         **{f"{w}_new": getattr(new, w) for w in WEIGHTS[4:]}},
        "hidden-layer": {"dEo1_dnet_o1": o.delta_o1, **hid, "dE_db1": b.dE_db1,
                         **{f"{w}_new": getattr(new, w) for w in WEIGHTS[:4]}},
        "training": {**{f"{k}_new": v for k, v in new.biases().items()},
                     "E_after_1_update": forward(new, example).E_total},
    }


def flat(table):
    """One {key: value} dict from a walkthrough's sections."""
    return {k: v for section in table.values() for k, v in section.items()}
