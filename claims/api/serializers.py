"""The API's representation of each resource, in the model's own vocabulary."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django_countries.serializers import CountryFieldMixin
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied

from claims.attribution import AttributionState, ReasonCode
from claims.models import Actor, Affiliation, Citation, Claim, Event, Person, Source
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


class AliasesField(serializers.ListField):
    """The spellings other than the name, read from prefetched aliases."""

    child = serializers.CharField(max_length=200)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        return instance.alias_names


class AliasedSerializer(serializers.ModelSerializer):
    aliases = AliasesField(required=False)

    def validate(self, attrs):
        model = self.Meta.model
        names = [attrs.get("name") or getattr(self.instance, "name", "")]
        names += attrs.get("aliases", [])
        keys = [normalize_name(name) for name in names]
        if len(set(keys)) != len(keys):
            raise serializers.ValidationError({"aliases": ["Two spellings are the same."]})
        alias_model = model.aliases.rel.related_model
        owner_field = model.aliases.field.name
        clashes = alias_model.objects.filter(normalized__in=keys).select_related(owner_field)
        if self.instance is not None:
            clashes = clashes.exclude(**{owner_field: self.instance})
        for clash in clashes:
            raise serializers.ValidationError(
                {"aliases": [f"“{clash.name}” already names {getattr(clash, owner_field)}."]}
            )
        return attrs

    @transaction.atomic
    def create(self, validated_data):
        aliases = validated_data.pop("aliases", [])
        instance = super().create(validated_data)
        self._set_aliases(instance, aliases)
        return instance

    @transaction.atomic
    def update(self, instance, validated_data):
        aliases = validated_data.pop("aliases", None)
        instance = super().update(instance, validated_data)
        if aliases is not None:
            self._set_aliases(instance, aliases)
        return instance

    @staticmethod
    def _set_aliases(instance, names: list[str]) -> None:
        """Add the given spellings; former ones stay, since they may name the entry in sources."""
        for name in names:
            if not instance.aliases.filter(normalized=normalize_name(name)).exists():
                instance.aliases.create(name=name)


class ActorSerializer(CountryFieldMixin, AliasedSerializer):
    parent = serializers.SlugRelatedField(
        slug_field="slug", queryset=Actor.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Actor
        fields = [
            "slug",
            "name",
            "kind",
            "country",
            "aliases",
            "parent",
            "wikidata_id",
            "description",
        ]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        candidate = Actor(**{k: v for k, v in attrs.items() if k != "aliases"})
        if self.instance is not None:
            candidate.pk = self.instance.pk
        try:
            candidate.clean()
        except DjangoValidationError as error:
            _raise_as_drf(error)
        return attrs


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


class SourceSerializer(serializers.ModelSerializer):
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

    def validate(self, attrs):
        source = Source(**(self._current_values() | attrs))
        try:
            source.clean()
        except DjangoValidationError as error:
            _raise_as_drf(error)
        return attrs

    def _current_values(self) -> dict:
        if self.instance is None:
            return {}
        return {
            field: getattr(self.instance, field)
            for field in self.Meta.fields
            if field not in ("id",)
        } | {"pk": self.instance.pk, "full_text": self.instance.full_text}


class RelatedEventSerializer(serializers.Serializer):
    relation = serializers.CharField()
    event = serializers.SlugField(source="to_event.slug")


class EventSerializer(CountryFieldMixin, serializers.ModelSerializer):
    state = serializers.CharField(source="attribution_state", read_only=True)
    related = RelatedEventSerializer(source="relations", many=True, read_only=True)

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

    def validate(self, attrs):
        current = (
            {f: getattr(self.instance, f) for f in attrs.keys() | {"date", "end_date"}}
            if self.instance
            else {}
        )
        event = Event(**(current | attrs))
        try:
            event.clean()
            event.validate_constraints()
        except DjangoValidationError as error:
            _raise_as_drf(error)
        return attrs


class CitationSerializer(serializers.ModelSerializer):
    source = serializers.PrimaryKeyRelatedField(queryset=Source.objects.all())

    class Meta:
        model = Citation
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


class ClaimSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", queryset=Event.objects.all())
    claimant_actor = serializers.SlugRelatedField(
        slug_field="slug", queryset=Actor.objects.all(), allow_null=True, required=False
    )
    claimant_person = serializers.SlugRelatedField(
        slug_field="slug", queryset=Person.objects.all(), allow_null=True, required=False
    )
    attributed_actor = serializers.SlugRelatedField(
        slug_field="slug", queryset=Actor.objects.all(), allow_null=True, required=False
    )
    attributed_actor_hint = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Actor.objects.all(),
        allow_null=True,
        required=False,
        help_text="With attributed_description only: the slug of a known actor the "
        "description is consistent with. Never counted as naming it.",
    )
    responds_to = serializers.PrimaryKeyRelatedField(
        queryset=Claim.objects.all(), allow_null=True, required=False
    )
    citations = CitationSerializer(many=True, required=False)

    class Meta:
        model = Claim
        fields = [
            "id",
            "event",
            "claimant_actor",
            "claimant_person",
            "claimant_description",
            "speaker_title",
            "channel",
            "stance",
            "attributed_actor",
            "attributed_description",
            "attributed_actor_hint",
            "role",
            "hedging",
            "status",
            "retraction_reason",
            "publication",
            "quote_check_override",
            "stated_on",
            "stated_on_precision",
            "responds_to",
            "citations",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at"]

    def validate(self, attrs):
        """Apply the model's rules to the claim as it would be after this write."""
        derived = {"id", "citations", *self.Meta.read_only_fields}
        claim = Claim(
            **{
                name: attrs.get(name, getattr(self.instance, name, None))
                for name in self.Meta.fields
                if name not in derived and (name in attrs or self.instance is not None)
            }
        )
        if self.instance is not None:
            claim.pk = self.instance.pk
        try:
            claim.clean_fields(exclude=["event", "claimant_actor", "claimant_person"])
            claim.clean()
            claim.validate_constraints()
        except DjangoValidationError as error:
            _raise_as_drf(error)

        publishing = claim.publication == Claim.Publication.PUBLISHED and (
            self.instance is None or self.instance.publication != Claim.Publication.PUBLISHED
        )
        unpublishing = (
            self.instance is not None
            and self.instance.publication == Claim.Publication.PUBLISHED
            and claim.publication != Claim.Publication.PUBLISHED
        )
        user = self.context["request"].user
        if (publishing or unpublishing) and not user.has_perm("claims.publish_claim"):
            raise PermissionDenied("Publishing or unpublishing a claim needs the reviewer's right.")
        status_before = self.instance.status if self.instance else Claim.Status.UNVERIFIED
        if claim.status != status_before and not user.has_perm("claims.verify_claim"):
            raise PermissionDenied("Setting the verification status needs the reviewer's right.")
        if claim.publication == Claim.Publication.PUBLISHED:
            problems = claim.publication_problems(self._citations_after_write(attrs))
            if problems:
                raise serializers.ValidationError(
                    {"citations": [f"The claim cannot be published: {problems[0]}."]}
                )
        return attrs

    def _citations_after_write(self, attrs) -> list[Citation]:
        if attrs.get("citations") is None:
            return list(self.instance.citations.all()) if self.instance is not None else []
        citations = [
            Citation(source=values["source"], quote=values["quote"])
            for values in attrs["citations"]
        ]
        for citation in citations:
            citation.check_quote()
        return citations

    @transaction.atomic
    def create(self, validated_data):
        citations = validated_data.pop("citations", [])
        user = self.context["request"].user
        claim = Claim.objects.create(**validated_data, created_by=user, updated_by=user)
        self._write_citations(claim, citations)
        return claim

    @transaction.atomic
    def update(self, instance, validated_data):
        citations = validated_data.pop("citations", None)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        instance.updated_by = self.context["request"].user
        instance.save()
        if citations is not None:
            instance.citations.all().delete()
            self._write_citations(instance, citations)
        return instance

    @staticmethod
    def _write_citations(claim: Claim, citations: list[dict]) -> None:
        for values in citations:
            citation = Citation(claim=claim, **values)
            try:
                citation.full_clean()
            except DjangoValidationError as error:
                _raise_as_drf(error)
            citation.save()


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
    state = serializers.ChoiceField(choices=AttributionState.choices)
    responsibility_not_claimed = serializers.BooleanField()
    no_claim_reports = serializers.ListField(child=serializers.IntegerField())
    roles = serializers.DictField(child=RoleAttributionSerializer())
