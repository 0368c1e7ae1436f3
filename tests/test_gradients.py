"""dE_total/dp from the chain rule agrees with finite differences of an independent E_total."""
import mpmath
import pytest
from hypothesis import given, settings, strategies as st

from backprop import (TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, WEIGHTS, BIAS_SLOTS, Params, Example,
                      backward, forward)

mpmath.mp.dps = 50
SLOTS = WEIGHTS + BIAS_SLOTS


def reference_error(p, ex):
    """E_total written out once more, in 50-digit arithmetic, sharing no code with src."""
    s = lambda x: 1 / (1 + mpmath.exp(-x))
    h1 = s(p["w1"] * ex.i1 + p["w2"] * ex.i2 + p["b_h1"])
    h2 = s(p["w3"] * ex.i1 + p["w4"] * ex.i2 + p["b_h2"])
    o1 = s(p["w5"] * h1 + p["w6"] * h2 + p["b_o1"])
    o2 = s(p["w7"] * h1 + p["w8"] * h2 + p["b_o2"])
    return (ex.t1 - o1) ** 2 / 2 + (ex.t2 - o2) ** 2 / 2


def finite_difference(params, ex, names, h=mpmath.mpf("1e-20")):
    """Central difference of E_total when every parameter in `names` moves together."""
    base = {k: mpmath.mpf(v) for k, v in params.as_dict().items()}
    up = {k: v + h if k in names else v for k, v in base.items()}
    down = {k: v - h if k in names else v for k, v in base.items()}
    return float((reference_error(up, ex) - reference_error(down, ex)) / (2 * h))


def assert_gradients_agree(params, ex):
    b = backward(params, ex)
    engine = dict(zip(SLOTS, b.weight_gradients() + b.bias_gradients()))
    engine["b1"], engine["b2"] = b.dE_db1, b.dE_db2
    moved = {**{k: (k,) for k in SLOTS}, "b1": ("b_h1", "b_h2"), "b2": ("b_o1", "b_o2")}
    for name, slots in moved.items():
        fd = finite_difference(params, ex, slots)
        assert engine[name] == pytest.approx(fd, rel=1e-8, abs=1e-15), name


def test_reference_error_is_the_engines_error():
    ex = TUTORIAL_EXAMPLE
    assert float(reference_error(TUTORIAL_PARAMS.as_dict(), ex)) == pytest.approx(
        forward(TUTORIAL_PARAMS, ex).E_total, abs=1e-15)


def test_gradients_match_finite_differences_for_the_tutorial():
    assert_gradients_agree(TUTORIAL_PARAMS, TUTORIAL_EXAMPLE)


weights = st.floats(-3, 3)
@settings(max_examples=40, deadline=None)
@given(st.lists(weights, min_size=12, max_size=12), st.floats(-2, 2), st.floats(-2, 2),
       st.floats(0, 1), st.floats(0, 1))
def test_gradients_match_finite_differences_for_random_parameters(values, i1, i2, t1, t2):
    assert_gradients_agree(Params(*values), Example(i1, i2, t1, t2))


def test_shared_bias_gradient_is_the_sum_of_the_layers_deltas():
    b = backward(TUTORIAL_PARAMS, TUTORIAL_EXAMPLE)
    assert b.dE_db1 == b.hidden.delta_h1 + b.hidden.delta_h2
    assert b.dE_db2 == b.output.delta_o1 + b.output.delta_o2


def test_dE_dout_h1_sums_both_outputs_through_w5_and_w7():
    h = backward(TUTORIAL_PARAMS, TUTORIAL_EXAMPLE).hidden
    o = backward(TUTORIAL_PARAMS, TUTORIAL_EXAMPLE).output
    assert h.dEo1_dout_h1 == o.delta_o1 * TUTORIAL_PARAMS.w5
    assert h.dEo2_dout_h1 == o.delta_o2 * TUTORIAL_PARAMS.w7
    assert h.dE_dout_h1 == h.dEo1_dout_h1 + h.dEo2_dout_h1
