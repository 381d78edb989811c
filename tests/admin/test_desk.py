"""The editors' desk: a source's text beside the claim form; accept, reject, undo."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Actor, Affiliation, Citation, Claim, RejectedSuggestion, Source
from claims.quotes import QuoteCheck, check_quote
from tests.capturing import fresh_gazetteer  # noqa: F401  (fixture)
from tests.factories import make_actor, make_event, make_person, make_source, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_gazetteer")]

TEXT = (
    "Drones struck the Abqaiq plant on Saturday.\n"
    "The Houthis claimed responsibility for the attack on Abqaiq.\n"
    "Secretary of State Mike Pompeo blamed Iran for the attack.\n"
    "Iran denied any involvement in the attack."
)
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def story(db):
    houthis = make_actor("Houthis", slug="houthis")
    iran = make_actor("Iran", slug="iran", kind=Actor.Kind.STATE)
    us = make_actor("United States", slug="united-states", kind=Actor.Kind.STATE)
    pompeo = make_person("Mike Pompeo", slug="mike-pompeo")
    Affiliation.objects.create(
        person=pompeo, actor=us, title="Secretary of State", start=datetime.date(2018, 4, 26)
    )
    source = make_source(full_text=TEXT, published_on=datetime.date(2019, 9, 15))
    event = make_event("Abqaiq–Khurais attack", date=datetime.date(2019, 9, 14), country="SA")
    return {
        "houthis": houthis, "iran": iran, "us": us, "pompeo": pompeo,
        "source": source, "event": event,
    }  # fmt: skip


def read_url(source, suffix=""):
    return reverse("admin:claims_source_read", args=[source.pk]) + suffix


def url(name, source):
    return reverse(f"admin:claims_source_desk_{name}", args=[source.pk])


def form_of(page) -> dict:
    """The claim form as the browser would post it, pre-filled as shown."""
    form = page.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else str(value)
    return data


def suggestion(page, stance):
    return next(s for s in page.context["suggestions"] if s.suggestion.stance == stance)


def test_the_page_marks_each_suggestion_by_stance_with_a_label(client, alice, story):
    client.force_login(alice)
    page = client.get(read_url(story["source"]))
    html = page.content.decode()
    assert page.status_code == 200
    stances = [s.suggestion.stance for s in page.context["suggestions"]]
    assert {"claims_responsibility", "attributes", "denies"} <= set(stances)
    assert 'class="desk-mark desk-denies desk-open' in html
    assert "· denies · <bdi>Iran</bdi>" in html  # a word beside the colour
    assert '<li value="4" id="paragraph-4">' in html
    assert 'type="module"' in html and "<script>" not in html  # no inline script


def test_the_form_is_prefilled_from_the_suggestion(client, alice, story):
    client.force_login(alice)
    first = client.get(read_url(story["source"]))
    number = suggestion(first, "attributes").number
    page = client.get(read_url(story["source"], f"?s={number}"))
    initial = page.context["form"].initial
    assert initial["claimant_person"] == story["pompeo"].pk
    assert initial["attributed_actor"] == story["iran"].pk
    assert initial["speaker_title"] == "Secretary of State"  # from the affiliation on the day
    assert initial["quote"] in TEXT


def accept(client, story, stance, **changes):
    page = client.get(read_url(story["source"]))
    number = suggestion(page, stance).number
    page = client.get(read_url(story["source"], f"?s={number}"))
    data = form_of(page) | {"event": story["event"].pk} | changes
    return client.post(url("accept", story["source"]), data, **JSON)


def test_accept_writes_one_draft_claim_and_one_anchored_citation(client, alice, story):
    client.force_login(alice)
    answer = accept(client, story, "denies")
    assert answer.status_code == 200, answer.json()
    claim = Claim.objects.get()
    citation = Citation.objects.get()
    assert (claim.stance, claim.attributed_actor, claim.publication) == (
        "denies", story["iran"], "draft",
    )  # fmt: skip
    assert claim.created_by == alice
    assert claim.history.latest().history_change_reason == "Accepted on the desk"
    assert citation.quote == "Iran denied any involvement in the attack."
    assert citation.locator == "paragraph 4"
    assert citation.selector["type"] == "TextQuoteSelector"
    assert citation.selector["exact"] == citation.quote
    assert citation.selector["prefix"] == TEXT[: TEXT.index(citation.quote)][-32:]
    assert citation.quote_check == QuoteCheck.VERBATIM
    assert check_quote(citation.quote, TEXT).outcome == QuoteCheck.VERBATIM
    assert answer.json()["ok"] and answer.json()["claim"] == claim.pk


def test_a_reviewers_accept_of_a_suggestion_posted_as_published_stays_a_draft(client, bob, story):
    client.force_login(bob)
    accept(client, story, "denies", publication="published", status="confirmed")
    assert Claim.objects.values_list("publication", "status").get() == ("draft", "unverified")


def test_a_shorter_quote_is_stored_exactly_as_printed(client, alice, story):
    client.force_login(alice)
    accept(client, story, "attributes", quote="Mike Pompeo blamed Iran")
    citation = Citation.objects.get()
    assert citation.quote == "Mike Pompeo blamed Iran"
    assert citation.selector["suffix"] == " for the attack.\nIran denied any"


def test_a_quote_not_in_the_text_is_refused_naming_the_field(client, alice, story):
    client.force_login(alice)
    answer = accept(client, story, "attributes", quote="Pompeo blamed Tehran")
    assert answer.status_code == 400
    assert "quote" in answer.json()["errors"]
    assert not Claim.objects.exists() and not Citation.objects.exists()


def test_the_page_without_script_accepts_with_a_redirect_and_lists_errors_at_the_top(
    client, alice, story
):
    client.force_login(alice)
    page = client.get(read_url(story["source"]))
    data = form_of(page) | {"event": "", "stance": "denies", "attributed_actor": ""}
    refused = client.post(url("accept", story["source"]), data)
    assert refused.status_code == 400
    html = refused.content.decode()
    assert 'id="desk-errors"' in html and 'href="#id_event"' in html
    done = client.post(url("accept", story["source"]), form_of(page) | {"event": story["event"].pk})
    assert done.status_code == 302 and done.url.startswith(read_url(story["source"]))
    assert Claim.objects.count() == 1


def test_reject_is_remembered_for_the_source_and_undone(client, alice, story):
    client.force_login(alice)
    page = client.get(read_url(story["source"]))
    chosen = suggestion(page, "denies").suggestion
    data = {"start": chosen.start, "end": chosen.end, "number": 1}
    answer = client.post(url("reject", story["source"]), data, **JSON)
    assert answer.status_code == 200
    again = client.get(read_url(story["source"]))
    assert suggestion(again, "denies").state == "rejected"
    assert RejectedSuggestion.objects.get().rejected_by == alice
    client.post(url("undo", story["source"]), **JSON)
    assert not RejectedSuggestion.objects.exists()
    assert suggestion(client.get(read_url(story["source"])), "denies").state == "open"


def test_undo_deletes_the_last_accepted_draft_through_the_services(client, alice, story):
    client.force_login(alice)
    accept(client, story, "denies")
    answer = client.post(url("undo", story["source"]), **JSON)
    assert answer.status_code == 200
    assert not Claim.objects.exists() and not Citation.objects.exists()
    deleted = Claim.history.latest()
    assert (deleted.history_type, deleted.history_change_reason) == (
        "-",
        "Accept undone on the desk",
    )
    nothing = client.post(url("undo", story["source"]), **JSON)
    assert nothing.status_code == 400


def test_two_editors_see_each_others_accepted_suggestions(client, alice, bob, story):
    client.force_login(alice)
    accept(client, story, "denies")
    client.force_login(bob)
    page = client.get(read_url(story["source"]))
    denial = suggestion(page, "denies")
    assert denial.state == "accepted"
    assert denial.claim_ids == [Claim.objects.get().pk]
    assert page.context["chosen"].number != denial.number  # the next open one is offered


def test_a_new_actor_in_the_form_refuses_an_existing_spelling_and_offers_it(client, alice, story):
    story["houthis"].aliases.create(name="Ansar Allah")
    client.force_login(alice)
    answer = accept(
        client, story, "denies", attributed_actor="", new_attributed_actor="ansar allah"
    )
    assert answer.status_code == 400
    body = answer.json()
    assert "already names Houthis" in body["errors"]["new_attributed_actor"][0]
    assert body["offers"]["new_attributed_actor"] == {
        "field": "attributed_actor", "id": story["houthis"].pk, "label": "Houthis",
    }  # fmt: skip
    assert Actor.objects.count() == 3
    assert f'data-use-field="attributed_actor" data-use-id="{story["houthis"].pk}"' in body["form"]


def test_a_new_actor_close_to_an_existing_one_is_created_only_when_confirmed(client, alice, story):
    make_actor("Kata'ib Hezbollah", slug="kataib-hezbollah")
    client.force_login(alice)
    fields = {"attributed_actor": "", "new_attributed_actor": "Kataeb Hezbolah"}
    warned = accept(client, story, "denies", **fields)
    assert warned.status_code == 400
    assert "is close to" in warned.json()["errors"]["new_attributed_actor"][0]
    done = accept(client, story, "denies", **fields, different="on")
    assert done.status_code == 200, done.json()
    claim = Claim.objects.get()
    assert claim.attributed_actor.name == "Kataeb Hezbolah"
    assert claim.attributed_actor.slug == "kataeb-hezbolah"


def test_a_new_claimant_actor_is_created_in_the_form_with_its_kind_and_parent(client, alice, story):
    client.force_login(alice)
    answer = accept(
        client, story, "denies", claimant_actor="",
        new_claimant_actor="Iranian Foreign Ministry", new_claimant_actor_kind="government_body",
        new_claimant_actor_parent=str(story["iran"].pk),
    )  # fmt: skip
    assert answer.status_code == 200, answer.json()
    claimant = Claim.objects.get().claimant_actor
    assert (claimant.name, claimant.kind, claimant.parent) == (
        "Iranian Foreign Ministry", "government_body", story["iran"],
    )  # fmt: skip


def test_a_new_event_is_created_in_the_form(client, alice, story):
    client.force_login(alice)
    answer = accept(
        client, story, "denies", event="", new_event_title="Abqaiq drone attack",
        new_event_date="2019-09-14", new_event_kind=story["event"].kind, new_event_country="sa",
    )  # fmt: skip
    assert answer.status_code == 200, answer.json()
    event = Claim.objects.get().event
    assert (event.title, event.slug, str(event.country)) == (
        "Abqaiq drone attack", "abqaiq-drone-attack", "SA",
    )  # fmt: skip
    # The next claim of this source starts on that event.
    page = client.get(read_url(story["source"]))
    assert page.context["form"].initial["event"] == event.pk


def test_responds_to_offers_only_the_chosen_events_claims(client, alice, story):
    client.force_login(alice)
    accept(client, story, "claims_responsibility")
    elsewhere = make_event("Another attack")
    Claim.objects.create(
        event=elsewhere, claimant_description="officials", stance="attributes",
        attributed_actor=story["iran"], stated_on=datetime.date(2019, 9, 15),
    )  # fmt: skip
    page = client.get(read_url(story["source"]))
    offered = list(page.context["form"].fields["responds_to"].queryset)
    assert offered == list(Claim.objects.filter(event=story["event"]))
    answer = client.get(url("responds", story["source"]), {"event": elsewhere.pk})
    assert [c["id"] for c in answer.json()["claims"]] == [elsewhere.claims.get().pk]


@pytest.fixture
def viewer(db):
    """Staff who may see sources but not add claims."""
    user = make_user("dana", role=None)
    user.is_staff = True
    user.save()
    user.user_permissions.add(Permission.objects.get(codename="view_source"))
    return user


@pytest.mark.parametrize(
    ("who", "expected"),
    [("alice", 200), ("bob", 200), ("viewer", 403), ("charlie", 302), (None, 302)],
)
def test_who_may_use_the_desk(client, story, who, expected, request):
    if who:
        client.force_login(request.getfixturevalue(who))
    assert client.get(read_url(story["source"])).status_code == expected
    answer = client.post(url("reject", story["source"]), {"start": 0, "end": 5})
    assert answer.status_code == (302 if expected == 200 else expected)
    assert RejectedSuggestion.objects.exists() == (expected == 200)


def test_the_page_costs_the_same_queries_whatever_the_claims_made(
    client, alice, story, no_page_cache
):
    client.force_login(alice)
    denial = suggestion(client.get(read_url(story["source"])), "denies").number

    def queries() -> int:
        with CaptureQueriesContext(connection) as done:
            client.get(read_url(story["source"], f"?s={denial}"))
        return len(done)

    accept(client, story, "claims_responsibility")
    one_claim = queries()
    accept(client, story, "attributes")
    # The session, the user, the source, the user's permissions (twice: the admin's
    # and the claims'), the gazetteer's fingerprint, the source's citations, its
    # rejections, the suggested actors' and people's ids, the previous claim's event,
    # the labels of the event and the actor in the form, "responds to"'s choices.
    assert queries() == one_claim == 15


def test_new_source_from_text_captures_it_then_opens_the_desk(client, alice, story):
    client.force_login(alice)
    listing = client.get(reverse("admin:claims_source_changelist")).content.decode()
    capture = reverse("admin:claims_source_capture") + "?then=read"
    assert f'href="{capture}"' in listing and "Read and accept" in listing
    checked = client.post(capture, {"text": TEXT + "\nIt was the Houthis."})
    done = client.post(
        capture, {"token": checked.context["token"], "kind": "news_report", "language": "en"}
    )
    source = Source.objects.latest("pk")
    assert done.status_code == 302 and done.url == read_url(source)
    assert client.get(done.url).context["suggestions"]


def test_a_source_without_captured_text_says_so(client, alice):
    client.force_login(alice)
    page = client.get(read_url(make_source()))
    assert page.status_code == 200
    assert "has no captured text" in page.content.decode()
    assert page.context["form"] is None


def test_a_dispute_answers_the_claim_it_disputes_and_can_be_accepted(client, alice, story):
    story["source"].full_text = (
        "The Houthis claimed responsibility for the attack on Abqaiq.\n"
        "Pompeo blamed Iran and disputed the Houthis’ claim of responsibility."
    )
    story["source"].save()
    story["pompeo"].aliases.create(name="Pompeo")
    client.force_login(alice)
    made = accept(client, story, "claims_responsibility")
    assert made.status_code == 200, made.json()["errors"]
    self_claim = Claim.objects.get()
    dispute = suggestion(client.get(read_url(story["source"])), "disputes")
    page = client.get(read_url(story["source"], f"?s={dispute.number}"))
    assert page.context["form"].initial["responds_to"] == self_claim.pk
    answer = client.post(url("accept", story["source"]), form_of(page), **JSON)
    assert answer.status_code == 200, answer.json()
    assert Claim.objects.get(stance="disputes").responds_to == self_claim


def test_a_passage_selected_in_the_text_starts_a_claim(client, alice, story):
    client.force_login(alice)
    passage = "Drones struck the Abqaiq plant"
    page = client.get(read_url(story["source"]), {"quote": passage})
    assert page.context["form"].initial["quote"] == passage
    data = form_of(page) | {"event": story["event"].pk, "claimant_description": "Reuters"}
    refused = client.post(url("accept", story["source"]), data)  # no stance chosen
    assert refused.status_code == 400
    assert refused.context["form"]["quote"].value() == passage  # the form stays, with errors
    done = client.post(url("accept", story["source"]), data | {"stance": "no_claim"})
    assert done.status_code == 302
    assert Citation.objects.get().locator == "paragraph 1"


def test_the_desks_writes_answer_post_only(client, alice, story):
    client.force_login(alice)
    for name in ("accept", "reject", "undo"):
        assert client.get(url(name, story["source"])).status_code == 405
