"""`python -m aiovideo`: the command line."""

from aiovideo.tools.cli import main

main()
