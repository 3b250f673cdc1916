"""End-to-end PolNeAR evaluation on a tiny hand-made folder, and on the real dev data."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterpoint.errors import CounterpointError
from counterpoint.eval.polnear import attribution_ranges, evaluate_polnear, format_report, textacy_system
from counterpoint.eval.polnear_data import GoldAttribution, load_polnear
from counterpoint.records import Attribution, AttributionKind, SourceKind, SourceRef, Span

DOCS = {
    "tidings_2031-04-02_bridge": (
        "dev",
        'The harbor council met on Monday. "The new bridge will open in May," '
        "Mayor Lena Vosk said at the meeting. Engineers said the deck was finished.\n",
    ),
    "tidings_2031-04-03_ferry": (
        "dev",
        'Ferry crews went on strike. "We have not been paid since March," said union leader Oskar Brell.\n',
    ),
    "tidings_2031-04-04_rain": ("train", 'Rain fell. "It will stop soon," forecaster Mira Holt said.\n'),
}
# (source, cue, content) phrases per document; written as .ann by hand below
GOLD = {
    "tidings_2031-04-02_bridge": [
        ("Mayor Lena Vosk", "said", '"The new bridge will open in May,"'),
        ("Engineers", "said", "the deck was finished"),
    ],
    "tidings_2031-04-03_ferry": [("union leader Oskar Brell", "said", '"We have not been paid since March,"')],
    "tidings_2031-04-04_rain": [("forecaster Mira Holt", "said", '"It will stop soon,"')],
}
SYSTEM_KEYS = {"source", "cue", "content", "attribution", "seconds", "words_per_s"}


def _find(text: str, phrase: str, after: int = 0) -> tuple[int, int]:
    start = text.index(phrase, after)
    return start, start + len(phrase)


@pytest.fixture
def polnear_dir(tmp_path: Path) -> Path:
    root = tmp_path / "polnear"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    meta = ["compartment\tfilename\tlevel\tannotators\tpublisher"]
    for name, (compartment, text) in DOCS.items():
        (root / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        meta.append(f"{compartment}\t{name}\t1\tzz01\ttidings")
        lines, t, after = [], 0, 0
        for e, (source, cue, content) in enumerate(GOLD[name], 1):
            spans = {}
            for role, phrase in (("Content", content), ("Source", source), ("Cue", cue)):
                start, end = _find(text, phrase, after if role == "Content" else 0)
                t += 1
                spans[role] = t
                lines.append(f"T{t}\t{role} {start} {end}\t{phrase}")
            after = end
            t += 1
            lines.append(f"T{t}\tAttribution {start} {end}\t{cue}")
            roles = " ".join(f"{role}:T{spans[role]}" for role in ("Source", "Cue", "Content"))
            lines.append(f"E{e}\tAttribution:T{t} {roles}")
        (root / "attributions" / f"{name}_zz01.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "metadata.tsv").write_text("\n".join(meta) + "\n", encoding="utf-8")
    return root


def test_fixture_folder_reads_back(polnear_dir):
    docs = list(load_polnear(polnear_dir, {"dev"}))
    assert [d.name for d in docs] == sorted(n for n, (c, _) in DOCS.items() if c == "dev")
    assert len(docs[0].attributions) == 2


def test_end_to_end_on_a_tiny_folder(polnear_dir, tmp_path, nlp):
    out = tmp_path / "pred"
    result = evaluate_polnear(polnear_dir, out=out, nlp=nlp)
    assert result["documents"] == 2
    assert result["compartments"] == ["dev"]
    assert set(result["systems"]) == {"counterpoint", "textacy"}
    for metrics in result["systems"].values():
        assert SYSTEM_KEYS <= set(metrics)
        for role in ("source", "cue", "content", "attribution"):
            for kind in ("exact", "overlap"):
                assert set(metrics[role][kind]) == {"p", "r", "f1"}
                assert 0.0 <= metrics[role][kind]["f1"] <= 1.0
        assert metrics["content"]["gold"] == 3
    counterpoint = result["systems"]["counterpoint"]
    assert result["content_overlap_f1"] == counterpoint["content"]["overlap"]["f1"]
    # the two direct quotes with a named speaker are found by both systems
    assert counterpoint["content"]["overlap"]["r"] >= 2 / 3 - 1e-4
    assert result["systems"]["textacy"]["content"]["overlap"]["r"] >= 2 / 3 - 1e-4
    for system in ("counterpoint", "textacy"):
        written = sorted(p.name for p in (out / system).glob("*.ann"))
        assert written == [f"{n}.ann" for n in sorted(DOCS) if DOCS[n][0] == "dev"]
    report = format_report(result)
    assert report.splitlines()[-1] == f"content_overlap_f1={result['content_overlap_f1']:.3f}"


def test_compartments_limit_and_system_choice(polnear_dir, nlp):
    result = evaluate_polnear(polnear_dir, compartments=None, systems=("textacy",), limit=1, nlp=nlp)
    assert result["documents"] == 1
    assert set(result["systems"]) == {"textacy"}
    assert result["content_overlap_f1"] is None
    assert format_report(result).endswith("content_overlap_f1=n/a")
    train = evaluate_polnear(polnear_dir, compartments=("train",), systems=("textacy",), nlp=nlp)
    assert train["documents"] == 1 and train["compartments"] == ["train"]


def test_unknown_system_is_refused(polnear_dir, nlp):
    with pytest.raises(CounterpointError):
        evaluate_polnear(polnear_dir, systems=("oracle",), nlp=nlp)


def test_textacy_refusal_predicts_nothing(nlp):
    assert textacy_system('He said "one thing," and then "another.', nlp) == ()


def test_outlet_voice_is_left_out():
    def attribution(kind: SourceKind, span: Span | None) -> Attribution:
        return Attribution(
            id="a",
            source=SourceRef(name="x", kind=kind, span=span),
            cue=Span(start=10, end=14, text="said"),
            content=[Span(start=20, end=30, text="c" * 10), Span(start=40, end=45, text="d" * 5)],
            kind=AttributionKind.INDIRECT, produced_by="test/1",
        )

    ranges = attribution_ranges(
        [
            attribution(SourceKind.OUTLET, None),
            attribution(SourceKind.PERSON, Span(start=0, end=9, text="x" * 9)),
        ]
    )
    assert ranges == (GoldAttribution(source=((0, 9),), cue=((10, 14),), content=((20, 30), (40, 45))),)


def test_a_cue_in_pieces_is_one_discontinuous_cue():
    from counterpoint.eval.brat import format_ann

    text = "The Ledger cited officials as saying the dam held."
    cited, saying = Span(start=11, end=16, text="cited"), Span(start=27, end=36, text="as saying")
    att = Attribution(
        id="a", source=SourceRef(name="officials", kind=SourceKind.ANONYMOUS,
                                 span=Span(start=17, end=26, text="officials")),
        cue=cited, cue_parts=[cited, saying],
        content=[Span(start=37, end=49, text="the dam held")],
        kind=AttributionKind.INDIRECT, produced_by="test/1",
    )
    ranges = attribution_ranges([att])
    assert ranges[0].cue == ((11, 16), (27, 36))
    assert "Cue 11 16;27 36\tcited as saying" in format_ann(ranges, text)


@pytest.mark.slow
def test_five_dev_documents(eval_dir):
    result = evaluate_polnear(eval_dir / "polnear", compartments=("dev",), limit=5)
    assert result["documents"] == 5
    for metrics in result["systems"].values():
        assert SYSTEM_KEYS <= set(metrics)
        assert metrics["content"]["gold"] > 0
    assert (
        result["systems"]["counterpoint"]["content"]["overlap"]["f1"]
        > result["systems"]["textacy"]["content"]["overlap"]["f1"]
    )
    assert format_report(result).splitlines()[-1].startswith("content_overlap_f1=0.")


def test_a_failing_later_stage_falls_back_to_attributions(polnear_dir, nlp, monkeypatch):
    import counterpoint.pipeline

    def broken(article, nlp=None):
        raise ValueError("claims stage broke")

    monkeypatch.setattr(counterpoint.pipeline, "analyze_article", broken)
    result = evaluate_polnear(polnear_dir, systems=("counterpoint",), nlp=nlp)
    assert {e["document"] for e in result["errors"]} == {n for n, (c, _) in DOCS.items() if c == "dev"}
    assert result["errors"][0]["error"].startswith("ValueError: claims stage broke")
    assert result["systems"]["counterpoint"]["content"]["predicted"] > 0
