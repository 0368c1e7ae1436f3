"""Every explorer's root widget carries the class the site's browser tests find it by."""
import pytest

from backprop.explorers.controls import EXPLORER_CLASS
from backprop.explorers.landscape_explorer import LandscapeExplorer
from backprop.explorers.pass_explorer import PassExplorer
from backprop.explorers.training_explorer import TrainingExplorer


@pytest.mark.parametrize("make", [PassExplorer, LandscapeExplorer,
                                  lambda: TrainingExplorer(updates=10)])
def test_the_root_widget_is_marked(make):
    assert make().widget._dom_classes == (EXPLORER_CLASS,)


def test_the_mistakes_lab_is_marked():
    from backprop.chapters.ch13_gradient_checking import lab

    assert lab()._dom_classes == (EXPLORER_CLASS,)
