"""The interactive explorers (ipywidgets) and the controls they share.

    controls            sliders, the reset wiring, the Explorer base
    pass_explorer       one forward and backward pass, live
    training_explorer   training for many updates, its error curve
    landscape_explorer  the error over two parameters, and gradient descent on it

May import: every layer below (_validate, tutorial, nn, display, derive); not chapters.
"""
