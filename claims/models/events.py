import functools
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Q
from django.urls import reverse
from django.utils import dateformat
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from claims.attribution import ROLES, AttributionState, EventAttribution, attribution_state
from claims.models.choices import choice_label
from claims.models.versioning import Versioned
from claims.normalize import normalize_name, searchable_words

if TYPE_CHECKING:
    from claims.maps import MappedEvent


class DatePrecision(models.TextChoices):
    """How much of a date the source gives: "on 27 December", "in August 2019", "in 2019"."""

    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")

    def format(self, value) -> str:
        if value is None:
            return ""
        # Month names in the current language (Django's), the figures as English writes them.
        if self == DatePrecision.YEAR:
            return f"{value.year}"
        pattern = "F Y" if self == DatePrecision.MONTH else "j F Y"
        return _formatted_date(value, pattern, get_language())


# A page writes the same few dates hundreds of times (an event's claims, their marks).
@functools.lru_cache(maxsize=4096)
def _formatted_date(value, pattern: str, language: str | None) -> str:
    """dateformat.format(value, pattern) in `language`, which is the active one."""
    return dateformat.format(value, pattern)


def _degrees(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


class EventQuerySet(models.QuerySet):
    def public(self) -> "EventQuerySet":
        """Events readers may see: those with at least one published claim."""
        return self.filter(published_claim_count__gt=0)

    def with_relations(self, *, public_only: bool) -> "EventQuerySet":
        """Each event's relations with the events they name (one more query). With
        `public_only`, a relation to an event readers may not see is left out: readers
        never learn the slug of an event that has drafts only."""
        relations = EventRelation.objects.select_related("to_event")
        if public_only:
            relations = relations.public()
        return self.prefetch_related(models.Prefetch("relations", queryset=relations))

    def mapped(self, limit: int) -> list["MappedEvent"]:
        """The first `limit` of these events as the map needs them, in one query of
        plain values."""
        from claims.maps import MappedEvent

        fields = ["slug", "title", "date", "date_precision", "attribution_state", "latitude"]
        fields += ["longitude", "location_precision", "country"]
        rows = list(self.values(*fields)[:limit])
        # Each country's name translated once, not once per event in it.
        names = {code: countries.name(code) for code in {row["country"] for row in rows} if code}
        return [
            MappedEvent(
                slug=row["slug"],
                title=row["title"],
                date_display=DatePrecision(row["date_precision"]).format(row["date"]),
                state=row["attribution_state"],
                latitude=_degrees(row["latitude"]),
                longitude=_degrees(row["longitude"]),
                location_precision=row["location_precision"],
                country=row["country"],
                country_name=names.get(row["country"], ""),
            )
            for row in rows
        ]

    def public_countries(self) -> set[str]:
        """The codes of the countries that public events are in.

        A skip scan: each step asks the country index for the next code up, so the cost
        follows the number of countries (a few hundred at most), not of events; a plain
        DISTINCT reads every event. Both engines run recursive CTEs.
        """
        table = self.model._meta.db_table
        public = "published_claim_count > 0"
        sql = f"""
            WITH RECURSIVE present(country) AS (
                SELECT MIN(country) FROM {table} WHERE country > '' AND {public}
                UNION ALL
                SELECT (SELECT MIN(country) FROM {table} WHERE country > present.country
                        AND {public})
                FROM present WHERE present.country IS NOT NULL
            )
            SELECT country FROM present WHERE country IS NOT NULL
        """
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql)
            return {code for (code,) in cursor.fetchall()}


class Event(Versioned):
    class LocationPrecision(models.TextChoices):
        """How closely the latitude and longitude place the event (the map draws a vaguer
        place as a larger mark)."""

        SITE = "site", _("exact site (within about a kilometre)")
        TOWN = "town", _("town or city")
        REGION = "region", _("province or region")

    class Kind(models.TextChoices):
        DRONE_STRIKE = "drone_strike", _("Drone strike")
        ROCKET_ATTACK = "rocket_attack", _("Rocket attack")
        MISSILE_STRIKE = "missile_strike", _("Missile strike")
        AIRSTRIKE = "airstrike", _("Airstrike")
        BOMBING = "bombing", _("Bombing")
        SHOOTING = "shooting", _("Shooting")
        ASSASSINATION = "assassination", _("Assassination")
        PROTEST_RIOT = "protest_riot", _("Protest or riot")
        # One attack by several means at once (drones and missiles struck Abqaiq): the
        # kind of the whole, so that it is found under neither means alone.
        COMBINED_ATTACK = "combined_attack", _("Combined attack (several weapons)")
        OTHER = "other", _("Other")

    title = models.CharField(
        _("title"), max_length=300, help_text=_("e.g. Drone attack on Tower 22")
    )
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True, help_text=_("e.g. tower-22-drone-attack")
    )
    date = models.DateField(
        _("date"), help_text=_("The first day of the event (or of the month or year).")
    )
    date_precision = models.CharField(
        _("date precision"), max_length=8, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("For events lasting several days.")
    )
    place = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("e.g. K1 base near Kirkuk")
    )
    country = CountryField(_("country"), blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    location_precision = models.CharField(
        _("location precision"),
        max_length=8,
        choices=LocationPrecision.choices,
        default=LocationPrecision.TOWN,
        # Not required of a form, which a field added later would otherwise break: left
        # empty, it is drawn as a town.
        blank=True,
        help_text=_(
            "How closely the coordinates place it: “near Kirkuk” is the town. "
            "Without coordinates the map places the event at the centre of its country."
        ),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    summary = models.TextField(_("summary"), blank=True)
    related = models.ManyToManyField(
        "self",
        through="EventRelation",
        symmetrical=False,
        related_name="related_from",
        blank=True,
        verbose_name=_("related"),
    )
    # Derived from the published claims by services.refresh_attribution, so that lists
    # can filter and show it without recomputing every event.
    attribution_state = models.CharField(
        _("headline state"),
        max_length=16,
        choices=AttributionState.choices,
        default=AttributionState.UNATTRIBUTED,
        editable=False,
    )
    # Why the headline state is what it is (the rules' first reason for the perpetrator
    # role, as codes and ids: {"code", "claims", "actors"}), stored with it so that the
    # events list can say why without recomputing; None until first derived.
    headline_reason = models.JSONField(_("headline reason"), null=True, blank=True, editable=False)
    published_claim_count = models.PositiveIntegerField(
        _("published claim count"), default=0, editable=False
    )
    # Derived from the title and the summary on every save (fold_text): reader search
    # looks through these words with the engine's full-text index (claims.fulltext).
    text_folded = models.TextField(_("text folded"), blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EventQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=[
            "attribution_state",
            "headline_reason",
            "published_claim_count",
            "text_folded",
        ]
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("date")),
                name="claims_event_ends_after_start",
                violation_error_message=_("The end date cannot be before the date."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="claims_event_coordinates_valid",
                violation_error_message=_(
                    "Give both latitude (-90 to 90) and longitude (-180 to 180)."
                ),
            ),
        ]
        indexes = [
            # The events list: newest first, filtered by country or kind.
            models.Index(fields=["-date"], name="claims_event_date_idx"),
            models.Index(fields=["country", "-date"], name="claims_event_country_date_idx"),
            models.Index(fields=["kind", "-date"], name="claims_event_kind_date_idx"),
            # The events list filtered by headline state, and the home page's contested events.
            models.Index(fields=["attribution_state", "-date"], name="claims_event_state_date_idx"),
            # Both at once, the readers' usual filter, over public events only: its count
            # is read from the index alone, and its pages in the list's order.
            models.Index(
                fields=["attribution_state", "country", "-date", "id"],
                condition=Q(published_claim_count__gt=0),
                name="claims_event_public_state_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.fold_text()
        fields = kwargs.get("update_fields")
        if fields is not None and {"title", "summary"} & set(fields):
            kwargs["update_fields"] = {*fields, "text_folded"}
        super().save(*args, **kwargs)

    def fold_text(self) -> None:
        """Keep the words search looks through in step with the title and summary."""
        self.text_folded = searchable_words(self.title, self.summary)

    def get_absolute_url(self) -> str:
        return reverse("claims:event_detail", args=[self.slug])

    def get_kind_display(self) -> str:
        # Django's own builds a dict of every choice per call (see choice_label).
        return choice_label(self.Kind, self.kind)

    @property
    def place_shown(self) -> str:
        """The place, unless it only repeats the country ("Iraq · Iraq" reads once)."""
        if self.country and normalize_name(self.place) == normalize_name(self.country.name):
            return ""
        return self.place

    @property
    def date_display(self) -> str:
        return DatePrecision(self.date_precision).format(self.date)

    def mapped(self) -> "MappedEvent":
        """This event as the map needs it."""
        from claims.maps import MappedEvent

        return MappedEvent(
            slug=self.slug,
            title=self.title,
            date_display=self.date_display,
            state=self.attribution_state,
            latitude=_degrees(self.latitude),
            longitude=_degrees(self.longitude),
            location_precision=self.location_precision,
            country=self.country.code or "",
            country_name=self.country.name or "",
        )

    def attribution(self, claims, as_of=None, *, origins=None, parents=None) -> EventAttribution:
        """Apply the attribution rules to these claims of this event (two queries of plain
        values: their sources' origins and the actor tree, unless given)."""
        from claims.models import Actor, Claim

        if origins is None:
            origins = Claim.objects.filter(pk__in=[claim.pk for claim in claims]).source_origins()
        if parents is None:
            parents = Actor.objects.parent_map()
        facts = [claim.facts(origins.get(claim.pk, frozenset())) for claim in claims]
        return attribution_state(facts, parents, as_of=as_of)

    def attribution_then_and_now(self, claims, as_of) -> tuple[EventAttribution, EventAttribution]:
        """The attribution as it stood on `as_of` and as it stands with every claim, from
        the same two queries (the timeline keeps a later claim in its candidate's lane)."""
        from claims.models import Actor, Claim

        origins = Claim.objects.filter(pk__in=[claim.pk for claim in claims]).source_origins()
        facts = [claim.facts(origins.get(claim.pk, frozenset())) for claim in claims]
        parents = Actor.objects.parent_map()
        return (
            attribution_state(facts, parents, as_of=as_of),
            attribution_state(facts, parents),
        )


class EventRelationQuerySet(models.QuerySet):
    def public(self) -> "EventRelationQuerySet":
        """Relations between two events readers may see (EventQuerySet.public)."""
        return self.filter(
            from_event__published_claim_count__gt=0, to_event__published_claim_count__gt=0
        )


class EventRelation(models.Model):
    class Relation(models.TextChoices):
        # Labels read as sentences: "<event> was in retaliation for <other event>".
        RETALIATION_FOR = "retaliation_for", _("was in retaliation for")
        PART_OF = "part_of", _("is part of")
        FOLLOWS = "follows", _("follows")

    from_event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="relations", verbose_name=_("from event")
    )
    to_event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="inverse_relations",
        verbose_name=_("to event"),
    )
    relation = models.CharField(_("relation"), max_length=20, choices=Relation.choices)

    objects = EventRelationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("event relation")
        verbose_name_plural = _("event relations")
        constraints = [
            models.UniqueConstraint(
                fields=["from_event", "to_event", "relation"], name="claims_eventrelation_unique"
            ),
            models.CheckConstraint(
                condition=~Q(from_event=models.F("to_event")),
                name="claims_eventrelation_not_to_itself",
                violation_error_message=_("An event cannot be related to itself."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_event} {self.get_relation_display()} {self.to_event}"

    def clean(self) -> None:
        if self.from_event_id and self.from_event_id == self.to_event_id:
            raise ValidationError({"to_event": _("An event cannot be related to itself.")})


class EventCandidate(models.Model):
    """An actor that published claims name as responsible, in one role (derived data)."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="candidates", verbose_name=_("event")
    )
    actor = models.ForeignKey(
        "claims.Actor",
        on_delete=models.CASCADE,
        related_name="candidacies",
        verbose_name=_("actor"),
    )
    # The one-word roles are marked for translation where Claim.role_word names them.
    role = models.CharField(
        _("role"),
        max_length=16,
        choices=[(role, pgettext_lazy("role, one word", role)) for role in ROLES],
    )
    role_state = models.CharField(_("role state"), max_length=16, choices=AttributionState.choices)
    rank = models.PositiveSmallIntegerField(
        _("rank"), help_text=_("1 for the best-supported candidate")
    )
    supporting_count = models.PositiveIntegerField(_("supporting count"))

    class Meta:
        verbose_name = _("event candidate")
        verbose_name_plural = _("event candidates")
        ordering = ["event", "role", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "role", "actor"], name="claims_eventcandidate_unique"
            ),
        ]
        indexes = [
            # Actor pages and the events filter: the events where an actor is a candidate.
            models.Index(fields=["actor", "role"], name="claims_candidate_actor_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.actor} as {self.role} of {self.event}: {self.role_state}"

    @property
    def role_label(self) -> str:
        """The role in the readers' words (the claims' own vocabulary, translated)."""
        from claims.models.claims import Claim

        return Claim.Role(self.role).label
