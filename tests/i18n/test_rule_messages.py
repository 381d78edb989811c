"""The claim rules' messages and the import report's problems come out in the language
active when they are made (the editor's): the same text in English, translated in Arabic."""

import os
import shutil
import tempfile
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from claims.importer import ImportRefused, read_rows
from claims.models import Claim, ImportJob
from claims.services import import_claims
from tests.factories import make_event

pytestmark = pytest.mark.django_db

SPREADSHEET = (
    "event,event_date,stance,stated_on,quote,colour\n"
    "K1 base rocket attack,2019-12-27,attributes,,the group was guilty,red\n"
)


def _problems(language: str) -> list[tuple[int, str, str]]:
    with translation.override(language), pytest.raises(ImportRefused) as refused:
        import_claims(read_rows(SPREADSHEET, "claims.csv"))
    return [(error.line, error.column, error.message) for error in refused.value.report.errors]


def test_an_import_rows_problems_are_told_in_arabic():
    assert _problems("en") == [(2, "colour", "unknown column")]
    assert _problems("ar") == [(2, "colour", "عمود غير معروف")]


def test_a_missing_value_of_an_import_row_is_told_in_arabic():
    spreadsheet = SPREADSHEET.replace(",red\n", "\n").replace(",colour\n", "\n")
    with translation.override("ar"), pytest.raises(ImportRefused) as refused:
        import_claims(read_rows(spreadsheet, "claims.csv"))

    assert [(e.column, e.message) for e in refused.value.report.errors] == [("stated_on", "مطلوب")]


def _clean_messages(claim: Claim, language: str) -> dict[str, list[str]]:
    with translation.override(language), pytest.raises(ValidationError) as refused:
        claim.clean()
    return refused.value.message_dict


def test_a_claim_rule_is_told_in_arabic():
    dispute = Claim(
        event=make_event(), claimant_description="a spokesman", stance=Claim.Stance.DISPUTES
    )

    assert _clean_messages(dispute, "en") == {
        "responds_to": ["Choose the claim that this one disputes."]
    }
    assert _clean_messages(dispute, "ar") == {
        "responds_to": ["اختر الادعاء الذي يعترض عليه هذا الادعاء."]
    }


def test_a_claim_rule_names_the_stance_in_arabic():
    claim = Claim(
        event=make_event(),
        claimant_description="a spokesman",
        stance=Claim.Stance.CLAIMS_RESPONSIBILITY,
    )

    assert _clean_messages(claim, "en") == {
        "attributed_actor": ["A claim that claims responsibility needs the actor it is about."]
    }
    assert _clean_messages(claim, "ar") == {
        "attributed_actor": ["الادعاء الذي يتبنّى المسؤولية يحتاج إلى الجهة التي يتناولها."]
    }


def test_the_admins_import_report_speaks_the_language_the_editor_uploaded_in(
    client, alice, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client.force_login(alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    spreadsheet = SPREADSHEET.replace(",red\n", "\n").replace(",colour\n", "\n")
    with django_capture_on_commit_callbacks() as enqueued:
        uploaded = client.post(
            "/admin/claims/claim/import/",
            {"file": SimpleUploadedFile("claims.csv", spreadsheet.encode())},
        )
    translation.activate("en")  # the worker's own language, not the editor's
    for enqueue in enqueued:
        enqueue()  # the dry run, at once

    assert ImportJob.objects.get().report["errors"] == [
        {"line": 2, "column": "stated_on", "message": "مطلوب"}
    ]
    assert "مطلوب" in client.get(uploaded.url).content.decode()


def _catalogue_outside_the_site(folder) -> str:
    """A language code that is a path from the project's catalogues to a catalogue of
    our own, which says "required" otherwise."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    catalogue = Catalog(locale="en")
    catalogue.add("required", "FROM OUTSIDE")
    (folder / "LC_MESSAGES").mkdir(parents=True)
    with open(folder / "LC_MESSAGES" / "django.mo", "wb") as mo:
        write_mo(mo, catalogue)
    return os.path.relpath(folder, settings.LOCALE_PATHS[0])


@pytest.mark.parametrize("stored", ["outside", "xx", "", None])
def test_a_job_asking_for_a_language_the_site_lacks_runs_in_the_workers_own(alice, stored, request):
    """A task's arguments are stored rows: a language code is checked against the site's
    languages before any catalogue is read (Django would load one from any path)."""
    from claims import import_jobs

    if stored == "outside":
        # Lower-case letters and digits only, which a language code keeps as they are.
        folder = Path(tempfile.gettempdir()) / f"catalogue{uuid.uuid4().int}"
        request.addfinalizer(lambda: shutil.rmtree(folder, ignore_errors=True))
        stored = _catalogue_outside_the_site(folder)
    spreadsheet = SPREADSHEET.replace(",red\n", "\n").replace(",colour\n", "\n")
    job = ImportJob.objects.create(
        created_by=alice, filename="claims.csv", data=spreadsheet.encode()
    )
    translation.activate("en")

    import_jobs._run(job.pk, dry_run=True, language=stored)

    job.refresh_from_db()
    assert job.report["errors"][0]["message"] == "required"
    assert translation.get_language() == "en"


def test_a_job_in_a_regional_variant_speaks_its_language(alice):
    from claims import import_jobs

    spreadsheet = SPREADSHEET.replace(",red\n", "\n").replace(",colour\n", "\n")
    job = ImportJob.objects.create(
        created_by=alice, filename="claims.csv", data=spreadsheet.encode()
    )

    import_jobs._run(job.pk, dry_run=True, language="ar-iq")

    job.refresh_from_db()
    assert job.report["errors"][0]["message"] == "مطلوب"
