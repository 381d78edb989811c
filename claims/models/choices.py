"""Choices' labels, translated once per language."""

import functools

from django.db import models
from django.utils.translation import get_language


def choice_label(choices: type[models.TextChoices], value: str) -> str:
    """What Django's get_FOO_display() returns, without the dict of every choice it builds
    on each call (hashing each lazy label translates it): an event page asks hundreds."""
    return _choice_label(choices, value, get_language())


@functools.lru_cache(maxsize=1024)
def _choice_label(choices: type[models.TextChoices], value: str, language: str | None) -> str:
    """The label in `language`, which is the active one."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value
