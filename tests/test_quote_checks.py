"""Quotes checked against the captured text of their sources."""

import pytest

from claims import services
from claims.models import Claim
from claims.quotes import QuoteCheck, check_quote, fold
from tests.factories import make_claim, make_source

TEXT = (
    "Instead of investigating to confirm the culprits – ISIS remnants, disgruntled locals – "
    "almost immediately the U.S. declared that Kata’ib Hizbullah was the group guilty of the "
    "attack. Maybe they were the guilty but where is the proof?"
)


@pytest.mark.parametrize(
    ("quote", "outcome"),
    [
        pytest.param("Maybe they were the guilty but where is the proof?", "verbatim", id="exact"),
        pytest.param(
            "the U.S. declared that Kata'ib Hizbullah was the group   guilty",
            "normalized",
            id="straight-apostrophe-and-spacing",
        ),
        pytest.param("the culprits - ISIS remnants", "normalized", id="hyphen-for-en-dash"),
        pytest.param(
            "Instead of investigating … where is the proof?",
            "normalized",
            id="elided-with-ellipsis",
        ),
        pytest.param(
            "Maybe they were guilty, but where is the evidence?",
            "partial",
            id="misquoted-in-part",
        ),
        pytest.param(
            "the U.S. declared that Kataib Hezbollah was the group responsible",
            "partial",
            id="reworded",
        ),
        pytest.param("Iran launched ballistic missiles at al-Asad", "not_found", id="absent"),
    ],
)
def test_it_grades_a_quote_against_the_source_text(quote, outcome):
    assert check_quote(quote, TEXT).outcome == outcome


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Kata`ib said “no” — ‘twice’", "Kata'ib said \"no\" - 'twice'"),
        ("  spaced\u00a0out,\u2009thin\u3000and\n\ttabbed  ", "spaced out, thin and tabbed"),
        ("plain ASCII text", "plain ASCII text"),
        ("", ""),
    ],
)
def test_it_folds_quotation_marks_dashes_and_every_kind_of_space(text, folded):
    assert fold(text) == folded


def test_it_shows_the_best_matching_passage_of_a_partial_match():
    result = check_quote("the U.S. declared that Kataib Hezbollah was the group responsible", TEXT)
    assert "declared that Kata'ib Hizbullah was the group" in result.passage
    assert 70 <= result.similarity < 100


def test_a_source_without_text_is_not_checkable():
    assert check_quote("anything", "").outcome == QuoteCheck.NOT_CHECKABLE


@pytest.mark.django_db
def test_the_check_is_stored_and_redone_when_the_source_text_changes():
    source = make_source(full_text="")
    claim = make_claim(citations=0)
    citation = claim.citations.create(source=source, quote="where is the proof?")
    assert citation.quote_check == QuoteCheck.NOT_CHECKABLE

    source.full_text = TEXT
    source.save()

    citation.refresh_from_db()
    assert citation.quote_check == QuoteCheck.VERBATIM

    citation.quote = "Iran launched ballistic missiles"
    citation.save()
    citation.refresh_from_db()
    assert citation.quote_check == QuoteCheck.NOT_FOUND


@pytest.mark.django_db
def test_a_claim_with_an_unfound_quote_is_published_only_with_a_recorded_reason():
    claim = make_claim(publication=Claim.Publication.DRAFT, citations=0)
    claim.citations.create(source=make_source(full_text=TEXT), quote="words nobody wrote here")

    with pytest.raises(services.PublishError) as refused:
        services.publish_claims([claim], by=None)
    assert "a quote is not found in its source" in str(refused.value)

    claim.quote_check_override = "The outlet edited the article after we captured it."
    claim.save()
    services.publish_claims([claim], by=None)

    claim.refresh_from_db()
    assert claim.publication == Claim.Publication.PUBLISHED
    assert claim.history.filter(quote_check_override__startswith="The outlet").exists()
