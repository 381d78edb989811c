"""What the event page shows: the attribution rules' result joined to the claims and
actors already loaded, and the timeline laid out for drawing. No queries here."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from claims.attribution import AttributionState, EventAttribution
from claims.models import Actor, Claim
from claims.reasons import ReasonInWords, actors_of_claims, in_words

STANCE_SHAPES = {
    Claim.Stance.ATTRIBUTES: "circle",
    Claim.Stance.CLAIMS_RESPONSIBILITY: "square",
    Claim.Stance.DENIES: "triangle",
    Claim.Stance.DISPUTES: "diamond",
    Claim.Stance.NO_CLAIM: "cross",
}

# Claims shown on a card list of a column; the rest are counted and found in the full
# list. An event with hundreds of claims would otherwise repeat most of them in full.
CARDS_PER_LIST = 6
# The full list of an event's claims, in date order, a page at a time.
CLAIMS_PER_PAGE = 50


@dataclass
class Cards:
    """A column's claims for and against, a few shown as cards and the rest counted."""

    supporting: list[Claim]
    opposing: list[Claim]

    @property
    def supporting_shown(self) -> list[Claim]:
        return self.supporting[:CARDS_PER_LIST]

    @property
    def supporting_not_shown(self) -> int:
        return max(0, len(self.supporting) - CARDS_PER_LIST)

    @property
    def opposing_shown(self) -> list[Claim]:
        return self.opposing[:CARDS_PER_LIST]

    @property
    def opposing_not_shown(self) -> int:
        return max(0, len(self.opposing) - CARDS_PER_LIST)


@dataclass
class Column(Cards):
    actor: Actor
    self_claimed: bool
    confirmed: bool
    independent_sources: int
    also_named_as: list[Actor]
    # Claims that describe the culprit without naming it, in words consistent with this
    # actor (not counted as support).
    consistent: list[Claim]

    @property
    def consistent_shown(self) -> list[Claim]:
        return self.consistent[:CARDS_PER_LIST]

    @property
    def consistent_not_shown(self) -> int:
        return max(0, len(self.consistent) - CARDS_PER_LIST)


@dataclass
class RoleComparison:
    role: Claim.Role
    state: str
    columns: list[Column]
    other_denials: list[Claim]
    # The "Unnamed" column: attributions to a description (supporting), denials of one
    # and disputes answering one (opposing); None when there are none.
    unnamed: Cards | None
    reasons: list[ReasonInWords]

    @property
    def column_count(self) -> int:
        return len(self.columns) + (1 if self.unnamed else 0)


@dataclass
class Comparison:
    state: str
    roles: list[RoleComparison]
    no_claim_reports: list[Claim]
    responsibility_not_claimed: bool

    @property
    def state_label(self) -> str:
        """The headline state in the readers' words."""
        return AttributionState(self.state).label

    @property
    def perpetrator(self) -> RoleComparison:
        return self.roles[0]

    @property
    def other_roles(self) -> list[RoleComparison]:
        return [
            role for role in self.roles[1:] if role.columns or role.other_denials or role.unnamed
        ]

    def carded(self) -> list[Claim]:
        """The claims the page shows as cards, with their first quote."""
        cards = [*self.no_claim_reports]
        for role in self.roles:
            cards += role.other_denials
            for column in role.columns:
                cards += column.supporting_shown + column.opposing_shown + column.consistent_shown
            if role.unnamed:
                cards += role.unnamed.supporting_shown + role.unnamed.opposing_shown
        return cards


def build_comparison(claims: list[Claim], attribution: EventAttribution) -> Comparison:
    by_id = {claim.pk: claim for claim in claims}
    for claim in claims:
        # The published claim it answers, if any (a draft it answers stays unseen).
        claim.answers = by_id.get(claim.responds_to_id)
    actors = actors_of_claims(claims)
    roles = []
    for role_value, role in attribution.roles.items():
        unnamed = [by_id[pk] for pk in role.unnamed]
        roles.append(
            RoleComparison(
                role=Claim.Role(role_value),
                state=role.state,
                columns=[
                    Column(
                        actor=actors[candidate.actor_id],
                        supporting=[by_id[pk] for pk in candidate.supporting],
                        opposing=[by_id[pk] for pk in candidate.opposing],
                        self_claimed=candidate.self_claimed,
                        confirmed=candidate.confirmed,
                        independent_sources=candidate.independent_sources,
                        also_named_as=[actors[pk] for pk in candidate.also_named_as],
                        consistent=[by_id[pk] for pk in candidate.consistent],
                    )
                    for candidate in role.candidates
                ],
                other_denials=[by_id[pk] for pk in role.other_denials],
                unnamed=Cards(
                    supporting=[c for c in unnamed if c.stance == Claim.Stance.ATTRIBUTES],
                    opposing=[c for c in unnamed if c.stance != Claim.Stance.ATTRIBUTES],
                )
                if unnamed
                else None,
                reasons=in_words(role.reasons, by_id, actors),
            )
        )
    return Comparison(
        state=attribution.state,
        roles=roles,
        no_claim_reports=[by_id[pk] for pk in attribution.no_claim_reports],
        responsibility_not_claimed=attribution.responsibility_not_claimed,
    )


def claims_page_number(position: int) -> int:
    """The page of the full list holding the claim at `position` (0-based, date order)."""
    return position // CLAIMS_PER_PAGE + 1


def link_claims(
    claims: list[Claim],
    event_url: str,
    as_of: datetime.date | None,
    as_shown_on: datetime.date | None = None,
) -> None:
    """Give each claim (in date order) `href`: its entry in the full list, on its page, so
    that a card in a column leads to the full quote wherever the list is paged."""
    for position, claim in enumerate(claims):
        query = {}
        if as_of:
            query["as_of"] = as_of.isoformat()
        if as_shown_on:
            query["as_shown_on"] = as_shown_on.isoformat()
        page = claims_page_number(position)
        if page > 1:
            query["page"] = page
        search = f"?{urlencode(query)}" if query else ""
        claim.href = f"{event_url}{search}#claim-{claim.pk}"


# The timeline: one lane per perpetrator candidate (and one for every other claim), a
# mark per day and stance, drawn by templates/claims/_timeline.html. Every position is
# worked out here, in one place, so that the drawing can be mirrored as a whole.


@dataclass(frozen=True)
class TimelineLayout:
    """The geometry of one drawing of the timeline, in SVG units."""

    name: str
    width: int
    # Lane names beside the lanes (ending at this x), or 0: above each lane.
    labels_end: int
    marks_start: int
    marks_end: int
    label_chars: int


# Wide screens: names beside the lanes. Narrow ones: names above their lane, so that the
# whole width is time and nothing needs scrolling sideways.
WIDE = TimelineLayout(
    "wide", width=720, labels_end=170, marks_start=190, marks_end=690, label_chars=26
)
NARROW = TimelineLayout(
    "narrow", width=340, labels_end=0, marks_start=16, marks_end=306, label_chars=48
)

MARK_RADIUS = 9  # every shape is drawn within 9 units of its centre
SLOT_HEIGHT = 20  # marks that would touch move up or down by this much
LANE_PADDING = 8
LANE_LABEL_HEIGHT = 16  # the name above a lane, in the narrow layout
TOP_MARGIN = 12
AS_OF_LABEL_HEIGHT = 16
AXIS_HEIGHT = 28
# The room a count ("×3") takes beside a mark standing for several claims.
COUNT_CHAR_WIDTH = 6.5
# An "as of" tick label closer than this to the first or last day would overlap it.
TICK_LABEL_ROOM = 90
MARK_LABEL_CLAIMS = 3

STANCE_ORDER = {stance: index for index, stance in enumerate(STANCE_SHAPES)}


@dataclass
class Mark:
    claim: Claim  # the first of the claims it stands for
    count: int
    x: float
    y: float
    shape: str
    label: str
    after_as_of: bool

    @property
    def count_label(self) -> str:
        return f"×{self.count}" if self.count > 1 else ""


@dataclass
class Lane:
    label: str
    label_x: float
    label_y: float
    label_anchor: str
    line_y: float


@dataclass
class Tick:
    x: float
    label: str
    anchor: str  # SVG text-anchor, so that the first and last labels stay inside


@dataclass
class AsOfLine:
    x: float
    top: float
    bottom: float
    label_x: float
    label_anchor: str
    label: str


@dataclass
class Timeline:
    layout: TimelineLayout
    height: int
    lanes: list[Lane]
    marks: list[Mark]
    ticks: list[Tick]
    axis_y: float
    line_start: float
    as_of: AsOfLine | None

    @property
    def width(self) -> int:
        return self.layout.width

    @property
    def has_counts(self) -> bool:
        return any(mark.count > 1 for mark in self.marks)


def _mark_label(claims: list[Claim], after_as_of: bool) -> str:
    day = claims[0].stated_on_display
    if len(claims) == 1:
        label = _("%(day)s: %(claim)s") % {"day": day, "claim": claims[0]}
    else:
        named = "; ".join(str(claim) for claim in claims[:MARK_LABEL_CLAIMS])
        rest = len(claims) - MARK_LABEL_CLAIMS
        if rest > 0:
            named = _("%(named)s; and %(rest)d more") % {"named": named, "rest": rest}
        label = ngettext(
            "%(day)s, %(count)d claim: %(named)s",
            "%(day)s, %(count)d claims: %(named)s",
            len(claims),
        ) % {"day": day, "count": len(claims), "named": named}
    if after_as_of:
        label = _("%(label)s (after this date)") % {"label": label}
    return label


def place_in_slots(extents: list[tuple[float, float]]) -> list[int]:
    """For marks spanning these (start, end) ranges along one lane, in order of start, the
    row each takes: 0 on the lane, then -1 (above), 1 (below), -2, 2… A mark takes the
    first row where it touches no mark already placed, so no mark ever covers another."""
    row_ends: dict[int, float] = {}
    slots = []
    for start, end in extents:
        slot = next(
            candidate
            for candidate in _rows_outward()
            if row_ends.get(candidate, float("-inf")) <= start
        )
        row_ends[slot] = end
        slots.append(slot)
    return slots


def _rows_outward():
    yield 0
    distance = 1
    while True:
        yield -distance
        yield distance
        distance += 1


def build_timeline(
    lanes_from: Comparison,
    claims: list[Claim],
    as_of: datetime.date | None,
    layout: TimelineLayout = WIDE,
    *,
    labels: dict[tuple, str] | None = None,
) -> Timeline | None:
    """One lane per perpetrator candidate of `lanes_from` (plus one for every other claim),
    a mark per day and stance in each lane.

    `lanes_from` is the comparison of every claim, not only of those made by `as_of`: a
    claim made after that date stays in its candidate's lane, drawn faded, instead of
    moving elsewhere. Marks of one day are drawn side by side or one above the other,
    never on top of each other. `labels` keeps the marks' labels (a sentence per claim,
    the costly part) for another layout of the same timeline (see build_timelines).
    """
    if not claims:
        return None
    labels = {} if labels is None else labels
    lane_of: dict[int, int] = {}
    lane_names = [str(column.actor) for column in lanes_from.perpetrator.columns]
    for index, column in enumerate(lanes_from.perpetrator.columns):
        for claim in column.supporting + column.opposing:
            lane_of.setdefault(claim.pk, index)
    if any(claim.pk not in lane_of for claim in claims):
        lane_names.append(_("Other claims"))

    days = [claim.stated_on for claim in claims] + ([as_of] if as_of else [])
    first, last = min(days), max(days)
    span = max((last - first).days, 1)

    def x_of(day: datetime.date) -> float:
        usable = layout.marks_end - layout.marks_start
        return round(layout.marks_start + usable * (day - first).days / span, 1)

    # Claims of one lane, day and stance share a mark (with their count): an event with
    # hundreds of claims would otherwise draw hundreds.
    together: dict[tuple, list[Claim]] = {}
    for claim in claims:
        lane = lane_of.get(claim.pk, len(lane_names) - 1)
        together.setdefault((lane, claim.stated_on, claim.stance), []).append(claim)
    by_lane: dict[int, list[tuple[datetime.date, str, list[Claim]]]] = {}
    for (lane, day, stance), same in together.items():
        by_lane.setdefault(lane, []).append((day, stance, same))

    lanes, marks = [], []
    top = TOP_MARGIN + (AS_OF_LABEL_HEIGHT if as_of and as_of < last else 0)
    lanes_top = top
    for lane, name in enumerate(lane_names):
        entries = sorted(by_lane.get(lane, []), key=lambda e: (e[0], STANCE_ORDER[e[1]]))
        extents = []
        for day, _stance, same in entries:
            x = x_of(day)
            count_width = len(f"×{len(same)}") * COUNT_CHAR_WIDTH if len(same) > 1 else 0
            extents.append((x - MARK_RADIUS, x + MARK_RADIUS + count_width + 1))
        slots = place_in_slots(extents)
        above = -min(slots, default=0)
        below = max(slots, default=0)
        label_room = 0 if layout.labels_end else LANE_LABEL_HEIGHT
        line_y = top + label_room + LANE_PADDING + above * SLOT_HEIGHT + SLOT_HEIGHT / 2
        if layout.labels_end:
            lanes.append(Lane(name, layout.labels_end, line_y, "end", line_y))
        else:
            lanes.append(Lane(name, 4, top + 12, "start", line_y))
        for (day, stance, same), slot in zip(entries, slots, strict=True):
            after = bool(as_of and day > as_of)
            key = (lane, day, stance)
            if key not in labels:
                labels[key] = _mark_label(same, after)
            marks.append(
                Mark(
                    claim=same[0],
                    count=len(same),
                    x=x_of(day),
                    y=line_y + slot * SLOT_HEIGHT,
                    shape=STANCE_SHAPES[stance],
                    label=labels[key],
                    after_as_of=after,
                )
            )
        top += label_room + 2 * LANE_PADDING + (above + below + 1) * SLOT_HEIGHT
    lanes_bottom = top

    tick_days = [first, last]
    if as_of and first < as_of < last:
        room = min(x_of(as_of) - x_of(first), x_of(last) - x_of(as_of))
        if room >= TICK_LABEL_ROOM:
            tick_days.insert(1, as_of)
    ticks = [
        Tick(
            x_of(day),
            date_format(day, "j M Y"),
            "start" if day == first else "end" if day == last else "middle",
        )
        for day in dict.fromkeys(tick_days)
    ]
    as_of_line = None
    if as_of and as_of < last:
        x = x_of(as_of)
        # The label goes on the side where the later claims are, when there is room.
        fits_after = layout.marks_end - x >= TICK_LABEL_ROOM
        as_of_line = AsOfLine(
            x=x,
            top=lanes_top - AS_OF_LABEL_HEIGHT + 4,
            bottom=lanes_bottom,
            label_x=x + 4 if fits_after else x - 4,
            label_anchor="start" if fits_after else "end",
            label=_("after this date →"),
        )
    return Timeline(
        layout=layout,
        height=round(lanes_bottom + AXIS_HEIGHT),
        lanes=lanes,
        marks=marks,
        ticks=ticks,
        axis_y=lanes_bottom + AXIS_HEIGHT - 8,
        line_start=layout.marks_start - MARK_RADIUS - 4,
        as_of=as_of_line,
    )


def build_timelines(
    lanes_from: Comparison,
    claims: list[Claim],
    as_of: datetime.date | None,
    layouts: list[TimelineLayout],
) -> list[Timeline | None]:
    """The same timeline in each layout, the marks' labels written once for all."""
    labels: dict[tuple, str] = {}
    return [build_timeline(lanes_from, claims, as_of, layout, labels=labels) for layout in layouts]
