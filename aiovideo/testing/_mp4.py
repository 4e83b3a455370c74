"""Real, playable MP4 files for the emulator, rendered with PyAV (the `emulator` extra).

Small frames (a 16:9 clip is 256x144) at a low frame rate keep rendering fast; the duration
and the aspect ratio follow the request.
"""

from __future__ import annotations

import io

__all__ = ["frame_size", "render_mp4"]

FPS = 8


def frame_size(aspect_ratio: str | None, resolution: str | None = None) -> tuple[int, int]:
    """Width and height of the emulator's frames for an aspect ratio (small on purpose)."""
    del resolution  # every resolution renders small; the file is a stand-in
    return (144, 256) if aspect_ratio == "9:16" else (256, 144)


def render_mp4(seconds: float, width: int, height: int) -> bytes:
    """An H.264 MP4 of `seconds` seconds, a moving colour ramp, as bytes."""
    import av  # noqa: PLC0415  (optional dependency: only the emulator renders video)

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
            shade = (index * 255) // frames
            for plane_index, plane in enumerate(frame.planes):
                value = (shade + 85 * plane_index) % 256
                plane.update(bytes([value]) * plane.buffer_size)
            frame.pts = index
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return buffer.getvalue()
