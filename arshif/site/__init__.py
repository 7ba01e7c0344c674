"""The site: which pages exist, and writing them, from the newsroom model.

This stage owns the Pelican glue that runs the whole build and sends
Arshif's ``built`` signal to the post-build steps (``generator``,
``signals``), the plan of every page as a plain list of jobs (``plan``) with
list pages counted from the oldest article (``pagination``), the Jinja side
of writing them with relative links and only inside the output folder
(``writer``), and rendering them in parallel while reusing, on a warm
rebuild, every page whose fingerprint did not change (``render``,
``fingerprint``), with what the next build reuses kept in the cache folder
(``state``).  What is written after the pages (feeds, indexes, the
ledger) listens to ``signals.built``.
"""
