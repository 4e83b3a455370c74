"""A FastAPI app: submit videos, poll their status, or follow them as server-sent events.

Run it against the local emulator (no key, nothing billed), then try the routes:

    python examples/web_fastapi.py --emulator
    curl -si localhost:8000/videos -H 'content-type: application/json' \\
         -d '{"model": "kling-video/v1.6/standard/text-to-video", "prompt": "a red fox"}'
    curl -s localhost:8000/videos/ID          # the status, as JSON
    curl -sN localhost:8000/videos/ID/events  # one event per status change, to the end

Without `--emulator` it calls the real API with the key in AIMLAPI_API_KEY (and is billed);
`AIOVIDEO_JOURNAL=videos.sqlite uvicorn web_fastapi:app --app-dir examples` serves it too.
The routes and the journal are those of examples/web_aiohttp.py (see its docstring).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any

import anyio
import uvicorn
from fastapi import APIRouter, Depends, FastAPI, Header, Request
from fastapi.responses import JSONResponse
from sse_starlette import EventSourceResponse, ServerSentEvent
from video_service import HTTP_STATUS, LEASE, Journal, VideoService, command_line

import aiovideo


def _service(request: Request) -> VideoService:
    service: VideoService = request.state.service
    return service


Service = Annotated[VideoService, Depends(_service)]
router = APIRouter()


@router.post("/videos", status_code=202)
async def submit(
    body: dict[str, Any],
    service: Service,
    request: Request,
    idempotency_key: Annotated[str | None, Header()] = None,
) -> JSONResponse:
    video = await service.submit(body, key=idempotency_key)
    location = request.app.url_path_for("status", generation_id=video["id"])
    return JSONResponse(video, status_code=202, headers={"Location": location})


# `:path` takes slashes too; the /events route comes first, so it wins its suffix.
@router.get("/videos/{generation_id:path}/events")
async def events(generation_id: str, service: Service, request: Request) -> EventSourceResponse:
    service.status(generation_id)  # an unknown id is a 404, before the stream starts
    updates = (
        ServerSentEvent(json.dumps(update), event="status")
        async for update in service.updates(generation_id)
    )
    # uvicorn runs the lifespan's shutdown only once every response has ended, and an event
    # stream lasts as long as its generation. sse-starlette sees uvicorn stopping and sets
    # `stopping`, which closes the Client (below): that ends every job.updates(), so each
    # stream ends cleanly within the grace period (rather than being cut off).
    stopping: anyio.Event = request.state.stopping
    return EventSourceResponse(updates, shutdown_event=stopping, shutdown_grace_period=5)


@router.get("/videos/{generation_id:path}")
async def status(generation_id: str, service: Service) -> dict[str, Any]:
    return service.status(generation_id)


async def json_error(request: Request, exc: Exception) -> JSONResponse:
    code = next(code for kind, code in HTTP_STATUS.items() if isinstance(exc, kind))
    return JSONResponse({"error": str(exc)}, status_code=code)


def create_app(
    journal: Journal,
    make_client: Callable[[], aiovideo.Client] = aiovideo.Client,
    lease: float = LEASE,
) -> FastAPI:
    """The app; `make_client` makes its one Client (`aiovideo.Client` reads the key from
    AIMLAPI_API_KEY; tests pass the emulator's `emu.client`); `lease`: the journal's (seconds
    before another replica adopts the generations of one that died)."""

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[dict[str, Any]]:
        # One Client for the app's whole life, shared by every request: one scheduler polls
        # every pending generation under one request budget, however many users wait.
        async with VideoService.open(journal, make_client, lease=lease) as service:
            stopping = anyio.Event()

            async def close_client() -> None:
                await stopping.wait()
                await service.client.aclose()  # the journal keeps the pending ids

            async with anyio.create_task_group() as tasks:
                tasks.start_soon(close_client)
                yield {"service": service, "stopping": stopping}
                tasks.cancel_scope.cancel()

    app = FastAPI(lifespan=lifespan)
    app.include_router(router)
    for kind in HTTP_STATUS:
        app.add_exception_handler(kind, json_error)
    return app


def serve(
    journal: Journal, port: int, make_client: Callable[[], aiovideo.Client], lease: float
) -> None:
    uvicorn.run(create_app(journal, make_client, lease), port=port)


# For `uvicorn web_fastapi:app`: the real API, the journal named by AIOVIDEO_JOURNAL.
app = create_app(os.environ.get("AIOVIDEO_JOURNAL", "videos.sqlite"))

if __name__ == "__main__":
    command_line(serve, port=8000)
