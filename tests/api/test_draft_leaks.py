"""What readers never learn of drafts through the API: not an id, not a slug, not an edit.

Readers are anonymous clients and token holders without the right to view drafts
(Charlie); editors (Alice) still see everything they work on.
"""

import csv
import datetime
import io
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from claims.api.serializers import ClaimSerializer
from claims.models import Claim
from claims.services import publish_claims, unpublish_claims
from tests.factories import make_claim, make_event, make_source

pytestmark = pytest.mark.django_db


SINCE = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def feed(client, since: datetime.datetime = SINCE, **params) -> list[dict]:
    """Every entry of the change feed since a moment, following `next` to the end."""
    response = client.get("/api/v1/changes/", {"since": since.isoformat(), **params})
    entries = []
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        entries += body["results"]
        if body["next"] is None:
            return entries
        response = client.get(body["next"])


def draft(**fields) -> Claim:
    return make_claim(publication=Claim.Publication.DRAFT, **fields)


@pytest.fixture
def related_to_a_draft_only_event():
    """A public event that follows a public event and an event with drafts only."""
    event = make_claim().event
    public = make_claim().event
    hidden = make_event("Unannounced strike", slug="unannounced-strike")
    draft(event=hidden)
    event.relations.create(to_event=public, relation="follows")
    event.relations.create(to_event=hidden, relation="retaliation_for")
    return {"event": event, "public": public, "hidden": hidden}


@pytest.mark.parametrize("reader", ["anon", "as_charlie"])
def test_it_does_not_name_a_draft_only_related_event(
    request, reader, related_to_a_draft_only_event
):
    client = request.getfixturevalue(reader)
    event, public = related_to_a_draft_only_event["event"], related_to_a_draft_only_event["public"]

    detail = client.get(f"/api/v1/events/{event.slug}/").json()
    listed = {e["slug"]: e for e in client.get("/api/v1/events/").json()["results"]}

    assert detail["related"] == [{"relation": "follows", "event": public.slug}]
    assert listed[event.slug]["related"] == [{"relation": "follows", "event": public.slug}]


def test_editors_still_see_a_relation_to_a_draft_only_event(
    as_alice, related_to_a_draft_only_event
):
    event = related_to_a_draft_only_event["event"]

    related = as_alice.get(f"/api/v1/events/{event.slug}/").json()["related"]

    assert {"relation": "retaliation_for", "event": "unannounced-strike"} in related
    assert len(related) == 2


@pytest.mark.parametrize("reader", ["anon", "as_alice"])
def test_the_change_feed_does_not_name_a_draft_only_related_event(
    request, reader, related_to_a_draft_only_event
):
    # The feed is the public data whoever asks, editors included.
    client = request.getfixturevalue(reader)
    event, public = related_to_a_draft_only_event["event"], related_to_a_draft_only_event["public"]

    entries = {(e["type"], e["id"]): e for e in feed(client)}

    related = entries["event", event.pk]["data"]["related"]
    assert related == [{"relation": "follows", "event": public.slug}]


@pytest.fixture
def answering_a_draft():
    """A published dispute of a claim that is still a draft."""
    answered = draft(stated_on=datetime.date(2024, 2, 1))
    dispute = make_claim(
        event=answered.event,
        stance="disputes",
        responds_to=answered,
        stated_on=datetime.date(2024, 2, 2),
    )
    return {"answered": answered, "dispute": dispute}


@pytest.mark.parametrize("reader", ["anon", "as_charlie"])
def test_it_does_not_give_the_id_of_a_draft_a_published_claim_answers(
    request, reader, answering_a_draft
):
    client = request.getfixturevalue(reader)
    dispute = answering_a_draft["dispute"]

    detail = client.get(f"/api/v1/claims/{dispute.pk}/").json()
    listed = client.get("/api/v1/claims/").json()["results"]

    assert detail["responds_to"] is None
    assert [claim["responds_to"] for claim in listed] == [None]


def test_a_published_claim_answered_is_still_given(anon, answering_a_draft):
    answered, dispute = answering_a_draft["answered"], answering_a_draft["dispute"]
    answered.publication = Claim.Publication.PUBLISHED
    answered.save()

    assert anon.get(f"/api/v1/claims/{dispute.pk}/").json()["responds_to"] == answered.pk


def test_editors_still_see_the_draft_a_claim_answers(as_alice, answering_a_draft):
    answered, dispute = answering_a_draft["answered"], answering_a_draft["dispute"]

    detail = as_alice.get(f"/api/v1/claims/{dispute.pk}/").json()

    assert detail["responds_to"] == answered.pk


@pytest.mark.parametrize("reader", ["anon", "as_alice"])
def test_the_change_feed_does_not_give_the_id_of_a_draft_a_claim_answers(
    request, reader, answering_a_draft
):
    client = request.getfixturevalue(reader)
    dispute = answering_a_draft["dispute"]

    entries = {(e["type"], e["id"]): e for e in feed(client)}

    assert entries["claim", dispute.pk]["data"]["responds_to"] is None
    assert ("claim", answering_a_draft["answered"].pk) not in entries


def test_a_claim_loaded_without_the_annotation_still_hides_the_draft_it_answers(
    answering_a_draft,
):
    # As a write's answer is built: from the saved claim, not from the list's queryset.
    dispute = Claim.objects.get(pk=answering_a_draft["dispute"].pk)

    assert ClaimSerializer(dispute).data["responds_to"] is None
    assert ClaimSerializer(dispute, context={"drafts_visible": True}).data["responds_to"] == (
        answering_a_draft["answered"].pk
    )


# --- The change feed's cursors and tombstones -------------------------------------------


def pages(client, since: datetime.datetime, limit: int) -> list[tuple[list[dict], str | None]]:
    """Each page of the feed with the cursor of its `next` link (None on the last)."""
    response = client.get("/api/v1/changes/", {"since": since.isoformat(), "limit": limit})
    found = []
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        cursor = parse_qs(urlsplit(body["next"]).query)["cursor"][0] if body["next"] else None
        found.append((body["results"], cursor))
        if cursor is None:
            return found
        response = client.get(body["next"])


def position(entry: dict) -> str:
    """An entry's place in the feed, as a cursor writes it."""
    moment = datetime.datetime.fromisoformat(entry["changed_at"].replace("Z", "+00:00"))
    return f"{moment.isoformat()}|{entry['type']}|{entry['id']}"


def test_no_cursor_names_a_draft_only_event_or_its_edit_time(anon):
    since = timezone.now()
    make_claim()
    hidden = make_event("Unannounced strike", slug="unannounced-strike")
    draft(event=hidden)
    hidden.title = "Unannounced strike near the border"
    hidden.save()
    make_claim()

    found = pages(anon, since, limit=1)

    # Every page gives one entry, and its cursor is where that entry stands: nothing
    # the feed does not show.
    assert [len(results) for results, _ in found] == [1, 1, 1, 1]
    assert [cursor for _, cursor in found] == [position(r[0]) for r, _ in found[:-1]] + [None]
    hidden_moments = {record.history_date.isoformat() for record in hidden.history.all()}
    for _, cursor in found[:-1]:
        assert f"|event|{hidden.pk}" not in cursor
        assert cursor.split("|")[0] not in hidden_moments


def test_no_cursor_names_the_draft_only_event_a_claim_was_first_entered_on(anon):
    since = timezone.now()
    first_entered_on = make_event("Wrong event")
    claim = draft(event=first_entered_on)
    claim.event = make_claim().event
    claim.save()
    publish_claims([claim], by=None)
    make_claim()

    found = pages(anon, since, limit=1)

    assert all(len(results) == 1 for results, _ in found)
    assert all(f"|event|{first_entered_on.pk}" not in cursor for _, cursor in found[:-1])
    entries = {(r[0]["type"], r[0]["id"]) for r, _ in found}
    assert ("event", first_entered_on.pk) not in entries


def test_it_does_not_mention_a_claim_withdrawn_before_since_and_edited_as_a_draft(anon):
    claim = make_claim()
    unpublish_claims([claim], by=None)
    since = timezone.now()
    claim.refresh_from_db()
    claim.hedging = "alleged"
    claim.save()  # a draft's edit: nothing a reader sees
    claim.event.title = "Retitled while it has drafts only"
    claim.event.save()

    assert feed(anon, since) == []


def test_a_tombstone_is_dated_when_the_claim_was_withdrawn_not_by_a_later_draft_edit(anon):
    claim = make_claim()
    event = claim.event
    public_slug = event.slug
    since = timezone.now()
    unpublish_claims([claim], by=None)
    withdrawn_at = claim.history.latest("history_date").history_date
    claim.refresh_from_db()
    claim.hedging = "alleged"
    claim.save()
    event.slug = "renamed-while-it-has-drafts-only"
    event.save()

    entries = {(e["type"], e["id"]): e for e in feed(anon, since)}

    assert entries.keys() == {("claim", claim.pk), ("event", event.pk)}
    for entry in entries.values():
        assert entry["action"] == "delete"
        assert datetime.datetime.fromisoformat(entry["changed_at"]) == withdrawn_at
    assert entries["event", event.pk]["slug"] == public_slug


# --- Elsewhere in the API ---------------------------------------------------------------


def export(client, fmt: str) -> list[dict]:
    response = client.get(f"/api/v1/claims/export.{fmt}")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(text)))
    return [json.loads(line) for line in text.splitlines()]


@pytest.mark.parametrize("fmt", ["csv", "ndjson"])
@pytest.mark.parametrize("reader", ["anon", "as_alice"])
def test_the_exports_do_not_give_the_id_of_a_draft_a_claim_answers(
    request, reader, fmt, answering_a_draft
):
    # The exports hold published claims only, whoever asks: the public data.
    client = request.getfixturevalue(reader)

    rows = export(client, fmt)

    assert [str(row["id"]) for row in rows] == [str(answering_a_draft["dispute"].pk)]
    assert rows[0]["responds_to"] in (None, "")


@pytest.mark.parametrize("fmt", ["csv", "ndjson"])
def test_the_exports_still_give_the_id_of_a_published_claim_answered(anon, fmt):
    answered = make_claim()
    make_claim(event=answered.event, stance="disputes", responds_to=answered)

    rows = export(anon, fmt)

    assert [str(row["responds_to"] or "") for row in rows] == ["", str(answered.pk)]


@pytest.fixture
def republishing_a_source_only_drafts_cite():
    """A public source that republishes a source only a draft cites."""
    origin = make_source(title="Unreleased wire copy")
    draft(citations=0).citations.create(source=origin, quote="wire copy")
    copy = make_source(republishes=origin)
    make_claim(citations=0).citations.create(source=copy, quote="the copy")
    return {"origin": origin, "copy": copy}


@pytest.mark.parametrize("reader", ["anon", "as_charlie"])
def test_it_does_not_name_a_source_only_drafts_cite_as_what_a_source_republishes(
    request, reader, republishing_a_source_only_drafts_cite
):
    client = request.getfixturevalue(reader)
    copy = republishing_a_source_only_drafts_cite["copy"]

    detail = client.get(f"/api/v1/sources/{copy.pk}/").json()
    listed = client.get("/api/v1/sources/").json()["results"]

    assert detail["republishes"] is None
    assert [(source["id"], source["republishes"]) for source in listed] == [(copy.pk, None)]


def test_editors_still_see_what_a_source_republishes(
    as_alice, republishing_a_source_only_drafts_cite
):
    origin, copy = (republishing_a_source_only_drafts_cite[k] for k in ("origin", "copy"))

    assert as_alice.get(f"/api/v1/sources/{copy.pk}/").json()["republishes"] == origin.pk
