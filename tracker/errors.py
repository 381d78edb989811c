"""Error pages: JSON under /api/, the usual HTML pages elsewhere, and 503 (not 500)
while the database cannot be reached, so that clients know to retry."""

import sys

from django.core.exceptions import BadRequest, RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext
from django.views import defaults

API_PREFIX = "/api/"
RETRY_AFTER_SECONDS = "30"


def bad_request(request, exception):
    if not request.path.startswith(API_PREFIX):
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        return JsonResponse({"detail": gettext("The request body is too large.")}, status=413)
    if isinstance(exception, BadRequest) and str(exception):
        # Raised with a message for the client (tracker/middleware.py).
        return JsonResponse({"detail": str(exception)}, status=400)
    return JsonResponse({"detail": gettext("Bad request.")}, status=400)


def not_found(request, exception):
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": gettext("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    # Called while the exception is being handled, so sys.exc_info() names it.
    database_down = isinstance(sys.exc_info()[1], OperationalError | InterfaceError)
    status = 503 if database_down else 500
    if request.path.startswith(API_PREFIX):
        detail = (
            gettext("The database is unavailable; retry shortly.")
            if database_down
            else gettext("Server error.")
        )
        response = JsonResponse({"detail": detail}, status=status)
    elif database_down:
        # No template context processors: they might query the database again.
        body = loader.get_template("503.html").render()
        response = HttpResponse(body, status=503)
    else:
        return defaults.server_error(request)
    if database_down:
        response["Retry-After"] = RETRY_AFTER_SECONDS
    return response
