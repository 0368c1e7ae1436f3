"""The interactive explorers (ipywidgets) and the controls they share.

    controls            sliders, the reset wiring, the Explorer base
    pass_explorer       one forward and backward pass, live
    training_explorer   training for many updates, its error curve (computed in the page)
    live                LiveDisplay: an anywidget whose front end computes with engine.js,
                        on the static site and in JupyterLab (why: its docstring)
    landscape_explorer  the error over two parameters, and gradient descent on it
    static/engine.js    the 2-2-2 engine in JavaScript (forward, backward, update, train,
                        landscape, descend), for explorers that compute in the page;
                        tests/browser/test_engine_js.py holds it equal to the Python engine;
    static/training_view.js  the training explorer's display, appended to engine.js

May import: every layer below (_validate, tutorial, nn, display, derive); not chapters.
"""
