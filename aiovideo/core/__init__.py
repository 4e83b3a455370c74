"""The core SDK: the client, its one scheduler and budget, Jobs, values, the wire format, the
model table, transport and downloads.

It imports nothing of `aiovideo.tools` nor of `aiovideo.testing` (import-linter holds this in
`make lint`). The names below are what the tools and the package's public surface build on:
`aiovideo` re-exports the user-facing ones; `Phase`, `classify`, `money`, `total_cost`, `to_usd`,
`usd_text`, `counts_more`, `source`, `suggest_model` and `check_model` are here for the tools
(how a status reads, how money is read and printed, which of two reports of one cost counts,
which specs the model table came from, which model ids it refuses); `converter` is the one
cattrs converter (the tools structure their own rows with it);
`KEY_VARIABLES` names where the key is read from, and `mask_key` masks it in any text.
"""

from aiovideo.core._client import Client
from aiovideo.core._convert import converter
from aiovideo.core._costs import money, total_cost
from aiovideo.core._exceptions import (
    AiovideoError,
    APIStatusError,
    AuthenticationError,
    ClientClosedError,
    ConfigurationError,
    GenerationFailedError,
    GenerationTimeoutError,
    JobNotDoneError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseFormatError,
    ServerError,
    SpendLimitError,
    TransportError,
    ValidationError,
)
from aiovideo.core._job import Job, counts_more
from aiovideo.core._models import (
    FieldInfo,
    ModelInfo,
    check_model,
    model_info,
    models,
    source,
    suggest_model,
)
from aiovideo.core._options import KEY_VARIABLES, mask_key
from aiovideo.core._request import VideoRequest
from aiovideo.core._sync import SyncClient, SyncJob, SyncVideo
from aiovideo.core._values import Cost, Generation, UsageRecord, Video, to_usd, usd_text
from aiovideo.core._wire import Phase, classify

__all__ = [
    "KEY_VARIABLES",
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
    "JobNotDoneError",
    "ModelInfo",
    "NotFoundError",
    "PermissionDeniedError",
    "Phase",
    "RateLimitError",
    "ResponseFormatError",
    "ServerError",
    "SpendLimitError",
    "SyncClient",
    "SyncJob",
    "SyncVideo",
    "TransportError",
    "UsageRecord",
    "ValidationError",
    "Video",
    "VideoRequest",
    "check_model",
    "classify",
    "converter",
    "counts_more",
    "mask_key",
    "model_info",
    "models",
    "money",
    "source",
    "suggest_model",
    "to_usd",
    "total_cost",
    "usd_text",
]
