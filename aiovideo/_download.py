"""Downloads: stream a video to disk in chunks, atomically, resuming with Range after a cut.

The file is written to a temporary name beside the target and renamed into place only once
its size matches Content-Length (and the API's `file_size`, when given). A broken connection
resumes from the bytes already written with a `Range` request. The API key is never sent:
the file URL may be on another host.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

import aiohttp

from aiovideo._exceptions import ResponseFormatError, TransportError
from aiovideo._transport import error_for_status

if TYPE_CHECKING:
    from aiovideo._budget import Budget
    from aiovideo._types import Video

__all__ = ["download", "download_once"]

CHUNK = 256 * 1024


async def _fetch_into(
    session: aiohttp.ClientSession, url: str, handle: os.PathLike[str] | str, offset: int
) -> tuple[int, int | None]:
    """Append the bytes from `offset` on; return (bytes now on disk, total size or None)."""
    headers = {"Range": f"bytes={offset}-"} if offset else {}
    async with session.get(url, headers=headers) as resp:
        if resp.status >= 400:
            raise error_for_status(resp.status, (await resp.text(errors="replace"))[:2000])
        total: int | None = None
        if resp.status == 206:
            content_range = resp.headers.get("Content-Range", "")
            _, _, size = content_range.rpartition("/")
            total = int(size) if size.isdigit() else None
        else:
            offset = 0  # the server ignored Range: start over
            if resp.content_length is not None:
                total = resp.content_length
        with open(handle, "r+b" if offset else "wb") as out:  # noqa: ASYNC230  (small local writes)
            out.seek(offset)
            async for chunk in resp.content.iter_chunked(CHUNK):
                out.write(chunk)
                offset += len(chunk)
            out.truncate(offset)
        return offset, total


async def download(
    session: aiohttp.ClientSession,
    video: Video,
    path: Path,
    *,
    budget: Budget | None = None,
    attempts: int = 4,
) -> Path:
    """Stream `video` to `path`; see the module docstring.

    Raises:
        TransportError: the connection failed `attempts` times.
        APIStatusError: the file server answered an error status.
        ResponseFormatError: the size on disk disagrees with the announced size.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.part")
    offset = partial.stat().st_size if partial.exists() else 0
    total: int | None = None
    try:
        for attempt in range(attempts):
            try:
                slot = budget.slot() if budget is not None else contextlib.nullcontext()
                async with slot:
                    offset, total = await _fetch_into(session, video.url, partial, offset)
                break
            except (TimeoutError, aiohttp.ClientPayloadError, aiohttp.ClientConnectionError) as exc:
                offset = partial.stat().st_size if partial.exists() else 0
                if attempt == attempts - 1:
                    raise TransportError(
                        f"download of {video.id or video.url} failed after {attempts} tries "
                        f"({offset} bytes kept for the next try): {type(exc).__name__}",
                        request_sent=True,
                    ) from exc
                await asyncio.sleep(min(0.2 * 2**attempt, 2.0))
        for source, expected in (("Content-Length", total), ("the API", video.file_size)):
            if expected is not None and offset != expected:
                raise ResponseFormatError(
                    f"download of {video.id or video.url}: got {offset} bytes, "
                    f"{source} said {expected}"
                )
        os.replace(partial, path)
    except ResponseFormatError:
        with contextlib.suppress(OSError):
            partial.unlink()  # a wrong size is not worth resuming
        raise
    return path


async def download_once(video: Video, path: Path) -> Path:
    """Download with a short-lived session (for a Video whose client is gone)."""
    async with aiohttp.ClientSession() as session:
        return await download(session, video, path)
