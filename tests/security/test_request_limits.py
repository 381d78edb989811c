"""Oversized requests and uploads are refused cleanly; every API list has a largest page;
anonymous API use is throttled."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.throttling import AnonRateThrottle

from claims.admin import importing
from claims.api.pagination import Pagination
from claims.api.urls import router
from claims.api.views import ChangesView
from claims.models import Claim, ImportJob, Source
from tests.factories import make_actor, make_claim, make_event, make_person

pytestmark = pytest.mark.django_db

THREE_MB = 3 * 1024 * 1024


def test_the_request_limit_is_below_three_megabytes():
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE < THREE_MB


@pytest.mark.parametrize("encoding", ["multipart", "urlencoded"])
def test_a_three_megabyte_form_to_the_admin_is_a_400_page(encoding, alice):
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    data = {"title": "x" * THREE_MB, "kind": "news_report", "language": "en"}

    if encoding == "multipart":
        response = client.post("/admin/claims/source/add/", data)
    else:
        body = "&".join(f"{key}={value}" for key, value in data.items())
        response = client.post(
            "/admin/claims/source/add/", body, content_type="application/x-www-form-urlencoded"
        )

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "Bad Request" in response.content.decode()
    assert not Source.objects.exists()


def test_a_three_megabyte_login_form_is_a_400_page(alice):
    response = Client(raise_request_exception=False).post(
        "/admin/login/", {"username": "alice", "password": "x" * THREE_MB}
    )

    assert response.status_code == 400


def test_a_three_megabyte_api_body_is_a_json_413(alice):
    token = Token.objects.create(user=alice)
    response = Client(raise_request_exception=False).post(
        "/api/v1/sources/",
        {"title": "x" * THREE_MB, "kind": "news_report"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )

    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is too large."}
    assert not Source.objects.exists()


def test_the_import_limit_is_fifty_megabytes():
    assert importing.MAX_IMPORT_BYTES == 50 * 1024 * 1024


def test_the_import_page_refuses_a_file_over_its_limit(client, alice, monkeypatch):
    monkeypatch.setattr(importing, "MAX_IMPORT_BYTES", 100)
    client.force_login(alice)
    upload = SimpleUploadedFile("claims.csv", b"event,event_date,stance,stated_on,quote\n" * 5)

    response = client.post("/admin/claims/claim/import/", {"file": upload})

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["file"] == ["The file is larger than 50 MB: split it."]
    assert not ImportJob.objects.exists()
    assert "The file is larger than 50 MB" in response.content.decode()


def test_a_file_at_the_limit_is_read(client, alice, monkeypatch):
    content = b"event,event_date,stance,stated_on,quote\n"
    monkeypatch.setattr(importing, "MAX_IMPORT_BYTES", len(content))
    client.force_login(alice)

    response = client.post(
        "/admin/claims/claim/import/", {"file": SimpleUploadedFile("claims.csv", content)}
    )

    assert response.status_code == 302  # to the import's page, its dry run enqueued
    assert bytes(ImportJob.objects.get().data) == content


# --- Pages of the API ------------------------------------------------------------------


def test_every_api_list_is_paginated_with_a_largest_page():
    for prefix, viewset, _ in router.registry:
        assert viewset.pagination_class is Pagination, prefix
    assert Pagination.max_page_size == 500
    assert ChangesView.MAX_LIMIT == 1000


def test_the_claims_list_gives_at_most_500_however_many_are_asked_for():
    event, actor = make_event(), make_actor()
    Claim.objects.bulk_create(
        Claim(
            event=event,
            claimant_description=f"official {n}",
            stance=Claim.Stance.ATTRIBUTES,
            attributed_actor=actor,
            stated_on="2024-02-01",
            publication=Claim.Publication.PUBLISHED,
        )
        for n in range(520)
    )

    body = Client().get("/api/v1/claims/", {"page_size": 10000}).json()

    assert body["count"] == 520
    assert len(body["results"]) == 500
    assert "page=2" in body["next"]


MAKERS = {
    "claims": lambda: make_claim(),
    "events": lambda: make_claim().event,
    "actors": lambda: make_actor(),
    "people": lambda: make_person(),
    "sources": lambda: make_claim().citations.get().source,
}


@pytest.mark.parametrize("resource", MAKERS)
def test_every_list_caps_the_page_size(resource, monkeypatch):
    monkeypatch.setattr(Pagination, "max_page_size", 2)
    for _ in range(3):
        MAKERS[resource]()

    body = Client().get(f"/api/v1/{resource}/", {"page_size": 10000}).json()

    assert len(body["results"]) == 2
    assert body["next"]


def test_the_change_feed_caps_its_page_too(monkeypatch):
    monkeypatch.setattr(ChangesView, "MAX_LIMIT", 2)
    for _ in range(3):
        make_claim()

    body = (
        Client().get("/api/v1/changes/", {"since": "2000-01-01T00:00:00Z", "limit": 10000}).json()
    )

    assert len(body["results"]) == 2
    assert body["next"]


# --- Throttling --------------------------------------------------------------------------


def test_anonymous_clients_are_throttled_by_default():
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]

    assert (
        "claims.api.throttling.AnonymousRateThrottle"
        in (settings.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"])
    )
    assert rates["anon"] == "120/minute"


@pytest.mark.parametrize("resource", MAKERS)
def test_anonymous_reading_is_throttled_on_every_list(resource, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "rate", "3/minute", raising=False)
    MAKERS[resource]()
    client = Client()

    statuses = [client.get(f"/api/v1/{resource}/").status_code for _ in range(4)]
    throttled = client.get(f"/api/v1/{resource}/")

    assert statuses == [200, 200, 200, 429]
    assert throttled.status_code == 429
    assert throttled["Content-Type"] == "application/json"
    assert int(throttled["Retry-After"]) > 0


def test_each_address_has_its_own_allowance(monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "rate", "2/minute", raising=False)
    make_claim()
    client = Client()

    first = [client.get("/api/v1/claims/", REMOTE_ADDR="10.0.0.1").status_code for _ in range(3)]
    other = client.get("/api/v1/claims/", REMOTE_ADDR="10.0.0.2").status_code

    assert first == [200, 200, 429]
    assert other == 200
