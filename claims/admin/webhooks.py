"""Webhook subscriptions and their deliveries: operators' settings, not editorial
records (claims/webhooks.py sends them)."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from claims import webhooks
from claims.models import WebhookDelivery, WebhookSubscription
from claims.models.webhooks import DELIVERED_CHANGES


class WebhookSubscriptionForm(forms.ModelForm):
    kinds = forms.MultipleChoiceField(
        label=gettext_lazy("Kinds of change"),
        choices=[(str(kind), kind.label) for kind in DELIVERED_CHANGES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("None ticked: every kind."),
    )

    class Meta:
        model = WebhookSubscription
        fields = [
            "target_url",
            "description",
            "active",
            "kinds",
            "events",
            "actors",
            "include_subunits",
            "countries",
        ]


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    form = WebhookSubscriptionForm
    list_display = ["__str__", "target_url", "active", "disabled_reason", "delivery_count"]
    list_filter = ["active"]
    autocomplete_fields = ["events", "actors"]
    readonly_fields = ["disabled_reason", "consecutive_failures"]

    def get_queryset(self, request):
        # The deliveries column counted in the list's one query.
        return super().get_queryset(request).annotate(delivery_count=Count("deliveries"))

    @admin.display(description=gettext_lazy("deliveries"), ordering="delivery_count")
    def delivery_count(self, subscription) -> int:
        return subscription.delivery_count

    def save_model(self, request, obj, form, change):
        if change and obj.active and "active" in form.changed_data:
            # Turned back on by hand: its failures are forgiven.
            obj.consecutive_failures = 0
            obj.disabled_reason = ""
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if not change:
            messages.warning(
                request,
                _(
                    "The signing secret of this subscription is %(secret)s. Copy it now: it "
                    "is not shown again."
                )
                % {"secret": obj.secret},
            )


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "kind",
        "subscription",
        "status",
        "attempts",
        "response_code",
        "duration_ms",
        "error",
    ]
    list_filter = ["status", "kind"]
    list_select_related = ["subscription"]
    readonly_fields = [
        "subscription",
        "message_id",
        "kind",
        "body",
        "status",
        "attempts",
        "response_code",
        "duration_ms",
        "error",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
    ]
    actions = ["replay"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description=gettext_lazy("Send the selected deliveries again"))
    def replay(self, request, queryset):
        count = webhooks.replay(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d delivery will be sent again.",
                "%(count)d deliveries will be sent again.",
                count,
            )
            % {"count": count},
        )
