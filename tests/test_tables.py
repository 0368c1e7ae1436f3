"""The tables notebooks show: weight labels and the "checked against the tutorial" table."""
import json
from pathlib import Path

import pytest

from backprop import DISCREPANCIES, TUTORIAL_PARAMS, flat, walkthrough
from backprop.display import tables

BOOK = Path(__file__).resolve().parents[1] / "book"


def test_weights_table_defines_each_label_by_its_edge():
    text = str(tables.weights(TUTORIAL_PARAMS))
    assert "| `w1` | i1 | h1 | 0.15 |" in text
    assert "| `w7` | h1 | o2 | 0.5 |" in text
    assert text.count("\n") == 9


def test_checked_table_marks_matches_and_points_discrepancies_to_their_chapter():
    values = flat(walkthrough())
    pair = {k: values[k] for k in ("out_o1", "dEo2_dout_h1")}
    rows = str(tables.checked(pair)).splitlines()
    assert rows[2] == "| `out_o1` | 0.75136507 | 0.751365069552 | matches |"
    assert rows[3] == ("| `dEo2_dout_h1` | -0.019049119 | -0.019049118258 | differs: see "
                       "[Where the published numbers come from](09_published_numbers.ipynb) |")
    # The explaining chapter itself shows the finding, not a link to itself.
    rows = str(tables.checked(pair, explain=True)).splitlines()
    assert rows[3] == ("| `dEo2_dout_h1` | -0.019049119 | -0.019049118258 | differs: "
                       f"{DISCREPANCIES['dEo2_dout_h1']} |")


def test_discrepancies_home_is_a_chapter_with_that_title():
    title, notebook = tables.DISCREPANCIES_HOME
    cells = json.loads((BOOK / notebook).read_text(encoding="utf-8"))["cells"]
    first = next(c for c in cells if c["cell_type"] == "markdown")  # after the hidden glue cell
    assert "".join(first["source"]).splitlines()[0] == f"# {title}"
    toc = (BOOK.parent / "_toc.yml").read_text(encoding="utf-8")
    assert f"file: book/{notebook.removesuffix('.ipynb')}\n" in toc


def test_table_renders_as_markdown_in_jupyter():
    table = tables.Table(["a", "b"], [(1, 2)])
    assert table._repr_markdown_() == "| a | b |\n| --- | --- |\n| 1 | 2 |"


def test_bias_and_example_tables_show_the_tutorials_givens():
    from backprop import TUTORIAL_EXAMPLE
    assert "| `b1` | h1 and h2 | 0.35 |" in str(tables.biases(TUTORIAL_PARAMS))
    assert "| `t2` | target for o2 | 0.99 |" in str(tables.example(TUTORIAL_EXAMPLE))


def test_checked_section_lists_the_published_values_of_that_section():
    text = str(tables.checked_section("total-error", flat(walkthrough())))
    keys = [row.split("|")[1].strip() for row in text.splitlines()[2:]]
    assert keys == ["`E_o1`", "`E_o2`", "`E_total`"]


def test_table_as_html_keeps_code_spans_and_escapes_text():
    table = tables.Table(["name", "value"], [("`w1`", "<0.15>")])
    assert table.html() == ('<table class="backprop-table"><tr><th>name</th><th>value</th></tr>'
                            "<tr><td><code>w1</code></td><td>&lt;0.15&gt;</td></tr></table>")


def test_facts_shows_named_results_with_stable_digits():
    table = tables.facts({"`out_h1`": 0.5932699921071872, "equal": True, "shape": (1348, 64),
                          "count": 10001, "model": "MLP(64-32-10)"})
    assert str(table).splitlines() == [
        "| result | value |", "| --- | --- |", "| `out_h1` | 0.593269992107 |",
        "| equal | yes |", "| shape | 1,348, 64 |", "| count | 10,001 |",
        "| model | MLP(64-32-10) |"]
    with pytest.raises(ValueError, match="values must be a non-empty dict"):
        tables.facts({})
