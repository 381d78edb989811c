"""An attack by several means at once (drones and missiles struck Abqaiq) has its own kind,
beside the missile strike: entered through the API, the admin and imports, and found by
the events list's and the API's kind filters."""

import pytest

from claims.models import Event
from tests.factories import make_claim, make_event

pytestmark = pytest.mark.django_db

ABQAIQ = "Drone and missile attack on Abqaiq"


def test_the_kinds_include_missile_strikes_and_combined_attacks():
    assert Event.Kind("missile_strike").label == "Missile strike"
    assert Event.Kind("combined_attack").label == "Combined attack (several weapons)"


def test_an_editor_records_a_combined_attack_through_the_api(as_alice):
    response = as_alice.post(
        "/api/v1/events/",
        {"title": ABQAIQ, "slug": "abqaiq", "date": "2019-09-14", "kind": "combined_attack"},
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert Event.objects.get(slug="abqaiq").kind == Event.Kind.COMBINED_ATTACK


@pytest.fixture
def abqaiq_and_a_drone_strike():
    make_claim(event=make_event(ABQAIQ, kind=Event.Kind.COMBINED_ATTACK))
    make_claim(event=make_event("Tower 22 drone attack", kind=Event.Kind.DRONE_STRIKE))


def test_the_events_list_filters_by_the_new_kind(client, abqaiq_and_a_drone_strike):
    response = client.get("/events/", {"kind": "combined_attack"})

    page = response.content.decode()
    assert response.status_code == 200
    assert ABQAIQ in page
    assert "Tower 22 drone attack" not in page
    assert '<option value="combined_attack" selected>' in page


def test_the_api_filters_by_the_new_kind(anon, abqaiq_and_a_drone_strike):
    response = anon.get("/api/v1/events/", {"kind": "combined_attack"})

    assert response.status_code == 200
    assert [event["title"] for event in response.json()["results"]] == [ABQAIQ]


def test_the_schema_lists_the_new_kind(anon):
    schema = anon.get("/api/v1/schema/", {"format": "json"}).json()
    enums = [c["enum"] for c in schema["components"]["schemas"].values() if "enum" in c]

    assert any("combined_attack" in enum and "missile_strike" in enum for enum in enums)
