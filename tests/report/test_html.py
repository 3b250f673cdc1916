"""The HTML report without a browser: self-contained, every section present, hostile text
escaped, evidence keys consistent between the matrix and the article columns."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

from typer.testing import CliRunner

from counterpoint.report import FORMATS, render_html
from counterpoint.report.html import CSP, span_key

from .conftest import BODY_A, BODY_B, span


class Tags(HTMLParser):
    """Every start tag with its attributes, and the raw text of <script> and <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in self.raw:
            self._in = tag

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in:
            self.raw[self._in].append(data)


def parse(html: str) -> Tags:
    p = Tags()
    p.feed(html)
    return p


def test_html_is_a_format():
    assert "html" in FORMATS


def test_hostile_text_is_escaped(hostile):
    html = render_html(hostile)
    tags = parse(html)
    names = [t for t, _ in tags.tags]
    assert names.count("script") == 1  # ours, at the end
    assert "img" not in names and "iframe" not in names and "object" not in names
    assert all(not k.startswith("on") for _, attrs in tags.tags for k in attrs)  # no event handlers
    assert "__pwned" not in "".join(tags.raw["script"])
    # rendered as text, in the body, the title, the outlet, the proposition
    assert "&lt;script&gt;window.__pwned = 1; alert(&#x27;owned&#x27;)&lt;/script&gt;" in html
    assert "&lt;img src=&quot;https://evil.example/x.png&quot;" in html
    assert "<b>Board</b>" not in html and "&lt;b&gt;Board&lt;/b&gt;" in html


def test_self_contained_with_a_strict_csp(hostile):
    html = render_html(hostile)
    tags = parse(html)
    metas = [a for t, a in tags.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert len(metas) == 1 and metas[0]["content"] == CSP
    assert "default-src 'none'" in CSP
    # the hashes in the policy are those of the inline style and script, so the browser runs them
    for kind, directive in (("style", "style-src"), ("script", "script-src")):
        source = "".join(tags.raw[kind])
        digest = base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in CSP
    # nothing loads from elsewhere: no src/href that is not a fragment or an inert data: URL
    for tag, attrs in tags.tags:
        for key in ("src", "href", "action", "data"):
            value = attrs.get(key)
            if value is not None:
                assert value.startswith("#") or value.startswith("data:"), (tag, key, value)
    assert all(not (a.get("style")) for _, a in tags.tags)  # the CSP forbids inline style attributes


def test_every_section_present(hostile):
    html = render_html(hostile)
    ids = {a.get("id") for _, a in parse(html).tags}
    for section in ("matrix", "articles", "contradictions", "shared", "only", "omissions", "sourcing", "framing",
                    "timeline", "attributions"):
        assert section in ids
    assert html.count('class="matrix"') == 1 and html.count('class="timeline"') == 1
    assert html.count('class="bars"') == 3  # two sourcing profiles, one distinctive-terms chart
    assert "2 May 2025" in html  # header dates
    assert "a June date of unknown year" in html  # listed under the timeline, not drawn


def test_matrix_targets_exist_in_article_columns(hostile):
    html = render_html(hostile)
    tags = parse(html)
    keys_in_text = {k for _, a in tags.tags for k in (a.get("data-k") or "").split()}
    anchors = {a["id"] for t, a in tags.tags if t == "span" and "anchor" in (a.get("class") or "")}
    cell_links = [a for t, a in tags.tags if t == "a" and "cell-link" in (a.get("class") or "")]
    assert len(cell_links) == 3  # the absent cell links nowhere
    for link in cell_links:
        targets = link["data-ev"].split()
        assert targets and set(targets) <= keys_in_text
        assert link["href"][1:] in anchors  # fragment fallback without script
    # the cell with no evidence of its own falls back to its claim's evidence
    assert span_key(0, span(BODY_A, "the night ferry would stop")) in {t for l in cell_links for t in l["data-ev"].split()}
    assert span_key(1, span(BODY_B, "the night ferry would stop in May")) in keys_in_text


def test_article_marks_carry_sources_cues_dates(hostile):
    html = render_html(hostile)
    tags = parse(html)
    marked = [a for t, a in tags.tags if t == "span" and a.get("data-k")]
    classes = {c for a in marked for c in a["class"].split()}
    assert {"src", "cue", "cnt", "pol-denies", "pol-asserts", "tx", "frame", "claim", "ev"} <= classes
    titles = " ".join(a.get("title") or "" for a in marked)
    assert "\u201con Monday\u201d \u2192 2025-04-28" in titles  # relative date with its resolved value
    # every marked stretch is the exact article text: offsets survive escaping
    text = re.sub(r"<[^>]+>", "", html[html.index('<div class="body">'):html.index("</div>", html.index('<div class="body">'))])
    import html as h
    assert h.unescape(text) == BODY_A


def test_out_of_range_spans_do_not_break_the_report(hostile):
    bad = hostile.comparison.framing[0].model_copy(update={"span": span(BODY_A, "The") .model_copy(update={"end": 10_000})})
    hostile.comparison = hostile.comparison.model_copy(update={"framing": [bad]})
    assert "slow collapse" in render_html(hostile)


def test_cli_writes_html(hostile, monkeypatch, tmp_path):
    import counterpoint
    from counterpoint import cli
    from counterpoint.api import CompareResult

    monkeypatch.setattr(counterpoint, "compare", lambda *a, **k: CompareResult(
        hostile.story, hostile.articles, hostile.analyses, hostile.comparison))
    out = tmp_path / "report.html"
    res = CliRunner().invoke(cli.app, ["--db", str(tmp_path / "x.sqlite"), "compare", str(tmp_path),
                                       "--format", "html", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def _contradiction_rows(html: str) -> list[tuple[str, str, list[str]]]:
    """(outlet, quoted words, keys the link highlights) per evidence row of the section."""
    section = html[html.index('<section id="contradictions">'):]
    section = section[: section.index("</section>")]
    out = []
    for row in re.findall(r"<tr>(.*?)</tr>", section):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
        keys = re.findall(r'data-ev="([^"]*)"', row)
        out.append((re.sub(r"<[^>]+>", "", cells[0]), re.sub(r"<[^>]+>", "", cells[1]),
                    keys[0].split() if keys else []))
    return out


def test_contradiction_evidence_goes_to_the_article_it_names(twins):
    html = render_html(twins)
    rows = _contradiction_rows(html)
    lead = span(twins.articles[1].body, "The night ferry will stop in May")
    # the lead sentence is the same text at the same offsets in both articles: the id puts
    # it in the second column (key ev1-...), where a text search would have found the first
    assert ("Coast Wire", "\u201cThe night ferry will stop in May\u201d", [span_key(1, lead)]) in rows
    assert ("Harbour Daily", "\u201cit will not\u201d",
            [span_key(0, span(twins.articles[0].body, "it will not"))]) in rows
    assert span_key(0, lead) not in html  # nothing marked in the first article's lead
    # evidence from an article the report does not show is listed without a link
    assert ("?", "\u201cThe night\u201d", []) in rows
    tags = parse(html)
    marked = {k for _, a in tags.tags for k in (a.get("data-k") or "").split()}
    assert span_key(1, lead) in marked
    contra = [a for t, a in tags.tags if t == "span" and "contra" in (a.get("class") or "").split()]
    assert {k.split("-")[0] for a in contra for k in a["data-k"].split()} == {"ev0", "ev1"}


def test_hostile_contradiction_evidence_links_both_columns(hostile):
    html = render_html(hostile)
    rows = _contradiction_rows(html)
    assert [outlet for outlet, _, _ in rows][1] == "Coast Wire"
    assert [keys[0].split("-")[0] for _, _, keys in rows] == ["ev0", "ev1"]
