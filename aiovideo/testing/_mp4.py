"""Real, playable MP4 files for the emulator, rendered with PyAV (the `emulator` extra).

Small frames (a 16:9 clip is 256x144) at a low frame rate keep rendering fast; the duration
and the aspect ratio follow the request, the colours and the pattern its prompt.
"""

from __future__ import annotations

import hashlib
import io

import attrs

__all__ = ["LOOKS", "frame_size", "look_of", "render_mp4"]

FPS = 8
# How many looks the prompts are spread over. Bounded so that the emulator renders at most this
# many clips per duration and shape (~20 ms each) however many prompts a run sends (a bulk
# benchmark sends 10,000): the ten videos of ten prompts all look different 8 times in 10.
LOOKS = 256


def look_of(prompt: str) -> int:
    """The look (0 to `LOOKS` - 1) the videos of `prompt` have."""
    digest = hashlib.sha256(prompt.encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:4], "big") % LOOKS


def frame_size(aspect_ratio: str | None, resolution: str | None = None) -> tuple[int, int]:
    """Width and height of the emulator's frames for an aspect ratio (small on purpose)."""
    del resolution  # every resolution renders small; the file is a stand-in
    return (144, 256) if aspect_ratio == "9:16" else (256, 144)


def render_mp4(seconds: float, width: int, height: int, prompt: str = "") -> bytes:
    """An H.264 MP4 of `seconds` seconds, as bytes: moving stripes or checks whose colours,
    pattern, size and speed come from `prompt`'s look (`look_of`), so that videos of different
    prompts look different side by side (a gallery's tiles) and the same prompt always looks the
    same.
    """
    import av  # noqa: PLC0415  (optional dependency: only the emulator renders video)

    look = _Look.of(look_of(prompt))
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="mp4") as container:
        stream = container.add_stream("libx264", rate=FPS)
        stream.width = width
        stream.height = height
        stream.pix_fmt = "yuv420p"
        stream.options = {"preset": "ultrafast", "tune": "zerolatency"}
        frames = max(1, round(seconds * FPS))
        for index in range(frames):
            frame = av.VideoFrame(width, height, "yuv420p")
            for plane_index, plane in enumerate(frame.planes):
                scale = 1 if plane_index == 0 else 2  # the chroma planes are half size
                plane.update(look.plane(plane_index, plane.line_size, plane.height, index, scale))
            frame.pts = index
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return buffer.getvalue()


@attrs.frozen
class _Look:
    """How the videos of one prompt look: two YUV colours, a pattern, its size and speed."""

    colours: tuple[tuple[int, int, int], tuple[int, int, int]]
    pattern: str  # "stripes" (upright), "bands" (lying) or "checks"
    period: int  # pixels of one stripe (even)
    speed: int  # pixels a frame (even)

    @classmethod
    def of(cls, look: int) -> _Look:
        digest = hashlib.sha256(f"aiovideo look {look}".encode()).digest()
        dark = (40 + digest[0] % 80, digest[1], digest[2])
        light = (150 + digest[3] % 90, digest[4], digest[5])
        return cls(
            colours=(dark, light),
            pattern=("stripes", "bands", "checks")[digest[6] % 3],
            period=8 + 8 * (digest[7] % 5),
            # Even, so the half-size chroma planes move as the luma does: a chroma half a
            # pixel off would make every frame a new picture to encode (files 30x bigger).
            speed=2 * (1 + digest[8] % 2),
        )

    def plane(self, index: int, line_size: int, height: int, frame: int, scale: int) -> bytes:
        """The bytes of plane `index` (0: Y, 1: U, 2: V) of frame number `frame`: at most two
        distinct rows, each built once and repeated."""
        period = max(1, self.period // scale)
        offset = frame * self.speed // scale
        dark, light = self.colours[0][index], self.colours[1][index]
        rows = []
        for parity in (0, 1):
            if self.pattern == "bands":
                rows.append(bytes([light if parity else dark]) * line_size)
                continue
            rows.append(
                bytes(
                    light if ((x + offset) // period + parity) % 2 else dark
                    for x in range(line_size)
                )
            )
        if self.pattern == "stripes":
            return rows[0] * height
        shift = offset if self.pattern == "bands" else 0
        return b"".join(rows[((y + shift) // period) % 2] for y in range(height))
