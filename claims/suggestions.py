"""Suggested claims for a text or a source, with the gazetteer read from the database.

The gazetteer (every actor and person under every alias, with parents and affiliations)
is built once per process and reused; it is rebuilt when an alias, actor, person or
affiliation changes: their saves and deletes move a counter in the shared cache (every
process sees it with Redis; without it, each process sees its own edits), and a single
query of the tables' row counts and highest ids catches rows written around the ORM
(an import's COPY). Whatever happens, a gazetteer is not kept past GAZETTEER_MAX_AGE.
"""

import datetime
import threading
import time

from django.core.cache import cache
from django.db import connection
from django.db.models.signals import post_delete, post_save

from claims.models import Actor, ActorAlias, Affiliation, Person, PersonAlias, Source
from claims.suggest import (
    ActorEntry,
    AffiliationEntry,
    Gazetteer,
    PersonEntry,
    Suggestion,
    suggest_claims,
)

# Longer than any text an editor or a tool may ask about at once.
MAX_TEXT_CHARACTERS = 200_000
GAZETTEER_MAX_AGE = 300  # seconds
GENERATION_KEY = "suggest:gazetteer-generation"
_NAME_TABLES = (Actor, ActorAlias, Person, PersonAlias, Affiliation)

_lock = threading.Lock()
_built: dict = {}


def _fingerprint() -> tuple:
    """Row counts and highest ids of the name tables, in one query."""
    parts = ", ".join(
        f"(SELECT COUNT(*) FROM {m._meta.db_table}), (SELECT MAX(id) FROM {m._meta.db_table})"
        for m in _NAME_TABLES
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {parts}")
        return tuple(cursor.fetchone())


def build_gazetteer() -> Gazetteer:
    aliases: dict[int, list[str]] = {}
    for actor_id, name in ActorAlias.objects.values_list("actor_id", "name"):
        aliases.setdefault(actor_id, []).append(name)
    actors = list(Actor.objects.values_list("id", "slug", "name", "kind", "parent__slug"))
    person_aliases: dict[int, list[str]] = {}
    for person_id, name in PersonAlias.objects.values_list("person_id", "name"):
        person_aliases.setdefault(person_id, []).append(name)
    affiliations: dict[int, list[AffiliationEntry]] = {}
    # In the order entered: without a statement date, the first post is the one read.
    for person_id, actor, title, start, end in Affiliation.objects.order_by(
        "person_id", "id"
    ).values_list("person_id", "actor__slug", "title", "start", "end"):
        affiliations.setdefault(person_id, []).append(AffiliationEntry(actor, title, start, end))
    return Gazetteer(
        [
            ActorEntry(slug, name, kind, parent, tuple(aliases.get(pk, ())))
            for pk, slug, name, kind, parent in actors
        ],
        [
            PersonEntry(
                slug, name, tuple(person_aliases.get(pk, ())), tuple(affiliations.get(pk, ()))
            )
            for pk, slug, name in Person.objects.values_list("id", "slug", "name")
        ],
    )


def current_gazetteer() -> Gazetteer:
    """The gazetteer of the names as they stand (see the module docstring)."""
    key = (cache.get(GENERATION_KEY), _fingerprint())
    now = time.monotonic()
    with _lock:
        if _built.get("key") == key and now - _built.get("at", 0) < GAZETTEER_MAX_AGE:
            return _built["gazetteer"]
    gazetteer = build_gazetteer()
    with _lock:
        _built.update(key=key, at=now, gazetteer=gazetteer)
    return gazetteer


def _names_changed(**kwargs) -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


for _model in _NAME_TABLES:
    post_save.connect(_names_changed, sender=_model, dispatch_uid=f"suggest-{_model.__name__}")
    post_delete.connect(_names_changed, sender=_model, dispatch_uid=f"suggest-{_model.__name__}-d")


def suggestions_for_text(
    text: str, *, published_on: datetime.date | None = None, language: str = "en"
) -> list[Suggestion]:
    return suggest_claims(text, current_gazetteer(), published_on=published_on, language=language)


def suggestions_for_source(source: Source, language: str | None = None) -> list[Suggestion]:
    """The claims the source's captured text carries (none without captured text)."""
    if not source.full_text:
        return []
    return suggestions_for_text(
        source.full_text,
        published_on=source.published_on,
        language=language or source_language(source),
    )


def source_language(source: Source) -> str:
    return (source.language or "en").split("-")[0].lower()
