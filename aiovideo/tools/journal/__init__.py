"""The journal: every paid generation id, durable before anyone sees its Job."""

from aiovideo.tools.journal._journal import (
    DOWNLOADED,
    FAILED,
    SETTLE_WINDOW,
    Entry,
    Journal,
    JournalWriteError,
    Settlement,
    UnsettledSubmitError,
)

__all__ = [
    "DOWNLOADED",
    "FAILED",
    "SETTLE_WINDOW",
    "Entry",
    "Journal",
    "JournalWriteError",
    "Settlement",
    "UnsettledSubmitError",
]
