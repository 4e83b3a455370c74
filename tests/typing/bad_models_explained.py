"""With mypy's `deprecated` error code on (editors show it by default), a call whose fields do
not fit its known model also says why (tests/core/test_typed.py runs mypy on this file)."""

# mypy: enable-error-code="deprecated"

from __future__ import annotations

import aiovideo


async def mistake(client: aiovideo.Client) -> None:
    await client.submit(model="google/veo3", prompt="a fox", duration=7)  # error: deprecated
