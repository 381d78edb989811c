"""The public corrections log and the record as it was shown, both read from history:
on the event page, in the API and (tests/test_feeds.py) in the feeds."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from rest_framework.test import APIClient

from claims import services
from claims.corrections import CorrectionKind, actor_tree_then, corrections
from claims.models import Actor, Citation, Claim
from tests.factories import make_actor, make_claim, make_event

pytestmark = pytest.mark.django_db

FEB_1 = datetime.date(2024, 2, 1)


def backdate(claim: Claim, day: datetime.date) -> None:
    """Move what history says so far of the claim and its citations to noon on `day`, as
    if they had been written then."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    Claim.history.filter(id=claim.pk).update(history_date=moment)
    Citation.history.filter(claim_id=claim.pk).update(history_date=moment)


@pytest.fixture
def story(bob):
    """On 1 February: KH blamed (unverified), ISIS blamed (later retracted), and Hamas
    blamed after the day only."""
    event = make_event("K1 base rocket attack")
    kh, isis, hamas = (make_actor(n) for n in ("Kata'ib Hezbollah", "Islamic State", "Hamas"))
    blamed_kh = make_claim(event=event, attributed_actor=kh, claimant_description="US officials")
    blamed_isis = make_claim(event=event, attributed_actor=isis)
    backdate(blamed_kh, FEB_1)
    backdate(blamed_isis, FEB_1)
    blamed_hamas = make_claim(event=event, attributed_actor=hamas)
    services.set_claim_status([blamed_kh], Claim.Status.CONFIRMED, by=bob)
    services.retract_claim(blamed_isis, reason="The source withdrew its report.", by=bob)
    return event, blamed_kh, blamed_isis, blamed_hamas


def test_as_shown_on_gives_a_confirmed_claim_the_status_it_had_then(client, story):
    event, blamed_kh, *_ = story
    page = client.get(event.get_absolute_url(), {"as_shown_on": "2024-02-01"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "The record as the tracker published it at the end of 1 February 2024" in html
    entry = html.split(f'id="claim-{blamed_kh.pk}"')[1].split("</li>")[0]
    assert "status-unverified" in entry
    today = client.get(event.get_absolute_url()).content.decode()
    assert "status-confirmed" in today.split(f'id="claim-{blamed_kh.pk}"')[1].split("</li>")[0]


def test_as_shown_on_leaves_out_a_claim_published_after_the_day(client, story):
    event, *_, blamed_hamas = story
    html = client.get(event.get_absolute_url(), {"as_shown_on": "2024-02-01"}).content.decode()
    assert f'id="claim-{blamed_hamas.pk}"' not in html
    assert f'id="claim-{blamed_hamas.pk}"' in client.get(event.get_absolute_url()).content.decode()


def test_as_shown_on_keeps_a_claim_retracted_after_the_day(client, story):
    event, _, blamed_isis, _ = story
    html = client.get(event.get_absolute_url(), {"as_shown_on": "2024-02-01"}).content.decode()
    entry = html.split(f'id="claim-{blamed_isis.pk}"')[1].split("</li>")[0]
    assert "status-unverified" in entry
    assert "The source withdrew" not in entry


def test_as_of_says_it_judges_with_todays_verdicts(client, story):
    event, *_ = story
    html = client.get(event.get_absolute_url(), {"as_of": "2024-02-01"}).content.decode()
    assert "judged with today's verdicts" in html
    assert "The record as the tracker published it" not in html


def test_the_attributions_endpoint_answers_as_shown_on(story):
    event, blamed_kh, blamed_isis, blamed_hamas = story
    api = APIClient()
    url = f"/api/v1/events/{event.slug}/attributions/"
    then = api.get(url, {"as_shown_on": "2024-02-01"}).json()
    now = api.get(url).json()
    assert then["as_shown_on"] == "2024-02-01"
    candidates_then = {c["actor"] for c in then["roles"]["perpetrator"]["candidates"]}
    candidates_now = {c["actor"] for c in now["roles"]["perpetrator"]["candidates"]}
    assert blamed_hamas.attributed_actor.slug not in candidates_then
    assert blamed_isis.attributed_actor.slug in candidates_then
    assert blamed_hamas.attributed_actor.slug in candidates_now
    kh = [
        c
        for c in then["roles"]["perpetrator"]["candidates"]
        if c["actor"] == blamed_kh.attributed_actor.slug
    ]
    assert kh[0]["confirmed"] is False
    kh_now = [
        c
        for c in now["roles"]["perpetrator"]["candidates"]
        if c["actor"] == blamed_kh.attributed_actor.slug
    ]
    assert kh_now[0]["confirmed"] is True
    assert (
        then["state"] != now["state"]
        or now["roles"]["perpetrator"]["candidates"] != then["roles"]["perpetrator"]["candidates"]
    )


def test_the_attributions_endpoint_refuses_both_dates_naming_the_field(story):
    event, *_ = story
    answer = APIClient().get(
        f"/api/v1/events/{event.slug}/attributions/",
        {"as_of": "2024-02-01", "as_shown_on": "2024-02-01"},
    )
    assert answer.status_code == 400
    assert "as_shown_on" in answer.json()


def test_a_malformed_as_shown_on_is_said_and_today_shown(client, story):
    event, *_ = story
    page = client.get(event.get_absolute_url(), {"as_shown_on": "1 Feb"})
    assert page.status_code == 200
    assert "“1 Feb” is not a date" in page.content.decode()


def test_the_corrections_log_shows_the_retraction_with_its_reason_and_the_status_change(
    client, story
):
    event, *_ = story
    html = client.get(event.get_absolute_url()).content.decode()
    log = html.split('id="corrections-heading"')[1].split("</section>")[0]
    assert "Retracted" in log
    assert "The source withdrew its report." in log
    assert "Status changed" in log
    assert "status unverified → confirmed" in log


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_the_logs_status_change_is_in_the_readers_language(client, story, language):
    """The page's log and the event's feed name the statuses in the reader's words; the
    API gives the stored values."""
    event, *_ = story
    with translation.override(language):
        page, feed = event.get_absolute_url(), reverse("claims:event_feed", args=[event.slug])
        before, after = (str(s.label) for s in (Claim.Status.UNVERIFIED, Claim.Status.CONFIRMED))
        on_page = gettext("status %(before)s → %(after)s") % {"before": before, "after": after}
        in_feed = gettext("Status %(before)s → %(after)s.") % {"before": before, "after": after}
    assert before != "unverified" and after != "confirmed"

    html = client.get(page).content.decode()
    log = html.split('id="corrections-heading"')[1].split("</section>")[0]
    assert on_page in log
    assert in_feed in client.get(feed).content.decode()
    entries = (
        APIClient()
        .get(f"/api/v1/events/{event.slug}/corrections/", HTTP_ACCEPT_LANGUAGE=language)
        .json()
    )
    changed = [entry for entry in entries if entry["kind"] == "status_changed"]
    assert [(entry["before"], entry["after"]) for entry in changed] == [("unverified", "confirmed")]


def test_the_corrections_log_shows_unpublishing_deleting_and_a_corrected_quote(bob, admin_user):
    event = make_event()
    withdrawn = make_claim(event=event)
    corrected = make_claim(event=event)
    deleted = make_claim(event=event)
    services.unpublish_claims([withdrawn], by=bob)
    citation = corrected.citations.get()
    before = citation.quote
    citation.quote = "The corrected words"
    services.save_citation(citation, by=bob, reason="Mistyped")
    services.delete_claims([deleted], by=admin_user, reason="Entered twice")

    answer = APIClient().get(f"/api/v1/events/{event.slug}/corrections/")

    assert answer.status_code == 200
    by_kind = {entry["kind"]: entry for entry in answer.json()}
    assert set(by_kind) == {"unpublished", "quote_corrected", "deleted"}
    assert by_kind["unpublished"]["claim"] == withdrawn.pk
    assert by_kind["quote_corrected"]["before"] == before
    assert by_kind["quote_corrected"]["after"] == "The corrected words"
    assert by_kind["quote_corrected"]["reason"] == "Mistyped"
    assert by_kind["deleted"]["reason"] == "Entered twice"


def test_the_pages_log_shows_every_kind_with_editors_words_escaped(
    client, bob, admin_user, settings
):
    """The event page's log (written by claim_html.correction_entries) gives each entry
    its time in the site's time zone, kind, claim line and what changed; nothing an
    editor typed is markup."""
    settings.TIME_ZONE = "Asia/Tehran"  # UTC+03:30: late on 1 March UTC is 2 March there
    event = make_event()
    make_claim(event=event)  # the event stays public
    hostile = "<script>alert(1)</script>"
    withdrawn = make_claim(event=event, claimant_description=f"Officials {hostile}")
    corrected = make_claim(event=event)
    deleted = make_claim(event=event)
    services.unpublish_claims([withdrawn], by=bob)
    citation = corrected.citations.get()
    before = citation.quote
    citation.quote = f"The corrected words {hostile}"
    services.save_citation(citation, by=bob, reason=f"Mistyped {hostile}")
    deleted_pk = deleted.pk
    services.delete_claims([deleted], by=admin_user, reason="Entered twice")
    utc = datetime.UTC
    history = Claim.history.model.objects.filter(id=deleted_pk)
    history.update(history_date=datetime.datetime(2024, 3, 1, 12, tzinfo=utc))
    history.filter(history_type="-").update(
        history_date=datetime.datetime(2024, 3, 1, 23, 30, tzinfo=utc)
    )

    html = client.get(event.get_absolute_url()).content.decode()
    log = html.split('id="corrections-heading"')[1].split("</section>")[0]

    assert "<script>" not in log
    entries = log.split("<li ")[1:]
    assert len(entries) == 3
    by_kind = {}
    for entry in entries:
        for label in ("Withdrawn from publication", "Quote corrected", "Removed"):
            if f"<strong>{label}</strong>" in entry:
                by_kind[label] = entry
    assert set(by_kind) == {"Withdrawn from publication", "Quote corrected", "Removed"}
    withdrawn_entry = by_kind["Withdrawn from publication"]
    assert "Officials &lt;script&gt;alert(1)&lt;/script&gt;" in withdrawn_entry
    quote = by_kind["Quote corrected"]
    assert f"Before: <bdi>“{before}”</bdi>" in quote
    assert "Now: <bdi>“The corrected words &lt;script&gt;" in quote
    assert "Reason: <bdi>Mistyped &lt;script&gt;" in quote
    assert "Reason: <bdi>Entered twice</bdi>" in by_kind["Removed"]
    assert '<time datetime="2024-03-02T03:00:00+03:30">2 March 2024</time>' in by_kind["Removed"]


def test_a_change_saved_in_the_same_instant_as_the_version_before_is_logged(bob):
    """Two versions of one moment are ordered by their history ids, as the comparison
    that finds the change orders them: the change is logged, with the claim as it was."""
    event = make_event()
    claim = make_claim(event=event)
    services.set_claim_status([claim], Claim.Status.CONFIRMED, by=bob)
    versions = Claim.history.model.objects.filter(id=claim.pk)
    versions.update(history_date=versions.earliest("history_id").history_date)

    log = corrections(event=event)

    assert [(entry.kind, entry.before, entry.after) for entry in log] == [
        (CorrectionKind.STATUS_CHANGED, "unverified", "confirmed")
    ]
    assert log[0].claim.status == Claim.Status.UNVERIFIED


def test_editing_drafts_is_no_correction(bob):
    event = make_event()
    make_claim(event=event)  # the event is public
    draft = make_claim(event=event, publication=Claim.Publication.DRAFT)
    services.set_claim_status([draft], Claim.Status.CONFIRMED, by=bob)
    citation = draft.citations.get()
    citation.quote = "Changed before anyone saw it"
    services.save_citation(citation, by=bob)
    services.delete_claims([draft], by=bob)
    assert APIClient().get(f"/api/v1/events/{event.slug}/corrections/").json() == []


def test_the_whole_log_has_every_events_corrections_and_no_edit_of_a_draft(bob):
    """The log of every claim (the corrections feed) finds its corrections without a
    list of the claims ever published: only a claim published at the time counts."""
    published = make_claim(event=make_event())
    draft = make_claim(event=make_event(), publication=Claim.Publication.DRAFT)
    for claim in (published, draft):
        services.set_claim_status([claim], Claim.Status.DISPUTED, by=bob)
        citation = claim.citations.get()
        citation.quote = "The corrected words"
        services.save_citation(citation, by=bob)

    log = corrections()

    assert sorted((entry.kind, entry.claim.pk) for entry in log) == [
        (CorrectionKind.QUOTE_CORRECTED, published.pk),
        (CorrectionKind.STATUS_CHANGED, published.pk),
    ]
    assert {entry.event.pk for entry in log} == {published.event_id}


def test_the_corrections_endpoint_runs_five_queries(story, django_assert_num_queries):
    event, *_ = story
    api = APIClient()
    url = f"/api/v1/events/{event.slug}/corrections/"
    # 1 the event, 2 the claims' changes, 3 the quotes' changes, 4 the versions readers
    # saw before them, 5 the actors their descriptions name (no person is named).
    with django_assert_num_queries(5):
        answer = api.get(url)
    assert len(answer.json()) == 2


@pytest.mark.usefixtures("no_page_cache")
def test_the_page_as_shown_on_runs_ten_queries(client, story, django_assert_num_queries):
    event, *_ = story
    # 1 the event, 2 the claims' versions at the end of the day with their actors, 3 their
    # citations then (sources' origins), 4 the actor tree then, 5 the citations shown with
    # quotes, 6 related events, 7-10 the corrections log (claims' changes, quotes'
    # changes, the versions before them, the actors they name).
    with django_assert_num_queries(10):
        client.get(event.get_absolute_url(), {"as_shown_on": "2024-02-01"})


def test_as_shown_on_counts_actors_under_the_parents_they_had_then(bob):
    event = make_event("Rocket attack on a base")
    pmf = make_actor("Popular Mobilization Forces")
    brigade = make_actor("Brigade 45")
    Actor.history.update(
        history_date=timezone.make_aware(datetime.datetime.combine(FEB_1, datetime.time(9)))
    )
    for actor in (pmf, brigade):
        backdate(make_claim(event=event, attributed_actor=actor), FEB_1)
    # Later, the brigade is found to belong to the PMF.
    brigade.parent = pmf
    services.save_record(brigade, by=bob)

    url = f"/api/v1/events/{event.slug}/attributions/"
    then = APIClient().get(url, {"as_shown_on": "2024-02-01"}).json()
    now = APIClient().get(url).json()

    def candidates(answer):
        return sorted(c["actor"] for c in answer["roles"]["perpetrator"]["candidates"])

    # Then, two rival candidates; now, one candidate and its sub-unit.
    assert candidates(then) == sorted([pmf.slug, brigade.slug])
    assert then["state"] != now["state"] or candidates(then) != candidates(now)


def test_the_actor_tree_then_keeps_todays_parent_for_actors_without_history():
    parent = make_actor("Islamic Revolutionary Guard Corps")
    unit = make_actor("Quds Force", parent=parent)
    Actor.history.filter(id=unit.pk).delete()

    assert actor_tree_then(FEB_1) == {unit.pk: parent.pk}
