"""The API's representation of each resource, in the model's own vocabulary."""

import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries.serializers import CountryFieldMixin
from rest_framework import serializers
from rest_framework.relations import PKOnlyObject

from claims import services
from claims.api.fields import SlugLookupField
from claims.attribution import AttributionState, ReasonCode
from claims.models import Actor, Affiliation, Citation, Claim, Event, Person, Source
from claims.models.claims import CLAIM_VALUE_FIELDS
from claims.normalize import normalize_name


def _raise_as_drf(error: DjangoValidationError) -> None:
    """Report a model's validation error under the API's field names."""
    if hasattr(error, "error_dict"):
        raise serializers.ValidationError(
            {
                ("non_field_errors" if field == "__all__" else field): messages
                for field, messages in error.message_dict.items()
            }
        ) from error
    raise serializers.ValidationError({"non_field_errors": error.messages}) from error


class ServiceWrittenSerializer(serializers.ModelSerializer):
    """Checks the shape of the input and the model's own rules on the record as it would
    be after the write; writes through the services, which judge the change by the
    permission policy (a refusal is a 403, see claims.api.errors)."""

    def record_after(self, attrs: dict, *, in_place: bool = False):
        """The record with `attrs` applied (a copy of the stored one, unless `in_place`)."""
        model_fields = {f.name for f in self.Meta.model._meta.concrete_fields}
        if self.instance is None:
            record = self.Meta.model()
        else:
            record = self.instance if in_place else copy.copy(self.instance)
        for name, value in attrs.items():
            if name in model_fields:
                setattr(record, name, value)
        return record

    def validate(self, attrs):
        record = self.record_after(attrs)
        try:
            record.clean()
            record.validate_constraints()
        except DjangoValidationError as error:
            _raise_as_drf(error)
        return attrs

    @property
    def acting_user(self):
        return self.context["request"].user

    def create(self, validated_data):
        return self.write(self.record_after(validated_data, in_place=True), validated_data)

    def update(self, instance, validated_data):
        return self.write(self.record_after(validated_data, in_place=True), validated_data)

    def write(self, record, validated_data):
        try:
            return services.save_record(record, by=self.acting_user)
        except DjangoValidationError as error:
            _raise_as_drf(error)


class AliasesField(serializers.ListField):
    """The spellings other than the name, read from prefetched aliases."""

    child = serializers.CharField(max_length=200)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        return instance.alias_names


class AliasedSerializer(ServiceWrittenSerializer):
    aliases = AliasesField(required=False)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        names = [attrs.get("name") or getattr(self.instance, "name", "")]
        names += attrs.get("aliases", [])
        keys = [normalize_name(name) for name in names]
        if len(set(keys)) != len(keys):
            raise serializers.ValidationError({"aliases": [_("Two spellings are the same.")]})
        alias_model = model.aliases.rel.related_model
        owner_field = model.aliases.field.name
        clashes = alias_model.objects.filter(normalized__in=keys).select_related(owner_field)
        if self.instance is not None:
            clashes = clashes.exclude(**{owner_field: self.instance})
        for clash in clashes:
            raise serializers.ValidationError(
                {
                    "aliases": [
                        _("“%(alias)s” already names %(owner)s.")
                        % {"alias": clash.name, "owner": getattr(clash, owner_field)}
                    ]
                }
            )
        return attrs

    def write(self, record, validated_data):
        aliases = validated_data.get("aliases") or []
        try:
            return services.save_record(
                record,
                by=self.acting_user,
                save_related=lambda: self._set_aliases(record, aliases),
            )
        except DjangoValidationError as error:
            _raise_as_drf(error)

    @staticmethod
    def _set_aliases(instance, names: list[str]) -> None:
        """Add the given spellings; former ones stay, since they may name the entry in sources."""
        for name in names:
            if not instance.aliases.filter(normalized=normalize_name(name)).exists():
                instance.aliases.create(name=name)


class ActorSerializer(CountryFieldMixin, AliasedSerializer):
    parent = SlugLookupField(
        slug_field="slug", queryset=Actor.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Actor
        fields = [
            "slug",
            "name",
            "kind",
            "grammatical_number",
            "country",
            "aliases",
            "parent",
            "wikidata_id",
            "description",
        ]


class AffiliationSerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Affiliation
        fields = ["actor", "title", "start", "end"]


class PersonSerializer(AliasedSerializer):
    affiliations = AffiliationSerializer(many=True, read_only=True)

    class Meta:
        model = Person
        fields = ["slug", "name", "aliases", "affiliations", "wikidata_id", "description"]


class ReadersIdField(serializers.PrimaryKeyRelatedField):
    """The id of a related record, given as null to readers who may not see that record.

    Unless the serializer's context says that drafts are visible (`drafts_visible`),
    the id is read from the queryset's annotation `annotation`, which holds it only
    when readers may see the record; an object loaded without the annotation costs a
    query of `visible`, the records readers may see.
    """

    def __init__(self, *, annotation: str, visible: QuerySet, **kwargs):
        self.annotation, self.visible = annotation, visible
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        if self.context.get("drafts_visible"):
            return super().get_attribute(instance)
        pk = instance.serializable_value(self.source)
        if pk is None:
            return None
        if hasattr(instance, self.annotation):
            pk = getattr(instance, self.annotation)
        else:
            pk = self.visible.filter(pk=pk).values_list("pk", flat=True).first()
        return None if pk is None else PKOnlyObject(pk=pk)


class SourceSerializer(ServiceWrittenSerializer):
    republishes = ReadersIdField(
        annotation="public_republishes_id",  # SourceQuerySet.with_public_republishes
        visible=Source.objects.public(),
        queryset=Source.objects.all(),
        allow_null=True,
        required=False,
        help_text=_(
            "The id of the source this one republishes (a blog post pasting a newspaper "
            "article). Null for an original, and also, for readers who may not see drafts, "
            "when no published claim cites the source it republishes."
        ),
    )

    class Meta:
        model = Source
        fields = [
            "id",
            "url",
            "title",
            "outlet",
            "author",
            "published_on",
            "kind",
            "language",
            "archive_url",
            "republishes",
        ]


class RelatedEventSerializer(serializers.Serializer):
    relation = serializers.CharField()
    event = serializers.SlugField(source="to_event.slug")


class EventSerializer(CountryFieldMixin, ServiceWrittenSerializer):
    state = serializers.CharField(source="attribution_state", read_only=True)
    related = RelatedEventSerializer(
        source="relations",
        many=True,
        read_only=True,
        help_text=_(
            "The events this one relates to. Readers who may not see drafts are given only "
            "events with a published claim."
        ),
    )

    class Meta:
        model = Event
        fields = [
            "slug",
            "title",
            "date",
            "date_precision",
            "end_date",
            "place",
            "country",
            "latitude",
            "longitude",
            "kind",
            "summary",
            "related",
            "state",
            "version",
        ]
        read_only_fields = ["version"]


class CitationListSerializer(serializers.ListSerializer):
    """A claim's citations, counted before any of them is checked (each costs a look-up of
    its source and a quote check)."""

    def to_internal_value(self, data):
        if isinstance(data, list):
            try:
                Claim.check_citation_count(len(data))
            except DjangoValidationError as error:
                raise serializers.ValidationError(error.messages) from error
        return super().to_internal_value(data)


class CitationSerializer(serializers.ModelSerializer):
    source = serializers.PrimaryKeyRelatedField(queryset=Source.objects.all())

    class Meta:
        model = Citation
        list_serializer_class = CitationListSerializer
        fields = [
            "source",
            "quote",
            "locator",
            "language",
            "translation",
            "quote_check",
            "quote_similarity",
        ]
        read_only_fields = ["quote_check", "quote_similarity"]


class ClaimSerializer(ServiceWrittenSerializer):
    event = SlugLookupField(slug_field="slug", queryset=Event.objects.all())
    claimant_actor = SlugLookupField(
        slug_field="slug", queryset=Actor.objects.all(), allow_null=True, required=False
    )
    claimant_person = SlugLookupField(
        slug_field="slug", queryset=Person.objects.all(), allow_null=True, required=False
    )
    attributed_actor = SlugLookupField(
        slug_field="slug", queryset=Actor.objects.all(), allow_null=True, required=False
    )
    attributed_actor_hint = SlugLookupField(
        slug_field="slug",
        queryset=Actor.objects.all(),
        allow_null=True,
        required=False,
        help_text=_(
            "With attributed_description only: the slug of a known actor the description "
            "is consistent with. Never counted as naming it."
        ),
    )
    responds_to = ReadersIdField(
        annotation="public_responds_to_id",  # ClaimQuerySet.with_public_responds_to
        visible=Claim.objects.published(),
        queryset=Claim.objects.all(),
        allow_null=True,
        required=False,
        help_text=_(
            "The id of the claim this one answers (a dispute must name one). Null when it "
            "answers none, and also, for readers who may not see drafts, when the claim it "
            "answers is not published."
        ),
    )
    citations = CitationSerializer(many=True, required=False)

    class Meta:
        model = Claim
        fields = [
            "id",
            "event",
            "claimant_actor",
            "claimant_person",
            "attributed_actor",
            "attributed_actor_hint",
            *CLAIM_VALUE_FIELDS,
            "responds_to",
            "citations",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        record = self.record_after(attrs)
        try:
            record.clean_fields(exclude=["event", "claimant_actor", "claimant_person"])
        except DjangoValidationError as error:
            _raise_as_drf(error)
        return attrs

    def write(self, claim, validated_data):
        given = validated_data.get("citations")
        changes = None
        if given is not None:
            # The i-th citation given changes the i-th stored one in place; the rest are
            # added, or removed (a published claim keeps at least one).
            stored = list(claim.citations.order_by("pk")) if claim.pk else []
            saved = []
            for number, values in enumerate(given):
                citation = stored[number] if number < len(stored) else Citation(claim=claim)
                for name, value in values.items():
                    setattr(citation, name, value)
                saved.append(citation)
            changes = services.CitationChanges(save=saved, delete=stored[len(given) :])
        try:
            return services.save_claim(claim, by=self.acting_user, citations=changes)
        except DjangoValidationError as error:
            _raise_as_drf(error)


# The derived comparison of an event (/events/{slug}/attributions/): read only, described
# here for the schema.


class ReasonSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=ReasonCode.choices, help_text="Stable; see the README.")
    text = serializers.CharField(help_text="The reason in words, as the event page shows it.")
    claims = serializers.ListField(child=serializers.IntegerField(), help_text="Claim ids.")
    actors = serializers.ListField(child=serializers.SlugField(), help_text="Actor slugs.")


class CandidateSerializer(serializers.Serializer):
    actor = serializers.SlugField()
    self_claimed = serializers.BooleanField()
    confirmed = serializers.BooleanField()
    independent_sources = serializers.IntegerField()
    supporting = serializers.ListField(child=serializers.IntegerField())
    opposing = serializers.ListField(child=serializers.IntegerField())
    also_named_as = serializers.ListField(child=serializers.SlugField())
    consistent = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="Claims that describe the culprit without naming it, in words the editors "
        "found consistent with this actor; not counted as support.",
    )


class RoleAttributionSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=AttributionState.choices)
    reasons = ReasonSerializer(many=True, help_text="Why, the deciding reasons first.")
    candidates = CandidateSerializer(many=True)
    other_denials = serializers.ListField(child=serializers.IntegerField())
    unnamed = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="Claims that name no one and are consistent with no candidate (and disputes "
        "answering them): they never make a candidate or contest.",
    )


class AttributionsSerializer(serializers.Serializer):
    event = serializers.SlugField()
    as_of = serializers.DateField(allow_null=True)
    as_shown_on = serializers.DateField(allow_null=True)
    state = serializers.ChoiceField(choices=AttributionState.choices)
    responsibility_not_claimed = serializers.BooleanField()
    no_claim_reports = serializers.ListField(child=serializers.IntegerField())
    roles = serializers.DictField(child=RoleAttributionSerializer())


class CorrectionSerializer(serializers.Serializer):
    """One change to what readers saw (claims.corrections.Correction), with the claim as
    readers saw it before the change."""

    id = serializers.CharField(source="uid")
    kind = serializers.CharField()
    label = serializers.CharField()
    at = serializers.DateTimeField()
    claim = serializers.IntegerField(source="claim.pk")
    claimant = serializers.CharField(source="claim.claimant_label")
    stance = serializers.CharField(source="claim.stance")
    attributed = serializers.CharField(source="claim.attributed_label")
    before = serializers.CharField()
    after = serializers.CharField()
    reason = serializers.CharField()
