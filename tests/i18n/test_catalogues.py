"""The Arabic and Persian catalogues: complete, and compiled as committed."""

import io
import re

import pytest
from babel.messages.mofile import read_mo, write_mo

from scripts.catalogues import LANGUAGES, po_path, problems, read


def _entries(catalog) -> dict:
    def tupled(value):
        return tuple(value) if isinstance(value, list | tuple) else value

    return {
        (message.context, tupled(message.id)): tupled(message.string)
        for message in catalog
        if message.id
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(language):
    assert problems(language) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_mo_file_matches_its_po_file(language):
    with po_path(language).with_suffix(".mo").open("rb") as mo:
        committed = read_mo(mo)

    assert _entries(committed) == _entries(read(language)), (
        "Run `make messages` (or `python scripts/catalogues.py compile`) and commit the .mo"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_compiles_with_python_alone(language):
    compiled = io.BytesIO()
    write_mo(compiled, read(language), use_fuzzy=False)
    compiled.seek(0)

    assert _entries(read_mo(compiled)) == _entries(read(language))


_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders_of_the_english(language):
    for message in read(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(_PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            assert set(_PLACEHOLDER.findall(string)) == expected, (message.id, string)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "fa"])
def test_a_claims_label_names_its_role_in_the_language(language):
    from django.utils import translation

    from tests.factories import make_claim

    claim = make_claim(role="sponsor")
    with translation.override(language):
        label = str(claim)

    assert "sponsor" not in label
    with translation.override("en"):
        assert " as sponsor (" in str(claim)
