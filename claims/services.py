"""Writes that touch several rows or carry side effects: publishing, status changes."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from claims.models import Citation, Claim


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
    """Publish every claim or none; a claim without a citation cannot be published.

    Each publication is saved one by one so that history records who published it.
    Returns the number of claims that changed.
    """
    claim_ids = [claim.pk for claim in claims]
    selected = list(Claim.objects.filter(pk__in=claim_ids).select_for_update())
    cited = set(
        Citation.objects.filter(claim__in=claim_ids).values_list("claim_id", flat=True).distinct()
    )
    problems = {claim: "it has no citation" for claim in selected if claim.pk not in cited}
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
