"""The importer: pages of the old portal (saved HTML or a WordPress export)
become Markdown articles under ``content/articles/YYYY/MM/``.

Entry point: :func:`arshif.importer.cli.run_import`.  The modules each do one
thing: ``inputs`` finds the files, ``charset`` decodes them, ``jsonld`` and
``extract`` read the metadata of an HTML page, ``body`` turns the article's
own content into Markdown, ``images`` finds and copies pictures,
``sections_map`` maps old categories onto the section tree, ``wxr`` reads
WordPress exports, ``plan`` decides paths and related links, ``writer``
writes front matter and the import state, ``report`` prints the result.
"""
