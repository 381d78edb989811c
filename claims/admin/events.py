from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.forms import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims import policy, services
from claims.models import Claim, Event, EventRelation
from claims.models.claims import citations_with_sources

from .base import TrackerAdmin, TrackerInline
from .forms import PolicyCheckedClaimForm

# Marks a claim's page opened from its event's: it offers "Save and return to the event".
FROM_EVENT = "from_event"


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
    """The event's claims as a compact list that fits a laptop's screen: each claim is
    entered and changed on its own page (with its citations) or on the desk. A claim
    nobody has seen may still be deleted here."""

    model = Claim
    fields = [
        "claimant_label",
        "stance",
        "attributed_label",
        "role",
        "hedging",
        "stated_on",
        "publication",
        "status",
        "quote_excerpt",
        "open_link",
    ]
    readonly_fields = fields
    extra = 0
    verbose_name_plural = gettext_lazy("claims (open one to change it; add one above)")
    # The event too: each row is labelled with the claim, whose name includes it.
    select_related = ("event", "claimant_actor", "claimant_person", "attributed_actor")
    form = PolicyCheckedClaimForm
    formset = ClaimInlineFormSet

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(citations_with_sources())

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # The policy judges each row as this user's change.
        formset.form = type("ClaimRowForm", (formset.form,), {"acting_user": request.user})
        return type("ClaimRows", (formset,), {"acting_user": request.user})

    @admin.display(description=gettext_lazy("claimant"))
    def claimant_label(self, claim: Claim) -> str:
        return claim.claimant_label

    @admin.display(description=gettext_lazy("attributed to"))
    def attributed_label(self, claim: Claim) -> str:
        return claim.attributed_label

    @admin.display(description=gettext_lazy("quote"))
    def quote_excerpt(self, claim: Claim) -> str:
        citation = next(iter(claim.citations.all()), None)
        return Truncator(citation.quote).chars(90) if citation else "—"

    @admin.display(description="")
    def open_link(self, claim: Claim) -> str:
        if claim.pk is None:
            return ""
        url = reverse("admin:claims_claim_change", args=[claim.pk])
        return format_html('<a href="{}?{}=1">{}</a>', url, FROM_EVENT, _("Open"))


class EventRelationInline(TrackerInline):
    model = EventRelation
    fk_name = "from_event"
    fields = ["relation", "to_event"]
    autocomplete_fields = ["to_event"]
    select_related = ("from_event", "to_event")
    verbose_name = gettext_lazy("related event")
    verbose_name_plural = gettext_lazy("related events (this event is …)")


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
        (None, {"fields": ["title", "slug", "kind", "summary", "version", "add_claim"]}),
        ("When", {"fields": ["date", "date_precision", "end_date"]}),
        ("Where", {"fields": ["place", "country", "latitude", "longitude", "location_precision"]}),
    ]
    inlines = [EventRelationInline, ClaimInline]
    readonly_fields = ["add_claim"]

    @admin.display(description=gettext_lazy("add a claim"))
    def add_claim(self, event: Event) -> str:
        if event.pk is None:
            return _("Save the event first, then add its claims.")
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            f"{reverse('admin:claims_claim_add')}?event={event.pk}&{FROM_EVENT}=1",
            _("on the claim's page"),
            reverse("admin:claims_source_changelist"),
            _("from a source, on the desk (“Read and accept”)"),
        )

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
            # The counts group the rows, and a grouped query drops the model's ordering:
            # the autocomplete's pages need one.
            .order_by(*Event._meta.ordering)
        )

    @admin.display(description=gettext_lazy("claims"), ordering="claim_count")
    def claim_count(self, event: Event) -> int:
        return event.claim_count

    @admin.display(description=gettext_lazy("published"), ordering="published_count")
    def published_count(self, event: Event) -> int:
        return event.published_count
