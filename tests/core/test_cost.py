"""Cost as a value (`job.cost`, `client.spent`) and as a limit (`max_spend_usd`)."""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import anyio
import pytest

import aiovideo
from aiovideo.testing import Emulator
from aiovideo.tools.batch import JOURNAL_NAME, Batch, read_lines, run_batch
from tests.conftest import API_KEY, MakeEmulator
from tests.mocked import aioresponses
from tests.tools.test_batch import (
    Served,
    _batch,
    _manifest,
    fixture_served,  # noqa: F401  (the `served` fixture)
)

FOX = aiovideo.VideoRequest("google/veo3", "a red fox in snow", duration=8)
PRICE = Decimal("0.06")  # the emulator's price of an 8-second veo3 video (120,000 credits)


def _client(base_url: str, **options: object) -> aiovideo.Client:
    return aiovideo.Client(API_KEY, base_url, poll_interval=0.05, **options)  # type: ignore[arg-type]


async def test_spent_adds_up_what_each_generation_cost(make_emulator: MakeEmulator) -> None:
    emu = await make_emulator()
    async with _client(emu.base_url) as client:
        assert client.spent == aiovideo.Cost(credits=0, usd=0.0)
        jobs = [await client.submit(FOX) for _ in range(3)]
        for job in jobs:
            await job
            assert job.cost == aiovideo.Cost(credits=120_000, usd=PRICE)
        for job in jobs:  # a generation counts once, however often it is polled after
            await client.get(job.id)
        spent = client.spent
    assert spent.credits == 360_000
    assert spent.usd == 3 * PRICE == Decimal("0.18")  # exact


async def test_cost_from_headers_when_the_body_has_none() -> None:
    with aioresponses() as mocked:
        mocked.post(
            "https://api.test/v2/video/generations",
            payload={"id": "g1", "status": "queued"},
        )
        mocked.get(
            "https://api.test/v2/video/generations?generation_id=g1",
            payload={"id": "g1", "status": "completed", "video": {"url": "https://cdn/x.mp4"}},
            headers={"x-aimlapi-credits-used": "3900000", "x-aimlapi-usd-spent": "1.95"},
        )
        async with aiovideo.Client(API_KEY, "https://api.test", poll_interval=0.01) as client:
            job = await client.submit(FOX)
            await job
            assert job.cost == aiovideo.Cost(credits=3_900_000, usd=1.95)
            assert client.spent == aiovideo.Cost(credits=3_900_000, usd=1.95)


@pytest.mark.parametrize(
    "headers",
    [
        {"x-aimlapi-credits-used": "lots", "x-aimlapi-usd-spent": "NaN"},
        {"x-aimlapi-credits-used": "-5"},
        {"x-aimlapi-credits-used": "1e999"},
    ],
)
async def test_unreadable_cost_headers_are_ignored(headers: dict[str, str]) -> None:
    with aioresponses() as mocked:
        mocked.get(
            "https://api.test/v2/video/generations?generation_id=g1",
            payload={"id": "g1", "status": "queued"},
            headers=headers,
        )
        async with aiovideo.Client(API_KEY, "https://api.test") as client:
            generation = await client.get("g1")
    assert generation.cost is None


async def test_the_spend_limit_refuses_a_submit_before_any_post(
    make_emulator: MakeEmulator,
) -> None:
    emu = await make_emulator()
    async with _client(emu.base_url, max_spend_usd=0.1) as client:
        await (await client.submit(FOX))  # 0.06 spent: the price of veo3 is now known
        with pytest.raises(aiovideo.SpendLimitError, match="nothing was sent") as caught:
            await client.submit(FOX)  # 0.06 + 0.06 would pass 0.1
    assert emu.stats["submits"] == 1
    assert caught.value.spent_usd == PRICE
    assert caught.value.limit_usd == Decimal("0.1")  # the float 0.1 read through its text


async def test_pending_generations_count_at_their_models_last_price(
    make_emulator: MakeEmulator,
) -> None:
    emu = await make_emulator(min_seconds=30, max_seconds=30)
    async with _client(emu.base_url, max_spend_usd=0.2) as client:
        client.expect_cost("google/veo3", PRICE)  # as if one had completed before
        for _ in range(3):  # 0.18 expected: under the limit
            await client.submit(FOX)
        with pytest.raises(aiovideo.SpendLimitError):
            await client.submit(FOX)  # 0.24 expected
    assert emu.stats["submits"] == 3


async def test_a_failed_generation_frees_what_it_was_expected_to_cost(
    make_emulator: MakeEmulator,
) -> None:
    emu = await make_emulator(failure_rate=1.0)
    async with _client(emu.base_url, max_spend_usd=0.1) as client:
        client.expect_cost("google/veo3", PRICE)
        for _ in range(3):  # each fails, costs nothing, and frees its share of the limit
            with pytest.raises(aiovideo.GenerationFailedError):
                await (await client.submit(FOX))
        assert client.spent == aiovideo.Cost(credits=0, usd=0.0)
    assert emu.stats["submits"] == 3


@pytest.mark.parametrize(
    "limit",
    [
        *(0, -1, math.nan, math.inf, "ten", "NaN", "-0.5", Decimal("Infinity"), True, [1]),
        # Python's Decimal reads these too: underscores, other scripts' digits, a word.
        *("1_000", "\u0661\u0660", "Infinity", "1e99999999999999999999"),
    ],
)
def test_a_bad_spend_limit_is_a_configuration_error(limit: object) -> None:
    with pytest.raises(aiovideo.ConfigurationError, match="max_spend_usd"):
        aiovideo.Client(API_KEY, max_spend_usd=limit)  # type: ignore[arg-type]


def test_batch_max_spend_stops_submitting_and_a_higher_limit_resumes(tmp_path: Path) -> None:
    served = Served("--min-seconds", "0.2", "--max-seconds", "0.3")
    try:
        prompts = tmp_path / "prompts.txt"
        prompts.write_text("\n".join(f"scene {i}" for i in range(6)), encoding="utf-8")
        out = tmp_path / "out"
        first = _batch(prompts, out, "--model", "google/veo3", "--max-spend", "0.2", env=served.env)
        assert first.exit_code == 1, first.output
        assert "the --max-spend limit stopped the batch: 3 lines not submitted" in first.output
        assert "spent 0.18 USD (360,000 credits) this run" in first.output
        records = _manifest(out)
        assert [r["status"] for r in records] == ["completed"] * 3 + ["pending"] * 3
        assert records[0]["cost"] == {"credits": 120_000, "usd": "0.06"}
        assert served.stats()["submits"] == 3
        # The limit is the batch's over all its runs: the same limit again sends nothing more.
        # 0.02 USD left, and the journal knows a veo3 video costs 0.06: none fits.
        same = _batch(prompts, out, "--model", "google/veo3", "--max-spend", "0.2", env=served.env)
        assert same.exit_code == 1, same.output
        assert "stopped the batch: 3 lines not submitted" in same.output
        assert [r["status"] for r in _manifest(out)] == ["completed"] * 3 + ["pending"] * 3
        lower = _batch(prompts, out, "--model", "google/veo3", "--max-spend", "0.1", env=served.env)
        assert "earlier runs of this batch spent 0.18 USD" in lower.output
        assert [r["status"] for r in _manifest(out)] == ["completed"] * 3 + ["pending"] * 3
        assert served.stats()["submits"] == 3
        again = _batch(prompts, out, "--model", "google/veo3", "--max-spend", "1", env=served.env)
        assert again.exit_code == 0, again.output
        assert [r["status"] for r in _manifest(out)] == ["completed"] * 6
        stats = served.stats()
        assert (stats["submits"], stats["duplicate_submits"]) == (6, 0)
        # Every line done, the limit long passed: nothing to stop, nothing said of it.
        done = _batch(prompts, out, "--model", "google/veo3", "--max-spend", "0.2", env=served.env)
        assert done.exit_code == 0, done.output
        assert "not submitted" not in done.output
        assert "6/6 videos" in done.output
    finally:
        served.close()


# A line's cost across runs: journaled, reported again, never spent again.

TWO_LINES = ("--model", "google/veo3")


async def _run(
    emu: Emulator,
    prompts: Path,
    out: Path,
    *,
    stop_on: anyio.Event | None = None,
    report: Callable[[int, str, str], None] = lambda *_: None,
    on_spent: Callable[[aiovideo.Cost], None] | None = None,
) -> Batch:
    """One in-process `aiovideo batch` run on the journal in `out`; stopped (as by Ctrl-C)
    once `stop_on` is set."""
    lines = read_lines(prompts, model="google/veo3")
    with aiovideo.Journal(out / JOURNAL_NAME) as journal:
        async with _client(emu.base_url) as client:
            batch = Batch(client, journal, out, report, on_spent=on_spent)
            with anyio.fail_after(30):
                async with anyio.create_task_group() as tg:
                    tg.start_soon(run_batch, batch, lines)
                    if stop_on is not None:
                        await stop_on.wait()
                        await batch.stop(grace=5)
    return batch


async def test_a_rerun_reports_every_lines_cost_and_counts_only_its_own(
    make_emulator: MakeEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    emu = await make_emulator()
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("one\ntwo\nthree\n", encoding="utf-8")
    out = tmp_path / "out"

    # Run 1: every generation completes (and is billed); the run is stopped while every
    # download hangs, so no line is done: the journal keeps the ids and the costs.
    downloading: set[int] = set()
    all_downloading = anyio.Event()

    def report(number: int, state: str, detail: str = "") -> None:
        if state == "downloading":
            downloading.add(number)
            if len(downloading) == 3:
                all_downloading.set()

    async def hang(*args: object, **kwargs: object) -> Path:
        await anyio.sleep_forever()
        raise AssertionError  # pragma: no cover

    with monkeypatch.context() as patch:
        patch.setattr(aiovideo.Video, "download", hang)
        first = await _run(emu, prompts, out, stop_on=all_downloading, report=report)
    assert first.spent.credits == 360_000
    assert [r["status"] for r in _manifest(out)] == ["pending"] * 3
    assert [r["cost"] for r in _manifest(out)] == [{"credits": 120_000, "usd": "0.06"}] * 3

    # Run 2, with a line added: the three are tracked again (the client, seeing them anew,
    # counts their cost again) and downloaded; only the new line is spent this run.
    prompts.write_text("one\ntwo\nthree\nfour\n", encoding="utf-8")
    spending: list[aiovideo.Cost] = []
    second = await _run(emu, prompts, out, on_spent=spending.append)
    assert second.client.spent.credits == 480_000  # what the client saw
    assert second.spent == aiovideo.Cost(credits=120_000, usd=PRICE)  # what this run spent
    assert spending == [aiovideo.Cost(credits=120_000, usd=PRICE)]  # shown live, once
    records = _manifest(out)
    assert [r["status"] for r in records] == ["completed"] * 4
    assert [r["cost"] for r in records] == [{"credits": 120_000, "usd": "0.06"}] * 4

    # Run 3: every line was downloaded earlier and is only reported, its cost from the journal.
    third = await _run(emu, prompts, out)
    assert third.spent == aiovideo.Cost(credits=0, usd=0.0)
    assert third.client.spent == aiovideo.Cost(credits=0, usd=0.0)  # nothing tracked
    records = _manifest(out)
    assert [r["resumed"] for r in records] == [True] * 4
    assert [r["cost"] for r in records] == [{"credits": 120_000, "usd": "0.06"}] * 4
    assert emu.stats["submits"] == 4


def test_batch_rerun_says_it_spent_nothing_on_a_line_an_earlier_run_paid_for(
    tmp_path: Path, served: Served
) -> None:
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("one\ntwo\n", encoding="utf-8")
    out = tmp_path / "out"
    first = _batch(prompts, out, *TWO_LINES, env=served.env)
    assert first.exit_code == 0, first.output
    assert "spent 0.12 USD (240,000 credits) this run" in first.output
    (out / _manifest(out)[0]["path"]).unlink()  # lost: the re-run tracks it and downloads it
    again = _batch(prompts, out, *TWO_LINES, env=served.env)
    assert again.exit_code == 0, again.output
    assert "spent 0.00 USD this run" in again.output
    assert [r["cost"] for r in _manifest(out)] == [{"credits": 120_000, "usd": "0.06"}] * 2
    assert served.stats()["submits"] == 2


async def test_an_expected_cost_counts_before_any_generation_reports(
    make_emulator: MakeEmulator,
) -> None:
    emu = await make_emulator(min_seconds=30, max_seconds=30)
    async with _client(emu.base_url, max_spend_usd=0.1) as client:
        for bad in (-1, math.nan, math.inf, "six cents", True, None):
            with pytest.raises(aiovideo.ConfigurationError, match="usd"):
                client.expect_cost("google/veo3", bad)  # type: ignore[arg-type]
        client.expect_cost("google/veo3", 0.2)  # known from elsewhere: past the limit
        with pytest.raises(aiovideo.SpendLimitError, match="nothing was sent"):
            await client.submit(FOX)
    assert emu.stats["submits"] == 0
