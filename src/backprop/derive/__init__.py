"""Derivations and cross-checks by other methods than the engine's.

    symbolic     the tutorial's equations in SymPy: definitions, chain rule, derivatives
    autodiff     every gradient again by automatic differentiation (HIPS autograd)
    plaintext    the text/plain view of displayed math: TeX read back as ∂E_total/∂w5

May import: backprop._validate, backprop.tutorial, backprop.nn, backprop.display.
"""
