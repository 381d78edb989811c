"""Screenshots of the event page at desktop and phone width, and no sideways scrolling on a
phone. The files land in artifacts/screenshots/ (ignored by git) for people to look at."""

from pathlib import Path

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
K1 = "/events/k1-base-rocket-attack/"
PHONE = 375

# The elements that stick out to the right of the viewport, leaving out those inside a
# container that scrolls or clips on purpose, to explain a failure.
OVERFLOWING = """width => {
  const scrolls = el => {
    for (let a = el.parentElement; a; a = a.parentElement) {
      const x = getComputedStyle(a).overflowX;
      if (x === "auto" || x === "scroll" || x === "hidden" || x === "clip") return true;
    }
    return false;
  };
  return [...document.querySelectorAll("body *")]
    .filter(el => el.getBoundingClientRect().right > width + 0.5 && !scrolls(el))
    .map(el => {
      const id = el.id ? "#" + el.id : "";
      const cls = el.classList.length ? "." + [...el.classList].join(".") : "";
      return `${el.tagName.toLowerCase()}${id}${cls} (right edge at `
        + `${Math.round(el.getBoundingClientRect().right)}px)`;
    });
}"""


@pytest.mark.parametrize(
    ("name", "width", "height"),
    [("desktop", 1280, 900), ("phone", PHONE, 812)],
    ids=["1280", "375"],
)
def test_event_page_screenshot(page: Page, name, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(K1)
    # The stylesheet is applied (badges are uppercased by CSS), or the picture means nothing.
    badge = page.locator(".headline-state .badge")
    assert badge.evaluate("el => getComputedStyle(el).textTransform") == "uppercase"

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"event-k1-{name}.png"
    path.unlink(missing_ok=True)
    page.screenshot(path=path, full_page=True)

    assert path.is_file() and path.stat().st_size > 0, path
    if width == PHONE:
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= PHONE, (
            f"the page scrolls sideways at {PHONE}px: scrollWidth {scroll_width}; "
            f"overflowing: {page.evaluate(OVERFLOWING, PHONE)}"
        )
