"""The editors' capture page: give a source as pasted text, an HTML or PDF file or a
URL; check the form pre-filled with what the document states about itself; confirm.

Between the two steps the capture waits in a file named by a random token kept in the
editor's session (as the import page keeps its upload), so that a 5 MB page is not sent
back and forth through the browser.
"""

import dataclasses
import datetime
import json
import secrets
import tempfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims.capture.extract import Capture, CaptureError, capture_document, capture_text
from claims.capture.fetch import fetch
from claims.models import Source
from claims.services import record_capture
from claims.suggestions import suggestions_for_source

PENDING = Path(tempfile.gettempdir()) / "tracker-captures"
SESSION_KEY = "claims_capture"


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
        """The capture, or None with the reason added to the field it concerns."""
        data = self.cleaned_data
        try:
            if data.get("text"):
                return capture_text(data["text"])
            if data.get("file"):
                upload = data["file"]
                return capture_document(
                    upload.read(), content_type=upload.content_type or "", filename=upload.name
                )
            fetched = fetch(data["url"])
            return capture_document(
                fetched.data, content_type=fetched.content_type, url=data["url"]
            )
        except CaptureError as error:
            field = "text" if data.get("text") else "file" if data.get("file") else "url"
            self.add_error(field, str(error))
            return None


class CapturedSourceForm(forms.ModelForm):
    class Meta:
        model = Source
        fields = ["title", "outlet", "author", "published_on", "kind", "language", "url"]


def _save_pending(request, capture: Capture) -> str:
    token = secrets.token_hex(16)
    PENDING.mkdir(exist_ok=True)
    data = dataclasses.asdict(capture)
    data["captured_at"] = capture.captured_at.isoformat()
    data["published_on"] = capture.published_on.isoformat() if capture.published_on else None
    (PENDING / f"{token}.json").write_text(json.dumps(data))
    request.session[SESSION_KEY] = token
    return token


def _load_pending(request) -> Capture | None:
    token = request.session.get(SESSION_KEY)
    if not token or token != request.POST.get("token"):
        return None
    path = PENDING / f"{token}.json"
    if not path.exists():
        return None
    data = json.loads(path.read_text())
    data["captured_at"] = datetime.datetime.fromisoformat(data["captured_at"])
    if data["published_on"]:
        data["published_on"] = datetime.date.fromisoformat(data["published_on"])
    return Capture(**data)


def _forget_pending(request) -> None:
    token = request.session.pop(SESSION_KEY, None)
    if token:
        (PENDING / f"{token}.json").unlink(missing_ok=True)


def capture_view(model_admin, request, object_id=None):
    source = get_object_or_404(Source, pk=object_id) if object_id is not None else None
    allowed = (
        model_admin.has_change_permission(request, source)
        if source
        else model_admin.has_add_permission(request)
    )
    if not allowed:
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "source": source,
        "title": _("Capture again: %(source)s") % {"source": source}
        if source
        else _("Capture a source"),
    }
    if request.method == "POST" and "token" in request.POST:
        capture = _load_pending(request)
        if capture is None:
            messages.error(request, _("That capture has expired: capture the source again."))
            return redirect(request.path)
        form = CapturedSourceForm(request.POST, instance=source)
        form.instance.full_text = capture.text
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in CapturedSourceForm.Meta.fields}
            before = source.capture_sha256 if source else None
            saved = record_capture(
                source_fields=fields, capture=capture, by=request.user, source=source
            )
            _forget_pending(request)
            count = len(suggestions_for_source(saved))
            if before == capture.sha256:
                note = _("The document has not changed since its last capture.")
            else:
                note = _("Captured: %(count)s suggested claims.") % {"count": count}
            messages.success(request, note)
            if request.GET.get("then") == "read":
                return redirect(reverse("admin:claims_source_read", args=[saved.pk]))
            return redirect(reverse("admin:claims_source_change", args=[saved.pk]))
        return TemplateResponse(
            request,
            "admin/claims/capture.html",
            context | {"capture": capture, "source_form": form, "token": request.POST["token"]},
        )
    form = CaptureForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        capture = form.capture()
        if capture is not None:
            token = _save_pending(request, capture)
            if source is not None:
                source_form = CapturedSourceForm(instance=source)
            else:
                source_form = CapturedSourceForm(initial=capture.source_fields())
            return TemplateResponse(
                request,
                "admin/claims/capture.html",
                context | {"capture": capture, "source_form": source_form, "token": token},
            )
    return TemplateResponse(request, "admin/claims/capture.html", context | {"form": form})


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
