"""A local emulator of the AI/ML API video endpoints: a real aiohttp server on 127.0.0.1.

It serves the universal path, the legacy Google path and the per-vendor legacy paths with the
real envelope, each model family in its own reply shapes (`_families.py`: ids of six forms,
`generation_id`-only submit replies, `video` as an object, a list, bare URLs or a string,
`succeeded`, pre-signed and expiring file URLs) and its own prices (cost in `meta.usage` and the
`x-aimlapi-*` headers), refuses model ids it does not serve, and moves each generation through
queued -> generating -> completed/error over a configurable time, and serves real MP4 files
(with a strong ETag, Range and If-Range, so that resumes can be checked). Faults are injected on
demand: failures, a global requests/second limit answering 429 with Retry-After, 5xx, dropped
connections, slow replies, HTML error pages, downloads cut halfway.

It also serves the tracing headers (`X-Client-Request-Id` echoed, `x-inference-id` on every
submit and poll) and the usage log `GET /v2/logs`, whose rows appear only once a generation has
finished (the provider records the charge then), optionally later still.

It never imports the client: the two meet only over HTTP. `/_emulator/stats` and
`/_emulator/generations` expose its counters and each generation's completion time.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import datetime as dt
import hashlib
import math
import random
import re
import time
import uuid
from collections.abc import Mapping
from typing import Any, Literal, Self

import attrs
from aiohttp import web

from aiovideo.core._models import MODELS
from aiovideo.testing._families import (
    CREDITS_PER_USD,
    DEFAULT_SHAPE,
    SHAPES,
    Shape,
    family_of_id,
    make_id,
    price,
    usage,
)
from aiovideo.testing._mp4 import frame_size, render_mp4

__all__ = ["Emulator", "EmulatorConfig", "Script"]

UNIVERSAL = "/v2/video/generations"
LEGACY = "/v2/generate/video/google/generation"
LOGS = "/v2/logs"
# What a generation costs: 2,000,000 credits to the dollar, as in every published example.
# Every path a model is served on besides the universal one: the legacy Google path and the
# per-vendor legacy paths of the model table.
LEGACY_PATHS = frozenset(
    {LEGACY, *(path for model in MODELS.values() for path in model.legacy_paths)}
)
# docs/capabilities/request-tracing-and-cost.md: 1-128 characters of this alphabet, else dropped.
_CLIENT_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
# An id the provider could have issued (uuid, `uuid:vendor/model.path`, nanoid, numeric, vendor
# ids): on a poll whose id does not look like one, `x-inference-id` is left out.
_INFERENCE_ID = re.compile(r"[A-Za-z0-9._:/-]{1,256}")
_PERIOD = re.compile(r"([1-9][0-9]{0,6})([hd])")
_MAX_WINDOW = dt.timedelta(days=92)
# A "slow" scripted download: this many bytes, then this pause, to the end of the file.
_SLOW_CHUNK = 4096
_SLOW_PAUSE = 0.05
_HTML = "<html><head><title>502 Bad Gateway</title></head><body>bad gateway</body></html>"


def _request_key(name: str, kind: type) -> Any:
    """A key for a request's own storage (what a handler hands to the tracing middleware).

    aiohttp 3.14 warns (`NotAppKeyWarning`) on a string key and offers `web.RequestKey`; the
    releases before it, which the package still supports (>= 3.9), have no `RequestKey` and take
    string keys silently. A user's suite under `filterwarnings = error` sees no warning on either.
    """
    make = getattr(web, "RequestKey", None)
    return name if make is None else make(name, kind)


_REQUEST_ID = _request_key("aiovideo_request_id", str)
_INFERENCE = _request_key("aiovideo_inference_id", str)
_BODY = _request_key("aiovideo_body", object)


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
        submit_reply_delay: seconds between creating (and billing) a generation and sending
            the submit reply; a client that gives up meanwhile leaves a billed generation
            behind, the "POST billed, never answered" case.
        logs_delay: seconds after a row's event (a generation finishing, a submit refused)
            before `GET /v2/logs` shows it; the provider's figures come from an analytics
            pipeline.
        logs_rate_limit, logs_rate_window: `GET /v2/logs` answers 429 past this many requests
            per key in this many seconds (the provider's 200 per 60 s).
        unknown_models: accept models the table does not know (a newer server) instead of
            the 400 the real API answers for a model id it does not serve.
        prices: USD per generation by model id, over the family's price per second of video
            (see `_families.SHAPES`).
        link_ttl: seconds every file URL stays valid after its generation completes, over
            each family's own (Kling's links expire after 600 s, the others never).
        seed: for the random draws (not for ids, which are always fresh).
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
    submit_reply_delay: float = 0.0
    logs_delay: float = 0.0
    unknown_models: bool = False
    prices: Mapping[str, float] = attrs.field(factory=dict)
    link_ttl: float | None = None
    logs_rate_limit: int = 200
    logs_rate_window: float = 60.0
    seed: int | None = None


@attrs.frozen(kw_only=True)
class Script:
    """What the emulator does with the submits a rule matches (see `Emulator.script`).

    Attributes:
        prompt: a substring of the prompt the rule matches (None: any prompt).
        model: the model id the rule matches (None: any model).
        fail: the generation ends with status `error` and this message.
        seconds: the generation takes this long.
        not_found: its first this many status checks answer 404.
        rate_limited: this many matching submits are answered 429 before one is accepted.
        retry_after: the `Retry-After` of those 429s, in seconds.
        download: "slow" sends its file a little at a time, "cut" cuts the first download of
            it off halfway.
        times: how many submits the rule applies to (None: every one).
    """

    prompt: str | None = None
    model: str | None = None
    fail: str | None = None
    seconds: float | None = None
    not_found: int = 0
    rate_limited: int = 0
    retry_after: float = 0.0
    download: Literal["slow", "cut"] | None = None
    times: int | None = None

    def matches(self, body: Mapping[str, Any]) -> bool:
        """Whether a submit's body is one this rule is about."""
        prompt = body.get("prompt")
        if self.prompt is not None and not (isinstance(prompt, str) and self.prompt in prompt):
            return False
        return self.model is None or body.get("model") == self.model


@attrs.define
class _Rule:
    script: Script
    used: int = 0  # submits it applied to
    refused: int = 0  # submits it answered 429


@attrs.define
class _Generation:
    id: str
    model: str
    body: dict[str, Any]
    submitted: float  # wall clock, so other processes can compare
    seconds: float
    fails: bool
    path: str  # the path it was submitted on
    shape: Shape
    token: str = attrs.Factory(lambda: uuid.uuid4().hex)  # names its file
    key: str = ""  # the API key it was submitted with: the usage log is per key
    client_request_id: str | None = None
    request_id: str = attrs.Factory(lambda: str(uuid.uuid4()))
    logged: bool = True  # False for adopted ids, whose submit this process never served
    polls: int = 0
    error: str = "the model refused the prompt"
    not_found: int = 0  # its first this many polls answer 404 (a script's)
    download: str | None = None  # "slow" or "cut" (a script's)

    @property
    def completes_at(self) -> float:
        return self.submitted + self.seconds

    @property
    def legacy(self) -> bool:
        return self.path != UNIVERSAL


@attrs.frozen
class _Refusal:
    """A submit answered with an error: a failed row of the usage log, at zero cost."""

    inference_id: str
    request_id: str
    key: str
    model: str
    client_request_id: str | None
    at: float  # wall clock


def _error_body(
    status: int, message: str, path: str, request_id: str | None = None
) -> dict[str, Any]:
    return {
        "message": message,
        "path": path,
        "requestId": request_id or str(uuid.uuid4()),
        "statusCode": status,
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()),
    }


def _client_request_id(request: web.Request) -> str | None:
    """The request's `X-Client-Request-Id` when valid; None when absent or malformed (dropped)."""
    value = request.headers.get("X-Client-Request-Id", "")
    return value if _CLIENT_REQUEST_ID.fullmatch(value) else None


def _bearer(request: web.Request) -> str:
    auth = request.headers.get("Authorization", "")
    return auth[len("Bearer ") :].strip() if auth.startswith("Bearer ") else ""


def _iso(moment: float) -> str:
    """A wall-clock moment as the usage log writes it: `2026-07-02T03:04:05.000Z`."""
    stamp = dt.datetime.fromtimestamp(moment, dt.UTC).isoformat(timespec="milliseconds")
    return stamp.replace("+00:00", "Z")


def _moment(text: str) -> float | None:
    """An ISO-8601 time as epoch seconds (no offset means UTC); None when malformed."""
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.timestamp()


def _window(query: Mapping[str, str], now: float) -> tuple[float, float] | str:
    """The (start, end) of a usage-log query in epoch seconds, or the text of its 400."""
    period, start, end = query.get("period"), query.get("start"), query.get("end")
    if period is not None:
        if start is not None or end is not None:
            return "Provide either period or start and end, not both"
        match = _PERIOD.fullmatch(period)
        if match is None:
            return f"period must be a positive integer followed by h or d, got {period!r}"
        count, unit = int(match[1]), match[2]
        span = dt.timedelta(hours=count) if unit == "h" else dt.timedelta(days=count)
        if span > _MAX_WINDOW:
            return f"The window must not exceed 92 days, got {period}"
        return now - span.total_seconds(), now
    if start is None or end is None:
        return "Provide either period or both start and end"
    first, last = _moment(start), _moment(end)
    if first is None or last is None:
        return f"start and end must be ISO-8601 times, got {start!r} and {end!r}"
    if last < first:
        return "end must not be earlier than start"
    if last - first > _MAX_WINDOW.total_seconds():
        return "The window must not exceed 92 days"
    return first, last


def _row(
    created: float, model: str, request_id: str, inference_id: str, client_request_id: str | None
) -> dict[str, Any]:
    """A usage-log row as `logs-v2.json` draws it: succeeded and free until told otherwise."""
    return {
        "created": _iso(created),
        "status": "succeeded",
        "origin": "api",
        "model": model,
        "cost": {"usd": 0.0, "credits": 0},
        "tokens": {"input": 0, "output": 0, "total": 0},  # video is not billed per token
        "request_id": request_id,
        "inference_id": inference_id,
        "client_request_id": client_request_id,
    }


def _shape_of(model: str) -> Shape:
    spec = MODELS.get(model)
    return SHAPES.get(spec.family, DEFAULT_SHAPE) if spec is not None else DEFAULT_SHAPE


def _served_on(model: str, path: str) -> bool:
    """Whether `path` takes submits of `model`: every model on the universal path (unknown
    ones too, when the emulator lets them through), a legacy path only its own models."""
    if path == UNIVERSAL:
        return True
    spec = MODELS.get(model)
    if spec is None:
        return False
    return path in spec.legacy_paths or (path == LEGACY and spec.legacy)


def _validate(body: Any, *, unknown_models: bool = False) -> str | None:
    """The server's view of a body: the text of a 400, or None when it is acceptable.

    Like the real server it checks presence and choices, not every rule the SDK checks, and
    refuses a model it does not serve (unless `unknown_models`: a server newer than the table).
    """
    if not isinstance(body, Mapping):
        return "Body validation error! body must be a JSON object"
    model, prompt = body.get("model"), body.get("prompt")
    if not isinstance(model, str) or not model:
        return "Body validation error! model is required"
    spec = MODELS.get(model)
    if prompt is not None and (not isinstance(prompt, str) or not prompt):
        return "Body validation error! prompt must be a non-empty string"
    if spec is None and not unknown_models:
        return f"Body validation error! model {model!r} is not a model of this API"
    if spec is None:
        return None if prompt else "Body validation error! prompt is required"
    for name, field in spec.fields.items():
        value = body.get(name)
        if value is None:
            if field.required:
                return f"Body validation error! {name} is required"
            continue
        if field.choices and value not in field.choices:
            return f"Body validation error! {name} must be one of {list(field.choices)}"
    for group in spec.alternatives:
        given = [name for name in group.fields if body.get(name) is not None]
        if len(given) < group.least or (group.most is not None and len(given) > group.most):
            return f"Body validation error! send {group.describe()}"
    return None


class Emulator:
    """The emulator server. Use `async with Emulator(config) as emu:` then `emu.base_url`."""

    def __init__(self, config: EmulatorConfig | None = None) -> None:
        self.config = config or EmulatorConfig()
        self._random = random.Random(self.config.seed)
        # Ids are never drawn from the seeded generator: two emulators (two runs against one
        # journal) must not hand out the same id.
        self._ids = random.SystemRandom()
        self._generations: dict[str, _Generation] = {}
        # The file URLs issued (path and query, exactly as written): their generation, and
        # when the link expires (None: never).
        self._links: dict[str, tuple[_Generation, float | None]] = {}
        self._videos: dict[tuple[float, int, int], bytes] = {}
        self.stats: collections.Counter[str] = collections.Counter()
        self.submits_by_request: collections.Counter[str] = collections.Counter()
        self._window_start = 0.0
        self._window_count = 0
        self._cuts_left = self.config.cut_downloads
        self._rules: list[_Rule] = []
        self._refusals: list[_Refusal] = []
        self._logs_calls: dict[str, collections.deque[float]] = {}
        self._closing = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.base_url = ""
        self.app = web.Application()
        self.app.router.add_post(UNIVERSAL, self._submit)
        self.app.router.add_get(UNIVERSAL, self._poll)
        for path in sorted(LEGACY_PATHS):
            self.app.router.add_post(path, self._submit)
            self.app.router.add_get(path, self._poll)
        for host in ("files", "oss", "tos", "kling", "fal"):
            self.app.router.add_get(f"/{host}/{{tail:.+}}", self._file)
        self.app.router.add_get(LOGS, self._logs)
        self.app.router.add_get("/_emulator/stats", self._stats)
        self.app.router.add_get("/_emulator/generations", self._list)
        self.app.on_response_prepare.append(self._tracing_headers)

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
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

    async def __aenter__(self) -> Self:
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
        request[_REQUEST_ID] = request_id = str(uuid.uuid4())
        return self._json(status, _error_body(status, message, request.path, request_id), **headers)

    async def _tracing_headers(self, request: web.Request, response: web.StreamResponse) -> None:
        """Echo a valid `X-Client-Request-Id`; name the inference a submit or poll was about."""
        client_request_id = _client_request_id(request)
        if client_request_id is not None:
            response.headers["x-client-request-id"] = client_request_id
        inference_id = request.get(_INFERENCE)
        if inference_id is not None:
            response.headers["x-inference-id"] = inference_id

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
        key = _bearer(request)
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

    def _status(self, gen: _Generation) -> str:
        elapsed = time.time() - gen.submitted
        if elapsed < gen.seconds * self.config.queued_fraction:
            return "queued"
        if elapsed < gen.seconds:
            return "generating"
        return "error" if gen.fails else gen.shape.done

    def _reply(self, request: web.Request, gen: _Generation, *, submit: bool) -> dict[str, Any]:
        """The JSON of a submit or status reply, in the shape of `gen`'s family."""
        status, shape = self._status(gen), gen.shape
        if submit and (gen.legacy or shape.submit_id_key != "id"):
            data: dict[str, Any] = {"generation_id": gen.id, "status": status}
        else:
            data = {"id": gen.id, "status": status, "video": None, "error": None}
        if submit and not gen.fails:  # the cost is stated on the submit reply; failures are free
            data["meta"] = {"usage": usage(shape, *self._price(gen))}
        if status == shape.done:
            data["video"] = self._video_field(request, gen)
            data["meta"] = {"usage": usage(shape, *self._price(gen))}
        elif status == "error":
            data["error"] = {"name": "GenerationError", "message": gen.error}
        return data

    def _price(self, gen: _Generation) -> tuple[int, float]:
        """(credits, USD) of `gen`: the config's price for its model, else its family's."""
        given = self.config.prices.get(gen.model)
        if given is not None:
            credits = round(given * CREDITS_PER_USD)
            return credits, credits / CREDITS_PER_USD
        return price(gen.shape, self._duration(gen))

    def _cost_headers(self, gen: _Generation) -> dict[str, str]:
        credits, usd = self._price(gen)
        return {"x-aimlapi-credits-used": str(credits), "x-aimlapi-usd-spent": f"{usd:.9f}"}

    def _video_field(self, request: web.Request, gen: _Generation) -> Any:
        url = self._link(request, gen)
        shape = gen.shape
        if shape.video == "url":
            return url
        if shape.video == "urls":
            return [url]
        if shape.video == "objects":
            return [{"url": url}]
        return {
            "url": url,
            "content_type": "video/mp4",
            "file_name": f"{gen.token}.mp4",
            "file_size": len(self._video_bytes(gen)),
            "duration": self._duration(gen),
        }

    def _link(self, request: web.Request, gen: _Generation) -> str:
        """The file URL of a completed `gen`, as its family's host would write it.

        Pre-signed forms carry percent-escapes (`%2F`, `%3D`) in their path or signature: the
        file is served only at the exact URL issued, so a client that decodes or re-encodes a
        URL gets the 403 a real signed URL would give.
        """
        ttl = self.config.link_ttl if self.config.link_ttl is not None else gen.shape.link_ttl
        expires = int(gen.completes_at + ttl) if ttl is not None else None
        signature = hashlib.sha256(f"{gen.token}{expires}".encode()).hexdigest()[:24]
        name, form = gen.token, gen.shape.link
        if form == "oss":
            path = f"/oss/videos%2F{name}.mp4?Expires={expires or 4102444800}"
            path += f"&OSSAccessKeyId=emulator&Signature={signature}%2F%3D"
        elif form == "tos":
            path = f"/tos/{name}.mp4?X-Tos-Algorithm=TOS4-HMAC-SHA256&X-Tos-Expires=86400"
            path += f"&X-Tos-Signature={signature}"
        elif form == "kling":
            path = f"/kling/{name}.mp4?x-expires={expires}&x-signature={signature}"
        elif form == "fal":
            path = f"/fal/files/{name}/output.mp4"
        else:
            path = f"/files/{name}.mp4"
        self._links[path] = (gen, expires)
        return f"{request.scheme}://{request.host}{path}"

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
        response = await self._accept(request)
        if _INFERENCE not in request:  # refused: an inference id of its own, no generation
            request[_INFERENCE] = str(uuid.uuid4())
            key = _bearer(request)
            if response.status != 401 and key:
                await self._refuse(request, key)
        return response

    async def _refuse(self, request: web.Request, key: str) -> None:
        """Log a refused submit as a failed, free row (the model as sent, if it can be read)."""
        body = request.get(_BODY)
        if body is None:  # refused before the body was read (429, injected faults)
            with contextlib.suppress(ValueError):
                body = await request.json()
        model = body.get("model") if isinstance(body, Mapping) else None
        if not isinstance(model, str):
            model = "unknown"
        self._refusals.append(
            _Refusal(
                inference_id=request[_INFERENCE],
                request_id=request.get(_REQUEST_ID) or str(uuid.uuid4()),
                key=key,
                model=model,
                client_request_id=_client_request_id(request),
                at=time.time(),
            )
        )

    async def _accept(self, request: web.Request) -> web.StreamResponse:
        refused = await self._gate(request, submit=True)
        if refused is not None:
            return refused
        try:
            request[_BODY] = body = await request.json()
        except ValueError:
            return self._error(request, 400, "Body validation error! body is not JSON")
        problem = _validate(body, unknown_models=self.config.unknown_models)
        if problem:
            return self._error(request, 400, problem)
        if not _served_on(body["model"], request.path):
            return self._error(
                request, 400, f"Body validation error! model {body['model']} is not served here"
            )
        rule = self._rule_for(body)
        if rule is not None and rule.refused < rule.script.rate_limited:
            rule.refused += 1
            retry_after = f"{rule.script.retry_after:g}"
            return self._error(request, 429, "Too many requests", **{"Retry-After": retry_after})
        shape = _shape_of(body["model"])
        gen_id = make_id(shape, body["model"], self._ids)
        gen = self._create(gen_id, body, path=request.path, shape=shape)
        if rule is not None:
            rule.used += 1
            self._apply(rule.script, gen)
        gen.key, gen.client_request_id = _bearer(request), _client_request_id(request)
        request[_INFERENCE] = gen.id
        self.stats["submits"] += 1
        self.stats["billed_submits"] += 1  # created, so billed, whether or not the reply arrives
        digest = hashlib.sha256(repr(sorted(body.items())).encode()).hexdigest()
        self.submits_by_request[digest] += 1
        if self.config.submit_reply_delay > 0:
            # The reply is held back; a client that hangs up meanwhile still leaves `gen`.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closing.wait(), self.config.submit_reply_delay)
        headers = {} if gen.fails else self._cost_headers(gen)
        return self._json(200, self._reply(request, gen, submit=True), **headers)

    def script(self, **rule: Any) -> Script:
        """Script what happens to the generations of matching submits (first rule wins).

        Args:
            **rule: the fields of a `Script`: what it matches (`prompt` substring, `model`)
                and what it does (`fail`, `seconds`, `not_found`, `rate_limited`,
                `retry_after`, `download`, `times`).

        Returns:
            The rule as added.
        """
        script = Script(**rule)
        self._rules.append(_Rule(script))
        return script

    def _rule_for(self, body: Mapping[str, Any]) -> _Rule | None:
        for rule in self._rules:
            times = rule.script.times
            if (times is None or rule.used < times) and rule.script.matches(body):
                return rule
        return None

    def _apply(self, script: Script, gen: _Generation) -> None:
        if script.fail is not None:
            gen.fails, gen.error = True, script.fail
        if script.seconds is not None:
            gen.seconds = script.seconds
        gen.not_found = script.not_found
        gen.download = script.download

    def _create(
        self, gen_id: str, body: dict[str, Any], *, path: str, shape: Shape
    ) -> _Generation:
        cfg = self.config
        gen = _Generation(
            id=gen_id,
            model=body["model"],
            body=body,
            submitted=time.time(),
            seconds=self._random.uniform(cfg.min_seconds, cfg.max_seconds),
            fails=self._random.random() < cfg.failure_rate,
            path=path,
            shape=shape,
        )
        self._generations[gen.id] = gen
        return gen

    def _adopt(self, gen_id: str, path: str) -> _Generation | None:
        """A generation for an id of one of the emulator's forms that it never issued."""
        found = family_of_id(gen_id)
        if found is None:
            return None
        family, model = found
        if not model:  # the id names no model: its family's first one stands in
            model = next(m.id for m in MODELS.values() if m.family == family)
        shape = _shape_of(model) if not family else SHAPES.get(family, DEFAULT_SHAPE)
        self.stats["adopted"] += 1
        body = {"model": model, "prompt": "(adopted)"}
        gen = self._create(gen_id, body, path=path, shape=shape)
        gen.logged = False  # its submit was served elsewhere, so no row of this log
        return gen

    async def _poll(self, request: web.Request) -> web.StreamResponse:
        gen_id = request.query.get("generation_id", "")
        if _INFERENCE_ID.fullmatch(gen_id):
            request[_INFERENCE] = gen_id
        refused = await self._gate(request, submit=False)
        if refused is not None:
            return refused
        self.stats["polls"] += 1
        gen = self._generations.get(gen_id)
        if gen is None and self.config.adopt_unknown_ids:
            gen = self._adopt(gen_id, request.path)
        if gen is not None:
            gen.polls += 1
        if gen is None or gen.polls <= max(self.config.not_found_polls, gen.not_found):
            return self._error(request, 404, f"Generation {gen_id} not found")
        data = self._reply(request, gen, submit=False)
        if "meta" not in data:
            return self._json(200, data)
        return self._json(200, data, **self._cost_headers(gen))

    async def _file(self, request: web.Request) -> web.StreamResponse:
        # The exact request target: a URL decoded or re-encoded on the way is another URL.
        gen, expires = self._links.get(request.raw_path, (None, None))
        if gen is None:
            known = any(link.split("?")[0] == request.path for link in self._links)
            if known or request.path.startswith(("/oss/", "/tos/", "/kling/")):
                self.stats["bad_signatures"] += 1
                return self._error(request, 403, "SignatureDoesNotMatch: not the URL issued")
            return self._error(request, 404, "File not found")
        if gen.fails or time.time() < gen.completes_at:
            return self._error(request, 404, "File not found")
        if expires is not None and time.time() > expires:
            self.stats["expired_links"] += 1
            return self._error(request, 403, "AccessDenied: Request has expired")
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
        if gen.download == "slow":
            self.stats["slow_downloads"] += 1
            for index in range(0, len(chunk), _SLOW_CHUNK):
                await response.write(chunk[index : index + _SLOW_CHUNK])
                await asyncio.sleep(_SLOW_PAUSE)
            await response.write_eof()
            return response
        cut = gen.download == "cut"
        if (self._cuts_left > 0 or cut) and not start:
            if cut:
                gen.download = None  # once: the resume gets the rest
            else:
                self._cuts_left -= 1
            self.stats["cut_downloads"] += 1
            await response.write(chunk[: len(chunk) // 2])
            assert request.transport is not None
            request.transport.close()
            return response
        await response.write(chunk)
        await response.write_eof()
        return response

    def _log_rows(self, key: str, now: float) -> list[tuple[float, int, dict[str, Any]]]:
        """The usage-log rows of `key` recorded by `now`, as (created, order, row)."""
        delay = self.config.logs_delay
        rows: list[tuple[float, int, dict[str, Any]]] = []
        for order, gen in enumerate(self._generations.values()):
            if not gen.logged or gen.key != key or now < gen.completes_at + delay:
                continue
            row = _row(gen.submitted, gen.model, gen.request_id, gen.id, gen.client_request_id)
            if gen.fails:
                row["status"] = "failed"
            else:
                credits, usd = self._price(gen)
                row["cost"] = {"usd": usd, "credits": credits}
            rows.append((gen.submitted, order, row))
        offset = len(self._generations)
        for order, refusal in enumerate(self._refusals, start=offset):
            if refusal.key != key or now < refusal.at + delay:
                continue
            row = _row(
                refusal.at,
                refusal.model,
                refusal.request_id,
                refusal.inference_id,
                refusal.client_request_id,
            )
            row["status"] = "failed"
            rows.append((refusal.at, order, row))
        return rows

    def _logs_over_limit(self, key: str) -> float | None:
        """Seconds until `key` may call `GET /v2/logs` again, or None when it may now."""
        now = time.monotonic()
        calls = self._logs_calls.setdefault(key, collections.deque())
        while calls and calls[0] <= now - self.config.logs_rate_window:
            calls.popleft()
        if len(calls) >= self.config.logs_rate_limit:
            return calls[0] + self.config.logs_rate_window - now
        calls.append(now)
        return None

    async def _logs(self, request: web.Request) -> web.StreamResponse:
        """`GET /v2/logs`: one row per request, newest first, a page at a time.

        Follows the provider's `docs/api-references/service-endpoints/logs-v2.json` (and
        `usage-logs.md` for its errors) in `aimlapi/api-docs`: the envelope
        `{"data": [...], "pagination": {limit, offset, total, has_more}}`, each row's fields,
        `limit` 1-100 defaulting to 50, `status` only `succeeded`/`failed` (so a comma-separated
        value is a 400) while a comma-separated `model` is one name that matches nothing.
        """
        self.stats["logs_requests"] += 1
        key = _bearer(request)
        if not key or (self.config.api_key is not None and key != self.config.api_key):
            return self._error(request, 401, "Invalid API key")
        wait = self._logs_over_limit(key)
        if wait is not None:
            retry_after = str(max(1, math.ceil(wait)))
            return self._error(request, 429, "Too many requests", **{"Retry-After": retry_after})
        query, now = request.query, time.time()
        window = _window(query, now)
        if isinstance(window, str):
            return self._error(request, 400, window)
        prefix = query.get("key_prefix")
        if prefix is not None and not key.startswith(prefix):
            return self._error(request, 403, "A regular key may only list its own requests")
        models, statuses = query.getall("model", []), query.getall("status", [])
        if len(models) > 50:
            return self._error(request, 400, f"At most 50 model values, got {len(models)}")
        for status in statuses:
            if status not in {"succeeded", "failed"}:
                return self._error(
                    request, 400, f"status must be succeeded or failed, got {status!r}"
                )
        limit, offset = query.get("limit", "50"), query.get("offset", "0")
        if not limit.isdigit() or not 1 <= int(limit) <= 100:
            return self._error(request, 400, f"limit must be an integer 1-100, got {limit!r}")
        if not offset.isdigit():
            return self._error(request, 400, f"offset must be an integer >= 0, got {offset!r}")
        first, last = window
        rows = [
            (created, order, row)
            for created, order, row in self._log_rows(key, now)
            if first <= created <= last
            and (not models or row["model"] in models)
            and (not statuses or row["status"] in statuses)
        ]
        rows.sort(key=lambda item: (item[0], item[1]), reverse=True)  # newest first
        start, size = int(offset), int(limit)
        page = [row for _, _, row in rows[start : start + size]]
        pagination = {
            "limit": size,
            "offset": start,
            "total": len(rows),
            "has_more": start + len(page) < len(rows),
        }
        return self._json(200, {"data": page, "pagination": pagination})

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
                    "client_request_id": g.client_request_id,
                }
                for g in self._generations.values()
            ],
        )
