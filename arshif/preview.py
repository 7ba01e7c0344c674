"""The live preview (``invoke livereload``) under the site's Content-Security-Policy.

The ``livereload`` server (2.7.1) injects an inline script before ``</head>``
of every HTML page it serves; that script adds ``/livereload.js`` (served on the
same port) and that one opens a WebSocket to the same port.  The policy allows
scripts and connections of the site's own origin only, so the inline script
was refused and the page never reloaded.  Live-preview builds (non-strict
builds asked for with ``ARSHIF_LIVERELOAD``) allow exactly that inline script,
by its hash; a strict build (``invoke build``, ``gh-pages``, ``bundle``, ``zim``)
never does, whatever the settings say (arshif/build.py).
"""

from __future__ import annotations

import base64
import hashlib

# livereload.server.Server.application, for serve() without ``liveport``.
LIVERELOAD_SNIPPET = (
    '<script type="text/javascript">(function(){'
    'var s=document.createElement("script");'
    "var port=(window.location.port || (window.location.protocol == 'https:' ? 443: 80));"
    's.src="//"+window.location.hostname+":"+port'
    '+ "/livereload.js?port=" + port;'
    'document.head.appendChild(s);'
    '})();</script>'
)


def snippet_source() -> str:
    """The CSP source that allows the injected script: ``'sha256-…'``."""
    body = LIVERELOAD_SNIPPET.removeprefix('<script type="text/javascript">')
    body = body.removesuffix("</script>")
    digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"
