"""Turning the image forms a user may give into what the API takes.

The API takes an http(s) URL or a base64 data URL. Users may also give a local path (str or
`pathlib.Path`) or raw bytes; these are read once and encoded as a data URL with a MIME type
sniffed from the bytes' magic numbers.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

from aiovideo._exceptions import ValidationError

__all__ = ["encode_image", "sniff_mime"]

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


def encode_image(model: str, field: str, value: Any) -> str:
    """One image value as the API wants it: a URL (unchanged) or a data URL.

    Raises:
        ValidationError: the value is no image, the file is missing or not an image.
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
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ValidationError(
                model, field, str(path), f"{_ALLOWED} (cannot read the file: {exc.strerror})"
            ) from exc
    elif isinstance(value, bytes | bytearray | memoryview):
        data = bytes(value)
    else:
        raise ValidationError(model, field, value, _ALLOWED)
    mime = sniff_mime(data)
    if mime is None:
        raise ValidationError(
            model,
            field,
            value if not isinstance(value, bytes) else data[:16],
            f"{_ALLOWED} (not a PNG, JPEG, WebP, GIF or BMP image)",
        )
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
