"""backprop: every number of "A Step by Step Backpropagation Example", computed.

The package in layers, lowest first; each imports only the ones listed before it
(tests/test_layers.py checks it), and only the notebooks import chapters/:
    _validate    argument checks shared by every layer
    tutorial/    the 2-2-2 engine, in the tutorial's names (cli: `python -m backprop`)
    nn/          the matrix engine: any depth, batches
    display/     figures, tables, SVG charts, the network diagram, exercises, Glue
    derive/      SymPy derivations and the autodiff cross-check
    explorers/   the interactive explorers (ipywidgets)
    chapters/    one module per chapter that needs one, named after it

The tutorial's engine (backprop.tutorial), one idea per module:
    network      the parameters w1..w8, biases, the training example (tutorial names)
    forward      net and logistic out of every neuron, E_o1, E_o2, E_total
    backward     every chain-rule factor and dE_total/dp
    training     one gradient-descent update, and training with an error history
    sweep        many networks trained at once (one per learning rate or start)
    walkthrough  the whole example as one named table, in the tutorial's order
    published    the tutorial's printed values, digits as printed

Beyond the one example (backprop.nn; NumPy arrays, one row per example):
    activations  logistic, tanh, relu, identity, softmax: f and df
    losses       squared error, binary and categorical cross-entropy, Huber: f, d_out, delta
    mlp          MLP: any depth, batches, online / mini-batch / full-batch training
    datasets     the tutorial's example, XOR, moons, circles, handwritten digits
    gradcheck    backprop's gradients against central finite differences
"""
from .tutorial.network import (Params, Example, TUTORIAL_PARAMS, TUTORIAL_EXAMPLE,
                               TUTORIAL_ETA, WEIGHTS, PARAMETERS, BIAS_SLOTS, EDGES)
from .tutorial.forward import Forward, forward, logistic
from .tutorial.backward import Backward, backward
from .tutorial.training import BIASES, HIDDEN_DELTAS, Training, update, train
from .tutorial.walkthrough import walkthrough, flat
from .tutorial.published import PUBLISHED, DISCREPANCIES, TUTORIAL, TUTORIAL_URL
from .nn.mlp import MLP

__all__ = [
    "Params", "Example", "TUTORIAL_PARAMS", "TUTORIAL_EXAMPLE", "TUTORIAL_ETA", "WEIGHTS",
    "PARAMETERS", "BIAS_SLOTS", "EDGES", "Forward", "forward", "logistic", "Backward", "backward",
    "BIASES", "HIDDEN_DELTAS", "Training", "update", "train", "walkthrough", "flat",
    "PUBLISHED", "DISCREPANCIES", "TUTORIAL", "TUTORIAL_URL", "MLP",
]
