from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Attribution tracker"
admin.site.site_title = "Attribution tracker"
admin.site.index_title = "Editors' desk"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("claims.api.urls")),
    path("", include("claims.urls")),
]

handler400 = "tracker.errors.bad_request"
handler404 = "tracker.errors.not_found"
handler500 = "tracker.errors.server_error"
