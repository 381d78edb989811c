"""A row's values checked as the models check them, with the same messages."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import models


class FieldCleaner:
    """`Model.clean_fields(exclude)` for many objects of one model, with the same errors.

    A field checked against a vocabulary or a validator (a choice, a country, a language
    code) gives the same verdict for the same value, so that verdict is kept per value:
    Django's own check walks the whole list of choices (every country) for each row.
    """

    _PLAIN = (MaxLengthValidator, ProhibitNullCharactersValidator)

    def __init__(self, model: type[models.Model], exclude: Iterable[str] = ()):
        excluded = set(exclude)
        self.fields = [
            (
                field,
                field.choices is not None
                or not all(isinstance(v, self._PLAIN) for v in field.validators),
            )
            for field in model._meta.fields
            if field.name not in excluded and not field.generated
        ]
        self.verdicts: dict[tuple, tuple] = {}

    def __call__(self, obj: models.Model) -> None:
        errors = {}
        for model_field, by_value in self.fields:
            raw = getattr(obj, model_field.attname)
            if model_field.blank and raw in model_field.empty_values:
                continue
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
        errors.append((column, f"“{value}” is not a date of the form YYYY-MM-DD"))
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
