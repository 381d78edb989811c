"""The editors' capture page: give a source as pasted text, an HTML or PDF file or a
URL; check the form pre-filled with what the document states about itself; confirm.

Between the two steps the capture waits in the database (CaptureJob, claims/capture_jobs.py),
so that a 5 MB page is not sent back and forth through the browser and any web process
can take the confirmation; a URL is fetched by a background job while the page waits.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims import capture_jobs
from claims.capture.extract import Capture, CaptureError, capture_document, capture_text
from claims.models import CaptureJob, Source
from claims.services import record_capture
from claims.suggestions import suggestions_for_source


class CaptureForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Pasted text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("The article's text, as the source prints it."),
    )
    file = forms.FileField(
        label=gettext_lazy("or an HTML or PDF file"),
        required=False,
        help_text=gettext_lazy("A page saved from the browser (.html) or a PDF."),
    )
    url = forms.URLField(
        label=gettext_lazy("or its URL"),
        required=False,
        max_length=2000,
        assume_scheme="https",
        help_text=gettext_lazy("Fetched now; the page's HTML is kept with the source."),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        if upload.size > settings.CAPTURE_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB.")
                % {"size": f"{settings.CAPTURE_MAX_BYTES / 1_000_000:g}"}
            )
        if not upload.name.lower().endswith((".html", ".htm", ".pdf", ".txt")):
            raise forms.ValidationError(_("The file name must end in .html, .htm, .pdf or .txt."))
        return upload

    def clean(self):
        data = super().clean()
        given = [name for name in ("text", "file", "url") if data.get(name)]
        if len(given) != 1:
            raise forms.ValidationError(
                _("Give the source in one way: paste its text, upload its file or give its URL.")
            )
        return data

    def capture(self) -> Capture | None:
        """The capture of a pasted text or an uploaded file (a URL is fetched by a job:
        claims.capture_jobs), or None with the reason added to the field it concerns."""
        data = self.cleaned_data
        try:
            if data.get("text"):
                return capture_text(data["text"])
            upload = data["file"]
            return capture_document(
                upload.read(), content_type=upload.content_type or "", filename=upload.name
            )
        except CaptureError as error:
            self.add_error("text" if data.get("text") else "file", str(error))
            return None


class CapturedSourceForm(forms.ModelForm):
    class Meta:
        model = Source
        fields = ["title", "outlet", "author", "published_on", "kind", "language", "url"]


def _allowed(model_admin, request, source: Source | None) -> bool:
    if source is not None:
        return model_admin.has_change_permission(request, source)
    return model_admin.has_add_permission(request)


def _context(model_admin, request, source: Source | None) -> dict:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "source": source,
        "title": _("Capture again: %(source)s") % {"source": source}
        if source
        else _("Capture a source"),
    }


def _capture_url(request, source: Source | None) -> str:
    """The capture page's address (of `source` when it is a re-capture), keeping where
    to go after it (`?then=read`)."""
    if source is not None:
        url = reverse("admin:claims_source_recapture", args=[source.pk])
    else:
        url = reverse("admin:claims_source_capture")
    then = request.GET.get("then")
    return f"{url}?{urlencode({'then': then})}" if then else url


def capture_view(model_admin, request, object_id=None):
    source = get_object_or_404(Source, pk=object_id) if object_id is not None else None
    if not _allowed(model_admin, request, source):
        raise PermissionDenied
    context = _context(model_admin, request, source) | {
        "capture_url": _capture_url(request, source)
    }
    if request.method == "POST" and "token" in request.POST:
        job = _waiting(request, request.POST["token"], source)
        if job is None:
            messages.error(request, _("That capture has expired: capture the source again."))
            return redirect(request.get_full_path())
        return _confirmation(request, context, job)
    form = CaptureForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data.get("url"):
            job = capture_jobs.start_fetch(form.cleaned_data["url"], by=request.user, source=source)
            return redirect(_job_url(request, job))
        capture = form.capture()
        if capture is not None:
            job = capture_jobs.keep(capture, by=request.user, source=source)
            return _confirmation(request, context, job)
    return TemplateResponse(request, "admin/claims/capture.html", context | {"form": form})


def _job_url(request, job: CaptureJob) -> str:
    url = reverse("admin:claims_source_capture_job", args=[job.pk])
    then = request.GET.get("then")
    return f"{url}?{urlencode({'then': then})}" if then else url


def capture_job_view(model_admin, request, job_id):
    """A capture of a URL: the page waits (refreshing itself) while the job fetches it,
    then shows the capture to confirm, or why it could not be had beside the URL."""
    job = get_object_or_404(
        CaptureJob.objects.select_related("source"), pk=job_id, created_by=request.user
    )
    if not _allowed(model_admin, request, job.source):
        raise PermissionDenied
    context = _context(model_admin, request, job.source) | {
        "capture_url": _capture_url(request, job.source)
    }
    if job.status == CaptureJob.Status.FETCHING:
        return TemplateResponse(request, "admin/claims/capture.html", context | {"fetching": job})
    if job.status == CaptureJob.Status.FAILED:
        form = CaptureForm(data={"url": job.url})
        form.is_valid()
        form.add_error("url", job.error)
        return TemplateResponse(request, "admin/claims/capture.html", context | {"form": form})
    return _confirmation(request, context, job)


def _waiting(request, token: str, source: Source | None) -> CaptureJob | None:
    """The editor's own capture that `token` names, ready to confirm."""
    if not token.isdigit():
        return None
    return CaptureJob.objects.filter(
        pk=int(token), created_by=request.user, source=source, status=CaptureJob.Status.READY
    ).first()


def _confirmation(request, context: dict, job: CaptureJob):
    """The captured document's form to check and confirm; on a confirming POST, the
    source saved with the captured text."""
    source, capture = job.source, capture_jobs.capture_of(job)
    if request.method == "POST" and request.POST.get("token") == str(job.pk):
        form = CapturedSourceForm(request.POST, instance=source)
        form.instance.full_text = capture.text
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in CapturedSourceForm.Meta.fields}
            before = source.capture_sha256 if source else None
            saved = record_capture(
                source_fields=fields, capture=capture, by=request.user, source=source
            )
            capture_jobs.confirmed(job)
            count = len(suggestions_for_source(saved))
            if before == capture.sha256:
                note = _("The document has not changed since its last capture.")
            else:
                note = _("Captured: %(count)s suggested claims.") % {"count": count}
            messages.success(request, note)
            if request.GET.get("then") == "read":
                return redirect(reverse("admin:claims_source_read", args=[saved.pk]))
            return redirect(reverse("admin:claims_source_change", args=[saved.pk]))
    elif source is not None:
        form = CapturedSourceForm(instance=source)
    else:
        form = CapturedSourceForm(initial=capture.source_fields())
    return TemplateResponse(
        request,
        "admin/claims/capture.html",
        context | {"capture": capture, "source_form": form, "token": job.pk},
    )


def suggestions_view(model_admin, request, object_id):
    source = get_object_or_404(Source, pk=object_id)
    if not (
        model_admin.has_view_permission(request, source)
        and request.user.has_perm("claims.add_claim")
    ):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "source": source,
        "title": _("Suggested claims: %(source)s") % {"source": source},
        "suggestions": suggestions_for_source(source),
    }
    return TemplateResponse(request, "admin/claims/source/suggestions.html", context)
