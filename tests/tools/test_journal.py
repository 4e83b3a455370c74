"""The Journal from the library: submit once ever, resume after a restart, record outcomes."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest

import aiovideo
from aiovideo.testing import Emulator
from aiovideo.tools.journal._journal import SCHEMA_VERSION
from tests.conftest import API_KEY, MakeEmulator
from tests.tools.test_journal_claims import OLD_COLUMNS

FOX = aiovideo.VideoRequest("google/veo3", "a red fox in snow", duration=4)


def _client(emu: Emulator) -> aiovideo.Client:
    return aiovideo.Client(api_key=API_KEY, base_url=emu.base_url, poll_interval=0.05)


async def test_a_journaled_request_is_posted_once(emulator: Emulator, tmp_path: Path) -> None:
    with aiovideo.Journal(tmp_path / "j.sqlite") as journal:
        async with _client(emulator) as client:
            first = await journal.submit(client, FOX, key="order-1")
            (entry,) = journal.entries()
            assert (entry.key, entry.state) == ("order-1", "submitted")
            assert entry.generation_id == first.id
            video = await first
            again = await journal.submit(client, FOX, key="order-1")
            assert again.id == first.id
            assert (await again).url == video.url
        assert emulator.stats["submits"] == 1
        (entry,) = journal.entries()
        assert (entry.state, entry.status, entry.video_url) == ("completed", "completed", video.url)
        assert entry.finished_at is not None


async def test_a_changed_request_is_new_and_the_old_row_stays(
    emulator: Emulator, tmp_path: Path
) -> None:
    with aiovideo.Journal(tmp_path / "j.sqlite") as journal:
        async with _client(emulator) as client:
            old = await journal.submit(client, FOX, key="line-1")
            changed = aiovideo.VideoRequest("google/veo3", "a grey fox in snow", duration=4)
            new = await journal.submit(client, changed, key="line-1")
            assert new.id != old.id
            await old
            await new
        assert [e.generation_id for e in journal.entries()] == [old.id, new.id]
    assert emulator.stats["submits"] == 2


async def test_resume_after_a_restart_tracks_without_posting(
    make_emulator: MakeEmulator, tmp_path: Path
) -> None:
    emu = await make_emulator(min_seconds=0.3, max_seconds=0.4)
    path = tmp_path / "j.sqlite"
    with aiovideo.Journal(path) as journal:
        async with _client(emu) as client:
            job = await journal.submit(client, FOX, key="k")
        with pytest.raises(aiovideo.ClientClosedError):
            await job  # the app stopped while the generation was pending
        assert [e.pending for e in journal.entries()] == [True]
    with aiovideo.Journal(path) as journal:  # the app, restarted
        async with _client(emu) as client:
            (resumed,) = journal.resume(client)
            assert resumed.id == job.id
            video = await resumed
            resumed.result()  # done: the same video again
        assert journal.pending() == []
        assert journal.entries()[0].video_url == video.url
    assert emu.stats["submits"] == 1


async def test_a_refused_submit_is_recorded_and_an_unknown_id_is_tracked_again(
    make_emulator: MakeEmulator, tmp_path: Path
) -> None:
    with aiovideo.Journal(tmp_path / "j.sqlite") as journal:
        first = await make_emulator()
        async with aiovideo.Client(api_key="sk-wrong", base_url=first.base_url) as client:
            with pytest.raises(aiovideo.AuthenticationError):
                await journal.submit(client, FOX, key="bad")
        async with _client(first) as client:
            job = await journal.submit(client, FOX, key="good")
        states = {e.key: (e.state, e.generation_id) for e in journal.entries()}
        assert states == {"bad": ("rejected", None), "good": ("submitted", job.id)}
        second = await make_emulator()  # a server that never heard of that id
        # 404s for 0.2 s mean gone here (60 s by default).
        gone = aiovideo.Client(API_KEY, second.base_url, 0.05, not_found_window=0.2)
        async with gone as client:
            (lost,) = journal.resume(client)
            with pytest.raises(aiovideo.NotFoundError):
                await lost
        good = next(e for e in journal.entries() if e.key == "good")
        # Not the server's word that it failed (its store may lag or blink): still pending,
        # tracked again later, and never sent again, not even by `resubmit_failed`.
        assert (good.state, good.status, good.pending) == ("submitted", "not_found", True)
        assert good.error is not None
        async with _client(first) as client:
            again = await journal.submit(client, FOX, key="good", resubmit_failed=True)
            assert again.id == job.id
            await again
        good = next(e for e in journal.entries() if e.key == "good")
        assert (good.state, good.error) == ("completed", None)
        assert first.stats["submits"] + second.stats["submits"] == 1


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
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
    db.close()


# The journal's schema version 3: what each generation cost.

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
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
        (credits,) = db.execute("SELECT cost_credits FROM entries WHERE key = 'pending'").fetchone()
        assert credits == 120_000
    db.close()
