"""End to end on the reference pair: `counterpoint compare ../shared/seeds/*.txt --format json`.

Checks the items of ../shared/seeds/EXPECTED.md that the foundation covers: cleaning
(section 1), attributions with resolved speakers, chains and channels (section 2), P1
asserted and denied in both articles (section 3) and the dates written with a day and
month (section 4). The seed text is read at run time, never copied here; the tables
below hold only line numbers, names and one-word content markers.
"""

from __future__ import annotations

import json

import pytest

from counterpoint.cli import main

pytestmark = pytest.mark.shared

A, B = "000_", "001_"


@pytest.fixture(scope="module")
def report(seeds_dir, tmp_path_factory):
    db = tmp_path_factory.mktemp("seeds") / "seeds.sqlite"
    out = tmp_path_factory.mktemp("seeds") / "report.json"
    paths = [str(p) for p in sorted(seeds_dir.glob("0*.txt"))]
    assert main(["--db", str(db), "compare", *paths, "--format", "json", "--out", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    by_prefix = {}
    for article in doc["articles"]:
        name = article["source"].rsplit("/", 1)[-1]
        analysis = next(a for a in doc["analyses"] if a["article_id"] == article["id"])
        by_prefix[name[:4]] = (article, analysis)
    return doc, by_prefix, {p.name[:4]: p.read_text(encoding="utf-8").splitlines() for p in map(
        __import__("pathlib").Path, paths)}


# ------------------------------------------------------------------ section 1: cleaning

REMOVED = {
    A: {0: "headline", 2: "dateline", 3: "caption", 5: "duplicate_caption", 13: "video_furniture",
        25: "social_promo", 27: "newsletter_promo", 28: "newsletter_promo", 29: "newsletter_promo",
        30: "navigation"},
    B: {0: "headline", 13: "artifact"},
}


@pytest.mark.parametrize("prefix", [A, B])
def test_cleaning_removes_exactly_the_furniture(report, prefix):
    _, articles, raw = report
    article, _ = articles[prefix]
    removed = {r["line_no"]: r["reason"] for r in article["removed"]}
    assert removed == REMOVED[prefix]
    assert article["title"] == raw[prefix][0].strip()
    for n, line in enumerate(raw[prefix]):
        if not line.strip():
            continue
        if n in removed:
            assert line.strip() not in article["body"], f"furniture line {n} left in the body"
        else:
            assert line.strip() in article["body"], f"body line {n} lost"


def test_caption_kept_once_with_credit(report):
    _, articles, _ = report
    captions = articles[A][0]["captions"]
    assert len(captions) == 1
    assert "REUTERS" in captions[0]["credit"]
    assert articles[B][0]["captions"] == []


def test_dateline_without_year_then_year_inferred(report):
    _, articles, _ = report
    article, analysis = articles[A]
    assert article["published"]["year"] is None
    assert (article["published"]["month"], article["published"]["day"]) == (2, 7)
    assert (article["published"]["hour"], article["published"]["minute"]) == (18, 46)
    resolved = analysis["published"]
    assert (resolved["year"], resolved["year_inferred"]) == (2023, True)
    assert articles[B][0]["published"] is None


# ---------------------------------------------------------------- section 2: attribution

# (article, speaker, words naming it, polarity, kind, content marker, route marker)
ROWS = [
    (A, "Iran", "Iran", "denies", "indirect", "truth", "Mehr"),
    (A, "Iran", "Tehran", "accuses", "mixed", "fault", None),
    (A, "Nasser Kanaani", None, "asserts", "direct", "exporters", "Mehr"),
    (A, "Nasser Kanaani", "He", "asserts", "mixed", "political solution", None),
    (A, "Nasser Kanaani", "the diplomat", "asserts", "indirect", "international community", None),
    (A, "The Wall Street Journal", None, "asserts", "indirect", "Shahed", None),
    (A, "Iran", "Iran", "denies", "indirect", "supplying", None),
    (B, "Iran", "Iran", "denies", "mixed", "participation", None),
    (B, "Nour News", None, "asserts", "direct", "independent or joint", "Monday"),
    (B, "Nour News", "It", "asserts", "direct", "strategists", None),
    (B, "The Wall Street Journal", "the WSJ", "asserts", "direct", "faster drone", "officials"),
    (B, "Iran", "Tehran", "denies", "indirect", "delivery", None),
    (B, "Iranian Defense Ministry", None, "asserts", "indirect", "Isfahan", "statement"),
    (B, "Iranian Defense Ministry", "The ministry", "asserts", "indirect", "loss of life", None),
    (B, "Iranian Defense Ministry", "it", "asserts", "indirect", "ordinary operations", None),
    (B, "Mykhailo Podolyak", "He", "asserts", "direct", "warn", "Twitter"),
    (B, "Kremlin spokesman", None, "asserts", "indirect", "Putin", None),
]


def _route(attr) -> str:
    parts = [s["name"] for s in attr["chain"]]
    if attr["channel"]:
        parts += [attr["channel"]["kind"], attr["channel"]["name"] or "", attr["channel"]["date_text"] or ""]
    return " ".join(parts)


@pytest.mark.parametrize(("prefix", "speaker", "written", "polarity", "kind", "marker", "route"), ROWS)
def test_attribution_rows(report, prefix, speaker, written, polarity, kind, marker, route):
    _, articles, _ = report
    _, analysis = articles[prefix]
    candidates = [
        a for a in analysis["attributions"]
        if marker in " ".join(c["text"] for c in a["content"])
    ]
    assert candidates, f"no attribution carries {marker!r}"
    spoken = [a for a in candidates if a["source"]["name"] == speaker]
    assert spoken, f"{marker!r} is attributed to {[a['source']['name'] for a in candidates]}"
    attr = spoken[0]
    if written is not None:
        assert attr["source"]["span"]["text"] == written
    assert attr["polarity"] == polarity
    assert attr["kind"] == kind
    if route is not None:
        assert route in _route(attr)


def test_anonymous_officials_through_the_wsj(report):
    _, articles, _ = report
    _, analysis = articles[B]
    attr = next(a for a in analysis["attributions"] if "6,000" in a["content"][0]["text"])
    assert attr["source"]["kind"] == "anonymous"
    assert "aligned with the US" in attr["source"]["description"]
    assert [s["name"] for s in attr["chain"]][-1] == "The Wall Street Journal"


def test_outlet_voice_disputes_the_denials(report):
    _, articles, _ = report
    _, analysis = articles[A]
    attr = next(a for a in analysis["attributions"] if "copious evidence" in a["content"][0]["text"])
    assert attr["source"]["kind"] == "outlet"
    assert attr["cue"] is None


def test_hedge_of_the_outlet_is_marked(report):
    _, articles, _ = report
    _, analysis = articles[A]
    attr = next(a for a in analysis["attributions"] if "political solution" in a["content"][0]["text"])
    assert attr["hedged_by_outlet"] is True


# -------------------------------------------------------------------- section 3: P1


def test_p1_asserted_and_denied_in_both_articles(report):
    doc, articles, _ = report
    ids = {prefix: articles[prefix][0]["id"] for prefix in (A, B)}
    attributions = {
        a["id"]: a for _, analysis in articles.values() for a in analysis["attributions"]
    }
    claims = {c["id"]: c for _, analysis in articles.values() for c in analysis["claims"]}

    def sides(cell):
        asserting, denying = set(), set()
        for cid in cell["claim_ids"]:
            claim = claims[cid]
            names = {claim["holder"]["name"]}
            if claim["attribution_id"]:
                names |= {s["name"] for s in attributions[claim["attribution_id"]]["chain"]}
            (asserting if claim["stance"] == "asserts" else denying).update(names)
        return asserting, denying

    def is_p1(row):
        cells = {c["article_id"]: c for c in row["cells"]}
        for prefix in (A, B):
            asserting, denying = sides(cells[ids[prefix]])
            if "The Wall Street Journal" not in asserting or "Iran" not in denying:
                return False
        return True

    p1 = [row for row in doc["comparison"]["rows"] if is_p1(row)]
    assert len(p1) == 1
    assert p1[0]["id"] in doc["comparison"]["shared_row_ids"]


# ------------------------------------------------------------------- section 4: dates

DATES = [
    (A, "Feb. 7", "2023-02-07"),
    (A, "Feb. 5", "2023-02-05"),
    (A, "Jan. 6", "2023-01-06"),
    (B, "Sunday", "2023-02-05"),
    (B, "Monday", "2023-02-06"),
]


@pytest.mark.parametrize(("prefix", "written", "value"), DATES)
def test_dates_with_day_and_month(report, prefix, written, value):
    _, articles, _ = report
    _, analysis = articles[prefix]
    values = {t["value"] for t in analysis["times"] if written in t["span"]["text"]}
    assert values == {value}


def test_dateline_normalized(report):
    _, articles, _ = report
    published = articles[A][1]["published"]
    assert (published["year"], published["month"], published["day"], published["hour"],
            published["minute"]) == (2023, 2, 7, 18, 46)


def test_timeline_merges_the_wsj_report_day(report):
    doc, articles, _ = report
    event = next(e for e in doc["comparison"]["timeline"] if e["value"] == "2023-02-05")
    assert {s["article_id"] for s in event["supports"]} == {articles[A][0]["id"], articles[B][0]["id"]}


# ------------------------------------------------------ section 3: P2, P3, only-in, sources


def _rows_with(doc, articles, marker):
    """Rows with a member claim whose proposition contains `marker` (lowercase)."""
    claims = {c["id"]: c for _, analysis in articles.values() for c in analysis["claims"]}
    return [
        row for row in doc["comparison"]["rows"]
        if any(marker in claims[cid]["proposition"].lower()
               for cell in row["cells"] for cid in cell["claim_ids"])
    ]


def _cell(row, article_id):
    return next(c for c in row["cells"] if c["article_id"] == article_id)


def test_p2_outlet_asserts_in_000_and_distances_in_001(report):
    doc, articles, _ = report
    a, b = articles[A][0]["id"], articles[B][0]["id"]
    rows = [r for r in _rows_with(doc, articles, "shahed kamikaze")
            if _cell(r, b)["stance"] != "absent"]
    assert len(rows) == 1, [r["proposition"] for r in rows]
    row = rows[0]
    first, second = _cell(row, a), _cell(row, b)
    # 000: Iran denies, the outlet's own voice asserts ("these denials are false")
    assert first["stance"] == "asserts"
    assert first["outlet_position"] == "asserts"
    assert ("Iran", "denies") in [(h["name"], s) for h, s in zip(first["holders"], first["holder_stances"])]
    # 001: Tehran rejects the "Western claims": Iran denies, the outlet keeps the claim
    # at a distance (hedges) and does not challenge the denial
    assert second["stance"] == "hedges"
    assert second["outlet_position"] == "distances"
    pairs = [(h["kind"], s) for h, s in zip(second["holders"], second["holder_stances"])]
    assert ("government", "denies") in pairs and ("outlet", "hedges") in pairs
    assert "asserts" not in second["holder_stances"]
    clash = [c for c in doc["comparison"]["contradictions"]
             if c["kind"] == "outlet_voices" and c["row_id"] == row["id"]]
    assert clash and set(clash[0]["article_ids"]) == {a, b}


def test_p3_faster_is_its_own_row_held_by_the_wsj_in_both(report):
    doc, articles, _ = report
    rows = _rows_with(doc, articles, "faster")
    assert len(rows) == 1
    for cell in rows[0]["cells"]:
        assert any("Wall Street Journal" in h["name"] for h in cell["holders"]), cell
        assert "asserts" in cell["holder_stances"]


def test_p1_keeps_the_6000_figure_visible_in_001_only(report):
    doc, articles, _ = report
    a, b = articles[A][0]["id"], articles[B][0]["id"]
    rows = [r for r in _rows_with(doc, articles, "6,000") if r["id"] in doc["comparison"]["shared_row_ids"]]
    assert len(rows) == 1
    evidence = {cell["article_id"]: " ".join(s["text"] for s in cell["evidence"]) for cell in rows[0]["cells"]}
    assert "6,000" in evidence[b] and "6,000" not in evidence[a]


# (article, marker in a member proposition or holder name): what only that article carries
ONLY_IN = [
    (A, "interbank"), (A, "qods"), (A, "mehrabi"), (A, "kanaani"),
    (B, "isfahan"), (B, "warn"), (B, "putin"), (B, "nour news"),
]


@pytest.mark.parametrize(("prefix", "marker"), ONLY_IN)
def test_only_in_one_article(report, prefix, marker):
    doc, articles, _ = report
    claims = {c["id"]: c for _, analysis in articles.values() for c in analysis["claims"]}
    rows = {r["id"]: r for r in doc["comparison"]["rows"]}
    only = doc["comparison"]["only_in"].get(articles[prefix][0]["id"], [])
    texts = [
        f'{claims[cid]["holder"]["name"]} {claims[cid]["proposition"]}'.lower()
        for rid in only for cell in rows[rid]["cells"] for cid in cell["claim_ids"]
    ]
    assert any(marker in t for t in texts), marker


def test_sourcing_profiles(report):
    doc, articles, _ = report
    profiles = {p["article_id"]: p for p in doc["comparison"]["sourcing"]}
    first, second = profiles[articles[A][0]["id"]], profiles[articles[B][0]["id"]]
    assert first["sources"].get("Iran", 0) >= 2 and second["sources"].get("Iran", 0) >= 1
    assert second["kinds"].get("anonymous", 0) >= 1  # the WSJ's unnamed officials
    assert first["kinds"].get("outlet", 0) >= 1  # "copious evidence these denials are false"
