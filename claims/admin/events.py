from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.forms import BaseInlineFormSet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims import policy, services
from claims.models import Claim, Event, EventRelation

from .base import TrackerAdmin, TrackerInline
from .forms import PolicyCheckedClaimForm


class ClaimInlineFormSet(BaseInlineFormSet):
    """A claim readers have seen is retracted or unpublished, not deleted (`claims.policy`):
    said above the rows before anything is saved."""

    acting_user = None  # set by ClaimInline for each request

    def clean(self) -> None:
        super().clean()
        # An error on a row marked for deletion would not count (a formset ignores the
        # errors of the rows it deletes): the formset's own error stops the save.
        kept = [
            form.instance
            for form in self.deleted_forms
            if form.instance.pk
            and not policy.may_delete(
                self.acting_user, seen_by_readers=services.seen_by_readers(form.instance)
            )
        ]
        if kept:
            raise ValidationError(
                [
                    _(
                        "Readers have seen “%(claim)s”: retract or unpublish it instead of "
                        "deleting it."
                    )
                    % {"claim": claim}
                    for claim in kept
                ]
            )


class ClaimInline(TrackerInline):
    """Quick entry of an event's claims; citations are added on each claim's own page."""

    model = Claim
    fields = [
        "stance",
        "claimant_actor",
        "claimant_person",
        "claimant_description",
        "attributed_actor",
        "attributed_description",
        "attributed_actor_hint",
        "role",
        "hedging",
        "stated_on",
        "status",
        "publication",
        "version",
    ]
    readonly_fields = ["status", "publication"]
    autocomplete_fields = [
        "claimant_actor",
        "claimant_person",
        "attributed_actor",
        "attributed_actor_hint",
    ]
    # The event too: each row is labelled with the claim, whose name includes it.
    select_related = (
        "event",
        "claimant_actor",
        "claimant_person",
        "attributed_actor",
        "attributed_actor_hint",
    )
    show_change_link = True
    form = PolicyCheckedClaimForm
    formset = ClaimInlineFormSet

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # The policy judges each row as this user's change.
        formset.form = type("ClaimRowForm", (formset.form,), {"acting_user": request.user})
        return type("ClaimRows", (formset,), {"acting_user": request.user})


class EventRelationInline(TrackerInline):
    model = EventRelation
    fk_name = "from_event"
    fields = ["relation", "to_event"]
    autocomplete_fields = ["to_event"]
    select_related = ("from_event", "to_event")
    verbose_name = "related event"
    verbose_name_plural = "related events (this event is …)"


@admin.register(Event)
class EventAdmin(TrackerAdmin):
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

    def save_formset(self, request, form, formset, change):
        if formset.model is not Claim:
            return super().save_formset(request, form, formset, change)
        for claim in formset.save(commit=False):
            services.save_claim(claim, by=request.user)
        services.delete_claims(formset.deleted_objects, by=request.user)
        return None

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

    @admin.display(description=gettext_lazy("claims"), ordering="claim_count")
    def claim_count(self, event: Event) -> int:
        return event.claim_count

    @admin.display(description=gettext_lazy("published"), ordering="published_count")
    def published_count(self, event: Event) -> int:
        return event.published_count
