"""Anchored quotes: a W3C TextQuoteSelector made from the captured text, and found again
in a new capture, or not found: never guessed."""

import pytest

from claims.anchoring import (
    follow,
    locator,
    paragraph_number,
    paragraphs,
    reanchor,
    text_quote_selector,
)

TEXT = "First paragraph.\n\nIran denied any role.\nThe U.S. said Iran did it. Iran denied any role."


def test_paragraphs_are_the_lines_that_hold_text_counted_from_one():
    assert [(p.number, TEXT[p.start : p.end]) for p in paragraphs(TEXT)] == [
        (1, "First paragraph."),
        (2, "Iran denied any role."),
        (3, "The U.S. said Iran did it. Iran denied any role."),
    ]
    assert paragraph_number(TEXT, TEXT.index("U.S.")) == 3
    assert paragraph_number(TEXT, TEXT.index("\n\n") + 1) is None
    assert locator(TEXT, TEXT.index("Iran")) == "paragraph 2"


def test_the_selector_keeps_32_characters_each_side():
    start = TEXT.index("said Iran")
    selector = text_quote_selector(TEXT, start, start + len("said Iran"))
    assert selector == {
        "type": "TextQuoteSelector",
        "exact": "said Iran",
        "prefix": TEXT[start - 32 : start],
        "suffix": TEXT[start + 9 : start + 9 + 32],
    }
    assert text_quote_selector(TEXT, 0, 5)["prefix"] == ""


def test_it_refuses_a_span_outside_the_text():
    with pytest.raises(ValueError):
        text_quote_selector(TEXT, 10, len(TEXT) + 1)


def test_it_finds_a_passage_again_in_a_recapture_with_text_added_before_it():
    start = TEXT.index("said Iran")
    selector = text_quote_selector(TEXT, start, start + 9)
    recaptured = "Updated at 10:00.\n" + TEXT
    found = reanchor(selector, recaptured)
    assert found is not None and recaptured[found[0] : found[1]] == "said Iran"


def test_it_tells_two_occurrences_apart_by_their_context():
    second = TEXT.rindex("Iran denied any role.")
    selector = text_quote_selector(TEXT, second, second + 21)
    assert reanchor(selector, TEXT) == (second, second + 21)
    first = TEXT.index("Iran denied any role.")
    assert reanchor(text_quote_selector(TEXT, first, first + 21), TEXT) == (first, first + 21)


@pytest.mark.parametrize(
    "recaptured",
    [
        # The passage was edited: not found verbatim.
        TEXT.replace("Iran denied any role.", "Iran denied any part."),
        # Both occurrences' contexts changed: no way to tell which one was cited.
        "Iran denied any role. Iran denied any role.",
    ],
)
def test_it_says_it_cannot_rather_than_guess(recaptured):
    second = TEXT.rindex("Iran denied any role.")
    assert reanchor(text_quote_selector(TEXT, second, second + 21), recaptured) is None


def test_an_empty_selector_anchors_nowhere():
    assert reanchor({}, TEXT) is None


def test_a_desk_locator_follows_its_passage_to_its_new_paragraph():
    start = TEXT.index("said Iran")
    selector = text_quote_selector(TEXT, start, start + 9)
    recaptured = "Updated at 10:00.\n" + TEXT
    moved = follow(selector, locator(TEXT, start), recaptured)
    assert moved is not None
    new_selector, new_locator = moved
    assert (locator(TEXT, start), new_locator) == ("paragraph 3", "paragraph 4")
    assert new_selector["prefix"].endswith("Iran denied any role.\nThe U.S. ")


def test_a_locator_an_editor_wrote_stays_as_written():
    start = TEXT.index("said Iran")
    selector = text_quote_selector(TEXT, start, start + 9)
    _selector, kept = follow(selector, "page 3", "Updated.\n" + TEXT)
    assert kept == "page 3"


def test_a_passage_not_found_again_moves_nothing():
    start = TEXT.index("said Iran")
    selector = text_quote_selector(TEXT, start, start + 9)
    assert follow(selector, "paragraph 3", TEXT.replace("said Iran", "blamed Iran")) is None


@pytest.mark.django_db
def test_a_recapture_anchors_the_desks_citations_in_the_new_text():
    from claims import services
    from claims.capture.extract import capture_text
    from tests.factories import make_claim, make_source, make_user

    source = make_source(full_text=TEXT)
    start = TEXT.index("The U.S. said Iran did it.")
    claim = make_claim(citations=0)
    claim.citations.create(
        source=source,
        quote="The U.S. said Iran did it.",
        locator=locator(TEXT, start),
        selector=text_quote_selector(TEXT, start, start + 26),
    )
    recaptured = "Updated at 10:00.\n\n" + TEXT.replace("First paragraph.", "A new first one.")

    services.record_capture(
        source_fields={}, capture=capture_text(recaptured), by=make_user("bob"), source=source
    )

    citation = claim.citations.get()
    new_start = recaptured.index("The U.S. said Iran did it.")
    assert citation.locator == "paragraph 4"
    assert citation.selector == text_quote_selector(recaptured, new_start, new_start + 26)
    assert citation.quote_check == "verbatim"
