"""Every list and detail runs the same number of SQL queries whatever the amount of data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_actor, make_claim, make_event, make_person, make_source

# The work of answering, not the readers' cache's answer (tests/test_page_cache.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def build_world(size: int, label: str) -> dict[str, str]:
    """`size` of everything: actors with aliases under a parent, people with affiliations,
    related events, claims each citing two sources; returns the URLs to measure."""
    parent = make_actor(f"Popular Mobilization Forces {label}")
    actors = []
    for n in range(size):
        actor = make_actor(f"Brigade {n} {label}", parent=parent)
        actor.aliases.create(name=f"Brigade {n} {label} alias one")
        actor.aliases.create(name=f"Brigade {n} {label} alias two")
        actors.append(actor)
    for n in range(size):
        parent.aliases.create(name=f"PMF {label} spelling {n}")
    people = []
    for n in range(size):
        person = make_person(f"Spokesperson {n} {label}")
        person.aliases.create(name=f"Spokesperson {n} {label} alias")
        person.affiliations.create(actor=actors[n], title="Spokesperson")
        person.affiliations.create(actor=parent, title="Member")
        people.append(person)
    # A republication of a source only a draft cites: readers are given null for it.
    hidden_origin = make_source()
    shared = make_source(republishes=hidden_origin)
    event = make_event(f"Attack {label}")
    others = [make_event(f"Earlier attack {n} {label}") for n in range(size)]
    for n, other in enumerate(others):
        event.relations.create(to_event=other, relation="follows")
        make_claim(event=other, attributed_actor=actors[n])
        if n:
            other.relations.create(to_event=others[n - 1], relation="retaliation_for")
    # A relation readers are not told of: the event it names has drafts only.
    hidden = make_event(f"Unannounced strike {label}")
    make_claim(event=hidden, publication="draft")
    event.relations.create(to_event=hidden, relation="retaliation_for")
    claims = []
    for n in range(size):
        claim = make_claim(
            event=event,
            attributed_actor=actors[n],
            claimant_actor=parent,
            claimant_person=people[n],
            status="confirmed" if n % 2 else "disputed",
            citations=2,
        )
        claim.citations.create(source=shared, quote=f"Shared quote {n}")
        claims.append(claim)
        # A claim naming no one, with a hint: its hint is read with the claim, not after.
        make_claim(
            event=event,
            attributed_actor=None,
            attributed_description=f"a brigade of the PMF {n}",
            attributed_actor_hint=actors[n],
        )
    big_claim = claims[0]
    for n in range(size):
        big_claim.citations.create(source=make_source(), quote=f"More {n}")
    make_claim(event=event, stance="disputes", responds_to=big_claim)
    # A dispute of a draft: readers are given null for it, with no query of its own.
    answered_draft = make_claim(event=event, publication="draft")
    answered_draft.citations.create(source=hidden_origin, quote="Wire copy")
    make_claim(event=event, stance="disputes", responds_to=answered_draft)
    return {
        "actors": "/api/v1/actors/",
        "people": "/api/v1/people/",
        "sources": "/api/v1/sources/",
        "events": "/api/v1/events/",
        "claims": "/api/v1/claims/",
        "claims filtered": f"/api/v1/claims/?attributed_actor={parent.slug}&include_subunits=true"
        f"&q=quote&ordering=-stated_on",
        "events filtered": f"/api/v1/events/?actor={parent.slug}&include_subunits=true",
        "actor": f"/api/v1/actors/{parent.slug}/",
        "person": f"/api/v1/people/{people[0].slug}/",
        "source": f"/api/v1/sources/{shared.pk}/",
        "event": f"/api/v1/events/{event.slug}/",
        "claim": f"/api/v1/claims/{big_claim.pk}/",
        "attributions": f"/api/v1/events/{event.slug}/attributions/?as_of=2024-02-01",
        "claim review": f"/api/v1/claims/{big_claim.pk}/claimreview/",
        "event claim reviews": f"/api/v1/events/{event.slug}/claimreview/",
        "changes": "/api/v1/changes/?since=2000-01-01T00:00:00Z",
    }


def queries_for(client, url: str) -> int:
    client.get(url)  # the first request fills per-process caches (content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return len(queries)


def count_all(client, urls: dict[str, str]) -> dict[str, int]:
    return {name: queries_for(client, url) for name, url in urls.items()}


def test_anonymous_reading_runs_the_same_queries_whatever_the_amount_of_data(anon):
    small = count_all(anon, build_world(2, "small"))
    large = count_all(anon, build_world(12, "large"))

    assert large == small


def test_an_editors_reading_runs_the_same_queries_whatever_the_amount_of_data(as_alice):
    small = count_all(as_alice, build_world(2, "small"))
    large = count_all(as_alice, build_world(12, "large"))

    assert large == small


CEILINGS = {
    # count, page, and one query per prefetched relation
    "actors": 3,  # count, actors with parents, aliases
    "people": 4,  # count, people, aliases, affiliations with actors
    "sources": 2,  # count, sources (with whether readers may see what each republishes)
    "events": 3,  # count, events, relations with the related events (public ones for readers)
    "claims": 3,  # count, claims with event, actors and the answered claim, citations
    "claims filtered": 5,  # and the actors named, the actor tree for sub-units
    "events filtered": 5,  # and the actors named, the actor tree for sub-units
    "actor": 2,
    "person": 3,
    "source": 1,
    "event": 2,
    "claim": 2,
    "attributions": 5,  # event, relations, claims, their sources' origins, actor tree
    "claim review": 2,
    "event claim reviews": 4,
    # the claims' public changes, the events' edits, which of those events are public,
    # relations to them, claims answering those claims; then the page's claims with
    # their citations, its events with their relations
    "changes": 9,
}


def test_each_resource_stays_under_its_ceiling_of_queries(anon):
    counts = count_all(anon, build_world(3, "ceiling"))

    over = {name: counts[name] for name, most in CEILINGS.items() if counts[name] > most}
    assert over == {}, counts


def feed_world(size: int) -> None:
    """`size` of each kind of change: new claims, corrections, withdrawals, deletions,
    drafts, events related to one another and disputes answering other claims."""
    previous = None
    for _ in range(size):
        corrected, withdrawn, deleted = make_claim(), make_claim(), make_claim()
        corrected.hedging = "alleged"
        corrected.save()
        withdrawn.publication = "draft"
        withdrawn.save()
        event = deleted.event
        deleted.delete()
        event.delete()
        new = make_claim(event=corrected.event, stance="disputes", responds_to=corrected)
        make_claim(event=new.event, publication="draft")
        if previous is not None:
            new.event.relations.create(to_event=previous, relation="follows")
        previous = withdrawn.event


@pytest.mark.parametrize("size", [2, 12])
def test_the_change_feed_runs_the_same_queries_whatever_the_amount_of_changes(
    anon, size, django_assert_num_queries
):
    feed_world(size)
    url = "/api/v1/changes/?since=2000-01-01T00:00:00Z"
    anon.get(url)  # the first request fills per-process caches (content types)

    # 1 the claims' public changes, 2 the events' edits, 3 which of those events are
    # public, 4 relations to them, 5 claims answering those claims; 6 the page's
    # claims, 7 their citations, 8 its events, 9 their relations; 10 which withdrawn
    # claims and 11 events still exist, 12 the slugs readers knew of those events
    with django_assert_num_queries(12):
        body = anon.get(url).json()

    assert {entry["action"] for entry in body["results"]} == {"upsert", "delete"}
