"""Bad input raises ValueError naming the parameter and what it accepts."""
import math

import pytest

from backprop import (TUTORIAL_PARAMS as P, TUTORIAL_EXAMPLE as EX, Example, Params, backward,
                      forward, train, update, walkthrough)
from backprop.tutorial.sweep import train_many


@pytest.mark.parametrize("call, message", [
    (lambda: P.with_values(w1=math.nan), "w1 must be a finite real number"),
    (lambda: P.with_values(b2=math.inf), "b_o1 must be a finite real number"),
    (lambda: P.with_values(w9=1.0), "unknown parameter 'w9'"),
    (lambda: P.with_values(w3="abc"), "w3 must be a finite real number"),
    (lambda: Params.from_vector([0.1] * 11), "values must hold 12 numbers"),
    (lambda: EX.with_values(t1=2), r"t1 must lie in \[0, 1\]"),
    (lambda: EX.with_values(i2=math.nan), "i2 must be a finite real number"),
    (lambda: EX.with_values(x=1), "unknown example value 'x'"),
    (lambda: update(P, EX, -1), "eta must be a finite number greater than 0"),
    (lambda: update(P, EX, 0), "eta must be a finite number greater than 0"),
    (lambda: update(P, EX, 0.5, biases="all"), "biases must be one of 'frozen', 'shared', "
                                               "'per-neuron'"),
    (lambda: update(P, EX, 0.5, hidden_deltas="new"), "hidden_deltas must be one of"),
    (lambda: train(P, EX, 0.5, -5), r"updates must be a whole number in \[0, 100000000\]"),
    (lambda: train(P, EX, 0.5, 2.5), r"updates must be a whole number in \[0, 100000000\]"),
    (lambda: train(P, EX, math.nan, 5), "eta must be a finite"),
    (lambda: backward(P, EX, output_weights=(0.4, 0.45)), r"output_weights must hold 4 values"),
    (lambda: walkthrough(eta=-0.5), "eta must be"),
    (lambda: train(P, EX, 0.5, 10 ** 12), r"^updates must be a whole number in \[0, 100000000\], "
                                         "got 1000000000000$"),
    (lambda: train(P, EX, 0.5, True), r"^updates must be a whole number in \[0, 100000000\], "
                                      "got True$"),
    (lambda: train(P, EX, 0.5, "abc"), r"^updates must be a whole number in"),
    (lambda: train(P, EX, True, 5), "^eta must be a finite real number, got True$"),
    (lambda: train(P, EX, 0.5, 5, errors_at=[6]), r"^errors_at must be a whole number in "
                                                  r"\[0, 5\], got 6$"),
    (lambda: train(P, EX, 0.5, 5, errors_at=[-1]), r"^errors_at must be a whole number in"),
    (lambda: train("P", EX, 0.5, 5), "^p must be a backprop.tutorial.network.Params, got str$"),
    (lambda: train(P, None, 0.5, 5), "^ex must be a backprop.tutorial.network.Example, got NoneType$"),
    (lambda: update(P.as_dict(), EX, 0.5), "^p must be a backprop.tutorial.network.Params, got dict$"),
    (lambda: forward(P, (0.05, 0.1, 0.01, 0.99)), "^ex must be a backprop.tutorial.network.Example, "
                                                  "got tuple$"),
    (lambda: backward(P, "EX"), "^ex must be a backprop.tutorial.network.Example, got str$"),
    (lambda: update(P, EX, math.inf), "^eta must be a finite real number, got inf$"),
    (lambda: P.with_values(w1=True), "^w1 must be a finite real number, got True$"),
    (lambda: Params.from_vector([0.1] * 13), "values must hold 12 numbers"),
    (lambda: EX.with_values(t2=-0.5), r"^t2 must lie in \[0, 1\], got -0.5$"),
    (lambda: forward(P.with_values(w1=1e10, w2=1e10), EX.with_values(i1=1e300, i2=-1e300)),
     r"^w1 \* i1 \+ w2 \* i2 overflows for these weights and inputs"),
    (lambda: train_many(P, EX, 0.5, 10 ** 9), r"^updates must be a whole number in "
                                              r"\[0, 100000000\], got 1000000000$"),
    (lambda: train_many(P, "EX", 0.5, 5), "^example must be a backprop.tutorial.network.Example, "
                                          "got str$"),
    (lambda: train(P.with_values(w3=1e10, w4=-1e10), EX.with_values(i1=1e300, i2=1e300), 0.5, 3),
     r"^w3 \* i1 \+ w4 \* i2 overflows"),
])
def test_bad_input_raises_value_error_naming_the_parameter(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_shared_bias_of_a_split_layer_is_refused():
    split = P.with_values(b_h1=0.1)
    with pytest.raises(ValueError, match="b1 is not shared any more"):
        split.b1
