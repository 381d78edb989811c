"""Recompute every alias's normalised spelling with the Arabic-script folding rules
(claims/normalize.py, ARABIC_SCRIPT_FOLDS).

Spellings that now fold together:
- of one entry: the redundant rows are removed (the entry keeps the spelling);
- of two different entries: nothing is merged. The row that holds the spelling keeps
  it, the others keep their former key, and the pair is reported here, to be merged by
  a reviewer with the admin's Merge action if they are one.
"""

from collections import defaultdict

from django.db import migrations

from claims.normalize import normalize_name


def refold(apps, schema_editor):
    for alias_name, owner_field in (("ActorAlias", "actor"), ("PersonAlias", "person")):
        Alias = apps.get_model("claims", alias_name)
        groups = defaultdict(list)
        for alias in Alias.objects.select_related(owner_field).order_by("pk"):
            groups[normalize_name(alias.name)].append(alias)
        final = {}  # alias id -> its key from now on
        for key, aliases in groups.items():
            holder = next((a for a in aliases if a.normalized == key), aliases[0])
            final[holder.pk] = key
            for alias in aliases:
                if alias is holder:
                    continue
                if getattr(alias, f"{owner_field}_id") == getattr(holder, f"{owner_field}_id"):
                    alias.delete()
                else:
                    final[alias.pk] = alias.normalized  # unchanged
                    print(
                        f"\n  {alias_name}: “{alias.name}” ({getattr(alias, owner_field)}) "
                        f"now spells the same as “{holder.name}” "
                        f"({getattr(holder, owner_field)}): merge them if they are one."
                    )
        # A row keeping its former key keeps it from a row that would now take it.
        stored = dict(Alias.objects.values_list("pk", "normalized"))
        while clashes := _clashes(final, stored):
            for pk in clashes:
                final[pk] = stored[pk]
        changing = [pk for pk, key in final.items() if key != stored[pk]]
        # Through a placeholder no folded spelling can equal (folding lowercases), so
        # that no two rows hold one key in between.
        for pk in changing:
            Alias.objects.filter(pk=pk).update(normalized=f"REFOLD-{pk}")
        for pk in changing:
            Alias.objects.filter(pk=pk).update(normalized=final[pk])


def _clashes(final: dict, stored: dict) -> list:
    """Rows whose new key another row ends up with too (the one that keeps it wins)."""
    holders = defaultdict(list)
    for pk, key in final.items():
        holders[key].append(pk)
    return [
        pk
        for pks in holders.values()
        if len(pks) > 1
        for pk in pks
        if final[pk] != stored[pk]
    ]


class Migration(migrations.Migration):
    dependencies = [("claims", "0015_event_public_state_index")]

    operations = [migrations.RunPython(refold, migrations.RunPython.noop)]
