from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import reverse

from claims.models import Source
from claims.normalize import normalize_url

from .base import TrackerAdmin


@admin.register(Source)
class SourceAdmin(TrackerAdmin):
    list_display = ["__str__", "kind", "outlet", "published_on", "citation_count"]
    list_filter = ["kind", "language"]
    list_select_related = ["republishes"]
    search_fields = ["title", "outlet", "author", "url"]
    autocomplete_fields = ["republishes"]
    date_hierarchy = "published_on"
    fieldsets = [
        (None, {"fields": ["title", "outlet", "author", "published_on", "kind", "language"]}),
        ("Where to find it", {"fields": ["url", "archive_url", "republishes"]}),
        ("Captured text", {"fields": ["full_text"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(citation_count=Count("citations"))

    def add_view(self, request, form_url="", extra_context=None):
        """A source already recorded under this URL (even spelled differently) is reused."""
        key = normalize_url(request.POST.get("url", "")) if request.method == "POST" else ""
        existing = Source.objects.filter(url_normalized=key).first() if key else None
        if existing is None:
            return super().add_view(request, form_url, extra_context)
        self.message_user(
            request, f"This source is already recorded as “{existing}”: here it is.", messages.INFO
        )
        if IS_POPUP_VAR in request.POST:
            return self.response_add(request, existing)  # selects it in the claim's form
        return redirect(reverse("admin:claims_source_change", args=[existing.pk]))

    @admin.display(description="citations", ordering="citation_count")
    def citation_count(self, source: Source) -> int:
        return source.citation_count
