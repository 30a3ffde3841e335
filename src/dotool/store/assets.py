"""Reading the image files the plan's Markdown refers to: only real images inside the repository.

An image is read by the one rule for files (`dotool.store.reading`) and, because its bytes end
up in public documents, only when it is none of the plan's own files (`masterplan/`,
`measures/`: a link `img/a.png → ../measures/M-004-intern.yaml` would publish a non-public
measure and its contact), is at most `MAX_IMAGE_BYTES` large, and is an image by its content —
PNG, JPEG, GIF and WebP by their headers, SVG when it is plain vector graphics (no script, no
event handler, no reference to anything outside itself). The content also gives its type and
size, whatever its name says.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dotool.i18n.terminal import t
from dotool.store.files import MASTERPLAN, MEASURES_DIR
from dotool.store.reading import Unreadable, read_inside, resolved

#: Larger images are not embedded (a document is not a photo album).
MAX_IMAGE_BYTES = 5 * 1024 * 1024
#: More pixels are not shown: a small compressed file can hold a picture that takes gigabytes
#: once decoded (for the PDF), and no page needs more than a photo of 25 megapixels.
MAX_PIXELS = 25_000_000
#: Folders an image is never read from: the plan's data (non-public measures, contacts).
PLAN_FOLDERS = (MASTERPLAN.split("/")[0], MEASURES_DIR)


@dataclass(frozen=True)
class Image:
    """An image file of the repository, checked by its content."""

    path: str  # repository-relative, as the text names it
    data: bytes
    mime: str
    extension: str  # from the content: png, jpg, gif, webp, svg
    width: int
    height: int
    digest: str  # derived from the bytes: equal images share it, and it names the site's file


#: Reads a repository-relative image: the `Image`, or why it is not shown (in the terminal's
#: language: it completes the note "the image … is shown as a link: it …").
ImageReader = Callable[[str], "Image | str"]


def repo_image_reader(root: Path) -> ImageReader:
    """A function returning the image at a repository-relative path, or why it is refused."""
    base = resolved(root)

    def read(relative: str) -> Image | str:
        try:
            data = read_inside(base, relative, limit=MAX_IMAGE_BYTES, exclude=PLAN_FOLDERS)
        except Unreadable as exc:
            return str(exc.message)  # in the terminal's language, as the note around it
        except ValueError:  # a NUL byte in the path
            return str(t("is not a file name"))
        if len(data) > MAX_IMAGE_BYTES:
            return str(t("is larger than {size} MiB", size=MAX_IMAGE_BYTES // (1024 * 1024)))
        found = sniff(data)
        if isinstance(found, str):
            return found
        mime, extension, width, height = found
        return Image(relative, data, mime, extension, width, height, image_digest(data))

    return read


def image_digest(data: bytes) -> str:
    """The name of an image derived from its bytes (equal images share it)."""
    return hashlib.sha256(data).hexdigest()[:20]


def sniff(data: bytes) -> tuple[str, str, int, int] | str:
    """(MIME type, extension, width, height) of an image by its content, or why it is none."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return _sized("image/png", "png", width, height)
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return _sized("image/gif", "gif", width, height)
    if data.startswith(b"\xff\xd8\xff"):
        return _jpeg(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp(data)
    return _svg(data)


def _sized(mime: str, extension: str, width: int, height: int) -> tuple[str, str, int, int] | str:
    if not (width > 0 and height > 0 and width * height <= MAX_PIXELS):
        return str(t("is not shown: it is {width} × {height} pixels (at most {most} in all)",
                      width=width, height=height, most=format(MAX_PIXELS, ",")))
    return mime, extension, width, height


def _jpeg(data: bytes) -> tuple[str, str, int, int] | str:
    at = 2
    while at + 9 <= len(data):
        if data[at] != 0xFF:
            break
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD9)):  # markers without a length
            at += 2
            continue
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):  # a start of frame
            height, width = struct.unpack(">HH", data[at + 5:at + 9])
            return _sized("image/jpeg", "jpg", width, height)
        at += 2 + struct.unpack(">H", data[at + 2:at + 4])[0]
    return str(t("is not an image: a JPEG file without a frame"))


def _webp(data: bytes) -> tuple[str, str, int, int] | str:
    chunk = data[12:16]
    if chunk == b"VP8 " and len(data) >= 30:
        width, height = struct.unpack("<HH", data[26:30])
        return _sized("image/webp", "webp", width & 0x3FFF, height & 0x3FFF)
    if chunk == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return _sized("image/webp", "webp", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if chunk == b"VP8X" and len(data) >= 30:
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return _sized("image/webp", "webp", width, height)
    return str(t("is not an image: a WebP file without a frame"))


_SVG = "{http://www.w3.org/2000/svg}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# What can run or fetch something: scripts, HTML inside the SVG, animations that change links.
_SVG_REFUSED = {"script", "foreignObject", "iframe", "embed", "object", "set", "animate",
                "handler", "listener"}
_UNITS = {"": 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54,
          "in": 96.0, "em": 16.0, "ex": 8.0}
_LENGTH = re.compile(r"\s*([0-9]*\.?[0-9]+)\s*([a-z]*)\s*")


def _svg(data: bytes) -> tuple[str, str, int, int] | str:
    """An SVG that is plain vector graphics, or why it is not."""
    not_image = str(t("is not an image (PNG, JPEG, GIF, WebP or SVG) by its content"))
    head = data[:1024].lstrip()
    if not head.startswith((b"<?xml", b"<svg", b"<!--")):
        return not_image
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return not_image
    if "<!DOCTYPE" in text or "<!ENTITY" in text:  # entities can expand without bound
        return str(t("is an SVG with a DOCTYPE, which is not shown (entities can hide content)"))
    import xml.etree.ElementTree as ElementTree

    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        return not_image
    if root.tag != f"{_SVG}svg":
        return not_image
    for element in root.iter():
        name = str(element.tag).rpartition("}")[2]
        if name in _SVG_REFUSED:
            return str(t("is an SVG with a <{name}> element, which is not shown", name=name))
        for attribute, value in element.attrib.items():
            if attribute.rpartition("}")[2].lower().startswith("on"):
                return str(t("is an SVG with an event handler ({attribute}), which is not shown",
                              attribute=attribute))
            if attribute in ("href", _XLINK_HREF) and not value.strip().startswith(
                    ("#", "data:image/png", "data:image/jpeg", "data:image/gif")):
                return str(t("is an SVG referring to something outside itself, which is not shown"))
        styles = " ".join([element.text or ""] if name == "style" else []) + \
            element.attrib.get("style", "")
        if "@import" in styles or re.search(r"url\(\s*['\"]?\s*[^#\s'\"]", styles):
            return str(t("is an SVG whose style refers to something outside itself, not shown"))
    width, height = _svg_size(root)
    return _sized("image/svg+xml", "svg", width, height)


def _svg_size(root: object) -> tuple[int, int]:
    """The size an SVG asks for: width and height, else its viewBox, else the 300 × 150 of
    any replaced element without one."""
    attrib: dict[str, str] = getattr(root, "attrib", {})
    box = attrib.get("viewBox", "").replace(",", " ").split()
    sizes = []
    for name, index in (("width", 2), ("height", 3)):
        match = _LENGTH.fullmatch(attrib.get(name, ""))
        if match and match.group(2) in _UNITS:
            sizes.append(float(match.group(1)) * _UNITS[match.group(2)])
        elif len(box) == 4 and _LENGTH.fullmatch(box[index]):
            sizes.append(float(box[index]))
        else:
            sizes.append(300.0 if name == "width" else 150.0)
    return max(1, round(sizes[0])), max(1, round(sizes[1]))
