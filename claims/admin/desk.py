"""The editors' desk: a source's captured text beside the claim form, one suggested
claim after another (claims.desk reads, claims.services.desk writes).

Every action is a plain form POST that answers with a redirect back to the page, so the
desk works without its script; the script (claims/static/claims/desk.js) sends the same
POSTs with `Accept: application/json` and gets JSON (with the next suggestion's form as
an HTML fragment) instead, so that no action reloads the page.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import construct_instance
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims import desk, policy, services
from claims.duplicates import DuplicateFinder
from claims.models import (
    Actor,
    ActorAlias,
    Claim,
    Event,
    Person,
    PersonAlias,
    RejectedSuggestion,
    Source,
)
from claims.services.desk import quote_span
from claims.suggest import Suggestion
from claims.suggestions import suggestions_for_source

from .base import refusal_text

SESSION_KEY = "claims_desk_last"
AUTOCOMPLETED = ["event", "claimant_actor", "claimant_person", "attributed_actor"]
# The new records an editor may create in the form: form field prefix, model, claim field.
NEW_RECORDS = [
    ("new_claimant_actor", Actor, "claimant_actor"),
    ("new_claimant_person", Person, "claimant_person"),
    ("new_attributed_actor", Actor, "attributed_actor"),
]


def _new_actor_kind() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=gettext_lazy("its kind"), required=False, choices=Actor.Kind.choices
    )


def _new_actor_parent() -> forms.ModelChoiceField:
    """A new actor's parent, chosen among the known actors as the actor page chooses it."""
    return forms.ModelChoiceField(
        label=gettext_lazy("its parent"),
        required=False,
        queryset=Actor.objects.all(),
        widget=AutocompleteSelect(Actor._meta.get_field("parent"), admin.site),
    )


class DeskClaimForm(forms.ModelForm):
    """The whole claim, its quote and the records to create with it. Checks the input's
    shape only: the claim's rules and the permission policy are the services'."""

    quote = forms.CharField(
        label=gettext_lazy("Quote"),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Exactly as printed; cut it to a shorter passage if you like."),
    )
    translation = forms.CharField(
        label=gettext_lazy("Translation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    language = forms.CharField(label=gettext_lazy("Quote language"), required=False, max_length=16)
    start = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    end = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    number = forms.IntegerField(widget=forms.HiddenInput, required=False)
    new_event_title = forms.CharField(
        label=gettext_lazy("or a new event: title"), required=False, max_length=300
    )
    new_event_date = forms.DateField(label=gettext_lazy("its date"), required=False)
    new_event_kind = forms.ChoiceField(
        label=gettext_lazy("its kind"), required=False, choices=[("", "—"), *Event.Kind.choices]
    )
    new_event_country = forms.CharField(
        label=gettext_lazy("its country (code)"), required=False, max_length=2
    )
    new_claimant_actor = forms.CharField(
        label=gettext_lazy("or a new claimant actor"), required=False, max_length=200
    )
    new_claimant_actor_kind = _new_actor_kind()
    new_claimant_actor_parent = _new_actor_parent()
    new_claimant_person = forms.CharField(
        label=gettext_lazy("or a new person"), required=False, max_length=200
    )
    new_attributed_actor = forms.CharField(
        label=gettext_lazy("or a new attributed actor"), required=False, max_length=200
    )
    new_attributed_actor_kind = _new_actor_kind()
    new_attributed_actor_parent = _new_actor_parent()
    different = forms.BooleanField(
        label=gettext_lazy("The new names are not the close names shown: create them"),
        required=False,
    )

    class Meta:
        model = Claim
        fields = [
            "event",
            "claimant_actor",
            "claimant_person",
            "speaker_title",
            "claimant_description",
            "channel",
            "stance",
            "attributed_actor",
            "attributed_description",
            "role",
            "hedging",
            "stated_on",
            "responds_to",
        ]
        widgets = {
            name: AutocompleteSelect(Claim._meta.get_field(name), admin.site)
            for name in AUTOCOMPLETED
        }

    def __init__(self, *args, event_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].required = False
        # "Responds to" offers the chosen event's claims only.
        event_id = self.data.get("event") or event_id or self.initial.get("event")
        self.fields["responds_to"].queryset = (
            Claim.objects.filter(event_id=event_id).with_related()
            if event_id
            else Claim.objects.none()
        )
        self.fields["responds_to"].widget.attrs["data-responds-to"] = ""
        self.fields["stated_on"].widget.attrs["type"] = "date"
        self.fields["new_event_date"].widget.input_type = "date"
        self.offers: dict[str, tuple[str, int, str]] = {}  # field: (claim field, id, label)

    def _post_clean(self):
        # The claim is checked by the services (claims.services.desk), whole, once its new
        # records exist: here only what the form holds is put on it.
        opts = self._meta
        self.instance = construct_instance(self, self.instance, opts.fields, opts.exclude)

    def clean(self):
        data = super().clean()
        if not data.get("event") and not data.get("new_event_title"):
            self.add_error("event", _("Choose the event, or give a new event's title."))
        if data.get("new_event_title"):
            for name in ("new_event_date", "new_event_kind"):
                if not data.get(name):
                    self.add_error(name, _("A new event needs its date and kind."))
        for prefix, model, claim_field in NEW_RECORDS:
            name = (data.get(prefix) or "").strip()
            if not name:
                continue
            if data.get(claim_field):
                self.add_error(prefix, _("Choose an existing entry or name a new one, not both."))
                continue
            self._refuse_existing_spelling(prefix, model, claim_field, name)
        return data

    def _refuse_existing_spelling(self, prefix, model, claim_field, name) -> None:
        alias_model = ActorAlias if model is Actor else PersonAlias
        clash = alias_model.objects.matching(name).select_related(alias_model.owner_field).first()
        if clash is not None:
            owner = getattr(clash, alias_model.owner_field)
            self.offers[prefix] = (claim_field, owner.pk, str(owner))
            self.add_error(
                prefix,
                _("“%(name)s” already names %(owner)s (as “%(spelling)s”): use it.")
                % {"name": name, "owner": owner, "spelling": clash.name},
            )
            return
        if self.cleaned_data.get("different"):
            return
        for duplicate in DuplicateFinder(model).probable_duplicates(name, limit=1):
            self.offers[prefix] = (claim_field, duplicate.existing.pk, str(duplicate.existing))
            self.add_error(
                prefix,
                _(
                    "“%(name)s” is close to “%(spelling)s” (%(owner)s): use it, or tick "
                    "“create them” below if it is another."
                )
                % {
                    "name": name,
                    "spelling": duplicate.existing_spelling,
                    "owner": duplicate.existing,
                },
            )

    def new_records(self) -> dict:
        data, records = self.cleaned_data, {}
        if data.get("new_event_title"):
            records["event"] = Event(
                title=data["new_event_title"],
                date=data["new_event_date"],
                kind=data["new_event_kind"],
                country=(data.get("new_event_country") or "").upper(),
            )
        for prefix, model, claim_field in NEW_RECORDS:
            name = (data.get(prefix) or "").strip()
            if not name:
                continue
            if model is Person:
                records[claim_field] = Person(name=name)
            else:
                records[claim_field] = Actor(
                    name=name,
                    kind=data.get(f"{prefix}_kind") or Actor.Kind.OTHER,
                    parent=data.get(f"{prefix}_parent"),
                )
        return records


def _check_allowed(model_admin, request, source: Source) -> None:
    if not model_admin.has_view_permission(request, source):
        raise PermissionDenied
    if not request.user.has_perm("claims.add_claim"):
        raise PermissionDenied


def _posted(view):
    """The desk's writes answer POST only (405 otherwise)."""

    def only_post(model_admin, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return view(model_admin, request, object_id)

    return only_post


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _person_like(mention: str) -> bool:
    """A name of two or three capitalised words reads as a person's ("Abbas Araghchi")."""
    words = mention.split()
    return 2 <= len(words) <= 3 and all(word[:1].isupper() for word in words)


class Reading:
    """The desk's view of one source for one request: its suggestions and their fate."""

    def __init__(self, source: Source):
        self.source = source
        text = source.full_text
        self.suggestions = desk.desk_suggestions(
            text,
            suggestions_for_source(source),
            desk.source_citations(source),
            list(source.rejected_suggestions.all()),
        )
        slugs = {s.suggestion.claimant_actor for s in self.suggestions} | {
            s.suggestion.attributed_actor for s in self.suggestions
        }
        self.actor_ids = dict(
            Actor.objects.filter(slug__in=slugs - {None}).values_list("slug", "pk")
        )
        people = {s.suggestion.claimant_person for s in self.suggestions} - {None}
        self.person_ids = dict(Person.objects.filter(slug__in=people).values_list("slug", "pk"))

    def get(self, number) -> desk.DeskSuggestion | None:
        try:
            return self.suggestions[int(number) - 1] if int(number) >= 1 else None
        except (IndexError, TypeError, ValueError):
            return None

    def next_open(self, after: int = 0) -> desk.DeskSuggestion | None:
        ordered = self.suggestions[after:] + self.suggestions[:after]
        return next((s for s in ordered if s.state == desk.OPEN), None)

    def initial(self, chosen: desk.DeskSuggestion) -> dict:
        s = self.source
        suggestion = chosen.suggestion
        initial = {
            "event": desk.previous_event_id(s),
            "start": suggestion.start,
            "end": suggestion.end,
            "number": chosen.number,
            "quote": suggestion.quote,
            "language": s.language,
            "stance": suggestion.stance,
            "role": suggestion.role,
            "hedging": suggestion.hedging,
            "stated_on": suggestion.stated_on or s.published_on,
            "claimant_actor": self.actor_ids.get(suggestion.claimant_actor),
            "claimant_person": self.person_ids.get(suggestion.claimant_person),
            "claimant_description": suggestion.claimant_description,
            "attributed_actor": self.actor_ids.get(suggestion.attributed_actor),
        }
        if suggestion.stance == Claim.Stance.DISPUTES and initial["event"]:
            # The claim it answers: the event's latest claim about the disputed actor.
            initial["responds_to"] = (
                Claim.objects.filter(
                    event_id=initial["event"], attributed_actor_id=initial["attributed_actor"]
                )
                .order_by("-pk")
                .values_list("pk", flat=True)
                .first()
            )
        initial["speaker_title"] = desk.speaker_title(initial["claimant_person"], s.published_on)
        unnamed = not (
            suggestion.claimant_actor
            or suggestion.claimant_person
            or suggestion.claimant_description
        )
        if unnamed and not suggestion.claimant_mention:
            # The source speaks in its own voice.
            initial["claimant_description"] = s.outlet or s.author
        if unnamed and suggestion.claimant_mention:
            if _person_like(suggestion.claimant_mention):
                initial["new_claimant_person"] = suggestion.claimant_mention
            else:
                initial["new_claimant_actor"] = suggestion.claimant_mention
        if suggestion.attributed_mention and not suggestion.attributed_actor:
            initial["new_attributed_actor"] = suggestion.attributed_mention
            initial["new_attributed_actor_kind"] = Actor.Kind.ARMED_GROUP
        return initial


def _duplicate_warnings(form: DeskClaimForm) -> list[str]:
    """The probable duplicates of the new names the form is pre-filled with, shown before
    any save."""
    warnings = []
    for prefix, model, _claim_field in NEW_RECORDS:
        name = (form.initial.get(prefix) or "").strip()
        if not name:
            continue
        alias_model = ActorAlias if model is Actor else PersonAlias
        clash = alias_model.objects.matching(name).select_related(alias_model.owner_field).first()
        if clash is not None:
            warnings.append(
                _("“%(name)s” already names %(owner)s: choose it above.")
                % {"name": name, "owner": getattr(clash, alias_model.owner_field)}
            )
            continue
        for duplicate in DuplicateFinder(model).probable_duplicates(name, limit=1):
            warnings.append(
                _("“%(name)s” is close to “%(spelling)s” (%(owner)s): use it?")
                % {
                    "name": name,
                    "spelling": duplicate.existing_spelling,
                    "owner": duplicate.existing,
                }
            )
    return warnings


def _form_context(reading: Reading, chosen, form: DeskClaimForm, warnings=()) -> dict:
    return {
        "source": reading.source,
        "chosen": chosen,
        "form": form,
        "warnings": list(warnings),
        "accept_url": reverse("admin:claims_source_desk_accept", args=[reading.source.pk]),
        "reject_url": reverse("admin:claims_source_desk_reject", args=[reading.source.pk]),
    }


def _blank_form(reading: Reading, chosen) -> tuple[DeskClaimForm | None, list[str]]:
    if chosen is None:
        return None, []
    initial = reading.initial(chosen)
    form = DeskClaimForm(initial=initial, event_id=initial["event"])
    return form, _duplicate_warnings(form)


def _passage(reading: Reading, start, end) -> desk.DeskSuggestion | None:
    """A passage the editor chose in the text: a suggestion of its own, numbered 0, with
    the stance left for the editor to choose."""
    text = reading.source.full_text
    try:
        start, end = int(start), int(end)
    except (TypeError, ValueError):
        return None
    if not 0 <= start < end <= len(text):
        return None
    passage = Suggestion(
        start, end, text[start:end], "", "perpetrator", "asserted", None, "", None, None, "",
        "", None, (), 0.0,
    )  # fmt: skip
    return desk.DeskSuggestion(0, passage, None)


def _selection(reading: Reading, request) -> desk.DeskSuggestion | None:
    """The passage selected in the text: ?quote= (its words) or ?start=&end=."""
    if "quote" in request.GET:
        try:
            return _passage(reading, *quote_span(reading.source.full_text, request.GET["quote"]))
        except ValidationError:
            return None
    return _passage(reading, request.GET.get("start"), request.GET.get("end"))


def read_view(model_admin, request, object_id):
    source = get_object_or_404(Source, pk=object_id)
    _check_allowed(model_admin, request, source)
    reading = Reading(source)
    chosen = (
        _selection(reading, request) or reading.get(request.GET.get("s")) or reading.next_open()
    )
    form, warnings = _blank_form(reading, chosen)
    context = _form_context(reading, chosen, form, warnings)
    if request.GET.get("fragment") == "form":
        return HttpResponse(
            render_to_string("admin/claims/source/_desk_form.html", context, request)
        )
    return _page(model_admin, request, reading, context, DeskClaimForm().media)


def _page(model_admin, request, reading: Reading, context: dict, media, status: int = 200):
    """The whole desk page around the form's context."""
    source = reading.source
    counts = {state: 0 for state in (desk.OPEN, desk.ACCEPTED, desk.REJECTED)}
    for suggestion in reading.suggestions:
        counts[suggestion.state] += 1
    context |= {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Read and accept: %(source)s") % {"source": source},
        "paragraphs": desk.marked_paragraphs(source.full_text, reading.suggestions),
        "suggestions": reading.suggestions,
        "counts": counts,
        "undo_url": reverse("admin:claims_source_desk_undo", args=[source.pk]),
        "responds_url": reverse("admin:claims_source_desk_responds", args=[source.pk]),
        "last": request.session.get(SESSION_KEY, {}).get(str(source.pk)),
        "media": model_admin.media + media,
    }
    return TemplateResponse(request, "admin/claims/source/desk.html", context, status=status)


def _remember(request, source: Source, action: dict | None) -> None:
    last = request.session.get(SESSION_KEY, {})
    if action is None:
        last.pop(str(source.pk), None)
    else:
        last[str(source.pk)] = action
    request.session[SESSION_KEY] = last


def _done(request, source: Source, message: str, after: int, extra: dict | None = None):
    """The answer to a successful action: JSON with the next suggestion's form, or a
    redirect back to the page (without the script)."""
    reading = Reading(source)
    chosen = reading.next_open(after)
    if _wants_json(request):
        form, warnings = _blank_form(reading, chosen)
        html = render_to_string(
            "admin/claims/source/_desk_form.html",
            _form_context(reading, chosen, form, warnings),
            request,
        )
        states = {s.number: s.state for s in reading.suggestions}
        return JsonResponse(
            {"ok": True, "message": message, "next": chosen.number if chosen else None,
             "states": states, "form": html, **(extra or {})}
        )  # fmt: skip
    messages.success(request, message)
    url = reverse("admin:claims_source_read", args=[source.pk])
    return redirect(f"{url}?s={chosen.number}#desk-form" if chosen else url)


@_posted
def accept_view(model_admin, request, object_id):
    source = get_object_or_404(Source, pk=object_id)
    _check_allowed(model_admin, request, source)
    form = DeskClaimForm(request.POST)
    error = None
    if form.is_valid():
        data = form.cleaned_data
        records = form.new_records()
        for record in records.values():
            if not request.user.has_perm(f"claims.add_{record._meta.model_name}"):
                raise PermissionDenied
        try:
            claim = services.accept_suggestion(
                form.instance,
                source=source,
                quote=data["quote"],
                near=(data["start"], data["end"]),
                translation=data["translation"],
                language=data["language"],
                new_records=records,
                by=request.user,
            )
        except ValidationError as invalid:
            error = invalid
        except policy.Refused as refused:
            error = ValidationError(refused.problems)
        else:
            _remember(request, source, {"accept": claim.pk})
            message = _("Draft claim saved: %(claim)s") % {"claim": claim}
            url = reverse("admin:claims_claim_change", args=[claim.pk])
            return _done(
                request, source, message, data.get("number") or 0,
                {"claim": claim.pk, "claim_url": url},
            )  # fmt: skip
    if error is not None:
        _add_errors(form, error)
    return _refused(model_admin, request, source, form)


def _add_errors(form: DeskClaimForm, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _refused(model_admin, request, source: Source, form: DeskClaimForm):
    """The form again with each error beside its field (and listed at its top)."""
    reading = Reading(source)
    chosen = reading.get(form.data.get("number")) or _passage(
        reading, form.data.get("start"), form.data.get("end")
    )
    context = _form_context(reading, chosen, form)
    if _wants_json(request):
        html = render_to_string("admin/claims/source/_desk_form.html", context, request)
        errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
        offers = {
            field: {"field": claim_field, "id": pk, "label": label}
            for field, (claim_field, pk, label) in form.offers.items()
        }
        return JsonResponse(
            {"ok": False, "errors": errors, "offers": offers, "form": html}, status=400
        )
    return _page(model_admin, request, reading, context, form.media, status=400)


@_posted
def reject_view(model_admin, request, object_id):
    source = get_object_or_404(Source, pk=object_id)
    _check_allowed(model_admin, request, source)
    try:
        start, end = int(request.POST["start"]), int(request.POST["end"])
        number = int(request.POST.get("number") or 0)
        rejection = services.reject_suggestion(source=source, start=start, end=end, by=request.user)
    except (KeyError, ValueError, ValidationError):
        message = _("This suggestion is not a passage of the source's text.")
        if _wants_json(request):
            return JsonResponse({"ok": False, "errors": {"__all__": [message]}}, status=400)
        messages.error(request, message)
        return redirect(reverse("admin:claims_source_read", args=[source.pk]))
    _remember(request, source, {"reject": rejection.pk})
    return _done(request, source, _("Suggestion rejected for this source."), number)


@_posted
def undo_view(model_admin, request, object_id):
    source = get_object_or_404(Source, pk=object_id)
    _check_allowed(model_admin, request, source)
    last = request.session.get(SESSION_KEY, {}).get(str(source.pk)) or {}
    try:
        if "accept" in last:
            claim = Claim.objects.filter(pk=last["accept"], created_by=request.user).first()
            if claim is None:
                raise Http404
            services.undo_accept(claim, by=request.user)
            message = _("Accept undone: the draft claim is deleted.")
        elif "reject" in last:
            rejection = RejectedSuggestion.objects.filter(pk=last["reject"], source=source).first()
            if rejection is None:
                raise Http404
            services.undo_rejection(rejection, by=request.user)
            message = _("Rejection undone.")
        else:
            raise Http404
    except (Http404, policy.Refused) as refused:
        message = (
            refusal_text(refused)
            if isinstance(refused, policy.Refused)
            else _("There is nothing to undo.")
        )
        if _wants_json(request):
            return JsonResponse({"ok": False, "errors": {"__all__": [message]}}, status=400)
        messages.error(request, message)
        return redirect(reverse("admin:claims_source_read", args=[source.pk]))
    _remember(request, source, None)
    return _done(request, source, message, 0)


def responds_view(model_admin, request, object_id):
    """The claims of one event, for the "responds to" menu when the event changes."""
    source = get_object_or_404(Source, pk=object_id)
    _check_allowed(model_admin, request, source)
    event_id = request.GET.get("event")
    claims = (
        Claim.objects.filter(event_id=event_id).with_related()
        if event_id and event_id.isdigit()
        else Claim.objects.none()
    )
    return JsonResponse({"claims": [{"id": c.pk, "label": str(c)} for c in claims]})
