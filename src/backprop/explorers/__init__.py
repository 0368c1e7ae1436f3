"""The interactive explorers (ipywidgets) and the controls they share.

    controls            sliders, the reset wiring, the Explorer base
    pass_explorer       one forward and backward pass, live
    training_explorer   training for many updates, its error curve
    landscape_explorer  the error over two parameters, and gradient descent on it
    static/engine.js    the 2-2-2 engine in JavaScript (forward, backward, update, train,
                        landscape, descend), for explorers that compute in the page;
                        tests/browser/test_engine_js.py holds it equal to the Python engine

May import: every layer below (_validate, tutorial, nn, display, derive); not chapters.
"""
