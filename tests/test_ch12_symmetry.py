"""Two hidden neurons that start alike stay alike, to the last bit; a random start breaks it."""
import pytest

from backprop import TUTORIAL_EXAMPLE as EX, TUTORIAL_PARAMS as P, train
from backprop.chapters import ch12_symmetry as sym
from backprop.nn import datasets


def test_twins_copies_h1s_weights_into_h2():
    t = sym.twins(P)
    assert (t.w3, t.w4, t.w6, t.w8) == (P.w1, P.w2, P.w5, P.w7)
    assert (t.w1, t.w2, t.w5, t.w7) == (P.w1, P.w2, P.w5, P.w7)


def test_twin_hidden_neurons_never_part():
    run = sym.twin_run(sym.twins(P), EX, 0.5, 2_000)
    assert run.apart is None and run.twin_weights
    # the same numbers as the engine's own training from that start
    assert run.final == train(sym.twins(P), EX, 0.5, 2_000).params


def test_the_tutorials_start_differs_from_the_first_forward_pass():
    run = sym.twin_run(P, EX, 0.5, 10)
    assert run.apart == 0 and not run.twin_weights


def test_twin_facts_sets_the_runs_side_by_side():
    twin = sym.twin_run(sym.twins(P), EX, 0.5, 100)
    tutorial = sym.twin_run(P, EX, 0.5, 100)
    facts = sym.twin_facts(twin, tutorial)
    assert facts["sym_updates"] == 100 and facts["sym_twin_w1"] == twin.final.w3
    assert facts["sym_tutorial_E"] == train(P, EX, 0.5, 100).errors[100]


def test_xor_from_a_symmetric_start_misses_an_example_and_from_a_random_one_learns():
    twin, free = sym.xor_run(True), sym.xor_run(False)
    assert (twin.right, free.right) == (3, 4)
    assert twin.outputs[1] == pytest.approx(twin.outputs[2], abs=1e-3)
    # E after the last epoch is the squared error of the outputs it reports (XOR's targets)
    _, T = datasets.xor()
    for run in (twin, free):
        expected = sum(0.5 * (t - o) ** 2 for t, o in zip(T[:, 0], run.outputs)) / 4
        assert run.error == pytest.approx(expected, rel=1e-12)
    assert free.error < 1e-3 < twin.error
    assert sym.xor_facts(free, twin) == {"xor_free_right": 4, "xor_twin_right": 3,
                                         "xor_twin_E": twin.error, "xor_free_E": free.error}


@pytest.mark.parametrize("call, message", [
    (lambda: sym.twins("P"), "params must be a backprop.tutorial.network.Params"),
    (lambda: sym.twin_run(P, "EX", 0.5, 10), "example must be a backprop.tutorial.network.Example"),
    (lambda: sym.twin_run(P, EX, 0.5, 10**6), r"updates must be a whole number in \[0, 100000\]"),
    (lambda: sym.xor_run(True, epochs=0), r"epochs must be a whole number in \[1, 100000\]"),
])
def test_bad_input_is_refused_by_name(call, message):
    with pytest.raises(ValueError, match=message):
        call()
