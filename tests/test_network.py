"""Who blames whom: each actor's page draws the accusations around it, and /network/ those
of the whole tracker, filtered; laid out by networkx with a fixed seed, drawn on the
server, with a table that says the same in words."""

import datetime

import pytest
from django.urls import reverse

from claims.models import Claim
from claims.network import (
    NARROW,
    NODE_LIMIT,
    WIDE,
    Accusation,
    EventLink,
    Party,
    build_network,
    merge,
)
from tests.factories import make_actor, make_claim, make_event, make_person


def party(name: str, kind: str = "actor") -> Party:
    return Party(key=f"{kind}:{name}", label=name, kind=kind, href=f"/actors/{name}/")


US, KH, IRAN, PMF = party("United States"), party("Kata'ib Hezbollah"), party("Iran"), party("PMF")
K1 = EventLink("Rocket attack on the K1 base", "/events/k1/", "27 December 2019")


def boxes_overlap(first, second, layout) -> bool:
    def box(node):
        half = max(node.radius, len(node.label) * layout.char_width / 2)
        return node.x - half, node.x + half, node.y - node.radius, node.label_y + 4

    a, b = box(first), box(second)
    return min(a[1], b[1]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[2], b[2])


def test_accusations_of_one_claimant_actor_and_stance_add_up():
    merged = merge(
        [
            Accusation(US, KH, "attributes", 2, [K1]),
            Accusation(US, KH, "attributes", 1, [K1, EventLink("Tower 22", "/events/t22/")]),
            Accusation(US, KH, "denies"),
            Accusation(US, KH, "no_claim"),
        ]
    )

    assert [(a.stance, a.claims) for a in merged] == [("attributes", 3), ("denies", 1)]
    assert [event.title for event in merged[0].events] == [K1.title, "Tower 22"]


def test_what_a_party_says_of_itself_is_counted_on_its_node_not_drawn():
    network = build_network(
        [
            Accusation(KH, KH, "claims_responsibility", 2),
            Accusation(KH, KH, "denies", 1),
            Accusation(US, KH, "attributes", 1),
        ]
    )

    assert [(a.source, a.target) for a in network.accusations] == [(US, KH)]
    (kh,) = [node for node in network.wide.nodes if node.party == KH]
    assert kh.claimed_itself == 2 and kh.denied_itself == 1
    assert kh.own_statements == (
        "claimed responsibility 2 times; denied its own responsibility 1 time"
    )
    assert network.own_statements == [kh]


def test_the_layout_is_the_same_every_time_and_keeps_nodes_and_names_apart():
    accusations = [
        Accusation(party(f"Actor {n}"), [US, KH, IRAN][n % 3], "attributes", 1 + n % 4)
        for n in range(20)
    ] + [Accusation(IRAN, US, "attributes", 3), Accusation(US, IRAN, "attributes", 2)]

    first, again = build_network(accusations), build_network(accusations)

    for drawing, same in ((first.wide, again.wide), (first.narrow, again.narrow)):
        assert [(n.x, n.y) for n in drawing.nodes] == [(n.x, n.y) for n in same.nodes]
        assert [e.path for e in drawing.edges] == [e.path for e in same.edges]
        layout = drawing.layout
        for n, node in enumerate(drawing.nodes):
            assert node.x - node.radius >= 0 and node.x + node.radius <= layout.width
            assert node.y - node.radius >= 0 and node.label_y <= layout.height
            for other in drawing.nodes[n + 1 :]:
                assert not boxes_overlap(node, other, layout), (node.label, other.label)
    assert (first.wide.layout, first.narrow.layout) == (WIDE, NARROW)


def test_the_pages_actor_is_drawn_in_the_middle():
    accusations = [Accusation(party(f"Accuser {n}"), KH, "attributes") for n in range(6)]

    network = build_network(accusations, centre=KH.key)

    (kh,) = [node for node in network.wide.nodes if node.centre]
    assert kh.party == KH
    assert (kh.x, kh.y) == (
        WIDE.width / 2,
        (WIDE.height + WIDE.margin_top - WIDE.margin_bottom) / 2,
    )


def test_two_accusations_between_the_same_parties_are_drawn_apart():
    network = build_network(
        [
            Accusation(US, KH, "attributes", 3),
            Accusation(KH, US, "attributes", 1),
            Accusation(IRAN, KH, "denies", 1),
        ]
    )

    paths = [edge.path for edge in network.wide.edges]
    assert len(set(paths)) == 3
    counts = {(e.accusation.source, e.accusation.target): e for e in network.wide.edges}
    there, back = counts[(US, KH)], counts[(KH, US)]
    assert (there.label_x, there.label_y) != (back.label_x, back.label_y)


def test_past_the_limit_the_least_involved_parties_are_left_out_and_counted():
    accusations = [
        Accusation(party(f"Accuser {n:02}"), KH, "attributes", 100 - n)
        for n in range(NODE_LIMIT + 5)
    ]

    network = build_network(accusations)

    assert len(network.wide.nodes) == NODE_LIMIT
    assert network.parties_left_out == 6  # the 45 accusers and KH, 40 of them drawn
    assert network.accusations_left_out == 6
    assert "Accuser 00" in {node.party.label for node in network.wide.nodes}


def test_no_accusation_is_no_network():
    assert build_network([]) is None
    assert build_network([Accusation(US, US, "no_claim")]) is None


@pytest.fixture
def kataib_world(db):
    """Kata'ib Hezbollah under the PMF; the U.S. blames it, Milley (for the U.S. forces)
    too, an unnamed blogger disputes that, it denies it, Iran denies it and it blames
    the U.S. for another event."""
    pmf = make_actor("Popular Mobilization Forces", slug="pmf")
    kh = make_actor("Kata'ib Hezbollah", slug="kataib-hezbollah", parent=pmf)
    us = make_actor("United States", slug="united-states", kind="state")
    forces = make_actor("United States Armed Forces", slug="us-forces", parent=us)
    iran = make_actor("Iran", slug="iran", kind="state", country="IR")
    k1 = make_event("Rocket attack on the K1 base", date=datetime.date(2019, 12, 27), country="IQ")
    strikes = make_event("U.S. strikes on five KH sites", date=datetime.date(2019, 12, 29))
    blamed = make_claim(event=k1, claimant_actor=us, attributed_actor=kh)
    make_claim(
        event=k1,
        claimant_actor=forces,
        claimant_person=make_person("Mark Milley"),
        attributed_actor=kh,
        stated_on=datetime.date(2020, 1, 2),
    )
    make_claim(
        event=k1,
        stance="disputes",
        claimant_description="Unsigned blog post",
        responds_to=blamed,
        stated_on=datetime.date(2020, 1, 5),
    )
    make_claim(event=k1, stance="denies", claimant_actor=kh, attributed_actor=kh)
    make_claim(event=k1, stance="denies", claimant_actor=iran, attributed_actor=kh)
    make_claim(event=strikes, claimant_actor=kh, attributed_actor=us, role="perpetrator")
    return {"kh": kh, "us": us, "iran": iran, "k1": k1, "strikes": strikes, "forces": forces}


@pytest.mark.django_db
def test_kataib_hezbollahs_page_shows_who_blames_it(client, kataib_world):
    kh = kataib_world["kh"]

    response = client.get(kh.get_absolute_url())

    network = response.context["network"]
    said = {(a.source.label, a.verb, a.target.label): a for a in network.accusations}
    assert set(said) == {
        ("United States", "blames", "Kata'ib Hezbollah"),
        ("United States Armed Forces", "blames", "Kata'ib Hezbollah"),
        ("Unsigned blog post", "disputes a claim about", "Kata'ib Hezbollah"),
        ("Iran", "denies the responsibility of", "Kata'ib Hezbollah"),
        ("Kata'ib Hezbollah", "blames", "United States"),
    }
    k1 = kataib_world["k1"]
    assert said[("United States", "blames", "Kata'ib Hezbollah")].events == [
        EventLink(k1.title, k1.get_absolute_url(), "27 December 2019")
    ]
    (centre,) = [node for node in network.wide.nodes if node.centre]
    assert centre.party.label == "Kata'ib Hezbollah" and centre.denied_itself == 1
    page = response.content.decode()
    assert 'id="network-heading"' in page and '<svg class="network-wide"' in page
    assert '<table class="accusations">' in page
    assert f'href="{kataib_world["k1"].get_absolute_url()}"' in page
    # An edge leads to its row in the table, which leads to the events.
    first = network.accusations[0]
    assert f'href="#{first.anchor}"' in page and f'<tr id="{first.anchor}">' in page


@pytest.mark.django_db
def test_the_whole_trackers_network_is_filtered_by_date_country_and_role(client, kataib_world):
    url = reverse("claims:network")

    everything = client.get(url).context["network"]
    before_the_strikes = client.get(url, {"date_before": "2019-12-28"}).context["network"]
    sponsors = client.get(url, {"role": "sponsor"})
    in_iraq = client.get(url, {"country": "IQ"}).context["network"]

    def pairs(network):
        return {(a.source.label, a.target.label, a.stance) for a in network.accusations}

    assert ("Kata'ib Hezbollah", "United States", "attributes") in pairs(everything)
    assert ("Kata'ib Hezbollah", "United States", "attributes") not in pairs(before_the_strikes)
    assert ("United States", "Kata'ib Hezbollah", "attributes") in pairs(before_the_strikes)
    assert pairs(in_iraq) == pairs(before_the_strikes)  # the strikes have no country
    assert sponsors.context["network"] is None
    assert "No published claim names an actor with these filters." in sponsors.content.decode()
    bad = client.get(url, {"date_after": "yesterday"})
    assert bad.status_code == 200 and "Enter a valid date." in bad.content.decode()


@pytest.mark.django_db
def test_drafts_are_no_accusation(client, kataib_world):
    make_claim(
        claimant_actor=kataib_world["iran"],
        attributed_actor=kataib_world["us"],
        publication=Claim.Publication.DRAFT,
    )

    network = client.get(reverse("claims:network")).context["network"]

    assert ("Iran", "United States") not in {
        (a.source.label, a.target.label) for a in network.accusations
    }


def build_accusations(size: int, label: str):
    accused = [make_actor(f"Accused {n}{label}") for n in range(3)]
    person = make_person(f"Spokesperson{label}")
    for n in range(size):
        event = make_event(f"Attack {n}{label}", date=datetime.date(2020, 1, 1 + n % 28))
        make_claim(
            event=event,
            claimant_actor=make_actor(f"Accuser {n}{label}"),
            attributed_actor=accused[n % 3],
        )
        make_claim(event=event, claimant_person=person, attributed_actor=accused[(n + 1) % 3])
        make_claim(
            event=event, claimant_description=f"officials {n % 4}", attributed_actor=accused[0]
        )
    return accused[0]


@pytest.mark.django_db
@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize("size", [2, 25])
def test_the_network_page_runs_five_queries_however_many_claims(
    client, django_assert_num_queries, size
):
    build_accusations(size, "")
    url = reverse("claims:network") + "?date_after=2019-01-01"
    client.get(url)
    # 1 the countries of public events (the filter's choices), 2 the accusations counted
    # by claimant, actor and stance, 3 the actors' names, 4 the people's, 5 the latest
    # events of the accusations drawn.
    with django_assert_num_queries(5):
        response = client.get(url)
    assert response.context["network"].accusations


@pytest.mark.django_db
@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize("size", [2, 25])
def test_the_actor_page_with_its_network_runs_eight_queries_however_many_claims(
    client, django_assert_num_queries, size
):
    accused = build_accusations(size, "")
    client.get(accused.get_absolute_url())
    # 1 the actor with its parent, 2 its aliases, 3 the claims it made, 4 its denials,
    # 5 the claims about it (each with its related rows and the actor of the claim it
    # answers), 6 their citations with sources (none for the claims it made or its
    # denials: it has none), 7 its sub-units, 8 its candidacies with their events. The
    # network is drawn from those claims: no query of its own.
    with django_assert_num_queries(8):
        response = client.get(accused.get_absolute_url())
    assert response.context["network"].accusations
