"""Reading the PolNeAR attribution corpus (brat standoff) into plain records.

Layout (see ../shared/eval/README.md): `text/<name>.txt`, `attributions/<name>_<annotator>.ann`,
`metadata.tsv` (compartment train/dev/..., annotators). Where an article has several
annotators, the first listed in metadata.tsv is used. Offsets are characters into the
`.txt`; a role may be discontinuous ("start end;start end") or missing.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from counterpoint.errors import CounterpointError

Ranges = tuple[tuple[int, int], ...]
ROLES = ("source", "cue", "content")


@dataclass(frozen=True)
class GoldAttribution:
    """One annotated attribution: character ranges per role (empty when missing)."""

    source: Ranges = ()
    cue: Ranges = ()
    content: Ranges = ()

    def role(self, name: str) -> Ranges:
        return getattr(self, name)


@dataclass(frozen=True)
class PolnearDoc:
    name: str
    text: str
    compartment: str
    annotator: str | None
    attributions: tuple[GoldAttribution, ...] = field(default=())


_SPAN = re.compile(r"^(\w+) (\d+ \d+(?:;\d+ \d+)*)$")


def parse_ann(content: str) -> tuple[GoldAttribution, ...]:
    """The attributions of one brat `.ann` file (E lines tie T spans into a relation)."""
    spans: dict[str, tuple[str, Ranges]] = {}
    relations: list[dict[str, str]] = []
    for line in content.splitlines():
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            match = _SPAN.match(parts[1])
            if not match:
                continue
            ranges = tuple(
                (int(a), int(b)) for a, b in (r.split() for r in match.group(2).split(";"))
            )
            spans[parts[0]] = (match.group(1), ranges)
        elif line.startswith("E"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            args = dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg)
            relations.append(args)
    out = []
    for args in relations:
        roles = {}
        for role in ROLES:
            ref = args.get(role.capitalize())
            roles[role] = spans[ref][1] if ref in spans else ()
        out.append(GoldAttribution(**roles))
    return tuple(out)


def read_metadata(root: Path) -> dict[str, tuple[str, list[str]]]:
    """name -> (compartment, annotators in listed order)."""
    path = root / "metadata.tsv"
    if not path.is_file():
        return {}
    out = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            annotators = [a for a in (row.get("annotators") or "").split("|") if a and a != "None"]
            out[row["filename"]] = (row.get("compartment") or "unknown", annotators)
    return out


def load_polnear(root: Path, compartments: set[str] | None = None) -> Iterator[PolnearDoc]:
    """Every document (optionally only those in `compartments`), sorted by name."""
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir():
        raise CounterpointError(f"{root} is not a PolNeAR folder (no text/ inside)", reason="eval_data")
    metadata = read_metadata(root)
    for path in sorted(text_dir.glob("*.txt")):
        name = path.stem
        compartment, annotators = metadata.get(name, ("unknown", []))
        if compartments is not None and compartment not in compartments:
            continue
        available = sorted(p.stem[len(name) + 1 :] for p in ann_dir.glob(f"{name}_*.ann"))
        chosen = next((a for a in annotators if a in available), available[0] if available else None)
        attributions: tuple[GoldAttribution, ...] = ()
        if chosen is not None:
            attributions = parse_ann((ann_dir / f"{name}_{chosen}.ann").read_text(encoding="utf-8"))
        yield PolnearDoc(
            name=name,
            text=path.read_text(encoding="utf-8"),
            compartment=compartment,
            annotator=chosen,
            attributions=attributions,
        )
