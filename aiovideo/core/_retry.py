"""Retrying one request: tenacity's loop, with every retry logged on the `aiovideo` logger.

tenacity rather than stamina: stamina reports retries only through process-wide hooks
(by default a bare `stamina.retry_scheduled` line on stderr through Python's last-resort
handler), and a library must neither print nor change its users' global hooks. tenacity takes
a per-call `before_sleep`, so each retry is logged here with the request, the cause and the
delay, and only where the user's logging configuration sends the `aiovideo` logger.
"""

from __future__ import annotations

import logging
import random
from collections.abc import AsyncIterator, Callable
from typing import Any

import attrs
import tenacity

__all__ = ["RetryPolicy", "is_testing", "retrying", "set_testing"]

log = logging.getLogger("aiovideo")

Predicate = Callable[[BaseException], bool | float]


@attrs.frozen
class RetryPolicy:
    """How often and how long to retry: `attempts` tries within `timeout` seconds."""

    attempts: int
    timeout: float
    wait_initial: float = 0.1
    wait_max: float = 5.0


@attrs.define
class _Testing:
    attempts: int | None = None  # set: at most that many tries, and no waits


_testing = _Testing()


def set_testing(attempts: int | None) -> None:
    """Tests: cap every retry loop at `attempts` tries with no waits (None: back to normal)."""
    _testing.attempts = attempts


def is_testing() -> bool:
    """True while `set_testing` holds: retry loops of their own skip their waits too."""
    return _testing.attempts is not None


def _wait(on: Predicate, policy: RetryPolicy) -> Callable[[tenacity.RetryCallState], float]:
    def wait(state: tenacity.RetryCallState) -> float:
        if _testing.attempts is not None:
            return 0.0
        exc = state.outcome.exception() if state.outcome is not None else None
        verdict = on(exc) if exc is not None else True
        if not isinstance(verdict, bool):
            return float(verdict)  # the server said how long (Retry-After, already capped)
        backoff: float = policy.wait_initial * 2.0 ** (state.attempt_number - 1)
        return min(policy.wait_max, backoff) + random.uniform(0, policy.wait_initial)

    return wait


def _log_retry(what: str, attempts: int) -> Callable[[tenacity.RetryCallState], None]:
    def before_sleep(state: tenacity.RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome is not None else None
        log.info(
            "retrying %s in %.2f s (try %d of %d failed: %s: %s)",
            what,
            state.upcoming_sleep,
            state.attempt_number,
            attempts,
            type(exc).__name__,
            exc,
        )

    return before_sleep


async def retrying(
    on: Predicate, policy: RetryPolicy, *, what: str
) -> AsyncIterator[tenacity.AttemptManager]:
    """Yield attempts (`with attempt:` around one try) until one succeeds or `on` refuses.

    Args:
        on: given the exception of a failed try: False to give up, True to retry after a
            backoff, or a number of seconds (0.0 included) to wait first.
        policy: the number of tries and the total time allowed.
        what: the request, for the log lines (never the key: it is not in any request line).
    """
    attempts = policy.attempts
    if _testing.attempts is not None:
        attempts = min(attempts, _testing.attempts)
    loop: Any = tenacity.AsyncRetrying(
        retry=tenacity.retry_if_exception(lambda exc: on(exc) is not False),
        stop=tenacity.stop_after_attempt(attempts) | tenacity.stop_after_delay(policy.timeout),
        wait=_wait(on, policy),
        before_sleep=_log_retry(what, attempts),
        reraise=True,
    )
    async for attempt in loop:
        yield attempt
