from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from claims import grammar
from claims.network import Party
from claims.normalize import normalize_name

wikidata_id_validator = RegexValidator(
    r"^Q[1-9][0-9]*$", _("Enter a Wikidata item id such as Q1141934 (Q followed by digits).")
)


class AliasQuerySet(models.QuerySet):
    def matching(self, name: str) -> "AliasQuerySet":
        """Aliases whose normalised form equals that of ``name``."""
        return self.filter(normalized=normalize_name(name))


class Alias(models.Model):
    """A spelling under which an actor or a person appears in sources.

    The owner's own name is kept as one of its aliases, so that a single
    unique index on the normalised form guarantees that one spelling never
    names two different owners.
    """

    name = models.CharField(
        _("name"), max_length=200, help_text=_("As written, e.g. Kata’ib Hizbollah")
    )
    normalized = models.CharField(_("normalized"), max_length=200, editable=False)

    objects = AliasQuerySet.as_manager()
    owner_field = ""  # set by subclasses: the name of the ForeignKey to the owner

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.normalized = normalize_name(self.name)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.normalized = normalize_name(self.name)
        if not self.normalized:
            raise ValidationError({"name": _("An alias needs at least one letter or digit.")})
        clash = (
            type(self)
            .objects.filter(normalized=self.normalized)
            .exclude(pk=self.pk)
            .select_related(self.owner_field)
            .first()
        )
        if clash is None:
            return
        owner_id = getattr(self, f"{self.owner_field}_id")
        clash_owner = getattr(clash, self.owner_field)
        if clash_owner.pk == owner_id:
            message = gettext("“%(name)s” is already listed as “%(listed)s”.") % {
                "name": self.name,
                "listed": clash.name,
            }
        else:
            message = gettext(
                "“%(name)s” already names %(owner)s (as “%(listed)s”); "
                "one spelling cannot name two different entries."
            ) % {"name": self.name, "owner": clash_owner, "listed": clash.name}
        raise ValidationError({"name": message})

    def validate_unique(self, exclude=None) -> None:
        # The unique index on `normalized` is checked by clean() with a clearer
        # message naming the owner; skip Django's generic one for that field.
        super().validate_unique(exclude=[*(exclude or []), "normalized"])

    def validate_constraints(self, exclude=None) -> None:
        super().validate_constraints(exclude=[*(exclude or []), "normalized"])


class NamedWithAliases(models.Model):
    """Shared behaviour of actors and people: the name is also an alias."""

    detail_url_name = ""  # set by subclasses: the reader page's URL name
    # The claims' foreign keys by which a claim names it (see with_public_event_count).
    named_by: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @transaction.atomic
    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        # Keep the current name findable as an alias; a former name stays an alias.
        key = normalize_name(self.name)
        if not self.aliases.filter(normalized=key).exists():
            self.aliases.create(name=self.name)

    def get_absolute_url(self) -> str:
        return reverse(self.detail_url_name, args=[self.slug])

    def party(self) -> Party:
        """As a party to accusations (claims.network)."""
        kind = self._meta.model_name
        return Party(
            key=f"{kind}:{self.pk}", label=self.name, kind=kind, href=self.get_absolute_url()
        )

    def clean(self) -> None:
        super().clean()
        key = normalize_name(self.name or "")
        if self.name and not key:
            raise ValidationError({"name": _("A name needs at least one letter or digit.")})
        aliases = self.aliases.model.objects.filter(normalized=key)
        if self.pk:
            aliases = aliases.exclude(**{self.aliases.field.name: self.pk})
        clash = aliases.select_related(self.aliases.field.name).first()
        if clash is not None:
            owner = getattr(clash, self.aliases.field.name)
            raise ValidationError(
                {
                    "name": gettext("“%(name)s” already names %(owner)s (as “%(listed)s”).")
                    % {"name": self.name, "owner": owner, "listed": clash.name}
                }
            )

    @property
    def alias_names(self) -> list[str]:
        """Every spelling except the name itself (uses prefetched aliases)."""
        own = normalize_name(self.name)
        return [alias.name for alias in self.aliases.all() if alias.normalized != own]


class AliasedQuerySet(models.QuerySet):
    def with_public_event_count(self) -> "AliasedQuerySet":
        """Annotates `event_count`: how many events have a published claim naming the
        entry (through the model's `named_by` fields); drafts count for nothing. A
        subquery per row, no further query."""
        from claims.models.claims import Claim  # that module imports this one

        named = Q()
        for field in self.model.named_by:
            named |= Q(**{field: models.OuterRef("pk")})
        events = (
            Claim.objects.published()
            .filter(named)
            .order_by()
            .values("publication")  # one group: every row is published
            .annotate(count=models.Count("event", distinct=True))
            .values("count")
        )
        return self.annotate(event_count=Coalesce(models.Subquery(events), 0))

    def search(self, text: str) -> "AliasedQuerySet":
        """Entries whose name or any alias contains `text`, both normalised."""
        key = normalize_name(text)
        if not key:
            return self.none()
        aliases = self.model.aliases.rel.related_model.objects.filter(normalized__contains=key)
        return self.filter(pk__in=aliases.values(self.model.aliases.field.name))


class ActorQuerySet(AliasedQuerySet):
    def parent_map(self) -> dict[int, int | None]:
        """Every actor's parent id, for walking up the structure without more queries."""
        return dict(self.order_by().values_list("pk", "parent_id"))


class Actor(NamedWithAliases):
    class Kind(models.TextChoices):
        STATE = "state", _("State")
        GOVERNMENT_BODY = "government_body", _("Government body")
        ARMED_FORCES = "armed_forces", _("Armed forces")
        ARMED_GROUP = "armed_group", _("Armed group")
        POLITICAL_PARTY = "political_party", _("Political party")
        COALITION = "coalition", _("Political coalition")
        MEDIA = "media", _("Media")
        INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")
        OTHER = "other", _("Other")

    class GrammaticalNumber(models.TextChoices):
        """How the name takes a verb (claims/grammar.py)."""

        SINGULAR = grammar.SINGULAR, _("singular (the United States denies)")
        PLURAL = grammar.PLURAL, _("plural (the Houthis deny)")

    name = models.CharField(
        _("name"), max_length=200, help_text=_("The usual English name, e.g. Kata'ib Hezbollah")
    )
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True, help_text=_("e.g. kataib-hezbollah")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    country = CountryField(
        _("country"), blank=True, help_text=_("Where it is based, if it belongs to one country")
    )
    description = models.TextField(_("description"), blank=True)
    wikidata_id = models.CharField(
        _("Wikidata id"),
        max_length=20,
        blank=True,
        validators=[wikidata_id_validator],
        help_text=_("e.g. Q1141934"),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subunits",
        help_text=_(
            "The body it structurally belongs to: a brigade of the PMF, the IRGC under Iran."
        ),
        verbose_name=_("parent"),
    )

    grammatical_number = models.CharField(
        _("grammatical number"),
        max_length=8,
        choices=GrammaticalNumber.choices,
        default=GrammaticalNumber.SINGULAR,
        help_text=_(
            "How the name takes a verb: plural for “the Houthis claim”, “the Popular "
            "Mobilization Forces deny”; singular for “the United States denies”."
        ),
    )

    detail_url_name = "claims:actor_detail"
    named_by = ("claimant_actor", "attributed_actor")
    objects = ActorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        permissions = [("merge_actor", "Can merge actors")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="claims_actor_not_own_parent"
            ),
        ]

    def clean(self) -> None:
        super().clean()
        seen = {self.pk} if self.pk else set()
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk in seen:
                raise ValidationError(
                    {
                        "parent": gettext(
                            "%(parent)s cannot be the parent of %(actor)s: "
                            "it is %(actor)s itself or one of its sub-units."
                        )
                        % {"parent": self.parent, "actor": self}
                    }
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    def is_same_or_subunit_of(self, other: "Actor") -> bool:
        """Walks up the parent chain (a query per level unless parents are loaded)."""
        # Seen by id in the database, not by object: each level loaded afresh is a new
        # object, and a stored cycle must still end the walk.
        actor, seen = self, set()
        while actor is not None and (actor.pk or id(actor)) not in seen:
            if actor is other or (actor.pk is not None and actor.pk == other.pk):
                return True
            seen.add(actor.pk or id(actor))
            actor = actor.parent
        return False


class ActorAlias(Alias):
    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("actor")
    )
    owner_field = "actor"
    history = HistoricalRecords()

    class Meta(Alias.Meta):
        verbose_name = _("actor alias")
        verbose_name_plural = _("actor aliases")
        constraints = [
            models.UniqueConstraint(fields=["normalized"], name="claims_actoralias_unique_name"),
        ]


class Person(NamedWithAliases):
    name = models.CharField(_("name"), max_length=200, help_text=_("e.g. Mark Milley"))
    slug = models.SlugField(_("slug"), max_length=200, unique=True, help_text=_("e.g. mark-milley"))
    description = models.TextField(_("description"), blank=True)
    wikidata_id = models.CharField(
        _("Wikidata id"),
        max_length=20,
        blank=True,
        validators=[wikidata_id_validator],
        help_text=_("e.g. Q7352453"),
    )

    detail_url_name = "claims:person_detail"
    named_by = ("claimant_person",)
    objects = AliasedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        permissions = [("merge_person", "Can merge people")]


class PersonAlias(Alias):
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("person")
    )
    owner_field = "person"
    history = HistoricalRecords()

    class Meta(Alias.Meta):
        verbose_name = _("person alias")
        verbose_name_plural = _("person aliases")
        constraints = [
            models.UniqueConstraint(fields=["normalized"], name="claims_personalias_unique_name"),
        ]


class Affiliation(models.Model):
    """A post a person held in an actor: Chairman of the Joint Chiefs of Staff, United States."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="affiliations", verbose_name=_("person")
    )
    actor = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="affiliations", verbose_name=_("actor")
    )
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("e.g. Secretary of Defense")
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        ordering = ["person", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True)
                | Q(end__isnull=True)
                | Q(end__gte=models.F("start")),
                name="claims_affiliation_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        title = f"{self.title}, " if self.title else ""
        return f"{self.person}: {title}{self.actor}"
