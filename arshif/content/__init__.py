"""Reading and validation: from the files under ``content/`` to validated
``Article`` and ``Page`` objects, with every problem found on the way.

This stage owns what happens to each source file and to the archive as a
whole before any page is planned: walking the content folder without
following links out of it (``files``), splitting front matter from the body
(``frontmatter``), the field rules and the checks only the whole archive can
make (``validate``), strict dates and their display (``dates``), the section
tree (``sections``), Arabic text normalisation (``text``), the Markdown body
(``markup``), loading one file (``sources``) and the whole archive, in
parallel and through the content-hash cache (``archive``, ``cache``), the
objects that come out (``model``) and the problems reported (``problems``).
Nothing here knows about pages, templates or Pelican's machinery.
"""
