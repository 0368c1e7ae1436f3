"""Argument checks shared by the public functions: bad input raises ValueError naming it."""
import math


def finite(name, value):
    """Return value as a float, or raise if it is not a finite real number."""
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


def count(name, value, minimum=0):
    """A whole number >= minimum."""
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            ok = float(value).is_integer()
        except (TypeError, ValueError):
            ok = False
        if not ok:
            raise ValueError(f"{name} must be a whole number >= {minimum}, got {value!r}")
        value = int(float(value))
    if value < minimum:
        raise ValueError(f"{name} must be a whole number >= {minimum}, got {value!r}")
    return value


def choice(name, value, options):
    """One of a fixed set of strings."""
    if value not in options:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, options))}; got {value!r}")
    return value
