"""Which API path each request goes to: where a request is POSTed, and where a pending
generation is polled (the path it was submitted on).

Pure: the model table decides, and nothing here does I/O.
"""

from __future__ import annotations

from aiovideo.core._models import lookup
from aiovideo.core._paths import LEGACY_PATH, UNIVERSAL_PATH
from aiovideo.core._request import VideoRequest

__all__ = ["Routes", "model_of", "submit_path"]


def model_of(generation_id: str) -> str:
    """The model part of an id shaped `uuid:model`, or "" when there is none."""
    _, sep, model = generation_id.partition(":")
    return model if sep else ""


def submit_path(request: VideoRequest, *, legacy: bool = False) -> str:
    """The path to POST a request to.

    The universal path for unknown models and most known ones; the legacy Google path when
    asked for and the model is served there; a per-vendor legacy path for the few models the
    provider documents only there (`ModelInfo.path`).
    """
    return _path_of(request.model, legacy=legacy)


def _path_of(model: str, *, legacy: bool) -> str:
    spec = lookup(model)
    if spec is None:
        return UNIVERSAL_PATH
    return LEGACY_PATH if legacy and spec.legacy else spec.path


class Routes:
    """Where each pending generation is polled: the path it was submitted on.

    Only generations submitted on another path than the universal one (the legacy Google
    path, or a per-vendor path of a model documented only there) are remembered, until their
    Job ends.
    """

    def __init__(self) -> None:
        self._pending: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._pending)

    def submitted(self, generation_id: str, path: str) -> None:
        """Remember the path `generation_id` was submitted on (until `forget`)."""
        if path != UNIVERSAL_PATH:
            self._pending[generation_id] = path

    def forget(self, generation_id: str) -> None:
        """The generation's Job ended: its path is no longer needed."""
        self._pending.pop(generation_id, None)

    def status_path(self, generation_id: str, *, legacy: bool) -> str:
        """The path to poll `generation_id` on.

        A generation submitted here is polled where it was submitted; an id from before
        (`track`) that names its model is polled where that model is served.
        """
        path = self._pending.get(generation_id)
        if path is not None:
            return path
        return _path_of(model_of(generation_id), legacy=legacy)
