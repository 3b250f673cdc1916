"""Contradictions on the rows of the claims matrix.

Kinds, checked in this order for each row:

1. "sources": one holder asserts what another holder denies (outlet voices are left
   to step 2). One record per row, listing the articles where the clash is reported.
2. "outlet_voices": two outlets disagree in their own voice (one asserts, the other
   denies), or one asserts (denies) in its own voice what the other only reports a
   source denying (asserting), without challenging it in its own voice or while
   distancing itself from the claim ("the Western claims of P": cell HEDGES).
3. "numbers": members of the row give different numbers for the same quantity
   (same unit term after the number, e.g. "6,000 drones" vs "5,000 drones").
4. "dates": members from different articles date the event differently: the
   normalised dates (month precision or finer) written inside their contents have
   nothing in common ("reopened on 3 May" vs "reopened on 5 May"). Only calendar
   dates written with a number or a month name count: weekdays and "last week" are
   resolved through a reference date that may be a guess (another article's, for an
   undated one). Needs the articles' time expressions; without them it is skipped.
5. "actors": members of the row (the same event) name different actors for it ("the
   Harbour Ministry carried out the strike" / "the strike was carried out by the Brask
   militia"). Who acts comes from `Claim.subject` when the claims stage filled it, else
   from the proposition's subject or passive agent; it must be a story entity named in
   the claim's own words (see `compare.actors.claim_actor`); aliases, one name inside
   the other, pronouns, speakers, denials and converse wordings are no clash (see
   `compare.actors.actors_clash`). One record per row, worded "Outlet A says X did it;
   Outlet B says it was Y."

Every record's evidence spans carry the id of the article they are in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from counterpoint.comparison.actors import (
    Actor,
    actors_clash,
    claim_actor,
    entity_labels,
    name_key,
    same_actor,
)
from counterpoint.comparison.terms import Termer
from counterpoint.records import (
    Analysis,
    ArticleSpan,
    Attribution,
    CellStance,
    Claim,
    ClaimCell,
    ClaimRow,
    Contradiction,
    OutletColumn,
    SourceKind,
    Span,
    Stance,
    TimeExpression,
    TimeType,
)

OWN_STANCE = {CellStance.ASSERTS: Stance.ASSERTS, CellStance.DENIES: Stance.DENIES}
OPPOSITE = {Stance.ASSERTS: Stance.DENIES, Stance.DENIES: Stance.ASSERTS}


def _names(names: Sequence[str]) -> str:
    unique = list(dict.fromkeys(names))
    if len(unique) <= 1:
        return "".join(unique)
    return ", ".join(unique[:-1]) + " and " + unique[-1]


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def located(spans: Sequence[Span], article_id: str) -> list[ArticleSpan]:
    """The spans tagged with the article they are in: evidence of a contradiction
    crosses articles, and offsets alone do not say whose body they index."""
    return [
        ArticleSpan(start=s.start, end=s.end, text=s.text, article_id=article_id) for s in spans
    ]


def _source_clash(row: ClaimRow, outlets: Mapping[str, str]) -> Contradiction | None:
    asserting: list[str] = []
    denying: list[str] = []
    articles: list[str] = []
    evidence: list[ArticleSpan] = []
    for cell in row.cells:
        found = False
        for holder, stance in zip(cell.holders, cell.holder_stances):
            if holder.kind is SourceKind.OUTLET:
                continue
            if stance is Stance.ASSERTS:
                asserting.append(holder.name)
                found = True
            elif stance is Stance.DENIES:
                denying.append(holder.name)
                found = True
        if found:
            articles.append(cell.article_id)
            evidence.extend(located(cell.evidence, cell.article_id))
    # one holder on both sides is an inconsistent parse or a nuanced statement, not
    # a clash between sources: at least two different holders must disagree
    if not any(a != d for a in set(asserting) for d in set(denying)):
        return None
    where = _names([outlets.get(a, a) for a in articles])
    return Contradiction(
        row_id=row.id,
        kind="sources",
        description=(
            f"{_names(asserting)} {'assert' if len(set(asserting)) > 1 else 'asserts'} "
            f"and {_names(denying)} {'deny' if len(set(denying)) > 1 else 'denies'} "
            f"that {_short(row.proposition)} (reported by {where})."
        ),
        article_ids=list(dict.fromkeys(articles)),
        evidence=evidence,
    )


def _reported_only(cell: ClaimCell, stance: Stance) -> bool:
    """The cell reports a source holding `stance` and no own-voice claim challenges it
    (the outlet only reports it, or distances itself from the claim: cell HEDGES)."""
    if cell.stance in (CellStance.ASSERTS, CellStance.DENIES):
        return False
    return stance in cell.holder_stances and OPPOSITE[stance] not in cell.holder_stances


def _outlet_clashes(row: ClaimRow, outlets: Mapping[str, str]) -> list[Contradiction]:
    out: list[Contradiction] = []
    cells = row.cells
    for i, a in enumerate(cells):
        own_a = OWN_STANCE.get(a.stance)
        if own_a is None:
            continue
        for j, b in enumerate(cells):
            if i == j:
                continue
            own_b = OWN_STANCE.get(b.stance)
            name_a, name_b = outlets.get(a.article_id, a.article_id), outlets.get(
                b.article_id, b.article_id
            )
            if own_b is not None:
                if j < i or own_b is own_a:
                    continue
                text = (
                    f"{name_a} {own_a.value} in its own voice that {_short(row.proposition)}; "
                    f"{name_b} {own_b.value} it in its own voice."
                )
            elif _reported_only(b, OPPOSITE[own_a]):
                holders = [
                    h.name
                    for h, s in zip(b.holders, b.holder_stances)
                    if s is OPPOSITE[own_a] and h.kind is not SourceKind.OUTLET
                ]
                how = (
                    "and distances itself from the claim"
                    if b.stance is CellStance.HEDGES else "without challenge"
                )
                text = (
                    f"{name_a} {own_a.value} in its own voice that {_short(row.proposition)}; "
                    f"{name_b} reports {_names(holders)} "
                    f"{'denying' if own_a is Stance.ASSERTS else 'asserting'} it {how}."
                )
            else:
                continue
            out.append(
                Contradiction(
                    row_id=row.id,
                    kind="outlet_voices",
                    description=text,
                    article_ids=[a.article_id, b.article_id],
                    evidence=located(a.evidence, a.article_id) + located(b.evidence, b.article_id),
                )
            )
    return out


def _number_clash(
    row: ClaimRow, claims: Mapping[str, Claim], termer: Termer, outlets: Mapping[str, str]
) -> Contradiction | None:
    items: list[tuple[float, frozenset[str], Claim, str]] = []
    for cell in row.cells:
        for cid in cell.claim_ids:
            claim = claims.get(cid)
            if claim is None:
                continue
            for number, unit in termer.quantities(claim.proposition):
                items.append((number, unit, claim, cell.article_id))
    for i, (n_a, unit_a, claim_a, aid_a) in enumerate(items):
        for n_b, unit_b, claim_b, aid_b in items[i + 1 :]:
            common = unit_a & unit_b
            if n_a == n_b or not common:
                continue
            unit = sorted(common)[0]
            return Contradiction(
                row_id=row.id,
                kind="numbers",
                description=(
                    f"Different figures for '{unit}': {claim_a.holder.name} "
                    f"({outlets.get(aid_a, aid_a)}) gives {n_a:g}, {claim_b.holder.name} "
                    f"({outlets.get(aid_b, aid_b)}) gives {n_b:g}, "
                    f"about: {_short(row.proposition, 70)}."
                ),
                article_ids=list(dict.fromkeys([aid_a, aid_b])),
                evidence=located(claim_a.evidence, aid_a) + located(claim_b.evidence, aid_b),
            )
    return None


DATED = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?")
CALENDAR = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?!\w)", re.I
)


def _claim_dates(claim: Claim, times: Sequence[TimeExpression]) -> set[str]:
    """Normalised dates (month precision or finer) written inside the claim's contents."""
    out: set[str] = set()
    for time in times:
        if time.type is not TimeType.DATE or not time.value:
            continue
        match = DATED.match(time.value)
        if match is None:
            continue
        if not CALENDAR.search(time.span.text):
            # "on Thursday", "last week": resolved through a reference date, which may
            # be a guess (another article's, for an undated one); only dates written
            # with a number or a month name are statements the outlets make
            continue
        if any(s.start <= time.span.start and time.span.end <= s.end for s in claim.evidence):
            out.add(match.group(0))
    return out


def _date_clash(
    row: ClaimRow,
    claims: Mapping[str, Claim],
    times: Mapping[str, Sequence[TimeExpression]],
    outlets: Mapping[str, str],
) -> Contradiction | None:
    dated: list[tuple[set[str], Claim, str]] = []
    for cell in row.cells:
        for cid in cell.claim_ids:
            claim = claims.get(cid)
            if claim is None:
                continue
            values = _claim_dates(claim, times.get(cell.article_id, ()))
            if values:
                dated.append((values, claim, cell.article_id))
    for i, (values_a, claim_a, aid_a) in enumerate(dated):
        for values_b, claim_b, aid_b in dated[i + 1 :]:
            if aid_a == aid_b or values_a & values_b:
                continue
            # "2024-03" and "2024-03-12" do not disagree: compare at the coarser precision
            if any(a.startswith(b) or b.startswith(a) for a in values_a for b in values_b):
                continue
            return Contradiction(
                row_id=row.id,
                kind="dates",
                description=(
                    f"Different dates: {claim_a.holder.name} ({outlets.get(aid_a, aid_a)}) gives "
                    f"{', '.join(sorted(values_a))}, {claim_b.holder.name} "
                    f"({outlets.get(aid_b, aid_b)}) gives {', '.join(sorted(values_b))}, "
                    f"about: {_short(row.proposition, 70)}."
                ),
                article_ids=[aid_a, aid_b],
                evidence=located(claim_a.evidence, aid_a) + located(claim_b.evidence, aid_b),
            )
    return None


def _teller(claim: Claim, aid: str, outlets: Mapping[str, str]) -> str:
    outlet = outlets.get(aid, aid)
    if claim.holder.kind is SourceKind.OUTLET or not claim.holder.name:
        return outlet
    return f"{outlet} (citing {claim.holder.name})"


def _written(claim: Claim, attributions: Mapping[str, Attribution] | None) -> str | None:
    """The claim's own words: its evidence without its attribution's cue and source name
    (None without the analyses: the actor is then not checked against the text)."""
    if attributions is None:
        return None
    attribution = attributions.get(claim.attribution_id or "")
    framing: set[tuple[int, int]] = set()
    if attribution is not None:
        for span in (attribution.cue, *attribution.cue_parts, attribution.source.span):
            if span is not None:
                framing.add((span.start, span.end))
    return " … ".join(s.text for s in claim.evidence if (s.start, s.end) not in framing)


def _actor_clash(
    row: ClaimRow,
    claims: Mapping[str, Claim],
    termer: Termer,
    outlets: Mapping[str, str],
    attributions: Mapping[str, Attribution] | None = None,
    labels: Mapping[str, str] | None = None,
) -> Contradiction | None:
    """One "actors" record for the row: the first pair of claims that name different
    actors, with every other claim naming one of those actors (or a third one that
    clashes with both) as further evidence."""
    items: list[tuple[Actor, Claim, str]] = []
    for cell in row.cells:
        for cid in cell.claim_ids:
            claim = claims.get(cid)
            if claim is None:
                continue
            actor = claim_actor(claim, termer, _written(claim, attributions), labels)
            if actor is not None:
                items.append((actor, claim, cell.article_id))
    pair = next(
        (
            (i, j)
            for i in range(len(items))
            for j in range(i + 1, len(items))
            if actors_clash(items[i], items[j], termer)
        ),
        None,
    )
    if pair is None:
        return None
    first, second = items[pair[0]], items[pair[1]]
    groups: list[list[tuple[Actor, Claim, str]]] = [[first], [second]]
    for n, item in enumerate(items):
        if n in pair:
            continue
        if same_actor(item[0], first[0]) and not same_actor(item[0], second[0]):
            groups[0].append(item)
        elif same_actor(item[0], second[0]) and not same_actor(item[0], first[0]):
            groups[1].append(item)
        elif actors_clash(item, first, termer) and actors_clash(item, second, termer):
            home = next((g for g in groups[2:] if same_actor(g[0][0], item[0])), None)
            if home is None:
                groups.append([item])
            else:
                home.append(item)
    parts: list[str] = []
    for k, group in enumerate(groups):
        actor, claim, _ = group[0]
        who = _names([_teller(c, aid, outlets) for _, c, aid in group])
        verb = "says" if len({_teller(c, aid, outlets) for _, c, aid in group}) == 1 else "say"
        if k == 0:
            if name_key(actor.name) in name_key(claim.proposition):
                parts.append(f"{who} {verb} {_short(claim.proposition, 120)}")
            else:
                parts.append(f"{who} {verb} {actor.name} did it ({_short(claim.proposition, 100)})")
        else:
            parts.append(f"{who} {verb} it was {actor.name}")
    # an outlet's distancing claim repeats its source's evidence: list each span once
    evidence = list(dict.fromkeys(
        ev for group in groups for _, c, aid in group for ev in located(c.evidence, aid)
    ))
    return Contradiction(
        row_id=row.id,
        kind="actors",
        description="; ".join(parts) + ".",
        article_ids=list(dict.fromkeys(aid for group in groups for _, _, aid in group)),
        evidence=evidence,
    )


def find_contradictions(
    rows: Sequence[ClaimRow],
    claims: Mapping[str, Claim],
    columns: Sequence[OutletColumn],
    termer: Termer,
    times: Mapping[str, Sequence[TimeExpression]] | None = None,
    analyses: Sequence[Analysis] | None = None,
) -> list[Contradiction]:
    """All contradictions of the rows, in row order (see module doc).

    `analyses` (the story's) let the "actors" check read each claim's own words; without
    them the actors are taken from the claims alone."""
    outlets = {c.article_id: c.outlet for c in columns}
    attributions = (
        {a.id: a for analysis in analyses for a in analysis.attributions}
        if analyses is not None else None
    )
    labels = entity_labels(analyses, termer) if analyses is not None else None
    out: list[Contradiction] = []
    for row in rows:
        clash = _source_clash(row, outlets)
        if clash is not None:
            out.append(clash)
        out.extend(_outlet_clashes(row, outlets))
        numbers = _number_clash(row, claims, termer, outlets)
        if numbers is not None:
            out.append(numbers)
        if times:
            dates = _date_clash(row, claims, times, outlets)
            if dates is not None:
                out.append(dates)
        actors = _actor_clash(row, claims, termer, outlets, attributions, labels)
        if actors is not None:
            out.append(actors)
    return out
