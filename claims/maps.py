"""Maps of events, drawn on the server as SVG from Natural Earth's 1:110m countries
(`static/claims/world-110m.json`, converted by `scripts/world_outline.py`; its notice
beside it): no script, no map tiles, nothing fetched.

Plain values in (`MappedEvent`), what `templates/claims/_map.html` draws out; no query.

- The plane is equirectangular: x = longitude + 180, y = 90 - latitude, in degrees. The
  map shows the smallest box, two to one, that holds its events with a margin (never
  less than `MIN_SPAN` degrees across), and draws only the countries that reach into it.
- An event is placed at its coordinates, or, without them, at the centre of its
  country's largest polygon; without either it is not on the map (and counted).
- Its mark is as large as its place is vague (`SIZES`: an exact site, a town, a region,
  a whole country), coloured **and** shaped by its headline state (`STATE_SHAPES`).
- Events at the same place in the same state share a mark that counts them; marks that
  would overlap are moved apart along a spiral, with a line back to their place, so
  that no mark hides another.
"""

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from claims.attribution import AttributionState
from claims.html import Addresses
from claims.models import Event

WORLD = Path(__file__).parent / "static" / "claims" / "world-110m.json"

# At most this many events on one map, the most recent: the list pages through the rest.
MAP_LIMIT = 300
WIDTH, HEIGHT = 720, 360
MIN_SPAN = 24  # degrees across, so that a single event shows its neighbours
MARGIN = 0.25  # of the events' extent, on each side

COUNTRY_ONLY = "country"  # no coordinates: placed at the centre of its country
SIZES = {
    Event.LocationPrecision.SITE: 4.0,
    Event.LocationPrecision.TOWN: 6.0,
    Event.LocationPrecision.REGION: 9.0,
    COUNTRY_ONLY: 13.0,
}
PRECISION_LABELS = {
    **dict(Event.LocationPrecision.choices),
    COUNTRY_ONLY: gettext_lazy("country only, placed at its centre"),
}
STATE_SHAPES = {
    AttributionState.UNATTRIBUTED: "cross",
    AttributionState.CLAIMED: "square",
    AttributionState.ATTRIBUTED: "circle",
    AttributionState.CONTESTED: "diamond",
    AttributionState.CONFIRMED: "star",
}
MARK_TITLES = 3
GAP = 2.0  # pixels between two marks
COUNT_CHAR_WIDTH = 6.5  # the count beside a mark standing for several events
SPIRAL_STEPS = 120
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


@dataclass(frozen=True)
class MappedEvent:
    slug: str
    title: str
    date_display: str
    state: str
    latitude: float | None
    longitude: float | None
    location_precision: str
    country: str  # ISO alpha-2, or ""
    country_name: str = ""


@dataclass
class CountryShape:
    name: str
    path: str


@dataclass
class Marker:
    events: list[MappedEvent]
    state: str
    precision: str
    x: float
    y: float
    # Where the events are, when the mark had to move away from it.
    anchor_x: float
    anchor_y: float
    size: float
    path: str
    label: str
    href: str

    @property
    def reach(self) -> float:
        """How far from its centre the mark and its count reach, for spacing marks."""
        return self.size + (COUNT_CHAR_WIDTH * len(str(self.count)) + 2 if self.count > 1 else 0)

    @property
    def count_x(self) -> float:
        return round(self.x + self.size + 2, 1)

    @property
    def moved(self) -> bool:
        return (self.x, self.y) != (self.anchor_x, self.anchor_y)

    @property
    def count(self) -> int:
        return len(self.events)


@dataclass
class EventMap:
    width: int
    height: int
    # Degrees of the plane to pixels, for the countries' group.
    transform: str
    countries: list[CountryShape]
    markers: list[Marker]
    not_placed: list[MappedEvent]
    # How many events the map stands for, when it shows only the most recent of them.
    total: int | None = None

    @property
    def placed_count(self) -> int:
        return sum(marker.count for marker in self.markers)

    @property
    def state_keys(self) -> list[tuple[str, str, str]]:
        """(state, label, mark) of the states the map shows, in the vocabulary's order."""
        present = {marker.state for marker in self.markers}
        return [
            (state, AttributionState(state).label, shape_path(shape, 6))
            for state, shape in STATE_SHAPES.items()
            if state in present
        ]

    @property
    def precision_keys(self) -> list[tuple[str, str, float, float]]:
        """(label, mark, half and whole side of its box) of the precisions the map shows,
        from the most precise: the legend's marks are drawn at the map's size."""
        present = {marker.precision for marker in self.markers}
        return [
            (PRECISION_LABELS[precision], shape_path("circle", size), size + 2, 2 * size + 4)
            for precision, size in SIZES.items()
            if precision in present
        ]

    @property
    def mapped_count(self) -> int:
        return self.placed_count + len(self.not_placed)

    @property
    def more_than_mapped(self) -> bool:
        return self.total is not None and self.total > self.mapped_count


@functools.cache
def world() -> dict:
    """The countries, read once per process: code, name, centre, [minx, miny, maxx, maxy,
    path] for each polygon, in the plane."""
    return json.loads(WORLD.read_text(encoding="utf-8"))


@functools.cache
def _centres() -> dict[str, tuple[float, float]]:
    return {c["code"]: tuple(c["centre"]) for c in world()["countries"] if c["code"]}


def shape_path(shape: str, size: float) -> str:
    """SVG path data of a mark centred on 0 0, `size` from its centre to its edge."""
    s = round(size, 1)
    if shape == "square":
        side = round(s * 0.9, 1)
        return f"M{-side} {-side}H{side}V{side}H{-side}Z"
    if shape == "diamond":
        return f"M0 {-s}L{s} 0L0 {s}L{-s} 0Z"
    if shape == "cross":
        arm = round(s * 0.75, 1)
        return f"M{-arm} {-arm}L{arm} {arm}M{arm} {-arm}L{-arm} {arm}"
    if shape == "star":
        points = []
        for n in range(10):
            radius = s if n % 2 == 0 else s * 0.45
            angle = math.pi * n / 5 - math.pi / 2
            points.append(f"{radius * math.cos(angle):.1f} {radius * math.sin(angle):.1f}")
        return "M" + "L".join(points) + "Z"
    # A circle, as two arcs.
    return f"M{-s} 0A{s} {s} 0 1 0 {s} 0A{s} {s} 0 1 0 {-s} 0Z"


def _place(event: MappedEvent) -> tuple[float, float, str] | None:
    """Where an event goes in the plane, and how precisely."""
    if event.latitude is not None and event.longitude is not None:
        precision = event.location_precision
        if precision not in SIZES:
            precision = Event.LocationPrecision.TOWN
        return event.longitude + 180, 90 - event.latitude, precision
    if event.country in _centres():
        x, y = _centres()[event.country]
        return x, y, COUNTRY_ONLY
    return None


def _view(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """The box of the plane the map shows (x, y, width, height), two to one."""
    xs, ys = [x for x, _ in points], [y for _, y in points]
    across = max(max(xs) - min(xs), 2 * (max(ys) - min(ys)))
    span = min(360.0, max(MIN_SPAN, across * (1 + 2 * MARGIN)))
    high = span / 2
    x = (min(xs) + max(xs)) / 2 - span / 2
    y = (min(ys) + max(ys)) / 2 - high / 2
    x = min(max(x, -10.0), 370.0 - span) if span < 360 else 0.0
    y = min(max(y, 0.0), 180.0 - high)
    return x, y, span, high


class _Words:
    """The words of the marks' labels and the addresses of their links, translated and
    reversed once per map rather than once per mark."""

    def __init__(self, list_query: dict[str, str]) -> None:
        self.states = {state: str(label) for state, label in AttributionState.choices}
        self.one = _("%(title)s, %(date)s: %(state)s")
        self.and_more = _("%(named)s; and %(rest)d more")
        self.placed_in = _("%(label)s (placed in %(country)s, its exact place not recorded)")
        self.addresses = Addresses()
        self.event_list = reverse("claims:event_list")
        self.list_query = list_query

    def state(self, state: str) -> str:
        return self.states.get(state) or AttributionState(state).label


def _label(events: list[MappedEvent], state: str, precision: str, words: _Words) -> str:
    state_label = words.state(state)
    where = events[0].country_name if precision == COUNTRY_ONLY else ""
    if len(events) == 1:
        event = events[0]
        label = words.one % {
            "title": event.title,
            "date": event.date_display,
            "state": state_label,
        }
    else:
        named = "; ".join(event.title for event in events[:MARK_TITLES])
        rest = len(events) - MARK_TITLES
        if rest > 0:
            named = words.and_more % {"named": named, "rest": rest}
        label = ngettext(
            "%(count)d event, %(state)s: %(named)s",
            "%(count)d events, %(state)s: %(named)s",
            len(events),
        ) % {"count": len(events), "state": state_label, "named": named}
    if where:
        label = words.placed_in % {"label": label, "country": where}
    return label


def _href(events: list[MappedEvent], state: str, words: _Words) -> str:
    """One event: its page. Several: the list, filtered to their country and state."""
    if len(events) == 1:
        return words.addresses("claims:event_detail", events[0].slug)
    query = dict(words.list_query)
    if events[0].country and all(e.country == events[0].country for e in events):
        query["country"] = events[0].country
    query["state"] = state
    return f"{words.event_list}?{urlencode(query)}"


# The spiral's steps, away from a mark's place: the square root of the step's number and
# the cosine and sine of its angle.
_SPIRAL = [
    (math.sqrt(n), math.cos(n * GOLDEN_ANGLE), math.sin(n * GOLDEN_ANGLE))
    for n in range(SPIRAL_STEPS)
]
# The grid's cells to look in around a place, its own first: a clash is most often there.
_NEAR = [(0, 0), *((dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1) if dx or dy)]


def _spread(markers: list[Marker]) -> None:
    """Move marks that would overlap apart, the largest first kept in place.

    Each mark tries the places of a spiral around its own until one clears every mark
    already placed (the last is taken when none does). A map of the whole world's
    events tries some thirteen thousand places; what each try reads is kept to plain
    numbers, and the mark it last ran into is tried first."""
    reaches = [(marker.reach, marker) for marker in markers]
    cell = 2 * max((reach for reach, _ in reaches), default=1) + GAP
    grid: dict[tuple[int, int], list[tuple[float, float, float]]] = {}
    hypot = math.hypot

    for reach, marker in sorted(reaches, key=lambda pair: -pair[0]):
        step = reach + GAP
        anchor_x, anchor_y = marker.anchor_x, marker.anchor_y
        low_x, high_x, low_y, high_y = reach, WIDTH - reach, reach, HEIGHT - reach
        last_clash = None
        for root, cos, sin in _SPIRAL:
            radius = step * root
            x = anchor_x + radius * cos
            y = anchor_y + radius * sin
            if not (low_x <= x <= high_x and low_y <= y <= high_y):
                continue
            if last_clash is not None:
                other_x, other_y, other_reach = last_clash
                if hypot(other_x - x, other_y - y) < other_reach + reach + GAP:
                    continue
            column, row = int(x // cell), int(y // cell)
            clash = None
            for dx, dy in _NEAR:
                for other in grid.get((column + dx, row + dy), ()):
                    if hypot(other[0] - x, other[1] - y) < other[2] + reach + GAP:
                        clash = other
                        break
                if clash is not None:
                    break
            if clash is None:
                break
            last_clash = clash
        marker.x, marker.y = round(x, 1), round(y, 1)
        grid.setdefault((int(marker.x // cell), int(marker.y // cell)), []).append(
            (marker.x, marker.y, reach)
        )


def build_map(
    events: list[MappedEvent],
    list_query: dict[str, str] | None = None,
    total: int | None = None,
) -> EventMap | None:
    """The map of these events (None when none of them can be placed). `list_query` is
    the events list's filters, kept in the links of marks that stand for several;
    `total`, how many events match when `events` are only the most recent of them."""
    placed: dict[tuple, list[MappedEvent]] = {}
    not_placed = []
    for event in events:
        where = _place(event)
        if where is None:
            not_placed.append(event)
            continue
        x, y, precision = where
        placed.setdefault((round(x, 2), round(y, 2), precision, event.state), []).append(event)
    if not placed:
        return None
    view_x, view_y, span, _high = _view([(x, y) for x, y, _, _ in placed])
    scale = WIDTH / span

    words = _Words(list_query or {})
    markers = []
    for (x, y, precision, state), same in placed.items():
        px, py = round((x - view_x) * scale, 1), round((y - view_y) * scale, 1)
        size = SIZES[precision]
        markers.append(
            Marker(
                events=same,
                state=state,
                precision=precision,
                x=px,
                y=py,
                anchor_x=px,
                anchor_y=py,
                size=size,
                path=shape_path(STATE_SHAPES.get(state, "circle"), size),
                label=_label(same, state, precision, words),
                href=_href(same, state, words),
            )
        )
    _spread(markers)

    right, bottom = view_x + span, view_y + span / 2
    countries = []
    for country in world()["countries"]:
        parts = [
            path
            for min_x, min_y, max_x, max_y, path in country["parts"]
            if min_x < right and max_x > view_x and min_y < bottom and max_y > view_y
        ]
        if parts:
            countries.append(CountryShape(country["name"], "".join(parts)))
    k = round(scale, 4)
    return EventMap(
        width=WIDTH,
        height=HEIGHT,
        transform=f"matrix({k} 0 0 {k} {round(-view_x * k, 2)} {round(-view_y * k, 2)})",
        countries=countries,
        markers=sorted(markers, key=lambda m: -m.size),  # small marks drawn last, on top
        not_placed=not_placed,
        total=total,
    )
