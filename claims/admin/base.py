from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .forms import PreloadedAutocompleteSelect, PreloadedLabelsForm


class PreloadedAutocompleteMixin:
    """Autocomplete fields that reuse related objects loaded by select_related."""

    form = PreloadedLabelsForm

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = PreloadedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class TrackerAdmin(PreloadedAutocompleteMixin, SimpleHistoryAdmin):
    """Every tracker model keeps its history, viewable and revertible here."""

    list_per_page = 50
    show_full_result_count = False  # one COUNT(*) less on every changelist


class TrackerInline(PreloadedAutocompleteMixin, admin.TabularInline):
    extra = 1
    select_related: tuple[str, ...] = ()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.select_related)
