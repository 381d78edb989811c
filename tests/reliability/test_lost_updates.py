"""Two editors, one claim: the second save is refused with what changed, never a silent
overwrite. Runs on SQLite and PostgreSQL like the rest of the suite."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Claim, Event
from tests.admin.helpers import claim_post
from tests.factories import make_claim

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def test_the_second_of_two_editors_saving_a_claim_is_refused_with_what_changed(alice, bob):
    claim = make_claim(hedging=Claim.Hedging.REPORTED)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    first, second = logged_in(alice), logged_in(bob)
    opened = [c.get(url).context["adminform"].form.initial["version"] for c in (first, second)]

    saved = first.post(url, claim_post(claim, hedging="asserted", version=opened[0]))
    refused = second.post(url, claim_post(claim, hedging="alleged", version=opened[1]))

    assert saved.status_code == 302
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "was changed by alice" in page
    assert "hedging: “reported” → “asserted”" in page
    claim.refresh_from_db()
    assert (claim.hedging, claim.version) == ("asserted", 2)


def test_the_event_page_refuses_a_stale_save_too(alice, bob):
    event = make_claim().event
    url = reverse("admin:claims_event_change", args=[event.pk])
    data = {
        "title": event.title,
        "slug": event.slug,
        "kind": event.kind,
        "date": event.date.isoformat(),
        "date_precision": event.date_precision,
        "country": event.country.code,
        "version": event.version,
        "relations-TOTAL_FORMS": "0",
        "relations-INITIAL_FORMS": "0",
        "claims-TOTAL_FORMS": "0",
        "claims-INITIAL_FORMS": "0",
    }

    assert logged_in(alice).post(url, data | {"title": "Alice's title"}).status_code == 302
    refused = logged_in(bob).post(url, data | {"title": "Bob's title"})

    assert "was changed by alice" in refused.content.decode()
    assert Event.objects.get(pk=event.pk).title == "Alice's title"


def test_the_api_answers_409_with_the_current_version_to_a_stale_write(alice, bob):
    claim = make_claim(hedging=Claim.Hedging.REPORTED)
    url = f"/api/v1/claims/{claim.pk}/"
    first, second = api_client(alice), api_client(bob)

    saved = first.patch(url, {"hedging": "asserted", "version": 1}, format="json")
    refused = second.patch(url, {"hedging": "alleged", "version": 1}, format="json")

    assert saved.status_code == 200
    assert refused.status_code == 409
    body = refused.json()
    assert body["current_version"] == 2
    assert body["current"]["hedging"] == "asserted"
    assert "was changed by alice" in body["detail"]
    claim.refresh_from_db()
    assert claim.hedging == "asserted"


def test_the_api_takes_the_version_from_if_match_and_asks_for_one(alice):
    claim = make_claim()
    url = f"/api/v1/claims/{claim.pk}/"
    client = api_client(alice)
    etag = client.get(url)["ETag"]

    missing = client.patch(url, {"hedging": "alleged"}, format="json")
    matched = client.patch(url, {"hedging": "alleged"}, format="json", HTTP_IF_MATCH=etag)
    stale = client.patch(url, {"hedging": "probable"}, format="json", HTTP_IF_MATCH=etag)

    assert etag == '"1"'
    assert missing.status_code == 428
    assert matched.status_code == 200 and matched.json()["version"] == 2
    assert stale.status_code == 409
