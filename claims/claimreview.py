"""schema.org ClaimReview for claims that carry an editorial verdict.

The verdict is the claim's status. Rating scale 1 (worst) to 5 (best), with the
status's own word as `alternateName`, which is what fact-check readers display:

| status        | ratingValue | alternateName |
| ------------- | ----------- | ------------- |
| confirmed     | 5           | Confirmed     |
| corroborated  | 4           | Corroborated  |
| disputed      | 2           | Disputed      |
| refuted       | 1           | Refuted       |

`unverified` and `retracted` claims carry no verdict and get no ClaimReview.
"""

import json

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from claims.models import Claim

SITE_NAME = "Attribution tracker"
RATINGS = {
    Claim.Status.CONFIRMED: 5,
    Claim.Status.CORROBORATED: 4,
    Claim.Status.DISPUTED: 2,
    Claim.Status.REFUTED: 1,
}
REVIEWED_STATUSES = tuple(RATINGS)


def has_verdict(claim: Claim) -> bool:
    return claim.status in RATINGS


def claim_reviewed(claim: Claim) -> str:
    """The claim in one sentence, as a fact-check headline states it."""
    if claim.stance == Claim.Stance.NO_CLAIM:
        return gettext("Nobody has claimed responsibility for %(event)s.") % {"event": claim.event}
    parts = {
        "claimant": claim.claimant_label or gettext("Someone unnamed"),
        "stance": claim.stance_phrase,
        # The actor, or the description of one the claim does not name ("the culprit").
        "actor": claim.attributed_label,
        "role": claim.get_role_display(),
        "event": claim.event,
    }
    if claim.attributed_label:
        return gettext("%(claimant)s %(stance)s %(actor)s as %(role)s: %(event)s.") % parts
    return gettext("%(claimant)s %(stance)s: %(event)s.") % parts


def _claimant(claim: Claim) -> dict:
    if claim.claimant_person_id:
        author = {"@type": "Person", "name": claim.claimant_person.name}
        if claim.speaker_title:
            author["jobTitle"] = claim.speaker_title
        if claim.claimant_actor_id:
            author["affiliation"] = {"@type": "Organization", "name": claim.claimant_actor.name}
        return author
    if claim.claimant_actor_id:
        return {"@type": "Organization", "name": claim.claimant_actor.name}
    return {"@type": "Organization", "name": claim.claimant_description}


def _appearances(claim: Claim, base_url: str) -> list[dict]:
    """Each source the claim's citations quote, once, in the citations' order (two quotes
    from one article are one appearance of the claim)."""
    sources = {citation.source_id: citation.source for citation in claim.citations.all()}
    return [_appearance(source, base_url) for source in sources.values()]


def _appearance(source, base_url: str) -> dict:
    work = {
        "@type": "CreativeWork",
        "url": source.url or f"{base_url}{source.get_absolute_url()}",
    }
    if source.title:
        work["headline"] = source.title
    if source.published_on:
        work["datePublished"] = source.published_on.isoformat()
    if source.author:
        work["author"] = {"@type": "Person", "name": source.author}
    if source.outlet:
        work["publisher"] = {"@type": "Organization", "name": source.outlet}
    return work


def claim_review(claim: Claim, *, base_url: str) -> dict:
    """The ClaimReview of one claim (its citations and sources should be prefetched)."""
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{base_url}{claim.get_absolute_url()}",
        "datePublished": claim.updated_at.date().isoformat(),
        "author": {"@type": "Organization", "name": SITE_NAME, "url": f"{base_url}/"},
        "claimReviewed": claim_reviewed(claim),
        "itemReviewed": {
            "@type": "Claim",
            "author": _claimant(claim),
            "datePublished": claim.stated_on.isoformat(),
            "appearance": _appearances(claim, base_url),
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATINGS[claim.status],
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": claim.get_status_display().capitalize(),
        },
    }


# The characters that could end or confuse an HTML <script> element, as JSON escapes.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data) -> SafeString:
    """A <script type="application/ld+json"> element that no quote can break out of."""
    payload = json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')
