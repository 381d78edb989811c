"""Writes that touch several rows or carry side effects: publishing, status changes,
keeping each event's derived attribution up to date."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from claims.attribution import ClaimFacts, attribution_state, lineage
from claims.caching import content_changed
from claims.models import (
    Actor,
    ActorAlias,
    Affiliation,
    Citation,
    Claim,
    Event,
    EventCandidate,
    Merge,
    Person,
    PersonAlias,
)


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


def refresh_attribution(event: Event) -> None:
    """Store the event's headline state and candidates as its published claims now say."""
    refresh_attributions([event.pk])
    event.refresh_from_db(fields=["attribution_state", "headline_reason", "published_claim_count"])


@transaction.atomic
def refresh_attributions(event_ids, *, chunk_size: int = 500) -> None:
    """The same for many events at once (an import): the actor tree is read once, and
    claims, citations and the derived rows are read and written a chunk of events at a
    time, as plain values (no model instance per claim and citation)."""
    # Bulk writes send no signals: what readers see changes, so say so here.
    content_changed()
    parents = Actor.objects.parent_map()
    event_ids = sorted(set(event_ids))
    for start in range(0, len(event_ids), chunk_size):
        chunk = event_ids[start : start + chunk_size]
        facts = _published_facts(chunk)
        candidates, states = [], []
        for event_id, event_facts in facts.items():
            result = attribution_state(event_facts, parents)
            reason = result.headline_reason.as_data()
            states.append((result.state.value, reason, len(event_facts), event_id))
            candidates += [
                EventCandidate(
                    event_id=event_id,
                    actor_id=candidate.actor_id,
                    role=role.role,
                    role_state=role.state,
                    rank=rank,
                    supporting_count=len(candidate.supporting),
                )
                for role in result.roles.values()
                for rank, candidate in enumerate(role.candidates, start=1)
            ]
        # An UPDATE, not save(): derived data is no editor's change (no history, no new
        # version).
        _store_event_states(states)
        EventCandidate.objects.filter(event_id__in=chunk).delete()
        EventCandidate.objects.bulk_create(candidates)


def _store_event_states(states: list[tuple[str, dict, int, int]]) -> None:
    """(state, headline reason, published claim count, event id) rows, in one executemany
    (bulk_update's CASE of every event of the chunk costs more to build than to run)."""
    table = connection.ops.quote_name(Event._meta.db_table)
    reason_field = Event._meta.get_field("headline_reason")
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET attribution_state = %s, headline_reason = %s, "
            "published_claim_count = %s WHERE id = %s",
            [
                (state, reason_field.get_db_prep_save(reason, connection), count, pk)
                for state, reason, count, pk in states
            ],
        )


def _published_facts(event_ids: list[int]) -> dict[int, list[ClaimFacts]]:
    """Each event's published claims as the attribution rules see them, in date order
    (an event without any: an empty list)."""
    published = Claim.objects.filter(event_id__in=event_ids).published().order_by("stated_on", "pk")
    return {pk: [] for pk in event_ids} | published.facts_by_event()


def refresh_attribution_of_actor_events(actor: Actor) -> None:
    """After a change in the actor tree: every event naming the actor or a body below it."""
    parents = Actor.objects.parent_map()
    below = {other for other in parents if actor.pk in lineage(other, parents)}
    events = Event.objects.filter(claims__attributed_actor__in=below).values_list("pk", flat=True)
    refresh_attributions(events.distinct())


# Which rows point at an actor or a person, by the name recorded in Merge.moved.
_MERGE_LINKS = {
    Merge.Kind.ACTOR: {
        "claims_made": (Claim, "claimant_actor"),
        "claims_about": (Claim, "attributed_actor"),
        "affiliations": (Affiliation, "actor"),
        "subunits": (Actor, "parent"),
        "aliases": (ActorAlias, "actor"),
    },
    Merge.Kind.PERSON: {
        "claims_made": (Claim, "claimant_person"),
        "affiliations": (Affiliation, "person"),
        "aliases": (PersonAlias, "person"),
    },
}
_LOSER_FIELDS = {
    Merge.Kind.ACTOR: [
        "name",
        "slug",
        "kind",
        "country",
        "description",
        "wikidata_id",
        "parent_id",
    ],
    Merge.Kind.PERSON: ["name", "slug", "description", "wikidata_id"],
}


def _plain(value):
    """A field value as JSON can keep it (a country as its code)."""
    return getattr(value, "code", value)


def _repoint(rows, field: str, target, reason: str) -> None:
    """Point each row's `field` at `target`, saving one by one so that history records it."""
    for row in rows:
        setattr(row, field, target)
        row._change_reason = reason
        row.save()


@transaction.atomic
def merge(survivor: Actor | Person, loser: Actor | Person, *, by=None) -> Merge:
    """Move every claim, affiliation, sub-unit and alias of `loser` to `survivor`, then
    delete `loser`; its names stay as aliases of the survivor. Undo with `undo_merge`."""
    kind = Merge.Kind.ACTOR if isinstance(survivor, Actor) else Merge.Kind.PERSON
    if type(survivor) is not type(loser) or survivor.pk == loser.pk:
        raise ValueError("Merge two different actors, or two different people.")
    if kind == Merge.Kind.ACTOR and survivor.is_same_or_subunit_of(loser):
        raise ValueError(f"{survivor} is a sub-unit of {loser}: merge the other way round.")
    reason = f"Merged “{loser}” into “{survivor}”"
    moved = {}
    for name, (model, field) in _MERGE_LINKS[kind].items():
        rows = list(model.objects.filter(**{field: loser}))
        moved[name] = [row.pk for row in rows]
        _repoint(rows, field, survivor, reason)
    record = Merge.objects.create(
        kind=kind,
        survivor_id=survivor.pk,
        survivor_name=survivor.name,
        loser_name=loser.name,
        loser_fields={"pk": loser.pk} | {f: _plain(getattr(loser, f)) for f in _LOSER_FIELDS[kind]},
        moved=moved,
        merged_by=by,
    )
    loser._change_reason = reason
    loser.delete()
    return record


@transaction.atomic
def undo_merge(record: Merge, *, by=None) -> Actor | Person:
    """Recreate the merged-away record with its id and move back what the merge moved."""
    if record.undone_at is not None:
        raise ValueError("This merge has already been undone.")
    model = Actor if record.kind == Merge.Kind.ACTOR else Person
    fields = dict(record.loser_fields)
    loser = model(pk=fields.pop("pk"), **fields)
    # Its aliases come back from the survivor below, so the name needs no new alias row.
    bulk_create_with_history([loser], model, default_user=by, default_change_reason="Merge undone")
    reason = f"Undid the merge of “{record.loser_name}” into “{record.survivor_name}”"
    for name, (link_model, field) in _MERGE_LINKS[record.kind].items():
        _repoint(link_model.objects.filter(pk__in=record.moved.get(name, [])), field, loser, reason)
    record.undone_at = timezone.now()
    record.undone_by = by
    record.save()
    return loser
