from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from claims import anchoring
from claims.normalize import normalize_url

from .events import DatePrecision

_url_validator = URLValidator(
    schemes=["http", "https"], message=_("Enter a web address starting with http:// or https://.")
)


def http_url_validator(value: str) -> None:
    _url_validator(value)
    try:
        urlsplit(value).port  # noqa: B018  (reading the port is the check)
    except ValueError as bad_port:
        raise ValidationError(_("The port number in this address is impossible.")) from bad_port


language_code_validator = RegexValidator(
    r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
    _("Enter a language code such as en, ar, fa or pt-BR."),
)


def _cited_by_a_published_claim(source) -> models.Exists:
    """Whether a published claim cites the source `source` refers to (an OuterRef)."""
    from claims.models import Citation, Claim

    return models.Exists(
        Citation.objects.filter(source=source, claim__publication=Claim.Publication.PUBLISHED)
    )


# A source's fields that no page, API answer or list shows (see SourceQuerySet.shown).
NOT_SHOWN = ("captured_html",)


def not_shown(through: str = "") -> list[str]:
    """NOT_SHOWN, for defer(): of the source reached through the relation `through`
    ("source", "republishes"), or of the queryset's own."""
    return [f"{through}__{name}" if through else name for name in NOT_SHOWN]


class SourceQuerySet(models.QuerySet):
    def shown(self) -> "SourceQuerySet":
        """Sources as pages, the API and the admin show them: without the HTML of the
        captured page (up to DJANGO_CAPTURE_MAX_BYTES each), kept as the record of what
        was fetched and never shown. For reading only: saving or deleting such a source
        reads the HTML back for its history, a query each."""
        return self.defer(*not_shown())

    def public(self) -> "SourceQuerySet":
        """Sources readers may see: those a published claim cites. A source only drafts
        cite is an editor's work in progress."""
        return self.filter(_cited_by_a_published_claim(models.OuterRef("pk")))

    def with_public_republishes(self) -> "SourceQuerySet":
        """Annotates `public_republishes_id`: the source this one republishes when readers
        may see it (see public), else None (a subquery, no further query)."""
        return self.annotate(
            public_republishes_id=models.Case(
                models.When(
                    _cited_by_a_published_claim(models.OuterRef("republishes_id")),
                    then=models.F("republishes_id"),
                ),
                default=None,
            )
        )


class Source(models.Model):
    """A document claims are cited from. What the document does not say stays blank."""

    class Kind(models.TextChoices):
        OFFICIAL_STATEMENT = "official_statement", _("Official statement")
        PRESS_BRIEFING = "press_briefing", _("Press briefing")
        NEWS_REPORT = "news_report", _("News report")
        ANALYSIS = "analysis", _("Analysis")
        OPINION = "opinion", _("Opinion or blog post")
        SOCIAL_MEDIA = "social_media", _("Social media post")
        OTHER = "other", _("Other")

    url = models.URLField(
        _("URL"),
        max_length=2000,
        blank=True,
        validators=[http_url_validator],
        help_text=_("Leave blank for a broadcast or document that has no address."),
    )
    url_normalized = models.CharField(
        _("URL normalized"), max_length=2000, blank=True, editable=False
    )
    title = models.CharField(
        _("title"),
        max_length=500,
        blank=True,
        help_text=_("As the document gives it; blank if it has none."),
    )
    outlet = models.CharField(
        _("outlet"), max_length=200, blank=True, help_text=_("e.g. The New York Times")
    )
    author = models.CharField(_("author"), max_length=200, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    language = models.CharField(
        _("language"),
        max_length=16,
        blank=True,
        default="en",
        validators=[language_code_validator],
        help_text=_("e.g. en, ar, fa"),
    )
    archive_url = models.URLField(
        _("archive URL"),
        max_length=2000,
        blank=True,
        validators=[http_url_validator],
        help_text=_("A copy in a web archive."),
    )
    full_text = models.TextField(
        _("full text"),
        blank=True,
        help_text=_("The text as captured, for checking quotes against it."),
    )
    # Set by a capture (claims.services.record_capture): when, the SHA-256 of the
    # bytes captured (the HTML or PDF file, or the pasted text), and the raw HTML.
    captured_at = models.DateTimeField(_("captured at"), null=True, blank=True, editable=False)
    capture_sha256 = models.CharField(
        _("SHA-256 of the capture"), max_length=64, blank=True, editable=False
    )
    captured_html = models.TextField(_("captured HTML"), blank=True, editable=False)
    republishes = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="republications",
        help_text=_("The source this one reposts or is syndicated from."),
        verbose_name=_("republishes"),
    )

    # The source at the end of the `republishes` chain, kept up to date on save so that
    # counting independent sources needs no walk (empty for an original).
    origin = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("origin"),
    )

    objects = SourceQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["url_normalized", "origin"])

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["-published_on", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["url_normalized"],
                condition=~Q(url_normalized=""),
                name="claims_source_unique_url",
                violation_error_message=_("A source with this URL is already recorded."),
            ),
            models.CheckConstraint(
                condition=~Q(republishes=models.F("pk")),
                name="claims_source_not_republishing_itself",
            ),
        ]

    def __str__(self) -> str:
        """As a reader cites it: "Iran denies (Reuters, A. Reporter, 15 September 2019)";
        without a headline, its outlet and date ("USA Today, 15 September 2019"); with
        nothing but its text, its kind and opening words."""
        # Formatted once per date and language: a page names the same sources often.
        when = DatePrecision.DAY.format(self.published_on)
        details = ", ".join(part for part in (self.outlet, self.author, when) if part)
        if self.title:
            if not details:
                return self.title
            return gettext("%(title)s (%(details)s)") % {"title": self.title, "details": details}
        if self.outlet or self.author:
            return details
        label = gettext("Untitled %(kind)s") % {"kind": self.get_kind_display().lower()}
        if self.full_text:
            # All the document gives is its text: name it by its opening words.
            opening = " ".join(self.full_text.split()[:8])
            label = gettext("%(label)s beginning “%(opening)s…”") % {
                "label": label,
                "opening": opening,
            }
        return ", ".join(part for part in (label, when) if part)

    @transaction.atomic
    def save(self, *args, **kwargs) -> None:
        self.url_normalized = normalize_url(self.url)
        self.origin = self._walk_to_origin()
        stored_text = (
            Source.objects.filter(pk=self.pk).values_list("full_text", flat=True).first()
            if self.pk
            else None
        )
        super().save(*args, **kwargs)
        if stored_text is not None and stored_text != self.full_text:
            self._recheck_quotes()
        # Sources that republish this one take its (possibly new) origin.
        for republication in self.republications.all():
            republication.save(update_fields=["origin"])

    def get_absolute_url(self) -> str:
        return reverse("claims:source_detail", args=[self.pk])

    def clean(self) -> None:
        self.url_normalized = normalize_url(self.url)
        if not any((self.title, self.url, self.outlet, self.author, self.full_text)):
            raise ValidationError(
                {
                    "title": _(
                        "Give at least a title, a URL, an outlet, an author or the captured "
                        "text to identify it."
                    )
                }
            )
        if self.url_normalized:
            existing = (
                Source.objects.filter(url_normalized=self.url_normalized)
                .exclude(pk=self.pk)
                .first()
            )
            if existing is not None:
                raise ValidationError(
                    {
                        "url": gettext("This URL is already recorded as “%(source)s”.")
                        % {"source": existing}
                    }
                )
        seen = {self.pk} if self.pk else set()
        origin = self.republishes
        while origin is not None:
            if origin.pk in seen:
                raise ValidationError(
                    {"republishes": _("A source cannot (even indirectly) republish itself.")}
                )
            seen.add(origin.pk)
            origin = origin.republishes

    def validate_constraints(self, exclude=None) -> None:
        # clean() reports a duplicate URL with the existing source's name.
        super().validate_constraints(exclude=[*(exclude or []), "url_normalized"])

    def _recheck_quotes(self) -> None:
        """The captured text changed: anchor the desk's citations in it again where their
        passage is found (claims.anchoring), and check every quote citing it again."""
        citations = list(self.citations.all())
        for citation in citations:
            citation.source = self
            if citation.selector and (
                moved := anchoring.follow(citation.selector, citation.locator, self.full_text)
            ):
                citation.selector, citation.locator = moved
            citation.check_quote()
        type(self).citations.rel.related_model.objects.bulk_update(
            citations, ["selector", "locator", "quote_check", "quote_similarity", "quote_passage"]
        )

    def _walk_to_origin(self) -> "Source | None":
        source, seen = self, {self.pk}
        while source.republishes_id is not None and source.republishes_id not in seen:
            seen.add(source.republishes_id)
            source = source.republishes
        return None if source is self else source
