"""Outputs: the files written beside the pages, for machines, other sites and
the browser's scripts, each a function of the newsroom and the built pages.

This stage owns the Atom feeds (``feeds``), ``sitemap.xml`` and
``robots.txt`` (``sitemap``), JSON-LD and Open Graph data for article pages
(``structured``), the absolute URLs these need when the public address is
known (``urls``), the search shards, both the offline index and Pagefind's
bundles (``search``), the index behind the reader tools (``reader_index``),
``latest.js``, the latest headlines every page shows (``latest``), and the
ledger that accounts for every source file and fails a build that lost one
(``ledger``).  Structured data is rendered into the article pages; the
others are post-build steps, Pelican plugins listening to
``arshif.site.signals.built`` (the ledger last, as ``PLUGINS`` orders them).
"""
