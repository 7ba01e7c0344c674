"""The newsroom: what the published articles are, taken together, built once
per build from the validated articles and before any page is planned.

This stage owns the model every list and every page reads (``model``: the
articles newest first, each section's articles with its descendants', the
monthly and yearly archives, the home page's lead story and blocks, the
previous/next links within a section), tags and authors as terms with one
page each whatever their spelling (``taxonomy``), and «إقرأ أيضًا», the
related articles of each article, cached between builds (``related``).  It
is built in (near) linear time from the objects of ``arshif.content`` and
renders nothing.
"""
