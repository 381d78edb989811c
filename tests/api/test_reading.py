"""Reading the API: each resource's fields, and what anonymous readers never see."""

import datetime

import pytest

from claims.models import Claim
from tests.factories import make_actor, make_claim, make_event, make_person, make_source

pytestmark = pytest.mark.django_db

CLAIM_FIELDS = {
    "event",
    "claimant_actor",
    "claimant_person",
    "claimant_description",
    "speaker_title",
    "channel",
    "stance",
    "attributed_actor",
    "role",
    "hedging",
    "status",
    "publication",
    "stated_on",
    "responds_to",
    "citations",
    "version",
    "created_at",
    "updated_at",
}
ACTOR_FIELDS = {"slug", "name", "kind", "country", "aliases", "parent", "wikidata_id"}
EVENT_FIELDS = {
    "slug",
    "title",
    "date",
    "date_precision",
    "end_date",
    "place",
    "country",
    "kind",
    "summary",
    "related",
    "state",
}
SOURCE_FIELDS = {
    "id",
    "url",
    "title",
    "outlet",
    "author",
    "published_on",
    "kind",
    "language",
    "archive_url",
    "republishes",
}


def draft(**fields) -> Claim:
    return make_claim(publication=Claim.Publication.DRAFT, **fields)


def test_a_claim_is_given_with_slugs_ids_and_its_citations(anon):
    pmf = make_actor("Popular Mobilization Forces", slug="pmf")
    kh = make_actor("Kata'ib Hezbollah", slug="kataib-hezbollah", parent=pmf)
    milley = make_person("Mark Milley", slug="mark-milley")
    event = make_event("K1 base rocket attack", slug="k1-base-rocket-attack")
    first = make_claim(event=event, attributed_actor=kh, citations=0)
    source = make_source(url="https://example.org/k1")
    first.citations.create(
        source=source, quote="Kata'ib Hezbollah did it", locator="para 4", language="en"
    )
    claim = make_claim(
        event=event,
        claimant_person=milley,
        claimant_actor=pmf,
        speaker_title="Chairman",
        stance="disputes",
        responds_to=first,
        stated_on=datetime.date(2019, 12, 30),
    )

    body = anon.get(f"/api/v1/claims/{claim.pk}/").json()

    assert body.keys() >= CLAIM_FIELDS
    assert body["event"] == "k1-base-rocket-attack"
    assert body["claimant_person"] == "mark-milley"
    assert body["claimant_actor"] == "pmf"
    assert body["attributed_actor"] is None
    assert body["responds_to"] == first.pk
    assert body["stated_on"] == "2019-12-30"
    assert body["publication"] == "published"
    assert body["version"] == 1
    first_body = anon.get(f"/api/v1/claims/{first.pk}/").json()
    assert first_body["attributed_actor"] == "kataib-hezbollah"
    citation_fields = ("source", "quote", "locator", "language", "translation")
    assert [{key: c[key] for key in citation_fields} for c in first_body["citations"]] == [
        {
            "source": source.pk,
            "quote": "Kata'ib Hezbollah did it",
            "locator": "para 4",
            "language": "en",
            "translation": "",
        }
    ]


def test_an_actor_is_given_with_its_aliases_and_parent(anon):
    pmf = make_actor("Popular Mobilization Forces", slug="pmf")
    kh = make_actor(
        "Kata'ib Hezbollah", slug="kataib-hezbollah", parent=pmf, country="IQ", wikidata_id="Q1"
    )
    kh.aliases.create(name="Kataeb Hezbollah")

    body = anon.get("/api/v1/actors/kataib-hezbollah/").json()

    assert body.keys() >= ACTOR_FIELDS
    assert body["aliases"] == ["Kataeb Hezbollah"]
    assert body["parent"] == "pmf"
    assert body["country"] == "IQ"
    assert body["wikidata_id"] == "Q1"
    assert anon.get("/api/v1/actors/pmf/").json()["parent"] is None


def test_a_person_is_given_with_aliases_and_affiliations(anon):
    us = make_actor("United States", slug="united-states", kind="state")
    milley = make_person("Mark Milley", slug="mark-milley")
    milley.aliases.create(name="Gen. Milley")
    milley.affiliations.create(actor=us, title="Chairman of the Joint Chiefs of Staff")

    body = anon.get("/api/v1/people/mark-milley/").json()

    assert body["name"] == "Mark Milley"
    assert body["aliases"] == ["Gen. Milley"]
    assert body["affiliations"][0]["actor"] == "united-states"
    assert body["affiliations"][0]["title"] == "Chairman of the Joint Chiefs of Staff"


def test_an_event_is_given_with_its_relations_and_state(anon):
    earlier = make_event("Strikes on five KH facilities", slug="strikes")
    event = make_event("K1 base rocket attack", slug="k1", country="IQ", place="Kirkuk")
    event.relations.create(to_event=earlier, relation="follows")
    make_claim(event=event)
    make_claim(event=earlier)

    body = anon.get("/api/v1/events/k1/").json()

    assert body.keys() >= EVENT_FIELDS
    assert body["state"] == "attributed"
    assert body["related"] == [{"relation": "follows", "event": "strikes"}]
    assert body["country"] == "IQ"
    assert body["date"] == "2024-01-28"


def test_a_source_is_given_with_what_it_republishes(anon):
    original = make_source(url="https://example.org/original")
    copy = make_source(republishes=original)
    claim = make_claim(citations=0)
    claim.citations.create(source=original, quote="one")
    claim.citations.create(source=copy, quote="two")

    body = anon.get(f"/api/v1/sources/{copy.pk}/").json()

    assert body.keys() >= SOURCE_FIELDS
    assert body["republishes"] == original.pk
    assert anon.get(f"/api/v1/sources/{original.pk}/").json()["url"] == (
        "https://example.org/original"
    )


def test_anonymous_readers_never_see_a_draft(anon):
    published = make_claim()
    hidden = draft(event=published.event)
    hidden.citations.update(quote="a secret draft quote")

    listed = anon.get("/api/v1/claims/").json()

    assert [claim["id"] for claim in listed["results"]] == [published.pk]
    assert listed["count"] == 1
    assert anon.get(f"/api/v1/claims/{hidden.pk}/").status_code == 404
    assert anon.get("/api/v1/claims/", {"q": "secret draft"}).json()["count"] == 0
    assert anon.get("/api/v1/claims/", {"publication": "draft"}).json()["count"] == 1


def test_an_event_with_only_drafts_is_not_found_by_anonymous_readers(anon):
    public = make_claim().event
    only_drafts = make_event("Unpublished event", slug="unpublished-event")
    draft(event=only_drafts)

    listed = anon.get("/api/v1/events/").json()

    assert [event["slug"] for event in listed["results"]] == [public.slug]
    for url in (
        "/api/v1/events/unpublished-event/",
        "/api/v1/events/unpublished-event/attributions/",
        "/api/v1/events/unpublished-event/claimreview/",
    ):
        response = anon.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"].startswith("application/json")


def test_a_source_only_drafts_cite_is_not_found_by_anonymous_readers(anon):
    public_source = make_claim().citations.get().source
    draft_source = draft().citations.get().source

    listed = anon.get("/api/v1/sources/").json()

    assert [source["id"] for source in listed["results"]] == [public_source.pk]
    assert anon.get(f"/api/v1/sources/{draft_source.pk}/").status_code == 404
    assert anon.get(f"/api/v1/sources/{public_source.pk}/").status_code == 200


def test_an_account_without_a_role_sees_no_drafts_either(as_charlie):
    published = make_claim()
    hidden = draft(event=published.event)

    listed = as_charlie.get("/api/v1/claims/").json()

    assert [claim["id"] for claim in listed["results"]] == [published.pk]
    assert as_charlie.get(f"/api/v1/claims/{hidden.pk}/").status_code == 404


def test_editors_see_drafts_to_work_on_them(as_alice):
    published = make_claim()
    hidden = draft(event=published.event)

    listed = as_alice.get("/api/v1/claims/").json()

    assert [claim["id"] for claim in listed["results"]] == [published.pk, hidden.pk]
    assert as_alice.get(f"/api/v1/claims/{hidden.pk}/").json()["publication"] == "draft"


def test_unknown_slugs_and_ids_are_not_found_as_json(anon):
    for url in (
        "/api/v1/actors/nobody/",
        "/api/v1/people/nobody/",
        "/api/v1/events/nothing-here/",
        "/api/v1/events/nothing-here/attributions/",
        "/api/v1/sources/999/",
        "/api/v1/claims/999/",
        "/api/v1/claims/999/claimreview/",
    ):
        response = anon.get(url)
        assert response.status_code == 404, url
        assert "detail" in response.json(), url
