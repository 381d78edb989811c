"""Building admin form posts the way the browser would send them."""

from claims.models import Claim, Event


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
        "retraction_reason": claim.retraction_reason,
        "publication": claim.publication,
        "quote_check_override": claim.quote_check_override,
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


def event_post(event: Event, **changes) -> dict[str, str]:
    """The change form of an existing event, with its claims inline, as posted unchanged."""
    claims = list(event.claims.all())
    data = {
        "title": event.title,
        "slug": event.slug,
        "kind": event.kind,
        "summary": event.summary,
        "version": event.version,
        "date": event.date.isoformat(),
        "date_precision": event.date_precision,
        "end_date": event.end_date.isoformat() if event.end_date else "",
        "place": event.place,
        "country": event.country.code or "",
        "latitude": event.latitude,
        "longitude": event.longitude,
        **management_form("relations", 0),
        **management_form("claims", len(claims), len(claims)),
    }
    for n, claim in enumerate(claims):
        data |= {
            f"claims-{n}-id": claim.pk,
            f"claims-{n}-event": event.pk,
            f"claims-{n}-stance": claim.stance,
            f"claims-{n}-claimant_actor": claim.claimant_actor_id,
            f"claims-{n}-claimant_person": claim.claimant_person_id,
            f"claims-{n}-claimant_description": claim.claimant_description,
            f"claims-{n}-attributed_actor": claim.attributed_actor_id,
            f"claims-{n}-role": claim.role,
            f"claims-{n}-hedging": claim.hedging,
            f"claims-{n}-stated_on": claim.stated_on.isoformat(),
            f"claims-{n}-version": claim.version,
        }
    data |= changes
    return {key: "" if value is None else str(value) for key, value in data.items()}
