"""Small data sets for the matrix form (mlp.MLP): arrays X (one row per example) and T.

    tutorial()                    the tutorial's one example: X [[0.05, 0.10]], T [[0.01, 0.99]]
    xor()                         the four XOR examples, T one column of 0 / 1
    moons(n, noise, seed)         two interleaved half circles in 2-D, T one column of 0 / 1
    circles(n, noise, factor, seed)   a ring around a smaller ring, T one column of 0 / 1
    digits(test_fraction, seed)   scikit-learn's 8 x 8 handwritten digits (1,797 images that
                                  ship with it: nothing is downloaded), pixels scaled to
                                  [0, 1], one-hot T, split into train and test
    one_hot(labels, classes)      labels 0..classes-1 -> rows with a single 1
    split(X, T, test_fraction, seed)  a random train / test split

Everything random comes from numpy's Generator with the given seed, so a seed always gives
the same arrays. Class labels from a one-output T: T[:, 0]; from one-hot T: T.argmax(1).
"""
from dataclasses import dataclass

import numpy as np

from .. import _validate
from ..tutorial.network import TUTORIAL_EXAMPLE


def tutorial():
    """(X, T) of the tutorial's single example, as one-row arrays."""
    ex = TUTORIAL_EXAMPLE
    return np.array([[ex.i1, ex.i2]]), np.array([[ex.t1, ex.t2]])


def xor():
    """(X, T): out should be 1 when exactly one input is 1. No straight line separates
    the two classes, so a network needs a hidden layer to learn it."""
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    return X, np.array([[0.0], [1.0], [1.0], [0.0]])


def _points(n, noise, seed):
    n = _validate.count("n", n, minimum=2)
    noise = _validate.finite("noise", noise)
    if noise < 0:
        raise ValueError(f"noise must be a finite number >= 0, got {noise!r}")
    return n, noise, np.random.default_rng(_validate.count("seed", seed))


def _labelled(first, second, noise, rng):
    X = np.vstack([first, second])
    X = X + rng.normal(0.0, noise, X.shape) if noise > 0 else X
    T = np.concatenate([np.zeros(len(first)), np.ones(len(second))])[:, None]
    return X, T


def moons(n=200, noise=0.1, seed=0):
    """(X, T): n points on two interleaved half circles of radius 1, with Gaussian noise.

    Class 0: (cos a, sin a) for a from 0 to pi (the upper arc, centred at (0, 0)).
    Class 1: (1 - cos a, 1/2 - sin a) (the lower arc, shifted right and down into the gap).
    The first n // 2 rows are class 0, the rest class 1; noise is the standard deviation.
    """
    n, noise, rng = _points(n, noise, seed)
    a0 = np.linspace(0, np.pi, n // 2)
    a1 = np.linspace(0, np.pi, n - n // 2)
    upper = np.column_stack([np.cos(a0), np.sin(a0)])
    lower = np.column_stack([1 - np.cos(a1), 0.5 - np.sin(a1)])
    return _labelled(upper, lower, noise, rng)


def circles(n=200, noise=0.05, factor=0.5, seed=0):
    """(X, T): class 0 on the unit circle, class 1 on a circle of radius factor inside it.

    The first n // 2 rows are class 0 (evenly spaced angles), the rest class 1.
    """
    n, noise, rng = _points(n, noise, seed)
    factor = _validate.finite("factor", factor)
    if not 0 < factor < 1:
        raise ValueError(f"factor must lie in (0, 1) (the inner circle's radius), got {factor!r}")
    a0 = np.linspace(0, 2 * np.pi, n // 2, endpoint=False)
    a1 = np.linspace(0, 2 * np.pi, n - n // 2, endpoint=False)
    outer = np.column_stack([np.cos(a0), np.sin(a0)])
    inner = factor * np.column_stack([np.cos(a1), np.sin(a1)])
    return _labelled(outer, inner, noise, rng)


def one_hot(labels, classes):
    """Row k is all zeros except a 1 in column labels[k]."""
    classes = _validate.count("classes", classes, minimum=1)
    labels = np.asarray(labels)
    if labels.ndim != 1 or labels.size == 0:
        raise ValueError(f"labels must be a non-empty 1-D array, got shape {labels.shape}")
    if not np.issubdtype(labels.dtype, np.integer) or labels.min() < 0 or labels.max() >= classes:
        raise ValueError(f"labels must be whole numbers in [0, {classes - 1}], got {labels!r}")
    return np.eye(classes)[labels]


@dataclass(frozen=True)
class Split:
    """A train / test split: inputs X, targets T, and the class label of each row."""

    X_train: np.ndarray
    T_train: np.ndarray
    labels_train: np.ndarray
    X_test: np.ndarray
    T_test: np.ndarray
    labels_test: np.ndarray


def split(X, T, test_fraction=0.25, seed=0, labels=None):
    """Shuffle the rows with seed; the first round(test_fraction * n) become the test set.

    labels: each row's class (default: T.argmax(1) for one-hot T, T[:, 0] for one column).
    """
    X = _validate.array("X", X, ("examples", "inputs"))
    T = _validate.array("T", T, (len(X), "outputs"))
    fraction = _validate.finite("test_fraction", test_fraction)
    n_test = round(fraction * len(X))
    if not 0 < fraction < 1 or not 0 < n_test < len(X):
        raise ValueError(f"test_fraction must lie in (0, 1) and leave at least one example "
                         f"on each side, got {test_fraction!r} of {len(X)} examples")
    if labels is None:
        labels = T.argmax(axis=1) if T.shape[1] > 1 else T[:, 0].astype(int)
    labels = np.asarray(labels)
    if labels.shape != (len(X),):
        raise ValueError(f"labels must have shape ({len(X)},), one per row, got {labels.shape}")
    order = np.random.default_rng(_validate.count("seed", seed)).permutation(len(X))
    test, train = order[:n_test], order[n_test:]
    return Split(X[train], T[train], labels[train], X[test], T[test], labels[test])


def digits(test_fraction=0.25, seed=0):
    """scikit-learn's handwritten digits: 8 x 8 grey images of 0..9, as a `Split`.

    X: the 64 pixels of each image, scaled from 0..16 to [0, 1]; T: one-hot over 10
    classes. (load_digits reads a file shipped inside scikit-learn: no download.)
    """
    from sklearn.datasets import load_digits  # imported here: only this function needs it

    data = load_digits()
    labels = data.target.astype(int)
    return split(data.data / 16.0, one_hot(labels, 10), test_fraction, seed, labels)
