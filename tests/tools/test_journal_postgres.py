"""The PostgreSQL store only: its URL and password, its schema version, its row locks, leases
alone for a dead owner, many sessions claiming at once, and the database going away mid-run.

On a real server (`postgres_cluster`, tests/pgcluster.py); the store-independent journal tests
run on it too, through `journal_target`.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import psycopg
import pytest

import aiovideo
from aiovideo.testing import Emulator
from aiovideo.tools.batch import Batch, LineState, StopReason, read_lines, run_batch
from aiovideo.tools.journal._postgres import SCHEMA_VERSION
from tests.conftest import API_KEY
from tests.pgcluster import Cluster
from tests.tools.conftest import set_row, start_cluster

FOX = aiovideo.VideoRequest("google/veo3", "a red fox in snow", duration=4)


def _client(emu: Emulator) -> aiovideo.Client:
    return aiovideo.Client(api_key=API_KEY, base_url=emu.base_url, poll_interval=0.05)


@pytest.fixture(name="url")
def fixture_url(postgres_cluster: Cluster) -> str:
    return postgres_cluster.new_database()


# The URL, and its password.


def test_both_schemes_open_the_same_journal_and_no_message_shows_the_password(
    postgres_cluster: Cluster, url: str
) -> None:
    database = urllib.parse.urlsplit(url).path.lstrip("/")
    secret = postgres_cluster.url(database, password="s3cret-pw")  # trust: any password does
    with aiovideo.Journal(secret) as journal:
        journal._claim("k", FOX, resubmit_failed=False)
        assert "s3cret-pw" not in repr(journal)
        assert "postgres:***@" in repr(journal)
        assert journal.path is None
    with aiovideo.Journal(secret.replace("postgresql://", "postgres://", 1)) as same:
        assert [entry.key for entry in same.entries()] == ["k"]
    missing = postgres_cluster.url("no_such_db", password="s3cret-pw")
    with pytest.raises(aiovideo.ConfigurationError, match="no_such_db") as caught:
        aiovideo.Journal(missing)
    assert "s3cret-pw" not in str(caught.value)
    assert "postgres:***@" in str(caught.value)
    with pytest.raises(aiovideo.ConfigurationError, match="unknown scheme 'mysql'"):
        aiovideo.Journal("mysql://me:s3cret-pw@db/jobs")
    # libpq's other way to give it (found by attack: it was shown in clear).
    in_query = f"postgresql:///{database}?host=/nonexistent&user=u&password=s3cret-pw"
    with pytest.raises(aiovideo.ConfigurationError) as caught:
        aiovideo.Journal(in_query)
    assert "s3cret-pw" not in str(caught.value)
    assert "password=***" in str(caught.value)


def test_without_psycopg_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # what an import of a missing one does
    monkeypatch.delitem(sys.modules, "aiovideo.tools.journal._postgres")
    with pytest.raises(aiovideo.ConfigurationError, match=r"aiovideo\[postgres\]") as caught:
        aiovideo.Journal("postgresql://me:s3cret-pw@db.example/jobs")
    assert "s3cret-pw" not in str(caught.value)


# Schema versions.


def test_the_schema_version_is_kept_in_a_table_and_a_newer_one_is_refused(
    emulator: Emulator, url: str
) -> None:
    with aiovideo.Journal(url) as journal:
        assert journal.schema_version == SCHEMA_VERSION
    with aiovideo.Journal(url) as again:  # opening twice migrates nothing
        assert again.schema_version == SCHEMA_VERSION
    with psycopg.connect(url, autocommit=True) as db:
        found = db.execute("SELECT value FROM aiovideo_meta WHERE name = 'schema_version'")
        assert found.fetchone() == (str(SCHEMA_VERSION),)
        db.execute("UPDATE aiovideo_meta SET value = '99' WHERE name = 'schema_version'")
        db.execute("UPDATE aiovideo_meta SET value = 'aiovideo 9.9' WHERE name = 'written_by'")
    with pytest.raises(aiovideo.ConfigurationError, match=r"version 99, written by aiovideo 9\.9"):
        aiovideo.Journal(url)
    assert emulator.stats.get("submits", 0) == 0


def test_workers_opening_a_new_database_at_once_create_the_schema_once(url: str) -> None:
    errors: list[BaseException] = []

    def open_one() -> None:
        try:
            aiovideo.Journal(url).close()
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


# Claims: row locks and leases.


def test_a_row_another_session_is_claiming_is_busy_not_waited_on(url: str) -> None:
    with aiovideo.Journal(url) as holder, aiovideo.Journal(url) as other:
        holder._claim("k", FOX, resubmit_failed=False)
        set_row(holder, "k", FOX, generation_id="g1", state="submitted", owner=None)
        with psycopg.connect(url) as db, db.transaction():  # a claim in progress elsewhere
            db.execute("SELECT * FROM aiovideo_journal WHERE key = 'k' FOR UPDATE")
            assert other._claim("k", FOX, resubmit_failed=False).action == "wait"
            assert other.claim_download("g1") is False
        assert other._claim("k", FOX, resubmit_failed=False).action == "track"
        assert other.claim_download("g1") is True


def test_a_dead_owner_is_known_by_its_lease_alone(url: str) -> None:
    with aiovideo.Journal(url) as journal:
        journal._claim("k", FOX, resubmit_failed=False)
        # A worker killed mid-claim, its pid one that cannot run here: SQLite would free the
        # row at once; PostgreSQL cannot know about another host's pids: the lease decides.
        set_row(
            journal, "k", FOX, owner="dead", owner_pid=2**22 + 1, lease_until=time.time() + 3600
        )
        assert journal._claim("k", FOX, resubmit_failed=False).action == "wait"
        assert journal.unsettled() == []
        set_row(journal, "k", FOX, lease_until=time.time() - 1)
        assert journal._claim("k", FOX, resubmit_failed=False).action == "unsettled"
        assert [entry.key for entry in journal.unsettled()] == ["k"]


def test_many_sessions_claiming_the_same_rows_at_once_each_row_is_posted_once(url: str) -> None:
    requests = [aiovideo.VideoRequest("google/veo3", f"scene {n}") for n in range(40)]
    posts: Counter[str] = Counter()
    lock = threading.Lock()

    def worker() -> None:
        with aiovideo.Journal(url) as journal:  # its own connection, as another host's
            left = list(requests)
            while left:
                request = left.pop(0)
                claim = journal._claim(request.prompt or "", request, resubmit_failed=False)
                if claim.action == "wait" and claim.entry is None:
                    left.append(request)  # being claimed this very moment: look again
                elif claim.action == "post":
                    with lock:
                        posts[request.prompt or ""] += 1

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(posts) == sorted(r.prompt or "" for r in requests)
    assert set(posts.values()) == {1}  # each row claimed to post by exactly one session


# The database going away.


@pytest.fixture(name="own_cluster")
def fixture_own_cluster() -> Iterator[Cluster]:
    """A cluster of this test's own: it is stopped and started again mid-test."""
    cluster = start_cluster()
    yield cluster
    cluster.remove()


class _OutageClient(aiovideo.Client):
    """Stops the database as the POST of the line with `outage_prompt` goes out (its claim is
    committed): its reply arrives with the journal gone."""

    cluster: Cluster
    outage_prompt: str

    # The typed face of `submit` is an overload per model (for callers); an override that
    # passes everything through takes the untyped form.
    async def submit(  # type: ignore[override]
        self, request: Any = None, /, **options: Any
    ) -> aiovideo.Job:
        if request is not None and request.prompt == self.outage_prompt:
            self.cluster.stop()
        job: aiovideo.Job = await super().submit(request, **options)
        return job


async def test_the_database_going_away_stops_submits_keeps_ids_and_the_next_run_resumes(
    emulator: Emulator,
    own_cluster: Cluster,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    url = own_cluster.new_database()
    prompts = tmp_path / "p.txt"
    prompts.write_text("one\ntwo\nthree\n", encoding="utf-8")
    lines = read_lines(prompts, model="google/veo3")
    out = tmp_path / "out"

    def report(number: int, state: str, detail: str = "") -> None:
        del number, state, detail

    # The first run's claims outlive it (the database was gone when it ended): a short lease,
    # so that the next run takes them over soon.
    with aiovideo.Journal(url, lease=0.5) as journal:
        client = _OutageClient(API_KEY, emulator.base_url, poll_interval=0.05)
        client.cluster, client.outage_prompt = own_cluster, "two"
        async with client:
            batch = Batch(client, journal, out, report, max_in_flight=1)
            with caplog.at_level(logging.ERROR):
                outcomes = await run_batch(batch, lines)
            assert batch.stop_reason is StopReason.JOURNAL
            assert "cannot" in batch.stops[StopReason.JOURNAL]
            ((number, kept),) = batch.unrecorded  # received with the database gone
            assert number == 2
            assert kept in caplog.text
            assert outcomes[1].generation_id == kept  # in the manifest too
            assert outcomes[0].status == LineState.COMPLETED
            assert outcomes[2].status == LineState.PENDING  # never sent
            assert emulator.stats["submits"] == 2
            await client.track(kept, model="google/veo3")  # ended: the usage logs show it
    own_cluster.start()  # the operator's restart
    with aiovideo.Journal(url) as journal:
        # The dead run's claim on line 2 is free once its lease has run out: its clock is
        # the wall's, which no event reports.
        while not journal.unsettled():  # noqa: ASYNC110
            await anyio.sleep(0.05)
        async with _client(emulator) as second:
            batch = Batch(second, journal, out, report, max_in_flight=1)
            again = await run_batch(batch, lines)
    assert [o.status for o in again] == [LineState.COMPLETED] * 3
    # Line 1's file was written as the database went away, and not recorded: it is fetched
    # again beside it (a file no row owns is never replaced), not paid for again.
    assert all(Path(o.path or "").is_file() for o in again)
    assert again[1].generation_id == kept  # adopted from the usage logs: not paid twice
    assert emulator.stats["submits"] == 3
    assert emulator.stats.get("duplicate_submits", 0) == 0


def test_a_journal_that_ends_gives_up_its_claims_at_once(url: str) -> None:
    with aiovideo.Journal(url) as ended:  # a run that stopped (its POST abandoned unanswered)
        assert ended._claim("k", FOX, resubmit_failed=False).action == "post"
    with aiovideo.Journal(url) as journal:  # not held until the lease runs out: settled now
        assert journal._claim("k", FOX, resubmit_failed=False).action == "unsettled"
