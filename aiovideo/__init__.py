"""aiovideo: an asyncio SDK for the AI/ML API video endpoints (Veo and every other model).

Submit many generations at once; one shared scheduler per Client polls all of them on one
timer, under one request budget, and resolves an awaitable Job for each.
"""

import importlib.metadata
import logging

from aiovideo.core import (
    AiovideoError,
    APIStatusError,
    AuthenticationError,
    Client,
    ClientClosedError,
    ConfigurationError,
    Cost,
    FieldInfo,
    Generation,
    GenerationFailedError,
    GenerationTimeoutError,
    Job,
    JobNotDoneError,
    ModelInfo,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseFormatError,
    ServerError,
    SpendLimitError,
    SyncClient,
    TransportError,
    UsageRecord,
    ValidationError,
    Video,
    VideoRequest,
    model_info,
    models,
)
from aiovideo.tools.journal import (
    Entry,
    HeldElsewhereError,
    Journal,
    JournalWriteError,
    Settlement,
    UnsettledSubmitError,
)

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
    "HeldElsewhereError",
    "Job",
    "JobNotDoneError",
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
    "SyncClient",
    "TransportError",
    "UnsettledSubmitError",
    "UsageRecord",
    "ValidationError",
    "Video",
    "VideoRequest",
    "model_info",
    "models",
]

# The installed distribution's version (pyproject.toml is the one place it is written).
__version__ = importlib.metadata.version("aiovideo")

# A library prints nothing on its own: without this, Python's last-resort handler would
# write our warnings to stderr of apps that never configured logging.
logging.getLogger("aiovideo").addHandler(logging.NullHandler())
