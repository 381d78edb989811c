"""Clients for the API: anonymous, and one per role with its token."""

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.capturing import fresh_gazetteer, local_fetching, pages  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Throttling counts live in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def anon(db):
    """A reader without an account; a server error comes back as a 500, not an exception."""
    client = APIClient()
    client.raise_request_exception = False
    return client


def token_client(user) -> APIClient:
    client = APIClient()
    client.raise_request_exception = False
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def as_alice(alice):
    return token_client(alice)


@pytest.fixture
def as_bob(bob):
    return token_client(bob)


@pytest.fixture
def as_charlie(charlie):
    return token_client(charlie)


@pytest.fixture
def as_admin(admin_user):
    return token_client(admin_user)
