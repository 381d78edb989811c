"""Resolving a row's names, events and sources: to what is stored (under any spelling,
normalised URL or identity), to what an earlier row of the file created, or to a new
record, written with the chunk that first needs it."""

import functools

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from claims.bulk import new_object
from claims.models import Actor, ActorAlias, DatePrecision, Event, Person, PersonAlias, Source
from claims.normalize import fold_text, normalize_name, normalize_url, short_slug
from claims.quotes import fold

from .checks import parse_date, parse_int, valid_name, valid_slug

ACTOR_KINDS = frozenset(Actor.Kind.values)


def source_identity(title: str, outlet: str, author: str, published_on) -> tuple:
    """A source without a URL is the one of the same title, outlet, author and date,
    however its quotes, dashes, spaces and letter case are written."""
    return (
        fold(title).casefold(),
        fold(outlet).casefold(),
        fold(author).casefold(),
        published_on,
    )


class Lookups:
    """Stored events and sources by their keys, as ids: a million claims' events and
    sources held as model objects took 290 MB (traced) before the first row was read. A
    row's claim and citations hold a stored one's id; a new one is an object until its
    chunk writes it (`forget_written`), then an id too. What each event and source a
    file names still costs is its keys and id in these maps (about 0.4 KB)."""

    def _load_lookups(self) -> None:
        """Every stored actor and person (with their spellings), event and source, once."""
        self.actors_by_slug = {a.slug: a for a in Actor.objects.all()}
        actors_by_pk = {a.pk: a for a in self.actors_by_slug.values()}
        for actor in self.actors_by_slug.values():
            # So that the rules walk the actor tree without a query per level.
            actor.parent = actors_by_pk.get(actor.parent_id)
        self.actors_by_name = {
            key: actors_by_pk[actor_id]
            for key, actor_id in ActorAlias.objects.values_list("normalized", "actor_id")
        }
        self.people_by_slug = {p.slug: p for p in Person.objects.all()}
        people_by_pk = {p.pk: p for p in self.people_by_slug.values()}
        self.people_by_name = {
            key: people_by_pk[person_id]
            for key, person_id in PersonAlias.objects.values_list("normalized", "person_id")
        }
        self.events_by_slug: dict[str, int | Event] = {}
        self.events_by_title: dict[tuple, int | Event] = {}
        # The titles folded uncached (`fold_text`, not `normalize_name`): each is read once.
        for pk, slug, title, date in Event.objects.values_list(
            "pk", "slug", "title", "date"
        ).iterator(chunk_size=5_000):
            self.events_by_slug[slug] = pk
            self.events_by_title[(fold_text(title), date)] = pk
        self.sources_by_url: dict[str, int | Source] = {}
        self.sources_by_identity: dict[tuple, int | Source] = {}
        # The identity of each stored source without a URL: the exporting tracker's id
        # picks it among sources that share it (`source`).
        self.bare_sources: dict[int, tuple] = {}
        self.sources_by_file_id: dict[str, int | Source] = {}
        # Where the maps hold a new source not yet written: (map, key, source).
        self.unwritten_sources: list[tuple[dict, object, Source]] = []
        for pk, url_key, *described in Source.objects.values_list(
            "pk", "url_normalized", "title", "outlet", "author", "published_on"
        ).iterator(chunk_size=5_000):
            identity = source_identity(*described)
            self._remember_source(pk, url_key, identity)
            if not url_key:
                self.bare_sources[pk] = identity

    def _remember_source(self, source: int | Source, url_key: str, identity: tuple) -> None:
        if url_key:
            self._hold(self.sources_by_url, url_key, source)
        if any(identity[:3]) and identity not in self.sources_by_identity:
            self._hold(self.sources_by_identity, identity, source)

    def _hold(self, found: dict, key, source: int | Source) -> None:
        found[key] = source
        if isinstance(source, Source) and source.pk is None:
            self.unwritten_sources.append((found, key, source))

    def forget_written(self) -> None:
        """The chunk is written: its new events and sources are ids in the maps from now
        on (the objects are let go with the chunk's claims)."""
        for event in self.new_events:
            if event.pk is not None:
                self.events_by_slug[event.slug] = event.pk
                key = (normalize_name(event.title), event.date)
                if self.events_by_title.get(key) is event:
                    self.events_by_title[key] = event.pk
        unwritten = []
        for found, key, source in self.unwritten_sources:
            if source.pk is None:
                unwritten.append((found, key, source))
            elif found.get(key) is source:
                found[key] = source.pk
        self.unwritten_sources = unwritten

    @staticmethod
    # A source without a URL is looked for by it each time it is cited; bounded, as the
    # module's caches are: an import of many sources would keep them all.
    @functools.lru_cache(maxsize=10_000)
    def _identity(title, outlet, author, published_on) -> tuple:
        return source_identity(title, outlet, author, published_on)

    def actor(self, slug: str, name: str, kind: str, errors: list, column: str) -> Actor | None:
        if slug and slug in self.actors_by_slug:
            return self.actors_by_slug[slug]
        if slug and not valid_slug(Actor, slug, column, errors):
            return None
        if not name and not slug:
            return None
        label = name or slug
        found = self.actors_by_name.get(normalize_name(label))
        if found is not None:
            return found
        if kind and kind not in ACTOR_KINDS:
            errors.append((column, gettext("unknown actor kind “%(kind)s”") % {"kind": kind}))
            return None
        if not normalize_name(label):
            errors.append((column, gettext("a name needs at least one letter or digit")))
            return None
        if not valid_name(Actor, label, f"{column}_name", errors):
            return None
        actor = Actor(
            name=label,
            slug=self._free_slug(slug or short_slug(label), self.actors_by_slug),
            kind=kind or Actor.Kind.OTHER,
        )
        self.report.probable_duplicates += self.actor_finder.probable_duplicates(label)
        self.actor_finder.add(actor, label)
        self.actors_by_slug[actor.slug] = actor
        self.actors_by_name[normalize_name(label)] = actor
        self.new_actors.append(actor)
        return actor

    def person(self, slug: str, name: str, errors: list) -> Person | None:
        if slug and slug in self.people_by_slug:
            return self.people_by_slug[slug]
        if not name and not slug:
            return None
        if slug and not valid_slug(Person, slug, "claimant_person", errors):
            return None
        label = name or slug
        if not normalize_name(label):
            errors.append(("claimant_person", gettext("a name needs at least one letter or digit")))
            return None
        if not valid_name(Person, label, "claimant_person_name", errors):
            return None
        found = self.people_by_name.get(normalize_name(label))
        if found is not None:
            return found
        person = Person(
            name=label, slug=self._free_slug(slug or short_slug(label), self.people_by_slug)
        )
        self.report.probable_duplicates += self.person_finder.probable_duplicates(label)
        self.person_finder.add(person, label)
        self.people_by_slug[person.slug] = person
        self.people_by_name[normalize_name(label)] = person
        self.new_people.append(person)
        return person

    @staticmethod
    def _free_slug(wanted: str, taken: dict) -> str:
        base = (wanted or "entry")[:190]
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        return slug

    def event(self, values: dict, errors: list) -> int | Event | None:
        """A stored event's id, or this import's new event (an id once written)."""
        slug = values.get("slug") or ""
        if slug in self.events_by_slug:
            return self.events_by_slug[slug]
        if slug and not valid_slug(Event, slug, "event", errors):
            return None
        date = parse_date(values.get("date"), "event_date", errors)
        title = values.get("title") or ""
        if date and title and (normalize_name(title), date) in self.events_by_title:
            return self.events_by_title[(normalize_name(title), date)]
        if not title:
            errors.append(
                (
                    "event",
                    gettext("unknown event “%(slug)s”") % {"slug": slug}
                    if slug
                    else gettext("no event given"),
                )
            )
            return None
        event = Event(
            slug=self._free_slug(slug or short_slug(f"{title} {date or ''}"), self.events_by_slug),
            title=title,
            date=date,
            date_precision=values.get("date_precision") or DatePrecision.DAY,
            kind=values.get("kind") or Event.Kind.OTHER,
            country=(values.get("country") or "").upper(),
            place=values.get("place") or "",
        )
        event.fold_text()  # written by claims.bulk, which does not call save()
        try:
            self.clean_event(event)
        except ValidationError as error:
            errors.extend((f"event_{name}", "; ".join(m)) for name, m in error.message_dict.items())
            return None
        self.events_by_slug[event.slug] = event
        self.events_by_title[(normalize_name(title), date)] = event
        self.new_events.append(event)
        return event

    def source(self, values: dict, errors: list, column: str, file_id=None) -> int | Source | None:
        """The cited source (a stored one's id, or this import's new source): by URL, by
        the exporting tracker's id when that source is this one, by title, outlet, author
        and date; created when new."""
        if file_id is not None and str(file_id) in self.sources_by_file_id:
            return self.sources_by_file_id[str(file_id)]
        url_key = normalize_url(values.get("url") or "")
        published_on = parse_date(
            values.get("published_on"), f"{column}.source_published_on", errors
        )
        found = self.sources_by_url.get(url_key) if url_key else None
        if found is not None:
            return self._found_by_file_id(file_id, found)
        identity = self._identity(
            values.get("title") or "",
            values.get("outlet") or "",
            values.get("author") or "",
            published_on,
        )
        if not url_key:
            # The stored source of that id, if it has no URL either and the same identity.
            stored = parse_int(file_id)
            if stored is not None and self.bare_sources.get(stored) == identity:
                found = stored
            if found is None and any(identity[:3]):
                found = self.sources_by_identity.get(identity)
        if found is None:
            found = self._new_source(values, url_key, published_on, errors, column, file_id)
            if found is not None:
                self._remember_source(found, url_key, identity)
        return self._found_by_file_id(file_id, found)

    def _found_by_file_id(self, file_id, found: int | Source | None) -> int | Source | None:
        """The source found, remembered by the file's id for the rows that cite it again."""
        if found is not None and file_id is not None:
            self._hold(self.sources_by_file_id, str(file_id), found)
        return found

    def _new_source(self, values, url_key, published_on, errors, column, file_id):
        source = new_object(
            Source,
            url=values.get("url") or "",
            title=values.get("title") or "",
            outlet=values.get("outlet") or "",
            author=values.get("author") or "",
            published_on=published_on,
            kind=values.get("kind") or Source.Kind.OTHER,
            language=values.get("language") or "en",
            url_normalized=url_key,
        )
        try:
            self.clean_source(source)
        except ValidationError as error:
            errors.extend(
                (f"{column}.source_{name}", "; ".join(m)) for name, m in error.message_dict.items()
            )
            return None
        # An exported source that only its captured text identified stays as bare as it was.
        if not any((source.title, source.url, source.outlet, source.author)) and file_id is None:
            errors.append(
                (f"{column}.source", gettext("give the source's URL, title, outlet or author"))
            )
            return None
        # Written only if a new citation ends up citing it (see write()).
        return source
