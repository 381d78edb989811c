from django.contrib import admin
from django.db.models import Count

from claims.models import Source

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

    @admin.display(description="citations", ordering="citation_count")
    def citation_count(self, source: Source) -> int:
        return source.citation_count
