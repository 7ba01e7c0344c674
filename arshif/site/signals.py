"""Arshif's own signal for post-build steps (ledger, search index, bundles).

``built`` is sent once every page is written, with ``output_path``,
``records`` (one per source file) and ``newsroom``.
"""

from blinker import signal

built = signal("arshif-built")
