"""Plain-text ingest: bytes or a file on disk -> `RawDocument` (decoded, normalized text).

Reading a file, in order (the first failure raises `Rejected` with its reason):

1. `stat` the path: missing / not a file / no permission -> "unreadable"; larger than
   `max_bytes` -> "too_large" (checked BEFORE reading, so a huge file is never loaded).
2. Read the bytes; a sidecar `<file>.meta.json` beside it is read too (a malformed one
   -> "bad_metadata"); an explicit `meta` argument overrides sidecar keys.
3. `read_text_bytes`: empty / whitespace-only -> "empty"; binary (known magic numbers,
   NUL bytes, many control characters) -> "binary"; decode (see `decode_bytes`) or
   "encoding"; normalize line endings to "\\n" and Unicode to NFC.

The text keeps every line (blank ones included), so line numbers that cleaning records
(`RemovedLine.line_no`) point into `RawDocument.text`.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from counterpoint.errors import Rejected

DEFAULT_MAX_BYTES = 20_000_000

SIDECAR_SUFFIX = ".meta.json"
META_KEYS = ("outlet", "url", "published", "title", "language")

# Suffixes a folder walk treats as text. Files named explicitly are always read (and
# rejected with a reason if they are not text): a folder walk only skips the obvious.
TEXT_SUFFIXES = frozenset({"", ".txt", ".text", ".md", ".markdown", ".rst", ".asc"})

# (magic prefix, what it is). Checked on the raw bytes before any decoding.
MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or docx/xlsx/epub)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"BZh91AY&SY", "a bzip2 archive"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x00\x00\x01\x00", "an icon file"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 audio file"),
    (b"\x1aE\xdf\xa3", "a Matroska/WebM video"),
)

# BOMs, longest first: the UTF-32 LE BOM begins with the UTF-16 LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control characters that are not whitespace; a few stray ones happen in scraped text,
# many mean the bytes are not text.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
MAX_CONTROL_SHARE = 0.01

# In a cp1252 reading, these symbols glued to letters mean the bytes were really
# another single-byte code page (cp1250 "ł" reads as "³", "ą" as "¹").
_CP1252_SUSPECT = "¹²³¼½¾µ¶¸ª¤¦¨¬¯´¥º¿±"
_SUSPECT_RE = re.compile(rf"[^\W\d_][{re.escape(_CP1252_SUSPECT)}]|[{re.escape(_CP1252_SUSPECT)}][^\W\d_]")
# Most letters of Western-European text are ASCII; a cp1252 reading of Cyrillic or
# Greek bytes is almost all accented Latin letters.
MAX_NON_ASCII_LETTER_SHARE = 0.2


@dataclass(frozen=True)
class RawDocument:
    """One decoded input text before cleaning.

    `text` is Unicode NFC with "\\n" line endings and every original line kept;
    `encoding` is the codec it was decoded with; `meta` holds the optional keys
    outlet, url, published (ISO date/datetime string), title, language.
    """

    source: str
    text: str
    encoding: str
    meta: dict[str, Any] = field(default_factory=dict)


# ----------------------------------------------------------------------- reading


def read_text_file(
    path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    meta: Mapping[str, Any] | None = None,
) -> RawDocument:
    """Read one text file (and its `<file>.meta.json` sidecar) into a `RawDocument`.

    Raises `Rejected` with reason unreadable, too_large, bad_metadata, empty, binary
    or encoding (see the module docstring for the order of checks).
    """
    path = Path(path)
    source = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise Rejected(source, "unreadable", "the file does not exist") from None
    except OSError as exc:
        raise Rejected(source, "unreadable", f"cannot access the file ({exc.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise Rejected(source, "unreadable", "this is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        # A pipe or device could block or never end: only regular files are read.
        raise Rejected(source, "unreadable", "this is not a regular file")
    if info.st_size > max_bytes:
        raise Rejected(
            source,
            "too_large",
            f"the file is {info.st_size:,} bytes, more than the limit of {max_bytes:,} bytes",
        )
    try:
        with path.open("rb") as fh:
            # Read one byte past the limit: a file that grew after stat is still caught.
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise Rejected(source, "unreadable", f"cannot read the file ({exc.strerror})") from None
    merged = {**read_sidecar(path), **_clean_meta(source, meta or {}, where="meta argument")}
    return read_text_bytes(data, source, max_bytes=max_bytes, meta=merged)


def read_text_bytes(
    data: bytes,
    source: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    meta: Mapping[str, Any] | None = None,
) -> RawDocument:
    """Decode raw bytes into a `RawDocument` (checks: too_large, empty, binary, encoding)."""
    if len(data) > max_bytes:
        raise Rejected(
            source,
            "too_large",
            f"the input is {len(data):,} bytes or more, above the limit of {max_bytes:,} bytes",
        )
    if not data.strip():
        raise Rejected(
            source, "empty", "the file is empty" if not data else "the file holds only whitespace"
        )
    text, encoding = decode_bytes(data, source)
    text = normalize_text(text)
    if not text.strip():
        raise Rejected(source, "empty", "the file holds only whitespace")
    controls = len(_CONTROL_RE.findall(text))
    if controls > max(2, MAX_CONTROL_SHARE * len(text)):
        raise Rejected(
            source,
            "binary",
            f"{controls} control characters in {len(text)} characters: this is not plain text",
        )
    clean_meta = _clean_meta(source, meta or {}, where="meta argument")
    return RawDocument(source=source, text=text, encoding=encoding, meta=clean_meta)


# ---------------------------------------------------------------------- decoding


def decode_bytes(data: bytes, source: str = "<bytes>") -> tuple[str, str]:
    """Decode bytes to text; return (text, codec name).

    Cascade, first that succeeds:

    1. a byte-order mark (UTF-32, UTF-8, UTF-16);
    2. UTF-16 without a BOM, when NULs sit on every other byte of mostly-ASCII text;
    3. binary checks: known magic numbers, then any NUL byte -> Rejected("binary");
    4. strict UTF-8;
    5. cp1252 (a superset of latin-1 for printable text, with curly quotes), when the
       result looks like Western-European text;
    6. charset-normalizer's best guess (other code pages: cp1250, cp1251, ...);
    7. latin-1 for mostly-ASCII bytes that cp1252 cannot map (its 5 undefined bytes);
    otherwise Rejected("encoding").
    """
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec.replace("-sig", "")), codec
            except UnicodeDecodeError as exc:
                raise Rejected(
                    source, "encoding", f"the file starts with a {codec} mark but is not {codec}: {exc.reason}"
                ) from None
    utf16 = _guess_bomless_utf16(data)
    if utf16 is not None:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    for magic, what in MAGIC_NUMBERS:
        if data.startswith(magic):
            raise Rejected(source, "binary", f"this is {what}, not plain text")
    nuls = data.count(0)
    if nuls:
        raise Rejected(source, "binary", f"the file holds {nuls} NUL bytes: this is not plain text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_western(text):
        return text, "cp1252"
    guessed = _charset_normalizer_guess(data)
    if guessed is not None:
        return guessed
    ascii_share = sum(b < 0x80 for b in data) / len(data)
    if ascii_share >= 0.9:
        return data.decode("latin-1"), "latin-1"
    raise Rejected(
        source,
        "encoding",
        "the text encoding could not be recognized (not UTF-8, UTF-16, cp1252 or another known code page)",
    )


def _guess_bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs fill one byte of most pairs and never the other."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    pairs = len(data) // 2
    if odd.count(0) >= 0.6 * pairs and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) >= 0.6 * pairs and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _looks_western(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    non_ascii = sum(not c.isascii() for c in letters)
    # A couple of accented letters in a tiny text ("Café") say little either way.
    if non_ascii > max(2, MAX_NON_ASCII_LETTER_SHARE * len(letters)):
        return False
    if _CONTROL_RE.search(text):
        return False
    return _SUSPECT_RE.search(text) is None


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    for match in from_bytes(data):
        # Without NULs, a UTF-16/32 guess on short input is a misreading.
        if match.encoding.startswith(("utf_16", "utf_32")):
            continue
        # Code pages that do not keep ASCII as is (EBCDIC) misread ordinary text.
        if not _ascii_compatible(match.encoding):
            continue
        text = str(match)
        letters = sum(c.isalpha() for c in text)
        visible = sum(not c.isspace() for c in text)
        if visible and letters / visible >= 0.5 and not _CONTROL_RE.search(text):
            return text, match.encoding
    return None


def _ascii_compatible(codec: str) -> bool:
    probe = b"Az 09.,;:!?'\"()-\n"
    try:
        return probe.decode(codec) == probe.decode("ascii")
    except (LookupError, UnicodeDecodeError):
        return False


def normalize_text(text: str) -> str:
    """Line endings -> "\\n" (CRLF, CR, Unicode line/paragraph separators), a leading
    BOM dropped, Unicode NFC."""
    text = text.lstrip("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x85", "\n")
    return unicodedata.normalize("NFC", text)


# ---------------------------------------------------------------------- metadata


def sidecar_path(path: str | Path) -> Path:
    """Where the sidecar metadata of `path` lives: `<file>.meta.json` beside it."""
    path = Path(path)
    return path.with_name(path.name + SIDECAR_SUFFIX)


def read_sidecar(path: str | Path) -> dict[str, Any]:
    """The validated sidecar metadata of `path`, {} when there is none.

    Raises Rejected("bad_metadata") for unreadable JSON, a non-object, or bad values.
    """
    source = str(path)
    side = sidecar_path(path)
    if not side.is_file():
        return {}
    try:
        loaded = json.loads(side.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise Rejected(source, "bad_metadata", f"cannot read {side.name}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise Rejected(
            source, "bad_metadata", f"{side.name} is not valid JSON (line {exc.lineno}: {exc.msg})"
        ) from None
    if not isinstance(loaded, dict):
        raise Rejected(source, "bad_metadata", f"{side.name} must hold a JSON object")
    return _clean_meta(source, loaded, where=side.name)


def _clean_meta(source: str, meta: Mapping[str, Any], *, where: str) -> dict[str, Any]:
    """Check the known keys (strings; `published` an ISO date/datetime); keep the rest.

    None values are dropped, so `meta={"title": None}` overrides nothing.
    """
    out: dict[str, Any] = {}
    for key, value in meta.items():
        if value is None:
            continue
        if key in META_KEYS:
            if key == "published" and isinstance(value, dt.date):
                value = value.isoformat()
            if not isinstance(value, str):
                raise Rejected(
                    source, "bad_metadata", f"{where}: '{key}' must be a string, not {type(value).__name__}"
                )
            value = value.strip()
            if not value:
                continue
            if key == "published" and not _is_iso_date(value):
                raise Rejected(
                    source,
                    "bad_metadata",
                    f"{where}: 'published' must be an ISO date or datetime (e.g. 2023-02-07 or "
                    f"2023-02-07T18:46:00+02:00), not {value!r}",
                )
        out[key] = value
    return out


def _is_iso_date(value: str) -> bool:
    for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
        try:
            parse(value)
            return True
        except ValueError:
            continue
    return False


# ------------------------------------------------------------------ folder walks


def iter_text_files(paths: Iterable[str | Path] | str | Path) -> Iterator[Path]:
    """Expand paths into the files to read, in a stable order.

    * a file named explicitly is yielded as is (even a .png: reading it then records
      a "binary" rejection instead of silently dropping it);
    * a path that does not exist is yielded too (reading it records "unreadable");
    * a folder is walked recursively in sorted order, yielding text-looking files
      (.txt, .text, .md, .rst, no suffix), skipping hidden files and folders and
      `*.meta.json` sidecars;
    * a file reached twice is yielded once.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            candidates: Iterable[Path] = _walk(path)
        else:
            candidates = [path]
        for candidate in candidates:
            key = candidate.resolve() if candidate.exists() else candidate.absolute()
            if key in seen:
                continue
            seen.add(key)
            yield candidate


def _walk(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if not path.is_file() or path.name.endswith(SIDECAR_SUFFIX):
            continue
        if path.suffix.lower() in TEXT_SUFFIXES:
            yield path
