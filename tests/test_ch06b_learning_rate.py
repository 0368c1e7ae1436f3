"""Chapter 6b's numbers for its prose: the tutorial's run and the error landscape's paths.

The sweep's facts are tested in test_sweep.py, beside the sweep they need.
"""
from backprop import TUTORIAL_PARAMS as P, TUTORIAL_EXAMPLE as EX, TUTORIAL_ETA as ETA, train
from backprop.chapters.ch06b_learning_rate import WILD_ETA, landscape_facts, run_facts


def test_run_facts_give_the_start_and_the_length_of_the_run():
    f = run_facts(P, EX, ETA, train(P, EX, ETA, 100).errors)
    assert (f["eta"], f["t1"], f["updates"], f["n_errors"]) == (0.5, 0.01, 100, 101)
    assert (f"{f['out_o1_start']:.3f}", f"{f['slope_start']:.3f}") == ("0.751", "0.187")
    out = f["out_o1_start"]
    assert abs(f["slope_start"] - out * (1 - out)) < 1e-12  # the logistic's slope


def test_landscape_facts_give_the_prose_its_digits():
    f = landscape_facts(P, EX, ETA)
    assert (f["land_updates"], f["land_eta"], f["land_turn"]) == (500, 0.5, 33)
    assert (f"{f['land_b2_start']:.2f}", f"{f['land_b2_turn']:.2f}") == ("0.60", "-0.21")
    assert (f"{f['land_E_start']:.6f}", f"{f['land_E_end']:.6f}") == ("0.298371", "0.017085")
    assert (f["land_big_eta"], f["land_big_ratio"], f"{f['land_big_b2']:.2f}") == (10.0, 20.0, "-0.40")
    assert f"{f['land_big_E_end']:.6f}" == "0.000397"
    assert f["land_big_trend"] == "the error falls at every update"
    assert (f["land_wild_eta"], f["land_wild_trend"]) == (
        WILD_ETA, "the error rises at 3 of the 500 updates")
    assert f["land_i1"] == 0.05
