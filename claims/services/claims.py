"""Claims and their citations: the one way they are created, changed, published,
verified, retracted and deleted, whichever channel the change comes through.

Each function checks the permission policy (`claims.policy`) against the claim as it
is and as it would be, checks the model's rules, writes with history, and announces
what changed (`claims.announcements`). A refused change raises `policy.Refused` or
`ValidationError` before anything is written.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from claims import policy
from claims.announcements import Change, announce
from claims.models import Citation, Claim

from .records import seen_by_readers

# The related rows a claim names: checked by the database's foreign keys.
_CLAIM_RELATIONS = ["event", "claimant_actor", "claimant_person", "attributed_actor", "responds_to"]


class PublishError(Exception):
    """Raised with the claims that cannot be published and why."""

    def __init__(self, problems: dict[Claim, str]):
        self.problems = problems
        super().__init__("; ".join(f"{claim.pk}: {why}" for claim, why in problems.items()))


@dataclass
class CitationChanges:
    """What a write does to a claim's citations: saves these (new or changed), deletes
    those; `replace` deletes every stored citation not saved here."""

    save: list[Citation] = field(default_factory=list)
    delete: list[Citation] = field(default_factory=list)
    replace: bool = False


def claim_state(claim: Claim | None) -> policy.ClaimState | None:
    if claim is None:
        return None
    return policy.ClaimState(
        publication=claim.publication,
        status=claim.status,
        retraction_reason=claim.retraction_reason or "",
    )


def _stored(claim: Claim) -> Claim | None:
    if claim.pk is None or claim._state.adding:
        return None
    return Claim.objects.select_for_update().filter(pk=claim.pk).first()


def _citations_after(claim: Claim, changes: CitationChanges | None) -> list[Citation]:
    """The claim's citations as they would be after the write, each checked."""
    stored = list(claim.citations.all()) if claim.pk else []
    if changes is None:
        return stored
    saved = {c.pk for c in changes.save if c.pk}
    deleted = {c.pk for c in changes.delete}
    kept = [] if changes.replace else [c for c in stored if c.pk not in saved | deleted]
    after = kept + [c for c in changes.save]
    for citation in changes.save:
        citation.check_quote()
    return after


def check_publishable(claim: Claim, citations: list[Citation]) -> None:
    """A published claim needs a citation, and its quotes found (or a reason)."""
    if claim.publication != Claim.Publication.PUBLISHED:
        return
    if problems := claim.publication_problems(citations):
        raise ValidationError(
            {"citations": _("The claim cannot be published: %(why)s.") % {"why": problems[0]}}
        )


def _validate(claim: Claim, citations: Iterable[Citation]) -> None:
    """The model's rules; the database's foreign keys and constraints guard the rest."""
    claim.clean_fields(exclude=_CLAIM_RELATIONS)
    claim.clean()
    for citation in citations:
        citation.clean_fields(exclude=["claim", "source"])


@transaction.atomic
def save_claim(
    claim: Claim,
    *,
    by,
    citations: CitationChanges | None = None,
    reason: str | None = None,
    announce_as: Change | None = None,
) -> Claim:
    """Create or change a claim with its citations, as `by` (None: the system)."""
    before = _stored(claim)
    policy.check_claim_change(by, claim_state(before), claim_state(claim))
    after = _citations_after(claim, citations)
    Claim.check_citation_count(len(after))
    _validate(claim, citations.save if citations else ())
    check_publishable(claim, after)
    created = before is None
    if created:
        claim.created_by = by
    claim.updated_by = by
    claim._change_reason = reason
    claim.save()
    if citations is not None:
        _write_citations(claim, citations, reason=reason)
    fields = _changed_fields(before, claim) + (["citations"] if citations else [])
    _announce_claim_change(claim, claim_state(before), by=by, fields=fields, kind=announce_as)
    return claim


def _write_citations(claim: Claim, changes: CitationChanges, *, reason: str | None) -> None:
    saved = {c.pk for c in changes.save if c.pk}
    doomed = list(changes.delete)
    if changes.replace:
        doomed += [c for c in claim.citations.all() if c.pk not in saved]
    for citation in doomed:
        citation._change_reason = reason
        citation.delete()
    for citation in changes.save:
        citation.claim = claim
        citation._change_reason = reason
        citation.save()


def _changed_fields(before: Claim | None, claim: Claim) -> list[str]:
    if before is None:
        return []
    names = [f.attname for f in Claim._meta.concrete_fields if f.attname not in _NOT_COMPARED]
    return [name for name in names if getattr(before, name) != getattr(claim, name)]


# Stamps every save changes; not what an announcement reports.
_NOT_COMPARED = {"version", "updated_at", "updated_by_id", "created_at", "created_by_id"}


def _announce_claim_change(
    claim: Claim,
    was: policy.ClaimState | None,
    *,
    by,
    fields: list[str],
    kind: Change | None = None,
) -> None:
    """The claim's change, then what it means to readers: published, unpublished,
    its status changed, retracted."""
    common = {"by": by, "event": claim.event_id}
    if was is None:
        announce(kind or Change.CLAIM_CREATED, [claim.pk], **common)
        was = policy.ClaimState("draft", Claim.Status.UNVERIFIED)
    else:
        announce(kind or Change.CLAIM_CHANGED, [claim.pk], fields=fields, **common)
    if claim.publication != was.publication:
        published = claim.publication == Claim.Publication.PUBLISHED
        kind = Change.CLAIM_PUBLISHED if published else Change.CLAIM_UNPUBLISHED
        announce(kind, [claim.pk], **common)
    if claim.status != was.status:
        retracted = claim.status == Claim.Status.RETRACTED
        announce(
            Change.CLAIM_RETRACTED if retracted else Change.CLAIM_STATUS_CHANGED,
            [claim.pk],
            status=[was.status, claim.status],
            reason=claim.retraction_reason,
            **common,
        )


@transaction.atomic
def publish_claims(claims: Iterable[Claim], *, by) -> int:
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
    return _set_on_each(
        selected, by=by, reason="Published", publication=Claim.Publication.PUBLISHED
    )


@transaction.atomic
def unpublish_claims(claims: Iterable[Claim], *, by) -> int:
    selected = Claim.objects.filter(pk__in=[c.pk for c in claims]).select_for_update()
    return _set_on_each(selected, by=by, reason="Unpublished", publication=Claim.Publication.DRAFT)


@transaction.atomic
def set_claim_status(claims: Iterable[Claim], status: Claim.Status, *, by) -> int:
    status = Claim.Status(status)
    if status == Claim.Status.RETRACTED:
        raise ValidationError(
            {"status": _("Retracting needs a reason: retract one claim at a time.")}
        )
    selected = Claim.objects.filter(pk__in=[c.pk for c in claims]).select_for_update()
    return _set_on_each(selected, by=by, reason=f"Status set to {status.label}", status=status)


def _set_on_each(claims: Iterable[Claim], *, by, reason: str, **values) -> int:
    """Set `values` on each claim that differs, one save each (history says who)."""
    changed = 0
    for claim in claims:
        if all(getattr(claim, name) == value for name, value in values.items()):
            continue
        was = claim_state(claim)
        fields = [name for name, value in values.items() if getattr(claim, name) != value]
        for name, value in values.items():
            setattr(claim, name, value)
        policy.check_claim_change(by, was, claim_state(claim))
        claim.updated_by = by
        claim._change_reason = reason
        claim.save()
        _announce_claim_change(claim, was, by=by, fields=fields)
        changed += 1
    return changed


@transaction.atomic
def retract_claim(claim: Claim, *, reason: str, by) -> Claim:
    """Mark a claim retracted with the reason readers will see."""
    claim.status = Claim.Status.RETRACTED
    claim.retraction_reason = reason
    return save_claim(claim, by=by, reason="Retracted")


@transaction.atomic
def delete_claims(claims: Iterable[Claim], *, by, reason: str | None = None) -> int:
    """Delete drafts nobody has seen; what readers have seen needs the Admin's right."""
    claims = list(claims)
    for claim in claims:
        policy.check_deletion(by, claim, seen_by_readers=seen_by_readers(claim))
    for claim in claims:
        pk, event_id = claim.pk, claim.event_id
        claim._change_reason = reason
        claim.delete()
        announce(Change.CLAIM_DELETED, [pk], by=by, event=event_id)
    return len(claims)


def delete_claim(claim: Claim, *, by, reason: str | None = None) -> None:
    delete_claims([claim], by=by, reason=reason)


@transaction.atomic
def save_citation(citation: Citation, *, by, reason: str | None = None) -> Citation:
    """Create or change one citation (the citations admin): the claims it leaves and
    joins must stay publishable."""
    previous = (
        Citation.objects.select_related("claim").filter(pk=citation.pk).first()
        if citation.pk
        else None
    )
    if previous is not None and previous.claim_id != citation.claim_id:
        _check_citations_change(previous.claim, CitationChanges(delete=[previous]), by=by)
    _check_citations_change(citation.claim, CitationChanges(save=[citation]), by=by)
    citation.clean_fields(exclude=["claim", "source"])
    citation._change_reason = reason
    citation.save()
    for claim_id in {citation.claim_id, previous.claim_id if previous else None} - {None}:
        announce(Change.CITATIONS_CHANGED, [claim_id], by=by)
    return citation


@transaction.atomic
def delete_citations(citations: Iterable[Citation], *, by, reason: str | None = None) -> int:
    """Delete citations; a published claim keeps at least one."""
    by_claim: dict[int, list[Citation]] = {}
    for citation in citations:
        by_claim.setdefault(citation.claim_id, []).append(citation)
    for claim in Claim.objects.select_for_update().filter(pk__in=by_claim):
        _check_citations_change(claim, CitationChanges(delete=by_claim[claim.pk]), by=by)
    count = 0
    for claim_id, doomed in by_claim.items():
        for citation in doomed:
            citation._change_reason = reason
            citation.delete()
            count += 1
        announce(Change.CITATIONS_CHANGED, [claim_id], by=by)
    return count


def _check_citations_change(
    claim: Claim, changes: CitationChanges, *, by, publishable: bool = True
) -> None:
    """A published claim keeps at least one citation, and its quotes found (or a reason).
    (Correcting or removing one of several citations is ordinary editing; history keeps
    what readers saw.)"""
    after = _citations_after(claim, changes)
    Claim.check_citation_count(len(after))
    if publishable:
        check_publishable(claim, after)
