"""Numbers as the book writes them: one function per format, used by every chapter.

    significant(x, digits=4)      a float rounded to `digits` significant digits (for glue:
                                  the digits past these depend on a machine's rounding)
    sci(x, digits=2)              x > 0 in short scientific notation: 6.1e-6, 1e-5
    power_or_g(x)                 a tolerance: 1e-7 for a power of ten, else Python's g: 0.5
    about(x)                      x > 0 as its nearest power of ten: "about 1e-9"
    three_digits(x)               3 significant digits: 0.00838 from 1e-4 up, 3.51e-05 below
    fixed_decimals(x, significant=6)  the tutorial's fixed point: 9 decimals, more when
                                  needed for 6 significant digits
    fixed_three_significant(x)    x > 0 with 3 significant digits in fixed point: 0.0000351
    four_decimals(x)              0.5933
    trimmed(x, decimals=9)        rounded to `decimals`, trailing zeros dropped: 0.3775

May import: the standard library, backprop._validate.
"""
import math

from .. import _validate


def significant(x, digits=4):
    """x rounded to `digits` significant digits, as a float: a training result's digits
    beyond these depend on a machine's rounding."""
    x = _validate.finite("x", x)
    digits = _validate.count("digits", digits, minimum=1)
    return float(f"{x:.{digits}g}")


def sci(x, digits=2):
    """x > 0 in short scientific notation for the text: 6.1e-6; a power of ten as 1e-5."""
    x = _validate.positive("x", x)
    digits = _validate.count("digits", digits, minimum=1)
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    if float(mantissa) == 1:
        mantissa = "1"
    return f"{mantissa}e{int(exponent)}"


def power_or_g(x):
    """A tolerance as people write it: 1e-7, where Python's format gives 1e-07; a number
    that is no power of ten in Python's g format."""
    exponent = math.log10(x)
    return f"1e{round(exponent)}" if exponent == round(exponent) else f"{x:g}"


def about(x):
    """x > 0 as its nearest power of ten, "about 1e-9": rounding-level digits vary by machine
    (how BLAS orders a sum), the order of magnitude does not."""
    x = _validate.positive("x", x)
    return f"about 1e{round(math.log10(x))}"


def three_digits(x):
    """x to 3 significant digits: 0.00838 from 1e-4 up, 3.51e-05 below."""
    return f"{x:.3g}" if x >= 1e-4 else f"{x:.2e}"


def fixed_decimals(x, significant=6):
    """Fixed-point, like the tutorial: 9 decimals, more when needed for 6 significant digits."""
    decimals = max(9, significant - 1 - math.floor(math.log10(abs(x))))
    return f"{x:.{decimals}f}"


def fixed_three_significant(x):
    """x > 0 with 3 significant digits in fixed point, as the tutorial prints: 0.0000351."""
    return f"{x:.{max(0, 2 - math.floor(math.log10(x)))}f}"


def four_decimals(x):
    """x with 4 decimals: 0.5933."""
    return f"{x:.4f}"


def trimmed(x, decimals=9):
    """x rounded to `decimals`, trailing zeros dropped: 0.3775, 0.75136507, 0.15."""
    text = f"{x:.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
