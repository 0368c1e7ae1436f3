"""The prose's numbers are the text the reader sees, with the digits its format shows, so a
re-run on another CPU stores the same text; a number named before it is computed waits."""
import re

import pytest

from backprop.display import prose


@pytest.mark.parametrize("value, spec, text", [
    (0.2983711087600027, ".9f", "0.298371109"),
    (0.2983711087600027, ".2f", "0.30"),
    (3.5101877829788e-05, ".3e", "3.510e-05"),
    (0.97104677, ".1%", "97.1%"),
    (12345.678, ",.0f", "12,346"),
    (10000.0, ",d", "10,000"),                                 # a whole float takes an int's format
    (4.589950022128245e-05, "g", "4.58995e-05"),
    (0.5, "", "0.5"),                                          # a short input needs no format
    (10000, ",d", "10,000"),
    ("0.291027924", "", "0.291027924"),                        # a published number, as printed
])
def test_text_is_the_value_as_the_prose_shows_it(value, spec, text):
    assert prose.text(value, spec) == text


def test_a_long_float_without_a_format_is_refused():
    with pytest.raises(ValueError, match='give its expression a format, e.g. "name:.4f"'):
        prose.text(0.2983711087600027)


def test_glue_shows_a_named_number_in_each_format():
    glue = prose.Glue()
    glue("E", 0.2983711087600027)
    glue("E", 0.2983711087600027)  # the same value again is no second value
    assert (glue["E:.9f"], glue["E:.2%"]) == ("0.298371109", "29.84%")


def test_a_name_has_one_value():
    glue = prose.Glue()
    glue("E", 0.25)
    with pytest.raises(ValueError, match="name 'E' is glued twice, 0.25 and 0.5"):
        glue("E", 0.5)


def test_a_number_named_before_it_is_computed_fills_in_when_glued():
    glue = prose.Glue()
    early, early_again, other = glue["n:,d"], glue["n:,d"], glue["m:.2f"]
    assert early.label.value == "…"
    assert "application/vnd.jupyter.widget-view+json" in early._repr_mimebundle_()
    glue("n", 10000.0)
    assert (early.label.value, early_again.label.value, other.label.value) == ("10,000", "10,000", "…")
    assert glue["n:,d"] == "10,000" and glue.pending.keys() == {"m:.2f"}


def test_expressions_are_found_in_the_order_the_prose_has_them():
    markdown = 'fell from {eval}`glue["E:.9f"]` to\n{eval}`glue["F:.9f"]`, by {eval}`glue["E:.9f"]`'
    assert prose.expressions(markdown) == ['glue["E:.9f"]', 'glue["F:.9f"]', 'glue["E:.9f"]']


def test_a_result_is_shown_as_jupyterlab_myst_shows_it():
    assert prose.shown({"status": "ok", "data": {"text/plain": "'10,000'"}, "metadata": {}}) == "10,000"
    assert prose.shown({"status": "ok", "data": {"text/plain": '"it\'s"'}, "metadata": {}}) == "it's"
    assert prose.shown({"status": "ok", "data": {"text/plain": "3"}, "metadata": {}}) == "3"


@pytest.mark.parametrize("result, message", [
    ({"status": "error", "ename": "KeyError", "evalue": "'n'", "traceback": []}, "'n'"),
    ({"status": "ok", "data": {"text/plain": "Label(value='…')",
                               "application/vnd.jupyter.widget-view+json": {}}, "metadata": {}},
     "a result shown as"),
])
def test_a_result_that_is_no_text_is_refused(result, message):
    with pytest.raises(ValueError, match=re.escape('{eval}`glue["n:d"]` gives no text: ' + message)):
        prose.user_expressions(['glue["n:d"]'], {"0": result})


def test_user_expressions_are_stored_as_jupyterlab_myst_stores_them():
    ok = {"status": "ok", "data": {"text/plain": "'0.5'"}, "metadata": {}}
    assert prose.user_expressions(['glue["eta:g"]'], {"0": ok}) == [
        {"expression": 'glue["eta:g"]', "result": ok}]


def test_each_glues_every_fact_of_a_mapping():
    glue = prose.Glue()
    glue.each({"updates": 10_000, "E_total": 0.298371108760003})
    assert (glue["updates:,d"], glue["E_total:.9f"]) == ("10,000", "0.298371109")
