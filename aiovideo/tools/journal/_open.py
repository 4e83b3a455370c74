"""Which store a Journal target names: a path or `sqlite:///...` is SQLite.

The one place that knows the store modules: a new store is a new module and a scheme here.
"""

from __future__ import annotations

import urllib.parse
from pathlib import Path

from aiovideo.core import ConfigurationError
from aiovideo.tools.journal._sqlite import SQLiteStore
from aiovideo.tools.journal._store import Store

__all__ = ["open_store"]


def open_store(target: str | Path) -> Store:
    """Open the store `target` names.

    Args:
        target: a file path (SQLite), or a URL: `sqlite:///jobs.sqlite` (relative, as
            SQLAlchemy spells it) or `sqlite:////var/jobs.sqlite` (absolute).

    Returns:
        The opened store, its schema up to date.

    Raises:
        ConfigurationError: the target names no store this aiovideo has (PostgreSQL is not
            yet supported), or the store cannot be opened or used.
    """
    if isinstance(target, Path) or "://" not in target:
        return SQLiteStore(target)
    parts = urllib.parse.urlsplit(target)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        if parts.netloc or not parts.path.startswith("/") or len(parts.path) < 2:
            raise ConfigurationError(
                f"journal {target!r}: a SQLite URL is sqlite:///relative/file or "
                "sqlite:////absolute/file (no host)"
            )
        return SQLiteStore(parts.path[1:])
    if scheme in ("postgresql", "postgres"):
        raise ConfigurationError(
            f"journal {_without_password(parts)}: a PostgreSQL journal is not yet supported; "
            "use a SQLite file (a path, or sqlite:///file)"
        )
    raise ConfigurationError(
        f"journal {_without_password(parts)}: unknown scheme {parts.scheme!r}; a journal is a "
        "file path or a sqlite:/// URL"
    )


def _without_password(parts: urllib.parse.SplitResult) -> str:
    """The URL as messages may show it: a password is never printed."""
    if parts.password is None:
        return parts.geturl()
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    return parts._replace(netloc=f"{parts.username}:***@{host}").geturl()
