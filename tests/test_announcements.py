"""What changed, announced to the `announced` signal's receivers: once per committed
change, after the commit, never for a change rolled back or refused."""

from collections import Counter

import pytest
from django.db import transaction

from claims import services
from claims.announcements import Change, announced
from claims.models import Claim
from tests.factories import make_claim, make_event
from tests.security.channels import (
    EDITOR,
    REVIEWER,
    admin_client,
    announcements,
    api_client,
    member,
    run_action,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def received():
    """The announcements sent to a receiver connected for the test."""
    sent = []

    def receiver(sender, announcement, **kwargs):
        sent.append(announcement)

    announced.connect(receiver)
    yield sent
    announced.disconnect(receiver)


def kinds(sent) -> list[tuple[str, tuple]]:
    return [(announcement.kind, announcement.ids) for announcement in sent]


@pytest.mark.django_db(transaction=True)
def test_each_change_is_announced_once_after_the_commit(received):
    claim = make_claim(publication=Claim.Publication.DRAFT)
    received.clear()  # what making the claim announced (nothing: written directly)

    with transaction.atomic():
        services.publish_claims([claim], by=None)
        during = list(received)

    assert during == []
    assert Counter(kinds(received))[(Change.CLAIM_PUBLISHED, (claim.pk,))] == 1
    assert max(Counter(kinds(received)).values()) == 1  # nothing twice


@pytest.mark.django_db(transaction=True)
def test_nothing_is_announced_for_a_change_rolled_back(received):
    claim = make_claim(publication=Claim.Publication.DRAFT)

    with pytest.raises(RuntimeError), transaction.atomic():
        services.publish_claims([claim], by=None)
        raise RuntimeError("something else failed in the same transaction")

    assert received == []
    assert Claim.objects.get(pk=claim.pk).publication == Claim.Publication.DRAFT


def test_publishing_with_the_admin_action_announces_it(django_capture_on_commit_callbacks):
    claim = make_claim(publication=Claim.Publication.DRAFT)
    reviewer = member(REVIEWER)

    with announcements(django_capture_on_commit_callbacks) as sent:
        run_action(admin_client(reviewer), "claim", "publish", claim)

    [published] = [a for a in sent if a.kind == Change.CLAIM_PUBLISHED]
    assert (published.ids, published.by) == ((claim.pk,), reviewer.pk)
    assert published.details["event"] == claim.event_id


def test_publishing_through_the_api_announces_it(django_capture_on_commit_callbacks):
    claim = make_claim(publication=Claim.Publication.DRAFT)
    reviewer = member(REVIEWER)

    with announcements(django_capture_on_commit_callbacks) as sent:
        response = api_client(reviewer).patch(
            f"/api/v1/claims/{claim.pk}/",
            {"publication": "published", "version": claim.version},
            format="json",
        )

    assert response.status_code == 200
    [published] = [a for a in sent if a.kind == Change.CLAIM_PUBLISHED]
    assert (published.ids, published.by) == ((claim.pk,), reviewer.pk)


def test_a_refused_change_announces_nothing(django_capture_on_commit_callbacks):
    claim = make_claim(publication=Claim.Publication.DRAFT)
    editor = member(EDITOR)

    with announcements(django_capture_on_commit_callbacks) as sent:
        run_action(admin_client(editor), "claim", "publish", claim)
        response = api_client(editor).patch(
            f"/api/v1/claims/{claim.pk}/",
            {"publication": "published", "version": claim.version},
            format="json",
        )

    assert response.status_code == 403
    assert sent == []


def test_a_change_of_an_events_attribution_is_announced_once(django_capture_on_commit_callbacks):
    event = make_event()
    claim = make_claim(event=event, publication=Claim.Publication.DRAFT)
    reviewer = member(REVIEWER)

    with announcements(django_capture_on_commit_callbacks) as sent:
        run_action(admin_client(reviewer), "claim", "publish", claim)

    assert kinds(sent).count((Change.ATTRIBUTION_CHANGED, (event.pk,))) == 1


def test_a_change_that_leaves_the_attribution_as_it_was_does_not_announce_it(
    django_capture_on_commit_callbacks,
):
    claim = make_claim(publication=Claim.Publication.DRAFT, hedging="reported")

    with announcements(django_capture_on_commit_callbacks) as sent:
        response = api_client(member(EDITOR)).patch(
            f"/api/v1/claims/{claim.pk}/",
            {"hedging": "alleged", "version": claim.version},
            format="json",
        )

    assert response.status_code == 200
    assert [a.kind for a in sent] == [Change.CLAIM_CHANGED]
    assert sent[0].details["fields"] == ["hedging"]


def test_publishing_several_claims_of_one_event_announces_its_attribution_once(
    django_capture_on_commit_callbacks,
):
    event = make_event()
    first, second = (make_claim(event=event, publication="draft") for _ in range(2))

    with announcements(django_capture_on_commit_callbacks) as sent:
        run_action(admin_client(member(REVIEWER)), "claim", "publish", first, second)

    assert kinds(sent).count((Change.ATTRIBUTION_CHANGED, (event.pk,))) == 1
    assert kinds(sent).count((Change.CLAIM_PUBLISHED, (second.pk,))) == 1
