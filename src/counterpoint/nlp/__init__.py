"""nlp stage: the shared spaCy pipeline (`model`) and canonical named entities (`entities`).

Public helpers for other stages: `find_entities`, `entity_kind`, `canonical_key`,
`resolve_name` (the alias table, `aliases`).
"""

from counterpoint.nlp.aliases import canonical_key, resolve_name
from counterpoint.nlp.entities import entity_kind, find_entities

__all__ = ["canonical_key", "entity_kind", "find_entities", "resolve_name"]
