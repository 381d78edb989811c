from django.contrib import admin
from django.db.models import Q

from claims.models import Actor, ActorAlias, Affiliation, Person, PersonAlias
from claims.normalize import normalize_name

from .base import TrackerAdmin, TrackerInline
from .forms import AliasInlineFormSet


class ActorAliasInline(TrackerInline):
    model = ActorAlias
    formset = AliasInlineFormSet
    fields = ["name"]
    verbose_name = "name or alias"
    verbose_name_plural = "names and aliases (the name itself is kept here automatically)"


class PersonAliasInline(ActorAliasInline):
    model = PersonAlias


class AffiliationInline(TrackerInline):
    model = Affiliation
    fields = ["actor", "title", "start", "end"]
    autocomplete_fields = ["actor"]
    select_related = ("person", "actor")


class AliasSearchMixin:
    """Search also matches any alias once spellings are folded: Kata’ib = Kataib."""

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if normalize_name(search_term):
            by_alias = self.model.objects.search(search_term).values("pk")
            results = queryset.filter(Q(pk__in=results.values("pk")) | Q(pk__in=by_alias))
        return results, may_have_duplicates


@admin.register(Actor)
class ActorAdmin(AliasSearchMixin, TrackerAdmin):
    list_display = ["name", "kind", "country", "parent", "other_names"]
    list_filter = ["kind", "country"]
    list_select_related = ["parent"]
    search_fields = ["name", "slug", "wikidata_id"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    fields = ["name", "slug", "kind", "country", "parent", "wikidata_id", "description"]
    inlines = [ActorAliasInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description="aliases")
    def other_names(self, actor: Actor) -> str:
        return ", ".join(actor.alias_names)


@admin.register(Person)
class PersonAdmin(AliasSearchMixin, TrackerAdmin):
    list_display = ["name", "posts", "other_names"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "wikidata_id", "description"]
    inlines = [PersonAliasInline, AffiliationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases", "affiliations__actor")

    @admin.display(description="posts")
    def posts(self, person: Person) -> str:
        return "; ".join(
            f"{a.title}, {a.actor}" if a.title else str(a.actor) for a in person.affiliations.all()
        )

    @admin.display(description="aliases")
    def other_names(self, person: Person) -> str:
        return ", ".join(person.alias_names)
