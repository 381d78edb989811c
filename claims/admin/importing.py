"""The editors' import page: upload a file; its dry run and, once confirmed, its import
run as background jobs (claims/import_jobs.py) while the page shows their progress;
the report is kept and can be reopened."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims import import_jobs
from claims.models import ImportJob

MAX_IMPORT_BYTES = 50 * 1024 * 1024
RECENT_IMPORTS = 20


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "CSV or NDJSON in the export's format, or the simple spreadsheet CSV "
            "described in the README. At most 50 MB."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB: split it."))
        if not upload.name.lower().endswith((".csv", ".ndjson", ".jsonl")):
            raise forms.ValidationError(_("The file name must end in .csv, .ndjson or .jsonl."))
        return upload


def _context(model_admin, request, title: str) -> dict:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": title,
    }


def _jobs_of(request):
    jobs = ImportJob.objects.defer("data").select_related("created_by")
    return jobs if request.user.is_superuser else jobs.filter(created_by=request.user)


def import_view(model_admin, request):
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = import_jobs.start(filename=upload.name, data=upload.read(), by=request.user)
        return redirect("admin:claims_claim_import_job", job.pk)
    context = _context(model_admin, request, _("Import claims")) | {
        "form": form,
        "jobs": _jobs_of(request)[:RECENT_IMPORTS],
    }
    return TemplateResponse(request, "admin/claims/import.html", context)


def import_job_view(model_admin, request, pk: int):
    """An import's progress, its report, and the button that confirms it."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    job = get_object_or_404(_jobs_of(request), pk=pk)
    if request.method == "POST":
        if import_jobs.confirm(job):
            messages.info(request, _("The import has started."))
        else:
            messages.error(request, _("This file is not waiting for confirmation."))
        return redirect("admin:claims_claim_import_job", job.pk)
    title = _("Import of %(name)s") % {"name": job.filename}
    return TemplateResponse(
        request,
        "admin/claims/import_job.html",
        _context(model_admin, request, title) | {"job": job, "progress": import_jobs.progress(job)},
    )
