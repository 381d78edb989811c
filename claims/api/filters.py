"""Filters of the API lists (django-filter), in the fact-checkers' terms."""

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema_field

from claims.attribution import AttributionState, with_subunits
from claims.models import Actor, Citation, Claim, Event


def actor_ids(slugs: list[str], *, include_subunits: bool) -> set[int]:
    """The actors named by slug, and with `include_subunits` every body below them."""
    chosen = set(Actor.objects.filter(slug__in=slugs).values_list("pk", flat=True))
    if not include_subunits:
        return chosen
    return with_subunits(chosen, Actor.objects.parent_map())


def in_utc(moment: datetime.datetime) -> datetime.datetime:
    """An aware moment in UTC: PostgreSQL refuses offsets past 15:59, which ISO 8601 allows.
    One moved past the first or last moment there is stands for it."""
    try:
        return moment.astimezone(datetime.UTC)
    except OverflowError:
        later = moment.utcoffset() < datetime.timedelta(0)
        edge = datetime.datetime.max if later else datetime.datetime.min
        return edge.replace(tzinfo=datetime.UTC)


class UtcDateTimeFilter(django_filters.IsoDateTimeFilter):
    def filter(self, qs, value):
        return super().filter(qs, in_utc(value) if value else value)


class ActorSlugFilter(django_filters.CharFilter):
    """An actor by slug (comma-separated for several); `include_subunits=true` widens it."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", "Actor slug(s), comma-separated.")
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        wide = self.parent.form.cleaned_data.get("include_subunits") or False
        ids = actor_ids([slug.strip() for slug in value.split(",")], include_subunits=wide)
        qs = qs.filter(**{f"{self.field_name}__in": ids})
        # Only a many-valued path (an event's candidates) can match a row twice.
        return qs.distinct() if self.distinct else qs


# The largest id a database column holds: bigger numbers are refused as input errors.
MAX_ID = 2**63 - 1


class TrueOrFalseField(forms.Field):
    """`true` or `false`, as the schema's booleans are written; anything else is refused
    (django-filter's own reads `null` or `maybe` as no filter at all)."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        if value in ("true", "True"):
            return True
        if value in ("false", "False"):
            return False
        raise forms.ValidationError(gettext("Write true or false."), code="invalid")


class BooleanFilter(django_filters.BooleanFilter):
    field_class = TrueOrFalseField


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID, "description": "An id."})
class IdFilter(django_filters.NumberFilter):
    """A record's id: a whole number from 1, as the schema says."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=MAX_ID, **kwargs)


class StableOrderingFilter(django_filters.OrderingFilter):
    """The ordering asked for, then the primary key, so that pages never skip or repeat."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        return qs.order_by(*qs.query.order_by, "pk") if value else qs


class ClaimFilter(django_filters.FilterSet):
    event = django_filters.CharFilter(field_name="event__slug", help_text="Event slug.")
    attributed_actor = ActorSlugFilter(field_name="attributed_actor")
    attributed_description = django_filters.CharFilter(
        lookup_expr="icontains", help_text="Words of the description of an unnamed actor."
    )
    attributed_actor_hint = ActorSlugFilter(
        field_name="attributed_actor_hint",
        help_text="Actor slug(s) that descriptions were found consistent with.",
    )
    claimant_actor = ActorSlugFilter(field_name="claimant_actor")
    include_subunits = BooleanFilter(
        method="noop", help_text="With an actor filter, also match its sub-units."
    )
    claimant_person = django_filters.CharFilter(
        field_name="claimant_person__slug", help_text="Person slug."
    )
    stance = django_filters.ChoiceFilter(choices=Claim.Stance.choices)
    role = django_filters.ChoiceFilter(choices=Claim.Role.choices)
    hedging = django_filters.ChoiceFilter(choices=Claim.Hedging.choices)
    status = django_filters.ChoiceFilter(choices=Claim.Status.choices)
    source = IdFilter(field_name="citations__source", distinct=True)
    outlet = django_filters.CharFilter(
        field_name="citations__source__outlet",
        lookup_expr="iexact",
        distinct=True,
        help_text="Outlet name, e.g. The New York Times.",
    )
    stated_after = django_filters.DateFilter(field_name="stated_on", lookup_expr="gte")
    stated_before = django_filters.DateFilter(field_name="stated_on", lookup_expr="lte")
    updated_since = UtcDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="ISO 8601 date-time; for incremental sync (see also /changes/).",
    )
    q = django_filters.CharFilter(method="filter_quote", help_text="Words of a quote.")
    ordering = StableOrderingFilter(
        fields=["stated_on", "updated_at", "created_at", "id"],
        help_text="stated_on, updated_at, created_at or id; prefix - for descending.",
    )

    class Meta:
        model = Claim
        fields = []

    def noop(self, queryset, name, value):
        return queryset

    def filter_quote(self, queryset, name, value):
        # A subquery rather than a join: a claim with two matching quotes stays one row,
        # without a DISTINCT over every column.
        quoted = Q(quote__icontains=value) | Q(translation__icontains=value)
        return queryset.filter(pk__in=Citation.objects.filter(quoted).values("claim_id"))


class EventListApiFilter(django_filters.FilterSet):
    """The filters of the API's events list (/api/v1/events/)."""

    country = django_filters.CharFilter(help_text="ISO 3166-1 alpha-2 code, e.g. IQ.")
    kind = django_filters.ChoiceFilter(choices=Event.Kind.choices)
    state = django_filters.ChoiceFilter(
        field_name="attribution_state", choices=AttributionState.choices
    )
    actor = ActorSlugFilter(
        field_name="candidates__actor",
        distinct=True,
        help_text="Slug of an actor named as a candidate in any role.",
    )
    include_subunits = BooleanFilter(
        method="noop", help_text="With actor, also match its sub-units."
    )
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte")
    q = django_filters.CharFilter(method="filter_text", help_text="Words of title or summary.")
    ordering = StableOrderingFilter(fields=["date", "updated_at", "slug"])

    class Meta:
        model = Event
        fields = []

    def noop(self, queryset, name, value):
        return queryset

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(summary__icontains=value))


class ActorFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Actor.Kind.choices)
    country = django_filters.CharFilter()
    q = django_filters.CharFilter(method="filter_name", help_text="Name or any alias.")

    class Meta:
        model = Actor
        fields = []

    def filter_name(self, queryset, name, value):
        return queryset.filter(pk__in=Actor.objects.search(value).values("pk"))
