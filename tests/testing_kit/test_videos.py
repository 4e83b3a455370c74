"""The emulator's videos: each prompt's look of its own, so a gallery's tiles differ."""

from __future__ import annotations

import io

import av

from aiovideo.testing import Emulator


def _frames(data: bytes) -> list[bytes]:
    """Every decoded frame's luma and chroma bytes."""
    with av.open(io.BytesIO(data), "r") as container:
        return [
            b"".join(bytes(plane) for plane in frame.planes)
            for frame in container.decode(video=0)
        ]


async def test_two_prompts_give_different_frames_and_one_prompt_the_same() -> None:
    prompts = ("a red fox in snow", "waves at dusk", "a red fox in snow")
    async with Emulator() as emu, emu.client() as client:
        videos = [
            await client.generate(model="google/veo3", prompt=prompt, duration=4)
            for prompt in prompts
        ]
        fox, waves, fox_again = [_frames(await video.read()) for video in videos]
    assert len(fox) == len(waves) == 4 * 8  # 4 s at 8 frames a second
    assert all(a != b for a, b in zip(fox, waves, strict=True))  # every frame, not only the first
    assert fox == fox_again
    assert fox[0] != fox[-1]  # and they move


def test_many_prompts_many_looks() -> None:
    """Prompts spread over the looks, and each look is a picture of its own: 20 prompts of 20
    looks give 20 different first frames (the colours come from a hash)."""
    from aiovideo.testing._mp4 import LOOKS, look_of, render_mp4  # the kit's own, directly

    assert len({look_of(f"scene {n}") for n in range(10 * LOOKS)}) == LOOKS
    by_look = {look_of(f"scene {n}"): f"scene {n}" for n in range(100)}
    prompts = list(by_look.values())[:20]
    firsts = {_frames(render_mp4(0.25, 64, 36, prompt))[0] for prompt in prompts}
    assert len(firsts) == 20
