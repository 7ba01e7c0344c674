"""Publishing: taking a finished build's output folder to where readers get it.

This stage owns GitHub Pages (``gh_pages``: ``.nojekyll`` and ``CNAME`` in
the output, the 1 GB size check, and the push with ghp-import), incremental
upload to S3-compatible storage, sending only files whose content changed
(``deploy_s3``), the offline zip for a USB stick or a hard disk
(``bundle``), and the ZIM file for Kiwix (``zim``, with ``png``, the small
encoder of its illustration).  Everything here reads a finished output
folder; only ``gh_pages`` also takes part in the build, as a plugin that
writes its two files.  Each runs from ``invoke`` (``gh-pages``, ``deploy``,
``bundle``, ``zim``) only after a build passed.
"""
