"""Plain-text ingest: encodings, rejections with reasons, sidecar metadata, folder walks."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest

from counterpoint.errors import Rejected
from counterpoint.sources import RawDocument, iter_text_files, read_text_bytes, read_text_file
from counterpoint.sources.text import decode_bytes, normalize_text, sidecar_path

STORY = (
    "Harbor council votes to close the old ferry pier\n"
    "\n"
    "The Varnholt harbor council voted on Tuesday to close the old ferry pier, "
    "citing \u201cserious structural damage\u201d found by inspectors.\n"
)

# ------------------------------------------------------------------ encodings

ENCODED = [
    # (bytes, expected text, expected codec family)
    ("Caf\u00e9 owner said \u201cwe stay open\u201d \u2014 for now.".encode("cp1252"),
     "Caf\u00e9 owner said \u201cwe stay open\u201d \u2014 for now.", "cp1252"),
    ("Le caf\u00e9 \u00e0 c\u00f4t\u00e9 du port est ferm\u00e9 depuis lundi.".encode("latin-1"),
     "Le caf\u00e9 \u00e0 c\u00f4t\u00e9 du port est ferm\u00e9 depuis lundi.", "cp1252"),
    ("Die Stra\u00dfe am Hafen ist sch\u00f6n, sagte er.".encode("latin-1"),
     "Die Stra\u00dfe am Hafen ist sch\u00f6n, sagte er.", "cp1252"),
    ("\ufeffThe mayor\u2019s \u201cplan\u201d\r\nsecond line".encode("utf-16"),
     "The mayor\u2019s \u201cplan\u201d\nsecond line", "utf-16"),
    ("The mayor\u2019s plan, she said.".encode("utf-16-be"), None, None),
    ("\ufeffKyiv \u2014 \u201cquoted\u201d caf\u00e9".encode("utf-8"), "Kyiv \u2014 \u201cquoted\u201d caf\u00e9", "utf-8"),
    ("plain ascii text here".encode("ascii"), "plain ascii text here", "utf-8"),
    ("\u041c\u044d\u0440 \u0433\u043e\u0440\u043e\u0434\u0430 \u0437\u0430\u044f\u0432\u0438\u043b, \u0447\u0442\u043e \u043f\u0440\u0438\u0447\u0430\u043b \u0437\u0430\u043a\u0440\u043e\u044e\u0442 \u043d\u0430 \u0440\u0435\u043c\u043e\u043d\u0442 \u0432 \u043f\u043e\u043d\u0435\u0434\u0435\u043b\u044c\u043d\u0438\u043a.".encode("cp1251"),
     "\u041c\u044d\u0440 \u0433\u043e\u0440\u043e\u0434\u0430 \u0437\u0430\u044f\u0432\u0438\u043b, \u0447\u0442\u043e \u043f\u0440\u0438\u0447\u0430\u043b \u0437\u0430\u043a\u0440\u043e\u044e\u0442 \u043d\u0430 \u0440\u0435\u043c\u043e\u043d\u0442 \u0432 \u043f\u043e\u043d\u0435\u0434\u0435\u043b\u044c\u043d\u0438\u043a.", "cp1251"),
]


@pytest.mark.parametrize(("data", "expected", "codec"), ENCODED)
def test_decoding(data: bytes, expected: str | None, codec: str | None) -> None:
    doc = read_text_bytes(data, "mem.txt")
    if expected is None:  # UTF-16 without a BOM: the text must still come out right
        assert doc.text == "The mayor\u2019s plan, she said."
        assert doc.encoding.startswith("utf-16")
        return
    assert doc.text == expected
    assert doc.encoding.replace("_", "-").startswith(codec)


def test_utf16_bom_with_crlf_and_le() -> None:
    data = "\ufeffLine one\r\nLine two\rLine three".encode("utf-16-le")
    doc = read_text_bytes(data, "x")
    assert doc.text == "Line one\nLine two\nLine three"
    assert doc.encoding == "utf-16-le"


def test_polish_cp1250_is_not_misread_as_cp1252() -> None:
    text = "Burmistrz powiedzia\u0142, \u017ce rozmowy b\u0119d\u0105 kontynuowane w przysz\u0142ym tygodniu."
    doc = read_text_bytes(text.encode("cp1250"), "pl.txt")
    assert doc.text == text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb\rc\nd", "a\nb\nc\nd"),
        ("e\u0301t\u00e9", "\u00e9t\u00e9"),  # NFD -> NFC
        ("\ufeffstart", "start"),
        ("one\u2028two", "one\ntwo"),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_lines_are_kept_for_line_numbers() -> None:
    doc = read_text_bytes(b"Title\r\n\r\n\r\nBody line.\r\n", "x")
    assert doc.text.split("\n")[3] == "Body line."


# ----------------------------------------------------------------- rejections

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(40))


def _random_with_nuls(n: int = 400) -> bytes:
    rng = random.Random(7)
    data = bytearray(rng.randrange(0, 256) for _ in range(n))
    data[10] = 0
    return bytes(data)


def _random_high_bytes(n: int = 300) -> bytes:
    rng = random.Random(3)
    return bytes(rng.randrange(0x80, 0x100) for _ in range(n))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t\r\n  ", "empty"),
        ("\ufeff  \n ".encode("utf-16"), "empty"),
        (PNG, "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary"),
        (b"PK\x03\x04\x14\x00\x06\x00", "binary"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "binary"),
        (b"GIF89a\x01\x00", "binary"),
        (_random_with_nuls(), "binary"),
        (b"text with a \x00 NUL in the middle of it", "binary"),
        (b"ctrl\x01\x02\x03\x04\x05\x06\x07\x08 chars" * 3, "binary"),
        (_random_high_bytes(), "encoding"),
    ],
    ids=[
        "empty", "whitespace", "utf16-whitespace", "png", "pdf", "zip", "gzip", "gif",
        "random-nuls", "one-nul", "control-chars", "undecodable",
    ],
)
def test_rejections(data: bytes, reason: str) -> None:
    with pytest.raises(Rejected) as info:
        read_text_bytes(data, "bad.txt")
    assert info.value.reason == reason
    assert info.value.source == "bad.txt"
    assert info.value.detail  # a human explanation
    assert "bad.txt" in str(info.value)


def test_too_large_bytes() -> None:
    with pytest.raises(Rejected) as info:
        read_text_bytes(b"x" * 101, "big.txt", max_bytes=100)
    assert info.value.reason == "too_large"


def test_too_large_file_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000, encoding="utf-8")

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file must not be opened when stat says it is too large")

    monkeypatch.setattr(Path, "open", no_open)
    with pytest.raises(Rejected) as info:
        read_text_file(path, max_bytes=1000)
    assert info.value.reason == "too_large"
    assert "1,000" in info.value.detail


def test_exactly_max_bytes_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "edge.txt"
    path.write_bytes(b"a" * 50)
    assert read_text_file(path, max_bytes=50).text == "a" * 50


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_unreadable(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "nope.txt"
    if kind == "folder":
        path.mkdir()
    with pytest.raises(Rejected) as info:
        read_text_file(path)
    assert info.value.reason == "unreadable"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_permission(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(STORY)
    path.chmod(0)
    try:
        with pytest.raises(Rejected) as info:
            read_text_file(path)
        assert info.value.reason == "unreadable"
    finally:
        path.chmod(0o644)


# ------------------------------------------------------------------- sidecars


def test_read_text_file_plain(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    doc = read_text_file(path)
    assert isinstance(doc, RawDocument)
    assert doc.source == str(path)
    assert doc.text == STORY
    assert doc.encoding == "utf-8"
    assert doc.meta == {}


def test_sidecar_is_read_and_meta_overrides(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    assert sidecar_path(path).name == "story.txt.meta.json"
    sidecar_path(path).write_text(
        json.dumps(
            {
                "outlet": "Harbor Daily",
                "url": "https://harbor.example/pier",
                "published": "2023-05-02T08:30:00+02:00",
                "title": "Pier to close",
            }
        ),
        encoding="utf-8",
    )
    doc = read_text_file(path)
    assert doc.meta["outlet"] == "Harbor Daily"
    assert doc.meta["published"] == "2023-05-02T08:30:00+02:00"
    doc2 = read_text_file(path, meta={"outlet": "Varnholt Post", "title": None})
    assert doc2.meta["outlet"] == "Varnholt Post"
    assert doc2.meta["title"] == "Pier to close"  # None overrides nothing
    assert doc2.meta["url"] == "https://harbor.example/pier"


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "[1, 2]",
        '{"published": "last Tuesday"}',
        '{"outlet": 42}',
        '{"published": "2023-13-45"}',
    ],
    ids=["invalid-json", "not-object", "bad-date", "bad-type", "impossible-date"],
)
def test_malformed_sidecar(tmp_path: Path, content: str) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    sidecar_path(path).write_text(content, encoding="utf-8")
    with pytest.raises(Rejected) as info:
        read_text_file(path)
    assert info.value.reason == "bad_metadata"
    assert "meta.json" in info.value.detail


@pytest.mark.parametrize("published", ["2023-02-07", "2023-02-07T18:46", "2023-02-07T18:46:00Z"])
def test_sidecar_accepts_iso_forms(tmp_path: Path, published: str) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    sidecar_path(path).write_text(json.dumps({"published": published}), encoding="utf-8")
    assert read_text_file(path).meta["published"] == published


def test_bad_explicit_meta_is_rejected() -> None:
    with pytest.raises(Rejected) as info:
        read_text_bytes(STORY.encode(), "x", meta={"published": "yesterday"})
    assert info.value.reason == "bad_metadata"


# --------------------------------------------------------------- folder walks


def test_folder_mixing_good_and_bad_files(tmp_path: Path) -> None:
    (tmp_path / "b_story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b_story.txt.meta.json").write_text('{"outlet": "Harbor Daily"}', encoding="utf-8")
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "c_image.txt").write_bytes(PNG)
    (tmp_path / "d_notes.md").write_text("Notes about the pier vote, kept as text.\n", encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(PNG)  # not text-looking: skipped by the walk
    (tmp_path / ".hidden.txt").write_text(STORY, encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "e_old.txt").write_bytes("Caf\u00e9 \u201cquote\u201d and more words here.".encode("cp1252"))
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("hidden folder", encoding="utf-8")

    files = list(iter_text_files([tmp_path]))
    names = [p.relative_to(tmp_path).as_posix() for p in files]
    assert names == ["a_empty.txt", "b_story.txt", "c_image.txt", "d_notes.md", "sub/e_old.txt"]

    read: dict[str, RawDocument] = {}
    rejected: dict[str, str] = {}
    for path in files:
        try:
            read[path.name] = read_text_file(path)
        except Rejected as exc:
            rejected[path.name] = exc.reason
    assert rejected == {"a_empty.txt": "empty", "c_image.txt": "binary"}
    assert read["b_story.txt"].meta == {"outlet": "Harbor Daily"}
    assert read["e_old.txt"].text.startswith("Caf\u00e9 \u201cquote\u201d")


def test_iter_text_files_explicit_paths_and_dedup(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    image = tmp_path / "photo.png"
    image.write_bytes(PNG)
    missing = tmp_path / "missing.txt"
    files = list(iter_text_files([story, image, missing, tmp_path, str(story)]))
    # Explicit files are yielded even when not text-looking (read_text_file then
    # records the reason); a file reached twice comes once.
    assert files == [story, image, missing]


def test_iter_text_files_single_path(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    assert list(iter_text_files(tmp_path)) == [story]
    assert list(iter_text_files(str(story))) == [story]


def test_decode_bytes_reports_codec() -> None:
    text, codec = decode_bytes("na\u00efve".encode("utf-8"))
    assert (text, codec) == ("na\u00efve", "utf-8")
