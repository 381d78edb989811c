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
- the state is `unattributed` (no candidate), `claimed` (one candidate that claimed
  it itself), `attributed` (one candidate named by others only), `contested` (several
  candidates, a denial of a candidate, a dispute answering a claim in the role, or a
  claim in the role whose status is `disputed`) or `confirmed` (a supporting claim
  whose status is `confirmed`; this wins over `contested`, whose opposition still shows);
- a candidate's independent sources are the distinct origins of the sources its
  supporting claims cite (a republication counts as the source it republishes).
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db import models


class AttributionState(models.TextChoices):
    UNATTRIBUTED = "unattributed", "unattributed"
    CLAIMED = "claimed", "claimed"
    ATTRIBUTED = "attributed", "attributed"
    CONTESTED = "contested", "contested"
    CONFIRMED = "confirmed", "confirmed"


ROLES = ("perpetrator", "sponsor", "facilitator", "accountable")
SUPPORTING_STANCES = {"attributes", "claims_responsibility"}
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


@dataclass(frozen=True)
class RoleAttribution:
    role: str
    state: AttributionState
    candidates: tuple[Candidate, ...]
    # Denials of actors nobody named as a candidate: shown, but they contest nothing.
    other_denials: tuple[int, ...] = ()


@dataclass(frozen=True)
class EventAttribution:
    state: AttributionState
    roles: dict[str, RoleAttribution]
    no_claim_reports: tuple[int, ...] = ()
    considered: tuple[int, ...] = field(default=(), repr=False)

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
                self_claimed=any(
                    c.stance == "claims_responsibility"
                    and c.claimant_actor_id is not None
                    and c.attributed_actor_id in lineage(c.claimant_actor_id, parents)
                    for c in support
                ),
                confirmed=any(c.status == "confirmed" for c in support),
                independent_sources=len(set().union(*(c.source_origin_ids for c in support))),
                also_named_as=tuple(sorted({c.attributed_actor_id for c in support} - {candidate})),
            )
        )
    candidates.sort(key=lambda c: (-len(c.supporting), -c.independent_sources, c.actor_id))

    contested = (
        len(candidates) > 1
        or any(c.opposing for c in candidates)
        or any(
            claim.stance == "disputes"
            and claim.responds_to_id in by_id
            and by_id[claim.responds_to_id].role == role
            and by_id[claim.responds_to_id].stance != "no_claim"
            for claim in claims
        )
        or any(claim.status == "disputed" for claim in in_role)
    )
    if not candidates:
        state = AttributionState.UNATTRIBUTED
    elif any(c.confirmed for c in candidates):
        state = AttributionState.CONFIRMED
    elif contested:
        state = AttributionState.CONTESTED
    elif candidates[0].self_claimed:
        state = AttributionState.CLAIMED
    else:
        state = AttributionState.ATTRIBUTED
    other_denials = tuple(
        claim.id
        for claim in in_role
        if claim.stance == "denies" and claim.id not in matched_denials
    )
    return RoleAttribution(role, state, tuple(candidates), other_denials)


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
