"""Which store a Journal target names: a path or `sqlite:///...` is SQLite, a `postgresql://`
(or `postgres://`) URL is PostgreSQL.

The one place that knows the store modules: a new store is a new module and a scheme here.
"""

from __future__ import annotations

import urllib.parse
from pathlib import Path

from aiovideo.core import ConfigurationError
from aiovideo.tools.journal._sqlite import SQLiteStore
from aiovideo.tools.journal._store import Store, without_password

__all__ = ["open_store"]


def open_store(target: str | Path) -> Store:
    """Open the store `target` names.

    Args:
        target: a file path (SQLite), or a URL: `sqlite:///jobs.sqlite` (relative, as
            SQLAlchemy spells it) or `sqlite:////var/jobs.sqlite` (absolute), or
            `postgresql://user@host/database` (libpq's URL; `postgres://` too).

    Returns:
        The opened store, its schema up to date.

    Raises:
        ConfigurationError: the target names no store this aiovideo has, psycopg is not
            installed for a PostgreSQL URL, or the store cannot be opened or used.
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
        return _postgres(target)
    raise ConfigurationError(
        f"journal {without_password(target)}: unknown scheme {parts.scheme!r}; a journal is a "
        "file path, a sqlite:/// URL or a postgresql:// URL"
    )


def _postgres(url: str) -> Store:
    # Imported here: psycopg is an extra (`aiovideo[postgres]`), needed only by this store.
    try:
        from aiovideo.tools.journal._postgres import PostgresStore  # noqa: PLC0415
    except ImportError as exc:
        raise ConfigurationError(
            f"journal {without_password(url)}: a PostgreSQL journal needs psycopg: "
            f"pip install 'aiovideo[postgres]' ({exc})"
        ) from exc
    return PostgresStore(url)
