"""Signed webhooks: public changes pushed to subscribers, as the Standard Webhooks
specification describes them (https://www.standardwebhooks.com).

The write path's announcements (`claims.announcements`) are the only trigger: once a
change commits, `on_announcement` enqueues a `dispatch` job, which finds the matching
subscriptions, builds the body once (the kind of change and the public API's
representation: no draft, no editor-only field) and enqueues one `deliver` job per
subscription. Each delivery is POSTed with the headers webhook-id, webhook-timestamp
and webhook-signature (`v1,` and the base64 HMAC-SHA256 of `id.timestamp.body`, keyed
with the subscription's secret).

A timeout, a connection error or a 5xx answer is tried again later (RETRY_DELAYS: five
tries over about an hour); a subscription whose deliveries keep failing is disabled
(DISABLE_AFTER_FAILURES). Redirects are not followed, and private, loopback and
link-local addresses are refused after DNS resolution (the capture module's checks)
unless WEBHOOK_ALLOW_PRIVATE_ADDRESSES is on.
"""

import base64
import datetime
import hashlib
import hmac
import http.client
import json
import logging
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from claims.announcements import Announcement, Change, announced
from claims.capture.fetch import FetchError, checked_address, is_public, pinned_connection
from claims.models import Actor, Claim, Event, WebhookDelivery, WebhookSubscription
from claims.models.webhooks import DELIVERED_CHANGES

logger = logging.getLogger(__name__)

# Seconds to wait before the 2nd, 3rd, 4th and 5th tries: about an hour in all.
RETRY_DELAYS = [60, 240, 900, 2400]
# Deliveries that failed every try, in a row, before the subscription is disabled.
DISABLE_AFTER_FAILURES = 3
# Claims per dispatch job: an import of 100,000 claims is a hundred jobs of bounded size,
# not one that holds them all.
DISPATCH_CHUNK = 1000

_CLAIM_CHANGES = {str(kind) for kind in DELIVERED_CHANGES} - {Change.EVENT_CHANGED}
# Changes that take a claim out of readers' sight: the body names the claim only.
_WITHDRAWALS = {Change.CLAIM_UNPUBLISHED, Change.CLAIM_DELETED}


def sign(secret: str, message_id: str, timestamp: int, body: str) -> str:
    """The webhook-signature header's value for this message."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    content = f"{message_id}.{timestamp}.{body}".encode()
    digest = hmac.new(key, content, hashlib.sha256).digest()
    return f"v1,{base64.b64encode(digest).decode()}"


# A claim's fields readers never see, and those whose change is announced on its own
# (published, unpublished, status changed, retracted) along with `claim_changed`.
_UNSEEN_FIELDS = {"notes", "quote_check_override"}
_ANNOUNCED_APART = {"publication", "status", "retraction_reason"}


def _news(announcement: Announcement) -> bool:
    """Whether subscribers are told of this announcement: a public kind, and for a
    claim's change, one that changed more than what another announcement tells (so a
    publication is one delivery, not two) or than what readers never see."""
    if announcement.kind not in DELIVERED_CHANGES:
        return False
    fields = announcement.details.get("fields")
    if announcement.kind == Change.CLAIM_CHANGED and fields is not None:
        return not set(fields) <= _UNSEEN_FIELDS | _ANNOUNCED_APART
    return True


def on_announcement(sender, announcement: Announcement, **kwargs) -> None:
    """Receives every committed announcement; news becomes a dispatch job, when there is
    an active subscription to tell."""
    if not _news(announcement):
        return
    if not WebhookSubscription.objects.filter(active=True).exists():
        return
    ids = list(announcement.ids)
    for start in range(0, len(ids), DISPATCH_CHUNK):
        dispatch.enqueue(
            str(announcement.kind), ids[start : start + DISPATCH_CHUNK], announcement.details
        )


announced.connect(on_announcement, dispatch_uid="claims.webhooks")


def _public_claims(ids) -> dict[int, Claim]:
    return {
        claim.pk: claim
        for claim in Claim.objects.filter(pk__in=ids)
        .published()
        .for_display()
        .with_public_responds_to()
    }


def _representation(kind: str, pk: int, claims: dict, events: dict) -> dict | None:
    """What a subscriber is told of one record, or None when readers cannot see it."""
    from claims.api.serializers import ClaimSerializer, EventSerializer

    context = {"request": None, "drafts_visible": False}
    if kind == Change.EVENT_CHANGED:
        event = events.get(pk)
        return {"event": EventSerializer(event, context=context).data} if event else None
    if kind in _WITHDRAWALS:
        # Only a claim readers saw is news when it goes.
        seen = Claim.history.filter(id=pk, publication=Claim.Publication.PUBLISHED).exists()
        return {"claim": {"id": pk}} if seen else None
    claim = claims.get(pk)
    return {"claim": ClaimSerializer(claim, context=context).data} if claim else None


def _facts(kind: str, pk: int, claims: dict, events: dict, details: dict) -> tuple:
    """The event, its country and the actors named, for the subscriptions' filters."""
    if kind == Change.EVENT_CHANGED:
        event = events.get(pk)
        return pk, event.country.code if event else "", set()
    claim = claims.get(pk)
    if claim is None:
        # Withdrawn: the claim as readers last saw it.
        claim = (
            Claim.history.filter(id=pk, publication=Claim.Publication.PUBLISHED)
            .select_related("event")
            .order_by("-history_date")
            .first()
        )
        if claim is None or claim.event is None:
            return details.get("event"), "", set()
    actors = {claim.claimant_actor_id, claim.attributed_actor_id} - {None}
    return claim.event_id, claim.event.country.code, actors


def _ancestors(actor_ids: set[int], parents: dict[int, int | None]) -> set[int]:
    found = set()
    for pk in actor_ids:
        while pk is not None and pk not in found:
            found.add(pk)
            pk = parents.get(pk)
    return found


def matching(subscriptions, *, kind: str, event_id, country: str, actor_ids: set[int]):
    """The subscriptions whose filters let this change through."""
    parents = Actor.objects.parent_map() if actor_ids else {}
    with_parents = _ancestors(actor_ids, parents)
    for subscription in subscriptions:
        if subscription.kinds and kind not in subscription.kinds:
            continue
        events = {event.pk for event in subscription.events.all()}
        if events and event_id not in events:
            continue
        if subscription.countries and country not in {c.code for c in subscription.countries}:
            continue
        actors = {actor.pk for actor in subscription.actors.all()}
        if actors:
            named = with_parents if subscription.include_subunits else actor_ids
            if not actors & named:
                continue
        yield subscription


@task()
def dispatch(kind: str, ids: list[int], details: dict) -> int:
    """Create and enqueue the deliveries of one announcement; returns how many."""
    subscriptions = list(
        WebhookSubscription.objects.filter(active=True).prefetch_related("events", "actors")
    )
    claims = _public_claims(ids) if kind in _CLAIM_CHANGES else {}
    events = (
        {
            e.pk: e
            for e in Event.objects.public().with_relations(public_only=True).filter(pk__in=ids)
        }
        if kind == Change.EVENT_CHANGED
        else {}
    )
    created = []
    for pk in ids:
        data = _representation(kind, pk, claims, events)
        if data is None:
            continue
        event_id, country, actor_ids = _facts(kind, pk, claims, events, details)
        targets = list(
            matching(
                subscriptions, kind=kind, event_id=event_id, country=country, actor_ids=actor_ids
            )
        )
        if not targets:
            continue
        body = json.dumps(
            {"type": kind, "timestamp": timezone.now().isoformat(), "data": data},
            ensure_ascii=False,
            separators=(",", ":"),
            default=str,
        )
        with transaction.atomic():
            for subscription in targets:
                delivery = WebhookDelivery.objects.create(
                    subscription=subscription, kind=kind, body=body
                )
                created.append(delivery.pk)
    for pk in created:
        deliver.enqueue(pk)
    return len(created)


def _allowed(address) -> bool:
    return settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES or is_public(address)


def _post(delivery: WebhookDelivery) -> tuple[int | None, str]:
    """POST the delivery once: the response code, or None and why it could not be sent.
    Raises FetchError for a refused address."""
    subscription = delivery.subscription
    parts, port, address = checked_address(subscription.target_url, _allowed)
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "attribution-tracker webhooks",
        "webhook-id": delivery.webhook_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(
            subscription.secret, delivery.webhook_id, timestamp, delivery.body
        ),
    }
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    connection = pinned_connection(parts, port, address, settings.WEBHOOK_TIMEOUT_SECONDS)
    try:
        connection.request("POST", path, body=delivery.body.encode(), headers=headers)
        response = connection.getresponse()
        response.read(64 * 1024)
        return response.status, ""
    except TimeoutError:
        return None, _("No answer within %(seconds)s seconds.") % {
            "seconds": settings.WEBHOOK_TIMEOUT_SECONDS
        }
    except (OSError, http.client.HTTPException) as error:
        return None, _("Could not connect (%(reason)s).") % {"reason": type(error).__name__}
    finally:
        connection.close()


@task()
def deliver(delivery_id: int) -> str:
    """Try one delivery once; schedule the next try if it may succeed later."""
    delivery = WebhookDelivery.objects.select_related("subscription").filter(pk=delivery_id).first()
    if delivery is None or delivery.status == WebhookDelivery.Status.DELIVERED:
        return "gone"
    started = time.monotonic()
    try:
        code, error = _post(delivery)
    except FetchError as refused:
        code, error = None, str(refused)
        delivery.status = WebhookDelivery.Status.REFUSED
    delivery.attempts += 1
    delivery.duration_ms = int((time.monotonic() - started) * 1000)
    delivery.response_code = code
    delivery.error = error[:300]
    delivery.last_attempt_at = timezone.now()
    delivery.next_attempt_at = None
    subscription = delivery.subscription
    if delivery.status != WebhookDelivery.Status.REFUSED:
        if code is not None and 200 <= code < 300:
            delivery.status = WebhookDelivery.Status.DELIVERED
        elif code is not None and code < 500:
            # The receiver refused this message: trying again would not change that.
            delivery.status = WebhookDelivery.Status.FAILED
            delivery.error = delivery.error or _("The receiver answered %(code)s.") % {"code": code}
        elif delivery.attempts <= len(RETRY_DELAYS):
            delivery.status = WebhookDelivery.Status.RETRYING
            delay = RETRY_DELAYS[delivery.attempts - 1]
            delivery.next_attempt_at = timezone.now() + datetime.timedelta(seconds=delay)
            delivery.error = delivery.error or _("The receiver answered %(code)s.") % {"code": code}
        else:
            delivery.status = WebhookDelivery.Status.FAILED
            delivery.error = delivery.error or _("The receiver answered %(code)s.") % {"code": code}
    with transaction.atomic():
        delivery.save()
        _record_outcome(subscription, delivery)
    if delivery.status == WebhookDelivery.Status.RETRYING:
        deliver.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)
    return delivery.status


def _record_outcome(subscription: WebhookSubscription, delivery: WebhookDelivery) -> None:
    """Count the deliveries that failed for good in a row; disable after too many."""
    if delivery.status == WebhookDelivery.Status.DELIVERED:
        WebhookSubscription.objects.filter(pk=subscription.pk).update(consecutive_failures=0)
        return
    if delivery.status not in (WebhookDelivery.Status.FAILED, WebhookDelivery.Status.REFUSED):
        return
    failures = subscription.consecutive_failures + 1
    updates = {"consecutive_failures": failures}
    if failures >= DISABLE_AFTER_FAILURES:
        updates["active"] = False
        updates["disabled_reason"] = _(
            "Disabled on %(when)s after %(count)s deliveries in a row failed; last error: %(error)s"
        ) % {
            "when": timezone.now().strftime("%Y-%m-%d %H:%M UTC"),
            "count": failures,
            "error": delivery.error,
        }
        logger.warning("Webhook subscription %s disabled: %s", subscription.pk, delivery.error)
    WebhookSubscription.objects.filter(pk=subscription.pk).update(**updates)


def replay(deliveries) -> int:
    """Send these deliveries again (same message id and body), as a new series of tries."""
    count = 0
    for delivery in deliveries:
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status=WebhookDelivery.Status.PENDING, attempts=0, next_attempt_at=None
        )
        transaction.on_commit(lambda pk=delivery.pk: deliver.enqueue(pk))
        count += 1
    return count
