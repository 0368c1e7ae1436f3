"""Argument checks shared by the public functions: bad input raises ValueError naming it."""
import math
from collections.abc import Mapping

import numpy as np


def finite(name, value):
    """Return value as a float, or raise if it is not a finite real number (nor a bool)."""
    if isinstance(value, bool):  # float(True) is 1.0: a flag passed for a number
        raise ValueError(f"{name} must be a finite real number, got {value!r}")
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a finite real number, got {value!r}") from None
    if not math.isfinite(x):
        raise ValueError(f"{name} must be a finite real number, got {value!r}")
    return x


def in_range(name, value, low, high):
    """A finite number in the closed interval [low, high]."""
    x = finite(name, value)
    if not low <= x <= high:
        raise ValueError(f"{name} must lie in [{low}, {high}], got {value!r}")
    return x


def positive(name, value):
    """A finite number greater than 0."""
    x = finite(name, value)
    if x <= 0:
        raise ValueError(f"{name} must be a finite number greater than 0, got {value!r}")
    return x


def count(name, value, minimum=0, maximum=None):
    """A whole number >= minimum, and <= maximum unless that is None."""
    n = _whole(value)
    if n is None or n < minimum or (maximum is not None and n > maximum):
        accepted = f">= {minimum}" if maximum is None else f"in [{minimum}, {maximum}]"
        raise ValueError(f"{name} must be a whole number {accepted}, got {value!r}")
    return n


def _whole(value):
    """value as an int if it is a whole number (5, 5.0, "5", "1e3"), else None."""
    if isinstance(value, bool):  # an int to Python, but True is no count
        return None
    if isinstance(value, int):
        return value
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return int(x) if x.is_integer() else None


def instance(name, value, cls):
    """value itself, if it is a cls (e.g. a backprop.tutorial.network.Params)."""
    if not isinstance(value, cls):
        raise ValueError(f"{name} must be a {cls.__module__}.{cls.__qualname__}, "
                         f"got {type(value).__name__}")
    return value


def mapping(name, value, cls, described):
    """value itself, if it is a non-empty mapping whose values are all cls instances;
    else ValueError "<name> must be a non-empty <described>"."""
    if not isinstance(value, Mapping) or not value or \
            not all(isinstance(v, cls) for v in value.values()):
        raise ValueError(f"{name} must be a non-empty {described}")
    return value


def sequence(name, value, cls, described):
    """value as a list, if it is a non-empty iterable of cls instances; else ValueError
    "<name> must be a non-empty <described>"."""
    items = list(value)
    if not items or not all(isinstance(v, cls) for v in items):
        raise ValueError(f"{name} must be a non-empty {described}")
    return items


def choice(name, value, options):
    """One of a fixed set of strings."""
    if value not in options:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, options))}; got {value!r}")
    return value


def array(name, value, shape):
    """A float64 array of finite numbers with the given shape.

    shape: one entry per axis, each a whole number (that size exactly) or a word naming a
    free size ("examples"), so the message reads "X must have shape (examples, 2)". Free
    sizes must still be >= 1: an empty batch has no error to follow.
    """
    want = "(" + ", ".join(map(str, shape)) + ("," if len(shape) == 1 else "") + ")"
    try:
        a = np.array(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be an array of numbers with shape {want}, "
                         f"got {type(value).__name__}") from None
    if a.ndim != len(shape) or any(isinstance(s, int) and n != s for n, s in zip(a.shape, shape)):
        raise ValueError(f"{name} must have shape {want}, got {a.shape}")
    if 0 in a.shape:
        raise ValueError(f"{name} must have shape {want} with every size >= 1, got {a.shape}")
    if not np.isfinite(a).all():
        where = tuple(int(i) for i in np.argwhere(~np.isfinite(a))[0])
        raise ValueError(f"{name} must hold finite numbers only; found {float(a[where])} at "
                         f"index {where}")
    return a
