"""Data generated from the provider's own specs, each file beside the script that remakes it.

`models.json` is written by `python -m aiovideo.core._data.generate_models PATH` from a checkout of
`aimlapi/api-docs`; nothing here is written by hand, and the core reads it, never the script.
"""
