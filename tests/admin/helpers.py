"""Building admin form posts the way the browser would send them."""

from claims.models import Claim


def management_form(prefix: str, total: int, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def claim_post(claim: Claim, **changes) -> dict[str, str]:
    """The change form of an existing claim, with its citations, as posted unchanged."""
    citations = list(claim.citations.all())
    data = {
        "event": claim.event_id,
        "claimant_actor": claim.claimant_actor_id or "",
        "claimant_person": claim.claimant_person_id or "",
        "speaker_title": claim.speaker_title,
        "claimant_description": claim.claimant_description,
        "channel": claim.channel,
        "stance": claim.stance,
        "attributed_actor": claim.attributed_actor_id or "",
        "attributed_description": claim.attributed_description,
        "attributed_actor_hint": claim.attributed_actor_hint_id or "",
        "role": claim.role,
        "hedging": claim.hedging,
        "stated_on": claim.stated_on.isoformat(),
        "stated_on_precision": claim.stated_on_precision,
        "responds_to": claim.responds_to_id or "",
        "status": claim.status,
        "publication": claim.publication,
        "notes": claim.notes,
        "version": claim.version,  # the hidden field: the version the form was opened at
        **management_form("citations", len(citations), len(citations)),
    }
    for n, citation in enumerate(citations):
        data |= {
            f"citations-{n}-id": citation.pk,
            f"citations-{n}-claim": claim.pk,
            f"citations-{n}-source": citation.source_id,
            f"citations-{n}-quote": citation.quote,
            f"citations-{n}-locator": citation.locator,
            f"citations-{n}-language": citation.language,
            f"citations-{n}-translation": citation.translation,
        }
    data |= changes
    return {key: "" if value is None else str(value) for key, value in data.items()}
