"""The project's URLs plus /bench/trivial/, the baseline of the gunicorn comparison."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from tracker import urls as project_urls


def trivial(request: HttpRequest) -> HttpResponse:
    """What the same server, middleware and worker do for a response with no work in it."""
    return HttpResponse("ok\n", content_type="text/plain")


urlpatterns = [
    path("bench/trivial/", trivial),
    path("", include("tracker.urls")),
]

# The project's error pages (JSON under /api/), whatever they are.
for _name in ("handler400", "handler403", "handler404", "handler500"):
    if hasattr(project_urls, _name):
        globals()[_name] = getattr(project_urls, _name)
