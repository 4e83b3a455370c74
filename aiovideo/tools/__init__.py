"""The tools built on the core's public names: the journal, the batch runner with its gallery
and progress display, and the command line. They import `aiovideo.core` (never its private
modules) and the testing kit's public `Emulator` (the CLI's `--emulator`)."""
