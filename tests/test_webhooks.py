"""Signed webhooks: a real receiver on 127.0.0.1 gets deliveries that verify with an
independent implementation of Standard Webhooks; retries, disabling, refusals."""

import http.server
import json
import threading

import pytest
import standardwebhooks
from django.core.management import call_command
from rest_framework.test import APIClient

from claims import services, webhooks
from claims.models import Claim, WebhookDelivery, WebhookSubscription
from tests.factories import make_actor, make_claim, make_event, make_user


class _Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers["Content-Length"])
        body = self.rfile.read(length).decode()
        self.server.received.append((dict(self.headers), body))
        code = self.server.answers.pop(0) if self.server.answers else 204
        self.send_response(code)
        if code in (301, 302):
            self.send_header("Location", "/elsewhere")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver(settings):
    """A webhook receiver on 127.0.0.1, which the operator's setting lets us reach;
    `receiver.answers` lists the status codes to answer with (then 204)."""
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    server.received, server.answers = [], []
    server.url = f"http://127.0.0.1:{server.server_address[1]}/hooks"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def run_worker() -> None:
    """A real worker: the db_worker command, until no job is ready."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_a_published_claim_reaches_the_receiver_signed(receiver):
    subscription = WebhookSubscription.objects.create(target_url=receiver.url)
    claim = make_claim(publication=Claim.Publication.DRAFT, notes="Editors only")

    services.publish_claims([claim], by=None)
    run_worker()

    # One delivery: the publication (not also the claim_changed announced with it).
    [(headers, body)] = receiver.received
    # Verified by the specification's own implementation, not ours.
    verified = standardwebhooks.Webhook(subscription.secret).verify(body, headers)
    assert verified["type"] == "claim_published"
    assert verified["data"]["claim"]["id"] == claim.pk
    assert "notes" not in verified["data"]["claim"]
    assert "Editors only" not in body
    assert headers["webhook-signature"].startswith("v1,")
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("delivered", 1, 204)
    assert headers["webhook-id"] == delivery.webhook_id


@pytest.mark.django_db(transaction=True)
def test_a_change_of_editors_notes_is_not_news(receiver):
    WebhookSubscription.objects.create(target_url=receiver.url)
    claim = make_claim()
    claim.notes = "Check the second source"
    services.save_claim(claim, by=None)
    claim.speaker_title = "Spokesman"
    services.save_claim(claim, by=None)
    run_worker()

    [(_, body)] = receiver.received
    assert json.loads(body)["type"] == "claim_changed"
    assert "Check the second source" not in body


@pytest.mark.django_db(transaction=True)
def test_changes_to_drafts_are_never_sent(receiver):
    WebhookSubscription.objects.create(target_url=receiver.url)
    claim = make_claim(publication=Claim.Publication.DRAFT)

    services.save_claim(claim, by=None, reason="Editing a draft")
    services.delete_claims([claim], by=None)
    run_worker()

    assert receiver.received == []
    assert not WebhookDelivery.objects.exists()


@pytest.mark.django_db
def test_filters_pick_the_subscriptions_told(receiver):
    pmf = make_actor("Popular Mobilization Forces")
    kh = make_actor("Kata'ib Hezbollah", parent=pmf)
    event = make_event(country="IQ")
    claim = make_claim(event=event, attributed_actor=kh)
    wanted = {
        "everything": WebhookSubscription.objects.create(target_url=receiver.url),
        "pmf and sub-units": WebhookSubscription.objects.create(target_url=receiver.url),
        "iraq": WebhookSubscription.objects.create(target_url=receiver.url, countries=["IQ"]),
        "this event": WebhookSubscription.objects.create(target_url=receiver.url),
        "retractions": WebhookSubscription.objects.create(
            target_url=receiver.url, kinds=["claim_published"]
        ),
    }
    unwanted = {
        "pmf alone": WebhookSubscription.objects.create(
            target_url=receiver.url, include_subunits=False
        ),
        "jordan": WebhookSubscription.objects.create(target_url=receiver.url, countries=["JO"]),
        "other event": WebhookSubscription.objects.create(target_url=receiver.url),
        "retracted only": WebhookSubscription.objects.create(
            target_url=receiver.url, kinds=["claim_retracted"]
        ),
    }
    wanted["pmf and sub-units"].actors.add(pmf)
    unwanted["pmf alone"].actors.add(pmf)
    wanted["this event"].events.add(event)
    unwanted["other event"].events.add(make_event())

    webhooks.dispatch.call("claim_published", [claim.pk], {"event": event.pk})

    told = set(WebhookDelivery.objects.values_list("subscription_id", flat=True))
    assert told == {s.pk for s in wanted.values()}


@pytest.mark.django_db
def test_a_withdrawn_claim_reaches_those_following_its_actor(receiver, bob):
    kh = make_actor("Kata'ib Hezbollah")
    following = WebhookSubscription.objects.create(target_url=receiver.url)
    following.actors.add(kh)
    claim = make_claim(attributed_actor=kh)
    services.unpublish_claims([claim], by=bob)

    webhooks.dispatch.call("claim_unpublished", [claim.pk], {"event": claim.event_id})

    delivery = WebhookDelivery.objects.get()
    assert json.loads(delivery.body)["data"] == {"claim": {"id": claim.pk}}


@pytest.mark.django_db
def test_a_failing_receiver_is_tried_five_times_then_the_subscription_disabled(receiver):
    subscription = WebhookSubscription.objects.create(target_url=receiver.url)
    claim = make_claim()
    receiver.answers = [503] * 100
    for round_ in range(webhooks.DISABLE_AFTER_FAILURES):
        webhooks.dispatch.call("claim_published", [claim.pk], {"event": claim.event_id})
        delivery = WebhookDelivery.objects.latest("pk")
        webhooks.deliver.call(delivery.pk)
        delivery.refresh_from_db()
        assert delivery.status == "retrying"
        assert delivery.next_attempt_at is not None
        for _ in webhooks.RETRY_DELAYS:
            webhooks.deliver.call(delivery.pk)
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts, delivery.response_code) == ("failed", 5, 503)
        subscription.refresh_from_db()
        assert subscription.active == (round_ + 1 < webhooks.DISABLE_AFTER_FAILURES)

    assert "deliveries in a row failed" in subscription.disabled_reason
    assert len(receiver.received) == 5 * webhooks.DISABLE_AFTER_FAILURES
    # A disabled subscription is told nothing more.
    webhooks.dispatch.call("claim_published", [claim.pk], {"event": claim.event_id})
    assert WebhookDelivery.objects.count() == webhooks.DISABLE_AFTER_FAILURES


@pytest.mark.django_db
def test_the_retries_wait_longer_each_time(receiver):
    WebhookSubscription.objects.create(target_url=receiver.url)
    claim = make_claim()
    receiver.answers = [500] * 5
    webhooks.dispatch.call("claim_published", [claim.pk], {"event": claim.event_id})
    delivery = WebhookDelivery.objects.get()
    waits = []
    for _ in webhooks.RETRY_DELAYS:
        webhooks.deliver.call(delivery.pk)
        delivery.refresh_from_db()
        waits.append((delivery.next_attempt_at - delivery.last_attempt_at).total_seconds())
    assert [round(w) for w in waits] == webhooks.RETRY_DELAYS
    assert sum(webhooks.RETRY_DELAYS) == pytest.approx(3600, rel=0.1)


@pytest.mark.django_db
def test_a_4xx_is_not_retried_and_a_redirect_not_followed(receiver):
    WebhookSubscription.objects.create(target_url=receiver.url)
    claim = make_claim()
    receiver.answers = [410, 302]
    webhooks.dispatch.call("claim_published", [claim.pk], {"event": claim.event_id})
    webhooks.dispatch.call("claim_published", [claim.pk], {"event": claim.event_id})
    first, second = WebhookDelivery.objects.order_by("pk")
    webhooks.deliver.call(first.pk)
    webhooks.deliver.call(second.pk)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.attempts, first.response_code) == ("failed", 1, 410)
    assert (second.status, second.response_code) == ("failed", 302)
    assert len(receiver.received) == 2  # the redirect's /elsewhere never asked


@pytest.mark.django_db
@pytest.mark.parametrize("host", ["127.0.0.1", "10.0.0.5", "169.254.169.254", "[::1]"])
def test_private_loopback_and_link_local_addresses_are_refused(settings, host):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    WebhookSubscription.objects.create(target_url=f"http://{host}:9/hooks")
    claim = make_claim()
    webhooks.dispatch.call("claim_published", [claim.pk], {"event": claim.event_id})
    delivery = WebhookDelivery.objects.get()
    webhooks.deliver.call(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == "refused"
    assert "private or local address" in delivery.error


@pytest.mark.django_db
def test_a_host_name_is_checked_after_resolution(settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    WebhookSubscription.objects.create(target_url="http://localhost:9/hooks")
    claim = make_claim()
    webhooks.dispatch.call("claim_published", [claim.pk], {"event": claim.event_id})
    delivery = WebhookDelivery.objects.get()
    webhooks.deliver.call(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == "refused"


@pytest.mark.django_db
def test_the_admin_replays_a_delivery_with_the_same_message(receiver, admin_client):
    subscription = WebhookSubscription.objects.create(target_url=receiver.url)
    claim = make_claim()
    webhooks.dispatch.call("claim_published", [claim.pk], {"event": claim.event_id})
    delivery = WebhookDelivery.objects.get()
    webhooks.deliver.call(delivery.pk)

    answer = admin_client.post(
        "/admin/claims/webhookdelivery/",
        {"action": "replay", "_selected_action": [delivery.pk]},
        follow=True,
    )
    assert "1 delivery will be sent again." in answer.content.decode()
    webhooks.deliver.call(delivery.pk)

    first, second = receiver.received
    assert first[0]["webhook-id"] == second[0]["webhook-id"]
    standardwebhooks.Webhook(subscription.secret).verify(second[1], second[0])


@pytest.mark.django_db
def test_the_admin_lists_deliveries_in_one_query_for_them_all(
    admin_client, django_assert_max_num_queries
):
    subscription = WebhookSubscription.objects.create(target_url="https://example.org/hooks")
    for _ in range(5):
        WebhookDelivery.objects.create(subscription=subscription, kind="claim_published", body="{}")
    admin_client.get("/admin/claims/webhookdelivery/")
    # The session, the user, the count, the filtered count, the page with subscriptions.
    with django_assert_max_num_queries(6):
        assert admin_client.get("/admin/claims/webhookdelivery/").status_code == 200


@pytest.mark.django_db
def test_the_admin_shows_the_secret_once_and_a_disabled_subscription(admin_client):
    answer = admin_client.post(
        "/admin/claims/webhooksubscription/add/",
        {"target_url": "https://newsroom.example/hooks", "active": "on", "include_subunits": "on"},
        follow=True,
    )
    subscription = WebhookSubscription.objects.get()
    assert subscription.secret.startswith("whsec_")
    assert subscription.secret in answer.content.decode()
    assert (
        subscription.secret
        not in admin_client.get(
            f"/admin/claims/webhooksubscription/{subscription.pk}/change/"
        ).content.decode()
    )
    WebhookSubscription.objects.update(active=False, disabled_reason="Disabled on 2026-01-01")
    listing = admin_client.get("/admin/claims/webhooksubscription/").content.decode()
    assert "Disabled on 2026-01-01" in listing


@pytest.mark.django_db
def test_the_api_is_for_staff_with_the_permission_and_gives_the_secret_once():
    charlie = make_user("charlie-staff")
    charlie.is_staff = True
    charlie.save()
    root = make_user("root", superuser=True)
    outsider, operator = APIClient(), APIClient()
    outsider.force_authenticate(charlie)
    operator.force_authenticate(root)
    assert APIClient().get("/api/v1/webhooks/").status_code in (401, 403)
    assert outsider.get("/api/v1/webhooks/").status_code == 403

    created = operator.post(
        "/api/v1/webhooks/",
        {"target_url": "https://newsroom.example/hooks", "kinds": ["claim_retracted"]},
        format="json",
    )
    assert created.status_code == 201
    assert created.json()["secret"].startswith("whsec_")
    listed = operator.get("/api/v1/webhooks/").json()
    assert "secret" not in json.dumps(listed)
    refused = operator.post(
        "/api/v1/webhooks/",
        {"target_url": "https://newsroom.example/hooks", "kinds": ["claim_created"]},
        format="json",
    )
    assert refused.status_code == 400
    assert "kinds" in refused.json()


@pytest.mark.django_db(transaction=True)
def test_an_import_tells_subscribers_of_each_public_claim_it_wrote(receiver, monkeypatch):
    from claims.importer import read_rows
    from tests.test_import import row, simple_csv

    monkeypatch.setattr(webhooks, "DISPATCH_CHUNK", 1)  # one job a claim: chunks add up
    subscription = WebhookSubscription.objects.create(target_url=receiver.url)
    rows = [
        row(publication="published", quote="Kata'ib Hezbollah was behind it"),
        row(publication="published", quote="the militia fired the rockets", stated_on="2019-12-30"),
        row(publication="draft", quote="a draft nobody may see yet", stated_on="2019-12-31"),
    ]

    services.import_claims(read_rows(simple_csv(*rows), "claims.csv"), by=None)
    run_worker()

    bodies = [
        standardwebhooks.Webhook(subscription.secret).verify(body, headers)
        for headers, body in receiver.received
    ]
    assert sorted(body["data"]["claim"]["id"] for body in bodies) == sorted(
        Claim.objects.published().values_list("pk", flat=True)
    )
    assert {body["type"] for body in bodies} == {"imported"}
    assert len(bodies) == 2
    assert "a draft nobody may see yet" not in "".join(body for _h, body in receiver.received)
