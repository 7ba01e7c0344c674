"""Arshif settings for local builds (``invoke build``).  ``publishconf.py``
adds what a public deployment needs."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:  # the local plugins live in the arshif package here
    sys.path.insert(0, HERE)

SITENAME = "أرشيف"
SITESUBTITLE = "أرشيف الأخبار المغربية"
# The home page's meta description (what search engines show under its title).
ARSHIF_DESCRIPTION = ("أرشيف الأخبار المغربية: السياسة والمجتمع والاقتصاد والرياضة والثقافة، "
                      "مصنفة حسب الأقسام والوسوم والتاريخ.")
ARSHIF_COPYRIGHT = "© أرشيف. جميع الحقوق محفوظة."
SITEURL = ""
DEFAULT_LANG = "ar"
TIMEZONE = "Africa/Casablanca"
ARSHIF_TIMEZONE = TIMEZONE

PATH = os.path.join(HERE, "content")
OUTPUT_PATH = os.path.join(HERE, "output")
THEME = os.path.join(HERE, "theme")
DELETE_OUTPUT_DIRECTORY = True

# Arshif reads and writes articles and pages itself (see arshif/site/generator.py):
# Pelican's own generators would skip bad files and exit 0.
PLUGIN_PATHS = [HERE]
# Order matters for post-build steps: the ledger checks the output last.
PLUGINS = ["arshif.site.generator", "arshif.outputs.feeds", "arshif.outputs.sitemap",
           "arshif.outputs.search", "arshif.publish.gh_pages", "arshif.outputs.reader_index",
           "arshif.outputs.latest", "arshif.outputs.ledger"]
ARTICLE_PATHS = []
PAGE_PATHS = []
DIRECT_TEMPLATES = []
# Content files copied as they are.  Arshif copies them itself (checking
# symbolic links); Pelican's static generator only copies the theme's files.
STATIC_PATHS = []
ARSHIF_STATIC_PATHS = ["images"]
STATIC_EXCLUDES = []
THEME_STATIC_DIR = "theme"
THEME_STATIC_PATHS = ["static"]
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TAG_FEED_ATOM = None
CACHE_CONTENT = False

JINJA_ENVIRONMENT = {
    "autoescape": True,  # Pelican's default is off; article HTML is sanitised, then marked safe
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": [],
}

# Loaded articles are cached by content hash here (a warm rebuild re-reads only
# what changed); delete the folder at will.  None turns the cache off.
ARSHIF_CACHE_PATH = os.path.join(HERE, "cache", "articles")
# Fingerprints of written pages: unchanged pages are linked, not re-rendered.
ARSHIF_PAGE_CACHE_PATH = os.path.join(HERE, "cache")
ARSHIF_JOBS = None  # processes for reading articles (None: one per CPU)

ARSHIF_PER_PAGE = 20
ARSHIF_READ_ALSO_AFTER = 3  # the «إقرأ أيضًا» block goes after this paragraph
ARSHIF_RELATED_COUNT = 5

# The section tree: Arabic name, Latin slug (used in URLs), children.
# Order on the site is the order here.
ARSHIF_SECTIONS = [
    {"name": "سياسة", "slug": "politics"},
    {"name": "مجتمع", "slug": "society", "children": [
        {"name": "تربية وتعليم", "slug": "education"},
        {"name": "جهات", "slug": "regions"},
        {"name": "حوادث", "slug": "incidents"},
    ]},
    {"name": "بانوراما", "slug": "panorama", "children": [
        {"name": "الأنشطة الملكية", "slug": "royal-activities"},
        {"name": "بورتريه", "slug": "portrait"},
        {"name": "تاريخ المغرب", "slug": "moroccan-history"},
    ]},
    {"name": "خارج الحدود", "slug": "abroad", "children": [
        {"name": "مغاربة العالم", "slug": "moroccans-abroad"},
        {"name": "إفريقيا", "slug": "africa"},
        {"name": "الشرق الأوسط", "slug": "middle-east"},
        {"name": "دولي", "slug": "international"},
    ]},
    {"name": "اقتصاد", "slug": "economy"},
    {"name": "رياضة", "slug": "sports"},
    {"name": "تكنولوجيا وعلوم", "slug": "tech-science"},
    {"name": "ثقافة وفن", "slug": "culture"},
    {"name": "حوارات", "slug": "interviews"},
    {"name": "الرأي", "slug": "opinion"},
    {"name": "مختصرات", "slug": "briefs"},
    {"name": "تقارير", "slug": "reports"},
    {"name": "إنفوغرافيك", "slug": "infographics"},
]
