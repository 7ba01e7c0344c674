"""Settings for the public site (GitHub Pages): ``pelicanconf.py`` plus the
public address, which turns on absolute feed URLs, canonical links and the
sitemap.  Set the address here or with the ARSHIF_SITEURL environment
variable (e.g. https://user.github.io/archive)."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = os.environ.get("ARSHIF_SITEURL", "https://example.github.io/arshif").rstrip("/")
# A custom domain for GitHub Pages, written to output/CNAME when set.
ARSHIF_CNAME = os.environ.get("ARSHIF_CNAME", "")
# The build fails when the output (Pagefind's index included) is bigger than
# what GitHub Pages publishes (1 GB), instead of the deployment failing later.
ARSHIF_MAX_SITE_BYTES = 1_000_000_000
