"""Writes that touch several rows or carry side effects: publishing, status changes,
keeping each event's derived attribution up to date."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from claims.attribution import lineage
from claims.models import Actor, Citation, Claim, Event, EventCandidate


class PublishError(Exception):
    """Raised with the claims that cannot be published and why."""

    def __init__(self, problems: dict[Claim, str]):
        self.problems = problems
        super().__init__("; ".join(f"{claim.pk}: {why}" for claim, why in problems.items()))


def _save_with_history(claim: Claim, *, by: AbstractBaseUser | None, reason: str) -> None:
    claim.updated_by = by
    claim._change_reason = reason
    claim.save()


@transaction.atomic
def publish_claims(claims: Iterable[Claim], *, by: AbstractBaseUser | None) -> int:
    """Publish every claim or none; see Claim.publication_problems for what stops one.

    Each publication is saved one by one so that history records who published it.
    Returns the number of claims that changed.
    """
    claim_ids = [claim.pk for claim in claims]
    selected = list(Claim.objects.filter(pk__in=claim_ids).select_for_update())
    citations: dict[int, list[Citation]] = {claim.pk: [] for claim in selected}
    for citation in Citation.objects.filter(claim__in=claim_ids):
        citations[citation.claim_id].append(citation)
    problems = {
        claim: "; ".join(found)
        for claim in selected
        if (found := claim.publication_problems(citations[claim.pk]))
    }
    if problems:
        raise PublishError(problems)
    changed = 0
    for claim in selected:
        if claim.publication != Claim.Publication.PUBLISHED:
            claim.publication = Claim.Publication.PUBLISHED
            _save_with_history(claim, by=by, reason="Published")
            changed += 1
    return changed


@transaction.atomic
def unpublish_claims(claims: Iterable[Claim], *, by: AbstractBaseUser | None) -> int:
    changed = 0
    for claim in Claim.objects.filter(pk__in=[c.pk for c in claims]).select_for_update():
        if claim.publication != Claim.Publication.DRAFT:
            claim.publication = Claim.Publication.DRAFT
            _save_with_history(claim, by=by, reason="Unpublished")
            changed += 1
    return changed


@transaction.atomic
def set_claim_status(
    claims: Iterable[Claim], status: Claim.Status, *, by: AbstractBaseUser | None
) -> int:
    changed = 0
    for claim in Claim.objects.filter(pk__in=[c.pk for c in claims]).select_for_update():
        if claim.status != status:
            claim.status = status
            _save_with_history(claim, by=by, reason=f"Status set to {status.label}")
            changed += 1
    return changed


@transaction.atomic
def refresh_attribution(event: Event) -> None:
    """Store the event's headline state and candidates as its published claims now say."""
    claims = list(Claim.objects.filter(event=event).published().for_display())
    result = event.attribution(claims)
    Event.objects.filter(pk=event.pk).update(
        attribution_state=result.state, published_claim_count=len(claims)
    )
    event.attribution_state, event.published_claim_count = result.state, len(claims)
    EventCandidate.objects.filter(event=event).delete()
    EventCandidate.objects.bulk_create(
        EventCandidate(
            event=event,
            actor_id=candidate.actor_id,
            role=role.role,
            role_state=role.state,
            rank=rank,
            supporting_count=len(candidate.supporting),
        )
        for role in result.roles.values()
        for rank, candidate in enumerate(role.candidates, start=1)
    )


def refresh_attribution_of_actor_events(actor: Actor) -> None:
    """After a change in the actor tree: every event naming the actor or a body below it."""
    parents = Actor.objects.parent_map()
    below = {other for other in parents if actor.pk in lineage(other, parents)}
    for event in Event.objects.filter(claims__attributed_actor__in=below).distinct():
        refresh_attribution(event)
