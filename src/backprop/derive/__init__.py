"""Derivations and cross-checks by other methods than the engine's.

    symbolic     the tutorial's equations in SymPy: definitions, chain rule, derivatives
    autodiff     every gradient again by automatic differentiation (HIPS autograd)

May import: backprop._validate, backprop.tutorial, backprop.nn, backprop.display.
"""
