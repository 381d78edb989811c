"""/api/v1/webhooks/: webhook subscriptions, for staff with the model's permissions
(reading them needs the view permission too: their targets are not public)."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from rest_framework import permissions, serializers, viewsets

from claims.api.fields import SlugLookupField
from claims.models import Actor, Event, WebhookSubscription
from claims.models.webhooks import DELIVERED_CHANGES


class StaffModelPermissions(permissions.DjangoModelPermissions):
    """Staff accounts with the model's permissions, for reading as for writing."""

    perms_map = permissions.DjangoModelPermissions.perms_map | {
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
    }

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_staff) and super().has_permission(
            request, view
        )


class WebhookSubscriptionSerializer(serializers.ModelSerializer):
    events = SlugLookupField(
        slug_field="slug", queryset=Event.objects.all(), many=True, required=False
    )
    actors = SlugLookupField(
        slug_field="slug", queryset=Actor.objects.all(), many=True, required=False
    )
    countries = serializers.ListField(
        child=serializers.CharField(max_length=2),
        required=False,
        help_text=_('Two-letter country codes, e.g. ["IQ", "SY"].'),
    )
    kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=[str(kind) for kind in DELIVERED_CHANGES]),
        required=False,
    )

    class Meta:
        model = WebhookSubscription
        fields = [
            "id",
            "target_url",
            "description",
            "events",
            "actors",
            "include_subunits",
            "countries",
            "kinds",
            "active",
            "disabled_reason",
            "created_at",
        ]
        read_only_fields = ["disabled_reason", "created_at"]

    def validate_countries(self, codes: list[str]) -> list[str]:
        unknown = [code for code in codes if code.upper() not in countries]
        if unknown:
            raise serializers.ValidationError(
                _("Not a country code: %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return [code.upper() for code in codes]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["countries"] = [country.code for country in instance.countries]
        return data


class WebhookSubscriptionViewSet(viewsets.ModelViewSet):
    serializer_class = WebhookSubscriptionSerializer
    permission_classes = [StaffModelPermissions]
    queryset = WebhookSubscription.objects.prefetch_related("events", "actors").order_by("pk")

    @transaction.atomic
    def perform_create(self, serializer) -> None:
        serializer.save(created_by=self.request.user)

    def create(self, request, *args, **kwargs):
        response = super().create(request, *args, **kwargs)
        # The signing secret, in this answer only: it is never shown again.
        response.data["secret"] = WebhookSubscription.objects.get(pk=response.data["id"]).secret
        return response
