import pytest

from tests.factories import make_user


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
