"""What an import found: its problems, by line and column, and what it creates."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext, pgettext

from claims.duplicates import ProbableDuplicate


@dataclass
class RowError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.column}: {self.message}"


# A file with more problems lists the first ones and counts the rest: a 1,000,000-row
# file of a wrong format would otherwise hold a million messages.
MAX_LISTED_PROBLEMS = 1_000


@dataclass
class ImportReport:
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    problems_not_listed: int = 0
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    probable_duplicates: list[ProbableDuplicate] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def problem_count(self) -> int:
        return len(self.errors) + self.problems_not_listed

    def add_errors(self, errors: Iterable[RowError]) -> None:
        for error in errors:
            if len(self.errors) < MAX_LISTED_PROBLEMS:
                self.errors.append(error)
            else:
                self.problems_not_listed += 1

    def summary(self) -> str:
        kinds = sorted(set(self.created) | set(self.updated) | set(self.unchanged))
        names = {
            "actors": gettext("actors"),
            "people": gettext("people"),
            "events": gettext("events"),
            "sources": gettext("sources"),
            "claims": gettext("claims"),
            "citations": gettext("citations"),
        }
        parts = [
            gettext("%(kind)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged")
            % {
                "kind": names.get(kind, kind),
                "created": self.created[kind],
                "updated": self.updated[kind],
                "unchanged": self.unchanged[kind],
            }
            for kind in kinds
        ]
        return pgettext("list separator", "; ").join(parts) or gettext("nothing to import")


class ImportRefused(Exception):
    def __init__(self, report: ImportReport):
        self.report = report
        super().__init__(f"{report.problem_count} problem(s)")
