"""The emulator's aiohttp application: its routes, its handlers and the state they share.

It serves the universal path, the legacy Google path and the per-vendor legacy paths with the
real envelope, each model family in its own reply shapes and prices (`_families.py`), refuses
model ids it does not serve, moves each generation through queued -> generating ->
completed/error over a configurable time, and serves real MP4 files (`_mp4.py`) with a strong
ETag, Range and If-Range, so that resumes can be checked. Scripted outcomes and injected faults
are `_faults.py`'s; the usage log `GET /v2/logs` is `_logs.py`'s.

It also serves the tracing headers (`X-Client-Request-Id` echoed, `x-inference-id` on every
submit and poll). It never imports the client: the two meet only over HTTP.
`/_emulator/stats` and `/_emulator/generations` expose its counters and its generations.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import hashlib
import math
import random
import re
import time
import uuid
from collections.abc import Mapping
from typing import Any

from aiohttp import web

from aiovideo.core import FieldInfo, model_info, models
from aiovideo.testing import _http
from aiovideo.testing._config import EmulatorConfig
from aiovideo.testing._families import (
    DEFAULT_FAMILY,
    FAMILIES,
    FILE_HOSTS,
    SIGNED_HOSTS,
    family_of_id,
    family_of_model,
    first_model_of,
)
from aiovideo.testing._faults import Faults, Scripts, send_cut, send_slowly
from aiovideo.testing._generations import Generation
from aiovideo.testing._logs import Problem, Refusal, UsageLog
from aiovideo.testing._mp4 import frame_size, look_of, render_mp4

__all__ = ["Server"]

# An id the provider could have issued (uuid, `uuid:vendor/model.path`, nanoid, numeric, vendor
# ids): on a poll whose id does not look like one, `x-inference-id` is left out.
_INFERENCE_ID = re.compile(r"[A-Za-z0-9._:/-]{1,256}")
# Rendered videos kept for reuse, by duration, size and look (some 10 KB each).
_VIDEOS_KEPT = 1024
# The longest clip rendered, whatever a request asks (an unknown model has no range to hold
# its duration to): a render of a million seconds would take the emulator hours.
MAX_RENDER_SECONDS = 60.0
_UNSET_SECONDS = 5.0  # a duration that is no length at all (0, negative, NaN)


class Server:
    """The emulator's application and state; `Emulator` starts and stops it."""

    def __init__(self, config: EmulatorConfig) -> None:
        self.config = config
        self._random = random.Random(config.seed)
        # Ids are never drawn from the seeded generator: two emulators (two runs against one
        # journal) must not hand out the same id.
        self._ids = random.SystemRandom()
        self.generations: dict[str, Generation] = {}
        # The file URLs issued (path and query, exactly as written): their generation, and
        # when the link expires (None: never).
        self._links: dict[str, tuple[Generation, float | None]] = {}
        self._videos: dict[tuple[float, int, int, int], bytes] = {}
        self._rendering: dict[tuple[float, int, int, int], asyncio.Future[bytes]] = {}
        self.stats: collections.Counter[str] = collections.Counter()
        self._submits_by_request: collections.Counter[str] = collections.Counter()
        self.scripts = Scripts()
        self._faults = Faults(config, self._random, self.stats)
        self._log = UsageLog(config)
        self._closing = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.base_url = ""
        self.app = self._routes()

    def _routes(self) -> web.Application:
        app = web.Application()
        # Every path a model is served on: the universal one, the legacy Google path and the
        # per-vendor legacy paths of the model table.
        legacy = {_http.LEGACY, *(path for info in models() for path in info.legacy_paths)}
        for path in (_http.UNIVERSAL, *sorted(legacy)):
            app.router.add_post(path, self._submit)
            app.router.add_get(path, self._poll)
        for host in FILE_HOSTS:
            app.router.add_get(f"/{host}/{{tail:.+}}", self._file)
        app.router.add_get(_http.LOGS, self._logs)
        app.router.add_get("/_emulator/stats", self._stats)
        app.router.add_get("/_emulator/generations", self._list)
        app.on_response_prepare.append(_tracing_headers)
        return app

    async def start(self, host: str, port: int) -> str:
        """Start serving; return the base URL (a free port when `port` is 0)."""
        self._closing.clear()
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
        """Stop serving (held submit replies are let go at once)."""
        self._closing.set()  # delayed submit replies stop waiting, so cleanup is quick
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # Helpers.

    def _error(
        self, request: web.Request, status: int, message: str, **headers: str
    ) -> web.Response:
        return _http.error(request, self.stats, status, message, **headers)

    def _authorised(self, key: str) -> bool:
        return bool(key) and (self.config.api_key is None or key == self.config.api_key)

    async def _gate(self, request: web.Request, *, submit: bool) -> web.StreamResponse | None:
        """Auth, rate limit and injected faults; a response to send instead, or None."""
        self.stats["requests"] += 1
        if not self._authorised(_http.bearer(request)):
            return self._error(request, 401, "Invalid API key")
        if self._faults.over_limit():
            return self._error(request, 429, "Too many requests", **{"Retry-After": "1"})
        if submit and not self.config.faults_on_submit:
            return None
        return await self._faults.inject(request)

    def _create(self, gen_id: str, body: dict[str, Any], *, path: str) -> Generation:
        cfg = self.config
        gen = Generation(
            id=gen_id,
            model=body["model"],
            body=body,
            submitted=time.time(),
            seconds=self._random.uniform(cfg.min_seconds, cfg.max_seconds),
            fails=self._random.random() < cfg.failure_rate,
            path=path,
            family=family_of_model(body["model"]),
        )
        self.generations[gen.id] = gen
        return gen

    def _adopt(self, gen_id: str, path: str) -> Generation | None:
        """A generation for an id of one of the emulator's forms that it never issued."""
        found = family_of_id(gen_id)
        if found is None:
            return None
        family, model = found
        if not model:  # the id names no model: its family's first one stands in
            model = first_model_of(family)
        self.stats["adopted"] += 1
        gen = self._create(gen_id, {"model": model, "prompt": "(adopted)"}, path=path)
        if family:
            gen.family = FAMILIES.get(family, DEFAULT_FAMILY)
        gen.logged = False  # its submit was served elsewhere, so no row of this log
        return gen

    async def _reply(
        self, request: web.Request, gen: Generation, *, submit: bool
    ) -> dict[str, Any]:
        """The JSON of a submit or status reply, in the shape of `gen`'s family."""
        family = gen.family
        status = gen.status(time.time(), self.config.queued_fraction)
        data = family.reply(gen.id, status, submit=submit, legacy=gen.legacy)
        if submit and not gen.fails:  # the cost is stated on the submit reply; failures are free
            data["meta"] = {"usage": family.meta_usage(*gen.price(self.config.prices))}
        if status == family.done:
            data["video"] = family.video_field(
                self._link(request, gen),
                file_name=f"{gen.token}.mp4",
                size=len(await self._video_bytes(gen)),
                duration=gen.duration,
            )
            data["meta"] = {"usage": family.meta_usage(*gen.price(self.config.prices))}
        elif status == "error":
            data["error"] = {"name": "GenerationError", "message": gen.error}
        return data

    def _cost_headers(self, gen: Generation) -> dict[str, str]:
        credits, usd = gen.price(self.config.prices)
        return {"x-aimlapi-credits-used": str(credits), "x-aimlapi-usd-spent": f"{usd:.9f}"}

    def _link(self, request: web.Request, gen: Generation) -> str:
        """The file URL of a completed `gen`, as its family's host writes it (and remembered:
        the file is served at exactly that URL, until it expires)."""
        ttl = self.config.link_ttl if self.config.link_ttl is not None else gen.family.link_ttl
        expires = int(gen.completes_at + ttl) if ttl is not None else None
        signature = hashlib.sha256(f"{gen.token}{expires}".encode()).hexdigest()[:24]
        path = gen.family.file_path(gen.token, expires, signature)
        self._links[path] = (gen, expires)
        return f"{request.scheme}://{request.host}{path}"

    async def _video_bytes(self, gen: Generation) -> bytes:
        """The generation's MP4, rendered once per shape and prompt in a worker thread: a
        render takes a while, and every other request waits on the event loop meanwhile. Its
        length is capped (`MAX_RENDER_SECONDS`): a request past the table's ranges cannot
        freeze it."""
        width, height = frame_size(gen.body.get("aspect_ratio"))
        seconds = gen.duration
        if not 0 < seconds <= MAX_RENDER_SECONDS:
            seconds = MAX_RENDER_SECONDS if seconds > MAX_RENDER_SECONDS else _UNSET_SECONDS
        # A prompt's look is one of `LOOKS`: renders per shape are bounded however many
        # prompts a run sends; the videos kept are bounded too (the oldest goes).
        prompt = str(gen.body.get("prompt") or "")
        key = (seconds, width, height, look_of(prompt))
        if key not in self._videos:
            rendering = self._rendering.get(key)
            if rendering is None:
                render = asyncio.to_thread(render_mp4, seconds, width, height, prompt)
                rendering = self._rendering[key] = asyncio.ensure_future(render)
            try:
                # Shielded: a client hanging up must not cancel a render others await too.
                video = await asyncio.shield(rendering)
            finally:
                if rendering.done():
                    self._rendering.pop(key, None)
            if key not in self._videos:  # not yet kept by another request awaiting the render
                if len(self._videos) >= _VIDEOS_KEPT:
                    del self._videos[next(iter(self._videos))]
                self._videos[key] = video
            return video
        return self._videos[key]

    # Handlers.

    async def _submit(self, request: web.Request) -> web.StreamResponse:
        response = await self._accept(request)
        if _http.INFERENCE not in request:  # refused: an inference id of its own, no generation
            request[_http.INFERENCE] = str(uuid.uuid4())
            key = _http.bearer(request)
            if response.status != 401 and key:
                await self._refuse(request, key)
        return response

    async def _refuse(self, request: web.Request, key: str) -> None:
        """Log a refused submit as a failed, free row (the model as sent, if it can be read)."""
        body = request.get(_http.BODY)
        if body is None:  # refused before the body was read (429, injected faults)
            with contextlib.suppress(ValueError):
                body = await request.json()
        model = body.get("model") if isinstance(body, Mapping) else None
        self._log.refused(
            Refusal(
                inference_id=request[_http.INFERENCE],
                request_id=request.get(_http.REQUEST_ID) or str(uuid.uuid4()),
                key=key,
                model=model if isinstance(model, str) else "unknown",
                client_request_id=_http.client_request_id(request),
                at=time.time(),
            )
        )

    async def _accept(self, request: web.Request) -> web.StreamResponse:
        refused = await self._gate(request, submit=True)
        if refused is not None:
            return refused
        try:
            request[_http.BODY] = body = await request.json()
        except ValueError:
            return self._error(request, 400, "Body validation error! body is not JSON")
        problem = _validate(body, unknown_models=self.config.unknown_models)
        if problem is None and not _served_on(body["model"], request.path):
            problem = f"Body validation error! model {body['model']} is not served here"
        if problem is not None:
            return self._error(request, 400, problem)
        rule = self.scripts.rule_for(body)
        if rule is not None and rule.refuses():
            retry_after = f"{rule.script.retry_after:g}"
            return self._error(request, 429, "Too many requests", **{"Retry-After": retry_after})
        gen_id = family_of_model(body["model"]).new_id(body["model"], self._ids)
        gen = self._create(gen_id, body, path=request.path)
        if rule is not None:
            rule.apply(gen)
        gen.key, gen.client_request_id = _http.bearer(request), _http.client_request_id(request)
        request[_http.INFERENCE] = gen.id
        self.stats["submits"] += 1
        self.stats["billed_submits"] += 1  # created, so billed, whether or not the reply arrives
        digest = hashlib.sha256(repr(sorted(body.items())).encode()).hexdigest()
        self._submits_by_request[digest] += 1
        if self.config.submit_reply_delay > 0:
            # The reply is held back; a client that hangs up meanwhile still leaves `gen`.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closing.wait(), self.config.submit_reply_delay)
        headers = {} if gen.fails else self._cost_headers(gen)
        return _http.json(200, await self._reply(request, gen, submit=True), **headers)

    async def _poll(self, request: web.Request) -> web.StreamResponse:
        gen_id = request.query.get("generation_id", "")
        if _INFERENCE_ID.fullmatch(gen_id):
            request[_http.INFERENCE] = gen_id
        refused = await self._gate(request, submit=False)
        if refused is not None:
            return refused
        self.stats["polls"] += 1
        gen = self.generations.get(gen_id)
        if gen is None and self.config.adopt_unknown_ids:
            gen = self._adopt(gen_id, request.path)
        if gen is not None:
            gen.polls += 1
            gen.polled_at.append(time.time())
        if gen is None or gen.polls <= max(self.config.not_found_polls, gen.not_found):
            return self._error(request, 404, f"Generation {gen_id} not found")
        data = await self._reply(request, gen, submit=False)
        if "meta" not in data:
            return _http.json(200, data)
        return _http.json(200, data, **self._cost_headers(gen))

    def _find_file(self, request: web.Request) -> Generation | web.Response:
        """The generation whose file a URL names, or the 403/404 the file host would answer."""
        # The exact request target: a URL decoded or re-encoded on the way is another URL.
        gen, expires = self._links.get(request.raw_path, (None, None))
        if gen is None:
            known = any(link.split("?")[0] == request.path for link in self._links)
            if known or request.path.startswith(SIGNED_HOSTS):
                self.stats["bad_signatures"] += 1
                return self._error(request, 403, "SignatureDoesNotMatch: not the URL issued")
            return self._error(request, 404, "File not found")
        if gen.fails or time.time() < gen.completes_at:
            return self._error(request, 404, "File not found")
        if expires is not None and time.time() > expires:
            self.stats["expired_links"] += 1
            return self._error(request, 403, "AccessDenied: Request has expired")
        return gen

    async def _file(self, request: web.Request) -> web.StreamResponse:
        found = self._find_file(request)
        if not isinstance(found, Generation):
            return found
        gen, data = found, await self._video_bytes(found)
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
        if gen.download == "slow":
            self.stats["slow_downloads"] += 1
            await send_slowly(response, chunk)
        elif self._faults.cuts(gen, start):
            self.stats["cut_downloads"] += 1
            await send_cut(request, response, chunk)
        else:
            await response.write(chunk)
            await response.write_eof()
        return response

    async def _logs(self, request: web.Request) -> web.StreamResponse:
        """`GET /v2/logs`: the key's rows, a page at a time (see `_logs.py`)."""
        self.stats["logs_requests"] += 1
        key = _http.bearer(request)
        if not self._authorised(key):
            return self._error(request, 401, "Invalid API key")
        generations = self.generations.values()
        answer = self._log.answer(key, request.query, generations, self.config.prices)
        if isinstance(answer, Problem):
            return self._error(request, answer.status, answer.message, **answer.headers)
        return _http.json(200, answer)

    async def _stats(self, request: web.Request) -> web.StreamResponse:
        duplicates = sum(1 for count in self._submits_by_request.values() if count > 1)
        return _http.json(200, {**self.stats, "duplicate_submits": duplicates})

    async def _list(self, request: web.Request) -> web.StreamResponse:
        return _http.json(200, [gen.listing() for gen in self.generations.values()])


async def _tracing_headers(request: web.Request, response: web.StreamResponse) -> None:
    """Echo a valid `X-Client-Request-Id`; name the inference a submit or poll was about."""
    client_request_id = _http.client_request_id(request)
    if client_request_id is not None:
        response.headers["x-client-request-id"] = client_request_id
    inference_id = request.get(_http.INFERENCE)
    if inference_id is not None:
        response.headers["x-inference-id"] = inference_id


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


def _served_on(model: str, path: str) -> bool:
    """Whether `path` takes submits of `model`: every model on the universal path (unknown
    ones too, when the emulator lets them through), a legacy path only its own models."""
    if path == _http.UNIVERSAL:
        return True
    info = model_info(model)
    if info is None:
        return False
    return path in info.legacy_paths or (path == _http.LEGACY and info.legacy)


def _out_of_range(name: str, field: FieldInfo, value: Any) -> str | None:
    """The 400 text for a number or string outside the table's range for it, or None."""
    if field.type in ("integer", "number"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"Body validation error! {name} must be a number"
        if not math.isfinite(value):
            return f"Body validation error! {name} must be a finite number"
        if field.minimum is not None and value < field.minimum:
            return f"Body validation error! {name} must be >= {field.minimum}"
        if field.maximum is not None and value > field.maximum:
            return f"Body validation error! {name} must be <= {field.maximum}"
    if isinstance(value, str) and field.max_length is not None and len(value) > field.max_length:
        return f"Body validation error! {name} must be at most {field.max_length} characters"
    return None


def _validate(body: Any, *, unknown_models: bool = False) -> str | None:
    """The server's view of a body: the text of a 400, or None when it is acceptable.

    Like the real server it checks presence, choices and ranges (numbers, string lengths),
    not every rule the SDK checks, and refuses a model it does not serve (unless
    `unknown_models`: a server newer than the table).
    """
    if not isinstance(body, Mapping):
        return "Body validation error! body must be a JSON object"
    model, prompt = body.get("model"), body.get("prompt")
    if not isinstance(model, str) or not model:
        return "Body validation error! model is required"
    info = model_info(model)
    if prompt is not None and (not isinstance(prompt, str) or not prompt):
        return "Body validation error! prompt must be a non-empty string"
    if info is None and not unknown_models:
        return f"Body validation error! model {model!r} is not a model of this API"
    if info is None:
        return None if prompt else "Body validation error! prompt is required"
    for name, field in info.fields.items():
        value = body.get(name)
        if value is None:
            if field.required:
                return f"Body validation error! {name} is required"
            continue
        if field.choices and value not in field.choices:
            return f"Body validation error! {name} must be one of {list(field.choices)}"
        if (problem := _out_of_range(name, field, value)) is not None:
            return problem
    for group in info.alternatives:
        given = [name for name in group.fields if body.get(name) is not None]
        if len(given) < group.least or (group.most is not None and len(given) > group.most):
            return f"Body validation error! send {group.describe()}"
    return None
