"""The OpenAPI schema's description of who may call each operation and of every status it
can answer, added to every operation, so that the schema says what the server does."""

from drf_spectacular.openapi import AutoSchema
from rest_framework import permissions, serializers
from rest_framework.settings import api_settings


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


class StillReferencedSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What still refers to the record, in words.")
    referenced_by = serializers.DictField(
        child=serializers.IntegerField(), help_text="How many records of each kind refer to it."
    )


# Permissions under which anyone, without an account, may read.
OPEN_READS = (
    permissions.AllowAny,
    permissions.DjangoModelPermissionsOrAnonReadOnly,
    permissions.IsAuthenticatedOrReadOnly,
)
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
NO_NUL = "^[^\\u0000]*$"


def _errors(*, method: str, has_id: bool, open_to_all: bool, paged: bool, locked: bool) -> dict:
    errors = {
        "400": (ValidationErrorSerializer, "Bad input: a malformed value or filter, by field."),
        "429": (ErrorSerializer, "Too many requests: see the Retry-After header."),
    }
    if has_id:
        errors["404"] = (ErrorSerializer, "No such record (or not public).")
    elif paged:
        errors["404"] = (ErrorSerializer, "No such page: `page` is past the last page.")
    if not open_to_all:
        errors["401"] = (ErrorSerializer, "No or invalid token.")
        errors["403"] = (ErrorSerializer, "The account lacks the permission.")
    if method in WRITES:
        errors["413"] = (ErrorSerializer, "The request body is too large.")
    if method in {"PUT", "PATCH"} and locked:
        errors["409"] = (ConflictSerializer, "Changed meanwhile: the current version is given.")
        errors["428"] = (ErrorSerializer, "Say which version you change (body or If-Match).")
    if method == "DELETE":
        errors["409"] = (StillReferencedSerializer, "Other records still refer to it.")
    return errors


class TrackerAutoSchema(AutoSchema):
    def get_auth(self):
        """Reading is open to everyone (a token shows an editor's drafts too); writing
        needs a token. drf-spectacular knows AllowAny and IsAuthenticatedOrReadOnly only."""
        auths = super().get_auth()
        if (
            self.method in permissions.SAFE_METHODS
            and {} not in auths
            and all(isinstance(p, OPEN_READS) for p in self.view.get_permissions())
        ):
            auths.append({})
        return auths

    def get_operation(self, *args, **kwargs):
        """An optional query parameter left empty (`?stance=`, as a form sends it) reads as
        absent, except those a view lists in `refuses_empty`: the schema says so."""
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        refused = getattr(self.view, "refuses_empty", ())
        for parameter in operation.get("parameters", []):
            optional = parameter["in"] == "query" and not parameter.get("required")
            if optional and parameter["name"] not in refused:
                parameter["allowEmptyValue"] = True
            text = parameter.get("schema", {})
            if text.get("type") == "string" and "enum" not in text and "pattern" not in text:
                # A NUL character in an address is refused (400), whatever the parameter.
                text["pattern"] = NO_NUL
            if parameter["name"] == api_settings.URL_FORMAT_OVERRIDE:
                # DRF answers an unknown ?format= with 404.
                response = self._get_response_for_code(ErrorSerializer, "404")
                response["description"] = "No such record, or no such format."
                operation["responses"].setdefault("404", response)
        return operation

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        from claims.api.views import OptimisticLockMixin  # the views use this module

        errors = _errors(
            method=self.method,
            has_id="{" in self.path,
            open_to_all={} in self.get_auth(),
            paged=self._is_list_view() and self._get_paginator() is not None,
            locked=isinstance(self.view, OptimisticLockMixin),
        )
        for code, (serializer, description) in errors.items():
            if code not in responses:
                response = self._get_response_for_code(serializer, code, direction=direction)
                response["description"] = description
                responses[code] = response
        return responses
