import datetime
import functools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q, Window
from django.db.models.functions import Coalesce, RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext, ngettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from claims import grammar
from claims.attribution import ClaimFacts
from claims.network import (
    EDGE_STANCES,
    EVENTS_PER_EDGE,
    Accusation,
    EventLink,
    Party,
    description_party,
    kept_parties,
)
from claims.normalize import searchable_words
from claims.quotes import QuoteCheck, check_quote

from .actors import Actor, Person
from .choices import choice_label
from .events import DatePrecision, Event
from .sources import Source, language_code_validator, not_shown
from .versioning import Versioned


def quote_max_length() -> int:
    """The longest quote a citation may have (QUOTE_MAX_LENGTH), read when a quote is
    validated: the limit is configuration, not a migration."""
    return settings.QUOTE_MAX_LENGTH


def citations_with_sources() -> models.Prefetch:
    """A claim's citations in their order, each with its source (for prefetching), as
    pages show sources (SourceQuerySet.shown)."""
    return models.Prefetch(
        "citations",
        queryset=Citation.objects.select_related("source")
        .defer(*not_shown("source"))
        .order_by("pk"),
    )


class ClaimQuerySet(models.QuerySet):
    def published(self) -> "ClaimQuerySet":
        return self.filter(publication=Claim.Publication.PUBLISHED)

    def for_display(self) -> "ClaimQuerySet":
        """Claims with everything a reader page shows of them, in three queries."""
        return self.with_related().prefetch_related(citations_with_sources())

    def with_public_responds_to(self) -> "ClaimQuerySet":
        """Annotates `public_responds_to_id`: the claim this one answers when that claim is
        published, else None, so that readers are never given a draft's id (a join, no
        further query)."""
        # A subquery, not a join: a list's count() drops the unused annotation whole,
        # where a join would stay and keep the count from reading an index alone. Only
        # for answers, so that an export of every claim runs it for a few rows.
        published = (
            Claim.objects.published().filter(pk=models.OuterRef("responds_to_id")).order_by()
        )
        return self.annotate(
            public_responds_to_id=models.Case(
                models.When(
                    responds_to_id__isnull=False,
                    then=models.Subquery(published.values("pk")),
                ),
                default=None,
            )
        )

    def with_related(self) -> "ClaimQuerySet":
        """Everything a claim's one-line description needs, in the same query."""
        return self.with_parties().select_related("event")

    def with_parties(self) -> "ClaimQuerySet":
        """Who made each claim and whom it names, in the same query: with_related() for
        claims read through their event (`event.claims`), which Django gives that one
        event instead of a copy of it per row."""
        return self.select_related(
            "claimant_actor",
            "claimant_person",
            "attributed_actor",
            "attributed_actor_hint",
        )

    def source_origins(self) -> dict[int, frozenset[int]]:
        """Each claim's sources, as the origins the attribution rules count independent
        sources by, in one query of plain values: no citation or source is loaded."""
        origins: dict[int, set[int]] = {}
        # Unordered: the citations' default order would join their claims' events to sort.
        for claim_id, source_id, origin_id in (
            Citation.objects.filter(claim__in=self.order_by().values("pk"))
            .order_by()
            .values_list("claim_id", "source_id", "source__origin_id")
        ):
            origins.setdefault(claim_id, set()).add(origin_id or source_id)
        return {claim_id: frozenset(ids) for claim_id, ids in origins.items()}

    def accusations(self, centre: str | None = None) -> list[Accusation]:
        """These claims as who blames whom (claims.network): one accusation per
        claimant, actor and stance, with its count, and with its latest events when a
        drawing keeps both its parties. Four queries whatever the number of claims: the
        counts, the actors' and the people's names, the latest events."""
        aimed = self.annotate(
            target=Coalesce("attributed_actor_id", "responds_to__attributed_actor_id")
        ).filter(stance__in=EDGE_STANCES, target__isnull=False)
        claimant = ["claimant_actor_id", "claimant_person_id", "claimant_description"]
        rows = list(
            aimed.order_by()
            .values(*claimant, "target", "stance")
            .annotate(claims=models.Count("pk"))
            .values_list(*claimant, "target", "stance", "claims")
        )
        actor_ids = {row[0] for row in rows if row[0]} | {row[3] for row in rows}
        actors = Actor.objects.only("name", "slug").in_bulk(actor_ids)
        people = Person.objects.only("name", "slug").in_bulk({row[1] for row in rows if row[1]})

        def party(actor_id, person_id, description) -> Party:
            if actor_id:
                return actors[actor_id].party()
            if person_id:
                return people[person_id].party()
            return description_party(description)

        found = {
            tuple(row[:5]): Accusation(party(*row[:3]), party(row[3], None, ""), row[4], row[5])
            for row in rows
        }
        kept = {p.key for p in kept_parties(list(found.values()), centre)}
        shown = [key for key, a in found.items() if {a.source.key, a.target.key} <= kept]
        if shown:
            by_actor = {key[0] for key in shown if key[0]}
            by_person = {key[1] for key in shown if not key[0] and key[1]}
            by_description = {key[2] for key in shown if not key[0] and not key[1]}
            latest = (
                aimed.filter(
                    Q(claimant_actor__in=by_actor)
                    | Q(claimant_actor__isnull=True, claimant_person__in=by_person)
                    | Q(
                        claimant_actor__isnull=True,
                        claimant_person__isnull=True,
                        claimant_description__in=by_description,
                    ),
                    target__in={key[3] for key in shown},
                )
                .annotate(
                    rank=Window(
                        RowNumber(),
                        partition_by=[models.F(name) for name in [*claimant, "target", "stance"]],
                        order_by=[models.F("event__date").desc(), models.F("event_id").desc()],
                    )
                )
                # Claims, not events: a few more than the events shown, for the events
                # that two of its claims share.
                .filter(rank__lte=2 * EVENTS_PER_EDGE)
                .order_by()
                .values_list(
                    *claimant,
                    "target",
                    "stance",
                    "event__slug",
                    "event__title",
                    "event__date",
                    "event__date_precision",
                )
            )
            ordered = sorted(latest, key=lambda row: (row[7], row[5]), reverse=True)
            for *key, slug, title, date, precision in ordered:
                accusation = found.get(tuple(key))
                event = EventLink(
                    title=title,
                    href=reverse("claims:event_detail", args=[slug]),
                    date_display=DatePrecision(precision).format(date),
                )
                if (
                    accusation
                    and event not in accusation.events
                    and len(accusation.events) < EVENTS_PER_EDGE
                ):
                    accusation.events.append(event)
        return list(found.values())

    def facts_by_event(self) -> dict[int, list[ClaimFacts]]:
        """What the attribution rules need of each of these claims (Claim.facts), by
        event and in the queryset's order, in two queries of plain values: no model
        instance per claim, citation or source."""
        origins = self.source_origins()
        by_event: dict[int, list[ClaimFacts]] = {}
        for pk, event_id, publication, *values in self.values_list(
            "pk",
            "event_id",
            "publication",
            "stance",
            "role",
            "stated_on",
            "status",
            "attributed_actor_id",
            "claimant_actor_id",
            "responds_to_id",
            "attributed_description",
            "attributed_actor_hint_id",
        ):
            stance, role, stated_on, status, attributed, claimant, responds, *unnamed = values
            by_event.setdefault(event_id, []).append(
                ClaimFacts(
                    id=pk,
                    stance=stance,
                    role=role,
                    stated_on=stated_on,
                    status=status,
                    published=publication == Claim.Publication.PUBLISHED,
                    attributed_actor_id=attributed,
                    claimant_actor_id=claimant,
                    responds_to_id=responds,
                    source_origin_ids=origins.get(pk, frozenset()),
                    attributed_description=unnamed[0],
                    attributed_actor_hint_id=unnamed[1],
                )
            )
        return by_event


# Built once: a page names hundreds of claims, and translating every phrase of the table
# to pick one cost the largest event page a fifth of its time.
STANCE_PHRASES = {
    grammar.PLURAL: {
        "claims_responsibility": pgettext_lazy("plural subject", "claim responsibility"),
        "attributes": pgettext_lazy("plural subject", "attribute"),
        "denies": pgettext_lazy("plural subject", "deny"),
        "disputes": pgettext_lazy("plural subject", "dispute"),
        "no_claim": pgettext_lazy("plural subject", "report no claim of responsibility"),
    },
    grammar.SINGULAR: {
        "claims_responsibility": pgettext_lazy("singular subject", "claims responsibility"),
        "attributes": pgettext_lazy("singular subject", "attributes"),
        "denies": pgettext_lazy("singular subject", "denies"),
        "disputes": pgettext_lazy("singular subject", "disputes"),
        "no_claim": pgettext_lazy("singular subject", "reports no claim of responsibility"),
    },
}


ROLE_WORDS = {
    "perpetrator": pgettext_lazy("role, one word", "perpetrator"),
    "sponsor": pgettext_lazy("role, one word", "sponsor"),
    "facilitator": pgettext_lazy("role, one word", "facilitator"),
    "accountable": pgettext_lazy("role, one word", "accountable"),
}


def stance_phrase(stance: str, number: str) -> str:
    """A stance as the verb of a singular or plural subject (see Claim.stance_phrase)."""
    plural = number == grammar.PLURAL
    return _stance_phrase(stance, plural, get_language())


def role_word(role: str) -> str:
    """A role in one word, translated (see Claim.role_word)."""
    return _role_word(role, get_language())


# An event page asks for the same few words hundreds of times (its claims' cards, list
# entries and timeline labels); each is translated once per language.
@functools.lru_cache(maxsize=256)
def _stance_phrase(stance: str, plural: bool, language: str | None) -> str:
    """The phrase in `language`, which is the active one."""
    phrases = STANCE_PHRASES[grammar.PLURAL if plural else grammar.SINGULAR]
    return str(phrases.get(stance, stance))


@functools.lru_cache(maxsize=64)
def _role_word(role: str, language: str | None) -> str:
    """The word in `language`, which is the active one."""
    return str(ROLE_WORDS.get(role, role))


class Claim(Versioned):
    """One party's statement about who was responsible for one event."""

    class Stance(models.TextChoices):
        CLAIMS_RESPONSIBILITY = "claims_responsibility", _("claims responsibility")
        ATTRIBUTES = "attributes", _("attributes")
        DENIES = "denies", _("denies")
        DISPUTES = "disputes", _("disputes")
        NO_CLAIM = "no_claim", _("reports no claim of responsibility")

        @property
        def needs_attributed_actor(self) -> bool:
            return self in {self.CLAIMS_RESPONSIBILITY, self.ATTRIBUTES, self.DENIES}

        @property
        def may_describe_actor(self) -> bool:
            """Attributing or denying may describe the actor when the source names none
            ("the culprit"); a claim of responsibility is made by a known actor."""
            return self in {self.ATTRIBUTES, self.DENIES}

    class Role(models.TextChoices):
        PERPETRATOR = "perpetrator", _("perpetrator")
        SPONSOR = "sponsor", _("sponsor (directed, armed or backed it)")
        FACILITATOR = "facilitator", _("facilitator (enabled it)")
        ACCOUNTABLE = "accountable", _("held accountable")

    class Hedging(models.TextChoices):
        ASSERTED = "asserted", _("asserted")
        PROBABLE = "probable", _("probable")
        REPORTED = "reported", _("reported")
        ALLEGED = "alleged", _("alleged")
        SPECULATIVE = "speculative", _("speculative")

    class Status(models.TextChoices):
        UNVERIFIED = "unverified", _("unverified")
        CORROBORATED = "corroborated", _("corroborated")
        CONFIRMED = "confirmed", _("confirmed")
        DISPUTED = "disputed", _("disputed")
        REFUTED = "refuted", _("refuted")
        RETRACTED = "retracted", _("retracted")

    class Publication(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    class Channel(models.TextChoices):
        OFFICIAL_STATEMENT = "official_statement", _("official statement")
        PRESS_BRIEFING = "press_briefing", _("press briefing")
        INTERVIEW = "interview", _("interview")
        SOCIAL_MEDIA = "social_media", _("social media post")
        VIDEO = "video", _("video")
        SPOKESPERSON = "spokesperson", _("spokesperson's remark")
        UNNAMED_OFFICIALS = "unnamed_officials", _("unnamed officials speaking to the press")
        OTHER = "other", _("other")

    # The three relations read most have no index of their own: each leads one of the
    # indexes in Meta (event, claimant, attributed), which serve their look-ups as well,
    # and every claim written kept the single-column copies up to date for nothing.
    event = models.ForeignKey(
        Event,
        on_delete=models.PROTECT,
        related_name="claims",
        verbose_name=_("event"),
        db_index=False,
    )
    claimant_actor = models.ForeignKey(
        Actor,
        db_index=False,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims_made",
        help_text=_("The state, body or group that makes the claim."),
        verbose_name=_("claimant actor"),
    )
    claimant_person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims_made",
        help_text=_("The official or spokesperson quoted."),
        verbose_name=_("claimant person"),
    )
    claimant_description = models.CharField(
        _("claimant description"),
        max_length=200,
        blank=True,
        help_text=_("When no actor or person is named, e.g. “unnamed U.S. officials”."),
    )
    speaker_title = models.CharField(
        _("speaker title"),
        max_length=200,
        blank=True,
        help_text=_(
            "The person's title when they spoke, e.g. Chairman of the Joint Chiefs of Staff"
        ),
    )
    channel = models.CharField(_("channel"), max_length=32, choices=Channel.choices, blank=True)
    stance = models.CharField(_("stance"), max_length=32, choices=Stance.choices)
    attributed_actor = models.ForeignKey(
        Actor,
        db_index=False,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims_about",
        help_text=_("Who the claim says was (or was not) responsible."),
        verbose_name=_("attributed actor"),
    )
    # An unnamed culprit: the rules count it for no candidate (claims/attribution.py).
    attributed_description = models.CharField(
        _("attributed description"),
        max_length=200,
        blank=True,
        default="",
        # Rows written outside the ORM (the benchmark's COPY) name no description.
        db_default="",
        help_text=_(
            "Instead of an actor, when the claim names none, in its words, e.g. “radical "
            "Iran-backed militant groups”, “the culprit”."
        ),
    )
    attributed_actor_hint = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims_hinting",
        verbose_name=_("consistent with"),
        help_text=_(
            "With a description only: a known actor the description is consistent with, "
            "e.g. Kata’ib Hezbollah for “an Iranian-backed militia”. Shown beside that "
            "actor, never counted as naming it."
        ),
    )
    role = models.CharField(
        _("role"), max_length=16, choices=Role.choices, default=Role.PERPETRATOR
    )
    hedging = models.CharField(
        _("hedging"),
        max_length=16,
        choices=Hedging.choices,
        default=Hedging.ASSERTED,
        help_text=_(
            "As the source words it: asserted (“was responsible”), probable (“thought to "
            "be”), reported (“officials say”), alleged (“accused”), speculative (“maybe”)."
        ),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.UNVERIFIED
    )
    publication = models.CharField(
        _("publication"), max_length=16, choices=Publication.choices, default=Publication.DRAFT
    )
    stated_on = models.DateField(_("stated on"), help_text=_("When the claim was made."))
    stated_on_precision = models.CharField(
        _("stated on precision"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("“In August 2019”: month."),
    )
    responds_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responses",
        help_text=_("The claim this one answers (required when it disputes one)."),
        verbose_name=_("responds to"),
    )
    retraction_reason = models.TextField(
        _("retraction reason"),
        blank=True,
        help_text=_("Required when the status is retracted; shown to readers with the claim."),
    )
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("Internal; never shown to readers.")
    )
    quote_check_override = models.TextField(
        _("publish although a quote is not found"),
        blank=True,
        help_text=_(
            "Why this claim may be published although a quote was not found in its "
            "source's captured text (e.g. the source was edited after capture)."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("updated by"),
    )

    objects = ClaimQuerySet.as_manager()
    # Versions are looked up by claim, event, date and user (claims.corrections, the
    # services), never by the other relations: their history columns need no index.
    history = HistoricalRecords(
        no_db_index=[
            "claimant_actor",
            "claimant_person",
            "attributed_actor",
            "attributed_actor_hint",
            "responds_to",
            "created_by",
            "updated_by",
        ]
    )

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        ordering = ["event", "stated_on", "pk"]
        permissions = [
            ("publish_claim", "Can publish and unpublish claims"),
            ("verify_claim", "Can set the verification status of claims"),
            ("delete_published_claim", "Can delete a claim that is or was published"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(claimant_actor__isnull=False)
                | Q(claimant_person__isnull=False)
                | ~Q(claimant_description=""),
                name="claims_claim_has_claimant",
                violation_error_message=_("Name a claimant: an actor, a person or a description."),
            ),
            models.CheckConstraint(
                condition=~Q(stance__in=["claims_responsibility", "attributes", "denies"])
                | Q(attributed_actor__isnull=False)
                | (Q(stance__in=["attributes", "denies"]) & ~Q(attributed_description="")),
                name="claims_claim_stance_needs_attributed_actor",
                violation_error_message=_(
                    "This stance needs an attributed actor (or, to attribute or deny, a "
                    "description of one)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(attributed_actor__isnull=True) | Q(attributed_description=""),
                name="claims_claim_names_or_describes",
                violation_error_message=_("Name the attributed actor or describe it, not both."),
            ),
            models.CheckConstraint(
                condition=Q(attributed_description="") | Q(stance__in=["attributes", "denies"]),
                name="claims_claim_description_needs_stance",
                violation_error_message=_(
                    "Only a claim that attributes or denies may describe the actor."
                ),
            ),
            models.CheckConstraint(
                condition=Q(attributed_actor_hint__isnull=True) | ~Q(attributed_description=""),
                name="claims_claim_hint_needs_description",
                violation_error_message=_("A hint goes with a description of the actor."),
            ),
            models.CheckConstraint(
                condition=~Q(stance="no_claim") | Q(attributed_actor__isnull=True),
                name="claims_claim_no_claim_has_no_actor",
                violation_error_message=_("A report that nobody claimed it names no actor."),
            ),
            models.CheckConstraint(
                condition=~Q(stance="claims_responsibility") | Q(claimant_actor__isnull=False),
                name="claims_claim_self_claim_has_claimant_actor",
                violation_error_message=_("A claim of responsibility needs the claimant actor."),
            ),
            models.CheckConstraint(
                condition=~Q(stance="disputes") | Q(responds_to__isnull=False),
                name="claims_claim_dispute_responds",
                violation_error_message=_("A dispute must say which claim it responds to."),
            ),
            models.CheckConstraint(
                condition=~Q(responds_to=models.F("pk")),
                name="claims_claim_not_responding_to_itself",
                violation_error_message=_("A claim cannot respond to itself."),
            ),
        ]
        indexes = [
            # The event page: an event's published claims in date order.
            models.Index(
                fields=["event", "publication", "stated_on"], name="claims_claim_event_idx"
            ),
            # Actor pages and API filters: claims about / made by an actor, and in date
            # order the API's list of one actor's claims (?ordering=-stated_on).
            models.Index(
                fields=["attributed_actor", "publication", "-stated_on", "id"],
                name="claims_claim_attributed_idx",
            ),
            models.Index(
                fields=["claimant_actor", "publication", "-stated_on", "id"],
                name="claims_claim_claimant_idx",
            ),
            # The API's lists in date order: an actor with its sub-units (many actors, so
            # no one range of the indexes above) reads its first page from here, skipping
            # other actors' claims, instead of sorting all of its own (bench/README.md).
            models.Index(
                fields=["-stated_on", "id"],
                condition=Q(publication="published"),
                name="claims_claim_date_idx",
            ),
            # The API's usual filters, and the count of a filtered list's pages.
            models.Index(
                fields=["publication", "stance", "role"], name="claims_claim_stance_role_idx"
            ),
            # Incremental sync: claims changed since a moment.
            models.Index(fields=["updated_at"], name="claims_claim_updated_idx"),
        ]

    def __str__(self) -> str:
        parts = {
            "claimant": self.claimant_label or gettext("Someone unnamed"),
            "stance": self.stance_phrase,
            "actor": self.attributed_label,
            "role": self.role_word,
            "event": self.event,
        }
        if self.attributed_label:
            return gettext("%(claimant)s %(stance)s %(actor)s as %(role)s (%(event)s)") % parts
        return gettext("%(claimant)s %(stance)s (%(event)s)") % parts

    @property
    def claimant_number(self) -> str:
        """grammar.SINGULAR or PLURAL: a person speaks alone; an actor as its record says;
        a description as its head noun reads ("unnamed officials")."""
        if self.claimant_person_id:
            return grammar.SINGULAR
        if self.claimant_actor_id:
            return self.claimant_actor.grammatical_number
        return grammar.number_of_description(self.claimant_description)

    # Django's own get_FOO_display() builds a dict of every choice per call (see
    # choice_label); it leaves these alone because the class defines them.
    def get_stance_display(self) -> str:
        return choice_label(self.Stance, self.stance)

    def get_role_display(self) -> str:
        return choice_label(self.Role, self.role)

    def get_hedging_display(self) -> str:
        return choice_label(self.Hedging, self.hedging)

    def get_status_display(self) -> str:
        return choice_label(self.Status, self.status)

    def get_channel_display(self) -> str:
        return choice_label(self.Channel, self.channel)

    @property
    def role_word(self) -> str:
        """The role in one word, translated ("sponsor"): the choices' labels explain the
        roles at length, for the forms."""
        return role_word(self.role)

    @property
    def stance_phrase(self) -> str:
        """The stance as the verb after the claimant: "claims responsibility" after one
        speaker, "claim responsibility" after several."""
        return stance_phrase(self.stance, self.claimant_number)

    @property
    def attributed_label(self) -> str:
        """The actor the claim is about, or its description in quotation marks."""
        if self.attributed_actor_id:
            return str(self.attributed_actor)
        if self.attributed_description:
            return f"“{self.attributed_description}”"
        return ""

    def get_absolute_url(self) -> str:
        """A permanent address, for links from elsewhere: the event's page is paged, so
        the claim's place in it is found when the address is followed."""
        return reverse("claims:claim_detail", args=[self.pk])

    @property
    def claimant_label(self) -> str:
        """Who made the claim, as a reader would name them."""
        if self.claimant_person_id:
            title = f", {self.speaker_title}" if self.speaker_title else ""
            actor = f" ({self.claimant_actor})" if self.claimant_actor_id else ""
            return f"{self.claimant_person}{title}{actor}"
        if self.claimant_actor_id:
            return str(self.claimant_actor)
        return self.claimant_description

    @property
    def is_published(self) -> bool:
        return self.publication == self.Publication.PUBLISHED

    def was_ever_published(self) -> bool:
        """Published now or at some point (one query): such a claim is retracted, not deleted."""
        return (
            self.is_published
            or self.history.filter(publication=self.Publication.PUBLISHED).exists()
        )

    @property
    def stated_on_display(self) -> str:
        return DatePrecision(self.stated_on_precision).format(self.stated_on)

    def facts(self, source_origin_ids: frozenset[int]) -> ClaimFacts:
        """What the attribution rules need, with the origins of its sources (see
        ClaimQuerySet.source_origins)."""
        return ClaimFacts(
            id=self.pk,
            stance=self.stance,
            role=self.role,
            stated_on=self.stated_on,
            status=self.status,
            published=self.is_published,
            attributed_actor_id=self.attributed_actor_id,
            claimant_actor_id=self.claimant_actor_id,
            responds_to_id=self.responds_to_id,
            source_origin_ids=source_origin_ids,
            attributed_description=self.attributed_description,
            attributed_actor_hint_id=self.attributed_actor_hint_id,
        )

    @staticmethod
    def check_citation_count(count: int) -> None:
        """Refuse a claim that would have more than CLAIM_MAX_CITATIONS citations: each is a
        quote check when written and a row on every page showing the claim. For every write
        path, before it checks the citations themselves; raises a ValidationError on
        `citations`."""
        limit = settings.CLAIM_MAX_CITATIONS
        if count > limit:
            raise ValidationError(
                {
                    "citations": ngettext(
                        "A claim has at most %(limit)d citation; this one would have %(count)d.",
                        "A claim has at most %(limit)d citations; this one would have %(count)d.",
                        limit,
                    )
                    % {"limit": limit, "count": count}
                },
                code="too_many_citations",
            )

    def accusation(self) -> Accusation | None:
        """This claim as who blames whom (claims.network), or None when it names nobody
        (uses the related claimant, actors, event and answered claim's actor loaded)."""
        target = self.attributed_actor if self.attributed_actor_id else None
        if target is None and self.responds_to_id and self.responds_to.attributed_actor_id:
            target = self.responds_to.attributed_actor
        if target is None or self.stance not in EDGE_STANCES:
            return None
        if self.claimant_actor_id:
            source = self.claimant_actor.party()
        elif self.claimant_person_id:
            source = self.claimant_person.party()
        else:
            source = description_party(self.claimant_description)
        event = EventLink(
            title=self.event.title,
            href=self.event.get_absolute_url(),
            date_display=self.event.date_display,
        )
        return Accusation(source, target.party(), self.stance, 1, [event])

    def publication_problems(self, citations: list["Citation"]) -> list[str]:
        """Why the claim, with these citations, may not be published (empty when it may)."""
        if not citations:
            return [gettext("it has no citation")]
        unfound = [c for c in citations if c.quote_check == QuoteCheck.NOT_FOUND]
        if unfound and not self.quote_check_override.strip():
            quotes = pgettext("list separator", "; ").join(f"“{c.quote[:60]}”" for c in unfound)
            return [
                gettext(
                    "a quote is not found in its source (%(quotes)s); give a reason in "
                    "“publish although a quote is not found” to publish it anyway"
                )
                % {"quotes": quotes}
            ]
        return []

    def _given(self, name: str):
        """The related object set on this claim, saved or not (None when there is none)."""
        if getattr(self, f"{name}_id") is None and not self._meta.get_field(name).is_cached(self):
            return None
        return getattr(self, name)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        claimant_actor, claimant_person = (
            self._given("claimant_actor"),
            self._given("claimant_person"),
        )
        attributed_actor, responds_to = self._given("attributed_actor"), self._given("responds_to")
        description = self.attributed_description.strip()
        try:
            # Not `in self.Stance.values`, which builds the list anew (once an import row).
            stance = self.Stance(self.stance)
        except (TypeError, ValueError):
            stance = None
        if not (claimant_actor or claimant_person or self.claimant_description):
            errors["claimant_actor"] = gettext(
                "Name a claimant: an actor, a person, or a description such as "
                "“unnamed U.S. officials”."
            )
        if attributed_actor and description:
            errors["attributed_description"] = _(
                "Name the actor or describe it, not both: a claim naming %(actor)s counts "
                "for it. Leave the description empty, or the actor if the source names no one."
            ) % {"actor": attributed_actor}
        elif self._given("attributed_actor_hint") and not description:
            errors["attributed_actor_hint"] = _(
                "A hint goes with a description: write the words the source uses for the "
                "actor it does not name, or leave the hint empty."
            )
        if stance is not None:
            if description and not stance.may_describe_actor:
                errors["attributed_description"] = _(
                    "Only a claim that attributes or denies may describe the actor instead "
                    "of naming it."
                )
            if stance.needs_attributed_actor and not attributed_actor:
                if not stance.may_describe_actor:
                    errors["attributed_actor"] = gettext(
                        "A claim that %(stance)s needs the actor it is about."
                    ) % {"stance": stance.label}
                elif not description:
                    errors["attributed_actor"] = _(
                        "A claim that %(stance)s needs the actor it is about, or a "
                        "description of it when the source names none (“the culprit”)."
                    ) % {"stance": stance.label}
            if stance == self.Stance.NO_CLAIM and attributed_actor:
                errors["attributed_actor"] = gettext(
                    "A report that nobody has claimed responsibility names no actor; "
                    "leave this empty."
                )
            if stance == self.Stance.DISPUTES and not responds_to:
                errors["responds_to"] = gettext("Choose the claim that this one disputes.")
            if stance == self.Stance.CLAIMS_RESPONSIBILITY and attributed_actor:
                if not claimant_actor:
                    errors["claimant_actor"] = gettext(
                        "A claim of responsibility is made by the actor itself: choose it here."
                    )
                elif not claimant_actor.is_same_or_subunit_of(attributed_actor):
                    errors["claimant_actor"] = gettext(
                        "Only %(actor)s or one of its sub-units can claim responsibility for "
                        "it; record what %(claimant)s says as “attributes”."
                    ) % {"actor": attributed_actor, "claimant": claimant_actor}
        if responds_to:
            if responds_to is self or (self.pk and responds_to.pk == self.pk):
                errors["responds_to"] = gettext("A claim cannot respond to itself.")
            elif self.event_id and responds_to.event_id != self.event_id:
                errors["responds_to"] = gettext(
                    "A claim can only respond to another claim about the same event."
                )
        if self.stated_on and _may_be_future(self.stated_on):
            errors["stated_on"] = gettext("A claim cannot be dated in the future.")
        if self.status == self.Status.RETRACTED and not self.retraction_reason.strip():
            errors["retraction_reason"] = gettext(
                "Say why the claim is retracted: readers will see it."
            )
        if errors:
            raise ValidationError(errors)


def _may_be_future(day: datetime.date) -> bool:
    """Later than today in the site's time zone. Two time zones' dates differ by two
    days at most (UTC-12 and UTC+14), so a date earlier than that by the machine's clock
    is past everywhere: the time zone (a tenth of an import row's checks, profiled) is
    read only for the last days."""
    return day >= datetime.date.today() - datetime.timedelta(days=2) and (
        day > timezone.localdate()
    )


# A claim's own values (beside its event, its parties and the claim it answers), as
# every channel carries them: the API, the exports and the imports read this one list.
CLAIM_VALUE_FIELDS = [
    "claimant_description",
    "attributed_description",
    "speaker_title",
    "channel",
    "stance",
    "role",
    "hedging",
    "status",
    "retraction_reason",
    "publication",
    "quote_check_override",
    "stated_on",
    "stated_on_precision",
]


class Citation(models.Model):
    """The passage of a source a claim rests on."""

    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="citations", verbose_name=_("claim")
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="citations", verbose_name=_("source")
    )
    quote = models.TextField(
        _("quote"),
        help_text=_("Verbatim, as the source prints it."),
        validators=[MaxLengthValidator(quote_max_length)],
    )
    locator = models.CharField(
        _("locator"),
        max_length=100,
        blank=True,
        help_text=_("Where in the source: paragraph 4, 12:30, page 2"),
    )
    language = models.CharField(
        _("language"),
        max_length=16,
        blank=True,
        default="en",
        validators=[language_code_validator],
        help_text=_("The quote's language, e.g. en, ar"),
    )
    translation = models.TextField(
        _("translation"), blank=True, help_text=_("An English translation, if not English.")
    )
    # Set by the editors' desk (claims.anchoring): where the quote is in the captured text,
    # as a W3C TextQuoteSelector, so that a re-capture can find it again.
    selector = models.JSONField(
        _("text quote selector"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("The quote with the words before and after it in the captured text."),
    )
    # Derived from the quote and the source's captured text on every save.
    quote_check = models.CharField(
        _("quote check"),
        max_length=16,
        choices=QuoteCheck.choices,
        default=QuoteCheck.NOT_CHECKABLE,
        editable=False,
    )
    quote_similarity = models.FloatField(
        _("quote similarity"), null=True, blank=True, editable=False
    )
    quote_passage = models.TextField(
        _("quote passage"),
        blank=True,
        editable=False,
        help_text=_("The best-matching passage of the source."),
    )
    # Derived from the quote and the translation on every save (fold_quote): reader search
    # finds a name here under any spelling, "Kataib" in a quote printing "Kata’ib".
    quote_folded = models.TextField(_("quote folded"), blank=True, editable=False)

    history = HistoricalRecords(
        excluded_fields=["quote_check", "quote_similarity", "quote_passage", "quote_folded"]
    )

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        ordering = ["claim", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(quote=""),
                name="claims_citation_has_quote",
                violation_error_message=_("A citation needs the quoted words."),
            ),
        ]

    def __str__(self) -> str:
        excerpt = self.quote if len(self.quote) <= 80 else f"{self.quote[:79]}…"
        return f"“{excerpt}”"

    def save(self, *args, **kwargs) -> None:
        self.check_quote()
        self.fold_quote()
        super().save(*args, **kwargs)

    def fold_quote(self) -> None:
        """Keep the words search looks through in step with the quote and translation."""
        self.quote_folded = searchable_words(self.quote, self.translation)

    def check_quote(self) -> None:
        """Compare the quote with the source's captured text (loads the source)."""
        result = check_quote(self.quote, self.source.full_text if self.source_id else "")
        self.quote_check = result.outcome
        self.quote_similarity = result.similarity
        self.quote_passage = result.passage
