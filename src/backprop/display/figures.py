"""Figures that come out byte for byte the same on every run, on every machine.

The notebooks' outputs are committed and re-checked by re-execution, so an SVG must not
change between two honest runs: no random ids, no date, no dependence on installed fonts,
and no coordinate digits below what a reader can see. matplotlib writes coordinates to a
millionth of a point, where a value's last bits show, and those differ between machines
(a vector unit's exp, a BLAS kernel's order of sums, magnified by a long training run);
save_svg keeps a hundredth of a point (1/7200 inch), far below a screen's pixel.
"""
import base64
import html
import io
import re
import sys

import matplotlib
from matplotlib.figure import Figure

from .. import _validate
from .style import GRID, RC

# Passed to every SVG save; metadata Date None leaves the date out of the file.
SAVE = {"metadata": {"Date": None}, "bbox_inches": "tight"}


def setup():
    """Configure matplotlib for the book; inside IPython, also show figures as stable SVG."""
    matplotlib.rcParams.update(RC)
    ipython = sys.modules.get("IPython")  # only loaded if we run inside IPython
    shell = ipython.get_ipython() if ipython else None
    if shell is None:
        return
    # Importing the inline backend hooks it into this shell (installing its PNG formatter)
    # when it is matplotlib's backend, as in a Jupyter kernel. Our options are set after,
    # so they replace that, and on the config object, so any later re-hooking keeps them.
    from matplotlib_inline.backend_inline import InlineBackend

    cfg = InlineBackend.instance(parent=shell)
    cfg.print_figure_kwargs = dict(SAVE)
    cfg.figure_formats = {"svg"}  # setting a trait re-installs the formatters


SCALES = ("linear", "log")
GRIDS = ("both", "x", "y")


def chart(size, xscale="linear", yscale="linear", grid="both"):
    """A new figure with one set of axes, as most of the book's charts start: (fig, ax).

    White figure and axes whatever the rcParams, so a chart stays readable on a dark page
    theme; grid lines on `grid` ("both", "x" or "y"), drawn below the data.
    """
    _validate.choice("xscale", xscale, SCALES)
    _validate.choice("yscale", yscale, SCALES)
    _validate.choice("grid", grid, GRIDS)
    fig = Figure(figsize=size, facecolor="white")
    ax = fig.add_subplot()
    ax.set_facecolor("white")
    ax.set_xscale(xscale)  # scales first: each sets its axis's tick locators and formatters
    ax.set_yscale(yscale)
    ax.grid(True, axis=grid, color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    return fig, ax


# Attributes that hold coordinates, in points, and the numbers in them.
_GEOMETRY = re.compile(rb'\b(d|x|y|width|height|viewBox|transform|points)="([^"]*)"')
_DECIMAL = re.compile(rb"-?\d+\.\d+")
DECIMALS = 2


def _rounded(number):
    text = b"%.*f" % (DECIMALS, float(number.group()))
    text = text.rstrip(b"0").rstrip(b".")
    return b"0" if text == b"-0" else text


def visible_digits(svg):
    """SVG bytes with every coordinate rounded to DECIMALS places of a point."""
    return _GEOMETRY.sub(lambda m: m[1] + b'="' + _DECIMAL.sub(_rounded, m[2]) + b'"', svg)


def save_svg(fig, path):
    """Write fig as SVG to path (a file name or binary file) with the book's settings,
    coordinates rounded to what a reader can see (visible_digits)."""
    buffer = io.BytesIO()
    with matplotlib.rc_context(RC):
        fig.savefig(buffer, format="svg", **SAVE)
    svg = visible_digits(buffer.getvalue())
    if hasattr(path, "write"):
        path.write(svg)
    else:
        with open(path, "wb") as f:
            f.write(svg)


class Image:
    """A figure shown as an SVG <img> whose alt text is computed, not typed.

    Jupyter and the static site both render it from text/html, so a screen reader hears a
    description made from the same numbers the picture shows.
    """

    def __init__(self, fig, alt):
        buffer = io.BytesIO()
        save_svg(fig, buffer)
        self.svg = buffer.getvalue()
        self.alt = alt

    @classmethod
    def from_svg(cls, svg, alt):
        """An Image of SVG bytes composed elsewhere (e.g. matplotlib plus an overlay)."""
        image = cls.__new__(cls)
        image.svg, image.alt = svg, alt
        return image

    def __repr__(self):  # the plain-text view: what the picture shows, no memory address
        return f"[figure: {self.alt}]"

    def _repr_html_(self):
        data = base64.b64encode(self.svg).decode("ascii")
        return (f'<img alt="{html.escape(self.alt)}" style="max-width: 100%; height: auto" '
                f'src="data:image/svg+xml;base64,{data}">')
