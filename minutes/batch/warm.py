"""Imported by the forkserver of ``minutes batch`` (``set_forkserver_preload``): the server
builds the normalizer and the grammar once, and every worker forked from it starts warm."""

from .work import warm_up

warm_up()
