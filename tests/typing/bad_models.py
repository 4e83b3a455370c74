"""Calls the typed face of `submit`/`generate` must refuse: each `# error:` line is one
`mypy --strict` must flag (tests/core/test_typed.py runs it and compares)."""

from __future__ import annotations

import aiovideo


async def mistakes(client: aiovideo.Client) -> None:
    await client.submit(model="google/veo3", prompt="a fox", duration=7)  # error: duration=7
    await client.submit(model="google/veo3", prompt="a fox", durration=8)  # error: no such field
    await client.generate(model="google/veo3", prompt="a fox", aspect_ratio="4:3")  # error
    await client.submit(model="veo2/image-to-video", prompt="waves")  # error: no image_url
    await client.submit(model="google/veo3", prompt=42)  # error: prompt is a str


def sync_mistakes(client: aiovideo.SyncClient) -> None:
    client.generate(model="google/veo3", prompt="a fox", duration=7).download("x.mp4")  # error
