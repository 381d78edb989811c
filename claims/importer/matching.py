"""Each valid row matched to a stored claim (or one earlier in the file) by its
fingerprint, or a new claim; a change to a stored claim judged by the permission policy.
"""

from claims import policy
from claims.models import Citation, Claim
from claims.quotes import fold

from .report import RowError
from .rows import cached_related

# What an import may change on a claim it finds again by its fingerprint.
UPDATABLE_FIELDS = [
    "speaker_title",
    "channel",
    "hedging",
    "status",
    "retraction_reason",
    "publication",
]


class Matching:
    def match_claims(self) -> None:
        """Each valid row: a claim already stored or earlier in the file (by fingerprint),
        updated where it differs, or a new claim. Only the columns the file has change a
        stored claim, and each change is judged by the permission policy.

        Stored claims include those of earlier chunks (written before this one is read)."""
        self.fingerprints = {}
        self._load_stored_claims({claim.event_id for _, _, claim, _ in self.valid} - {None})
        for line, row, claim, citations in self.valid:
            key = fingerprint(claim, citations[0].quote if citations else "")
            existing = self.fingerprints.get(key)
            if existing is not None:
                given = [n for n in UPDATABLE_FIELDS if row.get(n) not in (None, "")]
                changed = [n for n in given if getattr(existing, n) != getattr(claim, n)]
                after = policy.ClaimState(
                    **{
                        name: getattr(claim if name in changed else existing, name)
                        for name in ("publication", "status", "retraction_reason")
                    }
                )
                if self._refused(line, _state(existing), after):
                    continue
                if changed:
                    for name in changed:
                        setattr(existing, name, getattr(claim, name))
                    self.changed_claims.append(existing)
                    self.report.updated["claims"] += 1
                else:
                    self.report.unchanged["claims"] += 1
                claim = existing
            else:
                if self._refused(line, None, _state(claim)):
                    continue
                self.fingerprints[key] = claim
                self.new_claims.append(claim)
                self.new_citations += citations
            if row.get("id") not in (None, ""):
                self.claims_by_file_id[str(row["id"])] = claim

    def _refused(self, line: int, before, after) -> bool:
        problems = policy.claim_change_problems(self.user, before, after)
        self.report.add_errors(RowError(line, f, message) for f, message in problems.items())
        return bool(problems)

    def _load_stored_claims(self, event_ids: set[int], chunk_size: int = 500) -> None:
        """The fingerprints of the stored claims of these events, two queries a chunk."""
        event_ids = sorted(event_ids)
        for start in range(0, len(event_ids), chunk_size):
            chunk = event_ids[start : start + chunk_size]
            first_quotes = {}
            for claim_id, quote in (
                Citation.objects.filter(claim__event_id__in=chunk)
                .order_by("pk")
                .values_list("claim_id", "quote")
            ):
                first_quotes.setdefault(claim_id, quote)
            for claim in Claim.objects.filter(event_id__in=chunk).order_by("pk"):
                key = fingerprint(claim, first_quotes.get(claim.pk, ""))
                self.fingerprints.setdefault(key, claim)


def fingerprint(claim: Claim, first_quote: str) -> tuple:
    """Who said what about which event, when: a stored claim's related rows by id, new
    ones (not written yet) by identity. Reads no related row from the database."""

    def ref(name: str):
        if (pk := getattr(claim, f"{name}_id")) is not None:
            return pk
        related = cached_related(claim, name)
        return None if related is None else related.pk or id(related)

    return (
        ref("event"),
        ref("claimant_actor"),
        ref("claimant_person"),
        fold(claim.claimant_description).casefold(),
        claim.stance,
        ref("attributed_actor"),
        fold(claim.attributed_description).casefold(),
        claim.role,
        claim.stated_on,
        fold(first_quote).casefold(),
    )


def _state(claim: Claim) -> policy.ClaimState:
    return policy.ClaimState(
        publication=claim.publication,
        status=claim.status,
        retraction_reason=claim.retraction_reason or "",
    )
