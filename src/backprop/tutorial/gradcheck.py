"""Central differences on the 2-2-2 network: a slope of E_total measured without any chain rule.

    central_difference(params, example, name, h)   (E(p + h) - E(p - h)) / 2h, p = name

Chapter 9 measures the true gradient with it, chapter 13 checks backprop against it (and
differentiates other errors with `error=`). The matrix engine's counterpart, one whole
`MLP` at a time, is nn.gradcheck.numerical_gradients.
"""
from .. import _validate
from .forward import forward


def total_error(params, example):
    """E_total, from the engine's forward pass."""
    return forward(params, example).E_total


def central_difference(params, example, name, h, error=total_error):
    """(E(p + h) - E(p - h)) / 2h, p the parameter `name` of params, every other one held still.

    name: w1..w8, a bias slot (b_h1, ...), or b1 / b2, which move both neurons' slots (as the
    shared bias's own derivative requires; they raise unless the layer shares one bias).
    error: the E to differentiate, (params, example) -> float. Its error is of order h^2
    (and rounding / h).
    """
    h = _validate.positive("h", h)
    value = getattr(params, name)
    up = error(params.with_values(**{name: value + h}), example)
    down = error(params.with_values(**{name: value - h}), example)
    return (up - down) / (2 * h)
