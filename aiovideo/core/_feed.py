"""The submitting side of `Client.generate_many`: submit lazily, at most so many Jobs
ahead of the consumer, and hand each Job over as it finishes.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable, Mapping
from typing import Any

import anyio

from aiovideo.core._job import Job
from aiovideo.core._request import VideoRequest, build_request

__all__ = ["Feed"]

log = logging.getLogger("aiovideo")


class Feed:
    """The submitting side of one `generate_many`, run in the client's task group.

    Args:
        submit: the client's submit of one built request with a timeout.
        max_in_flight: Jobs submitted and not yet taken by the consumer, at most.
        timeout: each Job's deadline in seconds (None: the client's).
        orphan: takes a Job submitted after the consumer stopped.
    """

    def __init__(
        self,
        submit: Callable[[VideoRequest, float | None], Awaitable[Job]],
        max_in_flight: int,
        timeout: float | None,
        orphan: Callable[[Job], None] | None = None,
    ) -> None:
        self._send = submit
        self.orphan = orphan
        self.timeout = timeout
        self.slots = asyncio.Semaphore(max_in_flight)  # submitted Jobs not yet yielded
        self.finished: asyncio.Queue[Job | None] = asyncio.Queue()
        self.error: BaseException | None = None
        self.scope = anyio.CancelScope()
        self.submitting = 0  # POSTs on the wire
        # Jobs submitted and not yet taken by the consumer: its own if it stops early.
        self.unyielded: set[Job] = set()
        self.stopped = False
        self._open = 1  # the feeding loop itself, plus one per unfinished submit or job

    def stop(self) -> set[Job]:
        """The consumer stopped: submit no more (submitted Jobs go on being tracked).

        Returns:
            The Jobs submitted and not taken by the consumer (a submit that ends later with
            a Job goes to `orphaned`, as a submit whose caller was cancelled does).
        """
        self.stopped = True
        self.scope.cancel()
        return self.unyielded

    def close(self) -> None:
        """The client is closing: end the iteration after the Jobs it failed just now.

        Their done callbacks were scheduled (call_soon) when they failed; this end mark is
        scheduled after them, so the consumer receives every Job, and its id, first.
        """
        self.scope.cancel()
        if self.submitting:
            log.warning(
                "client closed with %d submits of generate_many on the wire: if the server "
                "accepted them, their generation ids are unknown",
                self.submitting,
            )
        asyncio.get_running_loop().call_soon(self.finished.put_nowait, None)

    def _done_one(self) -> None:
        self._open -= 1
        if self._open == 0:
            self.finished.put_nowait(None)

    def _job_done(self, job: Job) -> None:
        self.finished.put_nowait(job)
        self._done_one()

    async def run(self, requests: Any) -> None:
        """Submit `requests` (sync or async iterable) while there is room; never raises."""
        try:
            async with anyio.create_task_group() as submits:
                with self.scope:
                    async for item in _aiter(requests):
                        await self.slots.acquire()
                        # A stop can land while the acquire is already won (anyio delivers
                        # the cancel at the next checkpoint, and there is none before the
                        # start below): look, so a stopped feed never submits again.
                        if self.error is not None or self.scope.cancel_called:
                            break
                        self._open += 1
                        submits.start_soon(self._submit, item)
        except Exception as exc:  # the user's iterable itself failed
            self.error = exc
        finally:
            self._done_one()

    async def _submit(self, item: VideoRequest | Mapping[str, Any]) -> None:
        self.submitting += 1
        try:
            request = await build_request(item)
            job = await self._send(request, self.timeout)
        except Exception as exc:  # a bad item or a bug: this feed ends, never hangs
            if self.error is None:
                self.error = exc
            self.scope.cancel()
            self.slots.release()
            self._done_one()
            return
        finally:
            self.submitting -= 1
        self.unyielded.add(job)
        job.add_done_callback(self._job_done)
        if self.stopped and self.orphan is not None:  # answered just as the consumer left
            self.orphan(job)


async def _aiter(items: Any) -> AsyncIterator[Any]:
    if isinstance(items, AsyncIterable):
        async for item in items:
            yield item
    else:
        for item in items:
            yield item
