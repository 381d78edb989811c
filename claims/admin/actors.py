from django.contrib import admin, messages
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils.translation import gettext, gettext_lazy

from claims import policy, services
from claims.duplicates import DuplicateFinder
from claims.models import Actor, ActorAlias, Affiliation, Merge, Person, PersonAlias
from claims.normalize import normalize_name

from .base import TrackerAdmin, TrackerInline
from .forms import AliasInlineFormSet


class ActorAliasInline(TrackerInline):
    model = ActorAlias
    formset = AliasInlineFormSet
    fields = ["name"]
    verbose_name = gettext_lazy("name or alias")
    verbose_name_plural = gettext_lazy(
        "names and aliases (the name itself is kept here automatically)"
    )


class PersonAliasInline(ActorAliasInline):
    model = PersonAlias


class AffiliationInline(TrackerInline):
    model = Affiliation
    fields = ["actor", "title", "start", "end"]
    autocomplete_fields = ["actor"]
    select_related = ("person", "actor")


class MergeActionMixin:
    """The “merge” bulk action: pick the survivor on a confirmation page."""

    merge_permission = ""  # e.g. "claims.merge_actor"

    def has_merge_permission(self, request) -> bool:
        return request.user.has_perm(self.merge_permission)

    @admin.action(
        description=gettext_lazy("Merge selected (choose which one to keep)…"),
        permissions=["merge"],
    )
    def merge(self, request, queryset):
        chosen = list(queryset.prefetch_related("aliases"))
        if len(chosen) < 2:
            self.message_user(request, gettext("Select at least two to merge."), messages.WARNING)
            return None
        if request.POST.get("confirm") != "yes":
            return TemplateResponse(
                request,
                "admin/claims/merge.html",
                {
                    **self.admin_site.each_context(request),
                    "opts": self.model._meta,
                    "queryset": chosen,
                    "title": gettext("Merge %(records)s")
                    % {"records": self.model._meta.verbose_name_plural},
                },
            )
        survivor = next((o for o in chosen if str(o.pk) == request.POST.get("survivor")), None)
        if survivor is None:
            self.message_user(request, gettext("Choose which one to keep."), messages.ERROR)
            return None
        try:
            for loser in chosen:
                if loser.pk != survivor.pk:
                    services.merge(survivor, loser, by=request.user)
        except (ValueError, policy.Refused) as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return None
        self.message_user(
            request,
            gettext("Merged %(count)d into %(survivor)s.")
            % {"count": len(chosen) - 1, "survivor": survivor},
        )
        return None

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            finder = DuplicateFinder(self.model, exclude_pk=obj.pk)
            for duplicate in finder.probable_duplicates(obj.name):
                self.message_user(
                    request,
                    gettext(
                        "Probable duplicate: %(duplicate)s. If they are the same, select both "
                        "in the list and merge them."
                    )
                    % {"duplicate": duplicate},
                    messages.WARNING,
                )


class AliasSearchMixin:
    """Search also matches any alias once spellings are folded: Kata’ib = Kataib."""

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if normalize_name(search_term):
            by_alias = self.model.objects.search(search_term).values("pk")
            results = queryset.filter(Q(pk__in=results.values("pk")) | Q(pk__in=by_alias))
        return results, may_have_duplicates


@admin.register(Actor)
class ActorAdmin(MergeActionMixin, AliasSearchMixin, TrackerAdmin):
    restore_with = (("claims.ActorAlias", "actor_id"),)
    merge_permission = "claims.merge_actor"
    actions = ["merge"]
    list_display = ["name", "kind", "country", "parent", "other_names"]
    list_filter = ["kind", "country"]
    list_select_related = ["parent"]
    search_fields = ["name", "slug", "wikidata_id"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    fields = [
        "name",
        "slug",
        "kind",
        "grammatical_number",
        "country",
        "parent",
        "wikidata_id",
        "description",
    ]
    inlines = [ActorAliasInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description=gettext_lazy("aliases"))
    def other_names(self, actor: Actor) -> str:
        return ", ".join(actor.alias_names)


@admin.register(Person)
class PersonAdmin(MergeActionMixin, AliasSearchMixin, TrackerAdmin):
    restore_with = (("claims.PersonAlias", "person_id"), ("claims.Affiliation", "person_id"))
    merge_permission = "claims.merge_person"
    actions = ["merge"]
    list_display = ["name", "posts", "other_names"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "wikidata_id", "description"]
    inlines = [PersonAliasInline, AffiliationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases", "affiliations__actor")

    @admin.display(description=gettext_lazy("posts"))
    def posts(self, person: Person) -> str:
        return "; ".join(
            f"{a.title}, {a.actor}" if a.title else str(a.actor) for a in person.affiliations.all()
        )

    @admin.display(description=gettext_lazy("aliases"))
    def other_names(self, person: Person) -> str:
        return ", ".join(person.alias_names)


@admin.register(Merge)
class MergeAdmin(admin.ModelAdmin):
    """The record of every merge, with the action that undoes one."""

    list_display = ["__str__", "kind", "merged_by", "merged_at", "undone_at"]
    list_filter = ["kind"]
    list_select_related = ["merged_by"]
    actions = ["undo"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("claims.merge_actor") or request.user.has_perm(
            "claims.merge_person"
        )

    def has_undo_permission(self, request) -> bool:
        return self.has_view_permission(request)

    @admin.action(description=gettext_lazy("Undo the selected merges"), permissions=["undo"])
    def undo(self, request, queryset):
        try:
            restored = [services.undo_merge(record, by=request.user) for record in queryset]
        except ValueError as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return
        self.message_user(
            request, gettext("Restored %(names)s.") % {"names": ", ".join(map(str, restored))}
        )
