"""Fixtures several test files share (the tutorial's two 10,000-update runs, trained once),
and the `slow` marker."""
import pytest
from hypothesis import settings

# Property tests draw the same examples on every run, so a failure can be reproduced.
settings.register_profile("book", derandomize=True)
settings.load_profile("book")

from backprop import TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, TUTORIAL_ETA, train


def pytest_configure(config):
    # `make check` skips these (-m "not slow"); `make test` runs them with everything else.
    config.addinivalue_line("markers", "slow: seconds each (a figure rendered twice, a "
                            "subprocess or kernel, training on the digits); make check "
                            "skips them")


@pytest.fixture(scope="session")
def described():
    """The algorithm the tutorial's text describes: hidden deltas through the original w5..w8."""
    return train(TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, TUTORIAL_ETA, 10_000)


@pytest.fixture(scope="session")
def variant():
    """The variant that carries the output deltas back through the already updated w5..w8."""
    return train(TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, TUTORIAL_ETA, 10_000, hidden_deltas="updated")
