from .actors import Actor, ActorAlias, Affiliation, Person, PersonAlias
from .claims import Citation, Claim
from .desk import RejectedSuggestion
from .events import DatePrecision, Event, EventCandidate, EventRelation
from .imports import CaptureJob, ImportJob
from .merges import Merge
from .sources import Source
from .versioning import StaleVersion, Versioned
from .webhooks import WebhookDelivery, WebhookSubscription

__all__ = [
    "Actor",
    "ActorAlias",
    "Affiliation",
    "CaptureJob",
    "Citation",
    "Claim",
    "DatePrecision",
    "Event",
    "EventCandidate",
    "EventRelation",
    "ImportJob",
    "Merge",
    "Person",
    "PersonAlias",
    "RejectedSuggestion",
    "Source",
    "StaleVersion",
    "Versioned",
    "WebhookDelivery",
    "WebhookSubscription",
]
