"""What the event page shows: the attribution rules' result joined to the claims and
actors already loaded, and the timeline laid out for drawing. No queries here."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from claims.attribution import EventAttribution
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
    def state_label(self) -> str:
        return self.state

    @property
    def column_count(self) -> int:
        return len(self.columns) + (1 if self.unnamed else 0)


@dataclass
class Comparison:
    state: str
    roles: list[RoleComparison]
    no_claim_reports: list[Claim]
    responsibility_not_claimed: bool
    counted: list[Claim]
    # Claims left out because they were refuted or retracted (shown as such).
    set_aside: list[Claim]

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
    counted = set(attribution.considered)
    return Comparison(
        state=attribution.state,
        roles=roles,
        no_claim_reports=[by_id[pk] for pk in attribution.no_claim_reports],
        responsibility_not_claimed=attribution.responsibility_not_claimed,
        counted=[claim for claim in claims if claim.pk in counted],
        set_aside=[
            claim
            for claim in claims
            if claim.pk not in counted and claim.status in {"refuted", "retracted"}
        ],
    )


def claims_page_number(position: int) -> int:
    """The page of the full list holding the claim at `position` (0-based, date order)."""
    return position // CLAIMS_PER_PAGE + 1


def link_claims(claims: list[Claim], event_url: str, as_of: datetime.date | None) -> None:
    """Give each claim (in date order) `href`: its entry in the full list, on its page, so
    that a card in a column leads to the full quote wherever the list is paged."""
    for position, claim in enumerate(claims):
        query = {}
        if as_of:
            query["as_of"] = as_of.isoformat()
        page = claims_page_number(position)
        if page > 1:
            query["page"] = page
        search = f"?{urlencode(query)}" if query else ""
        claim.href = f"{event_url}{search}#claim-{claim.pk}"


@dataclass
class Mark:
    claim: Claim
    x: float
    y: float
    shape: str
    label: str
    after_as_of: bool


@dataclass
class Lane:
    label: str
    y: float


@dataclass
class Tick:
    x: float
    label: str
    anchor: str  # SVG text-anchor, so that the first and last labels stay inside


@dataclass
class Timeline:
    width: int
    height: int
    lanes: list[Lane]
    marks: list[Mark]
    ticks: list[Tick]
    as_of_x: float | None


TIMELINE_WIDTH = 720
LANE_HEIGHT = 36
LEFT_MARGIN = 180
RIGHT_MARGIN = 24
TOP_MARGIN = 16
AXIS_HEIGHT = 28


MARK_LABEL_CLAIMS = 3


def _mark_label(claims: list[Claim]) -> str:
    day = claims[0].stated_on_display
    if len(claims) == 1:
        return f"{day}: {claims[0]}"
    named = "; ".join(str(claim) for claim in claims[:MARK_LABEL_CLAIMS])
    rest = len(claims) - MARK_LABEL_CLAIMS
    more = f"; and {rest} more" if rest > 0 else ""
    return f"{day}, {len(claims)} claims: {named}{more}"


def build_timeline(
    comparison: Comparison, claims: list[Claim], as_of: datetime.date | None
) -> Timeline | None:
    """One lane per perpetrator candidate (plus one for everything else), a mark per claim."""
    if not claims:
        return None
    lane_of: dict[int, int] = {}
    lanes = [column.actor for column in comparison.perpetrator.columns]
    for index, column in enumerate(comparison.perpetrator.columns):
        for claim in column.supporting + column.opposing:
            lane_of.setdefault(claim.pk, index)
    has_other_lane = any(claim.pk not in lane_of for claim in claims)
    lane_labels = [str(actor) for actor in lanes] + (["Other claims"] if has_other_lane else [])

    first = min(claim.stated_on for claim in claims)
    last = max([claim.stated_on for claim in claims] + ([as_of] if as_of else []))
    span = max((last - first).days, 1)
    usable = TIMELINE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN

    def x_of(day: datetime.date) -> float:
        return round(LEFT_MARGIN + usable * (day - first).days / span, 1)

    def y_of(lane: int) -> float:
        return TOP_MARGIN + lane * LANE_HEIGHT + LANE_HEIGHT / 2

    # Claims of one lane, day and stance share a mark: they would be drawn on top of
    # each other anyway, and an event with hundreds of claims would draw hundreds.
    together: dict[tuple, list[Claim]] = {}
    for claim in claims:
        lane = lane_of.get(claim.pk, len(lanes))
        together.setdefault((lane, claim.stated_on, claim.stance), []).append(claim)
    marks = [
        Mark(
            claim=same[0],
            x=x_of(day),
            y=y_of(lane),
            shape=STANCE_SHAPES[stance],
            label=_mark_label(same),
            after_as_of=bool(as_of and day > as_of),
        )
        for (lane, day, stance), same in together.items()
    ]
    tick_days = sorted({first, last} | ({as_of} if as_of and first <= as_of <= last else set()))
    return Timeline(
        width=TIMELINE_WIDTH,
        height=TOP_MARGIN + len(lane_labels) * LANE_HEIGHT + AXIS_HEIGHT,
        lanes=[Lane(label, y_of(index)) for index, label in enumerate(lane_labels)],
        marks=marks,
        ticks=[
            Tick(
                x_of(day),
                day.strftime("%-d %b %Y"),
                "start" if day == first else "end" if day == last else "middle",
            )
            for day in tick_days
        ],
        as_of_x=x_of(as_of) if as_of and as_of <= last else None,
    )
