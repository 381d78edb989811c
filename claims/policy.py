"""Who may change what readers see: the one permission policy of every write.

Every channel (admin forms and inlines, bulk actions, history reverts, the "Deleted"
page, the API, imports, commands) hands the services a record as it is and as it
would be after the write; the services ask this module, which judges the change by
what it would change, not by the channel it came through. A revert to a published
version is a publication; an import row that sets a status is a status change; a
restore of a deleted published claim is a publication.

The rights, as permissions of the `claims` app (the groups are made by migrations):

| right                                   | permission                       | groups          |
| --------------------------------------- | -------------------------------- | --------------- |
| publish and unpublish a claim           | `publish_claim`                  | Reviewer, Admin |
| set the status, retract, edit a reason  | `verify_claim`                   | Reviewer, Admin |
| merge actors or people, undo a merge    | `merge_actor` / `merge_person`   | Reviewer, Admin |
| delete what readers have seen           | `delete_published_claim`         | Admin           |

`by=None` is the system itself (migrations, the demo loader, a command run without
`--user`): it may do everything.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

PUBLISH = "claims.publish_claim"
VERIFY = "claims.verify_claim"
DELETE_PUBLIC = "claims.delete_published_claim"

PUBLISHED = "published"
UNVERIFIED = "unverified"


class Refused(PermissionDenied):
    """A change the user may not make, with a message for each field it concerns."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__(" ".join(problems.values()))


@dataclass(frozen=True)
class ClaimState:
    """What the policy looks at in a claim (None for a claim that does not exist)."""

    publication: str
    status: str
    retraction_reason: str = ""


def _may(user, permission: str) -> bool:
    return user is None or user.has_perm(permission)


def claim_change_problems(user, before: ClaimState | None, after: ClaimState) -> dict[str, str]:
    """Why `user` may not turn the claim `before` (None: a new claim) into `after`,
    by field; empty when they may."""
    before = before or ClaimState(publication="draft", status=UNVERIFIED)
    problems: dict[str, str] = {}
    if after.publication != before.publication and not _may(user, PUBLISH):
        problems["publication"] = (
            _("Publishing a claim needs the reviewer's right.")
            if after.publication == PUBLISHED
            else _("Unpublishing a claim needs the reviewer's right.")
        )
    if after.status != before.status and not _may(user, VERIFY):
        problems["status"] = _("Setting the verification status needs the reviewer's right.")
    if after.retraction_reason.strip() != before.retraction_reason.strip() and not _may(
        user, VERIFY
    ):
        problems["retraction_reason"] = _(
            "The retraction reason is shown to readers: changing it needs the reviewer's right."
        )
    return problems


def check_claim_change(user, before: ClaimState | None, after: ClaimState) -> None:
    if problems := claim_change_problems(user, before, after):
        raise Refused(problems)


def may_delete(user, *, seen_by_readers: bool) -> bool:
    """Drafts and records nobody has seen may be deleted by whoever may delete them;
    what readers have seen is retracted or unpublished instead, unless an Admin
    deletes it."""
    return not seen_by_readers or _may(user, DELETE_PUBLIC)


def check_deletion(user, obj, *, seen_by_readers: bool) -> None:
    if not may_delete(user, seen_by_readers=seen_by_readers):
        raise Refused(
            {
                "__all__": _(
                    "Readers have seen “%(record)s”: it is not deleted but retracted or "
                    "unpublished (deleting it needs the Admin's right)."
                )
                % {"record": obj}
            }
        )


def may_merge(user, model) -> bool:
    return _may(user, f"claims.merge_{model._meta.model_name}")


def check_merge(user, model) -> None:
    if not may_merge(user, model):
        raise Refused({"__all__": _("Merging needs the reviewer's right.")})
