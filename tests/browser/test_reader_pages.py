"""A reader compares the attributions of the K1 rocket attack, goes back in time, follows a
candidate and searches by another spelling, in a real browser on the demo data."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

K1 = "/events/k1-base-rocket-attack/"
KATAIB = "Kata'ib Hezbollah"
US_QUOTE = "the U.S. declared that Kata’ib Hizbullah was the group guilty of the attack"


def perpetrator_columns(page: Page) -> dict[str, dict]:
    """The candidate columns of "Who is said to have done it", by the name in their h3."""
    section = page.locator("section.comparison").filter(
        has=page.get_by_role("heading", name="Who is said to have done it")
    )
    columns = {}
    for column in section.locator("section.column").all():
        columns[column.locator("h3").inner_text().strip()] = {
            "box": column.bounding_box(),
            "quotes": [q.strip() for q in column.locator("blockquote").all_inner_texts()],
            "counts": [h.strip() for h in column.locator("h4").all_inner_texts()],
        }
    return columns


def test_the_event_page_shows_the_competing_candidates_side_by_side(page: Page):
    page.goto(K1)

    columns = perpetrator_columns(page)
    assert KATAIB in columns, columns.keys()
    others = [name for name in columns if name != KATAIB]
    assert others, f"only one candidate column: {list(columns)}"
    assert any(US_QUOTE in quote for quote in columns[KATAIB]["quotes"]), columns[KATAIB]
    for name in others:
        assert columns[name]["quotes"], f"the {name} column shows no quote"
    # Side by side at desktop width: another column on the same row, beside it.
    kataib, other = columns[KATAIB]["box"], columns[others[0]]["box"]
    same_row = abs(kataib["y"] - other["y"]) < 1
    beside = (
        other["x"] >= kataib["x"] + kataib["width"] or kataib["x"] >= other["x"] + other["width"]
    )
    assert same_row and beside, {KATAIB: kataib, others[0]: other}

    badge = page.locator(".headline-state .badge")
    assert badge.inner_text().strip().casefold() == "contested"


def test_the_as_of_date_shows_the_picture_as_it_stood_then(page: Page):
    page.goto(K1)
    today = perpetrator_columns(page)
    assert list(today) == [KATAIB, "Islamic State"], list(today)
    # The claims blaming Iranian-backed militias name no one: under Kata'ib Hezbollah, as
    # consistent with it, not a column of their own.
    assert "Consistent with it, without naming it (2)" in today[KATAIB]["counts"]
    all_claims = page.locator("li.full-claim").count()

    page.locator("input#as_of").fill("2019-12-31")
    page.get_by_role("button", name="Show", exact=True).click()

    expect(page).to_have_url(re.compile(r"\?as_of=2019-12-31$"))
    expect(page.locator(".headline-state")).to_contain_text("as it stood on 31 December 2019")
    expect(page.locator("input#as_of")).to_have_value("2019-12-31")
    then = perpetrator_columns(page)
    # Only the U.S. statement of December 2019 had been made: the claims describing the
    # Iran-backed militias and the one naming the Islamic State, Milley's briefing and the
    # blog's "where is the proof?" all came in 2020.
    assert list(then) == [KATAIB], (
        f"columns on 31 December 2019: {list(then)}; today: {list(today)}"
    )
    assert then[KATAIB]["counts"] == ["Supporting (1)", "Opposing (0)"], then[KATAIB]
    assert today[KATAIB]["counts"] != then[KATAIB]["counts"], today[KATAIB]
    # Contested by one claim alone, and the page says why.
    expect(page.locator("ul.reasons").first).to_have_text(
        "An editor marked United States’s claim of December 2019 disputed."
    )
    # Every claim is still listed, the later ones marked as made after the date.
    expect(page.locator("li.full-claim")).to_have_count(all_claims)
    expect(page.locator("li.full-claim.later")).to_have_count(all_claims - 1)


def test_a_candidate_column_leads_to_the_actor_page(page: Page):
    page.goto(K1)

    page.locator("section.column h3").get_by_role("link", name=KATAIB, exact=True).click()

    expect(page).to_have_url(re.compile(r"/actors/kataib-hezbollah/$"))
    expect(page.locator("h1")).to_have_text(KATAIB)


def test_searching_by_another_spelling_finds_the_actor(page: Page):
    page.goto("/")

    search = page.get_by_role("searchbox", name="Search quotes, events, actors and every spelling")
    search.fill("Kataeb Hezbollah")
    search.press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q=Kataeb\+Hezbollah$"))
    actors = page.locator("section[aria-labelledby=r-actors]")
    link = actors.get_by_role("link", name=KATAIB, exact=True)
    expect(link).to_have_attribute("href", "/actors/kataib-hezbollah/")
    link.click()
    expect(page.locator("h1")).to_have_text(KATAIB)


def test_the_skip_link_comes_first_and_moves_focus_to_the_content(page: Page):
    page.goto(K1)

    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_have_text("Skip to content")
    expect(skip).to_be_in_viewport()  # hidden off-screen until focused

    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    expect(page).to_have_url(re.compile(r"#main$"))
