"""``python -m generator``: the same as the ``episode-site`` command."""

from .cli import main

main()
