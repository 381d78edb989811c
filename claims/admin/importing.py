"""The editors' import page: upload a file, read the dry-run report, confirm."""

import secrets
import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy

from claims.importer import ImportRefused, read_rows
from claims.services import import_claims

MAX_IMPORT_BYTES = 50 * 1024 * 1024
UPLOADS = Path(tempfile.gettempdir()) / "tracker-imports"


class ImportForm(forms.Form):
    file = forms.FileField(
        help_text=gettext_lazy(
            "CSV or NDJSON in the export's format, or the simple spreadsheet CSV "
            "described in the README. At most 50 MB."
        )
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("The file is larger than 50 MB: split it.")
        if not upload.name.lower().endswith((".csv", ".ndjson", ".jsonl")):
            raise forms.ValidationError("The file name must end in .csv, .ndjson or .jsonl.")
        return upload


def import_view(model_admin, request):
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": "Import claims",
    }
    if request.method == "POST" and "token" in request.POST:
        return _confirm(model_admin, request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            report = import_claims(read_rows(data, upload.name), dry_run=True, by=request.user)
        except ImportRefused as refused:
            report = refused.report
        except UnicodeDecodeError:
            form.add_error("file", "The file is not UTF-8 text.")
            return TemplateResponse(request, "admin/claims/import.html", context | {"form": form})
        context |= {"report": report, "filename": upload.name}
        if report.ok:
            token = secrets.token_hex(16)
            UPLOADS.mkdir(exist_ok=True)
            (UPLOADS / token).write_bytes(data)
            request.session["claims_import"] = {"token": token, "name": upload.name}
            context["token"] = token
    context["form"] = form
    return TemplateResponse(request, "admin/claims/import.html", context)


def _confirm(model_admin, request):
    pending = request.session.pop("claims_import", None)
    if not pending or pending["token"] != request.POST["token"]:
        messages.error(request, "That upload has expired: upload the file again.")
        return redirect("admin:claims_claim_import")
    path = UPLOADS / pending["token"]
    try:
        report = import_claims(
            read_rows(path.read_bytes(), pending["name"]),
            by=request.user,
        )
    except ImportRefused as refused:  # the data changed since the dry run
        messages.error(request, f"Nothing was imported: {len(refused.report.errors)} problem(s).")
        return redirect("admin:claims_claim_import")
    finally:
        path.unlink(missing_ok=True)
    messages.success(request, f"Imported {pending['name']}: {report.summary()}.")
    return redirect("admin:claims_claim_changelist")
