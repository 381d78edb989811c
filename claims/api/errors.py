"""The API's answers to refused writes: the policy's refusal is a 403 naming each field,
a model rule broken at write time a 400, a record that others still refer to a 409, like
every other error of the API (JSON)."""

from collections import Counter

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from claims import policy


def api_exception_handler(exc, context):
    if isinstance(exc, policy.Refused):
        fields = {name: [message] for name, message in exc.problems.items()}
        body = {"detail": " ".join(exc.problems.values()), "fields": fields}
        return Response(body, status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            body = {
                ("non_field_errors" if name == "__all__" else name): messages
                for name, messages in exc.message_dict.items()
            }
        else:
            body = {"non_field_errors": exc.messages}
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, ProtectedError):
        # A deletion the database's foreign keys refuse: say which records are in the way.
        referring = Counter(str(obj._meta.verbose_name_plural) for obj in exc.protected_objects)
        records = ", ".join(f"{name}: {count}" for name, count in sorted(referring.items()))
        body = {
            "detail": _("It cannot be deleted while other records refer to it (%(records)s).")
            % {"records": records}
        }
        return Response(body, status=status.HTTP_409_CONFLICT)
    return exception_handler(exc, context)
