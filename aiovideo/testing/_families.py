"""The model families as the emulator plays them: each one's ids, reply shapes, files and prices.

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
the docs show is used by at least one family, so a client is tested against all of them.
"""

from __future__ import annotations

import random
import re
import uuid
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Literal

import attrs

from aiovideo.core import model_info, models

__all__ = [
    "CREDITS_PER_USD",
    "DEFAULT_FAMILY",
    "FAMILIES",
    "FILE_HOSTS",
    "SIGNED_HOSTS",
    "Family",
    "families",
    "family_of_id",
    "family_of_model",
    "first_model_of",
]

IdForm = Literal["uuid:model", "uuid", "numeric", "nanoid", "vendor", "sora"]
VideoForm = Literal["object", "objects", "urls", "url"]
LinkForm = Literal["cdn", "oss", "tos", "kling", "fal"]
UsageForm = Literal["credits+usd", "credits", "tokens"]

#: What a generation costs: 2,000,000 credits to the dollar, as in every published example.
CREDITS_PER_USD = 2_000_000
_NANOID = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
_VENDOR_ID = re.compile(r"cgt-[0-9]{14}-[a-z0-9]{5}")
# A pre-signed OSS link that never expires still needs an `Expires=`: 2100-01-01.
_FAR_FUTURE = 4102444800


@attrs.frozen
class Family:
    """One model family as the emulator plays it: how its replies look and what it charges.

    `aiovideo.testing.families()` gives every family the emulator knows, by the name the model
    table gives (`aiovideo.model_info(model).family`); a model of any other family answers in
    the forms of the defaults below. A test can ask what the emulator will charge::

        from aiovideo.testing import families

        credits, usd = families()["google"].price(8.0)   # an 8-second Veo video

    Attributes:
        name: the family's name in the model table.
        ids: the form of its generation ids.
        video: the form of a completed reply's `video`.
        done: its word for success.
        submit_id_key: the key of the id in a submit reply (`generation_id` alone for MiniMax).
        usage: how `meta.usage` states the cost.
        link: where its files are served, and how their URLs look.
        link_ttl: seconds a file URL stays valid after completion (None: no end).
        usd_per_second: the emulator's price, per second of video.
    """

    name: str
    ids: IdForm = "uuid:model"
    video: VideoForm = "objects"
    done: str = "completed"
    submit_id_key: str = "id"
    usage: UsageForm = "credits+usd"
    link: LinkForm = "cdn"
    link_ttl: float | None = None
    usd_per_second: float = 0.05

    def price(self, seconds: float) -> tuple[int, float]:
        """What a video of `seconds` seconds costs in this family.

        Args:
            seconds: the video's duration.

        Returns:
            (credits, USD), the USD being exactly the credits at 2,000,000 to the dollar.
        """
        credits = round(self.usd_per_second * seconds * CREDITS_PER_USD)
        return credits, credits / CREDITS_PER_USD

    def new_id(self, model: str, rng: random.Random) -> str:
        """A new generation id of this family's form for `model`."""
        token = uuid.UUID(int=rng.getrandbits(128), version=4)
        if self.ids == "uuid:model":
            return f"{token}:{model}"
        if self.ids == "uuid":
            return str(token)
        if self.ids == "numeric":
            return str(rng.randrange(10**17, 10**18))
        if self.ids == "nanoid":
            text = "".join(rng.choice(_NANOID) for _ in range(21))
            # Every fourth id starts with `-`, the form a command line takes for an option.
            return "-" + text[1:] if rng.random() < 0.25 else text
        if self.ids == "vendor":
            stamp = "".join(rng.choice("0123456789") for _ in range(14))
            tail = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(5))
            return f"cgt-{stamp}-{tail}"
        return f"video_{token.hex}:{model}"  # sora

    def meta_usage(self, credits: int, usd: float) -> dict[str, int | float]:
        """`meta.usage` as this family writes it."""
        if self.usage == "tokens":
            return {"tokens_used": credits}
        if self.usage == "credits":
            return {"credits_used": credits}
        return {"credits_used": credits, "usd_spent": usd}

    def reply(self, gen_id: str, status: str, *, submit: bool, legacy: bool) -> dict[str, Any]:
        """The bare envelope of a submit or status reply (no video, cost or error yet).

        A submit on a legacy path, or of a family that names its id `generation_id`, carries
        only `generation_id` and `status`; every other reply the full envelope.
        """
        if submit and (legacy or self.submit_id_key != "id"):
            return {"generation_id": gen_id, "status": status}
        return {"id": gen_id, "status": status, "video": None, "error": None}

    def video_field(self, url: str, *, file_name: str, size: int, duration: float) -> Any:
        """A completed reply's `video`, in this family's form."""
        if self.video == "url":
            return url
        if self.video == "urls":
            return [url]
        if self.video == "objects":
            return [{"url": url}]
        return {
            "url": url,
            "content_type": "video/mp4",
            "file_name": file_name,
            "file_size": size,
            "duration": duration,
        }

    def file_path(self, name: str, expires: int | None, signature: str) -> str:
        """The path and query of a file as this family's host writes it.

        Pre-signed forms carry percent-escapes (`%2F`, `%3D`) in their path or signature: the
        emulator serves a file only at the exact URL it issued, so a client that decodes or
        re-encodes a URL gets the 403 a real signed URL would give.
        """
        if self.link == "oss":
            path = f"/oss/videos%2F{name}.mp4?Expires={expires or _FAR_FUTURE}"
            return path + f"&OSSAccessKeyId=emulator&Signature={signature}%2F%3D"
        if self.link == "tos":
            path = f"/tos/{name}.mp4?X-Tos-Algorithm=TOS4-HMAC-SHA256&X-Tos-Expires=86400"
            return path + f"&X-Tos-Signature={signature}"
        if self.link == "kling":
            return f"/kling/{name}.mp4?x-expires={expires}&x-signature={signature}"
        if self.link == "fal":
            return f"/fal/files/{name}/output.mp4"
        return f"/files/{name}.mp4"


#: The first path segment of every file host's URLs (the routes the emulator serves files on).
FILE_HOSTS = ("files", "oss", "tos", "kling", "fal")
#: The hosts whose URLs are signed: a wrong URL there is a 403, not a 404.
SIGNED_HOSTS = ("/oss/", "/tos/", "/kling/")

_FAMILIES = (
    Family("google", video="object", usd_per_second=0.0075),
    Family("runway", ids="uuid", video="urls", usage="tokens", usd_per_second=0.05),
    Family(
        "minimax", ids="numeric", video="object", submit_id_key="generation_id", usage="credits"
    ),
    Family("pixverse", ids="nanoid", done="succeeded", link="fal", usd_per_second=0.04),
    # "one model's links expire after 600 s": Kling's pre-signed links here.
    Family("kling", link="kling", link_ttl=600.0, usd_per_second=0.07),
    Family("alibaba", video="object", link="oss", usd_per_second=0.05),
    Family("bytedance", ids="vendor", link="tos", usd_per_second=0.06),
    Family("openai", ids="sora", video="url", usd_per_second=0.10),
)
#: Every family the emulator plays in forms of its own, by name.
FAMILIES: Mapping[str, Family] = MappingProxyType({family.name: family for family in _FAMILIES})
#: The forms of every other family (and of models the table does not know).
DEFAULT_FAMILY = Family("")
# The family whose ids look a given way, for ids no model can be read from (see `family_of_id`).
_FAMILY_OF_FORM: dict[str, str] = {
    family.ids: name for name, family in FAMILIES.items() if family.ids != "uuid:model"
}


def families() -> Mapping[str, Family]:
    """Every family the emulator plays in forms of its own, by its name in the model table.

    Returns:
        A read-only mapping; a model of a family not in it answers in `Family`'s default forms.
    """
    return FAMILIES


def family_of_model(model: str) -> Family:
    """The family whose forms `model`'s replies take (the default for an unknown model)."""
    info = model_info(model)
    return FAMILIES.get(info.family, DEFAULT_FAMILY) if info is not None else DEFAULT_FAMILY


def first_model_of(family: str) -> str:
    """The id of the model table's first model of `family`."""
    return next(info.id for info in models() if info.family == family)


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
