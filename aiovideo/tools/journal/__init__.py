"""The journal: every paid generation id, durable before anyone sees its Job."""

from aiovideo.tools.journal._journal import (
    Entry,
    Journal,
    JournalWriteError,
    Settlement,
    UnsettledSubmitError,
)

__all__ = ["Entry", "Journal", "JournalWriteError", "Settlement", "UnsettledSubmitError"]
