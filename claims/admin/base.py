from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from simple_history.admin import SimpleHistoryAdmin

from claims.models import StaleVersion, Versioned

from .forms import PreloadedAutocompleteSelect, PreloadedLabelsForm


class PreloadedAutocompleteMixin:
    """Autocomplete fields that reuse related objects loaded by select_related; the
    version a form was opened at travels with it, hidden, for the optimistic lock."""

    form = PreloadedLabelsForm

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "version":
            kwargs["widget"] = forms.HiddenInput
        return super().formfield_for_dbfield(db_field, request, **kwargs)

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

    def get_form(self, request, obj=None, **kwargs):
        url_name = request.resolver_match.url_name if request.resolver_match else ""
        if isinstance(obj, Versioned) and url_name.endswith("_simple_history"):
            # Reverting: the old version's values, saved over the current version.
            obj.version = obj.current_version() or obj.version
        return super().get_form(request, obj, **kwargs)

    def changeform_view(self, request, *args, **kwargs):
        # The form checks the version first; this catches a save that lost the race
        # between that check and its own UPDATE.
        try:
            return super().changeform_view(request, *args, **kwargs)
        except StaleVersion as stale:
            self.message_user(request, str(stale), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


class TrackerInline(PreloadedAutocompleteMixin, admin.TabularInline):
    extra = 1
    select_related: tuple[str, ...] = ()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.select_related)
