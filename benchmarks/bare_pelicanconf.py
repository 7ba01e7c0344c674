"""Bare Pelican 4.12 with its default theme (notmyidea), as the baseline for
benchmarks/bench.py.  PATH and OUTPUT_PATH come from the command line:

    python3 -m pelican CORPUS/pelican -o OUT -s benchmarks/bare_pelicanconf.py

Everything is Pelican's default except what is listed here.
"""

SITENAME = "أرشيف (Pelican)"
SITEURL = ""
AUTHOR = "أرشيف"
TIMEZONE = "Africa/Casablanca"
DEFAULT_LANG = "ar"
PLUGINS = []
DEFAULT_PAGINATION = 20

# The corpus has no static files, pages or drafts; read only the articles.
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = []
STATIC_PATHS = []

# What had to change to build without FileOverwriteFailedError: nothing
# (checked at 1,000, 4,000 and 10,000 articles of benchmarks/corpus.py).
# * Pelican's default ASCII slugify (unidecode) turns Arabic names into
#   consonant skeletons; two different tags with one skeleton are *merged*
#   (URLWrapper equality is by slug) into one page, they do not collide
#   (7 pairs of the corpus's 3,000 tags, e.g. «الشباب الجديد» and
#   «الشباب الجديدة» are both tag/lshbb-ljdyd.html).
# * The default PAGINATION_PATTERNS glue the page number to the name
#   (tag/x2.html is page 2 of «x»): that would overwrite the page of a tag
#   whose slug is "x2", but the corpus tags contain no digits.  If a corpus
#   ever does, give each list a folder of its own:
# PAGINATION_PATTERNS = (
#     (1, "{url}", "{save_as}"),
#     (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
# )

# Feeds stay at Pelican's defaults (all.atom.xml and one per category).
