from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from simple_history.admin import SimpleHistoryAdmin

from claims import policy, services
from claims.models import Source, StaleVersion, Versioned

from .forms import PreloadedAutocompleteSelect, VersionLockedForm


def only_reading(request) -> bool:
    """Whether the request only shows what it reads: a source read for showing need not
    carry its captured page (SourceQuerySet.shown), a source read to be saved or
    deleted does, for its history."""
    return request.method in ("GET", "HEAD")


class PreloadedAutocompleteMixin:
    """Autocomplete fields that reuse related objects loaded by select_related."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = PreloadedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        if db_field.related_model is Source and "queryset" not in kwargs:
            # The chosen source's name, not its captured page.
            kwargs["queryset"] = Source.objects.shown()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class VersionLockMixin:
    """The version a form was opened at travels with it, hidden, for the optimistic lock
    (see VersionLockedForm)."""

    form = VersionLockedForm

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "version":
            kwargs["widget"] = forms.HiddenInput
        return super().formfield_for_dbfield(db_field, request, **kwargs)


def is_revert(request) -> bool:
    """The history page's "Revert" form (django-simple-history's history_form_view)."""
    return hasattr(request, "reverting_to")


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
            restored = []
            for record in chosen:
                try:
                    restored.append(
                        services.restore_deleted(
                            record, by=request.user, restore_with=self.restore_with
                        )
                    )
                except (policy.Refused, ValidationError) as refused:
                    self.message_user(
                        request, f"{record.instance}: {refusal_text(refused)}", messages.ERROR
                    )
            if restored:
                names = ", ".join(str(obj) for obj in restored)
                self.message_user(
                    request, gettext("Restored %(names)s.") % {"names": names}, messages.SUCCESS
                )
            return HttpResponseRedirect(request.get_full_path())
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Deleted %(records)s") % {"records": self.opts.verbose_name_plural},
            "records": deleted[:200],
        }
        return TemplateResponse(request, "admin/claims/deleted.html", context)


def refusal_text(error: Exception) -> str:
    """A refused write in one line: each field's message."""
    if isinstance(error, policy.Refused):
        return " ".join(error.problems.values())
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


class TrackerAdmin(
    RestoreDeletedMixin, VersionLockMixin, PreloadedAutocompleteMixin, SimpleHistoryAdmin
):
    """Every tracker model keeps its history, viewable and revertible here; every save
    and delete goes through the services."""

    list_per_page = 50
    show_full_result_count = False  # one COUNT(*) less on every changelist

    class Media:
        # After Django's URLify, which it shortens (prepopulated slugs).
        js = ["admin/js/urlify.js", "claims/admin/short-slug.js"]

    def get_form(self, request, obj=None, **kwargs):
        url_name = request.resolver_match.url_name if request.resolver_match else ""
        if isinstance(obj, Versioned) and url_name.endswith("_simple_history"):
            # Reverting: the old version's values, saved over the current version.
            obj.version = obj.current_version() or obj.version
        form = super().get_form(request, obj, **kwargs)
        if hasattr(form, "acting_user"):
            form = type(form.__name__, (form,), {"acting_user": request.user})
        return form

    def changeform_view(self, request, *args, **kwargs):
        # The form checks the version and the policy first; this catches a save that
        # lost the race between those checks and its own write.
        try:
            return super().changeform_view(request, *args, **kwargs)
        except (StaleVersion, policy.Refused, ValidationError) as refused:
            self.message_user(request, refusal_text(refused), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request.reverting_to = version_id  # for revert_reason
        try:
            return super().history_form_view(request, object_id, version_id, extra_context)
        except (StaleVersion, policy.Refused, ValidationError) as refused:
            self.message_user(request, refusal_text(refused), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def delete_view(self, request, object_id, extra_context=None):
        # A deletion the services refuse (a published claim's last citation): said, not
        # a server error; the view's transaction has rolled back.
        try:
            return super().delete_view(request, object_id, extra_context)
        except (policy.Refused, ValidationError) as refused:
            self.message_user(request, refusal_text(refused), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def response_action(self, request, queryset):
        # The same for a list action (the bulk delete): it runs in one transaction, so a
        # refusal of one record leaves all of them as they were.
        try:
            with transaction.atomic():
                return super().response_action(request, queryset)
        except (policy.Refused, ValidationError) as refused:
            self.message_user(request, refusal_text(refused), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        if is_revert(request):
            services.revert(obj, by=request.user, reason=self.revert_reason(request))
        else:
            services.save_record(obj, by=request.user)

    def revert_reason(self, request) -> str:
        return services.revert_reason(self.model.history.get(history_id=request.reverting_to))

    def delete_model(self, request, obj):
        services.delete_record(obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.delete_record(obj, by=request.user)

    def has_delete_permission(self, request, obj=None) -> bool:
        """Drafts may be deleted; what readers have seen needs the Admin's right."""
        if not super().has_delete_permission(request, obj):
            return False
        if obj is None:
            return True
        return policy.may_delete(request.user, seen_by_readers=services.seen_by_readers(obj))

    def get_actions(self, request):
        actions = super().get_actions(request)
        # The bulk delete cannot tell drafts from what readers have seen: only for those
        # who may delete both.
        if not request.user.has_perm(policy.DELETE_PUBLIC):
            actions.pop("delete_selected", None)
        return actions


class TrackerInline(PreloadedAutocompleteMixin, VersionLockMixin, admin.TabularInline):
    extra = 1
    select_related: tuple[str, ...] = ()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.select_related)


class TrackerStackedInline(TrackerInline):
    """Rows of many or long fields, one under the other, so that the page fits a laptop."""

    template = admin.StackedInline.template
