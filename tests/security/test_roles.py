"""Who may do what: an Editor enters and corrects but neither publishes, nor verifies, nor
deletes what readers have seen; a Reviewer publishes, verifies and merges but retracts
rather than deletes; the Admin group may do everything. The same in the admin and the API."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Actor, Claim
from tests.admin.helpers import claim_post
from tests.factories import make_actor, make_claim, make_user

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/claims/claim/"


@pytest.fixture
def ada(db):
    """Ada, in the Admin group (staff, not a superuser)."""
    return make_user("ada", role="Admin")


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def admin_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def draft():
    return make_claim(publication=Claim.Publication.DRAFT)


def offered_actions(client) -> set[str]:
    form = client.get(CHANGELIST).context["action_form"]  # None when there is no action
    choices = form.fields["action"].choices if form is not None else []
    return {name for name, _ in choices if name}


def run_action(client, action: str, *claims):
    return client.post(
        CHANGELIST, {"action": action, "_selected_action": [claim.pk for claim in claims]}
    )


def patch(client, claim: Claim, **fields):
    claim.refresh_from_db()
    return client.patch(
        f"/api/v1/claims/{claim.pk}/", {**fields, "version": claim.version}, format="json"
    )


def test_the_three_groups_are_created_by_the_migrations():
    assert set(Group.objects.values_list("name", flat=True)) >= {"Editor", "Reviewer", "Admin"}
    admin_permissions = Group.objects.get(name="Admin").permissions
    assert admin_permissions.count() == Permission.objects.count()


def test_what_each_group_may_do_with_claims():
    def may(group: str) -> set[str]:
        return set(
            Group.objects.get(name=group)
            .permissions.filter(content_type__model="claim")
            .values_list("codename", flat=True)
        )

    special = {"publish_claim", "verify_claim", "delete_published_claim"}
    assert may("Editor") & special == set()
    assert may("Reviewer") & special == {"publish_claim", "verify_claim"}
    assert may("Admin") >= special | {"add_claim", "change_claim", "delete_claim"}


# --- Editor ------------------------------------------------------------------------------


def test_an_editor_is_not_offered_publishing_or_verifying(alice):
    actions = offered_actions(admin_client(alice))

    assert not actions & {"publish", "unpublish", "mark_confirmed", "delete_selected"}


def test_an_editor_cannot_publish_with_the_bulk_action(alice):
    claim = draft()

    run_action(admin_client(alice), "publish", claim)

    claim.refresh_from_db()
    assert claim.publication == Claim.Publication.DRAFT


def test_an_editor_cannot_publish_through_the_api(alice):
    claim = draft()
    client = token_client(alice)

    response = patch(client, claim, publication="published")

    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.publication == Claim.Publication.DRAFT


def test_the_status_is_read_only_in_an_editors_claim_form(alice):
    claim = make_claim()
    client = admin_client(alice)
    url = f"/admin/claims/claim/{claim.pk}/change/"

    form = client.get(url).context["adminform"].form
    response = client.post(url, claim_post(claim, status="confirmed", publication="draft"))

    assert {"status", "publication", "retraction_reason"}.isdisjoint(form.fields)
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.publication) == ("unverified", "published")
    assert claim.version == 2  # saved, with the editable fields only


def test_an_editor_cannot_set_the_status_with_a_bulk_action(alice):
    claim = make_claim()

    run_action(admin_client(alice), "mark_confirmed", claim)

    claim.refresh_from_db()
    assert claim.status == Claim.Status.UNVERIFIED


def test_an_editor_cannot_set_the_status_through_the_api(alice):
    claim = make_claim()

    response = patch(token_client(alice), claim, status="confirmed")

    assert response.status_code == 403
    assert "reviewer" in response.json()["detail"]
    claim.refresh_from_db()
    assert claim.status == Claim.Status.UNVERIFIED


@pytest.mark.parametrize("once_published", [False, True], ids=["published", "unpublished since"])
def test_an_editor_cannot_delete_what_readers_have_seen(alice, once_published):
    claim = make_claim()
    if once_published:
        claim.publication = Claim.Publication.DRAFT
        claim.save()
    client = admin_client(alice)
    url = f"/admin/claims/claim/{claim.pk}/delete/"

    page = client.get(url)
    confirmed = client.post(url, {"post": "yes"})
    through_api = token_client(alice).delete(f"/api/v1/claims/{claim.pk}/")

    assert (page.status_code, confirmed.status_code, through_api.status_code) == (403, 403, 403)
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_an_editor_may_delete_a_draft_in_the_admin(alice):
    claim = draft()

    response = admin_client(alice).post(f"/admin/claims/claim/{claim.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Claim.objects.filter(pk=claim.pk).exists()


def test_an_editor_may_delete_a_draft_through_the_api(alice):
    claim = draft()

    response = token_client(alice).delete(f"/api/v1/claims/{claim.pk}/")

    assert response.status_code == 204
    assert not Claim.objects.filter(pk=claim.pk).exists()


def test_an_editor_cannot_merge(alice):
    actors = [make_actor("Kataib Hezbollah"), make_actor("Kata'ib Hizbollah")]

    admin_client(alice).post(
        "/admin/claims/actor/",
        {
            "action": "merge",
            "_selected_action": [a.pk for a in actors],
            "confirm": "yes",
            "survivor": actors[0].pk,
        },
    )

    assert Actor.objects.filter(pk__in=[a.pk for a in actors]).count() == 2


# --- Reviewer ----------------------------------------------------------------------------


def test_a_reviewer_publishes_with_the_bulk_action_and_history_says_who_and_when(bob):
    claim = draft()
    before = timezone.now()

    run_action(admin_client(bob), "publish", claim)

    claim.refresh_from_db()
    assert claim.publication == Claim.Publication.PUBLISHED
    record = claim.history.first()
    assert (record.publication, record.history_user, record.history_change_reason) == (
        "published",
        bob,
        "Published",
    )
    assert before <= record.history_date <= timezone.now()


def test_a_reviewer_publishes_through_the_api_and_history_says_who_and_when(bob):
    claim = draft()
    before = timezone.now()

    response = patch(token_client(bob), claim, publication="published")

    assert response.status_code == 200
    record = claim.history.first()
    assert (record.publication, record.history_user) == ("published", bob)
    assert before <= record.history_date <= timezone.now()
    claim.refresh_from_db()
    assert claim.updated_by == bob


def test_a_reviewer_sets_the_status_in_the_form_with_an_action_and_through_the_api(bob):
    in_form, by_action, by_api = make_claim(), make_claim(), make_claim()
    client = admin_client(bob)
    url = f"/admin/claims/claim/{in_form.pk}/change/"

    assert "status" in client.get(url).context["adminform"].form.fields
    client.post(url, claim_post(in_form, status="corroborated"))
    run_action(client, "mark_confirmed", by_action)
    response = patch(token_client(bob), by_api, status="disputed")

    assert response.status_code == 200
    statuses = [Claim.objects.get(pk=c.pk).status for c in (in_form, by_action, by_api)]
    assert statuses == ["corroborated", "confirmed", "disputed"]
    assert by_action.history.first().history_user == bob


def test_a_reviewer_merges_two_actors(bob):
    keep, lose = make_actor("Kata'ib Hezbollah"), make_actor("Kataeb Hizbollah")
    claim = make_claim(attributed_actor=lose)

    admin_client(bob).post(
        "/admin/claims/actor/",
        {
            "action": "merge",
            "_selected_action": [keep.pk, lose.pk],
            "confirm": "yes",
            "survivor": keep.pk,
        },
    )

    assert not Actor.objects.filter(pk=lose.pk).exists()
    claim.refresh_from_db()
    assert claim.attributed_actor == keep


def test_a_reviewer_cannot_delete_a_published_claim_either(bob):
    claim = make_claim()
    client = admin_client(bob)

    page = client.get(f"/admin/claims/claim/{claim.pk}/delete/")
    through_api = token_client(bob).delete(f"/api/v1/claims/{claim.pk}/")

    assert (page.status_code, through_api.status_code) == (403, 403)
    assert "retract" in through_api.json()["detail"]
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_retracting_needs_a_reason():
    claim = make_claim()
    claim.status = Claim.Status.RETRACTED

    with pytest.raises(ValidationError) as refused:
        claim.full_clean()

    assert list(refused.value.message_dict) == ["retraction_reason"]
    claim.retraction_reason = "The ministry withdrew the statement."
    claim.full_clean()


def test_a_reviewer_retracts_with_a_reason_in_the_form(bob):
    claim = make_claim()
    client = admin_client(bob)
    url = f"/admin/claims/claim/{claim.pk}/change/"

    refused = client.post(url, claim_post(claim, status="retracted"))
    retracted = client.post(
        url,
        claim_post(claim, status="retracted", retraction_reason="The ministry withdrew it."),
    )

    assert "retraction_reason" in refused.context["adminform"].form.errors
    assert retracted.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.publication) == ("retracted", "published")
    page = Client().get(f"/events/{claim.event.slug}/").content.decode()
    assert "The ministry withdrew it." in page


def test_a_reviewer_retracts_with_a_reason_through_the_api(bob):
    claim = make_claim()
    client = token_client(bob)

    refused = patch(client, claim, status="retracted")
    retracted = patch(client, claim, status="retracted", retraction_reason="Withdrawn.")

    assert refused.status_code == 400
    assert "retraction_reason" in refused.json()
    assert retracted.status_code == 200
    assert retracted.json()["retraction_reason"] == "Withdrawn."


# --- Admin group -------------------------------------------------------------------------


def test_the_admin_group_is_offered_every_action(ada):
    actions = offered_actions(admin_client(ada))

    assert actions >= {"publish", "unpublish", "mark_confirmed", "delete_selected"}


def test_the_admin_group_publishes_verifies_and_deletes_published_claims(ada):
    to_publish, to_verify, to_delete, through_api = (
        draft(),
        make_claim(),
        make_claim(),
        make_claim(),
    )
    client = admin_client(ada)

    run_action(client, "publish", to_publish)
    run_action(client, "mark_refuted", to_verify)
    deleted = client.post(f"/admin/claims/claim/{to_delete.pk}/delete/", {"post": "yes"})
    deleted_by_api = token_client(ada).delete(f"/api/v1/claims/{through_api.pk}/")

    assert Claim.objects.get(pk=to_publish.pk).publication == "published"
    assert Claim.objects.get(pk=to_verify.pk).status == "refuted"
    assert (deleted.status_code, deleted_by_api.status_code) == (302, 204)
    assert not Claim.objects.filter(pk__in=[to_delete.pk, through_api.pk]).exists()


def test_the_admin_group_merges(ada):
    keep, lose = make_actor("Harakat al-Nujaba"), make_actor("Nujaba Movement")

    admin_client(ada).post(
        "/admin/claims/actor/",
        {
            "action": "merge",
            "_selected_action": [keep.pk, lose.pk],
            "confirm": "yes",
            "survivor": keep.pk,
        },
    )

    assert not Actor.objects.filter(pk=lose.pk).exists()


def test_the_admin_group_publishes_and_verifies_through_the_api(ada):
    claim = draft()
    client = token_client(ada)

    published = patch(client, claim, publication="published", status="confirmed")

    assert published.status_code == 200
    claim.refresh_from_db()
    assert (claim.publication, claim.status) == ("published", "confirmed")
    assert claim.history.first().history_user == ada
