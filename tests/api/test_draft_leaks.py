"""What readers never learn of drafts through the API: not an id, not a slug, not an edit.

Readers are anonymous clients and token holders without the right to view drafts
(Charlie); editors (Alice) still see everything they work on.
"""

import datetime

import pytest

from claims.api.serializers import ClaimSerializer
from claims.models import Claim
from tests.factories import make_claim, make_event

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
