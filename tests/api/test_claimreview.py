"""schema.org ClaimReview for the claims that carry an editorial verdict, as valid JSON-LD."""

import datetime

import pytest
from pyld import jsonld

from claims.claimreview import SITE_NAME
from claims.models import Claim
from tests.factories import make_actor, make_claim, make_event, make_person, make_source

pytestmark = pytest.mark.django_db

SCHEMA = "https://schema.org/"
SCHEMA_CONTEXT = {"@context": {"@vocab": SCHEMA}}


def offline_loader(url, options=None):
    """schema.org's context, served without the network: every term in its vocabulary."""
    if url.rstrip("/") != SCHEMA.rstrip("/"):
        raise jsonld.JsonLdError(f"No network for {url}", "jsonld.LoadDocumentError")
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": SCHEMA_CONTEXT,
    }


def expand(document) -> list[dict]:
    return jsonld.expand(document, {"documentLoader": offline_loader})


@pytest.fixture
def confirmed():
    us = make_actor("United States", slug="united-states", kind="state")
    milley = make_person("Mark Milley", slug="mark-milley")
    event = make_event("K1 base rocket attack", slug="k1")
    claim = make_claim(
        event=event,
        claimant_person=milley,
        claimant_actor=us,
        speaker_title="Chairman of the Joint Chiefs of Staff",
        attributed_actor=make_actor("Kata'ib Hezbollah", slug="kataib-hezbollah"),
        status=Claim.Status.CONFIRMED,
        stated_on=datetime.date(2019, 12, 29),
        citations=0,
    )
    claim.citations.create(
        source=make_source(
            url="https://example.org/milley",
            title="Milley blames KH",
            author="A. Reporter",
            published_on=datetime.date(2019, 12, 30),
        ),
        quote="Kata'ib Hezbollah did it.",
    )
    claim.citations.create(source=make_source(), quote="It was KH.")  # no URL: the source page
    return claim


def test_a_confirmed_claim_has_a_claim_review(anon, confirmed):
    response = anon.get(f"/api/v1/claims/{confirmed.pk}/claimreview/")

    assert response.status_code == 200
    review = response.json()
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert "Kata'ib Hezbollah" in review["claimReviewed"]
    assert review["url"] == f"http://testserver/claims/{confirmed.pk}/"
    assert review["datePublished"] == confirmed.updated_at.date().isoformat()
    assert review["author"] == {
        "@type": "Organization",
        "name": SITE_NAME,
        "url": "http://testserver/",
    }
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["datePublished"] == "2019-12-29"
    assert item["author"]["@type"] == "Person"
    assert item["author"]["name"] == "Mark Milley"
    assert item["author"]["jobTitle"] == "Chairman of the Joint Chiefs of Staff"
    assert item["author"]["affiliation"]["name"] == "United States"
    first, second = item["appearance"]
    assert first["url"] == "https://example.org/milley"
    assert first["headline"] == "Milley blames KH"
    assert first["datePublished"] == "2019-12-30"
    second_source = confirmed.citations.order_by("pk")[1].source
    assert second["url"] == f"http://testserver/sources/{second_source.pk}/"
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 5,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Confirmed",
    }


@pytest.mark.parametrize(
    ("status", "rating", "name"),
    [("confirmed", 5, "Confirmed"), ("corroborated", 4, "Corroborated"),
     ("disputed", 2, "Disputed"), ("refuted", 1, "Refuted")],
)  # fmt: skip
def test_each_verdict_has_its_rating(anon, status, rating, name):
    claim = make_claim(status=status)

    rating_body = anon.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()["reviewRating"]

    assert rating_body["ratingValue"] == rating
    assert rating_body["alternateName"] == name
    assert (rating_body["worstRating"], rating_body["bestRating"]) == (1, 5)


@pytest.mark.parametrize("status", ["unverified", "retracted"])
def test_a_claim_without_a_verdict_has_no_claim_review(anon, status):
    claim = make_claim(status=status)

    response = anon.get(f"/api/v1/claims/{claim.pk}/claimreview/")

    assert response.status_code == 404
    assert "detail" in response.json()


def test_a_review_of_an_unnamed_attribution_quotes_what_it_describes(anon):
    claim = make_claim(
        status="disputed",
        claimant_description="a president",
        attributed_actor=None,
        attributed_description="the culprit",
    )

    review = anon.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()

    assert review["claimReviewed"] == (
        f"a president attributes “the culprit” as perpetrator: {claim.event}."
    )


def test_a_draft_with_a_verdict_has_no_public_claim_review(anon, as_alice):
    claim = make_claim(status="confirmed", publication=Claim.Publication.DRAFT)

    assert anon.get(f"/api/v1/claims/{claim.pk}/claimreview/").status_code == 404
    assert as_alice.get(f"/api/v1/claims/{claim.pk}/claimreview/").status_code == 404


def test_the_event_feed_lists_the_reviews_of_its_published_verdicts(anon, confirmed):
    event = confirmed.event
    refuted = make_claim(event=event, status="refuted")
    make_claim(event=event)  # unverified
    make_claim(event=event, status="disputed", publication=Claim.Publication.DRAFT)
    make_claim(status="confirmed")  # another event

    response = anon.get(f"/api/v1/events/{event.slug}/claimreview/")

    assert response.status_code == 200
    reviews = response.json()
    assert [review["url"] for review in reviews] == [
        f"http://testserver/claims/{confirmed.pk}/",
        f"http://testserver/claims/{refuted.pk}/",
    ]
    assert [review["reviewRating"]["ratingValue"] for review in reviews] == [5, 1]


def test_the_claim_review_is_valid_json_ld(anon, confirmed):
    review = anon.get(f"/api/v1/claims/{confirmed.pk}/claimreview/").json()

    [node] = expand(review)

    assert node["@type"] == [f"{SCHEMA}ClaimReview"]
    [rating] = node[f"{SCHEMA}reviewRating"]
    assert rating["@type"] == [f"{SCHEMA}Rating"]
    assert rating[f"{SCHEMA}ratingValue"] == [{"@value": 5}]
    assert rating[f"{SCHEMA}alternateName"] == [{"@value": "Confirmed"}]
    [item] = node[f"{SCHEMA}itemReviewed"]
    assert item["@type"] == [f"{SCHEMA}Claim"]
    assert len(item[f"{SCHEMA}appearance"]) == 2
    assert item[f"{SCHEMA}author"][0]["@type"] == [f"{SCHEMA}Person"]
    assert node[f"{SCHEMA}author"][0][f"{SCHEMA}name"] == [{"@value": SITE_NAME}]
    assert f"{SCHEMA}claimReviewed" in node
    assert f"{SCHEMA}datePublished" in node


def test_the_event_feed_is_valid_json_ld(anon, confirmed):
    make_claim(event=confirmed.event, status="refuted")
    make_claim(event=confirmed.event, stance="no_claim", attributed_actor=None, status="disputed")

    reviews = anon.get(f"/api/v1/events/{confirmed.event.slug}/claimreview/").json()
    nodes = expand(reviews)

    assert len(nodes) == 3
    for node in nodes:
        assert node["@type"] == [f"{SCHEMA}ClaimReview"]
        assert f"{SCHEMA}reviewRating" in node
        assert f"{SCHEMA}itemReviewed" in node
    assert "Nobody has claimed responsibility" in reviews[2]["claimReviewed"]


def test_it_lists_each_source_once_in_appearance(anon, confirmed):
    milley_article = confirmed.citations.order_by("pk")[0].source
    confirmed.citations.create(source=milley_article, quote="Kata'ib Hezbollah again.")

    response = anon.get(f"/api/v1/claims/{confirmed.pk}/claimreview/")

    urls = [work["url"] for work in response.json()["itemReviewed"]["appearance"]]
    second_source = confirmed.citations.order_by("pk")[1].source
    assert urls == ["https://example.org/milley", f"http://testserver/sources/{second_source.pk}/"]
