"""One generation as the emulator keeps it: what was asked, its timeline, its outcome, its cost.

The server creates them, scripts and faults adjust them, replies and usage-log rows read them.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

import attrs

from aiovideo.core import model_info
from aiovideo.testing._families import CREDITS_PER_USD, Family
from aiovideo.testing._http import UNIVERSAL

__all__ = ["Generation"]

# The duration of a video whose request and model name none.
_DEFAULT_DURATION = 5.0


@attrs.define
class Generation:
    """A generation the emulator created (or adopted), and what it will do."""

    id: str
    model: str
    body: dict[str, Any]
    submitted: float  # wall clock, so other processes can compare
    seconds: float  # from submit to its end
    fails: bool
    path: str  # the path it was submitted on
    family: Family
    token: str = attrs.Factory(lambda: uuid.uuid4().hex)  # names its file
    key: str = ""  # the API key it was submitted with: the usage log is per key
    client_request_id: str | None = None
    request_id: str = attrs.Factory(lambda: str(uuid.uuid4()))
    logged: bool = True  # False for adopted ids, whose submit this process never served
    polls: int = 0
    polled_at: list[float] = attrs.Factory(list)  # wall-clock moments of its status checks
    error: str = "the model refused the prompt"
    not_found: int = 0  # its first this many polls answer 404 (a script's)
    download: str | None = None  # "slow" or "cut" (a script's)

    @property
    def completes_at(self) -> float:
        """The wall-clock moment it ends."""
        return self.submitted + self.seconds

    @property
    def legacy(self) -> bool:
        """Whether it was submitted on a legacy path (its submit reply names `generation_id`)."""
        return self.path != UNIVERSAL

    @property
    def duration(self) -> float:
        """Seconds of video: the request's `duration`, else the model's default, else 5."""
        value = self.body.get("duration")
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        info = model_info(self.model)
        field = info.fields.get("duration") if info else None
        return float(field.default) if field is not None and field.default else _DEFAULT_DURATION

    def status(self, now: float, queued_fraction: float) -> str:
        """Its status at wall-clock `now`: queued, generating, then its family's done, or error."""
        elapsed = now - self.submitted
        if elapsed < self.seconds * queued_fraction:
            return "queued"
        if elapsed < self.seconds:
            return "generating"
        return "error" if self.fails else self.family.done

    def price(self, prices: Mapping[str, float]) -> tuple[int, float]:
        """(credits, USD): the configured price of its model, else its family's."""
        given = prices.get(self.model)
        if given is None:
            return self.family.price(self.duration)
        credits = round(given * CREDITS_PER_USD)
        return credits, credits / CREDITS_PER_USD

    def listing(self) -> dict[str, Any]:
        """What `/_emulator/generations` and `Emulator.generations()` say of it."""
        return {
            "id": self.id,
            "model": self.model,
            "prompt": self.body.get("prompt"),
            "submitted": self.submitted,
            "completes_at": self.completes_at,
            "fails": self.fails,
            "client_request_id": self.client_request_id,
            "family": self.family.name,
            "path": self.path,
            "duration": self.duration,
            "polled_at": list(self.polled_at),
        }
