"""A local emulator of the AI/ML API video endpoints: a real aiohttp server on 127.0.0.1.

It serves the universal and the legacy Google submit/poll paths with the real envelope and
its quirks (ids shaped `uuid:model`, the legacy submit answering `generation_id`, some models
answering a list of videos, the documented error body), moves each generation through
queued -> generating -> completed/error over a configurable time, and serves real MP4 files
(with a strong ETag, Range and If-Range, so that resumes can be checked). Faults are injected on
demand: failures, a global requests/second limit answering 429 with Retry-After, 5xx, dropped
connections, slow replies, HTML error pages, downloads cut halfway.

It never imports the client: the two meet only over HTTP. `/_emulator/stats` and
`/_emulator/generations` expose its counters and each generation's completion time.
"""

from __future__ import annotations

import asyncio
import collections
import hashlib
import random
import time
import uuid
from collections.abc import Mapping
from typing import Any

import attrs
from aiohttp import web

from aiovideo._models import MODELS
from aiovideo._mp4 import frame_size, render_mp4

__all__ = ["Emulator", "EmulatorConfig"]

UNIVERSAL = "/v2/video/generations"
LEGACY = "/v2/generate/video/google/generation"
_HTML = "<html><head><title>502 Bad Gateway</title></head><body>bad gateway</body></html>"


def _byte_range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) bytes of `bytes=FIRST-` or `bytes=FIRST-LAST`; None: absent or not served.

    Suffix ranges (`bytes=-N`) and multiple ranges are not served: the whole file is, as
    RFC 9110 allows.
    """
    unit, _, spec = header.partition("=")
    first, dash, last = spec.strip().partition("-")
    if unit.strip() != "bytes" or not dash or not first.isdigit():
        return None
    if last and (not last.isdigit() or int(last) < int(first)):
        return None
    return int(first), min(int(last), size - 1) if last else size - 1


@attrs.frozen(kw_only=True)
class EmulatorConfig:
    """How the emulator behaves. Rates are probabilities per request, 0 to 1.

    Attributes:
        api_key: the only key accepted; None accepts any non-empty bearer key.
        min_seconds, max_seconds: generation time, drawn uniformly per generation.
        queued_fraction: the share of that time spent `queued` before `generating`.
        failure_rate: generations that end with status `error`.
        rps_limit: requests per second over the whole server before answering 429.
        server_error_rate, drop_rate, slow_rate, html_rate: faults on status checks
            (and on submits too when `faults_on_submit`).
        slow_seconds: the delay of a slow reply.
        not_found_polls: the first this many polls of each id answer 404 (the provider's
            store can lag behind its own submit reply).
        cut_downloads: this many file downloads are cut off halfway.
        adopt_unknown_ids: answer a poll for an id of the emulator's own form
            (`uuid:model`) that this process never issued as if it had just been submitted,
            instead of 404. Not what the real API does; it stands in for a server that
            outlives the process, so `aiovideo batch --emulator` can show a resume.
        seed: for the random draws.
    """

    api_key: str | None = None
    min_seconds: float = 2.0
    max_seconds: float = 4.0
    queued_fraction: float = 0.25
    failure_rate: float = 0.0
    rps_limit: float | None = None
    server_error_rate: float = 0.0
    drop_rate: float = 0.0
    slow_rate: float = 0.0
    slow_seconds: float = 2.0
    html_rate: float = 0.0
    not_found_polls: int = 0
    faults_on_submit: bool = False
    cut_downloads: int = 0
    adopt_unknown_ids: bool = False
    seed: int | None = None


@attrs.define
class _Generation:
    id: str
    model: str
    body: dict[str, Any]
    submitted: float  # wall clock, so other processes can compare
    seconds: float
    fails: bool
    legacy: bool
    polls: int = 0

    @property
    def completes_at(self) -> float:
        return self.submitted + self.seconds


def _error_body(status: int, message: str, path: str) -> dict[str, Any]:
    return {
        "message": message,
        "path": path,
        "requestId": str(uuid.uuid4()),
        "statusCode": status,
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()),
    }


def _validate(body: Any) -> str | None:
    """The server's view of a body: the text of a 400, or None when it is acceptable."""
    if not isinstance(body, Mapping):
        return "Body validation error! body must be a JSON object"
    model, prompt = body.get("model"), body.get("prompt")
    if not isinstance(model, str) or not model:
        return "Body validation error! model is required"
    if not isinstance(prompt, str) or not prompt:
        return "Body validation error! prompt is required"
    spec = MODELS.get(model)
    if spec is None:
        return None
    for name, field in spec.fields.items():
        value = body.get(name)
        if value is None:
            if field.required:
                return f"Body validation error! {name} is required"
            continue
        if field.choices and value not in field.choices:
            return f"Body validation error! {name} must be one of {list(field.choices)}"
    return None


class Emulator:
    """The emulator server. Use `async with Emulator(config) as emu:` then `emu.base_url`."""

    def __init__(self, config: EmulatorConfig | None = None) -> None:
        self.config = config or EmulatorConfig()
        self._random = random.Random(self.config.seed)
        self._generations: dict[str, _Generation] = {}
        self._files: dict[str, _Generation] = {}
        self._videos: dict[tuple[float, int, int], bytes] = {}
        self.stats: collections.Counter[str] = collections.Counter()
        self.submits_by_request: collections.Counter[str] = collections.Counter()
        self._window_start = 0.0
        self._window_count = 0
        self._cuts_left = self.config.cut_downloads
        self._runner: web.AppRunner | None = None
        self.base_url = ""
        self.app = web.Application()
        self.app.router.add_post(UNIVERSAL, self._submit)
        self.app.router.add_get(UNIVERSAL, self._poll)
        self.app.router.add_post(LEGACY, self._submit)
        self.app.router.add_get(LEGACY, self._poll)
        self.app.router.add_get("/files/{name}", self._file)
        self.app.router.add_get("/_emulator/stats", self._stats)
        self.app.router.add_get("/_emulator/generations", self._list)

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Start serving; return the base URL (a free port when `port` is 0)."""
        self._runner = web.AppRunner(self.app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        server = site._server  # aiohttp keeps the bound socket here; no public accessor
        assert server is not None
        bound = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
        self.base_url = f"http://{host}:{bound}"
        return self.base_url

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Emulator:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # Helpers.

    def completion_times(self) -> dict[str, float]:
        """Each generation's completion moment (wall clock, seconds since the epoch)."""
        return {g.id: g.completes_at for g in self._generations.values()}

    def _json(self, status: int, data: Any, **headers: str) -> web.Response:
        return web.json_response(data, status=status, headers=headers or None)

    def _error(
        self, request: web.Request, status: int, message: str, **headers: str
    ) -> web.Response:
        self.stats[f"http_{status}"] += 1
        return self._json(status, _error_body(status, message, request.path), **headers)

    def _over_limit(self) -> bool:
        limit = self.config.rps_limit
        if limit is None:
            return False
        now = time.monotonic()
        if now - self._window_start >= 1.0:
            self._window_start, self._window_count = now, 0
        self._window_count += 1
        return self._window_count > limit

    async def _gate(self, request: web.Request, *, submit: bool) -> web.StreamResponse | None:
        """Auth, rate limit and injected faults; a response to send instead, or None."""
        self.stats["requests"] += 1
        auth = request.headers.get("Authorization", "")
        key = auth[len("Bearer ") :].strip() if auth.startswith("Bearer ") else ""
        if not key or (self.config.api_key is not None and key != self.config.api_key):
            return self._error(request, 401, "Invalid API key")
        if self._over_limit():
            return self._error(request, 429, "Too many requests", **{"Retry-After": "1"})
        if submit and not self.config.faults_on_submit:
            return None
        cfg, draw = self.config, self._random.random
        if cfg.slow_rate and draw() < cfg.slow_rate:
            self.stats["slow"] += 1
            await asyncio.sleep(cfg.slow_seconds)
        if cfg.drop_rate and draw() < cfg.drop_rate:
            self.stats["dropped"] += 1
            assert request.transport is not None
            request.transport.close()
            raise ConnectionResetError("dropped by the emulator")
        if cfg.html_rate and draw() < cfg.html_rate:
            self.stats["html"] += 1
            return web.Response(status=502, text=_HTML, content_type="text/html")
        if cfg.server_error_rate and draw() < cfg.server_error_rate:
            return self._error(request, self._random.choice((500, 503)), "Internal server error")
        return None

    def _reply(self, request: web.Request, gen: _Generation, *, submit: bool) -> dict[str, Any]:
        now = time.time()
        elapsed = now - gen.submitted
        if elapsed < gen.seconds * self.config.queued_fraction:
            status = "queued"
        elif elapsed < gen.seconds:
            status = "generating"
        else:
            status = "error" if gen.fails else "completed"
        if submit and gen.legacy:
            return {"generation_id": gen.id, "status": status}
        data: dict[str, Any] = {"id": gen.id, "status": status, "video": None, "error": None}
        if status == "completed":
            size = len(self._video_bytes(gen))
            url = f"{request.scheme}://{request.host}/files/{gen.id.partition(':')[0]}.mp4"
            if gen.model in MODELS:
                data["video"] = {
                    "url": url,
                    "content_type": "video/mp4",
                    "file_name": url.rsplit("/", 1)[1],
                    "file_size": size,
                    "duration": self._duration(gen),
                }
            else:  # other providers' models answer with a list of {url}
                data["video"] = [{"url": url}]
            data["meta"] = {"usage": {"credits_used": 120_000, "usd_spent": 0.2}}
        elif status == "error":
            data["error"] = {"name": "GenerationError", "message": "the model refused the prompt"}
        return data

    def _duration(self, gen: _Generation) -> float:
        value = gen.body.get("duration")
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        spec = MODELS.get(gen.model)
        field = spec.fields.get("duration") if spec else None
        return float(field.default) if field is not None and field.default else 5.0

    def _video_bytes(self, gen: _Generation) -> bytes:
        width, height = frame_size(gen.body.get("aspect_ratio"))
        key = (self._duration(gen), width, height)
        if key not in self._videos:
            self._videos[key] = render_mp4(key[0], width, height)
        return self._videos[key]

    # Handlers.

    async def _submit(self, request: web.Request) -> web.StreamResponse:
        refused = await self._gate(request, submit=True)
        if refused is not None:
            return refused
        try:
            body = await request.json()
        except ValueError:
            return self._error(request, 400, "Body validation error! body is not JSON")
        problem = _validate(body)
        if problem:
            return self._error(request, 400, problem)
        legacy = request.path == LEGACY
        if legacy and not (body["model"] in MODELS and MODELS[body["model"]].legacy):
            return self._error(
                request, 400, f"Body validation error! model {body['model']} is not served here"
            )
        gen = self._create(f"{uuid.uuid4()}:{body['model']}", body, legacy=legacy)
        self.stats["submits"] += 1
        digest = hashlib.sha256(repr(sorted(body.items())).encode()).hexdigest()
        self.submits_by_request[digest] += 1
        return self._json(200, self._reply(request, gen, submit=True))

    def _create(self, gen_id: str, body: dict[str, Any], *, legacy: bool) -> _Generation:
        cfg = self.config
        gen = _Generation(
            id=gen_id,
            model=body["model"],
            body=body,
            submitted=time.time(),
            seconds=self._random.uniform(cfg.min_seconds, cfg.max_seconds),
            fails=self._random.random() < cfg.failure_rate,
            legacy=legacy,
        )
        self._generations[gen.id] = gen
        self._files[gen.id.partition(":")[0]] = gen
        return gen

    def _adopt(self, gen_id: str, legacy: bool) -> _Generation | None:
        token, _, model = gen_id.partition(":")
        try:
            uuid.UUID(token)
        except ValueError:
            return None
        if not model:
            return None
        self.stats["adopted"] += 1
        return self._create(gen_id, {"model": model, "prompt": "(adopted)"}, legacy=legacy)

    async def _poll(self, request: web.Request) -> web.StreamResponse:
        refused = await self._gate(request, submit=False)
        if refused is not None:
            return refused
        self.stats["polls"] += 1
        gen_id = request.query.get("generation_id", "")
        gen = self._generations.get(gen_id)
        if gen is None and self.config.adopt_unknown_ids:
            gen = self._adopt(gen_id, legacy=request.path == LEGACY)
        if gen is not None:
            gen.polls += 1
        if gen is None or gen.polls <= self.config.not_found_polls:
            return self._error(request, 404, f"Generation {gen_id} not found")
        return self._json(200, self._reply(request, gen, submit=False))

    async def _file(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        gen = self._files.get(name.removesuffix(".mp4"))
        if gen is None or gen.fails or time.time() < gen.completes_at:
            return self._error(request, 404, "File not found")
        data = self._video_bytes(gen)
        self.stats["files"] += 1
        # A strong ETag of the content, so that clients can resume with If-Range (RFC 9110):
        # a Range whose If-Range names another version is ignored and the whole file sent.
        etag = f'"{hashlib.sha256(data).hexdigest()[:32]}"'
        span = _byte_range(request.headers.get("Range", ""), len(data))
        if span is not None and request.headers.get("If-Range", etag) != etag:
            span = None  # another version than the client holds: send it whole
        if span is not None and span[0] >= len(data):
            return web.Response(status=416, headers={"Content-Range": f"bytes */{len(data)}"})
        start, last = span if span is not None else (0, len(data) - 1)
        headers = {"Content-Type": "video/mp4", "Accept-Ranges": "bytes", "ETag": etag}
        if span is not None:
            headers["Content-Range"] = f"bytes {start}-{last}/{len(data)}"
            self.stats["ranged_files"] += 1
        response = web.StreamResponse(status=200 if span is None else 206, headers=headers)
        response.content_length = last + 1 - start
        await response.prepare(request)
        chunk = data[start : last + 1]
        if self._cuts_left > 0 and not start:
            self._cuts_left -= 1
            self.stats["cut_downloads"] += 1
            await response.write(chunk[: len(chunk) // 2])
            assert request.transport is not None
            request.transport.close()
            return response
        await response.write(chunk)
        await response.write_eof()
        return response

    async def _stats(self, request: web.Request) -> web.StreamResponse:
        duplicates = sum(1 for count in self.submits_by_request.values() if count > 1)
        return self._json(200, {**self.stats, "duplicate_submits": duplicates})

    async def _list(self, request: web.Request) -> web.StreamResponse:
        return self._json(
            200,
            [
                {
                    "id": g.id,
                    "model": g.model,
                    "prompt": g.body.get("prompt"),
                    "submitted": g.submitted,
                    "completes_at": g.completes_at,
                    "fails": g.fails,
                }
                for g in self._generations.values()
            ],
        )
