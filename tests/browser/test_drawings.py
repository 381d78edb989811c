"""The map and the network, in a real browser on the demo data: drawn by the server,
nothing fetched from elsewhere, every part linked to what it stands for."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

KATAIB = "/actors/kataib-hezbollah/"


@pytest.fixture
def offline(page: Page, live_server):
    """Refuse, and remember, every request that is not to the site itself."""
    site = urlsplit(live_server.url).netloc
    elsewhere = []

    def guard(route):
        if urlsplit(route.request.url).netloc == site:
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    return elsewhere


@pytest.mark.parametrize(
    "path", ["/events/", "/events/k1-base-rocket-attack/", "/network/", KATAIB]
)
def test_the_drawings_render_offline(page: Page, offline, path):
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    page.goto(path)

    drawing = page.locator("figure.event-map > svg, figure.network > svg.network-wide").first
    expect(drawing).to_be_visible()
    box = drawing.bounding_box()
    assert box["width"] > 300 and box["height"] > 150, box
    if "/network/" in path or path == KATAIB:
        expect(drawing.locator("a.edge").first).to_be_visible()
    else:
        expect(drawing.locator(".land path").first).to_be_attached()
        expect(drawing.locator("a.marker").first).to_be_visible()
    assert offline == [], f"{path} asked for {offline}"
    # The page, its stylesheet and its icon: no script, no tiles, no data file.
    assert not [url for url in requests if url.endswith((".js", ".json", ".png"))], requests


def test_kataib_hezbollahs_page_shows_who_blames_it(page: Page):
    page.goto(KATAIB)

    section = page.locator("section[aria-labelledby=network-heading]")
    expect(section.get_by_role("heading", name="Who blames whom")).to_be_visible()
    rows = section.locator("table.accusations tbody tr")
    texts = [text.strip() for text in rows.all_inner_texts()]
    assert any(re.search(r"United States\s+blames\s+Kata'ib Hezbollah", t) for t in texts), texts
    centre = section.locator("svg.network-wide a.node.centre")
    expect(centre).to_have_attribute("href", KATAIB)

    # An arrow leads to its row in the table, and the row to the events.
    section.locator("svg.network-wide a.edge").first.click()
    expect(page).to_have_url(re.compile(r"#accusation-1$"))
    row = page.locator("tr#accusation-1")
    row.get_by_role("link").last.click()
    expect(page).to_have_url(re.compile(r"/events/[\w-]+/$"))


def test_a_mark_on_the_map_leads_to_its_event(page: Page):
    page.goto("/events/?country=JO")

    marker = page.locator("figure.event-map a.marker").first
    expect(marker).to_have_attribute("href", "/events/tower-22-drone-attack/")
    marker.click()
    expect(page.locator("h1")).to_have_text("Drone attack on Tower 22")
