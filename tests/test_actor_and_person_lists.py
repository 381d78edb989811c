"""/actors/ and /people/: who the published claims name, with how many events each."""

import lxml.html
import pytest

from claims.models import Actor, Claim
from tests.factories import make_actor, make_claim, make_event, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    us = make_actor("United States", kind=Actor.Kind.STATE)
    kh = make_actor("Kata'ib Hezbollah", kind=Actor.Kind.ARMED_GROUP)
    houthis = make_actor("Houthis", kind=Actor.Kind.ARMED_GROUP)
    hidden = make_actor("Only in a draft", kind=Actor.Kind.ARMED_GROUP)
    milley = make_person("Mark Milley")
    k1, tower, abqaiq = make_event("K1"), make_event("Tower 22"), make_event("Abqaiq")
    # Kata'ib Hezbollah: named in two events (twice in one), once as the claimant.
    make_claim(event=k1, claimant_actor=us, claimant_person=milley, attributed_actor=kh)
    make_claim(event=k1, attributed_actor=kh)
    make_claim(event=tower, claimant_actor=kh, stance=Claim.Stance.DENIES, attributed_actor=kh)
    make_claim(event=abqaiq, attributed_actor=houthis)
    # Drafts count for nothing, and name no one on these pages.
    make_claim(event=abqaiq, attributed_actor=kh, publication=Claim.Publication.DRAFT)
    make_claim(
        event=abqaiq,
        attributed_actor=hidden,
        claimant_person=make_person("Drafty"),
        publication=Claim.Publication.DRAFT,
    )
    return locals()


def entries(response) -> dict[str, str]:
    assert response.status_code == 200
    html = lxml.html.fromstring(response.content)
    return {
        li.find("a").text_content(): li.find_class("meta")[0].text_content()
        for names in html.find_class("names")
        for li in names.iter("li")
    }


def test_the_actors_list_counts_the_events_where_each_is_named(client, world):
    response = client.get("/actors/")

    assert entries(response) == {
        "United States": "named in 1 event",
        "Kata'ib Hezbollah": "named in 2 events",
        "Houthis": "named in 1 event",
    }
    assert "3 actors named in published claims." in response.content.decode()


def test_the_actors_list_groups_them_by_kind_in_the_vocabularys_order(client, world):
    html = lxml.html.fromstring(client.get("/actors/").content)

    sections = [
        (section.find("h2").text_content(), [a.text_content() for a in section.iter("a")])
        for section in html.iter("section")
    ]
    assert sections == [
        ("State", ["United States"]),
        ("Armed group", ["Houthis", "Kata'ib Hezbollah"]),
    ]


def test_the_people_list_counts_the_events_each_spoke_about(client, world):
    response = client.get("/people/")

    assert entries(response) == {"Mark Milley": "spoke about 1 event"}
    assert "1 person with published statements." in response.content.decode()


def test_a_draft_never_reaches_either_list(client, world):
    for url in ("/actors/", "/people/"):
        page = client.get(url).content.decode()
        assert "Only in a draft" not in page
        assert "Drafty" not in page


def test_the_header_links_both_lists(client, world):
    html = lxml.html.fromstring(client.get("/").content)

    links = {a.text_content(): a.get("href") for a in html.xpath("//nav[@aria-label='Main']//a")}
    assert links["Actors"] == "/actors/"
    assert links["People"] == "/people/"


@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize("url", ["/actors/", "/people/"])
def test_each_list_runs_two_queries_however_many_names(
    client, world, url, django_assert_num_queries
):
    for n in range(30):
        make_claim(attributed_actor=make_actor(f"Actor {n}"), claimant_person=make_person())
    # The count of names for the paginator, then the page with each one's event count.
    with django_assert_num_queries(2):
        response = client.get(url)
    assert response.status_code == 200


def test_empty_lists_say_so(client):
    assert "No actor is named" in client.get("/actors/").content.decode()
    assert "No statement is published yet." in client.get("/people/").content.decode()
