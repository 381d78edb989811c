"""A backup restores into an empty database with nothing lost, history included; a deleted
record comes back from its history."""

import gzip
import io
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from claims.models import Actor, Citation, Claim
from tests.factories import make_actor, make_claim

pytestmark = pytest.mark.django_db


PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture
def empty_database_url(tmp_path):
    """A new, empty database of the kind the suite runs on (dropped afterwards)."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"tracker_restore_{uuid.uuid4().hex[:12]}"
    server = f"host={settings['HOST']} port={settings['PORT']} user={settings['USER']}"
    with psycopg.connect(f"{server} dbname=postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{name}"
    with psycopg.connect(f"{server} dbname=postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(*args: str, database_url: str) -> None:
    """Run manage.py in its own process, against another database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env |= {"DATABASE_URL": database_url, "DJANGO_DEBUG": "1"}
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


def records(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as backup:
        return sorted(json.load(backup), key=lambda r: (r["model"], json.dumps(r, sort_keys=True)))


def test_a_backup_restores_into_an_empty_database_with_nothing_lost(
    tmp_path, admin_user, empty_database_url
):
    call_command("load_demo", stdout=io.StringIO())
    claim = Claim.objects.first()
    claim.hedging = "alleged"
    claim.save()
    taken, again = tmp_path / "backup.json.gz", tmp_path / "again.json.gz"

    call_command("backup", str(taken), stdout=io.StringIO())
    manage("migrate", database_url=empty_database_url)
    manage("loaddata", str(taken), database_url=empty_database_url)
    manage("backup", str(again), database_url=empty_database_url)

    original = records(taken)
    assert records(again) == original
    models = {record["model"] for record in original}
    assert {"claims.historicalclaim", "claims.claim", "auth.user", "auth.group"} <= models
    assert any(
        r["model"] == "claims.historicalclaim" and r["fields"]["hedging"] == "alleged"
        for r in original
    )


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
