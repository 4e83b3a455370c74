"""One generation id answered to two submits (issue 18 item 6), in the journal and the batch:
every row and every line is kept, its cost counted once, its video written once.

Every test here failed before the fix.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from click.testing import CliRunner

import aiovideo
from aiovideo.tools.batch import JOURNAL_NAME, Batch, read_lines, run_batch
from aiovideo.tools.cli import cli
from tests.conftest import API_KEY
from tests.core.test_hostile_download import MP4
from tests.hostile import HostileServer, ThreadedServer
from tests.tools.conftest import JournalTarget

PATH = "/v2/video/generations"
ONE_USD = {"usage": {"credits_used": 2_000_000}}  # 1.00 USD


def _serve(server: HostileServer | ThreadedServer, ids: dict[str, str]) -> dict[str, int]:
    """An API answering each prompt's POST with the id `ids` gives it ("gen-same" when not
    listed), and every check with completed, a video and 1.00 USD; returns its counts."""
    counts = {"posts": 0}

    async def submit(request: web.Request) -> web.StreamResponse:
        counts["posts"] += 1
        body = await request.json()
        return web.json_response({"id": ids.get(body["prompt"], "gen-same"), "status": "queued"})

    async def status(request: web.Request) -> web.StreamResponse:
        gid = request.query["generation_id"]
        video = {"url": f"{server.url}/{gid}.mp4", "content_type": "video/mp4"}
        reply = {"id": gid, "status": "completed", "video": video, "meta": ONE_USD}
        return web.json_response(reply)

    async def file(_: web.Request) -> web.StreamResponse:
        return web.Response(body=MP4, content_type="video/mp4")

    server.route("POST", PATH, submit)
    server.route("GET", PATH, status)
    for gid in {*ids.values(), "gen-same"}:
        server.route("GET", f"/{gid}.mp4", file)
    return counts


# The journal.


async def test_two_rows_of_one_generation_count_its_cost_once(
    journal_target: JournalTarget,
) -> None:
    fox = aiovideo.VideoRequest("google/veo3", "a red fox")
    boat = aiovideo.VideoRequest("google/veo3", "a paper boat")
    async with HostileServer() as server:
        counts = _serve(server, {})
        with aiovideo.Journal(journal_target) as journal:
            async with aiovideo.Client(API_KEY, server.url, 0.02) as client:
                first = await journal.submit(client, fox, key="order-1")
                second = await journal.submit(client, boat, key="order-2")
                assert first is not second
                await first
                await second
                assert client.spent.usd == Decimal("1.00")
            rows = journal.entries()
            assert [(row.key, row.generation_id) for row in rows] == [
                ("order-1", "gen-same"),
                ("order-2", "gen-same"),
            ]
            assert [row.state for row in rows] == ["completed", "completed"]
            assert journal.spent().usd == Decimal("1.00")  # not 2.00: one generation
            by_id = journal.by_id("gen-same")
            assert by_id is not None
            assert by_id.key == "order-1"
            # Neither row is ever paid for again.
            async with aiovideo.Client(API_KEY, server.url, 0.02) as client:
                again = [
                    await journal.submit(client, fox, key="order-1", resubmit_failed=True),
                    await journal.submit(client, boat, key="order-2", resubmit_failed=True),
                ]
                assert [job.id for job in again] == ["gen-same", "gen-same"]
                assert [job.id for job in journal.resume(client)] == []
        assert counts["posts"] == 2


# The batch, in process.


@pytest.fixture(name="server")
def fixture_server() -> Iterator[ThreadedServer]:
    with ThreadedServer() as server:
        yield server


async def _run(server: ThreadedServer, out: Path, prompts: Path) -> tuple[Batch, list[Any]]:
    lines = read_lines(prompts, model="google/veo3")
    with aiovideo.Journal(out / JOURNAL_NAME) as journal:
        async with aiovideo.Client(API_KEY, server.url, 0.02) as client:
            notes: list[str] = []
            batch = Batch(client, journal, out, lambda *_: None, note=notes.append)
            outcomes = await run_batch(batch, lines)
            return batch, [outcomes, notes, client.spent]


def _records(out: Path) -> list[dict[str, Any]]:
    text = (out / "results.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


async def test_a_batch_keeps_both_lines_writes_one_file_and_counts_one_cost(
    server: ThreadedServer, tmp_path: Path
) -> None:
    counts = _serve(server, {"a green frog": "gen-other"})
    prompts = tmp_path / "p.txt"
    prompts.write_text("a red fox\na green frog\na paper boat\na blue kite\n", encoding="utf-8")
    out = tmp_path / "out"
    batch, (outcomes, notes, client_spent) = await _run(server, out, prompts)
    assert [o.status.value for o in outcomes] == ["completed"] * 4
    assert client_spent.usd == Decimal("2.00")  # two generations
    assert batch.spent.usd == Decimal("2.00")  # not 4.00
    records = _records(out)
    same, other = "gen-same", "gen-other"
    assert [r["generation_id"] for r in records] == [same, other, same, same]
    assert [r["shares_generation_with"] for r in records] == [None, None, 1, 1]
    assert all(r["status"] == "completed" for r in records)
    assert all(r["cost"] == {"credits": 2_000_000, "usd": "1.00"} for r in records)
    # One file per generation, and every line of it names that file: no orphan.
    shared = {records[n]["path"] for n in (0, 2, 3)}
    assert len(shared) == 1
    videos = sorted(path.name for path in out.glob("*.mp4"))
    assert videos == sorted({Path(r["path"]).name for r in records})
    assert len(videos) == 2
    assert any("lines 3-4" in note and "line 1 (gen-same)" in note for note in notes), notes
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<li class="total" data-total="spent this run"><b>2.00 USD' in page
    assert counts["posts"] == 4

    # The re-run pays nothing and says the same.
    again, (outcomes, _, client_spent) = await _run(server, out, prompts)
    assert counts["posts"] == 4
    assert [o.status.value for o in outcomes] == ["completed"] * 4
    assert again.spent.usd == Decimal(0)
    assert [r["shares_generation_with"] for r in _records(out)] == [None, None, 1, 1]
    assert [r["path"] for r in _records(out)] == [r["path"] for r in records]
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<li class="total" data-total="spent in all runs"><b>2.00 USD' in page


def test_the_batch_command_says_what_one_generation_cost(
    server: ThreadedServer, tmp_path: Path
) -> None:
    counts = _serve(server, {})
    prompts = tmp_path / "p.txt"
    prompts.write_text("a red fox\na paper boat\n", encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "AIMLAPI_BASE_URL": server.url, "AIMLAPI_API_KEY": API_KEY}
    argv = ["batch", str(prompts), "--out", str(out), "--model", "google/veo3"]
    argv += ["--poll-interval", "0.02", "--max-spend", "2.50"]
    result = CliRunner().invoke(cli, argv, env=env)
    assert result.exit_code == 0, result.output
    assert "2/2 videos" in result.output
    assert "spent 1.00 USD" in result.output
    assert "2.00 USD" not in result.output
    assert len(list(out.glob("*.mp4"))) == 1
    # The journal's spending is 1.00, so 1.50 is left of --max-spend 2.50: a third line goes
    # (and is answered the same id again: paid in the earlier run, not in this one).
    prompts.write_text("a red fox\na paper boat\na third one\n", encoding="utf-8")
    more = CliRunner().invoke(cli, argv, env=env)
    assert more.exit_code == 0, more.output
    assert "max-spend limit stopped" not in more.output
    assert "3/3 videos" in more.output
    assert "spent 0.00 USD this run" in more.output
    assert counts["posts"] == 3
    assert len(list(out.glob("*.mp4"))) == 1
