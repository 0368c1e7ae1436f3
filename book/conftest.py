"""nbval checks each code cell's outputs; this adds one more item to every notebook it runs.

After the notebook's last cell, in the same kernel, each Markdown cell's inline expressions
({eval}`glue["E_total:.9f"]`) are evaluated again, as tools/execute_notebooks.py and
JupyterLab evaluate them, and must give exactly the results stored in the cell's metadata,
which the site and JupyterLab (before Run All) show. Nor may a myst-nb glue role be left:
the site would render it but JupyterLab would not.
"""
import re

import pytest
from nbval.plugin import IPyNbFile

from backprop.display import prose

GLUE_ROLE = re.compile(r"\{glue(:\w*)?\}`")
REPLY_SECONDS = 60


class StoredExpressions(pytest.Item):
    """The notebook's Markdown cells: their stored expressions, evaluated again."""

    def runtest(self):
        kernel = self.parent.kernel
        for index, cell in enumerate(self.parent.nb.cells):
            if cell.cell_type != "markdown":
                continue
            where = f"Markdown cell {index} ({cell.source[:50]!r})"
            if GLUE_ROLE.search(cell.source):
                raise AssertionError(f"{where} still has a glue role: JupyterLab shows it raw")
            found = prose.expressions(cell.source)
            if not found:
                assert "user_expressions" not in cell.metadata, f"{where} stores expressions it lacks"
                continue
            msg_id = kernel.kc.execute("", silent=True, store_history=False,
                                       user_expressions={str(k): e for k, e in enumerate(found)})
            reply = kernel.get_message(stream="shell", timeout=REPLY_SECONDS)
            while reply["parent_header"].get("msg_id") != msg_id:
                reply = kernel.get_message(stream="shell", timeout=REPLY_SECONDS)
            fresh = prose.user_expressions(found, reply["content"]["user_expressions"])
            stored = cell.metadata.get("user_expressions")
            if fresh != stored:
                raise AssertionError(
                    f"{where}: the stored expressions are not what the code computes now "
                    f"(re-run tools/execute_notebooks.py):\n"
                    f"  stored {[(s['expression'], prose.shown(s['result'])) for s in stored or []]}\n"
                    f"  now    {[(s['expression'], prose.shown(s['result'])) for s in fresh]}")

    def reportinfo(self):
        return self.path, None, f"{self.path.name}::Markdown expressions"


def pytest_collection_modifyitems(items):
    """A StoredExpressions after the last cell of every notebook nbval collected."""
    last = {}
    for position, item in enumerate(items):
        if isinstance(item.parent, IPyNbFile):
            last[item.parent] = position
    for notebook, position in sorted(last.items(), key=lambda kv: -kv[1]):
        items.insert(position + 1, StoredExpressions.from_parent(notebook, name="Markdown expressions"))
