"""Data sets: exact arrays for XOR and the tutorial, seeded shapes, the digits split."""
import numpy as np
import pytest

from backprop import TUTORIAL_EXAMPLE as EX
from backprop.nn import datasets


def test_tutorial_is_the_one_example_as_rows():
    X, T = datasets.tutorial()
    assert X.tolist() == [[EX.i1, EX.i2]] == [[0.05, 0.10]]
    assert T.tolist() == [[EX.t1, EX.t2]] == [[0.01, 0.99]]


def test_xor_is_one_exactly_when_the_inputs_differ():
    X, T = datasets.xor()
    assert X.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert T[:, 0].tolist() == [float(a != b) for a, b in X]


def test_moons_without_noise_lie_on_their_two_arcs():
    X, T = datasets.moons(n=9, noise=0)
    assert X.shape == (9, 2) and T[:, 0].tolist() == [0] * 4 + [1] * 5
    upper, lower = X[:4], X[4:]
    assert np.allclose(np.hypot(*upper.T), 1, rtol=0, atol=1e-15)
    assert np.allclose(np.hypot(lower[:, 0] - 1, lower[:, 1] - 0.5), 1, rtol=0, atol=1e-15)
    assert upper[0].tolist() == [1.0, 0.0] and lower[0].tolist() == [0.0, 0.5]
    assert upper[-1] == pytest.approx([-1.0, 0.0], abs=1e-15)


def test_circles_without_noise_have_radius_one_and_factor():
    X, T = datasets.circles(n=10, noise=0, factor=0.3)
    radius = np.hypot(*X.T)
    assert np.allclose(radius[T[:, 0] == 0], 1, rtol=0, atol=1e-15)
    assert np.allclose(radius[T[:, 0] == 1], 0.3, rtol=0, atol=1e-15)


@pytest.mark.parametrize("make", [datasets.moons, datasets.circles])
def test_noise_is_seeded_and_has_the_given_spread(make):
    X, T = make(n=2000, noise=0.2, seed=5)
    again, _ = make(n=2000, noise=0.2, seed=5)
    other, _ = make(n=2000, noise=0.2, seed=6)
    clean, _ = make(n=2000, noise=0)
    assert np.array_equal(X, again) and not np.array_equal(X, other)
    assert (X - clean).std() == pytest.approx(0.2, rel=0.03)
    assert T.sum() == 1000


def test_digits_are_scaled_one_hot_and_split_by_seed():
    d = datasets.digits(test_fraction=0.25, seed=0)
    assert d.X_train.shape == (1348, 64) and d.X_test.shape == (449, 64)
    assert d.T_train.shape == (1348, 10) and d.T_test.shape == (449, 10)
    X = np.vstack([d.X_train, d.X_test])
    assert X.min() == 0.0 and X.max() == 1.0
    assert np.array_equal(d.T_test.argmax(axis=1), d.labels_test)
    assert (d.T_train.sum(axis=1) == 1).all() and set(np.unique(d.T_train)) == {0.0, 1.0}
    # Every image is used once: scikit-learn's 174 to 183 images per digit, 1,797 in all.
    counts = np.bincount(np.concatenate([d.labels_train, d.labels_test]))
    assert counts.sum() == 1797 and counts.min() == 174 and counts.max() == 183
    again, other = datasets.digits(seed=0), datasets.digits(seed=1)
    assert np.array_equal(d.X_test, again.X_test) and not np.array_equal(d.X_test, other.X_test)


def test_one_hot_puts_a_single_one_in_each_row():
    assert datasets.one_hot([2, 0], 3).tolist() == [[0, 0, 1], [1, 0, 0]]


def test_split_keeps_rows_together():
    X = np.arange(20.0).reshape(10, 2)
    T = X[:, :1] * 10
    s = datasets.split(X, T, test_fraction=0.3, seed=2)
    assert len(s.X_test) == 3 and len(s.X_train) == 7
    assert np.array_equal(s.T_test, s.X_test[:, :1] * 10)
    assert sorted(np.vstack([s.X_train, s.X_test])[:, 0].tolist()) == X[:, 0].tolist()


@pytest.mark.parametrize("call, message", [
    (lambda: datasets.moons(n=1), "n must be a whole number >= 2"),
    (lambda: datasets.moons(noise=-0.1), "noise must be a finite number >= 0"),
    (lambda: datasets.moons(seed=-1), "seed must be a whole number >= 0"),
    (lambda: datasets.circles(factor=1.0), r"factor must lie in \(0, 1\)"),
    (lambda: datasets.one_hot([0, 3], 3), r"labels must be whole numbers in \[0, 2\]"),
    (lambda: datasets.one_hot([], 3), "labels must be a non-empty 1-D array"),
    (lambda: datasets.digits(test_fraction=1.0), r"test_fraction must lie in \(0, 1\)"),
    (lambda: datasets.split(np.ones((2, 2)), np.ones((3, 1))), r"T must have shape \(2, outputs\)"),
    (lambda: datasets.split(np.ones((4, 2)), np.ones((4, 1)), labels=[0, 1]),
     r"labels must have shape \(4,\)"),
])
def test_bad_input_raises_value_error_naming_the_parameter(call, message):
    with pytest.raises(ValueError, match=message):
        call()
