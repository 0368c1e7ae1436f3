"""One update and many: the learning rate, the ordering of updates, the error history."""
import math

import pytest

from backprop import (TUTORIAL_PARAMS as P, TUTORIAL_EXAMPLE as EX, TUTORIAL_ETA as ETA, WEIGHTS,
                      BIASES, HIDDEN_DELTAS, backward, forward, train, update)


def test_update_moves_each_weight_against_its_gradient():
    b = backward(P, EX)
    new = update(P, EX, ETA)
    for w, g in zip(WEIGHTS, b.weight_gradients()):
        assert getattr(new, w) == getattr(P, w) - ETA * g


def test_hidden_weights_use_the_original_output_weights_by_default():
    new = update(P, EX, ETA)
    variant = update(P, EX, ETA, hidden_deltas="updated")
    assert [new.w5, new.w6, new.w7, new.w8] == [variant.w5, variant.w6, variant.w7, variant.w8]
    assert new.w1 != variant.w1
    moved = (variant.w5, variant.w6, variant.w7, variant.w8)
    expected = backward(P, EX, output_weights=moved).hidden.dE_dw1
    assert variant.w1 == P.w1 - ETA * expected


@pytest.mark.parametrize("biases", BIASES)
@pytest.mark.parametrize("hidden_deltas", HIDDEN_DELTAS)
def test_train_is_update_repeated_to_the_last_bit(biases, hidden_deltas):
    run = train(P, EX, ETA, 50, biases, hidden_deltas)
    assert len(run.errors) == 51
    p = P
    for k in range(51):
        assert run.errors[k] == forward(p, EX).E_total
        if k < 50:
            p = update(p, EX, ETA, biases, hidden_deltas)
    assert run.params == p
    assert run.final == forward(p, EX)


def test_zero_updates_leave_the_network_as_it_was():
    run = train(P, EX, ETA, 0)
    assert run.params == P and list(run.errors) == [forward(P, EX).E_total]


def test_error_falls_monotonically_for_the_tutorial():
    errors = train(P, EX, ETA, 200).errors
    assert all(b < a for a, b in zip(errors, errors[1:]))


def test_learning_rate_scales_the_first_step():
    small, large = update(P, EX, 0.1), update(P, EX, 1.0)
    assert (large.w5 - P.w5) == pytest.approx(10 * (small.w5 - P.w5), rel=1e-12)
    assert math.isclose(P.w5 - small.w5, 0.1 * backward(P, EX).output.dE_dw5, rel_tol=1e-12)


def test_reproducible_error_is_e_total_to_the_last_few_bits():
    from backprop.training import reproducible_error
    mpmath = pytest.importorskip("mpmath")
    with mpmath.workdps(50):  # E_total in 50 digits, then rounded once
        exact = float(mpmath.mpf(0.5) * (mpmath.mpf(EX.t1) - _out(P.w5, P.w6, P.b_o1)) ** 2
                      + mpmath.mpf(0.5) * (mpmath.mpf(EX.t2) - _out(P.w7, P.w8, P.b_o2)) ** 2)
    assert reproducible_error(P, EX) == pytest.approx(exact, rel=1e-15)
    assert reproducible_error(P, EX) == pytest.approx(forward(P, EX).E_total, rel=1e-15)
    assert reproducible_error(P, EX) == 0.2983711087600027  # the same bits on every machine


def _out(wa, wb, b):
    """out_o of the tutorial's network in mpmath, at the current precision."""
    import mpmath
    s = lambda x: 1 / (1 + mpmath.exp(-x))
    h1 = s(mpmath.mpf(P.w1) * EX.i1 + mpmath.mpf(P.w2) * EX.i2 + P.b_h1)
    h2 = s(mpmath.mpf(P.w3) * EX.i1 + mpmath.mpf(P.w4) * EX.i2 + P.b_h2)
    return s(mpmath.mpf(wa) * h1 + mpmath.mpf(wb) * h2 + b)
