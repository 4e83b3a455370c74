"""The SQLite store only: its files' schema versions and migrations, its errors, its URLs.

These tests build or poke SQLite files directly (`sqlite3.connect`, `PRAGMA user_version`), so
they run against SQLite alone; the store-independent journal tests take `journal_target`.
"""

from __future__ import annotations

import logging
import sqlite3
import subprocess
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import aiovideo
from aiovideo.testing import Emulator
from aiovideo.tools.journal import JournalWriteError, UnsettledSubmitError
from aiovideo.tools.journal._entry import client_request_id
from aiovideo.tools.journal._sqlite import SCHEMA_VERSION
from tests.conftest import API_KEY, MakeEmulator
from tests.tools.conftest import set_row

FOX = aiovideo.VideoRequest("google/veo3", "a red fox in snow", duration=4)


def _client(emu: Emulator) -> aiovideo.Client:
    return aiovideo.Client(api_key=API_KEY, base_url=emu.base_url, poll_interval=0.05)


# The table of aiovideo 0.1.0 (schema version 0), less the columns a test leaves out.
OLD_COLUMNS = {
    "key": "TEXT NOT NULL",
    "request_hash": "TEXT NOT NULL",
    "model": "TEXT NOT NULL",
    "prompt": "TEXT NOT NULL",
    "generation_id": "TEXT",
    "state": "TEXT NOT NULL",
    "status": "TEXT",
    "video_url": "TEXT",
    "path": "TEXT",
    "error": "TEXT",
    "submitted_at": "REAL",
    "finished_at": "REAL",
    "updated_at": "REAL NOT NULL",
}


def _old_journal(path: Path, *, without: str) -> None:
    columns = ", ".join(f"{n} {d}" for n, d in OLD_COLUMNS.items() if n != without)
    with sqlite3.connect(path) as db:
        db.execute(f"CREATE TABLE entries ({columns}, PRIMARY KEY (key, request_hash))")
        row: dict[str, object] = {
            "key": "old",
            "request_hash": "h",
            "model": "google/veo3",
            "prompt": "p",
        }
        row |= {"generation_id": "gen-old", "state": "downloaded", "updated_at": 1}
        row.pop(without, None)
        db.execute(
            f"INSERT INTO entries ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",  # noqa: S608
            tuple(row.values()),
        )
    db.close()


# Schema versions.


async def test_an_old_journal_missing_a_column_is_migrated_before_any_post(
    emulator: Emulator, tmp_path: Path
) -> None:
    path = tmp_path / "old.sqlite"
    _old_journal(path, without="finished_at")
    with aiovideo.Journal(path) as journal:
        async with _client(emulator) as client:
            job = await journal.submit(client, FOX, key="k")
            await job
        entry = next(e for e in journal.entries() if e.key == "k")
        assert (entry.state, entry.generation_id) == ("completed", job.id)
        assert entry.finished_at is not None
        assert journal.entries()[0].generation_id == "gen-old"  # the old rows stay
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()
    assert emulator.stats["submits"] == 1


def test_an_old_journal_that_cannot_be_migrated_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _old_journal(path, without="state")
    with pytest.raises(aiovideo.ConfigurationError, match=r"no column state.*nothing was"):
        aiovideo.Journal(path)


def test_a_newer_journal_is_refused_naming_its_writer(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    aiovideo.Journal(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = 'aiovideo 9.9.9' WHERE name = 'written_by'")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(aiovideo.ConfigurationError, match=r"written by aiovideo 9\.9\.9"):
        aiovideo.Journal(path)


def test_a_bad_journal_path_is_a_configuration_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(aiovideo.ConfigurationError, match="journal"):
        aiovideo.Journal(tmp_path / "file" / "j.sqlite")
    (tmp_path / "notes.txt").write_text("not a database, " * 100)
    with pytest.raises(aiovideo.ConfigurationError, match=r"notes\.txt"):
        aiovideo.Journal(tmp_path / "notes.txt")


# The journal's schema version 2: when a file was downloaded.

V1_COLUMNS = {
    **OLD_COLUMNS,
    "client_request_id": "TEXT",
    "attempt": "INTEGER NOT NULL DEFAULT 0",
    "owner": "TEXT",
    "owner_pid": "INTEGER",
    "owner_host": "TEXT",
    "lease_until": "REAL",
}


def _journal_of_version(
    path: Path, version: int, columns: dict[str, str], rows: list[dict[str, object]]
) -> None:
    """A journal file as an older aiovideo wrote it: schema `version`, its `columns`, `rows`."""
    table = ", ".join(f"{name} {decl}" for name, decl in columns.items())
    with sqlite3.connect(path) as db:
        db.execute(f"CREATE TABLE entries ({table}, PRIMARY KEY (key, request_hash))")
        db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT)")
        db.execute("INSERT INTO meta VALUES ('written_by', ?)", (f"aiovideo 0.{version}.0",))
        for given in rows:
            row = {"request_hash": "h", "model": "google/veo3", "prompt": "p", "updated_at": 1}
            row |= given
            db.execute(
                f"INSERT INTO entries ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",  # noqa: S608
                tuple(row.values()),
            )
        db.execute(f"PRAGMA user_version = {version}")
    db.close()


def test_a_version_1_journal_is_migrated_and_its_404_endings_tracked_again(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v1.sqlite"
    done = {"state": "downloaded", "status": "completed", "path": "/v/a.mp4"}
    # Version 1 marked a 404 ending failed: `--retry-failed` would have paid again.
    lost = {"state": "failed", "status": "not_found", "error": "not found"}
    failed = {"state": "failed", "status": "error", "error": "moderation"}
    _journal_of_version(
        path,
        1,
        V1_COLUMNS,
        [
            {"key": "a", "generation_id": "gen-a", **done},
            {"key": "b", "generation_id": "gen-b", **lost},
            {"key": "c", "generation_id": "gen-c", **failed},
        ],
    )
    with aiovideo.Journal(path) as journal:
        rows = {entry.key: entry for entry in journal.entries()}
        assert rows["a"].downloaded_at is None  # not known for files of version 1
        assert (rows["a"].state, rows["a"].path) == ("downloaded", "/v/a.mp4")
        assert rows["b"].pending  # tracked again by the next run
        assert rows["c"].state == "failed"  # the server's word stays
        journal.record_downloaded("gen-a", tmp_path / "a.mp4")
        entry = journal.by_id("gen-a")
        assert entry is not None
        assert entry.downloaded_at is not None
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
    db.close()


# The journal's schema version 3: what each generation cost; 4: exactly, as text.

V2_COLUMNS = {**V1_COLUMNS, "downloaded_at": "REAL"}


async def test_a_version_2_journal_is_migrated_and_then_records_costs(
    make_emulator: MakeEmulator, tmp_path: Path
) -> None:
    path = tmp_path / "v2.sqlite"
    pending = f"{uuid.uuid4()}:google/veo3"  # an id of the emulator's form, adopted on a poll
    downloaded = {"state": "downloaded", "path": "/v/done.mp4", "downloaded_at": 5.0}
    _journal_of_version(
        path,
        2,
        V2_COLUMNS,
        [
            {"key": "done", "generation_id": "gen-done", **downloaded},
            {"key": "pending", "generation_id": pending, "state": "submitted"},
        ],
    )
    emu = await make_emulator(adopt_unknown_ids=True)
    with aiovideo.Journal(path) as journal:
        rows = {entry.key: entry for entry in journal.entries()}
        assert rows["done"].cost is None  # not known for generations of version 2
        assert (rows["done"].state, rows["done"].downloaded_at) == ("downloaded", 5.0)
        async with _client(emu) as client:
            (job,) = journal.resume(client)
            await job
        entry = journal.by_id(pending)
        assert entry is not None
        assert entry.cost == aiovideo.Cost(credits=120_000, usd=0.06) == job.cost
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
        cost = db.execute("SELECT cost_credits, cost_usd FROM entries WHERE key = 'pending'")
        assert cost.fetchone() == ("120000", "0.06")  # exact texts
    db.close()


V3_COLUMNS = {**V2_COLUMNS, "cost_credits": "INTEGER", "cost_usd": "REAL"}


def test_a_version_3_journal_keeps_its_costs_exactly_as_text(tmp_path: Path) -> None:
    path = tmp_path / "v3.sqlite"
    done = {"state": "completed", "generation_id": "gen"}
    _journal_of_version(
        path,
        3,
        V3_COLUMNS,
        [
            # The USD as REAL had binary noise: the credits give it back exactly.
            {"key": "a", **done, "cost_credits": 120_000, "cost_usd": 0.060000000000000005},
            {"key": "b", **done, "cost_usd": 0.1},  # no credits: the float's shortest text
            {"key": "c", **done},  # no cost known
            {"key": "d", **done, "cost_credits": 2**63 - 1},  # the largest an INTEGER held
        ],
    )
    with aiovideo.Journal(path) as journal:
        costs = {entry.key: entry.cost for entry in journal.entries()}
    assert list(costs) == ["a", "b", "c", "d"]  # still oldest first
    assert costs == {
        "a": aiovideo.Cost(credits=120_000, usd=Decimal("0.06")),
        "b": aiovideo.Cost(usd=Decimal("0.1")),
        "c": None,
        "d": aiovideo.Cost(credits=2**63 - 1),
    }
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 4
        types = {row[1]: row[2] for row in db.execute("PRAGMA table_info(entries)")}
        assert (types["cost_credits"], types["cost_usd"]) == ("TEXT", "TEXT")
        assert db.execute("SELECT cost_usd FROM entries WHERE key = 'b'").fetchone() == ("0.10",)
        indexes = {row[1] for row in db.execute("PRAGMA index_list(entries)")}
        assert {"entries_by_id", "entries_by_path"} <= indexes
    db.close()


# Targets.


def test_a_sqlite_url_opens_the_same_file_as_its_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    aiovideo.Journal(tmp_path / "j.sqlite").close()
    with aiovideo.Journal("sqlite:///j.sqlite") as relative:  # relative, as SQLAlchemy has it
        assert relative.path == Path("j.sqlite")
        assert relative.schema_version == SCHEMA_VERSION
    with aiovideo.Journal(f"sqlite:///{tmp_path}/sub/j.sqlite") as absolute:  # 4 slashes
        assert absolute.path == tmp_path / "sub" / "j.sqlite"
        assert absolute.path.exists()
    with pytest.raises(aiovideo.ConfigurationError, match="no host"):
        aiovideo.Journal("sqlite://host/j.sqlite")


# SQLite's own write errors.


class _FailingDB:
    """A connection whose writes fail after `ok` of them, like a disk that filled up."""

    def __init__(self, db: sqlite3.Connection, ok: int) -> None:
        self._db, self.ok = db, ok

    def execute(self, sql: str, params: Any = ()) -> Any:
        if sql.startswith(("UPDATE", "INSERT")):
            if self.ok <= 0:
                raise sqlite3.OperationalError("database or disk is full")
            self.ok -= 1
        return self._db.execute(sql, params)

    def close(self) -> None:
        self._db.close()


async def test_a_full_disk_is_a_journal_write_error_with_the_id_kept(
    emulator: Emulator, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with aiovideo.Journal(tmp_path / "j.sqlite") as journal:
        journal._store._db = _FailingDB(journal._store._db, ok=1)  # type: ignore[attr-defined]
        async with _client(emulator) as client:
            with caplog.at_level(logging.ERROR), pytest.raises(JournalWriteError) as caught:
                await journal.submit(client, FOX, key="k")
            assert caught.value.job is not None
            assert caught.value.generation_id == caught.value.job.id
            assert "disk is full" in str(caught.value)
            await caught.value.job
            with pytest.raises(JournalWriteError, match="disk is full"):
                await journal.submit(client, FOX, key="other")  # refused before its POST
    assert emulator.stats["submits"] == 1


def _dead_pid() -> int:
    """The pid of a process that has ended (and been reaped)."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


# SQLite alone knows a dead owner before its lease ends: the pid of a process of this host.
async def test_a_claim_of_a_killed_process_is_unsettled_until_settled_or_resent(
    emulator: Emulator, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with aiovideo.Journal(tmp_path / "j.sqlite") as dead:
        dead._claim("k", FOX, resubmit_failed=False)
        set_row(dead, "k", FOX, owner_pid=_dead_pid(), lease_until=time.time() + 3600)
    with aiovideo.Journal(tmp_path / "j.sqlite") as journal:
        async with _client(emulator) as client:
            with pytest.raises(UnsettledSubmitError, match=r"line 7 \('a red fox'\)") as caught:
                await journal.submit(client, FOX, key="k", describe="line 7 ('a red fox')")
            assert caught.value.entry.attempt == 1
            assert emulator.stats["submits"] == 0  # refused before any POST
            job = await journal.submit(
                client, FOX, key="k", describe="line 7 ('a red fox')", resend_unsettled=True
            )
            await job
        (entry,) = journal.entries()
    assert "line 7 ('a red fox')" in caplog.text  # names the line, not an internal key
    assert "both are billed" in caplog.text
    assert (entry.attempt, entry.generation_id) == (2, job.id)
    assert entry.client_request_id is not None
    assert entry.client_request_id.startswith(client_request_id("k", FOX.fingerprint(), 2)[:-16])
    assert emulator.stats["submits"] == 1


async def test_two_journals_never_send_one_client_request_id(
    emulator: Emulator, tmp_path: Path
) -> None:
    # Found by attack: the id was the key, the request and the attempt only, so a run settling
    # a lost reply took another journal's generation of the same prompt for its own, and its
    # own paid one was never tracked.
    ids = []
    for name in ("a", "b"):
        with aiovideo.Journal(tmp_path / f"{name}.sqlite") as journal:
            async with _client(emulator) as client:
                await (await journal.submit(client, FOX, key="k"))
            (entry,) = journal.entries()
            ids.append(entry.client_request_id)
    assert None not in ids
    assert ids[0] != ids[1]
