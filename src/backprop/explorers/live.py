"""Explorer displays that compute in the page: an anywidget running static/engine.js.

Why this design. Most readers meet the book as the static site, where no kernel answers a
slider. So the part of an explorer that shows results is an anywidget whose front end (its
_esm: engine.js's text, then a view module from static/) reads the explorer's controls,
computes with engine.js (held equal to the Python engine by tests/browser/test_engine_js.py)
and redraws, in the page. The controls stay plain ipywidgets (sliders, dropdowns, the reset
button: keyboard-accessible, already rendered on the site), passed to the display as
widget references; the view listens to their values through the widget manager.

The same _esm runs in both places:
- JupyterLab: anywidget's own labextension (installed with the Python package). Python
  still observes the controls and keeps the explorer's state (explorer.values and so on),
  so a notebook can read and set it; the page no longer waits for the kernel to redraw.
- The static site: @jupyter-widgets/html-manager loads the widget's module "anywidget"
  through RequireJS, and tools/sphinx_ext/static/anywidget-amd.js, a small local AMD
  module, answers it (the npm package "anywidget" ships no AMD build, and the widget
  manager's fallback is a CDN, which an offline site cannot reach).

Alternatives judged: a custom ipywidgets model needs a JavaScript build, a labextension of
our own and its packaging; JupyterLite/Pyodide loads tens of MB from a CDN and cannot be
tested offline; drawing with Python only needs a kernel. anywidget is one small pure-Python
dependency whose labextension comes with it, and its front-end contract (render({model,
el})) is small enough to implement for the static page in ~100 lines.

A view module's contract (see static/training_view.js; static/views.js has what the
views share): `export default {render}`; the
model's "controls" holds {name: widget reference}, "data" whatever the view needs from
Python that does not change with the controls.
"""
from importlib.resources import files

import anywidget
import ipywidgets as widgets
import traitlets

STATIC = files(__package__) / "static"


def module(view):
    """The _esm of a live display: engine.js's text, views.js's (what the views share),
    then the view module's, as one module."""
    return "\n".join((STATIC / name).read_text(encoding="utf8")
                     for name in ("engine.js", "views.js", view))


class Rendered:
    """Something the page shows, rendered in Python when asked for (.value)."""

    def __init__(self, render):
        self._render = render

    @property
    def value(self):
        return self._render()


class LiveDisplay(anywidget.AnyWidget):
    """Base of the displays that compute in the page; subclasses set _esm = module(...)."""

    controls = traitlets.Dict(value_trait=traitlets.Instance(widgets.Widget)).tag(
        sync=True, **widgets.widget_serialization)
    data = traitlets.Dict().tag(sync=True)
