"""Schemathesis generates requests from the OpenAPI schema: no server error, no response
that contradicts the schema. Bounded: a few examples per operation, no example database."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.throttling import AnonRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tracker.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)


@pytest.fixture
def unthrottled(monkeypatch):
    # Hundreds of anonymous requests a minute are the point here.
    monkeypatch.setattr(AnonRateThrottle, "rate", "1000000/minute", raising=False)


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


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=5, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_the_api_answers_every_generated_request_as_its_schema_says(
    case, unthrottled, connection_kept_open
):
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
