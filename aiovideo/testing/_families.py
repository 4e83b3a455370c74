"""How each model family's replies look, and what the emulator charges: the emulator's tables.

The real API shares one envelope across its ~140 video models, but its families fill it
differently (facts: the provider's example runs, summarised in AIMLAPI.md of the project's
shared docs):

- ids: `uuid:vendor/model/path` (slashes inside), a bare UUID, a long numeric string, a
  21-character nanoid that may start with `-`, a vendor id (`cgt-20250704191750-n4qjp`,
  `video_<hex>:openai/sora-2-t2v`);
- the submit reply: `id`, or only `generation_id` (MiniMax; the legacy paths too);
- `video`: an object with fal-style fields, a list of `{url}`, a list of bare URL strings
  (Runway), or a bare string;
- the success word: `completed`, or `succeeded`;
- cost: `meta.usage.credits_used` with `usd_spent`, credits alone, or the older `tokens_used`;
- where the file lives: the provider's CDN, or a pre-signed vendor URL (Aliyun OSS with
  `Expires=` and a `%2F` in its path, Volcengine TOS with `X-Tos-Expires=86400`, Kling's links
  that expire, fal's `/files/.../output.mp4`).

Which family uses which form is the emulator's choice where the docs do not say; every form
the docs show is used by at least one family, so a client is tested against all of them. Only
the emulator imports this module.
"""

from __future__ import annotations

import random
import re
import uuid
from typing import Literal

import attrs

__all__ = ["DEFAULT_SHAPE", "SHAPES", "Shape", "family_of_id", "make_id", "price", "usage"]

IdForm = Literal["uuid:model", "uuid", "numeric", "nanoid", "vendor", "sora"]
VideoForm = Literal["object", "objects", "urls", "url"]
LinkForm = Literal["cdn", "oss", "tos", "kling", "fal"]
UsageForm = Literal["credits+usd", "credits", "tokens"]

CREDITS_PER_USD = 2_000_000
_NANOID = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"


@attrs.frozen
class Shape:
    """How one family's replies look.

    Attributes:
        ids: the form of its generation ids.
        video: the form of a completed reply's `video`.
        done: its word for success.
        submit_id_key: the key of the id in a submit reply (`generation_id` alone for MiniMax).
        usage: how `meta.usage` states the cost.
        link: where its files are served, and how their URLs look.
        link_ttl: seconds a file URL stays valid after completion (None: no end).
        usd_per_second: the emulator's price, per second of video.
    """

    ids: IdForm = "uuid:model"
    video: VideoForm = "objects"
    done: str = "completed"
    submit_id_key: str = "id"
    usage: UsageForm = "credits+usd"
    link: LinkForm = "cdn"
    link_ttl: float | None = None
    usd_per_second: float = 0.05


SHAPES: dict[str, Shape] = {
    "google": Shape(video="object", usd_per_second=0.0075),
    "runway": Shape(ids="uuid", video="urls", usage="tokens", usd_per_second=0.05),
    "minimax": Shape(ids="numeric", video="object", submit_id_key="generation_id", usage="credits"),
    "pixverse": Shape(ids="nanoid", done="succeeded", link="fal", usd_per_second=0.04),
    # "one model's links expire after 600 s": Kling's pre-signed links here.
    "kling": Shape(link="kling", link_ttl=600.0, usd_per_second=0.07),
    "alibaba": Shape(video="object", link="oss", usd_per_second=0.05),
    "bytedance": Shape(ids="vendor", link="tos", usd_per_second=0.06),
    "openai": Shape(ids="sora", video="url", usd_per_second=0.10),
}
DEFAULT_SHAPE = Shape()
# The family whose ids look a given way, for ids no model can be read from (see `family_of_id`).
_FAMILY_OF_FORM: dict[str, str] = {
    shape.ids: family for family, shape in SHAPES.items() if shape.ids != "uuid:model"
}
_VENDOR_ID = re.compile(r"cgt-[0-9]{14}-[a-z0-9]{5}")


def make_id(shape: Shape, model: str, rng: random.Random) -> str:
    """A new generation id of `shape`'s form for `model`."""
    token = uuid.UUID(int=rng.getrandbits(128), version=4)
    if shape.ids == "uuid:model":
        return f"{token}:{model}"
    if shape.ids == "uuid":
        return str(token)
    if shape.ids == "numeric":
        return str(rng.randrange(10**17, 10**18))
    if shape.ids == "nanoid":
        text = "".join(rng.choice(_NANOID) for _ in range(21))
        # Every fourth id starts with `-`, the form a command line takes for an option.
        return "-" + text[1:] if rng.random() < 0.25 else text
    if shape.ids == "vendor":
        stamp = "".join(rng.choice("0123456789") for _ in range(14))
        tail = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(5))
        return f"cgt-{stamp}-{tail}"
    return f"video_{token.hex}:{model}"  # sora


def family_of_id(generation_id: str) -> tuple[str, str] | None:
    """(family, model) of an id the emulator could have issued; model "" when the id has none.

    For `uuid:model` and `video_<hex>:model` ids the model is read off the id and the family
    is left "" (the model's own); the other forms each belong to one family. None: no form.
    """
    head, sep, model = generation_id.partition(":")
    if sep and model:
        if head.startswith("video_"):
            return "openai", model
        try:
            uuid.UUID(head)
        except ValueError:
            return None
        return "", model
    try:
        uuid.UUID(generation_id)
    except ValueError:
        pass
    else:
        return _FAMILY_OF_FORM["uuid"], ""
    if generation_id.isdigit() and len(generation_id) >= 15:
        return _FAMILY_OF_FORM["numeric"], ""
    if len(generation_id) == 21 and all(char in _NANOID for char in generation_id):
        return _FAMILY_OF_FORM["nanoid"], ""
    if _VENDOR_ID.fullmatch(generation_id):
        return _FAMILY_OF_FORM["vendor"], ""
    return None


def price(shape: Shape, seconds: float) -> tuple[int, float]:
    """What a video of `seconds` costs in `shape`'s family: (credits, USD)."""
    credits = round(shape.usd_per_second * seconds * CREDITS_PER_USD)
    return credits, credits / CREDITS_PER_USD


def usage(shape: Shape, credits: int, usd: float) -> dict[str, int | float]:
    """`meta.usage` as the family writes it."""
    if shape.usage == "tokens":
        return {"tokens_used": credits}
    if shape.usage == "credits":
        return {"credits_used": credits}
    return {"credits_used": credits, "usd_spent": usd}
