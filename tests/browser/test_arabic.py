"""The reader pages in Arabic, right to left, in a real browser: nothing scrolls sideways
on a desktop or a phone, axe finds no serious or critical violation, and the timeline's
time runs from right to left."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.browser.test_accessibility import BLOCKING, describe

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/ar/",
    "events": "/ar/events/?country=IQ",
    "event": "/ar/events/k1-base-rocket-attack/",
    "actor": "/ar/actors/kataib-hezbollah/",
    "person": "/ar/people/mark-milley/",
    "search": "/ar/search/?q=%DA%A9%D8%AA%D8%A7%D8%A6%D8%A8",
    "network": "/ar/network/",
}
WIDTHS = {"desktop": 1366, "phone": 375}


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_an_arabic_page_fits_the_screen_and_passes_axe(page: Page, axe, path, width):
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(path)
    assert response is not None and response.ok, (path, response and response.status)

    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{path} at {width}px scrolls sideways by {overflow}px"
    violations = axe.run(page).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"axe on {path} at {width}px:\n{describe(blocking)}"


def test_the_timeline_runs_from_right_to_left_in_arabic(page: Page):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(PAGES["event"])

    ticks = page.locator("svg.timeline-wide text.tick")
    first, last = ticks.first.bounding_box(), ticks.last.bounding_box()

    assert first["x"] > last["x"]  # the earliest date on the right


def test_the_timeline_runs_from_left_to_right_in_english(page: Page):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto("/events/k1-base-rocket-attack/")

    ticks = page.locator("svg.timeline-wide text.tick")

    assert ticks.first.bounding_box()["x"] < ticks.last.bounding_box()["x"]
