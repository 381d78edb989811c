"""The event page's timeline never hides a claim: marks of one day stand apart, a claim
made after the "as of" date stays in its candidate's lane, and a narrow screen gets a
drawing of its own instead of a clipped one."""

import datetime
import re

import pytest

from claims.comparison import place_in_slots
from tests.factories import make_actor, make_claim, make_event, make_person

pytestmark = pytest.mark.django_db

DAY = datetime.date(2020, 1, 8)


def svg_marks(page: str, layout: str) -> list[tuple[str, str]]:
    """(claim id, transform) of each mark in the drawing of that layout."""
    svg = page.split(f'<svg class="timeline-{layout}"')[1].split("</svg>")[0]
    return re.findall(r'<g class="mark[^"]*" transform="([^"]+)" data-claim="(\d+)"', svg)


def test_two_claims_of_one_day_with_different_stances_are_two_marks_apart(client):
    houthis = make_actor("Houthis")
    pompeo = make_person("Mike Pompeo")
    event = make_event("Attack on the Abqaiq oil facility")
    claimed = make_claim(
        event=event,
        stance="claims_responsibility",
        claimant_actor=houthis,
        attributed_actor=houthis,
        stated_on=DAY,
    )
    disputed = make_claim(
        event=event,
        stance="disputes",
        claimant_person=pompeo,
        responds_to=claimed,
        stated_on=DAY,
    )

    response = client.get(event.get_absolute_url())

    page = response.content.decode()
    for layout in ("wide", "narrow"):
        marks = svg_marks(page, layout)
        assert sorted(claim for _, claim in marks) == sorted([str(claimed.pk), str(disputed.pk)])
        (first, _), (second, _) = marks
        assert first != second, f"{layout}: both marks at {first}"
    wide = {mark.claim: mark for mark in response.context["timeline"].marks}
    # The same day, so the same place in time; one above the other, at least a mark apart.
    assert wide[claimed].x == wide[disputed].x
    assert abs(wide[claimed].y - wide[disputed].y) >= 18


def test_marks_of_neighbouring_days_that_would_touch_move_apart(client):
    kh = make_actor("Kata'ib Hezbollah")
    event = make_event()
    first = make_claim(event=event, attributed_actor=kh, stated_on=datetime.date(2019, 12, 30))
    for n in range(1, 4):
        make_claim(event=event, attributed_actor=kh, stated_on=first.stated_on + n * DAY.resolution)
    make_claim(event=event, attributed_actor=kh, stated_on=datetime.date(2022, 1, 1))

    timeline = client.get(event.get_absolute_url()).context["timeline"]

    points = [(mark.x, mark.y) for mark in timeline.marks]
    assert len(points) == 5
    for n, (x, y) in enumerate(points):
        for other_x, other_y in points[n + 1 :]:
            assert abs(x - other_x) >= 18 or abs(y - other_y) >= 18, points


def test_claims_of_one_day_and_stance_share_a_mark_that_counts_them(client):
    kh = make_actor("Kata'ib Hezbollah")
    event = make_event()
    for _ in range(3):
        make_claim(event=event, attributed_actor=kh, stated_on=DAY)

    page = client.get(event.get_absolute_url())

    (mark,) = page.context["timeline"].marks
    assert mark.count == 3 and mark.count_label == "×3"
    assert "3 claims" in mark.label
    assert ">×3</text>" in page.content.decode()


def test_the_as_of_view_keeps_a_later_claim_faded_in_its_candidates_lane(client):
    kh = make_actor("Kata'ib Hezbollah")
    isis = make_actor("Islamic State")
    event = make_event()
    make_claim(event=event, attributed_actor=kh, stated_on=datetime.date(2019, 12, 29))
    later = make_claim(event=event, attributed_actor=isis, stated_on=datetime.date(2020, 1, 6))

    response = client.get(event.get_absolute_url(), {"as_of": "2019-12-31"})

    # The columns show the picture of 31 December: Islamic State was not named yet.
    columns = response.context["comparison"].perpetrator.columns
    assert [column.actor for column in columns] == [kh]
    timeline = response.context["timeline"]
    lanes = {lane.label: lane for lane in timeline.lanes}
    assert list(lanes) == ["Kata'ib Hezbollah", "Islamic State"]  # no "Other claims"
    (mark,) = [mark for mark in timeline.marks if mark.claim == later]
    assert mark.y == lanes["Islamic State"].line_y
    assert mark.after_as_of and mark.label.endswith("(after this date)")
    assert timeline.as_of.label == "after this date →"
    assert timeline.as_of.x < mark.x
    page = response.content.decode()
    assert f'class="mark stance-attributes later" transform="translate({mark.x} ' in page


def test_an_as_of_date_before_every_claim_stays_inside_the_drawing(client):
    claim = make_claim(stated_on=datetime.date(2020, 1, 6))

    timeline = client.get(claim.event.get_absolute_url(), {"as_of": "2019-06-01"}).context[
        "timeline"
    ]

    (mark,) = timeline.marks
    assert timeline.layout.marks_start <= timeline.as_of.x < mark.x <= timeline.layout.marks_end


def test_the_narrow_drawing_puts_the_names_above_the_lanes_within_its_width(client):
    kh = make_actor("Kata'ib Hezbollah")
    event = make_event()
    make_claim(event=event, attributed_actor=kh, stated_on=datetime.date(2019, 12, 29))
    make_claim(event=event, attributed_actor=kh, stated_on=datetime.date(2020, 2, 1))

    timeline = client.get(event.get_absolute_url()).context["timeline_narrow"]

    (lane,) = timeline.lanes
    assert lane.label_anchor == "start" and lane.label_y < lane.line_y
    assert all(0 < mark.x < timeline.width for mark in timeline.marks)
    assert max(mark.x for mark in timeline.marks) <= timeline.layout.marks_end


@pytest.mark.parametrize(
    ("extents", "slots"),
    [
        pytest.param([], [], id="nothing"),
        pytest.param([(0, 18), (30, 48)], [0, 0], id="apart"),
        pytest.param([(0, 18), (0, 18)], [0, -1], id="same place"),
        pytest.param([(0, 18), (0, 18), (0, 18)], [0, -1, 1], id="three"),
        pytest.param([(0, 18), (10, 28), (20, 38)], [0, -1, 0], id="a chain"),
        pytest.param([(0, 40), (18, 36)], [0, -1], id="a wide mark"),
    ],
)
def test_place_in_slots(extents, slots):
    assert place_in_slots(extents) == slots
