from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.db.models import BooleanField, Count, ExpressionWrapper, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims.models import Citation, Source
from claims.models.sources import not_shown
from claims.normalize import normalize_url
from claims.suggestions import suggestions_for_source

from .base import TrackerAdmin, only_reading
from .capturing import capture_job_view, capture_view, suggestions_view
from .desk import accept_view, read_view, reject_view, responds_view, undo_view


@admin.register(Source)
class SourceAdmin(TrackerAdmin):
    list_display = ["__str__", "kind", "outlet", "published_on", "citation_count", "desk_link"]
    list_filter = ["kind", "language"]
    list_select_related = ["republishes"]
    search_fields = ["title", "outlet", "author", "url"]
    autocomplete_fields = ["republishes"]
    date_hierarchy = "published_on"
    fieldsets = [
        (None, {"fields": ["title", "outlet", "author", "published_on", "kind", "language"]}),
        (gettext_lazy("Where to find it"), {"fields": ["url", "archive_url", "republishes"]}),
        (gettext_lazy("Capture"), {"fields": ["capture_details"]}),
        (gettext_lazy("Captured text"), {"fields": ["full_text"], "classes": ["collapse"]}),
    ]
    readonly_fields = ["capture_details"]

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(lambda request, **kw: function(self, request, **kw))

        return [
            path("capture/", view(capture_view), name="claims_source_capture"),
            path("capture/<int:job_id>/", view(capture_job_view), name="claims_source_capture_job"),
            path("<path:object_id>/capture/", view(capture_view), name="claims_source_recapture"),
            path(
                "<path:object_id>/suggestions/",
                view(suggestions_view),
                name="claims_source_suggestions",
            ),
            path("<path:object_id>/read/", view(read_view), name="claims_source_read"),
            path(
                "<path:object_id>/read/accept/", view(accept_view), name="claims_source_desk_accept"
            ),
            path(
                "<path:object_id>/read/reject/", view(reject_view), name="claims_source_desk_reject"
            ),
            path("<path:object_id>/read/undo/", view(undo_view), name="claims_source_desk_undo"),
            path(
                "<path:object_id>/read/responds-to/",
                view(responds_view),
                name="claims_source_desk_responds",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=gettext_lazy("desk"))
    def desk_link(self, source: Source) -> str:
        if not source.has_text:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:claims_source_read", args=[source.pk]),
            _("Read and accept"),
        )

    @admin.display(description=gettext_lazy("capture"))
    def capture_details(self, source: Source) -> str:
        if source.pk is None:
            return _("Use “Capture a source” on the sources list to fill this from a document.")
        recapture = reverse("admin:claims_source_recapture", args=[source.pk])
        captured = (
            _("Captured %(when)s, SHA-256 %(sha)s")
            % {
                "when": source.captured_at.strftime("%Y-%m-%d %H:%M UTC"),
                "sha": source.capture_sha256,
            }
            if source.captured_at
            else _("Not captured from a document")
        )
        if not source.full_text:
            return format_html('{} · <a href="{}">{}</a>', captured, recapture, _("Capture it"))
        count = len(suggestions_for_source(source))
        return format_html(
            '{} · <a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>',
            captured,
            reverse("admin:claims_source_read", args=[source.pk]),
            _("Read and accept on the desk"),
            reverse("admin:claims_source_suggestions", args=[source.pk]),
            _("%(count)s suggested claims") % {"count": count},
            recapture,
            _("Capture again"),
        )

    def get_queryset(self, request):
        # The list's "desk" column needs to know whether a text was captured, not the text.
        sources = super().get_queryset(request)
        if only_reading(request):
            sources = sources.shown().defer(*not_shown("republishes"))
        return sources.annotate(
            # A subquery, not a join and a GROUP BY, which SQLite groups by every
            # column, the captured texts included.
            citation_count=Coalesce(
                Subquery(
                    Citation.objects.filter(source=OuterRef("pk"))
                    .order_by()
                    .values("source")
                    .annotate(count=Count("pk"))
                    .values("count")
                ),
                0,
            ),
            has_text=ExpressionWrapper(~Q(full_text=""), output_field=BooleanField()),
        )

    def add_view(self, request, form_url="", extra_context=None):
        """A source already recorded under this URL (even spelled differently) is reused."""
        key = normalize_url(request.POST.get("url", "")) if request.method == "POST" else ""
        existing = Source.objects.filter(url_normalized=key).first() if key else None
        if existing is None:
            return super().add_view(request, form_url, extra_context)
        self.message_user(
            request,
            _("This source is already recorded as “%(source)s”: here it is.")
            % {"source": existing},
            messages.INFO,
        )
        if IS_POPUP_VAR in request.POST:
            return self.response_add(request, existing)  # selects it in the claim's form
        return redirect(reverse("admin:claims_source_change", args=[existing.pk]))

    @admin.display(description=gettext_lazy("citations"), ordering="citation_count")
    def citation_count(self, source: Source) -> int:
        return source.citation_count
