"""The side doors found in review, one test each: ways a change got past the permission
policy (or a rule) because a channel wrote for itself. Each now goes through the one
write path (claims.services), which judges a change by what it changes, whichever
channel it comes through. (Drafts leaking through metadata are tested with the reader
pages.)"""

import pytest

from claims.models import Citation, Claim
from tests.admin.helpers import event_post
from tests.factories import make_claim
from tests.security.channels import (
    ADMIN,
    EDITOR,
    admin_client,
    changed_tables,
    member,
    row_prefix,
    run_action,
    snapshot,
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
