"""The fused loop must be update() and forward() to the last bit, from any start."""
import numpy as np
import pytest

from backprop import (TUTORIAL_PARAMS as P, TUTORIAL_EXAMPLE as EX, TUTORIAL_ETA as ETA,
                      BIASES, HIDDEN_DELTAS, Example, Params, forward, update)
from backprop.tutorial.fast import train_loop


def readable(p, ex, eta, updates, biases, hidden_deltas):
    """The chapters' code: forward() for the error, update() for the step."""
    errors = []
    for k in range(updates + 1):
        errors.append(forward(p, ex).E_total)
        if k < updates:
            p = update(p, ex, eta, biases, hidden_deltas)
    return p.to_vector(), errors


def starts(n, seed):
    rng = np.random.default_rng(seed)
    for _ in range(n):
        p = Params(*rng.uniform(-3, 3, 12))
        ex = Example(*rng.uniform(-1, 1, 2), *rng.uniform(0, 1, 2))
        yield p, ex, float(10 ** rng.uniform(-2, 1.3))


@pytest.mark.parametrize("biases", BIASES)
@pytest.mark.parametrize("hidden_deltas", HIDDEN_DELTAS)
def test_random_starts_train_bit_for_bit_as_update_repeated(biases, hidden_deltas):
    for p, ex, eta in starts(12, seed=len(biases) + len(hidden_deltas)):
        final, errors = train_loop(p.to_vector(), (ex.i1, ex.i2, ex.t1, ex.t2), eta, 40,
                                   biases, hidden_deltas)
        expected_final, expected_errors = readable(p, ex, eta, 40, biases, hidden_deltas)
        assert list(final) == expected_final
        assert errors == expected_errors


def test_the_tutorials_10000_updates_are_update_repeated_to_the_last_bit():
    final, errors = train_loop(P.to_vector(), (EX.i1, EX.i2, EX.t1, EX.t2), ETA, 10_000,
                               "frozen", "original")
    expected_final, expected_errors = readable(P, EX, ETA, 10_000, "frozen", "original")
    assert list(final) == expected_final and errors == expected_errors


def test_arrays_train_one_network_per_element():
    rates = np.array([0.1, 0.5, 2.0])
    p = [np.full(3, x) for x in P.to_vector()]
    final, errors = train_loop(p, (EX.i1, EX.i2, EX.t1, EX.t2), rates, 30, "shared",
                               "original", exp=np.exp)
    for n, eta in enumerate(rates):
        expected_final, expected_errors = readable(P, EX, eta, 30, "shared", "original")
        np.testing.assert_allclose([f[n] for f in final], expected_final, rtol=0, atol=1e-12)
        np.testing.assert_allclose([e[n] for e in errors], expected_errors, rtol=0,
                                   atol=1e-12)
