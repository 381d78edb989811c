"""The lists' filters, ordering and pagination, in the fact-checkers' terms."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims.models import Actor, Claim, Source
from tests.factories import make_actor, make_claim, make_event, make_person, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Two events in Iraq and Jordan; claims about a brigade, its parent body and another group."""
    us = make_actor("United States", slug="united-states", kind="state", country="US")
    pmf = make_actor("Popular Mobilization Forces", slug="pmf", country="IQ")
    kh = make_actor("Kata'ib Hezbollah", slug="kataib-hezbollah", parent=pmf, country="IQ")
    kh.aliases.create(name="Kataeb Hezbollah")
    isis = make_actor("Islamic State", slug="islamic-state")
    milley = make_person("Mark Milley", slug="mark-milley")
    k1 = make_event(
        "K1 base rocket attack",
        slug="k1",
        country="IQ",
        kind="rocket_attack",
        date=datetime.date(2019, 12, 27),
        summary="Rockets hit the K1 base near Kirkuk.",
    )
    tower = make_event(
        "Drone attack on Tower 22", slug="tower-22", country="JO", date=datetime.date(2024, 1, 28)
    )
    nyt = make_source(outlet="The New York Times")
    claims = {
        "milley": make_claim(
            event=k1,
            claimant_actor=us,
            claimant_person=milley,
            attributed_actor=kh,
            stated_on=datetime.date(2019, 12, 29),
            status="confirmed",
        ),
        "kh denies": make_claim(
            event=k1,
            stance="denies",
            claimant_actor=kh,
            attributed_actor=kh,
            hedging="asserted",
            stated_on=datetime.date(2019, 12, 30),
        ),
        "pmf sponsor": make_claim(
            event=tower,
            attributed_actor=pmf,
            role="sponsor",
            hedging="alleged",
            stated_on=datetime.date(2024, 1, 29),
        ),
        "isis": make_claim(
            event=tower,
            claimant_actor=isis,
            stance="claims_responsibility",
            attributed_actor=isis,
            stated_on=datetime.date(2024, 1, 30),
        ),
    }
    claims["milley"].citations.create(source=nyt, quote="Kata'ib Hezbollah fired the rockets")
    claims["pmf sponsor"].citations.create(
        source=nyt, quote="بدعم من الحشد", translation="with the backing of the PMF", language="ar"
    )
    make_claim(event=tower, attributed_actor=kh, publication="draft")  # never listed
    return {"claims": claims, "k1": k1, "tower": tower, "nyt": nyt}


def claim_ids(client, **params) -> set[int]:
    response = client.get("/api/v1/claims/", params)
    assert response.status_code == 200, response.json()
    return {claim["id"] for claim in response.json()["results"]}


def ids(world, *names) -> set[int]:
    return {world["claims"][name].pk for name in names}


def test_claims_by_event_stance_role_hedging_and_status(anon, world):
    assert claim_ids(anon, event="k1") == ids(world, "milley", "kh denies")
    assert claim_ids(anon, stance="denies") == ids(world, "kh denies")
    assert claim_ids(anon, role="sponsor") == ids(world, "pmf sponsor")
    assert claim_ids(anon, hedging="alleged") == ids(world, "pmf sponsor")
    assert claim_ids(anon, status="confirmed") == ids(world, "milley")
    assert claim_ids(anon, event="k1", stance="attributes") == ids(world, "milley")
    assert claim_ids(anon, event="nothing-here") == set()


def test_claims_by_actor_and_person(anon, world):
    assert claim_ids(anon, attributed_actor="kataib-hezbollah") == ids(world, "milley", "kh denies")
    assert claim_ids(anon, attributed_actor="pmf") == ids(world, "pmf sponsor")
    assert claim_ids(anon, attributed_actor="pmf,islamic-state") == ids(
        world, "pmf sponsor", "isis"
    )
    assert claim_ids(anon, claimant_actor="kataib-hezbollah") == ids(world, "kh denies")
    assert claim_ids(anon, claimant_person="mark-milley") == ids(world, "milley")
    assert claim_ids(anon, attributed_actor="nobody") == set()


def test_an_actor_filter_takes_in_sub_units_when_asked(anon, world):
    wide = claim_ids(anon, attributed_actor="pmf", include_subunits="true")
    narrow = claim_ids(anon, attributed_actor="pmf", include_subunits="false")
    claimant = claim_ids(anon, claimant_actor="pmf", include_subunits="true")

    assert wide == ids(world, "pmf sponsor", "milley", "kh denies")
    assert narrow == ids(world, "pmf sponsor")
    assert claimant == ids(world, "kh denies")


def test_claims_by_description_and_by_the_actor_a_description_is_consistent_with(anon, world):
    kh, pmf = (
        world["claims"]["milley"].attributed_actor,
        world["claims"]["pmf sponsor"].attributed_actor,
    )
    hinted = make_claim(
        attributed_actor=None,
        attributed_description="an Iranian-backed militia",
        attributed_actor_hint=kh,
    )
    vague = make_claim(attributed_actor=None, attributed_description="the culprit")

    assert claim_ids(anon, attributed_description="CULPRIT") == {vague.pk}
    assert claim_ids(anon, attributed_actor_hint=kh.slug) == {hinted.pk}
    assert claim_ids(anon, attributed_actor_hint=pmf.slug) == set()
    assert claim_ids(anon, attributed_actor_hint=pmf.slug, include_subunits="true") == {hinted.pk}
    # Naming an actor and being consistent with it are not the same: a description is
    # never among the claims about the actor.
    assert hinted.pk not in claim_ids(anon, attributed_actor=kh.slug)


def test_claims_by_source_outlet_and_quote(anon, world):
    nyt = world["nyt"].pk
    assert claim_ids(anon, source=nyt) == ids(world, "milley", "pmf sponsor")
    assert claim_ids(anon, outlet="the new york times") == ids(world, "milley", "pmf sponsor")
    assert claim_ids(anon, q="fired the rockets") == ids(world, "milley")
    assert claim_ids(anon, q="backing of the PMF") == ids(world, "pmf sponsor")


def test_claims_by_dates(anon, world):
    assert claim_ids(anon, stated_after="2020-01-01") == ids(world, "pmf sponsor", "isis")
    assert claim_ids(anon, stated_before="2019-12-29") == ids(world, "milley")
    assert claim_ids(anon, stated_after="2019-12-30", stated_before="2024-01-29") == ids(
        world, "kh denies", "pmf sponsor"
    )
    Claim.objects.exclude(pk=world["claims"]["isis"].pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=10)
    )
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    assert claim_ids(anon, updated_since=since) == ids(world, "isis")


def test_claims_in_the_order_asked(anon, world):
    def order(**params):
        response = anon.get("/api/v1/claims/", params)
        assert response.status_code == 200
        return [claim["id"] for claim in response.json()["results"]]

    by_date = [world["claims"][name].pk for name in ("milley", "kh denies", "pmf sponsor", "isis")]
    assert order(ordering="stated_on") == by_date
    assert order(ordering="-stated_on") == by_date[::-1]
    assert order() == sorted(by_date)
    for n, pk in enumerate(by_date):
        Claim.objects.filter(pk=pk).update(updated_at=timezone.now() - datetime.timedelta(days=n))
    assert order(ordering="updated_at") == by_date[::-1]
    assert order(ordering="-updated_at") == by_date


def test_events_by_country_kind_state_and_text(anon, world):
    def slugs(**params):
        response = anon.get("/api/v1/events/", params)
        assert response.status_code == 200, response.json()
        return [event["slug"] for event in response.json()["results"]]

    assert slugs() == ["tower-22", "k1"]  # newest first
    assert slugs(country="IQ") == ["k1"]
    assert slugs(kind="rocket_attack") == ["k1"]
    assert slugs(state="confirmed") == ["k1"]
    assert slugs(state="claimed") == ["tower-22"]  # Islamic State claimed it itself
    assert slugs(state="contested") == []
    assert slugs(q="kirkuk") == ["k1"]
    assert slugs(q="tower") == ["tower-22"]
    assert slugs(date_after="2020-01-01") == ["tower-22"]
    assert slugs(date_before="2020-01-01") == ["k1"]
    assert slugs(ordering="date") == ["k1", "tower-22"]


def test_events_by_candidate_actor_and_its_sub_units(anon, world):
    def slugs(**params):
        return [event["slug"] for event in anon.get("/api/v1/events/", params).json()["results"]]

    assert slugs(actor="kataib-hezbollah") == ["k1"]
    assert slugs(actor="islamic-state") == ["tower-22"]
    assert slugs(actor="pmf") == ["tower-22"]
    assert slugs(actor="pmf", include_subunits="true") == ["tower-22", "k1"]
    assert slugs(actor="united-states") == []  # a claimant, not a candidate


def test_actors_by_kind_country_and_any_spelling(anon, world):
    def slugs(**params):
        response = anon.get("/api/v1/actors/", params)
        assert response.status_code == 200, response.json()
        return [actor["slug"] for actor in response.json()["results"]]

    assert slugs(q="Kataeb") == ["kataib-hezbollah"]
    assert slugs(q="kata’ib") == ["kataib-hezbollah"]
    assert slugs(q="Popular Mobilization") == ["pmf"]
    assert slugs(kind="state") == ["united-states"]
    assert slugs(country="IQ") == ["kataib-hezbollah", "pmf"]


@pytest.mark.parametrize(
    ("url", "field", "value"),
    [
        ("/api/v1/claims/", "stated_after", "31/12/2019"),
        ("/api/v1/claims/", "stated_before", "2019-02-30"),
        ("/api/v1/claims/", "updated_since", "yesterday"),
        ("/api/v1/claims/", "stance", "blames"),
        ("/api/v1/claims/", "role", "mastermind"),
        ("/api/v1/claims/", "hedging", "maybe"),
        ("/api/v1/claims/", "status", "true"),
        ("/api/v1/claims/", "source", "abc"),
        ("/api/v1/claims/", "ordering", "notes"),
        ("/api/v1/events/", "date_after", "2024-13-01"),
        ("/api/v1/events/", "date_before", "soon"),
        ("/api/v1/events/", "kind", "earthquake"),
        ("/api/v1/events/", "state", "resolved"),
        ("/api/v1/events/", "ordering", "title"),
        ("/api/v1/actors/", "kind", "person"),
        ("/api/v1/claims/export.csv", "stance", "blames"),
        ("/api/v1/claims/export.ndjson", "stated_after", "yesterday"),
    ],
)
def test_a_malformed_filter_is_a_400_naming_the_field(anon, url, field, value):
    response = anon.get(url, {field: value})

    assert response.status_code == 400
    assert field in response.json()


def test_a_huge_source_id_is_not_a_server_error(anon):
    response = anon.get("/api/v1/claims/", {"source": "99999999999999999999999"})

    assert response.status_code in (200, 400)
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    "url", ["/api/v1/claims/", "/api/v1/events/", "/api/v1/actors/", "/api/v1/people/"]
)
def test_every_list_is_paginated_and_a_page_beyond_the_end_is_a_json_404(anon, url):
    make_claim(claimant_person=make_person())
    page = anon.get(url)
    beyond = anon.get(url, {"page": 2})
    not_a_number = anon.get(url, {"page": "abc"})

    assert page.status_code == 200
    assert {"count", "next", "previous", "results"} <= page.json().keys()
    for response in (beyond, not_a_number):
        assert response.status_code == 404
        assert "detail" in response.json()


def test_the_sources_list_is_paginated_too(anon):
    make_claim()

    assert anon.get("/api/v1/sources/").json()["count"] == 1
    assert anon.get("/api/v1/sources/", {"page": 2}).status_code == 404


def test_the_page_size_is_capped_at_500(anon):
    Actor.objects.bulk_create(
        Actor(name=f"Actor {n}", slug=f"actor-{n:04}", kind="other") for n in range(501)
    )

    default = anon.get("/api/v1/actors/").json()
    small = anon.get("/api/v1/actors/", {"page_size": 7}).json()
    capped = anon.get("/api/v1/actors/", {"page_size": 1000}).json()

    assert len(default["results"]) == 50
    assert len(small["results"]) == 7
    assert len(capped["results"]) == 500
    assert capped["count"] == 501
    assert capped["next"] is not None


def test_paging_through_a_list_meets_every_row_once(as_alice):
    Source.objects.bulk_create(
        Source(title=f"Report {n}", kind="news_report", outlet="Same") for n in range(23)
    )
    seen, url = [], "/api/v1/sources/?page_size=5"
    while url:
        body = as_alice.get(url).json()
        seen += [source["id"] for source in body["results"]]
        url = body["next"]

    assert sorted(seen) == sorted(Source.objects.values_list("pk", flat=True))
    assert len(seen) == len(set(seen)) == 23


def order_by_clause(client, url: str) -> str:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    main = next(q["sql"] for q in queries if "ORDER BY" in q["sql"] and "LIMIT" in q["sql"])
    return main.rsplit("ORDER BY", 1)[1].split("LIMIT")[0]


def test_the_default_orders_end_on_a_unique_key(anon, world):
    assert '"claims_claim"."id"' in order_by_clause(anon, "/api/v1/claims/")
    assert '"claims_event"."slug"' in order_by_clause(anon, "/api/v1/events/")
    assert '"claims_actor"."slug"' in order_by_clause(anon, "/api/v1/actors/")


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("/api/v1/claims/?ordering=stated_on", '"claims_claim"."id"'),
        ("/api/v1/claims/?ordering=-updated_at", '"claims_claim"."id"'),
        ("/api/v1/events/?ordering=date", '"claims_event"."id"'),
    ],
)
def test_an_ordering_asked_for_still_ends_on_a_unique_key(anon, world, url, key):
    assert key in order_by_clause(anon, url)


def test_an_actor_with_its_sub_units_lists_in_date_order_page_by_page(anon, world):
    """The first pages of a parent body's claims with its sub-units' come from the date
    index (bench/README.md): the same claims, in the same order, as a sort of them all,
    whether the actors are named as claimants or as the culprits, and the same answer's
    ids for a reply to a draft."""
    k1 = world["k1"]
    pmf = Actor.objects.get(slug="pmf")
    kh = Actor.objects.get(slug="kataib-hezbollah")
    other = make_actor("Another group")
    day = datetime.date(2020, 3, 1)
    # Same days on purpose: the id settles the order among claims of one day.
    for n in range(6):
        for actor in (pmf, kh, other):
            make_claim(event=k1, attributed_actor=actor, stated_on=day + datetime.timedelta(n))
            make_claim(
                event=k1,
                claimant_actor=actor,
                attributed_actor=other,
                stated_on=day - datetime.timedelta(n),
            )
    draft = make_claim(event=k1, attributed_actor=kh, publication="draft")
    answer = make_claim(event=k1, stance="disputes", claimant_actor=pmf, responds_to=draft)
    published = Claim.objects.published()

    for column in ("attributed_actor", "claimant_actor"):
        for ordering in ("-stated_on", "stated_on"):
            expected = list(
                published.filter(**{f"{column}__in": [pmf.pk, kh.pk]})
                .order_by(ordering, "pk")
                .values_list("pk", flat=True)
            )
            listed = []
            for page in range(1, 10):
                params = {column: "pmf", "include_subunits": "true", "ordering": ordering}
                with CaptureQueriesContext(connection) as queries:
                    response = anon.get("/api/v1/claims/", params | {"page_size": 4, "page": page})
                assert response.status_code in (200, 404)
                if response.status_code == 404:
                    break
                # The actors by slug, the actors' parents, the count, the page, its citations.
                assert len(queries) == 5
                listed += [claim["id"] for claim in response.json()["results"]]
            assert listed == expected, (column, ordering)
            assert len(listed) > 12

    answered = anon.get("/api/v1/claims/", {"claimant_actor": "pmf", "stance": "disputes"})
    assert [(c["id"], c["responds_to"]) for c in answered.json()["results"]] == [(answer.pk, None)]
