"""The API's URL paths, in one place: every path the core calls (the emulator keeps its own).

A leaf: it imports nothing, so the model table, the routing and the usage-log pager all read
the same strings.
"""

__all__ = ["LEGACY_PATH", "LOGS_PATH", "UNIVERSAL_PATH"]

#: Where every video model is submitted and polled, unless the table says otherwise.
UNIVERSAL_PATH = "/v2/video/generations"
#: The legacy Google path (`Client(legacy=True)`) for the Veo models it serves.
LEGACY_PATH = "/v2/generate/video/google/generation"
#: The usage logs of a key (`Client.usage_logs`).
LOGS_PATH = "/v2/logs"
