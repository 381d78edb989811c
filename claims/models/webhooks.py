"""Webhook subscriptions and their deliveries (claims/webhooks.py sends them)."""

import base64
import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from claims.announcements import Change

from .actors import Actor
from .events import Event

# The changes a subscriber can be told about: those readers can see.
DELIVERED_CHANGES = [
    Change.CLAIM_PUBLISHED,
    Change.CLAIM_CHANGED,
    Change.CLAIM_STATUS_CHANGED,
    Change.CLAIM_RETRACTED,
    Change.CLAIM_UNPUBLISHED,
    Change.CLAIM_DELETED,
    Change.CITATIONS_CHANGED,
    Change.EVENT_CHANGED,
    # Each public claim an import created or changed, one delivery each.
    Change.IMPORTED,
]


def new_secret() -> str:
    """A signing secret in the Standard Webhooks form: whsec_ and 24 random bytes, base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def validate_kinds(value) -> None:
    allowed = {str(kind) for kind in DELIVERED_CHANGES}
    if not isinstance(value, list) or not set(value) <= allowed:
        raise ValidationError(
            _("Choose kinds of change among: %(kinds)s.") % {"kinds": ", ".join(sorted(allowed))}
        )


class WebhookSubscription(models.Model):
    """Where to send signed notices of public changes, and which ones."""

    target_url = models.URLField(
        _("target URL"),
        max_length=500,
        help_text=_("Where deliveries are POSTed, e.g. https://newsroom.example/hooks/tracker"),
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    secret = models.CharField(_("secret"), max_length=100, default=new_secret, editable=False)
    events = models.ManyToManyField(
        Event,
        blank=True,
        related_name="+",
        help_text=_("Only these events (none: every event)."),
        verbose_name=_("events"),
    )
    actors = models.ManyToManyField(
        Actor,
        blank=True,
        related_name="+",
        help_text=_("Only claims naming these actors (none: every actor)."),
        verbose_name=_("actors"),
    )
    include_subunits = models.BooleanField(
        _("include sub-units"),
        default=True,
        help_text=_("Claims naming a sub-unit of a chosen actor count as naming the actor."),
    )
    countries = CountryField(
        _("countries"),
        multiple=True,
        blank=True,
        help_text=_("Only events in these countries (none: all)."),
    )
    kinds = models.JSONField(
        _("kinds of change"),
        default=list,
        blank=True,
        validators=[validate_kinds],
        help_text=_('Only these kinds of change (none: every kind), e.g. ["claim_retracted"].'),
    )
    active = models.BooleanField(_("active"), default=True)
    disabled_reason = models.CharField(_("why it was disabled"), max_length=300, blank=True)
    consecutive_failures = models.PositiveIntegerField(
        _("failed deliveries in a row"), default=0, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.description or self.target_url


class WebhookDelivery(models.Model):
    """One message to one subscription, and how its latest attempt went."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        DELIVERED = "delivered", _("delivered")
        RETRYING = "retrying", _("failed, will retry")
        FAILED = "failed", _("failed")
        REFUSED = "refused", _("refused (private or local address)")

    subscription = models.ForeignKey(
        WebhookSubscription,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("subscription"),
    )
    # The Standard Webhooks message id: the same on every attempt and replay, so the
    # receiver can tell a repeat from a new message.
    message_id = models.UUIDField(_("message id"), default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind of change"), max_length=32, choices=Change.choices)
    # The body exactly as signed and sent, so that a replay sends the same bytes.
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    response_code = models.PositiveSmallIntegerField(_("response code"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} → {self.subscription_id} ({self.get_status_display()})"

    @property
    def webhook_id(self) -> str:
        return f"msg_{self.message_id.hex}"
