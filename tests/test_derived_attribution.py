"""Each event's stored headline state and candidates follow its claims, however they change."""

import pytest

from claims import services
from claims.models import Claim, EventCandidate
from tests.factories import make_actor, make_claim, make_event

pytestmark = pytest.mark.django_db


def candidates(event) -> list[tuple[str, str, int]]:
    return list(
        EventCandidate.objects.filter(event=event).values_list("actor__name", "role", "rank")
    )


def test_publishing_a_competing_claim_contests_the_event():
    first = make_claim(attributed_actor=make_actor("Kata'ib Hezbollah"))
    rival = make_claim(
        event=first.event,
        attributed_actor=make_actor("Islamic State"),
        publication=Claim.Publication.DRAFT,
    )
    first.event.refresh_from_db()
    assert first.event.attribution_state == "attributed"

    services.publish_claims([rival], by=None)

    first.event.refresh_from_db()
    assert first.event.attribution_state == "contested"
    assert first.event.published_claim_count == 2
    assert {name for name, _, _ in candidates(first.event)} == {
        "Kata'ib Hezbollah",
        "Islamic State",
    }


def test_deleting_or_moving_a_claim_updates_both_events():
    kh = make_actor("Kata'ib Hezbollah")
    claim = make_claim(attributed_actor=kh)
    old_event, new_event = claim.event, make_event()

    claim.event = new_event
    claim.save()

    old_event.refresh_from_db()
    new_event.refresh_from_db()
    assert (old_event.attribution_state, old_event.published_claim_count) == ("unattributed", 0)
    assert candidates(new_event) == [("Kata'ib Hezbollah", "perpetrator", 1)]

    claim.citations.all().delete()
    claim.delete()
    new_event.refresh_from_db()
    assert new_event.attribution_state == "unattributed"
    assert candidates(new_event) == []


def test_making_one_actor_a_sub_unit_of_the_other_ends_the_competition():
    pmf = make_actor("Popular Mobilization Forces")
    kh = make_actor("Kata'ib Hezbollah")
    claim = make_claim(attributed_actor=pmf)
    make_claim(event=claim.event, attributed_actor=kh)
    claim.event.refresh_from_db()
    assert claim.event.attribution_state == "contested"

    kh.parent = pmf
    kh.save()

    claim.event.refresh_from_db()
    assert claim.event.attribution_state == "attributed"
    assert candidates(claim.event) == [("Kata'ib Hezbollah", "perpetrator", 1)]


def test_the_stored_headline_reason_follows_the_claims():
    kh = make_actor("Kata'ib Hezbollah")
    claim = make_claim(attributed_actor=kh)
    claim.event.refresh_from_db()
    assert claim.event.headline_reason == {
        "code": "named_by_others",
        "claims": [claim.pk],
        "actors": [kh.pk],
    }

    denial = make_claim(event=claim.event, stance="denies", attributed_actor=kh, claimant_actor=kh)

    claim.event.refresh_from_db()
    assert claim.event.attribution_state == "contested"
    assert claim.event.headline_reason == {
        "code": "denied",
        "claims": [denial.pk],
        "actors": [kh.pk],
    }


def test_an_event_naming_no_one_stores_that_the_culprit_is_only_described():
    described = make_claim(attributed_actor=None, attributed_description="the culprit")

    described.event.refresh_from_db()

    assert described.event.attribution_state == "unattributed"
    assert described.event.headline_reason == {
        "code": "only_unnamed",
        "claims": [described.pk],
        "actors": [],
    }
    assert candidates(described.event) == []
