from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.renderers import JSONRenderer
from rest_framework.routers import DefaultRouter

from claims.api import suggestions, views, webhooks

router = DefaultRouter()
router.register("actors", views.ActorViewSet, basename="actor")
router.register("people", views.PersonViewSet, basename="person")
router.register("sources", views.SourceViewSet, basename="source")
router.register("events", views.EventViewSet, basename="event")
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("webhooks", webhooks.WebhookSubscriptionViewSet, basename="webhook")

app_name = "api"

urlpatterns = [
    path("changes/", views.ChangesView.as_view(), name="changes"),
    path("suggestions/", suggestions.SuggestionsView.as_view(), name="suggestions"),
    # As the sources' own addresses: larger numbers would overflow the id column.
    re_path(
        r"^sources/(?P<pk>[0-9]{1,18})/suggestions/$",
        suggestions.SourceSuggestionsView.as_view(),
        name="source-suggestions",
    ),
    # File names as URLs: /claims/export.csv, not /claims/export.csv/.
    path(
        "claims/export.csv",
        views.ClaimViewSet.as_view(
            {"get": "export_csv"}, renderer_classes=[JSONRenderer, views.CSVRenderer]
        ),
        name="claim-export-csv",
    ),
    path(
        "claims/export.ndjson",
        views.ClaimViewSet.as_view(
            {"get": "export_ndjson"}, renderer_classes=[JSONRenderer, views.NDJSONRenderer]
        ),
        name="claim-export-ndjson",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its script as a file, as the Content-Security-Policy requires.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
]
