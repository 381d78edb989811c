from .actors import Actor, ActorAlias, Affiliation, Person, PersonAlias
from .claims import Citation, Claim
from .desk import RejectedSuggestion
from .events import DatePrecision, Event, EventCandidate, EventRelation
from .merges import Merge
from .sources import Source
from .versioning import StaleVersion, Versioned

__all__ = [
    "Actor",
    "ActorAlias",
    "Affiliation",
    "Citation",
    "Claim",
    "DatePrecision",
    "Event",
    "EventCandidate",
    "EventRelation",
    "Merge",
    "Person",
    "PersonAlias",
    "RejectedSuggestion",
    "Source",
    "StaleVersion",
    "Versioned",
]
