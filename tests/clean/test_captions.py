"""Caption lines: recognized with their credit; body sentences never taken."""

from __future__ import annotations

import pytest

from counterpoint.clean.captions import parse_caption

CAPTIONS = [
    # (line, caption text, credit)
    ("A ferry in the fog off Varnholt (Photo:HARBORWIRE/Lena Moor)", "A ferry in the fog off Varnholt", "HARBORWIRE/Lena Moor"),
    ("A ferry in the fog off Varnholt (Photo: REUTERS/Lena Moor)", "A ferry in the fog off Varnholt", "REUTERS/Lena Moor"),
    ("Firefighters at the scene in Varnholt (Getty Images)", "Firefighters at the scene in Varnholt", "Getty Images"),
    ("The mayor at city hall (AP Photo/Jo Bell)", "The mayor at city hall", "AP Photo/Jo Bell"),
    ("A view of the port (Photo by Sam Reed)", "A view of the port", "Sam Reed"),
    ("Firefighters at the scene. Photo: Lena Moor", "Firefighters at the scene.", "Lena Moor"),
    ("Firefighters at the scene | Credit: Harbor Wire", "Firefighters at the scene", "Harbor Wire"),
    ("Dock workers on strike Photo: Harbor Wire", "Dock workers on strike", "Harbor Wire"),
    ("A tram in Eastbridge. REUTERS/Anna Kovel", "A tram in Eastbridge.", "REUTERS/Anna Kovel"),
    ("Protesters outside the port AFP via Getty Images", "Protesters outside the port", "AFP via Getty Images"),
    (
        "FILE PHOTO: A ferry docks at Marlow Bay, March 3, 2021. REUTERS/Tom Grey/File Photo",
        "A ferry docks at Marlow Bay, March 3, 2021.",
        "REUTERS/Tom Grey/File Photo",
    ),
    ("File photo of the Marlow Bay ferry terminal", "File photo of the Marlow Bay ferry terminal", None),
    ("Photo: Harbor Wire", "", "Harbor Wire"),
    ("Credit: Marlow Daily staff", "", "Marlow Daily staff"),
    ("The council chamber (Illustration: Harbor Daily)", "The council chamber", "Harbor Daily"),
]


@pytest.mark.parametrize(("line", "text", "credit"), CAPTIONS)
def test_captions(line: str, text: str, credit: str | None) -> None:
    parts = parse_caption(line)
    assert parts is not None, line
    assert parts.text == text
    assert parts.credit == credit


NOT_CAPTIONS = [
    "The agency Reuters reported that the plant would open next year.",
    "He posted a photo: the two leaders shaking hands",
    "He took a photo by the river",
    "The report said, citing Reuters/Ipsos polling, that support rose.",
    "He told Reuters.",
    "Officials at the port, speaking to AFP, said the ferry would resume.",
    "Residents left the town, AFP reported",
    "New rules from the Environmental Protection Agency (EPA)",
    "The photo agency Getty Images sued the start-up over its image credits in 2023.",
    "VARNHOLT (Harbor Wire) - The council voted on Tuesday to close the pier.",
    "",
]


@pytest.mark.parametrize("line", NOT_CAPTIONS)
def test_not_captions(line: str) -> None:
    assert parse_caption(line) is None
