"""What editors and reviewers do in the admin, through its pages."""

import pytest
from django.urls import reverse

from claims.models import Claim, Event
from tests.admin.helpers import claim_post, management_form
from tests.factories import make_actor, make_claim, make_source

pytestmark = pytest.mark.django_db


def _new_claim(event, **fields) -> dict[str, str]:
    """The claim page's form for a new claim of `event`, with one citation."""
    source = make_source()
    return {
        "event": str(event.pk),
        "claimant_description": "",
        "channel": "",
        "role": "perpetrator",
        "stated_on_precision": "day",
        "version": "1",
        **management_form("citations", 1),
        "citations-0-source": str(source.pk),
        "citations-0-quote": "The attack was carried out by the group.",
        "citations-0-language": "en",
        **fields,
    }


def test_an_editor_adds_an_event_with_two_competing_claims_and_sees_their_history(client, alice):
    kh = make_actor("Kata'ib Hezbollah")
    isis = make_actor("Islamic State")
    client.force_login(alice)
    response = client.post(
        reverse("admin:claims_event_add"),
        {
            "title": "K1 base rocket attack",
            "slug": "k1-base-rocket-attack",
            "kind": "rocket_attack",
            "date": "2019-12-27",
            "date_precision": "day",
            "country": "IQ",
            "version": "1",
            **management_form("relations", 0),
            **management_form("claims", 0),
        },
    )
    assert response.status_code == 302, response.context["errors"]
    event = Event.objects.get(slug="k1-base-rocket-attack")
    event_page = reverse("admin:claims_event_change", args=[event.pk])
    # The event's page offers "add a claim" on the claim's page, opened from the event.
    add = f"{reverse('admin:claims_claim_add')}?event={event.pk}&from_event=1"
    assert add.replace("&", "&amp;") in client.get(event_page).content.decode()
    form = client.get(add)
    assert form.context["adminform"].form.initial["event"] == str(event.pk)
    assert "Save and return to the event" in form.content.decode()
    for fields in (
        {"claimant_description": "unnamed U.S. officials", "attributed_actor": kh.pk,
         "hedging": "reported", "stated_on": "2019-12-28"},
        {"claimant_description": "a blogger", "attributed_actor": isis.pk,
         "hedging": "speculative", "stated_on": "2019-12-31"},
    ):  # fmt: skip
        saved = client.post(
            add, _new_claim(event, stance="attributes", _return_event="1", **fields)
        )
        assert saved.status_code == 302, saved.context["errors"]
        assert saved.url == event_page

    claims = list(event.claims.order_by("stated_on"))
    assert [claim.attributed_actor for claim in claims] == [kh, isis]
    assert {claim.publication for claim in claims} == {Claim.Publication.DRAFT}
    assert {claim.created_by for claim in claims} == {alice}
    listed = client.get(event_page).content.decode()
    assert "unnamed U.S. officials" in listed and "a blogger" in listed
    for url in (
        reverse("admin:claims_event_history", args=[event.pk]),
        reverse("admin:claims_claim_history", args=[claims[0].pk]),
    ):
        page = client.get(url)
        assert page.status_code == 200
        assert "alice" in page.content.decode()


def test_responds_to_offers_only_the_claims_of_the_claims_event(client, alice):
    answered = make_claim()
    make_claim()  # about another event
    client.force_login(alice)
    page = client.get(f"{reverse('admin:claims_claim_add')}?event={answered.event_id}")
    offered = page.context["adminform"].form.fields["responds_to"].queryset
    assert list(offered) == [answered]
    elsewhere = make_claim()
    refused = client.post(
        reverse("admin:claims_claim_add"),
        _new_claim(
            answered.event, claimant_description="officials", stance="disputes",
            responds_to=elsewhere.pk, stated_on="2024-02-02",
        ),
    )  # fmt: skip
    assert refused.status_code == 200
    html = refused.content.decode()
    # Each error at the top of the page, with its field and a link to it.
    assert 'id="errors-at-top"' in html and '<a href="#id_responds_to">' in html


def test_it_records_who_changed_a_claim_and_reverts_it(client, alice):
    claim = make_claim(hedging=Claim.Hedging.REPORTED)
    client.force_login(alice)
    url = reverse("admin:claims_claim_change", args=[claim.pk])

    response = client.post(url, claim_post(claim, hedging="asserted"))

    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.hedging == Claim.Hedging.ASSERTED
    latest, original = claim.history.all()[:2]
    assert latest.history_user == alice
    assert (latest.hedging, original.hedging) == ("asserted", "reported")

    revert_url = reverse("admin:claims_claim_simple_history", args=[claim.pk, original.pk])
    page = client.get(revert_url)
    assert page.context["adminform"].form.initial["hedging"] == "reported"
    opened_at = page.context["adminform"].form.initial["version"]
    response = client.post(
        revert_url, claim_post(claim, hedging=original.hedging, version=opened_at)
    )

    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.hedging == Claim.Hedging.REPORTED
    assert claim.history.count() == 3


def test_it_keeps_an_editor_from_publishing(client, alice):
    claim = make_claim(publication=Claim.Publication.DRAFT)
    client.force_login(alice)

    client.post(
        reverse("admin:claims_claim_change", args=[claim.pk]),
        claim_post(claim, publication="published"),
    )
    client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "publish", "_selected_action": [claim.pk]},
    )

    claim.refresh_from_db()
    assert claim.publication == Claim.Publication.DRAFT


def test_a_reviewer_publishes_selected_claims_and_history_says_who(client, bob):
    claims = [make_claim(publication=Claim.Publication.DRAFT) for _ in range(2)]
    client.force_login(bob)

    client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "publish", "_selected_action": [claim.pk for claim in claims]},
    )

    for claim in claims:
        claim.refresh_from_db()
        assert claim.publication == Claim.Publication.PUBLISHED
        latest = claim.history.first()
        assert (latest.history_user, latest.history_change_reason) == (bob, "Published")


def test_it_publishes_nothing_when_one_selected_claim_has_no_citation(client, bob):
    cited = make_claim(publication=Claim.Publication.DRAFT)
    uncited = make_claim(publication=Claim.Publication.DRAFT, citations=0)
    client.force_login(bob)

    response = client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "publish", "_selected_action": [cited.pk, uncited.pk]},
        follow=True,
    )

    assert f"#{uncited.pk} (it has no citation)" in response.content.decode()
    assert not Claim.objects.published().exists()


def test_a_reviewer_cannot_remove_a_citation_of_a_published_claim(client, bob):
    claim = make_claim()
    client.force_login(bob)
    data = claim_post(claim, **{"citations-0-DELETE": "on"})

    client.post(reverse("admin:claims_claim_change", args=[claim.pk]), data)

    assert claim.citations.count() == 1


def test_it_refuses_to_keep_a_claim_published_without_its_last_citation(client, admin_user):
    claim = make_claim()
    client.force_login(admin_user)
    data = claim_post(claim, **{"citations-0-DELETE": "on"})

    response = client.post(reverse("admin:claims_claim_change", args=[claim.pk]), data)

    assert response.status_code == 200
    assert "needs at least one citation" in response.content.decode()
    assert claim.citations.count() == 1


def test_it_sets_the_status_of_selected_claims(client, bob):
    claim = make_claim()
    client.force_login(bob)

    client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "mark_disputed", "_selected_action": [claim.pk]},
    )

    claim.refresh_from_db()
    assert claim.status == Claim.Status.DISPUTED
    assert claim.history.first().history_change_reason == "Status set to disputed"


def test_it_finds_a_claim_by_its_quote_and_an_actor_by_any_spelling(client, alice):
    kh = make_actor("Kata’ib Hezbollah")
    kh.aliases.create(name="KH")
    claim = make_claim(attributed_actor=kh)
    claim.citations.update(quote="the U.S. declared that Kata’ib Hizbullah was the group guilty")
    client.force_login(alice)

    by_quote = client.get(reverse("admin:claims_claim_changelist"), {"q": "group guilty"})
    by_alias = client.get(reverse("admin:claims_actor_changelist"), {"q": "Kataib"})
    autocomplete = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "kh",
            "app_label": "claims",
            "model_name": "claim",
            "field_name": "attributed_actor",
        },
    )

    assert list(by_quote.context["cl"].result_list) == [claim]
    assert list(by_alias.context["cl"].result_list) == [kh]
    assert [result["text"] for result in autocomplete.json()["results"]] == [str(kh)]


def test_an_account_without_a_role_cannot_enter(client, charlie):
    client.force_login(charlie)

    response = client.get(reverse("admin:claims_claim_changelist"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_an_editor_records_that_a_claim_names_no_one_and_what_it_is_consistent_with(client, alice):
    kh = make_actor("Kata'ib Hezbollah")
    claim = make_claim(publication=Claim.Publication.DRAFT)
    client.force_login(alice)
    url = reverse("admin:claims_claim_change", args=[claim.pk])

    both = client.post(url, claim_post(claim, attributed_description="an Iranian-backed militia"))
    described = client.post(
        url,
        claim_post(
            claim,
            attributed_actor=None,
            attributed_description="an Iranian-backed militia",
            attributed_actor_hint=kh.pk,
        ),
    )

    assert both.status_code == 200
    assert "Name the actor or describe it, not both" in both.content.decode()
    assert described.status_code == 302
    claim.refresh_from_db()
    assert (claim.attributed_actor, claim.attributed_description, claim.attributed_actor_hint) == (
        None,
        "an Iranian-backed militia",
        kh,
    )
