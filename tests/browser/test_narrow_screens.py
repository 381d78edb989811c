"""On a phone (375 px), no page scrolls sideways and no drawing is cut off: the timeline
and the network reflow instead of scrolling, the map and the tables fit."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
K1 = "/events/k1-base-rocket-attack/"

PAGES = {
    "event": K1,
    "event-as-of": f"{K1}?as_of=2019-12-31",
    "events": "/events/",
    "network": "/network/",
    "actor": "/actors/kataib-hezbollah/",
    "actors": "/actors/",
    "people": "/people/",
    "search": "/search/?q=Kataeb+Hezbollah",
}


def drawings_outside(page: Page) -> list[str]:
    """The drawings shown whose box goes past either edge of the viewport."""
    return page.evaluate(
        """() => [...document.querySelectorAll("main svg")]
            .map(svg => [svg, svg.getBoundingClientRect()])
            .filter(([, box]) => box.width > 0)
            .filter(([, box]) => box.left < 0 || box.right > window.innerWidth + 0.5)
            .map(([svg, box]) => `${svg.getAttribute("class")}: `
                                 + `${Math.round(box.left)} to ${Math.round(box.right)}`)"""
    )


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_page_scrolls_sideways_on_a_phone(page: Page, path):
    page.set_viewport_size(PHONE)
    page.goto(path)

    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= PHONE["width"], f"{path} scrolls sideways: {scroll_width}px"
    assert drawings_outside(page) == [], path


def test_the_timeline_reflows_on_a_phone_with_every_mark_in_view(page: Page):
    page.set_viewport_size(PHONE)
    page.goto(K1)

    expect(page.locator("svg.timeline-wide")).to_be_hidden()
    narrow = page.locator("svg.timeline-narrow")
    expect(narrow).to_be_visible()
    box = narrow.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    # Large enough to read: the drawing takes most of the width, not a shrunken copy.
    assert box["width"] >= 300, box
    marks = narrow.locator("g.mark")
    assert marks.count() > 0
    for mark in marks.all():
        mark_box = mark.bounding_box()
        assert mark_box["x"] >= 0 and mark_box["x"] + mark_box["width"] <= PHONE["width"]


def test_the_wide_timeline_shows_on_a_desktop(page: Page):
    page.goto(K1)

    expect(page.locator("svg.timeline-wide")).to_be_visible()
    expect(page.locator("svg.timeline-narrow")).to_be_hidden()


def test_the_network_is_drawn_upright_on_a_phone(page: Page):
    page.set_viewport_size(PHONE)
    page.goto("/network/")

    expect(page.locator("svg.network-wide")).to_be_hidden()
    narrow = page.locator("svg.network-narrow")
    expect(narrow).to_be_visible()
    box = narrow.bounding_box()
    assert box["height"] > box["width"], box
