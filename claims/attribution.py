"""The attribution rules: from an event's claims to who is held responsible, and how firmly.

Pure functions over plain data, so that pages, API and exports share one reading
of the rules and tests can state them as tables. The ORM is not used here:
`claims.models` turns database rows into `ClaimFacts` (see `Event.attribution`).

For each role (perpetrator, sponsor, facilitator, accountable) separately:

- only published claims whose status is not refuted or retracted count, and with
  `as_of`, only those stated on or before that date;
- the candidates are the actors named by `attributes` or `claims_responsibility`
  claims. An actor and its sub-units are one candidate seen at two levels: the
  candidate is the most specific actor named, and a claim naming a body above it
  supports it too (a claim naming the PMF agrees with one naming Kata'ib Hezbollah);
- an `attributes` or `denies` claim may describe the actor instead of naming it
  ("radical Iran-backed militant groups", "the culprit"). Such an *unnamed* claim
  makes no candidate, opposes none and never contests: it is listed apart, in the
  role's `unnamed` claims. When the editors gave it a hint (a known actor the
  description is consistent with) and the hint is on one line with a candidate (the
  same actor, a body above it or a sub-unit below it), it is listed under that
  candidate as `consistent` instead, still not counted as support. A dispute
  answering an unnamed claim goes where that claim goes, and contests nothing;
- the state is `unattributed` (no candidate), `claimed` (one candidate that claimed
  it itself), `attributed` (one candidate named by others only), `contested` (several
  candidates, a denial of a candidate, a dispute answering a claim in the role, or a
  claim in the role whose status is `disputed`) or `confirmed` (a supporting claim
  whose status is `confirmed`; this wins over `contested`, whose opposition still shows);
- each role carries the reasons for its state as data (`Reason`: a stable code, the
  claims and the actors it rests on), the deciding ones first: see `ReasonCode`. The
  words shown to readers are written from them where names are known
  (`claims/reasons.py`);
- a candidate's independent sources are the distinct origins of the sources its
  supporting claims cite (a republication counts as the source it republishes).
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _


class AttributionState(models.TextChoices):
    UNATTRIBUTED = "unattributed", _("unattributed")
    CLAIMED = "claimed", _("claimed")
    ATTRIBUTED = "attributed", _("attributed")
    CONTESTED = "contested", _("contested")
    CONFIRMED = "confirmed", _("confirmed")


class ReasonCode(models.TextChoices):
    """Why a role is in its state. The codes are stable (the API returns them); the
    words for readers are in claims/reasons.py."""

    # unattributed
    NOBODY_NAMED = "nobody_named", _("nobody is named")
    NO_CLAIM_REPORTED = "no_claim_reported", _("reported that nobody claimed it")
    ONLY_UNNAMED = "only_unnamed", _("the culprit is described, not named")
    # claimed, attributed
    SELF_CLAIMED = "self_claimed", _("the candidate claimed it itself")
    NAMED_BY_OTHERS = "named_by_others", _("the candidate is named by others only")
    # contested (and, after the confirmation, confirmed)
    SEVERAL_CANDIDATES = "several_candidates", _("several candidates are named")
    DENIED = "denied", _("a candidate is denied")
    DISPUTED_CLAIM = "disputed_claim", _("a claim is disputed")
    MARKED_DISPUTED = "marked_disputed", _("editors marked a claim disputed")
    # confirmed
    CONFIRMED_BY_EDITORS = "confirmed_by_editors", _("editors confirmed a claim")
    # beside any state with candidates: what was said without naming anyone
    CONSISTENT_DESCRIPTION = (
        "consistent_description",
        _("a description is consistent with a candidate"),
    )
    UNNAMED_DESCRIPTION = "unnamed_description", _("a description names no candidate")


ROLES = ("perpetrator", "sponsor", "facilitator", "accountable")
SUPPORTING_STANCES = {"attributes", "claims_responsibility"}
# The stances that may describe the actor instead of naming it.
DESCRIBING_STANCES = {"attributes", "denies"}
IGNORED_STATUSES = {"refuted", "retracted"}


@dataclass(frozen=True)
class ClaimFacts:
    """What the rules need to know of one claim."""

    id: int
    stance: str
    role: str
    stated_on: datetime.date
    status: str = "unverified"
    published: bool = True
    attributed_actor_id: int | None = None
    claimant_actor_id: int | None = None
    responds_to_id: int | None = None
    # The origin of every source the claim cites (see Source.origin).
    source_origin_ids: frozenset[int] = frozenset()
    # An unnamed actor ("the culprit") instead of attributed_actor_id, and the known
    # actor the editors found it consistent with.
    attributed_description: str = ""
    attributed_actor_hint_id: int | None = None

    @property
    def unnamed(self) -> bool:
        """An attribution or denial that names no actor (it describes one, or says nothing)."""
        return self.stance in DESCRIBING_STANCES and self.attributed_actor_id is None


@dataclass(frozen=True)
class Candidate:
    actor_id: int
    supporting: tuple[int, ...]
    opposing: tuple[int, ...]
    self_claimed: bool
    confirmed: bool
    independent_sources: int
    # Bodies above the candidate that some supporting claims named instead of it.
    also_named_as: tuple[int, ...] = ()
    # Unnamed claims whose hint is on one line with the candidate (not support).
    consistent: tuple[int, ...] = ()


@dataclass(frozen=True)
class Reason:
    code: ReasonCode
    claims: tuple[int, ...] = ()
    actors: tuple[int, ...] = ()

    def as_data(self) -> dict:
        """As JSON keeps it (see Event.headline_reason)."""
        return {"code": str(self.code), "claims": list(self.claims), "actors": list(self.actors)}

    @classmethod
    def from_data(cls, data: Mapping) -> "Reason":
        return cls(ReasonCode(data["code"]), tuple(data["claims"]), tuple(data["actors"]))


@dataclass(frozen=True)
class RoleAttribution:
    role: str
    state: AttributionState
    candidates: tuple[Candidate, ...]
    # Denials of actors nobody named as a candidate: shown, but they contest nothing.
    other_denials: tuple[int, ...] = ()
    # Unnamed claims consistent with no candidate, and disputes answering them.
    unnamed: tuple[int, ...] = ()
    reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True)
class EventAttribution:
    state: AttributionState
    roles: dict[str, RoleAttribution]
    no_claim_reports: tuple[int, ...] = ()
    considered: tuple[int, ...] = field(default=(), repr=False)

    @property
    def headline_reason(self) -> Reason:
        """Why the headline state is what it is: the perpetrator role's first reason."""
        return self.roles["perpetrator"].reasons[0]

    @property
    def responsibility_not_claimed(self) -> bool:
        """Only reports that nobody claimed it, and nobody named anyone in any role."""
        return bool(self.no_claim_reports) and not any(
            role.candidates for role in self.roles.values()
        )


def counted_claims(
    claims: Iterable[ClaimFacts], as_of: datetime.date | None = None
) -> list[ClaimFacts]:
    """The claims the rules look at: published, not refuted or retracted, stated by `as_of`."""
    return [
        claim
        for claim in claims
        if claim.published
        and claim.status not in IGNORED_STATUSES
        and (as_of is None or claim.stated_on <= as_of)
    ]


def lineage(actor_id: int, parents: Mapping[int, int | None]) -> list[int]:
    """The actor and every body above it, nearest first; a cycle stops the walk."""
    chain, current = [], actor_id
    while current is not None and current not in chain:
        chain.append(current)
        current = parents.get(current)
    return chain


def with_subunits(actor_ids: Iterable[int], parents: Mapping[int, int | None]) -> set[int]:
    """The actors and every body below them at any depth: those whose lineage reaches one
    of them. Walked down from them, not up from every actor (3,453 lineages for one
    API filter at a million claims); a cycle stops the walk."""
    children: dict[int, list[int]] = {}
    for child, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, []).append(child)
    found: set[int] = set()
    waiting = list(actor_ids)
    while waiting:
        actor = waiting.pop()
        if actor not in found:
            found.add(actor)
            waiting.extend(children.get(actor, ()))
    return found


def on_one_line(actor: int, other: int, parents: Mapping[int, int | None]) -> bool:
    """The same actor, or one a body above the other."""
    return actor in lineage(other, parents) or other in lineage(actor, parents)


def role_attribution(
    role: str, claims: list[ClaimFacts], parents: Mapping[int, int | None]
) -> RoleAttribution:
    """The state of one role over claims already passed through `counted_claims`."""
    in_role = [claim for claim in claims if claim.role == role]
    supporting = [
        claim
        for claim in in_role
        if claim.stance in SUPPORTING_STANCES and claim.attributed_actor_id is not None
    ]
    named = {claim.attributed_actor_id for claim in supporting}
    lineages = {actor: lineage(actor, parents) for actor in named}
    # The most specific actors named: those with no named sub-unit strictly below them
    # (on a corrupt parent cycle, two actors above each other are both kept).
    candidate_ids = [
        actor
        for actor in named
        if not any(
            actor in lineages[other][1:] and other not in lineages[actor]
            for other in named
            if other != actor
        )
    ]
    by_id = {claim.id: claim for claim in claims}
    unnamed_claims = [claim for claim in in_role if claim.unnamed]
    unnamed_ids = {claim.id for claim in unnamed_claims}
    # Disputes answering an unnamed claim of this role, whatever role they were filed under.
    answering_unnamed = [
        claim
        for claim in claims
        if claim.stance == "disputes" and claim.responds_to_id in unnamed_ids
    ]
    # Each unnamed claim's place: the candidates its hint is on one line with, if any.
    consistent_with = {
        claim.id: [
            candidate
            for candidate in candidate_ids
            if claim.attributed_actor_hint_id is not None
            and on_one_line(claim.attributed_actor_hint_id, candidate, parents)
        ]
        for claim in unnamed_claims
    }
    for dispute in answering_unnamed:
        consistent_with[dispute.id] = consistent_with[dispute.responds_to_id]
    set_apart = unnamed_ids | {claim.id for claim in answering_unnamed}

    candidates, matched_denials = [], set()
    for candidate in candidate_ids:
        support = [c for c in supporting if c.attributed_actor_id in lineages[candidate]]
        support_ids = {c.id for c in support}
        opposing = []
        # Denials in this role; disputes whatever role they were filed under, since
        # they answer a claim rather than name an actor.
        for claim in claims:
            if (
                claim.stance == "denies"
                and claim.role == role
                # Denying the PMF did it denies it of its brigades; a brigade's denial
                # says nothing of the PMF.
                and claim.attributed_actor_id in lineages[candidate]
            ):
                opposing.append(claim)
                matched_denials.add(claim.id)
            elif claim.stance == "disputes" and claim.responds_to_id in support_ids:
                opposing.append(claim)
        candidates.append(
            Candidate(
                actor_id=candidate,
                supporting=tuple(c.id for c in support),
                opposing=tuple(c.id for c in opposing),
                self_claimed=any(_is_self_claim(c, parents) for c in support),
                confirmed=any(c.status == "confirmed" for c in support),
                independent_sources=len(set().union(*(c.source_origin_ids for c in support))),
                also_named_as=tuple(sorted({c.attributed_actor_id for c in support} - {candidate})),
                consistent=tuple(
                    c.id for c in claims if c.id in set_apart and candidate in consistent_with[c.id]
                ),
            )
        )
    candidates.sort(key=lambda c: (-len(c.supporting), -c.independent_sources, c.actor_id))
    unnamed = tuple(c.id for c in claims if c.id in set_apart and not consistent_with[c.id])

    contest = _contest_reasons(role, claims, in_role, candidates, set_apart, by_id)
    if not candidates:
        state = AttributionState.UNATTRIBUTED
    elif any(c.confirmed for c in candidates):
        state = AttributionState.CONFIRMED
    elif contest:
        state = AttributionState.CONTESTED
    elif candidates[0].self_claimed:
        state = AttributionState.CLAIMED
    else:
        state = AttributionState.ATTRIBUTED
    other_denials = tuple(
        claim.id
        for claim in in_role
        if claim.stance == "denies"
        and claim.attributed_actor_id is not None
        and claim.id not in matched_denials
    )
    reasons = _state_reasons(state, in_role, candidates, contest, unnamed, by_id, parents)
    return RoleAttribution(role, state, tuple(candidates), other_denials, unnamed, reasons)


def _is_self_claim(claim: ClaimFacts, parents: Mapping[int, int | None]) -> bool:
    """A claim of responsibility by the actor named or one of its sub-units."""
    return (
        claim.stance == "claims_responsibility"
        and claim.claimant_actor_id is not None
        and claim.attributed_actor_id in lineage(claim.claimant_actor_id, parents)
    )


def _contest_reasons(
    role: str,
    claims: list[ClaimFacts],
    in_role: list[ClaimFacts],
    candidates: list[Candidate],
    set_apart: set[int],
    by_id: dict[int, ClaimFacts],
) -> list[Reason]:
    """What contests the role, if it has candidates: the state is contested (or confirmed
    over it) exactly when this is not empty."""
    if not candidates:
        return []
    reasons = []
    if len(candidates) > 1:
        reasons.append(
            Reason(ReasonCode.SEVERAL_CANDIDATES, actors=tuple(c.actor_id for c in candidates))
        )
    opposing = {pk for candidate in candidates for pk in candidate.opposing}
    for claim in claims:
        if claim.id in opposing and claim.stance == "denies":
            reasons.append(
                Reason(ReasonCode.DENIED, claims=(claim.id,), actors=(claim.attributed_actor_id,))
            )
    for claim in claims:
        answered = by_id.get(claim.responds_to_id)
        if (
            claim.stance == "disputes"
            and answered is not None
            and answered.role == role
            and answered.stance != "no_claim"
            and claim.id not in set_apart
        ):
            reasons.append(Reason(ReasonCode.DISPUTED_CLAIM, claims=(claim.id, answered.id)))
    for claim in in_role:
        if claim.status == "disputed" and claim.id not in set_apart:
            reasons.append(Reason(ReasonCode.MARKED_DISPUTED, claims=(claim.id,)))
    return reasons


def _state_reasons(
    state: AttributionState,
    in_role: list[ClaimFacts],
    candidates: list[Candidate],
    contest: list[Reason],
    unnamed: tuple[int, ...],
    by_id: dict[int, ClaimFacts],
    parents: Mapping[int, int | None],
) -> tuple[Reason, ...]:
    """The reasons for the state, the deciding ones first, then what was said of the role
    without naming anyone."""
    if state == AttributionState.UNATTRIBUTED:
        reasons = []
        no_claims = tuple(c.id for c in in_role if c.stance == "no_claim")
        if no_claims:
            reasons.append(Reason(ReasonCode.NO_CLAIM_REPORTED, claims=no_claims))
        described = tuple(pk for pk in unnamed if by_id[pk].unnamed)
        if described:
            reasons.append(Reason(ReasonCode.ONLY_UNNAMED, claims=described))
        return tuple(reasons) or (Reason(ReasonCode.NOBODY_NAMED),)
    reasons = []
    if state == AttributionState.CONFIRMED:
        for candidate in candidates:
            confirmed = tuple(pk for pk in candidate.supporting if by_id[pk].status == "confirmed")
            if confirmed:
                reasons.append(
                    Reason(
                        ReasonCode.CONFIRMED_BY_EDITORS,
                        claims=confirmed,
                        actors=(candidate.actor_id,),
                    )
                )
        # The opposition still shows, and so does why.
        reasons += contest
    elif state == AttributionState.CONTESTED:
        reasons += contest
    elif state == AttributionState.CLAIMED:
        (only,) = candidates
        reasons.append(
            Reason(
                ReasonCode.SELF_CLAIMED,
                claims=tuple(pk for pk in only.supporting if _is_self_claim(by_id[pk], parents)),
                actors=(only.actor_id,),
            )
        )
    else:
        (only,) = candidates
        reasons.append(
            Reason(ReasonCode.NAMED_BY_OTHERS, claims=only.supporting, actors=(only.actor_id,))
        )
    for candidate in candidates:
        if candidate.consistent:
            reasons.append(
                Reason(
                    ReasonCode.CONSISTENT_DESCRIPTION,
                    claims=tuple(pk for pk in candidate.consistent if by_id[pk].unnamed),
                    actors=(candidate.actor_id,),
                )
            )
    described = tuple(pk for pk in unnamed if by_id[pk].unnamed)
    if described:
        reasons.append(Reason(ReasonCode.UNNAMED_DESCRIPTION, claims=described))
    return tuple(reasons)


def attribution_state(
    claims: Iterable[ClaimFacts],
    parents: Mapping[int, int | None],
    as_of: datetime.date | None = None,
) -> EventAttribution:
    """Every role's attribution for one event's claims, as they stood on `as_of`."""
    counted = counted_claims(claims, as_of)
    roles = {role: role_attribution(role, counted, parents) for role in ROLES}
    return EventAttribution(
        state=roles["perpetrator"].state,
        roles=roles,
        no_claim_reports=tuple(c.id for c in counted if c.stance == "no_claim"),
        considered=tuple(c.id for c in counted),
    )
