"""The change feed: what a nightly mirror needs to follow the public data exactly."""

import datetime

import pytest
from django.utils import timezone

from claims.models import Claim
from claims.services import publish_claims, unpublish_claims
from tests.factories import make_actor, make_claim, make_event

pytestmark = pytest.mark.django_db


def feed(client, since: datetime.datetime, **params) -> dict:
    response = client.get("/api/v1/changes/", {"since": since.isoformat(), **params})
    assert response.status_code == 200, response.content
    return response.json()


def entries(body: dict) -> list[tuple[str, int, str]]:
    return [(entry["type"], entry["id"], entry["action"]) for entry in body["results"]]


@pytest.fixture
def history():
    """Claims published before `since`, then after it: a new claim, a correction, an
    unpublishing, a deletion, and drafts that were never published."""
    kh = make_actor("Kata'ib Hezbollah", slug="kataib-hezbollah")
    corrected = make_claim(attributed_actor=kh)
    withdrawn = make_claim(attributed_actor=kh)
    deleted = make_claim(attributed_actor=kh)
    deleted_id, deleted_event = deleted.pk, deleted.event
    untouched = make_claim(attributed_actor=kh)
    since = timezone.now()

    new = make_claim(attributed_actor=kh)
    corrected.hedging = "alleged"
    corrected.save()
    unpublish_claims([withdrawn], by=None)
    deleted.delete()
    deleted_event_id = deleted_event.pk
    deleted_event.delete()
    secret_event = make_event("Unpublished event")
    secret = make_claim(event=secret_event, publication=Claim.Publication.DRAFT)
    secret.hedging = "probable"
    secret.save()
    return {
        "since": since,
        "new": new,
        "corrected": corrected,
        "withdrawn": withdrawn,
        "deleted_id": deleted_id,
        "deleted_event_id": deleted_event_id,
        "deleted_event_slug": deleted_event.slug,
        "untouched": untouched,
        "secret": secret,
        "secret_event": secret_event,
    }


def test_every_public_change_since_a_moment_in_order(anon, history):
    body = feed(anon, history["since"])
    found = entries(body)
    by_key = {(entry["type"], entry["id"]): entry for entry in body["results"]}

    assert body["next"] is None
    assert ("claim", history["new"].pk, "upsert") in found
    assert ("event", history["new"].event_id, "upsert") in found
    assert ("claim", history["corrected"].pk, "upsert") in found
    assert ("claim", history["withdrawn"].pk, "delete") in found
    assert ("event", history["withdrawn"].event_id, "delete") in found  # no public claim left
    assert ("claim", history["deleted_id"], "delete") in found
    assert ("event", history["deleted_event_id"], "delete") in found
    assert by_key["claim", history["corrected"].pk]["data"]["hedging"] == "alleged"
    assert by_key["claim", history["corrected"].pk]["data"]["version"] == 2
    assert by_key["event", history["new"].event_id]["data"]["slug"] == history["new"].event.slug
    times = [entry["changed_at"] for entry in body["results"]]
    assert times == sorted(times)
    assert len(found) == len(set(found))


def test_tombstones_carry_the_id_the_time_and_why(anon, history):
    body = feed(anon, history["since"])
    by_key = {(entry["type"], entry["id"]): entry for entry in body["results"]}

    withdrawn = by_key["claim", history["withdrawn"].pk]
    deleted = by_key["claim", history["deleted_id"]]
    deleted_event = by_key["event", history["deleted_event_id"]]

    assert withdrawn["action"] == "delete" and withdrawn["reason"] == "unpublished"
    assert deleted["action"] == "delete" and deleted["reason"] == "deleted"
    assert deleted_event["action"] == "delete" and deleted_event["reason"] == "deleted"
    assert deleted_event["slug"] == history["deleted_event_slug"]
    for tombstone in (withdrawn, deleted, deleted_event):
        assert "data" not in tombstone
        assert datetime.datetime.fromisoformat(tombstone["changed_at"]) > history["since"]


def test_what_did_not_change_and_what_was_never_public_is_not_mentioned(anon, history):
    found = {(kind, pk) for kind, pk, _ in entries(feed(anon, history["since"]))}

    assert ("claim", history["untouched"].pk) not in found
    assert ("event", history["untouched"].event_id) not in found
    assert ("claim", history["secret"].pk) not in found
    assert ("event", history["secret_event"].pk) not in found


def test_a_draft_that_is_published_later_appears_once(anon):
    since = timezone.now()
    claim = make_claim(publication=Claim.Publication.DRAFT)
    claim.publication = Claim.Publication.PUBLISHED
    claim.save()

    found = entries(feed(anon, since))

    assert found.count(("claim", claim.pk, "upsert")) == 1
    assert ("event", claim.event_id, "upsert") in found


def test_paging_with_a_small_limit_never_skips_or_repeats(anon, history):
    for n in range(3):
        make_claim(stated_on=datetime.date(2024, 2, 1 + n))
    whole = entries(feed(anon, history["since"], limit=1000))
    assert len(whole) >= 8

    paged = []
    body = feed(anon, history["since"], limit=2)
    while True:
        assert len(body["results"]) <= 2
        paged += entries(body)
        if body["next"] is None:
            break
        response = anon.get(body["next"])
        assert response.status_code == 200
        body = response.json()

    assert paged == whole


def test_a_change_between_two_pages_is_not_lost(anon):
    since = timezone.now()
    claims = [make_claim() for _ in range(3)]

    first = feed(anon, since, limit=2)
    assert ("claim", claims[0].pk, "upsert") in entries(first)
    claims[0].hedging = "alleged"
    claims[0].save()  # already read on the first page: it must come again, later
    later, url = [], first["next"]
    while url:
        body = anon.get(url).json()
        later += entries(body)
        url = body["next"]

    assert ("claim", claims[1].pk, "upsert") in later
    assert ("claim", claims[0].pk, "upsert") in later
    assert ("claim", claims[2].pk, "upsert") in later


@pytest.mark.parametrize("since", [None, "", "yesterday", "2024-02-08T", "08/02/2024"])
def test_a_missing_or_malformed_since_is_a_400_naming_it(anon, since):
    params = {} if since is None else {"since": since}

    response = anon.get("/api/v1/changes/", params)

    assert response.status_code == 400
    assert "since" in response.json()


@pytest.mark.parametrize("since", ["2024-02-30T00:00:00", "2024-02-08T25:00:00Z"])
def test_an_impossible_since_is_a_400_naming_it(anon, since):
    response = anon.get("/api/v1/changes/", {"since": since})

    assert response.status_code == 400
    assert "since" in response.json()


@pytest.mark.parametrize(
    "cursor", ["nonsense", "2024-01-01T00:00:00+00:00|claim", "2024-01-01|actor|1", "x|claim|1"]
)
def test_a_forged_cursor_is_a_400_naming_it(anon, cursor):
    make_claim()

    response = anon.get("/api/v1/changes/", {"since": "2000-01-01T00:00:00Z", "cursor": cursor})

    assert response.status_code == 400
    assert "cursor" in response.json()


def test_a_cursor_without_a_time_zone_is_not_a_server_error(anon):
    make_claim()

    response = anon.get(
        "/api/v1/changes/",
        {"since": "2000-01-01T00:00:00Z", "cursor": "2024-01-01T00:00:00|claim|1"},
    )

    assert response.status_code in (200, 400)
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("limit", ["0", "-1", "two"])
def test_a_bad_limit_is_a_400_naming_it(anon, limit):
    response = anon.get("/api/v1/changes/", {"since": "2000-01-01T00:00:00Z", "limit": limit})

    assert response.status_code == 400
    assert "limit" in response.json()


def test_a_draft_added_to_a_public_event_is_not_mentioned(anon):
    public = make_claim()
    since = timezone.now()
    make_claim(event=public.event, publication=Claim.Publication.DRAFT)

    assert feed(anon, since)["results"] == []


def test_an_event_edited_through_the_api_is_in_the_feed_with_its_new_data(anon, as_alice):
    claim = make_claim()
    since = timezone.now()

    response = as_alice.patch(
        f"/api/v1/events/{claim.event.slug}/", {"title": "New title", "version": 1}
    )
    assert response.status_code == 200, response.json()

    body = feed(anon, since)
    assert entries(body) == [("event", claim.event_id, "upsert")]
    assert body["results"][0]["data"]["title"] == "New title"
    assert body["results"][0]["slug"] == claim.event.slug


def test_an_event_left_without_public_claims_by_a_move_gets_a_tombstone(anon, as_alice):
    claim = make_claim()
    old_event = claim.event
    new_event = make_event("The right event")
    since = timezone.now()

    response = as_alice.patch(
        f"/api/v1/claims/{claim.pk}/", {"event": new_event.slug, "version": claim.version}
    )
    assert response.status_code == 200, response.json()

    found = entries(feed(anon, since))
    assert anon.get(f"/api/v1/events/{old_event.slug}/").status_code == 404
    assert ("claim", claim.pk, "upsert") in found
    assert ("event", new_event.pk, "upsert") in found
    assert ("event", old_event.pk, "delete") in found


def test_an_event_comes_again_when_an_event_it_relates_to_is_published(anon):
    event = make_claim().event
    hidden = make_event("Unannounced strike")
    answered_later = make_claim(event=hidden, publication=Claim.Publication.DRAFT)
    event.relations.create(to_event=hidden, relation="follows")
    since = timezone.now()

    publish_claims([answered_later], by=None)

    by_key = {(e["type"], e["id"]): e for e in feed(anon, since)["results"]}
    assert by_key["event", event.pk]["data"]["related"] == [
        {"relation": "follows", "event": hidden.slug}
    ]
    assert ("event", hidden.pk) in by_key


def test_an_event_comes_again_when_an_event_it_relates_to_is_withdrawn(anon):
    event = make_claim().event
    other = make_claim()
    event.relations.create(to_event=other.event, relation="follows")
    since = timezone.now()

    unpublish_claims([other], by=None)

    by_key = {(e["type"], e["id"]): e for e in feed(anon, since)["results"]}
    assert by_key["event", event.pk]["data"]["related"] == []
    assert by_key["event", other.event_id]["action"] == "delete"


def test_a_claim_comes_again_when_the_claim_it_answers_is_published(anon):
    answered = make_claim(publication=Claim.Publication.DRAFT)
    dispute = make_claim(event=answered.event, stance="disputes", responds_to=answered)
    since = timezone.now()

    publish_claims([answered], by=None)

    by_key = {(e["type"], e["id"]): e for e in feed(anon, since)["results"]}
    assert by_key["claim", dispute.pk]["data"]["responds_to"] == answered.pk
    changed_at = {key: entry["changed_at"] for key, entry in by_key.items()}
    assert changed_at["claim", dispute.pk] == changed_at["claim", answered.pk]


def test_a_claim_comes_again_when_the_claim_it_answers_is_withdrawn(anon):
    answered = make_claim()
    dispute = make_claim(event=answered.event, stance="disputes", responds_to=answered)
    since = timezone.now()

    unpublish_claims([answered], by=None)

    by_key = {(e["type"], e["id"]): e for e in feed(anon, since)["results"]}
    assert by_key["claim", dispute.pk]["data"]["responds_to"] is None
    assert by_key["claim", answered.pk]["action"] == "delete"


@pytest.mark.parametrize(
    ("since", "finds_the_new_claim"),
    [
        # ISO 8601 allows offsets to 23:59; PostgreSQL stores them to 15:59 only.
        ("2000-01-01T00:00:00-23:36", True),
        ("0001-01-01T00:00:00+23:00", True),  # before the first moment there is, in UTC
        ("9999-12-31T23:00:00-05:00", False),  # after the last
    ],
)
def test_any_offset_iso_8601_allows_is_read_in_utc(anon, history, since, finds_the_new_claim):
    response = anon.get("/api/v1/changes/", {"since": since})

    assert response.status_code == 200, response.content
    found = ("claim", history["new"].pk, "upsert") in entries(response.json())
    assert found == finds_the_new_claim


@pytest.mark.parametrize(
    "since", ["2000-01-01T00:00:00-23:36", "0001-01-01T00:00:00+23:00", "9999-12-31T23:00:00-05:00"]
)
def test_the_claims_lists_updated_since_takes_any_offset_too(anon, history, since):
    response = anon.get("/api/v1/claims/", {"updated_since": since})

    assert response.status_code == 200, response.content
