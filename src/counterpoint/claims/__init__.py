"""claims stage: propositions held by sources (or the outlet) with a stance and parts."""

from counterpoint.claims.extract import extract_claims
from counterpoint.claims.parts import ClaimParts, parts_of
from counterpoint.claims.stance import stance_of

__all__ = ["ClaimParts", "extract_claims", "parts_of", "stance_of"]
