"""Writing attributions as brat standoff `.ann` files, in the PolNeAR layout.

Per attribution: one `T` line per present role (`Source`, `Cue`, `Content`; a
discontinuous span as "start end;start end"), one trigger `T` line (`Attribution`, or
`Attribution-no-source` when the source is missing, as in the corpus) over the cue (or,
lacking one, the content, then the source), and one `E` line tying them together.
`counterpoint.eval.polnear_data.parse_ann` reads the result back.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from counterpoint.eval.polnear_data import ROLES, GoldAttribution, Ranges


def _covered(text: str | None, ranges: Ranges) -> str:
    if text is None:
        return ""
    # brat joins fragments with a space and keeps each annotation on one line.
    return " ".join(text[s:e] for s, e in ranges).replace("\r", " ").replace("\n", " ")


def _offsets(ranges: Ranges) -> str:
    return ";".join(f"{s} {e}" for s, e in ranges)


def format_ann(attributions: Iterable[GoldAttribution], text: str | None = None) -> str:
    """The `.ann` content for `attributions` (covered text filled in when `text` is given)."""
    lines: list[str] = []
    t = e = 0
    for attribution in attributions:
        roles = {r: tuple(sorted(attribution.role(r))) for r in ROLES}
        present = [r for r in ("source", "cue", "content") if roles[r]]
        if not present:
            continue
        args: list[str] = []
        for role in present:
            t += 1
            ranges = roles[role]
            lines.append(f"T{t}\t{role.capitalize()} {_offsets(ranges)}\t{_covered(text, ranges)}")
            args.append(f"{role.capitalize()}:T{t}")
        trigger = roles["cue"] or roles["content"] or roles["source"]
        kind = "Attribution" if roles["source"] else "Attribution-no-source"
        t += 1
        e += 1
        lines.append(f"T{t}\t{kind} {_offsets(trigger)}\t{_covered(text, trigger)}")
        lines.append(f"E{e}\t{kind}:T{t} " + " ".join(args))
    return "".join(line + "\n" for line in lines)


def write_ann(
    path: Path, attributions_as_ranges: Iterable[GoldAttribution], *, text: str | None = None
) -> Path:
    """Write one `.ann` file (parent folders created); returns `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(format_ann(attributions_as_ranges, text), encoding="utf-8")
    return path
