"""The migration that refolds stored aliases with the Arabic-script rules."""

import importlib

from django.apps import apps

from claims.models import ActorAlias
from tests.factories import make_actor

refold = importlib.import_module("claims.migrations.0016_refold_arabic_script_aliases").refold


def _alias_stored_by_former_rules(actor, name: str) -> None:
    """An alias as the former rules stored it (they kept the Persian letters apart)."""
    ActorAlias.objects.bulk_create([ActorAlias(actor=actor, name=name, normalized=name)])


def test_it_refolds_stored_keys_and_removes_an_entrys_redundant_spelling(db, capsys):
    actor = make_actor("كتائب حزب الله")
    _alias_stored_by_former_rules(actor, "کتائب حزب الله")

    refold(apps, None)

    assert list(actor.aliases.values_list("normalized", flat=True)) == ["كتايب حزب الله"]
    assert "merge them" not in capsys.readouterr().out


def test_it_never_merges_two_entries_that_now_share_a_spelling(db, capsys):
    arabic = make_actor("قاسم سليماني")
    persian = make_actor("Qasem Soleimani (Persian spelling)")
    _alias_stored_by_former_rules(persian, "قاسم سلیمانی")

    refold(apps, None)

    assert arabic.aliases.get().normalized == "قاسم سليماني"
    persian_keys = set(persian.aliases.values_list("normalized", flat=True))
    assert "قاسم سلیمانی" in persian_keys  # kept apart under its former key, and reported
    assert "merge them if they are one" in capsys.readouterr().out
