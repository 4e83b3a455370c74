"""`python -m aiovideo`: the command line."""

from aiovideo._cli import main

main()
