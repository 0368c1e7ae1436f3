"""The backward pass: every chain-rule factor the tutorial names, and dE_total/dp for each p.

Names follow the tutorial: dE_dout_o1 is dE_total/dout_o1, dEo2_dout_h1 is dE_o2/dout_h1,
delta_o1 is the node delta dE_total/dnet_o1 (the tutorial also writes it dEo1_dnet_o1).
"""
from dataclasses import dataclass, asdict

from .forward import Forward, forward


@dataclass(frozen=True, kw_only=True)
class OutputLayer:
    dE_dout_o1: float       # -(t1 - out_o1)
    dE_dout_o2: float
    dout_o1_dnet_o1: float  # out_o1 (1 - out_o1)
    dout_o2_dnet_o2: float
    delta_o1: float         # dE_dout_o1 * dout_o1_dnet_o1
    delta_o2: float
    dnet_o1_dw5: float      # out_h1
    dnet_o1_dw6: float      # out_h2
    dnet_o2_dw7: float      # out_h1
    dnet_o2_dw8: float      # out_h2
    dE_dw5: float
    dE_dw6: float
    dE_dw7: float
    dE_dw8: float


@dataclass(frozen=True, kw_only=True)
class HiddenLayer:
    dnet_o1_dout_h1: float  # w5: how h1 reaches o1
    dnet_o2_dout_h1: float  # w7: how h1 reaches o2
    dnet_o1_dout_h2: float  # w6
    dnet_o2_dout_h2: float  # w8
    dEo1_dout_h1: float     # delta_o1 * w5
    dEo2_dout_h1: float     # delta_o2 * w7
    dEo1_dout_h2: float     # delta_o1 * w6
    dEo2_dout_h2: float     # delta_o2 * w8
    dE_dout_h1: float       # both outputs' share
    dE_dout_h2: float
    dout_h1_dnet_h1: float  # out_h1 (1 - out_h1)
    dout_h2_dnet_h2: float
    delta_h1: float
    delta_h2: float
    dnet_h1_dw1: float      # i1
    dnet_h1_dw2: float      # i2
    dnet_h2_dw3: float      # i1
    dnet_h2_dw4: float      # i2
    dE_dw1: float
    dE_dw2: float
    dE_dw3: float
    dE_dw4: float


@dataclass(frozen=True, kw_only=True)
class Backward:
    """The forward values, both layers' factors, and the bias gradients."""

    fwd: Forward
    output: OutputLayer
    hidden: HiddenLayer

    @property
    def dE_db1(self):
        """Gradient of the hidden layer's shared bias: it feeds both h1 and h2."""
        return self.hidden.delta_h1 + self.hidden.delta_h2

    @property
    def dE_db2(self):
        return self.output.delta_o1 + self.output.delta_o2

    def weight_gradients(self):
        """dE_total/dw for w1..w8, in that order."""
        h, o = self.hidden, self.output
        return (h.dE_dw1, h.dE_dw2, h.dE_dw3, h.dE_dw4, o.dE_dw5, o.dE_dw6, o.dE_dw7, o.dE_dw8)

    def bias_gradients(self):
        """dE_total/db for each neuron's own bias: b_h1, b_h2, b_o1, b_o2."""
        h, o = self.hidden, self.output
        return (h.delta_h1, h.delta_h2, o.delta_o1, o.delta_o2)

    def as_dict(self):
        return {**self.fwd.as_dict(), **asdict(self.output), **asdict(self.hidden),
                "dE_db1": self.dE_db1, "dE_db2": self.dE_db2}


def output_layer(f, ex):
    dE_dout_o1 = -(ex.t1 - f.out_o1)
    dE_dout_o2 = -(ex.t2 - f.out_o2)
    dout_o1_dnet_o1 = f.out_o1 * (1 - f.out_o1)
    dout_o2_dnet_o2 = f.out_o2 * (1 - f.out_o2)
    delta_o1 = dE_dout_o1 * dout_o1_dnet_o1
    delta_o2 = dE_dout_o2 * dout_o2_dnet_o2
    return OutputLayer(
        dE_dout_o1=dE_dout_o1, dE_dout_o2=dE_dout_o2,
        dout_o1_dnet_o1=dout_o1_dnet_o1, dout_o2_dnet_o2=dout_o2_dnet_o2,
        delta_o1=delta_o1, delta_o2=delta_o2,
        dnet_o1_dw5=f.out_h1, dnet_o1_dw6=f.out_h2, dnet_o2_dw7=f.out_h1, dnet_o2_dw8=f.out_h2,
        dE_dw5=delta_o1 * f.out_h1, dE_dw6=delta_o1 * f.out_h2,
        dE_dw7=delta_o2 * f.out_h1, dE_dw8=delta_o2 * f.out_h2)


def hidden_layer(f, ex, o, w5, w6, w7, w8):
    """The hidden layer's factors, carrying the output deltas back through w5..w8.

    The weights are arguments because the tutorial's text uses the original w5..w8 here,
    while its summary numbers come from using the already updated ones.
    """
    dEo1_dout_h1 = o.delta_o1 * w5
    dEo2_dout_h1 = o.delta_o2 * w7
    dEo1_dout_h2 = o.delta_o1 * w6
    dEo2_dout_h2 = o.delta_o2 * w8
    dE_dout_h1 = dEo1_dout_h1 + dEo2_dout_h1
    dE_dout_h2 = dEo1_dout_h2 + dEo2_dout_h2
    dout_h1_dnet_h1 = f.out_h1 * (1 - f.out_h1)
    dout_h2_dnet_h2 = f.out_h2 * (1 - f.out_h2)
    delta_h1 = dE_dout_h1 * dout_h1_dnet_h1
    delta_h2 = dE_dout_h2 * dout_h2_dnet_h2
    return HiddenLayer(
        dnet_o1_dout_h1=w5, dnet_o2_dout_h1=w7, dnet_o1_dout_h2=w6, dnet_o2_dout_h2=w8,
        dEo1_dout_h1=dEo1_dout_h1, dEo2_dout_h1=dEo2_dout_h1,
        dEo1_dout_h2=dEo1_dout_h2, dEo2_dout_h2=dEo2_dout_h2,
        dE_dout_h1=dE_dout_h1, dE_dout_h2=dE_dout_h2,
        dout_h1_dnet_h1=dout_h1_dnet_h1, dout_h2_dnet_h2=dout_h2_dnet_h2,
        delta_h1=delta_h1, delta_h2=delta_h2,
        dnet_h1_dw1=ex.i1, dnet_h1_dw2=ex.i2, dnet_h2_dw3=ex.i1, dnet_h2_dw4=ex.i2,
        dE_dw1=delta_h1 * ex.i1, dE_dw2=delta_h1 * ex.i2,
        dE_dw3=delta_h2 * ex.i1, dE_dw4=delta_h2 * ex.i2)


def backward(p, ex, output_weights=None):
    """All chain-rule factors for `Params` p on `Example` ex.

    output_weights: the (w5, w6, w7, w8) that carry the output deltas back to the hidden
    layer; by default p's own, which makes every dE/dw the true gradient of E_total.
    """
    f = forward(p, ex)
    o = output_layer(f, ex)
    if output_weights is None:
        output_weights = (p.w5, p.w6, p.w7, p.w8)
    elif len(output_weights) != 4:
        raise ValueError(f"output_weights must hold 4 values (w5, w6, w7, w8), "
                         f"got {len(output_weights)}")
    return Backward(fwd=f, output=o, hidden=hidden_layer(f, ex, o, *output_weights))
