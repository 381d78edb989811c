"""Fixtures of the security tests: an empty throttle, and a small published world."""

import datetime

import pytest
from django.core.cache import cache

from claims.models import Citation, Claim
from tests.factories import make_actor, make_event, make_person, make_source


@pytest.fixture(autouse=True)
def _clear_cache():
    """Throttling counts live in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db):
    """One event with a published, confirmed claim by a named official (so that the event
    page carries its ClaimReview JSON-LD), citing one source."""
    actor = make_actor("Kata'ib Hezbollah", slug="kataib-hezbollah")
    government = make_actor("United States", slug="united-states")
    person = make_person("Mark Milley", slug="mark-milley")
    event = make_event("K1 base rocket attack", slug="k1")
    source = make_source(title="Officials blame militia", url="https://news.example.org/k1")
    claim = Claim.objects.create(
        event=event,
        claimant_actor=government,
        claimant_person=person,
        speaker_title="Chairman of the Joint Chiefs",
        stance=Claim.Stance.ATTRIBUTES,
        attributed_actor=actor,
        stated_on=datetime.date(2019, 12, 29),
        status=Claim.Status.CONFIRMED,
        publication=Claim.Publication.PUBLISHED,
    )
    Citation.objects.create(claim=claim, source=source, quote="Kata'ib Hezbollah did it.")
    return {
        "actor": actor,
        "government": government,
        "person": person,
        "event": event,
        "source": source,
        "claim": claim,
    }
