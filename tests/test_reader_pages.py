"""The public pages: what readers see, what they never see, and what each page costs."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Actor, Citation, Claim, Event
from tests.factories import make_actor, make_claim, make_event, make_person, make_source

pytestmark = pytest.mark.django_db


def build_event(size: int, label: str = ""):
    """An event with `size` claims for each of two actors and `size` describing the culprit
    without naming it, a dispute and a denial."""
    pmf = make_actor(f"Popular Mobilization Forces{label}")
    kh = make_actor(f"Kata'ib Hezbollah{label}", parent=pmf)
    isis = make_actor(f"Islamic State{label}")
    person = make_person(f"Mark Milley{label}")
    event = make_event("K1 base rocket attack")
    source = make_source()
    other = make_event("Strikes on five KH facilities")
    event.relations.create(to_event=other, relation="follows")
    make_claim(event=other, attributed_actor=kh)
    for n in range(size):
        claim = make_claim(
            event=event,
            attributed_actor=kh,
            claimant_person=person,
            citations=2,
            stated_on=datetime.date(2019, 12, 28) + datetime.timedelta(days=n),
        )
        Citation.objects.create(claim=claim, source=source, quote=f"Shared quote {n}")
        make_claim(event=event, attributed_actor=isis if n % 2 else pmf)
        # Claims naming no one: one consistent with Kata'ib Hezbollah, one with nobody.
        make_claim(
            event=event,
            attributed_actor=None,
            attributed_description="an Iranian-backed militia" if n % 2 else "the culprit",
            attributed_actor_hint=kh if n % 2 else None,
        )
    make_claim(event=event, stance="disputes", responds_to=claim)
    make_claim(event=event, stance="denies", attributed_actor=kh, claimant_actor=kh)
    return event, kh, person, source


def queries_for(client, url: str) -> int:
    client.get(url)  # the first request fills per-process caches (content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def page_urls(event, actor, person, source) -> dict[str, str]:
    return {
        "home": reverse("claims:home"),
        "events": reverse("claims:event_list"),
        "events filtered": reverse("claims:event_list") + f"?state=contested&actor={actor.slug}",
        "event": event.get_absolute_url(),
        "event as of": event.get_absolute_url() + "?as_of=2019-12-30",
        "actor": actor.get_absolute_url(),
        "actors": reverse("claims:actor_list"),
        "person": person.get_absolute_url(),
        "people": reverse("claims:person_list"),
        "source": source.get_absolute_url(),
        "search": reverse("claims:search") + "?q=kataib",
        "network": reverse("claims:network"),
        "network filtered": reverse("claims:network") + "?role=perpetrator&country=JO",
    }


@pytest.mark.usefixtures("no_page_cache")
def test_every_page_runs_the_same_queries_whatever_the_amount_of_data(client):
    small = {name: queries_for(client, url) for name, url in page_urls(*build_event(2)).items()}
    large_world = build_event(15, label=" (again)")
    large = {name: queries_for(client, url) for name, url in page_urls(*large_world).items()}
    assert large == small


@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize("size", [3, 40])
def test_the_event_page_runs_eight_queries_however_many_claims(
    client, django_assert_num_queries, size
):
    event, *_ = build_event(size)
    client.get(event.get_absolute_url())
    # 1 the event, 2 its published claims with claimant, actor and event joined, 3 their
    # sources' origins (plain values, for the rules), 4 the actor tree for the rules,
    # 5 the citations with sources of the claims shown with quotes, 6 related events,
    # 7-8 the corrections log from history (the claims' changes, the quotes' changes).
    with django_assert_num_queries(8):
        client.get(event.get_absolute_url())


def test_the_event_page_loads_quotes_only_for_the_claims_it_shows_with_them(client, no_page_cache):
    event, *_ = build_event(40)  # 122 claims: three pages of the full list
    with CaptureQueriesContext(connection) as queries:
        page = client.get(event.get_absolute_url()).content.decode()
    # The prefetch of citations names the claims whose citations it loads.
    claim_lists = [
        re.search(r'"claims_citation"\."claim_id" IN \(([\d, ]+)\)', q["sql"]) for q in queries
    ]
    (loaded,) = [len(found.group(1).split(",")) for found in claim_lists if found]

    assert "Claims 1 to 50 of 122." in page
    # This page of the full list (50) and the column cards not among them.
    assert 50 <= loaded < 122
    assert "Shared quote 0" in page


def test_the_event_page_shows_the_candidates_side_by_side_with_their_quotes(client):
    event, *_ = build_event(2)

    page = client.get(event.get_absolute_url()).content.decode()

    comparison = page.split('id="perpetrator-heading"')[1].split('id="timeline-heading"')[0]
    assert comparison.count('class="column"') == 2  # KH (with the PMF) and Islamic State
    assert "Kata&#x27;ib Hezbollah" in comparison and "Islamic State" in comparison
    assert "also named as" in comparison  # the PMF claims agree with the KH column
    assert "CONTESTED" in page.upper() and "Mark Milley" in comparison
    assert "Shared quote 0" in page
    assert "This event follows" in page


def test_the_as_of_date_shows_the_picture_as_it_stood(client):
    actor = make_actor("Kata'ib Hezbollah")
    first = make_claim(attributed_actor=actor, stated_on=datetime.date(2019, 12, 28))
    make_claim(
        event=first.event,
        stance="disputes",
        responds_to=first,
        stated_on=datetime.date(2020, 1, 2),
    )
    url = first.event.get_absolute_url()

    before = client.get(url, {"as_of": "2019-12-31"})
    after = client.get(url, {"as_of": "2020-01-02"})

    assert before.context["comparison"].state == "attributed"
    assert after.context["comparison"].state == "contested"
    assert 'value="2019-12-31"' in before.content.decode()


def test_it_explains_a_malformed_as_of_date_instead_of_failing(client):
    claim = make_claim()

    response = client.get(claim.event.get_absolute_url(), {"as_of": "31/12/2019"})

    assert response.status_code == 200
    assert "is not a date: use the form YYYY-MM-DD" in response.content.decode()
    assert response.context["as_of"] is None


def test_it_says_when_responsibility_has_not_been_claimed(client):
    claim = make_claim(stance="no_claim", attributed_actor=None)

    page = client.get(claim.event.get_absolute_url()).content.decode()

    assert "Responsibility has not been claimed" in page


def test_a_draft_never_reaches_a_page_a_count_or_a_search(client):
    actor = make_actor("Harakat al-Nujaba")
    published = make_claim(attributed_actor=make_actor("Kata'ib Hezbollah"))
    draft = make_claim(
        event=published.event, attributed_actor=actor, publication=Claim.Publication.DRAFT
    )
    citation = draft.citations.get()
    citation.quote = "a secret draft quote"
    citation.save()
    draft_only = make_event("Unpublished event")
    make_claim(event=draft_only, publication=Claim.Publication.DRAFT)

    pages = [
        client.get(published.event.get_absolute_url()),
        client.get(reverse("claims:home")),
        client.get(reverse("claims:event_list")),
        client.get(reverse("claims:search"), {"q": "secret draft"}),
        client.get(actor.get_absolute_url()),
    ]

    for response in pages:
        content = response.content.decode()
        assert "a secret draft quote" not in content
        assert "Unpublished event" not in content
    assert pages[0].context["comparison"].state == "attributed"  # the draft does not contest
    assert "Harakat al-Nujaba" not in pages[0].content.decode()
    assert pages[2].context["page_obj"].paginator.count == 1
    assert client.get(draft_only.get_absolute_url()).status_code == 404
    assert client.get(draft.citations.get().source.get_absolute_url()).status_code == 404


def test_search_finds_an_actor_under_any_spelling_and_quotes_by_their_words(client):
    kh = make_actor("Kata’ib Hezbollah")
    kh.aliases.create(name="Kataeb Hezbollah")
    claim = make_claim(attributed_actor=make_actor("Islamic State"))
    citation = claim.citations.get()
    citation.quote = "Maybe they were the guilty but where is the proof?"
    citation.save()

    by_alias = client.get(reverse("claims:search"), {"q": "kataeb hezbollah"})
    by_apostrophe = client.get(reverse("claims:search"), {"q": "Kata'ib"})
    by_quote = client.get(reverse("claims:search"), {"q": "where is the proof"})

    assert by_alias.context["results"].actors == [kh]
    assert by_apostrophe.context["results"].actors == [kh]
    assert by_quote.context["results"].claims == [claim]


def test_the_events_list_filters_by_state_actor_and_country(client):
    kh = make_actor("Kata'ib Hezbollah")
    in_iraq = make_claim(event=make_event(country="IQ"), attributed_actor=kh)
    make_claim(event=make_event(country="JO"))

    by_actor = client.get(reverse("claims:event_list"), {"actor": kh.slug})
    by_country = client.get(reverse("claims:event_list"), {"country": "JO"})
    by_state = client.get(reverse("claims:event_list"), {"state": "contested"})
    bad_page = client.get(reverse("claims:event_list"), {"page": "999"})

    assert [e.pk for e in by_actor.context["page_obj"]] == [in_iraq.event_id]
    assert [e.country.code for e in by_country.context["page_obj"]] == ["JO"]
    assert list(by_state.context["page_obj"]) == []
    assert bad_page.status_code == 200


def test_unknown_addresses_are_not_found(client):
    for url in ("/events/nothing-here/", "/actors/nobody/", "/people/nobody/", "/sources/999/"):
        assert client.get(url).status_code == 404


def test_the_actor_page_lists_candidacies_claims_made_and_denials(client):
    kh = make_actor("Kata'ib Hezbollah")
    blamed = make_claim(attributed_actor=kh)
    denial = make_claim(stance="denies", attributed_actor=kh, claimant_actor=kh)

    response = client.get(kh.get_absolute_url())

    assert [c.event for c in response.context["candidacies"]] == [blamed.event]
    assert list(response.context["denials"]) == [denial]
    assert "what others said about it".lower() in response.content.decode().lower()


def test_the_event_page_embeds_claimreview_that_a_quote_cannot_break_out_of(client):
    claim = make_claim(
        status=Claim.Status.REFUTED, claimant_description='</script><script>alert("x")</script>'
    )

    page = client.get(claim.event.get_absolute_url()).content.decode()

    block = page.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert '"@type": "ClaimReview"' in block
    assert "\\u003C/script\\u003E" in block
    assert "<script>alert" not in page


def test_an_event_with_many_claims_pages_its_full_list_and_cards_lead_to_the_right_page(
    client,
):
    event = make_event("A much-discussed strike")
    blamed = make_actor("Islamic State")
    first_day = datetime.date(2020, 1, 1)
    claims = [
        make_claim(
            event=event,
            attributed_actor=blamed,
            stated_on=first_day + datetime.timedelta(days=n),
        )
        for n in range(60)
    ]

    first_page = client.get(event.get_absolute_url()).content.decode()
    second_page = client.get(event.get_absolute_url() + "?page=2").content.decode()

    assert "Claims 1 to 50 of 60." in first_page
    assert f'id="claim-{claims[49].pk}"' in first_page
    assert f'id="claim-{claims[50].pk}"' not in first_page
    assert "Claims 51 to 60 of 60." in second_page
    assert f'id="claim-{claims[50].pk}"' in second_page
    # The column shows a few cards and counts the rest instead of repeating all 60.
    assert first_page.count('class="claim-card') == 6
    assert "and 54 more" in first_page
    # A card leads to its claim's entry in the full list, on whichever page it is.
    assert f'href="{event.get_absolute_url()}#claim-{claims[0].pk}"' in first_page
    assert "and 54 more" in second_page


def test_a_claims_permanent_address_leads_to_its_page_of_the_event(client):
    event = make_event("A much-discussed strike")
    first_day = datetime.date(2020, 1, 1)
    claims = [
        make_claim(event=event, stated_on=first_day + datetime.timedelta(days=n)) for n in range(51)
    ]
    draft = make_claim(event=event, publication=Claim.Publication.DRAFT)

    early = client.get(claims[0].get_absolute_url())
    late = client.get(claims[50].get_absolute_url())

    assert early.status_code == 302
    assert early["Location"] == f"{event.get_absolute_url()}#claim-{claims[0].pk}"
    assert late["Location"] == f"{event.get_absolute_url()}?page=2#claim-{claims[50].pk}"
    assert f'id="claim-{claims[50].pk}"' in client.get(late["Location"]).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's")
@pytest.mark.parametrize(
    "queryset",
    [
        pytest.param(lambda: Actor.objects.search("hezbollah"), id="alias"),
        pytest.param(lambda: Event.objects.filter(title__icontains="rocket"), id="event title"),
        pytest.param(lambda: Event.objects.filter(summary__icontains="rocket"), id="summary"),
        pytest.param(lambda: Event.objects.filter(place__icontains="kirkuk"), id="place"),
        pytest.param(lambda: Citation.objects.filter(quote__icontains="militia"), id="quote"),
        pytest.param(
            lambda: Citation.objects.filter(translation__icontains="militia"), id="translation"
        ),
    ],
)
def test_substring_searches_can_use_a_trigram_index_on_postgresql(queryset):
    """The index is built on the very expression Django writes for the lookup."""
    with connection.cursor() as cursor:
        # Tiny test tables would be read whole, or walked along another index in the
        # order asked for: leave the planner only bitmap scans, the way a GIN index is read.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = queryset().explain()
    assert "_trgm" in plan, plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan is PostgreSQL's")
def test_the_filtered_events_list_is_counted_from_its_index_alone():
    """The partial index holds every column the count looks at, public events only: with
    the plans that read the table turned off, an index-only scan of it remains."""
    public = Event.objects.public().filter(attribution_state="contested", country="IQ")
    with connection.cursor() as cursor:
        for plan in ("seqscan", "indexscan", "bitmapscan"):
            cursor.execute(f"SET LOCAL enable_{plan} = off")
        count_plan = public.order_by().values("pk").explain()
    assert "Index Only Scan using claims_event_public_state_idx" in count_plan, count_plan


def test_the_event_page_says_why_a_role_is_contested_in_words(client):
    iran = make_actor("Iran")
    blamed = make_claim(
        attributed_actor=iran,
        claimant_person=make_person("Mike Pompeo"),
        stated_on=datetime.date(2019, 9, 14),
        status=Claim.Status.DISPUTED,
    )
    make_claim(
        event=blamed.event,
        stance="denies",
        attributed_actor=iran,
        claimant_actor=iran,
        claimant_person=make_person("Abbas Mousavi"),
        stated_on=datetime.date(2019, 9, 15),
    )

    page = client.get(blamed.event.get_absolute_url()).content.decode()

    reasons = page.split('<ul class="reasons"')[1].split("</ul>")[0]
    assert "<bdi>Iran</bdi> denies (<bdi>Abbas Mousavi</bdi>, 15 September 2019)." in reasons
    assert (
        "An editor marked <bdi>Mike Pompeo</bdi>’s claim of 14 September 2019 disputed." in reasons
    )
    assert reasons.index("denies") < reasons.index("An editor marked")


def test_a_presidents_we_know_the_culprit_shows_in_the_unnamed_column(client):
    culprit = make_claim(
        attributed_actor=None,
        attributed_description="the culprit",
        claimant_person=make_person("A president"),
        stated_on=datetime.date(2019, 9, 15),
    )
    culprit.citations.update(quote="There is reason to believe that we know the culprit")

    response = client.get(culprit.event.get_absolute_url())
    page = response.content.decode()

    assert response.context["comparison"].state == "unattributed"
    comparison = page.split('id="perpetrator-heading"')[1].split('id="timeline-heading"')[0]
    unnamed = comparison.split('class="column unnamed"')[1]
    assert "Unnamed" in unnamed and "There is reason to believe that we know the culprit" in unnamed
    assert '<q class="described"><bdi>the culprit</bdi></q>' in unnamed
    assert (
        "Nobody is named; described without a name as “<bdi>the culprit</bdi>” "
        "(<bdi>A president</bdi>, 15 September 2019)." in comparison
    )
    assert comparison.count('<section class="column') == 1  # no candidate column
    assert "Columns are in order" not in comparison  # nothing to order


def test_a_description_consistent_with_the_candidate_shows_under_it_and_contests_nothing(client):
    kh = make_actor("Kata'ib Hezbollah")
    named = make_claim(attributed_actor=kh, claimant_description="unnamed U.S. officials")
    make_claim(event=named.event, attributed_actor=make_actor("Islamic State"), status="refuted")
    described = make_claim(
        event=named.event,
        attributed_actor=None,
        attributed_description="an Iranian-backed Iraqi militia",
        attributed_actor_hint=kh,
        claimant_description="The New York Times",
    )
    vague = make_claim(
        event=named.event, attributed_actor=None, attributed_description="radical militant groups"
    )

    response = client.get(named.event.get_absolute_url())
    page = response.content.decode()

    assert response.context["comparison"].state == "attributed"
    (column,) = response.context["comparison"].perpetrator.columns
    assert column.supporting == [named] and column.consistent == [described]
    assert response.context["comparison"].perpetrator.unnamed.supporting == [vague]
    comparison = page.split('id="perpetrator-heading"')[1].split('id="timeline-heading"')[0]
    kh_column = comparison.split('class="column unnamed"')[0]
    assert "Consistent with it, without naming it (1)" in kh_column
    assert "an Iranian-backed Iraqi militia" in kh_column
    assert "Columns are in order of supporting claims, most first" in comparison
    assert "Consistent with <bdi>Kata&#x27;ib Hezbollah</bdi> without naming it" in comparison
    assert "counted for no candidate: “<bdi>radical militant groups</bdi>”" in comparison
    # The full list says what the unnamed claim describes and what it is consistent with.
    full = page.split('id="all-claims-heading"')[1]
    assert '<q class="described"><bdi>an Iranian-backed Iraqi militia</bdi></q>' in full
    assert "consistent with" in full


def test_the_events_list_and_home_say_why_in_a_line(client):
    iran = make_actor("Iran")
    blamed = make_claim(
        event=make_event("Attack on Abqaiq"),
        attributed_actor=iran,
        claimant_person=make_person("Mike Pompeo"),
        stated_on=datetime.date(2019, 9, 14),
        status=Claim.Status.DISPUTED,
    )
    culprit = make_claim(
        event=make_event("Another attack"),
        attributed_actor=None,
        attributed_description="the culprit",
        claimant_person=make_person("A president"),
        stated_on=datetime.date(2019, 9, 15),
    )

    listed = client.get(reverse("claims:event_list")).content.decode()
    home = client.get(reverse("claims:home")).content.decode()

    disputed = "An editor marked <bdi>Mike Pompeo</bdi>’s claim of 14 September 2019 disputed."
    described = "Nobody is named; described without a name as “<bdi>the culprit</bdi>”"
    assert blamed.event.title in listed and culprit.event.title in listed
    assert disputed in listed and described in listed
    assert home.count(disputed) == 2  # among the latest events and the contested ones
    assert described in home
