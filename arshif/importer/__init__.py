"""The importer: pages of the old portal (saved HTML or a WordPress export)
become Markdown articles under ``content/articles/YYYY/MM/``.

Entry point: :func:`arshif.importer.cli.run_import`.  One concern per module:

* finding and reading inputs: ``inputs``, ``charset``, ``html_page``, ``wxr``
  (with ``autop`` for WordPress post text);
* metadata of a page: ``page_kind`` (article or list?), ``extract``,
  ``jsonld``, ``html_meta``, ``datetimes``, ``urls``, ``sections_map``;
* the body: ``body`` (with ``boilerplate``, ``blocks``, ``dateline``,
  ``pictures``, ``markdown``) and ``images`` (local copies);
* writing: ``archive`` (what is already there), ``plan`` (paths, picture
  names, related slugs), ``apply`` and ``writer`` (files and import state),
  ``report``.
"""
