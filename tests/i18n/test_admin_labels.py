"""The admin in Arabic and Persian: the claims app's own labels and messages (its models'
names, their fields' names, the choices and the rules' messages) are translated, not only
Django's."""

import pytest
from django.apps import apps
from django.utils import translation
from django_countries.fields import CountryField

from scripts.catalogues import LANGUAGES

MODELS = [
    model
    for model in apps.get_app_config("claims").get_models()
    if not model.__name__.startswith("Historical")
]


def _labels(model) -> list[str]:
    """Every English word about `model` that the admin shows an editor."""
    meta = model._meta
    labels = [meta.verbose_name, meta.verbose_name_plural]
    for field in meta.get_fields():
        if field.auto_created or not field.concrete:
            continue  # the id, and the reverse side of relations
        labels.append(field.verbose_name)
        if not isinstance(field, CountryField):  # django-countries translates its names
            labels += [label for value, label in field.flatchoices or [] if value]
    labels += [
        constraint.violation_error_message
        for constraint in meta.constraints
        if constraint.violation_error_message != constraint.default_violation_error_message
    ]
    return labels


def _untranslated(language: str) -> list[str]:
    found = []
    for model in MODELS:
        for label in _labels(model):
            with translation.override("en"):
                english = str(label)
            with translation.override(language):
                translated = str(label)
            if translated == english:
                found.append(f"{model.__name__}: {english}")
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_model_field_choice_and_rule_of_the_app_is_translated(language):
    assert _untranslated(language) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_apps_name_over_its_models_is_translated(language):
    name = apps.get_app_config("claims").verbose_name
    with translation.override(language):
        assert str(name) != "Claims and attributions"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_checks_find_an_untranslated_label(language, monkeypatch):
    from claims.models import Claim

    monkeypatch.setattr(Claim._meta.get_field("notes"), "verbose_name", "notes")

    assert "Claim: notes" in _untranslated(language)


def test_the_claim_form_of_the_admin_speaks_persian(client, alice):
    client.force_login(alice)
    client.post("/i18n/setlang/", {"language": "fa", "next": "/admin/"})

    page = client.get("/admin/claims/claim/add/").content.decode()

    assert "کنشگر ادعاکننده" in page  # claimant actor
    assert "میزان قطعیت" in page  # hedging
    assert "Claimant actor" not in page
    assert "Hedging" not in page


@pytest.mark.django_db
def test_a_rule_of_the_model_answers_in_arabic():
    from claims.models import Event

    event = Event(title="x", date="2024-01-28", end_date="2024-01-01", country="JO")

    with translation.override("ar"):
        errors = _validation_messages(event)

    assert "لا يمكن أن يسبق تاريخ النهاية التاريخ." in errors


def _validation_messages(instance) -> list[str]:
    from django.core.exceptions import ValidationError

    try:
        instance.full_clean()
    except ValidationError as error:
        return [str(message) for message in error.messages]
    return []
