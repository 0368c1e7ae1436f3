"""The {eval} role from the results stored in the notebook (loaded by book_site).

The site is built with execution off, and myst-nb evaluates {eval}`glue["E_total:.9f"]`
only in a live kernel. tools/execute_notebooks.py stores each Markdown cell's results in
its metadata as jupyterlab-myst does (`user_expressions`); this role shows the stored text,
so the site and JupyterLab show the same digits. An expression without a stored result, or
stored with two results, stops the build: the page would otherwise show a wrong number.

A page that is no notebook (book/index.md) quotes a notebook's number by its file, as
myst-nb's glue roles did: {eval}`09_published_numbers.ipynb::glue["n_checked:d"]`.
"""
import json
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxRole

from backprop.display import prose


def stored_results(notebook: Path) -> dict:
    """{expression: text} of every inline expression stored in the notebook's Markdown cells."""
    found = {}
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        for stored in cell["metadata"].get("user_expressions", []) if cell["cell_type"] == "markdown" else []:
            expression = stored["expression"]
            try:
                text = prose.shown(stored["result"])
            except ValueError as error:
                raise ExtensionError(f"{notebook.name}: {{eval}}`{expression}` is stored without a text: {error}")
            if found.setdefault(expression, text) != text:
                raise ExtensionError(f"{notebook.name}: {{eval}}`{expression}` is stored as both "
                                     f"{found[expression]!r} and {text!r}")
    return found


class StoredEval(SphinxRole):
    """{eval}`expression` or {eval}`notebook.ipynb::expression`: its stored text, as
    jupyterlab-myst shows a string (no quotes)."""

    def run(self):
        page = Path(self.env.doc2path(self.env.docname))
        other, _, expression = self.text.rpartition("::")
        notebook = page.parent / other if other else page
        cache = self.env.temp_data.setdefault("stored_eval", {})
        if notebook not in cache:
            cache[notebook] = stored_results(notebook) if notebook.suffix == ".ipynb" else {}
        if expression not in cache[notebook]:
            raise ExtensionError(
                f"{page.name}:{self.lineno}: {{eval}}`{self.text}` has no result stored in "
                f"{notebook.name}: run python tools/execute_notebooks.py {notebook.name}")
        return [nodes.Text(cache[notebook][expression])], []


def use_stored_results(app: Sphinx, config: Config) -> None:
    if config.nb_execution_mode == "off":
        app.add_role("eval", StoredEval(), override=True)


def setup(app: Sphinx) -> dict:
    # After myst_nb (its own role needs a kernel), which loads first.
    app.setup_extension("myst_nb")
    app.connect("config-inited", use_stored_results)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
