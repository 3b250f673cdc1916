"""The HTML report in real headless Chromium (Debian's `chromium`, driven by Playwright).

`make test` installs the browser (`make browser`) and sets COUNTERPOINT_REQUIRE_BROWSER=1,
so there a missing browser or Playwright fails the test; run by hand on a machine without
them, the test skips and says to run `make browser`. Playwright's own browser download is
never used: the launch names the system executable.
"""

from __future__ import annotations

import os
import shutil
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import counterpoint
from counterpoint.report import render_html

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "port-veyl"
HUMAN_SCREENSHOT = REPO / ".cache" / "report-screenshot.png"
HIGHLIGHT_RGB = "rgb(255, 226, 92)"  # --hl in report/html.py
# Read at import: tests/conftest.py clears COUNTERPOINT_* variables around each test.
REQUIRE_BROWSER = os.environ.get("COUNTERPOINT_REQUIRE_BROWSER") == "1"
CHROMIUM_OVERRIDE = os.environ.get("COUNTERPOINT_CHROMIUM")


def chromium_executable() -> str | None:
    """COUNTERPOINT_CHROMIUM, else `chromium` (Debian) or `chromium-browser` on PATH."""
    return (
        CHROMIUM_OVERRIDE
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


def _missing(reason: str) -> None:
    if REQUIRE_BROWSER:
        pytest.fail(f"{reason} (make test requires it; see `make browser`)")
    pytest.skip(f"{reason}: run `make browser` (and `make install` for playwright)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed")
    executable = chromium_executable()
    if executable is None:
        _missing("no chromium on PATH")
    with sync_playwright() as p:
        # Playwright passes --no-sandbox unless chromium_sandbox=True: needed when run as root in CI.
        b = p.chromium.launch(executable_path=executable, headless=True)
        yield b
        b.close()


class PageRun:
    """One report opened in a fresh page, with everything it logged, requested or popped up."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.url = path.resolve().as_uri()
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.console: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(self.url, wait_until="load")

    def assert_clean(self) -> None:
        errors = [text for kind, text in self.console if kind == "error"]
        assert errors == [], errors  # a CSP violation would show here
        assert self.errors == []
        assert self.dialogs == []
        assert [u for u in self.requests if not u.startswith("data:")] == [self.url]


def _visible_svg(page: Any, selector: str) -> dict[str, float]:
    loc = page.locator(selector)
    assert loc.count() == 1
    assert loc.is_visible()
    box = loc.bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 50, box
    return box


def _assert_png(data: bytes, min_height: int = 900) -> None:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width >= 1000 and height >= min_height, (width, height)
    assert len(data) > 30_000  # a blank page compresses to a few KB


def _check_report(browser: Any, result: Any, out_dir: Path, name: str) -> bytes:
    path = out_dir / f"{name}.html"
    path.write_text(render_html(result), encoding="utf-8")
    run = PageRun(browser, path)
    page = run.page
    _visible_svg(page, "svg.matrix")
    _visible_svg(page, "svg.timeline")
    comparison = result.comparison
    assert page.locator("svg.matrix rect.cell").count() == len(comparison.rows) * len(comparison.columns)
    assert page.locator("article.article").count() == len(comparison.columns)
    assert page.locator("svg.timeline g.event").count() >= 1 if comparison.timeline else True

    # a click on a matrix cell highlights its evidence in the article column and scrolls to it
    assert page.locator(".hl").count() == 0
    link = page.locator("svg.matrix a.cell-link").first
    keys = link.get_attribute("data-ev").split()
    link.click()
    highlighted = page.locator(".article .body .hl")
    assert highlighted.count() >= 1
    first = highlighted.first
    assert set(first.get_attribute("data-k").split()) & set(keys)
    assert first.evaluate("e => getComputedStyle(e).backgroundColor") == HIGHLIGHT_RGB
    in_view = first.evaluate(
        "e => { const r = e.getBoundingClientRect(); return r.bottom > 0 && r.top < window.innerHeight; }"
    )
    assert in_view
    # a second click elsewhere moves the highlight
    other = page.locator("svg.matrix a.cell-link").nth(1)
    other_keys = set(other.get_attribute("data-ev").split())
    other.click()
    now = {k for e in page.locator(".hl").all() for k in e.get_attribute("data-k").split()}
    assert now & other_keys

    shot = out_dir / f"{name}.png"
    page.screenshot(path=str(shot), full_page=True)
    data = shot.read_bytes()
    _assert_png(data)
    run.assert_clean()
    page.close()
    return data


def _compare(paths: list[Path], tmp_path: Path) -> Any:
    store = counterpoint.open_store(str(tmp_path / "report.sqlite"))
    return counterpoint.compare(paths, store=store)


def test_example_story_in_chromium(browser, tmp_path):
    result = _compare([EXAMPLE], tmp_path)
    assert len(result.comparison.columns) == 4
    data = _check_report(browser, result, tmp_path, "port-veyl")
    HUMAN_SCREENSHOT.parent.mkdir(exist_ok=True)
    HUMAN_SCREENSHOT.write_bytes(data)


def test_seed_pair_in_chromium(browser, seeds_dir, tmp_path):
    result = _compare(sorted(seeds_dir.glob("*.txt")), tmp_path)
    assert len(result.comparison.columns) == 2
    _check_report(browser, result, tmp_path, "seeds")


def test_hostile_article_cannot_run_script(browser, hostile, tmp_path):
    path = tmp_path / "hostile.html"
    path.write_text(render_html(hostile), encoding="utf-8")
    run = PageRun(browser, path)
    page = run.page
    assert page.evaluate("() => window.__pwned") is None
    body = page.locator("article.article .body").first.inner_text()
    assert "<script>window.__pwned = 1; alert('owned')</script>" in body  # shown as text
    assert "<script>" in page.title()
    assert page.locator("article img, header img").count() == 0
    page.locator("svg.matrix a.cell-link").first.click()
    assert page.locator(".hl").count() >= 1
    run.assert_clean()


def test_contradiction_link_highlights_the_named_article(browser, twins, tmp_path):
    # both articles open with the same sentence; the evidence's article id decides which
    # column lights up
    path = tmp_path / "twins.html"
    path.write_text(render_html(twins), encoding="utf-8")
    run = PageRun(browser, path)
    page = run.page
    row = page.locator("#contradictions tr", has_text="Coast Wire")
    row.locator("a.evlink").click()
    highlighted = page.locator(".hl")
    assert highlighted.count() >= 1
    assert page.locator("#article-1 .body .hl").count() == highlighted.count()
    assert "The night ferry will stop in May" in page.locator("#article-1 .body .hl").first.inner_text()
    run.assert_clean()
