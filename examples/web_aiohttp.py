"""An aiohttp web app: submit videos, poll their status, or follow them as server-sent events.

Run it against the local emulator (no key, nothing billed), then try the routes:

    python examples/web_aiohttp.py --emulator
    curl -si localhost:8080/videos \\
         -d '{"model": "kling-video/v1.6/standard/text-to-video", "prompt": "a red fox"}'
    curl -s localhost:8080/videos/ID          # the status, as JSON
    curl -sN localhost:8080/videos/ID/events  # one event per status change, to the end

Without `--emulator` it calls the real API with the key in AIMLAPI_API_KEY (and is billed).

- `POST /videos` (JSON `{model, prompt, ...fields}`) answers 202 with the generation id as
  soon as the API has given one; an `Idempotency-Key` header makes a retried POST answer the
  same generation instead of paying twice.
- `GET /videos/{id}` and `GET /videos/{id}/events`: ids contain `/` and `:` (Kling's are
  `uuid:kling-video/v1.6/standard/text-to-video`), so the routes take the rest of the path.
- Every id handed out is in a SQLite journal (`--journal`) before the reply: restart the
  app and the old ids answer again, tracked without a second POST.
- Replicas: run it twice on one journal (and one API: `--base-url`, or the real one) and
  either answers any id; each generation is tracked by the replica that submitted it, and one
  killed mid-generation has its generations adopted and finished by the other within a
  lease (`--lease`, 30 s; at once on SQLite, where a dead process is seen):

    aiovideo emulator --port 8765 &
    python examples/web_aiohttp.py --port 8081 --journal v.sqlite --base-url http://127.0.0.1:8765 &
    python examples/web_aiohttp.py --port 8082 --journal v.sqlite --base-url http://127.0.0.1:8765 &
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable

from aiohttp import web
from aiohttp_sse import sse_response
from video_service import HTTP_STATUS, LEASE, Journal, VideoService, command_line

import aiovideo

SERVICE = web.AppKey("service", VideoService)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


async def submit(request: web.Request) -> web.Response:
    try:
        body = await request.json()
    except ValueError:
        body = None  # not JSON: refused as a BadRequest below
    key = request.headers.get("Idempotency-Key")
    video = await request.app[SERVICE].submit(body, key=key)
    location = request.app.router["video"].url_for(id=video["id"])
    return web.json_response(video, status=202, headers={"Location": str(location)})


async def status(request: web.Request) -> web.Response:
    return web.json_response(request.app[SERVICE].status(request.match_info["id"]))


async def events(request: web.Request) -> web.StreamResponse:
    service, generation_id = request.app[SERVICE], request.match_info["id"]
    service.status(generation_id)  # an unknown id is a 404, before the stream starts
    async with sse_response(request) as stream:
        async for update in service.updates(generation_id):
            await stream.send(json.dumps(update), event="status")
    return stream


@web.middleware
async def json_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except tuple(HTTP_STATUS) as exc:
        code = next(code for kind, code in HTTP_STATUS.items() if isinstance(exc, kind))
        return web.json_response({"error": str(exc)}, status=code)


def create_app(
    journal: Journal,
    make_client: Callable[[], aiovideo.Client] = aiovideo.Client,
    lease: float = LEASE,
) -> web.Application:
    """The app; `make_client` makes its one Client (`aiovideo.Client` reads the key from
    AIMLAPI_API_KEY; tests pass the emulator's `emu.client`); `lease`: the journal's (seconds
    before another replica adopts the generations of one that died)."""

    async def service(app: web.Application) -> AsyncIterator[None]:
        # One Client for the app's whole life, shared by every request: one scheduler polls
        # every pending generation under one request budget, however many users wait.
        async with VideoService.open(journal, make_client, lease=lease) as opened:
            app[SERVICE] = opened
            yield

    async def end_streams(app: web.Application) -> None:
        # aiohttp waits for open responses before cleanup_ctx closes anything, and an event
        # stream lasts as long as its generation: closing the Client here ends every
        # job.updates(), so every stream ends now. The journal keeps the pending ids.
        await app[SERVICE].client.aclose()

    app = web.Application(middlewares=[json_errors])
    app.cleanup_ctx.append(service)
    app.on_shutdown.append(end_streams)
    app.add_routes(
        [
            web.post("/videos", submit),
            # `.+` takes slashes too; the /events route comes first, so it wins its suffix.
            web.get("/videos/{id:.+}/events", events),
            web.get("/videos/{id:.+}", status, name="video"),
        ]
    )
    return app


def serve(
    journal: Journal, port: int, make_client: Callable[[], aiovideo.Client], lease: float
) -> None:
    # Loopback only: anyone who can reach the app can spend the key's money.
    web.run_app(create_app(journal, make_client, lease), host="127.0.0.1", port=port)


if __name__ == "__main__":
    command_line(serve, port=8080)
