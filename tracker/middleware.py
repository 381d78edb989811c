"""Requests refused before any view runs."""

from django.core.exceptions import BadRequest
from django.utils.translation import gettext


class RefuseNulCharactersMiddleware:
    """A NUL character in the address (`/api/v1/events/%00/`, `?q=%00`) is a 400: no slug
    or text of the site holds one, and PostgreSQL refuses one in a query, which would
    otherwise end in a server error. The answer is JSON under /api/ (tracker/errors.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        parameters = request.GET.lists()
        if "\x00" in request.path or any(
            "\x00" in name or any("\x00" in value for value in values)
            for name, values in parameters
        ):
            raise BadRequest(gettext("The address holds a NUL character."))
        return self.get_response(request)
