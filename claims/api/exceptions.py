"""The API's errors as JSON: DRF's own; a write the permission policy refuses (a 403
naming each field); a model rule broken at write time (a 400, like every other); and
deleting a record that others still refer to (a 409)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, ProtectedError, RestrictedError
from django.utils.text import capfirst
from django.utils.translation import gettext
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from claims import policy


def _kinds_referring(record: Model, referrers: set[Model]) -> dict[type[Model], dict]:
    """The records referring to `record`, by model: how many, and through which fields."""
    kinds: dict[type[Model], dict] = {}
    for referrer in referrers:
        entry = kinds.setdefault(type(referrer), {"count": 0, "fields": set()})
        entry["count"] += 1
        entry["fields"] |= {
            str(field.verbose_name)
            for field in referrer._meta.concrete_fields
            if field.is_relation
            and field.related_model is type(record)
            and getattr(referrer, field.attname) == record.pk
        }
    return kinds


def still_referenced(record: Model, error: ProtectedError | RestrictedError) -> dict:
    """A 409's body: the record is not deleted while other records refer to it through a
    protected foreign key; what refers to it, so that the client can change those first."""
    referrers = getattr(error, "protected_objects", None) or error.restricted_objects
    kinds = sorted(
        _kinds_referring(record, referrers).items(), key=lambda item: item[0]._meta.model_name
    )
    described = [
        gettext("%(count)d %(kind)s (through %(fields)s)")
        % {
            "count": entry["count"],
            "kind": model._meta.verbose_name
            if entry["count"] == 1
            else model._meta.verbose_name_plural,
            "fields": ", ".join(sorted(entry["fields"])),
        }
        for model, entry in kinds
    ]
    detail = gettext(
        "%(record)s “%(name)s” cannot be deleted while it is referred to by %(referrers)s: "
        "change or delete those first. Nothing was deleted."
    ) % {
        "record": capfirst(record._meta.verbose_name),
        "name": record,
        "referrers": ", ".join(described),
    }
    return {
        "detail": detail,
        "referenced_by": {
            str(model._meta.verbose_name_plural): entry["count"] for model, entry in kinds
        },
    }


def exception_handler(exc, context):
    """DRF's handler; a protected foreign key that stops a DELETE is a 409 naming what
    still refers to the record, not a server error."""
    if isinstance(exc, policy.Refused):
        set_rollback()
        fields = {name: [message] for name, message in exc.problems.items()}
        body = {"detail": " ".join(exc.problems.values()), "fields": fields}
        return Response(body, status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, DjangoValidationError):
        set_rollback()
        if hasattr(exc, "error_dict"):
            body = {
                ("non_field_errors" if name == "__all__" else name): messages
                for name, messages in exc.message_dict.items()
            }
        else:
            body = {"non_field_errors": exc.messages}
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, ProtectedError | RestrictedError):
        set_rollback()
        body = still_referenced(context["view"].get_object(), exc)
        return Response(body, status=status.HTTP_409_CONFLICT)
    return drf_exception_handler(exc, context)
