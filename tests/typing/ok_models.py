"""Calls the typed face of `submit`/`generate` must take (`mypy --strict` finds nothing here).

Checked by tests/core/test_typed.py, which runs mypy on it; the project's own mypy run leaves
this folder out (the `bad_*` files beside it fail on purpose).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aiovideo


async def known_models(client: aiovideo.Client) -> None:
    job: aiovideo.Job = await client.submit(
        model="google/veo3", prompt="a fox", duration=8, aspect_ratio="9:16", generate_audio=True
    )
    job.cancel()
    video: aiovideo.Video = await client.generate(
        model="veo2/image-to-video", prompt="waves", image_url=Path("frame.png"), duration=6
    )
    await video.download("waves.mp4")
    await client.submit(model="google/veo3", prompt="a fox", duration=None)  # the server's default
    await client.submit(model="google/veo-3.1-t2v", prompt="a fox", resolution="1080p")
    await client.submit(model="runway/gen4_turbo", image_url=b"\x89PNG...", duration=10)
    await client.submit(
        model="google/veo3",
        prompt="a fox",
        timeout=600,
        client_request_id="order-17",
        extra_fields={"a_field_newer_than_the_table": 1},
    )


async def other_ways(client: aiovideo.Client, model: str, fields: dict[str, Any]) -> None:
    await client.submit(model="acme/newer-than-the-table", prompt="a fox", anything=1)
    await client.submit(model=model, prompt="a fox", duration=7)  # an id chosen at run time
    await client.submit(model="google/veo3", **fields)
    await client.submit(aiovideo.VideoRequest("google/veo3", "a fox", duration=8))
    await client.submit({"model": "google/veo3", "prompt": "a fox"}, timeout=60)
    await client.generate(aiovideo.VideoRequest("google/veo3", "a fox"))


def sync_client(client: aiovideo.SyncClient) -> None:
    video = client.generate(model="google/veo3", prompt="a fox", duration=4)
    video.download("fox.mp4")
    job = client.submit(model="veo2", prompt="waves", aspect_ratio="16:9")
    job.result().download("waves.mp4")
