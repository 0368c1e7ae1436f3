"""Explorer: train the network from any start, with any learning rate and options.

Sliders for the starting weights and biases, the learning rate and the number of updates,
and the two options (bias handling, which w5..w8 carry the hidden deltas). Shows the error
curve against the tutorial's own run (faint), the outputs against the targets, and the
trained parameters. Every number comes from `train`.

The display (chart and tables) is a live.LiveDisplay: engine.js's `train` and
static/training_view.js compute and draw it in the page, from the controls' values, on
the static site (no kernel) as in JupyterLab; live.py says why. Python keeps training on
every change too, so `values`, `run` and the tables and chart rendered here (`chart`,
`outputs`, `parameters`: the static figure, tests) follow the controls as before.
"""
import functools

import ipywidgets as widgets

from .. import _validate
from .controls import Explorer, sliders, given, eta_slider, updates_slider, grid
from ..tutorial.network import TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, TUTORIAL_ETA, WEIGHTS
from ..display import svgchart
from ..display.svgchart import SVG, error_chart
from ..display.error_histories import POINTS, plot_indices
from ..display.style import GRID, INK, REFERENCE, RUN_COLORS, SVG_DASHES
from ..display.tables import Table, code
from ..tutorial.training import BIASES, HIDDEN_DELTAS, train
from ..display.error_histories import describe_error_curve
from ..tutorial.published import TUTORIAL_UPDATES
from .live import LiveDisplay, Rendered, module

MAX_UPDATES = 20_000
ETA_RANGE = (0.01, 10.0)
REFERENCE_LABEL = "the tutorial's run"
RUN_LABEL = "this run"


class TrainingDisplay(LiveDisplay):
    """The chart and the two tables, trained and drawn in the page (static/training_view.js)."""

    _esm = module("training_view.js")


@functools.cache
def tutorial_run():
    """The faint reference curve: the tutorial's network, eta and 10,000 updates."""
    return train(TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, TUTORIAL_ETA, TUTORIAL_UPDATES)


class TrainingExplorer(Explorer):
    def __init__(self, params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, eta=TUTORIAL_ETA,
                 updates=TUTORIAL_UPDATES, biases="frozen", hidden_deltas="original"):
        _validate.choice("biases", biases, BIASES)
        _validate.choice("hidden_deltas", hidden_deltas, HIDDEN_DELTAS)
        self.example = example
        self.sliders = sliders(WEIGHTS + ("b1", "b2"), params, example)
        self.eta = eta_slider(eta, *ETA_RANGE)
        self.updates = updates_slider(updates, MAX_UPDATES)
        self.biases = widgets.Dropdown(options=BIASES, value=biases, description="biases")
        self.hidden_deltas = widgets.Dropdown(
            options=HIDDEN_DELTAS, value=hidden_deltas, description="hidden deltas",
            style={"description_width": "initial"})
        options = (self.eta, self.updates, self.biases, self.hidden_deltas)
        self.resettable(*self.sliders.values(), *options)

        # What the page shows, as Python renders it (the page draws its own, live).
        self.chart = Rendered(lambda: self.figure()._repr_svg_())
        self.outputs = Rendered(lambda: self._outputs_table().html())
        self.parameters = Rendered(lambda: self._parameters_table().html())
        self.display = TrainingDisplay(
            controls={**self.sliders, "eta": self.eta, "updates": self.updates,
                      "biases": self.biases, "hidden_deltas": self.hidden_deltas,
                      "reset": self.reset_button},
            data=self._display_data())
        # Two slider columns, then the options in rows: fits the book's ~700 px column.
        self.widget = widgets.VBox([
            grid(self.sliders),
            widgets.HBox([self.eta, self.updates]),
            widgets.HBox([self.biases, self.hidden_deltas]),
            self.reset_button,
            self.display,
        ])
        self.watch(*self.defaults)
        self.refresh()

    def _display_data(self):
        """What the page's view needs besides the controls: the example, the reset values,
        the chart's geometry and colours (svgchart's) and the reference curve, sampled."""
        reference = tutorial_run().errors
        alt = describe_error_curve({RUN_LABEL: reference}, reference, REFERENCE_LABEL)
        ex = self.example
        return {
            "example": {"i1": ex.i1, "i2": ex.i2, "t1": ex.t1, "t2": ex.t2,
                        "t1_text": f"{ex.t1:g}", "t2_text": f"{ex.t2:g}"},
            "defaults": {name: control.value for name, control in
                         [*self.sliders.items(), ("eta", self.eta), ("updates", self.updates),
                          ("biases", self.biases), ("hidden_deltas", self.hidden_deltas)]},
            "max_updates": MAX_UPDATES,
            "chart": {
                "width": svgchart.WIDTH, "height": svgchart.HEIGHT, "left": svgchart.LEFT,
                "right": svgchart.RIGHT, "top": svgchart.TOP, "bottom": svgchart.BOTTOM,
                "ink": INK, "grid": GRID, "reference_color": REFERENCE,
                "run_color": RUN_COLORS[0], "dash": SVG_DASHES[0], "points": POINTS,
                "label": RUN_LABEL,
                "reference": {
                    "label": REFERENCE_LABEL, "n": len(reference) - 1,
                    "min": float(reference.min()), "max": float(reference.max()),
                    "points": [[int(k), float(reference[k])]
                               for k in plot_indices(len(reference) - 1)],
                    # describe_error_curve's last sentence, the reference's
                    "text": alt[alt.index("A faint wide reference curve"):],
                },
            },
        }

    def refresh(self):
        """Train with the controls' values (the page draws the result itself)."""
        params, example = given(self.sliders, example=self.example)
        self.run = train(params, example, self.eta.value, self.updates.value,
                         self.biases.value, self.hidden_deltas.value)
        n = self.updates.value
        self.values = {"E_total": self.run.errors[0], f"E_after_{n}": self.run.errors[n],
                       "out_o1": self.run.final.out_o1, "out_o2": self.run.final.out_o2,
                       **self.run.params.biases(),
                       **{w: getattr(self.run.params, w) for w in WEIGHTS}}

    def figure(self):
        """The error chart of the current state, as SVG."""
        reference = tutorial_run().errors
        return SVG(error_chart({RUN_LABEL: self.run.errors}, reference, REFERENCE_LABEL,
                               alt=self.describe()))

    def describe(self):
        return describe_error_curve({RUN_LABEL: self.run.errors}, tutorial_run().errors,
                                    REFERENCE_LABEL)

    def _outputs_table(self):
        v, ex, n = self.values, self.example, self.updates.value
        return Table(["value", f"after {n:,} updates", "target"],
                     [(code("out_o1"), f"{v['out_o1']:.9f}", f"{ex.t1:g}"),
                      (code("out_o2"), f"{v['out_o2']:.9f}", f"{ex.t2:g}"),
                      (code("E_total"), f"{v[f'E_after_{n}']:.6e}",
                       f"from {v['E_total']:.9f}")])

    def _parameters_table(self):
        p = self.run.params
        names = [*WEIGHTS, *p.biases()]
        values = {**p.as_dict(), **p.biases()}
        half = -(-len(names) // 2)
        rows = [(code(a), f"{values[a]:.6f}", *((code(b), f"{values[b]:.6f}") if b else ("", "")))
                for a, b in zip(names[:half], names[half:] + [None])]
        return Table(["trained", "value", "trained", "value"], rows)
