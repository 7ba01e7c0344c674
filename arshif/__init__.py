"""Arshif: a static site generator for Arabic news archives, built on Pelican.

Each submodule owns one concern.  Modules with a ``register()`` are Pelican
plugins (the thin glue); everything else is plain functions and data classes
that tests call without a build.
"""
