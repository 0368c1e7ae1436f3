"""Explorer: the forward and the backward pass of the tutorial's network, for any givens.

Sliders for w1..w8, b1, b2, i1, i2, t1, t2 and a reset. `part` picks what it teaches:

    forward       net and out of every neuron (chapter 2)
    error         E_o1, E_o2 and E_total (chapter 3)
    output-layer  the output layer's chain-rule factors and dE_dw5..dE_dw8 (chapter 4)
    hidden-layer  the hidden layer's factors and deltas, and dE_dw1..dE_dw4 (chapter 5)
    all           all of the above

It shows the network with the live numbers on it (each weight on its edge; beside each
neuron its out, and its net for the forward part or its delta for the backward parts), the
part's numbers as a table, E_total, and a bar chart: for the backward parts the gradients
(dE_dw5..dE_dw8 for the output layer, all eight from the hidden layer on, where comparing
the two layers is the point), for the error part E_o1 and E_o2, and none for the forward
part, whose numbers all sit in the diagram and the table. Every number comes from `backward`.

The display (E_total, diagram, chart, tables) is a live.LiveDisplay: engine.js's `backward`
and static/pass_view.js compute and draw it in the page, from the sliders' values, on the
static site (no kernel) as in JupyterLab; live.py says why. Python recomputes on every
change too, so `values` and what Python renders (`diagram`, `table`, `total`, `chart`:
the static figure, tests) follow the sliders.

matplotlib needs about half a second to draw the diagram: too slow to follow a slider. So
the diagram is drawn once, without its numbers, and each change writes the numbers into
that SVG as <text> at the points `diagram.label_anchor` gives, the points where
draw_network puts its own labels. `figure()` draws the full diagram with matplotlib, for
the static page.
"""
import functools
import html
import io
import math
import re
from dataclasses import dataclass

import ipywidgets as widgets
import matplotlib
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath
from matplotlib.transforms import Affine2D

from .. import _validate
from ..tutorial.backward import backward
from .controls import Explorer, GIVENS, sliders, given, grid
from ..display.diagram import (LABEL_AT, describe_network, default_edge_labels,
                               default_node_labels, draw_network, label_anchor)
from ..display.figures import Image
from ..display import svgchart
from ..display.style import FONT, INK, RC, SMALL, SVG_FONT
from ..tutorial.network import EDGES, NEURONS, TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, WEIGHTS
from ..display.svgchart import BAR_FORMAT, bar_chart
from ..display.tables import Table, code
from ..display.numbers import four_decimals
from .live import LiveDisplay, Rendered, module

PARTS = ("forward", "error", "output-layer", "hidden-layer", "all")
GRADIENTS = tuple(f"dE_d{w}" for w in WEIGHTS)
# Each part's table: a title, and rows that set the upper neuron's quantity (h1, o1)
# beside the lower one's (h2, o2).
SECTIONS = {
    "forward": ("Forward pass", [("net_h1", "net_h2"), ("out_h1", "out_h2"),
                                 ("net_o1", "net_o2"), ("out_o1", "out_o2")]),
    "error": ("Error", [("E_o1", "E_o2")]),
    "output-layer": ("Output layer", [
        ("dE_dout_o1", "dE_dout_o2"), ("dout_o1_dnet_o1", "dout_o2_dnet_o2"),
        ("delta_o1", "delta_o2"), ("dnet_o1_dw5", "dnet_o2_dw7"),
        ("dnet_o1_dw6", "dnet_o2_dw8"), ("dE_dw5", "dE_dw7"), ("dE_dw6", "dE_dw8")]),
    "hidden-layer": ("Hidden layer", [
        ("dEo1_dout_h1", "dEo1_dout_h2"), ("dEo2_dout_h1", "dEo2_dout_h2"),
        ("dE_dout_h1", "dE_dout_h2"), ("dout_h1_dnet_h1", "dout_h2_dnet_h2"),
        ("delta_h1", "delta_h2"), ("dE_dw1", "dE_dw3"), ("dE_dw2", "dE_dw4")]),
}
TABLES = {**{part: (part,) for part in SECTIONS}, "all": tuple(SECTIONS)}
BARS = {"forward": (), "error": ("E_o1", "E_o2"), "output-layer": GRADIENTS[4:],
        "hidden-layer": GRADIENTS, "all": GRADIENTS}
# Gradients signed; errors are never negative, so their bars need no sign.
BAR_FORMATS = {part: "{:.3g}" if part == "error" else BAR_FORMAT for part in PARTS}
DELTAS = {"forward": (), "error": (), "output-layer": ("o1", "o2"),
          "hidden-layer": NEURONS, "all": NEURONS}


# Values right-aligned in digits of equal width, so signs and decimal points line up; the
# pictures scale down to a narrow column; below 600 px each table row breaks after its
# first pair, so four columns never run off a phone's screen. Names take the text's
# colour: the theme's colour for code suits the theme's background, not the widget's.
# The page adds this once (the display's _css), not on every move.
CSS = """
.backprop-pass td:nth-child(even) {text-align: right; font-variant-numeric: tabular-nums;
  padding-left: 1em}
.backprop-pass-section {display: inline-block; vertical-align: top; margin-right: 24px}
.backprop-pass-live svg {max-width: 100%; height: auto}
.backprop-pass-live code {color: inherit}
@media (max-width: 600px) {
  .backprop-pass tr {display: grid; grid-template-columns: auto auto}
  .backprop-pass th:nth-child(n+3) {display: none}
}
"""


# -- the diagram, drawn once; its numbers written on top -------------------------------

# How matplotlib sets a label against its anchor, in ems of its font: the ink height of
# "lp" in DejaVu Sans (1556 and 492 of 2048 units) above and below the baseline, and the
# 1.2 line spacing, each line of a multi-line text centred in a slot that high.
ASCENT, DESCENT, LINE = 1556 / 2048, 492 / 2048, 1.2
FIGURE_SPACE = "\u2007"  # a blank as wide as a digit
ALIGN = {"left": "start", "center": "middle", "right": "end"}


def _blank(sample):
    """Figure spaces at least as wide as sample, so a box drawn around them fits sample."""
    measure, font = TextToPath(), FontProperties(family="DejaVu Sans", size=FONT)
    width = [measure.get_text_width_height_descent(s, font, ismath=False)[0]
             for s in (sample, FIGURE_SPACE)]
    return FIGURE_SPACE * math.ceil(width[0] / width[1])


@dataclass(frozen=True)
class Canvas:
    """The diagram without its numbers: an SVG's opening attributes and its content,
    and each label's anchor in the SVG's units: {name: (x, y, ha, va)}."""

    attributes: str
    body: str
    anchors: dict


@functools.cache
def canvas():
    """Draw the diagram once with every label left empty; a bias unit's and E_total's box
    is sized for the widest text the overlay writes into it."""
    nodes = (dict.fromkeys(("i1", "i2", *NEURONS), "")
             | {b: _blank(f"{b} = -0.00") for b in ("b1", "b2")}
             | {"E_total": _blank("E_total = 0.0000")})
    fig = draw_network(node_labels=nodes, edge_labels=dict.fromkeys(LABEL_AT, ""))
    buffer = io.StringIO()
    with matplotlib.rc_context(RC):
        # Not cropped (no bbox_inches): the axes fill the page, so the data units map onto
        # the SVG's units by the axes' own transform.
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    attributes, body = re.fullmatch(r".*?<svg ([^>]*)>(.*)</svg>\s*", buffer.getvalue(),
                                    re.DOTALL).groups()
    width, height = (72 * x for x in fig.get_size_inches())  # the SVG counts in points
    attributes = re.sub(r'width="[^"]*" height="[^"]*"',
                        f'width="{width * 4 / 3:.0f}" height="{height * 4 / 3:.0f}" '
                        'style="max-width: 100%; height: auto"', attributes)
    # matplotlib's <style> (*{stroke-linejoin: round; stroke-linecap: butt}) would style the
    # whole page, and re-style it whenever the SVG is put back: the same, inherited instead.
    body = re.sub(r"<defs>\s*<style[^>]*>[^<]*</style>\s*</defs>", "", body)
    attributes += ' stroke-linejoin="round" stroke-linecap="butt"'
    to_points = fig.axes[0].transData + Affine2D().scale(72 / fig.dpi)
    anchors = {}
    for name in (*nodes, *LABEL_AT):
        x, y, ha, va = label_anchor(name)
        px, py = to_points.transform((x, y))
        anchors[name] = (px, height - py, ha, va)  # SVG's y runs down
    return Canvas(attributes, body, anchors)


def svg_text(x, y, ha, va, text, size, halo=False):
    """<text> that sits against (x, y) as matplotlib's text(x, y, text, ha, va) would."""
    lines = text.split("\n")
    pad = (LINE - 1) / 2 if len(lines) > 1 else 0
    height = ASCENT + DESCENT + (len(lines) - 1) * LINE + 2 * pad
    top = {"top": 0, "center": -height / 2, "bottom": -height}[va]
    first = y + size * (top + pad + ASCENT)
    spans = "".join(f'<tspan x="{x:.2f}" y="{first + k * LINE * size:.2f}">'
                    f"{html.escape(line)}</tspan>" for k, line in enumerate(lines))
    # A white halo stands in for the white box behind an edge label: it hides the line.
    style = (' stroke="white" stroke-width="6" stroke-linejoin="round" paint-order="stroke"'
             if halo else "")
    return f'<text text-anchor="{ALIGN[ha]}" font-size="{size}"{style}>{spans}</text>'


def network_svg(node_labels, edge_labels, alt=""):
    """The diagram with these labels, as SVG text: the cached drawing plus the labels."""
    c = canvas()
    texts = [svg_text(*c.anchors[n], t, FONT) for n, t in node_labels.items() if t]
    texts += [svg_text(*c.anchors[e], t, SMALL, halo=True)
              for e, t in edge_labels.items() if t]
    return (f'<svg {c.attributes} role="img" aria-label="{html.escape(alt)}">{c.body}'
            f'<g font-family="DejaVu Sans, Verdana, sans-serif" fill="{INK}">'
            + "".join(texts) + "</g></svg>")


# -- the explorer ----------------------------------------------------------------------


class StaticFigure:
    """The explorer's state as static HTML: the diagram drawn by matplotlib (an <img> with
    alt text), and the bar chart."""

    def __init__(self, *parts):
        self.parts = parts

    def _repr_html_(self):
        return "\n".join(self.parts)

    def __repr__(self):
        return "[the explorer's diagram and bar chart]"


class PassDisplay(LiveDisplay):
    """E_total, the diagram, the chart and the tables, computed and drawn in the page
    (static/pass_view.js)."""

    _esm = module("pass_view.js")
    _css = CSS


class PassExplorer(Explorer):
    """Both passes for the sliders' givens; `part` picks what is shown (see PARTS)."""

    def __init__(self, part="all", params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
        self.part = _validate.choice("part", part, PARTS)
        self.sliders = sliders(GIVENS, params, example)  # checks every given's range
        self.resettable(*self.sliders.values())
        # Chapter 2's forward pass comes before chapter 3 defines the error.
        self.shows_error = part != "forward"
        # The displayed numbers, by tutorial name, in the order they appear.
        shown = [*self._neuron_names(), *(["E_total"] if self.shows_error else []),
                 *(n for p in TABLES[part] for row in SECTIONS[p][1] for n in row),
                 *BARS[part]]
        self.shown = tuple(dict.fromkeys(shown))

        # What the page shows, as Python renders it (the page draws its own, live).
        self.diagram = Rendered(lambda: network_svg(
            self.node_labels(), default_edge_labels(self.params, self.example),
            self.describe_diagram()))
        self.table = Rendered(lambda: '<div class="backprop-pass">' + "".join(
            self._table(p) for p in TABLES[self.part]) + "</div>")
        self.total = Rendered(lambda: f"<code>E_total</code> = {self.values['E_total']:.9f}"
                              if self.shows_error else "")
        self.chart = Rendered(lambda: bar_chart(
            {n: self.values[n] for n in BARS[self.part]}, self.describe_chart(),
            BAR_FORMATS[self.part]) if BARS[self.part] else "")
        self.display = PassDisplay(controls={**self.sliders, "reset": self.reset_button},
                                   data=self._display_data())
        # One column, as narrow as the two slider columns: fits the book's ~700 px page.
        self.widget = widgets.VBox([grid(self.sliders), self.reset_button, self.display])
        self.watch(*self.defaults)
        self.refresh()

    def _display_data(self):
        """What the page's view needs besides the sliders: the part's names, the reset
        values, the drawing and its labels' anchors, the chart's geometry and colours."""
        c = canvas()
        return {
            "part": self.part, "shows_error": self.shows_error,
            "defaults": {name: s.value for name, s in self.sliders.items()},
            "neurons": {n: [q for q in self._neuron_names() if q.endswith(f"_{n}")]
                        for n in NEURONS},
            "sections": [SECTIONS[p] for p in TABLES[self.part]],
            "bars": list(BARS[self.part]), "bar_format": BAR_FORMATS[self.part],
            "edges": {w: EDGES[w] for w in WEIGHTS},
            "diagram": {"attributes": c.attributes, "body": c.body, "anchors": c.anchors,
                        "font": FONT, "small": SMALL, "ink": INK, "align": ALIGN,
                        "ascent": ASCENT, "descent": DESCENT, "line": LINE},
            "chart": {"width": svgchart.WIDTH, "height": svgchart.BAR_HEIGHT,
                      "margin": svgchart.BAR_MARGIN, "room": svgchart.ROOM,
                      "font": SVG_FONT, "ink": INK, "positive": svgchart.POSITIVE,
                      "negative": svgchart.NEGATIVE},
        }

    def _neuron_names(self):
        """What each neuron's label shows, for this part."""
        for n in NEURONS:
            yield from ([f"net_{n}"] if self.part == "forward" else [])
            yield f"out_{n}"
            yield from ([f"delta_{n}"] if n in DELTAS[self.part] else [])

    def refresh(self):
        """Recompute both passes from the sliders (the page draws the result itself)."""
        self.params, self.example = given(self.sliders)
        every = backward(self.params, self.example).as_dict()
        self.values = {name: every[name] for name in self.shown}

    def node_labels(self):
        """{node: text} for every node: givens as draw_network writes them, the rest live."""
        v = self.values
        labels = {n: "\n".join(f"{q} = {four_decimals(v[q])}" for q in self._neuron_names()
                               if q.endswith(f"_{n}"))
                  for n in NEURONS}
        total = f"E_total = {four_decimals(v['E_total'])}" if self.shows_error else "E_total"
        return default_node_labels(self.params, self.example) | labels | {"E_total": total}

    def _table(self, section):
        title, rows = SECTIONS[section]
        v = self.values
        table = Table(["quantity", "value", "quantity", "value"],
                      [(code(a), f"{v[a]:.9f}", code(b), f"{v[b]:.9f}") for a, b in rows])
        return (f'<div class="backprop-pass-section"><p><strong>{title}</strong></p>'
                f"{table.html()}</div>")

    def figure(self):
        """The current state as a static figure: the diagram drawn in full by matplotlib,
        with the same labels as the live one, and the bar chart."""
        fig = draw_network(self.params, self.example, node_labels=self.node_labels())
        parts = [Image(fig, self.describe_diagram())._repr_html_()]
        return StaticFigure(*parts, *([self.chart.value] if BARS[self.part] else []))

    def describe_diagram(self):
        labels = self.node_labels()
        beside = "; ".join(labels[n].replace("\n", ", ") for n in NEURONS)
        total = (f" The total error box reads {labels['E_total']}." if self.shows_error
                 else " The total error box is empty until the next chapter.")
        return (describe_network(self.params, self.example) + f" Beside the neurons: "
                f"{beside}.{total}")

    def describe_chart(self):
        if not BARS[self.part]:
            return ""
        fmt = BAR_FORMATS[self.part]
        bars = ", ".join(f"{n} = {fmt.format(self.values[n])}" for n in BARS[self.part])
        if self.part == "error":
            return f"Bar chart of the two output errors, from a zero line: {bars}."
        return (f"Bar chart of the gradients, from a zero line: {bars}. Positive values are "
                "blue bars above the line, negative ones vermillion bars below it.")

    def describe(self):
        return " ".join(filter(None, (self.describe_diagram(), self.describe_chart())))
