from django.contrib import admin
from django.db.models import Count, Q

from claims.models import Claim, Event, EventRelation

from .base import TrackerAdmin, TrackerInline
from .claims import StampsClaimEditorsMixin


class ClaimInline(TrackerInline):
    """Quick entry of an event's claims; citations are added on each claim's own page."""

    model = Claim
    fields = [
        "stance",
        "claimant_actor",
        "claimant_person",
        "claimant_description",
        "attributed_actor",
        "role",
        "hedging",
        "stated_on",
        "status",
        "publication",
        "version",
    ]
    readonly_fields = ["status", "publication"]
    autocomplete_fields = ["claimant_actor", "claimant_person", "attributed_actor"]
    # The event too: each row is labelled with the claim, whose name includes it.
    select_related = ("event", "claimant_actor", "claimant_person", "attributed_actor")
    show_change_link = True


class EventRelationInline(TrackerInline):
    model = EventRelation
    fk_name = "from_event"
    fields = ["relation", "to_event"]
    autocomplete_fields = ["to_event"]
    select_related = ("from_event", "to_event")
    verbose_name = "related event"
    verbose_name_plural = "related events (this event is …)"


@admin.register(Event)
class EventAdmin(StampsClaimEditorsMixin, TrackerAdmin):
    restore_with = (("claims.EventRelation", "from_event_id"),)
    list_display = [
        "title",
        "date",
        "date_precision",
        "kind",
        "country",
        "place",
        "attribution_state",
        "claim_count",
        "published_count",
    ]
    list_filter = ["attribution_state", "kind", "country", "date_precision"]
    search_fields = ["title", "summary", "place", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "date"
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "summary", "version"]}),
        ("When", {"fields": ["date", "date_precision", "end_date"]}),
        ("Where", {"fields": ["place", "country", "latitude", "longitude", "location_precision"]}),
    ]
    inlines = [EventRelationInline, ClaimInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                claim_count=Count("claims"),
                published_count=Count(
                    "claims", filter=Q(claims__publication=Claim.Publication.PUBLISHED)
                ),
            )
        )

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, event: Event) -> int:
        return event.claim_count

    @admin.display(description="published", ordering="published_count")
    def published_count(self, event: Event) -> int:
        return event.published_count
