"""Schemathesis generates requests from the OpenAPI schema and sends them, with an editor's
token, to the application in process: no server error, and nothing that contradicts the
schema (status codes, content types, headers, bodies; a request the schema allows is
accepted). Bounded: a few examples per operation, no example database (see COVERAGE)."""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories import make_actor, make_claim, make_event, make_person, make_source

# The coverage phase (every boundary of every parameter, deterministically) sends
# thousands of requests: about ten minutes on two shared cores. The suite runs the
# examples and a bounded fuzzing phase; TRACKER_SCHEMATHESIS_COVERAGE=1 adds it.
COVERAGE = os.environ.get("TRACKER_SCHEMATHESIS_COVERAGE") == "1"
# Django's application, built here: importing tracker.wsgi would tune the test process's
# garbage collector as a server's (tracker/collector.py).
application = get_wsgi_application()
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/schema/?format=json",
    application,
    config=SchemathesisConfig.from_str(f"[phases.coverage]\nenabled = {str(COVERAGE).lower()}\n"),
)

CONFORMANCE = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    ignored_auth,
]
# Reads also hold the schema to the query parameters' real bounds, both ways: what it
# allows is accepted (`source=1`), what it forbids is refused (`limit=0`, `page=0`). A
# write's body names other records by slug or id, which a schema cannot promise exist.
READ_CHECKS = [*CONFORMANCE, positive_data_acceptance, negative_data_rejection]


@pytest.fixture
def unthrottled(monkeypatch):
    # Hundreds of requests a minute are the point here: no rate, on either path.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": None, "user": None})


@pytest.fixture
def connection_kept_open():
    """Calling the WSGI application directly would close the test's database connection
    after each request (it sits inside the test's transaction); Django's own test client
    keeps it open the same way."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def editor_token(alice) -> str:
    """Alice the editor's token, with a little data for her requests to find."""
    make_claim(
        event=make_event(slug="k1"),
        attributed_actor=make_actor(slug="kataib-hezbollah"),
        claimant_person=make_person(slug="mark-milley"),
        citations=0,
    ).citations.create(source=make_source(), quote="It was them.")
    return Token.objects.create(user=alice).key


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=8, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_the_api_answers_every_generated_request_as_its_schema_says(
    case, unthrottled, connection_kept_open, editor_token
):
    if case.path.endswith("/changes/") and case.query and case.query.get("cursor"):
        # The feed's cursor is opaque: only one it gave out in a `next` link is accepted
        # (tests/api/test_changes.py), not any string the schema allows.
        del case.query["cursor"]
    checks = READ_CHECKS if case.method == "GET" else CONFORMANCE
    case.call_and_validate(headers={"Authorization": f"Token {editor_token}"}, checks=checks)
