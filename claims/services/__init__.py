"""The one write path: every change to claims, citations, events, actors, people and
sources goes through a function here, whichever channel it comes from (admin, API,
import, commands). Each checks `claims.policy`, the model's rules, writes with
history, and announces what changed (`claims.announcements`)."""

from .attribution import (
    refresh_attribution,
    refresh_attribution_of_actor_events,
    refresh_attributions,
)
from .captures import record_capture
from .claims import (
    CitationChanges,
    PublishError,
    check_publishable,
    claim_state,
    delete_citations,
    delete_claim,
    delete_claims,
    publish_claims,
    retract_claim,
    save_citation,
    save_claim,
    set_claim_status,
    unpublish_claims,
)
from .desk import accept_suggestion, reject_suggestion, undo_accept, undo_rejection
from .history import restore_deleted, revert, revert_reason
from .imports import import_claims
from .merges import merge, undo_merge
from .records import delete_record, save_record, seen_by_readers

__all__ = [
    "CitationChanges",
    "PublishError",
    "accept_suggestion",
    "check_publishable",
    "claim_state",
    "delete_citations",
    "delete_claim",
    "delete_claims",
    "delete_record",
    "import_claims",
    "merge",
    "publish_claims",
    "record_capture",
    "refresh_attribution",
    "refresh_attribution_of_actor_events",
    "refresh_attributions",
    "reject_suggestion",
    "restore_deleted",
    "retract_claim",
    "revert",
    "revert_reason",
    "save_citation",
    "save_claim",
    "save_record",
    "seen_by_readers",
    "set_claim_status",
    "undo_accept",
    "undo_merge",
    "undo_rejection",
    "unpublish_claims",
]
