"""Writing through the API: tokens, model permissions, the reviewer's right to publish,
and claims written with their citations all at once or not at all."""

import pytest

from claims.models import Actor, Citation, Claim
from tests.factories import make_actor, make_claim, make_event, make_person, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    actor = make_actor("Kata'ib Hezbollah", slug="kataib-hezbollah")
    event = make_event("K1 base rocket attack", slug="k1")
    return {"actor": actor, "event": event, "sources": [make_source(), make_source()]}


def claim_body(world, **fields) -> dict:
    body = {
        "event": world["event"].slug,
        "claimant_description": "unnamed U.S. officials",
        "stance": "attributes",
        "attributed_actor": world["actor"].slug,
        "stated_on": "2024-02-01",
        "citations": [
            {"source": world["sources"][0].pk, "quote": "They did it.", "locator": "para 2"},
        ],
    }
    return body | fields


def test_writing_without_credentials_is_unauthorised(anon, world):
    claim = make_claim(event=world["event"])
    attempts = [
        anon.post("/api/v1/claims/", claim_body(world), format="json"),
        anon.put(f"/api/v1/claims/{claim.pk}/", claim_body(world), format="json"),
        anon.patch(f"/api/v1/claims/{claim.pk}/", {"status": "confirmed"}, format="json"),
        anon.delete(f"/api/v1/claims/{claim.pk}/"),
        anon.post("/api/v1/actors/", {"name": "X", "slug": "x", "kind": "state"}, format="json"),
    ]

    for response in attempts:
        assert response.status_code == 401
        assert response.has_header("WWW-Authenticate")
        assert "detail" in response.json()
    assert Claim.objects.count() == 1
    assert Claim.objects.get().status == "unverified"


def test_a_bad_token_is_unauthorised(anon, world):
    anon.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    response = anon.post("/api/v1/claims/", claim_body(world), format="json")

    assert response.status_code == 401
    assert Claim.objects.count() == 0


def test_an_account_without_a_role_may_not_write(as_charlie, world):
    claim = make_claim(event=world["event"])
    attempts = [
        as_charlie.post("/api/v1/claims/", claim_body(world), format="json"),
        as_charlie.put(f"/api/v1/claims/{claim.pk}/", claim_body(world), format="json"),
        as_charlie.patch(f"/api/v1/claims/{claim.pk}/", {"status": "confirmed"}, format="json"),
        as_charlie.delete(f"/api/v1/claims/{claim.pk}/"),
        as_charlie.patch(f"/api/v1/events/{world['event'].slug}/", {"title": "X"}, format="json"),
    ]

    for response in attempts:
        assert response.status_code == 403
    assert Claim.objects.count() == 1
    assert Claim.objects.get().status == "unverified"


def test_an_editor_creates_a_draft_claim_with_its_citations(as_alice, alice, world):
    response = as_alice.post("/api/v1/claims/", claim_body(world), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["publication"] == "draft"
    assert body["version"] == 1
    assert body["citations"][0]["quote"] == "They did it."
    claim = Claim.objects.get(pk=body["id"])
    assert claim.created_by == alice
    assert claim.citations.get().locator == "para 2"


def test_an_editor_may_not_publish(as_alice, world):
    created = as_alice.post(
        "/api/v1/claims/", claim_body(world, publication="published"), format="json"
    )
    draft = make_claim(event=world["event"], publication=Claim.Publication.DRAFT)
    patched = as_alice.patch(
        f"/api/v1/claims/{draft.pk}/",
        {"publication": "published", "version": draft.version},
        format="json",
    )

    assert created.status_code == 403
    assert patched.status_code == 403
    assert patched.json()["fields"] == {
        "publication": ["Publishing a claim needs the reviewer's right."]
    }
    assert list(Claim.objects.values_list("pk", "publication")) == [(draft.pk, "draft")]


def test_an_editor_may_not_unpublish_either(as_alice, world):
    claim = make_claim(event=world["event"])

    response = as_alice.patch(
        f"/api/v1/claims/{claim.pk}/", {"publication": "draft", "version": claim.version}
    )

    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.publication == "published"


def test_an_editor_may_correct_a_published_claim_without_publishing_it(as_alice, world):
    claim = make_claim(event=world["event"])

    response = as_alice.patch(
        f"/api/v1/claims/{claim.pk}/", {"hedging": "alleged", "version": claim.version}
    )

    assert response.status_code == 200, response.json()
    assert response.json()["hedging"] == "alleged"
    assert response.json()["version"] == 2


def test_a_reviewer_publishes_on_creation_and_by_patch(as_bob, world):
    created = as_bob.post(
        "/api/v1/claims/", claim_body(world, publication="published"), format="json"
    )
    draft = make_claim(event=world["event"], publication=Claim.Publication.DRAFT)
    patched = as_bob.patch(
        f"/api/v1/claims/{draft.pk}/", {"publication": "published", "version": draft.version}
    )

    assert created.status_code == 201, created.json()
    assert created.json()["publication"] == "published"
    assert patched.status_code == 200, patched.json()
    assert patched.json()["publication"] == "published"
    assert patched.json()["version"] == 2
    world["event"].refresh_from_db()
    assert world["event"].published_claim_count == 2


def test_a_published_claim_needs_a_citation(as_bob, world):
    created = as_bob.post(
        "/api/v1/claims/", claim_body(world, publication="published", citations=[]), format="json"
    )
    draft = make_claim(event=world["event"], publication="draft", citations=0)
    patched = as_bob.patch(
        f"/api/v1/claims/{draft.pk}/", {"publication": "published", "version": draft.version}
    )

    assert created.status_code == 400
    assert "citations" in created.json()
    assert patched.status_code == 400
    assert "citations" in patched.json()
    assert list(Claim.objects.values_list("publication", flat=True)) == ["draft"]


def test_the_model_rules_come_back_as_field_errors(as_alice, world):
    no_actor = as_alice.post(
        "/api/v1/claims/", claim_body(world, attributed_actor=None), format="json"
    )
    future = as_alice.post("/api/v1/claims/", claim_body(world, stated_on="2999-01-01"))
    no_claimant = as_alice.post(
        "/api/v1/claims/", claim_body(world, claimant_description=""), format="json"
    )

    assert no_actor.status_code == 400 and "attributed_actor" in no_actor.json()
    assert future.status_code == 400 and "stated_on" in future.json()
    assert no_claimant.status_code == 400 and "claimant_actor" in no_claimant.json()
    assert Claim.objects.count() == 0


@pytest.mark.parametrize(
    "bad_citation",
    [
        {"quote": ""},
        {"quote": "   "},
        {"source": 999_999},
        {"source": "not-an-id"},
        {"language": "not a language"},
        {"locator": "x" * 101},
    ],
    ids=["empty quote", "blank quote", "unknown source", "bad source id", "language", "locator"],
)
def test_a_claim_with_one_bad_citation_is_not_written_at_all(as_alice, world, bad_citation):
    good = {"source": world["sources"][0].pk, "quote": "They did it."}
    body = claim_body(world, citations=[good, good | bad_citation])

    response = as_alice.post("/api/v1/claims/", body, format="json")

    assert response.status_code == 400
    assert "citations" in response.json()
    assert Claim.objects.count() == 0
    assert Citation.objects.count() == 0
    assert Claim.history.count() == 0


def test_replacing_the_citations_with_a_bad_one_leaves_the_claim_as_it_was(as_alice, world):
    claim = make_claim(event=world["event"], citations=2)
    before = list(claim.citations.values_list("pk", "quote"))
    good = {"source": world["sources"][0].pk, "quote": "They did it."}

    response = as_alice.patch(
        f"/api/v1/claims/{claim.pk}/",
        {"hedging": "alleged", "citations": [good, good | {"source": 999_999}]},
        format="json",
    )

    assert response.status_code == 400
    claim.refresh_from_db()
    assert claim.hedging == "asserted"
    assert claim.version == 1
    assert list(claim.citations.values_list("pk", "quote")) == before


def test_replacing_the_citations_shows_the_new_ones(as_alice, world):
    claim = make_claim(event=world["event"], citations=2)
    new = [{"source": world["sources"][1].pk, "quote": "New quote", "language": "ar"}]

    response = as_alice.patch(
        f"/api/v1/claims/{claim.pk}/", {"citations": new, "version": 1}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert [c["quote"] for c in response.json()["citations"]] == ["New quote"]
    assert list(claim.citations.values_list("quote", flat=True)) == ["New quote"]


def test_an_unknown_choice_in_a_body_names_the_field(as_alice, world):
    response = as_alice.post("/api/v1/claims/", claim_body(world, stance="blames"), format="json")

    assert response.status_code == 400
    assert "stance" in response.json()


def test_deleting_a_claim_needs_the_delete_permission(as_bob, as_admin, world):
    claim = make_claim(event=world["event"])

    assert as_bob.delete(f"/api/v1/claims/{claim.pk}/").status_code == 403
    assert as_admin.delete(f"/api/v1/claims/{claim.pk}/").status_code == 204
    assert not Claim.objects.exists()


def test_deleting_what_claims_refer_to_answers_409_and_deletes_nothing(as_admin, world):
    claim = make_claim(event=world["event"], attributed_actor=world["actor"])
    person = make_person()
    make_claim(event=world["event"], claimant_person=person)

    answers = [
        as_admin.delete(url)
        for url in (
            f"/api/v1/actors/{world['actor'].slug}/",
            f"/api/v1/people/{person.slug}/",
            f"/api/v1/events/{world['event'].slug}/",
            f"/api/v1/sources/{claim.citations.get().source_id}/",
        )
    ]

    assert [answer.status_code for answer in answers] == [409, 409, 409, 409]
    body = answers[0].json()
    assert "cannot be deleted while it is referred to by 1 claim" in body["detail"]
    assert body["referenced_by"] == {"claims": 1}
    assert Actor.objects.filter(pk=world["actor"].pk).exists()
    assert Claim.objects.count() == 2


def test_an_editor_creates_an_actor_with_aliases_and_a_parent(as_alice):
    make_actor("Popular Mobilization Forces", slug="pmf")

    response = as_alice.post(
        "/api/v1/actors/",
        {
            "name": "Kata'ib Hezbollah",
            "slug": "kataib-hezbollah",
            "kind": "armed_group",
            "country": "IQ",
            "aliases": ["Kataeb Hezbollah", "KH"],
            "parent": "pmf",
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    actor = Actor.objects.get(slug="kataib-hezbollah")
    assert actor.parent.slug == "pmf"
    assert sorted(actor.alias_names) == ["KH", "Kataeb Hezbollah"]


def test_a_spelling_that_already_names_another_actor_is_refused(as_alice):
    other = make_actor("Harakat al-Nujaba", slug="nujaba")
    other.aliases.create(name="KH")

    response = as_alice.post(
        "/api/v1/actors/",
        {"name": "Kata'ib Hezbollah", "slug": "kh", "kind": "armed_group", "aliases": ["KH"]},
        format="json",
    )

    assert response.status_code == 400
    assert "aliases" in response.json()
    assert not Actor.objects.filter(slug="kh").exists()


def test_an_actor_cannot_become_its_own_ancestor(as_alice):
    pmf = make_actor("Popular Mobilization Forces", slug="pmf")
    make_actor("Kata'ib Hezbollah", slug="kh", parent=pmf)

    response = as_alice.patch("/api/v1/actors/pmf/", {"parent": "kh"}, format="json")

    assert response.status_code == 400
    assert "parent" in response.json()


def test_an_editor_replaces_a_claim_with_put(as_alice, world):
    claim = make_claim(event=world["event"], publication=Claim.Publication.DRAFT)

    response = as_alice.put(
        f"/api/v1/claims/{claim.pk}/",
        claim_body(world, hedging="probable") | {"version": claim.version},
        format="json",
    )

    assert response.status_code == 200, response.json()
    claim.refresh_from_db()
    assert claim.hedging == "probable"
    assert claim.version == 2
    assert list(claim.citations.values_list("quote", flat=True)) == ["They did it."]


def test_an_editor_creates_an_event_whose_state_is_derived(as_alice):
    response = as_alice.post(
        "/api/v1/events/",
        {
            "title": "Drone attack on Tower 22",
            "slug": "tower-22",
            "date": "2024-01-28",
            "kind": "drone_strike",
            "country": "JO",
            "state": "confirmed",
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert response.json()["state"] == "unattributed"


def test_an_event_cannot_end_before_it_starts(as_alice):
    response = as_alice.post(
        "/api/v1/events/",
        {
            "title": "X",
            "slug": "x",
            "date": "2024-01-28",
            "end_date": "2024-01-01",
            "kind": "other",
        },
        format="json",
    )

    assert response.status_code == 400
    assert Claim.objects.count() == 0


def test_an_editor_records_a_claim_that_describes_the_culprit_instead_of_naming_it(as_alice, world):
    body = claim_body(
        world,
        attributed_actor=None,
        attributed_description="an Iranian-backed militia",
        attributed_actor_hint=world["actor"].slug,
    )

    response = as_alice.post("/api/v1/claims/", body, format="json")

    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["attributed_actor"] is None
    assert created["attributed_description"] == "an Iranian-backed militia"
    assert created["attributed_actor_hint"] == "kataib-hezbollah"
    assert created["publication"] == "draft"  # the draft rules are unchanged
    claim = Claim.objects.get(pk=created["id"])
    assert claim.attributed_actor_hint == world["actor"]


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        pytest.param(
            {"attributed_description": "an Iranian-backed militia"},
            "attributed_description",
            "not both",
            id="an-actor-and-a-description",
        ),
        pytest.param(
            {"attributed_actor": None, "attributed_actor_hint": "kataib-hezbollah"},
            "attributed_actor_hint",
            "A hint goes with a description",
            id="a-hint-without-a-description",
        ),
        pytest.param(
            {"attributed_actor": None},
            "attributed_actor",
            "or a description of it",
            id="neither-an-actor-nor-a-description",
        ),
        pytest.param(
            {
                "attributed_actor": None,
                "attributed_description": "the culprit",
                "attributed_actor_hint": "nobody-by-this-slug",
            },
            "attributed_actor_hint",
            "does not exist",
            id="an-unknown-hint",
        ),
        pytest.param(
            {
                "stance": "claims_responsibility",
                "claimant_actor": "kataib-hezbollah",
                "attributed_actor": None,
                "attributed_description": "the Islamic Resistance",
            },
            "attributed_description",
            "Only a claim that attributes or denies",
            id="a-claim-of-responsibility-that-names-no-one",
        ),
        pytest.param(
            {"attributed_actor": None, "attributed_description": "x" * 201},
            "attributed_description",
            "200 characters",
            id="a-description-too-long",
        ),
    ],
)
def test_it_refuses_a_description_that_breaks_a_rule_naming_the_field(
    as_alice, world, fields, field, words
):
    response = as_alice.post("/api/v1/claims/", claim_body(world, **fields), format="json")

    assert response.status_code == 400, response.json()
    assert any(words in message for message in response.json()[field]), response.json()
    assert Claim.objects.count() == 0


def test_a_reviewer_publishes_an_unnamed_attribution_and_an_editor_still_cannot(
    as_alice, as_bob, world
):
    body = claim_body(
        world,
        attributed_actor=None,
        attributed_description="the culprit",
        publication="published",
    )

    refused = as_alice.post("/api/v1/claims/", body, format="json")
    published = as_bob.post("/api/v1/claims/", body, format="json")

    assert refused.status_code == 403
    assert published.status_code == 201, published.json()
    world["event"].refresh_from_db()
    assert world["event"].attribution_state == "unattributed"
    assert world["event"].headline_reason["code"] == "only_unnamed"
