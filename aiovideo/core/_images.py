"""Turning the image forms a user may give into what the API takes.

The API takes an http(s) URL or a base64 data URL. Users may also give a local path (str or
`pathlib.Path`) or raw bytes; these are read once and encoded as a data URL with a MIME type
sniffed from the bytes' magic numbers. A path must name a regular file (a symlink to one is
fine) of at most `MAX_IMAGE_BYTES`; FIFOs, devices and directories are refused without
reading, so a stray path can neither block nor exhaust memory.
"""

from __future__ import annotations

import base64
import os
import stat
from pathlib import Path
from typing import Any

from aiovideo.core._exceptions import ValidationError

__all__ = [
    "MAX_IMAGE_BYTES",
    "encode_image",
    "is_image_input",
    "needs_file_io",
    "read_image_file",
    "sniff_mime",
]

#: The largest image accepted, as a file or as bytes: 20 MiB (base64 makes it 4/3 larger).
MAX_IMAGE_BYTES = 20 * 1024 * 1024

# O_NONBLOCK: opening a FIFO must not wait for a writer (we refuse it right after fstat).
# Symlinks are followed on purpose: a link to a regular file is a fine image path.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)  # Windows: no newline translation
)

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"BM", "image/bmp"),
)
_ALLOWED = "allowed: an http(s) URL, a data:image/... URL, a path to an image file, or image bytes"


def sniff_mime(data: bytes) -> str | None:
    """The image MIME type of some bytes, from their magic numbers, or None."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    for magic, mime in _MAGIC:
        if data.startswith(magic):
            return mime
    return None


def _too_big(size: int) -> str:
    return f"{_ALLOWED} of at most {MAX_IMAGE_BYTES} bytes (this one has {size})"


def read_image_file(model: str, field: str, path: Path) -> bytes:
    """The bytes of a local image file, read without ever blocking on a FIFO or a device.

    The file is opened non-blocking, checked with fstat on the open descriptor (so the check
    and the read see the same file), and read up to `MAX_IMAGE_BYTES` + 1 bytes.

    Raises:
        ValidationError: the file is missing, unreadable, not a regular file (a FIFO, a device,
            a directory), or larger than `MAX_IMAGE_BYTES`.
    """
    limit = MAX_IMAGE_BYTES
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        reason = exc.strerror if isinstance(exc, OSError) else str(exc)
        raise ValidationError(
            model, field, str(path), f"{_ALLOWED} (cannot read the file: {reason})"
        ) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValidationError(model, field, str(path), f"{_ALLOWED} (not a regular file)")
        if info.st_size > limit:
            raise ValidationError(model, field, str(path), _too_big(info.st_size))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:  # the file may grow after fstat: never read past limit + 1
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise ValidationError(model, field, str(path), _too_big(size))
        return b"".join(chunks)
    except OSError as exc:
        raise ValidationError(
            model, field, str(path), f"{_ALLOWED} (cannot read the file: {exc.strerror})"
        ) from exc
    finally:
        os.close(fd)


def is_image_input(value: Any) -> bool:
    """Whether a value is image data or a local path (JSON cannot carry either as it is)."""
    return isinstance(value, bytes | bytearray | memoryview | os.PathLike)


def needs_file_io(value: Any) -> bool:
    """Whether `encode_image` would read a file for this value (a path, not a URL or bytes)."""
    if isinstance(value, str):
        return not value[:11].lower().startswith(("http://", "https://", "data:"))
    return isinstance(value, os.PathLike)


def encode_image(model: str, field: str, value: Any) -> str:
    """One image value as the API wants it: a URL (unchanged) or a data URL.

    A path (str or os.PathLike) is read with `read_image_file`: a regular file of at most
    `MAX_IMAGE_BYTES`. Bytes are held to the same limit. This may block on disk I/O; in async
    code build requests with `aiovideo.core._request.build_request`, which reads off the event loop.

    Raises:
        ValidationError: the value is no image; the file is missing, not a regular file, too
            large or not an image; the bytes are too many or not an image.
    """
    if isinstance(value, str):
        lowered = value[:11].lower()
        if lowered.startswith(("http://", "https://")):
            return value
        if lowered.startswith("data:"):
            if not lowered.startswith("data:image/") or ";base64," not in value[:80]:
                raise ValidationError(model, field, value, _ALLOWED)
            return value
        value = Path(value)
    if isinstance(value, os.PathLike):
        path = Path(value)
        data = read_image_file(model, field, path)
        shown: object = str(path)
    elif isinstance(value, bytes | bytearray | memoryview):
        size = value.nbytes if isinstance(value, memoryview) else len(value)
        if size > MAX_IMAGE_BYTES:
            raise ValidationError(model, field, f"<{size} bytes>", _too_big(size))
        data = bytes(value)
        shown = data[:16]
    else:
        raise ValidationError(model, field, value, _ALLOWED)
    mime = sniff_mime(data)
    if mime is None:
        raise ValidationError(
            model, field, shown, f"{_ALLOWED} (not a PNG, JPEG, WebP, GIF or BMP image)"
        )
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
