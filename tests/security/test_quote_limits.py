"""Long quotes and many citations: a quote longer than QUOTE_MAX_LENGTH or a claim with more
than CLAIM_MAX_CITATIONS citations is refused, naming the field, by the API (400) and the
admin (a form error); and the quote check's search stays bounded whatever it is given
(its speed is measured by `python -m bench.quotes`)."""

import random
import string
from unittest import mock

import pytest
from django.conf import settings as project
from django.core.exceptions import ValidationError
from django.urls import reverse
from rapidfuzz import fuzz
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Citation, Claim
from claims.quotes import QuoteCheck, check_quote, closest_passage
from tests.admin.helpers import claim_post
from tests.factories import make_actor, make_claim, make_event, make_source


def prose(words: int, seed: int) -> str:
    """So many made-up words (2 to 9 letters), the same for the same seed."""
    draw = random.Random(seed)
    return " ".join(
        "".join(draw.choices(string.ascii_lowercase, k=draw.randint(2, 9))) for _ in range(words)
    )


def test_the_limits_are_two_thousand_characters_and_fifty_citations():
    assert (project.QUOTE_MAX_LENGTH, project.CLAIM_MAX_CITATIONS) == (2_000, 50)


# --- The model ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_citation_refuses_a_quote_over_the_limit():
    claim = make_claim(citations=0)
    longest = Citation(claim=claim, source=make_source(), quote="q" * 2_000)
    longer = Citation(claim=claim, source=make_source(), quote="q" * 2_001)

    longest.full_clean()
    with pytest.raises(ValidationError) as refused:
        longer.full_clean()

    assert refused.value.message_dict["quote"] == [
        "Ensure this value has at most 2000 characters (it has 2001)."
    ]


def test_the_citation_count_rule_names_the_field():
    Claim.check_citation_count(50)
    with pytest.raises(ValidationError) as refused:
        Claim.check_citation_count(51)

    assert refused.value.message_dict == {
        "citations": ["A claim has at most 50 citations; this one would have 51."]
    }


@pytest.mark.django_db
def test_the_limits_are_read_when_checked(settings):
    settings.QUOTE_MAX_LENGTH, settings.CLAIM_MAX_CITATIONS = 10, 1
    claim = make_claim(citations=0)

    with pytest.raises(ValidationError):
        Citation(claim=claim, source=make_source(), quote="q" * 11).full_clean()
    with pytest.raises(ValidationError):
        Claim.check_citation_count(2)


# --- The API ------------------------------------------------------------------------------


@pytest.fixture
def as_alice(alice):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=alice).key}")
    return client


@pytest.fixture
def new_claim(db):
    return {
        "event": make_event(slug="k1").slug,
        "claimant_description": "unnamed officials",
        "stance": "attributes",
        "attributed_actor": make_actor(slug="kataib-hezbollah").slug,
        "stated_on": "2024-02-01",
    }


def test_the_api_refuses_a_quote_over_the_limit(as_alice, new_claim):
    source = make_source()
    citations = [
        {"source": source.pk, "quote": "fine"},
        {"source": source.pk, "quote": "q" * 2_001},
    ]

    response = as_alice.post("/api/v1/claims/", new_claim | {"citations": citations})

    assert response.status_code == 400
    assert response.json() == {
        "citations": {
            "1": {"quote": ["Ensure this value has at most 2000 characters (it has 2001)."]}
        }
    }
    assert not Claim.objects.exists()


def test_the_api_takes_a_quote_at_the_limit(as_alice, new_claim):
    citation = {"source": make_source().pk, "quote": "q" * 2_000}

    response = as_alice.post("/api/v1/claims/", new_claim | {"citations": [citation]})

    assert response.status_code == 201, response.content
    assert len(Citation.objects.get().quote) == 2_000


def test_the_api_refuses_ten_thousand_citations_before_looking_at_any(
    as_alice, new_claim, django_assert_num_queries
):
    source = make_source()
    citations = [{"source": source.pk, "quote": f"quote {n}"} for n in range(10_000)]

    # 1. the token and its user; 2. the user's permissions; 3. its groups' permissions;
    # 4. the event and 5. the attributed actor, by slug. No source is looked up and no quote
    # checked: the count is refused first.
    with django_assert_num_queries(5):
        response = as_alice.post("/api/v1/claims/", new_claim | {"citations": citations})

    assert response.status_code == 400
    assert response.json() == {
        "citations": ["A claim has at most 50 citations; this one would have 10000."]
    }
    assert not Claim.objects.exists()


def test_the_api_takes_fifty_citations(as_alice, new_claim):
    source = make_source()
    citations = [{"source": source.pk, "quote": f"quote {n}"} for n in range(50)]

    response = as_alice.post("/api/v1/claims/", new_claim | {"citations": citations})

    assert response.status_code == 201, response.content
    assert Citation.objects.count() == 50


# --- The admin ----------------------------------------------------------------------------


def citation_rows(claim: Claim, quotes: list[str], source_id: int) -> dict[str, str]:
    """The claim's change form with these quotes as new citation rows."""
    data = claim_post(claim)
    start = int(data["citations-TOTAL_FORMS"])
    for n, quote in enumerate(quotes, start=start):
        data |= {
            f"citations-{n}-claim": str(claim.pk),
            f"citations-{n}-source": str(source_id),
            f"citations-{n}-quote": quote,
            f"citations-{n}-language": "en",
        }
    data["citations-TOTAL_FORMS"] = str(start + len(quotes))
    return data


def test_the_admin_refuses_a_quote_over_the_limit_on_its_field(client, alice):
    claim = make_claim(publication=Claim.Publication.DRAFT)
    client.force_login(alice)

    response = client.post(
        reverse("admin:claims_claim_change", args=[claim.pk]),
        citation_rows(claim, ["q" * 2_001], make_source().pk),
    )

    assert response.status_code == 200  # the form again, with its errors
    citations = next(
        f.formset
        for f in response.context["inline_admin_formsets"]
        if f.formset.prefix == "citations"
    )
    assert citations.forms[1].errors == {
        "quote": ["Ensure this value has at most 2000 characters (it has 2001)."]
    }
    assert claim.citations.count() == 1


def test_the_admin_refuses_more_citations_than_a_claim_may_have(client, alice, settings):
    settings.CLAIM_MAX_CITATIONS = 2
    claim = make_claim(publication=Claim.Publication.DRAFT)
    client.force_login(alice)

    response = client.post(
        reverse("admin:claims_claim_change", args=[claim.pk]),
        citation_rows(claim, ["second", "third"], make_source().pk),
    )

    assert response.status_code == 200
    citations = next(
        f.formset
        for f in response.context["inline_admin_formsets"]
        if f.formset.prefix == "citations"
    )
    assert citations.non_form_errors() == [
        "A claim has at most 2 citations; this one would have 3."
    ]
    assert "A claim has at most 2 citations" in response.content.decode()
    assert claim.citations.count() == 1


# --- The quote check ----------------------------------------------------------------------


def test_a_long_quote_misquoted_in_a_long_text_is_found_in_part_without_the_exact_search():
    quote = prose(300, seed=1)  # about 2,000 characters
    misquoted = " ".join(w if n % 5 else "other" for n, w in enumerate(quote.split()))
    text = f"{prose(3_000, seed=5)} {misquoted} {prose(3_000, seed=9)}"

    # The exact search would take seconds here: the sampled one must do.
    with mock.patch.object(fuzz, "partial_ratio_alignment", side_effect=AssertionError):
        result = check_quote(quote, text)

    assert result.outcome == QuoteCheck.PARTIAL
    assert 75 <= result.similarity < 100
    assert fuzz.ratio(result.passage, misquoted) > 95  # the misquoted passage itself


def test_a_quote_a_hundred_times_the_limit_is_still_checked_without_the_exact_search():
    quote, text = prose(15_000, seed=1), prose(15_000, seed=2)  # about 100 KB each

    with mock.patch.object(fuzz, "partial_ratio_alignment", side_effect=AssertionError):
        result = check_quote(quote, text)

    assert result.outcome == QuoteCheck.NOT_FOUND


@pytest.mark.parametrize(
    ("quote_words", "text_words"), [(10, 20_000), (40, 3_000)], ids=["short", "usual"]
)
def test_usual_quotes_get_the_exact_search(quote_words, text_words):
    quote = prose(quote_words, seed=3)
    misquoted = " ".join(w if n % 5 else "other" for n, w in enumerate(quote.split()))
    text = f"{prose(text_words // 2, seed=4)} {misquoted} {prose(text_words // 2, seed=5)}"

    with mock.patch.object(
        fuzz, "partial_ratio_alignment", wraps=fuzz.partial_ratio_alignment
    ) as exact_search:
        score, passage = closest_passage(quote, text)

    exact_search.assert_called_once()
    exact = fuzz.partial_ratio_alignment(quote, text)
    assert (score, passage) == (exact.score, text[exact.dest_start : exact.dest_end])


def test_a_text_shorter_than_the_quote_is_its_own_passage():
    text = prose(200, seed=6)
    quote = f"{prose(400, seed=7)} {text} {prose(400, seed=8)}"

    score, passage = closest_passage(quote, text)

    assert (score, passage) == (100.0, text)
