"""The tools' fixtures: the journal store every store-independent journal test runs against.

A new store is a new parameter of `journal_target` (and a way to make a fresh, empty one per
test): the journal's tests then run against it unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import aiovideo

STORES = ["sqlite"]

# What `Journal(...)` takes: a path, or a URL naming a store.
JournalTarget = str | Path


@pytest.fixture(name="journal_target", params=STORES)
def fixture_journal_target(request: pytest.FixtureRequest, tmp_path: Path) -> JournalTarget:
    """What to pass to `Journal(...)` for a fresh, empty store of each kind: every Journal a
    test opens on it shares its rows (as two processes on one store would)."""
    if request.param == "sqlite":
        return tmp_path / "j.sqlite"
    raise AssertionError(f"no fixture for the store {request.param!r}")  # pragma: no cover


def set_row(
    journal: aiovideo.Journal, key: str, request: aiovideo.VideoRequest, **values: Any
) -> int:
    """Write `values` on a row through the journal's store, as another run would have left it
    (a dead owner, an expired lease, an old claim); `updated_at` is now unless given."""
    return journal._set({"key": key, "request_hash": request.fingerprint()}, **values)
