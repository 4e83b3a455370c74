"""What goes wrong, on purpose: scripted outcomes aimed at matching submits, and the faults the
configuration injects (a requests/second limit, slow replies, dropped connections, HTML error
pages, 5xx, downloads sent slowly or cut off halfway)."""

from __future__ import annotations

import asyncio
import collections
import random
import time
from collections.abc import Mapping
from typing import Any, Literal

import attrs
from aiohttp import web

from aiovideo.testing import _http
from aiovideo.testing._config import EmulatorConfig
from aiovideo.testing._generations import Generation

__all__ = ["Faults", "Rule", "Script", "Scripts", "send_cut", "send_slowly"]

_HTML = "<html><head><title>502 Bad Gateway</title></head><body>bad gateway</body></html>"
# A "slow" scripted download: this many bytes, then this pause, to the end of the file.
_SLOW_CHUNK = 4096
_SLOW_PAUSE = 0.05


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
        """Whether a submit's body is one this rule is about.

        Args:
            body: the submit's JSON body.

        Returns:
            True when both its prompt and its model match (an absent criterion matches all).
        """
        prompt = body.get("prompt")
        if self.prompt is not None and not (isinstance(prompt, str) and self.prompt in prompt):
            return False
        return self.model is None or body.get("model") == self.model


@attrs.define
class Rule:
    """A script as added, with how often it has acted."""

    script: Script
    used: int = 0  # submits it applied to
    refused: int = 0  # submits it answered 429

    def refuses(self) -> bool:
        """Whether it answers this submit 429 (counting it when it does)."""
        if self.refused >= self.script.rate_limited:
            return False
        self.refused += 1
        return True

    def apply(self, gen: Generation) -> None:
        """Aim the script's outcome at a generation just created."""
        self.used += 1
        script = self.script
        if script.fail is not None:
            gen.fails, gen.error = True, script.fail
        if script.seconds is not None:
            gen.seconds = script.seconds
        gen.not_found = script.not_found
        gen.download = script.download


@attrs.define
class Scripts:
    """The rules in the order added: the first that matches a submit and has uses left wins."""

    _rules: list[Rule] = attrs.Factory(list)

    def add(self, **fields: Any) -> Script:
        """Add a rule of `Script`'s fields; a field it does not have raises TypeError."""
        script = Script(**fields)
        self._rules.append(Rule(script))
        return script

    def rule_for(self, body: Mapping[str, Any]) -> Rule | None:
        """The rule a submit's body falls under, if any."""
        for rule in self._rules:
            times = rule.script.times
            if (times is None or rule.used < times) and rule.script.matches(body):
                return rule
        return None


class Faults:
    """The configured faults: the server-wide rate limit and the random ones on requests."""

    def __init__(
        self, config: EmulatorConfig, rng: random.Random, stats: collections.Counter[str]
    ) -> None:
        self._config = config
        self._random = rng
        self._stats = stats
        self._window_start = 0.0
        self._window_count = 0
        self._cuts_left = config.cut_downloads

    def over_limit(self) -> bool:
        """Whether this request goes over `rps_limit` (a fixed one-second window)."""
        limit = self._config.rps_limit
        if limit is None:
            return False
        now = time.monotonic()
        if now - self._window_start >= 1.0:
            self._window_start, self._window_count = now, 0
        self._window_count += 1
        return self._window_count > limit

    async def inject(self, request: web.Request) -> web.StreamResponse | None:
        """Draw this request's faults: wait when slow; a reply to send instead, or None.

        Raises:
            ConnectionResetError: the connection was dropped (the handler ends with it).
        """
        cfg, draw = self._config, self._random.random
        if cfg.slow_rate and draw() < cfg.slow_rate:
            self._stats["slow"] += 1
            await asyncio.sleep(cfg.slow_seconds)
        if cfg.drop_rate and draw() < cfg.drop_rate:
            self._stats["dropped"] += 1
            assert request.transport is not None
            request.transport.close()
            raise ConnectionResetError("dropped by the emulator")
        if cfg.html_rate and draw() < cfg.html_rate:
            self._stats["html"] += 1
            return web.Response(status=502, text=_HTML, content_type="text/html")
        if cfg.server_error_rate and draw() < cfg.server_error_rate:
            status = self._random.choice((500, 503))
            return _http.error(request, self._stats, status, "Internal server error")
        return None

    def cuts(self, gen: Generation, start: int) -> bool:
        """Whether this download (from byte `start`) is cut off halfway.

        Only a download from the start is cut, so a client's resume gets the rest: a script's
        "cut" once per generation, `cut_downloads` of the first downloads.
        """
        if start:
            return False
        if gen.download == "cut":
            gen.download = None  # once: the resume gets the rest
            return True
        if self._cuts_left > 0:
            self._cuts_left -= 1
            return True
        return False


async def send_slowly(response: web.StreamResponse, data: bytes) -> None:
    """Send `data` a chunk at a time with a pause between, and end the reply."""
    for index in range(0, len(data), _SLOW_CHUNK):
        await response.write(data[index : index + _SLOW_CHUNK])
        await asyncio.sleep(_SLOW_PAUSE)
    await response.write_eof()


async def send_cut(request: web.Request, response: web.StreamResponse, data: bytes) -> None:
    """Send the first half of `data`, then close the connection."""
    await response.write(data[: len(data) // 2])
    assert request.transport is not None
    request.transport.close()
