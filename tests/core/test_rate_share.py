"""Several clients on one API key share the provider's rate limit (issue 17, item 3).

Each client runs its own `RatePolicy` and learns nothing from the others: these tests check,
in simulated time, that their AIMD still finds a share each. The server is the emulator's
model of a rate limit: a fixed one-second window of `limit` requests, the rest answered 429
with `Retry-After: 1`. Each client has `tasks` requests always wanting to go (a bulk job),
and a client may be killed and started afresh (a worker of a fleet restarted).
"""

from __future__ import annotations

import heapq
import itertools

import attrs
import pytest

from aiovideo.core._budget import RatePolicy

LATENCY = 0.01  # seconds from sending a request to reading its answer


@attrs.define
class _Server:
    limit: int
    window_start: float = 0.0
    count: int = 0
    answered: int = 0
    refused: int = 0
    accepted_between: list[float] = attrs.field(factory=list)

    def answer(self, now: float) -> bool:
        """True: accepted; False: 429."""
        if now - self.window_start >= 1.0:
            self.window_start, self.count = now, 0
        self.count += 1
        self.answered += 1
        if self.count > self.limit:
            self.refused += 1
            return False
        self.accepted_between.append(now)
        return True


def _simulate(
    *, clients: int, tasks: int, limit: int, seconds: float, restart_every: float | None
) -> _Server:
    """Run `clients` policies against one server for `seconds` of simulated time.

    With `restart_every`, one client (in turn) is replaced by a fresh policy that often, as a
    killed and restarted worker is.
    """
    server = _Server(limit)
    policies = [RatePolicy() for _ in range(clients)]
    generation = [0] * clients  # bumped at each restart: the old tasks' answers are dropped
    order = itertools.count()
    # (when, tiebreak, kind, client, generation, booked epoch)
    events: list[tuple[float, int, str, int, int, int]] = []

    def book(now: float, client: int) -> None:
        policy = policies[client]
        wait = policy.reserve(now)
        heapq.heappush(
            events, (now + wait, next(order), "send", client, generation[client], policy.epoch)
        )

    for client in range(clients):
        for _ in range(tasks):
            book(0.0, client)
    next_restart, victim = restart_every, 0
    while events:
        now, _, kind, client, gen, epoch = heapq.heappop(events)
        if now > seconds:
            break
        if next_restart is not None and now >= next_restart:
            policies[victim], generation[victim] = RatePolicy(), generation[victim] + 1
            for _ in range(tasks):
                book(now, victim)
            next_restart, victim = next_restart + (restart_every or 0), (victim + 1) % clients
        if gen != generation[client]:
            continue  # a task of a killed worker
        policy = policies[client]
        if kind == "send":
            if policy.epoch != epoch:  # a 429 came while it waited: book again (as Budget)
                book(now, client)
                continue
            ok = server.answer(now)
            kind = "ok" if ok else "429"
            heapq.heappush(events, (now + LATENCY, next(order), kind, client, gen, 0))
        else:
            if kind == "429":
                policy.on_rate_limited(now, 1.0)
            else:
                policy.on_success(now)
            book(now, client)
    return server


@pytest.mark.parametrize("restart_every", [None, 5.0])
def test_four_clients_on_one_key_stay_under_the_limit_and_use_it(
    restart_every: float | None,
) -> None:
    limit, seconds = 50, 120.0
    server = _simulate(
        clients=4, tasks=30, limit=limit, seconds=seconds, restart_every=restart_every
    )
    assert server.refused / server.answered <= 0.06  # at most 6 % answered 429
    steady = [t for t in server.accepted_between if t >= 10.0]
    assert len(steady) / (seconds - 10.0) >= 0.7 * limit  # at least 70 % of the limit used


def test_one_client_alone_uses_the_limit() -> None:
    server = _simulate(clients=1, tasks=30, limit=50, seconds=60.0, restart_every=None)
    assert server.refused / server.answered <= 0.06
    assert len([t for t in server.accepted_between if t >= 10.0]) / 50.0 >= 0.8 * 50
