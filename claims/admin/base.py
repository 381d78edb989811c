import datetime

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
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


class RestoreDeletedMixin:
    """A "Deleted" page per model: records deleted since, restored from their history.

    `restore_with` names the rows deleted along with a record (its citations, its
    aliases) as (model, foreign key) pairs; they come back with it.
    """

    restore_with: tuple[tuple[str, str], ...] = ()

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_deleted"
        view = self.admin_site.admin_view(self.deleted_view)
        return [path("deleted/", view, name=name), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        name = f"admin:{self.opts.app_label}_{self.opts.model_name}_deleted"
        extra_context = {**(extra_context or {}), "deleted_url": reverse(name)}
        return super().changelist_view(request, extra_context)

    def deleted_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        history = self.model.history.model
        deleted = (
            history.objects.filter(history_type="-")
            .exclude(id__in=self.model._base_manager.values("pk"))
            .select_related("history_user")
            .order_by("-history_date")
        )
        if request.method == "POST":
            chosen = deleted.filter(history_id__in=request.POST.getlist("restore"))
            restored = [self._restore(record) for record in chosen]
            if restored:
                names = ", ".join(str(obj) for obj in restored)
                self.message_user(request, f"Restored {names}.", messages.SUCCESS)
            return HttpResponseRedirect(request.get_full_path())
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Deleted {self.opts.verbose_name_plural}",
            "records": deleted[:200],
        }
        return TemplateResponse(request, "admin/claims/deleted.html", context)

    @transaction.atomic
    def _restore(self, record):
        obj = record.instance
        obj._change_reason = "Restored from history"
        obj.save(force_insert=True)
        window = (record.history_date - RESTORE_WINDOW, record.history_date + RESTORE_WINDOW)
        for label, foreign_key in self.restore_with:
            model = apps.get_model(label)
            parts = model.history.model.objects.filter(
                history_type="-", history_date__range=window, **{foreign_key: obj.pk}
            ).exclude(id__in=model._base_manager.values("pk"))
            for part in parts:
                restored = part.instance
                restored._change_reason = "Restored from history"
                try:
                    with transaction.atomic():
                        restored.save(force_insert=True)
                except IntegrityError:
                    pass  # already back: the record's own name alias is recreated with it
        return obj


# Rows deleted with a record (by cascade) are stamped within moments of it.
RESTORE_WINDOW = datetime.timedelta(seconds=5)


class TrackerAdmin(RestoreDeletedMixin, PreloadedAutocompleteMixin, SimpleHistoryAdmin):
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
