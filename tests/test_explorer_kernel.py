"""A real kernel: the frontend moves a slider by a comm message, and the explorer follows.

The other explorer tests set slider values from Python. This one goes the way a reader's
browser does: it starts this environment's python3 kernel, builds a PassExplorer there,
and sends the widget protocol's "update" message to the w5 slider's comm, as JupyterLab
does when the slider is released.
"""
import pytest
from jupyter_client.manager import KernelManager
from traitlets.config import Config

from backprop import TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, backward

TIMEOUT = 20  # seconds for any one step; the whole test takes a few
pytestmark = pytest.mark.slow  # it starts a kernel: `make test` runs it, `make check` not


@pytest.fixture
def kernel():
    # The same settings as tools/execute_notebooks.py: encrypted channels, no TCP warning.
    manager = KernelManager(kernel_name="python3", config=Config(
        {"KernelManager": {"transport_encryption": "auto"}}))
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=TIMEOUT)
        yield client
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def run(client, code):
    """Execute code in the kernel; return what it printed, or fail with its traceback."""
    printed = []

    def output(msg):
        if msg["msg_type"] == "stream":
            printed.append(msg["content"]["text"])
        elif msg["msg_type"] == "error":
            printed.append("\n".join(msg["content"]["traceback"]))

    reply = client.execute_interactive(code, timeout=TIMEOUT, output_hook=output)
    assert reply["content"]["status"] == "ok", "".join(printed)
    return "".join(printed).strip()


def test_a_comm_update_from_the_frontend_moves_the_slider_and_the_numbers(kernel):
    model_id = run(kernel, "from backprop.explorers.pass_explorer import PassExplorer\n"
                           "explorer = PassExplorer('output-layer')\n"
                           "print(explorer.sliders['w5'].model_id)")
    # What the browser sends when the reader lets go of the w5 slider at 0.3.
    kernel.shell_channel.send(kernel.session.msg("comm_msg", {
        "comm_id": model_id,
        "data": {"method": "update", "state": {"value": 0.3}, "buffer_paths": []}}))
    shown = run(kernel, "print(repr(explorer.sliders['w5'].value))\n"
                        "print(repr(explorer.values['dE_dw5']))\n"
                        "print('>w5 = 0.30<' in explorer.diagram.value)")
    want = backward(TUTORIAL_PARAMS.with_values(w5=0.3), TUTORIAL_EXAMPLE).output.dE_dw5
    assert shown.split() == ["0.3", repr(want), "True"]
    assert want != backward(TUTORIAL_PARAMS, TUTORIAL_EXAMPLE).output.dE_dw5
