"""The shared polling scheduler: one timer and one budget for every pending generation.

All pending generations of a client sit in one heap keyed by their next check time; one loop
pops those that are due and checks them, paced so that N pending jobs polled every `interval`
become an even stream of about N/interval requests a second, never a burst. The first check of
a generation comes one interval after the earliest a generation of its model has been seen to
finish (a DurationLearner learns that per model from the generations this scheduler has seen
finish): polling from the start would find it no sooner. Before it has seen any, a few "probe"
jobs per model are polled from the start and the rest are held back (no later than a prior or
the user's ceiling) until the first probe finishes.

The scheduler knows nothing of HTTP paths, the CLI or the journal: it gets a `check(id)`
callable, a Timer and a Budget.

No reply can stop it: whatever a check raises ends that one Job with an `AiovideoError`
(unreadable replies after a few in a row, a 404 only once it has lasted `not_found_window`
seconds), and the loop itself is supervised: should it ever fail, every pending Job fails at
once with the cause instead of waiting forever.
"""

from __future__ import annotations

import collections
import heapq
import logging
from collections.abc import Awaitable, Callable

import anyio
import attrs

from aiovideo.core._budget import Budget
from aiovideo.core._clock import Timer
from aiovideo.core._exceptions import (
    AiovideoError,
    ClientClosedError,
    GenerationTimeoutError,
    NotFoundError,
    RateLimitError,
    ResponseFormatError,
    ServerError,
    TransportError,
)
from aiovideo.core._job import Job, failure_of
from aiovideo.core._routes import model_of
from aiovideo.core._values import Generation
from aiovideo.core._wire import Phase, classify

__all__ = ["DurationLearner", "Scheduler"]

log = logging.getLogger("aiovideo")

Check = Callable[[str], Awaitable[Generation]]
_CHECK, _DEADLINE = 0, 1


@attrs.define
class DurationLearner:
    """Learns, per model, how soon a generation may be done. Pure: no clock, no I/O.

    Each finished generation gives a window (last check that saw it pending, first check that
    saw it done]; its midpoint is a sample. The estimate is the smallest sample ever seen: the
    earliest a generation of that model finishes. Not the smallest of the recent ones: in a
    batch submitted together the recent finishers are the slow ones, and their minimum would
    drift up until a fresh submit's first check came long after it was done. A model that
    gets slower only costs a few early checks; one that gets faster lowers the minimum at once.
    """

    _earliest: dict[str, float] = attrs.field(factory=dict)

    def observe(self, model: str, lower: float, upper: float) -> None:
        sample = max(0.0, (lower + upper) / 2)
        self._earliest[model] = min(sample, self._earliest.get(model, sample))

    def estimate(self, model: str) -> float | None:
        return self._earliest.get(model)


@attrs.define(eq=False)
class _Entry:
    job: Job
    model: str
    submitted_at: float
    deadline: float | None
    token: int = 0
    fresh: bool = True
    held: bool = False
    probe: bool = False
    last_pending_at: float | None = None
    errors: int = 0
    unreadable: int = 0
    not_found_since: float | None = None
    no_video_since: float | None = None  # first "completed" reply without a video
    # Other Jobs of this generation (the server answered its id to more than one submit),
    # each with its own deadline: they see every snapshot and end with the same outcome, but
    # for a deadline or cancel of their own. `job` leads: its cost is the one counted.
    followers: list[tuple[Job, float | None]] = attrs.field(factory=list)

    def jobs(self) -> list[Job]:
        """Every Job this entry resolves, the lead first."""
        return [self.job, *(job for job, _ in self.followers)]


class Scheduler:
    """Checks every pending generation on one timer, under one budget."""

    def __init__(
        self,
        check: Check,
        *,
        timer: Timer,
        budget: Budget,
        poll_interval: float,
        max_first_check: float | None = None,
        prior: Callable[[str], float | None] = lambda _: None,
        probes: int = 48,
        not_found_window: float = 60.0,
        max_unreadable: int = 5,
        headroom: float = 2.0,
        quantum: float = 0.01,
    ) -> None:
        self._check = check
        self.timer = timer
        self.budget = budget
        self.poll_interval = poll_interval
        self.max_first_check = max_first_check
        self._prior = prior
        self.probes = probes
        self.not_found_window = not_found_window
        self.max_unreadable = max_unreadable
        self.headroom = headroom
        self.quantum = quantum
        self.learner = DurationLearner()
        self._heap: list[tuple[float, int, int, str]] = []
        self._entries: dict[str, _Entry] = {}
        self._probing: collections.Counter[str] = collections.Counter()
        self._held: dict[str, set[str]] = collections.defaultdict(set)
        self._seq = 0
        self._next_dispatch = float("-inf")
        self._pace_since = float("-inf")
        self._pace_count = 0
        self._wake = anyio.Event()
        self.checks = 0
        self.transient_errors = 0
        self.failure: BaseException | None = None  # why the loop stopped, if it ever did
        self._closed_with: Callable[[str], BaseException] | None = None

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, generation_id: str) -> bool:
        return generation_id in self._entries

    # Adding and removing.

    def add(
        self,
        job: Job,
        *,
        model: str | None = None,
        deadline: float | None = None,
        submitted: bool = True,
    ) -> None:
        """Start tracking a job: a fresh submit (`submitted`) or a resumed id (checked now).

        Args:
            job: the Job to resolve.
            model: its model id (else taken from the id's `uuid:model` shape).
            deadline: a Timer moment after which the Job ends with GenerationTimeoutError.
            submitted: True for a generation submitted just now.
        """
        if self.failure is not None:
            job._fail(self._stopped_error(job.id))
            return
        if self._closed_with is not None:
            job._fail(self._closed_with(job.id))  # a submit answered after the close
            return
        if job.id in self._entries:
            raise ValueError(f"generation {job.id} is tracked already")  # the client prevents it
        now = self.timer.now()
        entry = _Entry(job, model or model_of(job.id), now, deadline, fresh=submitted)
        self._entries[job.id] = entry
        if not submitted:
            self._schedule(entry, now)  # a resumed id: look at it at once
        else:
            self._schedule(entry, self._first_check(entry))
        if deadline is not None:
            self._push(deadline, _DEADLINE, job.id)

    def follow(self, job: Job, *, deadline: float | None = None) -> bool:
        """Resolve `job` with the Job already tracked for its id, on the same checks.

        For a generation id the server answered to a second submit: the id is polled once,
        and both Jobs see the same snapshots and end with the same outcome, but for a
        deadline or `cancel()` of their own (the other goes on).

        Args:
            job: the second Job of the id.
            deadline: a Timer moment after which `job` ends with GenerationTimeoutError.

        Returns:
            False when the id is not tracked (`add` it instead).
        """
        entry = self._entries.get(job.id)
        if entry is None:
            return False
        entry.followers.append((job, deadline))
        if deadline is not None:
            self._push(deadline, _DEADLINE, job.id)
        return True

    def lead(self, generation_id: str) -> Job | None:
        """The Job whose checks resolve the id (the first of those tracking it), if tracked."""
        entry = self._entries.get(generation_id)
        return None if entry is None else entry.job

    def _first_check(self, entry: _Entry) -> float:
        interval = self.poll_interval
        estimate = self.learner.estimate(entry.model)
        if estimate is not None:
            delay = self._learned_delay(estimate)
        elif self._probing[entry.model] < self.probes:
            # Probes are staggered across one interval: each keeps its own checks an
            # interval apart, but together they look at the model every interval/probes, so
            # the first completion is seen soon after it happens and the held jobs go early.
            entry.probe = True
            rank = self._probing[entry.model]
            self._probing[entry.model] += 1
            delay = interval * (1.0 + rank / self.probes)
        else:
            entry.held = True
            self._held[entry.model].add(entry.job.id)
            delay = max(interval, self._prior(entry.model) or 120.0)
        if self.max_first_check is not None:
            delay = min(delay, max(interval, self.max_first_check))
        return entry.submitted_at + delay

    def _learned_delay(self, earliest: float) -> float:
        """The first check of a generation whose model finishes `earliest` s after submit at
        the soonest: one interval after that, not at it.

        Checks every interval from t0 on find anything done after t0 - interval within one
        interval, so checking first at earliest + interval keeps the lag bound of polling from
        the start, and saves the check that would find nothing done yet at `earliest`.
        """
        return earliest + self.poll_interval

    def release(self, job: Job) -> None:
        """Stop tracking `job` (cancelled); another Job of its generation goes on."""
        entry = self._entries.get(job.id)
        if entry is None:
            return
        if entry.job is job:
            self._next_lead(entry)
        else:
            entry.followers = [(other, d) for other, d in entry.followers if other is not job]

    def _next_lead(self, entry: _Entry) -> None:
        """The lead stopped being tracked (cancelled, its deadline): the next Job of the
        generation leads (and counts its cost from now on); with none, the id is dropped."""
        while entry.followers:
            job, deadline = entry.followers.pop(0)
            if job.done():
                continue
            job._take_counting(entry.job)
            entry.job, entry.deadline = job, deadline
            return
        self.discard(entry.job.id)

    def discard(self, generation_id: str) -> None:
        """Stop tracking an id, every Job of it (its outcome is known, or nobody waits)."""
        entry = self._entries.pop(generation_id, None)
        if entry is None:
            return
        if entry.probe:
            self._probing[entry.model] -= 1
        if entry.held:
            self._held[entry.model].discard(generation_id)

    def _stopped_error(self, generation_id: str) -> ClientClosedError:
        error = ClientClosedError(
            f"the client's scheduler stopped ({type(self.failure).__name__}: {self.failure}); "
            f"generation {generation_id} goes on remotely: track it with a new client",
            generation_id=generation_id,
        )
        error.__cause__ = self.failure
        return error

    def close(self, make_error: Callable[[str], BaseException]) -> int:
        """Fail every pending Job with `make_error(id)`, and any added later; return how many
        were pending."""
        self._closed_with = make_error
        entries = list(self._entries.values())
        self._entries.clear()
        self._heap.clear()
        for entry in entries:
            for job in entry.jobs():
                job._fail(make_error(job.id))
        self._wake.set()
        return len(entries)

    # Timing.

    def _push(self, when: float, kind: int, generation_id: str) -> int:
        if len(self._heap) > 2 * len(self._entries) + 1024:
            # Before the push: the item pushed now is not yet its entry's token.
            self._compact()
        self._seq += 1
        heapq.heappush(self._heap, (when, self._seq, kind, generation_id))
        self._wake.set()
        return self._seq

    def _live(self, item: tuple[float, int, int, str]) -> bool:
        when, seq, kind, generation_id = item
        entry = self._entries.get(generation_id)
        if entry is None:
            return False
        if kind == _CHECK:
            return entry.token == seq
        return entry.deadline == when or any(when == d for _, d in entry.followers)

    def _compact(self) -> None:
        """Drop the items of finished or rescheduled jobs: a client that lives for weeks
        must not keep one heap item per generation it ever saw (say, the deadline of every
        job that finished early)."""
        self._heap = [item for item in self._heap if self._live(item)]
        heapq.heapify(self._heap)

    def _schedule(self, entry: _Entry, when: float) -> None:
        entry.token = self._push(when, _CHECK, entry.job.id)

    def _learn(self, entry: _Entry, sent_at: float, now: float) -> None:
        if not entry.fresh:
            return  # a resumed id: its submit time is unknown, so it teaches nothing
        upper = sent_at - entry.submitted_at
        # Seen done at its first check: only an upper bound, so take it whole (never lower
        # the estimate on a guess).
        lower = (
            upper if entry.last_pending_at is None else entry.last_pending_at - entry.submitted_at
        )
        first = self.learner.estimate(entry.model) is None
        self.learner.observe(entry.model, lower, upper)
        if first:
            estimate = self.learner.estimate(entry.model) or 0.0
            for held_id in self._held.pop(entry.model, set()):
                held = self._entries.get(held_id)
                if held is not None:
                    held.held = False
                    when = held.submitted_at + self._learned_delay(estimate)
                    self._schedule(held, max(now, when))

    def pacing_gap(self, now: float) -> float:
        """Seconds between two dispatches: spreads N jobs evenly over one interval.

        N is the most jobs pending at any moment of the current interval, so a burst keeps
        the pace it started with even as its jobs finish (else the gaps would grow as
        N shrank and the last jobs of a burst would lag). The cap has `headroom` over the
        steady N/interval: at exactly that rate a burst (say, held jobs released at once)
        would push every other check back by the whole burst; with headroom 2 it drains in
        half an interval while the regular checks keep their times.
        """
        if now - self._pace_since >= self.poll_interval:
            self._pace_since, self._pace_count = now, len(self._entries)
        else:
            self._pace_count = max(self._pace_count, len(self._entries))
        return self.poll_interval / (self.headroom * max(1, self._pace_count))

    # The loop.

    async def run(self) -> None:
        """Dispatch due checks until cancelled.

        Supervised: should the loop fail (a bug; no reply can make it), the cause is logged
        at ERROR and every pending Job fails at once with it, rather than hanging; later
        `add`s fail their Job at once too.
        """
        try:
            async with anyio.create_task_group() as tg:
                while True:
                    await self._step(tg)
        except Exception as exc:
            cause: Exception = exc
            while isinstance(cause, ExceptionGroup) and len(cause.exceptions) == 1:
                cause = cause.exceptions[0]  # the task group wraps what the loop raised
            self.failure = cause
            log.exception("aiovideo scheduler stopped; failing every pending job")
            self.close(self._stopped_error)

    async def _step(self, tg: anyio.abc.TaskGroup) -> None:
        if self._wake.is_set():
            self._wake = anyio.Event()
        if not self._heap:
            await self._wake.wait()
            return
        when, _, kind, generation_id = self._heap[0]
        if not self._live(self._heap[0]):
            heapq.heappop(self._heap)  # stale: resolved, cancelled or rescheduled
            return
        entry = self._entries[generation_id]
        now = self.timer.now()
        if when > now:
            await self.timer.sleep_until(when, self._wake)
            return
        if kind == _DEADLINE:
            heapq.heappop(self._heap)
            self._expire(entry, now)
            return
        if self._next_dispatch > now + self.quantum:
            # Checks due within one quantum go together: one wake-up for a few dispatches
            # rather than a sleep of a millisecond or less for each (the sleeps cost more CPU
            # than the requests); the pace over any longer span is unchanged.
            await self.timer.sleep_until(self._next_dispatch - self.quantum, self._wake)
            return
        heapq.heappop(self._heap)
        entry.token = -1  # in flight: no heap item stands for it until rescheduled
        self._next_dispatch = max(now, self._next_dispatch) + self.pacing_gap(now)
        # The slot is waited for in the check's own task, never here: with every slot held
        # (slow replies), the loop must still fire deadlines and dispatch what is due.
        tg.start_soon(self._run_check, entry)

    def _expire(self, entry: _Entry, now: float) -> None:
        """End the entry's Jobs whose deadline has passed; the others go on."""
        late = [
            job for job, deadline in entry.followers if deadline is not None and deadline <= now
        ]
        entry.followers = [(job, d) for job, d in entry.followers if d is None or d > now]
        if entry.deadline is not None and entry.deadline <= now:
            late.insert(0, entry.job)
            self._next_lead(entry)
        for job in late:
            log.debug("generation %s: deadline passed", job.id)
            job._fail(
                GenerationTimeoutError(
                    f"generation {job.id} passed its deadline; it goes on remotely and "
                    "can be tracked again",
                    generation_id=job.id,
                )
            )

    async def _run_check(self, entry: _Entry) -> None:
        await self.budget.acquire()
        if self._entries.get(entry.job.id) is not entry:
            self.budget.release()  # ended (deadline, cancel, close) while it waited
            return
        try:
            await self._check_one(entry)
        finally:
            self.budget.release()

    async def _check_one(self, entry: _Entry) -> None:
        job = entry.job
        sent_at = self.timer.now()
        self.checks += 1
        try:
            generation = await self._check(job.id)
            if generation.id != job.id:
                raise ResponseFormatError(  # never apply another generation's status
                    f"asked for generation {job.id}, the reply is about {generation.id!r}"
                )
            self._settle(entry, generation, sent_at)
        except RateLimitError as exc:
            self.transient_errors += 1
            self._retry_later(entry, max(exc.retry_after or 0.0, self.poll_interval), exc)
        except NotFoundError as exc:
            self._not_found(entry, exc)
        except ResponseFormatError as exc:
            self.transient_errors += 1
            entry.unreadable += 1
            if entry.unreadable >= self.max_unreadable:
                self._end(entry, self._unreadable_error(job.id, exc))
            else:
                self._backoff(entry, exc)
        except (ServerError, TransportError) as exc:
            self.transient_errors += 1
            self._backoff(entry, exc)
        except AiovideoError as exc:
            self._end(entry, exc)
        except Exception as exc:
            # A reply no parser foresaw, or a bug: it ends this Job, never the loop nor
            # any other Job.
            log.exception("checking generation %s failed unexpectedly", job.id)
            error = ResponseFormatError(
                f"checking generation {job.id} failed: {type(exc).__name__}: {exc}"[:500],
                generation_id=job.id,
            )
            self._end(entry, error, cause=exc)

    def _unreadable_error(self, generation_id: str, exc: ResponseFormatError) -> Exception:
        error = ResponseFormatError(
            f"{self.max_unreadable} unreadable status replies in a row for generation "
            f"{generation_id}, the last: {exc}; it may go on remotely: track it again later",
            generation_id=generation_id,
        )
        error.__cause__ = exc
        return error

    def _not_found(self, entry: _Entry, exc: NotFoundError) -> None:
        """A 404 ends the Job only once 404s have lasted `not_found_window` seconds: the
        provider's store can lag behind its own submit reply, or blink for a minute."""
        now = self.timer.now()
        if entry.not_found_since is None:
            entry.not_found_since = now
        if now - entry.not_found_since < self.not_found_window:
            self._retry_later(entry, self.poll_interval, exc)
            return
        error = NotFoundError(
            exc.status_code,
            f"generation {entry.job.id} not found for {now - entry.not_found_since:.0f} s "
            f"({exc.message}); if it exists, track it again with client.track(id)",
            request_id=exc.request_id,
            body=exc.body,
            generation_id=entry.job.id,
        )
        self._end(entry, error, cause=exc)

    def _no_video(self, entry: _Entry, generation: Generation, now: float) -> None:
        """A "completed" reply without a video is checked again, like a 404, until such
        replies have lasted `not_found_window`: the provider may write the status before the
        file's URL. It is not the server saying the generation failed (it completed, and is
        billed), so the Job then ends with `ResponseFormatError` and its id, to be tracked
        again, never with `GenerationFailedError` (which would let a paid id be sent again).
        """
        if entry.no_video_since is None:
            entry.no_video_since = now
        waited = now - entry.no_video_since
        if waited < self.not_found_window:
            log.debug("generation %s: completed without a video; checked again", entry.job.id)
            self._schedule(entry, now + self.poll_interval)
            return
        self._end(
            entry,
            ResponseFormatError(
                f"generation {entry.job.id} says {generation.status!r} but has carried no video "
                f"for {waited:.0f} s; it may be paid for: track it again later "
                "(client.track(id)), do not submit it again",
                generation_id=entry.job.id,
            ),
        )

    def _backoff(self, entry: _Entry, exc: BaseException) -> None:
        entry.errors += 1
        self._retry_later(entry, self.poll_interval * min(2 ** (entry.errors - 1), 8), exc)

    def _retry_later(self, entry: _Entry, delay: float, exc: BaseException) -> None:
        if self._entries.get(entry.job.id) is entry:
            log.debug(
                "generation %s: check failed (%s: %s), next in %.2f s",
                entry.job.id,
                type(exc).__name__,
                exc,
                delay,
            )
            self._schedule(entry, self.timer.now() + delay)

    def _end(
        self, entry: _Entry, exc: BaseException, *, cause: BaseException | None = None
    ) -> None:
        if self._entries.get(entry.job.id) is entry:
            self.discard(entry.job.id)
            if cause is not None:
                exc.__cause__ = cause
            log.debug("generation %s: failed: %s", entry.job.id, exc)
            for job in entry.jobs():  # one exception: each Job of the id ends with it
                job._fail(exc)

    def _settle(self, entry: _Entry, generation: Generation, sent_at: float) -> None:
        if self._entries.get(entry.job.id) is not entry:
            return  # cancelled or closed while the check was in flight
        entry.errors = entry.unreadable = 0
        entry.not_found_since = None
        job = entry.job
        if generation.status != job.status:
            log.debug("generation %s: %s", job.id, generation.status)
        jobs = entry.jobs()
        for each in jobs:  # the lead first: its cost is the one counted
            each._observe(generation)
        phase = classify(generation.status)
        if phase is Phase.PENDING:
            entry.last_pending_at = sent_at
            self._schedule(entry, max(self.timer.now(), sent_at + self.poll_interval))
            return
        now = self.timer.now()
        if phase is Phase.SUCCESS and generation.video is None:
            self._no_video(entry, generation, now)
            return
        self._learn(entry, sent_at, now)
        self.discard(job.id)
        if phase is Phase.SUCCESS and generation.video is not None:
            log.debug("generation %s: resolved, video at %s", job.id, generation.video.url)
            for each in jobs:
                each._resolve(generation.video)
            return
        log.debug("generation %s: failed: %s", job.id, failure_of(job.id, generation))
        for each in jobs:  # an exception each: no traceback shared between two awaits
            each._fail(failure_of(job.id, generation))
