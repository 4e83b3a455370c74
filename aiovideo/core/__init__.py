"""The core SDK: the client, its one scheduler and budget, Jobs, values, the wire format, the
model table, transport and downloads.

It imports nothing of `aiovideo.tools` nor of `aiovideo.testing` (import-linter holds this in
`make lint`). The names below are what the tools and the package's public surface build on:
`aiovideo` re-exports the user-facing ones; `Phase`, `classify`, `money`, `total_cost`,
`source` and `suggest_model` are here for the tools (how a status reads, how money prints, which
specs the model table came from).
"""

from aiovideo.core._client import Client
from aiovideo.core._costs import money, total_cost
from aiovideo.core._exceptions import (
    AiovideoError,
    APIStatusError,
    AuthenticationError,
    ClientClosedError,
    ConfigurationError,
    GenerationFailedError,
    GenerationTimeoutError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseFormatError,
    ServerError,
    SpendLimitError,
    TransportError,
    ValidationError,
)
from aiovideo.core._job import Job
from aiovideo.core._models import FieldInfo, ModelInfo, model_info, models, source, suggest_model
from aiovideo.core._types import Cost, Generation, UsageRecord, Video, VideoRequest
from aiovideo.core._wire import Phase, classify, converter

__all__ = [
    "APIStatusError",
    "AiovideoError",
    "AuthenticationError",
    "Client",
    "ClientClosedError",
    "ConfigurationError",
    "Cost",
    "FieldInfo",
    "Generation",
    "GenerationFailedError",
    "GenerationTimeoutError",
    "Job",
    "ModelInfo",
    "NotFoundError",
    "PermissionDeniedError",
    "Phase",
    "RateLimitError",
    "ResponseFormatError",
    "ServerError",
    "SpendLimitError",
    "TransportError",
    "UsageRecord",
    "ValidationError",
    "Video",
    "VideoRequest",
    "classify",
    "converter",
    "model_info",
    "models",
    "money",
    "source",
    "suggest_model",
    "total_cost",
]
