"""Reader search knows the aliases: a query naming an actor or a person under any spelling
finds their events and the claims naming them, quotes included, in three counted groups."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims import search as search_module
from claims import services
from claims.importer import read_rows
from claims.models import Citation, Claim, Event
from claims.search import spelling_phrases
from claims.services import import_claims
from tests.factories import make_actor, make_claim, make_event, make_person, make_source

pytestmark = pytest.mark.django_db

MILLEY_QUOTE = (
    "Mark Milley said there had been a sustained campaign by Kataib Hezbollah against "
    "U.S. personnel since at least October"
)


def search(client, text: str):
    response = client.get(reverse("claims:search"), {"q": text})
    assert response.status_code == 200
    return response.context["results"], response.content.decode()


def quote(claim: Claim, text: str, translation: str = "") -> Claim:
    """Give the claim's citation these words, saved as every write path saves them."""
    citation = claim.citations.get()
    citation.quote, citation.translation = text, translation
    citation.save()
    return claim


@pytest.fixture
def kataib():
    kh = make_actor("Kata'ib Hezbollah", slug="kataib-hezbollah")
    kh.aliases.create(name="Kataeb Hezbollah")
    kh.aliases.create(name="KH")
    return kh


def test_a_spelling_of_an_actor_lists_its_events_and_the_milley_quote(client, kataib):
    iran = make_actor("Iran")
    k1 = make_event("Rocket attack on the K1 base near Kirkuk", date=datetime.date(2019, 12, 27))
    blamed = make_claim(event=k1, attributed_actor=kataib)
    # Milley's claim names Iran as sponsor: only his words name Kata'ib Hezbollah, spelled
    # as neither its name nor any alias is.
    milley = quote(
        make_claim(
            event=make_event("Attacks on U.S. forces in Iraq"),
            claimant_person=make_person("Mark Milley"),
            attributed_actor=iran,
            role="sponsor",
        ),
        MILLEY_QUOTE,
    )
    strikes = make_event("U.S. strikes on five Kata'ib Hezbollah sites")
    make_claim(event=strikes, attributed_actor=make_actor("United States"))
    make_claim(event=make_event("Unrelated bombing"))

    results, page = search(client, "Kataeb Hezbollah")

    # Its events: where it is a candidate, and the one whose title names it.
    assert {event.pk for event in results.events} == {k1.pk, strikes.pk}
    assert results.events_count == 2
    assert results.actors == [kataib] and results.names_count == 1
    assert set(results.claims) == {blamed, milley}
    assert results.claims_count == 2
    assert next(c for c in results.claims if c == milley).matched_citation.quote == MILLEY_QUOTE
    assert "Kataib Hezbollah against" in page
    for heading in ('Events <span class="count">(2)', 'Actors and people <span class="count">(1)'):
        assert heading in page
    assert 'Claims <span class="count">(2)' in page


def test_a_persons_spelling_finds_their_statements_and_events(client):
    milley = make_person("Mark Milley")
    milley.aliases.create(name="General Milley")
    said = make_claim(claimant_person=milley)
    make_claim()

    results, _ = search(client, "general milley")

    assert results.people == [milley]
    assert results.claims == [said]
    assert [event.pk for event in results.events] == [said.event_id]


def test_quote_search_tolerates_folded_spellings(client):
    claim = quote(make_claim(), "the U.S. declared that Kata’ib Hizbullah was the group guilty")
    translated = quote(make_claim(), "كتائب حزب الله", translation="Kataib Hizbullah’s fighters")

    for text in ("Kata'ib Hizbullah", "KATAIB HIZBULLAH", "Kataʼib"):
        results, _ = search(client, text)
        assert set(results.claims) == {claim, translated}, text
    for text in ("kata‘ib hizbullah was", "group guilty"):
        results, _ = search(client, text)
        assert results.claims == [claim], text


def test_short_spellings_are_not_looked_for_in_quotes(client):
    us = make_actor("United States")
    us.aliases.create(name="US")
    blamed_by_us = make_claim(claimant_actor=us)
    told_us = quote(make_claim(), "They told us nothing about the attack")

    results, _ = search(client, "United States")

    assert blamed_by_us in results.claims
    assert told_us not in results.claims
    assert spelling_phrases(["United States", "US", "U.S."]) == [("united", "states")]


def test_spellings_are_found_as_whole_words_only(client, kataib):
    inside_a_word = quote(make_claim(), "the Kataeb Hezbollahs of this world")
    whole = quote(make_claim(), "Kataeb Hezbollah fired the rockets.")

    results, _ = search(client, "Kata'ib Hezbollah")

    assert whole in results.claims
    assert inside_a_word not in results.claims


def test_drafts_are_neither_listed_nor_counted(client, kataib):
    make_claim(attributed_actor=kataib, publication=Claim.Publication.DRAFT)
    draft_event = make_event("Unpublished event")
    quote(
        make_claim(event=draft_event, publication=Claim.Publication.DRAFT),
        "Kataib Hezbollah did it",
    )

    results, page = search(client, "Kataeb Hezbollah")

    assert results.events == [] and results.events_count == 0
    assert results.claims == [] and results.claims_count == 0
    assert "Unpublished event" not in page


def test_each_group_lists_fifty_and_counts_them_all(client, kataib):
    event = make_event()
    first = datetime.date(2020, 1, 1)
    for n in range(55):
        make_claim(event=event, attributed_actor=kataib, stated_on=first + n * first.resolution)

    results, page = search(client, "KH")  # too short for quotes, still a spelling of it

    assert len(results.claims) == 50 and results.claims_count == 55
    assert results.claims[0].stated_on == datetime.date(2020, 2, 24)  # latest first
    assert "The 50 most recent of 55" in page


@pytest.mark.parametrize("found, shown", [(6, "6 claims"), (7, "more than 6 claims")])
def test_claims_are_counted_up_to_the_limit_each_once(client, kataib, monkeypatch, found, shown):
    monkeypatch.setattr("claims.search.COUNT_LIMIT", 6)
    event = make_event()
    for n in range(found):  # each found twice: blamed on it, and quoting it
        quote(make_claim(event=event, attributed_actor=kataib), f"Kataib Hezbollah fired {n}")
    make_claim(event=event, attributed_actor=kataib, publication=Claim.Publication.DRAFT)

    results, page = search(client, "Kataeb Hezbollah")

    assert results.claims_count == found
    assert results.claims_over_limit == (found > 6)
    assert f"{shown}." in page
    assert ('Claims <span class="count">(more than 6)' in page) == (found > 6)
    assert ("most recent of more than 6" in page) == (found > 6)


@pytest.mark.usefixtures("no_page_cache")
def test_the_counts_neither_sort_nor_join_what_they_count(client, kataib):
    make_claim(event=make_event("Strike on a Kataeb Hezbollah depot"), attributed_actor=kataib)

    with CaptureQueriesContext(connection) as captured:
        search(client, "Kataeb Hezbollah")

    counts = [q["sql"] for q in captured if "COUNT(*) FROM (" in q["sql"]]
    # The events', and on SQLite the claims' (PostgreSQL counts and lists claims from one
    # read: see the next test).
    assert len(counts) == (1 if connection.vendor == "postgresql" else 2)
    for sql in counts:
        assert "ORDER BY" not in sql and "JOIN" not in sql, sql


@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's search")
def test_quotes_are_matched_once_to_count_and_list_their_claims(client, kataib):
    quote(make_claim(event=make_event(), attributed_actor=kataib), "Kataib Hezbollah fired")

    with CaptureQueriesContext(connection) as captured:
        results, _ = search(client, "Kataeb Hezbollah")

    assert results.claims_count == 1 and len(results.claims) == 1
    assert len([q for q in captured if "quote_vector" in q["sql"]]) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan is PostgreSQL's")
def test_a_found_claim_is_dated_from_its_index_alone():
    """The claims a quote finds are each looked up by id for their date, which the index
    of the published claims answers alone (the planner's other ways are made dear, as
    on tables this small they would be cheaper)."""
    claim = make_claim()
    found = Claim.objects.filter(publication=Claim.Publication.PUBLISHED, pk=claim.pk)
    with connection.cursor() as cursor:
        for plan in ("seqscan", "indexscan", "bitmapscan"):
            cursor.execute(f"SET LOCAL enable_{plan} = off")
        plan = found.order_by().values_list("pk", "stated_on").explain()
    assert "Index Only Scan using claims_claim_found_idx" in plan, plan
    assert "Index Cond: (id = " in plan, plan


def test_the_latest_are_listed_when_one_way_finds_more_than_it_counts(client, kataib, monkeypatch):
    monkeypatch.setattr("claims.search.COUNT_LIMIT", 5)
    monkeypatch.setattr("claims.search.SEARCH_LIMIT", 3)
    event = make_event()
    first = datetime.date(2020, 1, 1)
    # Blamed on it, the latest recorded last; one quoting it, earlier than those.
    for n in range(10):
        make_claim(event=event, attributed_actor=kataib, stated_on=first + n * first.resolution)
    quote(make_claim(event=event, stated_on=first), "Kataib Hezbollah fired")

    results, _ = search(client, "Kataeb Hezbollah")

    assert results.claims_count == 6 and results.claims_over_limit
    assert [claim.stated_on for claim in results.claims] == [
        first + n * first.resolution for n in (9, 8, 7)
    ]


def test_claims_found_past_the_limit_two_ways_are_more_than_it(client, kataib, monkeypatch):
    monkeypatch.setattr("claims.search.COUNT_LIMIT", 3)
    event = make_event()
    for _ in range(4):
        make_claim(event=event, attributed_actor=kataib)
        make_claim(event=event, claimant_actor=kataib)

    results, page = search(client, "Kataeb Hezbollah")

    assert results.claims_count == 4 and len(results.claims) == 8
    assert "more than 3 claims" in page


def test_a_claim_unpublished_while_the_page_is_built_is_not_listed(client, kataib, monkeypatch):
    claim = make_claim(attributed_actor=kataib)
    found = search_module._found

    def found_then_unpublished(chosen, **kwargs):
        result = found(chosen, **kwargs)
        if chosen.model is Claim:
            Claim.objects.filter(pk=claim.pk).update(publication=Claim.Publication.DRAFT)
        return result

    monkeypatch.setattr("claims.search._found", found_then_unpublished)
    results, _ = search(client, "Kataeb Hezbollah")

    assert results.claims == []


def test_claims_of_one_day_are_listed_in_the_order_they_were_recorded(client, kataib):
    event = make_event()
    day = datetime.date(2021, 5, 1)
    made = [  # by turns: blamed on it, made by it, quoting it
        make_claim(event=event, attributed_actor=kataib, stated_on=day)
        if n % 3 == 0
        else make_claim(event=event, claimant_actor=kataib, stated_on=day)
        if n % 3 == 1
        else quote(make_claim(event=event, stated_on=day), f"Kataib Hezbollah fired {n}")
        for n in range(55)
    ]
    later = make_claim(event=event, attributed_actor=kataib, stated_on=day + day.resolution)

    results, _ = search(client, "Kataeb Hezbollah")

    assert results.claims_count == 56
    assert results.claims == [later, *sorted(made, key=lambda claim: claim.pk)[:49]]


def test_events_past_the_limit_are_more_than_it(client, kataib, monkeypatch):
    monkeypatch.setattr("claims.search.COUNT_LIMIT", 3)
    for n in range(4):
        make_claim(event=make_event(f"Strike on a Kataeb Hezbollah depot {n}"))

    results, page = search(client, "Kataeb Hezbollah")

    assert results.events_over_limit and len(results.events) == 4
    assert "more than 3 events" in page
    assert 'Events <span class="count">(more than 3)' in page


def test_the_fifty_listed_are_the_latest_across_every_way_of_finding_them(client, kataib):
    event = make_event()
    first = datetime.date(2020, 1, 1)
    for n in range(60):  # by turns: blamed on it, made by it, quoting it
        day = first + n * first.resolution
        if n % 3 == 0:
            make_claim(event=event, attributed_actor=kataib, stated_on=day)
        elif n % 3 == 1:
            make_claim(event=event, claimant_actor=kataib, stated_on=day)
        else:
            quote(make_claim(event=event, stated_on=day), f"Kataib Hezbollah fired {n}")

    results, _ = search(client, "Kataeb Hezbollah")

    assert results.claims_count == 60
    assert [claim.stated_on for claim in results.claims] == [
        first + n * first.resolution for n in range(59, 9, -1)
    ]


def test_the_fifty_events_listed_are_the_latest_across_every_way_of_finding_them(client, kataib):
    first = datetime.date(2020, 1, 1)
    for n in range(56):  # by turns: it is a candidate, its name is in the title
        day = first + n * first.resolution
        if n % 2:
            make_claim(event=make_event(date=day), attributed_actor=kataib)
        else:
            make_claim(event=make_event(f"Strike on a Kataeb Hezbollah depot {n}", date=day))

    results, _ = search(client, "Kataeb Hezbollah")

    assert results.events_count == 56
    assert [event.date for event in results.events] == [
        first + n * first.resolution for n in range(55, 5, -1)
    ]


def test_nothing_found_says_so(client):
    make_claim()

    results, page = search(client, "Nobody at all")

    assert not results.found_anything
    assert "Nothing found for" in page
    assert search(client, "  ‘’ ")[0] is None  # nothing to look for


def test_an_imported_quote_is_found_by_its_folded_words(client):
    csv_text = (
        "event,event_date,event_kind,stance,claimant_description,publication,stated_on,quote,"
        "source_title,source_kind\n"
        "K1 base rocket attack,2019-12-27,rocket_attack,no_claim,a blogger,published,"
        '2019-12-29,"Nobody has claimed the Kata’ib-style attack",A blog,opinion\n'
    )
    import_claims(read_rows(csv_text, "claims.csv"))

    citation = Citation.objects.get()
    assert citation.quote_folded == " nobody has claimed the kataib style attack "
    results, _ = search(client, "kataib style")
    assert [claim.pk for claim in results.claims] == [citation.claim_id]


# Events' titles and summaries, each event public (a published claim).
EVENTS = {
    "k1": ("Rocket attack on the K1 base near Kirkuk", "Kata’ib Hezbollah was blamed."),
    "airbase": ("Drone strike on an airbase", ""),
    "tower": ("Drone attack on Tower 22", "Three U.S. soldiers were killed in Jordan."),
    "abqaiq": ("Attack on Abqaiq", "Drones and missiles struck the oil plant; Houthis claimed it."),
    "arabic": ("هجوم صاروخي على قاعدة عين الأسد", "Rockets struck Ain al-Asad."),
}
# (query, the events found): the same on either engine. Words, not parts of words.
EVENT_FINDS = [
    ("rocket", {"k1", "arabic"}),  # a word's start: "rockets"
    ("base", {"k1"}),  # not "airbase"
    ("drone", {"airbase", "tower", "abqaiq"}),
    ("drones", {"abqaiq"}),
    ("soldiers killed", {"tower"}),  # title and summary together
    ('"tower 22"', {"tower"}),
    ('"22 tower"', set()),
    ("drone -tower", {"airbase", "abqaiq"}),
    ("houthis or kirkuk", {"k1", "abqaiq"}),
    ("al asad", {"arabic"}),  # "al-Asad" folded as one name, typed in two words
    ("قاعدة", {"arabic"}),
    ("Kataeb Hezbollah", {"k1"}),  # a spelling of the actor in the summary
    ("ower", set()),
    ("-drone", set()),
]


@pytest.fixture
def events(kataib):
    found = {}
    for name, (title, summary) in EVENTS.items():
        event = make_event(title, summary=summary)
        make_claim(event=event)
        found[event.pk] = name
    return found


@pytest.mark.parametrize(("text", "expected"), EVENT_FINDS)
def test_events_are_found_by_the_words_of_their_title_and_summary(client, events, text, expected):
    results, _ = search(client, text)

    assert {events[event.pk] for event in results.events} == expected
    assert results.events_count == len(expected)


def test_an_edited_event_is_found_by_its_new_words_and_a_deleted_one_no_more(client, admin_user):
    claim = make_claim(event=make_event("Rocket attack on the K1 base"))
    event = Event.objects.get(pk=claim.event_id)  # as published, read afresh
    event.title, event.summary = "Drone strike on the K1 base", "No rockets this time."
    services.save_record(event, by=admin_user)

    assert search(client, "drone")[0].events == [event]
    assert search(client, "attack")[0].events == []
    assert search(client, "rockets")[0].events == [event]

    services.delete_claim(claim, by=admin_user)
    services.delete_record(event, by=admin_user)

    assert search(client, "drone")[0].events == []


def test_an_imported_event_is_found_by_its_words(client):
    csv_text = (
        "event,event_date,event_kind,stance,claimant_description,publication,stated_on,quote,"
        "source_title,source_kind\n"
        "Rocket attack on the K1 base,2019-12-27,rocket_attack,no_claim,a blogger,published,"
        '2019-12-29,"Nobody has claimed it",A blog,opinion\n'
    )
    import_claims(read_rows(csv_text, "claims.csv"))

    results, _ = search(client, "k1 rocket")
    assert [event.title for event in results.events] == ["Rocket attack on the K1 base"]


@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize("size", [1, 12])
def test_search_runs_the_same_queries_whatever_it_finds(
    client, django_assert_num_queries, kataib, size
):
    source = make_source()
    for n in range(size):
        claim = make_claim(event=make_event(f"Attack {n}"), attributed_actor=kataib)
        Citation.objects.create(claim=claim, source=source, quote=f"Kataib Hezbollah fired {n}")
    url = reverse("claims:search") + "?q=Kataeb+Hezbollah"
    client.get(url)
    # 1 the actors the text is a spelling of, with all their spellings, 2 the same for
    # people, 3 the events, 4 their count, 5 the claims with claimant, actor and event,
    # 6 their citations with sources, 7 the claims' count, 8 the actors, 9 their aliases,
    # 10 the actors' count, 11 the people (none: no aliases to prefetch), 12 their count.
    with django_assert_num_queries(12):
        client.get(url)
