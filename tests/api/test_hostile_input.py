"""Hostile input found by an adversarial run against a live server, each once a 500: NUL
characters in addresses and in slug fields, numbers beyond a float, deeply nested bodies,
and deleting a record others still refer to. Each is now a 4xx with a JSON message, and
nothing is written. (NUL characters only broke PostgreSQL: run these there too.)"""

import json

import pytest

from claims.models import Actor, Claim, Event, Person, Source
from tests.factories import make_actor, make_claim, make_event, make_person

pytestmark = pytest.mark.django_db

NUL_MESSAGE = {"detail": "The address holds a NUL character."}


@pytest.fixture
def claim():
    return make_claim(
        event=make_event("K1 base rocket attack", slug="k1"),
        attributed_actor=make_actor("Kata'ib Hezbollah", slug="kataib-hezbollah"),
        claimant_person=make_person("Mark Milley", slug="mark-milley"),
    )


def new_claim(claim, **changes) -> dict:
    return {
        "event": claim.event.slug,
        "claimant_description": "unnamed officials",
        "stance": "attributes",
        "attributed_actor": claim.attributed_actor.slug,
        "stated_on": "2024-02-01",
    } | changes


# --- NUL characters -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "/api/v1/events/%00/",
        "/api/v1/actors/kataib%00/",
        "/api/v1/people/%00/",
        "/api/v1/events/%00/attributions/",
        "/api/v1/claims/?q=%00",
        "/api/v1/claims/?%00=1",
        "/api/v1/changes/?since=2024-01-01T00:00:00Z&cursor=%00",
    ],
)
def test_a_nul_character_in_an_api_address_is_a_json_400(anon, claim, address):
    response = anon.get(address)

    assert response.status_code == 400
    assert response.json() == NUL_MESSAGE


@pytest.mark.parametrize("address", ["/events/%00/", "/search/?q=%00", "/events/?actor=%00"])
def test_a_nul_character_in_a_page_address_is_a_400_page(anon, claim, address):
    response = anon.get(address)

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    "field", ["event", "attributed_actor", "claimant_actor", "claimant_person"]
)
def test_a_nul_character_in_a_slug_field_is_refused_on_that_field(as_admin, claim, field):
    response = as_admin.post("/api/v1/claims/", new_claim(claim, **{field: "kataib\x00"}))

    assert response.status_code == 400
    assert response.json() == {field: ["Null characters are not allowed."]}
    assert Claim.objects.count() == 1


def test_a_nul_character_in_an_actors_parent_is_refused_on_that_field(as_admin, claim):
    actor = {"slug": "brigade-45", "name": "Brigade 45", "kind": "armed_group", "parent": "\x00"}

    response = as_admin.post("/api/v1/actors/", actor)

    assert response.status_code == 400
    assert response.json() == {"parent": ["Null characters are not allowed."]}
    assert not Actor.objects.filter(slug="brigade-45").exists()


# --- Numbers beyond a float, and versions that are not whole numbers -----------------------


OUT_OF_RANGE = "Out of range float values are not JSON compliant"


@pytest.mark.parametrize("version", ["1e999", "-1e999"])
def test_a_version_beyond_a_float_is_a_json_400(as_admin, claim, version):
    body = f'{{"version": {version}, "title": "Changed"}}'

    response = as_admin.patch("/api/v1/events/k1/", body, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"detail": f"JSON parse error - {OUT_OF_RANGE}: '{version}'"}
    assert Event.objects.get(slug="k1").title == "K1 base rocket attack"


@pytest.mark.parametrize("version", ["1.5", "true", '"1e999"', '"one"'])
def test_a_version_that_is_not_a_whole_number_is_refused(as_admin, claim, version):
    body = f'{{"version": {version}, "title": "Changed"}}'

    response = as_admin.patch("/api/v1/events/k1/", body, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"version": ["A whole number."]}
    assert Event.objects.get(slug="k1").title == "K1 base rocket attack"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/claims/", '{{"event": "k1", "citations": [{{"source": {n}, "quote": "q"}}]}}'),
        ("/api/v1/claims/", '{{"event": "k1", "stance": "disputes", "responds_to": {n}}}'),
        ("/api/v1/sources/", '{{"title": "T", "kind": "news_report", "republishes": {n}}}'),
    ],
    ids=["citation source", "responds to", "republishes"],
)
def test_an_id_beyond_a_float_is_a_json_400(as_admin, claim, path, body):
    response = as_admin.post(path, body.format(n="1e999"), content_type="application/json")

    assert response.status_code == 400
    assert OUT_OF_RANGE in response.json()["detail"]
    assert (Claim.objects.count(), Source.objects.count()) == (1, 1)


# --- Deeply nested bodies -----------------------------------------------------------------


@pytest.mark.parametrize("depth", [33, 1_000, 100_000])
@pytest.mark.parametrize("bracket", ["[]", '{"a":}'])
def test_a_body_nested_too_deep_is_a_json_400(as_admin, claim, depth, bracket):
    opening, closing = (
        ("[" * depth, "]" * depth) if bracket == "[]" else ('{"a":' * depth + "1", "}" * depth)
    )

    response = as_admin.post("/api/v1/claims/", opening + closing, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"detail": "JSON parse error - nested more than 32 levels deep."}
    assert Claim.objects.count() == 1


def test_a_body_nested_thirty_two_deep_is_parsed(as_admin, claim):
    nested = new_claim(claim, citations=[{"source": 1, "quote": "q"}])
    for _ in range(29):
        nested = {"wrapped": nested}

    response = as_admin.post("/api/v1/claims/", json.dumps(nested), content_type="application/json")

    # Parsed (32 levels deep: the citation's object is the 32nd), then refused by its fields.
    assert response.status_code == 400
    assert "nested" not in json.dumps(response.json())


# --- Deleting what others still refer to ---------------------------------------------------


@pytest.mark.parametrize(
    ("path", "model", "message"),
    [
        (
            "/api/v1/actors/kataib-hezbollah/",
            Actor,
            "Actor “Kata'ib Hezbollah” cannot be deleted while it is referred to by 1 claim "
            "(through attributed actor)",
        ),
        (
            "/api/v1/people/mark-milley/",
            Person,
            "Person “Mark Milley” cannot be deleted while it is referred to by 1 claim "
            "(through claimant person)",
        ),
        (
            "/api/v1/events/k1/",
            Event,
            "Event “K1 base rocket attack” cannot be deleted while it is referred to by 1 "
            "claim (through event)",
        ),
        (
            "/api/v1/sources/{source}/",
            Source,
            "cannot be deleted while it is referred to by 1 citation (through source)",
        ),
    ],
    ids=["actor", "person", "event", "source"],
)
def test_deleting_a_record_still_referred_to_is_a_409_naming_what_refers_to_it(
    as_admin, claim, path, model, message
):
    count = model.objects.count()

    response = as_admin.delete(path.format(source=claim.citations.get().source_id))

    assert response.status_code == 409
    body = response.json()
    assert message in body["detail"]
    assert body["detail"].endswith("change or delete those first. Nothing was deleted.")
    assert len(body["referenced_by"]) == 1
    assert model.objects.count() == count


def test_deleting_an_actor_named_twice_counts_both_ways_it_is_named(as_admin, claim):
    make_claim(event=claim.event, claimant_actor=claim.attributed_actor)
    make_actor("Brigade 45", parent=claim.attributed_actor)

    response = as_admin.delete("/api/v1/actors/kataib-hezbollah/")

    assert response.status_code == 409
    assert (
        "by 1 actor (through parent), 2 claims (through attributed actor, claimant actor)"
        in (response.json()["detail"])
    )
    assert response.json()["referenced_by"] == {"actors": 1, "claims": 2}


def test_deleting_a_claim_another_answers_is_a_409(as_admin, claim):
    Claim.objects.create(
        event=claim.event,
        claimant_description="militia spokesman",
        stance=Claim.Stance.DISPUTES,
        responds_to=claim,
        stated_on=claim.stated_on,
    )

    response = as_admin.delete(f"/api/v1/claims/{claim.pk}/")

    assert response.status_code == 409
    assert "referred to by 1 claim (through responds to)" in response.json()["detail"]
    assert Claim.objects.filter(pk=claim.pk).exists()
