"""aioresponses on every aiohttp the package supports.

aioresponses 0.7.9 (the newest) builds its `ClientResponse` without the `stream_writer` keyword
that aiohttp 3.14 made required (pnuckowski/aioresponses#289, open), so every mocked request
fails with a TypeError there. `aioresponses(...)` from this module hands aioresponses a response
class that supplies it; on aiohttp before 3.14 it is the plain `ClientResponse`. Drop this
module once an aioresponses release supports 3.14.
"""

from __future__ import annotations

import inspect
import types
from typing import Any, Self

import aiohttp
from aioresponses import aioresponses as _aioresponses

__all__ = ["aioresponses"]

_NEEDS_STREAM_WRITER = "stream_writer" in inspect.signature(aiohttp.ClientResponse).parameters


class _Response(aiohttp.ClientResponse):
    """A ClientResponse aioresponses can build: the request counts as sent, 0 bytes written."""

    def __init__(self, method: str, url: Any, **kwargs: Any) -> None:
        kwargs.setdefault("stream_writer", types.SimpleNamespace(output_size=0))
        super().__init__(method, url, **kwargs)


class aioresponses(_aioresponses):  # the name of the class it stands in for
    """`aioresponses.aioresponses`, whose mocked responses build on aiohttp 3.14 too."""

    def __enter__(self) -> Self:
        super().__enter__()
        return self

    def add(self, url: Any, method: str = "GET", **kwargs: Any) -> None:  # type: ignore[override]
        if kwargs.get("response_class") is None and _NEEDS_STREAM_WRITER:
            kwargs["response_class"] = _Response
        super().add(url, method, **kwargs)
