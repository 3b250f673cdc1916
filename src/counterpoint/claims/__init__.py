"""claims stage: propositions held by sources (or the outlet) with a stance."""

from counterpoint.claims.extract import extract_claims
from counterpoint.claims.stance import stance_of

__all__ = ["extract_claims", "stance_of"]
