"""Merging two actors or two people into one, recorded so that it can be undone."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from simple_history.utils import bulk_create_with_history

from claims import policy
from claims.announcements import Change, announce
from claims.models import (
    Actor,
    ActorAlias,
    Affiliation,
    Claim,
    Merge,
    Person,
    PersonAlias,
)

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
    policy.check_merge(by, type(survivor))
    if type(survivor) is not type(loser) or survivor.pk == loser.pk:
        raise ValueError(gettext("Merge two different actors, or two different people."))
    if kind == Merge.Kind.ACTOR and survivor.is_same_or_subunit_of(loser):
        raise ValueError(
            gettext("%(survivor)s is a sub-unit of %(merged)s: merge the other way round.")
            % {"survivor": survivor, "merged": loser}
        )
    reason = f"Merged “{loser}” into “{survivor}”"
    loser_pk = loser.pk
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
    announce(Change.MERGED, [record.pk], by=by, model=kind, survivor=survivor.pk, loser=loser_pk)
    return record


@transaction.atomic
def undo_merge(record: Merge, *, by=None) -> Actor | Person:
    """Recreate the merged-away record with its id and move back what the merge moved."""
    policy.check_merge(by, Actor if record.kind == Merge.Kind.ACTOR else Person)
    if record.undone_at is not None:
        raise ValueError(gettext("This merge has already been undone."))
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
    announce(Change.MERGE_UNDONE, [record.pk], by=by, model=record.kind, restored=loser.pk)
    return loser
