from functools import partial

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import lazy
from django.utils.text import Truncator
from django.utils.translation import gettext, gettext_lazy, ngettext

from claims import policy, services
from claims.models import Citation, Claim
from claims.models.sources import not_shown
from claims.quotes import QuoteCheck

from .base import TrackerAdmin, TrackerStackedInline, is_revert, refusal_text
from .events import FROM_EVENT
from .forms import PolicyCheckedClaimForm
from .importing import import_job_view, import_view

CLAIM_SEARCH_FIELDS = [
    "citations__quote",
    "event__title",
    "claimant_description",
    "attributed_description",
    "claimant_actor__aliases__normalized",
    "claimant_person__aliases__normalized",
    "attributed_actor__aliases__normalized",
]


def citation_changes(formset) -> services.CitationChanges:
    """What a claim page's citations inline asks of the claim's citations."""
    saved = formset.save(commit=False)
    return services.CitationChanges(save=saved, delete=list(formset.deleted_objects))


class CitationInlineFormSet(BaseInlineFormSet):
    """A published claim needs a citation, and quotes found in their sources (or a reason)."""

    def clean(self) -> None:
        super().clean()
        kept_forms = [
            form
            for form in self.forms
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
        ]
        try:
            # Before the quote checks below: each costs a search of its source's text.
            Claim.check_citation_count(len(kept_forms))
        except ValidationError as error:
            raise ValidationError(error.messages) from error
        if self.instance.publication != Claim.Publication.PUBLISHED:
            return
        kept = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("quote") and data.get("source") and not data.get("DELETE"):
                citation = Citation(source=data["source"], quote=data["quote"])
                citation.check_quote()
                kept.append(citation)
        if not kept:
            raise ValidationError(
                gettext(
                    "A published claim needs at least one citation: add the source and its quote."
                )
            )
        problems = self.instance.publication_problems(kept)
        if problems:
            raise ValidationError(
                gettext("This claim cannot be published: %(problem)s.") % {"problem": problems[0]}
            )


class CitationInline(TrackerStackedInline):
    model = Citation
    formset = CitationInlineFormSet
    fields = ["source", "quote", "quote_check_summary", "locator", "language", "translation"]
    readonly_fields = ["quote_check_summary"]

    def get_max_num(self, request, obj=None, **kwargs) -> int:
        # The page offers no more rows than a claim may have (the formset checks the count).
        return settings.CLAIM_MAX_CITATIONS

    @admin.display(description=gettext_lazy("quote check"))
    def quote_check_summary(self, citation: Citation) -> str:
        """The saved quote checked against its source, with the closest passage."""
        if citation.pk is None:
            return gettext("checked when saved")
        summary = citation.get_quote_check_display()
        if citation.quote_check in {QuoteCheck.PARTIAL, QuoteCheck.NOT_FOUND}:
            passage = Truncator(citation.quote_passage).chars(200)
            summary += gettext(" (similarity %(similarity)s%%): closest passage “%(passage)s”") % {
                "similarity": f"{citation.quote_similarity:.0f}",
                "passage": passage,
            }
        return summary

    autocomplete_fields = ["source"]
    select_related = ("claim__event", "source")
    min_num = 1

    def get_queryset(self, request):
        # Each citation's source by its name, not its captured page: the page writes
        # citations, never their sources.
        return super().get_queryset(request).defer(*not_shown("source"))


class ClaimPageForm(PolicyCheckedClaimForm):
    """ "Responds to" offers the claims of the claim's own event only (a claim answers
    another about the same event), the event as posted, stored or asked for (?event=)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "responds_to" not in self.fields:
            return
        event_id = self.data.get("event") or self.instance.event_id or self.initial.get("event")
        if not str(event_id or "").isdigit():
            event_id = None
        claims = Claim.objects.filter(event_id=event_id).with_related() if event_id else None
        field = self.fields["responds_to"]
        field.queryset = (claims or Claim.objects.none()).exclude(pk=self.instance.pk)
        if event_id is None:
            field.help_text = gettext(
                "Choose the event and save: then its claims are offered here."
            )


def _status_action(status: Claim.Status):
    def action(modeladmin, request, queryset):
        try:
            changed = services.set_claim_status(queryset, status, by=request.user)
        except policy.Refused as refused:
            modeladmin.message_user(request, refusal_text(refused), messages.ERROR)
            return
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d claim marked %(status)s.", "%(count)d claims marked %(status)s.", changed
            )
            % {"count": changed, "status": status.label},
        )

    action.__name__ = f"mark_{status.value}"
    description = lazy(_mark_description, str)(status)
    return admin.action(description=description, permissions=["verify"])(action)


def _mark_description(status: Claim.Status) -> str:
    return gettext("Mark selected claims %(status)s") % {"status": status.label}


@admin.register(Claim)
class ClaimAdmin(TrackerAdmin):
    restore_with = (("claims.Citation", "claim_id"),)
    # What an editor looks for first, left to right; narrow enough for a laptop.
    list_display = [
        "event",
        "claimant",
        "stance",
        "attributed_actor",
        "role",
        "publication",
        "status",
        "hedging",
        "stated_on",
        "id",
    ]
    list_display_links = ["id", "claimant"]
    list_filter = [
        "stance",
        "role",
        "hedging",
        "status",
        "publication",
        "event__kind",
        "event__country",
    ]
    list_select_related = ["event", "claimant_actor", "claimant_person", "attributed_actor"]
    search_fields = CLAIM_SEARCH_FIELDS
    autocomplete_fields = [
        "event",
        "claimant_actor",
        "claimant_person",
        "attributed_actor",
        "attributed_actor_hint",
    ]
    date_hierarchy = "stated_on"
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by"]
    fieldsets = [
        (None, {"fields": ["event", "version"]}),
        (
            gettext_lazy("Who says it"),
            {
                "fields": [
                    "claimant_actor",
                    "claimant_person",
                    "speaker_title",
                    "claimant_description",
                    "channel",
                ]
            },
        ),
        (
            gettext_lazy("What they say"),
            {
                "fields": [
                    "stance",
                    "attributed_actor",
                    "attributed_description",
                    "attributed_actor_hint",
                    "role",
                    "hedging",
                    "stated_on",
                    "stated_on_precision",
                    "responds_to",
                ]
            },
        ),
        (
            "Editorial",
            {
                "fields": [
                    "status",
                    "retraction_reason",
                    "publication",
                    "quote_check_override",
                    "notes",
                ]
            },
        ),
        ("Record", {"fields": readonly_fields, "classes": ["collapse"]}),
    ]
    inlines = [CitationInline]
    form = ClaimPageForm
    # Retracting needs a reason written on the claim's page, so it is no bulk action.
    actions = [
        "publish",
        "unpublish",
        *(_status_action(status) for status in Claim.Status if status != Claim.Status.RETRACTED),
    ]

    def get_urls(self):
        import_url = path(
            "import/",
            self.admin_site.admin_view(partial(import_view, self)),
            name="claims_claim_import",
        )
        job_url = path(
            "import/<int:pk>/",
            self.admin_site.admin_view(partial(import_job_view, self)),
            name="claims_claim_import_job",
        )
        return [import_url, job_url, *super().get_urls()]

    def get_queryset(self, request):
        # The autocomplete for "responds to" labels claims with these relations.
        return super().get_queryset(request).with_related()

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["from_event"] = FROM_EVENT in request.GET or "_return_event" in request.POST
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _back_to_event(self, request, obj, response):
        if "_return_event" in request.POST and obj.event_id:
            return redirect(reverse("admin:claims_event_change", args=[obj.event_id]))
        return response

    def response_add(self, request, obj, post_url_continue=None):
        return self._back_to_event(
            request, obj, super().response_add(request, obj, post_url_continue)
        )

    def response_change(self, request, obj):
        return self._back_to_event(request, obj, super().response_change(request, obj))

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields.append("publication")
        if not self.has_verify_permission(request):
            fields += ["status", "retraction_reason"]
        return fields

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm("claims.publish_claim")

    def has_verify_permission(self, request) -> bool:
        return request.user.has_perm("claims.verify_claim")

    def save_model(self, request, obj, form, change):
        if is_revert(request):
            services.revert(obj, by=request.user, reason=self.revert_reason(request))
        # Otherwise written with its citations, in one call, by save_related.

    def save_related(self, request, form, formsets, change):
        citations = next((f for f in formsets if f.model is Citation), None)
        changes = citation_changes(citations) if citations is not None else None
        services.save_claim(form.instance, by=request.user, citations=changes)

    def delete_model(self, request, obj):
        services.delete_claim(obj, by=request.user)

    def delete_queryset(self, request, queryset):
        services.delete_claims(queryset, by=request.user)

    @admin.display(description=gettext_lazy("claimant"), ordering="claimant_actor__name")
    def claimant(self, claim: Claim) -> str:
        return Truncator(claim.claimant_label).chars(60)

    @admin.action(description=gettext_lazy("Publish selected claims"), permissions=["publish"])
    def publish(self, request, queryset):
        try:
            changed = services.publish_claims(queryset, by=request.user)
        except policy.Refused as refused:
            self.message_user(request, refusal_text(refused), messages.ERROR)
            return
        except services.PublishError as error:
            refused = ", ".join(f"#{claim.pk} ({why})" for claim, why in error.problems.items())
            self.message_user(
                request,
                gettext("Nothing was published. Refused: %(refused)s.") % {"refused": refused},
                messages.ERROR,
            )
            return
        self.message_user(
            request,
            ngettext("%(count)d claim published.", "%(count)d claims published.", changed)
            % {"count": changed},
        )

    @admin.action(description=gettext_lazy("Unpublish selected claims"), permissions=["publish"])
    def unpublish(self, request, queryset):
        try:
            changed = services.unpublish_claims(queryset, by=request.user)
        except policy.Refused as refused:
            self.message_user(request, refusal_text(refused), messages.ERROR)
            return
        self.message_user(
            request,
            ngettext(
                "%(count)d claim returned to draft.", "%(count)d claims returned to draft.", changed
            )
            % {"count": changed},
        )


@admin.register(Citation)
class CitationAdmin(TrackerAdmin):
    """Citations are edited on their claim's page; listed here to search quotes and see history."""

    list_display = ["__str__", "claim", "source", "quote_check", "locator", "language"]
    list_select_related = [
        "claim__event",
        "claim__claimant_actor",
        "claim__claimant_person",
        "claim__attributed_actor",
        "source",
    ]
    search_fields = ["quote", "translation", "source__title", "source__outlet"]

    list_filter = ["quote_check", "language", "source__kind"]
    autocomplete_fields = ["claim", "source"]
    fields = ["claim", "source", "quote", "locator", "language", "translation"]

    def get_queryset(self, request):
        # Each citation's source by its name (list_select_related), not its captured
        # page: these pages write citations, never their sources.
        return super().get_queryset(request).defer(*not_shown("source"))

    def save_model(self, request, obj, form, change):
        services.save_citation(obj, by=request.user)

    def delete_model(self, request, obj):
        services.delete_citations([obj], by=request.user)

    def delete_queryset(self, request, queryset):
        services.delete_citations(queryset, by=request.user)

    def has_delete_permission(self, request, obj=None) -> bool:
        # A citation is part of its claim: deleting one is editing the claim (the
        # services keep a published claim's last citation).
        return self.has_change_permission(request, obj)
