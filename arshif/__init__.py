"""Arshif: a static site generator for Arabic news archives, built on Pelican.

The sub-packages follow the pipeline, one stage each: ``content`` (reading
and validation), ``newsroom`` (the model built from the articles), ``site``
(planning and rendering the pages), ``outputs`` (feeds, sitemap, structured
data, search and indexes) and ``publish`` (GitHub Pages, S3, the zip, the
ZIM); ``importer`` turns saved pages and WordPress exports into Markdown.
The entry points stay here: ``build`` (with ``build_lock``), ``preview`` and
``scaffold``.  Each module owns one concern.  Modules with a ``register()``
are Pelican plugins (the thin glue); everything else is plain functions and
data classes that tests call without a build.
"""
