"""Requests refused before any view runs."""

from django.core.exceptions import BadRequest
from django.middleware import locale
from django.utils import translation
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


# Addresses outside the reader pages' language prefixes: they keep one address in every
# language and follow the visitor's choice instead.
UNPREFIXED_PATHS = ("/admin/", "/api/", "/i18n/")


class LocaleMiddleware(locale.LocaleMiddleware):
    """Reader pages speak the language of their address (/ar/…, /fa/…, English without a
    prefix). The admin and the API speak the visitor's choice: the language cookie (the
    admin's switcher sets it) or else Accept-Language. Django's own middleware would give
    every unprefixed address the default language, the admin's and the API's included."""

    def process_request(self, request):
        if not request.path_info.startswith(UNPREFIXED_PATHS):
            return super().process_request(request)
        translation.activate(translation.get_language_from_request(request))
        request.LANGUAGE_CODE = translation.get_language()
        return None
