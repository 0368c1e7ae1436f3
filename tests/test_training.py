"""One update and many: the learning rate, the ordering of updates, the error history."""
import math
import re

import numpy as np
import pytest

from backprop import (TUTORIAL_PARAMS as P, TUTORIAL_EXAMPLE as EX, TUTORIAL_ETA as ETA,
                      WEIGHTS, BIASES, HIDDEN_DELTAS, backward, forward, logistic, train,
                      update)
from backprop.tutorial import training


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
    from backprop.tutorial.training import reproducible_error
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

def test_logistic_takes_its_limit_where_exp_overflows():
    assert [logistic(x) for x in (-1e308, -710.0, -math.inf)] == [0.0, 0.0, 0.0]
    assert [logistic(x) for x in (1e308, 710.0, math.inf)] == [1.0, 1.0, 1.0]


def test_logistic_is_unchanged_wherever_exp_does_not_overflow():
    xs = np.concatenate([np.linspace(-709.78, 709.78, 20_001), [0.75, -0.5, 1e-300, -1e-300]])
    assert all(logistic(x) == 1.0 / (1.0 + math.exp(-x)) for x in xs.tolist())


def test_overflowing_neuron_trains_on_as_update_repeated():
    # net_o1 far below -709 at the start: out_o1 = 0, its delta 0, w5 and w6 stay.
    huge = P.with_values(w5=-2000.0, w6=-2000.0)
    run = train(huge, EX, ETA, 3)
    p = huge
    for k in range(4):
        assert run.errors[k] == forward(p, EX).E_total
        p = update(p, EX, ETA) if k < 3 else p
    assert run.params == p and (p.w5, p.w6) == (-2000.0, -2000.0)


DIVERGES = (P.with_values(w1=1e-300), EX.with_values(i1=1e300), 1e11)
DIVERGED = ("training diverged: w1 is -inf after 1 update; the learning rate eta = "
            "100000000000.0 is too large for this start")


def test_diverging_update_raises_value_error_naming_eta():
    with pytest.raises(ValueError, match=f"^{re.escape(DIVERGED)}$"):
        update(*DIVERGES)


def test_diverging_training_raises_value_error_naming_eta():
    with pytest.raises(ValueError, match=f"^{re.escape(DIVERGED.replace('1 update', '4 updates'))}$"):
        train(*DIVERGES, 4)


@pytest.mark.parametrize("biases", BIASES)
def test_training_in_chunks_is_one_run_to_the_last_bit(monkeypatch, biases):
    whole = train(P, EX, 2.0, 50, biases)
    monkeypatch.setattr(training, "CHUNK", 7)
    chunked = train(P, EX, 2.0, 50, biases)
    assert np.array_equal(chunked.errors, whole.errors) and chunked.params == whole.params


def test_errors_at_keeps_only_the_errors_asked_for(monkeypatch):
    monkeypatch.setattr(training, "CHUNK", 7)
    whole = train(P, EX, ETA, 50)
    some = train(P, EX, ETA, 50, errors_at=[50, 0, 1, 14, 1])
    assert some.errors == {k: whole.errors[k] for k in (0, 1, 14, 50)}
    assert some.params == whole.params and some.final == whole.final


def test_progress_hears_of_every_chunk(monkeypatch):
    monkeypatch.setattr(training, "CHUNK", 7)
    heard = []
    train(P, EX, ETA, 20, progress=heard.append)
    assert heard == [7, 7, 6]


def test_the_longest_run_is_refused_above_its_maximum():
    assert training.MAX_UPDATES == 100_000_000
    with pytest.raises(ValueError, match=r"^updates must be a whole number in \[0, 100000000\], "
                                         "got 100000001$"):
        train(P, EX, ETA, training.MAX_UPDATES + 1)
