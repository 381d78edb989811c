"""Hand-written factories: small functions with sensible defaults, one per model."""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from claims.models import Actor, Citation, Claim, Event, Person, Source

_sequence = itertools.count(1)


def _n() -> int:
    return next(_sequence)


def make_user(username: str, *, role: str | None = None, superuser: bool = False):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.org", "pw")
    user = User.objects.create_user(username, password="pw", is_staff=role is not None)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def make_actor(name: str | None = None, **fields) -> Actor:
    n = _n()
    name = name or f"Actor {n}"
    fields.setdefault("slug", f"actor-{n}")
    fields.setdefault("kind", Actor.Kind.ARMED_GROUP)
    return Actor.objects.create(name=name, **fields)


def make_person(name: str | None = None, **fields) -> Person:
    n = _n()
    fields.setdefault("slug", f"person-{n}")
    return Person.objects.create(name=name or f"Person {n}", **fields)


def make_source(**fields) -> Source:
    n = _n()
    fields.setdefault("title", f"Report {n}")
    fields.setdefault("outlet", "The Daily Example")
    fields.setdefault("kind", Source.Kind.NEWS_REPORT)
    return Source.objects.create(**fields)


def make_event(title: str | None = None, **fields) -> Event:
    n = _n()
    fields.setdefault("slug", f"event-{n}")
    fields.setdefault("date", datetime.date(2024, 1, 28))
    fields.setdefault("kind", Event.Kind.DRONE_STRIKE)
    fields.setdefault("country", "JO")
    return Event.objects.create(title=title or f"Event {n}", **fields)


def make_claim(*, event=None, citations: int = 1, **fields) -> Claim:
    """A published third-party attribution with one citation, unless told otherwise."""
    fields.setdefault("claimant_description", "unnamed officials")
    fields.setdefault("stance", Claim.Stance.ATTRIBUTES)
    if fields["stance"] in {"attributes", "denies", "claims_responsibility"}:
        fields.setdefault("attributed_actor", make_actor())
    fields.setdefault("stated_on", datetime.date(2024, 2, 1))
    fields.setdefault("publication", Claim.Publication.PUBLISHED)
    claim = Claim.objects.create(event=event or make_event(), **fields)
    for _ in range(citations):
        Citation.objects.create(claim=claim, source=make_source(), quote=f"Quote {_n()}")
    return claim
