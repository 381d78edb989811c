"""A backup restores into an empty database with nothing lost, history included; a deleted
record comes back from its history."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from claims.models import Actor, Citation, Claim, Event
from tests.factories import make_actor, make_claim

pytestmark = pytest.mark.django_db


def everything() -> dict[str, list]:
    """Every row of every tracker table (history tables included), without ids."""
    rows = {}
    for model in apps.get_app_config("claims").get_models():
        fields = [f.attname for f in model._meta.concrete_fields if not f.primary_key]
        rows[model._meta.label] = sorted(map(repr, model.objects.values_list(*fields)), key=str)
    return rows


# Emptying the database (TRUNCATE on PostgreSQL) needs its own transactions; the
# serialized rollback puts back what the migrations created (the groups) afterwards.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restores_into_an_empty_database_with_nothing_lost(tmp_path, admin_user):
    call_command("load_demo", stdout=io.StringIO())
    claim = Claim.objects.first()
    claim.hedging = "alleged"
    claim.save()
    before = everything()
    path = tmp_path / "backup.json.gz"

    call_command("backup", str(path), stdout=io.StringIO())
    call_command("flush", interactive=False)
    assert not Claim.objects.exists()
    call_command("loaddata", str(path), verbosity=0)

    assert everything() == before
    assert Claim.history.filter(hedging="alleged").exists()
    assert Event.objects.filter(attribution_state="contested").exists()


def test_a_deleted_claim_comes_back_with_its_citations(client, alice):
    claim = make_claim(publication=Claim.Publication.DRAFT, citations=2)
    pk = claim.pk
    client.force_login(alice)
    client.post(reverse("admin:claims_claim_delete", args=[pk]), {"post": "yes"})
    assert not Claim.objects.filter(pk=pk).exists()

    page = client.get(reverse("admin:claims_claim_deleted"))
    record = page.context["records"][0]
    client.post(reverse("admin:claims_claim_deleted"), {"restore": [record.history_id]})

    restored = Claim.objects.get(pk=pk)
    assert restored.citations.count() == 2
    assert restored.history.first().history_change_reason == "Restored from history"


def test_a_deleted_actor_comes_back_with_its_aliases(client, admin_user):
    actor = make_actor("Harakat al-Nujaba")
    actor.aliases.create(name="Nujaba")
    pk = actor.pk
    actor.delete()
    client.force_login(admin_user)

    page = client.get(reverse("admin:claims_actor_deleted"))
    client.post(
        reverse("admin:claims_actor_deleted"),
        {"restore": [r.history_id for r in page.context["records"]]},
    )

    assert set(Actor.objects.get(pk=pk).aliases.values_list("name", flat=True)) == {
        "Harakat al-Nujaba",
        "Nujaba",
    }
    assert Citation.objects.count() == 0
