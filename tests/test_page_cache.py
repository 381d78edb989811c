"""Anonymous pages and API reads come from the cache until an edit, and never after it."""

import hashlib
import logging
import uuid
from unittest import mock

import pytest
import redis
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.cache import cache
from django.db import transaction
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

from claims import caching, services
from claims.api.throttling import count_and_read
from claims.importer import read_rows
from claims.models import Claim
from claims.services import import_claims
from tests.admin.helpers import claim_post
from tests.api.helpers import drf_dispatches, get, seen, through_drf_only
from tests.factories import make_actor, make_claim, make_event
from tracker import redis_cache as redis_module

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim():
    return make_claim(
        event=make_event("Drone strike on Tower 22", slug="tower-22"),
        attributed_actor=make_actor("Kata'ib Hezbollah", slug="kataib-hezbollah"),
    )


def test_it_answers_a_second_anonymous_read_without_the_database(
    client, claim, django_assert_num_queries
):
    url = claim.event.get_absolute_url()
    first = client.get(url)

    with django_assert_num_queries(0):
        second = client.get(url)

    assert second.status_code == 200
    assert second.content == first.content


def test_a_cached_page_is_the_built_one_without_the_middleware_after_the_cache(client, claim):
    url = claim.event.get_absolute_url()
    built = client.get(url)
    sessions = mock.patch.object(
        SessionMiddleware, "process_request", side_effect=AssertionError("reached")
    )

    with sessions, mock.patch.object(AuthenticationMiddleware, "process_request") as auth:
        answered = client.get(url)

    auth.assert_not_called()
    assert answered.content == built.content
    assert dict(answered.items()) == dict(built.items())
    assert {"Content-Language", "X-Frame-Options", "Vary"} <= answered.headers.keys()


def test_a_page_is_filed_in_the_language_of_its_address(client, claim):
    english = client.get("/events/tower-22/")
    persian = client.get("/fa/events/tower-22/")

    again = client.get("/fa/events/tower-22/")

    assert english.content != persian.content
    assert again.content == persian.content
    assert again["Content-Language"] == "fa" and english["Content-Language"] == "en"


def test_a_signed_in_editor_gets_the_page_built_and_it_is_not_kept(
    client, claim, alice, django_assert_num_queries
):
    editor = type(client)()
    editor.force_login(alice)
    url = claim.event.get_absolute_url()
    editor.get(url)

    with django_assert_num_queries(8):
        editor.get(url)
    # Nothing the editor was shown was filed: the first reader's page is built.
    with django_assert_num_queries(8):
        client.get(url)


def test_the_api_and_the_admin_are_not_looked_up_among_the_pages(client, claim):
    with mock.patch("claims.caching.resolve", side_effect=AssertionError("resolved")):
        assert APIClient().get("/api/v1/claims/").status_code == 200
        assert client.get("/admin/login/").status_code == 200


def test_a_host_not_allowed_is_refused_without_a_cache_error(client, claim, caplog):
    with caplog.at_level(logging.ERROR, logger="claims.caching"):
        response = client.get("/events/tower-22/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert not [r for r in caplog.records if r.name == "claims.caching"], caplog.text


def test_it_shows_an_edit_made_through_the_admin_at_once(client, claim, alice):
    url = claim.event.get_absolute_url()
    assert "unnamed officials" in client.get(url).content.decode()
    editor = type(client)()
    editor.force_login(alice)

    response = editor.post(
        f"/admin/claims/claim/{claim.pk}/change/",
        claim_post(claim, claimant_description="a Pentagon spokesperson"),
    )

    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "a Pentagon spokesperson" in page
    assert "unnamed officials" not in page


def test_it_shows_an_edit_made_through_the_api_in_the_api_and_on_the_page(client, claim, bob):
    reader = APIClient()
    assert [c["hedging"] for c in reader.get("/api/v1/claims/").json()["results"]] == ["asserted"]
    assert reader.get(f"/api/v1/claims/{claim.pk}/").json()["hedging"] == "asserted"
    assert "alleged" not in client.get(claim.event.get_absolute_url()).content.decode()
    reviewer = APIClient()
    reviewer.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=bob).key}")

    response = reviewer.patch(
        f"/api/v1/claims/{claim.pk}/", {"hedging": "alleged", "version": claim.version}
    )

    assert response.status_code == 200, response.content
    assert [c["hedging"] for c in reader.get("/api/v1/claims/").json()["results"]] == ["alleged"]
    assert reader.get(f"/api/v1/claims/{claim.pk}/").json()["hedging"] == "alleged"
    assert "alleged" in client.get(claim.event.get_absolute_url()).content.decode()


def test_it_shows_a_new_claim_in_the_lists_and_the_attributions(client, claim):
    reader = APIClient()
    attributions = f"/api/v1/events/{claim.event.slug}/attributions/"
    assert reader.get(attributions).json()["state"] == "attributed"
    client.get("/events/")

    make_claim(event=claim.event, attributed_actor=make_actor("Islamic Resistance in Iraq"))

    assert reader.get(attributions).json()["state"] == "contested"
    assert "contested" in client.get("/events/").content.decode()


def test_it_forgets_an_unpublished_event(client, claim):
    url = claim.event.get_absolute_url()
    assert client.get(url).status_code == 200

    services.unpublish_claims([claim], by=None)

    assert client.get(url).status_code == 404
    assert "Tower 22" not in client.get("/events/").content.decode()


def test_it_shows_what_a_bulk_import_wrote(client):
    assert "Rocket attack on Erbil" not in client.get("/events/").content.decode()
    csv_text = (
        "event,event_date,stance,stated_on,quote,claimant_description,attributed_actor,"
        "publication,source_title\n"
        "Rocket attack on Erbil,2021-02-15,attributes,2021-02-16,It was them.,"
        "officials,Saraya Awliya al-Dam,published,A report\n"
    )

    import_claims(read_rows(csv_text, "claims.csv"))

    assert "Rocket attack on Erbil" in client.get("/events/").content.decode()


def test_it_shows_the_result_of_a_merge_and_of_its_undoing(client, claim):
    variant = make_actor("Kataeb Hezbollah", slug="kataeb-hezbollah")
    url = variant.get_absolute_url()
    assert client.get(url).status_code == 200

    record = services.merge(claim.attributed_actor, variant)

    assert client.get(url).status_code == 404
    services.undo_merge(record)
    assert client.get(url).status_code == 200


def test_it_never_serves_an_editors_reads_from_the_readers_cache(claim, bob):
    draft = make_claim(event=claim.event, publication=Claim.Publication.DRAFT)
    reader = APIClient()
    assert [c["id"] for c in reader.get("/api/v1/claims/").json()["results"]] == [claim.pk]
    reviewer = APIClient()
    reviewer.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=bob).key}")

    seen = [c["id"] for c in reviewer.get("/api/v1/claims/").json()["results"]]

    assert seen == [claim.pk, draft.pk]
    # And what the reviewer saw was not kept for readers either.
    assert [c["id"] for c in reader.get("/api/v1/claims/").json()["results"]] == [claim.pk]


def test_it_keeps_the_api_throttle_for_cached_reads(claim, settings):
    reader = APIClient()
    rate = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"]
    allowed = int(rate.split("/")[0])
    with mock.patch("rest_framework.throttling.AnonRateThrottle.get_rate", return_value="3/min"):
        answers = [reader.get("/api/v1/claims/").status_code for _ in range(4)]
    assert allowed > 3
    assert answers == [200, 200, 200, 429]


def test_it_files_responses_by_host_and_query(claim):
    claim.status = Claim.Status.CONFIRMED
    claim.save()
    denial = make_claim(event=claim.event, stance=Claim.Stance.DENIES)
    reader = APIClient()
    review = f"/api/v1/claims/{claim.pk}/claimreview/"

    here = reader.get(review).json()["url"]
    elsewhere = reader.get(review, HTTP_HOST="127.0.0.1").json()["url"]
    denials = reader.get("/api/v1/claims/", {"stance": "denies"}).json()["results"]
    everything = reader.get("/api/v1/claims/").json()["results"]

    assert here.startswith("http://testserver/")
    assert elsewhere.startswith("http://127.0.0.1/")
    assert [c["id"] for c in denials] == [denial.pk]
    assert [c["id"] for c in everything] == [claim.pk, denial.pk]


def test_it_retires_the_cache_again_when_the_transaction_commits(claim):
    before = caching.generation()
    with transaction.atomic():
        claim.hedging = "asserted"
        claim.save()
        during = caching.generation()
        claim.speaker_title = "spokesperson"
        claim.save()
        # Once at commit, however many saves the transaction made.
        pending = [c for _, c, _ in transaction.get_connection().run_on_commit]
        assert pending.count(caching._committed) == 1
    assert during > before


@pytest.mark.django_db(transaction=True)
def test_a_commit_moves_the_generation_on_after_the_write(client):
    claim = make_claim(event=make_event("Drone strike on Tower 22", slug="tower-22"))
    with transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(speaker_title="spokesperson")
        caching.content_changed()
        during = caching.generation()
    assert caching.generation() == during + 1


def test_it_answers_from_the_database_when_the_cache_is_unreachable(client, claim):
    with mock.patch.object(cache, "get", side_effect=ConnectionError("cache down")):
        response = client.get(claim.event.get_absolute_url())
    assert response.status_code == 200
    assert "Tower 22" in response.content.decode()


def test_it_caches_nothing_when_turned_off(client, claim, settings, django_assert_num_queries):
    settings.PAGE_CACHE_SECONDS = 0
    url = claim.event.get_absolute_url()
    client.get(url)
    # The event page's eight (tests/test_reader_pages.py), none answered from the cache.
    with django_assert_num_queries(8):
        client.get(url)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/claims/",
        "/api/v1/claims/{claim}/",
        "/api/v1/events/{event}/attributions/",
        "/api/v1/events/{event}/",
        "/api/v1/actors/",
    ],
)
def test_it_answers_a_second_anonymous_api_read_without_the_database(
    claim, path, django_assert_num_queries
):
    reader = APIClient()
    url = path.format(claim=claim.pk, event=claim.event.slug)
    first = reader.get(url)

    with django_assert_num_queries(0):
        second = reader.get(url)

    assert second.status_code == 200
    assert second.json() == first.json()
    assert second.get("ETag") == first.get("ETag")


@pytest.fixture
def redis_cache(settings):
    """The production cache: Redis on 127.0.0.1:6379 (started by .ci/run), in a database
    of its own and under a key prefix of this test's, removed afterwards."""
    from django.core.cache import caches

    prefix = f"tracker-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "tracker.redis_cache.SharedClientRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": prefix,
        }
    }
    # (Django's test signals build the cache anew when CACHES changes, and again after.)
    redis = caches["default"]
    yield redis
    client = redis._cache.get_client(write=True)
    client.delete(*client.scan_iter(match=f"{prefix}:*"))


def test_it_works_on_redis_end_to_end(client, claim, redis_cache, django_assert_num_queries):
    url = claim.event.get_absolute_url()
    client.get(url)
    with django_assert_num_queries(0):
        assert "unnamed officials" in client.get(url).content.decode()

    claim.claimant_description = "a Pentagon spokesperson"
    claim.save()

    assert "a Pentagon spokesperson" in client.get(url).content.decode()
    # One client object serves every call of the process.
    client_object = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client(write=True) is client_object


def test_a_lost_counter_never_comes_back_to_a_generation_already_used(claim):
    used = caching.generation()
    claim.save()  # moves it on
    cache.delete(caching.GENERATION_KEY)  # as an eviction would

    assert caching.generation() > used + 1


@pytest.fixture
def redis_round_trips():
    """The round trips to Redis inside the block, each as the names of the commands it
    sent: one command, or a pipeline's."""
    sent = []
    send = redis.Redis.execute_command
    execute = redis.client.Pipeline.execute

    def one(client, *args, **options):
        sent.append([args[0]])
        return send(client, *args, **options)

    def pipelined(pipe, *args, **kwargs):
        sent.append([command[0] for command, _ in pipe.command_stack])
        return execute(pipe, *args, **kwargs)

    with (
        mock.patch.object(redis.Redis, "execute_command", one),
        mock.patch.object(redis.client.Pipeline, "execute", pipelined),
    ):
        yield sent


def test_an_anonymous_api_answer_costs_one_round_trip_to_redis(
    claim, redis_cache, redis_round_trips
):
    url = "/api/v1/claims/?stance=attributes"
    built = get(url, {})
    get(url, {})  # Redis has loaded the script by now
    redis_round_trips.clear()

    with drf_dispatches() as reached:
        answered = get(url, {})

    # The request counted, the generation and the answer read.
    assert redis_round_trips == [["EVALSHA", "MGET"]]
    assert reached == []
    assert seen(answered) == seen(built)


def test_a_page_costs_one_round_trip_to_redis(client, claim, redis_cache, redis_round_trips):
    url = claim.event.get_absolute_url()
    client.get(url)
    redis_round_trips.clear()

    client.get(url)

    assert redis_round_trips == [["MGET"]]  # the generation and the page


def test_an_editors_request_is_counted_in_one_round_trip(
    claim, alice, redis_cache, redis_round_trips
):
    token = {"HTTP_AUTHORIZATION": f"Token {Token.objects.create(user=alice).key}"}
    get("/api/v1/claims/", token)
    redis_round_trips.clear()

    get("/api/v1/claims/", token)  # counted by DRF's throttle, never cached

    assert redis_round_trips == [["EVALSHA"]]


def test_a_server_that_does_not_know_the_script_still_counts_each_request_once(
    redis_cache, monkeypatch
):
    # A script of its own, which Redis has never seen (as after a restart); SCRIPT FLUSH
    # would make every other test's script unknown too.
    script = f"{redis_module.COUNT}-- {uuid.uuid4().hex}\n"
    monkeypatch.setattr(redis_module, "COUNT", script)
    monkeypatch.setattr(redis_module, "COUNT_SHA", hashlib.sha1(script.encode()).hexdigest())
    redis_cache.set("answer", "filed")

    counted = [count_and_read("throttle_anon_192.0.2.7", 60, ["answer"]) for _ in range(2)]

    assert [count for count, _, _ in counted] == [1, 2]
    assert [found for _, _, found in counted] == [{"answer": "filed"}] * 2


def test_the_api_limit_holds_on_redis_on_both_paths(claim, redis_cache, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "rate", "2/minute", raising=False)
    url = "/api/v1/claims/"

    fast = [get(url, {}) for _ in range(3)]
    redis_cache.clear()
    with through_drf_only():
        drf = [get(url, {}) for _ in range(3)]

    assert [r.status_code for r in fast] == [200, 200, 429]
    assert [r.status_code for r in drf] == [200, 200, 429]
    for throttled in (fast[2], drf[2]):
        assert 0 < int(throttled["Retry-After"]) <= 60


def test_an_edit_retires_the_api_answer_on_redis(claim, redis_cache):
    url = "/api/v1/claims/"
    get(url, {})
    with drf_dispatches() as reached:
        assert len(get(url, {}).json()["results"]) == 1
    assert reached == []

    make_claim(event=claim.event)

    assert len(get(url, {}).json()["results"]) == 2


def test_the_request_counter_opens_its_window_once_on_redis(redis_cache):
    client = redis_cache._cache.get_client(write=True)
    stored_as = redis_cache.make_and_validate_key("throttle_anon_192.0.2.1")

    counts = [count_and_read("throttle_anon_192.0.2.1", 60)[0] for _ in range(3)]
    window = client.pttl(stored_as)
    client.persist(stored_as)  # as if its expiry had been lost
    count, left, _ = count_and_read("throttle_anon_192.0.2.1", 60)

    assert counts == [1, 2, 3]
    assert 0 < window <= 60_000
    assert count == 4
    assert left == 60
    assert 0 < client.pttl(stored_as) <= 60_000
    # Django's cache reads it as the integer it is.
    assert redis_cache.get("throttle_anon_192.0.2.1") == 4
