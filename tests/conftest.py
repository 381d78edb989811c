import pytest
from django.core.cache import cache

from tests.factories import make_user


@pytest.fixture(autouse=True)
def page_cache(settings):
    """Every test runs with the readers' cache on, as production does, and empty: a page
    left stale by an edit fails whichever test reads it after the edit."""
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()


@pytest.fixture
def no_page_cache(settings):
    """For counting the queries a page costs to build, not the cache's answer (which costs
    none: tests/test_page_cache.py)."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def alice(db):
    """Alice the editor: enters events and claims, cannot publish."""
    return make_user("alice", role="Editor")


@pytest.fixture
def bob(db):
    """Bob the reviewer: everything Alice can do, and publishes."""
    return make_user("bob", role="Reviewer")


@pytest.fixture
def charlie(db):
    """Charlie: an account with no role at all."""
    return make_user("charlie")


@pytest.fixture
def admin_user(db):
    return make_user("root", superuser=True)
