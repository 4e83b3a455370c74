"""aiovideo: an asyncio SDK for the AI/ML API video endpoints (Veo and every other model).

Submit many generations at once; one shared scheduler per Client polls all of them on one
timer, under one request budget, and resolves an awaitable Job for each.
"""

import logging

from aiovideo._client import Client
from aiovideo._exceptions import (
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
from aiovideo._job import Job
from aiovideo._journal import Entry, Journal, JournalWriteError, Settlement, UnsettledSubmitError
from aiovideo._models import FieldInfo, ModelInfo, model_info, models
from aiovideo._types import Cost, Generation, UsageRecord, Video, VideoRequest

__all__ = [
    "APIStatusError",
    "AiovideoError",
    "AuthenticationError",
    "Client",
    "ClientClosedError",
    "ConfigurationError",
    "Cost",
    "Entry",
    "FieldInfo",
    "Generation",
    "GenerationFailedError",
    "GenerationTimeoutError",
    "Job",
    "Journal",
    "JournalWriteError",
    "ModelInfo",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseFormatError",
    "ServerError",
    "Settlement",
    "SpendLimitError",
    "TransportError",
    "UnsettledSubmitError",
    "UsageRecord",
    "ValidationError",
    "Video",
    "VideoRequest",
    "model_info",
    "models",
]

__version__ = "0.1.0"

# A library prints nothing on its own: without this, Python's last-resort handler would
# write our warnings to stderr of apps that never configured logging.
logging.getLogger("aiovideo").addHandler(logging.NullHandler())
