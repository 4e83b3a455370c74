"""Two `aiovideo batch` runs at once on one journal, and a journal that cannot be written."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
from pathlib import Path

import pytest

import aiovideo
from aiovideo.testing import Emulator
from aiovideo.tools.batch import Batch, StopReason, check_writable, read_lines, run_batch
from aiovideo.tools.journal import JournalWriteError
from aiovideo.tools.journal._store import Where
from tests.conftest import API_KEY
from tests.pgcluster import Cluster
from tests.tools.conftest import JournalTarget
from tests.tools.test_batch import Served, _spawn_batch


def _spawn(prompts: Path, out: Path, served: Served, *args: str) -> subprocess.Popen[str]:
    return _spawn_batch(prompts, out, served, "--max-in-flight", "3", *args)


def test_two_batches_at_once_submit_each_line_once_and_both_finish(tmp_path: Path) -> None:
    served = Served("--min-seconds", "0.3", "--max-seconds", "0.6", "--seed", "11")
    try:
        prompts = tmp_path / "prompts.txt"
        prompts.write_text("\n".join(f"scene number {i}" for i in range(8)), encoding="utf-8")
        out = tmp_path / "out"
        first, second = _spawn(prompts, out, served), _spawn(prompts, out, served)
        _, err_first = first.communicate(timeout=120)
        _, err_second = second.communicate(timeout=120)
        assert first.returncode == 0, err_first
        assert second.returncode == 0, err_second
        stats = served.stats()
        assert stats.get("submits", 0) == 8
        assert stats.get("duplicate_submits", 0) == 0
        records = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
        assert [r["status"] for r in records] == ["completed"] * 8
        assert len({r["generation_id"] for r in records}) == 8
        assert len(list(out.glob("*.mp4"))) == 8
        assert not list(out.glob(".*.part"))
    finally:
        served.close()


class _FullJournal(aiovideo.Journal):
    """A journal whose disk fills up after the first id is recorded... or before it."""

    fail_ids = True

    def _set(self, where: Where, **values: object) -> int:
        if self.fail_ids and "generation_id" in values and values.get("state") == "submitted":
            raise JournalWriteError(f"cannot write journal {self.path}: disk is full")
        return super()._set(where, **values)


async def test_a_journal_write_failure_stops_the_batch_and_keeps_the_id(
    emulator: Emulator,
    journal_target: JournalTarget,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    prompts = tmp_path / "p.txt"
    prompts.write_text("one\ntwo\nthree\n", encoding="utf-8")
    lines = read_lines(prompts, model="google/veo3")
    events: list[tuple[int, str, str]] = []

    def report(number: int, state: str, detail: str = "") -> None:
        events.append((number, state, detail))

    with _FullJournal(journal_target) as journal:
        async with aiovideo.Client(API_KEY, emulator.base_url, 0.05) as client:
            batch = Batch(
                client,
                journal,
                tmp_path / "out",
                report,
                max_in_flight=1,
            )
            with caplog.at_level(logging.ERROR):
                outcomes = await run_batch(batch, lines)
    assert batch.stop_reason is StopReason.JOURNAL
    assert "disk is full" in batch.stops[StopReason.JOURNAL]
    ((number, generation_id),) = batch.unrecorded
    assert number == 1
    assert generation_id in caplog.text
    assert outcomes[0].generation_id == generation_id  # in the manifest too
    assert [o.status for o in outcomes[1:]] == ["pending", "pending"]
    assert emulator.stats["submits"] == 1  # no new submit after the failure


def test_an_unwritable_output_folder_is_refused_before_any_post(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(aiovideo.ConfigurationError, match="nothing was submitted"):
        check_writable(blocker / "out")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_output_folder_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        with pytest.raises(aiovideo.ConfigurationError, match="output folder"):
            check_writable(out)
    finally:
        out.chmod(0o755)


def test_a_fleet_of_batches_on_one_postgresql_journal_shares_the_lines(
    tmp_path: Path, postgres_cluster: Cluster
) -> None:
    url = postgres_cluster.new_database()
    served = Served("--min-seconds", "0.3", "--max-seconds", "0.6", "--seed", "12")
    try:
        prompts = tmp_path / "prompts.txt"
        prompts.write_text("\n".join(f"scene number {i}" for i in range(8)), encoding="utf-8")
        # Two workers, each with its own output folder (as on two hosts), one journal.
        outs = [tmp_path / "worker-a", tmp_path / "worker-b"]
        workers = [_spawn(prompts, out, served, "--journal", url) for out in outs]
        errs = [worker.communicate(timeout=120)[1] for worker in workers]
        for worker, err in zip(workers, errs, strict=True):
            assert worker.returncode == 0, err
            assert re.search(r"8 lines, \d+ pending, \d+ held by other runs, \d+ done", err), err
        stats = served.stats()
        assert stats.get("submits", 0) == 8  # each line submitted once, by one of them
        assert stats.get("duplicate_submits", 0) == 0
        videos = [path for out in outs for path in out.glob("*.mp4")]
        assert len(videos) == 8  # each written once, by one of them
        # A later run on the journal writes the manifest and gallery of every line, wherever
        # its video is: nothing submitted, nothing downloaded again.
        later = _spawn(prompts, tmp_path / "report", served, "--journal", url)
        _, err = later.communicate(timeout=120)
        assert later.returncode == 0, err
        assert "8 lines, 0 pending, 0 held by other runs, 8 done" in err
        for out in [*outs, tmp_path / "report"]:
            records = [json.loads(r) for r in (out / "results.jsonl").read_text().splitlines()]
            assert [r["status"] for r in records] == ["completed"] * 8
            assert sorted((out / r["path"]).resolve() for r in records) == sorted(
                video.resolve() for video in videos
            )
            assert (out / "index.html").is_file()
        assert served.stats().get("submits", 0) == 8
        assert not list((tmp_path / "report").glob("*.mp4"))
    finally:
        served.close()
