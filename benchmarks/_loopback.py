"""What the benchmark scripts share to talk to an emulator they started on 127.0.0.1.

Imported by its plain name: a script run as `python benchmarks/X.py` has this folder first
on `sys.path`.
"""

from __future__ import annotations

import json
import socket
import urllib.request
from typing import Any

__all__ = ["free_port", "get_json"]


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now (for a child process to listen on)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def get_json(url: str) -> Any:
    """The JSON a loopback URL answers (the emulator's `/_emulator/...` pages)."""
    with urllib.request.urlopen(url, timeout=60) as resp:  # noqa: S310  (loopback only)
        return json.loads(resp.read())
