"""Scheduler logic on a fake clock: no real sleeps, every moment chosen by the test."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator, Callable
from typing import Any

import anyio
import pytest

from aiovideo import (
    ClientClosedError,
    GenerationFailedError,
    GenerationTimeoutError,
    NotFoundError,
    ResponseFormatError,
    ServerError,
)
from aiovideo.core._budget import Budget, RatePolicy
from aiovideo.core._job import Job
from aiovideo.core._routes import model_of
from aiovideo.core._scheduler import DurationLearner, Scheduler
from aiovideo.core._values import Generation, Video
from tests.fakes import FakeTimer, settle


class FakeServer:
    """Answers status checks from a table of completion moments on the fake clock."""

    def __init__(self, timer: FakeTimer) -> None:
        self.timer = timer
        self.done_at: dict[str, float] = {}
        self.calls: list[tuple[float, str]] = []
        self.script: dict[str, list[Exception]] = {}

    async def check(self, generation_id: str) -> Generation:
        self.calls.append((self.timer.now(), generation_id))
        errors = self.script.get(generation_id)
        if errors:
            raise errors.pop(0)
        if self.timer.now() >= self.done_at[generation_id]:
            return Generation(
                generation_id, "completed", Video(generation_id, f"https://f/{generation_id}")
            )
        return Generation(generation_id, "generating")

    def checks_of(self, generation_id: str) -> list[float]:
        return [t for t, gid in self.calls if gid == generation_id]


class Harness:
    def __init__(self, timer: FakeTimer, server: FakeServer, scheduler: Scheduler) -> None:
        self.timer, self.server, self.scheduler = timer, server, scheduler

    def add(self, gid: str, done_at: float, **options: Any) -> Job:
        self.server.done_at[gid] = done_at
        job = Job(gid, on_cancel=lambda j: self.scheduler.discard(j.id))
        self.scheduler.add(job, **options)
        return job


MakeHarness = Callable[..., Any]


@pytest.fixture(name="make_harness")
async def fixture_make_harness() -> AsyncIterator[MakeHarness]:
    # Each scheduler loop runs in a task of its own: fixtures set up and tear down in
    # different tasks, which a task group's cancel scope does not allow.
    tasks: list[asyncio.Task[None]] = []

    def make(**options: Any) -> Harness:
        timer = FakeTimer()
        server = FakeServer(timer)
        options.setdefault("poll_interval", 10.0)
        budget = Budget(max_connections=options.pop("max_connections", 64), timer=timer)
        scheduler = Scheduler(server.check, timer=timer, budget=budget, **options)
        tasks.append(asyncio.create_task(scheduler.run()))
        return Harness(timer, server, scheduler)

    yield make
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def test_checks_are_spread_not_bursted(make_harness: MakeHarness) -> None:
    h = make_harness(probes=10_000, headroom=1.0)
    for i in range(100):
        h.add(f"j{i}:m", done_at=1_000)
    await h.timer.advance(9.99)
    assert h.server.calls == []  # nobody is due before one interval
    await h.timer.advance(10.0)
    times = sorted(t for t, _ in h.server.calls)
    assert len(times) == 100
    # 100 jobs due at t=10 go out as an even stream over one interval: 0.1 s apart.
    # (A dispatch may go up to one quantum early, so that near ones share a wake-up.)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 0.1 - h.scheduler.quantum - 1e-9
    assert times[-1] < 20.0


async def test_due_order_and_interval_floor(make_harness: MakeHarness) -> None:
    h = make_harness(probes=10_000, poll_interval=5.0)
    h.add("late:m", done_at=1_000)
    await h.timer.advance(2.0)
    h.add("later:m", done_at=1_000)
    await h.timer.advance(20.0)
    first = [gid for _, gid in h.server.calls[:2]]
    assert first == ["late:m", "later:m"]
    checks = h.server.checks_of("late:m")
    assert all(b - a >= 5.0 - 1e-9 for a, b in itertools.pairwise(checks))


async def test_resolves_on_first_check_that_sees_done(make_harness: MakeHarness) -> None:
    h = make_harness(probes=10_000, poll_interval=2.0)
    job = h.add("a:m", done_at=5.0)
    await h.timer.advance(5.9)
    assert h.server.checks_of("a:m") == [2.0, 4.0]
    assert not job.done()
    await h.timer.advance(0.1)
    assert job.done()
    assert (await job).url == "https://f/a:m"
    assert "a:m" not in h.scheduler


async def test_adaptive_first_check_learns_from_probes(make_harness: MakeHarness) -> None:
    h = make_harness(probes=2, poll_interval=2.0, prior=lambda _: 120.0)
    jobs = [h.add(f"j{i}:veo", done_at=21.0) for i in range(10)]
    await h.timer.advance(20.0)
    probes = {gid for _, gid in h.server.calls}
    assert probes == {"j0:veo", "j1:veo"}  # the rest are held back, not polled
    await h.timer.advance(2.0)  # the probes see t=22 >= 21: done; the held jobs follow at once
    await h.timer.advance(2.0)  # ... spread over one interval
    assert all(job.done() for job in jobs)
    for held in range(2, 10):
        assert len(h.server.checks_of(f"j{held}:veo")) == 1
    # The earliest finish seen is 20 s (probe j1: pending at 19, done at 21). A new job of
    # the same model is first checked one interval after that, at 22 s, not at 2 s: checking
    # at 20 could find nothing that a check at 22 would not find within one interval.
    h.add("new:veo", done_at=1_000)
    start = h.timer.now()
    await h.timer.advance(25.0)
    first = h.server.checks_of("new:veo")[0] - start
    assert first == pytest.approx(22.0, abs=0.02)


async def test_held_jobs_never_later_than_the_ceiling(make_harness: MakeHarness) -> None:
    h = make_harness(probes=1, poll_interval=1.0, prior=lambda _: 300.0, max_first_check=30.0)
    h.add("probe:m", done_at=10_000)
    held = h.add("held:m", done_at=10_000)
    await h.timer.advance(29.0)
    assert h.server.checks_of("held:m") == []
    await h.timer.advance(1.5)
    assert h.server.checks_of("held:m") == [30.0]
    held.cancel()


async def test_transient_errors_delay_and_404_retried_then_fails(make_harness: MakeHarness) -> None:
    h = make_harness(probes=100, poll_interval=1.0, not_found_window=2.5)
    h.server.script["flaky:m"] = [ServerError(502, "bad gateway"), ServerError(503, "x")]
    flaky = h.add("flaky:m", done_at=0.0)
    h.server.script["ghost:m"] = [NotFoundError(404, "nope") for _ in range(50)]
    ghost = h.add("ghost:m", done_at=0.0)
    await h.timer.advance(30.0)
    assert (await flaky).url
    with pytest.raises(NotFoundError) as info:
        await ghost
    # 404s about 1 s apart from t = 1: the Job ends at the first 404 past the 2.5 s window.
    checks = h.server.checks_of("ghost:m")
    assert len(checks) == 4
    assert checks[-1] - checks[0] >= 2.5
    assert info.value.generation_id == "ghost:m"
    assert "track" in str(info.value)


async def test_a_404_blip_shorter_than_the_window_does_not_end_a_paid_generation(
    make_harness: MakeHarness,
) -> None:
    h = make_harness(probes=100, poll_interval=1.0, not_found_window=60.0)
    # Twenty checks in a row answer 404 (more than any count of retries would allow),
    # then the provider's store catches up.
    h.server.script["blip:m"] = [NotFoundError(404, "nope") for _ in range(20)]
    job = h.add("blip:m", done_at=0.0)
    await h.timer.advance(30.0)
    assert (await job).url


async def test_failure_status_and_unknown_word(make_harness: MakeHarness) -> None:
    h = make_harness(probes=100, poll_interval=1.0)

    async def odd(generation_id: str) -> Generation:
        return Generation(generation_id, "exploded", error="Boom: it broke")

    h.scheduler._check = odd
    job = h.add("x:m", done_at=0.0)
    await h.timer.advance(1.0)
    with pytest.raises(GenerationFailedError) as info:
        await job
    assert info.value.status == "exploded"
    assert info.value.error == "Boom: it broke"


async def test_deadline_ends_tracking_with_the_id(make_harness: MakeHarness) -> None:
    h = make_harness(probes=100, poll_interval=1.0)
    job = h.add("slow:m", done_at=1_000, deadline=5.0)
    await h.timer.advance(5.0)
    with pytest.raises(GenerationTimeoutError) as info:
        await job
    assert info.value.generation_id == "slow:m"
    calls = len(h.server.calls)
    await h.timer.advance(10.0)
    assert len(h.server.calls) == calls  # no more checks after the deadline


async def test_jobs_of_one_id_share_its_checks_and_keep_their_own_deadlines(
    make_harness: MakeHarness,
) -> None:
    # One id answered to three submits (issue 18 item 6): one entry, one stream of checks.
    h = make_harness(probes=100, poll_interval=1.0)
    lead = h.add("same:m", done_at=20.0, deadline=4.0)
    early = Job("same:m", on_cancel=h.scheduler.release)
    late = Job("same:m", on_cancel=h.scheduler.release)
    assert h.scheduler.follow(early, deadline=2.5)
    assert h.scheduler.follow(late)
    assert not h.scheduler.follow(Job("other:m"))  # not tracked: `add` it instead
    assert len(h.scheduler) == 1
    await h.timer.advance(2.5)
    assert early.done()
    assert not lead.done()
    await h.timer.advance(1.5)
    with pytest.raises(GenerationTimeoutError):
        await lead
    assert h.scheduler.lead("same:m") is late  # it leads the checks now
    await h.timer.advance(20.0)
    video = await late
    assert video.url == "https://f/same:m"
    checks = h.server.checks_of("same:m")
    assert len(checks) == len(set(checks))  # one check at a time for the three Jobs
    assert len(h.scheduler) == 0


async def test_cancelling_the_lead_hands_its_checks_on(make_harness: MakeHarness) -> None:
    h = make_harness(probes=100, poll_interval=1.0)
    lead = Job("same:m", on_cancel=h.scheduler.release)
    h.server.done_at["same:m"] = 5.0
    h.scheduler.add(lead)
    other = Job("same:m", on_cancel=h.scheduler.release)
    h.scheduler.follow(other)
    assert lead.cancel()
    await h.timer.advance(6.0)
    assert (await other).url == "https://f/same:m"
    assert other.cancel() is False


async def test_cancel_and_close(make_harness: MakeHarness) -> None:
    h = make_harness(probes=100, poll_interval=1.0)
    a = h.add("a:m", done_at=1_000)
    b = h.add("b:m", done_at=1_000)
    assert a.cancel()
    await h.timer.advance(3.0)
    assert h.server.checks_of("a:m") == []
    closed = h.scheduler.close(RuntimeError)
    assert closed == 1
    with pytest.raises(RuntimeError, match="b:m"):
        await b
    assert len(h.scheduler) == 0


async def test_budget_bounds_checks_in_flight(make_harness: MakeHarness) -> None:
    h = make_harness(probes=100, poll_interval=1.0, max_connections=2)
    gate = anyio.Event()
    in_flight: list[int] = []
    active = 0

    async def slow(generation_id: str) -> Generation:
        nonlocal active
        active += 1
        in_flight.append(active)
        await gate.wait()
        active -= 1
        return Generation(generation_id, "generating")

    h.scheduler._check = slow
    for i in range(6):
        h.add(f"j{i}:m", done_at=0.0)
    await h.timer.advance(2.0)
    assert max(in_flight) == 2
    gate.set()
    await settle()


def _busy(policy: RatePolicy, second: float, sent: int) -> None:
    """`sent` requests booked and accepted across one second."""
    for i in range(sent):
        policy.reserve(second + i / sent)
        policy.on_success(second + i / sent)


def test_rate_policy_slow_start_doubles_while_used() -> None:
    policy = RatePolicy(start=50.0)
    assert policy.rate == 50.0
    policy.on_success(0.5)
    assert policy.rate == 50.0  # nothing sent yet: no evidence the server takes more
    for second in range(1, 4):
        _busy(policy, float(second), int(policy.rate or 0))
    assert policy.rate == 400.0
    idle = RatePolicy(start=50.0)
    idle.reserve(0.0)
    for second in range(1, 10):
        idle.on_success(float(second))
    assert idle.rate == 50.0  # an idle client does not drift upward untested


def test_rate_policy_cut_to_the_accepted_rate_on_429() -> None:
    policy = RatePolicy(start=1_000.0)
    _busy(policy, 0.0, 100)
    policy.on_rate_limited(1.0, retry_after=2.0)
    assert policy.ceiling == pytest.approx(100, abs=1)
    assert policy.rate == pytest.approx(90.0, abs=1)
    assert policy.reserve(1.0) == pytest.approx(2.0)  # everyone waits out Retry-After
    policy.on_rate_limited(1.2, retry_after=None)  # the same burst: no second cut
    assert policy.rate == pytest.approx(90.0, abs=1)
    nothing_accepted = RatePolicy(start=1_000.0)
    for i in range(100):
        nothing_accepted.reserve(0.5 + i * 0.005)
    nothing_accepted.on_rate_limited(1.0, retry_after=None)
    assert nothing_accepted.rate == pytest.approx(70.0, abs=1)  # a fraction of what was sent


def test_rate_policy_probes_the_ceiling_slowly_then_forgets_it() -> None:
    policy = RatePolicy(start=1_000.0)
    _busy(policy, 0.0, 100)
    policy.on_rate_limited(1.0, retry_after=1.0)
    cut = policy.rate
    assert cut is not None
    second = 2.0
    _busy(policy, second, 95)
    assert policy.rate == pytest.approx(cut + 1.0)  # one percent of the ceiling a second
    while policy.ceiling is not None:
        second += 1.0
        _busy(policy, second, int(policy.rate or 0))
        assert second < 60, "the ceiling is never forgotten"
    assert second >= 30  # only after a long calm run well above it
    rate = policy.rate
    assert rate is not None
    _busy(policy, second + 1, int(rate))
    assert policy.rate == pytest.approx(rate * 1.1)  # back to multiplicative growth


def test_rate_policy_never_above_the_user_limit() -> None:
    limited = RatePolicy(limit=50.0)
    assert limited.rate == 50.0  # no slow start below a limit the user stated
    for second in range(20):
        _busy(limited, float(second), 50)
    assert limited.rate == 50.0


def test_rate_policy_spaces_requests() -> None:
    policy = RatePolicy(limit=10.0)
    waits = [policy.reserve(0.0) for _ in range(5)]
    assert waits == pytest.approx([0.0, 0.1, 0.2, 0.3, 0.4])


def test_learner_and_model_of() -> None:
    learner = DurationLearner()
    assert learner.estimate("m") is None
    learner.observe("m", 18.0, 20.0)
    for _ in range(1_000):  # the slow finishers of a batch come last: they must not
        learner.observe("m", 30.0, 32.0)  # push the earliest seen up
    assert learner.estimate("m") == 19.0
    assert model_of("abc:google/veo3") == "google/veo3"
    assert model_of("plain") == ""


async def test_budget_rebooks_slots_booked_before_a_429() -> None:
    timer = FakeTimer()
    budget = Budget(rate_limit=10.0, timer=timer)  # one request every 0.1 s
    sent: list[float] = []

    async def request() -> None:
        async with budget.slot():
            sent.append(timer.now())

    async with anyio.create_task_group() as tg:
        for _ in range(3):
            tg.start_soon(request)
        await settle()
        assert sent == [0.0]  # the others hold slots booked for 0.1 and 0.2
        await timer.advance(0.05)
        budget.observe(429, 2.0)  # a 429 at 0.05: those bookings are void
        await timer.advance(3.0)
    assert sent[1] >= 2.05  # nobody went during the Retry-After pause
    rate = budget.policy.rate
    assert rate is not None
    assert rate < 10.0
    assert sent[2] - sent[1] == pytest.approx(1 / rate)  # paced at the cut rate


async def test_any_exception_in_a_check_ends_that_job_only(make_harness: MakeHarness) -> None:
    h = make_harness(probes=100, poll_interval=1.0)
    h.server.script["overflow:m"] = [OverflowError("int too large to convert")]
    h.server.script["deep:m"] = [RecursionError("maximum recursion depth exceeded")]
    h.server.script["bug:m"] = [KeyError("video")]
    broken = [h.add(gid, done_at=0.0) for gid in ("overflow:m", "deep:m", "bug:m")]
    fine = h.add("fine:m", done_at=3.0)
    await h.timer.advance(10.0)
    for job in broken:
        with pytest.raises(ResponseFormatError) as info:
            await job
        assert info.value.generation_id == job.id
        assert info.value.__cause__ is not None
    assert (await fine).url
    later = h.add("later:m", done_at=0.0)  # the loop still runs
    await h.timer.advance(5.0)
    assert (await later).url


async def test_unreadable_replies_are_bounded_then_the_job_fails(make_harness: MakeHarness) -> None:
    h = make_harness(probes=100, poll_interval=1.0, max_unreadable=4)
    h.server.script["garbled:m"] = [ResponseFormatError("not JSON") for _ in range(100)]
    # Three in a row, then a good reply: the count starts again.
    h.server.script["hiccup:m"] = [ResponseFormatError("not JSON") for _ in range(3)]
    garbled = h.add("garbled:m", done_at=0.0)
    hiccup = h.add("hiccup:m", done_at=0.0)
    await h.timer.advance(200.0)
    with pytest.raises(ResponseFormatError) as info:
        await garbled
    assert info.value.generation_id == "garbled:m"
    assert len(h.server.checks_of("garbled:m")) == 4
    assert (await hiccup).url


async def test_a_reply_about_another_id_counts_as_unreadable(make_harness: MakeHarness) -> None:
    h = make_harness(probes=100, poll_interval=1.0, max_unreadable=2)

    async def other(_: str) -> Generation:
        return Generation("other:m", "completed", Video("other:m", "https://f/other"))

    h.scheduler._check = other
    job = h.add("mine:m", done_at=0.0)
    await h.timer.advance(20.0)
    with pytest.raises(ResponseFormatError, match="other:m"):
        await job
    assert job.status == "queued"


async def test_a_failed_loop_fails_every_pending_job_at_once(
    make_harness: MakeHarness, caplog: pytest.LogCaptureFixture
) -> None:
    h = make_harness(probes=100, poll_interval=1.0)
    jobs = [h.add(f"j{i}:m", done_at=1_000) for i in range(3)]
    await h.timer.advance(2.0)

    async def broken(_: Any) -> None:
        raise RuntimeError("a bug in the loop")

    h.scheduler._step = broken
    h.scheduler._wake.set()
    await h.timer.advance(2.0)
    for job in jobs:
        with pytest.raises(ClientClosedError) as info:
            await job
        assert info.value.generation_id == job.id
        assert "a bug in the loop" in str(info.value)
    assert any(r.levelname == "ERROR" and "scheduler stopped" in r.message for r in caplog.records)
    late = h.add("late:m", done_at=0.0)  # a dead loop fails new jobs at once, never hangs
    assert late.done()
    with pytest.raises(ClientClosedError):
        await late


async def test_completed_without_a_video_once_is_checked_again(make_harness: MakeHarness) -> None:
    h = make_harness(probes=100, poll_interval=1.0, not_found_window=60.0)
    replies = iter([None, None])  # two replies without a video, then the video

    async def late_url(generation_id: str) -> Generation:
        if next(replies, "video") is None:
            return Generation(generation_id, "completed")
        return Generation(generation_id, "completed", Video(generation_id, "https://f/v"))

    h.scheduler._check = late_url
    job = h.add("late:m", done_at=0.0)
    await h.timer.advance(10.0)
    assert (await job).url == "https://f/v"


async def test_completed_without_a_video_for_the_window_ends_with_the_id_not_failed(
    make_harness: MakeHarness,
) -> None:
    h = make_harness(probes=100, poll_interval=1.0, not_found_window=2.5)
    calls = 0

    async def never(generation_id: str) -> Generation:
        nonlocal calls
        calls += 1
        return Generation(generation_id, "completed")

    h.scheduler._check = never
    job = h.add("empty:m", done_at=0.0)
    await h.timer.advance(30.0)
    with pytest.raises(ResponseFormatError) as info:
        await job
    assert not isinstance(info.value, GenerationFailedError)
    assert info.value.generation_id == "empty:m"
    assert "track it again" in str(info.value)
    assert calls == 4  # at 1, 2, 3 and 4 s: the first past the 2.5 s window ends it
