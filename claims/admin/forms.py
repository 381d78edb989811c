"""Form pieces shared by the admin pages: cheap autocomplete labels, the optimistic
lock, the permission policy's verdict shown beside the fields, alias checks."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from claims import policy, services
from claims.models.versioning import changed_meanwhile
from claims.normalize import normalize_name


class PreloadedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete whose selected option's label comes from an object already loaded.

    Django's widget runs one query per field per form to label the selected
    value; on an event page with forty claims that is a hundred queries. When
    the form's instance already holds the related object (select_related on the
    inline's queryset), this widget uses it instead.
    """

    preloaded: dict[str, object]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.preloaded = {}

    def optgroups(self, name, value, attr=None):
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if not selected or not selected <= self.preloaded.keys():
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required:
            options.append(self.create_option(name, "", "", False, 0))
        for key in sorted(selected):
            label = self.choices.field.label_from_instance(self.preloaded[key])
            options.append(self.create_option(name, key, label, selected, len(options)))
        return [(None, options, 0)]


class PreloadedLabelsForm(forms.ModelForm):
    """Hands each autocomplete the related object its instance already has loaded."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = getattr(field.widget, "widget", field.widget)
            if not isinstance(widget, PreloadedAutocompleteSelect):
                continue
            model_field = self.instance._meta.get_field(name)
            if model_field.is_cached(self.instance):
                related = getattr(self.instance, name)
                if related is not None:
                    widget.preloaded = {str(related.pk): related}


class VersionLockedForm(PreloadedLabelsForm):
    """Refuses to save over a version of the record newer than the one the editor opened."""

    def clean(self):
        cleaned = super().clean()
        opened = cleaned.get("version")
        if self.instance.pk and opened is not None and "version" not in self._errors:
            current = self.instance.current_version()
            if current != opened:
                raise ValidationError(changed_meanwhile(self.instance, opened, current))
        return cleaned


class PolicyCheckedClaimForm(VersionLockedForm):
    """Shows the permission policy's refusal beside the field it concerns, before the
    save: the services check it again when they write (`claims.policy`)."""

    acting_user = None  # set by the admin for each request

    def _post_clean(self):
        super()._post_clean()
        stored = (
            type(self.instance).objects.filter(pk=self.instance.pk).first()
            if self.instance.pk
            else None
        )
        problems = policy.claim_change_problems(
            self.acting_user,
            services.claim_state(stored),
            services.claim_state(self.instance),
        )
        for field, message in problems.items():
            self.add_error(field if field in self.fields else None, message)


class AliasInlineFormSet(forms.BaseInlineFormSet):
    """Catches clashes the database would otherwise report as an error page.

    Two new rows that fold to the same spelling, a row repeating the owner's
    name (which is kept as an alias automatically), and removal of the alias
    that is the owner's current name.
    """

    def clean(self) -> None:
        super().clean()
        owner_name = normalize_name(self.instance.name or "")
        seen: dict[str, str] = {}
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data.get("name"):
                continue
            name = form.cleaned_data["name"]
            key = normalize_name(name)
            if form.cleaned_data.get("DELETE"):
                if form.instance.pk and form.instance.normalized == owner_name:
                    form.add_error(
                        None,
                        gettext("“%(name)s” is the current name; rename first.") % {"name": name},
                    )
                continue
            if key in seen:
                form.add_error(
                    "name",
                    gettext("“%(name)s” is the same spelling as “%(other)s” above.")
                    % {"name": name, "other": seen[key]},
                )
            seen[key] = name
            stored_key = normalize_name(form.initial.get("name", "")) if form.instance.pk else ""
            if key == owner_name and stored_key != key:
                form.add_error(
                    "name",
                    gettext("“%(name)s” is the name itself; it is kept as an alias automatically.")
                    % {"name": name},
                )
        if any(form.errors for form in self.forms):
            raise ValidationError(gettext("Please correct the aliases below."))
