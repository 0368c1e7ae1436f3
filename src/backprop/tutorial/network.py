"""The 2-2-2 network's parameters and its one training example, in the tutorial's names.

Weight labels, defined once for the whole book (edge: from -> to):

    w1: i1 -> h1    w2: i2 -> h1    w3: i1 -> h2    w4: i2 -> h2
    w5: h1 -> o1    w6: h2 -> o1    w7: h1 -> o2    w8: h2 -> o2

The tutorial has one bias per layer: b1 feeds h1 and h2, b2 feeds o1 and o2. To let the
biases also be trained one per neuron, a network stores four bias slots (b_h1, b_h2,
b_o1, b_o2); the tutorial's network has b_h1 = b_h2 = b1 and b_o1 = b_o2 = b2.
"""
from dataclasses import dataclass, fields, replace

from .. import _validate
from .published import PUBLISHED

WEIGHTS = ("w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8")
EDGES = {
    "w1": ("i1", "h1"), "w2": ("i2", "h1"), "w3": ("i1", "h2"), "w4": ("i2", "h2"),
    "w5": ("h1", "o1"), "w6": ("h2", "o1"), "w7": ("h1", "o2"), "w8": ("h2", "o2"),
}
BIAS_SLOTS = ("b_h1", "b_h2", "b_o1", "b_o2")
# The tutorial's ten trainable numbers: one bias per layer, shared by its two neurons.
PARAMETERS = WEIGHTS + ("b1", "b2")
INPUTS = ("i1", "i2")
# The neurons layer by layer (hidden, output), and the same as one tuple.
LAYERS = (("h1", "h2"), ("o1", "o2"))
NEURONS = LAYERS[0] + LAYERS[1]
# Where the matrix engine (nn.mlp) keeps each weight and bias: row j of W[l] holds the
# weights into neuron j of layer l, so W[0] = [[w1, w2], [w3, w4]], W[1] = [[w5, w6], [w7, w8]].
WEIGHT_MATRICES = ((("w1", "w2"), ("w3", "w4")), (("w5", "w6"), ("w7", "w8")))
BIAS_VECTORS = (("b_h1", "b_h2"), ("b_o1", "b_o2"))
TARGETS = ("t1", "t2")


@dataclass(frozen=True)
class Params:
    """Weights w1..w8 and the bias of each neuron."""

    w1: float
    w2: float
    w3: float
    w4: float
    w5: float
    w6: float
    w7: float
    w8: float
    b_h1: float
    b_h2: float
    b_o1: float
    b_o2: float

    def __post_init__(self):
        for f in fields(self):
            object.__setattr__(self, f.name, _validate.finite(f.name, getattr(self, f.name)))

    @classmethod
    def layered(cls, w1, w2, w3, w4, w5, w6, w7, w8, b1, b2):
        """The tutorial's form: eight weights, b1 shared by the hidden layer, b2 by the output."""
        return cls(w1, w2, w3, w4, w5, w6, w7, w8, b1, b1, b2, b2)

    @property
    def b1(self):
        """The hidden layer's shared bias (defined while h1 and h2 still share one)."""
        return _shared(self, "b1", self.b_h1, self.b_h2)

    @property
    def b2(self):
        """The output layer's shared bias (defined while o1 and o2 still share one)."""
        return _shared(self, "b2", self.b_o1, self.b_o2)

    def biases(self):
        """The tutorial's {b1, b2} while each layer shares one bias, else the four slots."""
        if self.b_h1 == self.b_h2 and self.b_o1 == self.b_o2:
            return {"b1": self.b_h1, "b2": self.b_o1}
        return {slot: getattr(self, slot) for slot in BIAS_SLOTS}

    def with_values(self, **values):
        """A copy with some parameters replaced; b1 / b2 set both slots of their layer."""
        for layer, slots in (("b1", ("b_h1", "b_h2")), ("b2", ("b_o1", "b_o2"))):
            if layer in values:
                value = values.pop(layer)
                values.update(dict.fromkeys(slots, value))
        unknown = sorted(set(values) - set(WEIGHTS + BIAS_SLOTS))
        if unknown:
            raise ValueError(f"unknown parameter {unknown[0]!r}; known: w1..w8, b1, b2, "
                             "b_h1, b_h2, b_o1, b_o2")
        return replace(self, **values)

    @classmethod
    def from_vector(cls, values):
        """From the 12 numbers in the order w1..w8, b_h1, b_h2, b_o1, b_o2."""
        values = list(values)
        if len(values) != len(fields(cls)):
            raise ValueError(f"values must hold {len(fields(cls))} numbers (w1..w8, b_h1, "
                             f"b_h2, b_o1, b_o2), got {len(values)}")
        return cls(*values)

    def to_vector(self):
        return [getattr(self, f.name) for f in fields(self)]

    def as_dict(self):
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _shared(params, name, a, b):
    if a != b:
        raise ValueError(f"{name} is not shared any more ({a!r} != {b!r}): read the "
                         "per-neuron slots instead")
    return a


@dataclass(frozen=True)
class Example:
    """One training example: inputs i1, i2 and targets t1 (for o1), t2 (for o2)."""

    i1: float
    i2: float
    t1: float
    t2: float

    def __post_init__(self):
        for name in INPUTS:
            object.__setattr__(self, name, _validate.finite(name, getattr(self, name)))
        # A logistic output lives in (0, 1), so a target outside [0, 1] can never be met.
        for name in TARGETS:
            object.__setattr__(self, name, _validate.in_range(name, getattr(self, name), 0, 1))

    def with_values(self, **values):
        unknown = sorted(set(values) - set(INPUTS + TARGETS))
        if unknown:
            raise ValueError(f"unknown example value {unknown[0]!r}; known: i1, i2, t1, t2")
        return replace(self, **values)


def _published(*names):
    return {name: PUBLISHED[name].value for name in names}


TUTORIAL_PARAMS = Params.layered(**_published(*WEIGHTS, "b1", "b2"))
TUTORIAL_EXAMPLE = Example(**_published(*INPUTS, *TARGETS))
TUTORIAL_ETA = PUBLISHED["eta"].value