"""The OpenAPI schema's description of errors, added to every operation."""

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in words.")


class ValidationErrorSerializer(serializers.Serializer):
    """Each key is a field (or `non_field_errors`); each value lists the reasons."""

    field_name = serializers.ListField(
        required=False,
        child=serializers.CharField(),
        help_text="The reasons this field was refused (the key is the field's name).",
    )


class ConflictSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What changed meanwhile, in words.")
    current_version = serializers.IntegerField(allow_null=True)
    current = serializers.DictField(allow_null=True, help_text="The record as it is now.")


def _errors(method: str, path_has_id: bool) -> dict[str, tuple]:
    errors = {
        "400": (ValidationErrorSerializer, "Bad input: a malformed value or filter, by field."),
        "429": (ErrorSerializer, "Too many requests: see the Retry-After header."),
    }
    if path_has_id:
        errors["404"] = (ErrorSerializer, "No such record (or not public).")
    if method in {"POST", "PUT", "PATCH", "DELETE"}:
        errors["401"] = (ErrorSerializer, "No or invalid token.")
        errors["403"] = (ErrorSerializer, "The account lacks the permission.")
        errors["413"] = (ErrorSerializer, "The request body is too large.")
    if method in {"PUT", "PATCH"}:
        errors["409"] = (ConflictSerializer, "Changed meanwhile: the current version is given.")
        errors["428"] = (ErrorSerializer, "Say which version you change (body or If-Match).")
    return errors


class TrackerAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        has_id = "{" in self.path
        for code, (serializer, description) in _errors(self.method, has_id).items():
            if code not in responses:
                response = self._get_response_for_code(serializer, code, direction=direction)
                response["description"] = description
                responses[code] = response
        return responses
