"""Spotting a new name that is probably an existing actor or person spelled differently.

Names that are equal once normalised (claims/normalize.py) are the same entry and
are never duplicated. Names that are merely close — "Kataeb Hezbollah" beside
"Kata'ib Hezbollah", "Suleimani" beside "Soleimani" — are reported for an editor to
decide (and merge), never merged silently. Close means a rapidfuzz `ratio` of the
normalised forms of at least `FUZZY_THRESHOLD` (0 to 100).
"""

from dataclasses import dataclass

from django.utils.translation import gettext
from rapidfuzz import fuzz, process

from claims.normalize import normalize_name

FUZZY_THRESHOLD = 85.0


@dataclass(frozen=True)
class ProbableDuplicate:
    name: str
    existing: object  # the Actor or Person
    existing_spelling: str
    similarity: float

    def __str__(self) -> str:
        return gettext(
            "“%(name)s” is probably %(existing)s (as “%(spelling)s”, similarity %(similarity)s%%)"
        ) % {
            "name": self.name,
            "existing": self.existing,
            "spelling": self.existing_spelling,
            "similarity": f"{self.similarity:.0f}",
        }


class DuplicateFinder:
    """Fuzzy look-ups over every spelling of one model, loaded once."""

    def __init__(self, model, *, exclude_pk=None):
        alias_model = model.aliases.rel.related_model
        owner_field = model.aliases.field.name
        aliases = alias_model.objects.select_related(owner_field)
        if exclude_pk is not None:
            aliases = aliases.exclude(**{owner_field: exclude_pk})
        self._spellings = {}
        for alias in aliases:
            self._spellings.setdefault(alias.normalized, (getattr(alias, owner_field), alias.name))
        self._keys = list(self._spellings)

    def add(self, owner, name: str) -> None:
        key = normalize_name(name)
        if key not in self._spellings:
            self._spellings[key] = (owner, name)
            self._keys.append(key)

    def probable_duplicates(self, name: str, limit: int = 3) -> list[ProbableDuplicate]:
        key = normalize_name(name)
        if not key or key in self._spellings:
            return []
        matches = process.extract(
            key, self._keys, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD, limit=limit * 3
        )
        found, seen = [], set()
        for match, score, _ in matches:
            owner, spelling = self._spellings[match]
            if owner.pk not in seen:
                seen.add(owner.pk)
                found.append(ProbableDuplicate(name, owner, spelling, score))
        return found[:limit]
