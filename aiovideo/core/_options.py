"""Options checked once, where they are given: the API key, the base URL, positive numbers.

Pure: reads the environment for the key and base URL, nothing else. Each check raises
`ConfigurationError` with the value and what would have been accepted.
"""

from __future__ import annotations

import math
import os
import re
from urllib.parse import urlsplit

from aiovideo.core._exceptions import ConfigurationError

__all__ = [
    "BASE_URL_VARIABLE",
    "DEFAULT_BASE_URL",
    "KEY_VARIABLES",
    "check_int",
    "check_positive",
    "is_number",
    "is_positive",
    "mask_key",
    "request_id_header",
    "resolve_base_url",
    "resolve_key",
]

DEFAULT_BASE_URL = "https://api.aimlapi.com"
#: Where the key is read from when none is given, in this order.
KEY_VARIABLES = ("AIMLAPI_API_KEY", "AIML_API_KEY")
BASE_URL_VARIABLE = "AIMLAPI_BASE_URL"
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


# A key this long does not turn up in text by chance: every copy of it is masked, wherever
# it stands (glued to other text, quoted as `%22KEY`, as `KEY_old`). Real keys are longer.
_LONG_KEY = 8


def mask_key(text: str, key: str) -> str:
    """`text` with every copy of the API `key` masked as `***`.

    A key shorter than 8 characters (a test's `"k"`, a placeholder) is masked only where no
    letter or digit touches it: masking every `k` would turn "Invalid API key" into
    "Invalid API ***ey".
    """
    if not key or key not in text:
        return text
    if len(key) >= _LONG_KEY:
        return text.replace(key, "***")
    return re.sub(rf"(?<![A-Za-z0-9]){re.escape(key)}(?![A-Za-z0-9])", "***", text)


def is_number(value: object) -> bool:
    """Whether `value` is an int or a float (a bool is not a number here)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def is_positive(value: object, *, finite: bool = True) -> bool:
    """Whether `value` is a number above 0 (and, when `finite`, not an infinity or NaN)."""
    if not is_number(value):
        return False
    assert isinstance(value, int | float)
    return value > 0 and (not finite or math.isfinite(value))


def check_positive(name: str, value: object, *, allow_none: bool = True) -> None:
    """Refuse an option that is not a positive, finite number of seconds (or None, if allowed).

    Raises:
        ConfigurationError: naming the option and the value.
    """
    if value is None and allow_none:
        return
    if not is_positive(value):
        raise ConfigurationError(f"{name} must be a positive number of seconds, got {value!r}")


def check_int(name: str, value: object, minimum: int) -> None:
    """Refuse an option that is not an int of at least `minimum`.

    Raises:
        ConfigurationError: naming the option and the value.
    """
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise ConfigurationError(f"{name} must be an int >= {minimum}, got {value!r}")


def resolve_key(api_key: object) -> str:
    """The API key given, else the first of `KEY_VARIABLES` set.

    Raises:
        ConfigurationError: no key, not a string, or one that cannot be the key (the message
            never shows it).
    """
    if api_key is None:
        for name in KEY_VARIABLES:
            api_key = os.environ.get(name)
            if api_key:
                break
    if api_key is not None and not isinstance(api_key, str):
        raise ConfigurationError(f"api_key must be a string, got {type(api_key).__name__}")
    if not api_key:
        first, second = KEY_VARIABLES
        raise ConfigurationError(f"no API key: pass api_key=... or set {first} (or {second})")
    # Refused rather than stripped or encoded: such a key cannot be the one the user meant,
    # and a CR/LF in a header is an injection. The message never shows the key.
    if not all("!" <= char <= "~" for char in api_key):
        raise ConfigurationError(
            "the API key holds whitespace, a control character or non-ASCII text; "
            "copy it again from the dashboard"
        )
    return api_key


def _redacted(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparsable URL>" if "@" in url else url
    if "@" not in parts.netloc:
        return url
    host = parts.netloc.rpartition("@")[2]
    return parts._replace(netloc=f"***@{host}").geturl()


def resolve_base_url(base_url: object) -> str:
    """The API root: the one given, else `BASE_URL_VARIABLE`, else `DEFAULT_BASE_URL`.

    Returns:
        The root without a trailing slash or `/v2` (the paths carry their own `/v2`).

    Raises:
        ConfigurationError: not an http(s)://host[:port] URL, or one carrying user info.
    """
    if base_url is not None and not isinstance(base_url, str):
        raise ConfigurationError(f"base_url must be a string, got {type(base_url).__name__}")
    url = base_url or os.environ.get(BASE_URL_VARIABLE) or DEFAULT_BASE_URL
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError for a port out of range)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigurationError(
            f"bad base URL {_redacted(url)!r}: expected http(s)://host[:port], "
            f"e.g. {DEFAULT_BASE_URL}"
        )
    if parts.username is not None or parts.password is not None:
        raise ConfigurationError(
            f"bad base URL {_redacted(url)!r}: user info is not allowed (the key goes in "
            "api_key, sent as a bearer token)"
        )
    root = url.rstrip("/")
    if root.endswith("/v2"):
        root = root[: -len("/v2")]
    return root


def request_id_header(client_request_id: str | None) -> dict[str, str] | None:
    """The `X-Client-Request-Id` header; refused here, as the server would drop it silently.

    Raises:
        ConfigurationError: not 1-128 characters of A-Za-z0-9._:-.
    """
    if client_request_id is None:
        return None
    if not isinstance(client_request_id, str) or not _REQUEST_ID.fullmatch(client_request_id):
        raise ConfigurationError(
            f"client_request_id must be 1-128 characters of A-Za-z0-9._:-, "
            f"got {client_request_id!r}"
        )
    return {"X-Client-Request-Id": client_request_id}
