"""The side doors found in review, one test each: ways a change got past the permission
policy (or a rule) because a channel wrote for itself. Each now goes through the one
write path (claims.services), which judges a change by what it changes, whichever
channel it comes through. (Drafts leaking through metadata are tested with the reader
pages.)"""

import json
import time
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from claims.exports import ndjson_lines
from claims.importer import SIMPLE_COLUMNS, ImportRefused, read_rows
from claims.models import Actor, Citation, Claim, Event, Person
from claims.services import import_claims, records
from tests.admin.helpers import claim_post, event_post
from tests.factories import make_actor, make_claim, make_person
from tests.parallel import at_once
from tests.security.channels import (
    ADMIN,
    EDITOR,
    REVIEWER,
    admin_client,
    api_client,
    changed_tables,
    member,
    row_of,
    row_prefix,
    run_action,
    snapshot,
    spreadsheet,
)

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_an_editor_cannot_delete_a_published_claim_from_the_event_inline():
    claim = make_claim()
    event = claim.event
    row = row_prefix("claims", event.claims.all(), claim)
    before = snapshot()

    page = admin_client(member(EDITOR)).post(
        f"/admin/claims/event/{event.pk}/change/", event_post(event, **{f"{row}-DELETE": "on"})
    )

    assert page.status_code == 200  # the page again, with the reason above the rows
    assert "retract or unpublish it instead of deleting it" in page.content.decode()
    assert changed_tables(before, snapshot()) == []


def test_an_editor_cannot_publish_by_reverting_history():
    """The revert form shows an Editor the old version's status and publication read-only,
    and saved them anyway: reverting to a published, confirmed version published it."""
    claim = make_claim(status="confirmed")
    first = claim.history.get()
    claim.publication, claim.status = "draft", "unverified"
    claim.save()
    client = admin_client(member(EDITOR))
    url = f"/admin/claims/claim/{claim.pk}/history/{first.history_id}/"
    before = snapshot()

    form = client.get(url).context["adminform"].form
    response = client.post(url, claim_post(first.instance, version=claim.version), follow=True)

    assert {"publication", "status"}.isdisjoint(form.fields)  # shown, not editable
    assert "Publishing a claim needs the reviewer" in response.content.decode()
    assert changed_tables(before, snapshot()) == []


def test_an_editors_import_cannot_unpublish_or_regrade(
    settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    claim = make_claim(status="confirmed")
    client = admin_client(member(EDITOR))
    upload = spreadsheet(row_of(claim, publication="draft", status="refuted"))
    before = snapshot()

    with django_capture_on_commit_callbacks(execute=True):  # the dry run's job
        uploaded = client.post(
            "/admin/claims/claim/import/",
            {"file": SimpleUploadedFile("claims.csv", upload.encode())},
        )

    page = client.get(uploaded.url).content.decode()
    assert "Unpublishing a claim needs the reviewer" in page
    assert "Setting the verification status needs the reviewer" in page
    assert 'class="default"' not in page  # nothing offered to import
    assert client.post(uploaded.url).status_code == 302  # a confirmation changes nothing
    assert changed_tables(before, snapshot()) == []


def test_a_spreadsheet_without_publication_or_status_columns_leaves_them_alone():
    """A column the file lacks was read as its default (draft, unverified), so an
    Editor's corrections unpublished and ungraded what they corrected."""
    claim = make_claim(status="confirmed", hedging="reported")
    lacking = {"publication", "status", "retraction_reason"}
    columns = [column for column in SIMPLE_COLUMNS if column not in lacking]
    file = spreadsheet(row_of(claim, hedging="alleged"), columns=columns)

    report = import_claims(read_rows(file, "claims.csv"), by=member(EDITOR))

    assert report.updated["claims"] == 1
    claim.refresh_from_db()
    assert (claim.hedging, claim.publication, claim.status) == ("alleged", "published", "confirmed")


def test_a_new_draft_row_graded_refuted_by_an_editor_is_refused():
    claim = make_claim()
    new = row_of(claim, quote="A different statement.", status="refuted", publication="draft")
    before = snapshot()

    with pytest.raises(ImportRefused) as refused:
        import_claims(read_rows(spreadsheet(new), "claims.csv"), by=member(EDITOR))

    [error] = refused.value.report.errors
    assert (error.line, error.column) == (2, "status")
    assert changed_tables(before, snapshot()) == []


def test_an_imported_event_slug_must_be_a_slug():
    """The export format names events by slug; an unknown one was stored as given, though
    a slug makes the event's address."""
    claim = make_claim()
    record = json.loads("".join(ndjson_lines(Claim.objects.all())))  # one claim, one line
    record |= {"id": 999, "event": "../../etc/passwd", "event_title": "A new event"}
    before = snapshot()

    with pytest.raises(ImportRefused) as refused:
        import_claims(read_rows(json.dumps(record), "claims.ndjson"))

    [error] = refused.value.report.errors
    assert error.column == "event"
    assert "valid “slug”" in error.message
    assert changed_tables(before, snapshot()) == []
    assert not Event.objects.exclude(pk=claim.event_id).exists()


def test_deleting_the_last_citation_of_a_published_claim_is_refused():
    """The citations admin deleted a citation on its own, leaving a published claim
    without any: refused for every role (the Admin's too), with the reason, not a server
    error."""
    claim = make_claim()
    citation = claim.citations.get()
    client = admin_client(member(ADMIN))
    before = snapshot()

    from_its_page = client.post(
        f"/admin/claims/citation/{citation.pk}/delete/", {"post": "yes"}, follow=True
    )
    from_the_list = run_action(client, "citation", "delete_selected", citation)

    assert "it has no citation" in " ".join(messages_of(from_its_page))
    assert from_the_list.status_code == 302
    assert changed_tables(before, snapshot()) == []
    assert Citation.objects.filter(pk=citation.pk, claim=claim).exists()


def test_one_of_several_citations_is_deleted_from_the_citations_admin():
    claim = make_claim(citations=2)
    first, second = claim.citations.order_by("pk")

    admin_client(member(EDITOR)).post(f"/admin/claims/citation/{first.pk}/delete/", {"post": "yes"})

    assert list(Claim.objects.get(pk=claim.pk).citations.all()) == [second]


def test_an_editor_cannot_restore_a_published_claim_an_admin_deleted():
    """Restoring a deleted published claim brings it back published: a publication."""
    claim = make_claim()
    pk = claim.pk
    admin_client(member(ADMIN)).post(f"/admin/claims/claim/{pk}/delete/", {"post": "yes"})
    deleted = Claim.history.get(id=pk, history_type="-")
    before = snapshot()

    refused = admin_client(member(EDITOR)).post(
        "/admin/claims/claim/deleted/", {"restore": [deleted.history_id]}, follow=True
    )

    assert "Publishing a claim needs the reviewer" in " ".join(messages_of(refused))
    assert changed_tables(before, snapshot()) == []

    admin_client(member(REVIEWER)).post(
        "/admin/claims/claim/deleted/", {"restore": [deleted.history_id]}
    )

    restored = Claim.objects.get(pk=pk)
    assert restored.publication == "published"
    assert restored.citations.count() == 1  # back with the claim


def test_an_editor_cannot_change_the_retraction_reason_through_the_api():
    """The reason is shown to readers: changing it is the reviewer's, like retracting."""
    claim = make_claim(status="retracted", retraction_reason="The ministry withdrew it.")
    before = snapshot()

    response = api_client(member(EDITOR)).patch(
        f"/api/v1/claims/{claim.pk}/",
        {"retraction_reason": "Nothing to see here.", "version": claim.version},
        format="json",
    )

    assert response.status_code == 403
    assert list(response.json()["fields"]) == ["retraction_reason"]
    assert changed_tables(before, snapshot()) == []


def test_an_editor_cannot_delete_a_public_person():
    """A person's page is public from the moment they exist: merged, not deleted, unless
    the Admin deletes them."""
    person = make_person("Kataib Hezbollah spokesman")
    editor = member(EDITOR)
    before = snapshot()

    in_the_admin = admin_client(editor).post(
        f"/admin/claims/person/{person.pk}/delete/", {"post": "yes"}
    )
    through_the_api = api_client(editor).delete(f"/api/v1/people/{person.slug}/")

    assert (in_the_admin.status_code, through_the_api.status_code) == (403, 403)
    assert changed_tables(before, snapshot()) == []
    assert Person.objects.filter(pk=person.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_parallel_parent_changes_never_store_a_cycle():
    """A → B and B → A at the same moment: each change was checked against the tree as it
    stood before the other was saved, and both were saved. The check now runs under a
    lock of the actor tree, on the tree as stored: one change is refused."""
    make_actor(slug="a")
    make_actor(slug="b")
    # Transactional tests run on an empty database (no groups): a superuser.
    user = get_user_model().objects.create_superuser("root", "root@example.org", None)

    def set_parent(slug: str, parent: str):
        return lambda: api_client(user).patch(
            f"/api/v1/actors/{slug}/", {"parent": parent}, format="json"
        )

    checked = records._refuse_parent_cycle

    def check_then_pause(actor):
        # Widens the window between the check and the write: without the lock, both
        # changes would pass the check before either is written.
        checked(actor)
        time.sleep(0.3)

    with mock.patch.object(records, "_refuse_parent_cycle", check_then_pause):
        answers = at_once(set_parent("a", "b"), set_parent("b", "a"))

    assert sorted(answer.status_code for answer in answers) == [200, 400]
    [refused] = [answer for answer in answers if answer.status_code == 400]
    assert "parent" in refused.json()
    parents = dict(Actor.objects.values_list("slug", "parent__slug"))
    assert parents in ({"a": "b", "b": None}, {"a": None, "b": "a"})
