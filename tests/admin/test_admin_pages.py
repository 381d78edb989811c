"""Every admin page renders, with a number of queries that does not grow with the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Affiliation, EventRelation
from tests.factories import make_actor, make_claim, make_event, make_person, make_source

MODELS = ["actor", "person", "source", "event", "claim", "citation"]


def build_world(size: int) -> dict:
    """`size` of everything, with an event and an actor whose pages list `size` rows each."""
    parent = make_actor(f"Popular Mobilization Forces {size}")
    actor = make_actor(f"Kata'ib Hezbollah {size}", parent=parent)
    person = make_person(f"Mark Milley {size}")
    event = make_event(f"K1 base rocket attack {size}")
    claims = [
        make_claim(event=event, attributed_actor=actor, claimant_person=person, citations=2)
        for _ in range(size)
    ]
    for n in range(size):
        actor.aliases.create(name=f"Variant {size}-{n}")
        person.aliases.create(name=f"Milley {size}-{n}")
        Affiliation.objects.create(person=person, actor=make_actor(), title=f"Post {n}")
        EventRelation.objects.create(from_event=event, to_event=make_event(), relation="follows")
        make_source(republishes=make_source())
    return {
        "actor": actor,
        "person": person,
        "source": claims[0].citations.first().source,
        "event": event,
        "claim": claims[0],
        "citation": claims[0].citations.first(),
    }


def count_queries(client, url: str) -> int:
    client.get(url)  # warm the per-process caches (content types, site) first
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def page_urls(world: dict) -> dict[str, str]:
    urls = {}
    for model in MODELS:
        urls[f"{model} list"] = reverse(f"admin:claims_{model}_changelist")
        urls[f"{model} add"] = reverse(f"admin:claims_{model}_add")
        urls[f"{model} change"] = reverse(f"admin:claims_{model}_change", args=[world[model].pk])
        urls[f"{model} history"] = reverse(f"admin:claims_{model}_history", args=[world[model].pk])
    return urls


@pytest.mark.django_db
def test_it_renders_every_page_with_a_query_count_independent_of_the_data(client, admin_user):
    client.force_login(admin_user)
    small = {page: count_queries(client, url) for page, url in page_urls(build_world(2)).items()}
    large = {page: count_queries(client, url) for page, url in page_urls(build_world(12)).items()}
    assert large == small
    # A ceiling, so that a page that grows a constant but needless query shows up too.
    assert max(small.values()) <= 25, small


@pytest.mark.django_db
def test_it_lists_claims_with_a_fixed_set_of_queries(client, admin_user, django_assert_num_queries):
    for _ in range(30):
        make_claim()
    client.force_login(admin_user)
    client.get(reverse("admin:claims_claim_changelist"))  # warm the content-type cache
    # 1 session, 2 user, 3 count of the filtered claims, 4 the page of claims with their
    # event and actors joined, 5 the date hierarchy's first and last date, 6 its day links.
    with django_assert_num_queries(6):
        client.get(reverse("admin:claims_claim_changelist"))
