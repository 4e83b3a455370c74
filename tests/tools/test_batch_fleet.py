"""Batch runs sharing one journal (a fleet), on every store: a line another live run holds is
left to it (never waited for, never tracked here) and reported done when it is; a line whose
holder is gone is taken over within a lease, its generation adopted without a second POST."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiovideo
from aiovideo.testing import Emulator
from aiovideo.tools.batch import Batch, Line, LineState, read_lines, run_batch
from tests.conftest import API_KEY, MakeEmulator
from tests.tools.conftest import JournalTarget

Events = list[tuple[int, LineState, str]]


def _lines(tmp_path: Path, count: int) -> list[Line]:
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("\n".join(f"scene number {i}" for i in range(count)), encoding="utf-8")
    return read_lines(prompts, model="google/veo3")


async def _run(
    journal: aiovideo.Journal,
    emu: Emulator,
    lines: list[Line],
    out: Path,
    events: Events,
    *,
    max_in_flight: int = 3,
) -> list[LineState]:
    def report(number: int, state: LineState, detail: str = "") -> None:
        events.append((number, state, detail))

    async with aiovideo.Client(API_KEY, emu.base_url, 0.05) as client:
        batch = Batch(client, journal, out, report, max_in_flight=max_in_flight, watch_every=0.05)
        outcomes = await run_batch(batch, lines)
    return [outcome.status for outcome in outcomes]


def _tracked(events: Events) -> set[int]:
    """The lines a run tracked a generation of (submitted it, or took it over)."""
    return {
        number
        for number, state, detail in events
        if state is LineState.QUEUED and detail.startswith(("submitted ", "resumed "))
    }


async def test_two_runs_share_the_lines_and_track_only_their_own(
    make_emulator: MakeEmulator, journal_target: JournalTarget, tmp_path: Path
) -> None:
    emu = await make_emulator(min_seconds=0.2, max_seconds=0.5)
    lines = _lines(tmp_path, 12)
    events: tuple[Events, Events] = ([], [])
    with aiovideo.Journal(journal_target) as one, aiovideo.Journal(journal_target) as two:
        states = await asyncio.gather(
            _run(one, emu, lines, tmp_path / "a", events[0]),
            _run(two, emu, lines, tmp_path / "b", events[1]),
        )
    assert list(states) == [[LineState.COMPLETED] * 12] * 2  # each run reports every line done
    assert emu.stats["submits"] == 12
    mine, theirs = _tracked(events[0]), _tracked(events[1])
    assert not mine & theirs  # no generation tracked by both
    assert mine | theirs == {line.number for line in lines}
    assert len(list((tmp_path / "a").glob("*.mp4")) + list((tmp_path / "b").glob("*.mp4"))) == 12


async def test_a_line_whose_holder_stopped_renewing_is_taken_over_within_its_lease(
    make_emulator: MakeEmulator, journal_target: JournalTarget, tmp_path: Path
) -> None:
    emu = await make_emulator(min_seconds=0.2, max_seconds=0.3)
    (line,) = _lines(tmp_path, 1)
    events: Events = []
    with aiovideo.Journal(journal_target, lease=0.5) as dead:
        async with aiovideo.Client(API_KEY, emu.base_url, 0.05) as client:
            job = await dead.submit(client, line.request, key=line.key)
            dead._renewal.stop()  # as if killed: nothing renews its lease any more
            job.cancel()
            dead._owned.clear()  # and nothing gives it up either
        with aiovideo.Journal(journal_target) as other:
            assert other.held(other.entries()[0])  # the other run sees a live holder
            states = await _run(other, emu, [line], tmp_path / "out", events)
    assert states == [LineState.COMPLETED]
    assert emu.stats["submits"] == 1  # adopted, not sent again
    said = [(state, detail) for number, state, detail in events]
    assert said[0][0] is LineState.ELSEWHERE
    assert said[0][1].startswith("with another run (pid ")
    assert (LineState.QUEUED, f"resumed {job.id}") in said


async def test_a_generation_taken_over_is_tracked_at_once_beyond_max_in_flight(
    make_emulator: MakeEmulator, journal_target: JournalTarget, tmp_path: Path
) -> None:
    emu = await make_emulator(min_seconds=0.2, max_seconds=0.3)
    emu.script(prompt="scene number 0", seconds=4.0)  # holds the run's one slot
    first, second = _lines(tmp_path, 2)
    events: Events = []
    with aiovideo.Journal(journal_target, lease=0.5) as dead:
        async with aiovideo.Client(API_KEY, emu.base_url, 0.05) as client:
            job = await dead.submit(client, second.request, key=second.key)
            dead._renewal.stop()  # as if killed
            job.cancel()
            dead._owned.clear()

        def report(number: int, state: LineState, detail: str = "") -> None:
            events.append((number, state, detail))

        with aiovideo.Journal(journal_target) as other:
            async with aiovideo.Client(API_KEY, emu.base_url, 0.05) as client:
                batch = Batch(
                    client, other, tmp_path / "out", report, max_in_flight=1, watch_every=0.05
                )
                outcomes = await run_batch(batch, [first, second])
    assert [outcome.status for outcome in outcomes] == [LineState.COMPLETED] * 2
    done = [number for number, state, _ in events if state is LineState.COMPLETED]
    assert done == [second.number, first.number]  # taken over while line 1 held the slot
    assert emu.stats["submits"] == 2


async def test_a_killed_runs_generation_is_taken_over_before_the_walk_comes_to_it(
    make_emulator: MakeEmulator, journal_target: JournalTarget, tmp_path: Path
) -> None:
    emu = await make_emulator(min_seconds=0.2, max_seconds=0.3)
    emu.script(prompt="scene number 0", seconds=4.0)  # holds the run's one slot
    lines = _lines(tmp_path, 3)
    orphan = lines[2]
    events: Events = []
    with aiovideo.Journal(journal_target, lease=0.5) as dead:
        async with aiovideo.Client(API_KEY, emu.base_url, 0.05) as client:
            job = await dead.submit(client, orphan.request, key=orphan.key)
            dead._renewal.stop()  # as if killed
            job.cancel()
            dead._owned.clear()
        with aiovideo.Journal(journal_target) as other:
            states = await _run(other, emu, lines, tmp_path / "out", events, max_in_flight=1)
    assert states == [LineState.COMPLETED] * 3
    done = [number for number, state, _ in events if state is LineState.COMPLETED]
    assert done[0] == orphan.number  # while the walk waited for line 1's slot at line 2
    assert emu.stats["submits"] == 3
