import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from claims.attribution import AttributionState
from claims.models import Actor, Claim, Event


class EventListPageFilter(django_filters.FilterSet):
    """The filter form of the readers' events list page (/events/)."""

    q = django_filters.CharFilter(label=_("Text"), method="filter_text")
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("From"))
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("To"))
    country = django_filters.ChoiceFilter(choices=[], label=_("Country"))
    kind = django_filters.ChoiceFilter(choices=Event.Kind.choices, label=_("Kind"))
    state = django_filters.ChoiceFilter(
        field_name="attribution_state", choices=AttributionState.choices, label=_("Headline state")
    )
    # Typed, not picked from a list: there are thousands of actors, and any spelling works.
    actor = django_filters.CharFilter(
        method="filter_actor", label=_("Named as responsible (any spelling)")
    )

    class Meta:
        model = Event
        fields = ["q", "date_after", "date_before", "country", "kind", "state", "actor"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the countries that events are recorded in, by name.
        present = Event.objects.public_countries()
        self.filters["country"].extra["choices"] = [
            (code, name) for code, name in countries if code in present
        ]

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value) | Q(summary__icontains=value) | Q(place__icontains=value)
        )

    def filter_actor(self, queryset, name, value):
        """An actor by slug, or by its name or any alias."""
        actors = Actor.objects.filter(slug=value.strip()) or Actor.objects.search(value)
        return queryset.filter(candidates__actor__in=list(actors[:50])).distinct()


class NetworkFilter(django_filters.FilterSet):
    """The accusations network's filters: over claims, by their event and their role."""

    date_after = django_filters.DateFilter(
        field_name="event__date", lookup_expr="gte", label=_("Events from")
    )
    date_before = django_filters.DateFilter(
        field_name="event__date", lookup_expr="lte", label=_("Events to")
    )
    country = django_filters.ChoiceFilter(
        field_name="event__country", choices=[], label=_("Country of the event")
    )
    role = django_filters.ChoiceFilter(choices=Claim.Role.choices, label=_("Role"))

    class Meta:
        model = Claim
        fields = ["date_after", "date_before", "country", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        present = Event.objects.public_countries()
        self.filters["country"].extra["choices"] = [
            (code, name) for code, name in countries if code in present
        ]
