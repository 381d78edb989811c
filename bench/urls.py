"""The project's URLs plus /bench/trivial/, the baseline of the gunicorn comparison."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from tracker import urls as project_urls


def trivial(request: HttpRequest) -> HttpResponse:
    """What the same server, middleware and worker do for a response with no work in it."""
    return HttpResponse("ok\n", content_type="text/plain")


# The project's patterns themselves, not include()d: Django refuses an included URLconf
# that holds i18n_patterns (the reader pages'), which must stay at the root.
urlpatterns = [path("bench/trivial/", trivial), *project_urls.urlpatterns]

# The project's error pages (JSON under /api/), whatever they are.
for _name in ("handler400", "handler403", "handler404", "handler500"):
    if hasattr(project_urls, _name):
        globals()[_name] = getattr(project_urls, _name)
