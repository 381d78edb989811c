"""The set-up commands that `make run` calls."""

import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from claims.models import Event
from tests.factories import make_claim

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def log_in(username: str, password: str):
    """Authenticate as the login page does (the lockout backend needs the request)."""
    return authenticate(
        RequestFactory().post("/admin/login/"), username=username, password=password
    )


def password_in(output: str) -> str:
    return output.split("password: ")[1].split()[0]


def test_it_creates_an_editor_with_a_generated_password_printed_once():
    first = run("create_editor", "editor")
    second = run("create_editor", "editor")

    password = password_in(first)
    user = log_in("editor", password)
    assert user is not None and user.is_staff
    assert [group.name for group in user.groups.all()] == ["Editor"]
    assert "already exists" in second and password not in second


def test_it_generates_a_different_password_for_each_account():
    first = password_in(run("create_editor", "editor"))
    second = password_in(run("create_editor", "reviewer", "--role", "Reviewer"))
    assert first != second
    assert len(first) >= 16


def test_a_reviewer_account_may_publish():
    password = password_in(run("create_editor", "rita", "--role", "Reviewer"))
    user = log_in("rita", password)
    assert user.has_perm("claims.publish_claim")
    assert not log_in("editor-less", password)


def test_the_migrations_match_the_models():
    # Fails with the list of changes when a model was edited without a migration.
    run("makemigrations", "--check", "--dry-run")


def test_it_exports_published_claims_to_a_file_in_the_api_format(tmp_path):
    from claims.exports import CSV_COLUMNS
    from tests.factories import make_claim

    published = make_claim()
    make_claim(publication="draft")

    out = run("export_claims", str(tmp_path / "claims.csv"))
    run("export_claims", str(tmp_path / "claims.ndjson"))

    lines = (tmp_path / "claims.csv").read_text().splitlines()
    assert lines[0] == ",".join(CSV_COLUMNS)
    assert [line.split(",")[0] for line in lines[1:]] == [str(published.pk)]
    assert (tmp_path / "claims.ndjson").read_text().count("\n") == 1
    assert "Wrote 1 claims" in out


def test_it_exports_the_id_of_a_draft_answered_only_with_the_drafts(tmp_path):
    import csv

    from tests.factories import make_claim

    answered = make_claim(publication="draft")
    dispute = make_claim(event=answered.event, stance="disputes", responds_to=answered)

    run("export_claims", str(tmp_path / "public.csv"))
    run("export_claims", "--include-drafts", str(tmp_path / "all.csv"))

    with (tmp_path / "public.csv").open() as public, (tmp_path / "all.csv").open() as every:
        public_rows = {row["id"]: row for row in csv.DictReader(public)}
        all_rows = {row["id"]: row for row in csv.DictReader(every)}
    assert public_rows[str(dispute.pk)]["responds_to"] == ""
    assert all_rows[str(dispute.pk)]["responds_to"] == str(answered.pk)

    # Such a public file cannot say what the dispute answers: its import names the row.
    errors = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_claims", "--dry-run", str(tmp_path / "public.csv"), stderr=errors)
    assert "line 2, responds_to" in errors.getvalue()


def test_it_refreshes_the_stored_attribution_of_every_event():
    claim = make_claim()
    # As after the migration that added the headline reason: derived data not there yet.
    Event.objects.update(attribution_state="unattributed", headline_reason=None)

    output = run("refresh_attributions")

    claim.event.refresh_from_db()
    assert output.strip() == "Refreshed the attribution of 1 events."
    assert claim.event.attribution_state == "attributed"
    assert claim.event.headline_reason["code"] == "named_by_others"
