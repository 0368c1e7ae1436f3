"""Glued numbers carry the digits the prose shows, so a re-run on another CPU stores the same text."""
import json

import pytest

from backprop.display import prose


def _notebook(tmp_path, *markdown):
    cells = [{"cell_type": "markdown", "metadata": {}, "source": list(m)} for m in markdown]
    path = tmp_path / "chapter.ipynb"
    path.write_text(json.dumps({"cells": cells}), encoding="utf-8")
    return path


def test_formats_collects_every_role_of_a_key(tmp_path):
    nb = _notebook(tmp_path, ["E is {glue:text}`E:.9f`, about {glue:text}`E:.2f`.\n"],
                   ["{glue:text}`n:,d` updates, {glue}`plain`"])
    assert prose.formats(nb) == {"E": {".9f", ".2f"}, "n": {",d"}, "plain": {""}}


@pytest.mark.parametrize("value, specs, text", [
    (0.2983711087600027, {".9f"}, "0.298371109"),
    (0.2983711087600027, {".9f", ".2f"}, "0.298371109"),      # the most precise role wins
    (3.5101877829788e-05, {".9f"}, "3.5102e-05"),             # 0.000035102: five digits
    (3.5101877829788e-05, {".3e"}, "3.51e-05"),
    (0.97104677, {".1%"}, "0.971"),                            # 97.1%, read back as a number
    (12345.678, {",.0f"}, "12346"),
    (4.589950022128245e-05, {"g"}, "4.58995e-05"),
    (0.0, {".4f"}, "0.0"),
    (0.5, set(), "0.5"),                                       # a short input needs no format
])
def test_shown_keeps_the_digits_the_prose_shows(value, specs, text):
    assert prose.shown(value, specs) == text
    for spec in specs:  # the role formats the stored text as it would the full float
        assert format(float(text), spec) == format(value, spec)


def test_a_long_float_without_a_format_is_refused():
    with pytest.raises(ValueError, match="give its role a format, e.g. :.4f"):
        prose.shown(0.2983711087600027, set())


def test_glue_stores_rounded_floats_and_skips_what_no_role_shows(tmp_path, monkeypatch):
    stored = {}
    monkeypatch.setattr("myst_nb.glue", lambda name, value, display: stored.update({name: value}))
    glue = prose.Glue(_notebook(tmp_path, ["{glue:text}`E:.4f` {glue:text}`k:d` {glue:text}`s`"]))
    glue("E", 0.2983711087600027)
    glue("k", 3.0)
    glue("s", "below 1e-14")
    glue("unused", 0.1234567891234)
    assert stored == {"E": "0.2984", "k": 3, "s": "below 1e-14"}
