"""Chapter 4, the output layer: the derivative as a measured nudge, and a sign to predict.

    nudge(w, h)                     E_total before and after moving weight w by h alone
    nudge_table(w, steps)           a Table: each h, the error's change, h times the
                                    derivative, and the gap between them
    gradient_sign(w, **example)     the sign of dE_total/dw (+1, -1 or 0) for an example
                                    with some of its values replaced (t1=0.99)
    start_facts, layer_facts, nudge_facts, update_facts   the numbers the prose names,
                                    as {name: value}
"""
import math
from dataclasses import dataclass, replace

from .. import _validate
from ..display.tables import Table, code
from ..tutorial.backward import backward
from ..tutorial.forward import forward
from ..tutorial.network import TUTORIAL_EXAMPLE, TUTORIAL_PARAMS, WEIGHTS

STEPS = (0.1, 0.01, 0.001, 0.0001, -0.01)  # the nudges the chapter tries
LARGEST_STEP = 1.0  # beyond this a "nudge" is a jump, and the table would teach nothing


@dataclass(frozen=True)
class Nudge:
    """Weight w moved by h, every other value held still."""

    w: str
    h: float
    before: float      # E_total at the weights as given
    after: float       # E_total with w + h
    derivative: float  # dE_total/dw at the weights as given (backward)

    @property
    def change(self):
        """How far E_total moved: after - before."""
        return self.after - self.before

    @property
    def predicted(self):
        """What the derivative predicts for that change: h * dE_total/dw."""
        return self.h * self.derivative

    @property
    def slope(self):
        """change / h: the measured slope, which tends to dE_total/dw as h shrinks."""
        return self.change / self.h

    @property
    def gap(self):
        """change - predicted: what the straight-line prediction misses (about h^2 times
        half the second derivative, so it shrinks a hundredfold when h shrinks tenfold)."""
        return self.change - self.predicted


def nudge(w, h, params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """E_total with weight w moved by h (0 < |h| <= 1), against h times dE_total/dw."""
    _validate.choice("w", w, WEIGHTS)
    h = _validate.in_range("h", h, -LARGEST_STEP, LARGEST_STEP)
    if h == 0:
        raise ValueError(f"h must be a nonzero number in [-{LARGEST_STEP}, {LARGEST_STEP}], "
                         f"got {h!r}")
    moved = replace(params, **{w: getattr(params, w) + h})
    derivative = backward(params, example).weight_gradients()[WEIGHTS.index(w)]
    return Nudge(w, h, forward(params, example).E_total, forward(moved, example).E_total,
                 derivative)


def _h(h):
    """A step as the table shows it: 0.1, 0.0001, -0.01 (no 1e-04)."""
    return f"{h:.{max(1, -math.floor(math.log10(abs(h))))}f}".replace("-", "\u2212")


def _sci(x):
    """+7.43590e−3: six significant digits, signed, the exponent without padding."""
    mantissa, exponent = f"{x:+.5e}".split("e")
    return f"{mantissa}e{int(exponent)}".replace("-", "\u2212")


def nudge_table(w="w5", steps=STEPS, params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """Each step h: the change of E_total, h times the derivative, and change / h.

    Six significant digits (the slope seven): far above the last bits of E_total (about
    1e-17, divided by h at most 1e-4), so the table is the same on every machine.
    """
    if not steps:
        raise ValueError("steps must list at least one nonzero step h in [-1, 1]")
    rows = []
    for h in steps:
        n = nudge(w, h, params, example)
        rows.append((_h(n.h), _sci(n.change), _sci(n.predicted),
                     f"{n.slope:.7f}".replace("-", "\u2212")))
    return Table([f"nudge h to {code(w)}", f"change of {code('E_total')}",
                  f"h × {code(f'dE_d{w}')}", "change ÷ h"], rows)


def gradient_sign(w="w5", params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, **changes):
    """+1, -1 or 0: the sign of dE_total/dw once the example's values in `changes`
    (i1, i2, t1, t2) are replaced, e.g. gradient_sign("w5", t1=0.99)."""
    _validate.choice("w", w, WEIGHTS)
    for key, value in changes.items():
        _validate.choice("changes", key, ("i1", "i2", "t1", "t2"))
        _validate.finite(key, value)
    g = backward(params, replace(example, **changes)).weight_gradients()[WEIGHTS.index(w)]
    return (g > 0) - (g < 0)


# -- the numbers the prose names ---------------------------------------------------------


def start_facts(fwd, example):
    """E_total and the two outputs of the `Forward` fwd, and the targets."""
    return {"E_total": fwd.E_total, "out_o1": fwd.out_o1, "out_o2": fwd.out_o2,
            "t1": example.t1, "t2": example.t2}


def layer_facts(output, names):
    """The values of the `OutputLayer` output named in names."""
    return {name: getattr(output, name) for name in names}


# The nudges the text names: a large and a small one, and a step from one to a tenth of it.
NUDGES = {"h_big": 0.1, "h_small": 0.0001, "h_from": 0.01, "h_to": 0.001}


def nudge_facts(w="w5"):
    """The NUDGES, the slope each of h_big and h_small measures on w, and how many times
    smaller the gap to the derivative gets from h_from to h_to."""
    return {**NUDGES, "slope_big": nudge(w, NUDGES["h_big"]).slope,
            "slope_small": nudge(w, NUDGES["h_small"]).slope,
            "gap_shrinks": nudge(w, NUDGES["h_from"]).gap / nudge(w, NUDGES["h_to"]).gap}


def update_facts(params, new, eta):
    """w5 before and after one update at eta (new: the updated `Params`)."""
    return {"eta": eta, "w5": params.w5, "w5_new": new.w5}
