from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Attribution tracker")
admin.site.site_title = _("Attribution tracker")
admin.site.index_title = _("Editors' desk")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("claims.api.urls")),
    # set_language: the admin's language switcher sets the language cookie through it.
    path("i18n/", include("django.conf.urls.i18n")),
]
# The reader pages, in English at their plain address and in Arabic and Persian under
# /ar/ and /fa/.
urlpatterns += i18n_patterns(path("", include("claims.urls")), prefix_default_language=False)

handler400 = "tracker.errors.bad_request"
handler404 = "tracker.errors.not_found"
handler500 = "tracker.errors.server_error"
