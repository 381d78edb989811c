"""Read replicas (tracker/replicas.py): which database each request reads from.

The replica here is an alias of the test database itself (as CI has no streaming replica;
`bench/replica.py` runs against a real one), so what is asserted is the router's choice:
the queries each connection ran.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from claims.models import Claim, Event
from tests.factories import make_claim
from tracker import replicas

REPLICA = "replica"
both_databases = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


@pytest.fixture(scope="module", autouse=True)
def replica_alias(django_db_setup):
    """A replica alias reading the test database on its own connection, there before each
    test declares the databases it uses."""
    # A mirror: the test run empties only the primary between tests.
    connections.settings[REPLICA] = dict(
        connections.settings["default"], TEST={"MIRROR": "default"}
    )
    yield
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


@pytest.fixture
def root():
    # Transactional tests run on an empty database (no groups): a superuser.
    return get_user_model().objects.create_superuser("root", "root@example.org", None)


@pytest.fixture
def replica(settings):
    settings.REPLICA_DATABASES = [REPLICA]
    return REPLICA


def queries_on(alias):
    return CaptureQueriesContext(connections[alias])


@pytest.fixture
def published_event(replica):
    return make_claim().event


@both_databases
def test_it_reads_an_anonymous_page_from_the_replica(client, published_event, no_page_cache):
    with queries_on("default") as primary, queries_on(REPLICA) as replica_queries:
        response = client.get(published_event.get_absolute_url())
    assert response.status_code == 200
    assert len(replica_queries) > 1
    assert len(primary) == 0


@both_databases
def test_it_reads_an_anonymous_api_answer_from_the_replica(client, published_event, no_page_cache):
    with queries_on("default") as primary, queries_on(REPLICA) as replica_queries:
        response = client.get("/api/v1/claims/")
    assert response.status_code == 200
    assert response.json()["results"]
    assert len(replica_queries) > 1
    assert len(primary) == 0


@both_databases
def test_an_editor_reads_everything_from_the_primary(client, published_event, root, no_page_cache):
    client.force_login(root)
    with queries_on("default") as primary, queries_on(REPLICA) as replica_queries:
        assert client.get(published_event.get_absolute_url()).status_code == 200
        assert client.get("/admin/claims/claim/").status_code == 200
    assert len(replica_queries) == 0
    assert len(primary) > 1


@both_databases
def test_a_token_reads_from_the_primary(client, published_event, root, no_page_cache):
    token = Token.objects.create(user=root)
    with queries_on(REPLICA) as replica_queries:
        response = client.get("/api/v1/claims/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert len(replica_queries) == 0


@both_databases
def test_an_anonymous_write_goes_to_the_primary(client, published_event):
    with queries_on(REPLICA) as replica_queries:
        response = client.post("/api/v1/claims/", {}, content_type="application/json")
    assert response.status_code in (401, 403)
    assert len(replica_queries) == 0


@pytest.mark.django_db
def test_reads_inside_a_transaction_and_outside_requests_use_the_primary(replica):
    router = replicas.ReadReplicaRouter()
    assert router.db_for_read(Claim) == "default"  # no request: a command, the worker
    token = replicas._replica_for_request.set(REPLICA)
    checked = replicas._replica_checked.set(True)
    try:
        with transaction.atomic():
            assert router.db_for_read(Claim) == "default"
        assert router.db_for_write(Event) == "default"
        assert router.allow_migrate(REPLICA, "claims") is False
    finally:
        replicas._replica_for_request.reset(token)
        replicas._replica_checked.reset(checked)


@pytest.fixture
def unreachable_replica(replica):
    working = connections.settings[REPLICA]
    broken = dict(working)
    if broken["ENGINE"].endswith("sqlite3"):
        broken["NAME"] = "/nonexistent/folder/replica.sqlite3"
    else:
        broken["PORT"] = "1"  # nothing listens there
    connections[REPLICA].close()
    connections.settings[REPLICA] = broken
    del connections[REPLICA]  # the next use connects with the broken settings
    yield
    connections.settings[REPLICA] = working
    del connections[REPLICA]


@both_databases
def test_a_replica_that_cannot_be_reached_sends_readers_to_the_primary(
    client, published_event, unreachable_replica, no_page_cache
):
    with queries_on("default") as primary:
        response = client.get(published_event.get_absolute_url())
    assert response.status_code == 200
    assert len(primary) > 1


@both_databases
def test_a_replica_behind_the_last_change_sends_readers_to_the_primary(
    client, published_event, no_page_cache
):
    if connections["default"].vendor != "postgresql":
        pytest.skip("write positions are PostgreSQL's")
    cache.set(replicas.PRIMARY_POSITION_KEY, "FFFFFFFF/FFFFFFFF")  # far ahead of any replica
    with queries_on("default") as primary:
        response = client.get(published_event.get_absolute_url())
    assert response.status_code == 200
    assert len(primary) > 1


@both_databases
def test_a_committed_change_is_remembered_for_the_replicas(replica):
    if connections["default"].vendor != "postgresql":
        pytest.skip("write positions are PostgreSQL's")
    from claims import services

    cache.delete(replicas.PRIMARY_POSITION_KEY)
    claim = make_claim(publication=Claim.Publication.DRAFT)
    services.set_claim_status([claim], Claim.Status.CONFIRMED, by=None)
    assert cache.get(replicas.PRIMARY_POSITION_KEY)
    # The primary itself is, of course, as far as its own position.
    assert replicas.replica_is_current(REPLICA)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("page_cache_seconds", [600, 0])
def test_replicas_are_held_back_before_the_generation_moves(
    monkeypatch, settings, page_cache_seconds
):
    from claims import caching, services

    settings.PAGE_CACHE_SECONDS = page_cache_seconds
    claim = make_claim()
    generations_seen = []
    monkeypatch.setattr(
        replicas,
        "remember_primary_position",
        lambda: generations_seen.append(cache.get(caching.GENERATION_KEY)),
    )

    services.unpublish_claims([claim], by=None)  # its own transaction, committed

    # Remembered once, at the commit, while readers still read the generation before
    # it: one who read the new one could otherwise check a lagging replica against the
    # old position, and file its page under the new generation.
    assert len(generations_seen) == 1
    if page_cache_seconds:
        assert generations_seen[0] < cache.get(caching.GENERATION_KEY)
