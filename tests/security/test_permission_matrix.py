"""The permission matrix: every channel a write comes through, every role, every guarded
change, and what comes of it.

The rights (claims.policy): an Editor creates and changes, but neither publishes nor
unpublishes, sets a status, retracts or edits the retraction reason, nor deletes what
readers have seen; a Reviewer also publishes, unpublishes, sets statuses, retracts,
edits the reason and merges, but deletes nothing readers have seen; the Admin group may
do everything; an account without permissions, writing with its API token, may not
write at all. Nobody leaves a published claim without a citation (a rule, not a right), and
restoring a deleted published claim is publishing it.

Each row of MATRIX is (channel, change) and the outcome for each role:

- DONE: the change took effect, and was announced;
- REFUSED: it did not, and nothing at all was written: every table and every history
  table reads as before, and nothing was announced;
- DROPPED: the field is read-only on the role's page; a value posted for it anyway is
  dropped and the rest of the form saved, an ordinary edit (the Editor's claim page).

Combinations that no channel can express are not rows:
- the event page's claims inline shows status and publication read-only to every role
  and has no retraction reason: it only creates, changes and deletes rows (see
  test_the_event_pages_claims_inline_cannot_publish_or_grade_even_for_an_admin);
- the claims list has no "retract" action (a retraction needs its reason, written on the
  claim's page), so no list action can retract or edit a reason;
- a history revert writes the record's own fields: it deletes nothing and removes no
  citation; only the "Deleted" page restores, and it does nothing else;
- the citations admin touches citations only; imports create and update, never delete;
- the API has no restore.
"""

import contextlib
import io
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings

from claims import services
from claims.models import Citation, Claim, Event
from tests.admin.helpers import claim_post, event_post
from tests.factories import make_actor, make_claim, make_event, make_person, make_source
from tests.security.channels import (
    ADMIN,
    EDITOR,
    REVIEWER,
    TOKEN_HOLDER,
    admin_client,
    announcements,
    api_client,
    changed_tables,
    member,
    row_of,
    row_prefix,
    run_action,
    snapshot,
    spreadsheet,
)

pytestmark = pytest.mark.django_db

ROLES = [EDITOR, REVIEWER, ADMIN, TOKEN_HOLDER]
DONE, REFUSED, DROPPED = "done", "refused", "dropped"

# --- the changes ---------------------------------------------------------------------

PUBLISH = "publish"
UNPUBLISH = "unpublish"
STATUSES = ["unverified", "corroborated", "confirmed", "disputed", "refuted"]
SET_STATUS = {status: f"set the status {status}" for status in STATUSES}
RETRACT = "retract"
EDIT_REASON = "edit the retraction reason"
DELETE_CLAIM = "delete a published claim"
REMOVE_LAST_CITATION = "remove a published claim's last citation"
MOVE_LAST_CITATION = "move a published claim's last citation to another claim"
RESTORE = "restore a deleted published claim"
DELETE_PERSON = "delete a public person"
DELETE_ACTOR = "delete a public actor"
DELETE_EVENT = "delete a public event"
MERGE = "merge two actors"
# Ordinary edits, as controls: the same drivers do take effect where the right is there.
CREATE_DRAFT = "create a draft claim"
REMOVE_A_CITATION = "remove one of two citations"
MOVE_A_CITATION = "move one of two citations to another claim"
RESTORE_DRAFT = "restore a deleted draft"

REASON = "The ministry withdrew the statement."

# What a change of a published claim's editorial fields asks: as stored, and as asked.
EDITS: dict[str, tuple[dict, dict]] = {
    PUBLISH: ({"publication": "draft"}, {"publication": "published"}),
    UNPUBLISH: ({"publication": "published"}, {"publication": "draft"}),
    **{
        SET_STATUS[status]: (
            {"status": "confirmed" if status == "unverified" else "unverified"},
            {"status": status},
        )
        for status in STATUSES
    },
    RETRACT: (
        {"status": "unverified", "retraction_reason": ""},
        {"status": "retracted", "retraction_reason": REASON},
    ),
    EDIT_REASON: (
        {"status": "retracted", "retraction_reason": REASON},
        {"status": "retracted", "retraction_reason": "Withdrawn: the video predates the strike."},
    ),
}

# --- the matrix ------------------------------------------------------------------------

CHANGE_FORM = "change form"  # a claim's, person's, actor's or event's page, its Delete link
CITATIONS_INLINE = "claim page's citations"
CLAIMS_INLINE = "event page's claims"
LIST_ACTIONS = "list actions"
REVERT = "history revert"
DELETED_PAGE = "Deleted page"
CITATIONS_ADMIN = "citations admin"
API = "API"
IMPORT_PAGE = "import page"
IMPORT_COMMAND = "import command --user"
DESK = "desk's accept"

# YES: done; NO: refused, nothing written; DROP: dropped, see above.
YES, NO, DROP = DONE, REFUSED, DROPPED
#   channel           change                        Editor   Reviewer Admin    token holder
MATRIX = [
    (CHANGE_FORM,      PUBLISH,                      DROP,    YES,     YES,     NO),
    (CHANGE_FORM,      UNPUBLISH,                    DROP,    YES,     YES,     NO),
    (CHANGE_FORM,      SET_STATUS["unverified"],     DROP,    YES,     YES,     NO),
    (CHANGE_FORM,      SET_STATUS["corroborated"],   DROP,    YES,     YES,     NO),
    (CHANGE_FORM,      SET_STATUS["confirmed"],      DROP,    YES,     YES,     NO),
    (CHANGE_FORM,      SET_STATUS["disputed"],       DROP,    YES,     YES,     NO),
    (CHANGE_FORM,      SET_STATUS["refuted"],        DROP,    YES,     YES,     NO),
    (CHANGE_FORM,      RETRACT,                      DROP,    YES,     YES,     NO),
    (CHANGE_FORM,      EDIT_REASON,                  DROP,    YES,     YES,     NO),
    (CHANGE_FORM,      DELETE_CLAIM,                 NO,      NO,      YES,     NO),
    (CHANGE_FORM,      DELETE_PERSON,                NO,      NO,      YES,     NO),
    (CHANGE_FORM,      DELETE_ACTOR,                 NO,      NO,      YES,     NO),
    (CHANGE_FORM,      DELETE_EVENT,                 NO,      NO,      YES,     NO),
    (CITATIONS_INLINE, REMOVE_LAST_CITATION,         NO,      NO,      NO,      NO),
    (CITATIONS_INLINE, REMOVE_A_CITATION,            YES,     YES,     YES,     NO),
    (CLAIMS_INLINE,    DELETE_CLAIM,                 NO,      NO,      YES,     NO),
    (LIST_ACTIONS,     PUBLISH,                      NO,      YES,     YES,     NO),
    (LIST_ACTIONS,     UNPUBLISH,                    NO,      YES,     YES,     NO),
    (LIST_ACTIONS,     SET_STATUS["unverified"],     NO,      YES,     YES,     NO),
    (LIST_ACTIONS,     SET_STATUS["corroborated"],   NO,      YES,     YES,     NO),
    (LIST_ACTIONS,     SET_STATUS["confirmed"],      NO,      YES,     YES,     NO),
    (LIST_ACTIONS,     SET_STATUS["disputed"],       NO,      YES,     YES,     NO),
    (LIST_ACTIONS,     SET_STATUS["refuted"],        NO,      YES,     YES,     NO),
    (LIST_ACTIONS,     DELETE_CLAIM,                 NO,      NO,      YES,     NO),
    (LIST_ACTIONS,     REMOVE_LAST_CITATION,         NO,      NO,      NO,      NO),
    (LIST_ACTIONS,     DELETE_PERSON,                NO,      NO,      YES,     NO),
    (LIST_ACTIONS,     DELETE_ACTOR,                 NO,      NO,      YES,     NO),
    (LIST_ACTIONS,     DELETE_EVENT,                 NO,      NO,      YES,     NO),
    (LIST_ACTIONS,     MERGE,                        NO,      YES,     YES,     NO),
    (REVERT,           PUBLISH,                      NO,      YES,     YES,     NO),
    (REVERT,           UNPUBLISH,                    NO,      YES,     YES,     NO),
    (REVERT,           SET_STATUS["unverified"],     NO,      YES,     YES,     NO),
    (REVERT,           SET_STATUS["corroborated"],   NO,      YES,     YES,     NO),
    (REVERT,           SET_STATUS["confirmed"],      NO,      YES,     YES,     NO),
    (REVERT,           SET_STATUS["disputed"],       NO,      YES,     YES,     NO),
    (REVERT,           SET_STATUS["refuted"],        NO,      YES,     YES,     NO),
    (REVERT,           RETRACT,                      NO,      YES,     YES,     NO),
    (REVERT,           EDIT_REASON,                  NO,      YES,     YES,     NO),
    (DELETED_PAGE,     RESTORE,                      NO,      YES,     YES,     NO),
    (DELETED_PAGE,     RESTORE_DRAFT,                YES,     YES,     YES,     NO),
    (CITATIONS_ADMIN,  REMOVE_LAST_CITATION,         NO,      NO,      NO,      NO),
    (CITATIONS_ADMIN,  MOVE_LAST_CITATION,           NO,      NO,      NO,      NO),
    (CITATIONS_ADMIN,  REMOVE_A_CITATION,            YES,     YES,     YES,     NO),
    (CITATIONS_ADMIN,  MOVE_A_CITATION,              YES,     YES,     YES,     NO),
    (API,              PUBLISH,                      NO,      YES,     YES,     NO),
    (API,              UNPUBLISH,                    NO,      YES,     YES,     NO),
    (API,              SET_STATUS["unverified"],     NO,      YES,     YES,     NO),
    (API,              SET_STATUS["corroborated"],   NO,      YES,     YES,     NO),
    (API,              SET_STATUS["confirmed"],      NO,      YES,     YES,     NO),
    (API,              SET_STATUS["disputed"],       NO,      YES,     YES,     NO),
    (API,              SET_STATUS["refuted"],        NO,      YES,     YES,     NO),
    (API,              RETRACT,                      NO,      YES,     YES,     NO),
    (API,              EDIT_REASON,                  NO,      YES,     YES,     NO),
    (API,              DELETE_CLAIM,                 NO,      NO,      YES,     NO),
    (API,              REMOVE_LAST_CITATION,         NO,      NO,      NO,      NO),
    (API,              DELETE_PERSON,                NO,      NO,      YES,     NO),
    (API,              DELETE_ACTOR,                 NO,      NO,      YES,     NO),
    (API,              DELETE_EVENT,                 NO,      NO,      YES,     NO),
    (API,              CREATE_DRAFT,                 YES,     YES,     YES,     NO),
    (IMPORT_PAGE,      PUBLISH,                      NO,      YES,     YES,     NO),
    (IMPORT_PAGE,      UNPUBLISH,                    NO,      YES,     YES,     NO),
    (IMPORT_PAGE,      SET_STATUS["unverified"],     NO,      YES,     YES,     NO),
    (IMPORT_PAGE,      SET_STATUS["corroborated"],   NO,      YES,     YES,     NO),
    (IMPORT_PAGE,      SET_STATUS["confirmed"],      NO,      YES,     YES,     NO),
    (IMPORT_PAGE,      SET_STATUS["disputed"],       NO,      YES,     YES,     NO),
    (IMPORT_PAGE,      SET_STATUS["refuted"],        NO,      YES,     YES,     NO),
    (IMPORT_PAGE,      RETRACT,                      NO,      YES,     YES,     NO),
    (IMPORT_PAGE,      EDIT_REASON,                  NO,      YES,     YES,     NO),
    (IMPORT_PAGE,      CREATE_DRAFT,                 YES,     YES,     YES,     NO),
    (IMPORT_COMMAND,   PUBLISH,                      NO,      YES,     YES,     NO),
    (IMPORT_COMMAND,   UNPUBLISH,                    NO,      YES,     YES,     NO),
    (IMPORT_COMMAND,   SET_STATUS["unverified"],     NO,      YES,     YES,     NO),
    (IMPORT_COMMAND,   SET_STATUS["corroborated"],   NO,      YES,     YES,     NO),
    (IMPORT_COMMAND,   SET_STATUS["confirmed"],      NO,      YES,     YES,     NO),
    (IMPORT_COMMAND,   SET_STATUS["disputed"],       NO,      YES,     YES,     NO),
    (IMPORT_COMMAND,   SET_STATUS["refuted"],        NO,      YES,     YES,     NO),
    (IMPORT_COMMAND,   RETRACT,                      NO,      YES,     YES,     NO),
    (IMPORT_COMMAND,   EDIT_REASON,                  NO,      YES,     YES,     NO),
    (IMPORT_COMMAND,   CREATE_DRAFT,                 YES,     YES,     YES,     NO),
    (DESK,             CREATE_DRAFT,                 YES,     YES,     YES,     NO),
]  # fmt: skip

CASES = [
    pytest.param(channel, change, role, expected, id=f"{channel}: {change}: {role}")
    for channel, change, *outcomes in MATRIX
    for role, expected in zip(ROLES, outcomes, strict=True)
]

# --- what each change needs, and how to tell it took effect -------------------------------


@dataclass
class Target:
    """What a change is made to."""

    claim: Claim | None = None
    citation: Citation | None = None
    other_claim: Claim | None = None
    record: object = None  # a person, actor or event
    other_record: object = None  # the actor another is merged into
    deleted: object = None  # the historical row of a deleted claim
    event: Event | None = None


def _edited_claim(change: str) -> Target:
    """A published claim with one citation, whose first version holds the values the
    change asks for (to revert to) and its current one those it is asked to change."""
    stored, asked = EDITS[change]
    claim = make_claim(**asked)
    for name, value in stored.items():
        setattr(claim, name, value)
    claim.save()
    return Target(claim=claim)


def _claim_with_citations(count: int) -> Target:
    claim = make_claim(citations=count)
    return Target(claim=claim, citation=claim.citations.order_by("pk").first())


def _citation_to_move(citations: int) -> Target:
    target = _claim_with_citations(citations)
    target.other_claim = make_claim(publication="draft", citations=0)
    return target


def _moved(target: Target) -> bool:
    return Citation.objects.filter(pk=target.citation.pk, claim=target.other_claim).exists()


def _deleted_claim(publication: str) -> Target:
    claim = make_claim(publication=publication)
    pk = claim.pk
    services.delete_claim(claim, by=None)
    return Target(claim=Claim(pk=pk), deleted=Claim.history.get(id=pk, history_type="-"))


def _public_event() -> Target:
    """An event readers have seen: it had a published claim (deleted since, as an event
    with claims cannot be deleted before its claims)."""
    claim = make_claim()
    services.delete_claim(claim, by=None)
    return Target(record=claim.event)


def _exists(obj) -> bool:
    return type(obj)._base_manager.filter(pk=obj.pk).exists()


@dataclass(frozen=True)
class Spec:
    arrange: Callable[[], Target]
    took_effect: Callable[[Target], bool]


def _edit_spec(change: str) -> Spec:
    asked = EDITS[change][1]

    def took_effect(target: Target) -> bool:
        stored = Claim.objects.filter(pk=target.claim.pk).values(*asked).get()
        return stored == asked

    return Spec(lambda: _edited_claim(change), took_effect)


CHANGES: dict[str, Spec] = {
    **{change: _edit_spec(change) for change in EDITS},
    DELETE_CLAIM: Spec(lambda: Target(claim=make_claim()), lambda t: not _exists(t.claim)),
    REMOVE_LAST_CITATION: Spec(
        lambda: _claim_with_citations(1), lambda t: not t.claim.citations.exists()
    ),
    MOVE_LAST_CITATION: Spec(lambda: _citation_to_move(1), _moved),
    MOVE_A_CITATION: Spec(lambda: _citation_to_move(2), _moved),
    REMOVE_A_CITATION: Spec(lambda: _claim_with_citations(2), lambda t: not _exists(t.citation)),
    RESTORE: Spec(lambda: _deleted_claim("published"), lambda t: _exists(t.claim)),
    RESTORE_DRAFT: Spec(lambda: _deleted_claim("draft"), lambda t: _exists(t.claim)),
    DELETE_PERSON: Spec(lambda: Target(record=make_person()), lambda t: not _exists(t.record)),
    DELETE_ACTOR: Spec(lambda: Target(record=make_actor()), lambda t: not _exists(t.record)),
    DELETE_EVENT: Spec(_public_event, lambda t: not _exists(t.record)),
    MERGE: Spec(
        lambda: Target(record=make_actor("Kataeb Hezbollah"), other_record=make_actor()),
        lambda t: not _exists(t.record),
    ),
    CREATE_DRAFT: Spec(
        lambda: Target(
            event=make_event(),
            citation=Citation(source=make_source(full_text="Nobody has claimed it.")),
        ),
        lambda t: Claim.objects.filter(event=t.event).exists(),
    ),
}


def _model_path(record) -> str:
    return type(record)._meta.model_name


# --- the drivers: one per channel, each makes the change as its users would -----------------


def change_form(user, change: str, target: Target) -> None:
    client = admin_client(user)
    if change in EDITS:
        claim = target.claim
        claim.refresh_from_db()
        client.post(
            f"/admin/claims/claim/{claim.pk}/change/", claim_post(claim, **EDITS[change][1])
        )
    else:
        record = target.claim if change == DELETE_CLAIM else target.record
        client.post(f"/admin/claims/{_model_path(record)}/{record.pk}/delete/", {"post": "yes"})


def citations_inline(user, change: str, target: Target) -> None:
    claim = target.claim
    claim.refresh_from_db()
    row = row_prefix("citations", claim.citations.all(), target.citation)
    admin_client(user).post(
        f"/admin/claims/claim/{claim.pk}/change/", claim_post(claim, **{f"{row}-DELETE": "on"})
    )


def claims_inline(user, change: str, target: Target) -> None:
    event = target.claim.event
    row = row_prefix("claims", event.claims.all(), target.claim)
    admin_client(user).post(
        f"/admin/claims/event/{event.pk}/change/", event_post(event, **{f"{row}-DELETE": "on"})
    )


def list_actions(user, change: str, target: Target) -> None:
    client = admin_client(user)
    if change == PUBLISH:
        run_action(client, "claim", "publish", target.claim)
    elif change == UNPUBLISH:
        run_action(client, "claim", "unpublish", target.claim)
    elif change in EDITS:
        status = EDITS[change][1]["status"]
        run_action(client, "claim", f"mark_{status}", target.claim)
    elif change == DELETE_CLAIM:
        run_action(client, "claim", "delete_selected", target.claim)
    elif change == REMOVE_LAST_CITATION:
        run_action(client, "citation", "delete_selected", target.citation)
    elif change == MERGE:
        kept, merged = target.other_record, target.record
        client.post(
            "/admin/claims/actor/",
            {
                "action": "merge",
                "_selected_action": [kept.pk, merged.pk],
                "confirm": "yes",
                "survivor": kept.pk,
            },
        )
    else:
        run_action(client, _model_path(target.record), "delete_selected", target.record)


def history_revert(user, change: str, target: Target) -> None:
    """Back to the claim's first version, which holds the values asked: the revert form
    shows that version's values, over the current version number."""
    claim = target.claim
    first = claim.history.get(version=1)
    current = Claim.objects.get(pk=claim.pk).version
    admin_client(user).post(
        f"/admin/claims/claim/{claim.pk}/history/{first.history_id}/",
        claim_post(first.instance, version=current),
    )


def deleted_page(user, change: str, target: Target) -> None:
    admin_client(user).post(
        "/admin/claims/claim/deleted/", {"restore": [target.deleted.history_id]}
    )


def citations_admin(user, change: str, target: Target) -> None:
    client = admin_client(user)
    citation = target.citation
    if change in (MOVE_LAST_CITATION, MOVE_A_CITATION):
        client.post(
            f"/admin/claims/citation/{citation.pk}/change/",
            {
                "claim": target.other_claim.pk,
                "source": citation.source_id,
                "quote": citation.quote,
                "locator": citation.locator,
                "language": citation.language,
                "translation": citation.translation,
            },
        )
    else:
        client.post(f"/admin/claims/citation/{citation.pk}/delete/", {"post": "yes"})


API_PATHS = {"person": "people", "actor": "actors", "event": "events"}


def api(user, change: str, target: Target) -> None:
    client = api_client(user)
    if change == CREATE_DRAFT:
        client.post("/api/v1/claims/", _new_claim_values(target), format="json")
    elif change == DELETE_CLAIM:
        client.delete(f"/api/v1/claims/{target.claim.pk}/")
    elif change in EDITS or change == REMOVE_LAST_CITATION:
        claim = target.claim
        asked = EDITS[change][1] if change in EDITS else {"citations": []}
        claim.refresh_from_db()
        client.patch(
            f"/api/v1/claims/{claim.pk}/", asked | {"version": claim.version}, format="json"
        )
    else:
        record = target.record
        client.delete(f"/api/v1/{API_PATHS[_model_path(record)]}/{record.slug}/")


def _new_claim_values(target: Target) -> dict:
    return {
        "event": target.event.slug,
        "claimant_description": "unnamed officials",
        "stance": "no_claim",
        "stated_on": "2024-02-01",
        "citations": [{"source": target.citation.source.pk, "quote": "Nobody has claimed it."}],
    }


def _import_file(change: str, target: Target) -> str:
    if change == CREATE_DRAFT:
        return spreadsheet(
            {
                "event": target.event.slug,
                "event_date": target.event.date.isoformat(),
                "claimant_description": "unnamed officials",
                "stance": "no_claim",
                "stated_on": "2024-02-01",
                "quote": "Nobody has claimed it.",
                "source_title": target.citation.source.title,
                "source_outlet": target.citation.source.outlet,
            }
        )
    return spreadsheet(row_of(target.claim, **EDITS[change][1]))


def import_page(user, change: str, target: Target) -> None:
    """Upload (the dry run runs as a job), then confirm (the import runs as a job): the
    page takes the confirmation only when the dry run found nothing wrong. Jobs run at
    once, when the request's transaction commits."""
    client = admin_client(user)
    upload = SimpleUploadedFile("claims.csv", _import_file(change, target).encode())
    immediate = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with override_settings(TASKS=immediate):
        with TestCase.captureOnCommitCallbacks(execute=True):
            uploaded = client.post("/admin/claims/claim/import/", {"file": upload})
        if uploaded.status_code == 302:  # to the job's page
            with TestCase.captureOnCommitCallbacks(execute=True):
                client.post(uploaded.url)


def import_command(user, change: str, target: Target, *, folder) -> None:
    path = folder / "claims.csv"
    path.write_text(_import_file(change, target))
    # Refused: the command lists the problems and exits with an error.
    with contextlib.suppress(CommandError):
        call_command(
            "import_claims",
            str(path),
            user=user.username,
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )


def desk(user, change: str, target: Target) -> None:
    """The desk's accept, as its script posts it (an account that is not staff is sent
    to the admin's login page)."""
    source = target.citation.source
    admin_client(user).post(
        f"/admin/claims/source/{source.pk}/read/accept/",
        {
            "event": target.event.pk,
            "claimant_description": "unnamed officials",
            "stance": "no_claim",
            "role": "perpetrator",
            "hedging": "asserted",
            "stated_on": "2024-02-01",
            "quote": "Nobody has claimed it.",
            "start": 0,
            "end": len(source.full_text),
        },
        HTTP_ACCEPT="application/json",
    )


DRIVERS = {
    CHANGE_FORM: change_form,
    CITATIONS_INLINE: citations_inline,
    CLAIMS_INLINE: claims_inline,
    LIST_ACTIONS: list_actions,
    REVERT: history_revert,
    DELETED_PAGE: deleted_page,
    CITATIONS_ADMIN: citations_admin,
    API: api,
    IMPORT_PAGE: import_page,
    DESK: desk,
}


# --- the test --------------------------------------------------------------------------------


@pytest.mark.parametrize(("channel", "change", "role", "expected"), CASES)
def test_permission_matrix(
    channel, change, role, expected, django_capture_on_commit_callbacks, tmp_path
):
    user = member(role)
    spec = CHANGES[change]
    target = spec.arrange()
    before = snapshot()

    with announcements(django_capture_on_commit_callbacks) as sent:
        if channel == IMPORT_COMMAND:
            import_command(user, change, target, folder=tmp_path)
        else:
            DRIVERS[channel](user, change, target)

    took_effect = spec.took_effect(target)
    if expected == DONE:
        assert took_effect
        assert sent, "a change that took effect is announced"
    elif expected == REFUSED:
        assert not took_effect
        assert changed_tables(before, snapshot()) == []
        assert sent == []
    else:  # DROPPED: the read-only field kept its value; the rest saved as an ordinary edit
        assert not took_effect
        stored = EDITS[change][0]
        assert Claim.objects.filter(pk=target.claim.pk).values(*stored).get() == stored
        after = snapshot()
        assert set(changed_tables(before, after)) <= {
            "claims.Claim",
            "claims.Claim history",
            "claims.EventCandidate",
        }
        newest = target.claim.history.first()
        assert {name: getattr(newest, name) for name in stored} == stored


def test_every_role_and_channel_is_in_the_matrix():
    assert {channel for channel, *_ in MATRIX} == set(DRIVERS) | {IMPORT_COMMAND}
    assert {change for _, change, *_ in MATRIX} == set(CHANGES)
    assert len({(channel, change) for channel, change, *_ in MATRIX}) == len(MATRIX)


def test_the_event_pages_claims_inline_cannot_publish_or_grade_even_for_an_admin():
    """Status and publication are read-only in the inline for every role: a value posted
    for them anyway is dropped, so the inline can neither publish nor grade."""
    claim = make_claim(publication="draft")
    event = claim.event
    row = row_prefix("claims", event.claims.all(), claim)
    forged = {f"{row}-publication": "published", f"{row}-status": "confirmed"}

    response = admin_client(member(ADMIN)).post(
        f"/admin/claims/event/{event.pk}/change/", event_post(event, **forged)
    )

    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.publication, claim.status) == ("draft", "unverified")
