"""Suggested claims through the API: for a text sent, or for a source's captured text.

For token holders who may add claims (`claims.add_claim`). A text longer than
MAX_TEXT_CHARACTERS is refused with 413. The answer lists the suggestions in text order.
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.models import Claim, Source
from claims.suggest import Suggestion
from claims.suggest.lexicon import LEXICONS
from claims.suggestions import (
    MAX_TEXT_CHARACTERS,
    source_language,
    suggestions_for_source,
    suggestions_for_text,
)


def languages() -> list[str]:
    return sorted(path.stem for path in LEXICONS.glob("*.toml"))


class MayAddClaims(BasePermission):
    message = gettext_lazy("Suggestions are for accounts that may add claims.")

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated) and request.user.has_perm(
            "claims.add_claim"
        )


class TextTooLong(APIException):
    status_code = 413
    default_code = "too_long"


class SuggestionRequestSerializer(serializers.Serializer):
    text = serializers.CharField(trim_whitespace=False, help_text=gettext_lazy("The text to read."))
    published_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text=gettext_lazy("The source's date: the suggestions' default `stated_on`."),
    )
    language = serializers.ChoiceField(
        choices=languages(), default="en", help_text=gettext_lazy("The text's language.")
    )

    def to_internal_value(self, data):
        text = data.get("text") if hasattr(data, "get") else None
        if isinstance(text, str) and len(text) > MAX_TEXT_CHARACTERS:
            raise _too_long()
        return super().to_internal_value(data)


class SuggestionSerializer(serializers.Serializer):
    start = serializers.IntegerField(help_text="Offset of the quote's first character.")
    end = serializers.IntegerField(help_text="Offset after its last: quote == text[start:end].")
    quote = serializers.CharField(help_text="The whole sentence or quotation.")
    stance = serializers.ChoiceField(choices=Claim.Stance.choices)
    role = serializers.ChoiceField(choices=Claim.Role.choices)
    hedging = serializers.ChoiceField(choices=Claim.Hedging.choices)
    attributed_actor = serializers.CharField(
        allow_null=True, help_text="Slug; null for a name not in the tracker (or no_claim)."
    )
    attributed_mention = serializers.CharField(help_text="The name as the text writes it.")
    claimant_actor = serializers.CharField(allow_null=True, help_text="Slug.")
    claimant_person = serializers.CharField(allow_null=True, help_text="Slug.")
    claimant_mention = serializers.CharField(
        help_text="Who speaks, as written; empty when the source speaks in its own voice."
    )
    claimant_description = serializers.CharField(help_text="e.g. “U.S. officials”.")
    stated_on = serializers.DateField(allow_null=True)
    cues = serializers.ListField(child=serializers.CharField(), help_text="Words read.")
    confidence = serializers.FloatField(help_text="0 to 1.")


class SuggestionListSerializer(serializers.Serializer):
    suggestions = SuggestionSerializer(many=True)


def _too_long() -> TextTooLong:
    return TextTooLong(
        {
            "text": [
                _("The text is longer than %(limit)s characters.")
                % {"limit": f"{MAX_TEXT_CHARACTERS:,}"}
            ]
        }
    )


def _answer(suggestions: list[Suggestion]) -> Response:
    return Response({"suggestions": [s.as_dict() for s in suggestions]})


class SuggestionsView(APIView):
    permission_classes = [MayAddClaims]

    @extend_schema(
        request=SuggestionRequestSerializer,
        responses={200: SuggestionListSerializer},
        summary="Suggest claims for a text",
        description=(
            "The attribution claims a text carries, proposed for an editor to confirm: who "
            "speaks, the stance, the actor named and its role, the hedging, the quote. For "
            "accounts that may add claims; a text over 200,000 characters answers 413."
        ),
    )
    def post(self, request: Request) -> Response:
        serializer = SuggestionRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        return _answer(
            suggestions_for_text(
                data["text"], published_on=data.get("published_on"), language=data["language"]
            )
        )


class SourceSuggestionsView(APIView):
    permission_classes = [MayAddClaims]

    @extend_schema(
        responses={200: SuggestionListSerializer},
        summary="Suggest claims for a source's captured text",
        description=(
            "As POST /api/v1/suggestions/, over the text captured with the source, dated by "
            "the source; a source without captured text has no suggestions."
        ),
    )
    def get(self, request: Request, pk: int) -> Response:
        source = get_object_or_404(
            Source.objects.only("id", "full_text", "published_on", "language"), pk=pk
        )
        if len(source.full_text) > MAX_TEXT_CHARACTERS:
            raise _too_long()
        language = source_language(source)
        if source.full_text and language not in languages():
            raise ValidationError(
                {"language": [_("No cues for “%(code)s” yet.") % {"code": source.language}]}
            )
        return _answer(suggestions_for_source(source, language))
