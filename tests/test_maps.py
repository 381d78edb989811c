"""The map of events: drawn on the server from the shipped world outline, a mark per place
and state, sized by how precisely the place is known, none hiding another; the events
list's filters apply to it; it costs one query whatever the number of events."""

import datetime
import math
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from claims.maps import SIZES, MappedEvent, build_map, shape_path, world
from tests.factories import make_actor, make_claim, make_event

KIRKUK = (35.4681, 44.3922)
BAGHDAD = (33.3152, 44.3661)


def mapped(slug="e", state="attributed", at=None, precision="town", country="IQ", **fields):
    latitude, longitude = at if at else (None, None)
    return MappedEvent(
        slug=slug,
        title=fields.get("title", f"Event {slug}"),
        date_display="27 December 2019",
        state=state,
        latitude=latitude,
        longitude=longitude,
        location_precision=precision,
        country=country,
        country_name=fields.get("country_name", "Iraq"),
    )


def test_the_world_outline_is_a_static_file_with_every_country():
    countries = {country["code"]: country for country in world()["countries"]}
    assert len(world()["countries"]) == 177
    assert {"IQ", "JO", "SY", "IR", "US", "RU"} <= set(countries)
    assert "Natural Earth" in world()["source"]
    # Iraq's centre, in the plane (x = longitude + 180, y = 90 - latitude), is in Iraq.
    x, y = countries["IQ"]["centre"]
    assert 38.8 < x - 180 < 48.6 and 29.1 < 90 - y < 37.4


def test_an_event_is_placed_by_its_coordinates_or_else_at_its_countrys_centre():
    at_kirkuk = mapped("k1", at=KIRKUK)
    somewhere_in_iraq = mapped("iq", state="contested")
    nowhere = mapped("unknown", country="")

    event_map = build_map([at_kirkuk, somewhere_in_iraq, nowhere])

    by_slug = {marker.events[0].slug: marker for marker in event_map.markers}
    assert by_slug["k1"].precision == "town" and by_slug["k1"].size == SIZES["town"]
    assert by_slug["iq"].precision == "country" and by_slug["iq"].size == SIZES["country"]
    assert "placed in Iraq" in by_slug["iq"].label
    assert event_map.not_placed == [nowhere]
    # Kirkuk is north of Iraq's centre: higher on the map.
    assert by_slug["k1"].anchor_y < by_slug["iq"].anchor_y
    for marker in event_map.markers:
        assert 0 < marker.x < event_map.width and 0 < marker.y < event_map.height


def test_a_vaguer_place_is_a_larger_mark_and_each_state_has_its_own_shape():
    assert SIZES["site"] < SIZES["town"] < SIZES["region"] < SIZES["country"]
    event_map = build_map(
        [
            mapped(str(n), state=state, at=(30 + n, 40 + n))
            for n, state in enumerate(
                ["unattributed", "claimed", "attributed", "contested", "confirmed"]
            )
        ]
    )
    paths = {marker.state: marker.path for marker in event_map.markers}
    assert len(set(paths.values())) == 5, paths  # not told apart by colour alone
    assert [state for state, _, _ in event_map.state_keys] == [
        "unattributed",
        "claimed",
        "attributed",
        "contested",
        "confirmed",
    ]


def test_events_at_one_place_in_one_state_share_a_mark_that_counts_them_and_leads_to_the_list():
    events = [mapped(str(n), state="contested") for n in range(4)]
    events.append(mapped("other", state="attributed"))

    event_map = build_map(events, {"kind": "rocket_attack"})

    contested = next(m for m in event_map.markers if m.state == "contested")
    assert contested.count == 4
    assert contested.label.startswith("4 events, contested: Event 0; Event 1; Event 2; and 1 more")
    assert contested.href == "/events/?kind=rocket_attack&country=IQ&state=contested"
    single = next(m for m in event_map.markers if m.state == "attributed")
    assert single.href == "/events/other/"


def test_no_mark_covers_another():
    # Ten places a few hundred metres apart in Baghdad, and the country's centre.
    events = [
        mapped(f"b{n}", state=state, at=(BAGHDAD[0] + n / 500, BAGHDAD[1]), precision="site")
        for n in range(10)
        for state in ("attributed", "contested")
    ]
    events += [mapped("iq")]

    markers = build_map(events).markers

    for n, first in enumerate(markers):
        for second in markers[n + 1 :]:
            distance = math.hypot(first.x - second.x, first.y - second.y)
            assert distance >= first.size + second.size, (first.label, second.label)
    assert any(marker.moved for marker in markers)


def test_it_draws_only_the_countries_it_shows():
    event_map = build_map([mapped("k1", at=KIRKUK)])

    names = {country.name for country in event_map.countries}
    assert {"Iraq", "Syria", "Iran", "Jordan"} <= names
    assert not names & {"Brazil", "Australia", "Canada"}


def test_a_map_of_events_around_the_world_shows_the_whole_world():
    # San Francisco and Sydney.
    event_map = build_map([mapped("a", at=(37.8, -122.4)), mapped("b", at=(-33.9, 151.2))])

    assert event_map.transform.startswith("matrix(2.0 0 0 2.0 ")  # 720 pixels for 360°
    assert len(event_map.countries) > 150


def test_nothing_to_place_is_no_map():
    assert build_map([mapped("x", country="")]) is None
    assert build_map([]) is None


@pytest.mark.parametrize("shape", ["circle", "square", "diamond", "cross", "star"])
def test_shapes_are_path_data_around_their_centre(shape):
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", shape_path(shape, 6))]
    assert numbers and max(abs(n) for n in numbers) <= 6


@pytest.mark.django_db
def test_the_events_list_maps_the_events_its_filters_keep(client):
    kh = make_actor("Kata'ib Hezbollah")
    k1 = make_event("K1", country="IQ", latitude=Decimal("35.46810"), longitude=Decimal("44.39220"))
    make_claim(event=k1, attributed_actor=kh)
    make_claim(event=make_event("Tower 22", country="JO"))

    everything = client.get(reverse("claims:event_list")).context["event_map"]
    in_iraq = client.get(reverse("claims:event_list"), {"country": "IQ"})

    assert everything.placed_count == 2
    (marker,) = in_iraq.context["event_map"].markers
    assert marker.events[0].slug == k1.slug and marker.precision == "town"
    page = in_iraq.content.decode()
    assert 'id="map-heading"' in page
    assert f'href="/events/{k1.slug}/"' in page
    assert '<path d="M' in page  # the countries' outlines, inline


@pytest.mark.django_db
def test_the_event_page_maps_its_event(client):
    claim = make_claim(
        event=make_event(
            country="IQ",
            latitude=Decimal("33.26250"),
            longitude=Decimal("44.23460"),
            location_precision="site",
        )
    )

    event_map = client.get(claim.event.get_absolute_url()).context["event_map"]

    (marker,) = event_map.markers
    assert marker.precision == "site" and marker.size == SIZES["site"]
    assert not marker.moved


@pytest.mark.django_db
@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize("size", [2, 30])
def test_the_events_list_with_its_map_runs_seven_queries_however_many_events(
    client, django_assert_num_queries, size
):
    for n in range(size):
        make_claim(
            event=make_event(
                country="IQ" if n % 2 else "SY",
                latitude=Decimal("33") + n,
                longitude=Decimal("40") + n % 7,
            )
        )
    url = reverse("claims:event_list") + "?kind=drone_strike"
    client.get(url)
    # 1 the countries of public events (the filter's choices), 2 the count, 3 the page's
    # events, 4 their leading candidates with actors, 5 and 6 the claims and the actors
    # their headline reasons name, 7 the map's events (plain values).
    with django_assert_num_queries(7):
        response = client.get(url)
    assert response.context["event_map"].placed_count == size


@pytest.mark.django_db
def test_the_map_of_a_long_list_shows_the_most_recent_and_says_so(client, monkeypatch):
    monkeypatch.setattr("claims.views.MAP_LIMIT", 3)
    for day in range(1, 6):
        make_claim(event=make_event(f"Strike {day}", date=datetime.date(2024, 1, day)))

    response = client.get(reverse("claims:event_list"))

    event_map = response.context["event_map"]
    assert event_map.total == 5 and event_map.placed_count == 3
    (marker,) = event_map.markers  # all in Jordan, all attributed
    assert [event.title for event in marker.events] == ["Strike 5", "Strike 4", "Strike 3"]
    assert "The 3 most recent of 5 events are mapped." in response.content.decode()
