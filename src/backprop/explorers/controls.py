"""The sliders and buttons every explorer shares: one per named given, and a reset.

Slider bounds are the accepted range, so a reader cannot move a value out of it.
"""
import math
from contextlib import contextmanager

import ipywidgets as widgets

from .. import _validate
from ..tutorial.network import (TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, PARAMETERS, INPUTS, TARGETS,
                                Params, Example)

# (min, max) by kind of value; targets stay in [0, 1], the logistic output's range.
RANGES = {"w": (-3.0, 3.0), "b": (-3.0, 3.0), "i": (-1.0, 1.0), "t": (0.0, 1.0)}
GIVENS = PARAMETERS + INPUTS + TARGETS
STEP = 0.01
# Narrower on a phone: the column's width less the widget's margins (2 px a side).
LAYOUT = widgets.Layout(width="335px", max_width="calc(100% - 4px)")
STYLE = {"description_width": "30px"}
# The class on every explorer's root widget, by which the browser tests find explorers.
EXPLORER_CLASS = "backprop-explorer"


def given_values(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """{name: value} for w1..w8, b1, b2, i1, i2, t1, t2 (layer-shared biases)."""
    return {**{p: getattr(params, p) for p in PARAMETERS},
            **{n: getattr(example, n) for n in INPUTS + TARGETS}}


def slider(name, value):
    """A slider for one given, bounded by its accepted range; it reports on release."""
    _validate.choice("name", name, GIVENS)
    low, high = RANGES[name[0]]
    _validate.in_range(name, value, low, high)
    return widgets.FloatSlider(value=value, min=low, max=high, step=STEP, description=name,
                               readout_format=".2f", continuous_update=False,
                               layout=LAYOUT, style=STYLE)


def sliders(names=GIVENS, params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    values = given_values(params, example)
    return {name: slider(name, values[name]) for name in names}


def given(controls, params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """(Params, Example): params and example with every value that has a slider replaced."""
    values = {**given_values(params, example),
              **{name: s.value for name, s in controls.items()}}
    return (Params.layered(*(values[n] for n in PARAMETERS)),
            Example(*(values[n] for n in INPUTS + TARGETS)))


def eta_slider(value, low, high):
    """The learning rate on a log scale from low to high (both powers of ten)."""
    _validate.in_range("eta", value, low, high)
    return widgets.FloatLogSlider(value=value, base=10, min=math.log10(low),
                                  max=math.log10(high), step=0.01, description="eta",
                                  readout_format=".3g", continuous_update=False)


def updates_slider(value, maximum):
    """How many updates to make, 1 to maximum."""
    _validate.count("updates", value, minimum=1, maximum=maximum)
    return widgets.IntSlider(value=value, min=1, max=maximum, step=1, description="updates",
                             continuous_update=False)


def reset_button():
    return widgets.Button(description="Reset to the tutorial", icon="undo",
                          tooltip="Put every control back to the tutorial's value",
                          layout=widgets.Layout(width="auto"))


def grid(controls, columns=2):
    """Sliders in columns: weights on the left, then biases, inputs and targets."""
    items = list(controls.values())
    per = -(-len(items) // columns)
    # Side by side where they fit, one under the other on a phone.
    return widgets.HBox([widgets.VBox(items[i:i + per], layout=widgets.Layout(max_width="100%"))
                         for i in range(0, len(items), per)],
                        layout=widgets.Layout(flex_flow="row wrap"))


class Explorer:
    """Base of the explorers: a widget, its controls, an update that holds while resetting.

    Subclasses call resettable(...) with their controls, set self.widget (which gets the
    class EXPLORER_CLASS), and implement refresh(), which recomputes and redraws from the
    controls' values.
    """

    _holding = False
    _root = None

    @property
    def widget(self):
        """The explorer's root widget."""
        return self._root

    @widget.setter
    def widget(self, root):
        root.add_class(EXPLORER_CLASS)
        self._root = root

    def resettable(self, *controls):
        """Remember the controls' starting values and make the button that restores them."""
        self.defaults = {control: control.value for control in controls}
        self.reset_button = reset_button()
        self.reset_button.on_click(self.reset)

    def watch(self, *controls):
        for control in controls:
            control.observe(self._changed, names="value")

    def _changed(self, change):
        if not self._holding:
            self.refresh()

    @contextmanager
    def hold(self):
        """Change several controls, then refresh once."""
        self._holding = True
        try:
            yield
        finally:
            self._holding = False
        self.refresh()

    def reset(self, *_):
        """Every control back to its starting value (the tutorial's, unless given)."""
        with self.hold():
            for control, value in self.defaults.items():
                control.value = value

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)
