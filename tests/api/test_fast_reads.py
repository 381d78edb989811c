"""Anonymous API reads answered from the cache before DRF's dispatch
(claims/api/fast_reads.py): byte for byte DRF's own answer, without a query, the request
counted once by the same throttle, and only for anonymous reads."""

from unittest import mock

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

from claims.models import Claim
from tests.api.helpers import drf_dispatches, get, seen, through_drf_only
from tests.factories import make_actor, make_claim, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim():
    """A confirmed claim (so that it has a ClaimReview) and a denial, on one event."""
    event = make_event("Drone strike on Tower 22", slug="tower-22")
    confirmed = make_claim(
        event=event,
        attributed_actor=make_actor("Kata'ib Hezbollah", slug="kataib-hezbollah"),
        status=Claim.Status.CONFIRMED,
    )
    make_claim(event=event, stance=Claim.Stance.DENIES, claimant_description="مسؤولون")
    return confirmed


READS = [
    ("/api/v1/claims/", {}),
    ("/api/v1/claims/?stance=attributes&page_size=1", {}),
    ("/api/v1/claims/{claim}/", {}),
    ("/api/v1/claims/{claim}/claimreview/", {}),
    ("/api/v1/events/", {}),
    ("/api/v1/events/{event}/", {}),
    ("/api/v1/events/{event}/attributions/?as_of=2024-06-01", {}),
    ("/api/v1/events/{event}/corrections/", {}),
    ("/api/v1/events/{event}/claimreview/", {}),
    ("/api/v1/actors/", {"HTTP_ACCEPT": "application/json"}),
    ("/api/v1/people/", {"HTTP_ACCEPT_LANGUAGE": "ar"}),
    ("/api/v1/sources/", {"HTTP_ACCEPT": "application/json; indent=4"}),
    ("/api/v1/claims/?format=json", {"HTTP_ACCEPT": "text/html,*/*;q=0.8"}),
    ("/api/v1/claims.json", {}),
    ("/api/v1/claims/", {"HTTP_ACCEPT": "text/html"}),
]


@pytest.mark.parametrize(("path", "headers"), READS)
def test_it_answers_as_drf_does_without_drf_and_without_a_query(
    claim, path, headers, django_assert_num_queries
):
    url = path.format(claim=claim.pk, event=claim.event.slug)
    built = get(url, headers)  # built by DRF, and filed
    assert built.status_code == 200, built.content

    with drf_dispatches() as reached, django_assert_num_queries(0):
        fast = get(url, headers)
    with through_drf_only():
        drf = get(url, headers)

    assert reached == []
    assert seen(fast) == seen(drf)
    if headers.get("HTTP_ACCEPT") != "text/html":
        # The browsable API's page, built, sets the CSRF cookie its forms need.
        assert seen(fast) == seen(built)


def test_it_answers_parameters_no_view_reads_with_the_answer_filed_without_them(
    claim, django_assert_num_queries
):
    built = get("/api/v1/claims/?page_size=1", {})
    junk = "/api/v1/claims/?page_size=1&utm_source=x"

    with drf_dispatches() as reached, django_assert_num_queries(0):
        fast = get(junk, {})
    with through_drf_only():
        drf = get(junk, {})

    assert reached == []
    assert seen(fast) == seen(drf) == seen(built)
    assert "utm_source" not in fast.json()["next"]


def test_it_answers_a_head_request_as_drf_does(claim, django_assert_num_queries):
    get("/api/v1/claims/", {})

    with drf_dispatches() as reached, django_assert_num_queries(0):
        fast = get("/api/v1/claims/", {}, method="head")
    with through_drf_only():
        drf = get("/api/v1/claims/", {}, method="head")

    assert reached == []
    assert fast.status_code == 200
    assert seen(fast) == seen(drf)


@pytest.mark.parametrize(
    ("url", "headers"),
    [
        ("/api/v1/claims/", {"HTTP_ACCEPT": "application/xml"}),  # 406
        ("/api/v1/claims/?format=xml", {}),  # 404
        ("/api/v1/claims/999999/", {}),  # 404, never filed
        ("/api/v1/claims/?page=99", {}),  # 404, never filed
    ],
)
def test_what_it_does_not_answer_drf_answers_as_before(claim, url, headers):
    get("/api/v1/claims/", {})
    answered = get(url, headers)
    with through_drf_only():
        drf = get(url, headers)

    assert answered.status_code in (404, 406)
    assert seen(answered) == seen(drf)


def test_an_edit_retires_the_answer_it_gives(claim, bob):
    url = f"/api/v1/claims/{claim.pk}/"
    get(url, {})
    with drf_dispatches() as reached:
        assert get(url, {}).json()["hedging"] == "asserted"
    assert reached == []
    reviewer = APIClient()
    reviewer.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=bob).key}")

    edited = reviewer.patch(url, {"hedging": "alleged", "version": claim.version})

    assert edited.status_code == 200, edited.content
    rebuilt = get(url, {})
    assert rebuilt.json()["hedging"] == "alleged"
    assert rebuilt["ETag"] == f'"{claim.version + 1}"'
    with drf_dispatches() as reached:
        assert seen(get(url, {})) == seen(rebuilt)
    assert reached == []


def test_a_new_claim_retires_the_lists_it_gives(claim):
    get("/api/v1/claims/", {})

    newer = make_claim(event=claim.event)

    with drf_dispatches() as reached:
        ids = [c["id"] for c in get("/api/v1/claims/", {}).json()["results"]]
    assert reached == ["/api/v1/claims/"]
    assert newer.pk in ids


def test_editors_are_answered_by_drf_with_their_drafts(claim, bob, client):
    draft = make_claim(event=claim.event, publication=Claim.Publication.DRAFT)
    get("/api/v1/claims/", {})  # the readers' answer, filed
    token = {"HTTP_AUTHORIZATION": f"Token {Token.objects.create(user=bob).key}"}
    client.force_login(bob)

    by_token = [c["id"] for c in get("/api/v1/claims/", token).json()["results"]]
    by_session = [c["id"] for c in client.get("/api/v1/claims/").json()["results"]]

    assert draft.pk in by_token
    assert draft.pk in by_session


def test_a_write_is_never_answered_from_the_cache(claim):
    get("/api/v1/sources/", {})

    with drf_dispatches() as reached:
        refused = get("/api/v1/sources/", {}, method="post")

    assert reached == ["/api/v1/sources/"]
    assert refused.status_code in (401, 403)


# --- The throttle, on both paths ------------------------------------------------------


@pytest.fixture
def three_a_minute(monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "rate", "3/minute", raising=False)
    # A fixed clock, so that both paths' Retry-After are read at the same moment.
    with mock.patch("claims.api.throttling.time.time", return_value=1_700_000_000.0):
        yield


def test_the_limit_is_the_same_on_both_paths(claim, three_a_minute):
    url = "/api/v1/claims/"
    fast = [get(url, {}) for _ in range(4)]
    cache.clear()
    with through_drf_only():
        drf = [get(url, {}) for _ in range(4)]

    # The first request's count, made before DRF built the answer, is not made again.
    assert [r.status_code for r in fast] == [200, 200, 200, 429]
    assert seen(fast[3]) == seen(drf[3])
    assert fast[3]["Retry-After"] == "60"
    assert fast[3].json() == {"detail": "Request was throttled. Expected available in 60 seconds."}


def test_reads_drf_answers_count_against_the_same_limit(claim, three_a_minute):
    get("/api/v1/claims/", {})  # the path before DRF
    get("/api/v1/claims/", {})
    get("/api/v1/changes/?since=2024-01-01T00:00:00Z", {})  # DRF only

    assert get("/api/v1/claims/", {}).status_code == 429
    assert get("/api/v1/changes/?since=2024-01-01T00:00:00Z", {}).status_code == 429
