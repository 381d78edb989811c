"""What the desk shows of a source's suggestions: which became claims, which were
rejected, and where each is marked in the text (claims.desk: no database)."""

from claims.anchoring import text_quote_selector
from claims.desk import Cited, desk_suggestions, marked_paragraphs
from claims.models import RejectedSuggestion
from claims.suggest import Suggestion

TEXT = "Intro.\nA U.S. strike killed the commander of the Iran-backed militia.\nIran denied it."
SENTENCE = TEXT.index("A U.S."), TEXT.index("\nIran denied")
DENIAL = TEXT.index("Iran denied"), len(TEXT)


def suggestion(span, stance, actor) -> Suggestion:
    start, end = span
    return Suggestion(
        start, end, TEXT[start:end], stance, "perpetrator", "asserted", actor, actor, None,
        None, "", "", None, (), 0.5,
    )  # fmt: skip


SUGGESTIONS = [
    suggestion(SENTENCE, "attributes", "united-states"),
    suggestion(SENTENCE, "attributes", "iran"),
    suggestion(DENIAL, "denies", "iran"),
]


def cited(span, stance, actor, claim_id=7) -> Cited:
    return Cited(claim_id, TEXT[span[0] : span[1]], text_quote_selector(TEXT, *span), stance, actor)


def test_a_citation_is_matched_to_the_suggestion_its_claim_agrees_with():
    found = desk_suggestions(TEXT, SUGGESTIONS, [cited(SENTENCE, "attributes", "iran")], [])
    assert [(s.number, s.state, s.claim_ids) for s in found] == [
        (1, "open", []),
        (2, "accepted", [7]),
        (3, "open", []),
    ]


def test_a_citation_of_a_shorter_passage_without_a_selector_still_counts():
    quote = "the commander of the Iran-backed militia"
    found = desk_suggestions(TEXT, SUGGESTIONS, [Cited(9, quote, {}, "attributes", None)], [])
    assert found[0].claim_ids == [9]  # no suggestion agrees: the first unmatched one


def test_a_rejection_is_shown_until_a_claim_is_made_of_it():
    rejected = [RejectedSuggestion(pk=3, start=DENIAL[0], end=DENIAL[1])]
    assert desk_suggestions(TEXT, SUGGESTIONS, [], rejected)[2].state == "rejected"
    made = [cited(DENIAL, "denies", "iran")]
    assert desk_suggestions(TEXT, SUGGESTIONS, made, rejected)[2].state == "accepted"


def test_a_sentence_carrying_two_suggestions_is_marked_once_with_both():
    found = desk_suggestions(TEXT, SUGGESTIONS, [], [])
    paragraphs = marked_paragraphs(TEXT, found)
    assert [p.number for p in paragraphs] == [1, 2, 3]
    [segment] = paragraphs[1].segments
    assert segment.text == TEXT[SENTENCE[0] : SENTENCE[1]]
    assert [s.number for s in segment.suggestions] == [1, 2]
    assert [s.text for s in paragraphs[0].segments] == ["Intro."]
