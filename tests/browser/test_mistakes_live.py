"""Chapter 13's lab of common mistakes on the built site switches in the page, no kernel.

The lab's five checks are computed in Python and stored as the panes of a Stack;
ipywidgets' jslink, run by the page's widget manager, shows the pane of the chosen
button. Each button is clicked as a reader clicks it, and the page must then show that
mistake's verdict and check table word for word as Python renders them. At phone to
desktop widths, light and dark, nothing reaches past the column.
"""
import pytest

from backprop.chapters import ch13_gradient_checking as mistakes

from livecheck import SPILL_JS, TABLES_JS, WIDTHS, open_explorer, page_tables
from sitecheck import SCREENSHOTS, WIDTH

PAGE = "book/13_gradient_checking.html"
BUTTONS = ".widget-toggle-buttons"
# Clicked in this order: the first click leaves "no mistake", the last comes back to it.
ORDER = [*list(mistakes.MISTAKES)[1:], "none"]


@pytest.fixture(scope="module")
def lab(browser, origin):
    """(page, the lab's root locator, console errors, blocked requests)."""
    context, page, errors, blocked = open_explorer(browser, origin, PAGE, BUTTONS, WIDTH)
    root = page.locator(".widget-subarea").filter(has=page.locator(BUTTONS))
    yield page, root, errors, blocked
    context.close()


def shown(root):
    """The verdict and the table cells the lab shows."""
    return root.locator("b").inner_text(), root.evaluate(TABLES_JS)


def expected(page, name):
    c = mistakes.check(name)
    verdict = (f"caught: {len(c.flagged)} of {len(mistakes.KEYS)} gradients flagged"
               if c.caught else "nothing flagged: every gradient passes")
    return verdict, page_tables(page, c.table().html())


def test_the_lab_opens_on_no_mistake(lab):
    page, root, errors, blocked = lab
    assert root.locator("button.mod-active").inner_text() == "no mistake"
    assert shown(root) == expected(page, "none")
    assert not errors and not blocked


@pytest.mark.parametrize("name", ORDER)
def test_every_button_shows_its_mistakes_check_in_the_page(lab, name):
    page, root, errors, blocked = lab
    label = mistakes.mistake(name).label
    verdict, cells = expected(page, name)
    root.get_by_role("button", name=label, exact=True).click()
    page.wait_for_function(  # the pane switches in the page's widget manager
        f"([el, verdict, cells]) => el.querySelector('b').textContent === verdict"
        f" && JSON.stringify(({TABLES_JS})(el)) === JSON.stringify(cells)",
        arg=[root.element_handle(), verdict, cells], timeout=10_000)
    assert root.locator("button.mod-active").inner_text() == label
    assert shown(root) == expected(page, name)
    assert not errors and not blocked


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_lab_fits_the_column(browser, origin, width, dark):
    context, page, errors, blocked = open_explorer(browser, origin, PAGE, BUTTONS, width, dark)
    try:
        root = page.locator(".widget-subarea").filter(has=page.locator(BUTTONS))
        assert root.evaluate(SPILL_JS) == []
        if (width, dark) in ((390, True), (1280, False)):
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            name = f"mistakes-{width}-{'dark' if dark else 'light'}"
            root.screenshot(path=str(SCREENSHOTS / f"{name}-before.png"))
            root.get_by_role("button", name=mistakes.mistake("frozen-biases").label).click()
            page.wait_for_function("(el) => el.querySelector('b').textContent.startsWith('caught')",
                                   arg=root.element_handle())
            root.screenshot(path=str(SCREENSHOTS / f"{name}-after.png"))
            assert root.evaluate(SPILL_JS) == []
        assert not errors and not blocked
    finally:
        context.close()
