"""The journal: every paid generation id, durable before anyone sees its Job.

`Journal` is the workflow (submit once, resume, settle); its rows live in a store (SQLite today:
a path or a `sqlite:///` URL). The row states (`SUBMITTING` ... `REJECTED`) are what
`Entry.state` holds; `SETTLE_WINDOW` is `Journal.settle`'s default window.
"""

from aiovideo.tools.journal._entry import (
    COMPLETED,
    DOWNLOADED,
    FAILED,
    REJECTED,
    SUBMITTED,
    SUBMITTING,
    Entry,
)
from aiovideo.tools.journal._journal import HeldElsewhereError, Journal, UnsettledSubmitError
from aiovideo.tools.journal._settle import SETTLE_WINDOW, LogLookup, Settlement
from aiovideo.tools.journal._store import JournalWriteError

__all__ = [
    "COMPLETED",
    "DOWNLOADED",
    "FAILED",
    "REJECTED",
    "SETTLE_WINDOW",
    "SUBMITTED",
    "SUBMITTING",
    "Entry",
    "HeldElsewhereError",
    "Journal",
    "JournalWriteError",
    "LogLookup",
    "Settlement",
    "UnsettledSubmitError",
]
