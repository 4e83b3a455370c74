"""The tools' fixtures: the journal store every store-independent journal test runs against.

A new store is a new parameter of `journal_target` (and a way to make a fresh, empty one per
test): the journal's tests then run against it unchanged. PostgreSQL is a real server
(`postgres_cluster`, one per session, tests/pgcluster.py) with a fresh database per test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import aiovideo
from tests.pgcluster import Cluster, find_binaries

STORES = ["sqlite", "postgresql"]

# What `Journal(...)` takes: a path, or a URL naming a store.
JournalTarget = str | Path


def _missing(reason: str) -> None:
    """No PostgreSQL here: CI (`CI` set) must have one (.ci/run installs it), so fail there;
    skip elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: the PostgreSQL tests must run)")
    pytest.skip(reason)


def start_cluster() -> Cluster:
    """A new, started throwaway cluster; the caller removes it (`Cluster.remove`)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _missing("psycopg is not installed: pip install -e '.[dev]'")
    binaries = find_binaries()
    if binaries is None:
        _missing("no PostgreSQL server binaries (initdb, pg_ctl): apt-get install postgresql")
        raise AssertionError  # pragma: no cover  (_missing raised)
    cluster = Cluster(binaries)
    try:
        cluster.start()
    except BaseException:
        cluster.remove()
        raise
    return cluster


@pytest.fixture(name="postgres_cluster", scope="session")
def fixture_postgres_cluster() -> Iterator[Cluster]:
    """One throwaway PostgreSQL server for the session, on a Unix socket in a temp folder."""
    cluster = start_cluster()
    yield cluster
    cluster.remove()


@pytest.fixture(name="journal_target", params=STORES)
def fixture_journal_target(request: pytest.FixtureRequest, tmp_path: Path) -> JournalTarget:
    """What to pass to `Journal(...)` for a fresh, empty store of each kind: every Journal a
    test opens on it shares its rows (as two processes on one store would)."""
    if request.param == "sqlite":
        return tmp_path / "j.sqlite"
    if request.param == "postgresql":
        cluster: Cluster = request.getfixturevalue("postgres_cluster")
        return cluster.new_database()
    raise AssertionError(f"no fixture for the store {request.param!r}")  # pragma: no cover


def set_row(
    journal: aiovideo.Journal, key: str, request: aiovideo.VideoRequest, **values: Any
) -> int:
    """Write `values` on a row through the journal's store, as another run would have left it
    (a dead owner, an expired lease, an old claim); `updated_at` is now unless given."""
    return journal._set({"key": key, "request_hash": request.fingerprint()}, **values)
