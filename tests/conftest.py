import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from tests.factories import make_user


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the test database is a file, not Django's shared in-memory database: the
    race tests (tests/parallel.py) write from several threads, and the in-memory shared
    cache answers a second writer with an immediate "table is locked" where a database
    file, as in production, makes it wait its turn."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        folder = tmp_path_factory.mktemp("database")
        database.setdefault("TEST", {})["NAME"] = str(folder / "test.sqlite3")
        # A throwaway file: no waiting for the disk at each commit (locking is unchanged).
        database.setdefault("OPTIONS", {})["init_command"] = "PRAGMA synchronous = OFF"


@pytest.fixture(autouse=True)
def back_to_the_default_language():
    """A request leaves its language active in the test's thread (the middleware activates
    it, nothing deactivates it): every test starts in the default language, whatever the
    one before it asked for."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


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
