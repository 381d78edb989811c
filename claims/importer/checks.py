"""A row's values checked as the models check them, with the same messages."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import models
from django.utils.translation import gettext

# Verdicts kept per value, at most: a vocabulary's are a few hundred, but a validated
# field's values may each be new (every source's URL), and memory must stay flat.
MAX_VERDICTS = 10_000


class FieldCleaner:
    """`Model.clean_fields(exclude)` for many objects of one model, with the same errors.

    A field checked against a vocabulary or a validator (a choice, a country, a language
    code) gives the same verdict for the same value, so that verdict is kept per value:
    Django's own check walks the whole list of choices (every country) for each row.

    A text field with no other rule than its length (a title, a quote) is checked here
    when its value is text within the length, which is what Django's check would accept
    without a word; any other value goes through Django's check, for its message.
    """

    _PLAIN = (MaxLengthValidator, ProhibitNullCharactersValidator)
    _TEXT = (models.CharField, models.TextField)

    def __init__(self, model: type[models.Model], exclude: Iterable[str] = ()):
        excluded = set(exclude)
        self.fields = []
        for field in model._meta.fields:
            if field.name in excluded or field.generated:
                continue
            plain = field.choices is None and all(
                isinstance(v, self._PLAIN) for v in field.validators
            )
            lengths = None
            if plain and type(field) in self._TEXT:
                lengths = [v.limit_value for v in field.validators if type(v) is MaxLengthValidator]
            self.fields.append((field, not plain, lengths))
        self.verdicts: dict[tuple, tuple] = {}

    def __call__(self, obj: models.Model) -> None:
        errors = {}
        values = obj.__dict__
        for model_field, by_value, lengths in self.fields:
            try:
                raw = values[model_field.attname]
            except KeyError:  # a deferred field (none on a new object)
                raw = getattr(obj, model_field.attname)
            if model_field.blank and raw in model_field.empty_values:
                continue
            if (
                lengths is not None
                and type(raw) is str
                and raw
                and "\x00" not in raw
                and all(len(raw) <= (n() if callable(n) else n) for n in lengths)
            ):
                continue  # what model_field.clean(raw) returns, unchanged
            key = (model_field.attname, type(raw), raw) if by_value else None
            try:
                verdict = self.verdicts.get(key) if key else None
            except TypeError:  # an unhashable value (a list in NDJSON): no shortcut
                key = verdict = None
            if verdict is None:
                try:
                    verdict = (model_field.clean(raw, obj), None)
                except ValidationError as error:
                    verdict = (raw, error.error_list)
                if key:
                    if len(self.verdicts) >= MAX_VERDICTS:
                        self.verdicts.clear()  # unique values (URLs), not a vocabulary
                    self.verdicts[key] = verdict
            value, error_list = verdict
            if error_list is None:
                setattr(obj, model_field.attname, value)
            else:
                errors[model_field.name] = error_list
        if errors:
            raise ValidationError(errors)


def parse_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def parse_date(value, column: str, errors: list) -> datetime.date | None:
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        errors.append(
            (column, gettext("“%(value)s” is not a date of the form YYYY-MM-DD") % {"value": value})
        )
        return None


def valid_slug(model, slug: str, column: str, errors: list) -> bool:
    return _valid_field(model, "slug", slug, column, errors)


def valid_name(model, name: str, column: str, errors: list) -> bool:
    return _valid_field(model, "name", name, column, errors)


def _valid_field(model, name: str, value: str, column: str, errors: list) -> bool:
    try:
        model._meta.get_field(name).clean(value, None)
    except ValidationError as error:
        errors.append((column, "; ".join(error.messages)))
        return False
    return True
