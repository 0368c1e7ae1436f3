"""Numbers for a chapter's prose, glued with the digits the prose shows and no more.

A chapter's Markdown shows a computed number through a role, {glue:text}`E_total:.9f`.
myst-nb stores a glued value as its text, and nbval compares that text on re-execution: a
float's 17 digits include its last bits, which depend on the machine (its exp, its vector
unit, its BLAS), while the prose shows nine. So a chapter glues through `Glue`:

    glue = Glue("06_training.ipynb")      # the notebook's own file, read for its roles
    glue("E_total", run.errors[0])        # stored as "0.298371109", as the role shows it

Each float is stored rounded as the most precise of its roles shows it; the role then
formats that text as before. A float that no role formats must have a short text of its
own (an input such as 0.5), and a value no role shows is not glued at all.
"""
import json
import re
from numbers import Integral, Real
from pathlib import Path

ROLE = re.compile(r"\{glue(?::text)?\}`([^`]+)`")
SHORT = 6  # a float shown without a format may have at most this many significant digits


def formats(notebook):
    """{key: {format spec, ...}} of every glue role in the notebook's Markdown cells."""
    cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    found = {}
    for cell in cells:
        if cell["cell_type"] == "markdown":
            for role in ROLE.finditer("".join(cell["source"])):
                key, _, spec = role[1].partition(":")
                found.setdefault(key, set()).add(spec)
    return found


def _significant(text):
    """The number of significant digits in a formatted number."""
    mantissa = re.split(r"[eE]", text)[0]
    return len(re.sub(r"\D", "", mantissa).lstrip("0")) or 1


def shown(value, specs):
    """value as text with the digits of the most precise of the format specs.

    The text reads back as a number (no % sign, no thousands commas), so a role can
    still format it: 0.9710 for ".1%", 12345.0 for ",.0f".
    """
    value = float(value)
    digits = 0
    for spec in specs:
        digits = max(digits, _significant(format(value, spec)))
    if digits == 0:
        text = repr(value)
        if _significant(text) > SHORT:
            raise ValueError(f"value {value!r} has more digits than a reader should see: "
                             f"give its role a format, e.g. :.4f")
        return text
    return f"{value:.{digits}g}" if value else "0.0"


class Glue:
    """myst_nb.glue for one notebook, storing each float with the digits its prose shows."""

    def __init__(self, notebook):
        self.notebook = notebook
        self.formats = formats(notebook)

    def __call__(self, name, value, display=False):
        from myst_nb import glue  # imported here: only notebooks glue

        if name not in self.formats:
            return  # no role shows it
        specs = self.formats[name] - {"", "s"}
        if isinstance(value, Real) and not isinstance(value, (bool, Integral)):
            whole = specs and all(s[-1] in "bcdoxXn" for s in specs)
            value = int(value) if whole and float(value).is_integer() else shown(value, specs)
        glue(name, value, display=display)
